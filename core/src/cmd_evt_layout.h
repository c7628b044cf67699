/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Field tables of the commands (16 bytes) [IHI 0070 4] and of the event record (32 bytes)
 * [IHI 0070 7.3]. Bit numbers are absolute over the structure, as the specification prints them
 * (abs = 64 * word + bit). Different commands reuse the same bits for different fields: the
 * table names every field once; which fields a command has is decided in cmdq.c.
 *
 * Most command and event figures of the specification are images lost in its text form; the
 * positions marked (code) below come from driver and model sources that agree with each other
 * (docs/smmuv3-reference.md 5.3, 6.2), the ones marked (assumed) have no source at all.
 */
#ifndef SMMU_CMD_EVT_LAYOUT_H
#define SMMU_CMD_EVT_LAYOUT_H

#include "fields.h"
#include "smmu_internal.h"

#define CMD_DWORDS 2 /* 16 bytes */
#define EVT_DWORDS 4 /* 32 bytes */

/* Commands [IHI 0070 4.2-4.7] */
#define CMD_FIELDS(X)                                                                            \
    X(Opcode, 7, 0)                                                                              \
    X(Global, 9, 9)          /* ATC_INV */                                                       \
    X(SSec, 10, 10)                                                                              \
    X(SSV, 11, 11)                                                                               \
    X(SubstreamID, 31, 12)                                                                       \
    X(NUM, 16, 12)           /* TLBI range [4.4.1.1] */                                          \
    X(SCALE, 25, 20)         /* TLBI range; bit 25 only with IDR5.DS */                          \
    X(Ac, 12, 12)            /* RESUME */                                                        \
    X(Ab, 13, 13)            /* RESUME */                                                        \
    X(CS, 13, 12)            /* SYNC */                                                          \
    X(MSH, 23, 22)           /* SYNC */                                                          \
    X(MSIAttr, 27, 24)       /* SYNC */                                                          \
    X(StreamID, 63, 32)                                                                          \
    X(MSIData, 63, 32)       /* SYNC */                                                          \
    X(VMID, 47, 32)                                                                              \
    X(ASID, 63, 48)                                                                              \
    X(Leaf, 64, 64)                                                                              \
    X(Size, 68, 64)          /* PREFETCH_ADDR */                                                 \
    X(Range, 68, 64)         /* CFGI_STE_RANGE */                                                \
    X(ATC_Size, 69, 64)      /* ATC_INV */                                                       \
    X(S2_NS, 65, 65)         /* TLBI_S_S2_IPA NS (assumed: one vendor driver) */                 \
    X(PRGIndex, 72, 64)      /* PRI_RESP */                                                      \
    X(STAG, 79, 64)          /* RESUME */                                                        \
    X(TTL128, 71, 71)                                                                            \
    X(TTL, 73, 72)                                                                               \
    X(TG, 75, 74)                                                                                \
    X(Resp, 77, 76)          /* PRI_RESP */                                                      \
    X(MSIAddr, 119, 66)      /* SYNC: MSIAddress[55:2] */                                        \
    X(IPA, 119, 76)          /* TLBI_S2_IPA / TLBI_S_S2_IPA: Address[55:12] */                  \
    X(Addr, 127, 76)         /* VA[63:12] (TLBI), Address[63:12] (PREFETCH_ADDR, ATC_INV) */     \
    X(MSI_NS, 127, 127)      /* SYNC, Realm queue only */

/* Opcodes [IHI 0070 4.1.1] */
enum {
    CMD_PREFETCH_CONFIG = 0x01,
    CMD_PREFETCH_ADDR = 0x02,
    CMD_CFGI_STE = 0x03,
    CMD_CFGI_STE_RANGE = 0x04, /* Range 31: CMD_CFGI_ALL */
    CMD_CFGI_CD = 0x05,
    CMD_CFGI_CD_ALL = 0x06,
    CMD_CFGI_VMS_PIDM = 0x07,
    CMD_TLBI_NH_ALL = 0x10,
    CMD_TLBI_NH_ASID = 0x11,
    CMD_TLBI_NH_VA = 0x12,
    CMD_TLBI_NH_VAA = 0x13,
    CMD_TLBI_EL3_ALL = 0x18,
    CMD_TLBI_EL3_VA = 0x1A,
    CMD_TLBI_EL2_ALL = 0x20,
    CMD_TLBI_EL2_ASID = 0x21,
    CMD_TLBI_EL2_VA = 0x22,
    CMD_TLBI_EL2_VAA = 0x23,
    CMD_TLBI_S12_VMALL = 0x28,
    CMD_TLBI_S2_IPA = 0x2A,
    CMD_TLBI_NSNH_ALL = 0x30,
    CMD_ATC_INV = 0x40,
    CMD_PRI_RESP = 0x41,
    CMD_RESUME = 0x44,
    CMD_STALL_TERM = 0x45,
    CMD_SYNC = 0x46,
    CMD_TLBI_S_EL2_ALL = 0x50,
    CMD_TLBI_S_EL2_ASID = 0x51,
    CMD_TLBI_S_EL2_VA = 0x52,
    CMD_TLBI_S_EL2_VAA = 0x53,
    CMD_TLBI_S_S12_VMALL = 0x58,
    CMD_TLBI_S_S2_IPA = 0x5A,
    CMD_TLBI_SNH_ALL = 0x60,
    CMD_DPTI_ALL = 0x70,
    CMD_DPTI_PA = 0x73
};

/* CMD_SYNC.CS [IHI 0070 4.7.3] */
enum { CMD_SYNC_SIG_NONE = 0, CMD_SYNC_SIG_IRQ = 1, CMD_SYNC_SIG_SEV = 2 };
#define CMD_CFGI_RANGE_ALL 31

/* Event record [IHI 0070 7.3]. Positions: (frag) survived as figure fragments in the spec text,
 * (code) from driver/model sources, (assumed) no source. */
#define EVT_FIELDS(X)                                                                            \
    X(EventType, 7, 0)       /* (frag) */                                                        \
    X(SSV, 11, 11)           /* (frag) */                                                        \
    X(SubstreamID, 31, 12)   /* (frag) */                                                        \
    X(StreamID, 63, 32)      /* (frag) */                                                        \
    X(STAG, 79, 64)          /* (code) translation faults */                                     \
    X(Reason, 79, 64)        /* (frag) F_UUT, fetch aborts, F_WALK_EABT, F_TLB_CONFLICT */       \
    X(GPCF, 80, 80)          /* (frag) fetch aborts, F_WALK_EABT */                              \
    X(Reason32, 95, 64)      /* (frag) F_CFG_CONFLICT */                                         \
    X(Stall, 95, 95)         /* (code) */                                                        \
    X(PnU, 97, 97)           /* (frag) */                                                        \
    X(InD, 98, 98)           /* (frag) */                                                        \
    X(RnW, 99, 99)           /* (frag) */                                                        \
    X(NSIPA, 102, 102)       /* (code: gem5 only) */                                             \
    X(S2, 103, 103)          /* (code) */                                                        \
    X(CLASS, 105, 104)       /* (code) */                                                        \
    X(TTRnW, 108, 108)       /* (code) F_PERMISSION with CLASS=TT */                             \
    X(InputAddr, 191, 128)   /* (frag) */                                                        \
    X(IPA, 247, 204)         /* (code) IPA[55:12] */                                             \
    X(FetchAddr, 247, 195)   /* (frag) FetchAddr[55:3] */                                        \
    X(uX, 97, 97)            /* (frag) E_PAGE_REQUEST; F_BAD_ATS_TREQ (assumed) */               \
    X(uW, 98, 98)                                                                                \
    X(uR, 99, 99)                                                                                \
    X(pX, 101, 101)                                                                              \
    X(pW, 102, 102)                                                                              \
    X(pR, 103, 103)                                                                              \
    X(Span, 115, 108)                                                                            \
    X(PageAddr, 191, 140)    /* (frag) E_PAGE_REQUEST InputAddr[63:12] */

#define CMD_X(name, hi, lo) FIELD_ACCESSORS(cmd, name, hi, lo)
CMD_FIELDS(CMD_X)
#undef CMD_X
#define EVT_X(name, hi, lo) FIELD_ACCESSORS(evt, name, hi, lo)
EVT_FIELDS(EVT_X)
#undef EVT_X

extern const struct field_desc cmd_field_table[];
extern const size_t cmd_field_count;
extern const struct field_desc evt_field_table[];
extern const size_t evt_field_count;

#endif
