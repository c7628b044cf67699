/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The command queue consumer [IHI 0070 3.5, 4, 7.1]: one per programming interface (bank).
 * cmdq_decode() checks a command's legality for the queue and the implemented features and
 * turns it into an action (an invalidation scope or a CMD_SYNC completion); cmdq_process()
 * fetches, decodes, executes and consumes.
 *
 * Model choices:
 *  - non-zero RES0 bits in a command are CERROR_ILL (IHI 0070 4.1.5 permits this or ignoring
 *    them), with a diagnostic naming the bit and, if it belongs to a field of another command
 *    or feature, that field. Two exceptions, where the spec says an invalidation "is not
 *    required to affect" entries: ASID/VMID[15:8] with 8-bit ASIDs/VMIDs, and the VMID of
 *    CMD_TLBI_NH_* when that Security state has no stage 2 [4.4, 4.4.2]: they are ignored with
 *    a warning;
 *  - CMD_PREFETCH_* are accepted and do nothing (prefetch is a hint); CMD_PREFETCH_ADDR's
 *    Stride and NS fields have unknown positions, so DW1[11:5] is not checked for it;
 *  - CMD_ATC_INV is sent to the endpoint (ats.c); a CMD_SYNC waits for the ATC invalidations
 *    consumed before it, and CMD_ATC_INV waits while ATC_PENDING_MAX are outstanding;
 *    CMD_PRI_RESP sends its PRG response at consumption (priq.c); CMD_RESUME /
 *    CMD_STALL_TERM (legal when the queue's STALL_MODEL is not 01) act on held transactions
 *    in stall.c;
 *  - CMD_SYNC with CS=SIG_IRQ pulses the queue's wired CMD_SYNC line and, if MSIAddress != 0
 *    and MSIs are implemented, writes MSIData there (both, as IHI 0070 3.18.2 allows);
 *    CS=SIG_SEV without IDR0.SEV does nothing (logged);
 *  - a Command queue counts as observed full [4.1.2] when the consumer finds it full as it
 *    takes a command, after fetching it (software may have seen PROD and CONS after writing
 *    PROD, setting CMDQEN, acknowledging CMDQ_ERR, or while the fetch callback yielded): its
 *    consumption sends a WFE wake-up event;
 *  - StreamIDs beyond SIDSIZE in CMD_CFGI_* (CONSTRAINED UNPREDICTABLE [4.1.7]) are
 *    invalidated as given, with a warning;
 *  - CMD_TLBI_EL2_VA/VAA act on EL2-E2H entries when SMMU_(S_)CR2.E2H is 1, else on EL2
 *    entries [4.4.2.8-9]; TLBI_S2_IPA also removes combined stage 1+2 entries by IPA (allowed
 *    over-invalidation [4.4.3.1]);
 *  - stats.commands counts commands consumed (an erroneous command is counted once it is
 *    finally consumed).
 */
#include <stdio.h>
#include <string.h>

#include "bits.h"
#include "check.h"
#include "smmuv3/arch.h"
#include "ats.h"
#include "cmdq.h"
#include "inval.h"
#include "priq.h"
#include "regs.h"
#include "regs_layout.h"
#include "stall.h"
#include "tlbi.h"

/* Absolute bit ranges of the command fields, as constants for building "defined" masks. */
#define CMD_F(name, hi, lo) CMDF_##name##_HI = (hi), CMDF_##name##_LO = (lo),
enum { SMMU_CMD_FIELDS(CMD_F) CMDF_END_ };
#undef CMD_F

static void allow_bits(uint64_t m[2], unsigned hi, unsigned lo)
{
    uint64_t w = SMMU_GENMASK(hi % 64, lo % 64);
    m[lo / 64] |= w;
}
#define ALLOW(m, name) allow_bits(m, CMDF_##name##_HI, CMDF_##name##_LO)

const char *cmdq_opcode_name(unsigned op)
{
    switch (op) {
    case SMMU_CMD_PREFETCH_CONFIG: return "CMD_PREFETCH_CONFIG";
    case SMMU_CMD_PREFETCH_ADDR: return "CMD_PREFETCH_ADDR";
    case SMMU_CMD_CFGI_STE: return "CMD_CFGI_STE";
    case SMMU_CMD_CFGI_STE_RANGE: return "CMD_CFGI_STE_RANGE";
    case SMMU_CMD_CFGI_CD: return "CMD_CFGI_CD";
    case SMMU_CMD_CFGI_CD_ALL: return "CMD_CFGI_CD_ALL";
    case SMMU_CMD_CFGI_VMS_PIDM: return "CMD_CFGI_VMS_PIDM";
    case SMMU_CMD_TLBI_NH_ALL: return "CMD_TLBI_NH_ALL";
    case SMMU_CMD_TLBI_NH_ASID: return "CMD_TLBI_NH_ASID";
    case SMMU_CMD_TLBI_NH_VA: return "CMD_TLBI_NH_VA";
    case SMMU_CMD_TLBI_NH_VAA: return "CMD_TLBI_NH_VAA";
    case SMMU_CMD_TLBI_EL3_ALL: return "CMD_TLBI_EL3_ALL";
    case SMMU_CMD_TLBI_EL3_VA: return "CMD_TLBI_EL3_VA";
    case SMMU_CMD_TLBI_EL2_ALL: return "CMD_TLBI_EL2_ALL";
    case SMMU_CMD_TLBI_EL2_ASID: return "CMD_TLBI_EL2_ASID";
    case SMMU_CMD_TLBI_EL2_VA: return "CMD_TLBI_EL2_VA";
    case SMMU_CMD_TLBI_EL2_VAA: return "CMD_TLBI_EL2_VAA";
    case SMMU_CMD_TLBI_S12_VMALL: return "CMD_TLBI_S12_VMALL";
    case SMMU_CMD_TLBI_S2_IPA: return "CMD_TLBI_S2_IPA";
    case SMMU_CMD_TLBI_NSNH_ALL: return "CMD_TLBI_NSNH_ALL";
    case SMMU_CMD_ATC_INV: return "CMD_ATC_INV";
    case SMMU_CMD_PRI_RESP: return "CMD_PRI_RESP";
    case SMMU_CMD_RESUME: return "CMD_RESUME";
    case SMMU_CMD_STALL_TERM: return "CMD_STALL_TERM";
    case SMMU_CMD_SYNC: return "CMD_SYNC";
    case SMMU_CMD_TLBI_S_EL2_ALL: return "CMD_TLBI_S_EL2_ALL";
    case SMMU_CMD_TLBI_S_EL2_ASID: return "CMD_TLBI_S_EL2_ASID";
    case SMMU_CMD_TLBI_S_EL2_VA: return "CMD_TLBI_S_EL2_VA";
    case SMMU_CMD_TLBI_S_EL2_VAA: return "CMD_TLBI_S_EL2_VAA";
    case SMMU_CMD_TLBI_S_S12_VMALL: return "CMD_TLBI_S_S12_VMALL";
    case SMMU_CMD_TLBI_S_S2_IPA: return "CMD_TLBI_S_S2_IPA";
    case SMMU_CMD_TLBI_SNH_ALL: return "CMD_TLBI_SNH_ALL";
    case SMMU_CMD_DPTI_ALL: return "CMD_DPTI_ALL";
    case SMMU_CMD_DPTI_PA: return "CMD_DPTI_PA";
    }
    return (op >= 0x80 && op <= 0x8F) ? "IMPLEMENTATION DEFINED" : "reserved";
}

/* ---------------------------------------------------------------------------------------------
 * Decode
 * ------------------------------------------------------------------------------------------- */

/* What the decoder of one command needs, for its checks and diagnostics. */
struct dctx {
    struct smmu *s;
    unsigned bank;
    uint32_t index;
    unsigned op;
    const uint64_t *cmd;
    uint64_t allowed[2];        /* bits this command defines */
};

static const char *const queue_names[BANK_COUNT] = {"CMDQ", "S_CMDQ", "R_CMDQ"};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void dlog(const struct dctx *d, smmu_log_level lvl, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    smmu_log(d->s, lvl, "%s entry %u: %s (0x%02x): %s", queue_names[d->bank], d->index,
             cmdq_opcode_name(d->op), d->op, msg);
}

#define ILL(d, ...)                                                                              \
    do {                                                                                         \
        dlog(d, SMMU_LOG_ERROR, __VA_ARGS__);                                                    \
        return SMMU_CERROR_ILL;                                                                       \
    } while (0)

#define REGIME(r) (1u << (r))

/* The operands of a TLBI command: the fields are allowed, with a diagnostic for the values the
 * spec lets the SMMU ignore; tlbi_scope() applies the widths and the wildcard (tlbi.h). */

/* VMID [4.4]: matched only when the Security state uses VMIDs; [15:8] ignored with 8-bit VMIDs. */
static void take_vmid(struct dctx *d, struct tlbi_op *t, bool used)
{
    ALLOW(d->allowed, VMID);
    uint64_t v = smmu_cmd_VMID(d->cmd);
    if (!used && v)
        dlog(d, SMMU_LOG_WARN, "VMID 0x%llx is RES0 without stage 2 for this queue's "
             "Security state: ignored", (unsigned long long)v);
    else if (used && !d->s->cfg.vmid16 && v > 0xFF)
        dlog(d, SMMU_LOG_WARN, "VMID[15:8] of 0x%llx is RES0 with 8-bit VMIDs: ignored",
             (unsigned long long)v);
    t->vmid = (uint16_t)v;
}

static void take_asid(struct dctx *d, struct tlbi_op *t)
{
    ALLOW(d->allowed, ASID);
    uint64_t a = smmu_cmd_ASID(d->cmd);
    if (!d->s->cfg.asid16 && a > 0xFF)
        dlog(d, SMMU_LOG_WARN, "ASID[15:8] of 0x%llx is RES0 with 8-bit ASIDs: ignored",
             (unsigned long long)a);
    t->asid = (uint16_t)a;
}

/* Address, Leaf and the range / level-hint fields of an address-based TLBI [4.4.1.1]. */
static unsigned take_range(struct dctx *d, struct tlbi_op *t, bool ipa)
{
    const smmu_config *c = &d->s->cfg;
    const uint64_t *cmd = d->cmd;
    ALLOW(d->allowed, Leaf);
    if (ipa) {
        ALLOW(d->allowed, IPA);
        t->addr = smmu_cmd_IPA(cmd) << 12;
    } else {
        ALLOW(d->allowed, Addr);
        t->addr = smmu_cmd_Addr(cmd) << 12;
    }
    t->leaf = smmu_cmd_Leaf(cmd);
    t->size = 0; /* one address: any entry containing it */
    unsigned tg = (unsigned)smmu_cmd_TG(cmd);
    if (!c->ril || tg == 0)
        return SMMU_CERROR_NONE; /* TG/TTL/NUM/SCALE are RES0: checked with the other RES0 bits */
    ALLOW(d->allowed, TG);
    ALLOW(d->allowed, TTL);
    ALLOW(d->allowed, NUM);
    allow_bits(d->allowed, c->ds ? CMDF_SCALE_HI : CMDF_SCALE_HI - 1, CMDF_SCALE_LO);
    unsigned ttl = (unsigned)smmu_cmd_TTL(cmd);
    unsigned num = (unsigned)smmu_cmd_NUM(cmd);
    unsigned scale = (unsigned)smmu_cmd_SCALE(cmd) & (c->ds ? 0x3F : 0x1F);
    if (tg == 2 && ttl == 1 && !c->ds)
        ttl = 0; /* 16K level 1 without DS is reserved and treated as TTL=00 */
    if (num == 0 && scale == 0 && ttl == 0)
        ILL(d, "TG=%u with NUM=0, SCALE=0, TTL=0 is a reserved encoding", tg);
    if (scale > 39)
        scale = 39; /* "treated as 39" */
    unsigned gshift = tg == 1 ? 12 : tg == 2 ? 14 : 16;
    t->size = (uint64_t)(num + 1) << (scale + gshift);
    t->ttl = (uint8_t)ttl;
    return SMMU_CERROR_NONE;
}

/* SSec: only the Secure queue has Secure StreamIDs [4.1.6]; every StreamID of the Realm queue
 * is a Realm StreamID [3.10.3]. Returns the bank of the SID. */
static unsigned take_ssec(struct dctx *d, unsigned *sec)
{
    bool ssec = smmu_cmd_SSec(d->cmd);
    *sec = d->bank == BANK_R ? BANK_R : BANK_NS;
    if (d->bank != BANK_S) {
        if (ssec)
            ILL(d, "SSec=1 is only valid on the Secure Command queue");
        return SMMU_CERROR_NONE;
    }
    ALLOW(d->allowed, SSec);
    *sec = ssec ? BANK_S : BANK_NS;
    return SMMU_CERROR_NONE;
}

static void check_sid(struct dctx *d, unsigned sec, uint64_t sid)
{
    unsigned bits = sec == BANK_S ? d->s->cfg.s_sid_bits : d->s->cfg.sid_bits;
    if (bits < 32 && sid >> bits)
        dlog(d, SMMU_LOG_WARN, "StreamID 0x%llx is beyond %sSIDSIZE %u (CONSTRAINED "
             "UNPREDICTABLE): invalidated as given", (unsigned long long)sid,
             sec == BANK_S ? "S_" : "", bits);
}

/* CMD_CFGI_* [4.3] */
static unsigned decode_cfgi(struct dctx *d, struct cmdq_action *act)
{
    const smmu_config *c = &d->s->cfg;
    struct cfg_inval *ci = &act->cfgi;
    unsigned sec, err = take_ssec(d, &sec);
    if (err)
        return err;
    if ((d->op == SMMU_CMD_CFGI_CD || d->op == SMMU_CMD_CFGI_CD_ALL) && !c->stage1)
        ILL(d, "CD invalidation needs stage 1 (IDR0.S1P=0)");
    ALLOW(d->allowed, StreamID);
    uint32_t sid = (uint32_t)smmu_cmd_StreamID(d->cmd);
    act->kind = CMDQ_ACT_CFGI;
    ci->sec = (uint8_t)sec;
    ci->sid_first = ci->sid_last = sid;
    switch (d->op) {
    case SMMU_CMD_CFGI_STE:
        ALLOW(d->allowed, Leaf);
        ci->leaf = smmu_cmd_Leaf(d->cmd); /* keeps a cached L1STD (strict mode caches them) */
        ci->what = CFGI_STE_AND_CDS;
        check_sid(d, sec, sid);
        break;
    case SMMU_CMD_CFGI_STE_RANGE: {
        ALLOW(d->allowed, Range);
        unsigned bits = sec == BANK_S ? c->s_sid_bits : c->sid_bits;
        unsigned n = (unsigned)smmu_cmd_Range(d->cmd) + 1; /* 2^(Range+1) StreamIDs */
        ci->what = CFGI_STE_AND_CDS;
        if (n == SMMU_CMD_CFGI_RANGE_ALL + 1 || n >= bits) {
            ci->all_sids = true; /* CMD_CFGI_ALL, or a range covering every StreamID */
            ci->sid_first = 0;
            ci->sid_last = UINT32_MAX;
        } else {
            uint32_t m = (uint32_t)((UINT64_C(1) << n) - 1);
            ci->sid_first = sid & ~m;
            ci->sid_last = ci->sid_first | m;
        }
        break;
    }
    case SMMU_CMD_CFGI_CD:
        ALLOW(d->allowed, SubstreamID);
        ALLOW(d->allowed, Leaf);
        ci->leaf = smmu_cmd_Leaf(d->cmd); /* keeps a cached L1CD (strict mode caches them) */
        ci->what = CFGI_CD_ONE;
        ci->ssid = (uint32_t)smmu_cmd_SubstreamID(d->cmd);
        check_sid(d, sec, sid);
        break;
    default: /* CMD_CFGI_CD_ALL */
        ci->what = CFGI_CD_ALL;
        check_sid(d, sec, sid);
        break;
    }
    return SMMU_CERROR_NONE;
}

/* CMD_TLBI_* [4.4] */
static unsigned decode_tlbi(struct dctx *d, struct cmdq_action *act)
{
    struct smmu *s = d->s;
    const smmu_config *c = &s->cfg;
    struct tlb_inval *inv = &act->tlbi;
    bool secq = d->bank == BANK_S;
    unsigned op = d->op, err = SMMU_CERROR_NONE;
    act->kind = CMDQ_ACT_TLBI;

    /* Queue and feature legality [4.4.2-4.4.4] */
    bool s1cmd = op <= SMMU_CMD_TLBI_EL2_VAA || (op >= SMMU_CMD_TLBI_S_EL2_ALL && op <= SMMU_CMD_TLBI_S_EL2_VAA);
    bool secure_only = op == SMMU_CMD_TLBI_EL3_ALL || op == SMMU_CMD_TLBI_EL3_VA ||
                       op >= SMMU_CMD_TLBI_S_EL2_ALL;
    if (secure_only && !secq)
        ILL(d, "only valid on the Secure Command queue");
    if ((op == SMMU_CMD_TLBI_EL3_ALL || op == SMMU_CMD_TLBI_EL3_VA) && c->rme_impl)
        ILL(d, "no EL3 StreamWorld with IDR0.RME_IMPL=1 [3.25]");
    /* "If SMMU_IDR0.Hyp == 0, CERROR_ILL" [4.4]: Hyp is 0 whenever a stage is missing
     * (idr_rules.c), so this names the rule the EL2 commands break first */
    if (op >= SMMU_CMD_TLBI_EL2_ALL && op <= SMMU_CMD_TLBI_EL2_VAA && !c->hyp)
        ILL(d, "EL2 is not implemented (IDR0.Hyp=0)");
    if (s1cmd && !c->stage1)
        ILL(d, "stage 1 is not implemented (IDR0.S1P=0)");
    if ((op == SMMU_CMD_TLBI_S12_VMALL || op == SMMU_CMD_TLBI_S2_IPA) && !c->stage2)
        ILL(d, "stage 2 is not implemented (IDR0.S2P=0)");
    if (op >= SMMU_CMD_TLBI_S_EL2_ALL && !c->sel2)
        ILL(d, "Secure EL2 / Secure stage 2 is not implemented (S_IDR1.SEL2=0)");

    /* TLB tag conventions: tlb.h; VMID and ASID rules: tlbi.h. On the Realm queue every
     * command acts on Realm state [4.4, digest 5.2 "Realm queue"]. */
    unsigned sec = d->bank;
    bool realmq = d->bank == BANK_R;
    unsigned own = realmq ? BANK_R : BANK_NS; /* the target of the non-S_ forms */
    struct tlbi_op t = {0};
    t.sec = (uint8_t)sec;
    t.regimes = REGIME(REGIME_EL1);
    switch (op) {
    case SMMU_CMD_TLBI_NH_ALL:
    case SMMU_CMD_TLBI_NH_ASID:
    case SMMU_CMD_TLBI_NH_VA:
    case SMMU_CMD_TLBI_NH_VAA:
        t.kind = op == SMMU_CMD_TLBI_NH_ALL ? TLBI_K_S1 : op == SMMU_CMD_TLBI_NH_ASID ? TLBI_K_ASID
                 : op == SMMU_CMD_TLBI_NH_VA ? TLBI_K_VA : TLBI_K_VAA;
        take_vmid(d, &t, tlbi_vmid_used(s, sec));
        if (op == SMMU_CMD_TLBI_NH_ASID || op == SMMU_CMD_TLBI_NH_VA)
            take_asid(d, &t);
        if (op == SMMU_CMD_TLBI_NH_VA || op == SMMU_CMD_TLBI_NH_VAA)
            err = take_range(d, &t, false);
        break;
    case SMMU_CMD_TLBI_EL3_ALL:
    case SMMU_CMD_TLBI_EL3_VA:
        t.sec = BANK_S;
        t.regimes = REGIME(REGIME_EL3);
        t.kind = op == SMMU_CMD_TLBI_EL3_ALL ? TLBI_K_S1 : TLBI_K_VA;
        if (op == SMMU_CMD_TLBI_EL3_VA)
            err = take_range(d, &t, false);
        break;
    case SMMU_CMD_TLBI_EL2_ALL:
    case SMMU_CMD_TLBI_S_EL2_ALL:
        t.sec = (uint8_t)(op == SMMU_CMD_TLBI_EL2_ALL ? own : BANK_S);
        t.regimes = REGIME(REGIME_EL2) | REGIME(REGIME_EL2_E2H);
        t.kind = TLBI_K_S1;
        break;
    case SMMU_CMD_TLBI_EL2_ASID:
    case SMMU_CMD_TLBI_S_EL2_ASID:
        t.sec = (uint8_t)(op == SMMU_CMD_TLBI_EL2_ASID ? own : BANK_S);
        t.regimes = REGIME(REGIME_EL2_E2H);
        t.kind = TLBI_K_ASID;
        take_asid(d, &t);
        break;
    case SMMU_CMD_TLBI_EL2_VA:
    case SMMU_CMD_TLBI_EL2_VAA:
    case SMMU_CMD_TLBI_S_EL2_VA:
    case SMMU_CMD_TLBI_S_EL2_VAA: {
        /* Both queues act on NS-EL2 for the non-S_ forms [4.4.2.8]; the ASID of the VA forms
         * is ignored unless E2H gives the EL2 entries ASIDs (tlbi_scope) */
        t.sec = (uint8_t)(op < SMMU_CMD_TLBI_S_EL2_ALL ? own : BANK_S);
        bool e2h = s->bank[t.sec].cr2 & SMMU_CR2_E2H;
        bool va = op == SMMU_CMD_TLBI_EL2_VA || op == SMMU_CMD_TLBI_S_EL2_VA;
        t.regimes = REGIME(e2h ? REGIME_EL2_E2H : REGIME_EL2);
        t.kind = va ? TLBI_K_VA : TLBI_K_VAA;
        if (va)
            take_asid(d, &t);
        err = take_range(d, &t, false);
        break;
    }
    case SMMU_CMD_TLBI_S12_VMALL:
    case SMMU_CMD_TLBI_S_S12_VMALL:
        t.sec = (uint8_t)(op == SMMU_CMD_TLBI_S12_VMALL ? own : BANK_S);
        t.kind = TLBI_K_S12;
        take_vmid(d, &t, true);
        break;
    case SMMU_CMD_TLBI_S2_IPA:
    case SMMU_CMD_TLBI_S_S2_IPA:
        t.sec = (uint8_t)(op == SMMU_CMD_TLBI_S2_IPA ? own : BANK_S);
        t.kind = TLBI_K_IPA;
        take_vmid(d, &t, true);
        err = take_range(d, &t, true);
        if (op == SMMU_CMD_TLBI_S_S2_IPA) {
            ALLOW(d->allowed, S2_NS);
            t.by_ipa_ns = true;
            t.ipa_ns = (uint8_t)smmu_cmd_S2_NS(d->cmd);
        }
        break;
    case SMMU_CMD_TLBI_NSNH_ALL: /* on the Realm queue: Realm ALLE1 */
    case SMMU_CMD_TLBI_SNH_ALL:
        t.sec = (uint8_t)(op == SMMU_CMD_TLBI_NSNH_ALL ? own : BANK_S);
        t.kind = TLBI_K_ALL;
        break;
    default:
        ILL(d, "reserved opcode");
    }
    tlbi_scope(s, &t, inv);
    return err;
}

static unsigned decode_sync(struct dctx *d, struct cmdq_action *act)
{
    struct smmu *s = d->s;
    ALLOW(d->allowed, CS);
    ALLOW(d->allowed, MSH);
    ALLOW(d->allowed, MSIAttr);
    ALLOW(d->allowed, MSIData);
    ALLOW(d->allowed, MSIAddr);
    if (d->bank == BANK_R)
        ALLOW(d->allowed, MSI_NS); /* Realm queue only [4.7.3]; read at completion */
    unsigned cs = (unsigned)smmu_cmd_CS(d->cmd);
    if (cs == 3)
        ILL(d, "CS=0b11 is reserved");
    act->kind = CMDQ_ACT_SYNC;
    act->sync_cs = (uint8_t)cs;
    /* "The check for zero applies to the entire specified field span and is not limited to
     * the physical address size (OAS) ... MSIAddress is truncated to the OAS" [4.7.3] */
    uint64_t addr = smmu_cmd_MSIAddr(d->cmd) << 2;
    act->msi = addr != 0;
    if (addr >> s->cfg.oas_bits) {
        dlog(d, SMMU_LOG_WARN, "MSIAddress 0x%llx has bits above the %u-bit OAS: truncated to "
             "0x%llx", (unsigned long long)addr, s->cfg.oas_bits,
             (unsigned long long)(addr & SMMU_GENMASK(s->cfg.oas_bits - 1, 0)));
        addr &= SMMU_GENMASK(s->cfg.oas_bits - 1, 0);
    }
    act->msi_addr = addr;
    act->msi_data = (uint32_t)smmu_cmd_MSIData(d->cmd);
    act->msi_attrs = regs_msi_attrs((unsigned)smmu_cmd_MSH(d->cmd), (unsigned)smmu_cmd_MSIAttr(d->cmd));
    return SMMU_CERROR_NONE;
}

/* Name the field that owns absolute bit `bit`, for diagnostics: for TLBI commands one of
 * the TLBI fields, otherwise the narrowest field of any command. */
static const char *field_at(unsigned op, unsigned bit)
{
    static const char *const tlbi_fields[] = {"NUM", "SCALE", "VMID", "ASID", "Leaf", "TTL128",
                                              "TTL", "TG", "IPA", "Addr", "S2_NS"};
    bool tlbi = (op >= SMMU_CMD_TLBI_NH_ALL && op <= SMMU_CMD_TLBI_NSNH_ALL) || op >= SMMU_CMD_TLBI_S_EL2_ALL;
    const struct smmu_field_desc *best = NULL;
    for (size_t i = 1; i < smmu_cmd_field_count; i++) {
        const struct smmu_field_desc *f = &smmu_cmd_field_table[i];
        if (bit < f->lo || bit > f->hi)
            continue;
        bool ok = !tlbi;
        for (size_t j = 0; tlbi && j < sizeof(tlbi_fields) / sizeof(tlbi_fields[0]); j++)
            ok |= strcmp(f->name, tlbi_fields[j]) == 0;
        if (ok && (!best || f->hi - f->lo < best->hi - best->lo))
            best = f;
    }
    return best ? best->name : "no";
}

unsigned cmdq_decode(struct smmu *s, unsigned bank, const uint64_t cmd[SMMU_CMD_DWORDS],
                     uint32_t index, struct cmdq_action *act)
{
    const smmu_config *c = &s->cfg;
    struct dctx dc = {s, bank, index, (unsigned)smmu_cmd_Opcode(cmd), cmd, {0, 0}};
    struct dctx *d = &dc;
    unsigned err = SMMU_CERROR_NONE, sec;
    bool secq = bank == BANK_S;
    memset(act, 0, sizeof(*act));
    act->op = (uint8_t)d->op;
    ALLOW(d->allowed, Opcode);

    switch (d->op) {
    case SMMU_CMD_PREFETCH_CONFIG:
    case SMMU_CMD_PREFETCH_ADDR:
        /* [4.2] a hint: accepted, no effect */
        err = take_ssec(d, &sec);
        ALLOW(d->allowed, SSV);
        ALLOW(d->allowed, SubstreamID);
        ALLOW(d->allowed, StreamID);
        if (d->op == SMMU_CMD_PREFETCH_ADDR) {
            ALLOW(d->allowed, Size);
            ALLOW(d->allowed, Addr);
            allow_bits(d->allowed, 75, 69); /* Stride, NS: positions unknown, not checked */
        }
        break;
    case SMMU_CMD_CFGI_STE:
    case SMMU_CMD_CFGI_STE_RANGE:
    case SMMU_CMD_CFGI_CD:
    case SMMU_CMD_CFGI_CD_ALL:
        err = decode_cfgi(d, act);
        break;
    case SMMU_CMD_CFGI_VMS_PIDM:
        ILL(d, "needs MPAM and VMS (IDR3.MPAM=0)");
    case SMMU_CMD_TLBI_NH_ALL: case SMMU_CMD_TLBI_NH_ASID: case SMMU_CMD_TLBI_NH_VA: case SMMU_CMD_TLBI_NH_VAA:
    case SMMU_CMD_TLBI_EL3_ALL: case SMMU_CMD_TLBI_EL3_VA:
    case SMMU_CMD_TLBI_EL2_ALL: case SMMU_CMD_TLBI_EL2_ASID: case SMMU_CMD_TLBI_EL2_VA: case SMMU_CMD_TLBI_EL2_VAA:
    case SMMU_CMD_TLBI_S12_VMALL: case SMMU_CMD_TLBI_S2_IPA: case SMMU_CMD_TLBI_NSNH_ALL:
    case SMMU_CMD_TLBI_S_EL2_ALL: case SMMU_CMD_TLBI_S_EL2_ASID: case SMMU_CMD_TLBI_S_EL2_VA:
    case SMMU_CMD_TLBI_S_EL2_VAA: case SMMU_CMD_TLBI_S_S12_VMALL: case SMMU_CMD_TLBI_S_S2_IPA:
    case SMMU_CMD_TLBI_SNH_ALL:
        err = decode_tlbi(d, act);
        break;
    case SMMU_CMD_ATC_INV:
        /* [4.5.1] ILL without ATS, and on the Secure queue with S_IDR3.SAMS */
        if (!c->ats)
            ILL(d, "ATS is not implemented (IDR0.ATS=0)");
        if (secq && c->sams)
            ILL(d, "illegal on the Secure queue when S_IDR3.SAMS=1");
        ALLOW(d->allowed, Global);
        ALLOW(d->allowed, SSV);
        ALLOW(d->allowed, SubstreamID);
        ALLOW(d->allowed, StreamID);
        ALLOW(d->allowed, ATC_Size);
        ALLOW(d->allowed, Addr);
        if (bank == BANK_R && !(s->bank[BANK_R].idr[0] & SMMU_IDR0_ATS))
            ILL(d, "ATS is not implemented (R_IDR0.ATS=0)");
        /* Size > 52 "might be CERROR_ILL or use an UNKNOWN span" [4.5.1]: ILL here */
        if (smmu_cmd_ATC_Size(cmd) > 52)
            ILL(d, "Size %u is above 52", (unsigned)smmu_cmd_ATC_Size(cmd));
        act->kind = ats_decode_atc_inv(s, bank, cmd, &act->atc) ? CMDQ_ACT_ATC : CMDQ_ACT_NONE;
        break;
    case SMMU_CMD_PRI_RESP:
        if (!c->pri || bank == BANK_R)
            ILL(d, "PRI is not implemented (%sIDR0.PRI=0)", bank == BANK_R ? "R_" : "");
        if (secq && c->sams)
            ILL(d, "illegal on the Secure queue when S_IDR3.SAMS=1");
        ALLOW(d->allowed, SSV);
        ALLOW(d->allowed, SubstreamID);
        ALLOW(d->allowed, StreamID);
        ALLOW(d->allowed, PRGIndex);
        ALLOW(d->allowed, Resp);
        if (smmu_cmd_Resp(cmd) == 3)
            ILL(d, "Resp=0b11 is reserved");
        break;
    case SMMU_CMD_RESUME:
    case SMMU_CMD_STALL_TERM: {
        /* [4.6] ILL on a queue whose STALL_MODEL is 01 (the NS one reflects NSSTALLD) */
        unsigned sm = (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, s->bank[bank].idr[0]);
        if (sm == SMMU_TERMINATE_ONLY)
            ILL(d, "%sIDR0.STALL_MODEL is 0b01 (terminate only)",
                bank == BANK_S ? "S_" : bank == BANK_R ? "R_" : "");
        err = take_ssec(d, &sec);
        ALLOW(d->allowed, StreamID);
        if (d->op == SMMU_CMD_RESUME) {
            ALLOW(d->allowed, Ac);
            ALLOW(d->allowed, Ab);
            ALLOW(d->allowed, STAG);
        }
        break;
    }
    case SMMU_CMD_SYNC:
        err = decode_sync(d, act);
        break;
    case SMMU_CMD_DPTI_ALL:
    case SMMU_CMD_DPTI_PA:
        ILL(d, "DPT is not implemented (IDR3.DPT=0)");
    default:
        ILL(d, "%s opcode", (d->op >= 0x80 && d->op <= 0x8F) ? "unimplemented IMPLEMENTATION "
                                                                "DEFINED" : "reserved");
    }
    if (err)
        return err;

    /* RES0 bits [4.1.5]: CERROR_ILL (model choice, see the header comment) */
    for (unsigned w = 0; w < SMMU_CMD_DWORDS; w++) {
        uint64_t bad = cmd[w] & ~d->allowed[w];
        if (bad) {
            unsigned bit = 64 * w + (unsigned)__builtin_ctzll(bad);
            ILL(d, "RES0 bit %u (%s field not valid here) is set: DW%u = 0x%016llx", bit,
                field_at(d->op, bit), w, (unsigned long long)cmd[w]);
        }
    }
    return SMMU_CERROR_NONE;
}

/* ---------------------------------------------------------------------------------------------
 * Execution and consumption
 * ------------------------------------------------------------------------------------------- */

/* A WFE wake-up event (IDR0.SEV == 1) [4.1.2, 4.7.3]. */
static void cmdq_sev(struct smmu *s)
{
    if (s->env.sev)
        s->env.sev(s->env.ctx);
}

/* SMMU_TRACE_COMMAND for the command at pa (cmd NULL: its read aborted; the record then
 * carries zeros and nwords 0, so that words[0..1] stay readable), once it was consumed
 * (outcome SMMU_CERROR_NONE) or raised a command error (the CERROR code). */
static void cmd_trace(struct smmu *s, unsigned bank, uint64_t pa, const uint64_t *cmd,
                      unsigned outcome)
{
    static const uint64_t unread[SMMU_CMD_DWORDS];
    if (!s->env.trace)
        return;
    smmu_trace t = {SMMU_TRACE_COMMAND, (smmu_sec_sid)bank, 0, 0, pa, s->bank[bank].pas,
                    cmd ? cmd : unread, cmd ? SMMU_CMD_DWORDS : 0, NULL, NULL, outcome};
    s->env.trace(s->env.ctx, &t);
}

/* msi_pas: the bank's PA space, or Non-secure for a Realm CMD_SYNC with MSI_NS = 1. */
static void cmdq_sync_complete(struct smmu *s, unsigned bank, const struct cmdq_action *a,
                               smmu_pa_space msi_pas)
{
    if (a->sync_cs == SMMU_CMD_SYNC_SIG_IRQ) {
        smmu_raise_irq(s, (smmu_sec_sid)bank, SMMU_IRQ_CMD_SYNC);
        if (s->cfg.msi && a->msi &&
            smmu_msi_write(s, a->msi_addr, msi_pas, a->msi_data, &a->msi_attrs, ORIG_MSI_CMDQ)) {
            smmu_log(s, SMMU_LOG_ERROR, "%s: CMD_SYNC MSI write to 0x%llx aborted: "
                     "MSI_CMDQ_ABT_ERR", queue_names[bank], (unsigned long long)a->msi_addr);
            regs_gerror_activate(s, bank, SMMU_GERROR_MSI_CMDQ_ABT_ERR);
        }
    } else if (a->sync_cs == SMMU_CMD_SYNC_SIG_SEV) {
        if (s->cfg.sev)
            cmdq_sev(s);
        else
            smmu_log(s, SMMU_LOG_WARN, "%s: CMD_SYNC CS=SIG_SEV but IDR0.SEV=0: no event sent",
                     queue_names[bank]);
    }
}

static void cmdq_error(struct smmu *s, unsigned bank, uint32_t cons, unsigned err)
{
    struct smmu_bank *b = &s->bank[bank];
    /* CONS stays on the faulting command; ERR is written, then CMDQ_ERR activated [7.1]. */
    b->cmdq.cons = (cons & ~(uint32_t)SMMU_CMDQ_CONS_ERR) | (uint32_t)SMMU_FIELD_PREP(SMMU_CMDQ_CONS_ERR, err);
    regs_gerror_activate(s, bank, SMMU_GERROR_CMDQ_ERR);
}

/* Consume while enabled, non-empty and no CMDQ_ERR is active. */
static void cmdq_consume(struct smmu *s, unsigned bank)
{
    struct smmu_bank *b = &s->bank[bank];
    /* "the SMMU triggers a WFE wake-up event when a Command queue becomes non-full and an
     * agent external to the SMMU could have observed that the queue was previously full"
     * [4.1.2]: a queue the consumer finds full as it takes a command (see the file comment) */
    bool seen_full = false;
    for (;;) {
        if (!(b->cr0 & SMMU_CR0_CMDQEN) || regs_gerror_active(b, SMMU_GERROR_CMDQ_ERR))
            return;
        unsigned qs = smmu_queue_log2size(b->cmdq.base, s->cfg.cmdq_log2max);
        uint32_t cons = b->cmdq.cons;
        if (smmu_queue_empty(b->cmdq.prod, cons, qs))
            return;
        uint32_t idx = cons & smmu_queue_idx_mask(qs);
        uint64_t pa = smmu_queue_base_pa(b->cmdq.base, qs, SMMU_CMDQ_ENTRY_BYTES) +
                      (uint64_t)idx * SMMU_CMDQ_ENTRY_BYTES;
        smmu_mem_attrs at = smmu_cr1_attrs((uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_IC, b->cr1),
                                           (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_OC, b->cr1),
                                           (uint32_t)SMMU_FIELD_GET(SMMU_CR1_QUEUE_SH, b->cr1));
        uint8_t buf[SMMU_CMDQ_ENTRY_BYTES];
        int rc = smmu_mem_read(s, pa, b->pas, buf, sizeof(buf), &at, ORIG_CMDQ);
        /* The callback may have yielded: if software disabled the queue or moved CONS
         * meanwhile, start over from the registers. */
        if (!(b->cr0 & SMMU_CR0_CMDQEN) || b->cmdq.cons != cons)
            continue;
        /* Full now (PROD may have moved during the fetch; CONS has not): the command's
         * consumption makes it non-full */
        seen_full |= s->cfg.sev && smmu_queue_full(b->cmdq.prod, cons, qs);
        if (rc) {
            smmu_log(s, SMMU_LOG_ERROR, "%s entry %u: read of 0x%llx aborted: CERROR_ABT",
                     queue_names[bank], idx, (unsigned long long)pa);
            cmd_trace(s, bank, pa, NULL, SMMU_CERROR_ABT);
            cmdq_error(s, bank, cons, SMMU_CERROR_ABT);
            return;
        }
        uint64_t cmd[SMMU_CMD_DWORDS] = {le64_load(buf), le64_load(buf + 8)};
        struct cmdq_action a;
        unsigned err = cmdq_decode(s, bank, cmd, idx, &a);
        if (err) {
            cmd_trace(s, bank, pa, cmd, err);
            cmdq_error(s, bank, cons, err);
            return;
        }
        if (a.kind == CMDQ_ACT_SYNC || a.kind == CMDQ_ACT_ATC) {
            /* A CMD_SYNC waits for the ATC invalidations consumed before it [4.7.3] */
            int gate = ats_cmd_gate(s, bank, a.kind == CMDQ_ACT_SYNC);
            if (gate == ATS_WAIT)
                return; /* CONS stays on it; smmu_atc_inval_complete goes on */
            if (gate == ATS_SYNC_ERR) {
                smmu_log(s, SMMU_LOG_ERROR, "%s entry %u: CMD_SYNC: an ATC invalidation timed "
                         "out: CERROR_ATC_INV_SYNC", queue_names[bank], idx);
                cmd_trace(s, bank, pa, cmd, SMMU_CERROR_ATC_INV_SYNC);
                cmdq_error(s, bank, cons, SMMU_CERROR_ATC_INV_SYNC);
                return;
            }
        }
        if (a.kind == CMDQ_ACT_TLBI)
            smmu_invalidate_tlb(s, &a.tlbi);
        else if (a.kind == CMDQ_ACT_CFGI)
            smmu_invalidate_cfg(s, &a.cfgi);
        else if (a.kind == CMDQ_ACT_ATC)
            ats_atc_inv_send(s, bank, &a.atc);
        else if (a.op == SMMU_CMD_RESUME || a.op == SMMU_CMD_STALL_TERM)
            stall_command(s, bank, cmd); /* completes at consumption [4.7.1-4.7.3] */
        else if (a.op == SMMU_CMD_PRI_RESP)
            priq_cmd_resp(s, bank, cmd); /* priq.c [4.5.2] */
        if (s->chk)
            check_command(s, bank, &a);
        cmd_trace(s, bank, pa, cmd, SMMU_CERROR_NONE);
        /* Consumed: CONS passes the command (a CMD_SYNC completes after that [4.7.3]). */
        b->cmdq.cons = (b->cmdq.cons & (uint32_t)SMMU_CMDQ_CONS_ERR) | smmu_queue_inc(cons, qs);
        s->stats.commands++;
        s->stats.commands_by_opcode[a.op]++;
        if (a.op == SMMU_CMD_CFGI_STE_RANGE && smmu_cmd_Range(cmd) == 31)
            s->stats.commands_cfgi_all++;
        if (seen_full) {
            seen_full = false;
            cmdq_sev(s);
        }
        if (a.kind == CMDQ_ACT_SYNC)
            cmdq_sync_complete(s, bank, &a,
                               bank == BANK_R && smmu_cmd_MSI_NS(cmd) ? SMMU_PAS_NS : b->pas);
    }
}

void cmdq_process(struct smmu *s, unsigned bank)
{
    struct smmu_bank *b = &s->bank[bank];
    if (!b->present)
        return;
    if (b->cmdq_active) {
        b->cmdq_more = true; /* the running consumer looks at PROD again */
        return;
    }
    b->cmdq_active = 1;
    do {
        b->cmdq_more = false;
        cmdq_consume(s, bank);
    } while (b->cmdq_more);
    b->cmdq_active = 0;
}

const char *smmu_command_name(unsigned opcode)
{
    return cmdq_opcode_name(opcode);
}

const char *smmu_command_name_of(const uint64_t cmd[2])
{
    if (!cmd)
        return cmdq_opcode_name(0); /* reserved */
    unsigned op = (unsigned)smmu_cmd_Opcode(cmd);
    if (op == SMMU_CMD_CFGI_STE_RANGE && smmu_cmd_Range(cmd) == 31)
        return "CMD_CFGI_ALL";
    return cmdq_opcode_name(op);
}
