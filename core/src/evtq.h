/* SPDX-License-Identifier: Apache-2.0 */
/* Event records and the event queue [IHI 0070 7.2-7.4]. */
#ifndef SMMU_EVTQ_H
#define SMMU_EVTQ_H

#include <stdbool.h>
#include <stdint.h>

#include "smmu_internal.h"

/* CLASS field of translation-related events [IHI 0070 7.3] */
enum { EVT_CLASS_CD = 0, EVT_CLASS_TT = 1, EVT_CLASS_IN = 2 };

/* The fields of any event record, by name. The encoder writes only the fields the record
 * of that type has; the rest is RES0. */
struct smmu_event {
    uint8_t type;           /* SMMU_EVT_* */
    bool ssv;
    uint32_t ssid;
    uint32_t sid;
    uint16_t stag;
    bool stall;
    bool pnu, ind, rnw;     /* PnU (1 = privileged), InD (1 = instruction), RnW (1 = read) */
    bool nsipa, s2;
    uint8_t cls;            /* EVT_CLASS_* */
    bool ttrnw;
    uint32_t reason;
    bool gpcf;
    uint64_t input_addr;
    uint64_t ipa;
    uint64_t fetch_addr;
    /* E_PAGE_REQUEST / F_BAD_ATS_TREQ */
    bool ux, uw, ur, px, pw, pr;
    uint8_t span;
};

/* Encode ev into a 32-byte record as four host-order 64-bit words (stored little-endian). */
void evtq_encode(const struct smmu_event *ev, uint64_t rec[4]);
/* Decode a record (inverse of evtq_encode for the fields its type defines). */
void evtq_decode(const uint64_t rec[4], struct smmu_event *ev);

/* Record ev on the event queue of `bank` [IHI 0070 7.4]: writes the record if the queue is
 * writable (EVENTQEN, not full, no EVENTQ_ABT_ERR), else drops it (setting OVFLG if full) and
 * counts it in stats.events_dropped; raises the event queue interrupt / MSI.
 *
 * Re-entrant: a call made while a record of the same bank is being written (from a memory
 * callback that yielded) is held back in an internal buffer of EVTQ_PENDING_MAX records and
 * written by the call in progress before that returns, so records reach the queue once each
 * and in call order; the queue state is judged when a record's turn comes. A call that finds
 * the buffer full drops its record (counted, OVFLG unchanged).
 *
 * Returns true if the record was written, or was held back to be written behind the record
 * in flight (if it is then discarded after all, that is counted in stats.events_dropped);
 * false if it was discarded. */
bool evtq_record(struct smmu *s, unsigned bank, const struct smmu_event *ev);

/* Would a record of `bank` be written now: EVENTQEN set, no active EVENTQ_ABT_ERR, the queue
 * not full [7.4]? A record with Stall = 1 of a held transaction that evtq_record cannot write
 * is never discarded nor counted as an overflow: it goes back to stall.c (stall_not_recorded)
 * [3.12.2]. */
bool evtq_writable(const struct smmu *s, unsigned bank);

#endif
