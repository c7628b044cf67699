/* placeholder: being written (translate) */
#include <string.h>
#include "translate.h"
void translate_txn(struct smmu *s, const smmu_txn *txn, smmu_result *res) { (void)s; (void)txn; memset(res, 0, sizeof(*res)); res->outcome = SMMU_XLATE_ABORT; }
