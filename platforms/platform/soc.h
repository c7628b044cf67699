// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::platform::soc - the runnable virtual platform: memory, a CPU-side router, the SMMU
// (smmuv3::smmu_tlm, with RME: Root control page and Realm interface), a Non-secure, a Secure
// and a Realm DMA engine, and the firmware: the driver library (platforms/driver) running in an
// SC_THREAD, doing MMIO through a TLM initiator with the PA space of each access in a
// bus_attr_extension. The firmware programs the Root page (GPT, granule protection checks) and
// the three SMMU interfaces and runs one scenario (scenario.h), checking every step's outcome.
//
// CPU memory map:
//   0x1C0A0000  4 KB    Non-secure DMA engine registers
//   0x1C0B0000  4 KB    Secure DMA engine registers
//   0x1C0C0000  4 KB    Realm DMA engine registers
//   0x2B400000  384 KB  SMMU registers (page 0, Secure bank at +0x8000, page 1 at +0x10000,
//                       Root control page at +0x20000, Realm pages at +0x40000 and +0x50000)
//   elsewhere           memory (each PA space is its own memory)
//
// Granule Protection Table (PPS 40 bits, 4 KB granules, 1 GB level-0 entries):
//   0x04000000-0x07FFFFFF  Secure (Secure SMMU structures 0x04000000+, buffers 0x06000000+)
//   0x0C000000-0x0DFFFFFF  Realm  (Realm SMMU structures 0x0C000000+, buffers 0x0D000000+)
//   0x0E000000-0x0E3FFFFF  Root   (the GPT itself)
//   everything else        Non-secure (SMMU structures 0x80000000+, buffers 0x88000000+)
#ifndef SMMUV3_PLATFORM_SOC_H
#define SMMUV3_PLATFORM_SOC_H

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "bus.h"
#include "dma_device.h"
#include "layout.h"
#include "pcie_endpoint.h"
#include "scenario.h"
#include "smmuv3/drv.h"
#include "traffic_gen.h"
#include "smmuv3/tlm/smmu_tlm.h"

namespace smmuv3::platform {

struct options {
    bool trace = false;          // one line per translation, command and event
    bool check = false;          // the bring-up checker is on (top.smmu.check): the run
                                 // passes only with the scenario's expected findings
    std::string dump_path;       // write the SMMU state here at the end (smmu-explain)
    std::string stats_path;      // write the statistics here at the end (docs/statistics.md)
    stats_format stats_as = stats_format::json; // ... as JSON or CSV
};

// The generator of a scenario's traffic_desc: its configuration (streams per StreamID and mix
// entry) and, with a trace, the accesses. False with *err naming the place
// ("traffic[1].mix[0].pattern: ...", "traffic[0].trace: x.csv: line 3: ...").
bool traffic_setup(const traffic_desc &t, traffic_config *cfg, std::vector<traffic_access> *trace,
                   std::string *err);
// traffic_setup of every generator of sc, before the simulation (bad input: exit 2).
bool check_traffic(const scenario &sc, std::string *err);

// The SMMU configuration the platform's firmware is written for (RME with the Realm interface,
// the Root page at k_smmu_root_page), before any parameter is applied.
smmu_tlm_config platform_smmu_config();

class soc : public sc_core::sc_module
{
public:
    // smmu_cfg: the SMMU's configuration (platform_smmu_config() with the scenario's and the
    // command line's parameters applied, checked)
    soc(const sc_core::sc_module_name &name, const scenario &sc, const smmu_tlm_config &smmu_cfg,
        const options &opt, std::ostream &out);
    ~soc() override;

    // After sc_start: true if every step gave its expected result.
    bool passed() const { return m_finished && m_failures == 0; }
    bool finished() const { return m_finished; }

    sparse_memory memory;
    router bus;
    smmu_tlm smmu;
    dma_device dma_ns, dma_s, dma_realm;
    // One PCIe endpoint per "pcie" device of the scenario; the SMMU's endpoint_out reaches them
    // through the router (made only when there is one: endpoint_out stays unbound otherwise).
    std::vector<std::unique_ptr<pcie_endpoint>> endpoints;
    std::unique_ptr<endpoint_router> ep_router;
    // One traffic generator per entry of the scenario's "traffic", in its order
    std::vector<std::unique_ptr<traffic_gen>> generators;
    tlm_utils::simple_initiator_socket<soc> cpu;
    sc_core::sc_signal<bool> irq_ns{"irq_ns"}, irq_s{"irq_s"}, irq_realm{"irq_realm"};

    struct device_rt;   // a device's runtime state (tables, counters)
    struct guest_mem;   // a guest's memory, addressed by IPA
    struct pool {
        smmu_pa_space pas;
        uint64_t next, end;
    };

    // Memory through the CPU's bus (with the PA space of the access).
    bool bus_access(tlm::tlm_command cmd, uint64_t addr, smmu_pa_space pas, void *buf, size_t len);
    bool alloc(size_t size, size_t align, smmu_pa_space pas, uint64_t *addr);
    void trace_line(const smmu_trace *t);
    static std::string trace_stamp(const sc_core::sc_time &t);

private:
    void firmware();
    bool bring_up();
    bool root_firmware();
    void report_gpc_faults(std::vector<std::string> *out);
    bool setup_device(device_rt &d);
    bool setup_substreams(device_rt &d, const smmu_drv_mem *gm);
    bool run_step(size_t index, const step &s);
    bool run_dma(size_t index, const step &s, device_rt &d);
    struct xfer;
    void run_engine(const step &s, device_rt &d, xfer *x);
    void run_endpoint(const step &s, device_rt &d, xfer *x);
    bool run_driver_op(size_t index, const step &s, device_rt &d);
    bool run_traffic();
    uint64_t pmcg_counted(unsigned g);
    void start_pmcg();
    void pmcg_summary();
    bool leaf_addr(const device_rt &d, uint64_t iova, uint64_t *addr);
    void drain_events(smmu_drv &drv, std::vector<smmu_drv_event> *out);
    bool handle_stall(device_rt &d, const smmu_drv_event &ev);
    void handle_page_requests(device_rt &d);
    void summary();
    bool dump();
    bool write_stats();
    bool resolve(const device_rt &d, const step &s, uint64_t iova, uint64_t *pa,
                 smmu_pa_space *pas = nullptr) const;
    bool check(smmu_drv_err e, const std::string &what);
    void fill_pattern(uint64_t pa, smmu_pa_space pas, uint64_t size, uint32_t seed);

    const scenario &m_sc;
    options m_opt;
    std::ostream &m_out;
    smmu_drv_mmio m_mmio{};
    smmu_drv_mem m_mem{};
    smmu_drv m_drv_ns{}, m_drv_s{}, m_drv_r{};
    smmu_drv_root m_root{};
    unsigned m_gpfs = 0;
    std::vector<pool> m_pools;
    std::vector<std::unique_ptr<device_rt>> m_devices;
    unsigned m_failures = 0, m_steps_passed = 0;
    bool m_finished = false;
};

} // namespace smmuv3::platform

#endif
