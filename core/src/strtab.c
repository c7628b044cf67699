/* placeholder: being written (strtab) */
#include "strtab.h"
int ste_decode(struct smmu *s, unsigned bank, const uint64_t ste[8], uint64_t a, struct ste_cfg *out, struct smmu_event *ev) { (void)s; (void)bank; (void)ste; (void)a; (void)out; ev->type = SMMU_EVT_C_BAD_STE; return -1; }
int strtab_lookup(struct smmu *s, unsigned bank, uint32_t sid, struct ste_cfg *out, struct smmu_event *ev, unsigned *f) { (void)s; (void)bank; (void)sid; (void)out; (void)f; ev->type = SMMU_EVT_C_BAD_STE; return -1; }
