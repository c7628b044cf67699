/* SPDX-License-Identifier: Apache-2.0 */
/* The randomized security-property run (see sec_property.h). */
#include "sec_property.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "fake_mem.h"
#include "gpt.h"
#include "pgtable.h"
#include "ste_cd.h"

/* The support library reaches the core's self-contained layout headers by path. */
#include "bits.h"
#include "regs_layout.h"
#include "smmuv3/arch.h"

/* The world: the same addresses in every PA space (each interface's structures in its own). */
#define EVTQ 0x80000ull
#define CMDQ 0x90000ull
#define STRTAB 0x100000ull
#define QS 6u
#define SIDS 16u  /* streams per interface (the stream tables hold 64) */
#define CDSETS 8u /* CD tables of 2 CDs at CDBASE + i * 0x1000, in every PA space */
#define CDBASE 0x200000ull
#define S1BASE 0x400000ull      /* stage-1 table pools: 0x100000 each (6 tables, NSTable pools) */
#define S2BASE 0x1000000ull     /* stage-2 table pools: 0x100000 each (6 tables) */
#define STRUCT_END 0x2000000ull /* [0, 32 MB): structures, mapped identity at stage 2 */
#define DATA_END 0x4000000ull   /* [32 MB, 64 MB): data pages */
#define VA_END 0x1000000ull     /* stage-1 inputs mapped: [0, 16 MB) */
#define GPT_L0 0x10000000ull    /* Root PA */
#define GPT_L1 0x10100000ull
#define GPT_END 0x10200000ull
#define ROOT_PAGE 0x20000ull
#define LOW_GRANULES (DATA_END >> 12) /* GPIs kept per granule below 64 MB */
#define PPS 40u

struct world {
    struct fake_mem *m;
    smmu_t *s;
    struct smmu_driver drv[3];
    struct st_builder st[3];
    struct gpt_builder g;
    uint64_t x;                       /* random state */
    uint8_t gpi_low[LOW_GRANULES];    /* GPI of each granule below 64 MB */
    uint8_t gpi_l0[1u << (PPS - 30)]; /* GPI of each 1 GB level-0 Block (entry 0: above 64 MB) */
    uint64_t s1root[6], s2root[6];    /* tables: [space * 2 + i], space NS, S, R */
    int s2level[6];                   /* start level of each stage-2 table */
    uint64_t va[32], ipa[64];         /* the pages every stage-1 / stage-2 table maps */
    int cur; /* SEC_SID of the transaction in flight, -1 outside */
    struct secprop_stats *stats;
};

static const smmu_pa_space SPACE[3] = {SMMU_PAS_NS, SMMU_PAS_SECURE, SMMU_PAS_REALM};

const char *secprop_rule_name(unsigned rule)
{
    static const char *const names[SECPROP_RULES] = {
        "ns-output",  "secure-output", "realm-output",   "realm-fetch-ns",
        "gpc-output", "gpc-access",    "structure-space"};
    return rule < SECPROP_RULES ? names[rule] : "?";
}

static uint64_t rnd(struct world *w)
{
    return fake_mem_rand(&w->x);
}
static unsigned rndn(struct world *w, unsigned n)
{
    return (unsigned)(rnd(w) % n);
}
static bool chance(struct world *w, unsigned one_in)
{
    return rndn(w, one_in) == 0;
}

static void violation(struct world *w, unsigned rule, const char *fmt, ...)
{
    struct secprop_stats *st = w->stats;
    st->violations++;
    st->by_rule[rule]++;
    if (!st->first[0]) {
        va_list ap;
        int n = snprintf(st->first, sizeof(st->first),
                         "txn %llu, %s: ", (unsigned long long)st->transactions,
                         secprop_rule_name(rule));
        va_start(ap, fmt);
        if (n > 0 && (size_t)n < sizeof(st->first))
            vsnprintf(st->first + n, sizeof(st->first) - (size_t)n, fmt, ap);
        va_end(ap);
    }
}

/* ---- the GPT as written here [Arm ARM D9.6-D9.7, IHI 0070 3.25.4] ---- */

static bool gpi_permits(unsigned gpi, smmu_pa_space pas)
{
    switch (gpi) {
    case GPI_ANY:
        return true;
    case GPI_SECURE:
        return pas == SMMU_PAS_SECURE;
    case GPI_NS:
        return pas == SMMU_PAS_NS;
    case GPI_ROOT:
        return pas == SMMU_PAS_ROOT;
    case GPI_REALM:
        return pas == SMMU_PAS_REALM;
    default:
        return false;
    }
}

static bool gpt_permits(const struct world *w, uint64_t pa, smmu_pa_space pas)
{
    if (pa >> PPS) /* beyond PPS: a GPF except for Non-secure [3.25.4] */
        return pas == SMMU_PAS_NS;
    if (pa < DATA_END)
        return gpi_permits(w->gpi_low[pa >> 12], pas);
    return gpi_permits(w->gpi_l0[pa >> 30], pas);
}

static const uint8_t GPIS[6] = {GPI_ANY, GPI_NS, GPI_SECURE, GPI_REALM, GPI_ROOT, GPI_NONE};

/* A GPI for a granule: the command queues always reachable (invalidation must work),
 * structures usually, data anything. */
static uint8_t random_gpi(struct world *w, uint64_t pa)
{
    if (pa >= CMDQ && pa < CMDQ + 0x1000)
        return GPI_ANY;
    if (pa < STRUCT_END)
        return chance(w, 16) ? GPIS[rndn(w, 6)] : GPI_ANY;
    return GPIS[rndn(w, 6)];
}

static void set_granule(struct world *w, uint64_t pa, uint8_t gpi)
{
    w->gpi_low[pa >> 12] = gpi;
    gpt_set_granule(&w->g, pa, gpi);
}

/* ---- the environment: every SMMU access is checked, then made ---- */

static void check_access(struct world *w, uint64_t pa, smmu_pa_space pas, size_t len)
{
    if (pas == SMMU_PAS_ROOT && pa >= GPT_L0 && pa < GPT_END)
        return; /* GPT fetches are not checked [3.25.1] */
    w->stats->smmu_accesses++;
    if (!gpt_permits(w, pa, pas) || !gpt_permits(w, pa + len - 1, pas))
        violation(w, SECPROP_GPC_ACCESS, "SMMU access 0x%llx in PA space %d",
                  (unsigned long long)pa, (int)pas);
    if (w->cur < 0)
        return;
    bool ok = w->cur == SMMU_SEC_NS       ? pas == SMMU_PAS_NS
              : w->cur == SMMU_SEC_SECURE ? pas == SMMU_PAS_SECURE || pas == SMMU_PAS_NS
                                          : pas == SMMU_PAS_REALM;
    if (!ok)
        violation(w, SECPROP_STRUCT_SPACE, "SEC_SID %d: SMMU access 0x%llx in PA space %d", w->cur,
                  (unsigned long long)pa, (int)pas);
}

static int env_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *attrs)
{
    struct world *w = ctx;
    (void)attrs;
    check_access(w, pa, pas, len);
    return fake_mem_read(w->m, pa, pas, buf, len);
}

static int env_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    struct world *w = ctx;
    (void)attrs;
    check_access(w, pa, pas, len);
    return fake_mem_write(w->m, pa, pas, buf, len);
}

static void env_log(void *ctx, smmu_log_level level, const char *msg)
{
    (void)ctx;
    if (level <= SMMU_LOG_WARN)
        fprintf(stderr, "smmu: %s\n", msg);
}

/* ---- tables ---- */

/* Stage-1 tables: 32 random pages of [0, 16 MB) to data pages (or anywhere below 2^40), with
 * random NS, NSTable, AP and XN. Secure tables take NSTable into a Non-secure pool. */
static int build_s1(struct world *w, unsigned space, unsigned i)
{
    struct pgt pt;
    struct pgt_params p = pgt_default_params(1, 12, 48);
    unsigned t = space * 2 + i;
    p.pas = SPACE[space];
    p.secure_tables = SPACE[space] == SMMU_PAS_SECURE;
    p.pool_base = S1BASE + t * 0x100000ull;
    p.pool_size = 0x80000;
    if (pgt_init(&pt, w->m, &p))
        return -1;
    if (p.secure_tables)
        pgt_add_pool(&pt, SMMU_PAS_NS, p.pool_base + 0x80000, 0x80000);
    for (unsigned n = 0; n < 32; n++) {
        uint64_t va = w->va[n];
        uint64_t oa = chance(w, 8) ? rnd(w) & 0xFFFFFFF000ull : w->ipa[rndn(w, 64)];
        uint64_t attrs = PGT_ATTRINDX(rndn(w, 4)) | PGT_SH(3) | PGT_AF | PGT_AP(rndn(w, 4)) |
                         (chance(w, 2) ? PGT_NS : 0) | (chance(w, 4) ? PGT_UXN : 0) |
                         (chance(w, 4) ? PGT_PXN : 0);
        pgt_set_new_table_attrs(&pt, chance(w, 4) ? PGT_T_NS : 0);
        (void)pgt_map(&pt, va, oa, 0x1000, attrs); /* fails harmlessly on a page in the way */
    }
    w->s1root[t] = pt.root;
    return 0;
}

/* Stage-2 tables: [0, 32 MB) identity in 2 MB blocks (structures; random NS bit 55 and
 * MemAttr), and 64 random pages of [32 MB, 64 MB) anywhere, with random NS, S2AP and XN. */
static int build_s2(struct world *w, unsigned space, unsigned i)
{
    struct pgt pt;
    struct pgt_params p = pgt_default_params(2, 12, 40);
    unsigned t = space * 2 + i;
    p.pas = SPACE[space];
    p.pool_base = S2BASE + t * 0x100000ull;
    p.pool_size = 0x100000;
    if (pgt_init(&pt, w->m, &p))
        return -1;
    for (uint64_t a = 0; a < STRUCT_END; a += 0x200000) {
        uint64_t attrs = PGT_MEMATTR(chance(w, 8) ? 0x1 : 0xF) | PGT_SH(3) | PGT_AF |
                         PGT_S2AP(chance(w, 8) ? 1 : 3) | (chance(w, 6) ? PGT_S2NS : 0);
        (void)pgt_map(&pt, a, a, 0x200000, attrs);
    }
    for (unsigned n = 0; n < 64; n++) {
        uint64_t ipa = w->ipa[n];
        uint64_t pa = chance(w, 8) ? rnd(w) & 0xFFFFFFF000ull
                                   : STRUCT_END + ((rnd(w) % (DATA_END - STRUCT_END)) & ~0xFFFull);
        uint64_t attrs = PGT_MEMATTR(0xF) | PGT_SH(3) | PGT_AF | PGT_S2AP(rndn(w, 4)) |
                         PGT_S2XN(rndn(w, 4)) | (chance(w, 2) ? PGT_S2NS : 0);
        (void)pgt_map(&pt, ipa, pa, 0x1000, attrs);
    }
    w->s2root[t] = pt.root;
    w->s2level[t] = pgt_start_level(&pt);
    return 0;
}

/* A table index: usually one in PA space `space`, sometimes any. */
static unsigned pick_table(struct world *w, unsigned space)
{
    return chance(w, 4) ? rndn(w, 6) : space * 2 + rndn(w, 2);
}

/* Two CDs at CDBASE + set * 0x1000 in PA space `space`, on random stage-1 tables. */
static void write_cdset(struct world *w, unsigned space, unsigned set)
{
    struct cd_builder b;
    cd_init(&b, w->m, SPACE[space], CDBASE + set * 0x1000ull, 0, 1, 0);
    for (uint32_t ssid = 0; ssid < 2; ssid++) {
        uint64_t cd[8];
        bool nscfg0 = chance(w, 2);
        unsigned t = pick_table(w, space == 1 && nscfg0 ? 0 : space);
        cd_make(cd, w->s1root[t], 12, 48, 48, (uint16_t)rndn(w, 4), 0xAA4404FFull);
        smmu_cd_set_NSCFG0(cd, nscfg0);
        smmu_cd_set_NSCFG1(cd, chance(w, 2));
        if (chance(w, 8))
            cd[rndn(w, 8)] ^= 1ull << rndn(w, 64); /* a random field */
        cd_write(&b, ssid, cd);
    }
}

/* A random STE of interface b: abort, bypass, stage 1, stage 2 or nested, with random NSCFG,
 * S2SW/S2SA/S2NSW/S2NSA, S1DSS, STRW, PRIVCFG/INSTCFG, sometimes a random bit. Realm STEs keep
 * INSTCFG = 0b00, so that the transaction's flag is the effective InD (the Realm fetch rule). */
static void write_ste(struct world *w, unsigned b, uint32_t sid)
{
    uint64_t ste[8];
    struct ste_s2_params p;
    memset(ste, 0, sizeof(ste));
    unsigned kind = rndn(w, 8);
    if (kind == 0) {
        ste_make_abort(ste);
    } else if (kind == 1) {
        ste_make_bypass(ste);
    } else if (kind == 7) {
        for (unsigned i = 0; i < 8; i++)
            ste[i] = rnd(w);
    } else {
        bool s1 = kind != 3 && kind != 4;
        bool s2 = kind >= 3;
        if (s1 || chance(w, 2)) {
            ste_make_s1(ste, CDBASE + rndn(w, CDSETS) * 0x1000ull, 0, rndn(w, 2));
            smmu_ste_set_S1DSS(ste, rndn(w, 3));
            if (!s1)
                smmu_ste_set_Config(ste, 6);
        } else {
            ste_make_bypass(ste);
        }
        if (s2) {
            unsigned t = pick_table(w, b == SMMU_SEC_SECURE ? rndn(w, 2) : b);
            memset(&p, 0, sizeof(p));
            p.ttb = w->s2root[t];
            p.granule_shift = 12;
            p.ia_bits = 40;
            p.start_level = w->s2level[t];
            p.ps_bits = 48;
            p.vmid = (uint16_t)rndn(w, 4);
            ste_set_s2(ste, &p);
            if (b == SMMU_SEC_SECURE) {
                t = pick_table(w, rndn(w, 2));
                p.ttb = w->s2root[t];
                p.start_level = w->s2level[t];
                ste_set_secure_s2(ste, &p);
                smmu_ste_set_S2SW(ste, chance(w, 2));
                smmu_ste_set_S2SA(ste, chance(w, 2));
                smmu_ste_set_S2NSW(ste, chance(w, 2));
                smmu_ste_set_S2NSA(ste, chance(w, 2));
            }
        }
        if (smmu_ste_Config(ste) == 5 && chance(w, 6))
            smmu_ste_set_STRW(ste, 2); /* EL2 (Realm EL2: the stage-1 NS bit decides) */
    }
    if (kind != 7) {
        smmu_ste_set_NSCFG(ste, rndn(w, 4));
        smmu_ste_set_PRIVCFG(ste, rndn(w, 4));
        smmu_ste_set_INSTCFG(ste, rndn(w, 4));
        if (chance(w, 8))
            ste[rndn(w, 8)] ^= 1ull << rndn(w, 64);
    }
    if (b == SMMU_SEC_REALM)
        smmu_ste_set_INSTCFG(ste, 0);
    st_write_ste(&w->st[b], sid, ste);
}

/* ---- registers and commands ---- */

static void invalidate_all(struct world *w)
{
    uint64_t c[2];
    for (unsigned b = 0; b < 3; b++) {
        struct smmu_driver *d = &w->drv[b];
        cmd_cfgi_all(c, b == SMMU_SEC_SECURE);
        drv_submit(d, c);
        if (b == SMMU_SEC_SECURE) {
            cmd_tlbi_snh_all(c);
            drv_submit(d, c);
            cmd_tlbi_s_el2_all(c);
            drv_submit(d, c);
        } else {
            cmd_tlbi_nsnh_all(c);
            drv_submit(d, c);
            cmd_tlbi_el2_all(c);
            drv_submit(d, c);
        }
        if (drv_sync(d))
            drv_fix_and_resume(d, NULL);
        uint64_t rec[4];
        while (drv_read_event(d, rec))
            ;
        if (drv_evtq_overflow(d))
            drv_evtq_ack_overflow(d);
        drv_ack_gerror(d);
    }
}

/* Random values of the registers that decide security: SMMUEN, (S_)GBPA, S_CR0.SIF. */
static void scribble_registers(struct world *w)
{
    for (unsigned b = 0; b < 3; b++) {
        struct smmu_driver *d = &w->drv[b];
        uint32_t cr0 = DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN;
        if (!chance(w, 8))
            cr0 |= DRV_CR0_SMMUEN;
        if (b == SMMU_SEC_SECURE && chance(w, 2))
            cr0 |= (uint32_t)SMMU_S_CR0_SIF;
        drv_write_cr0(d, cr0);
        /* ABORT clear (R_GBPA.ABORT is RES1); NSCFG in the Secure one only */
        uint32_t gbpa = (uint32_t)rnd(w) & 0x000F3F1Fu;
        if (b == SMMU_SEC_SECURE)
            gbpa |= (uint32_t)SMMU_FIELD_PREP(SMMU_S_GBPA_NSCFG, rndn(w, 4));
        if (b != SMMU_SEC_REALM)
            drv_write_gbpa(d, gbpa);
    }
}

static int setup(struct world *w)
{
    smmu_config cfg;
    smmu_config_init(&cfg);
    cfg.rme_impl = cfg.realm_impl = true;
    cfg.bbml = 2;
    cfg.gbpa_abort_at_reset = false;
    cfg.tlb_entries = 256;
    cfg.tlb_ways = 4;
    cfg.cfg_entries = 32;
    cfg.cfg_ways = 4;
    smmu_env env = fake_mem_env(w->m);
    env.ctx = w;
    env.mem_read = env_read;
    env.mem_write = env_write;
    env.mem_cas64 = NULL; /* HTTU updates go through env_write, checked */
    env.msi_write = NULL;
    env.log = getenv("SECPROP_LOG") ? env_log : NULL; /* diagnostics, for debugging a run */
    env.irq = NULL;
    env.sev = NULL;
    env.invalidated = NULL;
    if (smmu_create(&cfg, &env, &w->s) != SMMU_OK)
        return -1;
    if (gpt_access_only(w->s, ROOT_PAGE))
        return -1;
    for (unsigned b = 0; b < 3; b++) {
        struct smmu_driver *d = &w->drv[b];
        drv_init(d, w->s, w->m, (smmu_sec_sid)b);
        drv_setup_cmdq(d, CMDQ, QS);
        drv_setup_evtq(d, EVTQ, QS);
        if (drv_enable_queues(d))
            return -1;
        st_init_linear(&w->st[b], w->m, SPACE[b], STRTAB, 6);
        drv_set_strtab(d, st_base_reg(&w->st[b]), st_base_cfg_reg(&w->st[b]));
        if (drv_enable_smmu(d))
            return -1;
    }
    /* The GPT: random GPIs per granule below 64 MB, per 1 GB block above */
    gpt_init(&w->g, w->m, PPS, 30, 12, GPT_L0, GPT_L1);
    for (unsigned i = 0; i < sizeof(w->gpi_l0); i++) {
        w->gpi_l0[i] = i < 16 ? GPIS[rndn(w, 6)] : GPI_ANY;
        if (i > 0)
            gpt_set_block(&w->g, (uint64_t)i << 30, w->gpi_l0[i]);
    }
    gpt_set_block(&w->g, 0, w->gpi_l0[0]);
    for (uint64_t pa = 0; pa < DATA_END; pa += 0x1000)
        set_granule(w, pa, random_gpi(w, pa));
    return gpt_enable(&w->g, w->s, ROOT_PAGE);
}

/* New tables, CDs, STEs, registers and a few GPIs; random words over any of them. */
static int scribble(struct world *w, bool tables)
{
    if (tables) {
        /* the pages every table maps (a few may repeat: the builder keeps the first) */
        for (unsigned n = 0; n < 32; n++)
            w->va[n] = (rnd(w) % VA_END) & ~0xFFFull;
        for (unsigned n = 0; n < 64; n++)
            w->ipa[n] = STRUCT_END + ((rnd(w) % (DATA_END - STRUCT_END)) & ~0xFFFull);
        for (unsigned t = 0; t < 6; t++)
            if (build_s1(w, t / 2, t % 2) || build_s2(w, t / 2, t % 2))
                return -1;
        for (unsigned sp = 0; sp < 3; sp++)
            for (unsigned set = 0; set < CDSETS; set++)
                write_cdset(w, sp, set);
    }
    for (unsigned b = 0; b < 3; b++)
        for (uint32_t sid = 0; sid < SIDS; sid++)
            if (tables || chance(w, 4))
                write_ste(w, b, sid);
    for (unsigned n = 0; n < 4; n++) {
        unsigned sp = rndn(w, 3);
        uint64_t where;
        switch (rndn(w, 4)) {
        case 0:
            where = CDBASE + rndn(w, CDSETS) * 0x1000ull + rndn(w, 16) * 8;
            break;
        case 1:
            where = S1BASE + rndn(w, 0x600000 / 8) * 8ull;
            break;
        case 2:
            where = S2BASE + rndn(w, 0x600000 / 8) * 8ull;
            break;
        default:
            where = STRTAB + rndn(w, SIDS * 8) * 8ull;
            break;
        }
        if (where >= STRTAB && where < STRTAB + SIDS * 64 && sp == SMMU_SEC_REALM)
            continue; /* keep Realm INSTCFG at 0b00 (see write_ste) */
        fake_mem_scribble(w->m, where, SPACE[sp], 1, &w->x);
    }
    for (unsigned n = 0; n < 4; n++) {
        uint64_t pa = (rnd(w) % DATA_END) & ~0xFFFull;
        set_granule(w, pa, random_gpi(w, pa));
    }
    scribble_registers(w);
    invalidate_all(w);
    return 0;
}

/* ---- one transaction and its checks ---- */

static void transact(struct world *w)
{
    struct secprop_stats *st = w->stats;
    smmu_txn t;
    smmu_result r;
    memset(&t, 0, sizeof(t));
    t.sec = (smmu_sec_sid)rndn(w, 3);
    t.sid = chance(w, 16) ? SIDS + rndn(w, 4) : rndn(w, SIDS); /* a few without an STE */
    t.ssv = chance(w, 8);
    t.ssid = rndn(w, 3);
    unsigned a = rndn(w, 10);
    uint64_t off = rnd(w) & 0xFFC;
    t.addr = a < 4   ? w->va[rndn(w, 32)] | off
             : a < 7 ? w->ipa[rndn(w, 64)] | off
             : a < 9 ? rnd(w) % DATA_END
                     : rnd(w);
    t.size = 4;
    t.access = chance(w, 3) ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    t.flags = (uint32_t)rnd(w) & (SMMU_TXN_PRIV | SMMU_TXN_INSTR | SMMU_TXN_NS);
    if (chance(w, 16))
        t.flags |= SMMU_TXN_DEBUG;
    w->cur = (int)t.sec;
    smmu_translate(w->s, &t, &r);
    w->cur = -1;
    st->transactions++;
    st->outcomes[r.outcome < 5 ? r.outcome : 0]++;
    /* Outputs the GPC refused: ROOT_GPF_FAR with REASON = TRANSACTION [6.3.116] (cleared for
     * the next one) */
    uint64_t far = gpt_root_read(w->s, ROOT_PAGE, 0x38, 8);
    if (far & 1) {
        if (((far >> 1) & 7) == 3)
            st->gpc_aborts++;
        gpt_root_write(w->s, ROOT_PAGE, 0x38, 8, 0);
    }
    if (r.outcome != SMMU_XLATE_OK && r.outcome != SMMU_XLATE_BYPASS)
        return;
    st->outputs[t.sec][r.pas & 3]++;
    const bool instr = t.access == SMMU_ACCESS_READ && (t.flags & SMMU_TXN_INSTR);
    switch (t.sec) {
    case SMMU_SEC_NS:
        if (r.pas != SMMU_PAS_NS)
            violation(w, SECPROP_NS_OUTPUT, "SID 0x%x output PA space %d", t.sid, (int)r.pas);
        break;
    case SMMU_SEC_SECURE:
        if (r.pas != SMMU_PAS_SECURE && r.pas != SMMU_PAS_NS)
            violation(w, SECPROP_SEC_OUTPUT, "SID 0x%x output PA space %d", t.sid, (int)r.pas);
        break;
    default:
        if (r.pas != SMMU_PAS_REALM && r.pas != SMMU_PAS_NS) {
            violation(w, SECPROP_REALM_OUTPUT, "SID 0x%x output PA space %d", t.sid, (int)r.pas);
        } else if (instr && r.pas == SMMU_PAS_NS) {
            /* The STE in memory is the one used: everything is invalidated after scribbling */
            uint64_t ste[8];
            for (unsigned i = 0; i < 8; i++)
                ste[i] = fake_mem_rd64(w->m, STRTAB + t.sid * 64ull + i * 8, SMMU_PAS_REALM);
            if (smmu_ste_Config(ste) & 2)
                st->known_defects++;
            else
                violation(w, SECPROP_REALM_FETCH, "SID 0x%x fetch output 0x%llx Non-secure", t.sid,
                          (unsigned long long)r.pa);
        }
        break;
    }
    if (!gpt_permits(w, r.pa, r.pas))
        violation(w, SECPROP_GPC_OUTPUT, "SEC_SID %d SID 0x%x output 0x%llx PA space %d",
                  (int)t.sec, t.sid, (unsigned long long)r.pa, (int)r.pas);
}

int secprop_run(uint64_t seed, uint64_t transactions, struct secprop_stats *st)
{
    struct world *w = calloc(1, sizeof(*w));
    memset(st, 0, sizeof(*st));
    if (!w) {
        snprintf(st->first, sizeof(st->first), "out of memory");
        return -1;
    }
    w->stats = st;
    w->x = seed;
    w->cur = -1;
    w->m = fake_mem_create();
    int rc = w->m ? setup(w) : -1;
    for (uint64_t n = 0; rc == 0 && n < transactions; n++) {
        if (n % 100 == 0 && scribble(w, n % 5000 == 0))
            rc = -1;
        if (rc == 0)
            transact(w);
    }
    if (rc)
        snprintf(st->first, sizeof(st->first), "the world could not be set up");
    smmu_stats ss;
    if (w->s && smmu_get_stats(w->s, &ss) == SMMU_OK)
        memcpy(st->events, ss.events_by_type, sizeof(st->events));
    smmu_destroy(w->s);
    fake_mem_destroy(w->m);
    free(w);
    return rc;
}
