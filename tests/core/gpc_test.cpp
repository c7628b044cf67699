// SPDX-License-Identifier: Apache-2.0
// Granule protection checks [IHI 0070 3.25, 6.3.112-117; Arm ARM D9.4-D9.7; reference
// digest 9]: the GPT walk (every GPI encoding, level-0 Block and Table, level-1 Granules and
// Contiguous descriptors, every PGS and L0GPTSZ), the fault order and CFG_ERR values,
// ROOT_GPF_FAR / ROOT_GPT_CFG_FAR, ACCESSEN, and the checks on SMMU-originated accesses
// (STE, CD and table fetches with GPCF=1; queue and MSI accesses with GERROR).
#include "xlate_fixture.h"

extern "C" {
#include "gpc.h"
#include "gpt.h"
}

namespace {

constexpr uint64_t R = 0x20000;           // Root page
constexpr uint64_t kGpt = 0x10000000;     // level-0 GPT (Root PA)
constexpr uint64_t kGptL1 = 0x10100000;   // level-1 tables (Root PA)
constexpr smmu_pa_space NS = SMMU_PAS_NS, SEC = SMMU_PAS_SECURE, REALM = SMMU_PAS_REALM,
                        ROOT = SMMU_PAS_ROOT;
constexpr smmu_pa_space kAllPas[4] = {NS, SEC, REALM, ROOT};
constexpr unsigned GPF_FAR = 0x38, GPT_CFG_FAR = 0x40, CR0 = 0x20, GPT_BASE = 0x28,
                   GPT_BASE_CFG = 0x30;

// A FAR value from its fields [6.3.116-117]: FPAS 00 S, 01 NS, 10 Root, 11 Realm.
uint64_t far(smmu_pa_space pas, uint64_t pa, unsigned reason, unsigned code, unsigned cfg_err = 0)
{
    static const uint64_t fpas[4] = {1, 0, 3, 2};
    return fpas[pas] << 62 | (uint64_t)cfg_err << 56 | (pa & 0x00FFFFFFFFFFF000ull) |
           (uint64_t)code << 4 | (uint64_t)reason << 1 | 1;
}
constexpr unsigned TRANSLATION = 1, GERROR = 2, TRANSACTION = 3;
constexpr unsigned OTHER_GPF = 0x10;

class Gpc : public XlateTest {
public:
    gpt_builder g{};

    void SetUp() override
    {
        XlateTest::SetUp();
        cfg.rme_impl = true;
    }
    // Create the SMMU and enable GPC with a GPT of PPS pps (every L0 entry: GPI_ANY).
    void create_gpt(unsigned pps = 40, unsigned pgs = 12)
    {
        create();
        gpt_init(&g, m, pps, cfg.l0gptsz_bits, pgs, kGpt, kGptL1);
        ASSERT_EQ(0, gpt_enable(&g, s, R));
    }
    uint64_t rrd(unsigned off) { return gpt_root_read(s, R, off, 8); }
    void rwr(unsigned off, uint64_t v, unsigned size = 8) { gpt_root_write(s, R, off, size, v); }
    void clear_fars()
    {
        rwr(GPF_FAR, 0);
        rwr(GPT_CFG_FAR, 0);
    }
    // One check as the wrappers make it, with OTHER_GPF as the origin.
    bool check(uint64_t pa, smmu_pa_space pas)
    {
        EXPECT_TRUE(gpc_active(s));
        return gpc_check(s, pa, pas, ORIG_OTHER);
    }
    // Stream 5 of the Non-secure bank translating with stage 1 through pt (its CD at kCd),
    // va mapped to pa for size bytes.
    void s1_stream(pgt *pt, uint64_t va, uint64_t pa, uint64_t size)
    {
        s1_tables(pt, m);
        ASSERT_EQ(0, pgt_map(pt, va, pa, size, PGT_S1_RW));
        uint64_t cdw[8], ste[8];
        cd_builder cdb{};
        cd_make(cdw, pt->root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, NS, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        st_write_ste(&st[BANK_NS], 5, ste);
    }
    // Reprogram GPT_BASE_CFG (GPCEN off, write, GPCEN on).
    void set_base_cfg(uint64_t v)
    {
        rwr(CR0, 0x1, 4);
        rwr(GPT_BASE_CFG, v);
        rwr(CR0, 0x3, 4);
    }
};

// [Arm ARM D9.6.5, digest 9.2] what each GPI encoding permits from each PA space; reserved
// encodings make the entry invalid: a GPT lookup error with CFG_ERR 0x3.
bool permitted(unsigned gpi, smmu_pa_space pas)
{
    switch (gpi) {
    case 0x8: return pas == SEC;
    case 0x9: return pas == NS;
    case 0xA: return pas == ROOT;
    case 0xB: return pas == REALM;
    case 0xF: return true;
    default: return false;
    }
}
bool reserved(unsigned gpi)
{
    return !(gpi == 0 || gpi == 8 || gpi == 9 || gpi == 0xA || gpi == 0xB || gpi == 0xF);
}

TEST_F(Gpc, EveryGpiEncodingInALevel0Block)
{
    create_gpt();
    const uint64_t pa = 0x40001000; // level-0 entry 1 (1 GB each)
    for (unsigned gpi = 0; gpi < 16; gpi++) {
        gpt_set_block(&g, pa, gpi);
        for (smmu_pa_space pas : kAllPas) {
            clear_fars();
            bool ok = check(pa, pas);
            EXPECT_EQ(permitted(gpi, pas), ok) << "GPI " << gpi << " PAS " << pas;
            if (reserved(gpi)) {
                EXPECT_EQ(far(pas, pa, GERROR, OTHER_GPF, 0x3), rrd(GPT_CFG_FAR)) << gpi;
                EXPECT_EQ(0u, rrd(GPF_FAR));
            } else if (!ok) {
                EXPECT_EQ(far(pas, pa, GERROR, OTHER_GPF), rrd(GPF_FAR)) << gpi;
                EXPECT_EQ(0u, rrd(GPT_CFG_FAR));
            } else {
                EXPECT_EQ(0u, rrd(GPF_FAR) | rrd(GPT_CFG_FAR));
            }
        }
    }
}

TEST_F(Gpc, EveryGpiEncodingInALevel1GranulesDescriptor)
{
    create_gpt();
    const uint64_t pa = 0x40005000;
    gpt_set_granule(&g, pa, GPI_ANY);
    for (unsigned gpi = 0; gpi < 16; gpi++) {
        if (gpi == 1)
            continue; // 0b0001 in nibble 0 would make a Contiguous descriptor; nibble 5 here
        gpt_set_granule(&g, pa, gpi);
        for (smmu_pa_space pas : kAllPas) {
            clear_fars();
            bool ok = check(pa + 0x10, pas);
            EXPECT_EQ(permitted(gpi, pas), ok) << "GPI " << gpi << " PAS " << pas;
            if (reserved(gpi)) {
                EXPECT_EQ(far(pas, pa, GERROR, OTHER_GPF, 0x3), rrd(GPT_CFG_FAR)) << gpi;
            }
            else if (!ok)
                EXPECT_EQ(far(pas, pa, GERROR, OTHER_GPF), rrd(GPF_FAR)) << gpi;
            else
                EXPECT_EQ(0u, rrd(GPF_FAR) | rrd(GPT_CFG_FAR)) << gpi;
        }
    }
    // GPI 0b0001 in this granule's nibble: reserved
    gpt_set_granule(&g, pa, 0x1);
    clear_fars();
    EXPECT_FALSE(check(pa, NS));
    EXPECT_EQ(far(NS, pa, GERROR, OTHER_GPF, 0x3), rrd(GPT_CFG_FAR));
}

// [Arm ARM D9.7, digest 9.2] PGS 4K, L0GPTSZ 30: PA[39:30] indexes level 0, PA[29:16] level 1
// and PA[15:12] the nibble. 0x40123000: L0 entry 1, L1 entry 0x12, nibble 3.
TEST_F(Gpc, Level1GranuleIndexedByPaBits)
{
    create_gpt();
    gpt_set_block(&g, 0x40000000, GPI_REALM);
    gpt_set_granule(&g, 0x40123000, GPI_NS);
    uint64_t l0 = fake_mem_rd64(m, kGpt + 8, ROOT);
    EXPECT_EQ(kGptL1 | 0x3, l0); // level-0 Table descriptor
    EXPECT_EQ(0xBBBBBBBBBBBB9BBBull, fake_mem_rd64(m, kGptL1 + 0x12 * 8, ROOT));
    EXPECT_TRUE(check(0x40123000, NS));
    EXPECT_TRUE(check(0x40123FFF, NS));
    EXPECT_FALSE(check(0x40122FFF, NS));
    clear_fars();
    EXPECT_FALSE(check(0x40124000, NS));
    EXPECT_FALSE(check(0x40123000, REALM));
    EXPECT_TRUE(check(0x40124000, REALM));
}

// Every PGS (4K, 16K, 64K) with every L0GPTSZ (30, 34, 36, 39): the level-0 entry, level-1
// entry and nibble come from PA[pps-1:s], PA[s-1:p+4] and PA[p+3:p].
TEST_F(Gpc, EveryGranuleSizeWithEveryLevel0EntrySize)
{
    for (unsigned s_bits : {30u, 34u, 36u, 39u}) {
        for (unsigned p : {12u, 14u, 16u}) {
            smmu_destroy(s);
            s = nullptr;
            fake_mem_clear(m);
            cfg.l0gptsz_bits = s_bits;
            create_gpt(44, p);
            const uint64_t pa = (3ull << s_bits) + (5ull << (p + 4)) + (7ull << p);
            gpt_set_block(&g, pa, GPI_NONE);
            gpt_set_granule(&g, pa, GPI_NS);
            // the descriptors sit where the PA bits say: level-0 entry 3, then entry 5 of a
            // level-1 table aligned to its size 2^(s-p-1), nibble 7
            uint64_t l0 = fake_mem_rd64(m, kGpt + 3 * 8, ROOT);
            EXPECT_EQ(0x3u, l0 & 0xFFF);
            uint64_t l1 = l0 & ~0xFFFull;
            EXPECT_EQ(0u, l1 & ((1ull << (s_bits - p - 1)) - 1));
            EXPECT_EQ(0x0000000090000000ull, fake_mem_rd64(m, l1 + 5 * 8, ROOT));
            EXPECT_TRUE(check(pa, NS)) << s_bits << "/" << p;
            EXPECT_TRUE(check(pa + (1ull << p) - 1, NS));
            EXPECT_FALSE(check(pa - 1, NS));
            EXPECT_FALSE(check(pa + (1ull << p), NS));
            EXPECT_FALSE(check(pa + (16ull << p), NS)); // the next level-1 entry
            EXPECT_FALSE(check(pa, SEC));
            // the next level-0 entry is still the initial Block (any)
            EXPECT_TRUE(check(pa + (1ull << s_bits), REALM));
        }
    }
}

// [Arm ARM D9.7] a Contiguous descriptor's GPI covers its 2 MB / 32 MB / 512 MB region.
TEST_F(Gpc, ContiguousDescriptorCoversItsRegion)
{
    cfg.l0gptsz_bits = 30;
    create_gpt();
    for (unsigned contig : {1u, 2u, 3u}) {
        uint64_t size = 1ull << (contig == 1 ? 21 : contig == 2 ? 25 : 29);
        gpt_set_block(&g, 0x40000000, GPI_REALM);
        gpt_set_contig(&g, 0x40000000 + size, GPI_NS, contig);
        EXPECT_EQ((uint64_t)contig << 8 | 0x91, fake_mem_rd64(m, gpt_l1_addr(&g, 0x40000000 + size), ROOT));
        EXPECT_TRUE(check(0x40000000 + size, NS)) << contig;
        EXPECT_TRUE(check(0x40000000 + 2 * size - 1, NS));
        clear_fars();
        EXPECT_FALSE(check(0x40000000 + size - 1, NS));
        EXPECT_FALSE(check(0x40000000 + size, REALM));
        if (contig < 3) {
            EXPECT_FALSE(check(0x40000000 + 2 * size, NS));
        }
    }
    // Contig = 0b00 is reserved; RES0 bits set: invalid entries (CFG_ERR 0x3)
    for (uint64_t bad : {0x91ull, 0x191ull | 1ull << 10}) {
        gpt_write_l1(&g, 0x40000000, bad);
        clear_fars();
        EXPECT_FALSE(check(0x40000000, NS));
        EXPECT_EQ(far(NS, 0x40000000, GERROR, OTHER_GPF, 0x3), rrd(GPT_CFG_FAR)) << bad;
    }
}

// [Arm ARM D9.4 step 2] beyond PPS: a GPF for Secure, Realm and Root; Non-secure passes.
TEST_F(Gpc, BeyondProtectedSizeIsGpfExceptForNonSecure)
{
    create_gpt(40);
    const uint64_t pa = 1ull << 40;
    EXPECT_TRUE(check(pa, NS));
    EXPECT_EQ(0u, rrd(GPF_FAR) | rrd(GPT_CFG_FAR));
    for (smmu_pa_space pas : {SEC, REALM, ROOT}) {
        clear_fars();
        EXPECT_FALSE(check(pa + 0x2000, pas));
        EXPECT_EQ(far(pas, pa + 0x2000, GERROR, OTHER_GPF), rrd(GPF_FAR));
    }
}

// [6.3.115, Arm ARM D9.4 step 1] invalid GPT_BASE_CFG values: GPT lookup error CFG_ERR 0x0,
// reported before anything else (even for Non-secure PAs beyond PPS).
TEST_F(Gpc, InvalidBaseConfigIsCfgErr0)
{
    cfg.gran16k = false;
    create_gpt(40);
    const uint64_t good = gpt_base_cfg_reg(&g);
    const uint64_t bad[] = {
        (good & ~7ull) | 7,            // PPS reserved
        (good & ~7ull) | 6,            // PPS 52 > OAS 48
        good | 3ull << 14,             // PGS reserved
        (good & ~(3ull << 14)) | 2ull << 14, // PGS 16K without IDR5.GRAN16K
        (good & ~(3ull << 12)) | 1ull << 12, // SH reserved
        good & ~(0xFull << 8),         // Non-cacheable fetches must be Outer Shareable
    };
    for (uint64_t v : bad) {
        set_base_cfg(v);
        clear_fars();
        EXPECT_FALSE(check(1ull << 44, NS)) << std::hex << v;
        EXPECT_EQ(far(NS, 1ull << 44, GERROR, OTHER_GPF, 0x0), rrd(GPT_CFG_FAR)) << std::hex << v;
        EXPECT_GT(m->rme_irqs[1], 0u);
    }
    set_base_cfg((good & ~(0xFull << 8 | 3ull << 12)) | 2ull << 12); // NC, Outer Shareable: valid
    EXPECT_TRUE(check(0x1000, NS));
}

// [6.3.117] CFG_ERR 0x1: ROOT_GPT_BASE.ADDR beyond PPS.
TEST_F(Gpc, GptBaseBeyondPpsIsCfgErr1)
{
    create_gpt(40);
    rwr(CR0, 0x1, 4);
    rwr(GPT_BASE, 1ull << 40);
    rwr(CR0, 0x3, 4);
    EXPECT_FALSE(check(0x3000, REALM));
    EXPECT_EQ(far(REALM, 0x3000, GERROR, OTHER_GPF, 0x1), rrd(GPT_CFG_FAR));
}

// [6.3.117] CFG_ERR 0x2: external abort on a level-0 or level-1 GPT fetch.
TEST_F(Gpc, ExternalAbortOnGptFetchIsCfgErr2)
{
    create_gpt(40);
    gpt_set_granule(&g, 0x40000000, GPI_ANY);
    ASSERT_EQ(0, fake_mem_add_abort(m, ROOT, gpt_l1_addr(&g, 0x40000000),
                                    gpt_l1_addr(&g, 0x40000000) + 7, false));
    EXPECT_FALSE(check(0x40000000, NS));
    EXPECT_EQ(far(NS, 0x40000000, GERROR, OTHER_GPF, 0x2), rrd(GPT_CFG_FAR));
    ASSERT_EQ(0, fake_mem_add_abort(m, ROOT, kGpt, kGpt + 7, false));
    clear_fars();
    EXPECT_FALSE(check(0x1000, SEC));
    EXPECT_EQ(far(SEC, 0x1000, GERROR, OTHER_GPF, 0x2), rrd(GPT_CFG_FAR));
}

// [6.3.117] CFG_ERR 0x3: invalid level-0 descriptors (no valid type, RES0 bits set).
TEST_F(Gpc, InvalidLevel0DescriptorIsCfgErr3)
{
    create_gpt(40);
    const uint64_t bad[] = {0x0, 0x5, 0xF, 0x1F1 /* Block, RES0 bit 8 */,
                            kGptL1 | 0x13 /* Table, RES0 bit 4 */,
                            kGptL1 | 1ull << 52 | 0x3 /* Table, RES0 bit 52 */,
                            kGptL1 | 0x1000 | 0x3 /* level-1 table not aligned to 128 KB */};
    for (uint64_t d : bad) {
        gpt_write_l0(&g, 0x40000000, d);
        clear_fars();
        EXPECT_FALSE(check(0x40000000, NS)) << std::hex << d;
        EXPECT_EQ(far(NS, 0x40000000, GERROR, OTHER_GPF, 0x3), rrd(GPT_CFG_FAR)) << std::hex << d;
    }
}

// [6.3.117] CFG_ERR 0x4: a level-0 Table descriptor's address beyond PPS.
TEST_F(Gpc, Level0TableAddressBeyondPpsIsCfgErr4)
{
    create_gpt(40);
    gpt_write_l0(&g, 0x40000000, 1ull << 40 | 0x3);
    EXPECT_FALSE(check(0x40000000, NS));
    EXPECT_EQ(far(NS, 0x40000000, GERROR, OTHER_GPF, 0x4), rrd(GPT_CFG_FAR));
}

// [3.25] GPT fetches are never themselves checked: the GPT may sit in a granule no access
// may reach.
TEST_F(Gpc, GptFetchesAreNotChecked)
{
    create_gpt(40);
    gpt_set_granule(&g, kGpt, GPI_NONE);
    gpt_set_granule(&g, kGptL1, GPI_NONE);
    gpt_set_granule(&g, 0x5000, GPI_NS);
    EXPECT_TRUE(check(0x5000, NS));
    EXPECT_FALSE(check(kGpt, ROOT));
}

// [6.3.116] only the first fault is recorded until software clears FAULT; each recording
// pulses the register's wired interrupt.
TEST_F(Gpc, OnlyTheFirstFaultIsRecordedUntilCleared)
{
    create_gpt(40);
    gpt_set_block(&g, 0x0, GPI_NS);
    EXPECT_FALSE(check(0x1000, SEC));
    EXPECT_FALSE(check(0x2000, REALM));
    EXPECT_EQ(far(SEC, 0x1000, GERROR, OTHER_GPF), rrd(GPF_FAR));
    EXPECT_EQ(1u, m->rme_irqs[0]);
    rwr(GPF_FAR, 0);
    EXPECT_FALSE(check(0x2000, REALM));
    EXPECT_EQ(far(REALM, 0x2000, GERROR, OTHER_GPF), rrd(GPF_FAR));
    EXPECT_EQ(2u, m->rme_irqs[0]);
    EXPECT_EQ(0u, m->rme_irqs[1]);
}

// [6.3.112] ACCESSEN = 0 (its reset value) blocks every access as a GPF, whatever GPCEN;
// GPCEN = 0 with ACCESSEN = 1 checks nothing.
TEST_F(Gpc, AccessenZeroBlocksEveryAccessAsGpf)
{
    create();
    EXPECT_TRUE(gpc_active(s));
    EXPECT_FALSE(gpc_check(s, 0x1000, NS, ORIG_CMDQ));
    EXPECT_EQ(far(NS, 0x1000, GERROR, 0x00), rrd(GPF_FAR));
    ASSERT_EQ(0, gpt_access_only(s, R));
    EXPECT_FALSE(gpc_active(s)); // the wrappers skip the check
    gpt_init(&g, m, 40, 30, 12, kGpt, kGptL1);
    gpt_set_block(&g, 0x0, GPI_NONE);
    ASSERT_EQ(0, gpt_enable(&g, s, R));
    rwr(CR0, 0x2, 4); // GPCEN without ACCESSEN
    rwr(GPF_FAR, 0);
    EXPECT_FALSE(gpc_check(s, 1ull << 41, NS, ORIG_OTHER)); // even where the GPT would pass
    EXPECT_EQ(far(NS, 1ull << 41, GERROR, OTHER_GPF), rrd(GPF_FAR));
}

// ---- SMMU-originated accesses [3.25.5, digest 9.5] ----

// An STE fetch the GPT forbids: F_STE_FETCH with GPCF = 1, no memory access; GPF_FAR
// REASON = TRANSLATION, FAULTCODE = GPF_STE_FETCH (0x03).
TEST_F(Gpc, SteFetchGpfIsSteFetchEventWithGpcf)
{
    create_gpt();
    gpt_set_granule(&g, kStrtab, GPI_SECURE);
    enable(BANK_NS);
    uint64_t reads = m->reads;
    smmu_result r = xlate(3, 0x1000);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_STE_FETCH, r.event);
    uint64_t w[4];
    ASSERT_EQ(1, drv_read_event(&drv[BANK_NS], w));
    EXPECT_EQ((unsigned)SMMU_EVT_F_STE_FETCH, smmu_evt_EventType(w));
    EXPECT_EQ(1u, smmu_evt_GPCF(w));
    EXPECT_EQ(kStrtab + 3 * 64, smmu_evt_FetchAddr(w) << 3);
    EXPECT_EQ(0x4000000000100033ull, rrd(GPF_FAR));
    EXPECT_EQ(far(NS, kStrtab, TRANSLATION, 0x03), rrd(GPF_FAR));
    // the STE itself was never read: only the level-0 and level-1 GPT entries, for the STE
    // fetch and for the event record write
    EXPECT_EQ(reads + 4, m->reads);
}

// A CD fetch: F_CD_FETCH with GPCF = 1, FAULTCODE GPF_CD_FETCH (0x09).
TEST_F(Gpc, CdFetchGpfIsCdFetchEventWithGpcf)
{
    create_gpt();
    gpt_set_granule(&g, kCd, GPI_REALM);
    enable(BANK_NS);
    uint64_t ste[8];
    ste_make_s1(ste, kCd, 0, 0);
    st_write_ste(&st[BANK_NS], 4, ste);
    smmu_result r = xlate(4, 0x1000);
    EXPECT_EQ((unsigned)SMMU_EVT_F_CD_FETCH, r.event);
    uint64_t w[4];
    ASSERT_EQ(1, drv_read_event(&drv[BANK_NS], w));
    EXPECT_EQ(1u, smmu_evt_GPCF(w));
    EXPECT_EQ(kCd, smmu_evt_FetchAddr(w) << 3);
    EXPECT_EQ(far(NS, kCd, TRANSLATION, 0x09), rrd(GPF_FAR));
}

// A translation table fetch: F_WALK_EABT with GPCF = 1, FAULTCODE GPF_WALK_EABT (0x0B).
TEST_F(Gpc, TableFetchGpfIsWalkEabtWithGpcf)
{
    create_gpt();
    enable(BANK_NS);
    pgt pt{};
    ASSERT_NO_FATAL_FAILURE(s1_stream(&pt, 0x12345000, 0x80000000, 0x1000));
    gpt_set_granule(&g, pt.root, GPI_ROOT);
    smmu_result r = xlate(5, 0x12345000);
    EXPECT_EQ((unsigned)SMMU_EVT_F_WALK_EABT, r.event);
    uint64_t w[4];
    ASSERT_EQ(1, drv_read_event(&drv[BANK_NS], w));
    EXPECT_EQ(1u, smmu_evt_GPCF(w));
    EXPECT_EQ(pt.root, smmu_evt_FetchAddr(w) << 3); // level-0 index of 0x12345000 is 0
    EXPECT_EQ(far(NS, pt.root, TRANSLATION, 0x0B), rrd(GPF_FAR));
    // the same walk with the granule allowed again translates (nothing was cached)
    gpt_set_granule(&g, pt.root, GPI_NS);
    r = xlate(5, 0x12345000);
    EXPECT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80000000u, r.pa);
}

// A command queue read: CMDQ_CONS.ERR = CERROR_ABT and GERROR.CMDQ_ERR; GPF_FAR REASON =
// GERROR, FAULTCODE = CMDQ_GPF (0x00).
TEST_F(Gpc, CommandQueueReadGpfIsCerrorAbt)
{
    create_gpt();
    gpt_set_granule(&g, kCmdq, GPI_REALM);
    enable(BANK_NS);
    uint64_t c[2];
    cmd_cfgi_all(c, false);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ(2u, drv_cmdq_error(&drv[BANK_NS])); // CERROR_ABT
    EXPECT_EQ(far(NS, kCmdq, GERROR, 0x00), rrd(GPF_FAR));
    EXPECT_EQ(0x4000000000090005ull, rrd(GPF_FAR));
}

// An event queue write: GERROR.EVENTQ_ABT_ERR; FAULTCODE EVENTQ_GPF (0x02).
TEST_F(Gpc, EventQueueWriteGpfIsEventqAbtErr)
{
    create_gpt();
    gpt_set_granule(&g, kEvtq, GPI_SECURE);
    enable(BANK_NS);
    smmu_result r = xlate(7, 0x1000); // STE 7 is zero: C_BAD_STE
    EXPECT_EQ((unsigned)SMMU_EVT_C_BAD_STE, r.event);
    EXPECT_FALSE(r.event_recorded);
    EXPECT_EQ(DRV_GERROR_EVENTQ_ABT_ERR,
              drv_read32(&drv[BANK_NS], DRV_GERROR) & DRV_GERROR_EVENTQ_ABT_ERR);
    EXPECT_EQ(far(NS, kEvtq, GERROR, 0x02), rrd(GPF_FAR));
}

// A CMD_SYNC MSI: GERROR.MSI_CMDQ_ABT_ERR; FAULTCODE MSI_CMDQ_GPF (0x04); the MSI is not
// written.
TEST_F(Gpc, CmdSyncMsiGpfIsMsiCmdqAbtErr)
{
    create_gpt();
    gpt_set_granule(&g, 0x70000, GPI_ROOT);
    enable(BANK_NS);
    uint64_t c[2];
    cmd_sync(c, 1, 0x70040, 0x1234, 3, 0xF);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ(0u, m->nmsis);
    EXPECT_EQ(DRV_GERROR_MSI_CMDQ_ABT_ERR,
              drv_read32(&drv[BANK_NS], DRV_GERROR) & DRV_GERROR_MSI_CMDQ_ABT_ERR);
    EXPECT_EQ(far(NS, 0x70040, GERROR, 0x04), rrd(GPF_FAR));
}

// After reset ACCESSEN is 0: the first command fetch is refused as a GPF.
TEST_F(Gpc, AccessenZeroAtResetRefusesCommandFetch)
{
    create();
    enable(BANK_NS);
    uint64_t c[2];
    cmd_cfgi_all(c, false);
    uint64_t reads = m->reads;
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    EXPECT_EQ(2u, drv_cmdq_error(&drv[BANK_NS]));
    EXPECT_EQ(reads, m->reads);
    EXPECT_EQ(far(NS, kCmdq, GERROR, 0x00), rrd(GPF_FAR));
}

// ---- client output [3.25.3, digest 9.5] ----

// A Non-secure stream bypassed onto a Realm granule: external abort, no event; GPF_FAR
// REASON = TRANSACTION, FAULTCODE 0. The neighbouring granule passes, and the mapping
// reported is narrowed to that one granule.
TEST_F(Gpc, NonSecureOutputToRealmGranuleAbortsWithoutEvent)
{
    create_gpt();
    gpt_set_granule(&g, 0x80001000, GPI_REALM);
    enable(BANK_NS);
    uint64_t ste[8];
    ste_make_bypass(ste);
    st_write_ste(&st[BANK_NS], 3, ste);
    smmu_result r = xlate(3, 0x80001010, true);
    EXPECT_EQ(SMMU_XLATE_ABORT, r.outcome);
    EXPECT_EQ(0u, pending_events());
    EXPECT_EQ(0x4000000080001007ull, rrd(GPF_FAR));
    EXPECT_EQ(1u, m->rme_irqs[0]);
    r = xlate(3, 0x80002010);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0x80002010u, r.pa);
    EXPECT_EQ(0x80002000u, r.map_base);
    EXPECT_EQ(0x1000u, r.map_size);
}

// A Secure stream's Secure output to a Non-secure-only granule aborts (FPAS 00); with the
// incoming NS attribute its output is Non-secure and passes.
TEST_F(Gpc, SecureOutputToNonSecureGranuleAborts)
{
    create_gpt();
    gpt_set_granule(&g, 0x80001000, GPI_NS);
    enable(BANK_NS);
    enable(BANK_S);
    uint64_t ste[8];
    ste_make_bypass(ste);
    st_write_ste(&st[BANK_S], 2, ste);
    smmu_result r = xlate(2, 0x80001000, false, 0, SMMU_SEC_SECURE);
    EXPECT_EQ(SMMU_XLATE_ABORT, r.outcome);
    EXPECT_EQ(0x0000000080001007ull, rrd(GPF_FAR));
    r = xlate(2, 0x80001000, false, SMMU_TXN_NS, SMMU_SEC_SECURE);
    EXPECT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(NS, r.pas);
}

// The output of a cached translation is checked too: no GPT information is cached, so a GPT
// change applies to the next access.
TEST_F(Gpc, TranslatedOutputIsCheckedOnTlbHits)
{
    create_gpt();
    enable(BANK_NS);
    pgt pt{};
    ASSERT_NO_FATAL_FAILURE(s1_stream(&pt, 0x40000000, 0x80000000, 0x200000));
    smmu_result r = xlate(5, 0x40003008);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80003008u, r.pa);
    EXPECT_EQ(0x40003000u, r.map_base); // the 2 MB block narrowed to the 4 KB granule
    EXPECT_EQ(0x1000u, r.map_size);
    gpt_set_granule(&g, 0x80003000, GPI_SECURE);
    uint64_t hits = stats().tlb_hits;
    r = xlate(5, 0x40003008);
    EXPECT_EQ(hits + 1, stats().tlb_hits); // the translation came from the TLB
    EXPECT_EQ(SMMU_XLATE_ABORT, r.outcome);
    EXPECT_EQ(far(NS, 0x80003008, TRANSACTION, 0), rrd(GPF_FAR));
    EXPECT_EQ(0u, pending_events());
}

// SMMUEN = 0 with GBPA bypass: the bypassed output is checked as well.
TEST_F(Gpc, GlobalBypassOutputIsChecked)
{
    create_gpt();
    gpt_set_granule(&g, 0x5000, GPI_ROOT);
    enable(BANK_NS, false);
    gbpa(BANK_NS, 1u << 31); // Update, ABORT = 0
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(9, 0x6000).outcome);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(9, 0x5000).outcome);
    EXPECT_EQ(far(NS, 0x5000, TRANSACTION, 0), rrd(GPF_FAR));
}

// A debug transaction is refused the same way but records nothing in the FARs.
TEST_F(Gpc, DebugTransactionRecordsNoFault)
{
    create_gpt();
    gpt_set_granule(&g, 0x5000, GPI_NONE);
    enable(BANK_NS, false);
    gbpa(BANK_NS, 1u << 31);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(9, 0x5000, false, SMMU_TXN_DEBUG).outcome);
    EXPECT_EQ(0u, rrd(GPF_FAR));
    EXPECT_EQ(0u, m->rme_irqs[0]);
}

// ACCESSEN = 0 with GPCEN = 1: client output fails as a GPF even where the GPT allows it.
TEST_F(Gpc, AccessenZeroAbortsClientOutput)
{
    create_gpt();
    enable(BANK_NS, false);
    gbpa(BANK_NS, 1u << 31);
    EXPECT_EQ(SMMU_XLATE_BYPASS, xlate(9, 0x5000).outcome);
    rwr(CR0, 0x2, 4);
    EXPECT_EQ(SMMU_XLATE_ABORT, xlate(9, 0x5000).outcome);
    EXPECT_EQ(far(NS, 0x5000, TRANSACTION, 0), rrd(GPF_FAR));
}

} // namespace
