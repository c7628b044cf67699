/* SPDX-License-Identifier: Apache-2.0 */
/* A VMSAv8-64 page-table builder for tests (see pgtable.h). */
#include "pgtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* struct walk_cfg lives in the core's internal headers; the support library only links
 * the public core target, hence the relative path. */
#include "config.h"

#define PGT_ADDR_47 ((UINT64_C(1) << 48) - 1)

static int pgt_err(const char *what, uint64_t a)
{
    fprintf(stderr, "pgtable: %s (0x%llx)\n", what, (unsigned long long)a);
    return -1;
}

static uint64_t pgt_mask(unsigned bits)
{
    return bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
}

static bool pgt_ds(const struct pgt *p)
{
    return p->prm.ds && p->prm.granule_shift != 16;
}

unsigned pgt_level_shift(const struct pgt *p, int level)
{
    unsigned g = p->prm.granule_shift;
    return g + (unsigned)(3 - level) * (g - 3);
}

int pgt_start_level(const struct pgt *p)
{
    return p->start_level;
}

/* Index bits of the table at level (the start table takes every remaining IA bit). */
static unsigned pgt_index_bits(const struct pgt *p, int level)
{
    if (level == p->start_level)
        return p->prm.ia_bits - pgt_level_shift(p, level);
    return p->prm.granule_shift - 3u;
}

struct pgt_params pgt_default_params(unsigned stage, unsigned granule_shift, unsigned ia_bits)
{
    struct pgt_params prm;
    memset(&prm, 0, sizeof(prm));
    prm.stage = (uint8_t)stage;
    prm.granule_shift = (uint8_t)granule_shift;
    prm.ia_bits = (uint8_t)ia_bits;
    prm.start_level = PGT_LEVEL_AUTO;
    prm.oa_bits = 48;
    prm.pas = SMMU_PAS_NS;
    prm.pool_base = 0x100000;
    prm.pool_size = 0x400000;
    return prm;
}

uint64_t pgt_pa(const struct pgt *p, uint64_t addr)
{
    return addr + p->prm.mem_offset;
}

uint64_t pgt_read(const struct pgt *p, uint64_t addr, smmu_pa_space pas)
{
    uint64_t v = fake_mem_rd64(p->mem, pgt_pa(p, addr), pas);
    return p->prm.big_endian ? __builtin_bswap64(v) : v;
}

void pgt_write(struct pgt *p, uint64_t addr, smmu_pa_space pas, uint64_t desc)
{
    fake_mem_wr64(p->mem, pgt_pa(p, addr), pas, p->prm.big_endian ? __builtin_bswap64(desc) : desc);
}

uint64_t pgt_encode_addr(const struct pgt *p, uint64_t a, unsigned lo)
{
    uint64_t d = a & PGT_ADDR_47 & ~pgt_mask(lo);
    if (p->prm.granule_shift == 16)
        d |= ((a >> 48) & 0xf) << 12;
    else if (pgt_ds(p))
        d |= ((a >> 50) & 3) << 8 | ((a >> 48) & 3) << 48;
    return d;
}

static uint64_t pgt_decode_addr(const struct pgt *p, uint64_t d, unsigned lo)
{
    uint64_t a = d & PGT_ADDR_47 & ~pgt_mask(lo);
    if (p->prm.granule_shift == 16)
        a |= ((d >> 12) & 0xf) << 48;
    else if (pgt_ds(p))
        a |= ((d >> 8) & 3) << 50 | ((d >> 48) & 3) << 48;
    return a;
}

/* Allocate and zero size bytes (a multiple of the granule) aligned to size. */
static int pgt_alloc(struct pgt *p, smmu_pa_space pas, uint64_t size, uint64_t *addr)
{
    struct pgt_pool *pool = &p->pool[pas & 3];
    uint64_t a = (pool->next + size - 1) & ~(size - 1);
    if (pool->end == 0 || a + size > pool->end || a + size < a)
        return pgt_err("table pool exhausted or absent", a);
    pool->next = a + size;
    static const uint8_t zero[1024];
    for (uint64_t o = 0; o < size; o += sizeof(zero))
        fake_mem_write(p->mem, pgt_pa(p, a + o), pas, zero, sizeof(zero));
    *addr = a;
    return 0;
}

void pgt_add_pool(struct pgt *p, smmu_pa_space pas, uint64_t base, uint64_t size)
{
    p->pool[pas & 3].next = base;
    p->pool[pas & 3].end = base + size;
}

int pgt_init(struct pgt *p, struct fake_mem *m, const struct pgt_params *prm)
{
    memset(p, 0, sizeof(*p));
    p->mem = m;
    p->prm = *prm;
    unsigned g = prm->granule_shift, stride = g - 3u;
    if (g != 12 && g != 14 && g != 16)
        return pgt_err("granule_shift must be 12, 14 or 16", g);
    if (prm->ia_bits > 52 || prm->ia_bits <= g)
        return pgt_err("bad ia_bits", prm->ia_bits);
    int level = prm->start_level;
    if (level == PGT_LEVEL_AUTO)
        level = 3 - (int)((prm->ia_bits - 1u - g) / stride);
    p->start_level = level;
    if (level < -1 || level > 3 || prm->ia_bits <= pgt_level_shift(p, level))
        return pgt_err("bad start level", (uint64_t)(int64_t)level);
    unsigned idx = pgt_index_bits(p, level);
    if (idx > stride + 4 || (idx > stride && prm->stage != 2))
        return pgt_err("start level needs more than 16 concatenated tables", idx);
    p->root_tables = idx > stride ? 1u << (idx - stride) : 1u;
    pgt_add_pool(p, prm->pas, prm->pool_base, prm->pool_size);
    return pgt_alloc(p, prm->pas, (uint64_t)p->root_tables << g, &p->root);
}

void pgt_set_new_table_attrs(struct pgt *p, uint64_t table_attrs)
{
    p->new_table_attrs = table_attrs & PGT_T_ATTRS;
}

static bool pgt_block_ok(const struct pgt *p, int level)
{
    if (level == 2)
        return true;
    switch (p->prm.granule_shift) {
    case 12:
        return level == 1 || (level == 0 && pgt_ds(p));
    case 14:
        return level == 1 && pgt_ds(p);
    default:
        return level == 1 && p->prm.oa_bits >= 52;
    }
}

/* Follow va's path down to level, creating tables if create. *addr / *pas: the descriptor
 * at level. */
static int pgt_path(const struct pgt *cp, struct pgt *p, uint64_t va, int level, uint64_t *addr,
                    smmu_pa_space *pas)
{
    va &= pgt_mask(cp->prm.ia_bits);
    uint64_t table = cp->root;
    smmu_pa_space tpas = cp->prm.pas;
    if (level < cp->start_level || level > 3)
        return pgt_err("level outside the walk", (uint64_t)(int64_t)level);
    for (int l = cp->start_level;; l++) {
        unsigned shift = pgt_level_shift(cp, l);
        uint64_t a = table + ((va >> shift) & pgt_mask(pgt_index_bits(cp, l))) * 8;
        if (l == level) {
            *addr = a;
            *pas = tpas;
            return 0;
        }
        uint64_t d = pgt_read(cp, a, tpas);
        bool ns = false;
        if ((d & 3) != 3) {
            if (d & 1)
                return pgt_err("a leaf is in the way at this address", va);
            if (!p)
                return pgt_err("no table on the path", va);
            ns =
                cp->prm.secure_tables && tpas == SMMU_PAS_SECURE && (p->new_table_attrs & PGT_T_NS);
            uint64_t next;
            if (pgt_alloc(p, ns ? SMMU_PAS_NS : tpas, UINT64_C(1) << cp->prm.granule_shift, &next))
                return -1;
            d = 3 | pgt_encode_addr(cp, next, cp->prm.granule_shift) | p->new_table_attrs;
            pgt_write(p, a, tpas, d);
        } else {
            ns = cp->prm.secure_tables && cp->prm.stage == 1 && tpas == SMMU_PAS_SECURE &&
                 (d & PGT_T_NS);
        }
        if (ns)
            tpas = SMMU_PAS_NS;
        table = pgt_decode_addr(cp, d, cp->prm.granule_shift);
    }
}

int pgt_map_leaf(struct pgt *p, uint64_t va, uint64_t pa, int level, uint64_t attrs)
{
    uint64_t a;
    smmu_pa_space pas;
    if (pgt_path(p, p, va, level, &a, &pas))
        return -1;
    unsigned shift = pgt_level_shift(p, level);
    if ((pa | va) & pgt_mask(shift))
        return pgt_err("va or pa not aligned to the leaf size", pa);
    if (pgt_ds(p))
        attrs &= ~(UINT64_C(3) << 8);
    uint64_t d = (level == 3 ? 3u : 1u) | pgt_encode_addr(p, pa, shift) | (attrs & ~UINT64_C(3));
    pgt_write(p, a, pas, d);
    return 0;
}

int pgt_map(struct pgt *p, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
    while (size) {
        int level = p->start_level < 0 ? 0 : p->start_level;
        for (; level < 3; level++) {
            uint64_t sz = UINT64_C(1) << pgt_level_shift(p, level);
            if (pgt_block_ok(p, level) && !((va | pa) & (sz - 1)) && size >= sz)
                break;
        }
        uint64_t sz = UINT64_C(1) << pgt_level_shift(p, level);
        if (level == 3 && ((va | pa | size) & (sz - 1)))
            return pgt_err("va, pa or size not aligned to the granule", va);
        if (pgt_map_leaf(p, va, pa, level, attrs))
            return -1;
        va += sz;
        pa += sz;
        size -= sz;
    }
    return 0;
}

int pgt_leaf(const struct pgt *p, uint64_t va, uint64_t *addr, smmu_pa_space *pas, int *level,
             uint64_t *desc)
{
    for (int l = p->start_level; l <= 3; l++) {
        uint64_t a;
        smmu_pa_space s;
        if (pgt_path(p, NULL, va, l, &a, &s))
            return -1;
        uint64_t d = pgt_read(p, a, s);
        if (!(d & 1))
            return pgt_err("no leaf for this address", va);
        if (l == 3 || (d & 3) == 1) {
            *addr = a;
            *pas = s;
            *level = l;
            *desc = d;
            return 0;
        }
    }
    return -1;
}

int pgt_desc_addr(const struct pgt *p, uint64_t va, int level, uint64_t *addr, smmu_pa_space *pas)
{
    return pgt_path(p, NULL, va, level, addr, pas);
}

int pgt_set_table_attrs(struct pgt *p, uint64_t va, int level, uint64_t table_attrs)
{
    uint64_t a;
    smmu_pa_space pas;
    if (level >= 3 || pgt_path(p, NULL, va, level, &a, &pas))
        return -1;
    uint64_t d = pgt_read(p, a, pas);
    if ((d & 3) != 3)
        return pgt_err("not a table descriptor", va);
    pgt_write(p, a, pas, (d & ~PGT_T_ATTRS) | (table_attrs & PGT_T_ATTRS));
    return 0;
}

int pgt_unmap(struct pgt *p, uint64_t va, uint64_t size)
{
    while (size) {
        uint64_t a, d;
        smmu_pa_space pas;
        int level;
        if (pgt_leaf(p, va, &a, &pas, &level, &d))
            return -1;
        uint64_t sz = UINT64_C(1) << pgt_level_shift(p, level);
        if ((va & (sz - 1)) || size < sz)
            return pgt_err("unmap would split a leaf", va);
        pgt_write(p, a, pas, 0);
        va += sz;
        size -= sz;
    }
    return 0;
}

void pgt_walk_cfg(const struct pgt *p, struct walk_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->ttb = p->root;
    cfg->stage = p->prm.stage;
    cfg->granule_shift = p->prm.granule_shift;
    cfg->ia_bits = p->prm.ia_bits;
    cfg->start_level = (int8_t)p->start_level;
    cfg->oa_bits = p->prm.oa_bits;
    cfg->ds = p->prm.ds;
    cfg->big_endian = p->prm.big_endian;
    cfg->walk_pas = p->prm.pas;
    cfg->secure_tables = p->prm.secure_tables;
    cfg->fetch_attrs.mair = 0xff;
    cfg->fetch_attrs.sh = 3;
}
