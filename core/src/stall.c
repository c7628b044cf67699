/* Stalls [IHI 0070 3.12, 4.7.1, 4.7.2]: held transactions, STAGs, CMD_RESUME / CMD_STALL_TERM.
 * Placeholder: the stall model is being built (issue 12). */
#include "smmu_internal.h"

smmu_status smmu_stall_status(smmu_t *s, smmu_sec_sid sec, uint32_t sid, uint16_t stag,
                              smmu_stall_action *action)
{
    (void)sec, (void)sid, (void)stag;
    if (!s || !action)
        return SMMU_E_INVAL;
    return SMMU_E_UNSUPPORTED;
}
