/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TLB [IHI 0070 3.17]: leaf translations (stage 1, stage 2, or stage 1+2 combined) tagged
 * by security state, regime, VMID, ASID and stage, with scoped invalidation.
 *
 * Architecturally a TLB may hold any translation that was valid and drop any entry at any
 * time, so over-invalidation is correct and under-invalidation is a bug.
 */
#ifndef SMMU_TLB_H
#define SMMU_TLB_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "smmu_internal.h"

enum tlb_kind {
    TLB_S1 = 0,  /* VA -> PA, stage 1 only */
    TLB_S2 = 1,  /* IPA -> PA, stage 2 only */
    TLB_S12 = 2  /* VA -> PA through both stages */
};

struct tlb_tag {
    uint8_t sec;       /* security state of the stream (bank): NS, Secure, Realm */
    uint8_t regime;    /* enum smmu_regime */
    uint8_t kind;      /* enum tlb_kind */
    uint8_t ipa_ns;    /* TLB_S2 of a Secure stream: 1 = Non-secure IPA space */
    uint16_t vmid;     /* EL1 regimes (0 where VMIDs are not used) */
    uint16_t asid;     /* stage-1 kinds in EL1 and EL2-E2H regimes (else 0) */
};

/* Permission bits an entry grants (a subset of what the tables grant: an access outside
 * them goes to the walk, which faults or performs the HTTU update) */
#define TLB_PERM_UR (1u << 0)
#define TLB_PERM_UW (1u << 1)
#define TLB_PERM_UX (1u << 2)
#define TLB_PERM_PR (1u << 3)
#define TLB_PERM_PW (1u << 4)
#define TLB_PERM_PX (1u << 5)

struct tlb_entry {
    struct tlb_tag tag;
    bool global;          /* stage-1 nG == 0: matches every ASID */
    uint8_t page_shift;   /* log2 of the mapping size (12..42; walk-cache entries to 48) */
    uint8_t level;        /* leaf level (stage 1 for TLB_S12), for the TTL hint */
    uint8_t perm;         /* TLB_PERM_* */
    uint8_t pas;          /* output smmu_pa_space */
    uint8_t mair;         /* output memory type (MAIR encoding) */
    uint8_t sh;           /* output shareability */
    uint8_t s2_level;     /* TLB_S12: the stage-2 leaf level, for the TTL hint of an IPA scope */
    uint64_t va;          /* input address, aligned to the page */
    uint64_t pa;          /* output address, aligned to the page */
    uint64_t ipa;         /* TLB_S12: the intermediate address of the page */
};

/* A scope of invalidation (a TLBI command or a broadcast TLBI, built by tlbi.h; S_INIT, reset).
 * Each TLBI_M_* flag adds a condition that an entry must meet to be removed; no flag =
 * everything. */
#define TLBI_M_SEC (1u << 0)    /* tag.sec == sec */
#define TLBI_M_REGIME (1u << 1) /* (1 << tag.regime) & regime_mask */
#define TLBI_M_KIND (1u << 2)   /* (1 << tag.kind) & kind_mask */
#define TLBI_M_VMID (1u << 3)   /* (tag.vmid & ~vmid_ignore) == (vmid & ~vmid_ignore) */
#define TLBI_M_ASID (1u << 4)   /* tag.asid == asid and !global (plus global when M_ADDR) */
#define TLBI_M_ADDR (1u << 5)   /* the entry's input range overlaps [addr, addr+size) */
#define TLBI_M_IPA (1u << 6)    /* TLB_S2: input range, TLB_S12: ipa range overlap [addr,+size) */
#define TLBI_M_IPA_NS (1u << 7) /* tag.ipa_ns == ipa_ns (for TLB_S2 entries) */
#define TLBI_M_TTL (1u << 8)    /* strict invalidation: the entry's leaf level == ttl (its
                                   stage-2 level for TLB_S12 entries in an IPA scope) */

struct tlb_inval {
    uint32_t match;       /* TLBI_M_* */
    uint8_t sec;
    uint8_t regime_mask;
    uint8_t kind_mask;
    uint8_t ipa_ns;
    uint16_t vmid, vmid_ignore;
    uint16_t asid;
    uint64_t addr, size;  /* size 0 with M_ADDR/M_IPA: one address (any entry containing it) */
    bool leaf;            /* Leaf hint: only last-level entries (all entries here are leaves) */
    uint8_t ttl;          /* TTL hint (0 = any level) */
};

struct tlb_counters {
    uint64_t hits, misses, evictions, invalidated;
};

/* What a lookup reads, the first member of struct tlb so that tlb_lookup is inline: it is on
 * the path of every translation. An entry of page size 2^s lives in the set hashed from
 * (va >> s, its tag without the ASID): a global entry and the non-global ones of every ASID
 * share the set of their page, so that one probe finds either. A way is compared as two
 * words, kept apart from the entries so that a set is scanned in one or two cache lines. */
struct tlb_way {
    uint64_t vkey;             /* va aligned to the page | page_shift; 0: a free way */
    uint64_t key;              /* struct tlb_tag as 64 bits; global: ASID cleared, marker set */
};
struct tlb_hot {
    uint32_t ways, sets;
    uint64_t *mask;            /* [tag bucket] page shifts present */
    struct tlb_way *way;       /* [sets * ways] */
    struct tlb_entry *ent;     /* [sets * ways] */
    struct tlb_counters ctr;
    void (*changed)(void *, bool order); /* change hook (tlb_set_change_hook), or NULL */
    void *changed_ctx;
    uint8_t repl;              /* smmu_replacement of the sets */
    uint64_t clock;            /* LRU: uses so far */
    uint64_t *stamp;           /* [sets * ways] LRU: clock of the last use (0: never) */
};

#define TLB_BUCKET_SHIFT 56u   /* the top 8 bits of a tag's salt pick its bucket */
#define TLB_GOLDEN UINT64_C(0x9E3779B97F4A7C15)
#define TLB_MIX UINT64_C(0xD6E8FEB86659FD93)

static inline uint64_t tlb_key(const struct tlb_tag *tag)
{
    uint64_t k;
    memcpy(&k, tag, sizeof(k));
    return k;
}

/* The ASID field of a key, and the marker of a global entry's key (an ipa_ns value no tag
 * uses). Both fold to constants. */
static inline uint64_t tlb_asid_field(void)
{
    struct tlb_tag t;
    memset(&t, 0, sizeof(t));
    t.asid = UINT16_MAX;
    return tlb_key(&t);
}

static inline uint64_t tlb_gflag(void)
{
    struct tlb_tag t;
    memset(&t, 0, sizeof(t));
    t.ipa_ns = 0x80;
    return tlb_key(&t);
}

/* The key a global entry matching `key` is stored under. */
static inline uint64_t tlb_global_key(uint64_t key)
{
    return (key & ~tlb_asid_field()) | tlb_gflag();
}

/* Every key bit but the ASID and the global marker reaches the top byte (the bucket) and the
 * high half (mixed into the set). */
static inline uint64_t tlb_salt(uint64_t key)
{
    return (key & ~(tlb_asid_field() | tlb_gflag())) * TLB_MIX;
}

static inline uint32_t tlb_set_of(const struct tlb_hot *t, uint64_t page, uint64_t salt)
{
    uint64_t h = (page ^ salt) * TLB_GOLDEN;
    /* multiply-shift reduction: any number of sets, no division */
    return (uint32_t)(((h >> 32) * t->sets) >> 32);
}

static inline uint64_t tlb_vkey(uint64_t va, unsigned shift)
{
    return (va & (~UINT64_C(0) << shift)) | shift;
}

/* A tag prepared for lookups: its key and the salt of its sets and bucket. A caller that
 * looks up one tag often keeps it prepared. */
struct tlb_lkey {
    uint64_t key, salt;
};

static inline void tlb_prepare(const struct tlb_tag *tag, struct tlb_lkey *k)
{
    k->key = tlb_key(tag);
    k->salt = tlb_salt(k->key);
}

static inline void tlb_tag_of(const struct tlb_lkey *k, struct tlb_tag *tag)
{
    memcpy(tag, &k->key, sizeof(*tag));
}

/* The entry of key (or its global form) containing va in its set for page size 2^shift. */
static inline const struct tlb_entry *tlb_probe(const struct tlb_hot *t, unsigned shift,
                                                const struct tlb_lkey *k, uint64_t va)
{
    uint64_t vk = tlb_vkey(va, shift);
    size_t base = (size_t)tlb_set_of(t, va >> shift, k->salt) * t->ways;
    const struct tlb_way *w = t->way + base, *end = w + t->ways;
    const struct tlb_entry *e = t->ent + base;
    do { /* ways >= 1: a TLB without entries has no page size to probe */
        if (w->vkey == vk && (w->key == k->key || w->key == tlb_global_key(k->key))) {
            if (!e) /* an array element: lets the callers' NULL tests fold */
                __builtin_unreachable();
            return e;
        }
        e++;
    } while (++w != end);
    return NULL;
}

/* The rest of a lookup that the smallest page size did not hit: the other page sizes in
 * `shifts`, and the counters (tlb.c). */
const struct tlb_entry *tlb_lookup_rest(struct tlb *t, const struct tlb_lkey *k, uint64_t va,
                                        uint64_t shifts);

/* Look up the entry of a prepared tag containing input address `va`: probe the set of every
 * page size the tag's bucket holds, the smallest inline. Returns a pointer valid until the
 * next tlb_insert / tlb_invalidate, or NULL. Does not allocate. Counts hits / misses. */
static inline const struct tlb_entry *tlb_lookup_key(struct tlb *tlb, const struct tlb_lkey *k,
                                                     uint64_t va)
{
    struct tlb_hot *t = (struct tlb_hot *)(void *)tlb;
    /* No test for an empty TLB: its masks are empty, so nothing is probed. */
    uint64_t shifts = t->mask[k->salt >> TLB_BUCKET_SHIFT];
    if (__builtin_expect(shifts == 0, 0)) {
        t->ctr.misses++;
        return NULL;
    }
    const struct tlb_entry *e = tlb_probe(t, (unsigned)__builtin_ctzll(shifts), k, va);
    if (__builtin_expect(e != NULL, 1)) {
        t->ctr.hits++;
        return e;
    }
    return tlb_lookup_rest(tlb, k, va, shifts & (shifts - 1));
}

static inline const struct tlb_entry *tlb_lookup(struct tlb *tlb, const struct tlb_tag *tag,
                                                 uint64_t va)
{
    struct tlb_lkey k;
    tlb_prepare(tag, &k);
    return tlb_lookup_key(tlb, &k, va);
}

/* Create a TLB of `entries` entries, `ways`-way set associative (0: fully associative), with
 * replacement policy repl (smmu_replacement; SMMU_REPL_RANDOM draws from the TLB's own
 * generator, seeded with `seed`). entries == 0 gives a TLB that never hits. Returns NULL on
 * allocation failure. Every level of the topology (micro-TLBs, TBU and TCU main TLBs, walk
 * caches, IPA cache) is one of these. */
struct tlb *tlb_create(unsigned entries, unsigned ways, unsigned repl, uint64_t seed);
void tlb_destroy(struct tlb *t);
/* Restart the random replacement generator (smmu_reset): runs are reproducible. */
void tlb_seed(struct tlb *t, uint64_t seed);

/* Entries the TLB can hold (0: none). */
unsigned tlb_capacity(const struct tlb *t);

/* A lookup's hit e was used: the LRU policy records it (no-op for the others), a change of
 * the order (the change hook's) unless e is the most recently used already. */
static inline void tlb_touch(struct tlb *tlb, const struct tlb_entry *e)
{
    struct tlb_hot *t = (struct tlb_hot *)(void *)tlb;
    if (t->repl == SMMU_REPL_LRU && t->stamp[e - t->ent] != t->clock) {
        t->stamp[e - t->ent] = ++t->clock;
        if (t->changed)
            t->changed(t->changed_ctx, true);
    }
}

/* The invalidation generation: incremented by every tlb_invalidate. A walk snapshots it before
 * its first table fetch and passes the snapshot to tlb_insert, which drops the entry if an
 * invalidation happened meanwhile (the walk may have read stale descriptors). */
uint64_t tlb_generation(const struct tlb *t);
/* Call fn(ctx, order) on every change of the state: each insert (with the eviction it makes)
 * and each invalidation with order false, each change of an LRU order alone (tlb_touch) with
 * order true (smmu_reuse_words, smmu_reuse_renew). */
void tlb_set_change_hook(struct tlb *t, void (*fn)(void *ctx, bool order), void *ctx);
/* Returns the entry's slot, UINT32_MAX if the insert was dropped. */
uint32_t tlb_insert(struct tlb *t, const struct tlb_entry *e, uint64_t gen_snapshot);

/* Remove every entry in scope. Returns the number removed. Costs in proportion to what
 * matches for M_ADDR/M_IPA with small ranges and for M_ASID / M_VMID, not to occupancy. */
unsigned tlb_invalidate(struct tlb *t, const struct tlb_inval *inv);

/* The slot of an entry a lookup returned, and the entry of a slot (NULL for UINT32_MAX)
 * (smmu_get_reuse_mark). */
static inline uint32_t tlb_slot(const struct tlb *tlb, const struct tlb_entry *e)
{
    const struct tlb_hot *t = (const struct tlb_hot *)(const void *)tlb;
    return (uint32_t)(e - t->ent);
}
static inline const struct tlb_entry *tlb_entry_at(const struct tlb *tlb, uint32_t i)
{
    const struct tlb_hot *t = (const struct tlb_hot *)(const void *)tlb;
    return i == UINT32_MAX ? NULL : &t->ent[i];
}
/* tlb_touch of the entry in slot i (smmu_reuse_renew); false if the slot holds none. */
bool tlb_touch_slot(struct tlb *t, uint32_t i);

void tlb_get_counters(const struct tlb *t, struct tlb_counters *out);
void tlb_clear_counters(struct tlb *t);

#endif
