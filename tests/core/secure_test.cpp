// Secure streams [IHI 0070 3.10.1, 3.10.2, 5.2 NSCFG/S2SW/S2SA/S2NSW/S2NSA, 5.4 NSCFGx,
// 6.3.57 SIF, 7.3 NSIPA; reference digest 7]: the Secure stream table, bank and event queue;
// the output PA space chosen by CD.NSCFGx, NSTable and the descriptor NS bit; Secure stage 2;
// SIF; SEC_SID never elevating a stream; Non-secure streams never producing Secure output.
#include "xlate_fixture.h"

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;
constexpr smmu_pa_space S = SMMU_PAS_SECURE;

class Secure : public XlateTest {
public:
    pgt pt{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};

    void create_both()
    {
        create();
        enable(BANK_NS);
        enable(BANK_S);
    }
    // Secure SID sid: stage 1 through a Secure CD; tables start in `table_pas`.
    void s1_stream(uint32_t sid, smmu_pa_space table_pas = S, bool nscfg0 = false)
    {
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pas = table_pas;
        p.secure_tables = true;
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        ASSERT_EQ(0, pgt_init(&pt, m, &p));
        if (table_pas == S)
            pgt_add_pool(&pt, SMMU_PAS_NS, kS1Pool + 0x400000, 0x400000);
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_set_NSCFG0(cdw, nscfg0);
        cd_init(&cdb, m, S, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        st_write_ste(&st[BANK_S], sid, ste);
    }
    smmu_result sxlate(uint32_t sid, uint64_t addr, uint32_t flags = 0, bool write = false)
    {
        return xlate(sid, addr, write, flags, SMMU_SEC_SECURE);
    }
};

TEST_F(Secure, SecureStreamUsesSecureStreamTableBankAndQueue)
{
    create_both();
    s1_stream(5);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    uint64_t ns_ste[8];
    ste_make_bypass(ns_ste); // Non-secure SID 5 is another stream
    st_write_ste(&st[BANK_NS], 5, ns_ste);

    smmu_result r = sxlate(5, kVa + 0x10);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x10, r.pa);
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas);
    r = xlate(5, kVa + 0x10);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);

    // a Secure stream's fault goes to the Secure event queue only
    r = sxlate(5, 0x40000000);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_EQ(0u, pending_events(BANK_NS));
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, e.type);
    EXPECT_EQ(5u, e.sid);
    EXPECT_FALSE(e.s2);
    EXPECT_FALSE(e.nsipa);
    EXPECT_EQ(0x40000000u, e.input_addr);
}

TEST_F(Secure, DescriptorNsBitSelectsOutputSpace)
{
    create_both();
    s1_stream(5);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    ASSERT_EQ(0, pgt_map(&pt, kVa + 0x1000, kPa, 0x1000, PGT_S1_RW | PGT_NS));
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(5, kVa).pas);
    EXPECT_EQ(SMMU_PAS_NS, sxlate(5, kVa + 0x1000).pas);
}

TEST_F(Secure, CdNscfg0StartsTheWalkInNonSecureSpace)
{
    create_both();
    s1_stream(5, SMMU_PAS_NS, true);
    // the descriptor's NS bit is ignored once the walk is Non-secure: the output is NS
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    smmu_result r = sxlate(5, kVa);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
}

TEST_F(Secure, NsTableMovesTheRestOfTheWalkToNonSecureSpace)
{
    create_both();
    s1_stream(5);
    pgt_set_new_table_attrs(&pt, PGT_T_NS); // the level-0 table descriptor has NSTable = 1
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    smmu_result r = sxlate(5, kVa);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
}

TEST_F(Secure, SifFaultsNonSecureInstructionFetches)
{
    create_both();
    s1_stream(5);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW | PGT_NS));
    ASSERT_EQ(0, pgt_map(&pt, kVa + 0x1000, kPa, 0x1000, PGT_S1_RW));
    uint32_t cr0 = drv_read32(&drv[BANK_S], DRV_CR0);
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_S], cr0 | (uint32_t)S_CR0_SIF));

    smmu_result r = sxlate(5, kVa, SMMU_TXN_INSTR);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, e.type);
    EXPECT_FALSE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.cls);
    EXPECT_TRUE(e.ind);
    // data accesses to the same page, and fetches from Secure pages, pass
    r = sxlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_PERM_R | SMMU_PERM_W, r.perm); // no execute while SIF forbids it
    EXPECT_EQ(SMMU_XLATE_OK, sxlate(5, kVa + 0x1000, SMMU_TXN_INSTR).outcome);
    // the TLB entry of the data access does not let a fetch through
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, sxlate(5, kVa, SMMU_TXN_INSTR).event);
}

TEST_F(Secure, SteNscfgSelectsBypassOutputSpace)
{
    create_both();
    ste_make_bypass(ste);
    st_write_ste(&st[BANK_S], 5, ste);
    ste_set_NSCFG(ste, 3);
    st_write_ste(&st[BANK_S], 6, ste);
    ste_set_NSCFG(ste, 2);
    st_write_ste(&st[BANK_S], 7, ste);
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(5, 0x1000).pas);            // incoming: Secure
    EXPECT_EQ(SMMU_PAS_NS, sxlate(5, 0x1000, SMMU_TXN_NS).pas);   // incoming: NS
    EXPECT_EQ(SMMU_PAS_NS, sxlate(6, 0x1000).pas);                // override NS
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(7, 0x1000, SMMU_TXN_NS).pas); // override Secure
}

TEST_F(Secure, SecureGbpaNscfgSelectsGlobalBypassOutputSpace)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_S, false);
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(5, 0x1000).pas);
    EXPECT_EQ(SMMU_PAS_NS, sxlate(5, 0x1000, SMMU_TXN_NS).pas);
    gbpa(BANK_S, (uint32_t)(FIELD_PREP(S_GBPA_NSCFG, 3) | FIELD_PREP(GBPA_SHCFG, 1)));
    EXPECT_EQ(SMMU_PAS_NS, sxlate(5, 0x1000).pas);
    gbpa(BANK_S, (uint32_t)(FIELD_PREP(S_GBPA_NSCFG, 2) | FIELD_PREP(GBPA_SHCFG, 1)));
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(5, 0x1000, SMMU_TXN_NS).pas);
}

class SecureS2 : public Secure {
public:
    pgt s2ns{}, s2s{};
    // Secure SID sid, stage 2 only: the Non-secure IPA table maps 0x40000000 to kPa, the
    // Secure IPA table maps it to kPa + 0x100000. Both tables in Secure PA space.
    void stream(uint32_t sid, uint16_t vmid, bool s2sw, bool s2sa, bool s2nsw, bool s2nsa)
    {
        ste_make_bypass(ste);
        ste_s2_params p{};
        p.ttb = s2ns.root;
        p.granule_shift = 12;
        p.ia_bits = 40;
        p.start_level = pgt_start_level(&s2ns);
        p.ps_bits = 48;
        p.vmid = vmid;
        ste_set_s2(ste, &p);
        p.ttb = s2s.root;
        ste_set_secure_s2(ste, &p);
        ste_set_S2SW(ste, s2sw);
        ste_set_S2SA(ste, s2sa);
        ste_set_S2NSW(ste, s2nsw);
        ste_set_S2NSA(ste, s2nsa);
        st_write_ste(&st[BANK_S], sid, ste);
    }
    void SetUp() override
    {
        Secure::SetUp();
        create_both();
        s2_tables(&s2ns, m, 12, 40, S, kS2Pool);
        s2_tables(&s2s, m, 12, 40, S, kS2Pool + 0x400000);
        ASSERT_EQ(0, pgt_map(&s2ns, 0x40000000, kPa, 0x1000, PGT_S2_RW));
        ASSERT_EQ(0, pgt_map(&s2s, 0x40000000, kPa + 0x100000, 0x1000, PGT_S2_RW));
    }
};

TEST_F(SecureS2, IncomingNsSelectsTheIpaSpaceAndS2saS2nsaTheOutput)
{
    stream(5, 1, false, false, false, false);
    smmu_result r = sxlate(5, 0x40000010);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x100010, r.pa); // Secure IPA space: S_S2TTB
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas);
    r = sxlate(5, 0x40000010, SMMU_TXN_NS);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x10, r.pa); // Non-secure IPA space: S2TTB
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas); // S2SW = S2SA = S2NSW = 0: S2NSA (0) decides

    stream(6, 2, false, true, false, false); // S2SA = 1
    EXPECT_EQ(SMMU_PAS_NS, sxlate(6, 0x40000010).pas);
    EXPECT_EQ(SMMU_PAS_NS, sxlate(6, 0x40000010, SMMU_TXN_NS).pas);

    stream(7, 3, false, false, false, true); // S2NSA = 1
    EXPECT_EQ(SMMU_PAS_SECURE, sxlate(7, 0x40000010).pas);
    EXPECT_EQ(SMMU_PAS_NS, sxlate(7, 0x40000010, SMMU_TXN_NS).pas);
}

TEST_F(SecureS2, S2swWalksNonSecureTablesAndOutputsNonSecure)
{
    // Secure IPA tables in Non-secure memory
    pgt nst{};
    s2_tables(&nst, m, 12, 40, SMMU_PAS_NS, kS2Pool + 0x800000);
    ASSERT_EQ(0, pgt_map(&nst, 0x40000000, kPa + 0x200000, 0x1000, PGT_S2_RW));
    s2s = nst;
    stream(5, 1, true, false, false, false);
    smmu_result r = sxlate(5, 0x40000020);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x200020, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
}

TEST_F(SecureS2, Stage2FaultReportsNsipaOfTheIpaSpaceUsed)
{
    stream(5, 1, false, false, false, false);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, sxlate(5, 0x50000000, SMMU_TXN_NS).event);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, sxlate(5, 0x50000000).event);
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_IN, e.cls);
    EXPECT_EQ(0x50000000u, e.ipa);
    EXPECT_TRUE(e.nsipa);
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_TRUE(e.s2);
    EXPECT_FALSE(e.nsipa);
}

// ---- SEC_SID never elevates; Non-secure streams only reach Non-secure PA [3.10.1, 3.10.2] ----

TEST_F(Secure, SecureSecSidWithoutSecureImplIsNonSecure)
{
    cfg.secure_impl = false;
    cfg.sel2 = false;
    create_and_enable();
    ste_make_bypass(ste);
    ste_set_NSCFG(ste, 2); // IGNORED in a Non-secure STE
    st_write_ste(&st[BANK_NS], 5, ste);
    smmu_result r = sxlate(5, 0x1000);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    // a fault goes to the Non-secure queue
    ste_make_abort(ste);
    ste_set_V(ste, 0);
    st_write_ste(&st[BANK_NS], 6, ste);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, sxlate(6, 0x1000).event);
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_NS));
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, e.type);
    EXPECT_EQ(6u, e.sid);
}

TEST_F(Secure, NonSecureStreamNeverProducesSecureOutput)
{
    create_both();
    // stage 1 with a descriptor NS bit of 0 and NSTable clear: still Non-secure
    pgt_params p = pgt_default_params(1, 12, 48);
    p.pool_base = kS1Pool;
    p.pool_size = 0x400000;
    ASSERT_EQ(0, pgt_init(&pt, m, &p));
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
    cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 0, 0);
    st_write_ste(&st[BANK_NS], 5, ste);
    ste_make_bypass(ste);
    ste_set_NSCFG(ste, 2);
    st_write_ste(&st[BANK_NS], 6, ste);
    smmu_result r = xlate(5, kVa);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(SMMU_PAS_NS, xlate(6, 0x1000).pas);
}

} // namespace
