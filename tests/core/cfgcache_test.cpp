// Configuration cache tests [IHI 0070 3.3.4 caching of STEs and CDs, 4.3 CMD_CFGI_*]: keys,
// replacement, the generation rule and every invalidation scope.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <tuple>

extern "C" {
#include "cfgcache.h"
}

namespace {

using CfgcPtr = std::unique_ptr<cfgcache, decltype(&cfgc_destroy)>;

CfgcPtr make_cache(unsigned entries, unsigned ways)
{
    return CfgcPtr(cfgc_create(entries, ways), &cfgc_destroy);
}

// Structures told apart by their address field.
ste_cfg ste(uint64_t addr)
{
    ste_cfg s{};
    s.kind = STE_S1;
    s.ste_addr = addr;
    s.vmid = static_cast<uint16_t>(addr);
    return s;
}

cd_cfg cd(uint64_t addr)
{
    cd_cfg c{};
    c.cd_addr = addr;
    c.asid = static_cast<uint16_t>(addr);
    return c;
}

void put_ste(cfgcache *c, unsigned sec, uint32_t sid, uint64_t addr)
{
    ste_cfg s = ste(addr);
    cfgc_insert_ste(c, sec, sid, &s, cfgc_generation(c));
}

void put_cd(cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid, uint64_t addr)
{
    cd_cfg d = cd(addr);
    cfgc_insert_cd(c, sec, sid, ssid, &d, cfgc_generation(c));
}

constexpr uint64_t kMiss = ~UINT64_C(0);

uint64_t ste_at(cfgcache *c, unsigned sec, uint32_t sid)
{
    const ste_cfg *s = cfgc_lookup_ste(c, sec, sid);
    return s ? s->ste_addr : kMiss;
}

uint64_t cd_at(cfgcache *c, unsigned sec, uint32_t sid, uint32_t ssid)
{
    const cd_cfg *d = cfgc_lookup_cd(c, sec, sid, ssid);
    return d ? d->cd_addr : kMiss;
}

cfgc_counters counters(const cfgcache *c)
{
    cfgc_counters k;
    cfgc_get_counters(c, &k);
    return k;
}

cfg_inval scope(uint8_t what, uint8_t sec, uint32_t first, uint32_t last, uint32_t ssid = 0)
{
    cfg_inval i{};
    i.what = what;
    i.sec = sec;
    i.sid_first = first;
    i.sid_last = last;
    i.ssid = ssid;
    return i;
}

// STEs are keyed by {security state, StreamID}, CDs by {security state, StreamID,
// SubstreamID}; an STE and a CD never alias [IHI 0070 3.3.4].
TEST(CfgCacheLookup, KeysSeparateSecuritySidSsidAndStructure)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 0, 5, 0x1000);
    put_cd(c.get(), 0, 5, 0, 0x2000);
    put_cd(c.get(), 0, 5, 1, 0x3000);
    EXPECT_EQ(ste_at(c.get(), 0, 5), 0x1000u);
    EXPECT_EQ(cd_at(c.get(), 0, 5, 0), 0x2000u);
    EXPECT_EQ(cd_at(c.get(), 0, 5, 1), 0x3000u);
    EXPECT_EQ(ste_at(c.get(), 1, 5), kMiss) << "Secure StreamID 5 is another stream";
    EXPECT_EQ(ste_at(c.get(), 0, 6), kMiss);
    EXPECT_EQ(cd_at(c.get(), 2, 5, 0), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 6, 0), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 5, 2), kMiss);
    EXPECT_EQ(counters(c.get()).hits, 3u);
    EXPECT_EQ(counters(c.get()).misses, 5u);
    const ste_cfg *s = cfgc_lookup_ste(c.get(), 0, 5);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->kind, STE_S1);
    EXPECT_EQ(s->vmid, 0x1000);
}

// StreamIDs use all 32 bits and SubstreamIDs all 20 [IHI 0070 IDR1.SIDSIZE / SSIDSIZE].
TEST(CfgCacheLookup, FullWidthStreamAndSubstreamIds)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 0, 0xFFFFFFFF, 0x1000);
    put_cd(c.get(), 0, 0xFFFFFFFF, 0xFFFFF, 0x2000);
    EXPECT_EQ(ste_at(c.get(), 0, 0xFFFFFFFF), 0x1000u);
    EXPECT_EQ(cd_at(c.get(), 0, 0xFFFFFFFF, 0xFFFFF), 0x2000u);
    EXPECT_EQ(ste_at(c.get(), 0, 0x7FFFFFFF), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 0xFFFFFFFF, 0x7FFFF), kMiss);
}

// A SubstreamID wider than 20 bits cannot exist: never cached, never found.
TEST(CfgCacheLookup, SubstreamIdAbove20BitsIsNotCached)
{
    auto c = make_cache(64, 4);
    put_cd(c.get(), 0, 1, 0x100000, 0x2000);
    EXPECT_EQ(cd_at(c.get(), 0, 1, 0x100000), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 1, 0), kMiss) << "not truncated to SSID 0";
}

TEST(CfgCacheLookup, ZeroEntriesNeverHits)
{
    auto c = make_cache(0, 4);
    ASSERT_NE(c, nullptr);
    put_ste(c.get(), 0, 1, 0x1000);
    EXPECT_EQ(ste_at(c.get(), 0, 1), kMiss);
    cfg_inval all = scope(CFGI_STE_AND_CDS, 0, 0, 0);
    all.all_sids = all.all_sec = true;
    EXPECT_EQ(cfgc_invalidate(c.get(), &all), 0u);
}

// Re-inserting a structure replaces the cached copy: one entry, the newest content.
TEST(CfgCacheLookup, ReinsertReplacesTheCachedCopy)
{
    auto c = make_cache(4, 4);
    put_ste(c.get(), 0, 1, 0x1000);
    put_ste(c.get(), 0, 1, 0x2000);
    EXPECT_EQ(ste_at(c.get(), 0, 1), 0x2000u);
    cfg_inval i = scope(CFGI_STE_AND_CDS, 0, 1, 1);
    EXPECT_EQ(cfgc_invalidate(c.get(), &i), 1u);
}

// A full set replaces round-robin from way 0 (model choice).
TEST(CfgCacheReplacement, FullSetEvictsRoundRobin)
{
    auto c = make_cache(4, 4);
    for (uint32_t sid = 0; sid < 4; sid++)
        put_ste(c.get(), 0, sid, 0x1000 + sid);
    put_cd(c.get(), 0, 9, 3, 0x9000); // replaces way 0: STE 0
    EXPECT_EQ(ste_at(c.get(), 0, 0), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 9, 3), 0x9000u);
    put_ste(c.get(), 0, 10, 0xA000);  // replaces way 1: STE 1
    EXPECT_EQ(ste_at(c.get(), 0, 1), kMiss);
    EXPECT_EQ(ste_at(c.get(), 0, 2), 0x1002u);
    EXPECT_EQ(ste_at(c.get(), 0, 3), 0x1003u);
    EXPECT_EQ(ste_at(c.get(), 0, 10), 0xA000u);
    // the evicted STE 0 left its stream's chain: invalidating stream 0 finds nothing
    cfg_inval i = scope(CFGI_STE_AND_CDS, 0, 0, 1);
    EXPECT_EQ(cfgc_invalidate(c.get(), &i), 0u);
}

// A set-associative cache holds exactly its capacity.
TEST(CfgCacheReplacement, SetAssociativeHoldsExactlyCapacity)
{
    auto c = make_cache(32, 4);
    for (uint32_t sid = 0; sid < 500; sid++)
        put_ste(c.get(), 0, sid, sid);
    unsigned hits = 0;
    for (uint32_t sid = 0; sid < 500; sid++)
        hits += ste_at(c.get(), 0, sid) == sid;
    EXPECT_EQ(hits, 32u);
    cfg_inval all = scope(CFGI_STE_AND_CDS, 0, 0, 0);
    all.all_sids = all.all_sec = true;
    EXPECT_EQ(cfgc_invalidate(c.get(), &all), 32u);
}

// Every invalidation advances the generation; a fetch that started before it is dropped.
TEST(CfgCacheGeneration, InsertAfterAnInvalidationIsDropped)
{
    auto c = make_cache(64, 4);
    uint64_t g0 = cfgc_generation(c.get());
    cfg_inval i = scope(CFGI_CD_ALL, 0, 77, 77);
    EXPECT_EQ(cfgc_invalidate(c.get(), &i), 0u);
    EXPECT_EQ(cfgc_generation(c.get()), g0 + 1);
    ste_cfg s = ste(0x1000);
    cd_cfg d = cd(0x2000);
    cfgc_insert_ste(c.get(), 0, 1, &s, g0);
    cfgc_insert_cd(c.get(), 0, 1, 0, &d, g0);
    EXPECT_EQ(ste_at(c.get(), 0, 1), kMiss);
    EXPECT_EQ(cd_at(c.get(), 0, 1, 0), kMiss);
    cfgc_insert_ste(c.get(), 0, 1, &s, g0 + 1);
    EXPECT_EQ(ste_at(c.get(), 0, 1), 0x1000u);
}

// A populated cache for the invalidation scopes: StreamIDs 1..3 in two security states,
// each with an STE and CDs 0 and 1.
class CfgCacheInval : public ::testing::Test {
protected:
    CfgcPtr c = make_cache(256, 8);
    void SetUp() override
    {
        for (unsigned sec = 0; sec < 2; sec++) {
            for (uint32_t sid = 1; sid <= 3; sid++) {
                put_ste(c.get(), sec, sid, 1);
                put_cd(c.get(), sec, sid, 0, 1);
                put_cd(c.get(), sec, sid, 1, 1);
            }
        }
    }
    // A picture of what remains: for each sec, sid 1..3: 'S' STE, then '0'/'1' for CDs.
    std::string remaining()
    {
        std::string r;
        for (unsigned sec = 0; sec < 2; sec++) {
            for (uint32_t sid = 1; sid <= 3; sid++) {
                r += ste_at(c.get(), sec, sid) != kMiss ? 'S' : '-';
                r += cd_at(c.get(), sec, sid, 0) != kMiss ? '0' : '-';
                r += cd_at(c.get(), sec, sid, 1) != kMiss ? '1' : '-';
                r += ' ';
            }
            r += '|';
        }
        return r;
    }
    unsigned inval(const cfg_inval &i) { return cfgc_invalidate(c.get(), &i); }
};

// CMD_CFGI_STE: the STE and every CD cached through it [IHI 0070 4.3.2].
TEST_F(CfgCacheInval, SteAndCdsOfOneStream)
{
    EXPECT_EQ(inval(scope(CFGI_STE_AND_CDS, 0, 2, 2)), 3u);
    EXPECT_EQ(remaining(), "S01 --- S01 |S01 S01 S01 |");
    EXPECT_EQ(counters(c.get()).invalidated, 3u);
}

// CMD_CFGI_STE_RANGE: every stream of the range [IHI 0070 4.3.3].
TEST_F(CfgCacheInval, SteAndCdsOfARange)
{
    EXPECT_EQ(inval(scope(CFGI_STE_AND_CDS, 1, 2, 3)), 6u);
    EXPECT_EQ(remaining(), "S01 S01 S01 |S01 --- --- |");
}

// A range wider than the cache (CMD_CFGI_STE_RANGE with a large Range) is still exact.
TEST_F(CfgCacheInval, WideRangeIsExact)
{
    EXPECT_EQ(inval(scope(CFGI_STE_AND_CDS, 0, 2, 0xFFFFFFFF)), 6u);
    EXPECT_EQ(remaining(), "S01 --- --- |S01 S01 S01 |");
}

// CMD_CFGI_ALL: every stream of the security state [IHI 0070 4.3.5].
TEST_F(CfgCacheInval, AllSidsOfOneSecurityState)
{
    cfg_inval i = scope(CFGI_STE_AND_CDS, 1, 0, 0);
    i.all_sids = true;
    EXPECT_EQ(inval(i), 9u);
    EXPECT_EQ(remaining(), "S01 S01 S01 |--- --- --- |");
}

// all_sec (S_INIT, reset): every security state, for one stream or all.
TEST_F(CfgCacheInval, AllSecurityStates)
{
    cfg_inval i = scope(CFGI_STE_AND_CDS, 0, 3, 3);
    i.all_sec = true;
    EXPECT_EQ(inval(i), 6u);
    EXPECT_EQ(remaining(), "S01 S01 --- |S01 S01 --- |");
    i.all_sids = true;
    EXPECT_EQ(inval(i), 12u);
    EXPECT_EQ(remaining(), "--- --- --- |--- --- --- |");
}

// CMD_CFGI_CD: one CD; the STE and other CDs stay [IHI 0070 4.3.4].
TEST_F(CfgCacheInval, OneCd)
{
    EXPECT_EQ(inval(scope(CFGI_CD_ONE, 0, 1, 1, 1)), 1u);
    EXPECT_EQ(remaining(), "S0- S01 S01 |S01 S01 S01 |");
    EXPECT_EQ(inval(scope(CFGI_CD_ONE, 1, 3, 3, 0)), 1u);
    EXPECT_EQ(remaining(), "S0- S01 S01 |S01 S01 S-1 |");
    EXPECT_EQ(inval(scope(CFGI_CD_ONE, 1, 3, 3, 7)), 0u);
}

// CMD_CFGI_CD_ALL: every CD of the stream; the STE stays [IHI 0070 4.3.4].
TEST_F(CfgCacheInval, AllCdsOfAStream)
{
    EXPECT_EQ(inval(scope(CFGI_CD_ALL, 0, 2, 2)), 2u);
    EXPECT_EQ(remaining(), "S01 S-- S01 |S01 S01 S01 |");
    cfg_inval i = scope(CFGI_CD_ALL, 0, 0, 0);
    i.all_sids = true;
    i.all_sec = true;
    EXPECT_EQ(inval(i), 10u);
    EXPECT_EQ(remaining(), "S-- S-- S-- |S-- S-- S-- |");
}

// An empty range (last < first) removes nothing but still starts a new generation.
TEST_F(CfgCacheInval, EmptyRangeRemovesNothing)
{
    uint64_t g = cfgc_generation(c.get());
    EXPECT_EQ(inval(scope(CFGI_STE_AND_CDS, 0, 3, 2)), 0u);
    EXPECT_EQ(cfgc_generation(c.get()), g + 1);
    EXPECT_EQ(remaining(), "S01 S01 S01 |S01 S01 S01 |");
}

// ---- stream contexts: the translation hit path's memo of one lookup ----

// Store the context of (sec, sid, ssv, ssid) made of the entries the cache holds now.
void put_ctx(cfgcache *c, unsigned sec, uint32_t sid, bool ssv, uint32_t ssid, bool with_cd)
{
    cfgc_ctx x{};
    x.ste = cfgc_lookup_ste(c, sec, sid);
    x.cd = with_cd ? cfgc_lookup_cd(c, sec, sid, ssv ? ssid : 0) : nullptr;
    x.flags = 0x5A; // translate.c's data: stored as given
    cfgc_store_ctx(c, sec, sid, ssv, ssid, &x);
}

// A context is found while the cache is unchanged, with the entries it was made of and the
// caller's data; any insert (even of another stream) or invalidation drops it, so that its
// pointers are never stale [IHI 0070 3.3.4, 4.3].
TEST(CfgCacheContext, FoundOnlyWhileTheCacheIsUnchanged)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 0, 7, 0x700);
    put_cd(c.get(), 0, 7, 0, 0x7C0);
    put_ctx(c.get(), 0, 7, false, 0, true);
    const cfgc_ctx *x = cfgc_lookup_ctx(c.get(), 0, 7, false, 0);
    ASSERT_NE(nullptr, x);
    EXPECT_EQ(0x700u, x->ste->ste_addr);
    EXPECT_EQ(0x7C0u, x->cd->cd_addr);
    EXPECT_EQ(0x5A, x->flags);
    put_ste(c.get(), 0, 8, 0x800); // another stream's fill
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 0, 7, false, 0));
    put_ctx(c.get(), 0, 7, false, 0, true);
    ASSERT_NE(nullptr, cfgc_lookup_ctx(c.get(), 0, 7, false, 0));
    cfg_inval other = scope(CFGI_STE_AND_CDS, 0, 100, 100); // even an unrelated CFGI
    cfgc_invalidate(c.get(), &other);
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 0, 7, false, 0));
}

// Contexts are keyed like the structures they stand for, plus the presence of a SubstreamID:
// no SubstreamID and SubstreamID 0 are different contexts (S1DSS [5.2]).
TEST(CfgCacheContext, KeysSeparateSecurityStreamAndSubstream)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 1, 3, 0x300);
    put_ctx(c.get(), 1, 3, false, 0, false);
    EXPECT_NE(nullptr, cfgc_lookup_ctx(c.get(), 1, 3, false, 0));
    EXPECT_NE(nullptr, cfgc_lookup_ctx(c.get(), 1, 3, false, 9)); // SSID ignored without SSV
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 1, 3, true, 0));
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 0, 3, false, 0));
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 2, 3, false, 0));
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 1, 3 + (1u << 31), false, 0));
    put_ctx(c.get(), 1, 3, true, 0xFFFFF, false);
    EXPECT_NE(nullptr, cfgc_lookup_ctx(c.get(), 1, 3, true, 0xFFFFF));
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 1, 3, true, 0xFFFFE));
}

// SubstreamIDs have at most 20 bits: a wider one never finds (nor stores) a context, so it
// cannot alias a valid one.
TEST(CfgCacheContext, SubstreamIdAbove20BitsIsNeverFound)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 0, 1, 0x100);
    put_ctx(c.get(), 0, 1, false, 0, false);
    put_ctx(c.get(), 0, 1, true, 0x100000, false);
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 0, 1, true, 0x100000));
    EXPECT_EQ(nullptr, cfgc_lookup_ctx(c.get(), 0, 1, true, 0x300001));
    EXPECT_NE(nullptr, cfgc_lookup_ctx(c.get(), 0, 1, false, 0));
}

// The use of a context counts as the lookups it replaces: STE, or STE and CD.
TEST(CfgCacheContext, UseCountsTheLookupsItReplaces)
{
    auto c = make_cache(64, 4);
    put_ste(c.get(), 0, 1, 0x100);
    put_cd(c.get(), 0, 1, 4, 0x140);
    cfgc_clear_counters(c.get());
    put_ctx(c.get(), 0, 1, true, 4, true);
    const cfgc_ctx *x = cfgc_lookup_ctx(c.get(), 0, 1, true, 4);
    ASSERT_NE(nullptr, x);
    cfgc_ctx_used(c.get(), x);
    EXPECT_EQ(2u + 2u, counters(c.get()).hits); // + the two lookups put_ctx made
    put_ctx(c.get(), 0, 1, false, 0, false);
    x = cfgc_lookup_ctx(c.get(), 0, 1, false, 0);
    ASSERT_NE(nullptr, x);
    cfgc_ctx_used(c.get(), x);
    EXPECT_EQ(4u + 1u + 1u, counters(c.get()).hits);
    EXPECT_EQ(0u, counters(c.get()).misses);
    cfgc_clear_counters(c.get());
    EXPECT_EQ(0u, counters(c.get()).hits);
}

// Randomized comparison with a map (a cache large enough never to evict): same answers and
// same invalidation counts.
TEST(CfgCacheModel, MatchesAMapWithoutEviction)
{
    auto c = make_cache(4096, 4096);
    using Key = std::tuple<bool, unsigned, uint32_t, uint32_t>; // cd, sec, sid, ssid
    std::map<Key, uint64_t> ref;
    std::mt19937_64 rng(7);
    auto pick = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
    unsigned hits = 0;
    for (unsigned step = 0; step < 20000; step++) {
        unsigned op = pick(100);
        bool is_cd = pick(2);
        unsigned sec = pick(3);
        uint32_t sid = pick(40), ssid = pick(4);
        if (op < 40) {
            uint64_t v = rng() | 1;
            if (is_cd)
                put_cd(c.get(), sec, sid, ssid, v);
            else
                put_ste(c.get(), sec, sid, v);
            ref[Key(is_cd, sec, sid, is_cd ? ssid : 0)] = v;
        } else if (op < 95) {
            uint64_t got = is_cd ? cd_at(c.get(), sec, sid, ssid) : ste_at(c.get(), sec, sid);
            auto it = ref.find(Key(is_cd, sec, sid, is_cd ? ssid : 0));
            ASSERT_EQ(got, it == ref.end() ? kMiss : it->second) << step;
            hits += got != kMiss;
        } else {
            cfg_inval i = scope(static_cast<uint8_t>(pick(3)), static_cast<uint8_t>(sec), sid,
                                sid + pick(3) * pick(20), ssid);
            i.all_sec = pick(4) == 0;
            i.all_sids = pick(8) == 0;
            unsigned want = 0;
            for (auto it = ref.begin(); it != ref.end();) {
                auto [k_cd, k_sec, k_sid, k_ssid] = it->first;
                bool in = (i.all_sec || k_sec == i.sec) &&
                          (i.all_sids || (k_sid >= i.sid_first && k_sid <= i.sid_last)) &&
                          (i.what == CFGI_STE_AND_CDS || (k_cd && (i.what == CFGI_CD_ALL ||
                                                                   k_ssid == i.ssid)));
                if (in) {
                    it = ref.erase(it);
                    want++;
                } else {
                    ++it;
                }
            }
            ASSERT_EQ(cfgc_invalidate(c.get(), &i), want) << step;
        }
    }
    EXPECT_GT(hits, 1000u);
}

} // namespace
