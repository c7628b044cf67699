/* SPDX-License-Identifier: Apache-2.0 */
/* The register file: reset values, MMIO decode per page and bank, access rules [IHI 0070 6]. */
#ifndef SMMU_REGS_H
#define SMMU_REGS_H

#include "smmu_internal.h"

/* Compute the ID registers from s->cfg and put every bank in its reset state. */
void regs_reset(struct smmu *s);

/* Activate global error bit `mask` of `bank` (toggle GERROR if not already active) and raise
 * the GERROR interrupt / MSI as IRQ_CTRL allows [IHI 0070 7.5]. */
void regs_gerror_activate(struct smmu *s, unsigned bank, uint32_t mask);
bool regs_gerror_active(const struct smmu_bank *b, uint32_t mask);

/* Signal interrupt source `line` (EVENTQ, PRIQ or GERROR) of `bank` as IRQ_CTRL allows: the
 * wired pulse and, if MSIs are configured, the MSI (an aborted MSI activates the matching
 * GERROR.MSI_*_ABT_ERR) [IHI 0070 3.18.2]. */
void regs_irq_signal(struct smmu *s, unsigned bank, smmu_irq_line line);

smmu_status regs_read(struct smmu *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                      uint64_t *val);
smmu_status regs_write(struct smmu *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                       uint64_t val);

#endif
