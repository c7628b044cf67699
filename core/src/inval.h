/* SPDX-License-Identifier: Apache-2.0 */
/* Invalidation entry points used by commands (cmdq.c), broadcast TLBIs (btm.c) and S_INIT /
 * reset (regs.c): they invalidate the caches and tell the embedder what was covered
 * (smmu_env.invalidated). */
#ifndef SMMU_INVAL_H
#define SMMU_INVAL_H

#include "cfgcache.h"
#include "tlb.h"

void smmu_invalidate_tlb(struct smmu *s, const struct tlb_inval *inv);
void smmu_invalidate_cfg(struct smmu *s, const struct cfg_inval *inv);
/* Everything, every security state (S_INIT.INV_ALL, reset, SMMUEN changes). */
void smmu_invalidate_all(struct smmu *s);

#endif
