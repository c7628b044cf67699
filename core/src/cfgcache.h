/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The configuration cache [IHI 0070 3.3.4, 4.3]: decoded STEs keyed by {security state,
 * StreamID} and decoded CDs keyed by {security state, StreamID, SubstreamID}.
 */
#ifndef SMMU_CFGCACHE_H
#define SMMU_CFGCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "tlb.h"

struct cfgcache *cfgc_create(unsigned entries, unsigned ways);
void cfgc_destroy(struct cfgcache *c);

/* Lookups return a pointer valid until the next insert / invalidate on this cache, or NULL. */
const struct ste_cfg *cfgc_lookup_ste(struct cfgcache *c, unsigned sec, uint32_t sid);
const struct cd_cfg *cfgc_lookup_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid);

/* Stream contexts: a direct-mapped memo of one full lookup of {security state, StreamID,
 * SubstreamID or none}: the STE and CD entries it found and what translate.c derived from
 * them for its TLB-hit path, so that a hit costs one probe here. A context is valid only while
 * the cache is unchanged (no insert, no invalidation since it was stored): its pointers are
 * then as valid as a lookup's, and no CFGI, eviction or reset can leave it stale. The use of
 * a context counts as the STE (and CD) lookups it replaces (cfgc_ctx_used). */
struct cfgc_ctx {
    uint64_t key;              /* cfgc_ctx_key */
    uint64_t epoch;            /* the cache's change count when stored; 0: empty */
    const struct ste_cfg *ste;
    const struct cd_cfg *cd;   /* the substream's CD; NULL when stage 1 does not translate */
    /* Derived by translate.c, stored as given: */
    struct tlb_lkey lkey;      /* the stream's TLB tag, prepared (tlb_prepare) */
    uint8_t access[8];         /* per SMMU_TXN_PRIV | SMMU_TXN_INSTR | write << 2 */
    uint8_t flags;             /* translate.c's CTX_F_* */
    uint8_t bank;              /* the programming interface of the stream's SEC_SID */
    uint8_t lookups;           /* 1 (STE) or 2 (STE and CD): set by cfgc_store_ctx */
};

#define CFGC_CTX_BITS 8u
#define CFGC_CTX_NO_SSID (1u << 20) /* in place of the SubstreamID of a txn without one */
#define CFGC_CTX_MAX_SSID 0xFFFFFu

/* The first member of struct cfgcache, so that the lookup below is inline. */
struct cfgc_ctxs {
    uint64_t epoch;            /* changes of the cache: every insert and invalidation; >= 1 */
    uint64_t hits;             /* lookups that context hits stood for */
    struct cfgc_ctx e[1u << CFGC_CTX_BITS];
};

static inline uint64_t cfgc_ctx_key(unsigned sec, uint32_t sid, bool ssv, uint32_t ssid)
{
    return (uint64_t)((ssv ? ssid : CFGC_CTX_NO_SSID) | sec << 21) << 32 | sid;
}

static inline struct cfgc_ctx *cfgc_ctx_slot(struct cfgc_ctxs *t, uint64_t key)
{
    return &t->e[(key * UINT64_C(0x9E3779B97F4A7C15)) >> (64u - CFGC_CTX_BITS)];
}

static inline const struct cfgc_ctx *cfgc_lookup_ctx(struct cfgcache *c, unsigned sec,
                                                     uint32_t sid, bool ssv, uint32_t ssid)
{
    struct cfgc_ctxs *t = (struct cfgc_ctxs *)(void *)c;
    if (sec > 3 || (ssv && ssid > CFGC_CTX_MAX_SSID))
        return NULL;
    uint64_t key = cfgc_ctx_key(sec, sid, ssv, ssid);
    const struct cfgc_ctx *x = cfgc_ctx_slot(t, key);
    if (x->key != key || x->epoch != t->epoch)
        return NULL;
    return x;
}

/* Count the use of a context found by cfgc_lookup_ctx as the lookups it replaces. */
static inline void cfgc_ctx_used(struct cfgcache *c, const struct cfgc_ctx *x)
{
    ((struct cfgc_ctxs *)(void *)c)->hits += x->lookups;
}

/* Store a context made of ctx's fields. ctx->ste and ctx->cd (or NULL) must come from lookups
 * in this cache with no insert or invalidation since. */
void cfgc_store_ctx(struct cfgcache *c, unsigned sec, uint32_t sid, bool ssv, uint32_t ssid,
                    const struct cfgc_ctx *ctx);

/* Generation, as for the TLB: insert drops the entry if an invalidation happened since. */
uint64_t cfgc_generation(const struct cfgcache *c);

/* Call fn(ctx) on every change of the contents: each insert (with the eviction it makes),
 * invalidation and reset (smmu_reuse_epoch). */
void cfgc_set_change_hook(struct cfgcache *c, void (*fn)(void *ctx), void *ctx);
void cfgc_insert_ste(struct cfgcache *c, unsigned sec, uint32_t sid, const struct ste_cfg *ste,
                     uint64_t gen_snapshot);
void cfgc_insert_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid,
                    const struct cd_cfg *cd, uint64_t gen_snapshot);

/* Invalidate [IHI 0070 4.3]. all_sec: every security state. */
#define CFGI_STE_AND_CDS 0  /* the STEs of the range and every CD cached through them */
#define CFGI_CD_ONE 1       /* one CD (sid, ssid) */
#define CFGI_CD_ALL 2       /* every CD of the StreamID range */
struct cfg_inval {
    uint8_t what;          /* CFGI_* */
    bool leaf;             /* Leaf = 1 (CMD_CFGI_STE, CMD_CFGI_CD): level-1 descriptors may stay */
    bool all_sec;
    uint8_t sec;
    bool all_sids;
    uint32_t sid_first, sid_last;
    uint32_t ssid;
};
unsigned cfgc_invalidate(struct cfgcache *c, const struct cfg_inval *inv);

struct cfgc_counters {
    uint64_t hits, misses, invalidated;
};
/* Strict invalidation (smmu_config.strict_invalidation): cached level-1 descriptors, which
 * the SMMU may keep "whether marked as valid or not" [3.21.3] and which CMD_CFGI_STE /
 * CMD_CFGI_CD with Leaf = 1 need not invalidate [4.3.1, 4.3.3]. Without strict mode nothing
 * is cached (every STE or CD miss reads its level-1 descriptor), and lookups miss. */
enum { CFGC_L1STD, CFGC_L1CD };
/* Cache level-1 descriptors from now on (smmu_create, strict mode). Returns false on ENOMEM. */
bool cfgc_enable_l1(struct cfgcache *c);
/* The cached descriptor at addr: kind, security state, the StreamID it was fetched through
 * (L1CD; ignored for an L1STD). */
bool cfgc_l1_lookup(const struct cfgcache *c, unsigned kind, unsigned sec, uint32_t sid,
                    uint64_t addr, uint64_t *desc);
/* Insert the descriptor that locates IDs [first, last] (StreamIDs of an L1STD, SubstreamIDs
 * of an L1CD). */
void cfgc_l1_insert(struct cfgcache *c, unsigned kind, unsigned sec, uint32_t sid,
                    uint32_t first, uint32_t last, uint64_t addr, uint64_t desc);

void cfgc_get_counters(const struct cfgcache *c, struct cfgc_counters *out);
void cfgc_clear_counters(struct cfgcache *c);

#endif
