// SPDX-License-Identifier: Apache-2.0
// Broadcast TLB maintenance through the module's dvm_socket [IHI 0070 3.17]: a PE's TLBI,
// delivered as a DVM message, removes a translation the SMMU had cached (the next access walks
// again and reaches the new page), revokes the DMI window that used it, and is refused when
// the SMMU does not implement BTM. Each TEST runs in its own process (one SystemC elaboration).
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "tlm_support.h"
extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmu_test;
using smmuv3::dvm_extension;
using smmuv3::stream_extension;

namespace {

constexpr uint64_t k_va = 0x40000000;
constexpr uint64_t k_old = 0x800000, k_new = 0x900000; // the page before and after the remap

// What a CPU model or interconnect does: one payload per DVM message, the message in a
// dvm_extension.
struct dvm_master : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<dvm_master> socket{"socket"};
    explicit dvm_master(const sc_core::sc_module_name &n) : sc_module(n) {}

    tlm::tlm_response_status send(dvm_extension &ext)
    {
        tlm::tlm_generic_payload t;
        init_payload(t, tlm::TLM_IGNORE_COMMAND, 0, nullptr, 0);
        t.set_extension(&ext);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        socket->b_transport(t, delay);
        t.clear_extension(&ext);
        return t.get_response_status();
    }
    tlm::tlm_response_status tlbi(const smmu_tlbi &op, smmu_status *status = nullptr)
    {
        dvm_extension ext(op);
        tlm::tlm_response_status r = send(ext);
        if (status)
            *status = ext.status;
        return r;
    }
    tlm::tlm_response_status sync()
    {
        dvm_extension ext;
        ext.kind = dvm_extension::sync;
        return send(ext);
    }
};

// VAE1IS for ASID 1 (s1_stream's CD) at k_va, VMID 0 (the stage-1 STE's S2VMID).
smmu_tlbi vae1_is()
{
    smmu_tlbi op{};
    op.op = SMMU_TLBI_VAE1;
    op.sec = SMMU_SEC_NS;
    op.asid = 1;
    op.addr = k_va;
    return op;
}

smmuv3::smmu_tlm_config btm_config(bool btm)
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.core.btm = btm;
    return cfg;
}

// SID 1: k_va -> k_old, non-global (tagged with ASID 1), read once (walked, cached), then
// remapped to k_new in memory only. Returns the stage-1 tables.
pgt &cached_then_remapped(platform &p)
{
    fake_mem_wr32(p.mem, k_old, SMMU_PAS_NS, 0x01d01d01);
    fake_mem_wr32(p.mem, k_new, SMMU_PAS_NS, 0x0e40e40e);
    pgt &pt = p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_old, 0x1000, PGT_S1_RW | PGT_NG}});
    p.enable(SMMU_SEC_NS);
    p.master(0).stream = stream_extension(1);
    EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va));
    EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va)); // a TLB hit
    EXPECT_EQ(1u, p.smmu.stats().core.walks);
    EXPECT_EQ(0, pgt_unmap(&pt, k_va, 0x1000));
    EXPECT_EQ(0, pgt_map(&pt, k_va, k_new, 0x1000, PGT_S1_RW | PGT_NG));
    // Without any invalidation the SMMU keeps using what it cached [3.21]
    EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va));
    EXPECT_EQ(1u, p.smmu.stats().core.walks);
    return pt;
}

} // namespace

// [3.17, 3.21.1] The PE's VAE1IS + DSB (DVM TLBI + DVM Sync) is all the maintenance a driver
// relying on BTM does: the next access walks the tables again and reaches the new page.
TEST(Dvm, BroadcastTlbiMakesTheNextAccessWalkAgain)
{
    platform p(1, btm_config(true));
    dvm_master pe("pe");
    pe.socket.bind(p.smmu.dvm_socket);
    p.run([&] {
        cached_then_remapped(p);
        smmu_tlbi other = vae1_is();
        other.asid = 2; // another address space: the entry (ASID 1, non-global) stays
        smmu_status st = SMMU_E_INVAL;
        EXPECT_EQ(tlm::TLM_OK_RESPONSE, pe.tlbi(other, &st));
        EXPECT_EQ(SMMU_OK, st);
        EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va));
        EXPECT_EQ(1u, p.smmu.stats().core.walks);

        EXPECT_EQ(tlm::TLM_OK_RESPONSE, pe.tlbi(vae1_is()));
        EXPECT_EQ(tlm::TLM_OK_RESPONSE, pe.sync());
        EXPECT_EQ(0x0e40e40eu, p.master(0).read32(k_va));
        EXPECT_EQ(2u, p.smmu.stats().core.walks);
        EXPECT_EQ(3u, p.smmu.stats().dvm_messages);
        EXPECT_EQ(0u, p.smmu.stats().core.cfg_invalidated); // never configuration caches
    });
}

// The DMI window granted for the old page is revoked by the broadcast, as by a command.
TEST(Dvm, BroadcastTlbiRevokesTheDmiWindowOfTheTranslation)
{
    platform p(1, btm_config(true));
    dvm_master pe("pe");
    pe.socket.bind(p.smmu.dvm_socket);
    p.run([&] {
        p.s1_stream(SMMU_SEC_NS, 1, {{k_va, k_ram, 0x1000, PGT_S1_RW | PGT_NG}});
        p.enable(SMMU_SEC_NS);
        p.master(0).stream = stream_extension(1);
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(p.master(0).get_dmi(k_va, false, dmi));
        EXPECT_EQ(tlm::TLM_OK_RESPONSE, pe.tlbi(vae1_is()));
        const std::vector<std::pair<uint64_t, uint64_t>> revoked{{k_va, k_va + 0xfff}};
        EXPECT_EQ(revoked, p.master(0).dmi_invalidations);
        EXPECT_EQ(1u, p.smmu.stats().dmi_revoked);
    });
}

// [3.17, 6.3.12] CR2.PTM = 1: the Non-secure broadcasts are ignored (answered OK, as the PE
// cannot tell), and the SMMU keeps the translation; the C method gives the same.
TEST(Dvm, PtmMakesTheSmmuIgnoreBroadcasts)
{
    platform p(1, btm_config(true));
    dvm_master pe("pe");
    pe.socket.bind(p.smmu.dvm_socket);
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        ASSERT_EQ(tlm::TLM_OK_RESPONSE, p.cpu.write(SMMU_CR2, 4, SMMU_CR2_PTM));
        cached_then_remapped(p);
        EXPECT_EQ(tlm::TLM_OK_RESPONSE, pe.tlbi(vae1_is()));
        EXPECT_EQ(SMMU_OK, p.smmu.broadcast_tlbi(vae1_is()));
        EXPECT_EQ(SMMU_OK, p.smmu.dvm_sync());
        EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va));
        EXPECT_EQ(1u, p.smmu.stats().core.walks);
    });
}

// [6.3.1] IDR0.BTM = 0: the SMMU takes no part in broadcast maintenance; a DVM message sent
// to it anyway is a platform bug, answered with an error and invalidating nothing.
TEST(Dvm, WithoutBtmDvmMessagesAreAnsweredWithAnError)
{
    platform p(1, btm_config(false));
    dvm_master pe("pe");
    pe.socket.bind(p.smmu.dvm_socket);
    p.run([&] {
        cached_then_remapped(p);
        smmu_status st = SMMU_OK;
        EXPECT_EQ(tlm::TLM_COMMAND_ERROR_RESPONSE, pe.tlbi(vae1_is(), &st));
        EXPECT_EQ(SMMU_E_UNSUPPORTED, st);
        EXPECT_EQ(tlm::TLM_COMMAND_ERROR_RESPONSE, pe.sync());
        EXPECT_EQ(0x01d01d01u, p.master(0).read32(k_va));
    });
}

// A payload without a dvm_extension is no DVM message: an error response and a warning.
TEST(Dvm, PayloadWithoutExtensionIsAnError)
{
    platform p(1, btm_config(true));
    dvm_master pe("pe");
    pe.socket.bind(p.smmu.dvm_socket);
    expect_report("a payload without a dvm_extension");
    p.run([&] {
        tlm::tlm_generic_payload t;
        init_payload(t, tlm::TLM_IGNORE_COMMAND, 0, nullptr, 0);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        pe.socket->b_transport(t, delay);
        EXPECT_EQ(tlm::TLM_GENERIC_ERROR_RESPONSE, t.get_response_status());
        EXPECT_EQ(1u, count_reports("a payload without a dvm_extension"));
    });
}
