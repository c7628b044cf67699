// Topology (docs/exploration.md "Topology in the core"): TBUs with micro-TLBs and main TLBs in
// front of the TCU's TLB, walk caches and the IPA cache. A model choice, so the tests check
//  - where each translation is found (smmu_result.hit, wc_hits, fetches) and the counters, for
//    traffic whose behaviour is known exactly: fills on the way back, per-TBU isolation, the
//    replacement policies, strided walks over a known 4-level table shape;
//  - that no result depends on the caches: a random run of memory, STE and CD changes with
//    the invalidations the architecture requires [IHI 0070 3.21, 4.3, 4.4], and transactions
//    on random TBUs, compared with the same model with every cache off;
//  - in the same run, that reusing results as smmu_reuse_words allows is exact: the cached
//    model reuses, a copy of it (the shadow) does not, and each reused result is the micro-TLB
//    hit the shadow finds, with counters that differ by the reuses alone.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "xlate_fixture.h"

namespace {

constexpr uint64_t kPage = 0x1000;

class Topology : public S1Test {
public:
    // SID 1: stage 1 (4K granule, 48-bit VA: levels 0..3), ASID 1
    void stage1_stream()
    {
        create_and_enable();
        s1_stream(1);
    }
    void map(uint64_t va, uint64_t pa, uint64_t size = kPage)
    {
        ASSERT_EQ(0, pgt_map(&pt, va, pa, size, PGT_S1_RW));
    }
    static smmu_txn with_tbu(smmu_txn t, unsigned tbu)
    {
        t.flags |= SMMU_TXN_TBU;
        t.tbu = (uint16_t)tbu;
        return t;
    }
    smmu_tbu_stats tbu_stats(unsigned tbu)
    {
        smmu_tbu_stats st_{};
        st_.struct_size = sizeof(st_);
        EXPECT_EQ(SMMU_OK, smmu_get_tbu_stats(s, tbu, &st_));
        return st_;
    }
    smmu_tcu_stats tcu_stats()
    {
        smmu_tcu_stats st_{};
        st_.struct_size = sizeof(st_);
        EXPECT_EQ(SMMU_OK, smmu_get_tcu_stats(s, &st_));
        return st_;
    }
};

// ---- hit levels and counters ----

TEST_F(Topology, DefaultTopologyHitsTheTcuTlb)
{
    stage1_stream();
    map(0x10000, 0x80000);
    smmu_result r = xlate(1, 0x10000);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_HIT_NONE, r.hit);
    EXPECT_EQ(0u, r.wc_hits);
    EXPECT_EQ(6u, r.fetches); // STE, CD, 4 descriptors
    r = xlate(1, 0x10008);
    EXPECT_EQ(SMMU_HIT_TCU_TLB, r.hit);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(0u, r.fetches);
    EXPECT_EQ(2u, tbu_stats(0).translations);
    smmu_tcu_stats t = tcu_stats();
    EXPECT_EQ(2u, t.requests);
    EXPECT_EQ(1u, t.tlb_hits);
    EXPECT_EQ(1u, t.tlb_misses);
}

TEST_F(Topology, TbuThatDoesNotExistIsAnApiError)
{
    cfg.tbus = 2;
    stage1_stream();
    map(0x10000, 0x80000);
    smmu_result r{};
    smmu_txn t = with_tbu(txn_of(1, 0x10000), 2);
    EXPECT_EQ(SMMU_E_INVAL, smmu_translate(s, &t, &r));
    EXPECT_EQ(SMMU_XLATE_ABORT, r.outcome);
    EXPECT_TRUE(logged("TBU 2 of 2"));
    smmu_tbu_stats st_{};
    st_.struct_size = sizeof(st_);
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_tbu_stats(s, 2, &st_));
    // Without SMMU_TXN_TBU the field is not read: TBU 0
    t.flags = 0;
    t.tbu = 7;
    EXPECT_EQ(SMMU_XLATE_OK, translate(t).outcome);
    EXPECT_EQ(1u, tbu_stats(0).translations);
}

// A TCU fill reaches only the TBU that asked; each TBU's micro-TLB then serves it.
TEST_F(Topology, MicroTlbHitsAfterTcuFillPerTbu)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 4;
    stage1_stream();
    map(0x10000, 0x80000);
    smmu_result r = translate(with_tbu(txn_of(1, 0x10000), 0));
    EXPECT_EQ(SMMU_HIT_NONE, r.hit); // walked: fills the TCU TLB and TBU 0's micro-TLB
    EXPECT_FALSE(r.tlb_hit);
    r = translate(with_tbu(txn_of(1, 0x10010), 0));
    EXPECT_EQ(SMMU_HIT_UTLB, r.hit);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(0x80010u, r.pa);
    r = translate(with_tbu(txn_of(1, 0x10020), 1));
    EXPECT_EQ(SMMU_HIT_TCU_TLB, r.hit); // TBU 1's micro-TLB did not have it
    EXPECT_EQ(0x80020u, r.pa);
    r = translate(with_tbu(txn_of(1, 0x10030), 1));
    EXPECT_EQ(SMMU_HIT_UTLB, r.hit); // ... the TCU hit filled it
    for (unsigned t = 0; t < 2; t++) {
        smmu_tbu_stats u = tbu_stats(t);
        EXPECT_EQ(2u, u.translations);
        EXPECT_EQ(1u, u.utlb_hits);
        EXPECT_EQ(1u, u.utlb_misses);
        EXPECT_EQ(0u, u.tlb_hits + u.tlb_misses); // no TBU main TLB
    }
    smmu_tcu_stats t = tcu_stats();
    EXPECT_EQ(2u, t.requests);
    EXPECT_EQ(1u, t.tlb_hits);
    EXPECT_EQ(1u, t.tlb_misses);
    smmu_stats g = stats();
    EXPECT_EQ(3u, g.tlb_hits); // any level
    EXPECT_EQ(1u, g.tlb_misses);
    EXPECT_EQ(SMMU_OK, smmu_clear_stats(s));
    EXPECT_EQ(0u, tbu_stats(1).utlb_hits);
    EXPECT_EQ(0u, tcu_stats().requests);
}

// A debug transaction fills no cache [SMMU_TXN_DEBUG]: through TBU 1 it hits the TCU TLB
// without filling TBU 1's micro-TLB, so the next access of TBU 1 hits the TCU TLB again.
TEST_F(Topology, DebugTransactionsFillNoTbuCache)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 4;
    stage1_stream();
    map(0x10000, 0x80000);
    EXPECT_EQ(SMMU_HIT_NONE, translate(with_tbu(txn_of(1, 0x10000), 0)).hit);
    smmu_result r = translate(with_tbu(txn_of(1, 0x10000, false, SMMU_TXN_DEBUG), 1));
    EXPECT_EQ(SMMU_HIT_TCU_TLB, r.hit);
    EXPECT_EQ(0x80000u, r.pa);
    EXPECT_EQ(SMMU_HIT_TCU_TLB, translate(with_tbu(txn_of(1, 0x10000), 1)).hit);
    EXPECT_EQ(SMMU_HIT_UTLB, translate(with_tbu(txn_of(1, 0x10000), 1)).hit);
}

// ---- reuse words (smmu_reuse_words) ----

// Without the TBU path, word 0 is smmu_reuse_epoch(): it changes on a TLB fill (a walk) and not
// on a hit; NULL for no instance.
TEST_F(Topology, ReuseWordIsTheEpochWithoutTheTbuPath)
{
    EXPECT_EQ(nullptr, smmu_reuse_words(nullptr));
    stage1_stream();
    map(0x10000, 0x80000);
    const uint64_t *w = smmu_reuse_words(s);
    ASSERT_NE(nullptr, w);
    if (cfg.check) { // the checker sees every translation (SMMU_TEST_CHECK): no reuse
        EXPECT_EQ(0u, w[0]);
        return;
    }
    const uint64_t before = w[0];
    EXPECT_NE(0u, before);
    EXPECT_EQ(smmu_reuse_epoch(s), before);
    EXPECT_EQ(SMMU_HIT_NONE, xlate(1, 0x10000).hit); // a walk fills the TLB
    const uint64_t filled = w[0];
    EXPECT_NE(before, filled);
    EXPECT_EQ(smmu_reuse_epoch(s), filled);
    EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, 0x10008).hit);
    EXPECT_EQ(filled, w[0]);
}

// On the TBU path a TBU's word follows the state of its caches: a fill, a use that reorders an
// LRU micro-TLB (not a use of its most recently used entry) and an invalidation change it; the
// other TBU's word changes only with the invalidation (the TCU's round-robin TLB is not
// reordered by its hits). A trace callback turns reuse off (0) and, removed, on with new values.
class TopologyReuse : public Topology, public ::testing::WithParamInterface<smmu_replacement> {};
INSTANTIATE_TEST_SUITE_P(Policies, TopologyReuse,
                         ::testing::Values(SMMU_REPL_LRU, SMMU_REPL_ROUND_ROBIN));

TEST_P(TopologyReuse, TbuWordsFollowTheTbuCaches)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 2;
    cfg.utlb_replacement = GetParam();
    stage1_stream();
    for (unsigned p = 0; p < 3; p++)
        map(0x10000 + p * kPage, 0x80000 + p * kPage);
    const uint64_t *w = smmu_reuse_words(s);
    ASSERT_NE(nullptr, w);
    EXPECT_EQ(0u, smmu_reuse_epoch(s)); // the TBU path: results are reused by TBU
    if (cfg.check) { // the checker sees every translation (SMMU_TEST_CHECK): no reuse
        EXPECT_EQ(0u, w[0]);
        EXPECT_EQ(0u, w[1]);
        return;
    }
    auto at = [&](unsigned p) { return translate(with_tbu(txn_of(1, 0x10000 + p * kPage), 0)); };
    for (unsigned p = 0; p < 3; p++)
        EXPECT_EQ(SMMU_HIT_NONE, at(p).hit); // walks; TBU 0's micro-TLB holds pages 1 and 2
    const uint64_t other = w[1];
    EXPECT_NE(0u, w[0]);
    EXPECT_NE(0u, other);

    uint64_t w0 = w[0];
    EXPECT_EQ(SMMU_HIT_UTLB, at(2).hit); // the most recently used: no change
    EXPECT_EQ(w0, w[0]);
    EXPECT_EQ(SMMU_HIT_UTLB, at(1).hit); // LRU: reordered; round-robin: no change
    if (GetParam() == SMMU_REPL_LRU)
        EXPECT_NE(w0, w[0]);
    else
        EXPECT_EQ(w0, w[0]);
    w0 = w[0];
    EXPECT_EQ(SMMU_HIT_UTLB, at(1).hit);
    EXPECT_EQ(w0, w[0]);
    EXPECT_EQ(SMMU_HIT_TCU_TLB, at(0).hit); // fills TBU 0's micro-TLB, evicting a page
    EXPECT_NE(w0, w[0]);
    EXPECT_EQ(other, w[1]);

    w0 = w[0];
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
    EXPECT_NE(w0, w[0]);
    EXPECT_NE(other, w[1]);

    w0 = w[0];
    ASSERT_EQ(SMMU_OK, smmu_set_trace(s, [](void *, const smmu_trace *) {}));
    EXPECT_EQ(0u, w[0]);
    EXPECT_EQ(0u, w[1]);
    ASSERT_EQ(SMMU_OK, smmu_set_trace(s, nullptr));
    EXPECT_NE(0u, w[0]);
    EXPECT_NE(w0, w[0]);
}

// An embedder's copy of a result (smmu_reuse_words), with its mark (smmu_reuse_renew).
struct Copy {
    uint64_t word;      // the TBU's reuse word right after the translation
    smmu_result res;    // its result, as the repeat's micro-TLB hit
    bool marked;        // mark is its micro-TLB entry's (smmu_get_reuse_mark)
    smmu_reuse_mark mark;
};

// smmu_reuse_renew: a copy whose word went stale by an LRU order alone is its repeat's result,
// and renewing it records the repeat's use. TBU 0 has a 2-entry LRU micro-TLB holding pages 0
// and 1; the TCU TLB is LRU too. Page 0's copy goes stale when page 1 is used; renewed, page 0
// is the most recently used again, so page 2's fill evicts page 1, not page 0 (without the
// renewal's use it would evict page 0). A TCU TLB reorder (a hit from TBU 1) is an order alone
// too. Fills, invalidations and misuse give 0.
TEST_F(Topology, RenewKeepsCopiesThroughLruOrdersAndRecordsTheirUse)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 2;
    cfg.tlb_replacement = SMMU_REPL_LRU;
    stage1_stream();
    for (unsigned p = 0; p < 3; p++)
        map(0x10000 + p * kPage, 0x80000 + p * kPage);
    const uint64_t *w = smmu_reuse_words(s);
    smmu_reuse_mark m0{}, m1{};
    auto at = [&](unsigned p, unsigned tbu = 0) {
        return translate(with_tbu(txn_of(1, 0x10000 + p * kPage), tbu));
    };
    EXPECT_EQ(SMMU_HIT_NONE, at(0).hit);
    EXPECT_EQ(SMMU_HIT_NONE, at(1).hit); // the micro-TLB holds pages 0 and 1
    if (cfg.check) { // the checker sees every translation (SMMU_TEST_CHECK): no reuse
        EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 0, &m0));
        return;
    }
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 1, &m1)); // TBU 1 has used no entry
    EXPECT_EQ(SMMU_HIT_UTLB, at(0).hit); // page 0 the most recently used: an order change
    ASSERT_EQ(SMMU_OK, smmu_get_reuse_mark(s, 0, &m0));
    const uint64_t kept = w[0];
    EXPECT_EQ(SMMU_HIT_UTLB, at(1).hit);
    ASSERT_EQ(SMMU_OK, smmu_get_reuse_mark(s, 0, &m1));
    EXPECT_NE(kept, w[0]); // page 0's copy is stale
    const uint64_t other = w[1];
    const smmu_tbu_stats before = tbu_stats(0);
    const uint64_t renewed = smmu_reuse_renew(s, 0, &m0);
    EXPECT_NE(0u, renewed);
    EXPECT_EQ(renewed, w[0]);     // the word after the recorded use: a new value
    EXPECT_NE(kept, renewed);
    EXPECT_EQ(other, w[1]);       // another TBU's is untouched
    EXPECT_EQ(before.utlb_hits, tbu_stats(0).utlb_hits); // the embedder counts the reuse
    EXPECT_EQ(renewed, smmu_reuse_renew(s, 0, &m0)); // already the most recently used: no change

    // An order alone elsewhere: a TCU TLB hit from TBU 1 reorders the LRU TCU TLB (page 1
    // was its most recently used)
    EXPECT_EQ(SMMU_HIT_TCU_TLB, at(0, 1).hit);
    EXPECT_NE(renewed, w[0]);
    EXPECT_NE(0u, smmu_reuse_renew(s, 0, &m1)); // page 1 the most recently used again
    EXPECT_NE(0u, smmu_reuse_renew(s, 0, &m0)); // and page 0 after it

    // Page 2's walk fills the micro-TLB, evicting the least recently used, page 1: page 0
    // still hits there
    EXPECT_EQ(SMMU_HIT_NONE, at(2).hit);
    EXPECT_EQ(0u, smmu_reuse_renew(s, 0, &m0)); // a fill: contents changed
    EXPECT_EQ(SMMU_HIT_UTLB, at(0).hit);
    EXPECT_EQ(SMMU_HIT_TCU_TLB, at(1).hit);

    // An invalidation ends every mark
    EXPECT_EQ(SMMU_HIT_UTLB, at(1).hit);
    ASSERT_EQ(SMMU_OK, smmu_get_reuse_mark(s, 0, &m1));
    uint64_t c[2];
    cmd_tlbi_nsnh_all(c);
    ASSERT_EQ(0, drv_submit(&drv[BANK_NS], c));
    ASSERT_EQ(0, drv_sync(&drv[BANK_NS]));
    EXPECT_EQ(0u, smmu_reuse_renew(s, 0, &m1));

    // Another TBU's mark, and misuse
    EXPECT_EQ(SMMU_HIT_NONE, at(1).hit);
    EXPECT_EQ(SMMU_HIT_UTLB, at(1).hit);
    ASSERT_EQ(SMMU_OK, smmu_get_reuse_mark(s, 0, &m1));
    EXPECT_EQ(0u, smmu_reuse_renew(s, 1, &m1));
    EXPECT_EQ(0u, smmu_reuse_renew(s, 2, &m1));
    EXPECT_EQ(0u, smmu_reuse_renew(nullptr, 0, &m1));
    EXPECT_EQ(0u, smmu_reuse_renew(s, 0, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(nullptr, 0, &m1));
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 0, nullptr));
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 2, &m1));
}

// An embedder that renews its copies sees exactly an LRU micro-TLB: 3000 random reads of 6
// pages through a 4-entry fully associative LRU micro-TLB, each from a copy (renewed when its
// word went stale) or from the core, agree with a list model of LRU in every hit level. A
// renewal that did not record its use would evict the wrong page at the next fill.
TEST_F(Topology, RenewedCopiesFollowAnLruModel)
{
    cfg.utlb_entries = 4;
    stage1_stream();
    for (unsigned p = 0; p < 6; p++)
        map(0x10000 + p * kPage, 0x80000 + p * kPage);
    if (cfg.check) // the checker sees every translation (SMMU_TEST_CHECK): no reuse
        return;
    const uint64_t *w = smmu_reuse_words(s);
    Copy copy[6] = {};
    std::vector<unsigned> lru; // most recently used first
    std::mt19937_64 rng(42);
    unsigned renewed = 0, reused = 0;
    for (unsigned step = 0; step < 3000; step++) {
        const unsigned p = static_cast<unsigned>(rng() % 6);
        const auto at = std::find(lru.begin(), lru.end(), p);
        const bool held = at != lru.end();
        if (held)
            lru.erase(at);
        lru.insert(lru.begin(), p);
        if (lru.size() > 4)
            lru.pop_back();
        Copy &c = copy[p];
        if (c.word && c.word != w[0] && c.marked) {
            if (const uint64_t now = smmu_reuse_renew(s, 0, &c.mark)) {
                c.word = now;
                renewed++;
            }
        }
        if (c.word && c.word == w[0]) {
            ASSERT_TRUE(held) << "step " << step << ": page " << p << " reused, not in the model";
            reused++;
            continue;
        }
        const smmu_result r = translate(txn_of(1, 0x10000 + p * kPage + 8 * step % 4096));
        ASSERT_EQ(held ? SMMU_HIT_UTLB : r.fetches ? SMMU_HIT_NONE : SMMU_HIT_TCU_TLB, r.hit)
            << "step " << step << ": page " << p;
        c = Copy{};
        if (r.tlb_hit && r.fetches == 0) {
            c.word = w[0];
            c.marked = smmu_get_reuse_mark(s, 0, &c.mark) == SMMU_OK;
        }
    }
    EXPECT_GT(renewed, 300u);
    EXPECT_GT(reused, renewed);
    printf("reused %u, %u of them after a renewal\n", reused, renewed);
}

// A round-robin micro-TLB's order does not change, but the word changes with an LRU TCU TLB's
// order: the copy is renewed, and nothing is touched. A debug transaction that hits behind the
// micro-TLB fills nothing: no mark.
TEST_F(Topology, RenewWithARoundRobinMicroTlb)
{
    cfg.tbus = 2;
    cfg.utlb_entries = 2;
    cfg.utlb_replacement = SMMU_REPL_ROUND_ROBIN;
    cfg.tlb_replacement = SMMU_REPL_LRU;
    stage1_stream();
    map(0x10000, 0x80000);
    map(0x11000, 0x81000);
    const uint64_t *w = smmu_reuse_words(s);
    auto at = [&](uint64_t va, unsigned tbu, uint32_t flags = 0) {
        return translate(with_tbu(txn_of(1, va, false, flags), tbu));
    };
    EXPECT_EQ(SMMU_HIT_NONE, at(0x10000, 0).hit);
    EXPECT_EQ(SMMU_HIT_NONE, at(0x11000, 1).hit);
    smmu_reuse_mark mark{};
    if (cfg.check) { // the checker sees every translation (SMMU_TEST_CHECK): no reuse
        EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 0, &mark));
        return;
    }
    EXPECT_EQ(SMMU_HIT_UTLB, at(0x10000, 0).hit);
    ASSERT_EQ(SMMU_OK, smmu_get_reuse_mark(s, 0, &mark));
    const uint64_t kept = w[0];
    EXPECT_EQ(SMMU_HIT_TCU_TLB, at(0x10000, 1).hit); // reorders the TCU TLB: every word
    EXPECT_NE(kept, w[0]);
    const uint64_t now = w[0];
    EXPECT_EQ(now, smmu_reuse_renew(s, 0, &mark));
    EXPECT_EQ(now, w[0]); // no order to record

    // A debug read that hits the TCU TLB fills no micro-TLB: TBU 0 names no entry
    EXPECT_EQ(SMMU_HIT_TCU_TLB, at(0x11000, 0, SMMU_TXN_DEBUG).hit);
    EXPECT_EQ(SMMU_E_INVAL, smmu_get_reuse_mark(s, 0, &mark));
}

// An embedder's reuse with renewals against a model without copies (the shadow), over every
// micro-TLB associativity and policy (LRU, round-robin), main-TLB replacement policy, strict
// invalidation and debug reads: 20,000 random reads and TLBIs by address on 2 TBUs with 10
// pages. Its copies are keyed without the TBU, as the SystemC module's: a copy of another TBU
// must never answer. Each result, hit level and the counters must be the shadow's.
class TopologyRenew : public Topology,
                      public ::testing::WithParamInterface<
                          std::tuple<unsigned, unsigned, unsigned, bool, bool>> {
public:
    smmu_t *shadow = nullptr;
    smmu_driver sdrv{};
    void TearDown() override
    {
        smmu_destroy(shadow);
        Topology::TearDown();
    }
};

TEST_P(TopologyRenew, RenewedCopiesEqualAModelWithout)
{
    const auto [ways, utlb_repl, repl, strict, debug] = GetParam();
    cfg.tbus = 2;
    cfg.utlb_entries = 4;
    cfg.utlb_ways = ways;
    cfg.utlb_replacement = (smmu_replacement)utlb_repl;
    cfg.tbu_tlb_entries = 8;
    cfg.tbu_tlb_ways = 2;
    cfg.tlb_entries = 8;
    cfg.tlb_ways = 4;
    cfg.tlb_replacement = (smmu_replacement)repl;
    cfg.strict_invalidation = strict;
    create_and_enable();
    s1_stream(1);
    if (cfg.check)
        return;
    smmu_env env = fake_mem_env(m);
    ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &shadow));
    drv_init(&sdrv, shadow, m, SMMU_SEC_NS);
    drv_setup_cmdq(&sdrv, kCmdq + 0x4000, kQs);
    drv_setup_evtq(&sdrv, kEvtq + 0x4000, kQs);
    ASSERT_EQ(0, drv_enable_queues(&sdrv));
    drv_set_strtab(&sdrv, st_base_reg(&st[BANK_NS]), st_base_cfg_reg(&st[BANK_NS]));
    ASSERT_EQ(0, drv_enable_smmu(&sdrv));
    const unsigned N = 10;
    for (unsigned p = 0; p < N; p++)
        map(0x10000 + p * kPage, 0x80000 + p * kPage);
    std::map<std::tuple<unsigned, bool>, Copy> copies; // no TBU in the key, as the module's
    const uint64_t *w = smmu_reuse_words(s);
    std::mt19937_64 rng(7 + ways * 31 + utlb_repl * 101 + repl * 7 + strict * 3 + debug);
    uint64_t reused[2] = {}, renewed = 0;
    for (unsigned step = 0; step < 20000; step++) {
        const unsigned k = (unsigned)(rng() % 100);
        if (k < 2) {
            uint64_t c[2];
            const uint64_t va = 0x10000 + (rng() % N) * kPage;
            cmd_tlbi_nh_va(c, 0, 1, va, rng() & 1);
            command(BANK_NS, c);
            ASSERT_EQ(0, drv_submit(&sdrv, c));
            ASSERT_EQ(0, drv_sync(&sdrv));
            continue;
        }
        const unsigned tbu = (unsigned)(rng() % 2), p = (unsigned)(rng() % N);
        const bool wr = rng() % 4 == 0, dbg = debug && rng() % 8 == 0;
        const smmu_txn t = with_tbu(txn_of(1, 0x10000 + p * kPage + 8 * (step % 64), wr,
                                           dbg ? SMMU_TXN_DEBUG : 0), tbu);
        smmu_result want{}, got{};
        ASSERT_EQ(SMMU_OK, smmu_translate(shadow, &t, &want));
        const auto key = std::make_tuple(p, wr);
        auto it = copies.find(key);
        bool from_copy = false;
        if (!dbg && it != copies.end()) {
            Copy &c = it->second;
            if (c.word != w[tbu] && c.marked)
                if (const uint64_t nw = smmu_reuse_renew(s, tbu, &c.mark)) {
                    c.word = nw;
                    renewed++;
                }
            if (c.word == w[tbu]) {
                got = c.res;
                got.pa += t.addr & (kPage - 1);
                from_copy = true;
                reused[tbu]++;
            }
        }
        if (!from_copy) {
            ASSERT_EQ(SMMU_OK, smmu_translate(s, &t, &got));
            if (!dbg && w[tbu] && got.tlb_hit && got.fetches == 0) {
                Copy c{w[tbu], got, false, {}};
                c.marked = smmu_get_reuse_mark(s, tbu, &c.mark) == SMMU_OK;
                c.res.hit = SMMU_HIT_UTLB;
                c.res.pa &= ~(kPage - 1);
                copies[key] = c;
            }
        }
        ASSERT_EQ(want.outcome, got.outcome) << "step " << step;
        ASSERT_EQ(want.pa, got.pa) << "step " << step;
        ASSERT_EQ(want.hit, got.hit) << "step " << step << " tbu " << tbu << " page " << p
                                     << (from_copy ? " (copy)" : "");
    }
    for (unsigned t = 0; t < 2; t++) {
        smmu_tbu_stats a{}, b{};
        a.struct_size = b.struct_size = sizeof(a);
        smmu_get_tbu_stats(s, t, &a);
        smmu_get_tbu_stats(shadow, t, &b);
        EXPECT_EQ(b.utlb_hits, a.utlb_hits + reused[t]);
        EXPECT_EQ(b.utlb_misses, a.utlb_misses);
        EXPECT_EQ(b.tlb_hits, a.tlb_hits);
        EXPECT_EQ(b.tlb_misses, a.tlb_misses);
    }
    smmu_stats a{}, b{};
    smmu_get_stats(s, &a);
    smmu_get_stats(shadow, &b);
    EXPECT_EQ(b.tlb_evictions, a.tlb_evictions);
    EXPECT_EQ(b.walks, a.walks);
    printf("reused %llu, renewed %llu\n", (unsigned long long)(reused[0] + reused[1]),
           (unsigned long long)renewed);
    if (utlb_repl == SMMU_REPL_LRU || repl == SMMU_REPL_LRU) { // else no order changes
        EXPECT_GT(renewed, 50u);
    }
}
INSTANTIATE_TEST_SUITE_P(Configs, TopologyRenew,
                         ::testing::Combine(::testing::Values(0u, 2u),
                                            ::testing::Values((unsigned)SMMU_REPL_LRU,
                                                              (unsigned)SMMU_REPL_ROUND_ROBIN),
                                            ::testing::Values((unsigned)SMMU_REPL_LRU,
                                                              (unsigned)SMMU_REPL_RANDOM,
                                                              (unsigned)SMMU_REPL_ROUND_ROBIN),
                                            ::testing::Bool(), ::testing::Bool()));

// A TBU without a micro-TLB keeps nothing to repeat: its word stays 0.
TEST_F(Topology, ReuseWordIsZeroWithoutAMicroTlb)
{
    cfg.tbus = 2;
    stage1_stream();
    map(0x10000, 0x80000);
    const uint64_t *w = smmu_reuse_words(s);
    EXPECT_EQ(0u, smmu_reuse_epoch(s));
    EXPECT_EQ(0u, w[0]);
    EXPECT_EQ(0u, w[1]);
    EXPECT_EQ(SMMU_HIT_NONE, translate(with_tbu(txn_of(1, 0x10000), 1)).hit);
    EXPECT_EQ(0u, w[1]);
}

// Micro-TLB of one entry behind a TBU TLB: the TBU TLB serves what the micro-TLB lost, and
// fills it on the way back.
TEST_F(Topology, TbuTlbRefillsTheMicroTlb)
{
    cfg.utlb_entries = 1;
    cfg.tbu_tlb_entries = 16;
    stage1_stream();
    map(0x10000, 0x80000);
    map(0x11000, 0x90000);
    EXPECT_EQ(SMMU_HIT_NONE, xlate(1, 0x10000).hit);
    EXPECT_EQ(SMMU_HIT_NONE, xlate(1, 0x11000).hit); // the micro-TLB now holds 0x11000 only
    EXPECT_EQ(SMMU_HIT_TBU_TLB, xlate(1, 0x10000).hit);
    EXPECT_EQ(SMMU_HIT_UTLB, xlate(1, 0x10000).hit);
    EXPECT_EQ(SMMU_HIT_TBU_TLB, xlate(1, 0x11000).hit);
    smmu_tbu_stats u = tbu_stats(0);
    EXPECT_EQ(5u, u.translations);
    EXPECT_EQ(1u, u.utlb_hits);
    EXPECT_EQ(4u, u.utlb_misses);
    EXPECT_EQ(2u, u.tlb_hits);
    EXPECT_EQ(2u, u.tlb_misses);
    EXPECT_EQ(2u, tcu_stats().requests);
}

// ---- replacement, analytically ----

class TopologyLru : public Topology, public ::testing::WithParamInterface<unsigned> {};

// A working set of W pages cycled through an LRU micro-TLB of E = 8 entries: after the first
// cycle every access hits when W <= E and none does when W > E (each access evicts the page
// used longest ago, which is the next one needed).
TEST_P(TopologyLru, CyclicWorkingSetHitsAllOrNothing)
{
    const unsigned W = GetParam(), E = 8;
    cfg.utlb_entries = E;
    cfg.utlb_ways = 0; // fully associative
    cfg.utlb_replacement = SMMU_REPL_LRU;
    stage1_stream();
    map(0x100000, 0x800000, 0x100000);
    for (unsigned i = 0; i < W; i++)
        xlate(1, 0x100000 + i * kPage);
    ASSERT_EQ(SMMU_OK, smmu_clear_stats(s));
    const unsigned cycles = 5;
    for (unsigned c = 0; c < cycles; c++)
        for (unsigned i = 0; i < W; i++)
            ASSERT_EQ(SMMU_XLATE_OK, xlate(1, 0x100000 + i * kPage).outcome);
    smmu_tbu_stats u = tbu_stats(0);
    EXPECT_EQ(W <= E ? cycles * W : 0u, u.utlb_hits);
    EXPECT_EQ(W <= E ? 0u : cycles * W, u.utlb_misses);
}
INSTANTIATE_TEST_SUITE_P(WorkingSet, TopologyLru, ::testing::Values(1u, 7u, 8u, 9u, 16u));

// Round-robin evicts in fill order whatever the use: with 4 ways filled by A B C D, E evicts A
// and F evicts B although B was just used; LRU would have evicted C.
TEST_F(Topology, RoundRobinEvictsInFillOrder)
{
    cfg.utlb_entries = 4;
    cfg.utlb_replacement = SMMU_REPL_ROUND_ROBIN;
    stage1_stream();
    map(0x100000, 0x800000, 0x10000);
    auto va = [](unsigned i) { return 0x100000 + i * kPage; };
    for (unsigned i = 0; i < 4; i++)
        xlate(1, va(i)); // A B C D
    xlate(1, va(4));     // E replaces A
    EXPECT_EQ(SMMU_HIT_UTLB, xlate(1, va(1)).hit);
    xlate(1, va(5)); // F replaces B
    EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, va(1)).hit); // B refilled over C
    EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, va(2)).hit); // C gone, refilled over D
    EXPECT_EQ(SMMU_HIT_UTLB, xlate(1, va(4)).hit);
    EXPECT_EQ(SMMU_HIT_UTLB, xlate(1, va(5)).hit);
}

// The TCU's TLB with ways 0 (fully associative) and tlb_replacement: A B C D fill it, a hit on
// A makes B the least recently used, so E evicts B under LRU and A under round-robin.
TEST_F(Topology, TcuTlbReplacementPolicy)
{
    for (smmu_replacement p : {SMMU_REPL_LRU, SMMU_REPL_ROUND_ROBIN}) {
        SCOPED_TRACE(p);
        cfg.tlb_entries = 4;
        cfg.tlb_ways = 0;
        cfg.tlb_replacement = p;
        stage1_stream();
        map(0x100000, 0x800000, 0x10000);
        auto va = [](unsigned i) { return 0x100000 + i * kPage; };
        for (unsigned i = 0; i < 4; i++)
            EXPECT_EQ(SMMU_HIT_NONE, xlate(1, va(i)).hit);
        for (unsigned i = 0; i < 4; i++) // fully associative: all four stay
            EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, va(i)).hit);
        EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, va(0)).hit);
        EXPECT_EQ(SMMU_HIT_NONE, xlate(1, va(4)).hit); // E
        bool lru = p == SMMU_REPL_LRU;
        EXPECT_EQ(lru ? SMMU_HIT_TCU_TLB : SMMU_HIT_NONE, xlate(1, va(0)).hit);
        smmu_destroy(s);
        s = nullptr;
        fake_mem_destroy(m);
        m = fake_mem_create();
    }
}

// Random replacement: the way comes from the model's xorshift64 generator [Marsaglia 2003],
// seeded per cache (topology.c): recomputed here, each eviction of a 2-entry micro-TLB is
// predicted exactly, and the sequence restarts at smmu_reset.
TEST_F(Topology, RandomReplacementIsTheSeededGenerator)
{
    cfg.utlb_entries = 2;
    cfg.utlb_replacement = SMMU_REPL_RANDOM;
    stage1_stream();
    map(0x100000, 0x800000, 0x40000);
    uint64_t x = UINT64_C(0x75746c6200000000); // SEED_UTLB + TBU 0
    auto next_way = [&x]() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return (unsigned)(((x >> 32) * 2) >> 32);
    };
    uint64_t way[2];
    way[0] = 0x100000;
    way[1] = 0x101000;
    xlate(1, way[0]);
    xlate(1, way[1]);
    for (unsigned i = 2; i < 40; i++) {
        uint64_t v = 0x100000 + i * kPage;
        EXPECT_EQ(SMMU_HIT_NONE, xlate(1, v).hit);
        unsigned w = next_way();
        uint64_t evicted = way[w];
        way[w] = v;
        EXPECT_EQ(SMMU_HIT_UTLB, xlate(1, way[1 - w]).hit) << i;
        EXPECT_EQ(SMMU_HIT_TCU_TLB, xlate(1, evicted).hit) << i;
        // that refill evicted another way: follow it
        unsigned w2 = next_way();
        way[w2] = evicted;
    }
}

// ---- walk caches, analytically ----

struct Stride {
    const char *name;
    uint64_t stride;
    unsigned level; // the deepest walk cache that hits: table descriptors of this level
    unsigned fetches;
};

class TopologyStride : public Topology, public ::testing::WithParamInterface<Stride> {};

// 4K granule, 48-bit VA: the walk reads descriptors at levels 0, 1, 2 (tables) and 3 (page).
// With no TLB, every access walks from the deepest cached table: pages 4 KB apart share the
// level-2 descriptor (1 fetch: the page), 2 MB apart the level-1 one (2 fetches), 1 GB apart
// the level-0 one (3 fetches) [Arm ARM D8.2 translation table walk].
TEST_P(TopologyStride, StridedAccessHitsOneWalkCacheLevel)
{
    const Stride &p = GetParam();
    cfg.tlb_entries = 0;
    cfg.wc_s1_l0_entries = cfg.wc_s1_l1_entries = cfg.wc_s1_l2_entries = 64;
    stage1_stream();
    const unsigned n = 8;
    for (unsigned i = 0; i <= n; i++)
        map(0x8000000000ull + i * p.stride, 0x800000 + i * kPage);
    smmu_result r = xlate(1, 0x8000000000ull);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0u, r.wc_hits);
    EXPECT_EQ(6u, r.fetches); // STE, CD, levels 0..3
    ASSERT_EQ(SMMU_OK, smmu_clear_stats(s));
    for (unsigned i = 1; i <= n; i++) {
        r = xlate(1, 0x8000000000ull + i * p.stride);
        ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
        EXPECT_EQ(0x800000 + i * kPage, r.pa);
        EXPECT_EQ(SMMU_HIT_NONE, r.hit);
        EXPECT_EQ(1u, r.wc_hits);
        EXPECT_EQ(p.fetches, r.fetches);
    }
    smmu_tcu_stats t = tcu_stats();
    for (unsigned l = 0; l < 3; l++) {
        EXPECT_EQ(l == p.level ? n : 0u, t.wc_hits[0][l]) << l;
        // levels deeper than the hit are looked up first and miss
        EXPECT_EQ(l > p.level ? n : 0u, t.wc_misses[0][l]) << l;
        EXPECT_EQ(0u, t.wc_hits[1][l] + t.wc_misses[1][l]);
    }
    EXPECT_EQ(n * p.fetches, stats().table_fetches);
}
INSTANTIATE_TEST_SUITE_P(Walks, TopologyStride,
                         ::testing::Values(Stride{"Page", 0x1000, 2, 1},
                                           Stride{"Block2M", 0x200000, 1, 2},
                                           Stride{"Block1G", 0x40000000, 0, 3}),
                         CaseName());

// A table descriptor removed under a cached walk: a TLBI with Leaf = 1 may keep the walk-cache
// entry (and strict mode does), Leaf = 0 must remove it [IHI 0070 4.4.1; Arm ARM D8.13].
TEST_F(Topology, LeafTlbiKeepsWalkEntriesOnlyInStrictMode)
{
    for (bool strict : {false, true}) {
        SCOPED_TRACE(strict);
        cfg.strict_invalidation = strict;
        cfg.tlb_entries = 0;
        cfg.wc_s1_l2_entries = 8;
        stage1_stream();
        map(0x200000, 0x800000);
        ASSERT_EQ(SMMU_XLATE_OK, xlate(1, 0x200000).outcome);
        uint64_t c[2];
        cmd_tlbi_nh_va(c, 0, 1, 0x200000, true);
        command(BANK_NS, c);
        smmu_result r = xlate(1, 0x200000);
        EXPECT_EQ(strict ? 1u : 0u, r.wc_hits);
        cmd_tlbi_nh_va(c, 0, 1, 0x200000, false);
        command(BANK_NS, c);
        EXPECT_EQ(0u, xlate(1, 0x200000).wc_hits);
        smmu_destroy(s);
        s = nullptr;
        fake_mem_destroy(m);
        m = fake_mem_create();
    }
}

// A walk that raced an invalidation fills no level [topology.c: one generation for every
// level]: software invalidates everything while the walk reads its level-0 descriptor, so the
// level 0, 1 and 2 table descriptors and the leaf it then reads are of the old generation
// (each could be stale). The next access finds nothing: no micro-TLB, TBU TLB or TCU TLB
// entry, no walk-cache entry (0 walk-cache hits, the 4 descriptors fetched again); the one
// after that is a micro-TLB hit.
struct WcRace {
    Topology *t;
    uint64_t pa;
    bool fired;
};

TEST_F(Topology, WalkRacingInvalidationFillsNoLevel)
{
    cfg.utlb_entries = 4;
    cfg.tbu_tlb_entries = 16;
    cfg.wc_s1_l0_entries = cfg.wc_s1_l1_entries = cfg.wc_s1_l2_entries = 8;
    stage1_stream();
    map(0x10000, 0x80000);
    WcRace race{this, pt.root, false}; // VA 0x10000: the level-0 descriptor is the table's first
    m->on_read_arg = &race;
    m->on_read = [](void *arg, uint64_t pa, smmu_pa_space) {
        WcRace *c = static_cast<WcRace *>(arg);
        if (c->fired || pa != c->pa)
            return;
        c->fired = true;
        c->t->tlbi_all();
    };
    smmu_result r = xlate(1, 0x10000);
    ASSERT_TRUE(race.fired);
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(0x80000u, r.pa);
    m->on_read = nullptr;
    r = xlate(1, 0x10004);
    EXPECT_EQ(SMMU_HIT_NONE, r.hit);
    EXPECT_EQ(0u, r.wc_hits);
    EXPECT_EQ(4u, r.fetches); // levels 0..3; STE and CD stay cached (no CFGI)
    r = xlate(1, 0x10008);
    EXPECT_EQ(SMMU_HIT_UTLB, r.hit);
    EXPECT_EQ(0u, r.fetches);
}

// smmu_reset empties every level (micro-TLB, TBU TLB, TCU TLB, walk caches): after it and a
// fresh enable, an access that hit the walk caches walks from the STE again, and one that hit
// the micro-TLB is found in no TLB level.
TEST_F(Topology, ResetEmptiesEveryLevel)
{
    cfg.utlb_entries = 4;
    cfg.tbu_tlb_entries = 16;
    cfg.wc_s1_l0_entries = cfg.wc_s1_l1_entries = cfg.wc_s1_l2_entries = 8;
    stage1_stream();
    map(0x10000, 0x80000);
    map(0x11000, 0x81000);
    ASSERT_EQ(SMMU_XLATE_OK, xlate(1, 0x10000).outcome);
    ASSERT_EQ(SMMU_HIT_UTLB, xlate(1, 0x10004).hit);
    ASSERT_EQ(1u, xlate(1, 0x11000).wc_hits); // the level-2 table descriptor is cached
    ASSERT_EQ(SMMU_OK, smmu_reset(s));
    enable();
    st_write_ste(&st[BANK_NS], 1, ste);
    smmu_result r = xlate(1, 0x11000); // nothing cached: STE, CD, levels 0..3
    ASSERT_EQ(SMMU_XLATE_OK, r.outcome);
    EXPECT_EQ(SMMU_HIT_NONE, r.hit);
    EXPECT_EQ(0u, r.wc_hits);
    EXPECT_EQ(6u, r.fetches);
    // 0x10000 was in every TLB level before the reset: now only the level-2 table descriptor
    // the walk above cached serves it (one fetch: the leaf)
    r = xlate(1, 0x10000);
    EXPECT_EQ(SMMU_HIT_NONE, r.hit);
    EXPECT_EQ(1u, r.wc_hits);
    EXPECT_EQ(1u, r.fetches);
}

// ---- the property: no result depends on the caches ----

constexpr uint32_t kSidS1 = 1, kSidS2 = 2, kSidNested = 3;
constexpr uint64_t kNestedPool = 0x1800000; // stage-1 tables of SID 3, IPA == PA
constexpr uint64_t kNestedS2Pool = 0x2000000;
constexpr uint64_t kSecPool = 0x400000;     // Secure PA space
// Pages each stream translates: 4 pages in each of 4 regions, under different tables of
// every level.
constexpr uint64_t kRegions[4] = {0x0, 0x200000, 0x40000000, 0x8000000000ull};
constexpr uint64_t kIpaBase = 0x40000000; // SID 3's stage-1 output, SID 2's input

struct Rng {
    uint64_t x;
    uint64_t next()
    {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    }
    unsigned below(unsigned n) { return (unsigned)(next() % n); }
};

// One address space: tables, the stream's tags, and what is mapped.
struct Space {
    pgt pt{};
    unsigned bank;
    uint16_t vmid, asid;
    bool stage2;
    uint32_t sid;
};

// The key of a Copy: by TBU, stream, page and access.
using CopyKey = std::tuple<unsigned, uint32_t, unsigned, uint64_t, unsigned, uint32_t>;

class TopologyProperty : public Topology, public ::testing::WithParamInterface<uint64_t> {
public:
    smmu_t *ref = nullptr; // every cache off
    smmu_t *shadow = nullptr; // the cached model's configuration, without reuse
    smmu_driver rdrv[2]{}, sdrv[2]{};
    std::map<CopyKey, Copy> copies;   // s reuses, as smmu_reuse_words allows
    uint64_t reused[4] = {}, reused_cfg = 0, renewed = 0;
    Space sp[4]; // 0: SID 1 stage 1 (NS), 1: SID 2 stage 2, 2: SID 3 stage 1, 3: Secure SID 1
    pgt s2n{};   // SID 3's stage 2 (structures identity-mapped, then its output pages)
    uint64_t ste1[8]{}, ste2[8]{}, ste3[8]{}, stes[8]{};
    uint64_t cd1[8]{}, cd3[8]{}, cds[8]{};
    cd_builder cdb1{}, cdb3{}, cdbs{};
    bool ste2_abort = false, struct_unmapped = false;
    uint64_t next_pa = 0x10000000;
    Rng rng{1};
    unsigned checks = 0;
    std::set<uint64_t> s2n_mapped; // output IPAs of SID 3 that its stage 2 maps
    uint64_t last_va[4] = {0, kIpaBase, 0, 0};

    void TearDown() override
    {
        smmu_destroy(ref);
        smmu_destroy(shadow);
        Topology::TearDown();
    }

    // Its own queues (at + off), the same tables.
    void enable_other(smmu_t *o, smmu_driver *d, unsigned b, uint64_t off)
    {
        drv_init(d, o, m, b == BANK_S ? SMMU_SEC_SECURE : SMMU_SEC_NS);
        drv_setup_cmdq(d, kCmdq + off, kQs);
        drv_setup_evtq(d, kEvtq + off, kQs);
        ASSERT_EQ(0, drv_enable_queues(d));
        drv_set_strtab(d, st_base_reg(&st[b]), st_base_cfg_reg(&st[b]));
        ASSERT_EQ(0, drv_enable_smmu(d));
    }
    void enable_ref(unsigned b)
    {
        enable_other(ref, &rdrv[b], b, 0x8000);
        enable_other(shadow, &sdrv[b], b, 0x4000);
    }

    void setup()
    {
        rng.x = GetParam();
        // odd seeds: strict invalidation (micro-TLBs take exact scopes, Leaf = 1 keeps walk
        // entries: docs/bring-up.md)
        cfg.strict_invalidation = (GetParam() & 1) != 0;
        cfg.secure_impl = true;
        cfg.tbus = 4;
        cfg.utlb_entries = 4;
        // seeds with bit 1 set: round-robin micro-TLBs (reuse survives uses of other entries)
        cfg.utlb_replacement = GetParam() & 2 ? SMMU_REPL_ROUND_ROBIN : SMMU_REPL_LRU;
        cfg.tbu_tlb_entries = 16;
        cfg.tbu_tlb_ways = 4;
        cfg.tlb_entries = 32;
        cfg.tlb_ways = 4;
        cfg.tlb_replacement = SMMU_REPL_RANDOM;
        cfg.cfg_entries = 8;
        cfg.cfg_ways = 2;
        cfg.wc_s1_l0_entries = cfg.wc_s1_l1_entries = cfg.wc_s1_l2_entries = 4;
        cfg.wc_s2_l0_entries = cfg.wc_s2_l1_entries = cfg.wc_s2_l2_entries = 4;
        cfg.wc_ways = 2;
        cfg.ipa_cache_entries = 4;
        smmu_config rc = cfg;
        rc.tbus = 4;
        rc.utlb_entries = rc.tbu_tlb_entries = rc.tlb_entries = rc.cfg_entries = 0;
        rc.wc_s1_l0_entries = rc.wc_s1_l1_entries = rc.wc_s1_l2_entries = 0;
        rc.wc_s2_l0_entries = rc.wc_s2_l1_entries = rc.wc_s2_l2_entries = 0;
        rc.ipa_cache_entries = 0;
        rc.check = false;
        create();
        smmu_env env = fake_mem_env(m);
        ASSERT_EQ(SMMU_OK, smmu_create(&rc, &env, &ref));
        ASSERT_EQ(SMMU_OK, smmu_create(&cfg, &env, &shadow));
        enable(BANK_NS);
        enable(BANK_S);
        enable_ref(BANK_NS);
        enable_ref(BANK_S);

        // SID 1: stage 1, ASID 1 (VMID 0)
        sp[0].bank = BANK_NS, sp[0].vmid = 0, sp[0].asid = 1, sp[0].stage2 = false,
        sp[0].sid = kSidS1;
        s1_tables(&sp[0].pt, m);
        cd_make(cd1, sp[0].pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdb1, m, SMMU_PAS_NS, kCd, 0, 0, 0);
        cd_write(&cdb1, 0, cd1);
        ste_make_s1(ste1, kCd, 0, 0);
        st_write_ste(&st[BANK_NS], kSidS1, ste1);

        // SID 2: stage 2, VMID 2
        sp[1].bank = BANK_NS, sp[1].vmid = 2, sp[1].asid = 0, sp[1].stage2 = true,
        sp[1].sid = kSidS2;
        s2_tables(&sp[1].pt, m);
        ste_make_bypass(ste2);
        ste_s2_params p2 = s2_params_of(sp[1].pt, 48, 2);
        ste_set_s2(ste2, &p2);
        st_write_ste(&st[BANK_NS], kSidS2, ste2);

        // SID 3: nested, ASID 3, VMID 3; its CD and stage-1 tables at IPA == PA
        sp[2].bank = BANK_NS, sp[2].vmid = 3, sp[2].asid = 3, sp[2].stage2 = false,
        sp[2].sid = kSidNested;
        stage_tables(&sp[2].pt, m, 1, 12, 48, SMMU_PAS_NS, kNestedPool);
        stage_tables(&s2n, m, 2, 12, 48, SMMU_PAS_NS, kNestedS2Pool);
        ASSERT_EQ(0, pgt_map(&s2n, kCd, kCd, 0x200000, PGT_S2_RW));
        ASSERT_EQ(0, pgt_map(&s2n, kNestedPool, kNestedPool, 0x400000, PGT_S2_RW));
        cd_make(cd3, sp[2].pt.root, 12, 48, 48, 3, kMair);
        cd_init(&cdb3, m, SMMU_PAS_NS, kCd + 0x1000, 0, 0, 0);
        cd_write(&cdb3, 0, cd3);
        ste_make_s1(ste3, kCd + 0x1000, 0, 0);
        ste_s2_params p3 = s2_params_of(s2n, 48, 3);
        ste_set_s2(ste3, &p3);
        st_write_ste(&st[BANK_NS], kSidNested, ste3);

        // Secure SID 1: stage 1, ASID 1 like the Non-secure SID 1 (the Security state tells
        // them apart)
        sp[3].bank = BANK_S, sp[3].vmid = 0, sp[3].asid = 1, sp[3].stage2 = false,
        sp[3].sid = kSidS1;
        pgt_params ps = pgt_default_params(1, 12, 48);
        ps.pas = SMMU_PAS_SECURE;
        ps.secure_tables = true;
        ps.pool_base = kSecPool;
        ps.pool_size = 0x400000;
        ASSERT_EQ(0, pgt_init(&sp[3].pt, m, &ps));
        cd_make(cds, sp[3].pt.root, 12, 48, 48, 1, kMair);
        cd_init(&cdbs, m, SMMU_PAS_SECURE, kCd, 0, 0, 0);
        cd_write(&cdbs, 0, cds);
        ste_make_s1(stes, kCd, 0, 0);
        st_write_ste(&st[BANK_S], kSidS1, stes);

        for (unsigned i = 0; i < 4; i++)
            for (unsigned r = 0; r < 4; r++)
                for (unsigned pg = 0; pg < 4; pg++)
                    map_page(i, page_va(i, r, pg));
    }

    uint64_t page_va(unsigned i, unsigned region, unsigned pg) const
    {
        return (i == 1 ? kIpaBase : 0) + kRegions[region] + pg * kPage;
    }
    uint64_t fresh_pa()
    {
        next_pa += kPage;
        return next_pa;
    }
    // Map va of space i to a new page; SID 3's stage 1 outputs IPAs that its stage 2 maps.
    void map_page(unsigned i, uint64_t va)
    {
        // not global: by-ASID invalidations cover them [IHI 0070 3.17.1]
        uint64_t attrs = sp[i].stage2 ? PGT_S2_RW : PGT_S1_RW | PGT_NG;
        if (rng.below(4) == 0) // read-only
            attrs = sp[i].stage2 ? (attrs & ~PGT_S2AP(3)) | PGT_S2AP(1) : attrs | PGT_AP(3);
        if (i == 2) {
            uint64_t ipa = kIpaBase + (va & 0xFFFFFFFFF000ull);
            ASSERT_EQ(0, pgt_map(&sp[2].pt, va, ipa, kPage, attrs));
            if (s2n_mapped.insert(ipa).second) {
                ASSERT_EQ(0, pgt_map(&s2n, ipa, fresh_pa(), kPage, PGT_S2_RW));
            }
            return;
        }
        ASSERT_EQ(0, pgt_map(&sp[i].pt, va, fresh_pa(), kPage, attrs));
    }

    std::string history; // the last changes, for a failure's message

    void sync_both(unsigned b, const std::vector<std::array<uint64_t, 2>> &cmds)
    {
        char h[96];
        snprintf(h, sizeof(h), "[step %u bank %u:", checks, b);
        history += h;
        for (const auto &c : cmds) {
            snprintf(h, sizeof(h), " op 0x%02x w0 %016llx w1 %016llx;", (unsigned)(c[0] & 0xff),
                     (unsigned long long)c[0], (unsigned long long)c[1]);
            history += h;
        }
        history += "]\n";
        if (history.size() > 4000)
            history.erase(0, history.size() - 4000);
        for (const auto &c : cmds) {
            ASSERT_EQ(0, drv_submit(&drv[b], c.data()));
            ASSERT_EQ(0, drv_submit(&rdrv[b], c.data()));
            ASSERT_EQ(0, drv_submit(&sdrv[b], c.data()));
        }
        ASSERT_EQ(0, drv_sync(&drv[b]));
        ASSERT_EQ(0, drv_sync(&rdrv[b]));
        ASSERT_EQ(0, drv_sync(&sdrv[b]));
    }

    using Cmds = std::vector<std::array<uint64_t, 2>>;

    // The stage-1 invalidations that cover va of space i (its ASID / VMID): any one will do.
    void s1_inval(unsigned i, const std::vector<uint64_t> &vas, bool table, Cmds *out)
    {
        std::array<uint64_t, 2> c{};
        const Space &x = sp[i];
        switch (rng.below(5)) {
        case 0: // by VA (Leaf = 1 only for a leaf change)
            for (uint64_t va : vas) {
                cmd_tlbi_nh_va(c.data(), x.vmid, x.asid, va, table ? false : rng.below(2));
                out->push_back(c);
            }
            break;
        case 1:
            for (uint64_t va : vas) {
                cmd_tlbi_nh_vaa(c.data(), x.vmid, va, table ? false : rng.below(2));
                out->push_back(c);
            }
            break;
        case 2:
            cmd_tlbi_nh_asid(c.data(), x.vmid, x.asid);
            out->push_back(c);
            break;
        case 3:
            cmd_tlbi_nh_all(c.data(), x.vmid);
            out->push_back(c);
            break;
        default:
            if (x.bank == BANK_S)
                cmd_tlbi_snh_all(c.data());
            else
                cmd_tlbi_nsnh_all(c.data());
            out->push_back(c);
            break;
        }
    }
    // Stage-2 invalidations covering ipas of VMID vmid, then what the combined entries need
    // [IHI 0070 4.4.2.1: TLBI_S2_IPA does not have to remove stage 1+2 entries].
    void s2_inval(uint16_t vmid, const std::vector<uint64_t> &ipas, bool table, bool nested,
                  Cmds *out)
    {
        std::array<uint64_t, 2> c{};
        switch (rng.below(3)) {
        case 0:
            for (uint64_t ipa : ipas) {
                cmd_tlbi_s2_ipa(c.data(), vmid, ipa, table ? false : rng.below(2));
                out->push_back(c);
            }
            if (nested) {
                cmd_tlbi_nh_all(c.data(), vmid);
                out->push_back(c);
            }
            break;
        case 1:
            cmd_tlbi_s12_vmall(c.data(), vmid);
            out->push_back(c);
            break;
        default:
            cmd_tlbi_nsnh_all(c.data());
            out->push_back(c);
            break;
        }
    }

    // A leaf or a table of space i replaced: break (invalid), invalidate + CMD_SYNC, make.
    void change_mapping(unsigned i)
    {
        unsigned region = rng.below(4), pg = rng.below(4);
        bool table = rng.below(4) == 0;
        std::vector<uint64_t> vas;
        if (table) {
            for (unsigned k = 0; k < 4; k++)
                vas.push_back(page_va(i, region, k));
        } else {
            vas.push_back(page_va(i, region, pg));
        }
        pgt *tp = &sp[i].pt;
        if (table) {
            // the level-2 (or level-1) table descriptor on the region's path
            // (regions 0 and 1 share their level-1 descriptor: only level 2 for them)
            int level = region >= 2 && rng.below(2) ? 1 : 2;
            uint64_t a;
            smmu_pa_space pas;
            ASSERT_EQ(0, pgt_desc_addr(tp, vas[0], level, &a, &pas));
            pgt_write(tp, a, pas, 0);
        } else {
            ASSERT_EQ(0, pgt_unmap(tp, vas[0], kPage));
        }
        Cmds cmds;
        if (sp[i].stage2)
            s2_inval(sp[i].vmid, vas, table, false, &cmds);
        else
            s1_inval(i, vas, table, &cmds);
        sync_both(sp[i].bank, cmds);
        for (uint64_t va : vas)
            map_page(i, va);
    }

    // SID 3's stage 2: a leaf (an output page) replaced, or the block that holds its
    // stage-1 tables unmapped (walks then fault, CLASS TT) or mapped again.
    void change_nested_s2()
    {
        Cmds cmds;
        if (rng.below(3) == 0) {
            if (struct_unmapped) {
                ASSERT_EQ(0, pgt_map(&s2n, kNestedPool, kNestedPool, 0x200000, PGT_S2_RW));
                struct_unmapped = false;
                return; // invalid -> valid: nothing cached to remove
            }
            ASSERT_EQ(0, pgt_unmap(&s2n, kNestedPool, 0x200000));
            struct_unmapped = true;
            s2_inval(3, {kNestedPool}, false, true, &cmds);
        } else {
            uint64_t va = page_va(2, rng.below(4), rng.below(4));
            uint64_t ipa = kIpaBase + va;
            ASSERT_EQ(0, pgt_unmap(&s2n, ipa, kPage));
            s2_inval(3, {ipa}, false, true, &cmds);
            sync_both(BANK_NS, cmds);
            ASSERT_EQ(0, pgt_map(&s2n, ipa, fresh_pa(), kPage, PGT_S2_RW));
            return;
        }
        sync_both(BANK_NS, cmds);
    }

    // Configuration: SID 1's CD changes ASID (1 <-> 5; the old ASID is invalidated as a
    // driver frees it), SID 2's STE aborts or translates again, or everything is
    // invalidated.
    void change_config()
    {
        Cmds cmds;
        std::array<uint64_t, 2> c{};
        switch (rng.below(3)) {
        case 0: {
            uint16_t old = sp[0].asid;
            sp[0].asid = old == 1 ? 5 : 1;
            cd_make(cd1, sp[0].pt.root, 12, 48, 48, sp[0].asid, kMair);
            cd_write(&cdb1, 0, cd1);
            cmd_cfgi_cd(c.data(), kSidS1, 0, true, false);
            cmds.push_back(c);
            cmd_tlbi_nh_asid(c.data(), 0, old);
            cmds.push_back(c);
            break;
        }
        case 1: {
            ste2_abort = !ste2_abort;
            // STE.V in one word: no unsafe live update [3.21.3]
            uint64_t e[8];
            memcpy(e, ste2, sizeof(e));
            if (ste2_abort)
                e[0] &= ~1ull;
            st_write_ste(&st[BANK_NS], kSidS2, e);
            cmd_cfgi_ste(c.data(), kSidS2, true, false);
            cmds.push_back(c);
            break;
        }
        default:
            cmd_cfgi_all(c.data(), false);
            cmds.push_back(c);
            break;
        }
        sync_both(BANK_NS, cmds);
    }

    struct Recent {
        smmu_txn t;
        unsigned space;
    };
    Recent recent[8]{}; // the last transactions, for bursts
    unsigned nrecent = 0;

    // burst: one of the last 8 transactions again at another offset of its page (DMA bursts,
    // interleaved: A, B, A reorders a micro-TLB)
    void compare_one(bool burst = false)
    {
        // Some locality, as DMA has: half the accesses reuse the space's last page, and each
        // space mostly enters by its own TBU
        burst = burst && nrecent > 0;
        const unsigned n = nrecent < 8 ? nrecent : 8;
        const Recent &r = recent[rng.below(2) ? (nrecent - 1) % 8 : rng.below(n ? n : 1)];
        unsigned i = burst ? r.space : rng.below(4);
        smmu_txn t = r.t;
        if (burst) {
            t.addr = (t.addr & ~(kPage - 1)) + rng.below(512) * 8;
        } else {
            uint64_t page = rng.below(2) ? last_va[i] : page_va(i, rng.below(4), rng.below(4));
            last_va[i] = page;
            uint64_t va = page + rng.below(512) * 8;
            t = txn_of(sp[i].sid, va, rng.below(3) == 0, rng.below(2) ? SMMU_TXN_PRIV : 0,
                       sp[i].bank == BANK_S ? SMMU_SEC_SECURE : SMMU_SEC_NS);
            t.flags |= SMMU_TXN_TBU;
            t.tbu = (uint16_t)(rng.below(4) ? i : rng.below(4));
            recent[nrecent++ % 8] = {t, i};
        }
        const uint64_t va = t.addr;
        smmu_result a{}, b{}, c{};
        const bool was_reused = translate_reusing(t, &a);
        ASSERT_EQ(SMMU_OK, smmu_translate(ref, &t, &b));
        ASSERT_EQ(SMMU_OK, smmu_translate(shadow, &t, &c));
        char what[200];
        snprintf(what, sizeof(what), "step %u: space %u sid %u va 0x%llx tbu %u hit %u", checks, i,
                 t.sid, (unsigned long long)va, t.tbu, a.hit);
        snprintf(what + strlen(what), sizeof(what) - strlen(what), " write %d flags 0x%x event 0x%x/0x%x",
                 t.access == SMMU_ACCESS_WRITE, t.flags, a.event, b.event);
        ASSERT_EQ(b.outcome, a.outcome) << what << "\n" << history;
        ASSERT_EQ(b.pa, a.pa) << what;
        ASSERT_EQ(b.pas, a.pas) << what;
        ASSERT_EQ(b.perm, a.perm) << what;
        ASSERT_EQ(b.mair, a.mair) << what;
        ASSERT_EQ(b.sh, a.sh) << what;
        ASSERT_EQ(b.event, a.event) << what;
        ASSERT_EQ(b.map_base, a.map_base) << what;
        ASSERT_EQ(b.map_size, a.map_size) << what;
        // The reusing model is the cached one: a reuse is the micro-TLB hit of the shadow
        ASSERT_EQ(c.hit, a.hit) << what << (was_reused ? " (reused)" : "");
        ASSERT_EQ(c.tlb_hit, a.tlb_hit) << what;
        ASSERT_EQ(c.cfg_lookups, a.cfg_lookups) << what;
        ASSERT_EQ(c.wc_hits, a.wc_hits) << what;
        ASSERT_EQ(c.fetches, a.fetches) << what;
        checks++;
        for (unsigned k = 0; k < 2; k++) { // drain the event queues
            drv_set_evtq_cons(&drv[k], drv_evtq_prod(&drv[k]));
            drv_set_evtq_cons(&rdrv[k], drv_evtq_prod(&rdrv[k]));
            drv_set_evtq_cons(&sdrv[k], drv_evtq_prod(&sdrv[k]));
        }
    }

    // s's translation as an embedder that reuses results does it (smmu_reuse_words): from a
    // copy while the TBU's word is the one it was kept with or the copy can be renewed
    // (smmu_reuse_renew), else by the core, keeping a result with tlb_hit and fetches == 0 as
    // its repeat's micro-TLB hit. Returns true if a copy answered.
    bool translate_reusing(const smmu_txn &t, smmu_result *a)
    {
        const uint64_t *words = smmu_reuse_words(s);
        const uint64_t page = t.addr & ~(kPage - 1);
        const CopyKey key{t.tbu, t.sid, (unsigned)t.sec, page, (unsigned)t.access, t.flags};
        auto it = copies.find(key);
        if (it != copies.end() && it->second.word != words[t.tbu] && it->second.marked) {
            if (const uint64_t w = smmu_reuse_renew(s, t.tbu, &it->second.mark)) {
                it->second.word = w;
                renewed++;
            }
        }
        if (it != copies.end() && it->second.word == words[t.tbu]) {
            *a = it->second.res;
            a->pa += t.addr - page;
            reused[t.tbu]++;
            reused_cfg += a->cfg_lookups;
            return true;
        }
        EXPECT_EQ(SMMU_OK, smmu_translate(s, &t, a));
        if (words[t.tbu] && a->tlb_hit && a->fetches == 0) {
            Copy cp{words[t.tbu], *a, false, {}};
            cp.marked = smmu_get_reuse_mark(s, t.tbu, &cp.mark) == SMMU_OK;
            cp.res.hit = SMMU_HIT_UTLB;
            cp.res.pa -= t.addr - page;
            copies[key] = cp;
        }
        return false;
    }
};

TEST_P(TopologyProperty, EveryResultAfterSyncEqualsTheUncachedModel)
{
    setup();
    if (HasFatalFailure())
        return;
    uint64_t by_hit[4] = {0}, wc = 0;
    for (unsigned step = 0; step < 5000; step++) {
        unsigned k = rng.below(16);
        if (k == 0)
            change_mapping(rng.below(4));
        else if (k == 1)
            change_nested_s2();
        else if (k == 2 && rng.below(4) == 0)
            change_config();
        else
            compare_one(rng.below(2) == 0);
        if (HasFatalFailure())
            return;
    }
    // The run exercised every level
    for (unsigned t = 0; t < 4; t++) {
        smmu_tbu_stats u = tbu_stats(t);
        by_hit[1] += u.utlb_hits;
        by_hit[2] += u.tlb_hits;
    }
    smmu_tcu_stats tc = tcu_stats();
    by_hit[3] = tc.tlb_hits;
    for (unsigned st_ = 0; st_ < 2; st_++)
        for (unsigned l = 0; l < 3; l++)
            wc += tc.wc_hits[st_][l];
    printf("checks %u: utlb hits %llu, TBU TLB hits %llu, TCU TLB hits %llu, walk-cache hits "
           "%llu, IPA-cache hits %llu\n",
           checks, (unsigned long long)by_hit[1], (unsigned long long)by_hit[2],
           (unsigned long long)by_hit[3], (unsigned long long)wc,
           (unsigned long long)tc.ipa_hits);
    EXPECT_GT(checks, 2000u);
    // Reuse: the counters are the shadow's, less what the reuses stood for
    smmu_stats cs{}, ss{};
    ASSERT_EQ(SMMU_OK, smmu_get_stats(s, &cs));
    ASSERT_EQ(SMMU_OK, smmu_get_stats(shadow, &ss));
    uint64_t all = 0;
    for (unsigned t = 0; t < 4; t++) {
        smmu_tbu_stats u = tbu_stats(t), v{};
        v.struct_size = sizeof(v);
        ASSERT_EQ(SMMU_OK, smmu_get_tbu_stats(shadow, t, &v));
        EXPECT_EQ(v.translations, u.translations + reused[t]) << "TBU " << t;
        EXPECT_EQ(v.utlb_hits, u.utlb_hits + reused[t]) << "TBU " << t;
        EXPECT_EQ(v.utlb_misses, u.utlb_misses) << "TBU " << t;
        EXPECT_EQ(v.tlb_hits, u.tlb_hits) << "TBU " << t;
        EXPECT_EQ(v.tlb_misses, u.tlb_misses) << "TBU " << t;
        all += reused[t];
        by_hit[1] += reused[t];
    }
    EXPECT_EQ(ss.translations, cs.translations + all);
    EXPECT_EQ(ss.tlb_hits, cs.tlb_hits + all);
    EXPECT_EQ(ss.cfg_hits, cs.cfg_hits + reused_cfg);
    EXPECT_EQ(ss.cfg_misses, cs.cfg_misses);
    EXPECT_EQ(ss.walks, cs.walks);
    EXPECT_EQ(ss.table_fetches, cs.table_fetches);
    smmu_tcu_stats sc{};
    sc.struct_size = sizeof(sc);
    ASSERT_EQ(SMMU_OK, smmu_get_tcu_stats(shadow, &sc));
    EXPECT_EQ(0, memcmp(&sc, &tc, sizeof(sc)));
    printf("reused %llu of them, %llu after a renewal\n", (unsigned long long)all,
           (unsigned long long)renewed);
    // Reuse is on unless the checker is (SMMU_TEST_CHECK: every translation reaches it);
    // renewals need LRU micro-TLBs (seeds with bit 1 clear)
    if (!cfg.check) {
        EXPECT_GT(all, 200u);
        if (!(GetParam() & 2)) {
            EXPECT_GT(renewed, 3u);
        }
    }
    EXPECT_GT(by_hit[1], 100u);
    EXPECT_GT(by_hit[2], 10u);
    EXPECT_GT(by_hit[3], 10u);
    EXPECT_GT(wc, 100u);
    EXPECT_GT(tc.ipa_hits, 10u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, TopologyProperty,
                         ::testing::Values(0x243F6A8885A308D3ull, 0x13198A2E03707344ull,
                                           0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ull));

} // namespace
