/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What field values mean, in words, for the decoders [IHI 0070 5.2, 5.4, 4, 7.3; Arm ARM D8.3].
 */
#include <string>

#include "common/hexutil.h"
#include "decode.h"
#include "gpt.h"

#include "smmuv3/arch.h"

namespace smmuv3::tools {

namespace {

std::string pick(uint64_t v, std::initializer_list<const char *> names)
{
    if (v < names.size())
        return names.begin()[v];
    return "";
}

const char *const cacheability[] = {"Non-cacheable", "Write-Back cacheable, write-allocate",
                                    "Write-Through cacheable", "Write-Back cacheable, no write-allocate"};
std::string cache(uint64_t v) { return v < 4 ? cacheability[v] : ""; }
std::string share(uint64_t v)
{
    return pick(v, {"Non-shareable", "reserved (treated as Non-shareable)", "Outer Shareable",
                    "Inner Shareable"});
}
std::string size_bits(uint64_t enc)
{
    static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52, 56};
    return enc < 8 ? std::to_string(bits[enc]) + "-bit addresses" : "";
}
std::string yesno(uint64_t v, const char *one, const char *zero) { return v ? one : zero; }

std::string ste_meaning(const std::string &f, uint64_t v)
{
    if (f == "V") return yesno(v, "valid", "invalid");
    if (f == "Config")
        return pick(v, {"abort (no event)", "abort (reserved, as 0b000)", "abort (reserved, as 0b000)",
                        "abort (reserved, as 0b000)", "bypass both stages",
                        "stage 1 translate, stage 2 bypass", "stage 1 bypass, stage 2 translate",
                        "stage 1 and stage 2 translate (nested)"});
    if (f == "S1Fmt")
        return pick(v, {"linear CD table", "2-level CD table, 4KB leaf tables",
                        "2-level CD table, 64KB leaf tables", "reserved"});
    if (f == "S1CDMax") return v ? std::to_string(UINT64_C(1) << v) + " CDs (SSIDs of " + std::to_string(v) + " bits)" : "one CD, no substreams";
    if (f == "S1DSS")
        return pick(v, {"no-SSID traffic terminated (F_STREAM_DISABLED)", "no-SSID traffic bypasses stage 1",
                        "no-SSID traffic uses CD 0", "reserved"});
    if (f == "S1CIR" || f == "S1COR" || f == "S2IR0" || f == "S2OR0") return cache(v);
    if (f == "S1CSH" || f == "S2SH0") return share(v);
    if (f == "EATS") return pick(v, {"ATS disabled", "full ATS", "split-stage ATS", "ATS with DPT"});
    if (f == "STRW") return pick(v, {"EL1 (or Secure/Realm EL1)", "EL3", "EL2 (E2H from CR2)", "reserved"});
    if (f == "MTCFG") return yesno(v, "MemAttr replaces the incoming type", "incoming memory type");
    if (f == "SHCFG") return pick(v, {"Non-shareable", "use incoming", "Outer Shareable", "Inner Shareable"});
    if (f == "NSCFG") return pick(v, {"use incoming", "reserved", "Secure", "Non-secure"});
    if (f == "PRIVCFG") return pick(v, {"use incoming", "reserved", "unprivileged", "privileged"});
    if (f == "INSTCFG") return pick(v, {"use incoming", "reserved", "data", "instruction"});
    if (f == "S2T0SZ" || f == "S_S2T0SZ") return v <= 64 ? std::to_string(64 - v) + "-bit IPA" : "";
    if (f == "S2TG" || f == "S_S2TG") return pick(v, {"4KB granule", "64KB granule", "16KB granule", "reserved"});
    if (f == "S2PS") return size_bits(v);
    if (f == "S2AA64") return yesno(v, "AArch64 stage-2 tables", "AArch32 stage-2 tables");
    if (f == "S2ENDI") return yesno(v, "big-endian tables", "little-endian tables");
    if (f == "S2AFFD") return yesno(v, "access flag faults disabled", "");
    if (f == "S2PTW") return yesno(v, "stage-1 walks to Device memory fault", "");
    if (f == "S2HA") return yesno(v, "hardware access flag update", "");
    if (f == "S2HD") return yesno(v, "hardware dirty state update", "");
    if (f == "S2S") return yesno(v, "stage-2 faults stall", "stage-2 faults terminate");
    if (f == "S2R") return yesno(v, "stage-2 faults recorded", "");
    if (f == "S1STALLD") return yesno(v, "stage-1 stalls disabled", "");
    if (f == "DCP") return yesno(v, "directed cache prefetch", "");
    return "";
}

std::string cd_meaning(const std::string &f, uint64_t v)
{
    if (f == "V") return yesno(v, "valid", "invalid");
    if (f == "T0SZ" || f == "T1SZ") return v <= 64 ? std::to_string(64 - v) + "-bit VA range" : "";
    if (f == "TG0") return pick(v, {"4KB granule", "64KB granule", "16KB granule", "reserved"});
    if (f == "TG1") return pick(v, {"reserved", "16KB granule", "4KB granule", "64KB granule"});
    if (f == "IR0" || f == "OR0" || f == "IR1" || f == "OR1") return cache(v);
    if (f == "SH0" || f == "SH1") return share(v);
    if (f == "EPD0") return yesno(v, "TTB0 walks disabled (translation fault)", "TTB0 walks enabled");
    if (f == "EPD1") return yesno(v, "TTB1 walks disabled (translation fault)", "TTB1 walks enabled");
    if (f == "ENDI") return yesno(v, "big-endian tables", "little-endian tables");
    if (f == "IPS") return size_bits(v);
    if (f == "AFFD") return yesno(v, "access flag faults disabled", "");
    if (f == "WXN") return yesno(v, "writable implies execute-never", "");
    if (f == "UWXN") return yesno(v, "user-writable implies privileged execute-never", "");
    if (f == "TBI0" || f == "TBI1") return yesno(v, "top byte ignored", "");
    if (f == "PAN") return yesno(v, "privileged access never", "");
    if (f == "AA64") return yesno(v, "AArch64 tables", "AArch32 tables");
    if (f == "HA") return yesno(v, "hardware access flag update", "");
    if (f == "HD") return yesno(v, "hardware dirty state update", "");
    if (f == "S") return yesno(v, "faults stall", "faults terminate");
    if (f == "R") return yesno(v, "faults recorded", "faults not recorded");
    if (f == "A") return yesno(v, "faulting transactions abort", "faulting transactions are RAZ/WI");
    if (f == "ASET") return yesno(v, "non-shared ASID set", "shared ASID set");
    if (f == "DS") return yesno(v, "52-bit (LPA2) descriptors", "");
    return "";
}

std::string cmd_meaning(const std::string &f, uint64_t v)
{
    if (f == "Opcode") return smmu_command_name((unsigned)v);
    if (f == "CS") return pick(v, {"SIG_NONE", "SIG_IRQ (MSI / interrupt)", "SIG_SEV", "reserved (CERROR_ILL)"});
    if (f == "MSH") return share(v);
    if (f == "Leaf") return yesno(v, "leaf entries only", "all levels");
    if (f == "SSec") return yesno(v, "Secure StreamID", "Non-secure StreamID");
    if (f == "TG") return pick(v, {"no range (any granule)", "range, 4KB granule", "range, 16KB granule", "range, 64KB granule"});
    if (f == "TTL") return pick(v, {"any level", "level 1", "level 2", "level 3"});
    if (f == "Range") return v == SMMU_CMD_CFGI_RANGE_ALL ? "all StreamIDs" : std::to_string(UINT64_C(2) << v) + " StreamIDs";
    if (f == "Resp") return pick(v, {"ResponseFailure", "InvalidRequest", "Success", "reserved"});
    return "";
}

std::string evt_meaning(const std::string &f, uint64_t v)
{
    if (f == "EventType") return smmu_event_name((unsigned)v);
    if (f == "CLASS") return pick(v, {"CD fetch", "stage-1 translation table fetch", "input address", "reserved"});
    if (f == "RnW") return yesno(v, "read", "write");
    if (f == "InD") return yesno(v, "instruction", "data");
    if (f == "PnU") return yesno(v, "privileged", "unprivileged");
    if (f == "S2") return yesno(v, "stage 2", "stage 1");
    if (f == "SSV") return yesno(v, "SubstreamID valid", "no SubstreamID");
    if (f == "Stall") return yesno(v, "stalled (needs CMD_RESUME)", "");
    if (f == "TTRnW") return yesno(v, "descriptor read", "descriptor write (HTTU)");
    return "";
}

std::string desc_meaning(structure s, const std::string &f, uint64_t v, const desc_ctx &ctx)
{
    (void)s;
    if (f == "Valid") return yesno(v, "valid", "invalid (translation fault)");
    if (f == "Type")
        return ctx.level == 3 ? yesno(v, "page", "reserved") : yesno(v, "table", "block");
    if (f == "AttrIndx") return "MAIR Attr" + std::to_string(v);
    if (f == "AP")
        return pick(v, {"privileged read/write", "read/write at any level", "privileged read-only",
                        "read-only at any level"});
    if (f == "S2AP") return pick(v, {"no access", "read-only", "write-only", "read/write"});
    if (f == "SH") return share(v);
    if (f == "AF") return yesno(v, "accessed", "not accessed (access flag fault unless AFFD or HA)");
    if (f == "nG") return yesno(v, "not global (ASID-tagged)", "global");
    if (f == "NS") return yesno(v, "Non-secure output", "");
    if (f == "APTable")
        return pick(v, {"no limit", "no unprivileged access below", "no writes below",
                        "no writes, no unprivileged access below"});
    if (f == "NSTable") return yesno(v, "next level in Non-secure PA space", "");
    if (f == "PXNTable" || f == "PXN") return yesno(v, "privileged execute-never", "");
    if (f == "UXNTable" || f == "UXN") return yesno(v, "unprivileged execute-never", "");
    if (f == "XN")
        return pick(v, {"executable", "execute-never at EL1 only (XNX)", "execute-never",
                        "execute-never at EL0 only (XNX)"});
    if (f == "DBM") return yesno(v, "dirty bit modifier", "");
    if (f == "Contiguous") return yesno(v, "contiguous hint", "");
    if (f == "MemAttr") {
        if ((v >> 2) == 0)
            return pick(v & 3, {"Device-nGnRnE", "Device-nGnRE", "Device-nGRE", "Device-GRE"});
        static const char *const c[] = {"", "Non-cacheable", "Write-Through", "Write-Back"};
        return std::string("Normal, outer ") + c[v >> 2] + ", inner " +
               ((v & 3) ? c[v & 3] : "reserved");
    }
    return "";
}

/* GPT descriptors [Arm ARM D9.6] and the Root GPC registers [IHI 0070 6.3.115-117] */
std::string gpt_meaning(structure s, const std::string &f, uint64_t v)
{
    if (f == "GPI" || (f.rfind("GPI", 0) == 0 && s == structure::gpt_l1))
        return gpi_name((unsigned)v);
    if (f == "Type" && s == structure::gpt_l0)
        return v == 1 ? "Block" : v == 3 ? "Table" : "invalid";
    if (f == "Type") return v == 1 ? "Contiguous" : "";
    if (f == "Contig") return pick(v, {"reserved", "2MB", "32MB", "512MB"});
    if (f == "PPS") return v < 7 ? size_bits(v) : "reserved";
    if (f == "PGS") return pick(v, {"4KB granules", "64KB granules", "16KB granules", "reserved"});
    if (f == "IRGN" || f == "ORGN") return cache(v);
    if (f == "SH") return share(v);
    if (f == "GPCP") return yesno(v, "GPC faults on stage-2 table fetches may go unreported", "");
    if (f == "L0GPTSZ") {
        unsigned b = gpt_l0gptsz_bits((unsigned)v);
        return b ? std::to_string(b) + "-bit level-0 regions" : "reserved";
    }
    if (f == "FAULT") return yesno(v, "fault recorded", "no fault");
    if (f == "REASON")
        return pick(v, {"reserved", "translation: STE, CD or table fetch",
                        "GERROR: queue or MSI access", "client transaction output"});
    if (f == "FPAS") return pick(v, {"Secure", "Non-secure", "Root", "Realm"});
    if (f == "CFG_ERR")
        return pick(v, {"invalid ROOT_GPT_BASE_CFG", "ROOT_GPT_BASE beyond the protected size",
                        "external abort on a GPT fetch", "invalid GPT entry",
                        "level-0 Table address beyond the protected size"});
    return "";
}

} // namespace

std::string field_meaning(structure s, const std::string &field, uint64_t v, const desc_ctx &ctx)
{
    switch (s) {
    case structure::ste: return ste_meaning(field, v);
    case structure::cd: return cd_meaning(field, v);
    case structure::l1std:
        if (field == "Span")
            return v ? std::to_string(UINT64_C(1) << (v - 1)) + " STEs" : "invalid";
        return "";
    case structure::l1cd: return field == "V" ? yesno(v, "valid", "invalid") : "";
    case structure::cmd: return cmd_meaning(field, v);
    case structure::evt: return evt_meaning(field, v);
    case structure::s1desc:
    case structure::s2desc: return desc_meaning(s, field, v, ctx);
    case structure::gpt_l0:
    case structure::gpt_l1:
    case structure::gpt_base_cfg:
    case structure::gpf_far:
    case structure::gpt_cfg_far: return gpt_meaning(s, field, v);
    }
    return "";
}

} // namespace smmuv3::tools
