// SPDX-License-Identifier: Apache-2.0
// Device traffic through the TLM module: stage 1, stage 2, nested, Secure and Non-secure
// masters, split payloads, faults and RAZ/WI, streams without a stream_extension, and the
// walk path. Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include <algorithm>

#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::stream_extension;

namespace {

constexpr int k_down = 0; // memory socket index of smmu.downstream (bound first)
constexpr int k_walk = 1; // ... of smmu.walk

// The downstream accesses the memory saw.
std::vector<test_memory::access> downstream_accesses(const test_memory &m)
{
    std::vector<test_memory::access> v;
    for (const auto &a : m.log)
        if (a.socket == k_down)
            v.push_back(a);
    return v;
}

// The addresses of the downstream accesses, in order.
std::vector<uint64_t> downstream_addrs(const test_memory &m)
{
    std::vector<uint64_t> v;
    for (const auto &a : downstream_accesses(m))
        v.push_back(a.addr);
    return v;
}

// StreamID sid in both banks, each mapping VA 0x40000000 to a page of its own PA space (at
// ns_pa, s_pa); both banks enabled.
void stream_in_both_banks(platform &p, uint32_t sid, uint64_t ns_pa, uint64_t s_pa)
{
    p.s1_stream(SMMU_SEC_NS, sid, {{0x40000000, ns_pa, 0x1000}});
    p.s1_stream(SMMU_SEC_SECURE, sid, {{0x40000000, s_pa, 0x1000}});
    p.enable(SMMU_SEC_NS);
    p.enable(SMMU_SEC_SECURE);
}

// Whether any table fetch (on the walk socket) was in pas.
bool walked_in(const test_memory &m, smmu_pa_space pas)
{
    return std::any_of(m.log.begin(), m.log.end(), [&](const test_memory::access &a) {
        return a.socket == k_walk && a.pas == pas;
    });
}

} // namespace

// IHI 0070 3.2, 5.2 (STE.Config=101), 5.4 (CD): a Non-secure stage-1 stream's reads and writes
// reach the PA its tables give, in the Non-secure PA space, with the stage-1 memory type.
TEST(Stage1, DmaReadAndWriteReachTheTranslatedPa)
{
    platform p;
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{0x40000000, 0x800000, 0x2000}});
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x800124, SMMU_PAS_NS, 0x11223344);

        dma_master &m = p.master(0, stream_extension(1));
        tlm::tlm_response_status st;
        EXPECT_EQ(m.read32(0x40000124, &st), 0x11223344u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(m.write32(0x40001008, 0xcafef00d), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(fake_mem_rd32(p.mem, 0x801008, SMMU_PAS_NS), 0xcafef00du);

        auto down = downstream_accesses(p.memory);
        ASSERT_EQ(down.size(), 2u);
        EXPECT_EQ(down[0].addr, 0x800124u);
        EXPECT_EQ(down[0].cmd, tlm::TLM_READ_COMMAND);
        EXPECT_EQ(down[1].addr, 0x801008u);
        EXPECT_EQ(down[1].cmd, tlm::TLM_WRITE_COMMAND);
        for (const auto &a : down) {
            EXPECT_EQ(a.pas, SMMU_PAS_NS);
            EXPECT_TRUE(a.attrs_valid);
            EXPECT_EQ(a.mair, 0xff); // AttrIndx 0 -> MAIR Attr0 = Normal WB (cd_make mair 0xff)
            EXPECT_EQ(a.sh, 3);      // SH = Inner Shareable
        }
        // Table fetches used the walk socket, in the Non-secure PA space.
        unsigned walks = 0;
        for (const auto &a : p.memory.log) {
            if (a.socket == k_walk) {
                walks++;
                EXPECT_EQ(a.pas, SMMU_PAS_NS);
                EXPECT_TRUE(a.attrs_valid);
            }
        }
        EXPECT_GT(walks, 0u);
    });
}

// IHI 0070 5.2 (STE.Config=110): a stage-2-only stream translates IPA to PA.
TEST(Stage2, DmaReachesThePaOfTheIpa)
{
    platform p;
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        pgt &s2 = p.s2_tables();
        map(s2, {0x40000000, 0x900000, 0x1000, PGT_S2_RW});
        p.add_s2_stream(SMMU_SEC_NS, 2, s2_params(s2, 5));
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x900040, SMMU_PAS_NS, 0x5eed0002);

        tlm::tlm_response_status st;
        EXPECT_EQ(p.master(0, stream_extension(2)).read32(0x40000040, &st), 0x5eed0002u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        auto down = downstream_accesses(p.memory);
        ASSERT_EQ(down.size(), 1u);
        EXPECT_EQ(down[0].addr, 0x900040u);
        EXPECT_EQ(down[0].pas, SMMU_PAS_NS);
    });
}

// IHI 0070 13.1.5: a stage-2-only stream combines stage 2's attributes with the incoming ones,
// which a master gives in its bus_attr_extension (attrs_valid): Normal WB ISH in, stage-2
// Normal NC: iNC-oNC, Outer Shareable out; Device-nGnRE in: Device-nGnRE. The second access of
// each pair is served from the module's copy of the TLB hit, which is kept per incoming
// attributes (a copy made for one must not answer the other).
TEST(Stage2, IncomingMemoryAttributesCombineWithStageTwo)
{
    platform p;
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        pgt &s2 = p.s2_tables();
        map(s2, {0x40000000, 0x900000, 0x1000, (PGT_S2_RW & ~PGT_MEMATTR(15)) | PGT_MEMATTR(5)});
        map(s2, {0x40001000, 0x901000, 0x1000, PGT_S2_RW});
        p.add_s2_stream(SMMU_SEC_NS, 2, s2_params(s2, 5));
        p.enable(SMMU_SEC_NS);
        dma_master &m = p.master(0, stream_extension(2));
        smmuv3::bus_attr_extension in(SMMU_PAS_NS);
        in.attrs_valid = true;
        m.attrs = &in;
        struct { uint64_t va; uint8_t mair, sh, out_mair, out_sh; } cases[] = {
            {0x40000040, 0xff, 3, 0x44, 2}, {0x40000080, 0xff, 3, 0x44, 2},
            {0x40001040, 0x04, 3, 0x04, 2}, {0x40001080, 0xcc, 0, 0xcc, 3},
            {0x40001040, 0x04, 3, 0x04, 2},
        };
        for (const auto &c : cases) {
            in.mair = c.mair;
            in.sh = c.sh;
            tlm::tlm_response_status st;
            m.read32(c.va, &st);
            EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
            const test_memory::access a = downstream_accesses(p.memory).back();
            EXPECT_TRUE(a.attrs_valid);
            EXPECT_EQ(a.mair, c.out_mair) << std::hex << c.va;
            EXPECT_EQ(a.sh, c.out_sh) << std::hex << c.va;
        }
        m.attrs = nullptr;
    });
}

// IHI 0070 3.3 (STE.Config=111): nested: the CD and stage-1 tables are read through stage 2,
// and the stage-1 output (an IPA) is translated by stage 2.
TEST(Nested, StageOneOutputIsTranslatedByStageTwo)
{
    platform p;
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        // Stage 1: VA 0x40000000 -> IPA 0xA00000. Stage 2: the tables and CDs at identity; the
        // data IPA 0xA00000 -> PA 0xB00000.
        pgt &s1 = p.s1_tables(SMMU_SEC_NS);
        map(s1, {0x40000000, 0xA00000, 0x1000});
        pgt &s2 = p.s2_tables();
        map(s2, {0, 0, 0x400000, PGT_S2_RW});
        map(s2, {0xA00000, 0xB00000, 0x1000, PGT_S2_RW});
        const ste_s2_params s2p = s2_params(s2, 3);
        p.add_s1_stream(SMMU_SEC_NS, 3, s1, 7, &s2p);
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0xB00010, SMMU_PAS_NS, 0xabcd0003);
        fake_mem_wr32(p.mem, 0xA00010, SMMU_PAS_NS, 0xbad);

        tlm::tlm_response_status st;
        EXPECT_EQ(p.master(0, stream_extension(3)).read32(0x40000010, &st), 0xabcd0003u);
        EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(downstream_addrs(p.memory), std::vector<uint64_t>{0xB00010});
    });
}

// IHI 0070 3.10: a Secure stream (SEC_SID=1) uses the Secure programming interface's tables
// and outputs to the Secure PA space; a Non-secure stream with the same StreamID uses the
// Non-secure ones. The same input address reaches different memory.
TEST(Security, SecureAndNonSecureMastersReachDifferentMemory)
{
    platform p;
    p.run([&] {
        stream_in_both_banks(p, 4, 0x800000, 0x800000);
        fake_mem_wr32(p.mem, 0x800000, SMMU_PAS_NS, 0x0000aaaa);
        fake_mem_wr32(p.mem, 0x800000, SMMU_PAS_SECURE, 0x5ec0bbbb);

        p.master(0).stream = stream_extension(4, SMMU_SEC_NS);
        p.master(1).stream = stream_extension(4, SMMU_SEC_SECURE);
        EXPECT_EQ(p.master(0).read32(0x40000000), 0x0000aaaau);
        EXPECT_EQ(p.master(1).read32(0x40000000), 0x5ec0bbbbu);
        auto down = downstream_accesses(p.memory);
        ASSERT_EQ(down.size(), 2u);
        EXPECT_EQ(down[0].pas, SMMU_PAS_NS);
        EXPECT_EQ(down[1].pas, SMMU_PAS_SECURE);
        EXPECT_TRUE(walked_in(p.memory, SMMU_PAS_SECURE)) << "the Secure walk read Secure tables";
    });
}

// A payload that leaves its page is cut at the mapping boundary: each piece goes to its own
// PA (the core translates accesses within one mapping).
TEST(Split, PayloadCrossingPagesReachesBothPas)
{
    platform p;
    p.run([&] {
        // Two pages, adjacent in VA but not in PA.
        p.s1_stream(SMMU_SEC_NS, 1,
                    {{0x40000000, 0x800000, 0x1000}, {0x40001000, 0x805000, 0x1000}});
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x800ffc, SMMU_PAS_NS, 0x44332211);
        fake_mem_wr32(p.mem, 0x805000, SMMU_PAS_NS, 0x88776655);

        uint8_t buf[8] = {};
        EXPECT_EQ(p.master(0, stream_extension(1)).read(0x40000ffc, buf, 8), tlm::TLM_OK_RESPONSE);
        const uint8_t want[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
        EXPECT_EQ(0, std::memcmp(buf, want, 8));
        auto down = downstream_accesses(p.memory);
        ASSERT_EQ(down.size(), 2u);
        EXPECT_EQ(down[0].addr, 0x800ffcu);
        EXPECT_EQ(down[0].len, 4u);
        EXPECT_EQ(down[1].addr, 0x805000u);
        EXPECT_EQ(down[1].len, 4u);
        EXPECT_EQ(p.smmu.stats().split_transactions, 1u);
    });
}

// IHI 0070 7.3.12 (F_TRANSLATION): an unmapped address terminates the transaction: the master
// gets TLM_ADDRESS_ERROR_RESPONSE, nothing goes downstream, and the event record (type,
// StreamID, RnW, InputAddr) is in the event queue in memory.
TEST(Fault, UnmappedAddressAnswersErrorAndRecordsEvent)
{
    platform p;
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 6, {{0x40000000, 0x800000, 0x1000}});
        p.enable(SMMU_SEC_NS);

        tlm::tlm_response_status st;
        p.master(0, stream_extension(6)).read32(0x40005008, &st);
        EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_TRUE(downstream_accesses(p.memory).empty());
        uint64_t rec[4];
        ASSERT_EQ(drv_read_event(&p.ns, rec), 1);
        EXPECT_EQ(smmu_evt_EventType(rec), (uint64_t)SMMU_EVT_F_TRANSLATION);
        EXPECT_EQ(smmu_evt_StreamID(rec), 6u);
        EXPECT_EQ(smmu_evt_RnW(rec), 1u);
        EXPECT_EQ(smmu_evt_InputAddr(rec), 0x40005008u);
        EXPECT_EQ(drv_read_event(&p.ns, rec), 0);
        EXPECT_EQ(p.smmu.stats().error_responses, 1u);
        EXPECT_EQ(p.smmu.stats().core.events_by_type[SMMU_EVT_F_TRANSLATION], 1u);
    });
}

// IHI 0070 5.4 (CD.A=0): a stage-1 translation fault is RAZ/WI: a read returns zeros, a write
// is ignored, both answered TLM_OK_RESPONSE; nothing goes downstream.
TEST(Fault, RazWiReadsZeroAndIgnoresWrites)
{
    platform p;
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 8, {}); // nothing mapped
        p.edit_cd(SMMU_SEC_NS, 8, [](uint64_t *cd) { smmu_cd_set_A(cd, 0); });
        p.enable(SMMU_SEC_NS);

        dma_master &m = p.master(0, stream_extension(8));
        uint8_t buf[16];
        std::memset(buf, 0xa5, sizeof(buf));
        EXPECT_EQ(m.read(0x40000000, buf, 16), tlm::TLM_OK_RESPONSE);
        for (uint8_t b : buf)
            EXPECT_EQ(b, 0);
        EXPECT_EQ(m.write32(0x40000000, 0x12345678), tlm::TLM_OK_RESPONSE);
        EXPECT_TRUE(downstream_accesses(p.memory).empty());
        EXPECT_EQ(p.smmu.stats().razwi, 2u);
    });
}

// Traffic without a stream_extension uses the socket index's configured StreamID, is never
// Secure, and is reported once per socket.
TEST(StreamExtension, AbsentUsesDefaultStreamIdNonSecureAndWarnsOnce)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.default_sid = {7, 9};
    platform p(2, cfg);
    expect_report("without a stream_extension");
    p.run([&] {
        // StreamID 9 in both banks: only the Non-secure one may be used.
        stream_in_both_banks(p, 9, 0x800000, 0x700000);
        fake_mem_wr32(p.mem, 0x800000, SMMU_PAS_NS, 0x900d);
        fake_mem_wr32(p.mem, 0x700000, SMMU_PAS_SECURE, 0xbad);

        dma_master &m = p.master(1);
        m.attach_stream = false;
        EXPECT_EQ(m.read32(0x40000000), 0x900du);
        EXPECT_EQ(m.read32(0x40000000), 0x900du);
        EXPECT_EQ(count_reports("upstream socket 1: transaction without a stream_extension; "
                                "using StreamID 0x9, Non-secure"),
                  1u);
        auto down = downstream_accesses(p.memory);
        ASSERT_EQ(down.size(), 2u);
        EXPECT_EQ(down[0].pas, SMMU_PAS_NS);
    });
}

// With walk_via_downstream the walk socket may stay unbound: table accesses go out on the
// downstream socket, with their PA space.
TEST(WalkPath, SharedWithDownstreamWhenConfigured)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.walk_via_downstream = true;
    platform p(1, cfg);
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{0x40000000, 0x800000, 0x1000}});
        p.enable(SMMU_SEC_NS);
        fake_mem_wr32(p.mem, 0x800000, SMMU_PAS_NS, 0x5a5a);
        p.memory.log.clear();
        EXPECT_EQ(p.master(0, stream_extension(1)).read32(0x40000000), 0x5a5au);
        // STE, CD, descriptors and then the data: all on the single binding.
        ASSERT_GT(p.memory.log.size(), 1u);
        for (const auto &a : p.memory.log)
            EXPECT_EQ(a.socket, 0);
        EXPECT_EQ(p.memory.log.front().addr, k_strtab + 64 * 1); // the STE of StreamID 1
        EXPECT_EQ(p.memory.log.back().addr, 0x800000u);
    });
}
