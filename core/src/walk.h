/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One VMSAv8-64 translation stage [Arm ARM D8; IHI 0070 3.13, 13.4]: the table walk
 * (iterative, every granule, start level and concatenated stage-2 start table), the access
 * flag and dirty state (with hardware updates), and the stage's permission checks.
 *
 * The caller (translate.c) selects the TTB, checks the stage-1 input range (TBI, TxSZ,
 * EPDx, E0PD) and combines stages. The walk checks the stage-2 input range itself.
 */
#ifndef SMMU_WALK_H
#define SMMU_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "smmu_internal.h"
#include "tlb.h"

struct walk_access {
    bool write;   /* else read */
    bool instr;   /* instruction fetch (reads only) */
    bool priv;    /* privileged (PnU = 1) */
};

/* Stage-1 permission context (from the CD and the StreamWorld). Ignored at stage 2, except
 * xnx. */
struct walk_perm_ctx {
    uint8_t regime;   /* enum smmu_regime: EL1 and EL2_E2H have two privilege levels
                         (AP[1], UXN/PXN); EL2 and EL3 have one (AP[1] RES1, XN) */
    bool wxn;         /* CD.WXN: writable implies execute-never */
    bool pan;         /* CD.PAN: privileged data access to unprivileged-accessible memory */
    bool xnx;         /* IDR3.XNX: stage-2 XN[1:0] (else only XN[1]) */
};

struct walk_fault {
    uint8_t type;        /* SMMU_EVT_F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION,
                            F_WALK_EABT */
    uint8_t stage;       /* 1 or 2: the stage that faulted (event S2 = stage == 2) */
    uint8_t cls;         /* EVT_CLASS_*: TT when a stage-2 fault hit a stage-1 table access
                            (reported by ipa_xlate), else IN */
    int8_t level;
    bool ttrnw;          /* F_PERMISSION with CLASS=TT: 1 descriptor read, 0 HTTU write */
    bool gpcf;           /* F_WALK_EABT caused by a granule protection check */
    uint64_t ipa;        /* stage-2 fault: the IPA that stage 2 was translating */
    uint64_t fetch_addr; /* F_WALK_EABT: PA of the descriptor */
};

/* Translate the IPA of a stage-1 table access through stage 2 (nested streams). space: the
 * address space of the table as the walk has it: the start level's (cfg->walk_pas), then
 * SMMU_PAS_NS once an NSTable was 1; for a Secure stream it is the IPA space, which selects
 * the stage-2 tables [Arm ARM D8.2.6.2; IHI 0070 3.10.2.2]. write is true for an HTTU
 * update. *attrs holds the walk's attributes (cfg->fetch_attrs) on entry and the access's
 * final attributes on return (combined with stage 2, then the STE.S2PTW / IDR3.PTWNNC rule).
 * Returns 0 with *pa / *pas / *attrs, or -1 with *f filled (stage = 2, cls = EVT_CLASS_TT,
 * ipa = the descriptor's IPA). */
typedef int (*walk_ipa_fn)(void *arg, uint64_t ipa, smmu_pa_space space, bool write,
                           uint64_t *pa, smmu_pa_space *pas, smmu_mem_attrs *attrs,
                           struct walk_fault *f);

struct walk_result {
    uint64_t oa;         /* output address of ia */
    uint8_t page_shift;  /* log2 of the size of the mapping (block or page) */
    int8_t level;        /* level of the leaf descriptor */
    bool ns;             /* output NS attribute, meaningful when cfg->secure_tables: stage 1
                            leaf NS bit, or 1 once NSTable (or the start) was Non-secure;
                            stage 2 (Realm): descriptor bit 55 */
    bool ng;             /* stage 1: not global (nG, or leaf read from NS tables of a Secure
                            regime [IHI 0070 3.17.1]) */
    uint8_t attr;        /* stage 1: MAIR Attr byte chosen by AttrIndx (from mair);
                            stage 2: descriptor bits [5:2] (MemAttr, or with FWB bit 5) */
    uint8_t sh;          /* descriptor SH[1:0] (or the configured SH when ds) */
    uint8_t perm;        /* TLB_PERM_* this stage grants every access kind without fault and
                            without an HTTU update (after hierarchical, PAN, WXN, XN rules) */
    uint64_t desc;       /* the leaf descriptor as it is in memory after any HTTU update */
};

/* The walk caches of a walk (topology.h; docs/exploration.md): table descriptors of its
 * stage per level, tagged like TLB entries. NULL where the stage has none. */
struct walk_wc {
    struct tlb_lkey key;  /* the tag of the entries (kind TLB_S1 or TLB_S2), prepared */
    uint64_t addr;        /* the input address as entries are tagged: stage 1 the VA as the
                             TLB keys it (TBI-extended, upper bits of a TTB1 address kept),
                             stage 2 the IPA */
    bool fill;            /* insert the table descriptors read (not for debug walks) */
    uint64_t gen;         /* tlb_generation(s->tlb) before the translation's first fetch: a
                             walk that raced an invalidation inserts nothing */
    uint8_t *hits;        /* smmu_result.wc_hits, counted (saturating) */
};

/* Walk one stage for input address ia and check access acc.
 * mair: the CD's {MAIR1, MAIR0} (stage 1 only). ipa_xlate: NULL when the stage's table
 * addresses are physical. wc: the stage's walk caches (NULL: none): the walk starts at the
 * deepest cached table and caches the table descriptors it reads. no_side_effects: debug accesses - no HTTU writes (an AF or dirty
 * update that would be needed is assumed done), nothing cached.
 * Returns 0 with *r filled, or -1 with *f filled. *fetches is incremented per memory access.
 * Never recurses; terminates after at most five levels. */
int walk_stage(struct smmu *s, const struct walk_cfg *cfg, const struct walk_perm_ctx *pc,
               uint64_t mair, uint64_t ia, const struct walk_access *acc,
               walk_ipa_fn ipa_xlate, void *ipa_arg, bool no_side_effects,
               const struct walk_wc *wc, struct walk_result *r, struct walk_fault *f,
               unsigned *fetches);

#endif
