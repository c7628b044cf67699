// SPDX-License-Identifier: Apache-2.0
// The module's copies of TLB-hit results (smmu_tlm_config::hit_copies, smmu_reuse_epoch): a
// reused result must be exactly what the core would have returned, cost the same simulated
// time and count in the statistics as the TLB hit it stands for. Each TEST runs in its own
// process (one SystemC elaboration).
#include <gtest/gtest.h>

#include "tlm_support.h"

using namespace smmu_test;
using smmuv3::stream_extension;

namespace {

constexpr uint64_t k_va = 0x40000000;
constexpr uint64_t k_pa = 0x800000, k_pa2 = 0x900000;
constexpr unsigned k_reads = 10;

smmuv3::smmu_tlm_config with_copies(unsigned n)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.hit_copies = n;
    return cfg;
}

// A stage-1 stream 1 with one page mapped at k_va -> k_pa; the tables stay in pt.
void map_page(platform &p, pgt &pt)
{
    p.setup(SMMU_SEC_NS);
    make_s1_tables(pt, p.mem);
    ASSERT_EQ(pgt_map(&pt, k_va, k_pa, 0x1000, PGT_S1_RW), 0);
    p.add_s1_stream(SMMU_SEC_NS, 1, pt, 1);
    p.enable(SMMU_SEC_NS);
    fake_mem_wr32(p.mem, k_pa + 0x40, SMMU_PAS_NS, 0xA1A1A1A1);
    fake_mem_wr32(p.mem, k_pa2 + 0x40, SMMU_PAS_NS, 0xB2B2B2B2);
    p.master(0).stream = stream_extension(1);
}

// The page mapped, then read three times: a miss, a core TLB hit that is kept as a copy, and
// a read answered from the copy.
void map_and_warm(platform &p, pgt &pt)
{
    map_page(p, pt);
    for (int i = 0; i < 3; i++)
        EXPECT_EQ(p.master(0).read32(k_va + 0x40), 0xA1A1A1A1u);
}

// A platform with copies (cfg), the page mapped and warm; then body(p, pt, master 0).
template <typename Body> void run_warm(const smmuv3::smmu_tlm_config &cfg, Body body)
{
    platform p(1, cfg);
    p.run([&] {
        pgt pt;
        map_and_warm(p, pt);
        body(p, pt, p.master(0));
    });
}

// Remap k_va to k_pa2 in memory, without an invalidation.
void remap_page(pgt &pt)
{
    ASSERT_EQ(pgt_unmap(&pt, k_va, 0x1000), 0);
    ASSERT_EQ(pgt_map(&pt, k_va, k_pa2, 0x1000, PGT_S1_RW), 0);
}

// k_reads reads of one page: a miss (a walk), a core TLB hit (stored as a copy), then copies.
// The counters and delays must be the same with and without copies: translations 10, TLB
// hits 9 and misses 1, configuration misses 2 (STE, CD of the first access) and hits 2 for
// each later access [IHI 0070 3.17: a hit needs the STE and CD, cached or not].
void expect_same_as_core(unsigned copies)
{
    platform p(1, with_copies(copies));
    p.run([&] {
        pgt pt;
        map_page(p, pt);
        p.smmu.clear_stats();
        dma_master &m = p.master(0);
        std::vector<sc_core::sc_time> delays;
        for (unsigned i = 0; i < k_reads; i++) {
            tlm::tlm_response_status st;
            EXPECT_EQ(m.read32(k_va + 0x40, &st), 0xA1A1A1A1u);
            EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
            delays.push_back(m.last_delay);
        }
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.core.translations, k_reads);
        EXPECT_EQ(s.core.tlb_misses, 1u);
        EXPECT_EQ(s.core.tlb_hits, k_reads - 1);
        EXPECT_EQ(s.core.cfg_misses, 2u);
        EXPECT_EQ(s.core.cfg_hits, 2u * (k_reads - 1));
        EXPECT_EQ(s.reused_hits, copies ? k_reads - 2 : 0u);
        // A hit costs tlb_hit_latency + cfg_hit_latency (1 + 1 ns) on top of the memory's.
        for (unsigned i = 2; i < k_reads; i++)
            EXPECT_EQ(delays[i], delays[1]) << "read " << i;
        EXPECT_EQ(delays[1], p.smmu.config().tlb_hit_latency + p.smmu.config().cfg_hit_latency +
                                 p.memory.latency);
    });
}

} // namespace

TEST(HitCopies, CountAndCostAsTheTlbHitsTheyStandFor) { expect_same_as_core(256); }

// The reference for the test above: the same counters with every access going to the core.
TEST(HitCopies, OffGivesTheSameCountersAndDelays) { expect_same_as_core(0); }

// IHI 0070 3.17, 4.4.2: a TLB entry stays usable until invalidated, so a page remapped in
// memory without a TLBI still translates to the old PA (core and copy agree); CMD_TLBI_NH_VA
// then ends the copy with the TLB entry: the next access walks and reaches the new PA.
TEST(HitCopies, EndWithTheTlbiOfTheirPage)
{
    run_warm(with_copies(256), [](platform &p, pgt &pt, dma_master &m) {
        remap_page(pt);
        EXPECT_EQ(m.read32(k_va + 0x40), 0xA1A1A1A1u); // cached: no TLBI yet
        uint64_t c[2];
        cmd_tlbi_nh_va(c, 0, 1, k_va, true);
        p.command(SMMU_SEC_NS, c);
        EXPECT_EQ(m.read32(k_va + 0x40), 0xB2B2B2B2u);
        EXPECT_EQ(p.smmu.stats().core.tlb_misses, 2u);
    });
}

// The copies are exact to the core's TLB, evictions included: with a one-entry TLB, another
// page's miss evicts the entry, so the core walks again and sees the page remapped in memory
// (without a TLBI). A copy that outlived its TLB entry would still give the old PA.
TEST(HitCopies, EndWithTheEvictionOfTheirTlbEntry)
{
    smmuv3::smmu_tlm_config cfg = with_copies(256);
    cfg.core.tlb_entries = 1;
    cfg.core.tlb_ways = 1;
    run_warm(cfg, [](platform &p, pgt &pt, dma_master &m) {
        // a new mapping of an invalid entry needs no invalidation
        ASSERT_EQ(pgt_map(&pt, k_va + 0x1000, k_pa + 0x1000, 0x1000, PGT_S1_RW), 0);
        remap_page(pt);
        m.read32(k_va + 0x1000); // evicts k_va's entry
        EXPECT_EQ(m.read32(k_va + 0x40), 0xB2B2B2B2u);
        EXPECT_EQ(p.smmu.stats().core.tlb_evictions, 2u);
    });
}

// IHI 0070 6.3.9 (CR0.SMMUEN), 6.3.14 (GBPA): clearing SMMUEN makes GBPA apply at once
// (here ABORT), copies or not: the access is terminated with an error response.
TEST(HitCopies, EndWhenTheSmmuIsDisabled)
{
    run_warm(with_copies(256), [](platform &p, pgt &, dma_master &m) {
        ASSERT_EQ(drv_write_gbpa(&p.ns, 1u << 20), 0); // GBPA.ABORT
        ASSERT_EQ(drv_write_cr0(&p.ns, 0x0C), 0);      // EVENTQEN | CMDQEN, SMMUEN = 0
        tlm::tlm_response_status st;
        m.read32(k_va + 0x40, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
}

// A copy is per stream: another StreamID on the same page is translated by the core (here its
// STE is invalid: C_BAD_STE and an error response), not answered from stream 1's copy.
TEST(HitCopies, AreKeptPerStream)
{
    run_warm(with_copies(256), [](platform &p, pgt &, dma_master &m) {
        m.stream = stream_extension(2);
        expect_report("(SID 0x2): V is 0: C_BAD_STE");
        tlm::tlm_response_status st;
        m.read32(k_va + 0x40, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(p.smmu.stats().reused_hits, 1u);
    });
}

namespace {

// The TBU path (smmu_reuse_words): TBU 1 of 2, a 4-entry LRU micro-TLB. Ten reads of page 0,
// ten of page 1, ten of page 0 again, ten of page 1 again. The first read of a page walks; the
// next is a micro-TLB hit, kept as a copy; the rest are its repeats. Back on page 0 the first
// read goes to the core: page 1's walk filled the micro-TLB since page 0's copy was kept. Back
// on page 1 the copy is renewed (smmu_reuse_renew): only the LRU order changed since it was
// kept. Counters and delays are those of 40 translations with 2 walks and 38 micro-TLB hits,
// copies or not: a micro-TLB hit costs utlb_hit_latency.
void expect_tbu_path_same_as_core(unsigned copies)
{
    smmuv3::smmu_tlm_config cfg = with_copies(copies);
    cfg.core.tbus = 2;
    cfg.core.utlb_entries = 4;
    cfg.utlb_hit_latency = sc_core::sc_time(3, sc_core::SC_NS);
    platform p(1, cfg);
    p.run([&] {
        pgt pt;
        map_page(p, pt);
        ASSERT_EQ(pgt_map(&pt, k_va + 0x1000, k_pa2, 0x1000, PGT_S1_RW), 0);
        p.smmu.clear_stats();
        dma_master &m = p.master(0);
        m.stream.tbu = 1;
        std::vector<sc_core::sc_time> delays;
        for (uint64_t page : {k_va, k_va + 0x1000, k_va, k_va + 0x1000}) {
            const uint32_t want = page == k_va ? 0xA1A1A1A1u : 0xB2B2B2B2u;
            for (unsigned i = 0; i < k_reads; i++) {
                tlm::tlm_response_status st;
                EXPECT_EQ(m.read32(page + 0x40, &st), want);
                EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
                delays.push_back(m.last_delay);
            }
        }
        if (p.smmu.config().core.check) // the checker sees every translation: no copies
            copies = 0;
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.core.translations, 4 * k_reads);
        EXPECT_EQ(s.core.tlb_misses, 2u);
        EXPECT_EQ(s.core.tlb_hits, 4 * k_reads - 2);
        EXPECT_EQ(s.totals.utlb_hits, 4 * k_reads - 2);
        EXPECT_EQ(s.totals.tcu_tlb_hits, 0u);
        EXPECT_EQ(s.upstream_transactions, 4 * k_reads);
        // Not reused: the walks, the hits kept as copies and the first read back on page 0
        EXPECT_EQ(s.reused_hits, copies ? 4 * k_reads - 5 : 0u);
        const sc_core::sc_time hit = cfg.utlb_hit_latency + p.memory.latency;
        for (unsigned i = 0; i < 4 * k_reads; i++) {
            if (i != 0 && i != k_reads) { // not the walks
                EXPECT_EQ(delays[i], hit) << "read " << i;
            }
        }
    });
}

// A copy's key has no TBU: one kept for TBU 0 is found for the same page read through TBU 1,
// whose micro-TLB is empty. It must not answer, not even renewed (smmu_reuse_renew refuses
// another TBU's mark): TBU 1's first read is a TCU TLB hit that fills its micro-TLB, copies or
// not. Reads: TBU 0 walks, then hits its micro-TLB (kept); TBU 1 hits the TCU TLB (kept, as
// its repeat's micro-TLB hit), then twice its micro-TLB (the copy).
void expect_copies_of_one_tbu_only(unsigned copies)
{
    smmuv3::smmu_tlm_config cfg = with_copies(copies);
    cfg.core.tbus = 2;
    cfg.core.utlb_entries = 4;
    platform p(1, cfg);
    p.run([&] {
        pgt pt;
        map_page(p, pt);
        p.smmu.clear_stats();
        dma_master &m = p.master(0);
        for (unsigned i = 0; i < 5; i++) {
            m.stream.tbu = i < 2 ? 0 : 1;
            EXPECT_EQ(m.read32(k_va + 0x40), 0xA1A1A1A1u);
        }
        const smmuv3::smmu_tlm_stats s = p.smmu.stats();
        EXPECT_EQ(s.totals.tcu_tlb_hits, 1u);
        EXPECT_EQ(s.totals.utlb_hits, 3u);
        EXPECT_EQ(s.core.tlb_misses, 1u);
        if (p.smmu.config().core.check) // the checker sees every translation: no copies
            copies = 0;
        EXPECT_EQ(s.reused_hits, copies ? 2u : 0u); // TBU 1's last two reads
    });
}

} // namespace

TEST(HitCopies, OnTheTbuPathStandForMicroTlbHits) { expect_tbu_path_same_as_core(256); }
TEST(HitCopies, OnTheTbuPathOffGivesTheSameCountersAndDelays) { expect_tbu_path_same_as_core(0); }
TEST(HitCopies, OfOneTbuNeverAnswerAnother) { expect_copies_of_one_tbu_only(256); }
TEST(HitCopies, OfOneTbuOffGivesTheSameCounters) { expect_copies_of_one_tbu_only(0); }

// A copy is found by every bit of the transaction's attributes: a write of stream 1 (Non-secure)
// is kept; reads of the same page that name SEC_SID 3 (no Security state; a Non-secure
// bus_attr_extension) or a SubstreamID beyond 20 bits are refused by the core (an address
// error), never answered from the write's copy.
TEST(HitCopies, AreFoundByEveryAttributeBit)
{
    run_warm(with_copies(256), [](platform &p, pgt &, dma_master &m) {
        for (int i = 0; i < 3; i++)
            EXPECT_EQ(m.write32(k_va + 0x80, 0x5A5A5A5A), tlm::TLM_OK_RESPONSE);
        const uint64_t reused = p.smmu.stats().reused_hits;
        smmuv3::bus_attr_extension ns(SMMU_PAS_NS);
        m.attrs = &ns;
        m.stream = stream_extension(1, static_cast<smmu_sec_sid>(3)); // in the enum's range
        expect_report("SEC_SID 3: the core refused the transaction");
        tlm::tlm_response_status st;
        m.read32(k_va + 0x80, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        m.stream = stream_extension(1);
        m.stream.ssv = true;
        m.stream.ssid = 1u << 21;
        expect_report("C_BAD_SUBSTREAMID");
        m.read32(k_va + 0x80, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        m.attrs = nullptr;
        EXPECT_EQ(p.smmu.stats().reused_hits, reused);
    });
}

// Without a configuration cache every hit reads the STE and CD from memory (fetches), so no
// result is kept as a copy [smmu_reuse_epoch: results with fetches are not reused]: each read
// costs the fetches, and an STE made invalid in memory without a CFGI is seen at once
// (C_BAD_STE), as the core sees it.
TEST(HitCopies, NotOfResultsThatReadMemory)
{
    smmuv3::smmu_tlm_config cfg = with_copies(256);
    cfg.core.cfg_entries = 0;
    run_warm(cfg, [](platform &p, pgt &, dma_master &m) {
        for (int i = 0; i < 3; i++)
            EXPECT_EQ(m.read32(k_va + 0x40), 0xA1A1A1A1u);
        const sc_core::sc_time fetching = m.last_delay;
        EXPECT_GT(fetching, p.smmu.config().tlb_hit_latency + p.memory.latency);
        EXPECT_EQ(p.smmu.stats().reused_hits, 0u);
        const uint64_t invalid[8] = {};
        st_write_ste(&p.st(SMMU_SEC_NS), 1, invalid);
        expect_report("C_BAD_STE");
        tlm::tlm_response_status st;
        m.read32(k_va + 0x40, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
}
