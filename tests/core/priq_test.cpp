// The PRI queue, Page Requests and PRG responses [IHI 0070 ch. 8, 4.5.2, 6.3.33-36]: the exact
// queue entries and PROD/CONS values, the overflow sequence with OVFLG/OVACKFLG and the
// automatic responses (code and PASID, IDR3.PPS / STE.PPAR), PRIQEN=0, Secure requests, write
// aborts, interrupts and MSIs (PRIQ_IRQ_CFG2.LO), and CMD_PRI_RESP through the command queue.
#include "xlate_fixture.h"

extern "C" {
#include "priq.h"
}

namespace {

constexpr uint64_t kPriq = 0xA0000;                  // PRI queue (16-byte entries)
constexpr uint64_t kPriqProd = SMMU_PAGE1_OFFSET + SMMU_PRIQ_PROD;
constexpr uint64_t kPriqCons = SMMU_PAGE1_OFFSET + SMMU_PRIQ_CONS;
constexpr uint32_t kOvflg = 1u << 31;                // PRIQ_PROD.OVFLG / PRIQ_CONS.OVACKFLG
constexpr uint32_t kGerrorPriqAbt = 1u << 3;         // GERROR.PRIQ_ABT_ERR [6.3.19]
constexpr uint32_t kIrqPriq = 1u << 1;               // IRQ_CTRL.PRIQ_IRQEN [6.3.16]
constexpr uint32_t kPriqen = 1u << 1;                // CR0.PRIQEN [6.3.9]
constexpr uint32_t kLo = 1u << 31;                   // PRIQ_IRQ_CFG2.LO [6.3.36]

// Entry words [8]: DW0 StreamID[31:0], SubstreamID[51:32], Priv 58, X 59, R 60, W 61, Last 62,
// SSV 63; DW1 PRGIndex[8:0], page address[63:12].
constexpr uint64_t kPriv = 1ull << 58, kX = 1ull << 59, kR = 1ull << 60, kW = 1ull << 61,
                   kLast = 1ull << 62, kSsv = 1ull << 63;

// What the SMMU sent through bcb.pri_response (the callback's ctx is the fake memory, so the
// responses of the test running now are kept here).
std::vector<smmu_pri_response> g_responses;
void on_response(void *, const smmu_pri_response *r)
{
    g_responses.push_back(*r);
}

// MSIs with their attributes (fake_mem keeps address, PA space and data only).
struct Msi {
    uint64_t pa;
    smmu_pa_space pas;
    uint32_t data;
    smmu_mem_attrs attrs;
};
std::vector<Msi> g_msis;
int on_msi(void *, uint64_t pa, smmu_pa_space pas, uint32_t data, const smmu_mem_attrs *a)
{
    g_msis.push_back({pa, pas, data, *a});
    return 0;
}

smmu_page_request ppr(uint32_t sid, uint16_t prgi, bool last, uint64_t addr = 0x40000000,
                      bool ssv = false, uint32_t ssid = 0)
{
    smmu_page_request r{};
    r.sec = SMMU_SEC_NS;
    r.sid = sid;
    r.ssv = ssv;
    r.ssid = ssid;
    r.addr = addr;
    r.read = true;
    r.last = last;
    r.prgi = prgi;
    return r;
}

class Priq : public XlateTest {
public:
    bool msi_attrs = false; // route MSIs through on_msi

    void SetUp() override
    {
        XlateTest::SetUp();
        g_responses.clear();
        g_msis.clear();
        cfg.ats = cfg.pri = true;
        cfg.priq_log2max = 19;
    }
    // Create, enable the NS interface and its PRI queue of 2^log2 entries.
    void start(unsigned log2 = 3, bool priqen = true)
    {
        smmu_env env = fake_mem_env(m);
        if (msi_attrs)
            env.msi_write = on_msi;
        ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &s));
        smmu_bringup_callbacks cb{};
        cb.struct_size = sizeof(cb);
        cb.pri_response = on_response;
        ASSERT_EQ(SMMU_OK, smmu_set_bringup_callbacks(s, &cb));
        enable();
        enable_priq(log2, priqen);
    }
    // Program the PRI queue (2^log2 entries, PROD = CONS = 0) and set PRIQEN if priqen.
    void enable_priq(unsigned log2, bool priqen = true)
    {
        drv_write64(&drv[0], SMMU_PRIQ_BASE, kPriq | log2);
        drv_write32(&drv[0], kPriqProd, 0);
        drv_write32(&drv[0], kPriqCons, 0);
        if (priqen) {
            ASSERT_EQ(0, drv_write_cr0(&drv[0], drv_read32(&drv[0], DRV_CR0) | kPriqen));
        }
    }
    smmu_status request(const smmu_page_request &r) { return smmu_pri_page_request(s, &r); }
    uint32_t prod() { return drv_read32(&drv[0], kPriqProd); }
    uint32_t cons() { return drv_read32(&drv[0], kPriqCons); }
    uint64_t dw(unsigned slot, unsigned w)
    {
        return fake_mem_rd64(m, kPriq + 16ull * slot + 8 * w, SMMU_PAS_NS);
    }
    smmu_bringup_stats bstats()
    {
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        EXPECT_EQ(SMMU_OK, smmu_get_bringup_stats(s, &b));
        return b;
    }
    // One response expected: check it and forget it.
    void expect_response(uint32_t sid, uint16_t prgi, smmu_pri_code code, bool ssv, uint32_t ssid,
                         bool automatic)
    {
        ASSERT_EQ(g_responses.size(), 1u);
        const smmu_pri_response &r = g_responses[0];
        EXPECT_EQ(r.sec, SMMU_SEC_NS);
        EXPECT_EQ(r.sid, sid);
        EXPECT_EQ(r.prgi, prgi);
        EXPECT_EQ(r.code, code);
        EXPECT_EQ(r.ssv, ssv);
        EXPECT_EQ(r.ssid, ssid);
        EXPECT_EQ(r.automatic, automatic);
        g_responses.clear();
    }
    // Issue CMD_PRI_RESP on bank b's command queue; returns the CERROR of the CMD_SYNC after it.
    int pri_resp(uint32_t sid, uint16_t prgi, unsigned resp, bool ssv = false, uint32_t ssid = 0,
                 unsigned b = BANK_NS)
    {
        uint64_t c[2];
        cmd_clear(c, SMMU_CMD_PRI_RESP);
        smmu_cmd_set_StreamID(c, sid);
        smmu_cmd_set_SSV(c, ssv);
        smmu_cmd_set_SubstreamID(c, ssid);
        smmu_cmd_set_PRGIndex(c, prgi);
        smmu_cmd_set_Resp(c, resp);
        EXPECT_EQ(0, drv_submit(&drv[b], c));
        return drv_sync(&drv[b]);
    }
};

// [8] the entry of a PPR with a PASID: every field at its position, written at
// PRIQ_BASE + PROD.index * 16; PROD advances by one.
TEST_F(Priq, EntryHoldsEveryFieldOfAPageRequestWithPasid)
{
    start();
    smmu_page_request r = ppr(0x1234, 0x1A5, true, 0x123456789ABCull, true, 0xABCDE);
    r.write = r.exec = r.priv = true;
    ASSERT_EQ(SMMU_OK, request(r));
    EXPECT_EQ(prod(), 1u);
    EXPECT_EQ(dw(0, 0), 0x1234ull | 0xABCDEull << 32 | kPriv | kX | kR | kW | kLast | kSsv);
    EXPECT_EQ(dw(0, 1), 0x1A5ull | 0x123456789000ull);
    EXPECT_TRUE(g_responses.empty());
    smmu_bringup_stats b = bstats();
    EXPECT_EQ(b.page_requests, 1u);
    EXPECT_EQ(b.priq_entries, 1u);
    EXPECT_EQ(b.pri_auto_responses, 0u);
}

// [8] "When SSV == 0, the X and Priv bits are both 0"; SubstreamID (UNKNOWN) is written 0.
TEST_F(Priq, WithoutPasidXAndPrivAreZero)
{
    start();
    smmu_page_request r = ppr(0x7, 0x3, false, 0x5000, false, 0x42);
    r.write = r.exec = r.priv = true;
    request(r);
    request(ppr(0x8, 0x4, true, 0x9000));
    EXPECT_EQ(prod(), 2u);
    EXPECT_EQ(dw(0, 0), 0x7ull | kR | kW);
    EXPECT_EQ(dw(0, 1), 0x3ull | 0x5000);
    EXPECT_EQ(dw(1, 0), 0x8ull | kR | kLast);
    EXPECT_EQ(dw(1, 1), 0x4ull | 0x9000);
}

// [8] with IDR1.SSIDSIZE == 0 the SMMU has no PASIDs: SSV reads 0, and an LWR == 0b100
// request is an ordinary PPR (it gets a response when the queue is disabled).
TEST_F(Priq, WithoutSubstreamsSsvIsZeroAndLwr100IsAnOrdinaryRequest)
{
    cfg.ssid_bits = 0;
    start(3, false); // PRIQEN = 0: every PPR is answered [8.2]
    smmu_page_request r = ppr(0x9, 0x11, true, 0x1000, true, 0x5);
    r.read = false; // LWR = 100
    request(r);
    expect_response(0x9, 0x11, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    ASSERT_EQ(0, drv_write_cr0(&drv[0], drv_read32(&drv[0], DRV_CR0) | kPriqen));
    r.exec = r.priv = true;
    request(r);
    EXPECT_EQ(dw(0, 0), 0x9ull | kLast); // SSV, SubstreamID, X, Priv: 0
}

// [8, 8.2] a Stop PASID marker (SSV == 1, LWR == 0b100) is written like a PPR, and the SMMU
// never answers one, not even when the queue is disabled.
TEST_F(Priq, StopMarkerIsQueuedAndNeverAnswered)
{
    start();
    smmu_page_request stop = ppr(0x20, 0x1FF, true, 0, true, 0x77);
    stop.read = false;
    request(stop);
    EXPECT_EQ(dw(0, 0), 0x20ull | 0x77ull << 32 | kLast | kSsv);
    EXPECT_EQ(dw(0, 1), 0x1FFull);
    ASSERT_EQ(0, drv_write_cr0(&drv[0], drv_read32(&drv[0], DRV_CR0) & ~kPriqen));
    request(stop);
    EXPECT_TRUE(g_responses.empty());
    EXPECT_EQ(prod(), 1u);
}

// [8.2] effective PRIQEN == 0 (PRIQEN clear, or SMMUEN clear): nothing is written, every PPR
// (Last == 0 too) gets Response Failure (0b1111) without PASID.
TEST_F(Priq, DisabledQueueAnswersEveryRequestWithResponseFailureWithoutPasid)
{
    start(3, false);
    request(ppr(0x30, 0x12, false, 0x2000, true, 0x99));
    expect_response(0x30, 0x12, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    EXPECT_TRUE(logged("PRIQEN is 0"));
    // SMMUEN = 0 with PRIQEN = 1: PRIQEN is effectively 0
    ASSERT_EQ(0, drv_write_cr0(&drv[0], DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN | kPriqen));
    request(ppr(0x31, 0x13, true, 0x3000));
    expect_response(0x31, 0x13, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    EXPECT_TRUE(logged("SMMUEN is 0"));
    EXPECT_EQ(prod(), 0u);
    EXPECT_EQ(dw(0, 0), 0u);
    EXPECT_EQ(bstats().pri_auto_responses, 2u);
    EXPECT_EQ(bstats().priq_entries, 0u);
}

// [8.2] "A PPR received from a Secure stream is discarded ... ResponseCode == 0b1111"; a
// Secure SEC_SID without SECURE_IMPL is Non-secure [3.10.1] and is queued.
TEST_F(Priq, SecureStreamRequestIsAnsweredWithResponseFailure)
{
    start();
    smmu_page_request r = ppr(0x40, 0x21, true, 0x4000, true, 0x3);
    r.sec = SMMU_SEC_SECURE;
    request(r);
    ASSERT_EQ(g_responses.size(), 1u);
    EXPECT_EQ(g_responses[0].sec, SMMU_SEC_SECURE);
    EXPECT_EQ(g_responses[0].code, SMMU_PRI_RESPONSE_FAILURE);
    EXPECT_FALSE(g_responses[0].ssv);
    EXPECT_EQ(g_responses[0].prgi, 0x21u);
    EXPECT_EQ(prod(), 0u);
}

TEST_F(Priq, SecureSecSidWithoutSecureImplIsNonSecure)
{
    cfg.secure_impl = false;
    cfg.sel2 = false;
    start();
    smmu_page_request r = ppr(0x41, 0x22, true);
    r.sec = SMMU_SEC_SECURE;
    request(r);
    EXPECT_TRUE(g_responses.empty());
    EXPECT_EQ(prod(), 1u);
    EXPECT_EQ(dw(0, 0), 0x41ull | kR | kLast);
}

// [8.1] the overflow sequence on a 2-entry queue: the PPR that finds the queue full toggles
// OVFLG and, having Last == 1, gets Success (no PASID); while the overflow is active nothing
// is written, Last == 0 requests and Stop markers are dropped silently; software acknowledges
// with one CONS write (RD and OVACKFLG), after which entries are written again.
TEST_F(Priq, OverflowSequenceWithOvflgOvackflgAndAutomaticResponses)
{
    start(1);
    request(ppr(0x50, 1, false, 0x1000));
    request(ppr(0x50, 1, true, 0x2000));
    EXPECT_EQ(prod(), 2u); // wrap bit set, index 0: full with CONS 0
    request(ppr(0x51, 5, true, 0x3000));
    EXPECT_EQ(prod(), kOvflg | 2u);
    expect_response(0x51, 5, SMMU_PRI_SUCCESS, false, 0, true);
    EXPECT_TRUE(logged("PRIQ full"));
    // software frees both entries but does not acknowledge: still no writes
    drv_write32(&drv[0], kPriqCons, 2);
    request(ppr(0x52, 6, false, 0x4000));
    smmu_page_request stop = ppr(0x52, 7, true, 0, true, 0x8);
    stop.read = false;
    request(stop);
    EXPECT_TRUE(g_responses.empty());
    request(ppr(0x53, 8, true, 0x5000));
    expect_response(0x53, 8, SMMU_PRI_SUCCESS, false, 0, true);
    EXPECT_EQ(prod(), kOvflg | 2u);
    EXPECT_EQ(dw(0, 0), 0x50ull | kR);       // slot 0 still holds the first request
    EXPECT_EQ(dw(0, 1), 0x1ull | 0x1000);
    // acknowledge: OVACKFLG = OVFLG
    drv_write32(&drv[0], kPriqCons, kOvflg | 2u);
    EXPECT_EQ(cons(), kOvflg | 2u);
    request(ppr(0x54, 9, true, 0x6000));
    EXPECT_EQ(prod(), kOvflg | 3u);
    EXPECT_EQ(dw(0, 0), 0x54ull | kR | kLast);
    EXPECT_TRUE(g_responses.empty());
    smmu_bringup_stats b = bstats();
    EXPECT_EQ(b.page_requests, 7u);
    EXPECT_EQ(b.priq_entries, 3u);
    EXPECT_EQ(b.pri_auto_responses, 2u);
}

// [8.1] overflow auto-response with a PASID and IDR3.PPS == 0: STE.PPAR decides. A valid STE
// gives Success with the PASID if PPAR == 1, without if PPAR == 0; an STE that cannot be
// checked (invalid, StreamID outside the table) gives Failure (0b1111) without PASID.
TEST_F(Priq, OverflowResponseWithPasidFollowsStePparWhenPpsIsZero)
{
    start(0); // one entry
    uint64_t ste[8];
    ste_make_bypass(ste);
    smmu_ste_set_PPAR(ste, 1);
    st_write_ste(&st[0], 0x60, ste);
    ste_make_bypass(ste);
    st_write_ste(&st[0], 0x61, ste); // PPAR = 0
    EXPECT_EQ(drv_read32(&drv[0], SMMU_IDR3) & SMMU_IDR3_PPS, 0u);
    request(ppr(0x60, 1, false));
    request(ppr(0x60, 2, true, 0x1000, true, 0x123)); // overflow
    expect_response(0x60, 2, SMMU_PRI_SUCCESS, true, 0x123, true);
    request(ppr(0x61, 3, true, 0x1000, true, 0x124));
    expect_response(0x61, 3, SMMU_PRI_SUCCESS, false, 0, true);
    request(ppr(0x62, 4, true, 0x1000, true, 0x125)); // STE 0x62: V = 0
    expect_response(0x62, 4, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    EXPECT_TRUE(logged("STE.PPAR cannot be checked (C_BAD_STE)"));
    request(ppr(0x300, 5, true, 0x1000, true, 0x126)); // beyond the 2^8-entry table
    expect_response(0x300, 5, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    // no PASID in the request: Success, no STE involved
    request(ppr(0x62, 6, true));
    expect_response(0x62, 6, SMMU_PRI_SUCCESS, false, 0, true);
    EXPECT_EQ(pending_events(), 0u); // REC_CFG_ATS is RES0: no event recorded [8.1]
}

// [8.1] with IDR3.PPS == 1 the response keeps the PASID and STE.PPAR is not checked (an
// invalid STE still gives Success).
TEST_F(Priq, OverflowResponseKeepsPasidWhenPpsIsOne)
{
    cfg.pps = true;
    start(0);
    EXPECT_EQ(drv_read32(&drv[0], SMMU_IDR3) & SMMU_IDR3_PPS, SMMU_IDR3_PPS);
    request(ppr(0x70, 1, false));
    fake_mem_clear_read_log(m);
    request(ppr(0x70, 2, true, 0x1000, true, 0xFFFFF));
    expect_response(0x70, 2, SMMU_PRI_SUCCESS, true, 0xFFFFF, true);
    EXPECT_EQ(m->nread_log, 0u); // no STE fetch
}

// [8.2] a write abort activates GERROR.PRIQ_ABT_ERR (GERROR interrupt), the PPR gets Response
// Failure without PASID (synchronous abort, model choice); while the error is active every
// PPR is answered so; acknowledging it in GERRORN lets entries be written again.
TEST_F(Priq, WriteAbortActivatesPriqAbtErrAndAnswersResponseFailure)
{
    start();
    ASSERT_EQ(0, drv_write_irq_ctrl(&drv[0], DRV_IRQ_GERROR));
    fake_mem_add_abort(m, SMMU_PAS_NS, kPriq, kPriq + 15, true);
    request(ppr(0x80, 0x31, false, 0x1000, true, 0x5));
    EXPECT_EQ(drv_read32(&drv[0], DRV_GERROR), kGerrorPriqAbt);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_GERROR], 1u);
    expect_response(0x80, 0x31, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    EXPECT_EQ(prod(), 0u);
    EXPECT_TRUE(logged("PRIQ_ABT_ERR"));
    fake_mem_clear_aborts(m);
    request(ppr(0x81, 0x32, true));
    expect_response(0x81, 0x32, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
    EXPECT_EQ(prod(), 0u);
    drv_ack_gerror(&drv[0]);
    request(ppr(0x82, 0x33, true));
    EXPECT_TRUE(g_responses.empty());
    EXPECT_EQ(prod(), 1u);
    EXPECT_EQ(dw(0, 0), 0x82ull | kR | kLast);
}

// [3.18.2, 6.3.33-36] PRIQ_IRQEN: the wired PRIQ line and the MSI (PRIQ_IRQ_CFG0 address,
// CFG1 data, CFG2 SH/MemAttr) when the queue goes from empty to non-empty (LO == 0), not for
// entries added to a non-empty queue.
TEST_F(Priq, InterruptAndMsiWhenTheQueueBecomesNonEmpty)
{
    msi_attrs = true;
    start();
    drv_write64(&drv[0], SMMU_PRIQ_IRQ_CFG0, 0xD000);
    drv_write32(&drv[0], SMMU_PRIQ_IRQ_CFG1, 0x5A5A);
    drv_write32(&drv[0], SMMU_PRIQ_IRQ_CFG2, 3u << 4 | 0xF); // Inner Shareable, Normal WB
    ASSERT_EQ(0, drv_write_irq_ctrl(&drv[0], kIrqPriq));
    request(ppr(0x90, 1, false));
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 1u);
    ASSERT_EQ(g_msis.size(), 1u);
    EXPECT_EQ(g_msis[0].pa, 0xD000u);
    EXPECT_EQ(g_msis[0].pas, SMMU_PAS_NS);
    EXPECT_EQ(g_msis[0].data, 0x5A5Au);
    EXPECT_EQ(g_msis[0].attrs.mair, 0xFFu);
    EXPECT_EQ(g_msis[0].attrs.sh, 3u);
    request(ppr(0x90, 1, true)); // not empty: no interrupt
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 1u);
    EXPECT_EQ(g_msis.size(), 1u);
    drv_write32(&drv[0], kPriqCons, 2);
    request(ppr(0x91, 2, false)); // empty again
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 2u);
    EXPECT_EQ(g_msis.size(), 2u);
}

// [3.18.2, 6.3.19] an aborted PRI queue MSI activates GERROR.MSI_PRIQ_ABT_ERR; the entry
// stays written.
TEST_F(Priq, AbortedPriqMsiSetsMsiPriqAbtErr)
{
    start();
    drv_write64(&drv[0], SMMU_PRIQ_IRQ_CFG0, 0xD000);
    ASSERT_EQ(0, drv_write_irq_ctrl(&drv[0], kIrqPriq));
    fake_mem_add_abort(m, SMMU_PAS_NS, 0xD000, 0xD003, true);
    request(ppr(0x92, 1, true));
    EXPECT_EQ(prod(), 1u);
    EXPECT_EQ(drv_read32(&drv[0], DRV_GERROR), 1u << 6); // MSI_PRIQ_ABT_ERR
    EXPECT_TRUE(g_responses.empty());
}

// [6.3.33-35] a reset puts PRIQ_BASE/PROD/CONS and PRIQEN back to 0: the next request is
// answered with Response Failure.
TEST_F(Priq, ResetDisablesThePriQueue)
{
    start();
    request(ppr(0x93, 1, true));
    ASSERT_EQ(SMMU_OK, smmu_reset(s));
    EXPECT_EQ(drv_read64(&drv[0], SMMU_PRIQ_BASE), 0u);
    EXPECT_EQ(prod(), 0u);
    EXPECT_EQ(cons(), 0u);
    EXPECT_EQ(drv_read32(&drv[0], DRV_CR0) & kPriqen, 0u);
    request(ppr(0x93, 2, true));
    expect_response(0x93, 2, SMMU_PRI_RESPONSE_FAILURE, false, 0, true);
}

// [6.3.36] LO == 1: interrupt for each message with L == 1 that is written, and for one
// discarded because of an overflow; not for Last == 0 ones, nor for one discarded for another
// reason (queue disabled).
TEST_F(Priq, LastOnlyInterruptsForLastRequestsIncludingOverflowDiscards)
{
    start(1);
    drv_write32(&drv[0], SMMU_PRIQ_IRQ_CFG2, kLo);
    ASSERT_EQ(0, drv_write_irq_ctrl(&drv[0], kIrqPriq));
    request(ppr(0xA0, 1, false)); // empty -> non-empty, Last == 0: none
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 0u);
    request(ppr(0xA0, 1, true));
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 1u);
    request(ppr(0xA1, 2, false)); // overflow, Last == 0: none
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 1u);
    request(ppr(0xA1, 2, true)); // discarded in the overflow, Last == 1
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 2u);
    ASSERT_EQ(0, drv_write_cr0(&drv[0], drv_read32(&drv[0], DRV_CR0) & ~kPriqen));
    request(ppr(0xA2, 3, true)); // discarded: queue disabled
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_PRIQ], 2u);
}

// [4.5.2, 8.3] CMD_PRI_RESP: Resp 0b00 ResponseFailure -> 0b1111, 0b01 InvalidRequest ->
// 0b0001, 0b10 Success -> 0b0000; SSV == 1 adds the PASID. Delivered as automatic = false.
TEST_F(Priq, PriRespCommandSendsTheResponseCodeOfResp)
{
    start();
    EXPECT_EQ(0, pri_resp(0x1234, 0x1A5, 2, true, 0xABCDE));
    expect_response(0x1234, 0x1A5, SMMU_PRI_SUCCESS, true, 0xABCDE, false);
    EXPECT_EQ(0, pri_resp(0x10, 0x7, 1));
    expect_response(0x10, 0x7, SMMU_PRI_INVALID_REQUEST, false, 0, false);
    EXPECT_EQ(0, pri_resp(0x11, 0x0, 0, false, 0x55)); // SubstreamID ignored without SSV
    expect_response(0x11, 0x0, SMMU_PRI_RESPONSE_FAILURE, false, 0, false);
    EXPECT_EQ(bstats().pri_responses, 3u);
    EXPECT_EQ(bstats().pri_auto_responses, 0u);
}

// [4.5.2] Resp == 0b11 is ILLEGAL: CERROR_ILL, no response.
TEST_F(Priq, PriRespWithResp11IsIllegal)
{
    start();
    EXPECT_EQ(SMMU_CERROR_ILL, pri_resp(0x10, 0x7, 3));
    EXPECT_TRUE(g_responses.empty());
    EXPECT_TRUE(logged("Resp=0b11 is reserved"));
}

// [4.5.2] ILLEGAL when IDR0.PRI == 0.
TEST_F(Priq, PriRespWithoutPriIsIllegal)
{
    cfg.pri = false;
    create();
    enable();
    EXPECT_EQ(SMMU_CERROR_ILL, pri_resp(0x10, 0x7, 2));
    EXPECT_TRUE(logged("PRI is not implemented"));
}

// [4.5.2] on the Secure queue: ILLEGAL with S_IDR3.SAMS == 1; otherwise the StreamID is
// Non-secure.
TEST_F(Priq, PriRespOnTheSecureQueue)
{
    start();
    enable(BANK_S);
    EXPECT_EQ(0, pri_resp(0x15, 0x9, 2, false, 0, BANK_S));
    expect_response(0x15, 0x9, SMMU_PRI_SUCCESS, false, 0, false); // sec: Non-secure
}

TEST_F(Priq, PriRespOnTheSecureQueueWithSamsIsIllegal)
{
    cfg.sams = true;
    start();
    enable(BANK_S);
    EXPECT_EQ(SMMU_CERROR_ILL, pri_resp(0x15, 0x9, 2, false, 0, BANK_S));
    EXPECT_TRUE(g_responses.empty());
}

// [4.5.2] IGNORED when SMMUEN is 0 for the queue's Security state.
TEST_F(Priq, PriRespIsIgnoredWithSmmuenZero)
{
    start();
    ASSERT_EQ(0, drv_write_cr0(&drv[0], DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN));
    EXPECT_EQ(0, pri_resp(0x10, 0x7, 2));
    EXPECT_TRUE(g_responses.empty());
    EXPECT_TRUE(logged("CMD_PRI_RESP for StreamID 0x10 ignored: SMMUEN is 0"));
    EXPECT_EQ(bstats().pri_responses, 0u);
}

// [4.5.2] without PASIDs, SSV == 1 behaves as SSV == 0 (the model's CONSTRAINED UNPREDICTABLE
// choice).
TEST_F(Priq, PriRespWithSsvWithoutSubstreamsIsSentWithoutPasid)
{
    cfg.ssid_bits = 0;
    start();
    EXPECT_EQ(0, pri_resp(0x10, 0x7, 2, true, 0x3));
    expect_response(0x10, 0x7, SMMU_PRI_SUCCESS, false, 0, false);
    EXPECT_TRUE(logged("sent without PASID"));
}

// [6.3.33] PRIQ_BASE and PRIQ_PROD are guarded by PRIQEN: writes while it is set are ignored.
TEST_F(Priq, PriqBaseWrittenWhileEnabledIsIgnored)
{
    expected_findings = 1; // checker mode: a queue base written while the queue is enabled
    start();
    drv_write64(&drv[0], SMMU_PRIQ_BASE, 0xB0000 | 3);
    EXPECT_EQ(drv_read64(&drv[0], SMMU_PRIQ_BASE), kPriq | 3);
    request(ppr(0xB0, 1, true));
    EXPECT_EQ(dw(0, 0), 0xB0ull | kR | kLast);
}

// One writer: a PPR that arrives while an entry is written (the memory callback yielded) is
// written next, in order, once.
struct Reenter {
    smmu_t *s;
    int left;
};
void reenter_on_write(void *arg, uint64_t, smmu_pa_space)
{
    auto *r = static_cast<Reenter *>(arg);
    if (r->left-- > 0) {
        smmu_page_request q = ppr(0xC1, 2, true, 0x2000);
        smmu_pri_page_request(r->s, &q);
    }
}

TEST_F(Priq, RequestArrivingDuringAWriteIsWrittenNextInOrder)
{
    start();
    Reenter re{s, 1};
    m->on_write = reenter_on_write;
    m->on_write_arg = &re;
    request(ppr(0xC0, 1, false, 0x1000));
    m->on_write = nullptr;
    EXPECT_EQ(prod(), 2u);
    EXPECT_EQ(dw(0, 0), 0xC0ull | kR);
    EXPECT_EQ(dw(1, 0), 0xC1ull | kR | kLast);
    EXPECT_EQ(dw(1, 1), 0x2ull | 0x2000);
}

// smmu_reset while a PPR waits behind an entry write in flight (the memory callback yielded,
// and software reset the SMMU and enabled the PRI queue again before it returned): the
// held-back PPR arrived before the reset, when a reset SMMU has PRIQEN == 0, so it gets the
// automatic Response Failure without PASID of a disabled queue [8.2]; neither it nor the
// entry in flight appears in the queue enabled after the reset.
struct ResetDuringWrite {
    Priq *t;
    int left;
};

TEST_F(Priq, ResetDuringAWriteAnswersHeldBackRequestsAndPublishesNothing)
{
    start();
    ResetDuringWrite ctx{this, 1};
    m->on_write = [](void *arg, uint64_t, smmu_pa_space) {
        auto *c = static_cast<ResetDuringWrite *>(arg);
        if (c->left-- <= 0)
            return;
        smmu_page_request q = ppr(0xC1, 2, true, 0x2000);
        EXPECT_EQ(SMMU_OK, smmu_pri_page_request(c->t->s, &q)); // held back: no answer yet
        EXPECT_TRUE(g_responses.empty());
        ASSERT_EQ(SMMU_OK, smmu_reset(c->t->s));
        c->t->enable();
        c->t->enable_priq(3);
    };
    m->on_write_arg = &ctx;
    request(ppr(0xC0, 1, false, 0x1000));
    m->on_write = nullptr;
    ASSERT_EQ(g_responses.size(), 2u);
    // answered at the reset, then the request whose write was in flight
    EXPECT_EQ(g_responses[0].sid, 0xC1u);
    EXPECT_EQ(g_responses[0].prgi, 2u);
    EXPECT_EQ(g_responses[0].code, SMMU_PRI_RESPONSE_FAILURE);
    EXPECT_FALSE(g_responses[0].ssv);
    EXPECT_TRUE(g_responses[0].automatic);
    EXPECT_EQ(g_responses[1].sid, 0xC0u);
    EXPECT_EQ(g_responses[1].code, SMMU_PRI_RESPONSE_FAILURE);
    EXPECT_EQ(prod(), 0u);
    EXPECT_EQ(bstats().priq_entries, 0u);
}

// API misuse: a PRGIndex beyond 9 bits, a SubstreamID beyond 20 bits, NULL pointers.
TEST_F(Priq, BadRequestsAreRefused)
{
    start();
    EXPECT_EQ(SMMU_E_INVAL, smmu_pri_page_request(s, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, request(ppr(1, 0x200, true)));
    EXPECT_EQ(SMMU_E_INVAL, request(ppr(1, 1, true, 0, true, 0x100000)));
    EXPECT_TRUE(logged("smmu_pri_page_request: bad request"));
    EXPECT_EQ(bstats().page_requests, 0u);
    EXPECT_EQ(prod(), 0u);
}

// priq_encode on its own: the inverse through the field table accessors.
TEST(PriqEncode, FieldsRoundTripThroughTheEntryLayout)
{
    smmu_page_request r{};
    r.sid = 0xFFFFFFFF;
    r.ssv = true;
    r.ssid = 0xFFFFF;
    r.addr = 0xFFFFFFFFFFFFF000ull;
    r.read = r.write = r.exec = r.priv = r.last = true;
    r.prgi = 0x1FF;
    uint64_t e[2];
    priq_encode(&r, true, e);
    EXPECT_EQ(e[0], ~0ull & ~(0x3Full << 52));  // bits [57:52] are RES0
    EXPECT_EQ(e[1], ~0ull & ~(0x7ull << 9));    // bits [11:9] are RES0
    priq_encode(&r, false, e);
    EXPECT_EQ(e[0], 0xFFFFFFFFull | kR | kW | kLast);
}

} // namespace
