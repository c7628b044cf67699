/* SPDX-License-Identifier: Apache-2.0 */
/* CD tables (linear and 2-level) and CD decoding and validation [IHI 0070 3.3.2, 5.3, 5.4]. */
#ifndef SMMU_CDTAB_H
#define SMMU_CDTAB_H

#include "config.h"
#include "evtq.h"
#include "smmu_internal.h"

/* Translate the IPA of a CD-table access through stage 2 (nested / stage-2 STEs).
 * Returns 0 with *pa / *pas set, or -1 with *ev filled (S2 fault with CLASS=CD, or F_WALK_EABT)
 * (the caller decides about recording). Supplied by translate.c. */
typedef int (*cd_ipa_xlate_fn)(void *arg, uint64_t ipa, uint64_t *pa, smmu_pa_space *pas,
                               smmu_mem_attrs *attrs, struct smmu_event *ev);

/* Decode and validate a 64-byte CD for the stream configured by ste.
 * Returns 0 with *out filled, or -1 with ev->type = SMMU_EVT_C_BAD_CD and a diagnostic. */
int cd_decode(struct smmu *s, unsigned bank, const struct ste_cfg *ste, const uint64_t cd[8],
              uint64_t cd_addr, struct cd_cfg *out, struct smmu_event *ev);

/* Find, fetch (through stage 2 when ste->s2, via xlate), decode and validate CD `ssid`.
 * Returns 0 with *out filled, or -1 with *ev (C_BAD_SUBSTREAMID, F_CD_FETCH, C_BAD_CD, or the
 * stage-2 fault xlate reported). *fetches is incremented per memory read. */
int cdtab_lookup(struct smmu *s, unsigned bank, const struct ste_cfg *ste, uint32_t sid,
                 uint32_t ssid, bool fill, cd_ipa_xlate_fn xlate, void *xlate_arg,
                 struct cd_cfg *out, struct smmu_event *ev, unsigned *fetches);

#endif
