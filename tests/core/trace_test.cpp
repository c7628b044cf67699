// Per-translation trace records (smmu_env.trace, smmu_set_trace; smmuv3.h smmu_trace_kind):
// every translation is framed by SMMU_TRACE_TXN and SMMU_TRACE_RESULT, with the records of its
// work (STE, CD, descriptors [IHI 0070 3.3.2; Arm ARM D8.2], event records [7.2]) in between,
// in the order the SMMU does it; TLB hits, bypass, aborts, faults and debug transactions alike.
// Tracing observes: results, caches and statistics are the same with and without it.
#include "xlate_fixture.h"

#include <vector>

namespace {

constexpr uint64_t kVa = 0x12345000;
constexpr uint64_t kPa = 0x87654000;

// One record as the callback saw it (pointers copied out: they are valid during the call).
struct TraceRec {
    smmu_trace_kind kind;
    smmu_sec_sid bank;
    unsigned stage;
    int level;
    uint64_t addr;
    smmu_pa_space pas;
    uint64_t word0;
    unsigned nwords;
    const smmu_txn *txn;
    smmu_txn txn_copy;
    smmu_result result;
};

// The callback's ctx is the environment's (the fake memory), so the test's log is reached
// through this pointer, set by the fixture for the duration of one test.
std::vector<TraceRec> *g_log = nullptr;
bool g_remove_on_txn = false; // the callback removes itself on its first TXN record
smmu_t *g_smmu = nullptr;

void record(void *, const smmu_trace *t)
{
    TraceRec r{};
    r.kind = t->kind;
    r.bank = t->bank;
    r.stage = t->stage;
    r.level = t->level;
    r.addr = t->addr;
    r.pas = t->pas;
    r.word0 = t->nwords ? t->words[0] : 0;
    r.nwords = t->nwords;
    r.txn = t->txn;
    if (t->txn)
        r.txn_copy = *t->txn;
    if (t->result)
        r.result = *t->result;
    g_log->push_back(r);
    if (g_remove_on_txn && t->kind == SMMU_TRACE_TXN) {
        g_remove_on_txn = false;
        smmu_set_trace(g_smmu, nullptr);
    }
}

class Trace : public XlateTest {
public:
    pgt pt{};
    cd_builder cdb{};
    uint64_t ste[8]{};
    uint64_t cdw[8]{};
    std::vector<TraceRec> log;

    void SetUp() override
    {
        XlateTest::SetUp();
        g_log = &log;
        g_remove_on_txn = false;
    }
    void TearDown() override
    {
        g_log = nullptr;
        g_smmu = nullptr;
        XlateTest::TearDown();
    }

    // Non-secure SID 5: stage 1, one CD at kCd, 4K 48-bit tables (four levels) mapping kVa to
    // kPa; the trace is installed after the driver's setup commands.
    void s1_stream()
    {
        create_and_enable();
        s1_tables(&pt, m);
        cd_make(cdw, pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cd_write(&cdb, 0, cdw);
        ste_make_s1(ste, kCd, 0, 0);
        st_write_ste(&st[BANK_NS], 5, ste);
        ASSERT_EQ(0, pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW));
        trace_on();
    }
    void trace_on()
    {
        g_smmu = s;
        ASSERT_EQ(SMMU_OK, smmu_set_trace(s, record));
    }

    // smmu_translate of one txn, keeping the txn for the records' pointer checks.
    smmu_txn txn{};
    smmu_result go(uint32_t sid, uint64_t addr, uint32_t flags = 0,
                   smmu_sec_sid sec = SMMU_SEC_NS)
    {
        txn = smmu_txn{};
        txn.sid = sid;
        txn.sec = sec;
        txn.addr = addr;
        txn.size = 4;
        txn.access = SMMU_ACCESS_READ;
        txn.flags = flags;
        smmu_result r{};
        EXPECT_EQ(SMMU_OK, smmu_translate(s, &txn, &r));
        return r;
    }

    std::vector<smmu_trace_kind> kinds() const
    {
        std::vector<smmu_trace_kind> k;
        for (const TraceRec &r : log)
            k.push_back(r.kind);
        return k;
    }
    uint64_t desc_addr(uint64_t va, int level)
    {
        uint64_t a = 0;
        smmu_pa_space pas;
        EXPECT_EQ(0, pgt_desc_addr(&pt, va, level, &a, &pas));
        return a;
    }

    // log[0] is the TXN and log.back() the RESULT of txn on bank, with result r.
    void expect_framed(smmu_sec_sid bank, const smmu_result &r)
    {
        ASSERT_GE(log.size(), 2u);
        const TraceRec &b = log.front(), &e = log.back();
        EXPECT_EQ(SMMU_TRACE_TXN, b.kind);
        EXPECT_EQ(&txn, b.txn);
        EXPECT_EQ(txn.addr, b.txn_copy.addr);
        EXPECT_EQ(bank, b.bank);
        EXPECT_EQ(SMMU_TRACE_RESULT, e.kind);
        EXPECT_EQ(&txn, e.txn);
        EXPECT_EQ(bank, e.bank);
        EXPECT_EQ(0, memcmp(&r, &e.result, sizeof(r))) << "RESULT carries the final result";
    }
};

using K = std::vector<smmu_trace_kind>;
constexpr smmu_trace_kind TXN = SMMU_TRACE_TXN, STE = SMMU_TRACE_STE, CD = SMMU_TRACE_CD,
                          DESC = SMMU_TRACE_DESC, EVENT = SMMU_TRACE_EVENT,
                          RESULT = SMMU_TRACE_RESULT;

// A TLB miss: the STE [3.3.1], the CD [5.4] and the four stage-1 descriptors from level 0 to
// 3 [Arm ARM D8.2.8], each with its PA, between TXN and RESULT.
TEST_F(Trace, TlbMissTracesTxnSteCdEachDescriptorThenResult)
{
    s1_stream();
    smmu_result r = go(5, kVa + 0x24);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(kPa + 0x24, r.pa);
    ASSERT_EQ((K{TXN, STE, CD, DESC, DESC, DESC, DESC, RESULT}), kinds());
    expect_framed(SMMU_SEC_NS, r);
    EXPECT_EQ(kStrtab + 5 * 64, log[1].addr);
    EXPECT_EQ(8u, log[1].nwords);
    EXPECT_EQ(kCd, log[2].addr);
    EXPECT_EQ(8u, log[2].nwords);
    for (int level = 0; level <= 3; level++) {
        const TraceRec &d = log[3 + (size_t)level];
        EXPECT_EQ(1u, d.stage);
        EXPECT_EQ(level, d.level);
        EXPECT_EQ(desc_addr(kVa, level), d.addr);
        EXPECT_EQ(SMMU_PAS_NS, d.pas);
        EXPECT_EQ(pgt_read(&pt, desc_addr(kVa, level), SMMU_PAS_NS), d.word0);
    }
    EXPECT_EQ(kPa | PGT_S1_RW | 3u, log[6].word0); // the level-3 page descriptor
}

// A TLB hit [3.17] reads nothing: TXN then RESULT.
TEST_F(Trace, TlbHitTracesTxnAndResultOnly)
{
    s1_stream();
    ASSERT_EQ(SMMU_XLATE_OK, go(5, kVa).outcome);
    for (int i = 0; i < 3; i++) { // the second hit on is served by the stream context
        log.clear();
        smmu_result r = go(5, kVa + 0x10 * (unsigned)i);
        ASSERT_TRUE(r.tlb_hit);
        EXPECT_EQ(kPa + 0x10 * (unsigned)i, r.pa);
        ASSERT_EQ((K{TXN, RESULT}), kinds());
        expect_framed(SMMU_SEC_NS, r);
    }
}

// A fault [3.12, 7.3.3]: the walk up to the invalid level-3 descriptor, the F_TRANSLATION
// record written to the event queue, then RESULT with the fault.
TEST_F(Trace, FaultTracesTheEventRecordBeforeTheResult)
{
    s1_stream();
    smmu_result r = go(5, kVa + 0x1000);
    ASSERT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_EQ((unsigned)SMMU_EVT_F_TRANSLATION, r.event);
    EXPECT_TRUE(r.event_recorded);
    ASSERT_EQ((K{TXN, STE, CD, DESC, DESC, DESC, DESC, EVENT, RESULT}), kinds());
    expect_framed(SMMU_SEC_NS, r);
    EXPECT_EQ(desc_addr(kVa + 0x1000, 3), log[6].addr);
    EXPECT_EQ(0u, log[6].word0);
    const TraceRec &ev = log[7];
    EXPECT_EQ(kEvtq, ev.addr); // the first record of the empty queue
    EXPECT_EQ(SMMU_PAS_NS, ev.pas);
    EXPECT_EQ(4u, ev.nwords);
    EXPECT_EQ((uint64_t)SMMU_EVT_F_TRANSLATION | (uint64_t)5 << 32, ev.word0); // type, StreamID
    Rec e{};
    ASSERT_TRUE(next_event(&e));
    EXPECT_EQ(kVa + 0x1000, e.input_addr);
}

// Debug transactions [smmuv3.h SMMU_TXN_DEBUG] cache nothing and record no event: each one
// traces its whole walk, a fault has no EVENT.
TEST_F(Trace, DebugTransactionsTraceTheirWalkEveryTimeAndNoEvent)
{
    s1_stream();
    for (int i = 0; i < 2; i++) {
        log.clear();
        smmu_result r = go(5, kVa + 8, SMMU_TXN_DEBUG);
        ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_EQ(kPa + 8, r.pa);
        EXPECT_FALSE(r.tlb_hit);
        ASSERT_EQ((K{TXN, STE, CD, DESC, DESC, DESC, DESC, RESULT}), kinds());
        expect_framed(SMMU_SEC_NS, r);
    }
    log.clear();
    smmu_result r = go(5, kVa + 0x1000, SMMU_TXN_DEBUG);
    EXPECT_EQ(SMMU_XLATE_FAULT, r.outcome);
    EXPECT_FALSE(r.event_recorded);
    ASSERT_EQ((K{TXN, STE, CD, DESC, DESC, DESC, DESC, RESULT}), kinds());
    expect_framed(SMMU_SEC_NS, r);
    EXPECT_EQ(0u, pending_events());
}

// Stream bypass (Config 0b100) reads the STE only; Config 0b000 aborts without an event
// [5.2 Config]; with SMMUEN = 0 the GBPA answers without any read [3.3.2 step 1].
TEST_F(Trace, BypassAndAbortTraceTheSteThenTheResult)
{
    create_and_enable();
    ste_make_bypass(ste);
    st_write_ste(&st[BANK_NS], 6, ste);
    ste_make_abort(ste);
    st_write_ste(&st[BANK_NS], 7, ste);
    trace_on();

    smmu_result r = go(6, 0x1234);
    ASSERT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0x1234u, r.pa);
    ASSERT_EQ((K{TXN, STE, RESULT}), kinds());
    EXPECT_EQ(kStrtab + 6 * 64, log[1].addr);
    expect_framed(SMMU_SEC_NS, r);

    log.clear();
    r = go(7, 0x1234);
    ASSERT_EQ(SMMU_XLATE_ABORT, r.outcome);
    ASSERT_EQ((K{TXN, STE, RESULT}), kinds());
    EXPECT_EQ(kStrtab + 7 * 64, log[1].addr);
    expect_framed(SMMU_SEC_NS, r);
}

TEST_F(Trace, GlobalBypassTracesTxnAndResultOnly)
{
    cfg.gbpa_abort_at_reset = false;
    create();
    enable(BANK_NS, false);
    trace_on();
    smmu_result r = go(5, 0x5678);
    ASSERT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(0x5678u, r.pa);
    ASSERT_EQ((K{TXN, RESULT}), kinds());
    expect_framed(SMMU_SEC_NS, r);
}

// The records of a Secure stream name the Secure programming interface [3.10.1]; its STE
// comes from the Secure stream table in Secure PA space.
TEST_F(Trace, SecureStreamRecordsNameTheSecureBank)
{
    create();
    enable(BANK_NS);
    enable(BANK_S);
    ste_make_bypass(ste);
    st_write_ste(&st[BANK_S], 5, ste);
    trace_on();
    smmu_result r = go(5, 0x2000, 0, SMMU_SEC_SECURE);
    ASSERT_EQ(SMMU_XLATE_BYPASS, r.outcome);
    EXPECT_EQ(SMMU_PAS_SECURE, r.pas);
    ASSERT_EQ((K{TXN, STE, RESULT}), kinds());
    expect_framed(SMMU_SEC_SECURE, r);
    EXPECT_EQ(SMMU_SEC_SECURE, log[1].bank);
    EXPECT_EQ(SMMU_PAS_SECURE, log[1].pas);
}

// smmu_set_trace(NULL) stops the records; a callback that removes itself during a
// translation's TXN gets no RESULT of it.
TEST_F(Trace, RemovingTheCallbackStopsTheRecords)
{
    s1_stream();
    ASSERT_EQ(SMMU_XLATE_OK, go(5, kVa).outcome);
    ASSERT_EQ(8u, log.size());
    ASSERT_EQ(SMMU_OK, smmu_set_trace(s, nullptr));
    log.clear();
    EXPECT_EQ(kPa, go(5, kVa).pa); // a hit
    EXPECT_EQ(SMMU_XLATE_FAULT, go(5, kVa + 0x1000).outcome); // walk and event
    EXPECT_TRUE(log.empty());

    trace_on();
    g_remove_on_txn = true;
    EXPECT_EQ(SMMU_XLATE_FAULT, go(5, kVa + 0x2000).outcome);
    EXPECT_EQ((K{TXN}), kinds());
    EXPECT_EQ(SMMU_XLATE_OK, go(5, kVa).outcome);
    EXPECT_EQ((K{TXN}), kinds());
}

// A rejected call (SMMU_E_INVAL) is not a translation: no records.
TEST_F(Trace, RejectedCallsAreNotTraced)
{
    s1_stream();
    smmu_txn t{};
    t.sec = (smmu_sec_sid)3;
    smmu_result r{};
    EXPECT_EQ(SMMU_E_INVAL, smmu_translate(s, &t, &r));
    EXPECT_TRUE(log.empty());
}

// Tracing observes only: the same translations from the same (empty) caches give the same
// results and statistics with and without a callback (the traced path runs the same pipeline).
TEST_F(Trace, TracingChangesNoResultOrStatistic)
{
    s1_stream();
    ASSERT_EQ(SMMU_OK, smmu_set_trace(s, nullptr));
    const uint64_t addrs[] = {kVa, kVa + 4, kVa + 8, kVa + 0x1000, kVa + 12};
    std::vector<smmu_result> plain, traced;
    smmu_clear_stats(s);
    for (uint64_t a : addrs)
        plain.push_back(go(5, a));
    smmu_stats p = stats();
    tlbi_all();
    cfgi_all();
    smmu_clear_stats(s);
    trace_on();
    for (uint64_t a : addrs)
        traced.push_back(go(5, a));
    smmu_stats t = stats();
    for (size_t i = 0; i < plain.size(); i++)
        EXPECT_EQ(0, memcmp(&plain[i], &traced[i], sizeof(smmu_result))) << "translation " << i;
    EXPECT_EQ(5u, t.translations);
    EXPECT_EQ(p.translations, t.translations);
    EXPECT_EQ(p.tlb_hits, t.tlb_hits);
    EXPECT_EQ(p.tlb_misses, t.tlb_misses);
    EXPECT_EQ(p.cfg_hits, t.cfg_hits);
    EXPECT_EQ(p.cfg_misses, t.cfg_misses);
    EXPECT_EQ(p.walks, t.walks);
    EXPECT_EQ(p.table_fetches, t.table_fetches);
    EXPECT_EQ(p.events_recorded, t.events_recorded);
    // miss, two hits, a walk from the cached configuration to a fault, a hit
    EXPECT_EQ((K{TXN, STE, CD, DESC, DESC, DESC, DESC, RESULT, TXN, RESULT, TXN, RESULT,
                 TXN, DESC, DESC, DESC, DESC, EVENT, RESULT, TXN, RESULT}),
              kinds());
}

} // namespace
