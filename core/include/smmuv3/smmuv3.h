/* SPDX-License-Identifier: Apache-2.0 */
/*
 * smmuv3.h - the public C API of the Arm SMMUv3 model.
 *
 * One opaque instance (smmu_t) per modelled SMMU. It is created from a configuration
 * (smmu_config, which decides every ID register) and an environment of callbacks supplied
 * by the embedder (smmu_env: memory, interrupts, MSIs, diagnostics). The core never touches
 * memory itself and holds no global state: two instances share nothing.
 *
 * Two kinds of result are kept apart:
 *   - smmu_status: misuse of this library (bad pointer, bad size). SMMU_OK on success.
 *   - architectural outcomes (smmu_result.outcome, event records, CERROR, GERROR): what the
 *     SMMU does with whatever the guest programmed. A bad STE is not a library error.
 *
 * Re-entrancy: memory callbacks may block (a SystemC wait()). While one call is blocked in
 * a callback, another call may enter the same instance (a second translation, a register
 * write). The core stays consistent; see docs/architecture.md.
 */
#ifndef SMMUV3_SMMUV3_H
#define SMMUV3_SMMUV3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smmuv3/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The shared library exports what this header declares and nothing else (it is built with
 * -fvisibility=hidden). */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* The version of the library linked, "MAJOR.MINOR.PATCH" (never NULL). Compare with
 * SMMU_VERSION_STRING (smmuv3/version.h), the version of the headers compiled against. */
const char *smmu_version(void);

/* ---------------------------------------------------------------------------------------------
 * Status codes (library misuse only)
 * ------------------------------------------------------------------------------------------- */
typedef enum smmu_status {
    SMMU_OK = 0,
    SMMU_E_INVAL = -1,      /* a NULL pointer, an out-of-range enum, an inconsistent config */
    SMMU_E_NOMEM = -2,      /* allocation failed */
    SMMU_E_ALIGN = -3,      /* register access not naturally aligned (the access was RAZ/WI) */
    SMMU_E_SIZE = -4,       /* register access size other than 4 or 8 (the access was RAZ/WI) */
    SMMU_E_UNSUPPORTED = -5 /* the configuration asks for a feature this model does not have */
} smmu_status;

/* A short English description of a status code; never NULL. */
const char *smmu_strerror(smmu_status status);

/* ---------------------------------------------------------------------------------------------
 * Security: physical address spaces and the security state of a stream (SEC_SID)
 * ------------------------------------------------------------------------------------------- */
typedef enum smmu_pa_space {
    SMMU_PAS_NS = 0,     /* Non-secure */
    SMMU_PAS_SECURE = 1, /* Secure */
    SMMU_PAS_REALM = 2,  /* Realm (RME) */
    SMMU_PAS_ROOT = 3    /* Root (RME) */
} smmu_pa_space;

/* SEC_SID of an incoming transaction [IHI 0070 3.10.1]. A SEC_SID the configuration does not
 * implement never elevates a stream: Secure with SECURE_IMPL=0 is treated as Non-secure. */
typedef enum smmu_sec_sid {
    SMMU_SEC_NS = 0,
    SMMU_SEC_SECURE = 1,
    SMMU_SEC_REALM = 2
} smmu_sec_sid;

/* ---------------------------------------------------------------------------------------------
 * Configuration: decides what is implemented, hence every ID register.
 * Always initialise with smmu_config_init(), then change fields (directly, or by name with
 * smmu_config_set() below): new fields are added at the end, each with its parameter in
 * core/src/params.c, and struct_size lets an older caller's smaller struct keep working.
 * ------------------------------------------------------------------------------------------- */
typedef enum smmu_stall_model {
    SMMU_STALL_AND_TERMINATE = 0, /* IDR0.STALL_MODEL 00 */
    SMMU_TERMINATE_ONLY = 1,      /* 01 */
    SMMU_STALL_FORCED = 2         /* 10 */
} smmu_stall_model;

/* Replacement policy of a cache (a model choice) */
typedef enum smmu_replacement {
    SMMU_REPL_LRU = 0,          /* least recently used way of the set */
    SMMU_REPL_ROUND_ROBIN = 1,  /* a per-set pointer that advances on each fill */
    SMMU_REPL_RANDOM = 2        /* a way drawn from the model's own seeded generator: the same
                                   sequence of fills evicts the same ways in every run */
} smmu_replacement;

typedef struct smmu_config {
    size_t struct_size;          /* sizeof(smmu_config) as the caller compiled it */

    /* SMMU_AIDR: 0..3 for SMMUv3.0 .. SMMUv3.3 */
    unsigned arch_minor;
    /* SMMU_IIDR fields */
    uint16_t iidr_product_id, iidr_implementer;
    uint8_t iidr_variant, iidr_revision;

    /* Translation features (IDR0, IDR3, IDR5) */
    bool stage1, stage2;         /* IDR0.S1P / S2P */
    unsigned oas_bits;           /* 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS) */
    bool gran4k, gran16k, gran64k;
    bool ds;                     /* IDR5.DS: 52-bit addresses with 4K/16K (LPA2) */
    unsigned vax;                /* IDR5.VAX: 0 = 48-bit VA, 1 = 52-bit VA */
    bool asid16, vmid16;         /* IDR0.ASID16 / VMID16 */
    bool vmw;                    /* IDR0.VMW: VMID wildcard in invalidation */
    unsigned httu;               /* IDR0.HTTU: 0 none, 1 access flag, 2 access flag + dirty */
    bool hyp;                    /* IDR0.Hyp: EL2 StreamWorlds */
    bool btm;                    /* IDR0.BTM: broadcast TLB maintenance, delivered with
                                    smmu_tlbi_broadcast / smmu_dvm_sync */
    bool coherent;               /* IDR0.COHACC */
    bool msi;                    /* IDR0.MSI: MSIs supported */
    bool sev;                    /* IDR0.SEV */
    bool ats, pri;               /* IDR0.ATS / PRI */
    bool cd2l;                   /* IDR0.CD2L: 2-level CD tables */
    bool st_2level;              /* IDR0.ST_LEVEL = 01: 2-level stream tables */
    bool term_model;             /* IDR0.TERM_MODEL */
    smmu_stall_model stall_model;/* IDR0.STALL_MODEL (S_IDR0.STALL_MODEL) */
    uint16_t stall_max;          /* IDR5.STALL_MAX */
    unsigned ttendian;           /* IDR0.TTENDIAN: 0 mixed, 2 little only, 3 big only */
    bool ril;                    /* IDR3.RIL: range invalidation (mandatory from v3.2) */
    bool stt;                    /* IDR3.STT: small translation tables */
    bool fwb;                    /* IDR3.FWB: STE.S2FWB */
    bool xnx;                    /* IDR3.XNX: stage-2 XN[1:0] */
    bool had;                    /* IDR3.HAD: CD.HAD0/HAD1 */
    bool e0pd;                   /* IDR3.E0PD */
    bool pbha;                   /* IDR3.PBHA */
    bool attr_types_ovr;         /* IDR1.ATTR_TYPES_OVR */
    bool attr_perms_ovr;         /* IDR1.ATTR_PERMS_OVR */
    unsigned bbml;               /* IDR3.BBML */

    /* Sizes (IDR1) */
    unsigned sid_bits;           /* IDR1.SIDSIZE: 0..32 */
    unsigned ssid_bits;          /* IDR1.SSIDSIZE: 0..20 */
    unsigned cmdq_log2max;       /* IDR1.CMDQS: 0..19 */
    unsigned eventq_log2max;     /* IDR1.EVENTQS: 0..19 */
    unsigned priq_log2max;       /* IDR1.PRIQS: 0..19 */

    /* Secure programming interface */
    bool secure_impl;            /* S_IDR1.SECURE_IMPL */
    bool sel2;                   /* S_IDR1.SEL2: Secure EL2 and Secure stage 2 */
    unsigned s_sid_bits;         /* S_IDR1.S_SIDSIZE */
    bool sams;                   /* S_IDR3.SAMS */

    /* Reset value of SMMU_(S_)GBPA.ABORT (IMPLEMENTATION DEFINED) */
    bool gbpa_abort_at_reset;

    /* Caches (a model choice, not architecture) */
    unsigned tlb_entries;        /* the TCU main TLB's entries; 0 disables it */
    unsigned tlb_ways;           /* associativity (0: fully associative, 1.2); divides tlb_entries */
    unsigned cfg_entries;        /* configuration cache entries (STEs and CDs); 0 disables it */
    unsigned cfg_ways;

    /* RME: Realm Management Extension [IHI 0070 3.25, 6.2.6, 6.3.110-121]. Appended fields:
     * a caller built against the older struct gets the defaults (RME absent). */
    bool rme_impl;               /* Root control page and granule protection checks (GPC);
                                    IDR0.RME_IMPL. Needs arch_minor >= 2. Default false. */
    bool realm_impl;             /* ROOT_IDR0.REALM_IMPL: Realm programming interface (Realm
                                    pages at O_REALM, SEC_SID Realm); needs rme_impl. Default
                                    false. With pri: SMMU_E_UNSUPPORTED (no Realm PRI queue). */
    uint64_t root_page_offset;   /* offset of the Root control page (IMPLEMENTATION DEFINED;
                                    64 KB aligned, outside pages 0/1 and the Realm pages).
                                    Default 0x20000 (Arm FVP). */
    unsigned ba_realm;           /* ROOT_IDR0.BA_REALM (even, < 1024): Realm page 0 at
                                    0x20000 + ba_realm * 0x10000. Default 2 (0x40000). */
    bool rgptm;                  /* ROOT_IDR0.RGPTM: ROOT_TLBI / ROOT_TLBI_CTRL. Default true. */
    bool bgptm;                  /* ROOT_IDR0.BGPTM (recorded only: broadcast TLBI PA is not
                                    modelled). At least one of rgptm/bgptm. Default false. */
    unsigned l0gptsz_bits;       /* ROOT_GPT_BASE_CFG.L0GPTSZ: 30, 34, 36 or 39. Default 30. */

    /* Appended in 1.1 (a caller built against 1.0 gets the default). */
    bool check;                  /* the bring-up checker (docs/bring-up.md). Default false. */
    bool strict_invalidation;    /* invalidate no more than each command must: TTL hints,
                                    Leaf = 1 keeping level-1 descriptors (docs/bring-up.md).
                                    Default false (exact over-invalidation is allowed). */
    bool pps;                    /* IDR3.PPS: a PRI queue overflow auto-response carries the
                                    request's PASID without checking STE.PPAR [8.1]; RES0
                                    without pri or SubstreamIDs. Default false. */

    /* Appended in 1.2: topology (docs/exploration.md), as MMU-600/700 are built. TBUs (each
     * with a micro-TLB and optionally its own main TLB) in front of a TCU (the main TLB of
     * tlb_entries, the configuration cache, walk caches, an IPA cache). Model choices, not
     * architecture: after the required invalidation and CMD_SYNC no result depends on them.
     * Every size 0 turns that cache off; ways 0 = fully associative (ways = entries); a
     * non-zero ways must divide the entries. Defaults: 1 TBU, every new cache off. */
    unsigned tbus;               /* TBUs, 1..64; a transaction names its own (SMMU_TXN_TBU) */
    unsigned utlb_entries;       /* micro-TLB entries of each TBU */
    unsigned utlb_ways;
    smmu_replacement utlb_replacement; /* default lru */
    unsigned tbu_tlb_entries;    /* main TLB of each TBU, behind its micro-TLB */
    unsigned tbu_tlb_ways;
    smmu_replacement tlb_replacement;  /* of the TBU and TCU main TLBs; default round_robin */
    /* Walk caches: table (non-leaf) descriptors of stage 1 and stage 2, one cache per level
     * of the descriptor (with LPA2, level -1 descriptors go with level 0). */
    unsigned wc_s1_l0_entries, wc_s1_l1_entries, wc_s1_l2_entries;
    unsigned wc_s2_l0_entries, wc_s2_l1_entries, wc_s2_l2_entries;
    unsigned wc_ways;            /* of every walk cache */
    unsigned ipa_cache_entries;  /* IPA -> PA of the stage-1 table addresses of nested walks */
    unsigned ipa_cache_ways;

    /* Appended in 1.2: Performance Monitor Counter Groups [IHI 0070 ch. 10; docs/pmcg.md],
     * reached with smmu_pmcg_reg_read / smmu_pmcg_reg_write. Default: none. */
    unsigned pmcg_groups;        /* 0..64 groups; every group sees every transaction */
    unsigned pmcg_counters;      /* counters per group, 1..64 (PMCG_CFGR.NCTR + 1); default 4 */
    unsigned pmcg_counter_bits;  /* 32, 36, 40, 44, 48 or 64 (PMCG_CFGR.SIZE + 1); default 64 */
    /* One group per TBU, then one for the TCU, as on MMU-600/700 (pmcg_groups = tbus + 1):
     * group t counts what TBU t sees, group tbus what the TCU sees (docs/pmcg.md). */
    bool pmcg_per_tbu;
} smmu_config;

/* Fill *cfg with the documented default (docs/configuration.md): a modern MMU-700-class SMMUv3.3
 * with stage 1 and 2, all granules, 48-bit OAS, HTTU access+dirty, MSIs, 2-level tables,
 * Secure interface with Secure stage 2. Returns SMMU_OK, or SMMU_E_INVAL if cfg is NULL. */
smmu_status smmu_config_init(smmu_config *cfg);

/* ---------------------------------------------------------------------------------------------
 * Parameters: every smmu_config field by name, with its type, range, unit and meaning
 * (docs/configuration.md). One table feeds smmu_config_set(), smmu_config_check() (hence
 * smmu_create()), the SystemC module's parameters and the platform's --param / --list-params.
 * Names are the field names ("tlb_entries"); an embedder with several instances prefixes them
 * with the instance's name ("top.smmu.tlb_entries") and strips the prefix before calling here.
 * struct_size is not a parameter.
 * ------------------------------------------------------------------------------------------- */
typedef enum smmu_param_type {
    SMMU_PARAM_BOOL = 0, /* "true" or "false" ("1", "0" also accepted) */
    SMMU_PARAM_UINT = 1, /* decimal or 0x-prefixed hexadecimal, within [min, max] */
    SMMU_PARAM_ENUM = 2  /* one of the names in `allowed`, or its number */
} smmu_param_type;

typedef struct smmu_param_info {
    const char *name;        /* the smmu_config field: "oas_bits" */
    smmu_param_type type;
    uint64_t min, max;       /* UINT, ENUM: the range of the stored value */
    const char *unit;        /* "bits", "entries", "log2(entries)", "bytes", or "" */
    const char *reg;         /* the register field it decides ("IDR5.OAS"), or "" */
    const char *meaning;     /* one line */
    size_t offset, size;     /* where smmu_config holds it (offsetof, sizeof) */
    char allowed[96];        /* the allowed values as text: "0..32", "32, 36, 40, 42, 44, 48 or 52",
                                "true or false", "stall_and_terminate, terminate_only or ..." */
    char default_value[32];  /* its value after smmu_config_init(), as smmu_config_get() prints it */
} smmu_param_info;

/* The number of parameters (indices 0 .. count-1, in smmu_config order). */
size_t smmu_param_count(void);

/* Describe parameter `index`. Returns SMMU_OK, or SMMU_E_INVAL if out is NULL or index is out of
 * range. */
smmu_status smmu_param_describe(size_t index, smmu_param_info *out);

/* The index of the parameter called name. Returns SMMU_OK, or SMMU_E_INVAL if there is none (or
 * a pointer is NULL). */
smmu_status smmu_param_find(const char *name, size_t *index);

/* Set one field from text, checking the value against the field's own range (the rules that
 * involve several fields are smmu_config_check()'s). Returns SMMU_OK; SMMU_E_INVAL for an
 * unknown name, a value that does not parse or is out of range, or a NULL cfg/name/value. On
 * failure *cfg is unchanged and err (if not NULL) receives one line naming the parameter, the
 * value and the rule, truncated to errlen:
 *   unknown parameter "tlb_entrys"
 *   oas_bits 50: must be 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS)
 *   stage1 "maybe": must be true or false (IDR0.S1P) */
smmu_status smmu_config_set(smmu_config *cfg, const char *name, const char *value, char *err,
                            size_t errlen);

/* The value of one field as text ("48", "true", "0x20000", "terminate_only"), as
 * smmu_config_set() accepts it. Returns SMMU_OK; SMMU_E_INVAL for an unknown name or a NULL
 * pointer; SMMU_E_SIZE if buf is too small (len >= 24 is always enough). */
smmu_status smmu_config_get(const smmu_config *cfg, const char *name, char *buf, size_t len);

/* Check a whole configuration with the rules smmu_create() applies: every field in its range,
 * then the rules between fields. Returns SMMU_OK; SMMU_E_INVAL for a value out of its range or
 * a broken rule; SMMU_E_UNSUPPORTED for a valid combination the model lacks (realm_impl with
 * pri); SMMU_E_INVAL for a NULL cfg. err (if not NULL) receives the first problem, naming the
 * parameter(s) and the rule: "sel2 needs secure_impl", "tlb_ways 3 must divide tlb_entries
 * 256", "sid_bits 33: must be 0..32 (IDR1.SIDSIZE)". cfg->struct_size is not checked: the
 * whole struct is read (use smmu_config_init() first). */
smmu_status smmu_config_check(const smmu_config *cfg, char *err, size_t errlen);

/* ---------------------------------------------------------------------------------------------
 * Environment: callbacks the embedder supplies
 * ------------------------------------------------------------------------------------------- */

/* Memory attributes of an SMMU-originated access (table fetch, queue access, MSI). */
typedef struct smmu_mem_attrs {
    uint8_t mair;  /* memory type in MAIR_ELx Attr<n> encoding (0x00 Device-nGnRnE, 0xff WB) */
    uint8_t sh;    /* 0 non-shareable, 2 outer, 3 inner */
} smmu_mem_attrs;

/* Wired interrupt lines. Each is an edge: the core calls irq(ctx, line) once per assertion. */
typedef enum smmu_irq_line {
    SMMU_IRQ_EVENTQ = 0,    /* event queue became non-empty (or overflowed) */
    SMMU_IRQ_PRIQ = 1,
    SMMU_IRQ_CMD_SYNC = 2,  /* CMD_SYNC with CS=SIG_IRQ completed */
    SMMU_IRQ_GERROR = 3,
    SMMU_IRQ_LINES_PER_BANK = 4,
    SMMU_IRQ_GPF_FAR = 12,     /* RME: SMMU_ROOT_GPF_FAR became active */
    SMMU_IRQ_GPT_CFG_FAR = 13  /* RME: SMMU_ROOT_GPT_CFG_FAR became active */
} smmu_irq_line;

typedef enum smmu_log_level {
    SMMU_LOG_ERROR = 0,   /* guest programming error that the SMMU reports architecturally */
    SMMU_LOG_WARN = 1,    /* CONSTRAINED UNPREDICTABLE input, or an unimplemented feature */
    SMMU_LOG_INFO = 2,
    SMMU_LOG_DEBUG = 3
} smmu_log_level;

typedef struct smmu_inval_notice smmu_inval_notice;
typedef struct smmu_trace smmu_trace;

typedef struct smmu_env {
    void *ctx; /* passed to every callback */

    /* Read len bytes at pa in PA space pas. Return 0 on success; any other value is an external
     * abort (the core reports it architecturally). len is 4, 8, 16, 32 or 64, naturally aligned.
     * Required. */
    int (*mem_read)(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                    const smmu_mem_attrs *attrs);
    /* Write len bytes; same rules. Required. */
    int (*mem_write)(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf, size_t len,
                     const smmu_mem_attrs *attrs);
    /* Optional: 64-bit compare-and-swap for HTTU descriptor updates. Sets *old to the value
     * found; writes desired only if it equals expected. Returns 0, or non-zero on abort. When
     * NULL the core reads, compares and writes with mem_read/mem_write (atomic with respect to
     * this model, which is what a single-threaded simulation needs). */
    int (*mem_cas64)(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                     uint64_t desired, uint64_t *old);
    /* Optional: an MSI write of 32-bit data. When NULL, MSIs go through mem_write. Return 0, or
     * non-zero for an abort (reported in GERROR.MSI_*_ABT_ERR). */
    int (*msi_write)(void *ctx, uint64_t pa, smmu_pa_space pas, uint32_t data,
                     const smmu_mem_attrs *attrs);
    /* Optional: a wired interrupt pulse on `line` of programming interface `bank`
     * (SMMU_SEC_NS / SMMU_SEC_SECURE / SMMU_SEC_REALM; ignored for the RME lines). */
    void (*irq)(void *ctx, smmu_sec_sid bank, smmu_irq_line line);
    /* Optional: a WFE wake-up event (IDR0.SEV): CMD_SYNC with CS=SIG_SEV completed, or a
     * command queue that software could have seen full became non-full [4.1.2]. */
    void (*sev)(void *ctx);
    /* Optional: one diagnostic message (no trailing newline). */
    void (*log)(void *ctx, smmu_log_level level, const char *msg);
    /* Optional: cached translations or configuration were invalidated (see smmu_inval_notice),
     * so that the embedder can revoke what it derived from them (DMI pointers). */
    void (*invalidated)(void *ctx, const smmu_inval_notice *notice);
    /* Optional: one record per step of the SMMU's work (see smmu_trace), for trace logs and
     * tools that explain a translation. Costs nothing when NULL. */
    void (*trace)(void *ctx, const smmu_trace *t);
} smmu_env;

/* A trace record. Pointers are valid only during the callback. */
typedef enum smmu_trace_kind {
    SMMU_TRACE_TXN,        /* a translation starts: bank, txn (every smmu_translate call
                              that returns SMMU_OK, TLB hits and debug transactions included) */
    SMMU_TRACE_L1STD,      /* a level-1 stream table descriptor was read: addr, words[0] */
    SMMU_TRACE_STE,        /* an STE was read: addr, words[0..7] */
    SMMU_TRACE_L1CD,       /* a level-1 CD was read: addr (PA), words[0] */
    SMMU_TRACE_CD,         /* a CD was read: addr (PA), words[0..7] */
    SMMU_TRACE_DESC,       /* a translation table descriptor was read: stage, level, addr,
                              words[0] (as in memory, before any HTTU update) */
    SMMU_TRACE_RESULT,     /* that translation ended: bank, txn, result (final, after the
                              granule protection check). Its STE .. DESC and EVENT records
                              come between its TXN and RESULT */
    SMMU_TRACE_COMMAND,    /* a command was consumed, or raised a command error: words[0..1]
                              (zeros and nwords 0 when its read aborted), outcome */
    SMMU_TRACE_EVENT       /* an event record was written: addr, words[0..3] */
} smmu_trace_kind;

struct smmu_trace {
    smmu_trace_kind kind;
    smmu_sec_sid bank;        /* programming interface (security state) concerned */
    unsigned stage;           /* SMMU_TRACE_DESC: 1 or 2 */
    int level;                /* SMMU_TRACE_DESC: -1..3 */
    uint64_t addr;            /* PA of what was read or written */
    smmu_pa_space pas;
    const uint64_t *words;    /* the structure as host-order 64-bit words */
    unsigned nwords;
    const struct smmu_txn *txn;       /* SMMU_TRACE_TXN and SMMU_TRACE_RESULT */
    const struct smmu_result *result; /* SMMU_TRACE_RESULT */
    /* Appended in 1.2 (the core fills the record: a caller built against 1.1 reads less):
     * SMMU_TRACE_COMMAND: 0 (SMMU_CERROR_NONE) when the command was consumed, else the
     * command error it raised instead (SMMU_CERROR_ILL, _ABT, _ATC_INV_SYNC; <smmuv3/arch.h>),
     * which leaves CONS on it [4.1.3]. 0 for the other kinds. */
    unsigned outcome;
};

/* What an invalidation covered. Conservative: it may cover more than the command named. */
struct smmu_inval_notice {
    smmu_sec_sid sec;       /* security state of the streams whose translations may change */
    bool all;               /* everything of that security state */
    bool by_stream;         /* StreamIDs [sid_first, sid_last] (configuration invalidation) */
    uint32_t sid_first, sid_last;
    bool by_address;        /* input addresses [addr, addr + size - 1] of any stream */
    uint64_t addr, size;
};

/* ---------------------------------------------------------------------------------------------
 * Instance
 * ------------------------------------------------------------------------------------------- */
typedef struct smmu smmu_t;

/* Create an instance in its reset state.
 * Returns SMMU_OK and sets *out; SMMU_E_INVAL if cfg, env or out is NULL, a required callback
 * is missing, or a config value is out of its architectural range (the log callback says
 * which); SMMU_E_UNSUPPORTED for a valid feature the model lacks; SMMU_E_NOMEM. */
smmu_status smmu_create(const smmu_config *cfg, const smmu_env *env, smmu_t **out);

/* Install (or, with NULL, remove) the trace callback after creation; it is called with the
 * environment's ctx, like every callback. Returns SMMU_OK, or SMMU_E_INVAL if smmu is NULL. */
smmu_status smmu_set_trace(smmu_t *smmu, void (*trace)(void *ctx, const smmu_trace *t));

/* Destroy an instance. NULL is allowed and does nothing. */
void smmu_destroy(smmu_t *smmu);

/* Return every register and cache to its reset state (a warm reset). Returns SMMU_OK, or
 * SMMU_E_INVAL if smmu is NULL. */
smmu_status smmu_reset(smmu_t *smmu);

/* The configuration the instance was created with (normalised). NULL if smmu is NULL. */
const smmu_config *smmu_get_config(const smmu_t *smmu);

/* ---------------------------------------------------------------------------------------------
 * Registers
 * offset: from the SMMU base (page 0 at 0x0, page 1 at 0x10000, Secure bank at 0x8000, ...).
 * size: 4 or 8 bytes, naturally aligned. pas: the PA space of the CPU access: it decides which
 * banks the access reaches (a Non-secure access to the Secure bank reads zero, writes ignored).
 * ------------------------------------------------------------------------------------------- */

/* Returns SMMU_OK with *val set (0 for RAZ locations); SMMU_E_INVAL for NULL pointers or a bad
 * pas; SMMU_E_SIZE / SMMU_E_ALIGN for an access of another size or alignment (*val = 0: the
 * model's CONSTRAINED UNPREDICTABLE choice is RAZ/WI, and it logs a warning). */
smmu_status smmu_reg_read(smmu_t *smmu, uint64_t offset, unsigned size, smmu_pa_space pas,
                          uint64_t *val);

/* Returns SMMU_OK (also for writes that are architecturally ignored: RO, RAZ/WI, guarded);
 * SMMU_E_INVAL, SMMU_E_SIZE, SMMU_E_ALIGN as for smmu_reg_read (the write is ignored).
 * Writing a CMDQ_PROD consumes commands before this returns (memory callbacks are called). */
smmu_status smmu_reg_write(smmu_t *smmu, uint64_t offset, unsigned size, smmu_pa_space pas,
                           uint64_t val);

/* ---------------------------------------------------------------------------------------------
 * Translation
 * ------------------------------------------------------------------------------------------- */
typedef enum smmu_access {
    SMMU_ACCESS_READ = 0,
    SMMU_ACCESS_WRITE = 1
} smmu_access;

/* Flags of a transaction */
#define SMMU_TXN_PRIV (1u << 0)   /* privileged (PnU = 1) */
#define SMMU_TXN_INSTR (1u << 1)  /* instruction fetch (InD = 1); reads only */
#define SMMU_TXN_NS (1u << 2)     /* incoming NS attribute (Secure/Realm streams, bypass paths) */
#define SMMU_TXN_DEBUG (1u << 3)  /* debug access: no events, no cache fills, no HTTU updates */
#define SMMU_TXN_MEMATTR (1u << 4) /* txn.mair / txn.sh carry the incoming memory attributes;
                                     without it the defaults of IHI 0070 13.1.3 apply (Normal
                                     iWB-oWB, RA, WA, non-transient, Non-shareable) */
#define SMMU_TXN_TRANSLATED (1u << 5) /* AT = Translated: txn.addr comes from an ATS Translation
                                        Completion and is checked against STE.EATS [3.9.1.3] */
#define SMMU_TXN_TBU (1u << 6)  /* txn.tbu names the TBU the transaction enters by (1.2);
                                   without it, TBU 0 */

typedef struct smmu_txn {
    uint32_t sid;             /* StreamID */
    uint32_t ssid;            /* SubstreamID, valid when ssv */
    bool ssv;
    smmu_sec_sid sec;         /* SEC_SID */
    uint64_t addr;            /* input address (VA or IPA) */
    uint32_t size;            /* bytes; the access must not cross the mapping it starts in */
    smmu_access access;
    uint32_t flags;           /* SMMU_TXN_* */
    /* Incoming memory attributes [13.1.1], with SMMU_TXN_MEMATTR: they are what "use
     * incoming" passes on in bypass and under STE/GBPA overrides, and what stage 2 combines
     * with when stage 1 does not translate; stage 1 replaces them [13.1.4-13.1.5]. */
    uint8_t mair;             /* memory type, allocation and transient hints, MAIR Attr<n>
                                 encoding (0x00 Device-nGnRnE .. 0xff Normal WB RAWA) */
    uint8_t sh;               /* shareability: 0 NSH, 2 OSH, 3 ISH (1 behaves as NSH) */
    /* Appended in 1.2, in what was tail padding (sizeof is unchanged): read only with
     * SMMU_TXN_TBU, so that a caller built against 1.1 that leaves it uninitialised gets TBU 0.
     * 0 .. smmu_config.tbus - 1; another value is SMMU_E_INVAL. */
    uint16_t tbu;
} smmu_txn;

typedef enum smmu_outcome {
    SMMU_XLATE_OK = 0,        /* translated (stage 1 and/or stage 2) */
    SMMU_XLATE_BYPASS = 1,    /* passed untranslated (GBPA bypass, STE.Config=100) */
    SMMU_XLATE_ABORT = 2,     /* terminated without an event (GBPA abort, STE.Config=0xx,
                                 SMMUEN=0 on the Realm interface, a granule protection fault
                                 of the output) */
    SMMU_XLATE_FAULT = 3,     /* terminated by an event the SMMU generated: result.event is
                                 its type, event_recorded says whether it was written */
    SMMU_XLATE_RAZWI = 4,     /* terminated as RAZ/WI (CD.A=0 with a stage-1 fault); event and
                                 event_recorded as for FAULT */
    SMMU_XLATE_STALLED = 5    /* held by a stall fault [3.12]: result.event is its type and
                                 result.stag its STAG; the embedder keeps the transaction until
                                 it is resolved (see "Stalls" below) */
} smmu_outcome;

/* Event types [IHI 0070 7.3] */
enum {
    SMMU_EVT_F_UUT = 0x01,
    SMMU_EVT_C_BAD_STREAMID = 0x02,
    SMMU_EVT_F_STE_FETCH = 0x03,
    SMMU_EVT_C_BAD_STE = 0x04,
    SMMU_EVT_F_BAD_ATS_TREQ = 0x05,
    SMMU_EVT_F_STREAM_DISABLED = 0x06,
    SMMU_EVT_F_TRANSL_FORBIDDEN = 0x07,
    SMMU_EVT_C_BAD_SUBSTREAMID = 0x08,
    SMMU_EVT_F_CD_FETCH = 0x09,
    SMMU_EVT_C_BAD_CD = 0x0A,
    SMMU_EVT_F_WALK_EABT = 0x0B,
    SMMU_EVT_F_TRANSLATION = 0x10,
    SMMU_EVT_F_ADDR_SIZE = 0x11,
    SMMU_EVT_F_ACCESS = 0x12,
    SMMU_EVT_F_PERMISSION = 0x13,
    SMMU_EVT_F_TLB_CONFLICT = 0x20,
    SMMU_EVT_F_CFG_CONFLICT = 0x21,
    SMMU_EVT_E_PAGE_REQUEST = 0x24,
    SMMU_EVT_F_VMS_FETCH = 0x25
};

/* The name of an event type ("F_TRANSLATION"), or "UNKNOWN". */
const char *smmu_event_name(unsigned type);
/* The name of a command opcode ("CMD_TLBI_NH_VA"), or a "reserved" text; never NULL. */
const char *smmu_command_name(unsigned opcode);
/* The name of the command whose first two words (host order) are cmd, as drivers name it:
 * CMD_CFGI_ALL for CMD_CFGI_STE_RANGE with Range = 31 [4.3.3], else smmu_command_name() of
 * its opcode. "reserved" text for NULL. */
const char *smmu_command_name_of(const uint64_t cmd[2]);

/* Permission bits of smmu_result.perm */
#define SMMU_PERM_R (1u << 0)
#define SMMU_PERM_W (1u << 1)
#define SMMU_PERM_X (1u << 2)

typedef struct smmu_result {
    smmu_outcome outcome;
    /* OK / BYPASS: */
    uint64_t pa;              /* output address of txn.addr */
    smmu_pa_space pas;        /* output PA space */
    uint8_t mair;             /* output memory type, MAIR Attr encoding */
    uint8_t sh;               /* output shareability: 0 NSH, 2 OSH, 3 ISH */
    uint8_t perm;             /* SMMU_PERM_* this stream has on the whole mapping, for accesses
                                 with the same privilege as txn (read/write/exec) */
    uint64_t map_base;        /* input address of the start of the mapping (page or block) */
    uint64_t map_size;        /* its size in bytes (a power of two); [map_base, +size) maps
                                 linearly to [pa - (addr - map_base), ...) */
    /* FAULT: */
    unsigned event;           /* SMMU_EVT_* that terminated it (FAULT and RAZWI) */
    bool event_recorded;      /* a record was written to an event queue (or accepted behind
                                 a record write still in flight, see docs/choices.md). false
                                 for an event generated but not recorded: by configuration
                                 (CR2.RECINVSID = 0, CD.R = 0, STE.S2R = 0) or dropped (queue
                                 full, disabled or aborted: smmu_stats.events_dropped) */
    /* Cost, for the embedder's timing model */
    bool tlb_hit;
    bool cfg_hit;             /* STE (and CD) came from the configuration cache */
    uint8_t cfg_lookups;      /* configuration-cache lookups made (counted in smmu_stats
                                 cfg_hits or cfg_misses): 1 for the STE, 2 with a CD */
    unsigned fetches;         /* number of memory reads and writes the core made for this */
    /* STALLED (appended in 1.1, in what was tail padding: sizeof is unchanged): */
    uint16_t stag;            /* the STAG of the stall event record (or, event_recorded false,
                                 of the held transaction whose record waits for the queue);
                                 with txn.sec and txn.sid it names the held transaction */
    /* Appended in 1.2, in tail padding: where the translation was found (smmu_hit_where),
     * and how many walk-cache and IPA-cache hits shortened its walk (SMMU_HIT_NONE). With
     * fetches, what a timing model charges (docs/exploration.md). */
    uint8_t hit;
    uint8_t wc_hits;
} smmu_result;

/* smmu_result.hit */
typedef enum smmu_hit_where {
    SMMU_HIT_NONE = 0,        /* not served by a TLB: walked, bypassed, or terminated */
    SMMU_HIT_UTLB = 1,        /* the TBU's micro-TLB */
    SMMU_HIT_TBU_TLB = 2,     /* the TBU's main TLB */
    SMMU_HIT_TCU_TLB = 3      /* the TCU's main TLB (tlb_entries): with no TBU caches, every
                                 TLB hit */
} smmu_hit_where;

/* Translate one transaction.
 * Returns SMMU_OK with *res filled (whatever the architectural outcome); SMMU_E_INVAL if a
 * pointer is NULL, txn has an invalid sec / access value or names (SMMU_TXN_TBU) a TBU
 * >= smmu_config.tbus (res->outcome = SMMU_XLATE_ABORT). */
smmu_status smmu_translate(smmu_t *smmu, const smmu_txn *txn, smmu_result *res);

/* Reusing results, for an embedder that keeps copies of recent translations to save host time
 * (the SystemC module does). A result with tlb_hit set and fetches == 0 (without a
 * configuration cache a hit reads the STE and CD every time) may be reused for a transaction that
 * differs from its txn only in the address bits below 4 KB, with pa moved by the same offset,
 * for as long as smmu_reuse_epoch() returns the value it returned before that translation:
 * the value changes on every TLB and configuration-cache insert, eviction and invalidation,
 * every register write that changes translation, and reset, so a reused result is exactly
 * what smmu_translate would return. 0 means "do not reuse" (granule protection checks are
 * enabled, a trace callback is installed, the checker is on, PMCG counters count, or the
 * topology takes its TBU path: several TBUs, TBU caches or an LRU TCU TLB; for the TBU path see
 * smmu_reuse_words). The core does not see reused results: for statistics that are the
 * same with or without copies, count each as a translation, a TLB hit and cfg_lookups
 * configuration-cache hits (smmu_tlm_stats does). */
uint64_t smmu_reuse_epoch(const smmu_t *smmu);

/* The reuse epochs as words to read inline, for an embedder whose per-access cost matters (the
 * SystemC module reads one on every device access): [smmu_config.tbus] words, word t the epoch
 * of results of transactions that entered TBU t (SMMU_TXN_TBU; TBU 0 without it). Valid until
 * smmu_destroy; NULL for a NULL smmu. (1.2)
 * Without the topology's TBU path (one TBU, no TBU caches, no LRU TCU TLB), word 0 holds
 * smmu_reuse_epoch()'s value at all times, with its rule. On the TBU path (smmu_reuse_epoch() is
 * 0 then), word t is 0 while results of TBU t cannot be reused: TBU t has no micro-TLB, or reuse
 * is off for one of smmu_reuse_epoch()'s other reasons (GPC, trace, checker, PMCG). Otherwise a
 * result of TBU t with tlb_hit set and fetches == 0 (not of a debug transaction, SMMU_TXN_DEBUG,
 * which fills no cache) stands for its repeat, as a micro-TLB hit: the translation left its
 * entry in TBU t's micro-TLB as the most recently used, so a repeat hits there with the same
 * output and cfg_lookups and hit == SMMU_HIT_UTLB, and changes no cache state. It may be
 * reused so, as in smmu_reuse_epoch's rule, for as long as word t holds the value it held right
 * after that translation: the value changes on everything that changes smmu_reuse_epoch's
 * (an LRU TCU TLB's order included) and whenever the state of TBU t's caches changes (a fill,
 * an eviction, an invalidation, a use that changes an LRU order: with LRU micro-TLBs, every
 * change of the TBU's most recently used entry; smmu_reuse_renew below keeps copies through
 * changes of orders). Count each reuse as smmu_reuse_epoch says and as a translation and a
 * micro-TLB hit of TBU t (smmu_tbu_stats). No value other than 0 is ever held by two words, so
 * a copy's word also tells which TBU it belongs to. */
const uint64_t *smmu_reuse_words(const smmu_t *smmu);

/* Renewing a reused micro-TLB hit (1.2), so that an embedder's copies survive changes of LRU
 * orders. Word t also changes when only an order changes: with an LRU micro-TLB whenever
 * another entry of TBU t becomes the most recently used, with LRU main TLBs on their hits. A
 * copy's word then goes stale although its entry still holds the same translation: the repeat
 * would hit it with the same result, making it the micro-TLB's most recently used again.
 * smmu_reuse_renew is that repeat's one effect on the core.
 *
 * smmu_get_reuse_mark: right after smmu_translate returned a reusable result of TBU tbu (as
 * smmu_reuse_words says, word tbu not 0), before any other call that may change the core, the
 * mark of the micro-TLB entry that holds the result (the one it hit, or filled after a hit in a
 * main TLB). SMMU_E_INVAL if a pointer is NULL, tbu >=
 * smmu_config.tbus, or there is no such entry: off the TBU path, no micro-TLB, word tbu is 0,
 * or TBU tbu's last translation neither hit in its micro-TLB nor filled it (as a debug
 * transaction that hit behind the micro-TLB).
 *
 * smmu_reuse_renew: a copy of TBU tbu whose word went stale may be reused once more, as
 * smmu_reuse_words says, if smmu_reuse_renew(smmu, tbu, its mark) returns a value other than
 * 0: then nothing but LRU orders changed since the mark was taken; the core has recorded the
 * repeat's use of the entry (in the LRU order of TBU tbu's micro-TLB, if LRU) and the value is
 * word tbu's now, for the copy to keep as its word. 0: something else changed (a fill, an
 * eviction or invalidation in TBU tbu, a change of anything smmu_reuse_epoch covers, reuse
 * turned off), the mark is another TBU's, or a pointer is NULL or tbu out of range: translate
 * again. A mark that no smmu_get_reuse_mark of this instance gave has an unspecified result
 * (never undefined behaviour). Count the reuse as any other. */
typedef struct smmu_reuse_mark {
    uint64_t contents; /* opaque: the TBU's state apart from LRU orders */
    uint32_t entry;    /* opaque: the micro-TLB's slot */
} smmu_reuse_mark;
smmu_status smmu_get_reuse_mark(const smmu_t *smmu, unsigned tbu, smmu_reuse_mark *out);
uint64_t smmu_reuse_renew(smmu_t *smmu, unsigned tbu, const smmu_reuse_mark *mark);

/* ---------------------------------------------------------------------------------------------
 * Statistics
 * ------------------------------------------------------------------------------------------- */
typedef struct smmu_stats {
    uint64_t translations;
    uint64_t tlb_hits, tlb_misses, tlb_evictions, tlb_invalidated;
    uint64_t cfg_hits, cfg_misses, cfg_invalidated;
    uint64_t walks, table_fetches;
    uint64_t commands;
    uint64_t commands_by_opcode[256];
    uint64_t commands_cfgi_all;    /* of commands_by_opcode[0x04], those with Range = 31:
                                      CMD_CFGI_ALL */
    uint64_t events_by_type[256];  /* events generated, by type: recorded, not recorded by
                                      configuration, or dropped alike (one per FAULT or
                                      RAZWI outcome; debug transactions generate none) */
    uint64_t events_recorded, events_dropped;
} smmu_stats;

/* Copy the counters. Returns SMMU_OK, or SMMU_E_INVAL for NULL pointers. */
smmu_status smmu_get_stats(const smmu_t *smmu, smmu_stats *out);
/* Zero the counters. Returns SMMU_OK, or SMMU_E_INVAL if smmu is NULL. */
smmu_status smmu_clear_stats(smmu_t *smmu);

/* ---------------------------------------------------------------------------------------------
 * Bring-up features (1.1): stalls, ATS, PRI and the bring-up checker. docs/bring-up.md.
 * Their callbacks are installed after creation: smmu_env's size is part of the 1.0 ABI.
 * ------------------------------------------------------------------------------------------- */
typedef struct smmu_stall_resolution smmu_stall_resolution;
typedef struct smmu_atc_inval smmu_atc_inval;
typedef struct smmu_pri_response smmu_pri_response;
typedef struct smmu_finding smmu_finding;

typedef struct smmu_bringup_callbacks {
    size_t struct_size;       /* sizeof(smmu_bringup_callbacks) as the caller compiled it */
    /* Optional: a held (STALLED) transaction was resolved (called from inside the register
     * write or smmu_reset that resolved it; it may call smmu_translate). Without it, poll
     * smmu_stall_status. */
    void (*stall_resolved)(void *ctx, const smmu_stall_resolution *r);
    /* Optional (ATS): send an ATC invalidation to the endpoint of inv->sid; the endpoint's
     * acknowledgement comes back through smmu_atc_inval_complete (which may be called from
     * inside this callback). Without it, ATC invalidations complete at once. */
    void (*atc_inval)(void *ctx, const smmu_atc_inval *inv);
    /* Optional (PRI): a PRG response to the endpoint of r->sid (CMD_PRI_RESP, or an automatic
     * response of the SMMU [8.1, 8.2]). */
    void (*pri_response)(void *ctx, const smmu_pri_response *r);
    /* Optional: one bring-up checker finding. Without it, findings go to env.log at
     * SMMU_LOG_ERROR. */
    void (*finding)(void *ctx, const smmu_finding *f);
} smmu_bringup_callbacks;

/* Install the callbacks (ctx is env.ctx); NULL removes them all. Returns SMMU_OK, or
 * SMMU_E_INVAL for a NULL smmu or a struct_size of 0. */
smmu_status smmu_set_bringup_callbacks(smmu_t *smmu, const smmu_bringup_callbacks *cb);

/* --- Stalls [IHI 0070 3.12, 4.7.1, 4.7.2] ---
 * A stall-eligible fault with a stall configuration (CD.S, STE.S2S) holds the transaction:
 * smmu_translate returns SMMU_XLATE_STALLED with result.event and result.stag. The embedder
 * keeps the transaction until it is resolved (CMD_RESUME, CMD_STALL_TERM, SMMUEN 1 -> 0, reset,
 * or, for a stall whose record the Event queue could not take (event_recorded false), the
 * queue becoming writable); then RETRY means "translate the same txn again" (a new transaction
 * [4.7.1]), ABORT and RAZWI mean "complete it with that response". Debug transactions never
 * stall. */
typedef enum smmu_stall_action {
    SMMU_STALL_HELD = 0,      /* not resolved yet */
    SMMU_STALL_RETRY = 1,
    SMMU_STALL_ABORT = 2,
    SMMU_STALL_RAZWI = 3
} smmu_stall_action;

struct smmu_stall_resolution {
    smmu_sec_sid sec;         /* the transaction's SEC_SID (SSec of the command) */
    uint32_t sid;
    uint16_t stag;
    smmu_stall_action action;
};

/* The state of the held transaction {sec, sid, stag}: SMMU_STALL_HELD while it is held; the
 * first call after its resolution returns the action (RETRY, ABORT or RAZWI) and forgets it,
 * so that each resolution is reported once (with stall_resolved installed, the callback
 * reports it instead and this call never sees it resolved). Returns SMMU_OK with *action, or
 * SMMU_E_INVAL for bad arguments or a {sec, sid, stag} that names no held transaction nor an
 * unreported resolution. docs/bring-up.md. */
smmu_status smmu_stall_status(smmu_t *smmu, smmu_sec_sid sec, uint32_t sid, uint16_t stag,
                              smmu_stall_action *action);

/* --- ATS [IHI 0070 3.9, 4.5.1, 13.6, 13.7] --- */
typedef enum smmu_ats_status {
    SMMU_ATS_SUCCESS = 0,
    SMMU_ATS_UR = 1,          /* Unsupported Request */
    SMMU_ATS_CA = 2           /* Completer Abort */
} smmu_ats_status;

typedef struct smmu_ats_completion {
    smmu_ats_status status;
    uint64_t addr;            /* translated address (PA, or IPA with split-stage EATS = 10),
                                 aligned to size; 0 in a completion granting no access */
    uint64_t size;            /* bytes: a power of two, at least 4096 (the S encoding): the
                                 page or block (stage 1 and 2 intersected), one STU when no
                                 access is granted, one physical granule with GPC active */
    bool r, w, x, priv, global, u, n;  /* completion bits [13.6, 13.7]; u and n are always 0 */
    unsigned event;           /* SMMU_EVT_* generated (0 if none) and whether it was recorded */
    bool event_recorded;
} smmu_ats_completion;

/* Answer a Translation Request [3.9.1.2; docs/bring-up.md "ATS"]. req: sid, ssid/ssv (PASID),
 * sec, addr, size (bytes asked for: F_BAD_ATS_TREQ's Span); access WRITE asks for write
 * permission (NW = 0), READ does not (NW = 1); with a PASID, SMMU_TXN_PRIV / SMMU_TXN_INSTR ask
 * for Priv / Exe. Never stalls. Without IDR0.ATS: UR, no event. Returns SMMU_OK with *out
 * filled; SMMU_E_INVAL (out->status UR) for NULL pointers or an invalid sec / access. */
smmu_status smmu_ats_translate(smmu_t *smmu, const smmu_txn *req, smmu_ats_completion *out);

struct smmu_atc_inval {
    uint64_t id;              /* pass to smmu_atc_inval_complete */
    smmu_sec_sid sec;
    uint32_t sid, ssid;
    bool ssv, global;
    uint64_t addr, size;      /* span: size = 4096 << CMD_ATC_INV.Size, addr aligned to it;
                                 Size = 52 (all 2^64 bytes) is addr 0, size 0 */
};

/* The endpoint acknowledged ATC invalidation id (ok), or it timed out (!ok: the CMD_SYNC that
 * waits for it raises CERROR_ATC_INV_SYNC [4.7.3]). A CMD_SYNC completes only after every ATC
 * invalidation consumed before it completed; the command queue goes on from here. Returns
 * SMMU_OK; SMMU_E_INVAL for a NULL smmu or an id that is not outstanding (answered already,
 * or sent before a reset). */
smmu_status smmu_atc_inval_complete(smmu_t *smmu, uint64_t id, bool ok);

/* --- PRI [IHI 0070 ch. 8, 4.5.2] --- */
typedef struct smmu_page_request {
    smmu_sec_sid sec;
    uint32_t sid, ssid;
    bool ssv;
    uint64_t addr;            /* page address; bits [11:0] are ignored */
    bool read, write, exec, priv, last;
    uint16_t prgi;            /* PRG index, 9 bits */
} smmu_page_request;

typedef enum smmu_pri_code {
    SMMU_PRI_SUCCESS = 0x0,
    SMMU_PRI_INVALID_REQUEST = 0x1,
    SMMU_PRI_RESPONSE_FAILURE = 0xF
} smmu_pri_code;

struct smmu_pri_response {
    smmu_sec_sid sec;
    uint32_t sid, ssid;
    bool ssv;
    uint16_t prgi;
    smmu_pri_code code;
    bool automatic;           /* generated by the SMMU (overflow, PRIQ disabled), not software */
};

/* A Page Request from an endpoint: written to the PRI queue, or answered automatically
 * through pri_response [8.1, 8.2]. Returns SMMU_OK, SMMU_E_INVAL for NULL pointers. */
smmu_status smmu_pri_page_request(smmu_t *smmu, const smmu_page_request *req);

/* --- The bring-up checker (smmu_config.check; docs/bring-up.md) --- */
typedef enum smmu_check_rule {
    SMMU_CHECK_STALE_USE = 0,        /* a translation served from a stale cached structure */
    SMMU_CHECK_UNSAFE_LIVE_UPDATE,   /* a live STE/CD observable half-written [3.21.3] */
    SMMU_CHECK_BREAK_BEFORE_MAKE,    /* a valid descriptor changed without break-before-make */
    SMMU_CHECK_UNSYNCED_INVAL,       /* DMA relies on an invalidation no CMD_SYNC completed */
    SMMU_CHECK_QUEUE_MISUSE,         /* queue pointers, bases or CR0 misprogrammed */
    SMMU_CHECK_RULES
} smmu_check_rule;

struct smmu_finding {
    smmu_check_rule rule;
    const char *structure;    /* "STE", "CD", "L1STD", "L1CD", "stage 1 level 3 descriptor",
                                 a register name ... */
    uint64_t addr;            /* its address (PA, or register offset) */
    smmu_pa_space pas;
    const char *message;      /* one sentence: structure, address, change, missing command */
};

/* The rule's name ("stale-use", ...), or "unknown". */
const char *smmu_check_rule_name(smmu_check_rule rule);

/* Tell the checker that software wrote len bytes at pa (call after the write reached memory).
 * A no-op without smmu_config.check. Returns SMMU_OK, SMMU_E_INVAL for NULL pointers. */
smmu_status smmu_observe_write(smmu_t *smmu, uint64_t pa, smmu_pa_space pas, const void *data,
                               size_t len);

typedef struct smmu_bringup_stats {
    size_t struct_size;       /* set by the caller: sizeof(smmu_bringup_stats) */
    uint64_t stalls;                      /* STALLED outcomes */
    uint64_t stalls_retried, stalls_aborted, stalls_razwi;
    uint64_t ats_requests, ats_translated;/* Translation Requests; AT = Translated traffic */
    uint64_t atc_invals;                  /* ATC invalidations sent */
    uint64_t page_requests, priq_entries, pri_auto_responses, pri_responses;
    uint64_t findings[SMMU_CHECK_RULES];
} smmu_bringup_stats;

/* Copy the counters (zeroed by smmu_clear_stats). Returns SMMU_OK, SMMU_E_INVAL for NULL
 * pointers or a struct_size of 0. */
smmu_status smmu_get_bringup_stats(const smmu_t *smmu, smmu_bringup_stats *out);

/* ---------------------------------------------------------------------------------------------
 * Topology counters (1.2; docs/exploration.md): per TBU and for the TCU, zeroed by
 * smmu_clear_stats. smmu_stats.tlb_hits counts a hit at any level (smmu_result.tlb_hit).
 * ------------------------------------------------------------------------------------------- */
typedef struct smmu_tbu_stats {
    size_t struct_size;       /* set by the caller: sizeof(smmu_tbu_stats) */
    uint64_t translations;    /* smmu_translate calls that entered by this TBU */
    uint64_t utlb_hits, utlb_misses;      /* counted with utlb_entries */
    uint64_t tlb_hits, tlb_misses;        /* its main TLB, counted with tbu_tlb_entries */
} smmu_tbu_stats;

typedef struct smmu_tcu_stats {
    size_t struct_size;       /* set by the caller: sizeof(smmu_tcu_stats) */
    uint64_t requests;        /* translations that missed every TLB of their TBU */
    uint64_t tlb_hits, tlb_misses;        /* the TCU's main TLB */
    uint64_t wc_hits[2][3], wc_misses[2][3]; /* walk caches [stage 1, stage 2][level 0..2] */
    uint64_t ipa_hits, ipa_misses;        /* the IPA cache */
} smmu_tcu_stats;

/* Copy the counters of TBU tbu (< smmu_config.tbus), or of the TCU. Return SMMU_OK;
 * SMMU_E_INVAL for NULL pointers, a struct_size of 0 or a TBU that does not exist. */
smmu_status smmu_get_tbu_stats(const smmu_t *smmu, unsigned tbu, smmu_tbu_stats *out);
smmu_status smmu_get_tcu_stats(const smmu_t *smmu, smmu_tcu_stats *out);

/* ---------------------------------------------------------------------------------------------
 * Performance Monitor Counter Groups (1.2) [IHI 0070 ch. 10; docs/pmcg.md]: smmu_config
 * .pmcg_groups groups, each a 128 KB register frame: page 0 at offset 0x0000-0x0FFF, page 1
 * (PMCG_CFGR.RELOC_CTRS = 1: the counters, their shadows, OVSCLR0/OVSSET0, CAPR) at
 * 0x10000-0x10FFF. Where the frames sit in the address map is the embedder's choice (the
 * SystemC module: smmu_tlm's pmcg_socket). Events 0-7 are the architected ones [10.3];
 * docs/pmcg.md lists the IMPLEMENTATION DEFINED ones.
 * ------------------------------------------------------------------------------------------- */
/* Register access to group `group`: size 4 or 8, naturally aligned (64-bit registers may be
 * accessed as two 32-bit halves [10.5]); pas is the PA space of the access (a Non-secure
 * access is RAZ/WI while PMCG_SCR.NSRA = 0). Returns SMMU_OK; SMMU_E_INVAL for a NULL pointer,
 * a group that does not exist, an offset outside the frame or a bad size or alignment. */
smmu_status smmu_pmcg_reg_read(smmu_t *smmu, unsigned group, uint64_t offset, unsigned size,
                               smmu_pa_space pas, uint64_t *val);
smmu_status smmu_pmcg_reg_write(smmu_t *smmu, unsigned group, uint64_t offset, unsigned size,
                                smmu_pa_space pas, uint64_t val);
/* The SMMU clock advanced by `cycles`: event 0 (clock cycle) counts them in every group.
 * The embedder calls it (the core has no clock), at least before each PMCG register access
 * so that software reads up-to-date cycle counts. Returns SMMU_OK, SMMU_E_INVAL for NULL. */
smmu_status smmu_pmcg_cycles(smmu_t *smmu, uint64_t cycles);

typedef struct smmu_pmcg_callbacks {
    size_t struct_size;       /* sizeof(smmu_pmcg_callbacks) as the caller compiled it */
    /* Optional: the wired overflow interrupt of group `group` (an edge, one call per
     * assertion), for an overflow with PMCG_IRQ_CTRL.IRQEN = 1 and PMCG_IRQ_CFG0.ADDR = 0.
     * With ADDR != 0 (CFGR.MSI) the interrupt is an MSI through smmu_env.msi_write. */
    void (*irq)(void *ctx, unsigned group);
} smmu_pmcg_callbacks;
/* Install (or, with NULL, remove) the callbacks; ctx is smmu_env.ctx. Returns SMMU_OK,
 * SMMU_E_INVAL for a NULL smmu or a struct_size of 0. */
smmu_status smmu_set_pmcg_callbacks(smmu_t *smmu, const smmu_pmcg_callbacks *cb);

/* --- Broadcast TLB maintenance [IHI 0070 3.17-3.17.8, 3.21.1; DDI 0487 "TLB maintenance
 * instructions"] ---
 * A PE's TLBI instruction to the SMMU's Shareability domain (Inner Shareable; Outer Shareable
 * from Armv8.4) as the interconnect delivers it (an AMBA DVM TLBI message), and the DSB that
 * completes it (a DVM Sync). It invalidates what the equivalent CMD_TLBI_* command invalidates
 * (docs/bring-up.md has the table) and never touches configuration caches; env.invalidated is
 * called as for commands. Needs smmu_config.btm (IDR0.BTM); a Security state whose
 * SMMU_(S_/R_)CR2.PTM is 1 ignores the broadcasts that target it [6.3.12, 6.3.60, 6.3.131].
 * Operations for a Security state, EL or stage the SMMU does not implement are ignored;
 * combined ones act on the implemented stage [3.17]. The nXS forms are delivered as the plain
 * ones (cached translations have XS = 0 [3.17.8]), AArch32 forms as their AArch64 equivalents
 * (TLBIMVAIS as VAE1, TLBIASIDIS as ASIDE1, ...). */
typedef enum smmu_tlbi_op {
    SMMU_TLBI_VAE1 = 0,   /* VAE1IS / VALE1IS / RVAE1IS / RVALE1IS: by VA and ASID */
    SMMU_TLBI_VAAE1,      /* VAAE1IS / VAALE1IS / RVAAE1IS / RVAALE1IS: by VA, any ASID */
    SMMU_TLBI_ASIDE1,     /* ASIDE1IS: by ASID (global entries kept) */
    SMMU_TLBI_VMALLE1,    /* VMALLE1IS: stage 1 of the VMID */
    SMMU_TLBI_VMALLS12E1, /* VMALLS12E1IS: stages 1 and 2 of the VMID */
    SMMU_TLBI_ALLE1,      /* ALLE1IS: stages 1 and 2 of every VMID of the Security state */
    SMMU_TLBI_IPAS2E1,    /* IPAS2E1IS / IPAS2LE1IS / RIPAS2E1IS / RIPAS2LE1IS: stage 2 by IPA */
    SMMU_TLBI_VAE2,       /* VAE2IS / VALE2IS / RVAE2IS / RVALE2IS: EL2 by VA (and ASID if e2h) */
    SMMU_TLBI_ALLE2,      /* ALLE2IS: every EL2 and EL2-E2H entry of the Security state */
    SMMU_TLBI_VAE3,       /* VAE3IS / VALE3IS / RVAE3IS / RVALE3IS: EL3 by VA */
    SMMU_TLBI_ALLE3,      /* ALLE3IS: every EL3 entry */
    SMMU_TLBI_OPS
} smmu_tlbi_op;

typedef struct smmu_tlbi {
    smmu_tlbi_op op;
    smmu_sec_sid sec;     /* the Security state of the regime it targets (SCR_EL3.{NSE,NS} of
                             the issuing EL); VAE3 / ALLE3 are always Secure (EL3) */
    bool e2h;             /* the EL2&0 regime (StreamWorld any-EL2-E2H): VAE1, VAAE1, ASIDE1,
                             VMALLE1 issued at EL2 with HCR_EL2.{E2H,TGE} = {1,1}, and VAE2 /
                             ALLE2 with HCR_EL2.E2H = 1 [3.17.5] */
    uint16_t vmid;        /* the EL1 operations' VMID: VTTBR_EL2.VMID (VSTTBR_EL2 for Secure
                             EL2); 0 from a PE without EL2 [3.17, 3.17.2.1]. Ignored where the
                             Security state has no stage 2 in the SMMU; zero-extended 8-bit
                             values from 8-bit PEs [3.17.4] */
    uint16_t asid;        /* VAE1, ASIDE1, and VAE2 with e2h (Xt[63:48]) */
    uint64_t addr;        /* VAE*, VAAE1: the VA (all 64 bits: sign-extend VA[55] of the Xt
                             operand); IPAS2E1: the IPA. Bytes; bits below 4 KB ignored */
    bool ipa_ns;          /* IPAS2E1 for Secure: the Non-secure IPA space (Xt[63]) */
    bool leaf;            /* the L forms: last-level entries only */
    bool range;           /* the R forms (FEAT_TLBIRANGE): [addr, addr + (num + 1) <<
                             (5 * scale + 1) granules), addr aligned down to the granule */
    uint8_t tg;           /* granule of the range (1 4 KB, 2 16 KB, 3 64 KB: 0 is reserved for
                             range forms) or of the TTL hint (0: no hint) */
    uint8_t ttl;          /* level hint 1..3, 0 = any (Xt TTL[1:0]; range forms TTL[38:37]) */
    uint8_t scale, num;   /* range forms: SCALE 0..3, NUM 0..31 */
} smmu_tlbi;

/* Deliver one broadcast TLBI. It takes effect before this returns: every cached translation in
 * its scope is removed (and env.invalidated called), and a walk in flight that started before
 * it does not insert its result.
 * Returns SMMU_OK (also when the operation is ignored: PTM = 1, or a Security state / EL /
 * stage the SMMU does not implement; SMMU_LOG_DEBUG says why); SMMU_E_UNSUPPORTED if
 * smmu_config.btm is false (IDR0.BTM = 0: the SMMU takes no part in broadcast maintenance and
 * nothing is invalidated); SMMU_E_INVAL for a NULL pointer, an op or sec out of range, or a
 * range form with tg = 0 or tg, ttl, scale or num out of range (nothing is invalidated). */
smmu_status smmu_tlbi_broadcast(smmu_t *smmu, const smmu_tlbi *tlbi);

/* A DVM Sync (the PE's DSB after broadcast TLBIs) [3.21.1]. It guarantees that every broadcast
 * TLBI delivered before it is complete: no translation that starts after it uses an entry they
 * removed, a walk that was in flight when they arrived inserts nothing, and the event records
 * of translations they affected have been written. In this model each smmu_tlbi_broadcast is
 * complete when it returns, so there is nothing left to wait for. CMD_SYNC does not wait for
 * broadcasts, nor the DVM Sync for commands [4.7.3].
 * Returns SMMU_OK; SMMU_E_UNSUPPORTED without smmu_config.btm; SMMU_E_INVAL for NULL. */
smmu_status smmu_dvm_sync(smmu_t *smmu);

/* The name of an operation ("VAE1"), or "unknown". */
const char *smmu_tlbi_op_name(smmu_tlbi_op op);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* SMMUV3_SMMUV3_H */
