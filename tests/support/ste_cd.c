/* SPDX-License-Identifier: Apache-2.0 */
/* Stream table and CD table builders for tests (see ste_cd.h). */
#include "ste_cd.h"

#include <string.h>

/* Registers and structure layouts: the public <smmuv3/arch.h>. */
#include "smmuv3/arch.h"

unsigned ste_cd_tg0(unsigned granule_shift)
{
    return granule_shift == 16 ? 1 : granule_shift == 14 ? 2 : 0;
}

unsigned ste_cd_tg1(unsigned granule_shift)
{
    return granule_shift == 16 ? 3 : granule_shift == 14 ? 1 : 2;
}

unsigned ste_cd_ps(unsigned bits)
{
    switch (bits) {
    case 32: return 0;
    case 36: return 1;
    case 40: return 2;
    case 42: return 3;
    case 44: return 4;
    case 48: return 5;
    case 52: return 6;
    default: return 7;
    }
}

unsigned ste_cd_s2sl0(unsigned granule_shift, int level)
{
    if (granule_shift == 12) {
        static const unsigned enc[5] = {4, 2, 1, 0, 3}; /* levels -1..3 */
        return level >= -1 && level <= 3 ? enc[level + 1] : 0;
    }
    return level >= 0 && level <= 3 ? (unsigned)(3 - level) : 0;
}

int ste_cd_s1_level(unsigned granule_shift, unsigned ia_bits)
{
    return 3 - (int)((ia_bits - 1 - granule_shift) / (granule_shift - 3));
}

static void write_words(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, const uint64_t *w,
                        unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        fake_mem_wr64(m, pa + 8 * i, pas, w[i]);
}

/* ---- stream tables ---- */

void st_init_linear(struct st_builder *b, struct fake_mem *mem, smmu_pa_space pas,
                    uint64_t base, unsigned log2size)
{
    memset(b, 0, sizeof(*b));
    b->mem = mem;
    b->pas = pas;
    b->base = base;
    b->log2size = log2size;
}

void st_init_2level(struct st_builder *b, struct fake_mem *mem, smmu_pa_space pas,
                    uint64_t l1_base, unsigned log2size, unsigned split, uint64_t l2_pool)
{
    st_init_linear(b, mem, pas, l1_base, log2size);
    b->split = split;
    b->l2_next = l2_pool;
}

uint64_t st_base_reg(const struct st_builder *b)
{
    return b->base & SMMU_GENMASK(55, 6); /* RA (bit 62) = 0 */
}

uint32_t st_base_cfg_reg(const struct st_builder *b)
{
    /* FMT [17:16], SPLIT [10:6], LOG2SIZE [5:0] */
    uint64_t v = SMMU_FIELD_PREP(SMMU_GENMASK(5, 0), b->log2size);
    if (b->split)
        v |= SMMU_FIELD_PREP(SMMU_GENMASK(17, 16), 1) | SMMU_FIELD_PREP(SMMU_GENMASK(10, 6), b->split);
    return (uint32_t)v;
}

uint64_t st_l1std_addr(const struct st_builder *b, uint32_t sid)
{
    return b->base + (uint64_t)(sid >> b->split) * 8;
}

void st_write_l1std(struct st_builder *b, uint32_t sid, unsigned span, uint64_t l2ptr)
{
    uint64_t d = 0;
    smmu_l1std_set_Span(&d, span);
    smmu_l1std_set_L2Ptr(&d, l2ptr >> 6);
    fake_mem_wr64(b->mem, st_l1std_addr(b, sid), b->pas, d);
}

uint64_t st_ste_addr(struct st_builder *b, uint32_t sid)
{
    if (!b->split)
        return b->base + (uint64_t)sid * 64;
    uint64_t l1 = fake_mem_rd64(b->mem, st_l1std_addr(b, sid), b->pas);
    uint64_t l2;
    if (smmu_l1std_Span(&l1) == 0) {
        uint64_t size = UINT64_C(64) << b->split;
        l2 = (b->l2_next + size - 1) & ~(size - 1);
        b->l2_next = l2 + size;
        for (uint64_t off = 0; off < size; off += 8)
            fake_mem_wr64(b->mem, l2 + off, b->pas, 0);
        st_write_l1std(b, sid, b->split + 1, l2);
    } else {
        l2 = smmu_l1std_L2Ptr(&l1) << 6;
    }
    return l2 + (uint64_t)(sid & ((1u << b->split) - 1)) * 64;
}

uint64_t st_write_ste(struct st_builder *b, uint32_t sid, const uint64_t ste[8])
{
    uint64_t a = st_ste_addr(b, sid);
    write_words(b->mem, a, b->pas, ste, SMMU_STE_DWORDS);
    return a;
}

/* ---- STEs ---- */

void ste_make_abort(uint64_t ste[8])
{
    memset(ste, 0, 8 * sizeof(uint64_t));
    smmu_ste_set_V(ste, 1);
    smmu_ste_set_Config(ste, 0);
}

void ste_make_bypass(uint64_t ste[8])
{
    ste_make_abort(ste);
    smmu_ste_set_Config(ste, 4);
}

void ste_make_s1(uint64_t ste[8], uint64_t cd_ptr, unsigned s1fmt, unsigned s1cdmax)
{
    ste_make_abort(ste);
    smmu_ste_set_Config(ste, 5);
    smmu_ste_set_S1ContextPtr(ste, cd_ptr >> 6);
    smmu_ste_set_S1Fmt(ste, s1fmt);
    smmu_ste_set_S1CDMax(ste, s1cdmax);
    smmu_ste_set_S1CIR(ste, 1);
    smmu_ste_set_S1COR(ste, 1);
    smmu_ste_set_S1CSH(ste, 3);
}

void ste_set_s2(uint64_t ste[8], const struct ste_s2_params *p)
{
    smmu_ste_set_Config(ste, smmu_ste_Config(ste) | 2);
    smmu_ste_set_S2VMID(ste, p->vmid);
    smmu_ste_set_S2T0SZ(ste, 64 - p->ia_bits);
    unsigned sl = ste_cd_s2sl0(p->granule_shift, p->start_level);
    smmu_ste_set_S2SL0(ste, sl & 3);
    smmu_ste_set_S2SL0_2(ste, sl >> 2);
    smmu_ste_set_S2IR0(ste, 1);
    smmu_ste_set_S2OR0(ste, 1);
    smmu_ste_set_S2SH0(ste, 3);
    smmu_ste_set_S2TG(ste, ste_cd_tg0(p->granule_shift));
    smmu_ste_set_S2PS(ste, ste_cd_ps(p->ps_bits));
    smmu_ste_set_S2AA64(ste, 1);
    smmu_ste_set_S2R(ste, 1);
    smmu_ste_set_S2TTB(ste, p->ttb >> 4);
}

void ste_set_secure_s2(uint64_t ste[8], const struct ste_s2_params *p)
{
    smmu_ste_set_S_S2T0SZ(ste, 64 - p->ia_bits);
    unsigned sl = ste_cd_s2sl0(p->granule_shift, p->start_level);
    smmu_ste_set_S_S2SL0(ste, sl & 3);
    smmu_ste_set_S_S2SL0_2(ste, sl >> 2);
    smmu_ste_set_S_S2TG(ste, ste_cd_tg0(p->granule_shift));
    smmu_ste_set_S_S2TTB(ste, p->ttb >> 4);
}

/* ---- CD tables ---- */

static uint64_t to_pa(const struct cd_builder *b, uint64_t addr)
{
    return b->ipa_to_pa ? b->ipa_to_pa(b->ipa_arg, addr) : addr;
}

void cd_init(struct cd_builder *b, struct fake_mem *mem, smmu_pa_space pas, uint64_t base,
             unsigned s1fmt, unsigned s1cdmax, uint64_t l2_pool)
{
    memset(b, 0, sizeof(*b));
    b->mem = mem;
    b->pas = pas;
    b->base = base;
    b->s1fmt = s1fmt;
    b->s1cdmax = s1cdmax;
    b->l2_next = l2_pool;
}

static unsigned leaf_bits(const struct cd_builder *b)
{
    return b->s1fmt == 1 ? 6 : 10;
}

uint64_t cd_l1cd_addr(const struct cd_builder *b, uint32_t ssid)
{
    return b->base + (uint64_t)(ssid >> leaf_bits(b)) * 8;
}

void cd_write_l1cd(struct cd_builder *b, uint32_t ssid, bool valid, uint64_t l2ptr)
{
    uint64_t d = 0;
    smmu_l1cd_set_V(&d, valid);
    smmu_l1cd_set_L2Ptr(&d, l2ptr >> 12);
    fake_mem_wr64(b->mem, to_pa(b, cd_l1cd_addr(b, ssid)), b->pas, d);
}

uint64_t cd_addr(struct cd_builder *b, uint32_t ssid)
{
    if (b->s1cdmax == 0 || b->s1fmt == 0 || b->s1fmt == 3)
        return b->base + (uint64_t)ssid * 64;
    unsigned lb = leaf_bits(b);
    uint64_t l1 = fake_mem_rd64(b->mem, to_pa(b, cd_l1cd_addr(b, ssid)), b->pas);
    uint64_t l2;
    if (!smmu_l1cd_V(&l1)) {
        uint64_t size = UINT64_C(64) << lb;
        l2 = (b->l2_next + size - 1) & ~(size - 1);
        b->l2_next = l2 + size;
        for (uint64_t off = 0; off < size; off += 8)
            fake_mem_wr64(b->mem, to_pa(b, l2 + off), b->pas, 0);
        cd_write_l1cd(b, ssid, true, l2);
    } else {
        l2 = smmu_l1cd_L2Ptr(&l1) << 12;
    }
    return l2 + (uint64_t)(ssid & ((1u << lb) - 1)) * 64;
}

uint64_t cd_write(struct cd_builder *b, uint32_t ssid, const uint64_t cd[8])
{
    uint64_t a = cd_addr(b, ssid);
    write_words(b->mem, to_pa(b, a), b->pas, cd, SMMU_CD_DWORDS);
    return a;
}

void cd_make(uint64_t cd[8], uint64_t ttb0, unsigned granule_shift, unsigned ia_bits,
             unsigned ips_bits, uint16_t asid, uint64_t mair)
{
    memset(cd, 0, 8 * sizeof(uint64_t));
    smmu_cd_set_V(cd, 1);
    smmu_cd_set_AA64(cd, 1);
    smmu_cd_set_A(cd, 1);
    smmu_cd_set_R(cd, 1);
    smmu_cd_set_T0SZ(cd, 64 - ia_bits);
    smmu_cd_set_TG0(cd, ste_cd_tg0(granule_shift));
    smmu_cd_set_IR0(cd, 1);
    smmu_cd_set_OR0(cd, 1);
    smmu_cd_set_SH0(cd, 3);
    smmu_cd_set_EPD1(cd, 1);
    smmu_cd_set_IPS(cd, ste_cd_ps(ips_bits));
    smmu_cd_set_ASID(cd, asid);
    smmu_cd_set_TTB0(cd, ttb0 >> 4);
    smmu_cd_set_MAIR0(cd, mair & 0xffffffffu);
    smmu_cd_set_MAIR1(cd, mair >> 32);
}

void cd_set_ttb1(uint64_t cd[8], uint64_t ttb1, unsigned granule_shift, unsigned ia_bits)
{
    smmu_cd_set_EPD1(cd, 0);
    smmu_cd_set_T1SZ(cd, 64 - ia_bits);
    smmu_cd_set_TG1(cd, ste_cd_tg1(granule_shift));
    smmu_cd_set_IR1(cd, 1);
    smmu_cd_set_OR1(cd, 1);
    smmu_cd_set_SH1(cd, 3);
    smmu_cd_set_TTB1(cd, ttb1 >> 4);
}
