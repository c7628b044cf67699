/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: stage-1 and stage-2 translation tables for the 4KB, 16KB and 64KB granules
 * [Arm ARM D8.2 (geometry), D8.3 (descriptors)], map and unmap with TLB invalidation
 * [IHI 0070 4.4]. Walks are iterative; tables are read back from memory (no shadow copy).
 */
#include <string.h>

#include "drv_internal.h"
#include "drv_pgtable.h"

static unsigned pt_stride(const smmu_drv_pgtable *pt) { return pt->granule_shift - 3; }

/* log2 of the size one descriptor at `level` maps */
static unsigned pt_shift(const smmu_drv_pgtable *pt, int level)
{
    return pt->granule_shift + (unsigned)(3 - level) * pt_stride(pt);
}

static uint64_t pt_index(const smmu_drv_pgtable *pt, uint64_t va, int level)
{
    unsigned bits = level == pt->start_level ? pt->cfg.ia_bits - pt_shift(pt, level)
                                             : pt_stride(pt);
    return (va >> pt_shift(pt, level)) & ((UINT64_C(1) << bits) - 1);
}

/* Levels that may hold a block with 48-bit output addresses [D8.2.x]: 4KB: 1 (1GB), 2 (2MB);
 * 16KB: 2 (32MB); 64KB: 2 (512MB). Level 3 holds pages. */
static bool pt_leaf_allowed(const smmu_drv_pgtable *pt, int level)
{
    if (level == 3)
        return true;
    if (pt->granule_shift == 12)
        return level == 1 || level == 2;
    return level == 2;
}

static uint64_t pt_oa_mask(const smmu_drv_pgtable *pt)
{
    return DESC_OA & ~((UINT64_C(1) << pt->granule_shift) - 1);
}

static uint64_t pt_leaf(const smmu_drv_pgtable *pt, uint64_t pa, int level, unsigned prot)
{
    uint64_t desc = DESC_VALID | (level == 3 ? DESC_PAGE : 0) | (pa & pt_oa_mask(pt)) | DESC_AF;
    bool device = prot & SMMU_DRV_PROT_DEVICE;
    if (!device)
        desc |= SMMU_FIELD_PREP(DESC_SH, 3); /* Normal memory: Inner Shareable */
    if (pt->cfg.stage == 1) {
        desc |= SMMU_FIELD_PREP(DESC_ATTRINDX, device ? DRV_ATTR_DEVICE : DRV_ATTR_NORMAL);
        desc |= DESC_NG; /* tagged with the CD's ASID */
        if (!(prot & SMMU_DRV_PROT_WRITE))
            desc |= DESC_AP_RO;
        if (!(prot & SMMU_DRV_PROT_PRIV))
            desc |= DESC_AP_EL0;
        /* Execute: unprivileged code runs from unprivileged mappings (UXN=0, PXN=1),
         * privileged code from privileged ones (UXN=1, PXN=0). */
        if (!(prot & SMMU_DRV_PROT_EXEC))
            desc |= DESC_UXN | DESC_PXN;
        else if (prot & SMMU_DRV_PROT_PRIV)
            desc |= DESC_UXN;
        else
            desc |= DESC_PXN;
        if (prot & SMMU_DRV_PROT_NS)
            desc |= DESC_NS;
    } else {
        desc |= SMMU_FIELD_PREP(DESC_MEMATTR, device ? DRV_S2_MEMATTR_DEVICE : DRV_S2_MEMATTR_NORMAL);
        if (prot & SMMU_DRV_PROT_READ)
            desc |= DESC_S2AP_R;
        if (prot & SMMU_DRV_PROT_WRITE)
            desc |= DESC_S2AP_W;
        if (!(prot & SMMU_DRV_PROT_EXEC))
            desc |= DESC_UXN; /* XN[1:0] = 0b10: not executable */
        if (prot & SMMU_DRV_PROT_NS)
            desc |= DESC_S2_NS; /* Realm stage 2 only (checked by smmu_drv_map) */
    }
    return desc;
}

static bool desc_is_table(uint64_t desc, int level)
{
    return level < 3 && (desc & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE);
}

static smmu_drv_err pt_rd(const smmu_drv_pgtable *pt, uint64_t addr, uint64_t *desc)
{
    return drv_read_words(&pt->mem, addr, pt->cfg.pas, desc, 1);
}

static smmu_drv_err pt_wr(const smmu_drv_pgtable *pt, uint64_t addr, uint64_t desc)
{
    return drv_write_words(&pt->mem, addr, pt->cfg.pas, &desc, 1);
}

static smmu_drv_err pt_new_table(smmu_drv_pgtable *pt, uint64_t *addr)
{
    size_t g = (size_t)1 << pt->granule_shift;
    DRV_TRY(drv_alloc_zeroed(&pt->mem, g, g, pt->cfg.pas, addr));
    pt->tables++;
    return SMMU_DRV_OK;
}

void smmu_drv_pgtable_default_bits(unsigned oas_bits, unsigned stage, unsigned *ia_bits,
                                   unsigned *oa_bits)
{
    /* The descriptor formats this library writes hold 48-bit output addresses (no LPA/LPA2) */
    const unsigned max_oa = oas_bits < 48 ? oas_bits : 48;
    *oa_bits = max_oa;
    *ia_bits = stage == 1 ? 48 : (max_oa < 40 ? max_oa : 40);
}

smmu_drv_err smmu_drv_pgtable_init(smmu_drv *d, smmu_drv_pgtable *pt, const smmu_drv_pgtable_cfg *cfg)
{
    if (!d || !pt || !cfg || (cfg->stage != 1 && cfg->stage != 2))
        return SMMU_DRV_E_INVAL;
    memset(pt, 0, sizeof(*pt));
    pt->cfg = *cfg;
    pt->bank = d->bank;
    if (cfg->stage == 1 ? !d->feat.s1 : !d->feat.s2)
        return SMMU_DRV_E_UNSUPPORTED;
    switch (cfg->granule) {
    case 4096: pt->granule_shift = 12; break;
    case 16384: pt->granule_shift = 14; break;
    case 65536: pt->granule_shift = 16; break;
    default: return SMMU_DRV_E_INVAL;
    }
    if ((pt->granule_shift == 12 && !d->feat.gran4k) ||
        (pt->granule_shift == 14 && !d->feat.gran16k) ||
        (pt->granule_shift == 16 && !d->feat.gran64k))
        return SMMU_DRV_E_UNSUPPORTED;
    unsigned dflt_ia, max_oa;
    smmu_drv_pgtable_default_bits(d->feat.oas_bits, cfg->stage, &dflt_ia, &max_oa);
    if (!pt->cfg.oa_bits)
        pt->cfg.oa_bits = max_oa;
    if (!pt->cfg.ia_bits)
        pt->cfg.ia_bits = dflt_ia;
    if (pt->cfg.oa_bits > max_oa || pt->cfg.oa_bits < 32)
        return SMMU_DRV_E_UNSUPPORTED;
    /* T0SZ / S2T0SZ range: IA 25..48 bits (T0SZ 16..39), stage 2 IAS <= OAS [5.2, 5.4] */
    if (pt->cfg.ia_bits < 25 || pt->cfg.ia_bits > 48 ||
        (cfg->stage == 2 && pt->cfg.ia_bits > d->feat.oas_bits))
        return SMMU_DRV_E_UNSUPPORTED;
    if (cfg->mem) {
        pt->mem = *cfg->mem;
    } else {
        pt->mem = d->mem;
        pt->cfg.pas = d->pas;
    }
    pt->cfg.mem = NULL; /* the copy in pt->mem is the one used */

    unsigned g = pt->granule_shift, stride = g - 3, ia = pt->cfg.ia_bits;
    if (cfg->stage == 1) {
        /* the level whose single table resolves the top bits [D8.2.x] */
        unsigned levels = (ia - g + stride - 1) / stride;
        pt->start_level = 4 - (int)levels;
    } else {
        /* the deepest level from which at most 16 concatenated tables cover the IPA
         * [D8.2.x concatenation]; 4KB starts at level 0..2, 16KB/64KB at 1..3 */
        int lo = g == 12 ? 0 : 1, hi = g == 12 ? 2 : 3;
        pt->start_level = lo;
        for (int l = hi; l >= lo; l--) {
            if (ia <= pt_shift(pt, l) + stride + 4) {
                pt->start_level = l;
                break;
            }
        }
        if (ia > pt_shift(pt, pt->start_level) + stride + 4 || ia <= pt_shift(pt, pt->start_level))
            return SMMU_DRV_E_UNSUPPORTED;
    }
    uint64_t entries = UINT64_C(1) << (ia - pt_shift(pt, pt->start_level));
    uint64_t bytes = entries * 8, gsz = UINT64_C(1) << g;
    if (bytes < gsz)
        bytes = gsz;
    pt->root_tables = (unsigned)(bytes >> g);
    DRV_TRY(drv_alloc_zeroed(&pt->mem, bytes, bytes, pt->cfg.pas, &pt->root));
    pt->tables = pt->root_tables;
    return SMMU_DRV_OK;
}

static bool pt_range_ok(uint64_t va, uint64_t size, unsigned bits)
{
    uint64_t limit = UINT64_C(1) << bits;
    return size && va < limit && size <= limit - va;
}

/* One pass over [iova, iova + size): with dry set, check that nothing is mapped; else map. */
static smmu_drv_err pt_map_pass(smmu_drv_pgtable *pt, uint64_t iova, uint64_t pa, uint64_t size,
                                unsigned prot, bool dry)
{
    while (size) {
        int leaf = 3;
        for (int l = pt->start_level; l < 3; l++) {
            uint64_t bs = UINT64_C(1) << pt_shift(pt, l);
            if (pt_leaf_allowed(pt, l) && !((iova | pa) & (bs - 1)) && size >= bs) {
                leaf = l;
                break;
            }
        }
        bool free_below = false;
        for (;;) {
            uint64_t table = pt->root, desc = 0, slot = 0;
            int l;
            for (l = pt->start_level; l <= leaf; l++) {
                slot = table + pt_index(pt, iova, l) * 8;
                DRV_TRY(pt_rd(pt, slot, &desc));
                if (l == leaf)
                    break;
                if (!(desc & DESC_VALID)) {
                    if (dry) {
                        free_below = true;
                        break;
                    }
                    uint64_t t;
                    DRV_TRY(pt_new_table(pt, &t));
                    DRV_TRY(pt_wr(pt, slot, DESC_VALID | DESC_TABLE | (t & pt_oa_mask(pt))));
                    table = t;
                } else if (desc_is_table(desc, l)) {
                    table = desc & pt_oa_mask(pt);
                } else {
                    return SMMU_DRV_E_EXISTS; /* a block covers it */
                }
            }
            if (free_below)
                break;
            if (desc & DESC_VALID) {
                if (desc_is_table(desc, leaf)) {
                    leaf++; /* a table is there already: map at the next level inside it */
                    continue;
                }
                return SMMU_DRV_E_EXISTS;
            }
            if (!dry)
                DRV_TRY(pt_wr(pt, slot, pt_leaf(pt, pa, leaf, prot)));
            break;
        }
        uint64_t step = UINT64_C(1) << pt_shift(pt, leaf);
        iova += step;
        pa += step;
        size -= step;
        if (!dry)
            pt->mapped_bytes += step;
    }
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_map(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t pa,
                          uint64_t size, unsigned prot)
{
    if (!d || !pt || !pt->root)
        return SMMU_DRV_E_INVAL;
    uint64_t gmask = (UINT64_C(1) << pt->granule_shift) - 1;
    if ((iova | pa | size) & gmask)
        return SMMU_DRV_E_INVAL;
    if (!pt_range_ok(iova, size, pt->cfg.ia_bits) || !pt_range_ok(pa, size, pt->cfg.oa_bits))
        return SMMU_DRV_E_RANGE;
    if (pt->cfg.stage == 2 && !(prot & (SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE)))
        return SMMU_DRV_E_INVAL; /* a stage-2 mapping without access is an unmapping */
    /* Bit 55 of a stage-2 descriptor is the NS bit only in Realm tables [3.10.3]; elsewhere
     * it is for software use and selects nothing. */
    if (pt->cfg.stage == 2 && (prot & SMMU_DRV_PROT_NS) && pt->bank != SMMU_SEC_REALM)
        return SMMU_DRV_E_INVAL;
    DRV_TRY(pt_map_pass(pt, iova, pa, size, prot, true));
    return pt_map_pass(pt, iova, pa, size, prot, false);
}

/* Find the leaf mapping va: its slot address, level and value. */
static smmu_drv_err pt_find_leaf(const smmu_drv_pgtable *pt, uint64_t va, uint64_t *slot,
                                 int *level, uint64_t *desc)
{
    uint64_t table = pt->root;
    for (int l = pt->start_level; l <= 3; l++) {
        *slot = table + pt_index(pt, va, l) * 8;
        DRV_TRY(pt_rd(pt, *slot, desc));
        if (!(*desc & DESC_VALID))
            return SMMU_DRV_E_NOT_MAPPED;
        if (!desc_is_table(*desc, l)) {
            if (l < 3 && !pt_leaf_allowed(pt, l))
                return SMMU_DRV_E_NOT_MAPPED; /* not something this library wrote */
            *level = l;
            return SMMU_DRV_OK;
        }
        table = *desc & pt_oa_mask(pt);
    }
    return SMMU_DRV_E_NOT_MAPPED;
}

/* Invalidate one leaf (no range invalidation): TLBI_NH_VA / TLBI_S2_IPA with Leaf=1. */
static smmu_drv_err pt_tlbi_leaf(smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t iova)
{
    uint64_t c[2];
    if (pt->cfg.stage == 1)
        smmu_drv_cmd_tlbi_nh_va(c, pt->cfg.vmid, pt->cfg.asid, iova, true);
    else
        smmu_drv_cmd_tlbi_s2_ipa(d, c, pt->cfg.vmid, iova, true);
    return smmu_drv_cmd_submit(d, c);
}

/* Invalidate a run of leaves of one level [iova, iova + size) by range [4.4.1.1]: each
 * command covers (NUM+1) * 2^SCALE granules, NUM < 32. Taking, from the low end, the lowest
 * set bit of the remaining granule count as SCALE and the 5 bits from there as NUM+1 covers
 * the run exactly, one command per 5-bit window of the count that holds a set bit (a run of
 * up to 32 granules, or any power-of-two multiple of one, is one command). TTL is the level
 * of the leaves (never 0, so NUM=SCALE=TTL=0, reserved, cannot occur). SCALE is 5 bits
 * unless IDR5.DS. */
static smmu_drv_err pt_tlbi_range(smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t iova,
                                  uint64_t size, int level)
{
    const unsigned g = pt->granule_shift, max_scale = d->feat.ds ? 63 : 31;
    const unsigned granule = 1u << g;
    uint64_t pages = size >> g;
    while (pages) {
        unsigned scale = 0;
        while (!((pages >> scale) & 1))
            scale++;
        uint64_t n;
        if (scale > max_scale) {
            scale = max_scale;
            n = pages >> scale;
            if (n > 32)
                n = 32;
        } else {
            n = (pages >> scale) & 31;
            if (n == 0)
                n = 32; /* not reached: bit `scale` is set */
        }
        uint64_t c[2];
        if (pt->cfg.stage == 1)
            smmu_drv_cmd_tlbi_nh_va_range(c, pt->cfg.vmid, pt->cfg.asid, iova, true, granule,
                                          (unsigned)n - 1, scale, (unsigned)level);
        else
            smmu_drv_cmd_tlbi_s2_ipa_range(d, c, pt->cfg.vmid, iova, true, granule,
                                           (unsigned)n - 1, scale, (unsigned)level);
        DRV_TRY(smmu_drv_cmd_submit(d, c));
        uint64_t done = n << scale;
        pages -= done;
        iova += done << g;
    }
    return SMMU_DRV_OK;
}

static smmu_drv_err pt_unmap_pass(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova,
                                  uint64_t size, bool dry)
{
    const bool ril = d->feat.ril;
    uint64_t run_start = 0, run_size = 0;
    int run_level = -1;
    while (size) {
        uint64_t slot, desc;
        int level;
        DRV_TRY(pt_find_leaf(pt, iova, &slot, &level, &desc));
        uint64_t ls = UINT64_C(1) << pt_shift(pt, level);
        if ((iova & (ls - 1)) || size < ls)
            return SMMU_DRV_E_INVAL; /* the range cuts a block: splitting is not supported */
        if (!dry) {
            DRV_TRY(pt_wr(pt, slot, 0));
            pt->mapped_bytes -= ls;
            if (!ril) {
                DRV_TRY(pt_tlbi_leaf(d, pt, iova));
            } else if (level == run_level && run_start + run_size == iova) {
                run_size += ls;
            } else {
                if (run_size)
                    DRV_TRY(pt_tlbi_range(d, pt, run_start, run_size, run_level));
                run_start = iova;
                run_size = ls;
                run_level = level;
            }
        }
        iova += ls;
        size -= ls;
    }
    if (run_size)
        DRV_TRY(pt_tlbi_range(d, pt, run_start, run_size, run_level));
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_unmap(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t size)
{
    if (!d || !pt || !pt->root)
        return SMMU_DRV_E_INVAL;
    if ((iova | size) & ((UINT64_C(1) << pt->granule_shift) - 1))
        return SMMU_DRV_E_INVAL;
    if (!pt_range_ok(iova, size, pt->cfg.ia_bits))
        return SMMU_DRV_E_RANGE;
    if (!d->queues_ready)
        return SMMU_DRV_E_STATE;
    DRV_TRY(pt_unmap_pass(d, pt, iova, size, true));
    DRV_TRY(pt_unmap_pass(d, pt, iova, size, false));
    if (pt->cfg.stage == 2) {
        /* TLBI_S2_IPA leaves combined stage 1+2 entries: drop the VMID's stage-1 entries
         * too [IHI 0070 4.4.3] */
        uint64_t c[2];
        smmu_drv_cmd_tlbi_nh_all(c, pt->cfg.vmid);
        DRV_TRY(smmu_drv_cmd_submit(d, c));
    }
    return smmu_drv_cmd_sync(d);
}

smmu_drv_err smmu_drv_unmap_ats(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t size,
                                uint32_t sid, bool ssv, uint32_t ssid)
{
    DRV_TRY(smmu_drv_unmap(d, pt, iova, size)); /* TLBI ... CMD_SYNC */
    return smmu_drv_atc_inv(d, sid, ssv, ssid, iova, size);
}

smmu_drv_err smmu_drv_iova_to_phys(smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t iova,
                                   uint64_t *pa)
{
    uint64_t slot, desc;
    int level;
    if (!d || !pt || !pa || !pt->root)
        return SMMU_DRV_E_INVAL;
    if (!pt_range_ok(iova, 1, pt->cfg.ia_bits))
        return SMMU_DRV_E_RANGE;
    DRV_TRY(pt_find_leaf(pt, iova, &slot, &level, &desc));
    uint64_t ls = UINT64_C(1) << pt_shift(pt, level);
    *pa = (desc & pt_oa_mask(pt) & ~(ls - 1)) | (iova & (ls - 1));
    return SMMU_DRV_OK;
}
