/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Field tables of the VMSAv8-64 translation table descriptors [Arm ARM D8.3, Tables
 * D8-50..53], the GPT descriptors and the Root GPC registers, in the style of
 * core/src/ste_cd_layout.h: X(NAME, hi, lo) with
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

/* Granule Protection Table descriptors [Arm ARM D9.6], 8 bytes.
 * Level 0: Type 0b0001 Block (one GPI for the whole 2^L0GPTSZ region), 0b0011 Table (the
 * level-1 table's address; its low bits up to [L0GPTSZ-PGS-2] are RES0, which depends on the
 * configuration and is not in the table). Level 1: bits [3:0] 0b0001 Contiguous (one GPI for
 * a 2 MB / 32 MB / 512 MB region), otherwise Granules (16 GPIs, granule i at [4i+3:4i]). */
#define GPT_L0_BLOCK_FIELDS(X)                                                                   \
    X(Type, 3, 0)                                                                                \
    X(GPI, 7, 4)

#define GPT_L0_TABLE_FIELDS(X)                                                                   \
    X(Type, 3, 0)                                                                                \
    X(Addr, 51, 12)        /* level-1 table address [51:12] */

#define GPT_L1_CONTIG_FIELDS(X)                                                                  \
    X(Type, 3, 0)                                                                                \
    X(GPI, 7, 4)                                                                                 \
    X(Contig, 9, 8)        /* 01 2 MB, 10 32 MB, 11 512 MB, 00 reserved */

#define GPT_L1_GRANULES_FIELDS(X)                                                                \
    X(GPI0, 3, 0) X(GPI1, 7, 4) X(GPI2, 11, 8) X(GPI3, 15, 12)                                   \
    X(GPI4, 19, 16) X(GPI5, 23, 20) X(GPI6, 27, 24) X(GPI7, 31, 28)                              \
    X(GPI8, 35, 32) X(GPI9, 39, 36) X(GPI10, 43, 40) X(GPI11, 47, 44)                            \
    X(GPI12, 51, 48) X(GPI13, 55, 52) X(GPI14, 59, 56) X(GPI15, 63, 60)

#define GPT_L0_TYPE_BLOCK 0x1
#define GPT_L0_TYPE_TABLE 0x3
#define GPT_L1_TYPE_CONTIG 0x1

/* Root control page registers that describe the GPC [IHI 0070 6.3.115-117]; the core's
 * regs_layout.h has the same fields as GENMASKs (checked in desc_fields.cpp). */
#define ROOT_GPT_BASE_CFG_FIELDS(X)                                                              \
    X(PPS, 2, 0)                                                                                 \
    X(IRGN, 9, 8)                                                                                \
    X(ORGN, 11, 10)                                                                              \
    X(SH, 13, 12)                                                                                \
    X(PGS, 15, 14)                                                                               \
    X(GPCP, 17, 17)                                                                              \
    X(L0GPTSZ, 23, 20)

/* SMMU_ROOT_GPF_FAR; SMMU_ROOT_GPT_CFG_FAR adds CFG_ERR [59:56]. */
#define ROOT_FAR_LOW_FIELDS(X)                                                                   \
    X(FAULT, 0, 0)                                                                               \
    X(REASON, 3, 1)                                                                              \
    X(FAULTCODE, 11, 4)                                                                          \
    X(FADDR, 55, 12)

#define ROOT_GPF_FAR_FIELDS(X)                                                                   \
    ROOT_FAR_LOW_FIELDS(X)                                                                       \
    X(FPAS, 63, 62)

#define ROOT_GPT_CFG_FAR_FIELDS(X)                                                               \
    ROOT_FAR_LOW_FIELDS(X)                                                                       \
    X(CFG_ERR, 59, 56)                                                                           \
    X(FPAS, 63, 62)

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

#define GPT_L0B_X(name, hi, lo) FIELD_ACCESSORS(gpt_l0_block, name, hi, lo)
GPT_L0_BLOCK_FIELDS(GPT_L0B_X)
#undef GPT_L0B_X
#define GPT_L0T_X(name, hi, lo) FIELD_ACCESSORS(gpt_l0_table, name, hi, lo)
GPT_L0_TABLE_FIELDS(GPT_L0T_X)
#undef GPT_L0T_X
#define GPT_L1C_X(name, hi, lo) FIELD_ACCESSORS(gpt_l1_contig, name, hi, lo)
GPT_L1_CONTIG_FIELDS(GPT_L1C_X)
#undef GPT_L1C_X
#define GPT_CFG_X(name, hi, lo) FIELD_ACCESSORS(root_gpt_base_cfg, name, hi, lo)
ROOT_GPT_BASE_CFG_FIELDS(GPT_CFG_X)
#undef GPT_CFG_X
#define GPT_FAR_X(name, hi, lo) FIELD_ACCESSORS(root_gpt_cfg_far, name, hi, lo)
ROOT_GPT_CFG_FAR_FIELDS(GPT_FAR_X)
#undef GPT_FAR_X

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

extern const struct field_desc gpt_l0_block_field_table[];
extern const size_t gpt_l0_block_field_count;
extern const struct field_desc gpt_l0_table_field_table[];
extern const size_t gpt_l0_table_field_count;
extern const struct field_desc gpt_l1_contig_field_table[];
extern const size_t gpt_l1_contig_field_count;
extern const struct field_desc gpt_l1_granules_field_table[];
extern const size_t gpt_l1_granules_field_count;
extern const struct field_desc root_gpt_base_cfg_field_table[];
extern const size_t root_gpt_base_cfg_field_count;
extern const struct field_desc root_gpf_far_field_table[];
extern const size_t root_gpf_far_field_count;
extern const struct field_desc root_gpt_cfg_far_field_table[];
extern const size_t root_gpt_cfg_far_field_count;

#endif
