/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The code of docs/driver.md, compiled by the build (tests/docs checks that every block of the
 * page appears here verbatim). Each function holds the blocks of one section, with what they
 * need declared before them. The driver library runs end to end in tests/platforms and in
 * smmu_platform; this file keeps the page's code compiling against the current API.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmu_drv.h"

/* The caller's MMIO and memory (here: stubs that fail every access). */
static int read32(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t *val)
{
    (void)ctx, (void)offset, (void)pas, (void)val;
    return -1;
}
static int write32(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t val)
{
    (void)ctx, (void)offset, (void)pas, (void)val;
    return -1;
}
static int read64(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t *val)
{
    (void)ctx, (void)offset, (void)pas, (void)val;
    return -1;
}
static int write64(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t val)
{
    (void)ctx, (void)offset, (void)pas, (void)val;
    return -1;
}
static int alloc(void *ctx, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
{
    (void)ctx, (void)size, (void)align, (void)pas, (void)addr;
    return -1;
}
static int read(void *ctx, uint64_t addr, smmu_pa_space pas, void *buf, size_t len)
{
    (void)ctx, (void)addr, (void)pas, (void)buf, (void)len;
    return -1;
}
static int write(void *ctx, uint64_t addr, smmu_pa_space pas, const void *buf, size_t len)
{
    (void)ctx, (void)addr, (void)pas, (void)buf, (void)len;
    return -1;
}

/* Sections 1 and 2: the interfaces, then a Non-secure stream. */
void driver_usage_ns(void *ctx, uint32_t sid)
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
}

/* With RME: the Realm programming interface. */
void driver_usage_realm(smmu_drv_mmio mmio, smmu_drv_mem mem)
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
void driver_usage_root(smmu_drv_mmio mmio, smmu_drv_mem mem, smmu_drv secure_drv)
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
void driver_usage_substreams(smmu_drv d, uint32_t sid, smmu_drv_pgtable pt_a, smmu_drv_pgtable pt_b)
{
    smmu_drv_cdtab cdt;
    smmu_drv_cdtab_init(&d, &cdt, 8, NULL, SMMU_PAS_NS);  /* 256 CDs: 2-level, 4 KB leaves */
    smmu_drv_cd_write(&d, &cdt, sid, 0x45, &pt_a);        /* leaf 1 + L1CD 1, CFGI_CD Leaf=0 */
    smmu_drv_cd_write(&d, &cdt, sid, 0, &pt_b);           /* leaf 0 + L1CD 0 */
    smmu_drv_ste_write(&d, sid, &(smmu_drv_ste){.mode = SMMU_DRV_STE_S1, .cdtab = &cdt,
                                                .s1dss = SMMU_DRV_S1DSS_SSID0});
}
