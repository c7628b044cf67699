/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One VMSAv8-64 translation stage [Arm ARM D8.2-D8.5; IHI 0070 3.4, 3.13, 13.4]: an iterative
 * walk over 4K/16K/64K granules from start level -1..3 (stage 2 with a concatenated start
 * table), descriptor decode with LPA2 (DS) and 64K 52-bit output addresses, hierarchical
 * attributes, the access flag and dirty state with hardware updates, and the permission checks.
 *
 * Model choices (CONSTRAINED UNPREDICTABLE / IMPLEMENTATION DEFINED, or where the contract
 * leaves a choice):
 *  - 64K granule: descriptor bits [15:12] are always OA[51:48] (Arm ARM AArch64.NextTableBase
 *    permits this IMPLEMENTATION DEFINED reading); a non-zero value above oa_bits gives
 *    F_ADDR_SIZE. 64K level-1 blocks need s->cfg.oas_bits == 52 (AArch64.PAMax()).
 *  - DS (LPA2) only applies to the 4K and 16K granules; for 64K it is ignored. With DS the
 *    reported SH is the walk's configured SH (cfg->fetch_attrs.sh).
 *  - An access that faults on permission does not set AF or the dirty state (Arm ARM
 *    pseudocode order: AF fault, permission fault, then one descriptor update for both).
 *  - A configuration the decoders should never produce (stage, granule, start level, sizes)
 *    gives F_TRANSLATION at the start level with an error diagnostic.
 *  - The start table address is aligned down to the (concatenated) start table size; a start
 *    table address above oa_bits gives F_ADDR_SIZE at the start level.
 *  - Instruction fetches need execute permission only (Arm ARM S1/S2CheckPermissions).
 *  - A descriptor that keeps changing under the HTTU compare-and-swap (WALK_CAS_TRIES times)
 *    gives F_WALK_EABT at its address.
 *  - With no_side_effects, r->desc is the descriptor as in memory (not updated) and r->perm
 *    is what it would be after the update.
 *  - F_WALK_EABT is reported with CLASS TT (the caller refines it, e.g. CD for a stage-2
 *    walk made for a CD fetch); other faults with CLASS IN. TTRnW of a permission fault is
 *    !acc->write, which is what a caller translating a table access needs.
 *  - r->ng: nG counts only in two-EL regimes (RES0 at EL2/EL3); any leaf read from
 *    Non-secure tables in a Secure walk (CD.NSCFGx or NSTable) is not global.
 *  - Stage 2: r->ns is descriptor bit 55 only when cfg->secure_tables (set by the STE decoder
 *    for Realm stage 2 only).
 */
#include "walk.h"

#include <string.h>

#include "bits.h"
#include "check.h"
#include "evtq.h"
#include "tlb.h"

/* Block/page and table descriptor fields [Arm ARM D8.3, Tables D8-50..53] */
#define DESC_VALID SMMU_BIT(0)
#define DESC_TYPE SMMU_GENMASK(1, 0)
#define DESC_TYPE_TABLE_PAGE 3u
#define DESC_S1_ATTRINDX SMMU_GENMASK(4, 2)
#define DESC_S1_NS SMMU_BIT(5)
#define DESC_S1_AP1 SMMU_BIT(6) /* AP[1]: EL0 access (two-EL regimes) */
#define DESC_S1_AP2 SMMU_BIT(7) /* AP[2]: read-only */
#define DESC_S2_MEMATTR SMMU_GENMASK(5, 2)
#define DESC_S2AP_R SMMU_BIT(6) /* S2AP[0] */
#define DESC_S2AP_W SMMU_BIT(7) /* S2AP[1] */
#define DESC_SH SMMU_GENMASK(9, 8)
#define DESC_DS_OA_51_50 SMMU_GENMASK(9, 8)
#define DESC_AF SMMU_BIT(10)
#define DESC_S1_NG SMMU_BIT(11)
#define DESC_64K_OA_51_48 SMMU_GENMASK(15, 12)
#define DESC_OA_47 SMMU_GENMASK(47, 0)
#define DESC_DS_OA_49_48 SMMU_GENMASK(49, 48)
#define DESC_DBM SMMU_BIT(51)
#define DESC_S1_PXN SMMU_BIT(53)
#define DESC_S1_UXN SMMU_BIT(54)        /* UXN, or XN in single-EL regimes */
#define DESC_S2_XN SMMU_GENMASK(54, 53) /* XN[1:0] (XN[0] only with XNX) */
#define DESC_S2_NS SMMU_BIT(55)         /* Realm stage 2 */
#define TABLE_PXN SMMU_BIT(59)
#define TABLE_UXN SMMU_BIT(60) /* UXNTable, or XNTable in single-EL regimes */
#define TABLE_AP SMMU_GENMASK(62, 61)
#define TABLE_AP_NO_EL0 1u /* APTable[0] */
#define TABLE_AP_RO 2u     /* APTable[1] */
#define TABLE_NS SMMU_BIT(63)

#define WALK_CAS_TRIES 16

/* What does not change during one walk. */
struct walk_ctx {
    struct smmu *s;
    const struct walk_cfg *cfg;
    walk_ipa_fn ipa_xlate;
    void *ipa_arg;
    struct walk_fault *f;
    unsigned *fetches;
    uint64_t ia;
};

/* Where the walk is. */
struct walk_state {
    int level;
    unsigned shift;    /* IA bits below this level's index */
    smmu_pa_space pas; /* PA space of this level's table (before ipa_xlate) */
    bool ns_tables;    /* tables are Non-secure (Secure stage 1 only: CD.NSCFGx or
                          an NSTable) */
    unsigned aptable;  /* accumulated APTable, UXNTable, PXNTable */
    bool uxnt, pxnt;
    uint64_t daddr; /* descriptor address (an IPA when nested) */
    uint64_t dpa;   /* descriptor PA */
};

static uint64_t walk_low_mask(unsigned bits)
{
    return bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
}

/* Descriptors are little-endian, or big-endian with CD.ENDI / STE.S2ENDI: the one place
 * where the walk converts between memory order (as a little-endian load sees it) and
 * values. The conversion is its own inverse. */
static uint64_t walk_mem_order(const struct walk_cfg *cfg, uint64_t v)
{
    return cfg->big_endian ? bswap64(v) : v;
}

static int walk_fault(const struct walk_ctx *w, uint8_t type, int level)
{
    struct walk_fault *f = w->f;
    f->type = type;
    f->stage = w->cfg->stage == 2 ? 2 : 1;
    f->cls = EVT_CLASS_IN;
    f->level = (int8_t)level;
    f->ttrnw = true;
    f->gpcf = false;
    f->ipa = w->cfg->stage == 2 ? w->ia : 0;
    f->fetch_addr = 0;
    return -1;
}

/* An external abort on a descriptor access: CLASS TT (the caller may refine it). */
static int walk_eabt(const struct walk_ctx *w, int level, uint64_t pa, int mem_rc)
{
    walk_fault(w, SMMU_EVT_F_WALK_EABT, level);
    w->f->cls = EVT_CLASS_TT;
    w->f->fetch_addr = pa;
    w->f->gpcf = mem_rc == SMMU_MEM_GPF; /* a GPC fault on the access [3.25.5] */
    return -1;
}

/* Output (or next-level table) address held by a descriptor, before the page/block offset:
 * bits [47:lo], plus OA[51:48] from [15:12] (64K) or from [9:8]:[49:48] (DS)
 * [Arm ARM D8.3.1, AArch64.NextTableBase / AArch64.LeafBase]. */
static uint64_t walk_desc_addr(uint64_t desc, unsigned lo, unsigned g, bool ds)
{
    uint64_t a = desc & DESC_OA_47 & ~walk_low_mask(lo);
    if (g == 16)
        a |= SMMU_FIELD_GET(DESC_64K_OA_51_48, desc) << 48; /* always: see the top */
    else if (ds)
        a |= SMMU_FIELD_GET(DESC_DS_OA_51_50, desc) << 50 | SMMU_FIELD_GET(DESC_DS_OA_49_48, desc) << 48;
    return a;
}

/* Block descriptors exist only at these levels [Arm ARM D8.3.1,
 * AArch64.BlockDescSupported]: 64K level-1 blocks need a 52-bit PA implementation. */
static bool walk_block_ok(const struct smmu *s, unsigned g, int level, bool ds)
{
    if (level == 2)
        return true;
    switch (g) {
    case 12:
        return level == 1 || (level == 0 && ds);
    case 14:
        return level == 1 && ds;
    default:
        return level == 1 && s->cfg.oas_bits >= 52;
    }
}

/* Stage-1 direct permissions [Arm ARM D8.4.1 (AArch64.S1DirectBasePermissions);
 * IHI 0070 13.4.1] as TLB_PERM_* bits. ap2: the effective AP[2] (0 for a DBM page under
 * HD). aptable / uxnt / pxnt: accumulated hierarchical controls (0 with HAD). */
static unsigned walk_s1_perm(uint64_t desc, bool ap2, unsigned aptable, bool uxnt, bool pxnt,
                             const struct walk_perm_ctx *pc)
{
    bool wxn = pc->wxn;
    if (pc->regime == REGIME_EL2 || pc->regime == REGIME_EL3) {
        /* One privilege level: AP[1] RES1 (treated as 1), PRIV ignored, XN, XNTable;
         * APTable[0] and PXNTable RES0; PAN does not apply. */
        bool w = !ap2 && !(aptable & TABLE_AP_RO);
        bool x = !(desc & DESC_S1_UXN) && !uxnt && !(wxn && w);
        unsigned p = TLB_PERM_UR | TLB_PERM_PR;
        if (w)
            p |= TLB_PERM_UW | TLB_PERM_PW;
        if (x)
            p |= TLB_PERM_UX | TLB_PERM_PX;
        return p;
    }
    bool ap1 = desc & DESC_S1_AP1;
    bool pr = true, pw = !ap2, ur = ap1, uw = ap1 && !ap2;
    if (aptable & TABLE_AP_NO_EL0)
        ur = uw = false;
    if (aptable & TABLE_AP_RO)
        pw = uw = false;
    bool ux = !(desc & DESC_S1_UXN) && !uxnt;
    /* A location writable at EL0 is never executable at EL1 [Arm ARM D8.4.1.2]. */
    bool px = !(desc & DESC_S1_PXN) && !pxnt && !uw;
    /* PAN: privileged data accesses to EL0-accessible data fault [D8.4.1.3]. */
    if (pc->pan && (ur || uw))
        pr = pw = false;
    /* WXN: writable implies execute-never at that privilege [D8.4.1.4]. */
    if (wxn && pw)
        px = false;
    if (wxn && uw)
        ux = false;
    return (ur ? TLB_PERM_UR : 0u) | (uw ? TLB_PERM_UW : 0u) | (ux ? TLB_PERM_UX : 0u) |
           (pr ? TLB_PERM_PR : 0u) | (pw ? TLB_PERM_PW : 0u) | (px ? TLB_PERM_PX : 0u);
}

/* Stage-2 direct permissions [Arm ARM D8.4.2; IHI 0070 13.4.3]: S2AP gates read and write
 * for both privileges; XN[1:0] with XNX (00 all, 01 not EL1, 10 none, 11 not EL0), else XN
 * (bit 54) alone. w: the effective S2AP[1] (1 for a DBM page under HD). */
static unsigned walk_s2_perm(uint64_t desc, bool w, bool xnx)
{
    unsigned xn = (unsigned)SMMU_FIELD_GET(DESC_S2_XN, desc);
    bool ux, px;
    if (xnx) {
        ux = xn == 0 || xn == 1;
        px = xn == 0 || xn == 3;
    } else {
        ux = px = !(xn & 2);
    }
    unsigned p = 0;
    if (desc & DESC_S2AP_R)
        p |= TLB_PERM_UR | TLB_PERM_PR;
    if (w)
        p |= TLB_PERM_UW | TLB_PERM_PW;
    return p | (ux ? TLB_PERM_UX : 0u) | (px ? TLB_PERM_PX : 0u);
}

/* The TLB_PERM_* bit an access needs. Instruction fetches need execute only (Choice: as the
 * Arm ARM's S1/S2CheckPermissions); a write is always a data access. */
static unsigned walk_needed_perm(const struct walk_access *acc)
{
    if (acc->write)
        return acc->priv ? TLB_PERM_PW : TLB_PERM_UW;
    if (acc->instr)
        return acc->priv ? TLB_PERM_PX : TLB_PERM_UX;
    return acc->priv ? TLB_PERM_PR : TLB_PERM_UR;
}

/* Translate a stage-1 table address in space pas through stage 2 (nested), or take it as a
 * PA in pas. *attrs: the access's memory attributes, the walk's own unless stage 2 changes
 * them [IHI 0070 13.1.5; 5.2 S2PTW]. */
static int walk_table_pa(const struct walk_ctx *w, uint64_t addr, smmu_pa_space pas, bool write,
                         uint64_t *pa, smmu_pa_space *out_pas, smmu_mem_attrs *attrs)
{
    *attrs = w->cfg->fetch_attrs;
    if (!w->ipa_xlate) {
        *pa = addr;
        *out_pas = pas;
        return 0;
    }
    return w->ipa_xlate(w->ipa_arg, addr, pas, write, pa, out_pas, attrs, w->f);
}

static bool walk_cfg_ok(const struct walk_ctx *w, unsigned *idx_bits)
{
    const struct walk_cfg *cfg = w->cfg;
    unsigned g = cfg->granule_shift;
    const char *why = NULL;
    if (cfg->stage != 1 && cfg->stage != 2) {
        why = "stage";
    } else if (g != 12 && g != 14 && g != 16) {
        why = "granule";
    } else {
        int min_level = g == 16 ? 1 : (g == 12 && cfg->ds) ? -1 : 0;
        int level = cfg->start_level;
        if (level < min_level || level > 3) {
            why = "start level";
        } else {
            unsigned shift = g + (unsigned)(3 - level) * (g - 3);
            unsigned max = (g - 3) + (cfg->stage == 2 ? 4u : 0u); /* 16 concatenated */
            if (cfg->ia_bits > 52 || cfg->ia_bits <= shift || cfg->ia_bits - shift > max)
                why = "input size for the start level";
            else if (cfg->oa_bits < 24 || cfg->oa_bits > 56)
                why = "output size";
            else
                *idx_bits = cfg->ia_bits - shift;
        }
    }
    if (!why)
        return true;
    smmu_log(w->s, SMMU_LOG_ERROR,
             "walk: stage %u configuration has a bad %s (granule 2^%u, start level %d, IA %u "
             "bits, OA %u bits)",
             cfg->stage, why, g, cfg->start_level, cfg->ia_bits, cfg->oa_bits);
    return false;
}

/* The leaf descriptor desc at st: output address, access flag, permissions, HTTU, result.
 * Returns 0 with *r filled, -1 with the fault filled, or 1 when the HTTU compare-and-swap
 * found another value (now in *desc) that must be decoded again. */
static int walk_leaf(const struct walk_ctx *w, const struct walk_state *st, uint64_t *desc,
                     const struct walk_perm_ctx *pc, uint64_t mair, const struct walk_access *acc,
                     bool no_side_effects, struct walk_result *r)
{
    struct smmu *s = w->s;
    const struct walk_cfg *cfg = w->cfg;
    const bool s1 = cfg->stage == 1;
    const unsigned g = cfg->granule_shift;
    const bool ds = cfg->ds && g != 16;
    uint64_t d = *desc;

    /* A page at level 3, else a block where the granule allows one [Arm ARM D8.3.1]. */
    if (st->level == 3 ? SMMU_FIELD_GET(DESC_TYPE, d) != DESC_TYPE_TABLE_PAGE
                       : !walk_block_ok(s, g, st->level, ds)) {
        smmu_log(s, SMMU_LOG_ERROR, "walk: stage %u level %d descriptor 0x%llx at 0x%llx: %s",
                 cfg->stage, st->level, (unsigned long long)d, (unsigned long long)st->dpa,
                 st->level == 3 ? "reserved type 0b01" : "block not permitted at this level");
        return walk_fault(w, SMMU_EVT_F_TRANSLATION, st->level);
    }
    uint64_t oa = walk_desc_addr(d, st->shift, g, ds);
    if (oa >> cfg->oa_bits) {
        smmu_log(s, SMMU_LOG_ERROR,
                 "walk: stage %u level %d descriptor 0x%llx at 0x%llx: "
                 "output address above the %u-bit output size",
                 cfg->stage, st->level, (unsigned long long)d, (unsigned long long)st->dpa,
                 cfg->oa_bits);
        return walk_fault(w, SMMU_EVT_F_ADDR_SIZE, st->level);
    }

    /* Access flag [IHI 0070 3.13.2; Arm ARM D8.5.1]: checked before permissions; AFFD
     * without HA treats AF as 1. */
    const bool ha = cfg->ha, hd = cfg->ha && cfg->hd; /* HD behaves as 0 without HA */
    if (!(d & DESC_AF) && !ha && !cfg->affd)
        return walk_fault(w, SMMU_EVT_F_ACCESS, st->level);

    /* Dirty state [Arm ARM D8.5.3; IHI 0070 3.13.3]: with HD a DBM page counts as writable,
     * and a write to it clears AP[2] (stage 1) or sets S2AP[1] (stage 2). */
    const bool writable = s1 ? !(d & DESC_S1_AP2) : (d & DESC_S2AP_W);
    const bool dbm = hd && (d & DESC_DBM);
    unsigned perm = s1 ? walk_s1_perm(d, !(writable || dbm), st->aptable, st->uxnt, st->pxnt, pc)
                       : walk_s2_perm(d, writable || dbm, pc->xnx);
    if (!(perm & walk_needed_perm(acc))) {
        walk_fault(w, SMMU_EVT_F_PERMISSION, st->level);
        w->f->ttrnw = !acc->write;
        return -1;
    }

    uint64_t upd = d;
    if (ha)
        upd |= DESC_AF;
    if (acc->write && !writable) /* the check passed: dbm */
        upd = s1 ? upd & ~DESC_S1_AP2 : upd | DESC_S2AP_W;
    if (upd != d && !no_side_effects) {
        uint64_t upa, old;
        smmu_pa_space upas;
        smmu_mem_attrs uat; /* the compare-and-swap callback takes no attributes */
        if (walk_table_pa(w, st->daddr, st->pas, true, &upa, &upas, &uat))
            return -1; /* stage 2 refused the update (write) of the stage-1 descriptor */
        ++*w->fetches;
        int rc = smmu_mem_cas64(s, upa, upas, walk_mem_order(cfg, d), walk_mem_order(cfg, upd),
                                &old, ORIG_WALK);
        if (rc) {
            smmu_log(s, SMMU_LOG_ERROR,
                     "walk: stage %u level %d: abort on the hardware "
                     "update of the descriptor at 0x%llx",
                     cfg->stage, st->level, (unsigned long long)upa);
            return walk_eabt(w, st->level, upa, rc);
        }
        old = walk_mem_order(cfg, old);
        if (old != d) {
            *desc = old;
            return 1;
        }
        d = upd;
    }
    /* A clean page grants no write in r->perm: writing it needs the update (a new walk). */
    if (s1 ? (upd & DESC_S1_AP2) : !(upd & DESC_S2AP_W))
        perm &= ~(unsigned)(TLB_PERM_UW | TLB_PERM_PW);

    r->oa = oa | (w->ia & walk_low_mask(st->shift));
    r->page_shift = (uint8_t)st->shift;
    r->level = (int8_t)st->level;
    r->perm = (uint8_t)perm;
    r->desc = d;
    /* With DS the SH field holds OA[51:50]: shareability is the walk's configured SH. */
    r->sh = ds ? cfg->fetch_attrs.sh : (uint8_t)SMMU_FIELD_GET(DESC_SH, d);
    if (s1) {
        bool two_el = pc->regime == REGIME_EL1 || pc->regime == REGIME_EL2_E2H;
        r->attr = (uint8_t)(mair >> (8 * SMMU_FIELD_GET(DESC_S1_ATTRINDX, d)));
        r->ns = cfg->secure_tables && (st->ns_tables || (d & DESC_S1_NS));
        /* A Secure-regime leaf from NS tables is not global [IHI 0070 3.17.1]. */
        r->ng = (two_el && (d & DESC_S1_NG)) || st->ns_tables;
    } else {
        r->attr = (uint8_t)SMMU_FIELD_GET(DESC_S2_MEMATTR, d);
        r->ns = cfg->secure_tables && (d & DESC_S2_NS);
        r->ng = false;
    }
    return 0;
}

/* ---- walk caches (topology.h) ----
 * An entry is a table descriptor of level L (level -1 shares level 0's cache): it covers the
 * 2^shift(L) bytes of input address that the level-(L+1) table it points to maps, and holds
 * that table's address and the walk's state after it (APTable, UXNTable, PXNTable, NSTable).
 * Fields of struct tlb_entry: va the covered input range, page_shift = shift(L), pa the next
 * table, level = L + 1, s2_level the granule, pas the next table's PA space, perm the state
 * bits below. */
#define WC_UXNT 4u
#define WC_PXNT 8u
#define WC_NS_TABLES 16u

static struct tlb *walk_wc_of(const struct smmu *s, unsigned stage, int level)
{
    return level > 2 ? NULL : s->topo.wc[stage - 1][level < 0 ? 0 : level];
}

/* Start the walk at the deepest table the walk caches hold for this input address: set *st,
 * *table and *idx_bits as the walk would have after reading the cached descriptor. Looks the
 * levels up from the deepest; each miss and the hit is counted. */
static void walk_wc_start(const struct walk_ctx *w, const struct walk_wc *wc,
                          struct walk_state *st, uint64_t *table, unsigned *idx_bits)
{
    struct smmu *s = w->s;
    const unsigned g = w->cfg->granule_shift, stride = g - 3, si = w->cfg->stage - 1u;
    for (int l = 2; l >= st->level; l--) {
        struct tlb *c = walk_wc_of(s, w->cfg->stage, l);
        if (!c)
            continue;
        unsigned li = l < 0 ? 0u : (unsigned)l;
        unsigned sh = g + (unsigned)(3 - l) * stride;
        const struct tlb_entry *e = tlb_lookup_key(c, &wc->key, wc->addr);
        /* A tag of other tables (another granule or level) is not this walk's */
        if (!e || e->page_shift != sh || e->level != (uint8_t)(l + 1) || e->s2_level != g) {
            s->topo.tcu.wc_misses[si][li]++;
            continue;
        }
        tlb_touch(c, e);
        s->topo.tcu.wc_hits[si][li]++;
        if (*wc->hits < UINT8_MAX)
            ++*wc->hits;
        *table = e->pa;
        st->level = l + 1;
        st->shift = sh - stride;
        st->pas = (smmu_pa_space)e->pas;
        st->aptable = e->perm & 3u;
        st->uxnt = (e->perm & WC_UXNT) != 0;
        st->pxnt = (e->perm & WC_PXNT) != 0;
        st->ns_tables = (e->perm & WC_NS_TABLES) != 0;
        *idx_bits = stride;
        return;
    }
}

/* The table descriptor at st (state already updated by it) points to table `next`. */
static void walk_wc_fill(const struct walk_ctx *w, const struct walk_wc *wc,
                         const struct walk_state *st, uint64_t next)
{
    struct tlb *c = walk_wc_of(w->s, w->cfg->stage, st->level);
    if (!c || tlb_generation(w->s->tlb) != wc->gen)
        return;
    struct tlb_entry e;
    memset(&e, 0, sizeof(e));
    tlb_tag_of(&wc->key, &e.tag);
    e.page_shift = (uint8_t)st->shift;
    e.level = (uint8_t)(st->level + 1);
    e.s2_level = w->cfg->granule_shift;
    e.pas = (uint8_t)st->pas;
    e.perm = (uint8_t)(st->aptable | (st->uxnt ? WC_UXNT : 0u) | (st->pxnt ? WC_PXNT : 0u) |
                       (st->ns_tables ? WC_NS_TABLES : 0u));
    e.va = wc->addr;
    e.pa = next;
    tlb_insert(c, &e, tlb_generation(c));
}

int walk_stage(struct smmu *s, const struct walk_cfg *cfg, const struct walk_perm_ctx *pc,
               uint64_t mair, uint64_t ia, const struct walk_access *acc, walk_ipa_fn ipa_xlate,
               void *ipa_arg, bool no_side_effects, const struct walk_wc *wc,
               struct walk_result *r, struct walk_fault *f, unsigned *fetches)
{
    struct walk_ctx w = {s, cfg, ipa_xlate, ipa_arg, f, fetches, ia};
    const bool s1 = cfg->stage == 1;
    unsigned idx_bits = 0;
    if (!walk_cfg_ok(&w, &idx_bits))
        return walk_fault(&w, SMMU_EVT_F_TRANSLATION, cfg->start_level);

    const unsigned g = cfg->granule_shift, stride = g - 3;
    const bool ds = cfg->ds && g != 16;
    struct walk_state st = {0};
    st.level = cfg->start_level;
    st.shift = g + (unsigned)(3 - st.level) * stride;

    /* Stage 2 checks its input range [IHI 0070 3.4.3]; stage 1 leaves it to the caller
     * and uses IA[ia_bits-1:0] (a TTB1 address has the upper bits set). */
    if (ia >> cfg->ia_bits) {
        if (!s1)
            return walk_fault(&w, SMMU_EVT_F_TRANSLATION, st.level);
        ia &= walk_low_mask(cfg->ia_bits);
    }

    /* The start table, concatenated or not, is aligned to its size [Arm ARM D8.2.6]. Its
     * index takes every IA bit above the start level's shift. */
    uint64_t table = cfg->ttb & ~walk_low_mask(idx_bits + 3);
    if (table >> cfg->oa_bits) {
        smmu_log(s, SMMU_LOG_ERROR,
                 "walk: stage %u start table 0x%llx is above the %u-bit "
                 "output size",
                 cfg->stage, (unsigned long long)table, cfg->oa_bits);
        return walk_fault(&w, SMMU_EVT_F_ADDR_SIZE, st.level);
    }

    /* NSTable [Arm ARM D8.4.1.1, D8.5.2] is meaningful only in Secure stage 1 regimes (RES0
     * for Realm and Non-secure); a walk that starts Non-secure (NSCFG) stays so. */
    const bool nstable_ok = s1 && cfg->secure_tables && cfg->walk_pas == SMMU_PAS_SECURE;
    st.pas = cfg->walk_pas;
    st.ns_tables = s1 && cfg->secure_tables && cfg->walk_pas == SMMU_PAS_NS;
    if (wc)
        walk_wc_start(&w, wc, &st, &table, &idx_bits);

    uint64_t desc = 0;
    bool fetch = true;
    unsigned tries = 0;
    /* Bounded: each table descriptor moves one level down (at most five levels), and an
     * HTTU retry happens at most WALK_CAS_TRIES times. */
    for (;;) {
        if (fetch) {
            st.daddr = table + ((ia >> st.shift) & walk_low_mask(idx_bits)) * 8;
            smmu_pa_space dpas;
            smmu_mem_attrs at;
            if (walk_table_pa(&w, st.daddr, st.pas, false, &st.dpa, &dpas, &at))
                return -1; /* a stage-2 fault on the table access, as ipa_xlate reported */
            uint8_t raw[8];
            ++*fetches;
            int rc = smmu_mem_read(s, st.dpa, dpas, raw, 8, &at, ORIG_WALK);
            if (rc)
                return walk_eabt(&w, st.level, st.dpa, rc);
            desc = walk_mem_order(cfg, le64_load(raw));
            if (s->chk)
                check_walk_read(s, st.dpa, dpas, desc, cfg->big_endian, cfg->stage, st.level,
                                ia, cfg->ia_bits, st.shift);
            if (s->env.trace) {
                smmu_trace t = {SMMU_TRACE_DESC, SMMU_SEC_NS, cfg->stage, st.level, st.dpa,
                                dpas, &desc, 1, NULL, NULL, 0};
                s->env.trace(s->env.ctx, &t);
            }
        }
        fetch = true;
        if (!(desc & DESC_VALID)) {
            smmu_log(s, SMMU_LOG_DEBUG,
                     "walk: stage %u level %d descriptor at 0x%llx is "
                     "invalid",
                     cfg->stage, st.level, (unsigned long long)st.dpa);
            return walk_fault(&w, SMMU_EVT_F_TRANSLATION, st.level);
        }
        if (st.level < 3 && SMMU_FIELD_GET(DESC_TYPE, desc) == DESC_TYPE_TABLE_PAGE) {
            uint64_t next = walk_desc_addr(desc, g, g, ds);
            if (next >> cfg->oa_bits) {
                smmu_log(s, SMMU_LOG_ERROR,
                         "walk: stage %u level %d table descriptor 0x%llx "
                         "at 0x%llx: next table above the %u-bit output size",
                         cfg->stage, st.level, (unsigned long long)desc, (unsigned long long)st.dpa,
                         cfg->oa_bits);
                return walk_fault(&w, SMMU_EVT_F_ADDR_SIZE, st.level);
            }
            if (s1 && !cfg->had) {
                st.aptable |= (unsigned)SMMU_FIELD_GET(TABLE_AP, desc);
                st.uxnt = st.uxnt || (desc & TABLE_UXN);
                st.pxnt = st.pxnt || (desc & TABLE_PXN);
            }
            /* Once Non-secure, a walk ignores NSTable (and the leaf NS bit). */
            if (nstable_ok && !st.ns_tables && (desc & TABLE_NS)) {
                st.ns_tables = true;
                st.pas = SMMU_PAS_NS;
            }
            if (wc && wc->fill)
                walk_wc_fill(&w, wc, &st, next);
            table = next;
            st.level++;
            st.shift -= stride;
            idx_bits = stride;
            continue;
        }
        int rc = walk_leaf(&w, &st, &desc, pc, mair, acc, no_side_effects, r);
        if (rc <= 0)
            return rc;
        /* Lost an HTTU race with another agent: decode what is there now. */
        if (++tries >= WALK_CAS_TRIES) {
            smmu_log(s, SMMU_LOG_WARN,
                     "walk: descriptor at 0x%llx changed during %u hardware "
                     "update attempts",
                     (unsigned long long)st.dpa, tries);
            return walk_eabt(&w, st.level, st.dpa, SMMU_MEM_EABT);
        }
        fetch = false;
    }
}
