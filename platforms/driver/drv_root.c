/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: the Root control page of an SMMU with RME [IHI 0070 3.25, 6.2.6,
 * 6.3.110-119] and the Granule Protection Table it checks accesses against, in the FEAT_RME
 * format [Arm ARM D9.6-D9.7]. This is what Root firmware (TF-A
 * on Arm systems) does: build the GPT in Root memory, point ROOT_GPT_BASE at it, turn on the
 * granule protection check, invalidate after changes, and read the fault address registers.
 *
 * Choices of this driver (the spec leaves them to software):
 *  - GPT fetches are Inner Shareable, Inner/Outer write-back read/write-allocate
 *    (SH 0b11, IRGN = ORGN = 0b01), as TF-A programs GPCCR_EL3;
 *  - level-1 tables use Granules descriptors only (no Contiguous descriptors); a level-0
 *    region given one GPI as a whole becomes a Block descriptor again (its level-1 table is
 *    left allocated and unused: the allocator has no free);
 *  - ROOT_TLBI by address uses the smallest SIZE (at least the granule) whose naturally aligned
 *    block holds the changed range, with L = 0 (a level-0 descriptor may have changed too),
 *    and ALL when no SIZE holds it.
 */
#include <stdio.h>
#include <string.h>

#include "drv_internal.h"
#include "smmuv3/arch.h"

/* GPT descriptor types [Arm ARM D9.6] */
#define GPT_L0_BLOCK 0x1u
#define GPT_L0_TABLE 0x3u
#define GPT_L1_CONTIG 0x1u
#define GPT_DESC_TYPE SMMU_GENMASK(3, 0)
#define GPT_L0_GPI SMMU_GENMASK(7, 4)
#define GPT_L0_TABLE_ADDR SMMU_GENMASK(51, 12)
#define GPT_GRANULES_ALL UINT64_C(0x1111111111111111) /* times a GPI: 16 granules */

static smmu_drv_err root_rd32(smmu_drv_root *r, unsigned off, uint32_t *v)
{
    return drv_mmio_rd32(&r->mmio, r->page + off, SMMU_PAS_ROOT, v);
}
static smmu_drv_err root_wr32(smmu_drv_root *r, unsigned off, uint32_t v)
{
    return drv_mmio_wr32(&r->mmio, r->page + off, SMMU_PAS_ROOT, v);
}
static smmu_drv_err root_rd64(smmu_drv_root *r, unsigned off, uint64_t *v)
{
    return drv_mmio_rd64(&r->mmio, r->page + off, SMMU_PAS_ROOT, v);
}
static smmu_drv_err root_wr64(smmu_drv_root *r, unsigned off, uint64_t v)
{
    return drv_mmio_wr64(&r->mmio, r->page + off, SMMU_PAS_ROOT, v);
}

static bool gpi_valid(unsigned gpi)
{
    return gpi == SMMU_DRV_GPI_NO_ACCESS || gpi == SMMU_DRV_GPI_SECURE ||
           gpi == SMMU_DRV_GPI_NS || gpi == SMMU_DRV_GPI_ROOT || gpi == SMMU_DRV_GPI_REALM ||
           gpi == SMMU_DRV_GPI_ANY;
}

/* ROOT_GPT_BASE_CFG.PPS encoding [6.3.115]: 32, 36, 40, 42, 44, 48, 52 bits */
static int pps_encoding(unsigned bits)
{
    static const unsigned sizes[] = {32, 36, 40, 42, 44, 48, 52};
    for (unsigned i = 0; i < 7; i++)
        if (sizes[i] == bits)
            return (int)i;
    return -1;
}

smmu_drv_err smmu_drv_root_init(smmu_drv_root *r, const smmu_drv_mmio *mmio,
                                const smmu_drv_mem *mem, uint64_t root_page)
{
    if (!r || !drv_callbacks_valid(mmio, mem))
        return SMMU_DRV_E_INVAL;
    memset(r, 0, sizeof(*r));
    r->mmio = *mmio;
    r->mem = *mem;
    r->page = root_page ? root_page : SMMU_DRV_ROOT_PAGE_DEFAULT;
    r->poll_limit = DRV_DEFAULT_POLLS;
    uint32_t idr0, idr5;
    DRV_TRY(drv_mmio_rd32(mmio, SMMU_IDR0, SMMU_PAS_NS, &idr0));
    DRV_TRY(drv_mmio_rd32(mmio, SMMU_IDR5, SMMU_PAS_NS, &idr5));
    if (!(idr0 & SMMU_IDR0_RME_IMPL))
        return SMMU_DRV_E_UNSUPPORTED;
    DRV_TRY(root_rd32(r, SMMU_ROOT_IDR0, &r->idr0));
    if (!(r->idr0 & SMMU_ROOT_IDR0_ROOT_IMPL))
        return SMMU_DRV_E_UNSUPPORTED; /* not the Root page: wrong offset, or no RME */
    DRV_TRY(root_rd32(r, SMMU_ROOT_IIDR, &r->iidr));
    r->realm_impl = r->idr0 & SMMU_ROOT_IDR0_REALM_IMPL;
    r->rgptm = r->idr0 & SMMU_ROOT_IDR0_RGPTM;
    r->bgptm = r->idr0 & SMMU_ROOT_IDR0_BGPTM;
    if (r->realm_impl)
        r->realm_page0 = SMMU_REALM_BASE(SMMU_FIELD_GET(SMMU_ROOT_IDR0_BA_REALM, r->idr0));
    uint64_t cfg;
    DRV_TRY(root_rd64(r, SMMU_ROOT_GPT_BASE_CFG, &cfg));
    /* L0GPTSZ is read-only: the implementation's level-0 entry size [6.3.115] */
    switch (SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ, cfg)) {
    case 0: r->l0gptsz = 30; break;
    case 4: r->l0gptsz = 34; break;
    case 6: r->l0gptsz = 36; break;
    case 9: r->l0gptsz = 39; break;
    default: return SMMU_DRV_E_UNSUPPORTED;
    }
    static const unsigned oas[8] = {32, 36, 40, 42, 44, 48, 52, 56};
    r->oas_bits = oas[SMMU_FIELD_GET(SMMU_IDR5_OAS, idr5)];
    r->gran4k = idr5 & SMMU_IDR5_GRAN4K;
    r->gran16k = idr5 & SMMU_IDR5_GRAN16K;
    r->gran64k = idr5 & SMMU_IDR5_GRAN64K;
    return SMMU_DRV_OK;
}

/* ---- the GPT in memory ---- */

static smmu_drv_err gpt_rd(smmu_drv_root *r, uint64_t addr, uint64_t *v)
{
    return drv_read_words(&r->mem, addr, SMMU_PAS_ROOT, v, 1);
}
static smmu_drv_err gpt_wr(smmu_drv_root *r, uint64_t addr, uint64_t v)
{
    return drv_write_words(&r->mem, addr, SMMU_PAS_ROOT, &v, 1);
}

/* Fill n descriptors from addr with v. */
static smmu_drv_err gpt_fill(smmu_drv_root *r, uint64_t addr, uint64_t n, uint64_t v)
{
    uint64_t w[8];
    for (unsigned i = 0; i < 8; i++)
        w[i] = v;
    while (n) {
        unsigned k = n < 8 ? (unsigned)n : 8;
        DRV_TRY(drv_write_words(&r->mem, addr, SMMU_PAS_ROOT, w, k));
        addr += 8 * (uint64_t)k;
        n -= k;
    }
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_root_gpt_init(smmu_drv_root *r, unsigned pps, unsigned granule,
                                    unsigned gpi)
{
    if (!r || !r->page || pps_encoding(pps) < 0 || !gpi_valid(gpi))
        return SMMU_DRV_E_INVAL;
    switch (granule) {
    case 4096: r->pgs = 12; break;
    case 16384: r->pgs = 14; break;
    case 65536: r->pgs = 16; break;
    default: return SMMU_DRV_E_INVAL;
    }
    /* PPS beyond the OAS and a PGS of a granule IDR5 lacks are invalid configurations
     * (GPT lookup error CFG_ERR 0) [6.3.115] */
    if (pps > r->oas_bits || (r->pgs == 12 && !r->gran4k) || (r->pgs == 14 && !r->gran16k) ||
        (r->pgs == 16 && !r->gran64k))
        return SMMU_DRV_E_UNSUPPORTED;
    r->pps = pps;
    /* PA[pps-1:L0GPTSZ] indexes the level-0 table; it is aligned to its size, at least
     * 4 KB [Arm ARM D9.6.1] */
    r->l0_entries = pps > r->l0gptsz ? UINT64_C(1) << (pps - r->l0gptsz) : 1;
    uint64_t bytes = r->l0_entries * 8;
    if (bytes < 4096)
        bytes = 4096;
    r->l1_tables = 0;
    DRV_TRY(drv_alloc_zeroed(&r->mem, bytes, bytes, SMMU_PAS_ROOT, &r->gpt_base));
    return gpt_fill(r, r->gpt_base, r->l0_entries, SMMU_FIELD_PREP(GPT_L0_GPI, gpi) | GPT_L0_BLOCK);
}

static uint64_t gpt_l0_addr(const smmu_drv_root *r, uint64_t pa)
{
    uint64_t idx = r->pps > r->l0gptsz ? pa >> r->l0gptsz : 0;
    return r->gpt_base + idx * 8;
}

/* The level-1 descriptor of pa: PA[L0GPTSZ-1:pgs+4] indexes the table. */
static uint64_t gpt_l1_addr(const smmu_drv_root *r, uint64_t l1, uint64_t pa)
{
    return l1 + ((pa >> (r->pgs + 4)) & ((UINT64_C(1) << (r->l0gptsz - r->pgs - 4)) - 1)) * 8;
}

/* The level-1 table of pa's level-0 region, made from a Block descriptor if need be: a
 * table of 2^(L0GPTSZ-pgs-4) Granules descriptors repeating the Block's GPI, complete
 * before the level-0 Table descriptor is written. */
static smmu_drv_err gpt_l1_table(smmu_drv_root *r, uint64_t pa, uint64_t *l1)
{
    uint64_t l0a = gpt_l0_addr(r, pa), d;
    DRV_TRY(gpt_rd(r, l0a, &d));
    if ((d & GPT_DESC_TYPE) == GPT_L0_TABLE) {
        *l1 = d & GPT_L0_TABLE_ADDR;
        return SMMU_DRV_OK;
    }
    if ((d & GPT_DESC_TYPE) != GPT_L0_BLOCK)
        return SMMU_DRV_E_STATE; /* not a GPT this driver built */
    uint64_t entries = UINT64_C(1) << (r->l0gptsz - r->pgs - 4);
    uint64_t bytes = entries * 8; /* 2^(L0GPTSZ-pgs-1) bytes, aligned to its size */
    DRV_TRY(drv_alloc(&r->mem, (size_t)bytes, (size_t)bytes, SMMU_PAS_ROOT, l1));
    DRV_TRY(gpt_fill(r, *l1, entries, SMMU_FIELD_GET(GPT_L0_GPI, d) * GPT_GRANULES_ALL));
    r->l1_tables++;
    return gpt_wr(r, l0a, (*l1 & GPT_L0_TABLE_ADDR) | GPT_L0_TABLE);
}

smmu_drv_err smmu_drv_root_gpt_set(smmu_drv_root *r, uint64_t pa, uint64_t size, unsigned gpi)
{
    if (!r || !r->gpt_base || !gpi_valid(gpi))
        return SMMU_DRV_E_INVAL;
    const uint64_t gmask = (UINT64_C(1) << r->pgs) - 1, limit = UINT64_C(1) << r->pps;
    if (!size || ((pa | size) & gmask))
        return SMMU_DRV_E_INVAL;
    if (pa >= limit || size > limit - pa)
        return SMMU_DRV_E_RANGE;
    const uint64_t pa0 = pa, size0 = size;
    const uint64_t region = UINT64_C(1) << r->l0gptsz;
    while (size) {
        uint64_t base = pa & ~(region - 1);
        uint64_t end = base + region < limit ? base + region : limit;
        uint64_t chunk = end - pa < size ? end - pa : size;
        if (pa == base && chunk == end - base) {
            /* the whole level-0 region: a Block descriptor */
            DRV_TRY(gpt_wr(r, gpt_l0_addr(r, pa), SMMU_FIELD_PREP(GPT_L0_GPI, gpi) | GPT_L0_BLOCK));
        } else {
            uint64_t l1;
            DRV_TRY(gpt_l1_table(r, pa, &l1));
            for (uint64_t a = pa; a < pa + chunk;) {
                /* one Granules descriptor: 16 granules from a 16-granule boundary */
                uint64_t span = UINT64_C(16) << r->pgs;
                uint64_t dbase = a & ~(span - 1);
                uint64_t dend = dbase + span < pa + chunk ? dbase + span : pa + chunk;
                uint64_t da = gpt_l1_addr(r, l1, a), d;
                if (a == dbase && dend == dbase + span) {
                    d = gpi * GPT_GRANULES_ALL;
                } else {
                    DRV_TRY(gpt_rd(r, da, &d));
                    for (uint64_t g = a; g < dend; g += UINT64_C(1) << r->pgs) {
                        unsigned sh = 4 * (unsigned)((g >> r->pgs) & 0xF);
                        d = (d & ~(UINT64_C(0xF) << sh)) | ((uint64_t)gpi << sh);
                    }
                }
                DRV_TRY(gpt_wr(r, da, d));
                a = dend;
            }
        }
        pa += chunk;
        size -= chunk;
    }
    /* GPT information may be cached: invalidate what changed [3.25.2, 6.3.118] */
    if (r->gpc_enabled && r->rgptm)
        return smmu_drv_root_tlbi_range(r, pa0, size0);
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_root_gpt_get(smmu_drv_root *r, uint64_t pa, unsigned *gpi)
{
    if (!r || !gpi || !r->gpt_base)
        return SMMU_DRV_E_INVAL;
    if (pa >> r->pps)
        return SMMU_DRV_E_RANGE;
    uint64_t d;
    DRV_TRY(gpt_rd(r, gpt_l0_addr(r, pa), &d));
    if ((d & GPT_DESC_TYPE) == GPT_L0_BLOCK) {
        *gpi = (unsigned)SMMU_FIELD_GET(GPT_L0_GPI, d);
        return SMMU_DRV_OK;
    }
    if ((d & GPT_DESC_TYPE) != GPT_L0_TABLE)
        return SMMU_DRV_E_NOT_MAPPED;
    DRV_TRY(gpt_rd(r, gpt_l1_addr(r, d & GPT_L0_TABLE_ADDR, pa), &d));
    if ((d & GPT_DESC_TYPE) == GPT_L1_CONTIG)
        *gpi = (unsigned)SMMU_FIELD_GET(GPT_L0_GPI, d);
    else
        *gpi = (unsigned)(d >> (4 * ((pa >> r->pgs) & 0xF))) & 0xF;
    return SMMU_DRV_OK;
}

/* ---- ROOT_CR0, GPT_BASE, ROOT_TLBI ---- */

static smmu_drv_err root_write_cr0(smmu_drv_root *r, uint32_t v)
{
    DRV_TRY(root_wr32(r, SMMU_ROOT_CR0, v));
    for (unsigned i = 0; i < r->poll_limit; i++) {
        uint32_t ack;
        DRV_TRY(root_rd32(r, SMMU_ROOT_CR0ACK, &ack));
        if (ack == v)
            return SMMU_DRV_OK;
    }
    return SMMU_DRV_E_TIMEOUT;
}

smmu_drv_err smmu_drv_root_access_only(smmu_drv_root *r)
{
    if (!r || !r->page)
        return SMMU_DRV_E_INVAL;
    r->gpc_enabled = false;
    return root_write_cr0(r, (uint32_t)SMMU_ROOT_CR0_ACCESSEN);
}

smmu_drv_err smmu_drv_root_enable(smmu_drv_root *r)
{
    if (!r || !r->gpt_base)
        return SMMU_DRV_E_INVAL;
    uint32_t cr0;
    DRV_TRY(root_rd32(r, SMMU_ROOT_CR0, &cr0));
    /* GPT_BASE and GPT_BASE_CFG are RO while GPCEN (or its ACK) is 1 [6.3.114-115] */
    if (cr0 & SMMU_ROOT_CR0_GPCEN)
        DRV_TRY(root_write_cr0(r, cr0 & ~(uint32_t)SMMU_ROOT_CR0_GPCEN));
    r->gpc_enabled = false;
    uint64_t cfg;
    DRV_TRY(root_rd64(r, SMMU_ROOT_GPT_BASE_CFG, &cfg));
    unsigned pgs = r->pgs == 12 ? 0 : r->pgs == 16 ? 1 : 2; /* PGS: 00 4KB, 01 64KB, 10 16KB */
    cfg = (cfg & SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ) | SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_PPS, (unsigned)pps_encoding(r->pps)) |
          SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_PGS, pgs) | SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_SH, 3) |
          SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_ORGN, 1) | SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_IRGN, 1);
    DRV_TRY(root_wr64(r, SMMU_ROOT_GPT_BASE, r->gpt_base & SMMU_ROOT_GPT_BASE_ADDR));
    DRV_TRY(root_wr64(r, SMMU_ROOT_GPT_BASE_CFG, cfg));
    /* A new GPT_BASE is only guaranteed to be used after an invalidation of all cached GPT
     * information [3.25.2] */
    if (r->rgptm)
        DRV_TRY(smmu_drv_root_tlbi_all(r));
    /* GPCEN first; ACCESSEN once the GPC is known to be on (as TF-A) [6.3.112] */
    DRV_TRY(root_write_cr0(r, (uint32_t)SMMU_ROOT_CR0_GPCEN | (cr0 & (uint32_t)SMMU_ROOT_CR0_ACCESSEN)));
    DRV_TRY(root_write_cr0(r, (uint32_t)(SMMU_ROOT_CR0_GPCEN | SMMU_ROOT_CR0_ACCESSEN)));
    r->gpc_enabled = true;
    return SMMU_DRV_OK;
}

/* ROOT_TLBI written while RUN is 0, then RUN = 1, polled until the SMMU clears it
 * [6.3.118-119]. */
static smmu_drv_err root_tlbi(smmu_drv_root *r, uint64_t tlbi)
{
    if (!r || !r->page)
        return SMMU_DRV_E_INVAL;
    if (!r->rgptm)
        return SMMU_DRV_E_UNSUPPORTED;
    uint32_t ctrl = 0;
    unsigned i;
    for (i = 0; i < r->poll_limit; i++) {
        DRV_TRY(root_rd32(r, SMMU_ROOT_TLBI_CTRL, &ctrl));
        if (!(ctrl & SMMU_ROOT_TLBI_CTRL_RUN))
            break;
    }
    if (i == r->poll_limit)
        return SMMU_DRV_E_TIMEOUT;
    DRV_TRY(root_wr64(r, SMMU_ROOT_TLBI, tlbi));
    DRV_TRY(root_wr32(r, SMMU_ROOT_TLBI_CTRL, (uint32_t)SMMU_ROOT_TLBI_CTRL_RUN));
    for (i = 0; i < r->poll_limit; i++) {
        DRV_TRY(root_rd32(r, SMMU_ROOT_TLBI_CTRL, &ctrl));
        if (!(ctrl & SMMU_ROOT_TLBI_CTRL_RUN))
            return SMMU_DRV_OK;
    }
    return SMMU_DRV_E_TIMEOUT;
}

smmu_drv_err smmu_drv_root_tlbi_all(smmu_drv_root *r)
{
    return root_tlbi(r, SMMU_ROOT_TLBI_ALL);
}

smmu_drv_err smmu_drv_root_tlbi_range(smmu_drv_root *r, uint64_t pa, uint64_t size)
{
    /* ROOT_TLBI.SIZE: 0 4KB, 1 16KB, 2 64KB, 3 2MB, 4 32MB, 5 512MB, 6 1GB, 7 16GB, 8 64GB,
     * 9 512GB [6.3.118] */
    static const unsigned log2size[10] = {12, 14, 16, 21, 25, 29, 30, 34, 36, 39};
    if (!r || !size || pa + size < pa)
        return SMMU_DRV_E_INVAL;
    for (unsigned k = 0; k < 10; k++) {
        unsigned sz = log2size[k];
        if (sz < r->pgs || (pa >> sz) != ((pa + size - 1) >> sz))
            continue;
        uint64_t base = pa & ~((UINT64_C(1) << sz) - 1);
        return root_tlbi(r, (base & SMMU_ROOT_TLBI_ADDR) | SMMU_FIELD_PREP(SMMU_ROOT_TLBI_SIZE, k));
    }
    return smmu_drv_root_tlbi_all(r);
}

/* ---- fault address registers ---- */

smmu_drv_err smmu_drv_root_far_pop(smmu_drv_root *r, bool cfg, smmu_drv_gpc_fault *f)
{
    if (!r || !f || !r->page)
        return SMMU_DRV_E_INVAL;
    unsigned off = cfg ? SMMU_ROOT_GPT_CFG_FAR : SMMU_ROOT_GPF_FAR;
    uint64_t v;
    DRV_TRY(root_rd64(r, off, &v));
    /* FPAS: 00 Secure, 01 Non-secure, 10 Root, 11 Realm [6.3.116] */
    static const smmu_pa_space fpas[4] = {SMMU_PAS_SECURE, SMMU_PAS_NS, SMMU_PAS_ROOT,
                                          SMMU_PAS_REALM};
    memset(f, 0, sizeof(*f));
    f->raw = v;
    f->cfg = cfg;
    f->fault = v & SMMU_ROOT_FAR_FAULT;
    f->pas = fpas[SMMU_FIELD_GET(SMMU_ROOT_FAR_FPAS, v)];
    f->addr = v & SMMU_ROOT_FAR_FADDR;
    f->faultcode = (unsigned)SMMU_FIELD_GET(SMMU_ROOT_FAR_FAULTCODE, v);
    f->reason = (unsigned)SMMU_FIELD_GET(SMMU_ROOT_FAR_REASON, v);
    f->cfg_err = cfg ? (unsigned)SMMU_FIELD_GET(SMMU_ROOT_FAR_CFG_ERR, v) : 0;
    /* Writing FAULT = 0 zeroes the register, so that the next fault is recorded */
    if (f->fault)
        DRV_TRY(root_wr64(r, off, 0));
    return SMMU_DRV_OK;
}

size_t smmu_drv_gpc_fault_format(const smmu_drv_gpc_fault *f, char *buf, size_t size)
{
    static const char *const pas[4] = {"Non-secure", "Secure", "Realm", "Root"};
    static const char *const reason[8] = {"0", "TRANSLATION", "GERROR", "TRANSACTION",
                                          "4", "5", "6", "7"};
    static const char *const cfg_err[5] = {"invalid GPT_BASE_CFG", "GPT_BASE beyond PPS",
                                           "external abort on a GPT fetch",
                                           "invalid GPT entry", "level-0 Table beyond PPS"};
    if (!f || !buf || !size)
        return 0;
    const char *name = f->cfg ? "GPT_CFG_FAR" : "GPF_FAR";
    int n;
    if (!f->fault)
        n = snprintf(buf, size, "%s: no fault", name);
    else
        n = snprintf(buf, size, "%s: %s PA 0x%llx FAULTCODE 0x%02x REASON %s%s%s", name,
                     pas[f->pas & 3], (unsigned long long)f->addr, f->faultcode,
                     reason[f->reason & 7], f->cfg ? " CFG_ERR " : "",
                     f->cfg ? (f->cfg_err < 5 ? cfg_err[f->cfg_err] : "reserved") : "");
    return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}
