// SPDX-License-Identifier: Apache-2.0
//
// The SystemC module's statistics: what the module counts per translation
// (config.detailed_stats), the snapshot smmu_tlm::stats() takes, and its writers: text, JSON and
// CSV in the format of docs/statistics.md (format "smmuv3-stats", version 1). The JSON is
// written by a small streaming writer: numbers, names and parameter values are all it holds,
// and the installed library keeps no dependency beyond the core and SystemC.
#include "smmuv3/tlm/smmu_tlm.h"
#include "smmuv3/arch.h"
#include "smmuv3/tlm/params.h"
#include "json_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace smmuv3 {

using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;

namespace {


// An event type's name; an unknown type keeps its number, so that names stay unique keys.
std::string event_key(unsigned type)
{
    const std::string name = smmu_event_name(type);
    if (name != "UNKNOWN")
        return name;
    char buf[24];
    std::snprintf(buf, sizeof(buf), "UNKNOWN 0x%02x", type);
    return buf;
}

// A time as nanoseconds, exactly (the time resolution's digits, trailing zeros dropped).
std::string ns_text(const sc_time &t)
{
    std::string s;
    json_text::append_time(s, t, json_text::k_ns_fs, json_text::resolution_fs(), true);
    return s;
}

// A JSON string literal [RFC 8259 7].
std::string quoted(const std::string &s)
{
    std::string o;
    json_text::append_string(o, s);
    return o;
}

// A streaming JSON writer: objects and arrays opened and closed in order, one member or
// element per line, indented.
class json_writer
{
public:
    explicit json_writer(std::ostream &os) : m_os(os) {}
    ~json_writer() { m_os << '\n'; }

    // Open an object ('{') or array ('['): a member of the current object named key, an
    // element of the current array (key nullptr), or the document.
    void open(char bracket, const char *key = nullptr)
    {
        next(key);
        m_os << bracket;
        m_first.push_back(true);
    }
    void close(char bracket)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty)
            newline();
        m_os << bracket;
    }
    // A member with a number, text already in JSON form (raw), a string or a bool.
    void raw(const std::string &key, const std::string &json)
    {
        next(key.c_str());
        m_os << json;
    }
    void num(const std::string &key, uint64_t v) { raw(key, std::to_string(v)); }
    void ns(const std::string &key, const sc_time &t) { raw(key, ns_text(t)); }
    void str(const std::string &key, const std::string &v) { raw(key, quoted(v)); }
    void boolean(const std::string &key, bool v) { raw(key, v ? "true" : "false"); }

private:
    void newline()
    {
        m_os << '\n';
        for (size_t i = 0; i < m_first.size(); i++)
            m_os << "  ";
    }
    void next(const char *key)
    {
        if (m_first.empty())
            return; // the document
        if (!m_first.back())
            m_os << ',';
        m_first.back() = false;
        newline();
        if (key)
            m_os << quoted(key) << ": ";
    }

    std::ostream &m_os;
    std::vector<bool> m_first; // per open container: nothing written in it yet
};

// A unit's members (docs/statistics.md), in the object already open.
void unit_json(json_writer &w, const smmu_tlm_unit_stats &u)
{
    w.num("transactions", u.transactions);
    w.num("bytes", u.bytes);
    w.num("utlb_hits", u.utlb_hits);
    w.num("tbu_tlb_hits", u.tbu_tlb_hits);
    w.num("tcu_tlb_hits", u.tcu_tlb_hits);
    w.num("misses", u.misses);
    w.num("cfg_hits", u.cfg_hits);
    w.num("cfg_misses", u.cfg_misses);
    w.num("walks", u.walks);
    w.num("walks_queued", u.walks_queued);
    w.ns("walk_queue_time_ns", u.walk_queue_time);
    w.ns("walk_busy_time_ns", u.walk_busy_time);
    w.num("table_fetches", u.table_fetches);
    w.open('{', "faults");
    for (const auto &[type, n] : u.faults)
        w.num(event_key(type), n);
    w.close('}');
    const smmu_tlm_latency &l = u.latency;
    w.open('{', "latency_ns");
    w.num("count", l.count);
    w.ns("min", l.count ? l.min : SC_ZERO_TIME);
    w.ns("mean", l.mean());
    w.ns("p50", l.percentile(0.5));
    w.ns("p99", l.percentile(0.99));
    w.ns("max", l.count ? l.max : SC_ZERO_TIME);
    w.close('}');
}

// One CSV row of a unit (docs/statistics.md "CSV"); ids hold no comma.
void unit_csv(std::ostream &os, const char *scope, const std::string &id,
              const smmu_tlm_unit_stats &u)
{
    const smmu_tlm_latency &l = u.latency;
    os << scope << ',' << id << ',' << u.transactions << ',' << u.bytes << ',' << u.utlb_hits
       << ',' << u.tbu_tlb_hits << ',' << u.tcu_tlb_hits << ',' << u.misses << ',' << u.cfg_hits
       << ',' << u.cfg_misses << ',' << u.walks << ',' << u.walks_queued << ','
       << ns_text(u.walk_queue_time) << ',' << u.table_fetches << ',' << u.fault_count() << ','
       << l.count << ',' << ns_text(l.count ? l.min : SC_ZERO_TIME) << ',' << ns_text(l.mean())
       << ',' << ns_text(l.percentile(0.5)) << ',' << ns_text(l.percentile(0.99)) << ','
       << ns_text(l.count ? l.max : SC_ZERO_TIME) << '\n';
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The snapshot
// ---------------------------------------------------------------------------------------------

smmu_tlm_stats smmu_tlm::stats() const
{
    smmu_tlm_stats s = m_stats;
    smmu_get_stats(m_core.get(), &s.core);
    // The reuses: those of copies since replaced, and those of the copies held
    reuse_counts reused = m_retired_reuses;
    for (const hit_copy &c : m_hit_copies)
        reused.add(c);
    s.reused_hits = reused.hits;
    s.upstream_transactions += reused.hits; // forward_reused does not count them twice
    s.core.translations += reused.hits;
    s.core.tlb_hits += reused.hits;
    s.core.cfg_hits += reused.cfg_lookups;
    s.detailed = m_cfg.detailed_stats;
    if (s.detailed) {
        s.tbus = m_tbu_stats;
        s.streams = m_streams;
        s.other_streams = m_other_streams;
        std::copy(std::begin(m_pa_spaces), std::end(m_pa_spaces), s.pa_spaces);
        s.totals = m_other_streams;
        for (const smmu_tlm_stream_stats &st : m_streams)
            s.totals.merge(st.stats);
    } else {
        s.totals = core_totals(s.core, reused.utlb_hits);
    }
    s.time = sc_core::sc_time_stamp();
    for (const param_desc &p : smmu_tlm_params(m_cfg)) // defaults of m_cfg: its values
        s.parameters.emplace_back(p.name, p.default_value);
    // PMCG counters [IHI 0070 10.5]: PMCG_EVTYPERn in page 0, PMCG_EVCNTRn in page 1
    // (RELOC_CTRS), 8 bytes apart when wider than 32 bits; a counter counts with its
    // PMCG_CNTENSET0 bit and PMCG_CR.E. Register reads have no side effect; Secure ones are not
    // RAZ while PMCG_SCR.NSRA = 0 [10.5.2.12].
    const unsigned stride = m_cfg.core.pmcg_counter_bits > 32 ? 8 : 4;
    for (unsigned g = 0; g < m_cfg.core.pmcg_groups; g++) {
        s.pmcg.emplace_back();
        uint64_t cnten = 0, cr = 0;
        smmu_pmcg_reg_read(m_core.get(), g, SMMU_PMCG_CNTENSET0, 8, SMMU_PAS_SECURE, &cnten);
        smmu_pmcg_reg_read(m_core.get(), g, SMMU_PMCG_CR, 4, SMMU_PAS_SECURE, &cr);
        for (unsigned n = 0; n < m_cfg.core.pmcg_counters; n++) {
            uint64_t type = 0, value = 0;
            smmu_pmcg_reg_read(m_core.get(), g, SMMU_PMCG_EVTYPER + 4 * n, 4, SMMU_PAS_SECURE, &type);
            smmu_pmcg_reg_read(m_core.get(), g,
                               SMMU_PMCG_PAGE1_OFFSET + SMMU_PMCG_EVCNTR + uint64_t{stride} * n,
                               stride, SMMU_PAS_SECURE, &value);
            const bool enabled = (cr & 1) && ((cnten >> n) & 1);
            s.pmcg.back().push_back({static_cast<unsigned>(type & 0xFFFF), value, enabled});
        }
    }
    return s;
}

// Totals without the detailed statistics: the counters kept for every transaction.
smmu_tlm_unit_stats smmu_tlm::core_totals(const smmu_stats &c, uint64_t reused_utlb_hits) const
{
    smmu_tlm_unit_stats u;
    u.transactions = c.translations;
    for (unsigned t = 0; t < std::max(1u, m_cfg.core.tbus); t++) {
        smmu_tbu_stats tb{};
        tb.struct_size = sizeof(tb);
        if (smmu_get_tbu_stats(m_core.get(), t, &tb) == SMMU_OK) {
            u.utlb_hits += tb.utlb_hits;
            u.tbu_tlb_hits += tb.tlb_hits;
        }
    }
    u.utlb_hits += reused_utlb_hits; // the others stand for TCU TLB hits
    const uint64_t tbu_hits = u.utlb_hits + u.tbu_tlb_hits;
    u.tcu_tlb_hits = c.tlb_hits > tbu_hits ? c.tlb_hits - tbu_hits : 0;
    u.misses = c.translations > c.tlb_hits ? c.translations - c.tlb_hits : 0;
    u.cfg_hits = c.cfg_hits;
    u.cfg_misses = c.cfg_misses;
    u.walks = c.walks;
    u.walks_queued = m_stats.walks_queued;
    u.walk_queue_time = m_stats.walk_queue_time;
    u.walk_busy_time = m_stats.walk_busy_time;
    u.table_fetches = c.table_fetches;
    for (unsigned t = 0; t < 256; t++)
        if (c.events_by_type[t])
            u.faults[t] = c.events_by_type[t];
    return u;
}

void smmu_tlm::clear_stats()
{
    smmu_clear_stats(m_core.get());
    m_stats = smmu_tlm_stats{};
    m_retired_reuses = {};
    for (hit_copy &c : m_hit_copies)
        c.uses = 0;
    const sc_time res = m_other_streams.latency.resolution;
    for (auto &u : m_tbu_stats) {
        u = smmu_tlm_unit_stats{};
        u.latency.resolution = res;
    }
    m_stream_index.clear();
    m_streams.clear();
    m_other_streams = smmu_tlm_unit_stats{};
    m_other_streams.latency.resolution = res;
    std::fill(std::begin(m_pa_spaces), std::end(m_pa_spaces), smmu_tlm_stats::pa_space_count{});
}

// ---------------------------------------------------------------------------------------------
// Detailed statistics (config.detailed_stats)
// ---------------------------------------------------------------------------------------------

// The stream's record: one per (StreamID, SubstreamID if valid, SEC_SID), the first
// config.stats_streams seen; later ones share other_streams (bounded memory).
smmu_tlm_unit_stats &smmu_tlm::stream_stats(const smmu_txn &x)
{
    const uint64_t key = x.sid | (x.ssv ? uint64_t{x.ssid} << 32 | uint64_t{1} << 52 : 0) |
                         static_cast<uint64_t>(x.sec) << 53;
    auto it = m_stream_index.find(key);
    if (it != m_stream_index.end())
        return m_streams[it->second].stats;
    if (m_streams.size() >= m_cfg.stats_streams)
        return m_other_streams;
    m_stream_index.emplace(key, m_streams.size());
    smmu_tlm_stream_stats st;
    st.sid = x.sid;
    st.ssid = x.ssv ? x.ssid : 0;
    st.ssv = x.ssv;
    st.sec = x.sec;
    st.stats.latency.resolution = m_other_streams.latency.resolution;
    m_streams.push_back(st);
    return m_streams.back().stats;
}

void smmu_tlm::record(const smmu_txn &x, const smmu_result &r, unsigned level, bool walked,
                      const sc_time &queue, const sc_time &busy, const sc_time &latency)
{
    smmu_tlm_unit_stats *units[2] = {&stream_stats(x),
                                     x.tbu < m_tbu_stats.size() ? &m_tbu_stats[x.tbu] : nullptr};
    const bool faulted = r.outcome == SMMU_XLATE_FAULT || r.outcome == SMMU_XLATE_RAZWI ||
                         r.outcome == SMMU_XLATE_STALLED;
    for (smmu_tlm_unit_stats *u : units) {
        if (!u)
            continue;
        u->transactions++;
        switch (level) {
        case SMMU_HIT_UTLB: u->utlb_hits++; break;
        case SMMU_HIT_TBU_TLB: u->tbu_tlb_hits++; break;
        case SMMU_HIT_TCU_TLB: u->tcu_tlb_hits++; break;
        default: u->misses++; break;
        }
        if (r.cfg_lookups)
            (r.cfg_hit ? u->cfg_hits : u->cfg_misses)++;
        u->table_fetches += r.fetches;
        if (faulted)
            u->faults[r.event]++;
        if (walked) {
            u->walks++;
            u->walk_busy_time += busy;
            if (queue != SC_ZERO_TIME) {
                u->walks_queued++;
                u->walk_queue_time += queue;
            }
        }
        u->latency.add(latency);
    }
}

// The TLB hit a copy stands for: its configuration from the cache, nothing fetched.
void smmu_tlm::record_reused(const smmu_txn &x, const tlm::tlm_generic_payload &t,
                             const hit_copy &c)
{
    smmu_txn rx = x;
    rx.addr = t.get_address();
    smmu_result r{};
    r.outcome = SMMU_XLATE_OK;
    r.tlb_hit = true;
    r.cfg_hit = c.cfg_lookups != 0;
    r.cfg_lookups = c.cfg_lookups;
    record(rx, r, c.level, false, SC_ZERO_TIME, SC_ZERO_TIME, c.latency);
    record_piece(rx, c.pas, t.get_data_length());
}

void smmu_tlm::record_piece(const smmu_txn &x, int pas, uint64_t bytes)
{
    stream_stats(x).bytes += bytes;
    if (x.tbu < m_tbu_stats.size())
        m_tbu_stats[x.tbu].bytes += bytes;
    if (pas >= 0 && pas < 4) {
        m_pa_spaces[pas].transactions++;
        m_pa_spaces[pas].bytes += bytes;
    }
}

void smmu_tlm_latency::add(const sc_time &t)
{
    if (buckets.empty())
        buckets.assign(k_buckets + 1, 0);
    if (count == 0 || t < min)
        min = t;
    if (count == 0 || t > max)
        max = t;
    count++;
    total += t;
    const double b = std::floor(t / resolution);
    buckets[b < k_buckets ? static_cast<size_t>(b) : k_buckets]++;
}

void smmu_tlm_latency::merge(const smmu_tlm_latency &o)
{
    if (!o.count)
        return;
    if (buckets.empty())
        buckets.assign(k_buckets + 1, 0);
    if (count == 0 || o.min < min)
        min = o.min;
    if (count == 0 || o.max > max)
        max = o.max;
    count += o.count;
    total += o.total;
    for (size_t i = 0; i < buckets.size() && i < o.buckets.size(); i++)
        buckets[i] += o.buckets[i];
}

sc_time smmu_tlm_latency::mean() const
{
    return count ? total / static_cast<double>(count) : SC_ZERO_TIME;
}

sc_time smmu_tlm_latency::percentile(double p) const
{
    if (!count)
        return SC_ZERO_TIME;
    const double want = std::ceil(p * static_cast<double>(count));
    const uint64_t rank = want < 1 ? 1 : static_cast<uint64_t>(want);
    uint64_t seen = 0;
    for (size_t i = 0; i < k_buckets; i++) {
        seen += buckets[i];
        if (seen >= rank)
            return std::max(min, std::min(max, resolution * static_cast<double>(i)));
    }
    return max;
}

uint64_t smmu_tlm_unit_stats::fault_count() const
{
    uint64_t n = 0;
    for (const auto &f : faults)
        n += f.second;
    return n;
}

void smmu_tlm_unit_stats::merge(const smmu_tlm_unit_stats &o)
{
    transactions += o.transactions;
    bytes += o.bytes;
    utlb_hits += o.utlb_hits;
    tbu_tlb_hits += o.tbu_tlb_hits;
    tcu_tlb_hits += o.tcu_tlb_hits;
    misses += o.misses;
    cfg_hits += o.cfg_hits;
    cfg_misses += o.cfg_misses;
    walks += o.walks;
    walks_queued += o.walks_queued;
    walk_queue_time += o.walk_queue_time;
    walk_busy_time += o.walk_busy_time;
    table_fetches += o.table_fetches;
    for (const auto &f : o.faults)
        faults[f.first] += f.second;
    latency.merge(o.latency);
}

// ---------------------------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------------------------

std::vector<std::pair<std::string, uint64_t>> smmu_tlm_stats::commands_by_name() const
{
    std::vector<std::pair<std::string, uint64_t>> v;
    for (unsigned op = 0; op < 256; op++) {
        uint64_t n = core.commands_by_opcode[op];
        // CMD_CFGI_STE_RANGE with Range = 31 is CMD_CFGI_ALL [IHI 0070 4.3.3]
        if (op == SMMU_CMD_CFGI_STE_RANGE) {
            n -= core.commands_cfgi_all;
            if (core.commands_cfgi_all)
                v.emplace_back("CMD_CFGI_ALL", core.commands_cfgi_all);
        }
        if (!n)
            continue;
        std::string name = smmu_command_name(op);
        if (name.compare(0, 4, "CMD_") != 0) { // reserved or IMPLEMENTATION DEFINED
            char num[8];
            std::snprintf(num, sizeof(num), " 0x%02x", op);
            name += num;
        }
        v.emplace_back(name, n);
    }
    return v;
}

std::vector<std::pair<std::string, uint64_t>> smmu_tlm_stats::events_by_name() const
{
    std::vector<std::pair<std::string, uint64_t>> v;
    for (unsigned t = 0; t < 256; t++)
        if (core.events_by_type[t])
            v.emplace_back(event_key(t), core.events_by_type[t]);
    return v;
}

void smmu_tlm_stats::write_json(std::ostream &os) const
{
    json_writer w(os);
    w.open('{');
    w.str("format", "smmuv3-stats");
    w.num("version", 1);
    w.ns("simulated_time_ns", time);
    w.boolean("detailed", detailed);
    w.open('{', "parameters");
    for (const auto &[name, value] : parameters)
        w.str(name, value);
    w.close('}');
    w.open('{', "totals");
    unit_json(w, totals);
    w.close('}');
    w.open('[', "tbus");
    for (size_t i = 0; i < tbus.size(); i++) {
        w.open('{');
        w.num("tbu", i);
        unit_json(w, tbus[i]);
        w.close('}');
    }
    w.close(']');
    w.open('[', "streams");
    for (const smmu_tlm_stream_stats &st : streams) {
        w.open('{');
        w.num("sid", st.sid);
        w.num("ssid", st.ssid);
        w.boolean("ssv", st.ssv);
        w.str("sec", json_text::space_name(st.sec));
        unit_json(w, st.stats);
        w.close('}');
    }
    w.close(']');
    w.open('{', "other_streams");
    unit_json(w, other_streams);
    w.close('}');
    w.open('{', "pa_spaces");
    for (unsigned p = 0; p < 4; p++) {
        w.open('{', json_text::space_name(p));
        w.num("transactions", pa_spaces[p].transactions);
        w.num("bytes", pa_spaces[p].bytes);
        w.close('}');
    }
    w.close('}');
    w.open('{', "commands");
    for (const auto &[name, n] : commands_by_name())
        w.num(name, n);
    w.close('}');
    w.open('{', "events");
    for (const auto &[name, n] : events_by_name())
        w.num(name, n);
    w.close('}');
    w.open('{', "core");
    w.num("translations", core.translations);
    w.num("tlb_hits", core.tlb_hits);
    w.num("tlb_misses", core.tlb_misses);
    w.num("tlb_evictions", core.tlb_evictions);
    w.num("tlb_invalidated", core.tlb_invalidated);
    w.num("cfg_hits", core.cfg_hits);
    w.num("cfg_misses", core.cfg_misses);
    w.num("cfg_invalidated", core.cfg_invalidated);
    w.num("walks", core.walks);
    w.num("table_fetches", core.table_fetches);
    w.num("commands", core.commands);
    w.num("events_recorded", core.events_recorded);
    w.num("events_dropped", core.events_dropped);
    w.close('}');
    w.open('{', "module");
    w.num("upstream_transactions", upstream_transactions);
    w.num("reused_hits", reused_hits);
    w.num("split_transactions", split_transactions);
    w.num("error_responses", error_responses);
    w.num("razwi", razwi);
    w.num("debug_transactions", debug_transactions);
    w.num("register_accesses", register_accesses);
    w.num("dmi_granted", dmi_granted);
    w.num("dmi_denied", dmi_denied);
    w.num("dmi_revoked", dmi_revoked);
    w.num("irq_pulses", irq_pulses);
    w.num("msis", msis);
    w.num("dvm_messages", dvm_messages);
    w.num("at_transactions", at_transactions);
    w.num("walks_queued", walks_queued);
    w.ns("walk_queue_time_ns", walk_queue_time);
    w.ns("walk_busy_time_ns", walk_busy_time);
    w.close('}');
    if (!pmcg.empty()) {
        w.open('[', "pmcg");
        for (size_t g = 0; g < pmcg.size(); g++) {
            w.open('{');
            w.num("group", g);
            w.open('[', "counters");
            for (const pmcg_counter &c : pmcg[g]) {
                w.open('{');
                w.num("event", c.event);
                w.num("value", c.value);
                w.boolean("enabled", c.enabled);
                w.close('}');
            }
            w.close(']');
            w.close('}');
        }
        w.close(']');
    }
    w.close('}');
}

void smmu_tlm_stats::write_csv(std::ostream &os) const
{
    os << "scope,id,transactions,bytes,utlb_hits,tbu_tlb_hits,tcu_tlb_hits,misses,cfg_hits,"
          "cfg_misses,walks,walks_queued,walk_queue_time_ns,table_fetches,faults,latency_count,"
          "latency_min_ns,latency_mean_ns,latency_p50_ns,latency_p99_ns,latency_max_ns\n";
    unit_csv(os, "total", "", totals);
    for (size_t i = 0; i < tbus.size(); i++)
        unit_csv(os, "tbu", std::to_string(i), tbus[i]);
    for (const smmu_tlm_stream_stats &st : streams)
        unit_csv(os, "stream",
                 std::to_string(st.sid) + ':' + (st.ssv ? std::to_string(st.ssid) : "-") + ':' +
                     json_text::space_name(st.sec),
                 st.stats);
    if (detailed)
        unit_csv(os, "other", "", other_streams);
}

void smmu_tlm_stats::write(std::ostream &os, stats_format format) const
{
    switch (format) {
    case stats_format::json: write_json(os); break;
    case stats_format::csv: write_csv(os); break;
    case stats_format::text: print(os); break;
    }
}

void smmu_tlm_stats::print(std::ostream &os) const
{
    auto line = [&](const std::string &name, uint64_t v) {
        os << "  " << name << ": " << v << '\n';
    };
    line("translations", core.translations);
    line("tlb_hits", core.tlb_hits);
    line("tlb_misses", core.tlb_misses);
    line("tlb_evictions", core.tlb_evictions);
    line("tlb_invalidated", core.tlb_invalidated);
    line("cfg_hits", core.cfg_hits);
    line("cfg_misses", core.cfg_misses);
    line("cfg_invalidated", core.cfg_invalidated);
    line("walks", core.walks);
    line("table_fetches", core.table_fetches);
    line("commands", core.commands);
    for (const auto &[name, n] : commands_by_name())
        line("command " + name, n);
    for (const auto &[name, n] : events_by_name())
        line("event " + name, n);
    line("events_recorded", core.events_recorded);
    line("events_dropped", core.events_dropped);
    line("upstream_transactions", upstream_transactions);
    line("reused_hits", reused_hits);
    line("split_transactions", split_transactions);
    line("error_responses", error_responses);
    line("razwi", razwi);
    line("debug_transactions", debug_transactions);
    line("register_accesses", register_accesses);
    line("dmi_granted", dmi_granted);
    line("dmi_denied", dmi_denied);
    line("dmi_revoked", dmi_revoked);
    line("irq_pulses", irq_pulses);
    line("msis", msis);
    line("dvm_messages", dvm_messages);
    line("at_transactions", at_transactions);
    line("walks_queued", walks_queued);
    os << "  walk_queue_time: " << walk_queue_time << '\n';
    os << "  walk_busy_time: " << walk_busy_time << '\n';
    for (unsigned p = 0; p < 4; p++)
        if (pa_spaces[p].transactions)
            os << "  pa space " << json_text::space_name(p) << ": " << pa_spaces[p].transactions
               << " transactions, " << pa_spaces[p].bytes << " bytes\n";
    for (size_t i = 0; i < tbus.size(); i++) {
        os << "  tbu " << i << ":\n";
        tbus[i].print(os, "    ");
    }
    for (const smmu_tlm_stream_stats &st : streams) {
        char name[96], ssid[24] = "";
        if (st.ssv)
            std::snprintf(ssid, sizeof(ssid), " ssid 0x%x", static_cast<unsigned>(st.ssid));
        std::snprintf(name, sizeof(name), "  stream sid 0x%x%s %s:\n",
                      static_cast<unsigned>(st.sid), ssid,
                      st.sec == SMMU_SEC_SECURE  ? "Secure"
                      : st.sec == SMMU_SEC_REALM ? "Realm"
                                                 : "Non-secure");
        os << name;
        st.stats.print(os, "    ");
    }
    if (other_streams.transactions) {
        os << "  other streams:\n";
        other_streams.print(os, "    ");
    }
}

void smmu_tlm_unit_stats::print(std::ostream &os, const std::string &indent) const
{
    os << indent << "transactions: " << transactions << '\n'
       << indent << "bytes: " << bytes << '\n'
       << indent << "utlb_hits: " << utlb_hits << '\n'
       << indent << "tbu_tlb_hits: " << tbu_tlb_hits << '\n'
       << indent << "tcu_tlb_hits: " << tcu_tlb_hits << '\n'
       << indent << "misses: " << misses << '\n'
       << indent << "cfg_hits: " << cfg_hits << '\n'
       << indent << "cfg_misses: " << cfg_misses << '\n'
       << indent << "walks: " << walks << '\n'
       << indent << "walks_queued: " << walks_queued << '\n'
       << indent << "walk_queue_time: " << walk_queue_time << '\n'
       << indent << "walk_busy_time: " << walk_busy_time << '\n'
       << indent << "table_fetches: " << table_fetches << '\n';
    for (const auto &[type, n] : faults)
        os << indent << "fault " << event_key(type) << ": " << n << '\n';
    if (latency.count)
        os << indent << "latency: min " << latency.min << ", mean " << latency.mean() << ", p50 "
           << latency.percentile(0.5) << ", p99 " << latency.percentile(0.99) << ", max "
           << latency.max << " (resolution " << latency.resolution << ")\n";
}

std::ostream &operator<<(std::ostream &os, const smmu_tlm_stats &stats)
{
    stats.print(os);
    return os;
}

} // namespace smmuv3
