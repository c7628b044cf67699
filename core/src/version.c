/* SPDX-License-Identifier: Apache-2.0 */
#include "smmuv3/smmuv3.h"

/* The version the library was built as: a program compiled against other headers than the
 * library it runs with can tell (smmu_version() differs from SMMU_VERSION_STRING). */
const char *smmu_version(void) { return SMMU_VERSION_STRING; }
