/* SPDX-License-Identifier: Apache-2.0 */
/* What the files of the driver library share: register access in the driver's bank, memory
 * helpers and the polling bound. */
#ifndef SMMU_DRV_INTERNAL_H
#define SMMU_DRV_INTERNAL_H

#include "smmuv3/drv.h"

#define DRV_DEFAULT_POLLS 1000

/* Register access through the platform's callbacks, any interface or page. */
smmu_drv_err drv_mmio_rd32(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint32_t *v);
smmu_drv_err drv_mmio_wr32(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint32_t v);
smmu_drv_err drv_mmio_rd64(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint64_t *v);
smmu_drv_err drv_mmio_wr64(const smmu_drv_mmio *m, uint64_t off, smmu_pa_space pas, uint64_t v);

/* Register access at an absolute offset (page 1 included) in the driver's PA space. */
smmu_drv_err drv_rd32(smmu_drv *d, uint64_t abs_off, uint32_t *v);
smmu_drv_err drv_rd32_pas(smmu_drv *d, uint64_t abs_off, smmu_pa_space pas, uint32_t *v);
smmu_drv_err drv_wr32(smmu_drv *d, uint64_t abs_off, uint32_t v);
smmu_drv_err drv_rd64(smmu_drv *d, uint64_t abs_off, uint64_t *v);
smmu_drv_err drv_wr64(smmu_drv *d, uint64_t abs_off, uint64_t v);

/* Every callback of mmio and mem is there. */
bool drv_callbacks_valid(const smmu_drv_mmio *mmio, const smmu_drv_mem *mem);

/* Memory through an smmu_drv_mem. */
smmu_drv_err drv_alloc(const smmu_drv_mem *m, size_t size, size_t align, smmu_pa_space pas,
                       uint64_t *addr);
smmu_drv_err drv_zero(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas, uint64_t size);
/* A new table of size bytes, aligned to align, all zero (every entry invalid). */
smmu_drv_err drv_alloc_zeroed(const smmu_drv_mem *m, uint64_t size, uint64_t align,
                              smmu_pa_space pas, uint64_t *addr);
smmu_drv_err drv_write_words(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas,
                             const uint64_t *w, unsigned n);
smmu_drv_err drv_read_words(const smmu_drv_mem *m, uint64_t addr, smmu_pa_space pas,
                            uint64_t *w, unsigned n);

/* The PRI queue (drv_pri.c): is one to be set up, and set it up (PRIQ_BASE, PROD, CONS;
 * PRIQEN is set with the other queue enables: drv_queue_enables). */
bool drv_priq_wanted(const smmu_drv *d, const smmu_drv_setup_opts *o);
smmu_drv_err drv_priq_setup(smmu_drv *d, const smmu_drv_setup_opts *o);

/* Submit a command and CMD_SYNC. */
smmu_drv_err drv_cmd_and_sync(smmu_drv *d, const uint64_t cmd[2]);

#define DRV_TRY(expr)                                                                            \
    do {                                                                                         \
        smmu_drv_err drv_try_err_ = (expr);                                                      \
        if (drv_try_err_ != SMMU_DRV_OK)                                                         \
            return drv_try_err_;                                                                 \
    } while (0)

#endif
