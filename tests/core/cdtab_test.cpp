// SPDX-License-Identifier: Apache-2.0
// CD tables and CD decoding [IHI 0070 3.3.2, 5.3, 5.4, 5.4.2 CdIllegal()].
#include "xlate_fixture.h"

extern "C" {
#include "cdtab.h"
#include "strtab.h"
}

namespace {

constexpr bool kWithStage2 = true;

// A valid EL1 CD: 4KB granule, 48-bit VA through TTB0, TTB1 disabled.
void MakeCd(uint64_t *cd, uint64_t ttb0 = 0x80000000)
{
    cd_make(cd, ttb0, 12, 48, 48, 1, 0x0044ff04);
}

// A stage-1 STE of `regime` for cd_decode (only the fields cd_decode reads).
ste_cfg S1Ste(uint8_t regime = REGIME_EL1, bool stalld = false)
{
    ste_cfg c = {};
    c.kind = STE_S1;
    c.s1 = true;
    c.regime = regime;
    c.s1_stalld = stalld;
    return c;
}

// An instance on fake memory whose environment logs every SMMU read (address, PA space, size,
// attributes).
class CdtabTest : public SmmuTest {
  protected:
    void SetUp() override
    {
        SmmuTest::SetUp();
        MakeCd(cd);
    }
    // Decode an STE built with the support library into ste.
    void MakeSte(unsigned bank, const uint64_t *raw)
    {
        smmu_event e = {};
        ASSERT_EQ(ste_decode(s, bank, raw, 0x1000, &ste, &e), 0) << m->log;
    }
    // The stream: a stage-1 STE with S1ContextPtr ptr, S1Fmt fmt and S1CDMax cdmax, decoded
    // into ste; with stage 2 (4KB granule, 40-bit IPA) the CD table addresses are IPAs.
    void S1Stream(unsigned bank, uint64_t ptr, unsigned fmt, unsigned cdmax, bool s2 = false)
    {
        uint64_t raw[8];
        ste_make_s1(raw, ptr, fmt, cdmax);
        if (s2) {
            ste_s2_params p = {0x80000000, 12, 40, 1, 48, 1};
            ste_set_s2(raw, &p);
        }
        MakeSte(bank, raw);
    }
    // A CD table at base in the bank's PA space (L2 tables from 0xa0000000), built through cb.
    void CdTable(unsigned bank, uint64_t base, unsigned fmt, unsigned cdmax)
    {
        cd_init(&cb, m, s->bank[bank].pas, base, fmt, cdmax, 0xa0000000);
    }
    // Write a valid CD (MakeCd) for ssid into the table; returns its table address.
    uint64_t PutCd(uint32_t ssid)
    {
        uint64_t valid[8];
        MakeCd(valid);
        return cd_write(&cb, ssid, valid);
    }
    int Lookup(unsigned bank, uint32_t ssid, cd_ipa_xlate_fn xlate = nullptr, void *arg = nullptr)
    {
        ev = {};
        ev.sid = 3;
        fetches = 0;
        fake_mem_clear_read_log(m);
        return cdtab_lookup(s, bank, &ste, 0, ssid, true, xlate, arg, &out, &ev, &fetches);
    }
    int Decode(unsigned bank, const uint64_t *words)
    {
        ev = {};
        ev.sid = 3;
        return cd_decode(s, bank, &ste, words, 0x90000040, &out, &ev);
    }
    // Lookup and Decode where they must fail: the type of the event reported.
    uint8_t LookupFault(unsigned bank, uint32_t ssid, cd_ipa_xlate_fn xlate = nullptr,
                        void *arg = nullptr)
    {
        return fault_type(Lookup(bank, ssid, xlate, arg), ev);
    }
    uint8_t DecodeFault(unsigned bank, const uint64_t *words)
    {
        return fault_type(Decode(bank, words), ev);
    }

    cd_builder cb = {};
    ste_cfg ste = S1Ste(); // the stream's STE: for cd_decode, EL1 unless the test changes it
    uint64_t cd[8];        // a CD for Decode: valid (MakeCd) unless the test changes it
    cd_cfg out = {};
    smmu_event ev = {};
    unsigned fetches = 0;
};

// ---------------------------------------------------------------------------------------------
// CD table walk
// ---------------------------------------------------------------------------------------------

// [5.2 S1ContextPtr, S1CDMax] S1CDMax = 0: one CD at S1ContextPtr, fetched with the STE's
// S1CIR/S1COR/S1CSH attributes in the bank's PA space.
TEST_F(CdtabTest, SingleCdIsAtContextPtrWithSteFetchAttributes)
{
    create();
    uint64_t raw[8];
    ste_make_s1(raw, 0x90000000, 0, 0);
    smmu_ste_set_S1CIR(raw, 2);
    smmu_ste_set_S1COR(raw, 2);
    smmu_ste_set_S1CSH(raw, 2);
    MakeSte(BANK_NS, raw);
    CdTable(BANK_NS, 0x90000000, 0, 0);
    PutCd(0);
    ASSERT_EQ(Lookup(BANK_NS, 0), 0) << m->log;
    ASSERT_EQ(read_addrs(), Addrs{0x90000000u});
    EXPECT_EQ(read_lens(), Lens{64});
    EXPECT_EQ(m->read_log[0].pas, SMMU_PAS_NS);
    EXPECT_EQ(m->read_log[0].attrs.mair, 0xaa);
    EXPECT_EQ(m->read_log[0].attrs.sh, 2);
    EXPECT_EQ(fetches, 1u);
    EXPECT_EQ(out.cd_addr, 0x90000000u);
    EXPECT_EQ(out.tt[0].ttb, 0x80000000u);
}

// [5.2 S1Fmt 00] Linear table: CD = S1ContextPtr + SSID * 64; the pointer's RES0 bits below the
// table size are taken as zero (the model's CONSTRAINED UNPREDICTABLE choice).
TEST_F(CdtabTest, LinearTableIndexesBySsidAndAlignsToTableSize)
{
    create();
    S1Stream(BANK_NS, 0x90000340, 0, 4); // 16 CDs: 1 KB table, bits [9:6] RES0
    CdTable(BANK_NS, 0x90000000, 0, 4);
    PutCd(9);
    ASSERT_EQ(Lookup(BANK_NS, 9), 0) << m->log;
    EXPECT_EQ(read_addrs(), Addrs{0x90000000u + 9 * 64});
    EXPECT_EQ(out.cd_addr, 0x90000000u + 9 * 64);
}

struct TwoLevelCase {
    const char *name;
    unsigned fmt, cdmax;
    uint32_t ssid;
};

class CdTwoLevel : public CdtabTest, public ::testing::WithParamInterface<TwoLevelCase> {};

// [5.2 S1Fmt 01/10, 5.3] L1CD at S1ContextPtr + SSID[S1CDMax-1:leaf] * 8 (index 0 when
// S1CDMax <= leaf bits), CD at L2Ptr + SSID[leaf-1:0] * 64; leaves of 64 (4 KB) or 1024 CDs.
TEST_P(CdTwoLevel, FetchesL1cdThenCdAtIndexedAddresses)
{
    const TwoLevelCase &c = GetParam();
    create();
    S1Stream(BANK_NS, 0x90000000, c.fmt, c.cdmax);
    CdTable(BANK_NS, 0x90000000, c.fmt, c.cdmax);
    const uint64_t cd_pa = PutCd(c.ssid);
    const unsigned leaf = c.fmt == 1 ? 6 : 10;
    const uint64_t l1 = 0x90000000u + (uint64_t)(c.ssid >> leaf) * 8;
    const uint64_t l2 = fake_mem_rd64(m, l1, SMMU_PAS_NS) & ~0xfffULL;
    ASSERT_EQ(Lookup(BANK_NS, c.ssid), 0) << m->log;
    EXPECT_EQ(cd_pa, l2 + (c.ssid & ((1u << leaf) - 1)) * 64);
    EXPECT_EQ(read_addrs(), (Addrs{l1, cd_pa}));
    EXPECT_EQ(read_lens(), (Lens{8, 64}));
    EXPECT_EQ(fetches, 2u);
    EXPECT_EQ(out.cd_addr, cd_pa);
}

INSTANTIATE_TEST_SUITE_P(
    CdTable, CdTwoLevel,
    ::testing::Values(TwoLevelCase{"Leaf4K_CdMax10", 1, 10, 0x123},
                      TwoLevelCase{"Leaf4K_CdMax5UsesL1Index0", 1, 5, 0x1f},
                      TwoLevelCase{"Leaf4K_CdMax20", 1, 20, 0xfedcb},
                      TwoLevelCase{"Leaf64K_CdMax16", 2, 16, 0x1abc},
                      TwoLevelCase{"Leaf64K_CdMax8UsesL1Index0", 2, 8, 0xff},
                      TwoLevelCase{"Leaf64K_CdMax20", 2, 20, 0xfffff}),
    CaseName());

// [5.2 S1Fmt 10] 64 KB leaves are 64 KB aligned: L1CD.L2Ptr[15:12] are RES0 (taken as 0).
TEST_F(CdtabTest, Leaf64KL2PtrBits15To12AreIgnored)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 2, 12);
    CdTable(BANK_NS, 0x90000000, 2, 12);
    cd_write_l1cd(&cb, 0x805, true, 0xa0003000);
    for (unsigned i = 0; i < 8; i++)
        fake_mem_wr64(m, 0xa0000000 + 5 * 64 + 8 * i, SMMU_PAS_NS, cd[i]);
    ASSERT_EQ(Lookup(BANK_NS, 0x805), 0) << m->log;
    EXPECT_EQ(out.cd_addr, 0xa0000000u + 5 * 64);
}

// [5.3 V] An invalid L1CD is C_BAD_SUBSTREAMID.
TEST_F(CdtabTest, InvalidL1cdIsCBadSubstreamId)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 1, 8);
    EXPECT_EQ(LookupFault(BANK_NS, 0x85), SMMU_EVT_C_BAD_SUBSTREAMID);
    EXPECT_EQ(fetches, 1u);
    EXPECT_TRUE(logged("SID 0x3 SSID 0x85: L1CD at 0x90000010 is invalid (V 0): C_BAD_SUBSTREAMID"))
        << m->log;
}

// [5.3 L2Ptr, 3.4.3] An L2Ptr beyond the OAS (the IAS with stage 2) is C_BAD_SUBSTREAMID.
TEST_F(CdtabTest, L2PtrBeyondOasIsCBadSubstreamId)
{
    cfg.oas_bits = 40;
    create();
    S1Stream(BANK_NS, 0x90000000, 1, 8);
    CdTable(BANK_NS, 0x90000000, 1, 8);
    cd_write_l1cd(&cb, 0x40, true, 1ULL << 40);
    EXPECT_EQ(LookupFault(BANK_NS, 0x40), SMMU_EVT_C_BAD_SUBSTREAMID);
    EXPECT_EQ(fetches, 1u);
    EXPECT_TRUE(logged("L2Ptr 0x10000000000 beyond the OAS (40 bits)")) << m->log;
}

// The caller chooses the SSID; one at or beyond 2^S1CDMax is still refused.
TEST_F(CdtabTest, SsidBeyondS1CdMaxIsCBadSubstreamId)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 0, 3);
    EXPECT_EQ(LookupFault(BANK_NS, 8), SMMU_EVT_C_BAD_SUBSTREAMID);
    EXPECT_EQ(fetches, 0u);
}

// [7.3.10] An external abort on the CD fetch is F_CD_FETCH with FetchAddr = the CD's PA.
TEST_F(CdtabTest, AbortOnCdFetchIsFCdFetchWithCdAddress)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 0, 4);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0x90000000 + 6 * 64, 0x90000000 + 6 * 64 + 63, false);
    EXPECT_EQ(LookupFault(BANK_NS, 6), SMMU_EVT_F_CD_FETCH);
    EXPECT_EQ(ev.fetch_addr, 0x90000000u + 6 * 64);
    EXPECT_EQ(fetches, 1u);
}

// [7.3.10] An external abort on the L1CD fetch is F_CD_FETCH with FetchAddr = the L1CD's PA.
TEST_F(CdtabTest, AbortOnL1cdFetchIsFCdFetchWithL1cdAddress)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 1, 12);
    const uint64_t l1 = 0x90000000u + (0x9c7 >> 6) * 8;
    fake_mem_add_abort(m, SMMU_PAS_NS, l1, l1 + 7, false);
    EXPECT_EQ(LookupFault(BANK_NS, 0x9c7), SMMU_EVT_F_CD_FETCH);
    EXPECT_EQ(ev.fetch_addr, l1);
}

// [7.1 digest, 5.4] A Secure stream without stage 2 fetches CDs in Secure PA space.
TEST_F(CdtabTest, SecureStreamFetchesCdsInSecurePaSpace)
{
    create();
    S1Stream(BANK_S, 0x40000000, 0, 0);
    CdTable(BANK_S, 0x40000000, 0, 0);
    PutCd(0);
    ASSERT_EQ(Lookup(BANK_S, 0), 0) << m->log;
    ASSERT_EQ(m->nread_log, 1u);
    EXPECT_EQ(m->read_log[0].pas, SMMU_PAS_SECURE);
}

// A stage-2 stand-in for the nested tests: IPA + 0x100000000, or a fault on one IPA.
struct FakeS2 {
    uint64_t fault_ipa = ~0ULL;
    std::vector<uint64_t> ipas;
};

int FakeS2Xlate(void *arg, uint64_t ipa, uint64_t *pa, smmu_pa_space *pas, smmu_mem_attrs *,
                smmu_event *ev)
{
    auto *f = static_cast<FakeS2 *>(arg);
    f->ipas.push_back(ipa);
    if (ipa == f->fault_ipa) {
        ev->type = SMMU_EVT_F_TRANSLATION;
        ev->s2 = true;
        ev->cls = EVT_CLASS_CD;
        ev->ipa = ipa;
        return -1;
    }
    *pa = ipa + 0x100000000ULL;
    *pas = SMMU_PAS_NS;
    return 0;
}

uint64_t FakeS2ToPa(void *, uint64_t ipa) { return ipa + 0x100000000ULL; }

// [5.2 S1ContextPtr, 3.3.2] With stage 2, the L1CD and CD addresses are IPAs: each access is
// translated by stage 2 and the fetch reads the resulting PA.
TEST_F(CdtabTest, NestedCdTableAccessesAreTranslatedByStage2)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 1, 10, kWithStage2);
    CdTable(BANK_NS, 0x90000000, 1, 10);
    cb.ipa_to_pa = FakeS2ToPa;
    const uint64_t cd_ipa = PutCd(0x2c1);
    FakeS2 f;
    ASSERT_EQ(Lookup(BANK_NS, 0x2c1, FakeS2Xlate, &f), 0) << m->log;
    const uint64_t l1_ipa = 0x90000000u + (0x2c1 >> 6) * 8;
    EXPECT_EQ(f.ipas, (Addrs{l1_ipa, cd_ipa}));
    EXPECT_EQ(read_addrs(), (Addrs{l1_ipa + 0x100000000ULL, cd_ipa + 0x100000000ULL}));
    EXPECT_EQ(out.cd_addr, cd_ipa);
}

// [7.3.12, digest 8.8] A stage-2 fault on a CD-table access comes back as xlate reported it.
TEST_F(CdtabTest, NestedStage2FaultIsReturnedAsIs)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 0, 4, kWithStage2);
    FakeS2 f;
    f.fault_ipa = 0x90000000 + 2 * 64;
    EXPECT_EQ(LookupFault(BANK_NS, 2, FakeS2Xlate, &f), SMMU_EVT_F_TRANSLATION);
    EXPECT_TRUE(ev.s2);
    EXPECT_EQ(ev.cls, EVT_CLASS_CD);
    EXPECT_EQ(ev.ipa, 0x90000000u + 2 * 64);
    EXPECT_EQ(fetches, 0u);
}

// [7.3.10] With stage 2, F_CD_FETCH reports the PA that aborted, not the IPA.
TEST_F(CdtabTest, NestedAbortReportsPhysicalFetchAddress)
{
    create();
    S1Stream(BANK_NS, 0x90000000, 0, 0, kWithStage2);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0x190000000ULL, 0x19000003fULL, false);
    FakeS2 f;
    EXPECT_EQ(LookupFault(BANK_NS, 0, FakeS2Xlate, &f), SMMU_EVT_F_CD_FETCH);
    EXPECT_EQ(ev.fetch_addr, 0x190000000ULL);
}

// ---------------------------------------------------------------------------------------------
// CD validation: every ILLEGAL condition of CdIllegal() the model has [5.4.2]
// ---------------------------------------------------------------------------------------------

struct IllegalCdCase {
    const char *name;
    void (*config)(smmu_config *);
    uint8_t regime;
    bool s1_stalld;
    void (*cd)(uint64_t *);
    const char *diag;
};

class IllegalCd : public CdtabTest, public ::testing::WithParamInterface<IllegalCdCase> {};

TEST_P(IllegalCd, IsCBadCdWithDiagnostic)
{
    const IllegalCdCase &c = GetParam();
    create(c.config);
    ste = S1Ste(c.regime, c.s1_stalld);
    c.cd(cd);
    EXPECT_EQ(DecodeFault(BANK_NS, cd), SMMU_EVT_C_BAD_CD);
    EXPECT_TRUE(logged(c.diag)) << "log: " << m->log;
    EXPECT_TRUE(logged("CD 0x90000040 (SID 0x3)"));
}

void StallAndTerminate(smmu_config *c) { c->stall_model = SMMU_STALL_AND_TERMINATE; }

const IllegalCdCase kIllegalCd[] = {
    {"V0", nullptr, REGIME_EL1, false, [](uint64_t *d) { smmu_cd_set_V(d, 0); }, "V is 0"},
    {"SWithSteS1Stalld", StallAndTerminate, REGIME_EL1, true, [](uint64_t *d) { smmu_cd_set_S(d, 1); },
     "S 1 but STE.S1STALLD is 1"},
    {"A0WithTermModel", [](smmu_config *c) { c->term_model = true; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_A(d, 0); }, "A 0 (RAZ/WI termination) but IDR0.TERM_MODEL is 1"},
    {"SWithTerminateOnly", nullptr, REGIME_EL1, false, [](uint64_t *d) { smmu_cd_set_S(d, 1); },
     "S 1 but the stall model is terminate-only"},
    {"S0WithStallForced", [](smmu_config *c) { c->stall_model = SMMU_STALL_FORCED; },
     REGIME_EL1, false, [](uint64_t *) {}, "S 0 but the stall model forces stalls"},
    {"EndiBigWithLittleEndianOnly", [](smmu_config *c) { c->ttendian = 2; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_ENDI(d, 1); },
     "ENDI 1 but IDR0.TTENDIAN supports little-endian tables only"},
    {"EndiLittleWithBigEndianOnly", [](smmu_config *c) { c->ttendian = 3; }, REGIME_EL1, false,
     [](uint64_t *) {}, "ENDI 0 but IDR0.TTENDIAN supports big-endian tables only"},
    {"AA64Zero", nullptr, REGIME_EL1, false, [](uint64_t *d) { smmu_cd_set_AA64(d, 0); },
     "AA64 0 selects VMSAv8-32 LPAE, not implemented"},
    {"HAWithoutHttu", [](smmu_config *c) { c->httu = 0; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_HA(d, 1); }, "HA 1 HD 0 but IDR0.HTTU is 0"},
    {"HDWithoutHttu", [](smmu_config *c) { c->httu = 0; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_HD(d, 1); }, "HA 0 HD 1 but IDR0.HTTU is 0"},
    {"HDWithAccessFlagOnlyHttu", [](smmu_config *c) { c->httu = 1; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_HA(d, 1); smmu_cd_set_HD(d, 1); },
     "HD 1 but IDR0.HTTU supports the access flag only"},
    {"AsidUpperBitsWithoutAsid16El1", [](smmu_config *c) { c->asid16 = false; }, REGIME_EL1,
     false, [](uint64_t *d) { smmu_cd_set_ASID(d, 0x100); },
     "ASID 0x100 has bits [15:8] set but IDR0.ASID16 is 0"},
    {"AsidUpperBitsWithoutAsid16El2E2h", [](smmu_config *c) { c->asid16 = false; },
     REGIME_EL2_E2H, false, [](uint64_t *d) { smmu_cd_set_ASID(d, 0xff00); }, "ASID 0xff00"},
    {"T0SZBelow16", nullptr, REGIME_EL1, false, [](uint64_t *d) { smmu_cd_set_T0SZ(d, 15); },
     "T0SZ 15 outside [16, 48] (4KB granule, DS 0, VAX 0, STT 1)"},
    {"T0SZ12With4KWithoutDS", [](smmu_config *c) { c->vax = 1; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_T0SZ(d, 12); }, "T0SZ 12 outside [16, 48] (4KB granule, DS 0, VAX 1"},
    {"T0SZAbove39WithoutStt", [](smmu_config *c) { c->stt = c->sel2 = false; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_T0SZ(d, 40); }, "T0SZ 40 outside [16, 39]"},
    {"T0SZ48With64K", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_TG0(d, 1); smmu_cd_set_T0SZ(d, 48); },
     "T0SZ 48 outside [16, 47] (64KB granule"},
    {"T1SZInvalidWithTtb1Enabled", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { cd_set_ttb1(d, 0x88000000, 12, 48); smmu_cd_set_T1SZ(d, 50); },
     "T1SZ 50 outside [16, 48]"},
    {"TG0Reserved", nullptr, REGIME_EL1, false, [](uint64_t *d) { smmu_cd_set_TG0(d, 3); },
     "TG0 3 selects a reserved granule"},
    {"TG0NotImplemented", [](smmu_config *c) { c->gran16k = false; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_TG0(d, 2); },
     "TG0 2 selects a not implemented (IDR5.GRANxx) granule"},
    {"TG1Encoding0IsReserved", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { cd_set_ttb1(d, 0x88000000, 12, 48); smmu_cd_set_TG1(d, 0); },
     "TG1 0 selects a reserved granule"},
    {"TG1NotImplemented", [](smmu_config *c) { c->gran64k = false; }, REGIME_EL1, false,
     [](uint64_t *d) { cd_set_ttb1(d, 0x88000000, 12, 47); smmu_cd_set_TG1(d, 3); },
     "TG1 3 selects a not implemented (IDR5.GRANxx) granule"},
    {"TTB0BeyondIps", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_IPS(d, 2); smmu_cd_set_TTB0(d, (1ULL << 40) >> 4); },
     "TTB0 0x10000000000 is outside the effective IPS (40 bits)"},
    {"TTB0BeyondIpsCappedAtOas", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_IPS(d, 6); smmu_cd_set_TTB0(d, (1ULL << 48) >> 4); },
     "TTB0 0x1000000000000 is outside the effective IPS (48 bits)"},
    {"TTB0Beyond48BitsWithoutDS", [](smmu_config *c) { c->oas_bits = 52; }, REGIME_EL1, false,
     [](uint64_t *d) { smmu_cd_set_IPS(d, 6); smmu_cd_set_TTB0(d, (1ULL << 48) >> 4); },
     "TTB0 0x1000000000000 is beyond 48 bits with a 4KB granule and DS 0"},
    {"TTB1BeyondIps", nullptr, REGIME_EL1, false,
     [](uint64_t *d) { cd_set_ttb1(d, 1ULL << 48, 12, 48); },
     "TTB1 0x1000000000000 is outside the effective IPS (48 bits)"},
    {"El2CheckedDespiteEpd0", nullptr, REGIME_EL2, false,
     [](uint64_t *d) { smmu_cd_set_EPD0(d, 1); smmu_cd_set_TG0(d, 3); }, "TG0 3 selects a reserved"},
};

INSTANTIATE_TEST_SUITE_P(CdIllegal, IllegalCd, ::testing::ValuesIn(kIllegalCd), CaseName());

// ---------------------------------------------------------------------------------------------
// CD decoding
// ---------------------------------------------------------------------------------------------

// [5.4.1.1] EPDx = 1 makes that half's fields IGNORED: no validity checks; with both halves
// disabled ENDI is IGNORED too.
TEST_F(CdtabTest, DisabledHalvesAreNotChecked)
{
    cfg.ttendian = 2;
    create();
    smmu_cd_set_T1SZ(cd, 0);
    smmu_cd_set_TG1(cd, 0);
    smmu_cd_set_TTB1(cd, ~0ULL);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_TRUE(out.tt[1].epd);
    EXPECT_FALSE(out.tt[0].epd);
    smmu_cd_set_EPD0(cd, 1);
    smmu_cd_set_T0SZ(cd, 0);
    smmu_cd_set_ENDI(cd, 1);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_TRUE(out.tt[0].epd && out.tt[1].epd);
}

// [5.4 EPD0, T1SZ, ASID; 3.3.3] any-EL2 and EL3: one table through TTB0 (EPD0 ignored, TTB1
// RES0), no ASID (8-bit ASID limits do not apply).
TEST_F(CdtabTest, El2AndEl3UseTtb0OnlyWithoutAsid)
{
    cfg.asid16 = false;
    create();
    for (uint8_t regime : {uint8_t(REGIME_EL2), uint8_t(REGIME_EL3)}) {
        ste = S1Ste(regime);
        MakeCd(cd);
        smmu_cd_set_EPD0(cd, 1);
        smmu_cd_set_EPD1(cd, 0);
        smmu_cd_set_T1SZ(cd, 0);
        smmu_cd_set_TBI1(cd, 1);
        smmu_cd_set_ASID(cd, 0xabcd);
        ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
        EXPECT_FALSE(out.tt[0].epd);
        EXPECT_TRUE(out.tt[1].epd);
        EXPECT_FALSE(out.tt[1].tbi);
        EXPECT_EQ(out.asid, 0);
    }
}

struct S1LevelCase {
    unsigned granule_shift, ia_bits;
    int level;
    uint64_t ttb_in, ttb_out;
};

class S1StartLevel : public CdtabTest, public ::testing::WithParamInterface<S1LevelCase> {};

// [Arm ARM D8.2; digest 8.1] Start level = 3 - floor((IA - 1 - g) / (g - 3)); TTBx aligned to
// the start table's size.
TEST_P(S1StartLevel, FromTxSZAndGranuleWithAlignedTtb)
{
    const S1LevelCase &c = GetParam();
    create();
    cd_make(cd, c.ttb_in, c.granule_shift, c.ia_bits, 48, 1, 0);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].start_level, c.level);
    EXPECT_EQ(out.tt[0].ia_bits, c.ia_bits);
    EXPECT_EQ(out.tt[0].granule_shift, c.granule_shift);
    EXPECT_EQ(out.tt[0].ttb, c.ttb_out);
    EXPECT_EQ(out.tt[0].stage, 1);
}

INSTANTIATE_TEST_SUITE_P(
    Stage1, S1StartLevel,
    ::testing::Values(S1LevelCase{12, 48, 0, 0x80000ff0, 0x80000000},  // 9 bits: 4 KB
                      S1LevelCase{12, 40, 0, 0x80000ff0, 0x80000ff0},  // 1 bit: 16 bytes
                      S1LevelCase{12, 39, 1, 0x80000ff0, 0x80000000},  // 9 bits
                      S1LevelCase{12, 25, 2, 0x800000f0, 0x80000080},  // 4 bits: 128 bytes
                      S1LevelCase{12, 16, 3, 0x800000f0, 0x80000080},  // 4 bits (STT)
                      S1LevelCase{14, 48, 0, 0x80000ff0, 0x80000ff0},  // 1 bit
                      S1LevelCase{14, 47, 1, 0x80003ff0, 0x80000000},  // 11 bits: 16 KB
                      S1LevelCase{16, 48, 1, 0x800001f0, 0x80000000},  // 6 bits: 512 bytes
                      S1LevelCase{16, 42, 2, 0x8000fff0, 0x80000000},  // 13 bits: 64 KB
                      S1LevelCase{16, 25, 3, 0x80000ff0, 0x80000000})); // 9 bits: 4 KB

// [5.4 TTB0] With a 52-bit effective IPS the start table is at least 64-byte aligned.
TEST_F(CdtabTest, Ttb52BitIpsHas64ByteMinimumAlignment)
{
    cfg.oas_bits = 52;
    create();
    cd_make(cd, 0x80000030, 12, 40, 48, 1, 0);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].ttb, 0x80000030u);
    EXPECT_EQ(out.tt[0].oa_bits, 48);
    smmu_cd_set_IPS(cd, 6);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].ttb, 0x80000000u);
    EXPECT_EQ(out.tt[0].oa_bits, 52);
}

// [5.4 T0SZ, DS] 52-bit VAs: VAX with a 64 KB granule, or DS with 4 KB (from level -1).
TEST_F(CdtabTest, FiftyTwoBitVaWithVaxAnd64KOrDs)
{
    cfg.vax = 1;
    cfg.ds = true;
    cfg.oas_bits = 52;
    create();
    cd_make(cd, 0x80000000, 16, 52, 52, 1, 0);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].start_level, 1);
    EXPECT_FALSE(out.tt[0].ds);
    cd_make(cd, 0x80000070, 12, 52, 52, 1, 0);
    smmu_cd_set_DS(cd, 1);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].start_level, -1);
    EXPECT_TRUE(out.tt[0].ds);
    EXPECT_EQ(out.tt[0].ttb, 0x80000000u); // 16 entries: 128 bytes
}

// [5.4 TG1] TG1 has its own encoding: 01 16KB, 10 4KB, 11 64KB.
TEST_F(CdtabTest, Tg1EncodingDiffersFromTg0)
{
    create();
    cd_set_ttb1(cd, 0x88000000, 12, 39);
    const struct {
        unsigned tg1, shift;
    } enc[] = {{1, 14}, {2, 12}, {3, 16}};
    for (const auto &e : enc) {
        smmu_cd_set_TG1(cd, e.tg1);
        ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
        EXPECT_EQ(out.tt[1].granule_shift, e.shift) << e.tg1;
        EXPECT_EQ(out.tt[1].ia_bits, 39);
        EXPECT_FALSE(out.tt[1].epd);
    }
}

// [5.4] Every other field of a valid CD lands in cd_cfg.
TEST_F(CdtabTest, FieldsAreDecoded)
{
    cfg.stall_model = SMMU_STALL_AND_TERMINATE;
    create();
    s->bank[BANK_NS].idr[3] |= 1u << 17; // IDR3.EPAN
    cd_make(cd, 0x80000000, 12, 48, 44, 0x1234, 0x0123456789abcdefULL);
    cd_set_ttb1(cd, 0x88000000, 16, 48);
    smmu_cd_set_IR0(cd, 0);
    smmu_cd_set_OR0(cd, 0);
    smmu_cd_set_SH0(cd, 3);
    smmu_cd_set_ENDI(cd, 1);
    smmu_cd_set_HA(cd, 1);
    smmu_cd_set_HD(cd, 1);
    smmu_cd_set_AFFD(cd, 1);
    smmu_cd_set_HAD0(cd, 1);
    smmu_cd_set_E0PD1(cd, 1);
    smmu_cd_set_TBI0(cd, 1);
    smmu_cd_set_WXN(cd, 1);
    smmu_cd_set_PAN(cd, 1);
    smmu_cd_set_EPAN(cd, 1);
    smmu_cd_set_ASET(cd, 1);
    smmu_cd_set_S(cd, 1);
    smmu_cd_set_R(cd, 0);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_EQ(out.asid, 0x1234);
    EXPECT_TRUE(out.aset);
    EXPECT_EQ(out.mair, 0x0123456789abcdefULL);
    EXPECT_TRUE(out.wxn && out.pan && out.epan && out.s && out.a && out.aa64);
    EXPECT_FALSE(out.r || out.uwxn);
    EXPECT_EQ(out.cd_addr, 0x90000040u);
    EXPECT_EQ(out.tt[0].oa_bits, 44);
    EXPECT_EQ(out.tt[1].oa_bits, 44);
    EXPECT_EQ(out.tt[0].fetch_attrs.mair, 0x44);
    EXPECT_EQ(out.tt[0].fetch_attrs.sh, 2);
    EXPECT_EQ(out.tt[1].fetch_attrs.mair, 0xff);
    EXPECT_EQ(out.tt[1].fetch_attrs.sh, 3);
    for (const walk_cfg &w : out.tt) {
        EXPECT_TRUE(w.big_endian && w.ha && w.hd && w.affd);
        EXPECT_EQ(w.walk_pas, SMMU_PAS_NS);
        EXPECT_FALSE(w.secure_tables);
    }
    EXPECT_TRUE(out.tt[0].had && !out.tt[1].had);
    EXPECT_TRUE(!out.tt[0].e0pd && out.tt[1].e0pd);
    EXPECT_TRUE(out.tt[0].tbi && !out.tt[1].tbi);
    EXPECT_EQ(out.tt[1].granule_shift, 16);
    EXPECT_EQ(out.tt[1].ttb, 0x88000000u);
}

// [5.4 HD/HA, HAD0, E0PD0, EPAN] HD without HA is no HTTU; HADx / E0PDx / EPAN need their
// ID-register features.
TEST_F(CdtabTest, FeatureGatedFieldsBehaveAsZeroWithoutTheFeature)
{
    cfg.had = false;
    cfg.e0pd = false;
    cfg.arch_minor = 0; // HAD is mandatory from SMMUv3.1 with stage 1, E0PD from v3.3 [6.3.4]
    create();
    smmu_cd_set_HD(cd, 1);
    smmu_cd_set_HAD0(cd, 1);
    smmu_cd_set_E0PD0(cd, 1);
    smmu_cd_set_EPAN(cd, 1);
    ASSERT_EQ(Decode(BANK_NS, cd), 0) << m->log;
    EXPECT_FALSE(out.tt[0].hd || out.tt[0].ha || out.tt[0].had || out.tt[0].e0pd || out.epan);
}

// [5.4 NSCFG0/1, digest 7.3] Start-level PA space: Secure streams follow NSCFGx and have
// Secure tables; Non-secure streams ignore NSCFGx; Realm streams walk in Realm space.
TEST_F(CdtabTest, WalkPaSpaceFollowsNscfgForSecureStreamsOnly)
{
    create();
    cd_set_ttb1(cd, 0x88000000, 12, 48);
    smmu_cd_set_NSCFG0(cd, 1);
    smmu_cd_set_NSCFG1(cd, 0);
    ASSERT_EQ(Decode(BANK_S, cd), 0) << m->log;
    EXPECT_EQ(out.tt[0].walk_pas, SMMU_PAS_NS);
    EXPECT_EQ(out.tt[1].walk_pas, SMMU_PAS_SECURE);
    EXPECT_TRUE(out.tt[0].secure_tables && out.tt[1].secure_tables);
    ASSERT_EQ(Decode(BANK_NS, cd), 0);
    EXPECT_EQ(out.tt[0].walk_pas, SMMU_PAS_NS);
    EXPECT_EQ(out.tt[1].walk_pas, SMMU_PAS_NS);
    EXPECT_FALSE(out.tt[0].secure_tables);
    ASSERT_EQ(Decode(BANK_R, cd), 0);
    EXPECT_EQ(out.tt[0].walk_pas, SMMU_PAS_REALM);
    EXPECT_FALSE(out.tt[0].secure_tables);
    ste = S1Ste(REGIME_EL2);
    ASSERT_EQ(Decode(BANK_R, cd), 0);
    EXPECT_TRUE(out.tt[0].secure_tables);
}

// ---------------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------------

TEST_F(CdtabTest, RandomCdsDecodeOrAreCBadCd)
{
    cfg.vax = 1;
    cfg.ds = true;
    cfg.oas_bits = 52;
    cfg.stall_model = SMMU_STALL_AND_TERMINATE;
    create();
    uint64_t seed = 3;
    unsigned ok = 0;
    for (unsigned i = 0; i < 20000; i++) {
        for (auto &w : cd)
            w = fake_mem_rand(&seed);
        if (i & 1) {
            smmu_cd_set_V(cd, 1);
            smmu_cd_set_AA64(cd, 1);
            smmu_cd_set_T0SZ(cd, 12 + fake_mem_rand(&seed) % 37);
            smmu_cd_set_T1SZ(cd, 12 + fake_mem_rand(&seed) % 37);
        }
        ste = S1Ste((uint8_t)(fake_mem_rand(&seed) % 4), fake_mem_rand(&seed) & 1);
        int rc = Decode((unsigned)(fake_mem_rand(&seed) % BANK_COUNT), cd);
        if (rc != 0) {
            ASSERT_EQ(rc, -1);
            ASSERT_EQ(ev.type, SMMU_EVT_C_BAD_CD);
            continue;
        }
        ok++;
        for (const walk_cfg &w : out.tt) {
            if (w.epd)
                continue;
            ASSERT_TRUE(walk_cfg_in_range(w));
        }
    }
    EXPECT_GT(ok, 0u);
}

TEST_F(CdtabTest, RandomCdTablesNeverCrash)
{
    create();
    uint64_t seed = 11;
    for (unsigned i = 0; i < 2000; i++) {
        fake_mem_clear(m);
        uint64_t raw[8];
        const uint64_t ptr = fake_mem_rand(&seed) & ((1ULL << 48) - 1) & ~0x3fULL;
        ste_make_s1(raw, ptr, (unsigned)(fake_mem_rand(&seed) & 3),
                    (unsigned)(fake_mem_rand(&seed) % 21));
        MakeSte(BANK_NS, raw);
        fake_mem_scribble(m, ptr & ~0xfffULL, SMMU_PAS_NS, 64, &seed);
        const uint32_t ssid = (uint32_t)fake_mem_rand(&seed) & ((1u << ste.s1_cdmax) - 1);
        int rc = Lookup(BANK_NS, ssid);
        if (rc == 0)
            continue;
        ASSERT_EQ(rc, -1);
        ASSERT_TRUE(ev.type == SMMU_EVT_C_BAD_SUBSTREAMID || ev.type == SMMU_EVT_F_CD_FETCH ||
                    ev.type == SMMU_EVT_C_BAD_CD)
            << unsigned(ev.type);
        ASSERT_LE(fetches, 2u);
    }
}

} // namespace
