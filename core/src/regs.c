/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The register file [IHI 0070 6]: ID registers computed from the configuration, reset state,
 * MMIO decode per page and bank, access rules (sizes, RAZ/WI by PA space, read-only, RES0,
 * guarded fields), the CR0/IRQ_CTRL/GBPA handshakes, GERROR and interrupt signalling.
 *
 * Decode is table-driven: one table per page (page 0 with the Non-secure registers and, at
 * +0x8000, the Secure bank; page 1); the Root control page (RME) is decoded by gpc.c; Realm
 * pages (RME DA) use the page-0/page-1 tables with bank R at O_REALM [6.2.7-6.2.9], where
 * R_AIDR reads 0 and R_CR0.ATSCHK is RO 1 with ATS [6.3.127-128].
 *
 * Model choices (CONSTRAINED UNPREDICTABLE or IMPLEMENTATION DEFINED), all documented below:
 *  - every update handshake completes at once: CR0ACK = CR0, IRQ_CTRLACK = IRQ_CTRL, GBPA.Update
 *    and S_INIT.INV_ALL read 0 right after the write;
 *  - guarded fields [6.3.x "Guarded by"]: a write while the guard is set is ignored (the only
 *    behaviour allowed from SMMUv3.2; the same choice for v3.0/v3.1), with a warning;
 *  - GBPA written without Update=1: ignored (v3.2 rule, also for v3.0/v3.1) [6.3.14.1];
 *  - RES0 bits written as 1 are ignored and a warning names them; so are queue/table/MSI
 *    address bits above IDR5.OAS (not stored, read as 0) [6.3.26 ADDR];
 *  - LOG2SIZE above IDR1.xQS reads back as written and is used capped [6.3.26];
 *  - PROD/CONS bits above the wrap bit of the current LOG2SIZE are not stored;
 *  - accesses that are not 4 or 8 bytes, not naturally aligned, or 8-byte accesses to a 32-bit
 *    register are RAZ/WI and return SMMU_E_SIZE / SMMU_E_ALIGN [6.2];
 *  - the page-0 offsets 0xA8/0xAC (and 0xC8/0xCC with PRI) alias the page-1 EVENTQ (PRIQ)
 *    PROD/CONS registers (the spec allows an alias or RAZ/WI [6.2.1]; the alias keeps drivers
 *    written for "page 0 only" parts working);
 *  - GERRORN: toggling a bit whose error is inactive is stored as written (reads return the
 *    last value written [6.3.20]), which makes that error active; a warning says so;
 *  - S_INIT.INV_ALL while an SMMUEN or ROOT_CR0.ACCESSEN is set is performed anyway, with a
 *    warning; while ROOT_CR0.GPCEN is 1 it has no effect, as architected [6.3.62];
 *  - writes that change what translations give tell the embedder (env.invalidated, all =
 *    true, for that interface): a change of CR0.SMMUEN (and S_CR0.SIF, which every Secure
 *    translation reads), and a change of GBPA while SMMUEN is 0; the Root page does the same
 *    for every interface (gpc.c);
 *  - GBPA resets to ABORT = cfg.gbpa_abort_at_reset, SHCFG = 0b01 (use incoming), the other
 *    fields 0; GBPA fields that IDR1.ATTR_*_OVR make "fixed" store what is written (translate
 *    decides whether they apply) [6.3.14];
 *  - interrupts: an enabled source pulses its wired line and, with MSIs configured
 *    (cfg.msi, ADDR != 0), also sends the MSI (both, as IHI 0070 3.18.2 allows).
 */
#include <string.h>

#include "bits.h"
#include "check.h"
#include "cmdq.h"
#include "gpc.h"
#include "inval.h"
#include "regs.h"
#include "regs_layout.h"
#include "stall.h"

enum reg_id {
    R_IDR0 = 1, R_IDR1, R_IDR2, R_IDR3, R_IDR4, R_IDR5, R_IIDR, R_AIDR,
    R_CR0, R_CR0ACK, R_CR1, R_CR2, R_S_INIT, R_STATUSR, R_GBPA,
    R_IRQ_CTRL, R_IRQ_CTRLACK, R_GERROR, R_GERRORN,
    R_GERROR_IRQ_CFG0, R_GERROR_IRQ_CFG1, R_GERROR_IRQ_CFG2,
    R_STRTAB_BASE, R_STRTAB_BASE_CFG,
    R_CMDQ_BASE, R_CMDQ_PROD, R_CMDQ_CONS,
    R_EVENTQ_BASE, R_EVENTQ_PROD, R_EVENTQ_CONS,
    R_EVENTQ_IRQ_CFG0, R_EVENTQ_IRQ_CFG1, R_EVENTQ_IRQ_CFG2,
    R_PRIQ_BASE, R_PRIQ_PROD, R_PRIQ_CONS,
    R_PRIQ_IRQ_CFG0, R_PRIQ_IRQ_CFG1, R_PRIQ_IRQ_CFG2,
    R_ID_REGS
};

#define B_NS (1u << BANK_NS)
#define B_S (1u << BANK_S)
#define B_R (1u << BANK_R)

struct reg_def {
    uint16_t off;    /* offset in the page (Secure bank: from +0x8000) */
    uint8_t size;    /* 4 or 8 */
    uint8_t id;      /* enum reg_id */
    uint8_t banks;   /* B_NS | B_S | B_R: which banks have it at this offset */
    const char *name;
};

/* Page 0 [IHI 0070 6.2.1]; the Secure bank has the same layout at +0x8000 [6.2.1], and Realm
 * page 0 at O_REALM without IDR5, IIDR, STATUSR, S_INIT and the page-0 EVENTQ_PROD/CONS alias
 * [6.2.7-6.2.8]. */
static const struct reg_def page0_regs[] = {
    {SMMU_IDR0, 4, R_IDR0, B_NS | B_S | B_R, "IDR0"},
    {SMMU_IDR1, 4, R_IDR1, B_NS | B_S | B_R, "IDR1"},
    {SMMU_IDR2, 4, R_IDR2, B_NS | B_S | B_R, "IDR2"},
    {SMMU_IDR3, 4, R_IDR3, B_NS | B_S | B_R, "IDR3"},
    {SMMU_IDR4, 4, R_IDR4, B_NS | B_S | B_R, "IDR4"},
    {SMMU_IDR5, 4, R_IDR5, B_NS, "IDR5"},
    {SMMU_IIDR, 4, R_IIDR, B_NS, "IIDR"},
    {SMMU_AIDR, 4, R_AIDR, B_NS | B_R, "AIDR"},
    {SMMU_CR0, 4, R_CR0, B_NS | B_S | B_R, "CR0"},
    {SMMU_CR0ACK, 4, R_CR0ACK, B_NS | B_S | B_R, "CR0ACK"},
    {SMMU_CR1, 4, R_CR1, B_NS | B_S | B_R, "CR1"},
    {SMMU_CR2, 4, R_CR2, B_NS | B_S | B_R, "CR2"},
    {SMMU_S_INIT, 4, R_S_INIT, B_S, "INIT"},
    {SMMU_STATUSR, 4, R_STATUSR, B_NS, "STATUSR"},
    {SMMU_GBPA, 4, R_GBPA, B_NS | B_S | B_R, "GBPA"},
    {SMMU_IRQ_CTRL, 4, R_IRQ_CTRL, B_NS | B_S | B_R, "IRQ_CTRL"},
    {SMMU_IRQ_CTRLACK, 4, R_IRQ_CTRLACK, B_NS | B_S | B_R, "IRQ_CTRLACK"},
    {SMMU_GERROR, 4, R_GERROR, B_NS | B_S | B_R, "GERROR"},
    {SMMU_GERRORN, 4, R_GERRORN, B_NS | B_S | B_R, "GERRORN"},
    {SMMU_GERROR_IRQ_CFG0, 8, R_GERROR_IRQ_CFG0, B_NS | B_S | B_R, "GERROR_IRQ_CFG0"},
    {SMMU_GERROR_IRQ_CFG1, 4, R_GERROR_IRQ_CFG1, B_NS | B_S | B_R, "GERROR_IRQ_CFG1"},
    {SMMU_GERROR_IRQ_CFG2, 4, R_GERROR_IRQ_CFG2, B_NS | B_S | B_R, "GERROR_IRQ_CFG2"},
    {SMMU_STRTAB_BASE, 8, R_STRTAB_BASE, B_NS | B_S | B_R, "STRTAB_BASE"},
    {SMMU_STRTAB_BASE_CFG, 4, R_STRTAB_BASE_CFG, B_NS | B_S | B_R, "STRTAB_BASE_CFG"},
    {SMMU_CMDQ_BASE, 8, R_CMDQ_BASE, B_NS | B_S | B_R, "CMDQ_BASE"},
    {SMMU_CMDQ_PROD, 4, R_CMDQ_PROD, B_NS | B_S | B_R, "CMDQ_PROD"},
    {SMMU_CMDQ_CONS, 4, R_CMDQ_CONS, B_NS | B_S | B_R, "CMDQ_CONS"},
    {SMMU_EVENTQ_BASE, 8, R_EVENTQ_BASE, B_NS | B_S | B_R, "EVENTQ_BASE"},
    /* S_EVENTQ_PROD/CONS live in page 0 [6.2.1]; for NS this is the optional alias */
    {SMMU_EVENTQ_PROD, 4, R_EVENTQ_PROD, B_NS | B_S, "EVENTQ_PROD"},
    {SMMU_EVENTQ_CONS, 4, R_EVENTQ_CONS, B_NS | B_S, "EVENTQ_CONS"},
    {SMMU_EVENTQ_IRQ_CFG0, 8, R_EVENTQ_IRQ_CFG0, B_NS | B_S | B_R, "EVENTQ_IRQ_CFG0"},
    {SMMU_EVENTQ_IRQ_CFG1, 4, R_EVENTQ_IRQ_CFG1, B_NS | B_S | B_R, "EVENTQ_IRQ_CFG1"},
    {SMMU_EVENTQ_IRQ_CFG2, 4, R_EVENTQ_IRQ_CFG2, B_NS | B_S | B_R, "EVENTQ_IRQ_CFG2"},
    /* There is no Secure PRI queue [6.2.1] */
    {SMMU_PRIQ_BASE, 8, R_PRIQ_BASE, B_NS, "PRIQ_BASE"},
    {SMMU_PRIQ_PROD, 4, R_PRIQ_PROD, B_NS, "PRIQ_PROD"},
    {SMMU_PRIQ_CONS, 4, R_PRIQ_CONS, B_NS, "PRIQ_CONS"},
    {SMMU_PRIQ_IRQ_CFG0, 8, R_PRIQ_IRQ_CFG0, B_NS, "PRIQ_IRQ_CFG0"},
    {SMMU_PRIQ_IRQ_CFG1, 4, R_PRIQ_IRQ_CFG1, B_NS, "PRIQ_IRQ_CFG1"},
    {SMMU_PRIQ_IRQ_CFG2, 4, R_PRIQ_IRQ_CFG2, B_NS, "PRIQ_IRQ_CFG2"},
    {SMMU_ID_REGS, 0x30, R_ID_REGS, B_NS, "ID_REGS"},
};

/* Page 1 [IHI 0070 6.2.2]; Realm page 1 has the Realm event queue's [6.2.9] */
static const struct reg_def page1_regs[] = {
    {SMMU_EVENTQ_PROD, 4, R_EVENTQ_PROD, B_NS | B_R, "EVENTQ_PROD"},
    {SMMU_EVENTQ_CONS, 4, R_EVENTQ_CONS, B_NS | B_R, "EVENTQ_CONS"},
    {SMMU_PRIQ_PROD, 4, R_PRIQ_PROD, B_NS, "PRIQ_PROD"},
    {SMMU_PRIQ_CONS, 4, R_PRIQ_CONS, B_NS, "PRIQ_CONS"},
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const bank_prefix[BANK_COUNT] = {"SMMU_", "SMMU_S_", "SMMU_R_"};

/* ---------------------------------------------------------------------------------------------
 * ID registers and reset [IHI 0070 6.3.1-6.3.6, 6.3.52-6.3.56]
 * ------------------------------------------------------------------------------------------- */

static unsigned oas_encoding(unsigned bits)
{
    static const unsigned sizes[] = {32, 36, 40, 42, 44, 48, 52};
    for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
        if (sizes[i] == bits)
            return i;
    return 5;
}

/* SMMU_IDR0.STALL_MODEL reflects S_CR0.NSSTALLD when S_IDR0.STALL_MODEL is 00 [6.3.1]. */
static void regs_update_ns_stall_model(struct smmu *s)
{
    unsigned sm = (unsigned)s->cfg.stall_model;
    if (s->bank[BANK_S].present && sm == SMMU_STALL_AND_TERMINATE &&
        (s->bank[BANK_S].cr0 & SMMU_S_CR0_NSSTALLD))
        sm = SMMU_TERMINATE_ONLY;
    uint32_t *idr0 = &s->bank[BANK_NS].idr[0];
    *idr0 = (uint32_t)((*idr0 & ~SMMU_IDR0_STALL_MODEL) | SMMU_FIELD_PREP(SMMU_IDR0_STALL_MODEL, sm));
}

/* IDR0.ATSRECERR (SMMUv3.3-ATSRECERR, optional): the model implements it with ATS from
 * SMMUv3.3, so that CR2.REC_CFG_ATS records the configuration errors of ATS traffic
 * [3.9.1.2, 3.9.1.3, 6.3.1]. */
static bool ats_recerr(const smmu_config *c)
{
    return c->ats && c->arch_minor >= 3;
}

static void regs_compute_idrs(struct smmu *s)
{
    const smmu_config *c = &s->cfg;
    uint32_t *idr = s->bank[BANK_NS].idr;
    memset(idr, 0, sizeof(s->bank[BANK_NS].idr));
    idr[0] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR0_S2P, c->stage2) | SMMU_FIELD_PREP(SMMU_IDR0_S1P, c->stage1) |
                        SMMU_FIELD_PREP(SMMU_IDR0_TTF, SMMU_IDR0_TTF_AARCH64) |
                        SMMU_FIELD_PREP(SMMU_IDR0_COHACC, c->coherent) | SMMU_FIELD_PREP(SMMU_IDR0_BTM, c->btm) |
                        SMMU_FIELD_PREP(SMMU_IDR0_HTTU, c->httu) | SMMU_FIELD_PREP(SMMU_IDR0_HYP, c->hyp) |
                        SMMU_FIELD_PREP(SMMU_IDR0_ATS, c->ats) | SMMU_FIELD_PREP(SMMU_IDR0_ASID16, c->asid16) |
                        SMMU_FIELD_PREP(SMMU_IDR0_MSI, c->msi) | SMMU_FIELD_PREP(SMMU_IDR0_SEV, c->sev) |
                        SMMU_FIELD_PREP(SMMU_IDR0_PRI, c->pri) | SMMU_FIELD_PREP(SMMU_IDR0_VMW, c->vmw) |
                        SMMU_FIELD_PREP(SMMU_IDR0_VMID16, c->vmid16) | SMMU_FIELD_PREP(SMMU_IDR0_CD2L, c->cd2l) |
                        SMMU_FIELD_PREP(SMMU_IDR0_TTENDIAN, c->ttendian) |
                        SMMU_FIELD_PREP(SMMU_IDR0_STALL_MODEL, c->stall_model) |
                        SMMU_FIELD_PREP(SMMU_IDR0_TERM_MODEL, c->term_model) |
                        SMMU_FIELD_PREP(SMMU_IDR0_ST_LEVEL, c->st_2level ? 1 : 0) |
                        SMMU_FIELD_PREP(SMMU_IDR0_RME_IMPL, c->rme_impl) |
                        SMMU_FIELD_PREP(SMMU_IDR0_ATSRECERR, ats_recerr(c)));
    idr[1] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR1_SIDSIZE, c->sid_bits) |
                        SMMU_FIELD_PREP(SMMU_IDR1_SSIDSIZE, c->ssid_bits) |
                        SMMU_FIELD_PREP(SMMU_IDR1_PRIQS, c->pri ? c->priq_log2max : 0) |
                        SMMU_FIELD_PREP(SMMU_IDR1_EVENTQS, c->eventq_log2max) |
                        SMMU_FIELD_PREP(SMMU_IDR1_CMDQS, c->cmdq_log2max) |
                        SMMU_FIELD_PREP(SMMU_IDR1_ATTR_PERMS_OVR, c->attr_perms_ovr) |
                        SMMU_FIELD_PREP(SMMU_IDR1_ATTR_TYPES_OVR, c->attr_types_ovr));
    /* PTWNNC [6.3.4]: 1 in SMMUv3.3 with stage 2 (the model treats Device-mapped stage-1 table
     * walks with STE.S2PTW == 0 as Normal Non-cacheable), RES0 without stage 2. Earlier
     * revisions do not require it and the model reports 0 there (walks keep the combined type). */
    idr[3] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR3_HAD, c->had) | SMMU_FIELD_PREP(SMMU_IDR3_PBHA, c->pbha) |
                        SMMU_FIELD_PREP(SMMU_IDR3_XNX, c->xnx) | SMMU_FIELD_PREP(SMMU_IDR3_FWB, c->fwb) |
                        SMMU_FIELD_PREP(SMMU_IDR3_STT, c->stt) | SMMU_FIELD_PREP(SMMU_IDR3_RIL, c->ril) |
                        SMMU_FIELD_PREP(SMMU_IDR3_BBML, c->bbml) | SMMU_FIELD_PREP(SMMU_IDR3_E0PD, c->e0pd) |
                        SMMU_FIELD_PREP(SMMU_IDR3_PPS, c->pps) |
                        SMMU_FIELD_PREP(SMMU_IDR3_PTWNNC, c->stage2 && c->arch_minor >= 3));
    idr[5] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR5_OAS, oas_encoding(c->oas_bits)) |
                        SMMU_FIELD_PREP(SMMU_IDR5_GRAN4K, c->gran4k) | SMMU_FIELD_PREP(SMMU_IDR5_GRAN16K, c->gran16k) |
                        SMMU_FIELD_PREP(SMMU_IDR5_GRAN64K, c->gran64k) | SMMU_FIELD_PREP(SMMU_IDR5_DS, c->ds) |
                        SMMU_FIELD_PREP(SMMU_IDR5_VAX, c->vax) | SMMU_FIELD_PREP(SMMU_IDR5_STALL_MAX, stall_max_of(c)));

    /* Secure bank: S_IDR0..S_IDR4 [6.3.52-6.3.56]. With SECURE_IMPL=0 the whole bank is
     * RAZ/WI, so S_IDR1.SECURE_IMPL reads 0. */
    uint32_t *sidr = s->bank[BANK_S].idr;
    memset(sidr, 0, sizeof(s->bank[BANK_S].idr));
    if (c->secure_impl) {
        sidr[0] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR0_STALL_MODEL, c->stall_model) |
                             SMMU_FIELD_PREP(SMMU_IDR0_MSI, c->msi));
        sidr[1] = (uint32_t)(SMMU_FIELD_PREP(SMMU_S_IDR1_SECURE_IMPL, 1) |
                             SMMU_FIELD_PREP(SMMU_S_IDR1_SEL2, c->sel2) |
                             SMMU_FIELD_PREP(SMMU_S_IDR1_S_SIDSIZE, c->s_sid_bits));
        sidr[3] = (uint32_t)SMMU_FIELD_PREP(SMMU_S_IDR3_SAMS, c->sams);
    }

    /* Realm bank: R_IDR0/R_IDR1 [6.3.122-123]; STALL_MODEL is 01 in this revision. */
    uint32_t *ridr = s->bank[BANK_R].idr;
    memset(ridr, 0, sizeof(s->bank[BANK_R].idr));
    if (c->realm_impl) {
        ridr[0] = (uint32_t)(SMMU_FIELD_PREP(SMMU_IDR0_STALL_MODEL, SMMU_TERMINATE_ONLY) |
                             SMMU_FIELD_PREP(SMMU_IDR0_MSI, c->msi) | SMMU_FIELD_PREP(SMMU_IDR0_ATS, c->ats) |
                             SMMU_FIELD_PREP(SMMU_IDR0_ATSRECERR, ats_recerr(c)));
        ridr[1] = (uint32_t)SMMU_R_IDR1_RME_DA_IMPL;
    }
}

void regs_reset(struct smmu *s)
{
    for (unsigned i = 0; i < BANK_COUNT; i++) {
        struct smmu_bank *b = &s->bank[i];
        memset(b, 0, sizeof(*b));
        b->sec = (smmu_sec_sid)i;
    }
    s->bank[BANK_NS].present = true;
    s->bank[BANK_NS].pas = SMMU_PAS_NS;
    s->bank[BANK_S].present = s->cfg.secure_impl;
    s->bank[BANK_S].pas = SMMU_PAS_SECURE;
    s->bank[BANK_R].present = s->cfg.realm_impl;
    s->bank[BANK_R].pas = SMMU_PAS_REALM;
    /* R_GBPA.ABORT is RES1: Realm traffic is never bypassed [6.3.133] */
    s->bank[BANK_R].gbpa = (uint32_t)SMMU_GBPA_ABORT;
    regs_compute_idrs(s);
    gpc_root_reset(s);
    for (unsigned i = BANK_NS; i <= BANK_S; i++) {
        /* GBPA reset value is IMPLEMENTATION DEFINED [6.3.14]: see the header comment. */
        s->bank[i].gbpa = (uint32_t)(SMMU_FIELD_PREP(SMMU_GBPA_ABORT, s->cfg.gbpa_abort_at_reset) |
                                     SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, SMMU_GBPA_SHCFG_INCOMING));
    }
    regs_update_ns_stall_model(s);
}

/* ---------------------------------------------------------------------------------------------
 * GERROR and interrupts [IHI 0070 3.18, 7.5]
 * ------------------------------------------------------------------------------------------- */

bool regs_gerror_active(const struct smmu_bank *b, uint32_t mask)
{
    return ((b->gerror ^ b->gerrorn) & mask) != 0;
}

void regs_irq_signal(struct smmu *s, unsigned bank, smmu_irq_line line)
{
    struct smmu_bank *b = &s->bank[bank];
    uint32_t enable, data, cfg2, abt;
    uint64_t cfg0;
    const char *what;
    smmu_origin orig;
    switch (line) {
    case SMMU_IRQ_EVENTQ:
        enable = SMMU_IRQ_CTRL_EVENTQ_IRQEN;
        cfg0 = b->eventq.irq_cfg0, data = b->eventq.irq_cfg1, cfg2 = b->eventq.irq_cfg2;
        abt = SMMU_GERROR_MSI_EVENTQ_ABT_ERR, what = "EVENTQ", orig = ORIG_MSI_EVENTQ;
        break;
    case SMMU_IRQ_PRIQ:
        enable = SMMU_IRQ_CTRL_PRIQ_IRQEN;
        cfg0 = b->priq.irq_cfg0, data = b->priq.irq_cfg1, cfg2 = b->priq.irq_cfg2;
        abt = SMMU_GERROR_MSI_PRIQ_ABT_ERR, what = "PRIQ", orig = ORIG_MSI_PRIQ;
        break;
    case SMMU_IRQ_GERROR:
        enable = SMMU_IRQ_CTRL_GERROR_IRQEN;
        cfg0 = b->gerror_irq_cfg0, data = b->gerror_irq_cfg1, cfg2 = b->gerror_irq_cfg2;
        abt = SMMU_GERROR_MSI_GERROR_ABT_ERR, what = "GERROR", orig = ORIG_MSI_GERROR;
        break;
    default:
        return;
    }
    if (!(b->irq_ctrl & enable))
        return;
    smmu_raise_irq(s, (smmu_sec_sid)bank, line);
    uint64_t addr = cfg0 & SMMU_IRQ_CFG0_ADDR;
    if (!s->cfg.msi || !addr)
        return;
    /* Realm MSIs go to Realm PA space unless R_*_IRQ_CFG0.NS is set [6.3.138] */
    smmu_pa_space pas = bank == BANK_R && (cfg0 & SMMU_R_IRQ_CFG0_NS) ? SMMU_PAS_NS : b->pas;
    smmu_mem_attrs a = regs_msi_attrs((unsigned)SMMU_FIELD_GET(SMMU_IRQ_CFG2_SH, cfg2),
                                      (unsigned)SMMU_FIELD_GET(SMMU_IRQ_CFG2_MEMATTR, cfg2));
    if (smmu_msi_write(s, addr, pas, data, &a, orig)) {
        smmu_log(s, SMMU_LOG_ERROR, "%s%s MSI write to 0x%llx aborted: MSI_%s_ABT_ERR",
                 bank_prefix[bank], what, (unsigned long long)addr, what);
        regs_gerror_activate(s, bank, abt);
    }
}

void regs_gerror_activate(struct smmu *s, unsigned bank, uint32_t mask)
{
    struct smmu_bank *b = &s->bank[bank];
    /* Toggle only errors that are not already active [7.5]. */
    uint32_t newly = mask & ~(b->gerror ^ b->gerrorn);
    if (!newly)
        return;
    b->gerror ^= newly;
    /* MSI_GERROR_ABT_ERR does not itself raise a GERROR interrupt [6.3.19]. */
    if (newly & ~(uint32_t)SMMU_GERROR_MSI_GERROR_ABT_ERR)
        regs_irq_signal(s, bank, SMMU_IRQ_GERROR);
}

/* ---------------------------------------------------------------------------------------------
 * Per-register rules
 * ------------------------------------------------------------------------------------------- */

static uint64_t oas_addr_mask(const struct smmu *s)
{
    return SMMU_GENMASK(s->cfg.oas_bits - 1, 0);
}

/* Is the register implemented in this configuration (else RAZ/WI)? */
static bool reg_present(const struct smmu *s, unsigned id)
{
    switch (id) {
    case R_GERROR_IRQ_CFG0: case R_GERROR_IRQ_CFG1: case R_GERROR_IRQ_CFG2:
    case R_EVENTQ_IRQ_CFG0: case R_EVENTQ_IRQ_CFG1: case R_EVENTQ_IRQ_CFG2:
        return s->cfg.msi; /* MSI configuration only with IDR0.MSI [6.3.21] */
    case R_PRIQ_BASE: case R_PRIQ_PROD: case R_PRIQ_CONS:
        return s->cfg.pri;
    case R_PRIQ_IRQ_CFG0: case R_PRIQ_IRQ_CFG1: case R_PRIQ_IRQ_CFG2:
        return s->cfg.pri && s->cfg.msi;
    default:
        return true;
    }
}

static const struct smmu_queue *reg_queue(const struct smmu_bank *b, unsigned id)
{
    switch (id) {
    case R_CMDQ_BASE: case R_CMDQ_PROD: case R_CMDQ_CONS:
        return &b->cmdq;
    case R_EVENTQ_BASE: case R_EVENTQ_PROD: case R_EVENTQ_CONS:
    case R_EVENTQ_IRQ_CFG0: case R_EVENTQ_IRQ_CFG1: case R_EVENTQ_IRQ_CFG2:
        return &b->eventq;
    default:
        return &b->priq;
    }
}

/* Effective LOG2SIZE of the queue a PROD/CONS register belongs to. */
static unsigned reg_queue_qs(const struct smmu *s, const struct smmu_bank *b, unsigned id)
{
    const struct smmu_queue *q = reg_queue(b, id);
    unsigned max = q == &b->cmdq ? s->cfg.cmdq_log2max
                 : q == &b->eventq ? s->cfg.eventq_log2max : s->cfg.priq_log2max;
    return smmu_queue_log2size(q->base, max);
}

/* R_CR0.ATSCHK (and its ACK) is RO 1 when R_IDR0.ATS is 1, RES0 otherwise [6.3.128]. */
static uint32_t reg_realm_atschk(const struct smmu *s, const struct smmu_bank *b)
{
    return b->sec == SMMU_SEC_REALM && s->cfg.ats ? (uint32_t)SMMU_CR0_ATSCHK : 0;
}

static uint64_t reg_get(const struct smmu *s, const struct smmu_bank *b, unsigned id)
{
    switch (id) {
    case R_IDR0: case R_IDR1: case R_IDR2: case R_IDR3: case R_IDR4: case R_IDR5:
        return b->idr[id - R_IDR0];
    case R_IIDR: return regs_iidr_value(&s->cfg);
    /* R_AIDR reads 0: "Realm Management Extension for SMMU", revision 0.0 [6.3.127] */
    case R_AIDR:
        return b->sec == SMMU_SEC_REALM ? 0 : SMMU_FIELD_PREP(SMMU_AIDR_ARCH_MINOR, s->cfg.arch_minor);
    case R_CR0: return b->cr0 | reg_realm_atschk(s, b);
    case R_CR0ACK: return b->cr0ack | reg_realm_atschk(s, b);
    case R_CR1: return b->cr1;
    case R_CR2: return b->cr2;
    case R_S_INIT: return b->s_init;
    case R_STATUSR: return 0; /* DORMANT: the model is never dormant */
    case R_GBPA: return b->gbpa;
    case R_IRQ_CTRL: return b->irq_ctrl;
    case R_IRQ_CTRLACK: return b->irq_ctrlack;
    case R_GERROR: return b->gerror;
    case R_GERRORN: return b->gerrorn;
    case R_GERROR_IRQ_CFG0: return b->gerror_irq_cfg0;
    case R_GERROR_IRQ_CFG1: return b->gerror_irq_cfg1;
    case R_GERROR_IRQ_CFG2: return b->gerror_irq_cfg2;
    case R_STRTAB_BASE: return b->strtab_base;
    case R_STRTAB_BASE_CFG: return b->strtab_base_cfg;
    case R_CMDQ_BASE: return b->cmdq.base;
    case R_CMDQ_PROD: return b->cmdq.prod;
    case R_CMDQ_CONS: return b->cmdq.cons;
    case R_EVENTQ_BASE: return b->eventq.base;
    case R_EVENTQ_PROD: return b->eventq.prod;
    case R_EVENTQ_CONS: return b->eventq.cons;
    case R_EVENTQ_IRQ_CFG0: return b->eventq.irq_cfg0;
    case R_EVENTQ_IRQ_CFG1: return b->eventq.irq_cfg1;
    case R_EVENTQ_IRQ_CFG2: return b->eventq.irq_cfg2;
    case R_PRIQ_BASE: return b->priq.base;
    case R_PRIQ_PROD: return b->priq.prod;
    case R_PRIQ_CONS: return b->priq.cons;
    case R_PRIQ_IRQ_CFG0: return b->priq.irq_cfg0;
    case R_PRIQ_IRQ_CFG1: return b->priq.irq_cfg1;
    case R_PRIQ_IRQ_CFG2: return b->priq.irq_cfg2;
    default: return 0;
    }
}

static void reg_put(struct smmu_bank *b, unsigned id, uint64_t v)
{
    uint32_t v32 = (uint32_t)v;
    switch (id) {
    case R_CR0: b->cr0 = v32; break;
    case R_CR1: b->cr1 = v32; break;
    case R_CR2: b->cr2 = v32; break;
    case R_GBPA: b->gbpa = v32; break;
    case R_IRQ_CTRL: b->irq_ctrl = v32; break;
    case R_GERRORN: b->gerrorn = v32; break;
    case R_GERROR_IRQ_CFG0: b->gerror_irq_cfg0 = v; break;
    case R_GERROR_IRQ_CFG1: b->gerror_irq_cfg1 = v32; break;
    case R_GERROR_IRQ_CFG2: b->gerror_irq_cfg2 = v32; break;
    case R_STRTAB_BASE: b->strtab_base = v; break;
    case R_STRTAB_BASE_CFG: b->strtab_base_cfg = v32; break;
    case R_CMDQ_BASE: b->cmdq.base = v; break;
    case R_CMDQ_PROD: b->cmdq.prod = v32; break;
    case R_CMDQ_CONS: b->cmdq.cons = v32; break;
    case R_EVENTQ_BASE: b->eventq.base = v; break;
    case R_EVENTQ_PROD: b->eventq.prod = v32; break;
    case R_EVENTQ_CONS: b->eventq.cons = v32; break;
    case R_EVENTQ_IRQ_CFG0: b->eventq.irq_cfg0 = v; break;
    case R_EVENTQ_IRQ_CFG1: b->eventq.irq_cfg1 = v32; break;
    case R_EVENTQ_IRQ_CFG2: b->eventq.irq_cfg2 = v32; break;
    case R_PRIQ_BASE: b->priq.base = v; break;
    case R_PRIQ_PROD: b->priq.prod = v32; break;
    case R_PRIQ_CONS: b->priq.cons = v32; break;
    case R_PRIQ_IRQ_CFG0: b->priq.irq_cfg0 = v; break;
    case R_PRIQ_IRQ_CFG1: b->priq.irq_cfg1 = v32; break;
    case R_PRIQ_IRQ_CFG2: b->priq.irq_cfg2 = v32; break;
    default: break; /* S_INIT has no state; read-only registers never get here */
    }
}

/* Writable bits of a register (0 = read-only). Bits outside it are RES0 (or RO fields listed
 * in reg_ro_fields) and ignored. Feature-dependent fields are RES0 without their feature. */
static uint64_t reg_wmask(const struct smmu *s, unsigned bank, unsigned id)
{
    const smmu_config *c = &s->cfg;
    bool sec = bank == BANK_S;
    const struct smmu_bank *b = &s->bank[bank];
    if (bank == BANK_R) {
        /* The Realm bank [6.3.122-146]: no PRI queue (R_IDR0.PRI = 0 in this model), no
         * SFM_ERR, R_GBPA read-only, MSI addresses with an NS bit. */
        switch (id) {
        case R_CR0:
            return SMMU_CR0_SMMUEN | SMMU_CR0_EVENTQEN | SMMU_CR0_CMDQEN | (c->vmw && c->stage2 ? SMMU_CR0_VMW : 0);
        case R_GBPA:
            return 0;
        case R_IRQ_CTRL:
            return SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_EVENTQ_IRQEN;
        case R_GERRORN:
            return SMMU_GERROR_CMDQ_ERR | SMMU_GERROR_EVENTQ_ABT_ERR |
                   (c->msi ? SMMU_GERROR_MSI_CMDQ_ABT_ERR | SMMU_GERROR_MSI_EVENTQ_ABT_ERR |
                                 SMMU_GERROR_MSI_GERROR_ABT_ERR
                           : 0);
        case R_GERROR_IRQ_CFG0: case R_EVENTQ_IRQ_CFG0:
            return SMMU_R_IRQ_CFG0_NS | (SMMU_IRQ_CFG0_ADDR & oas_addr_mask(s));
        default:
            break;
        }
    }
    switch (id) {
    case R_CR0:
        if (sec)
            return SMMU_CR0_SMMUEN | SMMU_CR0_EVENTQEN | SMMU_CR0_CMDQEN | SMMU_S_CR0_SIF |
                   (c->vmw && c->sel2 ? SMMU_CR0_VMW : 0) |
                   (c->stall_model == SMMU_STALL_AND_TERMINATE ? SMMU_S_CR0_NSSTALLD : 0);
        return SMMU_CR0_SMMUEN | SMMU_CR0_EVENTQEN | SMMU_CR0_CMDQEN | (c->pri ? SMMU_CR0_PRIQEN : 0) |
               (c->ats ? SMMU_CR0_ATSCHK : 0) | (c->vmw && c->stage2 ? SMMU_CR0_VMW : 0);
    case R_CR1:
        return SMMU_CR1_QUEUE_MASK | SMMU_CR1_TABLE_MASK;
    case R_CR2:
        /* PTM only with IDR0.BTM; REC_CFG_ATS only with IDR0.ATSRECERR, and not in S_CR2
         * [6.3.12, 6.3.60, 6.3.131] */
        return ((sec ? c->sel2 : c->hyp) ? SMMU_CR2_E2H : 0) | SMMU_CR2_RECINVSID | (c->btm ? SMMU_CR2_PTM : 0) |
               (!sec && ats_recerr(c) ? SMMU_CR2_REC_CFG_ATS : 0);
    case R_S_INIT:
        return SMMU_S_INIT_INV_ALL;
    case R_GBPA:
        return SMMU_GBPA_UPDATE | SMMU_GBPA_ABORT | SMMU_GBPA_INSTCFG | SMMU_GBPA_PRIVCFG | SMMU_GBPA_SHCFG |
               SMMU_GBPA_ALLOCCFG | SMMU_GBPA_MTCFG | SMMU_GBPA_MEMATTR | (sec ? SMMU_S_GBPA_NSCFG : 0);
    case R_IRQ_CTRL:
        return SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_EVENTQ_IRQEN |
               (!sec && c->pri ? SMMU_IRQ_CTRL_PRIQ_IRQEN : 0);
    case R_GERRORN: {
        uint64_t m = SMMU_GERROR_CMDQ_ERR | SMMU_GERROR_EVENTQ_ABT_ERR | SMMU_GERROR_SFM_ERR;
        if (c->msi)
            m |= SMMU_GERROR_MSI_CMDQ_ABT_ERR | SMMU_GERROR_MSI_EVENTQ_ABT_ERR | SMMU_GERROR_MSI_GERROR_ABT_ERR;
        if (!sec && c->pri)
            m |= SMMU_GERROR_PRIQ_ABT_ERR | (c->msi ? SMMU_GERROR_MSI_PRIQ_ABT_ERR : 0);
        return m;
    }
    case R_GERROR_IRQ_CFG0: case R_EVENTQ_IRQ_CFG0: case R_PRIQ_IRQ_CFG0:
        return SMMU_IRQ_CFG0_ADDR & oas_addr_mask(s);
    case R_GERROR_IRQ_CFG1: case R_EVENTQ_IRQ_CFG1: case R_PRIQ_IRQ_CFG1:
        return SMMU_GENMASK(31, 0);
    case R_GERROR_IRQ_CFG2: case R_EVENTQ_IRQ_CFG2:
        return SMMU_IRQ_CFG2_SH | SMMU_IRQ_CFG2_MEMATTR;
    case R_PRIQ_IRQ_CFG2:
        return SMMU_IRQ_CFG2_SH | SMMU_IRQ_CFG2_MEMATTR | SMMU_PRIQ_IRQ_CFG2_LO;
    case R_STRTAB_BASE:
        return SMMU_STRTAB_BASE_RA | (SMMU_STRTAB_BASE_ADDR & oas_addr_mask(s));
    case R_STRTAB_BASE_CFG:
        /* FMT and SPLIT are RES0 when IDR0.ST_LEVEL is 0b00 [6.3.25, 6.3.143] */
        return (c->st_2level ? SMMU_STRTAB_BASE_CFG_FMT | SMMU_STRTAB_BASE_CFG_SPLIT : 0) |
               SMMU_STRTAB_BASE_CFG_LOG2SIZE;
    case R_CMDQ_BASE: case R_EVENTQ_BASE: case R_PRIQ_BASE:
        return SMMU_Q_BASE_RA_WA | (SMMU_Q_BASE_ADDR & oas_addr_mask(s)) | SMMU_Q_BASE_LOG2SIZE;
    case R_CMDQ_PROD: case R_CMDQ_CONS:
        return smmu_queue_wrap_mask(reg_queue_qs(s, b, id));
    case R_EVENTQ_PROD: case R_PRIQ_PROD:
        return SMMU_Q_PROD_OVFLG | smmu_queue_wrap_mask(reg_queue_qs(s, b, id));
    case R_EVENTQ_CONS: case R_PRIQ_CONS:
        return SMMU_Q_CONS_OVACKFLG | smmu_queue_wrap_mask(reg_queue_qs(s, b, id));
    default:
        return 0; /* ID registers, CR0ACK, IRQ_CTRLACK, GERROR, STATUSR */
    }
}

/* Fields the SMMU owns in a software-writable register: written values are dropped silently. */
static uint64_t reg_ro_fields(unsigned id)
{
    return id == R_CMDQ_CONS ? SMMU_CMDQ_CONS_ERR : 0;
}

/* Bits currently guarded (read-only because an enable is set), and why. */
static uint64_t reg_guard(const struct smmu *s, unsigned bank, unsigned id, const char **why)
{
    const struct smmu_bank *b = &s->bank[bank];
    uint32_t en = b->cr0 | b->cr0ack;
    uint32_t irqen = b->irq_ctrl | b->irq_ctrlack;
    switch (id) {
    case R_STRTAB_BASE: case R_STRTAB_BASE_CFG: case R_CR2:
        *why = "SMMUEN is set";
        return (en & SMMU_CR0_SMMUEN) ? ~UINT64_C(0) : 0;
    case R_CR1: {
        /* TABLE_* guarded by SMMUEN, QUEUE_* by every queue enable [6.3.11] */
        uint64_t g = 0;
        *why = "SMMUEN or a queue enable is set";
        if (en & SMMU_CR0_SMMUEN)
            g |= SMMU_CR1_TABLE_MASK;
        if (en & (SMMU_CR0_CMDQEN | SMMU_CR0_EVENTQEN | SMMU_CR0_PRIQEN))
            g |= SMMU_CR1_QUEUE_MASK;
        return g;
    }
    case R_CMDQ_BASE: case R_CMDQ_CONS:
        *why = "CMDQEN is set";
        return (en & SMMU_CR0_CMDQEN) ? ~UINT64_C(0) : 0;
    case R_EVENTQ_BASE: case R_EVENTQ_PROD:
        *why = "EVENTQEN is set";
        return (en & SMMU_CR0_EVENTQEN) ? ~UINT64_C(0) : 0;
    case R_PRIQ_BASE: case R_PRIQ_PROD:
        *why = "PRIQEN is set";
        return (en & SMMU_CR0_PRIQEN) ? ~UINT64_C(0) : 0;
    case R_GERROR_IRQ_CFG0: case R_GERROR_IRQ_CFG1: case R_GERROR_IRQ_CFG2:
        *why = "IRQ_CTRL.GERROR_IRQEN is set";
        return (irqen & SMMU_IRQ_CTRL_GERROR_IRQEN) ? ~UINT64_C(0) : 0;
    case R_EVENTQ_IRQ_CFG0: case R_EVENTQ_IRQ_CFG1: case R_EVENTQ_IRQ_CFG2:
        *why = "IRQ_CTRL.EVENTQ_IRQEN is set";
        return (irqen & SMMU_IRQ_CTRL_EVENTQ_IRQEN) ? ~UINT64_C(0) : 0;
    case R_PRIQ_IRQ_CFG0: case R_PRIQ_IRQ_CFG1: case R_PRIQ_IRQ_CFG2:
        *why = "IRQ_CTRL.PRIQ_IRQEN is set";
        return (irqen & SMMU_IRQ_CTRL_PRIQ_IRQEN) ? ~UINT64_C(0) : 0;
    default:
        return 0;
    }
}

/* Translations of `bank`'s streams may now give other results: tell the embedder, so that
 * it drops what it derived from them (DMI pointers) [env.invalidated]. */
static void regs_notify_bank(struct smmu *s, unsigned bank)
{
    smmu_inval_notice n = {0};
    n.sec = (smmu_sec_sid)bank;
    n.all = true;
    smmu_notify_invalidation(s, &n);
}

/* Side effects of a register write that took effect (old -> b's new value). */
static void reg_after_write(struct smmu *s, unsigned bank, unsigned id, uint64_t old)
{
    struct smmu_bank *b = &s->bank[bank];
    switch (id) {
    case R_CR0:
        /* The model completes every CR0 update at once [6.3.9]. SMMUEN switches between
         * GBPA and translation; S_CR0.SIF is read by every Secure translation [6.3.57]. */
        b->cr0ack = b->cr0;
        if ((old ^ b->cr0) & (SMMU_CR0_SMMUEN | (bank == BANK_S ? SMMU_S_CR0_SIF : 0)))
            regs_notify_bank(s, bank);
        if (bank == BANK_S)
            regs_update_ns_stall_model(s);
        stall_cr0_written(s, bank, (uint32_t)old); /* SMMUEN 1 -> 0, EVENTQEN 0 -> 1 */
        if ((b->cr0 & SMMU_CR0_CMDQEN) && !(old & SMMU_CR0_CMDQEN))
            cmdq_process(s, bank);
        break;
    case R_IRQ_CTRL:
        b->irq_ctrlack = b->irq_ctrl;
        break;
    case R_GBPA:
        /* GBPA applies only while SMMUEN is 0 [6.3.14] */
        if (old != b->gbpa && !(b->cr0ack & SMMU_CR0_SMMUEN))
            regs_notify_bank(s, bank);
        break;
    case R_GERRORN: {
        uint32_t toggled = (uint32_t)(old ^ b->gerrorn);
        uint32_t was_active = (uint32_t)(old ^ b->gerror);
        if (toggled & ~was_active)
            smmu_log(s, SMMU_LOG_WARN,
                     "%sGERRORN: bits 0x%x toggled while their errors are inactive: they now "
                     "read as active (CONSTRAINED UNPREDICTABLE, IHI 0070 6.3.20)",
                     bank_prefix[bank], toggled & ~was_active);
        if ((was_active & SMMU_GERROR_CMDQ_ERR) && !regs_gerror_active(b, SMMU_GERROR_CMDQ_ERR))
            cmdq_process(s, bank); /* acknowledged: consumption resumes [7.1] */
        stall_queue_changed(s, bank); /* EVENTQ_ABT_ERR acknowledged [7.2.2] */
        break;
    }
    case R_EVENTQ_CONS:
        stall_queue_changed(s, bank); /* held stalls retry when the queue is writable [7.4] */
        break;
    case R_CMDQ_PROD:
        cmdq_process(s, bank);
        break;
    case R_S_INIT:
        if (s->root.present && (s->root.cr0 & SMMU_ROOT_CR0_GPCEN)) {
            smmu_log(s, SMMU_LOG_WARN, "SMMU_S_INIT.INV_ALL has no effect while "
                     "SMMU_ROOT_CR0.GPCEN is 1 (IHI 0070 6.3.62)");
            break;
        }
        if (s->bank[BANK_NS].cr0 & SMMU_CR0_SMMUEN || s->bank[BANK_S].cr0 & SMMU_CR0_SMMUEN ||
            s->bank[BANK_R].cr0 & SMMU_CR0_SMMUEN || (s->root.cr0 & SMMU_ROOT_CR0_ACCESSEN))
            smmu_log(s, SMMU_LOG_WARN,
                     "SMMU_S_INIT.INV_ALL written while an SMMUEN is set or ROOT_CR0.ACCESSEN "
                     "is 1 (CONSTRAINED UNPREDICTABLE, IHI 0070 6.3.62): invalidating anyway");
        smmu_invalidate_all(s); /* completes at once: INV_ALL reads 0 */
        break;
    case R_CMDQ_BASE: case R_EVENTQ_BASE: case R_PRIQ_BASE: {
        unsigned l2 = (unsigned)SMMU_FIELD_GET(SMMU_Q_BASE_LOG2SIZE, reg_get(s, b, id));
        unsigned max = id == R_CMDQ_BASE ? s->cfg.cmdq_log2max
                     : id == R_EVENTQ_BASE ? s->cfg.eventq_log2max : s->cfg.priq_log2max;
        if (l2 > max)
            smmu_log(s, SMMU_LOG_WARN,
                     "%s%s: LOG2SIZE %u exceeds IDR1 maximum %u: used as %u (IHI 0070 6.3.26)",
                     bank_prefix[bank],
                     id == R_CMDQ_BASE ? "CMDQ_BASE" : id == R_EVENTQ_BASE ? "EVENTQ_BASE"
                                                                          : "PRIQ_BASE",
                     l2, max, max);
        break;
    }
    default:
        break;
    }
}

/* Write `val` (already placed in the lanes `lanes` of the 64-bit register value) to register
 * `d` of bank `bank`. */
static void reg_write(struct smmu *s, unsigned bank, const struct reg_def *d, uint64_t val,
                      uint64_t lanes)
{
    struct smmu_bank *b = &s->bank[bank];
    const char *pfx = bank_prefix[bank];
    uint64_t wmask = reg_wmask(s, bank, d->id);
    if (!wmask) {
        smmu_log(s, SMMU_LOG_WARN, "%s%s is read-only: write of 0x%llx ignored", pfx, d->name,
                 (unsigned long long)(val & lanes));
        return;
    }
    if (d->id == R_GBPA && !(val & SMMU_GBPA_UPDATE)) {
        /* [6.3.14.1]: a write without Update=1 is ignored (the v3.2 rule, used for all). */
        smmu_log(s, SMMU_LOG_WARN, "%sGBPA written without Update=1: write of 0x%llx ignored",
                 pfx, (unsigned long long)val);
        return;
    }
    uint64_t res = val & lanes & ~wmask & ~reg_ro_fields(d->id);
    if (d->id == R_GBPA)
        res &= ~(uint64_t)SMMU_GBPA_UPDATE;
    if (res) {
        uint64_t above_oas = res & SMMU_GENMASK(55, s->cfg.oas_bits);
        if (d->size == 8 && above_oas && above_oas == res)
            smmu_log(s, SMMU_LOG_WARN,
                     "%s%s: address bits 0x%llx above the %u-bit OAS are RES0: treated as 0",
                     pfx, d->name, (unsigned long long)res, s->cfg.oas_bits);
        else
            smmu_log(s, SMMU_LOG_WARN, "%s%s: reserved (RES0) bits 0x%llx written as 1: ignored",
                     pfx, d->name, (unsigned long long)res);
    }
    const char *why = "";
    uint64_t guard = reg_guard(s, bank, d->id, &why);
    uint64_t old = reg_get(s, b, d->id);
    uint64_t wm = wmask & lanes & ~guard;
    if ((val ^ old) & wmask & lanes & guard)
        smmu_log(s, SMMU_LOG_WARN, "%s%s written while %s: the write is ignored (guarded field, "
                 "IHI 0070 6.3)", pfx, d->name, why);
    uint64_t nv = (old & ~wm) | (val & wm);
    if (s->chk)
        check_reg_write(s, bank, d->name, old, (old & ~lanes) | (val & lanes));
    if (d->id == R_GBPA)
        nv &= ~(uint64_t)SMMU_GBPA_UPDATE; /* the update completes at once */
    if (d->id == R_S_INIT) {
        if (nv & SMMU_S_INIT_INV_ALL)
            reg_after_write(s, bank, d->id, old);
        return;
    }
    reg_put(b, d->id, nv);
    reg_after_write(s, bank, d->id, old);
}

/* ---------------------------------------------------------------------------------------------
 * Decode [IHI 0070 6.2]
 * ------------------------------------------------------------------------------------------- */

struct reg_loc {
    const struct reg_def *def;  /* NULL: nothing implemented here (RAZ/WI) */
    unsigned bank;
    unsigned local;             /* offset within the page/bank */
    bool denied;                /* PA space may not see this bank: RAZ/WI */
    bool root;                  /* the Root control page (gpc.c decodes it) */
};

static const struct reg_def *find_reg(const struct reg_def *tab, size_t n, unsigned local,
                                      unsigned bank)
{
    for (size_t i = 0; i < n; i++)
        if (local >= tab[i].off && local < tab[i].off + tab[i].size &&
            (tab[i].banks & (1u << bank)))
            return &tab[i];
    return NULL;
}

/* Which register (and bank) does `offset` reach from PA space `pas`? */
static struct reg_loc regs_locate(const struct smmu *s, uint64_t offset, smmu_pa_space pas)
{
    struct reg_loc l = {NULL, BANK_NS, 0, false, false};
    uint64_t root = s->cfg.root_page_offset;
    if (s->root.present && offset >= root && offset - root < SMMU_ROOT_PAGE_SIZE) {
        /* The Root control page: Root PA space only, RAZ/WI otherwise [6.2.6]. */
        l.root = true;
        l.local = (unsigned)(offset - root);
        l.denied = pas != SMMU_PAS_ROOT;
        return l;
    }
    if (offset < 0x8000) {
        l.local = (unsigned)offset;
        l.def = find_reg(page0_regs, ARRAY_SIZE(page0_regs), l.local, BANK_NS);
    } else if (offset < 0x9000) {
        /* The Secure bank: Secure (and Root) PA space only; RAZ/WI without SECURE_IMPL
         * [6.2.1, 3.10.2]. 0x9000-0xFFFF (IMPDEF Secure, Secure ECMDQ) is not implemented. */
        l.bank = BANK_S;
        l.local = (unsigned)offset - SMMU_S_BANK_OFFSET;
        l.def = find_reg(page0_regs, ARRAY_SIZE(page0_regs), l.local, BANK_S);
        l.denied = (pas != SMMU_PAS_SECURE && pas != SMMU_PAS_ROOT) || !s->bank[BANK_S].present;
    } else if (offset >= SMMU_PAGE1_OFFSET && offset < 2 * SMMU_PAGE1_OFFSET) {
        l.local = (unsigned)(offset - SMMU_PAGE1_OFFSET);
        l.def = find_reg(page1_regs, ARRAY_SIZE(page1_regs), l.local, BANK_NS);
    } else if (s->bank[BANK_R].present && offset >= SMMU_REALM_BASE(s->cfg.ba_realm) &&
               offset - SMMU_REALM_BASE(s->cfg.ba_realm) < 2 * SMMU_PAGE1_OFFSET) {
        /* Realm pages 0 and 1: Realm and Root PA spaces only [6.2.7-6.2.9] */
        uint64_t rel = offset - SMMU_REALM_BASE(s->cfg.ba_realm);
        l.bank = BANK_R;
        l.local = (unsigned)(rel & (SMMU_PAGE1_OFFSET - 1));
        l.def = rel < SMMU_PAGE1_OFFSET
                    ? find_reg(page0_regs, ARRAY_SIZE(page0_regs), l.local, BANK_R)
                    : find_reg(page1_regs, ARRAY_SIZE(page1_regs), l.local, BANK_R);
        l.denied = pas != SMMU_PAS_REALM && pas != SMMU_PAS_ROOT;
    }
    if (l.def && !reg_present(s, l.def->id))
        l.def = NULL;
    return l;
}

/* Size/alignment checks and locating. Returns SMMU_OK, or an error (the access is RAZ/WI). */
static smmu_status regs_access(struct smmu *s, uint64_t offset, unsigned size,
                               smmu_pa_space pas, bool write, struct reg_loc *l)
{
    const char *dir = write ? "write" : "read";
    if (size != 4 && size != 8) {
        smmu_log(s, SMMU_LOG_WARN, "register %s of %u bytes at 0x%llx: only 4 and 8 are "
                 "supported (RAZ/WI)", dir, size, (unsigned long long)offset);
        return SMMU_E_SIZE;
    }
    if (offset & (size - 1)) {
        smmu_log(s, SMMU_LOG_WARN, "register %s of %u bytes at 0x%llx is not naturally "
                 "aligned (RAZ/WI)", dir, size, (unsigned long long)offset);
        return SMMU_E_ALIGN;
    }
    *l = regs_locate(s, offset, pas);
    if (l->root) {
        if (l->denied)
            smmu_log(s, SMMU_LOG_WARN, "%s of Root page offset 0x%x from a non-Root PA space "
                     "(RAZ/WI)", dir, l->local);
        return SMMU_OK;
    }
    if (l->def && size == 8 && l->def->size != 8) {
        smmu_log(s, SMMU_LOG_WARN, "64-bit %s of 32-bit register %s%s at 0x%llx (RAZ/WI)", dir,
                 bank_prefix[l->bank], l->def->name, (unsigned long long)offset);
        return SMMU_E_SIZE;
    }
    if (l->denied && l->bank == BANK_R) {
        smmu_log(s, SMMU_LOG_WARN, "%s of Realm register %s from a PA space other than Realm "
                 "and Root (RAZ/WI)", dir, l->def ? l->def->name : "(reserved)");
        l->def = NULL;
    } else if (l->denied) {
        if (!s->bank[BANK_S].present)
            smmu_log(s, SMMU_LOG_DEBUG, "%s of Secure bank offset 0x%llx: SECURE_IMPL is 0 "
                     "(RAZ/WI)", dir, (unsigned long long)offset);
        else
            smmu_log(s, SMMU_LOG_WARN, "%s of Secure register %s from a non-Secure PA space "
                     "(RAZ/WI)", dir, l->def ? l->def->name : "(reserved)");
        l->def = NULL;
    } else if (!l->def) {
        smmu_log(s, write ? SMMU_LOG_WARN : SMMU_LOG_DEBUG,
                 "%s of unimplemented or reserved register offset 0x%llx (RAZ/WI)", dir,
                 (unsigned long long)offset);
    }
    return SMMU_OK;
}

smmu_status regs_read(struct smmu *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                      uint64_t *val)
{
    struct reg_loc l;
    *val = 0;
    smmu_status st = regs_access(s, offset, size, pas, false, &l);
    if (st == SMMU_OK && l.root && !l.denied)
        return gpc_root_read(s, l.local, size, val);
    if (st != SMMU_OK || !l.def)
        return st;
    if (l.def->id == R_ID_REGS) {
        *val = regs_id_reg(&s->cfg, l.local);
        return SMMU_OK;
    }
    uint64_t v = reg_get(s, &s->bank[l.bank], l.def->id) >> ((l.local - l.def->off) * 8);
    *val = size == 4 ? (uint32_t)v : v;
    if (s->chk)
        check_reg_read(s, l.bank, l.def->name, *val);
    return SMMU_OK;
}

smmu_status regs_write(struct smmu *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                       uint64_t val)
{
    struct reg_loc l;
    smmu_status st = regs_access(s, offset, size, pas, true, &l);
    if (st == SMMU_OK && l.root && !l.denied)
        return gpc_root_write(s, l.local, size, val);
    if (st != SMMU_OK || !l.def)
        return st;
    if (l.def->id == R_ID_REGS) {
        smmu_log(s, SMMU_LOG_WARN, "ID register at 0x%llx is read-only: write ignored",
                 (unsigned long long)offset);
        return SMMU_OK;
    }
    unsigned shift = (l.local - l.def->off) * 8;
    uint64_t lanes = (size == 8 ? ~UINT64_C(0) : SMMU_GENMASK(31, 0)) << shift;
    if (size == 4)
        val = (uint64_t)(uint32_t)val << shift;
    reg_write(s, l.bank, l.def, val, lanes);
    return SMMU_OK;
}
