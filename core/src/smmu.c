/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The instance: configuration, creation, reset, the environment wrappers every other file
 * uses, invalidation entry points and statistics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "cfgcache.h"
#include "check.h"
#include "gpc.h"
#include "pmcg.h"
#include "inval.h"
#include "priq.h"
#include "regs.h"
#include "smmu_internal.h"
#include "stall.h"
#include "tlb.h"
#include "topology.h"

const char *smmu_strerror(smmu_status status)
{
    switch (status) {
    case SMMU_OK: return "success";
    case SMMU_E_INVAL: return "invalid argument";
    case SMMU_E_NOMEM: return "out of memory";
    case SMMU_E_ALIGN: return "register access not naturally aligned";
    case SMMU_E_SIZE: return "register access size not 4 or 8 bytes";
    case SMMU_E_UNSUPPORTED: return "feature not supported by the model";
    }
    return "unknown status";
}

const char *smmu_event_name(unsigned type)
{
    switch (type) {
    case SMMU_EVT_F_UUT: return "F_UUT";
    case SMMU_EVT_C_BAD_STREAMID: return "C_BAD_STREAMID";
    case SMMU_EVT_F_STE_FETCH: return "F_STE_FETCH";
    case SMMU_EVT_C_BAD_STE: return "C_BAD_STE";
    case SMMU_EVT_F_BAD_ATS_TREQ: return "F_BAD_ATS_TREQ";
    case SMMU_EVT_F_STREAM_DISABLED: return "F_STREAM_DISABLED";
    case SMMU_EVT_F_TRANSL_FORBIDDEN: return "F_TRANSL_FORBIDDEN";
    case SMMU_EVT_C_BAD_SUBSTREAMID: return "C_BAD_SUBSTREAMID";
    case SMMU_EVT_F_CD_FETCH: return "F_CD_FETCH";
    case SMMU_EVT_C_BAD_CD: return "C_BAD_CD";
    case SMMU_EVT_F_WALK_EABT: return "F_WALK_EABT";
    case SMMU_EVT_F_TRANSLATION: return "F_TRANSLATION";
    case SMMU_EVT_F_ADDR_SIZE: return "F_ADDR_SIZE";
    case SMMU_EVT_F_ACCESS: return "F_ACCESS";
    case SMMU_EVT_F_PERMISSION: return "F_PERMISSION";
    case SMMU_EVT_F_TLB_CONFLICT: return "F_TLB_CONFLICT";
    case SMMU_EVT_F_CFG_CONFLICT: return "F_CFG_CONFLICT";
    case SMMU_EVT_E_PAGE_REQUEST: return "E_PAGE_REQUEST";
    case SMMU_EVT_F_VMS_FETCH: return "F_VMS_FETCH";
    }
    if (type >= 0xE0 && type <= 0xEF)
        return "IMPDEF_EVENT";
    return "UNKNOWN";
}

/* The default: an MMU-700-class SMMUv3.3 (docs/configuration.md lists every choice). */
smmu_status smmu_config_init(smmu_config *cfg)
{
    if (!cfg)
        return SMMU_E_INVAL;
    memset(cfg, 0, sizeof(*cfg));
    cfg->struct_size = sizeof(*cfg);
    cfg->arch_minor = 3;
    cfg->iidr_product_id = 0x487;  /* Arm MMU-700 */
    cfg->iidr_implementer = 0x43B; /* Arm (JEP106) */
    cfg->stage1 = cfg->stage2 = true;
    cfg->oas_bits = 48;
    cfg->gran4k = cfg->gran16k = cfg->gran64k = true;
    cfg->asid16 = cfg->vmid16 = true;
    cfg->vmw = true;
    cfg->httu = 2;
    cfg->hyp = true;
    cfg->coherent = true;
    cfg->msi = true;
    cfg->sev = true;
    cfg->cd2l = true;
    cfg->st_2level = true;
    cfg->stall_model = SMMU_TERMINATE_ONLY;
    cfg->ttendian = 0;
    cfg->ril = true;
    cfg->stt = true;
    cfg->fwb = true;
    cfg->xnx = true;
    cfg->had = true;
    cfg->e0pd = true;
    /* Level 2: the model never reports a TLB conflict, whatever the block size change
     * [6.3.4 BBML; required from SMMUv3.2 and for REALM_IMPL, 2.7.1] */
    cfg->bbml = 2;
    cfg->attr_types_ovr = true;
    cfg->attr_perms_ovr = true;
    cfg->sid_bits = 16;
    cfg->ssid_bits = 20;
    cfg->cmdq_log2max = 19;
    cfg->eventq_log2max = 19;
    cfg->priq_log2max = 0;
    cfg->secure_impl = true;
    cfg->sel2 = true;
    cfg->s_sid_bits = 16;
    cfg->gbpa_abort_at_reset = true;
    cfg->tlb_entries = 4096;
    cfg->tlb_ways = 8;
    cfg->cfg_entries = 1024;
    cfg->cfg_ways = 4;
    /* Topology (1.2): one TBU and the TCU's TLB, as before; the TBU caches and walk caches
     * are off until a preset or parameter sizes them (docs/exploration.md). */
    cfg->tbus = 1;
    cfg->utlb_replacement = SMMU_REPL_LRU;
    cfg->tlb_replacement = SMMU_REPL_ROUND_ROBIN;
    cfg->pmcg_counters = 4;
    cfg->pmcg_counter_bits = 64;
    /* RME absent; when enabled: the Root page where Arm's FVP has it, the Realm pages where
     * Arm's RME ACS expects them (0x40000), register TLBI by PA, 1 GB level-0 GPT entries. */
    cfg->root_page_offset = 0x20000;
    cfg->ba_realm = 2;
    cfg->rgptm = true;
    cfg->l0gptsz_bits = 30;
    return SMMU_OK;
}

unsigned smmu_pa_bits(unsigned encoding)
{
    static const unsigned bits[8] = {32, 36, 40, 42, 44, 48, 52, 56};
    return bits[encoding & 7];
}

static void log_to_env(const smmu_env *env, smmu_log_level level, const char *fmt, ...)
{
    if (!env || !env->log)
        return;
    char msg[1280];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    env->log(env->ctx, level, msg);
}

void smmu_log(struct smmu *s, smmu_log_level level, const char *fmt, ...)
{
    if (!s->env.log)
        return;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    s->env.log(s->env.ctx, level, msg);
}

/* Change hooks of the TCU TLB and of the configuration cache */
static void reuse_tlb_hook(void *ctx, bool order);
static void reuse_cfgc_hook(void *ctx);

smmu_status smmu_create(const smmu_config *cfg, const smmu_env *env, smmu_t **out)
{
    if (!cfg || !env || !out || cfg->struct_size == 0)
        return SMMU_E_INVAL;
    *out = NULL;
    if (!env->mem_read || !env->mem_write) {
        log_to_env(env, SMMU_LOG_ERROR, "smmu_create: mem_read and mem_write are required");
        return SMMU_E_INVAL;
    }
    /* A caller compiled against an older, smaller smmu_config gets defaults for the rest. */
    smmu_config c;
    smmu_config_init(&c);
    size_t n = cfg->struct_size < sizeof(c) ? cfg->struct_size : sizeof(c);
    memcpy(&c, cfg, n);
    c.struct_size = sizeof(c);
    /* smmu_config_check's rules; the RES0 fields the ID register rules clear are logged */
    char why[256], notes[1024];
    smmu_status st = config_validate(&c, &c, why, sizeof(why), notes, sizeof(notes));
    if (st != SMMU_OK) {
        log_to_env(env, SMMU_LOG_ERROR, "smmu_create: %s", why);
        return st;
    }
    if (notes[0])
        log_to_env(env, SMMU_LOG_INFO, "smmu_create: ID register rules cleared %s", notes);

    struct smmu *s = calloc(1, sizeof(*s));
    if (!s)
        return SMMU_E_NOMEM;
    s->cfg = c;
    s->env = *env;
    s->tlb = tlb_create(c.tlb_entries, c.tlb_ways, c.tlb_replacement, 0);
    s->cfgc = cfgc_create(c.cfg_entries, c.cfg_ways);
    if (!s->tlb || !s->cfgc || topo_create(s) ||
        (c.strict_invalidation && !cfgc_enable_l1(s->cfgc)) || (c.check && check_create(s)) ||
        pmcg_create(s)) {
        smmu_destroy(s);
        return SMMU_E_NOMEM;
    }
    tlb_set_change_hook(s->tlb, reuse_tlb_hook, s);
    cfgc_set_change_hook(s->cfgc, reuse_cfgc_hook, s);
    regs_reset(s);
    reuse_changed(s);
    *out = s;
    return SMMU_OK;
}

void smmu_destroy(smmu_t *s)
{
    if (!s)
        return;
    stall_destroy(s);
    tlb_destroy(s->tlb);
    topo_destroy(s);
    cfgc_destroy(s->cfgc);
    check_destroy(s);
    pmcg_destroy(s);
    free(s);
}

smmu_status smmu_reset(smmu_t *s)
{
    if (!s)
        return SMMU_E_INVAL;
    smmu_invalidate_all(s);
    topo_reset(s);
    regs_reset(s);
    stall_reset(s); /* SMMUEN is 0: every held transaction aborts [6.3.9.6] */
    priq_reset(s);  /* PRIQEN is 0: held-back Page Requests get Response Failure [8.2] */
    if (s->chk)
        check_reset(s);
    pmcg_reset(s);
    reuse_changed(s);
    return SMMU_OK;
}

/* ---- reusing results ---- */

/* Everything a TLB hit's result depends on is covered: the TCU TLB's entries (inserts,
 * evictions, invalidations, an LRU order: its change hook), the stream context
 * (configuration-cache changes: its hook), the registers the hit path reads (SMMUEN: its writes
 * give an invalidation notice), and resets. Not while translations take the out-of-line path
 * (s->xlate_extra, gpc.h): the GPC reads the GPT on every output access, tracing and the
 * checker want every translation, PMCG counters count each one, and the topology's TBU path
 * updates LRU orders and per-TBU counters, which only a repeat of a micro-TLB hit leaves as
 * they are (the TBU words: reuse_tbu_changed).
 * Every word takes a new value; each TBU's contents (topo_tbu.contents: the word's value at its
 * last change that was not of an LRU order alone) too, unless `order`. */
static void reuse_new_words(struct smmu *s, bool order)
{
    const uint64_t g = ++s->reuse.gen;
    s->reuse.epoch = s->xlate_extra ? 0 : g;
    /* Each TBU its own value (word 0 the epoch's, without the TBU path): a value names its TBU */
    for (unsigned t = 0; s->topo.reuse && t < s->topo.ntbu; t++) {
        s->topo.reuse[t] = !s->xlate_extra || (s->reuse.tbu_path && s->topo.tbu[t].utlb)
                               ? (t ? ++s->reuse.gen : g)
                               : 0;
        if (!order)
            s->topo.tbu[t].contents = s->topo.reuse[t];
    }
}

void reuse_changed(struct smmu *s)
{
    reuse_new_words(s, false);
}

/* A word of 0 stays 0 (and its contents as they are): reuse comes back on only through
 * reuse_changed, which sets both. */
void reuse_tbu_changed(struct smmu *s, unsigned tbu, bool order)
{
    if (s->topo.reuse[tbu]) {
        s->topo.reuse[tbu] = ++s->reuse.gen;
        if (!order)
            s->topo.tbu[tbu].contents = s->topo.reuse[tbu];
    }
}

/* The TCU TLB's order matters to no micro-TLB hit: the TBUs' contents stay (smmu_reuse_renew) */
static void reuse_tlb_hook(void *ctx, bool order)
{
    reuse_new_words(ctx, order);
}

static void reuse_cfgc_hook(void *ctx)
{
    reuse_changed(ctx);
}

uint64_t smmu_reuse_epoch(const smmu_t *s)
{
    return s ? s->reuse.epoch : 0;
}

const uint64_t *smmu_reuse_words(const smmu_t *s)
{
    return s ? s->topo.reuse : NULL;
}

/* A micro-TLB hit's result depends on the TBU's contents (everything but LRU orders), and its
 * repeat changes nothing but the micro-TLB's order: while the contents are those of the mark,
 * the entry the mark names is the one the result came from. Contents values are unique across
 * TBUs too: a mark of another TBU never matches. */
smmu_status smmu_get_reuse_mark(const smmu_t *s, unsigned tbu, smmu_reuse_mark *out)
{
    if (!s || !out || tbu >= s->topo.ntbu)
        return SMMU_E_INVAL;
    const struct topo_tbu *u = &s->topo.tbu[tbu];
    if (!s->reuse.tbu_path || !s->topo.reuse[tbu] || !u->utlb_used)
        return SMMU_E_INVAL;
    *out = (smmu_reuse_mark){u->contents, tlb_slot(u->utlb, u->utlb_used)};
    return SMMU_OK;
}

uint64_t smmu_reuse_renew(smmu_t *s, unsigned tbu, const smmu_reuse_mark *m)
{
    if (!s || !m || tbu >= s->topo.ntbu)
        return 0;
    const struct topo_tbu *u = &s->topo.tbu[tbu];
    if (!s->topo.reuse[tbu] || u->contents != m->contents || !u->utlb ||
        !tlb_touch_slot(u->utlb, m->entry))
        return 0;
    return s->topo.reuse[tbu];
}

smmu_status smmu_set_trace(smmu_t *s, void (*trace)(void *ctx, const smmu_trace *t))
{
    if (!s)
        return SMMU_E_INVAL;
    s->env.trace = trace;
    gpc_update_xlate_extra(s);
    return SMMU_OK;
}

const smmu_config *smmu_get_config(const smmu_t *s)
{
    return s ? &s->cfg : NULL;
}

smmu_status smmu_reg_read(smmu_t *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                          uint64_t *val)
{
    if (!s || !val || (unsigned)pas > SMMU_PAS_ROOT)
        return SMMU_E_INVAL;
    return regs_read(s, offset, size, pas, val);
}

smmu_status smmu_reg_write(smmu_t *s, uint64_t offset, unsigned size, smmu_pa_space pas,
                           uint64_t val)
{
    if (!s || (unsigned)pas > SMMU_PAS_ROOT)
        return SMMU_E_INVAL;
    return regs_write(s, offset, size, pas, val);
}

smmu_status smmu_get_stats(const smmu_t *s, smmu_stats *out)
{
    if (!s || !out)
        return SMMU_E_INVAL;
    *out = s->stats;
    struct tlb_counters t;
    tlb_get_counters(s->tlb, &t);
    out->tlb_hits = t.hits + topo_tbu_hits(s); /* a hit at any level */
    out->tlb_misses = t.misses;
    out->tlb_evictions = t.evictions;
    out->tlb_invalidated = t.invalidated;
    struct cfgc_counters c;
    cfgc_get_counters(s->cfgc, &c);
    out->cfg_hits = c.hits;
    out->cfg_misses = c.misses;
    out->cfg_invalidated = c.invalidated;
    return SMMU_OK;
}

smmu_status smmu_set_bringup_callbacks(smmu_t *s, const smmu_bringup_callbacks *cb)
{
    if (!s)
        return SMMU_E_INVAL;
    return smmu_install_callbacks(&s->bcb, sizeof(s->bcb), cb);
}

smmu_status smmu_get_bringup_stats(const smmu_t *s, smmu_bringup_stats *out)
{
    if (!s || !out || out->struct_size == 0)
        return SMMU_E_INVAL;
    size_t n = out->struct_size < sizeof(s->bstats) ? out->struct_size : sizeof(s->bstats);
    size_t want = out->struct_size;
    memcpy(out, &s->bstats, n);
    out->struct_size = want;
    return SMMU_OK;
}

smmu_status smmu_clear_stats(smmu_t *s)
{
    if (!s)
        return SMMU_E_INVAL;
    memset(&s->stats, 0, sizeof(s->stats));
    memset(&s->bstats, 0, sizeof(s->bstats));
    tlb_clear_counters(s->tlb);
    cfgc_clear_counters(s->cfgc);
    topo_clear_stats(s);
    return SMMU_OK;
}

/* ---- environment wrappers ---- */

/* The granule protection check every SMMU-originated access passes first [3.25]. */
static bool mem_gpc_denied(struct smmu *s, uint64_t pa, smmu_pa_space pas, smmu_origin orig)
{
    return gpc_active(s) && !gpc_check(s, pa, pas, orig);
}

/* PMCG events 4 and 5 [10.3]: table walks and configuration structures, read or written */
static void mem_count(struct smmu *s, smmu_origin orig)
{
    s->stats.table_fetches++;
    if (s->pmcg_counting && (orig == ORIG_WALK || orig == ORIG_STE || orig == ORIG_CD ||
                             orig == ORIG_VMS))
        pmcg_access(s, orig == ORIG_WALK, false);
}

int smmu_mem_read(struct smmu *s, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                  const smmu_mem_attrs *attrs, smmu_origin orig)
{
    mem_count(s, orig);
    if (mem_gpc_denied(s, pa, pas, orig))
        return SMMU_MEM_GPF;
    return s->env.mem_read(s->env.ctx, pa, pas, buf, len, attrs) ? SMMU_MEM_EABT : SMMU_MEM_OK;
}

int smmu_mem_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                   const smmu_mem_attrs *attrs, smmu_origin orig)
{
    mem_count(s, orig);
    if (mem_gpc_denied(s, pa, pas, orig))
        return SMMU_MEM_GPF;
    return s->env.mem_write(s->env.ctx, pa, pas, buf, len, attrs) ? SMMU_MEM_EABT
                                                                  : SMMU_MEM_OK;
}

int smmu_mem_cas64(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                   uint64_t desired, uint64_t *old, smmu_origin orig)
{
    mem_count(s, orig);
    if (mem_gpc_denied(s, pa, pas, orig))
        return SMMU_MEM_GPF;
    if (s->env.mem_cas64)
        return s->env.mem_cas64(s->env.ctx, pa, pas, expected, desired, old) ? SMMU_MEM_EABT
                                                                             : SMMU_MEM_OK;
    /* Read-compare-write: atomic with respect to this model as long as the embedder's
     * mem_read does not yield between the two calls (mem_cas64 exists for those that do). */
    smmu_mem_attrs wb = {0xff, 3};
    uint8_t b[8];
    if (s->env.mem_read(s->env.ctx, pa, pas, b, 8, &wb))
        return SMMU_MEM_EABT;
    *old = le64_load(b);
    if (*old != expected)
        return SMMU_MEM_OK;
    le64_store(b, desired);
    return s->env.mem_write(s->env.ctx, pa, pas, b, 8, &wb) ? SMMU_MEM_EABT : SMMU_MEM_OK;
}

int smmu_msi_write(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint32_t data,
                   const smmu_mem_attrs *attrs, smmu_origin orig)
{
    if (mem_gpc_denied(s, pa, pas, orig))
        return SMMU_MEM_GPF;
    int rc;
    if (s->env.msi_write) {
        rc = s->env.msi_write(s->env.ctx, pa, pas, data, attrs);
    } else {
        uint8_t b[4];
        le32_store(b, data);
        rc = s->env.mem_write(s->env.ctx, pa, pas, b, 4, attrs);
    }
    return rc ? SMMU_MEM_EABT : SMMU_MEM_OK;
}

void smmu_raise_irq(struct smmu *s, smmu_sec_sid bank, smmu_irq_line line)
{
    if (s->env.irq)
        s->env.irq(s->env.ctx, bank, line);
}

void smmu_notify_invalidation(struct smmu *s, const smmu_inval_notice *n)
{
    reuse_changed(s);
    if (s->env.invalidated)
        s->env.invalidated(s->env.ctx, n);
}

/* MAIR-style memory type of a CR1 / STE.S1C* style {IC, OC, SH} triple: 00 NC, 01 WB,
 * 10 WT, 11 WB no-allocate; an outer and inner Non-cacheable pair is Outer Shareable. */
smmu_mem_attrs smmu_cr1_attrs(uint32_t ic, uint32_t oc, uint32_t sh)
{
    static const uint8_t nib[4] = {0x4, 0xF, 0xA, 0xE};
    smmu_mem_attrs a;
    a.mair = (uint8_t)(nib[oc & 3] << 4 | nib[ic & 3]);
    a.sh = (uint8_t)((ic & 3) == 0 && (oc & 3) == 0 ? 2 : (sh & 3) == 1 ? 0 : (sh & 3));
    return a;
}

/* ---- invalidation entry points ---- */

void smmu_invalidate_tlb(struct smmu *s, const struct tlb_inval *inv)
{
    tlb_invalidate(s->tlb, inv);
    topo_invalidate(s, inv);
    smmu_inval_notice n = {0};
    n.sec = (inv->match & TLBI_M_SEC) ? (smmu_sec_sid)inv->sec : SMMU_SEC_NS;
    if (inv->match & (TLBI_M_ADDR | TLBI_M_IPA)) {
        /* An IPA range can be reached from any VA: only VA ranges narrow the notice. */
        n.by_address = !(inv->match & TLBI_M_IPA);
        n.addr = inv->addr;
        n.size = inv->size ? inv->size : 1;
    }
    n.all = !n.by_address;
    if (!(inv->match & TLBI_M_SEC)) {
        for (unsigned b = 0; b < BANK_COUNT; b++) {
            n.sec = (smmu_sec_sid)b;
            smmu_notify_invalidation(s, &n);
        }
        return;
    }
    smmu_notify_invalidation(s, &n);
}

void smmu_invalidate_cfg(struct smmu *s, const struct cfg_inval *inv)
{
    cfgc_invalidate(s->cfgc, inv);
    smmu_inval_notice n = {0};
    n.by_stream = !inv->all_sids;
    n.all = inv->all_sids;
    n.sid_first = inv->sid_first;
    n.sid_last = inv->sid_last;
    for (unsigned b = 0; b < BANK_COUNT; b++) {
        if (!inv->all_sec && b != inv->sec)
            continue;
        n.sec = (smmu_sec_sid)b;
        smmu_notify_invalidation(s, &n);
    }
}

void smmu_invalidate_all(struct smmu *s)
{
    struct tlb_inval t = {0};
    smmu_invalidate_tlb(s, &t);
    struct cfg_inval c = {0};
    c.what = CFGI_STE_AND_CDS;
    c.all_sec = true;
    c.all_sids = true;
    cfgc_invalidate(s->cfgc, &c);
}
