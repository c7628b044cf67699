// The bring-up checker (smmu_config.check; docs/bring-up.md "The checker"): each rule fires on
// a planted driver bug with its exact message, and stays silent on the correct sequence
// [IHI 0070 3.21.1, 3.21.3, 3.21.3.1, 4.3, 4.4, 4.7.3, 6.3.9, 6.3.26-6.3.29].
#include "xlate_fixture.h"

#include <cstdarg>
#include <cstdio>

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;
constexpr uint32_t kSid = 4;
constexpr uint64_t kSte = kStrtab + kSid * 64; // linear table: 0x100100

std::string fmt(const char *f, ...)
{
    char b[1024];
    va_list ap;
    va_start(ap, f);
    vsnprintf(b, sizeof(b), f, ap);
    va_end(ap);
    return b;
}

struct Finding {
    smmu_check_rule rule;
    std::string structure, message;
    uint64_t addr;
};

class Check : public S1Test {
public:
    std::vector<Finding> found;

    static Check *current; // the test running (env.ctx is the fake memory)
    static void on_finding(void *, const smmu_finding *f)
    {
        current->found.push_back({f->rule, f->structure, f->message, f->addr});
    }

    // An SMMU with the checker, the test CPU's writes observed, findings collected.
    void start(unsigned bbml = 0)
    {
        cfg.check = true;
        cfg.bbml = bbml;
        if (bbml == 0)
            cfg.arch_minor = 1; // BBML 0 is an SMMUv3.1 (or earlier) level [6.3.4]
        create_and_enable();
        attach();
    }
    // The test CPU's writes observed, findings collected (start() does it).
    void attach()
    {
        m->observe = s;
        current = this;
        smmu_bringup_callbacks cb{};
        cb.struct_size = sizeof(cb);
        cb.finding = on_finding;
        ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
    }
    // Stage-1 stream kSid: STE -> one CD (ASID 1) -> 4K tables, kVa mapped to kPa.
    void s1_stream()
    {
        S1Test::s1_stream(kSid);
        ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    }
    void started_stream(unsigned bbml = 0)
    {
        start(bbml);
        s1_stream();
        ASSERT_EQ(kPa, xlate(kSid, kVa).pa); // fetched and cached
        ASSERT_EQ(kPa, xlate(kSid, kVa).pa);
    }
    uint64_t leaf_addr(uint64_t va = kVa, int level = 3)
    {
        uint64_t a = 0;
        smmu_pa_space pas;
        EXPECT_EQ(0, pgt_desc_addr(&pt, va, level, &a, &pas));
        return a;
    }
    void ste_word(unsigned w, uint64_t v) { fake_mem_wr64(m, kSte + 8 * w, SMMU_PAS_NS, v); }
    void cfgi_ste()
    {
        uint64_t c[2];
        cmd_cfgi_ste(c, kSid, true, false);
        command(BANK_NS, c);
    }
    void cfgi_cd()
    {
        uint64_t c[2];
        cmd_cfgi_cd(c, kSid, 0, true, false);
        command(BANK_NS, c);
    }
    void tlbi_va(uint64_t va, bool sync = true)
    {
        uint64_t c[2];
        cmd_tlbi_nh_va(c, 0, 1, va, true);
        ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
        if (sync) {
            ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
        }
    }
    smmu_bringup_stats bstats()
    {
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        EXPECT_EQ(SMMU_OK, smmu_get_bringup_stats(s, &b));
        return b;
    }
    // Exactly one finding, of this rule, with this message.
    void expect_one(smmu_check_rule rule, const std::string &msg)
    {
        expected_findings = 1; // for the suite's checker mode (xlate_fixture.h)
        ASSERT_EQ(1u, found.size());
        EXPECT_EQ(rule, found[0].rule);
        EXPECT_EQ(msg, found[0].message);
        EXPECT_EQ(1u, bstats().findings[rule]);
    }
    void expect_none()
    {
        for (const auto &f : found)
            ADD_FAILURE() << smmu_check_rule_name(f.rule) << ": " << f.message;
        smmu_bringup_stats b = bstats();
        for (unsigned r = 0; r < SMMU_CHECK_RULES; r++)
            EXPECT_EQ(0u, b.findings[r]) << smmu_check_rule_name((smmu_check_rule)r);
    }
};

Check *Check::current = nullptr;

TEST_F(Check, RuleNamesAreStable)
{
    EXPECT_STREQ("stale-use", smmu_check_rule_name(SMMU_CHECK_STALE_USE));
    EXPECT_STREQ("unsafe-live-update", smmu_check_rule_name(SMMU_CHECK_UNSAFE_LIVE_UPDATE));
    EXPECT_STREQ("break-before-make", smmu_check_rule_name(SMMU_CHECK_BREAK_BEFORE_MAKE));
    EXPECT_STREQ("unsynced-invalidation", smmu_check_rule_name(SMMU_CHECK_UNSYNCED_INVAL));
    EXPECT_STREQ("queue-misuse", smmu_check_rule_name(SMMU_CHECK_QUEUE_MISUSE));
    EXPECT_STREQ("unknown", smmu_check_rule_name(SMMU_CHECK_RULES));
}

TEST_F(Check, ObserveWriteChecksItsArgumentsAndIsANoOpWithoutTheChecker)
{
    create();
    uint64_t v = 1;
    EXPECT_EQ(SMMU_E_INVAL, smmu_observe_write(nullptr, 0, SMMU_PAS_NS, &v, 8));
    EXPECT_EQ(SMMU_E_INVAL, smmu_observe_write(s, 0, SMMU_PAS_NS, nullptr, 8));
    EXPECT_EQ(SMMU_OK, smmu_observe_write(s, 0x1000, SMMU_PAS_NS, &v, 8));
}

// ---- a. stale use [3.21.3 C-1; 3.21.1 T-8] ----

TEST_F(Check, StaleUseOfACachedSteWithoutCfgiIsReported)
{
    started_stream();
    uint64_t by[8];
    ste_make_bypass(by); // word 0: Config 101 -> 100, one 64-bit write
    ste_word(0, by[0]);
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa); // still the cached stage-1 STE
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("STE 0x100100 (StreamID 0x4) word 0 changed 0x%016llx -> 0x%016llx while "
                   "valid and cached; no CMD_CFGI_STE for StreamID 0x4 followed by CMD_SYNC "
                   "since: translation served from the stale copy",
                   (unsigned long long)ste[0], (unsigned long long)by[0]));
    EXPECT_EQ("STE", found[0].structure);
    EXPECT_EQ(kSte, found[0].addr);
}

TEST_F(Check, SteChangeFollowedByCfgiAndSyncIsClean)
{
    started_stream();
    uint64_t by[8];
    ste_make_bypass(by);
    ste_word(0, by[0]); // one 64-bit field change of a valid STE [3.21.3 C-2]
    cfgi_ste();
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome);
    expect_none();
}

TEST_F(Check, StaleUseOfACachedCdWithoutCfgiIsReported)
{
    started_stream();
    uint64_t old0 = cdw[0];
    smmu_cd_set_ASID(cdw, 7);
    fake_mem_wr64(m, kCd, SMMU_PAS_NS, cdw[0]);
    xlate(kSid, kVa);
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("CD 0x200000 (StreamID 0x4, SubstreamID 0x0) word 0 changed 0x%016llx -> "
                   "0x%016llx while valid and cached; no CMD_CFGI_CD for StreamID 0x4, "
                   "SubstreamID 0x0 followed by CMD_SYNC since: translation served from the "
                   "stale copy",
                   (unsigned long long)old0, (unsigned long long)cdw[0]));
}

TEST_F(Check, StaleUseOfATlbEntryWithoutTlbiIsReported)
{
    started_stream();
    uint64_t a = leaf_addr();
    uint64_t old = pgt_read(&pt, a, SMMU_PAS_NS);
    pgt_write(&pt, a, SMMU_PAS_NS, 0); // unmapped, no TLBI
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa); // the TLB still has it
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("stage 1 level 3 descriptor 0x%llx (VA 0x12345000, StreamID 0x4) changed "
                   "0x%016llx -> 0x0000000000000000 while valid and cached; no CMD_TLBI "
                   "covering VA 0x12345000 followed by CMD_SYNC since: translation served "
                   "from the stale TLB entry",
                   (unsigned long long)a, (unsigned long long)old));
}

// A 2-level stream table: the L1STD that reached a cached STE changed (a new level-2 array)
// with no CMD_CFGI_STE (Leaf=0) for the StreamID [4.3.1, 5.1.1].
TEST_F(Check, StaleUseOfACachedL1stdIsReported)
{
    cfg.check = true;
    create();
    m->observe = s;
    current = this;
    smmu_bringup_callbacks cb{};
    cb.struct_size = sizeof(cb);
    cb.finding = on_finding;
    ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
    smmu_driver *d = &drv[BANK_NS];
    drv_init(d, s, m, SMMU_SEC_NS);
    drv_setup_cmdq(d, kCmdq, kQs);
    drv_setup_evtq(d, kEvtq, kQs);
    ASSERT_EQ(0, drv_enable_queues(d));
    st_init_2level(&st[BANK_NS], m, SMMU_PAS_NS, kStrtab, 8, 6, kStrtab + 0x10000);
    drv_set_strtab(d, st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(d));
    uint64_t by[8];
    ste_make_bypass(by);
    st_write_ste(&st[BANK_NS], kSid, by);
    ASSERT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome); // L1STD and STE fetched, cached
    uint64_t l1 = st_l1std_addr(&st[BANK_NS], kSid);
    uint64_t old = fake_mem_rd64(m, l1, SMMU_PAS_NS);
    // a new level-2 array whose STE aborts (Config 0b000), published in one 64-bit write
    const uint64_t l2 = kStrtab + 0x20000;
    uint64_t ab[8];
    ste_make_abort(ab);
    for (unsigned w = 0; w < 8; w++)
        fake_mem_wr64(m, l2 + kSid * 64 + 8 * w, SMMU_PAS_NS, ab[w]);
    uint64_t nw = (old & ~SMMU_GENMASK(51, 6)) | l2;
    fake_mem_wr64(m, l1, SMMU_PAS_NS, nw);
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome); // the cached STE
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("L1STD 0x%llx (StreamID 0x4) changed 0x%016llx -> 0x%016llx while cached; "
                   "no CMD_CFGI_STE (Leaf=0) for StreamID 0x4 followed by CMD_SYNC since: "
                   "translation served from the stale copy",
                   (unsigned long long)l1, (unsigned long long)old, (unsigned long long)nw));
    EXPECT_EQ("L1STD", found[0].structure);
}

TEST_F(Check, UnmapWithTlbiAndSyncIsClean)
{
    started_stream();
    pgt_write(&pt, leaf_addr(), SMMU_PAS_NS, 0);
    tlbi_va(kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, xlate(kSid, kVa).outcome);
    expect_none();
}

// ---- b. unsafe live updates [3.21.3 C-2..C-4, 3.21.3.1] ----

// Bypass -> stage 1, the unsafe order: word 0 (Config, S1ContextPtr) before word 1 (S1CIR,
// S1COR, S1CSH) with a single CFGI + SYNC: the SMMU may read the new word 0 with the old
// word 1, a stage-1 STE with Non-cacheable CD fetches, which is neither configuration.
TEST_F(Check, SteWordsChangedInAnUnsafeOrderAreReported)
{
    start();
    s1_stream();
    uint64_t by[8];
    ste_make_bypass(by);
    st_write_ste(&st[BANK_NS], kSid, by);
    ASSERT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome); // fetched while valid
    st_write_ste(&st[BANK_NS], kSid, ste); // words 0..7 in order
    cfgi_ste();
    expect_one(SMMU_CHECK_UNSAFE_LIVE_UPDATE,
               "STE 0x100100 (StreamID 0x4) words 0 and 1 changed while valid with no "
               "CMD_CFGI_STE + CMD_SYNC in between: the SMMU could read word 0 new with word 1 "
               "old, a mix of the old and the new STE configurations; make it invalid "
               "first (V=0, CMD_CFGI_STE, CMD_SYNC) or change one 64-bit word at a time, each "
               "followed by CMD_CFGI_STE and CMD_SYNC");
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa);
}

// The same change the way Linux's hitless writer makes it: first the word the bypass STE does
// not use (word 1), CFGI + SYNC, then the word that switches the configuration.
TEST_F(Check, LinuxStyleHitlessSteUpdateIsClean)
{
    start();
    s1_stream();
    uint64_t by[8];
    ste_make_bypass(by);
    st_write_ste(&st[BANK_NS], kSid, by);
    ASSERT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome);
    ste_word(1, ste[1]);
    cfgi_ste();
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(kSid, kVa).outcome);
    ste_word(0, ste[0]);
    cfgi_ste();
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa);
    expect_none();
}

// A word change that leaves an ILLEGAL intermediate STE: stage 1 -> stage 1 + 2 with the
// Config word first: the new word 0 with the old (zero) stage-2 words is ILLEGAL.
TEST_F(Check, SteUpdateThroughAnIllegalImageIsReported)
{
    started_stream();
    pgt s2{};
    s2_tables(&s2, m);
    uint64_t nested[8];
    memcpy(nested, ste, sizeof(nested));
    ste_s2_params sp = s2_params_of(s2, 48, 3);
    ste_set_s2(nested, &sp);
    unsigned changed = 0;
    for (unsigned w = 0; w < 8; w++)
        if (nested[w] != ste[w]) {
            ste_word(w, nested[w]);
            changed |= 1u << w;
        }
    ASSERT_EQ(0x0Du, changed); // words 0 (Config), 2 (S2VMID, S2T0SZ...) and 3 (S2TTB)
    cfgi_ste();
    expect_one(SMMU_CHECK_UNSAFE_LIVE_UPDATE,
               "STE 0x100100 (StreamID 0x4) words 0, 2 and 3 changed while valid with no "
               "CMD_CFGI_STE + CMD_SYNC in between: the SMMU could read word 0 new with words "
               "2 and 3 old, an ILLEGAL STE; make it invalid first (V=0, CMD_CFGI_STE, "
               "CMD_SYNC) or change one 64-bit word at a time, each followed by CMD_CFGI_STE "
               "and CMD_SYNC");
}

// The make-valid sequence [3.21.3.1 C-5] and the break (V=0) of C-3 are clean.
TEST_F(Check, MakeInvalidModifyMakeValidIsClean)
{
    started_stream();
    pgt s2{};
    s2_tables(&s2, m);
    uint64_t nested[8];
    memcpy(nested, ste, sizeof(nested));
    ste_s2_params sp = s2_params_of(s2, 48, 3);
    ste_set_s2(nested, &sp);
    ste_word(0, ste[0] & ~UINT64_C(1)); // V = 0
    cfgi_ste();
    for (unsigned w = 1; w < 8; w++)
        ste_word(w, nested[w]);
    ste_word(0, nested[0] & ~UINT64_C(1));
    cfgi_ste();
    ste_word(0, nested[0]); // V = 1
    cfgi_ste();
    xlate(kSid, kVa);
    expect_none();
}

TEST_F(Check, CdTtbAndAsidChangedTogetherWhileValidAreReported)
{
    started_stream();
    pgt pt2{};
    s1_tables(&pt2, m, 12, 48, SMMU_PAS_NS, kS1Pool + 0x400000);
    smmu_cd_set_ASID(cdw, 9);           // word 0
    smmu_cd_set_TTB0(cdw, pt2.root >> 4); // word 1
    cd_write(&cdb, 0, cdw);
    cfgi_cd();
    expect_one(SMMU_CHECK_UNSAFE_LIVE_UPDATE,
               "CD 0x200000 (StreamID 0x4, SubstreamID 0x0) words 0 and 1 changed while valid with "
               "no CMD_CFGI_CD + CMD_SYNC in between: the SMMU could read word 0 new with word "
               "1 old, a mix of the old and the new CD configurations; make it invalid "
               "first (V=0, CMD_CFGI_CD, CMD_SYNC) or change one 64-bit word at a time, each "
               "followed by CMD_CFGI_CD and CMD_SYNC");
}

TEST_F(Check, CdAsidChangeAloneIsClean)
{
    started_stream();
    smmu_cd_set_ASID(cdw, 9); // one field in one 64-bit word [3.21.3 C-2]
    cd_write(&cdb, 0, cdw);
    cfgi_cd();
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa);
    expect_none();
}

// ---- c. break-before-make [3.21.1.1-3.21.1.3] ----

TEST_F(Check, OutputAddressChangeWithoutBreakBeforeMakeIsReported)
{
    started_stream();
    uint64_t a = leaf_addr();
    uint64_t old = pgt_read(&pt, a, SMMU_PAS_NS);
    uint64_t nw = old + 0x10000; // OA kPa -> kPa + 64K
    pgt_write(&pt, a, SMMU_PAS_NS, nw);
    tlbi_va(kVa);
    EXPECT_EQ(kPa + 0x10000, xlate(kSid, kVa).pa);
    expect_one(SMMU_CHECK_BREAK_BEFORE_MAKE,
               fmt("stage 1 level 3 descriptor 0x%llx (VA 0x12345000, StreamID 0x4) changed "
                   "0x%016llx -> 0x%016llx (output address) while valid: no break-before-make "
                   "(write it invalid, CMD_TLBI covering VA 0x12345000, CMD_SYNC, then the new "
                   "value; SMMU_IDR3.BBML 0)",
                   (unsigned long long)a, (unsigned long long)old, (unsigned long long)nw));
}

TEST_F(Check, BreakWithoutTlbiBeforeMakeIsReported)
{
    started_stream();
    uint64_t a = leaf_addr();
    uint64_t old = pgt_read(&pt, a, SMMU_PAS_NS);
    uint64_t nw = (old & ~SMMU_GENMASK(4, 2)) | PGT_ATTRINDX(1); // Device memory type
    pgt_write(&pt, a, SMMU_PAS_NS, 0);
    pgt_write(&pt, a, SMMU_PAS_NS, nw);
    tlbi_va(kVa);
    expect_one(SMMU_CHECK_BREAK_BEFORE_MAKE,
               fmt("stage 1 level 3 descriptor 0x%llx (VA 0x12345000, StreamID 0x4) changed "
                   "0x%016llx -> invalid -> 0x%016llx (attributes) with no CMD_TLBI covering "
                   "VA 0x12345000 and CMD_SYNC between: break-before-make incomplete "
                   "(SMMU_IDR3.BBML 0)",
                   (unsigned long long)a, (unsigned long long)old, (unsigned long long)nw));
}

TEST_F(Check, BreakBeforeMakeDoneRightIsClean)
{
    started_stream();
    uint64_t a = leaf_addr();
    uint64_t old = pgt_read(&pt, a, SMMU_PAS_NS);
    pgt_write(&pt, a, SMMU_PAS_NS, 0);
    tlbi_va(kVa);
    pgt_write(&pt, a, SMMU_PAS_NS, old + 0x10000);
    EXPECT_EQ(kPa + 0x10000, xlate(kSid, kVa).pa);
    expect_none();
}

TEST_F(Check, PermissionChangeNeedsNoBreakBeforeMake)
{
    started_stream();
    uint64_t a = leaf_addr();
    pgt_write(&pt, a, SMMU_PAS_NS, pgt_read(&pt, a, SMMU_PAS_NS) | PGT_AP(3)); // read-only
    tlbi_va(kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, xlate(kSid, kVa, true).outcome);
    expect_none();
}

// Splitting a 2 MB block into a table of pages: BBM at level 0 [3.21.1.1]; none needed at
// level 2 [3.21.1.3]; at level 1 only with nT set on the block first [3.21.1.2].
struct SplitCase {
    unsigned bbml;
    bool nt;
    bool reported;
    const char *name;
};

class CheckSplit : public Check, public ::testing::WithParamInterface<SplitCase> {};

TEST_P(CheckSplit, BlockToTableSplit)
{
    const SplitCase &p = GetParam();
    start(p.bbml);
    s1_stream();
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x80000000, 0x200000, PGT_S1_RW)); // 2 MB block
    ASSERT_EQ(0x80001000u, xlate(kSid, 0x40001000).pa);
    uint64_t a = leaf_addr(0x40000000, 2);
    uint64_t block = pgt_read(&pt, a, SMMU_PAS_NS);
    ASSERT_EQ(1u, block & 3);
    if (p.nt) {
        pgt_write(&pt, a, SMMU_PAS_NS, block | SMMU_BIT(16));
        tlbi_va(0x40000000);
    }
    // a level-3 table of the same 512 pages
    const uint64_t table = 0x3F00000;
    for (unsigned i = 0; i < 512; i++)
        fake_mem_wr64(m, table + 8 * i, SMMU_PAS_NS,
                      (0x80000000ull + 0x1000ull * i) | PGT_S1_RW | 3);
    pgt_write(&pt, a, SMMU_PAS_NS, table | 3);
    tlbi_va(0x40000000);
    EXPECT_EQ(0x80001000u, xlate(kSid, 0x40001000).pa);
    if (!p.reported) {
        expect_none();
        return;
    }
    expected_findings = 1;
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(SMMU_CHECK_BREAK_BEFORE_MAKE, found[0].rule);
    EXPECT_NE(std::string::npos, found[0].message.find("(block/table size) while valid"));
    EXPECT_NE(std::string::npos,
              found[0].message.find(fmt("SMMU_IDR3.BBML %u)", p.bbml)));
}

INSTANTIATE_TEST_SUITE_P(
    Bbml, CheckSplit,
    ::testing::Values(SplitCase{0, false, true, "Level0NeedsBbm"},
                      SplitCase{0, true, true, "Level0IgnoresNT"},
                      SplitCase{1, false, true, "Level1WithoutNT"},
                      SplitCase{1, true, false, "Level1WithNT"},
                      SplitCase{2, false, false, "Level2NeedsNothing"}),
    CaseName());

// ---- d. unsynced invalidation relied on [4.7.3, 3.21.1] ----

TEST_F(Check, DmaAfterTlbiWithoutSyncIsReported)
{
    started_stream();
    tlbi_va(kVa, false); // consumed, no CMD_SYNC
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa);
    expect_one(SMMU_CHECK_UNSYNCED_INVAL,
               "StreamID 0x4 address 0x12345000 translated after CMD_TLBI_NH_VA 0x12345000 was "
               "consumed on the Non-secure command queue but before a CMD_SYNC completed it: "
               "the invalidation is not guaranteed (no CMD_SYNC after the invalidation)");
}

TEST_F(Check, DmaAfterCfgiWithoutSyncIsReported)
{
    started_stream();
    uint64_t c[2];
    cmd_cfgi_ste(c, kSid, true, false);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    xlate(kSid, kVa);
    expect_one(SMMU_CHECK_UNSYNCED_INVAL,
               "StreamID 0x4 address 0x12345000 translated after CMD_CFGI_STE for StreamID 0x4 was "
               "consumed on the Non-secure command queue but before a CMD_SYNC completed it: "
               "the invalidation is not guaranteed (no CMD_SYNC after the invalidation)");
}

TEST_F(Check, DmaElsewhereOrAfterTheSyncIsClean)
{
    started_stream();
    ASSERT_EQ(0, pgt_map(&pt, kVa + 0x100000, kPa + 0x100000, 0x1000, PGT_S1_RW));
    tlbi_va(kVa, false);
    EXPECT_EQ(kPa + 0x100000, xlate(kSid, kVa + 0x100000).pa); // not covered
    ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
    EXPECT_EQ(kPa, xlate(kSid, kVa).pa);
    expect_none();
}

// ---- e. queue misuse [3.5, 3.21.2, 6.3.9, 6.3.26-6.3.29] ----

TEST_F(Check, Cr0WrittenAgainBeforeCr0AckIsReported)
{
    start();
    drv_write32(&drv[BANK_NS], DRV_CR0, DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN);
    drv_write32(&drv[BANK_NS], DRV_CR0, DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN | DRV_CR0_SMMUEN);
    expect_one(SMMU_CHECK_QUEUE_MISUSE,
               "CR0 written 0xd before CR0ACK was seen to show the previous write 0xc: "
               "software must wait for CR0ACK after each CR0 update");
    EXPECT_EQ("CR0", found[0].structure);
    EXPECT_EQ(0x20u, found[0].addr);
}

TEST_F(Check, Cr0UpdatesPolledOnCr0AckAreClean)
{
    start(); // the test driver polls CR0ACK after every CR0 write
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN));
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN |
                                                  DRV_CR0_SMMUEN));
    expect_none();
}

TEST_F(Check, CmdqConsWrittenWhileEnabledIsReported)
{
    start();
    drv_write32(&drv[BANK_NS], DRV_CMDQ_CONS, 5);
    expect_one(SMMU_CHECK_QUEUE_MISUSE,
               "CMDQ_CONS written 0x0 -> 0x5 while CR0.CMDQEN is set: CONS of the command queue "
               "belongs to the SMMU while the queue is enabled (the write is ignored)");
}

TEST_F(Check, QueueBaseChangedWhileEnabledIsReported)
{
    start();
    uint64_t old = drv_read64(&drv[BANK_NS], DRV_CMDQ_BASE);
    drv_write64(&drv[BANK_NS], DRV_CMDQ_BASE, old + 0x10000);
    expect_one(SMMU_CHECK_QUEUE_MISUSE,
               fmt("CMDQ_BASE written 0x%llx -> 0x%llx while CR0.CMDQEN is set: a queue base "
                   "may change only while the queue is disabled (the write is ignored)",
                   (unsigned long long)old, (unsigned long long)(old + 0x10000)));
}

TEST_F(Check, CmdqProdPastConsIsReported)
{
    start();
    // 2^6 entries: PROD = CONS + 65 overwrote a command not consumed yet
    uint32_t cons = drv_read32(&drv[BANK_NS], DRV_CMDQ_CONS);
    uint32_t prod = (cons + 65) & 0x7F;
    drv_write32(&drv[BANK_NS], DRV_CMDQ_PROD, prod);
    expected_findings = found.size(); // then the overwritten (zero) command is CERROR_ILL
    ASSERT_LE(1u, found.size());
    EXPECT_EQ(SMMU_CHECK_QUEUE_MISUSE, found[0].rule);
    EXPECT_EQ(fmt("CMDQ_PROD written 0x%x with CMDQ_CONS 0x%x: PROD moved past CONS (65 "
                  "entries in a queue of 64): commands overwritten before they were consumed",
                  prod, cons),
              found[0].message);
}

TEST_F(Check, CorrectQueueUseIsClean)
{
    start();
    s1_stream();
    for (unsigned i = 0; i < 200; i++) { // wraps the 64-entry queue three times
        uint64_t c[2];
        cmd_cfgi_ste(c, kSid, true, false);
        ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    }
    ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
    expect_none();
}

// Without a finding callback, findings go to env.log at SMMU_LOG_ERROR.
TEST_F(Check, FindingsGoToTheLogWithoutACallback)
{
    cfg.check = true;
    create_and_enable();
    drv_write32(&drv[BANK_NS], DRV_CMDQ_CONS, 5);
    expected_findings = 1;
    EXPECT_TRUE(logged("error: check: queue-misuse: CMDQ_CONS written 0x0 -> 0x5 while "
                       "CR0.CMDQEN is set"));
}

// One finding per site: the same stale STE used again is not reported twice.
TEST_F(Check, AFindingIsReportedOncePerSite)
{
    started_stream();
    uint64_t by[8];
    ste_make_bypass(by);
    ste_word(0, by[0]);
    xlate(kSid, kVa);
    xlate(kSid, kVa);
    expected_findings = 1;
    EXPECT_EQ(1u, found.size());
    EXPECT_EQ(1u, bstats().findings[SMMU_CHECK_STALE_USE]);
}

} // namespace

// ---- Strict invalidation (docs/bring-up.md): a command that fell short is named ----

// "only required to invalidate TLB entries ... matching TTL" [4.4.1]: with strict
// invalidation a TLBI of one 4 KB page with TTL = 3 keeps the cached 2 MB block (level 2), and
// the stale-use finding names that TLBI.
TEST_F(Check, StrictTtlThatMissesTheBlockIsNamed)
{
    cfg.strict_invalidation = true;
    start();
    s1_stream();
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x80000000, 0x200000, PGT_S1_RW)); // level-2 block
    ASSERT_EQ(0x80001000u, xlate(kSid, 0x40001000).pa);
    uint64_t a = leaf_addr(0x40000000, 2);
    uint64_t block = pgt_read(&pt, a, SMMU_PAS_NS);
    ASSERT_EQ(0, pgt_unmap(&pt, 0x40000000, 0x200000));
    uint64_t c[2];
    cmd_tlbi_nh_va(c, 0, 1, 0x40001000, true);
    cmd_tlbi_range(c, 1, 0, 0, 3); // TG 4 KB, one page, TTL level 3
    command(BANK_NS, c);
    smmu_result r = xlate(kSid, 0x40001000);
    ASSERT_TRUE(r.tlb_hit); // the strict model kept the block
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("stage 1 level 2 descriptor 0x%llx (VA 0x40000000, StreamID 0x4) changed "
                   "0x%016llx -> 0x0000000000000000 while valid and cached; no CMD_TLBI "
                   "covering VA 0x40000000 (CMD_TLBI_NH_VA 0x40001000 with TTL=3 since keeps "
                   "level-2 entries [4.4.1]) followed by CMD_SYNC since: translation served "
                   "from the stale TLB entry",
                   (unsigned long long)a, (unsigned long long)block));
}

// The same TLBI with TTL = 2, the block's level, removes it: nothing to report.
TEST_F(Check, StrictTtlOfTheBlockLevelIsClean)
{
    cfg.strict_invalidation = true;
    start();
    s1_stream();
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x80000000, 0x200000, PGT_S1_RW));
    ASSERT_EQ(0x80001000u, xlate(kSid, 0x40001000).pa);
    ASSERT_EQ(0, pgt_unmap(&pt, 0x40000000, 0x200000));
    uint64_t c[2];
    cmd_tlbi_nh_va(c, 0, 1, 0x40001000, true);
    cmd_tlbi_range(c, 1, 0, 0, 2);
    command(BANK_NS, c);
    EXPECT_EQ(unsigned(SMMU_EVT_F_TRANSLATION), xlate(kSid, 0x40001000).event);
    expect_none();
}

// "When Leaf == 1 ... the intermediate L1ST descriptors are not required to be invalidated"
// [4.3.1]: an L1STD made valid after the SMMU cached it invalid, followed only by a leaf
// CMD_CFGI_STE, is stale use of the cached L1STD, and the finding names that CMD_CFGI_STE.
TEST_F(Check, StrictLeafCfgiSteKeepingAStaleL1stdIsNamed)
{
    cfg.strict_invalidation = true;
    cfg.check = true;
    cfg.arch_minor = 1; // BBML 0 (start())
    create();
    enable(BANK_NS, false);
    attach();
    st_init_2level(&st[BANK_NS], m, SMMU_PAS_NS, kStrtab + 0x10000, 16, 8, 0x180000);
    drv_set_strtab(&drv[BANK_NS], st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    const uint32_t sid = 0x1234;
    EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_STREAMID), xlate(sid, kVa).event); // L1STD Span 0 cached
    const uint64_t l1 = kStrtab + 0x10000 + (sid >> 8) * 8;
    uint64_t old = fake_mem_rd64(m, l1, SMMU_PAS_NS);
    S1Test::s1_stream(sid); // a new L2 array: the L1STD becomes valid
    uint64_t now = fake_mem_rd64(m, l1, SMMU_PAS_NS);
    ASSERT_NE(old, now);
    uint64_t c[2];
    cmd_cfgi_ste(c, sid, true, false);
    command(BANK_NS, c);
    EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_STREAMID), xlate(sid, kVa).event);
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("L1STD 0x%llx (StreamID 0x1234) changed 0x%016llx -> 0x%016llx while "
                   "cached; no CMD_CFGI_STE (Leaf=0), CMD_CFGI_STE_RANGE or CMD_CFGI_ALL for it "
                   "followed by CMD_SYNC since; CMD_CFGI_STE (Leaf=1) since may keep it [4.3.1, "
                   "4.3.3]: STE located through the stale copy",
                   (unsigned long long)l1, (unsigned long long)old, (unsigned long long)now));
}

// "When Leaf == 1, only cached entries for the last level of translation table walk are
// required to be invalidated" [4.4.1]: with strict invalidation and walk caches, unlinking a
// level-3 table followed by a leaf TLBI leaves the level-2 table descriptor in the walk cache,
// and the finding names that TLBI.
TEST_F(Check, StrictLeafTlbiKeepingAWalkCacheEntryIsNamed)
{
    cfg.strict_invalidation = true;
    cfg.wc_s1_l2_entries = 16;
    start();
    s1_stream();
    ASSERT_EQ(kPa, xlate(kSid, kVa).pa);
    uint64_t a = leaf_addr(kVa, 2);
    uint64_t table = pgt_read(&pt, a, SMMU_PAS_NS);
    ASSERT_EQ(3u, table & 3);
    pgt_write(&pt, a, SMMU_PAS_NS, 0); // the level-3 table unlinked
    tlbi_va(kVa);                      // Leaf = 1, then CMD_SYNC
    smmu_result r = xlate(kSid, kVa);
    ASSERT_EQ(kPa, r.pa); // the strict model kept the level-2 table descriptor
    ASSERT_EQ(1u, r.wc_hits);
    expect_one(SMMU_CHECK_STALE_USE,
               fmt("stage 1 level 2 descriptor 0x%llx (VA 0x12200000, StreamID 0x4) changed "
                   "0x%016llx -> 0x0000000000000000 while valid and cached; no CMD_TLBI "
                   "covering VA 0x12200000 (CMD_TLBI_NH_VA 0x12345000 with Leaf=1 since keeps "
                   "walk-cache entries [4.4.1]) followed by CMD_SYNC since: translation served "
                   "from the stale walk-cache entry",
                   (unsigned long long)a, (unsigned long long)table));
}

// Without strict invalidation the leaf TLBI removes the walk-cache entry too (allowed
// over-invalidation): the walk sees the unlinked table, and nothing is reported.
TEST_F(Check, LeafTlbiWithWalkCachesIsCleanByDefault)
{
    cfg.wc_s1_l2_entries = 16;
    start();
    s1_stream();
    ASSERT_EQ(kPa, xlate(kSid, kVa).pa);
    pgt_write(&pt, leaf_addr(kVa, 2), SMMU_PAS_NS, 0);
    tlbi_va(kVa);
    EXPECT_EQ(unsigned(SMMU_EVT_F_TRANSLATION), xlate(kSid, kVa).event);
    expect_none();
}
