/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TLB invalidation scopes [IHI 0070 3.17, 4.4], shared by the two ways a TLB invalidation
 * reaches the SMMU: a CMD_TLBI_* command (cmdq.c) and a PE's broadcast TLBI (btm.c). Each
 * caller names an operation kind, the Security state and translation regime(s) it targets and
 * its operands; tlbi_scope() turns that into the tlb_inval the TLB matches, with the rules the
 * two have in common:
 *  - VMIDs tag EL1 translations of a Security state that has stage 2 (Non-secure and Realm with
 *    S2P, Secure with SEL2) [3.17, 3.17.2.1]: only there is an operation VMID-qualified. Without
 *    stage 2 every entry is tagged VMID 0, and "the SMMU matches VMID 0" [3.17]: all match;
 *  - ASIDs qualify only regimes that have them (EL1, EL2-E2H); an EL2 or EL3 operation by VA
 *    has none [3.17.5];
 *  - an 8-bit ASID or VMID implementation compares the bottom 8 bits of the operand (required
 *    to match when the top 8 bits are zero, permitted to match otherwise) [3.17.4, 4.4];
 *  - SMMU_(S_/R_)CR0.VMW of the target Security state widens the VMID match, for commands and
 *    broadcasts alike [3.17.6].
 */
#ifndef SMMU_TLBI_H
#define SMMU_TLBI_H

#include <stdbool.h>
#include <stdint.h>

#include "smmu_internal.h"
#include "tlb.h"

enum tlbi_kind {
    TLBI_K_VA = 0, /* stage 1 by address, and ASID in regimes with ASIDs (globals too) */
    TLBI_K_VAA,    /* stage 1 by address, every ASID */
    TLBI_K_ASID,   /* stage 1, one ASID (global entries kept [3.17.1]) */
    TLBI_K_S1,     /* all stage 1 (of one VMID where VMIDs are used) */
    TLBI_K_S12,    /* stages 1 and 2 of one VMID */
    TLBI_K_ALL,    /* stages 1 and 2, every VMID */
    TLBI_K_IPA     /* stage 2 (and combined entries) by IPA, of one VMID */
};

struct tlbi_op {
    uint8_t kind;         /* enum tlbi_kind */
    uint8_t sec;          /* BANK_*: the Security state whose translations are hit */
    uint8_t regimes;      /* 1u << REGIME_* (config.h) */
    uint16_t vmid, asid;  /* operands as given; truncated to the implemented width here */
    uint64_t addr, size;  /* K_VA, K_VAA, K_IPA: [addr, addr + size); size 0: the one address */
    bool leaf;            /* Leaf hint */
    uint8_t ttl;          /* level hint, 0 = any */
    bool by_ipa_ns;       /* K_IPA on Secure: match the IPA space (CMD_TLBI_S_S2_IPA.S2_NS) */
    uint8_t ipa_ns;
};

/* Whether EL1 translations of Security state `sec` (BANK_*) are tagged with a VMID. */
bool tlbi_vmid_used(const struct smmu *s, unsigned sec);

/* The TLB scope of op. */
void tlbi_scope(const struct smmu *s, const struct tlbi_op *op, struct tlb_inval *inv);

#endif
