// SPDX-License-Identifier: Apache-2.0
// The security-state output rules of docs/security.md, one row per case [IHI 0070 3.10, 3.25,
// 5.2 NSCFG/S2SW/S2SA/S2NSW/S2NSA/STRW/S1DSS, 5.4 NSCFG0, 6.3.57 SIF, 7.3, 7.3.16; Arm ARM D8
// NS/NSTable]. Each row names its rule (the part of its name before the first underscore is
// the rule of docs/security.md), builds one stream of SEC_SID Non-secure, Secure or Realm on an
// SMMU with RME (Realm interface, granule protection checks where the row asks), sends one
// transaction through smmu_translate and asserts the outcome, output PA and PA space, and the
// event record (type, S2, CLASS, NSIPA, IPA, GPCF). A row of a structure kind (STE, CD, table,
// stage-2 table, event record) also asserts the PA space of that one SMMU access, seen through
// the memory callbacks: translation structures are present in every PA space the SMMU could
// read them from, so the row checks where it did. Each row runs its transaction twice: the
// second run (TLB and configuration cache hits where the first filled them) must agree.
// One test runs every row (a process per row would cost ctest a minute); a failure names its
// row, and SMMU_SECURITY_ROW=text runs only the rows whose name contains text.
#include "xlate_fixture.h"

#include "gpt.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace
{

// ---- the columns of a row ----

enum Cfg {
    C_GBPA, // SMMU_(S_/R_)CR0.SMMUEN = 0: SMMU_(S_)GBPA bypass [3.3.2, 6.3.14]
    C_BYP,  // STE.Config = 0b100 [5.2 Config]
    C_S1,   // 0b101
    C_S2,   // 0b110
    C_NEST, // 0b111
    C_DSS,  // 0b101, S1CDMax = 1, S1DSS = 0b01, no SubstreamID: stage 1 skipped [5.2 S1DSS]
    C_DSS2  // 0b111 with the same S1DSS bypass: stage 2 only
};
enum Kind {
    K_RD,  // a data read (the row checks its output)
    K_WR,  // a data write
    K_IX,  // an instruction fetch
    K_STE, // a data read; the STE fetch is probed
    K_CD,  // a data read; the CD fetch is probed
    K_TT,  // a data read; the stage-1 level-3 table fetch is probed
    K_S2T, // a data read; the stage-2 level-3 table fetch of the output IPA is probed
    K_EVT  // a read of a stream whose STE is invalid: the event record write is probed
};

// Knobs: what the row's configuration sets (everything else is zero).
constexpr uint64_t TXN_NS = 1u << 0; // the transaction's NS attribute (SMMU_TXN_NS)
constexpr uint64_t D_NS = 1u << 1;   // stage-1 leaf NS (bit 5)
constexpr uint64_t NST = 1u << 2;    // NSTable in every stage-1 table descriptor
constexpr uint64_t NSCFG0 = 1u << 3; // CD.NSCFG0
// STE.NSCFG (S_GBPA.NSCFG for C_GBPA)
constexpr uint64_t NSCFG(unsigned n)
{
    return (uint64_t)n << 4;
}
constexpr uint64_t S2SW = 1u << 6, S2SA = 1u << 7, S2NSW = 1u << 8, S2NSA = 1u << 9;
constexpr uint64_t S2NS = 1u << 10;    // stage-2 leaf NS (bit 55) of the output IPA
constexpr uint64_t S2NS_CD = 1u << 11; // ... of the CD's IPA
constexpr uint64_t S2NS_TT = 1u << 12; // ... of the stage-1 tables' IPAs
constexpr uint64_t SIF = 1u << 13;     // SMMU_S_CR0.SIF
constexpr uint64_t EL2 = 1u << 14;     // STE.STRW = EL2 (Realm EL2 stage 1)
constexpr uint64_t NOSEC = 1u << 15;   // S_IDR1.SECURE_IMPL = 0 (smmu_config.secure_impl)
constexpr uint64_t NOPERM = 1u << 16;  // IDR1.ATTR_PERMS_OVR = 0
constexpr uint64_t S1MISS = 1u << 17;  // the input VA is not mapped at stage 1
constexpr uint64_t S2MISS = 1u << 18;  // the output IPA is not mapped at stage 2
constexpr uint64_t INST_I = 1u << 19;  // STE.INSTCFG = 0b11 (Instruction)
constexpr uint64_t INST_D = 1u << 20;  // STE.INSTCFG = 0b10 (Data)
enum { G_OUT, G_STE, G_CD, G_TT, G_EVT };
// Granule protection checks on, with GPI gpi for the granules of `target` (the output
// granules, the STE, the CD, the stage-1 start table, the event queue); every other granule
// GPI_ANY.
constexpr uint64_t GPC(unsigned gpi, unsigned target)
{
    return 1u << 21 | (uint64_t)gpi << 22 | (uint64_t)target << 26;
}

constexpr smmu_sec_sid N = SMMU_SEC_NS, S = SMMU_SEC_SECURE, R = SMMU_SEC_REALM;
constexpr smmu_pa_space P_NS = SMMU_PAS_NS, P_S = SMMU_PAS_SECURE, P_R = SMMU_PAS_REALM;

// The addresses of the rows' world.
constexpr uint64_t kVa = 0x12345010;               // stage-1 input (C_S1, C_NEST)
constexpr uint64_t kVaMiss = 0x22345010;           // a VA stage 1 does not map
constexpr uint64_t kIpa = 0x40000010;              // input of the other configurations
constexpr uint64_t kS1Out = 0x50000000;            // stage 1 maps kVa's page here
constexpr uint64_t kS2Out = 0x80000000;            // S2TTB maps kIpa's and kS1Out's pages here
constexpr uint64_t kSS2Out = 0x90000000;           // S_S2TTB maps them here
constexpr uint64_t kS2NsPool = kS2Pool;            // S2TTB tables
constexpr uint64_t kS2SPool = kS2Pool + 0x400000;  // S_S2TTB tables
constexpr uint64_t kS1NsPool = kS1Pool + 0x400000; // stage-1 tables below an NSTable
constexpr uint64_t kGpt = 0x10000000, kGptL1 = 0x10100000; // Root PA
constexpr uint64_t kRoot = 0x20000;                        // Root control page
constexpr uint32_t kSid = 1, kBadSid = 2;
enum PaSel { PA_NONE, PA_IN, PA_S1, PA_S2, PA_SS2 };
enum IpaSel { IPA_NONE, IPA_OUT, IPA_CD, IPA_TT0 };
enum { CL_CD = EVT_CLASS_CD, CL_TT = EVT_CLASS_TT, CL_IN = EVT_CLASS_IN };
enum : unsigned {
    EV_TRANS = SMMU_EVT_F_TRANSLATION,
    EV_PERM = SMMU_EVT_F_PERMISSION,
    EV_BADSTE = SMMU_EVT_C_BAD_STE,
    EV_STEFETCH = SMMU_EVT_F_STE_FETCH,
    EV_CDFETCH = SMMU_EVT_F_CD_FETCH,
    EV_WALKEABT = SMMU_EVT_F_WALK_EABT
};

struct Exp {
    smmu_outcome oc;
    smmu_pa_space pas;
    PaSel pa;
    unsigned ev;  // event type (FAULT), with:
    bool s2;      //   S2
    unsigned cls; //   CLASS (checked for translation faults and F_WALK_EABT)
    bool nsipa;   //   NSIPA
    IpaSel ipa;   //   IPA (when not IPA_NONE)
    bool rec;     //   a record was written
    bool full;    //   S2/CLASS/NSIPA/IPA are checked
};
#define OKR(pas, pa)                                                                               \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_OK, pas, pa, 0, false, 0, false, IPA_NONE, false, false                         \
    }
#define BYPR(pas)                                                                                  \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_BYPASS, pas, PA_IN, 0, false, 0, false, IPA_NONE, false, false                  \
    }
#define ABRT                                                                                       \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_ABORT, P_NS, PA_NONE, 0, false, 0, false, IPA_NONE, false, false                \
    }
#define FLTR(ev, s2, cls, nsipa, ipa)                                                              \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_FAULT, P_NS, PA_NONE, ev, s2 != 0, cls, nsipa != 0, ipa, true, true             \
    }
#define CFGR(ev)                                                                                   \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_FAULT, P_NS, PA_NONE, ev, false, 0, false, IPA_NONE, true, false                \
    }
#define CFGU(ev)                                                                                   \
    Exp                                                                                            \
    {                                                                                              \
        SMMU_XLATE_FAULT, P_NS, PA_NONE, ev, false, 0, false, IPA_NONE, false, false               \
    }

// The probed access: unchecked, none made, or made in exactly one PA space.
enum Probe { FX = -2, F0 = -1, FN = SMMU_PAS_NS, FS = SMMU_PAS_SECURE, FR = SMMU_PAS_REALM };

struct Row {
    const char *name;
    smmu_sec_sid sec;
    Cfg cfg;
    Kind kind;
    uint64_t k;
    Exp e;
    Probe probe;
};

// clang-format off
const Row kRows[] = {
    {"NsGbpaNonSecure_Plain_Read", N, C_GBPA, K_RD, 0, BYPR(P_NS), FX},
    {"NsGbpaNonSecure_TxnNs_Read", N, C_GBPA, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Plain_Read", N, C_BYP, K_RD, 0, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Plain_Read", N, C_DSS, K_RD, 0, BYPR(P_NS), FX},
    {"NsBypassNonSecure_TxnNs_Read", N, C_BYP, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_TxnNs_Read", N, C_DSS, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg10_Read", N, C_BYP, K_RD, NSCFG(2), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg10_Read", N, C_DSS, K_RD, NSCFG(2), BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg11_Read", N, C_BYP, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg11_Read", N, C_DSS, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"NsStage1NonSecure_Plain_Read", N, C_S1, K_RD, 0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_Read", N, C_S1, K_RD, D_NS, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_NsTable_Read", N, C_S1, K_RD, NST, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_CdNscfg0_Read", N, C_S1, K_RD, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_NsTable_CdNscfg0_Read", N, C_S1, K_RD, D_NS | NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_TxnNs_Nscfg10_Read", N, C_S1, K_RD, TXN_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"NsStage2NonSecure_Plain_Read", N, C_S2, K_RD, 0, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Plain_Read", N, C_DSS2, K_RD, 0, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Read", N, C_S2, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Read", N, C_DSS2, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_TxnNs_Read", N, C_S2, K_RD, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_TxnNs_Read", N, C_DSS2, K_RD, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_Nscfg10_Read", N, C_S2, K_RD, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Nscfg10_Read", N, C_DSS2, K_RD, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Nscfg11_Read", N, C_S2, K_RD, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Nscfg11_Read", N, C_DSS2, K_RD, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_Plain_Read", N, C_NEST, K_RD, 0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_DescNs_Read", N, C_NEST, K_RD, D_NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_NsTable_CdNscfg0_Read", N, C_NEST, K_RD, NST | NSCFG0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_S2DescNs_Read", N, C_NEST, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_TxnNs_Read", N, C_NEST, K_RD, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsGbpaNonSecure_Plain_Write", N, C_GBPA, K_WR, 0, BYPR(P_NS), FX},
    {"NsGbpaNonSecure_TxnNs_Write", N, C_GBPA, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Plain_Write", N, C_BYP, K_WR, 0, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Plain_Write", N, C_DSS, K_WR, 0, BYPR(P_NS), FX},
    {"NsBypassNonSecure_TxnNs_Write", N, C_BYP, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_TxnNs_Write", N, C_DSS, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg10_Write", N, C_BYP, K_WR, NSCFG(2), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg10_Write", N, C_DSS, K_WR, NSCFG(2), BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg11_Write", N, C_BYP, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg11_Write", N, C_DSS, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"NsStage1NonSecure_Plain_Write", N, C_S1, K_WR, 0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_Write", N, C_S1, K_WR, D_NS, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_NsTable_Write", N, C_S1, K_WR, NST, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_CdNscfg0_Write", N, C_S1, K_WR, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_NsTable_CdNscfg0_Write", N, C_S1, K_WR, D_NS | NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_TxnNs_Nscfg10_Write", N, C_S1, K_WR, TXN_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"NsStage2NonSecure_Plain_Write", N, C_S2, K_WR, 0, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Plain_Write", N, C_DSS2, K_WR, 0, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Write", N, C_S2, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Write", N, C_DSS2, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_TxnNs_Write", N, C_S2, K_WR, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_TxnNs_Write", N, C_DSS2, K_WR, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_Nscfg10_Write", N, C_S2, K_WR, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Nscfg10_Write", N, C_DSS2, K_WR, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Nscfg11_Write", N, C_S2, K_WR, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Nscfg11_Write", N, C_DSS2, K_WR, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_Plain_Write", N, C_NEST, K_WR, 0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_DescNs_Write", N, C_NEST, K_WR, D_NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_NsTable_CdNscfg0_Write", N, C_NEST, K_WR, NST | NSCFG0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_S2DescNs_Write", N, C_NEST, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_TxnNs_Write", N, C_NEST, K_WR, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsGbpaNonSecure_Plain_Fetch", N, C_GBPA, K_IX, 0, BYPR(P_NS), FX},
    {"NsGbpaNonSecure_TxnNs_Fetch", N, C_GBPA, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Plain_Fetch", N, C_BYP, K_IX, 0, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Plain_Fetch", N, C_DSS, K_IX, 0, BYPR(P_NS), FX},
    {"NsBypassNonSecure_TxnNs_Fetch", N, C_BYP, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_TxnNs_Fetch", N, C_DSS, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg10_Fetch", N, C_BYP, K_IX, NSCFG(2), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg10_Fetch", N, C_DSS, K_IX, NSCFG(2), BYPR(P_NS), FX},
    {"NsBypassNonSecure_Nscfg11_Fetch", N, C_BYP, K_IX, NSCFG(3), BYPR(P_NS), FX},
    {"NsS1dssBypassNonSecure_Nscfg11_Fetch", N, C_DSS, K_IX, NSCFG(3), BYPR(P_NS), FX},
    {"NsStage1NonSecure_Plain_Fetch", N, C_S1, K_IX, 0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_Fetch", N, C_S1, K_IX, D_NS, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_NsTable_Fetch", N, C_S1, K_IX, NST, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_CdNscfg0_Fetch", N, C_S1, K_IX, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_DescNs_NsTable_CdNscfg0_Fetch", N, C_S1, K_IX, D_NS | NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"NsStage1NonSecure_TxnNs_Nscfg10_Fetch", N, C_S1, K_IX, TXN_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"NsStage2NonSecure_Plain_Fetch", N, C_S2, K_IX, 0, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Plain_Fetch", N, C_DSS2, K_IX, 0, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Fetch", N, C_S2, K_IX, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Fetch", N, C_DSS2, K_IX, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_TxnNs_Fetch", N, C_S2, K_IX, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_TxnNs_Fetch", N, C_DSS2, K_IX, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_Nscfg10_Fetch", N, C_S2, K_IX, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_Nscfg10_Fetch", N, C_DSS2, K_IX, NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"NsStage2NonSecure_S2DescNs_Nscfg11_Fetch", N, C_S2, K_IX, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsS1dssStage2NonSecure_S2DescNs_Nscfg11_Fetch", N, C_DSS2, K_IX, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_Plain_Fetch", N, C_NEST, K_IX, 0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_DescNs_Fetch", N, C_NEST, K_IX, D_NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_NsTable_CdNscfg0_Fetch", N, C_NEST, K_IX, NST | NSCFG0, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_S2DescNs_Fetch", N, C_NEST, K_IX, S2NS, OKR(P_NS, PA_S2), FX},
    {"NsNestedNonSecure_TxnNs_Fetch", N, C_NEST, K_IX, TXN_NS, OKR(P_NS, PA_S2), FX},
    {"NsStage1Fault_S1Unmapped_Read", N, C_S1, K_RD, S1MISS, FLTR(EV_TRANS, 0, CL_IN, 0, IPA_NONE), FX},
    {"NsStage2FaultNoNsipa_S2Unmapped_Read", N, C_S2, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"NsNestedStage2FaultNoNsipa_S2Unmapped_Read", N, C_NEST, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"NsCdFetchNonSecure_Plain_Cd", N, C_S1, K_CD, 0, OKR(P_NS, PA_S1), FN},
    {"NsTableFetchNonSecure_Plain_Tt", N, C_S1, K_TT, 0, OKR(P_NS, PA_S1), FN},
    {"NsCdFetchNonSecure_CdNscfg0_Cd", N, C_S1, K_CD, NSCFG0, OKR(P_NS, PA_S1), FN},
    {"NsTableFetchNonSecure_CdNscfg0_Tt", N, C_S1, K_TT, NSCFG0, OKR(P_NS, PA_S1), FN},
    {"NsCdFetchNonSecure_NsTable_Cd", N, C_S1, K_CD, NST, OKR(P_NS, PA_S1), FN},
    {"NsTableFetchNonSecure_NsTable_Tt", N, C_S1, K_TT, NST, OKR(P_NS, PA_S1), FN},
    {"NsCdFetchNonSecure_NsTable_CdNscfg0_Cd", N, C_S1, K_CD, NST | NSCFG0, OKR(P_NS, PA_S1), FN},
    {"NsTableFetchNonSecure_NsTable_CdNscfg0_Tt", N, C_S1, K_TT, NST | NSCFG0, OKR(P_NS, PA_S1), FN},
    {"NsStage2WalkNonSecure_Plain_S2t", N, C_S2, K_S2T, 0, OKR(P_NS, PA_S2), FN},
    {"NsStage2WalkNonSecure_TxnNs_S2t", N, C_S2, K_S2T, TXN_NS, OKR(P_NS, PA_S2), FN},
    {"NsSteFetchNonSecure_Plain_Ste", N, C_BYP, K_STE, 0, BYPR(P_NS), FN},
    {"NsEventRecordNonSecure_Plain_Evt", N, C_BYP, K_EVT, 0, CFGR(EV_BADSTE), FN},
    {"SecGbpaNscfg_Plain_Read", S, C_GBPA, K_RD, 0, BYPR(P_S), FX},
    {"SecBypassNscfg_Plain_Read", S, C_BYP, K_RD, 0, BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Plain_Read", S, C_DSS, K_RD, 0, BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_Read", S, C_GBPA, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Read", S, C_BYP, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Read", S, C_DSS, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg01_Read", S, C_GBPA, K_RD, NSCFG(1), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg01_Read", S, C_BYP, K_RD, NSCFG(1), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg01_Read", S, C_DSS, K_RD, NSCFG(1), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg01_Read", S, C_GBPA, K_RD, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg01_Read", S, C_BYP, K_RD, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg01_Read", S, C_DSS, K_RD, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg10_Read", S, C_GBPA, K_RD, NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg10_Read", S, C_BYP, K_RD, NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg10_Read", S, C_DSS, K_RD, NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg10_Read", S, C_GBPA, K_RD, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_TxnNs_Nscfg10_Read", S, C_BYP, K_RD, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg10_Read", S, C_DSS, K_RD, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_GbpaNscfg11_Read", S, C_GBPA, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_Nscfg11_Read", S, C_BYP, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_Nscfg11_Read", S, C_DSS, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg11_Read", S, C_GBPA, K_RD, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg11_Read", S, C_BYP, K_RD, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg11_Read", S, C_DSS, K_RD, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_NoPermsOvr_GbpaNscfg11_Read", S, C_GBPA, K_RD, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecBypassNscfg_NoPermsOvr_Nscfg11_Read", S, C_BYP, K_RD, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_NoPermsOvr_Nscfg11_Read", S, C_DSS, K_RD, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_NoPermsOvr_GbpaNscfg10_Read", S, C_GBPA, K_RD, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Read", S, C_BYP, K_RD, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Read", S, C_DSS, K_RD, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecStage1NsFromTables_Plain_Read", S, C_S1, K_RD, 0, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Read", S, C_S1, K_RD, D_NS, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_Read", S, C_S1, K_RD, NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_CdNscfg0_Read", S, C_S1, K_RD, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_CdNscfg0_Read", S, C_S1, K_RD, D_NS | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_NsTable_Read", S, C_S1, K_RD, D_NS | NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_CdNscfg0_Read", S, C_S1, K_RD, NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_TxnNs_Read", S, C_S1, K_RD, TXN_NS, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_Nscfg11_Read", S, C_S1, K_RD, NSCFG(3), OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Nscfg10_Read", S, C_S1, K_RD, D_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"SecGbpaNscfg_Plain_Write", S, C_GBPA, K_WR, 0, BYPR(P_S), FX},
    {"SecBypassNscfg_Plain_Write", S, C_BYP, K_WR, 0, BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Plain_Write", S, C_DSS, K_WR, 0, BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_Write", S, C_GBPA, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Write", S, C_BYP, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Write", S, C_DSS, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg01_Write", S, C_GBPA, K_WR, NSCFG(1), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg01_Write", S, C_BYP, K_WR, NSCFG(1), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg01_Write", S, C_DSS, K_WR, NSCFG(1), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg01_Write", S, C_GBPA, K_WR, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg01_Write", S, C_BYP, K_WR, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg01_Write", S, C_DSS, K_WR, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg10_Write", S, C_GBPA, K_WR, NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg10_Write", S, C_BYP, K_WR, NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg10_Write", S, C_DSS, K_WR, NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg10_Write", S, C_GBPA, K_WR, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_TxnNs_Nscfg10_Write", S, C_BYP, K_WR, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg10_Write", S, C_DSS, K_WR, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_GbpaNscfg11_Write", S, C_GBPA, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_Nscfg11_Write", S, C_BYP, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_Nscfg11_Write", S, C_DSS, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg11_Write", S, C_GBPA, K_WR, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg11_Write", S, C_BYP, K_WR, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg11_Write", S, C_DSS, K_WR, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_NoPermsOvr_GbpaNscfg11_Write", S, C_GBPA, K_WR, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecBypassNscfg_NoPermsOvr_Nscfg11_Write", S, C_BYP, K_WR, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_NoPermsOvr_Nscfg11_Write", S, C_DSS, K_WR, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_NoPermsOvr_GbpaNscfg10_Write", S, C_GBPA, K_WR, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Write", S, C_BYP, K_WR, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Write", S, C_DSS, K_WR, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecStage1NsFromTables_Plain_Write", S, C_S1, K_WR, 0, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Write", S, C_S1, K_WR, D_NS, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_Write", S, C_S1, K_WR, NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_CdNscfg0_Write", S, C_S1, K_WR, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_CdNscfg0_Write", S, C_S1, K_WR, D_NS | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_NsTable_Write", S, C_S1, K_WR, D_NS | NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_CdNscfg0_Write", S, C_S1, K_WR, NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_TxnNs_Write", S, C_S1, K_WR, TXN_NS, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_Nscfg11_Write", S, C_S1, K_WR, NSCFG(3), OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Nscfg10_Write", S, C_S1, K_WR, D_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"SecGbpaNscfg_Plain_Fetch", S, C_GBPA, K_IX, 0, BYPR(P_S), FX},
    {"SecBypassNscfg_Plain_Fetch", S, C_BYP, K_IX, 0, BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Plain_Fetch", S, C_DSS, K_IX, 0, BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_Fetch", S, C_GBPA, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Fetch", S, C_BYP, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Fetch", S, C_DSS, K_IX, TXN_NS, BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg01_Fetch", S, C_GBPA, K_IX, NSCFG(1), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg01_Fetch", S, C_BYP, K_IX, NSCFG(1), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg01_Fetch", S, C_DSS, K_IX, NSCFG(1), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg01_Fetch", S, C_GBPA, K_IX, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg01_Fetch", S, C_BYP, K_IX, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg01_Fetch", S, C_DSS, K_IX, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"SecGbpaNscfg_GbpaNscfg10_Fetch", S, C_GBPA, K_IX, NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_Nscfg10_Fetch", S, C_BYP, K_IX, NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_Nscfg10_Fetch", S, C_DSS, K_IX, NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg10_Fetch", S, C_GBPA, K_IX, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecBypassNscfg_TxnNs_Nscfg10_Fetch", S, C_BYP, K_IX, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg10_Fetch", S, C_DSS, K_IX, TXN_NS | NSCFG(2), BYPR(P_S), FX},
    {"SecGbpaNscfg_GbpaNscfg11_Fetch", S, C_GBPA, K_IX, NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_Nscfg11_Fetch", S, C_BYP, K_IX, NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_Nscfg11_Fetch", S, C_DSS, K_IX, NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_TxnNs_GbpaNscfg11_Fetch", S, C_GBPA, K_IX, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_Nscfg11_Fetch", S, C_BYP, K_IX, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_Nscfg11_Fetch", S, C_DSS, K_IX, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaNscfg_NoPermsOvr_GbpaNscfg11_Fetch", S, C_GBPA, K_IX, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecBypassNscfg_NoPermsOvr_Nscfg11_Fetch", S, C_BYP, K_IX, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecS1dssBypassNscfg_NoPermsOvr_Nscfg11_Fetch", S, C_DSS, K_IX, NOPERM | NSCFG(3), BYPR(P_S), FX},
    {"SecGbpaNscfg_TxnNs_NoPermsOvr_GbpaNscfg10_Fetch", S, C_GBPA, K_IX, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Fetch", S, C_BYP, K_IX, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecS1dssBypassNscfg_TxnNs_NoPermsOvr_Nscfg10_Fetch", S, C_DSS, K_IX, TXN_NS | NOPERM | NSCFG(2), BYPR(P_NS), FX},
    {"SecStage1NsFromTables_Plain_Fetch", S, C_S1, K_IX, 0, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Fetch", S, C_S1, K_IX, D_NS, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_Fetch", S, C_S1, K_IX, NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_CdNscfg0_Fetch", S, C_S1, K_IX, NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_CdNscfg0_Fetch", S, C_S1, K_IX, D_NS | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_NsTable_Fetch", S, C_S1, K_IX, D_NS | NST, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_NsTable_CdNscfg0_Fetch", S, C_S1, K_IX, NST | NSCFG0, OKR(P_NS, PA_S1), FX},
    {"SecStage1NsFromTables_TxnNs_Fetch", S, C_S1, K_IX, TXN_NS, OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_Nscfg11_Fetch", S, C_S1, K_IX, NSCFG(3), OKR(P_S, PA_S1), FX},
    {"SecStage1NsFromTables_DescNs_Nscfg10_Fetch", S, C_S1, K_IX, D_NS | NSCFG(2), OKR(P_NS, PA_S1), FX},
    {"SecGbpaSif_Sif_Fetch", S, C_GBPA, K_IX, SIF, BYPR(P_S), FX},
    {"SecBypassSif_Sif_Fetch", S, C_BYP, K_IX, SIF, BYPR(P_S), FX},
    {"SecS1dssBypassSif_Sif_Fetch", S, C_DSS, K_IX, SIF, BYPR(P_S), FX},
    {"SecGbpaSif_TxnNs_Sif_Fetch", S, C_GBPA, K_IX, TXN_NS | SIF, ABRT, FX},
    {"SecBypassSif_TxnNs_Sif_Fetch", S, C_BYP, K_IX, TXN_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecS1dssBypassSif_TxnNs_Sif_Fetch", S, C_DSS, K_IX, TXN_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecGbpaSif_Sif_GbpaNscfg11_Fetch", S, C_GBPA, K_IX, SIF | NSCFG(3), ABRT, FX},
    {"SecBypassSif_Sif_Nscfg11_Fetch", S, C_BYP, K_IX, SIF | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecS1dssBypassSif_Sif_Nscfg11_Fetch", S, C_DSS, K_IX, SIF | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecGbpaSif_TxnNs_Sif_GbpaNscfg10_Fetch", S, C_GBPA, K_IX, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecBypassSif_TxnNs_Sif_Nscfg10_Fetch", S, C_BYP, K_IX, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassSif_TxnNs_Sif_Nscfg10_Fetch", S, C_DSS, K_IX, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecStage1Sif_Sif_Fetch", S, C_S1, K_IX, SIF, OKR(P_S, PA_S1), FX},
    {"SecStage1Sif_DescNs_Sif_Fetch", S, C_S1, K_IX, D_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage1Sif_NsTable_Sif_Fetch", S, C_S1, K_IX, NST | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage1Sif_CdNscfg0_Sif_Fetch", S, C_S1, K_IX, NSCFG0 | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage2SifOnStage1Output_Sif_Fetch", S, C_S2, K_IX, SIF, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2Sif_Sif_Fetch", S, C_DSS2, K_IX, SIF, OKR(P_S, PA_SS2), FX},
    {"SecStage2SifOnStage1Output_TxnNs_Sif_Fetch", S, C_S2, K_IX, TXN_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecS1dssStage2Sif_TxnNs_Sif_Fetch", S, C_DSS2, K_IX, TXN_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage2SifOnStage1Output_Sif_Nscfg11_Fetch", S, C_S2, K_IX, SIF | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecS1dssStage2Sif_Sif_Nscfg11_Fetch", S, C_DSS2, K_IX, SIF | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage2SifOnStage1Output_TxnNs_S2sa_Sif_Fetch", S, C_S2, K_IX, TXN_NS | S2SA | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecS1dssStage2Sif_TxnNs_S2sa_Sif_Fetch", S, C_DSS2, K_IX, TXN_NS | S2SA | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage2SifOnStage1Output_S2sa_Sif_Fetch", S, C_S2, K_IX, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2Sif_S2sa_Sif_Fetch", S, C_DSS2, K_IX, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecNestedSif_Sif_Fetch", S, C_NEST, K_IX, SIF, OKR(P_S, PA_SS2), FX},
    {"SecNestedSif_DescNs_Sif_Fetch", S, C_NEST, K_IX, D_NS | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecNestedSif_NsTable_Sif_Fetch", S, C_NEST, K_IX, NST | SIF, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecNestedSif_S2sa_Sif_Fetch", S, C_NEST, K_IX, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecGbpaSif_Sif_Read", S, C_GBPA, K_RD, SIF, BYPR(P_S), FX},
    {"SecBypassSif_Sif_Read", S, C_BYP, K_RD, SIF, BYPR(P_S), FX},
    {"SecS1dssBypassSif_Sif_Read", S, C_DSS, K_RD, SIF, BYPR(P_S), FX},
    {"SecGbpaSif_TxnNs_Sif_Read", S, C_GBPA, K_RD, TXN_NS | SIF, BYPR(P_NS), FX},
    {"SecBypassSif_TxnNs_Sif_Read", S, C_BYP, K_RD, TXN_NS | SIF, BYPR(P_NS), FX},
    {"SecS1dssBypassSif_TxnNs_Sif_Read", S, C_DSS, K_RD, TXN_NS | SIF, BYPR(P_NS), FX},
    {"SecGbpaSif_Sif_GbpaNscfg11_Read", S, C_GBPA, K_RD, SIF | NSCFG(3), BYPR(P_NS), FX},
    {"SecBypassSif_Sif_Nscfg11_Read", S, C_BYP, K_RD, SIF | NSCFG(3), BYPR(P_NS), FX},
    {"SecS1dssBypassSif_Sif_Nscfg11_Read", S, C_DSS, K_RD, SIF | NSCFG(3), BYPR(P_NS), FX},
    {"SecGbpaSif_TxnNs_Sif_GbpaNscfg10_Read", S, C_GBPA, K_RD, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecBypassSif_TxnNs_Sif_Nscfg10_Read", S, C_BYP, K_RD, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecS1dssBypassSif_TxnNs_Sif_Nscfg10_Read", S, C_DSS, K_RD, TXN_NS | SIF | NSCFG(2), BYPR(P_S), FX},
    {"SecStage1Sif_Sif_Read", S, C_S1, K_RD, SIF, OKR(P_S, PA_S1), FX},
    {"SecStage1Sif_DescNs_Sif_Read", S, C_S1, K_RD, D_NS | SIF, OKR(P_NS, PA_S1), FX},
    {"SecStage1Sif_NsTable_Sif_Read", S, C_S1, K_RD, NST | SIF, OKR(P_NS, PA_S1), FX},
    {"SecStage1Sif_CdNscfg0_Sif_Read", S, C_S1, K_RD, NSCFG0 | SIF, OKR(P_NS, PA_S1), FX},
    {"SecStage2SifOnStage1Output_Sif_Read", S, C_S2, K_RD, SIF, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2Sif_Sif_Read", S, C_DSS2, K_RD, SIF, OKR(P_S, PA_SS2), FX},
    {"SecStage2SifOnStage1Output_TxnNs_Sif_Read", S, C_S2, K_RD, TXN_NS | SIF, OKR(P_S, PA_S2), FX},
    {"SecS1dssStage2Sif_TxnNs_Sif_Read", S, C_DSS2, K_RD, TXN_NS | SIF, OKR(P_S, PA_S2), FX},
    {"SecStage2SifOnStage1Output_Sif_Nscfg11_Read", S, C_S2, K_RD, SIF | NSCFG(3), OKR(P_S, PA_S2), FX},
    {"SecS1dssStage2Sif_Sif_Nscfg11_Read", S, C_DSS2, K_RD, SIF | NSCFG(3), OKR(P_S, PA_S2), FX},
    {"SecStage2SifOnStage1Output_TxnNs_S2sa_Sif_Read", S, C_S2, K_RD, TXN_NS | S2SA | SIF, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2Sif_TxnNs_S2sa_Sif_Read", S, C_DSS2, K_RD, TXN_NS | S2SA | SIF, OKR(P_NS, PA_S2), FX},
    {"SecStage2SifOnStage1Output_S2sa_Sif_Read", S, C_S2, K_RD, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2Sif_S2sa_Sif_Read", S, C_DSS2, K_RD, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecNestedSif_Sif_Read", S, C_NEST, K_RD, SIF, OKR(P_S, PA_SS2), FX},
    {"SecNestedSif_DescNs_Sif_Read", S, C_NEST, K_RD, D_NS | SIF, OKR(P_S, PA_S2), FX},
    {"SecNestedSif_NsTable_Sif_Read", S, C_NEST, K_RD, NST | SIF, OKR(P_S, PA_S2), FX},
    {"SecNestedSif_S2sa_Sif_Read", S, C_NEST, K_RD, S2SA | SIF, OKR(P_NS, PA_SS2), FX},
    {"SecInstcfgInstrMakesSifFault_TxnNs_Sif_InstcfgInstr_Read", S, C_BYP, K_RD, TXN_NS | SIF | INST_I, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecInstcfgDataAvoidsSif_TxnNs_Sif_InstcfgData_Fetch", S, C_BYP, K_IX, TXN_NS | SIF | INST_D, BYPR(P_NS), FX},
    {"SecInstcfgDataAvoidsSif_DescNs_Sif_InstcfgData_Fetch", S, C_S1, K_IX, D_NS | SIF | INST_D, OKR(P_NS, PA_S1), FX},
    {"SecInstcfgIgnoredForWrites_TxnNs_Sif_InstcfgInstr_Write", S, C_BYP, K_WR, TXN_NS | SIF | INST_I, BYPR(P_NS), FX},
    {"SecStage2OutputSpace_Plain_Read", S, C_S2, K_RD, 0, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_Plain_Write", S, C_S2, K_WR, 0, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_Plain_Read", S, C_DSS2, K_RD, 0, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_Read", S, C_S2, K_RD, TXN_NS, OKR(P_S, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_Write", S, C_S2, K_WR, TXN_NS, OKR(P_S, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_Read", S, C_DSS2, K_RD, TXN_NS, OKR(P_S, PA_S2), FX},
    {"SecStage2OutputSpace_Nscfg11_Read", S, C_S2, K_RD, NSCFG(3), OKR(P_S, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | NSCFG(2), OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_Plain_Read", S, C_NEST, K_RD, 0, OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_Read", S, C_NEST, K_RD, D_NS, OKR(P_S, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_Read", S, C_NEST, K_RD, NST, OKR(P_S, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_Read", S, C_NEST, K_RD, NSCFG0, OKR(P_S, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsa_Read", S, C_S2, K_RD, S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_S2nsa_Write", S, C_S2, K_WR, S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2nsa_Read", S, C_DSS2, K_RD, S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2NSA | NSCFG(2), OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_S2nsa_Read", S, C_NEST, K_RD, S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2nsa_Read", S, C_NEST, K_RD, NST | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsw_Read", S, C_S2, K_RD, S2NSW, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_S2nsw_Write", S, C_S2, K_WR, S2NSW, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2nsw_Read", S, C_DSS2, K_RD, S2NSW, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_Read", S, C_S2, K_RD, TXN_NS | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_Write", S, C_S2, K_WR, TXN_NS | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2nsw_Read", S, C_DSS2, K_RD, TXN_NS | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsw_Nscfg11_Read", S, C_S2, K_RD, S2NSW | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2NSW | NSCFG(2), OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_S2nsw_Read", S, C_NEST, K_RD, S2NSW, OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2nsw_Read", S, C_NEST, K_RD, D_NS | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2nsw_Read", S, C_NEST, K_RD, NST | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2nsw_Read", S, C_NEST, K_RD, NSCFG0 | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsw_S2nsa_Read", S, C_S2, K_RD, S2NSW | S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_S2nsw_S2nsa_Write", S, C_S2, K_WR, S2NSW | S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, S2NSW | S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2nsw_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2NSW | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2nsw_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2NSW | S2NSA | NSCFG(2), OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_S2nsw_S2nsa_Read", S, C_NEST, K_RD, S2NSW | S2NSA, OKR(P_S, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2nsw_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NST | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_Read", S, C_S2, K_RD, S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sa_Write", S, C_S2, K_WR, S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sa_Read", S, C_DSS2, K_RD, S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_Read", S, C_S2, K_RD, TXN_NS | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_Write", S, C_S2, K_WR, TXN_NS | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sa_Read", S, C_DSS2, K_RD, TXN_NS | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_Nscfg11_Read", S, C_S2, K_RD, S2SA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sa_Read", S, C_NEST, K_RD, S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sa_Read", S, C_NEST, K_RD, D_NS | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sa_Read", S, C_NEST, K_RD, NST | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sa_Read", S, C_NEST, K_RD, NSCFG0 | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsa_Read", S, C_S2, K_RD, S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsa_Write", S, C_S2, K_WR, S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sa_S2nsa_Read", S, C_DSS2, K_RD, S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sa_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SA | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sa_S2nsa_Read", S, C_NEST, K_RD, S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sa_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sa_S2nsa_Read", S, C_NEST, K_RD, NST | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sa_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_Read", S, C_S2, K_RD, S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_Write", S, C_S2, K_WR, S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sa_S2nsw_Read", S, C_DSS2, K_RD, S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_Write", S, C_S2, K_WR, TXN_NS | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sa_S2nsw_Read", S, C_DSS2, K_RD, TXN_NS | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_Nscfg11_Read", S, C_S2, K_RD, S2SA | S2NSW | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSW | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sa_S2nsw_Read", S, C_NEST, K_RD, S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sa_S2nsw_Read", S, C_NEST, K_RD, D_NS | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sa_S2nsw_Read", S, C_NEST, K_RD, NST | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sa_S2nsw_Read", S, C_NEST, K_RD, NSCFG0 | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_S2nsa_Read", S, C_S2, K_RD, S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_S2nsa_Write", S, C_S2, K_WR, S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sa_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sa_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sa_S2nsw_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SA | S2NSW | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sa_S2nsw_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SA | S2NSW | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NST | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_Read", S, C_S2, K_RD, S2SW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_Write", S, C_S2, K_WR, S2SW, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_Read", S, C_DSS2, K_RD, S2SW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_Read", S, C_S2, K_RD, TXN_NS | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_Write", S, C_S2, K_WR, TXN_NS | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_Read", S, C_DSS2, K_RD, TXN_NS | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_Nscfg11_Read", S, C_S2, K_RD, S2SW | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_Read", S, C_NEST, K_RD, S2SW, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_Read", S, C_NEST, K_RD, D_NS | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_Read", S, C_NEST, K_RD, NST | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_Read", S, C_NEST, K_RD, NSCFG0 | S2SW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsa_Read", S, C_S2, K_RD, S2SW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsa_Write", S, C_S2, K_WR, S2SW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2nsa_Read", S, C_DSS2, K_RD, S2SW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2nsa_Read", S, C_NEST, K_RD, S2SW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2nsa_Read", S, C_NEST, K_RD, NST | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_Read", S, C_S2, K_RD, S2SW | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_Write", S, C_S2, K_WR, S2SW | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2nsw_Read", S, C_DSS2, K_RD, S2SW | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2nsw_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2NSW | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSW | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2nsw_Read", S, C_NEST, K_RD, S2SW | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2nsw_Read", S, C_NEST, K_RD, D_NS | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2nsw_Read", S, C_NEST, K_RD, NST | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2nsw_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_S2nsa_Read", S, C_S2, K_RD, S2SW | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_S2nsa_Write", S, C_S2, K_WR, S2SW | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, S2SW | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2nsw_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2NSW | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2nsw_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2NSW | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2nsw_S2nsa_Read", S, C_NEST, K_RD, S2SW | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2nsw_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NST | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_Read", S, C_S2, K_RD, S2SW | S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_Write", S, C_S2, K_WR, S2SW | S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2sa_Read", S, C_DSS2, K_RD, S2SW | S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2sa_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2SA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2sa_Read", S, C_NEST, K_RD, S2SW | S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2sa_Read", S, C_NEST, K_RD, D_NS | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2sa_Read", S, C_NEST, K_RD, NST | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2sa_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsa_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsa_Write", S, C_S2, K_WR, S2SW | S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2sa_S2nsa_Read", S, C_DSS2, K_RD, S2SW | S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2sa_S2nsa_Read", S, C_NEST, K_RD, S2SW | S2SA | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2sa_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2sa_S2nsa_Read", S, C_NEST, K_RD, NST | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2sa_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2SA | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_Write", S, C_S2, K_WR, S2SW | S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2sa_S2nsw_Read", S, C_DSS2, K_RD, S2SW | S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSW | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSW | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2sa_S2nsw_Read", S, C_NEST, K_RD, S2SW | S2SA | S2NSW, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2sa_S2nsw_Read", S, C_NEST, K_RD, D_NS | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2sa_S2nsw_Read", S, C_NEST, K_RD, NST | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2sa_S2nsw_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2SA | S2NSW, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_S2nsa_Write", S, C_S2, K_WR, S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecS1dssStage2OutputSpace_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_S2nsa_Write", S, C_S2, K_WR, TXN_NS | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecS1dssStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_DSS2, K_RD, TXN_NS | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_S2sw_S2sa_S2nsw_S2nsa_Nscfg11_Read", S, C_S2, K_RD, S2SW | S2SA | S2NSW | S2NSA | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"SecStage2OutputSpace_TxnNs_S2sw_S2sa_S2nsw_S2nsa_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2SW | S2SA | S2NSW | S2NSA | NSCFG(2), OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedOutputSpace_DescNs_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, D_NS | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_NsTable_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NST | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedOutputSpace_CdNscfg0_S2sw_S2sa_S2nsw_S2nsa_Read", S, C_NEST, K_RD, NSCFG0 | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2FetchNoSif_Plain_Fetch", S, C_S2, K_IX, 0, OKR(P_S, PA_SS2), FX},
    {"SecNestedFetchNoSif_DescNs_Fetch", S, C_NEST, K_IX, D_NS, OKR(P_S, PA_S2), FX},
    {"SecStage2FetchNoSif_TxnNs_Fetch", S, C_S2, K_IX, TXN_NS, OKR(P_S, PA_S2), FX},
    {"SecNestedFetchNoSif_TxnNs_DescNs_Fetch", S, C_NEST, K_IX, TXN_NS | D_NS, OKR(P_S, PA_S2), FX},
    {"SecStage2FetchNoSif_S2sa_Fetch", S, C_S2, K_IX, S2SA, OKR(P_NS, PA_SS2), FX},
    {"SecNestedFetchNoSif_DescNs_S2sa_Fetch", S, C_NEST, K_IX, D_NS | S2SA, OKR(P_NS, PA_S2), FX},
    {"SecStage2FetchNoSif_TxnNs_S2nsa_Fetch", S, C_S2, K_IX, TXN_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecNestedFetchNoSif_TxnNs_DescNs_S2nsa_Fetch", S, C_NEST, K_IX, TXN_NS | D_NS | S2NSA, OKR(P_NS, PA_S2), FX},
    {"SecStage2FaultNsipa_S2Unmapped_Read", S, C_S2, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"SecS1dssStage2FaultNsipa_S2Unmapped_Read", S, C_DSS2, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"SecStage2FaultNsipa_TxnNs_S2Unmapped_Read", S, C_S2, K_RD, TXN_NS | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecS1dssStage2FaultNsipa_TxnNs_S2Unmapped_Read", S, C_DSS2, K_RD, TXN_NS | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecStage2FaultNsipa_S2Unmapped_Nscfg11_Read", S, C_S2, K_RD, S2MISS | NSCFG(3), FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecS1dssStage2FaultNsipa_S2Unmapped_Nscfg11_Read", S, C_DSS2, K_RD, S2MISS | NSCFG(3), FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecStage2FaultNsipa_TxnNs_S2Unmapped_Nscfg10_Read", S, C_S2, K_RD, TXN_NS | S2MISS | NSCFG(2), FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"SecS1dssStage2FaultNsipa_TxnNs_S2Unmapped_Nscfg10_Read", S, C_DSS2, K_RD, TXN_NS | S2MISS | NSCFG(2), FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"SecNestedFaultNsipa_S2Unmapped_Read", S, C_NEST, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"SecNestedFaultNsipa_DescNs_S2Unmapped_Read", S, C_NEST, K_RD, D_NS | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecNestedFaultNsipa_NsTable_S2Unmapped_Read", S, C_NEST, K_RD, NST | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecNestedFaultNsipa_CdNscfg0_S2Unmapped_Read", S, C_NEST, K_RD, NSCFG0 | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 1, IPA_OUT), FX},
    {"SecStage1FaultNoNsipa_S1Unmapped_Read", S, C_S1, K_RD, S1MISS, FLTR(EV_TRANS, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecStage1FaultNoNsipa_CdNscfg0_S1Unmapped_Read", S, C_NEST, K_RD, NSCFG0 | S1MISS, FLTR(EV_TRANS, 0, CL_IN, 0, IPA_NONE), FX},
    {"SecCdFetchSecureIpa_Plain_Cd", S, C_NEST, K_CD, 0, OKR(P_S, PA_SS2), FS},
    {"SecCdFetchSecureIpa_S2sw_Cd", S, C_NEST, K_CD, S2SW, OKR(P_NS, PA_SS2), FN},
    {"SecCdFetchSecureIpa_S2sa_Cd", S, C_NEST, K_CD, S2SA, OKR(P_NS, PA_SS2), FN},
    {"SecCdFetchSecureIpa_S2nsw_Cd", S, C_NEST, K_CD, S2NSW, OKR(P_S, PA_SS2), FS},
    {"SecCdFetchSecureIpa_S2nsa_Cd", S, C_NEST, K_CD, S2NSA, OKR(P_S, PA_SS2), FS},
    {"SecCdFetchSecureIpa_S2sw_S2sa_S2nsw_S2nsa_Cd", S, C_NEST, K_CD, S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_SS2), FN},
    {"SecCdFetchSecureIpa_CdNscfg0_Cd", S, C_NEST, K_CD, NSCFG0, OKR(P_S, PA_S2), FS},
    {"SecCdFetchSecurePa_Plain_Cd", S, C_S1, K_CD, 0, OKR(P_S, PA_S1), FS},
    {"SecCdFetchSecurePa_TxnNs_CdNscfg0_Cd", S, C_S1, K_CD, TXN_NS | NSCFG0, OKR(P_NS, PA_S1), FS},
    {"SecTableFetchNscfg0NsTable_Plain_Tt", S, C_S1, K_TT, 0, OKR(P_S, PA_S1), FS},
    {"SecTableFetchNscfg0NsTable_CdNscfg0_Tt", S, C_S1, K_TT, NSCFG0, OKR(P_NS, PA_S1), FN},
    {"SecTableFetchNscfg0NsTable_NsTable_Tt", S, C_S1, K_TT, NST, OKR(P_NS, PA_S1), FN},
    {"SecTableFetchNscfg0NsTable_NsTable_CdNscfg0_Tt", S, C_S1, K_TT, NST | NSCFG0, OKR(P_NS, PA_S1), FN},
    {"SecTableFetchNscfg0NsTable_DescNs_Tt", S, C_S1, K_TT, D_NS, OKR(P_NS, PA_S1), FS},
    {"SecNestedTableFetch_Plain_Tt", S, C_NEST, K_TT, 0, OKR(P_S, PA_SS2), FS},
    {"SecNestedTableFetch_CdNscfg0_Tt", S, C_NEST, K_TT, NSCFG0, OKR(P_S, PA_S2), FS},
    {"SecNestedTableFetch_NsTable_Tt", S, C_NEST, K_TT, NST, OKR(P_S, PA_S2), FS},
    {"SecNestedTableFetch_S2sw_Tt", S, C_NEST, K_TT, S2SW, OKR(P_NS, PA_SS2), FN},
    {"SecNestedTableFetch_S2sa_Tt", S, C_NEST, K_TT, S2SA, OKR(P_NS, PA_SS2), FN},
    {"SecNestedTableFetch_CdNscfg0_S2nsw_Tt", S, C_NEST, K_TT, NSCFG0 | S2NSW, OKR(P_NS, PA_S2), FN},
    {"SecNestedTableFetch_NsTable_S2nsa_Tt", S, C_NEST, K_TT, NST | S2NSA, OKR(P_NS, PA_S2), FN},
    {"SecNestedTableFetch_NsTable_S2sa_Tt", S, C_NEST, K_TT, NST | S2SA, OKR(P_NS, PA_S2), FN},
    {"SecNestedTableFetch_CdNscfg0_S2sw_Tt", S, C_NEST, K_TT, NSCFG0 | S2SW, OKR(P_NS, PA_S2), FN},
    {"SecNestedTableFetch_NsTable_S2sw_S2sa_S2nsw_S2nsa_Tt", S, C_NEST, K_TT, NST | S2SW | S2SA | S2NSW | S2NSA, OKR(P_NS, PA_S2), FN},
    {"SecStage2WalkS2swS2nsw_Plain_S2t", S, C_S2, K_S2T, 0, OKR(P_S, PA_SS2), FS},
    {"SecStage2WalkS2swS2nsw_TxnNs_S2t", S, C_S2, K_S2T, TXN_NS, OKR(P_S, PA_S2), FS},
    {"SecStage2WalkS2swS2nsw_S2sw_S2t", S, C_S2, K_S2T, S2SW, OKR(P_NS, PA_SS2), FN},
    {"SecStage2WalkS2swS2nsw_TxnNs_S2sw_S2t", S, C_S2, K_S2T, TXN_NS | S2SW, OKR(P_NS, PA_S2), FS},
    {"SecStage2WalkS2swS2nsw_S2nsw_S2t", S, C_S2, K_S2T, S2NSW, OKR(P_S, PA_SS2), FS},
    {"SecStage2WalkS2swS2nsw_TxnNs_S2nsw_S2t", S, C_S2, K_S2T, TXN_NS | S2NSW, OKR(P_NS, PA_S2), FN},
    {"SecStage2WalkS2swS2nsw_S2sw_S2nsw_S2t", S, C_S2, K_S2T, S2SW | S2NSW, OKR(P_NS, PA_SS2), FN},
    {"SecStage2WalkS2swS2nsw_DescNs_S2t", S, C_NEST, K_S2T, D_NS, OKR(P_S, PA_S2), FS},
    {"SecStage2WalkS2swS2nsw_DescNs_S2nsw_S2t", S, C_NEST, K_S2T, D_NS | S2NSW, OKR(P_NS, PA_S2), FN},
    {"SecStage2WalkS2swS2nsw_NsTable_S2sw_S2t", S, C_NEST, K_S2T, NST | S2SW, OKR(P_NS, PA_S2), FS},
    {"SecSteFetchSecure_Plain_Ste", S, C_BYP, K_STE, 0, BYPR(P_S), FS},
    {"SecSteFetchSecure_TxnNs_Ste", S, C_BYP, K_STE, TXN_NS, BYPR(P_NS), FS},
    {"SecEventRecordSecure_Plain_Evt", S, C_BYP, K_EVT, 0, CFGR(EV_BADSTE), FS},
    {"SecSidWithoutSecureImplIsNonSecure_NoSecureImpl_Read", S, C_BYP, K_RD, NOSEC, BYPR(P_NS), FX},
    {"SecSidWithoutSecureImplIsNonSecure_NoSecureImpl_Nscfg10_Read", S, C_BYP, K_RD, NOSEC | NSCFG(2), BYPR(P_NS), FX},
    {"SecSidWithoutSecureImplIsNonSecure_TxnNs_NoSecureImpl_Read", S, C_BYP, K_RD, TXN_NS | NOSEC, BYPR(P_NS), FX},
    {"SecSidWithoutSecureImplIsNonSecure_NoSecureImpl_GbpaNscfg10_Read", S, C_GBPA, K_RD, NOSEC | NSCFG(2), BYPR(P_NS), FX},
    {"SecSidWithoutSecureImplIsNonSecure_CdNscfg0_NoSecureImpl_Read", S, C_S1, K_RD, NSCFG0 | NOSEC, OKR(P_NS, PA_S1), FX},
    {"SecSidWithoutSecureImplIsNonSecure_NoSecureImpl_Ste", S, C_BYP, K_STE, NOSEC, BYPR(P_NS), FN},
    {"SecSidWithoutSecureImplIsNonSecure_NoSecureImpl_Evt", S, C_BYP, K_EVT, NOSEC, CFGR(EV_BADSTE), FN},
    {"RealmGbpaAborts_Plain_Read", R, C_GBPA, K_RD, 0, ABRT, FX},
    {"RealmGbpaAborts_TxnNs_Read", R, C_GBPA, K_RD, TXN_NS, ABRT, FX},
    {"RealmGbpaAborts_GbpaNscfg11_Read", R, C_GBPA, K_RD, NSCFG(3), ABRT, FX},
    {"RealmBypassNscfg_Plain_Read", R, C_BYP, K_RD, 0, BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Plain_Read", R, C_DSS, K_RD, 0, BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Read", R, C_BYP, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Read", R, C_DSS, K_RD, TXN_NS, BYPR(P_NS), FX},
    {"RealmBypassNscfg_Nscfg01_Read", R, C_BYP, K_RD, NSCFG(1), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg01_Read", R, C_DSS, K_RD, NSCFG(1), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg01_Read", R, C_BYP, K_RD, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg01_Read", R, C_DSS, K_RD, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"RealmBypassNscfg_Nscfg10_Read", R, C_BYP, K_RD, NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg10_Read", R, C_DSS, K_RD, NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg10_Read", R, C_BYP, K_RD, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg10_Read", R, C_DSS, K_RD, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_Nscfg11_Read", R, C_BYP, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_Nscfg11_Read", R, C_DSS, K_RD, NSCFG(3), BYPR(P_NS), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg11_Read", R, C_BYP, K_RD, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg11_Read", R, C_DSS, K_RD, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"RealmEl1Stage1AlwaysRealm_Plain_Read", R, C_S1, K_RD, 0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_DescNs_Read", R, C_S1, K_RD, D_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_NsTable_Read", R, C_S1, K_RD, NST, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_CdNscfg0_Read", R, C_S1, K_RD, NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_Read", R, C_S1, K_RD, TXN_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_Nscfg11_Read", R, C_S1, K_RD, NSCFG(3), OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_DescNs_NsTable_CdNscfg0_Read", R, C_S1, K_RD, TXN_NS | D_NS | NST | NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_El2_Read", R, C_S1, K_RD, EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_DescNs_El2_Read", R, C_S1, K_RD, D_NS | EL2, OKR(P_NS, PA_S1), FX},
    {"RealmEl2Stage1DescNs_NsTable_El2_Read", R, C_S1, K_RD, NST | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_CdNscfg0_El2_Read", R, C_S1, K_RD, NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_NsTable_CdNscfg0_El2_Read", R, C_S1, K_RD, NST | NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_TxnNs_El2_Read", R, C_S1, K_RD, TXN_NS | EL2, OKR(P_R, PA_S1), FX},
    {"RealmStage2DescNs_Plain_Read", R, C_S2, K_RD, 0, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Plain_Read", R, C_DSS2, K_RD, 0, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_S2DescNs_Read", R, C_S2, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Read", R, C_DSS2, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_Read", R, C_S2, K_RD, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_Read", R, C_DSS2, K_RD, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg11_Read", R, C_S2, K_RD, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg11_Read", R, C_DSS2, K_RD, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg10_Read", R, C_S2, K_RD, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg10_Read", R, C_DSS2, K_RD, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Read", R, C_S2, K_RD, TXN_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Read", R, C_DSS2, K_RD, TXN_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_S2DescNs_Nscfg11_Read", R, C_S2, K_RD, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Nscfg11_Read", R, C_DSS2, K_RD, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Nscfg10_Read", R, C_S2, K_RD, TXN_NS | S2NS | NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Nscfg10_Read", R, C_DSS2, K_RD, TXN_NS | S2NS | NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"RealmNestedStage2DescNs_Plain_Read", R, C_NEST, K_RD, 0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_S2DescNs_Read", R, C_NEST, K_RD, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmNestedStage2DescNs_DescNs_Read", R, C_NEST, K_RD, D_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_NsTable_Read", R, C_NEST, K_RD, NST, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_CdNscfg0_Read", R, C_NEST, K_RD, NSCFG0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_TxnNs_Read", R, C_NEST, K_RD, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_DescNs_S2DescNs_Read", R, C_NEST, K_RD, D_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmGbpaAborts_Plain_Write", R, C_GBPA, K_WR, 0, ABRT, FX},
    {"RealmGbpaAborts_TxnNs_Write", R, C_GBPA, K_WR, TXN_NS, ABRT, FX},
    {"RealmGbpaAborts_GbpaNscfg11_Write", R, C_GBPA, K_WR, NSCFG(3), ABRT, FX},
    {"RealmBypassNscfg_Plain_Write", R, C_BYP, K_WR, 0, BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Plain_Write", R, C_DSS, K_WR, 0, BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Write", R, C_BYP, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Write", R, C_DSS, K_WR, TXN_NS, BYPR(P_NS), FX},
    {"RealmBypassNscfg_Nscfg01_Write", R, C_BYP, K_WR, NSCFG(1), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg01_Write", R, C_DSS, K_WR, NSCFG(1), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg01_Write", R, C_BYP, K_WR, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg01_Write", R, C_DSS, K_WR, TXN_NS | NSCFG(1), BYPR(P_NS), FX},
    {"RealmBypassNscfg_Nscfg10_Write", R, C_BYP, K_WR, NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg10_Write", R, C_DSS, K_WR, NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg10_Write", R, C_BYP, K_WR, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg10_Write", R, C_DSS, K_WR, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_Nscfg11_Write", R, C_BYP, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_Nscfg11_Write", R, C_DSS, K_WR, NSCFG(3), BYPR(P_NS), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg11_Write", R, C_BYP, K_WR, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg11_Write", R, C_DSS, K_WR, TXN_NS | NSCFG(3), BYPR(P_NS), FX},
    {"RealmEl1Stage1AlwaysRealm_Plain_Write", R, C_S1, K_WR, 0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_DescNs_Write", R, C_S1, K_WR, D_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_NsTable_Write", R, C_S1, K_WR, NST, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_CdNscfg0_Write", R, C_S1, K_WR, NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_Write", R, C_S1, K_WR, TXN_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_Nscfg11_Write", R, C_S1, K_WR, NSCFG(3), OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_DescNs_NsTable_CdNscfg0_Write", R, C_S1, K_WR, TXN_NS | D_NS | NST | NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_El2_Write", R, C_S1, K_WR, EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_DescNs_El2_Write", R, C_S1, K_WR, D_NS | EL2, OKR(P_NS, PA_S1), FX},
    {"RealmEl2Stage1DescNs_NsTable_El2_Write", R, C_S1, K_WR, NST | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_CdNscfg0_El2_Write", R, C_S1, K_WR, NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_NsTable_CdNscfg0_El2_Write", R, C_S1, K_WR, NST | NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_TxnNs_El2_Write", R, C_S1, K_WR, TXN_NS | EL2, OKR(P_R, PA_S1), FX},
    {"RealmStage2DescNs_Plain_Write", R, C_S2, K_WR, 0, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Plain_Write", R, C_DSS2, K_WR, 0, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_S2DescNs_Write", R, C_S2, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Write", R, C_DSS2, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_Write", R, C_S2, K_WR, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_Write", R, C_DSS2, K_WR, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg11_Write", R, C_S2, K_WR, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg11_Write", R, C_DSS2, K_WR, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg10_Write", R, C_S2, K_WR, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg10_Write", R, C_DSS2, K_WR, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Write", R, C_S2, K_WR, TXN_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Write", R, C_DSS2, K_WR, TXN_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_S2DescNs_Nscfg11_Write", R, C_S2, K_WR, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Nscfg11_Write", R, C_DSS2, K_WR, S2NS | NSCFG(3), OKR(P_NS, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Nscfg10_Write", R, C_S2, K_WR, TXN_NS | S2NS | NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Nscfg10_Write", R, C_DSS2, K_WR, TXN_NS | S2NS | NSCFG(2), OKR(P_NS, PA_S2), FX},
    {"RealmNestedStage2DescNs_Plain_Write", R, C_NEST, K_WR, 0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_S2DescNs_Write", R, C_NEST, K_WR, S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmNestedStage2DescNs_DescNs_Write", R, C_NEST, K_WR, D_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_NsTable_Write", R, C_NEST, K_WR, NST, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_CdNscfg0_Write", R, C_NEST, K_WR, NSCFG0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_TxnNs_Write", R, C_NEST, K_WR, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_DescNs_S2DescNs_Write", R, C_NEST, K_WR, D_NS | S2NS, OKR(P_NS, PA_S2), FX},
    {"RealmGbpaAborts_Plain_Fetch", R, C_GBPA, K_IX, 0, ABRT, FX},
    {"RealmGbpaAborts_TxnNs_Fetch", R, C_GBPA, K_IX, TXN_NS, ABRT, FX},
    {"RealmGbpaAborts_GbpaNscfg11_Fetch", R, C_GBPA, K_IX, NSCFG(3), ABRT, FX},
    {"RealmBypassNscfg_Plain_Fetch", R, C_BYP, K_IX, 0, BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Plain_Fetch", R, C_DSS, K_IX, 0, BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Fetch", R, C_BYP, K_IX, TXN_NS, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Fetch", R, C_DSS, K_IX, TXN_NS, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmBypassNscfg_Nscfg01_Fetch", R, C_BYP, K_IX, NSCFG(1), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg01_Fetch", R, C_DSS, K_IX, NSCFG(1), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg01_Fetch", R, C_BYP, K_IX, TXN_NS | NSCFG(1), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg01_Fetch", R, C_DSS, K_IX, TXN_NS | NSCFG(1), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmBypassNscfg_Nscfg10_Fetch", R, C_BYP, K_IX, NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_Nscfg10_Fetch", R, C_DSS, K_IX, NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg10_Fetch", R, C_BYP, K_IX, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg10_Fetch", R, C_DSS, K_IX, TXN_NS | NSCFG(2), BYPR(P_R), FX},
    {"RealmBypassNscfg_Nscfg11_Fetch", R, C_BYP, K_IX, NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmS1dssBypassNscfg_Nscfg11_Fetch", R, C_DSS, K_IX, NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmBypassNscfg_TxnNs_Nscfg11_Fetch", R, C_BYP, K_IX, TXN_NS | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmS1dssBypassNscfg_TxnNs_Nscfg11_Fetch", R, C_DSS, K_IX, TXN_NS | NSCFG(3), FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmEl1Stage1AlwaysRealm_Plain_Fetch", R, C_S1, K_IX, 0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_DescNs_Fetch", R, C_S1, K_IX, D_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_NsTable_Fetch", R, C_S1, K_IX, NST, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_CdNscfg0_Fetch", R, C_S1, K_IX, NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_Fetch", R, C_S1, K_IX, TXN_NS, OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_Nscfg11_Fetch", R, C_S1, K_IX, NSCFG(3), OKR(P_R, PA_S1), FX},
    {"RealmEl1Stage1AlwaysRealm_TxnNs_DescNs_NsTable_CdNscfg0_Fetch", R, C_S1, K_IX, TXN_NS | D_NS | NST | NSCFG0, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_El2_Fetch", R, C_S1, K_IX, EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_DescNs_El2_Fetch", R, C_S1, K_IX, D_NS | EL2, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmEl2Stage1DescNs_NsTable_El2_Fetch", R, C_S1, K_IX, NST | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_CdNscfg0_El2_Fetch", R, C_S1, K_IX, NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_NsTable_CdNscfg0_El2_Fetch", R, C_S1, K_IX, NST | NSCFG0 | EL2, OKR(P_R, PA_S1), FX},
    {"RealmEl2Stage1DescNs_TxnNs_El2_Fetch", R, C_S1, K_IX, TXN_NS | EL2, OKR(P_R, PA_S1), FX},
    {"RealmStage2DescNs_Plain_Fetch", R, C_S2, K_IX, 0, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Plain_Fetch", R, C_DSS2, K_IX, 0, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_S2DescNs_Fetch", R, C_S2, K_IX, S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Fetch", R, C_DSS2, K_IX, S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmStage2DescNs_TxnNs_Fetch", R, C_S2, K_IX, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_TxnNs_Fetch", R, C_DSS2, K_IX, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg11_Fetch", R, C_S2, K_IX, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg11_Fetch", R, C_DSS2, K_IX, NSCFG(3), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_Nscfg10_Fetch", R, C_S2, K_IX, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmS1dssStage2DescNs_Nscfg10_Fetch", R, C_DSS2, K_IX, NSCFG(2), OKR(P_R, PA_S2), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Fetch", R, C_S2, K_IX, TXN_NS | S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Fetch", R, C_DSS2, K_IX, TXN_NS | S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmStage2DescNs_S2DescNs_Nscfg11_Fetch", R, C_S2, K_IX, S2NS | NSCFG(3), FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmS1dssStage2DescNs_S2DescNs_Nscfg11_Fetch", R, C_DSS2, K_IX, S2NS | NSCFG(3), FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmStage2DescNs_TxnNs_S2DescNs_Nscfg10_Fetch", R, C_S2, K_IX, TXN_NS | S2NS | NSCFG(2), FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmS1dssStage2DescNs_TxnNs_S2DescNs_Nscfg10_Fetch", R, C_DSS2, K_IX, TXN_NS | S2NS | NSCFG(2), FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmNestedStage2DescNs_Plain_Fetch", R, C_NEST, K_IX, 0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_S2DescNs_Fetch", R, C_NEST, K_IX, S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmNestedStage2DescNs_DescNs_Fetch", R, C_NEST, K_IX, D_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_NsTable_Fetch", R, C_NEST, K_IX, NST, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_CdNscfg0_Fetch", R, C_NEST, K_IX, NSCFG0, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_TxnNs_Fetch", R, C_NEST, K_IX, TXN_NS, OKR(P_R, PA_S2), FX},
    {"RealmNestedStage2DescNs_DescNs_S2DescNs_Fetch", R, C_NEST, K_IX, D_NS | S2NS, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmInstcfgInstrToNsFaults_TxnNs_InstcfgInstr_Read", R, C_BYP, K_RD, TXN_NS | INST_I, FLTR(EV_PERM, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmInstcfgInstrToNsFaults_S2DescNs_InstcfgInstr_Read", R, C_S2, K_RD, S2NS | INST_I, FLTR(EV_PERM, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmInstcfgDataToNsPasses_TxnNs_InstcfgData_Fetch", R, C_BYP, K_IX, TXN_NS | INST_D, BYPR(P_NS), FX},
    {"RealmInstcfgDataToNsPasses_S2DescNs_InstcfgData_Fetch", R, C_S2, K_IX, S2NS | INST_D, OKR(P_NS, PA_S2), FX},
    {"RealmStage2FaultNoNsipa_S2Unmapped_Read", R, C_S2, K_RD, S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmStage2FaultNoNsipa_TxnNs_S2Unmapped_Read", R, C_S2, K_RD, TXN_NS | S2MISS, FLTR(EV_TRANS, 1, CL_IN, 0, IPA_OUT), FX},
    {"RealmStage1FaultNoNsipa_S1Unmapped_Read", R, C_S1, K_RD, S1MISS, FLTR(EV_TRANS, 0, CL_IN, 0, IPA_NONE), FX},
    {"RealmCdFetch_Plain_Cd", R, C_NEST, K_CD, 0, OKR(P_R, PA_S2), FR},
    {"RealmCdFetch_CdNscfg0_Cd", R, C_NEST, K_CD, NSCFG0, OKR(P_R, PA_S2), FR},
    {"RealmCdFetch_CdIpaNs_Cd", R, C_NEST, K_CD, S2NS_CD, FLTR(EV_PERM, 1, CL_CD, 0, IPA_CD), F0},
    {"RealmCdFetch_S2DescNs_Cd", R, C_NEST, K_CD, S2NS, OKR(P_NS, PA_S2), FR},
    {"RealmCdFetch_TableIpaNs_Cd", R, C_NEST, K_CD, S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), FR},
    {"RealmCdFetch_CdNscfg0_CdIpaNs_Cd", R, C_NEST, K_CD, NSCFG0 | S2NS_CD, FLTR(EV_PERM, 1, CL_CD, 0, IPA_CD), F0},
    {"RealmTableFetch_Plain_Tt", R, C_NEST, K_TT, 0, OKR(P_R, PA_S2), FR},
    {"RealmTableFetch_NsTable_Tt", R, C_NEST, K_TT, NST, OKR(P_R, PA_S2), FR},
    {"RealmTableFetch_CdNscfg0_Tt", R, C_NEST, K_TT, NSCFG0, OKR(P_R, PA_S2), FR},
    {"RealmTableFetch_TableIpaNs_Tt", R, C_NEST, K_TT, S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), F0},
    {"RealmTableFetch_NsTable_TableIpaNs_Tt", R, C_NEST, K_TT, NST | S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), F0},
    {"RealmTableFetch_S2DescNs_Tt", R, C_NEST, K_TT, S2NS, OKR(P_NS, PA_S2), FR},
    {"RealmTableFetch_NsTable_El2_Tt", R, C_S1, K_TT, NST | EL2, OKR(P_R, PA_S1), FR},
    {"RealmTableFetch_CdNscfg0_El2_Tt", R, C_S1, K_TT, NSCFG0 | EL2, OKR(P_R, PA_S1), FR},
    {"RealmStructureIpaNsIsStage2Permission_CdIpaNs_Read", R, C_NEST, K_RD, S2NS_CD, FLTR(EV_PERM, 1, CL_CD, 0, IPA_CD), FX},
    {"RealmStructureIpaNsIsStage2Permission_CdIpaNs_Write", R, C_NEST, K_WR, S2NS_CD, FLTR(EV_PERM, 1, CL_CD, 0, IPA_CD), FX},
    {"RealmStructureIpaNsIsStage2Permission_CdIpaNs_Fetch", R, C_NEST, K_IX, S2NS_CD, FLTR(EV_PERM, 1, CL_CD, 0, IPA_CD), FX},
    {"RealmStructureIpaNsIsStage2Permission_TableIpaNs_Read", R, C_NEST, K_RD, S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), FX},
    {"RealmStructureIpaNsIsStage2Permission_TableIpaNs_Write", R, C_NEST, K_WR, S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), FX},
    {"RealmStructureIpaNsIsStage2Permission_TableIpaNs_Fetch", R, C_NEST, K_IX, S2NS_TT, FLTR(EV_PERM, 1, CL_TT, 0, IPA_TT0), FX},
    {"RealmStage2WalkRealm_Plain_S2t", R, C_S2, K_S2T, 0, OKR(P_R, PA_S2), FR},
    {"RealmStage2WalkRealm_TxnNs_S2t", R, C_S2, K_S2T, TXN_NS, OKR(P_R, PA_S2), FR},
    {"RealmStage2WalkRealm_S2DescNs_S2t", R, C_S2, K_S2T, S2NS, OKR(P_NS, PA_S2), FR},
    {"RealmSteFetchRealm_Plain_Ste", R, C_BYP, K_STE, 0, BYPR(P_R), FR},
    {"RealmSteFetchRealm_TxnNs_Ste", R, C_BYP, K_STE, TXN_NS, BYPR(P_NS), FR},
    {"RealmEventRecordRealm_Plain_Evt", R, C_BYP, K_EVT, 0, CFGR(EV_BADSTE), FR},
    {"GpcNsOutput_GpiAnyOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_ANY, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_GpiAnyOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_ANY, G_OUT), BYPR(P_S), FX},
    {"GpcSecOutput_TxnNs_GpiAnyOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_ANY, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_Nscfg11_GpiAnyOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_ANY, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_DescNs_GpiAnyOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_ANY, G_OUT), OKR(P_NS, PA_S1), FX},
    {"GpcSecOutput_S2sa_GpiAnyOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_ANY, G_OUT), OKR(P_NS, PA_SS2), FX},
    {"GpcSecOutput_NsTable_GpiAnyOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_ANY, G_OUT), OKR(P_S, PA_S2), FX},
    {"GpcRealmOutput_GpiAnyOnOut_Read", R, C_BYP, K_RD, GPC(GPI_ANY, G_OUT), BYPR(P_R), FX},
    {"GpcRealmOutput_TxnNs_GpiAnyOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_ANY, G_OUT), BYPR(P_NS), FX},
    {"GpcRealmOutput_DescNs_El2_GpiAnyOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_ANY, G_OUT), OKR(P_NS, PA_S1), FX},
    {"GpcRealmOutput_S2DescNs_GpiAnyOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_ANY, G_OUT), OKR(P_NS, PA_S2), FX},
    {"GpcSteFetch_GpiAnyOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_ANY, G_STE), BYPR(P_NS), FN},
    {"GpcEventRecordWrite_GpiAnyOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_ANY, G_EVT), CFGR(EV_BADSTE), FN},
    {"GpcCdFetch_GpiAnyOnCd_Cd", N, C_S1, K_CD, GPC(GPI_ANY, G_CD), OKR(P_NS, PA_S1), FN},
    {"GpcTableFetch_GpiAnyOnTable_Tt", N, C_S1, K_TT, GPC(GPI_ANY, G_TT), OKR(P_NS, PA_S1), FN},
    {"GpcTableFetch_CdNscfg0_GpiAnyOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_ANY, G_TT), OKR(P_NS, PA_S1), FN},
    {"GpcCdFetch_S2sa_GpiAnyOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_ANY, G_CD), OKR(P_NS, PA_SS2), FN},
    {"GpcNsOutput_GpiNonSecureOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_NS, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_GpiNonSecureOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_NS, G_OUT), ABRT, FX},
    {"GpcSecOutput_TxnNs_GpiNonSecureOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_NS, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_Nscfg11_GpiNonSecureOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_NS, G_OUT), BYPR(P_NS), FX},
    {"GpcSecOutput_DescNs_GpiNonSecureOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_NS, G_OUT), OKR(P_NS, PA_S1), FX},
    {"GpcSecOutput_S2sa_GpiNonSecureOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_NS, G_OUT), OKR(P_NS, PA_SS2), FX},
    {"GpcSecOutput_NsTable_GpiNonSecureOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_NS, G_OUT), ABRT, FX},
    {"GpcRealmOutput_GpiNonSecureOnOut_Read", R, C_BYP, K_RD, GPC(GPI_NS, G_OUT), ABRT, FX},
    {"GpcRealmOutput_TxnNs_GpiNonSecureOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_NS, G_OUT), BYPR(P_NS), FX},
    {"GpcRealmOutput_DescNs_El2_GpiNonSecureOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_NS, G_OUT), OKR(P_NS, PA_S1), FX},
    {"GpcRealmOutput_S2DescNs_GpiNonSecureOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_NS, G_OUT), OKR(P_NS, PA_S2), FX},
    {"GpcSteFetch_GpiNonSecureOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_NS, G_STE), BYPR(P_NS), FN},
    {"GpcEventRecordWrite_GpiNonSecureOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_NS, G_EVT), CFGR(EV_BADSTE), FN},
    {"GpcCdFetch_GpiNonSecureOnCd_Cd", N, C_S1, K_CD, GPC(GPI_NS, G_CD), OKR(P_NS, PA_S1), FN},
    {"GpcTableFetch_GpiNonSecureOnTable_Tt", N, C_S1, K_TT, GPC(GPI_NS, G_TT), OKR(P_NS, PA_S1), FN},
    {"GpcTableFetch_CdNscfg0_GpiNonSecureOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_NS, G_TT), OKR(P_NS, PA_S1), FN},
    {"GpcCdFetch_S2sa_GpiNonSecureOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_NS, G_CD), OKR(P_NS, PA_SS2), FN},
    {"GpcNsOutput_GpiSecureOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSecOutput_GpiSecureOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_SECURE, G_OUT), BYPR(P_S), FX},
    {"GpcSecOutput_TxnNs_GpiSecureOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSecOutput_Nscfg11_GpiSecureOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSecOutput_DescNs_GpiSecureOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSecOutput_S2sa_GpiSecureOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSecOutput_NsTable_GpiSecureOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_SECURE, G_OUT), OKR(P_S, PA_S2), FX},
    {"GpcRealmOutput_GpiSecureOnOut_Read", R, C_BYP, K_RD, GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_TxnNs_GpiSecureOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_DescNs_El2_GpiSecureOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_S2DescNs_GpiSecureOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcSteFetch_GpiSecureOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_SECURE, G_STE), CFGR(EV_STEFETCH), F0},
    {"GpcEventRecordWrite_GpiSecureOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_SECURE, G_EVT), CFGU(EV_BADSTE), F0},
    {"GpcCdFetch_GpiSecureOnCd_Cd", N, C_S1, K_CD, GPC(GPI_SECURE, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcTableFetch_GpiSecureOnTable_Tt", N, C_S1, K_TT, GPC(GPI_SECURE, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcTableFetch_CdNscfg0_GpiSecureOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_SECURE, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcCdFetch_S2sa_GpiSecureOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_SECURE, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcNsOutput_GpiRealmOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_GpiRealmOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_TxnNs_GpiRealmOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_Nscfg11_GpiRealmOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_DescNs_GpiRealmOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_S2sa_GpiRealmOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSecOutput_NsTable_GpiRealmOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcRealmOutput_GpiRealmOnOut_Read", R, C_BYP, K_RD, GPC(GPI_REALM, G_OUT), BYPR(P_R), FX},
    {"GpcRealmOutput_TxnNs_GpiRealmOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcRealmOutput_DescNs_El2_GpiRealmOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcRealmOutput_S2DescNs_GpiRealmOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_REALM, G_OUT), ABRT, FX},
    {"GpcSteFetch_GpiRealmOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_REALM, G_STE), CFGR(EV_STEFETCH), F0},
    {"GpcEventRecordWrite_GpiRealmOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_REALM, G_EVT), CFGU(EV_BADSTE), F0},
    {"GpcCdFetch_GpiRealmOnCd_Cd", N, C_S1, K_CD, GPC(GPI_REALM, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcTableFetch_GpiRealmOnTable_Tt", N, C_S1, K_TT, GPC(GPI_REALM, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcTableFetch_CdNscfg0_GpiRealmOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_REALM, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcCdFetch_S2sa_GpiRealmOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_REALM, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcNsOutput_GpiRootOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_GpiRootOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_TxnNs_GpiRootOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_Nscfg11_GpiRootOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_DescNs_GpiRootOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_S2sa_GpiRootOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSecOutput_NsTable_GpiRootOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcRealmOutput_GpiRootOnOut_Read", R, C_BYP, K_RD, GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcRealmOutput_TxnNs_GpiRootOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcRealmOutput_DescNs_El2_GpiRootOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcRealmOutput_S2DescNs_GpiRootOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_ROOT, G_OUT), ABRT, FX},
    {"GpcSteFetch_GpiRootOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_ROOT, G_STE), CFGR(EV_STEFETCH), F0},
    {"GpcEventRecordWrite_GpiRootOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_ROOT, G_EVT), CFGU(EV_BADSTE), F0},
    {"GpcCdFetch_GpiRootOnCd_Cd", N, C_S1, K_CD, GPC(GPI_ROOT, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcTableFetch_GpiRootOnTable_Tt", N, C_S1, K_TT, GPC(GPI_ROOT, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcTableFetch_CdNscfg0_GpiRootOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_ROOT, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcCdFetch_S2sa_GpiRootOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_ROOT, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcNsOutput_GpiNoneOnOut_Read", N, C_GBPA, K_RD, GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_GpiNoneOnOut_Read", S, C_GBPA, K_RD, GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_TxnNs_GpiNoneOnOut_Read", S, C_GBPA, K_RD, TXN_NS | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_Nscfg11_GpiNoneOnOut_Read", S, C_BYP, K_RD, NSCFG(3) | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_DescNs_GpiNoneOnOut_Read", S, C_S1, K_RD, D_NS | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_S2sa_GpiNoneOnOut_Read", S, C_S2, K_RD, S2SA | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSecOutput_NsTable_GpiNoneOnOut_Read", S, C_NEST, K_RD, NST | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_GpiNoneOnOut_Read", R, C_BYP, K_RD, GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_TxnNs_GpiNoneOnOut_Read", R, C_BYP, K_RD, TXN_NS | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_DescNs_El2_GpiNoneOnOut_Read", R, C_S1, K_RD, D_NS | EL2 | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcRealmOutput_S2DescNs_GpiNoneOnOut_Read", R, C_S2, K_RD, S2NS | GPC(GPI_NONE, G_OUT), ABRT, FX},
    {"GpcSteFetch_GpiNoneOnSte_Ste", N, C_BYP, K_STE, GPC(GPI_NONE, G_STE), CFGR(EV_STEFETCH), F0},
    {"GpcEventRecordWrite_GpiNoneOnEvtq_Evt", N, C_BYP, K_EVT, GPC(GPI_NONE, G_EVT), CFGU(EV_BADSTE), F0},
    {"GpcCdFetch_GpiNoneOnCd_Cd", N, C_S1, K_CD, GPC(GPI_NONE, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcTableFetch_GpiNoneOnTable_Tt", N, C_S1, K_TT, GPC(GPI_NONE, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcTableFetch_CdNscfg0_GpiNoneOnTable_Tt", S, C_S1, K_TT, NSCFG0 | GPC(GPI_NONE, G_TT), FLTR(EV_WALKEABT, 0, CL_TT, 0, IPA_NONE), F0},
    {"GpcCdFetch_S2sa_GpiNoneOnCd_Cd", S, C_NEST, K_CD, S2SA | GPC(GPI_NONE, G_CD), CFGR(EV_CDFETCH), F0},
    {"GpcWriteChecked_GpiSecureOnOut_Write", N, C_BYP, K_WR, GPC(GPI_SECURE, G_OUT), ABRT, FX},
    {"GpcFetchChecked_GpiNonSecureOnOut_Fetch", S, C_BYP, K_IX, GPC(GPI_NS, G_OUT), ABRT, FX},
};
// clang-format on

struct Access {
    uint64_t pa;
    smmu_pa_space pas;
    bool write;
};

void log_read(void *arg, uint64_t pa, smmu_pa_space pas)
{
    static_cast<std::vector<Access> *>(arg)->push_back({pa, pas, false});
}
void log_write(void *arg, uint64_t pa, smmu_pa_space pas)
{
    // fake_mem_write is reached through both the write and the arg of on_write
    static_cast<std::vector<Access> *>(arg)->push_back({pa, pas, true});
}

// One row's world: a fresh SMMU and memory (the fixture of the other translation tests, set up
// and torn down per row by the test below).
class RowWorld : public XlateTest
{
  public:
    explicit RowWorld(const Row &r) : row(r) {}
    void TestBody() override {}

    const Row row;
    unsigned bank = BANK_NS;   // the interface the stream belongs to
    smmu_pa_space bpas = P_NS; // its PA space
    smmu_driver rdrv{};        // the Realm interface's driver
    st_builder rst{};
    pgt s1{}, s2ns{}, s2s{};
    bool have_s1 = false, have_s2 = false;
    std::vector<Access> log;

    bool has(uint64_t knob) const { return (row.k & knob) != 0; }
    static unsigned pick(bool b, unsigned yes, unsigned no) { return b ? yes : no; }

    void build();
    void stream();
    void stage1();
    void stage2();
    void gpc();
    uint64_t input() const;
    uint64_t out_ipa() const { return row.cfg == C_NEST ? kS1Out : kIpa & ~0xFFFull; }
    smmu_result run();
    bool read_event(uint64_t w[4]);
    unsigned probe_mask();
    void check(const smmu_result &r, bool first);
};

void RowWorld::build()
{
    cfg.rme_impl = cfg.realm_impl = true;
    cfg.bbml = 2; // a REALM_IMPL prerequisite [2.7.1]
    cfg.gbpa_abort_at_reset = false;
    if (has(NOSEC)) {
        cfg.secure_impl = false;
        cfg.sel2 = false;
    }
    if (has(NOPERM))
        cfg.attr_perms_ovr = false;
    create();
    ASSERT_EQ(0, gpt_access_only(s, kRoot));
    bank = smmu_bank_of(s, row.sec);
    bpas = bank == BANK_S ? P_S : bank == BANK_R ? P_R : P_NS;
    const bool on = row.cfg != C_GBPA;
    enable(BANK_NS, bank != BANK_NS || on);
    if (cfg.secure_impl)
        enable(BANK_S, bank != BANK_S || on);
    drv_init(&rdrv, s, m, SMMU_SEC_REALM);
    drv_setup_cmdq(&rdrv, kCmdq, kQs);
    drv_setup_evtq(&rdrv, kEvtq, kQs);
    ASSERT_EQ(0, drv_enable_queues(&rdrv));
    st_init_linear(&rst, m, P_R, kStrtab, 8);
    drv_set_strtab(&rdrv, st_base_reg(&rst), st_base_cfg_reg(&rst));
    if (bank != BANK_R || on) {
        ASSERT_EQ(0, drv_enable_smmu(&rdrv));
    }
    if (row.cfg == C_GBPA && bank == BANK_S) {
        // S_GBPA.NSCFG [6.3.14]; SHCFG 01 (incoming) as at reset
        gbpa(BANK_S,
             (uint32_t)(SMMU_FIELD_PREP(SMMU_S_GBPA_NSCFG, (row.k >> 4) & 3) | SMMU_FIELD_PREP(SMMU_GBPA_SHCFG, 1)));
    }
    if (has(SIF)) {
        uint32_t cr0 = drv_read32(&drv[BANK_S], DRV_CR0);
        ASSERT_EQ(0, drv_write_cr0(&drv[BANK_S], cr0 | (uint32_t)SMMU_S_CR0_SIF));
    }
    ASSERT_NO_FATAL_FAILURE(stream());
    // Translation structures in every PA space the SMMU could look for them in
    const smmu_pa_space sp[3] = {P_NS, P_S, P_R};
    for (smmu_pa_space from : sp)
        for (smmu_pa_space to : sp)
            if (from != to) {
                fake_mem_fill_missing(m, from, to, kCd, kCd + 0x200000);
                fake_mem_fill_missing(m, from, to, kS1Pool, kS1NsPool + 0x400000);
                fake_mem_fill_missing(m, from, to, kS2NsPool, kS2SPool + 0x400000);
            }
    if (has(1u << 21)) {
        ASSERT_NO_FATAL_FAILURE(gpc());
    }
}

// The stream kSid of the row's interface (and kBadSid, with an invalid STE).
void RowWorld::stream()
{
    st_builder *b = bank == BANK_R ? &rst : &st[bank];
    uint64_t ste[8] = {}, bad[8] = {};
    st_write_ste(b, kBadSid, bad); // V = 0: C_BAD_STE [5.2 V]
    if (row.cfg == C_GBPA)
        return;
    const bool s1on = row.cfg == C_S1 || row.cfg == C_NEST || row.cfg == C_DSS || row.cfg == C_DSS2;
    const bool dss = row.cfg == C_DSS || row.cfg == C_DSS2;
    if (s1on) {
        ASSERT_NO_FATAL_FAILURE(stage1());
        ste_make_s1(ste, kCd, 0, dss ? 1 : 0);
        if (dss)
            smmu_ste_set_S1DSS(ste, 1);
        if (has(EL2))
            smmu_ste_set_STRW(ste, 2);
    } else {
        ste_make_bypass(ste);
    }
    if (row.cfg == C_S2 || row.cfg == C_NEST || row.cfg == C_DSS2) {
        ASSERT_NO_FATAL_FAILURE(stage2());
        ste_s2_params p = s2_params_of(s2ns, 40, 1);
        ste_set_s2(ste, &p);
        if (bank == BANK_S) {
            p.ttb = s2s.root;
            p.start_level = pgt_start_level(&s2s);
            ste_set_secure_s2(ste, &p);
            smmu_ste_set_S2SW(ste, has(S2SW));
            smmu_ste_set_S2SA(ste, has(S2SA));
            smmu_ste_set_S2NSW(ste, has(S2NSW));
            smmu_ste_set_S2NSA(ste, has(S2NSA));
        }
    }
    smmu_ste_set_NSCFG(ste, (row.k >> 4) & 3);
    if (has(INST_I))
        smmu_ste_set_INSTCFG(ste, 3);
    if (has(INST_D))
        smmu_ste_set_INSTCFG(ste, 2);
    st_write_ste(b, kSid, ste);
}

// Stage 1: kVa's page to kS1Out, tables from the Secure pool (or, below an NSTable or with
// NSCFG0, the Non-secure one); the CD (and CD 1 for S1DSS) at kCd.
void RowWorld::stage1()
{
    pgt_params p = pgt_default_params(1, 12, 48);
    p.secure_tables = bank == BANK_S;
    p.pas = bank == BANK_S ? (has(NSCFG0) ? P_NS : P_S) : bpas;
    p.pool_base = kS1Pool;
    p.pool_size = 0x400000;
    if (p.pas == P_NS && bank == BANK_S)
        p.pool_base = kS1NsPool;
    ASSERT_EQ(0, pgt_init(&s1, m, &p));
    if (bank == BANK_S && p.pas == P_S)
        pgt_add_pool(&s1, P_NS, kS1NsPool, 0x400000);
    if (has(NST))
        pgt_set_new_table_attrs(&s1, PGT_T_NS);
    ASSERT_EQ(0,
              pgt_map(&s1, kVa & ~0xFFFull, kS1Out, 0x1000, PGT_S1_RW | (has(D_NS) ? PGT_NS : 0)));
    have_s1 = true;
    uint64_t cdw[8];
    cd_make(cdw, s1.root, 12, 48, 48, 1, kMair);
    smmu_cd_set_NSCFG0(cdw, has(NSCFG0));
    cd_builder cdb{};
    cd_init(&cdb, m, bpas, kCd, 0, row.cfg == C_DSS || row.cfg == C_DSS2 ? 1 : 0, 0);
    cd_write(&cdb, 0, cdw);
    if (row.cfg == C_DSS || row.cfg == C_DSS2)
        cd_write(&cdb, 1, cdw);
}

// Stage 2: S2TTB maps the output IPAs to kS2Out, S_S2TTB to kSS2Out (unless S2MISS); both map
// the CD and stage-1 table IPAs to the same PAs with 2 MB blocks (nested walks).
void RowWorld::stage2()
{
    const smmu_pa_space ns_walk = bank == BANK_S ? (has(S2NSW) ? P_NS : P_S) : bpas;
    const smmu_pa_space s_walk = has(S2SW) ? P_NS : P_S;
    s2_tables(&s2ns, m, 12, 40, ns_walk, kS2NsPool);
    s2_tables(&s2s, m, 12, 40, s_walk, kS2SPool);
    have_s2 = true;
    const uint64_t leaf = PGT_S2_RW | (has(S2NS) ? PGT_S2NS : 0);
    for (pgt *t : {&s2ns, &s2s}) {
        const uint64_t out = t == &s2ns ? kS2Out : kSS2Out;
        if (!has(S2MISS)) {
            ASSERT_EQ(0, pgt_map(t, kIpa & ~0xFFFull, out, 0x1000, leaf));
            ASSERT_EQ(0, pgt_map(t, kS1Out, out, 0x1000, leaf));
        }
        ASSERT_EQ(0, pgt_map(t, kCd, kCd, 0x200000, PGT_S2_RW | (has(S2NS_CD) ? PGT_S2NS : 0)));
        ASSERT_EQ(
            0, pgt_map(t, kS1Pool, kS1Pool, 0x800000, PGT_S2_RW | (has(S2NS_TT) ? PGT_S2NS : 0)));
    }
}

// Granule protection checks: a GPT of GPI_ANY but for the target's granules.
void RowWorld::gpc()
{
    gpt_builder g{};
    gpt_init(&g, m, 40, 30, 12, kGpt, kGptL1);
    const unsigned gpi = (unsigned)(row.k >> 22) & 0xF;
    switch ((row.k >> 26) & 7) {
    case G_OUT:
        for (uint64_t pa : {kIpa, kS1Out, kS2Out, kSS2Out})
            gpt_set_granule(&g, pa, gpi);
        break;
    case G_STE:
        gpt_set_granule(&g, kStrtab + kSid * 64, gpi);
        break;
    case G_CD:
        gpt_set_granule(&g, kCd, gpi);
        break;
    case G_TT:
        ASSERT_TRUE(have_s1);
        gpt_set_granule(&g, s1.root, gpi);
        break;
    default:
        gpt_set_granule(&g, kEvtq, gpi);
        break;
    }
    ASSERT_EQ(0, gpt_enable(&g, s, kRoot));
}

uint64_t RowWorld::input() const
{
    if (row.cfg == C_S1 || row.cfg == C_NEST)
        return has(S1MISS) ? kVaMiss : kVa;
    return kIpa;
}

smmu_result RowWorld::run()
{
    log.clear();
    m->on_read = log_read;
    m->on_read_arg = &log;
    m->on_write = log_write;
    m->on_write_arg = &log;
    smmu_result r =
        xlate(row.kind == K_EVT ? kBadSid : kSid, input(), row.kind == K_WR,
              (has(TXN_NS) ? SMMU_TXN_NS : 0) | (row.kind == K_IX ? SMMU_TXN_INSTR : 0), row.sec);
    m->on_read = nullptr;
    m->on_write = nullptr;
    return r;
}

bool RowWorld::read_event(uint64_t w[4])
{
    return drv_read_event(bank == BANK_R ? &rdrv : &drv[bank], w) == 1;
}

// The PA spaces of the probed access (a bit per smmu_pa_space).
unsigned RowWorld::probe_mask()
{
    std::vector<std::pair<uint64_t, uint64_t>> at; // [lo, hi) ranges of the probed access
    uint64_t a = 0;
    smmu_pa_space pas;
    switch (row.kind) {
    case K_STE:
        at.push_back({kStrtab + kSid * 64, kStrtab + kSid * 64 + 64});
        break;
    case K_CD:
        at.push_back({kCd, kCd + 64});
        break;
    case K_TT:
        EXPECT_EQ(0, pgt_desc_addr(&s1, kVa, 3, &a, &pas));
        at.push_back({a, a + 8});
        break;
    case K_S2T:
        for (pgt *t : {&s2ns, &s2s}) {
            if (pgt_desc_addr(t, out_ipa(), 3, &a, &pas) == 0)
                at.push_back({a, a + 8});
        }
        break;
    case K_EVT:
        at.push_back({kEvtq, kEvtq + (32u << kQs)});
        break;
    default:
        return 0;
    }
    unsigned mask = 0;
    for (const Access &x : log)
        for (auto r : at)
            if (x.pa >= r.first && x.pa < r.second && x.write == (row.kind == K_EVT))
                mask |= 1u << x.pas;
    return mask;
}

void RowWorld::check(const smmu_result &r, bool first)
{
    const Exp &e = row.e;
    SCOPED_TRACE(first ? "first transaction" : "second transaction (caches filled)");
    static const char *const oc[] = {"OK", "BYPASS", "ABORT", "FAULT", "RAZWI"};
    ASSERT_EQ(e.oc, r.outcome) << "expected " << oc[e.oc] << ", got " << oc[(unsigned)r.outcome % 5]
                               << (r.outcome == SMMU_XLATE_FAULT ? " " : "")
                               << (r.outcome == SMMU_XLATE_FAULT ? smmu_event_name(r.event) : "");
    uint64_t w[4] = {};
    if (e.oc == SMMU_XLATE_OK || e.oc == SMMU_XLATE_BYPASS) {
        const uint64_t pa[] = {0, kIpa, kS1Out | (kVa & 0xFFF), kS2Out | (input() & 0xFFF),
                               kSS2Out | (input() & 0xFFF)};
        EXPECT_EQ(pa[e.pa], r.pa);
        EXPECT_EQ(e.pas, r.pas);
    }
    if (e.oc == SMMU_XLATE_FAULT) {
        EXPECT_EQ(e.ev, r.event) << smmu_event_name(r.event);
        EXPECT_EQ(e.rec, r.event_recorded);
    }
    if (e.rec) {
        ASSERT_TRUE(read_event(w)) << "no event record in the stream's event queue";
        EXPECT_EQ(e.ev, (unsigned)smmu_evt_EventType(w));
        EXPECT_EQ(row.kind == K_EVT ? kBadSid : kSid, (uint32_t)smmu_evt_StreamID(w));
        if (e.full) {
            EXPECT_EQ(e.s2, (bool)smmu_evt_S2(w));
            EXPECT_EQ(e.cls, (unsigned)smmu_evt_CLASS(w));
            EXPECT_EQ(e.nsipa, (bool)smmu_evt_NSIPA(w));
            const uint64_t ipa[] = {0, out_ipa(), kCd, s1.root};
            if (e.ipa != IPA_NONE) {
                EXPECT_EQ(ipa[e.ipa] & ~0xFFFull, (uint64_t)smmu_evt_IPA(w) << 12);
            }
        }
        // GPCF [3.25.3]: set exactly when a GPC fault on an SMMU access caused the event
        if (e.ev == EV_STEFETCH || e.ev == EV_CDFETCH || e.ev == EV_WALKEABT) {
            EXPECT_EQ(has(1u << 21) ? 1u : 0u, (unsigned)smmu_evt_GPCF(w));
        }
    }
    // nothing else was recorded, on any interface
    EXPECT_FALSE(read_event(w)) << "an unexpected event " << smmu_evt_EventType(w);
    EXPECT_EQ(0u, pending_events(BANK_NS) + (cfg.secure_impl ? pending_events(BANK_S) : 0) +
                      ((drv_evtq_prod(&rdrv) - drv_evtq_cons(&rdrv)) & smmu_queue_wrap_mask(kQs)));
    if (row.probe != FX && first) {
        const unsigned want = row.probe == F0 ? 0u : 1u << row.probe;
        EXPECT_EQ(want, probe_mask()) << "PA spaces (bit per smmu_pa_space) of the probed access";
    }
}

// Every row, each in its own world; a failure names its row (SCOPED_TRACE), and the rows that
// failed are listed at the end. SMMU_SECURITY_ROW=text runs the rows whose name contains text.
TEST(SecurityTable, EveryRuleRow)
{
    const char *only = std::getenv("SMMU_SECURITY_ROW");
    const ::testing::TestResult *res =
        ::testing::UnitTest::GetInstance()->current_test_info()->result();
    std::vector<std::string> failed;
    unsigned ran = 0;
    for (const Row &row : kRows) {
        if (only && !std::strstr(row.name, only))
            continue;
        SCOPED_TRACE(row.name);
        const int parts = res->total_part_count();
        RowWorld w(row);
        w.SetUp();
        [&w] {
            ASSERT_NO_FATAL_FAILURE(w.build());
            smmu_result r = w.run();
            ASSERT_NO_FATAL_FAILURE(w.check(r, true));
            r = w.run();
            ASSERT_NO_FATAL_FAILURE(w.check(r, false));
        }();
        w.TearDown();
        ran++;
        if (res->total_part_count() != parts)
            failed.push_back(row.name);
    }
    EXPECT_GT(ran, 0u) << "no row matches SMMU_SECURITY_ROW";
    std::string list;
    for (const std::string &n : failed)
        list += "\n  " + n;
    EXPECT_TRUE(failed.empty()) << failed.size() << " of " << ran << " rows failed:" << list;
}

} // namespace
