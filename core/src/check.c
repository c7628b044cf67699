/* The bring-up checker (docs/bring-up.md). Placeholder: being built (issue 12). */
#include "smmu_internal.h"

const char *smmu_check_rule_name(smmu_check_rule rule)
{
    (void)rule;
    return "unknown";
}

smmu_status smmu_observe_write(smmu_t *s, uint64_t pa, smmu_pa_space pas, const void *data,
                               size_t len)
{
    (void)pa, (void)pas, (void)len;
    if (!s || !data)
        return SMMU_E_INVAL;
    return SMMU_OK;
}
