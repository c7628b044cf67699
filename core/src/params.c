/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parameter table: every smmu_config field by name, with its type, range, unit, the
 * register field it decides and its meaning; setting and printing fields as text; and the
 * checker of a whole configuration that smmu_create() applies (one rule set for the C API,
 * the SystemC module and the platform's --param, docs/configuration.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "smmu_internal.h"
#include "smmuv3/smmuv3.h"

struct param {
    const char *name;
    smmu_param_type type;
    size_t offset, size;
    uint64_t min, max;           /* not for a list */
    uint64_t step;               /* UINT: values are multiples of step (0: any) */
    const uint64_t *list;        /* UINT: the only allowed values (nlist of them) */
    unsigned nlist;
    const char *const *names;    /* ENUM: names by value, NULL for a reserved encoding */
    bool hex;                    /* printed in hexadecimal */
    const char *unit, *reg, *meaning;
};

#define FIELD(f) .name = #f, .offset = offsetof(smmu_config, f), .size = sizeof(((smmu_config *)0)->f)
#define BOOL(f, r, m) {FIELD(f), .type = SMMU_PARAM_BOOL, .max = 1, .unit = "", .reg = r, .meaning = m}
#define UINT(f, lo, hi, u, r, m)                                                                  \
    {FIELD(f), .type = SMMU_PARAM_UINT, .min = lo, .max = hi, .unit = u, .reg = r, .meaning = m}
#define HEX(f, lo, hi, st, u, r, m)                                                               \
    {FIELD(f), .type = SMMU_PARAM_UINT, .min = lo, .max = hi, .step = st, .hex = true, .unit = u, \
     .reg = r, .meaning = m}
#define LIST(f, l, u, r, m)                                                                       \
    {FIELD(f), .type = SMMU_PARAM_UINT, .list = l, .nlist = sizeof(l) / sizeof(l[0]), .unit = u, \
     .reg = r, .meaning = m}
#define ENUM(f, n, r, m)                                                                          \
    {FIELD(f), .type = SMMU_PARAM_ENUM, .max = sizeof(n) / sizeof(n[0]) - 1, .names = n,         \
     .unit = "", .reg = r, .meaning = m}

/* IDR5.OAS encodings [IHI 0070 6.3.6]; ROOT_GPT_BASE_CFG.L0GPTSZ [6.3.115] */
static const uint64_t oas_sizes[] = {32, 36, 40, 42, 44, 48, 52};
static const uint64_t l0gpt_sizes[] = {30, 34, 36, 39};
/* PMCG_CFGR.SIZE + 1 [10.5.2.13] */
static const uint64_t pmcg_bits[] = {32, 36, 40, 44, 48, 64};
/* IDR0.STALL_MODEL, IDR0.TTENDIAN (0b01 reserved) [6.3.1] */
static const char *const stall_models[] = {"stall_and_terminate", "terminate_only",
                                           "stall_forced"};
static const char *const endians[] = {"mixed", NULL, "little", "big"};
static const char *const replacements[] = {"lru", "round_robin", "random"};

/* In smmu_config order; tests check that every field but struct_size is here. Ranges are the
 * register fields' [IHI 0070 6.3]; cache sizes are a model choice, capped so that a typo
 * cannot ask for gigabytes. */
static const struct param params[] = {
    UINT(arch_minor, 0, 3, "", "AIDR.ArchMinorRev", "architecture version SMMUv3.<n>"),
    HEX(iidr_product_id, 0, 0xFFF, 0, "", "IIDR.ProductID", "product identifier (0x487: MMU-700)"),
    HEX(iidr_implementer, 0, 0xFFF, 0, "", "IIDR.Implementer", "JEP106 implementer (0x43b: Arm)"),
    UINT(iidr_variant, 0, 15, "", "IIDR.Variant", "product variant"),
    UINT(iidr_revision, 0, 15, "", "IIDR.Revision", "product revision"),
    BOOL(stage1, "IDR0.S1P", "stage-1 translation implemented"),
    BOOL(stage2, "IDR0.S2P", "stage-2 translation implemented"),
    LIST(oas_bits, oas_sizes, "bits", "IDR5.OAS", "output address size"),
    BOOL(gran4k, "IDR5.GRAN4K", "4 KB translation granule"),
    BOOL(gran16k, "IDR5.GRAN16K", "16 KB translation granule"),
    BOOL(gran64k, "IDR5.GRAN64K", "64 KB translation granule"),
    BOOL(ds, "IDR5.DS", "52-bit addresses with 4K/16K granules (LPA2)"),
    UINT(vax, 0, 1, "", "IDR5.VAX", "virtual address size: 0 48-bit, 1 52-bit"),
    BOOL(asid16, "IDR0.ASID16", "16-bit ASIDs (else 8-bit)"),
    BOOL(vmid16, "IDR0.VMID16", "16-bit VMIDs (else 8-bit)"),
    BOOL(vmw, "IDR0.VMW", "VMID wildcards in invalidation"),
    UINT(httu, 0, 2, "", "IDR0.HTTU", "hardware table updates: 0 none, 1 access flag, 2 + dirty"),
    BOOL(hyp, "IDR0.Hyp", "EL2 StreamWorlds"),
    BOOL(btm, "IDR0.BTM", "broadcast TLB maintenance: smmu_tlbi_broadcast, dvm_socket"),
    BOOL(coherent, "IDR0.COHACC", "coherent table and queue accesses"),
    BOOL(msi, "IDR0.MSI", "message-signalled interrupts"),
    BOOL(sev, "IDR0.SEV", "WFE wake-up events"),
    BOOL(ats, "IDR0.ATS", "PCIe ATS (decoded; ATS traffic is not modelled)"),
    BOOL(pri, "IDR0.PRI", "page request interface: PRI queue, PRG responses (needs ats)"),
    BOOL(cd2l, "IDR0.CD2L", "2-level context descriptor tables"),
    BOOL(st_2level, "IDR0.ST_LEVEL", "2-level stream tables"),
    BOOL(term_model, "IDR0.TERM_MODEL", "terminated transactions abort (no RAZ/WI)"),
    ENUM(stall_model, stall_models, "IDR0.STALL_MODEL", "stall model (docs/bring-up.md)"),
    UINT(stall_max, 0, 0xFFFF, "transactions", "IDR5.STALL_MAX",
         "stall records per queue (0: 65535, the largest)"),
    ENUM(ttendian, endians, "IDR0.TTENDIAN", "translation table endianness"),
    BOOL(ril, "IDR3.RIL", "range invalidation"),
    BOOL(stt, "IDR3.STT", "small translation tables"),
    BOOL(fwb, "IDR3.FWB", "stage-2 forced write-back (STE.S2FWB)"),
    BOOL(xnx, "IDR3.XNX", "stage-2 XN[1:0]"),
    BOOL(had, "IDR3.HAD", "hierarchical attribute disable (CD.HAD0/1)"),
    BOOL(e0pd, "IDR3.E0PD", "CD.E0PD0/1"),
    BOOL(pbha, "IDR3.PBHA", "page-based hardware attributes"),
    BOOL(attr_types_ovr, "IDR1.ATTR_TYPES_OVR", "STE memory type overrides"),
    BOOL(attr_perms_ovr, "IDR1.ATTR_PERMS_OVR", "STE permission overrides"),
    UINT(bbml, 0, 2, "", "IDR3.BBML", "break-before-make level"),
    UINT(sid_bits, 0, 32, "bits", "IDR1.SIDSIZE", "StreamID size"),
    UINT(ssid_bits, 0, 20, "bits", "IDR1.SSIDSIZE", "SubstreamID size"),
    UINT(cmdq_log2max, 0, 19, "log2(entries)", "IDR1.CMDQS", "largest command queue"),
    UINT(eventq_log2max, 0, 19, "log2(entries)", "IDR1.EVENTQS", "largest event queue"),
    UINT(priq_log2max, 0, 19, "log2(entries)", "IDR1.PRIQS", "largest PRI queue"),
    BOOL(secure_impl, "S_IDR1.SECURE_IMPL", "Secure programming interface"),
    BOOL(sel2, "S_IDR1.SEL2", "Secure EL2 and Secure stage 2 (needs secure_impl)"),
    UINT(s_sid_bits, 0, 32, "bits", "S_IDR1.S_SIDSIZE", "Secure StreamID size"),
    BOOL(sams, "S_IDR3.SAMS", "Secure address-match stalls"),
    BOOL(gbpa_abort_at_reset, "GBPA.ABORT", "(S_)GBPA.ABORT reset value: deny until enabled"),
    UINT(tlb_entries, 0, 1u << 24, "entries", "", "TCU main TLB size (0: no TLB)"),
    UINT(tlb_ways, 0, 1u << 24, "ways", "", "TCU main TLB associativity (0: fully associative)"),
    UINT(cfg_entries, 0, 1u << 24, "entries", "", "configuration cache size (0: none)"),
    UINT(cfg_ways, 0, 1u << 24, "ways", "", "configuration cache associativity"),
    BOOL(rme_impl, "IDR0.RME_IMPL", "Root control page and granule protection checks"),
    BOOL(realm_impl, "ROOT_IDR0.REALM_IMPL", "Realm programming interface (needs rme_impl)"),
    HEX(root_page_offset, 0x20000, UINT64_C(0xFFFFFFFF0000), 0x10000, "bytes", "",
        "offset of the Root control page (IMPLEMENTATION DEFINED)"),
    {FIELD(ba_realm), .type = SMMU_PARAM_UINT, .max = 1022, .step = 2, .unit = "",
     .reg = "ROOT_IDR0.BA_REALM", .meaning = "Realm page 0 at 0x20000 + ba_realm * 0x10000"},
    BOOL(rgptm, "ROOT_IDR0.RGPTM", "ROOT_TLBI register invalidation"),
    BOOL(bgptm, "ROOT_IDR0.BGPTM", "broadcast TLBI PA (recorded only)"),
    LIST(l0gptsz_bits, l0gpt_sizes, "bits", "ROOT_GPT_BASE_CFG.L0GPTSZ",
         "size covered by a level-0 GPT entry"),
    BOOL(check, "", "bring-up checker: report driver bugs (docs/bring-up.md)"),
    BOOL(strict_invalidation, "", "invalidate no more than each command must (docs/bring-up.md)"),
    BOOL(pps, "IDR3.PPS", "PRI overflow auto-responses keep the PASID without STE.PPAR"),
    UINT(tbus, 1, 64, "TBUs", "", "translation buffer units (docs/exploration.md)"),
    UINT(utlb_entries, 0, 1u << 16, "entries", "", "micro-TLB of each TBU (0: none)"),
    UINT(utlb_ways, 0, 1u << 16, "ways", "", "micro-TLB associativity (0: fully associative)"),
    ENUM(utlb_replacement, replacements, "", "micro-TLB replacement policy"),
    UINT(tbu_tlb_entries, 0, 1u << 24, "entries", "", "main TLB of each TBU (0: none)"),
    UINT(tbu_tlb_ways, 0, 1u << 24, "ways", "", "TBU main TLB associativity (0: fully associative)"),
    ENUM(tlb_replacement, replacements, "", "TBU and TCU main TLB replacement policy"),
    UINT(wc_s1_l0_entries, 0, 1u << 20, "entries", "", "stage-1 level-0 walk cache (0: none)"),
    UINT(wc_s1_l1_entries, 0, 1u << 20, "entries", "", "stage-1 level-1 walk cache (0: none)"),
    UINT(wc_s1_l2_entries, 0, 1u << 20, "entries", "", "stage-1 level-2 walk cache (0: none)"),
    UINT(wc_s2_l0_entries, 0, 1u << 20, "entries", "", "stage-2 level-0 walk cache (0: none)"),
    UINT(wc_s2_l1_entries, 0, 1u << 20, "entries", "", "stage-2 level-1 walk cache (0: none)"),
    UINT(wc_s2_l2_entries, 0, 1u << 20, "entries", "", "stage-2 level-2 walk cache (0: none)"),
    UINT(wc_ways, 0, 1u << 20, "ways", "", "walk cache associativity (0: fully associative)"),
    UINT(ipa_cache_entries, 0, 1u << 20, "entries", "", "IPA cache of nested walks (0: none)"),
    UINT(ipa_cache_ways, 0, 1u << 20, "ways", "", "IPA cache associativity (0: fully associative)"),
    UINT(pmcg_groups, 0, 64, "groups", "", "performance monitor counter groups (docs/pmcg.md)"),
    UINT(pmcg_counters, 1, 64, "counters", "PMCG_CFGR.NCTR", "counters per PMCG"),
    LIST(pmcg_counter_bits, pmcg_bits, "bits", "PMCG_CFGR.SIZE", "PMCG counter width"),
    BOOL(pmcg_per_tbu, "", "a PMCG per TBU, then one for the TCU (pmcg_groups = tbus + 1)"),
};
#define NPARAMS (sizeof(params) / sizeof(params[0]))

static void say(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static const struct param *find(const char *name)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}

static uint64_t load(const smmu_config *c, const struct param *p)
{
    const unsigned char *at = (const unsigned char *)c + p->offset;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    switch (p->size) {
    case 1: memcpy(&u8, at, 1); return u8;
    case 2: memcpy(&u16, at, 2); return u16;
    case 4: memcpy(&u32, at, 4); return u32;
    default: memcpy(&u64, at, 8); return u64;
    }
}

static void store(smmu_config *c, const struct param *p, uint64_t v)
{
    unsigned char *at = (unsigned char *)c + p->offset;
    if (p->type == SMMU_PARAM_BOOL) {
        bool b = v != 0;
        memcpy(at, &b, sizeof(b));
        return;
    }
    uint8_t u8 = (uint8_t)v;
    uint16_t u16 = (uint16_t)v;
    uint32_t u32 = (uint32_t)v;
    switch (p->size) {
    case 1: memcpy(at, &u8, 1); break;
    case 2: memcpy(at, &u16, 2); break;
    case 4: memcpy(at, &u32, 4); break; /* an enum's storage too */
    default: memcpy(at, &v, 8); break;
    }
}

static bool value_ok(const struct param *p, uint64_t v)
{
    if (!p->list && (v < p->min || v > p->max))
        return false;
    if (p->step && v % p->step)
        return false;
    if (p->type == SMMU_PARAM_ENUM && !p->names[v])
        return false;
    if (p->list) {
        for (unsigned i = 0; i < p->nlist; i++)
            if (p->list[i] == v)
                return true;
        return false;
    }
    return true;
}

/* The value as smmu_config_set() accepts it. */
static void format_value(const struct param *p, uint64_t v, char *buf, size_t len)
{
    if (p->type == SMMU_PARAM_BOOL)
        snprintf(buf, len, "%s", v ? "true" : "false");
    else if (p->type == SMMU_PARAM_ENUM && v <= p->max && p->names[v])
        snprintf(buf, len, "%s", p->names[v]);
    else if (p->hex)
        snprintf(buf, len, "0x%llx", (unsigned long long)v);
    else
        snprintf(buf, len, "%llu", (unsigned long long)v);
}

/* "0..32", "0x20000..0xffffffff0000, a multiple of 0x10000", "32, 36 or 40", "true or false",
 * "mixed (0), little (2) or big (3)" */
static void format_allowed(const struct param *p, char *buf, size_t len)
{
    size_t n = 0;
#define PUT(...)                                                                                 \
    do {                                                                                         \
        int k = snprintf(buf + n, len - n, __VA_ARGS__);                                         \
        n = k < 0 || (size_t)k >= len - n ? len - 1 : n + (size_t)k;                             \
    } while (0)
    buf[0] = '\0';
    if (p->type == SMMU_PARAM_BOOL) {
        PUT("true or false");
    } else if (p->type == SMMU_PARAM_ENUM) {
        unsigned count = 0, total = 0;
        for (uint64_t v = 0; v <= p->max; v++)
            total += p->names[v] != NULL;
        for (uint64_t v = 0; v <= p->max; v++) {
            if (!p->names[v])
                continue;
            count++;
            PUT("%s%s (%llu)", count == 1 ? "" : count == total ? " or " : ", ", p->names[v],
                (unsigned long long)v);
        }
    } else if (p->list) {
        for (unsigned i = 0; i < p->nlist; i++)
            PUT("%s%llu", i == 0 ? "" : i + 1 == p->nlist ? " or " : ", ",
                (unsigned long long)p->list[i]);
    } else {
        char lo[24], hi[24];
        format_value(p, p->min, lo, sizeof(lo));
        format_value(p, p->max, hi, sizeof(hi));
        PUT("%s..%s", lo, hi);
        if (p->step)
            PUT(p->hex ? ", a multiple of 0x%llx" : ", a multiple of %llu",
                (unsigned long long)p->step);
    }
#undef PUT
}

/* "<name> <value>: must be <allowed> (<reg>)" */
static void range_error(const struct param *p, const char *value, char *err, size_t errlen)
{
    char allowed[96];
    format_allowed(p, allowed, sizeof(allowed));
    say(err, errlen, "%s %s: must be %s%s%s%s", p->name, value, allowed, p->reg[0] ? " (" : "",
        p->reg, p->reg[0] ? ")" : "");
}

/* Decimal or 0x-prefixed hexadecimal, nothing else (no sign, no spaces, no octal). */
static bool parse_u64(const char *s, uint64_t *out)
{
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s)
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return false;
        if (v > (UINT64_MAX - d) / base)
            return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

size_t smmu_param_count(void)
{
    return NPARAMS;
}

smmu_status smmu_param_describe(size_t index, smmu_param_info *out)
{
    if (!out || index >= NPARAMS)
        return SMMU_E_INVAL;
    const struct param *p = &params[index];
    memset(out, 0, sizeof(*out));
    out->name = p->name;
    out->type = p->type;
    out->min = p->list ? p->list[0] : p->min; /* lists are in increasing order */
    out->max = p->list ? p->list[p->nlist - 1] : p->max;
    out->unit = p->unit;
    out->reg = p->reg;
    out->meaning = p->meaning;
    out->offset = p->offset;
    out->size = p->size;
    format_allowed(p, out->allowed, sizeof(out->allowed));
    smmu_config dflt;
    smmu_config_init(&dflt);
    format_value(p, load(&dflt, p), out->default_value, sizeof(out->default_value));
    return SMMU_OK;
}

smmu_status smmu_param_find(const char *name, size_t *index)
{
    const struct param *p = name && index ? find(name) : NULL;
    if (!p)
        return SMMU_E_INVAL;
    *index = (size_t)(p - params);
    return SMMU_OK;
}

smmu_status smmu_config_set(smmu_config *cfg, const char *name, const char *value, char *err,
                            size_t errlen)
{
    if (!cfg || !name || !value) {
        say(err, errlen, "smmu_config_set: NULL argument");
        return SMMU_E_INVAL;
    }
    const struct param *p = find(name);
    if (!p) {
        say(err, errlen, "unknown parameter \"%s\"", name);
        return SMMU_E_INVAL;
    }
    uint64_t v = 0;
    bool parsed = false;
    if (p->type == SMMU_PARAM_BOOL) {
        parsed = true;
        if (!strcmp(value, "true") || !strcmp(value, "1"))
            v = 1;
        else if (strcmp(value, "false") && strcmp(value, "0"))
            parsed = false;
    } else if (p->type == SMMU_PARAM_ENUM) {
        for (uint64_t e = 0; e <= p->max && !parsed; e++)
            if (p->names[e] && !strcmp(value, p->names[e])) {
                v = e;
                parsed = true;
            }
    }
    if (!parsed && p->type != SMMU_PARAM_BOOL)
        parsed = parse_u64(value, &v);
    if (!parsed) {
        char quoted[48];
        snprintf(quoted, sizeof(quoted), "\"%.40s\"", value);
        range_error(p, quoted, err, errlen);
        return SMMU_E_INVAL;
    }
    if (!value_ok(p, v)) {
        char shown[48];
        snprintf(shown, sizeof(shown), "%.40s", value);
        range_error(p, shown, err, errlen);
        return SMMU_E_INVAL;
    }
    store(cfg, p, v);
    return SMMU_OK;
}

smmu_status smmu_config_get(const smmu_config *cfg, const char *name, char *buf, size_t len)
{
    const struct param *p = cfg && name && buf ? find(name) : NULL;
    if (!p)
        return SMMU_E_INVAL;
    char text[32];
    format_value(p, load(cfg, p), text, sizeof(text));
    if (strlen(text) >= len)
        return SMMU_E_SIZE;
    memcpy(buf, text, strlen(text) + 1);
    return SMMU_OK;
}

/* Every field in its range, then the rules between fields [IHI 0070 6.3.1-6.3.6, 2.7.1,
 * 3.25]. */
smmu_status config_validate(const smmu_config *c, smmu_config *out, char *err, size_t errlen,
                            char *notes, size_t notes_len)
{
    for (size_t i = 0; i < NPARAMS; i++) {
        const struct param *p = &params[i];
        uint64_t v = load(c, p);
        if (!value_ok(p, v)) {
            char shown[24];
            format_value(p, v, shown, sizeof(shown));
            range_error(p, shown, err, errlen);
            return SMMU_E_INVAL;
        }
    }
#define REQUIRE(cond, ...)                                                                       \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            say(err, errlen, __VA_ARGS__);                                                       \
            return SMMU_E_INVAL;                                                                 \
        }                                                                                        \
    } while (0)
    REQUIRE(c->stage1 || c->stage2, "at least one of stage1 and stage2 must be implemented");
    REQUIRE(c->gran4k || c->gran16k || c->gran64k,
            "no translation granule implemented (gran4k, gran16k, gran64k all false)");
    REQUIRE(c->sid_bits <= 6 || c->st_2level,
            "sid_bits %u > 6 needs 2-level stream tables (st_2level)", c->sid_bits);
    REQUIRE(!c->sel2 || c->secure_impl, "sel2 needs secure_impl");
    REQUIRE(!c->ds || c->oas_bits == 52 || c->arch_minor >= 1, "ds needs SMMUv3.1 or later "
            "(arch_minor %u)", c->arch_minor);
    REQUIRE(c->oas_bits != 52 || c->arch_minor >= 1, "52-bit OAS needs SMMUv3.1 or later "
            "(arch_minor %u)", c->arch_minor);
    REQUIRE(c->cfg_entries == 0 || (c->cfg_ways && c->cfg_entries % c->cfg_ways == 0),
            "cfg_ways %u must divide cfg_entries %u", c->cfg_ways, c->cfg_entries);
    /* Topology (docs/exploration.md): ways 0 = fully associative */
#define WAYS_DIVIDE(ways, entries)                                                               \
    REQUIRE(c->ways == 0 || c->entries % c->ways == 0, #ways " %u must divide " #entries " %u",  \
            c->ways, c->entries)
    WAYS_DIVIDE(tlb_ways, tlb_entries);
    WAYS_DIVIDE(utlb_ways, utlb_entries);
    WAYS_DIVIDE(tbu_tlb_ways, tbu_tlb_entries);
    WAYS_DIVIDE(wc_ways, wc_s1_l0_entries);
    WAYS_DIVIDE(wc_ways, wc_s1_l1_entries);
    WAYS_DIVIDE(wc_ways, wc_s1_l2_entries);
    WAYS_DIVIDE(wc_ways, wc_s2_l0_entries);
    WAYS_DIVIDE(wc_ways, wc_s2_l1_entries);
    WAYS_DIVIDE(wc_ways, wc_s2_l2_entries);
    WAYS_DIVIDE(ipa_cache_ways, ipa_cache_entries);
#undef WAYS_DIVIDE
    REQUIRE(!c->pmcg_per_tbu || c->pmcg_groups == c->tbus + 1, "pmcg_per_tbu needs pmcg_groups "
            "= tbus + 1 (%u), one per TBU and one for the TCU; pmcg_groups is %u", c->tbus + 1,
            c->pmcg_groups);
    /* RME [IHI 0070 3.25, 6.3.110]: the Root page is distinct from the Realm pages at
     * O_REALM, O_REALM + 0x10000 (its alignment and range are in the table). */
    REQUIRE(!c->rme_impl || c->arch_minor >= 2, "rme_impl needs SMMUv3.2 or later (arch_minor "
            "%u)", c->arch_minor);
    REQUIRE(!c->realm_impl || c->rme_impl, "realm_impl needs rme_impl");
    REQUIRE(!c->rme_impl || c->rgptm || c->bgptm, "rgptm must be set when bgptm is not "
            "(ROOT_IDR0.RGPTM)");
    if (c->realm_impl) {
        /* An SMMU with REALM_IMPL = 1 implements SMMUv3.3 with these features [IHI 0070
         * 2.7.1]. (IDR0.TTF = AArch64 and NS1ATS = 0 hold in every configuration;
         * IDR3.PTWNNC is 1 whenever stage2 and arch_minor >= 3, both required below.) */
        const struct {
            bool ok;
            const char *what;
        } need[] = {
            {c->stage1, "stage1 (IDR0.S1P)"},  {c->stage2, "stage2 (IDR0.S2P)"},
            {c->hyp, "hyp (IDR0.Hyp)"},        {c->coherent, "coherent (IDR0.COHACC)"},
            {c->e0pd, "e0pd (IDR3.E0PD)"},     {c->stt, "stt (IDR3.STT)"},
            {c->fwb, "fwb (IDR3.FWB)"},        {c->xnx, "xnx (IDR3.XNX)"},
            {c->had, "had (IDR3.HAD)"},
        };
        REQUIRE(c->arch_minor >= 3, "realm_impl needs SMMUv3.3 (arch_minor %u; IHI 0070 "
                "2.7.1)", c->arch_minor);
        for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
            REQUIRE(need[i].ok, "realm_impl requires %s = 1 (IHI 0070 2.7.1)", need[i].what);
        REQUIRE(c->bbml == 2, "realm_impl requires bbml = 2 (IDR3.BBML = 0b10, level 2; "
                "IHI 0070 2.7.1), not %u", c->bbml);
    }
    if (c->rme_impl && c->realm_impl) {
        uint64_t root = c->root_page_offset, realm = 0x20000 + (uint64_t)c->ba_realm * 0x10000;
        REQUIRE(root < realm || root >= realm + 0x20000,
                "root_page_offset 0x%llx overlaps the Realm pages at 0x%llx (ba_realm %u)",
                (unsigned long long)root, (unsigned long long)realm, c->ba_realm);
    }
#undef REQUIRE
    /* The ID register rules of the version and the features (idr_rules.c): RES0 fields are
     * cleared in *out (listed in notes), a missing mandatory field is refused. */
    *out = *c;
    smmu_status st = idr_rules_apply(out, err, errlen, notes, notes_len);
    if (st != SMMU_OK)
        return st;
    if (out->realm_impl && out->pri) {
        /* R_IDR0.PRI equals IDR0.PRI [6.3.122]: the model has no Realm PRI queue */
        say(err, errlen, "realm_impl with pri: the Realm PRI queue is not modelled");
        return SMMU_E_UNSUPPORTED;
    }
    return SMMU_OK;
}

smmu_status smmu_config_check(const smmu_config *c, char *err, size_t errlen)
{
    if (!c) {
        say(err, errlen, "smmu_config_check: NULL configuration");
        return SMMU_E_INVAL;
    }
    smmu_config normalised;
    return config_validate(c, &normalised, err, errlen, NULL, 0);
}
