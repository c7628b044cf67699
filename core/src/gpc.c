/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RME Root [IHI 0070 3.25, 6.2.6, 6.3.110-121]: the Root control page registers, and the
 * granule protection check (GPC) that ROOT_CR0 applies to every client output access and
 * every SMMU-originated access (the smmu_mem_* wrappers call it), with the GPT format and
 * fault order of FEAT_RME [Arm ARM D9.4-D9.7].
 *
 * Model choices (CONSTRAINED UNPREDICTABLE or IMPLEMENTATION DEFINED):
 *  - no GPT information is cached: every check walks the GPT, so a GPT change is seen at once
 *    and ROOT_TLBI only completes (and tells the embedder, through env.invalidated, that
 *    everything it derived may be stale, as does any change of ROOT_CR0);
 *  - ROOT_CR0 updates complete at once (CR0ACK = CR0), so its fields are never RO for
 *    "update in progress"; ROOT_TLBI_CTRL.RUN reads 0 right after the write;
 *  - ACCESSEN=0 terminates every access as a GPF and records it in ROOT_GPF_FAR (the spec
 *    says "as though experiencing a GPF as reported in SMMU_ROOT_GPF_FAR" [6.3.112]);
 *  - ROOT_GPT_BASE_CFG resets to 0 except the RO L0GPTSZ (the reset value is UNKNOWN);
 *    ROOT_GPT_BASE and ROOT_GPT_BASE2 reset to 0; all of ADDR[51:12] is stored so that the
 *    address-size check (CFG_ERR 0x1) sees what software wrote;
 *  - ROOT_GPT_BASE_UPDATE.Update completes at once (reads 0); the new base is used at once;
 *  - writes of ROOT_GPT_BASE / ROOT_GPT_BASE_CFG (possible only while GPCEN is 0) change no
 *    translation and notify nothing; GPT_BASE_UPDATE with GPCEN set notifies every
 *    interface when the base changes;
 *  - GPCP is stored but has no effect: every GPC fault is reported (allowed by [6.3.115]);
 *  - a GPT descriptor with a RES0 bit set (including the alignment bits of a level-1 table
 *    address) is an invalid entry (CFG_ERR 0x3), as a descriptor of no valid type;
 *  - in a level-1 Granules descriptor only the GPI selected by the PA is decoded: a reserved
 *    encoding in another granule's nibble does not fault this access;
 *  - GPI 0b1000 (Secure) is valid whatever S_IDR1.SEL2 says (the SMMU spec does not make it
 *    depend on Secure EL2); GPIs 0100/0101/0110/0111/1101 are reserved, since the GPCCR_EL3
 *    enables that define them are RES0 in ROOT_GPT_BASE_CFG;
 *  - a client access is checked at its first byte (the SMMU checks granule by granule; an
 *    access crossing a granule boundary is the embedder's to split);
 *  - ROOT_TLBI fields other than RUN's start condition are not decoded (nothing is cached).
 */
#include "gpc.h"
#include "pmcg.h"

#include <string.h>

#include "bits.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Bits [n-1:0] (n <= 63). */
static uint64_t gpc_low_mask(unsigned n)
{
    return (UINT64_C(1) << n) - 1;
}

/* ---------------------------------------------------------------------------------------------
 * Fault reporting [IHI 0070 3.25.4-3.25.6, 6.3.116-117]
 * ------------------------------------------------------------------------------------------- */

/* FPAS encoding: 00 Secure, 01 Non-secure, 10 Root, 11 Realm. */
static uint64_t gpc_fpas(smmu_pa_space pas)
{
    static const uint8_t enc[4] = {1, 0, 3, 2}; /* indexed by smmu_pa_space */
    return enc[pas & 3];
}

static const char *const pas_names[4] = {"Non-secure", "Secure", "Realm", "Root"};

static const char *gpc_origin_name(smmu_origin o)
{
    switch (o) {
    case ORIG_STE: return "STE fetch";
    case ORIG_CD: return "CD fetch";
    case ORIG_WALK: return "translation table access";
    case ORIG_VMS: return "VMS fetch";
    case ORIG_CMDQ: return "command queue read";
    case ORIG_EVENTQ: return "event queue write";
    case ORIG_PRIQ: return "PRI queue write";
    case ORIG_MSI_CMDQ: return "CMD_SYNC MSI";
    case ORIG_MSI_EVENTQ: return "event queue MSI";
    case ORIG_MSI_PRIQ: return "PRI queue MSI";
    case ORIG_MSI_GERROR: return "GERROR MSI";
    case ORIG_CLIENT: return "client output access";
    default: return "SMMU-originated access";
    }
}

/* Record the first fault in *far (further faults are not recorded while FAULT=1) and pulse
 * the register's interrupt. Returns false (the access fails) for the callers' convenience. */
static bool gpc_report(struct smmu *s, bool lookup_error, uint64_t pa, smmu_pa_space pas,
                       smmu_origin orig, unsigned cfg_err)
{
    uint64_t *far = lookup_error ? &s->root.gpt_cfg_far : &s->root.gpf_far;
    if ((*far & SMMU_ROOT_FAR_FAULT) || ((unsigned)orig & GPC_QUIET))
        return false;
    *far = SMMU_FIELD_PREP(SMMU_ROOT_FAR_FPAS, gpc_fpas(pas)) | (pa & SMMU_ROOT_FAR_FADDR) |
           SMMU_FIELD_PREP(SMMU_ROOT_FAR_FAULTCODE, (unsigned)orig & 0xFF) |
           SMMU_FIELD_PREP(SMMU_ROOT_FAR_REASON, (unsigned)orig >> 8) | SMMU_ROOT_FAR_FAULT |
           (lookup_error ? SMMU_FIELD_PREP(SMMU_ROOT_FAR_CFG_ERR, cfg_err) : 0);
    smmu_raise_irq(s, SMMU_SEC_NS, lookup_error ? SMMU_IRQ_GPT_CFG_FAR : SMMU_IRQ_GPF_FAR);
    return false;
}

static bool gpc_gpf(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig,
                    const char *why)
{
    smmu_log(s, SMMU_LOG_ERROR, "GPC: %s %s at 0x%llx: %s: GPF (ROOT_GPF_FAR)",
             pas_names[pas & 3], gpc_origin_name((smmu_origin)((unsigned)orig & ~GPC_QUIET)),
             (unsigned long long)pa, why);
    return gpc_report(s, false, pa, pas, orig, 0);
}

/* CFG_ERR values of ROOT_GPT_CFG_FAR [6.3.117] */
enum {
    GPT_ERR_CONFIG = 0x0,    /* invalid ROOT_GPT_BASE_CFG */
    GPT_ERR_BASE_SIZE = 0x1, /* ROOT_GPT_BASE.ADDR beyond PPS */
    GPT_ERR_EABT = 0x2,      /* external abort on a GPT fetch */
    GPT_ERR_INVALID = 0x3,   /* invalid GPT entry */
    GPT_ERR_L0_SIZE = 0x4    /* level-0 Table descriptor address beyond PPS */
};

static bool gpc_lookup_error(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig,
                             unsigned err, const char *why, uint64_t detail)
{
    smmu_log(s, SMMU_LOG_ERROR, "GPC: %s %s at 0x%llx: %s (0x%llx): GPT lookup error "
             "CFG_ERR 0x%x (ROOT_GPT_CFG_FAR)", pas_names[pas & 3],
             gpc_origin_name((smmu_origin)((unsigned)orig & ~GPC_QUIET)),
             (unsigned long long)pa, why, (unsigned long long)detail, err);
    return gpc_report(s, true, pa, pas, orig, err);
}

/* ---------------------------------------------------------------------------------------------
 * The GPT walk [Arm ARM D9.4-D9.7]
 * ------------------------------------------------------------------------------------------- */

/* GPI encodings [Arm ARM D9.6.5]: which PA spaces each permits; reserved ones permit none
 * and are invalid. */
static bool gpi_valid(unsigned gpi)
{
    return gpi == 0x0 || gpi == 0x8 || gpi == 0x9 || gpi == 0xA || gpi == 0xB || gpi == 0xF;
}

static bool gpi_permits(unsigned gpi, smmu_pa_space pas)
{
    switch (gpi) {
    case 0x8: return pas == SMMU_PAS_SECURE;
    case 0x9: return pas == SMMU_PAS_NS;
    case 0xA: return pas == SMMU_PAS_ROOT;
    case 0xB: return pas == SMMU_PAS_REALM;
    case 0xF: return true;
    default: return false; /* 0b0000: no access */
    }
}

/* One 8-byte GPT descriptor, from Root PA space and never itself checked [3.25]. */
static int gpc_fetch(struct smmu *s, uint64_t pa, uint64_t *desc)
{
    uint64_t cfg = s->root.gpt_base_cfg;
    smmu_mem_attrs a = smmu_cr1_attrs((uint32_t)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_IRGN, cfg),
                                      (uint32_t)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_ORGN, cfg),
                                      (uint32_t)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_SH, cfg));
    uint8_t raw[8];
    s->stats.table_fetches++;
    if (s->pmcg_counting)
        pmcg_access(s, true, true); /* a GPT access counts in events 2 and 4 [10.3] */
    if (s->env.mem_read(s->env.ctx, pa, SMMU_PAS_ROOT, raw, 8, &a))
        return -1;
    *desc = le64_load(raw);
    return 0;
}

static bool gpc_walk(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig)
{
    static const unsigned pps_bits[8] = {32, 36, 40, 42, 44, 48, 52, 0};
    const smmu_config *c = &s->cfg;
    uint64_t cfg = s->root.gpt_base_cfg;
    unsigned pps = pps_bits[SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_PPS, cfg)];
    unsigned pgs = (unsigned)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_PGS, cfg);
    unsigned sh = (unsigned)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_SH, cfg);
    bool nc = SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_IRGN, cfg) == 0 && SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_ORGN, cfg) == 0;
    unsigned p = pgs == 0 ? 12 : pgs == 1 ? 16 : 14;
    bool pgs_ok = (pgs == 0 && c->gran4k) || (pgs == 1 && c->gran64k) ||
                  (pgs == 2 && c->gran16k);
    unsigned sz = c->l0gptsz_bits;

    /* 1. Configuration [6.3.115]: reserved PPS/PGS/SH, PPS beyond the OAS, PGS of a granule
     * IDR5 lacks, Non-cacheable fetches that are not Outer Shareable. */
    if (!pps || pps > c->oas_bits || !pgs_ok || sh == 1 || (nc && sh != 2))
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_CONFIG,
                                "invalid ROOT_GPT_BASE_CFG", cfg);
    /* 2. Beyond the protected size: a GPF except for Non-secure accesses [Arm ARM D9.4]. */
    if (pa >> pps) {
        if (pas == SMMU_PAS_NS)
            return true;
        return gpc_gpf(s, pa, pas, orig, "beyond the protected physical address size");
    }
    /* 3. The level-0 table: aligned to its size, at least 4 KB. */
    uint64_t base = s->root.gpt_base & SMMU_ROOT_GPT_BASE_ADDR;
    if (base >> pps)
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_BASE_SIZE,
                                "ROOT_GPT_BASE.ADDR beyond PPS", base);
    unsigned l0_bits = pps > sz ? pps - sz : 0;
    if (l0_bits + 3 > 12)
        base &= ~SMMU_GENMASK(l0_bits + 2, 0);
    uint64_t l0pa = base + ((pa >> sz) & gpc_low_mask(l0_bits)) * 8;
    uint64_t d;
    /* 4-5. The level-0 descriptor */
    if (gpc_fetch(s, l0pa, &d))
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_EABT,
                                "external abort reading the level-0 GPT entry", l0pa);
    if ((d & 0xF) == 0x1) {
        unsigned gpi = (unsigned)SMMU_FIELD_GET(SMMU_GENMASK(7, 4), d);
        if ((d & SMMU_GENMASK(63, 8)) || !gpi_valid(gpi))
            return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_INVALID,
                                    "invalid level-0 Block descriptor", d);
        /* 7. */
        return gpi_permits(gpi, pas) ||
               gpc_gpf(s, pa, pas, orig, "the level-0 Block GPI forbids this PA space");
    }
    /* The level-1 table is 2^(s-p-1) bytes, aligned to its size: its address bits
     * [s-p-2:12] are RES0. */
    uint64_t res0 = SMMU_GENMASK(63, 52) | SMMU_GENMASK(11, 4);
    if (sz - p - 2 >= 12)
        res0 |= SMMU_GENMASK(sz - p - 2, 12);
    if ((d & 0xF) != 0x3 || (d & res0))
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_INVALID,
                                "invalid level-0 GPT descriptor", d);
    /* 6. */
    uint64_t l1 = d & SMMU_ROOT_GPT_BASE_ADDR;
    if (l1 >> pps)
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_L0_SIZE,
                                "level-0 Table address beyond PPS", l1);
    /* 8. The level-1 descriptor: PA[s-1:p+4] indexes the table. */
    uint64_t l1pa = l1 + ((pa >> (p + 4)) & gpc_low_mask(sz - p - 4)) * 8;
    if (gpc_fetch(s, l1pa, &d))
        return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_EABT,
                                "external abort reading the level-1 GPT entry", l1pa);
    unsigned gpi;
    if ((d & 0xF) == 0x1) {
        /* Contiguous: one GPI for a naturally aligned 2 MB / 32 MB / 512 MB region */
        gpi = (unsigned)SMMU_FIELD_GET(SMMU_GENMASK(7, 4), d);
        if ((d & SMMU_GENMASK(63, 10)) || SMMU_FIELD_GET(SMMU_GENMASK(9, 8), d) == 0 || !gpi_valid(gpi))
            return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_INVALID,
                                    "invalid level-1 Contiguous descriptor", d);
    } else {
        /* Granules: the GPI of granule PA[p+3:p] */
        gpi = (unsigned)(d >> (4 * ((pa >> p) & 0xF))) & 0xF;
        if (!gpi_valid(gpi))
            return gpc_lookup_error(s, pa, pas, orig, GPT_ERR_INVALID,
                                    "reserved GPI in the level-1 Granules descriptor", d);
    }
    /* 9. */
    return gpi_permits(gpi, pas) ||
           gpc_gpf(s, pa, pas, orig, "the level-1 GPI forbids this PA space");
}

bool gpc_check(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig)
{
    /* ACCESSEN has priority over GPCEN [6.3.112]. */
    if (!(s->root.cr0ack & SMMU_ROOT_CR0_ACCESSEN))
        return gpc_gpf(s, pa, pas, orig, "ROOT_CR0.ACCESSEN is 0");
    if (!(s->root.cr0ack & SMMU_ROOT_CR0_GPCEN))
        return true;
    return gpc_walk(s, pa, pas, orig);
}

void gpc_client_output(struct smmu *s, const smmu_txn *txn, smmu_result *res)
{
    bool quiet = (txn->flags & SMMU_TXN_DEBUG) != 0;
    smmu_origin o = (smmu_origin)((unsigned)ORIG_CLIENT | (quiet ? GPC_QUIET : 0u));
    if (!gpc_check(s, res->pa, res->pas, o)) {
        /* An external abort to the client, no event [3.25.3] */
        res->outcome = SMMU_XLATE_ABORT;
        res->pa = 0;
        res->perm = 0;
        res->map_base = 0;
        res->map_size = 0;
        return;
    }
    unsigned pgs = (unsigned)SMMU_FIELD_GET(SMMU_ROOT_GPT_BASE_CFG_PGS, s->root.gpt_base_cfg);
    uint64_t gran = UINT64_C(1) << (pgs == 1 ? 16 : pgs == 2 ? 14 : 12);
    if (res->map_size > gran) {
        /* The mapping is aligned to its size in input and output: the granule of pa is
         * the granule-aligned input range around txn->addr. */
        res->map_base = txn->addr & ~(gran - 1);
        res->map_size = gran;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Root control page registers [IHI 0070 6.3.110-121]
 * ------------------------------------------------------------------------------------------- */

static uint64_t gpc_l0gptsz_field(const smmu_config *c)
{
    switch (c->l0gptsz_bits) {
    case 34: return SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ, 4);
    case 36: return SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ, 6);
    case 39: return SMMU_FIELD_PREP(SMMU_ROOT_GPT_BASE_CFG_L0GPTSZ, 9);
    default: return 0; /* 30 bits */
    }
}

void gpc_root_reset(struct smmu *s)
{
    memset(&s->root, 0, sizeof(s->root));
    s->root.present = s->cfg.rme_impl;
    s->root.gpt_base_cfg = gpc_l0gptsz_field(&s->cfg);
    gpc_update_xlate_extra(s);
}

struct root_reg {
    uint16_t off;
    uint8_t size;
    const char *name;
};

static const struct root_reg root_regs[] = {
    {SMMU_ROOT_IDR0, 4, "IDR0"},
    {SMMU_ROOT_IIDR, 4, "IIDR"},
    {SMMU_ROOT_CR0, 4, "CR0"},
    {SMMU_ROOT_CR0ACK, 4, "CR0ACK"},
    {SMMU_ROOT_GPT_BASE, 8, "GPT_BASE"},
    {SMMU_ROOT_GPT_BASE_CFG, 8, "GPT_BASE_CFG"},
    {SMMU_ROOT_GPF_FAR, 8, "GPF_FAR"},
    {SMMU_ROOT_GPT_CFG_FAR, 8, "GPT_CFG_FAR"},
    {SMMU_ROOT_TLBI, 8, "TLBI"},
    {SMMU_ROOT_TLBI_CTRL, 4, "TLBI_CTRL"},
    {SMMU_ROOT_GPT_BASE2, 8, "GPT_BASE2"},
    {SMMU_ROOT_GPT_BASE_UPDATE, 4, "GPT_BASE_UPDATE"},
};

/* The register at `off`, or NULL (RAZ/WI; *st = SMMU_E_SIZE for a 64-bit access to a 32-bit
 * register). */
static const struct root_reg *root_find(struct smmu *s, unsigned off, unsigned size,
                                        smmu_status *st)
{
    *st = SMMU_OK;
    for (size_t i = 0; i < ARRAY_SIZE(root_regs); i++) {
        const struct root_reg *r = &root_regs[i];
        if (off < r->off || off >= r->off + r->size)
            continue;
        if ((r->off == SMMU_ROOT_TLBI || r->off == SMMU_ROOT_TLBI_CTRL) && !s->cfg.rgptm)
            return NULL; /* OPTIONAL: present with RGPTM only [6.3.118] */
        if (size > r->size) {
            smmu_log(s, SMMU_LOG_WARN, "64-bit access to 32-bit register SMMU_ROOT_%s "
                     "(RAZ/WI)", r->name);
            *st = SMMU_E_SIZE;
            return NULL;
        }
        return r;
    }
    smmu_log(s, SMMU_LOG_DEBUG, "access to unimplemented Root page offset 0x%x (RAZ/WI)", off);
    return NULL;
}

static uint64_t root_get(const struct smmu *s, unsigned off)
{
    const struct smmu_root *r = &s->root;
    const smmu_config *c = &s->cfg;
    switch (off) {
    case SMMU_ROOT_IDR0:
        return SMMU_ROOT_IDR0_ROOT_IMPL | SMMU_FIELD_PREP(SMMU_ROOT_IDR0_BGPTM, c->bgptm) |
               SMMU_FIELD_PREP(SMMU_ROOT_IDR0_RGPTM, c->rgptm) |
               SMMU_FIELD_PREP(SMMU_ROOT_IDR0_REALM_IMPL, c->realm_impl) |
               (c->realm_impl ? SMMU_FIELD_PREP(SMMU_ROOT_IDR0_BA_REALM, c->ba_realm) : 0);
    case SMMU_ROOT_IIDR: return regs_iidr_value(c);
    case SMMU_ROOT_CR0: return r->cr0;
    case SMMU_ROOT_CR0ACK: return r->cr0ack;
    case SMMU_ROOT_GPT_BASE: return r->gpt_base;
    case SMMU_ROOT_GPT_BASE_CFG: return r->gpt_base_cfg;
    case SMMU_ROOT_GPF_FAR: return r->gpf_far;
    case SMMU_ROOT_GPT_CFG_FAR: return r->gpt_cfg_far;
    case SMMU_ROOT_TLBI: return r->tlbi;
    case SMMU_ROOT_TLBI_CTRL: return r->tlbi_ctrl;
    case SMMU_ROOT_GPT_BASE2: return r->gpt_base2;
    default: return 0; /* GPT_BASE_UPDATE: Update reads 0, the copy completes at once */
    }
}

smmu_status gpc_root_read(struct smmu *s, unsigned off, unsigned size, uint64_t *val)
{
    smmu_status st;
    const struct root_reg *r = root_find(s, off, size, &st);
    *val = 0;
    if (!r)
        return st;
    uint64_t v = root_get(s, r->off) >> ((off - r->off) * 8);
    *val = size == 4 ? (uint32_t)v : v;
    return SMMU_OK;
}

/* Everything the embedder derived from translations may now be refused or allowed
 * differently: tell it, for every programming interface. */
static void gpc_notify_all(struct smmu *s)
{
    smmu_inval_notice n = {0};
    n.all = true;
    for (unsigned b = 0; b < BANK_COUNT; b++) {
        n.sec = (smmu_sec_sid)b;
        smmu_notify_invalidation(s, &n);
    }
}

/* A FAR register: writes are ignored unless they clear FAULT, which zeroes it [6.3.116]. */
static void root_far_write(struct smmu *s, uint64_t *far, const char *name, uint64_t val,
                           uint64_t lanes)
{
    if ((lanes & SMMU_ROOT_FAR_FAULT) && !(val & SMMU_ROOT_FAR_FAULT)) {
        *far = 0;
        return;
    }
    smmu_log(s, SMMU_LOG_DEBUG, "SMMU_ROOT_%s: write that does not clear FAULT ignored", name);
}

smmu_status gpc_root_write(struct smmu *s, unsigned off, unsigned size, uint64_t val)
{
    smmu_status st;
    const struct root_reg *d = root_find(s, off, size, &st);
    if (!d)
        return st;
    struct smmu_root *r = &s->root;
    unsigned shift = (off - d->off) * 8;
    uint64_t lanes = (size == 8 ? ~UINT64_C(0) : SMMU_GENMASK(31, 0)) << shift;
    val = (size == 8 ? val : (uint64_t)(uint32_t)val) << shift;
    bool gpcen = (r->cr0 | r->cr0ack) & SMMU_ROOT_CR0_GPCEN;
    uint64_t wmask;
    uint64_t *reg;
    switch (d->off) {
    case SMMU_ROOT_CR0: {
        uint32_t old = r->cr0;
        wmask = SMMU_ROOT_CR0_GPCEN | SMMU_ROOT_CR0_ACCESSEN;
        r->cr0 = (uint32_t)((r->cr0 & ~(wmask & lanes)) | (val & wmask & lanes));
        r->cr0ack = r->cr0; /* the update completes at once */
        gpc_update_xlate_extra(s);
        if (val & lanes & ~wmask)
            smmu_log(s, SMMU_LOG_WARN, "SMMU_ROOT_CR0: RES0 bits 0x%llx written as 1: ignored",
                     (unsigned long long)(val & lanes & ~wmask));
        if (old != r->cr0)
            gpc_notify_all(s);
        return SMMU_OK;
    }
    case SMMU_ROOT_GPT_BASE:
    case SMMU_ROOT_GPT_BASE_CFG:
        if (gpcen) {
            smmu_log(s, SMMU_LOG_WARN, "SMMU_ROOT_%s written while GPCEN is set: ignored "
                     "(IHI 0070 6.3.114-115)", d->name);
            return SMMU_OK;
        }
        wmask = d->off == SMMU_ROOT_GPT_BASE ? SMMU_ROOT_GPT_BASE_ADDR
              : SMMU_ROOT_GPT_BASE_CFG_PPS | SMMU_ROOT_GPT_BASE_CFG_IRGN | SMMU_ROOT_GPT_BASE_CFG_ORGN | SMMU_ROOT_GPT_BASE_CFG_SH | SMMU_ROOT_GPT_BASE_CFG_PGS |
                SMMU_ROOT_GPT_BASE_CFG_GPCP;
        reg = d->off == SMMU_ROOT_GPT_BASE ? &r->gpt_base : &r->gpt_base_cfg;
        break;
    case SMMU_ROOT_GPF_FAR:
        root_far_write(s, &r->gpf_far, d->name, val, lanes);
        return SMMU_OK;
    case SMMU_ROOT_GPT_CFG_FAR:
        root_far_write(s, &r->gpt_cfg_far, d->name, val, lanes);
        return SMMU_OK;
    case SMMU_ROOT_TLBI:
        if (r->tlbi_ctrl & SMMU_ROOT_TLBI_CTRL_RUN)
            return SMMU_OK; /* never: RUN completes at once */
        wmask = SMMU_ROOT_TLBI_ADDR | SMMU_ROOT_TLBI_SIZE | SMMU_ROOT_TLBI_L | SMMU_ROOT_TLBI_ALL;
        reg = &r->tlbi;
        break;
    case SMMU_ROOT_GPT_BASE2:
        /* RW whatever GPCEN: the shadow that GPT_BASE_UPDATE copies [6.3.120] */
        wmask = SMMU_ROOT_GPT_BASE_ADDR;
        reg = &r->gpt_base2;
        break;
    case SMMU_ROOT_GPT_BASE_UPDATE: {
        /* Update=1 copies GPT_BASE2 into GPT_BASE atomically, GPCEN or not; other writes
         * are IGNORED [6.3.121]. The model caches no GPT information, so an enabled GPC
         * uses the new base at once: the embedder is told. */
        if (!(val & lanes & SMMU_ROOT_GPT_BASE_UPDATE_UPDATE)) {
            smmu_log(s, SMMU_LOG_DEBUG, "SMMU_ROOT_GPT_BASE_UPDATE written without Update=1: "
                     "ignored");
            return SMMU_OK;
        }
        uint64_t old = r->gpt_base;
        r->gpt_base = r->gpt_base2;
        if (old != r->gpt_base && (r->cr0ack & SMMU_ROOT_CR0_GPCEN))
            gpc_notify_all(s);
        return SMMU_OK;
    }
    case SMMU_ROOT_TLBI_CTRL:
        if (val & lanes & SMMU_ROOT_TLBI_CTRL_RUN) {
            /* TLBI PAALL / RPA*: no GPT information is cached; the operation completes at
             * once, RUN reads 0 [6.3.119]. */
            gpc_notify_all(s);
        }
        return SMMU_OK;
    default:
        smmu_log(s, SMMU_LOG_WARN, "SMMU_ROOT_%s is read-only: write ignored", d->name);
        return SMMU_OK;
    }
    if (val & lanes & ~wmask)
        smmu_log(s, SMMU_LOG_WARN, "SMMU_ROOT_%s: RES0 or read-only bits 0x%llx written: "
                 "ignored", d->name, (unsigned long long)(val & lanes & ~wmask));
    *reg = (*reg & ~(wmask & lanes)) | (val & wmask & lanes);
    return SMMU_OK;
}
