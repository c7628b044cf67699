// SPDX-License-Identifier: Apache-2.0
// Event records and the event queue [IHI 0070 7.2-7.4, 3.18].
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "driver.h"
#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

extern "C" {
#include "smmuv3/arch.h"
#include "evtq.h"
}

namespace {

constexpr uint64_t kEvtq = 0x200000, kSEvtq = 0x400000;

smmu_event full_event(unsigned type)
{
    smmu_event e{};
    e.type = (uint8_t)type;
    e.ssv = true;
    e.ssid = 0x5;
    e.sid = 0x1234;
    e.stag = 0xAB;
    e.stall = true;
    e.pnu = true;
    e.ind = false;
    e.rnw = true;
    e.nsipa = false;
    e.s2 = true;
    e.cls = EVT_CLASS_TT;
    e.ttrnw = true;
    e.reason = 0x4321;
    e.gpcf = true;
    e.input_addr = 0xFFFF000012345678ull;
    e.ipa = 0x0000ABCDEF123000ull;
    e.fetch_addr = 0x0000876543210FF8ull;
    e.ux = e.pr = true;
    e.span = 0x42;
    return e;
}

// [7.3.12-16] F_TRANSLATION: DW0 SSV 11, SubstreamID [31:12], StreamID [63:32]; DW1 STAG
// [15:0], Stall 31, PnU 33, InD 34, RnW 35, NSIPA 38, S2 39, CLASS [41:40], TTRnW 44;
// DW2 InputAddr; DW3 IPA[55:12].
TEST(EvtRecord, TranslationFaultFieldsAtSpecPositions)
{
    smmu_event e = full_event(SMMU_EVT_F_TRANSLATION);
    uint64_t r[4];
    evtq_encode(&e, r);
    EXPECT_EQ(r[0], 0x10ull | 1ull << 11 | 0x5ull << 12 | 0x1234ull << 32);
    EXPECT_EQ(r[1], 0xABull | 1ull << 31 | 1ull << 33 | 1ull << 35 | 1ull << 39 | 1ull << 40 |
                        1ull << 44);
    EXPECT_EQ(r[2], 0xFFFF000012345678ull);
    EXPECT_EQ(r[3], 0x0000ABCDEF123000ull);
}

// Only the fields a type defines are written: C_BAD_STE has SSV, SubstreamID, StreamID.
TEST(EvtRecord, ConfigErrorWritesOnlyItsFields)
{
    smmu_event e = full_event(SMMU_EVT_C_BAD_STE);
    uint64_t r[4];
    evtq_encode(&e, r);
    EXPECT_EQ(r[0], 0x04ull | 1ull << 11 | 0x5ull << 12 | 0x1234ull << 32);
    EXPECT_EQ(r[1], 0u);
    EXPECT_EQ(r[2], 0u);
    EXPECT_EQ(r[3], 0u);
    e = full_event(SMMU_EVT_C_BAD_SUBSTREAMID); // SubstreamID without SSV
    evtq_encode(&e, r);
    EXPECT_EQ(r[0], 0x08ull | 0x5ull << 12 | 0x1234ull << 32);
    e = full_event(SMMU_EVT_F_STREAM_DISABLED); // StreamID only
    evtq_encode(&e, r);
    EXPECT_EQ(r[0], 0x06ull | 0x1234ull << 32);
    EXPECT_EQ(r[1] | r[2] | r[3], 0u);
}

// [7.3.4, 7.3.20] fetch aborts: Reason [79:64], GPCF 80, FetchAddr[55:3] at [247:195].
TEST(EvtRecord, FetchAbortCarriesReasonGpcfAndFetchAddr)
{
    smmu_event e = full_event(SMMU_EVT_F_STE_FETCH);
    uint64_t r[4];
    evtq_encode(&e, r);
    EXPECT_EQ(r[1], 0x4321ull | 1ull << 16);
    EXPECT_EQ(r[2], 0u);
    EXPECT_EQ(r[3], 0x0000876543210FF8ull);
    // F_CFG_CONFLICT: a 32-bit Reason [95:64]
    e = full_event(SMMU_EVT_F_CFG_CONFLICT);
    e.reason = 0x89ABCDEF;
    evtq_encode(&e, r);
    EXPECT_EQ(r[1], 0x89ABCDEFull);
    // F_TRANSL_FORBIDDEN: StreamID, RnW, InputAddr
    e = full_event(SMMU_EVT_F_TRANSL_FORBIDDEN);
    evtq_encode(&e, r);
    EXPECT_EQ(r[0], 0x07ull | 0x1234ull << 32);
    EXPECT_EQ(r[1], 1ull << 35);
    EXPECT_EQ(r[2], 0xFFFF000012345678ull);
}

// [7.3.19] E_PAGE_REQUEST: uX 97, uW 98, uR 99, pX 101, pW 102, pR 103, Span [115:108],
// InputAddr[63:12] at [191:140].
TEST(EvtRecord, PageRequestLayout)
{
    smmu_event e = full_event(SMMU_EVT_E_PAGE_REQUEST);
    uint64_t r[4];
    evtq_encode(&e, r);
    EXPECT_EQ(r[1], 1ull << 33 | 1ull << 39 | 0x42ull << 44);
    EXPECT_EQ(r[2], 0xFFFF000012345000ull);
    EXPECT_EQ(r[3], 0u);
}

// The decoder is the inverse of the encoder for every event type the spec defines.
TEST(EvtRecord, EveryEventTypeRoundTrips)
{
    const unsigned types[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A,
                              0x0B, 0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x24, 0x25, 0xE3};
    for (unsigned t : types) {
        SCOPED_TRACE(t);
        smmu_event e = full_event(t), d{};
        uint64_t r[4], r2[4];
        evtq_encode(&e, r);
        evtq_decode(r, &d);
        EXPECT_EQ(d.type, t);
        EXPECT_EQ(d.sid, 0x1234u);
        evtq_encode(&d, r2);
        EXPECT_EQ(std::memcmp(r, r2, sizeof(r)), 0);
    }
    smmu_event e = full_event(SMMU_EVT_F_PERMISSION), d{};
    uint64_t r[4];
    evtq_encode(&e, r);
    evtq_decode(r, &d);
    EXPECT_EQ(d.stag, 0xABu);
    EXPECT_TRUE(d.stall && d.pnu && !d.ind && d.rnw && d.s2 && d.ttrnw);
    EXPECT_EQ(d.cls, EVT_CLASS_TT);
    EXPECT_EQ(d.ipa, 0x0000ABCDEF123000ull);
    EXPECT_EQ(d.input_addr, 0xFFFF000012345678ull);
}

class Evtq : public ::testing::Test {
protected:
    smmu_config cfg{};
    fake_mem *m = nullptr;
    smmu_env env{};
    smmu_t *s = nullptr;
    smmu_driver ns{}, sec{};

    void SetUp() override
    {
        smmu_config_init(&cfg);
        m = fake_mem_create();
    }
    void TearDown() override
    {
        smmu_destroy(s);
        fake_mem_destroy(m);
    }
    void create(unsigned log2 = 2)
    {
        env = fake_mem_env(m);
        ASSERT_EQ(smmu_create(&cfg, &env, &s), SMMU_OK);
        drv_init(&ns, s, m, SMMU_SEC_NS);
        drv_setup_cmdq(&ns, 0x100000, 4);
        drv_setup_evtq(&ns, kEvtq, log2);
        ASSERT_EQ(drv_enable_queues(&ns), 0);
        drv_init(&sec, s, m, SMMU_SEC_SECURE);
        drv_setup_cmdq(&sec, 0x300000, 4);
        drv_setup_evtq(&sec, kSEvtq, log2);
        ASSERT_EQ(drv_enable_queues(&sec), 0);
    }
    bool record(unsigned bank, unsigned sid)
    {
        smmu_event e = full_event(SMMU_EVT_F_TRANSLATION);
        e.sid = sid;
        return evtq_record(s, bank, &e);
    }
    // The first dword of record `slot` of the Non-secure queue.
    uint64_t slot_dw0(unsigned slot) { return fake_mem_rd64(m, kEvtq + 32ull * slot, SMMU_PAS_NS); }
    smmu_stats stats()
    {
        smmu_stats st;
        smmu_get_stats(s, &st);
        return st;
    }
};

// [7.2, 7.4] a record is written at base + PROD.index * 32 in the bank's PA space and PROD
// advances; the interrupt fires when the queue goes from empty to non-empty [3.18.2].
TEST_F(Evtq, RecordIsWrittenAtProdAndInterruptsOnEmptyToNonEmpty)
{
    create();
    drv_write64(&ns, DRV_EVENTQ_IRQ_CFG0, 0xC000);
    drv_write32(&ns, DRV_EVENTQ_IRQ_CFG1, 0x99);
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_EVENTQ), 0);
    EXPECT_TRUE(record(0, 0x11));
    EXPECT_TRUE(record(0, 0x22));
    EXPECT_EQ(drv_evtq_prod(&ns), 2u);
    EXPECT_EQ(fake_mem_rd64(m, kEvtq, SMMU_PAS_NS), 0x10ull | 1ull << 11 | 0x5ull << 12 | 0x11ull << 32);
    EXPECT_EQ(fake_mem_rd64(m, kEvtq + 32, SMMU_PAS_NS) >> 32, 0x22u);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_EVENTQ], 1u);
    ASSERT_EQ(m->nmsis, 1u);
    EXPECT_EQ(m->msis[0].pa, 0xC000u);
    EXPECT_EQ(m->msis[0].pas, SMMU_PAS_NS);
    EXPECT_EQ(m->msis[0].data, 0x99u);
    uint64_t r[4];
    ASSERT_EQ(drv_read_event(&ns, r), 1);
    ASSERT_EQ(drv_read_event(&ns, r), 1);
    EXPECT_EQ(r[0] >> 32, 0x22u);
    EXPECT_EQ(drv_read_event(&ns, r), 0);
    EXPECT_TRUE(record(0, 0x33)); // empty again: a new interrupt
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_EVENTQ], 2u);
    EXPECT_EQ(stats().events_recorded, 3u);
}

// [7.4] the Secure event queue: Secure PA space, S_EVENTQ_PROD in page 0.
TEST_F(Evtq, SecureEventsGoToTheSecureQueueInSecurePaSpace)
{
    create();
    EXPECT_TRUE(record(1, 0x77));
    EXPECT_EQ(drv_evtq_prod(&sec), 1u);
    EXPECT_EQ(drv_evtq_prod(&ns), 0u);
    EXPECT_EQ(fake_mem_rd64(m, kSEvtq, SMMU_PAS_SECURE) >> 32, 0x77u);
    EXPECT_EQ(fake_mem_rd64(m, kSEvtq, SMMU_PAS_NS), 0u);
}

// [7.4] a full queue drops the record and toggles PROD.OVFLG once; acknowledging with
// CONS.OVACKFLG ends the overflow, and the next overflow toggles OVFLG back.
TEST_F(Evtq, FullQueueDropsAndFlagsOverflow)
{
    create(1); // two entries
    EXPECT_TRUE(record(0, 1));
    EXPECT_TRUE(record(0, 2));
    EXPECT_FALSE(record(0, 3));
    EXPECT_EQ(drv_evtq_prod(&ns), 0x80000000u | 2u);
    EXPECT_TRUE(drv_evtq_overflow(&ns));
    EXPECT_TRUE(fake_mem_log_contains(m, "EVENTQ full"));
    EXPECT_FALSE(record(0, 4));
    EXPECT_EQ(drv_evtq_prod(&ns), 0x80000000u | 2u); // still one overflow
    EXPECT_EQ(stats().events_dropped, 2u);
    uint64_t r[4];
    ASSERT_EQ(drv_read_event(&ns, r), 1);
    EXPECT_EQ(r[0] >> 32, 1u);
    drv_evtq_ack_overflow(&ns);
    EXPECT_FALSE(drv_evtq_overflow(&ns));
    EXPECT_TRUE(record(0, 5)); // wraps into slot 0
    EXPECT_EQ(drv_evtq_prod(&ns), 0x80000000u | 3u);
    EXPECT_EQ(fake_mem_rd64(m, kEvtq, SMMU_PAS_NS) >> 32, 5u);
    EXPECT_FALSE(record(0, 6));
    EXPECT_EQ(drv_evtq_prod(&ns), 3u); // OVFLG toggled back
    EXPECT_TRUE(drv_evtq_overflow(&ns));
}

// [7.4] EVENTQEN=0: records are discarded.
TEST_F(Evtq, DisabledQueueDiscards)
{
    create();
    drv_write_cr0(&ns, DRV_CR0_CMDQEN);
    EXPECT_FALSE(record(0, 1));
    EXPECT_EQ(drv_evtq_prod(&ns), 0u);
    EXPECT_EQ(stats().events_dropped, 1u);
}

// [7.4, 7.5] a write abort activates EVENTQ_ABT_ERR (GERROR interrupt) and stops writes until
// acknowledged.
TEST_F(Evtq, WriteAbortActivatesEventqAbtErrAndStopsWrites)
{
    create();
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_GERROR | DRV_IRQ_EVENTQ), 0);
    fake_mem_add_abort(m, SMMU_PAS_NS, kEvtq, kEvtq + 31, true);
    EXPECT_FALSE(record(0, 1));
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), DRV_GERROR_EVENTQ_ABT_ERR);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_GERROR], 1u);
    EXPECT_TRUE(fake_mem_log_contains(m, "EVENTQ_ABT_ERR"));
    fake_mem_clear_aborts(m);
    EXPECT_FALSE(record(0, 2));
    EXPECT_EQ(drv_evtq_prod(&ns), 0u);
    drv_ack_gerror(&ns);
    EXPECT_TRUE(record(0, 3));
    EXPECT_EQ(drv_evtq_prod(&ns), 1u);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_EVENTQ], 1u);
}

// [3.18.2] an aborted event queue MSI activates MSI_EVENTQ_ABT_ERR; the record stays.
TEST_F(Evtq, AbortedEventqMsiSetsMsiEventqAbtErr)
{
    create();
    drv_write64(&ns, DRV_EVENTQ_IRQ_CFG0, 0xC000);
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_EVENTQ), 0);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0xC000, 0xC003, true);
    EXPECT_TRUE(record(0, 1));
    EXPECT_EQ(drv_evtq_prod(&ns), 1u);
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), DRV_GERROR_MSI_EVENTQ_ABT_ERR);
}

// The first dword full_event(F_TRANSLATION) with StreamID `sid` encodes to [7.3.12].
uint64_t translation_dw0(unsigned sid)
{
    return 0x10ull | 1ull << 11 | 0x5ull << 12 | (uint64_t)sid << 32;
}

// A yielding embedder: while an event record's write is in flight (fake_mem on_write), other
// translations ask for records. `plan[i]` StreamIDs are recorded during the i-th event queue
// write; what evtq_record returned for each is kept.
struct Yield {
    smmu_t *s;
    unsigned bank;
    uint64_t lo, hi; // the event queue's bytes
    std::vector<std::vector<unsigned>> plan;
    unsigned nwrites = 0;
    std::vector<bool> returned;
};

void yield_hook(void *arg, uint64_t pa, smmu_pa_space)
{
    auto *y = static_cast<Yield *>(arg);
    if (pa < y->lo || pa > y->hi)
        return;
    unsigned n = y->nwrites++;
    if (n >= y->plan.size())
        return;
    for (unsigned sid : y->plan[n]) {
        smmu_event e = full_event(SMMU_EVT_F_TRANSLATION);
        e.sid = sid;
        y->returned.push_back(evtq_record(y->s, y->bank, &e));
    }
}

// [7.4] the event queue is one ordered sequence of records: records asked for while another
// record's write is in flight (also during the writes of held-back records) are written after
// it, each exactly once, in the order they were asked for; PROD advances once per record and
// the queue interrupt fires once, on empty to non-empty [3.18.2].
TEST_F(Evtq, RecordsAskedForDuringAWriteAreWrittenOnceInOrder)
{
    create(3); // eight entries
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_EVENTQ), 0);
    Yield y{s, 0, kEvtq, kEvtq + 8 * 32 - 1, {{0x21, 0x22}, {0x23}, {}, {0x24}}, 0, {}};
    m->on_write = yield_hook;
    m->on_write_arg = &y;
    EXPECT_TRUE(record(0, 0x11));
    m->on_write = nullptr;
    EXPECT_EQ(y.returned, std::vector<bool>({true, true, true, true}));
    EXPECT_EQ(y.nwrites, 5u);
    EXPECT_EQ(drv_evtq_prod(&ns), 5u);
    const unsigned order[] = {0x11, 0x21, 0x22, 0x23, 0x24};
    for (unsigned i = 0; i < 5; i++)
        EXPECT_EQ(slot_dw0(i), translation_dw0(order[i])) << "slot " << i;
    EXPECT_EQ(slot_dw0(5), 0u);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_EVENTQ], 1u);
    EXPECT_EQ(stats().events_recorded, 5u);
    EXPECT_EQ(stats().events_dropped, 0u);
    EXPECT_EQ(s->bank[0].evtq_pend_count, 0u);
    EXPECT_FALSE(s->bank[0].evtq_active);
}

// The hold-back buffer is IMPLEMENTATION DEFINED (EVTQ_PENDING_MAX records): a record that
// finds it full is lost and counted, without OVFLG since the queue itself did not overflow.
TEST_F(Evtq, HoldBackBufferFullDropsTheRecordWithoutOverflow)
{
    create(4); // sixteen entries
    std::vector<unsigned> burst;
    for (unsigned i = 0; i <= EVTQ_PENDING_MAX; i++)
        burst.push_back(0x100 + i);
    Yield y{s, 0, kEvtq, kEvtq + 16 * 32 - 1, {burst}, 0, {}};
    m->on_write = yield_hook;
    m->on_write_arg = &y;
    EXPECT_TRUE(record(0, 0x11));
    m->on_write = nullptr;
    std::vector<bool> want(EVTQ_PENDING_MAX, true);
    want.push_back(false);
    EXPECT_EQ(y.returned, want);
    EXPECT_EQ(drv_evtq_prod(&ns), 1u + EVTQ_PENDING_MAX); // OVFLG clear
    EXPECT_FALSE(drv_evtq_overflow(&ns));
    EXPECT_EQ(slot_dw0(0), translation_dw0(0x11));
    for (unsigned i = 0; i < EVTQ_PENDING_MAX; i++)
        EXPECT_EQ(slot_dw0(1 + i), translation_dw0(0x100 + i)) << "slot " << 1 + i;
    EXPECT_EQ(slot_dw0(1 + EVTQ_PENDING_MAX), 0u);
    EXPECT_EQ(stats().events_dropped, 1u);
    EXPECT_TRUE(fake_mem_log_contains(m, "wait for the write in flight"));
}

// [7.4] a held-back record meets the queue as it is at its turn: the full-queue rule (drop,
// OVFLG toggled once) and the write-abort rule (EVENTQ_ABT_ERR, writes stop) apply to it.
TEST_F(Evtq, HeldBackRecordsObeyOverflowAndAbortRules)
{
    create(1); // two entries
    Yield y{s, 0, kEvtq, kEvtq + 2 * 32 - 1, {{0x21, 0x22, 0x23}}, 0, {}};
    m->on_write = yield_hook;
    m->on_write_arg = &y;
    EXPECT_TRUE(record(0, 0x11));
    EXPECT_EQ(y.returned, std::vector<bool>({true, true, true}));
    EXPECT_EQ(drv_evtq_prod(&ns), 0x80000000u | 2u);
    EXPECT_EQ(slot_dw0(0), translation_dw0(0x11));
    EXPECT_EQ(slot_dw0(1), translation_dw0(0x21));
    EXPECT_EQ(stats().events_recorded, 2u);
    EXPECT_EQ(stats().events_dropped, 2u);

    // Abort: the first write aborts, the records held back behind it are discarded.
    uint64_t r[4];
    ASSERT_EQ(drv_read_event(&ns, r), 1);
    ASSERT_EQ(drv_read_event(&ns, r), 1);
    drv_evtq_ack_overflow(&ns);
    fake_mem_add_abort(m, SMMU_PAS_NS, kEvtq, kEvtq + 2 * 32 - 1, true);
    y.nwrites = 0;
    y.plan = {{0x31, 0x32}};
    y.returned.clear();
    EXPECT_FALSE(record(0, 0x12));
    m->on_write = nullptr;
    EXPECT_EQ(y.returned, std::vector<bool>({true, true}));
    EXPECT_EQ(y.nwrites, 1u);
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), DRV_GERROR_EVENTQ_ABT_ERR);
    EXPECT_EQ(drv_evtq_prod(&ns), 0x80000000u | 2u);
    EXPECT_EQ(stats().events_dropped, 5u);
}

// Another bank's queue has its own writer: a Secure record asked for during a Non-secure write
// is written at once.
TEST_F(Evtq, OtherBankRecordIsNotHeldBack)
{
    create();
    struct Ctx {
        smmu_t *s;
        fake_mem *m;
        smmu_driver *sec;
        uint32_t s_prod_after;
    } c{s, m, &sec, ~0u};
    m->on_write_arg = &c;
    m->on_write = [](void *arg, uint64_t pa, smmu_pa_space pas) {
        auto *x = static_cast<Ctx *>(arg);
        if (pas != SMMU_PAS_NS || pa != kEvtq)
            return;
        x->m->on_write = nullptr;
        smmu_event e = full_event(SMMU_EVT_F_TRANSLATION);
        e.sid = 0x77;
        EXPECT_TRUE(evtq_record(x->s, 1, &e));
        x->s_prod_after = drv_evtq_prod(x->sec);
    };
    EXPECT_TRUE(record(0, 0x11));
    m->on_write = nullptr;
    EXPECT_EQ(c.s_prod_after, 1u);
    EXPECT_EQ(drv_evtq_prod(&ns), 1u);
    EXPECT_EQ(fake_mem_rd64(m, kSEvtq, SMMU_PAS_SECURE), translation_dw0(0x77));
}

} // namespace
