/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A complete, minimal embedding of the SMMUv3 core (docs/embedding.md walks through it).
 *
 * It plays both sides: the embedder (memory callbacks over a flat array) and a firmware
 * driver that programs the SMMU through its registers exactly as on hardware: stream table,
 * command queue, event queue, one stage-1 stream, CMD_CFGI_ALL + CMD_SYNC, SMMUEN. Then a
 * device's accesses are translated, and a fault is read back from the event queue.
 * The firmware side takes register offsets, fields and structure layouts from <smmuv3/arch.h>.
 * Exits 0 only if every result is the architected one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "smmuv3/arch.h"
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

static void command(const uint64_t cmd[SMMU_CMD_DWORDS])
{
    uint32_t prod = (uint32_t)reg_read(SMMU_CMDQ_PROD, 4);
    uint64_t slot = CMDQ + (prod & smmu_queue_idx_mask(QLOG2)) * SMMU_CMDQ_ENTRY_BYTES;
    for (unsigned i = 0; i < SMMU_CMD_DWORDS; i++)
        wr64(slot + 8 * i, cmd[i]);
    prod = smmu_queue_inc(prod, QLOG2);  /* index plus wrap bit */
    reg_write(SMMU_CMDQ_PROD, 4, prod); /* the SMMU consumes before this returns */
}

static void write_words(uint64_t pa, const uint64_t *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        wr64(pa + 8 * i, w[i]);
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
           reg_read(SMMU_IDR0, 4), reg_read(SMMU_IDR1, 4), reg_read(SMMU_IDR5, 4),
           reg_read(SMMU_AIDR, 4));

    /* 1. Queues and stream table [IHI 0070 3.5, 3.3] */
    reg_write(SMMU_STRTAB_BASE, 8, STRTAB);
    /* a linear table (FMT 0) of 2^4 STEs */
    reg_write(SMMU_STRTAB_BASE_CFG, 4, SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_LOG2SIZE, 4));
    reg_write(SMMU_CMDQ_BASE, 8, CMDQ | SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, QLOG2));
    reg_write(SMMU_CMDQ_PROD, 4, 0);
    reg_write(SMMU_CMDQ_CONS, 4, 0);
    reg_write(SMMU_EVENTQ_BASE, 8, EVENTQ | SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, QLOG2));
    reg_write(SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD, 4, 0);
    reg_write(SMMU_PAGE1_OFFSET + SMMU_EVENTQ_CONS, 4, 0);
    set_cr0(SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN);

    /* 2. StreamID 1: stage-1 translation with one CD [IHI 0070 5.2, 5.4] */
    uint64_t ste[SMMU_STE_DWORDS] = {0};
    smmu_ste_set_V(ste, 1);
    smmu_ste_set_Config(ste, 5); /* 0b101: stage 1 translates, stage 2 bypass */
    smmu_ste_set_S1ContextPtr(ste, CD0 >> 6);
    smmu_ste_set_S1CIR(ste, 1); /* CD fetches: write-back, inner shareable */
    smmu_ste_set_S1COR(ste, 1);
    smmu_ste_set_S1CSH(ste, 3);
    write_words(STRTAB + 1 * 64, ste, SMMU_STE_DWORDS);

    uint64_t cd[SMMU_CD_DWORDS] = {0};
    smmu_cd_set_T0SZ(cd, 25); /* 39-bit VA: the walk starts at level 1 */
    smmu_cd_set_IR0(cd, 1);   /* table walks: write-back, inner shareable */
    smmu_cd_set_OR0(cd, 1);
    smmu_cd_set_SH0(cd, 3);
    smmu_cd_set_EPD1(cd, 1);  /* no TTB1 */
    smmu_cd_set_V(cd, 1);
    smmu_cd_set_IPS(cd, 5);   /* 48 bits */
    smmu_cd_set_AA64(cd, 1);
    smmu_cd_set_R(cd, 1);     /* record faults ... */
    smmu_cd_set_A(cd, 1);     /* ... and abort the access */
    smmu_cd_set_ASID(cd, 1);
    smmu_cd_set_TTB0(cd, PGD >> 4);
    smmu_cd_set_MAIR0(cd, 0xFF); /* Attr0 = Normal write-back */
    write_words(CD0, cd, SMMU_CD_DWORDS);

    /* 3. Page tables: VA 0x40001000 -> PA 0x800000, read/write at EL0 and EL1 [Arm ARM D8.3] */
    uint64_t table = 0;
    smmu_desc_s1_table_set_Valid(&table, 1);
    smmu_desc_s1_table_set_Type(&table, 1); /* a table */
    wr64(PGD + 1 * 8, table | PMD);         /* level 1 index 1 */
    wr64(PMD + 0 * 8, table | PTE);         /* level 2 index 0 */
    uint64_t page = 0;
    smmu_desc_s1_leaf_set_Valid(&page, 1);
    smmu_desc_s1_leaf_set_Type(&page, 1); /* level 3: a page */
    smmu_desc_s1_leaf_set_AP(&page, 1);   /* read/write, EL0 too */
    smmu_desc_s1_leaf_set_SH(&page, 3);
    smmu_desc_s1_leaf_set_AF(&page, 1);
    smmu_desc_addr_set_Addr(&page, 0x800000 >> 12);
    wr64(PTE + 1 * 8, page);              /* level 3 index 1 */

    /* 4. Invalidate cached configuration, synchronise, enable [IHI 0070 3.11] */
    uint64_t cmd[SMMU_CMD_DWORDS] = {0};
    smmu_cmd_set_Opcode(cmd, SMMU_CMD_CFGI_STE_RANGE);
    smmu_cmd_set_Range(cmd, SMMU_CMD_CFGI_RANGE_ALL); /* CMD_CFGI_ALL */
    command(cmd);
    uint64_t sync[SMMU_CMD_DWORDS] = {0};
    smmu_cmd_set_Opcode(sync, SMMU_CMD_SYNC);
    smmu_cmd_set_CS(sync, SMMU_CMD_SYNC_SIG_NONE);
    command(sync);
    errors += check("CMDQ_CONS after CFGI_ALL + SYNC", reg_read(SMMU_CMDQ_CONS, 4), 2);
    set_cr0(SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN | SMMU_CR0_SMMUEN);

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
    errors += check("EVENTQ_PROD", reg_read(SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD, 4), 1);
    uint64_t rec[SMMU_EVT_DWORDS];
    for (unsigned i = 0; i < SMMU_EVT_DWORDS; i++)
        rec[i] = rd64(EVENTQ + 8 * i);
    printf("  event: %s\n", smmu_event_name((unsigned)smmu_evt_EventType(rec)));
    errors += check("event type (0x10 = F_TRANSLATION)", smmu_evt_EventType(rec),
                    SMMU_EVT_F_TRANSLATION);
    errors += check("event StreamID", smmu_evt_StreamID(rec), 1);
    errors += check("event InputAddr", smmu_evt_InputAddr(rec), 0x40002000);
    reg_write(SMMU_PAGE1_OFFSET + SMMU_EVENTQ_CONS, 4, 1); /* consume it */

    smmu_stats stats;
    smmu_get_stats(smmu, &stats);
    printf("statistics: %" PRIu64 " translations, %" PRIu64 " TLB hits, %" PRIu64
           " commands, %" PRIu64 " events recorded\n",
           stats.translations, stats.tlb_hits, stats.commands, stats.events_recorded);
    smmu_destroy(smmu);
    printf("%s\n", errors ? "FAILED" : "all results as the architecture specifies");
    return errors ? 1 : 0;
}
