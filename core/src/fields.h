/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Multi-word architectural structures (STE, CD, commands, event records) as tables of fields.
 *
 * Each structure is an X-macro list X(NAME, hi, lo) whose bit numbers are the absolute [hi:lo]
 * ranges the specification prints (abs = 64 * word + bit). A reviewer checks one line against
 * the spec. From one list we generate, with the structure's prefix:
 *   - prefix_NAME(const uint64_t *w)          read a field
 *   - prefix_set_NAME(uint64_t *w, uint64_t)  write a field (value truncated to its width)
 *   - a compile-time check that no field crosses a 64-bit word
 *   - prefix_field_table[] (name, hi, lo) for diagnostics and the decoder tools
 * The words are host-order values converted from little-endian memory in one place (le64_load).
 */
#ifndef SMMU_FIELDS_H
#define SMMU_FIELDS_H

#include <stddef.h>
#include <stdint.h>

struct field_desc {
    const char *name;
    unsigned short hi, lo;
};

static inline uint64_t field_get(const uint64_t *w, unsigned hi, unsigned lo)
{
    uint64_t v = w[lo / 64] >> (lo % 64);
    unsigned width = hi - lo + 1;
    return width == 64 ? v : v & ((UINT64_C(1) << width) - 1);
}

static inline void field_set(uint64_t *w, unsigned hi, unsigned lo, uint64_t v)
{
    unsigned width = hi - lo + 1;
    uint64_t m = width == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << width) - 1);
    w[lo / 64] = (w[lo / 64] & ~(m << (lo % 64))) | ((v & m) << (lo % 64));
}

#ifdef __cplusplus
#define FIELDS_STATIC_ASSERT static_assert
#else
#define FIELDS_STATIC_ASSERT _Static_assert
#endif

#define FIELD_ACCESSORS(prefix, name, hi, lo)                                                    \
    FIELDS_STATIC_ASSERT((hi) >= (lo) && (hi) / 64 == (lo) / 64,                                       \
                   #prefix "." #name " must not cross a 64-bit word");                           \
    static inline uint64_t prefix##_##name(const uint64_t *w) { return field_get(w, hi, lo); }   \
    static inline void prefix##_set_##name(uint64_t *w, uint64_t v) { field_set(w, hi, lo, v); }

#define FIELD_DESC_ENTRY(name, hi, lo) {#name, hi, lo},

/* Usage, in the structure's header:
 *     #define STE_X(name, hi, lo) FIELD_ACCESSORS(ste, name, hi, lo)
 *     STE_FIELDS(STE_X)
 *     extern const struct field_desc ste_field_table[]; extern const size_t ste_field_count;
 * and in exactly one .c file: DEFINE_FIELD_TABLE(ste, STE_FIELDS). */
#define DEFINE_FIELD_TABLE(prefix, LIST)                                                         \
    const struct field_desc prefix##_field_table[] = {LIST(FIELD_DESC_ENTRY)};                   \
    const size_t prefix##_field_count = sizeof(prefix##_field_table) / sizeof(prefix##_field_table[0]);

#endif
