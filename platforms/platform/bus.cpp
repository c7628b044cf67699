// SPDX-License-Identifier: Apache-2.0
#include "bus.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "smmuv3/tlm/extensions.h"

using namespace sc_core;

namespace smmuv3::platform {

// ---- sparse memory ----

sparse_memory::sparse_memory(const sc_module_name &name) : sc_module(name), socket("socket")
{
    socket.register_b_transport(this, &sparse_memory::b_transport);
    socket.register_transport_dbg(this, &sparse_memory::transport_dbg);
}

bool sparse_memory::read(smmu_pa_space pas, uint64_t addr, void *buf, size_t len) const
{
    if (addr >= k_limit || len > k_limit - addr)
        return false;
    auto *out = static_cast<uint8_t *>(buf);
    while (len) {
        const uint64_t off = addr % k_page;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(len, k_page - off));
        auto it = m_pages.find(key(pas, addr));
        if (it == m_pages.end())
            std::memset(out, 0, n);
        else
            std::memcpy(out, it->second->data() + off, n);
        out += n;
        addr += n;
        len -= n;
    }
    return true;
}

bool sparse_memory::write(smmu_pa_space pas, uint64_t addr, const void *buf, size_t len)
{
    if (addr >= k_limit || len > k_limit - addr)
        return false;
    auto *in = static_cast<const uint8_t *>(buf);
    while (len) {
        const uint64_t off = addr % k_page;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(len, k_page - off));
        page *&p = m_pages[key(pas, addr)];
        if (!p) {
            if (m_slab_used == k_slab) {
                auto *slab = static_cast<page *>(std::calloc(k_slab, sizeof(page)));
                if (!slab)
                    throw std::bad_alloc();
                m_slabs.emplace_back(slab);
                m_slab_used = 0;
            }
            p = &m_slabs.back()[m_slab_used++];
        }
        std::memcpy(p->data() + off, in, n);
        in += n;
        addr += n;
        len -= n;
    }
    return true;
}

std::vector<sparse_memory::region> sparse_memory::regions() const
{
    std::vector<region> out;
    std::vector<uint64_t> keys; // in address order per PA space
    keys.reserve(m_pages.size());
    for (const auto &kv : m_pages)
        keys.push_back(kv.first);
    std::sort(keys.begin(), keys.end());
    for (uint64_t k : keys) {
        const page *p = m_pages.at(k);
        const auto pas = static_cast<smmu_pa_space>(k >> 40);
        const uint64_t base = (k & ((uint64_t(1) << 40) - 1)) * k_page;
        if (!out.empty() && out.back().pas == pas &&
            out.back().base + out.back().bytes.size() == base)
            out.back().bytes.insert(out.back().bytes.end(), p->begin(), p->end());
        else
            out.push_back(region{pas, base, std::vector<uint8_t>(p->begin(), p->end())});
    }
    return out;
}

bool sparse_memory::access(tlm::tlm_generic_payload &t)
{
    if (t.get_byte_enable_ptr() || t.get_streaming_width() < t.get_data_length()) {
        t.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return false;
    }
    const smmu_pa_space pas = pa_space_of(t);
    bool ok = true;
    if (t.is_read())
        ok = read(pas, t.get_address(), t.get_data_ptr(), t.get_data_length());
    else if (t.is_write())
        ok = write(pas, t.get_address(), t.get_data_ptr(), t.get_data_length());
    t.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return ok;
}

void sparse_memory::b_transport(int, tlm::tlm_generic_payload &t, sc_time &delay)
{
    if (t.is_read())
        reads++;
    else if (t.is_write())
        writes++;
    access(t);
    delay += latency;
}

unsigned sparse_memory::transport_dbg(int, tlm::tlm_generic_payload &t)
{
    return access(t) ? t.get_data_length() : 0;
}

// ---- router ----

router::router(const sc_module_name &name) : sc_module(name), target("target")
{
    target.register_b_transport(this, &router::b_transport);
    target.register_transport_dbg(this, &router::transport_dbg);
}

tlm_utils::simple_initiator_socket<router> &router::add(const std::string &name, uint64_t base,
                                                        uint64_t size, bool relative)
{
    window w{name, base, size, relative,
             std::make_unique<tlm_utils::simple_initiator_socket<router>>(
                 (std::string("to_") + name).c_str())};
    m_windows.push_back(std::move(w));
    return *m_windows.back().socket;
}

router::window *router::decode(uint64_t addr, unsigned len)
{
    for (auto &w : m_windows)
        if (addr >= w.base && addr - w.base < w.size && len <= w.size - (addr - w.base))
            return &w;
    return nullptr;
}

void router::b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
{
    const uint64_t addr = t.get_address();
    window *w = decode(addr, t.get_data_length());
    if (!w) {
        t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (w->relative)
        t.set_address(addr - w->base);
    (*w->socket)->b_transport(t, delay);
    t.set_address(addr);
}

unsigned router::transport_dbg(tlm::tlm_generic_payload &t)
{
    const uint64_t addr = t.get_address();
    window *w = decode(addr, t.get_data_length());
    if (!w)
        return 0;
    if (w->relative)
        t.set_address(addr - w->base);
    unsigned n = (*w->socket)->transport_dbg(t);
    t.set_address(addr);
    return n;
}

} // namespace smmuv3::platform
