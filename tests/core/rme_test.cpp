// SPDX-License-Identifier: Apache-2.0
// RME configuration and the Root control page [IHI 0070 3.25, 6.2.6, 6.3.110-119; reference
// digest 1.1, 1.6, 9.1]: configuration checks, where the Root page is and who reaches it,
// every Root register's access rule, and RME_IMPL in SMMU_IDR0.
#include "xlate_fixture.h"

#include "gpt.h"

namespace {

constexpr uint64_t R = 0x20000; // Root page (default root_page_offset)
constexpr smmu_pa_space NS = SMMU_PAS_NS, SEC = SMMU_PAS_SECURE, REALM = SMMU_PAS_REALM,
                        ROOT = SMMU_PAS_ROOT;
constexpr smmu_pa_space kAllPas[4] = {NS, SEC, REALM, ROOT};

// Root page offsets [6.2.6]
constexpr unsigned IDR0 = 0x00, IIDR = 0x08, CR0 = 0x20, CR0ACK = 0x24, GPT_BASE = 0x28,
                   GPT_BASE_CFG = 0x30, GPF_FAR = 0x38, GPT_CFG_FAR = 0x40, TLBI = 0x50,
                   TLBI_CTRL = 0x58;

class Rme : public ::testing::Test {
protected:
    smmu_config cfg{};
    fake_mem *m = nullptr;
    smmu_env env{};
    smmu_t *s = nullptr;

    void SetUp() override
    {
        smmu_config_init(&cfg);
        cfg.rme_impl = true;
        m = fake_mem_create();
        env = fake_mem_env(m);
    }
    void TearDown() override
    {
        smmu_destroy(s);
        fake_mem_destroy(m);
    }
    void create() { ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &s)); }
    smmu_status try_create()
    {
        smmu_t *t = nullptr;
        smmu_status st = smmu_create(&cfg, &env, &t);
        smmu_destroy(t);
        return st;
    }
    uint64_t rd(uint64_t off, unsigned size = 4, smmu_pa_space pas = ROOT)
    {
        uint64_t v = ~0ull;
        EXPECT_EQ(SMMU_OK, smmu_reg_read(s, off, size, pas, &v)) << std::hex << off;
        return v;
    }
    void wr(uint64_t off, uint64_t v, unsigned size = 4, smmu_pa_space pas = ROOT)
    {
        EXPECT_EQ(SMMU_OK, smmu_reg_write(s, off, size, pas, v)) << std::hex << off;
    }
};

// [6.3.110, 6.3.111, 6.3.1] ROOT_IDR0 = ROOT_IMPL | RGPTM (defaults), ROOT_IIDR = SMMU_IIDR,
// SMMU_IDR0.RME_IMPL (bit 30) = 1.
TEST_F(Rme, RootIdRegistersAndRmeImpl)
{
    create();
    EXPECT_EQ(0x5u, rd(R + IDR0));
    EXPECT_EQ(0x4870043Bu, rd(R + IIDR));
    EXPECT_EQ(0x4870043Bu, rd(0x18, 4, NS));
    EXPECT_EQ(1u << 30, rd(0x0, 4, NS) & (1u << 30));
}

TEST_F(Rme, RootIdr0ReportsBgptmWithoutRgptm)
{
    cfg.rgptm = false;
    cfg.bgptm = true;
    create();
    EXPECT_EQ(0x3u, rd(R + IDR0));
    // ROOT_TLBI / ROOT_TLBI_CTRL are absent without RGPTM [6.3.118]: RAZ/WI
    wr(R + TLBI, 0xFFFFF000ull, 8);
    EXPECT_EQ(0u, rd(R + TLBI, 8));
    EXPECT_EQ(0u, rd(R + TLBI_CTRL));
}

// Without rme_impl there is no Root page: RAZ/WI even from Root PA space; RME_IMPL = 0.
TEST_F(Rme, NoRootPageWithoutRmeImpl)
{
    cfg.rme_impl = false;
    create();
    EXPECT_EQ(0u, rd(R + IDR0));
    wr(R + CR0, 3);
    EXPECT_EQ(0u, rd(R + CR0));
    EXPECT_EQ(0u, rd(0x0, 4, NS) & (1u << 30));
}

// [6.3.110-119 "When an access is not Root, accesses to this register are RAZ/WI"]
TEST_F(Rme, EveryRootRegisterIsRazWiFromNonRootPaSpaces)
{
    create();
    static const struct { unsigned off, size; } regs[] = {
        {IDR0, 4}, {IIDR, 4}, {CR0, 4}, {CR0ACK, 4}, {GPT_BASE, 8}, {GPT_BASE_CFG, 8},
        {GPF_FAR, 8}, {GPT_CFG_FAR, 8}, {TLBI, 8}, {TLBI_CTRL, 4}};
    for (smmu_pa_space pas : {NS, SEC, REALM}) {
        for (auto r : regs) {
            EXPECT_EQ(0u, rd(R + r.off, r.size, pas)) << std::hex << r.off << " pas " << pas;
            wr(R + r.off, ~0ull, r.size, pas);
        }
    }
    // nothing the writes did is visible from Root
    EXPECT_EQ(0u, rd(R + CR0));
    EXPECT_EQ(0u, rd(R + GPT_BASE, 8));
    EXPECT_EQ(0u, rd(R + GPT_BASE_CFG, 8));
    EXPECT_EQ(0u, rd(R + TLBI, 8));
    EXPECT_NE(0u, rd(R + IDR0)); // and the page is there from Root
}

// [6.3.112] CR0 holds GPCEN and ACCESSEN, RES0 elsewhere; the model completes updates at
// once (CR0ACK = CR0); both reset to 0.
TEST_F(Rme, RootCr0UpdateCompletesAtOnce)
{
    create();
    EXPECT_EQ(0u, rd(R + CR0));
    EXPECT_EQ(0u, rd(R + CR0ACK));
    wr(R + CR0, 0xFFFFFFFF);
    EXPECT_EQ(0x3u, rd(R + CR0));
    EXPECT_EQ(0x3u, rd(R + CR0ACK));
    wr(R + CR0ACK, 0); // RO
    EXPECT_EQ(0x3u, rd(R + CR0ACK));
    wr(R + CR0, 0x1);
    EXPECT_EQ(0x1u, rd(R + CR0ACK));
}

// [6.3.114, 6.3.115] GPT_BASE ADDR [51:12]; GPT_BASE_CFG GPCP, PGS, SH, ORGN, IRGN, PPS with
// L0GPTSZ read-only; both RO while GPCEN (or its ACK) is 1.
TEST_F(Rme, GptBaseRegistersWritableOnlyWhileGpcenIsZero)
{
    cfg.l0gptsz_bits = 36;
    create();
    EXPECT_EQ(0x600000u, rd(R + GPT_BASE_CFG, 8)); // L0GPTSZ = 0b0110, the rest resets to 0
    wr(R + GPT_BASE, ~0ull, 8);
    EXPECT_EQ(0x000FFFFFFFFFF000ull, rd(R + GPT_BASE, 8));
    wr(R + GPT_BASE_CFG, ~0ull, 8);
    EXPECT_EQ(0x62FF07ull, rd(R + GPT_BASE_CFG, 8));
    // 32-bit halves of the 64-bit registers
    wr(R + GPT_BASE + 4, 0x1, 4);
    EXPECT_EQ(0x00000001FFFFF000ull, rd(R + GPT_BASE, 8));
    EXPECT_EQ(0x1u, rd(R + GPT_BASE + 4, 4));
    wr(R + GPT_BASE_CFG, 0x0, 4);
    EXPECT_EQ(0x600000ull, rd(R + GPT_BASE_CFG, 8));

    wr(R + CR0, 0x2); // GPCEN
    wr(R + GPT_BASE, 0x12345000, 8);
    wr(R + GPT_BASE_CFG, 0x3505, 8);
    EXPECT_EQ(0x00000001FFFFF000ull, rd(R + GPT_BASE, 8));
    EXPECT_EQ(0x600000ull, rd(R + GPT_BASE_CFG, 8));
    wr(R + CR0, 0x0);
    wr(R + GPT_BASE, 0x12345000, 8);
    EXPECT_EQ(0x12345000ull, rd(R + GPT_BASE, 8));
}

TEST_F(Rme, L0gptszFieldReadsTheConfiguredSize)
{
    const unsigned bits[4] = {30, 34, 36, 39}, enc[4] = {0, 4, 6, 9};
    for (int i = 0; i < 4; i++) {
        cfg.l0gptsz_bits = bits[i];
        smmu_destroy(s);
        s = nullptr;
        create();
        EXPECT_EQ((uint64_t)enc[i] << 20, rd(R + GPT_BASE_CFG, 8)) << bits[i];
    }
    cfg.l0gptsz_bits = 32;
    EXPECT_EQ(SMMU_E_INVAL, try_create());
}

// [6.2] a 64-bit access to a 32-bit Root register is the model's RAZ/WI with SMMU_E_SIZE.
TEST_F(Rme, SixtyFourBitAccessToThirtyTwoBitRootRegisterIsRazWi)
{
    create();
    uint64_t v = 1;
    EXPECT_EQ(SMMU_E_SIZE, smmu_reg_read(s, R + CR0, 8, ROOT, &v));
    EXPECT_EQ(0u, v);
    EXPECT_EQ(SMMU_E_SIZE, smmu_reg_write(s, R + CR0, 8, ROOT, 3));
    EXPECT_EQ(0u, rd(R + CR0));
    EXPECT_EQ(0u, rd(R + 0x100)); // an unimplemented offset
}

// [6.3.116, 6.3.117] FAR writes are ignored unless they clear FAULT, which zeroes the
// register; a write of 1 to FAULT does not make a fault active.
TEST_F(Rme, FarWritesAreIgnoredUnlessTheyClearFault)
{
    create();
    wr(R + GPF_FAR, ~0ull, 8);
    EXPECT_EQ(0u, rd(R + GPF_FAR, 8));
    EXPECT_EQ(0u, m->rme_irqs[0]);
    // make a fault: ACCESSEN = 0 terminates the command queue read (see gpc_test)
    ASSERT_EQ(SMMU_OK, smmu_reg_write(s, 0x90, 8, NS, 0x90000 | 4));
    ASSERT_EQ(SMMU_OK, smmu_reg_write(s, 0x20, 4, NS, 0x8)); // CMDQEN
    ASSERT_EQ(SMMU_OK, smmu_reg_write(s, 0x98, 4, NS, 1));   // one command
    const uint64_t far = 0x4000000000090005ull;                // NS, 0x90000, GERROR, CMDQ_GPF
    EXPECT_EQ(far, rd(R + GPF_FAR, 8));
    EXPECT_EQ(1u, m->rme_irqs[0]);
    wr(R + GPF_FAR, far ^ 0xF000ull, 8); // FADDR changes with FAULT kept: ignored
    EXPECT_EQ(far, rd(R + GPF_FAR, 8));
    wr(R + GPF_FAR + 4, 0, 4); // the upper half alone cannot clear FAULT
    EXPECT_EQ(far, rd(R + GPF_FAR, 8));
    wr(R + GPF_FAR, 0xFFFFFFFE, 4); // FAULT written 0: the whole register clears
    EXPECT_EQ(0u, rd(R + GPF_FAR, 8));
}

// [6.3.118-119] ROOT_TLBI fields, TLBI_CTRL.RUN completing at once; the embedder is told
// that anything derived from translations may be stale (one notice per interface).
TEST_F(Rme, RootTlbiRunsToCompletionAndNotifies)
{
    create();
    wr(R + TLBI, ~0ull, 8);
    EXPECT_EQ(0x000FFFFFFFFFF0F3ull, rd(R + TLBI, 8));
    unsigned before = m->inval_notices;
    wr(R + TLBI_CTRL, 1);
    EXPECT_EQ(0u, rd(R + TLBI_CTRL));
    EXPECT_EQ(before + 3, m->inval_notices);
    EXPECT_TRUE(m->last_notice.all);
}

// [6.2, digest 1.1] With RME, Secure-only registers are reachable from Root PA space, and
// Non-secure registers from Realm and Root PA spaces.
TEST_F(Rme, RootReachesSecureBankAndRealmRootReachNonSecureRegisters)
{
    create();
    EXPECT_EQ(1u << 31, rd(0x8004, 4, ROOT) & (1u << 31)); // S_IDR1.SECURE_IMPL
    EXPECT_EQ(0u, rd(0x8004, 4, REALM));
    uint64_t idr0 = rd(0x0, 4, NS);
    for (smmu_pa_space pas : kAllPas)
        EXPECT_EQ(idr0, rd(0x0, 4, pas));
    wr(0x8044, (1u << 31), 4, ROOT); // S_GBPA: Update, ABORT = 0
    EXPECT_EQ(0u, rd(0x8044, 4, SEC));
}

// smmu_create checks the RME configuration [6.3.110, 3.25].
TEST_F(Rme, ConfigurationChecks)
{
    EXPECT_EQ(SMMU_OK, try_create());
    cfg.arch_minor = 1; // RME needs SMMUv3.2
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.arch_minor = 2;
    EXPECT_EQ(SMMU_OK, try_create());
    cfg.ba_realm = 3; // BA_REALM[0] is zero
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.ba_realm = 1024; // 10 bits
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.ba_realm = 2;
    cfg.root_page_offset = 0x28000; // not 64 KB aligned
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.root_page_offset = 0x10000; // page 1
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.root_page_offset = 0xA0000;
    EXPECT_EQ(SMMU_OK, try_create());
    cfg.rgptm = false; // one of RGPTM and BGPTM
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.rgptm = true;
    cfg.arch_minor = 3;
    cfg.bbml = 2; // a Realm prerequisite (see RealmPrerequisites)
    cfg.rme_impl = false;
    cfg.realm_impl = true; // Realm needs RME
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.rme_impl = true;
    cfg.root_page_offset = 0x50000; // Realm page 1 with BA_REALM 2
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    cfg.root_page_offset = 0x20000;
    EXPECT_EQ(SMMU_OK, try_create());
    cfg.ats = cfg.pri = true; // IDR0.PRI is RES0 without ATS [6.3.1]
    cfg.priq_log2max = 4;
    EXPECT_EQ(SMMU_E_UNSUPPORTED, try_create()); // no Realm PRI queue in the model
}

// [2.7.1] An SMMU with REALM_IMPL = 1 implements SMMUv3.3 with S1P, S2P, Hyp, COHACC, E0PD,
// STT, FWB, XNX, HAD and BBML = 0b10: smmu_create refuses a Realm configuration without
// any one of them, naming the rule.
TEST_F(Rme, RealmPrerequisites)
{
    cfg.realm_impl = true;
    cfg.bbml = 2;
    EXPECT_EQ(SMMU_OK, try_create());
    struct Need {
        bool smmu_config::*field;
        const char *log;
    };
    const Need needs[] = {
        {&smmu_config::stage1, "realm_impl requires stage1 (IDR0.S1P) = 1 (IHI 0070 2.7.1)"},
        {&smmu_config::stage2, "realm_impl requires stage2 (IDR0.S2P) = 1"},
        {&smmu_config::hyp, "realm_impl requires hyp (IDR0.Hyp) = 1"},
        {&smmu_config::coherent, "realm_impl requires coherent (IDR0.COHACC) = 1"},
        {&smmu_config::e0pd, "realm_impl requires e0pd (IDR3.E0PD) = 1"},
        {&smmu_config::stt, "realm_impl requires stt (IDR3.STT) = 1"},
        {&smmu_config::fwb, "realm_impl requires fwb (IDR3.FWB) = 1"},
        {&smmu_config::xnx, "realm_impl requires xnx (IDR3.XNX) = 1"},
        {&smmu_config::had, "realm_impl requires had (IDR3.HAD) = 1"},
    };
    for (const Need &n : needs) {
        cfg.*n.field = false;
        EXPECT_EQ(SMMU_E_INVAL, try_create()) << n.log;
        EXPECT_TRUE(fake_mem_log_contains(m, n.log)) << n.log;
        cfg.*n.field = true;
    }
    for (unsigned bbml : {0u, 1u}) {
        cfg.bbml = bbml;
        EXPECT_EQ(SMMU_E_INVAL, try_create()) << bbml;
    }
    EXPECT_TRUE(fake_mem_log_contains(m, "realm_impl requires bbml = 2 (IDR3.BBML = 0b10, "
                                         "level 2; IHI 0070 2.7.1), not 1"));
    cfg.bbml = 2;
    cfg.arch_minor = 2; // RME (the Root page) is SMMUv3.2; RME DA is SMMUv3.3
    EXPECT_EQ(SMMU_E_INVAL, try_create());
    EXPECT_TRUE(fake_mem_log_contains(m, "realm_impl needs SMMUv3.3 (arch_minor 2"));
    cfg.realm_impl = false;
    EXPECT_EQ(SMMU_OK, try_create()); // the prerequisites are Realm's, not RME's
    cfg.arch_minor = 3;
    cfg.realm_impl = true;
    EXPECT_EQ(SMMU_OK, try_create());
}

// The Root page moves with root_page_offset; the old place is then RAZ/WI.
TEST_F(Rme, RootPageAtConfiguredOffset)
{
    cfg.root_page_offset = 0xA0000;
    create();
    EXPECT_EQ(0x5u, rd(0xA0000 + IDR0));
    EXPECT_EQ(0u, rd(0x20000 + IDR0));
}

// ---- the Realm programming interface [6.2.7-6.2.9, 6.3.122-146; digest 1.5] ----

constexpr uint64_t O = 0x40000; // O_REALM with the default BA_REALM = 2

class Realm : public Rme {
protected:
    void SetUp() override
    {
        Rme::SetUp();
        cfg.realm_impl = true;
        cfg.bbml = 2; // required with REALM_IMPL [2.7.1]
    }
};

// [6.3.110] ROOT_IDR0 with REALM_IMPL: BA_REALM = 2, REALM_IMPL, RGPTM, ROOT_IMPL.
TEST_F(Realm, RootIdr0ReportsTheRealmInterface)
{
    create();
    EXPECT_EQ(0x0080000Du, rd(R + IDR0));
}

// [6.3.122-127] R_IDR0 = STALL_MODEL 01 | MSI; R_IDR1 = RME_DA_IMPL; no R_IDR5, R_IIDR,
// STATUSR; R_AIDR = 0 (RME for SMMU, revision 0.0). Reachable from Realm and Root PA spaces
// only.
TEST_F(Realm, RealmIdRegistersFromRealmAndRootOnly)
{
    create();
    for (smmu_pa_space pas : {REALM, ROOT}) {
        EXPECT_EQ(0x01002000u, rd(O + 0x00, 4, pas));
        EXPECT_EQ(0x80000000u, rd(O + 0x04, 4, pas));
        EXPECT_EQ(0u, rd(O + 0x08, 4, pas));
        EXPECT_EQ(0u, rd(O + 0x0C, 4, pas));
        EXPECT_EQ(0u, rd(O + 0x14, 4, pas)); // no R_IDR5
        EXPECT_EQ(0u, rd(O + 0x18, 4, pas)); // no R_IIDR
        EXPECT_EQ(0u, rd(O + 0x1C, 4, pas));
    }
    for (smmu_pa_space pas : {NS, SEC}) {
        EXPECT_EQ(0u, rd(O + 0x04, 4, pas));
        wr(O + 0x20, 0x1, 4, pas); // R_CR0
    }
    EXPECT_EQ(0u, rd(O + 0x20, 4, REALM)); // untouched
}

// [6.3.128, 6.3.133] R_CR0.ATSCHK reads 1 (RO) with R_IDR0.ATS, RES0 without; R_GBPA.ABORT
// is 1 and read-only.
TEST_F(Realm, AtschkAndGbpaAbortAreRes1)
{
    cfg.ats = true;
    create();
    EXPECT_EQ(0x10u, rd(O + 0x20, 4, REALM));
    EXPECT_EQ(0x10u, rd(O + 0x24, 4, REALM));
    wr(O + 0x20, 0x0, 4, REALM);
    EXPECT_EQ(0x10u, rd(O + 0x20, 4, REALM));
    EXPECT_EQ(0x100000u, rd(O + 0x44, 4, REALM));
    wr(O + 0x44, 0x80000000u, 4, REALM); // Update with ABORT = 0: ignored
    EXPECT_EQ(0x100000u, rd(O + 0x44, 4, REALM));
}

// [6.3.134-135] R_GERRORN has no SFM_ERR and no PRI bits; R_*_IRQ_CFG0 has NS at bit 63.
TEST_F(Realm, GerrornAndIrqCfg0Fields)
{
    create();
    wr(O + 0x64, 0x1FF, 4, REALM);
    EXPECT_EQ(0xB5u, rd(O + 0x64, 4, REALM));
    wr(O + 0x68, ~0ull, 8, REALM);
    EXPECT_EQ(0x8000FFFFFFFFFFFCull, rd(O + 0x68, 8, REALM));
    wr(O + 0xB0, ~0ull, 8, REALM);
    EXPECT_EQ(0x8000FFFFFFFFFFFCull, rd(O + 0xB0, 8, REALM));
    wr(0x68, ~0ull, 8, NS); // the Non-secure one has no NS bit
    EXPECT_EQ(0x0000FFFFFFFFFFFCull, rd(0x68, 8, NS));
}

// [6.2.9] R_EVENTQ_PROD/CONS are in Realm page 1 only (no page-0 alias).
TEST_F(Realm, EventQueueProdConsInRealmPage1)
{
    create();
    wr(O + 0xA0, 0x80000 | 4, 8, REALM); // R_EVENTQ_BASE, 16 entries
    wr(O + 0x100AC, 0x3, 4, REALM);
    EXPECT_EQ(0x3u, rd(O + 0x100AC, 4, REALM));
    EXPECT_EQ(0u, rd(O + 0xAC, 4, REALM));
    EXPECT_EQ(0u, rd(0x100AC, 4, NS)); // the Non-secure queue is another one
}

// ---- Realm streams [3.10.3, 5.2; digest 7.3] ----

class RealmXlate : public XlateTest {
public:
    smmu_driver rd_{};
    st_builder rst{};
    pgt s2{};
    uint64_t ste[8]{};

    void SetUp() override
    {
        XlateTest::SetUp();
        cfg.rme_impl = cfg.realm_impl = true;
        cfg.bbml = 2; // required with REALM_IMPL [2.7.1]
    }
    // Create, let accesses through (ACCESSEN, no GPC), program the Realm interface.
    void create_realm()
    {
        create();
        ASSERT_EQ(0, gpt_access_only(s, R));
        drv_init(&rd_, s, m, SMMU_SEC_REALM);
        drv_setup_cmdq(&rd_, kCmdq, kQs);
        drv_setup_evtq(&rd_, kEvtq, kQs);
        ASSERT_EQ(0, drv_enable_queues(&rd_));
        st_init_linear(&rst, m, REALM, kStrtab, 8);
        drv_set_strtab(&rd_, st_base_reg(&rst), st_base_cfg_reg(&rst));
        ASSERT_EQ(0, drv_enable_smmu(&rd_));
    }
    // Realm SID 6: stage 2 only, tables in Realm PA space.
    void s2_stream()
    {
        s2_tables(&s2, m, 12, 40, REALM);
        ste_make_bypass(ste);
        ste_s2_params sp = s2_params_of(s2, 40, 2);
        ste_set_s2(ste, &sp);
        st_write_ste(&rst, 6, ste);
    }
    smmu_result rxlate(uint32_t sid, uint64_t addr)
    {
        return xlate(sid, addr, false, 0, SMMU_SEC_REALM);
    }
    void rcommand(const uint64_t c[2])
    {
        ASSERT_EQ(0, drv_submit(&rd_, c));
    }
};

// [3.10.3, 5.2] a Realm stream's stage 2 outputs to Realm PA space, or to Non-secure PA space
// where the descriptor's NS bit (55) is set; its tables and STE are read in Realm PA space.
TEST_F(RealmXlate, RealmStage2OutputsToRealmOrNonSecureByDescriptorNs)
{
    create_realm();
    s2_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x10000, 0x80000000, 0x1000, PGT_S2_RW));
    ASSERT_EQ(0, pgt_map(&s2, 0x11000, 0x80001000, 0x1000, PGT_S2_RW | PGT_S2NS));
    smmu_result r = rxlate(6, 0x10010);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80000010u, r.pa);
    EXPECT_EQ(REALM, r.pas);
    r = rxlate(6, 0x11020);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80001020u, r.pa);
    EXPECT_EQ(NS, r.pas);
    // Non-secure SID 6 is another stream (the Non-secure interface is not even enabled)
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(6, 0x10010).outcome);
}

// [7.4] a Realm stream's fault is recorded on the Realm event queue.
TEST_F(RealmXlate, RealmFaultGoesToRealmEventQueue)
{
    create_realm();
    s2_stream();
    smmu_result r = rxlate(6, 0x20000);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_TRUE(r.event_recorded);
    uint64_t w[4];
    ASSERT_EQ(1, drv_read_event(&rd_, w));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, smmu_evt_EventType(w));
    EXPECT_EQ(6u, smmu_evt_StreamID(w));
    EXPECT_EQ(0x20000u, smmu_evt_IPA(w) << 12);
}

// [6.3.128, 6.3.133] R_CR0.SMMUEN = 0: Realm streams abort (there is no Realm bypass).
TEST_F(RealmXlate, RealmSmmuenZeroAborts)
{
    create_realm();
    s2_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x10000, 0x80000000, 0x1000, PGT_S2_RW));
    ASSERT_EQ(0, drv_write_cr0(&rd_, 0xC)); // queues only
    EXPECT_EQ(SMMU_XLATE_ABORT, rxlate(6, 0x10000).outcome);
}

// The GPT applies to Realm output: a Realm access to a Non-secure-only granule aborts with
// FPAS = Realm (11).
TEST_F(RealmXlate, RealmOutputToNonSecureGranuleIsGpf)
{
    create_realm();
    s2_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x10000, 0x80000000, 0x1000, PGT_S2_RW));
    gpt_builder g{};
    gpt_init(&g, m, 40, 30, 12, 0x10000000, 0x10100000);
    gpt_set_granule(&g, 0x80000000, GPI_NS);
    ASSERT_EQ(0, gpt_enable(&g, s, R));
    EXPECT_EQ(SMMU_XLATE_ABORT, rxlate(6, 0x10008).outcome);
    EXPECT_EQ(0xC000000080000007ull, gpt_root_read(s, R, GPF_FAR, 8));
}

// [4.1.6, 4.4, digest 5.2 "Realm queue"] EL3 and Secure-only TLBIs and SSec=1 are CERROR_ILL
// on the Realm queue; Realm-state TLBIs are accepted.
TEST_F(RealmXlate, RealmQueueCommandLegality)
{
    create_realm();
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    rcommand(c);
    cmd_tlbi_el2_all(c);
    rcommand(c);
    cmd_tlbi_s12_vmall(c, 2);
    rcommand(c);
    EXPECT_EQ(0, drv_sync(&rd_));
    const unsigned ill = 1; // CERROR_ILL
    cmd_tlbi_el3_all(c);
    rcommand(c);
    EXPECT_EQ(ill, drv_cmdq_error(&rd_));
    drv_fix_and_resume(&rd_, nullptr);
    cmd_tlbi_s_el2_all(c);
    rcommand(c);
    EXPECT_EQ(ill, drv_cmdq_error(&rd_));
    drv_fix_and_resume(&rd_, nullptr);
    cmd_cfgi_all(c, true); // SSec = 1
    rcommand(c);
    EXPECT_EQ(ill, drv_cmdq_error(&rd_));
    drv_fix_and_resume(&rd_, nullptr);
    EXPECT_EQ(0, drv_sync(&rd_));
}

// [4.7.3] a Realm CMD_SYNC MSI goes to Realm PA space, or Non-secure PA space with MSI_NS.
TEST_F(RealmXlate, RealmCmdSyncMsiNsSelectsPaSpace)
{
    create_realm();
    uint64_t c[2];
    cmd_sync(c, 1, 0x9000, 0xCAFE, 3, 0xF);
    rcommand(c);
    cmd_sync(c, 1, 0x9100, 0xBEEF, 3, 0xF);
    c[1] |= 1ull << 63; // MSI_NS (abs 127)
    rcommand(c);
    ASSERT_EQ(2u, m->nmsis);
    EXPECT_EQ(0x9000u, m->msis[0].pa);
    EXPECT_EQ(REALM, m->msis[0].pas);
    EXPECT_EQ(0xCAFEu, m->msis[0].data);
    EXPECT_EQ(0x9100u, m->msis[1].pa);
    EXPECT_EQ(NS, m->msis[1].pas);
    EXPECT_EQ(2u, m->irqs[SMMU_SEC_REALM][SMMU_IRQ_CMD_SYNC]);
    // MSI_NS on the Non-secure queue is RES0: CERROR_ILL
    smmu_driver nd{};
    drv_init(&nd, s, m, SMMU_SEC_NS);
    drv_setup_cmdq(&nd, 0x300000, kQs);
    ASSERT_EQ(0, drv_enable_queues(&nd));
    ASSERT_EQ(0, drv_submit(&nd, c));
    EXPECT_EQ(1u, drv_cmdq_error(&nd));
}

// [5.2 STRW, 3.25, digest 9.1] With IDR0.RME_IMPL there is no EL3 StreamWorld: a Secure STE
// with STRW = 0b01 is ILLEGAL (C_BAD_STE) and CMD_TLBI_EL3_* is CERROR_ILL.
TEST_F(RealmXlate, NoEl3StreamWorldWithRme)
{
    create();
    ASSERT_EQ(0, gpt_access_only(s, R));
    enable(BANK_S);
    uint64_t cdw[8];
    cd_builder cdb{};
    cd_make(cdw, kS1Pool, 12, 48, 48, 0, kMair);
    cd_init(&cdb, m, SEC, kCd, 0, 0, 0);
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 0, 0);
    smmu_ste_set_STRW(ste, 1);
    st_write_ste(&st[BANK_S], 3, ste);
    smmu_result r = xlate(3, 0x1000, false, 0, SMMU_SEC_SECURE);
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, r.event);
    EXPECT_TRUE(fake_mem_log_contains(m, "STRW 0b01 (EL3) with IDR0.RME_IMPL=1"));
    uint64_t c[2];
    cmd_tlbi_el3_all(c);
    ASSERT_EQ(0, drv_submit(&drv[BANK_S], c));
    EXPECT_EQ(1u, drv_cmdq_error(&drv[BANK_S])); // CERROR_ILL
}

// ---- Realm instruction fetches and the NS attribute [3.10.3, 7.3.16] ----

class RealmFetch : public RealmXlate {
public:
    pgt s1{};
    cd_builder cdb{};
    uint64_t cdw[8]{};

    // Realm SID 7: nested (EL1 stage 1 + stage 2). Stage 2 maps the structure IPAs [0, 16 MB)
    // onto the same Realm PAs; stage-1 VA 0x30000 -> IPA 0x3000000, two pages.
    void nested_stream()
    {
        s2_tables(&s2, m, 12, 40, REALM);
        ASSERT_EQ(0, pgt_map(&s2, 0, 0, 0x1000000, PGT_S2_RW));
        s1_tables(&s1, m, 12, 48, REALM);
        ASSERT_EQ(0, pgt_map(&s1, 0x30000, 0x3000000, 0x2000, PGT_AF | PGT_SH(3) | PGT_AP(1)));
        cd_make(cdw, s1.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, REALM, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        ste_s2_params sp = s2_params_of(s2, 40, 3);
        ste_set_s2(ste, &sp);
        st_write_ste(&rst, 7, ste);
    }
    smmu_result rfetch(uint32_t sid, uint64_t addr, uint32_t flags = 0)
    {
        return xlate(sid, addr, false, SMMU_TXN_INSTR | flags, SMMU_SEC_REALM);
    }
    // The next Realm event record is F_PERMISSION of SID sid, stage 2 (S2 = 1, CLASS = IN),
    // for an instruction fetch of addr whose IPA is ipa.
    void expect_s2_fetch_permission(uint32_t sid, uint64_t addr, uint64_t ipa)
    {
        uint64_t w[4];
        ASSERT_EQ(1, drv_read_event(&rd_, w));
        EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, smmu_evt_EventType(w));
        EXPECT_EQ(sid, smmu_evt_StreamID(w));
        EXPECT_EQ(1u, smmu_evt_S2(w));
        EXPECT_EQ((unsigned)EVT_CLASS_IN, smmu_evt_CLASS(w));
        EXPECT_EQ(1u, smmu_evt_InD(w));
        EXPECT_EQ(1u, smmu_evt_RnW(w));
        EXPECT_EQ(addr, smmu_evt_InputAddr(w));
        EXPECT_EQ(ipa >> 12, smmu_evt_IPA(w));
        EXPECT_EQ(0, drv_read_event(&rd_, w));
    }
};

// [7.3.16] "any Realm instruction fetch that resolves to an Non-secure address results in
// F_PERMISSION at the stage that configured the Non-secure output address": stage 2 only,
// leaf NS = 1. A data read of the same page is allowed (without execute permission) and does
// not let a later fetch through the TLB.
TEST_F(RealmFetch, RealmInstructionFetchToNonSecureIsStage2PermissionFault)
{
    create_realm();
    s2_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x11000, 0x80001000, 0x1000, PGT_S2_RW | PGT_S2NS));
    smmu_result r = rfetch(6, 0x11040);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    EXPECT_TRUE(r.event_recorded);
    expect_s2_fetch_permission(6, 0x11040, 0x11040);
    for (int i = 0; i < 2; i++) { // a walk, then a TLB hit
        r = rxlate(6, 0x11040);
        ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_EQ(0x80001040u, r.pa);
        EXPECT_EQ(NS, r.pas);
        EXPECT_EQ(SMMU_PERM_R | SMMU_PERM_W, r.perm); // no execute to Non-secure
    }
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, rfetch(6, 0x11040).event);
    expect_s2_fetch_permission(6, 0x11040, 0x11040);
}

// [7.3.16] The same with stage 1 and 2 (EL1): stage 2 configured the Non-secure output, so the
// fault is a stage-2 F_PERMISSION, also after a data access cached the translation.
TEST_F(RealmFetch, RealmNestedInstructionFetchToNonSecureIsStage2PermissionFault)
{
    create_realm();
    nested_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x3000000, 0x2000000, 0x1000, PGT_S2_RW | PGT_S2NS));
    ASSERT_EQ(0, pgt_map(&s2, 0x3001000, 0x2001000, 0x1000, PGT_S2_RW));
    EXPECT_EQ(SMMU_XLATE_OK, xlate(7, 0x30010, false, 0, SMMU_SEC_REALM).outcome) << m->log;
    smmu_result r = rfetch(7, 0x30010);
    EXPECT_EQ((unsigned)SMMU_EVT_F_PERMISSION, r.event);
    expect_s2_fetch_permission(7, 0x30010, 0x3000010);
    r = rfetch(7, 0x31010); // Realm output: allowed
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x2001010u, r.pa);
    EXPECT_EQ(REALM, r.pas);
}

// [3.10.3] For a Realm stream, "EL1 stage 2 only: output PA space determined by stage 2
// translation": the incoming NS attribute does not decide, and does not forbid an instruction
// fetch that stage 2 maps to Realm memory.
TEST_F(RealmFetch, RealmStage2OnlyIgnoresIncomingNsForInstructionFetch)
{
    create_realm();
    s2_stream();
    ASSERT_EQ(0, pgt_map(&s2, 0x10000, 0x80000000, 0x1000, PGT_S2_RW));
    smmu_result r = rfetch(6, 0x10008, SMMU_TXN_NS);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80000008u, r.pa);
    EXPECT_EQ(REALM, r.pas);
    r = xlate(6, 0x10008, true, SMMU_TXN_NS, SMMU_SEC_REALM);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(REALM, r.pas);
}

// [5.2.2 SteIllegal(): "if sec_sid == SS_Realm && SMMU_R_IDR0.STALL_MODEL == '01' then
// // Realm state does not support stall return TRUE"; 6.3.122] The Realm stall checks use
// the value SMMU_R_IDR0 reports (0b01), not the configured model of the other interfaces.
TEST_F(RealmFetch, RealmStallChecksFollowRIdr0StallModel)
{
    const smmu_stall_model models[] = {SMMU_STALL_AND_TERMINATE, SMMU_STALL_FORCED};
    for (smmu_stall_model sm : models) {
        SCOPED_TRACE(sm);
        smmu_destroy(s);
        s = nullptr;
        fake_mem_clear(m);
        cfg.stall_model = sm;
        create_realm();
        EXPECT_EQ(1u, SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, drv_read32(&rd_, SMMU_IDR0)));
        s2_stream();
        ASSERT_EQ(0, pgt_map(&s2, 0x10000, 0x80000000, 0x1000, PGT_S2_RW));
        smmu_ste_set_S2S(ste, 1); // terminate-only: S2S = 1 is ILLEGAL
        st_write_ste(&rst, 6, ste);
        EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, rxlate(6, 0x10000).event);
        smmu_ste_set_S2S(ste, 0); // and S2S = 0 is what terminate-only asks
        st_write_ste(&rst, 6, ste);
        uint64_t c[2];
        cmd_cfgi_all(c, false);
        rcommand(c);
        ASSERT_EQ(0, drv_sync(&rd_)); // the invalidation completed before the DMA [4.7.3]
        smmu_result r = rxlate(6, 0x10000);
        ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_EQ(0x80000000u, r.pa);
        // CD.S = 1 on a Realm stream is ILLEGAL likewise [5.4.1 CdIllegal()]
        nested_stream();
        smmu_cd_set_S(cdw, 1);
        cd_write(&cdb, 0, cdw);
        EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_CD, xlate(7, 0x30000, false, 0, SMMU_SEC_REALM).event);
    }
}

// ---- ATS on a Realm stream [3.9.1.3; digest 9C.4] ----

// R_CR0.ATSCHK is RES1: a Realm stream's Translated traffic is always checked against its STE
// (the Realm interface never wrote ATSCHK). With EATS 0b01 the PA space is the incoming NS
// attribute's; with EATS 0b00 it is F_TRANSL_FORBIDDEN on the Realm event queue.
TEST_F(RealmXlate, RealmTranslatedTrafficIsAlwaysCheckedAgainstEats)
{
    cfg.ats = true;
    create_realm();
    s2_stream();
    smmu_ste_set_EATS(ste, 1);
    st_write_ste(&rst, 6, ste);
    smmu_result r = xlate(6, 0x80000010, false, SMMU_TXN_TRANSLATED, SMMU_SEC_REALM);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80000010u, r.pa);
    EXPECT_EQ(REALM, r.pas);
    r = xlate(6, 0x80000010, false, SMMU_TXN_TRANSLATED | SMMU_TXN_NS, SMMU_SEC_REALM);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(NS, r.pas);
    smmu_ste_set_EATS(ste, 0);
    st_write_ste(&rst, 7, ste);
    r = xlate(7, 0x80000010, true, SMMU_TXN_TRANSLATED, SMMU_SEC_REALM);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
    uint64_t w[4];
    ASSERT_EQ(1, drv_read_event(&rd_, w));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, smmu_evt_EventType(w));
    EXPECT_EQ(7u, smmu_evt_StreamID(w));
    EXPECT_EQ(0x80000010u, smmu_evt_InputAddr(w));
}

// [3.9.1.3] a Realm Translated instruction access (InD after INSTCFG) to Non-secure PA space is
// F_TRANSL_FORBIDDEN; to Realm PA space it passes.
TEST_F(RealmXlate, RealmTranslatedInstructionToNonSecureIsForbidden)
{
    cfg.ats = true;
    create_realm();
    s2_stream();
    smmu_ste_set_EATS(ste, 1);
    smmu_ste_set_INSTCFG(ste, 3); // instruction
    st_write_ste(&rst, 6, ste);
    EXPECT_EQ(SMMU_XLATE_OK, xlate(6, 0x80000000, false, SMMU_TXN_TRANSLATED, SMMU_SEC_REALM).outcome);
    smmu_result r = xlate(6, 0x80000000, false, SMMU_TXN_TRANSLATED | SMMU_TXN_NS, SMMU_SEC_REALM);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSL_FORBIDDEN, r.event);
}

} // namespace
