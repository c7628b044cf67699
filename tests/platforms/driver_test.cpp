// SPDX-License-Identifier: Apache-2.0
//
// The driver library (platforms/driver) against the C core directly: MMIO through
// smmu_reg_read/write, memory in a fake_mem. Every command the driver publishes is recorded
// from the queue (at each CMDQ_PROD write), so the tests check exact command sequences, and
// the structures it writes are compared word by word with values built here from the
// specification's fields.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "smmuv3/arch.h"
#include "fake_mem.h"
#include "smmuv3/drv.h"

namespace {

struct cmd_rec {
    unsigned bank;
    uint64_t w[2];
    unsigned op() const { return static_cast<unsigned>(w[0] & 0xff); }
};

class Drv : public ::testing::Test
{
protected:
    void SetUp() override
    {
        mem = fake_mem_create();
        smmu_config_init(&cfg);
        cfg.sid_bits = 16;
        cfg.s_sid_bits = 16;
        cfg.check = fake_mem_check_mode(); // the suite's checker mode (ctest -L checker)
        create();
        mmio = smmu_drv_mmio{this, rd32, wr32, rd64, wr64};
        dmem = smmu_drv_mem{this, alloc, mread, mwrite};
    }
    void create()
    {
        smmu_env env = fake_mem_env(mem);
        ASSERT_EQ(smmu_create(&cfg, &env, &smmu), SMMU_OK);
        fake_mem_check_attach(mem, smmu);
    }
    void TearDown() override
    {
        // Checker mode: the driver library programs the SMMU without a finding
        if (smmu && fake_mem_check_mode()) {
            EXPECT_EQ(0u, fake_mem_check_findings(smmu)) << mem->log;
        }
        smmu_destroy(smmu);
        fake_mem_destroy(mem);
    }

    static Drv *self(void *c) { return static_cast<Drv *>(c); }
    static int rd32(void *c, uint64_t off, smmu_pa_space pas, uint32_t *v)
    {
        uint64_t x = 0;
        int r = smmu_reg_read(self(c)->smmu, off, 4, pas, &x);
        *v = static_cast<uint32_t>(x);
        return r;
    }
    static int rd64(void *c, uint64_t off, smmu_pa_space pas, uint64_t *v)
    {
        return smmu_reg_read(self(c)->smmu, off, 8, pas, v);
    }
    static int wr32(void *c, uint64_t off, smmu_pa_space pas, uint32_t v)
    {
        Drv *t = self(c);
        // Record the commands being published (before the SMMU consumes them)
        for (smmu_drv *d : {&t->ns, &t->s, &t->rl}) {
            if (d->mmio.ctx && off == d->page0 + SMMU_CMDQ_PROD) {
                const uint32_t mask = (2u << d->cmdq_log2) - 1;
                for (uint32_t p = t->last_prod[d->bank]; (p & mask) != (v & mask); p = (p + 1) & mask) {
                    cmd_rec r{static_cast<unsigned>(d->bank), {0, 0}};
                    const uint64_t a = d->cmdq_base + (p & ((1u << d->cmdq_log2) - 1)) * 16;
                    r.w[0] = fake_mem_rd64(t->mem, a, d->pas);
                    r.w[1] = fake_mem_rd64(t->mem, a + 8, d->pas);
                    t->cmds.push_back(r);
                }
                t->last_prod[d->bank] = v & mask;
            }
        }
        return smmu_reg_write(t->smmu, off, 4, pas, v);
    }
    static int wr64(void *c, uint64_t off, smmu_pa_space pas, uint64_t v)
    {
        return smmu_reg_write(self(c)->smmu, off, 8, pas, v);
    }
    static int alloc(void *c, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
    {
        uint64_t &next = self(c)->next[pas];
        uint64_t a = (next + align - 1) & ~uint64_t(align - 1);
        next = a + size;
        *addr = a;
        return 0;
    }
    static int mread(void *c, uint64_t a, smmu_pa_space pas, void *buf, size_t len)
    {
        return fake_mem_read(self(c)->mem, a, pas, buf, len);
    }
    static int mwrite(void *c, uint64_t a, smmu_pa_space pas, const void *buf, size_t len)
    {
        int r = fake_mem_write(self(c)->mem, a, pas, buf, len);
        if (r == 0 && self(c)->mem->observe) // the driver's stores, for the checker
            smmu_observe_write(self(c)->smmu, a, pas, buf, len);
        return r;
    }

    // A new SMMU with a changed configuration (the memory is kept).
    template <typename F> void recreate(F change)
    {
        smmu_destroy(smmu);
        smmu = nullptr;
        change(cfg);
        last_prod[0] = last_prod[1] = last_prod[2] = 0;
        create();
    }

    // Driver d bound to interface sec and set up (its setup commands stay in cmds).
    void setup(smmu_drv &d, smmu_sec_sid sec)
    {
        ASSERT_EQ(smmu_drv_init(&d, &mmio, &dmem, sec), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_setup(&d, nullptr), SMMU_DRV_OK) << mem->log;
    }
    void bring_up_ns()
    {
        setup(ns, SMMU_SEC_NS);
        cmds.clear();
    }

    // A fresh page table: stage 1 (asid, and vmid when nested) or stage 2 (vmid).
    void pgtable(smmu_drv &d, smmu_drv_pgtable &table, unsigned stage, unsigned granule, uint16_t asid,
                 uint16_t vmid)
    {
        smmu_drv_pgtable_cfg c{};
        c.stage = stage;
        c.granule = granule;
        c.asid = asid;
        c.vmid = vmid;
        ASSERT_EQ(smmu_drv_pgtable_init(&d, &table, &c), SMMU_DRV_OK);
    }
    void s1_pgtable(smmu_drv &d, smmu_drv_pgtable &table, unsigned granule, uint16_t asid = 0,
                    uint16_t vmid = 0)
    {
        pgtable(d, table, 1, granule, asid, vmid);
    }
    void s2_pgtable(smmu_drv &d, smmu_drv_pgtable &table, unsigned granule, uint16_t vmid = 0)
    {
        pgtable(d, table, 2, granule, 0, vmid);
    }

    // The STE of sid: mode, with its CD table (stage 1), stage-2 table and S1DSS.
    void write_ste(smmu_drv &d, uint32_t sid, smmu_drv_ste_mode mode, smmu_drv_cdtab *cds = nullptr,
                   smmu_drv_pgtable *s2 = nullptr, smmu_drv_s1dss s1dss = smmu_drv_s1dss())
    {
        smmu_drv_ste e{};
        e.mode = mode;
        e.cdtab = cds;
        e.s2 = s2;
        e.s1dss = s1dss;
        ASSERT_EQ(smmu_drv_ste_write(&d, sid, &e), SMMU_DRV_OK);
    }

    // A stage-1 stream sid with one CD (in cdt) over a fresh page table pt, ASID 7.
    void s1_stream(smmu_drv &d, uint32_t sid, unsigned granule)
    {
        s1_pgtable(d, pt, granule, 7);
        ASSERT_EQ(smmu_drv_cdtab_init(&d, &cdt, 0, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_cd_write(&d, &cdt, sid, 0, &pt), SMMU_DRV_OK);
        write_ste(d, sid, SMMU_DRV_STE_S1, &cdt);
    }

    // An unmap, cmds then holding exactly the commands it published.
    void unmap(smmu_drv &d, smmu_drv_pgtable &table, uint64_t iova, uint64_t size)
    {
        cmds.clear();
        ASSERT_EQ(smmu_drv_unmap(&d, &table, iova, size), SMMU_DRV_OK);
    }

    // The STE of sid as it is in memory of PA space pas.
    std::array<uint64_t, 8> ste_words(smmu_drv &d, uint32_t sid, smmu_pa_space pas)
    {
        std::array<uint64_t, 8> w{};
        uint64_t addr = 0;
        EXPECT_EQ(smmu_drv_ste_addr(&d, sid, &addr), SMMU_DRV_OK);
        for (unsigned i = 0; i < 8; i++)
            w[i] = fake_mem_rd64(mem, addr + 8 * i, pas);
        return w;
    }
    // The eight words of an STE or CD ("what") at addr in Non-secure memory are want.
    void expect_words(const char *what, uint64_t addr, const uint64_t want[8])
    {
        for (unsigned i = 0; i < 8; i++)
            EXPECT_EQ(fake_mem_rd64(mem, addr + 8 * i, SMMU_PAS_NS), want[i]) << what << " word " << i;
    }

    // A 4-byte transaction of sid at addr.
    static smmu_txn txn(uint32_t sid, uint64_t addr, smmu_access acc)
    {
        smmu_txn t{};
        t.sid = sid;
        t.addr = addr;
        t.size = 4;
        t.access = acc;
        return t;
    }
    smmu_result translate(const smmu_txn &t)
    {
        smmu_result r{};
        EXPECT_EQ(smmu_translate(smmu, &t, &r), SMMU_OK);
        return r;
    }
    smmu_result xlate(uint32_t sid, uint64_t addr, smmu_access acc, smmu_sec_sid sec = SMMU_SEC_NS)
    {
        smmu_txn t = txn(sid, addr, acc);
        t.sec = sec;
        return translate(t);
    }
    smmu_result xlate_ssid(uint32_t sid, bool ssv, uint32_t ssid, uint64_t addr)
    {
        smmu_txn t = txn(sid, addr, SMMU_ACCESS_READ);
        t.ssv = ssv;
        t.ssid = ssid;
        return translate(t);
    }

    // RME: an SMMU with the Root control page (and the Realm interface), and its Root driver.
    void rme(bool realm = true)
    {
        recreate([&](smmu_config &c) {
            c.rme_impl = true;
            c.realm_impl = realm;
            if (realm) // what REALM_IMPL requires [IHI 0070 2.7.1]
                c.e0pd = c.stt = c.fwb = c.xnx = c.had = true, c.bbml = 2;
        });
    }
    void root_up()
    {
        ASSERT_EQ(smmu_drv_root_init(&root, &mmio, &dmem, 0), SMMU_DRV_OK);
    }
    // rme(realm) and its Root driver, with a GPT for a 40-bit PA and 4 KB granules, all gpi.
    void gpt_up(bool realm, unsigned gpi)
    {
        rme(realm);
        root_up();
        ASSERT_EQ(smmu_drv_root_gpt_init(&root, 40, 4096, gpi), SMMU_DRV_OK);
    }
    // RME SMMU, ACCESSEN only (no GPC), the Realm interface set up.
    void realm_setup()
    {
        rme();
        root_up();
        ASSERT_EQ(smmu_drv_root_access_only(&root), SMMU_DRV_OK);
        setup(rl, SMMU_SEC_REALM);
    }
    void bring_up_realm()
    {
        realm_setup();
        cmds.clear();
    }
    uint64_t root_reg(unsigned off, unsigned size = 8)
    {
        uint64_t v = 0;
        EXPECT_EQ(smmu_reg_read(smmu, 0x20000 + off, size, SMMU_PAS_ROOT, &v), SMMU_OK);
        return v;
    }

    std::vector<unsigned> ops() const
    {
        std::vector<unsigned> v;
        for (const auto &c : cmds)
            v.push_back(c.op());
        return v;
    }

    fake_mem *mem = nullptr;
    smmu_config cfg{};
    smmu_t *smmu = nullptr;
    smmu_drv_mmio mmio{};
    smmu_drv_mem dmem{};
    smmu_drv ns{}, s{}, rl{};
    uint64_t next[4] = {0x100000, 0x100000, 0x100000, 0x100000};
    uint32_t last_prod[3] = {0, 0, 0};
    std::vector<cmd_rec> cmds;
    smmu_drv_root root{};
    smmu_drv_pgtable pt{}; // a test's stage-1 page table
    smmu_drv_cdtab cdt{};  // and its CD table
};

// [IHI 0070 6.3.1-6.3.6] The probe reports what the ID registers say.
TEST_F(Drv, ProbeReportsIdRegisterFeatures)
{
    ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
    EXPECT_EQ(ns.feat.s1, cfg.stage1);
    EXPECT_EQ(ns.feat.s2, cfg.stage2);
    EXPECT_EQ(ns.feat.oas_bits, cfg.oas_bits);
    EXPECT_EQ(ns.feat.sid_bits, 16u);
    EXPECT_EQ(ns.feat.ssid_bits, cfg.ssid_bits);
    EXPECT_EQ(ns.feat.st_2level, cfg.st_2level);
    EXPECT_EQ(ns.feat.gran4k && ns.feat.gran16k && ns.feat.gran64k, true);
    EXPECT_EQ(ns.feat.cmdq_log2max, cfg.cmdq_log2max);
    EXPECT_EQ(ns.feat.arch_minor, cfg.arch_minor);
    EXPECT_FALSE(ns.feat.secure_impl) << "S_IDR1 is RAZ to a Non-secure access";
    ASSERT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_OK);
    EXPECT_TRUE(s.feat.secure_impl);
    EXPECT_EQ(s.feat.sel2, cfg.sel2);
    EXPECT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_E_UNSUPPORTED)
        << "no IDR0.RME_IMPL: no Realm interface";
}

// [6.3.x S_IDR1.SECURE_IMPL] Without a Secure interface the Secure driver refuses to bind.
TEST_F(Drv, SecureBindFailsWithoutSecureImpl)
{
    recreate([](smmu_config &c) {
        c.secure_impl = false;
        c.sel2 = false;
    });
    EXPECT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_E_UNSUPPORTED);
}

// [3.11, Appendix B] Setup: queues and a 2-level stream table, CFGI_ALL + TLBI-all + SYNC
// before SMMUEN; the registers read back what the driver programmed.
TEST_F(Drv, SetupInvalidatesAllThenEnables)
{
    setup(ns, SMMU_SEC_NS);
    std::vector<unsigned> want{SMMU_CMD_CFGI_STE_RANGE, SMMU_CMD_TLBI_NSNH_ALL};
    if (ns.feat.hyp)
        want.push_back(SMMU_CMD_TLBI_EL2_ALL);
    want.push_back(SMMU_CMD_SYNC);
    EXPECT_EQ(ops(), want);
    EXPECT_EQ(smmu_cmd_Range(cmds[0].w), 31u) << "CMD_CFGI_ALL is CFGI_STE_RANGE with Range 31";
    uint32_t cr0 = 0, cfg0 = 0;
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_CR0ACK, &cr0), SMMU_DRV_OK);
    EXPECT_EQ(cr0, SMMU_CR0_SMMUEN | SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN);
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_STRTAB_BASE_CFG, &cfg0), SMMU_DRV_OK);
    EXPECT_EQ(SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_FMT, cfg0), 1u);
    EXPECT_EQ(SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_SPLIT, cfg0), 8u);
    EXPECT_EQ(SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_LOG2SIZE, cfg0), 16u);
}

// [5.2, 3.21.3] A stage-1 STE has exactly the fields the driver documents; its first write
// installs a level-2 array (CFGI_STE Leaf=0) then SYNC.
TEST_F(Drv, SteStage1WordsAndCfgiSteLeaf0AfterNewL2)
{
    bring_up_ns();
    s1_stream(ns, 0x123, 4096);
    ASSERT_GE(cmds.size(), 4u);
    // CD write: CFGI_CD + SYNC; STE write: CFGI_STE + SYNC
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_CD, SMMU_CMD_SYNC, SMMU_CMD_CFGI_STE, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_StreamID(cmds[2].w), 0x123u);
    EXPECT_EQ(smmu_cmd_Leaf(cmds[2].w), 0u) << "new L1STD: Leaf=0";
    EXPECT_EQ(smmu_cmd_SSec(cmds[2].w), 0u);

    uint64_t want[8] = {};
    smmu_ste_set_V(want, 1);
    smmu_ste_set_Config(want, 5);
    smmu_ste_set_S1ContextPtr(want, cdt.base >> 6);
    smmu_ste_set_S1CIR(want, 1);
    smmu_ste_set_S1COR(want, 1);
    smmu_ste_set_S1CSH(want, 3);
    uint64_t addr;
    ASSERT_EQ(smmu_drv_ste_addr(&ns, 0x123, &addr), SMMU_DRV_OK);
    expect_words("STE", addr, want);

    uint64_t cd[8] = {};
    smmu_cd_set_T0SZ(cd, 16);
    smmu_cd_set_TG0(cd, 0);
    smmu_cd_set_IR0(cd, 1);
    smmu_cd_set_OR0(cd, 1);
    smmu_cd_set_SH0(cd, 3);
    smmu_cd_set_EPD1(cd, 1);
    smmu_cd_set_V(cd, 1);
    smmu_cd_set_IPS(cd, 5);
    smmu_cd_set_AA64(cd, 1);
    smmu_cd_set_R(cd, 1);
    smmu_cd_set_A(cd, 1);
    smmu_cd_set_ASID(cd, 7);
    smmu_cd_set_TTB0(cd, pt.root >> 4);
    smmu_cd_set_MAIR0(cd, 0x4404ff);
    expect_words("CD", cdt.base, cd);
}

// [3.21.3] Rewriting a valid STE: V=0 + CFGI_STE + SYNC first, then the new STE + CFGI_STE + SYNC.
TEST_F(Drv, SteRewriteBreaksBeforeMake)
{
    bring_up_ns();
    write_ste(ns, 5, SMMU_DRV_STE_BYPASS);
    cmds.clear();
    write_ste(ns, 5, SMMU_DRV_STE_ABORT);
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_STE, SMMU_CMD_SYNC, SMMU_CMD_CFGI_STE, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_Leaf(cmds[0].w), 1u);
    EXPECT_EQ(smmu_cmd_Leaf(cmds[2].w), 1u);
    EXPECT_EQ(xlate(5, 0x1000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_ABORT);
}

// [D8.3] A 4K read-write page: exact descriptor (page, AttrIndx 0, ISH, AF, nG, AP[1]=1, XN)
// and the core translates through it.
TEST_F(Drv, Stage1PageDescriptorAndTranslation)
{
    bring_up_ns();
    s1_stream(ns, 1, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x12345000, 0x87654000, 0x1000,
                           SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
    // Find the leaf: walk the four levels by hand from the root
    uint64_t table = pt.root, desc = 0;
    for (int l = 0; l <= 3; l++) {
        desc = fake_mem_rd64(mem, table + ((0x12345000ull >> (39 - 9 * l)) & 511) * 8, SMMU_PAS_NS);
        table = desc & 0xfffffffff000ull;
    }
    const uint64_t want = 0x87654000ull | 0x3 | (3ull << 8) | (1ull << 10) | (1ull << 11) |
                          (1ull << 6) | (1ull << 53) | (1ull << 54);
    EXPECT_EQ(desc, want);
    smmu_result r = xlate(1, 0x12345678, SMMU_ACCESS_WRITE);
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK);
    EXPECT_EQ(r.pa, 0x87654678u);
    EXPECT_EQ(r.perm, SMMU_PERM_R | SMMU_PERM_W);
}

// [D8.2] Every granule, stage 1 and stage 2: pages and the smallest block translate exactly.
TEST_F(Drv, EveryGranuleMapsPagesAndBlocksBothStages)
{
    bring_up_ns();
    const unsigned granules[] = {4096, 16384, 65536};
    uint32_t sid = 0x40;
    for (unsigned g : granules) {
        const uint64_t block = g == 4096 ? (1ull << 21) : g == 16384 ? (1ull << 25) : (1ull << 29);
        // stage 1
        s1_stream(ns, sid, g);
        ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x10000000, 0x80000000, g, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_map(&ns, &pt, 4 * block, 0x100000000ull, block, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
        smmu_result r = xlate(sid, 0x10000000 + g - 4, SMMU_ACCESS_READ);
        EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << g;
        EXPECT_EQ(r.pa, 0x80000000ull + g - 4) << g;
        EXPECT_EQ(r.map_size, g) << g;
        r = xlate(sid, 4 * block + block - 4, SMMU_ACCESS_READ);
        EXPECT_EQ(r.pa, 0x100000000ull + block - 4) << g;
        EXPECT_EQ(r.map_size, block) << "a block leaf, granule " << g;
        uint64_t pa = 0;
        EXPECT_EQ(smmu_drv_iova_to_phys(&ns, &pt, 4 * block + 8, &pa), SMMU_DRV_OK);
        EXPECT_EQ(pa, 0x100000008ull);
        sid++;
        // stage 2 only
        smmu_drv_pgtable s2;
        s2_pgtable(ns, s2, g, static_cast<uint16_t>(sid));
        ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x20000000, 0x90000000, g,
                               SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
        write_ste(ns, sid, SMMU_DRV_STE_S2, nullptr, &s2);
        r = xlate(sid, 0x20000010, SMMU_ACCESS_WRITE);
        EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << "stage 2, granule " << g << ": " << mem->log;
        EXPECT_EQ(r.pa, 0x90000010u);
        sid++;
    }
}

// [4.4.2, 4.7] Unmap: TLBI_NH_VA (ASID, VMID, VA, Leaf) then SYNC; the page then faults with
// F_TRANSLATION, which the event queue reports with its StreamID and address.
TEST_F(Drv, UnmapIssuesTlbiNhVaThenSyncAndFaultIsReported)
{
    bring_up_ns();
    s1_stream(ns, 9, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 0x2000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    EXPECT_EQ(xlate(9, 0x40001000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_OK); // fills the TLB
    unmap(ns, pt, 0x40001000, 0x1000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_NH_VA, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_ASID(cmds[0].w), 7u);
    EXPECT_EQ(smmu_cmd_VMID(cmds[0].w), 0u);
    EXPECT_EQ(smmu_cmd_Addr(cmds[0].w), 0x40001u);
    EXPECT_EQ(smmu_cmd_Leaf(cmds[0].w), 1u);
    smmu_result r = xlate(9, 0x40001000, SMMU_ACCESS_READ);
    EXPECT_EQ(r.outcome, SMMU_XLATE_FAULT);
    EXPECT_EQ(r.event, static_cast<unsigned>(SMMU_EVT_F_TRANSLATION));
    EXPECT_EQ(xlate(9, 0x40000000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_OK) << "the other page stays";
    smmu_drv_event ev;
    ASSERT_EQ(smmu_drv_event_pop(&ns, &ev, nullptr), 1);
    EXPECT_EQ(ev.type, static_cast<unsigned>(SMMU_EVT_F_TRANSLATION));
    EXPECT_STREQ(ev.name, "F_TRANSLATION");
    EXPECT_EQ(ev.sid, 9u);
    EXPECT_EQ(ev.input_addr, 0x40001000u);
    EXPECT_TRUE(ev.rnw);
    char text[256];
    smmu_drv_event_format(&ev, text, sizeof(text));
    EXPECT_NE(std::string(text).find("F_TRANSLATION (0x10) StreamID=0x9"), std::string::npos) << text;
    EXPECT_NE(std::string(text).find("InputAddr=0x40001000"), std::string::npos) << text;
    EXPECT_EQ(smmu_drv_event_pop(&ns, &ev, nullptr), 0) << "one event only";
}

// [4.4.3] Stage-2 unmap: TLBI_S2_IPA per leaf, TLBI_NH_ALL of the VMID, SYNC.
TEST_F(Drv, Stage2UnmapIssuesTlbiS2IpaNhAllSync)
{
    bring_up_ns();
    smmu_drv_pgtable s2;
    s2_pgtable(ns, s2, 4096, 3);
    ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x200000, 0x80200000, 0x200000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    unmap(ns, s2, 0x200000, 0x200000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_S2_IPA, SMMU_CMD_TLBI_NH_ALL, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_VMID(cmds[0].w), 3u);
    EXPECT_EQ(smmu_cmd_IPA(cmds[0].w), 0x200u) << "one 2 MB block leaf";
    EXPECT_EQ(smmu_cmd_VMID(cmds[1].w), 3u);
}

// Misuse gets a precise code and changes nothing.
TEST_F(Drv, MapAndUnmapErrors)
{
    bring_up_ns();
    s1_stream(ns, 2, 4096);
    const unsigned rw = SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE;
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x200000, 0x80200000, 0x200000, rw), SMMU_DRV_OK); // a block
    EXPECT_EQ(smmu_drv_map(&ns, &pt, 0x201000, 0x90000000, 0x1000, rw), SMMU_DRV_E_EXISTS);
    EXPECT_EQ(smmu_drv_map(&ns, &pt, 0x1000, 0x90000000, 0x800, rw), SMMU_DRV_E_INVAL);
    EXPECT_EQ(smmu_drv_map(&ns, &pt, 1ull << 48, 0x90000000, 0x1000, rw), SMMU_DRV_E_RANGE);
    const uint64_t before = pt.mapped_bytes;
    EXPECT_EQ(smmu_drv_map(&ns, &pt, 0x1ff000, 0x90000000, 0x2000, rw), SMMU_DRV_E_EXISTS);
    EXPECT_EQ(pt.mapped_bytes, before) << "nothing mapped when part of the range is taken";
    uint64_t pa;
    EXPECT_EQ(smmu_drv_iova_to_phys(&ns, &pt, 0x1ff000, &pa), SMMU_DRV_E_NOT_MAPPED);
    EXPECT_EQ(smmu_drv_unmap(&ns, &pt, 0x201000, 0x1000), SMMU_DRV_E_INVAL) << "cuts a block";
    EXPECT_EQ(smmu_drv_unmap(&ns, &pt, 0x400000, 0x1000), SMMU_DRV_E_NOT_MAPPED);
    smmu_drv_ste ste{};
    ste.mode = SMMU_DRV_STE_BYPASS;
    EXPECT_EQ(smmu_drv_ste_write(&ns, 0x10000, &ste), SMMU_DRV_E_RANGE);
}

// [4.1.5] A command error: SYNC reports SMMU_DRV_E_CMDQ_ERR with CMDQ_CONS.ERR = CERROR_ILL
// (1), the queue is repaired and the next SYNC succeeds.
TEST_F(Drv, CommandErrorIsReportedAndRecovered)
{
    bring_up_ns();
    uint64_t bad[2] = {0xff, 0};
    ASSERT_EQ(smmu_drv_cmd_submit(&ns, bad), SMMU_DRV_OK);
    EXPECT_EQ(smmu_drv_cmd_sync(&ns), SMMU_DRV_E_CMDQ_ERR);
    EXPECT_EQ(ns.last_cerror, 1u);
    EXPECT_EQ(smmu_drv_cmd_sync(&ns), SMMU_DRV_OK);
}

// [3.10] The Secure interface: S_INIT, Secure stream table and queues in Secure memory,
// CFGI with SSec=1; a Secure stream translates to a Secure PA.
TEST_F(Drv, SecureStreamTranslatesToSecurePa)
{
    setup(s, SMMU_SEC_SECURE);
    std::vector<unsigned> init = ops();
    ASSERT_FALSE(init.empty());
    EXPECT_EQ(init.front(), static_cast<unsigned>(SMMU_CMD_CFGI_STE_RANGE));
    EXPECT_EQ(smmu_cmd_SSec(cmds.front().w), 1u);
    EXPECT_EQ(init.back(), static_cast<unsigned>(SMMU_CMD_SYNC));
    cmds.clear();
    s1_stream(s, 4, 4096);
    EXPECT_EQ(smmu_cmd_SSec(cmds[2].w), 1u) << "CFGI_STE of a Secure StreamID";
    ASSERT_EQ(smmu_drv_map(&s, &pt, 0x10000000, 0x6000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    smmu_result r = xlate(4, 0x10000040, SMMU_ACCESS_READ, SMMU_SEC_SECURE);
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(r.pa, 0x6000040u);
    EXPECT_EQ(r.pas, SMMU_PAS_SECURE);
    EXPECT_EQ(ste_words(s, 4, SMMU_PAS_SECURE)[0] & 0xf, 0xbu) << "V=1, Config=0b101 in Secure memory";
    EXPECT_EQ(ste_words(s, 4, SMMU_PAS_NS)[0], 0u);
}

// [3.3.x nested] A nested stream: guest stage-1 tables and CD addressed by IPA, translated by
// the hypervisor's stage 2.
TEST_F(Drv, NestedStreamTranslatesThroughBothStages)
{
    bring_up_ns();
    smmu_drv_pgtable s2, s1;
    s2_pgtable(ns, s2, 16384, 9);
    // The guest's memory: IPA 0x40000000.. = PA 0x40000000.. (identity), 64 MB
    ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x40000000, 0x40000000, 64 << 20,
                           SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
    next[SMMU_PAS_NS] = std::max<uint64_t>(next[SMMU_PAS_NS], 0x40000000); // guest allocations
    s1_pgtable(ns, s1, 4096, 2, 9);
    ASSERT_GE(s1.root, 0x40000000u);
    ASSERT_EQ(smmu_drv_cdtab_init(&ns, &cdt, 0, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_map(&ns, &s1, 0x1000, 0x41000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x77, 0, &s1), SMMU_DRV_OK);
    write_ste(ns, 0x77, SMMU_DRV_STE_NESTED, &cdt, &s2);
    smmu_result r = xlate(0x77, 0x1abc, SMMU_ACCESS_READ);
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(r.pa, 0x41000abcu);
    const std::array<uint64_t, 8> ws = ste_words(ns, 0x77, SMMU_PAS_NS);
    const uint64_t *w = ws.data();
    EXPECT_EQ(smmu_ste_Config(w), 7u);
    EXPECT_EQ(smmu_ste_S2VMID(w), 9u);
    EXPECT_EQ(smmu_ste_S2TG(w), 2u) << "16KB";
    EXPECT_EQ(smmu_ste_S2T0SZ(w), 24u) << "40-bit IPA";
    EXPECT_EQ(smmu_ste_S2SL0(w), 1u) << "16KB start level 2 (16 concatenated tables)";
    EXPECT_EQ(smmu_ste_S2TTB(w) << 4, s2.root);
}

// ---- the Realm interface [IHI 0070 3.10.3, 6.2.7-6.2.9, 6.3.122-146] ----

// [6.3.110, 6.2.7] The Realm driver finds its pages at O_REALM = 0x20000 + BA_REALM * 0x10000
// through ROOT_IDR0 (a Root PA space read of the Root page), and probes R_IDR0/R_IDR1.
TEST_F(Drv, RealmBindFindsRealmPagesThroughRootIdr0)
{
    rme();
    ASSERT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_OK);
    EXPECT_EQ(rl.page0, 0x40000u) << "default BA_REALM 2";
    EXPECT_EQ(rl.pas, SMMU_PAS_REALM);
    EXPECT_EQ(rl.evtq_prod_off, 0x500A8u) << "R_EVENTQ_PROD in Realm page 1";
    EXPECT_EQ(rl.evtq_cons_off, 0x500ACu);
    EXPECT_TRUE(rl.feat.rme_impl);
    EXPECT_TRUE(rl.feat.realm_impl);
    EXPECT_TRUE(rl.feat.rme_da) << "R_IDR1.RME_DA_IMPL";
    EXPECT_EQ(rl.feat.stall_model, static_cast<unsigned>(SMMU_TERMINATE_ONLY)) << "R_IDR0.STALL_MODEL";
    EXPECT_EQ(rl.feat.sid_bits, 16u) << "SMMU_IDR1.SIDSIZE";
    char text[1024];
    smmu_drv_describe(&rl, text, sizeof(text));
    EXPECT_NE(std::string(text).find("Realm interface"), std::string::npos) << text;

    recreate([](smmu_config &c) { c.ba_realm = 4; });
    ASSERT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_OK);
    EXPECT_EQ(rl.page0, 0x60000u) << "BA_REALM 4";
}

// [6.2.6] The Root page offset is IMPLEMENTATION DEFINED: a driver told the wrong one finds no
// ROOT_IMPL there and refuses; smmu_drv_init_at() takes the right one.
TEST_F(Drv, RealmBindNeedsTheRootPageOffset)
{
    rme();
    recreate([](smmu_config &c) { c.root_page_offset = 0x80000; });
    EXPECT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_E_UNSUPPORTED);
    EXPECT_EQ(smmu_drv_root_init(&root, &mmio, &dmem, 0), SMMU_DRV_E_UNSUPPORTED);
    ASSERT_EQ(smmu_drv_init_at(&rl, &mmio, &dmem, SMMU_SEC_REALM, 0x80000), SMMU_DRV_OK);
    EXPECT_EQ(rl.page0, 0x40000u);
    ASSERT_EQ(smmu_drv_root_init(&root, &mmio, &dmem, 0x80000), SMMU_DRV_OK);
    EXPECT_EQ(root.realm_page0, 0x40000u);
    rme(false);
    EXPECT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_E_UNSUPPORTED)
        << "RME without REALM_IMPL";
}

// [3.11, 6.3.128] Realm setup: R_CR0 (ATSCHK is RO: ignored in R_CR0ACK), queues and stream table
// in Realm memory, CFGI_ALL + TLBI_NSNH_ALL (Realm EL1) + TLBI_EL2_ALL + SYNC on the Realm
// queue without SSec; the Non-secure interface is untouched.
TEST_F(Drv, RealmSetupProgramsRealmPagesAndRealmMemory)
{
    realm_setup();
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_STE_RANGE, SMMU_CMD_TLBI_NSNH_ALL, SMMU_CMD_TLBI_EL2_ALL, SMMU_CMD_SYNC}));
    for (const auto &c : cmds) {
        EXPECT_EQ(c.bank, static_cast<unsigned>(SMMU_SEC_REALM));
        EXPECT_EQ(smmu_cmd_SSec(c.w), 0u);
    }
    uint64_t v = 0;
    ASSERT_EQ(smmu_reg_read(smmu, 0x40024, 4, SMMU_PAS_REALM, &v), SMMU_OK);
    EXPECT_EQ(v, 0xDu | (cfg.ats ? 0x10u : 0u)) << "R_CR0ACK: SMMUEN | EVENTQEN | CMDQEN (| ATSCHK)";
    ASSERT_EQ(smmu_reg_read(smmu, 0x40080, 8, SMMU_PAS_REALM, &v), SMMU_OK);
    EXPECT_EQ(v & SMMU_STRTAB_BASE_ADDR, rl.strtab_base);
    EXPECT_GE(rl.strtab_base, 0x100000u);
    EXPECT_EQ(rl.strtab_base, next[SMMU_PAS_REALM] - (rl.strtab_split ? 8u << (16 - rl.strtab_split) : 64u << 16));
    ASSERT_EQ(smmu_reg_read(smmu, 0x24, 4, SMMU_PAS_NS, &v), SMMU_OK);
    EXPECT_EQ(v, 0u) << "SMMU_CR0ACK (Non-secure) untouched";
    EXPECT_EQ(next[SMMU_PAS_NS], 0x100000u) << "nothing allocated in Non-secure memory";
}

// [3.10.3; digest 7.3] A Realm stream with Realm stage 2: the descriptor NS bit (55) selects
// Non-secure output; without it the output is Realm. STE and tables in Realm memory.
TEST_F(Drv, RealmStage2OutputsRealmOrNonSecureByDescriptorNs)
{
    bring_up_realm();
    smmu_drv_pgtable s2;
    s2_pgtable(rl, s2, 4096, 5);
    const unsigned rw = SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE;
    ASSERT_EQ(smmu_drv_map(&rl, &s2, 0x10000, 0x80000000, 0x1000, rw), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_map(&rl, &s2, 0x11000, 0x80001000, 0x1000, rw | SMMU_DRV_PROT_NS), SMMU_DRV_OK);
    write_ste(rl, 6, SMMU_DRV_STE_S2, nullptr, &s2);
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_STE, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_SSec(cmds[0].w), 0u);
    // the level-3 descriptors: 40-bit IPA, 4KB: start level 1
    uint64_t table = s2.root, d[2] = {};
    for (int l = s2.start_level; l <= 2; l++)
        table = fake_mem_rd64(mem, table + ((0x10000ull >> (39 - 9 * l)) & 511) * 8, SMMU_PAS_REALM) & 0xfffffffff000ull;
    d[0] = fake_mem_rd64(mem, table + 0x10 * 8, SMMU_PAS_REALM);
    d[1] = fake_mem_rd64(mem, table + 0x11 * 8, SMMU_PAS_REALM);
    const uint64_t base = 0x3 | (0xFull << 2) | (3ull << 6) | (3ull << 8) | (1ull << 10) | (1ull << 54);
    EXPECT_EQ(d[0], 0x80000000ull | base);
    EXPECT_EQ(d[1], 0x80001000ull | base | (1ull << 55)) << "NS, bit 55";
    EXPECT_EQ(ste_words(rl, 6, SMMU_PAS_REALM)[0] & 0xf, 0xdu) << "V=1, Config=0b110 in Realm memory";
    EXPECT_EQ(ste_words(rl, 6, SMMU_PAS_NS)[0], 0u);

    smmu_result res = xlate(6, 0x10010, SMMU_ACCESS_WRITE, SMMU_SEC_REALM);
    ASSERT_EQ(res.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(res.pa, 0x80000010u);
    EXPECT_EQ(res.pas, SMMU_PAS_REALM);
    res = xlate(6, 0x11020, SMMU_ACCESS_READ, SMMU_SEC_REALM);
    ASSERT_EQ(res.outcome, SMMU_XLATE_OK);
    EXPECT_EQ(res.pa, 0x80001020u);
    EXPECT_EQ(res.pas, SMMU_PAS_NS);

    // A Realm fault goes to the Realm event queue, which the Realm driver drains
    res = xlate(6, 0x20000, SMMU_ACCESS_READ, SMMU_SEC_REALM);
    EXPECT_EQ(res.event, static_cast<unsigned>(SMMU_EVT_F_TRANSLATION));
    smmu_drv_event ev;
    ASSERT_EQ(smmu_drv_event_pop(&rl, &ev, nullptr), 1);
    EXPECT_EQ(ev.type, static_cast<unsigned>(SMMU_EVT_F_TRANSLATION));
    EXPECT_EQ(ev.sid, 6u);
    EXPECT_TRUE(ev.s2);
    EXPECT_EQ(ev.ipa, 0x20000u);
    EXPECT_EQ(smmu_drv_event_pop(&rl, &ev, nullptr), 0);

    // Unmapping the NS page: TLBI_S2_IPA (range, Realm queue) + TLBI_NH_ALL + SYNC
    unmap(rl, s2, 0x11000, 0x1000);
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_S2_IPA, SMMU_CMD_TLBI_NH_ALL, SMMU_CMD_SYNC}));
    EXPECT_EQ(xlate(6, 0x11020, SMMU_ACCESS_READ, SMMU_SEC_REALM).outcome, SMMU_XLATE_FAULT);
}

// Bit 55 is an NS bit in Realm stage-2 tables only: a Non-secure stage-2 mapping with
// SMMU_DRV_PROT_NS is refused.
TEST_F(Drv, NonSecureStage2RefusesNsOutput)
{
    bring_up_ns();
    smmu_drv_pgtable s2;
    s2_pgtable(ns, s2, 4096);
    EXPECT_EQ(smmu_drv_map(&ns, &s2, 0x10000, 0x80000000, 0x1000, SMMU_DRV_PROT_READ | SMMU_DRV_PROT_NS),
              SMMU_DRV_E_INVAL);
    EXPECT_EQ(s2.mapped_bytes, 0u);
}

// [3.25, 4.4.2, 6.3.62] With RME: S_INIT.INV_ALL before ACCESSEN (no CONSTRAINED
// UNPREDICTABLE write), and a Secure setup that leaves out S_INIT and CMD_TLBI_EL3_ALL (no
// EL3 StreamWorld: CERROR_ILL) and completes.
TEST_F(Drv, SecureBootWithRmeInvalidatesBeforeAccessenAndIssuesNoEl3Tlbi)
{
    rme(false);
    root_up();
    ASSERT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_OK);
    EXPECT_EQ(smmu_drv_secure_inv_all(&ns), SMMU_DRV_E_INVAL) << "Secure driver only";
    ASSERT_EQ(smmu_drv_secure_inv_all(&s), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_root_access_only(&root), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_setup(&s, nullptr), SMMU_DRV_OK);
    EXPECT_FALSE(fake_mem_log_contains(mem, "S_INIT")) << mem->log;
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_STE_RANGE, SMMU_CMD_TLBI_SNH_ALL, SMMU_CMD_TLBI_S_EL2_ALL, SMMU_CMD_SYNC}));
}

// [6.3.112] Without ACCESSEN the SMMU refuses its own queue accesses: setup cannot complete.
TEST_F(Drv, SetupWithoutAccessenTimesOut)
{
    rme(false);
    ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
    ns.poll_limit = 20;
    EXPECT_NE(smmu_drv_setup(&ns, nullptr), SMMU_DRV_OK);
}

// ---- the Root control page and the GPT [IHI 0070 3.25, 6.3.110-119; Arm ARM D9.6] ----

// [6.3.110, 6.3.115; D9.6] Root probe, an empty GPT of level-0 Blocks, one Realm granule
// (a level-1 table of Granules descriptors), ROOT_GPT_BASE(_CFG) and ROOT_CR0 as programmed.
TEST_F(Drv, RootBuildsGptAndEnablesGpc)
{
    rme();
    root_up();
    EXPECT_EQ(root.idr0, 0x0080000Du) << "BA_REALM 2, REALM_IMPL, RGPTM, ROOT_IMPL";
    EXPECT_EQ(root.l0gptsz, 30u);
    EXPECT_TRUE(root.rgptm);
    ASSERT_EQ(smmu_drv_root_gpt_init(&root, 40, 4096, SMMU_DRV_GPI_ANY), SMMU_DRV_OK);
    EXPECT_EQ(root.gpt_base, 0x100000u);
    EXPECT_EQ(root.l0_entries, 1024u) << "PA[39:30]";
    for (uint64_t i : {0ull, 2ull, 1023ull})
        EXPECT_EQ(fake_mem_rd64(mem, 0x100000 + 8 * i, SMMU_PAS_ROOT), 0xF1u) << "Block, GPI ANY";
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x80001000, 0x1000, SMMU_DRV_GPI_REALM), SMMU_DRV_OK);
    // level-1 table: 2^(30-12-1) = 128 KB aligned to its size, after the 8 KB level-0 table
    EXPECT_EQ(fake_mem_rd64(mem, 0x100000 + 8 * 2, SMMU_PAS_ROOT), 0x120003u) << "Table descriptor";
    EXPECT_EQ(fake_mem_rd64(mem, 0x120000, SMMU_PAS_ROOT), 0xFFFFFFFFFFFFFFBFull) << "granule 1: Realm";
    EXPECT_EQ(fake_mem_rd64(mem, 0x120008, SMMU_PAS_ROOT), 0xFFFFFFFFFFFFFFFFull);
    unsigned gpi = 0;
    ASSERT_EQ(smmu_drv_root_gpt_get(&root, 0x80001abc, &gpi), SMMU_DRV_OK);
    EXPECT_EQ(gpi, static_cast<unsigned>(SMMU_DRV_GPI_REALM));
    ASSERT_EQ(smmu_drv_root_gpt_get(&root, 0x80002000, &gpi), SMMU_DRV_OK);
    EXPECT_EQ(gpi, static_cast<unsigned>(SMMU_DRV_GPI_ANY));

    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x28), 0x100000u) << "ROOT_GPT_BASE";
    EXPECT_EQ(root_reg(0x30), 0x3502u) << "GPT_BASE_CFG: SH 11, ORGN 01, IRGN 01, PGS 4KB, PPS 40";
    EXPECT_EQ(root_reg(0x24, 4), 0x3u) << "ROOT_CR0ACK: GPCEN | ACCESSEN";
    EXPECT_EQ(root_reg(0x50), 0x1u) << "ROOT_TLBI ALL after the new GPT_BASE";
}

// [3.25.3, 6.3.116] A Non-secure stream's output to a Realm granule is refused by the GPC
// (an abort, no event); ROOT_GPF_FAR holds FPAS Non-secure, the granule, REASON TRANSACTION;
// the driver decodes it and clears FAULT.
TEST_F(Drv, NonSecureOutputToRealmGranuleIsGpfAndFarIsDecodedAndCleared)
{
    gpt_up(true, SMMU_DRV_GPI_NS);
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x80001000, 0x1000, SMMU_DRV_GPI_REALM), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    bring_up_ns();
    write_ste(ns, 1, SMMU_DRV_STE_BYPASS);
    EXPECT_EQ(xlate(1, 0x80000ff0, SMMU_ACCESS_WRITE).outcome, SMMU_XLATE_BYPASS);
    EXPECT_EQ(xlate(1, 0x80001010, SMMU_ACCESS_WRITE).outcome, SMMU_XLATE_ABORT);
    EXPECT_EQ(root_reg(0x38), 0x4000000080001007ull) << "FPAS 01, FADDR, REASON 011, FAULT";
    smmu_drv_gpc_fault f;
    ASSERT_EQ(smmu_drv_root_far_pop(&root, false, &f), SMMU_DRV_OK);
    EXPECT_TRUE(f.fault);
    EXPECT_EQ(f.pas, SMMU_PAS_NS);
    EXPECT_EQ(f.addr, 0x80001000u);
    EXPECT_EQ(f.reason, 3u);
    EXPECT_EQ(f.faultcode, 0u);
    char text[160];
    smmu_drv_gpc_fault_format(&f, text, sizeof(text));
    EXPECT_STREQ(text, "GPF_FAR: Non-secure PA 0x80001000 FAULTCODE 0x00 REASON TRANSACTION");
    EXPECT_EQ(root_reg(0x38), 0u) << "cleared";
    ASSERT_EQ(smmu_drv_root_far_pop(&root, false, &f), SMMU_DRV_OK);
    EXPECT_FALSE(f.fault);
    smmu_drv_event ev;
    EXPECT_EQ(smmu_drv_event_pop(&ns, &ev, nullptr), 0) << "a GPF on client output has no event";
}

// [D9.6.5] Every GPI encoding, granule by granule, against a Non-secure, a Secure and a Realm
// stream (bypass): each reaches exactly the granules its GPI permits.
TEST_F(Drv, EveryGpiEncodingPermitsExactlyItsPaSpaces)
{
    gpt_up(true, SMMU_DRV_GPI_ANY);
    const unsigned gpis[6] = {SMMU_DRV_GPI_NO_ACCESS, SMMU_DRV_GPI_SECURE, SMMU_DRV_GPI_NS,
                              SMMU_DRV_GPI_ROOT, SMMU_DRV_GPI_REALM, SMMU_DRV_GPI_ANY};
    for (unsigned i = 0; i < 6; i++)
        ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x90000000 + 0x1000 * i, 0x1000, gpis[i]), SMMU_DRV_OK);
    // PA[29:16] = 0x1000 indexes the level-1 table at 0x120000
    EXPECT_EQ(fake_mem_rd64(mem, 0x120000 + 0x1000 * 8, SMMU_PAS_ROOT), 0xFFFFFFFFFFFBA980ull);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_init(&rl, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_OK);
    const smmu_sec_sid secs[3] = {SMMU_SEC_NS, SMMU_SEC_SECURE, SMMU_SEC_REALM};
    smmu_drv *drvs[3] = {&ns, &s, &rl};
    for (smmu_drv *d : drvs) {
        ASSERT_EQ(smmu_drv_setup(d, nullptr), SMMU_DRV_OK);
        write_ste(*d, 2, SMMU_DRV_STE_BYPASS);
    }
    const bool want[3][6] = {{false, false, true, false, false, true},
                             {false, true, false, false, false, true},
                             {false, false, false, false, true, true}};
    for (unsigned b = 0; b < 3; b++)
        for (unsigned i = 0; i < 6; i++) {
            smmu_result res = xlate(2, 0x90000000 + 0x1000 * i + 0x40, SMMU_ACCESS_READ, secs[b]);
            EXPECT_EQ(res.outcome == SMMU_XLATE_BYPASS, want[b][i]) << "bank " << b << " GPI " << gpis[i];
        }
}

// [D9.6; 6.3.115] Every level-0 entry size with a granule size: the level-0 and level-1
// descriptors land where PA[pps-1:L0GPTSZ] and PA[L0GPTSZ-1:pgs+4] say, and the SMMU's check
// agrees granule by granule.
TEST_F(Drv, GptForEachLevel0SizeAndGranule)
{
    const struct { unsigned l0, granule, p; } cases[] = {{30, 4096, 12}, {34, 16384, 14}, {36, 65536, 16}, {39, 65536, 16}};
    for (const auto &c : cases) {
        recreate([&](smmu_config &k) {
            k.rme_impl = true;
            k.realm_impl = false;
            k.l0gptsz_bits = c.l0;
        });
        root_up();
        ASSERT_EQ(root.l0gptsz, c.l0);
        ASSERT_EQ(smmu_drv_root_gpt_init(&root, 40, c.granule, SMMU_DRV_GPI_NS), SMMU_DRV_OK);
        EXPECT_EQ(root.l0_entries, 1ull << (40 - c.l0));
        const uint64_t x = 0xC0000000ull + 5ull * c.granule;
        ASSERT_EQ(smmu_drv_root_gpt_set(&root, x, c.granule, SMMU_DRV_GPI_REALM), SMMU_DRV_OK);
        const uint64_t l0 = fake_mem_rd64(mem, root.gpt_base + (x >> c.l0) * 8, SMMU_PAS_ROOT);
        ASSERT_EQ(l0 & 0xf, 0x3u) << c.l0;
        const uint64_t l1 = l0 & 0x000ffffffffff000ull;
        EXPECT_EQ(l1 & ((1ull << (c.l0 - c.p - 1)) - 1), 0u) << "level-1 table aligned to its size";
        const uint64_t idx = (x >> (c.p + 4)) & ((1ull << (c.l0 - c.p - 4)) - 1);
        EXPECT_EQ(fake_mem_rd64(mem, l1 + idx * 8, SMMU_PAS_ROOT), 0x9999999999B99999ull) << c.l0 << "/" << c.granule;
        ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
        setup(ns, SMMU_SEC_NS);
        write_ste(ns, 3, SMMU_DRV_STE_BYPASS);
        EXPECT_EQ(xlate(3, x - 8, SMMU_ACCESS_READ).outcome, SMMU_XLATE_BYPASS);
        EXPECT_EQ(xlate(3, x + 8, SMMU_ACCESS_READ).outcome, SMMU_XLATE_ABORT) << c.l0 << "/" << c.granule;
        EXPECT_EQ(xlate(3, x + c.granule, SMMU_ACCESS_READ).outcome, SMMU_XLATE_BYPASS);
    }
}

// [3.25.2, 6.3.118-119] After a GPT change with the GPC on, ROOT_TLBI by address with the
// smallest SIZE whose aligned block holds the change (ALL when none does), RUN polled to 0;
// a whole level-0 region becomes a Block descriptor.
TEST_F(Drv, GptChangeIsInvalidatedWithRootTlbi)
{
    gpt_up(true, SMMU_DRV_GPI_ANY);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    const unsigned before = mem->inval_notices;
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x80002000, 0x1000, SMMU_DRV_GPI_SECURE), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x50), 0x80002000u) << "SIZE 0 (4KB)";
    EXPECT_GT(mem->inval_notices, before);
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x80200000, 0x200000, SMMU_DRV_GPI_NS), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x50), 0x80200030u) << "SIZE 3 (2MB)";
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x40000000, 0x40000000, SMMU_DRV_GPI_ROOT), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x50), 0x40000060u) << "SIZE 6 (1GB)";
    EXPECT_EQ(fake_mem_rd64(mem, root.gpt_base + 8, SMMU_PAS_ROOT), 0xA1u) << "level-0 Block, GPI Root";
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x3FFFF000, 0x2000, SMMU_DRV_GPI_NS), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x50), 0x70u) << "SIZE 7 (16GB) from 0";
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x7FFFFFF000, 0x2000, SMMU_DRV_GPI_NS), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x50), 0x1u) << "crosses 512GB: ALL";
    EXPECT_EQ(root_reg(0x58, 4) & 1, 0u) << "RUN back to 0";
    EXPECT_EQ(smmu_drv_root_gpt_set(&root, 0x80000800, 0x1000, SMMU_DRV_GPI_NS), SMMU_DRV_E_INVAL);
    EXPECT_EQ(smmu_drv_root_gpt_set(&root, 0xFFFFFFF000, 0x2000, SMMU_DRV_GPI_NS), SMMU_DRV_E_RANGE);
    EXPECT_EQ(smmu_drv_root_gpt_set(&root, 0x1000, 0x1000, 0x4), SMMU_DRV_E_INVAL) << "reserved GPI";
}

// [D9.6.4] A range across Granules descriptors: read-modify-write at both edges, whole
// descriptors in between; a second smmu_drv_root_enable (GPCEN already 1) clears GPCEN first
// and ends with both enables acknowledged again.
TEST_F(Drv, GptRangeAcrossGranulesDescriptorsAndReEnable)
{
    gpt_up(false, SMMU_DRV_GPI_NS);
    // granules 1..32 of 0x80000000: descriptor 0 from granule 1, descriptor 1 whole,
    // descriptor 2 granule 0 only
    ASSERT_EQ(smmu_drv_root_gpt_set(&root, 0x80001000, 32 * 0x1000, SMMU_DRV_GPI_SECURE), SMMU_DRV_OK);
    EXPECT_EQ(root.l1_tables, 1u);
    EXPECT_EQ(fake_mem_rd64(mem, 0x120000, SMMU_PAS_ROOT), 0x8888888888888889ull);
    EXPECT_EQ(fake_mem_rd64(mem, 0x120008, SMMU_PAS_ROOT), 0x8888888888888888ull);
    EXPECT_EQ(fake_mem_rd64(mem, 0x120010, SMMU_PAS_ROOT), 0x9999999999999998ull);
    EXPECT_EQ(fake_mem_rd64(mem, 0x120018, SMMU_PAS_ROOT), 0x9999999999999999ull);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    EXPECT_EQ(root_reg(0x24, 4), 0x3u);
    EXPECT_EQ(root_reg(0x28), 0x100000u) << "GPT_BASE written while GPCEN was 0";
}

// [6.3.117] A GPT lookup error (an invalid level-0 descriptor) is recorded in GPT_CFG_FAR
// with CFG_ERR 3; the driver decodes and clears it.
TEST_F(Drv, GptCfgFarDecodesInvalidEntry)
{
    gpt_up(false, SMMU_DRV_GPI_ANY);
    ASSERT_EQ(smmu_drv_root_enable(&root), SMMU_DRV_OK);
    bring_up_ns();
    write_ste(ns, 1, SMMU_DRV_STE_BYPASS);
    fake_mem_wr64(mem, root.gpt_base + 8 * 3, SMMU_PAS_ROOT, 0x5); // neither Block nor Table
    EXPECT_EQ(xlate(1, 0xC0000000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_ABORT);
    smmu_drv_gpc_fault f;
    ASSERT_EQ(smmu_drv_root_far_pop(&root, true, &f), SMMU_DRV_OK);
    EXPECT_TRUE(f.fault);
    EXPECT_EQ(f.cfg_err, 3u);
    EXPECT_EQ(f.addr, 0xC0000000u);
    char text[200];
    smmu_drv_gpc_fault_format(&f, text, sizeof(text));
    EXPECT_NE(std::string(text).find("GPT_CFG_FAR: Non-secure PA 0xc0000000"), std::string::npos) << text;
    EXPECT_NE(std::string(text).find("CFG_ERR invalid GPT entry"), std::string::npos) << text;
    EXPECT_EQ(root_reg(0x40), 0u);
}

// ---- CD tables, SubstreamIDs [IHI 0070 3.3.2, 5.2, 5.3, 5.4] ----

// [5.3, 4.3.4] A 2-level CD table (S1Fmt 01): L1CDs, a 4 KB leaf of 64 CDs allocated on the
// first CD in it (CFGI_CD Leaf=0), then Leaf=1 for the next; SubstreamIDs select CDs.
TEST_F(Drv, TwoLevelCdTableWithLeavesOnFirstUse)
{
    bring_up_ns();
    smmu_drv_pgtable pa, pb;
    s1_pgtable(ns, pa, 4096, 11);
    s1_pgtable(ns, pb, 4096, 12);
    ASSERT_EQ(smmu_drv_map(&ns, &pa, 0x1000, 0x81000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_map(&ns, &pb, 0x1000, 0x82000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cdtab_init(&ns, &cdt, 8, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    EXPECT_EQ(cdt.s1fmt, 1u) << "256 CDs with CD2L: 2-level, 4 KB leaves";
    EXPECT_EQ(cdt.leaf_bits, 6u);
    EXPECT_EQ(cdt.base & 63, 0u);
    for (unsigned i = 0; i < 4; i++)
        EXPECT_EQ(fake_mem_rd64(mem, cdt.base + 8 * i, SMMU_PAS_NS), 0u) << "L1CD " << i << " invalid";
    cmds.clear();
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x30, 0x45, &pa), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_CFGI_CD, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_StreamID(cmds[0].w), 0x30u);
    EXPECT_EQ(smmu_cmd_SubstreamID(cmds[0].w), 0x45u);
    EXPECT_EQ(smmu_cmd_Leaf(cmds[0].w), 0u) << "new L1CD: Leaf=0";
    const uint64_t l1 = fake_mem_rd64(mem, cdt.base + 8, SMMU_PAS_NS);
    EXPECT_EQ(l1 & 0xfff, 1u) << "L1CD 1: V=1";
    const uint64_t leaf = l1 & 0x00fffffffffff000ull;
    uint64_t want[8], addr;
    ASSERT_EQ(smmu_drv_cd_encode(&ns, &pa, want), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cd_addr(&cdt, 0x45, &addr), SMMU_DRV_OK);
    EXPECT_EQ(addr, leaf + 5 * 64);
    expect_words("CD", leaf + 5 * 64, want);
    cmds.clear();
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x30, 0x46, &pb), SMMU_DRV_OK);
    EXPECT_EQ(smmu_cmd_Leaf(cmds[0].w), 1u) << "same leaf: Leaf=1";
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x30, 0, &pb), SMMU_DRV_OK);
    EXPECT_EQ(cdt.leaves, 2u);
    EXPECT_EQ(smmu_drv_cd_addr(&cdt, 0x80, &addr), SMMU_DRV_E_NOT_MAPPED);
    EXPECT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x30, 0x100, &pb), SMMU_DRV_E_RANGE);

    write_ste(ns, 0x30, SMMU_DRV_STE_S1, &cdt, nullptr, SMMU_DRV_S1DSS_SSID0);
    const std::array<uint64_t, 8> ws = ste_words(ns, 0x30, SMMU_PAS_NS);
    const uint64_t *w = ws.data();
    EXPECT_EQ(smmu_ste_S1Fmt(w), 1u);
    EXPECT_EQ(smmu_ste_S1CDMax(w), 8u);
    EXPECT_EQ(smmu_ste_S1DSS(w), 2u);
    EXPECT_EQ(smmu_ste_S1ContextPtr(w) << 6, cdt.base);

    smmu_result res = xlate_ssid(0x30, true, 0x45, 0x1010);
    ASSERT_EQ(res.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(res.pa, 0x81000010u);
    res = xlate_ssid(0x30, true, 0x46, 0x1010);
    EXPECT_EQ(res.pa, 0x82000010u);
    res = xlate_ssid(0x30, false, 0, 0x1020);
    EXPECT_EQ(res.pa, 0x82000020u) << "no SubstreamID: CD 0 (S1DSS 0b10)";
    res = xlate_ssid(0x30, true, 0x80, 0x1000);
    EXPECT_EQ(res.event, static_cast<unsigned>(SMMU_EVT_C_BAD_SUBSTREAMID)) << "L1CD 2 invalid";
}

// [5.3] S1Fmt 10: 64 KB leaves of 1024 CDs, aligned to 64 KB.
TEST_F(Drv, TwoLevelCdTableWith64KLeaves)
{
    bring_up_ns();
    s1_pgtable(ns, pt, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x1000, 0x83000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cdtab_init_fmt(&ns, &cdt, 12, SMMU_DRV_CD_2L_64K, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    EXPECT_EQ(cdt.s1fmt, 2u);
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x31, 0xC05, &pt), SMMU_DRV_OK);
    const uint64_t l1 = fake_mem_rd64(mem, cdt.base + 3 * 8, SMMU_PAS_NS);
    EXPECT_EQ(l1 & 0xffff, 1u) << "V=1, leaf aligned to 64 KB";
    uint64_t addr;
    ASSERT_EQ(smmu_drv_cd_addr(&cdt, 0xC05, &addr), SMMU_DRV_OK);
    EXPECT_EQ(addr, (l1 & ~0xfffull) + 5 * 64);
    write_ste(ns, 0x31, SMMU_DRV_STE_S1, &cdt);
    smmu_result res = xlate_ssid(0x31, true, 0xC05, 0x1008);
    ASSERT_EQ(res.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(res.pa, 0x83000008u);
}

// [5.2 S1DSS] A transaction without a SubstreamID on a stream with S1CDMax > 0: S1DSS 00
// terminates with F_STREAM_DISABLED, 01 bypasses stage 1.
TEST_F(Drv, S1dssTerminateAndBypass)
{
    bring_up_ns();
    s1_pgtable(ns, pt, 4096);
    ASSERT_EQ(smmu_drv_cdtab_init_fmt(&ns, &cdt, 2, SMMU_DRV_CD_LINEAR, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x32, 1, &pt), SMMU_DRV_OK);
    write_ste(ns, 0x32, SMMU_DRV_STE_S1, &cdt, nullptr, SMMU_DRV_S1DSS_TERMINATE);
    EXPECT_EQ(xlate_ssid(0x32, false, 0, 0x5000).event, static_cast<unsigned>(SMMU_EVT_F_STREAM_DISABLED));
    write_ste(ns, 0x32, SMMU_DRV_STE_S1, &cdt, nullptr, SMMU_DRV_S1DSS_BYPASS);
    smmu_result res = xlate_ssid(0x32, false, 0, 0x5000);
    EXPECT_EQ(res.outcome, SMMU_XLATE_BYPASS) << mem->log;
    EXPECT_EQ(res.pa, 0x5000u) << "stage 1 bypassed, no stage 2";
    smmu_drv_ste ste{};
    ste.mode = SMMU_DRV_STE_S1;
    ste.cdtab = &cdt;
    ste.s1dss = static_cast<smmu_drv_s1dss>(3);
    EXPECT_EQ(smmu_drv_ste_write(&ns, 0x32, &ste), SMMU_DRV_E_INVAL) << "S1DSS 0b11 is reserved";
}

// ---- range invalidation [IHI 0070 4.4.1.1] ----

// 35 pages (0b100011) at level 3: NUM 2 SCALE 0 (3 pages), then NUM 0 SCALE 5 (32 pages),
// TG 4KB, TTL 3, Leaf; then SYNC. The pages, cached before, fault after.
TEST_F(Drv, UnmapUsesRangeTlbiWithFewestCommands)
{
    bring_up_ns();
    ASSERT_TRUE(ns.feat.ril);
    s1_stream(ns, 9, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 35 * 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    for (uint64_t a : {0x40000000ull, 0x40002000ull, 0x40003000ull, 0x40022000ull})
        EXPECT_EQ(xlate(9, a, SMMU_ACCESS_READ).outcome, SMMU_XLATE_OK);
    unmap(ns, pt, 0x40000000, 35 * 0x1000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_NH_VA, SMMU_CMD_TLBI_NH_VA, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_Addr(cmds[0].w), 0x40000u);
    EXPECT_EQ(smmu_cmd_NUM(cmds[0].w), 2u);
    EXPECT_EQ(smmu_cmd_SCALE(cmds[0].w), 0u);
    EXPECT_EQ(smmu_cmd_Addr(cmds[1].w), 0x40003u);
    EXPECT_EQ(smmu_cmd_NUM(cmds[1].w), 0u);
    EXPECT_EQ(smmu_cmd_SCALE(cmds[1].w), 5u);
    for (unsigned i = 0; i < 2; i++) {
        EXPECT_EQ(smmu_cmd_TG(cmds[i].w), 1u) << "4KB";
        EXPECT_EQ(smmu_cmd_TTL(cmds[i].w), 3u);
        EXPECT_EQ(smmu_cmd_Leaf(cmds[i].w), 1u);
        EXPECT_EQ(smmu_cmd_ASID(cmds[i].w), 7u);
    }
    for (uint64_t a : {0x40000000ull, 0x40002000ull, 0x40003000ull, 0x40022000ull})
        EXPECT_EQ(xlate(9, a, SMMU_ACCESS_READ).outcome, SMMU_XLATE_FAULT) << std::hex << a;
}

// Runs of leaves of different levels get their own TTL: a 2 MB block (512 granules: SCALE 9,
// TTL 2) then two pages (SCALE 1, TTL 3); stage 2 with TLBI_S2_IPA and a 16 KB granule (TG 2).
TEST_F(Drv, RangeTlbiPerLevelRunAndStage2)
{
    bring_up_ns();
    s1_stream(ns, 10, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x200000, 0x80200000, 0x202000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    unmap(ns, pt, 0x200000, 0x202000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_NH_VA, SMMU_CMD_TLBI_NH_VA, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_Addr(cmds[0].w), 0x200u);
    EXPECT_EQ(smmu_cmd_NUM(cmds[0].w), 0u);
    EXPECT_EQ(smmu_cmd_SCALE(cmds[0].w), 9u);
    EXPECT_EQ(smmu_cmd_TTL(cmds[0].w), 2u);
    EXPECT_EQ(smmu_cmd_Addr(cmds[1].w), 0x400u);
    EXPECT_EQ(smmu_cmd_NUM(cmds[1].w), 0u) << "2 = 1 * 2^1 granules";
    EXPECT_EQ(smmu_cmd_SCALE(cmds[1].w), 1u);
    EXPECT_EQ(smmu_cmd_TTL(cmds[1].w), 3u);

    smmu_drv_pgtable s2;
    s2_pgtable(ns, s2, 16384, 4);
    ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x100000, 0x90100000, 6 * 0x4000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    unmap(ns, s2, 0x100000, 6 * 0x4000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_S2_IPA, SMMU_CMD_TLBI_NH_ALL, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_IPA(cmds[0].w), 0x100u);
    EXPECT_EQ(smmu_cmd_TG(cmds[0].w), 2u) << "16KB";
    EXPECT_EQ(smmu_cmd_NUM(cmds[0].w), 2u);
    EXPECT_EQ(smmu_cmd_SCALE(cmds[0].w), 1u) << "6 = 3 * 2^1 granules";
    EXPECT_EQ(smmu_cmd_TTL(cmds[0].w), 3u);
    EXPECT_EQ(smmu_cmd_VMID(cmds[0].w), 4u);
}

// Without IDR3.RIL: one TLBI per leaf, with TG/NUM/SCALE/TTL zero (RES0).
TEST_F(Drv, UnmapWithoutRilIssuesOneTlbiPerLeaf)
{
    recreate([](smmu_config &c) {
        c.ril = false;
        c.arch_minor = 1; // RIL is mandatory from SMMUv3.2
    });
    bring_up_ns();
    ASSERT_FALSE(ns.feat.ril);
    s1_stream(ns, 9, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 3 * 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    unmap(ns, pt, 0x40000000, 3 * 0x1000);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_NH_VA, SMMU_CMD_TLBI_NH_VA, SMMU_CMD_TLBI_NH_VA, SMMU_CMD_SYNC}));
    for (unsigned i = 0; i < 3; i++) {
        EXPECT_EQ(smmu_cmd_Addr(cmds[i].w), 0x40000u + i);
        EXPECT_EQ(smmu_cmd_TG(cmds[i].w) | smmu_cmd_NUM(cmds[i].w) | smmu_cmd_SCALE(cmds[i].w) | smmu_cmd_TTL(cmds[i].w), 0u);
    }
}

// ---- PRI [IHI 0070 ch. 8, 4.5.2] ----

// The PRG responses the core sent (through bcb.pri_response; its ctx is the fake memory).
std::vector<smmu_pri_response> g_pri_responses;
void on_pri_response(void *, const smmu_pri_response *r)
{
    g_pri_responses.push_back(*r);
}

class DrvPri : public Drv
{
protected:
    void SetUp() override
    {
        Drv::SetUp();
        g_pri_responses.clear();
        recreate([](smmu_config &c) {
            c.ats = c.pri = true;
            c.priq_log2max = 8;
        });
        smmu_bringup_callbacks cb{};
        cb.struct_size = sizeof(cb);
        cb.pri_response = on_pri_response;
        ASSERT_EQ(smmu_set_bringup_callbacks(smmu, &cb), SMMU_OK);
    }
    void setup_priq(unsigned log2)
    {
        ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
        smmu_drv_setup_opts o{};
        o.irqs = true;
        o.priq_log2 = log2;
        ASSERT_EQ(smmu_drv_setup(&ns, &o), SMMU_DRV_OK) << mem->log;
        cmds.clear();
    }
    void ppr(uint32_t sid, uint16_t prgi, bool last, uint64_t addr, bool ssv = false,
             uint32_t ssid = 0)
    {
        smmu_page_request r{};
        r.sid = sid;
        r.ssv = ssv;
        r.ssid = ssid;
        r.addr = addr;
        r.read = r.write = true;
        r.last = last;
        r.prgi = prgi;
        ASSERT_EQ(smmu_pri_page_request(smmu, &r), SMMU_OK);
    }
};

// [6.3.9, 6.3.16, 6.3.33] setup programs PRIQ_BASE (2^priq_log2 entries, capped at IDR1.PRIQS),
// PROD = CONS = 0, and sets PRIQEN and PRIQ_IRQEN with the other enables.
TEST_F(DrvPri, SetupProgramsThePriQueue)
{
    setup_priq(20); // capped at PRIQS = 8
    EXPECT_TRUE(ns.priq_ready);
    EXPECT_EQ(ns.priq_log2, 8u);
    uint32_t cr0 = 0, irq = 0;
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_CR0ACK, &cr0), SMMU_DRV_OK);
    EXPECT_EQ(cr0, SMMU_CR0_SMMUEN | SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN | SMMU_CR0_PRIQEN);
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_IRQ_CTRLACK, &irq), SMMU_DRV_OK);
    EXPECT_EQ(irq, SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_EVENTQ_IRQEN | SMMU_IRQ_CTRL_PRIQ_IRQEN);
    uint64_t base = 0;
    ASSERT_EQ(smmu_reg_read(smmu, SMMU_PRIQ_BASE, 8, SMMU_PAS_NS, &base), SMMU_OK);
    EXPECT_EQ(base, ns.priq_base | 8u);
    EXPECT_EQ(ns.priq_base % (16u << 8), 0u);
    // disable keeps PRIQEN (SMMUEN = 0 makes it effectively 0 [8.2])
    ASSERT_EQ(smmu_drv_disable(&ns), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_CR0ACK, &cr0), SMMU_DRV_OK);
    EXPECT_EQ(cr0, SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN | SMMU_CR0_PRIQEN);
}

// Without IDR0.PRI (or with no_priq) there is no PRI queue: pop says so.
TEST_F(DrvPri, NoPriQueueWithoutPri)
{
    recreate([](smmu_config &c) { c.pri = false; });
    bring_up_ns();
    EXPECT_FALSE(ns.priq_ready);
    smmu_drv_pri_request req;
    EXPECT_EQ(smmu_drv_pri_pop(&ns, &req, nullptr), SMMU_DRV_E_STATE);
    EXPECT_EQ(smmu_drv_pri_resp(&ns, 1, false, 0, 1, SMMU_DRV_PRI_SUCCESS, true),
              SMMU_DRV_E_UNSUPPORTED);
}

// The bring-up sequence of a page fault served through PRI: the PPR is popped with every
// field, the page is mapped, CMD_PRI_RESP(Success) + CMD_SYNC answer the group with the
// request's StreamID, PASID and PRGIndex, and the endpoint gets PCIe code 0b0000 [8.3].
TEST_F(DrvPri, PageRequestIsPoppedMappedAndAnswered)
{
    setup_priq(4);
    s1_stream(ns, 5, 4096);
    ppr(5, 0x1A3, true, 0x40000000, true, 0x2A);
    smmu_drv_pri_request req;
    ASSERT_EQ(smmu_drv_pri_pop(&ns, &req, nullptr), 1);
    EXPECT_EQ(req.sid, 5u);
    EXPECT_TRUE(req.ssv);
    EXPECT_EQ(req.ssid, 0x2Au);
    EXPECT_EQ(req.addr, 0x40000000u);
    EXPECT_EQ(req.prgi, 0x1A3u);
    EXPECT_TRUE(req.last && req.read && req.write && !req.exec && !req.priv && !req.stop);
    char line[128];
    smmu_drv_pri_format(&req, line, sizeof(line));
    EXPECT_STREQ(line, "PPR StreamID=0x5 SubstreamID=0x2a PRGIndex=419 addr=0x40000000 RW Last");
    EXPECT_EQ(smmu_drv_pri_pop(&ns, &req, nullptr), 0);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, req.addr, 0x80000000, 4096,
                           SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
    cmds.clear();
    ASSERT_EQ(smmu_drv_pri_respond(&ns, &req, SMMU_DRV_PRI_SUCCESS), SMMU_DRV_OK);
    EXPECT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_PRI_RESP, SMMU_CMD_SYNC}));
    // [4.5.2] SSV 11, SubstreamID [31:12], StreamID [63:32]; PRGIndex [72:64], Resp [77:76]
    EXPECT_EQ(cmds[0].w[0], 0x41ull | 1ull << 11 | 0x2Aull << 12 | 5ull << 32);
    EXPECT_EQ(cmds[0].w[1], 0x1A3ull | 2ull << 12);
    ASSERT_EQ(g_pri_responses.size(), 1u);
    EXPECT_EQ(g_pri_responses[0].code, SMMU_PRI_SUCCESS);
    EXPECT_EQ(g_pri_responses[0].sid, 5u);
    EXPECT_TRUE(g_pri_responses[0].ssv);
    EXPECT_EQ(g_pri_responses[0].ssid, 0x2Au);
    EXPECT_EQ(g_pri_responses[0].prgi, 0x1A3u);
    EXPECT_FALSE(g_pri_responses[0].automatic);
    smmu_result r = translate(txn(5, 0x40000000, SMMU_ACCESS_READ));
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK);
}

// [8.1.1] overflow recovery: the entries before the overflow are popped (the group whose
// Last was lost was answered by the SMMU), then the empty queue acknowledges the overflow
// with one CONS write (RD = WR, OVACKFLG = OVFLG); new requests are queued again.
TEST_F(DrvPri, OverflowIsAcknowledgedAfterTheQueueIsDrained)
{
    setup_priq(1); // two entries
    ppr(9, 1, false, 0x1000);
    ppr(9, 2, true, 0x2000);
    ppr(9, 1, true, 0x3000); // overflow: PRG 1's Last is answered by the SMMU
    ASSERT_EQ(g_pri_responses.size(), 1u);
    EXPECT_EQ(g_pri_responses[0].prgi, 1u);
    EXPECT_TRUE(g_pri_responses[0].automatic);
    smmu_drv_pri_request req;
    bool ovf = true;
    ASSERT_EQ(smmu_drv_pri_pop(&ns, &req, &ovf), 1);
    EXPECT_EQ(req.prgi, 1u);
    EXPECT_FALSE(ovf);
    ASSERT_EQ(smmu_drv_pri_pop(&ns, &req, &ovf), 1);
    EXPECT_EQ(req.prgi, 2u);
    EXPECT_FALSE(ovf);
    uint64_t cons = 0;
    ASSERT_EQ(smmu_reg_read(smmu, SMMU_PAGE1_OFFSET + SMMU_PRIQ_CONS, 4, SMMU_PAS_NS, &cons), SMMU_OK);
    EXPECT_EQ(cons, 2u); // RD moved, overflow not acknowledged yet
    ASSERT_EQ(smmu_drv_pri_pop(&ns, &req, &ovf), 0);
    EXPECT_TRUE(ovf);
    ASSERT_EQ(smmu_reg_read(smmu, SMMU_PAGE1_OFFSET + SMMU_PRIQ_CONS, 4, SMMU_PAS_NS, &cons), SMMU_OK);
    EXPECT_EQ(cons, 0x80000002u);
    ppr(9, 3, true, 0x4000);
    ASSERT_EQ(smmu_drv_pri_pop(&ns, &req, &ovf), 1);
    EXPECT_EQ(req.prgi, 3u);
    EXPECT_FALSE(ovf);
    EXPECT_EQ(g_pri_responses.size(), 1u);
}

} // namespace

// [3.12.2, 4.7.1, 4.7.2, 7.3.12] Stalls through the driver: CD.S from the page-table config,
// the record's Stall and STAG decoded (and printed), CMD_RESUME(Retry) / CMD_STALL_TERM with a
// CMD_SYNC each, STE.S2S from the STE config.
TEST_F(Drv, StallIsDecodedResumedAndTerminated)
{
    recreate([](smmu_config &c) {
        c.stall_model = SMMU_STALL_AND_TERMINATE;
        c.stall_max = 4;
    });
    bring_up_ns();
    s1_pgtable(ns, pt, 4096, 7);
    pt.cfg.stall = true;
    ASSERT_EQ(smmu_drv_cdtab_init(&ns, &cdt, 0, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 9, 0, &pt), SMMU_DRV_OK);
    write_ste(ns, 9, SMMU_DRV_STE_S1, &cdt);
    uint64_t cd_addr = 0, cd[8];
    ASSERT_EQ(smmu_drv_cd_addr(&cdt, 0, &cd_addr), SMMU_DRV_OK);
    for (unsigned i = 0; i < 8; i++)
        cd[i] = fake_mem_rd64(mem, cd_addr + 8 * i, SMMU_PAS_NS);
    EXPECT_EQ(smmu_cd_S(cd), 1u);

    smmu_result r = xlate(9, 0x40000010, SMMU_ACCESS_READ);
    ASSERT_EQ(r.outcome, SMMU_XLATE_STALLED);
    EXPECT_EQ(r.stag, 0u);
    smmu_drv_event ev;
    ASSERT_EQ(smmu_drv_event_pop(&ns, &ev, nullptr), 1);
    EXPECT_EQ(ev.type, static_cast<unsigned>(SMMU_EVT_F_TRANSLATION));
    EXPECT_TRUE(ev.stall);
    EXPECT_EQ(ev.stag, 0u);
    char text[256];
    smmu_drv_event_format(&ev, text, sizeof(text));
    EXPECT_NE(std::string(text).find("StreamID=0x9 Stall=1 STAG=0x0 "), std::string::npos) << text;

    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    cmds.clear();
    ASSERT_EQ(smmu_drv_resume(&ns, ev.sid, ev.stag, SMMU_DRV_RESUME_RETRY), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_RESUME, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_StreamID(cmds[0].w), 9u);
    EXPECT_EQ(smmu_cmd_STAG(cmds[0].w), 0u);
    EXPECT_EQ(smmu_cmd_Ac(cmds[0].w), 1u);
    EXPECT_EQ(smmu_cmd_Ab(cmds[0].w), 0u);
    smmu_stall_action a = SMMU_STALL_HELD;
    ASSERT_EQ(smmu_stall_status(smmu, SMMU_SEC_NS, 9, 0, &a), SMMU_OK);
    EXPECT_EQ(a, SMMU_STALL_RETRY);
    r = xlate(9, 0x40000010, SMMU_ACCESS_READ);
    ASSERT_EQ(r.outcome, SMMU_XLATE_OK);
    EXPECT_EQ(r.pa, 0x80000010u);

    r = xlate(9, 0x50000000, SMMU_ACCESS_READ);
    ASSERT_EQ(r.outcome, SMMU_XLATE_STALLED);
    EXPECT_EQ(r.stag, 1u);
    cmds.clear();
    ASSERT_EQ(smmu_drv_stall_term(&ns, 9), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_STALL_TERM, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_StreamID(cmds[0].w), 9u);
    ASSERT_EQ(smmu_stall_status(smmu, SMMU_SEC_NS, 9, 1, &a), SMMU_OK);
    EXPECT_EQ(a, SMMU_STALL_ABORT);
    EXPECT_EQ(smmu_drv_resume(&ns, 9, 0, static_cast<smmu_drv_resume_action>(3)), SMMU_DRV_E_INVAL);

    // STE.S2S from smmu_drv_ste.s2_stall
    smmu_drv_pgtable s2{};
    s2_pgtable(ns, s2, 4096, 3);
    smmu_drv_ste ste{};
    ste.mode = SMMU_DRV_STE_S2;
    ste.s2 = &s2;
    ste.s2_stall = true;
    uint64_t w[8];
    ASSERT_EQ(smmu_drv_ste_encode(&ns, &ste, w), SMMU_DRV_OK);
    EXPECT_EQ(smmu_ste_S2S(w), 1u);
}

// [4.7.1] On a terminate-only SMMU CMD_RESUME is CERROR_ILL: the driver's CMD_SYNC reports it.
TEST_F(Drv, ResumeOnTerminateOnlySmmuIsACommandError)
{
    bring_up_ns();
    EXPECT_EQ(smmu_drv_resume(&ns, 9, 0, SMMU_DRV_RESUME_ABORT), SMMU_DRV_E_CMDQ_ERR);
    EXPECT_EQ(ns.last_cerror, static_cast<unsigned>(SMMU_CERROR_ILL));
}

// ---- ATS [IHI 0070 3.9, 4.5.1] ----

// STE.EATS [5.2]: 0b01 in word 1 bits [29:28] (absolute [93:92]); refused without IDR0.ATS and
// for split-stage on a stream that is not nested.
TEST_F(Drv, SteEatsIsEncodedAndChecked)
{
    smmu_drv_ste e{};
    e.mode = SMMU_DRV_STE_S1;
    e.cdtab = &cdt;
    e.eats = 1;
    bring_up_ns();
    s1_stream(ns, 9, 4096);
    uint64_t w[8];
    EXPECT_EQ(smmu_drv_ste_encode(&ns, &e, w), SMMU_DRV_E_UNSUPPORTED) << "IDR0.ATS is 0";
    recreate([](smmu_config &c) { c.ats = true; });
    ns = smmu_drv{};
    bring_up_ns();
    s1_stream(ns, 9, 4096);
    ASSERT_EQ(smmu_drv_ste_encode(&ns, &e, w), SMMU_DRV_OK);
    EXPECT_EQ((w[1] >> 28) & 3, 1u);
    e.eats = 2; // split-stage needs Config 0b111
    EXPECT_EQ(smmu_drv_ste_encode(&ns, &e, w), SMMU_DRV_E_INVAL);
}

// CMD_ATC_INV [4.5.1]: opcode 0x40, StreamID, SSV/SubstreamID, Global only with SSV, Size, and
// Address[63:12] aligned to the span.
TEST_F(Drv, AtcInvCommandFields)
{
    uint64_t c[2];
    smmu_drv_cmd_atc_inv(c, 0x42, true, 5, true, 0x12345679000ull, 2);
    EXPECT_EQ(smmu_cmd_Opcode(c), static_cast<uint64_t>(SMMU_CMD_ATC_INV));
    EXPECT_EQ(smmu_cmd_StreamID(c), 0x42u);
    EXPECT_EQ(smmu_cmd_SSV(c), 1u);
    EXPECT_EQ(smmu_cmd_SubstreamID(c), 5u);
    EXPECT_EQ(smmu_cmd_Global(c), 1u);
    EXPECT_EQ(smmu_cmd_ATC_Size(c), 2u);
    EXPECT_EQ(smmu_cmd_Addr(c), 0x12345678ull);
    smmu_drv_cmd_atc_inv(c, 0x42, false, 5, true, 0x1000, 0);
    EXPECT_EQ(smmu_cmd_SSV(c), 0u);
    EXPECT_EQ(smmu_cmd_SubstreamID(c), 0u);
    EXPECT_EQ(smmu_cmd_Global(c), 0u) << "Global is IGNORED without SSV";
}

// The unmap of an ATS stream [4.5.1]: TLB invalidation, CMD_SYNC, then CMD_ATC_INV of the
// smallest aligned span covering the range, CMD_SYNC.
TEST_F(Drv, UnmapAtsInvalidatesTlbThenAtcEachWithSync)
{
    recreate([](smmu_config &c) { c.ats = true; });
    bring_up_ns();
    s1_stream(ns, 9, 4096);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 0x4000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    cmds.clear();
    // 0x40001000 + 8 KB: the smallest aligned span holding it is 16 KB at 0x40000000
    ASSERT_EQ(smmu_drv_unmap_ats(&ns, &pt, 0x40001000, 0x2000, 9, false, 0), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{SMMU_CMD_TLBI_NH_VA, SMMU_CMD_SYNC, SMMU_CMD_ATC_INV, SMMU_CMD_SYNC}));
    EXPECT_EQ(smmu_cmd_StreamID(cmds[2].w), 9u);
    EXPECT_EQ(smmu_cmd_ATC_Size(cmds[2].w), 2u);
    EXPECT_EQ(smmu_cmd_Addr(cmds[2].w), 0x40000u);
    smmu_bringup_stats b{};
    b.struct_size = sizeof(b);
    ASSERT_EQ(smmu_get_bringup_stats(smmu, &b), SMMU_OK);
    EXPECT_EQ(b.atc_invals, 1u);
}
