// The stall model [IHI 0070 3.12, 3.12.2, 4.7.1-4.7.3, 6.3.9.6, 7.2.1, 7.4]: stall-eligible
// faults at stage 1 (CD.S) and stage 2 (STE.S2S) hold the transaction (SMMU_XLATE_STALLED)
// and record with Stall = 1 and a STAG; CMD_RESUME / CMD_STALL_TERM / SMMUEN 1 -> 0 resolve
// it; a stall record the Event queue cannot take is kept back (no overflow) and the
// transaction retried when the queue is writable; STALL_MAX bounds the outstanding records.
#include <vector>

#include "gpt.h"
#include "xlate_fixture.h"

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;
constexpr uint64_t kIpa = 0x40000000;
constexpr uint64_t kPa2 = 0x80000000;
constexpr uint64_t kOff = 0x10000000; // nested: structure IPA a lives at PA a + kOff

uint64_t ipa_to_pa(void *, uint64_t ipa) { return ipa + kOff; }

// An event record with its STAG (the fixture's Rec has no STAG).
struct SRec {
    Rec r;
    unsigned stag;
};

std::vector<smmu_stall_resolution> g_resolved; // what the stall_resolved callback saw

void on_resolved(void *, const smmu_stall_resolution *r) { g_resolved.push_back(*r); }

class Stall : public XlateTest {
public:
    pgt pt{}, s2{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};

    void SetUp() override
    {
        XlateTest::SetUp();
        cfg.stall_model = SMMU_STALL_AND_TERMINATE;
        cfg.stall_max = 8;
        g_resolved.clear();
    }

    // Stage-1 stream sid of bank b: STE -> CD (ASID 1, S = stall, R = record) -> tables pt.
    void s1_stream(uint32_t sid, bool stall = true, bool record = true, unsigned b = BANK_NS)
    {
        smmu_pa_space pas = bank_pas(b);
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pas = pas;
        p.secure_tables = b == BANK_S;
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        ASSERT_EQ(0, pgt_init(&pt, m, &p));
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        smmu_cd_set_S(cdw, stall);
        smmu_cd_set_R(cdw, record);
        cd_init(&cdb, m, pas, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        st_write_ste(&st[b], sid, ste);
    }
    // Nested stream 5 (S2S = 1): stage 2 maps structure IPAs [0, struct_map) to PA + kOff; the
    // CD (IPA kCd) and stage-1 tables (IPAs from kS1Pool) live in IPA space.
    void nested_stream(uint64_t struct_map = 0x1000000, bool cd_stall = false)
    {
        s2_tables(&s2, m);
        if (struct_map) {
            ASSERT_EQ(0, pgt_map(&s2, 0, kOff, struct_map, PGT_S2_RW));
        }
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        p.mem_offset = kOff;
        ASSERT_EQ(0, pgt_init(&pt, m, &p));
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        smmu_cd_set_S(cdw, cd_stall);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cdb.ipa_to_pa = ipa_to_pa;
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        ste_s2_params sp = s2_params_of(s2, 48, 3);
        ste_set_s2(ste, &sp);
        smmu_ste_set_S2S(ste, 1);
        smmu_ste_set_S2R(ste, 0); // R is ignored for stalls [3.12.2]
        st_write_ste(&st[BANK_NS], 5, ste);
    }

    // Read (and consume) the next record of bank b's queue, with its STAG.
    bool next(SRec *e, unsigned b = BANK_NS)
    {
        uint64_t w[4] = {0, 0, 0, 0};
        uint32_t idx = drv_evtq_cons(&drv[b]) & ((1u << kQs) - 1);
        w[1] = fake_mem_rd64(m, kEvtq + 32ull * idx + 8, bank_pas(b)); // DW1: Stall, STAG
        if (!next_event(&e->r, b))
            return false;
        e->stag = (unsigned)smmu_evt_STAG(w);
        return true;
    }
    // The one pending record: a stall record (Stall = 1) of type at addr, SID sid, STAG stag.
    SRec expect_stall_record(unsigned type, uint64_t addr, unsigned stag, uint32_t sid = 5,
                             unsigned b = BANK_NS)
    {
        SRec e{};
        EXPECT_TRUE(next(&e, b));
        EXPECT_EQ(type, e.r.type);
        EXPECT_EQ(sid, e.r.sid);
        EXPECT_TRUE(e.r.stall);
        EXPECT_EQ(stag, e.stag);
        EXPECT_EQ(addr, e.r.input_addr);
        EXPECT_EQ(0u, pending_events(b));
        return e;
    }
    void expect_stalled(const smmu_result &r, unsigned type, unsigned stag, bool recorded = true)
    {
        EXPECT_EQ(SMMU_XLATE_STALLED, r.outcome);
        EXPECT_EQ(type, r.event);
        EXPECT_EQ(stag, r.stag);
        EXPECT_EQ(recorded, r.event_recorded);
    }
    smmu_stall_action status(uint32_t sid, uint16_t stag, smmu_sec_sid sec = SMMU_SEC_NS)
    {
        smmu_stall_action a = SMMU_STALL_HELD;
        EXPECT_EQ(SMMU_OK, smmu_stall_status(s, sec, sid, stag, &a));
        return a;
    }
    bool status_gone(uint32_t sid, uint16_t stag, smmu_sec_sid sec = SMMU_SEC_NS)
    {
        smmu_stall_action a;
        return smmu_stall_status(s, sec, sid, stag, &a) == SMMU_E_INVAL;
    }
    static void cmd_resume(uint64_t c[2], uint32_t sid, uint16_t stag, bool ac, bool ab,
                           bool ssec = false)
    {
        cmd_clear(c, SMMU_CMD_RESUME);
        smmu_cmd_set_StreamID(c, sid);
        smmu_cmd_set_STAG(c, stag);
        smmu_cmd_set_Ac(c, ac);
        smmu_cmd_set_Ab(c, ab);
        smmu_cmd_set_SSec(c, ssec);
    }
    void resume(uint32_t sid, uint16_t stag, bool ac, bool ab, unsigned b = BANK_NS,
                bool ssec = false)
    {
        uint64_t c[2];
        cmd_resume(c, sid, stag, ac, ab, ssec);
        command(b, c);
    }
    void stall_term(uint32_t sid, unsigned b = BANK_NS, bool ssec = false)
    {
        uint64_t c[2];
        cmd_clear(c, SMMU_CMD_STALL_TERM);
        smmu_cmd_set_StreamID(c, sid);
        smmu_cmd_set_SSec(c, ssec);
        command(b, c);
    }
    smmu_bringup_stats bstats()
    {
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        smmu_get_bringup_stats(s, &b);
        return b;
    }
    uint32_t reg32(unsigned b, uint64_t off) { return drv_read32(&drv[b], off); }
};

// ---- Stage 1: CD.S = 1 [3.12, 3.12.2, 5.5] ----

struct S1Case {
    const char *name;
    unsigned type;
    bool write;
    void (*prepare)(Stall *t); // make the access at kVa fault with `type`
};

const S1Case kS1Cases[] = {
    {"Translation", SMMU_EVT_F_TRANSLATION, false, [](Stall *) {}},
    {"AccessFlag", SMMU_EVT_F_ACCESS, false,
     [](Stall *t) { ASSERT_EQ(0, pgt_map(&t->pt, kVa, kPa, 0x1000, PGT_S1_RW & ~PGT_AF)); }},
    {"Permission", SMMU_EVT_F_PERMISSION, true,
     [](Stall *t) { ASSERT_EQ(0, pgt_map(&t->pt, kVa, kPa, 0x1000, PGT_S1_RW | PGT_AP(3))); }},
    {"AddressSize", SMMU_EVT_F_ADDR_SIZE, false,
     [](Stall *t) {
         smmu_cd_set_IPS(t->cdw, ste_cd_ps(32));
         cd_write(&t->cdb, 0, t->cdw);
         ASSERT_EQ(0, pgt_map(&t->pt, kVa, 0x100000000ull, 0x1000, PGT_S1_RW));
     }},
};

class Stage1Stall : public Stall, public ::testing::WithParamInterface<S1Case> {};

TEST_P(Stage1Stall, FaultStallsAndRecordsStallWithStagEvenWithRZero)
{
    const S1Case &c = GetParam();
    create_and_enable();
    s1_stream(5, true, false); // R = 0: a stall always records [3.12.2]
    c.prepare(this);
    smmu_result r = xlate(5, kVa + 0x20, c.write);
    expect_stalled(r, c.type, 0);
    SRec e = expect_stall_record(c.type, kVa + 0x20, 0);
    EXPECT_EQ(!c.write, e.r.rnw);
    EXPECT_FALSE(e.r.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.r.cls);
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
    EXPECT_EQ(1u, bstats().stalls);
    EXPECT_EQ(1u, stats().events_by_type[c.type]);
    EXPECT_EQ(1u, stats().events_recorded);
}

INSTANTIATE_TEST_SUITE_P(EligibleFaults, Stage1Stall, ::testing::ValuesIn(kS1Cases), CaseName());

TEST_F(Stall, StagsAreDistinctWhileHeldAndRecordsAreNotMerged)
{
    // [3.12.2]: a STAG is not reused while its stall is held; [7.3.1] Stall = 1 records are
    // never merged: three stalls, three records
    create_and_enable();
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 1);
    st_write_ste(&st[BANK_NS], 6, ste);
    expect_stalled(xlate(6, kVa), SMMU_EVT_F_TRANSLATION, 2);
    const unsigned sids[3] = {5, 5, 6};
    for (unsigned i = 0; i < 3; i++) {
        SRec e{};
        ASSERT_TRUE(next(&e));
        EXPECT_TRUE(e.r.stall);
        EXPECT_EQ(i, e.stag);
        EXPECT_EQ(sids[i], e.r.sid);
        EXPECT_EQ(kVa, e.r.input_addr);
    }
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(3u, bstats().stalls);
}

TEST_F(Stall, CdSZeroPathsUnchanged)
{
    create_and_enable();
    s1_stream(5, false, true); // A = 1: abort and record with Stall = 0
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_TRUE(r.event_recorded);
    SRec e{};
    ASSERT_TRUE(next(&e));
    EXPECT_FALSE(e.r.stall);
    EXPECT_EQ(0u, e.stag);
    smmu_cd_set_A(cdw, 0); // CD.A = 0, R = 0: RAZ/WI, not recorded [5.5]
    smmu_cd_set_R(cdw, 0);
    cd_write(&cdb, 0, cdw);
    cfgi_all();
    r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_RAZWI, r.outcome);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0u, bstats().stalls);
}

TEST_F(Stall, DebugTransactionNeverStalls)
{
    create_and_enable();
    s1_stream(5);
    smmu_result r = xlate(5, kVa, false, SMMU_TXN_DEBUG);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0u, bstats().stalls);
}

// ---- Stage 2: STE.S2S = 1 [3.12, 5.5], CD fetch and stage-1 walk included ----

TEST_F(Stall, Stage2FaultOfFinalIpaStalls)
{
    create_and_enable();
    nested_stream();
    ASSERT_EQ(0, pgt_map(&pt, kVa, kIpa, 0x1000, PGT_S1_RW)); // kIpa unmapped at stage 2
    smmu_result r = xlate(5, kVa + 8, true);
    expect_stalled(r, SMMU_EVT_F_TRANSLATION, 0);
    SRec e = expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa + 8, 0);
    EXPECT_TRUE(e.r.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.r.cls);
    EXPECT_EQ(kIpa, e.r.ipa);
    EXPECT_FALSE(e.r.rnw);
}

TEST_F(Stall, Stage2FaultOnCdFetchStalls)
{
    create_and_enable();
    nested_stream(0); // the CD's IPA is not mapped at stage 2
    smmu_result r = xlate(5, kVa);
    expect_stalled(r, SMMU_EVT_F_TRANSLATION, 0);
    SRec e = expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa, 0);
    EXPECT_TRUE(e.r.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_CD, e.r.cls);
    EXPECT_EQ(kCd, e.r.ipa);
    // fix stage 2 and retry: no CFGI needed, a failed fetch is not cached [3.21.3]
    ASSERT_EQ(0, pgt_map(&s2, 0, kOff, 0x1000000, PGT_S2_RW));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa2, 0x1000, PGT_S2_RW));
    ASSERT_EQ(0, pgt_map(&pt, kVa, kIpa, 0x1000, PGT_S1_RW));
    resume(5, 0, true, false);
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0));
    r = xlate(5, kVa + 4);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa2 + 4, r.pa);
}

TEST_F(Stall, Stage2FaultOnStage1WalkStalls)
{
    create_and_enable();
    nested_stream(kS1Pool); // the CD is mapped at stage 2, the stage-1 tables are not
    smmu_result r = xlate(5, kVa);
    expect_stalled(r, SMMU_EVT_F_TRANSLATION, 0);
    SRec e = expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa, 0);
    EXPECT_TRUE(e.r.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_TT, e.r.cls);
    EXPECT_EQ(pt.root & ~0xFFFull, e.r.ipa);
}

TEST_F(Stall, Stage1BypassAddressSizeFaultNeverStalls)
{
    // [3.12]: F_ADDR_SIZE of a stage-1-bypassed transaction always aborts
    create_and_enable();
    s2_tables(&s2, m);
    ste_make_bypass(ste);
    ste_s2_params sp = s2_params_of(s2, 48, 3);
    ste_set_s2(ste, &sp);
    smmu_ste_set_S2S(ste, 1);
    st_write_ste(&st[BANK_NS], 5, ste);
    smmu_result r = xlate(5, 1ull << 48);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, r.event);
    SRec e{};
    ASSERT_TRUE(next(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, e.r.type);
    EXPECT_FALSE(e.r.stall);
    EXPECT_EQ(0u, bstats().stalls);
}

TEST_F(Stall, WalkExternalAbortNeverStalls)
{
    // [3.12]: F_WALK_EABT is not stall-eligible: abort and record, Stall = 0
    create_and_enable();
    s1_stream(5);
    ASSERT_EQ(0, fake_mem_add_abort(m, SMMU_PAS_NS, pt.root, pt.root + 0xFFF, false));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_WALK_EABT, r.event);
    SRec e{};
    ASSERT_TRUE(next(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_WALK_EABT, e.r.type);
    EXPECT_EQ(0u, bstats().stalls);
}

// ---- CMD_RESUME [4.7.1] ----

TEST_F(Stall, ResumeRetryAfterMappingSucceeds)
{
    create_and_enable();
    s1_stream(5);
    expect_stalled(xlate(5, kVa + 0x10), SMMU_EVT_F_TRANSLATION, 0);
    expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa + 0x10, 0);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    resume(5, 0, true, true); // Ab is IGNORED with Ac = 1
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0));
    EXPECT_TRUE(status_gone(5, 0)); // reported once, then its STAG is free
    smmu_result r = xlate(5, kVa + 0x10);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x10, r.pa);
    EXPECT_EQ(1u, bstats().stalls_retried);
    EXPECT_EQ(1u, stats().commands_by_opcode[SMMU_CMD_RESUME]);
}

struct TermCase {
    const char *name;
    bool term_model, ab;
    smmu_stall_action want;
};

const TermCase kTermCases[] = {
    {"AbortWithAbOne", false, true, SMMU_STALL_ABORT},
    {"RazWiWithAbZero", false, false, SMMU_STALL_RAZWI},
    {"TermModelOneAlwaysAborts", true, false, SMMU_STALL_ABORT},
};

class ResumeTerminate : public Stall, public ::testing::WithParamInterface<TermCase> {};

TEST_P(ResumeTerminate, TerminatesAsAbAndTermModelSay)
{
    const TermCase &c = GetParam();
    cfg.term_model = c.term_model;
    create_and_enable();
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(5, 0, false, c.ab);
    EXPECT_EQ(c.want, status(5, 0));
    smmu_bringup_stats b = bstats();
    EXPECT_EQ(c.want == SMMU_STALL_ABORT ? 1u : 0u, b.stalls_aborted);
    EXPECT_EQ(c.want == SMMU_STALL_RAZWI ? 1u : 0u, b.stalls_razwi);
}

INSTANTIATE_TEST_SUITE_P(Ac0, ResumeTerminate, ::testing::ValuesIn(kTermCases), CaseName());

TEST_F(Stall, Stage2StallMayBeTerminatedRazWi)
{
    // no dependency between STE.S2S and the CMD_RESUME's termination [4.7.1]
    create_and_enable();
    nested_stream();
    ASSERT_EQ(0, pgt_map(&pt, kVa, kIpa, 0x1000, PGT_S1_RW));
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(5, 0, false, false);
    EXPECT_EQ(SMMU_STALL_RAZWI, status(5, 0));
}

TEST_F(Stall, ResumeWithoutMatchIsANoOp)
{
    create_and_enable();
    s1_stream(5);
    st_write_ste(&st[BANK_NS], 6, ste);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(6, 0, false, true); // STAG 0 belongs to SID 5, not 6
    resume(5, 7, false, true); // STAG 7 holds nothing
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
    EXPECT_EQ(0u, reg32(BANK_NS, DRV_GERROR));
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
    EXPECT_EQ(0u, bstats().stalls_aborted);
}

TEST_F(Stall, InvalidationAndSyncDoNotTouchHeldStalls)
{
    // [4.3.8, 4.7.3]
    create_and_enable();
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    cfgi_all();
    tlbi_all();
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
}

TEST_F(Stall, NonSecureQueueCannotResumeSecureStall)
{
    create();
    enable(BANK_NS);
    enable(BANK_S);
    s1_stream(5, true, true, BANK_S);
    expect_stalled(xlate(5, kVa, false, 0, SMMU_SEC_SECURE), SMMU_EVT_F_TRANSLATION, 0);
    expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa, 0, 5, BANK_S);
    // the same {StreamID, STAG} on the Non-secure side: an independent stall [4.7.1]
    s1_stream(5, true, true, BANK_NS);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(5, 0, false, true); // Non-secure queue: the Non-secure stall only
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 0));
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0, SMMU_SEC_SECURE));
    resume(5, 0, false, true, BANK_S, false); // SSec = 0 on the Secure queue: Non-secure SID
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0, SMMU_SEC_SECURE));
    resume(5, 0, true, false, BANK_S, true);
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0, SMMU_SEC_SECURE));
}

// ---- CMD_STALL_TERM [4.7.2] ----

TEST_F(Stall, StallTermAbortsEveryStallOfTheStreamOnly)
{
    create_and_enable();
    s1_stream(5);
    st_write_ste(&st[BANK_NS], 6, ste);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    expect_stalled(xlate(6, kVa), SMMU_EVT_F_TRANSLATION, 1);
    expect_stalled(xlate(5, kVa + 0x1000), SMMU_EVT_F_TRANSLATION, 2);
    stall_term(5);
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 0));
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 2));
    EXPECT_EQ(SMMU_STALL_HELD, status(6, 1));
    EXPECT_EQ(2u, bstats().stalls_aborted);
    // a STAG matched is free again; resuming it now does nothing
    resume(5, 0, true, false);
    EXPECT_TRUE(status_gone(5, 0));
}

TEST_F(Stall, ResumeAndStallTermAreIllegalWhenNsStallDisabled)
{
    // NSSTALLD: SMMU_IDR0.STALL_MODEL reads 0b01, the commands are CERROR_ILL [3.12, 4.7.1]
    create();
    enable(BANK_NS);
    enable(BANK_S);
    uint32_t cr0 = reg32(BANK_S, DRV_CR0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_S], cr0 | (uint32_t)SMMU_S_CR0_NSSTALLD));
    EXPECT_EQ(1u, (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, reg32(BANK_NS, DRV_IDR0)));
    uint64_t c[2];
    cmd_resume(c, 5, 0, true, false);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ((unsigned)SMMU_CERROR_ILL, drv_cmdq_error(&drv[BANK_NS]));
}

TEST_F(Stall, CachedStallConfigAfterNsStallDisabledTerminatesWithStallZero)
{
    // [6.3.57.1]: cached stall configuration may still apply; the model terminates it
    create();
    enable(BANK_NS);
    enable(BANK_S);
    s1_stream(5);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome); // CD cached with S = 1
    uint32_t cr0 = reg32(BANK_S, DRV_CR0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_S], cr0 | (uint32_t)SMMU_S_CR0_NSSTALLD));
    smmu_result r = xlate(5, kVa + 0x2000);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    SRec e{};
    ASSERT_TRUE(next(&e));
    EXPECT_FALSE(e.r.stall);
    EXPECT_EQ(0u, bstats().stalls);
}

// ---- SMMUEN 1 -> 0 [6.3.9.6] ----

TEST_F(Stall, SmmuenClearAbortsEveryHeldStallOfTheInterface)
{
    create_and_enable();
    smmu_bringup_callbacks cb{};
    cb.struct_size = sizeof(cb);
    cb.stall_resolved = on_resolved;
    ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    expect_stalled(xlate(5, kVa + 0x1000), SMMU_EVT_F_TRANSLATION, 1);
    uint32_t cr0 = reg32(BANK_NS, DRV_CR0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], cr0 & ~(uint32_t)SMMU_CR0_SMMUEN));
    ASSERT_EQ(2u, g_resolved.size());
    for (unsigned i = 0; i < 2; i++) {
        EXPECT_EQ(SMMU_SEC_NS, g_resolved[i].sec);
        EXPECT_EQ(5u, g_resolved[i].sid);
        EXPECT_EQ(i, g_resolved[i].stag);
        EXPECT_EQ(SMMU_STALL_ABORT, g_resolved[i].action);
    }
    // delivered through the callback: nothing left to poll
    EXPECT_TRUE(status_gone(5, 0));
    EXPECT_EQ(2u, bstats().stalls_aborted);
}

TEST_F(Stall, CallbackGetsResumeResolutionOnce)
{
    create_and_enable();
    smmu_bringup_callbacks cb{};
    cb.struct_size = sizeof(cb);
    cb.stall_resolved = on_resolved;
    ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(5, 0, true, false);
    ASSERT_EQ(1u, g_resolved.size());
    EXPECT_EQ(SMMU_STALL_RETRY, g_resolved[0].action);
    EXPECT_EQ(0u, g_resolved[0].stag);
    resume(5, 0, true, false); // already resumed: no match
    EXPECT_EQ(1u, g_resolved.size());
}

// ---- Event queue not writable [3.12.2, 7.2.1, 7.4] ----

TEST_F(Stall, FullQueueKeepsStallRecordBackWithoutOverflowThenRetries)
{
    create_and_enable();
    s1_stream(6, false, true); // SID 6 terminates and records
    for (unsigned i = 0; i < (1u << kQs); i++)
        ASSERT_EQ(SMMU_XLATE_FAULT, xlate(6, kVa + 0x1000 * i).outcome);
    ASSERT_EQ(1u << kQs, pending_events());
    uint64_t s_cd[8];
    memcpy(s_cd, cdw, sizeof(s_cd));
    smmu_cd_set_S(s_cd, 1);
    cd_init(&cdb, m, SMMU_PAS_NS, kCd + 0x1000, 0, 0, 0);
    cd_write(&cdb, 0, s_cd);
    uint64_t ste5[8];
    ste_make_s1(ste5, kCd + 0x1000, 0, 0);
    st_write_ste(&st[BANK_NS], 5, ste5);
    uint64_t dropped = stats().events_dropped;

    smmu_result r = xlate(5, kVa);
    expect_stalled(r, SMMU_EVT_F_TRANSLATION, 0, false);
    EXPECT_FALSE(drv_evtq_overflow(&drv[BANK_NS])); // no overflow [7.4]
    EXPECT_EQ(dropped, stats().events_dropped);
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
    resume(5, 0, false, true); // its record is not visible: no match
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));

    SRec e{};
    ASSERT_TRUE(next(&e)); // a CONS write makes the queue writable: retried
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0));
    EXPECT_EQ(1u, bstats().stalls_retried);
    r = xlate(5, kVa); // the retry stalls again and now records
    expect_stalled(r, SMMU_EVT_F_TRANSLATION, 1);
    EXPECT_EQ(1u << kQs, pending_events());
}

TEST_F(Stall, DisabledQueueHoldsUntilEventqenThenRetries)
{
    create_and_enable();
    s1_stream(5);
    uint32_t cr0 = reg32(BANK_NS, DRV_CR0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], cr0 & ~(uint32_t)SMMU_CR0_EVENTQEN));
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0, false);
    EXPECT_EQ(0u, stats().events_dropped);
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], cr0));
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0));
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    EXPECT_EQ(kPa, xlate(5, kVa).pa); // the retry may succeed [3.12.2]
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Stall, AbortedRecordWriteHoldsUntilGerrorAcknowledged)
{
    // EVENTQ_ABT_ERR [7.2.2]: the model keeps the stall and retries after the acknowledgement
    create_and_enable();
    s1_stream(5);
    ASSERT_EQ(0, fake_mem_add_abort(m, SMMU_PAS_NS, kEvtq, kEvtq + 0xFFF, true));
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0, false);
    EXPECT_EQ((uint32_t)SMMU_GERROR_EVENTQ_ABT_ERR,
              reg32(BANK_NS, DRV_GERROR) ^ reg32(BANK_NS, DRV_GERRORN));
    EXPECT_EQ(0u, stats().events_dropped);
    fake_mem_clear_aborts(m);
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 0));
    drv_ack_gerror(&drv[BANK_NS]);
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 0));
}

// ---- STALL_MAX [6.3.6] and the STAG space ----

TEST_F(Stall, StallMaxHoldsFurtherStallsUnrecordedUntilOneIsResolved)
{
    cfg.stall_max = 1;
    create_and_enable();
    EXPECT_EQ(1u, (unsigned)SMMU_FIELD_GET(SMMU_IDR5_STALL_MAX, reg32(BANK_NS, DRV_IDR5)));
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    expect_stalled(xlate(5, kVa + 0x1000), SMMU_EVT_F_TRANSLATION, 1, false);
    EXPECT_EQ(1u, pending_events());
    resume(5, 1, false, true); // not recorded: no match
    EXPECT_EQ(SMMU_STALL_HELD, status(5, 1));
    resume(5, 0, false, true);
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 0));
    EXPECT_EQ(SMMU_STALL_RETRY, status(5, 1)); // a record slot is free: retried
    expect_stalled(xlate(5, kVa + 0x1000), SMMU_EVT_F_TRANSLATION, 2);
    EXPECT_EQ(2u, pending_events());
}

// IDR5.STALL_MAX "guarantees that the total number of Stall fault records that will be
// recorded in any Event queue ... will not exceed this number" [6.3.6]: a stalling SMMU that
// reported 0 would promise no stall record at all. stall_max 0 reads and bounds as 0xFFFF.
TEST_F(Stall, StallMaxZeroReadsAndBoundsAsTheLargestValue)
{
    cfg.stall_max = 0;
    create_and_enable();
    EXPECT_EQ(0xFFFFu, (unsigned)SMMU_FIELD_GET(SMMU_IDR5_STALL_MAX, reg32(BANK_NS, DRV_IDR5)));
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    expect_stall_record(SMMU_EVT_F_TRANSLATION, kVa, 0);
}

// ---- STALL_MODEL = 0b10, stall forced [6.3.1] ----

TEST_F(Stall, StallForcedModelStallsAndResumes)
{
    cfg.stall_model = SMMU_STALL_FORCED;
    create_and_enable();
    EXPECT_EQ(2u, (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, reg32(BANK_NS, DRV_IDR0)));
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    resume(5, 0, false, true);
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 0));
}

TEST_F(Stall, StatusRejectsBadArguments)
{
    create_and_enable();
    smmu_stall_action a;
    EXPECT_EQ(SMMU_E_INVAL, smmu_stall_status(nullptr, SMMU_SEC_NS, 5, 0, &a));
    EXPECT_EQ(SMMU_E_INVAL, smmu_stall_status(s, SMMU_SEC_NS, 5, 0, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, smmu_stall_status(s, (smmu_sec_sid)7, 5, 0, &a));
    EXPECT_EQ(SMMU_E_INVAL, smmu_stall_status(s, SMMU_SEC_NS, 5, 0, &a)); // nothing held
}

TEST_F(Stall, ResetAbortsHeldStalls)
{
    create_and_enable();
    s1_stream(5);
    expect_stalled(xlate(5, kVa), SMMU_EVT_F_TRANSLATION, 0);
    ASSERT_EQ(SMMU_OK, smmu_reset(s));
    EXPECT_EQ(SMMU_STALL_ABORT, status(5, 0));
}

// ---- The Realm interface never stalls: R_IDR0.STALL_MODEL is 0b01 [3.12, 6.3.122] ----

TEST_F(Stall, RealmStreamsNeverStall)
{
    cfg.rme_impl = cfg.realm_impl = true;
    create();
    ASSERT_EQ(0, gpt_access_only(s, 0x20000));
    smmu_driver rd{};
    drv_init(&rd, s, m, SMMU_SEC_REALM);
    drv_setup_cmdq(&rd, kCmdq, kQs);
    drv_setup_evtq(&rd, kEvtq, kQs);
    ASSERT_EQ(0, drv_enable_queues(&rd));
    st_builder rst{};
    st_init_linear(&rst, m, SMMU_PAS_REALM, kStrtab, 8);
    drv_set_strtab(&rd, st_base_reg(&rst), st_base_cfg_reg(&rst));
    ASSERT_EQ(0, drv_enable_smmu(&rd));
    EXPECT_EQ(1u, (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, drv_read32(&rd, DRV_IDR0)));
    s2_tables(&s2, m, 12, 40, SMMU_PAS_REALM);
    ste_make_bypass(ste);
    ste_s2_params sp = s2_params_of(s2, 40, 2);
    ste_set_s2(ste, &sp);
    smmu_ste_set_S2S(ste, 1); // ILLEGAL with STALL_MODEL 0b01: C_BAD_STE [5.2]
    st_write_ste(&rst, 6, ste);
    smmu_result r = xlate(6, 0x20000, false, 0, SMMU_SEC_REALM);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, r.event);
    smmu_ste_set_S2S(ste, 0);
    st_write_ste(&rst, 6, ste);
    uint64_t c[2];
    cmd_cfgi_all(c, false);
    ASSERT_EQ(0, drv_submit(&rd, c));
    r = xlate(6, 0x20000, false, 0, SMMU_SEC_REALM);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_EQ(0u, bstats().stalls);
    // CMD_RESUME on the Realm queue: CERROR_ILL [4.7.1]
    cmd_resume(c, 6, 0, true, false);
    ASSERT_EQ(0, drv_submit(&rd, c));
    EXPECT_EQ((unsigned)SMMU_CERROR_ILL, drv_cmdq_error(&rd));
}

} // namespace
