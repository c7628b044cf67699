// The module's PMCG register frames (pmcg_socket; docs/pmcg.md): group g at g * 0x20000, page
// 1 at +0x10000; transactions counted through the socket, clock cycles of clock_period, and
// the overflow interrupt on pmcg_irq_port(g) [IHI 0070 ch. 10].
#include <gtest/gtest.h>

#include "tlm_support.h"

using namespace smmu_test;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

constexpr uint64_t kGroup1 = 0x20000, kPage1 = 0x10000;
constexpr uint64_t EVTYPER = 0x400, SMR = 0xA00, CNTENSET0 = 0xC00, INTENSET0 = 0xC40,
                   CR = 0xE04, IRQ_CTRL = 0xE50, CFGR = 0xE00;

TEST(PmcgModule, CountsTransactionsCyclesAndOverflowsThroughItsSocket)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.core.pmcg_groups = 2;
    cfg.clock_period = sc_time(1, SC_NS);
    platform p(1, cfg);
    reg_master pmu("pmu");
    pmu.socket.bind(p.smmu.pmcg_socket);
    sc_core::sc_signal<bool> irq1("pmcg_irq_1");
    ASSERT_NE(nullptr, p.smmu.pmcg_irq_port(1));
    p.smmu.pmcg_irq_port(1)->bind(irq1);
    EXPECT_EQ(nullptr, p.smmu.pmcg_irq_port(2));
    unsigned pulses = 0;
    p.spawn([&] {
        for (;;) {
            sc_core::wait(irq1.posedge_event());
            pulses++;
        }
    }, "irq_counter");
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 5, {{0x1000, k_ram, 0x1000}});
        p.enable(SMMU_SEC_NS);
        // NCTR 3, SIZE 63, RELOC_CTRS, MSI, CAPTURE: as the core's frame
        EXPECT_EQ(3u | 63u << 8 | 1u << 20 | 1u << 21 | 1u << 22, pmu.read(kGroup1 + CFGR, 4));
        // Group 1: counter 0 counts transactions of every StreamID, counter 1 cycles
        pmu.write(kGroup1 + EVTYPER, 4, (1u << 29) | 1);
        pmu.write(kGroup1 + SMR, 4, 0xFFFFFFFF);
        pmu.write(kGroup1 + EVTYPER + 4, 4, 0);
        pmu.write(kGroup1 + CNTENSET0, 8, 3);
        const sc_time enabled = sc_core::sc_time_stamp();
        pmu.write(kGroup1 + CR, 4, 1);
        for (int i = 0; i < 3; i++)
            EXPECT_EQ(0u, p.master(0, smmuv3::stream_extension(5)).read32(0x1000));
        EXPECT_EQ(3u, pmu.read(kGroup1 + kPage1, 8));
        // Cycles from the CR.E write to this access, 1 ns each
        const sc_time now = sc_core::sc_time_stamp();
        EXPECT_EQ(static_cast<uint64_t>((now - enabled) / sc_time(1, SC_NS)),
                  pmu.read(kGroup1 + kPage1 + 8, 8));
        EXPECT_EQ(0u, pmu.read(kPage1, 8)); // group 0 counts nothing
        // Overflow of counter 0 with its interrupt enabled: one pulse on pmcg_irq_1
        pmu.write(kGroup1 + kPage1, 8, ~0ull);
        pmu.write(kGroup1 + INTENSET0, 8, 1);
        pmu.write(kGroup1 + IRQ_CTRL, 4, 1);
        p.master(0).read32(0x1000);
        sc_core::wait(sc_time(5, SC_NS));
        EXPECT_EQ(0u, pmu.read(kGroup1 + kPage1, 8));
        EXPECT_EQ(1u, pmu.read(kGroup1 + kPage1 + 0xCC0, 8)); // OVSSET0
        EXPECT_EQ(1u, pulses);
    });
}

} // namespace
