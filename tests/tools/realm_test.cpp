// The tools on a real RME state: the platform's `realm` scenario dumped with --dump, reloaded by
// the state library and explained by smmu-explain. The platform's layout (soc.h) gives the
// addresses: the GPT at Root PA 0x0E000000 (PPS 40 bits, 4 KB granules, 1 GB level-0 entries),
// Realm memory 0x0C000000-0x0DFFFFFF, everything else Non-secure. The `realm` scenario maps
// Realm StreamID 0x50 with stage 2 (IPA 0x10000000 -> Realm PA 0x0D000000 read-only,
// IPA 0x30000000 -> Non-secure PA 0x88400000 with descriptor NS=1) and Non-secure StreamID 0x12
// with stage 1 onto the Realm granule 0x0D000000.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "common/hexutil.h"
#include "decode.h"
#include "scenario.h"
#include "state_memory.h"

extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmuv3::tools;

namespace
{

#ifdef SMMU_PLATFORM_PATH
constexpr const char *kPlatform = SMMU_PLATFORM_PATH;
#else
constexpr const char *kPlatform = nullptr;
#endif

constexpr uint64_t kGpt = 0x0E000000;

bool has(const std::string &out, const std::string &needle)
{
    return out.find(needle) != std::string::npos;
}

// One platform run for the whole suite.
class Realm : public ::testing::Test
{
  public:
    static std::string path;
    static void SetUpTestSuite()
    {
        if (!kPlatform)
            return;
        path = scn::temp_path("realm.json");
        std::string out;
        // SystemC under ASan: no stack-use-after-return detection, no LeakSanitizer (its
        // coroutine stacks at exit), as tests/platforms/CMakeLists.txt runs the platform.
        int rc = scn::run(
            "ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=0:abort_on_error=1 " +
                std::string(kPlatform) + " -s realm --dump " + path,
            &out);
        ASSERT_EQ(0, rc) << out;
    }
    static void TearDownTestSuite()
    {
        if (!path.empty())
            std::remove(path.c_str());
    }
    void SetUp() override
    {
        if (!kPlatform)
            GTEST_SKIP() << "no smmu_platform in this build";
    }
    static int explain(const std::string &file, const std::string &args, std::string *out)
    {
        return scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + file + " " + args, out);
    }
    static smmu_state load()
    {
        smmu_state st;
        std::string err;
        EXPECT_TRUE(load_state(path, &st, &err)) << err;
        return st;
    }
    // The 8 bytes at pa in the Root PA space of st.
    static uint64_t *root_word(smmu_state &st, uint64_t pa)
    {
        for (mem_region &r : st.memory)
            if (r.pas == SMMU_PAS_ROOT && pa >= r.base && pa + 8 <= r.base + r.bytes.size())
                return reinterpret_cast<uint64_t *>(r.bytes.data() + (pa - r.base));
        ADD_FAILURE() << "no Root memory at " << hex(pa);
        static uint64_t dummy;
        return &dummy;
    }
};
std::string Realm::path;

} // namespace

// The dump holds the Realm and Root registers, each read from its own PA space [IHI 0070
// 6.2.6-6.2.8], and the memory of every PA space; restoring it gives an instance whose Realm
// and Root registers read the same.
TEST_F(Realm, DumpCarriesRealmAndRootStateAndRestores)
{
    smmu_state st = load();
    EXPECT_TRUE(st.cfg.rme_impl);
    EXPECT_TRUE(st.cfg.realm_impl);
    uint64_t v = 0;
    ASSERT_TRUE(state_reg(st, "SMMU_ROOT_CR0", &v));
    EXPECT_EQ(SMMU_ROOT_CR0_GPCEN | SMMU_ROOT_CR0_ACCESSEN, v);
    ASSERT_TRUE(state_reg(st, "SMMU_ROOT_GPT_BASE", &v));
    EXPECT_EQ(kGpt, v);
    ASSERT_TRUE(state_reg(st, "SMMU_R_CR0", &v));
    EXPECT_TRUE(v & SMMU_CR0_SMMUEN);
    ASSERT_TRUE(state_reg(st, "SMMU_R_STRTAB_BASE", &v));
    EXPECT_EQ(UINT64_C(0x0C002000), v & SMMU_STRTAB_BASE_ADDR);
    bool pas_seen[4] = {};
    for (const mem_region &r : st.memory)
        pas_seen[r.pas & 3] = true;
    for (int p = 0; p < 4; p++)
        EXPECT_TRUE(pas_seen[p]) << "no memory of PA space " << p;

    state_memory mem(st.memory);
    std::string err;
    smmu_t *s = restore_state(st, mem.env(), &err);
    ASSERT_NE(nullptr, s) << err;
    for (const reg_info &r : state_registers(st.cfg)) {
        if (r.pas != SMMU_PAS_REALM && r.pas != SMMU_PAS_ROOT)
            continue;
        if (r.name.find("GERROR") != std::string::npos || r.name.find("_FAR") != std::string::npos)
            continue; // restorable only as the active set / not at all (smmu_state.cpp)
        uint64_t got = 0, want = 0;
        ASSERT_TRUE(state_reg(st, r.name, &want));
        EXPECT_EQ(SMMU_OK, smmu_reg_read(s, r.offset, r.size, r.pas, &got));
        EXPECT_EQ(want, got) << r.name;
    }
    // The Root page is RAZ from any other PA space [6.2.6]: the state reads it from Root.
    EXPECT_EQ(SMMU_OK,
              smmu_reg_read(s, st.cfg.root_page_offset + SMMU_ROOT_GPT_BASE, 8, SMMU_PAS_NS, &v));
    EXPECT_EQ(0u, v);
    smmu_destroy(s);
}

// The dump's GPT descriptors decode as the platform built them: entry 0 (PA 0-1 GB) is a Table to
// the level-1 table at 0x0E020000 (Root memory after the 4 KB level-0 table's region), entry 2 (PA
// 2-3 GB) a Non-secure Block [Arm ARM D9.6].
TEST_F(Realm, DumpedGptDescriptorsDecode)
{
    smmu_state st = load();
    uint64_t l0 = *root_word(st, kGpt);
    decoded d = decode(structure::gpt_l0, &l0);
    EXPECT_EQ("level-0 GPT descriptor (Table)", d.title);
    EXPECT_EQ("level-1 table at 0xe020000", d.summary);
    uint64_t l0b = *root_word(st, kGpt + 2 * 8);
    d = decode(structure::gpt_l0, &l0b);
    EXPECT_EQ("level-0 GPT descriptor (Block)", d.title);
    EXPECT_EQ("GPI 0b1001 (Non-secure) for the whole level-0 region", d.summary);
    // PA 0x0D000000: level-1 index PA[29:16] = 0xD00, 16 Realm granules.
    uint64_t l1 = *root_word(st, 0x0E020000 + 0xD00 * 8);
    d = decode(structure::gpt_l1, &l1);
    EXPECT_EQ("level-1 GPT descriptor (Granules)", d.title);
    EXPECT_EQ("granules 0-15 Realm", d.summary);
}

// (a) A Realm stream uses the Realm interface and its stage 2 [IHI 0070 3.10.1]; with GPCEN
// every table fetch and the output access are checked [3.25]: Realm PA 0x0D000010 has GPI
// 0b1011 (Realm) in granule 0 of level-1 entry 0xD00 at 0x0E020000 + 0xD00 * 8.
TEST_F(Realm, RealmStreamToRealmMemoryShowsGpcOfEveryAccess)
{
    std::string out;
    ASSERT_EQ(0, explain(path, "--sec realm --sid 0x50 --addr 0x10000010", &out)) << out;
    EXPECT_TRUE(has(out, "by StreamID 0x50 (Realm)")) << out;
    EXPECT_TRUE(has(out, "ROOT_CR0 = 0x3 (ACCESSEN 1, GPCEN 1): granule protection checks on"))
        << out;
    EXPECT_TRUE(has(out, "Programming interface: Realm (SMMU_R_*)")) << out;
    EXPECT_TRUE(has(out, "STE for StreamID 0x50 at 0xc00d400 (Realm)")) << out;
    EXPECT_TRUE(has(out, "GPC: Realm 0xc00d400: GPI 0b1011 (Realm), permitted")) << out;
    EXPECT_TRUE(has(out, "Stage 2 level 3: descriptor at 0xc007000 (Realm)")) << out;
    EXPECT_TRUE(has(out, "Result: translated to PA 0xd000010 (Realm PA space)")) << out;
    EXPECT_TRUE(
        has(out, "Granule protection check of Realm PA 0xd000010 (GPT at Root PA 0xe000000)"))
        << out;
    EXPECT_TRUE(has(out, "level 0 entry [0x0] at 0xe000000 (Root) = 0x000000000e020003")) << out;
    EXPECT_TRUE(has(out, "level 1 entry [0xd00] at 0xe026800 (Root) = 0xbbbbbbbbbbbbbbbb")) << out;
    EXPECT_TRUE(has(out, "GPI 0b1011 (Realm): a Realm access may use this granule")) << out;
}

// (b) Realm stage 2 with descriptor NS=1 outputs to the Non-secure PA space [IHI 0070 3.10.2,
// Arm ARM D8.3.2]; PA 0x88400008 is in level-0 entry 2 (2-3 GB), a
// Non-secure Block.
TEST_F(Realm, RealmStage2NsBitGivesNonSecureOutput)
{
    std::string out;
    ASSERT_EQ(0, explain(path, "--sec realm --sid 0x50 --addr 0x30000008 --write", &out)) << out;
    EXPECT_TRUE(has(out, "NS = 1 (Non-secure output)")) << out;
    EXPECT_TRUE(has(out, "Result: translated to PA 0x88400008 (Non-secure PA space)")) << out;
    EXPECT_TRUE(has(out, "level 0 entry [0x2] at 0xe000010 (Root) = 0x0000000000000091")) << out;
    EXPECT_TRUE(has(out, "GPI 0b1001 (Non-secure): a Non-secure access may use this granule"))
        << out;
}

// (c) A Non-secure stream whose stage 1 points at a Realm granule: the output access fails the
// GPC, an external abort without an event, recorded in ROOT_GPF_FAR with REASON TRANSACTION
// (0b011), FPAS Non-secure (0b01) and FADDR 0x0D000000 [IHI 0070 3.25.3, 6.3.116].
TEST_F(Realm, NonSecureStreamBlockedByGpcShowsGpiAndFar)
{
    std::string out;
    ASSERT_EQ(0, explain(path, "--sid 0x12 --addr 0x10000000", &out)) << out;
    EXPECT_TRUE(has(out, "Programming interface: Non-secure (SMMU_*)")) << out;
    EXPECT_TRUE(has(out, "GPC: Non-secure 0x80007000: GPI 0b1001 (Non-secure), permitted")) << out;
    EXPECT_TRUE(has(out, "Result: external abort by the granule protection check (no event record"))
        << out;
    EXPECT_TRUE(has(
        out, "SMMU_ROOT_GPF_FAR (as the SMMU records it) = 0x400000000d000007: granule protection "
             "fault of a Non-secure access to 0xd000000 (client transaction output)"))
        << out;
    EXPECT_TRUE(has(out, "The translation gives Non-secure PA 0xd000000")) << out;
    EXPECT_TRUE(has(out, "level 1 entry [0xd00] at 0xe026800 (Root) = 0xbbbbbbbbbbbbbbbb")) << out;
    EXPECT_TRUE(has(out, "GPI 0b1011 (Realm): a Non-secure access may not use this granule"))
        << out;
    EXPECT_FALSE(has(out, "Event record")) << out;
}

// A table fetch refused by the GPC: the Realm stage-2 level-3 table at 0x0C007000 made
// Non-secure in the GPT (level-1 entry 0xC00 at 0x0E026000, granule 7). The walk ends in
// F_WALK_EABT with GPCF = 1, and ROOT_GPF_FAR gets REASON TRANSLATION (0b001) with FAULTCODE
// 0x0B (F_WALK_EABT), FPAS Realm (0b11) [IHI 0070 3.25.4, 7.3.12].
TEST_F(Realm, TableFetchRefusedByGpcIsWalkEabtWithGpcf)
{
    smmu_state st = load();
    uint64_t *e = root_word(st, 0x0E020000 + 0xC00 * 8);
    *e = (*e & ~(UINT64_C(0xF) << 28)) | (UINT64_C(0x9) << 28); // granule 7: Non-secure
    std::string file = scn::temp_path("realm_gpcf.json"), err;
    ASSERT_TRUE(save_state(st, file, &err)) << err;
    std::string out;
    EXPECT_EQ(0, explain(file, "--sec realm --sid 0x50 --addr 0x10000010", &out)) << out;
    std::remove(file.c_str());
    EXPECT_TRUE(has(out, "Result: fault F_WALK_EABT (0x0b)")) << out;
    EXPECT_TRUE(has(out, "GPCF = 1")) << out;
    EXPECT_TRUE(has(out, "SMMU_ROOT_GPF_FAR (as the SMMU records it) = 0xc00000000c0070b3")) << out;
    EXPECT_TRUE(has(out, "Granule protection check of Realm PA 0xc007000")) << out;
    EXPECT_TRUE(has(out, "granule 7 of the entry (PA[15:12]): GPI7 = 0b1001")) << out;
    EXPECT_TRUE(has(out, "GPI 0b1001 (Non-secure): a Realm access may not use this granule"))
        << out;
}

// An invalid level-0 GPT entry is a GPT lookup error, CFG_ERR 0x3, in ROOT_GPT_CFG_FAR
// [IHI 0070 6.3.117; Arm ARM D9.4]: the output check of a Realm access aborts.
TEST_F(Realm, InvalidGptEntryIsLookupErrorInGptCfgFar)
{
    smmu_state st = load();
    // Granule 0 of level-1 entry 0xD00 (the output PA 0x0D000010) gets the reserved GPI 0b0111;
    // the Realm tables (entry 0xC00) stay Realm.
    *root_word(st, 0x0E020000 + 0xD00 * 8) = 0xbbbbbbbbbbbbbbb7; // granule 0: GPI 0b0111
    std::string file = scn::temp_path("realm_cfgerr.json"), err;
    ASSERT_TRUE(save_state(st, file, &err)) << err;
    std::string out;
    EXPECT_EQ(0, explain(file, "--sec realm --sid 0x50 --addr 0x10000010", &out)) << out;
    std::remove(file.c_str());
    EXPECT_TRUE(has(out, "Result: external abort by the granule protection check")) << out;
    EXPECT_TRUE(has(
        out, "SMMU_ROOT_GPT_CFG_FAR (as the SMMU records it) = 0xc30000000d000007: GPT lookup "
             "error of a Realm access to 0xd000000 (client transaction output): invalid GPT entry"))
        << out;
    EXPECT_TRUE(has(out, "GPI0 = 0b0111")) << out;
    EXPECT_TRUE(has(out, "GPI 0b0111 (reserved): a Realm access may not use this granule")) << out;
}

// --events shows the Realm event queue: the scenario's unmapped Realm write (IPA 0x40000000)
// wrote one record there, which the RMM's driver consumed (PROD = CONS = 1); the record in
// Realm memory is F_TRANSLATION with that input address [IHI 0070 7.3.10].
TEST_F(Realm, EventsIncludeTheRealmQueue)
{
    std::string out;
    ASSERT_EQ(0, explain(path, "--events", &out)) << out;
    EXPECT_TRUE(has(out,
                    "Realm event queue at 0xc001000 (128 entries, EVENTQEN 1): PROD 0x1, CONS 0x1, "
                    "0 records pending"))
        << out;
    smmu_state st = load();
    state_memory mem(st.memory);
    uint8_t b[32];
    ASSERT_TRUE(mem.read(0x0C001000, SMMU_PAS_REALM, b, sizeof(b)));
    uint64_t w[4] = {};
    for (unsigned i = 0; i < 32; i++)
        w[i / 8] |= (uint64_t)b[i] << (8 * (i % 8));
    decoded d = decode(structure::evt, w);
    EXPECT_EQ("F_TRANSLATION", d.title);
    for (const field_value &f : d.fields) {
        if (f.name == "StreamID") {
            EXPECT_EQ(0x50u, f.value);
        }
        if (f.name == "InputAddr") {
            EXPECT_EQ(UINT64_C(0x40000000), f.value);
        }
    }
}

// Bad input: an unknown --sec value is a usage error naming it; a dump cut short is a clear
// error naming where the JSON stops, exit 2 (bad input), no crash.
TEST_F(Realm, BadInputFailsCleanly)
{
    std::string out;
    EXPECT_EQ(2, explain(path, "--sec world --sid 0x50 --addr 0", &out));
    EXPECT_TRUE(has(out, "--sec")) << out;
    EXPECT_TRUE(has(out, "world")) << out;

    std::ifstream f(path);
    std::string text((std::istreambuf_iterator<char>(f)), {});
    std::string cut = scn::temp_path("realm_cut.json");
    std::ofstream(cut) << text.substr(0, text.size() / 2);
    EXPECT_EQ(2, explain(cut, "--sec realm --sid 0x50 --addr 0x10000000", &out));
    std::remove(cut.c_str());
    EXPECT_TRUE(has(out, "is not valid JSON (truncated or corrupt at byte")) << out;
    EXPECT_FALSE(has(out, "Result:")) << out;
}
