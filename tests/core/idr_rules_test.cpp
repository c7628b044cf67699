// The ID register rules of the architecture version and of the implemented features [IHI 0070
// 6.3.1-6.3.6, 6.3.53-6.3.55], through the public API: a field the rules make RES0 reads 0
// whatever the configuration asked (smmu_create normalises and says so), and a configuration
// without a mandatory field is refused with a message naming the field and the rule.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "fake_mem.h"
#include "regs_layout.h"
}

namespace {

struct RuleCase {
    const char *name;
    void (*tweak)(smmu_config *);
    // either: the register (offset from the SMMU base; 0x8000 and up: the Secure bank, read
    // from Secure PA space), the field and the value it reads
    uint64_t reg;
    uint64_t mask;
    uint64_t value;
    // or: smmu_create refuses, logging this
    const char *refused;
};

constexpr uint64_t S = SMMU_S_BANK_OFFSET;

const RuleCase kRules[] = {
    // ---- RES0 rules: the field reads 0 ----
    {"HypIsRes0WithoutStage1",
     [](smmu_config *c) { c->stage1 = c->secure_impl = c->sel2 = false; }, SMMU_IDR0, SMMU_IDR0_HYP,
     0, nullptr},
    {"HypIsRes0WithoutStage2", [](smmu_config *c) { c->stage2 = false; }, SMMU_IDR0, SMMU_IDR0_HYP, 0,
     nullptr},
    {"HypIsOneWithBothStages", [](smmu_config *) {}, SMMU_IDR0, SMMU_IDR0_HYP, 1, nullptr},
    {"VmwIsRes0WithoutStage2", [](smmu_config *c) { c->stage2 = false; }, SMMU_IDR0, SMMU_IDR0_VMW, 0,
     nullptr},
    {"PriIsRes0WithoutAts", [](smmu_config *c) { c->pri = true; c->priq_log2max = 4; }, SMMU_IDR0,
     SMMU_IDR0_PRI, 0, nullptr},
    {"PriWithAts", [](smmu_config *c) { c->ats = c->pri = true; c->priq_log2max = 4; },
     SMMU_IDR0, SMMU_IDR0_PRI, 1, nullptr},
    {"PpsIsRes0WithoutPri", [](smmu_config *c) { c->ats = c->pps = true; }, SMMU_IDR3,
     SMMU_IDR3_PPS, 0, nullptr},
    {"PpsIsRes0WithoutSubstreams",
     [](smmu_config *c) { c->ats = c->pri = c->pps = true; c->priq_log2max = 4; c->ssid_bits = 0; },
     SMMU_IDR3, SMMU_IDR3_PPS, 0, nullptr},
    {"PpsWithPriAndSubstreams",
     [](smmu_config *c) { c->ats = c->pri = c->pps = true; c->priq_log2max = 4; }, SMMU_IDR3,
     SMMU_IDR3_PPS, 1, nullptr},
    {"HadIsZeroWithoutStage1",
     [](smmu_config *c) { c->stage1 = c->secure_impl = c->sel2 = false; }, SMMU_IDR3, SMMU_IDR3_HAD,
     0, nullptr},
    {"PbhaIsRes0InV30", [](smmu_config *c) { c->arch_minor = 0; c->pbha = true; }, SMMU_IDR3,
     SMMU_IDR3_PBHA, 0, nullptr},
    {"PbhaNeedsHad",
     [](smmu_config *c) {
         c->arch_minor = 1;
         c->stage1 = c->secure_impl = c->sel2 = false; // HAD is 0 without stage 1
         c->pbha = true;
     },
     0, 0, 0, "had must be set: IDR3.PBHA: \"If this field is one SMMU_IDR3.HAD must be one\""},
    {"PbhaInV31WithHad", [](smmu_config *c) { c->arch_minor = 1; c->pbha = true; }, SMMU_IDR3,
     SMMU_IDR3_PBHA, 1, nullptr},
    {"XnxIsRes0InV30", [](smmu_config *c) { c->arch_minor = 0; }, SMMU_IDR3, SMMU_IDR3_XNX, 0,
     nullptr},
    {"XnxInV31", [](smmu_config *c) { c->arch_minor = 1; }, SMMU_IDR3, SMMU_IDR3_XNX, 1, nullptr},
    {"VaxIsRes0InV30", [](smmu_config *c) { c->arch_minor = 0; c->vax = 1; }, SMMU_IDR5,
     SMMU_IDR5_VAX, 0, nullptr},
    {"VaxInV31", [](smmu_config *c) { c->arch_minor = 1; c->vax = 1; }, SMMU_IDR5, SMMU_IDR5_VAX, 1,
     nullptr},
    {"DsIsRes0Without4kAnd16k",
     [](smmu_config *c) { c->gran4k = c->gran16k = false; c->ds = true; c->vax = 1; }, SMMU_IDR5,
     SMMU_IDR5_DS, 0, nullptr},
    {"StallMaxIsRes0WhenTerminateOnly", [](smmu_config *c) { c->stall_max = 0x55; }, SMMU_IDR5,
     SMMU_IDR5_STALL_MAX, 0, nullptr},
    {"StallMaxWithStalls",
     [](smmu_config *c) { c->stall_model = SMMU_STALL_AND_TERMINATE; c->stall_max = 0x55; },
     SMMU_IDR5, SMMU_IDR5_STALL_MAX, 0x55, nullptr},
    {"Sel2IsZeroWithoutStage2", [](smmu_config *c) { c->stage2 = false; }, S + SMMU_IDR1,
     SMMU_S_IDR1_SEL2, 0, nullptr},
    {"SamsIsRes0WithoutAts", [](smmu_config *c) { c->sams = true; }, S + SMMU_IDR3, SMMU_S_IDR3_SAMS,
     0, nullptr},
    {"SamsWithAts", [](smmu_config *c) { c->ats = c->sams = true; }, S + SMMU_IDR3, SMMU_S_IDR3_SAMS,
     1, nullptr},

    // ---- mandatory fields: refused without them, accepted in the versions before ----
    {"HypIsMandatoryFromV32WithBothStages", [](smmu_config *c) { c->hyp = false; }, 0, 0, 0,
     "hyp must be set in SMMUv3.3: IDR0.Hyp == 1 is mandatory in SMMUv3.2"},
    {"HypIsOptionalInV31",
     [](smmu_config *c) { c->hyp = false; c->arch_minor = 1; }, SMMU_IDR0, SMMU_IDR0_HYP, 0, nullptr},
    {"HadIsMandatoryFromV31WithStage1", [](smmu_config *c) { c->arch_minor = 1; c->had = false; },
     0, 0, 0, "had must be set in SMMUv3.1: IDR3.HAD is mandatory"},
    {"HadIsOptionalInV30", [](smmu_config *c) { c->arch_minor = 0; c->had = false; }, SMMU_IDR3,
     SMMU_IDR3_HAD, 0, nullptr},
    {"XnxIsMandatoryFromV31WithStage2", [](smmu_config *c) { c->arch_minor = 1; c->xnx = false; },
     0, 0, 0, "xnx must be set in SMMUv3.1: IDR3.XNX is mandatory"},
    {"XnxIsOptionalWithoutStage2",
     [](smmu_config *c) { c->stage2 = false; c->xnx = false; }, SMMU_IDR3, SMMU_IDR3_XNX, 0, nullptr},
    {"RilIsMandatoryFromV32", [](smmu_config *c) { c->arch_minor = 2; c->ril = false; }, 0, 0, 0,
     "ril must be set in SMMUv3.2: IDR3.RIL is 1 in SMMUv3.2 or later"},
    {"RilIsOptionalInV31", [](smmu_config *c) { c->arch_minor = 1; c->ril = false; }, SMMU_IDR3,
     SMMU_IDR3_RIL, 0, nullptr},
    {"FwbIsMandatoryFromV32", [](smmu_config *c) { c->fwb = false; }, 0, 0, 0,
     "fwb must be set in SMMUv3.3: IDR3.FWB is 1 in SMMUv3.2 or later"},
    {"BbmlIsNonZeroFromV32", [](smmu_config *c) { c->bbml = 0; }, 0, 0, 0,
     "bbml must be set in SMMUv3.3: IDR3.BBML is 0b01 or 0b10 in SMMUv3.2 or later"},
    {"BbmlMayBeZeroInV31", [](smmu_config *c) { c->arch_minor = 1; c->bbml = 0; }, SMMU_IDR3,
     SMMU_IDR3_BBML, 0, nullptr},
    {"E0pdIsMandatoryFromV33", [](smmu_config *c) { c->e0pd = false; }, 0, 0, 0,
     "e0pd must be set in SMMUv3.3: IDR3.E0PD is 1 in SMMUv3.3 and later"},
    {"E0pdIsOptionalInV32", [](smmu_config *c) { c->arch_minor = 2; c->e0pd = false; },
     SMMU_IDR3, SMMU_IDR3_E0PD, 0, nullptr},
    {"SttIsRequiredWithSel2", [](smmu_config *c) { c->stt = false; }, 0, 0, 0,
     "stt must be set: IDR3.STT is 1 where S_IDR1.SEL2 == 1"},
    {"SecureImplNeedsStage1", [](smmu_config *c) { c->stage1 = false; }, 0, 0, 0,
     "stage1 must be set: with S_IDR1.SECURE_IMPL == 1 \"stage 1 must be supported\""},
    {"SecureRmeNeedsSel2",
     [](smmu_config *c) { c->rme_impl = true; c->sel2 = false; }, 0, 0, 0,
     "sel2 must be set: S_IDR1.SEL2 is 1 when SECURE_IMPL == 1 and IDR0.RME_IMPL == 1"},
    {"DsNeedsVax", [](smmu_config *c) { c->ds = true; }, 0, 0, 0,
     "vax must be set: IDR5.DS == 1 needs a 52-bit VA size"},
    {"VaxNeedsGran64kOrDs", [](smmu_config *c) { c->vax = 1; c->gran64k = false; }, 0, 0, 0,
     "vax 1 needs gran64k, or ds with gran4k or gran16k"},
    {"Oas52NeedsGran64kOrDs", [](smmu_config *c) { c->oas_bits = 52; c->gran64k = false; }, 0, 0,
     0, "oas_bits 52 needs gran64k or ds"},
};

class IdrRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(IdrRule, FieldReadsAsTheRuleSaysOrTheConfigurationIsRefused)
{
    const RuleCase &rc = GetParam();
    fake_mem *m = fake_mem_create();
    smmu_config cfg;
    smmu_config_init(&cfg);
    rc.tweak(&cfg);
    smmu_env env = fake_mem_env(m);
    smmu_t *s = nullptr;
    smmu_status st = smmu_create(&cfg, &env, &s);
    if (rc.refused) {
        EXPECT_EQ(SMMU_E_INVAL, st);
        EXPECT_TRUE(fake_mem_log_contains(m, rc.refused)) << m->log;
    } else {
        ASSERT_EQ(SMMU_OK, st) << m->log;
        uint64_t v = 0;
        smmu_pa_space pas = rc.reg >= S ? SMMU_PAS_SECURE : SMMU_PAS_NS;
        ASSERT_EQ(SMMU_OK, smmu_reg_read(s, rc.reg, 4, pas, &v));
        EXPECT_EQ(rc.value, (v & rc.mask) >> __builtin_ctzll(rc.mask));
        // A cleared field is also what smmu_get_config reports, and smmu_create said so
        if (rc.value == 0 && std::string(rc.name).find("Res0") != std::string::npos) {
            EXPECT_TRUE(fake_mem_log_contains(m, "ID register rules cleared")) << m->log;
        }
    }
    smmu_destroy(s);
    fake_mem_destroy(m);
}

INSTANTIATE_TEST_SUITE_P(IdRegisters, IdrRule, ::testing::ValuesIn(kRules),
                         [](const ::testing::TestParamInfo<RuleCase> &i) {
                             return std::string(i.param.name);
                         });

// [6.3.1, 4.4] Found by the Linux driver: with stage 1 absent the default configuration
// reported Hyp = 1 (IDR0 0x90e7299), the driver sent CMD_TLBI_EL2_ALL and the SMMU rejected
// it. IDR0 now reads Hyp = 0, S1P = 0, and the configuration says what was cleared.
TEST(IdRegisters, StageOneAbsentReportsNoHypAndTheNormalisedConfiguration)
{
    fake_mem *m = fake_mem_create();
    smmu_config cfg;
    smmu_config_init(&cfg);
    cfg.stage1 = cfg.secure_impl = cfg.sel2 = false;
    smmu_env env = fake_mem_env(m);
    smmu_t *s = nullptr;
    ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &s)) << m->log;
    uint64_t idr0 = 0;
    ASSERT_EQ(SMMU_OK, smmu_reg_read(s, SMMU_IDR0, 4, SMMU_PAS_NS, &idr0));
    EXPECT_EQ(0x90e7099u, idr0); // 0x90e7299 without Hyp (bit 9)
    EXPECT_FALSE(smmu_get_config(s)->hyp);
    EXPECT_FALSE(smmu_get_config(s)->had);
    EXPECT_TRUE(fake_mem_log_contains(m, "hyp = 0: IDR0.Hyp is RES0 when S1P == 0 or S2P == 0"));
    smmu_destroy(s);
    fake_mem_destroy(m);
}

} // namespace
