// Incoming memory attributes [IHI 0070 13.1]: what a transaction carries (SMMU_TXN_MEMATTR:
// memory type with its allocation and transient hints, shareability) passes through bypass
// and "use incoming" overrides, is replaced by overrides (13.1.4), combines with stage 2 when
// stage 1 does not translate (13.1.5), is replaced by stage 1, and is made consistent on
// output (13.1.7). Attributes are MAIR Attr<n> bytes: outer nibble << 4 | inner nibble.
#include "xlate_fixture.h"

namespace {

class Attrs : public XlateTest {
public:
    pgt s2{};
    uint64_t ste[8]{};

    // A transaction of SID sid at addr carrying incoming attributes mair, sh.
    smmu_result xlate_attrs(uint32_t sid, uint64_t addr, uint8_t mair, uint8_t sh)
    {
        smmu_txn t = txn_of(sid, addr, false, SMMU_TXN_MEMATTR);
        t.mair = mair;
        t.sh = sh;
        return translate(t);
    }
    // SID 5: stage 2 only, IPA [0x40000000, +4 KB) -> PA 0x80000000 with stage-2 MemAttr
    // memattr (SH ISH), and the STE overrides that tweak sets.
    void s2_stream(unsigned memattr, void (*tweak)(uint64_t *) = nullptr)
    {
        create_and_enable();
        s2_tables(&s2, m);
        ASSERT_EQ(0, pgt_map(&s2, 0x40000000, 0x80000000, 0x1000,
                             (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(memattr)));
        ste_make_bypass(ste);
        ste_s2_params sp = s2_params_of(s2, 48, 3);
        ste_set_s2(ste, &sp);
        if (tweak)
            tweak(ste);
        st_write_ste(&st[BANK_NS], 5, ste);
    }
    // The same transaction as a walk, then as a TLB hit: both give (mair, sh).
    void expect_twice(uint32_t sid, uint64_t addr, uint8_t in_mair, uint8_t in_sh, uint8_t mair,
                      uint8_t sh)
    {
        for (int i = 0; i < 2; i++) {
            SCOPED_TRACE(i ? "TLB hit" : "walk");
            smmu_result r = xlate_attrs(sid, addr, in_mair, in_sh);
            ASSERT_EQ(SMMU_XLATE_OK, r.outcome) << m->log;
            EXPECT_EQ(i == 1, r.tlb_hit);
            EXPECT_EQ(mair, r.mair);
            EXPECT_EQ(sh, r.sh);
        }
    }
};

// [13.1.4 SMMU_GBPA.SHCFG "used directly without override"; 13.1.7] Global bypass with the
// reset GBPA (MTCFG 0, ALLOCCFG 0, SHCFG use incoming) passes the incoming type, hints and
// shareability; Device is Outer Shareable whatever came in. Without SMMU_TXN_MEMATTR the
// 13.1.3 defaults apply: Normal iWB-oWB RA WA nTR, Non-shareable.
TEST_F(Attrs, GlobalBypassPassesIncomingAttributes)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_NS, false);
    smmu_result r = xlate_attrs(5, 0x1000, 0xA4, 3); // oWT RA nWA nTR, iNC, ISH
    ASSERT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0xA4, r.mair);
    EXPECT_EQ(3, r.sh);
    r = xlate_attrs(5, 0x1000, 0x04, 3); // Device-nGnRE
    EXPECT_EQ(0x04, r.mair);
    EXPECT_EQ(2, r.sh);
    r = xlate(5, 0x1000);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(0, r.sh);
}

// [13.1.4] "When an input transaction provides a memory type that is not cacheable and an STE
// or GBPA input override changes the inner or outer type to a cacheable type, the input RA,
// WA and TR attributes are taken to be 'RA, WA, nTR'": GBPA MemAttr WB over Device-nGRE is
// WB RAWA nTR. Over a cacheable input the input's hints stay: WB transient RA (0x66) stays
// 0x66, and becomes WT transient RA (0x22) under MemAttr WT.
TEST_F(Attrs, GbpaMemAttrKeepsCacheableInputHintsAndDefaultsOthers)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_NS, false);
    gbpa(BANK_NS, (uint32_t)(SMMU_GBPA_MTCFG | SMMU_FIELD_PREP(SMMU_GBPA_MEMATTR, 0xF) |
                             SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 1)));
    smmu_result r = xlate_attrs(5, 0x1000, 0x08, 3);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh); // SHCFG 01: the incoming ISH
    EXPECT_EQ(0x66, xlate_attrs(5, 0x1000, 0x66, 0).mair);
    gbpa(BANK_NS, (uint32_t)(SMMU_GBPA_MTCFG | SMMU_FIELD_PREP(SMMU_GBPA_MEMATTR, 0xA)));
    r = xlate_attrs(5, 0x1000, 0x66, 3);
    EXPECT_EQ(0x22, r.mair);
    EXPECT_EQ(0, r.sh); // SHCFG 00: Non-shareable replaces the incoming ISH
}

// [13.1.4] Allocation overrides "do not affect memory types that are not Normal-WB or
// Normal-WT": STE.ALLOCCFG on a non-cacheable input leaves it iNC-oNC, Outer Shareable.
// A cacheable input takes the override's hints.
TEST_F(Attrs, SteAllocCfgDoesNotTouchNonCacheableInput)
{
    create_and_enable();
    ste_make_bypass(ste);
    smmu_ste_set_ALLOCCFG(ste, 0xE); // RA, WA, non-transient
    smmu_ste_set_SHCFG(ste, 1);      // use incoming
    st_write_ste(&st[BANK_NS], 5, ste);
    smmu_result r = xlate_attrs(5, 0x2000, 0x44, 3);
    ASSERT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0x44, r.mair);
    EXPECT_EQ(2, r.sh);
    r = xlate_attrs(5, 0x2000, 0xCC, 3); // WB no-allocate -> WB RAWA
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
}

// [13.1.5] Stage 2 "combines its attribute ... with the incoming attributes when stage 1 is not
// enabled", taking the stronger of each: incoming WB ISH + stage-2 NC = iNC-oNC, OSH; incoming
// Device-nGnRE + stage-2 WB = Device-nGnRE, OSH; incoming WB no-allocate NSH + stage-2 WB ISH
// = WB no-allocate ISH (stage 2 has no hints). Walks and TLB hits agree: the stage-2 entry
// holds stage 2's attributes and each transaction's own input combines at use.
TEST_F(Attrs, Stage2OnlyCombinesWithTheIncomingAttributes)
{
    s2_stream(0x5); // Normal iNC-oNC
    expect_twice(5, 0x40000010, 0xFF, 3, 0x44, 2);
    smmu_destroy(s);
    s = nullptr;
    fake_mem_clear(m);
    s2_stream(0xF); // Normal iWB-oWB
    expect_twice(5, 0x40000010, 0x04, 3, 0x04, 2);
    smmu_result r = xlate_attrs(5, 0x40000020, 0xCC, 0);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(0xCC, r.mair);
    EXPECT_EQ(3, r.sh);
}

// [13.1.4 Table 13.5, 13.1.5] On a stage-2-only stream the STE overrides apply to the input
// before stage 2 combines: MTCFG MemAttr WT over an incoming Device input, then stage-2 WB:
// WT with the default hints, RA WA nTR (0xBB).
TEST_F(Attrs, Stage2OnlyStreamOverridesApplyToTheIncomingInput)
{
    s2_stream(0xF, [](uint64_t *e) {
        smmu_ste_set_MTCFG(e, 1);
        smmu_ste_set_MemAttr(e, 0xA);
        smmu_ste_set_SHCFG(e, 1);
    });
    expect_twice(5, 0x40000000, 0x00, 0, 0xBB, 3);
}

// [13.1.4] "an input type of Device or Normal-iNC-oNC, whether supplied by the client device
// or overridden in SMMU_(S_)GBPA or in the STE, will always be OSH regardless of any SHCFG
// override", also when stage 2 with S2FWB (MemAttr 0b111: Write-Back) makes the result
// cacheable: a Device-nGnRE Non-shareable input becomes Normal WB, Outer Shareable (OSH is
// stronger than stage 2's ISH).
TEST_F(Attrs, DeviceInputIsOuterShareableBeforeStage2Fwb)
{
    s2_stream(0x7, [](uint64_t *e) { smmu_ste_set_S2FWB(e, 1); });
    expect_twice(5, 0x40000000, 0x04, 0, 0xFF, 2);
    smmu_result r = xlate_attrs(5, 0x40000010, 0xFF, 0); // a Normal WB NSH input keeps ISH
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
}

// [13.1.4] "When stage 1 translation is used, memory type attributes that are provided by
// translation table entries replace the attributes provided by the input transaction": a
// Device-nGnRnE Outer Shareable input changes nothing.
TEST_F(Attrs, Stage1ReplacesTheIncomingAttributes)
{
    create_and_enable();
    pgt pt{};
    s1_tables(&pt, m);
    ASSERT_EQ(0, pgt_map(&pt, 0x10000, 0x90000000, 0x1000, PGT_S1_RW));
    uint64_t cdw[8];
    cd_builder cdb{};
    cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
    cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 0, 0);
    st_write_ste(&st[BANK_NS], 5, ste);
    expect_twice(5, 0x10000, 0x00, 2, 0xFF, 3); // AttrIndx 0 of kMair, descriptor SH ISH
    smmu_result plain = xlate(5, 0x10000);      // the same without incoming attributes
    EXPECT_EQ(0xFF, plain.mair);
    EXPECT_EQ(3, plain.sh);
}

} // namespace
