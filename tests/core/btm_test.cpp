// SPDX-License-Identifier: Apache-2.0
// Broadcast TLB maintenance [IHI 0070 3.17-3.17.8]: a PE's broadcast TLBI removes the same
// cached translations as the equivalent CMD_TLBI_* command, in the same Security state,
// regime, VMID and ASID scope; SMMU_(S_/R_)CR2.PTM opts a Security state out; without
// IDR0.BTM the call is refused with a status code.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "xlate_fixture.h"

extern "C" {
#include "cmdq.h"
#include "tlb.h"
}

namespace {

// ---------------------------------------------------------------------------------------------
// A populated TLB, one entry per scope the operations must tell apart
// ---------------------------------------------------------------------------------------------

enum World { kEl2World, kE2hWorld }; // SMMU_(S_/R_)CR2.E2H = 0 / 1: EL2 or EL2-E2H entries
enum Cfg { kBase, kRealm };           // NS + Secure with SEL2 (no RME) / RME with Realm

struct Ent {
    const char *name;
    uint8_t sec, regime, kind;
    uint8_t ipa_ns;
    uint16_t vmid, asid;
    bool global;
    uint64_t va, ipa;
};

constexpr uint8_t kEl1 = REGIME_EL1, kEl3 = REGIME_EL3;
constexpr uint8_t kS1 = TLB_S1, kS2 = TLB_S2, kS12 = TLB_S12;
constexpr uint8_t kEl2Tbd = 0xFF; // the world's EL2 regime (EL2 or EL2-E2H)

// The EL2 entries carry their ASID only in the E2H world (EL2 has no ASIDs [3.17]); the second
// NS EL2 entry is at another VA in the EL2 world (one EL2 address space) and at the VA of the
// first with another ASID in the E2H world (entry_of).
const Ent kEnts[] = {
    {"n.v1a5", BANK_NS, kEl1, kS1, 0, 1, 5, false, 0x400000, 0},
    {"n.v1a6", BANK_NS, kEl1, kS1, 0, 1, 6, false, 0x400000, 0},
    {"n.v1g", BANK_NS, kEl1, kS1, 0, 1, 0, true, 0x800000, 0},
    {"n.v2a5", BANK_NS, kEl1, kS1, 0, 2, 5, false, 0x400000, 0},
    {"n.v1a5far", BANK_NS, kEl1, kS1, 0, 1, 5, false, 0x900000, 0},
    {"n.v1s2", BANK_NS, kEl1, kS2, 0, 1, 0, false, 0x80000000, 0},
    {"n.v2s2", BANK_NS, kEl1, kS2, 0, 2, 0, false, 0x80000000, 0},
    {"n.v1s12", BANK_NS, kEl1, kS12, 0, 1, 5, false, 0x401000, 0x80000000},
    {"n.el2", BANK_NS, kEl2Tbd, kS1, 0, 0, 5, false, 0x400000, 0},
    {"n.el2b", BANK_NS, kEl2Tbd, kS1, 0, 0, 6, false, 0x900000, 0},
    {"s.v0a5", BANK_S, kEl1, kS1, 0, 0, 5, false, 0x400000, 0},
    {"s.v3a5", BANK_S, kEl1, kS1, 0, 3, 5, false, 0x400000, 0},
    {"s.v3s2ns", BANK_S, kEl1, kS2, 1, 3, 0, false, 0x80000000, 0},
    {"s.v3s2s", BANK_S, kEl1, kS2, 0, 3, 0, false, 0x80000000, 0},
    {"s.el2", BANK_S, kEl2Tbd, kS1, 0, 0, 5, false, 0x400000, 0},
    {"s.el3", BANK_S, kEl3, kS1, 0, 0, 0, false, 0x400000, 0},
    {"r.v1a5", BANK_R, kEl1, kS1, 0, 1, 5, false, 0x400000, 0},
    {"r.v1s2", BANK_R, kEl1, kS2, 0, 1, 0, false, 0x80000000, 0},
    {"r.el2", BANK_R, kEl2Tbd, kS1, 0, 0, 5, false, 0x400000, 0},
};
constexpr size_t kNumEnts = sizeof(kEnts) / sizeof(kEnts[0]);

// The entry as the TLB holds it in world w, or false if the configuration cannot hold it
// (Realm entries need the Realm interface; EL3 ones need no RME [3.25]).
bool entry_of(const Ent &d, Cfg c, World w, tlb_entry *e)
{
    if ((d.sec == BANK_R && c != kRealm) || (d.regime == kEl3 && c == kRealm))
        return false;
    std::memset(e, 0, sizeof(*e));
    e->tag.sec = d.sec;
    uint8_t el2 = w == kE2hWorld ? uint8_t(REGIME_EL2_E2H) : uint8_t(REGIME_EL2);
    e->tag.regime = d.regime == kEl2Tbd ? el2 : d.regime;
    e->tag.kind = d.kind;
    e->tag.ipa_ns = d.ipa_ns;
    e->tag.vmid = d.vmid;
    bool plain_el2 = e->tag.regime == REGIME_EL2;
    e->tag.asid = plain_el2 ? 0 : d.asid;
    e->global = d.global;
    e->page_shift = 12;
    e->level = 3;
    e->perm = TLB_PERM_UR | TLB_PERM_PR;
    e->va = d.va;
    if (e->tag.regime == REGIME_EL2_E2H && std::strcmp(d.name, "n.el2b") == 0)
        e->va = 0x400000; /* E2H: beside n.el2, told apart by its ASID */
    e->ipa = d.ipa;
    e->pa = 0x10000000 + d.va;
    return true;
}

// A broadcast operation, built field by field.
struct Op {
    smmu_tlbi t{};
    Op(smmu_tlbi_op op, smmu_sec_sid sec)
    {
        t.op = op;
        t.sec = sec;
    }
    Op &vmid(uint16_t v) { return t.vmid = v, *this; }
    Op &asid(uint16_t a) { return t.asid = a, *this; }
    Op &addr(uint64_t a) { return t.addr = a, *this; }
    Op &e2h() { return t.e2h = true, *this; }
    Op &leaf() { return t.leaf = true, *this; }
    Op &ipa_ns() { return t.ipa_ns = true, *this; }
    Op &range(uint8_t tg, uint8_t scale, uint8_t num, uint8_t ttl)
    {
        t.range = true;
        t.tg = tg, t.scale = scale, t.num = num, t.ttl = ttl;
        return *this;
    }
};

using CmdFn = void (*)(uint64_t *);

struct Row {
    const char *name;
    Cfg cfg;
    World world;
    smmu_tlbi op;
    unsigned bank;       // the command queue of the equivalent command
    CmdFn cmd;
    const char *removed; // the entries both remove, space separated, in kEnts order
};

void c_nh_va(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 5, 0x400000, false); }
void c_nh_va_g(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 5, 0x800000, false); }
void c_nh_val(uint64_t *c) { cmd_tlbi_nh_va(c, 1, 5, 0x400000, true); }
void c_nh_vaa(uint64_t *c) { cmd_tlbi_nh_vaa(c, 1, 0x400000, false); }
void c_nh_asid(uint64_t *c) { cmd_tlbi_nh_asid(c, 1, 5); }
void c_nh_all(uint64_t *c) { cmd_tlbi_nh_all(c, 1); }
void c_s12(uint64_t *c) { cmd_tlbi_s12_vmall(c, 1); }
void c_nsnh(uint64_t *c) { cmd_tlbi_nsnh_all(c); }
void c_s2_ipa(uint64_t *c) { cmd_tlbi_s2_ipa(c, 1, 0x80000000, false); }
void c_nh_va_range(uint64_t *c)
{
    cmd_tlbi_nh_va(c, 1, 5, 0x400000, false);
    cmd_tlbi_range(c, 1, 3, 0, 0); // SMMU encoding: (3 + 1) << 0 pages of 4 KB [4.4.1.1]
}
void c_el2_va(uint64_t *c) { cmd_tlbi_el2_va(c, 5, 0x400000, false); }
void c_el2_vaa(uint64_t *c) { cmd_tlbi_el2_vaa(c, 0x400000, false); }
void c_el2_asid(uint64_t *c) { cmd_tlbi_el2_asid(c, 6); }
void c_el2_all(uint64_t *c) { cmd_tlbi_el2_all(c); }
void c_s_nh_va(uint64_t *c) { cmd_tlbi_nh_va(c, 3, 5, 0x400000, false); }
void c_s_nh_all(uint64_t *c) { cmd_tlbi_nh_all(c, 0); }
void c_snh(uint64_t *c) { cmd_tlbi_snh_all(c); }
void c_s_s2_ipa(uint64_t *c) { cmd_tlbi_s_s2_ipa(c, 3, 0x80000000, false, true); }
void c_s_s12(uint64_t *c) { cmd_tlbi_s_s12_vmall(c, 3); }
void c_s_el2_va(uint64_t *c)
{
    cmd_tlbi_el2_va(c, 0, 0x400000, false);
    smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_S_EL2_VA);
}
void c_s_el2_all(uint64_t *c) { cmd_tlbi_s_el2_all(c); }
void c_el3_va(uint64_t *c) { cmd_tlbi_el3_va(c, 0x400000, false); }
void c_el3_all(uint64_t *c) { cmd_tlbi_el3_all(c); }

const smmu_sec_sid NS = SMMU_SEC_NS, SEC = SMMU_SEC_SECURE, RLM = SMMU_SEC_REALM;

// [3.17] "The definition of matching is identical to that of Armv8-A PE TLBs": each broadcast
// beside the command with the same scope on its Security state's queue [4.4].
const Row kRows[] = {
    {"VAE1_IsNhVa", kBase, kEl2World, Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x400abc).t,
     BANK_NS, c_nh_va, "n.v1a5"},
    {"VAE1_HitsGlobalEntriesOfAnyAsid", kBase, kEl2World,
     Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x800000).t, BANK_NS, c_nh_va_g, "n.v1g"},
    {"VALE1_IsNhVaLeaf", kBase, kEl2World,
     Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x400000).leaf().t, BANK_NS, c_nh_val, "n.v1a5"},
    {"VAAE1_IsNhVaa", kBase, kEl2World, Op(SMMU_TLBI_VAAE1, NS).vmid(1).addr(0x400000).t, BANK_NS,
     c_nh_vaa, "n.v1a5 n.v1a6"},
    {"ASIDE1_IsNhAsidAndKeepsGlobals", kBase, kEl2World,
     Op(SMMU_TLBI_ASIDE1, NS).vmid(1).asid(5).t, BANK_NS, c_nh_asid, "n.v1a5 n.v1a5far n.v1s12"},
    {"VMALLE1_IsNhAll", kBase, kEl2World, Op(SMMU_TLBI_VMALLE1, NS).vmid(1).t, BANK_NS, c_nh_all,
     "n.v1a5 n.v1a6 n.v1g n.v1a5far n.v1s12"},
    {"VMALLS12E1_IsS12Vmall", kBase, kEl2World, Op(SMMU_TLBI_VMALLS12E1, NS).vmid(1).t, BANK_NS,
     c_s12, "n.v1a5 n.v1a6 n.v1g n.v1a5far n.v1s2 n.v1s12"},
    {"ALLE1_IsNsnhAll", kBase, kEl2World, Op(SMMU_TLBI_ALLE1, NS).vmid(1).t, BANK_NS, c_nsnh,
     "n.v1a5 n.v1a6 n.v1g n.v2a5 n.v1a5far n.v1s2 n.v2s2 n.v1s12"},
    {"IPAS2E1_IsS2Ipa", kBase, kEl2World, Op(SMMU_TLBI_IPAS2E1, NS).vmid(1).addr(0x80000000).t,
     BANK_NS, c_s2_ipa, "n.v1s2 n.v1s12"},
    // RVAE1: (NUM + 1) * 2^(5 * SCALE + 1) = 4 pages of 4 KB from 0x400000 [DDI 0487]
    {"RVAE1_IsRangeNhVa", kBase, kEl2World,
     Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x400000).range(1, 0, 1, 0).t, BANK_NS,
     c_nh_va_range, "n.v1a5 n.v1s12"},
    {"VAE2_IsEl2Va", kBase, kEl2World, Op(SMMU_TLBI_VAE2, NS).asid(9).addr(0x400000).t, BANK_NS,
     c_el2_va, "n.el2"},
    {"ALLE2_IsEl2All", kBase, kEl2World, Op(SMMU_TLBI_ALLE2, NS).t, BANK_NS, c_el2_all,
     "n.el2 n.el2b"},
    // [3.17.5] EL2-E2H: the broadcasts supply an ASID; the commands follow CR2.E2H = 1
    {"E2h_VAE2_IsEl2VaByAsid", kBase, kE2hWorld, Op(SMMU_TLBI_VAE2, NS).e2h().asid(5).addr(0x400000).t,
     BANK_NS, c_el2_va, "n.el2"},
    {"E2h_VAE1_IsEl2VaByAsid", kBase, kE2hWorld, Op(SMMU_TLBI_VAE1, NS).e2h().asid(5).addr(0x400000).t,
     BANK_NS, c_el2_va, "n.el2"},
    {"E2h_VAAE1_IsEl2Vaa", kBase, kE2hWorld, Op(SMMU_TLBI_VAAE1, NS).e2h().addr(0x400000).t, BANK_NS,
     c_el2_vaa, "n.el2 n.el2b"},
    {"E2h_ASIDE1_IsEl2Asid", kBase, kE2hWorld, Op(SMMU_TLBI_ASIDE1, NS).e2h().asid(6).t, BANK_NS,
     c_el2_asid, "n.el2b"},
    {"E2h_VMALLE1_IsEl2All", kBase, kE2hWorld, Op(SMMU_TLBI_VMALLE1, NS).e2h().vmid(1).t, BANK_NS,
     c_el2_all, "n.el2 n.el2b"},
    {"E2h_ALLE2_IsEl2All", kBase, kE2hWorld, Op(SMMU_TLBI_ALLE2, NS).e2h().t, BANK_NS, c_el2_all,
     "n.el2 n.el2b"},
    // Secure: EL1 with SEL2 is VMID-qualified [3.17.2.1]; EL3 apart from Secure [3.17.4]
    {"Secure_VAE1_IsNhVa", kBase, kEl2World, Op(SMMU_TLBI_VAE1, SEC).vmid(3).asid(5).addr(0x400000).t,
     BANK_S, c_s_nh_va, "s.v3a5"},
    {"Secure_VMALLE1_IsNhAll", kBase, kEl2World, Op(SMMU_TLBI_VMALLE1, SEC).t, BANK_S, c_s_nh_all,
     "s.v0a5"},
    {"Secure_ALLE1_IsSnhAll", kBase, kEl2World, Op(SMMU_TLBI_ALLE1, SEC).t, BANK_S, c_snh,
     "s.v0a5 s.v3a5 s.v3s2ns s.v3s2s"},
    {"Secure_IPAS2E1_IsSS2IpaOfItsIpaSpace", kBase, kEl2World,
     Op(SMMU_TLBI_IPAS2E1, SEC).vmid(3).addr(0x80000000).ipa_ns().t, BANK_S, c_s_s2_ipa,
     "s.v3s2ns"},
    {"Secure_VMALLS12E1_IsSS12Vmall", kBase, kEl2World, Op(SMMU_TLBI_VMALLS12E1, SEC).vmid(3).t,
     BANK_S, c_s_s12, "s.v3a5 s.v3s2ns s.v3s2s"},
    {"Secure_VAE2_IsSEl2Va", kBase, kEl2World, Op(SMMU_TLBI_VAE2, SEC).addr(0x400000).t, BANK_S,
     c_s_el2_va, "s.el2"},
    {"Secure_ALLE2_IsSEl2All", kBase, kEl2World, Op(SMMU_TLBI_ALLE2, SEC).t, BANK_S, c_s_el2_all,
     "s.el2"},
    {"VAE3_IsEl3Va", kBase, kEl2World, Op(SMMU_TLBI_VAE3, NS).addr(0x400000).t, BANK_S, c_el3_va,
     "s.el3"},
    {"ALLE3_IsEl3All", kBase, kEl2World, Op(SMMU_TLBI_ALLE3, SEC).t, BANK_S, c_el3_all, "s.el3"},
    // Realm: the Realm queue's commands act on Realm state
    {"Realm_VAE1_IsNhVa", kRealm, kEl2World, Op(SMMU_TLBI_VAE1, RLM).vmid(1).asid(5).addr(0x400000).t,
     BANK_R, c_nh_va, "r.v1a5"},
    {"Realm_ALLE1_IsNsnhAll", kRealm, kEl2World, Op(SMMU_TLBI_ALLE1, RLM).t, BANK_R, c_nsnh,
     "r.v1a5 r.v1s2"},
    {"Realm_IPAS2E1_IsS2Ipa", kRealm, kEl2World,
     Op(SMMU_TLBI_IPAS2E1, RLM).vmid(1).addr(0x80000000).t, BANK_R, c_s2_ipa, "r.v1s2"},
    {"Realm_ALLE2_IsEl2All", kRealm, kEl2World, Op(SMMU_TLBI_ALLE2, RLM).t, BANK_R, c_el2_all,
     "r.el2"},
};

// ---------------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------------

class Btm : public SmmuTest {
public:
    void configure(Cfg c)
    {
        cfg.btm = true;
        if (c == kRealm) {
            cfg.rme_impl = true;
            cfg.realm_impl = true;
            cfg.bbml = 2; // a Realm SMMU is SMMUv3.3 with BBML 2 [2.7.1]
        }
        create();
    }
    // SMMU_(S_/R_)CR2 of bank b, through its register (writable while SMMUEN = 0).
    void write_cr2(unsigned b, uint32_t v)
    {
        static const uint64_t off[3] = {SMMU_CR2, SMMU_S_BANK_OFFSET + SMMU_CR2,
                                        SMMU_REALM_BASE(2) + SMMU_CR2};
        static const smmu_pa_space pas[3] = {SMMU_PAS_NS, SMMU_PAS_SECURE, SMMU_PAS_REALM};
        ASSERT_EQ(SMMU_OK, smmu_reg_write(s, off[b], 4, pas[b], v));
        uint64_t r = 0;
        ASSERT_EQ(SMMU_OK, smmu_reg_read(s, off[b], 4, pas[b], &r));
        ASSERT_EQ(v, r) << "CR2 of bank " << b;
    }
    void set_world(Cfg c, World w)
    {
        for (unsigned b = 0; b < 3; b++)
            if (b != BANK_R || c == kRealm)
                write_cr2(b, w == kE2hWorld ? SMMU_CR2_E2H : 0);
    }
    // Empty the TLB and insert every entry the configuration can hold.
    void populate(Cfg c, World w)
    {
        smmu_invalidate_all(s);
        for (const Ent &d : kEnts) {
            tlb_entry e;
            if (entry_of(d, c, w, &e))
                tlb_insert(s->tlb, &e, tlb_generation(s->tlb));
        }
        ASSERT_EQ(populated(c, w), present(c, w)) << "entries overlap";
    }
    std::string populated(Cfg c, World w) { return names(c, w, false); }
    std::string present(Cfg c, World w) { return names(c, w, true); }
    // The entries the configuration holds (lookup == false: all of them; true: those the TLB
    // still finds), space separated in kEnts order.
    std::string names(Cfg c, World w, bool lookup)
    {
        std::string out;
        for (const Ent &d : kEnts) {
            tlb_entry e;
            if (!entry_of(d, c, w, &e))
                continue;
            if (lookup && !tlb_lookup(s->tlb, &e.tag, e.va))
                continue;
            out += out.empty() ? "" : " ";
            out += d.name;
        }
        return out;
    }
    // The populated entries that are gone.
    std::string removed(Cfg c, World w)
    {
        std::string out;
        for (const Ent &d : kEnts) {
            tlb_entry e;
            if (!entry_of(d, c, w, &e) || tlb_lookup(s->tlb, &e.tag, e.va))
                continue;
            out += out.empty() ? "" : " ";
            out += d.name;
        }
        return out;
    }
    // Apply command c as the consumer does (cmdq_decode, then the invalidation entry point).
    void apply_command(unsigned bank, const uint64_t c[2])
    {
        cmdq_action a;
        ASSERT_EQ(0u, cmdq_decode(s, bank, c, 0, &a)) << m->log;
        ASSERT_EQ(CMDQ_ACT_TLBI, a.kind);
        smmu_invalidate_tlb(s, &a.tlbi);
    }
    smmu_status broadcast(const smmu_tlbi &t) { return smmu_tlbi_broadcast(s, &t); }
};

class BtmTable : public Btm, public ::testing::WithParamInterface<Row> {};

TEST_P(BtmTable, BroadcastRemovesWhatTheEquivalentCommandRemoves)
{
    const Row &r = GetParam();
    configure(r.cfg);
    set_world(r.cfg, r.world);

    populate(r.cfg, r.world);
    ASSERT_EQ(SMMU_OK, broadcast(r.op)) << m->log;
    std::string by_broadcast = removed(r.cfg, r.world);

    populate(r.cfg, r.world);
    uint64_t c[2];
    r.cmd(c);
    apply_command(r.bank, c);
    std::string by_command = removed(r.cfg, r.world);

    EXPECT_EQ(r.removed, by_broadcast);
    EXPECT_EQ(r.removed, by_command);
}

INSTANTIATE_TEST_SUITE_P(Ops, BtmTable, ::testing::ValuesIn(kRows), CaseName());

// ---------------------------------------------------------------------------------------------
// Participation: IDR0.BTM, CR2.PTM
// ---------------------------------------------------------------------------------------------

// [3.17, 6.3.1] IDR0.BTM = 0: the SMMU takes no part; the call says so and changes nothing.
TEST_F(Btm, WithoutBtmBroadcastsAndSyncAreUnsupportedAndInvalidateNothing)
{
    cfg.btm = false;
    create();
    populate(kBase, kEl2World);
    unsigned notices = m->inval_notices;
    EXPECT_EQ(SMMU_E_UNSUPPORTED, broadcast(Op(SMMU_TLBI_ALLE1, NS).t));
    EXPECT_EQ(SMMU_E_UNSUPPORTED, smmu_dvm_sync(s));
    EXPECT_EQ("", removed(kBase, kEl2World));
    EXPECT_EQ(notices, m->inval_notices);
    uint64_t idr0 = 0;
    ASSERT_EQ(SMMU_OK, smmu_reg_read(s, SMMU_IDR0, 4, SMMU_PAS_NS, &idr0));
    EXPECT_EQ(0u, idr0 & SMMU_IDR0_BTM);
}

TEST_F(Btm, BtmSetsIdr0BtmAndDvmSyncCompletes)
{
    configure(kBase);
    uint64_t idr0 = 0;
    ASSERT_EQ(SMMU_OK, smmu_reg_read(s, SMMU_IDR0, 4, SMMU_PAS_NS, &idr0));
    EXPECT_EQ(SMMU_IDR0_BTM, idr0 & SMMU_IDR0_BTM);
    EXPECT_EQ(SMMU_OK, smmu_dvm_sync(s));
}

// [3.17, 6.3.12, 6.3.60] PTM = 1 ignores the broadcasts of that Security state only: CR2 for
// the Non-secure regimes, S_CR2 for Secure EL1, S-EL2 and EL3.
TEST_F(Btm, PtmIgnoresTheBroadcastsOfItsSecurityStateOnly)
{
    configure(kBase);
    write_cr2(BANK_NS, SMMU_CR2_PTM);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, NS).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE2, NS).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, SEC).t));
    EXPECT_EQ("s.v0a5 s.v3a5 s.v3s2ns s.v3s2s", removed(kBase, kEl2World));
    EXPECT_TRUE(logged("broadcast TLBI ALLE1 (Non-secure) ignored: CR2.PTM = 1")) << m->log;

    write_cr2(BANK_NS, 0);
    write_cr2(BANK_S, SMMU_CR2_PTM);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, SEC).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE3, SEC).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE2, SEC).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE2, NS).t));
    EXPECT_EQ("n.el2 n.el2b", removed(kBase, kEl2World));
    EXPECT_TRUE(logged("broadcast TLBI ALLE3 (Secure) ignored: S_CR2.PTM = 1")) << m->log;
}

// [6.3.131] R_CR2.PTM opts the Realm regimes out, and only them.
TEST_F(Btm, RealmPtmIgnoresRealmBroadcastsOnly)
{
    configure(kRealm);
    write_cr2(BANK_R, SMMU_CR2_PTM);
    populate(kRealm, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, RLM).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE2, RLM).t));
    EXPECT_EQ("", removed(kRealm, kEl2World));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, NS).t));
    EXPECT_EQ("n.v1a5 n.v1a6 n.v1g n.v2a5 n.v1a5far n.v1s2 n.v2s2 n.v1s12",
              removed(kRealm, kEl2World));
    EXPECT_TRUE(logged("broadcast TLBI ALLE1 (Realm) ignored: R_CR2.PTM = 1")) << m->log;
}

// [3.17] Operations for what the SMMU does not implement are "silently ignored": SMMU_OK,
// nothing removed, a debug diagnostic naming why.
TEST_F(Btm, OperationsOnUnimplementedStatesAndStagesAreIgnored)
{
    cfg.btm = true;
    cfg.secure_impl = false;
    cfg.sel2 = false;
    create();
    populate(kBase, kEl2World); // the Secure entries stand for stale state nothing may reach
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, SEC).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE3, SEC).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, RLM).t));
    EXPECT_EQ("", removed(kBase, kEl2World));
    EXPECT_TRUE(logged("broadcast TLBI ALLE1 (Secure) ignored: the Security state is not "
                       "implemented")) << m->log;
    EXPECT_TRUE(logged("broadcast TLBI ALLE1 (Realm) ignored: the Security state is not "
                       "implemented")) << m->log;
}

// [3.17.2] With RME there is no EL3 StreamWorld: VAE3 / ALLE3 need not invalidate anything.
TEST_F(Btm, El3BroadcastsAreIgnoredWithRme)
{
    configure(kRealm);
    populate(kRealm, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE3, SEC).t));
    EXPECT_EQ("", removed(kRealm, kEl2World));
    EXPECT_TRUE(logged("no EL3 StreamWorld with RME")) << m->log;
}

// [3.17] "When SMMU_IDR0.S2P == 0, the SMMU matches VMID 0 for incoming broadcast TLB
// invalidation messages for a regime that uses VMIDs": every EL1 entry is tagged VMID 0, so a
// VMALLE1 with any VMID removes them; stage-2 operations are ignored.
TEST_F(Btm, WithoutStage2VmidQualifiedBroadcastsMatchVmidZero)
{
    cfg.btm = true;
    cfg.stage2 = false;
    cfg.hyp = false;
    cfg.sel2 = false;
    create();
    tlb_entry e;
    ASSERT_TRUE(entry_of(kEnts[0], kBase, kEl2World, &e));
    e.tag.vmid = 0;
    tlb_insert(s->tlb, &e, tlb_generation(s->tlb));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_IPAS2E1, NS).vmid(7).addr(0x400000).t));
    EXPECT_NE(nullptr, tlb_lookup(s->tlb, &e.tag, e.va));
    EXPECT_TRUE(logged("broadcast TLBI IPAS2E1 (Non-secure) ignored: stage 2 is not "
                       "implemented for this Security state")) << m->log;
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLE1, NS).vmid(7).t));
    EXPECT_EQ(nullptr, tlb_lookup(s->tlb, &e.tag, e.va));
}

// [3.17.2.1] Secure EL1 broadcasts with S_IDR1.SEL2 = 0 are "not determined by VMID": a
// VMALLE1 carrying VMID 5 removes the Secure stage-1 entries whatever their tag, and
// VMALLS12E1 acts on the implemented stage [3.17] (here every Secure EL1 entry).
TEST_F(Btm, SecureEl1BroadcastsWithoutSel2AreNotVmidQualified)
{
    cfg.sel2 = false;
    configure(kBase);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLE1, SEC).vmid(5).t));
    EXPECT_EQ("s.v0a5 s.v3a5", removed(kBase, kEl2World));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLS12E1, SEC).vmid(5).t));
    EXPECT_EQ("s.v0a5 s.v3a5 s.v3s2ns s.v3s2s", removed(kBase, kEl2World));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE2, SEC).t)); // no S-EL2: ignored
    EXPECT_EQ("s.v0a5 s.v3a5 s.v3s2ns s.v3s2s", removed(kBase, kEl2World));
}

// [3.17.6] SMMU_CR0.VMW widens the VMID match of broadcasts as of commands: VMW = 1 ignores
// VMID[0], so a broadcast for VMID 1 also removes VMID 0 entries, never VMID 2 ones.
TEST_F(Btm, VmidWildcardAppliesToBroadcasts)
{
    configure(kBase);
    ASSERT_EQ(SMMU_OK, smmu_reg_write(s, SMMU_CR0, 4, SMMU_PAS_NS,
                                      SMMU_FIELD_PREP(SMMU_CR0_VMW, 1)));
    populate(kBase, kEl2World);
    tlb_entry v0;
    ASSERT_TRUE(entry_of(kEnts[0], kBase, kEl2World, &v0));
    v0.tag.vmid = 0;
    v0.va = 0xA00000;
    tlb_insert(s->tlb, &v0, tlb_generation(s->tlb));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLE1, NS).vmid(1).t));
    EXPECT_EQ("n.v1a5 n.v1a6 n.v1g n.v1a5far n.v1s12", removed(kBase, kEl2World));
    EXPECT_EQ(nullptr, tlb_lookup(s->tlb, &v0.tag, v0.va));
}

// [3.17.4] An 8-bit-ASID/VMID SMMU compares the bottom 8 bits of the broadcast values: it
// must match when the top 8 bits are zero and may when they are not (the model does).
TEST_F(Btm, EightBitSmmuComparesTheBottomEightBits)
{
    cfg.asid16 = false;
    cfg.vmid16 = false;
    configure(kBase);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ASIDE1, NS).vmid(0x101).asid(0x306).t));
    EXPECT_EQ("n.v1a6", removed(kBase, kEl2World));
}

// [3.17.4] A 16-bit SMMU compares all 16 bits: 0x105 is not ASID 5.
TEST_F(Btm, SixteenBitSmmuComparesAllSixteenBits)
{
    configure(kBase);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ASIDE1, NS).vmid(1).asid(0x105).t));
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLE1, NS).vmid(0x102).t));
    EXPECT_EQ("", removed(kBase, kEl2World));
}

// API misuse: SMMU_E_INVAL with a diagnostic, nothing invalidated.
TEST_F(Btm, BadOperandsAreRefused)
{
    configure(kBase);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_E_INVAL, smmu_tlbi_broadcast(s, nullptr));
    const smmu_tlbi alle1 = Op(SMMU_TLBI_ALLE1, NS).t;
    EXPECT_EQ(SMMU_E_INVAL, smmu_tlbi_broadcast(nullptr, &alle1));
    EXPECT_EQ(SMMU_E_INVAL, smmu_dvm_sync(nullptr));
    EXPECT_EQ(SMMU_E_INVAL, broadcast(Op(SMMU_TLBI_OPS, NS).t));
    EXPECT_EQ(SMMU_E_INVAL, broadcast(Op(SMMU_TLBI_ALLE1, (smmu_sec_sid)3).t));
    EXPECT_EQ(SMMU_E_INVAL, broadcast(Op(SMMU_TLBI_VAE1, NS).range(0, 0, 1, 0).t));
    EXPECT_TRUE(logged("broadcast TLBI: a range form needs tg 1 (4 KB), 2 (16 KB) or 3 (64 KB)"));
    EXPECT_EQ(SMMU_E_INVAL, broadcast(Op(SMMU_TLBI_VAE1, NS).range(1, 4, 1, 0).t));
    EXPECT_EQ("", removed(kBase, kEl2World));
    EXPECT_STREQ("VMALLS12E1", smmu_tlbi_op_name(SMMU_TLBI_VMALLS12E1));
    EXPECT_STREQ("unknown", smmu_tlbi_op_name(SMMU_TLBI_OPS));
}

// The range of RVAE1 is (NUM + 1) * 2^(5 * SCALE + 1) granules [DDI 0487]: SCALE 1, NUM 0,
// 64 KB granule = 64 pages of 64 KB = 4 MB from 0x400000 (to 0x7FFFFF): not 0x800000.
TEST_F(Btm, RangeIsNumPlusOneTimesTwoToFiveScalePlusOneGranules)
{
    configure(kBase);
    populate(kBase, kEl2World);
    EXPECT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VAAE1, NS).vmid(1).addr(0x40ABCD).range(3, 1, 0, 3).t));
    EXPECT_EQ("n.v1a5 n.v1a6 n.v1s12", removed(kBase, kEl2World));
}

// [Design: invalidation] The embedder hears of a broadcast TLBI as of a command: the VA range
// of a by-VA operation, everything of the Security state otherwise. Nothing for ignored ones.
TEST_F(Btm, BroadcastsNotifyTheEmbedderLikeCommands)
{
    configure(kBase);
    unsigned n0 = m->inval_notices;
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x400abc).t));
    EXPECT_EQ(n0 + 1, m->inval_notices);
    EXPECT_EQ(SMMU_SEC_NS, m->last_notice.sec);
    EXPECT_TRUE(m->last_notice.by_address);
    EXPECT_FALSE(m->last_notice.all);
    EXPECT_EQ(0x400000u, m->last_notice.addr);
    EXPECT_EQ(1u, m->last_notice.size);

    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, SEC).t));
    EXPECT_EQ(n0 + 2, m->inval_notices);
    EXPECT_EQ(SMMU_SEC_SECURE, m->last_notice.sec);
    EXPECT_TRUE(m->last_notice.all);

    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VAE1, NS).vmid(1).asid(5).addr(0x400000)
                                     .range(2, 0, 3, 0).t));
    EXPECT_EQ(0x400000u, m->last_notice.addr);
    EXPECT_EQ(8u * 16384, m->last_notice.size); // (3 + 1) * 2^1 pages of 16 KB

    write_cr2(BANK_NS, SMMU_CR2_PTM);
    unsigned n1 = m->inval_notices;
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, NS).t));
    EXPECT_EQ(n1, m->inval_notices);
}

// ---------------------------------------------------------------------------------------------
// End to end: a stale translation, removed by the PE's TLBI alone (no SMMU command)
// ---------------------------------------------------------------------------------------------

class BtmXlate : public XlateTest {
public:
    smmu_status broadcast(const smmu_tlbi &t) { return smmu_tlbi_broadcast(s, &t); }
};

// TF-RMM-style software sends no SMMU TLBI when BTM is present [3.17]: the remapped page is
// walked again after the PE's VAE1IS + DSB, and the configuration cache is kept (broadcasts
// never touch it).
TEST_F(BtmXlate, BroadcastVae1RemovesAStaleTranslationButNotTheConfiguration)
{
    expected_findings = 2; // checker mode: a remap with no TLBI between break and make, and the
                           // stale entry used on purpose before the broadcast
    cfg.btm = true;
    create_and_enable();
    pgt pt;
    s1_tables(&pt, m);
    uint64_t cdw[8], ste[8];
    cd_builder cdb;
    cd_make(cdw, pt.root, 12, 48, 48, 1, kMair); // ASID 1
    cd_init(&cdb, m, SMMU_PAS_NS, kCd, 0, 0, 0);
    cd_write(&cdb, 0, cdw);
    ste_make_s1(ste, kCd, 0, 0);
    st_write_ste(&st[BANK_NS], 5, ste);
    // non-global (nG = 1): tagged with ASID 1 [3.17.1]
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x80000000, 0x1000, PGT_S1_RW | PGT_NG));
    ASSERT_EQ(0x80000000u, xlate(5, 0x40000000).pa);
    ASSERT_TRUE(xlate(5, 0x40000000).tlb_hit);

    // The PE remaps the page (break-before-make on its side) and broadcasts the TLBI.
    ASSERT_EQ(0, pgt_unmap(&pt, 0x40000000, 0x1000));
    ASSERT_EQ(0, pgt_map(&pt, 0x40000000, 0x90000000, 0x1000, PGT_S1_RW | PGT_NG));
    EXPECT_EQ(0x80000000u, xlate(5, 0x40000000).pa) << "the SMMU still holds the old entry";
    // Another ASID's, VMID's or Security state's TLBI leaves it
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VAE1, NS).asid(2).addr(0x40000000).t));
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VMALLE1, NS).vmid(1).t));
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_ALLE1, SEC).t));
    EXPECT_EQ(0x80000000u, xlate(5, 0x40000000).pa);
    // VAE1IS for VMID 0 (S2VMID of the stage-1 STE), ASID 1
    ASSERT_EQ(SMMU_OK, broadcast(Op(SMMU_TLBI_VAE1, NS).asid(1).addr(0x40000000).t));
    ASSERT_EQ(SMMU_OK, smmu_dvm_sync(s));
    smmu_result r = xlate(5, 0x40000000);
    EXPECT_EQ(0x90000000u, r.pa);
    EXPECT_FALSE(r.tlb_hit);
    EXPECT_TRUE(r.cfg_hit);
    EXPECT_EQ(0u, stats().cfg_invalidated);
}

} // namespace
