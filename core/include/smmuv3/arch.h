/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arch.h - the Arm SMMUv3 architecture as tables, for drivers, tools and tests [IHI 0070].
 *
 *   - register offsets of every page and bank, with their fields indented under them as
 *     SMMU_GENMASK(hi, lo) / SMMU_BIT(n) masks, read with SMMU_FIELD_GET and written with
 *     SMMU_FIELD_PREP (the Secure bank's own fields are SMMU_S_*, the Realm's SMMU_R_*);
 *   - the queue index arithmetic of the command and event queues [3.5, 6.3.26];
 *   - the layouts of the multi-word structures (STE, L1STD, CD, L1CD, commands, event records,
 *     VMSAv8-64 translation table descriptors, GPT descriptors) as X-macro lists
 *     X(NAME, hi, lo) whose bit numbers are the absolute [hi:lo] ranges the specification
 *     prints (abs = 64 * word + bit) and whose NAMEs are the specification's field names;
 *   - from those lists, accessors smmu_<struct>_<NAME>(w) / smmu_<struct>_set_<NAME>(w, v) on
 *     host-order 64-bit words, and the name tables smmu_<struct>_field_table[] (in the core
 *     library) for decoders and diagnostics.
 *
 * Every name this header defines starts with SMMU_ or smmu_. Structures are little-endian in
 * memory: convert each 64-bit word once when reading or writing it. SMMU_FIELD_GET and
 * SMMU_FIELD_PREP use __builtin_ctzll (GCC and Clang).
 *
 * Using a list for your own purpose:
 *     #define MY_X(name, hi, lo) printf("STE.%s [%d:%d]\n", #name, hi, lo);
 *     SMMU_STE_FIELDS(MY_X)
 *
 * Where the architecture figures survive only as images lost in the specification's text form
 * (most command and event layouts) the lists say where each position comes from.
 */
#ifndef SMMUV3_ARCH_H
#define SMMUV3_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* ---------------------------------------------------------------------------------------------
 * Bit-field helpers in the style of Linux <linux/bitfield.h>: masks are written
 * SMMU_GENMASK(hi, lo) exactly as the specification prints [hi:lo].
 * ------------------------------------------------------------------------------------------- */
#define SMMU_BIT(n) (UINT64_C(1) << (n))
#define SMMU_GENMASK(hi, lo) ((~UINT64_C(0) >> (63 - (hi))) & (~UINT64_C(0) << (lo)))
/* Shift of the lowest set bit of a constant mask. */
#define SMMU_MASK_SHIFT(mask) ((unsigned)__builtin_ctzll((uint64_t)(mask)))
#define SMMU_FIELD_GET(mask, v) ((uint64_t)(((uint64_t)(v) & (mask)) >> SMMU_MASK_SHIFT(mask)))
#define SMMU_FIELD_PREP(mask, v) ((((uint64_t)(v)) << SMMU_MASK_SHIFT(mask)) & (mask))

/* ---------------------------------------------------------------------------------------------
 * Registers [IHI 0070 6.2, 6.3]
 *
 * Offsets are those of the Non-secure page 0 (SMMU_*); the Secure bank (SMMU_S_*) is the same
 * layout at +SMMU_S_BANK_OFFSET, page 1 at +SMMU_PAGE1_OFFSET, a Realm programming interface
 * at SMMU_REALM_BASE(ROOT_IDR0.BA_REALM). Where the Secure (Realm) register has a different
 * field, it is named SMMU_S_* (SMMU_R_*).
 * ------------------------------------------------------------------------------------------- */
#define SMMU_PAGE1_OFFSET 0x10000
#define SMMU_REALM_BASE(ba_realm) (0x20000 + (uint64_t)(ba_realm) * 0x10000) /* O_REALM */
#define SMMU_S_BANK_OFFSET 0x8000

#define SMMU_IDR0 0x000
#define   SMMU_IDR0_S2P SMMU_BIT(0)
#define   SMMU_IDR0_S1P SMMU_BIT(1)
#define   SMMU_IDR0_TTF SMMU_GENMASK(3, 2)
#define     SMMU_IDR0_TTF_AARCH64 2
#define   SMMU_IDR0_COHACC SMMU_BIT(4)
#define   SMMU_IDR0_BTM SMMU_BIT(5)
#define   SMMU_IDR0_HTTU SMMU_GENMASK(7, 6)
#define   SMMU_IDR0_DORMHINT SMMU_BIT(8)
#define   SMMU_IDR0_HYP SMMU_BIT(9)
#define   SMMU_IDR0_ATS SMMU_BIT(10)
#define   SMMU_IDR0_NS1ATS SMMU_BIT(11)
#define   SMMU_IDR0_ASID16 SMMU_BIT(12)
#define   SMMU_IDR0_MSI SMMU_BIT(13)
#define   SMMU_IDR0_SEV SMMU_BIT(14)
#define   SMMU_IDR0_ATOS SMMU_BIT(15)
#define   SMMU_IDR0_PRI SMMU_BIT(16)
#define   SMMU_IDR0_VMW SMMU_BIT(17)
#define   SMMU_IDR0_VMID16 SMMU_BIT(18)
#define   SMMU_IDR0_CD2L SMMU_BIT(19)
#define   SMMU_IDR0_VATOS SMMU_BIT(20)
#define   SMMU_IDR0_TTENDIAN SMMU_GENMASK(22, 21)
#define   SMMU_IDR0_ATSRECERR SMMU_BIT(23)
#define   SMMU_IDR0_STALL_MODEL SMMU_GENMASK(25, 24)
#define   SMMU_IDR0_TERM_MODEL SMMU_BIT(26)
#define   SMMU_IDR0_ST_LEVEL SMMU_GENMASK(28, 27)
#define   SMMU_IDR0_RME_IMPL SMMU_BIT(30)
#define   SMMU_S_IDR0_ECMDQ SMMU_BIT(31)
#define SMMU_IDR1 0x004
#define   SMMU_IDR1_SIDSIZE SMMU_GENMASK(5, 0)
#define   SMMU_IDR1_SSIDSIZE SMMU_GENMASK(10, 6)
#define   SMMU_IDR1_PRIQS SMMU_GENMASK(15, 11)
#define   SMMU_IDR1_EVENTQS SMMU_GENMASK(20, 16)
#define   SMMU_IDR1_CMDQS SMMU_GENMASK(25, 21)
#define   SMMU_IDR1_ATTR_PERMS_OVR SMMU_BIT(26)
#define   SMMU_IDR1_ATTR_TYPES_OVR SMMU_BIT(27)
#define   SMMU_IDR1_REL SMMU_BIT(28)
#define   SMMU_IDR1_QUEUES_PRESET SMMU_BIT(29)
#define   SMMU_IDR1_TABLES_PRESET SMMU_BIT(30)
#define   SMMU_IDR1_ECMDQ SMMU_BIT(31)
#define   SMMU_S_IDR1_S_SIDSIZE SMMU_GENMASK(5, 0)
#define   SMMU_S_IDR1_SEL2 SMMU_BIT(29)
#define   SMMU_S_IDR1_SECURE_IMPL SMMU_BIT(31)
#define   SMMU_R_IDR1_RME_DA_IMPL SMMU_BIT(31)
#define SMMU_IDR2 0x008
#define SMMU_IDR3 0x00C
#define   SMMU_IDR3_HAD SMMU_BIT(2)
#define   SMMU_IDR3_PBHA SMMU_BIT(3)
#define   SMMU_IDR3_XNX SMMU_BIT(4)
#define   SMMU_IDR3_PPS SMMU_BIT(5)
#define   SMMU_S_IDR3_SAMS SMMU_BIT(6)
#define   SMMU_IDR3_MPAM SMMU_BIT(7)
#define   SMMU_IDR3_FWB SMMU_BIT(8)
#define   SMMU_IDR3_STT SMMU_BIT(9)
#define   SMMU_IDR3_RIL SMMU_BIT(10)
#define   SMMU_IDR3_BBML SMMU_GENMASK(12, 11)
#define   SMMU_IDR3_E0PD SMMU_BIT(13)
#define   SMMU_IDR3_PTWNNC SMMU_BIT(14)
#define   SMMU_IDR3_EPAN SMMU_BIT(17)
#define SMMU_IDR4 0x010
#define SMMU_IDR5 0x014
#define   SMMU_IDR5_OAS SMMU_GENMASK(2, 0)
#define   SMMU_IDR5_GRAN4K SMMU_BIT(4)
#define   SMMU_IDR5_GRAN16K SMMU_BIT(5)
#define   SMMU_IDR5_GRAN64K SMMU_BIT(6)
#define   SMMU_IDR5_DS SMMU_BIT(7)
#define   SMMU_IDR5_VAX SMMU_GENMASK(11, 10)
#define   SMMU_IDR5_STALL_MAX SMMU_GENMASK(31, 16)
#define SMMU_IIDR 0x018
#define   SMMU_IIDR_IMPLEMENTER SMMU_GENMASK(11, 0)
#define   SMMU_IIDR_REVISION SMMU_GENMASK(15, 12)
#define   SMMU_IIDR_VARIANT SMMU_GENMASK(19, 16)
#define   SMMU_IIDR_PRODUCTID SMMU_GENMASK(31, 20)
#define SMMU_AIDR 0x01C
#define   SMMU_AIDR_ARCH_MINOR SMMU_GENMASK(3, 0)
#define   SMMU_AIDR_ARCH_MAJOR SMMU_GENMASK(7, 4)
#define SMMU_CR0 0x020
#define   SMMU_CR0_SMMUEN SMMU_BIT(0)
#define   SMMU_CR0_PRIQEN SMMU_BIT(1)
#define   SMMU_CR0_EVENTQEN SMMU_BIT(2)
#define   SMMU_CR0_CMDQEN SMMU_BIT(3)
#define   SMMU_CR0_ATSCHK SMMU_BIT(4)
#define   SMMU_S_CR0_SIF SMMU_BIT(5)
#define   SMMU_CR0_VMW SMMU_GENMASK(8, 6)
#define   SMMU_S_CR0_NSSTALLD SMMU_BIT(9)
#define SMMU_CR0ACK 0x024
#define SMMU_CR1 0x028
#define   SMMU_CR1_QUEUE_IC SMMU_GENMASK(1, 0)
#define   SMMU_CR1_QUEUE_OC SMMU_GENMASK(3, 2)
#define   SMMU_CR1_QUEUE_SH SMMU_GENMASK(5, 4)
#define   SMMU_CR1_TABLE_IC SMMU_GENMASK(7, 6)
#define   SMMU_CR1_TABLE_OC SMMU_GENMASK(9, 8)
#define   SMMU_CR1_TABLE_SH SMMU_GENMASK(11, 10)
#define   SMMU_CR1_QUEUE_MASK SMMU_GENMASK(5, 0)
#define   SMMU_CR1_TABLE_MASK SMMU_GENMASK(11, 6)
#define SMMU_CR2 0x02C
#define   SMMU_CR2_E2H SMMU_BIT(0)
#define   SMMU_CR2_RECINVSID SMMU_BIT(1)
#define   SMMU_CR2_PTM SMMU_BIT(2)
#define   SMMU_CR2_REC_CFG_ATS SMMU_BIT(3)
#define SMMU_S2PII 0x030
#define SMMU_S_INIT 0x03C /* Secure bank only */
#define   SMMU_S_INIT_INV_ALL SMMU_BIT(0)
#define SMMU_STATUSR 0x040
#define   SMMU_STATUSR_DORMANT SMMU_BIT(0)
#define SMMU_GBPA 0x044
#define   SMMU_GBPA_MEMATTR SMMU_GENMASK(3, 0)
#define   SMMU_GBPA_MTCFG SMMU_BIT(4)
#define   SMMU_GBPA_ALLOCCFG SMMU_GENMASK(11, 8)
#define   SMMU_GBPA_SHCFG SMMU_GENMASK(13, 12)
#define     SMMU_GBPA_SHCFG_INCOMING 1
#define   SMMU_S_GBPA_NSCFG SMMU_GENMASK(15, 14)
#define   SMMU_GBPA_PRIVCFG SMMU_GENMASK(17, 16)
#define   SMMU_GBPA_INSTCFG SMMU_GENMASK(19, 18)
#define   SMMU_GBPA_ABORT SMMU_BIT(20)
#define   SMMU_GBPA_UPDATE SMMU_BIT(31)
#define SMMU_AGBPA 0x048
#define SMMU_IRQ_CTRL 0x050
#define   SMMU_IRQ_CTRL_GERROR_IRQEN SMMU_BIT(0)
#define   SMMU_IRQ_CTRL_PRIQ_IRQEN SMMU_BIT(1)
#define   SMMU_IRQ_CTRL_EVENTQ_IRQEN SMMU_BIT(2)
#define SMMU_IRQ_CTRLACK 0x054
#define SMMU_GERROR 0x060
#define   SMMU_GERROR_CMDQ_ERR SMMU_BIT(0)
#define   SMMU_GERROR_EVENTQ_ABT_ERR SMMU_BIT(2)
#define   SMMU_GERROR_PRIQ_ABT_ERR SMMU_BIT(3)
#define   SMMU_GERROR_MSI_CMDQ_ABT_ERR SMMU_BIT(4)
#define   SMMU_GERROR_MSI_EVENTQ_ABT_ERR SMMU_BIT(5)
#define   SMMU_GERROR_MSI_PRIQ_ABT_ERR SMMU_BIT(6)
#define   SMMU_GERROR_MSI_GERROR_ABT_ERR SMMU_BIT(7)
#define   SMMU_GERROR_SFM_ERR SMMU_BIT(8)
#define SMMU_GERRORN 0x064
#define SMMU_GERROR_IRQ_CFG0 0x068
#define   SMMU_IRQ_CFG0_ADDR SMMU_GENMASK(55, 2)
#define   SMMU_R_IRQ_CFG0_NS SMMU_BIT(63) /* Realm: the MSI targets Non-secure PA space */
#define SMMU_GERROR_IRQ_CFG1 0x070 /* DATA [31:0] */
#define SMMU_GERROR_IRQ_CFG2 0x074
#define   SMMU_IRQ_CFG2_MEMATTR SMMU_GENMASK(3, 0)
#define   SMMU_IRQ_CFG2_SH SMMU_GENMASK(5, 4)
#define SMMU_STRTAB_BASE 0x080
#define   SMMU_STRTAB_BASE_ADDR SMMU_GENMASK(55, 6)
#define   SMMU_STRTAB_BASE_RA SMMU_BIT(62)
#define SMMU_STRTAB_BASE_CFG 0x088
#define   SMMU_STRTAB_BASE_CFG_LOG2SIZE SMMU_GENMASK(5, 0)
#define   SMMU_STRTAB_BASE_CFG_SPLIT SMMU_GENMASK(10, 6)
#define   SMMU_STRTAB_BASE_CFG_FMT SMMU_GENMASK(17, 16)
#define SMMU_CMDQ_BASE 0x090
#define   SMMU_Q_BASE_LOG2SIZE SMMU_GENMASK(4, 0)
#define   SMMU_Q_BASE_ADDR SMMU_GENMASK(55, 5)
/* RA for the command queue, WA for the event and PRI queues */
#define   SMMU_Q_BASE_RA_WA SMMU_BIT(62)
#define SMMU_CMDQ_PROD 0x098
#define   SMMU_Q_IDX_WRAP SMMU_GENMASK(19, 0) /* index [QS-1:0] and wrap bit [QS] */
#define SMMU_CMDQ_CONS 0x09C
#define   SMMU_CMDQ_CONS_ERR SMMU_GENMASK(30, 24)
#define SMMU_EVENTQ_BASE 0x0A0
#define SMMU_EVENTQ_PROD 0x0A8 /* page 1 (the model also answers at page 0); S bank: page 0 */
#define   SMMU_Q_PROD_OVFLG SMMU_BIT(31)
#define SMMU_EVENTQ_CONS 0x0AC
#define   SMMU_Q_CONS_OVACKFLG SMMU_BIT(31)
#define SMMU_EVENTQ_IRQ_CFG0 0x0B0
#define SMMU_EVENTQ_IRQ_CFG1 0x0B8
#define SMMU_EVENTQ_IRQ_CFG2 0x0BC
#define SMMU_PRIQ_BASE 0x0C0
#define SMMU_PRIQ_PROD 0x0C8
#define SMMU_PRIQ_CONS 0x0CC
#define SMMU_PRIQ_IRQ_CFG0 0x0D0
#define SMMU_PRIQ_IRQ_CFG1 0x0D8
#define SMMU_PRIQ_IRQ_CFG2 0x0DC
#define   SMMU_PRIQ_IRQ_CFG2_LO SMMU_BIT(31)
#define SMMU_ID_REGS 0xFD0 /* PIDR4..7, PIDR0..3, CIDR0..3 up to 0xFFC */
#define SMMU_PIDR4 0xFD0
#define SMMU_PIDR0 0xFE0
#define SMMU_CIDR0 0xFF0

/* Root control page [IHI 0070 6.2.6, 6.3.110-121]: offsets from cfg.root_page_offset. */
#define SMMU_ROOT_IDR0 0x000
#define   SMMU_ROOT_IDR0_ROOT_IMPL SMMU_BIT(0)
#define   SMMU_ROOT_IDR0_BGPTM SMMU_BIT(1)
#define   SMMU_ROOT_IDR0_RGPTM SMMU_BIT(2)
#define   SMMU_ROOT_IDR0_REALM_IMPL SMMU_BIT(3)
#define   SMMU_ROOT_IDR0_BA_REALM SMMU_GENMASK(31, 22)
#define SMMU_ROOT_IIDR 0x008
#define SMMU_ROOT_CR0 0x020
#define   SMMU_ROOT_CR0_ACCESSEN SMMU_BIT(0)
#define   SMMU_ROOT_CR0_GPCEN SMMU_BIT(1)
#define SMMU_ROOT_CR0ACK 0x024
#define SMMU_ROOT_GPT_BASE 0x028
#define   SMMU_ROOT_GPT_BASE_ADDR SMMU_GENMASK(51, 12)
#define SMMU_ROOT_GPT_BASE_CFG 0x030
#define   SMMU_ROOT_GPT_BASE_CFG_PPS SMMU_GENMASK(2, 0)
#define   SMMU_ROOT_GPT_BASE_CFG_IRGN SMMU_GENMASK(9, 8)
#define   SMMU_ROOT_GPT_BASE_CFG_ORGN SMMU_GENMASK(11, 10)
#define   SMMU_ROOT_GPT_BASE_CFG_SH SMMU_GENMASK(13, 12)
#define   SMMU_ROOT_GPT_BASE_CFG_PGS SMMU_GENMASK(15, 14)
#define   SMMU_ROOT_GPT_BASE_CFG_GPCP SMMU_BIT(17)
#define   SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ SMMU_GENMASK(23, 20)
#define SMMU_ROOT_GPF_FAR 0x038
#define SMMU_ROOT_GPT_CFG_FAR 0x040
#define   SMMU_ROOT_FAR_FAULT SMMU_BIT(0)
#define   SMMU_ROOT_FAR_REASON SMMU_GENMASK(3, 1)
#define   SMMU_ROOT_FAR_FAULTCODE SMMU_GENMASK(11, 4)
#define   SMMU_ROOT_FAR_FADDR SMMU_GENMASK(55, 12)
#define   SMMU_ROOT_FAR_CFG_ERR SMMU_GENMASK(59, 56) /* GPT_CFG_FAR only */
#define   SMMU_ROOT_FAR_FPAS SMMU_GENMASK(63, 62)
#define SMMU_ROOT_TLBI 0x050
#define   SMMU_ROOT_TLBI_ALL SMMU_BIT(0)
#define   SMMU_ROOT_TLBI_L SMMU_BIT(1)
#define   SMMU_ROOT_TLBI_SIZE SMMU_GENMASK(7, 4)
#define   SMMU_ROOT_TLBI_ADDR SMMU_GENMASK(51, 12)
#define SMMU_ROOT_TLBI_CTRL 0x058
#define   SMMU_ROOT_TLBI_CTRL_RUN SMMU_BIT(0)
#define SMMU_ROOT_GPT_BASE2 0x060 /* ADDR [51:12], as GPT_BASE */
#define SMMU_ROOT_GPT_BASE_UPDATE 0x068
#define   SMMU_ROOT_GPT_BASE_UPDATE_UPDATE SMMU_BIT(0)
#define SMMU_ROOT_PAGE_SIZE 0x10000

/* ---------------------------------------------------------------------------------------------
 * Performance Monitor Counter Groups [IHI 0070 10.5.1]: offsets in a group's frame, page 0;
 * the counters in page 1 (PMCG_CFGR.RELOC_CTRS = 1, as this model), at + SMMU_PMCG_PAGE1_OFFSET.
 * EVTYPER, SMR: 4 bytes per counter; EVCNTR, SVR: 4, or 8 with counters wider than 32 bits.
 * ------------------------------------------------------------------------------------------- */
#define SMMU_PMCG_EVTYPER 0x400
#define SMMU_PMCG_SMR 0xA00
#define SMMU_PMCG_CNTENSET0 0xC00
#define SMMU_PMCG_CNTENCLR0 0xC20
#define SMMU_PMCG_INTENSET0 0xC40
#define SMMU_PMCG_INTENCLR0 0xC60
#define SMMU_PMCG_SCR 0xDF8
#define SMMU_PMCG_CFGR 0xE00
#define SMMU_PMCG_CR 0xE04
#define SMMU_PMCG_IIDR 0xE08
#define SMMU_PMCG_CEID0 0xE20
#define SMMU_PMCG_CEID1 0xE28
#define SMMU_PMCG_SCR_ALIAS 0xE40
#define SMMU_PMCG_ROOTCR 0xE48
#define SMMU_PMCG_IRQ_CTRL 0xE50
#define SMMU_PMCG_IRQ_CTRLACK 0xE54
#define SMMU_PMCG_IRQ_CFG0 0xE58
#define SMMU_PMCG_IRQ_CFG1 0xE60
#define SMMU_PMCG_IRQ_CFG2 0xE64
#define SMMU_PMCG_IRQ_STATUS 0xE68
#define SMMU_PMCG_AIDR 0xE70
#define SMMU_PMCG_PMDEVARCH 0xFBC
#define SMMU_PMCG_PMDEVTYPE 0xFCC
#define SMMU_PMCG_PAGE1_OFFSET 0x10000
#define SMMU_PMCG_EVCNTR 0x000 /* page 1 */
#define SMMU_PMCG_SVR 0x600 /* page 1 */
#define SMMU_PMCG_OVSCLR0 0xC80 /* page 1 */
#define SMMU_PMCG_OVSSET0 0xCC0 /* page 1 */
#define SMMU_PMCG_CAPR 0xD88 /* page 1 */

/* ---------------------------------------------------------------------------------------------
 * Queues [IHI 0070 3.5, 4, 7, 8]
 * ------------------------------------------------------------------------------------------- */
/* Queue entry sizes [IHI 0070 4.1, 7.2, 8] */
#define SMMU_CMDQ_ENTRY_BYTES 16
#define SMMU_EVTQ_ENTRY_BYTES 32
#define SMMU_PRIQ_ENTRY_BYTES 16

/* ---- queue index arithmetic [IHI 0070 3.5] ----
 * A PROD/CONS value holds the index in bits [qs-1:0] and the wrap bit in bit [qs], qs being
 * the effective LOG2SIZE. Empty: index and wrap equal; full: index equal, wrap different. */
static inline uint32_t smmu_queue_idx_mask(unsigned qs)
{
    return (uint32_t)((UINT64_C(1) << qs) - 1);
}
static inline uint32_t smmu_queue_wrap_mask(unsigned qs)
{
    return (uint32_t)((UINT64_C(2) << qs) - 1);
}
static inline bool smmu_queue_empty(uint32_t prod, uint32_t cons, unsigned qs)
{
    return ((prod ^ cons) & smmu_queue_wrap_mask(qs)) == 0;
}
static inline bool smmu_queue_full(uint32_t prod, uint32_t cons, unsigned qs)
{
    return ((prod ^ cons) & smmu_queue_wrap_mask(qs)) == (UINT32_C(1) << qs);
}
/* The next PROD/CONS value (index + 1 with wrap), bits above the wrap bit cleared. */
static inline uint32_t smmu_queue_inc(uint32_t v, unsigned qs)
{
    return (v + 1) & smmu_queue_wrap_mask(qs);
}
/* Effective LOG2SIZE: "any use of the value is capped at IDR1.xxxQS" [6.3.26]. */
static inline unsigned smmu_queue_log2size(uint64_t base, unsigned max)
{
    unsigned l = (unsigned)SMMU_FIELD_GET(SMMU_Q_BASE_LOG2SIZE, base);
    return l > max ? max : l;
}
/* Effective base: ADDR aligned to the larger of the queue size and 32 bytes [6.3.26]. */
static inline uint64_t smmu_queue_base_pa(uint64_t base, unsigned qs, unsigned entry_bytes)
{
    uint64_t bytes = (UINT64_C(1) << qs) * entry_bytes;
    if (bytes < 32)
        bytes = 32;
    return (base & SMMU_Q_BASE_ADDR) & ~(bytes - 1);
}

/* SMMU_CMDQ_CONS.ERR codes [IHI 0070 4.1.5, 7.1] */
enum {
    SMMU_CERROR_NONE = 0,
    SMMU_CERROR_ILL = 1,
    SMMU_CERROR_ABT = 2,
    SMMU_CERROR_ATC_INV_SYNC = 3
};

/* ---------------------------------------------------------------------------------------------
 * Stream table and context descriptor structures [IHI 0070 5]
 * ------------------------------------------------------------------------------------------- */
#define SMMU_STE_DWORDS 8 /* 64 bytes */
#define SMMU_CD_DWORDS 8  /* 64 bytes */

/* STE [IHI 0070 5.2] */
#define SMMU_STE_FIELDS(X)                                                                         \
    X(V, 0, 0)                                                                                     \
    X(Config, 3, 1)                                                                                \
    X(S1Fmt, 5, 4)                                                                                 \
    X(S1ContextPtr, 55, 6)                                                                         \
    X(S1CDMax, 63, 59)                                                                             \
    X(S1DSS, 65, 64)                                                                               \
    X(S1CIR, 67, 66)                                                                               \
    X(S1COR, 69, 68)                                                                               \
    X(S1CSH, 71, 70)                                                                               \
    X(S2HWU59, 72, 72)                                                                             \
    X(S2HWU60, 73, 73)                                                                             \
    X(S2HWU61, 74, 74)                                                                             \
    X(S2HWU62, 75, 75)                                                                             \
    X(DRE, 76, 76)                                                                                 \
    X(CONT, 80, 77)                                                                                \
    X(DCP, 81, 81)                                                                                 \
    X(PPAR, 82, 82)                                                                                \
    X(MEV, 83, 83)                                                                                 \
    X(SW_RESERVED, 87, 84)                                                                         \
    X(S1PIE, 88, 88)                                                                               \
    X(S2FWB, 89, 89)                                                                               \
    X(S1MPAM, 90, 90)                                                                              \
    X(S1STALLD, 91, 91)                                                                            \
    X(EATS, 93, 92)                                                                                \
    X(STRW, 95, 94)                                                                                \
    X(MemAttr, 99, 96)                                                                             \
    X(MTCFG, 100, 100)                                                                             \
    X(ALLOCCFG, 104, 101)                                                                          \
    X(SHCFG, 109, 108)                                                                             \
    X(NSCFG, 111, 110)                                                                             \
    X(PRIVCFG, 113, 112)                                                                           \
    X(INSTCFG, 115, 114)                                                                           \
    X(S2VMID, 143, 128)                                                                            \
    X(S2T0SZ, 165, 160)                                                                            \
    X(S2SL0, 167, 166)                                                                             \
    X(S2IR0, 169, 168)                                                                             \
    X(S2OR0, 171, 170)                                                                             \
    X(S2SH0, 173, 172)                                                                             \
    X(S2TG, 175, 174)                                                                              \
    X(S2PS, 178, 176)                                                                              \
    X(S2AA64, 179, 179)                                                                            \
    X(S2ENDI, 180, 180)                                                                            \
    X(S2AFFD, 181, 181)                                                                            \
    X(S2PTW, 182, 182)                                                                             \
    X(S2HD, 183, 183)                                                                              \
    X(S2HA, 184, 184)                                                                              \
    X(S2S, 185, 185)                                                                               \
    X(S2R, 186, 186)                                                                               \
    X(S2HAFT, 187, 187)                                                                            \
    X(S2PIE, 188, 188)                                                                             \
    X(S2POE, 189, 189)                                                                             \
    X(DPT_VMATCH, 191, 190)                                                                        \
    X(S2NSW, 192, 192)                                                                             \
    X(S2NSA, 193, 193)                                                                             \
    X(S2SL0_2, 194, 194)                                                                           \
    X(S2DS, 195, 195)                                                                              \
    X(S2TTB, 247, 196)                                                                             \
    X(S2SKL, 254, 253)                                                                             \
    X(PARTID, 287, 272)                                                                            \
    X(S_S2T0SZ, 293, 288)                                                                          \
    X(S_S2SL0, 295, 294)                                                                           \
    X(S_S2TG, 303, 302)                                                                            \
    X(MECID, 319, 304)                                                                             \
    X(PMG, 327, 320)                                                                               \
    X(MPAM_NS, 328, 328)                                                                           \
    X(AssuredOnly, 329, 329)                                                                       \
    X(TL0, 330, 330)                                                                               \
    X(TL1, 331, 331)                                                                               \
    X(VMSPtr, 375, 332)                                                                            \
    X(S2SW, 384, 384)                                                                              \
    X(S2SA, 385, 385)                                                                              \
    X(S_S2SL0_2, 386, 386)                                                                         \
    X(S_S2TTB, 439, 388)                                                                           \
    X(S_S2SKL, 446, 445)                                                                           \
    X(S2POI, 511, 448)

/* Level-1 Stream Table Descriptor, 8 bytes [IHI 0070 5.1] */
#define SMMU_L1STD_FIELDS(X)                                                                       \
    X(Span, 4, 0)                                                                                  \
    X(L2Ptr, 55, 6)

/* CD [IHI 0070 5.4] */
#define SMMU_CD_FIELDS(X)                                                                          \
    X(T0SZ, 5, 0)                                                                                  \
    X(TG0, 7, 6)                                                                                   \
    X(IR0, 9, 8)                                                                                   \
    X(OR0, 11, 10)                                                                                 \
    X(SH0, 13, 12)                                                                                 \
    X(EPD0, 14, 14)                                                                                \
    X(ENDI, 15, 15)                                                                                \
    X(T1SZ, 21, 16)                                                                                \
    X(TG1, 23, 22)                                                                                 \
    X(IR1, 25, 24)                                                                                 \
    X(OR1, 27, 26)                                                                                 \
    X(SH1, 29, 28)                                                                                 \
    X(EPD1, 30, 30)                                                                                \
    X(V, 31, 31)                                                                                   \
    X(IPS, 34, 32)                                                                                 \
    X(AFFD, 35, 35)                                                                                \
    X(WXN, 36, 36)                                                                                 \
    X(UWXN, 37, 37)                                                                                \
    X(TBI0, 38, 38)                                                                                \
    X(TBI1, 39, 39)                                                                                \
    X(PAN, 40, 40)                                                                                 \
    X(AA64, 41, 41)                                                                                \
    X(HD, 42, 42)                                                                                  \
    X(HA, 43, 43)                                                                                  \
    X(S, 44, 44)                                                                                   \
    X(R, 45, 45)                                                                                   \
    X(A, 46, 46)                                                                                   \
    X(ASET, 47, 47)                                                                                \
    X(ASID, 63, 48)                                                                                \
    X(NSCFG0, 64, 64)                                                                              \
    X(HAD0, 65, 65)                                                                                \
    X(E0PD0, 66, 66)                                                                               \
    X(HAFT, 67, 67)                                                                                \
    X(TTB0, 119, 68)                                                                               \
    X(PnCH, 122, 122)                                                                              \
    X(EPAN, 123, 123)                                                                              \
    X(HWU059, 124, 124)                                                                            \
    X(HWU060, 125, 125)                                                                            \
    X(HWU061_062, 127, 126)                                                                        \
    X(NSCFG1, 128, 128)                                                                            \
    X(HAD1, 129, 129)                                                                              \
    X(E0PD1, 130, 130)                                                                             \
    X(AIE, 131, 131)                                                                               \
    X(TTB1, 183, 132)                                                                              \
    X(DS, 186, 186)                                                                                \
    X(PIE, 187, 187)                                                                               \
    X(HWU159, 188, 188)                                                                            \
    X(HWU160, 189, 189)                                                                            \
    X(HWU161_162, 191, 190)                                                                        \
    X(MAIR0, 223, 192)                                                                             \
    X(MAIR1, 255, 224)                                                                             \
    X(AMAIR0, 287, 256)                                                                            \
    X(AMAIR1, 319, 288)                                                                            \
    X(PARTID, 367, 352)                                                                            \
    X(PMG, 375, 368)                                                                               \
    X(PIIU, 431, 384)                                                                              \
    X(PIIP, 495, 448)

/* Level-1 Context Descriptor, 8 bytes [IHI 0070 5.3] */
#define SMMU_L1CD_FIELDS(X)                                                                        \
    X(V, 0, 0)                                                                                     \
    X(L2Ptr, 55, 12)

/* ---------------------------------------------------------------------------------------------
 * Commands and event records [IHI 0070 4, 7.3]
 * ------------------------------------------------------------------------------------------- */
#define SMMU_CMD_DWORDS 2 /* 16 bytes */
#define SMMU_EVT_DWORDS 4 /* 32 bytes */

/* Most command and event figures of the specification are images lost in its text form: the
 * positions marked (code) come from driver and model sources that agree with each other, the
 * ones marked (assumed) have no source at all. Different commands reuse the same bits for
 * different fields: the list names every field once; which fields a command has is decided by
 * its opcode [4.2-4.7]. */

/* Commands [IHI 0070 4.2-4.7] */
#define SMMU_CMD_FIELDS(X)                                                                         \
    X(Opcode, 7, 0)                                                                                \
    X(Global, 9, 9)          /* ATC_INV */                                                         \
    X(SSec, 10, 10)                                                                                \
    X(SSV, 11, 11)                                                                                 \
    X(SubstreamID, 31, 12)                                                                         \
    X(NUM, 16, 12)           /* TLBI range [4.4.1.1] */                                            \
    X(SCALE, 25, 20)         /* TLBI range; bit 25 only with IDR5.DS */                            \
    X(Ac, 12, 12)            /* RESUME */                                                          \
    X(Ab, 13, 13)            /* RESUME */                                                          \
    X(CS, 13, 12)            /* SYNC */                                                            \
    X(MSH, 23, 22)           /* SYNC */                                                            \
    X(MSIAttr, 27, 24)       /* SYNC */                                                            \
    X(StreamID, 63, 32)                                                                            \
    X(MSIData, 63, 32)       /* SYNC */                                                            \
    X(VMID, 47, 32)                                                                                \
    X(ASID, 63, 48)                                                                                \
    X(Leaf, 64, 64)                                                                                \
    X(Size, 68, 64)          /* PREFETCH_ADDR */                                                   \
    X(Range, 68, 64)         /* CFGI_STE_RANGE */                                                  \
    X(ATC_Size, 69, 64)      /* ATC_INV */                                                         \
    X(S2_NS, 65, 65)         /* TLBI_S_S2_IPA NS (assumed: one vendor driver) */                   \
    X(PRGIndex, 72, 64)      /* PRI_RESP */                                                        \
    X(STAG, 79, 64)          /* RESUME */                                                          \
    X(TTL128, 71, 71)                                                                              \
    X(TTL, 73, 72)                                                                                 \
    X(TG, 75, 74)                                                                                  \
    X(Resp, 77, 76)          /* PRI_RESP */                                                        \
    X(MSIAddr, 119, 66)      /* SYNC: MSIAddress[55:2] */                                          \
    X(IPA, 119, 76)          /* TLBI_S2_IPA / TLBI_S_S2_IPA: Address[55:12] */                     \
    X(Addr, 127, 76)         /* VA[63:12] (TLBI), Address[63:12] (PREFETCH_ADDR, ATC_INV) */       \
    X(MSI_NS, 127, 127)      /* SYNC, Realm queue only */

/* Opcodes [IHI 0070 4.1.1] */
enum {
    SMMU_CMD_PREFETCH_CONFIG = 0x01,
    SMMU_CMD_PREFETCH_ADDR = 0x02,
    SMMU_CMD_CFGI_STE = 0x03,
    SMMU_CMD_CFGI_STE_RANGE = 0x04, /* Range 31: CMD_CFGI_ALL */
    SMMU_CMD_CFGI_CD = 0x05,
    SMMU_CMD_CFGI_CD_ALL = 0x06,
    SMMU_CMD_CFGI_VMS_PIDM = 0x07,
    SMMU_CMD_TLBI_NH_ALL = 0x10,
    SMMU_CMD_TLBI_NH_ASID = 0x11,
    SMMU_CMD_TLBI_NH_VA = 0x12,
    SMMU_CMD_TLBI_NH_VAA = 0x13,
    SMMU_CMD_TLBI_EL3_ALL = 0x18,
    SMMU_CMD_TLBI_EL3_VA = 0x1A,
    SMMU_CMD_TLBI_EL2_ALL = 0x20,
    SMMU_CMD_TLBI_EL2_ASID = 0x21,
    SMMU_CMD_TLBI_EL2_VA = 0x22,
    SMMU_CMD_TLBI_EL2_VAA = 0x23,
    SMMU_CMD_TLBI_S12_VMALL = 0x28,
    SMMU_CMD_TLBI_S2_IPA = 0x2A,
    SMMU_CMD_TLBI_NSNH_ALL = 0x30,
    SMMU_CMD_ATC_INV = 0x40,
    SMMU_CMD_PRI_RESP = 0x41,
    SMMU_CMD_RESUME = 0x44,
    SMMU_CMD_STALL_TERM = 0x45,
    SMMU_CMD_SYNC = 0x46,
    SMMU_CMD_TLBI_S_EL2_ALL = 0x50,
    SMMU_CMD_TLBI_S_EL2_ASID = 0x51,
    SMMU_CMD_TLBI_S_EL2_VA = 0x52,
    SMMU_CMD_TLBI_S_EL2_VAA = 0x53,
    SMMU_CMD_TLBI_S_S12_VMALL = 0x58,
    SMMU_CMD_TLBI_S_S2_IPA = 0x5A,
    SMMU_CMD_TLBI_SNH_ALL = 0x60,
    SMMU_CMD_DPTI_ALL = 0x70,
    SMMU_CMD_DPTI_PA = 0x73
};

/* CMD_SYNC.CS [IHI 0070 4.7.3] */
enum { SMMU_CMD_SYNC_SIG_NONE = 0, SMMU_CMD_SYNC_SIG_IRQ = 1, SMMU_CMD_SYNC_SIG_SEV = 2 };
#define SMMU_CMD_CFGI_RANGE_ALL 31

/* Event record [IHI 0070 7.3]. Positions: (frag) survived as figure fragments in the spec text,
 * (code) from driver/model sources, (assumed) no source. */
#define SMMU_EVT_FIELDS(X)                                                                         \
    X(EventType, 7, 0)       /* (frag) */                                                          \
    X(SSV, 11, 11)           /* (frag) */                                                          \
    X(SubstreamID, 31, 12)   /* (frag) */                                                          \
    X(StreamID, 63, 32)      /* (frag) */                                                          \
    X(STAG, 79, 64)          /* (code) translation faults */                                       \
    X(Reason, 79, 64)        /* (frag) F_UUT, fetch aborts, F_WALK_EABT, F_TLB_CONFLICT */         \
    X(GPCF, 80, 80)          /* (frag) fetch aborts, F_WALK_EABT */                                \
    X(Reason32, 95, 64)      /* (frag) F_CFG_CONFLICT */                                           \
    X(Stall, 95, 95)         /* (code) */                                                          \
    X(PnU, 97, 97)           /* (frag) */                                                          \
    X(InD, 98, 98)           /* (frag) */                                                          \
    X(RnW, 99, 99)           /* (frag) */                                                          \
    X(NSIPA, 102, 102)       /* (code: gem5 only) */                                               \
    X(S2, 103, 103)          /* (code) */                                                          \
    X(CLASS, 105, 104)       /* (code) */                                                          \
    X(TTRnW, 108, 108)       /* (code) F_PERMISSION with CLASS=TT */                               \
    X(InputAddr, 191, 128)   /* (frag) */                                                          \
    X(IPA, 247, 204)         /* (code) IPA[55:12] */                                               \
    X(FetchAddr, 247, 195)   /* (frag) FetchAddr[55:3] */                                          \
    X(uX, 97, 97)            /* (frag) E_PAGE_REQUEST; F_BAD_ATS_TREQ (assumed) */                 \
    X(uW, 98, 98)                                                                                  \
    X(uR, 99, 99)                                                                                  \
    X(pX, 101, 101)                                                                                \
    X(pW, 102, 102)                                                                                \
    X(pR, 103, 103)                                                                                \
    X(Span, 115, 108)                                                                              \
    X(PageAddr, 191, 140)    /* (frag) E_PAGE_REQUEST InputAddr[63:12] */

/* PRI queue entry, 16 bytes [IHI 0070 8]. The field names and widths are the specification's;
 * its figure is lost in the text form, so the positions come from code (Linux arm-smmu-v3,
 * the only source; no other model writes PRI queue entries). Last/W/R/X/Priv are the PCIe
 * Page Request bits; LWR == 0b100 with SSV == 1 is a Stop PASID marker. */
#define SMMU_PRIQ_DWORDS 2
#define SMMU_PRIQ_FIELDS(X)                                                                        \
    X(StreamID, 31, 0)                                                                             \
    X(SubstreamID, 51, 32)   /* UNKNOWN when SSV == 0 (the model writes 0) */                      \
    X(Priv, 58, 58)          /* 0 when SSV == 0 */                                                 \
    X(Exe, 59, 59)           /* X (eXecute); 0 when SSV == 0 */                                    \
    X(R, 60, 60)                                                                                   \
    X(W, 61, 61)                                                                                   \
    X(Last, 62, 62)                                                                                \
    X(SSV, 63, 63)                                                                                 \
    X(PRGIndex, 72, 64)                                                                            \
    X(PageAddr, 127, 76)     /* page address[63:12] */

/* ---------------------------------------------------------------------------------------------
 * Translation table and GPT descriptors [Arm ARM D8.3, D9.6]
 * ------------------------------------------------------------------------------------------- */
/* VMSAv8-64 descriptors [Arm ARM D8.3, Tables D8-50..53]. Output / next-level address bits
 * depend on the granule and on DS:
 *   Addr       [47:12]  address bits [47:12]; with a 16K (64K) granule bits [13:12] ([15:12])
 *                       are not address bits [47:g] (below the granule)
 *   Addr_49_48 [49:48]  address bits [49:48] with DS=1 (4K/16K, LPA2), else RES0
 *   Addr_51_50 [9:8]    address bits [51:50] with DS=1 (SH of leaves without DS)
 *   Addr_51_48 [15:12]  address bits [51:48] with the 64K granule and a 52-bit PA */
#define SMMU_DESC_COMMON_FIELDS(X)                                                                 \
    X(Valid, 0, 0)                                                                                 \
    X(Type, 1, 1)          /* level < 3: 1 table, 0 block; level 3: 1 page, 0 reserved */

#define SMMU_DESC_ADDR_FIELDS(X)                                                                   \
    X(Addr, 47, 12)                                                                                \
    X(Addr_49_48, 49, 48)                                                                          \
    X(Addr_51_50, 9, 8)                                                                            \
    X(Addr_51_48, 15, 12)

/* Stage-1 table descriptor [D8.3.1] */
#define SMMU_DESC_S1_TABLE_FIELDS(X)                                                               \
    SMMU_DESC_COMMON_FIELDS(X)                                                                     \
    X(AF, 10, 10)          /* with HAFT, else ignored */                                           \
    X(PXNTable, 59, 59)                                                                            \
    X(UXNTable, 60, 60)    /* XNTable in single-EL regimes */                                      \
    X(APTable, 62, 61)                                                                             \
    X(NSTable, 63, 63)

/* Stage-2 table descriptor [D8.3.1] */
#define SMMU_DESC_S2_TABLE_FIELDS(X)                                                               \
    SMMU_DESC_COMMON_FIELDS(X)                                                                     \
    X(AF, 10, 10)

/* Stage-1 block and page descriptors [D8.3.2] */
#define SMMU_DESC_S1_LEAF_FIELDS(X)                                                                \
    SMMU_DESC_COMMON_FIELDS(X)                                                                     \
    X(AttrIndx, 4, 2)                                                                              \
    X(NS, 5, 5)                                                                                    \
    X(AP, 7, 6)            /* AP[2:1] */                                                           \
    X(SH, 9, 8)            /* OA[51:50] with DS=1 */                                               \
    X(AF, 10, 10)                                                                                  \
    X(nG, 11, 11)                                                                                  \
    X(nT, 16, 16)                                                                                  \
    X(GP, 50, 50)                                                                                  \
    X(DBM, 51, 51)                                                                                 \
    X(Contiguous, 52, 52)                                                                          \
    X(PXN, 53, 53)                                                                                 \
    X(UXN, 54, 54)         /* XN in single-EL regimes */                                           \
    X(SW, 58, 55)                                                                                  \
    X(PBHA, 62, 59)

/* Stage-2 block and page descriptors [D8.3.2] */
#define SMMU_DESC_S2_LEAF_FIELDS(X)                                                                \
    SMMU_DESC_COMMON_FIELDS(X)                                                                     \
    X(MemAttr, 5, 2)                                                                               \
    X(S2AP, 7, 6)                                                                                  \
    X(SH, 9, 8)            /* OA[51:50] with DS=1 */                                               \
    X(AF, 10, 10)                                                                                  \
    X(FnXS, 11, 11)                                                                                \
    X(DBM, 51, 51)                                                                                 \
    X(Contiguous, 52, 52)                                                                          \
    X(XN, 54, 53)          /* XN[1:0] (XN[0] with FEAT_XNX) */                                     \
    X(NS, 55, 55)          /* Realm stage 2 only */                                                \
    X(SW, 57, 56)                                                                                  \
    X(AssuredOnly, 58, 58)                                                                         \
    X(PBHA, 62, 59)                                                                                \
    X(AMEC, 63, 63)

/* Granule Protection Table descriptors [Arm ARM D9.6], 8 bytes.
 * Level 0: Type 0b0001 Block (one GPI for the whole 2^L0GPTSZ region), 0b0011 Table (the
 * level-1 table's address; its low bits up to [L0GPTSZ-PGS-2] are RES0, which depends on the
 * configuration and is not in the table). Level 1: bits [3:0] 0b0001 Contiguous (one GPI for
 * a 2 MB / 32 MB / 512 MB region), otherwise Granules (16 GPIs, granule i at [4i+3:4i]). */
#define SMMU_GPT_L0_BLOCK_FIELDS(X)                                                                \
    X(Type, 3, 0)                                                                                  \
    X(GPI, 7, 4)

#define SMMU_GPT_L0_TABLE_FIELDS(X)                                                                \
    X(Type, 3, 0)                                                                                  \
    X(Addr, 51, 12)        /* level-1 table address [51:12] */

#define SMMU_GPT_L1_CONTIG_FIELDS(X)                                                               \
    X(Type, 3, 0)                                                                                  \
    X(GPI, 7, 4)                                                                                   \
    X(Contig, 9, 8)        /* 01 2 MB, 10 32 MB, 11 512 MB, 00 reserved */

#define SMMU_GPT_L1_GRANULES_FIELDS(X)                                                             \
    X(GPI0, 3, 0) X(GPI1, 7, 4) X(GPI2, 11, 8) X(GPI3, 15, 12)                                     \
    X(GPI4, 19, 16) X(GPI5, 23, 20) X(GPI6, 27, 24) X(GPI7, 31, 28)                                \
    X(GPI8, 35, 32) X(GPI9, 39, 36) X(GPI10, 43, 40) X(GPI11, 47, 44)                              \
    X(GPI12, 51, 48) X(GPI13, 55, 52) X(GPI14, 59, 56) X(GPI15, 63, 60)

#define SMMU_GPT_L0_TYPE_BLOCK 0x1
#define SMMU_GPT_L0_TYPE_TABLE 0x3
#define SMMU_GPT_L1_TYPE_CONTIG 0x1

/* Root control page registers that describe the GPC [IHI 0070 6.3.115-117]; the core's
 * the masks SMMU_ROOT_GPT_BASE_CFG_* and SMMU_ROOT_FAR_* above are the same fields (checked
 * when the core is compiled). */
#define SMMU_ROOT_GPT_BASE_CFG_FIELDS(X)                                                           \
    X(PPS, 2, 0)                                                                                   \
    X(IRGN, 9, 8)                                                                                  \
    X(ORGN, 11, 10)                                                                                \
    X(SH, 13, 12)                                                                                  \
    X(PGS, 15, 14)                                                                                 \
    X(GPCP, 17, 17)                                                                                \
    X(L0GPTSZ, 23, 20)

/* SMMU_ROOT_GPF_FAR; SMMU_ROOT_GPT_CFG_FAR adds CFG_ERR [59:56]. */
#define SMMU_ROOT_FAR_LOW_FIELDS(X)                                                                \
    X(FAULT, 0, 0)                                                                                 \
    X(REASON, 3, 1)                                                                                \
    X(FAULTCODE, 11, 4)                                                                            \
    X(FADDR, 55, 12)

#define SMMU_ROOT_GPF_FAR_FIELDS(X)                                                                \
    SMMU_ROOT_FAR_LOW_FIELDS(X)                                                                    \
    X(FPAS, 63, 62)

#define SMMU_ROOT_GPT_CFG_FAR_FIELDS(X)                                                            \
    SMMU_ROOT_FAR_LOW_FIELDS(X)                                                                    \
    X(CFG_ERR, 59, 56)                                                                             \
    X(FPAS, 63, 62)

/* ---------------------------------------------------------------------------------------------
 * Accessors and name tables of the structure layouts.
 *
 * SMMU_FIELD_ACCESSORS(prefix, NAME, hi, lo) defines, for one X-list entry,
 *   uint64_t prefix_NAME(const uint64_t *w)          read a field
 *   void prefix_set_NAME(uint64_t *w, uint64_t v)    write a field (v truncated to its width)
 * and checks at compile time that the field does not cross a 64-bit word.
 * ------------------------------------------------------------------------------------------- */
typedef struct smmu_field_desc {
    const char *name; /* the specification's name of the field */
    unsigned short hi, lo;
} smmu_field_desc;

static inline uint64_t smmu_field_get(const uint64_t *w, unsigned hi, unsigned lo)
{
    uint64_t v = w[lo / 64] >> (lo % 64);
    unsigned width = hi - lo + 1;
    return width == 64 ? v : v & ((UINT64_C(1) << width) - 1);
}

static inline void smmu_field_set(uint64_t *w, unsigned hi, unsigned lo, uint64_t v)
{
    unsigned width = hi - lo + 1;
    uint64_t m = width == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << width) - 1);
    w[lo / 64] = (w[lo / 64] & ~(m << (lo % 64))) | ((v & m) << (lo % 64));
}

#ifdef __cplusplus
#define SMMU_STATIC_ASSERT static_assert
#else
#define SMMU_STATIC_ASSERT _Static_assert
#endif

#define SMMU_FIELD_ACCESSORS(prefix, name, hi, lo)                                                 \
    SMMU_STATIC_ASSERT((hi) >= (lo) && (hi) / 64 == (lo) / 64,                                     \
                       #prefix "." #name " must not cross a 64-bit word");                         \
    static inline uint64_t prefix##_##name(const uint64_t *w)                                      \
    {                                                                                              \
        return smmu_field_get(w, hi, lo);                                                          \
    }                                                                                              \
    static inline void prefix##_set_##name(uint64_t *w, uint64_t v)                              \
    {                                                                                            \
        smmu_field_set(w, hi, lo, v);                                                            \
    }

/* A name table prefix_field_table[] / prefix_field_count of a list, defined in one .c file. */
#define SMMU_FIELD_DESC_ENTRY(name, hi, lo) {#name, hi, lo},
#define SMMU_DEFINE_FIELD_TABLE(prefix, LIST)                                                      \
    const smmu_field_desc prefix##_field_table[] = {LIST(SMMU_FIELD_DESC_ENTRY)};                  \
    const size_t prefix##_field_count =                                                            \
        sizeof(prefix##_field_table) / sizeof(prefix##_field_table[0]);

/* The accessors: smmu_ste_S2VMID(w), smmu_ste_set_S2VMID(w, v), ... */
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_ste, name, hi, lo)
SMMU_STE_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_l1std, name, hi, lo)
SMMU_L1STD_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_cd, name, hi, lo)
SMMU_CD_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_l1cd, name, hi, lo)
SMMU_L1CD_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_cmd, name, hi, lo)
SMMU_CMD_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_evt, name, hi, lo)
SMMU_EVT_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_priq, name, hi, lo)
SMMU_PRIQ_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_desc_addr, name, hi, lo)
SMMU_DESC_ADDR_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_desc_s1_table, name, hi, lo)
SMMU_DESC_S1_TABLE_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_desc_s2_table, name, hi, lo)
SMMU_DESC_S2_TABLE_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_desc_s1_leaf, name, hi, lo)
SMMU_DESC_S1_LEAF_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_desc_s2_leaf, name, hi, lo)
SMMU_DESC_S2_LEAF_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_gpt_l0_block, name, hi, lo)
SMMU_GPT_L0_BLOCK_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_gpt_l0_table, name, hi, lo)
SMMU_GPT_L0_TABLE_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_gpt_l1_contig, name, hi, lo)
SMMU_GPT_L1_CONTIG_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_root_gpt_base_cfg, name, hi, lo)
SMMU_ROOT_GPT_BASE_CFG_FIELDS(SMMU_X_)
#undef SMMU_X_
#define SMMU_X_(name, hi, lo) SMMU_FIELD_ACCESSORS(smmu_root_gpt_cfg_far, name, hi, lo)
SMMU_ROOT_GPT_CFG_FAR_FIELDS(SMMU_X_)
#undef SMMU_X_

/* The name tables (core library): one entry per list entry, in list order. */
extern const smmu_field_desc smmu_ste_field_table[];
extern const size_t smmu_ste_field_count;
extern const smmu_field_desc smmu_l1std_field_table[];
extern const size_t smmu_l1std_field_count;
extern const smmu_field_desc smmu_cd_field_table[];
extern const size_t smmu_cd_field_count;
extern const smmu_field_desc smmu_l1cd_field_table[];
extern const size_t smmu_l1cd_field_count;
extern const smmu_field_desc smmu_cmd_field_table[];
extern const size_t smmu_cmd_field_count;
extern const smmu_field_desc smmu_evt_field_table[];
extern const size_t smmu_evt_field_count;
extern const smmu_field_desc smmu_priq_field_table[];
extern const size_t smmu_priq_field_count;
extern const smmu_field_desc smmu_desc_addr_field_table[];
extern const size_t smmu_desc_addr_field_count;
extern const smmu_field_desc smmu_desc_s1_table_field_table[];
extern const size_t smmu_desc_s1_table_field_count;
extern const smmu_field_desc smmu_desc_s2_table_field_table[];
extern const size_t smmu_desc_s2_table_field_count;
extern const smmu_field_desc smmu_desc_s1_leaf_field_table[];
extern const size_t smmu_desc_s1_leaf_field_count;
extern const smmu_field_desc smmu_desc_s2_leaf_field_table[];
extern const size_t smmu_desc_s2_leaf_field_count;
extern const smmu_field_desc smmu_gpt_l0_block_field_table[];
extern const size_t smmu_gpt_l0_block_field_count;
extern const smmu_field_desc smmu_gpt_l0_table_field_table[];
extern const size_t smmu_gpt_l0_table_field_count;
extern const smmu_field_desc smmu_gpt_l1_contig_field_table[];
extern const size_t smmu_gpt_l1_contig_field_count;
extern const smmu_field_desc smmu_gpt_l1_granules_field_table[];
extern const size_t smmu_gpt_l1_granules_field_count;
extern const smmu_field_desc smmu_root_gpt_base_cfg_field_table[];
extern const size_t smmu_root_gpt_base_cfg_field_count;
extern const smmu_field_desc smmu_root_gpf_far_field_table[];
extern const size_t smmu_root_gpf_far_field_count;
extern const smmu_field_desc smmu_root_gpt_cfg_far_field_table[];
extern const size_t smmu_root_gpt_cfg_far_field_count;

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
