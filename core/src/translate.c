/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The translation pipeline [IHI 0070 3.3, 3.4, 3.10, 3.12, 7.3, 13; reference digest Appendix A]:
 * SEC_SID -> programming interface (bank) -> SMMUEN / GBPA -> STE -> substream -> CD ->
 * stage 1 -> stage 2 -> output address, PA space, attributes; or a fault with its event record
 * and its disposition (abort, RAZ/WI, record or not).
 *
 * Hot path (translate_txn): a stream context of the configuration cache (the STE and CD entries
 * of {SEC_SID, StreamID, SubstreamID} with the TLB tag and the per-access facts derived from
 * them, valid only while that cache is unchanged) and a TLB hit: no copy, no memory callback.
 * Everything else is translate_slow: the configuration through the cache (storing a context
 * when it all came from there) or the tables, copied into locals before the first memory
 * callback, because a callback may yield and let a command invalidate the caches meanwhile.
 * All state of one translation lives in struct xl on the stack, so translations may nest.
 * With a trace callback or the granule protection check of the output (RME), translate_extra
 * frames the same pipeline with the TXN and RESULT records and the check; the hot path pays
 * one test of s->xlate_extra for both.
 *
 * Model choices (CONSTRAINED UNPREDICTABLE / IMPLEMENTATION DEFINED), each also noted in place:
 *  - Event merging (STE.MEV) is permitted, never required: events are never merged [7.3.1].
 *  - A stage configured to stall (CD.S / STE.S2S) holds the faulting transaction (STALLED,
 *    stall.c), except debug transactions, which abort without an event.
 *  - A transaction without SMMU_TXN_MEMATTR has the incoming attributes of 13.1.3 (Normal
 *    iWB-oWB, RA/WA, non-transient, Non-shareable); STE/GBPA overrides apply to them.
 *  - ALLOCCFG applies even when MTCFG == 0 (5.2 ALLOCCFG leaves it CONSTRAINED UNPREDICTABLE).
 *  - Stage-2 MemAttr 0b0100/0b1000/0b1100 (inner "00" with a Normal outer) behave as
 *    Device-nGnRnE, as 5.2 MemAttr states for STE.MemAttr; with S2FWB, MemAttr[2:0] = 0b100
 *    behaves as Normal Write-Back (FEAT_MTE_PERM NoTagAccess without tags).
 *  - Descriptor SH == 0b01 (reserved) behaves as Non-shareable.
 *  - S_CR0.SIF is cached in the TLB (as SCR_EL3.SIF may be on a PE): an entry of a Secure stream
 *    whose stage-1 output is Non-secure, inserted while SIF == 1, grants no execute permission.
 */
#include <stdio.h>
#include <string.h>

#include "ats.h"
#include "bits.h"
#include "cdtab.h"
#include "cfgcache.h"
#include "check.h"
#include "evtq.h"
#include "gpc.h"
#include "pmcg.h"
#include "regs_layout.h"
#include "stall.h"
#include "strtab.h"
#include "tlb.h"
#include "topology.h"
#include "walk.h"

/* ---------------------------------------------------------------------------------------------
 * Memory attributes [IHI 0070 13.1; Arm ARM D8.6]
 * ------------------------------------------------------------------------------------------- */

enum { MT_NC = 0, MT_WT = 1, MT_WB = 2 }; /* cacheability, weakest first */

struct mt_level {
    uint8_t cache;
    bool ra, wa, tr;
};

/* A decoded memory type: Device (dev 0 nGnRnE .. 3 GRE, strongest first) or Normal with an inner
 * (lv[0]) and an outer (lv[1]) level. */
struct mtype {
    bool device;
    uint8_t dev;
    struct mt_level lv[2];
};

static const struct mt_level LV_WB_DEFAULT = {MT_WB, true, true, false};


/* One MAIR Attr nibble of a Normal type (never 0b0000 here). */
static struct mt_level mair_nibble(unsigned n)
{
    struct mt_level l = {MT_NC, false, false, false};
    if (n == 0x4)
        return l;
    l.ra = (n & 2) != 0;
    l.wa = (n & 1) != 0;
    switch (n >> 2) {
    case 0: /* 0b00RW, RW != 0: Write-Through transient */
        l.cache = MT_WT;
        l.tr = true;
        break;
    case 1: /* 0b01RW, RW != 0: Write-Back transient */
        l.cache = MT_WB;
        l.tr = true;
        break;
    case 2:
        l.cache = MT_WT;
        break;
    default:
        l.cache = MT_WB;
        break;
    }
    return l;
}

/* MAIR_ELx Attr<n> [Arm ARM D24 MAIR_EL1]. Reserved encodings as the reference digest 4.1 says:
 * 0b0000ddxx (xx != 0) is Device dd; a Normal outer with inner 0b0000 is iWT transient RW=11. */
static struct mtype mt_from_mair(uint8_t attr)
{
    struct mtype t;
    unsigned hi = attr >> 4, lo = attr & 0xFu;
    memset(&t, 0, sizeof(t));
    if (hi == 0) {
        t.device = true;
        t.dev = (uint8_t)(lo >> 2);
        return t;
    }
    if (lo == 0)
        lo = 0x3;
    t.lv[0] = mair_nibble(lo);
    t.lv[1] = mair_nibble(hi);
    return t;
}

static unsigned mair_nibble_of(const struct mt_level *l)
{
    if (l->cache == MT_NC)
        return 0x4;
    unsigned rw = (l->ra ? 2u : 0u) | (l->wa ? 1u : 0u);
    /* A no-allocate cacheable type is non-transient [13.1.7] */
    bool tr = l->tr && rw != 0;
    if (l->cache == MT_WT)
        return (tr ? 0x0u : 0x8u) | rw;
    return (tr ? 0x4u : 0xCu) | rw;
}

static uint8_t mt_to_mair(const struct mtype *t)
{
    if (t->device)
        return (uint8_t)(t->dev << 2);
    return (uint8_t)(mair_nibble_of(&t->lv[1]) << 4 | mair_nibble_of(&t->lv[0]));
}

/* The incoming attributes of txn [13.1.1]: those it carries (SMMU_TXN_MEMATTR), or the
 * defaults of 13.1.3, Normal iWB-oWB RA WA nTR, Non-shareable. */
static struct mtype mt_incoming(const smmu_txn *txn, uint8_t *sh)
{
    if (txn->flags & SMMU_TXN_MEMATTR) {
        *sh = txn->sh & 3;
        return mt_from_mair(txn->mair);
    }
    struct mtype t = {false, 0, {LV_WB_DEFAULT, LV_WB_DEFAULT}};
    *sh = 0;
    return t;
}

/* Stage-2 MemAttr[3:0] (S2FWB == 0), also the encoding of STE.MemAttr and GBPA.MemAttr
 * [Arm ARM D8.6.5; IHI 0070 5.2 MemAttr]. A stage-2 type has no allocation hints: the defaults
 * are the weakest in the combining order, so the other operand's hints win [13.1.5]. */
static struct mtype mt_from_s2(unsigned memattr)
{
    struct mtype t;
    memset(&t, 0, sizeof(t));
    if ((memattr >> 2) == 0 || (memattr & 3) == 0) {
        /* Device, or inner 0b00 with a Normal outer: reserved, behaves as Device-nGnRnE */
        t.device = true;
        t.dev = (memattr >> 2) == 0 ? (uint8_t)(memattr & 3) : 0;
        return t;
    }
    t.lv[0] = LV_WB_DEFAULT;
    t.lv[1] = LV_WB_DEFAULT;
    t.lv[0].cache = (uint8_t)((memattr & 3) - 1);  /* 01 NC, 10 WT, 11 WB */
    t.lv[1].cache = (uint8_t)((memattr >> 2) - 1);
    return t;
}

/* Combine two types, taking the stronger of each attribute [13.1.5]; a carries the hints. */
static struct mtype mt_combine(const struct mtype *a, const struct mtype *b)
{
    struct mtype t = *a;
    if (a->device || b->device) {
        t.device = true;
        t.dev = a->device && b->device ? (a->dev < b->dev ? a->dev : b->dev)
                                       : (a->device ? a->dev : b->dev);
        return t;
    }
    for (unsigned i = 0; i < 2; i++)
        if (b->lv[i].cache < t.lv[i].cache)
            t.lv[i].cache = b->lv[i].cache;
    return t;
}

/* Stage 2 with S2FWB == 1 [13.1.6; Arm ARM D8.6.6 "FEAT_S2FWB"]: MemAttr[2] == 0 is a Device
 * type combined with stage 1; 0b101 Normal NC unless stage 1 is Device; 0b110 the stage-1 type;
 * 0b111 (and 0b100, see the file comment) Normal Write-Back with stage 1's hints where stage 1
 * is Write-Back. MemAttr[3] is RES0. */
static struct mtype mt_combine_fwb(const struct mtype *a, unsigned memattr)
{
    struct mtype t = *a;
    if (!(memattr & 4)) {
        struct mtype d;
        memset(&d, 0, sizeof(d));
        d.device = true;
        d.dev = (uint8_t)(memattr & 3);
        return mt_combine(a, &d);
    }
    switch (memattr & 3) {
    case 1:
        if (a->device)
            return t;
        t.lv[0].cache = t.lv[1].cache = MT_NC;
        return t;
    case 2:
        return t;
    default:
        for (unsigned i = 0; i < 2; i++)
            if (a->device || a->lv[i].cache != MT_WB)
                t.lv[i] = LV_WB_DEFAULT;
        t.device = false;
        return t;
    }
}

/* Shareability: 0 NSH, 2 OSH, 3 ISH; 0b01 is reserved and behaves as NSH (a model choice). */
static unsigned sh_rank(unsigned sh)
{
    static const uint8_t rank[4] = {0, 0, 2, 1};
    return rank[sh & 3];
}

static uint8_t sh_combine(uint8_t a, uint8_t b)
{
    return sh_rank(b) > sh_rank(a) ? (uint8_t)(b & 3) : (uint8_t)(a == 1 ? 0 : a & 3);
}

/* Device and Normal iNC-oNC are Outer Shareable [13.1.7]. */
static uint8_t sh_final(const struct mtype *t, uint8_t sh)
{
    if (t->device || (t->lv[0].cache == MT_NC && t->lv[1].cache == MT_NC))
        return 2;
    return sh == 1 ? 0 : sh;
}

/* Replace the incoming attributes in *t and *sh with the override fields of an STE or of
 * SMMU_(S_)GBPA [13.1.4; 5.2 MTCFG, MemAttr, ALLOCCFG, SHCFG]. A level MemAttr makes cacheable
 * keeps the incoming RA/WA/TR where the incoming level was cacheable; otherwise "the input
 * RA, WA and TR attributes are taken to be 'RA, WA, nTR'" [13.1.4]. Hints on a level that is
 * not cacheable, and the shareability of Device and iNC-oNC, are made consistent on output
 * [13.1.7: mt_to_mair, sh_final]. */
static void mt_override(struct mtype *t, uint8_t *sh, bool mtcfg, unsigned memattr,
                        unsigned alloccfg, unsigned shcfg)
{
    if (mtcfg) {
        const struct mtype in = *t;
        *t = mt_from_s2(memattr & 0xF);
        for (unsigned i = 0; i < 2 && !t->device; i++) {
            if (!in.device && in.lv[i].cache != MT_NC) {
                t->lv[i].ra = in.lv[i].ra;
                t->lv[i].wa = in.lv[i].wa;
                t->lv[i].tr = in.lv[i].tr;
            }
        }
    }
    if (alloccfg & 8) {
        for (unsigned i = 0; i < 2; i++) {
            t->lv[i].ra = (alloccfg & 4) != 0;
            t->lv[i].wa = (alloccfg & 2) != 0;
            t->lv[i].tr = (alloccfg & 1) != 0;
        }
    }
    if ((shcfg & 3) != 1) /* 01: use incoming */
        *sh = (uint8_t)(shcfg & 3);
    /* "an input type of Device or Normal-iNC-oNC, whether supplied by the client device or
     * overridden ..., will always be OSH regardless of any SHCFG override" [13.1.4]: also
     * before stage 2 combines with it (S2FWB can make it Write-Back) */
    *sh = sh_final(t, *sh);
}

static bool s2_attr_is_device(unsigned attr, bool fwb)
{
    if (fwb)
        return !(attr & 4);
    return mt_from_s2(attr & 0xF).device;
}

/* ---------------------------------------------------------------------------------------------
 * One translation's state
 * ------------------------------------------------------------------------------------------- */

struct xl {
    struct smmu *s;
    const smmu_txn *txn;
    smmu_result *res;
    unsigned bank;
    bool debug;
    bool snapped;             /* generations below taken */
    bool fault_ipa_ns;        /* IPA space of the last stage-2 fault (event NSIPA) */
    struct walk_access acc;   /* after the PRIVCFG / INSTCFG overrides */
    uint32_t ssid;            /* CD index */
    const struct ste_cfg *ste;/* a cache entry (fast path) or ste_copy */
    const struct cd_cfg *cd;
    uint64_t tlb_gen, cfg_gen;
    unsigned fetches;
    uint8_t cfg_lookups;      /* configuration-cache lookups made (smmu_result.cfg_lookups) */
    struct ats_xl *ats;       /* an ATS pass (translate_ats), else NULL */
    struct topo_fill *fill;   /* topology: the walk's leaf entry for the TBU caches, or NULL */
    struct ste_cfg ste_copy;
    struct cd_cfg cd_copy;
};

/* Fault configuration a translation-related fault obeys [3.12]. */
enum fcfg { FC_NONE, FC_CD, FC_S2 };

/* Snapshot the invalidation generations before the first memory callback of this translation:
 * an entry built from memory read after an invalidation began is then never inserted. */
static void xl_snapshot(struct xl *x)
{
    if (x->snapped)
        return;
    x->snapped = true;
    x->tlb_gen = tlb_generation(x->s->tlb);
    x->cfg_gen = cfgc_generation(x->s->cfgc);
}

/* Copy cached configuration into locals: cache pointers do not survive a callback. */
static void xl_pin(struct xl *x)
{
    if (x->ste && x->ste != &x->ste_copy) {
        x->ste_copy = *x->ste;
        x->ste = &x->ste_copy;
    }
    if (x->cd && x->cd != &x->cd_copy) {
        x->cd_copy = *x->cd;
        x->cd = &x->cd_copy;
    }
}

/* PRIV / INST after a PRIVCFG / INSTCFG override (00/01 incoming, 10, 11) [5.2; 13.1.2]:
 * writes are always Data. */
static void acc_override(struct walk_access *a, unsigned privcfg, unsigned instcfg)
{
    if (privcfg >= 2)
        a->priv = privcfg == 3;
    if (!a->write && instcfg >= 2)
        a->instr = instcfg == 3;
}

/* TLB_PERM_* bit of this access, and SMMU_PERM_* of the txn's privilege (the bit orders match:
 * UR UW UX PR PW PX and R W X). */
static uint8_t perm_need(const struct walk_access *a)
{
    unsigned b = a->write ? TLB_PERM_UW : a->instr ? TLB_PERM_UX : TLB_PERM_UR;
    return (uint8_t)(a->priv ? b << 3 : b);
}

static uint8_t perm_out(unsigned perm, bool priv)
{
    return (uint8_t)((priv ? perm >> 3 : perm) & 7u);
}

#define PERM_X (TLB_PERM_UX | TLB_PERM_PX)
#define PERM_U (TLB_PERM_UR | TLB_PERM_UW | TLB_PERM_UX)
#define PERM_ALL 0x3Fu

static bool two_ranges(unsigned regime)
{
    return regime == REGIME_EL1 || regime == REGIME_EL2_E2H;
}

/* ---------------------------------------------------------------------------------------------
 * Events and fault disposition [7.2-7.4, 3.12]
 * ------------------------------------------------------------------------------------------- */

/* The fields every record of this transaction carries. */
static void ev_fill_txn(const struct xl *x, struct smmu_event *ev)
{
    ev->sid = x->txn->sid;
    ev->ssv = x->txn->ssv;
    ev->ssid = x->txn->ssv ? x->txn->ssid : 0;
    ev->rnw = !x->acc.write;
    ev->ind = x->acc.instr;
    ev->pnu = x->acc.priv;
    ev->input_addr = x->txn->addr; /* all 64 bits, top byte included [3.4.1] */
}

static void ev_init(const struct xl *x, struct smmu_event *ev, unsigned type)
{
    memset(ev, 0, sizeof(*ev));
    ev->type = (uint8_t)type;
    ev_fill_txn(x, ev);
}

static void ev_from_walk(const struct xl *x, struct smmu_event *ev, const struct walk_fault *f)
{
    ev_init(x, ev, f->type);
    ev->s2 = f->stage == 2;
    ev->cls = f->cls;
    /* An external abort on a stage-1 descriptor's PA is CLASS=TT, S2=0 [7.3.11] */
    if (f->type == SMMU_EVT_F_WALK_EABT && f->stage == 1)
        ev->cls = EVT_CLASS_TT;
    ev->ipa = ev->s2 ? f->ipa : 0;
    /* NSIPA: Secure event queue, stage-2 fault, Non-secure IPA space used [7.3] */
    ev->nsipa = x->bank == BANK_S && ev->s2 && x->fault_ipa_ns;
    ev->ttrnw = f->ttrnw;
    ev->gpcf = f->gpcf;
    ev->fetch_addr = f->fetch_addr;
}

static bool is_translation_fault(unsigned type)
{
    return type >= SMMU_EVT_F_TRANSLATION && type <= SMMU_EVT_F_PERMISSION;
}

/* Terminate the transaction with ev. One rule for every event: the outcome is FAULT (or RAZWI)
 * with res->event set, the event counts in stats.events_by_type, and event_recorded says
 * whether a record was written. Events that are generated but not recorded: the four
 * translation-related faults under the fault configuration, stage 1 CD.{A,R,S} and stage 2
 * STE.{S2R,S2S} [3.12]; C_BAD_STREAMID with SMMU_(*_)CR2.RECINVSID = 0 [6.3.12]. Everything
 * else aborts and records. A stall configuration holds the transaction (stall_hold: STALLED,
 * recorded with Stall = 1 whatever R) unless stall.c terminates it instead (recorded with
 * Stall = 0, abort [3.12]). Debug transactions generate no events (nothing is counted or
 * recorded) and never stall. */
static void xl_fault(struct xl *x, struct smmu_event *ev, enum fcfg fc, const char *why)
{
    smmu_result *res = x->res;
    bool record = true, stall = false;
    res->outcome = SMMU_XLATE_FAULT;
    if (is_translation_fault(ev->type)) {
        stall = fc == FC_CD ? x->cd->s : fc == FC_S2 && x->ste->s2_s;
        if (fc == FC_CD && !x->cd->s) {
            record = x->cd->r;
            if (!x->cd->a)
                res->outcome = SMMU_XLATE_RAZWI;
        } else if (fc == FC_S2 && !x->ste->s2_s) {
            record = x->ste->s2_r;
        }
    } else if (ev->type == SMMU_EVT_C_BAD_STREAMID) {
        record = (x->s->bank[x->bank].cr2 & SMMU_CR2_RECINVSID) != 0;
    }
    bool generated = true;
    if (x->ats)
        generated = ats_fault_event(x->s, x->bank, x->ats, ev, &record);
    record &= generated;
    res->event = ev->type;
    if (why) {
        static const char *const cls[] = {"CD", "TT", "IN", "?"};
        char ssid[24] = "";
        if (ev->ssv)
            snprintf(ssid, sizeof(ssid), " SSID 0x%x", (unsigned)ev->ssid);
        smmu_log(x->s, is_translation_fault(ev->type) ? SMMU_LOG_DEBUG : SMMU_LOG_ERROR,
                 "SID 0x%x%s: %s (%s) at 0x%llx, S2=%d CLASS=%s IPA 0x%llx%s",
                 (unsigned)ev->sid, ssid, smmu_event_name(ev->type), why,
                 (unsigned long long)ev->input_addr, ev->s2, cls[ev->cls & 3],
                 (unsigned long long)ev->ipa, record && !x->debug ? "" : " (not recorded)");
    }
    if (!x->debug && generated)
        x->s->stats.events_by_type[ev->type]++;
    /* ATS traffic never stalls: a Translation Request's faults are answered in its completion,
     * a Translated transaction's are aborted and recorded [3.9.1.2, 3.9.1.3, 3.12] */
    if (stall && !x->debug && !x->ats && stall_hold(x->s, x->bank, x->txn->sec, ev, res))
        return;
    if (record && !x->debug)
        res->event_recorded = evtq_record(x->s, x->bank, ev);
}

/* A fault with no walk behind it (stage 1 S2=0 CLASS=IN, or a configuration error). */
static void xl_fault_simple(struct xl *x, unsigned type, enum fcfg fc, const char *why)
{
    struct smmu_event ev;
    ev_init(x, &ev, type);
    ev.cls = EVT_CLASS_IN;
    xl_fault(x, &ev, fc, why);
}

static void xl_fault_walk(struct xl *x, const struct walk_fault *f, const char *why)
{
    struct smmu_event ev;
    ev_from_walk(x, &ev, f);
    xl_fault(x, &ev, f->stage == 2 ? FC_S2 : FC_CD, why);
}

/* ---------------------------------------------------------------------------------------------
 * Output PA space [3.10.2, 3.10.3; digest 7.3]
 * ------------------------------------------------------------------------------------------- */

/* The NS attribute after an STE.NSCFG: the incoming one (txn_flags' SMMU_TXN_NS), or an
 * override (10 Secure/Realm, 11 Non-secure) [5.2 NSCFG]. */
static inline bool nscfg_ns(unsigned nscfg, uint32_t txn_flags)
{
    return nscfg >= 2 ? nscfg == 3 : (txn_flags & SMMU_TXN_NS) != 0;
}

/* NS attribute output by a bypassed stage 1. Non-secure streams are always Non-secure
 * [3.10.2]. */
static bool bypass_ns(const struct xl *x, unsigned nscfg)
{
    return x->bank == BANK_NS || nscfg_ns(nscfg, x->txn->flags);
}

/* Output PA space when stage 2 does not translate (Secure IPA -> Secure PA [3.10.2.2]). */
static smmu_pa_space pas_no_s2(unsigned bank, bool ns)
{
    if (bank == BANK_NS || ns)
        return SMMU_PAS_NS;
    return bank == BANK_S ? SMMU_PAS_SECURE : SMMU_PAS_REALM;
}

/* Output PA space of a stage-2 translation [3.10.2.2, 3.10.3]: for a Secure stream from
 * S2SW/S2SA (Secure IPA) or S2SW/S2SA/S2NSW/S2NSA (Non-secure IPA); Realm from descriptor NS. */
static smmu_pa_space pas_s2(const struct xl *x, bool ipa_ns, bool desc_ns)
{
    const struct ste_cfg *t = x->ste;
    switch (x->bank) {
    case BANK_S:
        if (!ipa_ns)
            return t->s2sw || t->s2sa ? SMMU_PAS_NS : SMMU_PAS_SECURE;
        return !t->s2sw && !t->s2sa && !t->s2nsw && !t->s2nsa ? SMMU_PAS_SECURE : SMMU_PAS_NS;
    case BANK_R:
        return desc_ns ? SMMU_PAS_NS : SMMU_PAS_REALM;
    default:
        return SMMU_PAS_NS;
    }
}

/* Instruction fetches to Non-secure output are forbidden: Secure streams with S_CR0.SIF
 * [6.3.57.2], Realm streams always [3.10.3]. */
static bool ns_fetch_forbidden(const struct xl *x)
{
    if (x->bank == BANK_S)
        return (x->s->bank[BANK_S].cr0 & SMMU_S_CR0_SIF) != 0;
    return x->bank == BANK_R;
}

/* ---------------------------------------------------------------------------------------------
 * TLB tags [3.17; 5.2 S2VMID; 3.10.2.2]
 * ------------------------------------------------------------------------------------------- */

static void xl_tag(const struct xl *x, unsigned kind, bool ipa_ns, struct tlb_tag *t)
{
    const struct ste_cfg *ste = x->ste;
    t->sec = (uint8_t)x->bank;
    t->regime = ste->regime;
    t->kind = (uint8_t)kind;
    t->ipa_ns = (uint8_t)(kind == TLB_S2 && x->bank == BANK_S && ipa_ns);
    t->vmid = 0;
    if (ste->regime == REGIME_EL1) {
        /* NS-EL1: S2VMID whenever stage 2 is implemented, even for stage-1-only STEs;
         * Secure: with SEL2, S2VMID if stage 2 is enabled, else VMID 0; Realm-EL1: S2VMID */
        if (x->bank == BANK_NS ? x->s->cfg.stage2
                               : x->bank == BANK_S ? x->s->cfg.sel2 && ste->s2 : true)
            t->vmid = ste->vmid;
    }
    t->asid = (kind != TLB_S2 && two_ranges(ste->regime)) ? x->cd->asid : 0;
}

/* ---------------------------------------------------------------------------------------------
 * Topology: walk caches and the fill of the TBU caches (topology.h)
 * ------------------------------------------------------------------------------------------- */

/* The walk caches of a stage-`stage` walk of this translation, in *wc; NULL when the stage
 * has none. Needs the generations snapped. */
static struct walk_wc *xl_wc(struct xl *x, unsigned stage, const struct tlb_tag *tag,
                             uint64_t addr, struct walk_wc *wc)
{
    struct tlb *const *l = x->s->topo.wc[stage - 1];
    if (!l[0] && !l[1] && !l[2])
        return NULL;
    tlb_prepare(tag, &wc->key);
    wc->addr = addr;
    wc->fill = !x->debug;
    wc->gen = x->tlb_gen;
    wc->hits = &x->res->wc_hits;
    return wc;
}

/* The leaf entry a walk made for the transaction (inserted in the TCU TLB): for its TBU's
 * caches, unless an invalidation raced the walk. */
static void xl_fill(struct xl *x, const struct tlb_entry *e)
{
    if (!x->fill)
        return;
    x->fill->e = *e;
    x->fill->valid = !x->snapped || x->tlb_gen == tlb_generation(x->s->tlb);
}

/* ---------------------------------------------------------------------------------------------
 * Stage 2
 * ------------------------------------------------------------------------------------------- */

struct s2out {
    uint64_t pa;
    uint8_t pas, attr, sh, perm, page_shift, level;
};

static const struct walk_cfg *s2_cfg(const struct xl *x, bool ipa_ns)
{
    return x->bank == BANK_S && !ipa_ns ? &x->ste->s_s2_walk : &x->ste->s2_walk;
}

/* Translate ipa through the stream's stage 2 for access a: a TLB_S2 hit granting the access, or
 * a walk whose result is inserted (TLB_S2 entries hold the stage-2 MemAttr field and SH as the
 * descriptor gives them: the per-stream overrides are combined at use). cls is the CLASS of a
 * fault: CD (CD fetch), TT (stage-1 table access) or IN. Needs the configuration pinned. */
static int s2_xlate(struct xl *x, uint64_t ipa, bool ipa_ns, const struct walk_access *a,
                    unsigned cls, struct s2out *o, struct walk_fault *f)
{
    struct smmu *s = x->s;
    struct tlb_tag tag;
    xl_tag(x, TLB_S2, ipa_ns, &tag);
    /* The IPA cache, where there is one, holds the stage-2 translations of the stage-1 table
     * accesses of nested walks in place of the TCU TLB (topology.h) */
    struct tlb *tlb = cls == EVT_CLASS_TT && s->topo.ipa ? s->topo.ipa : s->tlb;
    const struct tlb_entry *e = tlb_lookup(tlb, &tag, ipa);
    bool hit = e && (e->perm & perm_need(a));
    if (tlb == s->topo.ipa) {
        if (hit) {
            s->topo.tcu.ipa_hits++;
            if (x->res->wc_hits < UINT8_MAX)
                x->res->wc_hits++;
        } else {
            s->topo.tcu.ipa_misses++;
        }
    }
    if (hit) {
        tlb_touch(tlb, e);
        uint64_t mask = (UINT64_C(1) << e->page_shift) - 1;
        o->pa = e->pa | (ipa & mask);
        o->pas = e->pas;
        o->attr = e->mair;
        o->sh = e->sh;
        o->perm = e->perm;
        o->page_shift = e->page_shift;
        o->level = e->level;
    } else {
        const struct walk_cfg *cfg = s2_cfg(x, ipa_ns);
        struct walk_perm_ctx pc = {REGIME_EL1, false, false, s->cfg.xnx};
        struct walk_result r;
        xl_snapshot(x);
        s->stats.walks++;
        struct walk_wc wc, *wcp = xl_wc(x, 2, &tag, ipa, &wc);
        if (walk_stage(s, cfg, &pc, 0, ipa, a, NULL, NULL, x->debug, wcp, &r, f, &x->fetches)) {
            f->stage = 2;
            f->cls = (uint8_t)cls;
            f->ipa = ipa;
            if (f->type == SMMU_EVT_F_PERMISSION && cls == EVT_CLASS_TT)
                f->ttrnw = !a->write;
            x->fault_ipa_ns = ipa_ns;
            return -1;
        }
        o->pa = r.oa;
        o->pas = (uint8_t)pas_s2(x, ipa_ns, r.ns);
        /* "any Realm instruction fetch that resolves to an Non-secure address results in
         * F_PERMISSION at the stage that configured the Non-secure output address" [7.3.16]:
         * such a mapping grants no execute permission (the check below names the fault) */
        if (x->bank == BANK_R && o->pas == SMMU_PAS_NS)
            r.perm &= (uint8_t)~PERM_X;
        o->attr = r.attr;
        o->sh = r.sh;
        o->perm = r.perm;
        o->page_shift = r.page_shift;
        o->level = (uint8_t)(r.level < 0 ? 0 : r.level);
        if (!x->debug) {
            struct tlb_entry n;
            uint64_t mask = (UINT64_C(1) << r.page_shift) - 1;
            memset(&n, 0, sizeof(n));
            n.tag = tag;
            n.page_shift = r.page_shift;
            n.level = o->level;
            n.perm = r.perm;
            n.pas = o->pas;
            n.mair = r.attr;
            n.sh = r.sh;
            n.va = ipa & ~mask;
            n.pa = r.oa & ~mask;
            if (tlb == s->tlb)
                tlb_insert(tlb, &n, x->tlb_gen);
            else if (x->tlb_gen == tlb_generation(s->tlb)) /* topology.c: one generation */
                tlb_insert(tlb, &n, tlb_generation(tlb));
            if (cls == EVT_CLASS_IN)
                xl_fill(x, &n);
        }
    }
    bool realm_ns = x->bank == BANK_R && o->pas == SMMU_PAS_NS;
    if (cls != EVT_CLASS_IN || (realm_ns && a->instr)) {
        /* S2PTW: a CD fetch or stage-1 table access to stage-2 Device memory is a stage-2
         * Permission fault [5.2 S2PTW]; Realm structure accesses and instruction fetches must
         * stay in Realm PA space [3.10.3, 7.3.16]. */
        bool bad = realm_ns ||
                   (cls != EVT_CLASS_IN && x->ste->s2_ptw &&
                    s2_attr_is_device(o->attr, x->ste->s2_fwb));
        if (bad) {
            memset(f, 0, sizeof(*f));
            f->type = SMMU_EVT_F_PERMISSION;
            f->stage = 2;
            f->cls = (uint8_t)cls;
            f->level = (int8_t)o->level;
            f->ttrnw = !a->write;
            f->ipa = ipa;
            x->fault_ipa_ns = ipa_ns;
            return -1;
        }
    }
    return 0;
}

/* The final memory type of a transaction stage 2 translated: stage 2 combined with stage 1's
 * type, or with the overridden incoming type when stage 1 is bypassed [13.1.5, 13.1.6]. */
static void attrs_with_s2(const struct ste_cfg *ste, struct mtype *t, uint8_t *sh,
                          unsigned s2attr, uint8_t s2sh)
{
    if (ste->s2_fwb) {
        *t = mt_combine_fwb(t, s2attr);
    } else {
        struct mtype b = mt_from_s2(s2attr & 0xF);
        *t = mt_combine(t, &b);
    }
    *sh = sh_combine(*sh, s2sh);
}

/* The memory type of a structure fetch stage 2 translates, a nested stream's stage-1 table
 * access or its CD / L1CD fetch [IHI 0070 13.1.5, 13.1.6; Arm ARM D8.6]: the fetch's own type
 * (CD.IRx/ORx/SHx, STE.S1CIR/S1COR/S1CSH) combined with the stage-2 type of the table's IPA, as
 * for any access stage 2 translates (with S2FWB where enabled). With SMMU_IDR3.PTWNNC == 1 and
 * STE.S2PTW == 0 [6.3.4; 5.2 S2PTW] an access that would be Device "occurs as if it is to Normal
 * Non-cacheable memory"; Normal iNC-oNC is Outer Shareable [13.1.7]. (With S2PTW == 1 s2_xlate
 * has already faulted such an access.) */
static void s2_fetch_attrs(const struct xl *x, const struct s2out *o, smmu_mem_attrs *attrs)
{
    struct mtype t = mt_from_mair(attrs->mair);
    uint8_t sh = attrs->sh;
    attrs_with_s2(x->ste, &t, &sh, o->attr, o->sh);
    if (t.device && (x->s->bank[BANK_NS].idr[3] & SMMU_IDR3_PTWNNC)) {
        struct mt_level nc = {MT_NC, false, false, false};
        t.device = false;
        t.lv[0] = t.lv[1] = nc;
    }
    attrs->mair = mt_to_mair(&t);
    attrs->sh = sh_final(&t, sh);
}

/* walk_ipa_fn: a stage-1 table access of a nested stream (CLASS=TT). A Secure stream's table
 * IPA is in the Non-secure IPA space where the walk is (CD.NSCFGx, or an NSTable on the way),
 * so S2TTB, S2NSW and S2NSA apply to it, else S_S2TTB, S2SW and S2SA [Arm ARM D8.2.6.2;
 * IHI 0070 3.10.2.2]. Other streams have one IPA space. */
static int s1_table_ipa(void *arg, uint64_t ipa, smmu_pa_space space, bool write, uint64_t *pa,
                        smmu_pa_space *pas, smmu_mem_attrs *attrs, struct walk_fault *f)
{
    struct xl *x = arg;
    struct walk_access a = {write, false, true};
    struct s2out o;
    if (s2_xlate(x, ipa, x->bank != BANK_S || space == SMMU_PAS_NS, &a, EVT_CLASS_TT, &o, f))
        return -1;
    *pa = o.pa;
    *pas = (smmu_pa_space)o.pas;
    s2_fetch_attrs(x, &o, attrs);
    return 0;
}

/* cd_ipa_xlate_fn: an L1CD / CD fetch through stage 2 (CLASS=CD, IPA = the structure's address).
 * A Secure stream fetches CDs from its Secure IPA space [3.10.2.2]. */
static int cd_ipa(void *arg, uint64_t ipa, uint64_t *pa, smmu_pa_space *pas,
                  smmu_mem_attrs *attrs, struct smmu_event *ev)
{
    struct xl *x = arg;
    struct walk_access a = {false, false, true};
    struct walk_fault f;
    struct s2out o;
    memset(&f, 0, sizeof(f));
    if (s2_xlate(x, ipa, x->bank != BANK_S, &a, EVT_CLASS_CD, &o, &f)) {
        ev_from_walk(x, ev, &f);
        return -1;
    }
    *pa = o.pa;
    *pas = (smmu_pa_space)o.pas;
    s2_fetch_attrs(x, &o, attrs);
    return 0;
}

/* The attributes of a transaction no stage 1 translates: incoming, under the STE's overrides
 * (which decode as "use incoming" without IDR1.ATTR_TYPES_OVR) [13.1.4]. */
static void attrs_ste_override(const struct ste_cfg *c, const smmu_txn *txn, struct mtype *t,
                               uint8_t *sh)
{
    *t = mt_incoming(txn, sh);
    mt_override(t, sh, c->mtcfg, c->memattr, c->alloccfg, c->shcfg);
}

/* ---------------------------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------------------------- */

static void res_out(struct xl *x, smmu_outcome oc, uint64_t pa, smmu_pa_space pas,
                    const struct mtype *t, uint8_t sh, unsigned perm, unsigned shift)
{
    smmu_result *res = x->res;
    uint64_t mask = shift >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << shift) - 1;
    res->outcome = oc;
    res->pa = pa;
    res->pas = pas;
    res->mair = mt_to_mair(t);
    res->sh = sh_final(t, sh);
    res->perm = perm_out(perm, x->acc.priv);
    res->map_base = x->txn->addr & ~mask;
    res->map_size = mask + 1;
}

/* SMMUEN == 0: SMMU_(S_)GBPA [3.3.2 step 1, 3.4, 6.3.14]. Realm has no bypass (R_GBPA.ABORT is
 * RES1). An address beyond the OAS, and (Secure) a Non-secure instruction fetch with SIF, abort
 * without an event. */
static void global_bypass(struct xl *x)
{
    struct smmu *s = x->s;
    uint32_t gbpa = s->bank[x->bank].gbpa;
    unsigned oas = s->cfg.oas_bits;
    if (x->bank == BANK_R || (gbpa & SMMU_GBPA_ABORT) || (x->txn->addr >> oas) != 0) {
        x->res->outcome = SMMU_XLATE_ABORT;
        return;
    }
    unsigned nscfg = 0;
    if (s->cfg.attr_perms_ovr) {
        acc_override(&x->acc, (unsigned)SMMU_FIELD_GET(SMMU_GBPA_PRIVCFG, gbpa),
                     (unsigned)SMMU_FIELD_GET(SMMU_GBPA_INSTCFG, gbpa));
        nscfg = (unsigned)SMMU_FIELD_GET(SMMU_S_GBPA_NSCFG, gbpa);
    }
    bool ns = bypass_ns(x, nscfg);
    if (ns && x->acc.instr && ns_fetch_forbidden(x)) {
        x->res->outcome = SMMU_XLATE_ABORT;
        return;
    }
    uint8_t sh;
    struct mtype t = mt_incoming(x->txn, &sh);
    if (s->cfg.attr_types_ovr)
        mt_override(&t, &sh, (gbpa & SMMU_GBPA_MTCFG) != 0, (unsigned)SMMU_FIELD_GET(SMMU_GBPA_MEMATTR, gbpa),
                    (unsigned)SMMU_FIELD_GET(SMMU_GBPA_ALLOCCFG, gbpa),
                    (unsigned)SMMU_FIELD_GET(SMMU_GBPA_SHCFG, gbpa));
    res_out(x, SMMU_XLATE_BYPASS, x->txn->addr, pas_no_s2(x->bank, ns), &t, sh, PERM_ALL, oas);
}

/* No stage translates: STE.Config == 0b100 (input beyond OAS: F_ADDR_SIZE), or stage 1 bypassed
 * by S1DSS with stage 2 disabled (input beyond IAS: stage-1 F_ADDR_SIZE) [3.4]. IAS == OAS here:
 * VMSAv8-32 stage 2 is not modelled. Such faults always abort [3.12]. */
static void stream_bypass(struct xl *x)
{
    unsigned oas = x->s->cfg.oas_bits;
    if ((x->txn->addr >> oas) != 0) {
        xl_fault_simple(x, SMMU_EVT_F_ADDR_SIZE, FC_NONE, "bypass input beyond the OAS");
        return;
    }
    bool ns = bypass_ns(x, x->ste->nscfg);
    if (ns && x->acc.instr && ns_fetch_forbidden(x)) {
        xl_fault_simple(x, SMMU_EVT_F_PERMISSION, FC_NONE, "Non-secure instruction fetch");
        return;
    }
    struct mtype t;
    uint8_t sh;
    attrs_ste_override(x->ste, x->txn, &t, &sh);
    res_out(x, SMMU_XLATE_BYPASS, x->txn->addr, pas_no_s2(x->bank, ns), &t, sh, PERM_ALL, oas);
}

/* The attributes of a TLB_S2 hit: the stream's overrides apply [13.1.5]. */
static __attribute__((noinline)) void fill_s2_attrs(smmu_result *res,
                                                    const struct ste_cfg *ste,
                                                    const smmu_txn *txn,
                                                    const struct tlb_entry *e)
{
    struct mtype t;
    uint8_t sh;
    attrs_ste_override(ste, txn, &t, &sh);
    attrs_with_s2(ste, &t, &sh, e->mair, e->sh);
    res->mair = mt_to_mair(&t);
    res->sh = sh_final(&t, sh);
}

/* The result of a TLB hit (no callback: cache pointers are valid). Every field is written
 * once: this is the hot path. A TLB_S2 entry then needs fill_s2_attrs. */
static inline void fill_hit(smmu_result *res, const struct tlb_entry *e, uint64_t addr,
                            unsigned perm_shift, unsigned cfg_lookups)
{
    /* page_shift <= 42: the offset bits of addr are those of the TBI-extended key */
    uint64_t mask = (UINT64_C(1) << e->page_shift) - 1;
    res->outcome = SMMU_XLATE_OK;
    res->pa = e->pa | (addr & mask);
    res->pas = (smmu_pa_space)e->pas;
    res->mair = e->mair;
    res->sh = e->sh;
    res->perm = (uint8_t)((e->perm >> perm_shift) & 7u); /* perm_out() */
    res->map_base = addr & ~mask;
    res->map_size = mask + 1;
    /* event .. cfg_lookups: 8 adjacent bytes (on LP64 ABIs), which GCC's store merging writes
     * as one 64-bit store of a constant, then cfg_lookups over it. The empty asm says it reads
     * that byte, so the first store is not dead; volatile, so that it is not dropped. Without
     * it GCC 12 -O2 (x86-64) writes the constant bytes as three stores: two more instructions
     * on the hit path (docs/performance.md). Only speed depends on this. */
    res->event = 0;
    res->event_recorded = false;
    res->tlb_hit = true;
    res->cfg_hit = true;
    res->cfg_lookups = 0;
    __asm__ __volatile__("" : "+m"(res->cfg_lookups));
    res->cfg_lookups = (uint8_t)cfg_lookups;
    /* fetches, stag, hit, wc_hits: adjacent, one 64-bit store of a constant */
    res->fetches = 0;
    res->stag = 0;
    res->hit = SMMU_HIT_TCU_TLB; /* topology: the caller corrects it */
    res->wc_hits = 0;
}

/* ---------------------------------------------------------------------------------------------
 * The walk path: stage 1 then stage 2, on pinned configuration
 * ------------------------------------------------------------------------------------------- */

static void translate_walk(struct xl *x, bool s1, unsigned half, uint64_t key,
                           const struct tlb_tag *tag)
{
    struct smmu *s = x->s;
    const smmu_txn *txn = x->txn;
    const struct ste_cfg *ste = x->ste;
    uint64_t va = txn->addr, ipa;
    bool ipa_ns, ng = false;
    unsigned perm = PERM_ALL, shift = 64, level = 0, s2_level = 0;
    struct mtype t;
    uint8_t sh;
    struct walk_fault f;
    memset(&f, 0, sizeof(f));

    if (s1) {
        const struct cd_cfg *cd = x->cd;
        const struct walk_cfg *tt = &cd->tt[half];
        /* Stage-1 input checks [3.4, 3.4.1; CD.EPDx, CD.E0PDx]: F_TRANSLATION, S2=0, CLASS=IN */
        unsigned top = tt->tbi ? 55 : 63;
        uint64_t upper = tt->ia_bits <= top ? bits_extract(va, top, tt->ia_bits) : 0;
        uint64_t want = half && tt->ia_bits <= top ? bits_extract(~UINT64_C(0), top, tt->ia_bits)
                                                   : 0;
        if (tt->epd) {
            xl_fault_simple(x, SMMU_EVT_F_TRANSLATION, FC_CD, half ? "EPD1" : "EPD0");
            return;
        }
        if (upper != want) {
            xl_fault_simple(x, SMMU_EVT_F_TRANSLATION, FC_CD, "VA outside the TxSZ range");
            return;
        }
        bool e0pd = tt->e0pd && two_ranges(ste->regime);
        if (e0pd && !x->acc.priv) {
            xl_fault_simple(x, SMMU_EVT_F_TRANSLATION, FC_CD, "E0PD: unprivileged access");
            return;
        }
        uint64_t ia = tt->ia_bits >= 64 ? va : va & ((UINT64_C(1) << tt->ia_bits) - 1);
        struct walk_perm_ctx pc = {ste->regime, cd->wxn, cd->pan, s->cfg.xnx};
        struct walk_result r;
        xl_snapshot(x);
        s->stats.walks++;
        struct tlb_tag wtag = *tag;
        wtag.kind = TLB_S1; /* the tables of stage 1, nested or not */
        struct walk_wc wc, *wcp = xl_wc(x, 1, &wtag, key, &wc);
        if (walk_stage(s, tt, &pc, cd->mair, ia, &x->acc, ste->s2 ? s1_table_ipa : NULL, x,
                       x->debug, wcp, &r, &f, &x->fetches)) {
            xl_fault_walk(x, &f, "stage-1 walk");
            return;
        }
        ipa = r.oa;
        ipa_ns = tt->secure_tables ? r.ns : x->bank == BANK_NS;
        t = mt_from_mair(r.attr); /* stage 1 replaces the incoming attributes [13.1.4] */
        sh = r.sh;
        perm = r.perm;
        shift = r.page_shift;
        level = (unsigned)(r.level < 0 ? 0 : r.level);
        ng = r.ng;
        if (e0pd) /* unprivileged accesses through this TTB must reach the E0PD check */
            perm &= ~PERM_U;
        if (ipa_ns && ns_fetch_forbidden(x)) {
            if (x->acc.instr) {
                xl_fault_simple(x, SMMU_EVT_F_PERMISSION, FC_CD,
                                x->bank == BANK_S ? "SIF: Non-secure instruction fetch"
                                                  : "Realm instruction fetch from Non-secure");
                return;
            }
            perm &= ~PERM_X;
        }
    } else {
        /* Stage 1 bypassed: input beyond IAS is a stage-1 F_ADDR_SIZE that always aborts [3.4] */
        if ((va >> s->cfg.oas_bits) != 0) {
            xl_fault_simple(x, SMMU_EVT_F_ADDR_SIZE, FC_NONE, "stage-1 bypass input beyond IAS");
            return;
        }
        ipa = va;
        /* A Secure stream's IPA space comes from STE.NSCFG or the incoming NS [3.10.2.2]
         * (with SIF, a Non-secure instruction fetch faults); a Realm stream has one IPA space
         * and stage 2 decides its output PA space, whatever the incoming NS [3.10.3]. */
        ipa_ns = x->bank == BANK_R ? false : bypass_ns(x, ste->nscfg);
        if (ipa_ns && x->acc.instr && ns_fetch_forbidden(x)) {
            xl_fault_simple(x, SMMU_EVT_F_PERMISSION, FC_NONE, "Non-secure instruction fetch");
            return;
        }
        attrs_ste_override(x->ste, x->txn, &t, &sh);
    }

    uint64_t pa;
    smmu_pa_space pas;
    bool split = x->ats && x->ats->split; /* split-stage request: the completion has the IPA */
    if (x->ats)
        x->ats->global = !ng;
    if (ste->s2 && !split) {
        struct s2out o;
        if (s2_xlate(x, ipa, ipa_ns, &x->acc, EVT_CLASS_IN, &o, &f)) {
            xl_fault_walk(x, &f, "stage-2 walk");
            return;
        }
        pa = o.pa;
        pas = (smmu_pa_space)o.pas;
        perm &= o.perm;
        if (o.page_shift < shift)
            shift = o.page_shift;
        if (!s1)
            level = o.level;
        s2_level = o.level;
        attrs_with_s2(ste, &t, &sh, o.attr, o.sh);
    } else {
        pa = ipa;
        pas = pas_no_s2(x->bank, ipa_ns);
        if (shift > s->cfg.oas_bits) /* split-stage request, stage 1 bypassed: identity */
            shift = s->cfg.oas_bits;
    }

    res_out(x, SMMU_XLATE_OK, pa, pas, &t, sh, perm, shift);
    /* Stage-2-only results are cached as the TLB_S2 entry s2_xlate inserted */
    if (s1 && !x->debug && !split) {
        struct tlb_entry e;
        uint64_t mask = (UINT64_C(1) << shift) - 1;
        memset(&e, 0, sizeof(e));
        e.tag = *tag;
        e.global = !ng;
        e.page_shift = (uint8_t)shift;
        e.level = (uint8_t)level;
        e.s2_level = (uint8_t)s2_level;
        e.perm = (uint8_t)perm;
        e.pas = (uint8_t)pas;
        e.mair = x->res->mair;
        e.sh = x->res->sh;
        e.va = key & ~mask;
        e.pa = pa & ~mask;
        e.ipa = ste->s2 ? ipa & ~mask : 0;
        tlb_insert(s->tlb, &e, x->tlb_gen);
        xl_fill(x, &e);
    }
}

/* ---------------------------------------------------------------------------------------------
 * The pipeline
 * ------------------------------------------------------------------------------------------- */

/* Resolve SubstreamID against STE.S1CDMax / S1DSS [5.2; 3.3.2; digest 3.5]. Returns -1 after a
 * fault, else 0 with x->ssid and *s1 (false when S1DSS bypasses stage 1). */
static int xl_substream(struct xl *x, bool *s1)
{
    const smmu_txn *txn = x->txn;
    const struct ste_cfg *ste = x->ste;
    unsigned cdmax = x->s->cfg.ssid_bits ? ste->s1_cdmax : 0; /* IGNORED if SSIDSIZE == 0 */
    x->ssid = 0;
    if (txn->ssv) {
        if (!ste->s1 || cdmax == 0 || x->s->cfg.ssid_bits == 0 || (txn->ssid >> cdmax) != 0) {
            xl_fault_simple(x, SMMU_EVT_C_BAD_SUBSTREAMID, FC_NONE,
                            !ste->s1 ? "SubstreamID with stage 1 disabled"
                                     : cdmax == 0 ? "SubstreamID with S1CDMax 0"
                                                  : "SubstreamID beyond 2^S1CDMax");
            return -1;
        }
        if (ste->s1_dss == 2 && txn->ssid == 0) {
            xl_fault_simple(x, SMMU_EVT_F_STREAM_DISABLED, FC_NONE,
                            "SubstreamID 0 is reserved by S1DSS=0b10");
            return -1;
        }
        x->ssid = txn->ssid;
    } else if (ste->s1 && cdmax > 0) {
        switch (ste->s1_dss) {
        case 1: /* bypass stage 1 as though Config were 0b1x0 */
            *s1 = false;
            break;
        case 2: /* CD 0 */
            break;
        default: /* 00, and reserved 11 which behaves as 00 */
            xl_fault_simple(x, SMMU_EVT_F_STREAM_DISABLED, FC_NONE,
                            "no SubstreamID and S1DSS=0b00");
            return -1;
        }
    }
    return 0;
}

/* A configuration error reported by strtab_lookup / cdtab_lookup: complete the record with the
 * transaction's fields (a stage-2 fault on a CD fetch already has them) and terminate. */
static void xl_config_error(struct xl *x, struct smmu_event *ev)
{
    ev_fill_txn(x, ev);
    xl_fault(x, ev, is_translation_fault(ev->type) ? FC_S2 : FC_NONE, NULL);
}

/* cfgc_ctx.access[]: the TLB_PERM_* bit an access needs, and its privilege after the
 * overrides */
#define CTX_PERM_SHIFT 6u /* bits [7:6]: shift of the TLB_PERM_* bits perm_out() takes */

/* cfgc_ctx.flags: what makes a hit path more than a TLB lookup */
#define CTX_F_TBI0 (1u << 0)    /* TBI applies to VAs with VA[55] == 0 [3.4.1] */
#define CTX_F_TBI1 (1u << 1)    /* ... with VA[55] == 1 */
#define CTX_F_SLOW_S2 (1u << 2) /* stage 2 only, Secure or Realm stream (see xl_tlb) */

/* Store the stream context of a configuration that came from the cache: the tag, and the
 * hit path's view of the STE and CD (access overrides, TBI, TTB selection). */
static void xl_store_ctx(const struct xl *x, bool s1, const struct tlb_tag *tag)
{
    const smmu_txn *txn = x->txn;
    struct cfgc_ctx c;
    memset(&c, 0, sizeof(c));
    c.ste = x->ste;
    c.cd = s1 ? x->cd : NULL;
    tlb_prepare(tag, &c.lkey);
    if (!s1 && x->bank != BANK_NS)
        c.flags |= CTX_F_SLOW_S2;
    for (unsigned i = 0; i < 8; i++) {
        struct walk_access a = {(i & 4) != 0, (i & 6) == SMMU_TXN_INSTR, (i & 1) != 0};
        acc_override(&a, x->ste->privcfg, x->ste->instcfg);
        c.access[i] = (uint8_t)(perm_need(&a) | (a.priv ? 3u << CTX_PERM_SHIFT : 0));
    }
    if (s1) {
        /* VA[55] selects TTB1 in two-range regimes, else TTB0 translates every VA */
        bool two = two_ranges(x->ste->regime);
        if (x->cd->tt[0].tbi)
            c.flags |= CTX_F_TBI0;
        if (x->cd->tt[two ? 1 : 0].tbi)
            c.flags |= CTX_F_TBI1;
    }
    c.bank = (uint8_t)x->bank;
    /* keyed by SEC_SID: its bank is fixed for the instance */
    cfgc_store_ctx(x->s->cfgc, txn->sec, txn->sid, txn->ssv, txn->ssid, &c);
}

/* The STE of the transaction [3.3.1], through the configuration cache (*cfg_hit cleared on a
 * miss) or the stream table, then the STE's PRIVCFG / INSTCFG. Returns nonzero when the
 * transaction is complete: a configuration error (faulted) or Config 0b0xx (abort). */
static int xl_ste(struct xl *x, bool *cfg_hit)
{
    struct smmu *s = x->s;
    const smmu_txn *txn = x->txn;
    struct smmu_event ev;

    x->ste = cfgc_lookup_ste(s->cfgc, x->bank, txn->sid);
    x->cfg_lookups = 1;
    if (!x->ste) {
        *cfg_hit = false;
        xl_snapshot(x);
        memset(&ev, 0, sizeof(ev));
        if (strtab_lookup(s, x->bank, txn->sid, !x->debug, &x->ste_copy, &ev, &x->fetches)) {
            xl_config_error(x, &ev);
            return -1;
        }
        x->ste = &x->ste_copy;
        if (!x->debug)
            cfgc_insert_ste(s->cfgc, x->bank, txn->sid, &x->ste_copy, x->cfg_gen);
    }
    if (x->ste->kind == STE_ABORT) { /* Config 0b0xx: abort, no event [5.2 Config, 3.9.1] */
        x->res->outcome = SMMU_XLATE_ABORT;
        return -1;
    }
    acc_override(&x->acc, x->ste->privcfg, x->ste->instcfg);
    return 0;
}

/* The configuration of a transaction without a stream context: STE [3.3.1], SubstreamID, CD
 * [3.3.2, 5.4] and the TLB tag, through the configuration cache or the tables. Returns
 * nonzero when the transaction is complete (abort, fault, bypass), else 0 with x->ste,
 * x->cd (stage 1), *s1 and *tag. Stores a stream context when everything came from the
 * cache, with no memory callback since its lookups. */
static __attribute__((noinline)) int xl_configure(struct xl *x, bool *s1, struct tlb_tag *tag,
                                                  bool *cfg_hit)
{
    struct smmu *s = x->s;
    const smmu_txn *txn = x->txn;
    struct smmu_event ev;

    if (xl_ste(x, cfg_hit))
        return -1;
    if (x->ats) {
        /* A Translation Request needs an effective EATS other than 0b00 [3.9.1.2, 7.3.6]
         * (the caller records F_BAD_ATS_TREQ) */
        unsigned eats = ats_effective_eats(s, x->bank, x->ste);
        x->ats->split = eats == 2;
        x->ats->instcfg = x->ste->instcfg;
        if (eats == 0) {
            x->res->outcome = SMMU_XLATE_FAULT;
            x->res->event = SMMU_EVT_F_BAD_ATS_TREQ;
            return -1;
        }
    }

    /* A SubstreamID on a stream without stage 1 (Config 0b1x0, bypass included) is
     * C_BAD_SUBSTREAMID [5.2 S1Fmt]; then Config 0b100 and an S1DSS bypass of a stage-1-only
     * stream pass untranslated. */
    *s1 = x->ste->s1;
    if (xl_substream(x, s1))
        return -1;
    if (!*s1 && !x->ste->s2) {
        stream_bypass(x);
        return -1;
    }

    if (*s1) {
        x->cd = cfgc_lookup_cd(s->cfgc, x->bank, txn->sid, x->ssid);
        x->cfg_lookups = 2;
        if (!x->cd) {
            *cfg_hit = false;
            xl_pin(x);
            xl_snapshot(x);
            memset(&ev, 0, sizeof(ev));
            ev.sid = txn->sid; /* for cdtab's diagnostics; the record is filled on error */
            if (cdtab_lookup(s, x->bank, x->ste, txn->sid, x->ssid, !x->debug, cd_ipa, x,
                             &x->cd_copy, &ev, &x->fetches)) {
                xl_config_error(x, &ev);
                return -1;
            }
            x->cd = &x->cd_copy;
            if (!x->debug)
                cfgc_insert_cd(s->cfgc, x->bank, txn->sid, x->ssid, &x->cd_copy, x->cfg_gen);
        }
    }
    xl_tag(x, *s1 ? (x->ste->s2 ? TLB_S12 : TLB_S1) : TLB_S2, false, tag);
    if (*cfg_hit && !x->debug)
        xl_store_ctx(x, *s1, tag);
    return 0;
}

/* The TLB lookup key of a stream's address: the VA with the top byte ignored where TBI
 * applies [3.4.1], and the TTB half (two-range regimes: VA[55]) in *half. */
static inline uint64_t xl_key(const struct ste_cfg *ste, const struct cd_cfg *cd, uint64_t addr,
                              unsigned *half)
{
    *half = 0;
    if (!cd)
        return addr;
    if (two_ranges(ste->regime))
        *half = (unsigned)((addr >> 55) & 1);
    return cd->tt[*half].tbi ? bits_sext(addr, 56) : addr;
}

/* The TLB of the stream [3.17], for access a. A stage-2-only instruction fetch of a Secure or
 * Realm stream is not looked up: the walk checks the Non-secure fetch rules that TLB_S2
 * entries cannot express. */
static inline const struct tlb_entry *xl_tlb(struct smmu *s, unsigned bank, bool s1,
                                             const struct tlb_tag *tag, uint64_t key,
                                             const struct walk_access *a, struct topo_tbu *u,
                                             bool debug, uint8_t *where)
{
    if (!s1 && a->instr && bank != BANK_NS)
        return NULL;
    if (u) {
        /* topology: the TBU's caches, then the TCU's TLB */
        struct tlb_lkey k;
        tlb_prepare(tag, &k);
        return topo_lookup(s, u, &k, key, perm_need(a), debug, where);
    }
    const struct tlb_entry *e = tlb_lookup(s->tlb, tag, key);
    if (!e || !(e->perm & perm_need(a)))
        return NULL;
    tlb_touch(s->tlb, e);
    return e;
}

static void xl_init(struct xl *x, struct smmu *s, const smmu_txn *txn, smmu_result *res,
                    unsigned bank)
{
    memset(res, 0, sizeof(*res));
    x->s = s;
    x->txn = txn;
    x->res = res;
    x->bank = bank;
    x->ats = NULL;
    x->fill = NULL;
    x->debug = (txn->flags & SMMU_TXN_DEBUG) != 0;
    x->snapped = false;
    x->fault_ipa_ns = false;
    x->fetches = 0;
    x->cfg_lookups = 0;
    x->ste = NULL;
    x->cd = NULL;
    x->acc.write = txn->access == SMMU_ACCESS_WRITE;
    x->acc.instr = !x->acc.write && (txn->flags & SMMU_TXN_INSTR);
    x->acc.priv = (txn->flags & SMMU_TXN_PRIV) != 0;
}

/* Everything but the hot path: GBPA, configuration through the cache or the tables (ctx
 * NULL) or a stream context already counted as used, TLB lookup (unless looked_up: it
 * missed) and walks. With topology, u is the transaction's TBU, whose caches are looked up
 * and filled. */
static __attribute__((noinline)) void translate_slow(struct smmu *s, const smmu_txn *txn,
                                                     smmu_result *res,
                                                     const struct cfgc_ctx *ctx,
                                                     bool looked_up, struct topo_tbu *u)
{
    unsigned bank = smmu_bank_of(s, txn->sec);
    struct xl x;
    bool cfg_hit = true, s1;
    struct tlb_tag tag;
    unsigned half;

    xl_init(&x, s, txn, res, bank);
    if (!(s->bank[bank].cr0 & SMMU_CR0_SMMUEN)) {
        global_bypass(&x);
        return;
    }
    if (ctx) {
        x.ste = ctx->ste;
        x.cd = ctx->cd;
        x.cfg_lookups = ctx->lookups;
        s1 = x.cd != NULL;
        tlb_tag_of(&ctx->lkey, &tag);
        acc_override(&x.acc, x.ste->privcfg, x.ste->instcfg);
    } else if (xl_configure(&x, &s1, &tag, &cfg_hit)) {
        goto out;
    }
    uint64_t key = xl_key(x.ste, x.cd, txn->addr, &half);
    if (!s1 && bank == BANK_S)
        tag.ipa_ns = bypass_ns(&x, x.ste->nscfg); /* TLB_S2 of a Secure stream */
    if (!looked_up) {
        uint8_t where = SMMU_HIT_TCU_TLB;
        const struct tlb_entry *e = xl_tlb(s, bank, s1, &tag, key, &x.acc, u, x.debug, &where);
        if (e) {
            fill_hit(res, e, txn->addr, x.acc.priv ? 3u : 0u, x.cfg_lookups);
            res->hit = where;
            if (e->tag.kind == TLB_S2)
                fill_s2_attrs(res, x.ste, txn, e);
            res->cfg_hit = cfg_hit;
            res->fetches = x.fetches;
            return;
        }
    }
    xl_pin(&x);
    struct topo_fill fill;
    fill.valid = false;
    if (u && s->topo.tbu_caches)
        x.fill = &fill;
    translate_walk(&x, s1, half, key, &tag);
    if (fill.valid)
        topo_fill(u, &fill);
out:
    res->cfg_hit = cfg_hit && x.ste != NULL;
    res->cfg_lookups = x.cfg_lookups;
    res->fetches = x.fetches;
}

/* The hot path: a stream context and a TLB hit, with no copy of the configuration and no
 * memory callback [3.17]: returns true. Anything else goes to translate_slow: returns false.
 * Always inlined: smmu_translate's hit path is one function. */
static inline __attribute__((always_inline)) bool translate_txn(struct smmu *s,
                                                                const smmu_txn *txn,
                                                                smmu_result *res,
                                                                struct topo_tbu *u)
{
    s->stats.translations++;
    /* The context is keyed by SEC_SID, whose bank is fixed for the instance */
    const struct cfgc_ctx *ctx = cfgc_lookup_ctx(s->cfgc, txn->sec, txn->sid, txn->ssv,
                                                 txn->ssid);
    if (__builtin_expect(ctx != NULL, 1)) {
        unsigned bank = ctx->bank;
        if (__builtin_expect(!(s->bank[bank].cr0 & SMMU_CR0_SMMUEN), 0)) {
            ctx = NULL; /* GBPA [3.3.2 step 1] */
            goto slow;
        }
        cfgc_ctx_used(s->cfgc, ctx);
        /* txn->access is READ or WRITE (smmu_translate checks) */
        unsigned acc = ctx->access[(txn->flags & (SMMU_TXN_PRIV | SMMU_TXN_INSTR)) |
                                   ((unsigned)txn->access & 1u) << 2];
        uint64_t key = txn->addr;
        const struct tlb_lkey *lk = &ctx->lkey;
        struct tlb_lkey s2key;
        if (__builtin_expect(ctx->flags != 0, 0)) {
            /* TBI [3.4.1]: the TTB that VA[55] selects ignores the top byte */
            if (ctx->flags & ((key >> 55) & 1 ? CTX_F_TBI1 : CTX_F_TBI0))
                key = bits_sext(key, 56);
            if (ctx->flags & CTX_F_SLOW_S2) {
                /* Stage 2 only: instruction fetches take the walk path (see xl_tlb); a
                 * Secure stream's IPA space is that of its input [3.10.2.2] */
                const struct ste_cfg *ste = ctx->ste;
                if (acc & (TLB_PERM_UX | TLB_PERM_PX))
                    goto slow;
                if (bank == BANK_S) {
                    struct tlb_tag tag;
                    tlb_tag_of(&ctx->lkey, &tag);
                    tag.ipa_ns = nscfg_ns(ste->nscfg, txn->flags);
                    tlb_prepare(&tag, &s2key);
                    lk = &s2key;
                }
            }
        }
        const struct tlb_entry *e;
        uint8_t where = SMMU_HIT_TCU_TLB;
        if (u) /* topology (a constant NULL on smmu_translate's hit path) */
            e = topo_lookup(s, u, lk, key, acc & PERM_ALL, (txn->flags & SMMU_TXN_DEBUG) != 0,
                            &where);
        else
            e = tlb_lookup_key(s->tlb, lk, key);
        if (__builtin_expect(e && (e->perm & acc), 1)) {
            fill_hit(res, e, txn->addr, acc >> CTX_PERM_SHIFT, ctx->lookups);
            if (u)
                res->hit = where;
            if (__builtin_expect(e->tag.kind == TLB_S2, 0))
                fill_s2_attrs(res, ctx->ste, txn, e);
            return true;
        }
    }
slow:
    /* with a context, the TLB missed or (xl_tlb) is not to be looked up */
    translate_slow(s, txn, res, ctx, ctx != NULL, u);
    return false;
}


/* ---------------------------------------------------------------------------------------------
 * ATS [3.9.1; digest 9C]: the pipeline for Translation Requests and Translated traffic. The
 * tables of outcomes are ats.c's; this is the part that needs the pipeline's internals.
 * ------------------------------------------------------------------------------------------- */

/* Translated traffic with CR0.ATSCHK == 1 [3.9.1.3; digest 9C.4]: the STE decides. The
 * transaction has no PASID, PnU = InD = 0 (IDR3.PASIDTT = 0), then PRIVCFG/INSTCFG apply.
 * Events in priority order: the STE's configuration errors, F_TRANSL_FORBIDDEN (EATS), the
 * split-stage input size, the split-stage stage-2 faults. */
static void translated_checked(struct xl *x)
{
    struct smmu *s = x->s;
    const smmu_txn *txn = x->txn;
    unsigned oas = s->cfg.oas_bits;
    struct mtype t;
    uint8_t sh;
    bool cfg_hit = true;

    if (xl_ste(x, &cfg_hit)) /* Config 0b000: abort, no event [3.9.1.3] */
        return;
    xl_pin(x);
    unsigned eats = ats_effective_eats(s, x->bank, x->ste);
    if (eats == 0) {
        xl_fault_simple(x, SMMU_EVT_F_TRANSL_FORBIDDEN, FC_NONE,
                        x->ste->kind == STE_BYPASS ? "Translated traffic, STE.Config 0b100"
                                                   : "Translated traffic, STE.EATS 0b00");
        return;
    }
    if (eats != 2) {
        /* 0b01 (and 0b11: DPT is not implemented, no Device Access check): the address is a
         * PA. Bits above the OAS abort without an event (IMPLEMENTATION DEFINED [3.9.1.1]). A
         * Realm stream's PA space is the incoming NS attribute; a Non-secure instruction access
         * is F_TRANSL_FORBIDDEN [3.9.1.3]. */
        bool ns = x->bank == BANK_NS || (txn->flags & SMMU_TXN_NS);
        if ((txn->addr >> oas) != 0) {
            x->res->outcome = SMMU_XLATE_ABORT;
            return;
        }
        if (ns && x->acc.instr && ns_fetch_forbidden(x)) {
            xl_fault_simple(x, SMMU_EVT_F_TRANSL_FORBIDDEN, FC_NONE,
                            "Realm Translated instruction access to Non-secure PA space");
            return;
        }
        t = mt_incoming(txn, &sh);
        res_out(x, SMMU_XLATE_OK, txn->addr, pas_no_s2(x->bank, ns), &t, sh, PERM_ALL, 12);
        return;
    }
    /* 0b10, split-stage: the address is an IPA that stage 2 translates; beyond the IAS it is a
     * stage-1 F_ADDR_SIZE [3.9.1.3] (IAS == OAS: no VMSAv8-32 stage 2) */
    if ((txn->addr >> oas) != 0) {
        xl_fault_simple(x, SMMU_EVT_F_ADDR_SIZE, FC_NONE, "split-stage IPA beyond the IAS");
        return;
    }
    struct s2out o;
    struct walk_fault f;
    memset(&f, 0, sizeof(f));
    if (s2_xlate(x, txn->addr, x->bank == BANK_NS, &x->acc, EVT_CLASS_IN, &o, &f)) {
        xl_fault_walk(x, &f, "split-stage stage 2");
        return;
    }
    attrs_ste_override(x->ste, txn, &t, &sh);
    attrs_with_s2(x->ste, &t, &sh, o.attr, o.sh);
    res_out(x, SMMU_XLATE_OK, o.pa, (smmu_pa_space)o.pas, &t, sh, o.perm, o.page_shift);
}

void translate_ats(struct smmu *s, const smmu_txn *txn, smmu_result *res, struct ats_xl *a)
{
    unsigned bank = smmu_bank_of(s, txn->sec);
    struct smmu_bank *b = &s->bank[bank];
    struct xl x;
    bool cfg_hit = true, s1;
    struct tlb_tag tag;
    unsigned half;

    xl_init(&x, s, txn, res, bank);
    x.ats = a;
    a->split = false;
    a->global = false;
    a->denied_table = false;
    if (a->mode == ATS_TRANSLATED) {
        /* SMMUEN == 0 or a Secure stream: F_TRANSL_FORBIDDEN [3.9.1.3, 7.3.8] */
        if (!(b->cr0 & SMMU_CR0_SMMUEN) || bank == BANK_S) {
            xl_fault_simple(&x, SMMU_EVT_F_TRANSL_FORBIDDEN, FC_NONE,
                            bank == BANK_S ? "Translated traffic on a Secure stream"
                                           : "Translated traffic with SMMUEN 0");
        } else if (bank == BANK_NS && !(b->cr0 & SMMU_CR0_ATSCHK)) {
            /* ATSCHK == 0: no STE lookup; only the address size (abort without an event
             * beyond the OAS, IMPLEMENTATION DEFINED [3.9.1.1]) and the output's GPC */
            if ((txn->addr >> s->cfg.oas_bits) != 0) {
                res->outcome = SMMU_XLATE_ABORT;
            } else {
                uint8_t sh;
                struct mtype t = mt_incoming(txn, &sh);
                res_out(&x, SMMU_XLATE_OK, txn->addr, SMMU_PAS_NS, &t, sh, PERM_ALL, 12);
            }
        } else {
            translated_checked(&x);
        }
        res->cfg_lookups = x.cfg_lookups;
        res->fetches = x.fetches;
        return;
    }
    /* A Translation Request (ats.c has checked SMMUEN and the Security state) */
    if (xl_configure(&x, &s1, &tag, &cfg_hit))
        goto out;
    uint64_t key = xl_key(x.ste, x.cd, txn->addr, &half);
    /* A split-stage request never uses combined entries: its result is stage 1's IPA */
    const struct tlb_entry *e =
        a->split ? NULL : xl_tlb(s, bank, s1, &tag, key, &x.acc, NULL, false, NULL);
    if (e) {
        fill_hit(res, e, txn->addr, x.acc.priv ? 3u : 0u, x.cfg_lookups);
        a->global = e->global || e->tag.kind == TLB_S2;
        res->cfg_hit = cfg_hit;
        res->fetches = x.fetches;
        return;
    }
    xl_pin(&x);
    translate_walk(&x, s1, half, key, &tag);
    if (!s1)
        a->global = true; /* no stage 1: no ASID */
out:
    res->cfg_hit = cfg_hit && x.ste != NULL;
    res->cfg_lookups = x.cfg_lookups;
    res->fetches = x.fetches;
}

/* The granule protection check of the output access, after translation or bypass, for
 * cached translations too [3.25.3]. */
static inline __attribute__((always_inline)) void translate_output(struct smmu *s,
                                                                   const smmu_txn *txn,
                                                                   smmu_result *res)
{
    if (gpc_active(s) && (res->outcome == SMMU_XLATE_OK || res->outcome == SMMU_XLATE_BYPASS))
        gpc_client_output(s, txn, res);
}

/* A translation with work around the pipeline (s->xlate_extra): the output check when
 * gpc_active(), the bring-up checker's view of the translation (check.c), PMCG counting
 * (pmcg.h), and with a trace
 * callback SMMU_TRACE_TXN, the pipeline (whose STE, CD, descriptor and event records come in
 * between), SMMU_TRACE_RESULT with the final result.
 * The pipeline is the untraced one, so that tracing changes nothing but the records: the same
 * caches, statistics and results. Out of line, so that all this costs the hit path one test
 * (not cold: with GPCEN set, every translation comes here). A callback that removes itself
 * (smmu_set_trace(NULL)) gets no further record; one installed during an untraced translation
 * gets none of it. */
static __attribute__((noinline)) smmu_status translate_extra(struct smmu *s,
                                                           const smmu_txn *txn,
                                                           smmu_result *res)
{
    /* The TBU a transaction enters by (1.2): one that does not exist is an API error */
    unsigned tbu = txn->flags & SMMU_TXN_TBU ? txn->tbu : 0;
    if (tbu >= s->topo.ntbu) {
        memset(res, 0, sizeof(*res));
        res->outcome = SMMU_XLATE_ABORT;
        smmu_log(s, SMMU_LOG_ERROR, "smmu_translate: TBU %u of %u", tbu, s->topo.ntbu);
        return SMMU_E_INVAL;
    }
    smmu_trace t;
    bool traced = s->env.trace != NULL;
    if (traced) {
        memset(&t, 0, sizeof(t));
        t.kind = SMMU_TRACE_TXN;
        t.bank = (smmu_sec_sid)smmu_bank_of(s, txn->sec);
        t.txn = txn;
        s->env.trace(s->env.ctx, &t);
    }
    bool counting = s->pmcg_counting;
    if (counting)
        pmcg_txn_begin(s, txn, false);
    if (s->chk)
        check_translation_begin(s, txn);
    /* topology.active: the TBU's caches in front of the TCU's TLB */
    struct topo_tbu *u = s->topo.active ? &s->topo.tbu[tbu] : NULL;
    if (u) {
        u->st.translations++;
        u->utlb_used = NULL; /* until its one lookup, or the fill after its walk, sets it */
    }
    if (txn->flags & SMMU_TXN_TRANSLATED)
        ats_translated(s, txn, res);
    else
        translate_txn(s, txn, res, u);
    translate_output(s, txn, res);
    if (s->chk)
        check_translation(s, txn, res);
    if (counting && s->pmcg)
        pmcg_txn_end(s, txn, res);
    if (traced && s->env.trace) {
        t.kind = SMMU_TRACE_RESULT;
        t.result = res;
        s->env.trace(s->env.ctx, &t);
    }
    return SMMU_OK;
}

/* The public entry point (smmuv3.h): argument checks, then the pipeline. */
smmu_status smmu_translate(smmu_t *s, const smmu_txn *txn, smmu_result *res)
{
    if (!res)
        return SMMU_E_INVAL;
    if (!s || !txn || (unsigned)txn->sec > SMMU_SEC_REALM ||
        (unsigned)txn->access > SMMU_ACCESS_WRITE) {
        memset(res, 0, sizeof(*res));
        res->outcome = SMMU_XLATE_ABORT;
        return SMMU_E_INVAL;
    }
    /* Translated traffic (ATS) is not looked up: one more predictable test */
    if (__builtin_expect(s->xlate_extra || (txn->flags & (SMMU_TXN_TRANSLATED | SMMU_TXN_TBU)),
                         0))
        return translate_extra(s, txn, res);
    /* A TLB hit makes no callback, so the output check is still off; the slow path's memory
     * callbacks may have turned it on (a ROOT_CR0 write) */
    if (!translate_txn(s, txn, res, NULL))
        translate_output(s, txn, res);
    return SMMU_OK;
}
