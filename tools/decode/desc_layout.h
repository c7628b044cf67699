/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Field tables of the VMSAv8-64 translation table descriptors [Arm ARM D8.3, Tables D8-50..53;
 * docs/smmuv3-reference.md 8.4], in the style of core/src/ste_cd_layout.h: X(NAME, hi, lo) with
 * the bit numbers the specification prints. The decoder tools use them; the core's walker
 * (walk.c) reads descriptors with its own GENMASK definitions.
 *
 * Output / next-level address bits depend on the granule and on DS:
 *   Addr       [47:12]  address bits [47:12]; with a 16K (64K) granule bits [13:12] ([15:12])
 *                       are not address bits [47:g] (below the granule)
 *   Addr_49_48 [49:48]  address bits [49:48] with DS=1 (4K/16K, LPA2), else RES0
 *   Addr_51_50 [9:8]    address bits [51:50] with DS=1 (SH of leaves without DS)
 *   Addr_51_48 [15:12]  address bits [51:48] with the 64K granule and a 52-bit PA
 */
#ifndef SMMU_TOOLS_DESC_LAYOUT_H
#define SMMU_TOOLS_DESC_LAYOUT_H

#include "fields.h"

#define DESC_COMMON_FIELDS(X)                                                                    \
    X(Valid, 0, 0)                                                                               \
    X(Type, 1, 1)          /* level < 3: 1 table, 0 block; level 3: 1 page, 0 reserved */

#define DESC_ADDR_FIELDS(X)                                                                      \
    X(Addr, 47, 12)                                                                              \
    X(Addr_49_48, 49, 48)                                                                        \
    X(Addr_51_50, 9, 8)                                                                          \
    X(Addr_51_48, 15, 12)

/* Stage-1 table descriptor [D8.3.1] */
#define DESC_S1_TABLE_FIELDS(X)                                                                  \
    DESC_COMMON_FIELDS(X)                                                                        \
    X(AF, 10, 10)          /* with HAFT, else ignored */                                         \
    X(PXNTable, 59, 59)                                                                          \
    X(UXNTable, 60, 60)    /* XNTable in single-EL regimes */                                    \
    X(APTable, 62, 61)                                                                           \
    X(NSTable, 63, 63)

/* Stage-2 table descriptor [D8.3.1] */
#define DESC_S2_TABLE_FIELDS(X)                                                                  \
    DESC_COMMON_FIELDS(X)                                                                        \
    X(AF, 10, 10)

/* Stage-1 block and page descriptors [D8.3.2] */
#define DESC_S1_LEAF_FIELDS(X)                                                                   \
    DESC_COMMON_FIELDS(X)                                                                        \
    X(AttrIndx, 4, 2)                                                                            \
    X(NS, 5, 5)                                                                                  \
    X(AP, 7, 6)            /* AP[2:1] */                                                         \
    X(SH, 9, 8)            /* OA[51:50] with DS=1 */                                             \
    X(AF, 10, 10)                                                                                \
    X(nG, 11, 11)                                                                                \
    X(nT, 16, 16)                                                                                \
    X(GP, 50, 50)                                                                                \
    X(DBM, 51, 51)                                                                               \
    X(Contiguous, 52, 52)                                                                        \
    X(PXN, 53, 53)                                                                               \
    X(UXN, 54, 54)         /* XN in single-EL regimes */                                         \
    X(SW, 58, 55)                                                                                \
    X(PBHA, 62, 59)

/* Stage-2 block and page descriptors [D8.3.2] */
#define DESC_S2_LEAF_FIELDS(X)                                                                   \
    DESC_COMMON_FIELDS(X)                                                                        \
    X(MemAttr, 5, 2)                                                                             \
    X(S2AP, 7, 6)                                                                                \
    X(SH, 9, 8)            /* OA[51:50] with DS=1 */                                             \
    X(AF, 10, 10)                                                                                \
    X(FnXS, 11, 11)                                                                              \
    X(DBM, 51, 51)                                                                               \
    X(Contiguous, 52, 52)                                                                        \
    X(XN, 54, 53)          /* XN[1:0] (XN[0] with FEAT_XNX) */                                   \
    X(NS, 55, 55)          /* Realm stage 2 only */                                              \
    X(SW, 57, 56)                                                                                \
    X(AssuredOnly, 58, 58)                                                                       \
    X(PBHA, 62, 59)                                                                              \
    X(AMEC, 63, 63)

#define DESC_ADDR_X(name, hi, lo) FIELD_ACCESSORS(desc_addr, name, hi, lo)
DESC_ADDR_FIELDS(DESC_ADDR_X)
#undef DESC_ADDR_X
#define DESC_S1T_X(name, hi, lo) FIELD_ACCESSORS(desc_s1_table, name, hi, lo)
DESC_S1_TABLE_FIELDS(DESC_S1T_X)
#undef DESC_S1T_X
#define DESC_S2T_X(name, hi, lo) FIELD_ACCESSORS(desc_s2_table, name, hi, lo)
DESC_S2_TABLE_FIELDS(DESC_S2T_X)
#undef DESC_S2T_X
#define DESC_S1L_X(name, hi, lo) FIELD_ACCESSORS(desc_s1_leaf, name, hi, lo)
DESC_S1_LEAF_FIELDS(DESC_S1L_X)
#undef DESC_S1L_X
#define DESC_S2L_X(name, hi, lo) FIELD_ACCESSORS(desc_s2_leaf, name, hi, lo)
DESC_S2_LEAF_FIELDS(DESC_S2L_X)
#undef DESC_S2L_X

extern const struct field_desc desc_addr_field_table[];
extern const size_t desc_addr_field_count;
extern const struct field_desc desc_s1_table_field_table[];
extern const size_t desc_s1_table_field_count;
extern const struct field_desc desc_s2_table_field_table[];
extern const size_t desc_s2_table_field_count;
extern const struct field_desc desc_s1_leaf_field_table[];
extern const size_t desc_s1_leaf_field_count;
extern const struct field_desc desc_s2_leaf_field_table[];
extern const size_t desc_s2_leaf_field_count;

#endif
