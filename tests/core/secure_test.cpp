// Secure streams [IHI 0070 3.10.1, 3.10.2, 5.2 NSCFG/S2SW/S2SA/S2NSW/S2NSA, 5.4 NSCFGx,
// 6.3.57 SIF, 7.3 NSIPA; reference digest 7]: the Secure stream table, bank and event queue;
// the output PA space chosen by CD.NSCFGx, NSTable and the descriptor NS bit; Secure stage 2;
// SIF; SEC_SID never elevating a stream; Non-secure streams never producing Secure output;
// nested Secure walks whose NSTable moves the stage-1 tables to Non-secure IPA space
// [Arm ARM D8.2.6.2], with the exact PA and PA space of every fetch.
#include "xlate_fixture.h"

#include <utility>
#include <vector>

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
        smmu_cd_set_NSCFG0(cdw, nscfg0);
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
    ASSERT_EQ(0, drv_write_cr0(&drv[BANK_S], cr0 | (uint32_t)SMMU_S_CR0_SIF));

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
    smmu_ste_set_NSCFG(ste, 3);
    st_write_ste(&st[BANK_S], 6, ste);
    smmu_ste_set_NSCFG(ste, 2);
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
    gbpa(BANK_S, (uint32_t)(SMMU_FIELD_PREP(SMMU_S_GBPA_NSCFG, 3) | SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 1)));
    EXPECT_EQ(SMMU_PAS_NS, sxlate(5, 0x1000).pas);
    gbpa(BANK_S, (uint32_t)(SMMU_FIELD_PREP(SMMU_S_GBPA_NSCFG, 2) | SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 1)));
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
        smmu_ste_set_S2SW(ste, s2sw);
        smmu_ste_set_S2SA(ste, s2sa);
        smmu_ste_set_S2NSW(ste, s2nsw);
        smmu_ste_set_S2NSA(ste, s2nsa);
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

// ---- Nested Secure streams: the IPA space of each stage-1 table access [Arm ARM D8.2.6.2;
// IHI 0070 3.10.2.2] ----

using Fetch = std::pair<uint64_t, smmu_pa_space>;

void log_read(void *arg, uint64_t pa, smmu_pa_space pas)
{
    static_cast<std::vector<Fetch> *>(arg)->push_back({pa, pas});
}

constexpr uint64_t kOff = 0x40000000; // structure IPA a is at PA a + kOff (1 GB blocks)
constexpr uint64_t kIpa = 0x40000000; // the stage-1 output

uint64_t plus_off(void *, uint64_t ipa) { return ipa + kOff; }

// Secure SID 5, stage 1 nested under Secure stage 2 with 4K pages. The Secure IPA table
// (S_S2TTB, Secure PA: S2SW = 0) maps Secure IPA [0, 1 GB) to Secure PA [1 GB, 2 GB) and
// kIpa to Secure PA 4 GB; the Non-secure IPA table (S2TTB, in the PA space S2NSW gives) maps
// Non-secure IPA [0, 1 GB) to PA [1 GB, 2 GB) and kIpa to PA 3 GB (Non-secure PA with
// S2NSW = 1, Secure PA with S2NSW = S2NSA = 0). The CD and the stage-1 start table are at
// Secure IPAs (CD.NSCFG0 = 0); tables below an NSTable are at Non-secure IPAs.
class SecureNested : public Secure {
public:
    pgt s2s{}, s2ns{};
    smmu_pa_space ns_ipa_pas = SMMU_PAS_NS; // PA space of Non-secure IPA tables and output
    std::vector<Fetch> reads;

    void SetUp() override
    {
        Secure::SetUp();
        create_both();
        s2_tables(&s2s, m, 12, 40, S, kS2Pool);
        ASSERT_EQ(0, pgt_map(&s2s, kIpa, 0x100000000ull, 0x40000000, PGT_S2_RW));
        ASSERT_EQ(0, pgt_map(&s2s, 0, kOff, 0x40000000, PGT_S2_RW));
    }
    // Stage 1 mapping kVa to kIpa; NSTable = 1 in every table descriptor when nstable (the
    // level-0 one moves the walk to Non-secure IPA space). Stage 2 of Non-secure IPA space
    // maps the structure IPAs unless map_ns_structs is false.
    void stream(bool nstable, bool map_ns_structs = true, bool s2nsw = true)
    {
        ns_ipa_pas = s2nsw ? SMMU_PAS_NS : S;
        s2_tables(&s2ns, m, 12, 40, ns_ipa_pas, kS2Pool + 0x400000);
        ASSERT_EQ(0, pgt_map(&s2ns, kIpa, 0xC0000000ull, 0x40000000, PGT_S2_RW));
        if (map_ns_structs) {
            ASSERT_EQ(0, pgt_map(&s2ns, 0, kOff, 0x40000000, PGT_S2_RW));
        }
        pgt_params p = pgt_default_params(1, 12, 48);
        p.pas = S;
        p.secure_tables = true;
        p.pool_base = kS1Pool;
        p.pool_size = 0x400000;
        p.mem_offset = kOff;
        ASSERT_EQ(0, pgt_init(&pt, m, &p));
        pgt_add_pool(&pt, SMMU_PAS_NS, kS1Pool + 0x400000, 0x400000);
        if (nstable)
            pgt_set_new_table_attrs(&pt, PGT_T_NS);
        ASSERT_EQ(0, pgt_map(&pt, kVa, kIpa, 0x1000, PGT_S1_RW));
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, S, kCd, 0, 0, 0);
        cdb.ipa_to_pa = plus_off;
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        ste_s2_params sp = s2_params_of(s2ns, 40, 1);
        ste_set_s2(ste, &sp);
        sp.ttb = s2s.root;
        sp.start_level = pgt_start_level(&s2s);
        ste_set_secure_s2(ste, &sp);
        smmu_ste_set_S2NSW(ste, s2nsw);
        st_write_ste(&st[BANK_S], 5, ste);
        if (ns_ipa_pas == S) {
            // the builder wrote the Non-secure IPA tables to Non-secure PA: move them
            for (uint64_t pa = kS1Pool + 0x400000 + kOff; pa < kS1Pool + 0x410000 + kOff; pa += 8)
                fake_mem_wr64(m, pa, S, fake_mem_rd64(m, pa, SMMU_PAS_NS));
        }
    }
    smmu_result logged_sxlate(uint64_t addr)
    {
        reads.clear();
        m->on_read = log_read;
        m->on_read_arg = &reads;
        smmu_result r = sxlate(5, addr);
        m->on_read = nullptr;
        return r;
    }
    // The descriptor fetches of a stage-2 walk of ipa through t (tables are PAs).
    static void s2_walk(std::vector<Fetch> *v, const pgt *t, uint64_t ipa)
    {
        for (int level = pgt_start_level(t); level <= 1; level++) {
            uint64_t a = 0;
            smmu_pa_space pas = SMMU_PAS_ROOT;
            EXPECT_EQ(0, pgt_desc_addr(t, ipa, level, &a, &pas));
            v->push_back({a, pas});
        }
    }
    // The stage-1 descriptor at level on kVa's path: its IPA and IPA space (the builder's).
    Fetch s1_desc(int level)
    {
        uint64_t a = 0;
        smmu_pa_space pas = SMMU_PAS_ROOT;
        EXPECT_EQ(0, pgt_desc_addr(&pt, kVa, level, &a, &pas));
        return {a, pas};
    }
};

// Without NSTable the whole walk is in Secure IPA space: the CD and every stage-1 table go
// through S_S2TTB to Secure PA, and so does the Secure output IPA [3.10.2.2].
TEST_F(SecureNested, SecureTablesTranslateThroughSecureStage2)
{
    stream(false);
    smmu_result r = logged_sxlate(kVa + 0x48);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x100000000ull + 0x48, r.pa);
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas);
    std::vector<Fetch> want{{kStrtab + 5 * 64, S}};
    s2_walk(&want, &s2s, kCd); // one stage-2 walk: the 1 GB block covers every structure
    want.push_back({kCd + kOff, S});
    for (int level = 0; level <= 3; level++) {
        Fetch d = s1_desc(level);
        EXPECT_EQ(S, d.second);
        want.push_back({d.first + kOff, S});
    }
    s2_walk(&want, &s2s, kIpa);
    EXPECT_EQ(want, reads);
}

// NSTable = 1 in the level-0 descriptor puts the level-1..3 tables in Non-secure IPA space
// [Arm ARM D8.2.6.2]: they are translated with S2TTB, fetched from the Non-secure PA space
// that S2NSW = 1 gives (tables and output), while the CD and the start table stay in Secure
// IPA space. The leaf from Non-secure tables outputs a Non-secure IPA [IHI 0070 3.10.2.2].
TEST_F(SecureNested, NsTableMovesLaterTableFetchesToNonSecureIpaSpace)
{
    stream(true);
    smmu_result r = logged_sxlate(kVa + 0x48);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0xC0000000ull + 0x48, r.pa);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    std::vector<Fetch> want{{kStrtab + 5 * 64, S}};
    s2_walk(&want, &s2s, kCd);
    want.push_back({kCd + kOff, S});
    Fetch d0 = s1_desc(0);
    EXPECT_EQ(S, d0.second);
    want.push_back({d0.first + kOff, S});
    s2_walk(&want, &s2ns, s1_desc(1).first); // the first Non-secure IPA: a walk of S2TTB
    for (int level = 1; level <= 3; level++) {
        Fetch d = s1_desc(level);
        EXPECT_EQ(SMMU_PAS_NS, d.second);
        EXPECT_EQ(kS1Pool + 0x400000, d.first & ~0x3FFFFFull); // from the Non-secure pool
        want.push_back({d.first + kOff, SMMU_PAS_NS});
    }
    s2_walk(&want, &s2ns, kIpa);
    EXPECT_EQ(want, reads);

    // cached: the stage-2 entries of the two IPA spaces are kept apart (and this one hits)
    r = logged_sxlate(kVa + 0x50);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(0xC0000000ull + 0x50, r.pa);
    EXPECT_TRUE(reads.empty());
}

// With S2NSW = S2NSA = 0 (and S2SW = S2SA = 0) the Non-secure IPA space is walked in, and
// outputs to, Secure PA space [IHI 0070 3.10.2.2]: the same table IPAs below the NSTable, now
// fetched from Secure PA through S2TTB; the output IPA of the Non-secure tables too.
TEST_F(SecureNested, NsTableFetchesFollowS2nswAndS2nsa)
{
    stream(true, true, false);
    smmu_result r = logged_sxlate(kVa + 0x48);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0xC0000000ull + 0x48, r.pa); // S2TTB's mapping of kIpa, not S_S2TTB's
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas);
    std::vector<Fetch> want{{kStrtab + 5 * 64, S}};
    s2_walk(&want, &s2s, kCd);
    want.push_back({kCd + kOff, S});
    want.push_back({s1_desc(0).first + kOff, S});
    s2_walk(&want, &s2ns, s1_desc(1).first);
    for (int level = 1; level <= 3; level++)
        want.push_back({s1_desc(level).first + kOff, S});
    s2_walk(&want, &s2ns, kIpa);
    for (size_t i = 0; i < want.size(); i++)
        EXPECT_EQ(S, want[i].second) << "fetch " << i;
    EXPECT_EQ(want, reads);
}

// A stage-2 fault on a table access below an NSTable is one of Non-secure IPA space: CLASS=TT
// with the descriptor's IPA and NSIPA = 1 in the Secure event record [7.3.12, 7.3].
TEST_F(SecureNested, Stage2FaultOnNonSecureTableIpaReportsNsipa)
{
    stream(true, false); // S2TTB does not map the Non-secure structure IPAs
    smmu_result r = sxlate(5, kVa);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    Rec e{};
    ASSERT_TRUE(next_event(&e, BANK_S));
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, e.type);
    EXPECT_EQ(5u, e.sid);
    EXPECT_TRUE(e.s2);
    EXPECT_EQ((unsigned)EVT_CLASS_TT, e.cls);
    EXPECT_EQ(s1_desc(1).first & ~0xFFFull, e.ipa);
    EXPECT_TRUE(e.nsipa);
    EXPECT_TRUE(e.ttrnw);
    EXPECT_EQ(kVa, e.input_addr);
    EXPECT_EQ(0u, pending_events(BANK_S));
}

// ---- SEC_SID never elevates; Non-secure streams only reach Non-secure PA [3.10.1, 3.10.2] ----

TEST_F(Secure, SecureSecSidWithoutSecureImplIsNonSecure)
{
    cfg.secure_impl = false;
    cfg.sel2 = false;
    create_and_enable();
    ste_make_bypass(ste);
    smmu_ste_set_NSCFG(ste, 2); // IGNORED in a Non-secure STE
    st_write_ste(&st[BANK_NS], 5, ste);
    smmu_result r = sxlate(5, 0x1000);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    // a fault goes to the Non-secure queue
    ste_make_abort(ste);
    smmu_ste_set_V(ste, 0);
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
    smmu_ste_set_NSCFG(ste, 2);
    st_write_ste(&st[BANK_NS], 6, ste);
    smmu_result r = xlate(5, kVa);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_PAS_NS, r.pas);
    EXPECT_EQ(SMMU_PAS_NS, xlate(6, 0x1000).pas);
}

} // namespace
