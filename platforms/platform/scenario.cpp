// SPDX-License-Identifier: Apache-2.0
#include "scenario.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

#include "layout.h"
#include "smmuv3/drv.h"

namespace smmuv3::platform {

using json = nlohmann::json;

namespace {

struct parse_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string &path, const std::string &what)
{
    throw parse_error(path + ": " + what);
}

std::string hex(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof(b), "0x%" PRIx64, v);
    return b;
}

// "4 KB", "64 KB" (granules)
std::string kb(uint64_t n)
{
    return std::to_string(n >> 10) + " KB";
}

// Every key of obj must be in `allowed`; obj must be an object.
void check_keys(const json &obj, const std::string &path, std::initializer_list<const char *> allowed)
{
    if (!obj.is_object())
        fail(path, "expected an object");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool ok = false;
        for (const char *a : allowed)
            ok = ok || it.key() == a;
        if (!ok) {
            std::string list;
            for (const char *a : allowed)
                list += std::string(list.empty() ? "" : ", ") + a;
            fail(path + "." + it.key(), "unknown field (expected one of: " + list + ")");
        }
    }
}

// The values of an enumeration: the JSON keyword (and an alternative), and the name the
// platform prints.
template <typename T> struct named_value {
    T value;
    const char *key, *alias, *name;
};

const named_value<engine_kind> k_engines[] = {
    {engine_kind::ns, "ns", "non-secure", "Non-secure"},
    {engine_kind::secure, "secure", nullptr, "Secure"},
    {engine_kind::realm, "realm", nullptr, "Realm"},
    {engine_kind::pcie, "pcie", nullptr, "PCIe ATS"},
};
const named_value<translation> k_translations[] = {
    {translation::s1, "s1", nullptr, "stage 1"},
    {translation::s2, "s2", nullptr, "stage 2"},
    {translation::nested, "nested", nullptr, "nested stage 1 + stage 2"},
    {translation::bypass, "bypass", nullptr, "bypass"},
    {translation::abort, "abort", nullptr, "abort"},
};
// STE.S1DSS [IHI 0070 5.2]
const named_value<smmu_drv_s1dss> k_s1dss[] = {
    {SMMU_DRV_S1DSS_TERMINATE, "terminate", nullptr, "terminate"},
    {SMMU_DRV_S1DSS_BYPASS, "bypass", nullptr, "bypass stage 1"},
    {SMMU_DRV_S1DSS_SSID0, "ssid0", nullptr, "CD 0"},
};
const named_value<unsigned> k_gpis[] = {
    {SMMU_DRV_GPI_NS, "ns", "non-secure", "Non-secure"},
    {SMMU_DRV_GPI_SECURE, "secure", nullptr, "Secure"},
    {SMMU_DRV_GPI_REALM, "realm", nullptr, "Realm"},
    {SMMU_DRV_GPI_ROOT, "root", nullptr, "Root"},
    {SMMU_DRV_GPI_ANY, "any", nullptr, "any"},
    {SMMU_DRV_GPI_NO_ACCESS, "none", nullptr, "no access"},
};

// The value whose keyword is key; false when there is none.
template <typename T, size_t N> bool lookup_key(const named_value<T> (&table)[N], const std::string &key, T &value)
{
    for (const auto &e : table)
        if (key == e.key || (e.alias && key == e.alias)) {
            value = e.value;
            return true;
        }
    return false;
}

template <typename T, size_t N> const char *value_name(const named_value<T> (&table)[N], T value)
{
    for (const auto &e : table)
        if (e.value == value)
            return e.name;
    return "?";
}

const json &need(const json &obj, const std::string &path, const char *key)
{
    auto it = obj.find(key);
    if (it == obj.end())
        fail(path + "." + key, "missing required field");
    return *it;
}

// A number: a JSON integer, or a string "0x1000", "4096", "4K", "2M", "1G".
uint64_t to_u64(const json &v, const std::string &path)
{
    if (v.is_number_unsigned())
        return v.get<uint64_t>();
    if (v.is_number_integer())
        fail(path, "must not be negative");
    if (!v.is_string())
        fail(path, "expected a number or a \"0x...\" string");
    std::string s = v.get<std::string>();
    uint64_t mult = 1;
    if (!s.empty()) {
        switch (s.back()) {
        case 'K': case 'k': mult = 1ull << 10; break;
        case 'M': case 'm': mult = 1ull << 20; break;
        case 'G': case 'g': mult = 1ull << 30; break;
        default: break;
        }
        if (mult != 1)
            s.pop_back();
    }
    size_t used = 0;
    uint64_t n = 0;
    try {
        n = std::stoull(s, &used, 0);
    } catch (const std::exception &) {
        used = 0;
    }
    if (s.empty() || used != s.size() || s[0] == '-')
        fail(path, "\"" + v.get<std::string>() + "\" is not a number");
    if (n > UINT64_MAX / mult)
        fail(path, "value too large");
    return n * mult;
}

uint64_t get_u64(const json &obj, const std::string &path, const char *key, uint64_t dflt, bool required)
{
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required)
            fail(path + "." + key, "missing required field");
        return dflt;
    }
    return to_u64(*it, path + "." + key);
}

std::string get_str(const json &obj, const std::string &path, const char *key, const std::string &dflt,
                    bool required)
{
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required)
            fail(path + "." + key, "missing required field");
        return dflt;
    }
    if (!it->is_string())
        fail(path + "." + key, "expected a string");
    return it->get<std::string>();
}

bool get_bool(const json &obj, const std::string &path, const char *key, bool dflt)
{
    auto it = obj.find(key);
    if (it == obj.end())
        return dflt;
    if (!it->is_boolean())
        fail(path + "." + key, "expected true or false");
    return it->get<bool>();
}

// "rw", "r", "rx", "rwp" (privileged only), "rwd" (device memory), "rwn" (Realm stage 2:
// Non-secure output)
unsigned parse_perms(const std::string &s, const std::string &path)
{
    unsigned p = 0;
    for (char c : s) {
        switch (c) {
        case 'r': p |= SMMU_DRV_PROT_READ; break;
        case 'w': p |= SMMU_DRV_PROT_WRITE; break;
        case 'x': p |= SMMU_DRV_PROT_EXEC; break;
        case 'p': p |= SMMU_DRV_PROT_PRIV; break;
        case 'd': p |= SMMU_DRV_PROT_DEVICE; break;
        case 'n': p |= SMMU_DRV_PROT_NS; break;
        case '-': break;
        default: fail(path, "unknown permission '" + std::string(1, c) + "' (use r, w, x, p, d, n)");
        }
    }
    if (!(p & (SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE)))
        fail(path, "a mapping needs r or w");
    return p;
}

unsigned parse_granule(uint64_t g, const std::string &path)
{
    if (g != 4096 && g != 16384 && g != 65536)
        fail(path, "granule must be 4096, 16384 or 65536 (\"4K\", \"16K\", \"64K\")");
    return static_cast<unsigned>(g);
}

// The items of the optional array obj[key], each with its path ("devices[0].mappings[1]").
std::vector<std::pair<const json &, std::string>> array_items(const json &obj, const std::string &path,
                                                              const char *key)
{
    std::vector<std::pair<const json &, std::string>> v;
    auto it = obj.find(key);
    if (it == obj.end())
        return v;
    if (!it->is_array())
        fail(path + "." + key, "expected an array");
    for (size_t i = 0; i < it->size(); i++)
        v.emplace_back((*it)[i], path + "." + key + "[" + std::to_string(i) + "]");
    return v;
}

// One mapping of device d (translation keyword t, for messages).
mapping parse_mapping(const json &m, const std::string &mp, const device_desc &d, const std::string &t)
{
    check_keys(m, mp, {"stage", "iova", "ipa", "pa", "size", "perms", "demand"});
    mapping map;
    map.stage = static_cast<unsigned>(get_u64(m, mp, "stage", 1, false));
    if (map.stage != 1 && map.stage != 2)
        fail(mp + ".stage", "must be 1 or 2");
    // stage 2 maps an IPA: "ipa" (or "iova") is its input
    map.iova = m.contains("ipa") ? get_u64(m, mp, "ipa", 0, true) : get_u64(m, mp, "iova", 0, true);
    map.pa = get_u64(m, mp, "pa", 0, true);
    map.size = get_u64(m, mp, "size", 0, true);
    if (!map.size)
        fail(mp + ".size", "must not be 0");
    map.prot = parse_perms(get_str(m, mp, "perms", "rw", false), mp + ".perms");
    map.where = mp;
    const bool s1 = d.mode == translation::s1 || d.mode == translation::nested;
    const bool s2 = d.mode == translation::s2 || d.mode == translation::nested;
    if ((map.stage == 1 && !s1) || (map.stage == 2 && !s2))
        fail(mp + ".stage", "stage " + std::to_string(map.stage) + " mapping on a \"" + t + "\" device");
    // A page or block descriptor maps whole granules [IHI 0070 3.4; Arm ARM D8.3]
    const uint64_t g = map.stage == 1 ? d.granule : d.s2_granule;
    const char *in = map.stage == 2 && m.contains("ipa") ? "ipa" : "iova";
    for (const auto &[key, v] : {std::pair<const char *, uint64_t>{in, map.iova}, {"pa", map.pa}, {"size", map.size}})
        if (v & (g - 1))
            fail(mp + "." + key, hex(v) + " is not a multiple of the stage-" + std::to_string(map.stage) + " granule (" +
                                     kb(g) + ")");
    // Descriptor NS selects Non-secure output only in Realm stage 2 [IHI 0070 3.10.3]
    if ((map.prot & SMMU_DRV_PROT_NS) && !(map.stage == 2 && d.engine == engine_kind::realm))
        fail(mp + ".perms", "'n' (Non-secure output) is for stage-2 mappings of a Realm device");
    map.demand = get_bool(m, mp, "demand", false);
    // A demand mapping is made by the stall handler, or by the PRI handler for a PCIe endpoint
    if (map.demand && !d.stall && d.engine != engine_kind::pcie)
        fail(mp + ".demand", "a demand mapping is made by the stall handler: the device needs \"stall\": true");
    return map;
}

// "substreams": [{"ssid": 1, "asid": 7, "mappings": [...]}], "ssid_bits", "s1dss". The
// device's own stage-1 mappings and ASID are CD 0; each substream is one more CD. SSID 0 is
// therefore not a substream, and S1CDMax defaults to the fewest bits holding every SSID.
// Whether the SMMU's SSIDSIZE allows them is checked when the device is set up (soc.cpp).
void parse_substreams(const json &j, const std::string &path, const std::string &t, device_desc &d)
{
    if (d.mode != translation::s1 && d.mode != translation::nested)
        fail(path + ".substreams", "substreams need stage 1 (translation s1 or nested), not \"" + t + "\"");
    std::set<unsigned> asids{d.asid};
    uint32_t max_ssid = 0;
    for (const auto &[sj, sp] : array_items(j, path, "substreams")) {
        check_keys(sj, sp, {"ssid", "asid", "mappings"});
        substream sub;
        const uint64_t ssid = get_u64(sj, sp, "ssid", 0, true);
        if (ssid == 0)
            fail(sp + ".ssid", "SubstreamID 0 is the device's own CD 0 (give its mappings on the device)");
        if (ssid > 0xffffffffu)
            fail(sp + ".ssid", "SubstreamID " + std::to_string(ssid) + " is beyond 32 bits");
        sub.ssid = static_cast<uint32_t>(ssid);
        for (const auto &o : d.substreams)
            if (o.ssid == sub.ssid)
                fail(sp + ".ssid", "SubstreamID " + std::to_string(ssid) + " is declared twice");
        const uint64_t asid = get_u64(sj, sp, "asid", 0, true);
        if (asid > 0xffff)
            fail(sp + ".asid", std::to_string(asid) + " is beyond 16 bits (ASIDs are 0..65535)");
        sub.asid = static_cast<unsigned>(asid);
        // One ASID per set of tables: a shared ASID would let one CD hit the other's TLB entries
        if (!asids.insert(sub.asid).second)
            fail(sp + ".asid", "ASID " + std::to_string(asid) + " is used by another CD of this device");
        for (const auto &[m, mp] : array_items(sj, sp, "mappings")) {
            sub.mappings.push_back(parse_mapping(m, mp, d, t));
            if (sub.mappings.back().stage != 1)
                fail(mp + ".stage", "a substream has stage-1 mappings only (stage 2 is the device's)");
        }
        max_ssid = std::max(max_ssid, sub.ssid);
        d.substreams.push_back(std::move(sub));
    }
    if (d.substreams.empty())
        fail(path + ".substreams", "expected a non-empty array");
    unsigned need = 0;
    while (need < 32 && (max_ssid >> need) != 0)
        need++;
    const uint64_t bits = get_u64(j, path, "ssid_bits", need, false);
    if (bits < need || bits > 32)
        fail(path + ".ssid_bits", std::to_string(bits) + " does not hold SubstreamID " + std::to_string(max_ssid) +
                                     " (" + std::to_string(need) + " bits)");
    d.ssid_bits = static_cast<unsigned>(bits);
    const std::string dss = get_str(j, path, "s1dss", "ssid0", false);
    if (!lookup_key(k_s1dss, dss, d.s1dss))
        fail(path + ".s1dss", "\"" + dss + "\" (use terminate, bypass or ssid0)");
}

device_desc parse_device(const json &j, const std::string &path)
{
    check_keys(j, path, {"name", "engine", "sid", "translation", "granule", "s2_granule", "asid",
                         "vmid", "mappings", "substreams", "ssid_bits", "s1dss", "stall"});
    device_desc d;
    d.where = path;
    d.name = get_str(j, path, "name", "", true);
    if (d.name.empty())
        fail(path + ".name", "must not be empty");
    const std::string eng = get_str(j, path, "engine", "ns", false);
    if (!lookup_key(k_engines, eng, d.engine))
        fail(path + ".engine", "\"" + eng + "\" is not a DMA engine (use \"ns\", \"secure\", \"realm\" or \"pcie\")");
    const uint64_t sid = get_u64(j, path, "sid", 0, true);
    if (sid > 0xffff)
        fail(path + ".sid", "StreamID " + hex(sid) + " is beyond the platform's 16 bits");
    d.sid = static_cast<uint32_t>(sid);
    const std::string t = get_str(j, path, "translation", "s1", false);
    if (!lookup_key(k_translations, t, d.mode))
        fail(path + ".translation", "\"" + t + "\" (use s1, s2, nested, bypass or abort)");
    if (d.engine == engine_kind::secure && (d.mode == translation::s2 || d.mode == translation::nested))
        fail(path + ".translation", "Secure stage 2 is not supported by the driver library yet");
    if (d.engine == engine_kind::realm && d.mode == translation::nested)
        fail(path + ".translation", "a nested Realm device is not supported by the platform (use s1 or s2)");
    d.granule = parse_granule(get_u64(j, path, "granule", 4096, false), path + ".granule");
    d.s2_granule = parse_granule(get_u64(j, path, "s2_granule", 4096, false), path + ".s2_granule");
    // 16 bits at most [IHI 0070 5.4 CD.ASID, 5.2 STE.S2VMID]; 8 unless the SMMU has ASID16 /
    // VMID16 (check_scenario, which knows the configuration)
    for (const char *key : {"asid", "vmid"}) {
        const uint64_t v = get_u64(j, path, key, 1, false);
        if (v > 0xffff)
            fail(path + "." + key, std::to_string(v) + " is beyond 16 bits (" + (key[0] == 'a' ? "ASID" : "VMID") +
                                       "s are 0..65535)");
        (key[0] == 'a' ? d.asid : d.vmid) = static_cast<unsigned>(v);
    }
    // Stalls [IHI 0070 3.12]: CD.S = 1 on a stage-1 device, without substreams
    d.stall = get_bool(j, path, "stall", false);
    if (d.stall && (d.mode != translation::s1 || j.contains("substreams")))
        fail(path + ".stall", "stalls are supported on stage-1 (\"s1\") devices without substreams");
    for (const auto &[m, mp] : array_items(j, path, "mappings"))
        d.mappings.push_back(parse_mapping(m, mp, d, t));
    if (j.contains("substreams"))
        parse_substreams(j, path, t, d);
    else if (j.contains("s1dss") || j.contains("ssid_bits"))
        fail(path + (j.contains("s1dss") ? ".s1dss" : ".ssid_bits"), "needs \"substreams\"");
    return d;
}

step parse_step(const json &j, const std::string &path, const std::vector<device_desc> &devs)
{
    check_keys(j, path, {"device", "op", "src", "dst", "iova", "size", "stage", "pattern",
                         "privileged", "instruction", "ssid", "expect", "event", "gpf", "note",
                         "pa", "bbm", "sync", "translation", "order"});
    step s;
    s.where = path;
    s.device = get_str(j, path, "device", "", true);
    const device_desc *dev = nullptr;
    for (const auto &d : devs)
        if (d.name == s.device)
            dev = &d;
    if (!dev)
        fail(path + ".device", "no device named \"" + s.device + "\"");
    const std::string op = get_str(j, path, "op", "", true);
    if (op == "read") s.kind = step_kind::read;
    else if (op == "write") s.kind = step_kind::write;
    else if (op == "copy") s.kind = step_kind::copy;
    else if (op == "unmap") s.kind = step_kind::unmap;
    else if (op == "remap") s.kind = step_kind::remap;
    else if (op == "tlbi") s.kind = step_kind::tlbi;
    else if (op == "ste") s.kind = step_kind::ste;
    else fail(path + ".op", "\"" + op + "\" (use read, write, copy, unmap, remap, tlbi or ste)");
    // The options of one driver operation each
    const std::pair<const char *, step_kind> only[] = {{"pa", step_kind::remap},
                                                       {"bbm", step_kind::remap},
                                                       {"sync", step_kind::tlbi},
                                                       {"translation", step_kind::ste},
                                                       {"order", step_kind::ste}};
    for (const auto &[key, kind] : only)
        if (j.contains(key) && s.kind != kind)
            fail(path + "." + key, "is not an option of \"" + op + "\"");
    if (!is_dma(s.kind) && s.kind != step_kind::unmap &&
        (dev->mode != translation::s1 || dev->granule != 4096 || !dev->substreams.empty()))
        fail(path + ".op", "\"" + op + "\" needs a stage-1 device with 4 KB pages and no substreams");
    if (s.kind == step_kind::ste) {
        // Driver operations on the STE: only the switch to bypass (all the platform needs)
        if (get_str(j, path, "translation", "", true) != "bypass")
            fail(path + ".translation", "only \"bypass\" is supported");
        const std::string order = get_str(j, path, "order", "safe", false);
        if (order != "safe" && order != "unsafe")
            fail(path + ".order", "\"" + order + "\" (use \"safe\" or \"unsafe\")");
        s.unsafe = order == "unsafe";
        s.note = get_str(j, path, "note", "", false);
        return s;
    }
    s.size = get_u64(j, path, "size", 0, true);
    if (!s.size || s.size > (64u << 20))
        fail(path + ".size", "must be 1 byte to 64 MB");
    if (s.kind == step_kind::remap || s.kind == step_kind::tlbi) {
        s.src = get_u64(j, path, "iova", 0, true);
        if (s.kind == step_kind::remap)
            s.dst = get_u64(j, path, "pa", 0, true);
        s.bbm = get_bool(j, path, "bbm", true);
        s.sync = get_bool(j, path, "sync", true);
        if ((s.src | s.dst | s.size) & 0xfff)
            fail(path + ".size", "iova, pa and size must be 4 KB aligned");
        s.note = get_str(j, path, "note", "", false);
        return s;
    }
    if (s.kind == step_kind::unmap) {
        s.src = get_u64(j, path, "iova", 0, true);
        s.stage = static_cast<unsigned>(get_u64(j, path, "stage", 1, false));
        if (s.stage != 1 && s.stage != 2)
            fail(path + ".stage", "must be 1 or 2");
    } else {
        if (s.kind != step_kind::write)
            s.src = get_u64(j, path, "src", 0, true);
        if (s.kind != step_kind::read)
            s.dst = get_u64(j, path, "dst", 0, true);
        const uint64_t pat = get_u64(j, path, "pattern", 0xA5A5A5A5, false);
        if (pat > 0xffffffffu)
            fail(path + ".pattern", "is 32-bit");
        s.pattern = static_cast<uint32_t>(pat);
        s.privileged = get_bool(j, path, "privileged", false);
        s.instruction = get_bool(j, path, "instruction", false);
    }
    // A SubstreamID on the DMA (or the substream whose tables an unmap changes). Any value the
    // engine's 32-bit register holds: one beyond the CD table is the point of some steps.
    if (j.contains("ssid")) {
        if (dev->substreams.empty())
            fail(path + ".ssid", "device \"" + dev->name + "\" has no substreams");
        const uint64_t ssid = get_u64(j, path, "ssid", 0, true);
        if (ssid > 0xffffffffu)
            fail(path + ".ssid", "is 32-bit");
        s.ssv = true;
        s.ssid = static_cast<uint32_t>(ssid);
        if (s.kind == step_kind::unmap && s.stage == 2)
            fail(path + ".ssid", "stage 2 is not per substream");
    }
    const std::string ex = get_str(j, path, "expect", "ok", false);
    if (ex == "ok") s.expect_ok = true;
    else if (ex == "fault") s.expect_ok = false;
    else fail(path + ".expect", "\"" + ex + "\" (use \"ok\" or \"fault\")");
    s.expect_event = get_str(j, path, "event", "", false);
    if (!s.expect_event.empty() && s.expect_ok)
        fail(path + ".event", "an expected event needs \"expect\": \"fault\"");
    if (!s.expect_event.empty()) {
        // The names the SMMU reports (smmu_event_name) [IHI 0070 7.3]
        std::string names;
        bool known = false;
        for (unsigned type = 0; type < 256; type++) {
            const std::string n = smmu_event_name(type);
            if (n == "UNKNOWN" || n == "IMPDEF_EVENT")
                continue;
            known = known || n == s.expect_event;
            names += (names.empty() ? "" : ", ") + n;
        }
        if (!known)
            fail(path + ".event", "\"" + s.expect_event + "\" is not an event name (" + names + ")");
    }
    s.expect_gpf = get_bool(j, path, "gpf", false);
    if (s.expect_gpf && (s.expect_ok || s.kind == step_kind::unmap))
        fail(path + ".gpf", "a granule protection fault needs a DMA step with \"expect\": \"fault\"");
    s.note = get_str(j, path, "note", "", false);
    return s;
}

// "traffic": [{...}]: a traffic generator and the devices of its StreamIDs (scenario.h
// traffic_desc). Patterns, sizes and traces are checked with the generator's own rules when
// the platform is built (soc.cpp check_traffic): the parser stays free of SystemC.
traffic_desc parse_traffic(const json &j, const std::string &path, const std::string &dir,
                           std::vector<device_desc> &devices)
{
    check_keys(j, path, {"name", "engine", "sid", "streams", "ssid", "translation", "granule", "asid", "vmid",
                         "buffer", "pattern", "offset", "span", "stride", "size", "write_percent", "mix",
                         "transactions", "outstanding", "seed", "gap_ns", "tbu", "trace", "expect_errors"});
    traffic_desc t;
    t.where = path;
    t.name = get_str(j, path, "name", "", true);
    if (t.name.empty())
        fail(path + ".name", "must not be empty");
    const std::string eng = get_str(j, path, "engine", "ns", false);
    if (!lookup_key(k_engines, eng, t.engine) || t.engine == engine_kind::pcie)
        fail(path + ".engine", "\"" + eng + "\" (use \"ns\", \"secure\" or \"realm\": the SEC_SID of the accesses)");
    const uint64_t sid = get_u64(j, path, "sid", 0, true);
    const uint64_t streams = get_u64(j, path, "streams", 1, false);
    if (streams == 0 || streams > 1024)
        fail(path + ".streams", "must be 1..1024");
    if (sid > 0xffff || sid + streams - 1 > 0xffff) // streams <= 1024: no overflow
        fail(path + ".sid", "StreamIDs " + hex(sid) + ".." + hex(sid + streams - 1) + " go beyond the platform's 16 bits");
    t.sid = static_cast<uint32_t>(sid);
    t.streams = static_cast<uint32_t>(streams);
    if (j.contains("ssid")) {
        const uint64_t ssid = get_u64(j, path, "ssid", 0, true);
        if (ssid == 0 || ssid >= (1u << 20))
            fail(path + ".ssid", "must be 1..2^20-1 (SubstreamID 0 is the stream's own CD 0: leave ssid out)");
        t.ssv = true;
        t.ssid = static_cast<uint32_t>(ssid);
    }
    const std::string tr = get_str(j, path, "translation", "s1", false);
    translation mode = translation::s1;
    if (!lookup_key(k_translations, tr, mode) || mode == translation::nested || mode == translation::abort)
        fail(path + ".translation", "\"" + tr + "\" (use s1, s2 or bypass)");
    if (t.ssv && mode != translation::s1)
        fail(path + ".ssid", "a SubstreamID needs translation s1");
    const unsigned granule = parse_granule(get_u64(j, path, "granule", 4096, false), path + ".granule");
    const uint64_t asid = get_u64(j, path, "asid", 1, false), vmid = get_u64(j, path, "vmid", 1, false);
    // one ASID (VMID at stage 2) per stream: each has its own tables [IHI 0070 5.4, 5.2]
    const uint64_t ids = t.ssv ? 2 * streams : streams;
    if (asid > 0xffff || asid + ids - 1 > 0xffff)
        fail(path + ".asid", "one per stream (and SubstreamID): beyond 16 bits");
    if (vmid > 0xffff || vmid + streams - 1 > 0xffff)
        fail(path + ".vmid", "one per stream: beyond 16 bits");

    const std::string bp = path + ".buffer";
    const json &b = need(j, path, "buffer");
    check_keys(b, bp, {"iova", "pa", "size", "page"});
    t.iova = get_u64(b, bp, "iova", 0, mode == translation::bypass ? false : true);
    t.pa = get_u64(b, bp, "pa", 0, true);
    t.size = get_u64(b, bp, "size", 0, true);
    if (!t.size)
        fail(bp + ".size", "must not be 0");
    if (mode == translation::bypass)
        t.iova = t.pa; // untranslated: the addresses are PAs
    if (t.size > (UINT64_MAX - t.pa) / streams)
        fail(bp + ".size", "the streams' buffers pass 2^64");
    t.page = get_u64(b, bp, "page", 0, false);
    const uint64_t g = mode == translation::s2 ? 4096 : granule;
    if (t.page && (t.page < g || (t.page & (t.page - 1))))
        fail(bp + ".page", hex(t.page) + " must be a power of two, at least the granule (" + kb(g) + ")");
    if (t.page && (t.iova | t.pa | t.size) & (t.page - 1))
        fail(bp + ".page", "iova, pa and size must be multiples of the page (" + hex(t.page) + ")");

    // The mix: one entry, from the generator's own fields, or "mix" entries inheriting them
    traffic_mix base;
    base.pattern = get_str(j, path, "pattern", "sequential", false);
    auto fill = [&](const json &o, const std::string &op, traffic_mix &m) {
        m.pattern = get_str(o, op, "pattern", m.pattern, false);
        m.offset = get_u64(o, op, "offset", m.offset, false);
        m.span = get_u64(o, op, "span", m.span, false);
        m.stride = get_u64(o, op, "stride", m.stride, false);
        const uint64_t size = get_u64(o, op, "size", m.size, false);
        const uint64_t wp = get_u64(o, op, "write_percent", m.write_percent, false);
        if (size > 4096)
            fail(op + ".size", "must be at most 4096");
        if (wp > 100)
            fail(op + ".write_percent", "must be 0..100");
        m.size = static_cast<unsigned>(size);
        m.write_percent = static_cast<unsigned>(wp);
        if (m.offset >= t.size)
            fail(op + ".offset", hex(m.offset) + " is beyond the buffer (" + hex(t.size) + ")");
    };
    fill(j, path, base);
    if (j.contains("mix")) {
        for (const auto &[mj, mp] : array_items(j, path, "mix")) {
            check_keys(mj, mp, {"pattern", "offset", "span", "stride", "size", "write_percent", "weight"});
            traffic_mix m = base;
            fill(mj, mp, m);
            const uint64_t w = get_u64(mj, mp, "weight", 1, false);
            if (w > 1000000)
                fail(mp + ".weight", "must be at most 1000000");
            m.weight = static_cast<unsigned>(w);
            t.mix.push_back(m);
        }
        if (t.mix.empty())
            fail(path + ".mix", "expected a non-empty array");
    } else {
        t.mix.push_back(base);
    }
    for (size_t i = 0; i < t.mix.size(); i++) {
        traffic_mix &m = t.mix[i];
        if (!m.span)
            m.span = t.size - m.offset;
        if (m.span > t.size - m.offset)
            fail((j.contains("mix") ? path + ".mix[" + std::to_string(i) + "]" : path) + ".span",
                 "offset " + hex(m.offset) + " + span " + hex(m.span) + " is beyond the buffer (" + hex(t.size) + ")");
    }
    t.transactions = get_u64(j, path, "transactions", 1000, false);
    const uint64_t outstanding = get_u64(j, path, "outstanding", 1, false);
    if (outstanding == 0 || outstanding > 256)
        fail(path + ".outstanding", "must be 1..256");
    t.outstanding = static_cast<unsigned>(outstanding);
    t.seed = get_u64(j, path, "seed", 1, false);
    const uint64_t gap = get_u64(j, path, "gap_ns", 0, false);
    if (gap > 1000000000)
        fail(path + ".gap_ns", "must be at most 1 s");
    t.gap_ps = gap * 1000;
    if (j.contains("tbu")) {
        const uint64_t tbu = get_u64(j, path, "tbu", 0, true);
        if (tbu > 63)
            fail(path + ".tbu", "must be 0..63");
        t.tbu = static_cast<int>(tbu);
    }
    if (j.contains("trace")) {
        const std::string f = get_str(j, path, "trace", "", true);
        t.trace = f.empty() || f[0] == '/' || dir.empty() ? f : dir + "/" + f;
    }
    t.expect_errors = get_u64(j, path, "expect_errors", 0, false);

    for (uint32_t i = 0; i < t.streams; i++) {
        device_desc d;
        d.name = t.streams == 1 ? t.name : t.name + "." + std::to_string(i);
        d.where = path;
        d.engine = t.engine;
        d.sid = t.sid + i;
        d.mode = mode;
        d.granule = granule;
        d.asid = static_cast<unsigned>(asid + i);
        d.vmid = static_cast<unsigned>(vmid + i);
        if (mode == translation::bypass) {
            devices.push_back(std::move(d));
            continue;
        }
        mapping m;
        m.stage = mode == translation::s2 ? 2 : 1;
        m.iova = t.iova;
        m.pa = t.pa + i * t.size;
        m.size = t.size;
        m.prot = SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE;
        m.page = t.page;
        m.where = bp;
        for (const auto &[v, key] : {std::pair<uint64_t, const char *>{m.iova, "iova"}, {m.pa, "pa"}, {m.size, "size"}})
            if (v & (g - 1))
                fail(bp + "." + key, hex(v) + " is not a multiple of the granule (" + kb(g) + ")");
        if (t.ssv) {
            // CD 0 stays empty; the SubstreamID's CD maps the buffer
            substream sub;
            sub.ssid = t.ssid;
            sub.asid = static_cast<unsigned>(asid + t.streams + i);
            sub.mappings.push_back(m);
            d.substreams.push_back(std::move(sub));
            unsigned need = 0;
            while ((t.ssid >> need) != 0)
                need++;
            d.ssid_bits = need;
        } else {
            d.mappings.push_back(m);
        }
        devices.push_back(std::move(d));
    }
    return t;
}

} // namespace

const char *translation_name(translation t)
{
    return value_name(k_translations, t);
}

const char *engine_name(engine_kind e)
{
    return value_name(k_engines, e);
}

const char *gpi_name(unsigned gpi)
{
    return value_name(k_gpis, gpi);
}

const char *s1dss_name(smmu_drv_s1dss k)
{
    return value_name(k_s1dss, k);
}

namespace {
// "gpt": [{"pa": ..., "size": ..., "gpi": "realm"}]: 4 KB-aligned regions below 1 TB (the
// platform's GPT: PPS 40 bits, 4 KB granules).
gpt_region parse_gpt_region(const json &j, const std::string &path)
{
    check_keys(j, path, {"pa", "size", "gpi"});
    gpt_region g;
    g.pa = get_u64(j, path, "pa", 0, true);
    g.size = get_u64(j, path, "size", 0, true);
    if (!g.size || ((g.pa | g.size) & 0xfff))
        fail(path, "pa and size must be non-zero multiples of 4 KB (the GPT granule)");
    if (g.pa >= (1ull << 40) || g.size > (1ull << 40) - g.pa)
        fail(path, "beyond the protected PA size (40 bits)");
    const std::string gpi = get_str(j, path, "gpi", "", true);
    if (!lookup_key(k_gpis, gpi, g.gpi))
        fail(path + ".gpi", "\"" + gpi + "\" (use ns, secure, realm, root, any or none)");
    return g;
}
} // namespace

namespace {
// "smmu": {"tlb_entries": 256, "latency": {"tlb_hit": "2 ns"}, "latency.fetch": "5 ns"}: nested
// objects and dotted keys both give dotted names ("latency.tlb_hit"). Values: numbers and
// booleans as JSON writes them, strings as they are, an array of scalars joined with commas
// ("default_sid": [16, 17]). Names and values are checked against the SMMU's parameters by
// the caller (they belong to the SystemC module); the JSON path travels with each for messages.
void parse_params(const json &obj, const std::string &path, const std::string &prefix, std::vector<param_setting> &out)
{
    if (!obj.is_object())
        fail(path, "expected an object of parameters (see smmu_platform --list-params)");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string p = path + "." + it.key(), name = prefix + it.key();
        if (it.key().empty())
            fail(p, "empty parameter name");
        const json &v = it.value();
        auto scalar = [&](const json &x, const std::string &xp) -> std::string {
            if (x.is_string())
                return x.get<std::string>();
            if (x.is_boolean())
                return x.get<bool>() ? "true" : "false";
            if (x.is_number_unsigned() || x.is_number_integer())
                return x.dump();
            if (x.is_number_float())
                fail(xp, "expected an integer or a string (\"2 ns\"), not " + x.dump());
            fail(xp, "expected a number, a string or true/false");
        };
        if (v.is_object()) {
            parse_params(v, p, name + ".", out);
        } else if (v.is_array()) {
            std::string joined;
            for (size_t i = 0; i < v.size(); i++)
                joined += (i ? "," : "") + scalar(v[i], p + "[" + std::to_string(i) + "]");
            out.push_back({name, joined, p});
        } else {
            out.push_back({name, scalar(v, p), p});
        }
    }
}
} // namespace

const char *step_name(step_kind k)
{
    switch (k) {
    case step_kind::read: return "read";
    case step_kind::write: return "write";
    case step_kind::copy: return "copy";
    case step_kind::unmap: return "unmap";
    case step_kind::remap: return "remap";
    case step_kind::tlbi: return "tlbi";
    case step_kind::ste: return "ste";
    }
    return "?";
}

bool parse_scenario(const std::string &text, const std::string &origin, scenario *out, std::string *err)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception &e) {
        // parse_error, and out_of_range for a number beyond a double ("1e999")
        *err = origin + ": malformed JSON: " + e.what();
        return false;
    }
    try {
        check_keys(j, "(top)", {"name", "description", "devices", "steps", "gpt", "smmu", "expect_findings",
                                "traffic"});
        scenario s;
        s.name = get_str(j, "(top)", "name", "config", false);
        s.description = get_str(j, "(top)", "description", "", false);
        // With traffic generators, devices and steps are optional
        const bool traffic = j.contains("traffic");
        static const json k_none = json::array();
        const json &devs = traffic && !j.contains("devices") ? k_none : need(j, "(top)", "devices");
        if (!devs.is_array() || (devs.empty() && !traffic))
            fail("devices", "expected a non-empty array");
        std::set<std::string> names;
        std::set<std::pair<int, uint32_t>> sids;
        for (size_t i = 0; i < devs.size(); i++) {
            const std::string p = "devices[" + std::to_string(i) + "]";
            device_desc d = parse_device(devs[i], p);
            if (!names.insert(d.name).second)
                fail(p + ".name", "duplicate device name \"" + d.name + "\"");
            if (!sids.insert({static_cast<int>(d.engine), d.sid}).second)
                fail(p + ".sid", "StreamID " + hex(d.sid) + " is used twice in one security state");
            s.devices.push_back(std::move(d));
        }
        if (traffic) {
            const std::string dir = origin.find('/') == std::string::npos || origin.rfind("built-in", 0) == 0
                                        ? "" : origin.substr(0, origin.rfind('/'));
            const auto items = array_items(j, "(top)", "traffic");
            if (items.empty())
                fail("traffic", "expected a non-empty array");
            for (size_t i = 0; i < items.size(); i++) {
                const std::string p = "traffic[" + std::to_string(i) + "]";
                std::vector<device_desc> made;
                traffic_desc t = parse_traffic(items[i].first, p, dir, made);
                for (device_desc &d : made) {
                    d.traffic = static_cast<int>(i);
                    if (!names.insert(d.name).second)
                        fail(p + ".name", "device name \"" + d.name + "\" is used twice");
                    if (!sids.insert({static_cast<int>(d.engine), d.sid}).second)
                        fail(p + ".sid", "StreamID " + hex(d.sid) + " is used twice in one security state");
                    s.devices.push_back(std::move(d));
                }
                s.traffic.push_back(std::move(t));
            }
        }
        static const json k_no_steps = json::array();
        const json &steps = traffic && !j.contains("steps") ? k_no_steps : need(j, "(top)", "steps");
        if (!steps.is_array())
            fail("steps", "expected an array");
        for (size_t i = 0; i < steps.size(); i++)
            s.steps.push_back(parse_step(steps[i], "steps[" + std::to_string(i) + "]", s.devices));
        if (auto it = j.find("gpt"); it != j.end()) {
            if (!it->is_array())
                fail("gpt", "expected an array");
            for (size_t i = 0; i < it->size(); i++)
                s.gpt.push_back(parse_gpt_region((*it)[i], "gpt[" + std::to_string(i) + "]"));
        }
        if (auto it = j.find("smmu"); it != j.end())
            parse_params(*it, "smmu", "", s.smmu);
        s.expect_findings = get_u64(j, "(top)", "expect_findings", 0, false);
        *out = std::move(s);
        return true;
    } catch (const parse_error &e) {
        *err = origin + ": " + e.what();
        return false;
    } catch (const json::exception &e) {
        *err = origin + ": " + e.what();
        return false;
    }
}

// ---------------------------------------------------------------------------------------------
// Checks against the SMMU's configuration, before the simulation
// ---------------------------------------------------------------------------------------------
namespace {

// "top.smmu.oas_bits 48"
std::string param_text(const smmu_config &c, const char *name)
{
    char v[32] = "?";
    smmu_config_get(&c, name, v, sizeof(v));
    return std::string(k_smmu_instance) + "." + name + " " + v;
}

smmu_pa_space engine_pas(engine_kind e)
{
    return e == engine_kind::secure ? SMMU_PAS_SECURE : e == engine_kind::realm ? SMMU_PAS_REALM : SMMU_PAS_NS;
}

const char *pas_name(smmu_pa_space pas)
{
    switch (pas) {
    case SMMU_PAS_NS: return "Non-secure";
    case SMMU_PAS_SECURE: return "Secure";
    case SMMU_PAS_REALM: return "Realm";
    case SMMU_PAS_ROOT: return "Root";
    }
    return "?";
}

bool fits(uint64_t addr, uint64_t size, unsigned bits)
{
    const uint64_t limit = uint64_t{1} << bits;
    return addr < limit && size <= limit - addr;
}

// [addr, addr + size) in PA space pas against the platform's own memory; the message, or "".
std::string overlap(smmu_pa_space pas, uint64_t addr, uint64_t size)
{
    for (const reserved_region &r : k_reserved)
        if (r.pas == pas && (addr <= r.base ? r.base - addr < size : addr - r.base < r.size))
            return std::string(pas_name(pas)) + " PA " + hex(addr) + "-" + hex(addr + size - 1) +
                   " overlaps the platform's " + r.what + " (" + pas_name(pas) + " PA " + hex(r.base) + "-" +
                   hex(r.base + r.size - 1) + ")";
    return "";
}

} // namespace

bool check_scenario(const scenario &sc, const smmu_config &c, std::string *err)
{
    try {
        // What the firmware (soc.cpp) needs of the SMMU
        const uint64_t realm_end = 0x20000 + uint64_t{c.ba_realm} * 0x10000 + 0x20000;
        bool realm_devices = false;
        for (const device_desc &d : sc.devices)
            realm_devices |= d.engine == engine_kind::realm;
        const struct {
            bool ok;
            const char *param, *why;
        } needs[] = {
            {c.rme_impl, "rme_impl", "must be true: the platform's Root firmware programs the GPT"},
            {c.realm_impl || !realm_devices, "realm_impl", "must be true: the platform's RMM programs the Realm interface of its Realm devices"},
            {c.secure_impl, "secure_impl", "must be true: the platform's Secure firmware programs the Secure interface"},
            {c.root_page_offset == k_smmu_root_page, "root_page_offset",
             "must be 0x20000: the platform's firmware finds the Root page there"},
            {realm_end <= k_smmu_size, "ba_realm", "puts the Realm pages beyond the SMMU's 384 KB register window"},
            // The GPT's protected PA size may not exceed the OAS [IHI 0070 6.3.115 PPS]
            {c.oas_bits >= 40, "oas_bits", "must be at least 40: the platform's GPT protects a 40-bit PA space (PPS)"},
            {c.gran4k, "gran4k", "must be true: the platform's GPT has 4 KB granules (PGS)"},
            {c.l0gptsz_bits <= 34, "l0gptsz_bits",
             "must be at most 34: the platform's 4 MB of Root memory holds the GPT's level-1 tables"},
            {c.ttendian != 3, "ttendian", "must not be big: the platform's driver writes little-endian tables"},
        };
        for (const auto &n : needs)
            if (!n.ok)
                fail(param_text(c, n.param), n.why);

        // A generator's TBU must exist (SMMU_TXN_TBU: smmu_translate refuses another)
        for (const traffic_desc &t : sc.traffic)
            if (t.tbu >= 0 && static_cast<unsigned>(t.tbu) >= c.tbus)
                fail(t.where + ".tbu", "TBU " + std::to_string(t.tbu) + " is beyond " + param_text(c, "tbus"));

        unsigned ia1, ia2, oa;
        smmu_drv_pgtable_default_bits(c.oas_bits, 1, &ia1, &oa);
        smmu_drv_pgtable_default_bits(c.oas_bits, 2, &ia2, &oa);
        for (const device_desc &d : sc.devices) {
            const bool s1 = d.mode == translation::s1 || d.mode == translation::nested;
            const bool s2 = d.mode == translation::s2 || d.mode == translation::nested;
            const std::string at = d.where.empty() ? "device \"" + d.name + "\"" : d.where;
            // The driver's stream table covers SIDSIZE (S_SIDSIZE for Secure streams) [IHI 0070 6.3.2]
            const char *sid_param = d.engine == engine_kind::secure ? "s_sid_bits" : "sid_bits";
            const unsigned sid_bits = d.engine == engine_kind::secure ? c.s_sid_bits : c.sid_bits;
            if (sid_bits < 32 && (d.sid >> sid_bits) != 0)
                fail(at + ".sid", "StreamID " + hex(d.sid) + " is beyond " + param_text(c, sid_param) + " (" +
                                      (d.engine == engine_kind::secure ? "S_IDR1.S_SIDSIZE" : "IDR1.SIDSIZE") + ")");
            if (s1 && !c.stage1)
                fail(at + ".translation", "stage 1 needs " + std::string(k_smmu_instance) + ".stage1 true");
            if (d.engine == engine_kind::pcie && !c.ats)
                fail(at + ".engine", "a PCIe ATS endpoint needs " + std::string(k_smmu_instance) + ".ats true");
            for (const mapping &m : d.mappings)
                if (m.demand && d.engine == engine_kind::pcie && !c.pri)
                    fail(m.where + ".demand", "a PCIe endpoint's demand mapping is made by the PRI handler: it needs " +
                                                  std::string(k_smmu_instance) + ".pri true");
            if (d.engine == engine_kind::pcie && !s1 && !s2)
                fail(at + ".translation", "a PCIe ATS endpoint needs a translating stream (STE.EATS)");
            if (s2 && !c.stage2)
                fail(at + ".translation", "stage 2 needs " + std::string(k_smmu_instance) + ".stage2 true");
            // CD.S = 1 is ILLEGAL with STALL_MODEL 0b01, CD.S = 0 with 0b10 [IHI 0070 5.5]
            if (d.stall && c.stall_model == SMMU_TERMINATE_ONLY)
                fail(at + ".stall", param_text(c, "stall_model") + ": a stalling device needs stall_and_terminate "
                                    "or stall_forced");
            if (!d.stall && s1 && c.stall_model == SMMU_STALL_FORCED)
                fail(at + ".stall", param_text(c, "stall_model") + ": every stage-1 device needs \"stall\": true");
            const struct {
                bool used;
                unsigned granule;
                const char *key;
            } grans[] = {{s1, d.granule, "granule"}, {s2, d.s2_granule, "s2_granule"}};
            for (const auto &g : grans) {
                const char *param = g.granule == 4096 ? "gran4k" : g.granule == 16384 ? "gran16k" : "gran64k";
                bool have = g.granule == 4096 ? c.gran4k : g.granule == 16384 ? c.gran16k : c.gran64k;
                if (g.used && !have)
                    fail(at + "." + g.key, kb(g.granule) + " needs " + k_smmu_instance + "." + param + " true");
            }
            // 8-bit ASIDs and VMIDs unless IDR0.ASID16 / VMID16 [IHI 0070 6.3.1]
            std::vector<std::pair<unsigned, std::string>> asids;
            if (s1)
                asids.push_back({d.asid, at + ".asid"});
            for (size_t i = 0; i < d.substreams.size(); i++)
                asids.push_back({d.substreams[i].asid, at + ".substreams[" + std::to_string(i) + "].asid"});
            for (const auto &[asid, where] : asids)
                if (!c.asid16 && asid > 0xff)
                    fail(where, std::to_string(asid) + " is beyond 8 bits (" + param_text(c, "asid16") +
                                    ": ASIDs are 0..255)");
            if (s2 && !c.vmid16 && d.vmid > 0xff)
                fail(at + ".vmid", std::to_string(d.vmid) + " is beyond 8 bits (" + param_text(c, "vmid16") +
                                       ": VMIDs are 0..255)");
            // STE.S1CDMax must not exceed IDR1.SSIDSIZE [IHI 0070 5.2]
            if (!d.substreams.empty() && d.ssid_bits > c.ssid_bits)
                fail(at + ".substreams", "need " + std::to_string(d.ssid_bits) +
                                             " SubstreamID bits (S1CDMax), beyond " + param_text(c, "ssid_bits") +
                                             " (IDR1.SSIDSIZE)");

            // Buffers: inside what the page tables cover, clear of the platform's own memory
            const smmu_pa_space pas = engine_pas(d.engine);
            std::vector<const mapping *> maps;
            for (const mapping &m : d.mappings)
                maps.push_back(&m);
            for (const substream &sub : d.substreams)
                for (const mapping &m : sub.mappings)
                    maps.push_back(&m);
            for (const mapping *m : maps) {
                const std::string mp = m->where.empty() ? at : m->where;
                const std::string range = hex(m->iova) + " + " + hex(m->size);
                if (m->stage == 1 && !fits(m->iova, m->size, ia1))
                    fail(mp + ".iova", range + " is beyond the " + std::to_string(ia1) +
                                           "-bit input range of the stage-1 tables");
                if (m->stage == 2 && !fits(m->iova, m->size, ia2))
                    fail(mp + ".ipa", range + " is beyond the " + std::to_string(ia2) +
                                          "-bit IPA range of the stage-2 tables (from " + param_text(c, "oas_bits") +
                                          ")");
                const std::string out = hex(m->pa) + " + " + hex(m->size);
                if (m->stage == 1 && s2) {
                    // A nested device's stage-1 output is an IPA: stage 2 must cover it
                    if (!fits(m->pa, m->size, ia2))
                        fail(mp + ".pa", "IPA " + out + " is beyond the " + std::to_string(ia2) +
                                             "-bit IPA range of the device's stage 2 (from " +
                                             param_text(c, "oas_bits") + ")");
                    continue;
                }
                if (!fits(m->pa, m->size, oa))
                    fail(mp + ".pa", out + " is beyond the " + std::to_string(oa) +
                                         "-bit output range of the page tables (from " + param_text(c, "oas_bits") +
                                         ")");
                const std::string o = overlap((m->prot & SMMU_DRV_PROT_NS) ? SMMU_PAS_NS : pas, m->pa, m->size);
                if (!o.empty())
                    fail(mp + ".pa", o);
            }
            // A bypass device's DMA addresses are PAs: a traffic generator's buffer too
            if (d.mode != translation::bypass)
                continue;
            if (d.traffic >= 0) {
                const traffic_desc &t = sc.traffic[static_cast<size_t>(d.traffic)];
                const uint64_t pa = t.pa + uint64_t{d.sid - t.sid} * t.size;
                if (!fits(pa, t.size, k_memory_bits))
                    fail(t.where + ".buffer.pa", hex(pa) + " + " + hex(t.size) + " is beyond the platform's " +
                                                     std::to_string(k_memory_bits) + "-bit memory");
                const std::string o = overlap(pas, pa, t.size);
                if (!o.empty())
                    fail(t.where + ".buffer.pa", o);
            }
            for (const step &st : sc.steps) {
                if (st.device != d.name || !is_dma(st.kind))
                    continue;
                const std::string sp = st.where.empty() ? "a step of \"" + d.name + "\"" : st.where;
                for (const auto &[used, addr, key] :
                     {std::tuple<bool, uint64_t, const char *>{st.kind != step_kind::write, st.src, "src"},
                      {st.kind != step_kind::read, st.dst, "dst"}}) {
                    if (!used)
                        continue;
                    if (!fits(addr, st.size, k_memory_bits))
                        fail(sp + "." + key, hex(addr) + " + " + hex(st.size) + " is beyond the platform's " +
                                                 std::to_string(k_memory_bits) + "-bit memory");
                    const std::string o = overlap(pas, addr, st.size);
                    if (!o.empty())
                        fail(sp + "." + key, o);
                }
            }
        }
        return true;
    } catch (const parse_error &e) {
        *err = e.what();
        return false;
    }
}

bool set_traffic_transactions(scenario &sc, uint64_t n, std::string *err)
{
    uint64_t total = 0;
    std::vector<traffic_desc *> gens;
    for (traffic_desc &t : sc.traffic)
        if (t.trace.empty()) {
            gens.push_back(&t);
            total += t.transactions;
        }
    if (gens.empty()) {
        *err = "scenario \"" + sc.name + "\" has no traffic generator (without a trace) to give transactions to";
        return false;
    }
    // In proportion to the scenario's own counts (equal shares if they are all 0); the last
    // generator takes what rounding left, so that the sum is exactly n.
    uint64_t given = 0;
    for (size_t i = 0; i < gens.size(); i++) {
        uint64_t share;
        if (i + 1 == gens.size())
            share = n - given;
        else if (total)
            share = static_cast<uint64_t>(static_cast<long double>(n) * gens[i]->transactions / total);
        else
            share = n / gens.size();
        gens[i]->transactions = share;
        given += share;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Built-in scenarios. Memory plan: Non-secure DRAM buffers at 0x88000000+, Secure SRAM
// buffers at Secure PA 0x06000000+, Realm buffers at Realm PA 0x0D000000+, the guest's RAM at IPA 0x40000000 = PA 0x90000000.
// ---------------------------------------------------------------------------------------------
namespace {

const char *const k_ns_s1 = R"json({
  "name": "ns-s1",
  "description": "Non-secure device with stage-1 translation: map buffers, copy, fill a 2 MB block",
  "devices": [
    {"name": "nic", "engine": "ns", "sid": "0x10", "translation": "s1", "granule": "4K", "asid": 1,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x88000000", "size": "16K", "perms": "r"},
       {"iova": "0x20000000", "pa": "0x88100000", "size": "16K", "perms": "rw"},
       {"iova": "0x40000000", "pa": "0x8a000000", "size": "2M", "perms": "rw"}
     ]}
  ],
  "steps": [
    {"device": "nic", "op": "copy", "src": "0x10000000", "dst": "0x20000000", "size": "16K",
     "note": "copy 16 KB from a read-only buffer to a read-write one"},
    {"device": "nic", "op": "write", "dst": "0x40000000", "size": "8K", "pattern": "0xC0FFEE00",
     "note": "fill the start of a 2 MB block mapping"},
    {"device": "nic", "op": "read", "src": "0x40000000", "size": "8K",
     "note": "read it back, checksum compared"}
  ]
})json";

const char *const k_secure = R"json({
  "name": "secure",
  "description": "Secure device copying within Secure memory (Secure stream table, Secure PA)",
  "devices": [
    {"name": "crypto", "engine": "secure", "sid": "0x3", "translation": "s1", "granule": "4K", "asid": 2,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x06000000", "size": "8K", "perms": "r"},
       {"iova": "0x20000000", "pa": "0x06100000", "size": "8K", "perms": "rw"}
     ]}
  ],
  "steps": [
    {"device": "crypto", "op": "copy", "src": "0x10000000", "dst": "0x20000000", "size": "8K",
     "note": "Secure stream 0x3: Secure stage 1, output in the Secure PA space"}
  ]
})json";

const char *const k_nested = R"json({
  "name": "nested",
  "description": "A guest's device: guest stage 1 (IOVA -> IPA, tables in guest memory) under a hypervisor stage 2 (IPA -> PA, 16K granule)",
  "devices": [
    {"name": "guest-gpu", "engine": "ns", "sid": "0x20", "translation": "nested", "granule": "4K",
     "s2_granule": "16K", "asid": 1, "vmid": 5,
     "mappings": [
       {"stage": 2, "ipa": "0x40000000", "pa": "0x90000000", "size": "64M", "perms": "rw"},
       {"stage": 1, "iova": "0x10000000", "pa": "0x40100000", "size": "8K", "perms": "r"},
       {"stage": 1, "iova": "0x20000000", "pa": "0x40200000", "size": "8K", "perms": "rw"}
     ]}
  ],
  "steps": [
    {"device": "guest-gpu", "op": "copy", "src": "0x10000000", "dst": "0x20000000", "size": "8K",
     "note": "IOVA -> IPA 0x401xxxxx -> PA 0x901xxxxx"}
  ]
})json";

const char *const k_fault = R"json({
  "name": "fault",
  "description": "Faults: DMA to an unmapped IOVA, a write to a read-only page, and a DMA after unmap",
  "devices": [
    {"name": "disk", "engine": "ns", "sid": "0x11", "translation": "s1", "granule": "4K", "asid": 3,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8c000000", "size": "4K", "perms": "r"}
     ]}
  ],
  "steps": [
    {"device": "disk", "op": "read", "src": "0x10000000", "size": "4K",
     "note": "a good read (the TLB now holds the page)"},
    {"device": "disk", "op": "write", "dst": "0x30000000", "size": "4K", "expect": "fault",
     "event": "F_TRANSLATION", "note": "DMA to an IOVA that was never mapped"},
    {"device": "disk", "op": "write", "dst": "0x10000000", "size": "4K", "expect": "fault",
     "event": "F_PERMISSION", "note": "write to a read-only page"},
    {"device": "disk", "op": "unmap", "iova": "0x10000000", "size": "4K",
     "note": "driver unmaps the page: TLBI_NH_VA + CMD_SYNC"},
    {"device": "disk", "op": "read", "src": "0x10000000", "size": "4K", "expect": "fault",
     "event": "F_TRANSLATION", "note": "the stale TLB entry is gone"}
  ]
})json";

const char *const k_granules = R"json({
  "name": "granules",
  "description": "Every granule: stage 1 with 16K and 64K pages and blocks, stage 2 alone with 64K, bypass",
  "devices": [
    {"name": "dev16k", "engine": "ns", "sid": "0x30", "translation": "s1", "granule": "16K", "asid": 4,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8d000000", "size": "32K", "perms": "r"},
       {"iova": "0x42000000", "pa": "0xa2000000", "size": "32M", "perms": "rw"}
     ]},
    {"name": "dev64k", "engine": "ns", "sid": "0x31", "translation": "s1", "granule": "64K", "asid": 5,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8e000000", "size": "128K", "perms": "rw"}
     ]},
    {"name": "dev-s2", "engine": "ns", "sid": "0x32", "translation": "s2", "s2_granule": "64K", "vmid": 2,
     "mappings": [
       {"stage": 2, "ipa": "0x50000000", "pa": "0x8f000000", "size": "128K", "perms": "rw"}
     ]},
    {"name": "dev-bypass", "engine": "ns", "sid": "0x33", "translation": "bypass"}
  ],
  "steps": [
    {"device": "dev16k", "op": "copy", "src": "0x10000000", "dst": "0x42000000", "size": "32K",
     "note": "16K pages to a 32 MB block"},
    {"device": "dev64k", "op": "copy", "src": "0x10000000", "dst": "0x10010000", "size": "64K",
     "note": "64K pages"},
    {"device": "dev-s2", "op": "copy", "src": "0x50000000", "dst": "0x50010000", "size": "32K",
     "note": "stage 2 only, 64K granule"},
    {"device": "dev-s2", "op": "unmap", "stage": 2, "iova": "0x50010000", "size": "64K",
     "note": "TLBI_S2_IPA + TLBI_NH_ALL + CMD_SYNC"},
    {"device": "dev-s2", "op": "write", "dst": "0x50010000", "size": "4K", "expect": "fault",
     "event": "F_TRANSLATION", "note": "stage-2 fault after unmap"},
    {"device": "dev-bypass", "op": "write", "dst": "0x8f800000", "size": "4K", "pattern": "0x12345678",
     "note": "untranslated"}
  ]
})json";

// Realm memory is Realm PA 0x0C000000-0x0DFFFFFF in the platform's GPT (soc.h).
const char *const k_realm = R"json({
  "name": "realm",
  "description": "RME: a Realm device through Realm stage 2 to Realm memory and, with descriptor NS=1, to Non-secure memory; a Non-secure device stopped by the GPT at a Realm granule",
  "devices": [
    {"name": "realm-acc", "engine": "realm", "sid": "0x50", "translation": "s2", "s2_granule": "4K", "vmid": 7,
     "mappings": [
       {"stage": 2, "ipa": "0x10000000", "pa": "0x0d000000", "size": "16K", "perms": "r"},
       {"stage": 2, "ipa": "0x20000000", "pa": "0x0d100000", "size": "16K", "perms": "rw"},
       {"stage": 2, "ipa": "0x30000000", "pa": "0x88400000", "size": "8K", "perms": "rwn"}
     ]},
    {"name": "ns-snoop", "engine": "ns", "sid": "0x12", "translation": "s1", "granule": "4K", "asid": 6,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x0d000000", "size": "4K", "perms": "r"}
     ]}
  ],
  "steps": [
    {"device": "realm-acc", "op": "copy", "src": "0x10000000", "dst": "0x20000000", "size": "16K",
     "note": "Realm stream 0x50: Realm stage 2, Realm PA to Realm PA"},
    {"device": "realm-acc", "op": "copy", "src": "0x10000000", "dst": "0x30000000", "size": "8K",
     "note": "stage-2 descriptor NS=1: output to Non-secure PA (a shared buffer)"},
    {"device": "realm-acc", "op": "write", "dst": "0x40000000", "size": "4K", "expect": "fault",
     "event": "F_TRANSLATION", "note": "unmapped IPA: the event goes to the Realm event queue"},
    {"device": "ns-snoop", "op": "read", "src": "0x10000000", "size": "4K", "expect": "fault", "gpf": true,
     "note": "a Non-secure device mapped onto a Realm granule: the GPC refuses the access"}
  ]
})json";

// SubstreamIDs (PASIDs): one stream, a CD per substream, the same IOVA reaching a different PA
// in each; CD 0 for DMA without a SubstreamID (S1DSS ssid0).
const char *const k_pasid = R"json({
  "name": "pasid",
  "description": "SubstreamIDs: one device, a CD and stage-1 tables per substream (the same IOVA, a different PA each), CD 0 without a SubstreamID, and SubstreamIDs the CD table refuses",
  "devices": [
    {"name": "accel", "engine": "ns", "sid": "0x60", "translation": "s1", "granule": "4K", "asid": 20,
     "s1dss": "ssid0",
     "mappings": [
       {"iova": "0x10000000", "pa": "0x89000000", "size": "4K", "perms": "r"}
     ],
     "substreams": [
       {"ssid": 1, "asid": 21, "mappings": [
         {"iova": "0x10000000", "pa": "0x89100000", "size": "16K", "perms": "rw"},
         {"iova": "0x20000000", "pa": "0x89110000", "size": "16K", "perms": "rw"}
       ]},
       {"ssid": 2, "asid": 22, "mappings": [
         {"iova": "0x10000000", "pa": "0x89200000", "size": "16K", "perms": "rw"}
       ]}
     ]}
  ],
  "steps": [
    {"device": "accel", "ssid": 1, "op": "write", "dst": "0x10000000", "size": "4K", "pattern": "0x11111111",
     "note": "SSID 1: IOVA 0x10000000 is PA 0x89100000"},
    {"device": "accel", "ssid": 2, "op": "write", "dst": "0x10000000", "size": "4K", "pattern": "0x22222222",
     "note": "SSID 2: the same IOVA is PA 0x89200000"},
    {"device": "accel", "ssid": 1, "op": "copy", "src": "0x10000000", "dst": "0x20000000", "size": "16K",
     "note": "within SSID 1's address space"},
    {"device": "accel", "op": "read", "src": "0x10000000", "size": "4K",
     "note": "no SubstreamID: S1DSS ssid0 gives CD 0 (PA 0x89000000)"},
    {"device": "accel", "ssid": 3, "op": "read", "src": "0x10000000", "size": "4K", "expect": "fault",
     "event": "C_BAD_CD", "note": "SSID 3 is in the CD table, but its CD is invalid"},
    {"device": "accel", "ssid": 4, "op": "read", "src": "0x10000000", "size": "4K", "expect": "fault",
     "event": "C_BAD_SUBSTREAMID", "note": "SSID 4 is beyond the CD table (S1CDMax 2: SSIDs 0-3)"}
  ]
})json";

const char *const k_stall = R"json({
  "name": "stall",
  "description": "Stall model: a DMA read faults on a page not mapped yet and stalls; the driver's event handler sees Stall=1 and the STAG, maps the page and sends CMD_RESUME(Retry); the read completes",
  "smmu": {"stall_model": "stall_and_terminate", "stall_max": 16},
  "devices": [
    {"name": "camera", "engine": "ns", "sid": "0x13", "translation": "s1", "granule": "4K", "asid": 7,
     "stall": true,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8c200000", "size": "4K", "perms": "rw"},
       {"iova": "0x10001000", "pa": "0x8c201000", "size": "4K", "perms": "rw", "demand": true}
     ]}
  ],
  "steps": [
    {"device": "camera", "op": "read", "src": "0x10000000", "size": "8K",
     "note": "the second page is mapped on demand: the DMA stalls until the driver resumes it"}
  ]
})json";

const char *const k_ats = R"json({
  "name": "ats",
  "description": "ATS: a PCIe endpoint caches translations in its ATC; the driver's unmap invalidates the SMMU's TLB, then the endpoint's ATC (CMD_ATC_INV), before its CMD_SYNC completes; the endpoint's next access translates again and gets no access",
  "smmu": {"ats": true},
  "devices": [
    {"name": "nvme", "engine": "pcie", "sid": "0x40", "translation": "s1", "granule": "4K", "asid": 9,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8a000000", "size": "8K", "perms": "rw"}
     ]}
  ],
  "steps": [
    {"device": "nvme", "op": "write", "dst": "0x10000000", "size": "4K", "pattern": "0x5a5a5a5a",
     "note": "ATC miss: a Translation Request, then Translated traffic"},
    {"device": "nvme", "op": "read", "src": "0x10000000", "size": "4K",
     "note": "ATC hit: no Translation Request"},
    {"device": "nvme", "op": "unmap", "iova": "0x10000000", "size": "4K",
     "note": "TLBI_NH_VA + CMD_SYNC, then CMD_ATC_INV + CMD_SYNC"},
    {"device": "nvme", "op": "read", "src": "0x10000000", "size": "4K", "expect": "fault",
     "note": "the ATC entry is gone: the new completion grants no access"},
    {"device": "nvme", "op": "read", "src": "0x10001000", "size": "4K",
     "note": "the other page still translates"}
  ]
})json";

const char *const k_pri = R"json({
  "name": "pri",
  "description": "PRI: a PCIe endpoint's Translation Request for a page not mapped yet gets no access; the endpoint sends a Page Request, the driver's PRI handler maps the page and answers Success (CMD_PRI_RESP); the endpoint translates again and the read completes",
  "smmu": {"ats": true, "pri": true, "priq_log2max": 7, "realm_impl": false},
  "devices": [
    {"name": "gpu", "engine": "pcie", "sid": "0x41", "translation": "s1", "granule": "4K", "asid": 10,
     "mappings": [
       {"iova": "0x10000000", "pa": "0x8a100000", "size": "4K", "perms": "rw"},
       {"iova": "0x10001000", "pa": "0x8a101000", "size": "4K", "perms": "rw", "demand": true}
     ]}
  ],
  "steps": [
    {"device": "gpu", "op": "read", "src": "0x10000000", "size": "8K",
     "note": "the second page is mapped on demand: a Page Request, then the Translation Request again"}
  ]
})json";

// A driver with three planted bugs, for the bring-up checker: smmu_platform --scenario
// buggy-driver --check reports exactly these three findings (docs/bring-up.md).
const char *const k_buggy_driver = R"json({
  "name": "buggy-driver",
  "description": "A driver with three planted bugs for --check: a TLBI not completed by a CMD_SYNC before DMA, a page remapped without break-before-make, a live STE rewritten in an unsafe order",
  "expect_findings": 3,
  "devices": [
    {"name": "nic", "engine": "ns", "sid": "0x20", "translation": "s1", "granule": "4K", "asid": 5,
     "mappings": [
       {"iova": "0x20000000", "pa": "0x8d000000", "size": "8K", "perms": "rw"}
     ]}
  ],
  "steps": [
    {"device": "nic", "op": "read", "src": "0x20000000", "size": "8K",
     "note": "the SMMU reads the STE, the CD and both pages' descriptors"},
    {"device": "nic", "op": "tlbi", "iova": "0x20000000", "size": "4K", "sync": false,
     "note": "bug 1: TLBI_NH_VA with no CMD_SYNC after it"},
    {"device": "nic", "op": "read", "src": "0x20000000", "size": "4K",
     "note": "DMA relies on the invalidation no CMD_SYNC completed"},
    {"device": "nic", "op": "remap", "iova": "0x20001000", "pa": "0x8d002000", "size": "4K", "bbm": false,
     "note": "bug 2: the valid descriptor gets a new output address in place, then TLBI + CMD_SYNC"},
    {"device": "nic", "op": "read", "src": "0x20001000", "size": "4K",
     "note": "the new page"},
    {"device": "nic", "op": "ste", "translation": "bypass", "order": "unsafe",
     "note": "bug 3: the live STE rewritten word by word, one CMD_CFGI_STE + CMD_SYNC at the end"},
    {"device": "nic", "op": "read", "src": "0x8d000000", "size": "4K",
     "note": "bypass: the address is the PA"}
  ]
})json";

// Architecture exploration (docs/exploration.md): two masters on two TBUs of an MMU-600-like
// SMMU. A NIC with 32 queues (StreamIDs 0x100-0x11f, one address space each) streaming packets
// through 4 MB of 2 MB blocks per queue (rx writes, tx reads), and a GPU-like master touching
// a 256 MB working set of 4 KB pages at random with some streaming. 100,000 transactions by
// default (--transactions N for more). A PMCG per TBU and one for the TCU, as on MMU-600.
const char *const k_traffic = R"json({
  "name": "traffic",
  "description": "Exploration workload: a NIC with 32 streams over 2 MB blocks (TBU 0) and a GPU-like master with a 256 MB random working set of 4 KB pages (TBU 1), on an MMU-600-like SMMU",
  "smmu": {"preset": "mmu600-like", "tbus": 2, "pmcg_groups": 3, "pmcg_per_tbu": true},
  "traffic": [
    {"name": "nic", "sid": "0x100", "streams": 32, "asid": 100, "tbu": 0,
     "buffer": {"iova": "0x40000000", "pa": "0x100000000", "size": "4M", "page": "2M"},
     "pattern": "sequential", "size": 256, "outstanding": 8, "transactions": 40000, "seed": 1,
     "mix": [
       {"write_percent": 100, "span": "2M", "weight": 1},
       {"offset": "2M", "write_percent": 0, "weight": 1}
     ]},
    {"name": "gpu", "sid": "0x200", "asid": 200, "tbu": 1,
     "buffer": {"iova": "0x800000000", "pa": "0x200000000", "size": "256M", "page": "4K"},
     "size": 128, "outstanding": 16, "transactions": 60000, "seed": 2,
     "mix": [
       {"pattern": "random", "write_percent": 30, "weight": 4},
       {"pattern": "sequential", "offset": "128M", "span": "16M", "size": 4096, "weight": 1}
     ]}
  ]
})json";

struct builtin {
    const char *name;
    const char *text;
};
const builtin k_builtins[] = {
    {"ns-s1", k_ns_s1}, {"secure", k_secure}, {"nested", k_nested},
    {"fault", k_fault}, {"granules", k_granules}, {"realm", k_realm}, {"pasid", k_pasid},
    {"stall", k_stall},
    {"ats", k_ats},
    {"pri", k_pri},
    {"buggy-driver", k_buggy_driver},
    {"traffic", k_traffic},
};

} // namespace

std::vector<std::string> builtin_names()
{
    std::vector<std::string> v{"demo"};
    for (const auto &b : k_builtins)
        v.push_back(b.name);
    return v;
}

bool builtin_scenario(const std::string &name, scenario *out, std::string *err)
{
    if (name == "demo") {
        scenario all;
        all.name = "demo";
        all.description = "Non-secure stage 1, Secure stage 1, nested guest, faults, and a Realm device with granule protection";
        for (const char *part : {"ns-s1", "secure", "nested", "fault", "realm"}) {
            scenario s;
            if (!builtin_scenario(part, &s, err))
                return false;
            // Paths in messages name the part: "nested: devices[0].granule"
            for (device_desc &d : s.devices) {
                d.where = std::string(part) + ": " + d.where;
                for (mapping &m : d.mappings)
                    m.where = std::string(part) + ": " + m.where;
                for (substream &sub : d.substreams)
                    for (mapping &m : sub.mappings)
                        m.where = std::string(part) + ": " + m.where;
            }
            for (step &st : s.steps)
                st.where = std::string(part) + ": " + st.where;
            all.devices.insert(all.devices.end(), s.devices.begin(), s.devices.end());
            all.steps.insert(all.steps.end(), s.steps.begin(), s.steps.end());
            all.gpt.insert(all.gpt.end(), s.gpt.begin(), s.gpt.end());
        }
        *out = std::move(all);
        return true;
    }
    for (const auto &b : k_builtins)
        if (name == b.name)
            return parse_scenario(b.text, std::string("built-in scenario ") + b.name, out, err);
    std::string list;
    for (const auto &n : builtin_names())
        list += (list.empty() ? "" : ", ") + n;
    *err = "unknown scenario \"" + name + "\" (available: " + list + ")";
    return false;
}

} // namespace smmuv3::platform
