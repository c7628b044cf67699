/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: the event queue [IHI 0070 3.5, 7]. Records are popped at CONS and decoded
 * with the core's event field table (core/src/cmd_evt_layout.h), so the names printed are the
 * specification's.
 */
#include <stdio.h>
#include <string.h>

#include "drv_internal.h"
#include "smmuv3/arch.h"

void smmu_drv_event_decode(const uint64_t raw[4], smmu_drv_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    memcpy(ev->raw, raw, sizeof(ev->raw));
    ev->type = (unsigned)smmu_evt_EventType(raw);
    ev->name = smmu_event_name(ev->type);
    ev->sid = (uint32_t)smmu_evt_StreamID(raw);
    ev->ssv = smmu_evt_SSV(raw);
    ev->ssid = (uint32_t)smmu_evt_SubstreamID(raw);
    ev->rnw = smmu_evt_RnW(raw);
    ev->pnu = smmu_evt_PnU(raw);
    ev->ind = smmu_evt_InD(raw);
    ev->s2 = smmu_evt_S2(raw);
    ev->cls = (unsigned)smmu_evt_CLASS(raw);
    ev->input_addr = smmu_evt_InputAddr(raw);
    ev->ipa = smmu_evt_IPA(raw) << 12;          /* IPA[55:12] */
    ev->fetch_addr = smmu_evt_FetchAddr(raw) << 3; /* FetchAddr[55:3] */
    /* Stall and STAG exist in the translation faults' records only [7.3.12-7.3.15] */
    if (ev->type >= SMMU_EVT_F_TRANSLATION && ev->type <= SMMU_EVT_F_PERMISSION) {
        ev->stall = smmu_evt_Stall(raw);
        ev->stag = (uint16_t)smmu_evt_STAG(raw);
    }
}

/* The fields each event type has [7.3.x], by the names of the core's field table. */
static const char *const *evt_fields_of(unsigned type)
{
    static const char *const ids[] = {"StreamID", NULL};
    static const char *const uut[] = {"StreamID", "Reason", "PnU", "InD", "RnW", "InputAddr", NULL};
    static const char *const fetch[] = {"StreamID", "Reason", "FetchAddr", NULL};
    static const char *const ats[] = {"StreamID", "InputAddr", NULL};
    static const char *const forbid[] = {"StreamID", "RnW", "InputAddr", NULL};
    static const char *const eabt[] = {"StreamID", "Reason", "PnU", "InD", "RnW", "S2",
                                       "CLASS", "InputAddr", "FetchAddr", NULL};
    static const char *const xlate[] = {"StreamID", "Stall", "STAG", "PnU", "InD", "RnW", "S2",
                                        "CLASS", "InputAddr", "IPA", NULL};
    static const char *const perm[] = {"StreamID", "Stall", "STAG", "PnU", "InD", "RnW", "S2",
                                       "CLASS", "TTRnW", "InputAddr", "IPA", NULL};
    static const char *const conflict[] = {"StreamID", "Reason32", "InputAddr", NULL};
    switch (type) {
    case SMMU_EVT_F_UUT: return uut;
    case SMMU_EVT_F_STE_FETCH:
    case SMMU_EVT_F_CD_FETCH:
    case SMMU_EVT_F_VMS_FETCH: return fetch;
    case SMMU_EVT_F_BAD_ATS_TREQ: return ats;
    case SMMU_EVT_F_TRANSL_FORBIDDEN: return forbid;
    case SMMU_EVT_F_WALK_EABT: return eabt;
    case SMMU_EVT_F_TRANSLATION:
    case SMMU_EVT_F_ADDR_SIZE:
    case SMMU_EVT_F_ACCESS: return xlate;
    case SMMU_EVT_F_PERMISSION: return perm;
    case SMMU_EVT_F_TLB_CONFLICT:
    case SMMU_EVT_F_CFG_CONFLICT: return conflict;
    default: return ids; /* C_BAD_STREAMID, C_BAD_STE, F_STREAM_DISABLED, C_BAD_SUBSTREAMID, ... */
    }
}

static const struct smmu_field_desc *evt_field(const char *name)
{
    for (size_t i = 0; i < smmu_evt_field_count; i++)
        if (strcmp(smmu_evt_field_table[i].name, name) == 0)
            return &smmu_evt_field_table[i];
    return NULL;
}

size_t smmu_drv_event_format(const smmu_drv_event *ev, char *buf, size_t size)
{
    size_t len = 0;
    int n;
    if (!buf || !size)
        return 0;
    buf[0] = '\0';
#define APPEND(...)                                                                              \
    do {                                                                                         \
        n = snprintf(buf + len, size - len, __VA_ARGS__);                                        \
        if (n < 0 || (size_t)n >= size - len)                                                    \
            return size - 1;                                                                     \
        len += (size_t)n;                                                                        \
    } while (0)
    APPEND("%s (0x%02x)", ev->name ? ev->name : smmu_event_name(ev->type), ev->type);
    for (const char *const *f = evt_fields_of(ev->type); *f; f++) {
        const struct smmu_field_desc *fd = evt_field(*f);
        if (!fd)
            continue;
        uint64_t v = smmu_field_get(ev->raw, fd->hi, fd->lo);
        if (strcmp(*f, "IPA") == 0) {
            if (!ev->s2)
                continue; /* IPA is only meaningful for stage-2 faults */
            v <<= 12;
        } else if (strcmp(*f, "FetchAddr") == 0) {
            v <<= 3;
        }
        if (strcmp(*f, "StreamID") == 0) {
            APPEND(" StreamID=0x%llx", (unsigned long long)v);
            /* C_BAD_SUBSTREAMID gives the SubstreamID without SSV [IHI 0070 7.3.9] */
            if (ev->ssv || ev->type == SMMU_EVT_C_BAD_SUBSTREAMID)
                APPEND(" SubstreamID=0x%x", (unsigned)ev->ssid);
        } else if (strcmp(*f, "CLASS") == 0) {
            static const char *const cls[4] = {"CD", "TT", "IN", "RES"};
            APPEND(" CLASS=%s", cls[v & 3]);
        } else if (fd->hi - fd->lo >= 15) {
            APPEND(" %s=0x%llx", *f, (unsigned long long)v);
        } else {
            APPEND(" %s=%llu", *f, (unsigned long long)v);
        }
    }
#undef APPEND
    return len;
}

int smmu_drv_event_pop(smmu_drv *d, smmu_drv_event *ev, bool *overflow)
{
    uint32_t prod, cons;
    if (!d || !ev)
        return SMMU_DRV_E_INVAL;
    if (!d->queues_ready)
        return SMMU_DRV_E_STATE;
    if (overflow)
        *overflow = false;
    DRV_TRY(drv_rd32(d, d->evtq_prod_off, &prod));
    DRV_TRY(drv_rd32(d, d->evtq_cons_off, &cons));
    /* Overflow: PROD.OVFLG differs from CONS.OVACKFLG; acknowledge by copying it [7.4] */
    if ((prod ^ cons) & SMMU_Q_PROD_OVFLG) {
        if (overflow)
            *overflow = true;
        cons = (cons & ~(uint32_t)SMMU_Q_CONS_OVACKFLG) | (prod & (uint32_t)SMMU_Q_PROD_OVFLG);
        DRV_TRY(drv_wr32(d, d->evtq_cons_off, cons));
    }
    unsigned qs = d->evtq_log2;
    if (smmu_queue_empty(prod, cons, qs))
        return 0;
    uint64_t rec[4];
    uint64_t idx = cons & smmu_queue_idx_mask(qs);
    DRV_TRY(drv_read_words(&d->mem, d->evtq_base + idx * SMMU_EVTQ_ENTRY_BYTES, d->pas, rec, 4));
    smmu_drv_event_decode(rec, ev);
    d->evtq_cons = smmu_queue_inc(cons, qs) | (cons & (uint32_t)SMMU_Q_CONS_OVACKFLG);
    DRV_TRY(drv_wr32(d, d->evtq_cons_off, d->evtq_cons));
    return 1;
}
