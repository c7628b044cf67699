// SPDX-License-Identifier: Apache-2.0
// One VMSAv8-64 translation stage (core/src/walk.c) [Arm ARM D8.2-D8.5; IHI 0070 3.4, 3.13,
// 13.4]. Tables are built with tests/support/pgtable.h in a fake memory.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" {
#include "evtq.h"
#include "tlb.h"
#include "walk.h"
}
#include "fake_mem.h"
#include "pgtable.h"

namespace
{

constexpr unsigned kAllPerm =
    TLB_PERM_UR | TLB_PERM_UW | TLB_PERM_UX | TLB_PERM_PR | TLB_PERM_PW | TLB_PERM_PX;

constexpr walk_access kPrivRead = {false, false, true};
constexpr walk_access kPrivWrite = {true, false, true};
constexpr walk_access kPrivExec = {false, true, true};
constexpr walk_access kUserRead = {false, false, false};
constexpr walk_access kUserWrite = {true, false, false};
constexpr walk_access kUserExec = {false, true, false};

// The six access kinds, with the TLB_PERM_* bit each needs.
struct AccessKind {
    walk_access acc;
    unsigned bit;
    const char *name;
};
const AccessKind kKinds[] = {
    {kUserRead, TLB_PERM_UR, "user read"},   {kUserWrite, TLB_PERM_UW, "user write"},
    {kUserExec, TLB_PERM_UX, "user exec"},   {kPrivRead, TLB_PERM_PR, "priv read"},
    {kPrivWrite, TLB_PERM_PW, "priv write"}, {kPrivExec, TLB_PERM_PX, "priv exec"},
};

class Walk : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        m = fake_mem_create();
        std::memset(&s, 0, sizeof(s));
        smmu_config_init(&s.cfg);
        s.env = fake_mem_env(m);
        pc = {REGIME_EL1, false, false, true};
    }
    void TearDown() override { fake_mem_destroy(m); }

    // A fresh table set (memory cleared).
    void Build(const pgt_params &prm)
    {
        fake_mem_clear(m);
        ASSERT_EQ(pgt_init(&pt, m, &prm), 0);
    }
    void Build(unsigned stage, unsigned g, unsigned ia, int level = PGT_LEVEL_AUTO)
    {
        pgt_params prm = pgt_default_params(stage, g, ia);
        prm.start_level = (int8_t)level;
        prm.pool_size = 0x4000000;
        Build(prm);
    }
    // 4KB-granule 40-bit tables in pas whose NSTable and NS bits count (pgt_params
    // secure_tables, as in a Secure or Realm regime).
    void BuildSecure(unsigned stage, smmu_pa_space pas, int level = PGT_LEVEL_AUTO)
    {
        pgt_params prm = pgt_default_params(stage, 12, 40);
        prm.start_level = (int8_t)level;
        prm.pas = pas;
        prm.secure_tables = true;
        Build(prm);
    }
    walk_cfg Cfg() const
    {
        walk_cfg c;
        pgt_walk_cfg(&pt, &c);
        return c;
    }
    int Run(const walk_cfg &c, uint64_t ia, const walk_access &acc = kPrivRead,
            bool no_side_effects = false)
    {
        std::memset(&r, 0xa5, sizeof(r));
        std::memset(&f, 0xa5, sizeof(f));
        fetches = 0;
        return walk_stage(&s, &c, &pc, mair, ia, &acc, ipa_fn, ipa_arg, no_side_effects, nullptr,
                          &r, &f, &fetches);
    }
    int Run(uint64_t ia, const walk_access &acc = kPrivRead) { return Run(Cfg(), ia, acc); }
    // Table address of the leaf descriptor for va.
    uint64_t LeafAddr(uint64_t va)
    {
        uint64_t a = 0, d;
        smmu_pa_space pas;
        int level;
        EXPECT_EQ(pgt_leaf(&pt, va, &a, &pas, &level, &d), 0);
        return a;
    }
    uint64_t DescAddr(uint64_t va, int level, smmu_pa_space *pas = nullptr)
    {
        uint64_t a = 0;
        smmu_pa_space p;
        EXPECT_EQ(pgt_desc_addr(&pt, va, level, &a, &p), 0);
        if (pas)
            *pas = p;
        return a;
    }
    void ExpectFault(uint8_t type, int level, uint8_t stage)
    {
        EXPECT_EQ(f.type, type) << "fault type";
        EXPECT_EQ(f.level, level) << "fault level";
        EXPECT_EQ(f.stage, stage) << "fault stage";
    }

    fake_mem *m = nullptr;
    smmu s;
    pgt pt;
    walk_perm_ctx pc;
    uint64_t mair = 0;
    walk_ipa_fn ipa_fn = nullptr;
    void *ipa_arg = nullptr;
    walk_result r;
    walk_fault f;
    unsigned fetches = 0;
};

unsigned Shift(unsigned g, int level)
{
    return g + (unsigned)(3 - level) * (g - 3);
}

// ---------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------

// Arm ARM D8.2.6-D8.2.10: every granule, every input size and every legal start level
// (stage 2: every concatenation up to 16 tables) translates pages at the bottom, the top and
// in each concatenated start table of the input range to the exact output address.
TEST_F(Walk, Geometry_EveryGranuleInputSizeAndStartLevelTranslatesExactly)
{
    unsigned cases = 0;
    s.cfg.oas_bits = 52;
    for (unsigned stage = 1; stage <= 2; stage++) {
        for (unsigned g : {12u, 14u, 16u}) {
            for (bool ds : {false, true}) {
                if (ds && g == 16)
                    continue;
                unsigned stride = g - 3;
                unsigned max_ia = (ds || g == 16) ? 52 : 48;
                for (unsigned ia = g + 4; ia <= max_ia; ia++) {
                    int first = 3 - (int)((ia - 1 - g) / stride); // one start table
                    if (!ds && g == 12 && first < 0)
                        continue;
                    int last = first;
                    if (stage == 2)
                        while (last < 3 && ia - Shift(g, last + 1) <= stride + 4)
                            last++;
                    for (int level = first; level <= last; level++) {
                        SCOPED_TRACE("stage " + std::to_string(stage) + " granule " +
                                     std::to_string(g) + " ia " + std::to_string(ia) + " level " +
                                     std::to_string(level));
                        pgt_params prm = pgt_default_params(stage, g, ia);
                        prm.start_level = (int8_t)level;
                        prm.ds = ds;
                        prm.oa_bits = 52;
                        prm.pool_size = 0x4000000;
                        Build(prm);
                        unsigned idx = ia - Shift(g, level);
                        unsigned tables = idx > stride ? 1u << (idx - stride) : 1u;
                        EXPECT_EQ(pt.root_tables, tables);
                        // One page in each concatenated table, plus the last page of the range.
                        std::vector<uint64_t> vas;
                        uint64_t per_table = uint64_t(1)
                                             << (Shift(g, level) + std::min(idx, stride));
                        for (unsigned t = 0; t < tables; t++)
                            vas.push_back(t * per_table + ((uint64_t)t << g) * 3);
                        vas.push_back((uint64_t(1) << ia) - (uint64_t(1) << g));
                        // Output above 2^48 where the descriptor format can hold it.
                        uint64_t pa0 =
                            (ds || g == 16) ? uint64_t(0xb8000) << 32 : uint64_t(0x8000) << 24;
                        for (size_t i = 0; i < vas.size(); i++) {
                            uint64_t pa = pa0 + ((uint64_t)(i + 1) << (g + 4)) + ((uint64_t)i << g);
                            ASSERT_EQ(pgt_map_leaf(&pt, vas[i], pa, 3,
                                                   stage == 1 ? PGT_S1_RW : PGT_S2_RW),
                                      0);
                        }
                        for (size_t i = 0; i < vas.size(); i++) {
                            uint64_t pa = pa0 + ((uint64_t)(i + 1) << (g + 4)) + ((uint64_t)i << g);
                            uint64_t off = (0x123 * (i + 1)) & ((uint64_t(1) << g) - 1);
                            ASSERT_EQ(Run(vas[i] + off), 0) << "va " << std::hex << vas[i];
                            EXPECT_EQ(r.oa, pa + off);
                            EXPECT_EQ(r.page_shift, g);
                            EXPECT_EQ(r.level, 3);
                            EXPECT_EQ(fetches, (unsigned)(4 - level));
                            cases++;
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(cases, 400u);
}

// Arm ARM D8.2.7 (Tables D8-22/-23, concatenation): a 4K stage 2 starting at level 1 with
// 16 concatenated tables indexes IPA[43:30]; each of the 16 tables maps its own 512 GB.
TEST_F(Walk, Stage2_ConcatenatedRootTableIndexesAllTables)
{
    Build(2, 12, 43, 1);
    ASSERT_EQ(pt.root_tables, 16u);
    for (uint64_t t = 0; t < 16; t++)
        ASSERT_EQ(pgt_map(&pt, (t << 39) | 0x1000, 0x40000000 + t * 0x10000, 0x1000, PGT_S2_RW), 0);
    for (uint64_t t = 0; t < 16; t++) {
        ASSERT_EQ(Run((t << 39) | 0x1abc), 0) << "table " << t;
        EXPECT_EQ(r.oa, 0x40000abc + t * 0x10000);
        // The level-1 descriptor used is in table t of the concatenated start table.
        EXPECT_EQ(DescAddr(t << 39, 1), pt.root + t * 0x1000 + 0);
    }
}

// Arm ARM D8.2.7: a 64K stage 2 at level 3 with IPA size 29 concatenates 16 tables.
TEST_F(Walk, Stage2_Concatenated64KLevel3IndexesAllTables)
{
    Build(2, 16, 33, 3);
    ASSERT_EQ(pt.root_tables, 16u);
    for (uint64_t t = 0; t < 16; t++)
        ASSERT_EQ(pgt_map(&pt, t << 29, 0x100000000ull + (t << 16), 0x10000, PGT_S2_RW), 0);
    for (uint64_t t = 0; t < 16; t++) {
        ASSERT_EQ(Run((t << 29) | 0x4321), 0);
        EXPECT_EQ(r.oa, 0x100004321ull + (t << 16));
        EXPECT_EQ(fetches, 1u);
    }
}

// IHI 0070 3.4.3: stage 2 faults an IPA beyond S2T0SZ with a stage-2 translation fault at
// the start level, reporting the IPA.
TEST_F(Walk, Stage2_InputAboveIpaSizeIsTranslationFault)
{
    Build(2, 12, 40, 1);
    ASSERT_EQ(Run(uint64_t(1) << 40), -1);
    ExpectFault(SMMU_EVT_F_TRANSLATION, 1, 2);
    EXPECT_EQ(f.ipa, uint64_t(1) << 40);
    EXPECT_EQ(fetches, 0u);
}

// Stage 1 uses IA[ia_bits-1:0]: a TTB1 address (upper bits ones) indexes like its low bits.
TEST_F(Walk, Stage1_Ttb1AddressUsesLowInputBits)
{
    Build(1, 12, 39);
    ASSERT_EQ(pgt_map(&pt, 0x7fffffe000ull, 0x9000, 0x1000, PGT_S1_RW), 0);
    ASSERT_EQ(Run(0xffffffffffffe010ull), 0);
    EXPECT_EQ(r.oa, 0x9010u);
    EXPECT_EQ(fetches, 3u);
}

// Arm ARM D8.3.1 (AArch64.BlockDescSupported): blocks at 4K levels 1 and 2 (and 0 with DS),
// 16K level 2 (and 1 with DS), 64K level 2 (and 1 with a 52-bit PA).
TEST_F(Walk, Blocks_AtEveryPermittedLevelGiveBlockSizedMappings)
{
    struct Case {
        unsigned g, ia;
        int level;
        bool ds;
        unsigned oa_bits;
    } cases[] = {
        {12, 48, 1, false, 48}, {12, 48, 2, false, 48}, {12, 52, 0, true, 52},
        {14, 48, 2, false, 48}, {14, 52, 1, true, 52},  {16, 48, 2, false, 48},
        {16, 52, 1, false, 52},
    };
    s.cfg.oas_bits = 52;
    for (const Case &c : cases) {
        SCOPED_TRACE("granule " + std::to_string(c.g) + " level " + std::to_string(c.level));
        pgt_params prm = pgt_default_params(1, c.g, c.ia);
        prm.ds = c.ds;
        prm.oa_bits = (uint8_t)c.oa_bits;
        Build(prm);
        unsigned shift = Shift(c.g, c.level);
        uint64_t va = uint64_t(3) << shift, pa = uint64_t(5) << shift;
        ASSERT_EQ(pgt_map_leaf(&pt, va, pa, c.level, PGT_S1_RW), 0);
        uint64_t off = (uint64_t(1) << shift) - 8;
        ASSERT_EQ(Run(va + off), 0);
        EXPECT_EQ(r.oa, pa + off);
        EXPECT_EQ(r.page_shift, shift);
        EXPECT_EQ(r.level, c.level);
    }
}

// Arm ARM D8.3.1: a block descriptor where the granule does not allow one is a translation
// fault at that level (4K level 0 without DS, 16K level 1 without DS, 64K level 1 without a
// 52-bit PA, 4K level -1).
TEST_F(Walk, Blocks_WhereNotPermittedAreTranslationFaults)
{
    struct Case {
        unsigned g, ia;
        int level;
        bool ds;
    } cases[] = {{12, 48, 0, false}, {14, 48, 1, false}, {16, 48, 1, false}, {12, 52, -1, true}};
    for (const Case &c : cases) {
        SCOPED_TRACE("granule " + std::to_string(c.g) + " level " + std::to_string(c.level));
        pgt_params prm = pgt_default_params(1, c.g, c.ia);
        prm.ds = c.ds;
        prm.oa_bits = c.ds ? 52 : 48;
        Build(prm);
        ASSERT_EQ(pgt_map_leaf(&pt, 0, 0, c.level, PGT_S1_RW), 0);
        ASSERT_EQ(Run(0x1000), -1);
        ExpectFault(SMMU_EVT_F_TRANSLATION, c.level, 1);
        EXPECT_TRUE(fake_mem_log_contains(m, "block not permitted"));
    }
}

// Arm ARM D8.3 (FEAT_LPA2): with DS, 4K starts at level -1 for 52-bit inputs and OA[51:50]
// / OA[49:48] sit in descriptor bits [9:8] / [49:48], for tables and pages alike; the
// shareability is the configured one.
TEST_F(Walk, Lpa2_4KLevelMinus1With52BitAddresses)
{
    pgt_params prm = pgt_default_params(1, 12, 52);
    prm.ds = true;
    prm.oa_bits = 52;
    prm.pool_base = 0xabc0000000000ull; // tables above 2^48
    Build(prm);
    EXPECT_EQ(pgt_start_level(&pt), -1);
    uint64_t va = 0xf123456789000ull, pa = 0xedcba98765000ull;
    ASSERT_EQ(pgt_map(&pt, va, pa, 0x1000, PGT_S1_RW), 0);
    walk_cfg c = Cfg();
    c.fetch_attrs.sh = 2;
    ASSERT_EQ(Run(c, va | 0xfff), 0);
    EXPECT_EQ(r.oa, pa | 0xfff);
    EXPECT_EQ(r.level, 3);
    EXPECT_EQ(fetches, 5u);
    EXPECT_EQ(r.sh, 2u);
    // The descriptor holds OA[51:50] = 0b11 in [9:8] and OA[49:48] = 0b10 in [49:48].
    uint64_t d = pgt_read(&pt, LeafAddr(va), SMMU_PAS_NS);
    EXPECT_EQ((d >> 8) & 3, 3u);
    EXPECT_EQ((d >> 48) & 3, 2u);
    // An invalid level -1 descriptor is a translation fault at level -1.
    pgt_write(&pt, DescAddr(va, -1), SMMU_PAS_NS, 0);
    ASSERT_EQ(Run(c, va), -1);
    ExpectFault(SMMU_EVT_F_TRANSLATION, -1, 1);
    EXPECT_EQ(fetches, 1u);
}

// FEAT_LPA2 with 16K: 52-bit inputs start at level 0 (IA[51:47]).
TEST_F(Walk, Lpa2_16KLevel0With52BitAddresses)
{
    pgt_params prm = pgt_default_params(1, 14, 52);
    prm.ds = true;
    prm.oa_bits = 52;
    Build(prm);
    EXPECT_EQ(pgt_start_level(&pt), 0);
    uint64_t va = 0xfedc012344000ull, pa = 0x9000087654000ull;
    ASSERT_EQ(pgt_map(&pt, va, pa, 0x4000, PGT_S1_RW), 0);
    ASSERT_EQ(Run(va + 0x3ff8), 0);
    EXPECT_EQ(r.oa, pa + 0x3ff8);
    EXPECT_EQ(r.page_shift, 14u);
    EXPECT_EQ(fetches, 4u);
}

// Arm ARM D8.3 (FEAT_LPA): 64K granule, OA[51:48] in descriptor bits [15:12], for tables
// (placed above 2^48 here) and pages.
TEST_F(Walk, Pa52_64KOutputAndTableAddressesAbove48Bits)
{
    s.cfg.oas_bits = 52;
    pgt_params prm = pgt_default_params(2, 16, 52);
    prm.oa_bits = 52;
    prm.pool_base = 0x7000000000000ull;
    Build(prm);
    EXPECT_EQ(pgt_start_level(&pt), 1);
    uint64_t ipa = 0xa987654320000ull, pa = 0xc123456780000ull;
    ASSERT_EQ(pgt_map(&pt, ipa, pa, 0x10000, PGT_S2_RW), 0);
    ASSERT_EQ(Run(ipa | 0xbeef), 0);
    EXPECT_EQ(r.oa, pa | 0xbeef);
    EXPECT_EQ(fetches, 3u);
    EXPECT_EQ((pgt_read(&pt, LeafAddr(ipa), SMMU_PAS_NS) >> 12) & 0xf, 0xcu);
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

// Arm ARM D8.3: an invalid descriptor (bit 0 == 0) at any level is a translation fault at
// that level.
TEST_F(Walk, Fault_InvalidDescriptorAtEachLevelIsTranslationFaultAtThatLevel)
{
    for (int level = 0; level <= 3; level++) {
        Build(1, 12, 48);
        uint64_t va = 0x123456789000ull;
        ASSERT_EQ(pgt_map(&pt, va, 0x5000, 0x1000, PGT_S1_RW), 0);
        pgt_write(&pt, DescAddr(va, level), SMMU_PAS_NS, 0x2); // bit 0 clear
        ASSERT_EQ(Run(va), -1);
        ExpectFault(SMMU_EVT_F_TRANSLATION, level, 1);
        EXPECT_EQ(fetches, (unsigned)level + 1);
    }
}

// Arm ARM D8.3.1: at level 3, descriptor type 0b01 is reserved (translation fault).
TEST_F(Walk, Fault_Level3Type01IsReservedTranslationFault)
{
    Build(2, 14, 36);
    ASSERT_EQ(pgt_map(&pt, 0x8000, 0x8000, 0x4000, PGT_S2_RW), 0);
    uint64_t a = LeafAddr(0x8000);
    pgt_write(&pt, a, SMMU_PAS_NS, pgt_read(&pt, a, SMMU_PAS_NS) & ~uint64_t(2));
    ASSERT_EQ(Run(0x8000), -1);
    ExpectFault(SMMU_EVT_F_TRANSLATION, 3, 2);
    EXPECT_EQ(f.ipa, 0x8000u);
    EXPECT_TRUE(fake_mem_log_contains(m, "reserved type"));
}

// IHI 0070 3.4 / Arm ARM D8.2.9: a next-level table address above the output size is an
// address size fault at the level of the table descriptor.
TEST_F(Walk, Fault_TableAddressAboveOutputSizeIsAddressSizeFault)
{
    pgt_params prm = pgt_default_params(1, 12, 48);
    prm.oa_bits = 40;
    for (int level = 0; level <= 2; level++) {
        Build(prm);
        uint64_t va = 0x40000000;
        ASSERT_EQ(pgt_map(&pt, va, 0x1000, 0x1000, PGT_S1_RW), 0);
        uint64_t a = DescAddr(va, level);
        pgt_write(&pt, a, SMMU_PAS_NS, pgt_read(&pt, a, SMMU_PAS_NS) | (uint64_t(1) << 40));
        ASSERT_EQ(Run(va), -1);
        ExpectFault(SMMU_EVT_F_ADDR_SIZE, level, 1);
    }
}

// An output address above the output size is an address size fault at the leaf level,
// for pages and blocks; exactly 2^oa - 1 is fine.
TEST_F(Walk, Fault_OutputAddressAboveOutputSizeIsAddressSizeFault)
{
    pgt_params prm = pgt_default_params(2, 12, 40);
    prm.start_level = 1;
    prm.oa_bits = 36;
    Build(prm);
    ASSERT_EQ(pgt_map_leaf(&pt, 0x1000, uint64_t(1) << 36, 3, PGT_S2_RW), 0);
    ASSERT_EQ(pgt_map_leaf(&pt, 0x2000, (uint64_t(1) << 36) - 0x1000, 3, PGT_S2_RW), 0);
    ASSERT_EQ(pgt_map_leaf(&pt, 0x40000000, uint64_t(1) << 37, 1, PGT_S2_RW), 0);
    ASSERT_EQ(Run(0x1000), -1);
    ExpectFault(SMMU_EVT_F_ADDR_SIZE, 3, 2);
    EXPECT_EQ(f.ipa, 0x1000u);
    ASSERT_EQ(Run(0x40000000), -1);
    ExpectFault(SMMU_EVT_F_ADDR_SIZE, 1, 2);
    ASSERT_EQ(Run(0x2fff), 0);
    EXPECT_EQ(r.oa, (uint64_t(1) << 36) - 1);
}

// 64K granule: descriptor bits [15:12] are OA[51:48], so with a 48-bit output size a
// non-zero value there is an address size fault (model choice, see walk.c).
TEST_F(Walk, Fault_64KHighOutputBitsWithSmallOutputSizeIsAddressSizeFault)
{
    Build(1, 16, 48);
    ASSERT_EQ(pgt_map(&pt, 0x30000, 0x50000, 0x10000, PGT_S1_RW), 0);
    uint64_t a = LeafAddr(0x30000);
    pgt_write(&pt, a, SMMU_PAS_NS, pgt_read(&pt, a, SMMU_PAS_NS) | 0x1000);
    ASSERT_EQ(Run(0x30000), -1);
    ExpectFault(SMMU_EVT_F_ADDR_SIZE, 3, 1);
}

// IHI 0070 3.13.2: AF == 0 without HA and AFFD is an access flag fault at the leaf level;
// with AFFD it behaves as AF == 1 and nothing is written.
TEST_F(Walk, AccessFlag_ClearFaultsUnlessAffd)
{
    Build(1, 12, 48);
    ASSERT_EQ(pgt_map(&pt, 0x200000, 0x600000, 0x200000, PGT_S1_RW & ~PGT_AF), 0);
    ASSERT_EQ(Run(0x201000), -1);
    ExpectFault(SMMU_EVT_F_ACCESS, 2, 1);
    walk_cfg c = Cfg();
    c.affd = true;
    uint64_t before = pgt_read(&pt, LeafAddr(0x200000), SMMU_PAS_NS);
    ASSERT_EQ(Run(c, 0x201000), 0);
    EXPECT_EQ(r.oa, 0x601000u);
    EXPECT_EQ(pgt_read(&pt, LeafAddr(0x200000), SMMU_PAS_NS), before);
    EXPECT_EQ(m->cas, 0u);
    EXPECT_EQ(r.desc, before);
}

// IHI 0070 8.4: an access flag fault takes priority over a permission fault.
TEST_F(Walk, AccessFlag_FaultBeforePermission)
{
    Build(1, 12, 48);
    ASSERT_EQ(pgt_map(&pt, 0x1000, 0x1000, 0x1000, PGT_SH(3) | PGT_AP(3)), 0);
    ASSERT_EQ(Run(0x1000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_ACCESS, 3, 1);
}

// IHI 0070 7.3.11 (F_WALK_EABT): an abort on a descriptor fetch reports the descriptor's PA
// and the level, for every level.
TEST_F(Walk, WalkAbort_ReportsDescriptorAddressAndLevel)
{
    for (int level = 0; level <= 3; level++) {
        Build(1, 12, 48);
        uint64_t va = 0x7f1234567000ull;
        ASSERT_EQ(pgt_map(&pt, va, 0x5000, 0x1000, PGT_S1_RW), 0);
        uint64_t a = DescAddr(va, level);
        fake_mem_clear_aborts(m);
        ASSERT_EQ(fake_mem_add_abort(m, SMMU_PAS_NS, a, a + 7, false), 0);
        ASSERT_EQ(Run(va), -1);
        ExpectFault(SMMU_EVT_F_WALK_EABT, level, 1);
        EXPECT_EQ(f.fetch_addr, a);
        EXPECT_EQ(f.cls, EVT_CLASS_TT);
        EXPECT_EQ(fetches, (unsigned)level + 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Stage-1 permissions [Arm ARM D8.4.1, Table D8-43/-44; IHI 0070 13.4.1]
// ---------------------------------------------------------------------------------------------

class Perm : public Walk
{
  protected:
    // Map one page with attrs and check r->perm against expect and every access kind
    // against it (fault at level 3 exactly when the bit is missing).
    void Check(uint64_t attrs, unsigned expect, const std::string &what, uint64_t tattrs = 0,
               bool had = false)
    {
        SCOPED_TRACE(what);
        Build(stage, 12, 39);
        pgt_set_new_table_attrs(&pt, tattrs);
        ASSERT_EQ(pgt_map(&pt, 0x1000, 0x3000, 0x1000, attrs), 0);
        walk_cfg c = Cfg();
        c.had = had;
        for (const AccessKind &k : kKinds) {
            int rc = Run(c, 0x1010, k.acc);
            if (expect & k.bit) {
                EXPECT_EQ(rc, 0) << k.name;
                if (rc == 0) {
                    EXPECT_EQ(r.perm, expect) << k.name;
                    EXPECT_EQ(r.oa, 0x3010u);
                }
            } else {
                EXPECT_EQ(rc, -1) << k.name;
                if (rc)
                    ExpectFault(SMMU_EVT_F_PERMISSION, 3, stage);
            }
        }
    }
    unsigned stage = 1;
};

constexpr unsigned UR = TLB_PERM_UR, UW = TLB_PERM_UW, UX = TLB_PERM_UX, PR = TLB_PERM_PR,
                   PW = TLB_PERM_PW, PX = TLB_PERM_PX;

// Arm ARM D8.4.1.2, two privilege levels: AP[2:1] 00 priv RW, 01 RW, 10 priv RO, 11 RO; a
// page writable at EL0 is never executable at EL1.
TEST_F(Perm, Stage1_ApEncodingsInTwoElRegime)
{
    Check(PGT_AF | PGT_AP(0), PR | PW | UX | PX, "AP=00");
    Check(PGT_AF | PGT_AP(1), PR | PW | UR | UW | UX, "AP=01 (EL0 writable: PXN implied)");
    Check(PGT_AF | PGT_AP(2), PR | UX | PX, "AP=10");
    Check(PGT_AF | PGT_AP(3), PR | UR | UX | PX, "AP=11");
}

// Arm ARM D8.4.1.2: UXN removes EL0 execution, PXN EL1 execution.
TEST_F(Perm, Stage1_UxnAndPxn)
{
    Check(PGT_AF | PGT_AP(3) | PGT_UXN, PR | UR | PX, "UXN");
    Check(PGT_AF | PGT_AP(3) | PGT_PXN, PR | UR | UX, "PXN");
    Check(PGT_AF | PGT_AP(3) | PGT_UXN | PGT_PXN, PR | UR, "UXN+PXN");
}

// IHI 0070 13.4.1: in any-EL2 and EL3 StreamWorlds AP[1] is treated as 1 and PRIV is
// ignored; XN (bit 54) applies to both, PXN (bit 53) is RES0.
TEST_F(Perm, Stage1_SingleElRegimeIgnoresAp1AndPrivilege)
{
    for (uint8_t regime : {uint8_t(REGIME_EL2), uint8_t(REGIME_EL3)}) {
        pc.regime = regime;
        Check(PGT_AF | PGT_AP(0), kAllPerm, "AP=00");
        Check(PGT_AF | PGT_AP(2), PR | UR | PX | UX, "AP=10");
        Check(PGT_AF | PGT_AP(0) | PGT_UXN, PR | PW | UR | UW, "XN");
        Check(PGT_AF | PGT_AP(2) | PGT_PXN, PR | UR | PX | UX, "PXN ignored");
    }
}

// IHI 0070 CD.PAN / Arm ARM D8.4.1.3: privileged data accesses to an EL0-accessible page
// fault; privileged instruction fetches are unaffected.
TEST_F(Perm, Stage1_PanBlocksPrivilegedDataAccessToUserPages)
{
    pc.pan = true;
    Check(PGT_AF | PGT_AP(3), UR | UX | PX, "AP=11 with PAN");
    Check(PGT_AF | PGT_AP(1), UR | UW | UX, "AP=01 with PAN");
    Check(PGT_AF | PGT_AP(0), PR | PW | UX | PX, "AP=00 with PAN: not user accessible");
    pc.regime = REGIME_EL2; // PAN is IGNORED in EL2 / EL3 StreamWorlds
    Check(PGT_AF | PGT_AP(0), kAllPerm, "EL2 ignores PAN");
}

// Arm ARM D8.4.1.4: with WXN a writable page is not executable at that privilege.
TEST_F(Perm, Stage1_WxnMakesWritableNonExecutable)
{
    pc.wxn = true;
    Check(PGT_AF | PGT_AP(0), PR | PW | UX, "AP=00 with WXN");
    Check(PGT_AF | PGT_AP(1), PR | PW | UR | UW, "AP=01 with WXN");
    Check(PGT_AF | PGT_AP(2), PR | UX | PX, "AP=10 with WXN");
    pc.regime = REGIME_EL2;
    Check(PGT_AF | PGT_AP(0), PR | PW | UR | UW, "EL2 AP=00 with WXN");
}

// Arm ARM D8.4.1.1: APTable[0] removes EL0 access, APTable[1] removes writes, UXNTable /
// PXNTable remove execution; HAD disables them all.
TEST_F(Perm, Stage1_HierarchicalTableControls)
{
    uint64_t rw = PGT_AF | PGT_AP(1);
    Check(rw, PR | PW | UR | UW | UX, "no table controls");
    Check(rw, PR | PW | UX | PX, "APTable=01", PGT_T_AP(1));
    Check(rw, PR | UR | UX | PX, "APTable=10", PGT_T_AP(2));
    Check(rw, PR | UX | PX, "APTable=11", PGT_T_AP(3));
    Check(rw, PR | PW | UR | UW, "UXNTable", PGT_T_UXN);
    Check(PGT_AF | PGT_AP(3), PR | UR | UX, "PXNTable", PGT_T_PXN);
    Check(rw, PR | PW | UR | UW | UX, "HAD ignores them", PGT_T_AP(3) | PGT_T_UXN | PGT_T_PXN,
          true);
    pc.regime = REGIME_EL2;
    Check(PGT_AF | PGT_AP(0), PR | UR | PX | UX, "EL2: APTable[1]", PGT_T_AP(2));
    Check(PGT_AF | PGT_AP(0), PR | PW | UR | UW, "EL2: XNTable", PGT_T_UXN);
    Check(PGT_AF | PGT_AP(0), kAllPerm, "EL2: APTable[0] and PXNTable RES0",
          PGT_T_AP(1) | PGT_T_PXN);
}

// A control on an upper table only applies through that table (level 1 here).
TEST_F(Walk, Perm_TableControlAtUpperLevelRestrictsLeaf)
{
    Build(1, 12, 48);
    ASSERT_EQ(pgt_map(&pt, 0x40000000, 0x1000, 0x1000, PGT_S1_RW), 0);
    ASSERT_EQ(pgt_set_table_attrs(&pt, 0x40000000, 1, PGT_T_AP(2)), 0);
    ASSERT_EQ(Run(0x40000000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 3, 1);
    EXPECT_FALSE(f.ttrnw);
    ASSERT_EQ(Run(0x40000000, kUserRead), 0);
    EXPECT_EQ(r.perm, PR | UR | UX | PX);
}

// ---------------------------------------------------------------------------------------------
// Stage-2 permissions [Arm ARM D8.4.2; IHI 0070 13.4.3]
// ---------------------------------------------------------------------------------------------

// S2AP: 00 none, 01 read, 10 write, 11 read/write, for both privileges.
TEST_F(Perm, Stage2_S2apEncodings)
{
    stage = 2;
    Check(PGT_AF | PGT_S2AP(0), UX | PX, "S2AP=00");
    Check(PGT_AF | PGT_S2AP(1), UR | PR | UX | PX, "S2AP=01");
    Check(PGT_AF | PGT_S2AP(2), UW | PW | UX | PX, "S2AP=10");
    Check(PGT_AF | PGT_S2AP(3), kAllPerm, "S2AP=11");
}

// With IDR3.XNX, XN[1:0]: 00 executable, 01 not at EL1, 10 never, 11 not at EL0.
TEST_F(Perm, Stage2_XnxEncodings)
{
    stage = 2;
    uint64_t rw = PGT_AF | PGT_S2AP(3);
    unsigned data = UR | UW | PR | PW;
    Check(rw | PGT_S2XN(0), data | UX | PX, "XN=00");
    Check(rw | PGT_S2XN(1), data | UX, "XN=01");
    Check(rw | PGT_S2XN(2), data, "XN=10");
    Check(rw | PGT_S2XN(3), data | PX, "XN=11");
}

// Without XNX only XN[1] (bit 54) counts and PRIV is not used.
TEST_F(Perm, Stage2_WithoutXnxOnlyBit54)
{
    stage = 2;
    pc.xnx = false;
    uint64_t rw = PGT_AF | PGT_S2AP(3);
    unsigned data = UR | UW | PR | PW;
    Check(rw | PGT_S2XN(1), kAllPerm, "bit 53 ignored");
    Check(rw | PGT_S2XN(2), data, "bit 54");
    Check(rw | PGT_S2XN(3), data, "both");
}

// Stage 2 ignores the stage-1 permission controls (PAN, WXN, table bits 63:59 are RES0).
TEST_F(Perm, Stage2_IgnoresStage1Controls)
{
    stage = 2;
    pc.pan = pc.wxn = true;
    Check(PGT_AF | PGT_S2AP(3), kAllPerm, "PAN/WXN", PGT_T_AP(3) | PGT_T_UXN | PGT_T_PXN);
}

// ---------------------------------------------------------------------------------------------
// HTTU [IHI 0070 3.13; Arm ARM D8.5]
// ---------------------------------------------------------------------------------------------

// HA: the walk sets AF atomically in the descriptor, and nothing else.
TEST_F(Walk, Httu_HardwareSetsAccessFlag)
{
    for (unsigned stage = 1; stage <= 2; stage++) {
        Build(stage, 12, 39, stage == 1 ? PGT_LEVEL_AUTO : 1);
        uint64_t attrs = (stage == 1 ? PGT_S1_RW : PGT_S2_RW) & ~PGT_AF;
        ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, attrs), 0);
        uint64_t a = LeafAddr(0x5000), before = pgt_read(&pt, a, SMMU_PAS_NS);
        walk_cfg c = Cfg();
        c.ha = true;
        uint64_t cas0 = m->cas;
        ASSERT_EQ(Run(c, 0x5000, kPrivRead), 0);
        EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before | PGT_AF);
        EXPECT_EQ(r.desc, before | PGT_AF);
        EXPECT_EQ(m->cas, cas0 + 1);
        EXPECT_EQ(fetches, 4u); // three levels + the update
        // Once set, no further update.
        ASSERT_EQ(Run(c, 0x5000, kPrivRead), 0);
        EXPECT_EQ(m->cas, cas0 + 1);
        EXPECT_EQ(fetches, 3u);
    }
}

// A permission-faulting access does not set AF (model choice, Arm ARM pseudocode order).
TEST_F(Walk, Httu_NoAccessFlagUpdateOnPermissionFault)
{
    Build(1, 12, 40);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_SH(3) | PGT_AP(3)), 0);
    uint64_t a = LeafAddr(0x5000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x5000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 3, 1);
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before);
}

// IHI 0070 3.13.3: a write to a DBM page that is read-only (AP[2] == 1) with HD clears
// AP[2] (and sets AF); the clean page grants no write in r->perm until then.
TEST_F(Walk, Httu_Stage1DirtyStateClearsAp2OnWrite)
{
    Build(1, 12, 40);
    uint64_t attrs = PGT_SH(3) | PGT_AP(3) | PGT_DBM; // RO at EL0 and EL1, DBM
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, attrs), 0);
    uint64_t a = LeafAddr(0x5000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    walk_cfg c = Cfg();
    c.ha = c.hd = true;
    ASSERT_EQ(Run(c, 0x5000, kPrivRead), 0);
    EXPECT_EQ(r.perm, PR | UR | UX); // clean: no write; EL0-writable-by-DBM: no PX
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before | PGT_AF);
    ASSERT_EQ(Run(c, 0x5000, kUserWrite), 0);
    uint64_t dirty = (before | PGT_AF) & ~(uint64_t(1) << 7);
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), dirty);
    EXPECT_EQ(r.desc, dirty);
    EXPECT_EQ(r.perm, PR | PW | UR | UW | UX);
}

// Without HD (or without DBM) a write to a read-only page is a permission fault.
TEST_F(Walk, Httu_WriteToReadOnlyFaultsWithoutHdOrDbm)
{
    Build(1, 12, 40);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_AF | PGT_AP(3) | PGT_DBM), 0);
    ASSERT_EQ(pgt_map(&pt, 0x6000, 0xa000, 0x1000, PGT_AF | PGT_AP(3)), 0);
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x5000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 3, 1);
    c.hd = true;
    ASSERT_EQ(Run(c, 0x6000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 3, 1);
    c.ha = false; // HD behaves as 0 without HA (CD.HD/HA 0b10 reserved)
    ASSERT_EQ(Run(c, 0x5000, kPrivWrite), -1);
}

// The DBM-writable page is subject to APTable: a table-level read-only still faults.
TEST_F(Walk, Httu_DbmDoesNotOverrideApTable)
{
    Build(1, 12, 40);
    pgt_set_new_table_attrs(&pt, PGT_T_AP(2));
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_AF | PGT_AP(2) | PGT_DBM), 0);
    walk_cfg c = Cfg();
    c.ha = c.hd = true;
    uint64_t before = pgt_read(&pt, LeafAddr(0x5000), SMMU_PAS_NS);
    ASSERT_EQ(Run(c, 0x5000, kPrivWrite), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 3, 1);
    EXPECT_EQ(pgt_read(&pt, LeafAddr(0x5000), SMMU_PAS_NS), before);
}

// IHI 0070 3.13.3: at stage 2 a write to a DBM page with S2AP[1] == 0 sets S2AP[1].
TEST_F(Walk, Httu_Stage2DirtyStateSetsS2ap1OnWrite)
{
    Build(2, 16, 42, 2);
    ASSERT_EQ(pgt_map(&pt, 0x30000, 0x70000, 0x10000, PGT_AF | PGT_S2AP(1) | PGT_DBM), 0);
    uint64_t a = LeafAddr(0x30000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    walk_cfg c = Cfg();
    c.ha = c.hd = true;
    ASSERT_EQ(Run(c, 0x30000, kPrivRead), 0);
    EXPECT_EQ(r.perm, UR | PR | UX | PX);
    EXPECT_EQ(m->cas, 0u);
    ASSERT_EQ(Run(c, 0x30008, kUserWrite), 0);
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before | (uint64_t(1) << 7));
    EXPECT_EQ(r.perm, kAllPerm);
    EXPECT_EQ(r.oa, 0x70008u);
}

// no_side_effects: the walk writes nothing and answers as if the update had been done.
TEST_F(Walk, Httu_NoSideEffectsNeverWrites)
{
    Build(1, 12, 39);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_SH(3) | PGT_AP(1) | PGT_DBM | PGT_AP(3)), 0);
    uint64_t a = LeafAddr(0x5000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    walk_cfg c = Cfg();
    c.ha = c.hd = true;
    uint64_t writes0 = m->writes;
    ASSERT_EQ(Run(c, 0x5000, kPrivWrite, true), 0);
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before);
    EXPECT_EQ(m->cas, 0u);
    EXPECT_EQ(m->writes, writes0);
    EXPECT_EQ(r.desc, before);
    EXPECT_EQ(r.perm, PR | PW | UR | UW | UX);
    EXPECT_EQ(fetches, 3u);
}

// An abort on the HTTU write is F_WALK_EABT at the descriptor's address.
TEST_F(Walk, Httu_AbortOnUpdateIsWalkAbort)
{
    Build(1, 12, 40);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_S1_RW & ~PGT_AF), 0);
    uint64_t a = LeafAddr(0x5000);
    ASSERT_EQ(fake_mem_add_abort(m, SMMU_PAS_NS, a, a + 7, true), 0);
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x5000), -1);
    ExpectFault(SMMU_EVT_F_WALK_EABT, 3, 1);
    EXPECT_EQ(f.fetch_addr, a);
}

// Another agent changes the descriptor between the read and the compare-and-swap: the walk
// decodes the new value (here: AF already set, so no update; or invalid, so a fault).
struct RaceEnv {
    fake_mem *m;
    uint64_t pa;
    uint64_t value;
    int (*cas)(void *, uint64_t, smmu_pa_space, uint64_t, uint64_t, uint64_t *);
    unsigned calls;
};

RaceEnv *g_race; // the environment's ctx stays the fake_mem

int RacingCas(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected, uint64_t desired,
              uint64_t *old)
{
    (void)ctx;
    RaceEnv *e = g_race;
    if (e->calls++ == 0)
        fake_mem_wr64(e->m, e->pa, pas, e->value);
    return e->cas(e->m, pa, pas, expected, desired, old);
}

TEST_F(Walk, Httu_LostCompareAndSwapDecodesNewValue)
{
    Build(1, 12, 40);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_S1_RW & ~PGT_AF), 0);
    uint64_t a = LeafAddr(0x5000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    RaceEnv e = {m, a, before | PGT_AF | PGT_NG, s.env.mem_cas64, 0};
    s.env.mem_cas64 = RacingCas;
    g_race = &e;
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x5000), 0);
    EXPECT_EQ(e.calls, 1u);
    EXPECT_EQ(r.desc, before | PGT_AF | PGT_NG);
    EXPECT_TRUE(r.ng);
    // The other agent invalidates it instead.
    pgt_write(&pt, a, SMMU_PAS_NS, before);
    e.calls = 0;
    e.value = 0;
    ASSERT_EQ(Run(c, 0x5000), -1);
    ExpectFault(SMMU_EVT_F_TRANSLATION, 3, 1);
}

// ---------------------------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------------------------

// Stage 1: Attr byte from MAIR by AttrIndx, SH, nG; stage 2: MemAttr bits [5:2].
TEST_F(Walk, Attributes_MairSelectionShareabilityAndNg)
{
    mair = 0x0011223344556677ull;
    Build(1, 12, 40);
    ASSERT_EQ(pgt_map(&pt, 0x5000, 0x9000, 0x1000,
                      PGT_AF | PGT_AP(1) | PGT_ATTRINDX(5) | PGT_SH(2) | PGT_NG),
              0);
    ASSERT_EQ(Run(0x5000), 0);
    EXPECT_EQ(r.attr, 0x22u);
    EXPECT_EQ(r.sh, 2u);
    EXPECT_TRUE(r.ng);
    EXPECT_FALSE(r.ns);
    pc.regime = REGIME_EL2; // nG is RES0 in single-EL regimes
    ASSERT_EQ(Run(0x5000), 0);
    EXPECT_FALSE(r.ng);

    Build(2, 12, 40, 1);
    ASSERT_EQ(
        pgt_map(&pt, 0x5000, 0x9000, 0x1000, PGT_AF | PGT_S2AP(3) | PGT_MEMATTR(0xd) | PGT_SH(3)),
        0);
    ASSERT_EQ(Run(0x5000), 0);
    EXPECT_EQ(r.attr, 0xdu);
    EXPECT_EQ(r.sh, 3u);
}

// ---------------------------------------------------------------------------------------------
// Secure tables: NSTable and NS [Arm ARM D8.4.1.1 / D8.5.2; IHI 0070 13.4.2, 3.17.1]
// ---------------------------------------------------------------------------------------------

// An NSTable in a Secure stage-1 walk moves the next levels to Non-secure PA space; the
// output is NS and not global, whatever deeper NSTable/NS bits say. The Secure and NS pools
// use the same addresses, so a fetch from the wrong space finds other tables.
TEST_F(Walk, Secure_NsTableSwitchesWalkToNonSecure)
{
    BuildSecure(1, SMMU_PAS_SECURE);
    pgt_add_pool(&pt, SMMU_PAS_NS, pt.prm.pool_base, pt.prm.pool_size);
    // A decoy Secure mapping at the same table addresses.
    ASSERT_EQ(pgt_map(&pt, 0x40000000, 0x77000, 0x1000, PGT_S1_RW), 0);
    pgt_set_new_table_attrs(&pt, PGT_T_NS);
    ASSERT_EQ(pgt_map(&pt, 0x80000000, 0x9000, 0x1000, PGT_S1_RW), 0);
    smmu_pa_space pas;
    DescAddr(0x80000000, 2, &pas);
    EXPECT_EQ(pas, SMMU_PAS_NS);
    ASSERT_EQ(Run(0x80000000), 0);
    EXPECT_EQ(r.oa, 0x9000u);
    EXPECT_TRUE(r.ns);
    EXPECT_TRUE(r.ng);
    ASSERT_EQ(Run(0x40000000), 0);
    EXPECT_EQ(r.oa, 0x77000u);
    EXPECT_FALSE(r.ns);
    EXPECT_FALSE(r.ng);
}

// In a Secure walk the leaf NS bit selects the output space without NSTable.
TEST_F(Walk, Secure_LeafNsBitSelectsNonSecureOutput)
{
    BuildSecure(1, SMMU_PAS_SECURE);
    ASSERT_EQ(pgt_map(&pt, 0x1000, 0x9000, 0x1000, PGT_S1_RW | PGT_NS), 0);
    ASSERT_EQ(Run(0x1000), 0);
    EXPECT_TRUE(r.ns);
    EXPECT_FALSE(r.ng);
}

// A Secure walk that starts Non-secure (CD.NSCFGx) reads NS tables: output NS, not global,
// NSTable and leaf NS bits ignored.
TEST_F(Walk, Secure_WalkStartingNonSecureIsNonGlobal)
{
    BuildSecure(1, SMMU_PAS_NS);
    ASSERT_EQ(pgt_map(&pt, 0x1000, 0x9000, 0x1000, PGT_S1_RW), 0);
    walk_cfg c = Cfg();
    ASSERT_EQ(c.walk_pas, SMMU_PAS_NS);
    ASSERT_EQ(Run(c, 0x1000), 0);
    EXPECT_TRUE(r.ns);
    EXPECT_TRUE(r.ng);
}

// Outside Secure regimes NSTable is RES0: the walk stays in its PA space, output not NS.
TEST_F(Walk, Secure_NsTableIgnoredInNonSecureRegime)
{
    Build(1, 12, 40);
    pgt_set_new_table_attrs(&pt, PGT_T_NS);
    ASSERT_EQ(pgt_map(&pt, 0x80000000, 0x9000, 0x1000, PGT_S1_RW | PGT_NS), 0);
    ASSERT_EQ(Run(0x80000000), 0);
    EXPECT_EQ(r.oa, 0x9000u);
    EXPECT_FALSE(r.ns);
    EXPECT_FALSE(r.ng);
}

// Realm stage 2: descriptor bit 55 (NS) selects a Non-secure output when the configuration
// says the NS bit is meaningful (cfg->secure_tables), and is ignored otherwise.
TEST_F(Walk, Stage2_RealmNsBit)
{
    BuildSecure(2, SMMU_PAS_REALM, 1);
    ASSERT_EQ(pgt_map(&pt, 0x1000, 0x9000, 0x1000, PGT_S2_RW | PGT_S2NS), 0);
    ASSERT_EQ(pgt_map(&pt, 0x2000, 0xa000, 0x1000, PGT_S2_RW), 0);
    walk_cfg c = Cfg();
    ASSERT_EQ(Run(c, 0x1000), 0);
    EXPECT_TRUE(r.ns);
    ASSERT_EQ(Run(c, 0x2000), 0);
    EXPECT_FALSE(r.ns);
    c.secure_tables = false;
    ASSERT_EQ(Run(c, 0x1000), 0);
    EXPECT_FALSE(r.ns);
}

// ---------------------------------------------------------------------------------------------
// Endianness, nesting
// ---------------------------------------------------------------------------------------------

// CD.ENDI / STE.S2ENDI: big-endian tables walk the same, and the AF update is big-endian.
TEST_F(Walk, BigEndian_TablesAndAccessFlagUpdate)
{
    pgt_params prm = pgt_default_params(1, 14, 47);
    prm.big_endian = true;
    Build(prm);
    ASSERT_EQ(pgt_map(&pt, 0x2000000, 0x6000000, 0x2000000, PGT_S1_RW & ~PGT_AF), 0);
    ASSERT_EQ(pgt_map(&pt, 0x400004000ull, 0xc000, 0x4000, PGT_S1_RW), 0);
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x400004010ull), 0);
    EXPECT_EQ(r.oa, 0xc010u);
    uint64_t a = LeafAddr(0x2000000), before = pgt_read(&pt, a, SMMU_PAS_NS);
    ASSERT_EQ(Run(c, 0x2345678), 0);
    EXPECT_EQ(r.oa, 0x6345678u);
    EXPECT_EQ(r.page_shift, 25u);
    EXPECT_EQ(pgt_read(&pt, a, SMMU_PAS_NS), before | PGT_AF);
    // Raw memory holds the value byte-swapped.
    EXPECT_EQ(fake_mem_rd64(m, a, SMMU_PAS_NS), __builtin_bswap64(before | PGT_AF));
    c.big_endian = false; // read as little-endian, the same bytes are garbage
    EXPECT_NE(Run(c, 0x400004010ull) == 0 && r.oa == 0xc010u, true);
}

// A stage-2 stub: identity + offset, recording what it was asked.
struct Stage2Stub {
    uint64_t offset = 0;
    bool fail = false;
    uint64_t fail_ipa = ~uint64_t(0);
    bool fail_writes = false;
    std::vector<std::pair<uint64_t, bool>> calls;
};

int StubXlate(void *arg, uint64_t ipa, smmu_pa_space, bool write, uint64_t *pa, smmu_pa_space *pas,
              smmu_mem_attrs *, walk_fault *f)
{
    Stage2Stub *st = static_cast<Stage2Stub *>(arg);
    st->calls.push_back({ipa, write});
    if ((st->fail && ipa == st->fail_ipa) || (write && st->fail_writes)) {
        f->type = write ? SMMU_EVT_F_PERMISSION : SMMU_EVT_F_TRANSLATION;
        f->stage = 2;
        f->cls = EVT_CLASS_TT;
        f->level = 2;
        f->ttrnw = !write;
        f->gpcf = false;
        f->ipa = ipa;
        f->fetch_addr = 0;
        return -1;
    }
    *pa = ipa + st->offset;
    *pas = SMMU_PAS_NS;
    return 0;
}

// IHI 0070 3.3.2 / 8.8: in a nested walk every stage-1 table address (the start table and
// each next level) is an IPA translated by stage 2; the HTTU write goes through stage 2 as
// a write; an abort reports the descriptor's PA.
TEST_F(Walk, Nested_TableAddressesGoThroughStage2)
{
    pgt_params prm = pgt_default_params(1, 12, 48);
    prm.mem_offset = 0x40000000;
    Build(prm);
    ASSERT_EQ(pgt_map(&pt, 0x7f0000001000ull, 0x3000, 0x1000, PGT_S1_RW & ~PGT_AF), 0);
    Stage2Stub st;
    st.offset = 0x40000000;
    ipa_fn = StubXlate;
    ipa_arg = &st;
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x7f0000001234ull), 0);
    EXPECT_EQ(r.oa, 0x3234u);
    ASSERT_EQ(st.calls.size(), 5u);
    for (int level = 0; level <= 3; level++) {
        EXPECT_EQ(st.calls[(size_t)level].first, DescAddr(0x7f0000001000ull, level));
        EXPECT_FALSE(st.calls[(size_t)level].second);
    }
    EXPECT_EQ(st.calls[4].first, DescAddr(0x7f0000001000ull, 3));
    EXPECT_TRUE(st.calls[4].second);
    uint64_t leaf = LeafAddr(0x7f0000001000ull);
    EXPECT_NE(pgt_read(&pt, leaf, SMMU_PAS_NS) & PGT_AF, 0u);
    // An abort on the level-2 descriptor reports its PA (IPA + offset).
    uint64_t d2 = DescAddr(0x7f0000001000ull, 2);
    ASSERT_EQ(fake_mem_add_abort(m, SMMU_PAS_NS, pgt_pa(&pt, d2), pgt_pa(&pt, d2) + 7, false), 0);
    ASSERT_EQ(Run(c, 0x7f0000001234ull), -1);
    ExpectFault(SMMU_EVT_F_WALK_EABT, 2, 1);
    EXPECT_EQ(f.fetch_addr, d2 + 0x40000000);
}

// A stage-2 fault on a stage-1 table access is returned exactly as ipa_xlate reported it.
TEST_F(Walk, Nested_Stage2FaultOnTableAccessPropagates)
{
    pgt_params prm = pgt_default_params(1, 12, 48);
    prm.mem_offset = 0x40000000;
    Build(prm);
    ASSERT_EQ(pgt_map(&pt, 0x1000, 0x3000, 0x1000, PGT_S1_RW & ~PGT_AF), 0);
    Stage2Stub st;
    st.offset = 0x40000000;
    st.fail = true;
    st.fail_ipa = DescAddr(0x1000, 1);
    ipa_fn = StubXlate;
    ipa_arg = &st;
    ASSERT_EQ(Run(0x1000), -1);
    ExpectFault(SMMU_EVT_F_TRANSLATION, 2, 2);
    EXPECT_EQ(f.cls, EVT_CLASS_TT);
    EXPECT_EQ(f.ipa, st.fail_ipa);
    EXPECT_TRUE(f.ttrnw);
    EXPECT_EQ(fetches, 1u);
    // A refused HTTU write: stage-2 permission fault with TTRnW = 0, nothing written.
    st.fail = false;
    st.fail_writes = true;
    walk_cfg c = Cfg();
    c.ha = true;
    ASSERT_EQ(Run(c, 0x1000), -1);
    ExpectFault(SMMU_EVT_F_PERMISSION, 2, 2);
    EXPECT_FALSE(f.ttrnw);
    EXPECT_EQ(f.ipa, LeafAddr(0x1000));
    EXPECT_EQ(pgt_read(&pt, LeafAddr(0x1000), SMMU_PAS_NS) & PGT_AF, 0u);
}

// ---------------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------------

// A configuration outside the architecture (should not come from the decoders) is a
// translation fault with a diagnostic, not a crash.
TEST_F(Walk, BadConfig_IsTranslationFaultWithDiagnostic)
{
    Build(1, 12, 48);
    walk_cfg c = Cfg();
    c.granule_shift = 13;
    ASSERT_EQ(Run(c, 0), -1);
    EXPECT_EQ(f.type, SMMU_EVT_F_TRANSLATION);
    EXPECT_TRUE(fake_mem_log_contains(m, "bad granule"));
    c = Cfg();
    c.start_level = -1; // needs DS
    ASSERT_EQ(Run(c, 0), -1);
    c = Cfg();
    c.ia_bits = 64;
    ASSERT_EQ(Run(c, 0), -1);
    c = Cfg();
    c.start_level = 3; // 48-bit input from level 3 would need 2^27 tables
    ASSERT_EQ(Run(c, 0), -1);
    c = Cfg();
    c.oa_bits = 200;
    ASSERT_EQ(Run(c, 0), -1);
    EXPECT_EQ(fetches, 0u);
}

// Random table contents never crash and always end in success or an architected fault
// within the level and fetch bounds.
TEST_F(Walk, Random_DescriptorsAlwaysTerminateWithResultOrFault)
{
    std::mt19937_64 rng(12345);
    const uint64_t region = 0x100000, region_size = 0x100000;
    std::vector<uint8_t> bytes(0x10000);
    for (int round = 0; round < 100; round++) {
        fake_mem_clear(m);
        // Random memory: descriptors either fully random or pointing into the region.
        for (uint64_t pa = region; pa < region + region_size; pa += 0x10000) {
            for (size_t i = 0; i < bytes.size(); i += 8) {
                uint64_t v = rng();
                if (rng() % 4 != 0)
                    v = (v & ~(uint64_t(0xffffffffff) << 12)) | region |
                        ((rng() % (region_size >> 12)) << 12);
                std::memcpy(&bytes[i], &v, 8);
            }
            fake_mem_write(m, pa, SMMU_PAS_NS, bytes.data(), bytes.size());
        }
        unsigned g = 12 + 2 * (unsigned)(rng() % 3);
        walk_cfg c{};
        c.stage = (uint8_t)(1 + rng() % 2);
        c.granule_shift = (uint8_t)g;
        c.ds = g != 16 && rng() % 3 == 0;
        c.ia_bits = (uint8_t)(g + 4 + rng() % (48 - g - 3 + (c.ds ? 4 : 0)));
        int first = 3 - (int)((c.ia_bits - 1 - g) / (g - 3));
        c.start_level = (int8_t)(first + (c.stage == 2 ? (int)(rng() % 2) : 0));
        c.oa_bits = (uint8_t)(32 + rng() % 21);
        c.ttb = region + (rng() % 16) * 0x10000;
        c.ia_bits = (uint8_t)std::min<unsigned>(c.ia_bits, 52);
        c.big_endian = rng() % 2;
        c.ha = rng() % 2;
        c.hd = rng() % 2;
        c.affd = rng() % 2;
        c.had = rng() % 2;
        c.secure_tables = rng() % 2;
        c.walk_pas = SMMU_PAS_NS;
        c.fetch_attrs = {0xff, 3};
        for (int i = 0; i < 300; i++) {
            uint64_t ia = rng();
            walk_access acc = kKinds[rng() % 6].acc;
            pc.regime = (uint8_t)(rng() % 4);
            pc.pan = rng() % 2;
            pc.wxn = rng() % 2;
            int rc = Run(c, ia, acc, rng() % 2);
            ASSERT_TRUE(rc == 0 || rc == -1);
            ASSERT_LE(fetches, 10u);
            if (rc == 0) {
                ASSERT_GE(r.level, c.start_level);
                ASSERT_LE(r.level, 3);
                ASSERT_EQ(r.oa >> c.oa_bits, 0u);
            } else {
                ASSERT_TRUE(f.type == SMMU_EVT_F_TRANSLATION || f.type == SMMU_EVT_F_ADDR_SIZE ||
                            f.type == SMMU_EVT_F_ACCESS || f.type == SMMU_EVT_F_PERMISSION ||
                            f.type == SMMU_EVT_F_WALK_EABT);
                if (f.type != SMMU_EVT_F_TRANSLATION || f.level != c.start_level) {
                    ASSERT_GE(f.level, c.start_level);
                    ASSERT_LE(f.level, 3);
                }
            }
        }
    }
}

} // namespace
