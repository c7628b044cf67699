// ATS [IHI 0070 3.9, 4.5.1, 4.7.3, 7.3.6, 7.3.8, 13.6, 13.7; reference digest 9C.1-9C.6]:
// Translation Request completions row by row (9C.2, 9C.3), F_BAD_ATS_TREQ and
// F_TRANSL_FORBIDDEN records, Translated traffic per ATSCHK / EATS (9C.4), CMD_ATC_INV messages
// with their exact span, and CMD_SYNC waiting for the endpoints (CERROR_ATC_INV_SYNC).
#include <vector>

#include "xlate_fixture.h"

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;
constexpr uint64_t kIpa = 0x40000000;
constexpr uint64_t kOff = 0x10000000; // structure IPA a lives at PA a + kOff (split stage)

uint64_t ipa_to_pa(void *, uint64_t ipa) { return ipa + kOff; }

// ATC invalidations the SMMU sent (the atc_inval callback), and whether to acknowledge each at
// once from inside the callback. The callback's ctx is the fake memory: the endpoint of the
// running test is found through g_ep.
struct Endpoint {
    std::vector<smmu_atc_inval> sent;
    smmu_t *s = nullptr;
    bool ack_inline = false;
    bool ok = true;
};
Endpoint *g_ep;

class Ats : public XlateTest {
public:
    pgt pt{}, s2{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};
    Endpoint ep;

    // An ATS SMMU (SMMUv3.3 by default: IDR0.ATSRECERR = 1), CR2 changed as given before
    // SMMUEN is set (CR2 is guarded by SMMUEN [6.3.12]).
    void create_ats(uint32_t cr2_set = 0, uint32_t cr2_clear = 0)
    {
        cfg.ats = true;
        create();
        enable(BANK_NS, false);
        uint32_t v = drv_read32(&drv[BANK_NS], DRV_CR2);
        drv_write32(&drv[BANK_NS], DRV_CR2, (v | cr2_set) & ~cr2_clear);
        ASSERT_EQ(0, drv_enable_smmu(&drv[BANK_NS]));
    }
    // SID 5: stage 1 through one CD (ASID 1) with STE.EATS = eats.
    void s1_stream(unsigned eats = 1, unsigned s1cdmax = 0)
    {
        s1_tables(&pt, m);
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, s1cdmax, 0);
        cd_write(&cdb, 0, cdw);
        if (s1cdmax)
            cd_write(&cdb, 3, cdw);
        ste_make_s1(ste, kCd, 0, s1cdmax);
        smmu_ste_set_EATS(ste, eats);
        write_ste();
    }
    void write_ste() { st_write_ste(&st[BANK_NS], 5, ste); }
    // The fake-memory PA of va's leaf descriptor.
    uint64_t leaf_addr(uint64_t va)
    {
        uint64_t addr = 0, desc = 0;
        smmu_pa_space pas;
        int level;
        EXPECT_EQ(0, pgt_leaf(&pt, va, &addr, &pas, &level, &desc));
        return pgt_pa(&pt, addr);
    }
    void map(uint64_t va, uint64_t pa, uint64_t size = 0x1000, uint64_t attrs = PGT_S1_RW)
    {
        ASSERT_EQ(0, pgt_map(&pt, va, pa, size, attrs));
    }
    void set_cr0(uint32_t bits, bool on = true)
    {
        uint32_t v = drv_read32(&drv[BANK_NS], DRV_CR0);
        ASSERT_EQ(0, drv_write_cr0(&drv[BANK_NS], on ? v | bits : v & ~bits));
    }

    smmu_ats_completion request(uint32_t sid, uint64_t addr, bool write = false,
                                uint32_t flags = 0, bool ssv = false, uint32_t ssid = 0)
    {
        smmu_txn t = txn_of(sid, addr, write, flags, SMMU_SEC_NS, ssv, ssid);
        t.size = 0x1000;
        smmu_ats_completion c{};
        EXPECT_EQ(SMMU_OK, smmu_ats_translate(s, &t, &c));
        return c;
    }
    smmu_result translated(uint32_t sid, uint64_t addr, bool write = false, uint32_t flags = 0)
    {
        return xlate(sid, addr, write, flags | SMMU_TXN_TRANSLATED);
    }

    // Read the next record raw (F_BAD_ATS_TREQ fields are not in Rec).
    void raw_event(uint64_t w[4])
    {
        ASSERT_TRUE(drv_read_event(&drv[BANK_NS], w));
    }

    // Install the atc_inval callback recording into ep.
    void install_endpoint()
    {
        ep.s = s;
        g_ep = &ep;
        smmu_bringup_callbacks cb{};
        cb.struct_size = sizeof(cb);
        cb.atc_inval = [](void *, const smmu_atc_inval *inv) {
            Endpoint *e = g_ep;
            e->sent.push_back(*inv);
            if (e->ack_inline) {
                EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(e->s, inv->id, e->ok));
            }
        };
        ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
    }
    // An ATS SMMU with the endpoint callback installed.
    void create_with_endpoint()
    {
        create_ats();
        install_endpoint();
    }
    // Submit CMD_ATC_INV(sid, no PASID, kVa, 4 KB), then a CMD_SYNC if sync.
    void submit_atc_inv(uint32_t sid = 5, bool sync = true)
    {
        uint64_t c[2];
        cmd_atc_inv(c, sid, false, 0, false, kVa, 0);
        ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
        if (sync) {
            cmd_sync(c, 0, 0, 0, 0, 0);
            ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
        }
    }
    uint32_t cons() { return drv_read32(&drv[BANK_NS], DRV_CMDQ_CONS); }
    smmu_bringup_stats bstats()
    {
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        EXPECT_EQ(SMMU_OK, smmu_get_bringup_stats(s, &b));
        return b;
    }

    // A CA completion [3.9.1.2] whose event `type` was generated and, if recorded, is the
    // next record (of StreamID sid), else not in the queue.
    void expect_ca(const smmu_ats_completion &c, unsigned type, bool recorded, uint32_t sid)
    {
        EXPECT_EQ(SMMU_ATS_CA, c.status);
        EXPECT_EQ(type, c.event);
        EXPECT_EQ(recorded, c.event_recorded);
        if (!recorded) {
            EXPECT_EQ(0u, pending_events());
            return;
        }
        Rec r{};
        ASSERT_TRUE(next_event(&r));
        EXPECT_EQ(type, r.type);
        EXPECT_EQ(sid, r.sid);
    }

    // An expected completion.
    static void expect(const smmu_ats_completion &c, smmu_ats_status st, uint64_t addr,
                       uint64_t size, bool r, bool w, bool x = false, bool priv = false,
                       bool global = false)
    {
        EXPECT_EQ(st, c.status);
        EXPECT_EQ(addr, c.addr);
        EXPECT_EQ(size, c.size);
        EXPECT_EQ(r, c.r);
        EXPECT_EQ(w, c.w);
        EXPECT_EQ(x, c.x);
        EXPECT_EQ(priv, c.priv);
        EXPECT_EQ(global, c.global);
        EXPECT_FALSE(c.u); // U and N are always 0 [13.6.2.1, 13.6.4]
        EXPECT_FALSE(c.n);
    }
};

// ---- Translation Requests: completion contents [3.9.1.2, 13.6, 13.7; digest 9C.2, 9C.3] ----

TEST_F(Ats, RequestOnMappedPageGivesPaSizeAndPermissions)
{
    create_ats();
    s1_stream();
    map(kVa, kPa);
    smmu_ats_completion c = request(5, kVa + 0x123, true);
    // AP=01 RW, nG=0: global; Exe and Priv not asked (no PASID)
    expect(c, SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, true);
    EXPECT_EQ(0u, c.event);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(1u, bstats().ats_requests);
}

TEST_F(Ats, RequestSizeIsTheBlockSize)
{
    create_ats();
    s1_stream();
    map(0x40000000, 0x80000000, 0x200000); // a 2 MB block
    smmu_ats_completion c = request(5, 0x40123000);
    expect(c, SMMU_ATS_SUCCESS, 0x80000000, 0x200000, true, true, false, false, true);
}

TEST_F(Ats, NotGlobalMappingGivesGlobalZero)
{
    create_ats();
    s1_stream();
    map(kVa, kPa, 0x1000, PGT_S1_RW | PGT_NG);
    expect(request(5, kVa), SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, false);
}

TEST_F(Ats, ReadOnlyPageWithWriteRequestedGrantsReadOnly)
{
    create_ats();
    s1_stream();
    map(kVa, kPa, 0x1000, PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AF | PGT_AP(3)); // RO
    // NW = 0 on a read-only page: the subset of the request the tables grant [3.9.1.2]
    expect(request(5, kVa, true), SMMU_ATS_SUCCESS, kPa, 0x1000, true, false, false, false,
           true);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Ats, WritableCleanPageIsMarkedDirtyOnlyForNwZero)
{
    create_ats();
    s1_stream();
    smmu_cd_set_HA(cdw, 1);
    smmu_cd_set_HD(cdw, 1);
    cd_write(&cdb, 0, cdw);
    // writable-clean: DBM = 1, AP[2] = 1 (read-only until HTTU marks it dirty) [3.13]
    map(kVa, kPa, 0x1000, PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AF | PGT_AP(3) | PGT_DBM);
    uint64_t desc_pa = leaf_addr(kVa);
    uint64_t before = fake_mem_rd64(m, desc_pa, SMMU_PAS_NS);
    // NW = 1: W only if already writable-dirty, and HTTU never marks dirty for it [13.7]
    expect(request(5, kVa, false), SMMU_ATS_SUCCESS, kPa, 0x1000, true, false, false, false,
           true);
    EXPECT_EQ(before, fake_mem_rd64(m, desc_pa, SMMU_PAS_NS));
    // NW = 0: HTTU marks the page dirty (AP[2] cleared), W granted
    expect(request(5, kVa, true), SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, true);
    EXPECT_EQ(before & ~(UINT64_C(1) << 7), fake_mem_rd64(m, desc_pa, SMMU_PAS_NS));
    // Now writable-dirty: NW = 1 gets W as well
    expect(request(5, kVa, false), SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false,
           true);
}

TEST_F(Ats, AccessFlagIsSetByARequestThatGrantsAccess)
{
    create_ats();
    s1_stream();
    smmu_cd_set_HA(cdw, 1);
    cd_write(&cdb, 0, cdw);
    map(kVa, kPa, 0x1000, PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AP(1)); // AF = 0
    uint64_t desc_pa = leaf_addr(kVa);
    expect(request(5, kVa), SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, true);
    EXPECT_NE(0u, fake_mem_rd64(m, desc_pa, SMMU_PAS_NS) & PGT_AF);
}

TEST_F(Ats, TranslationFaultsGiveNoAccessOfOneStuWithoutEvent)
{
    create_ats();
    s1_stream();
    map(kVa, kPa, 0x1000, PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AP(1)); // AF = 0, no HA: F_ACCESS
    // F_TRANSLATION (unmapped) and F_ACCESS: Success, R = W = 0, size STU [3.9.1.2]
    expect(request(5, kVa + 0x10000), SMMU_ATS_SUCCESS, 0, 0x1000, false, false);
    expect(request(5, kVa), SMMU_ATS_SUCCESS, 0, 0x1000, false, false);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0u, stats().events_by_type[SMMU_EVT_F_TRANSLATION]);
    EXPECT_EQ(0u, stats().events_by_type[SMMU_EVT_F_ACCESS]);
}

TEST_F(Ats, PasidRequestEchoesPrivGrantsExeAndIsNeverGlobal)
{
    create_ats();
    s1_stream(1, 4);
    // privileged RW (AP=00), UXN so that only EL1 executes
    map(kVa, kPa, 0x1000, PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AF | PGT_AP(0) | PGT_UXN);
    smmu_ats_completion c = request(5, kVa, false, SMMU_TXN_PRIV | SMMU_TXN_INSTR, true, 3);
    expect(c, SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, true, true, false);
    // Unprivileged with a PASID: no access to a privileged page
    c = request(5, kVa, false, SMMU_TXN_INSTR, true, 3);
    expect(c, SMMU_ATS_SUCCESS, 0, 0x1000, false, false, false, false, false);
}

TEST_F(Ats, RequestWithoutPasidIsDataUnprivileged)
{
    create_ats();
    s1_stream();
    map(kVa, kPa);
    // Exe and Priv need a PASID prefix: without one they are 0 in the completion [13.7]
    smmu_ats_completion c = request(5, kVa, false, SMMU_TXN_PRIV | SMMU_TXN_INSTR);
    expect(c, SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, true);
}

// The grant under each effective STE.INSTCFG, per the pseudocode of IHI 0070 13.7.1 (its
// table of examples in 13.7 has the incoming row). Page: EL0 execute-only (AP = 00: no EL0
// data access; UXN = 0, PXN = 1).
constexpr uint64_t kEl0Xo = PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AF | PGT_AP(0) | PGT_PXN;

TEST_F(Ats, InstcfgIncomingGrantsNothingOnAnExecuteOnlyPage)
{
    create_ats();
    s1_stream(1, 4);
    map(kVa, kPa, 0x1000, kEl0Xo);
    // "NW==0, Exe == 1, Priv == 0 / User-X, Priv-RW, UXN == 0 -> R == 0, W == 0, Exe == 0"
    expect(request(5, kVa, true, SMMU_TXN_INSTR, true, 3), SMMU_ATS_SUCCESS, 0, 0x1000, false,
           false);
}

TEST_F(Ats, InstcfgInstructionGrantsReadAndExeOfAnExecuteOnlyPage)
{
    create_ats();
    s1_stream(1, 4);
    smmu_ste_set_INSTCFG(ste, 3);
    write_ste();
    map(kVa, kPa, 0x1000, kEl0Xo);
    // TC.R = ttd_X; TC.Exe = TR.Exe && ttd_X [13.7.1]: "An XO translation can grant R&Exe"
    expect(request(5, kVa, false, SMMU_TXN_INSTR, true, 3), SMMU_ATS_SUCCESS, kPa, 0x1000, true,
           false, true);
    // Exe not requested: R is still the page's X
    expect(request(5, kVa, false, 0, true, 3), SMMU_ATS_SUCCESS, kPa, 0x1000, true, false,
           false);
}

TEST_F(Ats, InstcfgInstructionGivesNoReadOfANonExecutablePage)
{
    create_ats();
    s1_stream();
    smmu_ste_set_INSTCFG(ste, 3);
    write_ste();
    map(kVa, kPa, 0x1000, PGT_S1_RW | PGT_UXN | PGT_PXN);
    // NW = 0 to an RW, XN page: TC.R = ttd_X = 0, TC.W = the page's W = 1 [13.7.1]
    expect(request(5, kVa, true), SMMU_ATS_SUCCESS, kPa, 0x1000, false, true, false, false,
           true);
}

TEST_F(Ats, InstcfgDataGrantsExeOnAnyReadablePage)
{
    create_ats();
    s1_stream(1, 4);
    smmu_ste_set_INSTCFG(ste, 2);
    write_ste();
    map(kVa, kPa, 0x1000, PGT_S1_RW | PGT_UXN | PGT_PXN);
    // INSTCFG == DATA: TC.Exe = TR.Exe && ttd_R, even on an XN page [13.7.1]
    expect(request(5, kVa, false, SMMU_TXN_INSTR, true, 3), SMMU_ATS_SUCCESS, kPa, 0x1000, true,
           true, true);
}

TEST_F(Ats, Stage1SkippedByS1dssGivesIdentityResponse)
{
    create_ats();
    s1_stream(1, 4);
    smmu_ste_set_S1DSS(ste, 1); // no PASID: bypass stage 1
    write_ste();
    // Config 0b101 with S1DSS skipping stage 1: identity, R = W = 1, U = 0, up to the OAS
    expect(request(5, kVa, true), SMMU_ATS_SUCCESS, 0, 1ull << 48, true, true, false, false,
           true);
}

// ---- Translation Requests: UR and F_BAD_ATS_TREQ [3.9.1.2, 7.3.6] ----

TEST_F(Ats, EatsZeroGivesUrAndRecordsBadAtsTreq)
{
    create_ats();
    s1_stream(0);
    map(kVa, kPa);
    smmu_txn t = txn_of(5, kVa + 0x800, true, 0, SMMU_SEC_NS, false, 0);
    t.size = 0x3000; // three STUs
    smmu_ats_completion c{};
    ASSERT_EQ(SMMU_OK, smmu_ats_translate(s, &t, &c));
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    EXPECT_EQ((unsigned)SMMU_EVT_F_BAD_ATS_TREQ, c.event);
    EXPECT_TRUE(c.event_recorded);
    uint64_t w[4];
    raw_event(w);
    EXPECT_EQ(0x05u, smmu_evt_EventType(w));
    EXPECT_EQ(5u, smmu_evt_StreamID(w));
    EXPECT_EQ(0u, smmu_evt_SSV(w));
    // R = 1 always, W = !NW, unprivileged, Span = STUs requested
    EXPECT_EQ(1u, smmu_evt_uR(w));
    EXPECT_EQ(1u, smmu_evt_uW(w));
    EXPECT_EQ(0u, smmu_evt_uX(w));
    EXPECT_EQ(0u, smmu_evt_pR(w) | smmu_evt_pW(w) | smmu_evt_pX(w));
    EXPECT_EQ(3u, smmu_evt_Span(w));
    EXPECT_EQ((kVa + 0x800) >> 12, smmu_evt_PageAddr(w));
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_F_BAD_ATS_TREQ]);
}

TEST_F(Ats, BadAtsTreqOfAPrivilegedPasidRequestUsesThePrivilegedBits)
{
    create_ats();
    s1_stream(0, 4);
    smmu_ats_completion c = request(5, kVa, false, SMMU_TXN_PRIV | SMMU_TXN_INSTR, true, 3);
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    uint64_t w[4];
    raw_event(w);
    EXPECT_EQ(1u, smmu_evt_SSV(w));
    EXPECT_EQ(3u, smmu_evt_SubstreamID(w));
    EXPECT_EQ(1u, smmu_evt_pR(w));
    EXPECT_EQ(0u, smmu_evt_pW(w));
    EXPECT_EQ(1u, smmu_evt_pX(w));
    EXPECT_EQ(0u, smmu_evt_uR(w));
}

TEST_F(Ats, SmmuenZeroGivesUrWithBadAtsTreq)
{
    cfg.ats = true;
    create();
    enable(BANK_NS, false);
    smmu_ats_completion c = request(5, kVa);
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    EXPECT_EQ((unsigned)SMMU_EVT_F_BAD_ATS_TREQ, c.event);
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_F_BAD_ATS_TREQ]);
}

TEST_F(Ats, SteConfigAbortGivesUrWithoutEventAndBypassGivesBadAtsTreq)
{
    create_ats();
    ste_make_abort(ste);
    write_ste();
    smmu_ats_completion c = request(5, kVa);
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    EXPECT_EQ(0u, c.event);
    EXPECT_EQ(0u, pending_events());
    ste_make_bypass(ste);
    smmu_ste_set_EATS(ste, 1); // Config 0b100: EATS behaves as 0b00
    write_ste();
    cfgi_all();
    c = request(5, kVa);
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    EXPECT_EQ((unsigned)SMMU_EVT_F_BAD_ATS_TREQ, c.event);
    EXPECT_EQ(1u, pending_events());
}

TEST_F(Ats, SplitStageEatsWithoutAtschkIsEffectivelyZero)
{
    create_ats();
    s1_stream(2); // EATS 0b10 is legal only with Config 0b111, but ATSCHK is checked first
    smmu_ste_set_EATS(ste, 1);
    write_ste();
    // EATS 0b11 behaves as full ATS (no DPT); with ATSCHK = 0 a 0b1x value is 0b00 [5.2]
    uint64_t s3[8];
    memcpy(s3, ste, sizeof(s3));
    smmu_ste_set_EATS(s3, 3);
    st_write_ste(&st[BANK_NS], 6, s3);
    map(kVa, kPa);
    EXPECT_EQ(SMMU_ATS_UR, request(6, kVa).status);
    set_cr0(SMMU_CR0_ATSCHK);
    cfgi_all();
    expect(request(6, kVa), SMMU_ATS_SUCCESS, kPa, 0x1000, true, true, false, false, true);
}

TEST_F(Ats, ConfigErrorsGiveCaNotRecordedWithoutRecCfgAts)
{
    create_ats();
    uint64_t bad[8] = {0}; // V = 0: C_BAD_STE
    st_write_ste(&st[BANK_NS], 5, bad);
    expect_ca(request(5, kVa), SMMU_EVT_C_BAD_STE, false, 5);
    EXPECT_EQ(1u, stats().events_by_type[SMMU_EVT_C_BAD_STE]); // generated, not recorded
}

TEST_F(Ats, ConfigErrorsGiveCaRecordedWithRecCfgAts)
{
    create_ats(SMMU_CR2_REC_CFG_ATS);
    uint64_t bad[8] = {0}; // V = 0: C_BAD_STE
    st_write_ste(&st[BANK_NS], 5, bad);
    expect_ca(request(5, kVa), SMMU_EVT_C_BAD_STE, true, 5);
}

TEST_F(Ats, BadStreamIdNeedsRecCfgAtsAndRecinvsid)
{
    create_ats(SMMU_CR2_REC_CFG_ATS, SMMU_CR2_RECINVSID);
    // beyond the 2^8-entry table
    expect_ca(request(0x300, kVa), SMMU_EVT_C_BAD_STREAMID, false, 0x300);
}

TEST_F(Ats, BadStreamIdRecordedWithRecCfgAtsAndRecinvsid)
{
    create_ats(SMMU_CR2_REC_CFG_ATS | SMMU_CR2_RECINVSID);
    expect_ca(request(0x300, kVa), SMMU_EVT_C_BAD_STREAMID, true, 0x300);
}

TEST_F(Ats, IdRegistersReportAtsAndAtsRecErr)
{
    create_ats();
    uint32_t idr0 = drv_read32(&drv[BANK_NS], DRV_IDR0);
    EXPECT_NE(0u, idr0 & SMMU_IDR0_ATS);
    EXPECT_NE(0u, idr0 & SMMU_IDR0_ATSRECERR); // SMMUv3.3-ATSRECERR
}

TEST_F(Ats, RecCfgAtsIsWritableWithAtsRecErr)
{
    create_ats(SMMU_CR2_REC_CFG_ATS);
    EXPECT_NE(0u, drv_read32(&drv[BANK_NS], DRV_CR2) & SMMU_CR2_REC_CFG_ATS);
}

TEST_F(Ats, AtsRecErrIsAbsentBeforeSmmuV33)
{
    cfg.arch_minor = 2;
    create_ats(SMMU_CR2_REC_CFG_ATS);
    EXPECT_EQ(0u, drv_read32(&drv[BANK_NS], DRV_IDR0) & SMMU_IDR0_ATSRECERR);
    EXPECT_EQ(0u, drv_read32(&drv[BANK_NS], DRV_CR2) & SMMU_CR2_REC_CFG_ATS); // RES0
}

// A Secure stream has no ATS [3.9.1]: its Translation Request gets UR with F_BAD_ATS_TREQ and
// its Translated traffic F_TRANSL_FORBIDDEN, both on the Secure event queue, before any lookup.
TEST_F(Ats, SecureStreamGetsUrAndForbiddenOnTheSecureQueue)
{
    cfg.ats = true;
    create();
    enable(BANK_NS);
    enable(BANK_S);
    smmu_txn t = txn_of(5, kVa, false, 0, SMMU_SEC_SECURE);
    t.size = 0x1000;
    smmu_ats_completion c{};
    const uint64_t reads = m->reads;
    ASSERT_EQ(SMMU_OK, smmu_ats_translate(s, &t, &c));
    EXPECT_EQ(SMMU_ATS_UR, c.status);
    EXPECT_EQ((unsigned)SMMU_EVT_F_BAD_ATS_TREQ, c.event);
    EXPECT_TRUE(c.event_recorded);
    smmu_result r = xlate(5, kPa, false, SMMU_TXN_TRANSLATED, SMMU_SEC_SECURE);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
    EXPECT_EQ(reads, m->reads); // no STE was read: checked before any lookup
    EXPECT_EQ(2u, pending_events(BANK_S));
    EXPECT_EQ(0u, pending_events(BANK_NS));
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_EQ((unsigned)SMMU_EVT_F_BAD_ATS_TREQ, e.type);
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, e.type);
}

// ---- Split-stage ATS (EATS = 0b10) [3.9.1.1, 13.6.3] ----

class AtsSplit : public Ats {
public:
    // SID 5: nested (Config 0b111), EATS 0b10; structures at IPA a live at PA a + kOff.
    void setup()
    {
        create_ats();
        set_cr0(SMMU_CR0_ATSCHK);
        s2_tables(&s2, m);
        ASSERT_EQ(0, pgt_map(&s2, 0, kOff, 0x1000000, PGT_S2_RW));
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        p.mem_offset = kOff;
        ASSERT_EQ(0, pgt_init(&pt, m, &p));
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cdb.ipa_to_pa = ipa_to_pa;
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        ste_s2_params sp = s2_params_of(s2, 48, 3);
        ste_set_s2(ste, &sp);
        smmu_ste_set_EATS(ste, 2);
        write_ste();
    }
};

TEST_F(AtsSplit, RequestReturnsTheStage1Ipa)
{
    setup();
    map(kVa, kIpa);
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, PGT_S2_RW));
    // The completion carries the IPA (stage 2 applies to the Translated transaction)
    expect(request(5, kVa + 0x10), SMMU_ATS_SUCCESS, kIpa, 0x1000, true, true, false, false,
           true);
}

TEST_F(AtsSplit, TranslatedTrafficIsTranslatedAtStage2)
{
    setup();
    ASSERT_EQ(0, pgt_map(&s2, kIpa, kPa, 0x1000, PGT_S2_RW));
    smmu_result r = translated(5, kIpa + 0x44, true);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x44, r.pa);
    // A stage-2 fault is recorded as for any transaction: S2 = 1, CLASS = IN
    r = translated(5, kIpa + 0x100000);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, e.type);
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.cls);
    EXPECT_EQ(kIpa + 0x100000, e.ipa);
    EXPECT_EQ(kIpa + 0x100000, e.input_addr);
    EXPECT_FALSE(e.ssv);
    EXPECT_FALSE(e.pnu); // PnU = InD = 0 for Translated traffic (PASIDTT = 0)
    EXPECT_FALSE(e.ind);
}

TEST_F(AtsSplit, SplitStageIpaBeyondIasIsStage1AddressSizeFault)
{
    setup();
    smmu_result r = translated(5, 1ull << 48);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_ADDR_SIZE, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_FALSE(e.s2);
}

// ---- Translated traffic [3.9.1.3, 7.3.8; digest 9C.4] ----

TEST_F(Ats, TranslatedWithoutAtschkPassesWithoutSteLookup)
{
    create_ats();
    uint64_t bad[8] = {0};
    st_write_ste(&st[BANK_NS], 5, bad); // never read
    smmu_result r = translated(5, 0x123456789a, true);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x123456789aull, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(0u, r.fetches);
    EXPECT_EQ(0u, r.cfg_lookups);
    // Beyond the OAS: abort without an event (IMPLEMENTATION DEFINED [3.9.1.1])
    EXPECT_EQ(SMMU_XLATE_ABORT, translated(5, 1ull << 48).outcome);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(2u, bstats().ats_translated);
}

TEST_F(Ats, TranslatedWithSmmuenZeroIsForbiddenAndRecorded)
{
    cfg.ats = true;
    create();
    enable(BANK_NS, false);
    smmu_result r = translated(5, 0xabc123, true);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
    EXPECT_TRUE(r.event_recorded);
    uint64_t w[4];
    raw_event(w);
    // F_TRANSL_FORBIDDEN [7.3.8]: StreamID, RnW [99], InputAddr [191:128], the rest RES0
    EXPECT_EQ(0x07u, w[0] & 0xFF);
    EXPECT_EQ(5ull << 32 | 0x07, w[0]);
    EXPECT_EQ(0u, w[1]); // RnW = 0: a write
    EXPECT_EQ(0xabc123ull, w[2]);
    EXPECT_EQ(0u, w[3]);
    r = translated(5, 0xabc123, false);
    raw_event(w);
    EXPECT_EQ(1ull << (99 - 64), w[1]);
}

TEST_F(Ats, DebugTranslatedAccessGeneratesNoEvent)
{
    cfg.ats = true;
    create();
    enable(BANK_NS, false);
    smmu_result r = translated(5, 0xabc000, false, SMMU_TXN_DEBUG);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0u, stats().events_by_type[SMMU_EVT_F_TRANSL_FORBIDDEN]);
}

TEST_F(Ats, TranslatedWithAtschkFollowsSteEats)
{
    expected_findings = 1; // checker mode: the test rewrites the live STE's EATS in place
    create_ats();
    set_cr0(SMMU_CR0_ATSCHK);
    s1_stream(1);
    // EATS 0b01: the address is a PA, output directly
    smmu_result r = translated(5, kPa + 0x10);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x10, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    // EATS 0b00: F_TRANSL_FORBIDDEN
    smmu_ste_set_EATS(ste, 0);
    write_ste();
    cfgi_all();
    r = translated(5, kPa);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
    EXPECT_TRUE(r.event_recorded);
    // Config 0b100: F_TRANSL_FORBIDDEN; Config 0b000: abort without an event
    ste_make_bypass(ste);
    write_ste();
    cfgi_all();
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, translated(5, kPa).event);
    ste_make_abort(ste);
    write_ste();
    cfgi_all();
    EXPECT_EQ(SMMU_XLATE_ABORT, translated(5, kPa).outcome);
    EXPECT_EQ(2u, pending_events());
}

TEST_F(Ats, TranslatedConfigErrorsNotRecordedWithoutRecCfgAts)
{
    create_ats();
    set_cr0(SMMU_CR0_ATSCHK);
    uint64_t bad[8] = {0};
    st_write_ste(&st[BANK_NS], 5, bad);
    smmu_result r = translated(5, kPa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(0u, pending_events());
}

TEST_F(Ats, TranslatedBadStreamIdRecordedWithRecCfgAtsWhateverRecinvsid)
{
    // C_BAD_STREAMID of Translated traffic: with REC_CFG_ATS, RECINVSID does not matter
    // [3.9.1.3]
    create_ats(SMMU_CR2_REC_CFG_ATS, SMMU_CR2_RECINVSID);
    set_cr0(SMMU_CR0_ATSCHK);
    smmu_result r = translated(0x300, kPa);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STREAMID, r.event);
    EXPECT_TRUE(r.event_recorded);
    EXPECT_EQ(1u, pending_events());
}

TEST_F(Ats, WithoutAtsTranslatedTrafficAbortsAndRequestsGetUr)
{
    create_and_enable();
    EXPECT_EQ(SMMU_XLATE_ABORT, translated(5, kPa).outcome);
    EXPECT_EQ(SMMU_ATS_UR, request(5, kVa).status);
    EXPECT_EQ(0u, pending_events());
}

// ---- CMD_ATC_INV and CMD_SYNC [4.5.1, 4.7.3; digest 9C.6] ----

TEST_F(Ats, AtcInvSendsTheExactSpan)
{
    create_with_endpoint();
    ep.ack_inline = true;
    uint64_t c[2];
    // Size 2: 16 KB, the address aligned down to it; Global with SSV
    cmd_atc_inv(c, 5, true, 3, true, 0x12345679000ull, 2);
    command(BANK_NS, c);
    ASSERT_EQ(1u, ep.sent.size());
    const smmu_atc_inval &i = ep.sent[0];
    EXPECT_EQ(SMMU_SEC_NS, i.sec);
    EXPECT_EQ(5u, i.sid);
    EXPECT_TRUE(i.ssv);
    EXPECT_EQ(3u, i.ssid);
    EXPECT_TRUE(i.global);
    EXPECT_EQ(0x12345678000ull, i.addr);
    EXPECT_EQ(0x4000u, i.size);
    // Global is IGNORED without SSV; Size 52 is the whole 64-bit space (size 0)
    cmd_atc_inv(c, 6, false, 0, true, 0xfff000, 52);
    command(BANK_NS, c);
    ASSERT_EQ(2u, ep.sent.size());
    EXPECT_FALSE(ep.sent[1].ssv);
    EXPECT_FALSE(ep.sent[1].global);
    EXPECT_EQ(0u, ep.sent[1].addr);
    EXPECT_EQ(0u, ep.sent[1].size);
    EXPECT_EQ(2u, bstats().atc_invals);
}

TEST_F(Ats, AtcInvSizeAbove52IsIllegal)
{
    create_ats();
    uint64_t c[2];
    cmd_atc_inv(c, 5, false, 0, false, 0, 53);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ((unsigned)SMMU_CERROR_ILL, drv_cmdq_error(&drv[BANK_NS]));
}

TEST_F(Ats, AtcInvWithoutAtsIsIllegal)
{
    create_and_enable();
    uint64_t c[2];
    cmd_atc_inv(c, 5, false, 0, false, 0, 0);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ((unsigned)SMMU_CERROR_ILL, drv_cmdq_error(&drv[BANK_NS]));
}

TEST_F(Ats, AtcInvIsIgnoredWithSmmuenZero)
{
    cfg.ats = true;
    create();
    enable(BANK_NS, false);
    install_endpoint();
    uint64_t c[2];
    cmd_atc_inv(c, 5, false, 0, false, 0, 0);
    command(BANK_NS, c);
    EXPECT_EQ(0u, ep.sent.size());
    EXPECT_EQ(0u, bstats().atc_invals);
}

TEST_F(Ats, SyncWaitsForTheEndpointsAcknowledgement)
{
    create_with_endpoint();
    submit_atc_inv();
    // The CMD_ATC_INV is consumed, the CMD_SYNC is not: CONS stays on it [4.7.3]
    EXPECT_EQ(1u, cons());
    ASSERT_EQ(1u, ep.sent.size());
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[0].id, true));
    EXPECT_EQ(2u, cons());
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
    // The id is not outstanding any more
    EXPECT_EQ(SMMU_E_INVAL, smmu_atc_inval_complete(s, ep.sent[0].id, true));
}

TEST_F(Ats, SyncWaitsForEveryInvalidationBeforeIt)
{
    create_with_endpoint();
    submit_atc_inv(5, false);
    submit_atc_inv(6);
    ASSERT_EQ(2u, ep.sent.size());
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[1].id, true));
    EXPECT_EQ(2u, cons());
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[0].id, true));
    EXPECT_EQ(3u, cons());
}

TEST_F(Ats, TimedOutInvalidationRaisesCerrorAtcInvSyncAtTheSync)
{
    create_with_endpoint();
    submit_atc_inv();
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[0].id, false));
    // CMDQ_ERR with CERROR_ATC_INV_SYNC; CONS on the CMD_SYNC, which is not consumed
    EXPECT_EQ((unsigned)SMMU_CERROR_ATC_INV_SYNC, drv_cmdq_error(&drv[BANK_NS]));
    EXPECT_EQ(1u, cons() & 0xFFFFF);
    // Software acknowledges and retries the CMD_SYNC: it completes
    drv_fix_and_resume(&drv[BANK_NS], nullptr);
    EXPECT_EQ(2u, cons() & 0xFFFFF);
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
}

TEST_F(Ats, AcknowledgementFromInsideTheCallbackCompletesTheSync)
{
    create_with_endpoint();
    ep.ack_inline = true;
    submit_atc_inv(5, false);
    EXPECT_EQ(0, drv_sync(&drv[BANK_NS]));
    EXPECT_EQ(2u, cons());
}

TEST_F(Ats, WithoutCallbackInvalidationsCompleteAtOnce)
{
    create_ats();
    submit_atc_inv(5, false);
    EXPECT_EQ(0, drv_sync(&drv[BANK_NS]));
    EXPECT_EQ(1u, bstats().atc_invals);
}

TEST_F(Ats, ResetForgetsOutstandingInvalidations)
{
    create_with_endpoint();
    submit_atc_inv();
    ASSERT_EQ(SMMU_OK, smmu_reset(s));
    // A late acknowledgement is recognised as stale
    EXPECT_EQ(SMMU_E_INVAL, smmu_atc_inval_complete(s, ep.sent[0].id, true));
    EXPECT_TRUE(logged("not outstanding"));
}

// A queue disabled while its CMD_SYNC waits: the acknowledgement is taken, the CMD_SYNC
// completes when the queue is enabled again [4.7.3, 6.3.9].
TEST_F(Ats, SyncWaitingOnADisabledQueueCompletesWhenReenabled)
{
    create_with_endpoint();
    submit_atc_inv();
    set_cr0(SMMU_CR0_CMDQEN, false);
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[0].id, true));
    EXPECT_EQ(1u, cons());
    set_cr0(SMMU_CR0_CMDQEN);
    EXPECT_EQ(2u, cons());
    EXPECT_EQ(0u, drv_cmdq_error(&drv[BANK_NS]));
}

TEST_F(Ats, QueueWaitsAtAnAtcInvWhenEverySlotIsTaken)
{
    create_with_endpoint();
    for (unsigned i = 0; i <= ATC_PENDING_MAX; i++)
        submit_atc_inv(i, false);
    EXPECT_EQ((unsigned)ATC_PENDING_MAX, ep.sent.size());
    EXPECT_EQ((uint32_t)ATC_PENDING_MAX, cons());
    EXPECT_EQ(SMMU_OK, smmu_atc_inval_complete(s, ep.sent[0].id, true));
    EXPECT_EQ((unsigned)ATC_PENDING_MAX + 1, ep.sent.size());
    EXPECT_EQ((uint32_t)ATC_PENDING_MAX + 1, cons());
}

TEST_F(Ats, NullArgumentsAreRejected)
{
    create_ats();
    smmu_ats_completion c{};
    smmu_txn t = txn_of(5, kVa);
    EXPECT_EQ(SMMU_E_INVAL, smmu_ats_translate(nullptr, &t, &c));
    EXPECT_EQ(SMMU_E_INVAL, smmu_ats_translate(s, nullptr, &c));
    EXPECT_EQ(SMMU_E_INVAL, smmu_ats_translate(s, &t, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, smmu_atc_inval_complete(nullptr, 1, true));
    EXPECT_EQ(SMMU_E_INVAL, smmu_atc_inval_complete(s, 3, true)); // bank 3 does not exist
}

} // namespace
