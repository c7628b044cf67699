/* SPDX-License-Identifier: Apache-2.0 */
#include "gpt.h"

#include <stdio.h>
#include <stdlib.h>

#define ROOT_CR0 0x020
#define ROOT_CR0ACK 0x024
#define ROOT_GPT_BASE 0x028
#define ROOT_GPT_BASE_CFG 0x030

static uint64_t gpt_l1_size(const struct gpt_builder *g)
{
    return UINT64_C(1) << (g->l0gptsz - g->pgs - 1);
}

void gpt_init(struct gpt_builder *g, struct fake_mem *mem, unsigned pps, unsigned l0gptsz,
              unsigned pgs, uint64_t l0_base, uint64_t l1_pool)
{
    g->mem = mem;
    g->pps = pps;
    g->l0gptsz = l0gptsz;
    g->pgs = pgs;
    g->l0_base = l0_base;
    g->l1_next = l1_pool;
    uint64_t n = pps > l0gptsz ? UINT64_C(1) << (pps - l0gptsz) : 1;
    for (uint64_t i = 0; i < n; i++)
        fake_mem_wr64(mem, l0_base + 8 * i, SMMU_PAS_ROOT, (uint64_t)GPI_ANY << 4 | 0x1);
}

uint64_t gpt_base_reg(const struct gpt_builder *g)
{
    return g->l0_base;
}

uint64_t gpt_base_cfg_reg(const struct gpt_builder *g)
{
    unsigned pps;
    switch (g->pps) {
    case 32: pps = 0; break;
    case 36: pps = 1; break;
    case 40: pps = 2; break;
    case 42: pps = 3; break;
    case 44: pps = 4; break;
    case 48: pps = 5; break;
    default: pps = 6; break;
    }
    unsigned pgs = g->pgs == 12 ? 0 : g->pgs == 16 ? 1 : 2;
    /* PGS [15:14], SH [13:12] = Inner, ORGN [11:10] = IRGN [9:8] = WB RAWA, PPS [2:0] */
    return (uint64_t)pgs << 14 | 3u << 12 | 1u << 10 | 1u << 8 | pps;
}

uint64_t gpt_l0_addr(const struct gpt_builder *g, uint64_t pa)
{
    uint64_t idx = g->pps > g->l0gptsz ? (pa >> g->l0gptsz) &
                                             ((UINT64_C(1) << (g->pps - g->l0gptsz)) - 1)
                                       : 0;
    return g->l0_base + 8 * idx;
}

uint64_t gpt_l1_addr(const struct gpt_builder *g, uint64_t pa)
{
    uint64_t d = fake_mem_rd64(g->mem, gpt_l0_addr(g, pa), SMMU_PAS_ROOT);
    if ((d & 0xF) != 0x3) {
        fprintf(stderr, "gpt: level-0 entry of 0x%llx is not a Table\n",
                (unsigned long long)pa);
        abort();
    }
    uint64_t l1 = d & 0x000FFFFFFFFFF000ull;
    uint64_t idx = (pa >> (g->pgs + 4)) & ((UINT64_C(1) << (g->l0gptsz - g->pgs - 4)) - 1);
    return l1 + 8 * idx;
}

void gpt_set_block(struct gpt_builder *g, uint64_t pa, unsigned gpi)
{
    gpt_write_l0(g, pa, (uint64_t)(gpi & 0xF) << 4 | 0x1);
}

/* Make the level-0 entry of pa a Table (Granules descriptors with the Block's GPI). */
static void gpt_make_table(struct gpt_builder *g, uint64_t pa)
{
    uint64_t l0 = gpt_l0_addr(g, pa);
    uint64_t d = fake_mem_rd64(g->mem, l0, SMMU_PAS_ROOT);
    if ((d & 0xF) == 0x3)
        return;
    uint64_t gpi = (d & 0xF) == 0x1 ? (d >> 4) & 0xF : GPI_NONE;
    uint64_t size = gpt_l1_size(g);
    uint64_t l1 = (g->l1_next + size - 1) & ~(size - 1);
    g->l1_next = l1 + size;
    uint64_t gran = gpi * 0x1111111111111111ull;
    for (uint64_t off = 0; gran && off < size; off += 8) /* unwritten memory reads 0 */
        fake_mem_wr64(g->mem, l1 + off, SMMU_PAS_ROOT, gran);
    fake_mem_wr64(g->mem, l0, SMMU_PAS_ROOT, l1 | 0x3);
}

void gpt_set_granule(struct gpt_builder *g, uint64_t pa, unsigned gpi)
{
    gpt_make_table(g, pa);
    uint64_t a = gpt_l1_addr(g, pa);
    uint64_t d = fake_mem_rd64(g->mem, a, SMMU_PAS_ROOT);
    if ((d & 0xF) == 0x1) /* a Contiguous descriptor: spread its GPI first */
        d = ((d >> 4) & 0xF) * 0x1111111111111111ull;
    unsigned sh = 4 * (unsigned)((pa >> g->pgs) & 0xF);
    d = (d & ~(UINT64_C(0xF) << sh)) | (uint64_t)(gpi & 0xF) << sh;
    fake_mem_wr64(g->mem, a, SMMU_PAS_ROOT, d);
}

void gpt_set_contig(struct gpt_builder *g, uint64_t pa, unsigned gpi, unsigned contig)
{
    static const unsigned region_bits[4] = {0, 21, 25, 29};
    gpt_make_table(g, pa);
    uint64_t size = UINT64_C(1) << region_bits[contig & 3];
    uint64_t base = pa & ~(size - 1);
    uint64_t step = UINT64_C(16) << g->pgs; /* one level-1 descriptor */
    for (uint64_t a = base; a < base + size; a += step)
        fake_mem_wr64(g->mem, gpt_l1_addr(g, a), SMMU_PAS_ROOT,
                      (uint64_t)(contig & 3) << 8 | (uint64_t)(gpi & 0xF) << 4 | 0x1);
}

void gpt_write_l0(struct gpt_builder *g, uint64_t pa, uint64_t desc)
{
    fake_mem_wr64(g->mem, gpt_l0_addr(g, pa), SMMU_PAS_ROOT, desc);
}

void gpt_write_l1(struct gpt_builder *g, uint64_t pa, uint64_t desc)
{
    gpt_make_table(g, pa);
    fake_mem_wr64(g->mem, gpt_l1_addr(g, pa), SMMU_PAS_ROOT, desc);
}

uint64_t gpt_root_read(smmu_t *s, uint64_t root_page, unsigned off, unsigned size)
{
    uint64_t v = 0;
    if (smmu_reg_read(s, root_page + off, size, SMMU_PAS_ROOT, &v) != SMMU_OK)
        abort();
    return v;
}

void gpt_root_write(smmu_t *s, uint64_t root_page, unsigned off, unsigned size, uint64_t v)
{
    if (smmu_reg_write(s, root_page + off, size, SMMU_PAS_ROOT, v) != SMMU_OK)
        abort();
}

static int gpt_write_cr0(smmu_t *s, uint64_t root_page, uint32_t cr0)
{
    gpt_root_write(s, root_page, ROOT_CR0, 4, cr0);
    for (int i = 0; i < 100; i++)
        if (gpt_root_read(s, root_page, ROOT_CR0ACK, 4) == cr0)
            return 0;
    return -1;
}

int gpt_enable(const struct gpt_builder *g, smmu_t *s, uint64_t root_page)
{
    gpt_root_write(s, root_page, ROOT_GPT_BASE, 8, gpt_base_reg(g));
    gpt_root_write(s, root_page, ROOT_GPT_BASE_CFG, 8, gpt_base_cfg_reg(g));
    if (gpt_write_cr0(s, root_page, 0x2)) /* GPCEN */
        return -1;
    return gpt_write_cr0(s, root_page, 0x3); /* then ACCESSEN */
}

int gpt_access_only(smmu_t *s, uint64_t root_page)
{
    return gpt_write_cr0(s, root_page, 0x1);
}
