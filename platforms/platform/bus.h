// SPDX-License-Identifier: Apache-2.0
//
// The platform's interconnect pieces: a sparse memory target with one address space per PA
// space (Non-secure, Secure, Realm, Root are different memories), and an address router for
// the CPU side.
#ifndef SMMUV3_PLATFORM_BUS_H
#define SMMUV3_PLATFORM_BUS_H

#include <array>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/smmuv3.h"

namespace smmuv3::platform {

// Sparse memory: 4 KB pages allocated on first write, zeros elsewhere; [0, 2^48) in each PA
// space (the bus_attr_extension of an access, Non-secure without one).
class sparse_memory : public sc_core::sc_module
{
public:
    tlm_utils::multi_passthrough_target_socket<sparse_memory> socket;
    sc_core::sc_time latency = sc_core::sc_time(20, sc_core::SC_NS);

    explicit sparse_memory(const sc_core::sc_module_name &name);

    // Backdoor access (no time, no counters). Return false outside [0, 2^48).
    bool read(smmu_pa_space pas, uint64_t addr, void *buf, size_t len) const;
    bool write(smmu_pa_space pas, uint64_t addr, const void *buf, size_t len);

    struct region {
        smmu_pa_space pas;
        uint64_t base;
        std::vector<uint8_t> bytes;
    };
    // Every written page, merged into contiguous regions.
    std::vector<region> regions() const;

    uint64_t reads = 0, writes = 0;

private:
    static constexpr uint64_t k_page = 4096, k_limit = uint64_t(1) << 48;
    using page = std::array<uint8_t, k_page>;
    void b_transport(int id, tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload &t);
    bool access(tlm::tlm_generic_payload &t);
    // Pages by key(pas, page number): a hash map, as every device access and table fetch looks
    // one up (an ordered map's tree walk was most of a long traffic run's host time)
    static uint64_t key(smmu_pa_space pas, uint64_t addr) { return uint64_t(pas) << 40 | addr / k_page; }
    std::unordered_map<uint64_t, page *> m_pages;
    // Pages come from slabs of 512 (one allocation per 2 MB: a workload touching a large
    // working set pays one allocation per slab, not per page). calloc: a slab this large is
    // fresh zeroed memory from the system, whose pages cost nothing until touched
    static constexpr size_t k_slab = 512;
    struct slab_free {
        void operator()(page *p) const { std::free(p); }
    };
    std::vector<std::unique_ptr<page[], slab_free>> m_slabs;
    size_t m_slab_used = k_slab;
};

// Address router: one target socket (the CPU), one initiator socket per window. A window
// passes the offset within it (devices) or the full address (memory); the payload's
// extensions (the PA space) pass unchanged. An address in no window: ADDRESS_ERROR.
class router : public sc_core::sc_module
{
public:
    tlm_utils::simple_target_socket<router> target;

    explicit router(const sc_core::sc_module_name &name);
    // Add a window; bind the returned socket to the target. relative: pass the offset.
    tlm_utils::simple_initiator_socket<router> &add(const std::string &name, uint64_t base,
                                                    uint64_t size, bool relative);

    struct window {
        std::string name;
        uint64_t base, size;
        bool relative;
        std::unique_ptr<tlm_utils::simple_initiator_socket<router>> socket;
    };
    const std::vector<window> &windows() const { return m_windows; }

private:
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned transport_dbg(tlm::tlm_generic_payload &t);
    window *decode(uint64_t addr, unsigned len);
    std::vector<window> m_windows;
};

} // namespace smmuv3::platform

#endif
