/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Setting the SMMU's configuration by parameter name (docs/configuration.md, "From C"): the
 * names, values and messages that smmu_platform's --param uses, from C.
 */
#include <stdio.h>

#include "smmuv3/smmuv3.h"

int main(void)
{
    smmu_config cfg;
    char err[160];
    smmu_config_init(&cfg);
    if (smmu_config_set(&cfg, "tlb_entries", "256", err, sizeof(err)) != SMMU_OK ||
        smmu_config_set(&cfg, "tlb_ways", "4", err, sizeof(err)) != SMMU_OK ||
        smmu_config_check(&cfg, err, sizeof(err)) != SMMU_OK) {
        fprintf(stderr, "configuration: %s\n", err);
        return 1;
    }
    printf("tlb_entries %u, tlb_ways %u\n", cfg.tlb_entries, cfg.tlb_ways);

    /* A value out of its range is refused, naming the rule; a broken rule between fields is
     * found by the check (turning off the Secure interface needs sel2 off too) */
    if (smmu_config_set(&cfg, "oas_bits", "50", err, sizeof(err)) != SMMU_OK)
        printf("refused: %s\n", err);
    cfg.secure_impl = false;
    if (smmu_config_check(&cfg, err, sizeof(err)) != SMMU_OK)
        printf("refused: %s\n", err);

    /* Every parameter, as --list-params shows them */
    for (size_t i = 0; i < smmu_param_count(); i++) {
        smmu_param_info p;
        smmu_param_describe(i, &p);
        printf("%-20s %-16s %s%s%s\n", p.name, p.default_value, p.reg, p.reg[0] ? ": " : "",
               p.meaning);
    }
    return 0;
}
