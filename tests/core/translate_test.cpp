// The translation pipeline on Non-secure streams [IHI 0070 3.3, 3.4, 3.12, 5.2, 5.4, 7.3, 13]:
// global bypass, stream table, STE abort/bypass, substreams, stage-1 faults with their exact
// event records and dispositions, TBI, TTB1, EPD, E0PD, attributes, TLB and debug accesses.
#include "xlate_fixture.h"

#include <random>

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;

class Translate : public S1Test {
public:
    void write_cd() { cd_write(&cdb, 0, cdw); }
    void write_ste(uint32_t sid) { st_write_ste(&st[BANK_NS], sid, ste); }
    void map_page(uint64_t va, uint64_t pa, uint64_t attrs = PGT_S1_RW)
    {
        ASSERT_EQ(0, pgt_map(&pt, va, pa, 0x1000, attrs));
    }

    // Stream 5 (s1_stream) mapping kVa to kPa with attrs, accessed until its stream context
    // serves it (from the third access).
    void stream_with_context(uint64_t attrs = PGT_S1_RW)
    {
        create_and_enable();
        s1_stream(5);
        map_page(kVa, kPa, attrs);
        for (int i = 0; i < 3; i++)
            ASSERT_EQ(kPa, xlate(5, kVa).pa);
    }

    // The access r faulted with an event of type, which was recorded: returns the record.
    Rec recorded_fault(const smmu_result &r, unsigned type)
    {
        EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
        EXPECT_EQ(type, r.event);
        Rec e{};
        EXPECT_TRUE(next_event(&e));
        EXPECT_EQ(type, e.type);
        return e;
    }

    // A standard event check: a stage-1 fault of SID 5 at addr.
    void expect_s1_fault(unsigned type, uint64_t addr, bool rnw = true, bool pnu = false,
                         bool ind = false)
    {
        Rec r{};
        ASSERT_TRUE(next_event(&r));
        EXPECT_EQ(type, r.type);
        EXPECT_EQ(5u, r.sid);
        EXPECT_FALSE(r.ssv);
        EXPECT_FALSE(r.stall);
        EXPECT_EQ(pnu, r.pnu);
        EXPECT_EQ(ind, r.ind);
        EXPECT_EQ(rnw, r.rnw);
        EXPECT_FALSE(r.s2);
        EXPECT_FALSE(r.nsipa);
        EXPECT_EQ((unsigned)EVT_CLASS_IN, r.cls);
        EXPECT_EQ(addr, r.input_addr);
        EXPECT_EQ(0u, pending_events());
    }
};

// ---- SMMUEN = 0: SMMU_GBPA [IHI 0070 3.3.2 step 1, 6.3.14] ----

TEST_F(Translate, GlobalBypassGbpaAbortTerminatesWithoutEvent)
{
    create();
    enable(BANK_NS, false);
    smmu_result r = xlate(5, 0x1000);
    EXPECT_EQ(SMMU_XLATE_ABORT, r.outcome);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Translate, GlobalBypassAppliesGbpaAttributeOverrides)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_NS, false);
    // MTCFG=1 MemAttr=0b1111 (WB), ALLOCCFG=0b1100 (RA, no WA, non-transient), SHCFG=ISH
    gbpa(BANK_NS, (uint32_t)(SMMU_GBPA_MTCFG | SMMU_FIELD_PREP(SMMU_GBPA_MEMATTR, 0xF) |
                             SMMU_FIELD_PREP(SMMU_GBPA_ALLOCCFG, 0xC) | SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 3)));
    smmu_result r = xlate(5, 0x123456789a, true);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0x123456789aull, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(0xEE, r.mair); // iWB-oWB, read-allocate, no write-allocate, non-transient
    EXPECT_EQ(3, r.sh);
    EXPECT_EQ(SMMU_PERM_R | SMMU_PERM_W | SMMU_PERM_X, r.perm);
    EXPECT_EQ(0u, r.map_base);
    EXPECT_EQ(1ull << 48, r.map_size);

    // Device-nGnRE: Outer Shareable whatever SHCFG says [13.1.7]
    gbpa(BANK_NS, (uint32_t)(SMMU_GBPA_MTCFG | SMMU_FIELD_PREP(SMMU_GBPA_MEMATTR, 1) |
                             SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 3)));
    r = xlate(5, 0x1000);
    EXPECT_EQ(0x04, r.mair);
    EXPECT_EQ(2, r.sh);

    // No override: the default incoming attributes, Normal WB RAWA Non-shareable [13.1.3]
    gbpa(BANK_NS, (uint32_t)SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 1));
    r = xlate(5, 0x1000);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(0, r.sh);
}

TEST_F(Translate, GlobalBypassInputBeyondOasAbortsWithoutEvent)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_NS, false);
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(5, (1ull << 48) - 1).outcome);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(5, 1ull << 48).outcome);
    EXPECT_EQ(0u, pending_events());
}

// ---- Stream table and stage 1 end to end [3.3.1, 5.2, 5.4] ----

TEST_F(Translate, LinearStreamTableStage1Translates4KPage)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    smmu_result r = xlate(5, kVa + 0xabc);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0xabc, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
    // AP=01: unprivileged read/write; UXN=0: unprivileged execute
    EXPECT_EQ(SMMU_PERM_R | SMMU_PERM_W | SMMU_PERM_X, r.perm);
    EXPECT_EQ(kVa, r.map_base);
    EXPECT_EQ(0x1000u, r.map_size);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_FALSE(r.cfg_hit);
    // STE, CD and four descriptors
    EXPECT_EQ(6u, r.fetches);
}

TEST_F(Translate, TwoLevelStreamTableStage1Translates16KPage)
{
    create();
    enable(BANK_NS, false);
    st_init_2level(&st[BANK_NS], m, SMMU_PAS_NS, kStrtab + 0x10000, 16, 8, 0x180000);
    drv_set_strtab(&drv[BANK_NS], st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    s1_stream(0x1234, 14, 47);
    ASSERT_EQ(0, pgt_map(&pt, 0x7f0000c000ull, 0x3000c000ull, 0x4000, PGT_S1_RW));
    smmu_result r = xlate(0x1234, 0x7f0000c123ull);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x3000c123ull, r.pa);
    EXPECT_EQ(0x7f0000c000ull, r.map_base);
    EXPECT_EQ(0x4000u, r.map_size);
}

TEST_F(Translate, LinearStreamTableStage1Translates64KBlock)
{
    create_and_enable();
    s1_stream(5, 16, 48);
    // a 512 MB block at level 2
    ASSERT_EQ(0, pgt_map(&pt, 0x20000000, 0x60000000, 0x20000000, PGT_S1_RW));
    smmu_result r = xlate(5, 0x2123abcd);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x6123abcdull, r.pa);
    EXPECT_EQ(0x20000000u, r.map_base);
    EXPECT_EQ(0x20000000u, r.map_size);
}

// ---- STE.Config [5.2] ----

TEST_F(Translate, SteConfigAbortTerminatesWithoutEvent)
{
    create_and_enable();
    ste_make_abort(ste);
    write_ste(5);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(5, 0x1000).outcome);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Translate, SteBypassAppliesSteOverrides)
{
    create_and_enable();
    ste_make_bypass(ste);
    smmu_ste_set_MTCFG(ste, 1);
    smmu_ste_set_MemAttr(ste, 0x5); // Normal iNC-oNC
    smmu_ste_set_SHCFG(ste, 3);
    write_ste(5);
    smmu_result r = xlate(5, 0xfedcba987ull, false, SMMU_TXN_NS);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0xfedcba987ull, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(0x44, r.mair);
    EXPECT_EQ(2, r.sh); // iNC-oNC is Outer Shareable [13.1.7]

    ste_make_bypass(ste);
    smmu_ste_set_SHCFG(ste, 2);
    smmu_ste_set_ALLOCCFG(ste, 0x9); // no-allocate, transient: output non-transient [13.1.7]
    write_ste(6);
    r = xlate(6, 0x1000);
    EXPECT_EQ(0xCC, r.mair);
    EXPECT_EQ(2, r.sh);
}

TEST_F(Translate, SteBypassInputBeyondOasRecordsAddressSizeFault)
{
    create_and_enable();
    ste_make_bypass(ste);
    write_ste(5);
    smmu_result r = xlate(5, 0x0001000000000010ull);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, r.event);
    EXPECT_TRUE(r.event_recorded);
    expect_s1_fault(SMMU_EVT_F_ADDR_SIZE, 0x0001000000000010ull);
}

// ---- Substreams [5.2 S1CDMax, S1DSS; 3.3.2] ----

TEST_F(Translate, SubstreamSsvWithS1CDMaxZeroIsBadSubstreamId)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    Rec e = recorded_fault(xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 3),
                           SMMU_EVT_C_BAD_SUBSTREAMID);
    EXPECT_EQ(5u, e.sid);
    EXPECT_EQ(3u, e.ssid);
}

TEST_F(Translate, SubstreamSsvOnBypassStreamIsBadSubstreamId)
{
    create_and_enable();
    ste_make_bypass(ste);
    write_ste(5);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_SUBSTREAMID,
              xlate(5, 0x1000, false, 0, SMMU_SEC_NS, true, 0).event);
}

class Substream : public Translate {
protected:
    // SID 5: S1CDMax 2 (4 CDs); CD 0 and CD 2 map kVa, CD 1 has EPD0 set.
    void setup(unsigned s1dss)
    {
        create_and_enable();
        s1_tables(&pt, m);
        map_page(kVa, kPa, PGT_S1_RW | PGT_NG); // not global: ASID-tagged
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 2, 0);
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_write(&cdb, 0, cdw);
        cd_write(&cdb, 2, cdw);
        smmu_cd_set_EPD0(cdw, 1);
        smmu_cd_set_ASID(cdw, 2); // another address space: TLB entries are tagged by ASID
        cd_write(&cdb, 1, cdw);
        ste_make_s1(ste, kCd, 0, 2);
        smmu_ste_set_S1DSS(ste, s1dss);
        write_ste(5);
    }
};

TEST_F(Substream, SsidBeyondS1CDMaxIsBadSubstreamId)
{
    setup(0);
    EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 2).outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_SUBSTREAMID,
              xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 4).event);
}

TEST_F(Substream, NoSsidWithS1dssTerminateIsStreamDisabled)
{
    setup(0);
    Rec e = recorded_fault(xlate(5, kVa), SMMU_EVT_F_STREAM_DISABLED);
    EXPECT_EQ(5u, e.sid);
}

TEST_F(Substream, NoSsidWithS1dssBypassSkipsStage1)
{
    setup(1);
    smmu_result r = xlate(5, kVa + 0x10);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(kVa + 0x10, r.pa);
    // with a SubstreamID the CD translates
    r = xlate(5, kVa + 0x10, false, 0, SMMU_SEC_NS, true, 2);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x10, r.pa);
}

TEST_F(Substream, S1dssCd0ServesNoSsidAndReservesSubstream0)
{
    setup(2);
    smmu_result r = xlate(5, kVa + 0x20);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x20, r.pa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_STREAM_DISABLED,
              xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 0).event);
    // SSID 1 selects CD 1, whose TTB0 is disabled
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION,
              xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 1).event);
}

// ---- Stage-1 faults: exact records [7.3.12-16] and dispositions [3.12, 5.5] ----

TEST_F(Translate, UnmappedVaRecordsStage1TranslationFault)
{
    create_and_enable();
    s1_stream(5);
    smmu_result r = xlate(5, 0x40001234);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_TRUE(r.event_recorded);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, 0x40001234);
    // a privileged write: RnW = 0, PnU = 1
    xlate(5, 0x40001238, true, SMMU_TXN_PRIV);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, 0x40001238, false, true);
    EXPECT_EQ(2u, stats().events_by_type[SMMU_EVT_F_TRANSLATION]);
}

TEST_F(Translate, AccessFlagClearRecordsAccessFault)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, PGT_S1_RW & ~PGT_AF);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ACCESS, xlate(5, kVa).event);
    expect_s1_fault(SMMU_EVT_F_ACCESS, kVa);
}

TEST_F(Translate, WriteToReadOnlyPageRecordsPermissionFault)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, (PGT_S1_RW & ~PGT_AP(3)) | PGT_AP(3));
    smmu_result r = xlate(5, kVa + 8);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_PERM_R | SMMU_PERM_X, r.perm);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, xlate(5, kVa + 8, true).event);
    expect_s1_fault(SMMU_EVT_F_PERMISSION, kVa + 8, false);
}

TEST_F(Translate, InstructionFetchFromUxnPageRecordsInD)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, PGT_S1_RW | PGT_UXN);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, xlate(5, kVa, false, SMMU_TXN_INSTR).event);
    expect_s1_fault(SMMU_EVT_F_PERMISSION, kVa, true, false, true);
    // InD is 0 for writes even when the client marks them as instruction [13.1.2]
    map_page(kVa + 0x1000, kPa, (PGT_S1_RW & ~PGT_AP(3)) | PGT_AP(3));
    xlate(5, kVa + 0x1000, true, SMMU_TXN_INSTR);
    expect_s1_fault(SMMU_EVT_F_PERMISSION, kVa + 0x1000, false, false, false);
}

TEST_F(Translate, PnUReportsPrivilegeAfterPrivcfgOverride)
{
    create_and_enable();
    s1_stream(5);
    smmu_ste_set_PRIVCFG(ste, 3); // privileged
    write_ste(5);
    xlate(5, 0x40000000);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, 0x40000000, true, true);
}

TEST_F(Translate, OutputBeyondIpsRecordsAddressSizeFault)
{
    create_and_enable();
    s1_stream(5);
    smmu_cd_set_IPS(cdw, ste_cd_ps(32));
    write_cd();
    map_page(kVa, 0x100000000ull);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, xlate(5, kVa).event);
    expect_s1_fault(SMMU_EVT_F_ADDR_SIZE, kVa);
}

TEST_F(Translate, CdRecordZeroSuppressesStage1Record)
{
    create_and_enable();
    s1_stream(5);
    smmu_cd_set_R(cdw, 0);
    write_cd();
    smmu_result r = xlate(5, 0x40000000);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Translate, CdAbortZeroTerminatesStage1FaultAsRazWi)
{
    create_and_enable();
    s1_stream(5);
    smmu_cd_set_A(cdw, 0);
    write_cd();
    smmu_result r = xlate(5, 0x40000000);
    EXPECT_EQ(SMMU_XLATE_RAZWI, r.outcome);
    EXPECT_TRUE(r.event_recorded);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, 0x40000000);
}

// [3.12, 5.4 CD.A, CD.R] F_PERMISSION obeys the stage-1 fault configuration like every
// translation-related fault: a write to a read-only page with CD.R = 0 is terminated and not
// recorded; with CD.A = 0 it is RAZ/WI (and recorded, CD.R being 1).
TEST_F(Translate, Stage1PermissionFaultObeysCdRAndCdA)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, (PGT_S1_RW & ~PGT_AP(3)) | PGT_AP(3));
    smmu_cd_set_R(cdw, 0);
    write_cd();
    smmu_result r = xlate(5, kVa, true);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_F_PERMISSION]); // generated, not recorded
    smmu_cd_set_R(cdw, 1);
    smmu_cd_set_A(cdw, 0);
    write_cd();
    uint64_t c[2];
    cmd_cfgi_cd(c, 5, 0, true, false);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
    r = xlate(5, kVa + 4, true);
    EXPECT_EQ(SMMU_XLATE_RAZWI, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    EXPECT_TRUE(r.event_recorded);
    expect_s1_fault(SMMU_EVT_F_PERMISSION, kVa + 4, false);
}

// [5.2 CR2.RECINVSID, 6.3.12; 3.12] One rule for events generated but not recorded: like a
// fault under CD.R = 0 or STE.S2R = 0, C_BAD_STREAMID with RECINVSID = 0 terminates the
// transaction as a FAULT with the event named, event_recorded false, counted in
// events_by_type, and no record written. With RECINVSID = 1 it is recorded.
TEST_F(Translate, UnrecordedEventsAreFaultsCountedButNotWritten)
{
    // CR2 is guarded while SMMUEN = 1 [6.3.12]
    auto set_cr2 = [&](uint32_t cr2) {
        ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN));
        drv_write32(&drv[BANK_NS], SMMU_CR2, cr2);
        ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    };
    create_and_enable();
    set_cr2(0); // RECINVSID = 0
    smmu_result r = xlate(0x1000, kVa); // beyond the 2^8-entry stream table
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STREAMID, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_C_BAD_STREAMID]);
    EXPECT_EQ(0u, stats().events_recorded);
    set_cr2(SMMU_CR2_RECINVSID);
    r = xlate(0x1000, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_TRUE(r.event_recorded);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STREAMID, e.type);
    EXPECT_EQ(0x1000u, e.sid);
    EXPECT_EQ(2u, stats().events_by_type[SMMU_EVT_C_BAD_STREAMID]);
}

TEST_F(Translate, AbortOnStage1DescriptorFetchRecordsWalkEabtClassTt)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    uint64_t leaf, desc;
    smmu_pa_space pas;
    int level;
    ASSERT_EQ(0, pgt_leaf(&pt, kVa, &leaf, &pas, &level, &desc));
    ASSERT_EQ(0, fake_mem_add_abort(m, pas, pgt_pa(&pt, leaf), pgt_pa(&pt, leaf) + 7, false));
    Rec e = recorded_fault(xlate(5, kVa), SMMU_EVT_F_WALK_EABT);
    EXPECT_FALSE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_TT, e.cls); // S2=0 CLASS=TT [7.3.11]
    EXPECT_EQ(pgt_pa(&pt, leaf), e.fetch_addr);
    EXPECT_EQ(kVa, e.input_addr);
}

// ---- Input range, TBI, TTB1, EPD, E0PD [3.4, 3.4.1; CD.TBIx, EPDx, E0PDx] ----

TEST_F(Translate, VaBeyondT0szRangeIsTranslationFault)
{
    create_and_enable();
    s1_stream(5, 12, 39);
    map_page(kVa, kPa);
    EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, xlate(5, (1ull << 39) | kVa).event);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, (1ull << 39) | kVa);
}

TEST_F(Translate, TopByteIgnoredOnlyWithTbi)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    const uint64_t tagged = 0xAB00000000000000ull | (kVa + 0x44);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, xlate(5, tagged).event);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, tagged); // InputAddr keeps the top byte

    smmu_cd_set_TBI0(cdw, 1);
    write_cd();
    ste_make_s1(ste, kCd, 0, 0); // the same CD through another STE (no cached copy)
    write_ste(6);
    smmu_result r = xlate(6, tagged);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x44, r.pa);
    EXPECT_EQ(tagged & ~0xFFFull, r.map_base);
    // a second tagged access hits the TLB entry of the untagged VA
    r = xlate(6, 0x5500000000000000ull | (kVa + 0x48));
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x48, r.pa);
}

TEST_F(Translate, UpperHalfTranslatesThroughTtb1)
{
    create_and_enable();
    s1_stream(5);
    pgt hi{};
    s1_tables(&hi, m, 12, 48, SMMU_PAS_NS, kS1Pool + 0x400000);
    const uint64_t va = 0xFFFFFFFFFFE01000ull;
    ASSERT_EQ(0, pgt_map(&hi, va & ((1ull << 48) - 1), 0x55555000, 0x1000, PGT_S1_RW));
    cd_set_ttb1(cdw, hi.root, 12, 48);
    write_cd();
    smmu_result r = xlate(5, va + 0x10);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x55555010ull, r.pa);
    EXPECT_EQ(va, r.map_base);
    // 0xFFFE... is not sign-extended from bit 47
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, xlate(5, 0xFFFEFFFFFFE01000ull).event);
}

TEST_F(Translate, Epd1MakesUpperHalfTranslationFault)
{
    create_and_enable();
    s1_stream(5); // cd_make leaves EPD1 = 1
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, xlate(5, 0xFFFFFFFFFFE01000ull).event);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, 0xFFFFFFFFFFE01000ull);
}

TEST_F(Translate, E0pdFaultsUnprivilegedAccessesOnly)
{
    create_and_enable();
    s1_stream(5);
    smmu_cd_set_E0PD0(cdw, 1);
    write_cd();
    map_page(kVa, kPa);
    smmu_result r = xlate(5, kVa, false, SMMU_TXN_PRIV);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    // the privileged fill of the TLB does not let an unprivileged access through
    r = xlate(5, kVa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    expect_s1_fault(SMMU_EVT_F_TRANSLATION, kVa);
}

// ---- Attributes [13.1.4; Arm ARM MAIR] ----

TEST_F(Translate, Stage1MairAttributeIsTheOutputType)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, (PGT_S1_RW & ~PGT_ATTRINDX(7)) | PGT_ATTRINDX(1));
    map_page(kVa + 0x1000, kPa, (PGT_S1_RW & ~PGT_ATTRINDX(7)) | PGT_ATTRINDX(3));
    map_page(kVa + 0x2000, kPa, (PGT_S1_RW & ~(PGT_ATTRINDX(7) | PGT_SH(3))) | PGT_ATTRINDX(2));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(0x04, r.mair);
    EXPECT_EQ(2, r.sh);
    r = xlate(5, kVa + 0x1000);
    EXPECT_EQ(0xAA, r.mair);
    EXPECT_EQ(3, r.sh);
    r = xlate(5, kVa + 0x2000); // iNC-oNC: Outer Shareable whatever SH says
    EXPECT_EQ(0x44, r.mair);
    EXPECT_EQ(2, r.sh);
}

// ---- TLB [3.17] ----

TEST_F(Translate, SecondAccessHitsTlbAndConfigurationCache)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    smmu_result a = xlate(5, kVa + 4);
    smmu_result b = xlate(5, kVa + 8, false);
    ASSERT_EQ(SMMU_XLATE_OK, b.outcome);
    EXPECT_FALSE(a.tlb_hit);
    EXPECT_TRUE(b.tlb_hit);
    EXPECT_TRUE(b.cfg_hit);
    EXPECT_EQ(0u, b.fetches);
    EXPECT_EQ(kPa + 8, b.pa);
    EXPECT_EQ(a.mair, b.mair);
    EXPECT_EQ(a.sh, b.sh);
    EXPECT_EQ(a.perm, b.perm);
    EXPECT_EQ(kVa, b.map_base);
}

TEST_F(Translate, TlbiThroughCommandQueueMakesNextAccessMiss)
{
    // Checker mode: unmap and map with one TLBI after both is an incomplete
    // break-before-make on purpose (the TLB must still miss) [3.21.1.1]
    expected_findings = 1;
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    xlate(5, kVa);
    ASSERT_TRUE(xlate(5, kVa).tlb_hit);
    // remap, then invalidate as a driver does
    ASSERT_EQ(0, pgt_unmap(&pt, kVa, 0x1000));
    map_page(kVa, kPa + 0x10000);
    tlbi_all();
    smmu_result r = xlate(5, kVa);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x10000, r.pa);
}

// ---- Stream contexts: the TLB-hit path's memo of a stream's configuration ----
// A context stands for the STE and CD lookups of the configuration cache [3.3.4], so it must
// never outlive what they would find: every CFGI, fill and eviction drops it, and the register
// state it does not cache (SMMUEN, GBPA) is read on every access.

// The third access of a stream is served by its context; CMD_CFGI_STE then makes the next
// access fetch the new STE [4.3.1], here one whose CD (another ASID: the old non-global TLB
// entry does not match it) maps another PA.
TEST_F(Translate, CfgiSteAfterContextHitFetchesTheNewSte)
{
    // Checker mode: pt2 comes from pt's pool, so its tables overwrite the live ones: the
    // descriptor of kVa gets a new output address without break-before-make
    expected_findings = 1;
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa, PGT_S1_RW | PGT_NG);
    xlate(5, kVa);
    xlate(5, kVa);
    smmu_result r = xlate(5, kVa + 8);
    ASSERT_TRUE(r.tlb_hit && r.cfg_hit);
    // a second CD (ASID 2) over another table mapping kVa elsewhere
    pgt pt2{};
    s1_tables(&pt2, m);
    ASSERT_EQ(0, pgt_map(&pt2, kVa, kPa + 0x20000, 0x1000, PGT_S1_RW | PGT_NG));
    cd_builder cdb2{};
    cd_init(&cdb2, m, SMMU_PAS_NS, kCd + 0x1000, 0, 0, 0);
    cd_make(cdw, pt2.root, 12, 48, 48, 2, kMair);
    cd_write(&cdb2, 0, cdw);
    ste_make_s1(ste, kCd + 0x1000, 0, 0);
    write_ste(5);
    uint64_t c[2];
    cmd_cfgi_ste(c, 5, true, false);
    command(BANK_NS, c);
    r = xlate(5, kVa + 8);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_FALSE(r.cfg_hit);
    EXPECT_EQ(kPa + 0x20000 + 8, r.pa);
    r = xlate(5, kVa + 8);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x20000 + 8, r.pa);
}

// CMD_CFGI_CD after context hits: the next access uses the new CD (another ASID and table;
// the mappings are non-global, so the old TLB entry does not match the new ASID).
TEST_F(Translate, CfgiCdAfterContextHitFetchesTheNewCd)
{
    // Checker mode: pt2 comes from pt's pool, so its tables overwrite the live ones: the
    // descriptor of kVa gets a new output address without break-before-make
    expected_findings = 1;
    stream_with_context(PGT_S1_RW | PGT_NG);
    pgt pt2{};
    s1_tables(&pt2, m);
    ASSERT_EQ(0, pgt_map(&pt2, kVa, kPa + 0x30000, 0x1000, PGT_S1_RW | PGT_NG));
    cd_make(cdw, pt2.root, 12, 48, 48, 3, kMair);
    write_cd();
    uint64_t c[2];
    cmd_cfgi_cd(c, 5, 0, true, false);
    command(BANK_NS, c);
    smmu_result r = xlate(5, kVa);
    EXPECT_FALSE(r.cfg_hit);
    EXPECT_EQ(kPa + 0x30000, r.pa);
}

// CMD_TLBI_NH_VA after context hits: the context keeps no translation, the next access walks
// the new mapping [4.4.2].
TEST_F(Translate, TlbiVaAfterContextHitWalksTheNewMapping)
{
    // Checker mode: unmap and map with one TLBI after both is an incomplete
    // break-before-make on purpose (the next access must walk) [3.21.1.1]
    expected_findings = 1;
    stream_with_context(PGT_S1_RW | PGT_NG);
    ASSERT_EQ(0, pgt_unmap(&pt, kVa, 0x1000));
    map_page(kVa, kPa + 0x40000, PGT_S1_RW | PGT_NG);
    uint64_t c[2];
    cmd_tlbi_nh_va(c, 0, 1, kVa, true);
    command(BANK_NS, c);
    smmu_result r = xlate(5, kVa);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_TRUE(r.cfg_hit);
    EXPECT_EQ(kPa + 0x40000, r.pa);
}

// SMMUEN is read on every access: cleared after context hits, SMMU_GBPA decides (bypass, then
// abort after a GBPA update); set again, the stream translates [3.3.2 step 1, 6.3.14].
TEST_F(Translate, SmmuenAndGbpaChangesAfterContextHitAreHonoured)
{
    stream_with_context();
    uint32_t cr0 = drv_read32(&drv[BANK_NS], DRV_CR0);
    gbpa(BANK_NS, 0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], cr0 & ~DRV_CR0_SMMUEN));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(kVa, r.pa);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_FALSE(r.cfg_hit);
    gbpa(BANK_NS, (uint32_t)SMMU_GBPA_ABORT);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(5, kVa).outcome);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], cr0));
    r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
}

// A context stands for its lookups: each hit counts the STE and the CD as configuration-cache
// hits, as the lookups it replaces would.
TEST_F(Translate, ContextHitCountsAsTheSteAndCdLookups)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    xlate(5, kVa);
    smmu_stats a = stats();
    for (int i = 0; i < 4; i++)
        ASSERT_TRUE(xlate(5, kVa).tlb_hit);
    smmu_stats b = stats();
    EXPECT_EQ(8u, b.cfg_hits - a.cfg_hits);
    EXPECT_EQ(0u, b.cfg_misses - a.cfg_misses);
    EXPECT_EQ(4u, b.tlb_hits - a.tlb_hits);
}

// A stream whose entries the configuration cache evicted is fetched again: a context never
// serves what the cache no longer holds.
TEST_F(Translate, EvictedConfigurationIsFetchedAgainAfterContextHits)
{
    cfg.cfg_entries = 2;
    cfg.cfg_ways = 2;
    stream_with_context();
    write_ste(6); // stream 6: the same configuration
    ASSERT_EQ(kPa, xlate(6, kVa).pa); // its STE replaces stream 5's
    smmu_result r = xlate(5, kVa);
    EXPECT_FALSE(r.cfg_hit);
    EXPECT_GT(r.fetches, 0u);
    EXPECT_EQ(kPa, r.pa);
}

// Contexts are keyed by SubstreamID and its absence: with S1DSS = 0b10 an access without a
// SubstreamID uses CD 0 (and keeps hitting), while SubstreamID 0 stays reserved and SubstreamID
// 1 uses its own CD [5.2 S1DSS].
TEST_F(Substream, ContextsSeparateNoSubstreamFromSubstreamIds)
{
    setup(2);
    for (int i = 0; i < 3; i++)
        ASSERT_EQ(kPa + 0x20, xlate(5, kVa + 0x20).pa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_STREAM_DISABLED,
              xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 0).event);
    for (int i = 0; i < 3; i++)
        EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION,
                  xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 1).event);
    for (int i = 0; i < 3; i++)
        EXPECT_EQ(kPa, xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 2).pa);
    smmu_result r = xlate(5, kVa + 0x20);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x20, r.pa);
}

struct RaceCtx {
    Translate *t;
    uint64_t leaf_pa;
    bool fired;
};

TEST_F(Translate, WalkRacingInvalidationInsertsNoStaleEntry)
{
    create_and_enable();
    s1_stream(5);
    map_page(kVa, kPa);
    uint64_t leaf;
    smmu_pa_space pas;
    int level;
    uint64_t desc;
    ASSERT_EQ(0, pgt_leaf(&pt, kVa, &leaf, &pas, &level, &desc));
    RaceCtx ctx{this, pgt_pa(&pt, leaf), false};
    // When the walk reads the leaf, software remaps the page and invalidates the TLB through
    // the command queue: the walk read memory of the old generation.
    m->on_read_arg = &ctx;
    m->on_read = [](void *arg, uint64_t pa, smmu_pa_space) {
        RaceCtx *c = static_cast<RaceCtx *>(arg);
        if (c->fired || pa != c->leaf_pa)
            return;
        c->fired = true;
        c->t->tlbi_all();
    };
    smmu_result r = xlate(5, kVa);
    ASSERT_TRUE(ctx.fired);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    m->on_read = nullptr;
    // the entry built during the invalidation was dropped: the next access walks again
    r = xlate(5, kVa);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_TRUE(xlate(5, kVa).tlb_hit);
}

// ---- Debug transactions: no events, no cache fills, no HTTU ----

TEST_F(Translate, DebugAccessRecordsNothingCachesNothingUpdatesNothing)
{
    create_and_enable();
    s1_stream(5);
    smmu_cd_set_HA(cdw, 1);
    write_cd();
    map_page(kVa, kPa, PGT_S1_RW & ~PGT_AF);
    uint64_t leaf, desc;
    smmu_pa_space pas;
    int level;
    ASSERT_EQ(0, pgt_leaf(&pt, kVa, &leaf, &pas, &level, &desc));

    smmu_result r = xlate(5, kVa, false, SMMU_TXN_DEBUG);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
    EXPECT_EQ(0u, pgt_read(&pt, leaf, pas) & PGT_AF); // AF not written
    r = xlate(5, 0x40000000, false, SMMU_TXN_DEBUG);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0u, stats().events_by_type[SMMU_EVT_F_TRANSLATION]);
    // nothing was cached: the first real access misses both caches and sets AF
    r = xlate(5, kVa);
    EXPECT_FALSE(r.cfg_hit);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_NE(0u, pgt_read(&pt, leaf, pas) & PGT_AF);
}

// ---- Property: a Non-secure stream never produces non-NS output [3.10.2] ----

TEST_F(Translate, RandomConfigurationsNeverGiveNonSecureStreamsOtherOutput)
{
    // Checker mode: scribbling over live tables is what the checker reports (the seed
    // makes it two findings)
    expected_findings = 2;
    cfg.gbpa_abort_at_reset = false;
    create_and_enable();
    std::mt19937_64 rng(12345);
    s1_stream(5);
    for (unsigned i = 0; i < 64; i++)
        map_page(rng() & 0xFFFFFFF000ull, rng() & 0xFFFFFFF000ull,
                 (rng() & (PGT_T_ATTRS | 0x0FF0000000000FFCull)) | PGT_NS | 1);
    for (unsigned iter = 0; iter < 3000; iter++) {
        if (iter % 100 == 0) {
            // scribble over STEs, CDs and tables, then invalidate everything
            for (unsigned k = 0; k < 16; k++) {
                uint64_t where = (rng() % 4 == 0) ? kStrtab + (rng() % (16 * 64))
                                 : (rng() % 2) ? kCd + (rng() % 256)
                                               : kS1Pool + (rng() % 0x8000);
                fake_mem_wr64(m, where & ~7ull, SMMU_PAS_NS, rng());
            }
            if (iter % 300 == 0) {
                ste_make_s1(ste, kCd, 0, 0);
                write_ste(5);
            }
            tlbi_all();
            cfgi_all();
        }
        uint64_t addr = rng();
        if (rng() % 2)
            addr &= 0xFFFFFFFFFFull;
        smmu_result r = xlate((uint32_t)(rng() % 20), addr, rng() % 2,
                              (uint32_t)(rng() & 0xF), SMMU_SEC_NS, rng() % 4 == 0,
                              (uint32_t)(rng() % 8));
        if (r.outcome == SMMU_XLATE_OK || r.outcome == SMMU_XLATE_BYPASS) {
            ASSERT_EQ(SMMU_PAS_NS, r.pas) << "iteration " << iter;
        }
        // drain the queue so that it never fills
        Rec e{};
        while (next_event(&e)) {
        }
    }
}

} // namespace

// ---- Strict invalidation (smmu_config.strict_invalidation; docs/bring-up.md) ----
// The model then invalidates no more than each command is required to, so that a driver that
// relies on over-invalidation fails visibly. Each case runs without and with strict mode: the
// default (over-invalidating, also architectural) result, then the strict one.

class StrictInvalidation : public Translate, public ::testing::WithParamInterface<bool> {
public:
    bool strict() const { return GetParam(); }
    void create_strict()
    {
        cfg.strict_invalidation = strict();
        create();
    }
    void sync_command(const uint64_t c[2]) { command(BANK_NS, c); }
};

// "only required to invalidate TLB entries ... matching TTL" [4.4.1]: a TLBI of a 4 KB page
// with TTL = 3 (what Linux 6.1 sends when it unmaps one page of a 2 MB block) keeps the cached
// level-2 block in strict mode; TTL = 2 removes it.
TEST_P(StrictInvalidation, TlbiWithTtlRemovesOnlyEntriesOfThatLevel)
{
    create_strict();
    expected_findings = strict(); // checker mode: the stale use it plants (check_test.cpp)
    enable();
    s1_stream(5);
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x80000000, 0x200000, PGT_S1_RW)); // level-2 block
    ASSERT_EQ(0x80001000u, xlate(5, 0x40001000).pa);
    ASSERT_EQ(0, pgt_unmap(&pt, 0x40000000, 0x200000));
    uint64_t c[2];
    cmd_tlbi_nh_va(c, 0, 1, 0x40001000, true);
    cmd_tlbi_range(c, 1, 0, 0, 3); // TG 4 KB, one page, TTL level 3
    sync_command(c);
    smmu_result r = xlate(5, 0x40001000);
    if (strict()) {
        EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_TRUE(r.tlb_hit);
        EXPECT_EQ(0x80001000u, r.pa); // the stale block still translates
        cmd_tlbi_nh_va(c, 0, 1, 0x40001000, true);
        cmd_tlbi_range(c, 1, 0, 0, 2); // TTL level 2: the block's level
        sync_command(c);
        r = xlate(5, 0x40001000);
    }
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ(unsigned(SMMU_EVT_F_TRANSLATION), r.event);
}

// "When Leaf == 1, only the STE is invalidated and the intermediate L1ST descriptors are not
// required to be invalidated" [4.3.1], and an L1STD may be cached "whether marked as valid or
// not" [3.21.3]: a new L1STD followed only by a leaf CMD_CFGI_STE (the second Linux 6.1
// pattern) leaves the stream unreachable in strict mode until a Leaf = 0 CMD_CFGI_STE.
TEST_P(StrictInvalidation, LeafCfgiSteKeepsACachedL1std)
{
    create_strict();
    expected_findings = strict(); // checker mode: the stale use it plants (check_test.cpp)
    enable(BANK_NS, false);
    st_init_2level(&st[BANK_NS], m, SMMU_PAS_NS, kStrtab + 0x10000, 16, 8, 0x180000);
    drv_set_strtab(&drv[BANK_NS], st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    // The L1STD of StreamID 0x1234 is read while its Span is 0
    EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_STREAMID), xlate(0x1234, kVa).event);
    s1_stream(0x1234); // a new L2 array: the L1STD becomes valid, then the STE
    map_page(kVa, kPa);
    uint64_t c[2];
    cmd_cfgi_ste(c, 0x1234, true, false);
    sync_command(c);
    smmu_result r = xlate(0x1234, kVa);
    if (strict()) {
        EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
        EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_STREAMID), r.event); // the cached Span-0 L1STD
        cmd_cfgi_ste(c, 0x1234, false, false);
        sync_command(c);
        r = xlate(0x1234, kVa);
    }
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
}

// The same for an L1CD and CMD_CFGI_CD [4.3.3]; CMD_CFGI_CD with Leaf = 0 removes it.
TEST_P(StrictInvalidation, LeafCfgiCdKeepsACachedL1cd)
{
    create_strict();
    expected_findings = strict(); // checker mode: the stale use it plants (check_test.cpp)
    enable();
    s1_tables(&pt, m);
    cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
    cd_init(&cdb, m, SMMU_PAS_NS, kCd, 1, 8, kCd + 0x10000); // 2-level, 4 KB leaves of 64 CDs
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 1, 8);
    write_ste(5);
    map_page(kVa, kPa);
    // SubstreamID 70 is in the second leaf, whose L1CD is invalid when first read
    EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_SUBSTREAMID), xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 70).event);
    cd_write(&cdb, 70, cdw);
    uint64_t c[2];
    cmd_cfgi_cd(c, 5, 70, true, false);
    sync_command(c);
    smmu_result r = xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 70);
    if (strict()) {
        EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_SUBSTREAMID), r.event);
        cmd_cfgi_cd(c, 5, 70, false, false);
        sync_command(c);
        r = xlate(5, kVa, false, 0, SMMU_SEC_NS, true, 70);
    }
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
}

// Debug transactions fill no cache [smmuv3.h SMMU_TXN_DEBUG]: not the level-1 one either.
TEST_P(StrictInvalidation, DebugTransactionsCacheNoL1std)
{
    create_strict();
    enable(BANK_NS, false);
    st_init_2level(&st[BANK_NS], m, SMMU_PAS_NS, kStrtab + 0x10000, 16, 8, 0x180000);
    drv_set_strtab(&drv[BANK_NS], st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    EXPECT_EQ(unsigned(SMMU_EVT_C_BAD_STREAMID), xlate(0x1234, kVa, false, SMMU_TXN_DEBUG).event);
    s1_stream(0x1234);
    map_page(kVa, kPa);
    uint64_t c[2];
    cmd_cfgi_ste(c, 0x1234, true, false);
    sync_command(c);
    EXPECT_EQ(kPa, xlate(0x1234, kVa).pa);
}

INSTANTIATE_TEST_SUITE_P(Modes, StrictInvalidation, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &i) {
                             return std::string(i.param ? "Strict" : "Default");
                         });
