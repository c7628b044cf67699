/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: the command queue [IHI 0070 3.5, 4]. Commands are built with the field
 * setters of core/src/cmd_evt_layout.h, written at the driver's PROD index and published with
 * a CMDQ_PROD write; CMD_SYNC completion is observed by polling CMDQ_CONS.
 */
#include <string.h>

#include "drv_internal.h"
#include "smmuv3/arch.h"

/* The Secure queue addresses Secure StreamIDs with SSec=1 [4.1.6]. */
static void drv_cmd_ssec(const smmu_drv *d, uint64_t c[2])
{
    if (d->bank == SMMU_SEC_SECURE)
        smmu_cmd_set_SSec(c, 1);
}

void smmu_drv_cmd_cfgi_ste(const smmu_drv *d, uint64_t c[2], uint32_t sid, bool leaf)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_CFGI_STE);
    drv_cmd_ssec(d, c);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_Leaf(c, leaf);
}

void smmu_drv_cmd_cfgi_cd(const smmu_drv *d, uint64_t c[2], uint32_t sid, uint32_t ssid, bool leaf)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_CFGI_CD);
    drv_cmd_ssec(d, c);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SubstreamID(c, ssid);
    smmu_cmd_set_Leaf(c, leaf);
}

void smmu_drv_cmd_cfgi_all(const smmu_drv *d, uint64_t c[2])
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_CFGI_STE_RANGE); /* Range 31: CMD_CFGI_ALL [4.3.3] */
    drv_cmd_ssec(d, c);
    smmu_cmd_set_Range(c, SMMU_CMD_CFGI_RANGE_ALL);
}

void smmu_drv_cmd_tlbi_nh_va(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va, bool leaf)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_NH_VA);
    smmu_cmd_set_VMID(c, vmid);
    smmu_cmd_set_ASID(c, asid);
    smmu_cmd_set_Addr(c, va >> 12);
    smmu_cmd_set_Leaf(c, leaf);
}

void smmu_drv_cmd_tlbi_nh_all(uint64_t c[2], uint16_t vmid)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_NH_ALL);
    smmu_cmd_set_VMID(c, vmid);
}

void smmu_drv_cmd_tlbi_s2_ipa(const smmu_drv *d, uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    /* The Secure queue invalidates Secure stage 2 with its own opcode [4.4] */
    smmu_cmd_set_Opcode(c, d->bank == SMMU_SEC_SECURE ? SMMU_CMD_TLBI_S_S2_IPA : SMMU_CMD_TLBI_S2_IPA);
    smmu_cmd_set_VMID(c, vmid);
    smmu_cmd_set_IPA(c, ipa >> 12);
    smmu_cmd_set_Leaf(c, leaf);
}

/* TG: 01 4KB, 10 16KB, 11 64KB [4.4.1.1] */
static void drv_cmd_range(uint64_t c[2], unsigned granule, unsigned num, unsigned scale,
                          unsigned ttl)
{
    smmu_cmd_set_TG(c, granule == 65536 ? 3 : granule == 16384 ? 2 : 1);
    smmu_cmd_set_NUM(c, num);
    smmu_cmd_set_SCALE(c, scale);
    smmu_cmd_set_TTL(c, ttl);
}

void smmu_drv_cmd_tlbi_nh_va_range(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va,
                                   bool leaf, unsigned granule, unsigned num, unsigned scale,
                                   unsigned ttl)
{
    smmu_drv_cmd_tlbi_nh_va(c, vmid, asid, va, leaf);
    drv_cmd_range(c, granule, num, scale, ttl);
}

void smmu_drv_cmd_tlbi_s2_ipa_range(const smmu_drv *d, uint64_t c[2], uint16_t vmid,
                                    uint64_t ipa, bool leaf, unsigned granule, unsigned num,
                                    unsigned scale, unsigned ttl)
{
    smmu_drv_cmd_tlbi_s2_ipa(d, c, vmid, ipa, leaf);
    drv_cmd_range(c, granule, num, scale, ttl);
}

void smmu_drv_cmd_build_sync(uint64_t c[2])
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_SYNC);
    smmu_cmd_set_CS(c, SMMU_CMD_SYNC_SIG_NONE);
}

static smmu_drv_err drv_cmdq_cons(smmu_drv *d, uint32_t *cons)
{
    return drv_rd32(d, d->page0 + SMMU_CMDQ_CONS, cons);
}

/* Is GERROR.CMDQ_ERR active (GERROR and GERRORN differ) [6.3.14]? */
static smmu_drv_err drv_cmdq_err_active(smmu_drv *d, bool *active, uint32_t *gerrorn)
{
    uint32_t g;
    DRV_TRY(drv_rd32(d, d->page0 + SMMU_GERROR, &g));
    DRV_TRY(drv_rd32(d, d->page0 + SMMU_GERRORN, gerrorn));
    *active = ((g ^ *gerrorn) & SMMU_GERROR_CMDQ_ERR) != 0;
    return SMMU_DRV_OK;
}

/* After a command error [4.1.5]: the SMMU stopped at CONS. Replace the failing command by a
 * CMD_SYNC (harmless) and acknowledge CMDQ_ERR so that consumption resumes. */
static smmu_drv_err drv_cmdq_recover(smmu_drv *d, uint32_t cons, uint32_t gerrorn)
{
    uint64_t c[2];
    d->last_cerror = (unsigned)SMMU_FIELD_GET(SMMU_CMDQ_CONS_ERR, cons);
    smmu_drv_cmd_build_sync(c);
    uint64_t idx = cons & smmu_queue_idx_mask(d->cmdq_log2);
    DRV_TRY(drv_write_words(&d->mem, d->cmdq_base + idx * SMMU_CMDQ_ENTRY_BYTES, d->pas, c, 2));
    return drv_wr32(d, d->page0 + SMMU_GERRORN, gerrorn ^ (uint32_t)SMMU_GERROR_CMDQ_ERR);
}

smmu_drv_err smmu_drv_cmd_submit(smmu_drv *d, const uint64_t cmd[2])
{
    if (!d || !cmd)
        return SMMU_DRV_E_INVAL;
    if (!d->queues_ready)
        return SMMU_DRV_E_STATE;
    unsigned qs = d->cmdq_log2;
    uint32_t cons = 0;
    unsigned i;
    for (i = 0; i < d->poll_limit; i++) {
        DRV_TRY(drv_cmdq_cons(d, &cons));
        if (!smmu_queue_full(d->cmdq_prod, cons, qs))
            break;
    }
    if (i == d->poll_limit)
        return SMMU_DRV_E_CMDQ_FULL;
    uint64_t idx = d->cmdq_prod & smmu_queue_idx_mask(qs);
    DRV_TRY(drv_write_words(&d->mem, d->cmdq_base + idx * SMMU_CMDQ_ENTRY_BYTES, d->pas, cmd, 2));
    d->cmdq_prod = smmu_queue_inc(d->cmdq_prod, qs);
    d->commands_issued++;
    return drv_wr32(d, d->page0 + SMMU_CMDQ_PROD, d->cmdq_prod);
}

void smmu_drv_cmd_atc_inv(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool global,
                          uint64_t addr, unsigned size_log2)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_ATC_INV);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SSV(c, ssv);
    smmu_cmd_set_SubstreamID(c, ssv ? ssid : 0);
    smmu_cmd_set_Global(c, ssv && global);
    smmu_cmd_set_ATC_Size(c, size_log2);
    smmu_cmd_set_Addr(c, size_log2 >= 52 ? 0 : (addr >> 12) & ~((UINT64_C(1) << size_log2) - 1));
}

smmu_drv_err smmu_drv_atc_inv(smmu_drv *d, uint32_t sid, bool ssv, uint32_t ssid, uint64_t addr,
                              uint64_t size)
{
    if (!d || !size)
        return SMMU_DRV_E_INVAL;
    if (!d->feat.ats)
        return SMMU_DRV_E_UNSUPPORTED;
    /* The smallest span 4096 << n, aligned to itself, that holds [addr, addr + size - 1] */
    uint64_t last = addr + size - 1;
    unsigned n = 0;
    while (n < 52 && (addr >> (12 + n)) != (last >> (12 + n)))
        n++;
    uint64_t c[2];
    smmu_drv_cmd_atc_inv(c, sid, ssv, ssid, false, addr, n);
    return drv_cmd_and_sync(d, c);
}

smmu_drv_err smmu_drv_cmd_sync(smmu_drv *d)
{
    uint64_t c[2];
    smmu_drv_cmd_build_sync(c);
    DRV_TRY(smmu_drv_cmd_submit(d, c));
    smmu_drv_err result = SMMU_DRV_OK;
    for (unsigned i = 0; i < d->poll_limit; i++) {
        uint32_t cons, gerrorn;
        bool err;
        DRV_TRY(drv_cmdq_err_active(d, &err, &gerrorn));
        DRV_TRY(drv_cmdq_cons(d, &cons));
        if (err) {
            DRV_TRY(drv_cmdq_recover(d, cons, gerrorn));
            result = SMMU_DRV_E_CMDQ_ERR;
            continue;
        }
        if (smmu_queue_empty(d->cmdq_prod, cons, d->cmdq_log2))
            return result;
    }
    return SMMU_DRV_E_TIMEOUT;
}

smmu_drv_err drv_cmd_and_sync(smmu_drv *d, const uint64_t cmd[2])
{
    DRV_TRY(smmu_drv_cmd_submit(d, cmd));
    return smmu_drv_cmd_sync(d);
}

void smmu_drv_cmd_resume(const smmu_drv *d, uint64_t c[2], uint32_t sid, uint16_t stag,
                         smmu_drv_resume_action action)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_RESUME);
    drv_cmd_ssec(d, c);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_STAG(c, stag);
    smmu_cmd_set_Ac(c, action == SMMU_DRV_RESUME_RETRY);
    smmu_cmd_set_Ab(c, action == SMMU_DRV_RESUME_ABORT);
}

void smmu_drv_cmd_stall_term(const smmu_drv *d, uint64_t c[2], uint32_t sid)
{
    memset(c, 0, 2 * sizeof(uint64_t));
    smmu_cmd_set_Opcode(c, SMMU_CMD_STALL_TERM);
    drv_cmd_ssec(d, c);
    smmu_cmd_set_StreamID(c, sid);
}

smmu_drv_err smmu_drv_resume(smmu_drv *d, uint32_t sid, uint16_t stag,
                             smmu_drv_resume_action action)
{
    uint64_t c[2];
    if (!d || (unsigned)action > SMMU_DRV_RESUME_RAZWI)
        return SMMU_DRV_E_INVAL;
    smmu_drv_cmd_resume(d, c, sid, stag, action);
    return drv_cmd_and_sync(d, c);
}

smmu_drv_err smmu_drv_stall_term(smmu_drv *d, uint32_t sid)
{
    uint64_t c[2];
    if (!d)
        return SMMU_DRV_E_INVAL;
    smmu_drv_cmd_stall_term(d, c, sid);
    return drv_cmd_and_sync(d, c);
}
