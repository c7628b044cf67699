// Tests of the public API surface: creation, configuration checks, status codes, statistics.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>
#include <string>

#include "fake_mem.h"
#include "smmuv3/arch.h"
#include "smmuv3/smmuv3.h"

namespace {

struct Instance {
    fake_mem *mem = fake_mem_create();
    smmu_env env = fake_mem_env(mem);
    smmu_t *smmu = nullptr;
    ~Instance()
    {
        smmu_destroy(smmu);
        fake_mem_destroy(mem);
    }
    smmu_status create(const smmu_config &cfg) { return smmu_create(&cfg, &env, &smmu); }
};

smmu_config default_config()
{
    smmu_config cfg;
    EXPECT_EQ(smmu_config_init(&cfg), SMMU_OK);
    return cfg;
}

} // namespace

TEST(Api, CreateWithDefaultConfigSucceeds)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    ASSERT_NE(i.smmu, nullptr);
    EXPECT_EQ(smmu_get_config(i.smmu)->oas_bits, 48u);
}

TEST(Api, NullArgumentsAreInvalid)
{
    smmu_config cfg = default_config();
    Instance i;
    smmu_t *out = reinterpret_cast<smmu_t *>(0x1);
    EXPECT_EQ(smmu_config_init(nullptr), SMMU_E_INVAL);
    EXPECT_EQ(smmu_create(nullptr, &i.env, &out), SMMU_E_INVAL);
    EXPECT_EQ(smmu_create(&cfg, nullptr, &out), SMMU_E_INVAL);
    EXPECT_EQ(smmu_create(&cfg, &i.env, nullptr), SMMU_E_INVAL);
    uint64_t v;
    EXPECT_EQ(smmu_reg_read(nullptr, 0, 4, SMMU_PAS_NS, &v), SMMU_E_INVAL);
    EXPECT_EQ(smmu_reg_write(nullptr, 0, 4, SMMU_PAS_NS, 0), SMMU_E_INVAL);
    EXPECT_EQ(smmu_reset(nullptr), SMMU_E_INVAL);
    EXPECT_EQ(smmu_get_config(nullptr), nullptr);
    smmu_stats st;
    EXPECT_EQ(smmu_get_stats(nullptr, &st), SMMU_E_INVAL);
    EXPECT_EQ(smmu_clear_stats(nullptr), SMMU_E_INVAL);
    smmu_destroy(nullptr); // allowed
}

TEST(Api, MissingRequiredCallbackIsInvalidAndLogged)
{
    Instance i;
    i.env.mem_write = nullptr;
    EXPECT_EQ(i.create(default_config()), SMMU_E_INVAL);
    EXPECT_EQ(i.smmu, nullptr);
    EXPECT_TRUE(fake_mem_log_contains(i.mem, "mem_read and mem_write are required"));
}

TEST(Api, OutOfRangeConfigValuesAreRejectedWithTheFieldNamed)
{
    struct Case {
        const char *name;
        void (*mutate)(smmu_config &);
        const char *message;
    } cases[] = {
        {"oas", [](smmu_config &c) { c.oas_bits = 50; }, "oas_bits 50"},
        {"ssid", [](smmu_config &c) { c.ssid_bits = 21; }, "ssid_bits 21"},
        {"sid", [](smmu_config &c) { c.sid_bits = 33; }, "sid_bits 33"},
        {"queue", [](smmu_config &c) { c.cmdq_log2max = 20; }, "cmdq_log2max 20: must be 0..19"},
        {"arch", [](smmu_config &c) { c.arch_minor = 4; }, "arch_minor 4"},
        {"httu", [](smmu_config &c) { c.httu = 3; }, "httu 3"},
        {"stages", [](smmu_config &c) { c.stage1 = c.stage2 = false; }, "stage1 and stage2"},
        {"granules", [](smmu_config &c) { c.gran4k = c.gran16k = c.gran64k = false; },
         "no translation granule"},
        {"ttendian", [](smmu_config &c) { c.ttendian = 1; }, "ttendian 1"},
        {"linear", [](smmu_config &c) { c.st_2level = false; }, "needs 2-level"},
        {"sel2", [](smmu_config &c) { c.secure_impl = false; }, "sel2 needs secure_impl"},
        {"ways", [](smmu_config &c) { c.tlb_ways = 3; }, "tlb_ways 3"},
        {"52", [](smmu_config &c) { c.oas_bits = 52; c.arch_minor = 0; }, "52-bit OAS"},
    };
    for (const Case &k : cases) {
        SCOPED_TRACE(k.name);
        smmu_config cfg = default_config();
        k.mutate(cfg);
        Instance i;
        EXPECT_EQ(i.create(cfg), SMMU_E_INVAL);
        EXPECT_EQ(i.smmu, nullptr);
        EXPECT_TRUE(fake_mem_log_contains(i.mem, k.message)) << i.mem->log;
    }
}

// A caller compiled against an older, smaller smmu_config gets the defaults for the fields
// it does not know: struct_size is what makes the struct growable.
TEST(Api, OlderSmallerConfigStructGetsDefaultsForNewFields)
{
    smmu_config cfg = default_config();
    cfg.cfg_entries = 12345; // beyond the size claimed below: must be ignored
    cfg.cfg_ways = 5;
    cfg.struct_size = offsetof(smmu_config, cfg_entries);
    Instance i;
    ASSERT_EQ(i.create(cfg), SMMU_OK);
    EXPECT_EQ(smmu_get_config(i.smmu)->cfg_entries, 1024u);
    EXPECT_EQ(smmu_get_config(i.smmu)->struct_size, sizeof(smmu_config));
}

TEST(Api, StatusAndEventNamesAreReadable)
{
    EXPECT_STREQ(smmu_strerror(SMMU_OK), "success");
    EXPECT_STREQ(smmu_strerror(SMMU_E_SIZE), "register access size not 4 or 8 bytes");
    EXPECT_STREQ(smmu_strerror(static_cast<smmu_status>(-99)), "unknown status");
    EXPECT_STREQ(smmu_event_name(SMMU_EVT_F_TRANSLATION), "F_TRANSLATION");
    EXPECT_STREQ(smmu_event_name(SMMU_EVT_C_BAD_STE), "C_BAD_STE");
    EXPECT_STREQ(smmu_event_name(0xE3), "IMPDEF_EVENT");
    EXPECT_STREQ(smmu_event_name(0x30), "UNKNOWN");
    EXPECT_STREQ(smmu_command_name(0x12), "CMD_TLBI_NH_VA");
    EXPECT_STREQ(smmu_command_name(0x46), "CMD_SYNC");
}

// smmu_set_trace() installs the trace callback after creation: a consumed command is traced
// with its two words [IHI 0070 4.1].
TEST(Api, SetTraceInstallsTheCallbackAfterCreation)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    static unsigned commands;
    static uint64_t word0;
    commands = 0;
    ASSERT_EQ(smmu_set_trace(i.smmu, [](void *, const smmu_trace *t) {
                  if (t->kind == SMMU_TRACE_COMMAND) {
                      commands++;
                      word0 = t->words[0];
                  }
              }),
              SMMU_OK);
    fake_mem_wr64(i.mem, 0x20000, SMMU_PAS_NS, 0x46); // CMD_SYNC, CS=SIG_NONE
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x90, 8, SMMU_PAS_NS, 0x20000 | 4), SMMU_OK); // CMDQ_BASE
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x20, 4, SMMU_PAS_NS, 1u << 3), SMMU_OK);     // CMDQEN
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x98, 4, SMMU_PAS_NS, 1), SMMU_OK);           // PROD
    EXPECT_EQ(commands, 1u);
    EXPECT_EQ(word0, 0x46u);
    EXPECT_EQ(smmu_set_trace(nullptr, nullptr), SMMU_E_INVAL);
}

// A command that raises a command error is traced with that outcome, not as consumed (CONS
// stays on it [4.1.3]); a consumed one has outcome 0; an aborted read carries no words.
TEST(Api, CommandTraceRecordsCarryTheOutcome)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    static std::vector<std::pair<uint64_t, unsigned>> seen; // word 0 (or ~0: none), outcome
    seen.clear();
    ASSERT_EQ(smmu_set_trace(i.smmu, [](void *, const smmu_trace *t) {
                  if (t->kind == SMMU_TRACE_COMMAND)
                      seen.emplace_back(t->nwords ? t->words[0] : ~0ull, t->outcome);
              }),
              SMMU_OK);
    fake_mem_wr64(i.mem, 0x20000, SMMU_PAS_NS, 0x46); // CMD_SYNC
    fake_mem_wr64(i.mem, 0x20010, SMMU_PAS_NS, 0xFF); // a reserved opcode: CERROR_ILL
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x90, 8, SMMU_PAS_NS, 0x20000 | 4), SMMU_OK); // CMDQ_BASE
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x20, 4, SMMU_PAS_NS, 1u << 3), SMMU_OK);     // CMDQEN
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x98, 4, SMMU_PAS_NS, 2), SMMU_OK);           // PROD
    ASSERT_EQ(2u, seen.size());
    EXPECT_EQ(std::make_pair(uint64_t{0x46}, unsigned{SMMU_CERROR_NONE}), seen[0]);
    EXPECT_EQ(std::make_pair(uint64_t{0xFF}, unsigned{SMMU_CERROR_ILL}), seen[1]);
    uint64_t cons = 0;
    ASSERT_EQ(smmu_reg_read(i.smmu, 0x9C, 4, SMMU_PAS_NS, &cons), SMMU_OK);
    EXPECT_EQ(1u | unsigned{SMMU_CERROR_ILL} << 24, cons); // CONS stays on it, ERR = ILL
}

TEST(Api, TranslateRejectsBadArgumentsWithAnAbortOutcome)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    smmu_txn t{};
    smmu_result r;
    std::memset(&r, 0xff, sizeof(r));
    t.sec = static_cast<smmu_sec_sid>(3);
    EXPECT_EQ(smmu_translate(i.smmu, &t, &r), SMMU_E_INVAL);
    EXPECT_EQ(r.outcome, SMMU_XLATE_ABORT);
    t.sec = SMMU_SEC_NS;
    t.access = static_cast<smmu_access>(2);
    EXPECT_EQ(smmu_translate(i.smmu, &t, &r), SMMU_E_INVAL);
    EXPECT_EQ(smmu_translate(i.smmu, nullptr, &r), SMMU_E_INVAL);
    EXPECT_EQ(smmu_translate(i.smmu, &t, nullptr), SMMU_E_INVAL);
}

// Two instances share nothing: programming one leaves the other at its reset values.
TEST(Api, TwoInstancesShareNoState)
{
    Instance a, b;
    ASSERT_EQ(a.create(default_config()), SMMU_OK);
    ASSERT_EQ(b.create(default_config()), SMMU_OK);
    ASSERT_EQ(smmu_reg_write(a.smmu, 0x80, 8, SMMU_PAS_NS, 0x123440), SMMU_OK); // STRTAB_BASE
    uint64_t va = 0, vb = 0;
    ASSERT_EQ(smmu_reg_read(a.smmu, 0x80, 8, SMMU_PAS_NS, &va), SMMU_OK);
    ASSERT_EQ(smmu_reg_read(b.smmu, 0x80, 8, SMMU_PAS_NS, &vb), SMMU_OK);
    EXPECT_EQ(va, 0x123440u);
    EXPECT_EQ(vb, 0u);
}

TEST(Api, ResetRestoresRegisterResetValues)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    ASSERT_EQ(smmu_reg_write(i.smmu, 0x80, 8, SMMU_PAS_NS, 0x123440), SMMU_OK);
    ASSERT_EQ(smmu_reset(i.smmu), SMMU_OK);
    uint64_t v = 1;
    ASSERT_EQ(smmu_reg_read(i.smmu, 0x80, 8, SMMU_PAS_NS, &v), SMMU_OK);
    EXPECT_EQ(v, 0u);
}

TEST(Api, StatisticsCountAndClear)
{
    Instance i;
    ASSERT_EQ(i.create(default_config()), SMMU_OK);
    smmu_txn t{};
    t.size = 4;
    smmu_result r;
    for (int n = 0; n < 3; n++)
        ASSERT_EQ(smmu_translate(i.smmu, &t, &r), SMMU_OK);
    smmu_stats st;
    ASSERT_EQ(smmu_get_stats(i.smmu, &st), SMMU_OK);
    EXPECT_EQ(st.translations, 3u);
    ASSERT_EQ(smmu_clear_stats(i.smmu), SMMU_OK);
    ASSERT_EQ(smmu_get_stats(i.smmu, &st), SMMU_OK);
    EXPECT_EQ(st.translations, 0u);
}
