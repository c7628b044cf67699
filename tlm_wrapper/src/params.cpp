// SPDX-License-Identifier: Apache-2.0
//
// Parameters of smmu_tlm by name (params.h): the module's own table, and the core's
// (core/src/params.c) for every smmu_config field.
#include "smmuv3/tlm/params.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

extern "C" {
#include "edit_distance.h" // core/src/text: internal, header-only
}

namespace smmuv3 {

using sc_core::sc_time;

namespace {

enum class kind { time, boolean, uint, sid_list };

// The module's own parameters: a member of smmu_tlm_config each.
struct own_param {
    const char *name;
    kind k;
    sc_time smmu_tlm_config::*t;
    bool smmu_tlm_config::*b;
    unsigned smmu_tlm_config::*u;
    const char *unit, *meaning;
};

constexpr const char *k_time_rule = "a time: <number> <fs|ps|ns|us|ms|s>, at most 1 s";
constexpr const char *k_copies_rule = "0 (off) or a power of two up to 1048576";
constexpr const char *k_sid_rule = "comma-separated StreamIDs (0..0xffffffff), one per upstream socket";
constexpr unsigned k_max_copies = 1u << 20;

const own_param k_own[] = {
    {"latency.reg", kind::time, &smmu_tlm_config::reg_latency, nullptr, nullptr, "time",
     "added to each register access"},
    {"latency.tlb_hit", kind::time, &smmu_tlm_config::tlb_hit_latency, nullptr, nullptr, "time",
     "added to a translation that hits the TLB"},
    {"latency.cfg_hit", kind::time, &smmu_tlm_config::cfg_hit_latency, nullptr, nullptr, "time",
     "added to a translation whose STE (and CD) hit the configuration cache"},
    {"latency.fetch", kind::time, &smmu_tlm_config::fetch_latency, nullptr, nullptr, "time",
     "added to each table fetch, queue access and MSI, on top of the target's own delay"},
    {"irq_pulse", kind::time, &smmu_tlm_config::irq_pulse, nullptr, nullptr, "time",
     "width of an interrupt pulse (0: one delta cycle)"},
    {"walk_via_downstream", kind::boolean, nullptr, &smmu_tlm_config::walk_via_downstream, nullptr, "",
     "send table fetches, queue accesses and MSIs on downstream instead of walk"},
    {"hit_copies", kind::uint, nullptr, nullptr, &smmu_tlm_config::hit_copies, "entries",
     "copies of recent TLB-hit results the module reuses (host speed only; results are the same)"},
    {"default_sid", kind::sid_list, nullptr, nullptr, nullptr, "",
     "StreamID of traffic without a stream_extension, by upstream socket index (missing: 0)"},
};

const own_param *find_own(const std::string &name)
{
    for (const own_param &p : k_own)
        if (name == p.name)
            return &p;
    return nullptr;
}

const char *type_name(kind k)
{
    switch (k) {
    case kind::time: return "time";
    case kind::boolean: return "bool";
    case kind::uint: return "uint";
    case kind::sid_list: return "uint list";
    }
    return "?";
}

const char *rule_of(const own_param &p)
{
    switch (p.k) {
    case kind::time: return k_time_rule;
    case kind::boolean: return "true or false";
    case kind::uint: return k_copies_rule;
    case kind::sid_list: return k_sid_rule;
    }
    return "?";
}

// Decimal or 0x-prefixed hexadecimal, as the core accepts (smmu_config_set).
bool parse_uint(const std::string &s, uint64_t max, uint64_t *out)
{
    size_t i = 0;
    unsigned base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    }
    if (i == s.size())
        return false;
    uint64_t v = 0;
    for (; i < s.size(); i++) {
        const char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = static_cast<unsigned>(c - 'A' + 10);
        else
            return false;
        if (v > (max - d) / base)
            return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

// "<digits>[.<digits>] <unit>" (the space optional), or "0". At most 1 s.
bool parse_time(const std::string &s, sc_time *out)
{
    if (s == "0") {
        *out = sc_core::SC_ZERO_TIME;
        return true;
    }
    size_t i = 0;
    double v = 0, scale = 1;
    bool digits = false, frac = false;
    for (; i < s.size(); i++) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits = true;
            if (frac)
                v += (scale /= 10) * (c - '0');
            else if (v < 1e12)
                v = v * 10 + (c - '0');
            else
                return false;
        } else if (c == '.' && !frac) {
            frac = true;
        } else {
            break;
        }
    }
    if (!digits)
        return false;
    while (i < s.size() && s[i] == ' ')
        i++;
    static const struct {
        const char *name;
        sc_core::sc_time_unit unit;
        double seconds;
    } units[] = {{"fs", sc_core::SC_FS, 1e-15}, {"ps", sc_core::SC_PS, 1e-12}, {"ns", sc_core::SC_NS, 1e-9},
                 {"us", sc_core::SC_US, 1e-6},  {"ms", sc_core::SC_MS, 1e-3},  {"s", sc_core::SC_SEC, 1}};
    for (const auto &u : units)
        if (s.compare(i, std::string::npos, u.name) == 0) {
            if (v * u.seconds > 1)
                return false;
            *out = sc_time(v, u.unit);
            return true;
        }
    return false;
}

std::string hex(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof(b), "0x%" PRIx64, v);
    return b;
}

bool copies_ok(unsigned n)
{
    return n <= k_max_copies && (n & (n - 1)) == 0;
}

std::string get_own(const smmu_tlm_config &cfg, const own_param &p)
{
    switch (p.k) {
    case kind::time: return (cfg.*p.t).to_string();
    case kind::boolean: return cfg.*p.b ? "true" : "false";
    case kind::uint: return std::to_string(cfg.*p.u);
    case kind::sid_list: {
        std::string s;
        for (uint32_t sid : cfg.default_sid)
            s += (s.empty() ? "" : ",") + hex(sid);
        return s;
    }
    }
    return "";
}

// Parse into cfg; false if value does not parse or is out of range.
bool set_own(smmu_tlm_config &cfg, const own_param &p, const std::string &value)
{
    switch (p.k) {
    case kind::time: return parse_time(value, &(cfg.*p.t));
    case kind::boolean:
        if (value != "true" && value != "false" && value != "1" && value != "0")
            return false;
        cfg.*p.b = value == "true" || value == "1";
        return true;
    case kind::uint: {
        uint64_t v;
        if (!parse_uint(value, k_max_copies, &v) || !copies_ok(static_cast<unsigned>(v)))
            return false;
        cfg.*p.u = static_cast<unsigned>(v);
        return true;
    }
    case kind::sid_list: {
        std::vector<uint32_t> sids;
        size_t start = 0;
        while (start < value.size()) {
            size_t comma = value.find(',', start);
            if (comma == std::string::npos)
                comma = value.size();
            std::string item = value.substr(start, comma - start);
            while (!item.empty() && item.front() == ' ')
                item.erase(0, 1);
            uint64_t v;
            if (!parse_uint(item, UINT32_MAX, &v))
                return false;
            sids.push_back(static_cast<uint32_t>(v));
            start = comma + 1;
            if (comma + 1 == value.size())
                return false; // a trailing comma
        }
        cfg.default_sid = std::move(sids);
        return true;
    }
    }
    return false;
}

// " (did you mean <prefix><name>?)" for the nearest parameter at most 2 edits away, else "".
std::string suggestion(const std::string &prefix, const std::string &name)
{
    std::string best;
    size_t best_d = 3;
    for (const param_desc &p : smmu_tlm_params()) {
        const size_t d = smmu_edit_distance(name.c_str(), p.name.c_str());
        if (d < best_d)
            best_d = d, best = p.name;
    }
    return best.empty() ? "" : " (did you mean " + prefix + best + "?)";
}

} // namespace

std::vector<param_desc> smmu_tlm_params(const smmu_tlm_config &base)
{
    std::vector<param_desc> v;
    for (const own_param &p : k_own)
        v.push_back({p.name, type_name(p.k), get_own(base, p), rule_of(p), p.unit, p.meaning});
    for (size_t i = 0; i < smmu_param_count(); i++) {
        smmu_param_info info;
        smmu_param_describe(i, &info);
        char dflt[32] = "";
        smmu_config_get(&base.core, info.name, dflt, sizeof(dflt));
        const char *type = info.type == SMMU_PARAM_BOOL ? "bool" : info.type == SMMU_PARAM_ENUM ? "enum" : "uint";
        std::string meaning = info.reg[0] ? std::string(info.reg) + ": " + info.meaning : info.meaning;
        v.push_back({info.name, type, dflt, info.allowed, info.unit, meaning});
    }
    return v;
}

bool smmu_tlm_param_set(smmu_tlm_config &cfg, const std::string &name, const std::string &value, std::string *err)
{
    if (const own_param *p = find_own(name)) {
        smmu_tlm_config c = cfg;
        if (!set_own(c, *p, value)) {
            if (err)
                *err = name + " \"" + value + "\": must be " + rule_of(*p);
            return false;
        }
        cfg = std::move(c);
        return true;
    }
    char why[200] = "";
    if (smmu_config_set(&cfg.core, name.c_str(), value.c_str(), why, sizeof(why)) != SMMU_OK) {
        if (err)
            *err = why;
        return false;
    }
    return true;
}

bool smmu_tlm_param_get(const smmu_tlm_config &cfg, const std::string &name, std::string *value)
{
    if (const own_param *p = find_own(name)) {
        *value = get_own(cfg, *p);
        return true;
    }
    char buf[32];
    if (smmu_config_get(&cfg.core, name.c_str(), buf, sizeof(buf)) != SMMU_OK)
        return false;
    *value = buf;
    return true;
}

bool smmu_tlm_config_check(const smmu_tlm_config &cfg, std::string *err)
{
    // The module's own ranges (for fields set directly in C++), then the core's rules
    for (const own_param &p : k_own) {
        bool ok = true;
        if (p.k == kind::time)
            ok = cfg.*p.t <= sc_time(1, sc_core::SC_SEC);
        else if (p.k == kind::uint)
            ok = copies_ok(cfg.*p.u);
        if (!ok) {
            if (err)
                *err = std::string(p.name) + " " + get_own(cfg, p) + ": must be " + rule_of(p);
            return false;
        }
    }
    char why[256] = "";
    if (smmu_config_check(&cfg.core, why, sizeof(why)) != SMMU_OK) {
        if (err)
            *err = why;
        return false;
    }
    return true;
}

void param_map::set(const std::string &full_name, const std::string &value, const std::string &origin)
{
    m_values[full_name] = param_value{value, origin};
}

std::vector<std::pair<std::string, param_value>> param_map::values_under(const std::string &prefix) const
{
    std::vector<std::pair<std::string, param_value>> v;
    for (auto it = m_values.lower_bound(prefix); it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it)
        v.push_back(*it);
    return v;
}

bool configure(const std::string &instance, const param_source &src, smmu_tlm_config &cfg, std::string *err)
{
    smmu_tlm_config c = cfg;
    const std::string prefix = instance + ".";
    for (const auto &[full, v] : src.values_under(prefix)) {
        const std::string name = full.substr(prefix.size());
        std::string why, unused;
        if (!smmu_tlm_param_get(c, name, &unused)) {
            if (err)
                *err = v.origin + ": unknown parameter \"" + full + "\"" + suggestion(prefix, name);
            return false;
        }
        if (!smmu_tlm_param_set(c, name, v.value, &why)) {
            if (err)
                *err = v.origin + ": " + prefix + why;
            return false;
        }
    }
    std::string why;
    if (!smmu_tlm_config_check(c, &why)) {
        if (err)
            *err = instance + ": " + why;
        return false;
    }
    cfg = std::move(c);
    return true;
}

} // namespace smmuv3
