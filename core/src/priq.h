/* SPDX-License-Identifier: Apache-2.0 */
/* The PRI queue and PRG responses [IHI 0070 ch. 8, 4.5.2]. */
#ifndef SMMU_PRIQ_H
#define SMMU_PRIQ_H

#include <stdbool.h>
#include <stdint.h>

#include "smmuv3/arch.h"
#include "smmu_internal.h"

/* Encode req as a PRI queue entry (two host-order words) [8]. Without PASIDs (pasids false)
 * SSV, SubstreamID, X and Priv are 0; SubstreamID is also 0 when SSV is 0. */
void priq_encode(const smmu_page_request *req, bool pasids, uint64_t e[SMMU_PRIQ_DWORDS]);

/* Execute a consumed CMD_PRI_RESP of the command queue of `bank` (cmdq_decode has checked
 * that it is legal): IGNORED with that bank's SMMUEN == 0, else the response goes to
 * bcb.pri_response (automatic = false) and is counted in bstats.pri_responses [4.5.2]. */
void priq_cmd_resp(struct smmu *s, unsigned bank, const uint64_t cmd[SMMU_CMD_DWORDS]);

/* smmu_reset: the Page Requests held back behind an entry write in flight (a memory callback
 * that yielded) arrived before the reset. The reset SMMU has PRIQEN == 0, so each is answered
 * as a disabled queue answers it, Response Failure without PASID (Stop markers: nothing)
 * [8.2], and none is written to a queue that software enables after the reset; the entry in
 * flight is not published either. */
void priq_reset(struct smmu *s);

#endif
