/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ATS [IHI 0070 3.9, 4.5.1, 4.7.3, 7.3.6, 7.3.8, 13.6, 13.7; reference digest 9C.1-9C.6]:
 * Translation Requests and their completions, Translated traffic, and ATC invalidation
 * (CMD_ATC_INV sent to the endpoint, CMD_SYNC waiting for its acknowledgement).
 *
 * The pipeline itself is translate.c's (translate_ats); this file holds the tables: which
 * outcome gives which completion, which events are generated and recorded, what a
 * completion contains.
 *
 * Model choices (IMPLEMENTATION DEFINED or CONSTRAINED UNPREDICTABLE), also in docs/choices.md:
 *  - completion size: the largest the architecture allows, the intersection of the stage-1 and
 *    stage-2 page or block sizes (2^OAS for an identity response); with granule protection
 *    checks active it is narrowed to one physical granule, the range the check covered
 *    [3.9.1.2, 13.6.3]; a completion granting no access has size STU and address 0;
 *  - the completion's U and N bits are always 0 [13.6.2.1, 13.6.4];
 *  - IDR3.DPT is 0: STE.EATS 0b11 behaves as 0b01 (no Device Access check);
 *  - Translated addresses above the OAS abort without an event [3.9.1.1];
 *  - Translated traffic takes the incoming attributes (EATS 0b01/0b11, ATSCHK 0), and a Realm
 *    stream's PA space from the incoming NS attribute;
 *  - SSV = 1 in CMD_ATC_INV with IDR1.SSIDSIZE = 0 behaves as SSV = 0 [4.5.1]; Size > 52 is
 *    CERROR_ILL (cmdq.c); Size = 52 is sent as addr 0, size 0 ("all 2^64 bytes");
 *  - without IDR0.ATS a Translation Request gets UR and Translated traffic aborts, both
 *    without an event (such a system cannot produce them).
 */
#include <string.h>

#include "ats.h"
#include "cmdq.h"
#include "evtq.h"
#include "gpc.h"
#include "pmcg.h"
#include "regs_layout.h"

/* The Smallest Translation Unit: the smallest granule implemented [3.9.1]. */
static unsigned ats_stu_shift(const struct smmu *s)
{
    return s->cfg.gran4k ? 12 : s->cfg.gran16k ? 14 : 16;
}

unsigned ats_effective_eats(const struct smmu *s, unsigned bank, const struct ste_cfg *ste)
{
    /* R_CR0.ATSCHK is RES1 [6.3.128]; a Secure STE has no ATS [3.9.1]; Config 0b100 leaves
     * ste->eats 0 (strtab.c) */
    bool atschk = bank == BANK_R || (s->bank[bank].cr0 & SMMU_CR0_ATSCHK);
    unsigned eats = ste->eats;
    if (!s->cfg.ats || bank == BANK_S)
        return 0;
    if ((eats & 2) && !atschk)
        return 0; /* "EATS == 0b1x and SMMU_CR0.ATSCHK == 0": treated as 0b00 [5.2 EATS] */
    return eats;
}

static bool is_xlate_fault(unsigned type)
{
    return type >= SMMU_EVT_F_TRANSLATION && type <= SMMU_EVT_F_PERMISSION;
}

/* The configuration errors that CR2.REC_CFG_ATS gates for Translated traffic [3.9.1.3]. */
static bool is_cfg_error(unsigned type)
{
    switch (type) {
    case SMMU_EVT_C_BAD_STREAMID:
    case SMMU_EVT_F_STE_FETCH:
    case SMMU_EVT_C_BAD_STE:
    case SMMU_EVT_F_VMS_FETCH:
    case SMMU_EVT_F_CFG_CONFLICT:
    case SMMU_EVT_C_BAD_SUBSTREAMID:
    case SMMU_EVT_F_STREAM_DISABLED:
        return true;
    default:
        return false;
    }
}

bool ats_fault_event(const struct smmu *s, unsigned bank, struct ats_xl *a,
                     const struct smmu_event *ev, bool *record)
{
    /* REC_CFG_ATS exists in CR2 and R_CR2 with IDR0.ATSRECERR (regs.c), RES0 otherwise */
    bool rec_cfg = bank != BANK_S && (s->bank[bank].cr2 & SMMU_CR2_REC_CFG_ATS);
    if (a->mode == ATS_REQUEST) {
        /* Translation faults of either stage give a completion without access and no event;
         * everything else gives CA and is recorded only with REC_CFG_ATS (C_BAD_STREAMID also
         * needs RECINVSID, already in *record) [3.9.1.2] */
        if (is_xlate_fault(ev->type)) {
            a->denied_table = ev->type == SMMU_EVT_F_PERMISSION && ev->cls != EVT_CLASS_IN;
            return false;
        }
        *record = *record && rec_cfg;
        return true;
    }
    /* Translated traffic: the configuration errors are recorded only with REC_CFG_ATS, and
     * C_BAD_STREAMID then regardless of RECINVSID; F_TRANSL_FORBIDDEN and split-stage stage-2
     * faults as for any transaction [3.9.1.3] */
    if (is_cfg_error(ev->type))
        *record = rec_cfg;
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Translation Requests [3.9.1.2; digest 9C.2, 9C.3]
 * ------------------------------------------------------------------------------------------- */

/* UR with F_BAD_ATS_TREQ [7.3.6]: R/W/X/PRIV as requested before the STE overrides (R is
 * always 1; Exe and Priv only with a PASID), Span the number of STUs requested. The record
 * uses the E_PAGE_REQUEST positions (evtq.c): unprivileged uR/uW/uX, privileged pR/pW/pX. */
static void ats_bad_treq(struct smmu *s, unsigned bank, const smmu_txn *req,
                         smmu_ats_completion *out)
{
    struct smmu_event ev;
    bool w = req->access == SMMU_ACCESS_WRITE;
    bool x = req->ssv && (req->flags & SMMU_TXN_INSTR);
    uint64_t stu = UINT64_C(1) << ats_stu_shift(s);
    uint64_t span = req->size ? (req->size + stu - 1) / stu : 1;
    memset(&ev, 0, sizeof(ev));
    ev.type = SMMU_EVT_F_BAD_ATS_TREQ;
    ev.sid = req->sid;
    ev.ssv = req->ssv;
    ev.ssid = req->ssv ? req->ssid : 0;
    ev.input_addr = req->addr;
    if (req->ssv && (req->flags & SMMU_TXN_PRIV)) {
        ev.pr = true;
        ev.pw = w;
        ev.px = x;
    } else {
        ev.ur = true;
        ev.uw = w;
        ev.ux = x;
    }
    ev.span = (uint8_t)(span > 0xFF ? 0xFF : span);
    smmu_log(s, SMMU_LOG_ERROR, "SID 0x%x: F_BAD_ATS_TREQ: Translation Request at 0x%llx "
             "disallowed (SMMUEN 0, Secure stream or effective STE.EATS 0b00): UR",
             (unsigned)req->sid, (unsigned long long)req->addr);
    s->stats.events_by_type[SMMU_EVT_F_BAD_ATS_TREQ]++;
    out->status = SMMU_ATS_UR;
    out->event = SMMU_EVT_F_BAD_ATS_TREQ;
    out->event_recorded = evtq_record(s, bank, &ev);
}

/* R, W and Exe of a completion from the permissions the translation gives at the effective
 * privilege, per the 13.7.1 pseudocode and the effective STE.INSTCFG: incoming, R is the
 * page's read permission and Exe needs R and X ("Granting X implies granting R"; an XO page
 * grants nothing); Data, Exe needs only R; Instruction, every read is an instruction fetch,
 * so R and Exe are both the page's X (an XO page grants R and Exe). W is always the page's
 * write permission. */
static void ats_grant(const smmu_result *r, unsigned instcfg, bool want_x,
                      smmu_ats_completion *out)
{
    bool pr = (r->perm & SMMU_PERM_R) != 0, px = (r->perm & SMMU_PERM_X) != 0;
    if (instcfg == 3) {
        out->r = px;
        out->x = want_x && px;
    } else {
        out->r = pr;
        out->x = want_x && pr && (instcfg == 2 || px);
    }
    out->w = (r->perm & SMMU_PERM_W) != 0;
}

/* smmu_ats_translate's work */
static smmu_status ats_request(smmu_t *s, const smmu_txn *req, smmu_ats_completion *out)
{
    if (!out)
        return SMMU_E_INVAL;
    memset(out, 0, sizeof(*out));
    out->status = SMMU_ATS_UR;
    if (!s || !req || (unsigned)req->sec > SMMU_SEC_REALM ||
        (unsigned)req->access > SMMU_ACCESS_WRITE)
        return SMMU_E_INVAL;
    s->bstats.ats_requests++;
    if (!s->cfg.ats) {
        smmu_log(s, SMMU_LOG_WARN, "SID 0x%x: Translation Request but ATS is not implemented "
                 "(IDR0.ATS=0): UR", (unsigned)req->sid);
        return SMMU_OK;
    }
    unsigned bank = smmu_bank_of(s, req->sec);
    /* SMMUEN == 0 or a Secure stream: UR + F_BAD_ATS_TREQ before any lookup [3.9.1.2] */
    if (bank == BANK_S || !(s->bank[bank].cr0 & SMMU_CR0_SMMUEN)) {
        ats_bad_treq(s, bank, req, out);
        return SMMU_OK;
    }

    /* The request as the pipeline sees it: without a PASID, Data and Unprivileged; Exe is
     * answered from the permissions of a read [13.7]. ATS requests never stall. */
    smmu_txn t = *req;
    t.flags &= SMMU_TXN_PRIV | SMMU_TXN_NS;
    if (!t.ssv)
        t.flags &= ~SMMU_TXN_PRIV;
    bool want_x = req->ssv && (req->flags & SMMU_TXN_INSTR);
    struct ats_xl a = {ATS_REQUEST, false, false, false, 0};
    smmu_result r;
    translate_ats(s, &t, &r, &a);
    /* NW = 0 on a page that is not writable: the completion grants what a read gets
     * [3.9.1.2 "subset of the requested permissions"] (HTTU marks dirty only for a grant) */
    if (t.access == SMMU_ACCESS_WRITE && r.outcome == SMMU_XLATE_FAULT &&
        r.event == SMMU_EVT_F_PERMISSION && !a.denied_table) {
        t.access = SMMU_ACCESS_READ;
        translate_ats(s, &t, &r, &a);
    }

    unsigned stu = ats_stu_shift(s);
    out->priv = (t.flags & SMMU_TXN_PRIV) != 0; /* echoed, before PRIVCFG [13.7.1] */
    switch (r.outcome) {
    case SMMU_XLATE_OK:
    case SMMU_XLATE_BYPASS:
        /* The output range is GPC-checked before completion (failure: CA) [3.9.1.2] */
        if (gpc_active(s)) {
            gpc_client_output(s, &t, &r);
            if (r.outcome == SMMU_XLATE_ABORT) {
                out->status = SMMU_ATS_CA;
                out->priv = false;
                return SMMU_OK;
            }
        }
        out->status = SMMU_ATS_SUCCESS;
        out->size = r.map_size;
        out->addr = r.pa & ~(r.map_size - 1);
        ats_grant(&r, a.instcfg, want_x, out);
        /* Global must be 0 with a PASID [3.9.1]; an identity response is global */
        out->global = !t.ssv && (a.global || r.outcome == SMMU_XLATE_BYPASS);
        return SMMU_OK;
    case SMMU_XLATE_FAULT:
    case SMMU_XLATE_RAZWI:
        if (r.event == SMMU_EVT_F_BAD_ATS_TREQ) {
            ats_bad_treq(s, bank, req, out);
            return SMMU_OK;
        }
        if (is_xlate_fault(r.event)) {
            /* Success without access, one STU [3.9.1.2] */
            out->status = SMMU_ATS_SUCCESS;
            out->size = UINT64_C(1) << stu;
            return SMMU_OK;
        }
        out->status = SMMU_ATS_CA;
        out->priv = false;
        out->event = r.event;
        out->event_recorded = r.event_recorded;
        return SMMU_OK;
    default:
        /* STE.Config 0b000: UR without an event [3.9.1.2] */
        out->status = SMMU_ATS_UR;
        out->priv = false;
        return SMMU_OK;
    }
}

/* The public entry point: the request counts in PMCG events 1 and 6 whatever its outcome
 * [10.3], and the table accesses it makes in events 4 and 5. */
smmu_status smmu_ats_translate(smmu_t *s, const smmu_txn *req, smmu_ats_completion *out)
{
    bool counting = s && req && s->pmcg_counting;
    if (counting)
        pmcg_txn_begin(s, req, true);
    smmu_status st = ats_request(s, req, out);
    if (counting && s->pmcg) {
        smmu_result done = {.outcome = SMMU_XLATE_OK}; /* the request was answered */
        pmcg_txn_end(s, req, &done);
    }
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Translated traffic [3.9.1.3; digest 9C.4]
 * ------------------------------------------------------------------------------------------- */

void ats_translated(struct smmu *s, const smmu_txn *txn, smmu_result *res)
{
    s->stats.translations++;
    s->bstats.ats_translated++;
    if (!s->cfg.ats) {
        memset(res, 0, sizeof(*res));
        res->outcome = SMMU_XLATE_ABORT;
        smmu_log(s, SMMU_LOG_WARN, "SID 0x%x: Translated transaction but ATS is not "
                 "implemented (IDR0.ATS=0): aborted", (unsigned)txn->sid);
        return;
    }
    /* IDR3.PASIDTT = 0: no PASID, PnU = 0, InD = 0 before the STE overrides [3.9.1.3]. A
     * debug access stays one (no event, no cache fill, no HTTU update). */
    smmu_txn t = *txn;
    t.ssv = false;
    t.ssid = 0;
    t.flags &= ~(SMMU_TXN_PRIV | SMMU_TXN_INSTR);
    struct ats_xl a = {ATS_TRANSLATED, false, false, false, 0};
    translate_ats(s, &t, res, &a);
}

/* ---------------------------------------------------------------------------------------------
 * ATC invalidation [4.5.1, 4.7.3; digest 9C.6]
 * ------------------------------------------------------------------------------------------- */

bool ats_decode_atc_inv(struct smmu *s, unsigned bank, const uint64_t *cmd, smmu_atc_inval *inv)
{
    memset(inv, 0, sizeof(*inv));
    /* IGNORED while SMMUEN is 0 for the queue's Security state [4.5.1] */
    if (!(s->bank[bank].cr0 & SMMU_CR0_SMMUEN)) {
        smmu_log(s, SMMU_LOG_DEBUG, "CMD_ATC_INV ignored: SMMUEN is 0");
        return false;
    }
    /* The Secure queue invalidates Non-secure StreamIDs, the Realm queue Realm ones */
    inv->sec = bank == BANK_R ? SMMU_SEC_REALM : SMMU_SEC_NS;
    inv->sid = (uint32_t)smmu_cmd_StreamID(cmd);
    inv->ssv = smmu_cmd_SSV(cmd);
    if (inv->ssv && s->cfg.ssid_bits == 0) {
        smmu_log(s, SMMU_LOG_WARN, "CMD_ATC_INV with SSV=1 but IDR1.SSIDSIZE=0: behaves as "
                 "SSV=0 (CONSTRAINED UNPREDICTABLE)");
        inv->ssv = false;
    }
    inv->ssid = inv->ssv ? (uint32_t)smmu_cmd_SubstreamID(cmd) : 0;
    inv->global = inv->ssv && smmu_cmd_Global(cmd); /* IGNORED when SSV = 0 */
    /* 4096 * 2^Size bytes, aligned to itself; Size 52 is the whole 64-bit space */
    unsigned size = (unsigned)smmu_cmd_ATC_Size(cmd);
    if (size >= 52) {
        inv->addr = 0;
        inv->size = 0;
    } else {
        inv->size = UINT64_C(4096) << size;
        inv->addr = (smmu_cmd_Addr(cmd) << 12) & ~(inv->size - 1);
    }
    return true;
}

int ats_cmd_gate(struct smmu *s, unsigned bank, bool sync)
{
    struct smmu_bank *b = &s->bank[bank];
    if (sync) {
        if (b->atc_npending) {
            b->atc_blocked = true;
            return ATS_WAIT;
        }
        if (b->atc_failed) {
            b->atc_failed = false; /* reported once; the CMD_SYNC completes if retried */
            return ATS_SYNC_ERR;
        }
        return ATS_GO;
    }
    if (b->atc_npending >= ATC_PENDING_MAX) {
        b->atc_blocked = true;
        return ATS_WAIT;
    }
    return ATS_GO;
}

void ats_atc_inv_send(struct smmu *s, unsigned bank, smmu_atc_inval *inv)
{
    struct smmu_bank *b = &s->bank[bank];
    s->bstats.atc_invals++;
    if (!s->bcb.atc_inval)
        return; /* no endpoint to wait for: complete at once */
    /* The id names the queue (bits [1:0]) and is never reused, so that an acknowledgement
     * after a reset is recognised as stale */
    inv->id = ++s->atc_next_id << 2 | bank;
    b->atc_pending[b->atc_npending++] = inv->id;
    s->bcb.atc_inval(s->env.ctx, inv);
}

smmu_status smmu_atc_inval_complete(smmu_t *s, uint64_t id, bool ok)
{
    if (!s)
        return SMMU_E_INVAL;
    unsigned bank = (unsigned)(id & 3);
    struct smmu_bank *b = &s->bank[bank < BANK_COUNT ? bank : 0];
    unsigned i = 0;
    while (bank < BANK_COUNT && i < b->atc_npending && b->atc_pending[i] != id)
        i++;
    if (bank >= BANK_COUNT || i == b->atc_npending) {
        smmu_log(s, SMMU_LOG_WARN, "smmu_atc_inval_complete: id 0x%llx is not outstanding "
                 "(completed already, or sent before a reset)", (unsigned long long)id);
        return SMMU_E_INVAL;
    }
    b->atc_pending[i] = b->atc_pending[--b->atc_npending];
    if (!ok) {
        smmu_log(s, SMMU_LOG_ERROR, "ATC invalidation 0x%llx timed out",
                 (unsigned long long)id);
        b->atc_failed = true;
    }
    /* A queue stopped for it goes on (from inside the atc_inval callback too: cmdq_process
     * then only asks the running consumer to look again) */
    if (b->atc_blocked) {
        b->atc_blocked = false;
        cmdq_process(s, bank);
    }
    return SMMU_OK;
}
