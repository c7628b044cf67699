// SPDX-License-Identifier: Apache-2.0
#include "dma_device.h"

#include "device_access.h"

#include <algorithm>
#include <cstring>

using namespace sc_core;

namespace smmuv3::platform {

dma_device::dma_device(const sc_module_name &name, unsigned burst)
    : sc_module(name), reg_socket("reg_socket"), socket("socket"), irq("irq"),
      m_burst(burst ? burst : 256)
{
    reg_socket.register_b_transport(this, &dma_device::reg_b_transport);
    reg_socket.register_transport_dbg(this, &dma_device::reg_transport_dbg);
    SC_HAS_PROCESS(dma_device);
    SC_THREAD(engine);
    set_stack_size(1 << 20); // the SMMU translates (and walks) on this thread
    // One process drives irq (a signal has one writer): the register path and the engine
    // both go through set_irq().
    SC_METHOD(irq_update);
    sensitive << m_irq_event;
    dont_initialize();
}

uint64_t dma_device::reg_read(uint64_t off, unsigned size) const
{
    uint64_t v = 0;
    switch (off & ~uint64_t(7)) {
    case SRC: v = m_src; break;
    case DST: v = m_dst; break;
    case FAULT_ADDR: v = m_fault; break;
    default: {
        uint64_t lo = 0, hi = 0;
        auto r32 = [&](uint64_t o) -> uint64_t {
            switch (o) {
            case SIZE: return m_size;
            case SID: return m_sid;
            case SSID: return m_ssid;
            case ATTR: return m_attr;
            case OP: return m_op;
            case PATTERN: return m_pattern;
            case CTRL: return m_ctrl & CTRL_IRQ_EN;
            case STATUS: return m_status;
            case BYTES_DONE: return m_done_bytes;
            case CHECKSUM: return m_checksum;
            default: return 0;
            }
        };
        lo = r32(off & ~uint64_t(7));
        hi = r32((off & ~uint64_t(7)) + 4);
        v = lo | hi << 32;
    }
    }
    if (size == 4)
        v = (off & 4) ? v >> 32 : v & 0xffffffffu;
    return v;
}

void dma_device::reg_write(uint64_t off, unsigned size, uint64_t v, smmu_pa_space pas)
{
    auto set64 = [&](uint64_t &r) {
        if (size == 8)
            r = v;
        else if (off & 4)
            r = (r & 0xffffffffu) | (v << 32);
        else
            r = (r & ~uint64_t(0xffffffffu)) | (v & 0xffffffffu);
    };
    switch (off & ~uint64_t(7)) {
    case SRC: set64(m_src); return;
    case DST: set64(m_dst); return;
    case FAULT_ADDR: return; // read-only
    default: break;
    }
    // 32-bit registers; an 8-byte access writes two of them
    for (unsigned i = 0; i < size / 4; i++) {
        uint64_t o = off + 4 * i;
        uint32_t w = static_cast<uint32_t>(v >> (32 * i));
        switch (o) {
        case SIZE: m_size = w; break;
        case SID: m_sid = w; break;
        case SSID: m_ssid = w; break;
        case ATTR:
            // The security of the device's traffic is a Secure-world decision: a Non-secure
            // access cannot make the engine issue Secure (or Realm) transactions.
            if (pas == SMMU_PAS_NS)
                w &= ~ATTR_SEC_MASK;
            m_attr = w & (ATTR_SSV | ATTR_SEC_MASK | ATTR_PRIV | ATTR_INSTR);
            break;
        case OP: m_op = w; break;
        case PATTERN: m_pattern = w; break;
        case CTRL:
            m_ctrl = w & CTRL_IRQ_EN;
            if ((w & CTRL_START) && !(m_status & STATUS_BUSY)) {
                m_status = STATUS_BUSY;
                m_start.notify(SC_ZERO_TIME);
            }
            break;
        case STATUS:
            if (w & STATUS_DONE) {
                m_status &= ~(STATUS_DONE | STATUS_ERROR);
                set_irq(false);
            }
            break;
        default: break; // RO or unallocated: WI
        }
    }
}

void dma_device::set_irq(bool level)
{
    m_irq_level = level;
    m_irq_event.notify(SC_ZERO_TIME);
}

void dma_device::irq_update()
{
    irq.write(m_irq_level);
}

bool dma_device::reg_access(tlm::tlm_generic_payload &t)
{
    const uint64_t off = t.get_address();
    const unsigned len = t.get_data_length();
    if ((len != 4 && len != 8) || (off & (len - 1)) || off + len > REG_SPACE ||
        t.get_byte_enable_ptr() || t.get_streaming_width() < len) {
        t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return false;
    }
    uint64_t v = 0;
    if (t.is_read()) {
        v = reg_read(off, len);
        std::memcpy(t.get_data_ptr(), &v, len); // little-endian host
    } else if (t.is_write()) {
        std::memcpy(&v, t.get_data_ptr(), len);
        reg_write(off, len, v, pa_space_of(t));
    }
    t.set_response_status(tlm::TLM_OK_RESPONSE);
    return true;
}

void dma_device::reg_b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
{
    reg_access(t);
    delay += sc_time(5, SC_NS);
}

unsigned dma_device::reg_transport_dbg(tlm::tlm_generic_payload &t)
{
    // Debug reads have no side effects; debug writes are not supported
    if (!t.is_read())
        return 0;
    return reg_access(t) ? t.get_data_length() : 0;
}

tlm::tlm_response_status dma_device::access(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf,
                                            unsigned len)
{
    stream_extension ext;
    ext.sid = m_sid;
    ext.ssid = m_ssid;
    ext.ssv = m_attr & ATTR_SSV;
    ext.sec = static_cast<smmu_sec_sid>((m_attr & ATTR_SEC_MASK) >> ATTR_SEC_SHIFT);
    ext.privileged = m_attr & ATTR_PRIV;
    ext.instruction = (m_attr & ATTR_INSTR) && cmd == tlm::TLM_READ_COMMAND;
    sc_time delay = SC_ZERO_TIME;
    tlm::tlm_response_status resp = device_access(socket, cmd, addr, buf, len, ext, nullptr, delay);
    if (on_access)
        on_access(access_record{cmd == tlm::TLM_WRITE_COMMAND, addr, len, &ext, resp});
    wait(delay);
    m_stats.accesses++;
    return resp;
}

void dma_device::engine()
{
    std::vector<uint8_t> buf(m_burst);
    for (;;) {
        wait(m_start);
        m_stats.transfers++;
        m_done_bytes = 0;
        m_checksum = 2166136261u;
        tlm::tlm_response_status resp = tlm::TLM_OK_RESPONSE;
        uint64_t done = 0;
        while (done < m_size) {
            const uint64_t src = m_src + done, dst = m_dst + done;
            // No access crosses a 4 KB boundary of its source or destination
            uint64_t n = std::min<uint64_t>(m_burst, m_size - done);
            if (m_op != OP_WRITE)
                n = std::min<uint64_t>(n, 0x1000 - (src & 0xfff));
            if (m_op != OP_READ)
                n = std::min<uint64_t>(n, 0x1000 - (dst & 0xfff));
            const unsigned len = static_cast<unsigned>(n);
            if (m_op == OP_READ || m_op == OP_COPY) {
                resp = access(tlm::TLM_READ_COMMAND, src, buf.data(), len);
                if (resp != tlm::TLM_OK_RESPONSE) {
                    m_fault = src;
                    break;
                }
                for (unsigned i = 0; i < len; i++)
                    m_checksum = (m_checksum ^ buf[i]) * 16777619u;
                m_stats.bytes_read += len;
            } else if (m_op == OP_WRITE) {
                for (unsigned i = 0; i < len; i++)
                    buf[i] = static_cast<uint8_t>(m_pattern >> (8 * ((dst + i) & 3)));
            } else {
                resp = tlm::TLM_COMMAND_ERROR_RESPONSE; // unknown operation
                break;
            }
            if (m_op == OP_WRITE || m_op == OP_COPY) {
                resp = access(tlm::TLM_WRITE_COMMAND, dst, buf.data(), len);
                if (resp != tlm::TLM_OK_RESPONSE) {
                    m_fault = dst;
                    break;
                }
                m_stats.bytes_written += len;
            }
            done += n;
        }
        m_done_bytes = static_cast<uint32_t>(done);
        m_status = STATUS_DONE |
                   static_cast<uint32_t>(static_cast<uint8_t>(static_cast<int8_t>(resp)))
                       << STATUS_RESP_SHIFT;
        if (resp != tlm::TLM_OK_RESPONSE) {
            m_status |= STATUS_ERROR;
            m_stats.errors++;
        }
        if (m_ctrl & CTRL_IRQ_EN)
            set_irq(true);
    }
}

} // namespace smmuv3::platform
