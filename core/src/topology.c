/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Topology (docs/exploration.md): TBUs with micro-TLBs and main TLBs in front of a TCU with
 * its main TLB, walk caches and IPA cache, and their counters. A model choice: no result
 * after the required invalidation depends on it.
 *
 * CONTRACT PLACEHOLDER: the counters read zero until the topology is built.
 */
#include <string.h>

#include "smmu_internal.h"

static smmu_status copy_out(void *out, size_t want, const void *src, size_t have)
{
    size_t n = want < have ? want : have;
    memcpy(out, src, n);
    memcpy(out, &want, sizeof(want)); /* struct_size stays the caller's */
    return SMMU_OK;
}

smmu_status smmu_get_tbu_stats(const smmu_t *s, unsigned tbu, smmu_tbu_stats *out)
{
    if (!s || !out || out->struct_size == 0 || tbu >= s->cfg.tbus)
        return SMMU_E_INVAL;
    smmu_tbu_stats zero;
    memset(&zero, 0, sizeof(zero));
    return copy_out(out, out->struct_size, &zero, sizeof(zero));
}

smmu_status smmu_get_tcu_stats(const smmu_t *s, smmu_tcu_stats *out)
{
    if (!s || !out || out->struct_size == 0)
        return SMMU_E_INVAL;
    smmu_tcu_stats zero;
    memset(&zero, 0, sizeof(zero));
    return copy_out(out, out->struct_size, &zero, sizeof(zero));
}
