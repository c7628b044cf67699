/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: the PRI queue and PRG responses [IHI 0070 ch. 8, 4.5.2, 6.3.33-36]. Entries
 * are decoded with the PRI queue entry layout of <smmuv3/arch.h> (SMMU_PRIQ_FIELDS).
 */
#include <stdio.h>
#include <string.h>

#include "drv_internal.h"
#include "smmuv3/arch.h"

#define DRV_PRIQ_PROD (SMMU_PAGE1_OFFSET + SMMU_PRIQ_PROD)
#define DRV_PRIQ_CONS (SMMU_PAGE1_OFFSET + SMMU_PRIQ_CONS)

bool drv_priq_wanted(const smmu_drv *d, const smmu_drv_setup_opts *o)
{
    /* There is one PRI queue, in the Non-secure interface [6.2.1] */
    return d->bank == SMMU_SEC_NS && d->feat.pri && d->feat.priq_log2max && !o->no_priq;
}

smmu_drv_err drv_priq_setup(smmu_drv *d, const smmu_drv_setup_opts *o)
{
    d->priq_ready = false;
    if (!drv_priq_wanted(d, o))
        return SMMU_DRV_OK;
    /* 16-byte entries; the base aligned to the queue size, at least 32 bytes [6.3.33] */
    d->priq_log2 = o->priq_log2 ? o->priq_log2 : 7;
    if (d->priq_log2 > d->feat.priq_log2max)
        d->priq_log2 = d->feat.priq_log2max;
    size_t bytes = (size_t)SMMU_PRIQ_ENTRY_BYTES << d->priq_log2;
    size_t align = bytes < 32 ? 32 : bytes;
    DRV_TRY(drv_alloc_zeroed(&d->mem, bytes, align, d->pas, &d->priq_base));
    DRV_TRY(drv_wr64(d, SMMU_PRIQ_BASE,
                     (d->priq_base & SMMU_Q_BASE_ADDR) |
                         SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, d->priq_log2)));
    DRV_TRY(drv_wr32(d, DRV_PRIQ_PROD, 0));
    DRV_TRY(drv_wr32(d, DRV_PRIQ_CONS, 0));
    d->priq_cons = 0;
    d->priq_ready = true; /* PRIQEN is set with the other queue enables */
    return SMMU_DRV_OK;
}

void smmu_drv_pri_decode(const uint64_t raw[2], smmu_drv_pri_request *req)
{
    memset(req, 0, sizeof(*req));
    memcpy(req->raw, raw, sizeof(req->raw));
    req->sid = (uint32_t)smmu_priq_StreamID(raw);
    req->ssv = smmu_priq_SSV(raw);
    req->ssid = req->ssv ? (uint32_t)smmu_priq_SubstreamID(raw) : 0; /* UNKNOWN when SSV == 0 */
    req->addr = smmu_priq_PageAddr(raw) << 12;
    req->prgi = (uint16_t)smmu_priq_PRGIndex(raw);
    req->last = smmu_priq_Last(raw);
    req->write = smmu_priq_W(raw);
    req->read = smmu_priq_R(raw);
    req->exec = smmu_priq_Exe(raw);
    req->priv = smmu_priq_Priv(raw);
    /* LWR == 0b100 with a PASID is a Stop PASID marker; without one, a request [8] */
    req->stop = req->ssv && req->last && !req->write && !req->read;
}

size_t smmu_drv_pri_format(const smmu_drv_pri_request *req, char *buf, size_t size)
{
    if (!buf || !size)
        return 0;
    char ss[32] = "";
    if (req->ssv)
        snprintf(ss, sizeof(ss), " SubstreamID=0x%x", (unsigned)req->ssid);
    int n;
    if (req->stop)
        n = snprintf(buf, size, "Stop marker StreamID=0x%x%s PRGIndex=%u", (unsigned)req->sid,
                     ss, (unsigned)req->prgi);
    else
        n = snprintf(buf, size, "PPR StreamID=0x%x%s PRGIndex=%u addr=0x%llx %s%s%s%s%s",
                     (unsigned)req->sid, ss, (unsigned)req->prgi,
                     (unsigned long long)req->addr, req->read ? "R" : "", req->write ? "W" : "",
                     req->exec ? "X" : "", req->priv ? " Priv" : "", req->last ? " Last" : "");
    return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

int smmu_drv_pri_pop(smmu_drv *d, smmu_drv_pri_request *req, bool *overflow)
{
    uint32_t prod, cons;
    if (!d || !req)
        return SMMU_DRV_E_INVAL;
    if (!d->priq_ready)
        return SMMU_DRV_E_STATE;
    if (overflow)
        *overflow = false;
    DRV_TRY(drv_rd32(d, DRV_PRIQ_PROD, &prod));
    cons = d->priq_cons;
    unsigned qs = d->priq_log2;
    if (smmu_queue_empty(prod, cons, qs)) {
        /* [8.1.1] everything up to PROD.WR processed: acknowledge an overflow now, with the
         * same single CONS write that leaves RD at WR */
        if ((prod ^ cons) & SMMU_Q_PROD_OVFLG) {
            d->priq_cons = (cons & ~(uint32_t)SMMU_Q_CONS_OVACKFLG) |
                           (prod & (uint32_t)SMMU_Q_PROD_OVFLG);
            DRV_TRY(drv_wr32(d, DRV_PRIQ_CONS, d->priq_cons));
            if (overflow)
                *overflow = true;
        }
        return 0;
    }
    uint64_t raw[SMMU_PRIQ_DWORDS];
    uint64_t idx = cons & smmu_queue_idx_mask(qs);
    DRV_TRY(drv_read_words(&d->mem, d->priq_base + idx * SMMU_PRIQ_ENTRY_BYTES, d->pas, raw,
                           SMMU_PRIQ_DWORDS));
    smmu_drv_pri_decode(raw, req);
    /* Free the entry (OVACKFLG unchanged: an overflow is acknowledged once drained) */
    d->priq_cons = smmu_queue_inc(cons, qs) | (cons & (uint32_t)SMMU_Q_CONS_OVACKFLG);
    DRV_TRY(drv_wr32(d, DRV_PRIQ_CONS, d->priq_cons));
    return 1;
}

void smmu_drv_cmd_pri_resp(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, uint16_t prgi,
                           smmu_drv_pri_resp_code resp)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_PRI_RESP);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SSV(c, ssv);
    smmu_cmd_set_SubstreamID(c, ssv ? ssid : 0);
    smmu_cmd_set_PRGIndex(c, prgi);
    smmu_cmd_set_Resp(c, (unsigned)resp);
}

smmu_drv_err smmu_drv_pri_resp(smmu_drv *d, uint32_t sid, bool ssv, uint32_t ssid, uint16_t prgi,
                               smmu_drv_pri_resp_code resp, bool sync)
{
    if (!d || prgi > 0x1FF || ssid > 0xFFFFF || (unsigned)resp > SMMU_DRV_PRI_SUCCESS)
        return SMMU_DRV_E_INVAL;
    if (!d->feat.pri)
        return SMMU_DRV_E_UNSUPPORTED; /* CMD_PRI_RESP is ILLEGAL without IDR0.PRI [4.5.2] */
    uint64_t c[2];
    smmu_drv_cmd_pri_resp(c, sid, ssv, ssid, prgi, resp);
    DRV_TRY(smmu_drv_cmd_submit(d, c));
    return sync ? smmu_drv_cmd_sync(d) : SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_pri_respond(smmu_drv *d, const smmu_drv_pri_request *req,
                                  smmu_drv_pri_resp_code resp)
{
    if (!req)
        return SMMU_DRV_E_INVAL;
    return smmu_drv_pri_resp(d, req->sid, req->ssv, req->ssid, req->prgi, resp, true);
}
