// SPDX-License-Identifier: Apache-2.0
//
// Timelines: the Trace Event JSON writer (smmuv3/tlm/timeline.h) and what an smmu_tlm reports
// into it (timeline_probe.h; docs/observability.md).
#include "smmuv3/tlm/timeline.h"
#include "json_text.h"
#include "timeline_probe.h"

#include "smmuv3/arch.h"
#include "smmuv3/tlm/extensions.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ostream>

namespace smmuv3 {

using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;

namespace {

void append_hex(std::string &out, uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    char b[18];
    char *p = b + sizeof(b);
    do {
        *--p = digits[v & 15];
        v >>= 4;
    } while (v);
    *--p = 'x';
    *--p = '0';
    out.append(p, static_cast<size_t>(b + sizeof(b) - p));
}

// t as a decimal number of unit_fs units, exactly: digits down to picoseconds with a time
// resolution of 1 ps or coarser, to femtoseconds with a finer one.
void append_fixed(std::string &out, const sc_time &t, uint64_t unit_fs)
{
    json_text::append_time(out, t, unit_fs, json_text::resolution_fs() >= 1000 ? 1000 : 1, false);
}

using json_text::append_dec;
using json_text::k_ns_fs;
using json_text::k_us_fs;

const char *hit_name(unsigned level)
{
    switch (level) {
    case SMMU_HIT_UTLB: return "utlb";
    case SMMU_HIT_TBU_TLB: return "tbu_tlb";
    case SMMU_HIT_TCU_TLB: return "tcu_tlb";
    default: return "none";
    }
}

const char *outcome_name(smmu_outcome o)
{
    switch (o) {
    case SMMU_XLATE_OK: return "OK";
    case SMMU_XLATE_BYPASS: return "BYPASS";
    case SMMU_XLATE_ABORT: return "ABORT";
    case SMMU_XLATE_FAULT: return "FAULT";
    case SMMU_XLATE_RAZWI: return "RAZWI";
    case SMMU_XLATE_STALLED: return "STALLED";
    }
    return "?";
}

// The command error of a COMMAND record [IHI 0070 4.1.3, 7.1]
const char *command_outcome(unsigned outcome)
{
    static const char *const names[] = {"consumed", "CERROR_ILL", "CERROR_ABT",
                                        "CERROR_ATC_INV_SYNC"};
    return outcome < 4 ? names[outcome] : "CERROR";
}

bool starts_with(const char *s, const char *prefix)
{
    return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// timeline_args
// ---------------------------------------------------------------------------------------------

void timeline_args::key(const char *k)
{
    if (!m_body.empty())
        m_body += ',';
    json_text::append_string(m_body, k);
    m_body += ':';
}

timeline_args &timeline_args::num(const char *k, uint64_t v)
{
    key(k);
    append_dec(m_body, v);
    return *this;
}

timeline_args &timeline_args::hex(const char *k, uint64_t v)
{
    key(k);
    m_body += '"';
    append_hex(m_body, v);
    m_body += '"';
    return *this;
}

timeline_args &timeline_args::str(const char *k, const char *v)
{
    key(k);
    json_text::append_string(m_body, v ? v : "");
    return *this;
}

timeline_args &timeline_args::flag(const char *k, bool v)
{
    key(k);
    m_body += v ? "true" : "false";
    return *this;
}

timeline_args &timeline_args::time_ns(const char *k, const sc_time &t)
{
    key(k);
    append_fixed(m_body, t, k_ns_fs);
    return *this;
}

// ---------------------------------------------------------------------------------------------
// timeline: the writer
// ---------------------------------------------------------------------------------------------

timeline::timeline(std::ostream &os) : m_os(&os)
{
    *m_os << "[\n";
}

timeline::~timeline()
{
    finish();
}

void timeline::finish()
{
    if (!m_os)
        return;
    *m_os << "\n]\n";
    m_os->flush();
    m_os = nullptr;
}

std::string timeline::format_ts(const sc_time &t)
{
    std::string s;
    append_fixed(s, t, k_us_fs);
    return s;
}

void timeline::metadata(const char *what, unsigned pid, unsigned tid, const char *key,
                        const std::string &value, bool number)
{
    if (!m_os)
        return;
    m_line.clear();
    if (m_events)
        m_line += ",\n";
    char b[96];
    std::snprintf(b, sizeof(b),
                  "{\"ph\":\"M\",\"pid\":%u,\"tid\":%u,\"name\":\"%s\",\"args\":{\"%s\":", pid,
                  tid, what, key);
    m_line += b;
    if (number)
        m_line += value;
    else
        json_text::append_string(m_line, value.c_str());
    m_line += "}}";
    m_os->write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    m_events++;
}

unsigned timeline::add_process(const std::string &name)
{
    const unsigned pid = ++m_pids;
    metadata("process_name", pid, 0, "name", name, false);
    return pid;
}

timeline::track timeline::add_track(unsigned pid, const std::string &name, int sort_index)
{
    track t{pid, ++m_tids};
    metadata("thread_name", pid, t.tid, "name", name, false);
    metadata("thread_sort_index", pid, t.tid, "sort_index", std::to_string(sort_index), true);
    return t;
}

void timeline::begin(const char *ph, const track &tr, const sc_time &ts)
{
    m_line.clear();
    if (m_events)
        m_line += ",\n";
    m_line += "{\"ph\":\"";
    m_line += ph;
    m_line += "\",\"pid\":";
    append_dec(m_line, tr.pid);
    m_line += ",\"tid\":";
    append_dec(m_line, tr.tid);
    m_line += ",\"ts\":";
    append_fixed(m_line, ts, k_us_fs);
}

void timeline::end(const timeline_args *args)
{
    if (args && !args->empty()) {
        m_line += ",\"args\":{";
        m_line += args->body();
        m_line += '}';
    }
    m_line += '}';
    m_os->write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    m_events++;
}

void timeline::slice(const track &tr, const char *name, const char *cat, const sc_time &b,
                     const sc_time &e, const timeline_args *args)
{
    if (!m_os)
        return;
    begin("X", tr, b);
    m_line += ",\"dur\":";
    append_fixed(m_line, e > b ? e - b : SC_ZERO_TIME, k_us_fs);
    m_line += ",\"name\":";
    json_text::append_string(m_line, name);
    m_line += ",\"cat\":";
    json_text::append_string(m_line, cat);
    end(args);
}

void timeline::instant(const track &tr, const char *name, const char *cat, const sc_time &at,
                       const timeline_args *args)
{
    if (!m_os)
        return;
    begin("i", tr, at);
    m_line += ",\"s\":\"t\",\"name\":";
    json_text::append_string(m_line, name);
    m_line += ",\"cat\":";
    json_text::append_string(m_line, cat);
    end(args);
}

// Flow v1 events: "s" binds to the slice enclosing it, "f" with "bp":"e" to the slice
// enclosing it (rather than the next one); name, cat and id pair them.
void timeline::flow_out(const track &tr, uint64_t id, const sc_time &at)
{
    if (!m_os)
        return;
    begin("s", tr, at);
    char b[64];
    std::snprintf(b, sizeof(b), ",\"id\":%" PRIu64 ",\"name\":\"sync\",\"cat\":\"flow\"", id);
    m_line += b;
    end(nullptr);
}

void timeline::flow_in(const track &tr, uint64_t id, const sc_time &at)
{
    if (!m_os)
        return;
    begin("f", tr, at);
    char b[80];
    std::snprintf(b, sizeof(b),
                  ",\"bp\":\"e\",\"id\":%" PRIu64 ",\"name\":\"sync\",\"cat\":\"flow\"", id);
    m_line += b;
    end(nullptr);
}

// ---------------------------------------------------------------------------------------------
// timeline_probe: what smmu_tlm reports
// ---------------------------------------------------------------------------------------------

timeline_probe::timeline_probe(timeline &tl, const std::string &module_name)
    : m_tl(tl), m_pid(tl.add_process(module_name)), m_name(module_name)
{
    m_walker.name = "walker";
    m_walker.sort = 10000;
    m_cmdq.resize(k_banks);
    m_evtq.resize(k_banks);
}

timeline_probe::context *timeline_probe::find_ctx()
{
    const void *proc = sc_core::sc_get_current_process_b();
    for (context &c : m_ctx)
        if (c.proc == proc && (c.upstream || c.translating))
            return &c;
    return nullptr;
}

// The context of the current process: its own, else an idle one, else a new one (as many as
// processes are inside the module at a time).
timeline_probe::context &timeline_probe::ctx()
{
    if (context *c = find_ctx())
        return *c;
    const void *proc = sc_core::sc_get_current_process_b();
    for (context &c : m_ctx)
        if (!c.upstream && !c.translating) {
            c.proc = proc;
            return c;
        }
    m_ctx.emplace_back();
    m_ctx.back().proc = proc;
    m_ctx.back().fetches.reserve(16);
    return m_ctx.back();
}

unsigned timeline_probe::take_lane(lanes &l, const sc_time &begin, bool hold)
{
    unsigned i = 0;
    while (i < l.tracks.size() && (l.busy[i] || l.ends[i] > begin))
        i++;
    if (i == l.tracks.size()) {
        if (i < k_max_lanes) {
            const std::string name = i ? l.name + " #" + std::to_string(i + 1) : l.name;
            l.tracks.push_back(m_tl.add_track(m_pid, name, l.sort + static_cast<int>(i)));
            l.ends.push_back(SC_ZERO_TIME);
            l.busy.push_back(false);
        } else {
            i = k_max_lanes - 1; // bounded: the last lane takes the overlap
        }
    }
    if (hold)
        l.busy[i] = true;
    return i;
}

void timeline_probe::release_lane(lanes &l, unsigned lane, const sc_time &end)
{
    l.busy[lane] = false;
    l.ends[lane] = std::max(l.ends[lane], end);
}

timeline_probe::lanes &timeline_probe::upstream_lanes(int socket)
{
    const auto idx = static_cast<size_t>(socket < 0 ? 0 : socket);
    while (m_upstream.size() <= idx) {
        lanes l;
        l.name = "upstream " + std::to_string(m_upstream.size());
        l.sort = 1000 + static_cast<int>(m_upstream.size()) * static_cast<int>(k_max_lanes);
        m_upstream.push_back(std::move(l));
    }
    return m_upstream[idx];
}

const timeline::track &timeline_probe::bank_track(std::vector<timeline::track> &v,
                                                  const char *what, unsigned bank, int sort)
{
    return lazy_track(v[bank < k_banks ? bank : 0],
                      std::string(what) + " " + json_text::space_name(bank),
                      sort);
}

// A track made when first used, so that a run shows only the tracks it has events on.
const timeline::track &timeline_probe::lazy_track(timeline::track &t, const std::string &name,
                                                  int sort)
{
    if (!t.pid)
        t = m_tl.add_track(m_pid, name, sort);
    return t;
}

void timeline_probe::txn_begin(int socket, const sc_time &arrival)
{
    context &c = ctx();
    c.upstream = true;
    c.socket = socket;
    c.arrival = arrival;
    c.have = false;
    c.translations = 0;
    c.lane = take_lane(upstream_lanes(socket), arrival, true);
}

void timeline_probe::txn_end(const tlm::tlm_generic_payload &t, const sc_time &end)
{
    context *cp = find_ctx();
    if (!cp || !cp->upstream)
        return;
    context &c = *cp;
    lanes &l = upstream_lanes(c.socket);
    release_lane(l, c.lane, end);
    c.upstream = false;
    c.translating = false;

    // The slice's name says what happened: where it hit, a walk, or how it ended
    const smmu_result &r = c.r;
    const char *what = "untranslated";
    if (c.have) {
        switch (r.outcome) {
        case SMMU_XLATE_OK:
            what = c.level != SMMU_HIT_NONE ? hit_name(c.level)
                   : r.fetches               ? "walk"
                                             : "miss";
            break;
        case SMMU_XLATE_FAULT:
        case SMMU_XLATE_RAZWI:
        case SMMU_XLATE_STALLED: what = smmu_event_name(r.event); break;
        default: what = outcome_name(r.outcome); break;
        }
    }
    char name[64];
    std::snprintf(name, sizeof(name), "%s %s", t.is_write() ? "W" : "R", what);
    m_args.clear();
    if (c.have) {
        const smmu_txn &x = c.x;
        m_args.hex("sid", x.sid);
        if (x.ssv)
            m_args.hex("ssid", x.ssid);
        m_args.str("sec", json_text::space_name(static_cast<unsigned>(x.sec)));
        m_args.hex("addr", x.addr);
        m_args.num("size", t.get_data_length());
        if (r.outcome == SMMU_XLATE_OK || r.outcome == SMMU_XLATE_BYPASS) {
            m_args.hex("pa", r.pa);
            m_args.str("pas", pa_space_name(r.pas));
        }
        m_args.str("hit", hit_name(c.level));
        m_args.flag("tlb_hit", r.tlb_hit);
        m_args.flag("cfg_hit", r.cfg_hit);
        m_args.num("fetches", r.fetches);
        m_args.num("wc_hits", r.wc_hits);
        m_args.time_ns("latency_ns", c.latency);
        m_args.str("outcome", outcome_name(r.outcome));
        if (r.outcome == SMMU_XLATE_FAULT || r.outcome == SMMU_XLATE_RAZWI)
            m_args.str("event", smmu_event_name(r.event));
        if (c.translations > 1)
            m_args.num("translations", c.translations);
    }
    m_args.str("response", t.get_response_string().c_str());
    m_tl.slice(l.tracks[c.lane], name, "transaction", c.arrival, end, &m_args);
}

void timeline_probe::translated(const smmu_txn &x, const smmu_result &r, unsigned level,
                                const sc_time &t0, const sc_time &latency, bool walked,
                                const sc_time &queue, const sc_time &busy)
{
    context *cp = find_ctx();
    if (!cp)
        return;
    context &c = *cp;
    // The walk held its slot from t0 + queue for busy (smmu_tlm::timed_translate): its
    // fetches, timed from t0, move with it
    if (walked && c.translating)
        emit_walk(c, x, r, t0 + queue, t0 + queue + busy, queue, &queue);
    c.translating = false;
    if (!c.upstream)
        return;
    c.translations++;
    if (!c.have || c.r.outcome == SMMU_XLATE_STALLED) { // a stalled try is replaced by its retry
        c.have = true;
        c.x = x;
        c.r = r;
        c.level = level;
        c.latency = latency;
    }
}

void timeline_probe::access(uint64_t pa, size_t len, const sc_time &start, const sc_time &end)
{
    m_last_pa = pa;
    m_last_len = len;
    m_last_start = start;
    m_last_end = end;
    m_last_valid = true;
}

// The start of the access a record at `addr` reports (it was the last one), else `now`.
sc_time timeline_probe::access_start(uint64_t addr, const sc_time &now) const
{
    if (m_last_valid && addr >= m_last_pa && addr - m_last_pa < m_last_len && m_last_end == now)
        return m_last_start;
    return now;
}

void timeline_probe::emit_walk(context &c, const smmu_txn &x, const smmu_result &r,
                               const sc_time &begin, const sc_time &end, const sc_time &shift,
                               const sc_time *queue)
{
    const unsigned lane = take_lane(m_walker, begin, false);
    m_walker.ends[lane] = std::max(m_walker.ends[lane], end);
    const timeline::track &tr = m_walker.tracks[lane];
    m_args.clear();
    m_args.hex("sid", x.sid);
    if (x.ssv)
        m_args.hex("ssid", x.ssid);
    m_args.str("sec", json_text::space_name(static_cast<unsigned>(x.sec)));
    m_args.hex("addr", x.addr);
    m_args.num("fetches", r.fetches);
    m_args.num("wc_hits", r.wc_hits);
    m_args.str("outcome", outcome_name(r.outcome));
    if (queue)
        m_args.time_ns("queue_ns", *queue);
    if (c.fetches_lost)
        m_args.num("fetch_slices_lost", c.fetches_lost);
    m_tl.slice(tr, queue ? "walk" : "walk (untimed)", "walk", begin, end, &m_args);
    for (const fetch &f : c.fetches) {
        char name[32];
        const char *kind = f.kind == SMMU_TRACE_L1STD ? "L1STD"
                           : f.kind == SMMU_TRACE_STE ? "STE"
                           : f.kind == SMMU_TRACE_L1CD ? "L1CD"
                           : f.kind == SMMU_TRACE_CD   ? "CD"
                                                       : nullptr;
        m_args.clear();
        m_args.hex("addr", f.addr);
        if (kind) {
            std::snprintf(name, sizeof(name), "%s", kind);
            for (unsigned i = 0; i < f.nwords; i++) {
                char k[8];
                std::snprintf(k, sizeof(k), "w%u", i);
                m_args.hex(k, f.words[i]);
            }
        } else {
            std::snprintf(name, sizeof(name), "S%u L%d", f.stage, f.level);
            m_args.num("stage", f.stage);
            m_args.str("level", std::to_string(f.level).c_str());
            m_args.hex("desc", f.nwords ? f.words[0] : 0);
        }
        m_tl.slice(tr, name, "fetch", f.begin + shift, f.end + shift, &m_args);
    }
    c.fetches.clear();
    c.fetches_lost = 0;
}

void timeline_probe::record(const smmu_trace &t, const sc_time &now)
{
    switch (t.kind) {
    case SMMU_TRACE_TXN: {
        context &c = ctx();
        c.translating = true;
        c.txn_time = now;
        c.fetches.clear();
        c.fetches_lost = 0;
        return;
    }
    case SMMU_TRACE_L1STD:
    case SMMU_TRACE_STE:
    case SMMU_TRACE_L1CD:
    case SMMU_TRACE_CD:
    case SMMU_TRACE_DESC: {
        context *c = find_ctx();
        if (!c || !c->translating)
            return;
        if (c->fetches.size() >= k_max_fetches) {
            c->fetches_lost++;
            return;
        }
        fetch f{};
        f.kind = t.kind;
        f.stage = t.stage;
        f.level = t.level;
        f.addr = t.addr;
        f.nwords = std::min(t.nwords, 8u);
        for (unsigned i = 0; i < f.nwords; i++)
            f.words[i] = t.words[i];
        f.begin = access_start(t.addr, now);
        f.end = now;
        c->fetches.push_back(f);
        return;
    }
    case SMMU_TRACE_RESULT: {
        // An untimed translation (DMI, debug, ATS request) is shown here, at the times of its
        // records; a timed one when timed (translated()).
        context *c = find_ctx();
        if (!c || !c->translating || c->upstream)
            return;
        if (!c->fetches.empty() && t.txn && t.result)
            emit_walk(*c, *t.txn, *t.result, c->txn_time, now, SC_ZERO_TIME, nullptr);
        c->translating = false;
        return;
    }
    case SMMU_TRACE_COMMAND: command(t, now); return;
    case SMMU_TRACE_EVENT: event(t, now); return;
    }
}

// A command: a slice from the start of its fetch to its record. The invalidations since the
// queue's last CMD_SYNC get a flow arrow into the next CMD_SYNC that completes [4.7.3].
void timeline_probe::command(const smmu_trace &t, const sc_time &now)
{
    const unsigned bank = t.bank < k_banks ? static_cast<unsigned>(t.bank) : 0;
    const timeline::track &tr = bank_track(m_cmdq, "CMDQ", bank, 20000 + static_cast<int>(bank));
    const sc_time begin = std::max(access_start(t.addr, now), m_cmd_end[bank]);
    m_cmd_end[bank] = now;
    const bool read = t.nwords >= 2 && t.words;
    const char *name = read ? smmu_command_name_of(t.words) : "(command read aborted)";
    m_args.clear();
    m_args.hex("entry", t.addr);
    if (read) {
        m_args.hex("w0", t.words[0]);
        m_args.hex("w1", t.words[1]);
    }
    m_args.str("outcome", command_outcome(t.outcome));
    m_tl.slice(tr, name, "command", begin, now, &m_args);
    if (!read || t.outcome != SMMU_CERROR_NONE)
        return;
    const sc_time mid = begin + (now - begin) / 2.0;
    auto id = [&](uint64_t seq) { return uint64_t{m_pid} << 40 | seq << 2 | bank; };
    if (starts_with(name, "CMD_CFGI") || starts_with(name, "CMD_TLBI") ||
        starts_with(name, "CMD_ATC_INV")) {
        m_tl.flow_out(tr, id(m_inval_next[bank]++), mid);
    } else if (smmu_cmd_Opcode(t.words) == SMMU_CMD_SYNC) {
        for (uint64_t s = m_inval_first[bank]; s < m_inval_next[bank]; s++)
            m_tl.flow_in(tr, id(s), mid);
        m_inval_first[bank] = m_inval_next[bank];
    }
}

// An event record: an instant with the record's name and key fields [IHI 0070 7.3].
void timeline_probe::event(const smmu_trace &t, const sc_time &now)
{
    if (!t.words || t.nwords < SMMU_EVT_DWORDS)
        return;
    const unsigned bank = t.bank < k_banks ? static_cast<unsigned>(t.bank) : 0;
    const timeline::track &tr = bank_track(m_evtq, "EVTQ", bank, 20010 + static_cast<int>(bank));
    const uint64_t *w = t.words;
    const unsigned type = static_cast<unsigned>(smmu_evt_EventType(w));
    m_args.clear();
    m_args.hex("type", type);
    m_args.hex("StreamID", smmu_evt_StreamID(w));
    if (smmu_evt_SSV(w))
        m_args.hex("SubstreamID", smmu_evt_SubstreamID(w));
    // The translation faults [7.3.10-7.3.13] and the walk's external abort [7.3.12] carry the
    // input address, the access and the stage
    const bool xlate = (type >= SMMU_EVT_F_TRANSLATION && type <= SMMU_EVT_F_PERMISSION) ||
                       type == SMMU_EVT_F_WALK_EABT;
    if (xlate || type == SMMU_EVT_F_UUT || type == SMMU_EVT_F_TRANSL_FORBIDDEN ||
        type == SMMU_EVT_F_TLB_CONFLICT)
        m_args.hex("InputAddr", smmu_evt_InputAddr(w));
    if (xlate) {
        m_args.num("RnW", smmu_evt_RnW(w));
        m_args.num("S2", smmu_evt_S2(w));
        m_args.num("Stall", smmu_evt_Stall(w));
        if (smmu_evt_Stall(w))
            m_args.hex("STAG", smmu_evt_STAG(w));
    }
    m_args.hex("record", t.addr);
    for (unsigned i = 0; i < SMMU_EVT_DWORDS; i++) {
        char k[8];
        std::snprintf(k, sizeof(k), "w%u", i);
        m_args.hex(k, w[i]);
    }
    m_tl.instant(tr, smmu_event_name(type), "event", now, &m_args);
}

void timeline_probe::irq(const char *line, const sc_time &at)
{
    m_tl.instant(lazy_track(m_irq, "interrupts", 30000), line, "irq", at);
}

void timeline_probe::msi(uint64_t pa, smmu_pa_space pas, uint32_t data, const sc_time &at)
{
    m_args.clear();
    m_args.hex("addr", pa).str("pas", pa_space_name(pas)).hex("data", data);
    m_tl.instant(lazy_track(m_irq, "interrupts", 30000), "MSI", "msi", at, &m_args);
}

void timeline_probe::dmi_grant(int socket, uint32_t sid, uint64_t lo, uint64_t hi,
                               uint64_t pa_lo, bool read, bool write, const sc_time &at)
{
    m_args.clear();
    m_args.num("socket", static_cast<uint64_t>(socket)).hex("sid", sid).hex("start", lo);
    m_args.hex("end", hi).hex("pa", pa_lo).str("access", read && write ? "rw" : read ? "r" : "w");
    m_tl.instant(lazy_track(m_dmi, "DMI", 30001), "DMI grant", "dmi", at, &m_args);
}

void timeline_probe::dmi_revoke(int socket, uint32_t sid, uint64_t lo, uint64_t hi,
                                const sc_time &at)
{
    m_args.clear();
    m_args.num("socket", static_cast<uint64_t>(socket)).hex("sid", sid).hex("start", lo);
    m_args.hex("end", hi);
    m_tl.instant(lazy_track(m_dmi, "DMI", 30001), "DMI revoke", "dmi", at, &m_args);
}

} // namespace smmuv3
