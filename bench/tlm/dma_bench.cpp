// SPDX-License-Identifier: Apache-2.0
//
// DMA throughput through the SMMU TLM module versus the same traffic straight to memory,
// measured side by side in one simulation. Printed figures, never asserted.
//
// A master reads a 1 MB buffer (256 pages of 4 KB, all TLB hits after a warm-up pass) in
// bursts of 64, 256 and 4096 bytes, through the SMMU (VA -> PA) and directly (PA). Two
// throughputs per path:
//   simulated: bytes per simulated second (the annotated delays: memory latency, plus the SMMU's
//              TLB-hit and configuration-cache-hit latencies),
//   host:      simulated bytes per host second (the cost of simulating it).
// Then the same with DMI: the master caches the DMI windows the SMMU grants (one per page)
// and copies through the pointers.
//
// Host time is noisy on a shared machine; instruction counts are not. With `--pass BURST` the
// benchmark warms up, then makes one pass of BURST-byte reads through each path, each in its
// own function (bench_direct_pass, bench_smmu_pass) for valgrind's --toggle-collect:
// scripts/bench.sh prints the instructions per transaction of both paths and their ratio.
// With `--at-pass BURST PASSES` it makes PASSES passes of approximately-timed reads
// (nb_transport) through the SMMU instead, for the AT path's cost per transaction.
// Environment: SMMU_BENCH_TIMELINE=FILE sets a timeline writing to FILE (/dev/null: the cost
// of formatting it) on the SMMU, SMMU_BENCH_VCD=NAME traces its signals into NAME.vcd,
// SMMU_BENCH_HIT_COPIES=N sets hit_copies (docs/performance.md "Observers"),
// SMMU_BENCH_TOPOLOGY=lru|round_robin gives the SMMU 4 TBUs with 64-entry micro-TLBs of that
// replacement policy, walk caches of 64 entries at every level of both stages and a 64-entry
// IPA cache (core_bench's _topo benchmarks, with micro-TLBs that hold a quarter of the buffer),
// and four masters, one per TBU (config.tbu_map), read a quarter of the buffer each in turn.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fstream>
#include <memory>

#include "smmuv3/tlm/timeline.h"
#include "tlm_support.h"

using namespace smmu_test;
using sc_core::sc_time;
using sc_core::SC_NS;
using sc_core::SC_ZERO_TIME;

namespace {

constexpr uint64_t k_va = 0x40000000;
constexpr uint64_t k_page = 4096;

// A lean initiator: one payload reused for every access.
class bench_master : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<bench_master> socket;
    std::vector<tlm::tlm_dmi> dmi;      // by page (or one window for the whole buffer)
    std::vector<bool> dmi_valid;
    unsigned dmi_requests = 0;

    bench_master(const sc_core::sc_module_name &name, uint32_t sid, bool with_stream)
        : sc_module(name), socket("socket"), m_ext(sid)
    {
        socket.register_invalidate_direct_mem_ptr(this, &bench_master::invalidate);
        if (with_stream)
            m_t.set_extension(&m_ext);
        m_t.set_command(tlm::TLM_READ_COMMAND);
    }
    ~bench_master() override { m_t.clear_extension(&m_ext); }

    // One burst read by b_transport; returns the annotated delay.
    sc_time read(uint64_t addr, unsigned char *buf, unsigned len)
    {
        m_t.set_address(addr);
        m_t.set_data_ptr(buf);
        m_t.set_data_length(len);
        m_t.set_streaming_width(len);
        m_t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_time d = SC_ZERO_TIME;
        socket->b_transport(m_t, d);
        if (!m_t.is_response_ok())
            std::fprintf(stderr, "bench: read at 0x%llx failed\n", (unsigned long long)addr);
        return d;
    }

    // One burst read through a cached DMI window (window index w covers addr).
    sc_time read_dmi(size_t w, uint64_t addr, unsigned char *buf, unsigned len)
    {
        if (!dmi_valid[w]) {
            m_t.set_address(addr);
            dmi[w].init();
            dmi_requests++;
            if (!socket->get_direct_mem_ptr(m_t, dmi[w])) {
                std::fprintf(stderr, "bench: no DMI at 0x%llx\n", (unsigned long long)addr);
                return read(addr, buf, len);
            }
            dmi_valid[w] = true;
        }
        std::memcpy(buf, dmi[w].get_dmi_ptr() + (addr - dmi[w].get_start_address()), len);
        return dmi[w].get_read_latency();
    }

    void reset_dmi(size_t windows)
    {
        dmi.assign(windows, tlm::tlm_dmi());
        dmi_valid.assign(windows, false);
    }

    // With the topology: the masters of TBUs 0..3 (this one is TBU 0's), each of which reads
    // its quarter of the buffer in bench_smmu_pass (empty: this master reads it all).
    std::vector<bench_master *> tbu_masters;

private:
    void invalidate(sc_dt::uint64, sc_dt::uint64) { dmi_valid.assign(dmi_valid.size(), false); }

    tlm::tlm_generic_payload m_t;
    smmuv3::stream_extension m_ext;
};

// An approximately-timed initiator: one read at a time, BEGIN_REQ then the wait for BEGIN_RESP
// (answered TLM_COMPLETED on the backward path: no END_RESP call).
class at_bench_master : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<at_bench_master> socket;

    at_bench_master(const sc_core::sc_module_name &name, uint32_t sid)
        : sc_module(name), socket("socket"), m_ext(sid)
    {
        socket.register_nb_transport_bw(this, &at_bench_master::bw);
        m_t.set_extension(&m_ext);
        m_t.set_command(tlm::TLM_READ_COMMAND);
    }
    ~at_bench_master() override { m_t.clear_extension(&m_ext); }

    void read(uint64_t addr, unsigned char *buf, unsigned len)
    {
        m_t.set_address(addr);
        m_t.set_data_ptr(buf);
        m_t.set_data_length(len);
        m_t.set_streaming_width(len);
        m_t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        tlm::tlm_phase ph = tlm::BEGIN_REQ;
        sc_time d = SC_ZERO_TIME;
        m_done = false;
        socket->nb_transport_fw(m_t, ph, d);
        while (!m_done)
            sc_core::wait(m_resp);
        if (!m_t.is_response_ok())
            std::fprintf(stderr, "bench: AT read at 0x%llx failed\n", (unsigned long long)addr);
    }

private:
    tlm::tlm_sync_enum bw(tlm::tlm_generic_payload &, tlm::tlm_phase &, sc_time &)
    {
        m_done = true;
        m_resp.notify();
        return tlm::TLM_COMPLETED;
    }
    tlm::tlm_generic_payload m_t;
    smmuv3::stream_extension m_ext;
    sc_core::sc_event m_resp;
    bool m_done = false;
};

struct figures {
    double sim_ns = 0, host_s = 0, bytes = 0;
    double sim_gbps() const { return bytes / sim_ns; }     // bytes per ns = GB/s
    double host_mbps() const { return bytes / host_s / 1e6; }
};

template <typename Access> figures measure_once(unsigned burst, unsigned passes, Access access)
{
    std::vector<unsigned char> buf(burst);
    figures f;
    sc_time sim = SC_ZERO_TIME;
    auto t0 = std::chrono::steady_clock::now();
    for (unsigned p = 0; p < passes; p++)
        for (uint64_t off = 0; off < k_ram_size; off += burst)
            sim += access(off, buf.data(), burst);
    auto t1 = std::chrono::steady_clock::now();
    f.host_s = std::chrono::duration<double>(t1 - t0).count();
    f.sim_ns = sim.to_seconds() * 1e9;
    f.bytes = double(k_ram_size) * passes;
    return f;
}

void print(const char *what, unsigned burst, const figures &direct, const figures &smmu)
{
    std::printf("%-14s %5u B | direct %7.2f GB/s sim %9.1f MB/s host | smmu %7.2f GB/s sim "
                "%9.1f MB/s host | ratio sim %5.1f%%  host %5.1f%%\n",
                what, burst, direct.sim_gbps(), direct.host_mbps(), smmu.sim_gbps(), smmu.host_mbps(),
                100.0 * smmu.sim_gbps() / direct.sim_gbps(), 100.0 * smmu.host_mbps() / direct.host_mbps());
}

// The two paths measured alternately, three times each; the best host time of each counts
// (the simulated figures are the same every time).
struct ratios {
    double sim, host;
};

template <typename A, typename B>
ratios compare(const char *what, unsigned burst, unsigned passes, A direct_path, B smmu_path)
{
    figures d, s;
    for (int i = 0; i < 3; i++) {
        figures di = measure_once(burst, passes, direct_path);
        figures si = measure_once(burst, passes, smmu_path);
        if (i == 0 || di.host_s < d.host_s)
            d = di;
        if (i == 0 || si.host_s < s.host_s)
            s = si;
    }
    print(what, burst, d, s);
    return {s.sim_gbps() / d.sim_gbps(), s.host_mbps() / d.host_mbps()};
}

// One pass over the buffer in bursts of `burst` bytes (callgrind regions: see the top).
extern "C" __attribute__((noinline)) void bench_direct_pass(bench_master *m, unsigned burst)
{
    std::vector<unsigned char> buf(burst);
    for (uint64_t off = 0; off < k_ram_size; off += burst)
        m->read(k_ram + off, buf.data(), burst);
}

extern "C" __attribute__((noinline)) void bench_smmu_pass(bench_master *m, unsigned burst)
{
    std::vector<unsigned char> buf(burst);
    if (!m->tbu_masters.empty()) {
        const uint64_t quarter = k_ram_size / m->tbu_masters.size();
        for (size_t q = 0; q < m->tbu_masters.size(); q++) {
            bench_master *tm = m->tbu_masters[q];
            for (uint64_t off = q * quarter; off < (q + 1) * quarter; off += burst)
                tm->read(k_va + off, buf.data(), burst);
        }
        return;
    }
    for (uint64_t off = 0; off < k_ram_size; off += burst)
        m->read(k_va + off, buf.data(), burst);
}

// `passes` passes of AT reads (BEGIN_REQ .. BEGIN_RESP, one outstanding) through the SMMU.
// Its cost is measured over the whole process (callgrind cannot follow SystemC's thread
// switches into a region): scripts/bench.sh subtracts a run of 1 pass from a run of 2.
void at_passes(at_bench_master *m, unsigned burst, unsigned passes)
{
    std::vector<unsigned char> buf(burst);
    for (unsigned p = 0; p < passes; p++)
        for (uint64_t off = 0; off < k_ram_size; off += burst)
            m->read(k_va + off, buf.data(), burst);
}

} // namespace

int sc_main(int argc, char **argv)
{
    const unsigned pass_burst = argc == 3 && std::strcmp(argv[1], "--pass") == 0
                                    ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 0))
                                    : 0;
    // --at-pass BURST PASSES
    const unsigned at_burst = argc == 4 && std::strcmp(argv[1], "--at-pass") == 0
                                  ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 0))
                                  : 0;
    const unsigned at_count = at_burst ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 0)) : 0;
    install_report_handler();
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    if (const char *copies = std::getenv("SMMU_BENCH_HIT_COPIES"))
        cfg.hit_copies = static_cast<unsigned>(std::strtoul(copies, nullptr, 0));
    const char *topology = std::getenv("SMMU_BENCH_TOPOLOGY");
    const bool topo = topology && *topology;
    if (topo) {
        if (std::strcmp(topology, "lru") && std::strcmp(topology, "round_robin")) {
            std::fprintf(stderr, "SMMU_BENCH_TOPOLOGY: lru or round_robin, not %s\n", topology);
            return 2;
        }
        cfg.core.tbus = 4;
        cfg.tbu_map = {0, 1, 2, 3}; // upstream sockets 0..3: the masters of TBUs 0..3
        cfg.core.utlb_entries = 64;
        cfg.core.utlb_replacement =
            std::strcmp(topology, "lru") ? SMMU_REPL_ROUND_ROBIN : SMMU_REPL_LRU;
        cfg.core.wc_s1_l0_entries = cfg.core.wc_s1_l1_entries = cfg.core.wc_s1_l2_entries = 64;
        cfg.core.wc_s2_l0_entries = cfg.core.wc_s2_l1_entries = cfg.core.wc_s2_l2_entries = 64;
        cfg.core.ipa_cache_entries = 64;
    }
    platform p(0, cfg);
    std::ofstream timeline_file;
    std::unique_ptr<smmuv3::timeline> timeline;
    if (const char *path = std::getenv("SMMU_BENCH_TIMELINE")) {
        timeline_file.open(path);
        timeline = std::make_unique<smmuv3::timeline>(timeline_file);
        p.smmu.set_timeline(timeline.get());
    }
    sc_core::sc_trace_file *vcd = nullptr;
    if (const char *name = std::getenv("SMMU_BENCH_VCD")) {
        vcd = sc_core::sc_create_vcd_trace_file(name);
        p.smmu.trace_signals(vcd);
    }
    bench_master via_smmu("via_smmu", 1, true);
    std::vector<std::unique_ptr<bench_master>> others; // TBUs 1..3's
    if (topo) {
        via_smmu.tbu_masters.push_back(&via_smmu);
        for (unsigned t = 1; t < cfg.core.tbus; t++) {
            const std::string name = "via_tbu" + std::to_string(t);
            others.push_back(std::make_unique<bench_master>(name.c_str(), 1, true));
            via_smmu.tbu_masters.push_back(others.back().get());
        }
    }
    bench_master direct("direct", 1, false);
    at_bench_master via_smmu_at("via_smmu_at", 1);
    via_smmu.socket.bind(p.smmu.upstream);
    for (auto &m : others)
        m->socket.bind(p.smmu.upstream);
    via_smmu_at.socket.bind(p.smmu.upstream);
    direct.socket.bind(p.memory.socket);
    p.memory.record = false;
    p.memory.latency = sc_time(10, SC_NS);

    std::printf("SMMU latencies: TLB hit %s, config-cache hit %s, table fetch %s; memory %s\n",
                cfg.tlb_hit_latency.to_string().c_str(), cfg.cfg_hit_latency.to_string().c_str(),
                cfg.fetch_latency.to_string().c_str(), p.memory.latency.to_string().c_str());
    ratios bt[3], dmi[3];
    p.run(
        [&] {
            p.setup(SMMU_SEC_NS);
            pgt pt;
            make_s1_tables(pt, p.mem);
            pgt_map(&pt, k_va, k_ram, k_ram_size, PGT_S1_RW); // 256 4K pages (1 MB < a block)
            p.add_s1_stream(SMMU_SEC_NS, 1, pt, 1);
            p.enable(SMMU_SEC_NS);
            auto smmu_bt = [&](uint64_t off, unsigned char *b, unsigned n) {
                if (!via_smmu.tbu_masters.empty()) // as bench_smmu_pass
                    return via_smmu.tbu_masters[off * via_smmu.tbu_masters.size() / k_ram_size]
                        ->read(k_va + off, b, n);
                return via_smmu.read(k_va + off, b, n);
            };
            auto direct_bt = [&](uint64_t off, unsigned char *b, unsigned n) {
                return direct.read(k_ram + off, b, n);
            };
            measure_once(k_page, 1, smmu_bt); // warm the TLB and the configuration cache
            if (at_burst) {
                at_passes(&via_smmu_at, at_burst, 1); // warm: the AT workers exist
                at_passes(&via_smmu_at, at_burst, at_count);
                return;
            }
            if (pass_burst) {
                measure_once(pass_burst, 1, smmu_bt); // the hit copies, too
                bench_direct_pass(&direct, pass_burst);
                bench_smmu_pass(&via_smmu, pass_burst);
                return;
            }
            const auto before = p.smmu.stats().core;
            for (unsigned burst : {64u, 256u, 4096u})
                bt[burst == 64 ? 0 : burst == 256 ? 1 : 2] =
                    compare("b_transport", burst, 64, direct_bt, smmu_bt);
            const auto after = p.smmu.stats().core;
            std::printf("  (TLB misses during the measured passes: %llu)\n",
                        (unsigned long long)(after.tlb_misses - before.tlb_misses));

            via_smmu.reset_dmi(k_ram_size / k_page);
            direct.reset_dmi(1);
            auto smmu_dmi = [&](uint64_t off, unsigned char *b, unsigned n) {
                return via_smmu.read_dmi(off / k_page, k_va + off, b, n);
            };
            auto direct_dmi = [&](uint64_t off, unsigned char *b, unsigned n) {
                return direct.read_dmi(0, k_ram + off, b, n);
            };
            measure_once(k_page, 1, smmu_dmi); // one DMI request per page
            measure_once(k_page, 1, direct_dmi);
            for (unsigned burst : {64u, 256u, 4096u})
                dmi[burst == 64 ? 0 : burst == 256 ? 1 : 2] =
                    compare("DMI", burst, 64, direct_dmi, smmu_dmi);
            std::printf("  (DMI requests through the SMMU: %u, one per 4 KB page)\n",
                        via_smmu.dmi_requests);
        },
        sc_time(1e6, sc_core::SC_SEC));
    if (vcd)
        sc_core::sc_close_vcd_trace_file(vcd);
    if (pass_burst || at_burst)
        return 0;
    std::printf("\nThroughput through the SMMU relative to straight to memory (64 / 256 / 4096 B):\n"
                "  TLB hits, b_transport: simulated %.0f%% / %.0f%% / %.0f%% (target >= 50%%), "
                "host %.0f%% / %.0f%% / %.0f%%\n"
                "  DMI:                   simulated %.0f%% / %.0f%% / %.0f%% (target >= 90%%), "
                "host %.0f%% / %.0f%% / %.0f%%\n",
                100 * bt[0].sim, 100 * bt[1].sim, 100 * bt[2].sim, 100 * bt[0].host,
                100 * bt[1].host, 100 * bt[2].host, 100 * dmi[0].sim, 100 * dmi[1].sim,
                100 * dmi[2].sim, 100 * dmi[0].host, 100 * dmi[1].host, 100 * dmi[2].host);
    std::printf("\nSMMU statistics:\n");
    p.smmu.print_stats(std::cout);
    return 0;
}
