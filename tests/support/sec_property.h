/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A randomized run of the security-state properties of docs/security.md: one SMMU with RME
 * (Non-secure, Secure and Realm interfaces, granule protection checks on a GPT of random
 * GPIs), random STEs, CDs, stage-1 and stage-2 descriptors and register values, scribbled
 * over between batches of random transactions of all three SEC_SIDs and every access kind.
 * After every transaction, and at every memory access the SMMU makes, it checks:
 *   - a Non-secure stream's output is Non-secure; a Secure stream's Secure or Non-secure; a
 *     Realm stream's Realm or Non-secure [IHI 0070 3.10.2, 3.10.3];
 *   - a Realm instruction fetch never reaches Non-secure PA space [7.3.16, 3.10.3.3];
 *   - every OK / BYPASS output, and every SMMU-originated access except GPT fetches, is
 *     permitted by the GPT as computed here from the GPIs written, independently of the
 *     model [3.25];
 *   - a structure access made for a stream (STE, CD, tables, event record) is in a PA space
 *     of its security state: Non-secure for Non-secure streams, Secure or Non-secure for
 *     Secure streams, Realm for Realm streams [3.10.2.1, 3.10.3, 7.3.16].
 * Used by tests/core/security_property_test.cpp (a short run in ctest) and
 * bench/security_property.c (the full run).
 */
#ifndef SMMU_TEST_SEC_PROPERTY_H
#define SMMU_TEST_SEC_PROPERTY_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum secprop_rule {
    SECPROP_NS_OUTPUT,    /* Non-secure stream output not Non-secure */
    SECPROP_SEC_OUTPUT,   /* Secure stream output Realm or Root */
    SECPROP_REALM_OUTPUT, /* Realm stream output Secure or Root */
    SECPROP_REALM_FETCH,  /* Realm instruction fetch output Non-secure (stage 1 or bypass) */
    SECPROP_GPC_OUTPUT,   /* OK / BYPASS output the GPT forbids */
    SECPROP_GPC_ACCESS,   /* SMMU-originated access the GPT forbids */
    SECPROP_STRUCT_SPACE, /* structure access outside the stream's security state */
    SECPROP_RULES
};

struct secprop_stats {
    uint64_t transactions;
    uint64_t violations; /* every rule, known defects excluded */
    uint64_t by_rule[SECPROP_RULES];
    /* A Realm instruction fetch reaching Non-secure PA space through a stage-2 leaf with NS=1:
     * the model defect the lead is fixing (IHI 0070 7.3.16), counted apart. */
    uint64_t known_defects;
    uint64_t outcomes[5];   /* by smmu_outcome */
    uint64_t outputs[3][4]; /* OK / BYPASS outputs by SEC_SID and PA space */
    uint64_t gpc_aborts;    /* outputs terminated although the translation succeeded */
    uint64_t smmu_accesses; /* memory callbacks checked */
    uint64_t events[256];   /* events generated, by type (smmu_stats.events_by_type) */
    char first[320];        /* the first violation, described ("" if none) */
};

/* Run `transactions` random transactions from `seed`. Returns 0, or -1 if the world could not
 * be set up (the reason is in st->first). */
int secprop_run(uint64_t seed, uint64_t transactions, struct secprop_stats *st);

/* A name for a rule ("ns-output", ...). */
const char *secprop_rule_name(unsigned rule);

#ifdef __cplusplus
}
#endif

#endif
