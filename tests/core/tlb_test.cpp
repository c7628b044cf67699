// TLB tests [IHI 0070 3.17 tagging, 4.4 invalidation; reference digest 8.9]: exact hit/miss
// per tag component and page size, replacement, every TLBI_M_* scope, the generation rule,
// overlap on insert, and a randomized comparison with a brute-force reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

extern "C" {
#include "config.h"
#include "tlb.h"
}

namespace {

using TlbPtr = std::unique_ptr<tlb, decltype(&tlb_destroy)>;

TlbPtr make_tlb(unsigned entries, unsigned ways)
{
    return TlbPtr(tlb_create(entries, ways, SMMU_REPL_ROUND_ROBIN, 0), &tlb_destroy);
}

tlb_tag tag(uint8_t kind = TLB_S1, uint16_t vmid = 1, uint16_t asid = 1, uint8_t sec = 0,
            uint8_t regime = 0, uint8_t ipa_ns = 0)
{
    tlb_tag t{};
    t.sec = sec;
    t.regime = regime;
    t.kind = kind;
    t.ipa_ns = ipa_ns;
    t.vmid = vmid;
    t.asid = asid;
    return t;
}

tlb_entry entry(const tlb_tag &t, uint64_t va, unsigned shift, uint64_t pa, bool global = false,
                uint64_t ipa = 0)
{
    tlb_entry e{};
    e.tag = t;
    e.global = global;
    e.page_shift = static_cast<uint8_t>(shift);
    e.level = 3;
    e.perm = TLB_PERM_PR | TLB_PERM_PW;
    e.pas = 1;
    e.mair = 0xFF;
    e.sh = 3;
    e.va = va;
    e.pa = pa;
    e.ipa = ipa;
    return e;
}

void insert(tlb *t, const tlb_entry &e)
{
    tlb_insert(t, &e, tlb_generation(t));
}

uint64_t pa_of(tlb *t, const tlb_tag &tg, uint64_t va)
{
    const tlb_entry *e = tlb_lookup(t, &tg, va);
    return e ? e->pa : ~UINT64_C(0);
}

constexpr uint64_t kMiss = ~UINT64_C(0);

tlb_counters counters(const tlb *t)
{
    tlb_counters c;
    tlb_get_counters(t, &c);
    return c;
}

// ---- lookup and tagging ----

// An entry returns exactly what was inserted: every field of the leaf translation.
TEST(TlbLookup, HitReturnsEveryFieldOfTheInsertedEntry)
{
    auto t = make_tlb(64, 4);
    tlb_entry e = entry(tag(TLB_S12, 7, 9, 2, 0, 0), 0x40201000, 12, 0x8765432000, false,
                        0x1234567000);
    e.level = 2;
    e.perm = TLB_PERM_UR | TLB_PERM_PX;
    e.pas = 2;
    e.mair = 0x44;
    e.sh = 2;
    insert(t.get(), e);
    const tlb_entry *r = tlb_lookup(t.get(), &e.tag, 0x40201ABC);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->tag.sec, 2);
    EXPECT_EQ(r->tag.kind, TLB_S12);
    EXPECT_EQ(r->tag.vmid, 7);
    EXPECT_EQ(r->tag.asid, 9);
    EXPECT_EQ(r->va, 0x40201000u);
    EXPECT_EQ(r->pa, 0x8765432000u);
    EXPECT_EQ(r->ipa, 0x1234567000u);
    EXPECT_EQ(r->page_shift, 12);
    EXPECT_EQ(r->level, 2);
    EXPECT_EQ(r->perm, TLB_PERM_UR | TLB_PERM_PX);
    EXPECT_EQ(r->pas, 2);
    EXPECT_EQ(r->mair, 0x44);
    EXPECT_EQ(r->sh, 2);
    EXPECT_FALSE(r->global);
}

// Each tag component separates translations [digest 8.9: unique per StreamWorld, VMID, ASID,
// stage; Secure and Non-secure are separate namespaces].
TEST(TlbLookup, EveryTagComponentSeparatesEntries)
{
    auto t = make_tlb(256, 8);
    const tlb_tag base = tag(TLB_S2, 3, 0, 1, 0, 1);
    insert(t.get(), entry(base, 0x10000, 12, 0xA000));
    EXPECT_EQ(pa_of(t.get(), base, 0x10000), 0xA000u);
    tlb_tag v = base;
    v.sec = 0;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "sec";
    v = base;
    v.regime = 1;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "regime";
    v = base;
    v.kind = TLB_S12;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "kind S12";
    v.kind = TLB_S1;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "kind S1";
    v = base;
    v.vmid = 4;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "vmid";
    v = base;
    v.ipa_ns = 0;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "ipa_ns";
    v = base;
    v.asid = 5;
    EXPECT_EQ(pa_of(t.get(), v, 0x10000), kMiss) << "asid of a non-global entry";
    EXPECT_EQ(counters(t.get()).hits, 1u);
    EXPECT_EQ(counters(t.get()).misses, 7u);
}

// A global entry (nG == 0) matches every ASID of its StreamWorld and VMID, and nothing else
// [IHI 0070 3.17; digest 8.9].
TEST(TlbLookup, GlobalEntryMatchesAnyAsidOfTheSameVmidOnly)
{
    auto t = make_tlb(256, 8);
    const tlb_tag g = tag(TLB_S1, 2, 10);
    insert(t.get(), entry(g, 0x7000, 12, 0x3000, true));
    for (uint16_t asid : {0, 1, 10, 0xFFFF})
        EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 2, asid), 0x7FFF), 0x3000u) << asid;
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 3, 10), 0x7000), kMiss);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S12, 2, 10), 0x7000), kMiss);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 2, 10, 1), 0x7000), kMiss);
}

// Every VMSAv8-64 page and block size, 4 KB to 4 TB (2^42, a 64K-granule level-1 block with
// 52-bit addresses), covers exactly its aligned range [DDI 0487 D8.3].
TEST(TlbLookup, EveryPageSizeCoversExactlyItsAlignedRange)
{
    for (unsigned s = 12; s <= 42; s++) {
        auto t = make_tlb(64, 4);
        const uint64_t size = UINT64_C(1) << s;
        const uint64_t va = UINT64_C(5) << s, pa = UINT64_C(3) << s;
        insert(t.get(), entry(tag(), va + 0x123 /* unaligned: aligned on insert */, s, pa));
        EXPECT_EQ(pa_of(t.get(), tag(), va), pa) << s;
        EXPECT_EQ(pa_of(t.get(), tag(), va + size - 1), pa) << s;
        EXPECT_EQ(pa_of(t.get(), tag(), va - 1), kMiss) << s;
        EXPECT_EQ(pa_of(t.get(), tag(), va + size), kMiss) << s;
    }
}

// Sizes outside 4 KB..4 PB are not walk results and are not cached: leaves map at most 4 TB
// (a 64K level-1 block), walk-cache entries (the same structure, topology.h) cover what one
// table descriptor maps, at most 2^48 bytes (a 4K LPA2 level -1 descriptor) [Arm ARM D8.2].
TEST(TlbLookup, PageSizesOutsideTheArchitectedRangeAreNotCached)
{
    auto t = make_tlb(64, 4);
    insert(t.get(), entry(tag(), 0x0, 11, 0x1000));
    insert(t.get(), entry(tag(), 0x0, 53, 0x1000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x0), kMiss);
}

// Several page sizes coexist for one tag and each address finds its own entry.
TEST(TlbLookup, PageSizesCoexistForOneTag)
{
    auto t = make_tlb(256, 4);
    insert(t.get(), entry(tag(), 0x200000, 21, 0x40000000));       // 2M block
    insert(t.get(), entry(tag(), 0x1000, 12, 0x5000));              // 4K page
    insert(t.get(), entry(tag(), 0x40000000, 30, 0x80000000));      // 1G block
    insert(t.get(), entry(tag(), 0x10000, 16, 0x90000));            // 64K (contiguous)
    EXPECT_EQ(pa_of(t.get(), tag(), 0x3FFFFF), 0x40000000u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1FFF), 0x5000u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x7FFFFFFF), 0x80000000u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1ABCD), 0x90000u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x2000), kMiss);
}

// A TLB of zero entries never hits and ignores inserts.
TEST(TlbLookup, ZeroEntriesNeverHits)
{
    auto t = make_tlb(0, 4);
    ASSERT_NE(t, nullptr);
    insert(t.get(), entry(tag(), 0x1000, 12, 0x2000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), kMiss);
    tlb_inval inv{};
    EXPECT_EQ(tlb_invalidate(t.get(), &inv), 0u);
    EXPECT_EQ(counters(t.get()).misses, 1u);
}

// ---- capacity and replacement ----

// A full fully-associative set replaces round-robin from way 0 (model choice), counting each
// eviction.
TEST(TlbReplacement, FullSetEvictsRoundRobin)
{
    auto t = make_tlb(4, 4);
    for (uint64_t i = 0; i < 4; i++)
        insert(t.get(), entry(tag(), i << 12, 12, 0x100000 + (i << 12)));
    EXPECT_EQ(counters(t.get()).evictions, 0u);
    insert(t.get(), entry(tag(), 4 << 12, 12, 0x104000)); // evicts way 0: page 0
    EXPECT_EQ(counters(t.get()).evictions, 1u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x0), kMiss);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), 0x101000u);
    insert(t.get(), entry(tag(), 5 << 12, 12, 0x105000)); // evicts way 1: page 1
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), kMiss);
    for (uint64_t i = 2; i < 6; i++)
        EXPECT_EQ(pa_of(t.get(), tag(), i << 12), 0x100000 + (i << 12)) << i;
    EXPECT_EQ(counters(t.get()).evictions, 2u);
}

// A direct-mapped TLB of one entry holds only the last insert.
TEST(TlbReplacement, OneEntryHoldsOnlyTheLastInsert)
{
    auto t = make_tlb(1, 1);
    insert(t.get(), entry(tag(), 0x1000, 12, 0xA000));
    insert(t.get(), entry(tag(TLB_S1, 1, 2), 0x9000, 12, 0xB000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), kMiss);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x9000), 0xB000u);
    EXPECT_EQ(counters(t.get()).evictions, 1u);
}

// A set-associative TLB never holds more than its capacity: after N distinct inserts into
// 16 entries exactly 16 remain and N - 16 were evicted, whatever the set hashing.
TEST(TlbReplacement, SetAssociativeHoldsExactlyCapacity)
{
    auto t = make_tlb(16, 4);
    const unsigned n = 1000;
    for (uint64_t i = 0; i < n; i++)
        insert(t.get(), entry(tag(), i << 12, 12, i << 12));
    EXPECT_EQ(counters(t.get()).evictions, n - 16);
    unsigned hits = 0;
    for (uint64_t i = 0; i < n; i++)
        hits += pa_of(t.get(), tag(), i << 12) == (i << 12);
    EXPECT_EQ(hits, 16u);
    tlb_inval all{};
    EXPECT_EQ(tlb_invalidate(t.get(), &all), 16u);
}

// Sets are indexed by page and tag without the ASID, as a hardware TLB indexed by address
// (model choice): in a direct-mapped TLB the entry of one ASID for a page replaces another
// ASID's entry for the same page, and a global entry for the page replaces both, which lets
// one probe find a global or a non-global entry.
TEST(TlbReplacement, AsidsOfOnePageShareASet)
{
    auto t = make_tlb(64, 1);
    insert(t.get(), entry(tag(TLB_S1, 1, 1), 0x5000, 12, 0xA000));
    insert(t.get(), entry(tag(TLB_S1, 1, 2), 0x5000, 12, 0xB000));
    EXPECT_EQ(counters(t.get()).evictions, 1u);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 1), 0x5000), kMiss);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x5000), 0xB000u);
    insert(t.get(), entry(tag(TLB_S1, 1, 7), 0x5000, 12, 0xC000, true));
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x5000), 0xC000u);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 9), 0x5000), 0xC000u);
}

// Re-inserting a cached translation replaces it: no second copy, no eviction.
TEST(TlbReplacement, ReinsertReplacesTheOldTranslation)
{
    auto t = make_tlb(4, 4);
    insert(t.get(), entry(tag(), 0x1000, 12, 0xA000));
    insert(t.get(), entry(tag(), 0x1000, 12, 0xB000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), 0xB000u);
    tlb_inval all{};
    EXPECT_EQ(tlb_invalidate(t.get(), &all), 1u);
    EXPECT_EQ(counters(t.get()).evictions, 0u);
}

// ---- overlap on insert ----

// A remap of 4K pages into a 2M block (or back) leaves one answer: the newest translation
// [DDI 0487 D8.16: without break-before-make either would be permitted].
TEST(TlbOverlap, NewestOfOverlappingSizesWins)
{
    auto t = make_tlb(64, 4);
    insert(t.get(), entry(tag(), 0x201000, 12, 0xA000));
    insert(t.get(), entry(tag(), 0x200000, 21, 0x40000000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x201000), 0x40000000u);
    insert(t.get(), entry(tag(), 0x203000, 12, 0xC000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x203000), 0xC000u);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x201000), kMiss) << "the 2M block was replaced";
    // 4K pages inside a new 1G block (more pages than the TLB has entries) are removed too
    insert(t.get(), entry(tag(), 0x40000000, 30, 0x80000000));
    insert(t.get(), entry(tag(), 0x0, 30, 0xC0000000));
    EXPECT_EQ(pa_of(t.get(), tag(), 0x203000), 0xC0000000u);
    tlb_inval all{};
    EXPECT_EQ(tlb_invalidate(t.get(), &all), 2u);
}

// A global entry overlaps the non-global entries of every ASID of its tag; a non-global entry
// overlaps only its own ASID's entries and global ones.
TEST(TlbOverlap, GlobalAndNonGlobalOverlapByAsid)
{
    auto t = make_tlb(64, 4);
    insert(t.get(), entry(tag(TLB_S1, 1, 1), 0x1000, 12, 0xA000));
    insert(t.get(), entry(tag(TLB_S1, 1, 2), 0x1000, 12, 0xB000));
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 1), 0x1000), 0xA000u);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x1000), 0xB000u);
    insert(t.get(), entry(tag(TLB_S1, 1, 3), 0x0, 16, 0x10000, true));
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 1), 0x1000), 0x10000u);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x1000), 0x10000u);
    insert(t.get(), entry(tag(TLB_S1, 1, 2), 0x2000, 12, 0xD000));
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 2), 0x2000), 0xD000u);
    EXPECT_EQ(pa_of(t.get(), tag(TLB_S1, 1, 1), 0x2000), kMiss) << "the global entry is gone";
    tlb_inval all{};
    EXPECT_EQ(tlb_invalidate(t.get(), &all), 1u);
}

// ---- the generation rule ----

// Every invalidation advances the generation; an insert from a walk that started before it is
// dropped [design: walks may yield].
TEST(TlbGeneration, InsertAfterAnInvalidationIsDropped)
{
    auto t = make_tlb(64, 4);
    uint64_t g0 = tlb_generation(t.get());
    tlb_inval inv{};
    inv.match = TLBI_M_VMID;
    inv.vmid = 99; // matches nothing: still a new generation
    EXPECT_EQ(tlb_invalidate(t.get(), &inv), 0u);
    EXPECT_EQ(tlb_generation(t.get()), g0 + 1);
    tlb_entry e = entry(tag(), 0x1000, 12, 0xA000);
    tlb_insert(t.get(), &e, g0);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), kMiss);
    tlb_insert(t.get(), &e, g0 + 1);
    EXPECT_EQ(pa_of(t.get(), tag(), 0x1000), 0xA000u);
}

// ---- invalidation ----

// A fixture with one entry per interesting case; each test removes a scope and checks which
// remain.
class TlbInval : public ::testing::Test {
protected:
    TlbPtr t = make_tlb(1024, 8);
    struct Named {
        tlb_tag tag;
        uint64_t va;
        unsigned shift;
        bool global;
        uint64_t ipa;
    };
    std::vector<Named> all;

    void add(const tlb_tag &tg, uint64_t va, unsigned shift, bool global = false,
             uint64_t ipa = 0)
    {
        all.push_back({tg, va, shift, global, ipa});
        insert(t.get(), entry(tg, va, shift, 0x1000000000 + all.size() * 0x1000000, global, ipa));
    }
    bool present(size_t i)
    {
        return tlb_lookup(t.get(), &all[i].tag, all[i].va) != nullptr;
    }
    // The indices still present
    std::vector<size_t> survivors()
    {
        std::vector<size_t> r;
        for (size_t i = 0; i < all.size(); i++)
            if (present(i))
                r.push_back(i);
        return r;
    }
    unsigned inval(const tlb_inval &inv) { return tlb_invalidate(t.get(), &inv); }
};

using V = std::vector<size_t>;

// No flags: everything [IHI 0070 4.4: S_INIT / TLBI_NSNH_ALL-like all-scope].
TEST_F(TlbInval, NoFlagsRemovesEverything)
{
    add(tag(TLB_S1, 1, 1), 0x1000, 12);
    add(tag(TLB_S2, 1, 0), 0x2000, 21);
    add(tag(TLB_S12, 2, 3, 1), 0x3000, 12, true);
    tlb_inval inv{};
    EXPECT_EQ(inval(inv), 3u);
    EXPECT_EQ(survivors(), V{});
    EXPECT_EQ(counters(t.get()).invalidated, 3u);
}

// M_SEC: only the given security state's entries [IHI 0070 3.10.2.2: separate namespaces].
TEST_F(TlbInval, SecRemovesOnlyThatSecurityState)
{
    add(tag(TLB_S1, 1, 1, 0), 0x1000, 12);
    add(tag(TLB_S1, 1, 1, 1), 0x1000, 12);
    add(tag(TLB_S1, 1, 1, 2), 0x1000, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_SEC;
    inv.sec = 1;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{0, 2}));
}

// M_REGIME and M_KIND select by bit masks (e.g. TLBI_EL2_ALL, or stage-1 kinds for NH_ALL).
TEST_F(TlbInval, RegimeAndKindMasksSelect)
{
    add(tag(TLB_S1, 0, 1, 0, REGIME_EL1), 0x1000, 12);
    add(tag(TLB_S1, 0, 0, 0, REGIME_EL2), 0x1000, 12);
    add(tag(TLB_S1, 0, 1, 0, REGIME_EL2_E2H), 0x1000, 12);
    add(tag(TLB_S2, 0, 0, 0, REGIME_EL1), 0x1000, 12);
    add(tag(TLB_S12, 0, 1, 0, REGIME_EL1), 0x1000, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_REGIME;
    inv.regime_mask = 1u << REGIME_EL2 | 1u << REGIME_EL2_E2H;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{0, 3, 4}));
    inv.match = TLBI_M_REGIME | TLBI_M_KIND;
    inv.regime_mask = 1u << REGIME_EL1;
    inv.kind_mask = 1u << TLB_S1 | 1u << TLB_S12;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{3}));
}

// M_VMID with vmid_ignore == 0 is exact; the ignored bits make a wildcard.
TEST_F(TlbInval, VmidExactAndWildcard)
{
    add(tag(TLB_S2, 0x10, 0), 0x1000, 12);
    add(tag(TLB_S2, 0x11, 0), 0x1000, 12);
    add(tag(TLB_S2, 0x13, 0), 0x1000, 12);
    add(tag(TLB_S2, 0x20, 0), 0x1000, 12);
    add(tag(TLB_S1, 0x10, 4), 0x5000, 12, true);
    tlb_inval inv{};
    inv.match = TLBI_M_VMID;
    inv.vmid = 0x11;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{0, 2, 3, 4}));
    inv.vmid = 0x10;
    inv.vmid_ignore = 0x3;
    EXPECT_EQ(inval(inv), 3u);
    EXPECT_EQ(survivors(), (V{3}));
    inv.vmid_ignore = 0xFFFF;
    EXPECT_EQ(inval(inv), 1u);
}

// M_ASID alone (TLBI_NH_ASID, TLBI_EL2_ASID) keeps global entries [IHI 0070 4.4.2].
TEST_F(TlbInval, AsidAloneKeepsGlobalEntries)
{
    add(tag(TLB_S1, 1, 5), 0x1000, 12);
    add(tag(TLB_S1, 1, 5), 0x2000, 12, true);
    add(tag(TLB_S1, 1, 6), 0x1000, 12);
    add(tag(TLB_S12, 2, 5), 0x1000, 21);
    tlb_inval inv{};
    inv.match = TLBI_M_ASID | TLBI_M_VMID;
    inv.asid = 5;
    inv.vmid = 1;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{1, 2, 3}));
    inv.match = TLBI_M_ASID;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{1, 2}));
}

// M_ASID with M_ADDR (TLBI_NH_VA) also removes global entries of the address [IHI 0070
// 4.4.2: global entries are invalidated by VA regardless of ASID].
TEST_F(TlbInval, AsidWithAddressAlsoRemovesGlobalEntries)
{
    add(tag(TLB_S1, 1, 5), 0x1000, 12);
    add(tag(TLB_S1, 1, 7), 0x2000, 12, true);
    add(tag(TLB_S1, 1, 6), 0x1000, 12);
    add(tag(TLB_S1, 1, 5), 0x3000, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_ASID | TLBI_M_ADDR;
    inv.asid = 5;
    inv.addr = 0x1000;
    inv.size = 0x2000;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{2, 3}));
}

// An address range removes every entry it overlaps, including large pages straddling either
// end, and nothing beside it.
TEST_F(TlbInval, AddressRangeStraddlingLargePages)
{
    add(tag(), 0x000000, 21);    // 0: 2M [0, 2M): the range's first byte is its last 4K
    add(tag(), 0x200000, 12);    // 1: inside
    add(tag(), 0x3FF000, 12);    // 2: inside
    add(tag(), 0x400000, 21);    // 3: 2M [4M, 6M): the range's last byte is its first
    add(tag(), 0x600000, 12);    // 4: after the range
    add(tag(), 0x40000000, 30);  // 5: far away
    add(tag(TLB_S1, 2, 1), 0x200000, 12); // 6: other VMID, inside
    tlb_inval inv{};
    inv.match = TLBI_M_ADDR | TLBI_M_VMID;
    inv.vmid = 1;
    inv.addr = 0x1FF000;
    inv.size = 0x202000; // [0x1FF000, 0x401000)
    EXPECT_EQ(inval(inv), 4u);
    EXPECT_EQ(survivors(), (V{4, 5, 6}));
}

// Size 0 means one address: any entry containing it.
TEST_F(TlbInval, SizeZeroIsOneAddress)
{
    add(tag(), 0x40000000, 30);
    add(tag(), 0x1000, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_ADDR;
    inv.addr = 0x7FFFFFFF;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{1}));
    inv.addr = 0x1FFF;
    EXPECT_EQ(inval(inv), 1u);
}

// A range reaching the top of the address space (TTB1 addresses) does not wrap.
TEST_F(TlbInval, RangeAtTheTopOfTheAddressSpaceDoesNotWrap)
{
    add(tag(), 0xFFFFFFFFFFFFF000, 12);
    add(tag(), 0x0, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_ADDR;
    inv.addr = 0xFFFFFFFFFFFF0000;
    inv.size = 0x20000; // would wrap past 2^64
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{1}));
}

// A range of more pages than entries (e.g. TLBI with a huge NUM/SCALE) is still exact.
TEST_F(TlbInval, HugeRangeIsExact)
{
    add(tag(), 0x1000, 12);
    add(tag(), 0x7FFFFFF000, 12);
    add(tag(), 0x8000000000, 12);
    tlb_inval inv{};
    inv.match = TLBI_M_ADDR;
    inv.addr = 0;
    inv.size = 0x8000000000;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{2}));
}

// M_IPA (TLBI_S2_IPA): TLB_S2 entries by their input (IPA) range, TLB_S12 by the IPA they
// were translated through; stage-1-only entries have no IPA and stay.
TEST_F(TlbInval, IpaMatchesS2InputAndS12Ipa)
{
    add(tag(TLB_S2, 1, 0), 0x80000000, 21);             // 0: IPA 2M block, in range
    add(tag(TLB_S12, 1, 3), 0x1000, 12, false, 0x80101000); // 1: its IPA is in range
    add(tag(TLB_S12, 1, 3), 0x80100000, 12, false, 0x5000); // 2: VA in range, IPA not
    add(tag(TLB_S1, 1, 3), 0x80100000, 12);             // 3: stage 1 only
    add(tag(TLB_S2, 1, 0), 0x80200000, 12);             // 4: IPA after the range
    tlb_inval inv{};
    inv.match = TLBI_M_IPA | TLBI_M_VMID;
    inv.vmid = 1;
    inv.addr = 0x80100000;
    inv.size = 0x2000;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{2, 3, 4}));
}

// M_IPA_NS selects the IPA space of TLB_S2 entries of Secure streams (S2 and S_S2 tables) and
// leaves other kinds to the other conditions.
TEST_F(TlbInval, IpaNsSelectsTheIpaSpaceOfS2Entries)
{
    add(tag(TLB_S2, 1, 0, 1, 0, 0), 0x1000, 12);
    add(tag(TLB_S2, 1, 0, 1, 0, 1), 0x1000, 12);
    add(tag(TLB_S12, 1, 2, 1), 0x9000, 12, false, 0x1000);
    tlb_inval inv{};
    inv.match = TLBI_M_IPA | TLBI_M_IPA_NS | TLBI_M_SEC;
    inv.sec = 1;
    inv.ipa_ns = 1;
    inv.addr = 0x1000;
    EXPECT_EQ(inval(inv), 2u);
    EXPECT_EQ(survivors(), (V{0}));
}

// The Leaf and TTL hints are hints: entries are removed whatever level they came from (the
// architecture allows over-invalidation) [IHI 0070 4.4.1].
TEST_F(TlbInval, LeafAndTtlHintsNeverKeepAnEntryInScope)
{
    add(tag(), 0x200000, 21);
    tlb_inval inv{};
    inv.match = TLBI_M_ADDR;
    inv.addr = 0x200000;
    inv.leaf = true;
    inv.ttl = 3; // level 3, but the entry is a level-2 block
    EXPECT_EQ(inval(inv), 1u);
}

// A combination of every condition removes only what meets all of them.
TEST_F(TlbInval, AllConditionsCombine)
{
    add(tag(TLB_S1, 1, 2, 0, REGIME_EL1), 0x1000, 12);  // 0: in scope
    add(tag(TLB_S1, 1, 2, 1, REGIME_EL1), 0x1000, 12);  // 1: other sec
    add(tag(TLB_S1, 1, 2, 0, REGIME_EL2_E2H), 0x1000, 12); // 2: other regime
    add(tag(TLB_S12, 1, 2, 0, REGIME_EL1), 0x1000, 12, false, 0x1000); // 3: other kind
    add(tag(TLB_S1, 9, 2, 0, REGIME_EL1), 0x1000, 12);  // 4: other vmid
    add(tag(TLB_S1, 1, 3, 0, REGIME_EL1), 0x1000, 12);  // 5: other asid
    add(tag(TLB_S1, 1, 2, 0, REGIME_EL1), 0x2000, 12);  // 6: other address
    add(tag(TLB_S1, 1, 8, 0, REGIME_EL1), 0x3000, 12, true); // 7: global, other address
    tlb_inval inv{};
    inv.match = TLBI_M_SEC | TLBI_M_REGIME | TLBI_M_KIND | TLBI_M_VMID | TLBI_M_ASID |
                TLBI_M_ADDR;
    inv.sec = 0;
    inv.regime_mask = 1u << REGIME_EL1;
    inv.kind_mask = 1u << TLB_S1;
    inv.vmid = 1;
    inv.asid = 2;
    inv.addr = 0x1000;
    EXPECT_EQ(inval(inv), 1u);
    EXPECT_EQ(survivors(), (V{1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(counters(t.get()).invalidated, 1u);
}

// ---- randomized model test ----

// A brute-force reference: a flat list with the scope semantics of tlb.h written out again.
struct RefTlb {
    std::vector<tlb_entry> e;

    static uint64_t last_of(const tlb_inval &inv)
    {
        if (inv.size == 0)
            return inv.addr;
        uint64_t l = inv.addr + (inv.size - 1);
        return l < inv.addr ? UINT64_MAX : l;
    }
    static bool overlaps(uint64_t base, unsigned s, const tlb_inval &inv)
    {
        uint64_t top = base + ((UINT64_C(1) << s) - 1);
        return !(top < inv.addr || base > last_of(inv));
    }
    static bool in_scope(const tlb_entry &x, const tlb_inval &inv)
    {
        const uint32_t m = inv.match;
        bool ok = true;
        if (m & TLBI_M_SEC)
            ok = ok && x.tag.sec == inv.sec;
        if (m & TLBI_M_REGIME)
            ok = ok && ((inv.regime_mask >> x.tag.regime) & 1);
        if (m & TLBI_M_KIND)
            ok = ok && ((inv.kind_mask >> x.tag.kind) & 1);
        if (m & TLBI_M_VMID)
            ok = ok && (x.tag.vmid | inv.vmid_ignore) == (inv.vmid | inv.vmid_ignore);
        if (m & TLBI_M_ASID)
            ok = ok && (x.global ? (m & TLBI_M_ADDR) != 0 : x.tag.asid == inv.asid);
        if (m & TLBI_M_ADDR)
            ok = ok && overlaps(x.va, x.page_shift, inv);
        if (m & TLBI_M_IPA) {
            if (x.tag.kind == TLB_S2)
                ok = ok && overlaps(x.va, x.page_shift, inv);
            else if (x.tag.kind == TLB_S12)
                ok = ok && overlaps(x.ipa, x.page_shift, inv);
            else
                ok = false;
        }
        if ((m & TLBI_M_IPA_NS) && x.tag.kind == TLB_S2)
            ok = ok && x.tag.ipa_ns == inv.ipa_ns;
        return ok;
    }
    static bool same_space(const tlb_tag &a, const tlb_tag &b)
    {
        return a.sec == b.sec && a.regime == b.regime && a.kind == b.kind &&
               a.ipa_ns == b.ipa_ns && a.vmid == b.vmid;
    }
    static bool matches(const tlb_entry &x, const tlb_tag &tg, uint64_t va)
    {
        return same_space(x.tag, tg) && (x.global || x.tag.asid == tg.asid) &&
               (va >> x.page_shift) == (x.va >> x.page_shift);
    }
    void insert(const tlb_entry &n)
    {
        invalidate_if([&](const tlb_entry &x) {
            bool same = same_space(x.tag, n.tag) &&
                        (x.global || n.global || x.tag.asid == n.tag.asid);
            unsigned s = std::max(x.page_shift, n.page_shift);
            return same && (x.va >> s) == (n.va >> s);
        });
        e.push_back(n);
    }
    template <class F> unsigned invalidate_if(F f)
    {
        unsigned n = 0;
        for (size_t i = 0; i < e.size();) {
            if (f(e[i])) {
                e.erase(e.begin() + static_cast<long>(i));
                n++;
            } else {
                i++;
            }
        }
        return n;
    }
    const tlb_entry *lookup(const tlb_tag &tg, uint64_t va) const
    {
        const tlb_entry *r = nullptr;
        for (const auto &x : e) {
            if (matches(x, tg, va)) {
                EXPECT_EQ(r, nullptr) << "the reference holds two answers";
                r = &x;
            }
        }
        return r;
    }
};

struct RandomGen {
    std::mt19937_64 rng;
    explicit RandomGen(uint64_t seed) : rng(seed) {}
    unsigned pick(unsigned n) { return static_cast<unsigned>(rng() % n); }
    bool chance(unsigned pct) { return pick(100) < pct; }

    tlb_tag any_tag()
    {
        const uint8_t kind = static_cast<uint8_t>(pick(3));
        // ipa_ns is only meaningful for TLB_S2 (tlb.h): 0 elsewhere
        return tag(kind, static_cast<uint16_t>(pick(3)), static_cast<uint16_t>(pick(4)),
                   static_cast<uint8_t>(pick(2)), static_cast<uint8_t>(pick(2) * 2),
                   kind == TLB_S2 ? static_cast<uint8_t>(pick(2)) : 0);
    }
    unsigned any_shift()
    {
        static constexpr unsigned s[] = {12, 12, 12, 12, 14, 16, 16, 21, 21, 25, 29, 30, 39};
        return s[pick(sizeof(s) / sizeof(s[0]))];
    }
    // Addresses in a window small enough for frequent overlap, with the odd one near 2^64.
    uint64_t any_addr()
    {
        if (chance(3))
            return ~UINT64_C(0) - (rng() & 0xFFFFFF);
        return rng() & 0xFFFFFFFFF; // 64 GB
    }
    tlb_inval any_inval()
    {
        tlb_inval inv{};
        if (chance(3))
            return inv; // everything
        const uint32_t flags[] = {TLBI_M_SEC, TLBI_M_REGIME, TLBI_M_KIND, TLBI_M_VMID,
                                  TLBI_M_ASID, TLBI_M_ADDR, TLBI_M_IPA, TLBI_M_IPA_NS};
        for (uint32_t f : flags)
            if (chance(35))
                inv.match |= f;
        if (inv.match == 0)
            inv.match = TLBI_M_VMID;
        inv.sec = static_cast<uint8_t>(pick(2));
        inv.regime_mask = static_cast<uint8_t>(1 + pick(15));
        inv.kind_mask = static_cast<uint8_t>(1 + pick(7));
        inv.ipa_ns = static_cast<uint8_t>(pick(2));
        inv.vmid = static_cast<uint16_t>(pick(3));
        inv.vmid_ignore = chance(20) ? static_cast<uint16_t>(pick(4)) : 0;
        inv.asid = static_cast<uint16_t>(pick(4));
        inv.addr = any_addr();
        switch (pick(4)) {
        case 0: inv.size = 0; break;
        case 1: inv.size = UINT64_C(1) << (12 + pick(10)); break;
        case 2: inv.size = rng() & 0xFFFFFFF; break;
        default: inv.size = UINT64_C(1) << (20 + pick(44)); break;
        }
        return inv;
    }
};

void run_model(unsigned entries, unsigned ways, bool never_evicts, uint64_t seed, unsigned steps)
{
    auto t = make_tlb(entries, ways);
    RefTlb ref;
    RandomGen g(seed);
    unsigned hits_checked = 0;
    for (unsigned step = 0; step < steps; step++) {
        unsigned op = g.pick(100);
        if (op < 45) {
            tlb_entry e = entry(g.any_tag(), 0, g.any_shift(), 0, g.chance(15));
            e.va = g.any_addr() >> e.page_shift << e.page_shift;
            e.ipa = g.any_addr() >> e.page_shift << e.page_shift;
            e.pa = g.rng() << 12;
            uint64_t snap = tlb_generation(t.get());
            if (g.chance(5))
                snap--; // a walk that raced an invalidation: must be dropped
            else
                ref.insert(e);
            tlb_insert(t.get(), &e, snap);
        } else if (op < 95) {
            tlb_tag tg = g.any_tag();
            uint64_t va = g.any_addr();
            if (!ref.e.empty() && g.chance(60)) { // aim at a cached page
                // half of the time one of the most recent inserts, which a small TLB holds
                unsigned n = static_cast<unsigned>(ref.e.size());
                unsigned k = g.chance(50) ? n - 1 - g.pick(std::min(n, 8u)) : g.pick(n);
                const tlb_entry &x = ref.e[k];
                tg = x.tag;
                if (x.global && g.chance(50))
                    tg.asid = static_cast<uint16_t>(g.pick(4));
                va = x.va + (g.rng() & ((UINT64_C(1) << x.page_shift) - 1));
            }
            const tlb_entry *r = tlb_lookup(t.get(), &tg, va);
            const tlb_entry *want = ref.lookup(tg, va);
            if (r) {
                // never an entry the reference does not hold (invalidated or replaced)
                ASSERT_NE(want, nullptr) << "step " << step;
                EXPECT_EQ(r->pa, want->pa) << "step " << step;
                EXPECT_EQ(r->va, want->va) << "step " << step;
                EXPECT_EQ(r->page_shift, want->page_shift) << "step " << step;
                hits_checked++;
            } else if (never_evicts) {
                ASSERT_EQ(want, nullptr) << "step " << step << ": a covering entry was lost";
            }
        } else {
            tlb_inval inv = g.any_inval();
            unsigned want = ref.invalidate_if([&](const tlb_entry &x) {
                return RefTlb::in_scope(x, inv);
            });
            unsigned got = tlb_invalidate(t.get(), &inv);
            if (never_evicts) {
                ASSERT_EQ(got, want) << "step " << step;
            } else {
                ASSERT_LE(got, want) << "step " << step;
            }
        }
    }
    if (never_evicts) {
        EXPECT_EQ(counters(t.get()).evictions, 0u);
    }
    EXPECT_GT(hits_checked, steps / 20);
}

// Against the reference, with capacity enough never to evict: the TLB returns exactly the
// reference's answer and removes exactly its scope.
TEST(TlbModel, MatchesBruteForceReferenceWithoutEviction)
{
    for (uint64_t seed = 1; seed <= 3; seed++)
        run_model(4096, 4096, true, seed, 6000);
}

// With a small set-associative TLB: it may miss, but every hit is a translation the reference
// still holds (nothing invalidated or overlapped survives).
TEST(TlbModel, NeverReturnsAnInvalidatedEntryWhenEvicting)
{
    for (uint64_t seed = 1; seed <= 3; seed++)
        run_model(64, 4, false, seed, 20000);
    run_model(7, 1, false, 9, 20000); // direct-mapped, a number of sets that is not a power of two
}

} // namespace
