// SPDX-License-Identifier: Apache-2.0
#define SC_INCLUDE_DYNAMIC_PROCESSES // sc_spawn: one worker thread per outstanding access
#include "traffic_gen.h"

#include "device_access.h"

#include <algorithm>
#include <istream>
#include <sstream>

namespace smmuv3::platform {

using sc_core::sc_time;

// ---- patterns ----

const char *pattern_name(traffic_stream::pattern p)
{
    switch (p) {
    case traffic_stream::pattern::sequential: return "sequential";
    case traffic_stream::pattern::strided: return "strided";
    default: return "random";
    }
}

bool pattern_of(const std::string &name, traffic_stream::pattern *p)
{
    for (auto k : {traffic_stream::pattern::sequential, traffic_stream::pattern::strided,
                   traffic_stream::pattern::random})
        if (name == pattern_name(k)) {
            *p = k;
            return true;
        }
    return false;
}

std::string traffic_pattern::check(const std::vector<traffic_stream> &streams)
{
    uint64_t weight = 0;
    for (size_t i = 0; i < streams.size(); i++) {
        const traffic_stream &t = streams[i];
        const std::string at = "stream " + std::to_string(i) + ": ";
        if (t.size == 0 || t.size > 4096 || (t.size & (t.size - 1)))
            return at + "size " + std::to_string(t.size) + " must be a power of two up to 4096";
        if (t.span < t.size)
            return at + "span " + std::to_string(t.span) + " is smaller than one access";
        if (t.span - 1 > UINT64_MAX - t.base) // the last byte, base + span - 1, must exist
            return at + "base " + std::to_string(t.base) + " + span " + std::to_string(t.span) +
                   " passes 2^64";
        if (t.write_percent > 100)
            return at + "write_percent " + std::to_string(t.write_percent) + " is above 100";
        if (t.kind == traffic_stream::pattern::strided && t.stride == 0)
            return at + "a strided pattern needs a stride";
        weight += t.weight;
    }
    return weight ? "" : "no stream with a weight: nothing to generate";
}

traffic_pattern::traffic_pattern(std::vector<traffic_stream> streams, uint64_t seed)
    : m_streams(std::move(streams)), m_cursor(m_streams.size()),
      m_state(seed ? seed : 0x9E3779B97F4A7C15ull)
{
    for (const auto &t : m_streams)
        m_total_weight += t.weight;
}

// xorshift64* (Vigna): a full-period sequence that every platform reproduces from the seed.
uint64_t traffic_pattern::random()
{
    m_state ^= m_state >> 12;
    m_state ^= m_state << 25;
    m_state ^= m_state >> 27;
    return m_state * 0x2545F4914F6CDD1Dull;
}

traffic_access traffic_pattern::next()
{
    size_t i = 0;
    if (m_streams.size() > 1) {
        uint64_t pick = random() % m_total_weight;
        while (pick >= m_streams[i].weight)
            pick -= m_streams[i++].weight;
    }
    const traffic_stream &t = m_streams[i];
    traffic_access a;
    a.sid = t.sid;
    a.tbu = t.tbu;
    a.ssid = t.ssid;
    a.ssv = t.ssv;
    a.sec = t.sec;
    a.size = t.size;
    uint64_t slots = t.span / t.size; // size-aligned places an access can start
    cursor &c = m_cursor[i];
    switch (t.kind) {
    case traffic_stream::pattern::sequential:
        a.addr = t.base + c.off;
        c.off = (c.off + t.size) % (slots * t.size);
        break;
    case traffic_stream::pattern::strided:
        /* base, base + stride, ... while the access fits the span; then the next lap, one
         * access size further (wrapping within the stride, and to 0 when it would not fit
         * the span). c.off + t.size <= t.span always: the test cannot overflow. */
        a.addr = t.base + c.off;
        if (t.stride <= t.span - t.size - c.off) {
            c.off += t.stride;
        } else {
            c.lap = (c.lap + t.size) % t.stride;
            if (c.lap + t.size > t.span)
                c.lap = 0;
            c.off = c.lap;
        }
        break;
    default:
        a.addr = t.base + (random() % slots) * t.size;
        break;
    }
    a.write = t.write_percent && random() % 100 < t.write_percent;
    return a;
}

// ---- CSV traces ----

static bool parse_u64(const std::string &s, uint64_t *v)
{
    // digits only: stoull would take leading blanks and negate a "-" (-1 as 2^64 - 1)
    if (s.empty() || s[0] < '0' || s[0] > '9')
        return false;
    size_t used = 0;
    try {
        *v = std::stoull(s, &used, 0);
    } catch (...) {
        return false;
    }
    return used == s.size();
}

std::vector<traffic_access> parse_trace_csv(std::istream &in, std::string *err)
{
    std::vector<traffic_access> out;
    std::string line;
    unsigned n = 0;
    auto fail = [&](const std::string &why) {
        if (err)
            *err = "line " + std::to_string(n) + ": " + why;
        return std::vector<traffic_access>{};
    };
    if (!std::getline(in, line) || (++n, line.rfind("time_ns,sid,ssid,sec,addr,size,rw", 0)))
        return fail("the header must be time_ns,sid,ssid,sec,addr,size,rw");
    uint64_t last = 0;
    while (std::getline(in, line)) {
        n++;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            f.push_back(cell);
        if (f.size() != 7)
            return fail("7 fields expected, " + std::to_string(f.size()) + " found");
        traffic_access a;
        uint64_t t, sid, ssid = 0, size;
        if (!parse_u64(f[0], &t) || t < last)
            return fail("time_ns \"" + f[0] + "\" must be a number, not below the line before");
        if (!parse_u64(f[1], &sid) || sid > UINT32_MAX)
            return fail("sid \"" + f[1] + "\" is not a 32-bit number");
        if (!(f[2].empty() || f[2] == "-") && (!parse_u64(f[2], &ssid) || ssid >= (1u << 20)))
            return fail("ssid \"" + f[2] + "\" must be empty, - or below 2^20");
        if (f[3] == "ns")
            a.sec = SMMU_SEC_NS;
        else if (f[3] == "secure")
            a.sec = SMMU_SEC_SECURE;
        else if (f[3] == "realm")
            a.sec = SMMU_SEC_REALM;
        else
            return fail("sec \"" + f[3] + "\" must be ns, secure or realm");
        if (!parse_u64(f[4], &a.addr))
            return fail("addr \"" + f[4] + "\" is not a number");
        if (!parse_u64(f[5], &size) || size == 0 || size > 4096)
            return fail("size \"" + f[5] + "\" must be 1..4096");
        if (size - 1 > UINT64_MAX - a.addr)
            return fail("addr \"" + f[4] + "\" + size " + f[5] + " passes 2^64");
        if (f[6] != "r" && f[6] != "w")
            return fail("rw \"" + f[6] + "\" must be r or w");
        a.time = sc_time(static_cast<double>(t), sc_core::SC_NS);
        a.sid = static_cast<uint32_t>(sid);
        a.ssv = !(f[2].empty() || f[2] == "-");
        a.ssid = static_cast<uint32_t>(ssid);
        a.size = static_cast<unsigned>(size);
        a.write = f[6] == "w";
        out.push_back(a);
        last = t;
    }
    if (out.empty())
        return fail("no access in the trace");
    return out;
}

// ---- the module ----

traffic_gen::traffic_gen(const sc_core::sc_module_name &name, const traffic_config &cfg)
    : sc_module(name), socket("socket"), m_cfg(cfg), m_pattern(cfg.streams, cfg.seed)
{
    std::string why = cfg.outstanding ? "" : "outstanding must be at least 1";
    if (why.empty() && !cfg.streams.empty())
        why = traffic_pattern::check(cfg.streams);
    if (!why.empty()) {
        SC_REPORT_ERROR("smmuv3/traffic_gen", (std::string(this->name()) + ": " + why).c_str());
        return;
    }
    for (unsigned i = 0; i < cfg.outstanding; i++)
        sc_core::sc_spawn([this] { worker(); }, sc_core::sc_gen_unique_name("worker"));
    m_running = cfg.outstanding;
    m_started = !cfg.wait_for_start;
}

void traffic_gen::start()
{
    m_started = true;
    m_t0 = sc_core::sc_time_stamp();
    m_start.notify(sc_core::SC_ZERO_TIME);
}

void traffic_gen::replay(std::vector<traffic_access> trace)
{
    m_trace = std::move(trace);
    m_replay = true;
}

// The next access for a worker, in issue order; false when every one was taken.
bool traffic_gen::take(traffic_access *a)
{
    if (m_replay) {
        if (m_next >= m_trace.size())
            return false;
        *a = m_trace[m_next++];
        return true;
    }
    if (m_cfg.streams.empty() || m_next >= m_cfg.transactions)
        return false;
    m_next++;
    *a = m_pattern.next();
    return true;
}

void traffic_gen::worker()
{
    while (!m_started)
        sc_core::wait(m_start);
    traffic_access a;
    bool first = true;
    while (take(&a)) {
        if (m_replay && m_t0 + a.time > sc_core::sc_time_stamp())
            sc_core::wait(m_t0 + a.time - sc_core::sc_time_stamp());
        else if (!m_replay && !first && m_cfg.gap != sc_core::SC_ZERO_TIME)
            sc_core::wait(m_cfg.gap);
        first = false;
        issue(a);
    }
    if (--m_running == 0) {
        m_stats.finished = sc_core::sc_time_stamp();
        m_done.notify(sc_core::SC_ZERO_TIME);
    }
}

void traffic_gen::issue(const traffic_access &a)
{
    uint8_t buf[4096] = {};
    stream_extension ext;
    ext.sid = a.sid;
    ext.ssid = a.ssid;
    ext.ssv = a.ssv;
    ext.sec = a.sec;
    ext.tbu = a.tbu;
    sc_time delay = sc_core::SC_ZERO_TIME;
    tlm::tlm_response_status resp =
        device_access(socket, a.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, a.addr,
                      buf, a.size, ext, nullptr, delay);
    sc_core::wait(delay); // the access takes its annotated time
    m_stats.transactions++;
    (a.write ? m_stats.writes : m_stats.reads)++;
    m_stats.bytes += a.size;
    if (resp != tlm::TLM_OK_RESPONSE)
        m_stats.errors++;
    m_stats.latency_sum += delay;
    m_stats.latency_max = std::max(m_stats.latency_max, delay);
}

} // namespace smmuv3::platform
