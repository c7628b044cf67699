/* SPDX-License-Identifier: Apache-2.0 */
/*
 * <smmuv3/drv.h> (libsmmuv3-drv) - a C11 driver library that programs an Arm SMMUv3 the way
 * firmware and OS drivers do [IHI 0070 3.11], for any SMMUv3 reached through MMIO: the model's
 * core (smmu_reg_read/write), the SystemC module behind a bus, or hardware.
 *
 * The caller supplies two interfaces and the library keeps no global state:
 *   - smmu_drv_mmio: 32- and 64-bit register accesses at an offset from the SMMU base, in a
 *     PA space (the Secure bank answers Secure accesses only);
 *   - smmu_drv_mem: an allocator of table and queue memory and reads/writes of that memory.
 *     A page table or CD table may use another smmu_drv_mem than its driver (a guest's
 *     memory, addressed by IPA, for nested translation).
 *
 * One struct smmu_drv drives one programming interface: Non-secure, Secure or (RME) Realm.
 * One struct smmu_drv_root drives the Root control page (RME): the Granule Protection Table
 * (GPT) and the granule protection checks. Every function returns an smmu_drv_err; SMMU_DRV_OK
 * is 0.
 *
 *     struct smmu_drv d;
 *     smmu_drv_init(&d, &mmio, &mem, SMMU_SEC_NS);         probe the ID registers
 *     smmu_drv_setup(&d, NULL);                              queues, stream table, SMMUEN
 *     struct smmu_drv_pgtable pt;
 *     smmu_drv_pgtable_init(&d, &pt, &(struct smmu_drv_pgtable_cfg){.stage = 1, ...});
 *     smmu_drv_map(&d, &pt, iova, pa, size, SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE);
 *     struct smmu_drv_cdtab cdt;  smmu_drv_cdtab_init(&d, &cdt, 0, NULL, SMMU_PAS_NS);
 *     smmu_drv_cd_write(&d, &cdt, sid, 0, &pt);
 *     smmu_drv_ste_write(&d, sid, &(struct smmu_drv_ste){.mode = SMMU_DRV_STE_S1, .cdtab = &cdt});
 *
 * With RME, Root firmware first (docs/driver.md, "Boot order with RME"):
 *     struct smmu_drv_root root;
 *     smmu_drv_root_init(&root, &mmio, &mem, SMMU_DRV_ROOT_PAGE_DEFAULT);
 *     smmu_drv_root_gpt_init(&root, 40, 4096, SMMU_DRV_GPI_NS);
 *     smmu_drv_root_gpt_set(&root, realm_base, realm_size, SMMU_DRV_GPI_REALM);
 *     smmu_drv_root_enable(&root);                          GPCEN, then ACCESSEN
 *     smmu_drv_init(&r, &mmio, &mem, SMMU_SEC_REALM);       the Realm pages via ROOT_IDR0
 */
#ifndef SMMUV3_DRV_H
#define SMMUV3_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmuv3/smmuv3.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The shared library libsmmuv3-drv exports what this header declares and nothing else. */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
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
    bool rme_impl;                       /* IDR0.RME_IMPL: Root control page, GPC */
    bool realm_impl;                     /* ROOT_IDR0.REALM_IMPL (read only by a Realm driver) */
    bool rme_da;                         /* R_IDR1.RME_DA_IMPL (Realm driver) */
} smmu_drv_features;

/* ---- the driver of one programming interface ---- */
typedef struct smmu_drv {
    smmu_drv_mmio mmio;
    smmu_drv_mem mem;
    smmu_sec_sid bank;          /* SMMU_SEC_NS, SMMU_SEC_SECURE or SMMU_SEC_REALM */
    smmu_pa_space pas;          /* PA space of its register accesses, queues and tables */
    uint64_t page0;             /* 0 (NS), 0x8000 (Secure) or O_REALM (Realm) */
    uint64_t evtq_prod_off, evtq_cons_off; /* NS: page 1; Secure: page 0 [6.3.x S_EVENTQ_*];
                                              Realm: Realm page 1 [6.2.9] */
    uint32_t cr0_ro;            /* CR0ACK bits outside the driver's control, ignored when
                                   polling (Realm: R_CR0.ATSCHK, RO) */
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
    /* PRI queue (Non-secure interface with IDR0.PRI; smmu_drv_setup) */
    bool priq_ready;            /* programmed and PRIQEN set */
    uint64_t priq_base;
    unsigned priq_log2;
    uint32_t priq_cons;         /* the driver's copy of PRIQ_CONS (OVACKFLG included) */
} smmu_drv;

/* The offset of the Root control page is IMPLEMENTATION DEFINED [IHI 0070 6.2.6]: it is not
 * discoverable from any register, so a driver that needs it is told. This default is where
 * Arm's FVP (and the model's default configuration) has it. */
#define SMMU_DRV_ROOT_PAGE_DEFAULT UINT64_C(0x20000)

/* Bind to interface `bank` and probe the ID registers into d->feat.
 *  - SMMU_SEC_NS: page 0 / page 1 in Non-secure PA space.
 *  - SMMU_SEC_SECURE: needs S_IDR1.SECURE_IMPL (else SMMU_DRV_E_UNSUPPORTED).
 *  - SMMU_SEC_REALM: needs IDR0.RME_IMPL and ROOT_IDR0.REALM_IMPL (else UNSUPPORTED). The
 *    Realm pages are at O_REALM = 0x20000 + ROOT_IDR0.BA_REALM * 0x10000 [6.2.7], so the
 *    driver reads ROOT_IDR0 once, with a Root PA space access to the Root control page at
 *    SMMU_DRV_ROOT_PAGE_DEFAULT (smmu_drv_init_at() takes another offset). Its registers are
 *    then accessed in Realm PA space, its queues and tables allocated in Realm memory. The
 *    features shared by all interfaces come from SMMU_IDR0..5 (read in Non-secure PA space:
 *    there is no R_IDR5 or R_IIDR [6.2.7]); R_IDR0 overrides STALL_MODEL, MSI, ATS and PRI,
 *    and R_IDR1.RME_DA_IMPL is reported in feat.rme_da. Realm StreamIDs are bounded by
 *    SMMU_IDR1.SIDSIZE (R_IDR1 has no SIDSIZE field). */
smmu_drv_err smmu_drv_init(smmu_drv *d, const smmu_drv_mmio *mmio, const smmu_drv_mem *mem,
                           smmu_sec_sid bank);
/* As smmu_drv_init(), with the Root control page at root_page (used by SMMU_SEC_REALM only;
 * 0: SMMU_DRV_ROOT_PAGE_DEFAULT). */
smmu_drv_err smmu_drv_init_at(smmu_drv *d, const smmu_drv_mmio *mmio, const smmu_drv_mem *mem,
                              smmu_sec_sid bank, uint64_t root_page);

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
    bool irqs;                  /* enable the wired EVENTQ and GERROR interrupts (and PRIQ) */
    /* PRI queue: set up by a Non-secure driver when IDR0.PRI is 1, 2^priq_log2 entries capped
     * at IDR1.PRIQS (0: 7), unless no_priq. */
    unsigned priq_log2;
    bool no_priq;
} smmu_drv_setup_opts;

/* Full initialisation [3.11]: SMMUEN off, (Secure without RME: S_INIT.INV_ALL), CR1/CR2, command and event
 * queues (and the PRI queue: Non-secure, IDR0.PRI), stream table (every STE invalid: V=0), CMDQEN|EVENTQEN, CFGI_ALL + TLBI-all + SYNC,
 * IRQ_CTRL, SMMUEN. opts may be NULL (defaults). With RME the Root firmware must have set
 * ROOT_CR0.ACCESSEN first (smmu_drv_root_enable / smmu_drv_root_access_only): until then the
 * SMMU refuses its own queue and table accesses [6.3.112]. */
smmu_drv_err smmu_drv_setup(smmu_drv *d, const smmu_drv_setup_opts *opts);
/* SMMU_S_INIT.INV_ALL, polled until it reads 0 [6.3.62]: invalidate everything the SMMU may
 * have cached, before first use. It is CONSTRAINED UNPREDICTABLE while any SMMUEN or
 * ROOT_CR0.ACCESSEN is 1 and has no effect while ROOT_CR0.GPCEN is 1, so with RME (where the
 * Root firmware must set ACCESSEN before smmu_drv_setup can use memory) smmu_drv_setup leaves
 * it out and Secure firmware calls this first, before the Root firmware enables accesses.
 * Secure driver only (else SMMU_DRV_E_INVAL). */
smmu_drv_err smmu_drv_secure_inv_all(smmu_drv *d);
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
/* Builders (host-order words; SSec is set for Secure StreamIDs on the Secure queue). On the
 * Realm queue the same commands act on Realm state (every StreamID is a Realm StreamID, no
 * SSec; TLBI_NSNH_ALL invalidates the Realm EL1 regime) [4.1.6, 4.4]. */
void smmu_drv_cmd_cfgi_ste(const smmu_drv *d, uint64_t c[2], uint32_t sid, bool leaf);
void smmu_drv_cmd_cfgi_cd(const smmu_drv *d, uint64_t c[2], uint32_t sid, uint32_t ssid, bool leaf);
void smmu_drv_cmd_cfgi_all(const smmu_drv *d, uint64_t c[2]);
void smmu_drv_cmd_tlbi_nh_va(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va, bool leaf);
void smmu_drv_cmd_tlbi_nh_all(uint64_t c[2], uint16_t vmid);
void smmu_drv_cmd_tlbi_s2_ipa(const smmu_drv *d, uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf);
void smmu_drv_cmd_build_sync(uint64_t c[2]);
/* CMD_ATC_INV [4.5.1]: the span of 4096 << size_log2 bytes (0..52) containing addr; Global
 * only with ssv. */
void smmu_drv_cmd_atc_inv(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool global,
                          uint64_t addr, unsigned size_log2);
/* Range invalidation [4.4.1.1] (needs IDR3.RIL): (num + 1) * 2^scale granules from va / ipa,
 * granule 4096, 16384 or 65536 (TG), ttl the level of the leaves (0: any). */
void smmu_drv_cmd_tlbi_nh_va_range(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va,
                                   bool leaf, unsigned granule, unsigned num, unsigned scale,
                                   unsigned ttl);
void smmu_drv_cmd_tlbi_s2_ipa_range(const smmu_drv *d, uint64_t c[2], uint16_t vmid,
                                    uint64_t ipa, bool leaf, unsigned granule, unsigned num,
                                    unsigned scale, unsigned ttl);

/* ---- page tables (VMSAv8-64, AArch64 descriptors) [Arm ARM D8.2-D8.3] ---- */
#define SMMU_DRV_PROT_READ (1u << 0)
#define SMMU_DRV_PROT_WRITE (1u << 1)
#define SMMU_DRV_PROT_EXEC (1u << 2)
#define SMMU_DRV_PROT_PRIV (1u << 3)   /* stage 1: privileged accesses only */
#define SMMU_DRV_PROT_DEVICE (1u << 4) /* Device-nGnRE instead of Normal write-back */
/* Output to Non-secure PA space: in stage-1 tables of a Secure stream, descriptor NS (bit 5);
 * in stage-2 tables of a Realm driver, descriptor NS (bit 55: 0 Realm, 1 Non-secure)
 * [IHI 0070 3.10.3; Arm ARM D8.3]. Refused (SMMU_DRV_E_INVAL) in Non-secure stage-2 tables,
 * where bit 55 is not an NS bit. */
#define SMMU_DRV_PROT_NS (1u << 5)

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
    /* Stage 1: the CD's fault configuration stalls (CD.S = 1) instead of aborting (A = 1)
     * [3.12, 5.5]: a faulting transaction is held until smmu_drv_resume / smmu_drv_stall_term.
     * Needs STALL_MODEL 00 or 10 (S = 1 is ILLEGAL with 01); STALL_MODEL 10 needs it. */
    bool stall;
} smmu_drv_pgtable_cfg;

typedef struct smmu_drv_pgtable {
    smmu_drv_pgtable_cfg cfg;   /* normalised */
    smmu_sec_sid bank;          /* the interface whose streams use it */
    smmu_drv_mem mem;
    unsigned granule_shift;
    int start_level;
    unsigned root_tables;       /* concatenated start tables (stage 2) */
    uint64_t root;              /* TTB0 / S2TTB */
    uint64_t mapped_bytes, tables;
} smmu_drv_pgtable;

smmu_drv_err smmu_drv_pgtable_init(smmu_drv *d, smmu_drv_pgtable *pt, const smmu_drv_pgtable_cfg *cfg);
/* The sizes smmu_drv_pgtable_init gives a cfg that leaves ia_bits / oa_bits 0, on an SMMU whose
 * OAS is oas_bits: output min(OAS, 48) bits (the largest it accepts); input 48 bits at stage 1,
 * min(OAS, 48, 40) at stage 2. smmu_drv_map refuses addresses beyond them (SMMU_DRV_E_RANGE). */
void smmu_drv_pgtable_default_bits(unsigned oas_bits, unsigned stage, unsigned *ia_bits,
                                   unsigned *oa_bits);
/* Map [iova, iova + size) -> [pa, ...) with the largest blocks alignment allows.
 * iova, pa and size must be granule-aligned. SMMU_DRV_E_EXISTS if anything is mapped there
 * (nothing is changed then). No invalidation: new mappings of invalid entries need none. */
smmu_drv_err smmu_drv_map(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t pa,
                          uint64_t size, unsigned prot);
/* Unmap whole leaves covering [iova, iova + size) and invalidate (stage 1: TLBI_NH_VA with
 * ASID and VMID, Leaf=1; stage 2: TLBI_S2_IPA, then TLBI_NH_ALL of the VMID for combined
 * entries), then CMD_SYNC. With IDR3.RIL, each run of leaves of one level is invalidated by
 * range commands (TG the granule, TTL the level, (NUM+1) * 2^SCALE granules each, as few as
 * the encoding allows: one per 5-bit window of the run's granule count); without it, one
 * command per leaf. A range that cuts a block: SMMU_DRV_E_INVAL. */
smmu_drv_err smmu_drv_unmap(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t size);
/* Invalidate the ATC of the endpoint of sid (PASID ssid with ssv) for [addr, addr + size): one
 * CMD_ATC_INV of the smallest aligned span covering it, then CMD_SYNC, which completes once
 * the endpoint acknowledged [4.5.1, 4.7.3]. */
smmu_drv_err smmu_drv_atc_inv(smmu_drv *d, uint32_t sid, bool ssv, uint32_t ssid, uint64_t addr,
                              uint64_t size);
/* smmu_drv_unmap for tables an ATS stream uses: the SMMU's TLB invalidation and its CMD_SYNC,
 * then the endpoint's ATC invalidation and its CMD_SYNC, the order 4.5.1 requires (the ATC
 * invalidation must not start before the TLB invalidation completed). */
smmu_drv_err smmu_drv_unmap_ats(smmu_drv *d, smmu_drv_pgtable *pt, uint64_t iova, uint64_t size,
                                uint32_t sid, bool ssv, uint32_t ssid);
/* Software walk: the output address of iova (SMMU_DRV_E_NOT_MAPPED if none). */
smmu_drv_err smmu_drv_iova_to_phys(smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t iova,
                                   uint64_t *pa);

/* ---- context descriptors [IHI 0070 5.3, 5.4] ---- */
typedef enum smmu_drv_cd_fmt {
    SMMU_DRV_CD_AUTO = 0,       /* 2-level with 4 KB leaves when IDR0.CD2L and more than 64
                                   CDs (s1cdmax > 6), else linear */
    SMMU_DRV_CD_LINEAR = 1,     /* STE.S1Fmt 00 */
    SMMU_DRV_CD_2L_4K = 2,      /* S1Fmt 01: L1CDs -> 4 KB leaf tables of 64 CDs */
    SMMU_DRV_CD_2L_64K = 3      /* S1Fmt 10: L1CDs -> 64 KB leaf tables of 1024 CDs */
} smmu_drv_cd_fmt;

typedef struct smmu_drv_cdtab {
    smmu_drv_mem mem;
    smmu_pa_space pas;
    uint64_t base;              /* STE.S1ContextPtr: the CD table, or the table of L1CDs */
    unsigned s1cdmax;           /* log2 of the number of CDs (SubstreamIDs) */
    unsigned s1fmt;             /* STE.S1Fmt: 0 linear, 1 2-level 4 KB, 2 2-level 64 KB */
    unsigned leaf_bits;         /* 2-level: log2 of the CDs per leaf table (6 or 10) */
    unsigned leaves;            /* 2-level: leaf tables allocated so far */
} smmu_drv_cdtab;

/* A CD table for 2^s1cdmax SubstreamIDs, every CD invalid. mem NULL: the driver's memory;
 * else the given memory (guest IPA space) in PA space pas. A 2-level table needs IDR0.CD2L
 * (else SMMU_DRV_E_UNSUPPORTED); its leaf tables are allocated on first use. */
smmu_drv_err smmu_drv_cdtab_init_fmt(smmu_drv *d, smmu_drv_cdtab *cdt, unsigned s1cdmax,
                                     smmu_drv_cd_fmt fmt, const smmu_drv_mem *mem,
                                     smmu_pa_space pas);
/* smmu_drv_cdtab_init_fmt(..., SMMU_DRV_CD_AUTO, ...). */
smmu_drv_err smmu_drv_cdtab_init(smmu_drv *d, smmu_drv_cdtab *cdt, unsigned s1cdmax,
                                 const smmu_drv_mem *mem, smmu_pa_space pas);
/* The address of ssid's CD (SMMU_DRV_E_NOT_MAPPED if its leaf table does not exist yet). */
smmu_drv_err smmu_drv_cd_addr(const smmu_drv_cdtab *cdt, uint32_t ssid, uint64_t *addr);
/* The CD for stage-1 tables pt: TTB0, T0SZ, TG0, IPS, ASID, MAIR (Attr0 Normal WB, Attr1
 * Device-nGnRE), AA64, R=1, A=1, S=pt->cfg.stall, EPD1=1, walks write-back inner shareable. */
smmu_drv_err smmu_drv_cd_encode(const smmu_drv *d, const smmu_drv_pgtable *pt, uint64_t cd[8]);
/* Write the CD of ssid for stream sid (words 1..7, then word 0), CMD_CFGI_CD + CMD_SYNC. A CD
 * that was valid is first made invalid (V=0, CFGI_CD, SYNC): break before make. In a 2-level
 * table a missing leaf is allocated (all CDs invalid) and its L1CD written (V=1, L2Ptr)
 * before the CD; the CFGI_CD then has Leaf=0 so that a cached L1CD is dropped too [4.3.4]. */
smmu_drv_err smmu_drv_cd_write(smmu_drv *d, smmu_drv_cdtab *cdt, uint32_t sid,
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

/* STE.S1DSS [5.2]: what a transaction without a SubstreamID gets when the CD table has more
 * than one CD (S1CDMax > 0). */
typedef enum smmu_drv_s1dss {
    SMMU_DRV_S1DSS_TERMINATE = 0,    /* abort, F_STREAM_DISABLED */
    SMMU_DRV_S1DSS_BYPASS = 1,       /* stage 1 bypassed (stage 2 still applies) */
    SMMU_DRV_S1DSS_SSID0 = 2         /* CD 0 (and SubstreamID 0 is then refused) */
} smmu_drv_s1dss;

typedef struct smmu_drv_ste {
    smmu_drv_ste_mode mode;
    const smmu_drv_cdtab *cdtab;     /* S1, NESTED (base is an IPA when NESTED): S1ContextPtr,
                                        S1CDMax, S1Fmt */
    const smmu_drv_pgtable *s2;      /* S2, NESTED: its cfg.vmid is S2VMID */
    bool s1_stall_disable;           /* S1STALLD */
    smmu_drv_s1dss s1dss;            /* S1DSS (used when cdtab->s1cdmax > 0) */
    bool s2_stall;                   /* S2, NESTED: S2S = 1, stage-2 faults stall [3.12]
                                        (STALL_MODEL 00 or 10; 10 needs it) */
    unsigned eats;                   /* STE.EATS [5.2]: 0 no ATS, 1 full ATS, 2 split-stage
                                        (NESTED, needs CR0.ATSCHK); needs IDR0.ATS. Enable
                                        ATS at the endpoint only after this STE is written
                                        [3.9.2] */
} smmu_drv_ste;

smmu_drv_err smmu_drv_ste_encode(const smmu_drv *d, const smmu_drv_ste *cfg, uint64_t ste[8]);
/* Write the STE of sid [3.21.3]: a valid STE is first made invalid (word 0 with V=0, CFGI_STE,
 * SYNC); then words 1..7, word 0, CMD_CFGI_STE (Leaf=1; Leaf=0 when a level-2 array was just
 * installed, so the L1STD is re-read) + CMD_SYNC. 2-level tables get their level-2 array
 * (2^SPLIT invalid STEs) on first use. */
smmu_drv_err smmu_drv_ste_write(smmu_drv *d, uint32_t sid, const smmu_drv_ste *cfg);
/* The address of sid's STE (SMMU_DRV_E_NOT_MAPPED if its level-2 array does not exist). */
smmu_drv_err smmu_drv_ste_addr(smmu_drv *d, uint32_t sid, uint64_t *addr);

/* ---- the Root control page and the GPT (RME) [IHI 0070 3.25, 6.3.110-119; Arm ARM D9] ---- */

/* GPI encodings [Arm ARM D9.6.5]: which PA spaces may access a granule */
enum {
    SMMU_DRV_GPI_NO_ACCESS = 0x0,
    SMMU_DRV_GPI_SECURE = 0x8,
    SMMU_DRV_GPI_NS = 0x9,
    SMMU_DRV_GPI_ROOT = 0xA,
    SMMU_DRV_GPI_REALM = 0xB,
    SMMU_DRV_GPI_ANY = 0xF
};

typedef struct smmu_drv_root {
    smmu_drv_mmio mmio;
    smmu_drv_mem mem;           /* allocates the GPT in Root PA space */
    uint64_t page;              /* offset of the Root control page from the SMMU base */
    uint32_t idr0, iidr;        /* ROOT_IDR0, ROOT_IIDR */
    bool realm_impl, rgptm, bgptm;
    uint64_t realm_page0;       /* O_REALM (when realm_impl) */
    unsigned l0gptsz;           /* bits a level-0 entry covers: 30, 34, 36 or 39 (RO field) */
    unsigned oas_bits;          /* IDR5.OAS: the largest PPS */
    bool gran4k, gran16k, gran64k;
    unsigned poll_limit;
    /* the GPT (smmu_drv_root_gpt_init) */
    unsigned pps;               /* protected PA size in bits */
    unsigned pgs;               /* granule shift: 12, 14 or 16 */
    uint64_t gpt_base;          /* level-0 table (Root PA) */
    uint64_t l0_entries, l1_tables;
    bool gpc_enabled;           /* ROOT_CR0.GPCEN set by this driver */
} smmu_drv_root;

/* Bind to the Root control page at root_page (0: SMMU_DRV_ROOT_PAGE_DEFAULT) and probe it:
 * ROOT_IDR0 (ROOT_IMPL must read 1, else SMMU_DRV_E_UNSUPPORTED), ROOT_IIDR, the RO L0GPTSZ
 * of ROOT_GPT_BASE_CFG, and IDR5 (OAS, granules). Every Root access is in Root PA space. */
smmu_drv_err smmu_drv_root_init(smmu_drv_root *r, const smmu_drv_mmio *mmio,
                                const smmu_drv_mem *mem, uint64_t root_page);
/* Build an empty GPT in Root memory for a pps-bit protected PA space and granule size
 * (4096, 16384 or 65536; IDR5 must have it): the level-0 table (2^(pps-L0GPTSZ) entries,
 * at least 4 KB, aligned to its size), every entry a Block descriptor with gpi. */
smmu_drv_err smmu_drv_root_gpt_init(smmu_drv_root *r, unsigned pps, unsigned granule,
                                    unsigned gpi);
/* Give [pa, pa + size) (granule-aligned, below 2^pps) the GPI gpi: level-0 regions covered
 * whole become Block descriptors; others become Table descriptors to a level-1 table of
 * Granules descriptors (16 GPIs each), allocated on first use with the Block's GPI repeated.
 * A level-1 table is complete before the level-0 descriptor that points to it is written.
 * When this driver has enabled the GPC, the change is then invalidated with ROOT_TLBI
 * (smmu_drv_root_tlbi_range) [IHI 0070 3.25.2: GPT information may be cached]; without
 * ROOT_IDR0.RGPTM the caller must broadcast TLBI RPAOS / PAALLOS from the PE. */
smmu_drv_err smmu_drv_root_gpt_set(smmu_drv_root *r, uint64_t pa, uint64_t size, unsigned gpi);
/* Software walk of the GPT: the GPI of pa. */
smmu_drv_err smmu_drv_root_gpt_get(smmu_drv_root *r, uint64_t pa, unsigned *gpi);
/* ROOT_GPT_BASE / ROOT_GPT_BASE_CFG (PPS, PGS, Inner Shareable write-back fetches), ROOT_TLBI
 * ALL (a new GPT_BASE is only guaranteed used after an invalidation of everything), then
 * ROOT_CR0.GPCEN and then ACCESSEN, each polled on ROOT_CR0ACK [6.3.112-115]. GPCEN is cleared
 * first if it was set (GPT_BASE and GPT_BASE_CFG are RO while it is). */
smmu_drv_err smmu_drv_root_enable(smmu_drv_root *r);
/* ROOT_CR0 = ACCESSEN only: SMMU and client accesses allowed, no granule protection check. */
smmu_drv_err smmu_drv_root_access_only(smmu_drv_root *r);
/* Invalidate cached GPT information [6.3.118-119]: ROOT_TLBI (ALL, or the naturally aligned
 * block of SIZE 4K..512G holding [pa, pa + size), all levels), then ROOT_TLBI_CTRL.RUN = 1
 * polled until it reads 0. Needs ROOT_IDR0.RGPTM (else SMMU_DRV_E_UNSUPPORTED: the PE must
 * broadcast TLBI PAALLOS / RPAOS itself). */
smmu_drv_err smmu_drv_root_tlbi_all(smmu_drv_root *r);
smmu_drv_err smmu_drv_root_tlbi_range(smmu_drv_root *r, uint64_t pa, uint64_t size);

/* ROOT_GPF_FAR / ROOT_GPT_CFG_FAR, decoded [6.3.116-117] */
typedef struct smmu_drv_gpc_fault {
    uint64_t raw;
    bool fault;                 /* FAULT: a fault is recorded */
    bool cfg;                   /* from GPT_CFG_FAR (GPT lookup error), else GPF_FAR */
    smmu_pa_space pas;          /* FPAS: the PA space of the access */
    uint64_t addr;              /* FADDR[55:12] << 12 */
    unsigned faultcode;         /* FAULTCODE: what accessed (event number or SMMU access) */
    unsigned reason;            /* REASON: 1 TRANSLATION, 2 GERROR, 3 TRANSACTION */
    unsigned cfg_err;           /* CFG_ERR (GPT_CFG_FAR) */
} smmu_drv_gpc_fault;

/* Read a FAR (cfg: GPT_CFG_FAR, else GPF_FAR) and, if FAULT is set, clear it (a write with
 * FAULT = 0 zeroes the register, so that the next fault is recorded). */
smmu_drv_err smmu_drv_root_far_pop(smmu_drv_root *r, bool cfg, smmu_drv_gpc_fault *f);
/* "GPF_FAR: Realm PA 0x... FAULTCODE 0x.. REASON ... " (or "no fault"). Returns the length. */
size_t smmu_drv_gpc_fault_format(const smmu_drv_gpc_fault *f, char *buf, size_t size);

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
    /* Translation faults (F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION) only: Stall = 1
     * means the transaction is held; answer it with smmu_drv_resume(sid, stag, ...) or
     * smmu_drv_stall_term [3.12.2, 7.3.12-7.3.15]. */
    bool stall;
    uint16_t stag;
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

/* ---- stalls [IHI 0070 3.12.2, 4.7.1, 4.7.2] ---- */
typedef enum smmu_drv_resume_action {
    SMMU_DRV_RESUME_RETRY = 0,  /* Ac = 1: the transaction is translated again */
    SMMU_DRV_RESUME_ABORT = 1,  /* Ac = 0, Ab = 1: abort reported to the device */
    SMMU_DRV_RESUME_RAZWI = 2   /* Ac = 0, Ab = 0: completes as RAZ/WI (an abort when
                                   IDR0.TERM_MODEL = 1) */
} smmu_drv_resume_action;

/* CMD_RESUME(StreamID, STAG) and CMD_STALL_TERM(StreamID) builders (SSec on the Secure
 * queue, as the other builders). */
void smmu_drv_cmd_resume(const smmu_drv *d, uint64_t c[2], uint32_t sid, uint16_t stag,
                         smmu_drv_resume_action action);
void smmu_drv_cmd_stall_term(const smmu_drv *d, uint64_t c[2], uint32_t sid);
/* Answer the stall event record {sid, stag} (smmu_drv_event.stall), then CMD_SYNC: the resume
 * completes when consumed [4.7.3]; the SYNC reports a command error (CERROR_ILL when this
 * interface's STALL_MODEL is 0b01) as SMMU_DRV_E_CMDQ_ERR. A STAG that matches nothing is no
 * error (the command does nothing [4.7.1]). SMMU_DRV_E_INVAL for a bad action. */
smmu_drv_err smmu_drv_resume(smmu_drv *d, uint32_t sid, uint16_t stag,
                             smmu_drv_resume_action action);
/* Terminate (abort) every stalled transaction of sid, then CMD_SYNC [4.7.2]. Issue it after
 * the STE of sid aborts new traffic (STE write + CFGI + SYNC) [4.7.2.1]. */
smmu_drv_err smmu_drv_stall_term(smmu_drv *d, uint32_t sid);
/* ---- PRI: the PRI queue and PRG responses [IHI 0070 ch. 8, 4.5.2] ----
 * A PCIe endpoint with PRI sends Page Requests (PPRs) in groups (PRGs, one PRGIndex, the last
 * one with Last == 1). Software makes the pages present, then answers the group once with
 * CMD_PRI_RESP; the endpoint then retries its Translation Request:
 *     smmu_drv_pri_request req;
 *     while (smmu_drv_pri_pop(&d, &req, NULL) == 1)
 *         if (req.last && !req.stop) {
 *             smmu_drv_map(&d, &pt, req.addr, pa_for(req.addr), 4096, prot);
 *             smmu_drv_pri_respond(&d, &req, SMMU_DRV_PRI_SUCCESS);
 *         }
 */
typedef struct smmu_drv_pri_request {
    uint64_t raw[2];            /* the entry, host-order words */
    uint32_t sid, ssid;         /* ssid valid when ssv */
    bool ssv;
    uint64_t addr;              /* page address (bits [11:0] zero) */
    uint16_t prgi;              /* PRGIndex */
    bool last, write, read, exec, priv; /* exec and priv are 0 without a PASID */
    bool stop;                  /* a Stop PASID marker (SSV == 1, LWR == 0b100): not answered */
} smmu_drv_pri_request;

/* CMD_PRI_RESP.Resp [4.5.2]; the endpoint receives the PCIe code of 8.3 */
typedef enum smmu_drv_pri_resp_code {
    SMMU_DRV_PRI_FAILURE = 0,   /* ResponseFailure (PCIe 0b1111): permanent, non-paging */
    SMMU_DRV_PRI_INVALID = 1,   /* InvalidRequest (0b0001): a page could not be made present */
    SMMU_DRV_PRI_SUCCESS = 2    /* Success (0b0000) */
} smmu_drv_pri_resp_code;

/* Pop one PRI queue entry. Returns 1 with *req decoded, 0 if the queue is empty, or a negative
 * smmu_drv_err (SMMU_DRV_E_STATE without a PRI queue). Overflow [8.1.1]: while PRIQ_PROD.OVFLG
 * differs from CONS.OVACKFLG the SMMU writes nothing; the entries already queued are popped
 * first, and when the queue is empty (CONS at PROD.WR) the overflow is acknowledged
 * (CONS.OVACKFLG = OVFLG) and *overflow (if not NULL) is set. A PRG whose Last == 1 entry was
 * not popped before that point was answered by the SMMU: drop it (its PRGIndex may be reused). */
int smmu_drv_pri_pop(smmu_drv *d, smmu_drv_pri_request *req, bool *overflow);
/* Decode an entry (two host-order words). */
void smmu_drv_pri_decode(const uint64_t raw[2], smmu_drv_pri_request *req);
/* "PPR StreamID=0x10 SubstreamID=0x3 PRGIndex=5 addr=0x40000000 RW Last" (Stop markers:
 * "Stop marker ..."). Returns the length (truncated to size - 1). */
size_t smmu_drv_pri_format(const smmu_drv_pri_request *req, char *buf, size_t size);
/* Build CMD_PRI_RESP: StreamID, SubstreamID (with SSV), PRGIndex, Resp. */
void smmu_drv_cmd_pri_resp(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, uint16_t prgi,
                           smmu_drv_pri_resp_code resp);
/* Send CMD_PRI_RESP, then (sync) CMD_SYNC: consumed when it returns. Software that granted
 * endpoints as many credits as the queue has entries must pop a PPR before answering it [8]. */
smmu_drv_err smmu_drv_pri_resp(smmu_drv *d, uint32_t sid, bool ssv, uint32_t ssid, uint16_t prgi,
                               smmu_drv_pri_resp_code resp, bool sync);
/* Answer the PRG of req (its StreamID, PASID if it had one, PRGIndex), with CMD_SYNC. */
smmu_drv_err smmu_drv_pri_respond(smmu_drv *d, const smmu_drv_pri_request *req,
                                  smmu_drv_pri_resp_code resp);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
