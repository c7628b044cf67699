/* SPDX-License-Identifier: Apache-2.0 */
/* ATS [IHI 0070 3.9, 4.5.1, 13.6, 13.7]: what translate.c and cmdq.c call in ats.c, and the
 * translation pipeline's ATS entry point that ats.c calls in translate.c. */
#ifndef SMMU_ATS_H
#define SMMU_ATS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "smmu_internal.h"

/* What a translation is for (struct ats_xl.mode). */
enum { ATS_REQUEST = 1, ATS_TRANSLATED = 2 };

/* An ATS pass through the pipeline: in, the mode; out, what the completion needs. */
struct ats_xl {
    uint8_t mode;      /* ATS_REQUEST or ATS_TRANSLATED */
    bool split;        /* out: effective STE.EATS is 0b10 (split-stage: the request stops after
                          stage 1, its completion carries the IPA) */
    bool global;       /* out (request): the mapping is global (not nG) */
    bool denied_table; /* out (request): a stage-2 F_PERMISSION on a CD fetch or a stage-1
                          table access (CLASS CD/TT): no access is granted, not retried */
    uint8_t instcfg;   /* out (request): the effective STE.INSTCFG (0 incoming, 2 Data,
                          3 Instruction), which decides the grant [13.7.1] */
};

/* The pipeline for a Translation Request (txn as ats.c prepared it) or for Translated traffic
 * (translate.c). Fills *res as smmu_translate does; faults follow ats_fault_event(). A request
 * whose effective EATS is 0b00 ends with outcome FAULT, event F_BAD_ATS_TREQ, not recorded:
 * the caller records it with the request's fields. */
void translate_ats(struct smmu *s, const smmu_txn *txn, smmu_result *res, struct ats_xl *a);

/* ---- called by translate.c ---- */

/* Translated traffic (SMMU_TXN_TRANSLATED) through smmu_translate: counts it and runs
 * translate_ats. */
void ats_translated(struct smmu *s, const smmu_txn *txn, smmu_result *res);

/* The disposition of event `type` in an ATS pass [3.9.1.2, 3.9.1.3]: returns whether the event
 * is generated at all (a Translation Request's translation faults are not: they are reported
 * to the endpoint only), and updates *record (the ordinary rule's answer on entry). */
struct smmu_event;
bool ats_fault_event(const struct smmu *s, unsigned bank, struct ats_xl *a,
                     const struct smmu_event *ev, bool *record);

/* The effective STE.EATS of a valid, non-aborting STE of `bank` [5.2 EATS, 3.9.1]: 0b00 when
 * CR0.ATSCHK is 0 for 0b1x (R_CR0.ATSCHK is RES1), for Config 0b100 and without ATS. */
unsigned ats_effective_eats(const struct smmu *s, unsigned bank, const struct ste_cfg *ste);

/* ---- called by cmdq.c ---- */

/* Decode CMD_ATC_INV [4.5.1] (legality already checked) into *inv; returns false if the
 * command is IGNORED (SMMUEN is 0 for the queue's Security state). */
bool ats_decode_atc_inv(struct smmu *s, unsigned bank, const uint64_t *cmd, smmu_atc_inval *inv);

/* Before consuming a CMD_ATC_INV or a CMD_SYNC of `bank`: ATS_GO, ATS_WAIT (leave CONS on
 * it: ATC invalidations are outstanding before this CMD_SYNC, or no slot is free for another
 * one) or ATS_SYNC_ERR (an invalidation this CMD_SYNC waited for timed out: CERROR_ATC_INV_SYNC
 * [4.7.3]). */
enum { ATS_GO = 0, ATS_WAIT = 1, ATS_SYNC_ERR = 2 };
int ats_cmd_gate(struct smmu *s, unsigned bank, bool sync);

/* Send one decoded ATC invalidation through bcb.atc_inval (or complete it at once). */
void ats_atc_inv_send(struct smmu *s, unsigned bank, smmu_atc_inval *inv);

#endif
