/* placeholder: being written (cmdq) */
#include "cmdq.h"
void cmdq_process(struct smmu *s, unsigned bank) { (void)s; (void)bank; }
