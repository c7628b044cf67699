/* placeholder: being written (cdtab) */
#include "cdtab.h"
int cd_decode(struct smmu *s, unsigned bank, const struct ste_cfg *ste, const uint64_t cd[8], uint64_t a, struct cd_cfg *out, struct smmu_event *ev) { (void)s; (void)bank; (void)ste; (void)cd; (void)a; (void)out; ev->type = SMMU_EVT_C_BAD_CD; return -1; }
int cdtab_lookup(struct smmu *s, unsigned bank, const struct ste_cfg *ste, uint32_t ssid, cd_ipa_xlate_fn x, void *xa, struct cd_cfg *out, struct smmu_event *ev, unsigned *f) { (void)s; (void)bank; (void)ste; (void)ssid; (void)x; (void)xa; (void)out; (void)f; ev->type = SMMU_EVT_C_BAD_CD; return -1; }
