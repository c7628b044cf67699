/* placeholder: being written (tlb) */
#include <stdlib.h>
#include <string.h>
#include "tlb.h"
struct tlb { uint64_t gen; struct tlb_counters c; };
struct tlb *tlb_create(unsigned e, unsigned w) { (void)e; (void)w; return calloc(1, sizeof(struct tlb)); }
void tlb_destroy(struct tlb *t) { free(t); }
const struct tlb_entry *tlb_lookup(struct tlb *t, const struct tlb_tag *tag, uint64_t va) { (void)tag; (void)va; t->c.misses++; return NULL; }
uint64_t tlb_generation(const struct tlb *t) { return t->gen; }
void tlb_insert(struct tlb *t, const struct tlb_entry *e, uint64_t g) { (void)t; (void)e; (void)g; }
unsigned tlb_invalidate(struct tlb *t, const struct tlb_inval *inv) { (void)inv; t->gen++; return 0; }
void tlb_get_counters(const struct tlb *t, struct tlb_counters *out) { *out = t->c; }
void tlb_clear_counters(struct tlb *t) { memset(&t->c, 0, sizeof(t->c)); }
