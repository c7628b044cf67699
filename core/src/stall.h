/* SPDX-License-Identifier: Apache-2.0 */
/* Stalls [IHI 0070 3.12.2, 4.7.1, 4.7.2]: held transactions, STAGs, CMD_RESUME /
 * CMD_STALL_TERM. The rules and the model's choices are in stall.c's header comment. */
#ifndef SMMU_STALL_H
#define SMMU_STALL_H

#include <stdbool.h>
#include <stdint.h>

#include "evtq.h"
#include "smmu_internal.h"

/* IDR5.STALL_MAX as the SMMU reports and honours it [6.3.6]: RES0 with STALL_MODEL 0b01
 * (config validation keeps cfg.stall_max 0 there); else cfg.stall_max, or 0xFFFF, the
 * largest value, when that is 0. "The SMMU guarantees that the total number of Stall fault
 * records ... will not exceed this number": a field reading 0 would promise no stall records
 * at all, so a stalling SMMU never reports 0. */
static inline unsigned stall_max_of(const smmu_config *c)
{
    if (c->stall_model == SMMU_TERMINATE_ONLY)
        return 0;
    return c->stall_max ? c->stall_max : 0xFFFFu;
}

/* translate.c: a stall-eligible fault (F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION) of a
 * non-debug transaction of SEC_SID sec, on interface `bank`, whose faulting stage is configured
 * to stall (CD.S, STE.S2S) [3.12]. Holds it: records ev with Stall = 1 and its STAG (always:
 * R is ignored [3.12.2]) and sets res (outcome STALLED, stag, event_recorded), returning true;
 * or returns false when the transaction must be terminated instead (the interface's
 * STALL_MODEL reads 0b01 since the configuration was cached, or no STAG is free): the caller
 * then records ev with Stall = 0 and aborts, as 3.12 permits. */
bool stall_hold(struct smmu *s, unsigned bank, smmu_sec_sid sec, struct smmu_event *ev,
                smmu_result *res);

/* evtq.c: the encoded stall record rec could not be written to bank's queue (disabled, full,
 * EVENTQ_ABT_ERR, write aborted): its transaction stays held, unrecorded, and is retried when
 * the queue is next writable [3.12.2, 7.2.1, 7.4]. Returns false if rec names no transaction
 * held with a record (the caller then drops it as any record). */
bool stall_not_recorded(struct smmu *s, unsigned bank, const uint64_t rec[4]);

/* cmdq.c: execute a consumed CMD_RESUME or CMD_STALL_TERM (already checked by cmdq_decode) of
 * the command queue of `bank` [4.7.1, 4.7.2]. */
void stall_command(struct smmu *s, unsigned bank, const uint64_t cmd[2]);

/* regs.c: SMMU_(*_)CR0 of bank was written (old: its previous value). SMMUEN 1 -> 0 marks
 * every held transaction of the interface for abort [6.3.9.6]; EVENTQEN 0 -> 1 retries the
 * transactions held for an unwritable queue. */
void stall_cr0_written(struct smmu *s, unsigned bank, uint32_t old);

/* regs.c: EVENTQ_CONS or GERRORN of bank was written: the queue may have become writable. */
void stall_queue_changed(struct smmu *s, unsigned bank);

/* smmu.c: smmu_reset (every held transaction aborts, as SMMUEN goes to 0) and smmu_destroy. */
void stall_reset(struct smmu *s);
void stall_destroy(struct smmu *s);

#endif
