// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::timeline - a streaming writer of the Trace Event format (the JSON that
// ui.perfetto.dev and chrome://tracing open), on the simulated time axis.
//
// The file is the JSON Array Format: "[", one event object per line, "]". Each event is
// written as soon as it is known and nothing is kept per event, so a run of any length costs
// the writer no memory; a file cut short (the simulation stopped before finish()) still opens,
// as the format allows the closing "]" to be missing.
//
// Tracks are (process, thread) pairs named by "M" metadata events ("process_name",
// "thread_name", "thread_sort_index"). Events:
//   slice    "X"  a complete event: ts, dur
//   instant  "i"  thread scope
//   flow     "s" / "f"  an arrow from the slice enclosing the "s" to the slice enclosing the
//                 "f" ("bp": "e"), matched by id
// "ts" and "dur" are microseconds of simulated time (sc_time), printed exactly: 6 decimals
// (picoseconds) with a time resolution of 1 ps or coarser, 9 with a finer one.
//
// smmu_tlm::set_timeline(&tl) makes an SMMU report into a timeline (docs/observability.md);
// a platform can add tracks of its own to the same one.
#ifndef SMMUV3_TLM_TIMELINE_H
#define SMMUV3_TLM_TIMELINE_H

#include <cstdint>
#include <iosfwd>
#include <string>

#include <systemc>

namespace smmuv3 {

// The "args" object of one event, built in place (reuse one object to avoid allocations).
class timeline_args
{
public:
    timeline_args &num(const char *key, uint64_t v);           // 42
    timeline_args &hex(const char *key, uint64_t v);           // "0x2a"
    timeline_args &str(const char *key, const char *v);        // "text" (escaped)
    timeline_args &flag(const char *key, bool v);              // true / false
    timeline_args &time_ns(const char *key, const sc_core::sc_time &t); // 12.5 (ns, exact)
    void clear() { m_body.clear(); }
    bool empty() const { return m_body.empty(); }
    const std::string &body() const { return m_body; } // the members, without braces

private:
    void key(const char *k);
    std::string m_body;
};

class timeline
{
public:
    struct track {
        unsigned pid = 0, tid = 0;
    };

    // Writes "[" to os; os must outlive the timeline (or finish() be called first).
    explicit timeline(std::ostream &os);
    ~timeline(); // finish()
    timeline(const timeline &) = delete;
    timeline &operator=(const timeline &) = delete;

    // Writes the closing "]" and flushes; later events are ignored.
    void finish();

    // A new process (a group of tracks), named: its pid.
    unsigned add_process(const std::string &name);
    // A new track of process pid, named; sort_index orders tracks within the process.
    track add_track(unsigned pid, const std::string &name, int sort_index);

    void slice(const track &tr, const char *name, const char *cat, const sc_core::sc_time &begin,
               const sc_core::sc_time &end, const timeline_args *args = nullptr);
    void instant(const track &tr, const char *name, const char *cat, const sc_core::sc_time &at,
                 const timeline_args *args = nullptr);
    // A flow (arrow) from the slice enclosing flow_out's time to the slice enclosing
    // flow_in's, on the given tracks; id pairs them (unique among this timeline's flows).
    void flow_out(const track &tr, uint64_t id, const sc_core::sc_time &at); // "s"
    void flow_in(const track &tr, uint64_t id, const sc_core::sc_time &at);  // "f", "bp": "e"

    uint64_t events() const { return m_events; }
    // Microseconds, exactly: "1.234567" (see above).
    static std::string format_ts(const sc_core::sc_time &t);

private:
    void begin(const char *ph, const track &tr, const sc_core::sc_time &ts);
    void end(const timeline_args *args);
    void metadata(const char *what, unsigned pid, unsigned tid, const char *key,
                  const std::string &value, bool number);

    std::ostream *m_os;
    std::string m_line; // the event being written (reused)
    uint64_t m_events = 0;
    unsigned m_pids = 0;
    unsigned m_tids = 0;
};

} // namespace smmuv3

#endif
