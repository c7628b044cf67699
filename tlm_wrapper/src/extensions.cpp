// SPDX-License-Identifier: Apache-2.0
#include "smmuv3/tlm/extensions.h"

namespace smmuv3 {

smmu_pa_space pa_space_of(const tlm::tlm_generic_payload &trans)
{
    const bus_attr_extension *ext = trans.get_extension<bus_attr_extension>();
    return ext ? ext->pas : SMMU_PAS_NS;
}

const char *pa_space_name(smmu_pa_space pas)
{
    switch (pas) {
    case SMMU_PAS_NS: return "Non-secure";
    case SMMU_PAS_SECURE: return "Secure";
    case SMMU_PAS_REALM: return "Realm";
    case SMMU_PAS_ROOT: return "Root";
    }
    return "invalid";
}

} // namespace smmuv3
