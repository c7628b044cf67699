/* SPDX-License-Identifier: Apache-2.0 */
/* GPT names and the display lookup (gpt.h) [Arm ARM D9.6-D9.7]. */
#include "gpt.h"

#include "common/hexutil.h"
#include "decode.h"

extern "C" {
#include "smmuv3/arch.h"
}

namespace smmuv3::tools
{

std::string gpi_name(unsigned gpi)
{
    switch (gpi) {
    case 0x0:
        return "no access";
    case 0x8:
        return "Secure";
    case 0x9:
        return "Non-secure";
    case 0xA:
        return "Root";
    case 0xB:
        return "Realm";
    case 0xF:
        return "any PA space";
    default:
        return "reserved";
    }
}

bool gpi_permits(unsigned gpi, smmu_pa_space pas)
{
    switch (gpi) {
    case 0x8:
        return pas == SMMU_PAS_SECURE;
    case 0x9:
        return pas == SMMU_PAS_NS;
    case 0xA:
        return pas == SMMU_PAS_ROOT;
    case 0xB:
        return pas == SMMU_PAS_REALM;
    case 0xF:
        return true;
    default:
        return false;
    }
}

unsigned gpt_l0gptsz_bits(unsigned enc)
{
    switch (enc) {
    case 0:
        return 30;
    case 4:
        return 34;
    case 6:
        return 36;
    case 9:
        return 39;
    default:
        return 0;
    }
}

namespace
{

uint64_t low_mask(unsigned n)
{
    return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

std::string entry_line(structure s, int level, uint64_t index, uint64_t addr, uint64_t d)
{
    decoded x = decode(s, &d);
    return "level " + std::to_string(level) + " entry [" + hex(index) + "] at " + hex(addr) +
           " (Root) = " + hex(d, 16) + ": " + x.title + ": " + x.summary;
}

} // namespace

gpt_view gpt_lookup(uint64_t gpt_base, uint64_t cfg, uint64_t pa, const gpt_reader &read)
{
    static const unsigned pps_bits[8] = {32, 36, 40, 42, 44, 48, 52, 0};
    gpt_view v;
    uint64_t w = cfg;
    unsigned pps = pps_bits[smmu_root_gpt_base_cfg_PPS(&w)];
    unsigned pgs = (unsigned)smmu_root_gpt_base_cfg_PGS(&w);
    unsigned sz = gpt_l0gptsz_bits((unsigned)smmu_root_gpt_base_cfg_L0GPTSZ(&w));
    if (!pps || pgs == 3 || !sz) {
        v.stop = "ROOT_GPT_BASE_CFG " + hex(cfg) + " holds a reserved PPS, PGS or L0GPTSZ";
        return v;
    }
    unsigned p = pgs == 0 ? 12 : pgs == 1 ? 16 : 14;
    if (pa >> pps) {
        v.stop = "PA " + hex(pa) + " is beyond the protected size (PPS " + std::to_string(pps) +
                 " bits): Non-secure accesses pass, others are granule protection faults";
        return v;
    }
    /* Level 0: PA[pps-1:s] indexes a table aligned to its size (at least 4 KB). */
    uint64_t base = gpt_base & SMMU_ROOT_GPT_BASE_ADDR;
    unsigned l0_bits = pps > sz ? pps - sz : 0;
    if (l0_bits + 3 > 12)
        base &= ~low_mask(l0_bits + 3);
    uint64_t i0 = (pa >> sz) & low_mask(l0_bits);
    uint64_t a0 = base + i0 * 8, d = 0;
    if (!read(a0, &d)) {
        v.stop = "the level-0 entry at " + hex(a0) + " (Root) is not in the dump";
        return v;
    }
    v.lines.push_back(entry_line(structure::gpt_l0, 0, i0, a0, d));
    if ((d & 0xF) == SMMU_GPT_L0_TYPE_BLOCK && !(d & SMMU_GENMASK(63, 8))) {
        v.have_gpi = true;
        v.gpi = (unsigned)smmu_gpt_l0_block_GPI(&d);
        return v;
    }
    if ((d & 0xF) != SMMU_GPT_L0_TYPE_TABLE || (d & (SMMU_GENMASK(63, 52) | SMMU_GENMASK(11, 4)))) {
        v.stop = "invalid level-0 entry";
        return v;
    }
    /* Level 1: PA[s-1:p+4] indexes it; PA[p+3:p] picks the granule's GPI. */
    uint64_t l1 = smmu_gpt_l0_table_Addr(&d) << 12;
    uint64_t i1 = (pa >> (p + 4)) & low_mask(sz - p - 4);
    uint64_t a1 = l1 + i1 * 8;
    if (!read(a1, &d)) {
        v.stop = "the level-1 entry at " + hex(a1) + " (Root) is not in the dump";
        return v;
    }
    v.lines.push_back(entry_line(structure::gpt_l1, 1, i1, a1, d));
    if ((d & 0xF) == SMMU_GPT_L1_TYPE_CONTIG) {
        if ((d & SMMU_GENMASK(63, 10)) || !smmu_gpt_l1_contig_Contig(&d)) {
            v.stop = "invalid level-1 Contiguous entry";
            return v;
        }
        v.gpi = (unsigned)smmu_gpt_l1_contig_GPI(&d);
    } else {
        unsigned n = (unsigned)((pa >> p) & 0xF);
        v.gpi = (unsigned)(d >> (4 * n)) & 0xF;
        v.lines.push_back("granule " + std::to_string(n) + " of the entry (PA[" +
                          std::to_string(p + 3) + ":" + std::to_string(p) + "]): GPI" +
                          std::to_string(n) + " = " + format_field(4, v.gpi));
    }
    v.have_gpi = true;
    return v;
}

} // namespace smmuv3::tools
