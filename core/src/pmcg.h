/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Performance Monitor Counter Groups [IHI 0070 ch. 10; digest 9A; docs/pmcg.md]: their
 * registers (smmu_pmcg_reg_read / write in pmcg.c) and the events the pipeline reports.
 *
 * Counting costs the TLB-hit path nothing: while some counter of some group is enabled
 * (PMCG_CR.E and a CNTEN bit), s->pmcg_counting is set and makes smmu_translate take its
 * out-of-line path (s->xlate_extra), which reports each transaction here.
 */
#ifndef SMMU_PMCG_H
#define SMMU_PMCG_H

#include <stdbool.h>
#include <stdint.h>

#include "smmu_internal.h"

/* Events [10.3]; 0x80.. are this model's IMPLEMENTATION DEFINED ones (docs/pmcg.md) */
enum {
    PMCG_EV_CYCLES = 0,
    PMCG_EV_TRANSACTION = 1,
    PMCG_EV_TLB_MISS = 2,
    PMCG_EV_CFG_MISS = 3,
    PMCG_EV_WALK_ACCESS = 4,
    PMCG_EV_CFG_ACCESS = 5,
    PMCG_EV_ATS_REQUEST = 6,
    PMCG_EV_ATS_TRANSLATED = 7,
    PMCG_EV_TERMINATED = 0x80,   /* a transaction terminated: abort, fault, RAZ/WI */
    PMCG_EV_STALLED = 0x81,      /* a transaction held by a stall fault */
};

/* smmu_create / smmu_destroy / smmu_reset. pmcg_create returns 0, or -1 out of memory. */
int pmcg_create(struct smmu *s);
void pmcg_destroy(struct smmu *s);
void pmcg_reset(struct smmu *s);

/* A transaction (or ATS Translation Request: ats) enters the pipeline, and its result. Only
 * while s->pmcg_counting. Memory accesses in between are attributed to its StreamID. */
void pmcg_txn_begin(struct smmu *s, const smmu_txn *txn, bool ats);
void pmcg_txn_end(struct smmu *s, const smmu_txn *txn, const smmu_result *res);
/* An SMMU-originated memory access for a table walk (events 2 and 4 for a GPT read:
 * gpt = true) or a configuration structure (event 5). Only while s->pmcg_counting. */
void pmcg_access(struct smmu *s, bool walk, bool gpt);

#endif
