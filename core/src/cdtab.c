/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Context descriptor tables [IHI 0070 3.3.2, 5.3] and Context Descriptors [5.4]: find the CD
 * of a substream in a linear or 2-level table (through stage 2 when the STE has one), fetch
 * it, and decode it into a validated struct cd_cfg following CdIllegal() [5.4.2].
 *
 * The model implements VMSAv8-64 only (IDR0.TTF = 0b10, IDR5.D128 = 0): CD.AA64 = 0 is
 * ILLEGAL.
 */
#include <stdio.h>
#include <string.h>

#include "bits.h"
#include "cfgcache.h"
#include "check.h"
#include "cdtab.h"
#include "regs_layout.h"
#include "smmuv3/arch.h"
#include "strtab.h"

#define CD_BYTES 64
#define L1CD_BYTES 8

struct cd_ctx {
    struct smmu *s;
    unsigned bank;
    uint64_t addr;
    struct smmu_event *ev;
    const uint64_t *w;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int cd_illegal(const struct cd_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strtab_illegal_v(c->s, c->ev, SMMU_EVT_C_BAD_CD, "CD", c->addr, fmt, ap);
    va_end(ap);
    return -1;
}

/* TG1 has its own encoding (00 reserved, 01 16KB, 10 4KB, 11 64KB) [5.4 TG1]: map it to the
 * TG0 one (00 4KB, 01 64KB, 10 16KB, 11 reserved). */
static unsigned tg1_to_tg0(unsigned tg1)
{
    static const unsigned map[4] = {3, 2, 0, 1};
    return map[tg1 & 3];
}

/* Validate and decode one half (TTB0 or TTB1) whose walks are enabled [5.4 T0SZ, TG0, TTB0;
 * CdIllegal() "Check CD.TxSZ", "Check CD.TTBx"; CDTxSZInvalid()]. */
static int cd_table(const struct cd_ctx *c, unsigned n, unsigned tg0enc, unsigned tgraw,
                    unsigned txsz, uint64_t ttb, unsigned oa_bits, struct walk_cfg *w)
{
    struct smmu *s = c->s;
    const uint64_t *cd = c->w;
    unsigned g = strtab_granule_shift(s, tg0enc);
    if (!g)
        return cd_illegal(c, "TG%u %u selects a %s granule", n, tgraw,
                          tg0enc == 3 ? "reserved" : "not implemented (IDR5.GRANxx)");
    bool ds = smmu_cd_DS(cd) && s->cfg.ds && g != 16; /* DS is RES0 without IDR5.DS */
    unsigned tmax = strtab_txsz_max(s, g);
    unsigned tmin = (s->cfg.vax >= 1 && (g == 16 || ds)) ? 12 : 16;
    /* SMMUv3.0 leaves an out-of-range TxSZ CONSTRAINED UNPREDICTABLE: ILLEGAL here too */
    if (txsz < tmin || txsz > tmax)
        return cd_illegal(c, "T%uSZ %u outside [%u, %u] (%uKB granule, DS %d, VAX %u, STT %d)",
                          n, txsz, tmin, tmax, 1u << (g - 10), ds, s->cfg.vax, s->cfg.stt);
    if (!strtab_addr_fits(ttb, oa_bits))
        return cd_illegal(c, "TTB%u 0x%llx is outside the effective IPS (%u bits)", n,
                          (unsigned long long)ttb, oa_bits);
    if (g != 16 && !ds && !strtab_addr_fits(ttb, 48))
        return cd_illegal(c, "TTB%u 0x%llx is beyond 48 bits with a %uKB granule and DS 0", n,
                          (unsigned long long)ttb, 1u << (g - 10));
    unsigned ia_bits = 64 - txsz;
    int level = strtab_vmsa_start_level(ia_bits, g);
    w->granule_shift = (uint8_t)g;
    w->ia_bits = (uint8_t)ia_bits;
    w->start_level = (int8_t)level;
    w->oa_bits = (uint8_t)oa_bits;
    w->ttb = strtab_vmsa_ttb(ttb, ia_bits, g, level, oa_bits);
    w->ds = ds;
    return 0;
}

int cd_decode(struct smmu *s, unsigned bank, const struct ste_cfg *ste, const uint64_t cd[8],
              uint64_t cd_addr, struct cd_cfg *out, struct smmu_event *ev)
{
    const struct cd_ctx c = {s, bank < BANK_COUNT ? bank : BANK_NS, cd_addr, ev, cd};
    bank = c.bank;
    memset(out, 0, sizeof(*out));
    out->cd_addr = cd_addr;

    if (!smmu_cd_V(cd))
        return cd_illegal(&c, "V is 0");
    /* Fault configuration [5.4 S, A; 5.5] */
    unsigned stall = strtab_stall_model(s, bank);
    if (ste->s1_stalld && smmu_cd_S(cd))
        return cd_illegal(&c, "S 1 but STE.S1STALLD is 1");
    if (s->cfg.term_model && !smmu_cd_A(cd))
        return cd_illegal(&c, "A 0 (RAZ/WI termination) but IDR0.TERM_MODEL is 1");
    if (stall == SMMU_TERMINATE_ONLY && smmu_cd_S(cd))
        return cd_illegal(&c, "S 1 but the stall model is terminate-only");
    if (stall == SMMU_STALL_FORCED && !smmu_cd_S(cd))
        return cd_illegal(&c, "S 0 but the stall model forces stalls");

    /* any-EL2 and EL3 have one VA range: EPDx are IGNORED (effective 0) and the TTB1 fields
     * are RES0 [5.4 EPD0, T1SZ]. CdIllegal() would then check the RES0 T1SZ (0) as an
     * enabled half; this model reads the RES0 as "no TTB1" and never checks it. */
    bool single = ste->regime == REGIME_EL2 || ste->regime == REGIME_EL3;
    bool epd[2] = {single ? false : smmu_cd_EPD0(cd), single ? true : smmu_cd_EPD1(cd)};

    if ((!epd[0] || !epd[1]) &&
        ((s->cfg.ttendian == 2 && smmu_cd_ENDI(cd)) || (s->cfg.ttendian == 3 && !smmu_cd_ENDI(cd))))
        return cd_illegal(&c, "ENDI %u but IDR0.TTENDIAN supports %s-endian tables only",
                          (unsigned)smmu_cd_ENDI(cd), s->cfg.ttendian == 2 ? "little" : "big");
    if (!smmu_cd_AA64(cd))
        return cd_illegal(&c, "AA64 0 selects VMSAv8-32 LPAE, not implemented "
                              "(IDR0.TTF = VMSAv8-64 only)");
    if ((smmu_cd_HA(cd) || smmu_cd_HD(cd)) && s->cfg.httu == 0)
        return cd_illegal(&c, "HA %u HD %u but IDR0.HTTU is 0", (unsigned)smmu_cd_HA(cd),
                          (unsigned)smmu_cd_HD(cd));
    if (smmu_cd_HD(cd) && s->cfg.httu == 1)
        return cd_illegal(&c, "HD 1 but IDR0.HTTU supports the access flag only");
    /* HAFT is RES0: IDR0.HTTU is never 0b11 in this model */
    unsigned asid = (unsigned)smmu_cd_ASID(cd);
    if (!single && !s->cfg.asid16 && (asid >> 8))
        return cd_illegal(&c, "ASID 0x%x has bits [15:8] set but IDR0.ASID16 is 0", asid);

    /* eff_IPS = MIN(IPS, OAS) [5.4 IPS]; the reserved encodings behave as the largest size
     * of the version, which the OAS cap covers */
    unsigned oa_bits = smmu_pa_bits((unsigned)smmu_cd_IPS(cd));
    if (oa_bits > s->cfg.oas_bits)
        oa_bits = s->cfg.oas_bits;
    const unsigned tg[2] = {(unsigned)smmu_cd_TG0(cd), tg1_to_tg0((unsigned)smmu_cd_TG1(cd))};
    const unsigned tgraw[2] = {(unsigned)smmu_cd_TG0(cd), (unsigned)smmu_cd_TG1(cd)};
    const unsigned txsz[2] = {(unsigned)smmu_cd_T0SZ(cd), (unsigned)smmu_cd_T1SZ(cd)};
    const uint64_t ttb[2] = {smmu_cd_TTB0(cd) << 4, smmu_cd_TTB1(cd) << 4};
    const unsigned ir[2] = {(unsigned)smmu_cd_IR0(cd), (unsigned)smmu_cd_IR1(cd)};
    const unsigned orc[2] = {(unsigned)smmu_cd_OR0(cd), (unsigned)smmu_cd_OR1(cd)};
    const unsigned sh[2] = {(unsigned)smmu_cd_SH0(cd), (unsigned)smmu_cd_SH1(cd)};
    const bool nscfg[2] = {smmu_cd_NSCFG0(cd), smmu_cd_NSCFG1(cd)};
    const bool had[2] = {smmu_cd_HAD0(cd), smmu_cd_HAD1(cd)};
    const bool e0pd[2] = {smmu_cd_E0PD0(cd), smmu_cd_E0PD1(cd)};
    const bool tbi[2] = {smmu_cd_TBI0(cd), !single && smmu_cd_TBI1(cd)};

    for (unsigned n = 0; n < 2; n++) {
        struct walk_cfg *w = &out->tt[n];
        if (!epd[n] && cd_table(&c, n, tg[n], tgraw[n], txsz[n], ttb[n], oa_bits, w))
            return -1;
        w->stage = 1;
        w->epd = epd[n];
        w->tbi = tbi[n];
        /* Start-level fetch space: Non-secure streams NS; Secure streams CD.NSCFGx; Realm
         * streams Realm (NSCFGx IGNORED) [5.4 NSCFG0, digest 7.3] */
        w->walk_pas = bank == BANK_S ? (nscfg[n] ? SMMU_PAS_NS : SMMU_PAS_SECURE)
                      : bank == BANK_R ? SMMU_PAS_REALM
                                       : SMMU_PAS_NS;
        /* NSTable / NS are meaningful in Secure regimes, and the leaf NS bit in Realm EL2
         * regimes [digest 7.3] */
        w->secure_tables = bank == BANK_S || (bank == BANK_R && ste->regime != REGIME_EL1);
        if (w->epd)
            continue;
        w->big_endian = smmu_cd_ENDI(cd);
        w->ha = smmu_cd_HA(cd);
        w->hd = smmu_cd_HA(cd) && smmu_cd_HD(cd); /* {HD, HA} = 10 is reserved: no HTTU */
        w->affd = smmu_cd_AFFD(cd);
        w->had = s->cfg.had && had[n];
        /* E0PDx only matter where there is an unprivileged level (EL1, EL2-E2H) */
        w->e0pd = s->cfg.e0pd && e0pd[n] && !single;
        w->fetch_attrs = smmu_cr1_attrs(ir[n], orc[n], sh[n]);
    }

    out->asid = (uint16_t)(single ? 0 : asid); /* no ASID in any-EL2 / EL3 */
    out->aset = smmu_cd_ASET(cd);
    out->mair = smmu_cd_MAIR1(cd) << 32 | smmu_cd_MAIR0(cd);
    out->wxn = smmu_cd_WXN(cd);
    out->uwxn = false; /* UWXN is for VMSAv8-32 LPAE only */
    out->pan = smmu_cd_PAN(cd);
    out->epan = smmu_cd_EPAN(cd) && (s->bank[BANK_NS].idr[3] & SMMU_IDR3_EPAN);
    out->s = smmu_cd_S(cd);
    out->r = smmu_cd_R(cd);
    out->a = smmu_cd_A(cd);
    out->aa64 = true;
    return 0;
}

/* Read an L1CD or a CD at table address `addr` (an IPA when the STE has a stage 2).
 * Returns 0, or -1 with *ev: the stage-2 fault xlate reported, or F_CD_FETCH. */
static int cdtab_fetch(struct smmu *s, unsigned bank, const struct ste_cfg *ste, uint64_t addr,
                       uint32_t ssid, void *buf, size_t len, const char *what,
                       cd_ipa_xlate_fn xlate, void *xlate_arg, struct smmu_event *ev,
                       unsigned *fetches)
{
    uint64_t pa = addr;
    smmu_pa_space pas = s->bank[bank].pas;
    smmu_mem_attrs attrs = ste->cd_fetch_attrs; /* STE.S1CIR/S1COR/S1CSH; stage 2 may change it */
    if (ste->s2) {
        if (!xlate) {
            smmu_log(s, SMMU_LOG_ERROR, "cdtab: no stage-2 translation for the %s IPA 0x%llx",
                     what, (unsigned long long)addr);
            ev->type = SMMU_EVT_F_CD_FETCH;
            ev->fetch_addr = addr;
            return -1;
        }
        if (xlate(xlate_arg, addr, &pa, &pas, &attrs, ev))
            return -1;
    }
    (*fetches)++;
    int rc = smmu_mem_read(s, pa, pas, buf, len, &attrs, ORIG_CD);
    if (rc) {
        /* A GPC fault is reported as an external abort with GPCF=1 [3.25.5, 7.3.10]. */
        smmu_log(s, SMMU_LOG_ERROR, "SID 0x%x: %s reading the %s at PA 0x%llx: F_CD_FETCH",
                 ev->sid, rc == SMMU_MEM_GPF ? "granule protection fault" : "external abort",
                 what, (unsigned long long)pa);
        ev->type = SMMU_EVT_F_CD_FETCH;
        ev->fetch_addr = pa;
        ev->gpcf = rc == SMMU_MEM_GPF;
        return -1;
    }
    if (s->chk) {
        uint64_t w[SMMU_CD_DWORDS];
        for (unsigned i = 0; i < len / 8 && i < SMMU_CD_DWORDS; i++)
            w[i] = le64_load((const uint8_t *)buf + 8 * i);
        if (len == L1CD_BYTES)
            check_fetched_l1(s, bank, true, addr, pa, pas, w[0], ev->sid);
        else
            check_fetched_cd(s, bank, ev->sid, ssid, pa, pas, w, ste);
    }
    if (s->env.trace) {
        uint64_t w[SMMU_CD_DWORDS];
        unsigned n = (unsigned)(len / 8);
        for (unsigned i = 0; i < n && i < SMMU_CD_DWORDS; i++)
            w[i] = le64_load((const uint8_t *)buf + 8 * i);
        smmu_trace_emit(s, n == 1 ? SMMU_TRACE_L1CD : SMMU_TRACE_CD, bank, pa, pas, w, n);
    }
    return 0;
}

static int cdtab_bad_ssid(struct smmu *s, uint32_t ssid, struct smmu_event *ev,
                          const char *why)
{
    smmu_log(s, SMMU_LOG_ERROR, "SID 0x%x SSID 0x%x: %s: C_BAD_SUBSTREAMID", ev->sid, ssid, why);
    ev->type = SMMU_EVT_C_BAD_SUBSTREAMID;
    return -1;
}

/* The caller (translate.c) has applied SSV, S1CDMax and S1DSS [5.2 S1DSS, S1CDMax]: `ssid`
 * is the index of the CD to use, 0 when the transaction has no SubstreamID and the STE
 * has S1CDMax = 0 or S1DSS = 0b10. An index at or beyond 2^S1CDMax is still refused here
 * with C_BAD_SUBSTREAMID. */
int cdtab_lookup(struct smmu *s, unsigned bank, const struct ste_cfg *ste, uint32_t sid,
                 uint32_t ssid, bool fill, cd_ipa_xlate_fn xlate, void *xlate_arg,
                 struct cd_cfg *out, struct smmu_event *ev, unsigned *fetches)
{
    if (bank >= BANK_COUNT)
        bank = BANK_NS;
    if (!ste->s1) {
        smmu_log(s, SMMU_LOG_ERROR, "SID 0x%x: CD lookup for an STE without stage 1", ev->sid);
        return cdtab_bad_ssid(s, ssid, ev, "stage 1 is disabled");
    }
    unsigned cdmax = ste->s1_cdmax;
    if ((uint64_t)ssid >> cdmax) {
        char why[64];
        snprintf(why, sizeof(why), "beyond STE.S1CDMax %u", cdmax);
        return cdtab_bad_ssid(s, ssid, ev, why);
    }
    uint64_t ptr = ste->s1_context_ptr;
    uint64_t cd_addr;
    if (cdmax == 0 || ste->s1_fmt == 0) {
        /* One CD, or a linear table aligned to its size: S1ContextPtr[S1CDMax + 5:6] are
         * RES0; the CONSTRAINED UNPREDICTABLE choice here is to treat them as zero [5.2
         * S1Fmt]. */
        cd_addr = (ptr & ~(SMMU_BIT(cdmax + 6) - 1)) + (uint64_t)ssid * CD_BYTES;
    } else {
        /* 2-level: 4KB leaves of 64 CDs (S1Fmt 01) or 64KB leaves of 1024 (10) [5.2 S1Fmt] */
        unsigned leaf_bits = ste->s1_fmt == 1 ? 6 : 10;
        unsigned l1_bits = cdmax > leaf_bits ? cdmax - leaf_bits : 0;
        unsigned l1_align = l1_bits + 3 > 6 ? l1_bits + 3 : 6;
        uint64_t l1_addr = (ptr & ~(SMMU_BIT(l1_align) - 1)) + (uint64_t)(ssid >> leaf_bits) * 8;
        uint64_t l1cd;
        if (cfgc_l1_lookup(s->cfgc, CFGC_L1CD, bank, sid, l1_addr, &l1cd)) {
            if (s->chk)
                check_used_l1(s, bank, true, l1_addr, l1cd, sid);
        } else {
            uint8_t raw[L1CD_BYTES];
            if (cdtab_fetch(s, bank, ste, l1_addr, ssid, raw, sizeof(raw), "L1CD", xlate,
                            xlate_arg, ev, fetches))
                return -1;
            l1cd = le64_load(raw);
            uint32_t first = ssid & ~(uint32_t)(SMMU_BIT(leaf_bits) - 1);
            if (fill) /* cached valid or not [3.21.3]; a failed fetch is not */
                cfgc_l1_insert(s->cfgc, CFGC_L1CD, bank, sid, first,
                               first | (uint32_t)(SMMU_BIT(leaf_bits) - 1), l1_addr, l1cd);
        }
        char why[128];
        if (!smmu_l1cd_V(&l1cd)) {
            snprintf(why, sizeof(why), "L1CD at 0x%llx is invalid (V 0)",
                     (unsigned long long)l1_addr);
            return cdtab_bad_ssid(s, ssid, ev, why);
        }
        /* L2Ptr[11:0] are taken as zero, and [15:12] too for 64KB leaves (RES0) */
        uint64_t l2 = smmu_l1cd_L2Ptr(&l1cd) << 12;
        if (leaf_bits == 10)
            l2 &= ~(uint64_t)0xffff;
        /* An IPA (range IAS = OAS here) or a PA (range OAS) [digest 4.2] */
        if (!strtab_addr_fits(l2, s->cfg.oas_bits)) {
            snprintf(why, sizeof(why), "L1CD at 0x%llx has L2Ptr 0x%llx beyond the %s (%u bits)",
                     (unsigned long long)l1_addr, (unsigned long long)l2,
                     ste->s2 ? "IAS" : "OAS", s->cfg.oas_bits);
            return cdtab_bad_ssid(s, ssid, ev, why);
        }
        cd_addr = l2 + (uint64_t)(ssid & (uint32_t)(SMMU_BIT(leaf_bits) - 1)) * CD_BYTES;
    }

    uint8_t raw[CD_BYTES];
    if (cdtab_fetch(s, bank, ste, cd_addr, ssid, raw, sizeof(raw), "CD", xlate, xlate_arg, ev,
                    fetches))
        return -1;
    uint64_t cd[SMMU_CD_DWORDS];
    for (unsigned i = 0; i < SMMU_CD_DWORDS; i++)
        cd[i] = le64_load(raw + 8 * i);
    return cd_decode(s, bank, ste, cd, cd_addr, out, ev);
}
