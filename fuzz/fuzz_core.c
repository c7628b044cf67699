/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: arbitrary guest memory, register writes, commands and transactions.
 *
 * The input is consumed as a little script. A header fills the regions where a driver would
 * put the stream table, CDs, page tables and queues with fuzzer bytes; then a sequence of
 * operations writes registers (from the architected register list, or any offset), pushes
 * raw commands, and translates transactions. Whatever the bytes, the core must answer with
 * events / CERROR / GERROR and never crash, hang or trip a sanitizer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

struct input {
    const uint8_t *p;
    size_t n;
};

static uint64_t take(struct input *in, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes && in->n; i++, in->p++, in->n--)
        v |= (uint64_t)*in->p << (8 * i);
    return v;
}

/* Registers a driver programs (NS page 0/1, Secure bank, Root page at 0x20000, Realm pages
 * at 0x40000 / 0x50000 with the default RME layout). Random offsets are used too. */
static const uint32_t regs[] = {
    0x20,    0x28,    0x2C,    0x44,    0x50,    0x64,    0x68,    0x70,    0x74,
    0x80,    0x88,    0x90,    0x98,    0x9C,    0xA0,    0xB0,    0xB8,    0xBC,
    0x100A8, 0x100AC, 0x8020,  0x8028,  0x802C,  0x803C,  0x8044,  0x8050,  0x8064,
    0x8080,  0x8088,  0x8090,  0x8098,  0x809C,  0x80A0,  0x80A8,  0x80AC,
    0x20020, 0x20028, 0x20030, 0x20038, 0x20040, 0x20050, 0x20058,
    0x40020, 0x40028, 0x4002C, 0x40050, 0x40064, 0x40080, 0x40088, 0x40090,
    0x40098, 0x4009C, 0x400A0, 0x400B0, 0x500A8, 0x500AC,
};

/* Fixed places for tables and queues, so that random register values often point at the
 * fuzzer's bytes. */
static const uint64_t regions[] = {0x0,     0x10000,  0x20000,   0x40000,
                                   0x80000, 0x100000, 0x10000000 /* a GPT */};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size};
    struct fake_mem *m = fake_mem_create();
    if (!m)
        return 0;
    smmu_config cfg;
    smmu_config_init(&cfg);
    cfg.oas_bits = 44;
    cfg.tlb_entries = 64;
    cfg.tlb_ways = 4;
    cfg.cfg_entries = 16;
    cfg.cfg_ways = 2;
    /* Half the inputs run an SMMU with RME (Root page, GPC, Realm interface). */
    if (take(&in, 1) & 1) {
        cfg.rme_impl = true;
        cfg.realm_impl = true;
        cfg.bbml = 2; /* a REALM_IMPL prerequisite [2.7.1] */
    }
    smmu_env env = fake_mem_env(m);
    env.log = NULL; /* diagnostics are formatted only when logged: keep the fuzzer fast */
    smmu_t *s = NULL;
    if (smmu_create(&cfg, &env, &s) != SMMU_OK) {
        fake_mem_destroy(m);
        return 0;
    }

    /* Memory: up to 8 regions of up to 512 bytes each, in any PA space. */
    unsigned nreg = (unsigned)take(&in, 1) % 9;
    for (unsigned r = 0; r < nreg && in.n; r++) {
        uint64_t base = regions[take(&in, 1) % NREGIONS] + (take(&in, 2) & 0xFFC0);
        smmu_pa_space pas = (smmu_pa_space)(take(&in, 1) & 3);
        size_t len = (size_t)(take(&in, 2) % 513);
        if (len > in.n)
            len = in.n;
        fake_mem_write(m, base, pas, in.p, len);
        in.p += len;
        in.n -= len;
    }

    /* Operations */
    for (unsigned ops = 0; in.n && ops < 64; ops++) {
        switch (take(&in, 1) % 4) {
        case 0: { /* architected register write */
            uint32_t off = regs[take(&in, 1) % (sizeof(regs) / sizeof(regs[0]))];
            unsigned sz = (take(&in, 1) & 1) ? 8 : 4;
            smmu_reg_write(s, off, sz, (smmu_pa_space)(take(&in, 1) & 3), take(&in, 8));
            break;
        }
        case 1: { /* any register access */
            uint64_t off = take(&in, 3);
            unsigned sz = (unsigned)take(&in, 1) % 9;
            uint64_t v;
            if (take(&in, 1) & 1)
                smmu_reg_write(s, off, sz, (smmu_pa_space)(take(&in, 1) & 3), take(&in, 8));
            else
                smmu_reg_read(s, off, sz, (smmu_pa_space)(take(&in, 1) & 3), &v);
            break;
        }
        case 2: { /* a raw command at the NS queue's PROD slot, then bump PROD */
            uint64_t prod = 0, base = 0;
            smmu_reg_read(s, 0x98, 4, SMMU_PAS_NS, &prod);
            smmu_reg_read(s, 0x90, 8, SMMU_PAS_NS, &base);
            unsigned log2 = (unsigned)(base & 31);
            if (log2 > 8)
                log2 = 8;
            uint64_t slot = (base & 0x00FFFFFFFFFFFFE0ull) + (prod & ((1u << log2) - 1)) * 16;
            fake_mem_wr64(m, slot, SMMU_PAS_NS, take(&in, 8));
            fake_mem_wr64(m, slot + 8, SMMU_PAS_NS, take(&in, 8));
            smmu_reg_write(s, 0x98, 4, SMMU_PAS_NS, (prod + 1) & ((2u << log2) - 1));
            break;
        }
        default: { /* a transaction */
            smmu_txn t;
            memset(&t, 0, sizeof(t));
            t.sid = (uint32_t)take(&in, 1);
            t.ssid = (uint32_t)take(&in, 3);
            uint64_t f = take(&in, 1);
            t.ssv = f & 1;
            t.sec = (smmu_sec_sid)((f >> 1) % 3);
            t.access = (smmu_access)((f >> 3) & 1);
            t.flags = (uint32_t)(f >> 4) & 0xF;
            t.addr = take(&in, 8);
            t.size = 4;
            smmu_result r;
            smmu_translate(s, &t, &r);
            /* The one property that must hold for any input [IHI 0070 3.10.1] */
            if (t.sec == SMMU_SEC_NS && (r.outcome == SMMU_XLATE_OK ||
                                         r.outcome == SMMU_XLATE_BYPASS) &&
                r.pas != SMMU_PAS_NS)
                __builtin_trap();
            break;
        }
        }
    }
    smmu_destroy(s);
    fake_mem_destroy(m);
    return 0;
}
