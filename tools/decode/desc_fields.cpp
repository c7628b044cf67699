/* SPDX-License-Identifier: Apache-2.0 */
/* The name tables of the descriptor layouts (desc_layout.h). */
extern "C" {
#include "desc_layout.h"
#include "regs_layout.h"
}

DEFINE_FIELD_TABLE(desc_addr, DESC_ADDR_FIELDS)
DEFINE_FIELD_TABLE(desc_s1_table, DESC_S1_TABLE_FIELDS)
DEFINE_FIELD_TABLE(desc_s2_table, DESC_S2_TABLE_FIELDS)
DEFINE_FIELD_TABLE(desc_s1_leaf, DESC_S1_LEAF_FIELDS)
DEFINE_FIELD_TABLE(desc_s2_leaf, DESC_S2_LEAF_FIELDS)
DEFINE_FIELD_TABLE(gpt_l0_block, GPT_L0_BLOCK_FIELDS)
DEFINE_FIELD_TABLE(gpt_l0_table, GPT_L0_TABLE_FIELDS)
DEFINE_FIELD_TABLE(gpt_l1_contig, GPT_L1_CONTIG_FIELDS)
DEFINE_FIELD_TABLE(gpt_l1_granules, GPT_L1_GRANULES_FIELDS)
DEFINE_FIELD_TABLE(root_gpt_base_cfg, ROOT_GPT_BASE_CFG_FIELDS)
DEFINE_FIELD_TABLE(root_gpf_far, ROOT_GPF_FAR_FIELDS)
DEFINE_FIELD_TABLE(root_gpt_cfg_far, ROOT_GPT_CFG_FAR_FIELDS)

/* The Root register tables must say what the core's masks say (regs_layout.h). */
#define SAME_AS_CORE(table_hi, table_lo, mask)                                                   \
    static_assert(GENMASK(table_hi, table_lo) == (mask), #mask " differs from desc_layout.h")
SAME_AS_CORE(2, 0, GPT_CFG_PPS);
SAME_AS_CORE(9, 8, GPT_CFG_IRGN);
SAME_AS_CORE(11, 10, GPT_CFG_ORGN);
SAME_AS_CORE(13, 12, GPT_CFG_SH);
SAME_AS_CORE(15, 14, GPT_CFG_PGS);
SAME_AS_CORE(17, 17, GPT_CFG_GPCP);
SAME_AS_CORE(23, 20, GPT_CFG_L0GPTSZ);
SAME_AS_CORE(0, 0, FAR_FAULT);
SAME_AS_CORE(3, 1, FAR_REASON);
SAME_AS_CORE(11, 4, FAR_FAULTCODE);
SAME_AS_CORE(55, 12, FAR_FADDR);
SAME_AS_CORE(59, 56, FAR_CFG_ERR);
SAME_AS_CORE(63, 62, FAR_FPAS);
SAME_AS_CORE(51, 12, GPT_BASE_ADDR);
