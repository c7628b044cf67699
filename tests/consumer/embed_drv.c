/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A C program of another project (tests/consumer, docs/using.md): the model's core as the SMMU,
 * programmed by the driver library the way firmware programs hardware. Built against the
 * installed package with find_package(smmuv3) and with pkg-config, and by add_subdirectory.
 * Exits 0 only if every result is the architected one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <smmuv3/arch.h>
#include <smmuv3/drv.h>
#include <smmuv3/smmuv3.h>

/* Only the public headers are visible to a user of the package. */
#if defined(__has_include)
#if __has_include("cmdq.h") || __has_include("regs_layout.h") || __has_include("bits.h")
#error "the core's internal headers (core/src) are on this program's include path"
#endif
#endif

/* ---- 8 MiB of Non-secure memory, shared by the SMMU's table walks and the driver ---- */
#define MEM_SIZE (8u << 20)
static uint8_t memory[MEM_SIZE];
static uint64_t next_free = 1u << 20; /* the driver's tables and queues from 1 MiB up */

static int in_range(uint64_t pa, size_t len, smmu_pa_space pas)
{
    return pas == SMMU_PAS_NS && pa < MEM_SIZE && len <= MEM_SIZE - pa;
}

static int core_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)attrs;
    if (!in_range(pa, len, pas))
        return -1;
    memcpy(buf, memory + pa, len);
    return 0;
}

static int core_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                      const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)attrs;
    if (!in_range(pa, len, pas))
        return -1;
    memcpy(memory + pa, buf, len);
    return 0;
}

static int drv_alloc(void *ctx, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
{
    (void)ctx;
    uint64_t a = (next_free + align - 1) & ~((uint64_t)align - 1);
    if (!in_range(a, size, pas))
        return -1;
    next_free = a + size;
    *addr = a;
    return 0;
}

static int drv_read(void *ctx, uint64_t addr, smmu_pa_space pas, void *buf, size_t len)
{
    return core_read(ctx, addr, pas, buf, len, NULL);
}

static int drv_write(void *ctx, uint64_t addr, smmu_pa_space pas, const void *buf, size_t len)
{
    return core_write(ctx, addr, pas, buf, len, NULL);
}

/* ---- the driver's register accesses reach the core ---- */
static int rd32(void *ctx, uint64_t off, smmu_pa_space pas, uint32_t *val)
{
    uint64_t v = 0;
    int rc = smmu_reg_read((smmu_t *)ctx, off, 4, pas, &v);
    *val = (uint32_t)v;
    return rc;
}

static int wr32(void *ctx, uint64_t off, smmu_pa_space pas, uint32_t val)
{
    return smmu_reg_write((smmu_t *)ctx, off, 4, pas, val);
}

static int rd64(void *ctx, uint64_t off, smmu_pa_space pas, uint64_t *val)
{
    return smmu_reg_read((smmu_t *)ctx, off, 8, pas, val);
}

static int wr64(void *ctx, uint64_t off, smmu_pa_space pas, uint64_t val)
{
    return smmu_reg_write((smmu_t *)ctx, off, 8, pas, val);
}

static int errors;

static void check(const char *what, uint64_t got, uint64_t want)
{
    printf("  %-40s 0x%" PRIx64 "%s\n", what, got, got == want ? "" : "   <-- WRONG");
    errors += got != want;
}

#define TRY(expr)                                                                                \
    do {                                                                                         \
        smmu_drv_err err_ = (expr);                                                              \
        if (err_ != SMMU_DRV_OK) {                                                               \
            fprintf(stderr, "%s: %s\n", #expr, smmu_drv_strerror(err_));                         \
            return 1;                                                                            \
        }                                                                                        \
    } while (0)

int main(void)
{
    printf("smmuv3 %s (headers %s)\n", smmu_version(), SMMU_VERSION_STRING);
    check("library version is the headers'", strcmp(smmu_version(), SMMU_VERSION_STRING), 0);

    smmu_config cfg;
    smmu_config_init(&cfg);
    smmu_env env = {0};
    env.mem_read = core_read;
    env.mem_write = core_write;
    smmu_t *smmu = NULL;
    smmu_status st = smmu_create(&cfg, &env, &smmu);
    if (st != SMMU_OK) {
        fprintf(stderr, "smmu_create: %s\n", smmu_strerror(st));
        return 1;
    }

    /* The driver: queues, stream table, SMMUEN; StreamID 3 translated by stage 1. */
    smmu_drv_mmio mmio = {smmu, rd32, wr32, rd64, wr64};
    smmu_drv_mem mem = {NULL, drv_alloc, drv_read, drv_write};
    smmu_drv d;
    TRY(smmu_drv_init(&d, &mmio, &mem, SMMU_SEC_NS));
    TRY(smmu_drv_setup(&d, NULL));
    smmu_drv_pgtable pt;
    smmu_drv_pgtable_cfg ptc = {.stage = 1, .granule = 4096, .asid = 1};
    TRY(smmu_drv_pgtable_init(&d, &pt, &ptc));
    TRY(smmu_drv_map(&d, &pt, 0x40000000, 0x600000, 0x1000,
                     SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE));
    smmu_drv_cdtab cdt;
    TRY(smmu_drv_cdtab_init(&d, &cdt, 0, NULL, SMMU_PAS_NS));
    TRY(smmu_drv_cd_write(&d, &cdt, 3, 0, &pt));
    smmu_drv_ste ste = {.mode = SMMU_DRV_STE_S1, .cdtab = &cdt};
    TRY(smmu_drv_ste_write(&d, 3, &ste));

    /* The SMMU is on: SMMU_CR0.SMMUEN reads 1 [IHI 0070 6.3.9]. */
    uint64_t cr0 = 0;
    smmu_reg_read(smmu, SMMU_CR0, 4, SMMU_PAS_NS, &cr0);
    check("CR0.SMMUEN", SMMU_FIELD_GET(SMMU_CR0_SMMUEN, cr0), 1);

    /* A device on StreamID 3 reads IOVA 0x40000010: PA 0x600010. */
    smmu_txn txn = {0};
    txn.sid = 3;
    txn.addr = 0x40000010;
    txn.size = 4;
    txn.access = SMMU_ACCESS_READ;
    smmu_result res;
    smmu_translate(smmu, &txn, &res);
    check("outcome (0 = translated)", (uint64_t)res.outcome, SMMU_XLATE_OK);
    check("output PA", res.pa, 0x600010);

    /* Unmapped IOVA: F_TRANSLATION, popped by the driver from the event queue [7.3.12]. */
    txn.addr = 0x40001000;
    smmu_translate(smmu, &txn, &res);
    check("outcome (3 = fault)", (uint64_t)res.outcome, SMMU_XLATE_FAULT);
    smmu_drv_event ev;
    check("one event record", (uint64_t)smmu_drv_event_pop(&d, &ev, NULL), 1);
    check("event type", ev.type, SMMU_EVT_F_TRANSLATION);
    check("event InputAddr", ev.input_addr, 0x40001000);

    smmu_destroy(smmu);
    printf("%s\n", errors ? "FAILED" : "consumer C embedding: PASS");
    return errors ? 1 : 0;
}
