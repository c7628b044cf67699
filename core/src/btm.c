/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Broadcast TLB maintenance [IHI 0070 3.17-3.17.8]: a PE's broadcast TLBI, as the interconnect
 * delivers it, turned into the same TLB scope as the equivalent CMD_TLBI_* command (tlbi.h
 * builds both) and applied with the command path's entry point (smmu_invalidate_tlb), so that
 * env.invalidated is told alike. Configuration caches are never touched [3.17 Note: "cached
 * configuration structures are considered architecturally separate"].
 *
 * Equivalences (the operation's regime and Security state, then the command that has the same
 * scope on that Security state's queue):
 *   VAE1, VAAE1, ASIDE1, VMALLE1        -> CMD_TLBI_NH_VA, _NH_VAA, _NH_ASID, _NH_ALL
 *     with e2h (EL2&0)                  -> CMD_TLBI_EL2_VA, _EL2_VAA (CR2.E2H = 1), _EL2_ASID,
 *                                          and the EL2-E2H entries of CMD_TLBI_EL2_ALL
 *   VMALLS12E1, ALLE1, IPAS2E1          -> CMD_TLBI_S12_VMALL, _NSNH_ALL / _SNH_ALL, _S2_IPA
 *   VAE2, ALLE2                         -> CMD_TLBI_EL2_VA (E2H as e2h), CMD_TLBI_EL2_ALL
 *   VAE3, ALLE3                         -> CMD_TLBI_EL3_VA, CMD_TLBI_EL3_ALL
 * (the S_ forms for Secure EL2 and Secure stage 2).
 *
 * Model choices, each within what the spec permits:
 *  - with PTM = 1 the broadcasts of that Security state are ignored, as Arm "strongly
 *    recommends" [3.17]. PTM resets to 0 (the reset value is IMPLEMENTATION SPECIFIC
 *    [6.3.12]): firmware that relies on BTM without writing CR2 gets the broadcasts. PTM can
 *    only change while SMMUEN = 0 (CR2 is guarded), so the value read here is the one the spec
 *    says applies after the SMMUEN 0 -> 1 Update [6.3.12.1];
 *  - CD.ASET is not kept in TLB entries: ASET = 1 entries, which the ASID-matching broadcasts
 *    are "not required" to remove [3.17, 16.7.7], are removed like ASET = 0 ones;
 *  - an E2H broadcast by VA or ASID hits only EL2-E2H entries and a non-E2H one only EL2
 *    entries ("not required" to hit the other [3.17.5]); ALLE2 hits both, like
 *    CMD_TLBI_EL2_ALL (the SMMU never holds both at once: CR2.E2H decides, and changes only
 *    with SMMUEN = 0);
 *  - EL1 operations for Secure hit StreamWorld Secure entries, never EL3 ones, and EL3
 *    operations only EL3 ones [3.17.4]; with RME there is no EL3 StreamWorld and VAE3/ALLE3
 *    are ignored [3.17.2];
 *  - the Leaf and TTL hints are recorded in the scope (tlb_inval), where the TLB treats them
 *    as commands' hints.
 */
#include "check.h"
#include "config.h"
#include "inval.h"
#include "smmu_internal.h"
#include "smmuv3/arch.h"
#include "tlbi.h"

#define REGIME(r) (1u << (r))

static const char *const op_names[SMMU_TLBI_OPS] = {
    "VAE1", "VAAE1", "ASIDE1", "VMALLE1", "VMALLS12E1", "ALLE1",
    "IPAS2E1", "VAE2", "ALLE2", "VAE3", "ALLE3",
};

static const char *const sec_names[] = {"Non-secure", "Secure", "Realm"};

const char *smmu_tlbi_op_name(smmu_tlbi_op op)
{
    return (unsigned)op < SMMU_TLBI_OPS ? op_names[op] : "unknown";
}

/* Check the operands the API user gave. Returns NULL, or what is wrong. */
static const char *btm_bad_operands(const smmu_tlbi *b)
{
    if ((unsigned)b->op >= SMMU_TLBI_OPS)
        return "op out of range";
    if ((unsigned)b->sec > SMMU_SEC_REALM)
        return "sec out of range";
    if (b->tg > 3 || b->ttl > 3)
        return "tg and ttl are 2-bit fields";
    if (b->range && b->tg == 0)
        return "a range form needs tg 1 (4 KB), 2 (16 KB) or 3 (64 KB)";
    if (b->range && (b->scale > 3 || b->num > 31))
        return "scale is 0..3 and num 0..31";
    return NULL;
}

/* Whether the SMMU implements what op targets [3.17: "Broadcast TLB invalidation messages
 * that would invoke an illegal operation ... are silently ignored"]. Returns NULL, or why
 * not. t->sec and t->regimes are set. */
static const char *btm_target(const struct smmu *s, const smmu_tlbi *b, struct tlbi_op *t)
{
    const smmu_config *c = &s->cfg;
    unsigned sec = (unsigned)b->sec;
    bool el2 = false, el3 = false;
    t->regimes = REGIME(REGIME_EL1);
    switch (b->op) {
    case SMMU_TLBI_VAE1: case SMMU_TLBI_VAAE1: case SMMU_TLBI_ASIDE1: case SMMU_TLBI_VMALLE1:
        if (b->e2h) {
            el2 = true;
            t->regimes = REGIME(REGIME_EL2_E2H);
        }
        if (!c->stage1)
            return "stage 1 is not implemented";
        break;
    case SMMU_TLBI_IPAS2E1:
        if (!tlbi_vmid_used(s, sec))
            return "stage 2 is not implemented for this Security state";
        break;
    case SMMU_TLBI_VAE2:
    case SMMU_TLBI_ALLE2:
        el2 = true;
        t->regimes = b->op == SMMU_TLBI_ALLE2 ? REGIME(REGIME_EL2) | REGIME(REGIME_EL2_E2H)
                     : REGIME(b->e2h ? REGIME_EL2_E2H : REGIME_EL2);
        break;
    case SMMU_TLBI_VAE3:
    case SMMU_TLBI_ALLE3:
        el3 = true;
        sec = BANK_S;
        t->regimes = REGIME(REGIME_EL3);
        break;
    default: /* VMALLS12E1, ALLE1: the implemented stage(s) [3.17] */
        break;
    }
    t->sec = (uint8_t)sec;
    if (!s->bank[sec].present)
        return "the Security state is not implemented";
    if (el2 && !(sec == BANK_S ? c->sel2 : c->hyp))
        return sec == BANK_S ? "Secure EL2 is not implemented (S_IDR1.SEL2 = 0)"
                             : "EL2 is not implemented (IDR0.Hyp = 0)";
    if ((el2 || el3) && !c->stage1)
        return "stage 1 is not implemented";
    if (el3 && c->rme_impl)
        return "there is no EL3 StreamWorld with RME (IDR0.RME_IMPL = 1)";
    return NULL;
}

static enum tlbi_kind btm_kind(smmu_tlbi_op op)
{
    switch (op) {
    case SMMU_TLBI_VAE1: case SMMU_TLBI_VAE2: case SMMU_TLBI_VAE3: return TLBI_K_VA;
    case SMMU_TLBI_VAAE1: return TLBI_K_VAA;
    case SMMU_TLBI_ASIDE1: return TLBI_K_ASID;
    case SMMU_TLBI_VMALLS12E1: return TLBI_K_S12;
    case SMMU_TLBI_ALLE1: return TLBI_K_ALL;
    case SMMU_TLBI_IPAS2E1: return TLBI_K_IPA;
    default: return TLBI_K_S1; /* VMALLE1, ALLE2, ALLE3: all stage 1 of the regime(s) */
    }
}

/* Address, Leaf, TTL and range [DDI 0487 "TLB range maintenance instructions": the range is
 * (NUM + 1) * 2^(5 * SCALE + 1) granules from BaseADDR]. */
static void btm_address(const struct smmu *s, const smmu_tlbi *b, struct tlbi_op *t)
{
    unsigned ttl = b->tg ? b->ttl : 0; /* a level without a granule is no hint */
    if (b->tg == 2 && ttl == 1 && !s->cfg.ds)
        ttl = 0; /* 16 KB level 1 exists only with 52-bit addresses: no hint, as for commands */
    t->leaf = b->leaf;
    t->ttl = (uint8_t)ttl;
    if (b->range) {
        unsigned gshift = b->tg == 1 ? 12 : b->tg == 2 ? 14 : 16;
        t->addr = b->addr & ~((UINT64_C(1) << gshift) - 1);
        t->size = (uint64_t)(b->num + 1u) << (5u * b->scale + 1u + gshift);
    } else {
        t->addr = b->addr & ~UINT64_C(0xFFF);
        t->size = 0; /* one address: any entry containing it */
    }
}

smmu_status smmu_tlbi_broadcast(smmu_t *s, const smmu_tlbi *b)
{
    if (!s || !b)
        return SMMU_E_INVAL;
    const char *bad = btm_bad_operands(b);
    if (bad) {
        smmu_log(s, SMMU_LOG_ERROR, "broadcast TLBI: %s", bad);
        return SMMU_E_INVAL;
    }
    if (!s->cfg.btm)
        return SMMU_E_UNSUPPORTED;

    struct tlbi_op t = {0};
    const char *skip = btm_target(s, b, &t);
    if (skip) {
        smmu_log(s, SMMU_LOG_DEBUG, "broadcast TLBI %s (%s) ignored: %s", op_names[b->op],
                 sec_names[b->sec], skip);
        return SMMU_OK;
    }
    /* PTM of the target's Security state: CR2 for the Non-secure regimes, S_CR2 for Secure
     * and EL3, R_CR2 for Realm [6.3.12, 6.3.60, 6.3.131] */
    if (s->bank[t.sec].cr2 & SMMU_CR2_PTM) {
        smmu_log(s, SMMU_LOG_DEBUG, "broadcast TLBI %s (%s) ignored: %sCR2.PTM = 1",
                 op_names[b->op], sec_names[t.sec],
                 t.sec == BANK_S ? "S_" : t.sec == BANK_R ? "R_" : "");
        return SMMU_OK;
    }
    t.kind = (uint8_t)btm_kind(b->op);
    t.vmid = b->vmid;
    t.asid = b->asid;
    if (t.kind == TLBI_K_VA || t.kind == TLBI_K_VAA || t.kind == TLBI_K_IPA)
        btm_address(s, b, &t);
    if (t.kind == TLBI_K_IPA && t.sec == BANK_S) {
        t.by_ipa_ns = true; /* as CMD_TLBI_S_S2_IPA.S2_NS */
        t.ipa_ns = b->ipa_ns;
    }
    struct tlb_inval inv;
    tlbi_scope(s, &t, &inv);
    smmu_invalidate_tlb(s, &inv);
    if (s->chk)
        check_broadcast_tlbi(s, &inv);
    return SMMU_OK;
}

smmu_status smmu_dvm_sync(smmu_t *s)
{
    if (!s)
        return SMMU_E_INVAL;
    if (!s->cfg.btm)
        return SMMU_E_UNSUPPORTED;
    /* Every broadcast completed when it was delivered (smmu_tlbi_broadcast): there is nothing
     * left to wait for [3.21.1]. */
    return SMMU_OK;
}
