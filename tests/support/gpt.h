/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A Granule Protection Table builder for tests [Arm ARM D9.6-D9.7; reference digest 9.2]:
 * writes a two-level GPT into the Root PA space of a fake_mem the way Root firmware does, and
 * programs the SMMU's Root control page with it.
 *
 *   struct gpt_builder g;
 *   gpt_init(&g, mem, 40, 30, 12, 0x10000000, 0x10100000);  // PPS 40, 1 GB L0 entries, 4K
 *   gpt_set_granule(&g, 0x80001000, GPI_REALM);              // one Realm granule
 *   gpt_enable(&g, smmu, 0x20000);                           // GPT_BASE(_CFG), GPCEN, ACCESSEN
 *
 * Every level-0 entry starts as a Block descriptor with GPI_ANY (all accesses permitted).
 */
#ifndef SMMU_TEST_GPT_H
#define SMMU_TEST_GPT_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GPI encodings [Arm ARM D9.6.5] */
enum { GPI_NONE = 0x0, GPI_SECURE = 0x8, GPI_NS = 0x9, GPI_ROOT = 0xA, GPI_REALM = 0xB,
       GPI_ANY = 0xF };

struct gpt_builder {
    struct fake_mem *mem;
    unsigned pps;          /* protected PA size in bits: 32, 36, 40, 42, 44, 48, 52 */
    unsigned l0gptsz;      /* bits covered by a level-0 entry: 30, 34, 36, 39 */
    unsigned pgs;          /* physical granule shift: 12, 14, 16 */
    uint64_t l0_base;      /* Root PA of the level-0 table (aligned by the caller) */
    uint64_t l1_next;      /* next level-1 table (Root PA), each aligned to its size */
};

void gpt_init(struct gpt_builder *g, struct fake_mem *mem, unsigned pps, unsigned l0gptsz,
              unsigned pgs, uint64_t l0_base, uint64_t l1_pool);
/* Register values: ROOT_GPT_BASE, and ROOT_GPT_BASE_CFG with PPS, PGS, Inner Shareable
 * write-back fetches (L0GPTSZ is read-only: the SMMU's configuration decides it). */
uint64_t gpt_base_reg(const struct gpt_builder *g);
uint64_t gpt_base_cfg_reg(const struct gpt_builder *g);

/* Root PA of the level-0 entry of pa; of the level-1 entry (the level-0 entry must be a
 * Table). */
uint64_t gpt_l0_addr(const struct gpt_builder *g, uint64_t pa);
uint64_t gpt_l1_addr(const struct gpt_builder *g, uint64_t pa);
/* Level-0 Block descriptor with gpi for the whole level-0 region of pa. */
void gpt_set_block(struct gpt_builder *g, uint64_t pa, unsigned gpi);
/* The GPI of one granule: the level-0 entry becomes a Table (a new level-1 table of Granules
 * descriptors repeating the Block's GPI) if it was a Block. */
void gpt_set_granule(struct gpt_builder *g, uint64_t pa, unsigned gpi);
/* Contiguous descriptors (contig 1: 2 MB, 2: 32 MB, 3: 512 MB) over the naturally aligned
 * region holding pa. */
void gpt_set_contig(struct gpt_builder *g, uint64_t pa, unsigned gpi, unsigned contig);
/* Raw descriptors, for tests of invalid entries. */
void gpt_write_l0(struct gpt_builder *g, uint64_t pa, uint64_t desc);
void gpt_write_l1(struct gpt_builder *g, uint64_t pa, uint64_t desc);

/* Root control page access (offset of the page in the SMMU's register space). */
uint64_t gpt_root_read(smmu_t *s, uint64_t root_page, unsigned off, unsigned size);
void gpt_root_write(smmu_t *s, uint64_t root_page, unsigned off, unsigned size, uint64_t v);
/* Program ROOT_GPT_BASE / ROOT_GPT_BASE_CFG, then ROOT_CR0.GPCEN and then ACCESSEN, each
 * polled on ROOT_CR0ACK, as TF-A does. Returns 0, or -1 if an update did not complete. */
int gpt_enable(const struct gpt_builder *g, smmu_t *s, uint64_t root_page);
/* ROOT_CR0.ACCESSEN = 1 with GPCEN = 0 (no checks). Returns 0 or -1. */
int gpt_access_only(smmu_t *s, uint64_t root_page);

#ifdef __cplusplus
}
#endif

#endif
