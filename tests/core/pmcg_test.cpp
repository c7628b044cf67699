// Performance Monitor Counter Groups [IHI 0070 ch. 10; digest 9A; docs/pmcg.md]: registers,
// exact counts of the architected events for known traffic, StreamID filters, overflow with
// its interrupt and MSI, capture, and the programming sequence of Linux's arm_smmuv3_pmu
// driver (probe, event_add/start/read, overflow handling).
#include "xlate_fixture.h"

#include <cstring>
#include <vector>

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;
constexpr uint64_t kPage1 = 0x10000;

// PMCG register offsets [10.5.1]
constexpr uint64_t EVTYPER = 0x400, SMR = 0xA00, CNTENSET0 = 0xC00, CNTENCLR0 = 0xC20,
                   INTENSET0 = 0xC40, INTENCLR0 = 0xC60, SCR = 0xDF8, CFGR = 0xE00, CR = 0xE04,
                   IIDR = 0xE08, CEID0 = 0xE20, CEID1 = 0xE28, IRQ_CTRL = 0xE50,
                   IRQ_CTRLACK = 0xE54, IRQ_CFG0 = 0xE58, IRQ_CFG1 = 0xE60, IRQ_CFG2 = 0xE64,
                   AIDR = 0xE70, PMDEVARCH = 0xFBC, PMDEVTYPE = 0xFCC, CIDR1 = 0xFF4;
constexpr uint64_t EVCNTR = kPage1 + 0x000, SVR = kPage1 + 0x600, OVSCLR0 = kPage1 + 0xC80,
                   OVSSET0 = kPage1 + 0xCC0, CAPR = kPage1 + 0xD88;
constexpr uint32_t SPAN = 1u << 29, SEC_SID = 1u << 30, OVFCAP = 1u << 31;

class Pmcg : public S1Test {
public:
    std::vector<unsigned> irqs;

    static Pmcg *current; // the test running (env.ctx is the fake memory)
    static void on_irq(void *, unsigned group) { current->irqs.push_back(group); }

    void start(unsigned groups = 2, unsigned bits = 64)
    {
        cfg.pmcg_groups = groups;
        cfg.pmcg_counter_bits = bits;
        create_and_enable();
        current = this;
        smmu_pmcg_callbacks cb{};
        cb.struct_size = sizeof(cb);
        cb.irq = on_irq;
        ASSERT_EQ(SMMU_OK, smmu_set_pmcg_callbacks(s, &cb));
    }
    // Stage-1 streams: every sid given maps kVa to kPa through one CD and 4-level 4K tables.
    void s1_streams(std::initializer_list<uint32_t> sids)
    {
        s1_stream(*sids.begin());
        for (uint32_t sid : sids)
            st_write_ste(&st[BANK_NS], sid, ste); // the same STE for each

        ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    }
    uint64_t rd(uint64_t off, unsigned size = 4, unsigned g = 0, smmu_pa_space pas = SMMU_PAS_NS)
    {
        uint64_t v = ~0ull;
        EXPECT_EQ(SMMU_OK, smmu_pmcg_reg_read(s, g, off, size, pas, &v));
        return v;
    }
    void wr(uint64_t off, uint64_t v, unsigned size = 4, unsigned g = 0,
            smmu_pa_space pas = SMMU_PAS_NS)
    {
        EXPECT_EQ(SMMU_OK, smmu_pmcg_reg_write(s, g, off, size, pas, v));
    }
    // Linux smmu_pmu_reset(): disable, then every counter disabled, its interrupt off and
    // its overflow status cleared.
    void linux_reset(unsigned g = 0)
    {
        wr(CR, 0, 4, g);
        wr(CNTENCLR0, ~0ull, 8, g);
        wr(INTENCLR0, ~0ull, 8, g);
        wr(OVSCLR0, ~0ull, 8, g);
    }
    // Linux event_add + start for counter c: the filter (span 1 and StreamID ~0 for every
    // stream), the event, the period, the counter enable and its interrupt; then CR.E.
    void linux_count(unsigned c, unsigned event, uint32_t evtyper_filter = SPAN,
                     uint32_t smr = 0xFFFFFFFF, uint64_t start_value = 0, unsigned g = 0)
    {
        wr(EVTYPER + 4 * c, evtyper_filter | event, 4, g);
        wr(SMR + 4 * c, smr, 4, g);
        wr(EVCNTR + 8 * c, start_value, 8, g);
        wr(INTENSET0, 1ull << c, 8, g);
        wr(CNTENSET0, 1ull << c, 8, g);
        wr(CR, 1, 4, g);
    }
    uint64_t counter(unsigned c, unsigned g = 0) { return rd(EVCNTR + 8 * c, 8, g); }
};

Pmcg *Pmcg::current = nullptr;

// Linux probe: CFGR gives NCTR, SIZE and RELOC_CTRS (page 1), CEID0/1 the events, IIDR the
// part; the identification registers of a PMCG [10.5.2.13-17, 10.5.2.26, 10.5.2.29].
TEST_F(Pmcg, ProbeRegistersDescribeTheGroup)
{
    start();
    // NCTR 3 (4 counters), SIZE 63, RELOC_CTRS, MSI, CAPTURE; SID_FILTER_TYPE 0
    EXPECT_EQ(3u | 63u << 8 | 1u << 20 | 1u << 21 | 1u << 22, rd(CFGR));
    EXPECT_EQ(0x3Fu, rd(CEID0, 8));   // events 0-5 (no ATS: 6 and 7 absent)
    EXPECT_EQ(0u, rd(CEID1, 8));
    EXPECT_EQ(0x487u << 20 | 0x43Bu, rd(IIDR)); // as SMMU_IIDR: MMU-700, Arm
    EXPECT_EQ(3u, rd(AIDR));                     // SMMUv3.3
    EXPECT_EQ(0x23Bu << 21 | 1u << 20 | 0x2A56u, rd(PMDEVARCH));
    EXPECT_EQ(0x56u, rd(PMDEVTYPE));
    EXPECT_EQ(0x90u, rd(CIDR1)); // component class 0x9
    EXPECT_EQ(0u, rd(CR));
    // SCR is visible to Secure accesses only: READS_AS_ONE, NSMSI, NSRA at reset
    EXPECT_EQ(0u, rd(SCR));
    EXPECT_EQ(0x80000006u, rd(SCR, 4, 0, SMMU_PAS_SECURE));
}

TEST_F(Pmcg, AtsEventsAreAdvertisedWithAts)
{
    cfg.ats = true;
    start();
    EXPECT_EQ(0xFFu, rd(CEID0, 8));
}

// Events 1-5 for known traffic [10.3]: the first translation of a stage-1 stream misses the
// configuration cache (STE and CD read: 2 configuration structure accesses) and the TLB (a
// 4-level walk: 4 table accesses); the next nine hit.
TEST_F(Pmcg, ArchitectedEventsCountExactly)
{
    start();
    s1_streams({5});
    linux_reset();
    for (unsigned c = 0; c < 4; c++)
        linux_count(c, 1 + c); // transaction, TLB miss, config miss, walk access
    for (int i = 0; i < 10; i++)
        ASSERT_EQ(kPa, xlate(5, kVa).pa);
    EXPECT_EQ(10u, counter(0));
    EXPECT_EQ(1u, counter(1));
    EXPECT_EQ(1u, counter(2));
    EXPECT_EQ(4u, counter(3));
    // Event 5 in another group, which counts on its own
    linux_reset(1);
    linux_count(0, 5, SPAN, 0xFFFFFFFF, 0, 1);
    tlbi_all();
    cfgi_all();
    ASSERT_EQ(kPa, xlate(5, kVa).pa);
    EXPECT_EQ(2u, counter(0, 1));  // STE and CD
    EXPECT_EQ(11u, counter(0, 0)); // group 0 went on counting
    EXPECT_EQ(2u, counter(2, 0));
}

// pmcg_per_tbu (docs/pmcg.md "One group per TBU"): group t counts what TBU t sees, group tbus
// what the TCU sees, as MMU-600/700's TBU and TCU PMCGs do. Two TBUs with 4-entry micro-TLBs:
// TBU 0 translates kVa 10 times (the first goes to the TCU and walks; the next nine hit its
// micro-TLB), TBU 1 three times (the first goes to the TCU and hits the TCU's TLB, the next
// two hit its own micro-TLB).
TEST_F(Pmcg, GroupPerTbuCountsWhatEachUnitSees)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 4;
    cfg.pmcg_per_tbu = true;
    cfg.pmcg_counters = 5;
    start(3);
    s1_streams({5});
    // A TBU's group counts events 0-2, the TCU's 0-5 [10.5.2.16]
    EXPECT_EQ(0x07u, rd(CEID0, 8, 0));
    EXPECT_EQ(0x07u, rd(CEID0, 8, 1));
    EXPECT_EQ(0x3Fu, rd(CEID0, 8, 2));
    for (unsigned g = 0; g < 3; g++) {
        linux_reset(g);
        for (unsigned c = 0; c < 4; c++)
            linux_count(c, 1 + c, SPAN, 0xFFFFFFFF, 0, g); // transaction, TLB miss, cfg miss, walk
        linux_count(4, 0, 0, 0, 0, g);                     // cycles
    }
    auto on = [&](unsigned tbu) {
        smmu_txn t = txn_of(5, kVa);
        t.flags |= SMMU_TXN_TBU;
        t.tbu = (uint16_t)tbu;
        return translate(t).pa;
    };
    for (int i = 0; i < 10; i++)
        ASSERT_EQ(kPa, on(0));
    for (int i = 0; i < 3; i++)
        ASSERT_EQ(kPa, on(1));
    // TBU 0: 10 transactions, 1 sent on to the TCU; events 3 and 4 are the TCU's
    EXPECT_EQ(10u, counter(0, 0));
    EXPECT_EQ(1u, counter(1, 0));
    EXPECT_EQ(0u, counter(2, 0));
    EXPECT_EQ(0u, counter(3, 0));
    // TBU 1: 3 transactions, 1 sent on
    EXPECT_EQ(3u, counter(0, 1));
    EXPECT_EQ(1u, counter(1, 1));
    // TCU: 2 translation requests; 1 walk (TBU 1's request hit the TCU's TLB) of 4 table
    // accesses; 1 configuration miss (TBU 1's request found the STE and CD cached)
    EXPECT_EQ(2u, counter(0, 2));
    EXPECT_EQ(1u, counter(1, 2));
    EXPECT_EQ(1u, counter(2, 2));
    EXPECT_EQ(4u, counter(3, 2));
    // Cycles count in every group, each TBU's and the TCU's
    ASSERT_EQ(SMMU_OK, smmu_pmcg_cycles(s, 100));
    for (unsigned g = 0; g < 3; g++)
        EXPECT_EQ(100u, counter(4, g)) << "group " << g;
}

// pmcg_per_tbu needs exactly one group per TBU and one for the TCU
TEST_F(Pmcg, GroupPerTbuNeedsTbusPlusOneGroups)
{
    cfg.tbus = 2;
    cfg.pmcg_groups = 2;
    cfg.pmcg_per_tbu = true;
    char err[160] = "";
    EXPECT_EQ(SMMU_E_INVAL, smmu_config_check(&cfg, err, sizeof(err)));
    EXPECT_STREQ("pmcg_per_tbu needs pmcg_groups = tbus + 1 (3), one per TBU and one for the TCU; "
                 "pmcg_groups is 2",
                 err);
    cfg.pmcg_groups = 3;
    EXPECT_EQ(SMMU_OK, smmu_config_check(&cfg, err, sizeof(err)));
}

// Nothing counts with CR.E = 0 or the counter disabled [10.5.2.5, 10.5.2.14]; and counting
// costs the hit path nothing until enabled: the TLM module's hit copies stay usable
// (smmu_reuse_epoch is non-zero) until a counter counts.
TEST_F(Pmcg, DisabledCountersDoNotCountAndCostNothing)
{
    start();
    s1_streams({5});
    wr(EVTYPER, 1);
    wr(SMR, 0xFFFFFFFF);
    wr(EVTYPER + 4, SPAN | 1);
    wr(SMR + 4, 0xFFFFFFFF);
    wr(CNTENSET0, 1, 8); // counter 0 enabled, CR.E still 0
    const bool copies = !cfg.check; // the checker's own view of translations disables them
    EXPECT_EQ(copies, smmu_reuse_epoch(s) != 0);
    xlate(5, kVa);
    EXPECT_EQ(0u, counter(0));
    wr(CR, 1);
    EXPECT_EQ(0u, smmu_reuse_epoch(s));
    xlate(5, kVa);
    EXPECT_EQ(0u, counter(0)); // SPAN 0: exact StreamID 0xFFFF (implemented bits) only
    EXPECT_EQ(0u, counter(1)); // counter 1 is not enabled
    wr(CNTENCLR0, 1, 8);
    EXPECT_EQ(0u, rd(CNTENSET0, 8));
    EXPECT_EQ(copies, smmu_reuse_epoch(s) != 0);
}

// StreamID filters [10.4]: exact, a span (0b0110 with SPAN: StreamIDs 0b011x), and every
// StreamID (all implemented bits set).
TEST_F(Pmcg, StreamIdFiltersSelectExactlyTheirStreams)
{
    start();
    s1_streams({5, 6, 7, 8});
    linux_reset();
    linux_count(0, 1, 0, 6);          // exact StreamID 6
    linux_count(1, 1, SPAN, 0x6);     // 0b011x: 6 and 7
    linux_count(2, 1, SPAN, 0xFFFF);  // every StreamID (sid_bits 16)
    linux_count(3, 1, SPAN, 0x7FFF);  // all but the top bit: every StreamID of NS
    for (uint32_t sid : {5u, 6u, 7u, 8u, 6u})
        xlate(sid, kVa);
    EXPECT_EQ(2u, counter(0));
    EXPECT_EQ(3u, counter(1));
    EXPECT_EQ(5u, counter(2));
    EXPECT_EQ(5u, counter(3));
    // SMR implements sid_bits bits: the rest reads as zero
    EXPECT_EQ(0xFFFFu, rd(SMR + 8));
}

// Secure streams count only with SCR.SO = 1 and FILTER_SEC_SID [10.4, 10.5.2.12]; a
// Non-secure access is RAZ/WI while SCR.NSRA = 0.
TEST_F(Pmcg, SecureStreamsCountWithSecureObservation)
{
    start();
    enable(BANK_S);
    // Secure stream 3: a stage-1 STE in the Secure stream table, Secure tables
    s1_tables(&pt, m, 12, 48, SMMU_PAS_SECURE);
    cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
    cd_init(&cdb, m, SMMU_PAS_SECURE, kCd, 0, 0, 0);
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 0, 0);
    st_write_ste(&st[BANK_S], 3, ste);
    ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
    linux_count(0, 1, SEC_SID, 3); // Secure StreamID 3, but SO = 0
    linux_count(1, 1, SPAN, 0xFFFFFFFF);
    ASSERT_EQ(SMMU_XLATE_OK, xlate(3, kVa, false, 0, SMMU_SEC_SECURE).outcome);
    EXPECT_EQ(0u, counter(0)); // SO = 0: FILTER_SEC_SID is taken as 0 (Non-secure 3)
    EXPECT_EQ(0u, counter(1)); // every StreamID of Non-secure only
    wr(SCR, 0x80000007, 4, 0, SMMU_PAS_SECURE); // SO = 1
    xlate(3, kVa, false, 0, SMMU_SEC_SECURE);
    EXPECT_EQ(1u, counter(0));
    EXPECT_EQ(1u, counter(1)); // all-ones mask: NS and, with SO, Secure
    wr(SCR, 0x80000005, 4, 0, SMMU_PAS_SECURE); // NSRA = 0
    EXPECT_EQ(0u, rd(EVCNTR, 8));               // Non-secure: RAZ
    wr(CR, 0);                                  // ... and WI
    EXPECT_EQ(1u, rd(CR, 4, 0, SMMU_PAS_SECURE));
    EXPECT_EQ(1u, rd(EVCNTR, 8, 0, SMMU_PAS_SECURE));
}

// Linux's overflow handling with 32-bit counters: the counter starts at half its range
// (smmu_pmu_set_period); when it wraps, OVS is set and the group interrupts (IRQ_CTRL.IRQEN,
// INTEN); the handler reads OVSSET0, clears it through OVSCLR0 and restarts the period
// [10.2.1, 10.5.2.7-10, 10.5.2.19].
TEST_F(Pmcg, OverflowInterruptsAsLinuxHandlesIt)
{
    cfg.msi = false;
    start(1, 32);
    s1_streams({5});
    EXPECT_EQ(3u | 31u << 8 | 1u << 20 | 1u << 22, rd(CFGR));
    linux_reset();
    wr(IRQ_CTRL, 1);
    EXPECT_EQ(1u, rd(IRQ_CTRLACK));
    // 32-bit counters are 4 bytes apart [10.5.1]
    wr(EVTYPER, SPAN | 1);
    wr(SMR, 0xFFFFFFFF);
    wr(EVCNTR, 0xFFFFFFFE, 4);
    wr(INTENSET0, 1, 8);
    wr(CNTENSET0, 1, 8);
    wr(CR, 1);
    xlate(5, kVa);
    EXPECT_TRUE(irqs.empty());
    EXPECT_EQ(0u, rd(OVSSET0, 8));
    xlate(5, kVa); // 0xFFFFFFFF -> 0: overflow
    ASSERT_EQ(1u, irqs.size());
    EXPECT_EQ(0u, irqs[0]);
    EXPECT_EQ(0u, rd(EVCNTR, 4));
    EXPECT_EQ(1u, rd(OVSSET0, 8));
    EXPECT_EQ(1u, rd(OVSCLR0, 8)); // the same status through either register
    wr(OVSCLR0, 1, 8);
    EXPECT_EQ(0u, rd(OVSSET0, 8));
    wr(EVCNTR, 0x80000000, 4); // the next period
    xlate(5, kVa);
    EXPECT_EQ(0x80000001u, rd(EVCNTR, 4));
    EXPECT_EQ(1u, irqs.size());
    // Without INTEN the overflow is recorded, not signalled
    wr(INTENCLR0, 1, 8);
    wr(EVCNTR, 0xFFFFFFFF, 4);
    xlate(5, kVa);
    EXPECT_EQ(1u, rd(OVSSET0, 8));
    EXPECT_EQ(1u, irqs.size());
}

// With IRQ_CFG0.ADDR set the overflow interrupt is an MSI of IRQ_CFG1 to Non-secure PA space
// (SCR.NSMSI = 1) [10.5.2.21-23]; IRQ_CFG0..2 are read-only while IRQEN is 1.
TEST_F(Pmcg, OverflowSendsTheMsi)
{
    start(1, 32);
    s1_streams({5});
    wr(IRQ_CFG0, 0xF0000040, 8);
    wr(IRQ_CFG1, 0x1234);
    wr(IRQ_CFG2, 0x1); // Device-nGnRE, as Linux writes it
    wr(IRQ_CTRL, 1);
    wr(IRQ_CFG1, 0x9999); // ignored: IRQEN is 1
    EXPECT_EQ(0x1234u, rd(IRQ_CFG1));
    linux_count(0, 1, SPAN, 0xFFFFFFFF);
    wr(EVCNTR, 0xFFFFFFFF, 4);
    unsigned before = m->nmsis;
    xlate(5, kVa);
    ASSERT_EQ(before + 1, m->nmsis);
    EXPECT_EQ(0xF0000040u, m->msis[m->nmsis - 1].pa);
    EXPECT_EQ(SMMU_PAS_NS, m->msis[m->nmsis - 1].pas);
    EXPECT_EQ(0x1234u, m->msis[m->nmsis - 1].data);
    EXPECT_TRUE(irqs.empty()); // an MSI, not the wired line
}

// With Secure support the MSI's PA space is Non-secure when NS = SCR.NSMSI | SCR.NSRA is 1
// [10.6]: NSMSI = 0 alone does not make it Secure while Non-secure software may still program
// the group (NSRA = 1); with both 0 it is Secure.
TEST_F(Pmcg, MsiPaSpaceIsNsmsiOrNsra)
{
    ASSERT_TRUE(cfg.secure_impl);
    start(1, 32);
    s1_streams({5});
    wr(IRQ_CFG0, 0xF0000040, 8);
    wr(IRQ_CFG1, 0x1234);
    wr(IRQ_CTRL, 1);
    linux_count(0, 1, SPAN, 0xFFFFFFFF);
    struct Case {
        uint32_t scr; // READS_AS_ONE | NSMSI (bit 2) | NSRA (bit 1)
        smmu_pa_space pas;
    };
    for (Case c : {Case{0x80000002, SMMU_PAS_NS}, Case{0x80000004, SMMU_PAS_NS},
                   Case{0x80000006, SMMU_PAS_NS}, Case{0x80000000, SMMU_PAS_SECURE}}) {
        SCOPED_TRACE(c.scr);
        wr(SCR, c.scr, 4, 0, SMMU_PAS_SECURE);
        EXPECT_EQ(c.scr, rd(SCR, 4, 0, SMMU_PAS_SECURE));
        wr(EVCNTR, 0xFFFFFFFF, 4, 0, SMMU_PAS_SECURE);
        unsigned before = m->nmsis;
        xlate(5, kVa);
        ASSERT_EQ(before + 1, m->nmsis);
        EXPECT_EQ(0xF0000040u, m->msis[m->nmsis - 1].pa);
        EXPECT_EQ(c.pas, m->msis[m->nmsis - 1].pas);
        EXPECT_EQ(0x1234u, m->msis[m->nmsis - 1].data);
    }
}

// CAPR copies every counter into its shadow; OVFCAP captures on the counter's overflow
// [10.5.2.3, 10.5.2.11].
TEST_F(Pmcg, CaptureCopiesTheCounters)
{
    start(1, 32);
    s1_streams({5});
    linux_reset();
    wr(EVTYPER, SPAN | 1);
    wr(SMR, 0xFFFFFFFF);
    wr(EVTYPER + 4, SPAN | 4 | OVFCAP);
    wr(SMR + 4, 0xFFFFFFFF);
    wr(EVCNTR + 4, 0xFFFFFFFE, 4);
    wr(CNTENSET0, 3, 8);
    wr(CR, 1);
    xlate(5, kVa); // 4 walk accesses: counter 1 wraps at the second, capturing then
    EXPECT_EQ(1u, rd(EVCNTR, 4));
    EXPECT_EQ(2u, rd(EVCNTR + 4, 4));
    EXPECT_EQ(1u, rd(SVR, 4));     // counter 0 when counter 1 overflowed
    EXPECT_EQ(0u, rd(SVR + 4, 4)); // counter 1 just wrapped to 0
    xlate(5, kVa);
    wr(CAPR, 1);
    EXPECT_EQ(2u, rd(SVR, 4));
    EXPECT_EQ(2u, rd(SVR + 4, 4));
    EXPECT_EQ(0u, rd(CAPR));       // write-only
}

// Event 0 counts the cycles the embedder reports, in every group, unfiltered [10.3].
TEST_F(Pmcg, CyclesComeFromTheEmbedder)
{
    start();
    linux_count(0, 0, 0, 0);
    linux_count(1, 0, 0, 0, 0, 1);
    ASSERT_EQ(SMMU_OK, smmu_pmcg_cycles(s, 1000));
    EXPECT_EQ(1000u, counter(0));
    EXPECT_EQ(1000u, counter(1, 1));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_cycles(nullptr, 1));
}

// 64-bit registers may be accessed as 32-bit halves [10.5]; a reset clears the group.
TEST_F(Pmcg, HalvesAndReset)
{
    start();
    wr(EVCNTR + 8, 0x89ABCDEF, 4);
    wr(EVCNTR + 12, 0x01234567, 4);
    EXPECT_EQ(0x0123456789ABCDEFull, counter(1));
    EXPECT_EQ(0x01234567u, rd(EVCNTR + 12, 4));
    wr(CNTENSET0 + 4, 0, 4);
    wr(CNTENSET0, 0xFF, 4);
    EXPECT_EQ(0xFu, rd(CNTENSET0, 8)); // 4 counters implemented
    wr(CR, 1);
    ASSERT_EQ(SMMU_OK, smmu_reset(s));
    EXPECT_EQ(0u, counter(1));
    EXPECT_EQ(0u, rd(CR));
    EXPECT_EQ(0u, rd(CNTENSET0, 8));
}

// API misuse gets a status code and a diagnostic, never a crash.
TEST_F(Pmcg, BadAccessesAreRefused)
{
    start(2);
    uint64_t v = 0;
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(s, 2, CR, 4, SMMU_PAS_NS, &v));
    EXPECT_NE(nullptr, strstr(m->log, "PMCG 2: no such group (pmcg_groups 2)"));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(s, 0, CR + 2, 4, SMMU_PAS_NS, &v));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(s, 0, CR, 2, SMMU_PAS_NS, &v));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_write(s, 0, 0x2000, 4, SMMU_PAS_NS, 0));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(s, 0, CR, 4, SMMU_PAS_NS, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(nullptr, 0, CR, 4, SMMU_PAS_NS, &v));
    smmu_pmcg_callbacks cb{};
    EXPECT_EQ(SMMU_E_INVAL, smmu_set_pmcg_callbacks(s, &cb)); // struct_size 0
}

TEST_F(Pmcg, NoGroupsByDefault)
{
    create_and_enable();
    uint64_t v = 0;
    EXPECT_EQ(SMMU_E_INVAL, smmu_pmcg_reg_read(s, 0, CFGR, 4, SMMU_PAS_NS, &v));
}

} // namespace
