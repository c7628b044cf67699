// SPDX-License-Identifier: Apache-2.0
// The module's statistics as programs read them (docs/statistics.md, format "smmuv3-stats"
// version 1): exact counts for known traffic per unit, stream and PA space, the JSON parsed
// back, the CSV's header and rows, the bounded stream table, the totals without detailed
// statistics, and the PMCG counters [IHI 0070 10.5].
// Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "smmuv3/arch.h"
#include "smmuv3/tlm/params.h"
#include "tlm_support.h"

using namespace smmu_test;
using nlohmann::json;
using smmuv3::stream_extension;

namespace
{

constexpr uint64_t k_va = 0x40000000;

smmuv3::smmu_tlm_config detailed_config(unsigned stats_streams = 64)
{
    smmuv3::smmu_tlm_config c = platform::default_config();
    c.detailed_stats = true;
    c.stats_streams = stats_streams;
    return c;
}

// The SMMU's table fetches (STE, CD, descriptors): every memory access but the data in the RAM
// window and the event records written to the event queue (16 records of 32 bytes).
size_t table_accesses(const platform &p, size_t from)
{
    size_t n = 0;
    for (size_t i = from; i < p.memory.log.size(); i++) {
        const uint64_t a = p.memory.log[i].addr;
        n += (a < k_ram || a >= k_ram + k_ram_size) && (a < k_evtq || a >= k_evtq + 16 * 32);
    }
    return n;
}

// The known traffic: StreamID 1 (Non-secure, stage 1) maps two pages k_va -> k_ram; five
// 4-byte reads to each page, then one read of the unmapped page after them (F_TRANSLATION:
// the leaf descriptor is invalid [IHI 0070 7.3.12]). Returns the SMMU's table fetches.
size_t known_traffic(platform &p)
{
    p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_ram, 0x2000}});
    p.enable(SMMU_SEC_NS);
    p.smmu.clear_stats();
    const size_t log0 = p.memory.log.size();
    dma_master &m = p.master(0, stream_extension(1));
    for (uint64_t page = 0; page < 2; page++)
        for (uint64_t i = 0; i < 5; i++) {
            tlm::tlm_response_status st;
            m.read32(k_va + page * 0x1000 + 4 * i, &st);
            EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        }
    tlm::tlm_response_status st;
    m.read32(k_va + 0x2000, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return table_accesses(p, log0);
}

// A unit's counts for the known traffic: the first access of each page misses the TLB and
// walks, the other four hit; the first access also misses the configuration cache (STE and
// CD); the faulting access walks and records its event; 10 x 4 bytes reach memory.
void expect_known_unit(const json &u, size_t fetches)
{
    EXPECT_EQ(u.at("transactions"), 11);
    EXPECT_EQ(u.at("bytes"), 40);
    EXPECT_EQ(u.at("utlb_hits"), 0);
    EXPECT_EQ(u.at("tbu_tlb_hits"), 0);
    EXPECT_EQ(u.at("tcu_tlb_hits"), 8);
    EXPECT_EQ(u.at("misses"), 3);
    EXPECT_EQ(u.at("cfg_hits"), 10);
    EXPECT_EQ(u.at("cfg_misses"), 1);
    EXPECT_EQ(u.at("walks"), 3);
    EXPECT_EQ(u.at("walks_queued"), 0);
    EXPECT_EQ(u.at("walk_queue_time_ns"), 0);
    EXPECT_EQ(u.at("table_fetches"), fetches);
    EXPECT_EQ(u.at("faults"), json({{"F_TRANSLATION", 1}}));
    EXPECT_EQ(u.at("latency_ns").at("count"), 11);
}

std::vector<std::string> lines_of(const std::string &text)
{
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        v.push_back(l);
    return v;
}

// The contract's CSV header (docs/statistics.md "CSV"), character for character.
const char *const k_csv_header =
    "scope,id,transactions,bytes,utlb_hits,tbu_tlb_hits,tcu_tlb_hits,misses,cfg_hits,cfg_misses,"
    "walks,walks_queued,walk_queue_time_ns,table_fetches,faults,latency_count,latency_min_ns,"
    "latency_mean_ns,latency_p50_ns,latency_p99_ns,latency_max_ns";

} // namespace

// The counters of known traffic, in the struct and in the JSON read back: the totals, the one
// TBU and the one stream hold the same counts, table_fetches is every table access the SMMU
// made, the fault is named by its event, and PA-space NS carries the translated pieces.
TEST(Statistics, KnownTrafficHasExactCountsInTheJson)
{
    platform p(1, detailed_config());
    p.run([&] {
        const size_t fetches = known_traffic(p);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        // The per-transaction configuration counts against the core's per-lookup ones: the one
        // miss looked up STE and CD [IHI 0070 3.3]
        EXPECT_EQ(s.core.cfg_misses, 2u);
        EXPECT_EQ(s.core.table_fetches, fetches + 1); // the core's also counts the event record
        EXPECT_EQ(s.totals.table_fetches, fetches);

        std::ostringstream os;
        p.smmu.write_stats(os, smmuv3::stats_format::json);
        const json j = json::parse(os.str());
        EXPECT_EQ(j.at("format"), "smmuv3-stats");
        EXPECT_EQ(j.at("version"), 1);
        EXPECT_EQ(j.at("detailed"), true);
        EXPECT_EQ(sc_core::sc_time(j.at("simulated_time_ns").get<double>(), sc_core::SC_NS),
                  sc_core::sc_time_stamp());
        expect_known_unit(j.at("totals"), fetches);
        ASSERT_EQ(j.at("tbus").size(), 1u);
        EXPECT_EQ(j.at("tbus")[0].at("tbu"), 0);
        expect_known_unit(j.at("tbus")[0], fetches);
        ASSERT_EQ(j.at("streams").size(), 1u);
        const json &st = j.at("streams")[0];
        EXPECT_EQ(st.at("sid"), 1);
        EXPECT_EQ(st.at("ssid"), 0);
        EXPECT_EQ(st.at("ssv"), false);
        EXPECT_EQ(st.at("sec"), "NS");
        expect_known_unit(st, fetches);
        EXPECT_EQ(j.at("other_streams").at("transactions"), 0);
        EXPECT_EQ(j.at("pa_spaces"), json::parse(R"({"NS": {"transactions": 10, "bytes": 40},
            "S": {"transactions": 0, "bytes": 0}, "Realm": {"transactions": 0, "bytes": 0},
            "Root": {"transactions": 0, "bytes": 0}})"));
        EXPECT_EQ(j.at("events"), json({{"F_TRANSLATION", 1}}));
        EXPECT_EQ(j.at("core").at("translations"), 11);
        EXPECT_EQ(j.at("core").at("events_recorded"), 1);
        EXPECT_EQ(j.at("module").at("upstream_transactions"), 11);
        EXPECT_EQ(j.at("module").at("error_responses"), 1);
        EXPECT_FALSE(j.contains("pmcg")); // no PMCG groups
        // Every parameter, with its value
        const json &params = j.at("parameters");
        EXPECT_EQ(params.size(), smmuv3::smmu_tlm_params().size());
        EXPECT_EQ(params.at("stats.detailed"), "true");
        EXPECT_EQ(params.at("stats.streams"), "64");
        EXPECT_EQ(params.at("tlb_entries"), std::to_string(p.smmu.config().core.tlb_entries));
    });
}

// A payload that crosses a mapping boundary is translated piece by piece [the core translates
// within one mapping]: an 8 KB read over two 4 KB pages counts two transactions of 4 KB each.
TEST(Statistics, SplitPayloadCountsEachPieceWithItsBytes)
{
    platform p(1, detailed_config());
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_ram, 0x2000}});
        p.enable(SMMU_SEC_NS);
        p.smmu.clear_stats();
        std::vector<uint8_t> buf(0x2000);
        EXPECT_EQ(p.master(0, stream_extension(1)).read(k_va, buf.data(), 0x2000),
                  tlm::TLM_OK_RESPONSE);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.split_transactions, 1u);
        ASSERT_EQ(s.streams.size(), 1u);
        EXPECT_EQ(s.streams[0].stats.transactions, 2u);
        EXPECT_EQ(s.streams[0].stats.bytes, 0x2000u);
        EXPECT_EQ(s.totals.bytes, 0x2000u);
        EXPECT_EQ(s.pa_spaces[SMMU_PAS_NS].transactions, 2u);
        EXPECT_EQ(s.pa_spaces[SMMU_PAS_NS].bytes, 0x2000u);
    });
}

// A RAZ/WI answer [IHI 0070 5.4: CD.A = 0] is one per payload: a streaming burst whose 16-byte
// window crosses a 4 KB page is translated in two pieces, but it is one payload of 32 bytes
// read as zeros (its beats counted once, not once per piece).
TEST(Statistics, RazWiStreamingBurstCountsItsBytesOnce)
{
    platform p(1, detailed_config());
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 8, {}); // nothing mapped
        p.edit_cd(SMMU_SEC_NS, 8, [](uint64_t *cd) { smmu_cd_set_A(cd, 0); });
        p.enable(SMMU_SEC_NS);
        p.smmu.clear_stats();
        uint8_t buf[32];
        std::memset(buf, 0xa5, sizeof(buf));
        tlm::tlm_generic_payload t;
        init_payload(t, tlm::TLM_READ_COMMAND, k_va + 0xFF8, buf, sizeof(buf));
        t.set_streaming_width(16);
        stream_extension ext(8);
        t.set_extension(&ext);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        p.master(0, stream_extension(8)).socket->b_transport(t, delay);
        t.clear_extension(&ext);
        EXPECT_EQ(t.get_response_status(), tlm::TLM_OK_RESPONSE);
        for (uint8_t b : buf)
            EXPECT_EQ(b, 0);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.razwi, 1u);
        ASSERT_EQ(s.streams.size(), 1u);
        EXPECT_EQ(s.streams[0].stats.transactions, 2u); // the window's two pieces
        EXPECT_EQ(s.streams[0].stats.bytes, 32u);
    });
}

// Commands by name as drivers name them, in the JSON and in the text summary: enable() issues
// CMD_CFGI_STE_RANGE with Range = 31, which is CMD_CFGI_ALL [IHI 0070 4.3.3], and a CMD_SYNC.
TEST(Statistics, CommandsAreCountedByName)
{
    platform p(1, detailed_config());
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_ram, 0x1000}});
        p.smmu.clear_stats();
        p.enable(SMMU_SEC_NS);
        std::ostringstream os;
        p.smmu.write_stats(os, smmuv3::stats_format::json);
        EXPECT_EQ(json::parse(os.str()).at("commands"),
                  json({{"CMD_CFGI_ALL", 1}, {"CMD_SYNC", 1}}));
        std::ostringstream text;
        p.smmu.print_stats(text);
        EXPECT_NE(text.str().find("  command CMD_CFGI_ALL: 1\n  command CMD_SYNC: 1\n"),
                  std::string::npos)
            << text.str();
        EXPECT_EQ(text.str().find("CMD_CFGI_STE_RANGE"), std::string::npos);
    });
}

// The CSV: the contract's header exactly, then total, each TBU, each stream (sid:ssid:sec, "-"
// without a SubstreamID) and the other streams, 21 columns each, with the known counts.
TEST(Statistics, CsvHasTheContractHeaderAndOneRowPerUnit)
{
    platform p(1, detailed_config());
    p.run([&] {
        const size_t fetches = known_traffic(p);
        std::ostringstream os;
        p.smmu.write_stats(os, smmuv3::stats_format::csv);
        const std::vector<std::string> rows = lines_of(os.str());
        ASSERT_EQ(rows.size(), 5u) << os.str();
        EXPECT_EQ(rows[0], k_csv_header);
        const smmuv3::smmu_tlm_latency l = p.smmu.stats().totals.latency;
        auto ns = [](const sc_core::sc_time &t) {
            std::ostringstream o;
            o << t.to_seconds() * 1e9;
            return o.str();
        };
        const std::string counts = "11,40,0,0,8,3,10,1,3,0,0," + std::to_string(fetches) +
                                   ",1,11," + ns(l.min) + "," + ns(l.mean()) + "," +
                                   ns(l.percentile(0.5)) + "," + ns(l.percentile(0.99)) + "," +
                                   ns(l.max);
        EXPECT_EQ(rows[1], "total,," + counts);
        EXPECT_EQ(rows[2], "tbu,0," + counts);
        EXPECT_EQ(rows[3], "stream,1:-:NS," + counts);
        EXPECT_EQ(rows[4], "other,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
        for (const std::string &r : rows)
            EXPECT_EQ(std::count(r.begin(), r.end(), ','), 20) << r;
    });
}

// Memory stays bounded: with stats.streams = 2, streams 1 and 2 are tracked one by one and
// streams 3 and 4 are counted together in other_streams (JSON and CSV alike).
TEST(Statistics, StreamsBeyondStatsStreamsShareOtherStreams)
{
    platform p(1, detailed_config(2));
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        for (uint32_t sid = 1; sid <= 4; sid++) {
            map(p.s1_tables(SMMU_SEC_NS),
                {k_va + (uint64_t{sid} << 30), k_ram + sid * 0x1000ull, 0x1000});
            p.add_s1_stream(SMMU_SEC_NS, sid, p.s1_tables(SMMU_SEC_NS),
                            static_cast<uint16_t>(sid));
        }
        p.enable(SMMU_SEC_NS);
        p.smmu.clear_stats();
        for (uint32_t sid = 1; sid <= 4; sid++)
            for (uint32_t i = 0; i < sid; i++) // stream n: n reads
                p.master(0, stream_extension(sid)).read32(k_va + (uint64_t{sid} << 30) + 4 * i);
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        ASSERT_EQ(s.streams.size(), 2u);
        EXPECT_EQ(s.streams[0].stats.transactions, 1u);
        EXPECT_EQ(s.streams[1].stats.transactions, 2u);
        EXPECT_EQ(s.other_streams.transactions, 7u); // 3 + 4
        EXPECT_EQ(s.other_streams.misses, 2u);       // one walk per stream
        EXPECT_EQ(s.totals.transactions, 10u);
        std::ostringstream js, csv;
        s.write_json(js);
        s.write_csv(csv);
        const json j = json::parse(js.str());
        ASSERT_EQ(j.at("streams").size(), 2u);
        EXPECT_EQ(j.at("streams")[1].at("sid"), 2);
        EXPECT_EQ(j.at("other_streams").at("transactions"), 7);
        EXPECT_EQ(j.at("other_streams").at("bytes"), 28);
        EXPECT_EQ(j.at("totals").at("transactions"), 10);
        const std::vector<std::string> rows = lines_of(csv.str());
        ASSERT_EQ(rows.size(), 6u); // header, total, tbu 0, two streams, other
        EXPECT_EQ(rows[5].compare(0, 12, "other,,7,28,"), 0) << rows[5];
    });
}

// Without stats.detailed, the totals come from the counters kept for every transaction (the
// core's: one per lookup for the configuration cache), there are no TBU or stream units, and
// the CSV has the total row only.
TEST(Statistics, WithoutDetailedStatisticsOnlyTheTotalsHaveUnits)
{
    platform p(1, platform::default_config());
    p.run([&] {
        known_traffic(p);
        std::ostringstream js, csv;
        p.smmu.write_stats(js, smmuv3::stats_format::json);
        p.smmu.write_stats(csv, smmuv3::stats_format::csv);
        const json j = json::parse(js.str());
        EXPECT_EQ(j.at("detailed"), false);
        EXPECT_TRUE(j.at("tbus").empty());
        EXPECT_TRUE(j.at("streams").empty());
        const json &t = j.at("totals");
        EXPECT_EQ(t.at("transactions"), 11);
        EXPECT_EQ(t.at("tcu_tlb_hits"), 8);
        EXPECT_EQ(t.at("misses"), 3);
        EXPECT_EQ(t.at("cfg_misses"), 2); // STE and CD of the first access
        EXPECT_EQ(t.at("cfg_hits"), 20);  // STE and CD of the ten others
        EXPECT_EQ(t.at("faults"), json({{"F_TRANSLATION", 1}}));
        EXPECT_EQ(t.at("bytes"), 0);      // not counted
        EXPECT_EQ(t.at("latency_ns").at("count"), 0);
        EXPECT_EQ(j.at("pa_spaces").at("NS").at("transactions"), 0);
        const std::vector<std::string> rows = lines_of(csv.str());
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0], k_csv_header);
        EXPECT_EQ(rows[1].compare(0, 9, "total,,11"), 0) << rows[1];
    });
}

// PMCG counters in the JSON [IHI 0070 10.5]: each implemented counter with its
// PMCG_EVTYPERn.EVENT and PMCG_EVCNTRn value, enabled by CNTENSET0 and CR.E; counter 0 counts event 1 (transactions) of every
// StreamID (FILTER_SID_SPAN with SMR all ones [10.4]).
TEST(Statistics, PmcgCountersAreListedWithTheirEvents)
{
    smmuv3::smmu_tlm_config c = detailed_config();
    c.core.pmcg_groups = 2;
    c.core.pmcg_counters = 2;
    platform p(1, c);
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_ram, 0x1000}});
        p.enable(SMMU_SEC_NS);
        smmu_t *core = p.smmu.core_handle();
        ASSERT_EQ(smmu_pmcg_reg_write(core, 1, 0x400, 4, SMMU_PAS_NS, (1u << 29) | 1), SMMU_OK);
        ASSERT_EQ(smmu_pmcg_reg_write(core, 1, 0xA00, 4, SMMU_PAS_NS, 0xFFFFFFFF), SMMU_OK);
        ASSERT_EQ(smmu_pmcg_reg_write(core, 1, 0x404, 4, SMMU_PAS_NS, 2), SMMU_OK); // TLB miss
        ASSERT_EQ(smmu_pmcg_reg_write(core, 1, 0xC00, 8, SMMU_PAS_NS, 1), SMMU_OK); // CNTEN 0
        ASSERT_EQ(smmu_pmcg_reg_write(core, 1, 0xE04, 4, SMMU_PAS_NS, 1), SMMU_OK); // CR.E
        for (int i = 0; i < 3; i++)
            p.master(0, stream_extension(1)).read32(k_va);
        std::ostringstream os;
        p.smmu.write_stats(os, smmuv3::stats_format::json);
        const json j = json::parse(os.str());
        EXPECT_EQ(j.at("pmcg"), json::parse(R"([
            {"group": 0, "counters": [{"event": 0, "value": 0, "enabled": false},
                                      {"event": 0, "value": 0, "enabled": false}]},
            {"group": 1, "counters": [{"event": 1, "value": 3, "enabled": true},
                                      {"event": 2, "value": 0, "enabled": false}]}])"));
    });
}
