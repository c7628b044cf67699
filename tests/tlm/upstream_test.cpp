// SPDX-License-Identifier: Apache-2.0
// The module's upstream socket (smmu_tlm::upstream_socket) and its inline access to a payload's
// extensions (tlm_wrapper/src/payload_slots.h), which the reused-hit path uses for host speed
// (docs/performance.md "Host cost"): each must behave as what it stands in for, the tlm_utils
// multi-socket and the library's extension functions. Each TEST runs in its own process.
#include <gtest/gtest.h>

#include "payload_slots.h"
#include "tlm_support.h"

using namespace smmu_test;
using smmuv3::bus_attr_extension;
using smmuv3::stream_extension;

namespace {

constexpr uint64_t k_va = 0x40000000, k_pa = k_ram + 0x3000; // in the memory's DMI window

// An extension type the module does not know.
struct other_extension : smmuv3::copyable_extension<other_extension> {
    int v = 0;
};

// A subsystem that offers the SMMU's upstream socket as its own: a hierarchical binding
// [IEEE 1666-2011 13.4], whose initiators reach the module through the outer socket's own
// bindings (the registered callbacks).
struct subsystem : sc_core::sc_module {
    tlm_utils::multi_passthrough_target_socket<subsystem> upstream;
    subsystem(const sc_core::sc_module_name &name, smmuv3::smmu_tlm &smmu)
        : sc_module(name), upstream("upstream")
    {
        upstream.bind(smmu.upstream);
    }
};

} // namespace

// The slots the module reads (slots(t)[ID]), set and clear_after_set are what the library's
// get_extension, set_extension and clear_extension read and write, for the module's extension
// types and for another one.
TEST(Upstream, PayloadSlotsAreTheLibrarysExtensions)
{
    namespace slots = smmuv3::payload_slots;
    tlm::tlm_generic_payload t;
    auto get = [&t](unsigned id) { return slots::slots(t)[id]; };
    stream_extension se(7);
    bus_attr_extension ba(SMMU_PAS_SECURE);
    other_extension oe;
    EXPECT_EQ(get(stream_extension::ID), nullptr);
    t.set_extension(&se);
    EXPECT_EQ(get(stream_extension::ID), &se);
    EXPECT_EQ(get(bus_attr_extension::ID), nullptr);
    slots::set(t, &ba);
    EXPECT_EQ(t.get_extension<bus_attr_extension>(), &ba);
    slots::set(t, &oe);
    EXPECT_EQ(t.get_extension<other_extension>(), &oe);
    EXPECT_EQ(get(other_extension::ID), &oe);
    slots::clear_after_set<bus_attr_extension>(t);
    EXPECT_EQ(t.get_extension<bus_attr_extension>(), nullptr);
    EXPECT_EQ(t.get_extension<stream_extension>(), &se);
    EXPECT_EQ(t.get_extension<other_extension>(), &oe);
    t.clear_extension(&se);
    t.clear_extension(&oe);
    EXPECT_EQ(get(stream_extension::ID), nullptr);
    EXPECT_EQ(get(other_extension::ID), nullptr);
}

// Through a hierarchical binding the module translates as through a direct one: a write that
// walks, a read that hits (kept as a copy of the read) and reads that reuse it reach the
// mapped PA, and DMI is granted.
TEST(Upstream, HierarchicalBindingTranslates)
{
    platform p(0);
    subsystem sub("subsystem", p.smmu);
    dma_master m("outer_master");
    m.socket.bind(sub.upstream);
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_pa, 0x1000}});
        p.enable(SMMU_SEC_NS);
        m.stream = stream_extension(1);
        EXPECT_EQ(m.write32(k_va + 0x40, 0xC3C3C3C3), tlm::TLM_OK_RESPONSE); // the walk
        for (int i = 0; i < 3; i++) {
            tlm::tlm_response_status st;
            EXPECT_EQ(m.read32(k_va + 0x40, &st), 0xC3C3C3C3u);
            EXPECT_EQ(st, tlm::TLM_OK_RESPONSE);
        }
        EXPECT_EQ(p.smmu.stats().reused_hits, p.smmu.config().core.check ? 0u : 2u);
        tlm::tlm_dmi dmi;
        EXPECT_TRUE(m.get_dmi(k_va, false, dmi));
        EXPECT_EQ(dmi.get_start_address(), k_va);
    });
}
