/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Topology (docs/exploration.md "Topology in the core"): TBUs with micro-TLBs and main TLBs
 * in front of the TCU with its main TLB, walk caches and IPA cache, and their counters. A
 * model choice, as MMU-600/700 are built: after the required invalidation and CMD_SYNC no
 * result depends on it (tests/core/topology_test.cpp compares every result with a model
 * without caches).
 *
 * Choices:
 *  - Non-inclusive levels: a hit at one level fills the levels above it in the TBU; a walk
 *    fills all of them (translate.c). Evicting from one level keeps the others.
 *  - Invalidation: every TLBI scope goes to the TBU main TLBs and the IPA cache exactly as to
 *    the TCU TLB. The micro-TLBs are flushed whole by any TLB invalidation (as MMU-600's are)
 *    except in strict_invalidation mode, where they take the exact scope. Walk caches hold
 *    table descriptors: a scope with Leaf = 0 (or without an address) removes those covering
 *    its range, whatever the TTL hint (TTL names the leaf's level, not the tables'); Leaf = 1
 *    need not remove them [IHI 0070 4.4.1; Arm ARM D8.13 "TLB maintenance"] and only strict
 *    mode keeps them.
 *  - One invalidation generation for every level: the TCU TLB's (every invalidation goes
 *    through it), so that a walk that raced an invalidation fills no level.
 */
#include "topology.h"

#include <stdlib.h>
#include <string.h>

/* Seeds of the random replacement generators: one per cache, fixed (runs are reproducible). */
#define SEED_UTLB UINT64_C(0x75746c6200000000)
#define SEED_TBU_TLB UINT64_C(0x74627574006c6200)
#define SEED_WC UINT64_C(0x7763000000000000)
#define SEED_IPA UINT64_C(0x6970610000000000)

static struct tlb *topo_tlb(unsigned entries, unsigned ways, unsigned repl, uint64_t seed,
                            bool *fail)
{
    if (!entries)
        return NULL;
    struct tlb *t = tlb_create(entries, ways, repl, seed);
    if (!t)
        *fail = true;
    return t;
}

/* A TBU cache's change hook (tlb_set_change_hook) */
static void tbu_changed(void *ctx, bool order)
{
    const struct topo_tbu *u = ctx;
    reuse_tbu_changed(u->s, u->index, order);
}

/* Walk caches and the IPA cache: round-robin, as the TCU's TLB by default */
static unsigned wc_entries(const smmu_config *c, unsigned stage, unsigned level)
{
    const unsigned n[2][3] = {{c->wc_s1_l0_entries, c->wc_s1_l1_entries, c->wc_s1_l2_entries},
                              {c->wc_s2_l0_entries, c->wc_s2_l1_entries, c->wc_s2_l2_entries}};
    return n[stage][level];
}

int topo_create(struct smmu *s)
{
    const smmu_config *c = &s->cfg;
    struct topo *t = &s->topo;
    bool fail = false;
    t->ntbu = c->tbus ? c->tbus : 1;
    t->tbu = calloc(t->ntbu, sizeof(*t->tbu));
    t->reuse = calloc(t->ntbu, sizeof(*t->reuse));
    if (!t->tbu || !t->reuse)
        return -1;
    for (unsigned i = 0; i < t->ntbu; i++) {
        struct topo_tbu *u = &t->tbu[i];
        u->s = s;
        u->index = i;
        u->utlb =
            topo_tlb(c->utlb_entries, c->utlb_ways, c->utlb_replacement, SEED_UTLB + i, &fail);
        u->tlb = topo_tlb(c->tbu_tlb_entries, c->tbu_tlb_ways, c->tlb_replacement,
                          SEED_TBU_TLB + i, &fail);
        if (u->utlb)
            tlb_set_change_hook(u->utlb, tbu_changed, u);
        if (u->tlb)
            tlb_set_change_hook(u->tlb, tbu_changed, u);
    }
    for (unsigned st = 0; st < 2; st++)
        for (unsigned l = 0; l < 3; l++)
            t->wc[st][l] = topo_tlb(wc_entries(c, st, l), c->wc_ways, SMMU_REPL_ROUND_ROBIN,
                                    SEED_WC + st * 3 + l, &fail);
    t->ipa =
        topo_tlb(c->ipa_cache_entries, c->ipa_cache_ways, SMMU_REPL_ROUND_ROBIN, SEED_IPA, &fail);
    t->tbu_caches = c->utlb_entries || c->tbu_tlb_entries;
    t->caches = t->tbu_caches || t->ipa;
    for (unsigned st = 0; st < 2; st++)
        for (unsigned l = 0; l < 3; l++)
            t->caches = t->caches || t->wc[st][l];
    t->active = t->ntbu > 1 || t->tbu_caches || c->tlb_replacement == SMMU_REPL_LRU;
    return fail ? -1 : 0;
}

void topo_destroy(struct smmu *s)
{
    struct topo *t = &s->topo;
    for (unsigned i = 0; t->tbu && i < t->ntbu; i++) {
        tlb_destroy(t->tbu[i].utlb);
        tlb_destroy(t->tbu[i].tlb);
    }
    free(t->tbu);
    t->tbu = NULL;
    free(t->reuse);
    t->reuse = NULL;
    for (unsigned st = 0; st < 2; st++)
        for (unsigned l = 0; l < 3; l++)
            tlb_destroy(t->wc[st][l]);
    tlb_destroy(t->ipa);
}

void topo_reset(struct smmu *s)
{
    struct topo *t = &s->topo;
    for (unsigned i = 0; i < t->ntbu; i++) {
        t->tbu[i].utlb_used = NULL;
        if (t->tbu[i].utlb)
            tlb_seed(t->tbu[i].utlb, SEED_UTLB + i);
        if (t->tbu[i].tlb)
            tlb_seed(t->tbu[i].tlb, SEED_TBU_TLB + i);
    }
    for (unsigned st = 0; st < 2; st++)
        for (unsigned l = 0; l < 3; l++)
            if (t->wc[st][l])
                tlb_seed(t->wc[st][l], SEED_WC + st * 3 + l);
    if (t->ipa)
        tlb_seed(t->ipa, SEED_IPA);
    tlb_seed(s->tlb, 0);
}

void topo_invalidate(struct smmu *s, const struct tlb_inval *inv)
{
    struct topo *t = &s->topo;
    const bool strict = s->cfg.strict_invalidation;
    const struct tlb_inval all = {0};
    if (!t->caches)
        return;
    if (t->tbu_caches) {
        for (unsigned i = 0; i < t->ntbu; i++) {
            if (t->tbu[i].utlb)
                tlb_invalidate(t->tbu[i].utlb, strict ? inv : &all);
            if (t->tbu[i].tlb)
                tlb_invalidate(t->tbu[i].tlb, inv);
        }
    }
    /* IPA-cache entries are stage-2 leaves (TLB_S2): the TLB's scope, hints included */
    if (t->ipa)
        tlb_invalidate(t->ipa, inv);
    /* Table descriptors: Leaf = 1 is only set in by-address scopes */
    if (inv->leaf && strict)
        return;
    struct tlb_inval w = *inv;
    w.match &= ~TLBI_M_TTL;
    for (unsigned st = 0; st < 2; st++)
        for (unsigned l = 0; l < 3; l++)
            if (t->wc[st][l])
                tlb_invalidate(t->wc[st][l], &w);
}

/* One TBU level: a hit granting `need`, counted in *hits / *misses. */
static const struct tlb_entry *topo_level(struct tlb *c, const struct tlb_lkey *k, uint64_t key,
                                          unsigned need, uint64_t *hits, uint64_t *misses)
{
    const struct tlb_entry *e = tlb_lookup_key(c, k, key);
    if (e && (e->perm & need)) {
        tlb_touch(c, e);
        ++*hits;
        return e;
    }
    ++*misses;
    return NULL;
}

/* Copy e into TBU cache c (an insert of a level above the one that hit); the entry made, or
 * NULL. */
static const struct tlb_entry *topo_put(struct tlb *c, const struct tlb_entry *e)
{
    return c ? tlb_entry_at(c, tlb_insert(c, e, tlb_generation(c))) : NULL;
}

const struct tlb_entry *topo_lookup(struct smmu *s, struct topo_tbu *u, const struct tlb_lkey *k,
                                    uint64_t key, unsigned need, bool debug, uint8_t *where)
{
    const struct tlb_entry *e;
    if (u->utlb) {
        e = topo_level(u->utlb, k, key, need, &u->st.utlb_hits, &u->st.utlb_misses);
        if (e) {
            u->utlb_used = e;
            *where = SMMU_HIT_UTLB;
            return e;
        }
    }
    if (u->tlb) {
        e = topo_level(u->tlb, k, key, need, &u->st.tlb_hits, &u->st.tlb_misses);
        if (e) {
            if (!debug)
                u->utlb_used = topo_put(u->utlb, e);
            *where = SMMU_HIT_TBU_TLB;
            return e;
        }
    }
    e = tlb_lookup_key(s->tlb, k, key);
    if (!e || !(e->perm & need))
        return NULL;
    tlb_touch(s->tlb, e);
    if (!debug) {
        topo_put(u->tlb, e);
        u->utlb_used = topo_put(u->utlb, e);
    }
    *where = SMMU_HIT_TCU_TLB;
    return e;
}

void topo_fill(struct topo_tbu *u, const struct topo_fill *f)
{
    if (!f->valid)
        return;
    topo_put(u->tlb, &f->e);
    u->utlb_used = topo_put(u->utlb, &f->e);
}

uint64_t topo_tbu_hits(const struct smmu *s)
{
    uint64_t n = 0;
    for (unsigned i = 0; s->topo.tbu_caches && i < s->topo.ntbu; i++)
        n += s->topo.tbu[i].st.utlb_hits + s->topo.tbu[i].st.tlb_hits;
    return n;
}

void topo_clear_stats(struct smmu *s)
{
    for (unsigned i = 0; i < s->topo.ntbu; i++)
        memset(&s->topo.tbu[i].st, 0, sizeof(s->topo.tbu[i].st));
    memset(&s->topo.tcu, 0, sizeof(s->topo.tcu));
}

/* ---- public counters ---- */

static smmu_status copy_out(void *out, size_t want, const void *src, size_t have)
{
    size_t n = want < have ? want : have;
    memcpy(out, src, n);
    memcpy(out, &want, sizeof(want)); /* struct_size stays the caller's */
    return SMMU_OK;
}

smmu_status smmu_get_tbu_stats(const smmu_t *s, unsigned tbu, smmu_tbu_stats *out)
{
    if (!s || !out || out->struct_size == 0 || tbu >= s->topo.ntbu)
        return SMMU_E_INVAL;
    smmu_tbu_stats st = s->topo.tbu[tbu].st;
    /* Without topology every translation enters by TBU 0 on the one-TLB path, which does not
     * count per TBU */
    if (!s->topo.active)
        st.translations = s->stats.translations;
    return copy_out(out, out->struct_size, &st, sizeof(st));
}

smmu_status smmu_get_tcu_stats(const smmu_t *s, smmu_tcu_stats *out)
{
    if (!s || !out || out->struct_size == 0)
        return SMMU_E_INVAL;
    smmu_tcu_stats st = s->topo.tcu;
    struct tlb_counters c;
    tlb_get_counters(s->tlb, &c);
    st.tlb_hits = c.hits;
    st.tlb_misses = c.misses;
    if (s->topo.active) {
        st.requests = 0;
        for (unsigned i = 0; i < s->topo.ntbu; i++) {
            const smmu_tbu_stats *u = &s->topo.tbu[i].st;
            st.requests += u->translations - u->utlb_hits - u->tlb_hits;
        }
    } else {
        st.requests = s->stats.translations;
    }
    return copy_out(out, out->struct_size, &st, sizeof(st));
}
