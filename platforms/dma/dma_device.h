// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::platform::dma_device - a DMA test engine for SMMU platforms, in the spirit of QEMU's
// iommu-testdev and the SMMUv3 test engine of Arm's FVP: software programs a transfer in its
// registers and starts it; the engine issues the transfer's reads and writes on its initiator
// socket with a stream_extension (StreamID, SubstreamID, SEC_SID, privileged/instruction) that
// the SMMU translates, and reports the TLM response of the transfer in STATUS.
//
//   reg_socket  target     the register block below (4- or 8-byte accesses)
//   socket      initiator  the device's DMA traffic (bind to smmu_tlm::upstream)
//   irq         out        high from completion (if CTRL.IRQ_EN) until STATUS.DONE is cleared
//
// Registers (offset, access):
//   0x00 SRC        RW 64  source address (read, copy)
//   0x08 DST        RW 64  destination address (write, copy)
//   0x10 SIZE       RW 32  bytes
//   0x14 SID        RW 32  StreamID
//   0x18 SSID       RW 32  SubstreamID
//   0x1C ATTR       RW 32  [0] SSV, [2:1] SEC_SID (0 NS, 1 Secure, 2 Realm), [3] privileged,
//                          [4] instruction. SEC_SID can only be raised by a Secure register
//                          access (a Non-secure write leaves it Non-secure).
//   0x20 OP         RW 32  0 read, 1 write (PATTERN), 2 copy
//   0x24 PATTERN    RW 32  the 32-bit pattern a write operation stores (little-endian, repeated)
//   0x28 CTRL       RW 32  [0] START (write 1; reads 0), [1] IRQ_EN
//   0x2C STATUS     RW 32  [0] BUSY, [1] DONE (write 1 to clear, lowers irq), [2] ERROR,
//                          [15:8] RESP: the tlm_response_status of the failing (or last)
//                          access as a signed byte (1 OK, -2 ADDRESS_ERROR...)
//   0x30 BYTES_DONE RO 32  bytes transferred before completion or the first error
//   0x34 CHECKSUM   RO 32  FNV-1a of the bytes read by the last operation
//   0x38 FAULT_ADDR RO 64  device address of the access that failed
#ifndef SMMUV3_PLATFORM_DMA_DEVICE_H
#define SMMUV3_PLATFORM_DMA_DEVICE_H

#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/tlm/extensions.h"

namespace smmuv3::platform {

class dma_device : public sc_core::sc_module
{
public:
    enum reg : uint64_t {
        SRC = 0x00, DST = 0x08, SIZE = 0x10, SID = 0x14, SSID = 0x18, ATTR = 0x1C, OP = 0x20,
        PATTERN = 0x24, CTRL = 0x28, STATUS = 0x2C, BYTES_DONE = 0x30, CHECKSUM = 0x34,
        FAULT_ADDR = 0x38, REG_SPACE = 0x40
    };
    enum op : uint32_t { OP_READ = 0, OP_WRITE = 1, OP_COPY = 2 };
    static constexpr uint32_t ATTR_SSV = 1u << 0, ATTR_SEC_SHIFT = 1, ATTR_SEC_MASK = 3u << 1,
                              ATTR_PRIV = 1u << 3, ATTR_INSTR = 1u << 4;
    static constexpr uint32_t CTRL_START = 1u << 0, CTRL_IRQ_EN = 1u << 1;
    static constexpr uint32_t STATUS_BUSY = 1u << 0, STATUS_DONE = 1u << 1,
                              STATUS_ERROR = 1u << 2, STATUS_RESP_SHIFT = 8;

    // The TLM response encoded in a STATUS value.
    static tlm::tlm_response_status status_resp(uint32_t status)
    {
        return static_cast<tlm::tlm_response_status>(static_cast<int8_t>(status >> STATUS_RESP_SHIFT));
    }

    tlm_utils::simple_target_socket<dma_device> reg_socket;
    tlm_utils::simple_initiator_socket<dma_device> socket;
    sc_core::sc_out<bool> irq;

    // burst: the largest access issued (bytes); no access crosses a 4 KB boundary.
    dma_device(const sc_core::sc_module_name &name, unsigned burst = 256);
    const char *kind() const override { return "smmuv3::platform::dma_device"; }

    struct counters {
        uint64_t transfers = 0, errors = 0, bytes_read = 0, bytes_written = 0, accesses = 0;
    };
    const counters &stats() const { return m_stats; }

    // Optional observer of every access the engine issues (platform trace output).
    struct access_record {
        bool write;
        uint64_t addr;
        unsigned len;
        const stream_extension *stream;
        tlm::tlm_response_status resp;
    };
    std::function<void(const access_record &)> on_access;

private:
    void reg_b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned reg_transport_dbg(tlm::tlm_generic_payload &t);
    bool reg_access(tlm::tlm_generic_payload &t);
    uint64_t reg_read(uint64_t off, unsigned size) const;
    void reg_write(uint64_t off, unsigned size, uint64_t v, smmu_pa_space pas);
    void engine();
    void set_irq(bool level);
    void irq_update();
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf, unsigned len);

    uint64_t m_src = 0, m_dst = 0, m_fault = 0;
    uint32_t m_size = 0, m_sid = 0, m_ssid = 0, m_attr = 0, m_op = 0, m_pattern = 0, m_ctrl = 0;
    uint32_t m_status = 0, m_done_bytes = 0, m_checksum = 0;
    unsigned m_burst;
    sc_core::sc_event m_start, m_irq_event;
    bool m_irq_level = false;
    counters m_stats;
};

} // namespace smmuv3::platform

#endif
