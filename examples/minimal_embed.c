/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A complete, minimal embedding of the SMMUv3 core (docs/embedding.md walks through it).
 *
 * It plays both sides: the embedder (memory callbacks over a flat array) and a firmware
 * driver that programs the SMMU through its registers exactly as on hardware: stream table,
 * command queue, event queue, one stage-1 stream, CMD_CFGI_ALL + CMD_SYNC, SMMUEN. Then a
 * device's accesses are translated, and a fault is read back from the event queue.
 * Exits 0 only if every result is the architected one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "smmuv3/smmuv3.h"

/* ---- the embedder's side: 16 MiB of Non-secure memory ---- */
#define MEM_SIZE (16u << 20)
static uint8_t memory[MEM_SIZE];

static int mem_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)attrs;
    if (pas != SMMU_PAS_NS || pa >= MEM_SIZE || len > MEM_SIZE - pa)
        return -1; /* an external abort: the SMMU reports it architecturally */
    memcpy(buf, memory + pa, len);
    return 0;
}

static int mem_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)attrs;
    if (pas != SMMU_PAS_NS || pa >= MEM_SIZE || len > MEM_SIZE - pa)
        return -1;
    memcpy(memory + pa, buf, len);
    return 0;
}

static void log_msg(void *ctx, smmu_log_level level, const char *msg)
{
    (void)ctx;
    printf("  [smmu %s] %s\n", level <= SMMU_LOG_WARN ? "diag" : "info", msg);
}

/* ---- the firmware's side: little-endian stores and register accesses ---- */
static void wr64(uint64_t pa, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        memory[pa + (uint64_t)i] = (uint8_t)(v >> (8 * i));
}

static uint64_t rd64(uint64_t pa)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | memory[pa + (uint64_t)i];
    return v;
}

static smmu_t *smmu;

static void reg_write(uint64_t off, unsigned size, uint64_t v)
{
    smmu_reg_write(smmu, off, size, SMMU_PAS_NS, v);
}

static uint64_t reg_read(uint64_t off, unsigned size)
{
    uint64_t v = 0;
    smmu_reg_read(smmu, off, size, SMMU_PAS_NS, &v);
    return v;
}

/* Register offsets [IHI 0070 6.2] */
#define SMMU_CR0 0x20
#define SMMU_CR0ACK 0x24
#define SMMU_STRTAB_BASE 0x80
#define SMMU_STRTAB_BASE_CFG 0x88
#define SMMU_CMDQ_BASE 0x90
#define SMMU_CMDQ_PROD 0x98
#define SMMU_CMDQ_CONS 0x9C
#define SMMU_EVENTQ_BASE 0xA0
#define SMMU_EVENTQ_PROD 0x100A8
#define SMMU_EVENTQ_CONS 0x100AC
#define CR0_SMMUEN (1u << 0)
#define CR0_EVENTQEN (1u << 2)
#define CR0_CMDQEN (1u << 3)

/* Memory layout chosen by this firmware */
#define STRTAB 0x10000 /* 16 STEs, linear */
#define CMDQ 0x20000   /* 16 commands */
#define EVENTQ 0x30000 /* 16 records */
#define CD0 0x40000
#define PGD 0x50000 /* stage-1 level 1 table (4K granule, 39-bit VA) */
#define PMD 0x51000
#define PTE 0x52000
#define QLOG2 4

static void set_cr0(uint32_t v)
{
    reg_write(SMMU_CR0, 4, v);
    while ((uint32_t)reg_read(SMMU_CR0ACK, 4) != v) /* the Update handshake */
        ;
}

static void command(uint64_t dw0, uint64_t dw1)
{
    uint32_t prod = (uint32_t)reg_read(SMMU_CMDQ_PROD, 4);
    uint64_t slot = CMDQ + (prod & ((1u << QLOG2) - 1)) * 16u;
    wr64(slot, dw0);
    wr64(slot + 8, dw1);
    prod = (prod + 1) & ((2u << QLOG2) - 1); /* index plus wrap bit */
    reg_write(SMMU_CMDQ_PROD, 4, prod);     /* the SMMU consumes before this returns */
}

static int check(const char *what, uint64_t got, uint64_t want)
{
    printf("  %-44s 0x%" PRIx64 "%s\n", what, got, got == want ? "" : "   <-- WRONG");
    return got == want ? 0 : 1;
}

int main(void)
{
    smmu_config cfg;
    smmu_config_init(&cfg);   /* the documented default: docs/configuration.md */
    cfg.oas_bits = 44;        /* then change what your SoC has: a 44-bit PA, */
    cfg.secure_impl = false;  /* no Secure programming interface, */
    cfg.sel2 = false;         /* and so no Secure EL2 (sel2 needs secure_impl) */

    smmu_env env = {0};       /* callbacks left NULL are optional ones not provided */
    env.mem_read = mem_read;
    env.mem_write = mem_write;
    env.log = log_msg;
    smmu_status st = smmu_create(&cfg, &env, &smmu);
    if (st != SMMU_OK) {
        fprintf(stderr, "smmu_create: %s\n", smmu_strerror(st));
        return 1;
    }
    int errors = 0;
    printf("SMMUv3 model: IDR0 0x%08" PRIx64 ", IDR1 0x%08" PRIx64 ", IDR5 0x%08" PRIx64
           ", AIDR 0x%02" PRIx64 "\n",
           reg_read(0x0, 4), reg_read(0x4, 4), reg_read(0x14, 4), reg_read(0x1C, 4));

    /* 1. Queues and stream table [IHI 0070 3.5, 3.3] */
    reg_write(SMMU_STRTAB_BASE, 8, STRTAB);
    reg_write(SMMU_STRTAB_BASE_CFG, 4, 4); /* linear, LOG2SIZE 4 */
    reg_write(SMMU_CMDQ_BASE, 8, CMDQ | QLOG2);
    reg_write(SMMU_CMDQ_PROD, 4, 0);
    reg_write(SMMU_CMDQ_CONS, 4, 0);
    reg_write(SMMU_EVENTQ_BASE, 8, EVENTQ | QLOG2);
    reg_write(SMMU_EVENTQ_PROD, 4, 0);
    reg_write(SMMU_EVENTQ_CONS, 4, 0);
    set_cr0(CR0_CMDQEN | CR0_EVENTQEN);

    /* 2. StreamID 1: stage-1 translation with one CD [IHI 0070 5.2, 5.4] */
    wr64(STRTAB + 1 * 64 + 0, 1u | 5u << 1 | CD0);  /* V, Config=0b101, S1ContextPtr */
    wr64(STRTAB + 1 * 64 + 8, 1u << 2 | 1u << 4 | 3u << 6); /* S1CIR/COR WB, S1CSH ISH */
    wr64(CD0 + 0, 25u                                 /* T0SZ: 39-bit VA, start level 1 */
                      | 1u << 8 | 1u << 10 | 3u << 12 /* IR0, OR0 WB, SH0 ISH */
                      | 1u << 30 | 1u << 31            /* EPD1, V */
                      | (uint64_t)5 << 32              /* IPS 48 bits */
                      | (uint64_t)1 << 41              /* AA64 */
                      | (uint64_t)1 << 45 | (uint64_t)1 << 46 /* R, A: record and abort */
                      | (uint64_t)1 << 48);            /* ASID 1 */
    wr64(CD0 + 8, PGD);                                 /* TTB0 */
    wr64(CD0 + 24, 0xFF);                               /* MAIR: Attr0 = Normal WB */

    /* 3. Page tables: VA 0x40001000 -> PA 0x800000, read/write at EL0 and EL1 */
    wr64(PGD + 1 * 8, PMD | 3);                         /* level 1 index 1: table */
    wr64(PMD + 0 * 8, PTE | 3);                         /* level 2 index 0: table */
    wr64(PTE + 1 * 8, 0x800000 | 3 | 1u << 6 | 3u << 8 | 1u << 10); /* page: AP=01, ISH, AF */

    /* 4. Invalidate cached configuration, synchronise, enable [IHI 0070 3.11] */
    command(0x04, 31);   /* CMD_CFGI_ALL (CFGI_STE_RANGE, Range 31) */
    command(0x46, 0);    /* CMD_SYNC, CS=SIG_NONE */
    errors += check("CMDQ_CONS after CFGI_ALL + SYNC", reg_read(SMMU_CMDQ_CONS, 4), 2);
    set_cr0(CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);

    /* 5. A device on StreamID 1 reads VA 0x40001234 */
    smmu_txn txn = {0};
    txn.sid = 1;
    txn.addr = 0x40001234;
    txn.size = 4;
    txn.access = SMMU_ACCESS_READ;
    smmu_result res;
    smmu_translate(smmu, &txn, &res);
    printf("read  SID 1 VA 0x%" PRIx64 ":\n", txn.addr);
    errors += check("outcome (0 = translated)", (uint64_t)res.outcome, SMMU_XLATE_OK);
    errors += check("output PA", res.pa, 0x800234);
    errors += check("mapping size", res.map_size, 0x1000);
    smmu_translate(smmu, &txn, &res);
    errors += check("second access hits the TLB", res.tlb_hit, 1);

    /* 6. An access to an unmapped VA faults; the event record is in the event queue */
    txn.addr = 0x40002000;
    txn.access = SMMU_ACCESS_WRITE;
    smmu_translate(smmu, &txn, &res);
    printf("write SID 1 VA 0x%" PRIx64 ":\n", txn.addr);
    errors += check("outcome (3 = fault)", (uint64_t)res.outcome, SMMU_XLATE_FAULT);
    errors += check("EVENTQ_PROD", reg_read(SMMU_EVENTQ_PROD, 4), 1);
    uint64_t rec0 = rd64(EVENTQ), rec2 = rd64(EVENTQ + 16);
    printf("  event: %s\n", smmu_event_name((unsigned)(rec0 & 0xff)));
    errors += check("event type (0x10 = F_TRANSLATION)", rec0 & 0xff, SMMU_EVT_F_TRANSLATION);
    errors += check("event StreamID", rec0 >> 32, 1);
    errors += check("event InputAddr", rec2, 0x40002000);
    reg_write(SMMU_EVENTQ_CONS, 4, 1); /* consume it */

    smmu_stats stats;
    smmu_get_stats(smmu, &stats);
    printf("statistics: %" PRIu64 " translations, %" PRIu64 " TLB hits, %" PRIu64
           " commands, %" PRIu64 " events recorded\n",
           stats.translations, stats.tlb_hits, stats.commands, stats.events_recorded);
    smmu_destroy(smmu);
    printf("%s\n", errors ? "FAILED" : "all results as the architecture specifies");
    return errors ? 1 : 0;
}
