/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: stream table entries [IHI 0070 5.1, 5.2] and context descriptors [5.4],
 * built with the field setters of core/src/ste_cd_layout.h and published with the update
 * sequences of [3.21.3] (configuration structure update procedure).
 */
#include <string.h>

#include "drv_internal.h"
#include "drv_pgtable.h"
#include "smmuv3/arch.h"

/* ---- 2-level tables of 64-byte entries: stream tables [5.1] and CD tables [5.3] ---- */

/* The level-1 descriptor of entry idx: idx >> split indexes 8-byte descriptors at base. */
static uint64_t drv_l1_addr(uint64_t base, unsigned split, uint32_t idx)
{
    return base + (uint64_t)(idx >> split) * 8;
}

/* A level-1 descriptor's level-2 array, false when the descriptor is invalid. */
typedef bool drv_l1_decode(uint64_t l1, uint64_t *l2);

/* Entry idx of a table at base: linear when split is 0, else entry idx & (2^split - 1) of
 * the level-2 array its level-1 descriptor points to. */
static smmu_drv_err drv_entry_addr(const smmu_drv_mem *m, smmu_pa_space pas, uint64_t base,
                                   unsigned split, uint32_t idx, drv_l1_decode *l2_of,
                                   uint64_t *addr)
{
    if (!split) {
        *addr = base + (uint64_t)idx * 64;
        return SMMU_DRV_OK;
    }
    uint64_t l1, l2;
    DRV_TRY(drv_read_words(m, drv_l1_addr(base, split, idx), pas, &l1, 1));
    if (!l2_of(l1, &l2))
        return SMMU_DRV_E_NOT_MAPPED;
    *addr = l2 + (uint64_t)(idx & ((1u << split) - 1)) * 64;
    return SMMU_DRV_OK;
}

/* ---- stream table ---- */

/* An L1STD with Span 0 is invalid [5.1]. */
static bool l1std_l2(uint64_t l1, uint64_t *l2)
{
    *l2 = smmu_l1std_L2Ptr(&l1) << 6;
    return smmu_l1std_Span(&l1) != 0;
}

smmu_drv_err smmu_drv_ste_addr(smmu_drv *d, uint32_t sid, uint64_t *addr)
{
    if (!d || !addr)
        return SMMU_DRV_E_INVAL;
    if (!d->enabled && !d->queues_ready)
        return SMMU_DRV_E_STATE;
    if (d->strtab_log2 < 32 && (sid >> d->strtab_log2) != 0)
        return SMMU_DRV_E_RANGE;
    return drv_entry_addr(&d->mem, d->pas, d->strtab_base, d->strtab_split, sid, l1std_l2,
                          addr);
}

/* Give sid's L1STD a level-2 array of 2^SPLIT invalid STEs [5.1]: Span = SPLIT + 1. */
static smmu_drv_err drv_l2_install(smmu_drv *d, uint32_t sid)
{
    uint64_t bytes = UINT64_C(64) << d->strtab_split, l2, l1 = 0;
    DRV_TRY(drv_alloc_zeroed(&d->mem, bytes, bytes, d->pas, &l2));
    smmu_l1std_set_Span(&l1, d->strtab_split + 1);
    smmu_l1std_set_L2Ptr(&l1, l2 >> 6);
    return drv_write_words(&d->mem, drv_l1_addr(d->strtab_base, d->strtab_split, sid), d->pas,
                           &l1, 1);
}

/* {S2SL0} encoding of a start level [5.2 S2SL0]: 4KB 2/1/0 for levels 0/1/2; 16KB and 64KB
 * 2/1/0 for levels 1/2/3. */
static unsigned drv_s2sl0(unsigned granule_shift, int level)
{
    return (unsigned)((granule_shift == 12 ? 2 : 3) - level);
}

smmu_drv_err smmu_drv_ste_encode(const smmu_drv *d, const smmu_drv_ste *cfg, uint64_t ste[8])
{
    if (!d || !cfg || !ste)
        return SMMU_DRV_E_INVAL;
    memset(ste, 0, 8 * sizeof(uint64_t));
    bool s1 = cfg->mode == SMMU_DRV_STE_S1 || cfg->mode == SMMU_DRV_STE_NESTED;
    bool s2 = cfg->mode == SMMU_DRV_STE_S2 || cfg->mode == SMMU_DRV_STE_NESTED;
    switch (cfg->mode) {
    case SMMU_DRV_STE_INVALID: return SMMU_DRV_OK;
    case SMMU_DRV_STE_ABORT: smmu_ste_set_Config(ste, 0); break;
    case SMMU_DRV_STE_BYPASS:
        smmu_ste_set_Config(ste, 4);
        smmu_ste_set_SHCFG(ste, 1); /* use the incoming shareability */
        break;
    case SMMU_DRV_STE_S1: smmu_ste_set_Config(ste, 5); break;
    case SMMU_DRV_STE_S2: smmu_ste_set_Config(ste, 6); break;
    case SMMU_DRV_STE_NESTED: smmu_ste_set_Config(ste, 7); break;
    default: return SMMU_DRV_E_INVAL;
    }
    smmu_ste_set_V(ste, 1);
    if (s1) {
        const smmu_drv_cdtab *cdt = cfg->cdtab;
        if (!cdt)
            return SMMU_DRV_E_INVAL;
        if (!d->feat.s1)
            return SMMU_DRV_E_UNSUPPORTED;
        if (cfg->s1dss > SMMU_DRV_S1DSS_SSID0)
            return SMMU_DRV_E_INVAL;
        smmu_ste_set_S1Fmt(ste, cdt->s1fmt);
        smmu_ste_set_S1ContextPtr(ste, cdt->base >> 6);
        smmu_ste_set_S1CDMax(ste, cdt->s1cdmax);
        /* Without SubstreamIDs (S1CDMax 0) S1DSS is ignored: the single CD applies */
        smmu_ste_set_S1DSS(ste, cdt->s1cdmax ? (unsigned)cfg->s1dss : 0);
        smmu_ste_set_S1CIR(ste, 1);
        smmu_ste_set_S1COR(ste, 1);
        smmu_ste_set_S1CSH(ste, 3);
        smmu_ste_set_S1STALLD(ste, cfg->s1_stall_disable);
        smmu_ste_set_STRW(ste, 0); /* EL1 StreamWorld (NS-EL1 / Secure EL1) */
    }
    if (s2) {
        const smmu_drv_pgtable *pt = cfg->s2;
        if (!pt || pt->cfg.stage != 2)
            return SMMU_DRV_E_INVAL;
        if (!d->feat.s2)
            return SMMU_DRV_E_UNSUPPORTED;
        /* Secure stage 2 (S_S2TTB for the Secure IPA space, SEL2) is not built by this
         * library yet. */
        if (d->bank == SMMU_SEC_SECURE)
            return SMMU_DRV_E_UNSUPPORTED;
        smmu_ste_set_S2VMID(ste, pt->cfg.vmid);
        smmu_ste_set_S2T0SZ(ste, 64 - pt->cfg.ia_bits);
        smmu_ste_set_S2SL0(ste, drv_s2sl0(pt->granule_shift, pt->start_level));
        smmu_ste_set_S2IR0(ste, 1);
        smmu_ste_set_S2OR0(ste, 1);
        smmu_ste_set_S2SH0(ste, 3);
        smmu_ste_set_S2TG(ste, drv_tg0(pt->granule_shift));
        smmu_ste_set_S2PS(ste, drv_ps(pt->cfg.oa_bits));
        smmu_ste_set_S2AA64(ste, 1);
        smmu_ste_set_S2R(ste, 1); /* record stage-2 faults */
        smmu_ste_set_S2S(ste, cfg->s2_stall); /* stall them instead of aborting [3.12] */
        smmu_ste_set_S2TTB(ste, pt->root >> 4);
    }
    if (cfg->eats) {
        /* ATS [5.2 EATS]: full ATS on a translating stream, split-stage only when nested */
        if (!d->feat.ats)
            return SMMU_DRV_E_UNSUPPORTED;
        if (cfg->eats > 2 || (!s1 && !s2) || (cfg->eats == 2 && cfg->mode != SMMU_DRV_STE_NESTED))
            return SMMU_DRV_E_INVAL;
        smmu_ste_set_EATS(ste, cfg->eats);
    }
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_ste_write(smmu_drv *d, uint32_t sid, const smmu_drv_ste *cfg)
{
    uint64_t ste[8], addr, w0;
    bool new_l2 = false;
    if (!d || !cfg)
        return SMMU_DRV_E_INVAL;
    if (!d->queues_ready)
        return SMMU_DRV_E_STATE;
    DRV_TRY(smmu_drv_ste_encode(d, cfg, ste));
    smmu_drv_err e = smmu_drv_ste_addr(d, sid, &addr);
    if (e == SMMU_DRV_E_NOT_MAPPED) {
        DRV_TRY(drv_l2_install(d, sid));
        new_l2 = true;
        e = smmu_drv_ste_addr(d, sid, &addr);
    }
    DRV_TRY(e);
    uint64_t c[2];
    /* Break before make: a valid STE is made invalid and the invalidation completed before
     * the other words change, so the SMMU never sees a mix of old and new words [3.21.3]. */
    DRV_TRY(drv_read_words(&d->mem, addr, d->pas, &w0, 1));
    if (smmu_ste_V(&w0)) {
        smmu_ste_set_V(&w0, 0);
        DRV_TRY(drv_write_words(&d->mem, addr, d->pas, &w0, 1));
        smmu_drv_cmd_cfgi_ste(d, c, sid, true);
        DRV_TRY(drv_cmd_and_sync(d, c));
    }
    DRV_TRY(drv_write_words(&d->mem, addr + 8, d->pas, ste + 1, 7));
    DRV_TRY(drv_write_words(&d->mem, addr, d->pas, ste, 1));
    /* Leaf=0 also drops a cached L1STD (the new level-2 array) [4.3.2] */
    smmu_drv_cmd_cfgi_ste(d, c, sid, !new_l2);
    return drv_cmd_and_sync(d, c);
}

/* ---- context descriptors ---- */

smmu_drv_err smmu_drv_cdtab_init_fmt(smmu_drv *d, smmu_drv_cdtab *cdt, unsigned s1cdmax,
                                     smmu_drv_cd_fmt fmt, const smmu_drv_mem *mem,
                                     smmu_pa_space pas)
{
    if (!d || !cdt || fmt > SMMU_DRV_CD_2L_64K)
        return SMMU_DRV_E_INVAL;
    if (s1cdmax > d->feat.ssid_bits)
        return SMMU_DRV_E_UNSUPPORTED;
    if (fmt == SMMU_DRV_CD_AUTO)
        fmt = d->feat.cd2l && s1cdmax > 6 ? SMMU_DRV_CD_2L_4K : SMMU_DRV_CD_LINEAR;
    if (fmt != SMMU_DRV_CD_LINEAR && !d->feat.cd2l)
        return SMMU_DRV_E_UNSUPPORTED; /* S1Fmt != 00 without IDR0.CD2L is ILLEGAL [5.2] */
    memset(cdt, 0, sizeof(*cdt));
    cdt->mem = mem ? *mem : d->mem;
    cdt->pas = mem ? pas : d->pas;
    cdt->s1cdmax = s1cdmax;
    cdt->s1fmt = fmt == SMMU_DRV_CD_LINEAR ? 0 : fmt == SMMU_DRV_CD_2L_4K ? 1 : 2;
    uint64_t bytes, align;
    if (cdt->s1fmt == 0) {
        /* 2^S1CDMax CDs, aligned to the table's size [5.2 S1ContextPtr] */
        bytes = UINT64_C(64) << s1cdmax;
        align = bytes;
    } else {
        /* One L1CD per leaf table of 2^leaf_bits CDs: SSID[S1CDMax-1:leaf_bits] indexes it
         * (one L1CD when S1CDMax <= leaf_bits); aligned to max(size, 64) [5.3] */
        cdt->leaf_bits = cdt->s1fmt == 1 ? 6 : 10;
        unsigned l1_bits = s1cdmax > cdt->leaf_bits ? s1cdmax - cdt->leaf_bits : 0;
        bytes = UINT64_C(8) << l1_bits;
        align = bytes < 64 ? 64 : bytes;
    }
    /* every CD invalid (V=0) / every L1CD invalid (V=0) */
    return drv_alloc_zeroed(&cdt->mem, bytes, align, cdt->pas, &cdt->base);
}

smmu_drv_err smmu_drv_cdtab_init(smmu_drv *d, smmu_drv_cdtab *cdt, unsigned s1cdmax,
                                 const smmu_drv_mem *mem, smmu_pa_space pas)
{
    return smmu_drv_cdtab_init_fmt(d, cdt, s1cdmax, SMMU_DRV_CD_AUTO, mem, pas);
}

/* An L1CD with V 0 is invalid [5.3]. */
static bool l1cd_l2(uint64_t l1, uint64_t *l2)
{
    *l2 = smmu_l1cd_L2Ptr(&l1) << 12;
    return smmu_l1cd_V(&l1) != 0;
}

smmu_drv_err smmu_drv_cd_addr(const smmu_drv_cdtab *cdt, uint32_t ssid, uint64_t *addr)
{
    if (!cdt || !addr)
        return SMMU_DRV_E_INVAL;
    if ((ssid >> cdt->s1cdmax) != 0)
        return SMMU_DRV_E_RANGE;
    return drv_entry_addr(&cdt->mem, cdt->pas, cdt->base, cdt->s1fmt ? cdt->leaf_bits : 0, ssid,
                          l1cd_l2, addr);
}

/* A leaf table of 2^leaf_bits invalid CDs (4 KB or 64 KB, aligned to its size [5.3]) and the
 * L1CD of ssid pointing to it (V=1, L2Ptr). */
static smmu_drv_err cd_leaf_install(smmu_drv_cdtab *cdt, uint32_t ssid)
{
    uint64_t bytes = UINT64_C(64) << cdt->leaf_bits, leaf, l1 = 0;
    DRV_TRY(drv_alloc_zeroed(&cdt->mem, bytes, bytes, cdt->pas, &leaf));
    smmu_l1cd_set_V(&l1, 1);
    smmu_l1cd_set_L2Ptr(&l1, leaf >> 12);
    DRV_TRY(drv_write_words(&cdt->mem, drv_l1_addr(cdt->base, cdt->leaf_bits, ssid), cdt->pas,
                            &l1, 1));
    cdt->leaves++;
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_cd_encode(const smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t cd[8])
{
    if (!d || !pt || !cd || pt->cfg.stage != 1)
        return SMMU_DRV_E_INVAL;
    memset(cd, 0, 8 * sizeof(uint64_t));
    smmu_cd_set_T0SZ(cd, 64 - pt->cfg.ia_bits);
    smmu_cd_set_TG0(cd, drv_tg0(pt->granule_shift));
    smmu_cd_set_IR0(cd, 1);
    smmu_cd_set_OR0(cd, 1);
    smmu_cd_set_SH0(cd, 3);
    smmu_cd_set_EPD1(cd, 1); /* TTB1 unused: upper-half addresses fault */
    smmu_cd_set_V(cd, 1);
    smmu_cd_set_IPS(cd, drv_ps(pt->cfg.oa_bits));
    smmu_cd_set_AA64(cd, 1);
    smmu_cd_set_R(cd, 1); /* record faults */
    smmu_cd_set_A(cd, 1); /* abort faulting transactions (not RAZ/WI) */
    smmu_cd_set_S(cd, pt->cfg.stall); /* ... or stall them [3.12, 5.5] */
    smmu_cd_set_ASET(cd, 0);
    smmu_cd_set_ASID(cd, pt->cfg.asid);
    smmu_cd_set_TTB0(cd, pt->root >> 4);
    smmu_cd_set_MAIR0(cd, DRV_MAIR & 0xffffffffu);
    smmu_cd_set_MAIR1(cd, DRV_MAIR >> 32);
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_cd_write(smmu_drv *d, smmu_drv_cdtab *cdt, uint32_t sid,
                               uint32_t ssid, const smmu_drv_pgtable *pt)
{
    uint64_t cd[8], w0, c[2], addr;
    bool new_leaf = false;
    if (!d || !cdt || !pt)
        return SMMU_DRV_E_INVAL;
    if (!d->queues_ready)
        return SMMU_DRV_E_STATE;
    if ((ssid >> cdt->s1cdmax) != 0)
        return SMMU_DRV_E_RANGE;
    DRV_TRY(smmu_drv_cd_encode(d, pt, cd));
    smmu_drv_err e = smmu_drv_cd_addr(cdt, ssid, &addr);
    if (e == SMMU_DRV_E_NOT_MAPPED) {
        DRV_TRY(cd_leaf_install(cdt, ssid));
        new_leaf = true;
        e = smmu_drv_cd_addr(cdt, ssid, &addr);
    }
    DRV_TRY(e);
    DRV_TRY(drv_read_words(&cdt->mem, addr, cdt->pas, &w0, 1));
    if (smmu_cd_V(&w0)) {
        smmu_cd_set_V(&w0, 0);
        DRV_TRY(drv_write_words(&cdt->mem, addr, cdt->pas, &w0, 1));
        smmu_drv_cmd_cfgi_cd(d, c, sid, ssid, true);
        DRV_TRY(drv_cmd_and_sync(d, c));
    }
    DRV_TRY(drv_write_words(&cdt->mem, addr + 8, cdt->pas, cd + 1, 7));
    DRV_TRY(drv_write_words(&cdt->mem, addr, cdt->pas, cd, 1));
    /* Leaf=0 also drops a cached L1CD (the new leaf table) [4.3.4] */
    smmu_drv_cmd_cfgi_cd(d, c, sid, ssid, !new_leaf);
    return drv_cmd_and_sync(d, c);
}
