// SPDX-License-Identifier: Apache-2.0
// Register access rules with RME, from each of the four PA spaces [IHI 0070 6.2, 6.2.6-6.2.9,
// 6.3.110-146; RME chapter 2.7, 3.25]: every Root control page register and every Realm page
// register (and, for contrast, Non-secure and Secure ones) - who reaches it, reset value,
// read-only and RES0 bits, access sizes, guarded fields - and the invalidation notices that
// register writes changing translation results give the embedder.
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>

extern "C" {
#include "fake_mem.h"
#include "gpt.h"
}

namespace {

constexpr smmu_pa_space NS = SMMU_PAS_NS, SEC = SMMU_PAS_SECURE, REALM = SMMU_PAS_REALM,
                        ROOT = SMMU_PAS_ROOT;
constexpr smmu_pa_space kAllPas[4] = {NS, SEC, REALM, ROOT};
const char *const kPasName[4] = {"Non-secure", "Secure", "Realm", "Root"};

// Who reaches a register: one bit per PA space.
constexpr unsigned F_NS = 1u << NS, F_S = 1u << SEC, F_RL = 1u << REALM, F_RT = 1u << ROOT;
constexpr unsigned F_ALL = F_NS | F_S | F_RL | F_RT;
constexpr unsigned F_SECURE = F_S | F_RT;  // Secure-only registers [6.2, digest 1.1]
constexpr unsigned F_REALM = F_RL | F_RT;  // Realm pages [6.2.7]
constexpr unsigned F_NONE = 0;             // no register: RAZ/WI from everywhere

constexpr uint64_t R = 0x20000; // Root control page (root_page_offset default)
constexpr uint64_t O = 0x40000; // O_REALM = 0x20000 + BA_REALM(2) * 0x10000 [6.3.110]
constexpr uint64_t P1 = 0x10000; // page 1 within a page pair

class RmeRegs : public ::testing::Test {
protected:
    smmu_config cfg{};
    fake_mem *m = nullptr;
    smmu_t *s = nullptr;

    void SetUp() override
    {
        smmu_config_init(&cfg);
        cfg.rme_impl = cfg.realm_impl = true;
        cfg.bbml = 2; // a REALM_IMPL prerequisite [2.7.1]
        cfg.tlb_entries = 64;
        cfg.cfg_entries = 16;
        m = fake_mem_create();
    }
    void TearDown() override { destroy(); }
    void destroy()
    {
        smmu_destroy(s);
        fake_mem_destroy(m);
        s = nullptr;
        m = nullptr;
    }
    // A fresh instance in its reset state.
    void fresh()
    {
        destroy();
        m = fake_mem_create();
        smmu_env env = fake_mem_env(m);
        ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &s));
    }
    uint64_t rd(uint64_t off, unsigned size, smmu_pa_space pas)
    {
        uint64_t v = 0xDEAD;
        EXPECT_EQ(SMMU_OK, smmu_reg_read(s, off, size, pas, &v))
            << std::hex << "read 0x" << off << " from " << kPasName[pas];
        return v;
    }
    void wr(uint64_t off, unsigned size, smmu_pa_space pas, uint64_t v)
    {
        EXPECT_EQ(SMMU_OK, smmu_reg_write(s, off, size, pas, v))
            << std::hex << "write 0x" << off << " from " << kPasName[pas];
    }
};

// ---------------------------------------------------------------------------------------------
// Access rules. Configuration: the default (SMMUv3.3, S1+S2, MSI, Hyp, SEL2, OAS 48, no ATS,
// PRI or BTM) with RME and the Realm interface, L0GPTSZ 30, RGPTM.
// ---------------------------------------------------------------------------------------------

struct Reg {
    const char *name;
    const char *spec;
    uint64_t off;   // from the SMMU base
    unsigned size;  // 4 or 8
    unsigned from;  // PA spaces that reach it (F_*)
    uint64_t reset; // as read after reset
    uint64_t after; // as read after a write of all ones (RO, RES0, self-clearing bits applied)
};

const Reg kRegs[] = {
    // ---- Root control page [6.2.6]: Root PA space only ----
    {"SMMU_ROOT_IDR0", "6.3.110", R + 0x00, 4, F_RT, 0x0080000D, 0x0080000D}, // BA_REALM 2,
                                                                  // REALM_IMPL, RGPTM, ROOT_IMPL
    {"SMMU_ROOT_IIDR", "6.3.111", R + 0x08, 4, F_RT, 0x4870043B, 0x4870043B}, // = SMMU_IIDR
    {"SMMU_ROOT_CR0", "6.3.112", R + 0x20, 4, F_RT, 0, 0x3},       // GPCEN, ACCESSEN
    {"SMMU_ROOT_CR0ACK", "6.3.113", R + 0x24, 4, F_RT, 0, 0},      // RO
    {"SMMU_ROOT_GPT_BASE", "6.3.114", R + 0x28, 8, F_RT, 0, 0x000FFFFFFFFFF000ull}, // [51:12]
    {"SMMU_ROOT_GPT_BASE_CFG", "6.3.115", R + 0x30, 8, F_RT, 0, 0x2FF07}, // GPCP, PGS, SH,
                                                         // ORGN, IRGN, PPS; L0GPTSZ RO (30)
    {"SMMU_ROOT_GPF_FAR", "6.3.116", R + 0x38, 8, F_RT, 0, 0},     // FAULT=1 writes IGNORED
    {"SMMU_ROOT_GPT_CFG_FAR", "6.3.117", R + 0x40, 8, F_RT, 0, 0},
    {"SMMU_ROOT_TLBI", "6.3.118", R + 0x50, 8, F_RT, 0, 0x000FFFFFFFFFF0F3ull}, // ADDR, SIZE,
                                                                                // L, ALL
    {"SMMU_ROOT_TLBI_CTRL", "6.3.119", R + 0x58, 4, F_RT, 0, 0},   // RUN completes at once
    {"SMMU_ROOT_GPT_BASE2", "6.3.120", R + 0x60, 8, F_RT, 0, 0x000FFFFFFFFFF000ull},
    {"SMMU_ROOT_GPT_BASE_UPDATE", "6.3.121", R + 0x68, 4, F_RT, 0, 0}, // Update reads 0
    {"Root page 0x010 (RES0)", "6.2.6", R + 0x10, 4, F_NONE, 0, 0},
    {"Root page 0x048 (RES0)", "6.2.6", R + 0x48, 8, F_NONE, 0, 0},
    {"Root page 0x070 (RES0)", "6.2.6", R + 0x70, 4, F_NONE, 0, 0},
    {"Root page 0xE00 (IMPDEF, none)", "6.2.6", R + 0xE00, 4, F_NONE, 0, 0},

    // ---- Realm page 0 [6.2.8]: Realm and Root PA spaces ----
    {"SMMU_R_IDR0", "6.3.122", O + 0x00, 4, F_REALM, 0x01002000, 0x01002000}, // STALL 01, MSI
    {"SMMU_R_IDR1", "6.3.123", O + 0x04, 4, F_REALM, 0x80000000, 0x80000000}, // RME_DA_IMPL
    {"SMMU_R_IDR2", "6.3.124", O + 0x08, 4, F_REALM, 0, 0},
    {"SMMU_R_IDR3", "6.3.125", O + 0x0C, 4, F_REALM, 0, 0},        // no XT, MEC, DPT
    {"SMMU_R_IDR4", "6.3.126", O + 0x10, 4, F_REALM, 0, 0},
    {"Realm 0x014 (no R_IDR5)", "6.2.8", O + 0x14, 4, F_NONE, 0, 0},
    {"Realm 0x018 (no R_IIDR)", "6.2.8", O + 0x18, 4, F_NONE, 0, 0},
    {"SMMU_R_AIDR", "6.3.127", O + 0x1C, 4, F_REALM, 0, 0},        // RME for SMMU, rev 0.0
    {"SMMU_R_CR0", "6.3.128", O + 0x20, 4, F_REALM, 0, 0x1CD},     // VMW, CMDQEN, EVENTQEN,
                                                          // SMMUEN; ATSCHK RES0 without ATS
    {"SMMU_R_CR0ACK", "6.3.129", O + 0x24, 4, F_REALM, 0, 0},
    {"SMMU_R_CR1", "6.3.130", O + 0x28, 4, F_REALM, 0, 0xFFF},
    {"SMMU_R_CR2", "6.3.131", O + 0x2C, 4, F_REALM, 0, 0x3},       // E2H, RECINVSID (no BTM:
                                                                   // PTM RES0)
    {"SMMU_R_S2PII (no S2PI)", "6.3.132", O + 0x30, 8, F_NONE, 0, 0},
    {"Realm 0x03C (no R_INIT)", "6.2.8", O + 0x3C, 4, F_NONE, 0, 0},
    {"Realm 0x040 (no R_STATUSR)", "6.2.8", O + 0x40, 4, F_NONE, 0, 0},
    {"SMMU_R_GBPA", "6.3.133", O + 0x44, 4, F_REALM, 0x100000, 0x100000}, // RO, ABORT = 1
    {"SMMU_R_AGBPA (none)", "6.3.134", O + 0x48, 4, F_NONE, 0, 0},
    {"SMMU_R_IRQ_CTRL", "6.3.135", O + 0x50, 4, F_REALM, 0, 0x5},  // EVENTQ, GERROR (no PRI)
    {"SMMU_R_IRQ_CTRLACK", "6.3.136", O + 0x54, 4, F_REALM, 0, 0},
    {"SMMU_R_GERROR", "6.3.137", O + 0x60, 4, F_REALM, 0, 0},
    {"SMMU_R_GERRORN", "6.3.138", O + 0x64, 4, F_REALM, 0, 0xB5},  // MSI_GERROR, MSI_EVENTQ,
                                                          // MSI_CMDQ, EVENTQ_ABT, CMDQ_ERR
    {"SMMU_R_GERROR_IRQ_CFG0", "6.3.139", O + 0x68, 8, F_REALM, 0, 0x8000FFFFFFFFFFFCull},
    {"SMMU_R_GERROR_IRQ_CFG1", "6.3.140", O + 0x70, 4, F_REALM, 0, 0xFFFFFFFF},
    {"SMMU_R_GERROR_IRQ_CFG2", "6.3.141", O + 0x74, 4, F_REALM, 0, 0x3F},
    {"SMMU_R_STRTAB_BASE", "6.3.142", O + 0x80, 8, F_REALM, 0, 0x4000FFFFFFFFFFC0ull},
    {"SMMU_R_STRTAB_BASE_CFG", "6.3.143", O + 0x88, 4, F_REALM, 0, 0x307FF},
    {"SMMU_R_CMDQ_BASE", "6.3.144", O + 0x90, 8, F_REALM, 0, 0x4000FFFFFFFFFFFFull},
    {"SMMU_R_CMDQ_PROD", "6.3.145", O + 0x98, 4, F_REALM, 0, 0x1}, // index+wrap of LOG2SIZE 0
    {"SMMU_R_CMDQ_CONS", "6.3.146", O + 0x9C, 4, F_REALM, 0, 0x1}, // ERR is RO
    {"SMMU_R_EVENTQ_BASE", "6.3.147", O + 0xA0, 8, F_REALM, 0, 0x4000FFFFFFFFFFFFull},
    {"Realm 0x0A8 (no EVENTQ_PROD alias)", "6.2.8", O + 0xA8, 4, F_NONE, 0, 0},
    {"Realm 0x0AC (no EVENTQ_CONS alias)", "6.2.8", O + 0xAC, 4, F_NONE, 0, 0},
    {"SMMU_R_EVENTQ_IRQ_CFG0", "6.3.148", O + 0xB0, 8, F_REALM, 0, 0x8000FFFFFFFFFFFCull},
    {"SMMU_R_EVENTQ_IRQ_CFG1", "6.3.149", O + 0xB8, 4, F_REALM, 0, 0xFFFFFFFF},
    {"SMMU_R_EVENTQ_IRQ_CFG2", "6.3.150", O + 0xBC, 4, F_REALM, 0, 0x3F},
    {"SMMU_R_PRIQ_BASE (no PRI)", "6.2.8", O + 0xC0, 8, F_NONE, 0, 0},
    {"SMMU_R_PRIQ_IRQ_CFG0 (no PRI)", "6.2.8", O + 0xD0, 8, F_NONE, 0, 0},
    {"SMMU_R_MPAMIDR (no MPAM)", "6.2.8", O + 0x130, 4, F_NONE, 0, 0},
    {"SMMU_R_IDR6 (no ECMDQ)", "6.2.8", O + 0x190, 4, F_NONE, 0, 0},
    {"SMMU_R_DPT_BASE (no DPT)", "6.3.158", O + 0x200, 8, F_NONE, 0, 0},
    {"SMMU_R_MECIDR (no MEC)", "6.2.8", O + 0x220, 4, F_NONE, 0, 0},
    // ---- Realm page 1 [6.2.9] ----
    {"SMMU_R_EVENTQ_PROD", "6.2.9", O + P1 + 0xA8, 4, F_REALM, 0, 0x80000001}, // OVFLG, idx
    {"SMMU_R_EVENTQ_CONS", "6.2.9", O + P1 + 0xAC, 4, F_REALM, 0, 0x80000001}, // OVACKFLG
    {"SMMU_R_PRIQ_PROD (no PRI)", "6.2.9", O + P1 + 0xC8, 4, F_NONE, 0, 0},

    // ---- for contrast: Non-secure registers reach every PA space with RME [6.2] ----
    {"SMMU_IDR0", "6.3.1", 0x000, 4, F_ALL, 0x490E729B, 0x490E729B}, // with RME_IMPL (30)
    {"SMMU_CR1", "6.3.11", 0x028, 4, F_ALL, 0, 0xFFF},
    {"SMMU_CR2", "6.3.12", 0x02C, 4, F_ALL, 0, 0x3}, // no BTM: PTM RES0; no ATSRECERR
    {"SMMU_GBPA", "6.3.14", 0x044, 4, F_ALL, 0x101000, 0x1F3F1F}, // Update self-clears
    {"SMMU_EVENTQ_PROD", "6.2.2", P1 + 0xA8, 4, F_ALL, 0, 0x80000001},
    // ---- and Secure-only ones reach Secure and Root [6.2, digest 1.1] ----
    {"SMMU_S_IDR1", "6.3.53", 0x8004, 4, F_SECURE, 0xA0000010, 0xA0000010},
    {"SMMU_S_CR1", "6.3.59", 0x8028, 4, F_SECURE, 0, 0xFFF},
    {"SMMU_S_CR2", "6.3.60", 0x802C, 4, F_SECURE, 0, 0x3},
    {"SMMU_S_GBPA", "6.3.63", 0x8044, 4, F_SECURE, 0x101000, 0x1FFF1F}, // with NSCFG
    {"SMMU_S_INIT", "6.3.62", 0x803C, 4, F_SECURE, 0, 0},                // INV_ALL reads 0
};

std::string where(const Reg &r, smmu_pa_space pas)
{
    std::ostringstream o;
    o << r.name << " (IHI 0070 " << r.spec << ") from " << kPasName[pas];
    return o.str();
}

// Each register read and written from each PA space, on a fresh instance: reachable ones read
// their reset value and keep the writable bits of an all-ones write (RO and RES0 bits
// unchanged); the others read 0 and ignore the write, which a Root read then confirms.
TEST_F(RmeRegs, EveryRegisterFromEachPaSpace)
{
    for (const Reg &r : kRegs) {
        const uint64_t ones = r.size == 8 ? ~0ull : 0xFFFFFFFFull;
        for (smmu_pa_space pas : kAllPas) {
            SCOPED_TRACE(where(r, pas));
            fresh();
            const bool reach = (r.from >> pas) & 1;
            EXPECT_EQ(reach ? r.reset : 0, rd(r.off, r.size, pas));
            wr(r.off, r.size, pas, ones);
            EXPECT_EQ(reach ? r.after : 0, rd(r.off, r.size, pas));
            if (r.from & F_RT) {
                EXPECT_EQ(reach ? r.after : r.reset, rd(r.off, r.size, ROOT));
            }
        }
    }
}

// [6.2] A 64-bit register is also two 32-bit registers, [63:32] at +4; a 64-bit access to a
// 32-bit register is RAZ/WI (model choice: SMMU_E_SIZE) and a misaligned one too
// (SMMU_E_ALIGN), from every PA space that reaches the register.
TEST_F(RmeRegs, AccessSizesOfEveryRegister)
{
    for (const Reg &r : kRegs) {
        if (!r.from)
            continue;
        for (smmu_pa_space pas : kAllPas) {
            if (!((r.from >> pas) & 1))
                continue;
            SCOPED_TRACE(where(r, pas));
            fresh();
            uint64_t v = 7;
            if (r.size == 8) {
                wr(r.off, 4, pas, 0xFFFFFFFF);
                wr(r.off + 4, 4, pas, 0xFFFFFFFF);
                EXPECT_EQ(r.after, rd(r.off, 8, pas));
                EXPECT_EQ(r.after & 0xFFFFFFFF, rd(r.off, 4, pas));
                EXPECT_EQ(r.after >> 32, rd(r.off + 4, 4, pas));
                EXPECT_EQ(SMMU_E_ALIGN, smmu_reg_read(s, r.off + 4, 8, pas, &v));
                EXPECT_EQ(0u, v);
            } else if (r.off % 8 == 0) {
                EXPECT_EQ(SMMU_E_SIZE, smmu_reg_read(s, r.off, 8, pas, &v));
                EXPECT_EQ(0u, v);
                EXPECT_EQ(SMMU_E_SIZE, smmu_reg_write(s, r.off, 8, pas, ~0ull));
                EXPECT_EQ(r.reset, rd(r.off, 4, pas));
            } else {
                EXPECT_EQ(SMMU_E_ALIGN, smmu_reg_read(s, r.off, 8, pas, &v));
                EXPECT_EQ(0u, v);
                EXPECT_EQ(SMMU_E_ALIGN, smmu_reg_write(s, r.off, 8, pas, ~0ull));
                EXPECT_EQ(r.reset, rd(r.off, 4, pas));
            }
            EXPECT_EQ(SMMU_E_SIZE, smmu_reg_read(s, r.off, 2, pas, &v));
            EXPECT_EQ(0u, v);
        }
    }
}

// [6.3.110] ROOT_IDR0 from the configuration: ROOT_IMPL (reads 1), BGPTM, RGPTM, REALM_IMPL,
// and BA_REALM [31:22] only with REALM_IMPL (RES0 otherwise); the Realm pages are where
// BA_REALM says (O_REALM = 0x20000 + BA_REALM * 0x10000).
TEST_F(RmeRegs, RootIdr0FollowsTheConfiguration)
{
    const struct {
        bool rgptm, bgptm, realm;
        unsigned ba_realm;
        uint32_t idr0;
    } rows[] = {
        {true, false, false, 2, 0x00000005},   {false, true, false, 2, 0x00000003},
        {true, true, false, 6, 0x00000007},    {true, false, true, 2, 0x0080000D},
        {true, true, true, 6, 0x0180000F},     {false, true, true, 1022, 0xFF80000B},
    };
    for (const auto &r : rows) {
        SCOPED_TRACE(::testing::Message() << "rgptm " << r.rgptm << " bgptm " << r.bgptm
                                          << " realm " << r.realm << " ba_realm " << r.ba_realm);
        cfg.rgptm = r.rgptm;
        cfg.bgptm = r.bgptm;
        cfg.realm_impl = r.realm;
        cfg.ba_realm = r.ba_realm;
        fresh();
        EXPECT_EQ(r.idr0, rd(R + 0x00, 4, ROOT));
        const uint64_t o_realm = 0x20000 + (uint64_t)r.ba_realm * 0x10000;
        EXPECT_EQ(r.realm ? 0x80000000u : 0u, rd(o_realm + 0x04, 4, REALM)); // R_IDR1
        EXPECT_EQ(1u << 30, rd(0x000, 4, NS) & (1u << 30));                  // IDR0.RME_IMPL
    }
}

// ---------------------------------------------------------------------------------------------
// Guarded fields: RO while their enable (or its ACK) is 1 [6.3.114-115, 6.3.128-152]; the
// model ignores such writes (the only behaviour from SMMUv3.2).
// ---------------------------------------------------------------------------------------------

struct Guarded {
    const char *name;
    const char *spec;
    smmu_pa_space pas;      // where it is written from
    uint64_t off;
    unsigned size;
    uint64_t v1, v2;        // written before the guard is set, and while it is set
    uint64_t guarded;       // read after v2 was written while guarded
    uint64_t enable_off;    // the guarding register (32-bit) and the value that sets it
    uint32_t enable;
};

const Guarded kGuarded[] = {
    {"SMMU_ROOT_GPT_BASE by GPCEN", "6.3.114", ROOT, R + 0x28, 8, 0x10000000, 0x2000, 0x10000000,
     R + 0x20, 0x2},
    {"SMMU_ROOT_GPT_BASE_CFG by GPCEN", "6.3.115", ROOT, R + 0x30, 8, 0x5, 0x23505, 0x5, R + 0x20,
     0x2},
    {"SMMU_ROOT_GPT_BASE2 is not guarded", "6.3.120", ROOT, R + 0x60, 8, 0x10000000, 0x2000,
     0x2000, R + 0x20, 0x2},
    {"SMMU_R_STRTAB_BASE by SMMUEN", "6.3.142", REALM, O + 0x80, 8, 0x100000,
     0x4000000000200000ull, 0x100000, O + 0x20, 0x1},
    {"SMMU_R_STRTAB_BASE_CFG by SMMUEN", "6.3.143", REALM, O + 0x88, 4, 0x10210, 0x8, 0x10210,
     O + 0x20, 0x1},
    {"SMMU_R_CR2 by SMMUEN", "6.3.131", REALM, O + 0x2C, 4, 0x1, 0x2, 0x1, O + 0x20, 0x1},
    {"SMMU_R_CR1.TABLE_* by SMMUEN", "6.3.130", REALM, O + 0x28, 4, 0x0, 0xFFF, 0x03F, O + 0x20,
     0x1},
    {"SMMU_R_CR1.QUEUE_* by CMDQEN", "6.3.130", REALM, O + 0x28, 4, 0x0, 0xFFF, 0xFC0, O + 0x20,
     0x8},
    {"SMMU_R_CR1.QUEUE_* by EVENTQEN", "6.3.130", REALM, O + 0x28, 4, 0x0, 0xFFF, 0xFC0,
     O + 0x20, 0x4},
    {"SMMU_R_CMDQ_BASE by CMDQEN", "6.3.144", REALM, O + 0x90, 8, 0x90004, 0xA0005, 0x90004,
     O + 0x20, 0x8},
    {"SMMU_R_CMDQ_CONS by CMDQEN", "6.3.146", REALM, O + 0x9C, 4, 0x0, 0x1, 0x0, O + 0x20, 0x8},
    {"SMMU_R_CMDQ_PROD is not guarded", "6.3.145", REALM, O + 0x98, 4, 0x0, 0x1, 0x1, O + 0x20,
     0x8},
    {"SMMU_R_EVENTQ_BASE by EVENTQEN", "6.3.147", REALM, O + 0xA0, 8, 0x80004, 0xB0005, 0x80004,
     O + 0x20, 0x4},
    {"SMMU_R_EVENTQ_PROD by EVENTQEN", "6.2.9, 6.3.147", REALM, O + P1 + 0xA8, 4, 0x0, 0x1, 0x0,
     O + 0x20, 0x4},
    {"SMMU_R_GERROR_IRQ_CFG0 by GERROR_IRQEN", "6.3.139", REALM, O + 0x68, 8, 0x9000,
     0x800000000000A000ull, 0x9000, O + 0x50, 0x1},
    {"SMMU_R_GERROR_IRQ_CFG1 by GERROR_IRQEN", "6.3.140", REALM, O + 0x70, 4, 0x11, 0x22, 0x11,
     O + 0x50, 0x1},
    {"SMMU_R_GERROR_IRQ_CFG2 by GERROR_IRQEN", "6.3.141", REALM, O + 0x74, 4, 0x1, 0x3F, 0x1,
     O + 0x50, 0x1},
    {"SMMU_R_EVENTQ_IRQ_CFG0 by EVENTQ_IRQEN", "6.3.148", REALM, O + 0xB0, 8, 0x9000,
     0x800000000000A000ull, 0x9000, O + 0x50, 0x4},
    {"SMMU_R_EVENTQ_IRQ_CFG1 by EVENTQ_IRQEN", "6.3.149", REALM, O + 0xB8, 4, 0x11, 0x22, 0x11,
     O + 0x50, 0x4},
    {"SMMU_R_EVENTQ_IRQ_CFG2 by EVENTQ_IRQEN", "6.3.150", REALM, O + 0xBC, 4, 0x1, 0x3F, 0x1,
     O + 0x50, 0x4},
    // for contrast: the Non-secure and Secure copies, each guarded by its own bank's SMMUEN
    {"SMMU_STRTAB_BASE by SMMUEN", "6.3.24", NS, 0x80, 8, 0x100000, 0x200000, 0x100000, 0x20,
     0x1},
    {"SMMU_S_STRTAB_BASE by S_SMMUEN", "6.2.1, 6.3.24", SEC, 0x8080, 8, 0x100000, 0x200000, 0x100000,
     0x8020, 0x1},
};

// Write v1 (taken), set the guard, write v2 (the guarded bits ignored), clear the guard and
// write v2 again (taken). A Realm register written from Root follows the same rule.
TEST_F(RmeRegs, GuardedFieldsIgnoreWritesWhileEnabled)
{
    for (const Guarded &g : kGuarded) {
        for (smmu_pa_space pas : {g.pas, ROOT}) {
            SCOPED_TRACE(std::string(g.name) + " (IHI 0070 " + g.spec + ") from " +
                         kPasName[pas]);
            fresh();
            wr(g.off, g.size, pas, g.v1);
            EXPECT_EQ(g.v1, rd(g.off, g.size, pas));
            wr(g.enable_off, 4, pas, g.enable);
            EXPECT_EQ(g.enable, rd(g.enable_off, 4, pas));
            wr(g.off, g.size, pas, g.v2);
            EXPECT_EQ(g.guarded, rd(g.off, g.size, pas));
            wr(g.enable_off, 4, pas, 0);
            wr(g.off, g.size, pas, g.v2);
            EXPECT_EQ(g.v2, rd(g.off, g.size, pas));
        }
    }
}

// [6.3.120-121] ROOT_GPT_BASE2 is writable whatever GPCEN; ROOT_GPT_BASE_UPDATE.Update = 1
// copies it into ROOT_GPT_BASE (also while GPCEN = 1) and reads 0 once done; a write without
// Update is IGNORED. ROOT_GPT_BASE_CFG keeps its own value.
TEST_F(RmeRegs, GptBaseUpdateCopiesGptBase2)
{
    fresh();
    wr(R + 0x28, 8, ROOT, 0x10000000);
    wr(R + 0x30, 8, ROOT, 0x3505);
    wr(R + 0x20, 4, ROOT, 0x3); // GPCEN, ACCESSEN
    wr(R + 0x60, 8, ROOT, 0xFFF0000000000FFFull); // RES0 bits [63:52], [11:0] dropped
    EXPECT_EQ(0x0000000000000000ull, rd(R + 0x60, 8, ROOT));
    wr(R + 0x64, 4, ROOT, 0x000ABCDE);
    wr(R + 0x60, 4, ROOT, 0x12345000);
    EXPECT_EQ(0x000ABCDE12345000ull, rd(R + 0x60, 8, ROOT));
    EXPECT_EQ(0x3505u, rd(R + 0x30, 8, ROOT)); // BASE2 does not leak into GPT_BASE_CFG
    wr(R + 0x68, 4, ROOT, 0xFFFFFFFE);         // Update = 0: IGNORED
    EXPECT_EQ(0x10000000u, rd(R + 0x28, 8, ROOT));
    wr(R + 0x68, 4, ROOT, 0x1);
    EXPECT_EQ(0x000ABCDE12345000ull, rd(R + 0x28, 8, ROOT));
    EXPECT_EQ(0u, rd(R + 0x68, 4, ROOT));
    EXPECT_EQ(0x3505u, rd(R + 0x30, 8, ROOT));
    EXPECT_EQ(0x000ABCDE12345000ull, rd(R + 0x60, 8, ROOT)); // BASE2 is unchanged
}

// [6.3.121, 3.25] The updated base is the GPT that checks the next access: a Non-secure
// bypass access to a granule the first GPT gives Non-secure, the second Realm.
TEST_F(RmeRegs, GptBaseUpdateSwitchesTheGptInUse)
{
    fresh();
    gpt_builder a{}, b{};
    gpt_init(&a, m, 40, 30, 12, 0x10000000, 0x10100000);
    gpt_init(&b, m, 40, 30, 12, 0x11000000, 0x11100000);
    gpt_set_granule(&a, 0x80000000, GPI_NS);
    gpt_set_granule(&b, 0x80000000, GPI_REALM);
    ASSERT_EQ(0, gpt_enable(&a, s, R));
    wr(0x44, 4, NS, 0x80000000); // SMMU_GBPA: Update, ABORT = 0: Non-secure streams bypass
    smmu_txn t{};
    t.sec = SMMU_SEC_NS;
    t.addr = 0x80000010;
    t.size = 4;
    smmu_result res{};
    ASSERT_EQ(SMMU_OK, smmu_translate(s, &t, &res));
    EXPECT_EQ(SMMU_XLATE_BYPASS, res.outcome);
    EXPECT_EQ(0x80000010u, res.pa);
    wr(R + 0x60, 8, ROOT, gpt_base_reg(&b));
    wr(R + 0x68, 4, ROOT, 0x1);
    ASSERT_EQ(SMMU_OK, smmu_translate(s, &t, &res));
    EXPECT_EQ(SMMU_XLATE_ABORT, res.outcome);
    // GPF, FPAS Non-secure (01), FADDR 0x80000, REASON TRANSACTION (011), FAULT
    EXPECT_EQ(0x4000000080000007ull, rd(R + 0x38, 8, ROOT));
}

// ---------------------------------------------------------------------------------------------
// Invalidation notices [env.invalidated]: every register write that changes what translations
// give tells the embedder, with an all-covering notice for each interface concerned.
// ---------------------------------------------------------------------------------------------

struct Step {
    const char *what;
    uint64_t off;
    unsigned size;
    smmu_pa_space pas;
    uint64_t val;
    unsigned notices;   // notices this write gives
    smmu_sec_sid sec;   // the last one's interface (all = true)
};

constexpr smmu_sec_sid S_NS = SMMU_SEC_NS, S_S = SMMU_SEC_SECURE, S_R = SMMU_SEC_REALM;

const Step kSteps[] = {
    {"SMMU_CR1 (no translation effect)", 0x28, 4, NS, 0x3F, 0, S_NS},
    {"SMMU_GBPA ABORT 1 -> 0 with SMMUEN = 0 [6.3.14]", 0x44, 4, NS, 0x80000000, 1, S_NS},
    {"SMMU_GBPA rewritten with the same value", 0x44, 4, NS, 0x80000000, 0, S_NS},
    {"SMMU_GBPA without Update (ignored)", 0x44, 4, NS, 0x00100000, 0, S_NS},
    {"SMMU_CR0.SMMUEN 0 -> 1 [6.3.9]", 0x20, 4, NS, 0x1, 1, S_NS},
    {"SMMU_CR0.EVENTQEN only", 0x20, 4, NS, 0x5, 0, S_NS},
    {"SMMU_GBPA while SMMUEN = 1 (not in use)", 0x44, 4, NS, 0x80100000, 0, S_NS},
    {"SMMU_CR0.SMMUEN 1 -> 0", 0x20, 4, NS, 0x0, 1, S_NS},
    {"SMMU_S_CR0.SMMUEN 0 -> 1 [6.3.57]", 0x8020, 4, SEC, 0x1, 1, S_S},
    {"SMMU_S_CR0.SIF 0 -> 1 [6.3.57]", 0x8020, 4, SEC, 0x21, 1, S_S},
    {"SMMU_S_CR0.SMMUEN 1 -> 0 from Root", 0x8020, 4, ROOT, 0x20, 1, S_S},
    {"SMMU_S_GBPA ABORT 1 -> 0 [6.3.63]", 0x8044, 4, SEC, 0x80000000, 1, S_S},
    {"SMMU_S_CR0 from Non-secure (RAZ/WI)", 0x8020, 4, NS, 0x1, 0, S_S},
    {"SMMU_S_INIT.INV_ALL: every interface [6.3.62]", 0x803C, 4, SEC, 0x1, 3, S_R},
    {"SMMU_R_CR0.SMMUEN 0 -> 1 [6.3.128]", O + 0x20, 4, REALM, 0x1, 1, S_R},
    {"SMMU_R_CR0.SMMUEN 1 -> 0 from Root", O + 0x20, 4, ROOT, 0x0, 1, S_R},
    {"SMMU_R_CR0 from Non-secure (RAZ/WI)", O + 0x20, 4, NS, 0x1, 0, S_R},
    {"SMMU_R_GBPA (read-only) [6.3.133]", O + 0x44, 4, REALM, 0x80000000, 0, S_R},
    {"SMMU_ROOT_GPT_BASE with GPCEN = 0 (not in use)", R + 0x28, 8, ROOT, 0x10000000, 0, S_R},
    {"SMMU_ROOT_GPT_BASE_CFG with GPCEN = 0", R + 0x30, 8, ROOT, 0x3505, 0, S_R},
    {"SMMU_ROOT_CR0 GPCEN, ACCESSEN 0 -> 1 [6.3.112]", R + 0x20, 4, ROOT, 0x3, 3, S_R},
    {"SMMU_ROOT_CR0 rewritten with the same value", R + 0x20, 4, ROOT, 0x3, 0, S_R},
    {"SMMU_S_INIT.INV_ALL has no effect while GPCEN = 1 [6.3.62]", 0x803C, 4, SEC, 0x1, 0, S_R},
    {"SMMU_ROOT_CR0 from Realm (RAZ/WI)", R + 0x20, 4, REALM, 0x0, 0, S_R},
    {"SMMU_ROOT_GPT_BASE2 (a shadow) [6.3.120]", R + 0x60, 8, ROOT, 0x20000000, 0, S_R},
    {"SMMU_ROOT_GPT_BASE_UPDATE without Update", R + 0x68, 4, ROOT, 0x0, 0, S_R},
    {"SMMU_ROOT_GPT_BASE_UPDATE: a new base in use [6.3.121]", R + 0x68, 4, ROOT, 0x1, 3, S_R},
    {"SMMU_ROOT_GPT_BASE_UPDATE: the same base again", R + 0x68, 4, ROOT, 0x1, 0, S_R},
    {"SMMU_ROOT_TLBI_CTRL.RUN [6.3.119]", R + 0x58, 4, ROOT, 0x1, 3, S_R},
    {"SMMU_ROOT_CR0.ACCESSEN 1 -> 0", R + 0x20, 4, ROOT, 0x2, 3, S_R},
};

TEST_F(RmeRegs, WritesThatChangeTranslationsNotifyTheEmbedder)
{
    fresh();
    for (const Step &st : kSteps) {
        SCOPED_TRACE(st.what);
        unsigned before = m->inval_notices;
        m->last_notice = smmu_inval_notice{};
        wr(st.off, st.size, st.pas, st.val);
        EXPECT_EQ(st.notices, m->inval_notices - before);
        if (st.notices) {
            EXPECT_EQ(st.sec, m->last_notice.sec);
            EXPECT_TRUE(m->last_notice.all);
            EXPECT_FALSE(m->last_notice.by_stream);
            EXPECT_FALSE(m->last_notice.by_address);
        }
    }
    EXPECT_EQ(0x20000000u, rd(R + 0x28, 8, ROOT)); // the update took place
}

} // namespace
