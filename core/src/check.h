/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bring-up checker (smmu_config.check; docs/bring-up.md "The checker"): it watches what
 * the SMMU fetched, what software writes afterwards (smmu_observe_write), the commands and
 * the queue registers, and reports the driver bugs of the rule book [IHI 0070 3.21, 4.3,
 * 4.4, 4.7.3, 6.3.9; digest 9D]. Every hook below is called only when s->chk is set, so that
 * with the checker off each costs the caller one test of a pointer (none on the TLB-hit
 * path: translations reach check_translation through smmu_translate's s->xlate_extra test).
 */
#ifndef SMMU_CHECK_H
#define SMMU_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "smmu_internal.h"

struct cmdq_action;
struct tlb_inval;

/* Create / destroy the checker state of s (smmu_create when cfg.check; smmu_destroy).
 * check_create returns 0, or -1 when out of memory. */
int check_create(struct smmu *s);
void check_destroy(struct smmu *s);
/* smmu_reset: the caches are empty and the registers at reset; forget what was tracked. */
void check_reset(struct smmu *s);

/* A transaction is about to be translated (check_translation_begin) and was translated
 * (check_translation): rules a (stale use) and d (unsynced invalidation relied on). */
void check_translation_begin(struct smmu *s, const smmu_txn *txn);
void check_translation(struct smmu *s, const smmu_txn *txn, const smmu_result *res);

/* The SMMU fetched a configuration structure (strtab.c, cdtab.c): an STE or CD (64 bytes,
 * ste the STE that reaches a CD) or an L1STD / L1CD (8 bytes). words are host order. */
void check_fetched_l1(struct smmu *s, unsigned bank, bool cd, uint64_t addr, uint64_t pa,
                      smmu_pa_space pas, uint64_t word, uint32_t sid);
/* Strict invalidation: a level-1 descriptor at table address addr (as fetched: an IPA for an
 * L1CD under stage 2) was served from the configuration cache, which holds word. */
void check_used_l1(struct smmu *s, unsigned bank, bool cd, uint64_t addr, uint64_t word,
                   uint32_t sid);
void check_fetched_ste(struct smmu *s, unsigned bank, uint32_t sid, uint64_t pa,
                       smmu_pa_space pas, const uint64_t ste[8]);
void check_fetched_cd(struct smmu *s, unsigned bank, uint32_t sid, uint32_t ssid, uint64_t pa,
                      smmu_pa_space pas, const uint64_t cd[8], const struct ste_cfg *ste);
/* The table walk read a descriptor (walk.c): desc as decoded (after the table endianness),
 * ia the stage's input address, shift the log2 of the input range the descriptor maps. */
void check_walk_read(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint64_t desc, bool be,
                     unsigned stage, int level, uint64_t ia, unsigned ia_bits, unsigned shift);

/* A PE's broadcast TLBI was applied (btm.c): complete at delivery in this model. */
void check_broadcast_tlbi(struct smmu *s, const struct tlb_inval *inv);
/* A command of `bank`'s queue was consumed (cmdq.c): invalidations and CMD_SYNC. */
void check_command(struct smmu *s, unsigned bank, const struct cmdq_action *a);

/* Register accesses (regs.c), by register name ("CR0", "CMDQ_PROD"), before a write takes
 * effect and after a read: rule e (queue misuse). */
void check_reg_write(struct smmu *s, unsigned bank, const char *name, uint64_t old,
                     uint64_t val);
void check_reg_read(struct smmu *s, unsigned bank, const char *name, uint64_t val);

#endif
