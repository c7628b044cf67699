/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The edit (Levenshtein) distance between two names: insertions, deletions and substitutions.
 * It ranks the "did you mean" suggestions of smmu-decode (command and event names) and of the
 * SystemC module's parameters. Header-only and internal (target smmu_text_internal; never
 * installed): the libraries that use it do not export it.
 */
#ifndef SMMU_EDIT_DISTANCE_H
#define SMMU_EDIT_DISTANCE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Names longer than this are never suggested. */
#define SMMU_EDIT_DISTANCE_MAX_LEN 127u

/* The distance from a to b; SIZE_MAX when b is longer than SMMU_EDIT_DISTANCE_MAX_LEN. */
static inline size_t smmu_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[SMMU_EDIT_DISTANCE_MAX_LEN + 1];
    if (lb > SMMU_EDIT_DISTANCE_MAX_LEN)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1] ? 1u : 0u);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

#endif
