/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Event records and the event queue [IHI 0070 7.2-7.4].
 *
 * The encoder writes, for each event type, only the fields its record defines (the rest is
 * RES0); the decoder reads back the same fields. Field positions: cmd_evt_layout.h.
 *
 * Model choices:
 *  - the event queue interrupt is signalled when a record makes the queue go from empty to
 *    non-empty (the trigger IHI 0070 3.18.2 names), judged against CONS at the time the new
 *    PROD is published; not on overflow, nor for records added to a non-empty queue;
 *  - F_BAD_ATS_TREQ [7.3.6] (ats.c) has R/W/X/PRIV/Span fields whose positions the spec text
 *    lost with its figure: they are encoded at the E_PAGE_REQUEST positions, the requested
 *    R/W/X in uR/uW/uX for an unprivileged request, in pR/pW/pX for a privileged one, Span
 *    and InputAddr[63:12] as E_PAGE_REQUEST's; F_TRANSL_FORBIDDEN [7.3.8] has RnW [99] and
 *    InputAddr [191:128];
 *  - IMPLEMENTATION DEFINED events 0xE0-0xEF carry StreamID, SSV and SubstreamID only;
 *  - one writer per queue: a record asked for while another is being written (a memory
 *    callback that yielded) waits in an IMPLEMENTATION DEFINED internal buffer of
 *    EVTQ_PENDING_MAX records and is written next, in order; a record that finds the buffer
 *    full is lost (stats.events_dropped, no OVFLG: the queue did not overflow).
 */
#include <string.h>

#include "bits.h"
#include "smmuv3/arch.h"
#include "evtq.h"
#include "regs.h"
#include "regs_layout.h"
#include "stall.h"

/* Which optional field groups a record type has [IHI 0070 7.3.x]. */
#define EF_SSID (1u << 0)       /* SSV + SubstreamID */
#define EF_REASON (1u << 1)     /* Reason [79:64] */
#define EF_GPCF (1u << 2)
#define EF_ACCESS (1u << 3)     /* PnU, InD, RnW */
#define EF_INPUT (1u << 4)      /* InputAddr */
#define EF_FETCH (1u << 5)      /* FetchAddr */
#define EF_XLATE (1u << 6)      /* STAG, Stall, NSIPA, TTRnW */
#define EF_S2 (1u << 7)         /* S2, CLASS, IPA */
#define EF_RNW (1u << 8)        /* RnW only */
#define EF_REASON32 (1u << 9)   /* Reason [95:64] */
#define EF_PAGEREQ (1u << 10)   /* uX..pR, Span, InputAddr[63:12] */
#define EF_NOSSV (1u << 11)     /* SubstreamID without SSV (always valid) */

static unsigned evtq_fields_of(unsigned type)
{
    switch (type) {
    case SMMU_EVT_F_UUT:
        return EF_SSID | EF_REASON | EF_ACCESS | EF_INPUT;
    case SMMU_EVT_C_BAD_STREAMID:
    case SMMU_EVT_C_BAD_STE:
    case SMMU_EVT_C_BAD_CD:
        return EF_SSID;
    case SMMU_EVT_F_CFG_CONFLICT:
        return EF_SSID | EF_REASON32;
    case SMMU_EVT_C_BAD_SUBSTREAMID:
        return EF_NOSSV;
    case SMMU_EVT_F_STREAM_DISABLED:
        return 0;
    case SMMU_EVT_F_STE_FETCH:
    case SMMU_EVT_F_CD_FETCH:
    case SMMU_EVT_F_VMS_FETCH:
        return EF_SSID | EF_REASON | EF_GPCF | EF_FETCH;
    case SMMU_EVT_F_WALK_EABT:
        return EF_SSID | EF_REASON | EF_GPCF | EF_ACCESS | EF_S2 | EF_INPUT | EF_FETCH;
    case SMMU_EVT_F_TRANSLATION:
    case SMMU_EVT_F_ADDR_SIZE:
    case SMMU_EVT_F_ACCESS:
    case SMMU_EVT_F_PERMISSION:
        return EF_SSID | EF_XLATE | EF_ACCESS | EF_S2 | EF_INPUT;
    case SMMU_EVT_F_TLB_CONFLICT:
        return EF_SSID | EF_REASON | EF_ACCESS | EF_S2 | EF_INPUT;
    case SMMU_EVT_F_TRANSL_FORBIDDEN:
        return EF_RNW | EF_INPUT;
    case SMMU_EVT_F_BAD_ATS_TREQ:
    case SMMU_EVT_E_PAGE_REQUEST:
        return EF_SSID | EF_PAGEREQ;
    default:
        return (type >= 0xE0 && type <= 0xEF) ? EF_SSID : 0;
    }
}

void evtq_encode(const struct smmu_event *ev, uint64_t rec[4])
{
    unsigned f = evtq_fields_of(ev->type);
    memset(rec, 0, 4 * sizeof(rec[0]));
    smmu_evt_set_EventType(rec, ev->type);
    smmu_evt_set_StreamID(rec, ev->sid);
    if (f & EF_SSID) {
        smmu_evt_set_SSV(rec, ev->ssv);
        smmu_evt_set_SubstreamID(rec, ev->ssv ? ev->ssid : 0);
    }
    if (f & EF_NOSSV)
        smmu_evt_set_SubstreamID(rec, ev->ssid);
    if (f & EF_REASON)
        smmu_evt_set_Reason(rec, ev->reason);
    if (f & EF_REASON32)
        smmu_evt_set_Reason32(rec, ev->reason);
    if (f & EF_GPCF)
        smmu_evt_set_GPCF(rec, ev->gpcf);
    if (f & EF_ACCESS) {
        smmu_evt_set_PnU(rec, ev->pnu);
        smmu_evt_set_InD(rec, ev->ind);
    }
    if (f & (EF_ACCESS | EF_RNW))
        smmu_evt_set_RnW(rec, ev->rnw);
    if (f & EF_XLATE) {
        smmu_evt_set_STAG(rec, ev->stag);
        smmu_evt_set_Stall(rec, ev->stall);
        smmu_evt_set_NSIPA(rec, ev->nsipa);
        smmu_evt_set_TTRnW(rec, ev->cls == EVT_CLASS_TT ? ev->ttrnw : 0);
    }
    if (f & EF_S2) {
        smmu_evt_set_S2(rec, ev->s2);
        if (ev->type != SMMU_EVT_F_TLB_CONFLICT)
            smmu_evt_set_CLASS(rec, ev->cls);
        /* IPA is valid only for stage-2 faults [7.3.12] */
        smmu_evt_set_IPA(rec, ev->s2 ? ev->ipa >> 12 : 0);
    }
    if (f & EF_INPUT)
        smmu_evt_set_InputAddr(rec, ev->input_addr);
    if (f & EF_FETCH)
        smmu_evt_set_FetchAddr(rec, ev->fetch_addr >> 3);
    if (f & EF_PAGEREQ) {
        smmu_evt_set_uX(rec, ev->ux);
        smmu_evt_set_uW(rec, ev->uw);
        smmu_evt_set_uR(rec, ev->ur);
        smmu_evt_set_pX(rec, ev->px);
        smmu_evt_set_pW(rec, ev->pw);
        smmu_evt_set_pR(rec, ev->pr);
        smmu_evt_set_Span(rec, ev->span);
        smmu_evt_set_PageAddr(rec, ev->input_addr >> 12);
    }
}

void evtq_decode(const uint64_t rec[4], struct smmu_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->type = (uint8_t)smmu_evt_EventType(rec);
    unsigned f = evtq_fields_of(ev->type);
    ev->sid = (uint32_t)smmu_evt_StreamID(rec);
    if (f & EF_SSID) {
        ev->ssv = smmu_evt_SSV(rec);
        ev->ssid = (uint32_t)smmu_evt_SubstreamID(rec);
    }
    if (f & EF_NOSSV)
        ev->ssid = (uint32_t)smmu_evt_SubstreamID(rec);
    if (f & EF_REASON)
        ev->reason = (uint32_t)smmu_evt_Reason(rec);
    if (f & EF_REASON32)
        ev->reason = (uint32_t)smmu_evt_Reason32(rec);
    if (f & EF_GPCF)
        ev->gpcf = smmu_evt_GPCF(rec);
    if (f & EF_ACCESS) {
        ev->pnu = smmu_evt_PnU(rec);
        ev->ind = smmu_evt_InD(rec);
    }
    if (f & (EF_ACCESS | EF_RNW))
        ev->rnw = smmu_evt_RnW(rec);
    if (f & EF_XLATE) {
        ev->stag = (uint16_t)smmu_evt_STAG(rec);
        ev->stall = smmu_evt_Stall(rec);
        ev->nsipa = smmu_evt_NSIPA(rec);
        ev->ttrnw = smmu_evt_TTRnW(rec);
    }
    if (f & EF_S2) {
        ev->s2 = smmu_evt_S2(rec);
        ev->cls = (uint8_t)smmu_evt_CLASS(rec);
        ev->ipa = smmu_evt_IPA(rec) << 12;
    }
    if (f & EF_INPUT)
        ev->input_addr = smmu_evt_InputAddr(rec);
    if (f & EF_FETCH)
        ev->fetch_addr = smmu_evt_FetchAddr(rec) << 3;
    if (f & EF_PAGEREQ) {
        ev->ux = smmu_evt_uX(rec);
        ev->uw = smmu_evt_uW(rec);
        ev->ur = smmu_evt_uR(rec);
        ev->px = smmu_evt_pX(rec);
        ev->pw = smmu_evt_pW(rec);
        ev->pr = smmu_evt_pR(rec);
        ev->span = (uint8_t)smmu_evt_Span(rec);
        ev->input_addr = smmu_evt_PageAddr(rec) << 12;
    }
}

static const char *const evtq_names[BANK_COUNT] = {"EVENTQ", "S_EVENTQ", "R_EVENTQ"};

bool evtq_writable(const struct smmu *s, unsigned bank)
{
    const struct smmu_bank *b = &s->bank[bank];
    if (!b->present || !(b->cr0 & SMMU_CR0_EVENTQEN) ||
        regs_gerror_active(b, SMMU_GERROR_EVENTQ_ABT_ERR))
        return false;
    unsigned qs = smmu_queue_log2size(b->eventq.base, s->cfg.eventq_log2max);
    return !smmu_queue_full(b->eventq.prod, b->eventq.cons, qs);
}

/* Write the encoded record `rec` at PROD if the queue is writable (EVENTQEN, no active
 * EVENTQ_ABT_ERR, not full) and publish it [7.4]. Returns true if the record was written.
 * Called by one writer per bank at a time (evtq_record). */
static bool evtq_write(struct smmu *s, unsigned bank, const uint64_t rec[4])
{
    struct smmu_bank *b = &s->bank[bank];
    const char *qn = evtq_names[bank];
    const char *name = smmu_event_name((unsigned)smmu_evt_EventType(rec));

    /* A stall record the queue cannot take is not discarded and causes no overflow: the
     * transaction stays held and is retried when the queue is next writable [3.12.2, 7.4] */
    if (smmu_evt_Stall(rec) && !evtq_writable(s, bank) && stall_not_recorded(s, bank, rec))
        return false;
    if (!b->present || !(b->cr0 & SMMU_CR0_EVENTQEN)) {
        smmu_log(s, SMMU_LOG_DEBUG, "%s disabled: %s for StreamID 0x%x discarded", qn, name,
                 (unsigned)smmu_evt_StreamID(rec));
        s->stats.events_dropped++;
        return false;
    }
    if (regs_gerror_active(b, SMMU_GERROR_EVENTQ_ABT_ERR)) {
        smmu_log(s, SMMU_LOG_DEBUG, "%s: EVENTQ_ABT_ERR active: %s discarded", qn, name);
        s->stats.events_dropped++;
        return false;
    }
    unsigned qs = smmu_queue_log2size(b->eventq.base, s->cfg.eventq_log2max);
    uint32_t prod = b->eventq.prod, cons = b->eventq.cons;
    if (smmu_queue_full(prod, cons, qs)) {
        /* Overflow: toggle OVFLG unless an overflow is already active (OVFLG !=
         * CONS.OVACKFLG) [7.4] */
        if (!((prod ^ cons) & SMMU_Q_PROD_OVFLG)) {
            b->eventq.prod ^= (uint32_t)SMMU_Q_PROD_OVFLG;
            smmu_log(s, SMMU_LOG_WARN, "%s full (PROD 0x%x CONS 0x%x): %s discarded, "
                     "overflow flagged", qn, prod, cons, name);
        }
        s->stats.events_dropped++;
        return false;
    }

    uint8_t buf[SMMU_EVTQ_ENTRY_BYTES];
    for (unsigned i = 0; i < 4; i++)
        le64_store(buf + 8 * i, rec[i]);
    uint64_t pa = smmu_queue_base_pa(b->eventq.base, qs, SMMU_EVTQ_ENTRY_BYTES) +
                  (uint64_t)(prod & smmu_queue_idx_mask(qs)) * SMMU_EVTQ_ENTRY_BYTES;
    smmu_mem_attrs at = smmu_cr1_attrs((uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_IC, b->cr1),
                                       (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_OC, b->cr1),
                                       (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_SH, b->cr1));
    if (smmu_mem_write(s, pa, b->pas, buf, sizeof(buf), &at, ORIG_EVENTQ)) {
        smmu_log(s, SMMU_LOG_ERROR, "%s: write of %s record to 0x%llx aborted: "
                 "EVENTQ_ABT_ERR, event writes stop", qn, name, (unsigned long long)pa);
        regs_gerror_activate(s, bank, SMMU_GERROR_EVENTQ_ABT_ERR);
        /* a stall stays held and is retried after GERRORN [7.2.2] */
        if (!smmu_evt_Stall(rec) || !stall_not_recorded(s, bank, rec))
            s->stats.events_dropped++;
        return false;
    }
    /* The write may have yielded. No other record moves PROD meanwhile (one writer per
     * bank), so a different PROD means software disabled the queue and rewrote PROD: the
     * record is not published over the value software chose. */
    if ((b->eventq.prod ^ prod) & ~(uint32_t)SMMU_Q_PROD_OVFLG) {
        smmu_log(s, SMMU_LOG_WARN, "%s: PROD rewritten (0x%x -> 0x%x) while a %s record was "
                 "written at 0x%llx: record discarded", qn, prod, b->eventq.prod, name,
                 (unsigned long long)pa);
        if (!smmu_evt_Stall(rec) || !stall_not_recorded(s, bank, rec))
            s->stats.events_dropped++;
        return false;
    }
    bool was_empty = smmu_queue_empty(prod, b->eventq.cons, qs);
    b->eventq.prod = (b->eventq.prod & (uint32_t)SMMU_Q_PROD_OVFLG) | smmu_queue_inc(prod, qs);
    s->stats.events_recorded++;
    if (s->env.trace)
        smmu_trace_emit(s, SMMU_TRACE_EVENT, bank, pa, b->pas, rec, 4);
    if (was_empty)
        regs_irq_signal(s, bank, SMMU_IRQ_EVENTQ);
    return true;
}

bool evtq_record(struct smmu *s, unsigned bank, const struct smmu_event *ev)
{
    struct smmu_bank *b = &s->bank[bank];
    uint64_t rec[4];
    evtq_encode(ev, rec);

    /* A memory callback of the writer in progress may yield and let another translation
     * record an event: hold that record back and let the writer in progress write it after
     * its own, so that records reach the queue in the order they were asked for, each once.
     * The hold-back buffer is IMPLEMENTATION DEFINED internal state; when it is full the
     * record is lost like one the queue could not take (counted, no OVFLG: the queue itself
     * did not overflow). */
    if (b->evtq_active) {
        if (b->evtq_pend_count == EVTQ_PENDING_MAX) {
            if (ev->stall && stall_not_recorded(s, bank, rec))
                return false; /* held, retried like a full queue's */
            smmu_log(s, SMMU_LOG_WARN, "%s: %u records already wait for the write in flight: "
                     "%s for StreamID 0x%x discarded", evtq_names[bank], EVTQ_PENDING_MAX,
                     smmu_event_name(ev->type), ev->sid);
            s->stats.events_dropped++;
            return false;
        }
        unsigned tail = (b->evtq_pend_head + b->evtq_pend_count) % EVTQ_PENDING_MAX;
        memcpy(b->evtq_pend[tail], rec, sizeof(rec));
        b->evtq_pend_count++;
        return true;
    }

    b->evtq_active = true;
    bool written = evtq_write(s, bank, rec);
    while (b->evtq_pend_count) {
        memcpy(rec, b->evtq_pend[b->evtq_pend_head], sizeof(rec));
        b->evtq_pend_head = (uint8_t)((b->evtq_pend_head + 1) % EVTQ_PENDING_MAX);
        b->evtq_pend_count--;
        evtq_write(s, bank, rec);
    }
    b->evtq_active = false;
    return written;
}
