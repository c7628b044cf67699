// SPDX-License-Identifier: Apache-2.0
//
// Internal: what smmu_tlm reports into its timeline (smmu_tlm::set_timeline), and how it
// becomes tracks and events (timeline.cpp; docs/observability.md). One probe per module.
//
// State is kept per call in flight only: one context per SystemC process inside the module
// (its upstream transaction and the table fetches of its current translation), one lane
// end time per track lane, and per command queue the range of flow ids not yet closed by a
// CMD_SYNC. Nothing grows with the number of transactions.
#ifndef SMMUV3_TLM_TIMELINE_PROBE_H
#define SMMUV3_TLM_TIMELINE_PROBE_H

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "smmuv3/smmuv3.h"
#include "smmuv3/tlm/timeline.h"

namespace smmuv3 {

class timeline_probe
{
public:
    timeline_probe(timeline &tl, const std::string &module_name);

    // An upstream b_transport (or AT request) of socket `socket` arrives at `arrival` /
    // its response is ready at `end` (absolute simulated times).
    void txn_begin(int socket, const sc_core::sc_time &arrival);
    void txn_end(const tlm::tlm_generic_payload &t, const sc_core::sc_time &end);
    // A timed translation ended: t0 its start, latency what the SMMU added (lookups,
    // fetches, walk-slot wait), and for a walk its slot wait and the slot time it held.
    // level: where it hit (smmu_hit_where, SMMU_HIT_TCU_TLB for a core without topology).
    void translated(const smmu_txn &x, const smmu_result &r, unsigned level,
                    const sc_core::sc_time &t0,
                    const sc_core::sc_time &latency, bool walked, const sc_core::sc_time &queue,
                    const sc_core::sc_time &busy);
    // One memory access of the SMMU (walk socket) of len bytes, from start to end.
    void access(uint64_t pa, size_t len, const sc_core::sc_time &start,
                const sc_core::sc_time &end);
    // One trace record of the core, at time `now` (smmu_tlm::trace_time()).
    void record(const smmu_trace &t, const sc_core::sc_time &now);
    void irq(const char *line, const sc_core::sc_time &at);
    void msi(uint64_t pa, smmu_pa_space pas, uint32_t data, const sc_core::sc_time &at);
    void dmi_grant(int socket, uint32_t sid, uint64_t lo, uint64_t hi, uint64_t pa_lo,
                   bool read, bool write, const sc_core::sc_time &at);
    void dmi_revoke(int socket, uint32_t sid, uint64_t lo, uint64_t hi,
                    const sc_core::sc_time &at);


private:
    struct fetch {
        smmu_trace_kind kind;
        unsigned stage;
        int level;
        uint64_t addr;
        uint64_t words[8];
        unsigned nwords;
        sc_core::sc_time begin, end;
    };
    // A process inside the module: its upstream transaction, its current translation.
    struct context {
        const void *proc = nullptr;
        bool upstream = false;       // between txn_begin and txn_end
        bool translating = false;    // between TXN and RESULT (or translated())
        int socket = 0;
        unsigned lane = 0;
        sc_core::sc_time arrival, txn_time;
        bool have = false;           // x/r/latency hold the transaction's first translation
        smmu_txn x{};
        smmu_result r{};
        unsigned level = 0;
        sc_core::sc_time latency;
        unsigned translations = 0;
        std::vector<fetch> fetches;  // of the current translation (at most k_max_fetches)
        unsigned fetches_lost = 0;
    };
    // Parallel tracks of one kind: a slice goes on the first lane free at its start, so
    // that overlapping slices never share a track (a track's slices must nest).
    struct lanes {
        std::string name;
        int sort;
        std::vector<timeline::track> tracks;
        std::vector<sc_core::sc_time> ends;
        std::vector<bool> busy;
    };
    static constexpr unsigned k_max_lanes = 64;
    static constexpr unsigned k_max_fetches = 64;
    static constexpr unsigned k_banks = 3;

    context &ctx();
    context *find_ctx();
    unsigned take_lane(lanes &l, const sc_core::sc_time &begin, bool hold);
    void release_lane(lanes &l, unsigned lane, const sc_core::sc_time &end);
    void emit_walk(context &c, const smmu_txn &x, const smmu_result &r,
                   const sc_core::sc_time &begin, const sc_core::sc_time &end,
                   const sc_core::sc_time &shift, const sc_core::sc_time *queue);
    void command(const smmu_trace &t, const sc_core::sc_time &now);
    void event(const smmu_trace &t, const sc_core::sc_time &now);
    lanes &upstream_lanes(int socket);
    const timeline::track &bank_track(std::vector<timeline::track> &v, const char *what,
                                      unsigned bank, int sort);
    const timeline::track &lazy_track(timeline::track &t, const std::string &name, int sort);
    sc_core::sc_time access_start(uint64_t addr, const sc_core::sc_time &now) const;

    timeline &m_tl;
    unsigned m_pid;
    std::vector<context> m_ctx;
    std::vector<lanes> m_upstream; // by socket
    lanes m_walker;
    std::vector<timeline::track> m_cmdq, m_evtq; // by bank (pid 0: not made yet)
    timeline::track m_irq, m_dmi; // pid 0: not made yet
    // The last SMMU memory access: a trace record of a fetch follows its access at once
    uint64_t m_last_pa = 0;
    size_t m_last_len = 0;
    sc_core::sc_time m_last_start, m_last_end;
    bool m_last_valid = false;
    // Per command queue: the end of its last command, and the invalidations since its last
    // CMD_SYNC as flow ids [m_inval_first, m_inval_next) (ids are (seq << 2) | bank)
    sc_core::sc_time m_cmd_end[k_banks];
    uint64_t m_inval_first[k_banks] = {}, m_inval_next[k_banks] = {};
    timeline_args m_args;
    std::string m_name;
};

} // namespace smmuv3

#endif
