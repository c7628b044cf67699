/* PRI [IHI 0070 ch. 8, 4.5.2]: the PRI queue, page requests, PRG responses.
 * Placeholder: PRI is being built (issue 12). */
#include "smmu_internal.h"

smmu_status smmu_pri_page_request(smmu_t *s, const smmu_page_request *req)
{
    if (!s || !req)
        return SMMU_E_INVAL;
    return SMMU_E_UNSUPPORTED;
}
