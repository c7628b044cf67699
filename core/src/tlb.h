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
    uint8_t page_shift;   /* log2 of the mapping size (12..42) */
    uint8_t level;        /* leaf level (stage 1 for TLB_S12), for the TTL hint */
    uint8_t perm;         /* TLB_PERM_* */
    uint8_t pas;          /* output smmu_pa_space */
    uint8_t mair;         /* output memory type (MAIR encoding) */
    uint8_t sh;           /* output shareability */
    uint64_t va;          /* input address, aligned to the page */
    uint64_t pa;          /* output address, aligned to the page */
    uint64_t ipa;         /* TLB_S12: the intermediate address of the page */
};

/* A scope of invalidation (one TLBI command, S_INIT, reset). Each TLBI_M_* flag adds a
 * condition that an entry must meet to be removed; no flag = everything. */
#define TLBI_M_SEC (1u << 0)    /* tag.sec == sec */
#define TLBI_M_REGIME (1u << 1) /* (1 << tag.regime) & regime_mask */
#define TLBI_M_KIND (1u << 2)   /* (1 << tag.kind) & kind_mask */
#define TLBI_M_VMID (1u << 3)   /* (tag.vmid & ~vmid_ignore) == (vmid & ~vmid_ignore) */
#define TLBI_M_ASID (1u << 4)   /* tag.asid == asid and !global (plus global when M_ADDR) */
#define TLBI_M_ADDR (1u << 5)   /* the entry's input range overlaps [addr, addr+size) */
#define TLBI_M_IPA (1u << 6)    /* TLB_S2: input range, TLB_S12: ipa range overlap [addr,+size) */
#define TLBI_M_IPA_NS (1u << 7) /* tag.ipa_ns == ipa_ns (for TLB_S2 entries) */

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

/* Create a TLB of `entries` entries, `ways`-way set associative. entries == 0 gives a TLB
 * that never hits. Returns NULL on allocation failure. */
struct tlb *tlb_create(unsigned entries, unsigned ways);
void tlb_destroy(struct tlb *t);

/* Look up the entry of `tag` containing input address `va`. Returns a pointer valid until the
 * next tlb_insert / tlb_invalidate, or NULL. Does not allocate. Counts hits / misses. */
const struct tlb_entry *tlb_lookup(struct tlb *t, const struct tlb_tag *tag, uint64_t va);

/* The invalidation generation: incremented by every tlb_invalidate. A walk snapshots it before
 * its first table fetch and passes the snapshot to tlb_insert, which drops the entry if an
 * invalidation happened meanwhile (the walk may have read stale descriptors). */
uint64_t tlb_generation(const struct tlb *t);
void tlb_insert(struct tlb *t, const struct tlb_entry *e, uint64_t gen_snapshot);

/* Remove every entry in scope. Returns the number removed. Costs in proportion to what
 * matches for M_ADDR/M_IPA with small ranges and for M_ASID / M_VMID, not to occupancy. */
unsigned tlb_invalidate(struct tlb *t, const struct tlb_inval *inv);

struct tlb_counters {
    uint64_t hits, misses, evictions, invalidated;
};
void tlb_get_counters(const struct tlb *t, struct tlb_counters *out);
void tlb_clear_counters(struct tlb *t);

#endif
