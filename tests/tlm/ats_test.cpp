// SPDX-License-Identifier: Apache-2.0
// ATS through the TLM module [IHI 0070 3.9, 4.5.1, 4.7.3]: a payload with an ats_extension is a
// Translation Request (answered, not forwarded) or Translated traffic; ATC invalidations go out
// on endpoint_out from the module's thread, and the CMD_SYNC behind them completes when the
// endpoint has answered. Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include <tlm_utils/simple_target_socket.h>

#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::ats_extension;
using smmuv3::endpoint_msg_extension;
using smmuv3::stream_extension;

namespace {

constexpr int k_down = 0; // memory socket index of smmu.downstream (bound first)

// An endpoint on endpoint_out: records each message and answers after `latency`.
struct test_endpoint : sc_core::sc_module {
    tlm_utils::simple_target_socket<test_endpoint> socket;
    std::vector<smmu_atc_inval> got;
    std::vector<sc_core::sc_time> when;
    tlm::tlm_response_status resp = tlm::TLM_OK_RESPONSE;
    sc_core::sc_time latency = sc_core::sc_time(100, sc_core::SC_NS);

    explicit test_endpoint(const sc_core::sc_module_name &n) : sc_module(n), socket("socket")
    {
        socket.register_b_transport(this, &test_endpoint::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &)
    {
        const endpoint_msg_extension *m = t.get_extension<endpoint_msg_extension>();
        EXPECT_NE(m, nullptr);
        if (!m)
            return;
        EXPECT_EQ(m->kind, endpoint_msg_extension::atc_inval);
        EXPECT_EQ(t.get_command(), tlm::TLM_IGNORE_COMMAND);
        got.push_back(m->inval);
        when.push_back(sc_core::sc_time_stamp());
        sc_core::wait(latency);
        t.set_response_status(resp);
    }
};

// StreamID 1: stage 1 mapping VA 0x40000000 to PA 0x800000 (4 KB) with STE.EATS = 0b01.
void ats_stream(platform &p) { smmu_test::ats_stream(p, {0x40000000, 0x800000, 0x1000}); }

// One payload from master 0 carrying stream 1 and ext.
tlm::tlm_response_status send(platform &p, tlm::tlm_command cmd, uint64_t addr, void *data,
                              unsigned len, ats_extension &ext)
{
    tlm::tlm_generic_payload t;
    init_payload(t, cmd, addr, data, len);
    stream_extension st(1);
    t.set_extension(&st);
    t.set_extension(&ext);
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    p.master(0).socket->b_transport(t, d);
    t.clear_extension(&st);
    t.clear_extension(&ext);
    sc_core::wait(d);
    return t.get_response_status();
}

unsigned downstream_count(const test_memory &m)
{
    unsigned n = 0;
    for (const auto &a : m.log)
        n += a.socket == k_down;
    return n;
}

uint32_t cons(platform &p) { return drv_read32(&p.ns, DRV_CMDQ_CONS); }

} // namespace

// IHI 0070 3.9.1.2: a Translation Request is answered in its ats_extension with
// TLM_OK_RESPONSE; nothing reaches memory.
TEST(TlmAts, TranslationRequestIsAnsweredNotForwarded)
{
    platform p(2, ats_config());
    p.run([&] {
        ats_stream(p);
        ats_extension ext;
        ext.request = true;
        uint8_t none[4] = {};
        EXPECT_EQ(send(p, tlm::TLM_WRITE_COMMAND, 0x40000010, none, 4, ext), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(ext.completion.status, SMMU_ATS_SUCCESS);
        EXPECT_EQ(ext.completion.addr, 0x800000u);
        EXPECT_EQ(ext.completion.size, 0x1000u);
        EXPECT_TRUE(ext.completion.r);
        EXPECT_TRUE(ext.completion.w);
        EXPECT_EQ(downstream_count(p.memory), 0u);
    });
}

// IHI 0070 3.9.1.3: Translated traffic (ATSCHK = 0) goes to its address unchanged.
TEST(TlmAts, TranslatedTrafficReachesItsAddress)
{
    platform p(2, ats_config());
    p.run([&] {
        ats_stream(p);
        fake_mem_wr32(p.mem, 0x800010, SMMU_PAS_NS, 0x5566aabb);
        ats_extension ext;
        ext.request = false;
        ext.translated = true;
        uint32_t v = 0;
        EXPECT_EQ(send(p, tlm::TLM_READ_COMMAND, 0x800010, &v, 4, ext), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(v, 0x5566aabbu);
        ASSERT_EQ(downstream_count(p.memory), 1u);
        EXPECT_EQ(p.memory.log.back().addr, 0x800010u);
    });
}

// IHI 0070 4.5.1, 4.7.3: CMD_ATC_INV goes out on endpoint_out after the CPU's write returned;
// the CMD_SYNC behind it completes only when the endpoint has answered.
TEST(TlmAts, AtcInvalidationCompletesTheSyncWhenTheEndpointAnswers)
{
    platform p(2, ats_config());
    test_endpoint ep("ep");
    p.smmu.endpoint_out.bind(ep.socket);
    p.run([&] {
        ats_stream(p);
        uint64_t c[2];
        cmd_atc_inv(c, 1, true, 7, false, 0x40003000, 1); // 8 KB at 0x40002000
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        cmd_sync(c, 0, 0, 0, 0, 0);
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        // The write returned: the CMD_SYNC waits, nothing was sent yet
        EXPECT_EQ(cons(p), 3u); // CFGI_ALL + SYNC of enable(), then ATC_INV consumed
        EXPECT_TRUE(ep.got.empty());
        const sc_core::sc_time t0 = sc_core::sc_time_stamp();
        sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
        ASSERT_EQ(ep.got.size(), 1u);
        EXPECT_EQ(ep.got[0].sid, 1u);
        EXPECT_TRUE(ep.got[0].ssv);
        EXPECT_EQ(ep.got[0].ssid, 7u);
        EXPECT_EQ(ep.got[0].addr, 0x40002000u);
        EXPECT_EQ(ep.got[0].size, 0x2000u);
        EXPECT_EQ(ep.when[0], t0); // sent in the next delta cycle
        EXPECT_EQ(cons(p), 4u);
        EXPECT_EQ(drv_cmdq_error(&p.ns), 0u);
    });
}

// IHI 0070 4.7.3: an endpoint that does not answer well (an error response stands for a
// completion timeout) makes the CMD_SYNC raise CERROR_ATC_INV_SYNC.
TEST(TlmAts, EndpointErrorRaisesCerrorAtcInvSync)
{
    platform p(2, ats_config());
    test_endpoint ep("ep");
    ep.resp = tlm::TLM_GENERIC_ERROR_RESPONSE;
    p.smmu.endpoint_out.bind(ep.socket);
    expect_report("ATC invalidation 0x4 timed out");
    expect_report("CMDQ entry 3: CMD_SYNC: an ATC invalidation timed out: CERROR_ATC_INV_SYNC");
    p.run([&] {
        ats_stream(p);
        uint64_t c[2];
        cmd_atc_inv(c, 1, false, 0, false, 0x40000000, 0);
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        cmd_sync(c, 0, 0, 0, 0, 0);
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
        EXPECT_EQ(drv_cmdq_error(&p.ns), (unsigned)SMMU_CERROR_ATC_INV_SYNC);
        EXPECT_EQ(cons(p) & 0xF, 3u); // on the CMD_SYNC
    });
}

// Translated traffic is never answered from a copy of an untranslated result (config
// hit_copies): the same address as a VA and as a Translated PA reach different memory.
TEST(TlmAts, TranslatedTrafficDoesNotReuseUntranslatedCopies)
{
    platform p(2, ats_config());
    p.run([&] {
        ats_stream(p);
        dma_master &m = p.master(0, stream_extension(1));
        for (int i = 0; i < 3; i++) // a walk, then TLB hits kept as copies
            EXPECT_EQ(m.write32(0x40000000, 0x11111111), tlm::TLM_OK_RESPONSE);
        ats_extension ext;
        ext.request = false;
        ext.translated = true;
        uint32_t v = 0x22222222;
        EXPECT_EQ(send(p, tlm::TLM_WRITE_COMMAND, 0x40000000, &v, 4, ext), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x800000, SMMU_PAS_NS), 0x11111111u);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x40000000, SMMU_PAS_NS), 0x22222222u);
    });
}
