/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A sparse memory for tests, benchmarks, fuzzing and examples: four PA spaces of 4 KB pages
 * allocated on first write (reads of unwritten memory return zeros), abort windows, and an
 * smmu_env whose callbacks record interrupts, MSIs and diagnostics.
 */
#ifndef SMMU_TEST_FAKE_MEM_H
#define SMMU_TEST_FAKE_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmuv3/smmuv3.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_MEM_MAX_MSIS 64
#define FAKE_MEM_LOG_BYTES 8192
#define FAKE_MEM_READ_LOG 8

/* One read the SMMU made through the environment, as it asked for it. */
struct fake_read {
    uint64_t pa;
    smmu_pa_space pas;
    size_t len;
    smmu_mem_attrs attrs;
};

struct fake_msi {
    uint64_t pa;
    smmu_pa_space pas;
    uint32_t data;
};

struct fake_mem {
    struct fake_page **buckets;
    size_t nbuckets, npages;
    /* abort windows: accesses overlapping [lo, hi] in pas abort */
    struct { uint64_t lo, hi; smmu_pa_space pas; bool writes_only; } aborts[16];
    unsigned naborts;
    /* what the SMMU did through its environment */
    uint64_t reads, writes, cas;
    /* the SMMU's reads since fake_mem_clear_read_log(): all counted in nread_log, the first
     * FAKE_MEM_READ_LOG kept with their attributes (tests check the exact fetches of a walk) */
    struct fake_read read_log[FAKE_MEM_READ_LOG];
    unsigned nread_log;
    unsigned irqs[3][SMMU_IRQ_LINES_PER_BANK];
    unsigned rme_irqs[2];              /* GPF_FAR, GPT_CFG_FAR */
    unsigned sevs;
    struct fake_msi msis[FAKE_MEM_MAX_MSIS];
    unsigned nmsis;
    unsigned inval_notices;
    smmu_inval_notice last_notice;
    char log[FAKE_MEM_LOG_BYTES];      /* every diagnostic, one per line */
    size_t log_len;
    bool log_to_stderr;
    /* optional hook called before every read (tests use it to race invalidations) */
    void (*on_read)(void *arg, uint64_t pa, smmu_pa_space pas);
    void *on_read_arg;
    /* optional hook called before every write, while it is in flight (tests use it to make
     * the SMMU re-enter itself as a yielding embedder would) */
    void (*on_write)(void *arg, uint64_t pa, smmu_pa_space pas);
    void *on_write_arg;
    /* optional (opt-in): the SMMU whose bring-up checker sees the test CPU's writes
     * (fake_mem_wr64/wr32 and what the support library writes through them) through
     * smmu_observe_write; the SMMU's own writes (event records, HTTU, MSIs) are not
     * reported */
    smmu_t *observe;
    /* optional: the same writes for an embedder that reports them itself (the SystemC tests
     * pass them to smmu_tlm::observe_write), called after each reached memory */
    void (*on_cpu_write)(void *arg, uint64_t pa, smmu_pa_space pas, const void *data,
                         size_t len);
    void *on_cpu_write_arg;
};

struct fake_mem *fake_mem_create(void);
void fake_mem_destroy(struct fake_mem *m);
/* Forget all contents, aborts and records. */
void fake_mem_clear(struct fake_mem *m);

int fake_mem_read(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, void *buf, size_t len);
int fake_mem_write(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, const void *buf,
                   size_t len);
/* Little-endian helpers (no abort checks: they model the test's CPU, not the SMMU). */
uint64_t fake_mem_rd64(struct fake_mem *m, uint64_t pa, smmu_pa_space pas);
uint32_t fake_mem_rd32(struct fake_mem *m, uint64_t pa, smmu_pa_space pas);
void fake_mem_wr64(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, uint64_t v);
void fake_mem_wr32(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, uint32_t v);

/* Make SMMU accesses overlapping [lo, hi] in pas abort. Returns 0, or -1 if full. */
int fake_mem_add_abort(struct fake_mem *m, smmu_pa_space pas, uint64_t lo, uint64_t hi,
                       bool writes_only);
void fake_mem_clear_aborts(struct fake_mem *m);

/* Start a new read log. */
void fake_mem_clear_read_log(struct fake_mem *m);

/* SplitMix64: reproducible pseudo-random words for the tests' random inputs (state in *x). */
uint64_t fake_mem_rand(uint64_t *x);
/* Fill nwords 64-bit words from pa with fake_mem_rand(x) values (guest memory can hold
 * anything); like fake_mem_wr64, no abort checks. */
void fake_mem_scribble(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, size_t nwords,
                       uint64_t *x);

/* Copy each written page of [lo, hi) in PA space `from` to PA space `to` where `to` has no
 * page there yet (tests that must find a structure in whatever PA space the SMMU reads it
 * from, and then check which space that was). */
void fake_mem_fill_missing(struct fake_mem *m, smmu_pa_space from, smmu_pa_space to, uint64_t lo,
                           uint64_t hi);

/* An environment bound to m (ctx = m). */
smmu_env fake_mem_env(struct fake_mem *m);
/* Does the log contain `needle`? */
bool fake_mem_log_contains(const struct fake_mem *m, const char *needle);

/* The test suite in checker mode (ctest label "checker"): SMMU_TEST_CHECK=1 in the
 * environment. The fixtures, not the library, read it: they create their SMMUs with
 * cfg.check set, attach them (m->observe = s) and expect the findings each test declares
 * (zero unless the test plants a driver bug on purpose). */
bool fake_mem_check_mode(void);
void fake_mem_check_attach(struct fake_mem *m, smmu_t *s);
/* All findings of s so far (bring-up statistics), 0 without the checker. */
uint64_t fake_mem_check_findings(const smmu_t *s);

#ifdef __cplusplus
}
#endif

#endif
