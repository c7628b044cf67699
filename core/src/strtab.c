/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stream tables [IHI 0070 3.3.1, 5.1] and Stream Table Entries [5.2]: find the STE of a
 * StreamID in a linear or 2-level table, fetch it, and decode it into a validated
 * struct ste_cfg following SteIllegal() [5.2.2].
 *
 * Also the VMSAv8-64 configuration rules that CD decoding shares (granules, TxSZ limits,
 * start levels, start-table alignment, stall model): strtab_vmsa_* below.
 *
 * The model implements VMSAv8-64 only (IDR0.TTF = 0b10, IDR5.D128 = 0), so IAS = OAS
 * [IHI 0070 3.4] and every S2AA64 = 0 / CD.AA64 = 0 is ILLEGAL.
 */
#include <stdio.h>
#include <string.h>

#include "bits.h"
#include "cfgcache.h"
#include "check.h"
#include "regs_layout.h"
#include "smmuv3/arch.h"
#include "strtab.h"

/* SMMU_(S_|R_)STRTAB_BASE_CFG.FMT [IHI 0070 6.3.25] */
#define STRTAB_FMT_2LEVEL 1

#define STE_BYTES 64
#define L1STD_BYTES 8

/* ---- VMSAv8-64 rules shared with cdtab.c ---- */

int strtab_illegal_v(struct smmu *s, struct smmu_event *ev, unsigned type, const char *what,
                     uint64_t addr, const char *fmt, va_list ap)
{
    char msg[224];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    ev->type = (uint8_t)type;
    smmu_log(s, SMMU_LOG_ERROR, "%s 0x%llx (SID 0x%x): %s: %s", what, (unsigned long long)addr,
             ev->sid, msg, smmu_event_name(type));
    return -1;
}

bool strtab_addr_fits(uint64_t addr, unsigned bits)
{
    return bits >= 64 || (addr >> bits) == 0;
}

/* Effective STALL_MODEL of a security state [IHI 0070 5.2.2 SteIllegal(), 3.12]: the value
 * the bank's own ID register reports, one source of truth: SMMU_IDR0 (forced to terminate-only
 * by SMMU_S_CR0.NSSTALLD when the Secure model is stall-and-terminate, regs.c), SMMU_S_IDR0,
 * SMMU_R_IDR0 (0b01: "Realm state does not support stall" [6.3.122]). */
unsigned strtab_stall_model(const struct smmu *s, unsigned bank)
{
    return (unsigned)SMMU_FIELD_GET(SMMU_IDR0_STALL_MODEL, s->bank[bank].idr[0]);
}

/* Granule of a TG0 / S2TG encoding (00 4KB, 01 64KB, 10 16KB, 11 reserved) [5.2 S2TG,
 * 5.4 TG0]: the log2 of its size, or 0 if reserved or not implemented (IDR5.GRANxx). */
unsigned strtab_granule_shift(const struct smmu *s, unsigned tg)
{
    switch (tg) {
    case 0: return s->cfg.gran4k ? 12 : 0;
    case 1: return s->cfg.gran64k ? 16 : 0;
    case 2: return s->cfg.gran16k ? 14 : 0;
    }
    return 0;
}

/* Largest valid TxSZ / S2T0SZ [5.2 S2T0SZ, 5.4 T0SZ]: 39 without small translation tables,
 * else 48 (4KB, 16KB) or 47 (64KB). */
unsigned strtab_txsz_max(const struct smmu *s, unsigned granule_shift)
{
    if (!s->cfg.stt)
        return 39;
    return granule_shift == 16 ? 47 : 48;
}

/* The start level a VMSAv8-64 stage-1 walk takes for an ia_bits-bit input [Arm ARM D8.2,
 * digest 8.1]: 3 - floor((ia_bits - 1 - g) / (g - 3)). */
int strtab_vmsa_start_level(unsigned ia_bits, unsigned granule_shift)
{
    unsigned stride = granule_shift - 3;
    if (ia_bits <= granule_shift)
        return 3;
    return 3 - (int)((ia_bits - 1 - granule_shift) / stride);
}

/* The start-table address a walker uses: bits below the start table's size treated as zero
 * (the table holds the remaining IA bits, concatenated tables included), with a 64-byte
 * minimum when the output size is 52 bits [5.2 S2TTB, 5.4 TTB0]. */
uint64_t strtab_vmsa_ttb(uint64_t ttb, unsigned ia_bits, unsigned granule_shift, int level,
                         unsigned oa_bits)
{
    unsigned resolved = granule_shift + (unsigned)(3 - level) * (granule_shift - 3);
    unsigned idx_bits = ia_bits > resolved ? ia_bits - resolved : 0;
    unsigned align_log2 = idx_bits + 3;
    if (align_log2 < 4)
        align_log2 = 4; /* the TTB fields hold address bits [55:4] */
    if (oa_bits >= 52 && align_log2 < 6)
        align_log2 = 6;
    return ttb & ~(SMMU_BIT(align_log2) - 1);
}

/* ---- STE decoding ---- */

struct ste_ctx {
    struct smmu *s;
    unsigned bank;
    uint64_t addr;
    struct smmu_event *ev;
    const uint64_t *w;
};

static const char *const bank_name[BANK_COUNT] = {"Non-secure", "Secure", "Realm"};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int ste_illegal(const struct ste_ctx *c, const char *fmt, ...)
{
    char what[32];
    snprintf(what, sizeof(what), "%s STE", bank_name[c->bank]);
    va_list ap;
    va_start(ap, fmt);
    strtab_illegal_v(c->s, c->ev, SMMU_EVT_C_BAD_STE, what, c->addr, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *granule_name(unsigned shift)
{
    return shift == 12 ? "4KB" : shift == 14 ? "16KB" : "64KB";
}

/* Start level of stage-2 {SL2, SL0} for a granule, or -2 if the encoding is reserved or not
 * usable on this SMMU [Arm ARM AArch64.S2StartLevel / AArch64.S2InvalidSL, digest 8.2; PAMax
 * is the OAS]. *why says which rule failed. */
static int s2_start_level(const struct smmu *s, unsigned g, unsigned sl, bool ds,
                          const char **why)
{
    unsigned pamax = s->cfg.oas_bits;
    *why = NULL;
    if (g == 12) {
        switch (sl) {
        case 0: return 2;
        case 1: return 1;
        case 2:
            if (pamax < 44)
                *why = "level 0 needs an OAS of at least 44 bits";
            return *why ? -2 : 0;
        case 3:
            if (!s->cfg.stt)
                *why = "level 3 start needs IDR3.STT";
            return *why ? -2 : 3;
        case 4:
            if (!ds || pamax < 52)
                *why = "level -1 needs S2DS and a 52-bit OAS";
            return *why ? -2 : -1;
        }
        *why = "reserved encoding";
        return -2;
    }
    switch (sl & 3) {
    case 0: return 3;
    case 1: return 2;
    case 2:
        if (pamax < (g == 14 ? 42u : 44u))
            *why = g == 14 ? "level 1 needs an OAS of at least 42 bits"
                           : "level 1 needs an OAS of at least 44 bits";
        return *why ? -2 : 1;
    default:
        if (g == 16)
            *why = "reserved encoding";
        else if (!ds || pamax < 52)
            *why = "level 0 needs S2DS and a 52-bit OAS";
        return *why ? -2 : 0;
    }
}

/* One stage-2 table configuration (S2TTB with S2TG/S2T0SZ/S2SL0, or S_S2TTB with the S_S2*
 * fields) [5.2 S2T0SZ, S2SL0, S2TG, S2TTB, 5.2.2 SteIllegal()]. The other S2* fields are
 * shared. pfx names the fields in diagnostics ("S2" or "S_S2"). */
static int ste_s2_table(const struct ste_ctx *c, const char *pfx, unsigned tg, unsigned t0sz,
                        unsigned sl, uint64_t ttb, smmu_pa_space walk_pas, struct walk_cfg *w)
{
    struct smmu *s = c->s;
    const uint64_t *ste = c->w;
    unsigned g = strtab_granule_shift(s, tg);
    if (!g)
        return ste_illegal(c, "%sTG %u selects a %s granule", pfx, tg,
                           tg == 3 ? "reserved" : "not implemented (IDR5.GRANxx)");
    /* S2DS is RES0 without IDR5.DS and for a 64KB granule: treated as 0 */
    bool ds = smmu_ste_S2DS(ste) && s->cfg.ds && g != 16;
    unsigned oa_bits = smmu_pa_bits((unsigned)smmu_ste_S2PS(ste));
    if (oa_bits > s->cfg.oas_bits)
        oa_bits = s->cfg.oas_bits; /* eff_S2PS = MIN(S2PS, OAS) */
    if (!strtab_addr_fits(ttb, oa_bits))
        return ste_illegal(c, "%sTTB 0x%llx is outside the effective S2PS (%u bits)", pfx,
                           (unsigned long long)ttb, oa_bits);
    if (g != 16 && !ds && !strtab_addr_fits(ttb, 48))
        return ste_illegal(c, "%sTTB 0x%llx is beyond 48 bits with a %s granule and S2DS 0",
                           pfx, (unsigned long long)ttb, granule_name(g));

    /* S2T0SZ range [5.2 S2T0SZ; STES2T0SZInvalid()]; IAS = OAS (no VMSAv8-32). SMMUv3.0
     * makes an out-of-range value CONSTRAINED UNPREDICTABLE: this model treats it as
     * ILLEGAL, as v3.1 requires. */
    unsigned ias = s->cfg.oas_bits;
    unsigned tmax = strtab_txsz_max(s, g);
    unsigned tmin = 64 - ias;
    if (s->cfg.arch_minor > 0) {
        unsigned floor = (g != 16 && !ds) ? 16 : 12;
        if (tmin < floor)
            tmin = floor;
    }
    if (t0sz < 64 - ias)
        return ste_illegal(c, "%sT0SZ %u gives IAS %u > OAS %u", pfx, t0sz, 64 - t0sz, ias);
    if (t0sz < tmin || t0sz > tmax)
        return ste_illegal(c, "%sT0SZ %u outside [%u, %u] (%s granule, S2DS %d, STT %d)", pfx,
                           t0sz, tmin, tmax, granule_name(g), ds, s->cfg.stt);
    unsigned ia_bits = 64 - t0sz;

    /* {S2SL0_2, S2SL0}: SL0_2 only exists with S2DS and a 4KB granule (RES0 otherwise) */
    if (g != 12 || !ds)
        sl &= 3;
    const char *why;
    int level = s2_start_level(s, g, sl, ds, &why);
    if (level == -2)
        return ste_illegal(c, "%sSL0 %u with a %s granule: %s", pfx, sl, granule_name(g), why);
    /* Consistency with T0SZ [Arm ARM AArch64.S2InconsistentSL, digest 8.2]: the start level
     * resolves at least one bit and at most a full level plus 16 concatenated tables. */
    unsigned stride = g - 3;
    unsigned levels = (unsigned)(3 - level);
    unsigned min_bits = levels * stride + g + 1;
    unsigned max_bits = min_bits + stride - 1 + 4;
    if (ia_bits < min_bits || ia_bits > max_bits)
        return ste_illegal(c,
                           "%sSL0 %u (start level %d) inconsistent with %sT0SZ %u (%u-bit IPA): "
                           "level %d with a %s granule takes %u to %u bits",
                           pfx, sl, level, pfx, t0sz, ia_bits, level, granule_name(g), min_bits,
                           max_bits);

    memset(w, 0, sizeof(*w));
    w->stage = 2;
    w->granule_shift = (uint8_t)g;
    w->ia_bits = (uint8_t)ia_bits;
    w->start_level = (int8_t)level;
    w->oa_bits = (uint8_t)oa_bits;
    w->ttb = strtab_vmsa_ttb(ttb, ia_bits, g, level, oa_bits);
    w->ds = ds;
    w->big_endian = smmu_ste_S2ENDI(ste);
    w->ha = smmu_ste_S2HA(ste);
    w->hd = smmu_ste_S2HA(ste) && smmu_ste_S2HD(ste); /* {S2HA,S2HD} = 01 behaves as 00 [5.2 S2HA] */
    w->affd = smmu_ste_S2AFFD(ste);
    w->walk_pas = walk_pas;
    /* Realm stage-2 descriptors carry an NS bit (55) [digest 7.3] */
    w->secure_tables = c->bank == BANK_R;
    w->fetch_attrs = smmu_cr1_attrs((uint32_t)smmu_ste_S2IR0(ste), (uint32_t)smmu_ste_S2OR0(ste),
                                    (uint32_t)smmu_ste_S2SH0(ste));
    return 0;
}

/* Stage-2 validation and decoding for Config 0b11x [5.2.2, from "Check STE.S2FWB" on]. */
static int ste_decode_s2(const struct ste_ctx *c, struct ste_cfg *out)
{
    struct smmu *s = c->s;
    const uint64_t *ste = c->w;
    unsigned stall = strtab_stall_model(s, c->bank);

    if (smmu_ste_S2S(ste) && stall == SMMU_TERMINATE_ONLY)
        return ste_illegal(c, "S2S 1 but the stall model is terminate-only");
    if (!smmu_ste_S2S(ste) && stall == SMMU_STALL_FORCED)
        return ste_illegal(c, "S2S 0 but the stall model forces stalls");
    /* S2AA64 = 0 selects VMSAv8-32 LPAE, which this model does not implement (IDR0.TTF) */
    if (!smmu_ste_S2AA64(ste))
        return ste_illegal(c, "S2AA64 0 selects VMSAv8-32 LPAE, not implemented "
                              "(IDR0.TTF = VMSAv8-64 only)");
    if ((smmu_ste_S2HA(ste) || smmu_ste_S2HD(ste)) && s->cfg.httu == 0)
        return ste_illegal(c, "S2HA %u S2HD %u but IDR0.HTTU is 0", (unsigned)smmu_ste_S2HA(ste),
                           (unsigned)smmu_ste_S2HD(ste));
    if (smmu_ste_S2HD(ste) && s->cfg.httu == 1)
        return ste_illegal(c, "S2HD 1 but IDR0.HTTU supports the access flag only");
    /* S2HAFT is RES0: IDR0.HTTU is never 0b11 in this model */

    smmu_pa_space ns_walk = SMMU_PAS_NS, s_walk = SMMU_PAS_SECURE;
    if (c->bank == BANK_S) {
        ns_walk = smmu_ste_S2NSW(ste) ? SMMU_PAS_NS : SMMU_PAS_SECURE;
        s_walk = smmu_ste_S2SW(ste) ? SMMU_PAS_NS : SMMU_PAS_SECURE;
    } else if (c->bank == BANK_R) {
        ns_walk = SMMU_PAS_REALM;
    }
    unsigned sl = (unsigned)(smmu_ste_S2SL0_2(ste) << 2 | smmu_ste_S2SL0(ste));
    if (ste_s2_table(c, "S2", (unsigned)smmu_ste_S2TG(ste), (unsigned)smmu_ste_S2T0SZ(ste), sl,
                     smmu_ste_S2TTB(ste) << 4, ns_walk, &out->s2_walk))
        return -1;
    if (c->bank == BANK_S) {
        /* Secure IPA space (SEL2 was checked by the caller) */
        unsigned ssl = (unsigned)(smmu_ste_S_S2SL0_2(ste) << 2 | smmu_ste_S_S2SL0(ste));
        if (ste_s2_table(c, "S_S2", (unsigned)smmu_ste_S_S2TG(ste), (unsigned)smmu_ste_S_S2T0SZ(ste),
                         ssl, smmu_ste_S_S2TTB(ste) << 4, s_walk, &out->s_s2_walk))
            return -1;
        /* S2DS is RES0 if either table uses a 64KB granule [5.2 S2DS] */
        if (out->s2_walk.granule_shift == 16 || out->s_s2_walk.granule_shift == 16)
            out->s2_walk.ds = out->s_s2_walk.ds = false;
        out->s2nsw = smmu_ste_S2NSW(ste);
        out->s2nsa = smmu_ste_S2NSA(ste);
        out->s2sw = smmu_ste_S2SW(ste);
        out->s2sa = smmu_ste_S2SA(ste);
    }
    if (s->cfg.ttendian == 2 && smmu_ste_S2ENDI(ste))
        return ste_illegal(c, "S2ENDI 1 (big-endian) but IDR0.TTENDIAN is little-endian only");
    if (s->cfg.ttendian == 3 && !smmu_ste_S2ENDI(ste))
        return ste_illegal(c, "S2ENDI 0 (little-endian) but IDR0.TTENDIAN is big-endian only");
    /* S2PIE / S2POE / S2POI are RES0: IDR3.S2PI = S2PO = 0 in this model */

    out->s2_affd = smmu_ste_S2AFFD(ste);
    out->s2_ptw = smmu_ste_S2PTW(ste);
    out->s2_ha = out->s2_walk.ha;
    out->s2_hd = out->s2_walk.hd;
    out->s2_s = smmu_ste_S2S(ste);
    out->s2_r = smmu_ste_S2R(ste);
    out->s2_fwb = s->cfg.fwb && smmu_ste_S2FWB(ste);
    return 0;
}

/* Stage-1 validation and decoding for Config 0b1x1 [5.2.2 "Stage 1 Translation"]. */
static int ste_decode_s1(const struct ste_ctx *c, bool s2, struct ste_cfg *out)
{
    struct smmu *s = c->s;
    const uint64_t *ste = c->w;
    unsigned stall = strtab_stall_model(s, c->bank);

    if (smmu_ste_S1STALLD(ste) &&
        (c->bank == BANK_R ? stall == SMMU_TERMINATE_ONLY : stall != SMMU_STALL_AND_TERMINATE))
        return ste_illegal(c, "S1STALLD 1 but the stall model is not stall-and-terminate");
    unsigned cdmax = (unsigned)smmu_ste_S1CDMax(ste);
    unsigned fmt = (unsigned)smmu_ste_S1Fmt(ste);
    if (s->cfg.ssid_bits) {
        if (cdmax > s->cfg.ssid_bits)
            return ste_illegal(c, "S1CDMax %u > IDR1.SSIDSIZE %u", cdmax, s->cfg.ssid_bits);
        if (cdmax && !s->cfg.cd2l && (fmt == 1 || fmt == 2))
            return ste_illegal(c, "S1Fmt %u (2-level CD table) but IDR0.CD2L is 0", fmt);
    } else {
        cdmax = 0; /* S1CDMax and S1Fmt are IGNORED without substreams */
    }
    /* S1ContextPtr is an IPA (range IAS) with stage 2, else a PA (range OAS) [5.2
     * S1ContextPtr, 3.4.3]; IAS = OAS here. SMMUv3.0 leaves an out-of-range pointer
     * CONSTRAINED UNPREDICTABLE: this model makes it ILLEGAL there too. */
    uint64_t ptr = smmu_ste_S1ContextPtr(ste) << 6;
    unsigned range = s->cfg.oas_bits;
    if (!strtab_addr_fits(ptr, range))
        return ste_illegal(c, "S1ContextPtr 0x%llx is outside the %s (%u bits)",
                           (unsigned long long)ptr, s2 ? "IAS" : "OAS", range);

    out->s1_context_ptr = ptr;
    /* 0b11 behaves as 0b00; S1Fmt is IGNORED when substreams are disabled */
    out->s1_fmt = (uint8_t)(cdmax == 0 || fmt == 3 ? 0 : fmt);
    out->s1_cdmax = (uint8_t)cdmax;
    unsigned dss = (unsigned)smmu_ste_S1DSS(ste);
    out->s1_dss = (uint8_t)(dss == 3 ? 0 : dss); /* 0b11 reserved, behaves as 0b00 */
    out->s1_stalld = smmu_ste_S1STALLD(ste);
    out->cd_fetch_attrs = smmu_cr1_attrs((uint32_t)smmu_ste_S1CIR(ste), (uint32_t)smmu_ste_S1COR(ste),
                                         (uint32_t)smmu_ste_S1CSH(ste));
    return 0;
}

/* Attribute and permission overrides [5.2 MTCFG..INSTCFG, 13.x], normalised so that
 * translate.c reads them without knowing the implementation's override support:
 * "incoming" wherever IDR1.ATTR_*_OVR = 0 makes the fields RES0, reserved encodings replaced
 * by what they behave as. */
static void ste_overrides(const struct ste_ctx *c, struct ste_cfg *out)
{
    struct smmu *s = c->s;
    const uint64_t *ste = c->w;
    if (s->cfg.attr_types_ovr) {
        unsigned memattr = (unsigned)smmu_ste_MemAttr(ste);
        /* MemAttr 0b0100/0b1000/0b1100 are reserved and behave as Device-nGnRnE [5.2] */
        if ((memattr & 3) == 0 && memattr != 0)
            memattr = 0;
        out->mtcfg = smmu_ste_MTCFG(ste);
        out->memattr = (uint8_t)memattr;
        out->alloccfg = (uint8_t)smmu_ste_ALLOCCFG(ste);
        out->shcfg = (uint8_t)smmu_ste_SHCFG(ste);
    } else {
        out->mtcfg = false;
        out->memattr = 0;
        out->alloccfg = 0;
        out->shcfg = 1; /* incoming */
    }
    unsigned priv = (unsigned)smmu_ste_PRIVCFG(ste), inst = (unsigned)smmu_ste_INSTCFG(ste);
    unsigned nscfg = (unsigned)smmu_ste_NSCFG(ste);
    if (!s->cfg.attr_perms_ovr)
        priv = inst = 0;
    /* PRIVCFG / INSTCFG 0b01 are reserved: model choice, treated as 0b00 (incoming) */
    out->privcfg = (uint8_t)(priv == 1 ? 0 : priv);
    out->instcfg = (uint8_t)(inst == 1 ? 0 : inst);
    /* NSCFG: IGNORED in Non-secure STEs; Secure STEs need ATTR_PERMS_OVR; Realm STEs always
     * have it. 0b01 is reserved (Secure) or "check incoming" with R_IDR3.XT, which this
     * model does not implement: both behave as 0b00 [5.2 NSCFG, digest 3.4]. */
    if (c->bank == BANK_NS || (c->bank == BANK_S && !s->cfg.attr_perms_ovr) || nscfg == 1)
        nscfg = 0;
    out->nscfg = (uint8_t)nscfg;
}

int ste_decode(struct smmu *s, unsigned bank, const uint64_t ste[8], uint64_t ste_addr,
               struct ste_cfg *out, struct smmu_event *ev)
{
    const struct ste_ctx c = {s, bank < BANK_COUNT ? bank : BANK_NS, ste_addr, ev, ste};
    bank = c.bank;
    bool secure = bank == BANK_S;
    memset(out, 0, sizeof(*out));
    out->ste_addr = ste_addr;

    if (!smmu_ste_V(ste))
        return ste_illegal(&c, "V is 0");
    unsigned config = (unsigned)smmu_ste_Config(ste);
    if (!(config & 4)) {
        /* 0b000 aborts silently; 0b001..0b011 are reserved and behave as 0b000 */
        out->kind = STE_ABORT;
        return 0;
    }
    bool s1 = config & 1, s2 = config & 2;
    if (s1 && !s->cfg.stage1)
        return ste_illegal(&c, "Config 0b%u%u%u enables stage 1, not implemented (IDR0.S1P)",
                           1, s2, s1);
    if (s2 && !s->cfg.stage2)
        return ste_illegal(&c, "Config 0b1%u%u enables stage 2, not implemented (IDR0.S2P)",
                           s2, s1);
    if (s2 && secure && !s->cfg.sel2)
        return ste_illegal(&c, "Config 0b11%u on a Secure STE but Secure stage 2 is not "
                               "implemented (S_IDR1.SEL2)",
                           s1);

    /* ATS [5.2 EATS, 5.2.2]: only for Non-secure (and Realm) streams of an ATS-capable SMMU
     * that translate. NS1ATS is read from IDR0 (the config has no knob for it). EATS = 0b11
     * needs DPT, which this model does not implement: it is not checked (ATS traffic is
     * not modelled). SMMUv3.0 leaves EATS = 0b01 with S2S = 1 and stage 2 off CONSTRAINED
     * UNPREDICTABLE: this model takes it as valid, like v3.1. */
    unsigned eats = (unsigned)smmu_ste_EATS(ste);
    if (s->cfg.ats && bank != BANK_S && (s1 || s2)) {
        bool ns1ats = s->bank[BANK_NS].idr[0] & SMMU_IDR0_NS1ATS;
        if (eats == 2 && (config != 7 || smmu_ste_S2S(ste) || ns1ats))
            return ste_illegal(&c, "EATS 0b10 (split-stage ATS) needs Config 0b111, S2S 0 and "
                                   "IDR0.NS1ATS 0");
        if (eats == 1 && smmu_ste_S2S(ste) && s2)
            return ste_illegal(&c, "EATS 0b01 with S2S 1 and stage 2 enabled");
    }

    /* StreamWorld [5.2 STRW, 3.3.3, 5.2.2 IgnoreSTESTRW()] */
    bool strw_unused = !s->cfg.stage1 || (bank == BANK_NS && !s->cfg.hyp) || s2 || !s1;
    unsigned strw = (unsigned)smmu_ste_STRW(ste);
    if (!strw_unused) {
        if (!secure && (strw & 1))
            return ste_illegal(&c, "STRW 0b%u%u is reserved for a %s STE", strw >> 1, strw & 1,
                               bank_name[bank]);
        if (secure && strw == 3)
            return ste_illegal(&c, "STRW 0b11 is reserved");
        /* With IDR0.RME_IMPL there is no EL3 StreamWorld [5.2 STRW, 3.25] */
        if (secure && strw == 1 && s->cfg.rme_impl)
            return ste_illegal(&c, "STRW 0b01 (EL3) with IDR0.RME_IMPL=1");
    }
    if (secure && !s->cfg.sel2 && strw == 2 && config == 5)
        return ste_illegal(&c, "STRW 0b10 (S-EL2) but Secure EL2 is not implemented "
                               "(S_IDR1.SEL2)");
    uint8_t regime = REGIME_EL1;
    if (!strw_unused && strw == 2)
        regime = (s->bank[bank].cr2 & SMMU_CR2_E2H) ? REGIME_EL2_E2H : REGIME_EL2;
    else if (!strw_unused && strw == 1)
        regime = REGIME_EL3;

    out->kind = (uint8_t)config;
    out->regime = regime;
    out->s1 = s1;
    out->s2 = s2;
    out->strw = (uint8_t)(strw_unused ? 0 : strw);
    out->eats = (uint8_t)(config == 4 ? 0 : eats); /* bypass: EATS behaves as 0b00 */
    out->mev = smmu_ste_MEV(ste);
    out->ppar = smmu_ste_PPAR(ste);
    ste_overrides(&c, out);

    if (s1 && ste_decode_s1(&c, s2, out))
        return -1;
    if (s2 && ste_decode_s2(&c, out))
        return -1;

    /* S2VMID [5.2.2 IgnoreSTES2VMID()]: used by EL1 StreamWorlds with a stage 2 to tag
     * against (also for stage-1-only NS / Realm EL1 streams), else ignored (0). */
    bool vmid_ignored = (bank == BANK_NS && !s->cfg.stage2) || (secure && !s->cfg.sel2) ||
                        config == 4 || (!strw_unused && strw != 0) || (secure && config == 5);
    unsigned vmid = (unsigned)smmu_ste_S2VMID(ste);
    if (!vmid_ignored && !s->cfg.vmid16 && (vmid >> 8))
        return ste_illegal(&c, "S2VMID 0x%x has bits [15:8] set but IDR0.VMID16 is 0", vmid);
    out->vmid = (uint16_t)(vmid_ignored ? 0 : vmid);
    /* STE.VMSPtr needs MPAM (not implemented): IGNORED */
    return 0;
}

/* ---- stream table walk ---- */

/* C_BAD_STREAMID, generated always and recorded only when CR2.RECINVSID is set [5.1, 6.3.12]
 * (the caller decides the recording, as for every event). */
static int strtab_bad_sid(struct smmu *s, unsigned bank, uint32_t sid, struct smmu_event *ev,
                          const char *why)
{
    bool record = s->bank[bank].cr2 & SMMU_CR2_RECINVSID;
    smmu_log(s, SMMU_LOG_ERROR, "%s StreamID 0x%x: %s: C_BAD_STREAMID%s", bank_name[bank], sid,
             why, record ? "" : " (not recorded: CR2.RECINVSID is 0)");
    ev->type = SMMU_EVT_C_BAD_STREAMID;
    return -1;
}

/* Read a table structure of the stream table; a fetch beyond the OAS or an external abort
 * is F_STE_FETCH [3.4.3, 7.3.4]. The address check is this model's CONSTRAINED
 * UNPREDICTABLE choice among "truncate to OAS" and "F_STE_FETCH": report the fetch. */
static int strtab_fetch(struct smmu *s, unsigned bank, uint32_t sid, uint64_t pa, void *buf,
                        size_t len, const char *what, struct smmu_event *ev, unsigned *fetches)
{
    struct smmu_bank *b = &s->bank[bank];
    if (!strtab_addr_fits(pa + len - 1, s->cfg.oas_bits)) {
        smmu_log(s, SMMU_LOG_ERROR, "%s StreamID 0x%x: %s address 0x%llx is beyond the OAS "
                 "(%u bits): F_STE_FETCH", bank_name[bank], sid, what, (unsigned long long)pa,
                 s->cfg.oas_bits);
        ev->type = SMMU_EVT_F_STE_FETCH;
        ev->fetch_addr = pa;
        return -1;
    }
    smmu_mem_attrs attrs = smmu_cr1_attrs((uint32_t)SMMU_FIELD_GET(SMMU_CR1_TABLE_IC, b->cr1),
                                          (uint32_t)SMMU_FIELD_GET(SMMU_CR1_TABLE_OC, b->cr1),
                                          (uint32_t)SMMU_FIELD_GET(SMMU_CR1_TABLE_SH, b->cr1));
    (*fetches)++;
    int rc = smmu_mem_read(s, pa, b->pas, buf, len, &attrs, ORIG_STE);
    if (rc) {
        /* A GPC fault is reported as an external abort with GPCF=1 [3.25.5, 7.3.4]. */
        smmu_log(s, SMMU_LOG_ERROR, "%s StreamID 0x%x: %s reading the %s at 0x%llx: "
                 "F_STE_FETCH", bank_name[bank], sid,
                 rc == SMMU_MEM_GPF ? "granule protection fault" : "external abort", what,
                 (unsigned long long)pa);
        ev->type = SMMU_EVT_F_STE_FETCH;
        ev->fetch_addr = pa;
        ev->gpcf = rc == SMMU_MEM_GPF;
        return -1;
    }
    return 0;
}

int strtab_lookup(struct smmu *s, unsigned bank, uint32_t sid, bool fill, struct ste_cfg *out,
                  struct smmu_event *ev, unsigned *fetches)
{
    if (bank >= BANK_COUNT)
        bank = BANK_NS;
    struct smmu_bank *b = &s->bank[bank];
    ev->sid = sid;

    /* Effective LOG2SIZE = MIN(LOG2SIZE, SIDSIZE of this interface) [6.3.25]. The Realm
     * interface has the Non-secure SIDSIZE in this model. */
    unsigned sidsize = bank == BANK_S ? s->cfg.s_sid_bits : s->cfg.sid_bits;
    /* The base is aligned by the literal LOG2SIZE, "not limited by SIDSIZE" [6.3.24 ADDR] */
    unsigned cfg_log2size = (unsigned)SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_LOG2SIZE, b->strtab_base_cfg);
    unsigned log2size = cfg_log2size > sidsize ? sidsize : cfg_log2size;
    if ((uint64_t)sid >> log2size)
        return strtab_bad_sid(s, bank, sid, ev, "outside the stream table (LOG2SIZE)");

    uint64_t base = b->strtab_base & SMMU_STRTAB_BASE_ADDR;
    unsigned fmt = (unsigned)SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_FMT, b->strtab_base_cfg);
    uint64_t ste_addr;
    /* FMT 0b01 without IDR0.ST_LEVEL = 0b01 (the field is RES0 then) and the reserved 0b1x
     * are taken as linear: a model choice. */
    if (fmt == STRTAB_FMT_2LEVEL && s->cfg.st_2level) {
        unsigned split = (unsigned)SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_SPLIT, b->strtab_base_cfg);
        if (split != 6 && split != 8 && split != 10)
            split = 6; /* other values behave as 6 [6.3.25 SPLIT] */
        /* L1 table: 2^(LOG2SIZE - SPLIT) descriptors; ADDR[MAX(5, LOG2SIZE - SPLIT - 1 + 3):0]
         * = 0 [6.3.24] */
        unsigned l1_log2 = cfg_log2size > split ? cfg_log2size - split : 0;
        unsigned l1_align = l1_log2 + 3 > 6 ? l1_log2 + 3 : 6;
        uint64_t l1_addr = align_down(base, l1_align) + ((uint64_t)(sid >> split) << 3);
        uint64_t l1std;
        if (cfgc_l1_lookup(s->cfgc, CFGC_L1STD, bank, sid, l1_addr, &l1std)) {
            if (s->chk)
                check_used_l1(s, bank, false, l1_addr, l1std, sid);
        } else {
            uint8_t raw[L1STD_BYTES];
            if (strtab_fetch(s, bank, sid, l1_addr, raw, sizeof(raw), "L1STD", ev, fetches))
                return -1;
            l1std = le64_load(raw);
            if (s->chk)
                check_fetched_l1(s, bank, false, l1_addr, l1_addr, b->pas, l1std, sid);
            if (s->env.trace)
                smmu_trace_emit(s, SMMU_TRACE_L1STD, bank, l1_addr, b->pas, &l1std, 1);
            uint32_t first = sid & ~(uint32_t)(SMMU_BIT(split) - 1);
            if (fill) /* cached valid or not [3.21.3]; a failed fetch is not */
                cfgc_l1_insert(s->cfgc, CFGC_L1STD, bank, sid, first,
                               first | (uint32_t)(SMMU_BIT(split) - 1), l1_addr, l1std);
        }
        unsigned span = (unsigned)smmu_l1std_Span(&l1std);
        char why[96];
        if (span == 0 || span > 11 || span > split + 1) {
            snprintf(why, sizeof(why), "L1STD at 0x%llx has Span %u (%s)",
                     (unsigned long long)l1_addr, span,
                     span == 0 ? "invalid" : span > 11 ? "reserved" : "larger than SPLIT + 1");
            return strtab_bad_sid(s, bank, sid, ev, why);
        }
        uint32_t idx = sid & (uint32_t)(SMMU_BIT(split) - 1);
        if (idx >> (span - 1)) {
            snprintf(why, sizeof(why), "index %u beyond the L1STD at 0x%llx Span %u (%u STEs)",
                     idx, (unsigned long long)l1_addr, span, 1u << (span - 1));
            return strtab_bad_sid(s, bank, sid, ev, why);
        }
        /* The L2 array is aligned to its size: L2Ptr[5 + Span - 1:0] taken as 0 [5.1] */
        uint64_t l2 = (smmu_l1std_L2Ptr(&l1std) << 6) & ~(SMMU_BIT(6 + span - 1) - 1);
        ste_addr = l2 + (uint64_t)idx * STE_BYTES;
    } else {
        /* Linear: ADDR[LOG2SIZE + 5:0] = 0 [6.3.24] */
        ste_addr = align_down(base, cfg_log2size + 6) + (uint64_t)sid * STE_BYTES;
    }

    uint8_t raw[STE_BYTES];
    if (strtab_fetch(s, bank, sid, ste_addr, raw, sizeof(raw), "STE", ev, fetches))
        return -1;
    uint64_t ste[SMMU_STE_DWORDS];
    for (unsigned i = 0; i < SMMU_STE_DWORDS; i++)
        ste[i] = le64_load(raw + 8 * i);
    if (s->env.trace)
        smmu_trace_emit(s, SMMU_TRACE_STE, bank, ste_addr, b->pas, ste, SMMU_STE_DWORDS);
    if (s->chk)
        check_fetched_ste(s, bank, sid, ste_addr, b->pas, ste);
    return ste_decode(s, bank, ste, ste_addr, out, ev);
}
