/* SPDX-License-Identifier: Apache-2.0 */
/*
 * smmu_drv - a C11 driver library that programs an Arm SMMUv3 the way firmware and OS drivers
 * do [IHI 0070 3.11 and Appendix B of docs/smmuv3-reference.md], for any SMMUv3 reached through
 * MMIO: the model's core (smmu_reg_read/write), the SystemC module behind a bus, or hardware.
 *
 * The caller supplies two interfaces and the library keeps no global state:
 *   - smmu_drv_mmio: 32- and 64-bit register accesses at an offset from the SMMU base, in a
 *     PA space (the Secure bank answers Secure accesses only);
 *   - smmu_drv_mem: an allocator of table and queue memory and reads/writes of that memory.
 *     A page table or CD table may use another smmu_drv_mem than its driver (a guest's
 *     memory, addressed by IPA, for nested translation).
 *
 * One struct smmu_drv drives one programming interface (Non-secure or Secure; the Realm
 * interface comes with RME). Every function returns an smmu_drv_err; SMMU_DRV_OK is 0.
 *
 *     struct smmu_drv d;
 *     smmu_drv_init(&d, &mmio, &mem, SMMU_SEC_NS);         probe the ID registers
 *     smmu_drv_setup(&d, NULL);                              queues, stream table, SMMUEN
 *     struct smmu_drv_pgtable pt;
 *     smmu_drv_pgtable_init(&d, &pt, &(struct smmu_drv_pgtable_cfg){.stage = 1, ...});
 *     smmu_drv_map(&d, &pt, iova, pa, size, SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE);
 *     struct smmu_drv_cdtab cdt;  smmu_drv_cdtab_init(&d, &cdt, 0, NULL);
 *     smmu_drv_cd_write(&d, &cdt, sid, 0, &pt);
 *     smmu_drv_ste_write(&d, sid, &(struct smmu_drv_ste){.mode = SMMU_DRV_STE_S1, .cdtab = &cdt});
 */
#ifndef SMMU_DRV_H
#define SMMU_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmuv3/smmuv3.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- return codes ---- */
typedef enum smmu_drv_err {
    SMMU_DRV_OK = 0,
    SMMU_DRV_E_INVAL = -1,       /* bad argument (NULL, misaligned, out of range) */
    SMMU_DRV_E_NOMEM = -2,       /* the allocator failed */
    SMMU_DRV_E_IO = -3,          /* an MMIO or memory callback reported an error */
    SMMU_DRV_E_TIMEOUT = -4,     /* an acknowledgement (CR0ACK, GBPA, S_INIT, CMD_SYNC) never came */
    SMMU_DRV_E_UNSUPPORTED = -5, /* the SMMU does not implement what was asked (ID registers) */
    SMMU_DRV_E_CMDQ_FULL = -6,   /* the command queue stayed full */
    SMMU_DRV_E_CMDQ_ERR = -7,    /* the SMMU reported a command error (smmu_drv.last_cerror) */
    SMMU_DRV_E_EXISTS = -8,      /* map: something is already mapped there */
    SMMU_DRV_E_NOT_MAPPED = -9,  /* unmap: nothing mapped there */
    SMMU_DRV_E_RANGE = -10,      /* address or StreamID outside what the tables cover */
    SMMU_DRV_E_STATE = -11       /* called in the wrong state (e.g. before smmu_drv_setup) */
} smmu_drv_err;

/* A short English description; never NULL. */
const char *smmu_drv_strerror(smmu_drv_err err);

/* ---- what the caller supplies ---- */
typedef struct smmu_drv_mmio {
    void *ctx;
    /* offset: from the SMMU base (page 1 at 0x10000, Secure bank at 0x8000). Return 0, or
     * non-zero for a bus error. */
    int (*read32)(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t *val);
    int (*write32)(void *ctx, uint64_t offset, smmu_pa_space pas, uint32_t val);
    int (*read64)(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t *val);
    int (*write64)(void *ctx, uint64_t offset, smmu_pa_space pas, uint64_t val);
} smmu_drv_mmio;

typedef struct smmu_drv_mem {
    void *ctx;
    /* Allocate size bytes aligned to align (a power of two) in PA space pas; the contents
     * are undefined (the library zeroes what it needs). Return 0 and set *addr, or non-zero. */
    int (*alloc)(void *ctx, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr);
    /* Read / write len bytes at addr. Return 0, or non-zero. */
    int (*read)(void *ctx, uint64_t addr, smmu_pa_space pas, void *buf, size_t len);
    int (*write)(void *ctx, uint64_t addr, smmu_pa_space pas, const void *buf, size_t len);
} smmu_drv_mem;

/* ---- features, from the ID registers [IHI 0070 6.3.1-6.3.6] ---- */
typedef struct smmu_drv_features {
    unsigned arch_minor;                 /* AIDR: SMMUv3.<minor> */
    uint32_t iidr;
    bool s1, s2;                         /* IDR0.S1P / S2P */
    bool aarch64_tables;                 /* IDR0.TTF includes AArch64 */
    bool coherent, btm, hyp, ats, pri, msi, sev, vmw, asid16, vmid16, cd2l;
    bool st_2level;                      /* IDR0.ST_LEVEL = 01 */
    unsigned httu;                       /* 0 none, 1 AF, 2 AF + dirty */
    unsigned stall_model, ttendian;
    unsigned sid_bits, ssid_bits;        /* IDR1.SIDSIZE, SSIDSIZE (this bank: S_SIDSIZE) */
    unsigned cmdq_log2max, evtq_log2max, priq_log2max;
    bool ril, fwb, xnx, had, stt, e0pd;  /* IDR3 */
    unsigned oas_bits;                   /* IDR5.OAS decoded */
    bool gran4k, gran16k, gran64k, ds;
    unsigned vax;
    bool secure_impl, sel2;              /* S_IDR1 (read only by a Secure driver; else false) */
} smmu_drv_features;

/* ---- the driver of one programming interface ---- */
typedef struct smmu_drv {
    smmu_drv_mmio mmio;
    smmu_drv_mem mem;
    smmu_sec_sid bank;          /* SMMU_SEC_NS or SMMU_SEC_SECURE */
    smmu_pa_space pas;          /* PA space of its register accesses, queues and tables */
    uint64_t page0;             /* 0 (NS) or 0x8000 (Secure) */
    uint64_t evtq_prod_off, evtq_cons_off; /* NS: page 1; Secure: page 0 [6.3.x S_EVENTQ_*] */
    smmu_drv_features feat;
    bool enabled;               /* smmu_drv_setup() done */
    bool queues_ready;          /* command and event queues programmed */
    /* queues */
    uint64_t cmdq_base;
    unsigned cmdq_log2;
    uint32_t cmdq_prod;         /* the driver's copy of CMDQ_PROD */
    uint64_t evtq_base;
    unsigned evtq_log2;
    uint32_t evtq_cons;
    /* stream table */
    uint64_t strtab_base;
    unsigned strtab_log2;       /* STRTAB_BASE_CFG.LOG2SIZE */
    unsigned strtab_split;      /* 0: linear; else SPLIT */
    /* diagnostics */
    unsigned last_cerror;       /* CMDQ_CONS.ERR of the last SMMU_DRV_E_CMDQ_ERR */
    uint64_t commands_issued;
    unsigned poll_limit;        /* polls before SMMU_DRV_E_TIMEOUT (default 1000) */
} smmu_drv;

/* Bind to interface `bank` and probe the ID registers into d->feat. SMMU_SEC_SECURE needs
 * S_IDR1.SECURE_IMPL (else SMMU_DRV_E_UNSUPPORTED). SMMU_SEC_REALM: SMMU_DRV_E_UNSUPPORTED
 * until the RME interfaces are added (they will be a third layout of page offsets here). */
smmu_drv_err smmu_drv_init(smmu_drv *d, const smmu_drv_mmio *mmio, const smmu_drv_mem *mem,
                           smmu_sec_sid bank);

/* Print the features (one "key: value" per line, each line prefixed) into buf; returns the
 * length written (truncated to size - 1). */
size_t smmu_drv_describe(const smmu_drv *d, char *buf, size_t size);

typedef enum smmu_drv_strtab_fmt {
    SMMU_DRV_STRTAB_AUTO = 0,   /* 2-level when supported and sid_bits > 8, else linear */
    SMMU_DRV_STRTAB_LINEAR = 1,
    SMMU_DRV_STRTAB_2LEVEL = 2
} smmu_drv_strtab_fmt;

typedef struct smmu_drv_setup_opts {
    unsigned cmdq_log2;         /* entries = 2^cmdq_log2, capped at IDR1.CMDQS (0: 8) */
    unsigned evtq_log2;         /* capped at IDR1.EVENTQS (0: 7) */
    unsigned sid_bits;          /* StreamIDs the stream table covers (0: the bank's SIDSIZE,
                                   at most 16) */
    smmu_drv_strtab_fmt strtab_fmt;
    unsigned split;             /* 2-level SPLIT: 6, 8 or 10 (0: 8) */
    bool irqs;                  /* enable the wired EVENTQ and GERROR interrupts */
} smmu_drv_setup_opts;

/* Full initialisation [3.11]: SMMUEN off, (Secure: S_INIT.INV_ALL), CR1/CR2, command and event
 * queues, stream table (every STE invalid: V=0), CMDQEN|EVENTQEN, CFGI_ALL + TLBI-all + SYNC,
 * IRQ_CTRL, SMMUEN. opts may be NULL (defaults). */
smmu_drv_err smmu_drv_setup(smmu_drv *d, const smmu_drv_setup_opts *opts);
/* Clear SMMUEN (GBPA then applies). */
smmu_drv_err smmu_drv_disable(smmu_drv *d);

/* Register access relative to the interface's page 0. */
smmu_drv_err smmu_drv_read32(smmu_drv *d, uint64_t off, uint32_t *val);
smmu_drv_err smmu_drv_write32(smmu_drv *d, uint64_t off, uint32_t val);

/* ---- commands [IHI 0070 4] ---- */
/* Write one 16-byte command (host-order words) and publish CMDQ_PROD. */
smmu_drv_err smmu_drv_cmd_submit(smmu_drv *d, const uint64_t cmd[2]);
/* CMD_SYNC (SIG_NONE) and wait until the SMMU consumed it. On a command error: d->last_cerror
 * is CMDQ_CONS.ERR, the failing command is replaced by a CMD_SYNC, CMDQ_ERR is acknowledged
 * and SMMU_DRV_E_CMDQ_ERR returned. */
smmu_drv_err smmu_drv_cmd_sync(smmu_drv *d);
/* Builders (host-order words; SSec is set for Secure StreamIDs on the Secure queue). */
void smmu_drv_cmd_cfgi_ste(const smmu_drv *d, uint64_t c[2], uint32_t sid, bool leaf);
void smmu_drv_cmd_cfgi_cd(const smmu_drv *d, uint64_t c[2], uint32_t sid, uint32_t ssid, bool leaf);
void smmu_drv_cmd_cfgi_all(const smmu_drv *d, uint64_t c[2]);
void smmu_drv_cmd_tlbi_nh_va(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va, bool leaf);
void smmu_drv_cmd_tlbi_nh_all(uint64_t c[2], uint16_t vmid);
void smmu_drv_cmd_tlbi_s2_ipa(const smmu_drv *d, uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf);
void smmu_drv_cmd_build_sync(uint64_t c[2]);

/* ---- page tables (VMSAv8-64, AArch64 descriptors) [Arm ARM D8.2-D8.3] ---- */
#define SMMU_DRV_PROT_READ (1u << 0)
#define SMMU_DRV_PROT_WRITE (1u << 1)
#define SMMU_DRV_PROT_EXEC (1u << 2)
#define SMMU_DRV_PROT_PRIV (1u << 3)   /* stage 1: privileged accesses only */
#define SMMU_DRV_PROT_DEVICE (1u << 4) /* Device-nGnRE instead of Normal write-back */
#define SMMU_DRV_PROT_NS (1u << 5)     /* stage 1 of a Secure stream: output to Non-secure PA */

typedef struct smmu_drv_pgtable_cfg {
    unsigned stage;             /* 1 or 2 */
    unsigned granule;           /* 4096, 16384 or 65536 */
    unsigned ia_bits;           /* input address size (0: 48, or 40 for stage 2) */
    unsigned oa_bits;           /* output address size, <= 48 (0: min(IDR5.OAS, 48)) */
    uint16_t asid;              /* stage 1: for TLB invalidation */
    uint16_t vmid;              /* stage 2; or stage 1 nested under that VMID */
    /* The memory the tables live in (NULL: the driver's) and its PA space (ignored when mem
     * is NULL: the driver's). A guest's tables are in its IPA space. */
    const smmu_drv_mem *mem;
    smmu_pa_space pas;
} smmu_drv_pgtable_cfg;

typedef struct smmu_drv_pgtable {
    smmu_drv_pgtable_cfg cfg;   /* normalised */
    smmu_drv_mem mem;
    unsigned granule_shift;
    int start_level;
    unsigned root_tables;       /* concatenated start tables (stage 2) */
    uint64_t root;              /* TTB0 / S2TTB */
    uint64_t mapped_bytes, tables;
} smmu_drv_pgtable;

smmu_drv_err smmu_drv_pgtable_init(smmu_drv *d, smmu_drv_pgtable *pt, const smmu_drv_pgtable_cfg *cfg);
/* Map [iova, iova + size) -> [pa, ...) with the largest blocks alignment allows.
 * iova, pa and size must be granule-aligned. SMMU_DRV_E_EXISTS if anything is mapped there
 * (nothing is changed then). No invalidation: new mappings of invalid entries need none. */
smmu_drv_err smmu_drv_map(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t pa,
                          uint64_t size, unsigned prot);
/* Unmap whole leaves covering [iova, iova + size) and invalidate: one TLBI per leaf
 * (stage 1: TLBI_NH_VA with ASID and VMID; stage 2: TLBI_S2_IPA, then TLBI_NH_ALL of the VMID
 * for combined entries), then CMD_SYNC. A range that cuts a block: SMMU_DRV_E_INVAL. */
smmu_drv_err smmu_drv_unmap(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t size);
/* Software walk: the output address of iova (SMMU_DRV_E_NOT_MAPPED if none). */
smmu_drv_err smmu_drv_iova_to_phys(smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t iova,
                                   uint64_t *pa);

/* ---- context descriptors [IHI 0070 5.4] ---- */
typedef struct smmu_drv_cdtab {
    smmu_drv_mem mem;
    smmu_pa_space pas;
    uint64_t base;              /* STE.S1ContextPtr */
    unsigned s1cdmax;           /* log2 of the number of CDs (linear table) */
} smmu_drv_cdtab;

/* A linear CD table of 2^s1cdmax CDs, all invalid. mem NULL: the driver's memory; else the
 * given memory (guest IPA space) in PA space pas. */
smmu_drv_err smmu_drv_cdtab_init(smmu_drv *d, smmu_drv_cdtab *cdt, unsigned s1cdmax,
                                 const smmu_drv_mem *mem, smmu_pa_space pas);
/* The CD for stage-1 tables pt: TTB0, T0SZ, TG0, IPS, ASID, MAIR (Attr0 Normal WB, Attr1
 * Device-nGnRE), AA64, R=1, A=1, EPD1=1, walks write-back inner shareable. */
smmu_drv_err smmu_drv_cd_encode(const smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t cd[8]);
/* Write the CD of ssid for stream sid (words 1..7, then word 0), CMD_CFGI_CD + CMD_SYNC. A CD
 * that was valid is first made invalid (V=0, CFGI_CD, SYNC): break before make. */
smmu_drv_err smmu_drv_cd_write(smmu_drv *d, const smmu_drv_cdtab *cdt, uint32_t sid,
                               uint32_t ssid, const smmu_drv_pgtable *pt);

/* ---- stream table entries [IHI 0070 5.2] ---- */
typedef enum smmu_drv_ste_mode {
    SMMU_DRV_STE_INVALID = 0,   /* V=0: C_BAD_STE on use */
    SMMU_DRV_STE_ABORT,         /* Config 000: abort without an event */
    SMMU_DRV_STE_BYPASS,        /* Config 100 */
    SMMU_DRV_STE_S1,            /* Config 101 */
    SMMU_DRV_STE_S2,            /* Config 110 */
    SMMU_DRV_STE_NESTED         /* Config 111 */
} smmu_drv_ste_mode;

typedef struct smmu_drv_ste {
    smmu_drv_ste_mode mode;
    const smmu_drv_cdtab *cdtab;     /* S1, NESTED (base is an IPA when NESTED) */
    const smmu_drv_pgtable *s2;      /* S2, NESTED: its cfg.vmid is S2VMID */
    bool s1_stall_disable;           /* S1STALLD */
} smmu_drv_ste;

smmu_drv_err smmu_drv_ste_encode(const smmu_drv *d, const smmu_drv_ste *cfg, uint64_t ste[8]);
/* Write the STE of sid [3.21.3]: a valid STE is first made invalid (word 0 with V=0, CFGI_STE,
 * SYNC); then words 1..7, word 0, CMD_CFGI_STE (Leaf=1; Leaf=0 when a level-2 array was just
 * installed, so the L1STD is re-read) + CMD_SYNC. 2-level tables get their level-2 array
 * (2^SPLIT invalid STEs) on first use. */
smmu_drv_err smmu_drv_ste_write(smmu_drv *d, uint32_t sid, const smmu_drv_ste *cfg);
/* The address of sid's STE (SMMU_DRV_E_NOT_MAPPED if its level-2 array does not exist). */
smmu_drv_err smmu_drv_ste_addr(smmu_drv *d, uint32_t sid, uint64_t *addr);

/* ---- events [IHI 0070 7.3] ---- */
typedef struct smmu_drv_event {
    uint64_t raw[4];
    unsigned type;
    const char *name;           /* smmu_event_name() */
    uint32_t sid, ssid;
    bool ssv;
    bool rnw, pnu, ind, s2;
    unsigned cls;               /* CLASS: 0 CD, 1 TT, 2 IN */
    uint64_t input_addr;        /* InputAddr (translation faults, F_UUT...) */
    uint64_t ipa;               /* IPA (stage-2 faults) */
    uint64_t fetch_addr;        /* FetchAddr (F_WALK_EABT, fetch aborts) */
} smmu_drv_event;

/* Pop one event record. Returns 1 with *ev decoded, 0 if the queue is empty, or a negative
 * smmu_drv_err. An overflow is acknowledged (CONS.OVACKFLG) and reported in *overflow if
 * non-NULL. */
int smmu_drv_event_pop(smmu_drv *d, smmu_drv_event *ev, bool *overflow);
/* Decode a record (four host-order words). */
void smmu_drv_event_decode(const uint64_t raw[4], smmu_drv_event *ev);
/* "F_TRANSLATION sid=0x10 InputAddr=0x30000000 RnW=0 ..." with the fields of that event type
 * (names from the core's event field table). Returns the length (truncated to size - 1). */
size_t smmu_drv_event_format(const smmu_drv_event *ev, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
