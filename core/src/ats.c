/* ATS [IHI 0070 3.9, 4.5.1, 13.6, 13.7]: Translation Requests, translated transactions, ATC
 * invalidation. Placeholder: ATS is being built (issue 12). */
#include "smmu_internal.h"

smmu_status smmu_ats_translate(smmu_t *s, const smmu_txn *req, smmu_ats_completion *out)
{
    if (!s || !req || !out)
        return SMMU_E_INVAL;
    return SMMU_E_UNSUPPORTED;
}

smmu_status smmu_atc_inval_complete(smmu_t *s, uint64_t id, bool ok)
{
    (void)id, (void)ok;
    if (!s)
        return SMMU_E_INVAL;
    return SMMU_E_UNSUPPORTED;
}
