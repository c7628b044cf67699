/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Memory for a restored instance: the regions of a state file behind an smmu_env. An access
 * wholly inside one region reads (writes) it; any other access is an external abort (the
 * dump does not say what is there), which the core reports architecturally. Diagnostics and
 * trace records are passed to optional handlers.
 */
#ifndef SMMU_TOOLS_STATE_MEMORY_H
#define SMMU_TOOLS_STATE_MEMORY_H

#include <functional>
#include <vector>

#include "smmu_state.h"

namespace smmuv3::tools {

class state_memory {
public:
    explicit state_memory(std::vector<mem_region> regions);

    /* An environment bound to this object (which must outlive the instance). */
    smmu_env env();

    /* Bytes [pa, pa + len) of pas if wholly inside one region. */
    bool read(uint64_t pa, smmu_pa_space pas, void *buf, size_t len) const;
    bool write(uint64_t pa, smmu_pa_space pas, const void *buf, size_t len);

    std::function<void(smmu_log_level, const char *)> on_log;
    std::function<void(const smmu_trace *)> on_trace;
    /* Accesses that aborted because no region held them (for explanations). */
    std::vector<std::pair<smmu_pa_space, uint64_t>> misses;

private:
    mem_region *find(uint64_t pa, smmu_pa_space pas, size_t len);
    std::vector<mem_region> regions_;
};

} // namespace smmuv3::tools

#endif
