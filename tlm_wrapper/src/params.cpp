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

enum class kind { time, boolean, uint, uint_list, preset };

// The module's own parameters: a member of smmu_tlm_config each.
struct own_param {
    const char *name;
    kind k;
    sc_time smmu_tlm_config::*t;
    bool smmu_tlm_config::*b;
    unsigned smmu_tlm_config::*u;
    std::vector<uint32_t> smmu_tlm_config::*l;
    const char *unit, *meaning;
    const char *rule;         // uint, uint_list: the allowed values
    uint64_t max;             // uint, uint_list: the largest value
    bool pow2;                // uint: a power of two (or 0)
};

constexpr const char *k_time_rule =
    "a time: <number> <fs|ps|ns|us|ms|s>, or <number> cycles with clock_period set, at most 1 s";
constexpr const char *k_copies_rule = "0 (off) or a power of two up to 1048576";
constexpr const char *k_sid_rule = "comma-separated StreamIDs (0..0xffffffff), one per upstream socket";
constexpr const char *k_tbu_rule = "comma-separated TBU numbers (each < tbus), one per upstream socket";
constexpr const char *k_preset_rule = "none, mmu600-like, mmu700-like or gem5-like";
constexpr unsigned k_max_copies = 1u << 20;

#define TIME(n, f, m) {n, kind::time, &smmu_tlm_config::f, nullptr, nullptr, nullptr, "time", m, k_time_rule, 0, false}
const own_param k_own[] = {
    TIME("latency.reg", reg_latency, "added to each register access"),
    TIME("latency.tlb_hit", tlb_hit_latency,
         "added to a translation that hits the TCU's TLB (without TBU caches: every TLB hit)"),
    TIME("latency.cfg_hit", cfg_hit_latency,
         "added to a translation whose STE (and CD) hit the configuration cache"),
    TIME("latency.fetch", fetch_latency,
         "added to each table fetch, queue access and MSI, on top of the target's own delay"),
    TIME("latency.utlb_hit", utlb_hit_latency, "added to a translation that hits its TBU's micro-TLB"),
    TIME("latency.tbu_tlb_hit", tbu_tlb_hit_latency, "added to a translation that hits its TBU's main TLB"),
    TIME("latency.dti", dti_latency,
         "TBU -> TCU request and response (DTI), added to every translation no TBU cache served"),
    TIME("latency.wc_hit", wc_hit_latency, "added for each walk-cache (and IPA-cache) hit of a walk"),
    TIME("clock_period", clock_period,
         "the clock of \"<n> cycles\" values and of the latency histograms (0: none, 1 ns resolution)"),
    {"walk_slots", kind::uint, nullptr, nullptr, &smmu_tlm_config::walk_slots, nullptr, "walks",
     "page-table walks in progress at a time; more wait for a slot (0: no limit)", "0..4096", 4096, false},
    TIME("irq_pulse", irq_pulse, "width of an interrupt pulse (0: one delta cycle)"),
    {"walk_via_downstream", kind::boolean, nullptr, &smmu_tlm_config::walk_via_downstream, nullptr,
     nullptr, "", "send table fetches, queue accesses and MSIs on downstream instead of walk",
     "true or false", 0, false},
    {"hit_copies", kind::uint, nullptr, nullptr, &smmu_tlm_config::hit_copies, nullptr, "entries",
     "copies of recent TLB-hit results the module reuses (host speed only; results are the same)",
     k_copies_rule, k_max_copies, true},
    {"default_sid", kind::uint_list, nullptr, nullptr, nullptr, &smmu_tlm_config::default_sid, "",
     "StreamID of traffic without a stream_extension, by upstream socket index (missing: 0)",
     k_sid_rule, UINT32_MAX, false},
    {"tbu_map", kind::uint_list, nullptr, nullptr, nullptr, &smmu_tlm_config::tbu_map, "",
     "TBU of the traffic of each upstream socket index (missing: 0; stream_extension.tbu overrides)",
     k_tbu_rule, 63, false},
    {"stats.detailed", kind::boolean, nullptr, &smmu_tlm_config::detailed_stats, nullptr, nullptr, "",
     "per-TBU and per-stream statistics with latency distributions (host cost on every access)",
     "true or false", 0, false},
    {"stats.streams", kind::uint, nullptr, nullptr, &smmu_tlm_config::stats_streams, nullptr, "streams",
     "streams counted one by one in the detailed statistics; the rest count as \"other\"",
     "0..65536", 65536, false},
    {"preset", kind::preset, nullptr, nullptr, nullptr, nullptr, "",
     "cache sizes and latencies like a known SMMU (docs/exploration.md), applied before the other "
     "parameters (after clock_period)", k_preset_rule, 0, false},
};
#undef TIME

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
    case kind::uint_list: return "uint list";
    case kind::preset: return "enum";
    }
    return "?";
}

const char *rule_of(const own_param &p)
{
    return p.rule;
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

bool uint_ok(const own_param &p, uint64_t v)
{
    return v <= p.max && (!p.pow2 || (v & (v - 1)) == 0);
}

// "<number> cycles" (or "cycle"): that many periods of clock_period, which must be set.
bool parse_cycles(const std::string &s, const sc_time &period, sc_time *out)
{
    const size_t sp = s.find_first_not_of("0123456789");
    if (sp == 0 || sp == std::string::npos || period == sc_core::SC_ZERO_TIME)
        return false;
    size_t i = sp;
    while (i < s.size() && s[i] == ' ')
        i++;
    const std::string unit = s.substr(i);
    uint64_t n;
    if ((unit != "cycles" && unit != "cycle") || !parse_uint(s.substr(0, sp), 1u << 30, &n))
        return false;
    const sc_time t = period * static_cast<double>(n);
    if (t > sc_time(1, sc_core::SC_SEC))
        return false;
    *out = t;
    return true;
}

// Presets (docs/exploration.md "Presets", with the source of each value). Cycles are of
// cfg.clock_period, or of 1 ns (which then becomes the clock) when none is set.
struct preset_values {
    const char *name;
    unsigned utlb, utlb_ways, tbu_tlb, tbu_tlb_ways, tlb, tlb_ways, cfg, cfg_ways;
    unsigned wc[6]; // s1 l0..l2, s2 l0..l2
    unsigned wc_ways, ipa, ipa_ways, walk_slots;
    unsigned c_utlb, c_tbu_tlb, c_dti, c_tlb, c_cfg, c_wc, c_fetch; // latencies, cycles
};

const preset_values k_presets[] = {
    // MMU-600: TCU sizes of a public integration (Intel Agilex 5 HPS TRM, "MMU-600 TCU
    // Hardware Configuration"); TBU sizes, walk slots and every latency are estimates.
    {"mmu600-like", 32, 0, 512, 4, 256, 4, 256, 4, {256, 256, 256, 256, 256, 256}, 4, 0, 0, 16,
     1, 3, 16, 4, 4, 4, 0},
    // MMU-700: no public sizes found; every value is an estimate (larger than MMU-600).
    {"mmu700-like", 64, 0, 2048, 4, 1024, 4, 512, 4, {512, 512, 512, 512, 512, 512}, 4, 128, 4, 32,
     1, 3, 12, 4, 4, 4, 0},
    // gem5 src/dev/arm/SMMUv3.py defaults (SMMUv3DeviceInterface: micro-TLB, main TLB; SMMUv3:
    // TLB disabled, config cache, walk caches, ptw_slots, ifc_smmu_lat + smmu_ifc_lat)
    {"gem5-like", 32, 0, 2048, 4, 0, 0, 64, 4, {4, 28, 348, 4, 28, 92}, 4, 0, 0, 16,
     1, 3, 16, 3, 3, 4, 0},
};

bool apply_preset(smmu_tlm_config &cfg, const std::string &name)
{
    if (name == "none") {
        cfg.preset.clear();
        return true;
    }
    for (const preset_values &v : k_presets) {
        if (name != v.name)
            continue;
        smmu_config &c = cfg.core;
        c.utlb_entries = v.utlb;
        c.utlb_ways = v.utlb_ways;
        c.tbu_tlb_entries = v.tbu_tlb;
        c.tbu_tlb_ways = v.tbu_tlb_ways;
        c.tlb_entries = v.tlb;
        c.tlb_ways = v.tlb_ways;
        c.cfg_entries = v.cfg;
        c.cfg_ways = v.cfg_ways;
        c.wc_s1_l0_entries = v.wc[0];
        c.wc_s1_l1_entries = v.wc[1];
        c.wc_s1_l2_entries = v.wc[2];
        c.wc_s2_l0_entries = v.wc[3];
        c.wc_s2_l1_entries = v.wc[4];
        c.wc_s2_l2_entries = v.wc[5];
        c.wc_ways = v.wc_ways;
        c.ipa_cache_entries = v.ipa;
        c.ipa_cache_ways = v.ipa_ways;
        cfg.walk_slots = v.walk_slots;
        if (cfg.clock_period == sc_core::SC_ZERO_TIME)
            cfg.clock_period = sc_time(1, sc_core::SC_NS);
        const sc_time clk = cfg.clock_period;
        cfg.utlb_hit_latency = clk * v.c_utlb;
        cfg.tbu_tlb_hit_latency = clk * v.c_tbu_tlb;
        cfg.dti_latency = clk * v.c_dti;
        cfg.tlb_hit_latency = clk * v.c_tlb;
        cfg.cfg_hit_latency = clk * v.c_cfg;
        cfg.wc_hit_latency = clk * v.c_wc;
        cfg.fetch_latency = clk * v.c_fetch;
        cfg.preset = v.name;
        return true;
    }
    return false;
}

std::string get_own(const smmu_tlm_config &cfg, const own_param &p)
{
    switch (p.k) {
    case kind::time: return (cfg.*p.t).to_string();
    case kind::boolean: return cfg.*p.b ? "true" : "false";
    case kind::uint: return std::to_string(cfg.*p.u);
    case kind::uint_list: {
        std::string s;
        for (uint32_t v : cfg.*p.l)
            s += (s.empty() ? "" : ",") + (p.l == &smmu_tlm_config::default_sid ? hex(v) : std::to_string(v));
        return s;
    }
    case kind::preset: return cfg.preset.empty() ? "none" : cfg.preset;
    }
    return "";
}

// Parse into cfg; false if value does not parse or is out of range.
bool set_own(smmu_tlm_config &cfg, const own_param &p, const std::string &value)
{
    switch (p.k) {
    case kind::time:
        return parse_time(value, &(cfg.*p.t)) ||
               (p.t != &smmu_tlm_config::clock_period &&
                parse_cycles(value, cfg.clock_period, &(cfg.*p.t)));
    case kind::boolean:
        if (value != "true" && value != "false" && value != "1" && value != "0")
            return false;
        cfg.*p.b = value == "true" || value == "1";
        return true;
    case kind::uint: {
        uint64_t v;
        if (!parse_uint(value, p.max, &v) || !uint_ok(p, v))
            return false;
        cfg.*p.u = static_cast<unsigned>(v);
        return true;
    }
    case kind::uint_list: {
        std::vector<uint32_t> items;
        size_t start = 0;
        while (start < value.size()) {
            size_t comma = value.find(',', start);
            if (comma == std::string::npos)
                comma = value.size();
            std::string item = value.substr(start, comma - start);
            while (!item.empty() && item.front() == ' ')
                item.erase(0, 1);
            uint64_t v;
            if (!parse_uint(item, p.max, &v))
                return false;
            items.push_back(static_cast<uint32_t>(v));
            start = comma + 1;
            if (comma + 1 == value.size())
                return false; // a trailing comma
        }
        cfg.*p.l = std::move(items);
        return true;
    }
    case kind::preset: return apply_preset(cfg, value);
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

bool smmu_tlm_own_config_check(const smmu_tlm_config &cfg, std::string *err)
{
    // The module's own ranges (for fields set directly in C++)
    for (const own_param &p : k_own) {
        bool ok = true;
        if (p.k == kind::time)
            ok = cfg.*p.t <= sc_time(1, sc_core::SC_SEC);
        else if (p.k == kind::uint)
            ok = uint_ok(p, cfg.*p.u);
        if (!ok) {
            if (err)
                *err = std::string(p.name) + " " + get_own(cfg, p) + ": must be " + rule_of(p);
            return false;
        }
    }
    for (size_t i = 0; i < cfg.tbu_map.size(); i++)
        if (cfg.tbu_map[i] >= cfg.core.tbus) {
            if (err)
                *err = "tbu_map " + get_own(cfg, *find_own("tbu_map")) + ": entry " +
                       std::to_string(i) + " is TBU " + std::to_string(cfg.tbu_map[i]) +
                       ", but tbus is " + std::to_string(cfg.core.tbus);
            return false;
        }
    return true;
}

bool smmu_tlm_config_check(const smmu_tlm_config &cfg, std::string *err)
{
    // The module's own rules, then the core's
    if (!smmu_tlm_own_config_check(cfg, err))
        return false;
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
    // clock_period first (cycles are converted with it), then the preset, then the rest: an
    // explicit parameter overrides the preset's value whatever the order given
    auto values = src.values_under(prefix);
    auto rank = [&](const std::string &full) {
        const std::string name = full.substr(prefix.size());
        return name == "clock_period" ? 0 : name == "preset" ? 1 : 2;
    };
    std::stable_sort(values.begin(), values.end(),
                     [&](const auto &a, const auto &b) { return rank(a.first) < rank(b.first); });
    for (const auto &[full, v] : values) {
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
