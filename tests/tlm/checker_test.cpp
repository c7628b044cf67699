// SPDX-License-Identifier: Apache-2.0
// The test platform under the bring-up checker (docs/bring-up.md "The checker"): the test
// CPU's table writes reach the module's checker through smmu_tlm::observe_write, as an
// integrator reports them, so that a driver bug planted in a TLM test is found. In checker mode
// (ctest label "checker") every other TLM test runs the same way and must end with no finding.
#include <gtest/gtest.h>

#include "tlm_support.h"

using namespace smmu_test;

namespace {

constexpr uint64_t k_va = 0x40000000;

// The module with the checker on, whatever SMMU_TEST_CHECK says.
smmuv3::smmu_tlm_config checked_config()
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.core.check = true;
    return cfg;
}

uint64_t findings(platform &p) { return fake_mem_check_findings(p.smmu.core_handle()); }

// Inside run(): StreamID 1 maps k_va to PA 0x800000, and one DMA write makes the SMMU read
// (and cache) the leaf. Returns master 0 and the leaf: its PA, PA space and value.
struct leaf {
    uint64_t pa, desc;
    smmu_pa_space pas;
};
dma_master &cached_leaf(platform &p, leaf *l)
{
    pgt &pt = p.s1_stream(SMMU_SEC_NS, 1, {{k_va, 0x800000, 0x1000}});
    p.enable(SMMU_SEC_NS);
    dma_master &m = p.master(0, smmuv3::stream_extension(1));
    EXPECT_EQ(m.write32(k_va, 0x1234), tlm::TLM_OK_RESPONSE); // walk, TLB fill
    EXPECT_EQ(findings(p), 0u);
    uint64_t addr = 0;
    int level;
    EXPECT_EQ(pgt_leaf(&pt, k_va, &addr, &l->pas, &level, &l->desc), 0);
    l->pa = pgt_pa(&pt, addr);
    return m;
}

} // namespace

// Rule a, stale use [IHI 0070 3.21.1, 4.4]: the CPU makes a cached leaf descriptor invalid and
// sends no CMD_TLBI; the next DMA is served from the stale TLB entry: one finding, named.
TEST(CheckerMode, LeafInvalidatedWithoutTlbiIsOneStaleUseFinding)
{
    platform p(1, checked_config());
    p.expected_findings = 1;
    expect_report("translation served from the stale TLB entry");
    p.run([&] {
        leaf l{};
        dma_master &m = cached_leaf(p, &l);
        fake_mem_wr64(p.mem, l.pa, l.pas, 0); // invalid, and no CMD_TLBI
        EXPECT_EQ(m.write32(k_va, 0x5678), tlm::TLM_OK_RESPONSE); // the stale entry
        EXPECT_EQ(findings(p), 1u);
    });
}

// Rule c, break-before-make [IHI 0070 3.21.1; Arm ARM D8.16]: the CPU rewrites a valid leaf the
// SMMU has read to another output address without making it invalid first. The checker sees
// the write itself (observe_write): one finding, before any DMA uses it.
TEST(CheckerMode, ValidLeafMovedWithoutBreakIsOneBreakBeforeMakeFinding)
{
    platform p(1, checked_config());
    p.expected_findings = 1;
    expect_report("no break-before-make");
    p.run([&] {
        leaf l{};
        cached_leaf(p, &l);
        fake_mem_wr64(p.mem, l.pa, l.pas, l.desc + 0x1000); // OA 0x801000, still valid
        EXPECT_EQ(findings(p), 1u);
    });
}
