/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bring-up checker (docs/bring-up.md "The checker"; rule book: digest 9D).
 *
 * What it keeps: one "object" per structure the SMMU has read (STE, CD, L1STD, L1CD,
 * translation table descriptor), with the image the SMMU fetched, the image memory holds now
 * (software writes reach it through smmu_observe_write) and, for STEs and CDs, the images
 * written since the last invalidation that covered it was completed by a CMD_SYNC (the
 * "window"). Two maps find them: by 8-byte word of memory (writes) and by identity
 * (bank, StreamID, SubstreamID: lookups of a translation).
 *
 * The rules:
 *  a. stale use: a translation served from the configuration cache or the TLB while memory
 *     no longer holds what was fetched, and no invalidation covered it since (C-1, T-8).
 *  b. unsafe live update of a valid STE/CD: within one window the SMMU may read each 64-bit
 *     word of the structure at a different time [3.21.3: "read in any order", single-copy
 *     atomicity of 64 bits], so every mix of the window's images, word by word, must be
 *     invalid (V=0), or legal and equivalent to the window's first or last image (C-2..C-4).
 *     Equivalence is that of the core's own decoders: two images are equivalent when they
 *     decode to the same configuration (Linux's "used bits" idea).
 *  c. break-before-make: a valid descriptor the SMMU read changed to another valid one with
 *     another output address, size or attributes, unless it was written invalid, invalidated
 *     by a TLBI and the TLBI completed by a CMD_SYNC first [3.21.1.1; BBML levels 3.21.1.2,
 *     3.21.1.3].
 *  d. a translation covered by an invalidation consumed but not yet completed by a CMD_SYNC
 *     [4.7.3, 3.21.1].
 *  e. queue and CR0 misuse [3.5, 3.21.2, 6.3.9, 6.3.26-6.3.29].
 * Each finding is reported once per site (structure and rule, or register and rule) and then
 * counted in bstats.findings[rule].
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "cdtab.h"
#include "cfgcache.h"
#include "cmdq.h"
#include "strtab.h"
#include "tlb.h"

enum chk_kind { K_STE = 0, K_CD, K_L1STD, K_L1CD, K_DESC };

/* Images kept per window; a longer window keeps its first images and the last one. */
#define CHK_WIN 16
/* Mixes of a window examined at most (each is one decode). */
#define CHK_MIX_MAX 4096u
/* Invalidations consumed and not yet synchronised remembered per bank. */
#define CHK_PENDING 64

/* Break-before-make state of a descriptor the SMMU read while valid [3.21.1.1]. */
enum bbm_state {
    BBM_LIVE = 0,      /* the SMMU may hold the translation it read */
    BBM_BROKEN,        /* written invalid, not invalidated yet */
    BBM_INVALIDATED,   /* ... and a covering TLBI consumed, not completed yet */
    BBM_CLEAN          /* ... and completed by a CMD_SYNC: any new value is safe */
};

/* What only STEs and CDs need (rule b), allocated for them alone */
struct chk_cfgx {
    uint64_t win[CHK_WIN][8];    /* images since the last completed invalidation */
    uint8_t nwin;
    struct ste_cfg ste;          /* CD: the STE that reached it (for cd_decode) */
};

struct chk_obj {
    uint64_t pa;
    uint8_t pas, kind, bank, nwords;
    uint32_t sid, ssid;
    uint64_t fetched[8];         /* what the SMMU last read (host order) */
    uint64_t mem[8];             /* what memory holds now */
    uint32_t l1;                 /* STE/CD: index + 1 of the L1 object used to reach it */
    uint32_t changed;            /* L1STD/L1CD: check.seq of the last software write */
    uint32_t reported;           /* 1 << rule: reported once per site */
    /* STE / CD (rule b) */
    struct chk_cfgx *x;
    bool cfgi_pending;           /* a covering CFGI consumed, its CMD_SYNC not yet seen */
    /* descriptors (rules a, c) */
    uint8_t stage, bbm;
    int8_t level;
    bool be, dirty;
    bool watched;                /* in check.watch */
    uint8_t ia_bits, shift;
    uint64_t ia;                 /* input address of the walk that read it */
    /* Strict invalidation: the last TLBI that covered the descriptor's address but, by its
     * TTL or Leaf hint, not what the SMMU cached from it (named when the stale entry is
     * used): short_ttl the TTL, or 0 for Leaf = 1 keeping a table descriptor */
    const char *short_op;
    uint64_t short_addr;
    uint8_t short_ttl;
};

struct chk_map {
    uint64_t *key;
    uint32_t *val;               /* object index + 1 */
    size_t cap, n;
};

struct chk_pending {
    uint8_t op;
    bool tlbi, reported;
    struct tlb_inval tlbi_scope;
    struct cfg_inval cfgi_scope;
};

struct chk_bank {
    struct chk_pending pend[CHK_PENDING];
    unsigned npend;
    /* Strict invalidation: the last CMD_CFGI_STE / CMD_CFGI_CD with Leaf = 1, which may leave
     * level-1 descriptors cached [4.3.1, 4.3.3] (named when a stale one is used) */
    bool leaf_cfgi;
    struct cfg_inval leaf_scope;
    uint8_t leaf_op;
    uint32_t leaf_seq;           /* check.seq when it was consumed */
    bool cr0_wait;               /* a CR0 write whose value CR0ACK has not been seen to show */
    uint32_t cr0_written;
    uint32_t reported;           /* rule e sites: 1 << CHK_REG_* */
};

enum { CHK_REG_CMDQ_PROD = 0, CHK_REG_CMDQ_CONS, CHK_REG_EVENTQ_PROD, CHK_REG_PRIQ_PROD,
       CHK_REG_CMDQ_BASE, CHK_REG_EVENTQ_BASE, CHK_REG_PRIQ_BASE, CHK_REG_CR0 };

/* A list of object indices */
struct chk_list {
    uint32_t *v;
    size_t n, cap;
};

struct check {
    struct chk_obj *obj;
    size_t nobj, capobj;
    struct chk_map words, ids;
    /* What commands must look at, so that they cost in proportion to it: the configuration
     * objects, and the descriptors that are dirty or between break and make (watched) */
    struct chk_list cfgs, watch;
    struct chk_bank bank[BANK_COUNT];
    const smmu_txn *txn;         /* the transaction being translated (walk reads) */
    uint32_t seq;                /* orders level-1 descriptor writes and leaf CFGIs */
    uint32_t last_l1[2];         /* the L1STD / L1CD object just fetched (index + 1) */
};

static const char *const bank_prefix[BANK_COUNT] = {"", "S_", "R_"};
static const char *const queue_names[BANK_COUNT] = {"Non-secure", "Secure", "Realm"};

/* ---- maps ---- */

static uint32_t map_get(const struct chk_map *m, uint64_t key)
{
    if (!m->cap)
        return 0;
    size_t i = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == key)
            return m->val[i];
        if (!m->key[i])
            return 0;
    }
}

static int map_put(struct chk_map *m, uint64_t key, uint32_t val)
{
    if (2 * (m->n + 1) > m->cap) {
        struct chk_map g = {NULL, NULL, m->cap ? 2 * m->cap : 1024, 0};
        g.key = calloc(g.cap, sizeof(*g.key));
        g.val = calloc(g.cap, sizeof(*g.val));
        if (!g.key || !g.val) {
            free(g.key);
            free(g.val);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i])
                map_put(&g, m->key[i], m->val[i]);
        free(m->key);
        free(m->val);
        *m = g;
    }
    size_t i = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == key) {
            m->val[i] = val;
            return 0;
        }
        if (!m->key[i]) {
            m->key[i] = key;
            m->val[i] = val;
            m->n++;
            return 0;
        }
    }
}

static void map_free(struct chk_map *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof(*m));
}

static uint64_t word_key(uint64_t pa, unsigned pas)
{
    return (pa & ~UINT64_C(7)) | pas | SMMU_BIT(63);
}

static uint64_t id_key(unsigned kind, unsigned bank, uint32_t sid, uint32_t ssid)
{
    return SMMU_BIT(63) | (uint64_t)kind << 58 | (uint64_t)bank << 56 |
           (uint64_t)(ssid & 0xFFFFFu) << 32 | sid;
}

/* ---- lifetime ---- */

int check_create(struct smmu *s)
{
    s->chk = calloc(1, sizeof(*s->chk));
    return s->chk ? 0 : -1;
}

static int list_push(struct chk_list *l, uint32_t i)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        uint32_t *n = realloc(l->v, cap * sizeof(*n));
        if (!n)
            return -1;
        l->v = n;
        l->cap = cap;
    }
    l->v[l->n++] = i;
    return 0;
}

static void check_free_contents(struct check *c)
{
    for (size_t i = 0; i < c->nobj; i++)
        free(c->obj[i].x);
    free(c->obj);
    free(c->cfgs.v);
    free(c->watch.v);
    map_free(&c->words);
    map_free(&c->ids);
}

void check_destroy(struct smmu *s)
{
    if (!s->chk)
        return;
    check_free_contents(s->chk);
    free(s->chk);
    s->chk = NULL;
}

void check_reset(struct smmu *s)
{
    check_free_contents(s->chk);
    memset(s->chk, 0, sizeof(*s->chk));
}

/* ---- reporting ---- */

const char *smmu_check_rule_name(smmu_check_rule rule)
{
    switch (rule) {
    case SMMU_CHECK_STALE_USE: return "stale-use";
    case SMMU_CHECK_UNSAFE_LIVE_UPDATE: return "unsafe-live-update";
    case SMMU_CHECK_BREAK_BEFORE_MAKE: return "break-before-make";
    case SMMU_CHECK_UNSYNCED_INVAL: return "unsynced-invalidation";
    case SMMU_CHECK_QUEUE_MISUSE: return "queue-misuse";
    default: return "unknown";
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void report(struct smmu *s, smmu_check_rule rule, const char *structure, uint64_t addr,
                   smmu_pa_space pas, const char *fmt, ...)
{
    char msg[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    s->bstats.findings[rule]++;
    if (s->bcb.finding) {
        smmu_finding f = {rule, structure, addr, pas, msg};
        s->bcb.finding(s->env.ctx, &f);
    } else if (s->env.log) {
        /* Directly: the messages are longer than smmu_log's line */
        char line[704];
        snprintf(line, sizeof(line), "check: %s: %s", smmu_check_rule_name(rule), msg);
        s->env.log(s->env.ctx, SMMU_LOG_ERROR, line);
    }
}

/* Once per site: false if this object already reported this rule. */
static bool first_report(struct chk_obj *o, smmu_check_rule rule)
{
    if (o->reported & (1u << rule))
        return false;
    o->reported |= 1u << rule;
    return true;
}

/* ---- objects ---- */

static const char *const kind_name[] = {"STE", "CD", "L1STD", "L1CD", "descriptor"};

/* "StreamID 4" / "StreamID 4, SubstreamID 2" for messages. */
static void ident(const struct chk_obj *o, char *buf, size_t len)
{
    if (o->kind == K_CD || o->kind == K_L1CD)
        snprintf(buf, len, "StreamID 0x%x, SubstreamID 0x%x", o->sid, o->ssid);
    else
        snprintf(buf, len, "StreamID 0x%x", o->sid);
}

/* The name of a descriptor object: "stage 1 level 3 descriptor". */
static void desc_name(const struct chk_obj *o, char *buf, size_t len)
{
    snprintf(buf, len, "stage %u level %d descriptor", o->stage, o->level);
}

/* The object at pa of this kind (created, or re-used when the same structure is fetched
 * again). Its words are (re)mapped to it: the latest use of memory wins. Returns its index,
 * or -1 when out of memory. */
static long obj_at(struct check *c, unsigned kind, uint64_t pa, unsigned pas, unsigned nwords)
{
    uint32_t v = map_get(&c->words, word_key(pa, pas));
    if (v) {
        struct chk_obj *o = &c->obj[v - 1];
        if (o->pa == pa && o->pas == pas && o->kind == kind)
            return (long)(v - 1);
    }
    if (c->nobj == c->capobj) {
        size_t cap = c->capobj ? 2 * c->capobj : 256;
        struct chk_obj *n = realloc(c->obj, cap * sizeof(*n));
        if (!n)
            return -1;
        c->obj = n;
        c->capobj = cap;
    }
    struct chk_obj *o = &c->obj[c->nobj];
    memset(o, 0, sizeof(*o));
    o->pa = pa;
    o->pas = (uint8_t)pas;
    o->kind = (uint8_t)kind;
    o->nwords = (uint8_t)nwords;
    if ((kind == K_STE || kind == K_CD) && !(o->x = calloc(1, sizeof(*o->x))))
        return -1;
    uint32_t idx = (uint32_t)++c->nobj;
    if (kind != K_DESC && list_push(&c->cfgs, idx - 1))
        return -1;
    for (unsigned w = 0; w < nwords; w++)
        if (map_put(&c->words, word_key(pa + 8 * w, pas), idx))
            return -1;
    return (long)(idx - 1);
}

static bool words_eq(const uint64_t *a, const uint64_t *b, unsigned n)
{
    return memcmp(a, b, n * sizeof(*a)) == 0;
}

static bool img_valid(const struct chk_obj *o, const uint64_t *w)
{
    return o->kind == K_STE ? smmu_ste_V(w) : o->kind == K_CD ? smmu_cd_V(w) : (w[0] & 1);
}

/* Decode an STE / CD image with the core's decoders, without their diagnostics.
 * Returns 0 with *out (zeroed first, so that equal configurations compare equal). */
union chk_cfg {
    struct ste_cfg ste;
    struct cd_cfg cd;
};

static int decode(struct smmu *s, const struct chk_obj *o, const uint64_t *w,
                  union chk_cfg *out)
{
    struct smmu_event ev;
    void (*log)(void *, smmu_log_level, const char *) = s->env.log;
    memset(out, 0, sizeof(*out));
    memset(&ev, 0, sizeof(ev));
    ev.sid = o->sid;
    s->env.log = NULL;
    int rc = o->kind == K_STE ? ste_decode(s, o->bank, w, o->pa, &out->ste, &ev)
                              : cd_decode(s, o->bank, &o->x->ste, w, o->pa, &out->cd, &ev);
    s->env.log = log;
    return rc;
}

static size_t cfg_size(const struct chk_obj *o)
{
    return o->kind == K_STE ? sizeof(struct ste_cfg) : sizeof(struct cd_cfg);
}

/* "0 and 2", "0, 1 and 3" */
static void word_list(unsigned mask, char *buf, size_t len)
{
    size_t at = 0;
    unsigned n = (unsigned)__builtin_popcount(mask), k = 0;
    buf[0] = 0;
    for (unsigned w = 0; w < 8 && at < len; w++) {
        if (!(mask & (1u << w)))
            continue;
        k++;
        const char *sep = k == 1 ? "" : k == n ? " and " : ", ";
        at += (size_t)snprintf(buf + at, len - at, "%s%u", sep, w);
    }
}

static const char *cfgi_name(const struct chk_obj *o)
{
    return o->kind == K_STE || o->kind == K_L1STD ? "CMD_CFGI_STE" : "CMD_CFGI_CD";
}

/* Rule b: the window of o (images since its last completed invalidation) is about to close.
 * Every word-by-word mix must be invalid, or legal and equivalent to the first or the last
 * image [3.21.3, 3.21.3.1]. */
static void window_check(struct smmu *s, struct chk_obj *o)
{
    unsigned n = o->x->nwin, nw = o->nwords;
    if (n < 2)
        return;
    const uint64_t *base = o->x->win[0], *last = o->x->win[n - 1];
    if (!img_valid(o, base))
        return; /* made valid from V=0 [3.21.3.1 C-5, C-6] */
    union chk_cfg cb, cl, cm;
    if (decode(s, o, base, &cb))
        return; /* never a legal configuration: C_BAD_STE/CD was reported for it */
    bool last_ok = decode(s, o, last, &cl) == 0;
    /* Distinct values of each word over the window */
    uint64_t vals[8][CHK_WIN];
    unsigned nv[8], changed = 0;
    uint64_t combos = 1;
    for (unsigned w = 0; w < nw; w++) {
        nv[w] = 0;
        for (unsigned i = 0; i < n; i++) {
            unsigned k = 0;
            while (k < nv[w] && vals[w][k] != o->x->win[i][w])
                k++;
            if (k == nv[w])
                vals[w][nv[w]++] = o->x->win[i][w];
        }
        if (nv[w] > 1) {
            changed |= 1u << w;
            combos *= nv[w];
        }
    }
    if (!changed)
        return;
    if (combos > CHK_MIX_MAX)
        combos = CHK_MIX_MAX; /* a bounded search: the first CHK_MIX_MAX mixes */
    unsigned digit[8] = {0};
    uint64_t m[8];
    for (uint64_t k = 0; k < combos; k++) {
        for (unsigned w = 0; w < nw; w++)
            m[w] = vals[w][digit[w]];
        /* next mix (mixed radix over the changed words) */
        for (unsigned w = 0; w < nw; w++) {
            if (nv[w] < 2)
                continue;
            if (++digit[w] < nv[w])
                break;
            digit[w] = 0;
        }
        if (!img_valid(o, m))
            continue;
        const char *what = NULL;
        if (decode(s, o, m, &cm))
            what = "an ILLEGAL %s";
        else if (memcmp(&cm, &cb, cfg_size(o)) && (!last_ok || memcmp(&cm, &cl, cfg_size(o))))
            what = "a mix of the old and the new %s configurations";
        if (!what)
            continue;
        if (!first_report(o, SMMU_CHECK_UNSAFE_LIVE_UPDATE))
            return;
        unsigned newer = 0, older = 0;
        for (unsigned w = 0; w < nw; w++)
            if (changed & (1u << w)) {
                if (m[w] == base[w])
                    older |= 1u << w;
                else
                    newer |= 1u << w;
            }
        char id[64], cw[32], nwl[32], owl[32], seen[64];
        ident(o, id, sizeof(id));
        snprintf(seen, sizeof(seen), what, kind_name[o->kind]);
        word_list(changed, cw, sizeof(cw));
        word_list(newer, nwl, sizeof(nwl));
        word_list(older, owl, sizeof(owl));
        report(s, SMMU_CHECK_UNSAFE_LIVE_UPDATE, kind_name[o->kind], o->pa,
               (smmu_pa_space)o->pas,
               "%s 0x%llx (%s) word%s %s changed while valid with no %s + CMD_SYNC in "
               "between: the SMMU could read word%s %s new with word%s %s old, %s; make it "
               "invalid first (V=0, %s, CMD_SYNC) or change one 64-bit word at a time, each "
               "followed by %s and CMD_SYNC",
               kind_name[o->kind], (unsigned long long)o->pa, id,
               __builtin_popcount(changed) > 1 ? "s" : "", cw, cfgi_name(o),
               __builtin_popcount(newer) > 1 ? "s" : "", newer ? nwl : "(none)",
               __builtin_popcount(older) > 1 ? "s" : "", older ? owl : "(none)", seen,
               cfgi_name(o), cfgi_name(o));
        return;
    }
}

static void window_reset(struct chk_obj *o)
{
    memcpy(o->x->win[0], o->mem, sizeof(o->mem));
    o->x->nwin = 1;
}

static void window_add(struct chk_obj *o)
{
    if (o->x->nwin && words_eq(o->x->win[o->x->nwin - 1], o->mem, o->nwords))
        return;
    if (o->x->nwin == CHK_WIN)
        o->x->nwin--; /* keep the first images and the latest */
    memcpy(o->x->win[o->x->nwin++], o->mem, sizeof(o->mem));
}

/* ---- fetch hooks ---- */

void check_fetched_l1(struct smmu *s, unsigned bank, bool cd, uint64_t addr, uint64_t pa,
                      smmu_pa_space pas, uint64_t word, uint32_t sid)
{
    struct check *c = s->chk;
    long i = obj_at(c, cd ? K_L1CD : K_L1STD, pa, pas, 1);
    c->last_l1[cd] = 0;
    if (i < 0)
        return;
    struct chk_obj *o = &c->obj[i];
    o->bank = (uint8_t)bank;
    o->sid = sid;
    o->ia = addr;
    o->fetched[0] = o->mem[0] = word;
    c->last_l1[cd] = (uint32_t)i + 1;
}

/* Strict invalidation: a level-1 descriptor was served from the configuration cache (its
 * cached value: word). Rule a compares it with memory here, as the cache holds it whatever the
 * checker saw of the commands since. */
void check_used_l1(struct smmu *s, unsigned bank, bool cd, uint64_t addr, uint64_t word,
                   uint32_t sid)
{
    struct check *c = s->chk;
    struct chk_obj *l = NULL;
    for (size_t i = 0; i < c->cfgs.n && !l; i++) {
        struct chk_obj *o = &c->obj[c->cfgs.v[i]];
        if (o->kind == (cd ? K_L1CD : K_L1STD) && o->ia == addr && o->bank == bank &&
            (!cd || o->sid == sid))
            l = o;
    }
    c->last_l1[cd] = l ? (uint32_t)(l - c->obj) + 1 : 0;
    if (!l || l->mem[0] == word || !first_report(l, SMMU_CHECK_STALE_USE))
        return;
    const struct chk_bank *cb = &c->bank[bank];
    const struct cfg_inval *v = &cb->leaf_scope;
    char fell[160] = "";
    if (cb->leaf_cfgi && cb->leaf_seq > l->changed &&
        (v->all_sids || (sid >= v->sid_first && sid <= v->sid_last)))
        snprintf(fell, sizeof(fell), "; %s (Leaf=1) since may keep it [4.3.1, 4.3.3]",
                 cmdq_opcode_name(cb->leaf_op));
    report(s, SMMU_CHECK_STALE_USE, kind_name[l->kind], l->pa, (smmu_pa_space)l->pas,
           "%s 0x%llx (StreamID 0x%x) changed 0x%016llx -> 0x%016llx while cached; no %s "
           "(Leaf=0)%s for it followed by CMD_SYNC since%s: %s located through the stale copy",
           kind_name[l->kind], (unsigned long long)l->pa, sid, (unsigned long long)word,
           (unsigned long long)l->mem[0], cfgi_name(l),
           cd ? ", CMD_CFGI_CD_ALL or CMD_CFGI_STE*" : ", CMD_CFGI_STE_RANGE or CMD_CFGI_ALL",
           fell, cd ? "CD" : "STE");
}

static struct chk_obj *fetched_cfg(struct smmu *s, unsigned kind, unsigned bank, uint32_t sid,
                                   uint32_t ssid, uint64_t pa, smmu_pa_space pas)
{
    struct check *c = s->chk;
    long i = obj_at(c, kind, pa, pas, 8);
    if (i < 0)
        return NULL;
    struct chk_obj *o = &c->obj[i];
    o->bank = (uint8_t)bank;
    o->sid = sid;
    o->ssid = ssid;
    o->l1 = c->last_l1[kind == K_CD];
    c->last_l1[kind == K_CD] = 0;
    if (map_put(&c->ids, id_key(kind, bank, sid, kind == K_CD ? ssid : 0), (uint32_t)i + 1))
        return NULL;
    return o;
}

/* A fetch during an open window ends it: the SMMU read one of its mixes. */
static void fetched_image(struct smmu *s, struct chk_obj *o, const uint64_t w[8])
{
    memcpy(o->mem, w, 8 * sizeof(*w));
    window_add(o);
    window_check(s, o);
    memcpy(o->fetched, w, 8 * sizeof(*w));
    window_reset(o);
}

void check_fetched_ste(struct smmu *s, unsigned bank, uint32_t sid, uint64_t pa,
                       smmu_pa_space pas, const uint64_t ste[8])
{
    struct chk_obj *o = fetched_cfg(s, K_STE, bank, sid, 0, pa, pas);
    if (o)
        fetched_image(s, o, ste);
}

void check_fetched_cd(struct smmu *s, unsigned bank, uint32_t sid, uint32_t ssid, uint64_t pa,
                      smmu_pa_space pas, const uint64_t cd[8], const struct ste_cfg *ste)
{
    struct chk_obj *o = fetched_cfg(s, K_CD, bank, sid, ssid, pa, pas);
    if (!o)
        return;
    o->x->ste = *ste;
    fetched_image(s, o, cd);
}

void check_walk_read(struct smmu *s, uint64_t pa, smmu_pa_space pas, uint64_t desc, bool be,
                     unsigned stage, int level, uint64_t ia, unsigned ia_bits, unsigned shift)
{
    struct check *c = s->chk;
    const smmu_txn *txn = c->txn;
    /* Only what a cached translation can come from: a debug transaction caches nothing */
    if (!txn || (txn->flags & SMMU_TXN_DEBUG))
        return;
    long i = obj_at(c, K_DESC, pa, pas, 1);
    if (i < 0)
        return;
    struct chk_obj *o = &c->obj[i];
    o->bank = (uint8_t)smmu_bank_of(s, txn->sec);
    o->sid = txn->sid;
    o->fetched[0] = o->mem[0] = desc;
    o->be = be;
    o->stage = (uint8_t)stage;
    o->level = (int8_t)level;
    o->ia = ia & ~((UINT64_C(1) << shift) - 1);
    o->ia_bits = (uint8_t)ia_bits;
    o->shift = (uint8_t)shift;
    o->bbm = BBM_LIVE;
    o->dirty = false;
    o->short_op = NULL;
    o->reported &= ~(1u << SMMU_CHECK_STALE_USE);
}

/* ---- descriptors: break-before-make [3.21.1.1-3.21.1.3; Arm ARM D8.16] ---- */

#define D_TYPE SMMU_GENMASK(1, 0)
#define D_ATTR (SMMU_GENMASK(5, 2) | SMMU_GENMASK(9, 8) | SMMU_BIT(11)) /* AttrIndx/MemAttr, NS, SH, nG */
#define D_OA SMMU_GENMASK(49, 12)
#define D_NT SMMU_BIT(16)
#define D_CONTIG SMMU_BIT(52)
#define D_PERM (SMMU_GENMASK(7, 6) | SMMU_GENMASK(54, 53))
/* What a TLB entry made from the descriptor depends on (AF, DBM, software bits: not) */
#define D_XLATE (SMMU_BIT(0) | D_TYPE | D_ATTR | D_OA | D_PERM)

static bool desc_table(const struct chk_obj *o, uint64_t d)
{
    return o->level < 3 && (d & D_TYPE) == 3;
}

/* Why old -> new (both valid) needs break-before-make at the configured BBML, or NULL.
 * prev: the value just before this write (nT set there counts for a level-1 split). */
static const char *bbm_needed(const struct smmu *s, const struct chk_obj *o, uint64_t old,
                              uint64_t nw, uint64_t prev)
{
    bool ot = desc_table(o, old), nt = desc_table(o, nw);
    bool size = ot != nt;
    if (ot && nt)
        return (old ^ nw) & D_OA ? "next-level table address" : NULL;
    /* A block's output address starts at its size: below it are nT (bit 16) and RES0 */
    if (!size && ((old ^ nw) & D_OA & ~(SMMU_BIT(o->shift) - 1)))
        return "output address";
    /* Memory type, Cacheability, shareability and nG need BBM at every level [3.21.1.2] */
    if (!size && ((old ^ nw) & D_ATTR))
        return "attributes";
    if (!size && !((old ^ nw) & D_CONTIG))
        return NULL;
    /* A size change: block <-> table, or the Contiguous bit */
    if (s->cfg.bbml >= 2)
        return NULL; /* level 2: neither BBM nor nT [3.21.1.3] */
    if (!size && s->cfg.bbml == 1)
        return NULL; /* Contiguous only: no BBM at levels 1 and 2 [3.21.1.2] */
    if (s->cfg.bbml == 1 && ((!ot && (old & D_NT)) || (!ot && (prev & D_NT)) ||
                             (!nt && (nw & D_NT))))
        return NULL; /* level 1: the block carries nT [3.21.1.2] */
    return size ? "block/table size" : "contiguous size";
}

static const char *addr_kind(const struct chk_obj *o)
{
    return o->stage == 2 ? "IPA" : "VA";
}

static void desc_written(struct smmu *s, struct chk_obj *o, uint64_t prev)
{
    struct check *c = s->chk;
    uint64_t old = o->fetched[0], nw = o->mem[0];
    if (!(old & 1))
        return; /* the SMMU caches only valid translations [3.21.1] */
    if (((old ^ nw) & D_XLATE) && o->bbm != BBM_CLEAN)
        o->dirty = true;
    if (!(nw & 1) && o->bbm == BBM_LIVE)
        o->bbm = BBM_BROKEN;
    if ((o->dirty || o->bbm == BBM_BROKEN) && !o->watched &&
        !list_push(&c->watch, (uint32_t)(o - c->obj)))
        o->watched = true;
    if (!(nw & 1))
        return;
    if (o->bbm == BBM_CLEAN)
        return;
    const char *why = bbm_needed(s, o, old, nw, prev);
    if (!why || !first_report(o, SMMU_CHECK_BREAK_BEFORE_MAKE))
        return;
    char dn[48];
    desc_name(o, dn, sizeof(dn));
    uint64_t a = o->ia;
    if (o->bbm == BBM_LIVE)
        report(s, SMMU_CHECK_BREAK_BEFORE_MAKE, "descriptor", o->pa, (smmu_pa_space)o->pas,
               "%s 0x%llx (%s 0x%llx, StreamID 0x%x) changed 0x%016llx -> 0x%016llx (%s) while "
               "valid: no break-before-make (write it invalid, CMD_TLBI covering %s 0x%llx, "
               "CMD_SYNC, then the new value; SMMU_IDR3.BBML %u)",
               dn, (unsigned long long)o->pa, addr_kind(o), (unsigned long long)a, o->sid,
               (unsigned long long)old, (unsigned long long)nw, why, addr_kind(o),
               (unsigned long long)a, s->cfg.bbml);
    else
        report(s, SMMU_CHECK_BREAK_BEFORE_MAKE, "descriptor", o->pa, (smmu_pa_space)o->pas,
               "%s 0x%llx (%s 0x%llx, StreamID 0x%x) changed 0x%016llx -> invalid -> 0x%016llx "
               "(%s) with no CMD_TLBI covering %s 0x%llx %s between: break-before-make "
               "incomplete (SMMU_IDR3.BBML %u)",
               dn, (unsigned long long)o->pa, addr_kind(o), (unsigned long long)a, o->sid,
               (unsigned long long)old, (unsigned long long)nw, why, addr_kind(o),
               (unsigned long long)a,
               o->bbm == BBM_BROKEN ? "and CMD_SYNC" : "completed by a CMD_SYNC",
               s->cfg.bbml);
}

/* ---- software writes ---- */

smmu_status smmu_observe_write(smmu_t *s, uint64_t pa, smmu_pa_space pas, const void *data,
                               size_t len)
{
    if (!s || !data || (unsigned)pas > SMMU_PAS_ROOT)
        return SMMU_E_INVAL;
    struct check *c = s->chk;
    if (!c || !len || !c->words.n)
        return SMMU_OK;
    const uint8_t *src = data;
    uint64_t end = pa + len;
    /* word by word: 8 bytes is the single-copy atomicity this checker assumes [3.21.3] */
    for (uint64_t w = pa & ~UINT64_C(7); w < end; w += 8) {
        uint32_t v = map_get(&c->words, word_key(w, (unsigned)pas));
        if (!v)
            continue;
        struct chk_obj *o = &c->obj[v - 1];
        unsigned wi = (unsigned)((w - o->pa) / 8);
        uint64_t lo = w < pa ? pa : w, hi = w + 8 < end ? w + 8 : end;
        uint64_t cur = o->mem[wi];
        uint8_t b[8];
        if (o->kind == K_DESC && o->be)
            cur = bswap64(cur);
        le64_store(b, cur);
        memcpy(b + (lo - w), src + (lo - pa), (size_t)(hi - lo));
        uint64_t nv = le64_load(b);
        if (o->kind == K_DESC && o->be)
            nv = bswap64(nv);
        if (nv == o->mem[wi])
            continue;
        uint64_t prev = o->mem[wi];
        o->mem[wi] = nv;
        if (o->kind == K_STE || o->kind == K_CD)
            window_add(o);
        else if (o->kind == K_DESC)
            desc_written(s, o, prev);
        else
            o->changed = ++c->seq;
    }
    return SMMU_OK;
}

/* ---- commands ---- */

static bool cfgi_covers(const struct cfg_inval *inv, unsigned bank, const struct chk_obj *o)
{
    if (!inv->all_sec && inv->sec != bank)
        return false;
    if (!inv->all_sids && (o->sid < inv->sid_first || o->sid > inv->sid_last))
        return false;
    switch (o->kind) {
    case K_STE: case K_L1STD:
        return inv->what == CFGI_STE_AND_CDS;
    case K_CD: case K_L1CD:
        return inv->what != CFGI_CD_ONE || inv->ssid == o->ssid ||
               (o->kind == K_L1CD);
    default:
        return false;
    }
}

static bool range_overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
    return a < b + bsize && b < a + asize;
}

/* Does TLBI scope inv remove what descriptor o gave the TLB? (Scope by security state,
 * stage and address; ASID and VMID are not known per descriptor: taken as matching. The TTL
 * hint of strict invalidation is tlbi_ttl_misses'.) */
static bool tlbi_covers(const struct tlb_inval *inv, const struct chk_obj *o)
{
    if ((inv->match & TLBI_M_SEC) && inv->sec != o->bank)
        return false;
    if (inv->match & TLBI_M_KIND) {
        unsigned k = o->stage == 1 ? (1u << TLB_S1 | 1u << TLB_S12) : (1u << TLB_S2 | 1u << TLB_S12);
        if (!(inv->kind_mask & k))
            return false;
    }
    uint64_t size = UINT64_C(1) << o->shift;
    if ((inv->match & TLBI_M_ADDR) && o->stage == 1) /* the walk's IA: VA[ia_bits-1:0] */
        return range_overlap(inv->addr & ((UINT64_C(1) << o->ia_bits) - 1),
                             inv->size ? inv->size : 1, o->ia, size);
    if ((inv->match & TLBI_M_IPA) && o->stage == 2)
        return range_overlap(inv->addr, inv->size ? inv->size : 1, o->ia, size);
    return true;
}

/* Strict invalidation keeps what the hints allow [4.4.1]: with TTL (TLBI_M_TTL), TLB entries
 * of another leaf level, as tlb.c does (the level of the entries a table descriptor led to
 * is not known here: taken as matching); with Leaf = 1, the walk-cache entries of table
 * descriptors, as topology.c does. */
static bool tlbi_keeps(const struct smmu *s, const struct tlb_inval *inv,
                       const struct chk_obj *o)
{
    bool table = desc_table(o, o->fetched[0]);
    if (table)
        return inv->leaf && s->cfg.strict_invalidation;
    return (inv->match & TLBI_M_TTL) && o->level != (int)inv->ttl;
}

/* A TLB invalidation removed the entries of what it covers at once: the descriptors it covers
 * are no longer stale, and a broken descriptor is now invalidated (break-before-make). op:
 * the command's name, kept on a descriptor that its TTL hint left cached. */
static void tlbi_applied(struct smmu *s, const struct tlb_inval *inv, const char *op)
{
    struct check *c = s->chk;
    for (size_t i = 0; i < c->watch.n; i++) {
        struct chk_obj *o = &c->obj[c->watch.v[i]];
        if (!tlbi_covers(inv, o))
            continue;
        if (tlbi_keeps(s, inv, o)) {
            o->short_op = op;
            o->short_addr = inv->addr;
            o->short_ttl = desc_table(o, o->fetched[0]) ? 0 : inv->ttl;
        } else {
            o->dirty = false;
            if (o->bbm == BBM_BROKEN)
                o->bbm = BBM_INVALIDATED;
        }
    }
}

/* The invalidations so far are complete: invalidated descriptors may be made valid again, and
 * descriptors with nothing left to check leave the watch list. */
static void tlbi_completed(struct check *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->watch.n; i++) {
        struct chk_obj *o = &c->obj[c->watch.v[i]];
        if (o->bbm == BBM_INVALIDATED)
            o->bbm = BBM_CLEAN;
        if (o->dirty || o->bbm == BBM_BROKEN || o->bbm == BBM_INVALIDATED)
            c->watch.v[k++] = c->watch.v[i];
        else
            o->watched = false; /* nothing left to watch */
    }
    c->watch.n = k;
}

/* A PE's broadcast TLBI (btm.c): complete when delivered in this model (smmu_dvm_sync has
 * nothing to wait for), so it counts as a TLBI followed by its completion [3.17, 3.21.1]. */
void check_broadcast_tlbi(struct smmu *s, const struct tlb_inval *inv)
{
    tlbi_applied(s, inv, "the broadcast TLBI");
    tlbi_completed(s->chk);
}

void check_command(struct smmu *s, unsigned bank, const struct cmdq_action *a)
{
    struct check *c = s->chk;
    struct chk_bank *cb = &c->bank[bank];
    if (a->kind == CMDQ_ACT_TLBI || a->kind == CMDQ_ACT_CFGI) {
        if (cb->npend < CHK_PENDING) {
            struct chk_pending *p = &cb->pend[cb->npend++];
            memset(p, 0, sizeof(*p));
            p->op = a->op;
            p->tlbi = a->kind == CMDQ_ACT_TLBI;
            p->tlbi_scope = a->tlbi;
            p->cfgi_scope = a->cfgi;
        }
        if (a->kind == CMDQ_ACT_TLBI) {
            /* the model removed the entries at once */
            tlbi_applied(s, &a->tlbi, cmdq_opcode_name(a->op));
            return;
        }
        if (a->cfgi.leaf && s->cfg.strict_invalidation) {
            cb->leaf_cfgi = true;
            cb->leaf_scope = a->cfgi;
            cb->leaf_op = a->op;
            cb->leaf_seq = ++c->seq;
        }
        for (size_t i = 0; i < c->cfgs.n; i++) {
            struct chk_obj *o = &c->obj[c->cfgs.v[i]];
            if (cfgi_covers(&a->cfgi, bank, o))
                o->cfgi_pending = true;
        }
        return;
    }
    if (a->kind != CMDQ_ACT_SYNC)
        return;
    /* CMD_SYNC completes every invalidation consumed before it [4.7.3] */
    cb->npend = 0;
    for (size_t i = 0; i < c->cfgs.n; i++) {
        struct chk_obj *o = &c->obj[c->cfgs.v[i]];
        if (!o->cfgi_pending)
            continue;
        o->cfgi_pending = false;
        if (o->x) {
            window_check(s, o);
            window_reset(o);
        }
        memcpy(o->fetched, o->mem, sizeof(o->mem)); /* the next use re-fetches */
    }
    tlbi_completed(c);
}

/* ---- translations: rules a and d ---- */

void check_translation_begin(struct smmu *s, const smmu_txn *txn)
{
    s->chk->txn = txn;
}

static struct chk_obj *obj_of(struct check *c, unsigned kind, unsigned bank, uint32_t sid,
                              uint32_t ssid)
{
    uint32_t v = map_get(&c->ids, id_key(kind, bank, sid, ssid));
    return v ? &c->obj[v - 1] : NULL;
}

/* Rule a for a cached STE or CD (and the L1 descriptor that reached it). */
static void stale_cfg(struct smmu *s, struct chk_obj *o)
{
    struct check *c = s->chk;
    char id[64];
    if (o->l1) {
        struct chk_obj *l = &c->obj[o->l1 - 1];
        if (l->mem[0] != l->fetched[0] && first_report(l, SMMU_CHECK_STALE_USE)) {
            ident(o, id, sizeof(id));
            report(s, SMMU_CHECK_STALE_USE, kind_name[l->kind], l->pa, (smmu_pa_space)l->pas,
                   "%s 0x%llx (%s) changed 0x%016llx -> 0x%016llx while cached; no %s "
                   "(Leaf=0) for %s followed by CMD_SYNC since: translation served from the "
                   "stale copy",
                   kind_name[l->kind], (unsigned long long)l->pa, id,
                   (unsigned long long)l->fetched[0], (unsigned long long)l->mem[0],
                   cfgi_name(l), id);
        }
    }
    if (words_eq(o->fetched, o->mem, 8))
        return;
    union chk_cfg a, b;
    int ra = decode(s, o, o->fetched, &a), rb = decode(s, o, o->mem, &b);
    if (ra == rb && (ra || !memcmp(&a, &b, cfg_size(o))))
        return; /* the same configuration: nothing stale is used */
    if (!first_report(o, SMMU_CHECK_STALE_USE))
        return;
    unsigned w = 0;
    while (o->fetched[w] == o->mem[w])
        w++;
    unsigned more = 0;
    for (unsigned k = w + 1; k < 8; k++)
        more += o->fetched[k] != o->mem[k];
    ident(o, id, sizeof(id));
    char extra[40] = "";
    if (more)
        snprintf(extra, sizeof(extra), " (and %u more word%s)", more, more > 1 ? "s" : "");
    report(s, SMMU_CHECK_STALE_USE, kind_name[o->kind], o->pa, (smmu_pa_space)o->pas,
           "%s 0x%llx (%s) word %u changed 0x%016llx -> 0x%016llx%s while valid and cached; "
           "no %s for %s followed by CMD_SYNC since: translation served from the stale copy",
           kind_name[o->kind], (unsigned long long)o->pa, id, w,
           (unsigned long long)o->fetched[w], (unsigned long long)o->mem[w], extra,
           cfgi_name(o), id);
}

/* Rule a for a TLB or walk-cache hit: a descriptor of this stream's walks changed and no TLBI
 * removed what the SMMU cached from it. */
static void stale_tlb(struct smmu *s, unsigned bank, const smmu_txn *txn, bool tlb_hit)
{
    struct check *c = s->chk;
    for (size_t i = 0; i < c->watch.n; i++) {
        struct chk_obj *o = &c->obj[c->watch.v[i]];
        if (!o->dirty)
            continue;
        uint64_t mask = ((UINT64_C(1) << o->ia_bits) - 1) & ~((UINT64_C(1) << o->shift) - 1);
        if (o->bank != bank || o->sid != txn->sid || ((txn->addr ^ o->ia) & mask))
            continue;
        if (!first_report(o, SMMU_CHECK_STALE_USE))
            continue;
        char dn[48], fell[160] = "";
        desc_name(o, dn, sizeof(dn));
        if (o->short_op && o->short_ttl)
            snprintf(fell, sizeof(fell), " (%s 0x%llx with TTL=%u since keeps level-%d entries "
                     "[4.4.1])", o->short_op, (unsigned long long)o->short_addr, o->short_ttl,
                     o->level);
        else if (o->short_op)
            snprintf(fell, sizeof(fell), " (%s 0x%llx with Leaf=1 since keeps walk-cache "
                     "entries [4.4.1])", o->short_op, (unsigned long long)o->short_addr);
        report(s, SMMU_CHECK_STALE_USE, "descriptor", o->pa, (smmu_pa_space)o->pas,
               "%s 0x%llx (%s 0x%llx, StreamID 0x%x) changed 0x%016llx -> 0x%016llx while valid "
               "and cached; no CMD_TLBI covering %s 0x%llx%s followed by CMD_SYNC since: "
               "translation served from the stale %s entry",
               dn, (unsigned long long)o->pa, addr_kind(o), (unsigned long long)o->ia, o->sid,
               (unsigned long long)o->fetched[0], (unsigned long long)o->mem[0], addr_kind(o),
               (unsigned long long)o->ia, fell, tlb_hit ? "TLB" : "walk-cache");
    }
}

/* Rule d: a translation covered by an invalidation that no CMD_SYNC completed [4.7.3]. */
static void unsynced(struct smmu *s, unsigned bank, const smmu_txn *txn, const smmu_result *res)
{
    struct chk_bank *cb = &s->chk->bank[bank];
    for (unsigned i = 0; i < cb->npend; i++) {
        struct chk_pending *p = &cb->pend[i];
        if (p->reported)
            continue;
        char what[96];
        if (p->tlbi) {
            const struct tlb_inval *v = &p->tlbi_scope;
            if ((v->match & TLBI_M_SEC) && v->sec != bank)
                continue;
            uint64_t base = res->map_size ? res->map_base : txn->addr;
            uint64_t size = res->map_size ? res->map_size : 1;
            if ((v->match & (TLBI_M_ADDR | TLBI_M_IPA)) &&
                !range_overlap(v->addr, v->size ? v->size : 1, base, size))
                continue;
            if (v->match & (TLBI_M_ADDR | TLBI_M_IPA))
                snprintf(what, sizeof(what), "%s 0x%llx", cmdq_opcode_name(p->op),
                         (unsigned long long)v->addr);
            else
                snprintf(what, sizeof(what), "%s", cmdq_opcode_name(p->op));
        } else {
            const struct cfg_inval *v = &p->cfgi_scope;
            if (!v->all_sec && v->sec != bank)
                continue;
            if (!v->all_sids && (txn->sid < v->sid_first || txn->sid > v->sid_last))
                continue;
            snprintf(what, sizeof(what), "%s for StreamID 0x%x", cmdq_opcode_name(p->op),
                     txn->sid);
        }
        p->reported = true;
        report(s, SMMU_CHECK_UNSYNCED_INVAL, "command queue", 0, SMMU_PAS_NS,
               "StreamID 0x%x address 0x%llx translated after %s was consumed on the %s command "
               "queue but before a CMD_SYNC completed it: the invalidation is not guaranteed "
               "(no CMD_SYNC after the invalidation)",
               txn->sid, (unsigned long long)txn->addr, what, queue_names[bank]);
    }
}

void check_translation(struct smmu *s, const smmu_txn *txn, const smmu_result *res)
{
    struct check *c = s->chk;
    c->txn = NULL;
    if (txn->flags & SMMU_TXN_DEBUG)
        return;
    unsigned bank = smmu_bank_of(s, txn->sec);
    if (res->outcome != SMMU_XLATE_OK && res->outcome != SMMU_XLATE_BYPASS)
        return;
    if (c->bank[bank].npend)
        unsynced(s, bank, txn, res);
    if (res->cfg_hit) {
        struct chk_obj *o = obj_of(c, K_STE, bank, txn->sid, 0);
        if (o)
            stale_cfg(s, o);
        o = obj_of(c, K_CD, bank, txn->sid, txn->ssv ? txn->ssid : 0);
        if (o && res->cfg_lookups > 1)
            stale_cfg(s, o);
    }
    /* a walk-cache hit uses cached table descriptors as a TLB hit uses leaves */
    if ((res->tlb_hit || res->wc_hits) && c->watch.n)
        stale_tlb(s, bank, txn, res->tlb_hit);
}

/* ---- registers: rule e [3.5, 3.21.2, 6.3.9, 6.3.26-6.3.29] ---- */

static bool reg_first(struct chk_bank *cb, unsigned site)
{
    if (cb->reported & (1u << site))
        return false;
    cb->reported |= 1u << site;
    return true;
}

void check_reg_write(struct smmu *s, unsigned bank, const char *name, uint64_t old,
                     uint64_t val)
{
    struct chk_bank *cb = &s->chk->bank[bank];
    struct smmu_bank *b = &s->bank[bank];
    uint32_t en = b->cr0 | b->cr0ack;
    const char *pfx = bank_prefix[bank];
    if (!strcmp(name, "CR0")) {
        /* "CR0 must not be changed again before CR0ACK has been seen to match" [6.3.9] */
        if (cb->cr0_wait && (uint32_t)val != cb->cr0_written && reg_first(cb, CHK_REG_CR0))
            report(s, SMMU_CHECK_QUEUE_MISUSE, "CR0", 0x20, b->pas,
                   "%sCR0 written 0x%x before %sCR0ACK was seen to show the previous write "
                   "0x%x: software must wait for CR0ACK after each CR0 update",
                   pfx, (unsigned)val, pfx, cb->cr0_written);
        cb->cr0_wait = (uint32_t)val != b->cr0ack;
        cb->cr0_written = (uint32_t)val;
        return;
    }
    if (!strcmp(name, "CMDQ_PROD")) {
        unsigned qs = smmu_queue_log2size(b->cmdq.base, s->cfg.cmdq_log2max);
        uint32_t wm = smmu_queue_wrap_mask(qs);
        uint32_t used = ((uint32_t)val - b->cmdq.cons) & wm;
        if ((en & SMMU_CR0_CMDQEN) && used > (UINT32_C(1) << qs) &&
            reg_first(cb, CHK_REG_CMDQ_PROD))
            report(s, SMMU_CHECK_QUEUE_MISUSE, "CMDQ_PROD", 0x98, b->pas,
                   "%sCMDQ_PROD written 0x%x with %sCMDQ_CONS 0x%x: PROD moved past CONS "
                   "(%u entries in a queue of %u): commands overwritten before they were "
                   "consumed",
                   pfx, (unsigned)val, pfx, b->cmdq.cons & wm, used, 1u << qs);
        return;
    }
    static const struct {
        const char *reg;
        uint32_t enable;
        const char *en_name;
        unsigned site;
        uint64_t off;
        const char *why;
    } guarded[] = {
        {"CMDQ_CONS", SMMU_CR0_CMDQEN, "CMDQEN", CHK_REG_CMDQ_CONS, 0x9C,
         "CONS of the command queue belongs to the SMMU while the queue is enabled"},
        {"EVENTQ_PROD", SMMU_CR0_EVENTQEN, "EVENTQEN", CHK_REG_EVENTQ_PROD, 0x100A8,
         "PROD of the event queue belongs to the SMMU while the queue is enabled"},
        {"PRIQ_PROD", SMMU_CR0_PRIQEN, "PRIQEN", CHK_REG_PRIQ_PROD, 0x100C8,
         "PROD of the PRI queue belongs to the SMMU while the queue is enabled"},
        {"CMDQ_BASE", SMMU_CR0_CMDQEN, "CMDQEN", CHK_REG_CMDQ_BASE, 0x90,
         "a queue base may change only while the queue is disabled"},
        {"EVENTQ_BASE", SMMU_CR0_EVENTQEN, "EVENTQEN", CHK_REG_EVENTQ_BASE, 0xA0,
         "a queue base may change only while the queue is disabled"},
        {"PRIQ_BASE", SMMU_CR0_PRIQEN, "PRIQEN", CHK_REG_PRIQ_BASE, 0xC0,
         "a queue base may change only while the queue is disabled"},
    };
    for (size_t i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++) {
        if (strcmp(name, guarded[i].reg))
            continue;
        if ((en & guarded[i].enable) && val != old && reg_first(cb, guarded[i].site))
            report(s, SMMU_CHECK_QUEUE_MISUSE, guarded[i].reg, guarded[i].off, b->pas,
                   "%s%s written 0x%llx -> 0x%llx while %sCR0.%s is set: %s (the write is "
                   "ignored)",
                   pfx, guarded[i].reg, (unsigned long long)old, (unsigned long long)val, pfx,
                   guarded[i].en_name, guarded[i].why);
        return;
    }
}

void check_reg_read(struct smmu *s, unsigned bank, const char *name, uint64_t val)
{
    struct chk_bank *cb = &s->chk->bank[bank];
    /* A read of CR0ACK showing the written value is the wait [6.3.9]: CR0 as it became, with
     * its read-only bits (R_CR0.ATSCHK with ATS [6.3.128]) */
    if (cb->cr0_wait && (uint32_t)val == s->bank[bank].cr0 && !strcmp(name, "CR0ACK"))
        cb->cr0_wait = false;
}
