/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stream table and CD table builders for tests: they write STEs, L1STDs, CDs and L1CDs into a
 * fake_mem the way a driver does, using the field setters of core/src/ste_cd_layout.h.
 *
 * Typical use:
 *     struct st_builder st;
 *     st_init_2level(&st, mem, SMMU_PAS_NS, 0x100000, 16, 8, 0x200000);
 *     uint64_t ste[8];
 *     ste_make_s1(ste, 0x300000, 0, 0);        // one CD at 0x300000
 *     st_write_ste(&st, sid, ste);
 *     s->bank[BANK_NS].strtab_base = st_base_reg(&st);      (or SMMU_STRTAB_BASE writes)
 *     s->bank[BANK_NS].strtab_base_cfg = st_base_cfg_reg(&st);
 *
 * Structures are built in host order (uint64_t[8]) and stored little-endian.
 */
#ifndef SMMU_TEST_STE_CD_H
#define SMMU_TEST_STE_CD_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- encodings ---- */

/* TG0 / STE.S2TG encoding of a granule (12, 14 or 16): 0 4KB, 1 64KB, 2 16KB. */
unsigned ste_cd_tg0(unsigned granule_shift);
/* CD.TG1 encoding (different!): 2 4KB, 1 16KB, 3 64KB. */
unsigned ste_cd_tg1(unsigned granule_shift);
/* IPS / S2PS encoding of an address size in bits (32..52). */
unsigned ste_cd_ps(unsigned bits);
/* {S2SL0_2, S2SL0} encoding of a stage-2 start level for a granule (-1..3). */
unsigned ste_cd_s2sl0(unsigned granule_shift, int level);
/* The VMSAv8-64 start level of an ia_bits-bit stage-1 walk. */
int ste_cd_s1_level(unsigned granule_shift, unsigned ia_bits);

/* ---- stream tables ---- */

struct st_builder {
    struct fake_mem *mem;
    smmu_pa_space pas;     /* PA space of the table (the bank's) */
    uint64_t base;         /* linear table, or the L1 table */
    unsigned log2size;     /* STRTAB_BASE_CFG.LOG2SIZE */
    unsigned split;        /* 0 for a linear table, else SPLIT (6, 8 or 10) */
    uint64_t l2_next;      /* where the next L2 array is allocated (2-level) */
};

/* A linear table of 2^log2size STEs at base (aligned to its size by the caller). */
void st_init_linear(struct st_builder *b, struct fake_mem *mem, smmu_pa_space pas,
                    uint64_t base, unsigned log2size);
/* A 2-level table: L1 at l1_base, L2 arrays allocated from l2_pool upwards (each aligned to
 * its size, 64 << split bytes). All L1STDs start invalid (Span 0). */
void st_init_2level(struct st_builder *b, struct fake_mem *mem, smmu_pa_space pas,
                    uint64_t l1_base, unsigned log2size, unsigned split, uint64_t l2_pool);
/* SMMU_(S_)STRTAB_BASE and SMMU_(S_)STRTAB_BASE_CFG values for this table. */
uint64_t st_base_reg(const struct st_builder *b);
uint32_t st_base_cfg_reg(const struct st_builder *b);
/* Address of the L1STD of sid (2-level tables). */
uint64_t st_l1std_addr(const struct st_builder *b, uint32_t sid);
/* Write the L1STD of sid with an explicit Span and L2Ptr (for tests of bad descriptors). */
void st_write_l1std(struct st_builder *b, uint32_t sid, unsigned span, uint64_t l2ptr);
/* Address of the STE of sid; for 2-level tables this makes the L1STD valid first (Span =
 * SPLIT + 1, a new zeroed L2 array) if it was not. */
uint64_t st_ste_addr(struct st_builder *b, uint32_t sid);
/* Write the STE of sid (making its L1STD valid as st_ste_addr does). Returns its address. */
uint64_t st_write_ste(struct st_builder *b, uint32_t sid, const uint64_t ste[8]);

/* ---- STEs ---- */

/* V=1, Config=000: abort without an event. */
void ste_make_abort(uint64_t ste[8]);
/* V=1, Config=100: bypass. */
void ste_make_bypass(uint64_t ste[8]);
/* V=1, Config=101: stage 1 with CD (table) at cd_ptr, S1Fmt, S1CDMax; CD fetches
 * write-back inner shareable; S1DSS 00. */
void ste_make_s1(uint64_t ste[8], uint64_t cd_ptr, unsigned s1fmt, unsigned s1cdmax);

/* A stage-2 table configuration. */
struct ste_s2_params {
    uint64_t ttb;
    unsigned granule_shift; /* 12, 14, 16 */
    unsigned ia_bits;       /* S2T0SZ = 64 - ia_bits */
    int start_level;        /* encoded into S2SL0 (and S2SL0_2) */
    unsigned ps_bits;       /* S2PS */
    uint16_t vmid;
};
/* Add stage 2 to an STE made by ste_make_bypass (giving 110) or ste_make_s1 (111): S2AA64=1,
 * S2R=1, walks write-back inner shareable, little-endian. */
void ste_set_s2(uint64_t ste[8], const struct ste_s2_params *p);
/* The Secure IPA space table of a Secure STE (S_S2TTB, S_S2TG, S_S2T0SZ, S_S2SL0). ps_bits
 * and vmid of p are not used (shared with the Non-secure IPA table). */
void ste_set_secure_s2(uint64_t ste[8], const struct ste_s2_params *p);

/* ---- CD tables ---- */

/* Translates a table IPA to the PA the builder writes at (nested streams); NULL = identity. */
typedef uint64_t (*ste_cd_ipa_to_pa_fn)(void *arg, uint64_t ipa);

struct cd_builder {
    struct fake_mem *mem;
    smmu_pa_space pas;
    uint64_t base;         /* STE.S1ContextPtr */
    unsigned s1fmt;        /* 0 linear, 1 2-level 4KB leaves, 2 2-level 64KB leaves */
    unsigned s1cdmax;
    uint64_t l2_next;      /* L2 table allocator (address space of base) */
    ste_cd_ipa_to_pa_fn ipa_to_pa;
    void *ipa_arg;
};

void cd_init(struct cd_builder *b, struct fake_mem *mem, smmu_pa_space pas, uint64_t base,
             unsigned s1fmt, unsigned s1cdmax, uint64_t l2_pool);
/* Table address of the L1CD of ssid (2-level). */
uint64_t cd_l1cd_addr(const struct cd_builder *b, uint32_t ssid);
/* Write the L1CD of ssid explicitly. */
void cd_write_l1cd(struct cd_builder *b, uint32_t ssid, bool valid, uint64_t l2ptr);
/* Table address of the CD of ssid; for 2-level tables the L1CD is made valid first (new
 * zeroed leaf) if it was not. */
uint64_t cd_addr(struct cd_builder *b, uint32_t ssid);
/* Write the CD of ssid. Returns its table address. */
uint64_t cd_write(struct cd_builder *b, uint32_t ssid, const uint64_t cd[8]);

/* A valid AArch64 CD with TTB0 enabled and TTB1 disabled (EPD1=1): V, AA64, A=1, R=1,
 * TG0/T0SZ from the granule and ia_bits, IPS from ips_bits, walks write-back inner
 * shareable, ASID, MAIR = {MAIR1, MAIR0} = mair. */
void cd_make(uint64_t cd[8], uint64_t ttb0, unsigned granule_shift, unsigned ia_bits,
             unsigned ips_bits, uint16_t asid, uint64_t mair);
/* Enable TTB1 (EPD1=0) with its own granule and size. */
void cd_set_ttb1(uint64_t cd[8], uint64_t ttb1, unsigned granule_shift, unsigned ia_bits);

#ifdef __cplusplus
}
#endif

#endif
