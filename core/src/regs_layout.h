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

#endif
