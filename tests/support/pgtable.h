/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A VMSAv8-64 page-table builder for tests: writes stage-1 or stage-2 tables into a fake_mem
 * the way a driver does [Arm ARM D8.2-D8.3], and produces the matching struct walk_cfg.
 *
 *   struct pgt pt;
 *   struct pgt_params prm = pgt_default_params(1, 12, 48);  // stage 1, 4K, 48-bit IA
 *   prm.pool_base = 0x100000; prm.pool_size = 0x100000;
 *   pgt_init(&pt, mem, &prm);
 *   pgt_map(&pt, 0x40000000, 0x80000000, 0x200000, PGT_AF | PGT_SH(3));  // one 2 MB block
 *   struct walk_cfg cfg; pgt_walk_cfg(&pt, &cfg);
 *
 * Addresses given to and returned by the builder are "table addresses": the addresses held
 * in descriptors and in cfg.ttb (IPAs when the tables are walked through stage 2). The
 * builder stores a table address a at fake_mem PA a + mem_offset (0 unless the test uses an
 * identity + offset stage 2). Tables are allocated from bump pools, one per PA space.
 * Functions return 0 on success and -1 (with a message on stderr) on misuse.
 */
#ifndef SMMU_TEST_PGTABLE_H
#define SMMU_TEST_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

struct walk_cfg;

/* ---- descriptor attribute bits [Arm ARM D8.3, Tables D8-50..53] ---- */
/* Block and page descriptors, both stages */
#define PGT_SH(sh) ((uint64_t)((sh)&3) << 8) /* SH[1:0] (not with DS: OA[51:50]) */
#define PGT_AF (UINT64_C(1) << 10)
#define PGT_DBM (UINT64_C(1) << 51)
#define PGT_CONT (UINT64_C(1) << 52)
/* Stage 1 */
#define PGT_ATTRINDX(i) ((uint64_t)((i)&7) << 2)
#define PGT_NS (UINT64_C(1) << 5)
#define PGT_AP(ap) ((uint64_t)((ap)&3) << 6) /* AP[2:1]: 0 priv RW, 1 RW, 2 priv RO, 3 RO */
#define PGT_NG (UINT64_C(1) << 11)
#define PGT_PXN (UINT64_C(1) << 53)
#define PGT_UXN (UINT64_C(1) << 54) /* XN in single-EL regimes */
/* Stage 2 */
#define PGT_MEMATTR(m) ((uint64_t)((m)&15) << 2)
#define PGT_S2AP(ap) ((uint64_t)((ap)&3) << 6)  /* 0 none, 1 RO, 2 WO, 3 RW */
#define PGT_S2XN(xn) ((uint64_t)((xn)&3) << 53) /* XN[1:0] (bit 54 XN[1], bit 53 XN[0]) */
#define PGT_S2NS (UINT64_C(1) << 55)            /* Realm stage 2 */
/* Table descriptors (stage 1) */
#define PGT_T_PXN (UINT64_C(1) << 59)
#define PGT_T_UXN (UINT64_C(1) << 60)           /* XNTable in single-EL regimes */
#define PGT_T_AP(ap) ((uint64_t)((ap)&3) << 61) /* APTable: 1 no EL0, 2 RO, 3 both */
#define PGT_T_NS (UINT64_C(1) << 63)
#define PGT_T_ATTRS (UINT64_C(0x1f) << 59)

/* Convenient leaf attributes: Normal (AttrIndx 0 / MemAttr 0xf), Inner Shareable, AF. */
#define PGT_S1_RW (PGT_ATTRINDX(0) | PGT_SH(3) | PGT_AF | PGT_AP(1))
#define PGT_S2_RW (PGT_MEMATTR(0xf) | PGT_SH(3) | PGT_AF | PGT_S2AP(3))

#define PGT_LEVEL_AUTO (-128)

struct pgt_params {
    uint8_t stage;         /* 1 or 2 */
    uint8_t granule_shift; /* 12 (4K), 14 (16K), 16 (64K) */
    uint8_t ia_bits;       /* input address size */
    int8_t start_level;    /* PGT_LEVEL_AUTO: the level a single start table needs; stage 2
                              may give a deeper level: the start table is then concatenated
                              (2..16 tables) */
    uint8_t oa_bits;       /* output size: 64K blocks at level 1 only when 52 */
    bool ds;               /* LPA2 descriptors (4K/16K): OA[51:48] in [9:8],[49:48] */
    bool big_endian;       /* descriptors stored big-endian */
    bool secure_tables;    /* stage 1 Secure regime: NSTable moves tables to SMMU_PAS_NS */
    smmu_pa_space pas;     /* PA space of the start table */
    uint64_t pool_base;    /* table memory in pas: [pool_base, pool_base + pool_size) */
    uint64_t pool_size;
    uint64_t mem_offset; /* table address a is stored at fake_mem PA a + mem_offset */
};

struct pgt_pool {
    uint64_t next, end;
};

struct pgt {
    struct fake_mem *mem;
    struct pgt_params prm;
    int start_level;
    unsigned root_tables;     /* concatenated start tables (1..16) */
    uint64_t root;            /* start table address (cfg.ttb) */
    uint64_t new_table_attrs; /* bits [63:59] of table descriptors created from now on */
    struct pgt_pool pool[4];  /* by smmu_pa_space */
};

/* Parameters with the usual defaults: automatic start level, 48-bit OA, Non-secure, pool at
 * 1 MB of 4 MB. */
struct pgt_params pgt_default_params(unsigned stage, unsigned granule_shift, unsigned ia_bits);

/* Allocate and zero the start table (2..16 concatenated tables where the start level needs
 * them). */
int pgt_init(struct pgt *p, struct fake_mem *m, const struct pgt_params *prm);
/* Another pool, for tables in another PA space (NSTable: SMMU_PAS_NS). */
void pgt_add_pool(struct pgt *p, smmu_pa_space pas, uint64_t base, uint64_t size);

/* Level geometry: log2 of the size a descriptor at level maps; the start level. */
unsigned pgt_level_shift(const struct pgt *p, int level);
int pgt_start_level(const struct pgt *p);

/* Map [va, va + size) to [pa, pa + size) with the largest leaves the architecture allows
 * for the alignment (blocks or pages). attrs: the leaf bits (PGT_* above); the type and
 * address bits are the builder's. Intermediate tables are created as needed with
 * new_table_attrs. Fails if a leaf is in the way. */
int pgt_map(struct pgt *p, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs);
/* Write one leaf at level exactly as asked: a block descriptor (type 0b01) below level 3,
 * a page at 3, even where the architecture forbids such a block (for fault tests). */
int pgt_map_leaf(struct pgt *p, uint64_t va, uint64_t pa, int level, uint64_t attrs);
/* Bits [63:59] (PGT_T_*) for table descriptors created from now on. NSTable must be given
 * here (a table is allocated in the PA space its parent's NSTable selects). */
void pgt_set_new_table_attrs(struct pgt *p, uint64_t table_attrs);
/* Replace bits [63:59] of the existing table descriptor at level on va's path. */
int pgt_set_table_attrs(struct pgt *p, uint64_t va, int level, uint64_t table_attrs);
/* Invalidate the leaves covering [va, va + size) (whole leaves only). */
int pgt_unmap(struct pgt *p, uint64_t va, uint64_t size);

/* Table address and PA space of the descriptor at level on va's path (the path must reach
 * that level through table descriptors). */
int pgt_desc_addr(const struct pgt *p, uint64_t va, int level, uint64_t *addr, smmu_pa_space *pas);
/* The leaf for va: its table address, PA space, level and value. */
int pgt_leaf(const struct pgt *p, uint64_t va, uint64_t *addr, smmu_pa_space *pas, int *level,
             uint64_t *desc);
/* Read / write one descriptor at a table address (endianness converted). */
uint64_t pgt_read(const struct pgt *p, uint64_t addr, smmu_pa_space pas);
void pgt_write(struct pgt *p, uint64_t addr, smmu_pa_space pas, uint64_t desc);
/* The fake_mem PA of a table address. */
uint64_t pgt_pa(const struct pgt *p, uint64_t addr);
/* Descriptor output-address bits for address a at a level of size 2^lo (DS / 64K 52-bit
 * encodings included). */
uint64_t pgt_encode_addr(const struct pgt *p, uint64_t a, unsigned lo);

/* The walk configuration for these tables: ttb, stage, granule, sizes, start level, DS,
 * endianness, walk_pas, secure_tables; HTTU, AFFD, HAD off; Normal WB Inner Shareable
 * fetches. */
void pgt_walk_cfg(const struct pgt *p, struct walk_cfg *cfg);

#ifdef __cplusplus
}
#endif

#endif
