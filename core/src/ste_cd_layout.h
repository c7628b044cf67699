/* SPDX-License-Identifier: Apache-2.0 */
/* TRANSITIONAL: folded into <smmuv3/arch.h>; scripts/dev/rename-arch.py deletes this file. */
#include "arch_compat.h"
