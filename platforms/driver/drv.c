/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Driver library: binding to a programming interface, probing the ID registers and the
 * initialisation sequence [IHI 0070 3.11].
 */
#include <stdio.h>
#include <string.h>

#include "drv_internal.h"
#include "smmuv3/arch.h"

const char *smmu_drv_strerror(smmu_drv_err err)
{
    switch (err) {
    case SMMU_DRV_OK: return "success";
    case SMMU_DRV_E_INVAL: return "invalid argument";
    case SMMU_DRV_E_NOMEM: return "out of memory (allocator failed)";
    case SMMU_DRV_E_IO: return "MMIO or memory access failed";
    case SMMU_DRV_E_TIMEOUT: return "the SMMU did not acknowledge in time";
    case SMMU_DRV_E_UNSUPPORTED: return "not supported by this SMMU";
    case SMMU_DRV_E_CMDQ_FULL: return "command queue full";
    case SMMU_DRV_E_CMDQ_ERR: return "command error (CMDQ_CONS.ERR)";
    case SMMU_DRV_E_EXISTS: return "already mapped";
    case SMMU_DRV_E_NOT_MAPPED: return "not mapped";
    case SMMU_DRV_E_RANGE: return "outside the range the tables cover";
    case SMMU_DRV_E_STATE: return "wrong state (interface not set up)";
    }
    return "unknown error";
}

/* ---- register and memory helpers ---- */

/* The platform's MMIO callbacks, a failure reported as SMMU_DRV_E_IO. */
smmu_drv_err drv_mmio_rd32(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint32_t *v)
{
    return m->read32(m->ctx, off, pas, v) ? SMMU_DRV_E_IO : SMMU_DRV_OK;
}
smmu_drv_err drv_mmio_wr32(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint32_t v)
{
    return m->write32(m->ctx, off, pas, v) ? SMMU_DRV_E_IO : SMMU_DRV_OK;
}
smmu_drv_err drv_mmio_rd64(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint64_t *v)
{
    return m->read64(m->ctx, off, pas, v) ? SMMU_DRV_E_IO : SMMU_DRV_OK;
}
smmu_drv_err drv_mmio_wr64(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint64_t v)
{
    return m->write64(m->ctx, off, pas, v) ? SMMU_DRV_E_IO : SMMU_DRV_OK;
}

/* In the driver's own PA space */
smmu_drv_err drv_rd32(smmu_drv *d, uint64_t off, uint32_t *v)
{
    return drv_mmio_rd32(&d->mmio, off, d->pas, v);
}
smmu_drv_err drv_rd32_pas(smmu_drv *d, uint64_t off, smmu_pa_space pas, uint32_t *v)
{
    return drv_mmio_rd32(&d->mmio, off, pas, v);
}
smmu_drv_err drv_wr32(smmu_drv *d, uint64_t off, uint32_t v)
{
    return drv_mmio_wr32(&d->mmio, off, d->pas, v);
}
smmu_drv_err drv_rd64(smmu_drv *d, uint64_t off, uint64_t *v)
{
    return drv_mmio_rd64(&d->mmio, off, d->pas, v);
}
smmu_drv_err drv_wr64(smmu_drv *d, uint64_t off, uint64_t v)
{
    return drv_mmio_wr64(&d->mmio, off, d->pas, v);
}

smmu_drv_err smmu_drv_read32(smmu_drv *d, uint64_t off, uint32_t *val)
{
    if (!d || !val)
        return SMMU_DRV_E_INVAL;
    return drv_rd32(d, d->page0 + off, val);
}

smmu_drv_err smmu_drv_write32(smmu_drv *d, uint64_t off, uint32_t val)
{
    if (!d)
        return SMMU_DRV_E_INVAL;
    return drv_wr32(d, d->page0 + off, val);
}

bool drv_callbacks_valid(const smmu_drv_mmio *mmio, const smmu_drv_mem *mem)
{
    return mmio && mem && mmio->read32 && mmio->write32 && mmio->read64 && mmio->write64 &&
           mem->alloc && mem->read && mem->write;
}

smmu_drv_err drv_alloc(const smmu_drv_mem *m, size_t size, size_t align, smmu_pa_space pas,
                       uint64_t *addr)
{
    if (m->alloc(m->ctx, size, align, pas, addr))
        return SMMU_DRV_E_NOMEM;
    if (*addr & (align - 1))
        return SMMU_DRV_E_NOMEM; /* an allocator that ignores alignment is unusable */
    return SMMU_DRV_OK;
}

smmu_drv_err drv_zero(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas, uint64_t size)
{
    static const uint8_t zeros[256] = {0};
    while (size) {
        size_t n = size < sizeof(zeros) ? (size_t)size : sizeof(zeros);
        if (m->write(m->ctx, addr, pas, zeros, n))
            return SMMU_DRV_E_IO;
        addr += n;
        size -= n;
    }
    return SMMU_DRV_OK;
}

smmu_drv_err drv_alloc_zeroed(const smmu_drv_mem *m, uint64_t size, uint64_t align,
                              smmu_pa_space pas, uint64_t *addr)
{
    DRV_TRY(drv_alloc(m, (size_t)size, (size_t)align, pas, addr));
    return drv_zero(m, *addr, pas, size);
}

/* Structures are little-endian in memory [IHI 0070 3.1]. */
smmu_drv_err drv_write_words(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas,
                             const uint64_t *w, unsigned n)
{
    uint8_t buf[64];
    if (n > 8)
        return SMMU_DRV_E_INVAL;
    /* Structures and queue entries are little-endian in memory. */
    for (unsigned i = 0; i < 8 * n; i++)
        buf[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
    return m->write(m->ctx, addr, pas, buf, 8 * (size_t)n) ? SMMU_DRV_E_IO : SMMU_DRV_OK;
}

smmu_drv_err drv_read_words(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas,
                            uint64_t *w, unsigned n)
{
    uint8_t buf[64];
    if (n > 8)
        return SMMU_DRV_E_INVAL;
    if (m->read(m->ctx, addr, pas, buf, 8 * (size_t)n))
        return SMMU_DRV_E_IO;
    for (unsigned i = 0; i < n; i++)
        w[i] = 0;
    for (unsigned i = 0; i < 8 * n; i++)
        w[i / 8] |= (uint64_t)buf[i] << (8 * (i % 8));
    return SMMU_DRV_OK;
}

/* ---- probe [6.3.1-6.3.6] ---- */

static unsigned drv_oas_bits(unsigned enc)
{
    static const unsigned bits[8] = {32, 36, 40, 42, 44, 48, 52, 56};
    return bits[enc & 7];
}

static smmu_drv_err drv_probe(smmu_drv *d)
{
    uint32_t idr0, idr1, idr3, idr5, iidr, aidr;
    smmu_drv_features *f = &d->feat;
    /* The ID registers of page 0 describe what every interface shares; the Secure driver
     * reads the S_IDR1 of its own bank on top, the Realm driver R_IDR0/R_IDR1. They are read
     * in Non-secure PA space (page 0 is Non-secure; Secure and Realm software may access
     * Non-secure PA space [IHI 0070 6.2]). */
    DRV_TRY(drv_rd32_pas(d, SMMU_IDR0, SMMU_PAS_NS, &idr0));
    DRV_TRY(drv_rd32_pas(d, SMMU_IDR1, SMMU_PAS_NS, &idr1));
    DRV_TRY(drv_rd32_pas(d, SMMU_IDR3, SMMU_PAS_NS, &idr3));
    DRV_TRY(drv_rd32_pas(d, SMMU_IDR5, SMMU_PAS_NS, &idr5));
    DRV_TRY(drv_rd32_pas(d, SMMU_IIDR, SMMU_PAS_NS, &iidr));
    DRV_TRY(drv_rd32_pas(d, SMMU_AIDR, SMMU_PAS_NS, &aidr));
    memset(f, 0, sizeof(*f));
    f->arch_minor = (unsigned)SMMU_FIELD_GET(SMMU_AIDR_ARCH_MINOR, aidr);
    f->iidr = iidr;
    f->s1 = idr0 & SMMU_IDR0_S1P;
    f->s2 = idr0 & SMMU_IDR0_S2P;
    f->aarch64_tables = SMMU_FIELD_GET(SMMU_IDR0_TTF, idr0) & SMMU_IDR0_TTF_AARCH64;
    f->coherent = idr0 & SMMU_IDR0_COHACC;
    f->btm = idr0 & SMMU_IDR0_BTM;
    f->httu = (unsigned)SMMU_FIELD_GET(SMMU_IDR0_HTTU, idr0);
    f->hyp = idr0 & SMMU_IDR0_HYP;
    f->ats = idr0 & SMMU_IDR0_ATS;
    f->asid16 = idr0 & SMMU_IDR0_ASID16;
    f->msi = idr0 & SMMU_IDR0_MSI;
    f->sev = idr0 & SMMU_IDR0_SEV;
    f->pri = idr0 & SMMU_IDR0_PRI;
    f->vmw = idr0 & SMMU_IDR0_VMW;
    f->vmid16 = idr0 & SMMU_IDR0_VMID16;
    f->cd2l = idr0 & SMMU_IDR0_CD2L;
    f->ttendian = (unsigned)SMMU_FIELD_GET(SMMU_IDR0_TTENDIAN, idr0);
    f->stall_model = (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, idr0);
    f->st_2level = SMMU_FIELD_GET(SMMU_IDR0_ST_LEVEL, idr0) == 1;
    f->sid_bits = (unsigned)SMMU_FIELD_GET(SMMU_IDR1_SIDSIZE, idr1);
    f->ssid_bits = (unsigned)SMMU_FIELD_GET(SMMU_IDR1_SSIDSIZE, idr1);
    f->priq_log2max = (unsigned)SMMU_FIELD_GET(SMMU_IDR1_PRIQS, idr1);
    f->evtq_log2max = (unsigned)SMMU_FIELD_GET(SMMU_IDR1_EVENTQS, idr1);
    f->cmdq_log2max = (unsigned)SMMU_FIELD_GET(SMMU_IDR1_CMDQS, idr1);
    f->ril = idr3 & SMMU_IDR3_RIL;
    f->fwb = idr3 & SMMU_IDR3_FWB;
    f->xnx = idr3 & SMMU_IDR3_XNX;
    f->had = idr3 & SMMU_IDR3_HAD;
    f->stt = idr3 & SMMU_IDR3_STT;
    f->e0pd = idr3 & SMMU_IDR3_E0PD;
    f->oas_bits = drv_oas_bits((unsigned)SMMU_FIELD_GET(SMMU_IDR5_OAS, idr5));
    f->gran4k = idr5 & SMMU_IDR5_GRAN4K;
    f->gran16k = idr5 & SMMU_IDR5_GRAN16K;
    f->gran64k = idr5 & SMMU_IDR5_GRAN64K;
    f->ds = idr5 & SMMU_IDR5_DS;
    f->vax = (unsigned)SMMU_FIELD_GET(SMMU_IDR5_VAX, idr5);
    f->rme_impl = idr0 & SMMU_IDR0_RME_IMPL;
    if (d->bank == SMMU_SEC_SECURE) {
        uint32_t s_idr1;
        DRV_TRY(drv_rd32(d, SMMU_S_BANK_OFFSET + SMMU_IDR1, &s_idr1));
        f->secure_impl = s_idr1 & SMMU_S_IDR1_SECURE_IMPL;
        f->sel2 = s_idr1 & SMMU_S_IDR1_SEL2;
        if (!f->secure_impl)
            return SMMU_DRV_E_UNSUPPORTED;
        f->sid_bits = (unsigned)SMMU_FIELD_GET(SMMU_S_IDR1_S_SIDSIZE, s_idr1);
    }
    if (d->bank == SMMU_SEC_REALM) {
        /* R_IDR0 [6.3.122]: the Realm interface's own stall model, MSI, ATS and PRI;
         * R_IDR1.RME_DA_IMPL [6.3.123]. */
        uint32_t r_idr0, r_idr1;
        DRV_TRY(drv_rd32(d, d->page0 + SMMU_IDR0, &r_idr0));
        DRV_TRY(drv_rd32(d, d->page0 + SMMU_IDR1, &r_idr1));
        f->stall_model = (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, r_idr0);
        f->msi = r_idr0 & SMMU_IDR0_MSI;
        f->ats = r_idr0 & SMMU_IDR0_ATS;
        f->pri = r_idr0 & SMMU_IDR0_PRI;
        f->rme_da = r_idr1 & SMMU_R_IDR1_RME_DA_IMPL;
        f->realm_impl = true;
    }
    if (!f->aarch64_tables)
        return SMMU_DRV_E_UNSUPPORTED; /* this library builds AArch64 tables only */
    return SMMU_DRV_OK;
}

/* Where the Realm pages are: ROOT_IDR0.REALM_IMPL and BA_REALM, read from the Root control
 * page in Root PA space [6.3.110], after IDR0.RME_IMPL says there is one. */
static smmu_drv_err drv_find_realm(smmu_drv *d, uint64_t root_page)
{
    uint32_t idr0, root_idr0;
    DRV_TRY(drv_rd32_pas(d, SMMU_IDR0, SMMU_PAS_NS, &idr0));
    if (!(idr0 & SMMU_IDR0_RME_IMPL))
        return SMMU_DRV_E_UNSUPPORTED;
    DRV_TRY(drv_rd32_pas(d, root_page + SMMU_ROOT_IDR0, SMMU_PAS_ROOT, &root_idr0));
    if (!(root_idr0 & SMMU_ROOT_IDR0_ROOT_IMPL) || !(root_idr0 & SMMU_ROOT_IDR0_REALM_IMPL))
        return SMMU_DRV_E_UNSUPPORTED;
    d->page0 = SMMU_REALM_BASE(SMMU_FIELD_GET(SMMU_ROOT_IDR0_BA_REALM, root_idr0));
    /* R_EVENTQ_PROD/CONS are in Realm page 1 only [6.2.9] */
    d->evtq_prod_off = d->page0 + SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD;
    d->evtq_cons_off = d->page0 + SMMU_PAGE1_OFFSET + SMMU_EVENTQ_CONS;
    /* R_CR0.ATSCHK is read-only (1 when R_IDR0.ATS, else RES0) [6.3.128]: not the driver's
     * to set, and ignored when CR0ACK is compared */
    d->cr0_ro = (uint32_t)SMMU_CR0_ATSCHK;
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_init_at(smmu_drv *d, const smmu_drv_mmio *mmio, const smmu_drv_mem *mem,
                              smmu_sec_sid bank, uint64_t root_page)
{
    if (!d || !drv_callbacks_valid(mmio, mem))
        return SMMU_DRV_E_INVAL;
    memset(d, 0, sizeof(*d));
    d->mmio = *mmio;
    d->mem = *mem;
    d->bank = bank;
    d->poll_limit = DRV_DEFAULT_POLLS;
    switch (bank) {
    case SMMU_SEC_NS:
        d->pas = SMMU_PAS_NS;
        d->page0 = 0;
        /* SMMU_EVENTQ_PROD/CONS are in page 1 [6.2] */
        d->evtq_prod_off = SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD;
        d->evtq_cons_off = SMMU_PAGE1_OFFSET + SMMU_EVENTQ_CONS;
        break;
    case SMMU_SEC_SECURE:
        d->pas = SMMU_PAS_SECURE;
        d->page0 = SMMU_S_BANK_OFFSET;
        /* SMMU_S_EVENTQ_PROD/CONS are in page 0 of the Secure bank [6.2] */
        d->evtq_prod_off = SMMU_S_BANK_OFFSET + SMMU_EVENTQ_PROD;
        d->evtq_cons_off = SMMU_S_BANK_OFFSET + SMMU_EVENTQ_CONS;
        break;
    case SMMU_SEC_REALM:
        d->pas = SMMU_PAS_REALM;
        DRV_TRY(drv_find_realm(d, root_page ? root_page : SMMU_DRV_ROOT_PAGE_DEFAULT));
        break;
    default:
        return SMMU_DRV_E_INVAL;
    }
    return drv_probe(d);
}

smmu_drv_err smmu_drv_init(smmu_drv *d, const smmu_drv_mmio *mmio, const smmu_drv_mem *mem,
                           smmu_sec_sid bank)
{
    return smmu_drv_init_at(d, mmio, mem, bank, SMMU_DRV_ROOT_PAGE_DEFAULT);
}

size_t smmu_drv_describe(const smmu_drv *d, char *buf, size_t size)
{
    const smmu_drv_features *f = &d->feat;
    int n = snprintf(buf, size,
                     "SMMUv3.%u %s interface: IIDR 0x%08x\n"
                     "  stages: %s%s%s; OAS %u bits; granules%s%s%s; HTTU %s\n"
                     "  StreamID bits %u, SubstreamID bits %u; stream table %s; CD tables %s\n"
                     "  queues: cmd 2^%u, event 2^%u; MSI %s; ATS %s; PRI %s; RIL %s\n"
                     "  Secure interface %s%s; RME %s%s\n",
                     f->arch_minor,
                     d->bank == SMMU_SEC_SECURE ? "Secure"
                     : d->bank == SMMU_SEC_REALM ? "Realm" : "Non-secure",
                     (unsigned)f->iidr, f->s1 ? "S1" : "", f->s1 && f->s2 ? "+" : "",
                     f->s2 ? "S2" : "", f->oas_bits, f->gran4k ? " 4K" : "",
                     f->gran16k ? " 16K" : "", f->gran64k ? " 64K" : "",
                     f->httu == 2 ? "AF+dirty" : f->httu == 1 ? "AF" : "none", f->sid_bits,
                     f->ssid_bits, f->st_2level ? "linear/2-level" : "linear",
                     f->cd2l ? "linear/2-level" : "linear", f->cmdq_log2max, f->evtq_log2max,
                     f->msi ? "yes" : "no", f->ats ? "yes" : "no", f->pri ? "yes" : "no",
                     f->ril ? "yes" : "no",
                     d->bank == SMMU_SEC_SECURE ? (f->secure_impl ? "yes" : "no") : "(S_IDR1 not probed)",
                     f->sel2 ? ", Secure EL2" : "", f->rme_impl ? "yes" : "no",
                     d->bank == SMMU_SEC_REALM ? (f->rme_da ? " (Realm interface, RME DA)"
                                                            : " (Realm interface)") : "");
    return n < 0 ? 0 : (size_t)n >= size ? (size ? size - 1 : 0) : (size_t)n;
}

/* ---- initialisation ---- */

static smmu_drv_err drv_write_cr0(smmu_drv *d, uint32_t cr0)
{
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_CR0, cr0));
    for (unsigned i = 0; i < d->poll_limit; i++) {
        uint32_t ack;
        DRV_TRY(drv_rd32(d, d->page0 + SMMU_CR0ACK, &ack));
        if ((ack & ~d->cr0_ro) == cr0)
            return SMMU_DRV_OK;
    }
    return SMMU_DRV_E_TIMEOUT;
}

static smmu_drv_err drv_write_irq_ctrl(smmu_drv *d, uint32_t v)
{
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_IRQ_CTRL, v));
    for (unsigned i = 0; i < d->poll_limit; i++) {
        uint32_t ack;
        DRV_TRY(drv_rd32(d, d->page0 + SMMU_IRQ_CTRLACK, &ack));
        if (ack == v)
            return SMMU_DRV_OK;
    }
    return SMMU_DRV_E_TIMEOUT;
}

/* SMMU_S_INIT.INV_ALL: invalidate every cached structure before first use [6.3.62]; it must
 * be done while every SMMUEN (and, with RME, ROOT_CR0.ACCESSEN and GPCEN) is 0. */
smmu_drv_err smmu_drv_secure_inv_all(smmu_drv *d)
{
    if (!d || d->bank != SMMU_SEC_SECURE)
        return SMMU_DRV_E_INVAL;
    DRV_TRY(drv_wr32(d, SMMU_S_BANK_OFFSET + SMMU_S_INIT, (uint32_t)SMMU_S_INIT_INV_ALL));
    for (unsigned i = 0; i < d->poll_limit; i++) {
        uint32_t v;
        DRV_TRY(drv_rd32(d, SMMU_S_BANK_OFFSET + SMMU_S_INIT, &v));
        if (!(v & SMMU_S_INIT_INV_ALL))
            return SMMU_DRV_OK;
    }
    return SMMU_DRV_E_TIMEOUT;
}

static unsigned drv_cap(unsigned want, unsigned dflt, unsigned max)
{
    unsigned v = want ? want : dflt;
    return v > max ? max : v;
}

static smmu_drv_err drv_setup_queues(smmu_drv *d, const smmu_drv_setup_opts *o)
{
    /* Command queue: 16-byte entries, base aligned to the queue size (at least 32 bytes) */
    d->cmdq_log2 = drv_cap(o->cmdq_log2, 8, d->feat.cmdq_log2max);
    size_t bytes = (size_t)SMMU_CMDQ_ENTRY_BYTES << d->cmdq_log2;
    size_t align = bytes < 32 ? 32 : bytes;
    DRV_TRY(drv_alloc_zeroed(&d->mem, bytes, align, d->pas, &d->cmdq_base));
    DRV_TRY(drv_wr64(d, d->page0 + SMMU_CMDQ_BASE,
                     SMMU_Q_BASE_RA_WA | (d->cmdq_base & SMMU_Q_BASE_ADDR) |
                         SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, d->cmdq_log2)));
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_CMDQ_CONS, 0));
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_CMDQ_PROD, 0));
    d->cmdq_prod = 0;

    /* Event queue: 32-byte records */
    d->evtq_log2 = drv_cap(o->evtq_log2, 7, d->feat.evtq_log2max);
    bytes = (size_t)SMMU_EVTQ_ENTRY_BYTES << d->evtq_log2;
    align = bytes < 32 ? 32 : bytes;
    DRV_TRY(drv_alloc_zeroed(&d->mem, bytes, align, d->pas, &d->evtq_base));
    DRV_TRY(drv_wr64(d, d->page0 + SMMU_EVENTQ_BASE,
                     SMMU_Q_BASE_RA_WA | (d->evtq_base & SMMU_Q_BASE_ADDR) |
                         SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, d->evtq_log2)));
    DRV_TRY(drv_wr32(d, d->evtq_prod_off, 0));
    DRV_TRY(drv_wr32(d, d->evtq_cons_off, 0));
    d->evtq_cons = 0;
    d->queues_ready = true;
    return SMMU_DRV_OK;
}

/* CR0 queue enables: CMDQEN, EVENTQEN and, with a PRI queue, PRIQEN [6.3.9] */
static uint32_t drv_queue_enables(const smmu_drv *d)
{
    return (uint32_t)(SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN | (d->priq_ready ? SMMU_CR0_PRIQEN : 0));
}

static smmu_drv_err drv_setup_strtab(smmu_drv *d, const smmu_drv_setup_opts *o)
{
    unsigned sid_bits = o->sid_bits ? o->sid_bits : (d->feat.sid_bits > 16 ? 16 : d->feat.sid_bits);
    if (sid_bits > d->feat.sid_bits)
        return SMMU_DRV_E_UNSUPPORTED;
    unsigned split = o->split ? o->split : 8;
    if (split != 6 && split != 8 && split != 10)
        return SMMU_DRV_E_INVAL;
    bool two = false;
    switch (o->strtab_fmt) {
    case SMMU_DRV_STRTAB_AUTO: two = d->feat.st_2level && sid_bits > 8; break;
    case SMMU_DRV_STRTAB_LINEAR: two = false; break;
    case SMMU_DRV_STRTAB_2LEVEL:
        if (!d->feat.st_2level)
            return SMMU_DRV_E_UNSUPPORTED;
        two = true;
        break;
    default: return SMMU_DRV_E_INVAL;
    }
    /* A 2-level table whose SPLIT covers every StreamID would be one L2 array: use linear */
    if (two && sid_bits <= split)
        two = false;
    uint64_t bytes = two ? (UINT64_C(8) << (sid_bits - split)) : (UINT64_C(64) << sid_bits);
    uint64_t align = bytes < 64 ? 64 : bytes;
    /* Every STE invalid (V=0) / every L1STD invalid (Span=0) */
    DRV_TRY(drv_alloc_zeroed(&d->mem, bytes, align, d->pas, &d->strtab_base));
    d->strtab_log2 = sid_bits;
    d->strtab_split = two ? split : 0;
    DRV_TRY(drv_wr64(d, d->page0 + SMMU_STRTAB_BASE,
                     SMMU_STRTAB_BASE_RA | (d->strtab_base & SMMU_STRTAB_BASE_ADDR)));
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_STRTAB_BASE_CFG,
                     (uint32_t)(SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_FMT, two ? 1 : 0) |
                                SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_SPLIT, two ? split : 0) |
                                SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_LOG2SIZE, sid_bits))));
    return SMMU_DRV_OK;
}

/* Invalidate everything this interface may have cached [Appendix B step 3]. */
static smmu_drv_err drv_invalidate_all(smmu_drv *d)
{
    uint64_t c[2];
    smmu_drv_cmd_cfgi_all(d, c);
    DRV_TRY(smmu_drv_cmd_submit(d, c));
    memset(c, 0, sizeof(c));
    if (d->bank == SMMU_SEC_SECURE) {
        if (d->feat.sel2) {
            smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_SNH_ALL);
            DRV_TRY(smmu_drv_cmd_submit(d, c));
            smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_S_EL2_ALL);
        } else {
            smmu_drv_cmd_tlbi_nh_all(c, 0);
        }
        DRV_TRY(smmu_drv_cmd_submit(d, c));
        /* With RME there is no EL3 StreamWorld and CMD_TLBI_EL3_* is CERROR_ILL
         * [IHI 0070 3.25, 4.4.2] */
        if (d->feat.rme_impl)
            return smmu_drv_cmd_sync(d);
        memset(c, 0, sizeof(c));
        smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_EL3_ALL);
    } else {
        /* Non-secure or Realm: on the Realm queue TLBI_NSNH_ALL and TLBI_EL2_ALL act on the
         * Realm regimes [4.4] */
        smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_NSNH_ALL);
        if (d->feat.hyp) {
            DRV_TRY(smmu_drv_cmd_submit(d, c));
            smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_EL2_ALL);
        }
    }
    DRV_TRY(smmu_drv_cmd_submit(d, c));
    return smmu_drv_cmd_sync(d);
}

smmu_drv_err smmu_drv_setup(smmu_drv *d, const smmu_drv_setup_opts *opts)
{
    smmu_drv_setup_opts dflt;
    if (!d)
        return SMMU_DRV_E_INVAL;
    if (!opts) {
        memset(&dflt, 0, sizeof(dflt));
        dflt.irqs = true;
        opts = &dflt;
    }
    d->enabled = false;
    DRV_TRY(drv_write_cr0(d, 0));
    if (d->bank == SMMU_SEC_SECURE && !d->feat.rme_impl)
        DRV_TRY(smmu_drv_secure_inv_all(d));
    /* Queues and tables write-back cacheable, inner shareable [6.3.10] */
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_CR1,
                     (uint32_t)(SMMU_FIELD_PREP(SMMU_CR1_QUEUE_IC, 1) | SMMU_FIELD_PREP(SMMU_CR1_QUEUE_OC, 1) |
                                SMMU_FIELD_PREP(SMMU_CR1_QUEUE_SH, 3) | SMMU_FIELD_PREP(SMMU_CR1_TABLE_IC, 1) |
                                SMMU_FIELD_PREP(SMMU_CR1_TABLE_OC, 1) | SMMU_FIELD_PREP(SMMU_CR1_TABLE_SH, 3))));
    /* Record C_BAD_STREAMID; private TLB maintenance (no broadcast TLBI; PTM is RES0 without
     * IDR0.BTM) [6.3.11] */
    DRV_TRY(drv_wr32(d, d->page0 + SMMU_CR2,
                     (uint32_t)(SMMU_CR2_RECINVSID | (d->feat.btm ? SMMU_CR2_PTM : 0))));
    DRV_TRY(drv_setup_queues(d, opts));
    DRV_TRY(drv_priq_setup(d, opts));
    DRV_TRY(drv_setup_strtab(d, opts));
    DRV_TRY(drv_write_cr0(d, drv_queue_enables(d)));
    DRV_TRY(drv_invalidate_all(d));
    DRV_TRY(drv_write_irq_ctrl(
        d, opts->irqs ? (uint32_t)(SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_EVENTQ_IRQEN |
                                   (d->priq_ready ? SMMU_IRQ_CTRL_PRIQ_IRQEN : 0))
                      : 0));
    DRV_TRY(drv_write_cr0(d, drv_queue_enables(d) | (uint32_t)SMMU_CR0_SMMUEN));
    d->enabled = true;
    return SMMU_DRV_OK;
}

smmu_drv_err smmu_drv_disable(smmu_drv *d)
{
    if (!d)
        return SMMU_DRV_E_INVAL;
    d->enabled = false;
    return drv_write_cr0(d, drv_queue_enables(d));
}
