// SPDX-License-Identifier: Apache-2.0
// Parameters of the module by name (smmuv3/tlm/params.h): its own table, the core's behind
// it, and a parameter source queried at elaboration under the instance's hierarchical name.
#include <gtest/gtest.h>

#include <memory>

#include "smmuv3/tlm/params.h"
#include "tlm_support.h"

using smmuv3::param_map;
using smmuv3::smmu_tlm;
using smmuv3::smmu_tlm_config;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

// A parent named "top", so that the module is "top.smmu"
struct top_module : sc_core::sc_module {
    std::unique_ptr<smmu_tlm> smmu;
    top_module(const sc_core::sc_module_name &n, const param_map &values) : sc_core::sc_module(n)
    {
        smmu = std::make_unique<smmu_tlm>("smmu", values);
    }
};

std::string set_error(smmu_tlm_config &c, const std::string &name, const std::string &value)
{
    std::string err;
    const bool ok = smmuv3::smmu_tlm_param_set(c, name, value, &err);
    EXPECT_EQ(ok, err.empty()) << err;
    return err;
}

} // namespace

TEST(Params, ModuleAppliesTheValuesUnderItsOwnHierarchicalName)
{
    param_map values;
    values.set("top.smmu.tlb_entries", "256", "test");
    values.set("top.smmu.tlb_ways", "4", "test");
    values.set("top.smmu.latency.tlb_hit", "2 ns", "test");
    values.set("top.smmu.default_sid", "0x10, 0x11", "test");
    values.set("other.smmu.tlb_entries", "nonsense", "test"); // another instance's: not read
    top_module top("top", values);
    const smmu_tlm_config &c = top.smmu->config();
    EXPECT_EQ(c.core.tlb_entries, 256u);
    EXPECT_EQ(c.core.tlb_ways, 4u);
    EXPECT_EQ(c.tlb_hit_latency, sc_time(2, SC_NS));
    EXPECT_EQ(c.default_sid, (std::vector<uint32_t>{0x10, 0x11}));
    EXPECT_EQ(smmu_get_config(top.smmu->core_handle())->tlb_entries, 256u);
}

TEST(Params, ModuleRefusesAnUnknownNameWithAnError)
{
    param_map values;
    values.set("top.smmu.tlb_entrys", "256", "my.cfg line 3");
    smmu_test::expect_report("smmuv3/top.smmu: my.cfg line 3: unknown parameter \"top.smmu.tlb_entrys\" (did you "
                             "mean top.smmu.tlb_entries?)");
    EXPECT_THROW(top_module("top", values), sc_core::sc_report);
}

// A name far from every parameter gets no suggestion
TEST(Params, ConfigureSuggestsOnlyNearNames)
{
    param_map values;
    values.set("top.smmu.frobnicate", "1", "--param");
    smmu_tlm_config c;
    std::string err;
    EXPECT_FALSE(smmuv3::configure("top.smmu", values, c, &err));
    EXPECT_EQ(err, "--param: unknown parameter \"top.smmu.frobnicate\"");
    param_map near;
    near.set("top.smmu.latency.tlbhit", "1 ns", "--param");
    EXPECT_FALSE(smmuv3::configure("top.smmu", near, c, &err));
    EXPECT_EQ(err, "--param: unknown parameter \"top.smmu.latency.tlbhit\" (did you mean top.smmu.latency.tlb_hit?)");
}

TEST(Params, ModuleRefusesABrokenRuleWithAnErrorNamingIt)
{
    param_map values;
    values.set("top.smmu.secure_impl", "false", "test");
    smmu_test::expect_report("smmuv3/top.smmu: top.smmu: sel2 needs secure_impl");
    EXPECT_THROW(top_module("top", values), sc_core::sc_report);
}

// The module's own parameters: times, booleans, hit copies, StreamID lists; each refusal names
// the parameter, the value and the rule, and leaves the configuration unchanged.
TEST(Params, OwnParametersParseAndRefuseWithExactMessages)
{
    smmu_tlm_config c;
    EXPECT_EQ(set_error(c, "latency.fetch", "1.5 ns"), "");
    EXPECT_EQ(c.fetch_latency, sc_time(1500, sc_core::SC_PS));
    EXPECT_EQ(set_error(c, "latency.reg", "3us"), "");
    EXPECT_EQ(c.reg_latency, sc_time(3, sc_core::SC_US));
    EXPECT_EQ(set_error(c, "irq_pulse", "0"), "");
    EXPECT_EQ(c.irq_pulse, sc_core::SC_ZERO_TIME);
    EXPECT_EQ(set_error(c, "walk_via_downstream", "true"), "");
    EXPECT_TRUE(c.walk_via_downstream);
    EXPECT_EQ(set_error(c, "hit_copies", "0x400"), "");
    EXPECT_EQ(c.hit_copies, 1024u);
    EXPECT_EQ(set_error(c, "default_sid", ""), "");
    EXPECT_TRUE(c.default_sid.empty());

    const smmu_tlm_config before = c;
    EXPECT_EQ(set_error(c, "latency.tlb_hit", "2"),
              "latency.tlb_hit \"2\": must be a time: <number> <fs|ps|ns|us|ms|s>, "
              "or <number> cycles with clock_period set, at most 1 s");
    EXPECT_EQ(set_error(c, "latency.tlb_hit", "-1 ns"),
              "latency.tlb_hit \"-1 ns\": must be a time: <number> <fs|ps|ns|us|ms|s>, "
              "or <number> cycles with clock_period set, at most 1 s");
    EXPECT_EQ(set_error(c, "latency.tlb_hit", "2 s"),
              "latency.tlb_hit \"2 s\": must be a time: <number> <fs|ps|ns|us|ms|s>, "
              "or <number> cycles with clock_period set, at most 1 s");
    EXPECT_EQ(set_error(c, "hit_copies", "3"), "hit_copies \"3\": must be 0 (off) or a power of two up to 1048576");
    EXPECT_EQ(set_error(c, "default_sid", "1,,2"),
              "default_sid \"1,,2\": must be comma-separated StreamIDs (0..0xffffffff), one per upstream socket");
    EXPECT_EQ(set_error(c, "default_sid", "0x100000000"),
              "default_sid \"0x100000000\": must be comma-separated StreamIDs (0..0xffffffff), one per upstream socket");
    EXPECT_EQ(set_error(c, "walk_via_downstream", "yes"), "walk_via_downstream \"yes\": must be true or false");
    // A core parameter: the core's message
    EXPECT_EQ(set_error(c, "oas_bits", "50"), "oas_bits 50: must be 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS)");
    EXPECT_EQ(set_error(c, "nope", "1"), "unknown parameter \"nope\"");
    EXPECT_EQ(c.tlb_hit_latency, before.tlb_hit_latency);
    EXPECT_EQ(c.hit_copies, before.hit_copies);
    EXPECT_EQ(c.default_sid, before.default_sid);
    EXPECT_EQ(c.core.oas_bits, before.core.oas_bits);
}

// The list: the module's parameters, then every core parameter, each with its default.
TEST(Params, ListHasEveryParameterWithItsDefault)
{
    const auto list = smmuv3::smmu_tlm_params();
    ASSERT_EQ(list.size(), 18 + smmu_param_count());
    EXPECT_EQ(list[0].name, "latency.reg");
    EXPECT_EQ(list[0].default_value, "10 ns");
    EXPECT_EQ(list[12].name, "hit_copies");
    EXPECT_EQ(list[12].default_value, "256");
    EXPECT_EQ(list[18].name, "arch_minor");
    EXPECT_EQ(list[18].meaning, "AIDR.ArchMinorRev: architecture version SMMUv3.<n>");
    smmu_tlm_config c;
    for (const auto &p : list) {
        std::string v;
        ASSERT_TRUE(smmuv3::smmu_tlm_param_get(c, p.name, &v)) << p.name;
        EXPECT_EQ(v, p.default_value) << p.name;
        EXPECT_EQ(set_error(c, p.name, v), "") << p.name; // every default sets back
    }
    std::string err;
    EXPECT_TRUE(smmuv3::smmu_tlm_config_check(c, &err)) << err;
    c.hit_copies = 5;
    EXPECT_FALSE(smmuv3::smmu_tlm_config_check(c, &err));
    EXPECT_EQ(err, "hit_copies 5: must be 0 (off) or a power of two up to 1048576");
}

// configure(): where each value came from is in the message; nothing changes on failure.
TEST(Params, ConfigureNamesTheOriginAndChangesNothingOnFailure)
{
    param_map values;
    values.set("top.smmu.tlb_entries", "128", "a.json: smmu.tlb_entries");
    values.set("top.smmu.oas_bits", "50", "--param");
    smmu_tlm_config c;
    std::string err;
    EXPECT_FALSE(smmuv3::configure("top.smmu", values, c, &err));
    EXPECT_EQ(err, "--param: top.smmu.oas_bits 50: must be 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS)");
    EXPECT_EQ(c.core.tlb_entries, 4096u);
    values.set("top.smmu.oas_bits", "44", "--param");
    EXPECT_TRUE(smmuv3::configure("top.smmu", values, c, &err)) << err;
    EXPECT_EQ(c.core.tlb_entries, 128u);
    EXPECT_EQ(c.core.oas_bits, 44u);
}
