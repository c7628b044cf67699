/* placeholder: being written (regs) */
#include "regs.h"
void regs_reset(struct smmu *s) { (void)s; }
void regs_gerror_activate(struct smmu *s, unsigned bank, uint32_t mask) { (void)s; (void)bank; (void)mask; }
bool regs_gerror_active(const struct smmu_bank *b, uint32_t mask) { (void)b; (void)mask; return false; }
smmu_status regs_read(struct smmu *s, uint64_t o, unsigned sz, smmu_pa_space p, uint64_t *v) { (void)s; (void)o; (void)sz; (void)p; *v = 0; return SMMU_OK; }
smmu_status regs_write(struct smmu *s, uint64_t o, unsigned sz, smmu_pa_space p, uint64_t v) { (void)s; (void)o; (void)sz; (void)p; (void)v; return SMMU_OK; }
