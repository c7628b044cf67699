/* SPDX-License-Identifier: Apache-2.0 */
/* The command queue consumer [IHI 0070 4, 7.1]. */
#ifndef SMMU_CMDQ_H
#define SMMU_CMDQ_H

#include "cfgcache.h"
#include "smmuv3/arch.h"
#include "smmu_internal.h"
#include "tlb.h"

/* Consume commands of `bank` from CONS up to PROD while CMDQEN is set and no CMDQ_ERR is
 * active. Called after PROD is written (and when CMDQ_ERR is acknowledged or CMDQEN set).
 * Re-entrant: a call made while the same bank is consuming (from a memory callback that
 * yielded) only asks the running consumer to look at PROD again. */
void cmdq_process(struct smmu *s, unsigned bank);

/* ---- the decoded form of one command (cmdq.c), separate from its execution so that the
 * decoder can be tested on its own ---- */
enum { CMDQ_ACT_NONE = 0, CMDQ_ACT_TLBI, CMDQ_ACT_CFGI, CMDQ_ACT_SYNC, CMDQ_ACT_ATC };

struct cmdq_action {
    uint8_t op;
    uint8_t kind;              /* CMDQ_ACT_* */
    struct tlb_inval tlbi;     /* CMDQ_ACT_TLBI */
    struct cfg_inval cfgi;     /* CMDQ_ACT_CFGI */
    uint8_t sync_cs;           /* CMDQ_ACT_SYNC: CMD_SYNC_SIG_* */
    bool msi;                  /* MSIAddress != 0 (over the whole field [4.7.3]) */
    uint64_t msi_addr;         /* truncated to the OAS */
    uint32_t msi_data;
    smmu_mem_attrs msi_attrs;
    smmu_atc_inval atc;        /* CMDQ_ACT_ATC (id given when sent) */
};

/* Decode and check one command of the queue of `bank` (entry `index`, for diagnostics)
 * [IHI 0070 4]. Returns CERROR_NONE with *act filled, or the CERROR code (after logging why). */
unsigned cmdq_decode(struct smmu *s, unsigned bank, const uint64_t cmd[SMMU_CMD_DWORDS],
                     uint32_t index, struct cmdq_action *act);
/* The name of an opcode ("CMD_TLBI_NH_VA"), or "reserved". */
const char *cmdq_opcode_name(unsigned op);

#endif
