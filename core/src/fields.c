/* SPDX-License-Identifier: Apache-2.0 */
/* The name tables of the structure layouts, for diagnostics and the decoder tools. */
#include "ste_cd_layout.h"

DEFINE_FIELD_TABLE(ste, STE_FIELDS)
DEFINE_FIELD_TABLE(l1std, L1STD_FIELDS)
DEFINE_FIELD_TABLE(cd, CD_FIELDS)
DEFINE_FIELD_TABLE(l1cd, L1CD_FIELDS)
