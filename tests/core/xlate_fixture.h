// Shared fixtures of the core tests. SmmuTest: an SMMU instance on a fake memory (strtab_test,
// cdtab_test set its registers directly). XlateTest, for the translation pipeline tests
// (translate_test, nested_test, secure_test, gpc_test, rme_test): one whose Non-secure (and
// Secure) interface the test driver (tests/support/driver.h) programs: queues, a linear stream
// table, SMMUEN; event records are read back from queue memory and decoded with the record's
// field table.
#ifndef SMMU_TEST_XLATE_FIXTURE_H
#define SMMU_TEST_XLATE_FIXTURE_H

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "smmuv3/arch.h"
#include "config.h"
#include "driver.h"
#include "evtq.h"
#include "fake_mem.h"
#include "inval.h"
#include "pgtable.h"
#include "regs_layout.h"
#include "smmu_internal.h"
#include "ste_cd.h"
}

// Memory map of the tests (every PA space alike).
constexpr uint64_t kEvtq = 0x80000;     // event queue, 2^6 records
constexpr uint64_t kCmdq = 0x90000;     // command queue, 2^6 commands
constexpr uint64_t kStrtab = 0x100000;  // linear stream table, 2^8 STEs
constexpr uint64_t kCd = 0x200000;      // CD table
constexpr uint64_t kS1Pool = 0x400000;  // stage-1 tables
constexpr uint64_t kS2Pool = 0x1000000; // stage-2 tables
constexpr unsigned kQs = 6;

// A decoded event record, read back from queue memory with the record field table.
struct Rec {
    unsigned type, sid, ssid;
    bool ssv, stall, pnu, ind, rnw, nsipa, s2, ttrnw;
    unsigned cls;
    uint64_t input_addr, ipa, fetch_addr;
};

// An SMMU on a fake memory whose environment is fake_mem_env(m): the test changes cfg, then
// calls create().
class SmmuTest : public ::testing::Test {
public:
    fake_mem *m = nullptr;
    smmu_t *s = nullptr;
    smmu_config cfg{};
    // Checker mode of the suite (fake_mem_check_mode): the findings this test plants on
    // purpose (a skipped invalidation, a live rewrite); any other finding fails the test.
    uint64_t expected_findings = 0;

    void SetUp() override
    {
        m = fake_mem_create();
        smmu_config_init(&cfg);
        cfg.check = fake_mem_check_mode();
    }
    void TearDown() override
    {
        if (s && fake_mem_check_mode()) {
            EXPECT_EQ(expected_findings, fake_mem_check_findings(s)) << m->log;
        }
        smmu_destroy(s);
        fake_mem_destroy(m);
    }

    // Create the SMMU from cfg (after the test, and tweak if given, changed it).
    void create(void (*tweak)(smmu_config *) = nullptr)
    {
        if (tweak)
            tweak(&cfg);
        smmu_env env = fake_mem_env(m);
        ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &s));
        fake_mem_check_attach(m, s);
    }
    // Did the SMMU log a diagnostic containing needle?
    bool logged(const char *needle) const { return fake_mem_log_contains(m, needle); }

    // Addresses and sizes of the SMMU's reads since fake_mem_clear_read_log(m), in order: the
    // exact fetches of a table walk.
    using Addrs = std::vector<uint64_t>;
    using Lens = std::vector<size_t>;
    Addrs read_addrs() const { return logged_reads(&fake_read::pa); }
    Lens read_lens() const { return logged_reads(&fake_read::len); }

private:
    template <typename T> std::vector<T> logged_reads(T fake_read::*field) const
    {
        EXPECT_LE(m->nread_log, (unsigned)FAKE_MEM_READ_LOG) << "more reads than the log keeps";
        std::vector<T> v;
        for (unsigned i = 0; i < m->nread_log && i < FAKE_MEM_READ_LOG; i++)
            v.push_back(m->read_log[i].*field);
        return v;
    }
};

// For a table walker or decoder call that must fail (return -1): the type of the event it
// reported in ev (0 for none).
inline uint8_t fault_type(int rc, const smmu_event &ev)
{
    EXPECT_EQ(rc, -1) << "the call did not fail";
    return ev.type;
}

// Is a decoded translation stage within the architecture's ranges (4, 16 or 64 KB granule,
// start level -1 to 3, 16- to 52-bit input, at most 52-bit output)? For the decoders' tests
// on random input.
inline ::testing::AssertionResult walk_cfg_in_range(const walk_cfg &w)
{
    if (w.granule_shift != 12 && w.granule_shift != 14 && w.granule_shift != 16)
        return ::testing::AssertionFailure() << "granule_shift " << unsigned(w.granule_shift);
    if (w.start_level < -1 || w.start_level > 3)
        return ::testing::AssertionFailure() << "start_level " << int(w.start_level);
    if (w.ia_bits < 16 || w.ia_bits > 52)
        return ::testing::AssertionFailure() << "ia_bits " << unsigned(w.ia_bits);
    if (w.oa_bits > 52)
        return ::testing::AssertionFailure() << "oa_bits " << unsigned(w.oa_bits);
    return ::testing::AssertionSuccess();
}

// Names each case of a parameterised test after its `name` member.
struct CaseName {
    template <typename P> std::string operator()(const ::testing::TestParamInfo<P> &i) const
    {
        return i.param.name;
    }
};

class XlateTest : public SmmuTest {
public:
    st_builder st[2]{};
    smmu_driver drv[2]{};

    static smmu_pa_space bank_pas(unsigned b)
    {
        return b == BANK_S ? SMMU_PAS_SECURE : SMMU_PAS_NS;
    }

    // Program bank b as a driver does: queues, a linear stream table of 2^8 STEs, SMMUEN.
    void enable(unsigned b = BANK_NS, bool smmuen = true)
    {
        smmu_driver *d = &drv[b];
        drv_init(d, s, m, b == BANK_S ? SMMU_SEC_SECURE : SMMU_SEC_NS);
        drv_setup_cmdq(d, kCmdq, kQs);
        drv_setup_evtq(d, kEvtq, kQs);
        ASSERT_EQ(0, drv_enable_queues(d));
        st_init_linear(&st[b], m, bank_pas(b), kStrtab, 8);
        drv_set_strtab(d, st_base_reg(&st[b]), st_base_cfg_reg(&st[b]));
        if (smmuen) {
            ASSERT_EQ(0, drv_enable_smmu(d));
        }
    }
    void create_and_enable(unsigned b = BANK_NS)
    {
        create();
        enable(b);
    }
    void gbpa(unsigned b, uint32_t v) { ASSERT_EQ(0, drv_write_gbpa(&drv[b], v)); }

    static smmu_txn txn_of(uint32_t sid, uint64_t addr, bool write = false, uint32_t flags = 0,
                           smmu_sec_sid sec = SMMU_SEC_NS, bool ssv = false, uint32_t ssid = 0)
    {
        smmu_txn t{};
        t.sid = sid;
        t.ssid = ssid;
        t.ssv = ssv;
        t.sec = sec;
        t.addr = addr;
        t.size = 4;
        t.access = write ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
        t.flags = flags;
        return t;
    }
    smmu_result translate(const smmu_txn &t)
    {
        smmu_result r{};
        EXPECT_EQ(SMMU_OK, smmu_translate(s, &t, &r));
        return r;
    }
    smmu_result xlate(uint32_t sid, uint64_t addr, bool write = false, uint32_t flags = 0,
                      smmu_sec_sid sec = SMMU_SEC_NS, bool ssv = false, uint32_t ssid = 0)
    {
        return translate(txn_of(sid, addr, write, flags, sec, ssv, ssid));
    }

    // Records written to bank b's event queue and not yet read.
    unsigned pending_events(unsigned b = BANK_NS)
    {
        return (drv_evtq_prod(&drv[b]) - drv_evtq_cons(&drv[b])) & smmu_queue_wrap_mask(kQs);
    }
    // Read (and consume) the next record of bank b's event queue, decoded with the record's
    // field table.
    bool next_event(Rec *r, unsigned b = BANK_NS)
    {
        uint64_t w[4];
        if (!drv_read_event(&drv[b], w))
            return false;
        r->type = (unsigned)smmu_evt_EventType(w);
        r->sid = (unsigned)smmu_evt_StreamID(w);
        r->ssid = (unsigned)smmu_evt_SubstreamID(w);
        r->ssv = smmu_evt_SSV(w);
        r->stall = smmu_evt_Stall(w);
        r->pnu = smmu_evt_PnU(w);
        r->ind = smmu_evt_InD(w);
        r->rnw = smmu_evt_RnW(w);
        r->nsipa = smmu_evt_NSIPA(w);
        r->s2 = smmu_evt_S2(w);
        r->ttrnw = smmu_evt_TTRnW(w);
        r->cls = (unsigned)smmu_evt_CLASS(w);
        r->input_addr = smmu_evt_InputAddr(w);
        r->ipa = smmu_evt_IPA(w) << 12;
        r->fetch_addr = smmu_evt_FetchAddr(w) << 3;
        return true;
    }

    // Issue one command on bank b's command queue, then a CMD_SYNC.
    void command(unsigned b, const uint64_t c[2])
    {
        ASSERT_EQ(0, drv_submit(&drv[b], c));
        ASSERT_EQ(0, drv_sync(&drv[b]));
    }
    void tlbi_all(unsigned b = BANK_NS)
    {
        uint64_t c[2];
        if (b == BANK_S)
            cmd_tlbi_snh_all(c);
        else
            cmd_tlbi_nsnh_all(c);
        command(b, c);
    }
    void cfgi_all(unsigned b = BANK_NS)
    {
        uint64_t c[2];
        cmd_cfgi_all(c, b == BANK_S);
        command(b, c);
    }

    smmu_stats stats()
    {
        smmu_stats st_{};
        smmu_get_stats(s, &st_);
        return st_;
    }
};

// Page tables of one stage in pas, from a 4 MB pool.
inline void stage_tables(pgt *pt, fake_mem *m, unsigned stage, unsigned granule, unsigned ia,
                         smmu_pa_space pas, uint64_t pool)
{
    pgt_params p = pgt_default_params(stage, granule, ia);
    p.pas = pas;
    p.pool_base = pool;
    p.pool_size = 0x400000;
    ASSERT_EQ(0, pgt_init(pt, m, &p));
}

// A stage-1 (4K 48-bit by default) page table in pas with the usual pool.
inline void s1_tables(pgt *pt, fake_mem *m, unsigned granule = 12, unsigned ia = 48,
                      smmu_pa_space pas = SMMU_PAS_NS, uint64_t pool = kS1Pool)
{
    stage_tables(pt, m, 1, granule, ia, pas, pool);
}

// The same for stage 2, in its own pool.
inline void s2_tables(pgt *pt, fake_mem *m, unsigned granule = 12, unsigned ia = 48,
                      smmu_pa_space pas = SMMU_PAS_NS, uint64_t pool = kS2Pool)
{
    stage_tables(pt, m, 2, granule, ia, pas, pool);
}

// The stage-2 STE parameters of the 4K tables pt (input ia_bits, S2PS 48 bits, VMID vmid).
inline ste_s2_params s2_params_of(const pgt &pt, unsigned ia_bits, uint16_t vmid)
{
    ste_s2_params p{};
    p.ttb = pt.root;
    p.granule_shift = 12;
    p.ia_bits = ia_bits;
    p.start_level = pgt_start_level(&pt);
    p.ps_bits = 48;
    p.vmid = vmid;
    return p;
}

// MAIR with Attr0 = Normal WB RAWA (0xFF), Attr1 = Device-nGnRE (0x04), Attr2 = Normal NC
// (0x44), Attr3 = Normal WT non-transient read-allocate (0xAA).
constexpr uint64_t kMair = 0x00000000AA4404FFull;

// Tests of stage-1 streams: the tables pt, one CD (ASID 1, kMair) at kCd and the STE that
// reaches it; ste and cdw hold the words written, for tests that change them.
class S1Test : public XlateTest {
public:
    pgt pt{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};

    // Stage-1 StreamID sid of the Non-secure bank: STE -> CD 0 -> tables pt (made here).
    void s1_stream(uint32_t sid, unsigned granule = 12, unsigned ia = 48)
    {
        s1_tables(&pt, m, granule, ia);
        cd_make(cdw, pt.root, granule, ia, 48, 1, kMair);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        st_write_ste(&st[BANK_NS], sid, ste);
    }
};

#endif
