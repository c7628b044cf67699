/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The code of docs/driver.md, built and run by ctest (example.driver_usage; tests/docs checks
 * that every block of the page appears here verbatim). Each function holds the blocks of one
 * section of the page; main() runs them on the model's core in the order an RME system boots
 * (Root firmware first) and checks, by translating through the core, that each took effect.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/drv.h"
#include "smmuv3/smmuv3.h"

/* ---- the system: the core and one memory region per PA space ---- */
struct region {
    smmu_pa_space pas;
    uint64_t base, size, next; /* next: the allocator's bump pointer */
    uint8_t *bytes;
};
struct world {
    smmu_t *smmu;
    struct region mem[4];
};

static struct region *find(struct world *w, smmu_pa_space pas, uint64_t pa, size_t len)
{
    for (int i = 0; i < 4; i++) {
        struct region *r = &w->mem[i];
        if (r->pas == pas && pa >= r->base && len <= r->size && pa - r->base <= r->size - len)
            return r;
    }
    return NULL;
}

/* The core's memory (smmu_env) */
static int env_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *attrs)
{
    (void)attrs;
    struct region *r = find(ctx, pas, pa, len);
    if (!r)
        return -1;
    memcpy(buf, r->bytes + (pa - r->base), len);
    return 0;
}
static int env_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    (void)attrs;
    struct region *r = find(ctx, pas, pa, len);
    if (!r)
        return -1;
    memcpy(r->bytes + (pa - r->base), buf, len);
    return 0;
}

/* The driver's MMIO (smmu_drv_mmio): register accesses of the core */
static int read32(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t *val)
{
    uint64_t v = 0;
    smmu_status st = smmu_reg_read(((struct world *)ctx)->smmu, offset, 4, pas, &v);
    *val = (uint32_t)v;
    return st == SMMU_OK ? 0 : -1;
}
static int write32(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t val)
{
    return smmu_reg_write(((struct world *)ctx)->smmu, offset, 4, pas, val) == SMMU_OK ? 0 : -1;
}
static int read64(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t *val)
{
    return smmu_reg_read(((struct world *)ctx)->smmu, offset, 8, pas, val) == SMMU_OK ? 0 : -1;
}
static int write64(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t val)
{
    return smmu_reg_write(((struct world *)ctx)->smmu, offset, 8, pas, val) == SMMU_OK ? 0 : -1;
}

/* The driver's memory (smmu_drv_mem): a bump allocator in each region */
static int alloc(void *ctx, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
{
    struct world *w = ctx;
    for (int i = 0; i < 4; i++) {
        struct region *r = &w->mem[i];
        uint64_t a = (r->next + align - 1) & ~(uint64_t)(align - 1);
        if (r->pas == pas && a + size <= r->base + r->size) {
            r->next = a + size;
            *addr = a;
            return 0;
        }
    }
    return -1;
}
static int read(void *ctx, uint64_t addr, smmu_pa_space pas, void *buf, size_t len)
{
    return env_read(ctx, addr, pas, buf, len, NULL);
}
static int write(void *ctx, uint64_t addr, smmu_pa_space pas, const void *buf, size_t len)
{
    return env_write(ctx, addr, pas, buf, len, NULL);
}

/* ---- the page's blocks ---- */

/* Sections 1 and 2: the interfaces, then a Non-secure stream. The driver is returned for
 * the substream section. */
static void driver_usage_ns(void *ctx, uint32_t sid, smmu_drv *out)
{
    smmu_drv_mmio mmio = {ctx, read32, write32, read64, write64};  /* offset from the SMMU base, PA space */
    smmu_drv_mem  mem  = {ctx, alloc, read, write};                 /* alloc(size, align, pas) -> address */

    smmu_drv d;
    smmu_drv_init(&d, &mmio, &mem, SMMU_SEC_NS);   /* probe: d.feat from IDR0/1/3/5, AIDR, IIDR */
    smmu_drv_setup(&d, NULL);                      /* queues, stream table, SMMUEN */

    smmu_drv_pgtable pt;
    smmu_drv_pgtable_init(&d, &pt, &(smmu_drv_pgtable_cfg){.stage = 1, .granule = 4096, .asid = 1});
    smmu_drv_map(&d, &pt, 0x10000000, 0x88000000, 0x4000, SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE);

    smmu_drv_cdtab cdt;
    smmu_drv_cdtab_init(&d, &cdt, 0, NULL, SMMU_PAS_NS);
    smmu_drv_cd_write(&d, &cdt, sid, 0, &pt);      /* CD words, CMD_CFGI_CD + CMD_SYNC */
    smmu_drv_ste_write(&d, sid, &(smmu_drv_ste){.mode = SMMU_DRV_STE_S1, .cdtab = &cdt});

    smmu_drv_unmap(&d, &pt, 0x10000000, 0x1000);   /* descriptor cleared, TLBI_NH_VA + CMD_SYNC */
    smmu_drv_event ev;
    while (smmu_drv_event_pop(&d, &ev, NULL) == 1) {
        char line[256];
        smmu_drv_event_format(&ev, line, sizeof line);  /* "F_TRANSLATION (0x10) StreamID=0x11 ..." */
    }
    *out = d;
}

/* With RME: the Realm programming interface. */
static void driver_usage_realm(smmu_drv_mmio mmio, smmu_drv_mem mem)
{
    smmu_drv r;
    smmu_drv_init_at(&r, &mmio, &mem, SMMU_SEC_REALM, 0x20000);  /* the Root page offset */
    smmu_drv_setup(&r, NULL);                       /* after the Root firmware set ACCESSEN */
    smmu_drv_pgtable s2;                            /* Realm stage 2, tables in Realm memory */
    smmu_drv_pgtable_init(&r, &s2, &(smmu_drv_pgtable_cfg){.stage = 2, .granule = 4096, .vmid = 7});
    smmu_drv_map(&r, &s2, 0x10000000, 0x0d000000, 0x4000, SMMU_DRV_PROT_READ);  /* -> Realm PA */
    smmu_drv_map(&r, &s2, 0x30000000, 0x88400000, 0x2000,
                 SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE | SMMU_DRV_PROT_NS);  /* -> Non-secure PA */
    smmu_drv_ste_write(&r, 0x50, &(smmu_drv_ste){.mode = SMMU_DRV_STE_S2, .s2 = &s2});
}

/* With RME: Root firmware and the GPT. */
static void driver_usage_root(smmu_drv_mmio mmio, smmu_drv_mem mem, smmu_drv secure_drv)
{
    char line[256];
    smmu_drv_root root;
    smmu_drv_root_init(&root, &mmio, &mem, 0x20000);          /* ROOT_IDR0, IIDR, L0GPTSZ, IDR5 */
    smmu_drv_root_gpt_init(&root, 40, 4096, SMMU_DRV_GPI_NS); /* PPS 40, 4K granules, all NS */
    smmu_drv_root_gpt_set(&root, 0x04000000, 64 << 20, SMMU_DRV_GPI_SECURE);
    smmu_drv_root_gpt_set(&root, 0x0c000000, 32 << 20, SMMU_DRV_GPI_REALM);
    smmu_drv_secure_inv_all(&secure_drv);  /* S_INIT.INV_ALL: before ACCESSEN / GPCEN [6.3.62] */
    smmu_drv_root_enable(&root);           /* GPT_BASE(_CFG), ROOT_TLBI ALL, GPCEN, then ACCESSEN */
    /* ... */
    smmu_drv_gpc_fault f;                  /* after a refused access */
    smmu_drv_root_far_pop(&root, false, &f);          /* ROOT_GPF_FAR, then FAULT cleared */
    smmu_drv_gpc_fault_format(&f, line, sizeof line); /* "GPF_FAR: Non-secure PA 0xd000000 ..." */
}

/* Substreams: a two-level CD table. */
static void driver_usage_substreams(smmu_drv d, uint32_t sid, smmu_drv_pgtable pt_a,
                                    smmu_drv_pgtable pt_b)
{
    smmu_drv_cdtab cdt;
    smmu_drv_cdtab_init(&d, &cdt, 8, NULL, SMMU_PAS_NS);  /* 256 CDs: 2-level, 4 KB leaves */
    smmu_drv_cd_write(&d, &cdt, sid, 0x45, &pt_a);        /* leaf 1 + L1CD 1, CFGI_CD Leaf=0 */
    smmu_drv_cd_write(&d, &cdt, sid, 0, &pt_b);           /* leaf 0 + L1CD 0 */
    smmu_drv_ste_write(&d, sid, &(smmu_drv_ste){.mode = SMMU_DRV_STE_S1, .cdtab = &cdt,
                                                .s1dss = SMMU_DRV_S1DSS_SSID0});
}

/* ---- the run ---- */

static int check(const char *what, uint64_t got, uint64_t want)
{
    printf("  %-52s 0x%" PRIx64 "%s\n", what, got, got == want ? "" : "   <-- WRONG");
    return got == want ? 0 : 1;
}

static smmu_result xlate(struct world *w, smmu_sec_sid sec, uint32_t sid, uint32_t ssid, bool ssv,
                         uint64_t addr)
{
    smmu_txn t = {0};
    t.sid = sid;
    t.ssid = ssid;
    t.ssv = ssv;
    t.sec = sec;
    t.addr = addr;
    t.size = 4;
    t.access = SMMU_ACCESS_READ;
    smmu_result r;
    memset(&r, 0, sizeof(r));
    smmu_translate(w->smmu, &t, &r);
    return r;
}

int main(void)
{
    static struct world w = {
        .mem = {{SMMU_PAS_NS, 0x80000000, 8u << 20, 0x80000000, NULL},
                {SMMU_PAS_SECURE, 0x04000000, 4u << 20, 0x04000000, NULL},
                {SMMU_PAS_REALM, 0x0C000000, 4u << 20, 0x0C000000, NULL},
                {SMMU_PAS_ROOT, 0x0E000000, 4u << 20, 0x0E000000, NULL}},
    };
    for (int i = 0; i < 4; i++)
        if (!(w.mem[i].bytes = calloc(1, w.mem[i].size)))
            return 1;
    /* An SMMUv3.3 with RME and the Realm interface: what REALM_IMPL requires [IHI 0070 2.7.1]
     * is in the default except these. */
    smmu_config cfg;
    smmu_config_init(&cfg);
    cfg.rme_impl = cfg.realm_impl = true;
    cfg.e0pd = cfg.stt = cfg.fwb = cfg.xnx = cfg.had = true;
    cfg.bbml = 2;
    smmu_env env = {0};
    env.ctx = &w;
    env.mem_read = env_read;
    env.mem_write = env_write;
    if (smmu_create(&cfg, &env, &w.smmu) != SMMU_OK)
        return 1;
    smmu_drv_mmio mmio = {&w, read32, write32, read64, write64};
    smmu_drv_mem mem = {&w, alloc, read, write};

    int errors = 0;
    smmu_drv secure_drv;
    errors +=
        check("Secure driver probe", smmu_drv_init(&secure_drv, &mmio, &mem, SMMU_SEC_SECURE), 0);
    driver_usage_root(mmio, mem, secure_drv); /* GPT, S_INIT.INV_ALL, GPCEN, ACCESSEN */
    uint64_t cr0ack = 0;
    smmu_reg_read(w.smmu, 0x20000 + 0x24, 4, SMMU_PAS_ROOT, &cr0ack);
    errors += check("ROOT_CR0ACK: GPCEN and ACCESSEN", cr0ack, 0x3);

    smmu_drv d;
    driver_usage_ns(&w, 0x11, &d);
    smmu_result r = xlate(&w, SMMU_SEC_NS, 0x11, 0, false, 0x10001010);
    errors += check("NS SID 0x11 IOVA 0x10001010 -> PA", r.outcome == SMMU_XLATE_OK ? r.pa : 0,
                    0x88001010);
    r = xlate(&w, SMMU_SEC_NS, 0x11, 0, false, 0x10000010);
    errors += check("NS SID 0x11 IOVA 0x10000010 after unmap: fault", r.outcome, SMMU_XLATE_FAULT);

    driver_usage_realm(mmio, mem);
    r = xlate(&w, SMMU_SEC_REALM, 0x50, 0, false, 0x10000010);
    errors += check("Realm SID 0x50 IPA 0x10000010 -> Realm PA",
                    r.outcome == SMMU_XLATE_OK && r.pas == SMMU_PAS_REALM ? r.pa : 0, 0x0d000010);
    r = xlate(&w, SMMU_SEC_REALM, 0x50, 0, false, 0x30000010);
    errors += check("Realm SID 0x50 IPA 0x30000010 -> Non-secure PA",
                    r.outcome == SMMU_XLATE_OK && r.pas == SMMU_PAS_NS ? r.pa : 0, 0x88400010);

    smmu_drv_pgtable pt_a, pt_b;
    smmu_drv_pgtable_init(&d, &pt_a,
                          &(smmu_drv_pgtable_cfg){.stage = 1, .granule = 4096, .asid = 2});
    smmu_drv_map(&d, &pt_a, 0x20000000, 0x89000000, 0x1000, SMMU_DRV_PROT_READ);
    smmu_drv_pgtable_init(&d, &pt_b,
                          &(smmu_drv_pgtable_cfg){.stage = 1, .granule = 4096, .asid = 3});
    smmu_drv_map(&d, &pt_b, 0x20000000, 0x89100000, 0x1000, SMMU_DRV_PROT_READ);
    driver_usage_substreams(d, 0x12, pt_a, pt_b);
    r = xlate(&w, SMMU_SEC_NS, 0x12, 0x45, true, 0x20000010);
    errors +=
        check("NS SID 0x12 SSID 0x45 -> PA", r.outcome == SMMU_XLATE_OK ? r.pa : 0, 0x89000010);
    r = xlate(&w, SMMU_SEC_NS, 0x12, 0, false, 0x20000010);
    errors += check("NS SID 0x12 without SSID (S1DSS: CD 0) -> PA",
                    r.outcome == SMMU_XLATE_OK ? r.pa : 0, 0x89100010);

    smmu_destroy(w.smmu);
    for (int i = 0; i < 4; i++)
        free(w.mem[i].bytes);
    printf("%s\n", errors ? "FAILED" : "every block of docs/driver.md did what the page says");
    return errors ? 1 : 0;
}
