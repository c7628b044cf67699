/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The rules that tie ID register fields to the architecture version (SMMU_AIDR) and to each
 * other [IHI 0070 6.3.1-6.3.6, 6.3.53-6.3.55], applied to a configuration before the ID
 * registers are computed from it (regs.c). One table, two kinds of rule:
 *
 *  - RES0: the field reads 0 under a condition ("In SMMUv3.0, this field is RES0", "RES0 when
 *    S1P == 0 or S2P == 0"). The configuration is normalised: the field is cleared, whatever
 *    was asked, and smmu_create logs which (SMMU_LOG_INFO). So a caller that lowers arch_minor
 *    or removes a stage from the default gets a consistent SMMU without knowing every rule,
 *    and smmu_get_config() shows what the registers report.
 *  - REQUIRED: the field must have a value ("RIL is 1 in an implementation of SMMUv3.2 or
 *    later"). A configuration that breaks one is refused (SMMU_E_INVAL) with a message naming
 *    the field and the rule: the model does not turn on a feature that was switched off.
 *
 * RES0 rules are applied first, in table order (a rule may depend on a field an earlier one
 * cleared: PBHA after HAD), then REQUIRED rules are checked. docs/configuration.md lists the
 * same table.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "smmu_internal.h"

enum rule_kind { RULE_RES0, RULE_REQUIRED };

struct idr_rule {
    enum rule_kind kind;
    const char *field;    /* the smmu_config field */
    size_t offset, size;  /* where it is */
    unsigned since;       /* RES0: before this arch_minor; REQUIRED: from it (0: always) */
    bool (*applies)(const smmu_config *c); /* NULL: always; RES0 when true, REQUIRED when true */
    const char *rule;     /* the specification's words and section */
};

#define AT(name) #name, offsetof(smmu_config, name), sizeof(((smmu_config *)0)->name)

static bool no_both_stages(const smmu_config *c) { return !c->stage1 || !c->stage2; }
static bool both_stages(const smmu_config *c) { return c->stage1 && c->stage2; }
static bool no_stage1(const smmu_config *c) { return !c->stage1; }
static bool has_stage1(const smmu_config *c) { return c->stage1; }
static bool no_stage2(const smmu_config *c) { return !c->stage2; }
static bool has_stage2(const smmu_config *c) { return c->stage2; }
static bool no_ats(const smmu_config *c) { return !c->ats; }
static bool no_pri_pasid(const smmu_config *c) { return !c->pri || c->ssid_bits == 0; }
static bool has_pbha(const smmu_config *c) { return c->pbha; }
static bool no_stall(const smmu_config *c) { return c->stall_model == SMMU_TERMINATE_ONLY; }
static bool no_4k_16k(const smmu_config *c) { return !c->gran4k && !c->gran16k; }
static bool has_sel2(const smmu_config *c) { return c->sel2; }
static bool has_secure(const smmu_config *c) { return c->secure_impl; }
static bool secure_rme(const smmu_config *c) { return c->secure_impl && c->rme_impl; }
static bool has_vax(const smmu_config *c) { return c->vax >= 1; }
static bool has_ds(const smmu_config *c) { return c->ds; }
static bool oas_52(const smmu_config *c) { return c->oas_bits == 52; }

static const struct idr_rule rules[] = {
    /* ---- RES0: normalised ---- */
    {RULE_RES0, AT(hyp), 0, no_both_stages, "IDR0.Hyp is RES0 when S1P == 0 or S2P == 0 [6.3.1]"},
    {RULE_RES0, AT(vmw), 0, no_stage2, "IDR0.VMW is RES0 when S2P == 0 [6.3.1]"},
    {RULE_RES0, AT(pri), 0, no_ats, "IDR0.PRI is RES0 when ATS == 0 [6.3.1]"},
    {RULE_RES0, AT(pps), 0, no_pri_pasid, "IDR3.PPS is RES0 when IDR0.PRI == 0 or "
                                          "IDR1.SSIDSIZE == 0 [6.3.4]"},
    {RULE_RES0, AT(had), 0, no_stage1, "IDR3.HAD is 0 when S1P == 0 [6.3.4]"},
    {RULE_RES0, AT(pbha), 1, NULL, "IDR3.PBHA is RES0 in SMMUv3.0 [6.3.4]"},
    {RULE_RES0, AT(xnx), 1, NULL, "IDR3.XNX is RES0 in SMMUv3.0 [6.3.4]"},
    {RULE_RES0, AT(vax), 1, NULL, "IDR5.VAX is RES0 in SMMUv3.0 [6.3.6]"},
    {RULE_RES0, AT(ds), 0, no_4k_16k, "IDR5.DS is RES0 when GRAN4K == 0 and GRAN16K == 0 "
                                      "[6.3.6]"},
    {RULE_RES0, AT(stall_max), 0, no_stall, "IDR5.STALL_MAX is RES0 when STALL_MODEL == 0b01 "
                                            "[6.3.6]"},
    {RULE_RES0, AT(sel2), 0, no_both_stages, "S_IDR1.SEL2 is 0 when S1P == 0 or S2P == 0 "
                                             "[6.3.53]"},
    {RULE_RES0, AT(sams), 0, no_ats, "S_IDR3.SAMS is RES0 when ATS == 0 [6.3.55]"},

    /* ---- REQUIRED: refused ---- */
    {RULE_REQUIRED, AT(hyp), 2, both_stages, "IDR0.Hyp == 1 is mandatory in SMMUv3.2 or later "
                                             "if S1P == 1 and S2P == 1 [6.3.1]"},
    {RULE_REQUIRED, AT(had), 1, has_stage1, "IDR3.HAD is mandatory in SMMUv3.1 and later when "
                                            "stage 1 is supported [6.3.4]"},
    {RULE_REQUIRED, AT(xnx), 1, has_stage2, "IDR3.XNX is mandatory in SMMUv3.1 and later when "
                                            "stage 2 is supported [6.3.4]"},
    {RULE_REQUIRED, AT(ril), 2, NULL, "IDR3.RIL is 1 in SMMUv3.2 or later [6.3.4]"},
    {RULE_REQUIRED, AT(fwb), 2, NULL, "IDR3.FWB is 1 in SMMUv3.2 or later [6.3.4]"},
    {RULE_REQUIRED, AT(bbml), 2, NULL, "IDR3.BBML is 0b01 or 0b10 in SMMUv3.2 or later "
                                       "[6.3.4]"},
    {RULE_REQUIRED, AT(e0pd), 3, NULL, "IDR3.E0PD is 1 in SMMUv3.3 and later [6.3.4]"},
    {RULE_REQUIRED, AT(had), 0, has_pbha, "IDR3.PBHA: \"If this field is one SMMU_IDR3.HAD "
                                          "must be one\" [6.3.4]"},
    {RULE_REQUIRED, AT(stt), 0, has_sel2, "IDR3.STT is 1 where S_IDR1.SEL2 == 1 [6.3.4]"},
    {RULE_REQUIRED, AT(stage1), 0, has_secure, "with S_IDR1.SECURE_IMPL == 1 \"stage 1 must be "
                                               "supported\" [6.3.53]"},
    {RULE_REQUIRED, AT(sel2), 0, secure_rme, "S_IDR1.SEL2 is 1 when SECURE_IMPL == 1 and "
                                             "IDR0.RME_IMPL == 1 [6.3.53]"},
    {RULE_REQUIRED, AT(vax), 0, has_ds, "IDR5.DS == 1 needs a 52-bit VA size, IDR5.VAX "
                                        "[6.3.6]"},
};

static uint64_t field_value(const smmu_config *c, const struct idr_rule *r)
{
    const unsigned char *p = (const unsigned char *)c + r->offset;
    switch (r->size) {
    case sizeof(bool): {
        bool b;
        memcpy(&b, p, sizeof(b));
        return b;
    }
    case sizeof(uint16_t): {
        uint16_t v;
        memcpy(&v, p, sizeof(v));
        return v;
    }
    default: {
        unsigned v;
        memcpy(&v, p, sizeof(v));
        return v;
    }
    }
}

static bool rule_applies(const smmu_config *c, const struct idr_rule *r)
{
    bool version = r->kind == RULE_RES0 ? c->arch_minor < r->since : c->arch_minor >= r->since;
    if (r->kind == RULE_RES0 && r->since == 0)
        version = true;
    return version && (!r->applies || r->applies(c));
}

smmu_status idr_rules_apply(smmu_config *c, char *why, size_t why_len, char *notes,
                            size_t notes_len)
{
    size_t used = 0;
    if (notes_len)
        notes[0] = '\0';
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        const struct idr_rule *r = &rules[i];
        if (r->kind != RULE_RES0 || !rule_applies(c, r) || field_value(c, r) == 0)
            continue;
        memset((unsigned char *)c + r->offset, 0, r->size);
        if (used < notes_len) {
            int n = snprintf(notes + used, notes_len - used, "%s%s = 0: %s", used ? "; " : "",
                             r->field, r->rule);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    /* Two constraints with more than one way to meet them [6.3.6] */
    if (has_vax(c) && !c->gran64k && !(c->ds && !no_4k_16k(c))) {
        snprintf(why, why_len, "vax %u needs gran64k, or ds with gran4k or gran16k: \"If VAX "
                 ">= 0b01, then at least one of the following must be true\" [6.3.6]", c->vax);
        return SMMU_E_INVAL;
    }
    if (oas_52(c) && !c->gran64k && !c->ds) {
        snprintf(why, why_len, "oas_bits 52 needs gran64k or ds [6.3.6 OAS]");
        return SMMU_E_INVAL;
    }
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        const struct idr_rule *r = &rules[i];
        if (r->kind != RULE_REQUIRED || !rule_applies(c, r) || field_value(c, r) != 0)
            continue;
        if (r->since)
            snprintf(why, why_len, "%s must be set in SMMUv3.%u: %s", r->field, c->arch_minor,
                     r->rule);
        else
            snprintf(why, why_len, "%s must be set: %s", r->field, r->rule);
        return SMMU_E_INVAL;
    }
    return SMMU_OK;
}
