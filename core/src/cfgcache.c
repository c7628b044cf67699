/* placeholder: being written (cfgcache) */
#include <stdlib.h>
#include <string.h>
#include "cfgcache.h"
struct cfgcache { uint64_t gen; struct cfgc_counters c; };
struct cfgcache *cfgc_create(unsigned e, unsigned w) { (void)e; (void)w; return calloc(1, sizeof(struct cfgcache)); }
void cfgc_destroy(struct cfgcache *c) { free(c); }
const struct ste_cfg *cfgc_lookup_ste(struct cfgcache *c, unsigned sec, uint32_t sid) { (void)sec; (void)sid; c->c.misses++; return NULL; }
const struct cd_cfg *cfgc_lookup_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid) { (void)sec; (void)sid; (void)ssid; c->c.misses++; return NULL; }
uint64_t cfgc_generation(const struct cfgcache *c) { return c->gen; }
void cfgc_insert_ste(struct cfgcache *c, unsigned sec, uint32_t sid, const struct ste_cfg *ste, uint64_t g) { (void)c; (void)sec; (void)sid; (void)ste; (void)g; }
void cfgc_insert_cd(struct cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid, const struct cd_cfg *cd, uint64_t g) { (void)c; (void)sec; (void)sid; (void)ssid; (void)cd; (void)g; }
unsigned cfgc_invalidate(struct cfgcache *c, const struct cfg_inval *inv) { (void)inv; c->gen++; return 0; }
void cfgc_get_counters(const struct cfgcache *c, struct cfgc_counters *out) { *out = c->c; }
void cfgc_clear_counters(struct cfgcache *c) { memset(&c->c, 0, sizeof(c->c)); }
