// SPDX-License-Identifier: Apache-2.0
// The module itself: the register socket, time, re-entrancy of walks that wait(), debug
// transport, statistics, diagnostics, reset, and the payload extensions.
#include <gtest/gtest.h>

#include <sstream>

#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::bus_attr_extension;
using smmuv3::stream_extension;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

// SID 1: VA 0x40000000 -> PA 0x800000 (one page), SMMU enabled.
void simple_stream(platform &p, uint32_t sid = 1)
{
    p.s1_stream(SMMU_SEC_NS, sid, {{0x40000000, 0x800000, 0x1000}});
    p.enable(SMMU_SEC_NS);
    fake_mem_wr32(p.mem, 0x800010, SMMU_PAS_NS, 0x600df00d);
    p.master(0).stream = stream_extension(sid);
}

} // namespace

// ---- register socket ----

// IHI 0070 6.3.7: SMMU_AIDR reads the configured architecture version (SMMUv3.3: 0x03).
TEST(Registers, AidrReadsTheConfiguredVersionThroughTheSocket)
{
    platform p;
    p.run([&] {
        tlm::tlm_response_status st;
        EXPECT_EQ(p.cpu.read(0x1C, 4, SMMU_PAS_NS, &st), 0x03u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
    });
}

// IHI 0070 6.2, 6.3.54: the bus_attr_extension's PA space decides the bank: SMMU_S_IDR1
// reads SECURE_IMPL (bit 31) for a Secure access and zero for a Non-secure one (or one
// without the extension).
TEST(Registers, SecureBankIsReachedOnlyBySecureAccesses)
{
    platform p;
    expect_report("from a non-Secure PA space"); // the core's diagnostic of the RAZ access
    p.run([&] {
        EXPECT_EQ(p.cpu.read(0x8004, 4, SMMU_PAS_SECURE) >> 31, 1u);
        EXPECT_EQ(p.cpu.read(0x8004, 4, SMMU_PAS_NS), 0u);
        // No extension at all: Non-secure.
        uint32_t v = 0xffffffff;
        tlm::tlm_generic_payload t;
        init_payload(t, tlm::TLM_READ_COMMAND, 0x8004, &v, 4);
        sc_time d = sc_core::SC_ZERO_TIME;
        p.cpu.socket->b_transport(t, d);
        EXPECT_EQ(t.get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(v, 0u);
    });
}

// IHI 0070 6.3.9-10: a CR0 write through the socket is acknowledged in CR0ACK; 64-bit
// registers take 8-byte accesses.
TEST(Registers, WritesThroughTheSocketReachTheCore)
{
    platform p;
    p.run([&] {
        EXPECT_EQ(p.cpu.write(DRV_CMDQ_BASE, 8, k_cmdq | 4), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(p.cpu.read(DRV_CMDQ_BASE, 8), k_cmdq | 4);
        EXPECT_EQ(p.cpu.write(DRV_CR0, 4, DRV_CR0_CMDQEN), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(p.cpu.read(DRV_CR0ACK, 4), uint64_t(DRV_CR0_CMDQEN));
    });
}

// transport_dbg on registers: reads without side effects; writes are refused (0 bytes).
TEST(Registers, DebugReadsWorkAndDebugWritesAreRefused)
{
    platform p;
    p.run([&] {
        uint64_t v = 0;
        EXPECT_EQ(p.cpu.debug_read(0x1C, 4, &v, SMMU_PAS_NS), 4u);
        EXPECT_EQ(v, 0x03u);
        EXPECT_EQ(p.cpu.debug_write(DRV_CR0, 4, DRV_CR0_CMDQEN, SMMU_PAS_NS), 0u);
        EXPECT_EQ(p.cpu.read(DRV_CR0, 4), 0u);
    });
}

// Byte enables and streaming bursts have no meaning for registers: error responses.
TEST(Registers, ByteEnablesAndStreamingAreRejected)
{
    platform p;
    p.run([&] {
        uint32_t v = 0;
        unsigned char be[4] = {0xff, 0xff, 0xff, 0xff};
        tlm::tlm_generic_payload t;
        init_payload(t, tlm::TLM_READ_COMMAND, 0x0, &v, 4);
        t.set_byte_enable_ptr(be);
        t.set_byte_enable_length(4);
        sc_time d = sc_core::SC_ZERO_TIME;
        p.cpu.socket->b_transport(t, d);
        EXPECT_EQ(t.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        t.set_byte_enable_ptr(nullptr);
        t.set_streaming_width(2);
        p.cpu.socket->b_transport(t, d);
        EXPECT_EQ(t.get_response_status(), tlm::TLM_BURST_ERROR_RESPONSE);
    });
}

// ---- time ----

// A miss costs fetch_latency per table access (plus the walk target's own latency); a hit
// costs the TLB and configuration-cache hit latencies; a register access costs reg_latency.
TEST(Timing, LatenciesFollowTheCoreReportedCost)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.tlb_hit_latency = sc_time(1, SC_NS);
    cfg.cfg_hit_latency = sc_time(3, SC_NS);
    cfg.fetch_latency = sc_time(5, SC_NS);
    cfg.reg_latency = sc_time(10, SC_NS);
    platform p(1, cfg);
    p.run([&] {
        simple_stream(p);
        p.memory.latency = sc_time(2, SC_NS);
        dma_master &m = p.master(0);

        smmu_stats s0 = p.smmu.stats().core;
        EXPECT_EQ(m.read32(0x40000010), 0x600df00du);
        smmu_stats s1 = p.smmu.stats().core;
        const uint64_t fetches = s1.table_fetches - s0.table_fetches;
        EXPECT_GT(fetches, 0u);
        EXPECT_EQ(s1.tlb_hits, s0.tlb_hits);
        // A translation costs cfg_hit_latency once if its configuration came from the cache.
        const double cfg1 = s1.cfg_hits > s0.cfg_hits ? 3 : 0;
        EXPECT_EQ(m.last_delay, sc_time(7.0 * double(fetches) + 2 + cfg1, SC_NS));

        EXPECT_EQ(m.read32(0x40000010), 0x600df00du);
        smmu_stats s2 = p.smmu.stats().core;
        EXPECT_EQ(s2.table_fetches, s1.table_fetches);
        EXPECT_EQ(s2.tlb_hits - s1.tlb_hits, 1u);
        EXPECT_GT(s2.cfg_hits, s1.cfg_hits);
        EXPECT_EQ(m.last_delay, sc_time(1 + 2 + 3, SC_NS));

        const sc_time t0 = sc_core::sc_time_stamp();
        p.cpu.read(0x0, 4);
        EXPECT_EQ(sc_core::sc_time_stamp() - t0, sc_time(10, SC_NS));
    });
}

// ---- re-entrancy ----

// A walk target that wait()s inside b_transport suspends the walk; meanwhile another master
// translates (a TLB hit) and the CPU reads a register. Both complete first; then the blocked
// walk completes with the right result and its translation is cached.
TEST(Reentrancy, WalkTargetWaitLetsAnotherMasterTranslate)
{
    platform p(2);
    p.memory.wait_lo = 0;
    p.memory.wait_hi = 0x3fffff; // every table and queue access waits
    p.memory.wait_time = sc_time(100, SC_NS);
    p.run([&] {
        // Streams 1 and 2 share the tables; master 0 is stream 1, master 1 stream 2.
        pgt &pt = p.s1_stream(SMMU_SEC_NS, 1, {{0x40000000, 0x800000, 0x1000},
                                                {0x40100000, 0x900000, 0x1000}});
        p.add_s1_stream(SMMU_SEC_NS, 2, pt, 2);
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x800000, SMMU_PAS_NS, 0xaaaa0001);
        fake_mem_wr32(p.mem, 0x900000, SMMU_PAS_NS, 0xbbbb0002);
        p.master(0).stream = stream_extension(1);
        p.master(1).stream = stream_extension(2);
        EXPECT_EQ(p.master(1).read32(0x40100000), 0xbbbb0002u); // warm stream 2

        bool a_done = false;
        uint32_t a_value = 0;
        sc_time a_end;
        sc_core::sc_event a_finished;
        sc_core::sc_spawn([&] {
            a_value = p.master(0).read32(0x40000000); // cold: walks, each fetch waits
            a_end = sc_core::sc_time_stamp();
            a_done = true;
            a_finished.notify();
        });
        wait(1, SC_NS);
        ASSERT_FALSE(a_done);
        const smmu_stats before = p.smmu.stats().core;
        EXPECT_EQ(p.master(1).read32(0x40100000), 0xbbbb0002u);
        EXPECT_EQ(p.smmu.stats().core.tlb_hits - before.tlb_hits, 1u);
        EXPECT_EQ(p.cpu.read(0x1C, 4), 0x03u);
        EXPECT_FALSE(a_done) << "the second master completed while the first was walking";
        const sc_time b_end = sc_core::sc_time_stamp();
        if (!a_done)
            wait(a_finished);
        EXPECT_EQ(a_value, 0xaaaa0001u);
        EXPECT_GT(a_end, b_end);
        const smmu_stats s = p.smmu.stats().core;
        EXPECT_EQ(p.master(0).read32(0x40000000), 0xaaaa0001u);
        EXPECT_EQ(p.smmu.stats().core.tlb_hits - s.tlb_hits, 1u);
    });
}

// ---- debug transport ----

// IHI 0070 3.13: transport_dbg translates with SMMU_TXN_DEBUG: it reads and writes the
// translated memory, but records no event, fills no cache and sets no access flag.
TEST(Debug, TransportTranslatesAndLeavesNoTrace)
{
    platform p;
    p.run([&] {
        // The second page has AF clear.
        const mapping second_page{0x40001000, 0x801000, 0x1000, PGT_S1_RW & ~PGT_AF};
        const pgt &pt = p.s1_stream(SMMU_SEC_NS, 1, {{0x40000000, 0x800000, 0x1000}, second_page});
        // Hardware access flag update (CD.HA=1): a real access to the second page sets AF.
        p.edit_cd(SMMU_SEC_NS, 1, [](uint64_t *cd) { smmu_cd_set_HA(cd, 1); });
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x800010, SMMU_PAS_NS, 0x600df00d);
        fake_mem_wr32(p.mem, 0x801000, SMMU_PAS_NS, 0x0000af00);
        dma_master &m = p.master(0, stream_extension(1));

        uint64_t leaf_addr, desc_before, desc;
        smmu_pa_space leaf_pas;
        int level;
        ASSERT_EQ(pgt_leaf(&pt, 0x40001000, &leaf_addr, &leaf_pas, &level, &desc_before), 0);
        const smmu_stats s0 = p.smmu.stats().core;
        const unsigned writes0 = p.memory.count(tlm::TLM_WRITE_COMMAND);

        uint32_t v = 0;
        EXPECT_EQ(m.debug_read(0x40000010, &v, 4), 4u);
        EXPECT_EQ(v, 0x600df00du);
        EXPECT_EQ(m.debug_read(0x40001000, &v, 4), 4u);
        EXPECT_EQ(v, 0x0000af00u);
        EXPECT_EQ(m.debug_read(0x40009000, &v, 4), 0u); // unmapped: no bytes, no event
        const uint32_t nv = 0x12345678;
        EXPECT_EQ(m.debug_write(0x40000020, &nv, 4), 4u);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x800020, SMMU_PAS_NS), nv);

        uint64_t rec[4];
        EXPECT_EQ(drv_read_event(&p.ns, rec), 0);
        EXPECT_EQ(p.memory.count(tlm::TLM_WRITE_COMMAND), writes0); // no event, no AF write
        ASSERT_EQ(pgt_leaf(&pt, 0x40001000, &leaf_addr, &leaf_pas, &level, &desc), 0);
        EXPECT_EQ(desc, desc_before);
        EXPECT_EQ(p.smmu.stats().debug_transactions, 4u);

        // Nothing was cached: the first real access misses the TLB, and it sets AF.
        const smmu_stats s1 = p.smmu.stats().core;
        EXPECT_EQ(s1.tlb_hits, s0.tlb_hits);
        EXPECT_EQ(m.read32(0x40001000), 0x0000af00u);
        const smmu_stats s2 = p.smmu.stats().core;
        EXPECT_EQ(s2.tlb_misses - s1.tlb_misses, 1u);
        ASSERT_EQ(pgt_leaf(&pt, 0x40001000, &leaf_addr, &leaf_pas, &level, &desc), 0);
        EXPECT_EQ(desc, desc_before | PGT_AF);
    });
}

// ---- statistics and diagnostics ----

TEST(Stats, CountersAreReadableAndPrintable)
{
    platform p;
    p.run([&] {
        simple_stream(p);
        p.smmu.clear_stats();
        dma_master &m = p.master(0);
        m.read32(0x40000010);
        m.read32(0x40000010);
        tlm::tlm_response_status st;
        m.read32(0x40009000, &st);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.core.translations, 3u);
        EXPECT_EQ(s.core.tlb_hits, 1u);
        EXPECT_EQ(s.upstream_transactions, 3u);
        EXPECT_EQ(s.error_responses, 1u);
        EXPECT_EQ(s.core.events_by_type[SMMU_EVT_F_TRANSLATION], 1u);
        std::ostringstream os;
        os << s;
        EXPECT_NE(os.str().find("  translations: 3\n"), std::string::npos) << os.str();
        EXPECT_NE(os.str().find("  tlb_hits: 1\n"), std::string::npos);
        EXPECT_NE(os.str().find("  event F_TRANSLATION: 1\n"), std::string::npos);
        EXPECT_NE(os.str().find("  upstream_transactions: 3\n"), std::string::npos);
        p.smmu.clear_stats();
        EXPECT_EQ(p.smmu.stats().core.translations, 0u);
        EXPECT_EQ(p.smmu.stats().upstream_transactions, 0u);
    });
}

// IHI 0070 5.2 (STE.V=0 is C_BAD_STE): a guest programming error is answered architecturally
// (event, error response) and reported as an sc_report warning of the instance's type.
TEST(Reports, GuestErrorIsAWarningOfTheInstanceMessageType)
{
    platform p;
    EXPECT_STREQ(p.smmu.msg_type(), "smmuv3/smmu");
    expect_report("smmuv3/smmu: ");
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        uint64_t ste[8] = {0}; // V=0
        st_write_ste(&p.st_ns, 5, ste);
        p.enable(SMMU_SEC_NS);
        p.master(0).stream = stream_extension(5);
        tlm::tlm_response_status st;
        p.master(0).read32(0x1000, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        uint64_t rec[4];
        ASSERT_EQ(drv_read_event(&p.ns, rec), 1);
        EXPECT_EQ(rec[0] & 0xff, uint64_t(SMMU_EVT_C_BAD_STE));
        EXPECT_GE(count_reports("smmuv3/smmu: "), 1u);
    });
}

// ---- reset ----

// A rising edge on `reset` returns the registers to their reset values and lowers the
// interrupt lines.
TEST(Reset, RisingEdgeResetsRegistersAndLowersInterrupts)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.irq_pulse = sc_time(1, sc_core::SC_US);
    platform p(1, cfg);
    p.run([&] {
        simple_stream(p);
        ASSERT_EQ(drv_write_irq_ctrl(&p.ns, DRV_IRQ_EVENTQ), 0);
        tlm::tlm_response_status st;
        p.master(0).read32(0x40009000, &st);
        wait(10, SC_NS);
        EXPECT_TRUE(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_EVENTQ).read());
        EXPECT_NE(p.cpu.read(DRV_CR0, 4), 0u);
        p.reset.write(true);
        wait(1, SC_NS);
        EXPECT_EQ(p.cpu.read(DRV_CR0, 4), 0u);
        EXPECT_EQ(p.cpu.read(DRV_IRQ_CTRL, 4), 0u);
        EXPECT_FALSE(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_EVENTQ).read());
        p.reset.write(false);
    });
}

// ---- extensions ----

TEST(Extensions, CloneAndCopyFromAreDeep)
{
    stream_extension s(0x1234, SMMU_SEC_SECURE);
    s.ssid = 0x55;
    s.ssv = true;
    s.privileged = true;
    s.instruction = true;
    // tlm_extension_base's destructor is protected: free() deletes.
    auto release = [](tlm::tlm_extension_base *e) { e->free(); };
    std::unique_ptr<tlm::tlm_extension_base, decltype(release)> c(s.clone(), release);
    auto *sc = dynamic_cast<stream_extension *>(c.get());
    ASSERT_NE(sc, nullptr);
    EXPECT_EQ(sc->sid, 0x1234u);
    EXPECT_EQ(sc->ssid, 0x55u);
    EXPECT_TRUE(sc->ssv && sc->privileged && sc->instruction);
    EXPECT_EQ(sc->sec, SMMU_SEC_SECURE);
    stream_extension d;
    d.copy_from(s);
    EXPECT_EQ(d.sid, 0x1234u);
    EXPECT_EQ(d.sec, SMMU_SEC_SECURE);

    bus_attr_extension b(SMMU_PAS_REALM);
    b.attrs_valid = true;
    b.mair = 0x44;
    b.sh = 2;
    std::unique_ptr<tlm::tlm_extension_base, decltype(release)> bc(b.clone(), release);
    auto *bcc = dynamic_cast<bus_attr_extension *>(bc.get());
    ASSERT_NE(bcc, nullptr);
    EXPECT_EQ(bcc->pas, SMMU_PAS_REALM);
    EXPECT_EQ(bcc->mair, 0x44);

    // A payload without the extension is Non-secure; deep_copy_from carries both extensions.
    tlm::tlm_generic_payload t, u;
    EXPECT_EQ(smmuv3::pa_space_of(t), SMMU_PAS_NS);
    t.set_extension(&s);
    t.set_extension(&b);
    u.deep_copy_from(t);
    EXPECT_EQ(smmuv3::pa_space_of(u), SMMU_PAS_REALM);
    ASSERT_NE(u.get_extension<stream_extension>(), nullptr);
    EXPECT_EQ(u.get_extension<stream_extension>()->sid, 0x1234u);
    EXPECT_NE(u.get_extension<stream_extension>(), &s);
    t.clear_extension(&s);
    t.clear_extension(&b);
    u.free_all_extensions();
}

// ---- optional ports ----

// Interrupt outputs, reset and the walk socket (with walk_via_downstream) may stay unbound.
TEST(Ports, OptionalPortsMayStayUnbound)
{
    fake_mem *mem = fake_mem_create();
    {
        smmuv3::smmu_tlm_config cfg = platform::default_config();
        cfg.walk_via_downstream = true;
        test_memory memory("memory", mem, k_ram, 4096);
        smmuv3::smmu_tlm smmu("smmu", cfg);
        reg_master cpu("cpu");
        dma_master master("master");
        cpu.socket.bind(smmu.reg_socket);
        master.socket.bind(smmu.upstream);
        smmu.downstream.bind(memory.socket);
        bool done = false;
        sc_core::sc_spawn([&] {
            EXPECT_EQ(cpu.read(0x1C, 4), 0x03u);
            // SMMUEN=0 and GBPA.ABORT=1 at reset (cfg.core.gbpa_abort_at_reset): terminated.
            master.stream = stream_extension(1);
            tlm::tlm_response_status st;
            master.read32(0x1000, &st);
            EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
            done = true;
        });
        sc_core::sc_start(sc_time(1, sc_core::SC_US));
        EXPECT_TRUE(done);
    }
    fake_mem_destroy(mem);
}
