// SPDX-License-Identifier: Apache-2.0
// DMI through the SMMU: granted for the translated window only, with the access the mapping
// allows, and revoked upstream by every invalidation that covers it (TLBI, configuration
// invalidation, SMMU disable, reset, a downstream revocation).
#include <gtest/gtest.h>

#include "tlm_support.h"

using namespace smmu_test;
using smmuv3::stream_extension;

namespace {

constexpr uint64_t k_va = 0x50000000;
constexpr uint64_t k_pa = k_ram + 0x3000; // inside the memory's DMI window

// A DMI window: its first and last address.
using window = std::pair<uint64_t, uint64_t>;
// What the tests revoke: the window grant() checks, the 4K page at k_va.
const std::vector<window> k_granted_page{{k_va, k_va + 0xfff}};

// SID 1: VA [k_va, k_va + 8K) -> PA [k_pa, k_pa + 8K), two 4K pages; SMMU enabled.
void map_dma_buffer(platform &p)
{
    p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_pa, 0x2000}, {0x60000000, 0x800000, 0x1000}});
    p.enable(SMMU_SEC_NS);
    p.master(0).stream = stream_extension(1);
}

// Grants DMI for k_va + 0x10 and checks the window.
void grant(platform &p, bool write)
{
    tlm::tlm_dmi dmi;
    ASSERT_TRUE(p.master(0).get_dmi(k_va + 0x10, write, dmi));
    // The 4K page of the mapping, not the memory's whole 1 MB window.
    EXPECT_EQ(dmi.get_start_address(), k_va);
    EXPECT_EQ(dmi.get_end_address(), k_va + 0xfff);
    EXPECT_EQ(dmi.get_dmi_ptr(), p.memory.ram() + (k_pa - k_ram));
    EXPECT_TRUE(dmi.is_read_allowed());
    EXPECT_EQ(dmi.is_write_allowed(), write);
}

// Runs body with the DMA buffer mapped and a read window granted (checked) to master 0.
void run_with_read_window(platform &p, const std::function<void()> &body)
{
    p.run([&] {
        map_dma_buffer(p);
        grant(p, false);
        body();
    });
}

// The windows master 0 has been told to drop.
const std::vector<window> &revoked(platform &p)
{
    return p.master(0).dmi_invalidations;
}

} // namespace

// The window granted upstream is the translated page: a store through the pointer is what a
// translated read then returns.
TEST(Dmi, GrantedForTheTranslatedPageOnly)
{
    platform p;
    run_with_read_window(p, [&] {
        p.memory.ram()[(k_pa - k_ram) + 0x20] = 0x7e;
        uint8_t b = 0;
        EXPECT_EQ(p.master(0).read(k_va + 0x20, &b, 1), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b, 0x7e);
        EXPECT_TRUE(p.master(0).last_dmi_hint);
        EXPECT_EQ(p.smmu.stats().dmi_granted, 1u);
    });
}

// A write request is granted read and write (the translation for it set the dirty state).
TEST(Dmi, WriteRequestGrantsReadWrite)
{
    platform p;
    p.run([&] { map_dma_buffer(p); grant(p, true); });
}

// IHI 0070 4.4.2 (CMD_TLBI_NH_VA): invalidating the page revokes the DMI window upstream;
// invalidating another page does not.
TEST(Dmi, RevokedByTlbiOfThePage)
{
    platform p;
    run_with_read_window(p, [&] {
        uint64_t c[2];
        cmd_tlbi_nh_va(c, 0, 1, 0x60000000, true);
        p.command(SMMU_SEC_NS, c);
        EXPECT_TRUE(revoked(p).empty());
        cmd_tlbi_nh_va(c, 0, 1, k_va, true);
        p.command(SMMU_SEC_NS, c);
        ASSERT_EQ(revoked(p), k_granted_page);
        EXPECT_EQ(p.smmu.stats().dmi_revoked, 1u);
    });
}

// IHI 0070 4.3.2 (CMD_CFGI_STE): invalidating the stream's configuration revokes its windows.
TEST(Dmi, RevokedByConfigurationInvalidationOfTheStream)
{
    platform p;
    run_with_read_window(p, [&] {
        uint64_t c[2];
        cmd_cfgi_ste(c, 2, true, false);
        p.command(SMMU_SEC_NS, c);
        EXPECT_TRUE(revoked(p).empty());
        cmd_cfgi_ste(c, 1, true, false);
        p.command(SMMU_SEC_NS, c);
        ASSERT_EQ(revoked(p).size(), 1u);
        EXPECT_EQ(revoked(p)[0].first, k_va);
    });
}

// Clearing SMMU_CR0.SMMUEN through the register socket revokes every window.
TEST(Dmi, RevokedWhenTheSmmuIsDisabled)
{
    platform p;
    run_with_read_window(p, [&] {
        const uint64_t cr0 = p.cpu.read(DRV_CR0, 4);
        EXPECT_EQ(p.cpu.write(DRV_CR0, 4, cr0 & ~uint64_t(DRV_CR0_SMMUEN)), tlm::TLM_OK_RESPONSE);
        ASSERT_EQ(revoked(p), k_granted_page);
    });
}

// A rising edge on the reset input revokes every window.
TEST(Dmi, RevokedOnReset)
{
    platform p;
    run_with_read_window(p, [&] {
        p.reset.write(true);
        wait(sc_core::SC_ZERO_TIME);
        wait(sc_core::SC_ZERO_TIME);
        ASSERT_EQ(revoked(p).size(), 1u);
        EXPECT_EQ(revoked(p)[0].first, k_va);
    });
}

// The memory revoking its DMI pointers revokes the windows derived from them.
TEST(Dmi, RevokedWhenDownstreamRevokes)
{
    platform p;
    run_with_read_window(p, [&] {
        p.memory.invalidate_all_dmi();
        ASSERT_EQ(revoked(p), k_granted_page);
    });
}

// Asking for DMI at an unmapped address is refused without an event: it is not an access.
TEST(Dmi, DeniedForUnmappedAddressWithoutEvent)
{
    platform p;
    p.run([&] {
        map_dma_buffer(p);
        tlm::tlm_dmi dmi;
        EXPECT_FALSE(p.master(0).get_dmi(0x70000000, false, dmi));
        EXPECT_EQ(dmi.get_granted_access(), tlm::tlm_dmi::DMI_ACCESS_NONE);
        uint64_t rec[4];
        EXPECT_EQ(drv_read_event(&p.ns, rec), 0);
        EXPECT_EQ(p.smmu.stats().dmi_denied, 1u);
    });
}
