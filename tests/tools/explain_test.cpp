// smmu-explain, run as an executable on a state saved by the test.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "scenario.h"

extern "C" {
#include "pgtable.h"
}

using namespace smmuv3::tools;

namespace {

class Explain : public ::testing::Test {
public:
    scn::Scenario sc;
    std::string path = scn::temp_path("explain.json");
    void SetUp() override { save(); }
    void TearDown() override { std::remove(path.c_str()); }
    void save()
    {
        std::string err;
        ASSERT_TRUE(save_state(capture_state(sc.smmu, sc.regions()), path, &err)) << err;
    }
    int explain(const std::string &args, std::string *out)
    {
        return scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + path + " " + args, out);
    }
};

bool has(const std::string &out, const std::string &needle)
{
    return out.find(needle) != std::string::npos;
}

} // namespace

// A stage-1 4K walk with a 48-bit VA starts at level 0 and ends with a level-3 page
// [Arm ARM D8.2.8]; the output is the page's PA plus the page offset.
TEST_F(Explain, Stage1PathShowsSteCdFourLevelsAndPa)
{
    std::string out;
    ASSERT_EQ(0, explain("--sid 1 --addr 0x12345010 --read", &out)) << out;
    EXPECT_TRUE(has(out, "STE for StreamID 0x1 at 0x100040")) << out;
    EXPECT_TRUE(has(out, "Config = 0b101 (stage 1 translate, stage 2 bypass)")) << out;
    EXPECT_TRUE(has(out, "CD at 0x200000")) << out;
    for (int l = 0; l <= 3; l++)
        EXPECT_TRUE(has(out, "Stage 1 level " + std::to_string(l) + ": descriptor at")) << out;
    EXPECT_FALSE(has(out, "Stage 2 level")) << out;
    EXPECT_TRUE(has(out, "page descriptor: 4KB at output address 0x40000000")) << out;
    EXPECT_TRUE(has(out, "Result: translated to PA 0x40000010 (Non-secure PA space)")) << out;
}

// Nested: the CD fetch and every stage-1 descriptor fetch are translated by stage 2 first
// [IHI 0070 3.3.2]; the final IPA goes through stage 2 to the PA.
TEST_F(Explain, NestedPathShowsBothStagesAndPa)
{
    std::string out;
    ASSERT_EQ(0, explain("--sid 2 --addr 0x7654008 --write --priv", &out)) << out;
    EXPECT_TRUE(has(out, "stage 1 and stage 2 translate (nested)")) << out;
    EXPECT_TRUE(has(out, "Stage 2 level 1: descriptor at")) << out;
    EXPECT_TRUE(has(out, "Stage 1 level 3: descriptor at")) << out;
    // The last stage-2 walk (of the IPA 0x80000000) ends in its page at 0x60000000.
    EXPECT_TRUE(has(out, "4KB at output address 0x60000000")) << out;
    EXPECT_TRUE(has(out, "Result: translated to PA 0x60000008")) << out;
    // The stage-1 leaf comes before the final stage-2 walk.
    EXPECT_LT(out.find("output address 0x80000000"), out.find("output address 0x60000000"));
}

// An invalid STE gives C_BAD_STE [IHI 0070 7.3.5]; the record shows the StreamID.
TEST_F(Explain, InvalidSteShowsFaultAndEventRecord)
{
    std::string out;
    ASSERT_EQ(0, explain("--sid 3 --addr 0x1000", &out)) << out;
    EXPECT_TRUE(has(out, "invalid (V=0)")) << out;
    EXPECT_TRUE(has(out, "Result: fault C_BAD_STE (0x04)")) << out;
    EXPECT_TRUE(has(out, "EventType = 0x04 (C_BAD_STE)")) << out;
    EXPECT_TRUE(has(out, "StreamID = 0x3")) << out;
}

// An unmapped VA: stage-1 translation fault at the first invalid descriptor [Arm ARM D8.3].
TEST_F(Explain, UnmappedAddressShowsTranslationFault)
{
    std::string out;
    ASSERT_EQ(0, explain("--sid 1 --addr 0x22345000", &out)) << out;
    EXPECT_TRUE(has(out, "invalid descriptor")) << out;
    EXPECT_TRUE(has(out, "Result: fault F_TRANSLATION (0x10)")) << out;
    EXPECT_TRUE(has(out, "InputAddr = 0x22345000")) << out;
}

// The explanation is a debug translation: the dump's event queue is unchanged, and --events
// decodes what it holds (here nothing, then one record after a real fault).
TEST_F(Explain, EventsListsPendingRecords)
{
    std::string out;
    ASSERT_EQ(0, explain("--events", &out)) << out;
    EXPECT_TRUE(has(out, "Non-secure event queue at 0x80000 (16 entries, EVENTQEN 1)")) << out;
    EXPECT_TRUE(has(out, "0 records pending")) << out;
    smmu_result r = sc.translate(scn::kSidBad, 0x1000);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    save();
    ASSERT_EQ(0, explain("--events", &out)) << out;
    EXPECT_TRUE(has(out, "1 record pending")) << out;
    EXPECT_TRUE(has(out, "[0] at 0x80000: C_BAD_STE")) << out;
}

// A Realm SEC_SID on an SMMU without the Realm interface never elevates the stream: the core
// uses the Non-secure interface [IHI 0070 3.10.1; smmuv3.h], and the tool says so.
TEST_F(Explain, RealmSecSidWithoutRealmInterfaceUsesNonSecure)
{
    std::string out;
    ASSERT_EQ(0, explain("--sec realm --sid 1 --addr 0x12345010", &out)) << out;
    EXPECT_TRUE(has(out, "by StreamID 0x1 (Realm)")) << out;
    EXPECT_TRUE(has(out, "(REALM_IMPL = 0: a Realm SEC_SID is treated as Non-secure)")) << out;
    EXPECT_TRUE(has(out, "Programming interface: Non-secure (SMMU_*)")) << out;
    EXPECT_FALSE(has(out, "Root control page")) << out;
    EXPECT_TRUE(has(out, "Result: translated to PA 0x40000010 (Non-secure PA space)")) << out;
}

// Bad input (an option, a state file): a clear message naming it and exit 2, never a crash.
TEST_F(Explain, BadInputFailsCleanly)
{
    std::string out;
    EXPECT_EQ(2, scn::run(std::string(SMMU_EXPLAIN_PATH) + " /nonexistent.json --sid 1 --addr 0",
                          &out));
    EXPECT_TRUE(has(out, "cannot open state file")) << out;

    std::string bad = scn::temp_path("bad.json");
    std::ofstream(bad) << "{\"format\": ";
    EXPECT_EQ(2, scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + bad + " --sid 1 --addr 0", &out));
    EXPECT_TRUE(has(out, "is not valid JSON")) << out;

    // A memory image shorter than its size field says.
    std::ifstream f(path);
    std::string text((std::istreambuf_iterator<char>(f)), {});
    size_t i = text.find("\"bytes\": \"");
    ASSERT_NE(std::string::npos, i);
    text.erase(i + 10, 64);
    std::ofstream(bad) << text;
    EXPECT_EQ(2, scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + bad + " --sid 1 --addr 0", &out));
    EXPECT_TRUE(has(out, "truncated memory image")) << out;
    std::remove(bad.c_str());

    EXPECT_EQ(2, explain("--sid 1", &out));
    EXPECT_TRUE(has(out, "give --sid and --addr")) << out;
    EXPECT_EQ(2, explain("--sid 1 --addr 0xzz", &out));
    EXPECT_TRUE(has(out, "not a hex number")) << out;
}

// S_IDR1.SEL2 may be 1 only with S_IDR1.SECURE_IMPL [IHI 0070, S_IDR1]: a dump whose
// configuration breaks such a rule is refused before anything is explained, with the core's
// reason (the fields and the rule) and the place in the file, exit 2.
TEST_F(Explain, RefusedConfigurationSaysWhy)
{
    std::ifstream f(path);
    std::string text((std::istreambuf_iterator<char>(f)), {});
    const std::string on = "\"secure_impl\": true";
    size_t i = text.find(on);
    ASSERT_NE(std::string::npos, i) << "the scenario has a Secure interface";
    text.replace(i, on.size(), "\"secure_impl\": false");
    std::string bad = scn::temp_path("sel2.json");
    std::ofstream(bad) << text;
    std::string out;
    EXPECT_EQ(2, scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + bad + " --sid 1 --addr 0", &out));
    std::remove(bad.c_str());
    EXPECT_TRUE(has(out, bad + ": config: the model refuses this configuration: sel2 needs "
                      "secure_impl (invalid argument)"))
        << out;
    EXPECT_FALSE(has(out, "Transaction:")) << out;
}

// StreamIDs are hex in every line: StreamID 0x44 is "0x44", never "68".
TEST_F(Explain, StreamIdsAreHex)
{
    std::string out;
    explain("--sid 0x44 --addr 0x1000", &out);
    EXPECT_TRUE(has(out, "by StreamID 0x44 (Non-secure)")) << out;
    EXPECT_FALSE(has(out, "StreamID 68")) << out;
}
