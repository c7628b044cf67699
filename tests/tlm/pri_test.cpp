// SPDX-License-Identifier: Apache-2.0
// PRI through the TLM module [IHI 0070 ch. 8, 4.5.2]: a Page Request message on the upstream
// socket (page_request_extension) lands in the PRI queue and is not forwarded; CMD_PRI_RESP
// and automatic responses go out on endpoint_out as prg_response messages.
#include <gtest/gtest.h>

#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/arch.h"
#include "tlm_support.h"

using namespace smmu_test;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

constexpr uint64_t k_priq = 0x60000; // PRI queue, 2^3 entries of 16 bytes

// A PCIe endpoint's receiving side: records the messages the SMMU sends it.
struct endpoint : sc_core::sc_module {
    tlm_utils::simple_target_socket<endpoint> socket;
    struct msg {
        uint64_t addr;
        uint32_t data;
        smmuv3::endpoint_msg_extension ext;
        sc_time time;
    };
    std::vector<msg> msgs;

    explicit endpoint(const sc_core::sc_module_name &n) : sc_module(n), socket("socket")
    {
        socket.register_b_transport(this, &endpoint::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_time &)
    {
        auto *ext = t.get_extension<smmuv3::endpoint_msg_extension>();
        EXPECT_NE(ext, nullptr);
        uint32_t data = 0;
        for (unsigned i = 0; i < t.get_data_length() && i < 4; i++)
            data |= uint32_t(t.get_data_ptr()[i]) << (8 * i);
        msgs.push_back({t.get_address(), data, ext ? *ext : smmuv3::endpoint_msg_extension{},
                        sc_core::sc_time_stamp()});
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

smmuv3::smmu_tlm_config pri_config()
{
    smmuv3::smmu_tlm_config cfg = platform::default_config();
    cfg.core.ats = cfg.core.pri = true;
    cfg.core.priq_log2max = 8;
    return cfg;
}

// Inside run(): the Non-secure interface set up and enabled, with a PRI queue of 8 entries.
void enable_priq(platform &p)
{
    p.setup(SMMU_SEC_NS);
    p.enable(SMMU_SEC_NS);
    smmu_driver &d = p.drv(SMMU_SEC_NS);
    drv_write64(&d, SMMU_PRIQ_BASE, k_priq | 3);
    drv_write32(&d, SMMU_PAGE1_OFFSET + SMMU_PRIQ_PROD, 0);
    drv_write32(&d, SMMU_PAGE1_OFFSET + SMMU_PRIQ_CONS, 0);
    ASSERT_EQ(drv_write_cr0(&d, drv_read32(&d, DRV_CR0) | (1u << 1)), 0); // CR0.PRIQEN
}

tlm::tlm_response_status send_page_request(platform &p, const smmu_page_request &r)
{
    smmuv3::page_request_extension ext;
    ext.request = r;
    tlm::tlm_generic_payload t;
    uint32_t dummy = 0;
    init_payload(t, tlm::TLM_WRITE_COMMAND, 0, &dummy, 4);
    t.set_extension(&ext);
    sc_time d = sc_core::SC_ZERO_TIME;
    p.master(0).socket->b_transport(t, d);
    t.clear_extension(&ext);
    return t.get_response_status();
}

} // namespace

// [8] a Page Request message through upstream becomes PRI queue entry 0 (StreamID, SSV,
// SubstreamID, R/W/Last; PRGIndex, page address) and PROD 1; nothing reaches memory at the
// payload's address, the payload gets TLM_OK_RESPONSE.
TEST(Pri, PageRequestThroughUpstreamLandsInThePriQueue)
{
    platform p(1, pri_config());
    p.run([&] {
        enable_priq(p);
        const unsigned writes = p.memory.count(tlm::TLM_WRITE_COMMAND);
        smmu_page_request r{};
        r.sid = 0x12;
        r.ssv = true;
        r.ssid = 0x345;
        r.addr = 0x40005000;
        r.read = r.write = r.last = true;
        r.prgi = 0x1C;
        EXPECT_EQ(send_page_request(p, r), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(drv_read32(&p.drv(SMMU_SEC_NS), SMMU_PAGE1_OFFSET + SMMU_PRIQ_PROD), 1u);
        EXPECT_EQ(fake_mem_rd64(p.mem, k_priq, SMMU_PAS_NS),
                  0x12ull | 0x345ull << 32 | 1ull << 60 | 1ull << 61 | 1ull << 62 | 1ull << 63);
        EXPECT_EQ(fake_mem_rd64(p.mem, k_priq + 8, SMMU_PAS_NS), 0x1Cull | 0x40005000ull);
        EXPECT_EQ(p.memory.count(tlm::TLM_WRITE_COMMAND), writes + 1); // the queue entry only
    });
}

// [4.5.2, 8.3] CMD_PRI_RESP(Success) sends a prg_response message on endpoint_out: address =
// StreamID, data = PCIe Response Code 0b0000, the extension with the PASID and PRGIndex.
TEST(Pri, PriRespCommandSendsPrgResponseOnEndpointOut)
{
    platform p(1, pri_config());
    endpoint ep("ep");
    p.smmu.endpoint_out.bind(ep.socket);
    p.run([&] {
        enable_priq(p);
        uint64_t c[2];
        cmd_clear(c, SMMU_CMD_PRI_RESP);
        smmu_cmd_set_StreamID(c, 0x12);
        smmu_cmd_set_SSV(c, 1);
        smmu_cmd_set_SubstreamID(c, 0x345);
        smmu_cmd_set_PRGIndex(c, 0x1C);
        smmu_cmd_set_Resp(c, 2); // Success
        p.command(SMMU_SEC_NS, c);
        sc_core::wait(sc_time(10, SC_NS));
        ASSERT_EQ(ep.msgs.size(), 1u);
        const endpoint::msg &m = ep.msgs[0];
        EXPECT_EQ(m.addr, 0x12u);
        EXPECT_EQ(m.data, 0u);
        EXPECT_EQ(m.ext.kind, smmuv3::endpoint_msg_extension::prg_response);
        EXPECT_EQ(m.ext.response.sid, 0x12u);
        EXPECT_TRUE(m.ext.response.ssv);
        EXPECT_EQ(m.ext.response.ssid, 0x345u);
        EXPECT_EQ(m.ext.response.prgi, 0x1Cu);
        EXPECT_EQ(m.ext.response.code, SMMU_PRI_SUCCESS);
        EXPECT_FALSE(m.ext.response.automatic);
    });
}

// [8.2] a Page Request while PRIQEN is 0 is answered by the SMMU: Response Failure (PCIe
// 0b1111) without PASID, on endpoint_out.
TEST(Pri, AutomaticResponseGoesOutOnEndpointOut)
{
    platform p(1, pri_config());
    endpoint ep("ep");
    p.smmu.endpoint_out.bind(ep.socket);
    expect_report("PRIQEN is 0");
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        p.enable(SMMU_SEC_NS);
        smmu_page_request r{};
        r.sid = 0x7;
        r.ssv = true;
        r.ssid = 0x1;
        r.read = r.last = true;
        r.prgi = 0x3;
        EXPECT_EQ(send_page_request(p, r), tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(10, SC_NS));
        ASSERT_EQ(ep.msgs.size(), 1u);
        EXPECT_EQ(ep.msgs[0].addr, 0x7u);
        EXPECT_EQ(ep.msgs[0].data, 0xFu);
        EXPECT_FALSE(ep.msgs[0].ext.response.ssv);
        EXPECT_TRUE(ep.msgs[0].ext.response.automatic);
        EXPECT_EQ(ep.msgs[0].ext.response.prgi, 0x3u);
    });
}
