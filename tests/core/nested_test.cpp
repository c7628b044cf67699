// Stage 2 and nested (stage 1 + stage 2) translation [IHI 0070 3.3.2, 3.4, 3.12, 5.2, 7.3;
// reference digest 8.8]: exact PAs, the CLASS / IPA of stage-2 faults met while fetching the CD
// (CLASS=CD), a stage-1 table (CLASS=TT) or the final IPA (CLASS=IN), S2PTW, S2R, and the
// combination of stage-1 and stage-2 memory attributes (with and without S2FWB).
#include "xlate_fixture.h"

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kIpa = 0x40000000;
constexpr uint64_t kPa = 0x80000000;
constexpr uint64_t kOff = 0x10000000; // structure IPA a lives at PA a + kOff

uint64_t ipa_to_pa(void *, uint64_t ipa) { return ipa + kOff; }

class Nested : public XlateTest {
public:
    pgt s1{}, s2{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};
    ste_s2_params sp{};

    // SID 5: a nested stream. Stage 2 maps the structure IPAs [0, 16 MB) to PA + kOff with
    // `struct_attrs` (2 MB blocks) unless `map_structs` is false; the CD and stage-1 tables
    // live in IPA space.
    void setup(bool nested = true, uint64_t struct_attrs = PGT_S2_RW, bool map_structs = true)
    {
        create_and_enable();
        s2_tables(&s2, m);
        if (map_structs) {
            ASSERT_EQ(0, pgt_map(&s2, 0, kOff, 0x1000000, struct_attrs));
        }
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        p.mem_offset = kOff;
        ASSERT_EQ(0, pgt_init(&s1, m, &p));
        cd_make(cdw, s1.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cdb.ipa_to_pa = ipa_to_pa;
        cd_write(&cdb, 0, cdw);
        if (nested)
            ste_make_s1(ste, kCd, 0, 0);
        else
            ste_make_bypass(ste);
        sp.ttb = s2.root;
        sp.granule_shift = 12;
        sp.ia_bits = 48;
        sp.start_level = pgt_start_level(&s2);
        sp.ps_bits = 48;
        sp.vmid = 3;
        ste_set_s2(ste, &sp);
        write_ste();
    }
    void write_ste() { st_write_ste(&st[BANK_NS], 5, ste); }

    void expect_s2_fault(unsigned type, unsigned cls, uint64_t ipa, uint64_t addr = kVa)
    {
        Rec r{};
        ASSERT_TRUE(next_event(&r));
        EXPECT_EQ(type, r.type);
        EXPECT_EQ(5u, r.sid);
        EXPECT_TRUE(r.s2);
        EXPECT_EQ(cls, r.cls);
        EXPECT_EQ(ipa & ~0xFFFull, r.ipa); // the record holds IPA[55:12]
        EXPECT_FALSE(r.nsipa);            // Non-secure event queue
        EXPECT_EQ(addr, r.input_addr);
        EXPECT_TRUE(r.rnw);
        EXPECT_FALSE(r.stall);
        EXPECT_EQ(0u, pending_events());
    }
};

TEST_F(Nested, NestedTranslationGivesExactPa)
{
    setup();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x200000, PGT_S2_RW));
    smmu_result r = xlate(5, kVa + 0x9ab);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x9ab, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
    // the mapping is the smaller of the stage-1 page and the stage-2 block
    EXPECT_EQ(kVa, r.map_base);
    EXPECT_EQ(0x1000u, r.map_size);
    r = xlate(5, kVa + 0x10);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x10, r.pa);
}

TEST_F(Nested, Stage2FaultOnCdFetchRecordsClassCdWithCdAddress)
{
    setup(true, PGT_S2_RW, false);
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    expect_s2_fault(SMMU_EVT_F_TRANSLATION, EVT_CLASS_CD, kCd);
}

TEST_F(Nested, Stage2FaultOnStage1TableFetchRecordsClassTtWithDescriptorIpa)
{
    setup(true, PGT_S2_RW, false);
    // stage 2 maps the CD but not the stage-1 tables
    ASSERT_EQ(0, pgt_map(&s2, kCd, kCd + kOff, 0x1000, PGT_S2_RW));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    expect_s2_fault(SMMU_EVT_F_TRANSLATION, EVT_CLASS_TT, s1.root);
}

TEST_F(Nested, Stage2FaultOnFinalIpaRecordsClassIn)
{
    setup();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    smmu_result r = xlate(5, kVa + 0x20);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    expect_s2_fault(SMMU_EVT_F_TRANSLATION, EVT_CLASS_IN, kIpa, kVa + 0x20);
}

TEST_F(Nested, Stage2PermissionFaultOnFinalIpaObeysS2R)
{
    setup();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, (PGT_S2_RW & ~PGT_S2AP(3)) | PGT_S2AP(1)));
    EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome);
    smmu_result r = xlate(5, kVa, true);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, e.type);
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.cls);
    EXPECT_FALSE(e.rnw);
    EXPECT_EQ(kIpa, e.ipa);
}

TEST_F(Nested, S2rZeroSuppressesStage2RecordButStillAborts)
{
    setup();
    ste_set_S2R(ste, 0);
    write_ste();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome); // stage-2 faults never terminate as RAZ/WI
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Nested, S2ptwMakesStage1WalkToDeviceMemoryAStage2PermissionFault)
{
    // CD in Normal memory, stage-1 tables in stage-2 Device-nGnRE memory
    setup(true, PGT_S2_RW, false);
    ASSERT_EQ(0, pgt_map(&s2, kCd, kCd + kOff, 0x1000, PGT_S2_RW));
    ASSERT_EQ(0, pgt_map(&s2, kS1Pool, kS1Pool + kOff, 0x400000,
                         (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(1)));
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, PGT_S2_RW));
    // S2PTW = 0: the walk may use Device memory
    EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome);

    ste_set_S2PTW(ste, 1);
    ste_set_S2VMID(ste, 4); // another VMID: no cached stage-2 translations
    st_write_ste(&st[BANK_NS], 6, ste);
    smmu_result r = xlate(6, kVa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, e.type);
    EXPECT_EQ(6u, e.sid);
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_TT, e.cls);
    EXPECT_TRUE(e.ttrnw); // a descriptor read
    EXPECT_EQ(s1.root, e.ipa);
}

// ---- Stage 2 only [5.2 Config 0b110; 3.4] ----

TEST_F(Nested, Stage2OnlyTranslatesTheInputAsIpa)
{
    setup(false);
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x200000, PGT_S2_RW));
    smmu_result r = xlate(5, kIpa + 0x12345);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x12345, r.pa);
    EXPECT_EQ(kIpa, r.map_base);
    EXPECT_EQ(0x200000u, r.map_size);
    // incoming Non-shareable combined with stage-2 Inner Shareable
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
    r = xlate(5, kIpa + 0x40);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(kPa + 0x40, r.pa);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
}

TEST_F(Nested, Stage2OnlyInputBeyondIasIsStage1AddressSizeFault)
{
    setup(false);
    smmu_result r = xlate(5, 1ull << 48);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, e.type);
    EXPECT_FALSE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.cls);
}

// ---- Attribute combination [13.1.5, 13.1.6] ----

TEST_F(Nested, Stage2NonCacheableCombinesWithStage1WriteBack)
{
    setup();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&s1, kVa + 0x1000, kIpa + 0x1000, 0x1000,
                         (PGT_S1_RW & ~PGT_ATTRINDX(7)) | PGT_ATTRINDX(1)));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(5)));
    ASSERT_EQ(0, pgt_map(&s2, kIpa + 0x1000, kPa, 0x1000, PGT_S2_RW));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(0x44, r.mair); // WB + NC = NC, Outer Shareable
    EXPECT_EQ(2, r.sh);
    r = xlate(5, kVa + 0x1000);
    EXPECT_EQ(0x04, r.mair); // Device-nGnRE + WB = Device-nGnRE
    EXPECT_EQ(2, r.sh);
}

TEST_F(Nested, S2fwbForcesWriteBackOrKeepsStage1Type)
{
    setup();
    ste_set_S2FWB(ste, 1);
    write_ste();
    const uint64_t dev = (PGT_S1_RW & ~PGT_ATTRINDX(7)) | PGT_ATTRINDX(1);
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, dev));
    ASSERT_EQ(0, pgt_map(&s1, kVa + 0x1000, kIpa + 0x1000, 0x1000, dev));
    ASSERT_EQ(0, pgt_map(&s1, kVa + 0x2000, kIpa + 0x2000, 0x1000, PGT_S1_RW));
    // MemAttr[2:0] 0b111: Write-Back; 0b110: stage-1 type; 0b101: Non-cacheable
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(7)));
    ASSERT_EQ(0, pgt_map(&s2, kIpa + 0x1000, kPa, 0x1000,
                         (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(6)));
    ASSERT_EQ(0, pgt_map(&s2, kIpa + 0x2000, kPa, 0x1000,
                         (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(5)));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(0xFF, r.mair);
    EXPECT_EQ(3, r.sh);
    r = xlate(5, kVa + 0x1000);
    EXPECT_EQ(0x04, r.mair);
    EXPECT_EQ(2, r.sh);
    r = xlate(5, kVa + 0x2000);
    EXPECT_EQ(0x44, r.mair);
    EXPECT_EQ(2, r.sh);
}

TEST_F(Nested, SteOverridesCombineWithStage2OnStage2OnlyStreams)
{
    setup(false);
    ste_set_MTCFG(ste, 1);
    ste_set_MemAttr(ste, 0xA); // Normal iWT-oWT
    ste_set_SHCFG(ste, 2);
    write_ste();
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, PGT_S2_RW));
    smmu_result r = xlate(5, kIpa);
    EXPECT_EQ(0xBB, r.mair); // WT (RA, WA from the defaults) combined with WB
    EXPECT_EQ(2, r.sh);      // OSH is stronger than the stage-2 ISH
    r = xlate(5, kIpa + 4);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(0xBB, r.mair);
    EXPECT_EQ(2, r.sh);
}

} // namespace
