// SPDX-License-Identifier: Apache-2.0
// Timing of the TLM module (docs/exploration.md "Timing in the SystemC module"): per-step
// latencies, walk slots with queueing and hit-under-miss, parameters in cycles and presets,
// per-TBU / per-stream statistics, and the approximately-timed protocol (IEEE 1666-2011 15.2
// base protocol phases, response exclusion, stalls [IHI 0070 3.12.2] deferring BEGIN_RESP).
// Each TEST runs in its own process (one SystemC elaboration).
//
// The expected values hold with the core of this branch (which reports a TLB hit without its
// level: the module takes it as a TCU TLB hit) and with the topology core (hit ==
// SMMU_HIT_TCU_TLB for every hit when no TBU cache is configured, as here).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <sstream>

#include <tlm_utils/simple_initiator_socket.h>

#include "smmuv3/tlm/params.h"
#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;
using smmuv3::stream_extension;

namespace
{

constexpr uint64_t k_va = 0x40000000, k_pa = 0x800000;

// Latencies all different, so that a sum names its terms. The utlb / TBU TLB / walk-cache
// latencies must never be charged here (no TBU cache, no walk cache).
const sc_time k_tlb(3, SC_NS), k_cfg(2, SC_NS), k_dti(7, SC_NS), k_fetch(10, SC_NS);
const sc_time k_mem(1, SC_NS);               // the memory's own delay on every access
const sc_time k_hit = k_dti + k_tlb + k_cfg; // a TCU TLB hit with a configuration-cache hit

smmuv3::smmu_tlm_config timed_config()
{
    smmuv3::smmu_tlm_config c = platform::default_config();
    c.tlb_hit_latency = k_tlb;
    c.cfg_hit_latency = k_cfg;
    c.dti_latency = k_dti;
    c.fetch_latency = k_fetch;
    c.utlb_hit_latency = sc_time(100, SC_NS);
    c.tbu_tlb_hit_latency = sc_time(200, SC_NS);
    c.wc_hit_latency = sc_time(50, SC_NS);
    return c;
}

// StreamID sid, stage 1, mapping k_va + sid GB -> k_pa + sid * 64 KB (one 4 KB page): each
// stream's walk reads its STE, its CD and four descriptors of its own 1 GB region.
uint64_t va_of(uint32_t sid)
{
    return k_va + (uint64_t{sid} << 30);
}
uint64_t pa_of(uint32_t sid)
{
    return k_pa + (uint64_t{sid} << 16);
}

void map_streams(platform &p, unsigned n, const std::function<void()> &before_enable = {})
{
    p.setup(SMMU_SEC_NS);
    for (uint32_t sid = 1; sid <= n; sid++) {
        map(p.s1_tables(SMMU_SEC_NS), {va_of(sid), pa_of(sid), 0x1000});
        p.add_s1_stream(SMMU_SEC_NS, sid, p.s1_tables(SMMU_SEC_NS), static_cast<uint16_t>(sid));
        fake_mem_wr32(p.mem, pa_of(sid) + 0x10, SMMU_PAS_NS, 0x1000 + sid);
    }
    if (before_enable)
        before_enable();
    p.enable(SMMU_SEC_NS);
}

// A read by master m as stream sid; returns the annotated delay and the memory accesses the
// SMMU made for it (every access the memory saw, but the read itself).
struct timed_read {
    sc_time delay;
    size_t walk_accesses;
};
timed_read read_as(platform &p, unsigned m, uint32_t sid, uint64_t va)
{
    const size_t before = p.memory.log.size();
    tlm::tlm_response_status st;
    const uint32_t v = p.master(m, stream_extension(sid)).read32(va, &st);
    EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(v, 0x1000 + sid);
    return {p.master(m).last_delay, p.memory.log.size() - before - 1};
}

} // namespace

// A walk costs DTI + each fetch (the module's fetch latency and the memory's own delay), the
// configuration being fetched too; a TLB hit then costs DTI + TCU TLB hit + configuration
// hit; the data access adds the memory's delay. Nothing else (utlb, TBU TLB, walk cache).
TEST(Timing, HitAndMissCostTheSumOfTheirSteps)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    p.run([&] {
        map_streams(p, 1);
        const auto s0 = p.smmu.stats().core;
        const timed_read miss = read_as(p, 0, 1, va_of(1) + 0x10);
        const auto s1 = p.smmu.stats().core;
        // STE, CD and the four levels of a 4 KB-granule 48-bit walk [IHI 0070 3.4, 3.5]
        EXPECT_EQ(miss.walk_accesses, s1.table_fetches - s0.table_fetches);
        EXPECT_GE(miss.walk_accesses, 6u);
        EXPECT_EQ(miss.delay, k_dti + (k_fetch + k_mem) * double(miss.walk_accesses) + k_mem);
        for (int i = 0; i < 3; i++) { // a core TLB hit, then copies of it: the same cost
            const timed_read hit = read_as(p, 0, 1, va_of(1) + 0x10);
            EXPECT_EQ(hit.walk_accesses, 0u);
            EXPECT_EQ(hit.delay, k_hit + k_mem) << i;
        }
    });
}

// N masters miss at the same time with K walk slots, each walk taking W: the i-th walk (in
// call order) waits floor(i / K) * W. A TLB hit at the same time waits for no walk
// (hit-under-miss).
TEST(Timing, WalkSlotsQueueConcurrentWalksButNotHits)
{
    constexpr unsigned n = 5, k = 2;
    smmuv3::smmu_tlm_config c = timed_config();
    c.walk_slots = k;
    platform p(n + 1, c);
    sc_core::sc_event go;
    std::vector<sc_time> delays;
    sc_time hit_delay;
    size_t walk_accesses = 0;
    for (unsigned i = 0; i < n + 1; i++)
        p.spawn(
            [&, i] {
                sc_core::wait(go);
                if (i == n) {
                    hit_delay = read_as(p, i, n + 1, va_of(n + 1) + 0x10).delay;
                    return;
                }
                const timed_read r = read_as(p, i, i + 1, va_of(i + 1) + 0x10);
                delays.push_back(r.delay);
                walk_accesses = r.walk_accesses;
            },
            ("contender" + std::to_string(i)).c_str());
    p.run([&] {
        map_streams(p, n + 1);
        read_as(p, n, n + 1, va_of(n + 1) + 0x10); // warm: stream n+1's page is in the TLB
        sc_core::wait(1, sc_core::SC_US);          // every slot free again
        p.smmu.clear_stats();
        go.notify();
        sc_core::wait(1, sc_core::SC_US);
        ASSERT_EQ(delays.size(), n);
        std::sort(delays.begin(), delays.end());
        const sc_time w = k_dti + k_fetch * double(walk_accesses); // memory latency 0
        for (unsigned i = 0; i < n; i++)
            EXPECT_EQ(delays[i], w * double(i / k + 1)) << i;
        EXPECT_EQ(hit_delay, k_hit);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.walks_queued, 3u);         // walks 2, 3, 4
        EXPECT_EQ(s.walk_queue_time, w * 4.0); // W + W + 2W
        EXPECT_EQ(s.walk_busy_time, w * double(n));
    });
}

// Without walk slots (0: no limit) concurrent walks never wait.
TEST(Timing, NoWalkSlotLimitMeansNoQueueing)
{
    constexpr unsigned n = 3;
    platform p(n, timed_config());
    sc_core::sc_event go;
    std::vector<sc_time> delays;
    for (unsigned i = 0; i < n; i++)
        p.spawn(
            [&, i] {
                sc_core::wait(go);
                delays.push_back(read_as(p, i, i + 1, va_of(i + 1) + 0x10).delay);
            },
            ("walker" + std::to_string(i)).c_str());
    p.run([&] {
        map_streams(p, n);
        go.notify();
        sc_core::wait(1, sc_core::SC_US);
        ASSERT_EQ(delays.size(), n);
        EXPECT_EQ(delays[0], delays[1]);
        EXPECT_EQ(delays[1], delays[2]);
        EXPECT_EQ(p.smmu.stats().walks_queued, 0u);
    });
}

// Per-TBU and per-stream statistics: TBUs by socket (tbu_map) and by stream_extension.tbu,
// streams beyond stats.streams counted as "other", and the latency distribution exact at the
// clock's resolution.
TEST(Timing, DetailedStatisticsPerTbuAndStream)
{
    smmuv3::smmu_tlm_config c = timed_config();
    c.core.tbus = 2;
    c.tbu_map = {0, 1};
    c.detailed_stats = true;
    c.stats_streams = 2;
    c.clock_period = sc_time(1, SC_NS);
    platform p(2, c);
    p.run([&] {
        map_streams(p, 3);
        p.smmu.clear_stats();
        const sc_time miss = read_as(p, 0, 1, va_of(1) + 0x10).delay; // TBU 0, stream 1
        for (int i = 0; i < 3; i++)
            EXPECT_EQ(read_as(p, 0, 1, va_of(1) + 0x10).delay, k_hit);
        read_as(p, 1, 2, va_of(2) + 0x10); // TBU 1 (socket 1), stream 2
        stream_extension s3(3);
        s3.tbu = 0; // socket 1, but TBU 0 named by the extension
        p.master(1).stream = s3;
        tlm::tlm_response_status st;
        EXPECT_EQ(p.master(1).read32(va_of(3) + 0x10, &st), 0x1003u);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        ASSERT_EQ(s.tbus.size(), 2u);
        EXPECT_EQ(s.tbus[0].transactions, 5u);
        EXPECT_EQ(s.tbus[0].tcu_tlb_hits, 3u);
        EXPECT_EQ(s.tbus[0].misses, 2u);
        EXPECT_EQ(s.tbus[0].walks, 2u);
        EXPECT_EQ(s.tbus[0].utlb_hits + s.tbus[0].tbu_tlb_hits, 0u);
        EXPECT_EQ(s.tbus[1].transactions, 1u);
        EXPECT_EQ(s.tbus[1].walks, 1u);
        ASSERT_EQ(s.streams.size(), 2u);
        EXPECT_EQ(s.streams[0].sid, 1u);
        EXPECT_EQ(s.streams[1].sid, 2u);
        EXPECT_EQ(s.other_streams.transactions, 1u); // stream 3
        const smmuv3::smmu_tlm_latency &l = s.streams[0].stats.latency;
        EXPECT_EQ(l.count, 4u);
        EXPECT_EQ(l.min, k_hit);
        EXPECT_EQ(l.max, miss);
        EXPECT_EQ(l.percentile(0.5), k_hit); // 3 of 4 values are hits
        EXPECT_EQ(l.percentile(0.99), miss);
        EXPECT_EQ(l.mean(), (k_hit * 3.0 + miss) / 4.0);
        std::ostringstream os;
        s.print(os);
        EXPECT_NE(os.str().find("  tbu 1:\n    transactions: 1\n"), std::string::npos) << os.str();
        EXPECT_NE(os.str().find("  stream sid 0x1 Non-secure:\n    transactions: 4\n"),
                  std::string::npos);
        EXPECT_NE(os.str().find("  other streams:\n    transactions: 1\n"), std::string::npos);
    });
}

// ---- with the topology core (issue 13 part 1) ----
// These need a core that fills smmu_result.hit / wc_hits and the topology counters. The core
// of this branch has placeholders (smmu_get_tbu_stats reads zero): they skip there, and run as
// soon as the topology core is merged.

namespace
{

bool core_has_topology(platform &p)
{
    smmu_tbu_stats t{};
    t.struct_size = sizeof(t);
    return smmu_get_tbu_stats(p.smmu.core_handle(), 0, &t) == SMMU_OK && t.translations > 0;
}

// Stream 1 with pages k_va + 1 GB + i * 4 KB -> k_pa + i * 4 KB (i < n), value 0x2000 + i.
void map_pages(platform &p, unsigned n)
{
    p.setup(SMMU_SEC_NS);
    for (unsigned i = 0; i < n; i++) {
        map(p.s1_tables(SMMU_SEC_NS), {va_of(1) + i * 0x1000ull, k_pa + i * 0x1000ull, 0x1000});
        fake_mem_wr32(p.mem, k_pa + i * 0x1000ull + 0x10, SMMU_PAS_NS, 0x2000 + i);
    }
    p.add_s1_stream(SMMU_SEC_NS, 1, p.s1_tables(SMMU_SEC_NS), 1);
    p.enable(SMMU_SEC_NS);
}

sc_time read_page(platform &p, unsigned i)
{
    tlm::tlm_response_status st;
    EXPECT_EQ(p.master(0, stream_extension(1)).read32(va_of(1) + i * 0x1000ull + 0x10, &st),
              0x2000 + i);
    EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
    return p.master(0).last_delay;
}

} // namespace

// A micro-TLB hit costs latency.utlb_hit alone, a TBU TLB hit latency.tbu_tlb_hit alone (no
// DTI, no configuration lookup). Micro-TLB of 2 entries (LRU), TBU TLB of 16: page 0 is walked,
// hit in the micro-TLB, then pushed out of it by pages 1 and 2 and found in the TBU TLB.
TEST(TimingTopology, MicroTlbAndTbuTlbHitsCostTheirOwnLatency)
{
    smmuv3::smmu_tlm_config c = timed_config();
    c.core.utlb_entries = 2;
    c.core.tbu_tlb_entries = 16;
    c.detailed_stats = true;
    platform p(1, c);
    p.run([&] {
        map_pages(p, 3);
        read_page(p, 0); // walk
        if (!core_has_topology(p)) {
            GTEST_SKIP() << "needs the topology core (smmu_result.hit)";
        }
        EXPECT_EQ(read_page(p, 0), c.utlb_hit_latency);
        read_page(p, 1);
        read_page(p, 2);
        EXPECT_EQ(read_page(p, 0), c.tbu_tlb_hit_latency);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.tbus[0].utlb_hits, 1u);
        EXPECT_EQ(s.tbus[0].tbu_tlb_hits, 1u);
        EXPECT_EQ(s.tbus[0].misses, 3u);
    });
}

// A walk that finds its level-2 table descriptor in the stage-1 level-2 walk cache reads one
// descriptor (level 3) instead of four and pays latency.wc_hit once: pages 0 and 1 share the
// level-3 table; page 1's walk comes after page 0's filled the walk caches (TLB disabled).
TEST(TimingTopology, WalkCacheHitCostsItsLatencyAndSavesFetches)
{
    smmuv3::smmu_tlm_config c = timed_config();
    c.core.tlb_entries = 0; // every access walks
    c.core.wc_s1_l0_entries = 4;
    c.core.wc_s1_l1_entries = 4;
    c.core.wc_s1_l2_entries = 4;
    platform p(1, c);
    p.run([&] {
        map_pages(p, 2);
        read_page(p, 0);
        if (!core_has_topology(p)) {
            GTEST_SKIP() << "needs the topology core (smmu_result.wc_hits)";
        }
        smmu_tcu_stats before{}, after{};
        before.struct_size = after.struct_size = sizeof(before);
        smmu_get_tcu_stats(p.smmu.core_handle(), &before);
        const size_t log0 = p.memory.log.size();
        const sc_time d = read_page(p, 1);
        smmu_get_tcu_stats(p.smmu.core_handle(), &after);
        EXPECT_EQ(after.wc_hits[0][2] - before.wc_hits[0][2], 1u);
        EXPECT_EQ(p.memory.log.size() - log0 - 1, 1u); // the level-3 descriptor only
        EXPECT_EQ(d, k_dti + k_cfg + c.wc_hit_latency + k_fetch);
    });
}

// ---- parameters ----

TEST(TimingParams, CyclesNeedAClockAndScaleWithIt)
{
    smmuv3::smmu_tlm_config c;
    std::string err;
    EXPECT_FALSE(smmuv3::smmu_tlm_param_set(c, "latency.tlb_hit", "3 cycles", &err));
    EXPECT_EQ(err, "latency.tlb_hit \"3 cycles\": must be a time: <number> <fs|ps|ns|us|ms|s>, "
                   "or <number> cycles with clock_period set, at most 1 s");
    ASSERT_TRUE(smmuv3::smmu_tlm_param_set(c, "clock_period", "500 ps", &err)) << err;
    ASSERT_TRUE(smmuv3::smmu_tlm_param_set(c, "latency.tlb_hit", "3 cycles", &err)) << err;
    EXPECT_EQ(c.tlb_hit_latency, sc_time(1500, sc_core::SC_PS));
    ASSERT_TRUE(smmuv3::smmu_tlm_param_set(c, "walk_slots", "16", &err)) << err;
    EXPECT_EQ(c.walk_slots, 16u);
    EXPECT_FALSE(smmuv3::smmu_tlm_param_set(c, "walk_slots", "5000", &err));
    EXPECT_EQ(err, "walk_slots \"5000\": must be 0..4096");
}

// "preset" is applied after clock_period and before every other parameter, whatever the
// order given: gem5's defaults (src/dev/arm/SMMUv3.py) in cycles of a 2 ns clock, with one
// latency overridden.
TEST(TimingParams, PresetThenExplicitParameters)
{
    smmuv3::param_map m;
    m.set("top.smmu.latency.dti", "5 ns", "test");
    m.set("top.smmu.preset", "gem5-like", "test");
    m.set("top.smmu.clock_period", "2 ns", "test");
    smmuv3::smmu_tlm_config c;
    std::string err;
    ASSERT_TRUE(smmuv3::configure("top.smmu", m, c, &err)) << err;
    EXPECT_EQ(c.preset, "gem5-like");
    EXPECT_EQ(c.dti_latency, sc_time(5, SC_NS));         // explicit, over the preset's 16 cycles
    EXPECT_EQ(c.utlb_hit_latency, sc_time(2, SC_NS));    // utlb_lat 1 cycle
    EXPECT_EQ(c.tbu_tlb_hit_latency, sc_time(6, SC_NS)); // tlb_lat 3 cycles
    EXPECT_EQ(c.cfg_hit_latency, sc_time(6, SC_NS));     // cfg_lat 3 cycles
    EXPECT_EQ(c.wc_hit_latency, sc_time(8, SC_NS));      // walk_lat 4 cycles
    EXPECT_EQ(c.walk_slots, 16u);                        // ptw_slots
    EXPECT_EQ(c.core.utlb_entries, 32u);
    EXPECT_EQ(c.core.tbu_tlb_entries, 2048u);
    EXPECT_EQ(c.core.tlb_entries, 0u); // tlb_enable False
    EXPECT_EQ(c.core.cfg_entries, 64u);
    EXPECT_EQ(c.core.wc_s1_l2_entries, 348u);
    EXPECT_EQ(c.core.wc_s2_l2_entries, 92u);
    std::string v;
    ASSERT_TRUE(smmuv3::smmu_tlm_param_get(c, "preset", &v));
    EXPECT_EQ(v, "gem5-like");
    smmuv3::smmu_tlm_config d;
    EXPECT_FALSE(smmuv3::smmu_tlm_param_set(d, "preset", "mmu-500", &err));
    EXPECT_EQ(err, "preset \"mmu-500\": must be none, mmu600-like, mmu700-like or gem5-like");
}

TEST(TimingParams, TbuMapEntriesMustNameATbu)
{
    smmuv3::smmu_tlm_config c;
    std::string err;
    ASSERT_TRUE(smmuv3::smmu_tlm_param_set(c, "tbu_map", "0,1", &err)) << err;
    EXPECT_FALSE(smmuv3::smmu_tlm_config_check(c, &err));
    EXPECT_EQ(err, "tbu_map 0,1: entry 1 is TBU 1, but tbus is 1");
    c.core.tbus = 2;
    EXPECT_TRUE(smmuv3::smmu_tlm_config_check(c, &err)) << err;
}

// ---- the approximately-timed protocol ----

namespace
{

// An AT initiator: sends BEGIN_REQ, records every phase with its time, and ends each response
// phase hold after BEGIN_RESP (END_RESP on the forward path).
class at_master : public sc_core::sc_module
{
  public:
    tlm_utils::simple_initiator_socket<at_master> socket;
    struct rec {
        std::string what;
        sc_time at;
        tlm::tlm_generic_payload *t;
    };
    std::vector<rec> log;
    sc_time hold = SC_ZERO_TIME; // BEGIN_RESP -> END_RESP
    bool complete_on_bw = false; // answer BEGIN_RESP with TLM_COMPLETED instead
    // With a memory manager, make() acquires each payload (the initiator's reference) and the
    // master releases it when the hop ends (END_RESP sent, or TLM_COMPLETED returned);
    // refs_at_begin_resp records the reference count seen at each BEGIN_RESP.
    tlm::tlm_mm_interface *mm = nullptr;
    std::vector<unsigned> refs_at_begin_resp;

    explicit at_master(const sc_core::sc_module_name &n) : sc_module(n), socket("socket")
    {
        socket.register_nb_transport_bw(this, &at_master::bw);
        SC_HAS_PROCESS(at_master);
        SC_THREAD(end_resp_thread);
    }

    // A read of 4 bytes as stream sid (the payload owns its extension).
    tlm::tlm_generic_payload *make(uint32_t sid, uint64_t addr)
    {
        m_payloads.emplace_back(new tlm::tlm_generic_payload);
        m_data.emplace_back(new uint32_t(0));
        tlm::tlm_generic_payload *t = m_payloads.back().get();
        init_payload(*t, tlm::TLM_READ_COMMAND, addr, m_data.back().get(), 4);
        t->set_extension(new stream_extension(sid));
        if (mm) {
            t->set_mm(mm);
            t->acquire();
        }
        return t;
    }
    static uint32_t value(tlm::tlm_generic_payload &t)
    {
        return *reinterpret_cast<uint32_t *>(t.get_data_ptr());
    }

    void begin_req(tlm::tlm_generic_payload &t)
    {
        tlm::tlm_phase ph = tlm::BEGIN_REQ;
        sc_time d = SC_ZERO_TIME;
        const tlm::tlm_sync_enum r = socket->nb_transport_fw(t, ph, d);
        log.push_back({std::string("BEGIN_REQ->") +
                           (r == tlm::TLM_UPDATED    ? "UPDATED "
                            : r == tlm::TLM_ACCEPTED ? "ACCEPTED "
                                                     : "COMPLETED ") +
                           ph.get_name(),
                       sc_core::sc_time_stamp() + d, &t});
    }
    size_t count(const std::string &what, const tlm::tlm_generic_payload *t = nullptr) const
    {
        return std::count_if(log.begin(), log.end(),
                             [&](const rec &r) { return r.what == what && (!t || r.t == t); });
    }
    sc_time time_of(const std::string &what, const tlm::tlm_generic_payload *t) const
    {
        for (const rec &r : log)
            if (r.what == what && r.t == t)
                return r.at;
        ADD_FAILURE() << what << " not seen";
        return SC_ZERO_TIME;
    }

  private:
    tlm::tlm_sync_enum bw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph, sc_time &d)
    {
        log.push_back({ph.get_name(), sc_core::sc_time_stamp() + d, &t});
        if (ph != tlm::BEGIN_RESP)
            return tlm::TLM_COMPLETED;
        refs_at_begin_resp.push_back(t.get_ref_count());
        if (complete_on_bw) {
            if (t.has_mm())
                t.release();
            return tlm::TLM_COMPLETED; // the response phase ends here
        }
        m_pending.push_back(&t);
        m_end.notify(hold);
        return tlm::TLM_ACCEPTED;
    }
    void end_resp_thread()
    {
        for (;;) {
            sc_core::wait(m_end);
            while (!m_pending.empty()) {
                tlm::tlm_generic_payload *t = m_pending.front();
                m_pending.pop_front();
                tlm::tlm_phase ph = tlm::END_RESP;
                sc_time d = SC_ZERO_TIME;
                const tlm::tlm_sync_enum r = socket->nb_transport_fw(*t, ph, d);
                log.push_back({r == tlm::TLM_COMPLETED ? "END_RESP->COMPLETED" : "END_RESP->?",
                               sc_core::sc_time_stamp(), t});
                if (t->has_mm())
                    t->release();
            }
        }
    }
    std::vector<std::unique_ptr<tlm::tlm_generic_payload>> m_payloads;
    std::vector<std::unique_ptr<uint32_t>> m_data;
    std::deque<tlm::tlm_generic_payload *> m_pending;
    sc_core::sc_event m_end;
};

} // namespace

// One read under AT: BEGIN_REQ is answered TLM_UPDATED / END_REQ at once; BEGIN_RESP comes
// when the translation (a walk here, then a hit) and the downstream access are done, at the
// same time b_transport would have annotated; END_RESP completes it.
TEST(AtProtocol, PhasesOfAReadFollowTheBaseProtocol)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    at.hold = sc_time(4, SC_NS);
    p.run([&] {
        map_streams(p, 1);
        tlm::tlm_generic_payload *miss = at.make(1, va_of(1) + 0x10);
        const size_t before = p.memory.log.size();
        const sc_time t0 = sc_core::sc_time_stamp();
        at.begin_req(*miss);
        sc_core::wait(1, sc_core::SC_US);
        const size_t walk = p.memory.log.size() - before - 1;
        ASSERT_EQ(at.log.size(), 3u);
        EXPECT_EQ(at.log[0].what, "BEGIN_REQ->UPDATED END_REQ");
        EXPECT_EQ(at.log[0].at, t0);
        EXPECT_EQ(at.log[1].what, "BEGIN_RESP");
        EXPECT_EQ(at.log[1].at, t0 + k_dti + (k_fetch + k_mem) * double(walk) + k_mem);
        EXPECT_EQ(at.log[2].what, "END_RESP->COMPLETED");
        EXPECT_EQ(at.log[2].at, at.log[1].at + at.hold);
        EXPECT_EQ(miss->get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(at_master::value(*miss), 0x1001u);

        tlm::tlm_generic_payload *hit = at.make(1, va_of(1) + 0x10);
        const sc_time t1 = sc_core::sc_time_stamp();
        at.begin_req(*hit);
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(at.time_of("BEGIN_RESP", hit), t1 + k_hit + k_mem);
        EXPECT_EQ(p.smmu.stats().at_transactions, 2u);
    });
}

// Several outstanding requests of one master: responses come out of order (a hit overtakes a
// walk), and one at a time: a response ready while another is in the response phase waits for
// its END_RESP (response exclusion rule, IEEE 1666 15.2.6).
TEST(AtProtocol, OutstandingRequestsAndResponseExclusion)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    at.hold = sc_time(100, SC_NS); // longer than a walk
    p.run([&] {
        map_streams(p, 2);
        p.master(0, stream_extension(1)).read32(va_of(1) + 0x10); // stream 1's page is cached
        sc_core::wait(1, sc_core::SC_US);
        tlm::tlm_generic_payload *walk = at.make(2, va_of(2) + 0x10);
        tlm::tlm_generic_payload *hit = at.make(1, va_of(1) + 0x10);
        const sc_time t0 = sc_core::sc_time_stamp();
        at.begin_req(*walk);
        at.begin_req(*hit); // allowed at once: the request phase ended with END_REQ
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(at.count("BEGIN_REQ->UPDATED END_REQ"), 2u);
        EXPECT_EQ(at.time_of("BEGIN_RESP", hit), t0 + k_hit);
        // The walk ended before the hit's END_RESP: its BEGIN_RESP waits for it
        EXPECT_EQ(at.time_of("END_RESP->COMPLETED", hit), t0 + k_hit + at.hold);
        EXPECT_EQ(at.time_of("BEGIN_RESP", walk), t0 + k_hit + at.hold);
        EXPECT_EQ(at_master::value(*walk), 0x1002u);
        EXPECT_EQ(at_master::value(*hit), 0x1001u);
    });
}

// AT and b_transport masters on the same SMMU: both translate, and a fault is answered
// TLM_ADDRESS_ERROR_RESPONSE under AT as under b_transport.
TEST(AtProtocol, MixedWithBlockingMastersAndFaults)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    p.run([&] {
        map_streams(p, 2);
        tlm::tlm_generic_payload *ok = at.make(2, va_of(2) + 0x10);
        tlm::tlm_generic_payload *fault = at.make(2, va_of(2) + 0x10000); // not mapped
        at.begin_req(*ok);
        at.begin_req(*fault);
        tlm::tlm_response_status st, st_fault;
        EXPECT_EQ(p.master(0, stream_extension(1)).read32(va_of(1) + 0x10, &st), 0x1001u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        p.master(0).read32(va_of(1) + 0x10000, &st_fault);
        EXPECT_EQ(st_fault, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(ok->get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(at_master::value(*ok), 0x1002u);
        EXPECT_EQ(fault->get_response_status(), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(at.count("BEGIN_RESP"), 2u);
        EXPECT_EQ(at.count("END_RESP->COMPLETED"), 2u);
        smmu_stats core = p.smmu.stats().core;
        EXPECT_EQ(core.events_by_type[SMMU_EVT_F_TRANSLATION], 2u);
    });
}

// [IHI 0070 3.12.2] under AT: a stalled request gets no BEGIN_RESP while held; another
// request of the same master completes meanwhile; CMD_RESUME (Retry) after mapping the page
// translates it again, and its BEGIN_RESP follows with the data.
TEST(AtProtocol, StalledResponseDeferredUntilResume)
{
    smmuv3::smmu_tlm_config c = timed_config();
    c.core.stall_model = SMMU_STALL_AND_TERMINATE;
    platform p(1, c);
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    p.run([&] {
        map_streams(p, 2,
                    [&] { p.edit_cd(SMMU_SEC_NS, 1, [](uint64_t *cd) { smmu_cd_set_S(cd, 1); }); });
        const uint64_t stall_va = va_of(1) + 0x2000; // not mapped yet
        fake_mem_wr32(p.mem, pa_of(1) + 0x2010, SMMU_PAS_NS, 0xCAFE);
        tlm::tlm_generic_payload *stalled = at.make(1, stall_va + 0x10);
        tlm::tlm_generic_payload *other = at.make(2, va_of(2) + 0x10);
        at.begin_req(*stalled);
        at.begin_req(*other);
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(at.count("BEGIN_RESP", other), 1u);
        EXPECT_EQ(at.count("BEGIN_RESP", stalled), 0u);
        uint64_t evt[4];
        ASSERT_TRUE(drv_read_event(&p.ns, evt));
        EXPECT_EQ(smmu_evt_EventType(evt), (uint64_t)SMMU_EVT_F_TRANSLATION);
        EXPECT_TRUE(smmu_evt_Stall(evt));
        map(p.s1_tables(SMMU_SEC_NS), {stall_va, pa_of(1) + 0x2000, 0x1000});
        const sc_time resumed = sc_core::sc_time_stamp();
        uint64_t r[2];
        cmd_clear(r, SMMU_CMD_RESUME);
        smmu_cmd_set_StreamID(r, 1);
        smmu_cmd_set_STAG(r, smmu_evt_STAG(evt));
        smmu_cmd_set_Ac(r, 1);
        p.command(SMMU_SEC_NS, r);
        sc_core::wait(1, sc_core::SC_US);
        ASSERT_EQ(at.count("BEGIN_RESP", stalled), 1u);
        EXPECT_GE(at.time_of("BEGIN_RESP", stalled), resumed);
        EXPECT_EQ(stalled->get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(at_master::value(*stalled), 0xCAFEu);
    });
}

// A master that answers BEGIN_RESP with TLM_COMPLETED ends the response phase on the backward
// path: a second response ready at the same time follows at once, without END_RESP.
TEST(AtProtocol, CompletedOnTheBackwardPathEndsTheResponsePhase)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    at.complete_on_bw = true;
    p.run([&] {
        map_streams(p, 1);
        p.master(0, stream_extension(1)).read32(va_of(1) + 0x10); // cached
        sc_core::wait(1, sc_core::SC_US);
        tlm::tlm_generic_payload *a = at.make(1, va_of(1) + 0x10);
        tlm::tlm_generic_payload *b = at.make(1, va_of(1) + 0x14);
        const sc_time t0 = sc_core::sc_time_stamp();
        at.begin_req(*a);
        at.begin_req(*b);
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(at.time_of("BEGIN_RESP", a), t0 + k_hit);
        EXPECT_EQ(at.time_of("BEGIN_RESP", b), t0 + k_hit);
        EXPECT_EQ(at.count("END_RESP->COMPLETED"), 0u);
        EXPECT_EQ(a->get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b->get_response_status(), tlm::TLM_OK_RESPONSE);
    });
}

// An initiator may send BEGIN_REQ and END_RESP only [IEEE 1666-2011 15.2]: BEGIN_RESP on the
// forward path is an SC_ERROR naming the socket and the phase.
TEST(AtProtocol, WrongPhaseOnTheForwardPathIsAnError)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    expect_report("upstream socket 1: nb_transport_fw with phase BEGIN_RESP: an initiator sends "
                  "BEGIN_REQ and END_RESP only");
    sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_DISPLAY); // inspected
    p.run([&] {
        tlm::tlm_generic_payload *t = at.make(1, va_of(1));
        tlm::tlm_phase ph = tlm::BEGIN_RESP;
        sc_time d = SC_ZERO_TIME;
        EXPECT_EQ(at.socket->nb_transport_fw(*t, ph, d), tlm::TLM_COMPLETED);
        EXPECT_EQ(count_reports("nb_transport_fw with phase BEGIN_RESP"), 1u);
    });
}

// A memory manager that counts the payloads handed back to it (it keeps them: the master owns
// their storage).
struct counting_mm : tlm::tlm_mm_interface {
    unsigned frees = 0;
    void free(tlm::tlm_generic_payload *) override { frees++; }
};

// The module holds an AT payload from BEGIN_REQ to the end of the hop, so it must hold a
// reference to a payload that has a memory manager [IEEE 1666-2011 14.5, 15.2.3 p)]: at
// BEGIN_RESP the count is 2 (the master's and the module's); the module's is released when
// the hop ends: by END_RESP on the forward path (count back to 1, the master's), or by
// TLM_COMPLETED on the backward path (the master released its own: the payload goes back to
// its memory manager exactly once, after the module is done with it).
TEST(AtProtocol, PayloadWithAMemoryManagerIsHeldUntilTheHopEnds)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    counting_mm mm;
    at.mm = &mm;
    at.hold = sc_time(4, SC_NS);
    p.run([&] {
        map_streams(p, 1);
        tlm::tlm_generic_payload *a = at.make(1, va_of(1) + 0x10);
        at.begin_req(*a);
        EXPECT_EQ(a->get_ref_count(), 2); // the master's and the module's
        sc_core::wait(1, sc_core::SC_US);
        ASSERT_EQ(at.refs_at_begin_resp.size(), 1u);
        EXPECT_EQ(at.refs_at_begin_resp[0], 2u);
        EXPECT_EQ(at.count("END_RESP->COMPLETED", a), 1u);
        EXPECT_EQ(a->get_ref_count(), 0); // END_RESP: the module's, then the master's release
        EXPECT_EQ(mm.frees, 1u);
        EXPECT_EQ(at_master::value(*a), 0x1001u);

        at.complete_on_bw = true;
        tlm::tlm_generic_payload *b = at.make(1, va_of(1) + 0x10);
        at.begin_req(*b);
        sc_core::wait(1, sc_core::SC_US);
        ASSERT_EQ(at.refs_at_begin_resp.size(), 2u);
        EXPECT_EQ(at.refs_at_begin_resp[1], 2u);
        EXPECT_EQ(b->get_ref_count(), 0);
        EXPECT_EQ(mm.frees, 2u); // once per payload: not freed early, not released twice
        EXPECT_EQ(at_master::value(*b), 0x1001u);
    });
}

TLM_DECLARE_EXTENDED_PHASE(first_data_beat);

// An extended phase between BEGIN_REQ and END_RESP is ignorable under the base protocol: a
// callee that does not know it ignores it and returns TLM_ACCEPTED [IEEE 1666-2011 15.2.5 b)];
// the transaction goes on (BEGIN_RESP, END_RESP) and nothing is reported.
TEST(AtProtocol, IgnorablePhaseIsAcceptedAndIgnored)
{
    platform p(1, timed_config());
    at_master at("at");
    at.socket.bind(p.smmu.upstream);
    sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_DISPLAY); // inspected
    p.run([&] {
        map_streams(p, 1);
        tlm::tlm_generic_payload *t = at.make(1, va_of(1) + 0x10);
        at.begin_req(*t);
        tlm::tlm_phase ph = first_data_beat;
        sc_time d = SC_ZERO_TIME;
        EXPECT_EQ(at.socket->nb_transport_fw(*t, ph, d), tlm::TLM_ACCEPTED);
        sc_core::wait(1, sc_core::SC_US);
        EXPECT_EQ(count_reports("nb_transport_fw with phase"), 0u);
        EXPECT_EQ(at.count("BEGIN_RESP", t), 1u);
        EXPECT_EQ(at.count("END_RESP->COMPLETED", t), 1u);
        EXPECT_EQ(t->get_response_status(), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(at_master::value(*t), 0x1001u);
    });
}
