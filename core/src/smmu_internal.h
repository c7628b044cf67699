/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The instance and what every file of the core shares: the per-interface register bank,
 * the environment wrappers (memory, interrupts, diagnostics) and statistics.
 */
#ifndef SMMU_INTERNAL_H
#define SMMU_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "smmuv3/smmuv3.h"

/* Programming interfaces ("banks") [IHI 0070 3.10]: indexed by smmu_sec_sid. */
enum { BANK_NS = SMMU_SEC_NS, BANK_S = SMMU_SEC_SECURE, BANK_R = SMMU_SEC_REALM, BANK_COUNT = 3 };

/* A circular queue's registers [IHI 0070 3.5]. Values are kept as the registers read. */
struct smmu_queue {
    uint64_t base;              /* SMMU_(*_)xQ_BASE */
    uint32_t prod;              /* xQ_PROD (with OVFLG for the event and PRI queues) */
    uint32_t cons;              /* xQ_CONS (with ERR for the command queue, OVACKFLG) */
    uint64_t irq_cfg0;          /* xQ_IRQ_CFG0 (MSI address) */
    uint32_t irq_cfg1, irq_cfg2;/* MSI data, MSI attributes */
};

/* Event records an event queue holds back while another record's write is in flight. */
#define EVTQ_PENDING_MAX 8

/* One programming interface: Non-secure (SMMU_*), Secure (SMMU_S_*) or Realm (SMMU_R_*). */
struct smmu_bank {
    smmu_sec_sid sec;
    bool present;               /* NS always; Secure if SECURE_IMPL; Realm if REALM_IMPL */
    smmu_pa_space pas;          /* PA space of this bank's tables, queues and MSIs */
    uint32_t idr[7];            /* (S_/R_)IDR0..IDR6 as this bank reports them */
    uint32_t cr0, cr0ack, cr1, cr2;
    uint32_t gbpa;
    uint32_t irq_ctrl, irq_ctrlack;
    uint32_t gerror, gerrorn;
    uint64_t gerror_irq_cfg0;
    uint32_t gerror_irq_cfg1, gerror_irq_cfg2;
    uint64_t strtab_base;
    uint32_t strtab_base_cfg;
    uint64_t s2pii;
    uint32_t s_init;            /* Secure bank only */
    struct smmu_queue cmdq, eventq, priq;
    unsigned cmdq_active;       /* command consumption in progress (re-entrancy guard) */
    bool cmdq_more;             /* PROD written again while consuming */
    /* Event records asked for while another record's write is in flight (a memory callback
     * that yielded), written in order by that writer: see evtq.c. */
    bool evtq_active;           /* an event record write is in progress (re-entrancy guard) */
    uint8_t evtq_pend_head, evtq_pend_count;
    uint64_t evtq_pend[EVTQ_PENDING_MAX][4]; /* encoded records, a ring from evtq_pend_head */
};

struct tlb;
struct cfgcache;

struct smmu {
    smmu_config cfg;
    smmu_env env;
    struct smmu_bank bank[BANK_COUNT];
    struct tlb *tlb;
    struct cfgcache *cfgc;
    smmu_stats stats;
};

/* ---- environment wrappers (smmu.c) ---- */

/* Memory access through the embedder. Returns 0 or non-zero for an external abort.
 * Counts stats.table_fetches. */
int smmu_mem_read(struct smmu *s, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                  const smmu_mem_attrs *attrs);
int smmu_mem_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                   const smmu_mem_attrs *attrs);
/* 64-bit compare-and-swap (env.mem_cas64, or read-compare-write). *old gets the value found. */
int smmu_mem_cas64(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                   uint64_t desired, uint64_t *old);
/* An MSI write (env.msi_write, or a 4-byte mem_write). Returns 0 or non-zero for an abort. */
int smmu_msi_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint32_t data,
                   const smmu_mem_attrs *attrs);
void smmu_raise_irq(struct smmu *s, smmu_sec_sid bank, smmu_irq_line line);
void smmu_notify_invalidation(struct smmu *s, const smmu_inval_notice *n);

/* A trace record through env.trace (the caller checks s->env.trace first, so that tracing
 * costs one test when off). */
static inline void smmu_trace_emit(struct smmu *s, smmu_trace_kind kind, unsigned bank,
                                   uint64_t addr, smmu_pa_space pas, const uint64_t *words,
                                   unsigned nwords)
{
    smmu_trace t = {kind, (smmu_sec_sid)bank, 0, 0, addr, pas, words, nwords, NULL, NULL};
    s->env.trace(s->env.ctx, &t);
}

/* printf-style diagnostic through env.log; cheap when env.log is NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void smmu_log(struct smmu *s, smmu_log_level level, const char *fmt, ...);

/* Memory attributes of a CR1-described fetch (TABLE_* or QUEUE_* fields). */
smmu_mem_attrs smmu_cr1_attrs(uint32_t ic, uint32_t oc, uint32_t sh);

/* Output address size in bits of an IDR5.OAS / CD.IPS / STE.S2PS encoding (0..6, 7 = 56). */
unsigned smmu_pa_bits(unsigned encoding);

/* The bank a transaction of this SEC_SID uses, after the "never elevate" rule [3.10.1]. */
static inline unsigned smmu_bank_of(const struct smmu *s, smmu_sec_sid sec)
{
    if (sec == SMMU_SEC_SECURE && s->bank[BANK_S].present)
        return BANK_S;
    if (sec == SMMU_SEC_REALM && s->bank[BANK_R].present)
        return BANK_R;
    return BANK_NS;
}

#endif
