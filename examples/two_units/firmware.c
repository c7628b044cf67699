/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compilation unit 1 of the two-unit pattern (docs/embedding.md, "Names"): firmware code as
 * it is written for hardware, with its own `struct smmu_config`, its own register macros and
 * its own smmu_* helpers, as TF-RMM's and TF-A's SMMUv3 drivers have. It never includes the
 * model's header: it reaches the SMMU only through mmio_read_32() / mmio_write_32(), which the
 * glue unit (model_glue.c) implements on top of the model.
 */
#include <stdint.h>

#include "firmware.h"

/* The firmware's own names: they would clash with <smmuv3/smmuv3.h> in one unit. */
#define SMMU_AIDR 0x1C
#define SMMU_CR0 0x20
#define SMMU_CR0ACK 0x24
#define SMMU_GBPA 0x44
#define SMMU_GBPA_UPDATE (1u << 31)
#define SMMU_GBPA_ABORT (1u << 20)
#define SMMU_CR0_CMDQEN (1u << 3)

struct smmu_config { /* the firmware's view of the SMMU (TF-RMM has one like it) */
    unsigned int minor_rev;
};

static struct smmu_config fw_cfg;

static int smmu_poll(uintptr_t reg, uint32_t mask, uint32_t value)
{
    for (int i = 0; i < 1000; i++)
        if ((mmio_read_32(reg) & mask) == value)
            return 0;
    return -1;
}

/* Default deny, then the command queue on: what a boot-time driver does first. */
int fw_smmu_init(uintptr_t base)
{
    fw_cfg.minor_rev = mmio_read_32(base + SMMU_AIDR) & 0xF;
    mmio_write_32(base + SMMU_GBPA, SMMU_GBPA_UPDATE | SMMU_GBPA_ABORT);
    if (smmu_poll(base + SMMU_GBPA, SMMU_GBPA_UPDATE, 0) != 0)
        return -1;
    mmio_write_32(base + SMMU_CR0, SMMU_CR0_CMDQEN);
    return smmu_poll(base + SMMU_CR0ACK, SMMU_CR0_CMDQEN, SMMU_CR0_CMDQEN);
}

unsigned int fw_smmu_minor_rev(void)
{
    return fw_cfg.minor_rev;
}
