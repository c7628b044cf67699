/* SPDX-License-Identifier: Apache-2.0 */
/* The translation pipeline: transaction -> configuration -> stage 1 -> stage 2 -> result or
 * fault [IHI 0070 3.x; Appendix A of the reference digest]. */
#ifndef SMMU_TRANSLATE_H
#define SMMU_TRANSLATE_H

#include "smmu_internal.h"

/* txn and res are non-NULL and txn->sec / txn->access valid (checked by smmu_translate). */
void translate_txn(struct smmu *s, const smmu_txn *txn, smmu_result *res);

#endif
