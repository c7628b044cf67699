// SPDX-License-Identifier: Apache-2.0
// What an integrator sees: a refused configuration is one SC_ERROR naming the field and the
// rule; every report of an instance carries the place where the platform made it; the trace
// observer carries the platform's own context; DMI grants cost what a TLB hit costs.
#include <gtest/gtest.h>

#include <cstring>

#include "tlm_support.h"

using namespace smmu_test;
using namespace sc_core;
using smmuv3::stream_extension;

namespace {

bool ends_with(const std::string &s, const std::string &tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

// S_IDR1.SEL2 (Secure EL2) may be 1 only when S_IDR1.SECURE_IMPL is 1 [IHI 0070, S_IDR1]:
// the core refuses sel2 without secure_impl. The SystemC user sees that rule in the error
// itself (not "invalid argument" after a separate warning), located at the line that made the
// module.
TEST(Config, RefusedConfigurationIsOneErrorNamingTheFieldAndTheRule)
{
    expect_report("sel2 needs secure_impl");
    sc_report_handler::set_actions(SC_ERROR, SC_DISPLAY); // report without throwing: inspected
    smmuv3::smmu_tlm_config cfg;
    cfg.core.secure_impl = false; // sel2 keeps its default, true
    const int line = __LINE__ + 1;
    smmuv3::smmu_tlm smmu("smmu", cfg);
    ASSERT_EQ(report_records().size(), 1u);
    const report_record &r = report_records()[0];
    EXPECT_EQ(r.severity, SC_ERROR);
    EXPECT_EQ(r.text,
              "smmuv3/smmu: config: sel2 needs secure_impl (smmu_create: invalid argument)");
    EXPECT_EQ(r.file, __FILE__);
    EXPECT_EQ(r.line, line);
    EXPECT_EQ(smmu.core_handle(), nullptr);
}

// The shim's own option checks name the option and the value.
TEST(Config, HitCopiesNotAPowerOfTwoNamesTheValue)
{
    expect_report("hit_copies");
    sc_report_handler::set_actions(SC_ERROR, SC_DISPLAY);
    smmuv3::smmu_tlm_config cfg;
    cfg.hit_copies = 100;
    smmuv3::smmu_tlm smmu("smmu", cfg);
    ASSERT_EQ(report_records().size(), 1u);
    EXPECT_EQ(report_records()[0].text,
              "smmuv3/smmu: config: hit_copies 100 must be a power of two (or 0)");
}

// A run-time warning (traffic without a stream_extension) carries the construction site of
// the instance (the test platform's, tests/tlm/tlm_support.cpp), not a line of the shim, and
// the default StreamID in hex.
TEST(Reports, CarryTheLocationWhereThePlatformMadeTheInstance)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.default_sid = {0x24};
    platform p(1, cfg);
    expect_report("without a stream_extension");
    p.master(0).attach_stream = false;
    p.run([&] {
        tlm::tlm_response_status st;
        p.master(0).read32(0x1000, &st); // GBPA.ABORT at reset: terminated
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    ASSERT_EQ(report_records().size(), 1u);
    const report_record &r = report_records()[0];
    EXPECT_EQ(r.severity, SC_WARNING);
    EXPECT_EQ(r.text, "smmuv3/smmu: upstream socket 0: transaction without a stream_extension; "
                      "using StreamID 0x24, Non-secure (reported once)");
    EXPECT_TRUE(ends_with(r.file, "tests/tlm/tlm_support.cpp")) << r.file;
    EXPECT_GT(r.line, 0);
}

// The trace observer is a std::function: the platform's context is whatever it captures
// (no get_parent_object() and cast). One translation of StreamID 1 gives its TXN record
// first and its RESULT last [smmu_trace_kind]; an empty function removes the observer.
TEST(Trace, ObserverCarriesThePlatformsContext)
{
    platform p(1);
    struct observer {
        std::vector<smmu_trace_kind> kinds;
        uint32_t sid = 0;
        uint64_t pa = 0;
    } seen;
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{0x40000000, 0x800000, 0x1000}});
        p.enable(SMMU_SEC_NS);
        p.smmu.set_trace([&seen](const smmu_trace &t) {
            seen.kinds.push_back(t.kind);
            if (t.kind == SMMU_TRACE_RESULT) {
                seen.sid = t.txn->sid;
                seen.pa = t.result->pa;
            }
        });
        p.master(0).stream = stream_extension(1);
        p.master(0).read32(0x40000010);
        ASSERT_GE(seen.kinds.size(), 2u);
        EXPECT_EQ(seen.kinds.front(), SMMU_TRACE_TXN);
        EXPECT_EQ(seen.kinds.back(), SMMU_TRACE_RESULT);
        EXPECT_EQ(seen.sid, 1u);
        EXPECT_EQ(seen.pa, 0x800010u);
        const size_t n = seen.kinds.size();
        p.smmu.set_trace({});
        p.master(0).read32(0x40000010);
        EXPECT_EQ(seen.kinds.size(), n);
    });
}

// A DMI pointer stands for accesses that hit the TLB and the configuration cache: its
// latencies are the target's plus tlb_hit_latency + cfg_hit_latency, exactly what
// b_transport annotates for such a hit.
TEST(Dmi, LatencyIsTheTargetsPlusTheSmmuHitLatency)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.tlb_hit_latency = sc_time(3, SC_NS);
    cfg.cfg_hit_latency = sc_time(2, SC_NS);
    platform p(1, cfg);
    p.memory.latency = sc_time(20, SC_NS); // the target's b_transport and DMI latency
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{0x50000000, k_ram + 0x3000, 0x1000}});
        p.enable(SMMU_SEC_NS);
        p.master(0).stream = stream_extension(1);
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(p.master(0).get_dmi(0x50000010, true, dmi));
        EXPECT_EQ(dmi.get_read_latency(), sc_time(25, SC_NS));
        EXPECT_EQ(dmi.get_write_latency(), sc_time(25, SC_NS));
        // The same access through b_transport, now a TLB and configuration-cache hit.
        p.master(0).read32(0x50000010);
        EXPECT_EQ(p.master(0).last_delay, sc_time(25, SC_NS));
    });
}
