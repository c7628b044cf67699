/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register offsets and fields of the SMMUv3 programming interface [IHI 0070 6.2, 6.3].
 *
 * Offsets are those of the Non-secure page 0 (SMMU_*); the Secure bank (SMMU_S_*) is the same
 * layout at +SMMU_S_BANK_OFFSET, page 1 at +SMMU_PAGE1_OFFSET. Fields are indented under their
 * register, written GENMASK(hi, lo) / BIT(n) exactly as the specification prints them, and read
 * with FIELD_GET (bits.h). Where the Secure register has a different field, it is named S_*.
 */
#ifndef SMMU_REGS_LAYOUT_H
#define SMMU_REGS_LAYOUT_H

#include "bits.h"
#include "smmuv3/smmuv3.h"

#define SMMU_PAGE1_OFFSET 0x10000
#define SMMU_REALM_BASE(ba_realm) (0x20000 + (uint64_t)(ba_realm) * 0x10000) /* O_REALM */
#define SMMU_S_BANK_OFFSET 0x8000

#define SMMU_IDR0 0x000
#define   IDR0_S2P BIT(0)
#define   IDR0_S1P BIT(1)
#define   IDR0_TTF GENMASK(3, 2)
#define     IDR0_TTF_AARCH64 2
#define   IDR0_COHACC BIT(4)
#define   IDR0_BTM BIT(5)
#define   IDR0_HTTU GENMASK(7, 6)
#define   IDR0_DORMHINT BIT(8)
#define   IDR0_HYP BIT(9)
#define   IDR0_ATS BIT(10)
#define   IDR0_NS1ATS BIT(11)
#define   IDR0_ASID16 BIT(12)
#define   IDR0_MSI BIT(13)
#define   IDR0_SEV BIT(14)
#define   IDR0_ATOS BIT(15)
#define   IDR0_PRI BIT(16)
#define   IDR0_VMW BIT(17)
#define   IDR0_VMID16 BIT(18)
#define   IDR0_CD2L BIT(19)
#define   IDR0_VATOS BIT(20)
#define   IDR0_TTENDIAN GENMASK(22, 21)
#define   IDR0_ATSRECERR BIT(23)
#define   IDR0_STALL_MODEL GENMASK(25, 24)
#define   IDR0_TERM_MODEL BIT(26)
#define   IDR0_ST_LEVEL GENMASK(28, 27)
#define   IDR0_RME_IMPL BIT(30)
#define   S_IDR0_ECMDQ BIT(31)
#define SMMU_IDR1 0x004
#define   IDR1_SIDSIZE GENMASK(5, 0)
#define   IDR1_SSIDSIZE GENMASK(10, 6)
#define   IDR1_PRIQS GENMASK(15, 11)
#define   IDR1_EVENTQS GENMASK(20, 16)
#define   IDR1_CMDQS GENMASK(25, 21)
#define   IDR1_ATTR_PERMS_OVR BIT(26)
#define   IDR1_ATTR_TYPES_OVR BIT(27)
#define   IDR1_REL BIT(28)
#define   IDR1_QUEUES_PRESET BIT(29)
#define   IDR1_TABLES_PRESET BIT(30)
#define   IDR1_ECMDQ BIT(31)
#define   S_IDR1_S_SIDSIZE GENMASK(5, 0)
#define   S_IDR1_SEL2 BIT(29)
#define   S_IDR1_SECURE_IMPL BIT(31)
#define   R_IDR1_RME_DA_IMPL BIT(31)
#define SMMU_IDR2 0x008
#define SMMU_IDR3 0x00C
#define   IDR3_HAD BIT(2)
#define   IDR3_PBHA BIT(3)
#define   IDR3_XNX BIT(4)
#define   IDR3_PPS BIT(5)
#define   S_IDR3_SAMS BIT(6)
#define   IDR3_MPAM BIT(7)
#define   IDR3_FWB BIT(8)
#define   IDR3_STT BIT(9)
#define   IDR3_RIL BIT(10)
#define   IDR3_BBML GENMASK(12, 11)
#define   IDR3_E0PD BIT(13)
#define   IDR3_PTWNNC BIT(14)
#define   IDR3_EPAN BIT(17)
#define SMMU_IDR4 0x010
#define SMMU_IDR5 0x014
#define   IDR5_OAS GENMASK(2, 0)
#define   IDR5_GRAN4K BIT(4)
#define   IDR5_GRAN16K BIT(5)
#define   IDR5_GRAN64K BIT(6)
#define   IDR5_DS BIT(7)
#define   IDR5_VAX GENMASK(11, 10)
#define   IDR5_STALL_MAX GENMASK(31, 16)
#define SMMU_IIDR 0x018
#define   IIDR_IMPLEMENTER GENMASK(11, 0)
#define   IIDR_REVISION GENMASK(15, 12)
#define   IIDR_VARIANT GENMASK(19, 16)
#define   IIDR_PRODUCTID GENMASK(31, 20)
#define SMMU_AIDR 0x01C
#define   AIDR_ARCH_MINOR GENMASK(3, 0)
#define   AIDR_ARCH_MAJOR GENMASK(7, 4)
#define SMMU_CR0 0x020
#define   CR0_SMMUEN BIT(0)
#define   CR0_PRIQEN BIT(1)
#define   CR0_EVENTQEN BIT(2)
#define   CR0_CMDQEN BIT(3)
#define   CR0_ATSCHK BIT(4)
#define   S_CR0_SIF BIT(5)
#define   CR0_VMW GENMASK(8, 6)
#define   S_CR0_NSSTALLD BIT(9)
#define SMMU_CR0ACK 0x024
#define SMMU_CR1 0x028
#define   CR1_QUEUE_IC GENMASK(1, 0)
#define   CR1_QUEUE_OC GENMASK(3, 2)
#define   CR1_QUEUE_SH GENMASK(5, 4)
#define   CR1_TABLE_IC GENMASK(7, 6)
#define   CR1_TABLE_OC GENMASK(9, 8)
#define   CR1_TABLE_SH GENMASK(11, 10)
#define   CR1_QUEUE_MASK GENMASK(5, 0)
#define   CR1_TABLE_MASK GENMASK(11, 6)
#define SMMU_CR2 0x02C
#define   CR2_E2H BIT(0)
#define   CR2_RECINVSID BIT(1)
#define   CR2_PTM BIT(2)
#define   CR2_REC_CFG_ATS BIT(3)
#define SMMU_S2PII 0x030
#define SMMU_S_INIT 0x03C /* Secure bank only */
#define   S_INIT_INV_ALL BIT(0)
#define SMMU_STATUSR 0x040
#define   STATUSR_DORMANT BIT(0)
#define SMMU_GBPA 0x044
#define   GBPA_MEMATTR GENMASK(3, 0)
#define   GBPA_MTCFG BIT(4)
#define   GBPA_ALLOCCFG GENMASK(11, 8)
#define   GBPA_SHCFG GENMASK(13, 12)
#define     GBPA_SHCFG_INCOMING 1
#define   S_GBPA_NSCFG GENMASK(15, 14)
#define   GBPA_PRIVCFG GENMASK(17, 16)
#define   GBPA_INSTCFG GENMASK(19, 18)
#define   GBPA_ABORT BIT(20)
#define   GBPA_UPDATE BIT(31)
#define SMMU_AGBPA 0x048
#define SMMU_IRQ_CTRL 0x050
#define   IRQ_CTRL_GERROR_IRQEN BIT(0)
#define   IRQ_CTRL_PRIQ_IRQEN BIT(1)
#define   IRQ_CTRL_EVENTQ_IRQEN BIT(2)
#define SMMU_IRQ_CTRLACK 0x054
#define SMMU_GERROR 0x060
#define   GERROR_CMDQ_ERR BIT(0)
#define   GERROR_EVENTQ_ABT_ERR BIT(2)
#define   GERROR_PRIQ_ABT_ERR BIT(3)
#define   GERROR_MSI_CMDQ_ABT_ERR BIT(4)
#define   GERROR_MSI_EVENTQ_ABT_ERR BIT(5)
#define   GERROR_MSI_PRIQ_ABT_ERR BIT(6)
#define   GERROR_MSI_GERROR_ABT_ERR BIT(7)
#define   GERROR_SFM_ERR BIT(8)
#define SMMU_GERRORN 0x064
#define SMMU_GERROR_IRQ_CFG0 0x068
#define   IRQ_CFG0_ADDR GENMASK(55, 2)
#define   R_IRQ_CFG0_NS BIT(63) /* Realm: the MSI targets Non-secure PA space */
#define SMMU_GERROR_IRQ_CFG1 0x070 /* DATA [31:0] */
#define SMMU_GERROR_IRQ_CFG2 0x074
#define   IRQ_CFG2_MEMATTR GENMASK(3, 0)
#define   IRQ_CFG2_SH GENMASK(5, 4)
#define SMMU_STRTAB_BASE 0x080
#define   STRTAB_BASE_ADDR GENMASK(55, 6)
#define   STRTAB_BASE_RA BIT(62)
#define SMMU_STRTAB_BASE_CFG 0x088
#define   STRTAB_BASE_CFG_LOG2SIZE GENMASK(5, 0)
#define   STRTAB_BASE_CFG_SPLIT GENMASK(10, 6)
#define   STRTAB_BASE_CFG_FMT GENMASK(17, 16)
#define SMMU_CMDQ_BASE 0x090
#define   Q_BASE_LOG2SIZE GENMASK(4, 0)
#define   Q_BASE_ADDR GENMASK(55, 5)
#define   Q_BASE_RA_WA BIT(62) /* RA for the command queue, WA for the event and PRI queues */
#define SMMU_CMDQ_PROD 0x098
#define   Q_IDX_WRAP GENMASK(19, 0) /* index [QS-1:0] and wrap bit [QS] */
#define SMMU_CMDQ_CONS 0x09C
#define   CMDQ_CONS_ERR GENMASK(30, 24)
#define SMMU_EVENTQ_BASE 0x0A0
#define SMMU_EVENTQ_PROD 0x0A8 /* page 1 (and, in this model, page 0 alias); S bank: page 0 */
#define   Q_PROD_OVFLG BIT(31)
#define SMMU_EVENTQ_CONS 0x0AC
#define   Q_CONS_OVACKFLG BIT(31)
#define SMMU_EVENTQ_IRQ_CFG0 0x0B0
#define SMMU_EVENTQ_IRQ_CFG1 0x0B8
#define SMMU_EVENTQ_IRQ_CFG2 0x0BC
#define SMMU_PRIQ_BASE 0x0C0
#define SMMU_PRIQ_PROD 0x0C8
#define SMMU_PRIQ_CONS 0x0CC
#define SMMU_PRIQ_IRQ_CFG0 0x0D0
#define SMMU_PRIQ_IRQ_CFG1 0x0D8
#define SMMU_PRIQ_IRQ_CFG2 0x0DC
#define   PRIQ_IRQ_CFG2_LO BIT(31)
#define SMMU_ID_REGS 0xFD0 /* PIDR4..7, PIDR0..3, CIDR0..3 up to 0xFFC */
#define SMMU_PIDR4 0xFD0
#define SMMU_PIDR0 0xFE0
#define SMMU_CIDR0 0xFF0

/* Root control page [IHI 0070 6.2.6, 6.3.110-121]: offsets from cfg.root_page_offset. */
#define SMMU_ROOT_IDR0 0x000
#define   ROOT_IDR0_ROOT_IMPL BIT(0)
#define   ROOT_IDR0_BGPTM BIT(1)
#define   ROOT_IDR0_RGPTM BIT(2)
#define   ROOT_IDR0_REALM_IMPL BIT(3)
#define   ROOT_IDR0_BA_REALM GENMASK(31, 22)
#define SMMU_ROOT_IIDR 0x008
#define SMMU_ROOT_CR0 0x020
#define   ROOT_CR0_ACCESSEN BIT(0)
#define   ROOT_CR0_GPCEN BIT(1)
#define SMMU_ROOT_CR0ACK 0x024
#define SMMU_ROOT_GPT_BASE 0x028
#define   GPT_BASE_ADDR GENMASK(51, 12)
#define SMMU_ROOT_GPT_BASE_CFG 0x030
#define   GPT_CFG_PPS GENMASK(2, 0)
#define   GPT_CFG_IRGN GENMASK(9, 8)
#define   GPT_CFG_ORGN GENMASK(11, 10)
#define   GPT_CFG_SH GENMASK(13, 12)
#define   GPT_CFG_PGS GENMASK(15, 14)
#define   GPT_CFG_GPCP BIT(17)
#define   GPT_CFG_L0GPTSZ GENMASK(23, 20)
#define SMMU_ROOT_GPF_FAR 0x038
#define SMMU_ROOT_GPT_CFG_FAR 0x040
#define   FAR_FAULT BIT(0)
#define   FAR_REASON GENMASK(3, 1)
#define   FAR_FAULTCODE GENMASK(11, 4)
#define   FAR_FADDR GENMASK(55, 12)
#define   FAR_CFG_ERR GENMASK(59, 56) /* GPT_CFG_FAR only */
#define   FAR_FPAS GENMASK(63, 62)
#define SMMU_ROOT_TLBI 0x050
#define   ROOT_TLBI_ALL BIT(0)
#define   ROOT_TLBI_L BIT(1)
#define   ROOT_TLBI_SIZE GENMASK(7, 4)
#define   ROOT_TLBI_ADDR GENMASK(51, 12)
#define SMMU_ROOT_TLBI_CTRL 0x058
#define   ROOT_TLBI_CTRL_RUN BIT(0)
#define SMMU_ROOT_GPT_BASE2 0x060 /* ADDR [51:12], as GPT_BASE */
#define SMMU_ROOT_GPT_BASE_UPDATE 0x068
#define   GPT_BASE_UPDATE_UPDATE BIT(0)
#define SMMU_ROOT_PAGE_SIZE 0x10000

/* SMMU_IIDR (and SMMU_ROOT_IIDR, the same layout [6.3.111]) of a configuration. */
static inline uint32_t regs_iidr_value(const smmu_config *c)
{
    return (uint32_t)(FIELD_PREP(IIDR_PRODUCTID, c->iidr_product_id) |
                      FIELD_PREP(IIDR_VARIANT, c->iidr_variant) |
                      FIELD_PREP(IIDR_REVISION, c->iidr_revision) |
                      FIELD_PREP(IIDR_IMPLEMENTER, c->iidr_implementer));
}

/* Queue entry sizes [IHI 0070 4.1, 7.2, 8] */
#define CMDQ_ENTRY_BYTES 16
#define EVTQ_ENTRY_BYTES 32

/* ---- queue index arithmetic [IHI 0070 3.5] ----
 * A PROD/CONS value holds the index in bits [qs-1:0] and the wrap bit in bit [qs], qs being
 * the effective LOG2SIZE. Empty: index and wrap equal; full: index equal, wrap different. */
static inline uint32_t queue_idx_mask(unsigned qs) { return (uint32_t)((UINT64_C(1) << qs) - 1); }
static inline uint32_t queue_wrap_mask(unsigned qs) { return (uint32_t)((UINT64_C(2) << qs) - 1); }
static inline bool queue_empty(uint32_t prod, uint32_t cons, unsigned qs)
{
    return ((prod ^ cons) & queue_wrap_mask(qs)) == 0;
}
static inline bool queue_full(uint32_t prod, uint32_t cons, unsigned qs)
{
    return ((prod ^ cons) & queue_wrap_mask(qs)) == (UINT32_C(1) << qs);
}
/* The next PROD/CONS value (index + 1 with wrap), bits above the wrap bit cleared. */
static inline uint32_t queue_inc(uint32_t v, unsigned qs)
{
    return (v + 1) & queue_wrap_mask(qs);
}
/* Effective LOG2SIZE: "any use of the value is capped at IDR1.xxxQS" [6.3.26]. */
static inline unsigned queue_log2size(uint64_t base, unsigned max)
{
    unsigned l = (unsigned)FIELD_GET(Q_BASE_LOG2SIZE, base);
    return l > max ? max : l;
}
/* Effective base: ADDR aligned to the larger of the queue size and 32 bytes [6.3.26]. */
static inline uint64_t queue_base_pa(uint64_t base, unsigned qs, unsigned entry_bytes)
{
    uint64_t bytes = (UINT64_C(1) << qs) * entry_bytes;
    if (bytes < 32)
        bytes = 32;
    return (base & Q_BASE_ADDR) & ~(bytes - 1);
}

/* Memory attributes of an MSI or CMD_SYNC MSI: {SH, MemAttr} where MemAttr is encoded as
 * STE.MemAttr [IHI 0070 5.2, 6.3.22]: 0b00xx Device (nGnRnE, nGnRE, nGRE, GRE); otherwise
 * Normal with outer [3:2] and inner [1:0] cacheability 01 NC, 10 WT, 11 WB. */
static inline smmu_mem_attrs regs_msi_attrs(unsigned sh, unsigned memattr)
{
    static const uint8_t nib[4] = {0x4, 0x4, 0xA, 0xF}; /* 00 (reserved: NC), NC, WT, WB */
    smmu_mem_attrs a;
    memattr &= 0xF;
    if ((memattr >> 2) == 0) {
        a.mair = (uint8_t)((memattr & 3) << 2); /* 0x00, 0x04, 0x08, 0x0C */
        a.sh = 2;                               /* Device is Outer Shareable */
    } else {
        a.mair = (uint8_t)(nib[memattr >> 2] << 4 | nib[memattr & 3]);
        a.sh = (uint8_t)((sh & 3) == 1 ? 0 : (sh & 3));
        if ((memattr >> 2) == 1 && (memattr & 3) <= 1)
            a.sh = 2; /* Normal Non-cacheable is Outer Shareable */
    }
    return a;
}

#endif
