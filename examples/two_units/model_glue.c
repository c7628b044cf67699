/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compilation unit 2 of the two-unit pattern: the model and the glue. It includes the model's
 * header (and not the firmware's private ones), creates the SMMU, and turns the firmware's
 * MMIO accesses at FW_SMMU_BASE into smmu_reg_read / smmu_reg_write. Exits 0 when the
 * firmware's initialisation took effect in the model.
 */
#include <stdio.h>
#include <string.h>

#include "firmware.h"
#include "smmuv3/smmuv3.h"

#define FW_SMMU_BASE 0x2B400000u /* where the firmware believes the SMMU is */

static smmu_t *model;

static int no_memory(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)pa, (void)pas, (void)attrs;
    memset(buf, 0, len);
    return -1; /* this example gives the SMMU no memory: external abort */
}

static int no_memory_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf,
                           size_t len, const smmu_mem_attrs *attrs)
{
    (void)ctx, (void)pa, (void)pas, (void)buf, (void)len, (void)attrs;
    return -1;
}

uint32_t mmio_read_32(uintptr_t addr)
{
    uint64_t v = 0;
    smmu_reg_read(model, addr - FW_SMMU_BASE, 4, SMMU_PAS_NS, &v);
    return (uint32_t)v;
}

void mmio_write_32(uintptr_t addr, uint32_t value)
{
    smmu_reg_write(model, addr - FW_SMMU_BASE, 4, SMMU_PAS_NS, value);
}

int main(void)
{
    smmu_config cfg; /* the model's smmu_config: a different type in a different unit */
    smmu_config_init(&cfg);
    smmu_env env = {0};
    env.mem_read = no_memory;
    env.mem_write = no_memory_write;
    if (smmu_create(&cfg, &env, &model) != SMMU_OK)
        return 1;
    int rc = fw_smmu_init(FW_SMMU_BASE);
    uint64_t cr0ack = 0, gbpa = 0;
    smmu_reg_read(model, 0x24, 4, SMMU_PAS_NS, &cr0ack);
    smmu_reg_read(model, 0x44, 4, SMMU_PAS_NS, &gbpa);
    printf("firmware init %d; it saw SMMUv3.%u; CR0ACK 0x%llx, GBPA 0x%llx\n", rc,
           fw_smmu_minor_rev(), (unsigned long long)cr0ack, (unsigned long long)gbpa);
    smmu_destroy(model);
    /* CMDQEN acknowledged, GBPA.ABORT set (IHI 0070: SMMU_CR0ACK, SMMU_GBPA) */
    return rc == 0 && fw_smmu_minor_rev() == 3 && cr0ack == 0x8 && gbpa == 0x100000 ? 0 : 1;
}
