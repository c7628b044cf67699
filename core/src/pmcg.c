/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Performance Monitor Counter Groups [IHI 0070 ch. 10; digest 9A; docs/pmcg.md].
 *
 * Model choices (IMPLEMENTATION DEFINED in the architecture, written in docs/pmcg.md):
 *  - every group sees every transaction of the SMMU, or with pmcg_per_tbu group t what TBU t
 *    sees and group tbus what the TCU sees (group_units below);
 *  - CFGR: RELOC_CTRS = 1 (page 1 holds the counters, as on MMU-600/700), CAPTURE = 1,
 *    SID_FILTER_TYPE = 0 (a filter per counter), MSI = smmu_config.msi, no MPAM;
 *  - SMR.STREAMID implements max(sid_bits, s_sid_bits) bits;
 *  - registers whose reset value is UNKNOWN reset to 0;
 *  - event 1 counts each smmu_translate call (not debug ones) and each ATS Translation
 *    Request; terminated transactions count in 1, 2 and 3 like the others; event 2 counts
 *    a transaction whose translation started a table walk, and each GPT read; event 3 one
 *    whose configuration lookup missed; events 4 and 5 each table or structure read, write
 *    or HTTU update; retried stalled transactions count again as new ones [10.3];
 *  - the Secure interface (SCR) exists with smmu_config.secure_impl, ROOTCR with rme_impl;
 *  - a counter whose EVTYPER names an event the group does not count never increments.
 */
#include "pmcg.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cfgcache.h"
#include "gpc.h"
#include "regs_layout.h"

#define PMCG_MAX_COUNTERS 64u
#define PMCG_PAGE1 SMMU_PMCG_PAGE1_OFFSET


/* Fields */
#define EVTYPER_OVFCAP SMMU_BIT(31)
#define EVTYPER_FILTER_SEC_SID SMMU_BIT(30)
#define EVTYPER_FILTER_SID_SPAN SMMU_BIT(29)
#define EVTYPER_FILTER_REALM_SID SMMU_BIT(28)
#define EVTYPER_EVENT SMMU_GENMASK(15, 0)
#define CFGR_CAPTURE SMMU_BIT(22)
#define CFGR_MSI SMMU_BIT(21)
#define CFGR_RELOC_CTRS SMMU_BIT(20)
#define CFGR_SIZE SMMU_GENMASK(13, 8)
#define CFGR_NCTR SMMU_GENMASK(5, 0)
#define CR_E SMMU_BIT(0)
#define SCR_READS_AS_ONE SMMU_BIT(31)
#define SCR_NSMSI SMMU_BIT(2)
#define SCR_NSRA SMMU_BIT(1)
#define SCR_SO SMMU_BIT(0)
#define ROOTCR_IMPL SMMU_BIT(31)
#define ROOTCR_NAO SMMU_BIT(3)
#define ROOTCR_RLO SMMU_BIT(1)
#define ROOTCR_RTO SMMU_BIT(0)
#define IRQ_CTRL_IRQEN SMMU_BIT(0)
#define IRQ_CFG0_ADDR SMMU_GENMASK(55, 2)
#define IRQ_CFG2_SH SMMU_GENMASK(5, 4)
#define IRQ_CFG2_MEMATTR SMMU_GENMASK(3, 0)
#define IRQ_STATUS_IRQ_ABT SMMU_BIT(0)

struct pmcg_group {
    uint64_t evcntr[PMCG_MAX_COUNTERS], svr[PMCG_MAX_COUNTERS];
    uint32_t evtyper[PMCG_MAX_COUNTERS], smr[PMCG_MAX_COUNTERS];
    uint64_t cnten, inten, ovs;
    uint32_t cr, scr, rootcr, irq_ctrl, irq_cfg1, irq_cfg2, irq_status;
    uint64_t irq_cfg0;
};

struct pmcg_state {
    unsigned n;                  /* groups */
    /* The transaction being translated: its StreamID, bank and TBU, and what counted before it */
    bool active, quiet;          /* quiet: a debug transaction (nothing counts) */
    bool ats;                    /* an ATS Translation Request */
    uint32_t sid;
    unsigned bank, tbu;
    uint64_t walks0, cfg_misses0;
    struct pmcg_group g[];
};

/* ---- configuration-derived values ---- */

static unsigned ncounters(const struct smmu *s)
{
    return s->cfg.pmcg_counters;
}

static uint64_t counter_mask(const struct smmu *s)
{
    unsigned bits = s->cfg.pmcg_counter_bits;
    return bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

/* Bytes per counter: 8 when PMCG_CFGR.SIZE > 31 [10.5.1] */
static unsigned counter_stride(const struct smmu *s)
{
    return s->cfg.pmcg_counter_bits > 32 ? 8 : 4;
}

static uint64_t implemented(const struct smmu *s)
{
    unsigned n = ncounters(s);
    return n >= 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1;
}

/* SMR.STREAMID: the low max(SIDSIZE, S_SIDSIZE) bits are implemented, the rest RAZ/WI */
static uint32_t smr_mask(const struct smmu *s)
{
    unsigned bits = s->cfg.sid_bits;
    if (s->cfg.secure_impl && s->cfg.s_sid_bits > bits)
        bits = s->cfg.s_sid_bits;
    return bits >= 32 ? UINT32_MAX : (uint32_t)((UINT64_C(1) << bits) - 1);
}

/* Where an event happens, as MMU-600/700 divide the work (pmcg_per_tbu): the TBU a
 * transaction enters by (transactions, its TLBs' misses, Translated traffic passed), the TCU
 * (translation requests, walks, configuration, ATS Translation Requests), or both. Without
 * pmcg_per_tbu every group sees both. */
enum { UNIT_TBU = 1, UNIT_TCU = 2, UNIT_BOTH = 3 };

/* The units group gi sees */
static unsigned group_units(const struct smmu *s, unsigned gi)
{
    if (!s->cfg.pmcg_per_tbu)
        return UNIT_BOTH;
    return gi == s->cfg.tbus ? UNIT_TCU : UNIT_TBU;
}

/* CEID0/1: the architected events the group counts [10.5.2.16]: 0-5, and 6-7 with ATS; a
 * TBU's group 0-2 (and 7), the TCU's 0-5 (and 6) */
static uint64_t ceid0(const struct smmu *s, unsigned gi)
{
    static const uint64_t by_units[4] = {0, 0x87, 0x7F, 0xFF};
    return by_units[group_units(s, gi)] & (s->cfg.ats ? 0xFF : 0x3F);
}

static bool supported(const struct smmu *s, unsigned gi, unsigned ev)
{
    if (ev < 64)
        return (ceid0(s, gi) >> ev) & 1;
    return ev == PMCG_EV_TERMINATED || ev == PMCG_EV_STALLED;
}

/* ---- life cycle ---- */

int pmcg_create(struct smmu *s)
{
    unsigned n = s->cfg.pmcg_groups;
    if (!n)
        return 0;
    s->pmcg = calloc(1, sizeof(*s->pmcg) + n * sizeof(struct pmcg_group));
    if (!s->pmcg)
        return -1;
    s->pmcg->n = n;
    pmcg_reset(s);
    return 0;
}

void pmcg_destroy(struct smmu *s)
{
    free(s->pmcg);
    s->pmcg = NULL;
}

static void update_counting(struct smmu *s)
{
    bool on = false;
    for (unsigned i = 0; s->pmcg && i < s->pmcg->n && !on; i++)
        on = (s->pmcg->g[i].cr & CR_E) && s->pmcg->g[i].cnten;
    s->pmcg_counting = on;
    gpc_update_xlate_extra(s);
}

void pmcg_reset(struct smmu *s)
{
    struct pmcg_state *p = s->pmcg;
    if (!p)
        return;
    for (unsigned i = 0; i < p->n; i++) {
        struct pmcg_group *g = &p->g[i];
        memset(g, 0, sizeof(*g));
        g->scr = SCR_READS_AS_ONE | SCR_NSMSI | SCR_NSRA; /* [10.5.2.12] */
        g->rootcr = ROOTCR_IMPL | ROOTCR_NAO;             /* [10.5.2.18] */
    }
    p->active = p->quiet = false;
    update_counting(s);
}

/* ---- counting ---- */

static void group_irq(struct smmu *s, unsigned gi)
{
    struct pmcg_group *g = &s->pmcg->g[gi];
    uint64_t addr = g->irq_cfg0 & IRQ_CFG0_ADDR;
    if (s->cfg.msi && addr) {
        /* With Secure support, NS = SCR.NSMSI | SCR.NSRA [10.6]: Secure PA space only when
         * the Secure side cleared both */
        smmu_pa_space pas = s->cfg.secure_impl && !(g->scr & (SCR_NSMSI | SCR_NSRA))
                                ? SMMU_PAS_SECURE
                                : SMMU_PAS_NS;
        smmu_mem_attrs a = regs_msi_attrs((unsigned)SMMU_FIELD_GET(IRQ_CFG2_SH, g->irq_cfg2),
                                          (unsigned)SMMU_FIELD_GET(IRQ_CFG2_MEMATTR,
                                                                   g->irq_cfg2));
        if (smmu_msi_write(s, addr, pas, g->irq_cfg1, &a, ORIG_OTHER)) {
            smmu_log(s, SMMU_LOG_ERROR, "PMCG %u: MSI write to 0x%llx aborted: IRQ_STATUS."
                     "IRQ_ABT set", gi, (unsigned long long)addr);
            g->irq_status |= IRQ_STATUS_IRQ_ABT;
        }
        return;
    }
    if (s->pcb.irq)
        s->pcb.irq(s->env.ctx, gi);
}

static void capture(struct smmu *s, struct pmcg_group *g)
{
    memcpy(g->svr, g->evcntr, ncounters(s) * sizeof(g->evcntr[0]));
}

/* Add n to counter c of group gi; an overflow sets OVS and, as enabled, interrupts and
 * captures [10.2.1, 10.5.2.2, 10.5.2.7]. */
static void add(struct smmu *s, unsigned gi, unsigned c, uint64_t n)
{
    struct pmcg_group *g = &s->pmcg->g[gi];
    uint64_t mask = counter_mask(s), old = g->evcntr[c];
    uint64_t nv = (old + n) & mask;
    g->evcntr[c] = nv;
    bool wrapped = mask == UINT64_MAX ? nv < old : old + n > mask;
    if (!wrapped)
        return;
    g->ovs |= UINT64_C(1) << c;
    if (g->evtyper[c] & EVTYPER_OVFCAP)
        capture(s, g);
    if (((g->inten >> c) & 1) && (g->irq_ctrl & IRQ_CTRL_IRQEN))
        group_irq(s, gi);
}

/* Does counter c's filter select a transaction of StreamID sid in bank [10.4; digest 9A.5]? */
static bool filter_match(const struct smmu *s, const struct pmcg_group *g, unsigned c,
                         uint32_t sid, unsigned bank)
{
    uint32_t t = g->evtyper[c];
    bool so = s->cfg.secure_impl && (g->scr & SCR_SO);
    bool rlo = s->cfg.rme_impl && (g->rootcr & ROOTCR_RLO);
    bool sec = (t & EVTYPER_FILTER_SEC_SID) != 0, realm = (t & EVTYPER_FILTER_REALM_SID) != 0;
    uint32_t mask = smr_mask(s), smr = g->smr[c] & mask;
    if ((t & EVTYPER_FILTER_SID_SPAN) && smr == mask) {
        /* AllSIDManySECSID: Non-secure, plus Secure with SO, plus Realm with RLO, as the
         * filter bits ask */
        switch (bank) {
        case BANK_NS: return true;
        case BANK_S: return so && (!realm || sec);
        default: return rlo && realm;
        }
    }
    /* One Security state: (Realm, Secure) = 00 NS, 01 Secure, 10 Realm, 11 behaves as 00 */
    bool esec = sec && so, erealm = realm && rlo;
    unsigned want = esec == erealm ? BANK_NS : esec ? BANK_S : BANK_R;
    if (bank != want)
        return false;
    if (!(t & EVTYPER_FILTER_SID_SPAN))
        return sid == smr;
    /* PartialSID: the lowest 0 bit of STREAMID at index Y-1 and the bits below it are
     * ignored (all ones except the top bit: every StreamID of the state) */
    unsigned y = (unsigned)__builtin_ctz(~smr) + 1;
    return y >= 32 || (sid >> y) == (smr >> y);
}

static bool filterable(unsigned ev)
{
    return ev != PMCG_EV_CYCLES;
}

#define ANY_TBU UINT_MAX /* count()'s tbu for an event of no one transaction (cycles) */

/* Count event ev (n times) in every group that sees `units` (of TBU tbu, or ANY_TBU), for the
 * current transaction when attributed. */
static void count(struct smmu *s, unsigned ev, uint64_t n, bool attributed, uint32_t sid,
                  unsigned bank, unsigned units, unsigned tbu)
{
    struct pmcg_state *p = s->pmcg;
    for (unsigned gi = 0; gi < p->n; gi++) {
        struct pmcg_group *g = &p->g[gi];
        unsigned gu = group_units(s, gi); /* a TBU's group: only its own TBU's events */
        if (!(g->cr & CR_E) || !(gu & units) ||
            (gu == UNIT_TBU && tbu != ANY_TBU && gi != tbu) || !supported(s, gi, ev))
            continue;
        uint64_t en = g->cnten & implemented(s);
        while (en) {
            unsigned c = (unsigned)__builtin_ctzll(en);
            en &= en - 1;
            if ((g->evtyper[c] & EVTYPER_EVENT) != ev)
                continue;
            /* An access no transaction caused counts only with a filter of every stream */
            if (filterable(ev) &&
                !(attributed ? filter_match(s, g, c, sid, bank)
                             : (g->evtyper[c] & EVTYPER_FILTER_SID_SPAN) &&
                                   (g->smr[c] & smr_mask(s)) == smr_mask(s)))
                continue;
            add(s, gi, c, n);
        }
    }
}

static void count_current(struct smmu *s, unsigned ev, unsigned units)
{
    struct pmcg_state *p = s->pmcg;
    if (!p->quiet)
        count(s, ev, 1, p->active, p->sid, p->bank, units, p->tbu);
}

void pmcg_txn_begin(struct smmu *s, const smmu_txn *txn, bool ats)
{
    struct pmcg_state *p = s->pmcg;
    p->active = true;
    p->quiet = (txn->flags & SMMU_TXN_DEBUG) != 0;
    p->sid = txn->sid;
    p->bank = smmu_bank_of(s, txn->sec);
    p->tbu = txn->flags & SMMU_TXN_TBU ? txn->tbu : 0;
    p->ats = ats;
    struct cfgc_counters c;
    cfgc_get_counters(s->cfgc, &c);
    p->walks0 = s->stats.walks;
    p->cfg_misses0 = c.misses;
    /* A transaction enters by its TBU; a Translation Request goes to the TCU (the TCU's
     * count of transactions the TBU sends on is made at the end, when that is known) */
    count_current(s, PMCG_EV_TRANSACTION, ats ? UNIT_TCU : UNIT_TBU);
    if (ats)
        count_current(s, PMCG_EV_ATS_REQUEST, UNIT_TCU);
}

void pmcg_txn_end(struct smmu *s, const smmu_txn *txn, const smmu_result *res)
{
    struct pmcg_state *p = s->pmcg;
    if (!p->active)
        return;
    smmu_outcome outcome = res->outcome;
    struct cfgc_counters c;
    cfgc_get_counters(s->cfgc, &c);
    /* With a TBU per group: did the TBU send the transaction on to the TCU? Not when one of
     * its TLBs had it, nor for Translated traffic no STE check needed (CR0.ATSCHK = 0) */
    bool to_tcu = res->hit != SMMU_HIT_UTLB && res->hit != SMMU_HIT_TBU_TLB &&
                  !((txn->flags & SMMU_TXN_TRANSLATED) && res->cfg_lookups == 0);
    if (s->cfg.pmcg_per_tbu && to_tcu && !p->ats) {
        count_current(s, PMCG_EV_TRANSACTION, UNIT_TCU); /* a translation request */
        count_current(s, PMCG_EV_TLB_MISS, UNIT_TBU);    /* the TBU's TLBs missed */
    }
    if (s->stats.walks != p->walks0)
        count_current(s, PMCG_EV_TLB_MISS, UNIT_TCU);
    /* The model looks the configuration up before the TBU's TLBs: a miss for a transaction the
     * TBU then answered is not the TCU's [10.3: "cannot be satisfied from internal configuration
     * caching"] (its structure reads still count in event 5: docs/pmcg.md) */
    if (c.misses != p->cfg_misses0 && (to_tcu || !s->cfg.pmcg_per_tbu))
        count_current(s, PMCG_EV_CFG_MISS, UNIT_TCU);
    if ((txn->flags & SMMU_TXN_TRANSLATED) &&
        (outcome == SMMU_XLATE_OK || outcome == SMMU_XLATE_BYPASS))
        count_current(s, PMCG_EV_ATS_TRANSLATED, UNIT_TBU);
    unsigned where = to_tcu ? UNIT_BOTH : UNIT_TBU;
    if (outcome == SMMU_XLATE_ABORT || outcome == SMMU_XLATE_FAULT ||
        outcome == SMMU_XLATE_RAZWI)
        count_current(s, PMCG_EV_TERMINATED, where);
    if (outcome == SMMU_XLATE_STALLED)
        count_current(s, PMCG_EV_STALLED, where);
    p->active = p->quiet = false;
}

void pmcg_access(struct smmu *s, bool walk, bool gpt)
{
    if (gpt)
        count_current(s, PMCG_EV_TLB_MISS, UNIT_TCU); /* a GPT access counts as a TLB miss [10.3] */
    count_current(s, walk ? PMCG_EV_WALK_ACCESS : PMCG_EV_CFG_ACCESS, UNIT_TCU);
}

smmu_status smmu_pmcg_cycles(smmu_t *s, uint64_t cycles)
{
    if (!s)
        return SMMU_E_INVAL;
    if (s->pmcg && cycles)
        count(s, PMCG_EV_CYCLES, cycles, false, 0, BANK_NS, UNIT_BOTH, ANY_TBU);
    return SMMU_OK;
}

smmu_status smmu_set_pmcg_callbacks(smmu_t *s, const smmu_pmcg_callbacks *cb)
{
    if (!s)
        return SMMU_E_INVAL;
    return smmu_install_callbacks(&s->pcb, sizeof(s->pcb), cb);
}

/* ---- registers [10.5] ---- */

/* Where a register access lands: a 32- or 64-bit register at its base offset, and which half
 * of a 64-bit one a 32-bit access reaches. */
struct pmcg_loc {
    uint64_t base;               /* offset of the register in the frame */
    unsigned width;              /* 4 or 8; 0: nothing there (RES0 / RAZ/WI) */
    unsigned shift;              /* 0 or 32: the half a 32-bit access reaches */
    unsigned index;              /* counter number of an array register */
};

static struct pmcg_loc locate(const struct smmu *s, uint64_t off)
{
    struct pmcg_loc l = {off, 0, 0, 0};
    unsigned n = ncounters(s), st = counter_stride(s);
    uint64_t o8 = off & ~UINT64_C(7);
    if (off >= PMCG_PAGE1) {
        uint64_t p = off - PMCG_PAGE1, p8 = p & ~UINT64_C(7);
        if (p < (uint64_t)n * st) {                                  /* EVCNTRn */
            l.index = (unsigned)(p / st);
            l.base = PMCG_PAGE1 + SMMU_PMCG_EVCNTR + (uint64_t)l.index * st, l.width = st;
        } else if (p >= SMMU_PMCG_SVR && p < SMMU_PMCG_SVR + (uint64_t)n * st) {    /* SVRn */
            l.index = (unsigned)((p - SMMU_PMCG_SVR) / st);
            l.base = PMCG_PAGE1 + SMMU_PMCG_SVR + (uint64_t)l.index * st, l.width = st;
        } else if (p8 == SMMU_PMCG_OVSCLR0 || p8 == SMMU_PMCG_OVSSET0) {
            l.base = PMCG_PAGE1 + p8, l.width = 8;
        } else if (p == SMMU_PMCG_CAPR) {
            l.width = 4;
        }
        l.shift = (unsigned)(off - l.base) * 8;
        return l;
    }
    if (off >= SMMU_PMCG_EVTYPER && off < SMMU_PMCG_EVTYPER + 4u * n) {
        l.width = 4, l.index = (unsigned)((off - SMMU_PMCG_EVTYPER) / 4);
    } else if (off >= SMMU_PMCG_SMR && off < SMMU_PMCG_SMR + 4u * n) {
        l.width = 4, l.index = (unsigned)((off - SMMU_PMCG_SMR) / 4);
    } else if (o8 == SMMU_PMCG_CNTENSET0 || o8 == SMMU_PMCG_CNTENCLR0 || o8 == SMMU_PMCG_INTENSET0 ||
               o8 == SMMU_PMCG_INTENCLR0 || o8 == SMMU_PMCG_CEID0 || o8 == SMMU_PMCG_CEID1 || o8 == SMMU_PMCG_IRQ_CFG0) {
        l.base = o8, l.width = 8, l.shift = (unsigned)(off - o8) * 8;
    } else if (off >= 0xDF8 && off < 0x1000) {
        l.width = 4; /* the 32-bit registers: see reg_value */
    }
    return l;
}

/* The value of the register at l (0 for RES0 and RAZ offsets). */
static uint64_t reg_value(struct smmu *s, const struct pmcg_group *g, const struct pmcg_loc *l,
                          smmu_pa_space pas)
{
    uint64_t b = l->base;
    bool secure = pas == SMMU_PAS_SECURE || pas == SMMU_PAS_ROOT;
    if (b >= PMCG_PAGE1) {
        uint64_t p = b - PMCG_PAGE1;
        if (p == SMMU_PMCG_OVSCLR0 || p == SMMU_PMCG_OVSSET0)
            return g->ovs;
        if (p == SMMU_PMCG_CAPR)
            return 0; /* write-only */
        return p >= SMMU_PMCG_SVR ? g->svr[l->index] : g->evcntr[l->index];
    }
    if (b >= SMMU_PMCG_EVTYPER && b < SMMU_PMCG_SMR)
        return g->evtyper[l->index];
    if (b >= SMMU_PMCG_SMR && b < SMMU_PMCG_CNTENSET0)
        return g->smr[l->index];
    switch (b) {
    case SMMU_PMCG_CNTENSET0: case SMMU_PMCG_CNTENCLR0: return g->cnten;
    case SMMU_PMCG_INTENSET0: case SMMU_PMCG_INTENCLR0: return g->inten;
    case SMMU_PMCG_SCR: case SMMU_PMCG_SCR_ALIAS:
        /* Secure (and Root) accesses only; the alias exists with ROOTCR [10.5.1] */
        if (!s->cfg.secure_impl || !secure || (b == SMMU_PMCG_SCR_ALIAS && !s->cfg.rme_impl))
            return 0;
        return g->scr;
    case SMMU_PMCG_CFGR:
        return SMMU_FIELD_PREP(CFGR_NCTR, ncounters(s) - 1) |
               SMMU_FIELD_PREP(CFGR_SIZE, s->cfg.pmcg_counter_bits - 1) | CFGR_RELOC_CTRS |
               CFGR_CAPTURE | (s->cfg.msi ? CFGR_MSI : 0);
    case SMMU_PMCG_CR: return g->cr;
    case SMMU_PMCG_IIDR: return regs_iidr_value(&s->cfg);
    case SMMU_PMCG_CEID0: return ceid0(s, (unsigned)(g - s->pmcg->g));
    case SMMU_PMCG_CEID1: return 0;
    case SMMU_PMCG_ROOTCR: return s->cfg.rme_impl ? g->rootcr : 0;
    case SMMU_PMCG_IRQ_CTRL: return g->irq_ctrl;
    case SMMU_PMCG_IRQ_CTRLACK: return g->irq_ctrl; /* updates complete at once */
    case SMMU_PMCG_IRQ_CFG0: return s->cfg.msi ? g->irq_cfg0 : 0;
    case SMMU_PMCG_IRQ_CFG1: return s->cfg.msi ? g->irq_cfg1 : 0;
    case SMMU_PMCG_IRQ_CFG2: return s->cfg.msi ? g->irq_cfg2 : 0;
    case SMMU_PMCG_IRQ_STATUS: return s->cfg.msi && s->cfg.arch_minor ? g->irq_status : 0;
    case SMMU_PMCG_AIDR: return s->cfg.arch_minor;
    /* PMDEVARCH: Arm (0x23B), PRESENT, ARCHID 0x2A56; PMDEVTYPE: SMMU-associated (5)
     * performance monitor (6); CIDR1 class 0x9 [10.5.2.29] */
    case SMMU_PMCG_PMDEVARCH: return UINT32_C(0x23B) << 21 | SMMU_BIT(20) | 0x2A56;
    case SMMU_PMCG_PMDEVTYPE: return 0x56;
    case 0xFF4: return 0x90;
    default:
        return b >= 0xFD0 ? regs_id_reg(&s->cfg, (unsigned)b) : 0;
    }
}

static void reg_write(struct smmu *s, unsigned gi, const struct pmcg_loc *l, uint64_t v,
                      uint64_t lanes, smmu_pa_space pas)
{
    struct pmcg_group *g = &s->pmcg->g[gi];
    uint64_t b = l->base, impl = implemented(s);
    bool secure = pas == SMMU_PAS_SECURE || pas == SMMU_PAS_ROOT;
    /* The new value of the register: the written lanes replaced */
    uint64_t cur = reg_value(s, g, l, pas);
    uint64_t nv = (cur & ~lanes) | (v & lanes);
    if (b >= PMCG_PAGE1) {
        uint64_t p = b - PMCG_PAGE1;
        if (p == SMMU_PMCG_OVSCLR0)
            g->ovs &= ~(v & lanes & impl);
        else if (p == SMMU_PMCG_OVSSET0)
            g->ovs |= v & lanes & impl;
        else if (p == SMMU_PMCG_CAPR) {
            if (v & 1)
                capture(s, g);
        } else if (p < SMMU_PMCG_SVR)
            g->evcntr[l->index] = nv & counter_mask(s);
        /* SVRn are read-only */
        return;
    }
    if (b >= SMMU_PMCG_EVTYPER && b < SMMU_PMCG_SMR) {
        uint32_t keep = EVTYPER_OVFCAP | EVTYPER_FILTER_SID_SPAN | EVTYPER_EVENT;
        if (s->cfg.secure_impl)
            keep |= EVTYPER_FILTER_SEC_SID;
        if (s->cfg.rme_impl)
            keep |= EVTYPER_FILTER_REALM_SID;
        g->evtyper[l->index] = (uint32_t)nv & keep;
        return;
    }
    if (b >= SMMU_PMCG_SMR && b < SMMU_PMCG_CNTENSET0) {
        g->smr[l->index] = (uint32_t)nv & smr_mask(s);
        return;
    }
    switch (b) {
    case SMMU_PMCG_CNTENSET0: g->cnten |= v & lanes & impl; break;
    case SMMU_PMCG_CNTENCLR0: g->cnten &= ~(v & lanes & impl); break;
    case SMMU_PMCG_INTENSET0: g->inten |= v & lanes & impl; break;
    case SMMU_PMCG_INTENCLR0: g->inten &= ~(v & lanes & impl); break;
    case SMMU_PMCG_SCR: case SMMU_PMCG_SCR_ALIAS:
        if (s->cfg.secure_impl && secure && (b == SMMU_PMCG_SCR || s->cfg.rme_impl))
            g->scr = SCR_READS_AS_ONE | ((uint32_t)nv & (SCR_NSMSI | SCR_NSRA | SCR_SO));
        break;
    case SMMU_PMCG_CR: g->cr = (uint32_t)nv & CR_E; break;
    case SMMU_PMCG_ROOTCR:
        if (s->cfg.rme_impl && pas == SMMU_PAS_ROOT)
            g->rootcr = ROOTCR_IMPL | ((uint32_t)nv & (ROOTCR_NAO | ROOTCR_RLO | ROOTCR_RTO));
        break;
    case SMMU_PMCG_IRQ_CTRL: {
        uint32_t old = g->irq_ctrl;
        g->irq_ctrl = (uint32_t)nv & IRQ_CTRL_IRQEN;
        /* IRQ_ABT is cleared by an IRQEN 0 -> 1 update [10.5.2.24] */
        if (!(old & IRQ_CTRL_IRQEN) && (g->irq_ctrl & IRQ_CTRL_IRQEN))
            g->irq_status &= ~(uint32_t)IRQ_STATUS_IRQ_ABT;
        break;
    }
    case SMMU_PMCG_IRQ_CFG0: case SMMU_PMCG_IRQ_CFG1: case SMMU_PMCG_IRQ_CFG2:
        /* RO while IRQ_CTRL.IRQEN or IRQ_CTRLACK.IRQEN is 1 [10.5.2.21] */
        if (!s->cfg.msi || (g->irq_ctrl & IRQ_CTRL_IRQEN)) {
            smmu_log(s, SMMU_LOG_WARN, "PMCG %u: IRQ_CFG%u written while %s: ignored", gi,
                     b == SMMU_PMCG_IRQ_CFG0 ? 0 : b == SMMU_PMCG_IRQ_CFG1 ? 1 : 2,
                     s->cfg.msi ? "IRQ_CTRL.IRQEN is 1" : "MSIs are not implemented");
            break;
        }
        if (b == SMMU_PMCG_IRQ_CFG0)
            g->irq_cfg0 = nv & IRQ_CFG0_ADDR & SMMU_GENMASK(s->cfg.oas_bits - 1, 0);
        else if (b == SMMU_PMCG_IRQ_CFG1)
            g->irq_cfg1 = (uint32_t)nv;
        else
            g->irq_cfg2 = (uint32_t)nv & (IRQ_CFG2_SH | IRQ_CFG2_MEMATTR);
        break;
    default:
        break; /* RO and RES0: writes ignored */
    }
    if (b == SMMU_PMCG_CR || b == SMMU_PMCG_CNTENSET0 || b == SMMU_PMCG_CNTENCLR0)
        update_counting(s);
}

/* Argument checks shared by read and write; *g_out the group. Returns SMMU_OK or E_INVAL. */
static smmu_status access_ok(struct smmu *s, unsigned group, uint64_t offset, unsigned size,
                             smmu_pa_space pas)
{
    if (!s || (unsigned)pas > SMMU_PAS_ROOT)
        return SMMU_E_INVAL;
    if (!s->pmcg || group >= s->pmcg->n) {
        smmu_log(s, SMMU_LOG_ERROR, "PMCG %u: no such group (pmcg_groups %u)", group,
                 s->cfg.pmcg_groups);
        return SMMU_E_INVAL;
    }
    if ((size != 4 && size != 8) || (offset & (size - 1)) ||
        (offset >= 0x1000 && (offset < PMCG_PAGE1 || offset >= PMCG_PAGE1 + 0x1000))) {
        smmu_log(s, SMMU_LOG_ERROR, "PMCG %u: %u-byte access at 0x%llx: outside the register "
                 "frame or not aligned", group, size, (unsigned long long)offset);
        return SMMU_E_INVAL;
    }
    return SMMU_OK;
}

/* A Non-secure access while SCR.NSRA = 0 is RAZ/WI [10.5.2.12] */
static bool ns_blocked(const struct smmu *s, const struct pmcg_group *g, smmu_pa_space pas)
{
    return s->cfg.secure_impl && !(g->scr & SCR_NSRA) &&
           (pas == SMMU_PAS_NS || pas == SMMU_PAS_REALM);
}

smmu_status smmu_pmcg_reg_read(smmu_t *s, unsigned group, uint64_t offset, unsigned size,
                               smmu_pa_space pas, uint64_t *val)
{
    if (!val)
        return SMMU_E_INVAL;
    *val = 0;
    smmu_status st = access_ok(s, group, offset, size, pas);
    if (st != SMMU_OK)
        return st;
    const struct pmcg_group *g = &s->pmcg->g[group];
    struct pmcg_loc l = locate(s, offset);
    if (!l.width || ns_blocked(s, g, pas))
        return SMMU_OK;
    uint64_t v = reg_value(s, g, &l, pas);
    if (size == 8 && l.width == 4)
        v &= UINT32_MAX; /* a 64-bit access to a 32-bit register: the upper half RES0 */
    *val = size == 4 ? (v >> l.shift) & UINT32_MAX : v;
    return SMMU_OK;
}

smmu_status smmu_pmcg_reg_write(smmu_t *s, unsigned group, uint64_t offset, unsigned size,
                                smmu_pa_space pas, uint64_t val)
{
    smmu_status st = access_ok(s, group, offset, size, pas);
    if (st != SMMU_OK)
        return st;
    struct pmcg_loc l = locate(s, offset);
    if (!l.width || ns_blocked(s, &s->pmcg->g[group], pas))
        return SMMU_OK;
    uint64_t lanes = size == 8 ? (l.width == 8 ? UINT64_MAX : UINT32_MAX)
                               : UINT64_C(0xFFFFFFFF) << l.shift;
    reg_write(s, group, &l, size == 4 ? (val & UINT32_MAX) << l.shift : val, lanes, pas);
    return SMMU_OK;
}
