// SPDX-License-Identifier: Apache-2.0
//
// Run-time parameters of the SystemC module (docs/configuration.md, "From SystemC"), compiled
// and run by ctest: a module "top" makes its SMMU from a parameter source, and the values
// reach the module's configuration and the core's ID registers. Exits 0 when they do.
#include <iostream>
#include <memory>

#include <systemc>

#include "smmuv3/tlm/params.h"
#include "smmuv3/tlm/smmu_tlm.h"

struct top : sc_core::sc_module {
    std::unique_ptr<smmuv3::smmu_tlm> smmu;

    explicit top(const sc_core::sc_module_name &n) : sc_core::sc_module(n)
    {
        smmuv3::param_map values; // the simple source: name -> value
        values.set("top.smmu.tlb_entries", "256", "my_platform.cfg line 3");
        values.set("top.smmu.latency.tlb_hit", "2 ns", "my_platform.cfg line 4");
        smmu = std::make_unique<smmuv3::smmu_tlm>("smmu", values); // applies top.smmu.*
        check(*smmu);
    }
    static void check(const smmuv3::smmu_tlm &smmu)
    {
        const smmuv3::smmu_tlm_config &c = smmu.config();
        ok = c.core.tlb_entries == 256 && c.tlb_hit_latency == sc_core::sc_time(2, sc_core::SC_NS);
        std::cout << "tlb_entries " << c.core.tlb_entries << ", latency.tlb_hit "
                  << c.tlb_hit_latency << "\n";
    }
    static inline bool ok = false;
};

int sc_main(int, char *[])
{
    top t("top");
    return top::ok ? 0 : 1;
}
