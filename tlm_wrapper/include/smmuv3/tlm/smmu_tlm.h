// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::smmu_tlm - the SMMUv3 as a SystemC/TLM-2.0 module, loosely or approximately timed.
//
// A thin shim over the C core (smmuv3/smmuv3.h): it converts TLM payloads into core calls
// and the core's environment callbacks into TLM traffic, and adds time. Every architectural
// decision (what a register does, whether a transaction translates, which event it raises)
// is the core's.
//
//   reg_socket   target       CPU accesses to the SMMU's registers (offset = address). The
//                             PA space of the access (bus_attr_extension, absent = NS)
//                             decides which banks it reaches.
//   upstream     target       device traffic; any number of masters bind to it. The
//                             stream_extension gives StreamID / SubstreamID / SEC_SID; without
//                             one, the socket index's default StreamID, Non-secure.
//   downstream   initiator    translated traffic (output PA + bus_attr_extension).
//   walk         initiator    STE / CD / page-table / queue / MSI accesses, with their PA
//                             space. Optional when config.walk_via_downstream routes them
//                             through downstream instead.
//   endpoint_out initiator    messages to PCIe endpoints (endpoint_msg_extension, routed by
//                             StreamID): ATC invalidations and PRG responses. Optional: when
//                             unbound, ATC invalidations complete at once. A PRG response is
//                             a write of 4 bytes (the PCIe Response Code, 8.3) at address =
//                             StreamID, sent from a thread of the module.
//   dvm_socket   target       DVM messages from PEs (dvm_extension): broadcast TLBIs and
//                             DVM Syncs [IHI 0070 3.17], with smmu_config.btm. Optional.
//   pmcg_socket  target       PMCG register frames (docs/pmcg.md). Optional.
//   *_irq        sc_out-like  wired interrupts, one pulse per assertion (PMCG overflow:
//                             pmcg_irq_port(g)). Optional.
//   reset        sc_in-like   active high; a rising edge resets the SMMU. Optional.
//
// ATS [IHI 0070 3.9]: an upstream payload with an ats_extension whose request is true is a
// Translation Request: nothing is forwarded, the extension's completion is filled in and the
// response is TLM_OK_RESPONSE (the payload's command says NW: write = write access asked
// for; stream_extension gives StreamID, PASID, Priv and Exe). request false with translated
// true is Translated traffic (AT = Translated), forwarded if STE.EATS allows it. ATC
// invalidations (CMD_ATC_INV) go out on endpoint_out from a thread of this module, so the
// CPU's CMDQ_PROD write returns; the endpoint's response is its acknowledgement (OK, or any
// error response for a completion timeout), and the CMD_SYNC waiting for it completes then.
//
// Page Requests [IHI 0070 ch. 8]: a payload on upstream that carries a page_request_extension
// is a Page Request message, not a memory access: nothing is forwarded, the core queues it on
// the PRI queue (or answers it itself), and the payload gets TLM_OK_RESPONSE
// (TLM_GENERIC_ERROR_RESPONSE for a malformed request).
//
// Responses: a transaction the SMMU terminates (fault, or abort without an event) is answered
// with TLM_ADDRESS_ERROR_RESPONSE; a RAZ/WI outcome (CD.A=0) returns zeros for reads, ignores
// writes and answers TLM_OK_RESPONSE.
//
// Interfaces on upstream: b_transport (loosely timed, temporal decoupling), transport_dbg,
// DMI, and nb_transport_fw with the four phases of the base protocol (approximately timed,
// IEEE 1666-2011 15.2), which may be mixed per master. Under AT the SMMU ends the request
// phase at once (TLM_UPDATED, END_REQ: the next BEGIN_REQ may follow), serves each request in
// a thread of its own from the time of BEGIN_REQ, sends it downstream by b_transport (every
// base-protocol target provides it) and answers BEGIN_RESP on nb_transport_bw when the
// translation and the downstream access are done: out of order, one response in the response
// phase per socket at a time (the next waits for END_RESP, or for TLM_UPDATED / TLM_COMPLETED
// on the backward path). A stalled request's BEGIN_RESP waits for CMD_RESUME / CMD_STALL_TERM
// while other requests go on. Responses and statuses are those of b_transport.
//
// Timing (smmu_tlm_config, docs/exploration.md "Timing in the SystemC module"): per-step
// latencies from the core's report of where each translation hit, walk slots with queueing,
// TBUs by socket (tbu_map) or stream_extension, presets, per-TBU and per-stream statistics.
#ifndef SMMUV3_TLM_SMMU_TLM_H
#define SMMUV3_TLM_SMMU_TLM_H

#include <cstdint>
#include <deque>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/smmuv3.h"
#include "smmuv3/tlm/extensions.h"

namespace smmuv3 {

// Constructor configuration: the core's configuration plus the shim's options.
struct smmu_tlm_config {
    smmu_config core;                    // initialised with smmu_config_init()

    // Timing (docs/exploration.md "Timing in the SystemC module"). Each latency is added to the
    // transaction's delay (temporal decoupling: nothing waits) for the step the core's result
    // reports (smmu_result.hit, cfg_hit, wc_hits, fetches):
    //   micro-TLB hit:   utlb_hit_latency
    //   TBU TLB hit:     tbu_tlb_hit_latency
    //   TCU TLB hit:     dti_latency + tlb_hit_latency (+ cfg_hit_latency with a config hit)
    //   walk:            dti_latency (+ cfg_hit_latency) + wc_hits * wc_hit_latency + each
    //                    fetch's fetch_latency and the walk target's own delay, + the wait
    //                    for a walk slot (walk_slots)
    // A TLB hit the core reports without a level (hit == SMMU_HIT_NONE with tlb_hit: a core
    // without topology) is a TCU TLB hit, which is what SMMU_HIT_TCU_TLB means there.
    sc_core::sc_time reg_latency = sc_core::sc_time(10, sc_core::SC_NS);    // a register access
    sc_core::sc_time tlb_hit_latency = sc_core::sc_time(1, sc_core::SC_NS); // a TCU TLB hit
    sc_core::sc_time cfg_hit_latency = sc_core::sc_time(1, sc_core::SC_NS); // a config-cache hit
    // Each table fetch (STE, CD, descriptor, queue entry, event, MSI), on top of whatever
    // delay the walk target itself annotates.
    sc_core::sc_time fetch_latency = sc_core::sc_time(5, sc_core::SC_NS);
    sc_core::sc_time utlb_hit_latency = sc_core::SC_ZERO_TIME;    // a TBU micro-TLB hit
    sc_core::sc_time tbu_tlb_hit_latency = sc_core::SC_ZERO_TIME; // a TBU main-TLB hit
    sc_core::sc_time dti_latency = sc_core::SC_ZERO_TIME; // TBU -> TCU request + response (DTI)
    sc_core::sc_time wc_hit_latency = sc_core::SC_ZERO_TIME;      // each walk-cache hit
    // The clock of "<n> cycles" in time parameters, and the resolution of the latency
    // histograms (SC_ZERO_TIME: no cycles; histograms at 1 ns).
    sc_core::sc_time clock_period = sc_core::SC_ZERO_TIME;
    // Page-table-walk slots of the TCU: at most this many walks at a time; a walk that finds
    // every slot busy waits for the first to free (the wait is added to its delay). 0: no
    // limit. TLB hits never wait for walks (hit-under-miss).
    unsigned walk_slots = 0;
    // The TBU of traffic by upstream socket index (missing entries: 0); a stream_extension's
    // tbu >= 0 overrides it. Each entry < core.tbus.
    std::vector<uint32_t> tbu_map;
    // Per-TBU and per-stream statistics (smmu_tlm_stats::tbus / streams): off by default,
    // as they cost host time on every transaction. At most stats_streams streams are tracked
    // one by one; the rest are counted together (smmu_tlm_stats::other_streams).
    bool detailed_stats = false;
    unsigned stats_streams = 64;
    // The timing preset applied (parameter "preset"; "" when none): see params.h.
    std::string preset;
    // Width of an interrupt pulse (SC_ZERO_TIME: high for one delta cycle).
    sc_core::sc_time irq_pulse = sc_core::sc_time(1, sc_core::SC_NS);

    // Route the core's memory accesses through `downstream` instead of `walk`.
    bool walk_via_downstream = false;

    // Host speed: copies of recent TLB-hit results the module keeps and reuses for accesses to
    // the same 4 KB page with the same stream attributes, while the core says nothing changed
    // (smmu_reuse_words). A reused result is exactly the core's, costs the same simulated time
    // (tlb_hit_latency + cfg_hit_latency; with micro-TLBs, utlb_hit_latency: a reuse is a
    // micro-TLB hit then) and counts in the statistics as the TLB hit it stands for. With
    // micro-TLBs a copy lasts while its TBU's caches do not change (with LRU micro-TLBs, while
    // its page stays the TBU's most recently used): docs/performance.md. A power of two; 0
    // turns the copies off (every access then calls the core).
    unsigned hit_copies = 256;

    // StreamID used for traffic without a stream_extension, by upstream socket index (missing
    // entries: 0). Such traffic is always Non-secure; a warning is given once per index.
    std::vector<uint32_t> default_sid;

    smmu_tlm_config() { smmu_config_init(&core); }
};

// A latency distribution: exact count, minimum, mean and maximum; percentiles from a histogram
// of `resolution`-wide buckets (config.clock_period, or 1 ns without a clock) up to
// k_buckets * resolution, above which values go to an overflow bucket. A percentile is exact
// for values that are multiples of the resolution below that bound; else it is the value
// rounded down to the resolution, or the maximum for the overflow bucket.
struct smmu_tlm_latency {
    static constexpr unsigned k_buckets = 4096;
    sc_core::sc_time resolution = sc_core::sc_time(1, sc_core::SC_NS);
    uint64_t count = 0;
    sc_core::sc_time total, min, max;
    std::vector<uint64_t> buckets; // k_buckets + 1 once a value was added (the last: overflow)

    void add(const sc_core::sc_time &t);
    sc_core::sc_time mean() const;
    // The smallest value v with at least p (0 < p <= 1) of the values <= v (nearest rank).
    sc_core::sc_time percentile(double p) const;
    // Add o's values (o with the same resolution).
    void merge(const smmu_tlm_latency &o);
};

// Counters of one TBU or one stream (config.detailed_stats), or of all traffic
// (smmu_tlm_stats::totals). A transaction is each piece the SMMU translates (a payload split at
// a mapping boundary counts each piece); debug transactions count nowhere.
struct smmu_tlm_unit_stats {
    uint64_t transactions = 0;
    uint64_t bytes = 0;                // bytes of the pieces passed on (translated, bypassed or
                                       // RAZ/WI); a terminated piece carries none
    uint64_t utlb_hits = 0, tbu_tlb_hits = 0, tcu_tlb_hits = 0; // where it hit (result.hit)
    uint64_t misses = 0;               // no TLB hit (walked, bypassed or terminated)
    // Configuration cache, per transaction that looked its STE (and CD) up (result.cfg_lookups
    // != 0): all found in the cache (result.cfg_hit), or at least one fetched. (The core's
    // smmu_stats counts each lookup; its result does not say which of STE and CD missed.)
    uint64_t cfg_hits = 0, cfg_misses = 0;
    uint64_t walks = 0;                // misses that took a walk slot (memory accessed)
    uint64_t walks_queued = 0;         // ... that waited for one
    sc_core::sc_time walk_queue_time;  // their total wait
    sc_core::sc_time walk_busy_time;   // the slot time their walks held
    uint64_t table_fetches = 0;        // memory accesses of the SMMU for them (result.fetches)
    // Transactions terminated (FAULT, RAZWI or STALLED outcome), by event type (SMMU_EVT_*;
    // smmu_event_name). A terminated transaction without an event (ABORT) is in none.
    std::map<unsigned, uint64_t> faults;
    smmu_tlm_latency latency;          // translation latency: every step the SMMU adds (the
                                       // slot wait included), not the downstream access

    uint64_t fault_count() const;      // the sum of faults
    // Add o's counts (o.latency with the same resolution).
    void merge(const smmu_tlm_unit_stats &o);
    void print(std::ostream &os, const std::string &indent) const;
};

struct smmu_tlm_stream_stats {
    uint32_t sid = 0, ssid = 0;
    bool ssv = false;
    smmu_sec_sid sec = SMMU_SEC_NS;
    smmu_tlm_unit_stats stats;
};

// The formats of smmu_tlm_stats (docs/statistics.md): text (print), JSON and CSV.
enum class stats_format { text, json, csv };

// Counters: the core's (smmu_get_stats) and the shim's own.
struct smmu_tlm_stats {
    smmu_stats core;
    uint64_t upstream_transactions = 0; // b_transport calls and AT requests on upstream
    uint64_t reused_hits = 0;           // translations answered from a copy (config.hit_copies),
                                        // also counted in upstream_transactions,
                                        // core.translations and core.tlb_hits
    uint64_t split_transactions = 0;    // ... that crossed a mapping and were split
    uint64_t error_responses = 0;       // ... answered with an error response
    uint64_t razwi = 0;                 // ... answered as RAZ/WI
    uint64_t debug_transactions = 0;    // transport_dbg calls on upstream
    uint64_t register_accesses = 0;     // b_transport calls on reg_socket
    uint64_t dmi_granted = 0, dmi_denied = 0;
    uint64_t dmi_revoked = 0;           // upstream invalidate_direct_mem_ptr calls
    uint64_t irq_pulses = 0;
    uint64_t msis = 0;
    uint64_t dvm_messages = 0;          // b_transport calls on dvm_socket
    uint64_t at_transactions = 0;       // BEGIN_REQ on upstream (nb_transport_fw)
    uint64_t walks_queued = 0;          // walks that waited for a walk slot
    sc_core::sc_time walk_queue_time;   // their total wait
    sc_core::sc_time walk_busy_time;    // total time walk slots were held (occupancy =
                                        // walk_busy_time / (walk_slots * elapsed time))

    // config.detailed_stats: per TBU (index = TBU) and per stream.
    bool detailed = false;
    std::vector<smmu_tlm_unit_stats> tbus;
    std::vector<smmu_tlm_stream_stats> streams; // at most config.stats_streams, first seen first
    smmu_tlm_unit_stats other_streams;          // the streams beyond them
    // Pieces passed on downstream and their bytes, by output PA space (smmu_pa_space index);
    // config.detailed_stats, else zero.
    struct pa_space_count {
        uint64_t transactions = 0, bytes = 0;
    };
    pa_space_count pa_spaces[4];

    // All traffic. With detailed: the sum of the streams and other_streams. Without: the
    // counters kept for every transaction (docs/statistics.md): the core's translations, TLB
    // hits by level (smmu_get_tbu_stats), misses, configuration lookups (each lookup, as
    // core.cfg_hits / cfg_misses), walks, table fetches and events by type; bytes and latency
    // are not counted (0).
    smmu_tlm_unit_stats totals;

    // Filled by smmu_tlm::stats() for the writers: the simulated time, every parameter of the
    // instance with its value (smmu_tlm_params), and each PMCG group's counters (event =
    // PMCG_EVTYPERn.EVENT, value = PMCG_EVCNTRn; event 0 as brought up to date by the last
    // pmcg_socket access).
    sc_core::sc_time time;
    std::vector<std::pair<std::string, std::string>> parameters;
    struct pmcg_counter {
        unsigned event = 0;
        uint64_t value = 0;
        bool enabled = false; // counting: its PMCG_CNTENSET0 bit and PMCG_CR.E
    };
    std::vector<std::vector<pmcg_counter>> pmcg; // by group

    // Commands by name as drivers name them (CMD_CFGI_ALL apart from the other
    // CMD_CFGI_STE_RANGEs; a reserved opcode with its number), opcode order, non-zero only.
    std::vector<std::pair<std::string, uint64_t>> commands_by_name() const;
    // Events generated by name (smmu_event_name; an unknown type with its number), type
    // order, non-zero only.
    std::vector<std::pair<std::string, uint64_t>> events_by_name() const;

    // One counter per line; commands and events by name, only when non-zero.
    void print(std::ostream &os) const;
    // docs/statistics.md: JSON ("smmuv3-stats", version 1) and CSV (a header, one row per
    // unit).
    void write_json(std::ostream &os) const;
    void write_csv(std::ostream &os) const;
    void write(std::ostream &os, stats_format format) const;
};
std::ostream &operator<<(std::ostream &os, const smmu_tlm_stats &stats);

class param_source;
class timeline;
class timeline_probe;
class signal_probe;

class smmu_tlm : public sc_core::sc_module
{
public:
    using irq_out =
        sc_core::sc_port<sc_core::sc_signal_inout_if<bool>, 1, sc_core::SC_ZERO_OR_MORE_BOUND>;
    using reset_in =
        sc_core::sc_port<sc_core::sc_signal_in_if<bool>, 1, sc_core::SC_ZERO_OR_MORE_BOUND>;

    // The type of upstream: a tlm_utils::multi_passthrough_target_socket (bound, indexed and
    // sized as one) whose bindings call the module's b_transport directly, without the
    // callback functor of the tlm_utils socket (docs/performance.md "Host cost").
    class upstream_socket : public tlm_utils::multi_passthrough_target_socket<smmu_tlm>
    {
    public:
        upstream_socket(const char *name, smmu_tlm &owner);
        using multi_passthrough_target_socket::get_base_interface;
        tlm::tlm_fw_transport_if<> &get_base_interface() override;

    private:
        class binding;
        smmu_tlm &m_owner;
    };

    tlm_utils::simple_target_socket<smmu_tlm> reg_socket;
    upstream_socket upstream;
    tlm_utils::simple_initiator_socket<smmu_tlm> downstream;
    tlm_utils::simple_initiator_socket_optional<smmu_tlm> walk;
    tlm_utils::simple_initiator_socket_optional<smmu_tlm> endpoint_out;
    // Broadcast TLB maintenance: each payload carries a dvm_extension (address, data and
    // command are ignored). Response: TLM_OK_RESPONSE when the SMMU took the message (also
    // when CR2.PTM makes it ignore a TLBI); TLM_COMMAND_ERROR_RESPONSE without
    // smmu_config.btm (IDR0.BTM = 0); TLM_GENERIC_ERROR_RESPONSE for a payload without the
    // extension or with a malformed operation. The extension's status has the core's answer.
    // Untimed: the delay is not changed.
    tlm_utils::simple_target_socket_optional<smmu_tlm> dvm_socket;
    // Performance Monitor Counter Groups (smmu_config.pmcg_groups; docs/pmcg.md): group g's
    // 128 KB register frame at address g * 0x20000 (page 0 at +0, page 1 at +0x10000), with
    // the PA space of the access as on reg_socket. Event 0 counts config.clock_period cycles,
    // brought up to date at each access of this socket. Optional.
    tlm_utils::simple_target_socket_optional<smmu_tlm> pmcg_socket;

    // Wired interrupts per programming interface [IHI 0070 3.18]: event queue, PRI queue,
    // CMD_SYNC completion, global error.
    irq_out ns_eventq_irq, ns_priq_irq, ns_cmd_sync_irq, ns_gerror_irq;
    irq_out s_eventq_irq, s_priq_irq, s_cmd_sync_irq, s_gerror_irq;
    irq_out r_eventq_irq, r_priq_irq, r_cmd_sync_irq, r_gerror_irq;
    irq_out gpf_far_irq, gpt_cfg_far_irq; // RME (Root)

    reset_in reset;

    // A configuration the core refuses is an SC_ERROR naming the field and the rule ("config:
    // sel2 needs secure_impl"). file and line are the caller's (filled in by the compiler):
    // every sc_report of this instance carries that location, the place in the platform's
    // source where the SMMU was made, so "In file:" points at the integrator's code.
    smmu_tlm(const sc_core::sc_module_name &name, const smmu_tlm_config &config = {},
             const char *file = __builtin_FILE(), int line = __builtin_LINE());
    // The configuration base, with the values params holds under this instance's hierarchical
    // name ("top.smmu.tlb_entries") applied (smmuv3/tlm/params.h). An unknown name or a bad
    // value is an SC_ERROR naming it.
    smmu_tlm(const sc_core::sc_module_name &name, const param_source &params,
             const smmu_tlm_config &base = {}, const char *file = __builtin_FILE(),
             int line = __builtin_LINE());
    ~smmu_tlm() override;
    const char *kind() const override { return "smmuv3::smmu_tlm"; }

    // The interrupt port of (bank, line); nullptr for a line that does not exist.
    irq_out *irq_port(smmu_sec_sid bank, smmu_irq_line line);
    // The overflow interrupt of PMCG group g ("pmcg_irq_<g>"); nullptr for a group that does
    // not exist. Optional to bind.
    irq_out *pmcg_irq_port(unsigned group);

    // Warm reset, as a rising edge on `reset`: the core's registers and caches, every DMI
    // pointer granted upstream, the interrupt lines.
    void reset_smmu();

    // The statistics now (sc_time_stamp()), and the statistics' writers on them
    // (docs/statistics.md). clear_stats() zeroes every counter but the PMCG's (registers).
    smmu_tlm_stats stats() const;
    void clear_stats();
    void print_stats(std::ostream &os) const { stats().print(os); }
    void write_stats(std::ostream &os, stats_format format) const { stats().write(os, format); }

    const smmu_tlm_config &config() const { return m_cfg; }
    // The C instance, for tools and test drivers that program the SMMU through the C API
    // (smmu_reg_read / smmu_reg_write). Such calls are untimed, and must be made from a
    // SystemC thread process: the core's table accesses go out on the walk socket.
    smmu_t *core_handle() { return m_core.get(); }
    // The dvm_socket's work as calls, for a CPU model that holds the module rather than a
    // socket: smmu_tlbi_broadcast / smmu_dvm_sync, with DMI revoked as their invalidations
    // require. From a SystemC process or elaboration callbacks alike.
    smmu_status broadcast_tlbi(const smmu_tlbi &op);
    smmu_status dvm_sync();
    // The sc_report message type of this instance: "smmuv3/<hierarchical name>".
    const char *msg_type() const { return m_msg_type.c_str(); }

    // Trace observer: one call per step of the SMMU's work (smmu_trace: each translation,
    // table fetch, command and event), with the record valid only during the call. The
    // function carries the platform's own context (capture it); an empty function removes
    // the observer. Called from inside the core: it must not throw nor call back into this
    // module. While installed, the hit copies are not used (smmu_reuse_epoch is 0).
    using trace_fn = std::function<void(const smmu_trace &)>;
    void set_trace(trace_fn fn);
    // Inside a trace observer: the simulated time of the step traced, sc_time_stamp() plus
    // the local time offset of the call in flight (temporal decoupling). Elsewhere:
    // sc_time_stamp().
    sc_core::sc_time trace_time();

    // Timeline (docs/observability.md): from now on the module reports into tl, on simulated
    // time, each upstream transaction (a slice per socket, from arrival to response, with its
    // stream, addresses, where it hit and its latency), each walk with its table fetches, each
    // command (CMD_SYNC with flow arrows from the invalidations it completes), event record,
    // interrupt, MSI, DMI grant and revocation. nullptr stops it. While set, the hit copies
    // are not used (as with a trace observer). tl must outlive the module, or be unset first.
    void set_timeline(timeline *tl);
    // Waveforms (docs/observability.md): trace into tf (sc_create_vcd_trace_file) the
    // interrupt lines, each bank's CMDQ/EVENTQ/PRIQ PROD, CONS and occupancy, GERROR and its
    // active bits, and the number of walks in progress, each changed at the simulated time
    // of its cause. During elaboration (sc_trace's rule), once. The hit copies are not used
    // while signals are traced (the module watches the core's trace records).
    void trace_signals(sc_core::sc_trace_file *tf);

    // The bring-up checker (parameter "check"; docs/bring-up.md "The checker") compares what
    // the SMMU fetched with what software writes afterwards: the integrator reports each
    // software (CPU) write to memory here, after it reached memory, from wherever the platform
    // sees it (the CPU's bus port, the memory model). Writes of the SMMU and of DMA masters are
    // not to be reported. A no-op without the checker; findings are reported as the core's
    // other diagnostics (SC_WARNING).
    void observe_write(uint64_t pa, smmu_pa_space pas, const void *data, size_t len);

private:
    smmu_tlm(const sc_core::sc_module_name &name, const smmu_tlm_config &config,
             const param_source *params, const char *file, int line);
    struct call_ctx;
    struct call_scope;
    struct dmi_region {
        int socket;
        uint64_t in_lo, in_hi;   // input address range granted upstream
        uint64_t pa_lo, pa_hi;   // the PA range it maps to
        uint32_t sid;
    };
    // A copy of a TLB-hit result (config.hit_copies) for one 4 KB page of one stream: valid
    // while its TBU's reuse word (smmu_reuse_words) is the one it was stored with.
    struct copy_key;
    struct hit_copy {
        uint64_t epoch = 0;      // the reuse word when stored (never 0)
        uint64_t page = ~uint64_t{0}; // the key (copy_key); empty: ~0, which is no key
        uint64_t stream = 0;
        uint64_t attrs = 0;
        uint8_t cfg_lookups = 0;
        uint8_t level = 0;       // hit_level() of the result
        smmu_pa_space pas = SMMU_PAS_NS;
        uint64_t pa_page = 0;    // output address of the page
        uint8_t mair = 0, sh = 0;
        sc_core::sc_time latency; // what charge() adds for the hit
        uint64_t uses = 0;       // reuses since stored (stats(); one add on the reused path)
        smmu_reuse_mark mark{};  // its micro-TLB entry (renew; contents 0: none)
    };
    // What reuses stand for in the statistics, summed over copies (reuse_counts::add)
    struct reuse_counts {
        uint64_t hits = 0, cfg_lookups = 0, utlb_hits = 0;
        void add(const hit_copy &c)
        {
            hits += c.uses;
            cfg_lookups += c.uses * c.cfg_lookups;
            if (c.level == SMMU_HIT_UTLB)
                utlb_hits += c.uses;
        }
    };
    struct core_deleter {
        void operator()(smmu_t *s) const { smmu_destroy(s); }
    };

    // Sockets
    void reg_b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    void ats_request(int id, tlm::tlm_generic_payload &trans, ats_extension &ats,
                     sc_core::sc_time &delay);
    unsigned reg_transport_dbg(tlm::tlm_generic_payload &trans);
    void dvm_b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    void up_b_transport(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    void up_transport(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    void up_b_transport_general(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    tlm::tlm_sync_enum up_nb_transport_fw(int id, tlm::tlm_generic_payload &trans,
                                          tlm::tlm_phase &phase, sc_core::sc_time &t);
    unsigned up_transport_dbg(int id, tlm::tlm_generic_payload &trans);
    unsigned forward(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time *delay);
    bool up_get_dmi(int id, tlm::tlm_generic_payload &trans, tlm::tlm_dmi &dmi);
    void down_invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end);
    void walk_invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end);

    // Translation of one upstream payload, forwarding each piece.
    smmu_txn make_txn(int id, const tlm::tlm_generic_payload &trans,
                      const bus_attr_extension *attrs, const ats_extension *ats, bool debug);
    smmu_txn stream_txn(const stream_extension &e, const bus_attr_extension *attrs, bool write);
    smmu_txn default_stream(int id, const bus_attr_extension *attrs,
                            bool write); // the stream of a payload without a stream_extension
    static void with_bus_attrs(smmu_txn &txn, const bus_attr_extension *attrs);
    void translate(const smmu_txn &txn, smmu_result &res);
    static copy_key key_of(uint64_t addr, const smmu_txn &txn);
    hit_copy &copy_slot(const copy_key &key);
    bool renew(hit_copy &c, unsigned tbu);
    // trans's extension array, known to hold m_ext_ids.max
    bool forward_reused(int id, tlm::tlm_generic_payload &trans,
                        tlm::tlm_array<tlm::tlm_extension_base *> &extensions,
                        sc_core::sc_time &delay);
    void charge(const smmu_result &res, sc_core::sc_time &delay) const; // lookup latencies
    static unsigned hit_level(const smmu_result &res);
    // One translation with its timing: translate(), charge(), the walk slot; records the
    // detailed statistics. delay is the transaction's (nullptr: debug, untimed).
    void timed_translate(const smmu_txn &txn, smmu_result &res, sc_core::sc_time *delay);
    sc_core::sc_time take_walk_slot(const sc_core::sc_time &start, const sc_core::sc_time &dur);
    uint16_t tbu_of(int id, const stream_extension *e); // with core.tbus > 1 or a tbu_map
    __attribute__((cold)) void warn_bad_tbu(int id, int tbu);
    // Detailed statistics (config.detailed_stats): record() one translation (r its result),
    // record_piece() the bytes of a piece passed on downstream (or RAZ/WI: pas < 0).
    void record(const smmu_txn &txn, const smmu_result &r, unsigned level, bool walked,
                const sc_core::sc_time &queue, const sc_core::sc_time &busy,
                const sc_core::sc_time &latency);
    void record_piece(const smmu_txn &txn, int pas, uint64_t bytes);
    // Both for payload t answered from copy c (out of line: the hit path stays as short).
    __attribute__((cold)) void record_reused(const smmu_txn &txn,
                                             const tlm::tlm_generic_payload &t,
                                             const hit_copy &c);
    smmu_tlm_unit_stats &stream_stats(const smmu_txn &txn);
    // Totals without the detailed statistics
    smmu_tlm_unit_stats core_totals(const smmu_stats &core, uint64_t reused_utlb_hits) const;

    // The approximately-timed protocol on upstream (docs/integration.md): each request is
    // served by a worker thread (a pool that grows as requests overlap, since a stalled
    // request holds its worker), which runs the b_transport path; responses go back per
    // socket one at a time (BEGIN_RESP .. END_RESP), in the order they become ready.
    struct at_worker;
    struct at_port {
        std::deque<tlm::tlm_generic_payload *> ready; // responses waiting to be sent
        tlm::tlm_generic_payload *in_resp = nullptr;  // sent, END_RESP not yet received
        sc_core::sc_time next_free;                   // the earliest time the next may go
    };
    void at_worker_thread(at_worker *w);
    void at_respond(int id, tlm::tlm_generic_payload &trans);
    void at_send(int id);
    void at_resp_method();
    at_port &port(int id);

    // Environment callbacks (ctx is this)
    static int env_mem_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                            const smmu_mem_attrs *attrs);
    static int env_mem_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf,
                             size_t len, const smmu_mem_attrs *attrs);
    static int env_mem_cas64(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                             uint64_t desired, uint64_t *old);
    static int env_msi_write(void *ctx, uint64_t pa, smmu_pa_space pas, uint32_t data,
                             const smmu_mem_attrs *attrs);
    static void env_irq(void *ctx, smmu_sec_sid bank, smmu_irq_line line);
    static void env_log(void *ctx, smmu_log_level level, const char *msg);
    static void env_invalidated(void *ctx, const smmu_inval_notice *notice);
    static void env_trace(void *ctx, const smmu_trace *t);
    static void env_stall_resolved(void *ctx, const smmu_stall_resolution *r);

    // Stalled transactions [IHI 0070 3.12.2]: a b_transport whose translation is STALLED
    // waits here until the core resolves it (CMD_RESUME, CMD_STALL_TERM, SMMUEN 1 -> 0).
    struct stall_wait;
    smmu_stall_action hold_stalled(const smmu_txn &txn, const smmu_result &res,
                                   sc_core::sc_time &delay);
    void set_bringup_callbacks(bool atc_to_endpoints);
    static void env_atc_inval(void *ctx, const smmu_atc_inval *inv);
    void atc_thread(); // sends m_atc_queue on endpoint_out

    int mem_access(tlm::tlm_command cmd, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                   const smmu_mem_attrs *attrs);
    sc_core::sc_time *current_delay();
    void flush_log();
    // Every sc_report of the instance: its message type, the construction site as location.
    void report(sc_core::sc_severity severity, const std::string &msg,
                int verbosity = sc_core::SC_MEDIUM) const;

    // DMI bookkeeping
    void dmi_record(const dmi_region &r);
    template <typename Pred> void dmi_revoke_if(Pred pred);
    void dmi_revoke_all();

    // Interrupts
    void irq_method();
    void reset_method();

    void end_of_elaboration() override;
    void warn_refused(const smmu_txn &txn, smmu_status st);
    void warn_no_stream_ext(int id);
    // PRI [IHI 0070 ch. 8]: Page Request messages in, PRG responses out on endpoint_out
    void pri_page_request(tlm::tlm_generic_payload &trans, page_request_extension &pr,
                          sc_core::sc_time &delay);
    static void env_pri_response(void *ctx, const smmu_pri_response *r);
    void prg_response_thread();

    smmu_tlm_config m_cfg;
    std::string m_msg_type;
    const char *m_file;                      // construction site, for reports
    int m_line;
    trace_fn m_trace;
    std::unique_ptr<smmu_t, core_deleter> m_core;
    tlm::tlm_fw_transport_if<> *m_down_fw = nullptr;
    tlm::tlm_blocking_transport_if<> *m_down_b = nullptr; // m_down_fw's, for the reused hits
    tlm::tlm_fw_transport_if<> *m_walk_fw = nullptr;

    std::vector<call_ctx> m_calls;           // calls in flight that made callbacks
    sc_core::sc_time *m_entering = nullptr;  // the delay of the call being entered
    std::vector<dmi_region> m_dmi;           // DMI windows granted upstream
    static constexpr size_t k_max_dmi_regions = 4096;
    std::vector<bool> m_warned_no_ext;       // per upstream socket index
    bool m_warned_refused = false;           // warn_refused
    std::vector<std::pair<smmu_log_level, std::string>> m_log_queue;
    std::vector<stall_wait *> m_stall_waits;            // b_transports held by a stall
    std::vector<smmu_stall_resolution> m_stall_early;  // resolved before their wait began

    // Interrupt lines, indexed bank * SMMU_IRQ_LINES_PER_BANK + line, then the two RME lines
    // at their smmu_irq_line values (12, 13).
    // ... then one line per PMCG (k_irq_lines + group)
    static constexpr unsigned k_irq_lines = SMMU_IRQ_GPT_CFG_FAR + 1;
    std::vector<irq_out *> m_irq_ports;
    std::vector<bool> m_irq_pending, m_irq_level;
    std::vector<sc_core::sc_time> m_irq_deadline;
    std::vector<std::unique_ptr<irq_out>> m_pmcg_irq; // pmcg_irq_<g>
    void raise_line(unsigned idx);
    // PMCG register frames on pmcg_socket, and event 0 (clock cycles) counted up to
    // m_pmcg_time
    static constexpr uint64_t k_pmcg_frame = 0x20000;
    void pmcg_b_transport(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
    void pmcg_cycles(const sc_core::sc_time &now);
    static void env_pmcg_irq(void *ctx, unsigned group);
    sc_core::sc_time m_pmcg_time;
    template <typename Read, typename Write>
    void register_access(tlm::tlm_generic_payload &trans, sc_core::sc_time &delay, Read rd,
                         Write wr);
    bool m_irq_clear = false;
    sc_core::sc_event m_irq_event;

    // config.hit_copies entries, direct-mapped; off (0 or 1): one that stays empty, so that
    // the reused-hit path needs no test of its own.
    std::vector<hit_copy> m_hit_copies = std::vector<hit_copy>(1);
    uint64_t m_copy_mask = 0;                // m_hit_copies.size() - 1 (0: off)
    // The core's reuse words by TBU (smmu_reuse_words); zeros until the core exists.
    static constexpr uint64_t k_no_reuse[64] = {};
    const uint64_t *m_reuse_words = k_no_reuse;
    // The IDs of the extensions an upstream payload is looked up for (up_transport), read once:
    // a tlm_extension<T>::ID is a load through its address on each use in position-independent
    // code. Until the core exists, no payload takes the reused path (max).
    struct {
        unsigned page_request, ats, stream, bus_attr, max;
    } m_ext_ids{0, 0, 0, 0, ~0u};
    reuse_counts m_retired_reuses;           // the reuses of copies since replaced

    smmu_tlm_stats m_stats;                  // the shim's counters (core is filled on read)
    std::deque<smmu_pri_response> m_prg_responses; // PRG responses waiting for the thread
    sc_core::sc_event m_prg_event;
    bool m_warned_no_endpoint = false;

    std::deque<smmu_atc_inval> m_atc_queue;  // ATC invalidations to send (endpoint_out bound)
    sc_core::sc_event m_atc_event;

    // Timing
    std::vector<sc_core::sc_time> m_slot_free; // per walk slot: when it is free again
    bool m_multi_tbu = false;                  // transactions name a TBU (core.tbus > 1)
    std::vector<bool> m_warned_tbu;            // per upstream socket: a bad stream tbu
    std::vector<uint16_t> m_socket_tbu;        // per upstream socket: its TBU (config.tbu_map)
    // Detailed statistics
    std::vector<smmu_tlm_unit_stats> m_tbu_stats;
    std::unordered_map<uint64_t, size_t> m_stream_index; // bounded: config.stats_streams
    std::vector<smmu_tlm_stream_stats> m_streams;
    smmu_tlm_unit_stats m_other_streams;
    smmu_tlm_stats::pa_space_count m_pa_spaces[4];
    // AT
    std::vector<std::unique_ptr<at_worker>> m_workers;
    std::vector<at_worker *> m_idle_workers;
    std::vector<at_port> m_ports;
    sc_core::sc_event m_resp_event;
    bool m_resp_method = false;                // at_resp_method spawned
    // Observers (set_timeline, trace_signals): one flag gates them with the detailed
    // statistics on the translation path (observe()).
    std::unique_ptr<timeline_probe> m_tl;
    std::unique_ptr<signal_probe> m_sig;
    bool m_observe = false;
    void update_observers();
    void observe(const smmu_txn &x, const smmu_result &r, unsigned level,
                 const sc_core::sc_time &t0, bool walked, const sc_core::sc_time &queue,
                 const sc_core::sc_time &busy, const sc_core::sc_time &latency);
    void observe_record(const smmu_trace &t);
    void forward_observed(int id, tlm::tlm_generic_payload &trans, sc_core::sc_time &delay);
};

} // namespace smmuv3

#endif
