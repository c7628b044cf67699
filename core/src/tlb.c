/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TLB [IHI 0070 3.17, 4.4]: a set-associative array of leaf translations for lookups,
 * plus intrusive hash chains that let an invalidation find its candidates without scanning.
 *
 * Lookup. An entry of page size 2^s lives in the set hashed from (va >> s, its tag without
 * the ASID), as in a hardware TLB indexed by address: a global entry (nG == 0) and the
 * non-global ones of every ASID share the set of their page, so that one probe finds either
 * [reference digest 8.9]. Each of 256 tag buckets keeps a mask of the page sizes it holds,
 * and a lookup probes only those sets: one probe for a stream that maps a single page size.
 * A way is compared as two 64-bit words, the page-aligned address with the size in its low
 * bits, and the tag (a global entry's with the ASID cleared and a marker set). The lookup is
 * inline in tlb.h (the hot path of every translation), probing the smallest page size there.
 *
 * Invalidation. Every entry is on up to four doubly-linked chains: by input page (any tag),
 * by IPA page (TLB_S12 only, for TLBI by IPA), by VMID and by ASID (non-global only). A TLBI
 * takes the cheapest of: the address chains of the pages in range at each page size present,
 * the VMID chain, the ASID chain, or the full array; every candidate is then tested against
 * the whole scope (tlb_in_scope), so the choice of path never changes the result.
 *
 * Replacement (smmu_replacement, a model choice): a fill takes a free way of its set, else
 * the least recently used way (a lookup's caller records uses with tlb_touch), the way a
 * per-set round-robin pointer names, or a way drawn from the TLB's own seeded xorshift64
 * generator (deterministic). Every level of the topology is one of these TLBs
 * (topology.h): walk-cache entries cover up to 2^48 bytes, hence TLB_MAX_SHIFT.
 *
 * Overlap. Insert first removes every entry that the same lookup could also hit (same tag
 * apart from the ASID, same ASID or either global, overlapping range), with the invalidation
 * machinery: at most one entry can match a lookup, so no order of probes matters. The
 * architecture would also allow a TLB conflict abort or either translation when software
 * breaks break-before-make [DDI 0487 D8.16]; the newest translation winning is the simplest.
 */
#include "tlb.h"

#include <stdlib.h>
#include <string.h>

#define TLB_NIL UINT32_MAX
#define TLB_BUCKETS (1u << (64u - TLB_BUCKET_SHIFT)) /* tag buckets for the page-size masks */
#define TLB_MIN_SHIFT 12u
#define TLB_MAX_SHIFT 52u /* 42 for leaves; walk-cache entries cover up to 2^48 */
#define TLB_NSHIFT (TLB_MAX_SHIFT - TLB_MIN_SHIFT + 1u)

enum { TLB_L_ADDR, TLB_L_IPA, TLB_L_VMID, TLB_L_ASID, TLB_NLISTS };

/* An entry's places on the invalidation chains */
struct tlb_links {
    uint32_t prev[TLB_NLISTS], next[TLB_NLISTS];
};

struct tlb_head {
    uint32_t first, count;
};

struct tlb {
    struct tlb_hot h;              /* first: tlb_lookup (tlb.h) reaches it inline */
    uint32_t nslots;               /* sets * ways */
    unsigned hbits;                /* log2 of the chain heads per list */
    uint64_t gen;
    struct tlb_links *link;        /* [nslots] */
    uint32_t *victim;              /* [sets] round-robin replacement pointer */
    uint64_t rng;                  /* random: xorshift64 state, never 0 */
    struct tlb_head *head[TLB_NLISTS]; /* [1 << hbits] each */
    uint32_t *cnt;                 /* [TLB_BUCKETS * TLB_NSHIFT] */
    uint64_t addr_mask, ipa_mask;  /* page shifts on the address / IPA chains */
    uint32_t addr_cnt[TLB_NSHIFT], ipa_cnt[TLB_NSHIFT];
};

/* ---- keys and hashes (the lookup's are in tlb.h) ---- */

static inline uint32_t tlb_addr_chain(const struct tlb *t, uint64_t page, unsigned shift)
{
    return (uint32_t)(((page ^ ((uint64_t)shift << 57)) * TLB_GOLDEN) >> (64u - t->hbits));
}

/* The key an entry is stored and compared under. */
static uint64_t tlb_stored_key(const struct tlb *t, const struct tlb_entry *e)
{
    (void)t;
    uint64_t k = tlb_key(&e->tag);
    return e->global ? tlb_global_key(k) : k;
}

/* ---- chains ---- */

static uint32_t tlb_chain_of(const struct tlb *t, unsigned list, const struct tlb_entry *e)
{
    uint32_t m = (UINT32_C(1) << t->hbits) - 1;
    switch (list) {
    case TLB_L_ADDR:
        return tlb_addr_chain(t, e->va >> e->page_shift, e->page_shift);
    case TLB_L_IPA:
        return tlb_addr_chain(t, e->ipa >> e->page_shift, e->page_shift);
    case TLB_L_VMID:
        return e->tag.vmid & m;
    default:
        return e->tag.asid & m;
    }
}

static bool tlb_on_list(const struct tlb_entry *e, unsigned list)
{
    if (list == TLB_L_IPA)
        return e->tag.kind == TLB_S12;
    if (list == TLB_L_ASID)
        return !e->global;
    return true;
}

static void tlb_link(struct tlb *t, uint32_t i)
{
    struct tlb_links *s = &t->link[i];
    const struct tlb_entry *e = &t->h.ent[i];
    for (unsigned l = 0; l < TLB_NLISTS; l++) {
        if (!tlb_on_list(e, l))
            continue;
        struct tlb_head *h = &t->head[l][tlb_chain_of(t, l, e)];
        s->prev[l] = TLB_NIL;
        s->next[l] = h->first;
        if (h->first != TLB_NIL)
            t->link[h->first].prev[l] = i;
        h->first = i;
        h->count++;
    }
}

static void tlb_unlink(struct tlb *t, uint32_t i)
{
    struct tlb_links *s = &t->link[i];
    const struct tlb_entry *e = &t->h.ent[i];
    for (unsigned l = 0; l < TLB_NLISTS; l++) {
        if (!tlb_on_list(e, l))
            continue;
        struct tlb_head *h = &t->head[l][tlb_chain_of(t, l, e)];
        if (s->prev[l] != TLB_NIL)
            t->link[s->prev[l]].next[l] = s->next[l];
        else
            h->first = s->next[l];
        if (s->next[l] != TLB_NIL)
            t->link[s->next[l]].prev[l] = s->prev[l];
        h->count--;
    }
}

/* ---- page-size presence counts ---- */

static void tlb_count(uint32_t *cnt, uint64_t *mask, unsigned shift, bool add)
{
    uint32_t *c = &cnt[shift - TLB_MIN_SHIFT];
    if (add) {
        if ((*c)++ == 0)
            *mask |= UINT64_C(1) << shift;
    } else if (--(*c) == 0) {
        *mask &= ~(UINT64_C(1) << shift);
    }
}

static void tlb_account(struct tlb *t, const struct tlb_entry *e, uint64_t key, bool add)
{
    unsigned b = (unsigned)(tlb_salt(key) >> TLB_BUCKET_SHIFT);
    unsigned s = e->page_shift;
    tlb_count(&t->cnt[b * TLB_NSHIFT], &t->h.mask[b], s, add);
    tlb_count(t->addr_cnt, &t->addr_mask, s, add);
    if (e->tag.kind == TLB_S12)
        tlb_count(t->ipa_cnt, &t->ipa_mask, s, add);
}

static void tlb_remove(struct tlb *t, uint32_t i)
{
    tlb_unlink(t, i);
    tlb_account(t, &t->h.ent[i], t->h.way[i].key, false);
    t->h.way[i].vkey = 0;
    t->h.way[i].key = 0;
}

/* ---- create / destroy ---- */

static void tlb_reset(struct tlb *t)
{
    size_t nheads = (size_t)1 << t->hbits;
    memset(t->h.way, 0, t->nslots * sizeof(*t->h.way));
    memset(t->victim, 0, t->h.sets * sizeof(*t->victim));
    for (unsigned l = 0; l < TLB_NLISTS; l++)
        for (size_t h = 0; h < nheads; h++)
            t->head[l][h] = (struct tlb_head){TLB_NIL, 0};
    memset(t->h.mask, 0, TLB_BUCKETS * sizeof(*t->h.mask));
    memset(t->cnt, 0, TLB_BUCKETS * TLB_NSHIFT * sizeof(*t->cnt));
    t->addr_mask = t->ipa_mask = 0;
    memset(t->addr_cnt, 0, sizeof(t->addr_cnt));
    memset(t->ipa_cnt, 0, sizeof(t->ipa_cnt));
}

struct tlb *tlb_create(unsigned entries, unsigned ways, unsigned repl, uint64_t seed)
{
    struct tlb *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->h.repl = (uint8_t)repl;
    tlb_seed(t, seed);
    t->h.mask = calloc(TLB_BUCKETS, sizeof(*t->h.mask));
    if (!t->h.mask) {
        tlb_destroy(t);
        return NULL;
    }
    if (entries == 0 || entries >= TLB_NIL)
        return t; /* never hits (the masks stay empty), inserts are dropped */
    /* Model choice: ways == 0 or ways > entries means fully associative; entries that do not
     * fill a whole set are unused (smmu_create requires ways to divide entries). */
    t->h.ways = (ways == 0 || ways > entries) ? entries : ways;
    t->h.sets = entries / t->h.ways;
    t->nslots = t->h.sets * t->h.ways;
    t->hbits = 1;
    while (t->hbits < 31 && (UINT32_C(1) << t->hbits) < t->nslots)
        t->hbits++;
    size_t nheads = (size_t)1 << t->hbits;
    t->h.way = calloc(t->nslots, sizeof(*t->h.way));
    t->h.ent = calloc(t->nslots, sizeof(*t->h.ent));
    t->link = calloc(t->nslots, sizeof(*t->link));
    t->victim = calloc(t->h.sets, sizeof(*t->victim));
    t->h.stamp = calloc(t->nslots, sizeof(*t->h.stamp));
    t->cnt = calloc(TLB_BUCKETS * TLB_NSHIFT, sizeof(*t->cnt));
    bool ok = t->h.way && t->h.ent && t->link && t->victim && t->h.stamp && t->cnt;
    for (unsigned l = 0; l < TLB_NLISTS; l++) {
        t->head[l] = malloc(nheads * sizeof(*t->head[l]));
        ok = ok && t->head[l];
    }
    if (!ok) {
        tlb_destroy(t);
        return NULL;
    }
    tlb_reset(t);
    return t;
}

void tlb_seed(struct tlb *t, uint64_t seed)
{
    t->rng = seed ? seed : TLB_GOLDEN;
}

unsigned tlb_capacity(const struct tlb *t)
{
    return t->nslots;
}

/* The way of a full set that a fill replaces [model choice: smmu_replacement]. */
static uint32_t tlb_victim(struct tlb *t, uint32_t set)
{
    uint32_t ways = t->h.ways, base = set * ways, v = 0;
    switch (t->h.repl) {
    case SMMU_REPL_LRU:
        for (uint32_t w = 1; w < ways; w++)
            if (t->h.stamp[base + w] < t->h.stamp[base + v])
                v = w;
        return v;
    case SMMU_REPL_RANDOM: {
        /* xorshift64 [Marsaglia 2003]: deterministic for a given seed and sequence of fills */
        uint64_t x = t->rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t->rng = x;
        return (uint32_t)(((x >> 32) * ways) >> 32);
    }
    default:
        v = t->victim[set];
        t->victim[set] = (v + 1) % ways;
        return v;
    }
}

void tlb_destroy(struct tlb *t)
{
    if (!t)
        return;
    free(t->h.way);
    free(t->h.ent);
    free(t->link);
    free(t->victim);
    free(t->h.stamp);
    free(t->h.mask);
    free(t->cnt);
    for (unsigned l = 0; l < TLB_NLISTS; l++)
        free(t->head[l]);
    free(t);
}

/* ---- lookup ---- */

/* ---- lookup (the hot part is in tlb.h) ---- */

const struct tlb_entry *tlb_lookup_rest(struct tlb *t, const struct tlb_lkey *k, uint64_t va,
                                        uint64_t shifts)
{
    const struct tlb_entry *e = NULL;
    while (shifts && !e) {
        e = tlb_probe(&t->h, (unsigned)__builtin_ctzll(shifts), k, va);
        shifts &= shifts - 1;
    }
    if (e)
        t->h.ctr.hits++;
    else
        t->h.ctr.misses++;
    return e;
}

/* ---- invalidation ---- */

/* Last byte of [addr, addr + size), size 0 meaning the one byte at addr. */
static uint64_t tlb_range_last(const struct tlb_inval *inv)
{
    if (inv->size == 0)
        return inv->addr;
    return inv->size - 1 > UINT64_MAX - inv->addr ? UINT64_MAX : inv->addr + (inv->size - 1);
}

static bool tlb_overlaps(uint64_t base, unsigned shift, const struct tlb_inval *inv)
{
    uint64_t last = base | ((UINT64_C(1) << shift) - 1);
    return base <= tlb_range_last(inv) && inv->addr <= last;
}

/* The scope test of tlb.h, one condition per TLBI_M_* flag. The Leaf hint is ignored (every
 * entry is a leaf). The TTL hint is honoured only in strict invalidation (TLBI_M_TTL):
 * otherwise removing entries of other levels is over-invalidation, which the architecture
 * allows [IHI 0070 4.4.1]. */
static bool tlb_in_scope(const struct tlb_entry *e, const struct tlb_inval *inv)
{
    uint32_t m = inv->match;
    if ((m & TLBI_M_SEC) && e->tag.sec != inv->sec)
        return false;
    if ((m & TLBI_M_REGIME) && (e->tag.regime >= 8 || !((1u << e->tag.regime) & inv->regime_mask)))
        return false;
    if ((m & TLBI_M_KIND) && (e->tag.kind >= 8 || !((1u << e->tag.kind) & inv->kind_mask)))
        return false;
    if ((m & TLBI_M_VMID) && ((e->tag.vmid ^ inv->vmid) & ~inv->vmid_ignore & 0xFFFFu))
        return false;
    if (m & TLBI_M_ASID) {
        /* by-ASID scopes keep global entries unless they also give an address */
        if (e->global ? !(m & TLBI_M_ADDR) : e->tag.asid != inv->asid)
            return false;
    }
    if ((m & TLBI_M_ADDR) && !tlb_overlaps(e->va, e->page_shift, inv))
        return false;
    if (m & TLBI_M_IPA) {
        /* TLB_S2: the input is the IPA; TLB_S1 entries have none, never in an IPA scope */
        bool s2 = e->tag.kind == TLB_S2;
        if (!s2 && e->tag.kind != TLB_S12)
            return false;
        if (!tlb_overlaps(s2 ? e->va : e->ipa, e->page_shift, inv))
            return false;
    }
    if ((m & TLBI_M_IPA_NS) && e->tag.kind == TLB_S2 && e->tag.ipa_ns != inv->ipa_ns)
        return false;
    if (m & TLBI_M_TTL) {
        unsigned level = (m & TLBI_M_IPA) && e->tag.kind == TLB_S12 ? e->s2_level : e->level;
        if (level != inv->ttl)
            return false;
    }
    return true;
}

/* Chain probes needed to cover the range at every page size in `shifts`, saturating at
 * `cap`. */
static uint64_t tlb_range_pages(uint64_t shifts, const struct tlb_inval *inv, uint64_t cap)
{
    uint64_t n = 0, last = tlb_range_last(inv);
    while (shifts && n < cap) {
        unsigned s = (unsigned)__builtin_ctzll(shifts);
        shifts &= shifts - 1;
        n += (last >> s) - (inv->addr >> s) + 1;
    }
    return n < cap ? n : cap;
}

/* Remove the in-scope entries of one chain. */
static unsigned tlb_sweep_chain(struct tlb *t, unsigned list, uint32_t chain,
                                const struct tlb_inval *inv)
{
    unsigned n = 0;
    for (uint32_t i = t->head[list][chain].first, next; i != TLB_NIL; i = next) {
        next = t->link[i].next[list];
        if (tlb_in_scope(&t->h.ent[i], inv)) {
            tlb_remove(t, i);
            n++;
        }
    }
    return n;
}

/* Remove the in-scope entries on the address chains of every page of the range. */
static unsigned tlb_sweep_range(struct tlb *t, unsigned list, uint64_t shifts,
                                const struct tlb_inval *inv)
{
    unsigned n = 0;
    uint64_t last = tlb_range_last(inv);
    while (shifts) {
        unsigned s = (unsigned)__builtin_ctzll(shifts);
        shifts &= shifts - 1;
        for (uint64_t p = inv->addr >> s;; p++) {
            n += tlb_sweep_chain(t, list, tlb_addr_chain(t, p, s), inv);
            if (p == last >> s)
                break;
        }
    }
    return n;
}

/* Remove every entry in scope (match != 0) through the cheapest index. */
static unsigned tlb_remove_scope(struct tlb *t, const struct tlb_inval *inv)
{
    enum { BY_ALL, BY_ADDR, BY_IPA, BY_VMID, BY_ASID } how = BY_ALL;
    uint32_t m = inv->match, mask = (UINT32_C(1) << t->hbits) - 1;
    uint64_t best = t->nslots;
    if (m & TLBI_M_ADDR) {
        uint64_t c = tlb_range_pages(t->addr_mask, inv, best);
        if (c < best)
            best = c, how = BY_ADDR;
    }
    if (m & TLBI_M_IPA) {
        /* TLB_S2 entries are on the address chains, TLB_S12 ones on the IPA chains */
        uint64_t c = tlb_range_pages(t->addr_mask, inv, best);
        c += tlb_range_pages(t->ipa_mask, inv, best);
        if (c < best)
            best = c, how = BY_IPA;
    }
    if ((m & TLBI_M_VMID) && !(inv->vmid_ignore & 0xFFFFu) &&
        t->head[TLB_L_VMID][inv->vmid & mask].count < best)
        best = t->head[TLB_L_VMID][inv->vmid & mask].count, how = BY_VMID;
    if ((m & TLBI_M_ASID) && !(m & TLBI_M_ADDR) &&
        t->head[TLB_L_ASID][inv->asid & mask].count < best)
        how = BY_ASID;

    switch (how) {
    case BY_ADDR:
        return tlb_sweep_range(t, TLB_L_ADDR, t->addr_mask, inv);
    case BY_IPA:
        return tlb_sweep_range(t, TLB_L_ADDR, t->addr_mask, inv) +
               tlb_sweep_range(t, TLB_L_IPA, t->ipa_mask, inv);
    case BY_VMID:
        return tlb_sweep_chain(t, TLB_L_VMID, inv->vmid & mask, inv);
    case BY_ASID:
        return tlb_sweep_chain(t, TLB_L_ASID, inv->asid & mask, inv);
    default: {
        unsigned n = 0;
        for (uint32_t i = 0; i < t->nslots; i++) {
            if (t->h.way[i].vkey && tlb_in_scope(&t->h.ent[i], inv)) {
                tlb_remove(t, i);
                n++;
            }
        }
        return n;
    }
    }
}

unsigned tlb_invalidate(struct tlb *t, const struct tlb_inval *inv)
{
    t->gen++;
    if (t->h.changed)
        t->h.changed(t->h.changed_ctx, false);
    if (!t->nslots)
        return 0;
    unsigned n;
    if (inv->match == 0) {
        n = 0;
        for (uint32_t i = 0; i < t->nslots; i++)
            n += t->h.way[i].vkey != 0;
        tlb_reset(t);
    } else {
        n = tlb_remove_scope(t, inv);
    }
    t->h.ctr.invalidated += n;
    return n;
}

void tlb_set_change_hook(struct tlb *t, void (*fn)(void *ctx, bool order), void *ctx)
{
    t->h.changed = fn;
    t->h.changed_ctx = ctx;
}

uint64_t tlb_generation(const struct tlb *t)
{
    return t->gen;
}

/* ---- insert ---- */

/* tlb_insert's work, out of line so that a dropped insert (a TLB of 0 entries: every insert of
 * a miss benchmark) costs no register saves */
static __attribute__((noinline)) uint32_t tlb_place(struct tlb *t, const struct tlb_entry *e);

uint32_t tlb_insert(struct tlb *t, const struct tlb_entry *e, uint64_t gen_snapshot)
{
    /* A walk that raced an invalidation may have read stale descriptors: drop its result. */
    if (!t->nslots || gen_snapshot != t->gen)
        return UINT32_MAX;
    if (e->page_shift < TLB_MIN_SHIFT || e->page_shift > TLB_MAX_SHIFT)
        return UINT32_MAX; /* not a VMSAv8-64 page or block size: cannot be a walk result */
    return tlb_place(t, e);
}

static uint32_t tlb_place(struct tlb *t, const struct tlb_entry *e)
{
    if (t->h.changed)
        t->h.changed(t->h.changed_ctx, false);
    struct tlb_entry n = *e;
    unsigned s = n.page_shift;
    n.va = n.va >> s << s;
    n.ipa = n.ipa >> s << s;

    /* Remove what a lookup of this entry's tag could also hit in its range: same tag but for
     * the ASID, same ASID (M_ASID with M_ADDR also takes global entries) unless either is
     * global. Tag values outside the masks' reach just widen the scope, which is harmless. */
    struct tlb_inval ov = {0};
    ov.match = TLBI_M_SEC | TLBI_M_VMID | TLBI_M_ADDR | TLBI_M_IPA_NS;
    ov.sec = n.tag.sec;
    ov.vmid = n.tag.vmid;
    ov.ipa_ns = n.tag.ipa_ns;
    ov.addr = n.va;
    ov.size = UINT64_C(1) << s;
    if (n.tag.regime < 8) {
        ov.match |= TLBI_M_REGIME;
        ov.regime_mask = (uint8_t)(1u << n.tag.regime);
    }
    if (n.tag.kind < 8) {
        ov.match |= TLBI_M_KIND;
        ov.kind_mask = (uint8_t)(1u << n.tag.kind);
    }
    if (!n.global) {
        ov.match |= TLBI_M_ASID;
        ov.asid = n.tag.asid;
    }
    if (t->addr_mask)
        tlb_remove_scope(t, &ov);

    uint64_t key = tlb_stored_key(t, &n);
    uint32_t base = tlb_set_of(&t->h, n.va >> s, tlb_salt(key)) * t->h.ways;
    uint32_t set = base / t->h.ways, i = TLB_NIL;
    for (unsigned w = 0; w < t->h.ways && i == TLB_NIL; w++)
        if (!t->h.way[base + w].vkey)
            i = base + w;
    if (i == TLB_NIL) {
        i = base + tlb_victim(t, set);
        tlb_remove(t, i);
        t->h.ctr.evictions++;
    }
    t->h.ent[i] = n;
    t->h.way[i].vkey = tlb_vkey(n.va, s);
    t->h.way[i].key = key;
    t->h.stamp[i] = ++t->h.clock; /* a fill is a use */
    tlb_link(t, i);
    tlb_account(t, &n, key, true);
    return i;
}

bool tlb_touch_slot(struct tlb *t, uint32_t i)
{
    if (i >= t->nslots || !t->h.way[i].vkey)
        return false;
    tlb_touch(t, &t->h.ent[i]);
    return true;
}

/* ---- counters ---- */

void tlb_get_counters(const struct tlb *t, struct tlb_counters *out)
{
    *out = t->h.ctr;
}

void tlb_clear_counters(struct tlb *t)
{
    memset(&t->h.ctr, 0, sizeof(t->h.ctr));
}
