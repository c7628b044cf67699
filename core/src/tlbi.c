/* SPDX-License-Identifier: Apache-2.0 */
/* TLB invalidation scopes shared by commands and broadcast TLBIs: see tlbi.h. */
#include "tlbi.h"

#include <string.h>

#include "bits.h"
#include "config.h"
#include "regs_layout.h"
#include "smmuv3/arch.h"

#define KIND(k) (1u << (k))

bool tlbi_vmid_used(const struct smmu *s, unsigned sec)
{
    return sec == BANK_S ? s->cfg.sel2 : s->cfg.stage2;
}

void tlbi_scope(const struct smmu *s, const struct tlbi_op *op, struct tlb_inval *inv)
{
    memset(inv, 0, sizeof(*inv));
    inv->match = TLBI_M_SEC | TLBI_M_REGIME | TLBI_M_KIND;
    inv->sec = op->sec;
    inv->regime_mask = op->regimes;
    switch (op->kind) {
    case TLBI_K_S12:
    case TLBI_K_ALL:
        inv->kind_mask = (uint8_t)(KIND(TLB_S1) | KIND(TLB_S2) | KIND(TLB_S12));
        break;
    case TLBI_K_IPA:
        inv->kind_mask = (uint8_t)(KIND(TLB_S2) | KIND(TLB_S12));
        break;
    default:
        inv->kind_mask = (uint8_t)(KIND(TLB_S1) | KIND(TLB_S12));
        break;
    }

    /* VMID: EL1 regimes with stage 2 in this Security state, every kind but K_ALL */
    bool el1_only = op->regimes == (1u << REGIME_EL1);
    if (el1_only && op->kind != TLBI_K_ALL && tlbi_vmid_used(s, op->sec)) {
        unsigned vmw = (unsigned)SMMU_FIELD_GET(SMMU_CR0_VMW, s->bank[op->sec].cr0);
        inv->match |= TLBI_M_VMID;
        inv->vmid = s->cfg.vmid16 ? op->vmid : (uint16_t)(op->vmid & 0xFF);
        inv->vmid_ignore = (uint16_t)(vmw >= 1 && vmw <= 4 ? (1u << vmw) - 1 : 0);
    }

    /* ASID: by-VA and by-ASID operations in regimes that have ASIDs */
    bool asids = !(op->regimes & ~((1u << REGIME_EL1) | (1u << REGIME_EL2_E2H)));
    if (asids && (op->kind == TLBI_K_VA || op->kind == TLBI_K_ASID)) {
        inv->match |= TLBI_M_ASID;
        inv->asid = s->cfg.asid16 ? op->asid : (uint16_t)(op->asid & 0xFF);
    }

    if (op->kind == TLBI_K_VA || op->kind == TLBI_K_VAA || op->kind == TLBI_K_IPA) {
        inv->match |= op->kind == TLBI_K_IPA ? TLBI_M_IPA : TLBI_M_ADDR;
        inv->addr = op->addr;
        inv->size = op->size;
        inv->leaf = op->leaf;
        inv->ttl = op->ttl;
        /* "only required to invalidate TLB entries ... matching TTL" [4.4.1]: strict
         * invalidation does only that (docs/bring-up.md) */
        if (op->ttl && s->cfg.strict_invalidation)
            inv->match |= TLBI_M_TTL;
        if (op->kind == TLBI_K_IPA && op->by_ipa_ns) {
            inv->match |= TLBI_M_IPA_NS;
            inv->ipa_ns = op->ipa_ns;
        }
    }
}
