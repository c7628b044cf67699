/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Topology (docs/exploration.md "Topology in the core"): TBUs, each with a micro-TLB and
 * optionally a main TLB, in front of the TCU with its main TLB (struct smmu.tlb), the
 * configuration cache, walk caches per stage and level, and an IPA cache. Every level is a
 * struct tlb (tlb.h), tagged and invalidated like the TCU's TLB. A model choice: after the
 * required invalidation and CMD_SYNC no result depends on it.
 */
#ifndef SMMU_TOPOLOGY_H
#define SMMU_TOPOLOGY_H

#include <stdbool.h>
#include <stdint.h>

#include "smmu_internal.h"
#include "tlb.h"

/* struct topo_tbu and struct topo (the instance's part) are in smmu_internal.h. */

/* A translation's fill of its TBU caches on the way back from a walk (translate.c). */
struct topo_fill {
    struct tlb_entry e;
    bool valid;                /* e is the walk's leaf entry, and no invalidation raced it */
};

int topo_create(struct smmu *s);    /* 0, or -1 when out of memory */
void topo_destroy(struct smmu *s);
void topo_reset(struct smmu *s);    /* smmu_reset: generators reseeded */

/* An invalidation scope reached the TCU TLB (smmu_invalidate_tlb): apply it to every other
 * level (IHI 0070 4.4; docs/exploration.md for the choices). */
void topo_invalidate(struct smmu *s, const struct tlb_inval *inv);

/* Look the stream's prepared tag up in TBU u's micro-TLB, its main TLB, then the TCU TLB;
 * return the first entry granting access bits `need` and where it was found (*where, an
 * smmu_hit_where), filling the levels above it unless `debug` (a debug transaction fills no
 * cache: SMMU_TXN_DEBUG); NULL if none grants it. Counts each level. */
const struct tlb_entry *topo_lookup(struct smmu *s, struct topo_tbu *u, const struct tlb_lkey *k,
                                    uint64_t key, unsigned need, bool debug, uint8_t *where);

/* Fill TBU u's caches with a walk's result. */
void topo_fill(struct topo_tbu *u, const struct topo_fill *f);

/* smmu_stats.tlb_hits contributions of the TBU levels. */
uint64_t topo_tbu_hits(const struct smmu *s);

void topo_clear_stats(struct smmu *s);

#endif
