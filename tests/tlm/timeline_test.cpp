// SPDX-License-Identifier: Apache-2.0
// Timelines (smmu_tlm::set_timeline, Trace Event JSON) and waveforms (smmu_tlm::trace_signals,
// VCD) of the TLM module (docs/observability.md): the JSON of known scenarios is parsed and its
// events, their nesting and their exact simulated times are checked against the latencies
// configured; the VCD's variables and value changes against the commands written.
// Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <streambuf>

#include <nlohmann/json.hpp>

#include "smmuv3/tlm/timeline.h"
#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using nlohmann::json;
using sc_core::SC_NS;
using sc_core::sc_time;
using smmuv3::stream_extension;

namespace
{

constexpr uint64_t k_va = 0x40000000, k_pa = 0x800000;
// Latencies all different, so that a sum names its terms
const sc_time k_tlb(3, SC_NS), k_cfg(2, SC_NS), k_dti(7, SC_NS), k_fetch(10, SC_NS),
    k_reg(4, SC_NS);
const sc_time k_mem(1, SC_NS); // the memory's own delay on every access
const sc_time k_access = k_fetch + k_mem; // one table fetch or queue read

smmuv3::smmu_tlm_config timed_config()
{
    smmuv3::smmu_tlm_config c = platform::default_config();
    c.tlb_hit_latency = k_tlb;
    c.cfg_hit_latency = k_cfg;
    c.dti_latency = k_dti;
    c.fetch_latency = k_fetch;
    c.reg_latency = k_reg;
    return c;
}

// Simulated picoseconds of a "ts" / "dur" (microseconds, 6 decimals) and of an sc_time
long long ps(const json &us)
{
    return std::llround(us.get<double>() * 1e6);
}
long long ps(const sc_time &t)
{
    return std::llround(t.to_seconds() * 1e12);
}

// A parsed timeline: events by track name
struct parsed {
    json all;
    std::map<std::pair<int, int>, std::string> track; // (pid, tid) -> name

    explicit parsed(const std::string &text) : all(json::parse(text))
    {
        for (const json &e : all)
            if (e["ph"] == "M" && e["name"] == "thread_name")
                track[{e["pid"].get<int>(), e["tid"].get<int>()}] = e["args"]["name"];
    }
    std::string track_of(const json &e) const
    {
        auto it = track.find({e["pid"].get<int>(), e["tid"].get<int>()});
        return it == track.end() ? "" : it->second;
    }
    // The events of phase ph on the named track (and category, if given), by time
    std::vector<json> on(const std::string &name, const char *ph, const char *cat = nullptr) const
    {
        std::vector<json> v;
        for (const json &e : all)
            if (e["ph"] == ph && track_of(e) == name && (!cat || e["cat"] == cat))
                v.push_back(e);
        std::stable_sort(v.begin(), v.end(),
                         [](const json &a, const json &b) { return ps(a["ts"]) < ps(b["ts"]); });
        return v;
    }
};

bool inside(const json &inner, const json &outer)
{
    return ps(inner["ts"]) >= ps(outer["ts"]) &&
           ps(inner["ts"]) + ps(inner["dur"]) <= ps(outer["ts"]) + ps(outer["dur"]);
}

// Stream 1 of the Non-secure bank, stage 1: k_va -> k_pa (one 4 KB page)
void one_stream(platform &p)
{
    p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_pa, 0x1000}});
    p.enable(SMMU_SEC_NS);
    p.master(0).stream = stream_extension(1);
}

// Commands written to the Non-secure queue, then one timed CMDQ_PROD write (reg_socket)
void submit_timed(platform &p, std::initializer_list<std::array<uint64_t, 2>> cmds)
{
    smmu_driver &d = p.drv(SMMU_SEC_NS);
    const uint32_t wrap = (2u << d.cmdq_log2) - 1, idx = (1u << d.cmdq_log2) - 1;
    for (const auto &c : cmds) {
        const uint64_t pa = d.cmdq_base + uint64_t{d.cmdq_prod & idx} * 16;
        fake_mem_wr64(d.mem, pa, d.pas, c[0]);
        fake_mem_wr64(d.mem, pa + 8, d.pas, c[1]);
        d.cmdq_prod = (d.cmdq_prod + 1) & wrap;
    }
    EXPECT_EQ(p.cpu.write(SMMU_CMDQ_PROD, 4, d.cmdq_prod), tlm::TLM_OK_RESPONSE);
}

} // namespace

// Times are exact: microseconds with picosecond digits, from integer simulated time.
TEST(Timeline, TimestampsAreExactMicrosecondsOfSimulatedTime)
{
    EXPECT_EQ(smmuv3::timeline::format_ts(sc_time(1.5, SC_NS)), "0.001500");
    EXPECT_EQ(smmuv3::timeline::format_ts(sc_time(123456789, sc_core::SC_PS)), "123.456789");
    EXPECT_EQ(smmuv3::timeline::format_ts(sc_time(3, sc_core::SC_SEC)), "3000000.000000");
    EXPECT_EQ(smmuv3::timeline::format_ts(sc_core::SC_ZERO_TIME), "0.000000");
}

// A miss: the transaction's slice runs from its arrival to its response (the SMMU's delay and
// the memory's), the walk's slice holds the six table fetches of a stage-1 4 KB-granule
// 48-bit walk [IHI 0070 3.4, 3.5] (STE, CD, levels 0-3), each fetch_latency + the memory's
// delay, in order, nested in the walk, nested in the transaction. A TLB hit then costs
// DTI + TLB + configuration-cache latencies, and makes no walk.
TEST(Timeline, TransactionsAndWalksAreSlicesAtTheirExactTimes)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    std::stringstream out;
    smmuv3::timeline tl(out);
    sc_time t_miss, t_hit;
    p.run([&] {
        one_stream(p);
        p.smmu.set_timeline(&tl);
        t_miss = sc_core::sc_time_stamp();
        EXPECT_EQ(p.master(0).read32(k_va + 0x10), 0u);
        t_hit = sc_core::sc_time_stamp();
        p.master(0).read32(k_va + 0x20);
        p.smmu.set_timeline(nullptr);
    });
    tl.finish();
    const parsed j(out.str());

    const auto txns = j.on("upstream 0", "X");
    ASSERT_EQ(txns.size(), 2u) << out.str();
    const auto walks = j.on("walker", "X", "walk");
    const auto fetches = j.on("walker", "X", "fetch");
    ASSERT_EQ(walks.size(), 1u);
    ASSERT_EQ(fetches.size(), 6u);

    const sc_time walk_time = k_dti + k_access * 6.0;
    const json &miss = txns[0];
    EXPECT_EQ(miss["name"], "R walk");
    EXPECT_EQ(ps(miss["ts"]), ps(t_miss));
    EXPECT_EQ(ps(miss["dur"]), ps(walk_time + k_mem));
    EXPECT_EQ(miss["args"]["sid"], "0x1");
    EXPECT_EQ(miss["args"]["sec"], "NS");
    EXPECT_EQ(miss["args"]["addr"], "0x40000010");
    EXPECT_EQ(miss["args"]["pa"], "0x800010");
    EXPECT_EQ(miss["args"]["pas"], "Non-secure");
    EXPECT_EQ(miss["args"]["hit"], "none");
    EXPECT_EQ(miss["args"]["tlb_hit"], false);
    EXPECT_EQ(miss["args"]["fetches"], 6);
    EXPECT_DOUBLE_EQ(miss["args"]["latency_ns"].get<double>(), 73.0); // 7 + 6 * 11
    EXPECT_EQ(miss["args"]["outcome"], "OK");
    EXPECT_EQ(miss["args"]["response"], "TLM_OK_RESPONSE");

    const json &walk = walks[0];
    EXPECT_EQ(ps(walk["ts"]), ps(t_miss));
    EXPECT_EQ(ps(walk["dur"]), ps(walk_time));
    EXPECT_EQ(walk["args"]["sid"], "0x1");
    EXPECT_TRUE(inside(walk, miss));
    const char *const names[] = {"STE", "CD", "S1 L0", "S1 L1", "S1 L2", "S1 L3"};
    for (size_t i = 0; i < 6; i++) {
        SCOPED_TRACE(i);
        EXPECT_EQ(fetches[i]["name"], names[i]);
        EXPECT_EQ(ps(fetches[i]["ts"]), ps(t_miss + k_access * double(i)));
        EXPECT_EQ(ps(fetches[i]["dur"]), ps(k_access));
        EXPECT_TRUE(inside(fetches[i], walk));
    }
    EXPECT_EQ(fetches[0]["args"]["addr"], "0x10040"); // STE 1 of the linear table at k_strtab
    EXPECT_EQ(fetches[5]["args"]["level"], "3");
    EXPECT_EQ(fetches[5]["args"]["stage"], 1);
    EXPECT_TRUE(fetches[5]["args"].contains("desc"));

    const json &hit = txns[1];
    EXPECT_EQ(hit["name"], "R tcu_tlb");
    EXPECT_EQ(ps(hit["ts"]), ps(t_hit));
    EXPECT_EQ(ps(hit["dur"]), ps(k_dti + k_tlb + k_cfg + k_mem));
    EXPECT_DOUBLE_EQ(hit["args"]["latency_ns"].get<double>(), 12.0);
    EXPECT_EQ(hit["args"]["tlb_hit"], true);
    EXPECT_EQ(hit["args"]["cfg_hit"], true);
}

// Commands are slices on their queue's track, from the start of their fetch to their
// consumption, named as drivers name them; a CMD_SYNC has a flow arrow from each invalidation
// consumed since the previous CMD_SYNC of that queue [IHI 0070 4.7.3], and from nothing else.
TEST(Timeline, CmdSyncHasFlowArrowsFromTheInvalidationsItCompletes)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    std::stringstream out;
    smmuv3::timeline tl(out);
    sc_time t_write;
    p.run([&] {
        one_stream(p);
        p.smmu.set_timeline(&tl);
        std::array<uint64_t, 2> tlbi{}, cfgi{}, sync{}, prefetch{};
        cmd_tlbi_nh_va(tlbi.data(), 0, 1, k_va, false);
        cmd_cfgi_ste(cfgi.data(), 1, true, false);
        cmd_sync(sync.data(), 0, 0, 0, 0, 0);
        cmd_prefetch_config(prefetch.data(), 1, false, 0, false);
        t_write = sc_core::sc_time_stamp();
        submit_timed(p, {tlbi, cfgi, sync, prefetch, sync});
    });
    tl.finish();
    const parsed j(out.str());

    const auto cmds = j.on("CMDQ NS", "X");
    ASSERT_EQ(cmds.size(), 5u) << out.str();
    const char *const names[] = {"CMD_TLBI_NH_VA", "CMD_CFGI_STE", "CMD_SYNC",
                                 "CMD_PREFETCH_CONFIG", "CMD_SYNC"};
    // One register write: its latency, then each command's queue read in turn
    for (size_t i = 0; i < 5; i++) {
        SCOPED_TRACE(i);
        EXPECT_EQ(cmds[i]["name"], names[i]);
        EXPECT_EQ(ps(cmds[i]["ts"]), ps(t_write + k_reg + k_access * double(i)));
        EXPECT_EQ(ps(cmds[i]["dur"]), ps(k_access));
        EXPECT_EQ(cmds[i]["args"]["outcome"], "consumed");
    }
    const auto outs = j.on("CMDQ NS", "s");
    const auto ins = j.on("CMDQ NS", "f");
    ASSERT_EQ(outs.size(), 2u);
    ASSERT_EQ(ins.size(), 2u);
    for (size_t i = 0; i < 2; i++) {
        SCOPED_TRACE(i);
        EXPECT_TRUE(ps(outs[i]["ts"]) > ps(cmds[i]["ts"]) &&
                    ps(outs[i]["ts"]) < ps(cmds[i]["ts"]) + ps(cmds[i]["dur"]));
        EXPECT_EQ(ins[i]["bp"], "e");
        EXPECT_TRUE(ps(ins[i]["ts"]) > ps(cmds[2]["ts"]) &&
                    ps(ins[i]["ts"]) < ps(cmds[2]["ts"]) + ps(cmds[2]["dur"]));
        EXPECT_EQ(ins[i]["name"], outs[i]["name"]);
        EXPECT_EQ(ins[i]["cat"], outs[i]["cat"]);
    }
    EXPECT_NE(outs[0]["id"], outs[1]["id"]);
    std::set<uint64_t> in_ids = {ins[0]["id"].get<uint64_t>(), ins[1]["id"].get<uint64_t>()};
    std::set<uint64_t> out_ids = {outs[0]["id"].get<uint64_t>(), outs[1]["id"].get<uint64_t>()};
    EXPECT_EQ(in_ids, out_ids);
}

// A translation fault: the transaction's slice says so and the event record is an instant on
// the event queue's track, at the time it was written, with the record's fields
// [IHI 0070 7.3.10]; the queue's interrupt is an instant too.
TEST(Timeline, EventRecordIsAnInstantWithItsDecodedFields)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    std::stringstream out;
    smmuv3::timeline tl(out);
    sc_time t0;
    p.run([&] {
        one_stream(p);
        p.smmu.set_timeline(&tl);
        t0 = sc_core::sc_time_stamp();
        tlm::tlm_response_status st;
        p.master(0).read32(k_va + 0x200000, &st); // unmapped (a level-3 table exists for k_va)
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    tl.finish();
    const parsed j(out.str());
    const auto txns = j.on("upstream 0", "X");
    ASSERT_EQ(txns.size(), 1u) << out.str();
    EXPECT_EQ(txns[0]["name"], "R F_TRANSLATION");
    EXPECT_EQ(txns[0]["args"]["outcome"], "FAULT");
    EXPECT_EQ(txns[0]["args"]["response"], "TLM_ADDRESS_ERROR_RESPONSE");
    const auto evs = j.on("EVTQ NS", "i");
    ASSERT_EQ(evs.size(), 1u);
    const json &e = evs[0];
    EXPECT_EQ(e["name"], "F_TRANSLATION");
    EXPECT_EQ(e["args"]["type"], "0x10");
    EXPECT_EQ(e["args"]["StreamID"], "0x1");
    EXPECT_EQ(e["args"]["InputAddr"], "0x40200000");
    EXPECT_EQ(e["args"]["RnW"], 1);
    EXPECT_EQ(e["args"]["record"], "0x30000"); // the first entry of the queue at k_evtq
    EXPECT_TRUE(inside(json{{"ts", e["ts"]}, {"dur", 0.0}}, txns[0]));
    // The walk's fetches came before the record
    const auto fetches = j.on("walker", "X", "fetch");
    ASSERT_FALSE(fetches.empty());
    EXPECT_GE(ps(e["ts"]), ps(fetches.back()["ts"]) + ps(fetches.back()["dur"]));
}

// DMI: a grant and its revocation (by an invalidation command) are instants.
TEST(Timeline, DmiGrantsAndRevocationsAreInstants)
{
    platform p(1, timed_config());
    std::stringstream out;
    smmuv3::timeline tl(out);
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{0x50000000, k_ram + 0x3000, 0x1000}});
        p.enable(SMMU_SEC_NS);
        p.master(0).stream = stream_extension(1);
        p.smmu.set_timeline(&tl);
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(p.master(0).get_dmi(0x50000010, false, dmi));
        std::array<uint64_t, 2> tlbi{}, sync{};
        cmd_tlbi_nh_va(tlbi.data(), 0, 1, 0x50000000, false);
        cmd_sync(sync.data(), 0, 0, 0, 0, 0);
        submit_timed(p, {tlbi, sync});
    });
    tl.finish();
    const parsed j(out.str());
    const auto d = j.on("DMI", "i");
    ASSERT_EQ(d.size(), 2u) << out.str();
    EXPECT_EQ(d[0]["name"], "DMI grant");
    EXPECT_EQ(d[0]["args"]["start"], "0x50000000");
    EXPECT_EQ(d[0]["args"]["end"], "0x50000fff");
    EXPECT_EQ(d[0]["args"]["access"], "r");
    EXPECT_EQ(d[1]["name"], "DMI revoke");
    EXPECT_EQ(d[1]["args"]["start"], "0x50000000");
    // The DMI request's translations are not timed: their walks are shown at the times of
    // their records
    const auto walks = j.on("walker", "X", "walk");
    ASSERT_FALSE(walks.empty());
    EXPECT_EQ(walks[0]["name"], "walk (untimed)");
    // Revoked while the TLBI was consumed: inside its slice
    const auto cmds = j.on("CMDQ NS", "X");
    ASSERT_EQ(cmds.size(), 2u);
    EXPECT_TRUE(inside(json{{"ts", d[1]["ts"]}, {"dur", 0.0}}, cmds[0]));
}

// A master that does not wait between accesses overlaps them in simulated time: a track's
// slices must nest, so the second goes on a second lane of its socket; a third, issued after
// both ended, back on the first.
TEST(Timeline, OverlappingTransactionsOfASocketTakeSeparateLanes)
{
    platform p(1, timed_config());
    std::stringstream out;
    smmuv3::timeline tl(out);
    sc_time t0;
    p.run([&] {
        one_stream(p);
        p.master(0).read32(k_va); // a TLB hit from now on
        p.smmu.set_timeline(&tl);
        p.master(0).sync = false;
        t0 = sc_core::sc_time_stamp();
        p.master(0).read32(k_va);
        p.master(0).read32(k_va + 4);
        sc_core::wait(sc_time(1, sc_core::SC_US));
        p.master(0).read32(k_va + 8);
    });
    tl.finish();
    const parsed j(out.str());
    const auto one = j.on("upstream 0", "X"), two = j.on("upstream 0 #2", "X");
    ASSERT_EQ(one.size(), 2u) << out.str();
    ASSERT_EQ(two.size(), 1u);
    EXPECT_EQ(ps(one[0]["ts"]), ps(t0));
    EXPECT_EQ(ps(two[0]["ts"]), ps(t0));
    EXPECT_EQ(two[0]["args"]["addr"], "0x40000004");
    EXPECT_EQ(ps(one[1]["ts"]), ps(t0 + sc_time(1, sc_core::SC_US)));
}

namespace
{
// Counts what is written and keeps nothing
class null_buf : public std::streambuf
{
public:
    uint64_t bytes = 0;

protected:
    std::streamsize xsputn(const char *, std::streamsize n) override
    {
        bytes += static_cast<uint64_t>(n);
        return n;
    }
    int overflow(int c) override
    {
        bytes++;
        return c;
    }
};

long max_rss_kb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}
} // namespace

// The writer streams: 200,000 more transactions (each a slice of some 400 bytes) leave the
// process's peak memory where 20,000 put it (within 1 MB: a per-transaction leak of even 8
// bytes would be 1.6 MB), with the waveforms traced too.
TEST(Timeline, MemoryDoesNotGrowWithTheNumberOfTransactions)
{
    platform p(1, timed_config());
    p.memory.record = false;
    null_buf sink;
    std::ostream os(&sink);
    smmuv3::timeline tl(os);
    const std::string vcd_name = ::testing::TempDir() + "smmu_timeline_memory_test";
    sc_core::sc_trace_file *tf = sc_core::sc_create_vcd_trace_file(vcd_name.c_str());
    p.smmu.trace_signals(tf);
    long rss_warm = 0, rss_end = 0;
    uint64_t events_warm = 0;
    p.run(
        [&] {
            one_stream(p);
            p.smmu.set_timeline(&tl);
            for (int i = 0; i < 20000; i++)
                p.master(0).read32(k_va + 0x10);
            rss_warm = max_rss_kb();
            events_warm = tl.events();
            for (int i = 0; i < 200000; i++)
                p.master(0).read32(k_va + 0x10);
            rss_end = max_rss_kb();
        },
        sc_time(1, sc_core::SC_SEC));
    sc_core::sc_close_vcd_trace_file(tf);
    EXPECT_GE(tl.events() - events_warm, 200000u);
    EXPECT_GT(sink.bytes, 200000u * 200);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer holds freed memory in quarantine (up to 256 MB): the peak RSS says
    // nothing of the writer there
    (void)rss_warm;
    (void)rss_end;
#else
    EXPECT_LT(rss_end - rss_warm, 1024) << "KB of peak RSS grew";
#endif
}

// ---- Waveforms ----

namespace
{
// A VCD's variables (name -> id) and each variable's value changes as (time, value).
struct vcd {
    std::map<std::string, std::string> id;
    std::map<std::string, std::vector<std::pair<uint64_t, uint64_t>>> changes; // by id
    std::string timescale;

    explicit vcd(const std::string &path)
    {
        std::ifstream in(path);
        std::string tok, scope;
        std::vector<std::string> scopes;
        uint64_t now = 0;
        while (in >> tok) {
            if (tok == "$date" || tok == "$version" || tok == "$comment") {
                std::string t;
                while (in >> t && t != "$end") {
                }
            } else if (tok == "$timescale") {
                std::string t;
                while (in >> t && t != "$end")
                    timescale += t;
            } else if (tok == "$scope") {
                std::string kind, name, end;
                in >> kind >> name >> end;
                scopes.push_back(name);
            } else if (tok == "$upscope") {
                std::string end;
                in >> end;
                scopes.pop_back();
            } else if (tok == "$var") {
                std::string type, width, code, name, t;
                in >> type >> width >> code >> name;
                while (in >> t && t != "$end") {
                }
                std::string full;
                for (const std::string &s : scopes)
                    full += s + ".";
                id[full + name] = code;
            } else if (tok[0] == '#') {
                now = std::stoull(tok.substr(1));
            } else if (tok[0] == 'b') {
                std::string code;
                in >> code;
                changes[code].push_back({now, std::stoull(tok.substr(1), nullptr, 2)});
            } else if ((tok[0] == '0' || tok[0] == '1') && tok.size() > 1) {
                changes[tok.substr(1)].push_back({now, uint64_t(tok[0] - '0')});
            }
        }
    }
    // The variable whose full name ends with suffix
    const std::vector<std::pair<uint64_t, uint64_t>> &of(const std::string &suffix) const
    {
        static const std::vector<std::pair<uint64_t, uint64_t>> none;
        for (const auto &[name, code] : id)
            if (name.size() >= suffix.size() &&
                name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
                auto it = changes.find(code);
                return it == changes.end() ? none : it->second;
            }
        ADD_FAILURE() << "no variable " << suffix;
        return none;
    }
    bool has(const std::string &suffix) const
    {
        for (const auto &[name, code] : id)
            if (name.size() >= suffix.size() &&
                name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
                return true;
        return false;
    }
    // The value at time t (the last change at or before it)
    uint64_t at(const std::string &suffix, uint64_t t) const
    {
        uint64_t v = 0;
        for (const auto &[when, val] : of(suffix))
            if (when <= t)
                v = val;
        return v;
    }
};
} // namespace

// The queue pointers follow the commands: five written at once, then PROD is 5 and CONS
// steps to it one command (one queue read: fetch_latency + the memory's delay) at a time
// [IHI 0070 3.5]; the occupancy falls from 5 to 0. A walk is outstanding for its duration. A
// fault's record moves EVENTQ_PROD and pulses the event queue's interrupt.
TEST(Signals, QueuePointersWalksAndInterruptsFollowTheSmmu)
{
    platform p(1, timed_config());
    p.memory.latency = k_mem;
    const std::string path = ::testing::TempDir() + "smmu_signals_test";
    sc_core::sc_trace_file *tf = sc_core::sc_create_vcd_trace_file(path.c_str());
    p.smmu.trace_signals(tf);
    sc_time t_write, t_miss, t_fault;
    uint32_t prod0 = 0;
    p.run([&] {
        one_stream(p);
        sc_core::wait(sc_time(100, SC_NS)); // apart from the set-up's changes
        prod0 = p.drv(SMMU_SEC_NS).cmdq_prod;
        std::array<uint64_t, 2> sync{}, prefetch{};
        cmd_sync(sync.data(), 0, 0, 0, 0, 0);
        cmd_prefetch_config(prefetch.data(), 1, false, 0, false);
        t_write = sc_core::sc_time_stamp();
        submit_timed(p, {prefetch, prefetch, prefetch, prefetch, sync});
        sc_core::wait(sc_time(100, SC_NS));
        t_miss = sc_core::sc_time_stamp();
        p.master(0).read32(k_va);
        sc_core::wait(sc_time(100, SC_NS));
        t_fault = sc_core::sc_time_stamp();
        p.master(0).read32(k_va + 0x200000);
        sc_core::wait(sc_time(100, SC_NS));
    });
    sc_core::sc_close_vcd_trace_file(tf);
    const vcd v(path + ".vcd");
    EXPECT_EQ(v.timescale, "1ps");
    for (const char *name : {"SystemC.smmu.ns.cmdq_prod", "ns.cmdq_cons", "ns.cmdq_occupancy",
                             "ns.eventq_prod", "ns.eventq_cons", "ns.eventq_occupancy",
                             "ns.gerror", "ns.gerrorn", "ns.gerror_active", "s.cmdq_prod",
                             "ns_eventq_irq", "ns_gerror_irq", "outstanding_walks"})
        EXPECT_TRUE(v.has(name)) << name;

    const auto t = [](const sc_time &x) { return static_cast<uint64_t>(ps(x)); };
    const uint64_t start = t(t_write + k_reg); // the register write reached the SMMU
    const uint32_t wrap = (2u << p.drv(SMMU_SEC_NS).cmdq_log2) - 1;
    for (unsigned i = 1; i <= 5; i++) {
        SCOPED_TRACE(i);
        const uint64_t when = start + t(k_access) * i; // command i-1 consumed
        EXPECT_EQ(v.at("ns.cmdq_prod", when), (prod0 + 5) & wrap);
        EXPECT_EQ(v.at("ns.cmdq_cons", when), (prod0 + i) & wrap);
        EXPECT_EQ(v.at("ns.cmdq_occupancy", when), 5u - i);
        EXPECT_EQ(v.at("ns.cmdq_cons", when - 1), (prod0 + i - 1) & wrap);
    }
    // The miss: one walk of six fetches after DTI, outstanding for exactly its time
    const uint64_t w0 = t(t_miss), w1 = t(t_miss + k_dti + k_access * 6.0);
    EXPECT_EQ(v.at("outstanding_walks", w0 - 1), 0u);
    EXPECT_EQ(v.at("outstanding_walks", w0), 1u);
    EXPECT_EQ(v.at("outstanding_walks", w1 - 1), 1u);
    EXPECT_EQ(v.at("outstanding_walks", w1), 0u);
    // The fault: one record
    EXPECT_EQ(v.at("ns.eventq_prod", t(t_fault) - 1), 0u);
    EXPECT_EQ(v.at("ns.eventq_prod", t(t_fault + sc_time(99, SC_NS))), 1u);
    EXPECT_EQ(v.at("ns.eventq_occupancy", t(t_fault + sc_time(99, SC_NS))), 1u);
    EXPECT_EQ(v.at("ns.gerror_active", t(t_fault + sc_time(99, SC_NS))), 0u);
}
