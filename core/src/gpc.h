/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RME Root: the Root control page registers and the granule protection check (GPC) of every
 * access the SMMU makes or lets through [IHI 0070 3.25, 6.2.6, 6.3.110-119; Arm ARM D9].
 */
#ifndef SMMU_GPC_H
#define SMMU_GPC_H

#include <stdbool.h>
#include <stdint.h>

#include "regs_layout.h"
#include "smmu_internal.h"

/* Does any access need gpc_check()? (GPCEN completed, or ACCESSEN still 0.) One test when
 * RME is absent. */
static inline bool gpc_active(const struct smmu *s)
{
    return s->root.present &&
           ((s->root.cr0ack & SMMU_ROOT_CR0_GPCEN) || !(s->root.cr0ack & SMMU_ROOT_CR0_ACCESSEN));
}

/* Recompute s->xlate_extra after one of its inputs changed: root.present or root.cr0ack
 * (gpc_root_reset, ROOT_CR0 writes), env.trace (smmu_set_trace; smmu_create sets env
 * before its reset), the checker (s->chk, set before the reset), the topology's TBU caches
 * (s->topo.active, topology.h) or PMCG counting (s->pmcg_counting, pmcg.h). One field, so
 * that the translation hit path tests one byte for all. Whether results may be reused follows
 * it (reuse_changed). */
static inline void gpc_update_xlate_extra(struct smmu *s)
{
    const bool others = gpc_active(s) || s->env.trace != NULL || s->chk != NULL || s->pmcg_counting;
    s->xlate_extra = others || s->topo.active;
    s->reuse.tbu_path = !others && s->topo.active;
    reuse_changed(s);
}

/* Check an access of PA space `pas` at `pa` against the GPT [Arm ARM D9.4 order]. Returns
 * true if it may proceed; false if it must be terminated (ACCESSEN=0, a GPF or a GPT lookup
 * error), after recording the first fault in ROOT_GPF_FAR / ROOT_GPT_CFG_FAR with `orig`
 * as REASON/FAULTCODE and pulsing its interrupt. Call only when gpc_active(). The GPT is
 * read for every check (the model caches no GPT information). */
bool gpc_check(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig);

/* The output check of a client transaction whose result is OK or BYPASS [3.25.3]: a GPC
 * fault turns it into an external abort (SMMU_XLATE_ABORT, no event; the FAR has REASON =
 * TRANSACTION); otherwise the mapping res describes is narrowed to one physical granule, so
 * that an embedder caching it never bypasses the check of a neighbouring granule. Debug
 * transactions (SMMU_TXN_DEBUG) are checked but record nothing. Call only when
 * gpc_active(). */
void gpc_client_output(struct smmu *s, const smmu_txn *txn, smmu_result *res);

/* Root control page: reset, and register accesses at `off` within the page (already
 * known to come from Root PA space; size 4 or 8, naturally aligned). */
void gpc_root_reset(struct smmu *s);
/* Offsets with no register are RAZ/WI (SMMU_OK, *val = 0); a 64-bit access to a 32-bit
 * register is RAZ/WI and returns SMMU_E_SIZE. */
smmu_status gpc_root_read(struct smmu *s, unsigned off, unsigned size, uint64_t *val);
smmu_status gpc_root_write(struct smmu *s, unsigned off, unsigned size, uint64_t val);

#endif
