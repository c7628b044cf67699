/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Field tables of the Stream Table Entry [IHI 0070 5.2], the Level-1 Stream Table Descriptor
 * [5.1], the Context Descriptor [5.4] and the Level-1 Context Descriptor [5.3].
 * Bit numbers are absolute over the structure, exactly as the specification prints them.
 */
#ifndef SMMU_STE_CD_LAYOUT_H
#define SMMU_STE_CD_LAYOUT_H

#include "fields.h"

#define STE_DWORDS 8 /* 64 bytes */
#define CD_DWORDS 8  /* 64 bytes */

/* STE [IHI 0070 5.2] */
#define STE_FIELDS(X)                                                                            \
    X(V, 0, 0)                                                                                   \
    X(Config, 3, 1)                                                                              \
    X(S1Fmt, 5, 4)                                                                               \
    X(S1ContextPtr, 55, 6)                                                                       \
    X(S1CDMax, 63, 59)                                                                           \
    X(S1DSS, 65, 64)                                                                             \
    X(S1CIR, 67, 66)                                                                             \
    X(S1COR, 69, 68)                                                                             \
    X(S1CSH, 71, 70)                                                                             \
    X(S2HWU59, 72, 72)                                                                           \
    X(S2HWU60, 73, 73)                                                                           \
    X(S2HWU61, 74, 74)                                                                           \
    X(S2HWU62, 75, 75)                                                                           \
    X(DRE, 76, 76)                                                                               \
    X(CONT, 80, 77)                                                                              \
    X(DCP, 81, 81)                                                                               \
    X(PPAR, 82, 82)                                                                              \
    X(MEV, 83, 83)                                                                               \
    X(SW_RESERVED, 87, 84)                                                                       \
    X(S1PIE, 88, 88)                                                                             \
    X(S2FWB, 89, 89)                                                                             \
    X(S1MPAM, 90, 90)                                                                            \
    X(S1STALLD, 91, 91)                                                                          \
    X(EATS, 93, 92)                                                                              \
    X(STRW, 95, 94)                                                                              \
    X(MemAttr, 99, 96)                                                                           \
    X(MTCFG, 100, 100)                                                                           \
    X(ALLOCCFG, 104, 101)                                                                        \
    X(SHCFG, 109, 108)                                                                           \
    X(NSCFG, 111, 110)                                                                           \
    X(PRIVCFG, 113, 112)                                                                         \
    X(INSTCFG, 115, 114)                                                                         \
    X(S2VMID, 143, 128)                                                                          \
    X(S2T0SZ, 165, 160)                                                                          \
    X(S2SL0, 167, 166)                                                                           \
    X(S2IR0, 169, 168)                                                                           \
    X(S2OR0, 171, 170)                                                                           \
    X(S2SH0, 173, 172)                                                                           \
    X(S2TG, 175, 174)                                                                            \
    X(S2PS, 178, 176)                                                                            \
    X(S2AA64, 179, 179)                                                                          \
    X(S2ENDI, 180, 180)                                                                          \
    X(S2AFFD, 181, 181)                                                                          \
    X(S2PTW, 182, 182)                                                                           \
    X(S2HD, 183, 183)                                                                            \
    X(S2HA, 184, 184)                                                                            \
    X(S2S, 185, 185)                                                                             \
    X(S2R, 186, 186)                                                                             \
    X(S2HAFT, 187, 187)                                                                          \
    X(S2PIE, 188, 188)                                                                           \
    X(S2POE, 189, 189)                                                                           \
    X(DPT_VMATCH, 191, 190)                                                                      \
    X(S2NSW, 192, 192)                                                                           \
    X(S2NSA, 193, 193)                                                                           \
    X(S2SL0_2, 194, 194)                                                                         \
    X(S2DS, 195, 195)                                                                            \
    X(S2TTB, 247, 196)                                                                           \
    X(S2SKL, 254, 253)                                                                           \
    X(PARTID, 287, 272)                                                                          \
    X(S_S2T0SZ, 293, 288)                                                                        \
    X(S_S2SL0, 295, 294)                                                                         \
    X(S_S2TG, 303, 302)                                                                          \
    X(MECID, 319, 304)                                                                           \
    X(PMG, 327, 320)                                                                             \
    X(MPAM_NS, 328, 328)                                                                         \
    X(AssuredOnly, 329, 329)                                                                     \
    X(TL0, 330, 330)                                                                             \
    X(TL1, 331, 331)                                                                             \
    X(VMSPtr, 375, 332)                                                                          \
    X(S2SW, 384, 384)                                                                            \
    X(S2SA, 385, 385)                                                                            \
    X(S_S2SL0_2, 386, 386)                                                                       \
    X(S_S2TTB, 439, 388)                                                                         \
    X(S_S2SKL, 446, 445)                                                                         \
    X(S2POI, 511, 448)

/* Level-1 Stream Table Descriptor, 8 bytes [IHI 0070 5.1] */
#define L1STD_FIELDS(X)                                                                          \
    X(Span, 4, 0)                                                                                \
    X(L2Ptr, 55, 6)

/* CD [IHI 0070 5.4] */
#define CD_FIELDS(X)                                                                             \
    X(T0SZ, 5, 0)                                                                                \
    X(TG0, 7, 6)                                                                                 \
    X(IR0, 9, 8)                                                                                 \
    X(OR0, 11, 10)                                                                               \
    X(SH0, 13, 12)                                                                               \
    X(EPD0, 14, 14)                                                                              \
    X(ENDI, 15, 15)                                                                              \
    X(T1SZ, 21, 16)                                                                              \
    X(TG1, 23, 22)                                                                               \
    X(IR1, 25, 24)                                                                               \
    X(OR1, 27, 26)                                                                               \
    X(SH1, 29, 28)                                                                               \
    X(EPD1, 30, 30)                                                                              \
    X(V, 31, 31)                                                                                 \
    X(IPS, 34, 32)                                                                               \
    X(AFFD, 35, 35)                                                                              \
    X(WXN, 36, 36)                                                                               \
    X(UWXN, 37, 37)                                                                              \
    X(TBI0, 38, 38)                                                                              \
    X(TBI1, 39, 39)                                                                              \
    X(PAN, 40, 40)                                                                               \
    X(AA64, 41, 41)                                                                              \
    X(HD, 42, 42)                                                                                \
    X(HA, 43, 43)                                                                                \
    X(S, 44, 44)                                                                                 \
    X(R, 45, 45)                                                                                 \
    X(A, 46, 46)                                                                                 \
    X(ASET, 47, 47)                                                                              \
    X(ASID, 63, 48)                                                                              \
    X(NSCFG0, 64, 64)                                                                            \
    X(HAD0, 65, 65)                                                                              \
    X(E0PD0, 66, 66)                                                                             \
    X(HAFT, 67, 67)                                                                              \
    X(TTB0, 119, 68)                                                                             \
    X(PnCH, 122, 122)                                                                            \
    X(EPAN, 123, 123)                                                                            \
    X(HWU059, 124, 124)                                                                          \
    X(HWU060, 125, 125)                                                                          \
    X(HWU061_062, 127, 126)                                                                      \
    X(NSCFG1, 128, 128)                                                                          \
    X(HAD1, 129, 129)                                                                            \
    X(E0PD1, 130, 130)                                                                           \
    X(AIE, 131, 131)                                                                             \
    X(TTB1, 183, 132)                                                                            \
    X(DS, 186, 186)                                                                              \
    X(PIE, 187, 187)                                                                             \
    X(HWU159, 188, 188)                                                                          \
    X(HWU160, 189, 189)                                                                          \
    X(HWU161_162, 191, 190)                                                                      \
    X(MAIR0, 223, 192)                                                                           \
    X(MAIR1, 255, 224)                                                                           \
    X(AMAIR0, 287, 256)                                                                          \
    X(AMAIR1, 319, 288)                                                                          \
    X(PARTID, 367, 352)                                                                          \
    X(PMG, 375, 368)                                                                             \
    X(PIIU, 431, 384)                                                                            \
    X(PIIP, 495, 448)

/* Level-1 Context Descriptor, 8 bytes [IHI 0070 5.3] */
#define L1CD_FIELDS(X)                                                                           \
    X(V, 0, 0)                                                                                   \
    X(L2Ptr, 55, 12)

#define STE_X(name, hi, lo) FIELD_ACCESSORS(ste, name, hi, lo)
STE_FIELDS(STE_X)
#undef STE_X
#define L1STD_X(name, hi, lo) FIELD_ACCESSORS(l1std, name, hi, lo)
L1STD_FIELDS(L1STD_X)
#undef L1STD_X
#define CD_X(name, hi, lo) FIELD_ACCESSORS(cd, name, hi, lo)
CD_FIELDS(CD_X)
#undef CD_X
#define L1CD_X(name, hi, lo) FIELD_ACCESSORS(l1cd, name, hi, lo)
L1CD_FIELDS(L1CD_X)
#undef L1CD_X

extern const struct field_desc ste_field_table[];
extern const size_t ste_field_count;
extern const struct field_desc l1std_field_table[];
extern const size_t l1std_field_count;
extern const struct field_desc cd_field_table[];
extern const size_t cd_field_count;
extern const struct field_desc l1cd_field_table[];
extern const size_t l1cd_field_count;

#endif
