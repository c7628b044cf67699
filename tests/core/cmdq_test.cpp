// SPDX-License-Identifier: Apache-2.0
// The command queue: consumption, every opcode's legality, CERROR, CMD_SYNC completion and
// the invalidation scope of each command [IHI 0070 3.5, 4, 7.1].
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "driver.h"
#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

extern "C" {
#include "smmuv3/arch.h"
#include "cmdq.h"
#include "config.h"
}

namespace {

constexpr uint64_t kNsCmdq = 0x100000, kNsEvtq = 0x200000;
constexpr uint64_t kSCmdq = 0x300000, kSEvtq = 0x400000;
constexpr unsigned kLog2 = 4; // 16 entries

class Cmdq : public ::testing::Test {
protected:
    smmu_config cfg{};
    fake_mem *m = nullptr;
    smmu_env env{};
    smmu_t *s = nullptr;
    uint64_t expected_findings = 0; // checker mode of the suite (xlate_fixture.h)
    smmu_driver ns{}, sec{};

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
        ASSERT_EQ(smmu_create(&cfg, &env, &s), SMMU_OK) << m->log;
        fake_mem_check_attach(m, s);
        drv_init(&ns, s, m, SMMU_SEC_NS);
        drv_setup_cmdq(&ns, kNsCmdq, kLog2);
        drv_setup_evtq(&ns, kNsEvtq, kLog2);
        ASSERT_EQ(drv_enable_queues(&ns), 0);
        if (cfg.secure_impl) {
            drv_init(&sec, s, m, SMMU_SEC_SECURE);
            drv_setup_cmdq(&sec, kSCmdq, kLog2);
            drv_setup_evtq(&sec, kSEvtq, kLog2);
            ASSERT_EQ(drv_enable_queues(&sec), 0);
        }
    }
    // Submit one command; return CMDQ_CONS.ERR if it stopped the queue (0 if consumed).
    unsigned run(smmu_driver &d, const uint64_t c[2])
    {
        EXPECT_EQ(drv_submit(&d, c), 0);
        return drv_cmdq_error(&d);
    }
    uint64_t stat_commands()
    {
        smmu_stats st;
        smmu_get_stats(s, &st);
        return st.commands;
    }
    unsigned decode(unsigned bank, const uint64_t c[2], cmdq_action *a)
    {
        return cmdq_decode(s, bank, c, 0, a);
    }
};

using Builder = void (*)(uint64_t *);

struct OpCase {
    const char *name;
    Builder build;
};

void b_prefetch(uint64_t *c) { cmd_prefetch_config(c, 3, true, 7, false); }
void b_prefetch_addr(uint64_t *c)
{
    cmd_clear(c, 0x02);
    smmu_cmd_set_StreamID(c, 3);
    smmu_cmd_set_Addr(c, 0x1234);
    smmu_cmd_set_Size(c, 2);
}
void b_cfgi_ste(uint64_t *c) { cmd_cfgi_ste(c, 5, true, false); }
void b_cfgi_range(uint64_t *c) { cmd_cfgi_ste_range(c, 0x40, 3, false); }
void b_cfgi_cd(uint64_t *c) { cmd_cfgi_cd(c, 5, 9, true, false); }
void b_cfgi_cd_all(uint64_t *c) { cmd_cfgi_cd_all(c, 5, false); }
void b_nh_all(uint64_t *c) { cmd_tlbi_nh_all(c, 1); }
void b_nh_asid(uint64_t *c) { cmd_tlbi_nh_asid(c, 1, 2); }
void b_nh_va(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 2, 0x400000, true); }
void b_nh_vaa(uint64_t *c) { cmd_tlbi_nh_vaa(c, 1, 0x400000, false); }
void b_el2_all(uint64_t *c) { cmd_tlbi_el2_all(c); }
void b_el2_asid(uint64_t *c) { cmd_tlbi_el2_asid(c, 4); }
void b_el2_va(uint64_t *c) { cmd_tlbi_el2_va(c, 4, 0x8000, false); }
void b_el2_vaa(uint64_t *c) { cmd_tlbi_el2_vaa(c, 0x8000, false); }
void b_s12(uint64_t *c) { cmd_tlbi_s12_vmall(c, 3); }
void b_s2_ipa(uint64_t *c) { cmd_tlbi_s2_ipa(c, 3, 0x80000000, true); }
void b_nsnh(uint64_t *c) { cmd_tlbi_nsnh_all(c); }
void b_sync(uint64_t *c) { cmd_sync(c, 0, 0, 0, 0, 0); }
void b_el3_all(uint64_t *c) { cmd_tlbi_el3_all(c); }
void b_el3_va(uint64_t *c) { cmd_tlbi_el3_va(c, 0x1000, false); }
void b_s_el2_all(uint64_t *c) { cmd_tlbi_s_el2_all(c); }
void b_s_el2_asid(uint64_t *c) { cmd_clear(c, 0x51); smmu_cmd_set_ASID(c, 3); }
void b_s_el2_va(uint64_t *c) { cmd_tlbi_el2_va(c, 3, 0x2000, false); smmu_cmd_set_Opcode(c, 0x52); }
void b_s_el2_vaa(uint64_t *c) { cmd_tlbi_el2_vaa(c, 0x2000, false); smmu_cmd_set_Opcode(c, 0x53); }
void b_s_s12(uint64_t *c) { cmd_tlbi_s_s12_vmall(c, 2); }
void b_s_s2_ipa(uint64_t *c) { cmd_tlbi_s_s2_ipa(c, 2, 0x3000, false, true); }
void b_snh(uint64_t *c) { cmd_tlbi_snh_all(c); }
void b_stall_term(uint64_t *c) { cmd_clear(c, 0x45); smmu_cmd_set_StreamID(c, 1); }
void b_resume(uint64_t *c)
{
    cmd_clear(c, 0x44);
    smmu_cmd_set_StreamID(c, 1);
    smmu_cmd_set_STAG(c, 0x33);
    smmu_cmd_set_Ac(c, 1);
}
void b_atc_inv(uint64_t *c)
{
    cmd_clear(c, 0x40);
    smmu_cmd_set_StreamID(c, 1);
    smmu_cmd_set_ATC_Size(c, 52);
}
void b_pri_resp(uint64_t *c)
{
    cmd_clear(c, 0x41);
    smmu_cmd_set_StreamID(c, 1);
    smmu_cmd_set_PRGIndex(c, 5);
    smmu_cmd_set_Resp(c, 2);
}

const OpCase kNsLegal[] = {
    {"PREFETCH_CONFIG", b_prefetch}, {"PREFETCH_ADDR", b_prefetch_addr},
    {"CFGI_STE", b_cfgi_ste},        {"CFGI_STE_RANGE", b_cfgi_range},
    {"CFGI_CD", b_cfgi_cd},          {"CFGI_CD_ALL", b_cfgi_cd_all},
    {"TLBI_NH_ALL", b_nh_all},       {"TLBI_NH_ASID", b_nh_asid},
    {"TLBI_NH_VA", b_nh_va},         {"TLBI_NH_VAA", b_nh_vaa},
    {"TLBI_EL2_ALL", b_el2_all},     {"TLBI_EL2_ASID", b_el2_asid},
    {"TLBI_EL2_VA", b_el2_va},       {"TLBI_EL2_VAA", b_el2_vaa},
    {"TLBI_S12_VMALL", b_s12},       {"TLBI_S2_IPA", b_s2_ipa},
    {"TLBI_NSNH_ALL", b_nsnh},       {"CMD_SYNC", b_sync},
};
const OpCase kSecureOnly[] = {
    {"TLBI_EL3_ALL", b_el3_all},     {"TLBI_EL3_VA", b_el3_va},
    {"TLBI_S_EL2_ALL", b_s_el2_all}, {"TLBI_S_EL2_ASID", b_s_el2_asid},
    {"TLBI_S_EL2_VA", b_s_el2_va},   {"TLBI_S_EL2_VAA", b_s_el2_vaa},
    {"TLBI_S_S12_VMALL", b_s_s12},   {"TLBI_S_S2_IPA", b_s_s2_ipa},
    {"TLBI_SNH_ALL", b_snh},
};

// [4.1.1, 4.2-4.7] every command valid on the Non-secure queue is consumed without error.
TEST_F(Cmdq, EveryNonSecureOpcodeIsConsumed)
{
    create();
    uint32_t n = 0;
    for (const OpCase &oc : kNsLegal) {
        SCOPED_TRACE(oc.name);
        uint64_t c[2];
        oc.build(c);
        EXPECT_EQ(run(ns, c), 0u);
        EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), ++n);
    }
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), 0u);
    smmu_stats st;
    smmu_get_stats(s, &st);
    EXPECT_EQ(st.commands, n);
    EXPECT_EQ(st.commands_by_opcode[0x12], 1u);
    EXPECT_EQ(st.commands_by_opcode[0x46], 1u);
}

// [4.4.2.5-6, 4.4.2.11-14, 4.4.3.3-4, 4.4.4.2] Secure-only commands: ILL on the NS queue
// (CONS stays on the command, ERR = CERROR_ILL, GERROR.CMDQ_ERR active), accepted on the
// Secure queue.
TEST_F(Cmdq, SecureOnlyCommandsAreIllegalOnTheNonSecureQueue)
{
    create();
    for (const OpCase &oc : kSecureOnly) {
        SCOPED_TRACE(oc.name);
        uint64_t c[2];
        oc.build(c);
        uint32_t cons = drv_read32(&ns, DRV_CMDQ_CONS) & 0x1F;
        EXPECT_EQ(run(ns, c), (unsigned)SMMU_CERROR_ILL);
        EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), cons | SMMU_CERROR_ILL << 24);
        EXPECT_EQ(drv_read32(&ns, DRV_GERROR) ^ drv_read32(&ns, DRV_GERRORN), 1u);
        EXPECT_TRUE(fake_mem_log_contains(m, "only valid on the Secure Command queue"));
        drv_fix_and_resume(&ns, nullptr); // replace with CMD_SYNC and acknowledge
        EXPECT_EQ(drv_cmdq_error(&ns), 0u);
        EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS) & 0x1F, (cons + 1) & 0x1F);
        EXPECT_EQ(run(sec, c), 0u);
    }
    EXPECT_EQ(drv_read32(&sec, DRV_GERROR), 0u);
}

// [4.4.2.11, 4.4.3.3-4, 4.4.4.2] without Secure EL2 the S_* opcodes are reserved.
TEST_F(Cmdq, SecureEl2CommandsNeedSel2)
{
    cfg.sel2 = false;
    create();
    const Builder needs_sel2[] = {b_s_el2_all, b_s_el2_asid, b_s_el2_va, b_s_el2_vaa,
                                  b_s_s12, b_s_s2_ipa, b_snh};
    for (Builder b : needs_sel2) {
        uint64_t c[2];
        b(c);
        EXPECT_EQ(run(sec, c), (unsigned)SMMU_CERROR_ILL);
        drv_fix_and_resume(&sec, nullptr);
    }
    EXPECT_TRUE(fake_mem_log_contains(m, "S_IDR1.SEL2=0"));
    uint64_t c[2];
    b_el3_all(c);
    EXPECT_EQ(run(sec, c), 0u);
}

struct IllCase {
    const char *name;
    void (*tweak)(smmu_config *);
    void (*build)(uint64_t *);
    const char *diag;
};

void no_change(smmu_config *) {}
// A Secure interface needs stage 1 [6.3.53]; Hyp and VMW read 0 without both stages [6.3.1]
void s2_only(smmu_config *c) { c->stage1 = false; c->secure_impl = c->sel2 = false; }
void s1_only(smmu_config *c)
{
    c->stage2 = false;
    c->vmid16 = false;
}
void no_hyp(smmu_config *c) { c->hyp = false; c->arch_minor = 1; } // Hyp mandatory from v3.2
void no_ril(smmu_config *c) { c->ril = false; c->arch_minor = 1; } // RIL mandatory from v3.2
void pri_on(smmu_config *c) { c->ats = c->pri = true; c->priq_log2max = 4; } // PRI needs ATS

void b_reserved0(uint64_t *c) { cmd_clear(c, 0x00); }
void b_reserved8(uint64_t *c) { cmd_clear(c, 0x08); }
void b_reserved47(uint64_t *c) { cmd_clear(c, 0x47); }
void b_impdef(uint64_t *c) { cmd_clear(c, 0x80); }
void b_reservedff(uint64_t *c) { cmd_clear(c, 0xFF); }
void b_vms_pidm(uint64_t *c) { cmd_clear(c, 0x07); }
void b_dpti_all(uint64_t *c) { cmd_clear(c, 0x70); }
void b_dpti_pa(uint64_t *c) { cmd_clear(c, 0x73); }
void b_ssec_ns(uint64_t *c) { cmd_cfgi_ste(c, 1, false, true); }
void b_cs3(uint64_t *c) { cmd_sync(c, 3, 0, 0, 0, 0); }
void b_nh_asid_res0(uint64_t *c) { cmd_tlbi_nh_asid(c, 1, 2); c[1] = 1; }
void b_nsnh_res0(uint64_t *c) { cmd_tlbi_nsnh_all(c); c[0] |= 1ull << 40; }
void b_range_reserved(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 2, 0x1000, false); cmd_tlbi_range(c, 1, 0, 0, 0); }
void b_range16k_ttl1(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 2, 0x4000, false); cmd_tlbi_range(c, 2, 0, 0, 1); }
void b_range_scale25(uint64_t *c) { cmd_tlbi_nh_vaa(c, 1, 0x1000, false); cmd_tlbi_range(c, 1, 0, 32, 3); }
void b_range_no_ril(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 2, 0x1000, false); cmd_tlbi_range(c, 1, 1, 0, 3); }
void b_pri_resp_rsvd(uint64_t *c) { b_pri_resp(c); smmu_cmd_set_Resp(c, 3); }
void b_ttl128(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 2, 0x1000, false); cmd_tlbi_range(c, 1, 1, 0, 3); smmu_cmd_set_TTL128(c, 1); }
void b_sync_msi_ns(uint64_t *c) { cmd_sync(c, 0, 0, 0, 0, 0); smmu_cmd_set_MSI_NS(c, 1); }

const IllCase kIll[] = {
    {"opcode 0x00", no_change, b_reserved0, "reserved opcode"},
    {"opcode 0x08", no_change, b_reserved8, "reserved opcode"},
    {"opcode 0x47", no_change, b_reserved47, "reserved opcode"},
    {"opcode 0x80", no_change, b_impdef, "IMPLEMENTATION DEFINED opcode"},
    {"opcode 0xFF", no_change, b_reservedff, "reserved opcode"},
    {"CFGI_VMS_PIDM", no_change, b_vms_pidm, "MPAM"},
    {"DPTI_ALL", no_change, b_dpti_all, "DPT is not implemented"},
    {"DPTI_PA", no_change, b_dpti_pa, "DPT is not implemented"},
    {"SSec=1 on NS", no_change, b_ssec_ns, "SSec=1 is only valid"},
    {"SYNC CS=11", no_change, b_cs3, "CS=0b11 is reserved"},
    {"NH_ASID DW1 RES0", no_change, b_nh_asid_res0, "RES0 bit 64 (Leaf"},
    {"NSNH_ALL VMID bits", no_change, b_nsnh_res0, "RES0 bit 40 (VMID"},
    {"range NUM=SCALE=TTL=0", no_change, b_range_reserved, "reserved encoding"},
    {"16K TTL=01 without DS", no_change, b_range16k_ttl1, "reserved encoding"},
    {"SCALE[5] without DS", no_change, b_range_scale25, "RES0 bit 25 (SCALE"},
    {"TTL128 without D128", no_change, b_ttl128, "RES0 bit 71 (TTL128"},
    {"range without RIL", no_ril, b_range_no_ril, "RES0 bit 12 (NUM"},
    {"MSI_NS on NS queue", no_change, b_sync_msi_ns, "RES0 bit 127"},
    {"ATC_INV without ATS", no_change, b_atc_inv, "ATS is not implemented"},
    {"PRI_RESP without PRI", no_change, b_pri_resp, "PRI is not implemented"},
    {"PRI_RESP Resp=11", pri_on, b_pri_resp_rsvd, "Resp=0b11 is reserved"},
    {"RESUME terminate-only", no_change, b_resume, "STALL_MODEL is 0b01"},
    {"STALL_TERM terminate-only", no_change, b_stall_term, "STALL_MODEL is 0b01"},
    {"NH_ALL on S2-only", s2_only, b_nh_all, "IDR0.S1P=0"},
    {"CFGI_CD on S2-only", s2_only, b_cfgi_cd, "needs stage 1"},
    {"S2_IPA on S1-only", s1_only, b_s2_ipa, "IDR0.S2P=0"},
    {"S12_VMALL on S1-only", s1_only, b_s12, "IDR0.S2P=0"},
    {"EL2_ALL without Hyp", no_hyp, b_el2_all, "IDR0.Hyp=0"},
};

// [4.1.5-4.1.6, 4.4.1.1, 7.1] illegal commands give CERROR_ILL with a diagnostic.
TEST_F(Cmdq, IllegalCommandsGiveCerrorIllAndNameTheCause)
{
    for (const IllCase &ic : kIll) {
        SCOPED_TRACE(ic.name);
        smmu_destroy(s);
        s = nullptr;
        fake_mem_clear(m);
        smmu_config_init(&cfg);
        ic.tweak(&cfg);
        create();
        uint64_t c[2];
        ic.build(c);
        EXPECT_EQ(run(ns, c), (unsigned)SMMU_CERROR_ILL);
        EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), (unsigned)SMMU_CERROR_ILL << 24);
        EXPECT_EQ(drv_read32(&ns, DRV_GERROR), 1u);
        EXPECT_TRUE(fake_mem_log_contains(m, ic.diag)) << m->log;
        EXPECT_EQ(stat_commands(), 0u);
    }
}

// Commands that need a feature are accepted once it is implemented.
TEST_F(Cmdq, FeatureDependentCommandsAreAcceptedWithTheirFeature)
{
    cfg.ats = true;
    cfg.pri = true;
    cfg.priq_log2max = 4;
    cfg.stall_model = SMMU_STALL_AND_TERMINATE;
    create();
    for (Builder b : {b_atc_inv, b_pri_resp, b_resume, b_stall_term}) {
        uint64_t c[2];
        b(c);
        EXPECT_EQ(run(ns, c), 0u);
    }
    // [3.10.2] S_CR0.NSSTALLD makes the NS STALL_MODEL 01: RESUME becomes illegal there only
    drv_write_cr0(&sec, drv_read32(&sec, DRV_CR0) | 1u << 9);
    uint64_t c[2];
    b_resume(c);
    EXPECT_EQ(run(ns, c), (unsigned)SMMU_CERROR_ILL);
    EXPECT_EQ(run(sec, c), 0u);
}

// [S_IDR3.SAMS] ATC_INV / PRI_RESP are illegal on the Secure queue with SAMS.
TEST_F(Cmdq, SamsMakesAtsCommandsIllegalOnTheSecureQueue)
{
    cfg.ats = true;
    cfg.sams = true;
    create();
    uint64_t c[2];
    b_atc_inv(c);
    EXPECT_EQ(run(sec, c), (unsigned)SMMU_CERROR_ILL);
    EXPECT_TRUE(fake_mem_log_contains(m, "SAMS=1"));
    EXPECT_EQ(run(ns, c), 0u);
}

// [7.1] an external abort reading the queue gives CERROR_ABT; after the fix and the GERRORN
// acknowledgement consumption resumes from the same command.
TEST_F(Cmdq, QueueReadAbortGivesCerrorAbtAndResumesAfterAck)
{
    create();
    fake_mem_add_abort(m, SMMU_PAS_NS, kNsCmdq + 2 * 16, kNsCmdq + 2 * 16 + 15, false);
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    for (int i = 0; i < 4; i++)
        ASSERT_EQ(drv_submit(&ns, c), 0);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 2u | SMMU_CERROR_ABT << 24);
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), 1u);
    EXPECT_TRUE(fake_mem_log_contains(m, "CERROR_ABT"));
    // Nothing happens while the error is active, even when PROD is written again
    drv_write32(&ns, DRV_CMDQ_PROD, 4);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS) & 0x1F, 2u);
    fake_mem_clear_aborts(m);
    drv_ack_gerror(&ns);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 4u | SMMU_CERROR_ABT << 24);
    EXPECT_EQ(stat_commands(), 4u);
}

// [3.5] many commands through a small queue: indexes wrap, the wrap bit toggles.
TEST_F(Cmdq, QueueWrapsThroughManyCommands)
{
    create();
    uint64_t c[2];
    for (int i = 0; i < 100; i++) {
        cmd_tlbi_nh_va(c, 1, 2, 0x1000ull * i, true);
        ASSERT_EQ(drv_submit(&ns, c), 0);
    }
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 100u & 0x1F);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_PROD), 100u & 0x1F);
    EXPECT_EQ(stat_commands(), 100u);
}

// [6.3.9, 7.1] nothing is consumed while CMDQEN is 0; setting it consumes what is pending.
TEST_F(Cmdq, CommandsWaitForCmdqen)
{
    create();
    drv_write_cr0(&ns, DRV_CR0_EVENTQEN);
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(drv_submit(&ns, c), 0);
    ASSERT_EQ(drv_submit(&ns, c), 0);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 0u);
    ASSERT_EQ(drv_write_cr0(&ns, DRV_CR0_EVENTQEN | DRV_CR0_CMDQEN), 0);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 2u);
}

// [4.7.3, 3.18.2] CMD_SYNC SIG_IRQ: the MSI (data, address, the queue's PA space) and the
// wired CMD_SYNC line; SIG_SEV: a WFE event; SIG_NONE: nothing.
TEST_F(Cmdq, CmdSyncSignalsCompletionAsCsSays)
{
    create();
    uint64_t c[2];
    cmd_sync(c, 0, 0x9000, 1, 3, 0xF);
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(m->nmsis, 0u);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_CMD_SYNC], 0u);
    cmd_sync(c, 1, 0x9000, 0xCAFE, 3, 0xF);
    EXPECT_EQ(run(ns, c), 0u);
    ASSERT_EQ(m->nmsis, 1u);
    EXPECT_EQ(m->msis[0].pa, 0x9000u);
    EXPECT_EQ(m->msis[0].pas, SMMU_PAS_NS);
    EXPECT_EQ(m->msis[0].data, 0xCAFEu);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_CMD_SYNC], 1u);
    cmd_sync(c, 1, 0xA000, 0xBEEF, 3, 0xF);
    EXPECT_EQ(run(sec, c), 0u);
    ASSERT_EQ(m->nmsis, 2u);
    EXPECT_EQ(m->msis[1].pa, 0xA000u);
    EXPECT_EQ(m->msis[1].pas, SMMU_PAS_SECURE);
    EXPECT_EQ(m->irqs[SMMU_SEC_SECURE][SMMU_IRQ_CMD_SYNC], 1u);
    cmd_sync(c, 1, 0, 0x1, 0, 0); // MSIAddress 0: wired line only
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(m->nmsis, 2u);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_CMD_SYNC], 2u);
    cmd_sync(c, 2, 0, 0, 0, 0);
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(m->sevs, 1u);
}

// [4.7.3] "The check for zero applies to the entire specified field span and is not limited
// to the physical address size (OAS) ... MSIAddress is truncated to the OAS": an address with
// only bits above the 48-bit OAS set is not zero, so the MSI is written, to PA 0.
TEST_F(Cmdq, SyncMsiAddressZeroCheckCoversTheWholeFieldBeforeOasTruncation)
{
    create();
    uint64_t c[2];
    cmd_sync(c, 1, 1ull << 50, 0xD00D, 0, 0);
    EXPECT_EQ(run(ns, c), 0u);
    ASSERT_EQ(m->nmsis, 1u);
    EXPECT_EQ(m->msis[0].pa, 0u);
    EXPECT_EQ(m->msis[0].data, 0xD00Du);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_CMD_SYNC], 1u);
}

// [4.1.2] "When SMMU_IDR0.SEV == 1, the SMMU triggers a WFE wake-up event when a Command queue
// becomes non-full and an agent external to the SMMU could have observed that the queue was
// previously full": a queue filled while CMDQEN = 0, then enabled and consumed, sends one.
TEST_F(Cmdq, FullQueueBecomingNonFullSendsOneWfeWakeUp)
{
    create();
    drv_write_cr0(&ns, DRV_CR0_EVENTQEN);
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    for (unsigned i = 0; i < (1u << kLog2); i++)
        ASSERT_EQ(drv_submit(&ns, c), 0);
    EXPECT_EQ(drv_submit(&ns, c), -1); // full: PROD = 0x10, CONS = 0
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_PROD), 1u << kLog2);
    EXPECT_EQ(m->sevs, 0u);
    ASSERT_EQ(drv_write_cr0(&ns, DRV_CR0_EVENTQEN | DRV_CR0_CMDQEN), 0);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 1u << kLog2);
    EXPECT_EQ(m->sevs, 1u);
    ASSERT_EQ(drv_submit(&ns, c), 0); // never full again: no further event
    EXPECT_EQ(m->sevs, 1u);
}

// [4.1.2] The same when the queue became full while the SMMU was fetching a command (a memory
// callback that yields lets software fill the queue meanwhile): one wake-up when that command
// is consumed.
struct FillDuringFetch {
    smmu_driver *d;
    uint64_t at; // the entry whose fetch lets software fill the queue
    bool done;
};
void fill_during_fetch(void *arg, uint64_t pa, smmu_pa_space)
{
    auto *f = static_cast<FillDuringFetch *>(arg);
    if (f->done || pa != f->at)
        return;
    f->done = true;
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    for (unsigned i = 1; i < (1u << kLog2); i++)
        ASSERT_EQ(drv_submit(f->d, c), 0); // the running consumer only notes the new PROD
    EXPECT_EQ(drv_submit(f->d, c), -1);     // full: CONS is still 0
}

TEST_F(Cmdq, QueueFilledDuringAFetchSendsOneWfeWakeUp)
{
    create();
    FillDuringFetch f{&ns, kNsCmdq, false};
    m->on_read = fill_during_fetch;
    m->on_read_arg = &f;
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(drv_submit(&ns, c), 0);
    m->on_read = nullptr;
    EXPECT_TRUE(f.done);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 1u << kLog2); // everything consumed
    EXPECT_EQ(m->sevs, 1u);
}

// [4.1.2] The same after a command error stopped a full queue: consumption resumes when
// CMDQ_ERR is acknowledged and the queue becomes non-full. Without IDR0.SEV, nothing.
TEST_F(Cmdq, FullQueueResumedAfterCommandErrorSendsOneWfeWakeUp)
{
    for (bool sev : {true, false}) {
        SCOPED_TRACE(sev);
        smmu_destroy(s);
        s = nullptr;
        fake_mem_clear(m);
        cfg.sev = sev;
        create();
        uint64_t bad[2], c[2];
        cmd_clear(bad, 0x00); // reserved opcode: CERROR_ILL
        cmd_tlbi_nsnh_all(c);
        EXPECT_EQ(run(ns, bad), (unsigned)SMMU_CERROR_ILL);
        for (unsigned i = 1; i < (1u << kLog2); i++)
            ASSERT_EQ(drv_submit(&ns, c), 0);
        EXPECT_EQ(drv_submit(&ns, c), -1); // full behind the faulting command
        // software mends the command and acknowledges the error [7.1]
        fake_mem_wr64(m, kNsCmdq, SMMU_PAS_NS, c[0]);
        fake_mem_wr64(m, kNsCmdq + 8, SMMU_PAS_NS, c[1]);
        EXPECT_EQ(m->sevs, 0u);
        drv_ack_gerror(&ns);
        EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), (1u << kLog2) | SMMU_CERROR_ILL << 24);
        EXPECT_EQ(m->sevs, sev ? 1u : 0u);
    }
}

// [4.7.3, 7.5] an aborted CMD_SYNC MSI activates MSI_CMDQ_ABT_ERR (and raises GERROR) but the
// queue goes on.
TEST_F(Cmdq, AbortedSyncMsiSetsMsiCmdqAbtErr)
{
    create();
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_GERROR), 0);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0x9000, 0x9003, true);
    uint64_t c[2];
    cmd_sync(c, 1, 0x9000, 0xCAFE, 0, 0);
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR), DRV_GERROR_MSI_CMDQ_ABT_ERR);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_GERROR], 1u);
    EXPECT_TRUE(fake_mem_log_contains(m, "MSI_CMDQ_ABT_ERR"));
    cmd_tlbi_nsnh_all(c);
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 2u);
}

// [7.5, 3.18.2] a command error raises the GERROR interrupt and MSI when enabled; an
// aborted GERROR MSI sets MSI_GERROR_ABT_ERR, which raises nothing itself.
TEST_F(Cmdq, CommandErrorRaisesGerrorIrqAndMsi)
{
    create();
    drv_write64(&ns, DRV_GERROR_IRQ_CFG0, 0xB000);
    drv_write32(&ns, DRV_GERROR_IRQ_CFG1, 0x77);
    ASSERT_EQ(drv_write_irq_ctrl(&ns, DRV_IRQ_GERROR), 0);
    uint64_t c[2];
    b_reserved0(c);
    EXPECT_EQ(run(ns, c), (unsigned)SMMU_CERROR_ILL);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_GERROR], 1u);
    ASSERT_EQ(m->nmsis, 1u);
    EXPECT_EQ(m->msis[0].pa, 0xB000u);
    EXPECT_EQ(m->msis[0].data, 0x77u);
    drv_fix_and_resume(&ns, nullptr);
    fake_mem_add_abort(m, SMMU_PAS_NS, 0xB000, 0xB003, true);
    EXPECT_EQ(run(ns, c), (unsigned)SMMU_CERROR_ILL);
    EXPECT_EQ(m->irqs[SMMU_SEC_NS][SMMU_IRQ_GERROR], 2u);
    EXPECT_EQ(drv_read32(&ns, DRV_GERROR) ^ drv_read32(&ns, DRV_GERRORN),
              DRV_GERROR_CMDQ_ERR | DRV_GERROR_MSI_GERROR_ABT_ERR);
}

// ---- invalidation scope of each command (tlb.h tag conventions) [4.3, 4.4] ----

constexpr unsigned kEl1 = 1u << REGIME_EL1, kEl2 = 1u << REGIME_EL2,
                   kE2h = 1u << REGIME_EL2_E2H, kEl3 = 1u << REGIME_EL3;
constexpr unsigned kS1 = 1u << TLB_S1 | 1u << TLB_S12;
constexpr unsigned kAll = 1u << TLB_S1 | 1u << TLB_S2 | 1u << TLB_S12;
constexpr unsigned kBase = TLBI_M_SEC | TLBI_M_REGIME | TLBI_M_KIND;

TEST_F(Cmdq, TlbiNhVaScopeIsVmidAsidAndAddressInNsEl1)
{
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_tlbi_nh_va(c, 0x1234, 0xABCD, 0xFFFF800012345000ull, true);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.kind, CMDQ_ACT_TLBI);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID | TLBI_M_ASID | TLBI_M_ADDR);
    EXPECT_EQ(a.tlbi.sec, 0u);
    EXPECT_EQ(a.tlbi.regime_mask, kEl1);
    EXPECT_EQ(a.tlbi.kind_mask, kS1);
    EXPECT_EQ(a.tlbi.vmid, 0x1234u);
    EXPECT_EQ(a.tlbi.vmid_ignore, 0u);
    EXPECT_EQ(a.tlbi.asid, 0xABCDu);
    EXPECT_EQ(a.tlbi.addr, 0xFFFF800012345000ull);
    EXPECT_EQ(a.tlbi.size, 0u);
    EXPECT_TRUE(a.tlbi.leaf);
}

// [4.4.1.1] Range = (NUM+1) * 2^SCALE * granule starting at Addr; TTL is passed on.
TEST_F(Cmdq, RangeTlbiSizeIsNumPlusOneTimesTwoToScaleGranules)
{
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_tlbi_nh_vaa(c, 1, 0x200000, false);
    cmd_tlbi_range(c, 3, 5, 4, 2); // 64K, 6 * 16 granules
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID | TLBI_M_ADDR);
    EXPECT_EQ(a.tlbi.size, 6ull * 16 * 65536);
    EXPECT_EQ(a.tlbi.ttl, 2u);
    cmd_tlbi_s2_ipa(c, 1, 0x40000000, false);
    cmd_tlbi_range(c, 1, 0, 0, 3); // single 4K page with a level hint
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.size, 4096u);
    EXPECT_EQ(a.tlbi.addr, 0x40000000u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID | TLBI_M_IPA);
    EXPECT_EQ(a.tlbi.kind_mask, 1u << TLB_S2 | 1u << TLB_S12);
    // SCALE above 39 is treated as 39 (needs DS for 6 bits)
    cfg.ds = true;
    cfg.vax = 1; // DS needs a 52-bit VA size [6.3.6]
    smmu_destroy(s);
    s = nullptr;
    create();
    cmd_tlbi_nh_vaa(c, 1, 0, false);
    cmd_tlbi_range(c, 1, 0, 63, 0);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.size, 1ull << (39 + 12));
}

TEST_F(Cmdq, TlbiScopesOfTheNonSecureQueue)
{
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_tlbi_nh_all(c, 7);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID);
    EXPECT_EQ(a.tlbi.vmid, 7u);
    cmd_tlbi_nh_asid(c, 7, 9);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID | TLBI_M_ASID);
    cmd_tlbi_el2_all(c);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase);
    EXPECT_EQ(a.tlbi.regime_mask, kEl2 | kE2h);
    cmd_tlbi_el2_asid(c, 5);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_ASID);
    EXPECT_EQ(a.tlbi.regime_mask, kE2h);
    // [4.4.2.8] EL2_VA follows CR2.E2H: EL2 entries without ASID, or E2H entries by ASID
    cmd_tlbi_el2_va(c, 5, 0x3000, false);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_ADDR);
    EXPECT_EQ(a.tlbi.regime_mask, kEl2);
    drv_write32(&ns, DRV_CR2, 1);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_ASID | TLBI_M_ADDR);
    EXPECT_EQ(a.tlbi.regime_mask, kE2h);
    cmd_tlbi_s12_vmall(c, 3);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID);
    EXPECT_EQ(a.tlbi.kind_mask, kAll);
    EXPECT_EQ(a.tlbi.regime_mask, kEl1);
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase);
    EXPECT_EQ(a.tlbi.sec, 0u);
    EXPECT_EQ(a.tlbi.kind_mask, kAll);
    EXPECT_EQ(a.tlbi.regime_mask, kEl1);
    // [3.17.6] CR0.VMW = 2 ignores the low 2 VMID bits
    drv_write_cr0(&ns, drv_read32(&ns, DRV_CR0) | 2u << 6);
    cmd_tlbi_s12_vmall(c, 3);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.vmid_ignore, 3u);
}

TEST_F(Cmdq, TlbiScopesOfTheSecureQueue)
{
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_tlbi_nh_all(c, 7); // SEL2: Secure VMALLE1 by VMID
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID);
    EXPECT_EQ(a.tlbi.sec, 1u);
    cmd_tlbi_el3_va(c, 0x5000, true);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_ADDR);
    EXPECT_EQ(a.tlbi.regime_mask, kEl3);
    EXPECT_EQ(a.tlbi.sec, 1u);
    cmd_tlbi_el2_all(c); // acts on NS-EL2 from the Secure queue [4.4.2.7]
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.sec, 0u);
    cmd_tlbi_s2_ipa(c, 4, 0x8000, false); // Non-secure IPA of the NS regime [4.4.3.1]
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.sec, 0u);
    cmd_tlbi_s_s2_ipa(c, 4, 0x8000, false, true);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase | TLBI_M_VMID | TLBI_M_IPA | TLBI_M_IPA_NS);
    EXPECT_EQ(a.tlbi.sec, 1u);
    EXPECT_EQ(a.tlbi.ipa_ns, 1u);
    cmd_tlbi_snh_all(c);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase);
    EXPECT_EQ(a.tlbi.sec, 1u);
    EXPECT_EQ(a.tlbi.kind_mask, kAll);
    // without SEL2 the Secure NH_ALL is Secure ALLE1: no VMID [4.4.2.1]
    cfg.sel2 = false;
    smmu_destroy(s);
    s = nullptr;
    create();
    cmd_tlbi_nh_all(c, 7);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.tlbi.match, kBase);
    EXPECT_TRUE(fake_mem_log_contains(m, "VMID 0x7 is RES0"));
}

// [4.4] with 8-bit ASIDs/VMIDs the upper 8 bits are RES0: ignored with a warning.
TEST_F(Cmdq, EightBitAsidAndVmidIgnoreUpperBits)
{
    cfg.asid16 = false;
    cfg.vmid16 = false;
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_tlbi_nh_asid(c, 0x1234, 0x5678);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.tlbi.vmid, 0x34u);
    EXPECT_EQ(a.tlbi.asid, 0x78u);
    EXPECT_TRUE(fake_mem_log_contains(m, "VMID[15:8]"));
    EXPECT_TRUE(fake_mem_log_contains(m, "ASID[15:8]"));
}

// [4.3] CFGI scopes: StreamID ranges, CFGI_ALL, SSec on the Secure queue.
TEST_F(Cmdq, CfgiScopes)
{
    create();
    uint64_t c[2];
    cmdq_action a;
    cmd_cfgi_ste_range(c, 0x1234, 3, false);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.kind, CMDQ_ACT_CFGI);
    EXPECT_EQ(a.cfgi.what, CFGI_STE_AND_CDS);
    EXPECT_FALSE(a.cfgi.all_sids);
    EXPECT_EQ(a.cfgi.sid_first, 0x1230u);
    EXPECT_EQ(a.cfgi.sid_last, 0x123Fu);
    cmd_cfgi_all(c, false);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_TRUE(a.cfgi.all_sids);
    cmd_cfgi_ste_range(c, 0, 15, false); // 2^16 StreamIDs = SIDSIZE 16: all
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_TRUE(a.cfgi.all_sids);
    cmd_cfgi_cd(c, 5, 9, true, false);
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_EQ(a.cfgi.what, CFGI_CD_ONE);
    EXPECT_EQ(a.cfgi.sid_first, 5u);
    EXPECT_EQ(a.cfgi.ssid, 9u);
    cmd_cfgi_cd_all(c, 6, true);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.cfgi.what, CFGI_CD_ALL);
    EXPECT_EQ(a.cfgi.sec, 1u);
    cmd_cfgi_ste(c, 6, true, false);
    ASSERT_EQ(decode(1, c, &a), 0u);
    EXPECT_EQ(a.cfgi.sec, 0u);
    cmd_cfgi_ste(c, 0x12345, true, false); // beyond SIDSIZE 16
    ASSERT_EQ(decode(0, c, &a), 0u);
    EXPECT_TRUE(fake_mem_log_contains(m, "beyond SIDSIZE 16"));
}

// The executed command reaches the caches and the embedder's invalidation notice.
TEST_F(Cmdq, CfgiSteNotifiesTheEmbedderOfTheStream)
{
    create();
    uint64_t c[2];
    cmd_cfgi_ste(c, 0x42, true, false);
    unsigned before = m->inval_notices;
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_EQ(m->inval_notices, before + 1);
    EXPECT_EQ(m->last_notice.sec, SMMU_SEC_NS);
    EXPECT_TRUE(m->last_notice.by_stream);
    EXPECT_EQ(m->last_notice.sid_first, 0x42u);
    EXPECT_EQ(m->last_notice.sid_last, 0x42u);
    cmd_tlbi_nh_va(c, 1, 2, 0x7000, false);
    EXPECT_EQ(run(ns, c), 0u);
    EXPECT_TRUE(m->last_notice.by_address);
    EXPECT_EQ(m->last_notice.addr, 0x7000u);
}

// A memory callback that writes PROD while the consumer is fetching (a yielding embedder):
// one consumer per bank, every command consumed exactly once.
struct Reenter {
    smmu_driver *d;
    int left;
};

void reenter_hook(void *arg, uint64_t, smmu_pa_space)
{
    auto *r = static_cast<Reenter *>(arg);
    if (r->left > 0) {
        r->left--;
        uint64_t c[2];
        cmd_tlbi_nsnh_all(c);
        drv_submit(r->d, c);
    }
}

TEST_F(Cmdq, ProdWrittenDuringAFetchIsConsumedOnce)
{
    create();
    Reenter r{&ns, 5};
    m->on_read = reenter_hook;
    m->on_read_arg = &r;
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(drv_submit(&ns, c), 0);
    m->on_read = nullptr;
    EXPECT_EQ(stat_commands(), 6u);
    EXPECT_EQ(drv_read32(&ns, DRV_CMDQ_CONS), 6u);
}

} // namespace
