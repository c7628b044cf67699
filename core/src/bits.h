/* SPDX-License-Identifier: Apache-2.0 */
/* Bit-field helpers in the style of Linux <linux/bitfield.h>: masks are written GENMASK(hi, lo)
 * exactly as the specification prints [hi:lo], and read with FIELD_GET / written with FIELD_PREP. */
#ifndef SMMU_BITS_H
#define SMMU_BITS_H

#include <stdint.h>

#define BIT(n) (UINT64_C(1) << (n))
#define GENMASK(hi, lo) ((~UINT64_C(0) >> (63 - (hi))) & (~UINT64_C(0) << (lo)))

/* Shift of the lowest set bit of a constant mask. */
#define MASK_SHIFT(mask) ((unsigned)__builtin_ctzll((uint64_t)(mask)))
#define FIELD_GET(mask, v) ((uint64_t)(((uint64_t)(v) & (mask)) >> MASK_SHIFT(mask)))
#define FIELD_PREP(mask, v) ((((uint64_t)(v)) << MASK_SHIFT(mask)) & (mask))

static inline uint64_t bits_extract(uint64_t v, unsigned hi, unsigned lo)
{
    return (v >> lo) & (~UINT64_C(0) >> (63 - (hi - lo)));
}

/* v with bits [bits-1:0] cleared (0 when bits >= 64: a field can ask for that much). */
static inline uint64_t align_down(uint64_t v, unsigned bits)
{
    return bits >= 64 ? 0 : v & ~((UINT64_C(1) << bits) - 1);
}

/* Sign-extend the low `bits` bits of v. */
static inline uint64_t bits_sext(uint64_t v, unsigned bits)
{
    if (bits >= 64)
        return v;
    uint64_t m = UINT64_C(1) << (bits - 1);
    v &= (UINT64_C(1) << bits) - 1;
    return (v ^ m) - m;
}

/* Little-endian loads and stores: descriptors and queue entries are converted in one place. */
static inline uint64_t le64_load(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
           (uint64_t)b[7] << 56;
}

static inline void le64_store(void *p, uint64_t v)
{
    uint8_t *b = (uint8_t *)p;
    for (unsigned i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static inline uint32_t le32_load(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline void le32_store(void *p, uint32_t v)
{
    uint8_t *b = (uint8_t *)p;
    for (unsigned i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t bswap64(uint64_t v) { return __builtin_bswap64(v); }

#endif
