/* placeholder: being written (walk) */
#include "walk.h"
int walk_stage(struct smmu *s, const struct walk_cfg *cfg, const struct walk_perm_ctx *pc,
               uint64_t mair, uint64_t ia, const struct walk_access *acc,
               walk_ipa_fn ipa_xlate, void *ipa_arg, bool no_side_effects,
               struct walk_result *r, struct walk_fault *f, unsigned *fetches)
{
    (void)s; (void)cfg; (void)pc; (void)mair; (void)ia; (void)acc; (void)ipa_xlate; (void)ipa_arg;
    (void)no_side_effects; (void)r; (void)fetches;
    f->type = SMMU_EVT_F_TRANSLATION;
    return -1;
}
