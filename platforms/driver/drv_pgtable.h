/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VMSAv8-64 translation table descriptors as the driver writes them [Arm ARM D8.3], and the
 * encodings the STE and CD share with them. 48-bit output addresses (no LPA/LPA2 formats).
 */
#ifndef SMMU_DRV_PGTABLE_H
#define SMMU_DRV_PGTABLE_H

#include "smmuv3/arch.h"

/* Descriptor type [D8.3.1]: bit 0 valid; bit 1 table (levels 0-2) or page (level 3) */
#define DESC_VALID SMMU_BIT(0)
#define DESC_TABLE SMMU_BIT(1)
#define DESC_PAGE SMMU_BIT(1)
/* Block and page attributes [D8.3.2] */
#define DESC_ATTRINDX SMMU_GENMASK(4, 2) /* stage 1: MAIR index */
#define DESC_MEMATTR SMMU_GENMASK(5, 2)  /* stage 2: MemAttr[3:0] */
#define DESC_NS SMMU_BIT(5)              /* stage 1, Secure regime: Non-secure output */
#define DESC_AP SMMU_GENMASK(7, 6)       /* stage 1: AP[2:1] */
#define   DESC_AP_RO SMMU_BIT(7)         /*   AP[2]: read-only */
#define   DESC_AP_EL0 SMMU_BIT(6)        /*   AP[1]: unprivileged access */
#define DESC_S2AP SMMU_GENMASK(7, 6)     /* stage 2: S2AP[1:0] = {write, read} */
#define   DESC_S2AP_R SMMU_BIT(6)
#define   DESC_S2AP_W SMMU_BIT(7)
#define DESC_SH SMMU_GENMASK(9, 8)
#define DESC_AF SMMU_BIT(10)
#define DESC_NG SMMU_BIT(11)
#define DESC_OA SMMU_GENMASK(47, 12)     /* output address [47:granule] (masked to the granule) */
#define DESC_PXN SMMU_BIT(53)
#define DESC_UXN SMMU_BIT(54)            /* stage 1 UXN / XN; stage 2 XN[1] */
#define DESC_S2_NS SMMU_BIT(55)          /* Realm stage 2: Non-secure output [IHI 0070 3.10.3] */

/* The driver's MAIR: Attr0 Normal write-back RW-allocate, Attr1 Device-nGnRE, Attr2 Normal
 * non-cacheable. */
#define DRV_MAIR UINT64_C(0x4404ff)
#define DRV_ATTR_NORMAL 0
#define DRV_ATTR_DEVICE 1
/* Stage-2 MemAttr: Normal outer/inner write-back; Device-nGnRE [D8.5.5] */
#define DRV_S2_MEMATTR_NORMAL 0xF
#define DRV_S2_MEMATTR_DEVICE 0x1

/* CD.TG0 / STE.S2TG encoding of a granule: 0 4KB, 1 64KB, 2 16KB [5.4] */
static inline unsigned drv_tg0(unsigned granule_shift)
{
    return granule_shift == 16 ? 1 : granule_shift == 14 ? 2 : 0;
}

/* CD.IPS / STE.S2PS encoding: the smallest size >= bits [5.4 IPS] */
static inline unsigned drv_ps(unsigned bits)
{
    static const unsigned sizes[] = {32, 36, 40, 42, 44, 48, 52};
    for (unsigned i = 0; i < 7; i++)
        if (bits <= sizes[i])
            return i;
    return 6;
}

#endif
