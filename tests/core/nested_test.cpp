// Stage 2 and nested (stage 1 + stage 2) translation [IHI 0070 3.3.2, 3.4, 3.12, 5.2, 7.3;
// reference digest 8.8]: exact PAs, the CLASS / IPA of stage-2 faults met while fetching the CD
// (CLASS=CD), a stage-1 table (CLASS=TT) or the final IPA (CLASS=IN), S2PTW, S2R, and the
// combination of stage-1 and stage-2 memory attributes (with and without S2FWB).
#include <vector>

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
        sp = s2_params_of(s2, 48, 3);
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
    smmu_ste_set_S2R(ste, 0);
    write_ste();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome); // stage-2 faults never terminate as RAZ/WI
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
}

// [3.12, 5.2 STE.S2R] A stage-2 F_PERMISSION obeys STE.S2R: not recorded with S2R = 0, but
// generated (counted) and terminated.
TEST_F(Nested, Stage2PermissionFaultWithS2rZeroIsNotRecorded)
{
    setup();
    smmu_ste_set_S2R(ste, 0);
    write_ste();
    ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, (PGT_S2_RW & ~PGT_S2AP(3)) | PGT_S2AP(1)));
    EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome);
    smmu_result r = xlate(5, kVa, true);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_F_PERMISSION]);
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

    smmu_ste_set_S2PTW(ste, 1);
    smmu_ste_set_S2VMID(ste, 4); // another VMID: no cached stage-2 translations
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

// ---- Memory type of stage-1 table fetches [13.1.5, 13.1.6; 5.2 S2PTW; 6.3.4 PTWNNC] ----

// The CD's walk attributes (cd_make: IR0 = OR0 = WB RA WA, SH0 = ISH) combined with the stage-2
// attributes `pool_attrs` of the stage-1 table IPAs. setup() leaves TLB_S2 entries for the CD,
// the table pool and the final IPA after a first translation (of another VA through the same
// upper tables), so the second translation reads exactly the four stage-1 descriptors; their
// attributes are returned in walk order.
class NestedTableFetch : public Nested {
public:
    static constexpr uint64_t kWarmVa = kVa + 0x200000; // another level-3 table

    void setup_pool(uint64_t pool_attrs, bool fwb = false, bool s2ptw = false)
    {
        setup(true, PGT_S2_RW, false);
        smmu_ste_set_S2FWB(ste, fwb ? 1 : 0);
        smmu_ste_set_S2PTW(ste, s2ptw ? 1 : 0);
        write_ste();
        ASSERT_EQ(0, pgt_map(&s2, kCd, kCd + kOff, 0x1000, PGT_S2_RW));
        ASSERT_EQ(0, pgt_map(&s2, kS1Pool, kS1Pool + kOff, 0x400000,
                             (PGT_S2_RW & ~(PGT_MEMATTR(15) | PGT_SH(3))) | pool_attrs));
        ASSERT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
        ASSERT_EQ(0, pgt_map(&s1, kWarmVa, kIpa, 0x1000, PGT_S1_RW));
        ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x200000, PGT_S2_RW));
    }

    // Translate kWarmVa, then kVa; returns the attributes of kVa's descriptor fetches.
    std::vector<smmu_mem_attrs> table_fetch_attrs()
    {
        std::vector<smmu_mem_attrs> out;
        EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kWarmVa).outcome);
        fake_mem_clear_read_log(m);
        smmu_result r = xlate(5, kVa + 0x10);
        EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_EQ(kPa + 0x10, r.pa);
        EXPECT_EQ(4u, m->nread_log); // levels 0-3, every stage-2 translation from TLB_S2
        for (unsigned i = 0; i < m->nread_log && i < FAKE_MEM_READ_LOG; i++) {
            const fake_read &f = m->read_log[i];
            EXPECT_GE(f.pa, kS1Pool + kOff);
            EXPECT_LT(f.pa, kS1Pool + kOff + 0x400000);
            EXPECT_EQ(8u, f.len);
            out.push_back(f.attrs);
        }
        return out;
    }

    static void expect_all(const std::vector<smmu_mem_attrs> &v, uint8_t mair, uint8_t sh)
    {
        ASSERT_EQ(4u, v.size());
        for (size_t i = 0; i < v.size(); i++) {
            EXPECT_EQ(mair, v[i].mair) << "level " << i;
            EXPECT_EQ(sh, v[i].sh) << "level " << i;
        }
    }
};

TEST_F(NestedTableFetch, Stage2WriteBackKeepsTheCdWalkAttributes)
{
    setup_pool(PGT_MEMATTR(0xF) | PGT_SH(3));
    expect_all(table_fetch_attrs(), 0xFF, 3);
}

TEST_F(NestedTableFetch, Stage2WriteThroughOuterShareableCombinesWithCdWriteBack)
{
    // WB RA WA (walk) + stage-2 iWT-oWT = WT with the walk's hints; OSH is stronger than ISH
    setup_pool(PGT_MEMATTR(0xA) | PGT_SH(2));
    expect_all(table_fetch_attrs(), 0xBB, 2);
}

TEST_F(NestedTableFetch, Stage2NonCacheableMakesTableFetchesNonCacheableOuterShareable)
{
    setup_pool(PGT_MEMATTR(0x5) | PGT_SH(3));
    expect_all(table_fetch_attrs(), 0x44, 2);
}

TEST_F(NestedTableFetch, PtwnncMakesStage2DeviceTableFetchesNormalNonCacheable)
{
    // IDR3.PTWNNC == 1 (SMMUv3.3 with stage 2), S2PTW == 0: a walk mapped as Device-nGnRE
    // occurs as Normal Non-cacheable, Outer Shareable [5.2 S2PTW; 13.1.7]
    setup_pool(PGT_MEMATTR(0x1) | PGT_SH(0));
    expect_all(table_fetch_attrs(), 0x44, 2);
}

TEST_F(NestedTableFetch, WithoutPtwnncStage2DeviceTableFetchesStayDevice)
{
    // SMMUv3.2: IDR3.PTWNNC == 0, S2PTW == 0 permits Device table walks [6.3.4]
    cfg.arch_minor = 2;
    setup_pool(PGT_MEMATTR(0x1) | PGT_SH(0));
    uint64_t idr3 = 0;
    ASSERT_EQ(SMMU_OK, smmu_reg_read(s, 0x00C, 4, SMMU_PAS_NS, &idr3));
    EXPECT_EQ(0u, (idr3 >> 14) & 1u);
    expect_all(table_fetch_attrs(), 0x04, 2); // Device-nGnRE, Outer Shareable
}

TEST_F(NestedTableFetch, S2fwbNonCacheableMakesTableFetchesNonCacheable)
{
    // S2FWB MemAttr[2:0] 0b101: Normal Non-cacheable, the walk being Normal [13.1.6]
    setup_pool(PGT_MEMATTR(0x5) | PGT_SH(3), true);
    expect_all(table_fetch_attrs(), 0x44, 2);
}

TEST_F(NestedTableFetch, S2fwbStage1TypeKeepsTheWalkAttributes)
{
    // S2FWB MemAttr[2:0] 0b110: the walk's own type; stage-2 OSH is stronger than the walk's ISH
    setup_pool(PGT_MEMATTR(0x6) | PGT_SH(2), true);
    expect_all(table_fetch_attrs(), 0xFF, 2);
}

TEST_F(NestedTableFetch, S2fwbDeviceTableFetchesAreNormalNonCacheableWithPtwnnc)
{
    // S2FWB MemAttr[2] == 0: Device-nGnRE (0b001); with PTWNNC and S2PTW == 0, Normal NC
    setup_pool(PGT_MEMATTR(0x1) | PGT_SH(3), true);
    expect_all(table_fetch_attrs(), 0x44, 2);
}

TEST_F(NestedTableFetch, S2ptwStillFaultsDeviceTableFetchesWithPtwnnc)
{
    // S2PTW == 1: the stage-1 walk to stage-2 Device memory is a stage-2 Permission fault
    // (CLASS TT) whatever PTWNNC is [5.2 S2PTW]; no descriptor is read
    setup_pool(PGT_MEMATTR(0x1) | PGT_SH(0), false, true);
    fake_mem_clear_read_log(m);
    smmu_result r = xlate(5, kVa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, e.type);
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_TT, e.cls);
    EXPECT_TRUE(e.ttrnw);
    EXPECT_EQ(s1.root, e.ipa);
    for (unsigned i = 0; i < m->nread_log && i < FAKE_MEM_READ_LOG; i++) {
        EXPECT_FALSE(m->read_log[i].pa >= kS1Pool + kOff &&
                     m->read_log[i].pa < kS1Pool + kOff + 0x400000);
    }
}

// The CD fetch of a nested stream is a structure fetch through stage 2 too: STE.S1CIR/S1COR
// (WB)/S1CSH combined with the stage-2 type of the CD's IPA, and with PTWNNC == 1 and
// S2PTW == 0 a Device result occurs as Normal Non-cacheable, Outer Shareable [5.2 S2PTW;
// 13.1.5-13.1.7]; without PTWNNC (SMMUv3.2) it stays Device.
class NestedCdFetch : public Nested {
public:
    // The attributes of the 64-byte CD read when stage 2 maps the structures with `attrs`.
    smmu_mem_attrs cd_fetch_attrs(uint64_t attrs)
    {
        setup(true, (PGT_S2_RW & ~(PGT_MEMATTR(15) | PGT_SH(3))) | attrs);
        EXPECT_EQ(0, pgt_map(&s1, kVa, kIpa, 0x1000, PGT_S1_RW));
        EXPECT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x200000, PGT_S2_RW));
        fake_mem_clear_read_log(m);
        EXPECT_EQ(SMMU_XLATE_OK, xlate(5, kVa).outcome);
        for (unsigned i = 0; i < m->nread_log && i < FAKE_MEM_READ_LOG; i++)
            if (m->read_log[i].pa == kCd + kOff && m->read_log[i].len == 64)
                return m->read_log[i].attrs;
        ADD_FAILURE() << "no CD read at PA 0x" << std::hex << kCd + kOff;
        return smmu_mem_attrs{};
    }
};

TEST_F(NestedCdFetch, Stage2DeviceCdFetchIsNormalNonCacheableWithPtwnnc)
{
    smmu_mem_attrs a = cd_fetch_attrs(PGT_MEMATTR(0x1) | PGT_SH(0));
    EXPECT_EQ(0x44, a.mair);
    EXPECT_EQ(2, a.sh);
}

TEST_F(NestedCdFetch, Stage2DeviceCdFetchStaysDeviceWithoutPtwnnc)
{
    cfg.arch_minor = 2;
    smmu_mem_attrs a = cd_fetch_attrs(PGT_MEMATTR(0x1) | PGT_SH(0));
    EXPECT_EQ(0x04, a.mair); // Device-nGnRE, Outer Shareable
    EXPECT_EQ(2, a.sh);
}

TEST_F(NestedCdFetch, Stage2WriteThroughCombinesWithTheSteCdFetchType)
{
    // STE.S1CIR/S1COR = WB RA WA (ste_make_s1), stage 2 iWT-oWT OSH: WT, Outer Shareable
    smmu_mem_attrs a = cd_fetch_attrs(PGT_MEMATTR(0xA) | PGT_SH(2));
    EXPECT_EQ(0xBB, a.mair);
    EXPECT_EQ(2, a.sh);
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
    smmu_ste_set_S2FWB(ste, 1);
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
    smmu_ste_set_MTCFG(ste, 1);
    smmu_ste_set_MemAttr(ste, 0xA); // Normal iWT-oWT
    smmu_ste_set_SHCFG(ste, 2);
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
