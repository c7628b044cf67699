/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register values the core derives from its configuration. The register offsets and fields of
 * the SMMUv3 programming interface [IHI 0070 6.2, 6.3] are public: <smmuv3/arch.h>.
 */
#ifndef SMMU_REGS_LAYOUT_H
#define SMMU_REGS_LAYOUT_H

#include "bits.h"
#include "smmuv3/smmuv3.h"

/* SMMU_IIDR (and SMMU_ROOT_IIDR, the same layout [6.3.111]) of a configuration. */
static inline uint32_t regs_iidr_value(const smmu_config *c)
{
    return (uint32_t)(SMMU_FIELD_PREP(SMMU_IIDR_PRODUCTID, c->iidr_product_id) |
                      SMMU_FIELD_PREP(SMMU_IIDR_VARIANT, c->iidr_variant) |
                      SMMU_FIELD_PREP(SMMU_IIDR_REVISION, c->iidr_revision) |
                      SMMU_FIELD_PREP(SMMU_IIDR_IMPLEMENTER, c->iidr_implementer));
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

/* ID_REGS at 0xFD0-0xFFC [IHI 0070 6.3.170], consistent with IIDR as Arm parts report them:
 * PIDR0/1 part number, PIDR1/2/4 the JEP106 code (IIDR.Implementer: [11:8] continuation,
 * [6:0] identity), PIDR2.REVISION = IIDR.Variant, PIDR3.REVAND = IIDR.Revision,
 * CIDR0..3 = 0x0D, 0xF0, 0x05, 0xB1. */
static inline uint32_t regs_id_reg(const smmu_config *c, unsigned off)
{
    unsigned part = c->iidr_product_id & 0xFFF;
    unsigned jep_id = c->iidr_implementer & 0x7F, jep_cont = (c->iidr_implementer >> 8) & 0xF;
    switch (off) {
    case 0xFD0: return jep_cont;                                       /* PIDR4 */
    case 0xFE0: return part & 0xFF;                                    /* PIDR0 */
    case 0xFE4: return (part >> 8) | (jep_id & 0xF) << 4;              /* PIDR1 */
    case 0xFE8: return (jep_id >> 4) | 0x8 | (c->iidr_variant & 0xFu) << 4; /* PIDR2 */
    case 0xFEC: return (c->iidr_revision & 0xFu) << 4;                 /* PIDR3 */
    case 0xFF0: return 0x0D;
    case 0xFF4: return 0xF0;
    case 0xFF8: return 0x05;
    case 0xFFC: return 0xB1;
    default: return 0;                                                 /* PIDR5..7 */
    }
}

#endif
