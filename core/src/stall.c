/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stalls [IHI 0070 3.12, 3.12.2, 4.7.1-4.7.3, 6.3.9.6, 7.2.1, 7.4]: held transactions, their
 * STAGs, CMD_RESUME and CMD_STALL_TERM.
 *
 * A stall-eligible fault (F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION at stage 1 with
 * CD.S = 1, or at stage 2 with STE.S2S = 1, stage-2 faults of CD fetches and stage-1 walks
 * included) of a non-debug transaction holds it: smmu_translate returns SMMU_XLATE_STALLED with
 * result.stag, and the record (always written: R is ignored) has Stall = 1 and that STAG. The
 * core keeps one entry per held transaction; the embedder keeps the transaction itself.
 *
 * Entries, one table per programming interface; the STAG is the entry's index:
 *   RECORDED    held, its record written (or in flight): CMD_RESUME can match it
 *   WAIT_QUEUE  held, its record not written because the queue was not writable (disabled,
 *               full, EVENTQ_ABT_ERR, write aborted): no record is discarded, no overflow is
 *               flagged; resolved RETRY when the queue is next writable, and the retried
 *               transaction records anew [3.12.2, 7.2.1, 7.4]
 *   WAIT_SLOT   held, not recorded because STALL_MAX records are outstanding: resolved RETRY
 *               once fewer are
 *   RESOLVED    resolved (RETRY / ABORT / RAZWI), waiting for the embedder to collect it
 *
 * Resolution delivery: with bcb.stall_resolved installed, each resolution is passed once to
 * that callback and the entry is freed just before the call (smmu_stall_status then returns
 * SMMU_E_INVAL for it). Without the callback the entry stays RESOLVED until the first
 * smmu_stall_status call for it, which returns its action and frees it: a resolution is
 * reported exactly once, by one of the two. A RESOLVED entry keeps its STAG out of use, but
 * does not count against STALL_MAX (architecturally the stall was resumed or terminated).
 *
 * Model choices (IMPLEMENTATION SPECIFIC / CONSTRAINED UNPREDICTABLE), also in docs/choices.md:
 *  - STAG: the index of the entry in its interface's table, unique per interface (hence per
 *    {interface, StreamID}), allocated round-robin so that a STAG is not reused soon after it
 *    is freed; at most 65536 per interface. A stall finding every STAG in use is terminated
 *    instead (Stall = 0, abort: 3.12's terminate-instead-of-stall), with an error logged.
 *  - STALL_MAX (IDR5, stall_max_of) bounds the RECORDED entries of each Event queue [6.3.6];
 *    a stall beyond it is held without a record (backpressure, 3.12.2.3) and retried when a
 *    record's stall is resolved. cfg.stall_max = 0 reads and bounds as 0xFFFF.
 *  - CMD_RESUME matches only RECORDED entries of the same StreamID and interface; an entry
 *    whose record is still in flight counts as recorded; an unrecorded or resolved one never
 *    matches (4.7.1 leaves these cases CONSTRAINED UNPREDICTABLE). No match is a no-op.
 *  - CMD_STALL_TERM aborts every held entry of the StreamID, unrecorded ones included.
 *  - A cached stall configuration (CD.S / STE.S2S) met when the interface's STALL_MODEL now
 *    reads 0b01 (NSSTALLD set since it was cached, 6.3.57.1) terminates the transaction
 *    (Stall = 0, abort).
 *  - Duplicate stall records are not suppressed (3.12.2.1 permits, never requires it); no
 *    early retry (3.12.2.2).
 *  - Invalidation and CMD_SYNC do not touch held transactions [4.3.8, 4.7.3].
 */
#include <stdlib.h>
#include <string.h>

#include "smmuv3/arch.h"
#include "regs_layout.h"
#include "stall.h"
#include "strtab.h"

enum { ST_FREE = 0, ST_RECORDED, ST_WAIT_QUEUE, ST_WAIT_SLOT, ST_RESOLVED };

#define STALL_STAGS 65536u /* the 16-bit STAG field */

struct stall_entry {
    uint8_t state;            /* ST_* */
    uint8_t action;           /* smmu_stall_action, ST_RESOLVED */
    bool deliver;             /* resolved, the callback not yet called (stall_deliver) */
    uint8_t sec;              /* the transaction's SEC_SID */
    uint32_t sid;
};

struct stall_table {
    struct stall_entry *e;
    uint32_t cap;             /* entries allocated (grows to STALL_STAGS) */
    uint32_t cursor;          /* where the next allocation starts looking */
    uint32_t recorded;        /* ST_RECORDED entries (bounded by STALL_MAX) */
    uint32_t held;            /* RECORDED + WAIT_QUEUE + WAIT_SLOT */
};

struct stall_state {
    struct stall_table t[BANK_COUNT];
};

static const char *const action_names[] = {"held", "retry", "abort", "RAZ/WI"};
static const char *const bank_names[BANK_COUNT] = {"", "S_", "R_"};

static bool st_held(uint8_t st)
{
    return st == ST_RECORDED || st == ST_WAIT_QUEUE || st == ST_WAIT_SLOT;
}

/* A free STAG of table t (growing it if needed), or -1. */
static long stall_alloc(struct stall_table *t)
{
    for (uint32_t n = 0; n < t->cap; n++) {
        uint32_t i = (t->cursor + n) % t->cap;
        if (t->e[i].state == ST_FREE) {
            t->cursor = (i + 1) % t->cap;
            return (long)i;
        }
    }
    if (t->cap >= STALL_STAGS)
        return -1;
    uint32_t ncap = t->cap ? t->cap * 2 : 16;
    struct stall_entry *ne = realloc(t->e, ncap * sizeof(*ne));
    if (!ne)
        return -1;
    memset(ne + t->cap, 0, (ncap - t->cap) * sizeof(*ne));
    t->e = ne;
    uint32_t i = t->cap;
    t->cap = ncap;
    t->cursor = (i + 1) % ncap;
    return (long)i;
}

/* Mark held entry i of bank resolved with action a (counted); stall_deliver passes it on. */
static void stall_mark(struct smmu *s, unsigned bank, uint32_t i, smmu_stall_action a)
{
    struct stall_table *t = &s->stall->t[bank];
    struct stall_entry *e = &t->e[i];
    if (e->state == ST_RECORDED)
        t->recorded--;
    t->held--;
    e->state = ST_RESOLVED;
    e->action = (uint8_t)a;
    e->deliver = true;
    if (a == SMMU_STALL_RETRY)
        s->bstats.stalls_retried++;
    else if (a == SMMU_STALL_ABORT)
        s->bstats.stalls_aborted++;
    else
        s->bstats.stalls_razwi++;
    smmu_log(s, SMMU_LOG_INFO, "%sSID 0x%x STAG 0x%x: stalled transaction resolved: %s",
             bank_names[bank], (unsigned)e->sid, (unsigned)i, action_names[a]);
}

/* Pass every marked resolution of bank to bcb.stall_resolved (freeing the entry first), or
 * leave it RESOLVED for smmu_stall_status. The callback may translate (a retry), which may
 * stall and grow the table: entries are re-read by index after every call, and entries made
 * meanwhile are not marked. */
static void stall_deliver(struct smmu *s, unsigned bank)
{
    for (uint32_t i = 0; i < s->stall->t[bank].cap; i++) {
        struct stall_entry *e = &s->stall->t[bank].e[i];
        if (!e->deliver)
            continue;
        e->deliver = false;
        if (!s->bcb.stall_resolved)
            continue;
        smmu_stall_resolution r = {(smmu_sec_sid)e->sec, e->sid, (uint16_t)i,
                                   (smmu_stall_action)e->action};
        memset(e, 0, sizeof(*e));
        s->bcb.stall_resolved(s->env.ctx, &r);
    }
}

/* Retry the transactions held without a record whose reason has gone: the queue is writable
 * (WAIT_QUEUE), fewer than STALL_MAX records are outstanding (WAIT_SLOT). Marks only. */
static void stall_wake_marks(struct smmu *s, unsigned bank)
{
    struct stall_table *t = &s->stall->t[bank];
    if (t->held == t->recorded)
        return;
    bool writable = evtq_writable(s, bank);
    bool slot = t->recorded < stall_max_of(&s->cfg);
    for (uint32_t i = 0; i < t->cap; i++) {
        uint8_t st = t->e[i].state;
        if ((st == ST_WAIT_QUEUE && writable) || (st == ST_WAIT_SLOT && slot))
            stall_mark(s, bank, i, SMMU_STALL_RETRY);
    }
}

bool stall_hold(struct smmu *s, unsigned bank, smmu_sec_sid sec, struct smmu_event *ev,
                smmu_result *res)
{
    /* NSSTALLD may have been set after the stall configuration was cached [6.3.57.1]; the
     * Realm interface never stalls (R_IDR0.STALL_MODEL reads 0b01) [3.12] */
    if (strtab_stall_model(s, bank) == SMMU_TERMINATE_ONLY) {
        smmu_log(s, SMMU_LOG_WARN, "%sSID 0x%x: stall configuration with %sIDR0.STALL_MODEL "
                 "0b01: terminated instead (Stall = 0)", bank_names[bank], (unsigned)ev->sid,
                 bank_names[bank]);
        return false;
    }
    if (!s->stall && !(s->stall = calloc(1, sizeof(*s->stall))))
        return false;
    struct stall_table *t = &s->stall->t[bank];
    long i = stall_alloc(t);
    if (i < 0) {
        smmu_log(s, SMMU_LOG_ERROR, "%sSID 0x%x: every STAG is in use (%u held or resolved "
                 "and not collected): terminated instead of stalled (Stall = 0)",
                 bank_names[bank], (unsigned)ev->sid, t->cap);
        return false;
    }
    struct stall_entry *e = &t->e[i];
    e->sec = (uint8_t)sec;
    e->sid = ev->sid;
    e->deliver = false;
    t->held++;
    s->bstats.stalls++;
    res->outcome = SMMU_XLATE_STALLED;
    res->stag = (uint16_t)i;
    res->event_recorded = false;
    if (t->recorded >= stall_max_of(&s->cfg)) {
        e->state = ST_WAIT_SLOT;
        smmu_log(s, SMMU_LOG_INFO, "%sSID 0x%x: %s stalled, STAG 0x%x not recorded: STALL_MAX "
                 "%u stall records outstanding; retried when one is resolved", bank_names[bank],
                 (unsigned)ev->sid, smmu_event_name(ev->type), (unsigned)i,
                 stall_max_of(&s->cfg));
        return true;
    }
    e->state = ST_RECORDED;
    t->recorded++;
    ev->stall = true;
    ev->stag = (uint16_t)i;
    smmu_log(s, SMMU_LOG_INFO, "%sSID 0x%x: %s stalled, STAG 0x%x", bank_names[bank],
             (unsigned)ev->sid, smmu_event_name(ev->type), (unsigned)i);
    /* The write may yield (and a command resolve the entry meanwhile) or fail (the entry goes
     * to WAIT_QUEUE through stall_not_recorded): look at the entry again by index. */
    evtq_record(s, bank, ev);
    res->event_recorded = s->stall->t[bank].e[i].state != ST_WAIT_QUEUE;
    return true;
}

bool stall_not_recorded(struct smmu *s, unsigned bank, const uint64_t rec[4])
{
    uint32_t stag = (uint32_t)smmu_evt_STAG(rec), sid = (uint32_t)smmu_evt_StreamID(rec);
    if (!s->stall || stag >= s->stall->t[bank].cap)
        return false;
    struct stall_table *t = &s->stall->t[bank];
    struct stall_entry *e = &t->e[stag];
    if (e->state != ST_RECORDED || e->sid != sid)
        return false; /* resolved while its record was in flight */
    e->state = ST_WAIT_QUEUE;
    t->recorded--;
    smmu_log(s, SMMU_LOG_INFO, "%sEVENTQ not writable: stall record of SID 0x%x STAG 0x%x "
             "kept back (no overflow); the transaction is retried when the queue is writable",
             bank_names[bank], (unsigned)sid, (unsigned)stag);
    return true;
}

void stall_command(struct smmu *s, unsigned bank, const uint64_t cmd[2])
{
    /* SSec (Secure queue only, cmdq_decode checks) selects Secure StreamIDs; the Realm queue
     * never gets here (STALL_MODEL 0b01: CERROR_ILL) [4.1.6, 4.7.1] */
    unsigned tb = bank == BANK_S && smmu_cmd_SSec(cmd) ? BANK_S : bank == BANK_S ? BANK_NS : bank;
    uint32_t sid = (uint32_t)smmu_cmd_StreamID(cmd);
    struct stall_table *t = s->stall ? &s->stall->t[tb] : NULL;

    if (smmu_cmd_Opcode(cmd) == SMMU_CMD_RESUME) {
        uint32_t stag = (uint32_t)smmu_cmd_STAG(cmd);
        if (!t || stag >= t->cap || t->e[stag].state != ST_RECORDED || t->e[stag].sid != sid) {
            smmu_log(s, SMMU_LOG_INFO, "CMD_RESUME %sSID 0x%x STAG 0x%x: no such stalled "
                     "transaction: no effect (IHI 0070 4.7.1)", bank_names[tb], (unsigned)sid,
                     (unsigned)stag);
            return;
        }
        /* Ac = 1 retry (Ab IGNORED); Ac = 0 terminate: Ab = 1 abort, Ab = 0 RAZ/WI, always
         * abort with IDR0.TERM_MODEL = 1, whatever the stage that stalled [4.7.1] */
        smmu_stall_action a = smmu_cmd_Ac(cmd) ? SMMU_STALL_RETRY
                            : smmu_cmd_Ab(cmd) || s->cfg.term_model ? SMMU_STALL_ABORT
                                                                   : SMMU_STALL_RAZWI;
        stall_mark(s, tb, stag, a);
    } else {
        /* CMD_STALL_TERM: every transaction of the StreamID held now is aborted [4.7.2] */
        unsigned n = 0;
        for (uint32_t i = 0; t && i < t->cap; i++)
            if (st_held(t->e[i].state) && t->e[i].sid == sid) {
                stall_mark(s, tb, i, SMMU_STALL_ABORT);
                n++;
            }
        smmu_log(s, SMMU_LOG_INFO, "CMD_STALL_TERM %sSID 0x%x: %u stalled transaction(s) "
                 "marked for abort", bank_names[tb], (unsigned)sid, n);
        if (!t)
            return;
    }
    stall_wake_marks(s, tb);
    stall_deliver(s, tb);
}

/* Abort every held transaction of bank (SMMUEN 1 -> 0 [6.3.9.6], reset). */
static void stall_abort_bank(struct smmu *s, unsigned bank)
{
    struct stall_table *t = &s->stall->t[bank];
    for (uint32_t i = 0; i < t->cap; i++)
        if (st_held(t->e[i].state))
            stall_mark(s, bank, i, SMMU_STALL_ABORT);
    stall_deliver(s, bank);
}

void stall_cr0_written(struct smmu *s, unsigned bank, uint32_t old)
{
    if (!s->stall || !s->stall->t[bank].held)
        return;
    uint32_t cr0 = s->bank[bank].cr0;
    if ((old & SMMU_CR0_SMMUEN) && !(cr0 & SMMU_CR0_SMMUEN))
        stall_abort_bank(s, bank);
    else if (!(old & SMMU_CR0_EVENTQEN) && (cr0 & SMMU_CR0_EVENTQEN))
        stall_queue_changed(s, bank);
}

void stall_queue_changed(struct smmu *s, unsigned bank)
{
    if (!s->stall || s->stall->t[bank].held == s->stall->t[bank].recorded)
        return;
    stall_wake_marks(s, bank);
    stall_deliver(s, bank);
}

void stall_reset(struct smmu *s)
{
    for (unsigned b = 0; s->stall && b < BANK_COUNT; b++)
        stall_abort_bank(s, b);
}

void stall_destroy(struct smmu *s)
{
    if (!s->stall)
        return;
    for (unsigned b = 0; b < BANK_COUNT; b++)
        free(s->stall->t[b].e);
    free(s->stall);
    s->stall = NULL;
}

smmu_status smmu_stall_status(smmu_t *s, smmu_sec_sid sec, uint32_t sid, uint16_t stag,
                              smmu_stall_action *action)
{
    if (!s || !action || (unsigned)sec > SMMU_SEC_REALM)
        return SMMU_E_INVAL;
    unsigned bank = smmu_bank_of(s, sec);
    struct stall_table *t = s->stall ? &s->stall->t[bank] : NULL;
    if (!t || stag >= t->cap)
        return SMMU_E_INVAL;
    struct stall_entry *e = &t->e[stag];
    if (e->state == ST_FREE || e->sid != sid || e->sec != (uint8_t)sec)
        return SMMU_E_INVAL;
    if (e->state != ST_RESOLVED) {
        *action = SMMU_STALL_HELD;
        return SMMU_OK;
    }
    *action = (smmu_stall_action)e->action;
    memset(e, 0, sizeof(*e)); /* reported once: the STAG is free again */
    return SMMU_OK;
}
