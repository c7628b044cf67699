/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Core benchmarks. The figures are printed, never asserted:
 *   core_bench throughput          wall-clock translations per second (TLB hits, one core)
 *   core_bench hit N               N TLB-hit translations        } measured by
 *   core_bench miss_s1 N           N 4-level stage-1 misses      } scripts/bench.sh under
 *   core_bench miss_nested N       N nested 4+4-level misses     } callgrind: instructions
 *   core_bench tlbi_full N|empty N one TLBI_NH_VA, TLB full/empty} inside bench_*_region
 * Instruction counts come from `valgrind --tool=callgrind` (stable on noisy machines):
 * collection is on only inside the bench_*_region functions and off inside the memory
 * callbacks (bench_mem_*), so "beside the memory callbacks" is what is counted.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver.h"
#include "fake_mem.h"
#include "pgtable.h"
#include "smmuv3/smmuv3.h"
#include "ste_cd.h"

/* Memory map of the benchmark platform (Non-secure PA) */
#define CMDQ_BASE 0x10000u
#define EVTQ_BASE 0x20000u
#define STRTAB_BASE 0x40000u
#define CD_BASE 0x50000u
#define S2_POOL 0x1000000u         /* stage-2 tables (PA) */
#define S1_POOL 0x4000000u         /* stage-1 tables (IPA for nested, PA otherwise) */
#define NESTED_OFFSET 0x40000000u  /* stage 2 maps IPA a to PA a + NESTED_OFFSET */
#define VA_BASE UINT64_C(0x800000000)
#define OUT_BASE UINT64_C(0x200000000)

struct bench {
    struct fake_mem *mem;
    smmu_env fake_env;
    smmu_t *smmu;
    struct smmu_driver drv;
    struct pgt s1, s2;
    uint64_t out_offset; /* stage 2 adds NESTED_OFFSET to every output */
};

/* ---- memory callbacks: wrappers with names callgrind can exclude ---- */
int bench_mem_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                   const smmu_mem_attrs *attrs);
int bench_mem_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                    const smmu_mem_attrs *attrs);
int bench_mem_cas(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                  uint64_t desired, uint64_t *old);

int bench_mem_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                   const smmu_mem_attrs *attrs)
{
    struct bench *b = ctx;
    return b->fake_env.mem_read(b->fake_env.ctx, pa, pas, buf, len, attrs);
}

int bench_mem_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                    const smmu_mem_attrs *attrs)
{
    struct bench *b = ctx;
    return b->fake_env.mem_write(b->fake_env.ctx, pa, pas, buf, len, attrs);
}

int bench_mem_cas(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                  uint64_t desired, uint64_t *old)
{
    struct bench *b = ctx;
    return b->fake_env.mem_cas64(b->fake_env.ctx, pa, pas, expected, desired, old);
}

static void die(const char *what)
{
    fprintf(stderr, "core_bench: %s\n", what);
    exit(2);
}

static uint64_t ipa_to_pa(void *arg, uint64_t ipa)
{
    (void)arg;
    return ipa + NESTED_OFFSET;
}

/* A stream (SID sid, ASID asid) mapping `pages` 4K pages at VA_BASE; nested adds a stage 2
 * that maps every stage-1 table page and data page with 4K pages (4 levels each). */
/* "_topo" after a benchmark's name: 4 TBUs with 32-entry micro-TLBs, walk caches of 64
 * entries at every level of both stages and a 64-entry IPA cache (docs/exploration.md);
 * transactions go round the TBUs. */
static bool topo;

static void setup(struct bench *b, unsigned tlb_entries, unsigned pages, bool nested)
{
    memset(b, 0, sizeof(*b));
    b->mem = fake_mem_create();
    if (!b->mem)
        die("no memory");
    b->fake_env = fake_mem_env(b->mem);
    smmu_env env = b->fake_env;
    env.ctx = b;
    env.mem_read = bench_mem_read;
    env.mem_write = bench_mem_write;
    env.mem_cas64 = bench_mem_cas;
    env.msi_write = NULL;
    env.irq = NULL;
    env.sev = NULL;
    env.log = NULL;
    env.invalidated = NULL;
    smmu_config cfg;
    smmu_config_init(&cfg);
    cfg.tlb_entries = tlb_entries;
    cfg.tlb_ways = tlb_entries ? 8 : 0;
    if (topo) {
        cfg.tbus = 4;
        cfg.utlb_entries = 32;
        cfg.wc_s1_l0_entries = cfg.wc_s1_l1_entries = cfg.wc_s1_l2_entries = 64;
        cfg.wc_s2_l0_entries = cfg.wc_s2_l1_entries = cfg.wc_s2_l2_entries = 64;
        cfg.ipa_cache_entries = 64;
    }
    if (smmu_create(&cfg, &env, &b->smmu) != SMMU_OK)
        die("smmu_create failed");

    drv_init(&b->drv, b->smmu, b->mem, SMMU_SEC_NS);
    drv_setup_cmdq(&b->drv, CMDQ_BASE, 8);
    drv_setup_evtq(&b->drv, EVTQ_BASE, 8);
    if (drv_enable_queues(&b->drv))
        die("queues");

    uint64_t off = nested ? NESTED_OFFSET : 0;
    b->out_offset = off;
    struct pgt_params p1 = pgt_default_params(1, 12, 48);
    p1.pool_base = S1_POOL;
    p1.pool_size = 0x1000000;
    p1.mem_offset = off;
    if (pgt_init(&b->s1, b->mem, &p1))
        die("stage-1 tables");
    for (unsigned i = 0; i < pages; i++)
        if (pgt_map(&b->s1, VA_BASE + (uint64_t)i * 4096, OUT_BASE + (uint64_t)i * 4096, 4096,
                    PGT_S1_RW))
            die("stage-1 map");

    uint64_t ste[8], cd[8];
    cd_make(cd, b->s1.root, 12, 48, 48, 1, 0xff);
    struct cd_builder cdb;
    cd_init(&cdb, b->mem, SMMU_PAS_NS, CD_BASE, 0, 0, 0);
    if (nested) {
        cdb.ipa_to_pa = ipa_to_pa;
        struct pgt_params p2 = pgt_default_params(2, 12, 48);
        p2.pool_base = S2_POOL;
        p2.pool_size = 0x1000000;
        if (pgt_init(&b->s2, b->mem, &p2))
            die("stage-2 tables");
        /* 4K stage-2 pages for the CD, every stage-1 table page used, and the data */
        if (pgt_map(&b->s2, CD_BASE, CD_BASE + NESTED_OFFSET, 4096, PGT_S2_RW))
            die("stage-2 map");
        for (uint64_t a = S1_POOL; a < b->s1.pool[SMMU_PAS_NS].next; a += 4096)
            if (pgt_map(&b->s2, a, a + NESTED_OFFSET, 4096, PGT_S2_RW))
                die("stage-2 map");
        for (unsigned i = 0; i < pages; i++) {
            uint64_t ipa = OUT_BASE + (uint64_t)i * 4096;
            if (pgt_map(&b->s2, ipa, ipa + NESTED_OFFSET, 4096, PGT_S2_RW))
                die("stage-2 map");
        }
    }
    cd_write(&cdb, 0, cd);
    ste_make_s1(ste, CD_BASE, 0, 0);
    if (nested) {
        struct ste_s2_params s2 = {0};
        s2.ttb = b->s2.root;
        s2.granule_shift = 12;
        s2.ia_bits = 48;
        s2.start_level = pgt_start_level(&b->s2);
        s2.ps_bits = 48;
        s2.vmid = 1;
        ste_set_s2(ste, &s2);
    }
    struct st_builder st;
    st_init_linear(&st, b->mem, SMMU_PAS_NS, STRTAB_BASE, 6);
    st_write_ste(&st, 1, ste);
    /* a second stream with another ASID over the same tables, for the TLBI benchmark */
    cd_make(cd, b->s1.root, 12, 48, 48, 2, 0xff);
    struct cd_builder cdb2;
    cd_init(&cdb2, b->mem, SMMU_PAS_NS, CD_BASE + 0x40, 0, 0, 0);
    cd_write(&cdb2, 0, cd);
    ste_make_s1(ste, CD_BASE + 0x40, 0, 0);
    st_write_ste(&st, 2, ste);

    drv_set_strtab(&b->drv, st_base_reg(&st), st_base_cfg_reg(&st));
    uint64_t cmd[2];
    cmd_cfgi_all(cmd, false);
    drv_submit(&b->drv, cmd);
    if (drv_sync(&b->drv) || drv_enable_smmu(&b->drv))
        die("enable");
}

static void teardown(struct bench *b)
{
    smmu_destroy(b->smmu);
    fake_mem_destroy(b->mem);
}

static int translate(struct bench *b, uint32_t sid, uint64_t va, smmu_result *r)
{
    smmu_txn t;
    memset(&t, 0, sizeof(t));
    t.sid = sid;
    t.addr = va;
    t.size = 8;
    t.access = SMMU_ACCESS_READ;
    smmu_translate(b->smmu, &t, r);
    return r->outcome == SMMU_XLATE_OK && r->pa == OUT_BASE + (va - VA_BASE) + b->out_offset ? 0 : -1;
}

/* The same through the TBU of the page's bits [13:12] (the _topo benchmarks) */
static int translate_tbu(struct bench *b, uint32_t sid, uint64_t va, smmu_result *r)
{
    smmu_txn t;
    memset(&t, 0, sizeof(t));
    t.sid = sid;
    t.addr = va;
    t.size = 8;
    t.access = SMMU_ACCESS_READ;
    t.flags = SMMU_TXN_TBU;
    t.tbu = (uint16_t)((va >> 12) & 3);
    smmu_translate(b->smmu, &t, r);
    return r->outcome == SMMU_XLATE_OK && r->pa == OUT_BASE + (va - VA_BASE) + b->out_offset ? 0 : -1;
}

/* ---- measured regions (kept out of line so callgrind can toggle on them) ---- */
__attribute__((noinline)) unsigned bench_hit_region(struct bench *b, unsigned n);
__attribute__((noinline)) unsigned bench_miss_region(struct bench *b, unsigned n);
__attribute__((noinline)) void bench_tlbi_region(struct bench *b, const uint64_t cmd[2]);
__attribute__((noinline)) unsigned bench_hit_topo_region(struct bench *b, unsigned n);
__attribute__((noinline)) unsigned bench_miss_topo_region(struct bench *b, unsigned n);

/* The default regions' loops stay as they were: the topology ones are apart */
unsigned bench_hit_topo_region(struct bench *b, unsigned n)
{
    unsigned bad = 0;
    smmu_result r;
    for (unsigned i = 0; i < n; i++)
        bad += translate_tbu(b, 1, VA_BASE + (uint64_t)(i & 15) * 4096 + 8, &r) != 0;
    return bad;
}

unsigned bench_miss_topo_region(struct bench *b, unsigned n)
{
    unsigned bad = 0;
    smmu_result r;
    for (unsigned i = 0; i < n; i++)
        bad += translate_tbu(b, 1, VA_BASE + (uint64_t)i * 4096, &r) != 0;
    return bad;
}

unsigned bench_hit_region(struct bench *b, unsigned n)
{
    unsigned bad = 0;
    smmu_result r;
    for (unsigned i = 0; i < n; i++)
        bad += translate(b, 1, VA_BASE + (uint64_t)(i & 15) * 4096 + 8, &r) != 0;
    return bad;
}

unsigned bench_miss_region(struct bench *b, unsigned n)
{
    unsigned bad = 0;
    smmu_result r;
    for (unsigned i = 0; i < n; i++)
        bad += translate(b, 1, VA_BASE + (uint64_t)i * 4096, &r) != 0;
    return bad;
}

void bench_tlbi_region(struct bench *b, const uint64_t cmd[2])
{
    drv_submit(&b->drv, cmd);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run_throughput(void)
{
    struct bench b;
    setup(&b, 4096, 16, false);
    bench_hit_region(&b, 16); /* warm */
    const unsigned n = 20 * 1000 * 1000;
    double t0 = now();
    unsigned bad = bench_hit_region(&b, n);
    double dt = now() - t0;
    smmu_stats st;
    smmu_get_stats(b.smmu, &st);
    printf("TLB-hit throughput: %.1f million translations/s (%u translations in %.3f s, "
           "%" PRIu64 " TLB hits)\n", n / dt / 1e6, n, dt, st.tlb_hits);
    teardown(&b);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("usage: core_bench throughput | hit N | miss_s1 N | miss_nested N | tlbi_full N | "
            "tlbi_empty N (hit, miss_s1, miss_nested: with _topo, 4 TBUs and walk caches)");
    char name[64];
    snprintf(name, sizeof(name), "%s", argv[1]);
    size_t len = strlen(name);
    if (len > 5 && !strcmp(name + len - 5, "_topo")) {
        topo = true;
        name[len - 5] = 0;
    }
    const char *what = name;
    unsigned n = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 1000;
    if (!strcmp(what, "throughput"))
        return run_throughput();

    struct bench b;
    unsigned bad = 0;
    if (!strcmp(what, "hit")) {
        setup(&b, 4096, 16, false);
        if (topo) {
            bad = bench_hit_topo_region(&b, 16);
            bad += bench_hit_topo_region(&b, n);
        } else {
            bad = bench_hit_region(&b, 16); /* warm: fills the TLB and the config cache */
            bad += bench_hit_region(&b, n);
        }
    } else if (!strcmp(what, "miss_s1") || !strcmp(what, "miss_nested")) {
        bool nested = !strcmp(what, "miss_nested");
        setup(&b, 0, n + 1, nested); /* no TLB: every translation walks */
        if (topo) {
            bad = bench_miss_topo_region(&b, 1);
            bad += bench_miss_topo_region(&b, n);
        } else {
            bad = bench_miss_region(&b, 1); /* warm the configuration cache */
            bad += bench_miss_region(&b, n);
        }
    } else if (!strcmp(what, "tlbi_full") || !strcmp(what, "tlbi_empty")) {
        /* n unrelated entries (stream 2, ASID 2) cached, or none; then one TLBI_NH_VA of
         * an ASID-1 page that is not cached */
        setup(&b, 65536, n, false);
        smmu_result r;
        if (!strcmp(what, "tlbi_full"))
            for (unsigned i = 0; i < n; i++)
                bad += translate(&b, 2, VA_BASE + (uint64_t)i * 4096, &r) != 0;
        smmu_stats st;
        smmu_get_stats(b.smmu, &st);
        printf("entries cached: %" PRIu64 "\n", st.tlb_misses - st.tlb_evictions);
        uint64_t cmd[2];
        cmd_tlbi_nh_va(cmd, 0, 1, VA_BASE, true);
        bench_tlbi_region(&b, cmd);
    } else {
        die("unknown benchmark");
    }
    teardown(&b);
    if (bad)
        fprintf(stderr, "core_bench: %u translations gave a wrong result\n", bad);
    return bad ? 1 : 0;
}
