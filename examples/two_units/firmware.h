/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The only names the two units share: plain C functions with names of the firmware's
 * choosing, and no type of either side.
 */
#ifndef EXAMPLE_FIRMWARE_H
#define EXAMPLE_FIRMWARE_H

#include <stdint.h>

/* Provided by the glue unit (on hardware: the platform's MMIO accessors). */
uint32_t mmio_read_32(uintptr_t addr);
void mmio_write_32(uintptr_t addr, uint32_t value);

/* Provided by the firmware unit. */
int fw_smmu_init(uintptr_t base);
unsigned int fw_smmu_minor_rev(void);

#endif
