/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Structure decoding and encoding (decode.h). Which fields a structure has comes from the
 * field tables of <smmuv3/arch.h>; which of them a given command or event record carries is
 * listed here by name (IHI 0070 4.2-4.7 and 7.3), never by bit position.
 */
#include "decode.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/hexutil.h"
#include "gpt.h"

extern "C" {
#include "edit_distance.h"
#include "smmuv3/arch.h"
}

namespace smmuv3::tools {

namespace {

struct table_ref {
    const smmu_field_desc *t;
    size_t n;
};

struct structure_def {
    structure s;
    const char *name, *title;
    unsigned dwords;
};

const structure_def structures[] = {
    {structure::ste, "ste", "Stream Table Entry", SMMU_STE_DWORDS},
    {structure::l1std, "l1std", "Level-1 Stream Table Descriptor", 1},
    {structure::cd, "cd", "Context Descriptor", SMMU_CD_DWORDS},
    {structure::l1cd, "l1cd", "Level-1 Context Descriptor", 1},
    {structure::s1desc, "s1desc", "stage-1 translation table descriptor", 1},
    {structure::s2desc, "s2desc", "stage-2 translation table descriptor", 1},
    {structure::cmd, "cmd", "command", SMMU_CMD_DWORDS},
    {structure::evt, "evt", "event record", SMMU_EVT_DWORDS},
    {structure::gpt_l0, "gpt_l0", "level-0 GPT descriptor", 1},
    {structure::gpt_l1, "gpt_l1", "level-1 GPT descriptor", 1},
    {structure::gpt_base_cfg, "gpt_base_cfg", "SMMU_ROOT_GPT_BASE_CFG", 1},
    {structure::gpf_far, "gpf_far", "SMMU_ROOT_GPF_FAR", 1},
    {structure::gpt_cfg_far, "gpt_cfg_far", "SMMU_ROOT_GPT_CFG_FAR", 1},
};

const structure_def &def_of(structure s)
{
    for (const structure_def &d : structures)
        if (d.s == s)
            return d;
    return structures[0];
}

/* ---- which fields a command / event record carries ---- */

#define TLBI_RANGE "NUM", "SCALE", "Leaf", "TTL", "TG"
struct cmd_fields {
    unsigned op;
    std::vector<const char *> names;
};
const cmd_fields cmd_field_lists[] = {
    {SMMU_CMD_PREFETCH_CONFIG, {"SSec", "SSV", "SubstreamID", "StreamID"}},
    {SMMU_CMD_PREFETCH_ADDR, {"SSec", "SSV", "SubstreamID", "StreamID", "Size", "Addr"}},
    {SMMU_CMD_CFGI_STE, {"SSec", "StreamID", "Leaf"}},
    {SMMU_CMD_CFGI_STE_RANGE, {"SSec", "StreamID", "Range"}},
    {SMMU_CMD_CFGI_CD, {"SSec", "SubstreamID", "StreamID", "Leaf"}},
    {SMMU_CMD_CFGI_CD_ALL, {"SSec", "StreamID"}},
    {SMMU_CMD_CFGI_VMS_PIDM, {"SSec", "VMID"}},
    {SMMU_CMD_TLBI_NH_ALL, {"VMID"}},
    {SMMU_CMD_TLBI_NH_ASID, {"VMID", "ASID"}},
    {SMMU_CMD_TLBI_NH_VA, {"VMID", "ASID", TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_NH_VAA, {"VMID", TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_EL3_ALL, {}},
    {SMMU_CMD_TLBI_EL3_VA, {TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_EL2_ALL, {}},
    {SMMU_CMD_TLBI_EL2_ASID, {"ASID"}},
    {SMMU_CMD_TLBI_EL2_VA, {"ASID", TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_EL2_VAA, {TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_S12_VMALL, {"VMID"}},
    {SMMU_CMD_TLBI_S2_IPA, {"VMID", TLBI_RANGE, "IPA"}},
    {SMMU_CMD_TLBI_NSNH_ALL, {}},
    {SMMU_CMD_ATC_INV, {"Global", "SSV", "SubstreamID", "StreamID", "ATC_Size", "Addr"}},
    {SMMU_CMD_PRI_RESP, {"SSV", "SubstreamID", "StreamID", "PRGIndex", "Resp"}},
    {SMMU_CMD_RESUME, {"SSec", "Ac", "Ab", "StreamID", "STAG"}},
    {SMMU_CMD_STALL_TERM, {"SSec", "StreamID"}},
    {SMMU_CMD_SYNC, {"CS", "MSH", "MSIAttr", "MSIData", "MSIAddr", "MSI_NS"}},
    {SMMU_CMD_TLBI_S_EL2_ALL, {}},
    {SMMU_CMD_TLBI_S_EL2_ASID, {"ASID"}},
    {SMMU_CMD_TLBI_S_EL2_VA, {"ASID", TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_S_EL2_VAA, {TLBI_RANGE, "Addr"}},
    {SMMU_CMD_TLBI_S_S12_VMALL, {"VMID"}},
    {SMMU_CMD_TLBI_S_S2_IPA, {"VMID", TLBI_RANGE, "S2_NS", "IPA"}},
    {SMMU_CMD_TLBI_SNH_ALL, {}},
    {SMMU_CMD_DPTI_ALL, {}},
    {SMMU_CMD_DPTI_PA, {}},
};

#define EVT_ID "SSV", "SubstreamID", "StreamID"
#define EVT_ACCESS "PnU", "InD", "RnW"
struct evt_fields {
    unsigned type;
    std::vector<const char *> names;
};
const evt_fields evt_field_lists[] = {
    {SMMU_EVT_F_UUT, {EVT_ID, "Reason", EVT_ACCESS, "InputAddr"}},
    {SMMU_EVT_C_BAD_STREAMID, {EVT_ID}},
    {SMMU_EVT_F_STE_FETCH, {EVT_ID, "Reason", "GPCF", "FetchAddr"}},
    {SMMU_EVT_C_BAD_STE, {EVT_ID}},
    {SMMU_EVT_F_BAD_ATS_TREQ, {"StreamID"}},
    {SMMU_EVT_F_STREAM_DISABLED, {"StreamID"}},
    {SMMU_EVT_F_TRANSL_FORBIDDEN, {"StreamID", "RnW", "InputAddr"}},
    {SMMU_EVT_C_BAD_SUBSTREAMID, {"SubstreamID", "StreamID"}},
    {SMMU_EVT_F_CD_FETCH, {EVT_ID, "Reason", "GPCF", "FetchAddr"}},
    {SMMU_EVT_C_BAD_CD, {EVT_ID}},
    {SMMU_EVT_F_WALK_EABT,
     {EVT_ID, "Reason", "GPCF", EVT_ACCESS, "S2", "CLASS", "InputAddr", "FetchAddr"}},
    {SMMU_EVT_F_TRANSLATION,
     {EVT_ID, "STAG", "Stall", EVT_ACCESS, "NSIPA", "S2", "CLASS", "InputAddr", "IPA"}},
    {SMMU_EVT_F_ADDR_SIZE,
     {EVT_ID, "STAG", "Stall", EVT_ACCESS, "NSIPA", "S2", "CLASS", "InputAddr", "IPA"}},
    {SMMU_EVT_F_ACCESS,
     {EVT_ID, "STAG", "Stall", EVT_ACCESS, "NSIPA", "S2", "CLASS", "InputAddr", "IPA"}},
    {SMMU_EVT_F_PERMISSION,
     {EVT_ID, "STAG", "Stall", EVT_ACCESS, "NSIPA", "S2", "CLASS", "TTRnW", "InputAddr", "IPA"}},
    {SMMU_EVT_F_TLB_CONFLICT, {EVT_ID, "Reason", EVT_ACCESS, "S2", "InputAddr", "IPA"}},
    {SMMU_EVT_F_CFG_CONFLICT, {EVT_ID, "Reason32"}},
    {SMMU_EVT_E_PAGE_REQUEST, {EVT_ID, "uX", "uW", "uR", "pX", "pW", "pR", "Span", "PageAddr"}},
    {SMMU_EVT_F_VMS_FETCH, {EVT_ID, "Reason", "GPCF", "FetchAddr"}},
};

/* Fields whose value is an address, stored from bit (lo % 64) of the address up. */
bool is_address_field(structure s, const std::string &n)
{
    switch (s) {
    case structure::ste: return n == "S1ContextPtr" || n == "S2TTB" || n == "S_S2TTB" || n == "VMSPtr";
    case structure::cd: return n == "TTB0" || n == "TTB1";
    case structure::l1std: case structure::l1cd: return n == "L2Ptr";
    case structure::cmd: return n == "Addr" || n == "IPA" || n == "MSIAddr";
    case structure::evt: return n == "IPA" || n == "FetchAddr" || n == "PageAddr";
    case structure::s1desc:
    case structure::s2desc:
    case structure::gpt_l0:
        return n == "Addr";
    case structure::gpf_far:
    case structure::gpt_cfg_far:
        return n == "FADDR";
    case structure::gpt_l1:
    case structure::gpt_base_cfg:
        return false;
    }
    return false;
}

bool is_desc(structure s) { return s == structure::s1desc || s == structure::s2desc; }

enum desc_kind { DESC_INVALID, DESC_RESERVED, DESC_TABLE, DESC_LEAF };

desc_kind kind_of(const desc_ctx &ctx, uint64_t valid, uint64_t type)
{
    if (!valid)
        return DESC_INVALID;
    if (ctx.level == 3)
        return type ? DESC_LEAF : DESC_RESERVED;
    return type ? DESC_TABLE : DESC_LEAF;
}

/* The fields (with their positions) a structure instance has. */
std::vector<smmu_field_desc> fields_of(structure s, const uint64_t *w, const desc_ctx &ctx,
                                  desc_kind dk = DESC_LEAF)
{
    std::vector<smmu_field_desc> out;
    auto add_table = [&](const smmu_field_desc *t, size_t n) { out.insert(out.end(), t, t + n); };
    auto add_named = [&](const smmu_field_desc *t, size_t n, const std::vector<const char *> &names) {
        for (const char *name : names)
            for (size_t i = 0; i < n; i++)
                if (!std::strcmp(t[i].name, name))
                    out.push_back(t[i]);
    };
    switch (s) {
    case structure::ste: add_table(smmu_ste_field_table, smmu_ste_field_count); break;
    case structure::l1std: add_table(smmu_l1std_field_table, smmu_l1std_field_count); break;
    case structure::cd: add_table(smmu_cd_field_table, smmu_cd_field_count); break;
    case structure::l1cd: add_table(smmu_l1cd_field_table, smmu_l1cd_field_count); break;
    case structure::cmd: {
        out.push_back(smmu_cmd_field_table[0]); /* Opcode */
        unsigned op = w ? (unsigned)smmu_cmd_Opcode(w) : 0;
        for (const cmd_fields &c : cmd_field_lists)
            if (c.op == op)
                add_named(smmu_cmd_field_table, smmu_cmd_field_count, c.names);
        break;
    }
    case structure::evt: {
        out.push_back(smmu_evt_field_table[0]); /* EventType */
        unsigned type = w ? (unsigned)smmu_evt_EventType(w) : 0;
        for (const evt_fields &e : evt_field_lists)
            if (e.type == type)
                add_named(smmu_evt_field_table, smmu_evt_field_count, e.names);
        break;
    }
    case structure::gpt_l0:
        if (w && (w[0] & 0xF) == SMMU_GPT_L0_TYPE_TABLE)
            add_table(smmu_gpt_l0_table_field_table, smmu_gpt_l0_table_field_count);
        else if (!w || (w[0] & 0xF) == SMMU_GPT_L0_TYPE_BLOCK)
            add_table(smmu_gpt_l0_block_field_table, smmu_gpt_l0_block_field_count);
        else
            out.push_back(smmu_gpt_l0_block_field_table[0]); /* invalid: only Type */
        break;
    case structure::gpt_l1:
        if (w && (w[0] & 0xF) == SMMU_GPT_L1_TYPE_CONTIG)
            add_table(smmu_gpt_l1_contig_field_table, smmu_gpt_l1_contig_field_count);
        else
            add_table(smmu_gpt_l1_granules_field_table, smmu_gpt_l1_granules_field_count);
        break;
    case structure::gpt_base_cfg:
        add_table(smmu_root_gpt_base_cfg_field_table, smmu_root_gpt_base_cfg_field_count);
        break;
    case structure::gpf_far:
        add_table(smmu_root_gpf_far_field_table, smmu_root_gpf_far_field_count);
        break;
    case structure::gpt_cfg_far:
        add_table(smmu_root_gpt_cfg_far_field_table, smmu_root_gpt_cfg_far_field_count);
        break;
    case structure::s1desc:
    case structure::s2desc: {
        bool s1 = s == structure::s1desc;
        if (w)
            dk = kind_of(ctx, smmu_desc_s1_leaf_Valid(w), smmu_desc_s1_leaf_Type(w));
        if (dk == DESC_INVALID) {
            out.push_back(smmu_desc_s1_leaf_field_table[0]);
            break;
        }
        if (dk == DESC_RESERVED) {
            add_table(smmu_desc_s1_leaf_field_table, 2);
            break;
        }
        if (dk == DESC_TABLE) {
            if (s1)
                add_table(smmu_desc_s1_table_field_table, smmu_desc_s1_table_field_count);
            else
                add_table(smmu_desc_s2_table_field_table, smmu_desc_s2_table_field_count);
        } else {
            const smmu_field_desc *t = s1 ? smmu_desc_s1_leaf_field_table : smmu_desc_s2_leaf_field_table;
            size_t n = s1 ? smmu_desc_s1_leaf_field_count : smmu_desc_s2_leaf_field_count;
            for (size_t i = 0; i < n; i++)
                if (!(ctx.ds && !std::strcmp(t[i].name, "SH"))) /* OA[51:50] with DS */
                    out.push_back(t[i]);
        }
        bool lpa2 = ctx.ds && ctx.granule_shift != 16;
        for (size_t i = 0; i < smmu_desc_addr_field_count; i++) {
            std::string n = smmu_desc_addr_field_table[i].name;
            if (n == "Addr" || ((n == "Addr_49_48" || n == "Addr_51_50") && lpa2) ||
                (n == "Addr_51_48" && ctx.granule_shift == 16))
                out.push_back(smmu_desc_addr_field_table[i]);
        }
        break;
    }
    }
    return out;
}

uint64_t width_mask(unsigned width) { return width >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << width) - 1; }

} // namespace

unsigned desc_level_shift(unsigned granule_shift, int level)
{
    return granule_shift + (unsigned)(3 - level) * (granule_shift - 3);
}

uint64_t desc_address(structure s, const uint64_t *w, const desc_ctx &ctx)
{
    (void)s;
    desc_kind dk = kind_of(ctx, smmu_desc_s1_leaf_Valid(w), smmu_desc_s1_leaf_Type(w));
    unsigned low = dk == DESC_TABLE ? ctx.granule_shift : desc_level_shift(ctx.granule_shift, ctx.level);
    if (low > 47)
        low = 47;
    uint64_t a = (smmu_desc_addr_Addr(w) << 12) & ~((UINT64_C(1) << low) - 1);
    if (ctx.ds && ctx.granule_shift != 16)
        a |= smmu_desc_addr_Addr_49_48(w) << 48 | smmu_desc_addr_Addr_51_50(w) << 50;
    if (ctx.granule_shift == 16)
        a |= smmu_desc_addr_Addr_51_48(w) << 48;
    return a;
}

bool parse_structure(const std::string &name, structure *out, std::string *err)
{
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const structure_def &d : structures)
        if (n == d.name) {
            *out = d.s;
            return true;
        }
    *err = "unknown structure '" + name + "' (one of: " + structure_list() + ")";
    return false;
}

const char *structure_name(structure s) { return def_of(s).name; }
const char *structure_title(structure s) { return def_of(s).title; }
unsigned structure_dwords(structure s) { return def_of(s).dwords; }

std::string structure_list()
{
    std::string s;
    for (const structure_def &d : structures)
        s += (s.empty() ? "" : ", ") + std::string(d.name);
    return s;
}

std::string format_field(unsigned width, uint64_t v)
{
    if (width == 1)
        return std::to_string(v);
    if (width <= 4) {
        std::string b = "0b";
        for (int i = (int)width - 1; i >= 0; i--)
            b += (v >> i) & 1 ? '1' : '0';
        return b;
    }
    return hex(v, width <= 8 ? 2 : 1);
}

static std::string summary_of(structure s, const uint64_t *w, const desc_ctx &ctx,
                              std::string *title)
{
    *title = def_of(s).title;
    switch (s) {
    case structure::ste: {
        if (!smmu_ste_V(w))
            return "invalid (V=0): transactions of this stream get C_BAD_STE";
        std::string r = "valid; " + field_meaning(s, "Config", smmu_ste_Config(w), ctx);
        if ((smmu_ste_Config(w) & 5) == 5)
            r += "; CD table at " + hex(smmu_ste_S1ContextPtr(w) << 6);
        if ((smmu_ste_Config(w) & 6) == 6)
            r += "; stage-2 tables at " + hex(smmu_ste_S2TTB(w) << 4) + ", VMID " +
                 std::to_string(smmu_ste_S2VMID(w));
        return r;
    }
    case structure::l1std:
        if (!smmu_l1std_Span(w))
            return "invalid (Span 0)";
        return "L2 array of " + std::to_string(UINT64_C(1) << (smmu_l1std_Span(w) - 1)) +
               " STEs at " + hex(smmu_l1std_L2Ptr(w) << 6);
    case structure::cd:
        if (!smmu_cd_V(w))
            return "invalid (V=0)";
        return std::string("valid ") + (smmu_cd_AA64(w) ? "AArch64" : "AArch32") + " CD, ASID " +
               std::to_string(smmu_cd_ASID(w)) +
               (smmu_cd_EPD0(w) ? "; TTB0 walks disabled" : "; TTB0 " + hex(smmu_cd_TTB0(w) << 4)) +
               (smmu_cd_EPD1(w) ? "; TTB1 walks disabled" : "; TTB1 " + hex(smmu_cd_TTB1(w) << 4));
    case structure::l1cd:
        return smmu_l1cd_V(w) ? "valid: L2 CD table at " + hex(smmu_l1cd_L2Ptr(w) << 12) : "invalid (V=0)";
    case structure::cmd: {
        unsigned op = (unsigned)smmu_cmd_Opcode(w);
        *title = smmu_command_name(op);
        if (op == SMMU_CMD_CFGI_STE_RANGE && smmu_cmd_Range(w) == SMMU_CMD_CFGI_RANGE_ALL)
            *title += " (CMD_CFGI_ALL)";
        return "opcode " + hex(op, 2);
    }
    case structure::evt: {
        unsigned t = (unsigned)smmu_evt_EventType(w);
        *title = smmu_event_name(t);
        return "event type " + hex(t, 2) + ", StreamID " + hex(smmu_evt_StreamID(w));
    }
    case structure::gpt_l0: {
        unsigned type = (unsigned)(w[0] & 0xF);
        if (type == SMMU_GPT_L0_TYPE_BLOCK) {
            *title += " (Block)";
            if (w[0] & SMMU_GENMASK(63, 8))
                return "invalid: RES0 bits [63:8] set (GPT lookup error, CFG_ERR 0x3)";
            return "GPI " + format_field(4, smmu_gpt_l0_block_GPI(w)) + " (" +
                   gpi_name((unsigned)smmu_gpt_l0_block_GPI(w)) + ") for the whole level-0 region";
        }
        if (type == SMMU_GPT_L0_TYPE_TABLE) {
            *title += " (Table)";
            if (w[0] & (SMMU_GENMASK(63, 52) | SMMU_GENMASK(11, 4)))
                return "invalid: RES0 bits set (GPT lookup error, CFG_ERR 0x3)";
            return "level-1 table at " + hex(smmu_gpt_l0_table_Addr(w) << 12);
        }
        return "invalid (Type " + format_field(4, type) +
               "; 0b0001 Block, 0b0011 Table): GPT lookup error "
               "(CFG_ERR 0x3)";
    }
    case structure::gpt_l1: {
        if ((w[0] & 0xF) == SMMU_GPT_L1_TYPE_CONTIG) {
            *title += " (Contiguous)";
            static const char *const size[] = {"", "2MB", "32MB", "512MB"};
            uint64_t c = smmu_gpt_l1_contig_Contig(w);
            if ((w[0] & SMMU_GENMASK(63, 10)) || !c)
                return std::string("invalid: ") +
                       (c ? "RES0 bits [63:10] set" : "Contig 0b00 is reserved") +
                       " (GPT lookup error, CFG_ERR 0x3)";
            return "GPI " + format_field(4, smmu_gpt_l1_contig_GPI(w)) + " (" +
                   gpi_name((unsigned)smmu_gpt_l1_contig_GPI(w)) + ") for a naturally aligned " +
                   size[c] + " region";
        }
        *title += " (Granules)";
        /* Runs of equal GPIs, for a one-line summary */
        std::string r;
        for (unsigned i = 0; i < 16;) {
            unsigned g = (unsigned)(w[0] >> (4 * i)) & 0xF, j = i;
            while (j + 1 < 16 && ((w[0] >> (4 * (j + 1))) & 0xF) == g)
                j++;
            r += (r.empty() ? "" : ", ") + std::string("granule") + (j > i ? "s " : " ") +
                 std::to_string(i) + (j > i ? "-" + std::to_string(j) : "") + " " + gpi_name(g);
            i = j + 1;
        }
        return r;
    }
    case structure::gpt_base_cfg: {
        static const unsigned pps[] = {32, 36, 40, 42, 44, 48, 52, 0};
        static const char *const pgs[] = {"4KB", "64KB", "16KB", "reserved"};
        unsigned sz = gpt_l0gptsz_bits((unsigned)smmu_root_gpt_base_cfg_L0GPTSZ(w));
        unsigned p = pps[smmu_root_gpt_base_cfg_PPS(w)];
        return "protected PA size " + (p ? std::to_string(p) + " bits" : std::string("reserved")) +
               ", " + pgs[smmu_root_gpt_base_cfg_PGS(w)] + " granules, level-0 entries of " +
               (sz ? std::to_string(UINT64_C(1) << (sz - 30)) + "GB"
                   : std::string("reserved size"));
    }
    case structure::gpf_far:
    case structure::gpt_cfg_far: {
        if (!smmu_root_gpt_cfg_far_FAULT(w))
            return "no fault recorded (FAULT=0)";
        static const char *const fpas[] = {"Secure", "Non-secure", "Root", "Realm"};
        std::string r =
            std::string(s == structure::gpf_far ? "granule protection fault" : "GPT lookup error") +
            " of a " + fpas[smmu_root_gpt_cfg_far_FPAS(w)] + " access to " +
            hex(smmu_root_gpt_cfg_far_FADDR(w) << 12) + " (" +
            field_meaning(s, "REASON", smmu_root_gpt_cfg_far_REASON(w), ctx) + ")";
        if (s == structure::gpt_cfg_far)
            r += ": " + field_meaning(s, "CFG_ERR", smmu_root_gpt_cfg_far_CFG_ERR(w), ctx);
        return r;
    }
    case structure::s1desc:
    case structure::s2desc: {
        std::string stg = s == structure::s1desc ? "stage-1" : "stage-2";
        desc_kind dk = kind_of(ctx, smmu_desc_s1_leaf_Valid(w), smmu_desc_s1_leaf_Type(w));
        std::string where = stg + " level " + std::to_string(ctx.level) + " (" +
                            std::to_string(1u << (ctx.granule_shift - 10)) + "KB granule)";
        switch (dk) {
        case DESC_INVALID: *title = where + " invalid descriptor"; return "translation fault";
        case DESC_RESERVED:
            *title = where + " reserved descriptor";
            return "type 0b01 at level 3 is reserved: translation fault";
        case DESC_TABLE:
            *title = where + " table descriptor";
            return "next-level table at " + hex(desc_address(s, w, ctx));
        case DESC_LEAF: {
            unsigned sh = desc_level_shift(ctx.granule_shift, ctx.level);
            *title = where + (ctx.level == 3 ? " page descriptor" : " block descriptor");
            std::string size = sh >= 30 ? std::to_string(UINT64_C(1) << (sh - 30)) + "GB"
                             : sh >= 20 ? std::to_string(UINT64_C(1) << (sh - 20)) + "MB"
                                        : std::to_string(UINT64_C(1) << (sh - 10)) + "KB";
            return size + " at output address " + hex(desc_address(s, w, ctx));
        }
        }
        break;
    }
    }
    return "";
}

decoded decode(structure s, const uint64_t *w, const desc_ctx &ctx)
{
    decoded d;
    d.summary = summary_of(s, w, ctx, &d.title);
    for (const smmu_field_desc &f : fields_of(s, w, ctx)) {
        field_value v;
        v.name = f.name;
        v.hi = f.hi;
        v.lo = f.lo;
        v.value = smmu_field_get(w, f.hi, f.lo);
        v.is_address = is_address_field(s, v.name);
        v.address = v.is_address ? v.value << (f.lo % 64) : 0;
        v.meaning = field_meaning(s, v.name, v.value, ctx);
        d.fields.push_back(v);
    }
    return d;
}

/* ---------------------------------------------------------------------------------------------
 * Encoding
 * ------------------------------------------------------------------------------------------- */

namespace {

bool parse_named_value(structure s, const std::string &field, const std::string &text,
                       uint64_t *v, std::string *err)
{
    if (s == structure::cmd && field == "Opcode")
        for (unsigned op = 0; op < 256; op++)
            if (text == smmu_command_name(op) || "CMD_" + text == smmu_command_name(op)) {
                *v = op;
                return true;
            }
    if (s == structure::evt && field == "EventType")
        for (unsigned t = 0; t < 256; t++)
            if (text == smmu_event_name(t)) {
                *v = t;
                return true;
            }
    /* A value that starts with a letter is a name: say which names exist rather than that it
     * is not a number. */
    bool named = (s == structure::cmd && field == "Opcode") ||
                 (s == structure::evt && field == "EventType");
    if (named && !text.empty() && std::isalpha((unsigned char)text[0])) {
        std::vector<std::string> names;
        for (unsigned x = 0; x < 256; x++) {
            std::string n = s == structure::cmd ? smmu_command_name(x) : smmu_event_name(x);
            if (n.compare(0, 4, "CMD_") == 0 || (s == structure::evt && n != "UNKNOWN" &&
                                                 n != "IMPDEF_EVENT"))
                names.push_back(n);
        }
        size_t best = 0, best_d = SIZE_MAX;
        for (size_t i = 0; i < names.size(); i++) {
            size_t d = smmu_edit_distance(text.c_str(), names[i].c_str());
            if (d < best_d)
                best = i, best_d = d;
        }
        *err = field + "=" + text + ": unknown " +
               (s == structure::cmd ? "command opcode" : "event type") + " name";
        if (best_d <= 3)
            *err += "; did you mean " + names[best] + "?";
        *err += " Known names:";
        for (const std::string &n : names)
            *err += " " + n;
        *err += " (or a number)";
        return false;
    }
    std::string e;
    if (!parse_u64(text, v, &e, true)) {
        *err = field + ": " + e;
        return false;
    }
    return true;
}

const smmu_field_desc *find_field(const std::vector<smmu_field_desc> &fs, const std::string &name)
{
    for (const smmu_field_desc &f : fs)
        if (name == f.name)
            return &f;
    for (const smmu_field_desc &f : fs) /* then case-insensitively */
        if (name.size() == std::strlen(f.name) &&
            std::equal(name.begin(), name.end(), f.name, [](char a, char b) {
                return std::tolower((unsigned char)a) == std::tolower((unsigned char)b);
            }))
            return &f;
    return nullptr;
}

} // namespace

bool encode(structure s, const std::vector<std::string> &assignments, const desc_ctx &ctx,
            std::vector<uint64_t> *words, std::string *err)
{
    struct asg {
        std::string name, text;
    };
    std::vector<asg> as;
    for (const std::string &a : assignments) {
        size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == a.size()) {
            *err = "'" + a + "' is not FIELD=VALUE";
            return false;
        }
        as.push_back({a.substr(0, eq), a.substr(eq + 1)});
    }
    std::vector<uint64_t> w(structure_dwords(s), 0);

    /* The kind (command opcode, event type, descriptor type) decides the fields. */
    desc_kind dk = DESC_LEAF;
    bool gpt = s == structure::gpt_l0 || s == structure::gpt_l1;
    const char *key = s == structure::cmd   ? "Opcode"
                      : s == structure::evt ? "EventType"
                      : gpt                 ? "Type"
                                            : nullptr;
    const uint64_t key_max = gpt ? 15 : 255;
    if (key || is_desc(s)) {
        uint64_t valid = 0, type = 0;
        for (const asg &a : as) {
            uint64_t v;
            if (key && a.name == key) {
                if (!parse_named_value(s, a.name, a.text, &v, err))
                    return false;
                if (v > key_max) {
                    *err = std::string(key) + " " + a.text + " is wider than its " +
                           (gpt ? "4" : "8") + "-bit field";
                    return false;
                }
                w[0] = v; /* Opcode / EventType are bits [7:0], a GPT Type bits [3:0] */
            }
            if (is_desc(s) && (a.name == "Valid" || a.name == "Type")) {
                if (!parse_named_value(s, a.name, a.text, &v, err))
                    return false;
                (a.name == "Valid" ? valid : type) = v;
            }
        }
        if (is_desc(s))
            dk = kind_of(ctx, valid, type) == DESC_TABLE ? DESC_TABLE : DESC_LEAF;
    }
    std::vector<smmu_field_desc> fs = fields_of(s, key ? w.data() : nullptr, ctx, dk);
    if (key)
        fs = fields_of(s, w.data(), ctx);

    for (const asg &a : as) {
        uint64_t v;
        if (is_desc(s) && a.name == "Address") {
            if (!parse_named_value(s, a.name, a.text, &v, err))
                return false;
            unsigned low = dk == DESC_TABLE ? ctx.granule_shift
                                            : desc_level_shift(ctx.granule_shift, ctx.level);
            bool big = ctx.ds || ctx.granule_shift == 16;
            if (v & ((UINT64_C(1) << std::min(low, 63u)) - 1)) {
                *err = "Address " + hex(v) + " is not aligned to the " +
                       std::to_string(UINT64_C(1) << std::min(low, 63u)) + "-byte " +
                       (dk == DESC_TABLE ? "table" : "block/page") + " size";
                return false;
            }
            if (v >> (big ? 52 : 48)) {
                *err = "Address " + hex(v) + " is wider than " + (big ? "52" : "48") +
                       " bits" + (big ? "" : " (52-bit addresses need --ds or the 64K granule)");
                return false;
            }
            smmu_desc_addr_set_Addr(w.data(), (v & ((UINT64_C(1) << 48) - 1)) >> 12);
            if (ctx.granule_shift == 16)
                smmu_desc_addr_set_Addr_51_48(w.data(), v >> 48);
            else if (ctx.ds) {
                smmu_desc_addr_set_Addr_49_48(w.data(), v >> 48);
                smmu_desc_addr_set_Addr_51_50(w.data(), v >> 50);
            }
            continue;
        }
        const smmu_field_desc *f = find_field(fs, a.name);
        if (!f) {
            std::string what = std::string(structure_title(s));
            if (s == structure::cmd)
                what = smmu_command_name((unsigned)smmu_cmd_Opcode(w.data()));
            else if (s == structure::evt)
                what = smmu_event_name((unsigned)smmu_evt_EventType(w.data()));
            else if (is_desc(s))
                what += dk == DESC_TABLE ? " (table)" : " (block/page)";
            else if (gpt)
                what = decode(s, w.data()).title;
            *err = "unknown field '" + a.name + "' of " + what;
            return false;
        }
        if (!parse_named_value(s, f->name, a.text, &v, err))
            return false;
        unsigned width = f->hi - f->lo + 1u;
        if (is_address_field(s, f->name)) {
            unsigned sh = f->lo % 64;
            if (v & width_mask(sh)) {
                *err = std::string(f->name) + " address " + hex(v) + " is not " +
                       std::to_string(UINT64_C(1) << sh) + "-byte aligned (bits [" +
                       std::to_string(sh - 1) + ":0] must be 0)";
                return false;
            }
            v >>= sh;
        }
        if (v & ~width_mask(width)) {
            *err = std::string(f->name) + " value " + a.text + " is too wide for its " +
                   std::to_string(width) + "-bit field [" + std::to_string(f->hi) + ":" +
                   std::to_string(f->lo) + "]";
            return false;
        }
        smmu_field_set(w.data(), f->hi, f->lo, v);
    }
    *words = w;
    return true;
}

} // namespace smmuv3::tools
