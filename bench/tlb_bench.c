/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TLB and configuration-cache costs: instructions (user space, from perf_event_open when the
 * system allows it) and nanoseconds per operation for
 *   - a TLB hit with one page size present, and with 4K + 2M + 1G present for the tag;
 *   - an STE + CD configuration-cache hit;
 *   - a TLBI by VA of one page that matches nothing, with 64k unrelated entries cached,
 *     against the same TLBI on an empty TLB (goal: ratio <= 2);
 *   - TLBI by ASID of a 16-entry ASID with 64k entries of other ASIDs cached.
 * Not a timed test: figures only.
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cfgcache.h"
#include "tlb.h"

struct meter {
    int fd; /* instruction counter, -1 if unavailable */
    uint64_t insns;
    struct timespec t0;
    double ns;
};

static void meter_open(struct meter *m)
{
    struct perf_event_attr a;
    memset(&a, 0, sizeof(a));
    a.size = sizeof(a);
    a.type = PERF_TYPE_HARDWARE;
    a.config = PERF_COUNT_HW_INSTRUCTIONS;
    a.disabled = 1;
    a.exclude_kernel = 1;
    a.exclude_hv = 1;
    m->fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

static void meter_start(struct meter *m)
{
    if (m->fd >= 0) {
        ioctl(m->fd, PERF_EVENT_IOC_RESET, 0);
        ioctl(m->fd, PERF_EVENT_IOC_ENABLE, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &m->t0);
}

static void meter_stop(struct meter *m)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    m->insns = 0;
    if (m->fd >= 0) {
        ioctl(m->fd, PERF_EVENT_IOC_DISABLE, 0);
        if (read(m->fd, &m->insns, sizeof(m->insns)) != (ssize_t)sizeof(m->insns))
            m->insns = 0;
    }
    m->ns = (double)(t1.tv_sec - m->t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - m->t0.tv_nsec);
}

static void report(const char *what, const struct meter *m, unsigned ops)
{
    if (m->fd >= 0)
        printf("%-58s %8.1f insns/op %8.2f ns/op\n", what, (double)m->insns / ops, m->ns / ops);
    else
        printf("%-58s %8s insns/op %8.2f ns/op\n", what, "n/a", m->ns / ops);
}

static struct tlb_tag mktag(uint16_t vmid, uint16_t asid)
{
    struct tlb_tag t;
    memset(&t, 0, sizeof(t));
    t.kind = TLB_S1;
    t.vmid = vmid;
    t.asid = asid;
    return t;
}

static void put(struct tlb *t, struct tlb_tag tag, uint64_t va, unsigned shift)
{
    struct tlb_entry e;
    memset(&e, 0, sizeof(e));
    e.tag = tag;
    e.va = va;
    e.pa = va ^ 0x800000000;
    e.page_shift = (uint8_t)shift;
    e.level = 3;
    e.perm = TLB_PERM_PR;
    tlb_insert(t, &e, tlb_generation(t));
}

enum { LOOKUPS = 1 << 22, INVALS = 1 << 20, PAGES = 1024 };

/* Hits on PAGES 4K pages of one tag (plus 2M/1G blocks when `mixed`). */
static void bench_lookup(struct meter *m, int mixed)
{
    struct tlb *t = tlb_create(4096, 8, SMMU_REPL_ROUND_ROBIN, 0);
    struct tlb_tag tag = mktag(1, 1);
    for (uint64_t i = 0; i < PAGES; i++)
        put(t, tag, 0x10000000 + (i << 12), 12);
    if (mixed) {
        put(t, tag, 0x40000000, 21);
        put(t, tag, 0x80000000, 30);
    }
    uint64_t sum = 0;
    meter_start(m);
    for (unsigned i = 0; i < LOOKUPS; i++) {
        const struct tlb_entry *e = tlb_lookup(t, &tag, 0x10000000 + ((uint64_t)(i % PAGES) << 12));
        sum += e ? e->pa : 1;
    }
    meter_stop(m);
    struct tlb_counters c;
    tlb_get_counters(t, &c);
    if (c.hits != LOOKUPS || sum == 0)
        printf("  (unexpected: %llu hits of %u)\n", (unsigned long long)c.hits, LOOKUPS);
    report(mixed ? "tlb_lookup hit, 4K + 2M + 1G present for the tag"
                 : "tlb_lookup hit, 4K pages only", m, LOOKUPS);
    tlb_destroy(t);
}

static void bench_cfgc(struct meter *m)
{
    struct cfgcache *c = cfgc_create(1024, 4);
    struct ste_cfg s;
    struct cd_cfg d;
    memset(&s, 0, sizeof(s));
    memset(&d, 0, sizeof(d));
    for (uint32_t sid = 0; sid < 256; sid++) {
        cfgc_insert_ste(c, 0, sid, &s, cfgc_generation(c));
        cfgc_insert_cd(c, 0, sid, 0, &d, cfgc_generation(c));
    }
    uint64_t n = 0;
    meter_start(m);
    for (unsigned i = 0; i < LOOKUPS; i++) {
        n += cfgc_lookup_ste(c, 0, i % 256) != NULL;
        n += cfgc_lookup_cd(c, 0, i % 256, 0) != NULL;
    }
    meter_stop(m);
    if (n != 2ull * LOOKUPS)
        printf("  (unexpected: %llu hits)\n", (unsigned long long)n);
    report("cfgc_lookup_ste + cfgc_lookup_cd hit", m, LOOKUPS);
    cfgc_destroy(c);
}

/* 64k entries over 64 ASIDs x 2 VMIDs, 4K pages, none at 0x7fff0000000. */
static struct tlb *full_tlb(void)
{
    struct tlb *t = tlb_create(65536, 8, SMMU_REPL_ROUND_ROBIN, 0);
    for (uint64_t i = 0; i < 65536; i++)
        put(t, mktag((uint16_t)(1 + (i & 1)), (uint16_t)(i >> 1 & 63)), 0x100000000 + (i << 12),
            12);
    return t;
}

static double bench_tlbi_va(struct meter *m, struct tlb *t, const char *what)
{
    struct tlb_inval inv;
    memset(&inv, 0, sizeof(inv));
    inv.match = TLBI_M_SEC | TLBI_M_VMID | TLBI_M_ASID | TLBI_M_ADDR;
    inv.vmid = 1;
    inv.asid = 5;
    inv.addr = 0x7fff0000000;
    inv.size = 0x1000;
    unsigned n = 0;
    meter_start(m);
    for (unsigned i = 0; i < INVALS; i++)
        n += tlb_invalidate(t, &inv);
    meter_stop(m);
    if (n)
        printf("  (unexpected: removed %u)\n", n);
    report(what, m, INVALS);
    return m->fd >= 0 ? (double)m->insns : m->ns;
}

/* Usage: tlb_bench [lookup|mixed|cfgc|tlbi] runs one part (for valgrind --tool=callgrind when
 * perf_event_open is not allowed); no argument runs everything. */
int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : "";
    struct meter m;
    meter_open(&m);
    if (m.fd < 0)
        printf("(perf_event_open unavailable: instruction counts not measured)\n");
    if (!*only || !strcmp(only, "lookup"))
        bench_lookup(&m, 0);
    if (!*only || !strcmp(only, "mixed"))
        bench_lookup(&m, 1);
    if (!*only || !strcmp(only, "cfgc"))
        bench_cfgc(&m);
    if (*only && strcmp(only, "tlbi"))
        return 0;

    struct tlb *empty = tlb_create(65536, 8, SMMU_REPL_ROUND_ROBIN, 0);
    struct tlb *full = full_tlb();
    double e = bench_tlbi_va(&m, empty, "TLBI by VA (1 page, no match), empty TLB");
    double e_ns = m.ns;
    double f = bench_tlbi_va(&m, full, "TLBI by VA (1 page, no match), 64k entries cached");
    printf("%-58s %8.2f (%s; time ratio %.2f; goal <= 2)\n", "  ratio full / empty", f / e,
           m.fd >= 0 ? "instructions" : "time", m.ns / e_ns);

    /* 16 entries of ASID 999, then invalidate them: the other 64k stay */
    struct tlb_inval inv;
    memset(&inv, 0, sizeof(inv));
    inv.match = TLBI_M_VMID | TLBI_M_ASID;
    inv.vmid = 1;
    inv.asid = 999;
    const unsigned rounds = 4096;
    uint64_t insns = 0;
    double ns = 0;
    unsigned removed = 0;
    for (unsigned r = 0; r < rounds; r++) {
        for (uint64_t i = 0; i < 16; i++)
            put(full, mktag(1, 999), 0x200000000000 + (i << 12), 12);
        meter_start(&m);
        removed += tlb_invalidate(full, &inv);
        meter_stop(&m);
        insns += m.insns;
        ns += m.ns;
    }
    m.insns = insns;
    m.ns = ns;
    report("TLBI by ASID removing 16 of 64k entries", &m, rounds);
    if (removed != 16 * rounds)
        printf("  (unexpected: removed %u)\n", removed);
    tlb_destroy(empty);
    tlb_destroy(full);
    if (m.fd >= 0)
        close(m.fd);
    return 0;
}
