/* SPDX-License-Identifier: Apache-2.0 */
/* The command queue consumer [IHI 0070 4, 7.1]. */
#ifndef SMMU_CMDQ_H
#define SMMU_CMDQ_H

#include "smmu_internal.h"

/* CMDQ_CONS.ERR codes [IHI 0070 7.1] */
enum { CERROR_NONE = 0, CERROR_ILL = 1, CERROR_ABT = 2, CERROR_ATC_INV_SYNC = 3 };

/* Consume commands of `bank` from CONS up to PROD while CMDQEN is set and no CMDQ_ERR is
 * active. Called after PROD is written (and when CMDQ_ERR is acknowledged or CMDQEN set).
 * Re-entrant: a call made while the same bank is consuming (from a memory callback that
 * yielded) only asks the running consumer to look at PROD again. */
void cmdq_process(struct smmu *s, unsigned bank);

#endif
