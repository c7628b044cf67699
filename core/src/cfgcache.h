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

struct cfgcache *cfgc_create(unsigned entries, unsigned ways);
void cfgc_destroy(struct cfgcache *c);

/* Lookups return a pointer valid until the next insert / invalidate on this cache, or NULL. */
const struct ste_cfg *cfgc_lookup_ste(struct cfgcache *c, unsigned sec, uint32_t sid);
const struct cd_cfg *cfgc_lookup_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid);

/* Generation, as for the TLB: insert drops the entry if an invalidation happened since. */
uint64_t cfgc_generation(const struct cfgcache *c);
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
void cfgc_get_counters(const struct cfgcache *c, struct cfgc_counters *out);
void cfgc_clear_counters(struct cfgcache *c);

#endif
