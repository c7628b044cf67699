// SPDX-License-Identifier: Apache-2.0
//
// The platform's memory map (soc.h draws it): what the scenario loader checks buffers against
// and the firmware allocates from. No SystemC here: the loader and its fuzz target use it.
#ifndef SMMUV3_PLATFORM_LAYOUT_H
#define SMMUV3_PLATFORM_LAYOUT_H

#include <cstdint>

#include "smmuv3/smmuv3.h"

namespace smmuv3::platform {

constexpr uint64_t k_dma_ns_base = 0x1C0A0000, k_dma_s_base = 0x1C0B0000, k_dma_realm_base = 0x1C0C0000,
                   k_dma_size = 0x1000;
constexpr uint64_t k_smmu_base = 0x2B400000, k_smmu_size = 0x60000;
// The SMMU's PMCG frames (parameter pmcg_groups; docs/pmcg.md): group g at + g * 0x20000
constexpr uint64_t k_pmcg_base = 0x2C000000, k_pmcg_frame = 0x20000;
// The Root control page offset: IMPLEMENTATION DEFINED, told to the driver (as on Arm's FVP)
constexpr uint64_t k_smmu_root_page = 0x20000;
// Memory of every PA space: [0, 2^48) (the bus's memory target)
constexpr unsigned k_memory_bits = 48;

// Memory the firmware allocates its own structures from, one pool per PA space: queues,
// stream and CD tables, page tables (and a nested guest's table RAM), the GPT. A scenario's
// buffers must not overlap them.
struct reserved_region {
    smmu_pa_space pas;
    uint64_t base, size;
    const char *what;
};
constexpr reserved_region k_reserved[] = {
    {SMMU_PAS_NS, 0x80000000, 0x02000000, "Non-secure SMMU structures and page tables"},
    {SMMU_PAS_SECURE, 0x04000000, 0x01000000, "Secure SMMU structures and page tables"},
    {SMMU_PAS_REALM, 0x0C000000, 0x01000000, "Realm SMMU structures and page tables"},
    {SMMU_PAS_ROOT, 0x0E000000, 0x00400000, "Granule Protection Table"},
};

// The instance name of the platform's SMMU: its parameters are "top.smmu.<name>"
constexpr const char *k_smmu_instance = "top.smmu";

// The SMMU configuration the platform's firmware is written for, before any parameter is
// applied: smmu_config_init()'s, with RME.
inline smmu_config platform_core_config()
{
    smmu_config c;
    smmu_config_init(&c);
    c.sid_bits = 16;
    c.s_sid_bits = 16;
    // RME: the Root control page (GPC) and the Realm interface, with what REALM_IMPL requires
    // of the rest of the SMMU [IHI 0070 2.7.1]
    c.rme_impl = true;
    c.realm_impl = true;
    c.root_page_offset = k_smmu_root_page;
    c.e0pd = c.stt = c.fwb = c.xnx = c.had = true;
    c.bbml = 2;
    return c;
}

} // namespace smmuv3::platform

#endif
