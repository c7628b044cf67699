/* SPDX-License-Identifier: Apache-2.0 */
/* Bit helpers of the core beside the public ones of <smmuv3/arch.h> (SMMU_GENMASK, SMMU_FIELD_GET,
 * SMMU_FIELD_PREP): extraction by bit numbers, sign extension, little-endian loads and stores. */
#ifndef SMMU_BITS_H
#define SMMU_BITS_H

#include <stdint.h>

#include "smmuv3/arch.h"

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
