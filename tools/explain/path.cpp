/* SPDX-License-Identifier: Apache-2.0 */
#include "path.h"

#include "common/hexutil.h"

namespace smmuv3::tools {

const char *pas_words(smmu_pa_space p)
{
    switch (p) {
    case SMMU_PAS_NS: return "Non-secure";
    case SMMU_PAS_SECURE: return "Secure";
    case SMMU_PAS_REALM: return "Realm";
    case SMMU_PAS_ROOT: return "Root";
    }
    return "?";
}

const char *sec_words(smmu_sec_sid s)
{
    return s == SMMU_SEC_SECURE ? "Secure" : s == SMMU_SEC_REALM ? "Realm" : "Non-secure";
}

std::string mair_words(uint8_t m)
{
    if ((m & 0xf0) == 0) {
        static const char *const dev[] = {"Device-nGnRnE", "Device-nGnRE", "Device-nGRE", "Device-GRE"};
        return (m & 3) == 0 ? dev[(m >> 2) & 3] : "reserved Device encoding";
    }
    auto half = [](unsigned h) -> std::string {
        if (h == 4) return "Non-cacheable";
        if ((h & 0xc) == 0 || (h & 0xc) == 8) return "Write-Through";
        return "Write-Back";
    };
    return "Normal, outer " + half(m >> 4) + ", inner " + half(m & 15);
}

std::string sh_words(uint8_t sh)
{
    return sh == 3 ? "Inner Shareable" : sh == 2 ? "Outer Shareable" : "Non-shareable";
}

std::string perm_words(uint8_t p)
{
    std::string s;
    s += (p & SMMU_PERM_R) ? 'r' : '-';
    s += (p & SMMU_PERM_W) ? 'w' : '-';
    s += (p & SMMU_PERM_X) ? 'x' : '-';
    return s;
}

std::vector<std::pair<std::string, std::string>> shown_fields(const decoded &d)
{
    std::vector<std::pair<std::string, std::string>> out;
    bool first = true;
    for (const field_value &f : d.fields) {
        if (!first && f.value == 0)
            continue;
        first = false;
        std::string v = f.is_address ? hex(f.address) : format_field(f.hi - f.lo + 1, f.value);
        if (!f.meaning.empty())
            v += " (" + f.meaning + ")";
        out.emplace_back(f.name, v);
    }
    return out;
}

void decode_steps(std::vector<explain_step> *steps, const smmu_txn &txn)
{
    /* Granule / DS of each stage, from the last STE and CD seen: a descriptor's kind and
     * address bits depend on them [Arm ARM D8.3]. */
    desc_ctx s1, s2;
    for (explain_step &x : *steps) {
        if (x.is_log)
            continue;
        switch (x.kind) {
        case SMMU_TRACE_L1STD:
            x.d = decode(structure::l1std, x.words.data());
            break;
        case SMMU_TRACE_STE:
            x.d = decode(structure::ste, x.words.data());
            /* STE.S2TG: 0b00 4KB, 0b01 64KB, 0b10 16KB [IHI 0070 5.2] */
            for (const field_value &f : x.d.fields) {
                if (f.name == "S2TG")
                    s2.granule_shift = f.value == 1 ? 16 : f.value == 2 ? 14 : 12;
                if (f.name == "S2DS")
                    s2.ds = f.value;
            }
            break;
        case SMMU_TRACE_L1CD:
            x.d = decode(structure::l1cd, x.words.data());
            break;
        case SMMU_TRACE_CD: {
            x.d = decode(structure::cd, x.words.data());
            /* VA[55] selects TTB1 [Arm ARM D8.2]; TG0 and TG1 encode the granule differently:
             * TG0 0b00 4KB 0b01 64KB 0b10 16KB, TG1 0b10 4KB 0b01 16KB 0b11 64KB [IHI 0070 5.4]. */
            bool ttb1 = (txn.addr >> 55) & 1;
            uint64_t tg = 0, ds = 0;
            for (const field_value &f : x.d.fields) {
                if (f.name == (ttb1 ? "TG1" : "TG0"))
                    tg = f.value;
                if (f.name == "DS")
                    ds = f.value;
            }
            s1.granule_shift = ttb1 ? (tg == 1 ? 14 : tg == 3 ? 16 : 12)
                                    : (tg == 1 ? 16 : tg == 2 ? 14 : 12);
            s1.ds = ds;
            break;
        }
        case SMMU_TRACE_DESC: {
            desc_ctx c = x.stage == 2 ? s2 : s1;
            c.level = x.level_;
            x.ctx = c;
            x.d = decode(x.stage == 2 ? structure::s2desc : structure::s1desc, x.words.data(), c);
            break;
        }
        case SMMU_TRACE_EVENT:
            x.d = decode(structure::evt, x.words.data());
            break;
        default:
            continue;
        }
        x.has_decoded = true;
    }
}

} // namespace smmuv3::tools
