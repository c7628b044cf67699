// SPDX-License-Identifier: Apache-2.0
// Stream tables and STE decoding [IHI 0070 3.3.1, 5.1, 5.2, 5.2.2 SteIllegal()].
#include "xlate_fixture.h"

#include <tuple>

extern "C" {
#include "strtab.h"
}

namespace {

// An instance on fake memory whose environment logs every SMMU read (address, PA space, size,
// attributes). The registers of the banks are set directly: this file tests the table walk,
// not the register file.
class StrtabTest : public SmmuTest {
  protected:
    // Create the instance (after tweak, if any, changed cfg) with cacheable table fetches and
    // CR2.RECINVSID in every bank.
    void Create(void (*tweak)(smmu_config *) = nullptr)
    {
        ASSERT_NO_FATAL_FAILURE(create(tweak));
        for (smmu_bank &b : s->bank) {
            b.cr1 = 0x1 << 6 | 0x1 << 8 | 0x3 << 10; // TABLE_IC/OC WB, TABLE_SH ISH
            b.cr2 = 0x2;                             // RECINVSID
        }
    }
    // A linear stream table of 2^log2size STEs at base in the bank's PA space, programmed into
    // the bank's STRTAB_BASE(_CFG).
    void Linear(unsigned bank, uint64_t base, unsigned log2size)
    {
        st_init_linear(&st, m, s->bank[bank].pas, base, log2size);
        Program(bank);
    }
    // A Non-secure 2-level table: L1 at 0x80000000, L2 arrays from 0x90000000.
    void TwoLevel(unsigned log2size, unsigned split)
    {
        st_init_2level(&st, m, SMMU_PAS_NS, 0x80000000, log2size, split, 0x90000000);
        Program(BANK_NS);
    }
    // Write a bypass STE for sid into the table; returns its address.
    uint64_t PutBypass(uint32_t sid)
    {
        uint64_t ste[8];
        ste_make_bypass(ste);
        return st_write_ste(&st, sid, ste);
    }
    int Lookup(unsigned bank, uint32_t sid)
    {
        ev = {};
        fetches = 0;
        fake_mem_clear_read_log(m);
        return strtab_lookup(s, bank, sid, true, &out, &ev, &fetches);
    }
    int Decode(unsigned bank, const uint64_t *ste, uint64_t addr = 0x80000040, uint32_t sid = 1)
    {
        ev = {};
        ev.sid = sid;
        return ste_decode(s, bank, ste, addr, &out, &ev);
    }
    // Lookup and Decode where they must fail: the type of the event reported (0 for none).
    uint8_t LookupFault(unsigned bank, uint32_t sid) { return fault_type(Lookup(bank, sid), ev); }
    uint8_t DecodeFault(unsigned bank, const uint64_t *ste)
    {
        return fault_type(Decode(bank, ste), ev);
    }

    st_builder st = {};
    ste_cfg out = {};
    smmu_event ev = {};
    unsigned fetches = 0;

  private:
    void Program(unsigned bank)
    {
        s->bank[bank].strtab_base = st_base_reg(&st);
        s->bank[bank].strtab_base_cfg = st_base_cfg_reg(&st);
    }
};

// Stage 2 for an STE: 4KB granule, 40-bit IPA from level 1 (two concatenated tables), VMID 1.
void AddS2(uint64_t *ste, uint64_t ttb = 0x80000000)
{
    ste_s2_params p = {ttb, 12, 40, 1, 48, 1};
    ste_set_s2(ste, &p);
}

// A valid stage-2-only STE.
void MakeS2(uint64_t *ste, uint64_t ttb = 0x80000000)
{
    ste_make_bypass(ste);
    AddS2(ste, ttb);
}

// A valid stage-2-only Secure STE that also has a Secure IPA space table at s_ttb.
void MakeSecureS2(uint64_t *ste, uint64_t s_ttb = 0x40000000)
{
    MakeS2(ste);
    ste_s2_params p = {s_ttb, 12, 40, 1, 48, 0};
    ste_set_secure_s2(ste, &p);
}

// ---------------------------------------------------------------------------------------------
// Stream table walk
// ---------------------------------------------------------------------------------------------

// [IHI 0070 5.1, 6.3.24] Linear table: STE address = base + SID * 64, one 64-byte fetch in the
// bank's PA space with CR1.TABLE_* attributes.
TEST_F(StrtabTest, LinearTableFetchesSteAtBasePlusSidTimes64)
{
    Create();
    Linear(BANK_NS, 0x80000000, 8);
    PutBypass(5);
    ASSERT_EQ(Lookup(BANK_NS, 5), 0);
    EXPECT_EQ(out.kind, STE_BYPASS);
    EXPECT_EQ(out.ste_addr, 0x80000000u + 5 * 64);
    EXPECT_EQ(fetches, 1u);
    ASSERT_EQ(read_addrs(), Addrs{0x80000000u + 5 * 64});
    EXPECT_EQ(read_lens(), Lens{64});
    EXPECT_EQ(m->read_log[0].pas, SMMU_PAS_NS);
    EXPECT_EQ(m->read_log[0].attrs.mair, 0xff);
    EXPECT_EQ(m->read_log[0].attrs.sh, 3);
}

// [6.3.24 ADDR] The table is aligned to its size: base bits below LOG2SIZE + 6 are zero.
TEST_F(StrtabTest, LinearBaseLowBitsBelowTableSizeAreIgnored)
{
    Create();
    Linear(BANK_NS, 0x80000000, 8); // 16 KB table
    PutBypass(3);
    s->bank[BANK_NS].strtab_base = 0x80003fc0;
    ASSERT_EQ(Lookup(BANK_NS, 3), 0);
    EXPECT_EQ(out.ste_addr, 0x800000c0u);
}

// [6.3.24 ADDR] "The alignment of ADDR is affected by the literal value of the respective
// SMMU_STRTAB_BASE_CFG.LOG2SIZE field and is not limited by SIDSIZE": SIDSIZE 16, LOG2SIZE 18,
// a linear table at ADDR 0x1400000 is aligned to 16 MB (2^18 STEs), so StreamID 1's STE is at
// 0x1000040. A 2-level level-1 table likewise: ADDR[MAX(5, LOG2SIZE - SPLIT + 2):0] = 0.
TEST_F(StrtabTest, BaseIsAlignedByTheLiteralLog2SizeNotLimitedBySidSize)
{
    Create();
    ASSERT_EQ(s->cfg.sid_bits, 16u);
    uint64_t ste[8];
    ste_make_bypass(ste);
    uint8_t raw[64];
    for (unsigned i = 0; i < 8; i++)
        le64_store(raw + 8 * i, ste[i]);
    ASSERT_EQ(0, fake_mem_write(m, 0x1000040, SMMU_PAS_NS, raw, sizeof(raw)));
    s->bank[BANK_NS].strtab_base = 0x1400000;
    s->bank[BANK_NS].strtab_base_cfg = SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_LOG2SIZE, 18);
    ASSERT_EQ(Lookup(BANK_NS, 1), 0) << m->log;
    EXPECT_EQ(out.ste_addr, 0x1000040u);

    // 2-level, SPLIT 8: 2^(18-8) L1 descriptors = 8 KB, so ADDR[12:0] = 0
    TwoLevel(16, 8);
    PutBypass(0x101);
    s->bank[BANK_NS].strtab_base = 0x80001800;
    s->bank[BANK_NS].strtab_base_cfg = SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_FMT, 1) |
                                       SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_SPLIT, 8) |
                                       SMMU_FIELD_PREP(SMMU_STRTAB_BASE_CFG_LOG2SIZE, 18);
    ASSERT_EQ(Lookup(BANK_NS, 0x101), 0) << m->log;
    ASSERT_GE(m->nread_log, 1u);
    EXPECT_EQ(m->read_log[0].pa, 0x80000008u); // L1STD of StreamID 0x101
}

// [6.3.24] The Secure stream table is read in Secure PA space with S_CR1 attributes.
TEST_F(StrtabTest, SecureTableIsFetchedInSecurePaSpaceWithSecureCr1)
{
    Create();
    s->bank[BANK_S].cr1 = 0; // non-cacheable: outer shareable
    Linear(BANK_S, 0x40000000, 4);
    PutBypass(2);
    ASSERT_EQ(Lookup(BANK_S, 2), 0);
    ASSERT_EQ(m->nread_log, 1u);
    EXPECT_EQ(m->read_log[0].pas, SMMU_PAS_SECURE);
    EXPECT_EQ(m->read_log[0].attrs.mair, 0x44);
    EXPECT_EQ(m->read_log[0].attrs.sh, 2);
}

class TwoLevelSplit : public StrtabTest, public ::testing::WithParamInterface<unsigned> {};

// [5.1, 6.3.25 SPLIT] 2-level: L1STD at L1 + (SID >> SPLIT) * 8, STE at
// L2Ptr + SID[SPLIT-1:0] * 64, for every SPLIT (4 KB, 16 KB, 64 KB leaves).
TEST_P(TwoLevelSplit, L1IndexIsSidAboveSplitAndL2IndexBelow)
{
    const unsigned split = GetParam();
    Create();
    TwoLevel(16, split);
    const uint32_t sid = 0xa5c3;
    const uint64_t ste_pa = PutBypass(sid);
    ASSERT_EQ(Lookup(BANK_NS, sid), 0) << m->log;
    const uint64_t l1 = 0x80000000u + (uint64_t)(sid >> split) * 8;
    const uint64_t l2 = fake_mem_rd64(m, l1, SMMU_PAS_NS) & ~0x3fULL & ((1ULL << 56) - 1);
    EXPECT_EQ(ste_pa, l2 + (sid & ((1u << split) - 1)) * 64);
    EXPECT_EQ(read_addrs(), (Addrs{l1, ste_pa}));
    EXPECT_EQ(read_lens(), (Lens{8, 64}));
    EXPECT_EQ(out.ste_addr, ste_pa);
    EXPECT_EQ(fetches, 2u);
}
INSTANTIATE_TEST_SUITE_P(StreamTable, TwoLevelSplit, ::testing::Values(6u, 8u, 10u));

// [6.3.25 SPLIT] Values other than 6, 8 and 10 behave as 6.
TEST_F(StrtabTest, TwoLevelSplitOtherValuesBehaveAs6)
{
    Create();
    TwoLevel(12, 6);
    const uint64_t ste_pa = PutBypass(0x1c5);
    s->bank[BANK_NS].strtab_base_cfg = (1u << 16) | (7u << 6) | 12; // SPLIT 7
    ASSERT_EQ(Lookup(BANK_NS, 0x1c5), 0);
    EXPECT_EQ(read_addrs(), (Addrs{0x80000000u + (0x1c5 >> 6) * 8, ste_pa}));
}

// [5.1 L2Ptr] The L2 array is aligned to its size: L2Ptr bits below 2^(Span-1) * 64 are 0.
TEST_F(StrtabTest, L1stdL2PtrBitsBelowArraySizeAreIgnored)
{
    Create();
    TwoLevel(16, 8);
    st_write_l1std(&st, 0x103, 3, 0x900000c0); // Span 3: 4 STEs, 256 bytes
    uint64_t ste[8];
    ste_make_bypass(ste);
    for (unsigned i = 0; i < 8; i++)
        fake_mem_wr64(m, 0x900000c0 + 8 * i, SMMU_PAS_NS, ste[i]);
    ASSERT_EQ(Lookup(BANK_NS, 0x103), 0);
    EXPECT_EQ(out.ste_addr, 0x900000c0u); // 0x90000000 + 3 * 64
}

// [6.3.25 LOG2SIZE] The effective LOG2SIZE is capped at IDR1.SIDSIZE (S_SIDSIZE for Secure).
TEST_F(StrtabTest, Log2SizeIsCappedAtSidSize)
{
    cfg.sid_bits = 6;
    cfg.s_sid_bits = 4;
    Create();
    Linear(BANK_NS, 0x80000000, 10);
    PutBypass(0x3f);
    PutBypass(0x40);
    EXPECT_EQ(Lookup(BANK_NS, 0x3f), 0);
    EXPECT_EQ(LookupFault(BANK_NS, 0x40), SMMU_EVT_C_BAD_STREAMID);
    Linear(BANK_S, 0x40000000, 10);
    PutBypass(0x10);
    EXPECT_EQ(LookupFault(BANK_S, 0x10), SMMU_EVT_C_BAD_STREAMID);
    EXPECT_EQ(ev.sid, 0x10u);
}

// Every C_BAD_STREAMID path: recorded when CR2.RECINVSID = 1, else an abort without event
// (ev.type 0) [5.1, 6.3.12 RECINVSID, 7.3.3].
struct BadSidCase {
    const char *name;
    unsigned split;       // 0 linear
    unsigned log2size;
    uint32_t sid;
    int span;             // >= 0: write this L1STD Span (2-level)
    const char *diag;
};

class BadStreamId : public StrtabTest,
                    public ::testing::WithParamInterface<std::tuple<BadSidCase, bool>> {};

// The lookup always generates C_BAD_STREAMID; the pipeline records it only with RECINVSID
// (translate_test: UnrecordedEventsAreFaultsCountedButNotWritten).
TEST_P(BadStreamId, IsGeneratedAndLoggedAsRecordedOnlyWithRecInvSid)
{
    const BadSidCase &c = std::get<0>(GetParam());
    const bool recinvsid = std::get<1>(GetParam());
    Create();
    s->bank[BANK_NS].cr2 = recinvsid ? 0x2 : 0;
    if (c.split)
        TwoLevel(c.log2size, c.split);
    else
        Linear(BANK_NS, 0x80000000, c.log2size);
    if (c.span >= 0)
        st_write_l1std(&st, c.sid, (unsigned)c.span, 0x90000000);
    EXPECT_EQ(LookupFault(BANK_NS, c.sid), SMMU_EVT_C_BAD_STREAMID);
    EXPECT_EQ(ev.sid, c.sid);
    EXPECT_TRUE(logged(c.diag)) << m->log;
    EXPECT_TRUE(logged("C_BAD_STREAMID"));
    EXPECT_EQ(logged("not recorded"), !recinvsid);
}

const BadSidCase kBadSid[] = {
    {"LinearSidBeyondLog2Size", 0, 8, 0x100, -1, "outside the stream table"},
    {"TwoLevelSidBeyondLog2Size", 8, 12, 0x1000, -1, "outside the stream table"},
    {"L1stdSpan0", 8, 16, 0x305, 0, "Span 0 (invalid)"},
    {"L1stdSpanReserved", 10, 16, 0x305, 12, "Span 12 (reserved)"},
    {"L1stdSpanAboveSplitPlus1", 6, 16, 0x305, 8, "Span 8 (larger than SPLIT + 1)"},
    {"SidBeyondL1stdSpan", 8, 16, 0x302, 2, "index 2 beyond the L1STD"},
};

INSTANTIATE_TEST_SUITE_P(
    StreamTable, BadStreamId, ::testing::Combine(::testing::ValuesIn(kBadSid), ::testing::Bool()),
    [](const ::testing::TestParamInfo<BadStreamId::ParamType> &i) {
        return std::string(std::get<0>(i.param).name) +
               (std::get<1>(i.param) ? "_RecInvSid1" : "_RecInvSid0");
    });

// [7.3.4] An external abort on the STE fetch is F_STE_FETCH with FetchAddr = the STE address.
TEST_F(StrtabTest, AbortOnSteFetchIsFSteFetchWithSteAddress)
{
    Create();
    Linear(BANK_NS, 0x80000000, 8);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0x80000000 + 7 * 64, 0x80000000 + 7 * 64, false);
    EXPECT_EQ(LookupFault(BANK_NS, 7), SMMU_EVT_F_STE_FETCH);
    EXPECT_EQ(ev.fetch_addr, 0x80000000u + 7 * 64);
    EXPECT_EQ(ev.sid, 7u);
    EXPECT_EQ(fetches, 1u);
}

// [7.3.4] An external abort on the L1STD fetch is F_STE_FETCH with FetchAddr = the L1STD.
TEST_F(StrtabTest, AbortOnL1stdFetchIsFSteFetchWithL1stdAddress)
{
    Create();
    TwoLevel(16, 8);
    const uint64_t l1 = 0x80000000u + (0x4321 >> 8) * 8;
    fake_mem_add_abort(m, SMMU_PAS_NS, l1, l1 + 7, false);
    EXPECT_EQ(LookupFault(BANK_NS, 0x4321), SMMU_EVT_F_STE_FETCH);
    EXPECT_EQ(ev.fetch_addr, l1);
    EXPECT_EQ(fetches, 1u);
}

// [3.4.3] A stream table beyond the OAS: the model's CONSTRAINED UNPREDICTABLE choice is
// F_STE_FETCH with the out-of-range address, and no memory access.
TEST_F(StrtabTest, SteAddressBeyondOasIsFSteFetchWithoutAccess)
{
    cfg.oas_bits = 40;
    Create();
    s->bank[BANK_NS].strtab_base = 1ULL << 40;
    s->bank[BANK_NS].strtab_base_cfg = 4;
    EXPECT_EQ(LookupFault(BANK_NS, 1), SMMU_EVT_F_STE_FETCH);
    EXPECT_EQ(ev.fetch_addr, (1ULL << 40) + 64);
    EXPECT_EQ(fetches, 0u);
    EXPECT_EQ(m->nread_log, 0u);
    EXPECT_TRUE(logged("beyond the OAS (40 bits)"));
}

// [5.1, 6.3.25 FMT] Without 2-level support, FMT is RES0: the table is walked as linear.
TEST_F(StrtabTest, FmtTwoLevelWithoutStLevelIsLinear)
{
    cfg.st_2level = false;
    cfg.sid_bits = 6;
    Create();
    Linear(BANK_NS, 0x80000000, 6);
    PutBypass(9);
    s->bank[BANK_NS].strtab_base_cfg |= 1u << 16 | 8u << 6;
    ASSERT_EQ(Lookup(BANK_NS, 9), 0);
    EXPECT_EQ(out.ste_addr, 0x80000000u + 9 * 64);
}

// [5.2 V] An STE with V = 0 found by the walk is C_BAD_STE.
TEST_F(StrtabTest, InvalidSteFoundByWalkIsCBadSte)
{
    Create();
    Linear(BANK_NS, 0x80000000, 4);
    EXPECT_EQ(LookupFault(BANK_NS, 1), SMMU_EVT_C_BAD_STE);
    EXPECT_EQ(ev.sid, 1u);
    EXPECT_TRUE(logged("Non-secure STE 0x80000040 (SID 0x1): V is 0"));
}

// ---------------------------------------------------------------------------------------------
// STE validation: every ILLEGAL condition of SteIllegal() the model has [5.2.2]
// ---------------------------------------------------------------------------------------------

struct IllegalSteCase {
    const char *name;
    unsigned bank;
    void (*config)(smmu_config *);
    void (*ste)(uint64_t *);
    const char *diag;
};

class IllegalSte : public StrtabTest, public ::testing::WithParamInterface<IllegalSteCase> {};

TEST_P(IllegalSte, IsCBadSteWithDiagnostic)
{
    const IllegalSteCase &c = GetParam();
    Create(c.config);
    uint64_t ste[8];
    c.ste(ste);
    EXPECT_EQ(DecodeFault(c.bank, ste), SMMU_EVT_C_BAD_STE);
    EXPECT_TRUE(logged(c.diag)) << "log: " << m->log;
    EXPECT_TRUE(logged("STE 0x80000040 (SID 0x1)"));
}

void S1Ste(uint64_t *ste) { ste_make_s1(ste, 0x90000000, 0, 0); }

const IllegalSteCase kIllegalSte[] = {
    {"V0", BANK_NS, nullptr, [](uint64_t *e) { MakeS2(e); smmu_ste_set_V(e, 0); }, "V is 0"},
    {"Stage1NotImplemented", BANK_NS,
     [](smmu_config *c) { c->stage1 = c->secure_impl = c->sel2 = false; }, S1Ste,
     "enables stage 1, not implemented (IDR0.S1P)"},
    {"Stage2NotImplemented", BANK_NS, [](smmu_config *c) { c->stage2 = false; },
     [](uint64_t *e) { MakeS2(e); }, "enables stage 2, not implemented (IDR0.S2P)"},
    {"SecureStage2WithoutSel2", BANK_S, [](smmu_config *c) { c->sel2 = false; },
     [](uint64_t *e) { MakeS2(e); }, "Secure stage 2 is not implemented (S_IDR1.SEL2)"},
    {"EatsSplitStageWithoutNested", BANK_NS, [](smmu_config *c) { c->ats = true; },
     [](uint64_t *e) { S1Ste(e); smmu_ste_set_EATS(e, 2); }, "EATS 0b10 (split-stage ATS)"},
    {"EatsFullWithS2SAndStage2", BANK_NS,
     [](smmu_config *c) { c->ats = true; c->stall_model = SMMU_STALL_AND_TERMINATE; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_EATS(e, 1); smmu_ste_set_S2S(e, 1); },
     "EATS 0b01 with S2S 1"},
    {"StrwX1OnNonSecure", BANK_NS, nullptr, [](uint64_t *e) { S1Ste(e); smmu_ste_set_STRW(e, 1); },
     "STRW 0b01 is reserved for a Non-secure STE"},
    {"Strw11OnSecure", BANK_S, nullptr, [](uint64_t *e) { S1Ste(e); smmu_ste_set_STRW(e, 3); },
     "STRW 0b11 is reserved"},
    {"StrwSel2WithoutSecureEl2", BANK_S, [](smmu_config *c) { c->sel2 = false; },
     [](uint64_t *e) { S1Ste(e); smmu_ste_set_STRW(e, 2); }, "STRW 0b10 (S-EL2)"},
    {"S1StalldWithoutStallModel00", BANK_NS, nullptr,
     [](uint64_t *e) { S1Ste(e); smmu_ste_set_S1STALLD(e, 1); }, "S1STALLD 1"},
    {"S1CDMaxAboveSsidSize", BANK_NS, [](smmu_config *c) { c->ssid_bits = 8; },
     [](uint64_t *e) { ste_make_s1(e, 0x90000000, 0, 9); }, "S1CDMax 9 > IDR1.SSIDSIZE 8"},
    {"S1FmtTwoLevelWithoutCd2l", BANK_NS, [](smmu_config *c) { c->cd2l = false; },
     [](uint64_t *e) { ste_make_s1(e, 0x90000000, 1, 4); }, "IDR0.CD2L is 0"},
    {"S1ContextPtrBeyondOas", BANK_NS, nullptr,
     [](uint64_t *e) { ste_make_s1(e, 1ULL << 48, 0, 0); },
     "S1ContextPtr 0x1000000000000 is outside the OAS (48 bits)"},
    {"S1ContextPtrBeyondIasNested", BANK_NS, nullptr,
     [](uint64_t *e) { ste_make_s1(e, 1ULL << 48, 0, 0); AddS2(e); },
     "S1ContextPtr 0x1000000000000 is outside the IAS (48 bits)"},
    {"S2SWithTerminateOnly", BANK_NS, nullptr, [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2S(e, 1); },
     "S2S 1 but the stall model is terminate-only"},
    {"S2S0WithStallForced", BANK_NS, [](smmu_config *c) { c->stall_model = SMMU_STALL_FORCED; },
     [](uint64_t *e) { MakeS2(e); }, "S2S 0 but the stall model forces stalls"},
    {"S2AA64SelectsVmsav8_32", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2AA64(e, 0); }, "S2AA64 0 selects VMSAv8-32 LPAE"},
    {"S2HAWithoutHttu", BANK_NS, [](smmu_config *c) { c->httu = 0; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2HA(e, 1); }, "S2HA 1 S2HD 0 but IDR0.HTTU is 0"},
    {"S2HDWithAccessFlagOnlyHttu", BANK_NS, [](smmu_config *c) { c->httu = 1; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2HA(e, 1); smmu_ste_set_S2HD(e, 1); },
     "S2HD 1 but IDR0.HTTU supports the access flag only"},
    {"S2TGReserved", BANK_NS, nullptr, [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2TG(e, 3); },
     "S2TG 3 selects a reserved granule"},
    {"S2TGNotImplemented", BANK_NS, [](smmu_config *c) { c->gran16k = false; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2TG(e, 2); },
     "S2TG 2 selects a not implemented (IDR5.GRANxx) granule"},
    {"S2TTBBeyondEffectiveS2PS", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e, 1ULL << 40); smmu_ste_set_S2PS(e, 2); },
     "S2TTB 0x10000000000 is outside the effective S2PS (40 bits)"},
    {"S2TTBBeyond48BitsWithoutS2DS", BANK_NS,
     [](smmu_config *c) { c->oas_bits = 52; },
     [](uint64_t *e) { MakeS2(e, 1ULL << 48); smmu_ste_set_S2PS(e, 6); },
     "S2TTB 0x1000000000000 is beyond 48 bits with a 4KB granule and S2DS 0"},
    {"S2T0SZBelowOas", BANK_NS, [](smmu_config *c) { c->oas_bits = 44; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2T0SZ(e, 16); smmu_ste_set_S2SL0(e, 2); },
     "S2T0SZ 16 gives IAS 48 > OAS 44"},
    {"S2T0SZAbove39WithoutStt", BANK_NS, [](smmu_config *c) { c->stt = c->sel2 = false; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2T0SZ(e, 40); smmu_ste_set_S2SL0(e, 0); },
     "S2T0SZ 40 outside [16, 39] (4KB granule, S2DS 0, STT 0)"},
    {"S2T0SZAbove47With64K", BANK_NS, nullptr,
     [](uint64_t *e) {
         MakeS2(e);
         smmu_ste_set_S2TG(e, 1);
         smmu_ste_set_S2T0SZ(e, 48);
         smmu_ste_set_S2SL0(e, 0);
     },
     "S2T0SZ 48 outside [16, 47] (64KB granule"},
    {"S2SL0InconsistentIpaTooLarge", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2SL0(e, 0); /* level 2, 40-bit IPA */ },
     "S2SL0 0 (start level 2) inconsistent with S2T0SZ 24 (40-bit IPA): level 2 with a 4KB "
     "granule takes 22 to 34 bits"},
    {"S2SL0InconsistentIpaTooSmall", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2T0SZ(e, 32); smmu_ste_set_S2SL0(e, 2); },
     "S2SL0 2 (start level 0) inconsistent with S2T0SZ 32 (32-bit IPA)"},
    {"S2SL0Level3WithoutStt", BANK_NS, [](smmu_config *c) { c->stt = c->sel2 = false; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2T0SZ(e, 39); smmu_ste_set_S2SL0(e, 3); },
     "S2SL0 3 with a 4KB granule: level 3 start needs IDR3.STT"},
    {"S2SL0Level0NeedsOas44", BANK_NS, [](smmu_config *c) { c->oas_bits = 40; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2PS(e, 2); smmu_ste_set_S2SL0(e, 2); },
     "S2SL0 2 with a 4KB granule: level 0 needs an OAS of at least 44 bits"},
    {"S2SL0ReservedWith64K", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2TG(e, 1); smmu_ste_set_S2SL0(e, 3); },
     "S2SL0 3 with a 64KB granule: reserved encoding"},
    {"S2SL0Level0With16KNeedsS2DS", BANK_NS, nullptr,
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2TG(e, 2); smmu_ste_set_S2SL0(e, 3); },
     "S2SL0 3 with a 16KB granule: level 0 needs S2DS and a 52-bit OAS"},
    {"S2SL0LevelMinus1NeedsOas52", BANK_NS,
     [](smmu_config *c) { c->ds = true; c->vax = 1; },
     [](uint64_t *e) {
         MakeS2(e);
         smmu_ste_set_S2DS(e, 1);
         smmu_ste_set_S2SL0_2(e, 1);
         smmu_ste_set_S2SL0(e, 0);
     },
     "S2SL0 4 with a 4KB granule: level -1 needs S2DS and a 52-bit OAS"},
    {"S2ENDIBigWithLittleEndianOnly", BANK_NS, [](smmu_config *c) { c->ttendian = 2; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2ENDI(e, 1); }, "S2ENDI 1 (big-endian)"},
    {"S2ENDILittleWithBigEndianOnly", BANK_NS, [](smmu_config *c) { c->ttendian = 3; },
     [](uint64_t *e) { MakeS2(e); }, "S2ENDI 0 (little-endian)"},
    {"S2VMIDUpperBitsWithoutVmid16", BANK_NS, [](smmu_config *c) { c->vmid16 = false; },
     [](uint64_t *e) { MakeS2(e); smmu_ste_set_S2VMID(e, 0x100); },
     "S2VMID 0x100 has bits [15:8] set but IDR0.VMID16 is 0"},
    {"S2VMIDUpperBitsOnNsStage1Only", BANK_NS, [](smmu_config *c) { c->vmid16 = false; },
     [](uint64_t *e) { S1Ste(e); smmu_ste_set_S2VMID(e, 0x8001); }, "S2VMID 0x8001"},
    {"SecureS_S2TGReserved", BANK_S, nullptr,
     [](uint64_t *e) { MakeSecureS2(e); smmu_ste_set_S_S2TG(e, 3); },
     "S_S2TG 3 selects a reserved granule"},
    {"SecureS_S2SL0Inconsistent", BANK_S, nullptr,
     [](uint64_t *e) { MakeSecureS2(e); smmu_ste_set_S_S2SL0(e, 0); },
     "S_S2SL0 0 (start level 2) inconsistent with S_S2T0SZ 24"},
    {"SecureS_S2T0SZAboveMax", BANK_S, nullptr,
     [](uint64_t *e) { MakeSecureS2(e); smmu_ste_set_S_S2T0SZ(e, 49); },
     "S_S2T0SZ 49 outside [16, 48]"},
    {"SecureS_S2TTBBeyondS2PS", BANK_S, nullptr,
     [](uint64_t *e) { MakeSecureS2(e, 1ULL << 44); smmu_ste_set_S2PS(e, 4); },
     "S_S2TTB 0x100000000000 is outside the effective S2PS (44 bits)"},
};

INSTANTIATE_TEST_SUITE_P(SteIllegal, IllegalSte, ::testing::ValuesIn(kIllegalSte), CaseName());

// ---------------------------------------------------------------------------------------------
// STE decoding
// ---------------------------------------------------------------------------------------------

// [5.2 Config] 0b000 and the reserved 0b001..0b011 abort silently, whatever else is set.
TEST_F(StrtabTest, Config0xxIsAbortWithoutFurtherChecks)
{
    Create();
    for (unsigned config = 0; config < 4; config++) {
        uint64_t ste[8];
        memset(ste, 0xff, sizeof(ste));
        smmu_ste_set_Config(ste, config);
        ASSERT_EQ(Decode(BANK_NS, ste), 0) << config;
        EXPECT_EQ(out.kind, STE_ABORT);
        EXPECT_FALSE(out.s1 || out.s2);
    }
}

struct StartLevelCase {
    unsigned tg;       // S2TG encoding
    unsigned t0sz;
    unsigned sl0;
    int level;
    uint64_t ttb_in, ttb_out;
};

class S2StartLevel : public StrtabTest, public ::testing::WithParamInterface<StartLevelCase> {};

// [5.2 S2SL0, S2TTB; Arm ARM D8.2] Start level from {S2SL0_2, S2SL0} and S2TG; S2TTB
// aligned to the (possibly concatenated) start table's size.
TEST_P(S2StartLevel, DecodesLevelIaBitsAndAlignedTtb)
{
    const StartLevelCase &c = GetParam();
    Create();
    uint64_t ste[8];
    MakeS2(ste);
    smmu_ste_set_S2TG(ste, c.tg);
    smmu_ste_set_S2T0SZ(ste, c.t0sz);
    smmu_ste_set_S2SL0(ste, c.sl0);
    smmu_ste_set_S2TTB(ste, c.ttb_in >> 4);
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_EQ(out.s2_walk.start_level, c.level);
    EXPECT_EQ(out.s2_walk.ia_bits, 64 - c.t0sz);
    EXPECT_EQ(out.s2_walk.ttb, c.ttb_out);
    EXPECT_EQ(out.s2_walk.stage, 2);
}

INSTANTIATE_TEST_SUITE_P(
    Stage2, S2StartLevel,
    ::testing::Values(
        // 4KB, 40-bit IPA at level 1: two concatenated tables (8 KB)
        StartLevelCase{0, 24, 1, 1, 0x80001ff0, 0x80000000},
        // 4KB, 48-bit at level 0: one 4 KB table
        StartLevelCase{0, 16, 2, 0, 0x80000ff0, 0x80000000},
        // 4KB, 30-bit at level 2: 9 bits, 4 KB
        StartLevelCase{0, 34, 0, 2, 0x80000ff0, 0x80000000},
        // 4KB, 34-bit at level 2 with 16 concatenated tables (64 KB)
        StartLevelCase{0, 30, 0, 2, 0x8000fff0, 0x80000000},
        // 4KB, 21-bit at level 3 with STT: 9 bits, 4 KB
        StartLevelCase{0, 43, 3, 3, 0x80000ff0, 0x80000000},
        // 16KB, 48-bit at level 1: two concatenated tables (32 KB)
        StartLevelCase{2, 16, 2, 1, 0x80007ff0, 0x80000000},
        // 16KB, 36-bit at level 2: 11 bits, 16 KB
        StartLevelCase{2, 28, 1, 2, 0x80003ff0, 0x80000000},
        // 64KB, 42-bit at level 2: 13 bits, 64 KB
        StartLevelCase{1, 22, 1, 2, 0x8000fff0, 0x80000000},
        // 64KB, 48-bit at level 1: 6 bits, 512 bytes
        StartLevelCase{1, 16, 2, 1, 0x800001f0, 0x80000000},
        // 64KB, 19-bit at level 3 with STT: 3 bits, 64 bytes
        StartLevelCase{1, 45, 0, 3, 0x80000070, 0x80000040}));

// [5.2 S2PS] eff_S2PS = MIN(S2PS, OAS); walk attributes, endianness, HTTU and AFFD decoded.
TEST_F(StrtabTest, Stage2WalkFieldsAreDecoded)
{
    Create();
    uint64_t ste[8];
    MakeS2(ste);
    smmu_ste_set_S2PS(ste, 6); // 52 > OAS 48
    smmu_ste_set_S2IR0(ste, 0);
    smmu_ste_set_S2OR0(ste, 0);
    smmu_ste_set_S2SH0(ste, 3);
    smmu_ste_set_S2ENDI(ste, 1);
    smmu_ste_set_S2HA(ste, 1);
    smmu_ste_set_S2HD(ste, 1);
    smmu_ste_set_S2AFFD(ste, 1);
    smmu_ste_set_S2PTW(ste, 1);
    smmu_ste_set_S2R(ste, 1);
    smmu_ste_set_S2FWB(ste, 1);
    smmu_ste_set_S2VMID(ste, 0x1234);
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_EQ(out.kind, STE_S2);
    EXPECT_TRUE(out.s2);
    EXPECT_FALSE(out.s1);
    EXPECT_EQ(out.s2_walk.oa_bits, 48);
    EXPECT_EQ(out.s2_walk.granule_shift, 12);
    EXPECT_EQ(out.s2_walk.fetch_attrs.mair, 0x44); // NC/NC
    EXPECT_EQ(out.s2_walk.fetch_attrs.sh, 2);      // taken as OSH
    EXPECT_TRUE(out.s2_walk.big_endian);
    EXPECT_TRUE(out.s2_walk.ha && out.s2_walk.hd && out.s2_walk.affd);
    EXPECT_TRUE(out.s2_ha && out.s2_hd && out.s2_affd && out.s2_ptw && out.s2_r && out.s2_fwb);
    EXPECT_FALSE(out.s2_s);
    EXPECT_EQ(out.s2_walk.walk_pas, SMMU_PAS_NS);
    EXPECT_FALSE(out.s2_walk.secure_tables);
    EXPECT_EQ(out.vmid, 0x1234);
    EXPECT_EQ(out.regime, REGIME_EL1);
}

// [5.2 S2HA] {S2HA, S2HD} = 01 behaves as 00; S2FWB needs IDR3.FWB; S2DS needs IDR5.DS.
TEST_F(StrtabTest, S2HDWithoutS2HAAndUnsupportedFieldsBehaveAsZero)
{
    cfg.fwb = false;
    cfg.arch_minor = 1; // FWB is mandatory from SMMUv3.2 [6.3.4]
    Create();
    uint64_t ste[8];
    MakeS2(ste);
    smmu_ste_set_S2HD(ste, 1);
    smmu_ste_set_S2FWB(ste, 1);
    smmu_ste_set_S2DS(ste, 1);
    smmu_ste_set_S2SL0_2(ste, 1); // RES0 without IDR5.DS: ignored
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_FALSE(out.s2_walk.hd);
    EXPECT_FALSE(out.s2_hd);
    EXPECT_FALSE(out.s2_fwb);
    EXPECT_FALSE(out.s2_walk.ds);
    EXPECT_EQ(out.s2_walk.start_level, 1);
}

// [5.2 S2DS, S2SL0_2] With IDR5.DS and a 52-bit OAS, S2DS enables a 52-bit IPA from level -1.
TEST_F(StrtabTest, S2DSAllowsLevelMinus1With52BitIpa)
{
    cfg.ds = true;
    cfg.vax = 1; // DS needs a 52-bit VA size [6.3.6]
    cfg.oas_bits = 52;
    Create();
    uint64_t ste[8];
    MakeS2(ste);
    smmu_ste_set_S2DS(ste, 1);
    smmu_ste_set_S2PS(ste, 6);
    smmu_ste_set_S2T0SZ(ste, 12);
    smmu_ste_set_S2SL0_2(ste, 1);
    smmu_ste_set_S2SL0(ste, 0);
    smmu_ste_set_S2TTB(ste, 0x80000070 >> 4);
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_EQ(out.s2_walk.start_level, -1);
    EXPECT_EQ(out.s2_walk.ia_bits, 52);
    EXPECT_EQ(out.s2_walk.oa_bits, 52);
    EXPECT_TRUE(out.s2_walk.ds);
    EXPECT_EQ(out.s2_walk.ttb, 0x80000000u); // 16 entries: 128 bytes
}

struct RegimeCase {
    const char *name;
    unsigned bank;
    unsigned config;
    unsigned strw;
    uint32_t ns_cr2, s_cr2;
    bool hyp;
    uint8_t regime;
};

class StreamWorld : public StrtabTest, public ::testing::WithParamInterface<RegimeCase> {};

// [5.2 STRW, 3.3.3, digest 3.3] The StreamWorld from STRW, the bank's CR2.E2H, Config and
// the security state.
TEST_P(StreamWorld, RegimeFollowsStrwE2hAndSecurity)
{
    const RegimeCase &c = GetParam();
    cfg.hyp = c.hyp;
    if (!c.hyp)
        cfg.arch_minor = 1; // Hyp is mandatory from SMMUv3.2 with both stages [6.3.1]
    Create();
    s->bank[BANK_NS].cr2 = c.ns_cr2;
    s->bank[BANK_S].cr2 = c.s_cr2;
    s->bank[BANK_R].cr2 = c.ns_cr2;
    uint64_t ste[8];
    ste_make_s1(ste, 0x90000000, 0, 0);
    if (c.config & 2) {
        ste_s2_params p = {0x80000000, 12, 40, 1, 48, 5};
        ste_set_s2(ste, &p);
        if (c.bank == BANK_S)
            ste_set_secure_s2(ste, &p);
    }
    smmu_ste_set_STRW(ste, c.strw);
    ASSERT_EQ(Decode(c.bank, ste), 0) << m->log;
    EXPECT_EQ(out.regime, c.regime);
}

INSTANTIATE_TEST_SUITE_P(
    Ste, StreamWorld,
    ::testing::Values(
        RegimeCase{"NsStrw00IsEl1", BANK_NS, 5, 0, 1, 0, true, REGIME_EL1},
        RegimeCase{"NsStrw10E2h0IsEl2", BANK_NS, 5, 2, 0, 1, true, REGIME_EL2},
        RegimeCase{"NsStrw10E2h1IsEl2E2h", BANK_NS, 5, 2, 1, 0, true, REGIME_EL2_E2H},
        RegimeCase{"NsStrwIgnoredWithoutHyp", BANK_NS, 5, 2, 1, 0, false, REGIME_EL1},
        RegimeCase{"NsStrwIgnoredWithStage2", BANK_NS, 7, 3, 1, 0, true, REGIME_EL1},
        RegimeCase{"SecureStrw00IsSecureEl1", BANK_S, 5, 0, 0, 1, true, REGIME_EL1},
        RegimeCase{"SecureStrw10UsesSecureE2h0", BANK_S, 5, 2, 1, 0, true, REGIME_EL2},
        RegimeCase{"SecureStrw10UsesSecureE2h1", BANK_S, 5, 2, 0, 1, true, REGIME_EL2_E2H},
        RegimeCase{"SecureStrw01IsEl3", BANK_S, 5, 1, 0, 0, true, REGIME_EL3},
        RegimeCase{"SecureStrwIgnoredWithStage2", BANK_S, 7, 3, 0, 0, true, REGIME_EL1},
        RegimeCase{"RealmStrw10IsEl2", BANK_R, 5, 2, 0, 0, true, REGIME_EL2},
        RegimeCase{"RealmStrw10E2h1IsEl2E2h", BANK_R, 5, 2, 1, 0, true, REGIME_EL2_E2H}),
    CaseName());

// [5.2.2 IgnoreSTES2VMID()] S2VMID is ignored (0, not checked against VMID16) for Secure
// stage-1-only and non-EL1 StreamWorlds, and used for Non-secure EL1 stage-1-only streams.
TEST_F(StrtabTest, S2VmidIgnoredOutsideEl1AndForSecureStage1Only)
{
    cfg.vmid16 = false;
    Create();
    uint64_t ste[8];
    ste_make_s1(ste, 0x90000000, 0, 0);
    smmu_ste_set_S2VMID(ste, 0x1ff);
    ASSERT_EQ(Decode(BANK_S, ste), 0) << m->log;
    EXPECT_EQ(out.vmid, 0);
    smmu_ste_set_STRW(ste, 2);
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_EQ(out.vmid, 0);
    smmu_ste_set_STRW(ste, 0);
    smmu_ste_set_S2VMID(ste, 0x42);
    ASSERT_EQ(Decode(BANK_NS, ste), 0);
    EXPECT_EQ(out.vmid, 0x42);
}

// [5.2 S1*] Stage-1 fields: context pointer, format, CDMax, DSS, CD fetch attributes;
// S1Fmt 0b11 behaves as 0b00 and S1DSS 0b11 as 0b00.
TEST_F(StrtabTest, Stage1FieldsAreDecoded)
{
    cfg.stall_model = SMMU_STALL_AND_TERMINATE;
    Create();
    uint64_t ste[8];
    ste_make_s1(ste, 0x12345640, 2, 12);
    smmu_ste_set_S1DSS(ste, 2);
    smmu_ste_set_S1STALLD(ste, 1);
    smmu_ste_set_S1CIR(ste, 2);
    smmu_ste_set_S1COR(ste, 2);
    smmu_ste_set_S1CSH(ste, 2);
    ASSERT_EQ(Decode(BANK_NS, ste), 0) << m->log;
    EXPECT_EQ(out.kind, STE_S1);
    EXPECT_EQ(out.s1_context_ptr, 0x12345640u);
    EXPECT_EQ(out.s1_fmt, 2);
    EXPECT_EQ(out.s1_cdmax, 12);
    EXPECT_EQ(out.s1_dss, 2);
    EXPECT_TRUE(out.s1_stalld);
    EXPECT_EQ(out.cd_fetch_attrs.mair, 0xaa);
    EXPECT_EQ(out.cd_fetch_attrs.sh, 2);
    smmu_ste_set_S1Fmt(ste, 3);
    smmu_ste_set_S1DSS(ste, 3);
    ASSERT_EQ(Decode(BANK_NS, ste), 0);
    EXPECT_EQ(out.s1_fmt, 0);
    EXPECT_EQ(out.s1_dss, 0);
}

// The attribute and permission overrides of an STE, as written or as decoded [5.2].
struct Overrides {
    unsigned mtcfg, memattr, alloccfg, shcfg, privcfg, instcfg, nscfg;

    bool operator==(const Overrides &o) const
    {
        return std::tie(mtcfg, memattr, alloccfg, shcfg, privcfg, instcfg, nscfg) ==
               std::tie(o.mtcfg, o.memattr, o.alloccfg, o.shcfg, o.privcfg, o.instcfg, o.nscfg);
    }
    friend std::ostream &operator<<(std::ostream &os, const Overrides &o)
    {
        return os << std::hex << "{MTCFG " << o.mtcfg << " MemAttr " << o.memattr << " ALLOCCFG "
                  << o.alloccfg << " SHCFG " << o.shcfg << " PRIVCFG " << o.privcfg
                  << " INSTCFG " << o.instcfg << " NSCFG " << o.nscfg << "}";
    }
};

// A bypass STE with overrides o.
void MakeBypassWith(uint64_t *ste, const Overrides &o)
{
    ste_make_bypass(ste);
    smmu_ste_set_MTCFG(ste, o.mtcfg);
    smmu_ste_set_MemAttr(ste, o.memattr);
    smmu_ste_set_ALLOCCFG(ste, o.alloccfg);
    smmu_ste_set_SHCFG(ste, o.shcfg);
    smmu_ste_set_PRIVCFG(ste, o.privcfg);
    smmu_ste_set_INSTCFG(ste, o.instcfg);
    smmu_ste_set_NSCFG(ste, o.nscfg);
}

Overrides DecodedOverrides(const ste_cfg &c)
{
    return {c.mtcfg, c.memattr, c.alloccfg, c.shcfg, c.privcfg, c.instcfg, c.nscfg};
}

// [5.2 MTCFG..INSTCFG, NSCFG; 13] Overrides are forced to "incoming" where IDR1.ATTR_*_OVR
// is 0, NSCFG is ignored for Non-secure STEs, reserved encodings normalised.
TEST_F(StrtabTest, OverridesForcedToIncomingWithoutOverrideSupport)
{
    cfg.attr_types_ovr = false;
    cfg.attr_perms_ovr = false;
    Create();
    uint64_t ste[8];
    MakeBypassWith(ste, {1, 0xf, 0xe, 3, 3, 2, 3});
    ASSERT_EQ(Decode(BANK_S, ste), 0);
    EXPECT_EQ(DecodedOverrides(out), (Overrides{0, 0, 0, 1, 0, 0, 0}));
}

TEST_F(StrtabTest, OverridesKeptWithOverrideSupport)
{
    Create();
    uint64_t ste[8];
    // MemAttr 0x8 is reserved: behaves as Device-nGnRnE; PRIVCFG 1 is reserved: incoming
    MakeBypassWith(ste, {1, 0x8, 0xe, 2, 1, 3, 3});
    smmu_ste_set_EATS(ste, 1);
    ASSERT_EQ(Decode(BANK_S, ste), 0);
    EXPECT_EQ(DecodedOverrides(out), (Overrides{1, 0, 0xe, 2, 0, 3, 3}));
    EXPECT_EQ(out.eats, 0); // bypass: EATS behaves as 0b00
    ASSERT_EQ(Decode(BANK_NS, ste), 0);
    EXPECT_EQ(out.nscfg, 0); // IGNORED in a Non-secure STE
}

// [5.2 S2NSW, S2SW, S_S2*; 3.10.2.2] A Secure STE with stage 2 and S_IDR1.SEL2: the
// Non-secure IPA table walks in S2NSW's space, the Secure IPA table (S_S2TTB) in S2SW's.
TEST_F(StrtabTest, SecureSteWithStage2DecodesBothIpaSpaces)
{
    Create();
    uint64_t ste[8];
    MakeS2(ste, 0x80000000);
    ste_s2_params p = {0x40010000, 16, 42, 2, 48, 0};
    ste_set_secure_s2(ste, &p);
    smmu_ste_set_S2NSW(ste, 1);
    smmu_ste_set_S2NSA(ste, 1);
    smmu_ste_set_S2SW(ste, 0);
    smmu_ste_set_S2SA(ste, 1);
    ASSERT_EQ(Decode(BANK_S, ste), 0) << m->log;
    EXPECT_EQ(out.s2_walk.walk_pas, SMMU_PAS_NS);
    EXPECT_EQ(out.s2_walk.ttb, 0x80000000u);
    EXPECT_EQ(out.s_s2_walk.walk_pas, SMMU_PAS_SECURE);
    EXPECT_EQ(out.s_s2_walk.ttb, 0x40010000u);
    EXPECT_EQ(out.s_s2_walk.granule_shift, 16);
    EXPECT_EQ(out.s_s2_walk.ia_bits, 42);
    EXPECT_EQ(out.s_s2_walk.start_level, 2);
    EXPECT_EQ(out.s_s2_walk.stage, 2);
    EXPECT_TRUE(out.s2nsw && out.s2nsa && !out.s2sw && out.s2sa);
    EXPECT_EQ(out.vmid, 1);
}

// [5.2 Config] Without S_IDR1.SEL2 a Secure STE may not enable stage 2; with a Non-secure
// STE the same bytes are valid and the Secure-only fields are RES0 (ignored).
TEST_F(StrtabTest, SecureSteWithStage2WithoutSel2IsIllegalButNsSteIsNot)
{
    cfg.sel2 = false;
    Create();
    uint64_t ste[8];
    MakeS2(ste);
    smmu_ste_set_S2NSW(ste, 1);
    EXPECT_EQ(DecodeFault(BANK_S, ste), SMMU_EVT_C_BAD_STE);
    ASSERT_EQ(Decode(BANK_NS, ste), 0);
    EXPECT_FALSE(out.s2nsw);
    EXPECT_EQ(out.s2_walk.walk_pas, SMMU_PAS_NS);
}

// [5.2.2 EATS] Without ATS support EATS is not checked.
TEST_F(StrtabTest, EatsNotCheckedWithoutAts)
{
    Create();
    uint64_t ste[8];
    ste_make_s1(ste, 0x90000000, 0, 0);
    smmu_ste_set_EATS(ste, 2);
    EXPECT_EQ(Decode(BANK_NS, ste), 0);
}

// ---------------------------------------------------------------------------------------------
// Robustness: random bytes never crash and decode or give C_BAD_STE.
// ---------------------------------------------------------------------------------------------

TEST_F(StrtabTest, RandomStesDecodeOrAreCBadSte)
{
    cfg.ds = true;
    cfg.vax = 1; // DS needs a 52-bit VA size [6.3.6]
    cfg.oas_bits = 52;
    Create();
    uint64_t seed = 1;
    unsigned ok = 0;
    for (unsigned i = 0; i < 20000; i++) {
        uint64_t ste[8];
        for (auto &w : ste)
            w = fake_mem_rand(&seed);
        if (i & 1) { // bias towards plausible stage-2 geometry
            ste[0] |= 1;
            smmu_ste_set_S2AA64(ste, 1);
            smmu_ste_set_S2T0SZ(ste, 16 + fake_mem_rand(&seed) % 33);
        }
        const unsigned bank = (unsigned)(fake_mem_rand(&seed) % BANK_COUNT);
        int rc = Decode(bank, ste);
        if (rc != 0) {
            ASSERT_EQ(rc, -1);
            ASSERT_EQ(ev.type, SMMU_EVT_C_BAD_STE);
            continue;
        }
        ok++;
        if (out.s2) {
            const walk_cfg &w = out.s2_walk;
            ASSERT_TRUE(walk_cfg_in_range(w));
            ASSERT_EQ(w.ttb & 0xf, 0u);
        }
    }
    EXPECT_GT(ok, 0u);
}

// Random stream table registers and memory: the walk ends in one of its architected results.
TEST_F(StrtabTest, RandomStreamTablesNeverCrash)
{
    Create();
    uint64_t seed = 7;
    for (unsigned i = 0; i < 2000; i++) {
        fake_mem_clear(m);
        const uint64_t base = fake_mem_rand(&seed) & ((1ULL << 48) - 1) & ~0x3fULL;
        s->bank[BANK_NS].strtab_base = base | (fake_mem_rand(&seed) & (1ULL << 62));
        s->bank[BANK_NS].strtab_base_cfg = (uint32_t)fake_mem_rand(&seed);
        fake_mem_scribble(m, base & ~0xfffULL, SMMU_PAS_NS, 64, &seed);
        const uint32_t sid = (uint32_t)fake_mem_rand(&seed) & 0xffff;
        int rc = Lookup(BANK_NS, sid);
        if (rc == 0)
            continue;
        ASSERT_EQ(rc, -1);
        ASSERT_TRUE(ev.type == SMMU_EVT_C_BAD_STREAMID || ev.type == SMMU_EVT_F_STE_FETCH ||
                    ev.type == SMMU_EVT_C_BAD_STE)
            << unsigned(ev.type);
        ASSERT_LE(fetches, 2u);
    }
}

} // namespace
