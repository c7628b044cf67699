// SPDX-License-Identifier: Apache-2.0
// The platform's PCIe endpoint (platforms/dma/pcie_endpoint.h) on the TLM module: its ATC
// caches completions, its accesses become Translated traffic, and an ATC invalidation drops
// exactly the entries of its PASID and span before the CMD_SYNC completes [IHI 0070 3.9,
// 4.5.1]; with PRI a completion without access becomes a Page Request [8]. Each TEST runs in
// its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include "pcie_endpoint.h"
#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::platform::pcie_endpoint;

namespace {

// StreamID 1: stage 1, VA 0x40000000 -> PA 0x800000 (8 KB), STE.EATS 0b01.
void ats_stream(platform &p) { smmu_test::ats_stream(p, {0x40000000, 0x800000, 0x2000}); }

// The platform with the endpoint (StreamID 1) on an upstream port and on endpoint_out.
struct endpoint_platform {
    platform p;
    pcie_endpoint ep;
    explicit endpoint_platform(const smmuv3::smmu_tlm_config &cfg = ats_config())
        : p(2, cfg), ep("ep", 1)
    {
        ep.socket.bind(p.smmu.upstream);
        p.smmu.endpoint_out.bind(ep.msg_socket);
    }
};

} // namespace

TEST(PcieEndpoint, AtcCachesCompletionsAndInvalidationDropsItsSpan)
{
    endpoint_platform t;
    platform &p = t.p;
    pcie_endpoint &ep = t.ep;
    p.run([&] {
        ats_stream(p);
        ep.set_ats(true);
        uint8_t buf[64];
        for (unsigned i = 0; i < sizeof(buf); i++)
            buf[i] = static_cast<uint8_t>(i);
        // Miss: one Translation Request, its completion cached, Translated traffic to the PA
        ASSERT_EQ(ep.dma(tlm::TLM_WRITE_COMMAND, 0x40000010, buf, sizeof(buf)), tlm::TLM_OK_RESPONSE);
        ASSERT_EQ(ep.atc().size(), 1u);
        EXPECT_EQ(ep.atc()[0].in_base, 0x40000000u);
        EXPECT_EQ(ep.atc()[0].size, 0x1000u);
        EXPECT_EQ(ep.atc()[0].out_base, 0x800000u);
        EXPECT_TRUE(ep.atc()[0].w);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x800010, SMMU_PAS_NS), 0x03020100u);
        // Hit: no new request
        ASSERT_EQ(ep.dma(tlm::TLM_READ_COMMAND, 0x40000020, buf, 16), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(buf[0], 0x10u);
        EXPECT_EQ(ep.stats().requests, 1u);
        EXPECT_EQ(ep.stats().atc_hits, 1u);
        EXPECT_EQ(ep.stats().translated, 2u);
        // A PASID's invalidation and one of another span leave the entry
        uint64_t c[2];
        cmd_atc_inv(c, 1, true, 3, false, 0x40000000, 0);
        command_and_sync(p, c);
        cmd_atc_inv(c, 1, false, 0, false, 0x40001000, 0);
        command_and_sync(p, c);
        EXPECT_EQ(ep.atc().size(), 1u);
        EXPECT_EQ(ep.stats().invalidations, 2u);
        // Its own span drops it; the next access asks again
        cmd_atc_inv(c, 1, false, 0, false, 0x40000000, 1);
        command_and_sync(p, c);
        EXPECT_TRUE(ep.atc().empty());
        EXPECT_EQ(ep.stats().entries_invalidated, 1u);
        ASSERT_EQ(ep.dma(tlm::TLM_READ_COMMAND, 0x40000020, buf, 16), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(ep.stats().requests, 2u);
    });
}

// Without ATS enabled at the endpoint (or after UR) its traffic is untranslated: the SMMU
// translates it.
TEST(PcieEndpoint, WithoutAtsTrafficIsUntranslated)
{
    endpoint_platform t;
    platform &p = t.p;
    pcie_endpoint &ep = t.ep;
    p.run([&] {
        ats_stream(p);
        uint32_t v = 0x11223344;
        ASSERT_EQ(ep.dma(tlm::TLM_WRITE_COMMAND, 0x40001000, reinterpret_cast<uint8_t *>(&v), 4),
                  tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x801000, SMMU_PAS_NS), 0x11223344u);
        EXPECT_EQ(ep.stats().requests, 0u);
        EXPECT_EQ(ep.stats().untranslated, 1u);
        EXPECT_TRUE(ep.atc().empty());
    });
}

// PRI [IHI 0070 8.2]: a Translation Request for an unmapped page gets Success with R = W = 0;
// the endpoint with PRI sends one Page Request (Last, PRG index 0) and waits for its PRG
// response. With PRIQEN = 0 the SMMU answers Response Failure automatically: the access
// fails, without a second request. Without PRI the access fails at once.
TEST(PcieEndpoint, PageRequestAnsweredResponseFailureEndsTheAccess)
{
    smmuv3::smmu_tlm_config cfg = ats_config();
    cfg.core.pri = true;
    cfg.core.priq_log2max = 7;
    endpoint_platform t(cfg);
    platform &p = t.p;
    pcie_endpoint &ep = t.ep;
    std::vector<std::string> notes;
    ep.on_note = [&](const std::string &s) { notes.push_back(s); };
    p.run([&] {
        ats_stream(p);
        ep.set_ats(true);
        uint8_t buf[16] = {};
        // Without PRI: no Page Request
        EXPECT_EQ(ep.dma(tlm::TLM_READ_COMMAND, 0x40002000, buf, sizeof(buf)), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(ep.stats().page_requests, 0u);
        ep.set_pri(true);
        notes.clear();
        expect_report("Page Request from StreamID 0x1 (PRGIndex 0) while PRIQEN is 0: discarded, automatic "
                      "Response Failure (IHI 0070 8.2)");
        EXPECT_EQ(ep.dma(tlm::TLM_READ_COMMAND, 0x40002000, buf, sizeof(buf)), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(ep.stats().page_requests, 1u);
        EXPECT_EQ(ep.stats().prg_responses, 1u);
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        ASSERT_EQ(smmu_get_bringup_stats(p.smmu.core_handle(), &b), SMMU_OK);
        EXPECT_EQ(b.page_requests, 1u);
        EXPECT_EQ(b.pri_auto_responses, 1u);
        EXPECT_EQ(b.priq_entries, 0u);
    });
    ASSERT_EQ(notes.size(), 4u);
    EXPECT_EQ(notes[0], "ep: translation request 0x40002000 (read): 4K -> 0x0 --");
    EXPECT_EQ(notes[1], "ep: no access at 0x40002000 (the completion grants --)");
    EXPECT_EQ(notes[2], "ep: page request 0x40002000 R PRG index 0, Last");
    EXPECT_EQ(notes[3], "ep: PRG response 0: Response Failure");
}
