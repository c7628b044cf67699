// The traffic generator (platforms/dma/traffic_gen.h): its address patterns exactly, the mix
// by weight, CSV trace parsing and its diagnostics, and the module issuing generated and
// replayed traffic at exact simulated times with several accesses in flight.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tlm_support.h"
#include "traffic_gen.h"

using namespace smmuv3::platform;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

traffic_stream stream(traffic_stream::pattern kind, uint64_t base, uint64_t span, unsigned size,
                      uint64_t stride = 4096)
{
    traffic_stream t;
    t.kind = kind;
    t.base = base;
    t.span = span;
    t.size = size;
    t.stride = stride;
    return t;
}

std::vector<uint64_t> addresses(traffic_pattern &p, unsigned n)
{
    std::vector<uint64_t> v;
    for (unsigned i = 0; i < n; i++)
        v.push_back(p.next().addr);
    return v;
}

TEST(TrafficPattern, SequentialWrapsAtTheSpan)
{
    traffic_pattern p({stream(traffic_stream::pattern::sequential, 0x1000, 0x100, 64)}, 1);
    EXPECT_EQ((std::vector<uint64_t>{0x1000, 0x1040, 0x1080, 0x10C0, 0x1000, 0x1040}),
              addresses(p, 6));
}

// A lap of base, base + stride, ...; the next lap one access size further.
TEST(TrafficPattern, StridedLapsStepByTheAccessSize)
{
    traffic_pattern p({stream(traffic_stream::pattern::strided, 0, 0x4000, 64, 0x1000)}, 1);
    EXPECT_EQ((std::vector<uint64_t>{0, 0x1000, 0x2000, 0x3000, 0x40, 0x1040, 0x2040, 0x3040,
                                     0x80}),
              addresses(p, 9));
}

// Random addresses are size-aligned, inside the working set, and the same for the same seed.
// A stride beyond the span: each lap is one access, the next lap one access size further, and
// back to the base when an access would pass the span; a stride near 2^64 (no overflow of
// offset + stride) and size == span == stride behave so too.
TEST(TrafficPattern, StrideBeyondTheSpanStaysInTheSpan)
{
    traffic_pattern a({stream(traffic_stream::pattern::strided, 0x10000, 0x2000, 0x1000, 0x3000)}, 1);
    EXPECT_EQ((std::vector<uint64_t>{0x10000, 0x11000, 0x10000, 0x11000, 0x10000}),
              addresses(a, 5));
    traffic_pattern b({stream(traffic_stream::pattern::strided, 0x10000, 0x2000, 0x1000,
                              UINT64_MAX - 0xFFF)},
                      1);
    EXPECT_EQ((std::vector<uint64_t>{0x10000, 0x11000, 0x10000, 0x11000}), addresses(b, 4));
    traffic_pattern c({stream(traffic_stream::pattern::strided, 0x10000, 0x1000, 0x1000, 0x1000)}, 1);
    EXPECT_EQ((std::vector<uint64_t>{0x10000, 0x10000, 0x10000}), addresses(c, 3));
}

TEST(TrafficPattern, RandomIsAlignedBoundedAndReproducible)
{
    auto t = stream(traffic_stream::pattern::random, 0x40000000, 0x10000, 256);
    traffic_pattern a({t}, 7), b({t}, 7), c({t}, 8);
    std::vector<uint64_t> va = addresses(a, 4000), vb = addresses(b, 4000), vc = addresses(c, 4000);
    EXPECT_EQ(va, vb);
    EXPECT_NE(va, vc);
    std::set<uint64_t> seen;
    for (uint64_t x : va) {
        EXPECT_EQ(0u, x % 256);
        EXPECT_GE(x, 0x40000000u);
        EXPECT_LT(x, 0x40010000u);
        seen.insert(x);
    }
    EXPECT_EQ(256u, seen.size()); // 4000 draws over 256 slots reach every one (expected misses 256 e^-15.6)
}

// Streams are picked by weight; a weight of 0 is never picked; writes follow write_percent.
TEST(TrafficPattern, MixFollowsTheWeights)
{
    auto s0 = stream(traffic_stream::pattern::sequential, 0, 0x1000, 64);
    auto s1 = s0, s2 = s0;
    s0.sid = 1, s0.weight = 3;
    s1.sid = 2, s1.weight = 1, s1.write_percent = 100;
    s2.sid = 3, s2.weight = 0;
    traffic_pattern p({s0, s1, s2}, 42);
    unsigned n[4] = {}, writes = 0;
    for (int i = 0; i < 4000; i++) {
        traffic_access a = p.next();
        n[a.sid]++;
        writes += a.write;
        EXPECT_EQ(a.write, a.sid == 2);
    }
    EXPECT_EQ(0u, n[3]);
    EXPECT_EQ(4000u, n[1] + n[2]);
    EXPECT_EQ(n[2], writes);
    // 3:1 (a fixed seed: this is one deterministic draw, 5 standard deviations wide)
    EXPECT_NEAR(3000.0, n[1], 5 * 27.4);
}

TEST(TrafficPattern, BadStreamsAreNamed)
{
    auto t = stream(traffic_stream::pattern::sequential, 0, 0x1000, 48);
    EXPECT_EQ("stream 0: size 48 must be a power of two up to 4096", traffic_pattern::check({t}));
    t.size = 64, t.span = 32;
    EXPECT_EQ("stream 0: span 32 is smaller than one access", traffic_pattern::check({t}));
    t.span = 0x1000, t.write_percent = 101;
    EXPECT_EQ("stream 0: write_percent 101 is above 100", traffic_pattern::check({t}));
    t.write_percent = 0, t.weight = 0;
    EXPECT_EQ("no stream with a weight: nothing to generate", traffic_pattern::check({t}));
    // the last byte of the span must be below 2^64; a span ending exactly at 2^64 is fine
    t.weight = 1, t.base = UINT64_MAX - 0xFFF, t.span = 0x2000;
    EXPECT_EQ("stream 0: base 18446744073709547520 + span 8192 passes 2^64",
              traffic_pattern::check({t}));
    t.span = 0x1000;
    EXPECT_EQ("", traffic_pattern::check({t}));
    traffic_stream::pattern k;
    EXPECT_TRUE(pattern_of("strided", &k));
    EXPECT_EQ(traffic_stream::pattern::strided, k);
    EXPECT_FALSE(pattern_of("zigzag", &k));
}

TEST(TraceCsv, ParsesEveryField)
{
    std::istringstream in("time_ns,sid,ssid,sec,addr,size,rw\n"
                          "0,5,-,ns,0x1000,64,r\n"
                          "100,6,3,secure,4096,4096,w\r\n"
                          "\n"
                          "100,7,,realm,0x0,1,r\n");
    std::string err;
    auto v = parse_trace_csv(in, &err);
    ASSERT_EQ(3u, v.size()) << err;
    EXPECT_EQ(sc_time(0, SC_NS), v[0].time);
    EXPECT_EQ(5u, v[0].sid);
    EXPECT_FALSE(v[0].ssv);
    EXPECT_EQ(0x1000u, v[0].addr);
    EXPECT_EQ(64u, v[0].size);
    EXPECT_FALSE(v[0].write);
    EXPECT_EQ(sc_time(100, SC_NS), v[1].time);
    EXPECT_TRUE(v[1].ssv);
    EXPECT_EQ(3u, v[1].ssid);
    EXPECT_EQ(SMMU_SEC_SECURE, v[1].sec);
    EXPECT_TRUE(v[1].write);
    EXPECT_EQ(SMMU_SEC_REALM, v[2].sec);
    EXPECT_FALSE(v[2].ssv);
}

TEST(TraceCsv, BadLinesAreNamed)
{
    auto err_of = [](const std::string &text) {
        std::istringstream in(text);
        std::string err;
        EXPECT_TRUE(parse_trace_csv(in, &err).empty());
        return err;
    };
    const std::string h = "time_ns,sid,ssid,sec,addr,size,rw\n";
    EXPECT_EQ("line 1: the header must be time_ns,sid,ssid,sec,addr,size,rw", err_of("t,a\n"));
    EXPECT_EQ("line 2: 7 fields expected, 6 found", err_of(h + "0,5,-,ns,0x1000,64\n"));
    EXPECT_EQ("line 3: time_ns \"5\" must be a number, not below the line before",
              err_of(h + "10,5,-,ns,0,64,r\n5,5,-,ns,0,64,r\n"));
    EXPECT_EQ("line 2: sec \"nonsecure\" must be ns, secure or realm",
              err_of(h + "0,5,-,nonsecure,0,64,r\n"));
    EXPECT_EQ("line 2: size \"0\" must be 1..4096", err_of(h + "0,5,-,ns,0,0,r\n"));
    EXPECT_EQ("line 2: rw \"x\" must be r or w", err_of(h + "0,5,-,ns,0,64,x\n"));
    EXPECT_EQ("line 2: ssid \"2000000\" must be empty, - or below 2^20",
              err_of(h + "0,5,2000000,ns,0,64,r\n"));
    EXPECT_EQ("line 1: no access in the trace", err_of(h));
    // numbers are digits: no sign (stoull would read -1 as 2^64 - 1), no blank
    EXPECT_EQ("line 2: addr \"-1\" is not a number", err_of(h + "0,5,-,ns,-1,64,r\n"));
    EXPECT_EQ("line 2: time_ns \" 5\" must be a number, not below the line before",
              err_of(h + " 5,5,-,ns,0,64,r\n"));
    EXPECT_EQ("line 2: addr \"0xFFFFFFFFFFFFFFC0\" + size 128 passes 2^64",
              err_of(h + "0,5,-,ns,0xFFFFFFFFFFFFFFC0,128,r\n"));
    std::istringstream top(h + "0,5,-,ns,0xFFFFFFFFFFFFFFC0,64,r\n"); // ends at 2^64: fine
    EXPECT_EQ(1u, parse_trace_csv(top, nullptr).size());
}

// The module on a memory of 10 ns per access: two threads issue 6 sequential accesses, three
// each, back to back; every access records its StreamID, and the last completes at 30 ns.
TEST(TrafficGen, TwoOutstandingThreadsIssueEveryAccess)
{
    fake_mem *m = fake_mem_create();
    smmu_test::test_memory mem("mem", m, 0, 0x100000);
    mem.latency = sc_time(10, SC_NS);
    traffic_config cfg;
    auto t = stream(traffic_stream::pattern::sequential, 0x2000, 0x1000, 64);
    t.sid = 9;
    cfg.streams = {t};
    cfg.transactions = 6;
    cfg.outstanding = 2;
    traffic_gen gen("gen", cfg);
    gen.socket.bind(mem.socket);
    sc_core::sc_start();
    ASSERT_EQ(6u, mem.log.size());
    std::set<uint64_t> addrs;
    for (const auto &a : mem.log)
        addrs.insert(a.addr);
    EXPECT_EQ((std::set<uint64_t>{0x2000, 0x2040, 0x2080, 0x20C0, 0x2100, 0x2140}), addrs);
    const auto &st = gen.stats();
    EXPECT_EQ(6u, st.transactions);
    EXPECT_EQ(6u, st.reads);
    EXPECT_EQ(384u, st.bytes);
    EXPECT_EQ(0u, st.errors);
    EXPECT_EQ(sc_time(60, SC_NS), st.latency_sum);
    EXPECT_EQ(sc_time(30, SC_NS), st.finished);
    fake_mem_destroy(m);
}

// A replayed trace issues each access at its time (one thread: the second waits for the
// first), with its own stream attributes.
TEST(TrafficGen, ReplayIssuesAtTheTraceTimes)
{
    fake_mem *m = fake_mem_create();
    smmu_test::test_memory mem("mem", m, 0, 0x100000);
    mem.latency = sc_time(10, SC_NS);
    traffic_config cfg; // no streams: replay only
    traffic_gen gen("gen", cfg);
    gen.socket.bind(mem.socket);
    std::istringstream in("time_ns,sid,ssid,sec,addr,size,rw\n"
                          "0,5,-,ns,0x1000,64,r\n"
                          "100,6,-,ns,0x2000,64,w\n"
                          "105,7,-,ns,0x3000,64,r\n");
    std::string err;
    gen.replay(parse_trace_csv(in, &err));
    sc_core::sc_start();
    ASSERT_EQ(3u, mem.log.size());
    EXPECT_EQ(sc_time(0, SC_NS), mem.log[0].time);
    EXPECT_EQ(sc_time(100, SC_NS), mem.log[1].time);
    EXPECT_EQ(tlm::TLM_WRITE_COMMAND, mem.log[1].cmd);
    EXPECT_EQ(sc_time(110, SC_NS), mem.log[2].time); // behind the access of 100 ns
    EXPECT_EQ(sc_time(120, SC_NS), gen.stats().finished);
    EXPECT_EQ(1u, gen.stats().writes);
    fake_mem_destroy(m);
}

// With wait_for_start nothing is issued before start(); a trace's times count from it. Each
// access carries its stream's TBU (stream_extension::tbu).
TEST(TrafficGen, WaitsForStartAndTraceTimesCountFromIt)
{
    fake_mem *m = fake_mem_create();
    smmu_test::test_memory mem("mem", m, 0, 0x100000);
    mem.latency = sc_time(10, SC_NS);
    traffic_config cfg;
    cfg.wait_for_start = true;
    traffic_gen gen("gen", cfg);
    gen.socket.bind(mem.socket);
    std::istringstream in("time_ns,sid,ssid,sec,addr,size,rw\n"
                          "0,5,-,ns,0x1000,64,r\n"
                          "100,5,-,ns,0x2000,64,r\n");
    std::string err;
    gen.replay(parse_trace_csv(in, &err));
    sc_core::sc_start(sc_time(50, SC_NS));
    EXPECT_TRUE(mem.log.empty());
    EXPECT_FALSE(gen.finished());
    gen.start();
    sc_core::sc_start();
    ASSERT_EQ(2u, mem.log.size());
    EXPECT_EQ(sc_time(50, SC_NS), mem.log[0].time);
    EXPECT_EQ(sc_time(150, SC_NS), mem.log[1].time);
    EXPECT_EQ(sc_time(160, SC_NS), gen.stats().finished);
    EXPECT_TRUE(gen.finished());

    auto t = stream(traffic_stream::pattern::sequential, 0x2000, 0x1000, 64);
    t.tbu = 3;
    traffic_pattern p({t}, 1);
    EXPECT_EQ(3, p.next().tbu);
    fake_mem_destroy(m);
}

} // namespace
