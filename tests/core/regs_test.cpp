// SPDX-License-Identifier: Apache-2.0
// The register file: ID registers, reset values, access rules [IHI 0070 6].
#include <gtest/gtest.h>

#include <cstring>

#include "driver.h"
#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

extern "C" {
#include "smmu_internal.h"
}

namespace {

constexpr uint64_t S = 0x8000; // Secure bank

class Regs : public ::testing::Test {
protected:
    smmu_config cfg{};
    fake_mem *m = nullptr;
    smmu_env env{};
    smmu_t *s = nullptr;
    uint64_t expected_findings = 0; // checker mode of the suite (xlate_fixture.h)

    void SetUp() override
    {
        smmu_config_init(&cfg);
        cfg.check = fake_mem_check_mode();
        m = fake_mem_create();
    }
    void TearDown() override
    {
        if (s && fake_mem_check_mode()) {
            EXPECT_EQ(expected_findings, fake_mem_check_findings(s)) << m->log;
        }
        smmu_destroy(s);
        fake_mem_destroy(m);
    }
    void create()
    {
        env = fake_mem_env(m);
        ASSERT_EQ(smmu_create(&cfg, &env, &s), SMMU_OK);
        fake_mem_check_attach(m, s);
    }
    uint64_t rd(uint64_t off, unsigned size = 4, smmu_pa_space pas = SMMU_PAS_NS)
    {
        uint64_t v = ~0ull;
        EXPECT_EQ(smmu_reg_read(s, off, size, pas, &v), SMMU_OK) << std::hex << off;
        return v;
    }
    void wr(uint64_t off, uint64_t v, unsigned size = 4, smmu_pa_space pas = SMMU_PAS_NS)
    {
        EXPECT_EQ(smmu_reg_write(s, off, size, pas, v), SMMU_OK) << std::hex << off;
    }
    uint64_t srd(uint64_t off, unsigned size = 4) { return rd(S + off, size, SMMU_PAS_SECURE); }
    void swr(uint64_t off, uint64_t v, unsigned size = 4) { wr(S + off, v, size, SMMU_PAS_SECURE); }
    void clear_log() { m->log_len = 0; m->log[0] = 0; }
};

// [6.3.1-6.3.6, 6.3.52-56, 6.3.170] every ID register of the default configuration, with
// each field placed by hand from the specification's field headings.
TEST_F(Regs, DefaultConfigIdRegistersHaveSpecFieldPositions)
{
    create();
    // IDR0: S2P0 S1P1 TTF=10 COHACC4 HTTU=10 Hyp9 ASID16 12 MSI13 SEV14 VMW17 VMID16 18
    // CD2L19 STALL_MODEL=01 [25:24] ST_LEVEL=01 [28:27]
    EXPECT_EQ(rd(0x000), 0x3u | 2u << 2 | 1u << 4 | 2u << 6 | 1u << 9 | 1u << 12 | 1u << 13 |
                             1u << 14 | 1u << 17 | 1u << 18 | 1u << 19 | 1u << 24 | 1u << 27);
    // IDR1: SIDSIZE 16, SSIDSIZE 20 [10:6], EVENTQS 19 [20:16], CMDQS 19 [25:21], PRIQS 0,
    // ATTR_PERMS_OVR 26, ATTR_TYPES_OVR 27
    EXPECT_EQ(rd(0x004), 16u | 20u << 6 | 19u << 16 | 19u << 21 | 1u << 26 | 1u << 27);
    EXPECT_EQ(rd(0x008), 0u);
    // IDR3: HAD2 XNX4 FWB8 STT9 RIL10 BBML[12:11]=0b10 E0PD13 PTWNNC14 (v3.3 with stage 2)
    EXPECT_EQ(rd(0x00C), 1u << 2 | 1u << 4 | 1u << 8 | 1u << 9 | 1u << 10 | 2u << 11 | 1u << 13 |
                             1u << 14);
    EXPECT_EQ(rd(0x010), 0u);
    // IDR5: OAS 48 = 0b101, GRAN4K/16K/64K = bits 4,5,6
    EXPECT_EQ(rd(0x014), 5u | 7u << 4);
    EXPECT_EQ(rd(0x018), 0x487u << 20 | 0x43Bu); // IIDR: MMU-700, Arm
    EXPECT_EQ(rd(0x01C), 3u);                    // AIDR: SMMUv3.3
    // S_IDR0: STALL_MODEL 01, MSI; S_IDR1: SECURE_IMPL 31, SEL2 29, S_SIDSIZE 16
    EXPECT_EQ(srd(0x000), 1u << 24 | 1u << 13);
    EXPECT_EQ(srd(0x004), 1u << 31 | 1u << 29 | 16u);
    EXPECT_EQ(srd(0x008), 0u);
    EXPECT_EQ(srd(0x00C), 0u);
    EXPECT_EQ(srd(0x010), 0u);
    // PIDR/CIDR consistent with IIDR (part 0x487, JEP106 0x4/0x3B)
    EXPECT_EQ(rd(0xFD0), 0x04u);
    EXPECT_EQ(rd(0xFE0), 0x87u);
    EXPECT_EQ(rd(0xFE4), 0xB4u);
    EXPECT_EQ(rd(0xFE8), 0x0Bu);
    EXPECT_EQ(rd(0xFEC), 0x00u);
    EXPECT_EQ(rd(0xFF0), 0x0Du);
    EXPECT_EQ(rd(0xFF4), 0xF0u);
    EXPECT_EQ(rd(0xFF8), 0x05u);
    EXPECT_EQ(rd(0xFFC), 0xB1u);
}

// IDR3.PTWNNC [IHI 0070 6.3.4]: 1 in SMMUv3.3 implementations with IDR0.S2P == 1, RES0 without
// stage 2; the model reports 0 before v3.3 (not required there).
TEST_F(Regs, Idr3PtwnncIsSetExactlyInV33WithStage2)
{
    create();
    EXPECT_EQ(1u, (rd(0x00C) >> 14) & 1u);
    smmu_destroy(s);
    s = nullptr;
    cfg.arch_minor = 2;
    create();
    EXPECT_EQ(0u, (rd(0x00C) >> 14) & 1u);
    smmu_destroy(s);
    s = nullptr;
    cfg.arch_minor = 3;
    cfg.stage2 = false;
    create();
    EXPECT_EQ(0u, (rd(0x00C) >> 14) & 1u);
    EXPECT_EQ(0u, rd(0x000) & 1u); // IDR0.S2P
}

TEST_F(Regs, VariedConfigChangesExactlyTheMatchingIdFields)
{
    cfg.arch_minor = 1;
    cfg.stage2 = false;
    cfg.vmid16 = false;
    cfg.vmw = false;
    cfg.httu = 0;
    cfg.hyp = false;
    cfg.ats = true;
    cfg.pri = true;
    cfg.priq_log2max = 7;
    cfg.ttendian = 2;
    cfg.term_model = true;
    cfg.stall_model = SMMU_STALL_FORCED;
    cfg.btm = true;
    cfg.oas_bits = 40;
    cfg.gran16k = false;
    cfg.ds = true;
    cfg.vax = 1;
    cfg.stall_max = 0x55;
    cfg.bbml = 2;
    cfg.pbha = true;
    cfg.sid_bits = 8;
    cfg.ssid_bits = 0;
    cfg.cmdq_log2max = 8;
    cfg.eventq_log2max = 7;
    cfg.sel2 = false;
    cfg.sams = true;
    cfg.s_sid_bits = 4;
    cfg.iidr_variant = 2;
    cfg.iidr_revision = 1;
    create();
    EXPECT_EQ(rd(0x000), 2u | 2u << 2 | 1u << 4 | 1u << 5 | 1u << 10 | 1u << 12 | 1u << 13 |
                             1u << 14 | 1u << 16 | 1u << 19 | 2u << 21 | 2u << 24 | 1u << 26 |
                             1u << 27);
    EXPECT_EQ(rd(0x004), 8u | 7u << 11 | 7u << 16 | 8u << 21 | 1u << 26 | 1u << 27);
    EXPECT_EQ(rd(0x00C), 1u << 2 | 1u << 3 | 1u << 4 | 1u << 8 | 1u << 9 | 1u << 10 | 2u << 11 |
                             1u << 13);
    EXPECT_EQ(rd(0x014), 2u | 1u << 4 | 1u << 6 | 1u << 7 | 1u << 10 | 0x55u << 16);
    EXPECT_EQ(rd(0x018), 0x487u << 20 | 2u << 16 | 1u << 12 | 0x43Bu);
    EXPECT_EQ(rd(0x01C), 1u);
    EXPECT_EQ(srd(0x000), 2u << 24 | 1u << 13);
    EXPECT_EQ(srd(0x004), 1u << 31 | 4u);
    EXPECT_EQ(srd(0x00C), 1u << 6); // SAMS
    EXPECT_EQ(rd(0xFE8), 0x2Bu);    // PIDR2.REVISION = variant
    EXPECT_EQ(rd(0xFEC), 0x10u);    // PIDR3.REVAND = revision
}

// [6.3.1] SMMU_IDR0.STALL_MODEL reads 01 when S_CR0.NSSTALLD is set and S_IDR0 says 00.
TEST_F(Regs, NsStallModelReflectsSecureNsstalld)
{
    cfg.stall_model = SMMU_STALL_AND_TERMINATE;
    create();
    EXPECT_EQ((rd(0x000) >> 24) & 3, 0u);
    swr(0x020, 1u << 9);
    EXPECT_EQ(srd(0x024), 1u << 9);
    EXPECT_EQ((rd(0x000) >> 24) & 3, 1u);
    EXPECT_EQ((srd(0x000) >> 24) & 3, 0u);
    swr(0x020, 0);
    EXPECT_EQ((rd(0x000) >> 24) & 3, 0u);
}

struct RegRule {
    uint64_t off;   // from the bank's page 0
    unsigned size;
    uint64_t reset;
    uint64_t rw;    // bits that take a written value (default config)
    bool secure;    // Secure bank copy
};

// Registers without write side effects, default config (OAS 48, no PRI, MSI, Hyp, SEL2).
const RegRule kRules[] = {
    {0x000, 4, 0x090E729B, 0, false}, // IDR0 (read-only)
    {0x014, 4, 0x75, 0, false},       // IDR5
    {0x024, 4, 0, 0, false},          // CR0ACK
    {0x028, 4, 0, 0xFFF, false},      // CR1
    {0x02C, 4, 0, 0x3, false},        // CR2: E2H, RECINVSID; no BTM: PTM RES0; no ATSRECERR: REC_CFG_ATS RES0
    {0x040, 4, 0, 0, false},          // STATUSR
    {0x054, 4, 0, 0, false},          // IRQ_CTRLACK
    {0x060, 4, 0, 0, false},          // GERROR
    {0x068, 8, 0, 0x0000FFFFFFFFFFFCull, false}, // GERROR_IRQ_CFG0 ADDR[47:2]
    {0x070, 4, 0, 0xFFFFFFFF, false},
    {0x074, 4, 0, 0x3F, false},
    {0x080, 8, 0, 0x4000FFFFFFFFFFC0ull, false}, // STRTAB_BASE RA, ADDR[47:6]
    {0x088, 4, 0, 0x307FF, false},               // STRTAB_BASE_CFG FMT, SPLIT, LOG2SIZE
    {0x090, 8, 0, 0x4000FFFFFFFFFFFFull, false}, // CMDQ_BASE RA, ADDR[47:5], LOG2SIZE
    {0x0A0, 8, 0, 0x4000FFFFFFFFFFFFull, false}, // EVENTQ_BASE WA, ADDR, LOG2SIZE
    {0x0B0, 8, 0, 0x0000FFFFFFFFFFFCull, false},
    {0x0B8, 4, 0, 0xFFFFFFFF, false},
    {0x0BC, 4, 0, 0x3F, false},
    {0x0C0, 8, 0, 0, false}, // PRIQ_BASE: no PRI, RAZ/WI
    {0x000, 4, 0x01002000, 0, true}, // S_IDR0
    {0x004, 4, 0xA0000010, 0, true}, // S_IDR1
    {0x024, 4, 0, 0, true},
    {0x028, 4, 0, 0xFFF, true},
    {0x02C, 4, 0, 0x3, true},
    {0x060, 4, 0, 0, true},
    {0x068, 8, 0, 0x0000FFFFFFFFFFFCull, true},
    {0x070, 4, 0, 0xFFFFFFFF, true},
    {0x074, 4, 0, 0x3F, true},
    {0x080, 8, 0, 0x4000FFFFFFFFFFC0ull, true},
    {0x088, 4, 0, 0x307FF, true},
    {0x090, 8, 0, 0x4000FFFFFFFFFFFFull, true},
    {0x0A0, 8, 0, 0x4000FFFFFFFFFFFFull, true},
    {0x0B0, 8, 0, 0x0000FFFFFFFFFFFCull, true},
};

// [6.2, 6.3] reset values, RW bits, RES0 bits reading 0 and RO registers ignoring writes.
TEST_F(Regs, ResetValuesAndWritableBitsFollowTheRegisterTable)
{
    create();
    for (const RegRule &r : kRules) {
        uint64_t off = r.off + (r.secure ? S : 0);
        smmu_pa_space pas = r.secure ? SMMU_PAS_SECURE : SMMU_PAS_NS;
        SCOPED_TRACE(testing::Message() << std::hex << "offset 0x" << off);
        EXPECT_EQ(rd(off, r.size, pas), r.reset);
        clear_log();
        wr(off, ~0ull >> (64 - 8 * r.size), r.size, pas);
        EXPECT_EQ(rd(off, r.size, pas), r.reset | r.rw);
        if (r.rw == 0 && r.off != 0x0C0) {
            EXPECT_TRUE(fake_mem_log_contains(m, "read-only"));
        } else if (r.rw != (~0ull >> (64 - 8 * r.size)) && r.off != 0x0C0) {
            EXPECT_TRUE(fake_mem_log_contains(m, "RES0") || fake_mem_log_contains(m, "OAS"));
        }
        wr(off, 0, r.size, pas);
    }
}

// [6.2] 64-bit registers may be accessed as two 32-bit halves, [63:32] at +4.
TEST_F(Regs, SixtyFourBitRegisterIsAccessibleByHalves)
{
    create();
    wr(0x080, 0x12345640);
    wr(0x084, 0x4000ABCD);
    EXPECT_EQ(rd(0x080, 8), 0x4000ABCD12345640ull);
    EXPECT_EQ(rd(0x084), 0x4000ABCDu);
    wr(0x080, 0x0000111122223340ull, 8);
    EXPECT_EQ(rd(0x080), 0x22223340u);
    EXPECT_EQ(rd(0x084), 0x1111u);
}

// [6.2] other sizes and unaligned accesses: RAZ/WI (model choice) with an error status.
TEST_F(Regs, BadSizeOrAlignmentIsRazWiWithStatusAndWarning)
{
    create();
    uint64_t v = 7;
    EXPECT_EQ(smmu_reg_read(s, 0x028, 2, SMMU_PAS_NS, &v), SMMU_E_SIZE);
    EXPECT_EQ(v, 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "only 4 and 8"));
    EXPECT_EQ(smmu_reg_write(s, 0x028, 8, SMMU_PAS_NS, 0xFFF), SMMU_E_SIZE);
    EXPECT_EQ(rd(0x028), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "64-bit write of 32-bit register SMMU_CR1"));
    v = 7;
    EXPECT_EQ(smmu_reg_read(s, 0x000, 8, SMMU_PAS_NS, &v), SMMU_E_SIZE);
    EXPECT_EQ(v, 0u);
    EXPECT_EQ(smmu_reg_write(s, 0x02A, 4, SMMU_PAS_NS, 0xFFF), SMMU_E_ALIGN);
    EXPECT_EQ(smmu_reg_write(s, 0x084, 8, SMMU_PAS_NS, 0x1000), SMMU_E_ALIGN);
    EXPECT_EQ(rd(0x080, 8), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "not naturally aligned"));
    EXPECT_EQ(smmu_reg_read(s, 0xFF0, 8, SMMU_PAS_NS, &v), SMMU_E_SIZE);
}

// [6.3.9, 6.3.10] the model completes CR0 updates at once: CR0ACK follows CR0.
TEST_F(Regs, Cr0AckFollowsCr0AndReservedBitsAreIgnored)
{
    create();
    wr(0x020, 0xFFFFFFFF);
    // SMMUEN, EVENTQEN, CMDQEN, VMW; no PRI, no ATS: PRIQEN/ATSCHK RES0
    EXPECT_EQ(rd(0x020), 0x1CDu);
    EXPECT_EQ(rd(0x024), 0x1CDu);
    EXPECT_TRUE(fake_mem_log_contains(m, "SMMU_CR0: reserved (RES0) bits 0xfffffe32"));
    swr(0x020, 0xFFFFFFFF);
    // S_CR0: SMMUEN, EVENTQEN, CMDQEN, SIF, VMW (SEL2); NSSTALLD RES0 with STALL_MODEL 01
    EXPECT_EQ(srd(0x020), 0x1EDu);
    EXPECT_EQ(srd(0x024), 0x1EDu);
}

// [6.3.14] GBPA: reset ABORT per config with SHCFG=use incoming; writes need Update=1.
TEST_F(Regs, GbpaUpdateHandshakeAppliesOnlyWithUpdate)
{
    create();
    EXPECT_EQ(rd(0x044), 1u << 20 | 1u << 12);
    wr(0x044, 0x3000);
    EXPECT_EQ(rd(0x044), 1u << 20 | 1u << 12);
    EXPECT_TRUE(fake_mem_log_contains(m, "without Update=1"));
    wr(0x044, 1u << 31 | 0xF3F1F);
    EXPECT_EQ(rd(0x044), 0xF3F1Fu); // Update reads 0: completed
    swr(0x044, 1u << 31 | 0xC000);  // S_GBPA.NSCFG
    EXPECT_EQ(srd(0x044), 0xC000u);
    cfg.gbpa_abort_at_reset = false;
    smmu_destroy(s);
    s = nullptr;
    create();
    EXPECT_EQ(rd(0x044), 1u << 12);
}

// Guarded fields [6.3.24, 6.3.26, 6.3.11, 6.3.21]: writes while the enable is set are ignored.
TEST_F(Regs, GuardedRegistersIgnoreWritesWhileEnabled)
{
    // Checker mode: the four guarded writes below are queue misuse on purpose (CMDQ_BASE,
    // CMDQ_CONS, EVENTQ_PROD while enabled; CR0 rewritten before CR0ACK was read)
    expected_findings = 4;
    create();
    wr(0x090, 0x100004, 8);
    wr(0x020, 1u << 3); // CMDQEN
    clear_log();
    wr(0x090, 0x200004, 8);
    EXPECT_EQ(rd(0x090, 8), 0x100004u);
    EXPECT_TRUE(fake_mem_log_contains(m, "SMMU_CMDQ_BASE written while CMDQEN is set"));
    wr(0x09C, 3);
    EXPECT_EQ(rd(0x09C), 0u);
    // CR1: QUEUE_* guarded by the queue enables, TABLE_* by SMMUEN only
    wr(0x028, 0xFFF);
    EXPECT_EQ(rd(0x028), 0xFC0u);
    wr(0x020, 1u << 0); // SMMUEN only
    wr(0x080, 0x1000, 8);
    EXPECT_EQ(rd(0x080, 8), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "SMMU_STRTAB_BASE written while SMMUEN is set"));
    wr(0x028, 0x03F);
    EXPECT_EQ(rd(0x028), 0xFFFu); // TABLE_* kept, QUEUE_* cleared: only QUEUE_* was writable
    wr(0x02C, 1);
    EXPECT_EQ(rd(0x02C), 0u);
    wr(0x020, 1u << 2); // EVENTQEN
    wr(0x100A8, 5);
    EXPECT_EQ(rd(0x100A8), 0u);
    wr(0x100AC, 0);
    // MSI configuration guarded by the IRQ enable
    wr(0x050, 1u << 0);
    EXPECT_EQ(rd(0x054), 1u);
    wr(0x068, 0x1000, 8);
    EXPECT_EQ(rd(0x068, 8), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "GERROR_IRQEN is set"));
    wr(0x050, 0);
    wr(0x068, 0x1000, 8);
    EXPECT_EQ(rd(0x068, 8), 0x1000u);
}

// [6.3.26] address bits above OAS are RES0 (treated as 0), LOG2SIZE is capped at IDR1.CMDQS.
TEST_F(Regs, QueueBaseBeyondOasAndOversizedLog2SizeAreDiagnosed)
{
    cfg.cmdq_log2max = 4;
    create();
    wr(0x090, (1ull << 50) | 0x10000 | 10, 8);
    EXPECT_EQ(rd(0x090, 8), 0x10000u | 10u);
    EXPECT_TRUE(fake_mem_log_contains(m, "above the 48-bit OAS"));
    EXPECT_TRUE(fake_mem_log_contains(m, "LOG2SIZE 10 exceeds IDR1 maximum 4"));
    // The capped size (16 entries) bounds PROD: index [3:0] and wrap bit 4
    wr(0x098, 0x3F);
    EXPECT_EQ(rd(0x098), 0x1Fu);
}

// [3.10.2, 6.2] the Secure bank is RAZ/WI to Non-secure and Realm accesses.
TEST_F(Regs, SecureBankIsRazWiFromNonSecureAndRealm)
{
    create();
    swr(0x028, 0x555);
    for (uint64_t off = S; off < S + 0x1000; off += 4) {
        for (smmu_pa_space pas : {SMMU_PAS_NS, SMMU_PAS_REALM}) {
            uint64_t v = 1;
            ASSERT_EQ(smmu_reg_read(s, off, 4, pas, &v), SMMU_OK);
            ASSERT_EQ(v, 0u) << std::hex << off;
            ASSERT_EQ(smmu_reg_write(s, off, 4, pas, 0xFFFFFFFF), SMMU_OK);
        }
    }
    EXPECT_TRUE(fake_mem_log_contains(m, "from a non-Secure PA space"));
    EXPECT_EQ(srd(0x028), 0x555u);
    EXPECT_EQ(srd(0x020), 0u);
    EXPECT_EQ(srd(0x000), 0x01002000u); // Root reaches the Secure bank too
    uint64_t v = 0;
    EXPECT_EQ(smmu_reg_read(s, S + 0x028, 4, SMMU_PAS_ROOT, &v), SMMU_OK);
    EXPECT_EQ(v, 0x555u);
    // and Secure reaches the Non-secure bank
    EXPECT_EQ(rd(0x000, 4, SMMU_PAS_SECURE), 0x090E729Bu);
}

TEST_F(Regs, WithoutSecureImplTheSecureBankIsRazWi)
{
    cfg.secure_impl = false;
    cfg.sel2 = false;
    create();
    swr(0x028, 0x555);
    EXPECT_EQ(srd(0x028), 0u);
    EXPECT_EQ(srd(0x004), 0u); // S_IDR1.SECURE_IMPL reads 0
}

// [6.2.2] EVENTQ_PROD/CONS in page 1, aliased at page-0 0xA8/0xAC (model choice);
// S_EVENTQ_PROD/CONS at 0x80A8/0x80AC.
TEST_F(Regs, EventQueueIndexRegistersInPage1WithPage0Alias)
{
    create();
    wr(0x0A0, 0x10000 | 4, 8);
    wr(0x100AC, 0x80000013);
    EXPECT_EQ(rd(0x0AC), 0x80000013u);
    wr(0x0A8, 0x5);
    EXPECT_EQ(rd(0x100A8), 0x5u);
    swr(0x0A0, 0x10000 | 4, 8);
    swr(0x0AC, 0x7);
    EXPECT_EQ(srd(0x0AC), 0x7u);
    EXPECT_EQ(rd(0x100AC), 0x80000013u);
    // PRIQ alias offsets without PRI: RAZ/WI
    wr(0x100C8, 1);
    EXPECT_EQ(rd(0x100C8), 0u);
}

// Realm and Root pages are not implemented yet: RAZ/WI.
TEST_F(Regs, OffsetsBeyondPage1AreRazWi)
{
    create();
    wr(0x20020, 1, 4, SMMU_PAS_ROOT);
    EXPECT_EQ(rd(0x20020, 4, SMMU_PAS_ROOT), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "unimplemented or reserved register offset 0x20020"));
}

// [6.3.62] S_INIT.INV_ALL invalidates everything and reads 0 once complete.
TEST_F(Regs, SInitInvAllInvalidatesAndReadsZero)
{
    create();
    unsigned before = m->inval_notices;
    swr(0x03C, 1);
    EXPECT_EQ(srd(0x03C), 0u);
    EXPECT_GT(m->inval_notices, before);
    EXPECT_TRUE(m->last_notice.all);
    // CONSTRAINED UNPREDICTABLE while SMMUEN: performed, with a warning
    wr(0x020, 1);
    swr(0x03C, 1);
    EXPECT_TRUE(fake_mem_log_contains(m, "INV_ALL written while an SMMUEN is set"));
}

// [7.5, 6.3.20] GERRORN: acknowledging by toggling; toggling an inactive error is diagnosed.
TEST_F(Regs, GerrornToggleOfInactiveErrorIsStoredAndDiagnosed)
{
    create();
    wr(0x064, 1u << 2);
    EXPECT_EQ(rd(0x064), 1u << 2);
    EXPECT_EQ(rd(0x060), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "toggled while their errors are inactive"));
    wr(0x064, 0xFFFFFFFF);
    // CMDQ_ERR, EVENTQ_ABT, MSI_CMDQ/EVENTQ/GERROR_ABT, SFM; no PRI bits
    EXPECT_EQ(rd(0x064), 0x1B5u);
}

// [6.3.13] IRQ_CTRLACK follows IRQ_CTRL; PRIQ_IRQEN is RES0 without PRI.
TEST_F(Regs, IrqCtrlAckFollowsIrqCtrl)
{
    create();
    wr(0x050, 7);
    EXPECT_EQ(rd(0x050), 5u);
    EXPECT_EQ(rd(0x054), 5u);
    swr(0x050, 7);
    EXPECT_EQ(srd(0x054), 5u);
}

// Driver helper: the bring-up sequence of Appendix B completes on both interfaces.
TEST_F(Regs, DriverBringUpEnablesBothInterfaces)
{
    create();
    smmu_driver ns, sec;
    drv_init(&ns, s, m, SMMU_SEC_NS);
    drv_init(&sec, s, m, SMMU_SEC_SECURE);
    for (smmu_driver *d : {&ns, &sec}) {
        drv_setup_cmdq(d, 0x100000, 6);
        drv_setup_evtq(d, 0x200000, 6);
        ASSERT_EQ(drv_enable_queues(d), 0);
        drv_set_strtab(d, 0x300000, 6);
        uint64_t c[2];
        cmd_cfgi_all(c, false);
        ASSERT_EQ(drv_submit(d, c), 0);
        cmd_tlbi_nsnh_all(c);
        ASSERT_EQ(drv_submit(d, c), 0);
        ASSERT_EQ(drv_sync(d), 0);
        ASSERT_EQ(drv_enable_smmu(d), 0);
        EXPECT_EQ(drv_read32(d, DRV_CR0ACK), 0xDu);
    }
}

} // namespace
