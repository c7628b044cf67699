/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The full randomized security-property run (tests/support/sec_property.h):
 *   security_property [TRANSACTIONS [SEED]]     (default 1000000 transactions)
 * prints "transactions N, violations V" with the breakdown, and exits non-zero on a violation.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sec_property.h"
#include "smmuv3/smmuv3.h"

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5EC0123456789ull;
    struct secprop_stats st;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = secprop_run(seed, n, &st);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (rc) {
        fprintf(stderr, "security_property: %s\n", st.first);
        return 2;
    }
    printf("transactions %llu, violations %llu\n", (unsigned long long)st.transactions,
           (unsigned long long)st.violations);
    for (unsigned i = 0; i < SECPROP_RULES; i++)
        printf("  %-16s %llu\n", secprop_rule_name(i), (unsigned long long)st.by_rule[i]);
    printf("known defect (IHI 0070 7.3.16, Realm fetch via stage-2 NS): %llu\n",
           (unsigned long long)st.known_defects);
    printf("outcomes: ok %llu, bypass %llu, abort %llu (gpc %llu), fault %llu, razwi %llu\n",
           (unsigned long long)st.outcomes[0], (unsigned long long)st.outcomes[1],
           (unsigned long long)st.outcomes[2], (unsigned long long)st.gpc_aborts,
           (unsigned long long)st.outcomes[3], (unsigned long long)st.outcomes[4]);
    static const char *const sec[3] = {"NS", "S", "R"}, *const pas[4] = {"NS", "S", "R", "Root"};
    for (unsigned s = 0; s < 3; s++)
        for (unsigned p = 0; p < 4; p++)
            if (st.outputs[s][p])
                printf("  SEC_SID %-2s -> %-4s %llu\n", sec[s], pas[p],
                       (unsigned long long)st.outputs[s][p]);
    printf("events:");
    for (unsigned i = 0; i < 256; i++)
        if (st.events[i])
            printf(" %s %llu", smmu_event_name(i), (unsigned long long)st.events[i]);
    printf("\n");
    printf("SMMU accesses checked %llu; %.2f s\n", (unsigned long long)st.smmu_accesses, secs);
    if (st.violations)
        printf("first violation: %s\n", st.first);
    return st.violations ? 1 : 0;
}
