// SPDX-License-Identifier: Apache-2.0
// Stalled transactions through the TLM module [IHI 0070 3.12.2, 4.7.1]: a b_transport whose
// translation stalls waits in its thread while other masters' traffic completes, until
// software resolves it with CMD_RESUME: Retry translates again, Abort answers an address
// error, RAZ/WI reads zeros. Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::stream_extension;
using sc_core::sc_time;
using sc_core::SC_NS;
using sc_core::SC_ZERO_TIME;

namespace {

constexpr uint64_t k_va = 0x40000000, k_pa = 0x800000;

smmuv3::smmu_tlm_config stall_config()
{
    smmuv3::smmu_tlm_config c = platform::default_config();
    c.core.stall_model = SMMU_STALL_AND_TERMINATE;
    c.core.stall_max = 4;
    return c;
}

// StreamID 1 (CD.S = 1, nothing mapped) and StreamID 2 (k_va+0x10000 -> k_pa+0x10000), both
// Non-secure; SMMU enabled.
void two_streams(platform &p)
{
    p.s1_stream(SMMU_SEC_NS, 1, {});
    p.edit_cd(SMMU_SEC_NS, 1, [](uint64_t *cd) { smmu_cd_set_S(cd, 1); });
    p.s1_stream(SMMU_SEC_NS, 2, {{k_va + 0x10000, k_pa + 0x10000, 0x1000}});
    p.enable(SMMU_SEC_NS);
}

// The next record of the Non-secure event queue: its type, Stall and STAG.
struct stall_rec {
    unsigned type, sid, stag;
    bool stall;
};
bool next_record(platform &p, stall_rec *r)
{
    uint64_t w[4];
    if (!drv_read_event(&p.ns, w))
        return false;
    r->type = (unsigned)smmu_evt_EventType(w);
    r->sid = (unsigned)smmu_evt_StreamID(w);
    r->stag = (unsigned)smmu_evt_STAG(w);
    r->stall = smmu_evt_Stall(w);
    return true;
}

void resume(platform &p, uint32_t sid, unsigned stag, bool retry, bool abort)
{
    uint64_t c[2];
    cmd_clear(c, SMMU_CMD_RESUME);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_STAG(c, stag);
    smmu_cmd_set_Ac(c, retry);
    smmu_cmd_set_Ab(c, abort);
    p.command(SMMU_SEC_NS, c);
}

} // namespace

// [3.12.2]: the stalled read does not complete while it is held; another master's read goes
// through meanwhile; after the page is mapped and CMD_RESUME(Retry) is consumed, the read is
// translated again and returns the data at the PA.
TEST(Stall, StalledReadWaitsWhileAnotherMasterRunsThenRetries)
{
    platform p(2, stall_config());
    sc_core::sc_event ready;
    bool done = false;
    uint32_t got = 0;
    tlm::tlm_response_status st = tlm::TLM_INCOMPLETE_RESPONSE;
    sc_time finished;
    p.spawn(
        [&] {
            sc_core::wait(ready);
            got = p.master(0, stream_extension(1)).read32(k_va + 0x24, &st);
            finished = sc_core::sc_time_stamp();
            done = true;
        },
        "stalled_master");
    p.run([&] {
        two_streams(p);
        fake_mem_wr32(p.mem, k_pa + 0x24, SMMU_PAS_NS, 0x5a5aa5a5);
        fake_mem_wr32(p.mem, k_pa + 0x10008, SMMU_PAS_NS, 0x01020304);
        ready.notify(SC_ZERO_TIME);
        sc_core::wait(100, SC_NS);
        EXPECT_FALSE(done);

        tlm::tlm_response_status st2;
        EXPECT_EQ(p.master(1, stream_extension(2)).read32(k_va + 0x10008, &st2), 0x01020304u);
        EXPECT_EQ(st2, tlm::TLM_OK_RESPONSE);
        EXPECT_FALSE(done);

        stall_rec r{};
        ASSERT_TRUE(next_record(p, &r));
        EXPECT_EQ(r.type, (unsigned)SMMU_EVT_F_TRANSLATION);
        EXPECT_EQ(r.sid, 1u);
        EXPECT_TRUE(r.stall);
        EXPECT_EQ(r.stag, 0u);
        map(p.s1_tables(SMMU_SEC_NS), {k_va, k_pa, 0x1000});
        const sc_time resumed_at = sc_core::sc_time_stamp();
        resume(p, 1, r.stag, true, false);
        while (!done)
            sc_core::wait(10, SC_NS);
        EXPECT_EQ(got, 0x5a5aa5a5u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        EXPECT_GE(finished, resumed_at);
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        smmu_get_bringup_stats(p.smmu.core_handle(), &b);
        EXPECT_EQ(b.stalls, 1u);
        EXPECT_EQ(b.stalls_retried, 1u);
    });
}

// [4.7.1]: CMD_RESUME(Terminate) with Ab = 1 answers the held read with an address error;
// with Ab = 0 the read completes successfully with zeros (RAZ/WI).
TEST(Stall, TerminatedStallsAnswerAbortOrRazWi)
{
    platform p(2, stall_config());
    sc_core::sc_event ready;
    unsigned done = 0;
    uint32_t got[2] = {0xffffffff, 0xffffffff};
    tlm::tlm_response_status st[2] = {tlm::TLM_INCOMPLETE_RESPONSE, tlm::TLM_INCOMPLETE_RESPONSE};
    for (unsigned i = 0; i < 2; i++)
        p.spawn(
            [&, i] {
                sc_core::wait(ready);
                sc_core::wait(i * 10, SC_NS); // master 0 stalls first: STAG 0, then STAG 1
                got[i] = p.master(i, stream_extension(1)).read32(k_va + 0x1000 * i, &st[i]);
                done++;
            },
            i ? "stalled1" : "stalled0");
    p.run([&] {
        two_streams(p);
        ready.notify(SC_ZERO_TIME);
        sc_core::wait(100, SC_NS);
        EXPECT_EQ(done, 0u);
        stall_rec r0{}, r1{};
        ASSERT_TRUE(next_record(p, &r0));
        ASSERT_TRUE(next_record(p, &r1));
        EXPECT_EQ(r0.stag, 0u);
        EXPECT_EQ(r1.stag, 1u);
        resume(p, 1, 0, false, true);
        resume(p, 1, 1, false, false);
        while (done < 2)
            sc_core::wait(10, SC_NS);
        EXPECT_EQ(st[0], tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(st[1], tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(got[1], 0u);
    });
}

// A b_transport that stalls in an SC_METHOD cannot wait: one SC_ERROR naming the StreamID,
// the address and the STAG, and an address error for the access.
TEST(Stall, StallInAMethodIsAnErrorNamingTheTransaction)
{
    platform p(2, stall_config());
    sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_DISPLAY); // inspected below
    expect_report("cannot wait");
    sc_core::sc_event go;
    tlm::tlm_response_status st = tlm::TLM_INCOMPLETE_RESPONSE;
    sc_core::sc_spawn_options o;
    o.spawn_method();
    o.set_sensitivity(&go);
    o.dont_initialize();
    sc_core::sc_spawn(
        [&] {
            dma_master &m = p.master(0, stream_extension(1));
            m.sync = false; // a method cannot wait(delay) either
            m.read32(k_va + 0x40, &st);
        },
        "method_master", &o);
    p.run([&] {
        two_streams(p);
        go.notify(SC_ZERO_TIME);
        sc_core::wait(10, SC_NS);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        ASSERT_EQ(count_reports("cannot wait"), 1u);
        const std::string &r = reports().back();
        EXPECT_NE(r.find("StreamID 0x1 address 0x40000040 STAG 0x0: the translation stalled in a "
                         "b_transport called from a context that cannot wait"),
                  std::string::npos)
            << r;
    });
}
