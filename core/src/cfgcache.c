/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The configuration cache [IHI 0070 3.3.4, 4.3]: one set-associative pool holding decoded
 * STEs and CDs. A way is found by comparing one 64-bit key; every entry is also on the
 * doubly-linked chain of its {security state, StreamID}, so that a CFGI of one stream
 * (the common case: a driver changing one device) costs what that stream has cached.
 */
#include "cfgcache.h"

#include <stdlib.h>
#include <string.h>

#include "bits.h"

#define CFGC_NIL UINT32_MAX
#define CFGC_GOLDEN UINT64_C(0x9E3779B97F4A7C15)

/* Key of a cached structure; 0 marks a free way. SubstreamIDs have at most 20 bits
 * [IHI 0070 6.3.2 IDR1.SSIDSIZE]. */
#define CFGC_K_SID SMMU_GENMASK(31, 0)
#define CFGC_K_SSID SMMU_GENMASK(51, 32)
#define CFGC_K_SEC SMMU_GENMASK(53, 52)
#define CFGC_K_CD SMMU_BIT(54)
#define CFGC_K_BAD SMMU_BIT(62)   /* lookups with out-of-range arguments: never inserted */
#define CFGC_K_VALID SMMU_BIT(63)
#define CFGC_MAX_SEC 3u
#define CFGC_MAX_SSID 0xFFFFFu

struct cfgc_slot {
    union {
        struct ste_cfg ste;
        struct cd_cfg cd;
    } u;
    uint32_t prev, next; /* chain of the {sec, sid} */
};

/* A cached level-1 descriptor (strict invalidation only) */
#define CFGC_L1_ENTRIES 64u
struct cfgc_l1 {
    bool valid;
    uint8_t kind, sec;
    uint32_t sid;          /* L1CD: the StreamID it was fetched through */
    uint32_t first, last;  /* the StreamIDs (L1STD) or SubstreamIDs (L1CD) it locates */
    uint64_t addr, desc;
};

struct cfgcache {
    struct cfgc_ctxs ctx;  /* first: cfgc_lookup_ctx (cfgcache.h) reaches it inline */
    struct cfgc_l1 *l1;    /* [CFGC_L1_ENTRIES] in strict mode, else NULL */
    unsigned l1_victim;
    unsigned ways, sets;
    uint32_t nslots;
    unsigned hbits;
    uint64_t gen;
    struct cfgc_counters ctr;
    void (*changed)(void *); /* change hook (cfgc_set_change_hook), or NULL */
    void *changed_ctx;
    uint64_t *key;        /* [nslots] */
    struct cfgc_slot *slot; /* [nslots] */
    uint32_t *victim;     /* [sets] */
    uint32_t *head;       /* [1 << hbits] */
};

static uint64_t cfgc_key(bool cd, unsigned sec, uint32_t sid, uint32_t ssid)
{
    return CFGC_K_VALID | (cd ? CFGC_K_CD : 0) | SMMU_FIELD_PREP(CFGC_K_SEC, sec) |
           SMMU_FIELD_PREP(CFGC_K_SSID, ssid) | SMMU_FIELD_PREP(CFGC_K_SID, sid);
}

static inline uint32_t cfgc_set_of(const struct cfgcache *c, uint64_t key)
{
    uint64_t h = (key ^ (key >> 31)) * CFGC_GOLDEN;
    return (uint32_t)(((h >> 32) * c->sets) >> 32);
}

static inline uint32_t cfgc_chain_of(const struct cfgcache *c, unsigned sec, uint32_t sid)
{
    uint64_t h = (((uint64_t)sec << 32) | sid) * CFGC_GOLDEN;
    return (uint32_t)(h >> (64u - c->hbits));
}

static uint32_t cfgc_chain_of_key(const struct cfgcache *c, uint64_t key)
{
    return cfgc_chain_of(c, (unsigned)SMMU_FIELD_GET(CFGC_K_SEC, key),
                         (uint32_t)SMMU_FIELD_GET(CFGC_K_SID, key));
}

/* The contents change: the context epoch moves (cfgcache.h) and the hook is told. */
static void cfgc_changed(struct cfgcache *c)
{
    c->ctx.epoch++;
    if (c->changed)
        c->changed(c->changed_ctx);
}

void cfgc_set_change_hook(struct cfgcache *c, void (*fn)(void *ctx), void *ctx)
{
    c->changed = fn;
    c->changed_ctx = ctx;
}

static void cfgc_reset(struct cfgcache *c)
{
    memset(c->key, 0, c->nslots * sizeof(*c->key));
    memset(c->victim, 0, c->sets * sizeof(*c->victim));
    cfgc_changed(c);
    for (size_t h = 0; h < (size_t)1 << c->hbits; h++)
        c->head[h] = CFGC_NIL;
}

struct cfgcache *cfgc_create(unsigned entries, unsigned ways)
{
    struct cfgcache *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->ctx.epoch = 1; /* the empty contexts have epoch 0 */
    if (entries == 0 || entries >= CFGC_NIL)
        return c; /* entries == 0: never hits, inserts are dropped */
    /* Model choice, as for the TLB: ways == 0 or > entries means fully associative. */
    c->ways = (ways == 0 || ways > entries) ? entries : ways;
    c->sets = entries / c->ways;
    c->nslots = c->sets * c->ways;
    c->hbits = 1;
    while (c->hbits < 31 && (UINT32_C(1) << c->hbits) < c->nslots)
        c->hbits++;
    c->key = calloc(c->nslots, sizeof(*c->key));
    c->slot = calloc(c->nslots, sizeof(*c->slot));
    c->victim = calloc(c->sets, sizeof(*c->victim));
    c->head = malloc(((size_t)1 << c->hbits) * sizeof(*c->head));
    if (!c->key || !c->slot || !c->victim || !c->head) {
        cfgc_destroy(c);
        return NULL;
    }
    cfgc_reset(c);
    return c;
}

void cfgc_destroy(struct cfgcache *c)
{
    if (!c)
        return;
    free(c->l1);
    free(c->key);
    free(c->slot);
    free(c->victim);
    free(c->head);
    free(c);
}

/* ---- lookup ---- */

static inline struct cfgc_slot *cfgc_find(struct cfgcache *c, uint64_t key)
{
    /* An empty cache has no sets: the loop does not run. */
    uint32_t base = cfgc_set_of(c, key) * c->ways;
    for (unsigned w = 0; w < c->ways; w++) {
        if (c->key[base + w] == key) {
            c->ctr.hits++;
            return &c->slot[base + w];
        }
    }
    c->ctr.misses++;
    return NULL;
}

const struct ste_cfg *cfgc_lookup_ste(struct cfgcache *c, unsigned sec, uint32_t sid)
{
    uint64_t bad = sec > CFGC_MAX_SEC ? CFGC_K_BAD : 0;
    struct cfgc_slot *s = cfgc_find(c, cfgc_key(false, sec, sid, 0) | bad);
    return s ? &s->u.ste : NULL;
}

const struct cd_cfg *cfgc_lookup_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid)
{
    uint64_t bad = sec > CFGC_MAX_SEC || ssid > CFGC_MAX_SSID ? CFGC_K_BAD : 0;
    struct cfgc_slot *s = cfgc_find(c, cfgc_key(true, sec, sid, ssid) | bad);
    return s ? &s->u.cd : NULL;
}

void cfgc_store_ctx(struct cfgcache *c, unsigned sec, uint32_t sid, bool ssv, uint32_t ssid,
                    const struct cfgc_ctx *ctx)
{
    if (sec > 3 || (ssv && ssid > CFGC_CTX_MAX_SSID))
        return;
    uint64_t key = cfgc_ctx_key(sec, sid, ssv, ssid);
    struct cfgc_ctx *x = cfgc_ctx_slot(&c->ctx, key);
    *x = *ctx;
    x->key = key;
    x->epoch = c->ctx.epoch;
    x->lookups = ctx->cd ? 2 : 1;
}

uint64_t cfgc_generation(const struct cfgcache *c)
{
    return c->gen;
}

/* ---- insert ---- */

static void cfgc_unlink(struct cfgcache *c, uint32_t i)
{
    struct cfgc_slot *s = &c->slot[i];
    if (s->prev != CFGC_NIL)
        c->slot[s->prev].next = s->next;
    else
        c->head[cfgc_chain_of_key(c, c->key[i])] = s->next;
    if (s->next != CFGC_NIL)
        c->slot[s->next].prev = s->prev;
    c->key[i] = 0;
}

/* The slot for `key`: its own if cached (replaced in place), else a free or victim way,
 * linked on its chain. NULL if the insert is to be dropped. */
static struct cfgc_slot *cfgc_place(struct cfgcache *c, uint64_t key, uint64_t gen_snapshot)
{
    /* A fetch that raced an invalidation may have read a stale structure: drop it. */
    if (!c->nslots || gen_snapshot != c->gen)
        return NULL;
    cfgc_changed(c); /* the slot found or made is about to change */
    uint32_t set = cfgc_set_of(c, key), base = set * c->ways, i = CFGC_NIL;
    for (unsigned w = 0; w < c->ways; w++)
        if (c->key[base + w] == key)
            return &c->slot[base + w];
    for (unsigned w = 0; w < c->ways && i == CFGC_NIL; w++)
        if (!c->key[base + w])
            i = base + w;
    if (i == CFGC_NIL) {
        /* Model choice: round-robin replacement per set, deterministic. */
        i = base + c->victim[set];
        c->victim[set] = (c->victim[set] + 1) % c->ways;
        cfgc_unlink(c, i);
    }
    uint32_t *h = &c->head[cfgc_chain_of_key(c, key)];
    c->key[i] = key;
    c->slot[i].prev = CFGC_NIL;
    c->slot[i].next = *h;
    if (*h != CFGC_NIL)
        c->slot[*h].prev = i;
    *h = i;
    return &c->slot[i];
}

void cfgc_insert_ste(struct cfgcache *c, unsigned sec, uint32_t sid, const struct ste_cfg *ste,
                     uint64_t gen_snapshot)
{
    if (sec > CFGC_MAX_SEC)
        return;
    struct cfgc_slot *s = cfgc_place(c, cfgc_key(false, sec, sid, 0), gen_snapshot);
    if (s)
        s->u.ste = *ste;
}

void cfgc_insert_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid,
                    const struct cd_cfg *cd, uint64_t gen_snapshot)
{
    if (sec > CFGC_MAX_SEC || ssid > CFGC_MAX_SSID)
        return;
    struct cfgc_slot *s = cfgc_place(c, cfgc_key(true, sec, sid, ssid), gen_snapshot);
    if (s)
        s->u.cd = *cd;
}

/* ---- invalidation [IHI 0070 4.3] ---- */

static bool cfgc_in_scope(uint64_t key, const struct cfg_inval *inv)
{
    uint32_t sid = (uint32_t)SMMU_FIELD_GET(CFGC_K_SID, key);
    if (!inv->all_sec && SMMU_FIELD_GET(CFGC_K_SEC, key) != inv->sec)
        return false;
    if (!inv->all_sids && (sid < inv->sid_first || sid > inv->sid_last))
        return false;
    switch (inv->what) {
    case CFGI_STE_AND_CDS:
        return true;
    case CFGI_CD_ONE:
        return (key & CFGC_K_CD) && SMMU_FIELD_GET(CFGC_K_SSID, key) == inv->ssid;
    case CFGI_CD_ALL:
        return (key & CFGC_K_CD) != 0;
    default:
        /* Model choice: an unknown kind invalidates the whole range (over-invalidation is
         * always safe). */
        return true;
    }
}

bool cfgc_enable_l1(struct cfgcache *c)
{
    if (!c->nslots)
        return true; /* no configuration cache: nothing is cached */
    if (!c->l1)
        c->l1 = calloc(CFGC_L1_ENTRIES, sizeof(*c->l1));
    return c->l1 != NULL;
}

bool cfgc_l1_lookup(const struct cfgcache *c, unsigned kind, unsigned sec, uint32_t sid,
                    uint64_t addr, uint64_t *desc)
{
    for (unsigned i = 0; c->l1 && i < CFGC_L1_ENTRIES; i++) {
        const struct cfgc_l1 *e = &c->l1[i];
        if (e->valid && e->kind == kind && e->sec == sec && e->addr == addr &&
            (kind == CFGC_L1STD || e->sid == sid)) {
            *desc = e->desc;
            return true;
        }
    }
    return false;
}

void cfgc_l1_insert(struct cfgcache *c, unsigned kind, unsigned sec, uint32_t sid,
                    uint32_t first, uint32_t last, uint64_t addr, uint64_t desc)
{
    if (!c->l1)
        return;
    struct cfgc_l1 *e = &c->l1[c->l1_victim++ % CFGC_L1_ENTRIES]; /* round-robin */
    *e = (struct cfgc_l1){true, (uint8_t)kind, (uint8_t)sec, kind == CFGC_L1CD ? sid : 0,
                          first, last, addr, desc};
}

/* What each command covers of the level-1 descriptors [4.3.1-4.3.4, 4.3.6]: CMD_CFGI_STE with
 * Leaf = 0 and CMD_CFGI_STE_RANGE / ALL the L1STDs walked to their STEs, and all three every
 * L1CD cached through their StreamIDs; CMD_CFGI_CD with Leaf = 0 the L1CD locating its CD;
 * CMD_CFGI_CD_ALL every L1CD of its StreamID. */
static bool cfgc_l1_in_scope(const struct cfgc_l1 *e, const struct cfg_inval *inv)
{
    if (!e->valid || (!inv->all_sec && e->sec != inv->sec))
        return false;
    bool sids = inv->all_sids || (e->kind == CFGC_L1CD
                                      ? e->sid >= inv->sid_first && e->sid <= inv->sid_last
                                      : e->first <= inv->sid_last && inv->sid_first <= e->last);
    switch (inv->what) {
    case CFGI_STE_AND_CDS:
        return sids && (e->kind == CFGC_L1CD || !inv->leaf);
    case CFGI_CD_ONE:
        return sids && e->kind == CFGC_L1CD && !inv->leaf && inv->ssid >= e->first &&
               inv->ssid <= e->last;
    default: /* CFGI_CD_ALL */
        return sids && e->kind == CFGC_L1CD;
    }
}

unsigned cfgc_invalidate(struct cfgcache *c, const struct cfg_inval *inv)
{
    c->gen++;
    cfgc_changed(c);
    for (unsigned i = 0; c->l1 && i < CFGC_L1_ENTRIES; i++)
        if (cfgc_l1_in_scope(&c->l1[i], inv))
            c->l1[i].valid = false;
    if (!c->nslots || (!inv->all_sids && inv->sid_last < inv->sid_first))
        return 0;
    unsigned n = 0;
    uint64_t nsids = inv->all_sids ? UINT64_MAX : (uint64_t)inv->sid_last - inv->sid_first + 1;
    unsigned nsec = inv->all_sec ? CFGC_MAX_SEC + 1 : 1;
    if (nsids <= c->nslots / nsec) {
        /* few streams: walk their chains */
        for (unsigned k = 0; k < nsec; k++) {
            unsigned sec = inv->all_sec ? k : inv->sec;
            for (uint64_t sid = inv->sid_first; sid <= inv->sid_last; sid++) {
                uint32_t h = cfgc_chain_of(c, sec, (uint32_t)sid);
                for (uint32_t i = c->head[h], next; i != CFGC_NIL; i = next) {
                    next = c->slot[i].next;
                    if (cfgc_in_scope(c->key[i], inv)) {
                        cfgc_unlink(c, i);
                        n++;
                    }
                }
            }
        }
    } else {
        for (uint32_t i = 0; i < c->nslots; i++) {
            if (c->key[i] && cfgc_in_scope(c->key[i], inv)) {
                cfgc_unlink(c, i);
                n++;
            }
        }
    }
    c->ctr.invalidated += n;
    return n;
}

void cfgc_get_counters(const struct cfgcache *c, struct cfgc_counters *out)
{
    *out = c->ctr;
    out->hits += c->ctx.hits;
}

void cfgc_clear_counters(struct cfgcache *c)
{
    memset(&c->ctr, 0, sizeof(c->ctr));
    c->ctx.hits = 0;
}
