/* SPDX-License-Identifier: Apache-2.0 */
/* The name tables of the descriptor layouts (desc_layout.h). */
extern "C" {
#include "desc_layout.h"
}

DEFINE_FIELD_TABLE(desc_addr, DESC_ADDR_FIELDS)
DEFINE_FIELD_TABLE(desc_s1_table, DESC_S1_TABLE_FIELDS)
DEFINE_FIELD_TABLE(desc_s2_table, DESC_S2_TABLE_FIELDS)
DEFINE_FIELD_TABLE(desc_s1_leaf, DESC_S1_LEAF_FIELDS)
DEFINE_FIELD_TABLE(desc_s2_leaf, DESC_S2_LEAF_FIELDS)
