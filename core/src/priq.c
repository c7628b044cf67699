/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PRI [IHI 0070 ch. 8, 4.5.2]: the PRI queue, PCIe Page Requests (PPRs) and PRG responses.
 *
 * A Page Request from an endpoint (smmu_pri_page_request) is written to the Non-secure PRI
 * queue as a 16-byte entry (layout: SMMU_PRIQ_FIELDS in <smmuv3/arch.h>), or answered by the
 * SMMU itself (an automatic PRG response through bcb.pri_response) [8.1, 8.2]:
 *   - a Secure stream: discarded, Response Failure (0b1111) [8.2];
 *   - effective PRIQEN == 0 (PRIQEN or SMMUEN clear) or GERROR.PRIQ_ABT_ERR active: nothing
 *     written, Response Failure without PASID [8.2];
 *   - queue full: PRIQ_PROD.OVFLG toggles (an overflow becomes active) [8.1];
 *   - overflow active: nothing written; a PPR with Last == 1 gets an automatic response
 *     (Success, with the PASID rules of 8.1: IDR3.PPS, else STE.PPAR; Failure without PASID
 *     if the STE cannot be checked), a PPR with Last == 0 is dropped [8.1];
 *   - a write that aborts: PRIQ_ABT_ERR, and Response Failure for that PPR;
 *   - Stop PASID markers (SSV == 1, LWR == 0b100) are never answered [8.2].
 * CMD_PRI_RESP (priq_cmd_resp, from the command queue) sends software's response [4.5.2].
 *
 * Model choices:
 *  - a PRI queue entry's write that aborts is a synchronous external abort (8.2 lets the
 *    implementation choose): the PPR gets its Response Failure;
 *  - with IDR1.SSIDSIZE == 0 the SMMU has no PASIDs: SSV, X and Priv are written 0 and an
 *    LWR == 0b100 request is an ordinary PPR [8]; a CMD_PRI_RESP with SSV == 1 then behaves
 *    as SSV == 0 (one of the two CONSTRAINED UNPREDICTABLE choices of 4.5.2), with a warning;
 *  - SubstreamID (UNKNOWN when SSV == 0) is written 0 when SSV == 0;
 *  - the STE.PPAR check of an overflow auto-response uses the configuration cache like a
 *    translation, and records no event (CR2.REC_CFG_ATS is RES0: IDR0.ATSRECERR is 0);
 *  - the PRI queue interrupt: with PRIQ_IRQ_CFG2.LO == 0, when an entry makes the queue go
 *    from empty to non-empty; with LO == 1, for every message with L == 1 that is written
 *    (Stop markers included: they have L == 1) or discarded because of an overflow [6.3.36];
 *  - one writer: a PPR that arrives while an entry is being written (a memory callback that
 *    yielded) waits in an IMPLEMENTATION DEFINED buffer of PRIQ_PENDING_MAX requests and is
 *    handled next, in order; a PPR that finds that buffer full is handled like a PPR that
 *    arrives in an overflow (Last == 1: automatic response; Last == 0: dropped), without
 *    OVFLG: the queue itself did not overflow;
 *  - CMD_PRI_RESP and automatic responses are delivered when they are generated (at the
 *    command's consumption): CMD_SYNC gives no guarantee about them [4.7.3].
 */
#include <string.h>

#include "bits.h"
#include "config.h"
#include "priq.h"
#include "regs.h"
#include "regs_layout.h"
#include "cfgcache.h"
#include "strtab.h"

/* Why an automatic response is sent: each has its own code and PASID rule [8.1-8.3]. */
enum priq_auto { AUTO_FAILURE, AUTO_OVERFLOW };

static void priq_deliver(struct smmu *s, const smmu_pri_response *r)
{
    if (r->automatic)
        s->bstats.pri_auto_responses++;
    else
        s->bstats.pri_responses++;
    if (s->bcb.pri_response)
        s->bcb.pri_response(s->env.ctx, r);
}

static bool priq_has_pasids(const struct smmu *s)
{
    return s->cfg.ssid_bits > 0;
}

/* The PASID (SSV) an overflow auto-response carries and its code [8.1, 8.2]. */
static smmu_pri_code priq_overflow_code(struct smmu *s, const smmu_page_request *req, bool *ssv)
{
    *ssv = false;
    if (!req->ssv)
        return SMMU_PRI_SUCCESS; /* no PASID: Success, PPS and PPAR do not matter */
    if (s->bank[BANK_NS].idr[3] & SMMU_IDR3_PPS) {
        *ssv = true;
        return SMMU_PRI_SUCCESS;
    }
    /* IDR3.PPS == 0: STE.PPAR of the StreamID decides. An STE that cannot be checked
     * (SMMUEN == 0, StreamID out of range, fetch abort, ILLEGAL STE) gives Failure. */
    if (!(s->bank[BANK_NS].cr0 & SMMU_CR0_SMMUEN))
        return SMMU_PRI_RESPONSE_FAILURE;
    const struct ste_cfg *ste = cfgc_lookup_ste(s->cfgc, BANK_NS, req->sid);
    struct ste_cfg copy;
    if (!ste) {
        struct smmu_event ev;
        unsigned fetches = 0;
        memset(&ev, 0, sizeof(ev));
        if (strtab_lookup(s, BANK_NS, req->sid, false, &copy, &ev, &fetches)) {
            smmu_log(s, SMMU_LOG_WARN, "PRI overflow auto-response for StreamID 0x%x: "
                     "STE.PPAR cannot be checked (%s): Response Failure without PASID "
                     "(IHI 0070 8.1)", req->sid, ev.type ? smmu_event_name(ev.type)
                                                         : "StreamID outside the table");
            return SMMU_PRI_RESPONSE_FAILURE;
        }
        ste = &copy;
    }
    *ssv = ste->ppar;
    return SMMU_PRI_SUCCESS;
}

/* Send the automatic PRG response to req [8.1-8.3]. */
static void priq_auto_respond(struct smmu *s, const smmu_page_request *req, enum priq_auto why)
{
    smmu_pri_response r;
    memset(&r, 0, sizeof(r));
    r.sec = req->sec;
    r.sid = req->sid;
    r.prgi = req->prgi;
    r.automatic = true;
    if (why == AUTO_OVERFLOW)
        r.code = priq_overflow_code(s, req, &r.ssv);
    else
        r.code = SMMU_PRI_RESPONSE_FAILURE; /* never a PASID [8.2] */
    r.ssid = r.ssv ? req->ssid : 0;
    priq_deliver(s, &r);
}

static bool priq_is_stop_marker(const smmu_page_request *req)
{
    return req->ssv && req->last && !req->write && !req->read; /* LWR == 0b100 [8] */
}

/* The PRI queue interrupt [6.3.36]: LO == 1 signals messages with L == 1, else the
 * empty -> non-empty transition. */
static void priq_irq(struct smmu *s, bool last, bool was_empty)
{
    bool lo = (s->bank[BANK_NS].priq.irq_cfg2 & SMMU_PRIQ_IRQ_CFG2_LO) != 0;
    if (lo ? last : was_empty)
        regs_irq_signal(s, BANK_NS, SMMU_IRQ_PRIQ);
}

/* A PPR that the queue cannot take because an overflow is active (or the hold-back buffer is
 * full): Last == 1 is answered, everything else dropped [8.1]. */
static void priq_discard_overflow(struct smmu *s, const smmu_page_request *req)
{
    if (req->last && !priq_is_stop_marker(req))
        priq_auto_respond(s, req, AUTO_OVERFLOW);
    else
        smmu_log(s, SMMU_LOG_DEBUG, "PRIQ overflow: %s for StreamID 0x%x PRGIndex %u "
                 "discarded without response", priq_is_stop_marker(req) ? "Stop marker"
                                                                          : "Last == 0 request",
                 req->sid, req->prgi);
    /* With LO == 1, an L == 1 message discarded because of an overflow interrupts [6.3.36] */
    if (req->last && (s->bank[BANK_NS].priq.irq_cfg2 & SMMU_PRIQ_IRQ_CFG2_LO))
        regs_irq_signal(s, BANK_NS, SMMU_IRQ_PRIQ);
}

void priq_encode(const smmu_page_request *req, bool pasids, uint64_t e[SMMU_PRIQ_DWORDS])
{
    bool ssv = req->ssv && pasids;
    memset(e, 0, SMMU_PRIQ_DWORDS * sizeof(e[0]));
    smmu_priq_set_StreamID(e, req->sid);
    smmu_priq_set_SSV(e, ssv);
    smmu_priq_set_SubstreamID(e, ssv ? req->ssid : 0);
    smmu_priq_set_Last(e, req->last);
    smmu_priq_set_W(e, req->write);
    smmu_priq_set_R(e, req->read);
    /* "When SSV == 0, the X and Priv bits are both 0" [8] */
    smmu_priq_set_Exe(e, ssv && req->exec);
    smmu_priq_set_Priv(e, ssv && req->priv);
    smmu_priq_set_PRGIndex(e, req->prgi);
    smmu_priq_set_PageAddr(e, req->addr >> 12);
}

/* Handle one PPR of the Non-secure interface (the writer: one at a time). */
static void priq_accept(struct smmu *s, const smmu_page_request *req)
{
    struct smmu_bank *b = &s->bank[BANK_NS];
    bool stop = priq_is_stop_marker(req);

    /* [8.2] effective PRIQEN == 0 (SMMUEN == 0 implies it) or PRIQ_ABT_ERR active */
    const char *why = !(b->cr0 & SMMU_CR0_SMMUEN)   ? "SMMUEN is 0"
                      : !(b->cr0 & SMMU_CR0_PRIQEN) ? "PRIQEN is 0"
                      : regs_gerror_active(b, SMMU_GERROR_PRIQ_ABT_ERR) ? "PRIQ_ABT_ERR is active"
                                                                        : NULL;
    if (why) {
        smmu_log(s, SMMU_LOG_WARN, "Page Request from StreamID 0x%x (PRGIndex %u) while %s: "
                 "discarded, %s (IHI 0070 8.2)", req->sid, req->prgi, why,
                 stop ? "Stop marker not answered" : "automatic Response Failure");
        if (!stop)
            priq_auto_respond(s, req, AUTO_FAILURE);
        return;
    }

    unsigned qs = smmu_queue_log2size(b->priq.base, s->cfg.priq_log2max);
    uint32_t prod = b->priq.prod, cons = b->priq.cons;
    if ((prod ^ cons) & SMMU_Q_PROD_OVFLG) {
        /* An active overflow inhibits new entries [8.1] */
        priq_discard_overflow(s, req);
        return;
    }
    if (smmu_queue_full(prod, cons, qs)) {
        b->priq.prod ^= (uint32_t)SMMU_Q_PROD_OVFLG;
        smmu_log(s, SMMU_LOG_WARN, "PRIQ full (PROD 0x%x CONS 0x%x): overflow flagged; Page "
                 "Request from StreamID 0x%x PRGIndex %u discarded (IHI 0070 8.1)", prod, cons,
                 req->sid, req->prgi);
        priq_discard_overflow(s, req);
        return;
    }

    uint64_t e[SMMU_PRIQ_DWORDS];
    priq_encode(req, priq_has_pasids(s), e);
    uint8_t buf[SMMU_PRIQ_ENTRY_BYTES];
    le64_store(buf, e[0]);
    le64_store(buf + 8, e[1]);
    uint32_t resets = s->priq_resets;
    uint64_t pa = smmu_queue_base_pa(b->priq.base, qs, SMMU_PRIQ_ENTRY_BYTES) +
                  (uint64_t)(prod & smmu_queue_idx_mask(qs)) * SMMU_PRIQ_ENTRY_BYTES;
    smmu_mem_attrs at = smmu_cr1_attrs((uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_IC, b->cr1),
                                       (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_OC, b->cr1),
                                       (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_SH, b->cr1));
    if (smmu_mem_write(s, pa, b->pas, buf, sizeof(buf), &at, ORIG_PRIQ)) {
        smmu_log(s, SMMU_LOG_ERROR, "PRIQ: write of the entry for StreamID 0x%x PRGIndex %u "
                 "to 0x%llx aborted: PRIQ_ABT_ERR, PRI queue writes stop (IHI 0070 8.2)",
                 req->sid, req->prgi, (unsigned long long)pa);
        regs_gerror_activate(s, BANK_NS, SMMU_GERROR_PRIQ_ABT_ERR);
        if (!stop)
            priq_auto_respond(s, req, AUTO_FAILURE); /* synchronous abort (model choice) */
        return;
    }
    /* The write may have yielded: software may have disabled the queue and rewritten PROD
     * meanwhile. The entry is not published over the value software chose; the PPR gets the
     * response of a disabled queue. */
    if (((b->priq.prod ^ prod) & ~(uint32_t)SMMU_Q_PROD_OVFLG) || s->priq_resets != resets ||
        !(b->cr0 & SMMU_CR0_PRIQEN) || !(b->cr0 & SMMU_CR0_SMMUEN)) {
        smmu_log(s, SMMU_LOG_WARN, "PRIQ disabled, reset or PROD rewritten (0x%x -> 0x%x) while "
                 "the entry for StreamID 0x%x was written at 0x%llx: entry discarded", prod,
                 b->priq.prod, req->sid, (unsigned long long)pa);
        if (!stop)
            priq_auto_respond(s, req, AUTO_FAILURE);
        return;
    }
    bool was_empty = smmu_queue_empty(prod, b->priq.cons, qs);
    b->priq.prod = (b->priq.prod & (uint32_t)SMMU_Q_PROD_OVFLG) | smmu_queue_inc(prod, qs);
    s->bstats.priq_entries++;
    priq_irq(s, req->last, was_empty);
}

smmu_status smmu_pri_page_request(smmu_t *s, const smmu_page_request *req)
{
    if (!s || !req)
        return SMMU_E_INVAL;
    if ((unsigned)req->sec > SMMU_SEC_REALM || req->prgi > 0x1FF ||
        (req->ssv && req->ssid > 0xFFFFF)) {
        smmu_log(s, SMMU_LOG_ERROR, "smmu_pri_page_request: bad request (sec %u, PRGIndex %u "
                 "> 511 or SubstreamID 0x%x > 20 bits)", (unsigned)req->sec, req->prgi,
                 req->ssid);
        return SMMU_E_INVAL;
    }
    s->bstats.page_requests++;
    smmu_page_request r = *req;
    r.addr &= ~UINT64_C(0xFFF);
    if (!priq_has_pasids(s) && r.ssv) {
        /* No PASIDs: the prefix is not used, SSV reads 0 and X/Priv are 0 [8] */
        r.ssv = false;
        r.exec = r.priv = false;
    }
    r.ssid = r.ssv ? r.ssid : 0;
    r.sec = smmu_bank_of(s, req->sec) == BANK_S ? SMMU_SEC_SECURE : SMMU_SEC_NS;

    if (r.sec == SMMU_SEC_SECURE) {
        /* [8.2] "A PPR received from a Secure stream is discarded": Response Failure */
        smmu_log(s, SMMU_LOG_WARN, "Page Request from Secure StreamID 0x%x: discarded, %s "
                 "(IHI 0070 8.2)", r.sid, priq_is_stop_marker(&r) ? "Stop marker not answered"
                                                                  : "automatic Response Failure");
        if (!priq_is_stop_marker(&r))
            priq_auto_respond(s, &r, AUTO_FAILURE);
        return SMMU_OK;
    }
    if (!s->cfg.pri) {
        smmu_log(s, SMMU_LOG_WARN, "Page Request from StreamID 0x%x but IDR0.PRI is 0: "
                 "discarded without response", r.sid);
        return SMMU_OK;
    }

    if (s->priq_active) {
        if (s->priq_pend_count == PRIQ_PENDING_MAX) {
            smmu_log(s, SMMU_LOG_WARN, "PRIQ: %u Page Requests already wait for the write in "
                     "flight: StreamID 0x%x PRGIndex %u handled as in an overflow",
                     PRIQ_PENDING_MAX, r.sid, r.prgi);
            priq_discard_overflow(s, &r);
            return SMMU_OK;
        }
        unsigned tail = (s->priq_pend_head + s->priq_pend_count) % PRIQ_PENDING_MAX;
        s->priq_pend[tail] = r;
        s->priq_pend_count++;
        return SMMU_OK;
    }
    s->priq_active = true;
    priq_accept(s, &r);
    while (s->priq_pend_count) {
        smmu_page_request next = s->priq_pend[s->priq_pend_head];
        s->priq_pend_head = (uint8_t)((s->priq_pend_head + 1) % PRIQ_PENDING_MAX);
        s->priq_pend_count--;
        priq_accept(s, &next);
    }
    s->priq_active = false;
    return SMMU_OK;
}

void priq_cmd_resp(struct smmu *s, unsigned bank, const uint64_t cmd[SMMU_CMD_DWORDS])
{
    /* [4.5.2] IGNORED when SMMUEN is 0 for the queue's Security state (legality was checked
     * by cmdq_decode) */
    if (!(s->bank[bank].cr0 & SMMU_CR0_SMMUEN)) {
        smmu_log(s, SMMU_LOG_WARN, "CMD_PRI_RESP for StreamID 0x%x ignored: %sSMMUEN is 0 "
                 "(IHI 0070 4.5.2)", (unsigned)smmu_cmd_StreamID(cmd),
                 bank == BANK_S ? "S_" : "");
        return;
    }
    static const smmu_pri_code codes[3] = {SMMU_PRI_RESPONSE_FAILURE, SMMU_PRI_INVALID_REQUEST,
                                           SMMU_PRI_SUCCESS};
    smmu_pri_response r;
    memset(&r, 0, sizeof(r));
    r.sec = SMMU_SEC_NS; /* on the Secure queue the StreamID is Non-secure [4.5.2] */
    r.sid = (uint32_t)smmu_cmd_StreamID(cmd);
    r.ssv = smmu_cmd_SSV(cmd);
    if (r.ssv && !priq_has_pasids(s)) {
        smmu_log(s, SMMU_LOG_WARN, "CMD_PRI_RESP for StreamID 0x%x has SSV=1 but the SMMU has "
                 "no SubstreamIDs: sent without PASID (CONSTRAINED UNPREDICTABLE, IHI 0070 "
                 "4.5.2)", r.sid);
        r.ssv = false;
    }
    r.ssid = r.ssv ? (uint32_t)smmu_cmd_SubstreamID(cmd) : 0;
    r.prgi = (uint16_t)smmu_cmd_PRGIndex(cmd);
    r.code = codes[smmu_cmd_Resp(cmd) % 3]; /* 0b11 is ILLEGAL (cmdq_decode) */
    priq_deliver(s, &r);
}

void priq_reset(struct smmu *s)
{
    s->priq_resets++;
    while (s->priq_pend_count) {
        smmu_page_request req = s->priq_pend[s->priq_pend_head];
        s->priq_pend_head = (uint8_t)((s->priq_pend_head + 1) % PRIQ_PENDING_MAX);
        s->priq_pend_count--;
        smmu_log(s, SMMU_LOG_WARN, "reset: Page Request from StreamID 0x%x (PRGIndex %u) held "
                 "back behind a PRI queue write: discarded, %s (IHI 0070 8.2)", req.sid,
                 req.prgi, priq_is_stop_marker(&req) ? "Stop marker not answered"
                                                     : "automatic Response Failure");
        if (!priq_is_stop_marker(&req))
            priq_auto_respond(s, &req, AUTO_FAILURE);
    }
    s->priq_pend_head = 0;
}
