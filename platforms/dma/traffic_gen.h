// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::platform::traffic_gen - synthetic device traffic for architecture exploration
// (docs/exploration.md "Traffic generator"): several streams, each with an access pattern
// (sequential, strided, or random over a working set), mixed by weight; or the replay of a
// CSV trace. Every access carries a stream_extension (StreamID, SubstreamID, SEC_SID) and
// goes out on `socket` (bind it to smmu_tlm::upstream) with b_transport from `outstanding`
// threads, each waiting for its access before the next: several transactions in flight at
// once, as a DMA engine with that many outstanding requests.
//
// Everything is deterministic: the same configuration and seed issue the same accesses in
// the same order at the same simulated times.
#ifndef SMMUV3_PLATFORM_TRAFFIC_GEN_H
#define SMMUV3_PLATFORM_TRAFFIC_GEN_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "smmuv3/tlm/extensions.h"

namespace smmuv3::platform {

// One stream of generated traffic.
struct traffic_stream {
    enum class pattern { sequential, strided, random };
    uint32_t sid = 0, ssid = 0;
    bool ssv = false;
    smmu_sec_sid sec = SMMU_SEC_NS;
    pattern kind = pattern::sequential;
    uint64_t base = 0;           // first address
    uint64_t span = 1u << 20;    // bytes covered: sequential and strided wrap at base + span;
                                 // random draws size-aligned addresses in [base, base + span)
    uint64_t stride = 4096;      // strided: distance between consecutive accesses
    unsigned size = 64;          // bytes per access (a power of two, <= 4096)
    unsigned write_percent = 0;  // share of writes, 0..100
    unsigned weight = 1;         // share of this stream in the mix (0: none)
    int tbu = -1;                // the TBU its accesses name (stream_extension::tbu; -1: the
                                 // upstream socket's)
};

// The name of a pattern ("sequential"), and the pattern of a name (false if unknown).
const char *pattern_name(traffic_stream::pattern p);
bool pattern_of(const std::string &name, traffic_stream::pattern *p);

// One access, as generated or read from a trace.
struct traffic_access {
    sc_core::sc_time time;       // replay: when it is issued; generated: unused
    uint32_t sid = 0, ssid = 0;
    bool ssv = false;
    smmu_sec_sid sec = SMMU_SEC_NS;
    uint64_t addr = 0;
    unsigned size = 0;
    bool write = false;
    int tbu = -1;                // stream_extension::tbu
};

// The address sequence of a set of streams, without SystemC: next() gives the accesses in
// issue order. Streams are chosen by weight with the generator's own xorshift64* sequence,
// so that a mix is reproducible from its seed.
class traffic_pattern
{
public:
    // Returns an empty string, or what is wrong with the streams (no stream with a weight, a
    // size that is not a power of two up to 4096, a span smaller than one access, a
    // write_percent above 100).
    static std::string check(const std::vector<traffic_stream> &streams);
    traffic_pattern(std::vector<traffic_stream> streams, uint64_t seed);
    traffic_access next();

private:
    uint64_t random();
    std::vector<traffic_stream> m_streams;
    struct cursor {
        uint64_t off = 0;            // the next sequential / strided offset from base
        uint64_t lap = 0;            // strided: where the current lap started
    };
    std::vector<cursor> m_cursor;    // per stream
    uint64_t m_total_weight = 0;
    uint64_t m_state;
};

// A CSV trace: a header line "time_ns,sid,ssid,sec,addr,size,rw" then one access per line
// (sec: ns, secure or realm; ssid empty or "-" for none; addr decimal or 0x-hex; rw: r or w),
// in non-decreasing time. Returns the accesses, or an empty vector with *err naming the line
// and what is wrong.
std::vector<traffic_access> parse_trace_csv(std::istream &in, std::string *err);

struct traffic_config {
    std::vector<traffic_stream> streams;
    uint64_t transactions = 1000;    // generated accesses in all
    unsigned outstanding = 1;        // threads issuing at once (>= 1)
    uint64_t seed = 1;
    sc_core::sc_time gap = sc_core::SC_ZERO_TIME; // each thread waits this between accesses
    bool wait_for_start = false;     // issue nothing until start() (a platform whose firmware
                                     // must set the SMMU up first)
};

class traffic_gen : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<traffic_gen> socket;

    // An invalid configuration (traffic_pattern::check, outstanding 0) is an SC_ERROR.
    traffic_gen(const sc_core::sc_module_name &name, const traffic_config &cfg);
    // Replay a trace instead of generating (before the simulation starts): each access is
    // issued at its time (or as soon after as one of the threads is free).
    void replay(std::vector<traffic_access> trace);
    // With traffic_config::wait_for_start: begin issuing now (trace times are from here).
    void start();
    const char *kind() const override { return "smmuv3::platform::traffic_gen"; }

    struct counters {
        uint64_t transactions = 0, reads = 0, writes = 0, bytes = 0, errors = 0;
        sc_core::sc_time latency_sum, latency_max;  // b_transport delay + wait, per access
        sc_core::sc_time finished;                  // when the last access completed
    };
    const counters &stats() const { return m_stats; }
    // Every access was issued and answered (after start(), with wait_for_start).
    bool finished() const { return m_started && m_running == 0; }
    // Notified when every access was issued and answered.
    const sc_core::sc_event &done() const { return m_done; }

private:
    void worker();
    bool take(traffic_access *a);
    void issue(const traffic_access &a);

    traffic_config m_cfg;
    traffic_pattern m_pattern;
    std::vector<traffic_access> m_trace;
    bool m_replay = false;
    bool m_started = false;
    sc_core::sc_time m_t0;      // when it started: the origin of a trace's times
    sc_core::sc_event m_start;
    size_t m_next = 0;          // accesses taken
    unsigned m_running = 0;
    counters m_stats;
    sc_core::sc_event m_done;
};

} // namespace smmuv3::platform

#endif
