// SPDX-License-Identifier: Apache-2.0
//
// The driver library (platforms/driver) against the C core directly: MMIO through
// smmu_reg_read/write, memory in a fake_mem. Every command the driver publishes is recorded
// from the queue (at each CMDQ_PROD write), so the tests check exact command sequences, and
// the structures it writes are compared word by word with values built here from the
// specification's fields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cmd_evt_layout.h"
#include "fake_mem.h"
#include "regs_layout.h"
#include "smmu_drv.h"
#include "ste_cd_layout.h"

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
        smmu_env env = fake_mem_env(mem);
        ASSERT_EQ(smmu_create(&cfg, &env, &smmu), SMMU_OK);
        mmio = smmu_drv_mmio{this, rd32, wr32, rd64, wr64};
        dmem = smmu_drv_mem{this, alloc, mread, mwrite};
    }
    void TearDown() override
    {
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
        for (smmu_drv *d : {&t->ns, &t->s}) {
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
        return fake_mem_write(self(c)->mem, a, pas, buf, len);
    }

    void bring_up_ns()
    {
        ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_setup(&ns, nullptr), SMMU_DRV_OK);
        cmds.clear();
    }

    // A stage-1 stream sid with one CD over a fresh page table.
    void s1_stream(smmu_drv &d, uint32_t sid, unsigned granule, smmu_drv_pgtable &pt, smmu_drv_cdtab &cdt)
    {
        smmu_drv_pgtable_cfg c{};
        c.stage = 1;
        c.granule = granule;
        c.asid = 7;
        ASSERT_EQ(smmu_drv_pgtable_init(&d, &pt, &c), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_cdtab_init(&d, &cdt, 0, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_cd_write(&d, &cdt, sid, 0, &pt), SMMU_DRV_OK);
        smmu_drv_ste ste{};
        ste.mode = SMMU_DRV_STE_S1;
        ste.cdtab = &cdt;
        ASSERT_EQ(smmu_drv_ste_write(&d, sid, &ste), SMMU_DRV_OK);
    }

    smmu_result xlate(uint32_t sid, uint64_t addr, smmu_access acc, smmu_sec_sid sec = SMMU_SEC_NS)
    {
        smmu_txn t{};
        t.sid = sid;
        t.sec = sec;
        t.addr = addr;
        t.size = 4;
        t.access = acc;
        smmu_result r{};
        EXPECT_EQ(smmu_translate(smmu, &t, &r), SMMU_OK);
        return r;
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
    smmu_drv ns{}, s{};
    uint64_t next[4] = {0x100000, 0x100000, 0x100000, 0x100000};
    uint32_t last_prod[3] = {0, 0, 0};
    std::vector<cmd_rec> cmds;
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
    EXPECT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_REALM), SMMU_DRV_E_UNSUPPORTED);
}

// [6.3.x S_IDR1.SECURE_IMPL] Without a Secure interface the Secure driver refuses to bind.
TEST_F(Drv, SecureBindFailsWithoutSecureImpl)
{
    smmu_destroy(smmu);
    cfg.secure_impl = false;
    cfg.sel2 = false;
    smmu_env env = fake_mem_env(mem);
    ASSERT_EQ(smmu_create(&cfg, &env, &smmu), SMMU_OK);
    EXPECT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_E_UNSUPPORTED);
}

// [3.11, Appendix B] Setup: queues and a 2-level stream table, CFGI_ALL + TLBI-all + SYNC
// before SMMUEN; the registers read back what the driver programmed.
TEST_F(Drv, SetupInvalidatesAllThenEnables)
{
    ASSERT_EQ(smmu_drv_init(&ns, &mmio, &dmem, SMMU_SEC_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_setup(&ns, nullptr), SMMU_DRV_OK);
    std::vector<unsigned> want{CMD_CFGI_STE_RANGE, CMD_TLBI_NSNH_ALL};
    if (ns.feat.hyp)
        want.push_back(CMD_TLBI_EL2_ALL);
    want.push_back(CMD_SYNC);
    EXPECT_EQ(ops(), want);
    EXPECT_EQ(cmd_Range(cmds[0].w), 31u) << "CMD_CFGI_ALL is CFGI_STE_RANGE with Range 31";
    uint32_t cr0 = 0, cfg0 = 0;
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_CR0ACK, &cr0), SMMU_DRV_OK);
    EXPECT_EQ(cr0, CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN);
    ASSERT_EQ(smmu_drv_read32(&ns, SMMU_STRTAB_BASE_CFG, &cfg0), SMMU_DRV_OK);
    EXPECT_EQ(FIELD_GET(STRTAB_BASE_CFG_FMT, cfg0), 1u);
    EXPECT_EQ(FIELD_GET(STRTAB_BASE_CFG_SPLIT, cfg0), 8u);
    EXPECT_EQ(FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, cfg0), 16u);
}

// [5.2, 3.21.3] A stage-1 STE has exactly the fields the driver documents; its first write
// installs a level-2 array (CFGI_STE Leaf=0) then SYNC.
TEST_F(Drv, SteStage1WordsAndCfgiSteLeaf0AfterNewL2)
{
    bring_up_ns();
    smmu_drv_pgtable pt;
    smmu_drv_cdtab cdt;
    s1_stream(ns, 0x123, 4096, pt, cdt);
    ASSERT_GE(cmds.size(), 4u);
    // CD write: CFGI_CD + SYNC; STE write: CFGI_STE + SYNC
    EXPECT_EQ(ops(), (std::vector<unsigned>{CMD_CFGI_CD, CMD_SYNC, CMD_CFGI_STE, CMD_SYNC}));
    EXPECT_EQ(cmd_StreamID(cmds[2].w), 0x123u);
    EXPECT_EQ(cmd_Leaf(cmds[2].w), 0u) << "new L1STD: Leaf=0";
    EXPECT_EQ(cmd_SSec(cmds[2].w), 0u);

    uint64_t want[8] = {};
    ste_set_V(want, 1);
    ste_set_Config(want, 5);
    ste_set_S1ContextPtr(want, cdt.base >> 6);
    ste_set_S1CIR(want, 1);
    ste_set_S1COR(want, 1);
    ste_set_S1CSH(want, 3);
    uint64_t addr;
    ASSERT_EQ(smmu_drv_ste_addr(&ns, 0x123, &addr), SMMU_DRV_OK);
    for (unsigned i = 0; i < 8; i++)
        EXPECT_EQ(fake_mem_rd64(mem, addr + 8 * i, SMMU_PAS_NS), want[i]) << "STE word " << i;

    uint64_t cd[8] = {};
    cd_set_T0SZ(cd, 16);
    cd_set_TG0(cd, 0);
    cd_set_IR0(cd, 1);
    cd_set_OR0(cd, 1);
    cd_set_SH0(cd, 3);
    cd_set_EPD1(cd, 1);
    cd_set_V(cd, 1);
    cd_set_IPS(cd, 5);
    cd_set_AA64(cd, 1);
    cd_set_R(cd, 1);
    cd_set_A(cd, 1);
    cd_set_ASID(cd, 7);
    cd_set_TTB0(cd, pt.root >> 4);
    cd_set_MAIR0(cd, 0x4404ff);
    for (unsigned i = 0; i < 8; i++)
        EXPECT_EQ(fake_mem_rd64(mem, cdt.base + 8 * i, SMMU_PAS_NS), cd[i]) << "CD word " << i;
}

// [3.21.3] Rewriting a valid STE: V=0 + CFGI_STE + SYNC first, then the new STE + CFGI_STE + SYNC.
TEST_F(Drv, SteRewriteBreaksBeforeMake)
{
    bring_up_ns();
    smmu_drv_ste ste{};
    ste.mode = SMMU_DRV_STE_BYPASS;
    ASSERT_EQ(smmu_drv_ste_write(&ns, 5, &ste), SMMU_DRV_OK);
    cmds.clear();
    ste.mode = SMMU_DRV_STE_ABORT;
    ASSERT_EQ(smmu_drv_ste_write(&ns, 5, &ste), SMMU_DRV_OK);
    EXPECT_EQ(ops(), (std::vector<unsigned>{CMD_CFGI_STE, CMD_SYNC, CMD_CFGI_STE, CMD_SYNC}));
    EXPECT_EQ(cmd_Leaf(cmds[0].w), 1u);
    EXPECT_EQ(cmd_Leaf(cmds[2].w), 1u);
    EXPECT_EQ(xlate(5, 0x1000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_ABORT);
}

// [D8.3] A 4K read-write page: exact descriptor (page, AttrIndx 0, ISH, AF, nG, AP[1]=1, XN)
// and the core translates through it.
TEST_F(Drv, Stage1PageDescriptorAndTranslation)
{
    bring_up_ns();
    smmu_drv_pgtable pt;
    smmu_drv_cdtab cdt;
    s1_stream(ns, 1, 4096, pt, cdt);
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
        smmu_drv_pgtable pt;
        smmu_drv_cdtab cdt;
        s1_stream(ns, sid, g, pt, cdt);
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
        smmu_drv_pgtable_cfg c{};
        c.stage = 2;
        c.granule = g;
        c.vmid = static_cast<uint16_t>(sid);
        ASSERT_EQ(smmu_drv_pgtable_init(&ns, &s2, &c), SMMU_DRV_OK);
        ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x20000000, 0x90000000, g,
                               SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
        smmu_drv_ste ste{};
        ste.mode = SMMU_DRV_STE_S2;
        ste.s2 = &s2;
        ASSERT_EQ(smmu_drv_ste_write(&ns, sid, &ste), SMMU_DRV_OK);
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
    smmu_drv_pgtable pt;
    smmu_drv_cdtab cdt;
    s1_stream(ns, 9, 4096, pt, cdt);
    ASSERT_EQ(smmu_drv_map(&ns, &pt, 0x40000000, 0x80000000, 0x2000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    EXPECT_EQ(xlate(9, 0x40001000, SMMU_ACCESS_READ).outcome, SMMU_XLATE_OK); // fills the TLB
    cmds.clear();
    ASSERT_EQ(smmu_drv_unmap(&ns, &pt, 0x40001000, 0x1000), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{CMD_TLBI_NH_VA, CMD_SYNC}));
    EXPECT_EQ(cmd_ASID(cmds[0].w), 7u);
    EXPECT_EQ(cmd_VMID(cmds[0].w), 0u);
    EXPECT_EQ(cmd_Addr(cmds[0].w), 0x40001u);
    EXPECT_EQ(cmd_Leaf(cmds[0].w), 1u);
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
    smmu_drv_pgtable_cfg c{};
    c.stage = 2;
    c.granule = 4096;
    c.vmid = 3;
    ASSERT_EQ(smmu_drv_pgtable_init(&ns, &s2, &c), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x200000, 0x80200000, 0x200000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    cmds.clear();
    ASSERT_EQ(smmu_drv_unmap(&ns, &s2, 0x200000, 0x200000), SMMU_DRV_OK);
    ASSERT_EQ(ops(), (std::vector<unsigned>{CMD_TLBI_S2_IPA, CMD_TLBI_NH_ALL, CMD_SYNC}));
    EXPECT_EQ(cmd_VMID(cmds[0].w), 3u);
    EXPECT_EQ(cmd_IPA(cmds[0].w), 0x200u) << "one 2 MB block leaf";
    EXPECT_EQ(cmd_VMID(cmds[1].w), 3u);
}

// Misuse gets a precise code and changes nothing.
TEST_F(Drv, MapAndUnmapErrors)
{
    bring_up_ns();
    smmu_drv_pgtable pt;
    smmu_drv_cdtab cdt;
    s1_stream(ns, 2, 4096, pt, cdt);
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
    ASSERT_EQ(smmu_drv_init(&s, &mmio, &dmem, SMMU_SEC_SECURE), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_setup(&s, nullptr), SMMU_DRV_OK);
    std::vector<unsigned> init = ops();
    ASSERT_FALSE(init.empty());
    EXPECT_EQ(init.front(), static_cast<unsigned>(CMD_CFGI_STE_RANGE));
    EXPECT_EQ(cmd_SSec(cmds.front().w), 1u);
    EXPECT_EQ(init.back(), static_cast<unsigned>(CMD_SYNC));
    cmds.clear();
    smmu_drv_pgtable pt;
    smmu_drv_cdtab cdt;
    s1_stream(s, 4, 4096, pt, cdt);
    EXPECT_EQ(cmd_SSec(cmds[2].w), 1u) << "CFGI_STE of a Secure StreamID";
    ASSERT_EQ(smmu_drv_map(&s, &pt, 0x10000000, 0x6000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    smmu_result r = xlate(4, 0x10000040, SMMU_ACCESS_READ, SMMU_SEC_SECURE);
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(r.pa, 0x6000040u);
    EXPECT_EQ(r.pas, SMMU_PAS_SECURE);
    uint64_t addr;
    ASSERT_EQ(smmu_drv_ste_addr(&s, 4, &addr), SMMU_DRV_OK);
    EXPECT_EQ(fake_mem_rd64(mem, addr, SMMU_PAS_SECURE) & 0xf, 0xbu) << "V=1, Config=0b101 in Secure memory";
    EXPECT_EQ(fake_mem_rd64(mem, addr, SMMU_PAS_NS), 0u);
}

// [3.3.x nested] A nested stream: guest stage-1 tables and CD addressed by IPA, translated by
// the hypervisor's stage 2.
TEST_F(Drv, NestedStreamTranslatesThroughBothStages)
{
    bring_up_ns();
    smmu_drv_pgtable s2, s1;
    smmu_drv_pgtable_cfg c2{};
    c2.stage = 2;
    c2.granule = 16384;
    c2.vmid = 9;
    ASSERT_EQ(smmu_drv_pgtable_init(&ns, &s2, &c2), SMMU_DRV_OK);
    // The guest's memory: IPA 0x40000000.. = PA 0x40000000.. (identity), 64 MB
    ASSERT_EQ(smmu_drv_map(&ns, &s2, 0x40000000, 0x40000000, 64 << 20,
                           SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE), SMMU_DRV_OK);
    next[SMMU_PAS_NS] = std::max<uint64_t>(next[SMMU_PAS_NS], 0x40000000); // guest allocations
    smmu_drv_pgtable_cfg c1{};
    c1.stage = 1;
    c1.granule = 4096;
    c1.asid = 2;
    c1.vmid = 9;
    ASSERT_EQ(smmu_drv_pgtable_init(&ns, &s1, &c1), SMMU_DRV_OK);
    ASSERT_GE(s1.root, 0x40000000u);
    smmu_drv_cdtab cdt;
    ASSERT_EQ(smmu_drv_cdtab_init(&ns, &cdt, 0, nullptr, SMMU_PAS_NS), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_map(&ns, &s1, 0x1000, 0x41000000, 0x1000, SMMU_DRV_PROT_READ), SMMU_DRV_OK);
    ASSERT_EQ(smmu_drv_cd_write(&ns, &cdt, 0x77, 0, &s1), SMMU_DRV_OK);
    smmu_drv_ste ste{};
    ste.mode = SMMU_DRV_STE_NESTED;
    ste.cdtab = &cdt;
    ste.s2 = &s2;
    ASSERT_EQ(smmu_drv_ste_write(&ns, 0x77, &ste), SMMU_DRV_OK);
    smmu_result r = xlate(0x77, 0x1abc, SMMU_ACCESS_READ);
    EXPECT_EQ(r.outcome, SMMU_XLATE_OK) << mem->log;
    EXPECT_EQ(r.pa, 0x41000abcu);
    uint64_t addr;
    ASSERT_EQ(smmu_drv_ste_addr(&ns, 0x77, &addr), SMMU_DRV_OK);
    uint64_t w[8];
    for (unsigned i = 0; i < 8; i++)
        w[i] = fake_mem_rd64(mem, addr + 8 * i, SMMU_PAS_NS);
    EXPECT_EQ(ste_Config(w), 7u);
    EXPECT_EQ(ste_S2VMID(w), 9u);
    EXPECT_EQ(ste_S2TG(w), 2u) << "16KB";
    EXPECT_EQ(ste_S2T0SZ(w), 24u) << "40-bit IPA";
    EXPECT_EQ(ste_S2SL0(w), 1u) << "16KB start level 2 (16 concatenated tables)";
    EXPECT_EQ(ste_S2TTB(w) << 4, s2.root);
}

} // namespace
