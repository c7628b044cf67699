/* SPDX-License-Identifier: Apache-2.0 */
/*
 * State capture, JSON save/load and restore (see smmu_state.h).
 *
 * Model choices:
 *  - GERROR is read-only: restore cannot reproduce its value, only which errors are active
 *    (GERROR ^ GERRORN). It writes GERRORN = GERROR ^ GERRORN, so after restore GERROR reads 0
 *    and GERRORN holds the active set (the core then logs that toggled-inactive bits read as
 *    active, IHI 0070 6.3.20). CMDQ_CONS.ERR is SMMU-owned and not restorable either: a
 *    restored CMDQ_ERR reads CERROR_NONE in CMDQ_CONS.ERR.
 *  - Registers without state (S_INIT, the ACK registers, ID registers, ROOT_TLBI_CTRL,
 *    ROOT_GPT_BASE_UPDATE) are not captured: the configuration decides the ID registers and
 *    the model completes handshakes at once.
 *  - ROOT_GPF_FAR and ROOT_GPT_CFG_FAR are captured but cannot be restored: software can only
 *    clear them [IHI 0070 6.3.116-117]. A restored instance has them 0 (no fault recorded),
 *    so a fault it meets is recorded afresh; the dump's values stay in the state for display.
 *  - Restore writes the Root page first (GPT_BASE and GPT_BASE_CFG are writable only while
 *    GPCEN is 0, so before ROOT_CR0) so that any access the SMMU makes while the banks are
 *    restored is checked as it was in the dump.
 *  - Format version 2 adds the RME configuration fields and the Realm and Root registers;
 *    version 1 files (no RME) are still read, with the RME fields at their defaults.
 */
#include "smmu_state.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "common/hexutil.h"
#include "smmuv3/arch.h"

using json = nlohmann::json;

namespace smmuv3::tools {

/* ---------------------------------------------------------------------------------------------
 * Registers
 * ------------------------------------------------------------------------------------------- */

namespace {

enum reg_need { NEED_NONE, NEED_MSI, NEED_PRI, NEED_PRI_MSI, NEED_RGPTM };

/* The programming interfaces whose registers the state holds, in capture order. */
enum state_bank { SB_NS, SB_S, SB_R, SB_ROOT, SB_COUNT };
#define IN_NS (1u << SB_NS)
#define IN_S (1u << SB_S)
#define IN_R (1u << SB_R)
#define IN_NSR (IN_NS | IN_S | IN_R)

struct reg_template {
    const char *name;     /* without the bank prefix */
    uint64_t off;         /* offset in the bank's page 0 (page 1 for the queue PROD/CONS of
                             the Non-secure and Realm banks, see in_page1) */
    unsigned size;
    unsigned banks; /* IN_*: which banks have it [IHI 0070 6.2.1, 6.2.7-6.2.8] */
    reg_need need;
};

/* Non-secure EVENTQ/PRIQ PROD/CONS live in page 1 [6.2.2]; the Secure ones in page 0. */
constexpr uint64_t P1 = SMMU_PAGE1_OFFSET;

/* No PRI queue in the Secure bank [6.2.1] nor the Realm bank (the model refuses REALM_IMPL
 * with PRI: smmu_create). */
const reg_template reg_templates[] = {
    {"CR0", SMMU_CR0, 4, IN_NSR, NEED_NONE},
    {"CR1", SMMU_CR1, 4, IN_NSR, NEED_NONE},
    {"CR2", SMMU_CR2, 4, IN_NSR, NEED_NONE},
    {"GBPA", SMMU_GBPA, 4, IN_NSR, NEED_NONE},
    {"IRQ_CTRL", SMMU_IRQ_CTRL, 4, IN_NSR, NEED_NONE},
    {"GERROR", SMMU_GERROR, 4, IN_NSR, NEED_NONE},
    {"GERRORN", SMMU_GERRORN, 4, IN_NSR, NEED_NONE},
    {"GERROR_IRQ_CFG0", SMMU_GERROR_IRQ_CFG0, 8, IN_NSR, NEED_MSI},
    {"GERROR_IRQ_CFG1", SMMU_GERROR_IRQ_CFG1, 4, IN_NSR, NEED_MSI},
    {"GERROR_IRQ_CFG2", SMMU_GERROR_IRQ_CFG2, 4, IN_NSR, NEED_MSI},
    {"STRTAB_BASE", SMMU_STRTAB_BASE, 8, IN_NSR, NEED_NONE},
    {"STRTAB_BASE_CFG", SMMU_STRTAB_BASE_CFG, 4, IN_NSR, NEED_NONE},
    {"CMDQ_BASE", SMMU_CMDQ_BASE, 8, IN_NSR, NEED_NONE},
    {"CMDQ_PROD", SMMU_CMDQ_PROD, 4, IN_NSR, NEED_NONE},
    {"CMDQ_CONS", SMMU_CMDQ_CONS, 4, IN_NSR, NEED_NONE},
    {"EVENTQ_BASE", SMMU_EVENTQ_BASE, 8, IN_NSR, NEED_NONE},
    {"EVENTQ_PROD", SMMU_EVENTQ_PROD, 4, IN_NSR, NEED_NONE},
    {"EVENTQ_CONS", SMMU_EVENTQ_CONS, 4, IN_NSR, NEED_NONE},
    {"EVENTQ_IRQ_CFG0", SMMU_EVENTQ_IRQ_CFG0, 8, IN_NSR, NEED_MSI},
    {"EVENTQ_IRQ_CFG1", SMMU_EVENTQ_IRQ_CFG1, 4, IN_NSR, NEED_MSI},
    {"EVENTQ_IRQ_CFG2", SMMU_EVENTQ_IRQ_CFG2, 4, IN_NSR, NEED_MSI},
    {"PRIQ_BASE", SMMU_PRIQ_BASE, 8, IN_NS, NEED_PRI},
    {"PRIQ_PROD", SMMU_PRIQ_PROD, 4, IN_NS, NEED_PRI},
    {"PRIQ_CONS", SMMU_PRIQ_CONS, 4, IN_NS, NEED_PRI},
    {"PRIQ_IRQ_CFG0", SMMU_PRIQ_IRQ_CFG0, 8, IN_NS, NEED_PRI_MSI},
    {"PRIQ_IRQ_CFG1", SMMU_PRIQ_IRQ_CFG1, 4, IN_NS, NEED_PRI_MSI},
    {"PRIQ_IRQ_CFG2", SMMU_PRIQ_IRQ_CFG2, 4, IN_NS, NEED_PRI_MSI},
};

/* The Root control page registers with state [6.3.112-120], offsets from root_page_offset. */
const reg_template root_templates[] = {
    {"GPT_BASE", SMMU_ROOT_GPT_BASE, 8, 1u << SB_ROOT, NEED_NONE},
    {"GPT_BASE_CFG", SMMU_ROOT_GPT_BASE_CFG, 8, 1u << SB_ROOT, NEED_NONE},
    {"GPT_BASE2", SMMU_ROOT_GPT_BASE2, 8, 1u << SB_ROOT, NEED_NONE},
    {"TLBI", SMMU_ROOT_TLBI, 8, 1u << SB_ROOT, NEED_RGPTM},
    {"CR0", SMMU_ROOT_CR0, 4, 1u << SB_ROOT, NEED_NONE},
    {"GPF_FAR", SMMU_ROOT_GPF_FAR, 8, 1u << SB_ROOT, NEED_NONE},
    {"GPT_CFG_FAR", SMMU_ROOT_GPT_CFG_FAR, 8, 1u << SB_ROOT, NEED_NONE},
};

struct bank_info {
    const char *prefix;
    smmu_pa_space pas;
};
const bank_info bank_infos[SB_COUNT] = {
    {"SMMU_", SMMU_PAS_NS},
    {"SMMU_S_", SMMU_PAS_SECURE},
    {"SMMU_R_", SMMU_PAS_REALM},
    {"SMMU_ROOT_", SMMU_PAS_ROOT},
};

bool bank_present(const smmu_config &c, state_bank b)
{
    switch (b) {
    case SB_S:
        return c.secure_impl;
    case SB_R:
        return c.rme_impl && c.realm_impl;
    case SB_ROOT:
        return c.rme_impl;
    default:
        return true;
    }
}

bool reg_needed(const smmu_config &c, reg_need n)
{
    switch (n) {
    case NEED_RGPTM:
        return c.rgptm;
    case NEED_MSI: return c.msi;
    case NEED_PRI: return c.pri;
    case NEED_PRI_MSI: return c.pri && c.msi;
    default: return true;
    }
}

bool in_page1(const std::string &name)
{
    return name == "EVENTQ_PROD" || name == "EVENTQ_CONS" || name == "PRIQ_PROD" ||
           name == "PRIQ_CONS";
}

} // namespace

/* Where bank b's page 0 is [6.2.1, 6.2.6-6.2.7]. */
static uint64_t bank_base(const smmu_config &cfg, state_bank b)
{
    switch (b) {
    case SB_S:
        return SMMU_S_BANK_OFFSET;
    case SB_R:
        return SMMU_REALM_BASE(cfg.ba_realm);
    case SB_ROOT:
        return cfg.root_page_offset;
    default:
        return 0;
    }
}

std::vector<reg_info> state_registers(const smmu_config &cfg)
{
    std::vector<reg_info> out;
    for (unsigned b = 0; b < SB_COUNT; b++) {
        state_bank bank = (state_bank)b;
        if (!bank_present(cfg, bank))
            continue;
        const reg_template *tab = bank == SB_ROOT ? root_templates : reg_templates;
        size_t n = bank == SB_ROOT ? std::size(root_templates) : std::size(reg_templates);
        for (size_t i = 0; i < n; i++) {
            const reg_template &t = tab[i];
            if (!(t.banks & (1u << b)) || !reg_needed(cfg, t.need))
                continue;
            reg_info r;
            r.name = std::string(bank_infos[b].prefix) + t.name;
            /* The Secure bank's queue PROD/CONS are in page 0 [6.2.1] */
            bool page1 = (bank == SB_NS || bank == SB_R) && in_page1(t.name);
            r.offset = bank_base(cfg, bank) + (page1 ? P1 : 0) + t.off;
            r.size = t.size;
            r.pas = bank_infos[b].pas;
            out.push_back(r);
        }
    }
    return out;
}

static const reg_info *reg_by_offset(const std::vector<reg_info> &infos, uint64_t off,
                                     smmu_pa_space pas)
{
    for (const reg_info &r : infos)
        if (r.offset == off && r.pas == pas)
            return &r;
    return nullptr;
}

bool state_reg(const smmu_state &st, const std::string &name, uint64_t *value)
{
    std::vector<reg_info> infos = state_registers(st.cfg);
    for (const reg_info &r : infos)
        if (r.name == name)
            for (const reg_value &v : st.regs)
                if (v.offset == r.offset && v.pas == r.pas) {
                    *value = v.value;
                    return true;
                }
    return false;
}

smmu_state capture_state(smmu_t *smmu, std::vector<mem_region> memory)
{
    smmu_state st{};
    smmu_config_init(&st.cfg);
    if (const smmu_config *c = smmu_get_config(smmu))
        st.cfg = *c;
    st.cfg.struct_size = sizeof(smmu_config);
    for (const reg_info &r : state_registers(st.cfg)) {
        uint64_t v = 0;
        if (smmu && smmu_reg_read(smmu, r.offset, r.size, r.pas, &v) != SMMU_OK)
            v = 0;
        st.regs.push_back({r.offset, r.size, r.pas, v});
    }
    st.memory = std::move(memory);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Configuration fields by name
 * ------------------------------------------------------------------------------------------- */

#define CONFIG_FIELDS(X)                                                                          \
    X(arch_minor) X(iidr_product_id) X(iidr_implementer) X(iidr_variant) X(iidr_revision)         \
    X(stage1) X(stage2) X(oas_bits) X(gran4k) X(gran16k) X(gran64k) X(ds) X(vax) X(asid16)        \
    X(vmid16) X(vmw) X(httu) X(hyp) X(btm) X(coherent) X(msi) X(sev) X(ats) X(pri) X(cd2l)        \
    X(st_2level) X(term_model) X(stall_model) X(stall_max) X(ttendian) X(ril) X(stt) X(fwb)      \
    X(xnx) X(had) X(e0pd) X(pbha) X(attr_types_ovr) X(attr_perms_ovr) X(bbml) X(sid_bits)        \
    X(ssid_bits) X(cmdq_log2max) X(eventq_log2max) X(priq_log2max) X(secure_impl) X(sel2)        \
    X(s_sid_bits) X(sams) X(gbpa_abort_at_reset) X(tlb_entries) X(tlb_ways) X(cfg_entries)       \
    X(cfg_ways)

/* Added in format version 2 (RME) */
#define CONFIG_FIELDS_RME(X)                                                                       \
    X(rme_impl) X(realm_impl) X(root_page_offset) X(ba_realm) X(rgptm) X(bgptm) X(l0gptsz_bits)

namespace {

void put_field(json &j, const char *name, bool v) { j[name] = v; }
void put_field(json &j, const char *name, smmu_stall_model v) { j[name] = (unsigned)v; }
template <typename T> void put_field(json &j, const char *name, T v) { j[name] = (uint64_t)v; }

bool get_field(const json &j, const char *name, bool *v, std::string *err)
{
    if (!j.is_boolean()) {
        *err = std::string("config.") + name + " must be true or false";
        return false;
    }
    *v = j.get<bool>();
    return true;
}

bool get_uint(const json &j, const char *name, uint64_t max, uint64_t *v, std::string *err)
{
    if (!j.is_number_unsigned() || j.get<uint64_t>() > max) {
        *err = std::string("config.") + name + " must be an integer in 0.." + std::to_string(max);
        return false;
    }
    *v = j.get<uint64_t>();
    return true;
}

bool get_field(const json &j, const char *name, smmu_stall_model *v, std::string *err)
{
    uint64_t x;
    if (!get_uint(j, name, SMMU_STALL_FORCED, &x, err))
        return false;
    *v = (smmu_stall_model)x;
    return true;
}

template <typename T> bool get_field(const json &j, const char *name, T *v, std::string *err)
{
    uint64_t x;
    if (!get_uint(j, name, std::numeric_limits<T>::max(), &x, err))
        return false;
    *v = (T)x;
    return true;
}

} // namespace

/* ---------------------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------------------- */

static const char *const FORMAT_NAME = "smmuv3-state";
static const unsigned FORMAT_VERSION = 2;

bool save_state(const smmu_state &st, const std::string &path, std::string *err)
{
    json j;
    j["format"] = FORMAT_NAME;
    j["version"] = FORMAT_VERSION;
    json cfg = json::object();
#define PUT(f) put_field(cfg, #f, st.cfg.f);
    CONFIG_FIELDS(PUT)
    CONFIG_FIELDS_RME(PUT)
#undef PUT
    j["config"] = cfg;
    std::vector<reg_info> infos = state_registers(st.cfg);
    json regs = json::array();
    for (const reg_value &r : st.regs) {
        const reg_info *i = reg_by_offset(infos, r.offset, r.pas);
        if (!i) {
            *err = "register at offset " + hex(r.offset) + " (" + pas_name(r.pas) +
                   ") is not one the state format knows";
            return false;
        }
        regs.push_back({{"name", i->name}, {"offset", hex(r.offset)}, {"size", r.size},
                        {"pas", pas_name(r.pas)}, {"value", hex(r.value)}});
    }
    j["registers"] = regs;
    json mem = json::array();
    for (const mem_region &m : st.memory)
        mem.push_back({{"pas", pas_name(m.pas)}, {"base", hex(m.base)},
                       {"size", hex(m.bytes.size())}, {"bytes", hex_bytes(m.bytes)}});
    j["memory"] = mem;
    std::ofstream f(path);
    if (!f) {
        *err = "cannot open '" + path + "' for writing";
        return false;
    }
    f << j.dump(1) << "\n";
    f.close();
    if (!f) {
        *err = "error writing '" + path + "'";
        return false;
    }
    return true;
}

namespace {

/* Exactly these keys, each present. */
bool check_keys(const json &j, const std::string &what, std::initializer_list<const char *> keys,
                std::string *err)
{
    if (!j.is_object()) {
        *err = what + " must be a JSON object";
        return false;
    }
    std::set<std::string> want(keys.begin(), keys.end());
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!want.count(it.key())) {
            *err = what + ": unknown field '" + it.key() + "'";
            return false;
        }
    for (const char *k : keys)
        if (!j.contains(k)) {
            *err = what + ": missing field '" + k + "'";
            return false;
        }
    return true;
}

bool get_hex(const json &j, const std::string &what, uint64_t *v, std::string *err)
{
    if (!j.is_string()) {
        *err = what + " must be a hex string (\"0x...\")";
        return false;
    }
    std::string e;
    if (!parse_u64(j.get<std::string>(), v, &e)) {
        *err = what + ": " + e;
        return false;
    }
    return true;
}

bool get_pas(const json &j, const std::string &what, smmu_pa_space *pas, std::string *err)
{
    std::string e;
    if (!j.is_string() || !parse_pas(j.get<std::string>(), pas, &e)) {
        *err = what + ": " + (j.is_string() ? e : "must be a string");
        return false;
    }
    return true;
}

/* Whether the core accepts cfg; if not, *why is its reason. The core says why only through
 * env.log, and a caller's env is not ours to wrap: a trial instance with an env of our own
 * hears the reason. */
bool check_config(const smmu_config &cfg_in, std::string *why)
{
    smmu_config cfg = cfg_in;
    cfg.struct_size = sizeof(cfg);
    char reason[256] = "";
    smmu_status rc = smmu_config_check(&cfg, reason, sizeof(reason));
    if (rc == SMMU_OK)
        return true;
    *why = std::string("the model refuses this configuration: ") + reason + " (" +
           smmu_strerror(rc) + ")";
    return false;
}

bool parse_state(const json &j, smmu_state *out, std::string *err)
{
    if (!check_keys(j, "state", {"format", "version", "config", "registers", "memory"}, err))
        return false;
    if (j["format"] != FORMAT_NAME) {
        *err = std::string("not an SMMU state file: format is not \"") + FORMAT_NAME + "\"";
        return false;
    }
    const json &ver = j["version"];
    if (!ver.is_number_unsigned() || ver.get<uint64_t>() < 1 ||
        ver.get<uint64_t>() > FORMAT_VERSION) {
        *err = "unsupported state file version " + ver.dump() + " (this tool reads versions 1 to " +
               std::to_string(FORMAT_VERSION) + ")";
        return false;
    }
    /* Version 1 has no RME fields: they keep smmu_config_init's defaults (RME absent). */
    bool v1 = ver.get<uint64_t>() == 1;
    smmu_state st{};
    smmu_config_init(&st.cfg);
    const json &cfg = j["config"];
#define NAME(f) #f,
    if (!(v1 ? check_keys(cfg, "config", {CONFIG_FIELDS(NAME)}, err)
             : check_keys(cfg, "config", {CONFIG_FIELDS(NAME) CONFIG_FIELDS_RME(NAME)}, err)))
        return false;
#undef NAME
#define GET(f)                                                                                    \
    if (!get_field(cfg[#f], #f, &st.cfg.f, err))                                                  \
        return false;
    CONFIG_FIELDS(GET)
    if (!v1) {
        CONFIG_FIELDS_RME(GET)
    }
#undef GET
    /* Before the registers: which registers exist depends on a configuration the core
     * accepts. */
    std::string why;
    if (!check_config(st.cfg, &why)) {
        *err = "config: " + why;
        return false;
    }

    std::vector<reg_info> infos = state_registers(st.cfg);
    const json &regs = j["registers"];
    if (!regs.is_array()) {
        *err = "registers must be an array";
        return false;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < regs.size(); i++) {
        std::string what = "registers[" + std::to_string(i) + "]";
        const json &r = regs[i];
        if (!check_keys(r, what, {"name", "offset", "size", "pas", "value"}, err))
            return false;
        if (!r["name"].is_string()) {
            *err = what + ".name must be a string";
            return false;
        }
        std::string name = r["name"].get<std::string>();
        what += " (" + name + ")";
        auto info = std::find_if(infos.begin(), infos.end(),
                                 [&](const reg_info &x) { return x.name == name; });
        if (info == infos.end()) {
            *err = what + ": unknown register for this configuration";
            return false;
        }
        reg_value v{};
        if (!get_hex(r["offset"], what + ".offset", &v.offset, err) ||
            !get_pas(r["pas"], what + ".pas", &v.pas, err) ||
            !get_hex(r["value"], what + ".value", &v.value, err))
            return false;
        if (!r["size"].is_number_unsigned()) {
            *err = what + ".size must be 4 or 8";
            return false;
        }
        v.size = r["size"].get<unsigned>();
        if (v.offset != info->offset || v.pas != info->pas || v.size != info->size) {
            *err = what + ": offset/size/pas " + hex(v.offset) + "/" + std::to_string(v.size) +
                   "/" + pas_name(v.pas) + " do not match the register (" + hex(info->offset) +
                   "/" + std::to_string(info->size) + "/" + pas_name(info->pas) + ")";
            return false;
        }
        if (v.size == 4 && v.value > UINT32_MAX) {
            *err = what + ": value " + hex(v.value) + " is wider than 32 bits";
            return false;
        }
        if (!seen.insert(name).second) {
            *err = what + ": register given twice";
            return false;
        }
        st.regs.push_back(v);
    }
    for (const reg_info &r : infos)
        if (!seen.count(r.name)) {
            *err = "registers: missing " + r.name;
            return false;
        }

    const json &mem = j["memory"];
    if (!mem.is_array()) {
        *err = "memory must be an array";
        return false;
    }
    for (size_t i = 0; i < mem.size(); i++) {
        std::string what = "memory[" + std::to_string(i) + "]";
        const json &m = mem[i];
        if (!check_keys(m, what, {"pas", "base", "size", "bytes"}, err))
            return false;
        mem_region reg;
        uint64_t size;
        if (!get_pas(m["pas"], what + ".pas", &reg.pas, err) ||
            !get_hex(m["base"], what + ".base", &reg.base, err) ||
            !get_hex(m["size"], what + ".size", &size, err))
            return false;
        if (!m["bytes"].is_string()) {
            *err = what + ".bytes must be a hex string";
            return false;
        }
        std::string e;
        if (!parse_bytes(m["bytes"].get<std::string>(), &reg.bytes, &e)) {
            *err = what + ".bytes: " + e;
            return false;
        }
        if (reg.bytes.size() != size) {
            *err = what + ": truncated memory image: size says " + hex(size) + " bytes, " +
                   hex(reg.bytes.size()) + " given";
            return false;
        }
        if (size && reg.base + (size - 1) < reg.base) {
            *err = what + ": region wraps past the end of the address space";
            return false;
        }
        for (const mem_region &o : st.memory)
            if (o.pas == reg.pas && size && !o.bytes.empty() &&
                reg.base <= o.base + (o.bytes.size() - 1) && o.base <= reg.base + (size - 1)) {
                *err = what + ": overlaps another region at " + hex(o.base);
                return false;
            }
        st.memory.push_back(std::move(reg));
    }
    *out = std::move(st);
    return true;
}

} // namespace

bool load_state(const std::string &path, smmu_state *out, std::string *err)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        *err = "cannot open state file '" + path + "'";
        return false;
    }
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return parse_state_text(text, path, out, err);
}

bool parse_state_text(const std::string &text, const std::string &source, smmu_state *out,
                      std::string *err)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception &e) {
        /* Most often a file cut short: say where the text stopped making sense. */
        const auto *pe = dynamic_cast<const json::parse_error *>(&e);
        std::string what = e.what();
        size_t cut = what.find("; last read:"); /* nlohmann quotes the whole token: too long */
        *err = "'" + source + "' is not valid JSON (truncated or corrupt" +
               (pe ? " at byte " + std::to_string(pe->byte) : std::string()) +
               "): " + what.substr(0, cut);
        return false;
    }
    std::string e;
    if (!parse_state(j, out, &e)) {
        *err = source + ": " + e;
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Restore
 * ------------------------------------------------------------------------------------------- */

smmu_t *restore_state(const smmu_state &st, const smmu_env &env, std::string *err)
{
    smmu_config cfg = st.cfg;
    cfg.struct_size = sizeof(cfg);
    std::string why;
    if (!check_config(cfg, &why)) {
        *err = "config: " + why;
        return nullptr;
    }
    smmu_t *s = nullptr;
    smmu_status rc = smmu_create(&cfg, &env, &s);
    if (rc != SMMU_OK) {
        *err = std::string("smmu_create failed: ") + smmu_strerror(rc);
        return nullptr;
    }
    std::vector<reg_info> infos = state_registers(st.cfg);
    std::map<std::string, const reg_value *> by_name;
    for (const reg_value &v : st.regs) {
        const reg_info *i = reg_by_offset(infos, v.offset, v.pas);
        if (!i) {
            *err = "register at offset " + hex(v.offset) + " is not part of the state format";
            smmu_destroy(s);
            return nullptr;
        }
        by_name[i->name] = &v;
    }
    auto write = [&](const std::string &name, uint64_t extra) {
        auto it = by_name.find(name);
        if (it != by_name.end())
            smmu_reg_write(s, it->second->offset, it->second->size, it->second->pas,
                           it->second->value | extra);
    };
    /* The Root page first (see the header comment), ROOT_CR0 last of it: GPT_BASE and
     * GPT_BASE_CFG are writable only while GPCEN is 0 [6.3.114-115]. */
    for (const char *n : {"GPT_BASE", "GPT_BASE_CFG", "GPT_BASE2", "TLBI", "CR0"})
        write(std::string("SMMU_ROOT_") + n, 0);
    /* Order [IHI 0070 6.3 "Guarded by"]: everything an enable guards before the enable. */
    static const char *const before_enables[] = {
        "CR1", "CR2", "STRTAB_BASE", "STRTAB_BASE_CFG",
        "CMDQ_BASE", "EVENTQ_BASE", "PRIQ_BASE",                /* LOG2SIZE first: it sizes */
        "CMDQ_PROD", "CMDQ_CONS", "EVENTQ_PROD", "EVENTQ_CONS", /* the PROD/CONS fields */
        "PRIQ_PROD", "PRIQ_CONS",
        "GERROR_IRQ_CFG0", "GERROR_IRQ_CFG1", "GERROR_IRQ_CFG2",
        "EVENTQ_IRQ_CFG0", "EVENTQ_IRQ_CFG1", "EVENTQ_IRQ_CFG2",
        "PRIQ_IRQ_CFG0", "PRIQ_IRQ_CFG1", "PRIQ_IRQ_CFG2", "IRQ_CTRL"};
    const char *const prefixes[] = {"SMMU_", "SMMU_S_", "SMMU_R_"};
    for (const char *p : prefixes) {
        std::string pfx = p;
        for (const char *n : before_enables)
            write(pfx + n, 0);
        write(pfx + "GBPA", SMMU_GBPA_UPDATE); /* a GBPA write takes effect only with Update */
        /* Global errors: see the header comment (GERROR is read-only). */
        uint64_t ge = 0, gn = 0;
        if (state_reg(st, pfx + "GERROR", &ge) && state_reg(st, pfx + "GERRORN", &gn) && (ge ^ gn)) {
            const reg_value *r = by_name[pfx + "GERRORN"];
            smmu_reg_write(s, r->offset, 4, r->pas, ge ^ gn);
        }
    }
    /* The Secure CR0 first: S_CR0.NSSTALLD changes what the Non-secure bank reports. */
    write("SMMU_S_CR0", 0);
    write("SMMU_R_CR0", 0);
    write("SMMU_CR0", 0);

    /* Read back: a value the SMMU would not take (RES0 bits, a guard) means the state was not
     * one a real SMMU could be in. */
    for (const reg_info &i : infos) {
        auto it = by_name.find(i.name);
        if (it == by_name.end() || i.name.find("GERROR") != std::string::npos ||
            i.name.find("_FAR") != std::string::npos)
            continue; /* GERROR: checked below; the FARs are not restorable */
        uint64_t v = 0;
        smmu_reg_read(s, i.offset, i.size, i.pas, &v);
        if (v != it->second->value) {
            *err = "restore: " + i.name + " reads " + hex(v) + " after restoring " +
                   hex(it->second->value) + " (reserved bits, or a value the SMMU does not take)";
            smmu_destroy(s);
            return nullptr;
        }
    }
    for (const char *p : prefixes) {
        std::string pfx = p;
        uint64_t ge = 0, gn = 0, rge = 0, rgn = 0;
        if (!state_reg(st, pfx + "GERROR", &ge) || !state_reg(st, pfx + "GERRORN", &gn))
            continue;
        const reg_value *a = by_name[pfx + "GERROR"], *b = by_name[pfx + "GERRORN"];
        smmu_reg_read(s, a->offset, 4, a->pas, &rge);
        smmu_reg_read(s, b->offset, 4, b->pas, &rgn);
        if ((rge ^ rgn) != (ge ^ gn)) {
            *err = "restore: " + pfx + "GERROR active errors " + hex(rge ^ rgn) + " instead of " +
                   hex(ge ^ gn);
            smmu_destroy(s);
            return nullptr;
        }
    }
    return s;
}

} // namespace smmuv3::tools
