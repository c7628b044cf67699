// SPDX-License-Identifier: Apache-2.0
//
// Internal: the waveforms of an smmu_tlm (smmu_tlm::trace_signals; docs/observability.md):
// values traced with sc_trace into a trace file (VCD), each changed at the simulated time of
// what changed it.
//
// The module reports changes as they are made, at their local time (temporal decoupling: the
// time may lie ahead of sc_time_stamp()); they wait in a queue ordered by time, and one method
// process applies each at its time, so the trace file records it there. A change reported for
// a time already past (a walk whose target waited) is applied at once.
#ifndef SMMUV3_TLM_SIGNAL_PROBE_H
#define SMMUV3_TLM_SIGNAL_PROBE_H

#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include <systemc>

#include "smmuv3/smmuv3.h"

namespace smmuv3 {

class signal_probe
{
public:
    // During elaboration: traces the values into tf under `prefix` ("top.smmu"), with one
    // interrupt line per name of irq_lines, and makes the process that updates them.
    signal_probe(sc_core::sc_trace_file *tf, const std::string &prefix, smmu_t *core,
                 const std::vector<std::string> &irq_lines);

    // Read the queue registers and GERROR of every bank now, as of time `at`.
    void sample(const sc_core::sc_time &at);
    // A command was consumed (its COMMAND record): CONS moves past it [IHI 0070 3.5, 4.1.3].
    void command_consumed(unsigned bank, const sc_core::sc_time &at);
    // A walk held a walk slot from begin to end.
    void walk(const sc_core::sc_time &begin, const sc_core::sc_time &end);
    // Interrupt line idx is now at level (called by the process that drives the lines, at
    // the time of the change).
    void irq(unsigned idx, bool level);

private:
    static constexpr unsigned k_banks = 3;
    // Per bank: the registers read, in this order
    enum { CMDQ_PROD, CMDQ_CONS, EVTQ_PROD, EVTQ_CONS, PRIQ_PROD, PRIQ_CONS, GERROR, GERRORN,
           k_regs };
    enum { CMDQ, EVTQ, PRIQ, k_queues };
    struct bank_regs {
        uint32_t reg[k_regs];
        unsigned log2size[k_queues];
    };
    struct change {
        sc_core::sc_time at;
        uint64_t seq;
        bool regs;           // else a walk count step
        int walks;           // +1 / -1
        bank_regs bank[k_banks];
        bool operator>(const change &o) const
        {
            return at != o.at ? at > o.at : seq > o.seq;
        }
    };
    // The traced values of one bank
    struct bank_trace {
        bool present = false;
        uint64_t page0 = 0, page1 = 0;
        smmu_pa_space pas = SMMU_PAS_NS;
        bool priq = false;
        uint32_t reg[k_regs] = {};
        uint32_t occupancy[k_queues] = {};
        uint32_t gerror_active = 0;
    };

    void post(change &c);
    void apply_method();
    void set_bank(unsigned b, const bank_regs &r);
    void post_latest(const sc_core::sc_time &at);
    void read_all();

    smmu_t *m_core;
    const smmu_config *m_cfg;
    bank_trace m_bank[k_banks];
    bank_regs m_latest[k_banks] = {}; // the registers as last read
    uint32_t m_walks = 0;
    std::unique_ptr<bool[]> m_irq;
    std::priority_queue<change, std::vector<change>, std::greater<change>> m_pending;
    uint64_t m_seq = 0;
    sc_core::sc_event m_event;
};

} // namespace smmuv3

#endif
