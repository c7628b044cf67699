/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Decoded, validated configuration: what strtab.c makes of an STE and cdtab.c of a CD, what
 * the configuration cache holds, and what translate.c and walk.c consume. Everything the
 * fast path needs is precomputed here, so that a cached configuration is used without
 * looking at the raw structure again.
 */
#ifndef SMMU_CONFIG_H
#define SMMU_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "smmuv3/smmuv3.h"

/* Translation regime of a StreamWorld [IHI 0070 3.3.3, 5.2 STRW]. */
enum smmu_regime {
    REGIME_EL1 = 0,     /* NS-EL1, Secure(-EL1), Realm-EL1: ASID + VMID tagged, two ELs */
    REGIME_EL2 = 1,     /* any-EL2: one table (TTB0), no ASID, AP[1] RES1 */
    REGIME_EL2_E2H = 2, /* any-EL2-E2H: two tables, ASID tagged, no VMID */
    REGIME_EL3 = 3      /* EL3 (Secure, no RME): like EL2 */
};

/* One stage's table walk configuration, for walk.c. Produced by STE (stage 2) and CD
 * (stage 1, one per TTBx) decoding, already checked for ILLEGAL combinations. */
struct walk_cfg {
    uint64_t ttb;              /* start table address, aligned as the spec says (low bits 0) */
    uint8_t stage;             /* 1 or 2 */
    uint8_t granule_shift;     /* 12 (4K), 14 (16K), 16 (64K) */
    uint8_t ia_bits;           /* input address size: 64 - TxSZ */
    int8_t start_level;        /* -1..3; for stage 2 the start table may be concatenated: its
                                  index takes every IA bit above the level's shift */
    uint8_t oa_bits;           /* effective output size: min(IPS or S2PS, OAS) */
    bool ds;                   /* LPA2 descriptor format (CD.DS / STE.S2DS) */
    bool big_endian;           /* CD.ENDI / STE.S2ENDI */
    bool ha, hd;               /* hardware access flag / dirty state updates */
    bool affd;                 /* AF == 0 does not fault (when !ha) */
    bool had;                  /* stage 1: hierarchical attributes disabled (CD.HADx) */
    bool e0pd;                 /* stage 1: unprivileged accesses fault (CD.E0PDx) */
    bool epd;                  /* stage 1: walks through this TTB are disabled (CD.EPDx) */
    bool tbi;                  /* stage 1: top byte ignored for this half */
    smmu_pa_space walk_pas;    /* PA space of the start-level fetch */
    bool secure_tables;        /* NSTable/NS descriptor bits are meaningful (Secure regimes;
                                  Realm EL2 regimes for the stage-1 NS bit) */
    smmu_mem_attrs fetch_attrs;/* from IRx/ORx/SHx */
};

enum ste_kind {
    STE_ABORT = 0,   /* Config 0b000..0b011: abort silently */
    STE_BYPASS = 4,  /* 0b100 */
    STE_S1 = 5,      /* 0b101 */
    STE_S2 = 6,      /* 0b110 */
    STE_NESTED = 7   /* 0b111 */
};

/* A valid STE, decoded [IHI 0070 5.2]. */
struct ste_cfg {
    uint8_t kind;              /* enum ste_kind (= STE.Config) */
    uint8_t regime;            /* enum smmu_regime (from STRW, CR2.E2H, security state) */
    bool s1, s2;               /* stage 1 / stage 2 translate */
    /* Stage 1 / CD table */
    uint64_t s1_context_ptr;   /* CD or L1CD table (IPA if s2) */
    uint8_t s1_fmt;            /* 0 linear, 1 2-level 4K leaves, 2 2-level 64K leaves */
    uint8_t s1_cdmax;          /* log2 of the number of CDs */
    uint8_t s1_dss;            /* S1DSS */
    bool s1_stalld;
    smmu_mem_attrs cd_fetch_attrs; /* S1CIR/S1COR/S1CSH */
    /* Overrides [IHI 0070 5.2, 13.x]: raw fields, already forced to "incoming" where the
       implementation does not allow the override (IDR1.ATTR_*_OVR) */
    uint8_t memattr, alloccfg, shcfg, nscfg, privcfg, instcfg;
    bool mtcfg;
    bool mev;
    bool ppar;                 /* PPAR: PASID on PRI overflow auto-responses [5.2, 8.1] */
    uint8_t eats;
    uint8_t strw;
    /* Stage 2 */
    uint16_t vmid;             /* S2VMID (also used for S1-only EL1 streams if S2P) */
    bool s2_affd, s2_ptw, s2_hd, s2_ha, s2_s, s2_r, s2_fwb;
    struct walk_cfg s2_walk;   /* Non-secure IPA space (S2TTB...) */
    struct walk_cfg s_s2_walk; /* Secure IPA space (S_S2TTB..., Secure STE with SEL2) */
    bool s2nsw, s2nsa, s2sw, s2sa;
    /* Where the STE was found, for diagnostics */
    uint64_t ste_addr;
};

/* A valid CD, decoded [IHI 0070 5.4]. tt[0] is TTB0, tt[1] TTB1. */
struct cd_cfg {
    struct walk_cfg tt[2];
    uint16_t asid;
    bool aset;
    uint64_t mair;             /* {MAIR1, MAIR0} */
    bool wxn, uwxn, pan, epan;
    bool s, r, a;              /* fault configuration: stall, record, abort (0 = RAZ/WI) */
    bool aa64;
    uint64_t cd_addr;          /* where the CD was found, for diagnostics */
};

#endif
