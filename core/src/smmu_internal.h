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
#include <string.h>

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
/* Page requests the PRI queue holds back while another entry's write is in flight (priq.c). */
#define PRIQ_PENDING_MAX 8

/* ATC invalidations one command queue may have outstanding; a further CMD_ATC_INV waits for
 * a free slot (an IMPLEMENTATION DEFINED limit of the model). */
#define ATC_PENDING_MAX 16

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
    /* ATC invalidations sent by this bank's queue and not acknowledged yet (ats.c): the next
     * CMD_SYNC waits for them [4.7.3] */
    uint64_t atc_pending[ATC_PENDING_MAX];
    uint8_t atc_npending;
    bool atc_failed;            /* one of them timed out: CERROR_ATC_INV_SYNC at that CMD_SYNC */
    bool atc_blocked;           /* the consumer stopped for them (CONS on the waiting command) */
};

/* The Root control page (RME) [IHI 0070 6.2.6, 6.3.110-121]: registers as they read. */
struct smmu_root {
    bool present;               /* cfg.rme_impl */
    uint32_t cr0, cr0ack;       /* ROOT_CR0 / ROOT_CR0ACK: GPCEN, ACCESSEN */
    uint64_t gpt_base, gpt_base_cfg;
    uint64_t gpt_base2;         /* ROOT_GPT_BASE2: what GPT_BASE_UPDATE copies [6.3.120] */
    uint64_t gpf_far, gpt_cfg_far;
    uint64_t tlbi;
    uint32_t tlbi_ctrl;
};

struct tlb;
struct cfgcache;

/* The topology (topology.h, docs/exploration.md) */
struct topo_tbu {
    struct tlb *utlb;          /* NULL: utlb_entries == 0 */
    struct tlb *tlb;           /* NULL: tbu_tlb_entries == 0 */
    smmu_tbu_stats st;         /* translations counted only when topo.active */
    struct smmu *s;            /* the instance and this TBU's index, for the caches' change */
    unsigned index;            /* hook (reuse_tbu_changed) */
    uint64_t contents;         /* reuse word's value at its last change that was not an LRU
                                * order's alone (smmu_get_reuse_mark, smmu_reuse_renew) */
    const struct tlb_entry *utlb_used; /* micro-TLB entry the last lookup used or filled
                                * (NULL: none): a reusable result's (smmu_get_reuse_mark) */
};

struct topo {
    /* The translation goes through topo_translate rather than the one-TLB hit path: more than
     * one TBU, a TBU cache, or an LRU TCU TLB (whose hits must be recorded). */
    bool active;
    bool tbu_caches;           /* some TBU has a micro-TLB or a main TLB */
    bool caches;               /* tbu_caches, a walk cache or the IPA cache: invalidations */
    unsigned ntbu;
    struct topo_tbu *tbu;      /* [ntbu] */
    struct tlb *wc[2][3];      /* walk caches [stage - 1][level 0..2]; NULL: none */
    struct tlb *ipa;           /* IPA cache; NULL: none */
    smmu_tcu_stats tcu;        /* walk-cache and IPA-cache counters (the rest is derived) */
    uint64_t *reuse;           /* [ntbu] smmu_reuse_words (smmu.c reuse_changed) */
};

struct stall_state;
struct check;
struct pmcg_state;

struct smmu {
    smmu_config cfg;
    smmu_env env;
    struct smmu_bank bank[BANK_COUNT];
    struct smmu_root root;
    struct tlb *tlb;               /* the TCU's main TLB */
    struct cfgcache *cfgc;
    smmu_stats stats;
    smmu_bringup_callbacks bcb;    /* smmu_set_bringup_callbacks (zero: none installed) */
    smmu_bringup_stats bstats;     /* smmu_get_bringup_stats; struct_size unused here */
    struct stall_state *stall;     /* held transactions (stall.c); NULL until the first stall */
    /* The PRI queue's writer (there is one PRI queue, Non-secure): page requests that arrive
     * while an entry's write is in flight (a memory callback that yielded) wait here and are
     * written in order by that writer: see priq.c. */
    bool priq_active;
    uint8_t priq_pend_head, priq_pend_count;
    smmu_page_request priq_pend[PRIQ_PENDING_MAX];
    uint32_t priq_resets;          /* priq_reset calls: an entry write in flight across one is
                                      not published */
    struct check *chk;             /* the bring-up checker (check.c): NULL when cfg.check is 0 */
    struct pmcg_state *pmcg;       /* PMCGs (pmcg.c): NULL when cfg.pmcg_groups is 0 */
    bool pmcg_counting;            /* some PMCG counter is enabled (pmcg.h) */
    smmu_pmcg_callbacks pcb;       /* smmu_set_pmcg_callbacks (zero: none installed) */
    /* Reusing results (smmu_reuse_epoch, smmu_reuse_words; smmu.c reuse_changed) */
    struct {
        uint64_t gen;          /* changes so far: every value a word takes is new */
        uint64_t epoch;        /* smmu_reuse_epoch(): 0 while xlate_extra, else a gen */
        bool tbu_path;         /* topo.active is xlate_extra's only reason (topo.reuse) */
    } reuse;
    uint64_t atc_next_id;      /* ids of ATC invalidations (ats.c), unique across resets */
    bool xlate_extra;          /* gpc_active() || env.trace || chk || topo.active: smmu_translate's one test for work
                                  around the pipeline (kept by gpc_update_xlate_extra) */
    struct topo topo;          /* TBUs, walk caches, IPA cache (topology.c) */
};

/* ---- reusing results (smmu.c) ---- */

/* Something a TLB hit's result depends on changed, or whether results may be reused did
 * (xlate_extra): every reuse word takes a value it never had (smmu_reuse_words). */
void reuse_changed(struct smmu *s);

/* A cache of TBU tbu changed (a fill, an eviction, an invalidation; or, with `order`, an LRU
 * order alone): its reuse word takes a new value (smmu_reuse_words). */
void reuse_tbu_changed(struct smmu *s, unsigned tbu, bool order);

/* ---- environment wrappers (smmu.c) ---- */

/* What an SMMU-originated access is for: ROOT_GPF_FAR.REASON [3:1] and FAULTCODE [11:4]
 * when a granule protection check fails it [IHI 0070 6.3.116]. */
#define SMMU_ORIGIN(reason, code) ((reason) << 8 | (code))
typedef enum smmu_origin {
    ORIG_STE = SMMU_ORIGIN(1, 0x03),        /* TRANSLATION: STE and L1STD fetches */
    ORIG_CD = SMMU_ORIGIN(1, 0x09),         /* CD and L1CD fetches */
    ORIG_WALK = SMMU_ORIGIN(1, 0x0B),       /* translation table walks and HTTU updates */
    ORIG_VMS = SMMU_ORIGIN(1, 0x25),
    ORIG_CMDQ = SMMU_ORIGIN(2, 0x00),       /* GERROR: command queue reads */
    ORIG_EVENTQ = SMMU_ORIGIN(2, 0x02),
    ORIG_PRIQ = SMMU_ORIGIN(2, 0x03),
    ORIG_MSI_CMDQ = SMMU_ORIGIN(2, 0x04),
    ORIG_MSI_EVENTQ = SMMU_ORIGIN(2, 0x05),
    ORIG_MSI_PRIQ = SMMU_ORIGIN(2, 0x06),
    ORIG_MSI_GERROR = SMMU_ORIGIN(2, 0x07),
    ORIG_OTHER = SMMU_ORIGIN(2, 0x10),
    ORIG_CLIENT = SMMU_ORIGIN(3, 0x00)      /* TRANSACTION: the output of a client access */
} smmu_origin;

/* Or'ed into an origin: check, but record no fault (debug transactions). */
#define GPC_QUIET 0x10000u

/* Results of the memory wrappers: 0, or why the access did not complete. */
enum { SMMU_MEM_OK = 0, SMMU_MEM_EABT = 1, SMMU_MEM_GPF = 2 };

/* Memory access through the embedder, after the granule protection check (gpc.c) when the
 * Root page enables it: an access the GPT forbids never reaches env. Returns SMMU_MEM_OK,
 * SMMU_MEM_EABT (the embedder reported an external abort) or SMMU_MEM_GPF (a GPC fault,
 * already reported in ROOT_GPF_FAR / ROOT_GPT_CFG_FAR; callers set GPCF in their event).
 * Counts stats.table_fetches. */
int smmu_mem_read(struct smmu *s, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                  const smmu_mem_attrs *attrs, smmu_origin orig);
int smmu_mem_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                   const smmu_mem_attrs *attrs, smmu_origin orig);
/* 64-bit compare-and-swap (env.mem_cas64, or read-compare-write). *old gets the value found. */
int smmu_mem_cas64(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                   uint64_t desired, uint64_t *old, smmu_origin orig);
/* An MSI write (env.msi_write, or a 4-byte mem_write). Same results as smmu_mem_write. */
int smmu_msi_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint32_t data,
                   const smmu_mem_attrs *attrs, smmu_origin orig);
void smmu_raise_irq(struct smmu *s, smmu_sec_sid bank, smmu_irq_line line);
void smmu_notify_invalidation(struct smmu *s, const smmu_inval_notice *n);

/* Install a caller's callback struct whose first member is its struct_size into dst (of
 * dst_size bytes): a caller built against an older, shorter struct gets NULL for the rest;
 * src NULL removes them. SMMU_E_INVAL for a struct_size of 0. */
static inline smmu_status smmu_install_callbacks(void *dst, size_t dst_size, const void *src)
{
    size_t n = 0;
    if (src) {
        memcpy(&n, src, sizeof(n));
        if (!n)
            return SMMU_E_INVAL;
    }
    memset(dst, 0, dst_size);
    if (src)
        memcpy(dst, src, n < dst_size ? n : dst_size);
    memcpy(dst, &dst_size, sizeof(dst_size));
    return SMMU_OK;
}

/* A trace record through env.trace (the caller checks s->env.trace first, so that tracing
 * costs one test when off). */
static inline void smmu_trace_emit(struct smmu *s, smmu_trace_kind kind, unsigned bank,
                                   uint64_t addr, smmu_pa_space pas, const uint64_t *words,
                                   unsigned nwords)
{
    smmu_trace t = {kind, (smmu_sec_sid)bank, 0, 0, addr, pas, words, nwords, NULL, NULL, 0};
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

/* smmu_config_check() (params.c) with the normalised configuration in *out (out may be c):
 * the RES0 fields the ID register rules clear are listed in notes. */
smmu_status config_validate(const smmu_config *c, smmu_config *out, char *err, size_t errlen,
                            char *notes, size_t notes_len);

/* Apply the ID register rules of the architecture version and the implemented features to *c
 * (idr_rules.c): RES0 fields are cleared (listed in notes, "" if none), and SMMU_E_INVAL is
 * returned with the reason in why when a mandatory field is not set. */
smmu_status idr_rules_apply(smmu_config *c, char *why, size_t why_len, char *notes,
                            size_t notes_len);

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
