/* SPDX-License-Identifier: Apache-2.0 */
#include "state_memory.h"

#include <cstring>

namespace smmuv3::tools {

state_memory::state_memory(std::vector<mem_region> regions) : regions_(std::move(regions)) {}

mem_region *state_memory::find(uint64_t pa, smmu_pa_space pas, size_t len)
{
    for (mem_region &r : regions_)
        if (r.pas == pas && pa >= r.base && len <= r.bytes.size() &&
            pa - r.base <= r.bytes.size() - len)
            return &r;
    return nullptr;
}

bool state_memory::read(uint64_t pa, smmu_pa_space pas, void *buf, size_t len) const
{
    mem_region *r = const_cast<state_memory *>(this)->find(pa, pas, len);
    if (!r)
        return false;
    std::memcpy(buf, r->bytes.data() + (pa - r->base), len);
    return true;
}

bool state_memory::write(uint64_t pa, smmu_pa_space pas, const void *buf, size_t len)
{
    mem_region *r = find(pa, pas, len);
    if (!r)
        return false;
    std::memcpy(r->bytes.data() + (pa - r->base), buf, len);
    return true;
}

smmu_env state_memory::env()
{
    smmu_env e{};
    e.ctx = this;
    e.mem_read = [](void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *) -> int {
        auto *m = static_cast<state_memory *>(ctx);
        if (m->read(pa, pas, buf, len))
            return 0;
        m->misses.emplace_back(pas, pa);
        return 1;
    };
    e.mem_write = [](void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *) -> int {
        auto *m = static_cast<state_memory *>(ctx);
        if (m->write(pa, pas, buf, len))
            return 0;
        m->misses.emplace_back(pas, pa);
        return 1;
    };
    e.log = [](void *ctx, smmu_log_level level, const char *msg) {
        auto *m = static_cast<state_memory *>(ctx);
        if (m->on_log)
            m->on_log(level, msg);
    };
    e.trace = [](void *ctx, const smmu_trace *t) {
        auto *m = static_cast<state_memory *>(ctx);
        if (m->on_trace)
            m->on_trace(t);
    };
    return e;
}

} // namespace smmuv3::tools
