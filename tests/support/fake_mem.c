/* SPDX-License-Identifier: Apache-2.0 */
#include "fake_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1u << PAGE_SHIFT)

struct fake_page {
    struct fake_page *next;
    uint64_t pfn;
    smmu_pa_space pas;
    uint8_t data[PAGE_SIZE];
};

static size_t bucket_of(const struct fake_mem *m, uint64_t pfn, smmu_pa_space pas)
{
    uint64_t h = (pfn ^ ((uint64_t)pas << 60)) * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & (m->nbuckets - 1);
}

static struct fake_page *find_page(const struct fake_mem *m, uint64_t pfn, smmu_pa_space pas)
{
    for (struct fake_page *p = m->buckets[bucket_of(m, pfn, pas)]; p; p = p->next)
        if (p->pfn == pfn && p->pas == pas)
            return p;
    return NULL;
}

static void grow(struct fake_mem *m)
{
    size_t old_n = m->nbuckets;
    struct fake_page **old = m->buckets;
    m->nbuckets *= 2;
    m->buckets = calloc(m->nbuckets, sizeof(*m->buckets));
    if (!m->buckets)
        abort();
    for (size_t i = 0; i < old_n; i++) {
        while (old[i]) {
            struct fake_page *p = old[i];
            old[i] = p->next;
            size_t b = bucket_of(m, p->pfn, p->pas);
            p->next = m->buckets[b];
            m->buckets[b] = p;
        }
    }
    free(old);
}

static struct fake_page *get_page(struct fake_mem *m, uint64_t pfn, smmu_pa_space pas)
{
    struct fake_page *p = find_page(m, pfn, pas);
    if (p)
        return p;
    if (m->npages >= m->nbuckets)
        grow(m);
    p = calloc(1, sizeof(*p));
    if (!p)
        abort();
    p->pfn = pfn;
    p->pas = pas;
    size_t b = bucket_of(m, pfn, pas);
    p->next = m->buckets[b];
    m->buckets[b] = p;
    m->npages++;
    return p;
}

struct fake_mem *fake_mem_create(void)
{
    struct fake_mem *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->nbuckets = 256;
    m->buckets = calloc(m->nbuckets, sizeof(*m->buckets));
    if (!m->buckets) {
        free(m);
        return NULL;
    }
    return m;
}

static void free_pages(struct fake_mem *m)
{
    for (size_t i = 0; i < m->nbuckets; i++) {
        while (m->buckets[i]) {
            struct fake_page *p = m->buckets[i];
            m->buckets[i] = p->next;
            free(p);
        }
    }
    m->npages = 0;
}

void fake_mem_destroy(struct fake_mem *m)
{
    if (!m)
        return;
    free_pages(m);
    free(m->buckets);
    free(m);
}

void fake_mem_clear(struct fake_mem *m)
{
    free_pages(m);
    struct fake_page **b = m->buckets;
    size_t n = m->nbuckets;
    memset(m, 0, sizeof(*m));
    m->buckets = b;
    m->nbuckets = n;
}

static bool aborts(const struct fake_mem *m, uint64_t pa, size_t len, smmu_pa_space pas,
                   bool write)
{
    uint64_t end = pa + len - 1;
    for (unsigned i = 0; i < m->naborts; i++) {
        if (m->aborts[i].pas == pas && pa <= m->aborts[i].hi && end >= m->aborts[i].lo &&
            (write || !m->aborts[i].writes_only))
            return true;
    }
    return false;
}

static void copy_out(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, void *buf, size_t len)
{
    uint8_t *out = buf;
    while (len) {
        size_t off = (size_t)(pa & (PAGE_SIZE - 1));
        size_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        struct fake_page *p = find_page(m, pa >> PAGE_SHIFT, pas);
        if (p)
            memcpy(out, p->data + off, n);
        else
            memset(out, 0, n);
        out += n;
        pa += n;
        len -= n;
    }
}

static void copy_in(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, const void *buf,
                    size_t len)
{
    const uint8_t *in = buf;
    while (len) {
        size_t off = (size_t)(pa & (PAGE_SIZE - 1));
        size_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        memcpy(get_page(m, pa >> PAGE_SHIFT, pas)->data + off, in, n);
        in += n;
        pa += n;
        len -= n;
    }
}

int fake_mem_read(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, void *buf, size_t len)
{
    m->reads++;
    if (m->on_read)
        m->on_read(m->on_read_arg, pa, pas);
    if (aborts(m, pa, len, pas, false))
        return -1;
    copy_out(m, pa, pas, buf, len);
    return 0;
}

int fake_mem_write(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, const void *buf,
                   size_t len)
{
    m->writes++;
    if (m->on_write)
        m->on_write(m->on_write_arg, pa, pas);
    if (aborts(m, pa, len, pas, true))
        return -1;
    copy_in(m, pa, pas, buf, len);
    return 0;
}

uint64_t fake_mem_rd64(struct fake_mem *m, uint64_t pa, smmu_pa_space pas)
{
    uint8_t b[8];
    copy_out(m, pa, pas, b, 8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

uint32_t fake_mem_rd32(struct fake_mem *m, uint64_t pa, smmu_pa_space pas)
{
    uint8_t b[4];
    copy_out(m, pa, pas, b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The test CPU's writes: reported to the observing SMMU's checker after they reached memory */
static void cpu_write(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, const uint8_t *b,
                      size_t len)
{
    copy_in(m, pa, pas, b, len);
    if (m->observe)
        smmu_observe_write(m->observe, pa, pas, b, len);
    if (m->on_cpu_write)
        m->on_cpu_write(m->on_cpu_write_arg, pa, pas, b, len);
}

static void le_bytes(uint8_t *b, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

void fake_mem_wr64(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, uint64_t v)
{
    uint8_t b[8];
    le_bytes(b, v, 8);
    cpu_write(m, pa, pas, b, 8);
}

void fake_mem_wr32(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, uint32_t v)
{
    uint8_t b[4];
    le_bytes(b, v, 4);
    cpu_write(m, pa, pas, b, 4);
}

int fake_mem_add_abort(struct fake_mem *m, smmu_pa_space pas, uint64_t lo, uint64_t hi,
                       bool writes_only)
{
    if (m->naborts >= sizeof(m->aborts) / sizeof(m->aborts[0]))
        return -1;
    m->aborts[m->naborts].lo = lo;
    m->aborts[m->naborts].hi = hi;
    m->aborts[m->naborts].pas = pas;
    m->aborts[m->naborts].writes_only = writes_only;
    m->naborts++;
    return 0;
}

void fake_mem_clear_aborts(struct fake_mem *m) { m->naborts = 0; }

void fake_mem_clear_read_log(struct fake_mem *m) { m->nread_log = 0; }

uint64_t fake_mem_rand(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void fake_mem_scribble(struct fake_mem *m, uint64_t pa, smmu_pa_space pas, size_t nwords,
                       uint64_t *x)
{
    for (size_t i = 0; i < nwords; i++)
        fake_mem_wr64(m, pa + 8 * i, pas, fake_mem_rand(x));
}

void fake_mem_fill_missing(struct fake_mem *m, smmu_pa_space from, smmu_pa_space to, uint64_t lo,
                           uint64_t hi)
{
    for (uint64_t pfn = lo >> PAGE_SHIFT; pfn < (hi + PAGE_SIZE - 1) >> PAGE_SHIFT; pfn++) {
        const struct fake_page *src = find_page(m, pfn, from);
        if (src && !find_page(m, pfn, to))
            memcpy(get_page(m, pfn, to)->data, src->data, PAGE_SIZE);
    }
}

bool fake_mem_check_mode(void)
{
    const char *v = getenv("SMMU_TEST_CHECK");
    return v && *v && strcmp(v, "0") != 0;
}

void fake_mem_check_attach(struct fake_mem *m, smmu_t *s)
{
    if (fake_mem_check_mode())
        m->observe = s;
}

uint64_t fake_mem_check_findings(const smmu_t *s)
{
    smmu_bringup_stats b;
    memset(&b, 0, sizeof(b));
    b.struct_size = sizeof(b);
    if (!s || smmu_get_bringup_stats(s, &b) != SMMU_OK)
        return 0;
    uint64_t n = 0;
    for (unsigned r = 0; r < SMMU_CHECK_RULES; r++)
        n += b.findings[r];
    return n;
}

/* ---- environment callbacks ---- */

static int env_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *attrs)
{
    struct fake_mem *m = ctx;
    if (m->nread_log < FAKE_MEM_READ_LOG) {
        struct fake_read *r = &m->read_log[m->nread_log];
        r->pa = pa;
        r->pas = pas;
        r->len = len;
        r->attrs = attrs ? *attrs : (smmu_mem_attrs){0, 0};
    }
    m->nread_log++;
    return fake_mem_read(m, pa, pas, buf, len);
}

static int env_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *attrs)
{
    (void)attrs;
    return fake_mem_write(ctx, pa, pas, buf, len);
}

static int env_cas64(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                     uint64_t desired, uint64_t *old)
{
    struct fake_mem *m = ctx;
    m->cas++;
    if (aborts(m, pa, 8, pas, true))
        return -1;
    *old = fake_mem_rd64(m, pa, pas);
    if (*old == expected) { /* the SMMU's write (HTTU): not the CPU's */
        uint8_t b[8];
        le_bytes(b, desired, 8);
        copy_in(m, pa, pas, b, 8);
    }
    return 0;
}

static int env_msi(void *ctx, uint64_t pa, smmu_pa_space pas, uint32_t data,
                   const smmu_mem_attrs *attrs)
{
    (void)attrs;
    struct fake_mem *m = ctx;
    if (aborts(m, pa, 4, pas, true))
        return -1;
    if (m->nmsis < FAKE_MEM_MAX_MSIS) {
        m->msis[m->nmsis].pa = pa;
        m->msis[m->nmsis].pas = pas;
        m->msis[m->nmsis].data = data;
        m->nmsis++;
    }
    uint8_t b[4];
    le_bytes(b, data, 4);
    copy_in(m, pa, pas, b, 4); /* the SMMU's write: not the CPU's */
    return 0;
}

static void env_irq(void *ctx, smmu_sec_sid bank, smmu_irq_line line)
{
    struct fake_mem *m = ctx;
    if (line == SMMU_IRQ_GPF_FAR || line == SMMU_IRQ_GPT_CFG_FAR)
        m->rme_irqs[line - SMMU_IRQ_GPF_FAR]++;
    else if ((unsigned)bank < 3 && (unsigned)line < SMMU_IRQ_LINES_PER_BANK)
        m->irqs[bank][line]++;
}

static void env_sev(void *ctx) { ((struct fake_mem *)ctx)->sevs++; }

static void env_log(void *ctx, smmu_log_level level, const char *msg)
{
    struct fake_mem *m = ctx;
    static const char *names[] = {"error", "warn", "info", "debug"};
    const char *name = (unsigned)level < 4 ? names[level] : "?";
    if (m->log_to_stderr)
        fprintf(stderr, "smmu %s: %s\n", name, msg);
    int n = snprintf(m->log + m->log_len, sizeof(m->log) - m->log_len, "%s: %s\n", name, msg);
    if (n > 0 && m->log_len + (size_t)n < sizeof(m->log))
        m->log_len += (size_t)n;
}

static void env_invalidated(void *ctx, const smmu_inval_notice *n)
{
    struct fake_mem *m = ctx;
    m->inval_notices++;
    m->last_notice = *n;
}

smmu_env fake_mem_env(struct fake_mem *m)
{
    smmu_env e;
    memset(&e, 0, sizeof(e));
    e.ctx = m;
    e.mem_read = env_read;
    e.mem_write = env_write;
    e.mem_cas64 = env_cas64;
    e.msi_write = env_msi;
    e.irq = env_irq;
    e.sev = env_sev;
    e.log = env_log;
    e.invalidated = env_invalidated;
    return e;
}

bool fake_mem_log_contains(const struct fake_mem *m, const char *needle)
{
    return strstr(m->log, needle) != NULL;
}
