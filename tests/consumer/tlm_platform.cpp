// SPDX-License-Identifier: Apache-2.0
//
// A SystemC platform of another project (tests/consumer, docs/using.md): an initiator (a CPU
// that programs the SMMU through its register socket with the driver library, then a device
// that does DMA), the smmuv3::smmu_tlm module and a memory. Built against the installed
// package with find_package(smmuv3 COMPONENTS tlm drv), and by add_subdirectory.
// Exits 0 only if every result is the architected one.
#include <cstdint>
#include <cstring>
#include <iostream>
#include <sstream>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <smmuv3/drv.h>
#include <smmuv3/tlm/smmu_tlm.h>
#include <smmuv3/tlm/timeline.h>

namespace {

constexpr uint64_t mem_size = 8u << 20;

// Memory with two target sockets: translated device traffic (bound to the SMMU's downstream)
// and the SMMU's own table and queue accesses (bound to its walk socket). One socket bound to
// both initiators would be two binds of a simple_target_socket (SystemC error E109).
struct memory : sc_core::sc_module {
    tlm_utils::simple_target_socket<memory> data{"data"};
    tlm_utils::simple_target_socket<memory> walk{"walk"};
    std::vector<uint8_t> bytes = std::vector<uint8_t>(mem_size);

    explicit memory(const sc_core::sc_module_name &name) : sc_core::sc_module(name)
    {
        data.register_b_transport(this, &memory::b_transport);
        walk.register_b_transport(this, &memory::b_transport);
    }

    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay)
    {
        uint64_t a = t.get_address();
        unsigned len = t.get_data_length();
        if (a >= mem_size || len > mem_size - a) {
            t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (t.is_read())
            std::memcpy(t.get_data_ptr(), &bytes[a], len);
        else
            std::memcpy(&bytes[a], t.get_data_ptr(), len);
        delay += sc_core::sc_time(20, sc_core::SC_NS);
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

// The CPU and a device in one module: `regs` reaches the SMMU's registers, `dma` its upstream.
struct initiator : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<initiator> regs{"regs"};
    tlm_utils::simple_initiator_socket<initiator> dma{"dma"};
    memory *mem = nullptr;
    uint64_t next_free = 1u << 20; // the driver's tables and queues from 1 MiB up
    int errors = 0;

    SC_HAS_PROCESS(initiator);
    explicit initiator(const sc_core::sc_module_name &name) : sc_core::sc_module(name)
    {
        SC_THREAD(run);
    }

    // A bus access; returns the TLM response.
    tlm::tlm_response_status access(tlm_utils::simple_initiator_socket<initiator> &s,
                                    tlm::tlm_command cmd, uint64_t addr, void *buf,
                                    unsigned len, uint32_t sid = 0)
    {
        tlm::tlm_generic_payload t;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(static_cast<unsigned char *>(buf));
        t.set_data_length(len);
        t.set_streaming_width(len);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        smmuv3::stream_extension ext(sid);
        if (&s == &dma)
            t.set_extension(&ext);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        s->b_transport(t, delay);
        if (&s == &dma)
            t.clear_extension(&ext);
        wait(delay);
        return t.get_response_status();
    }

    // The driver library's callbacks: registers over the bus, memory through a backdoor.
    static int rd32(void *c, uint64_t off, smmu_pa_space, uint32_t *v)
    {
        auto *self = static_cast<initiator *>(c);
        return self->access(self->regs, tlm::TLM_READ_COMMAND, off, v, 4) != tlm::TLM_OK_RESPONSE;
    }
    static int wr32(void *c, uint64_t off, smmu_pa_space, uint32_t v)
    {
        auto *self = static_cast<initiator *>(c);
        return self->access(self->regs, tlm::TLM_WRITE_COMMAND, off, &v, 4) != tlm::TLM_OK_RESPONSE;
    }
    static int rd64(void *c, uint64_t off, smmu_pa_space, uint64_t *v)
    {
        auto *self = static_cast<initiator *>(c);
        return self->access(self->regs, tlm::TLM_READ_COMMAND, off, v, 8) != tlm::TLM_OK_RESPONSE;
    }
    static int wr64(void *c, uint64_t off, smmu_pa_space, uint64_t v)
    {
        auto *self = static_cast<initiator *>(c);
        return self->access(self->regs, tlm::TLM_WRITE_COMMAND, off, &v, 8) != tlm::TLM_OK_RESPONSE;
    }
    static int alloc(void *c, size_t size, size_t align, smmu_pa_space, uint64_t *addr)
    {
        auto *self = static_cast<initiator *>(c);
        uint64_t a = (self->next_free + align - 1) & ~(uint64_t(align) - 1);
        if (a + size > mem_size)
            return -1;
        self->next_free = a + size;
        *addr = a;
        return 0;
    }
    static int read(void *c, uint64_t addr, smmu_pa_space, void *buf, size_t len)
    {
        std::memcpy(buf, &static_cast<initiator *>(c)->mem->bytes[addr], len);
        return 0;
    }
    static int write(void *c, uint64_t addr, smmu_pa_space, const void *buf, size_t len)
    {
        std::memcpy(&static_cast<initiator *>(c)->mem->bytes[addr], buf, len);
        return 0;
    }

    void check(const char *what, uint64_t got, uint64_t want)
    {
        std::cout << "  " << what << ": 0x" << std::hex << got << std::dec
                  << (got == want ? "" : "   <-- WRONG") << "\n";
        errors += got != want;
    }

    void run()
    {
        smmu_drv_mmio mmio = {this, rd32, wr32, rd64, wr64};
        smmu_drv_mem dmem = {this, alloc, read, write};
        smmu_drv d;
        smmu_drv_pgtable pt;
        smmu_drv_pgtable_cfg ptc{};
        ptc.stage = 1;
        ptc.granule = 4096;
        ptc.asid = 7;
        smmu_drv_cdtab cdt;
        smmu_drv_ste ste{};
        ste.mode = SMMU_DRV_STE_S1;
        ste.cdtab = &cdt;
        if (smmu_drv_init(&d, &mmio, &dmem, SMMU_SEC_NS) || smmu_drv_setup(&d, nullptr) ||
            smmu_drv_pgtable_init(&d, &pt, &ptc) ||
            smmu_drv_map(&d, &pt, 0x40000000, 0x500000, 0x1000,
                         SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE) ||
            smmu_drv_cdtab_init(&d, &cdt, 0, nullptr, SMMU_PAS_NS) ||
            smmu_drv_cd_write(&d, &cdt, 5, 0, &pt) || smmu_drv_ste_write(&d, 5, &ste)) {
            std::cout << "programming the SMMU failed\n";
            errors++;
            sc_core::sc_stop();
            return;
        }
        // DMA on StreamID 5 writes IOVA 0x40000100: the data lands at PA 0x500100.
        uint32_t word = 0xC0FFEE11;
        check("DMA write response (1 = OK)",
              access(dma, tlm::TLM_WRITE_COMMAND, 0x40000100, &word, 4, 5) == tlm::TLM_OK_RESPONSE,
              1);
        uint32_t at_pa = 0;
        std::memcpy(&at_pa, &mem->bytes[0x500100], 4);
        check("word at PA 0x500100", at_pa, 0xC0FFEE11);
        // An unmapped IOVA is answered with an address error and an F_TRANSLATION event.
        check("unmapped read response (1 = address error)",
              access(dma, tlm::TLM_READ_COMMAND, 0x40001000, &word, 4, 5) ==
                  tlm::TLM_ADDRESS_ERROR_RESPONSE,
              1);
        smmu_drv_event ev;
        check("one event record", uint64_t(smmu_drv_event_pop(&d, &ev, nullptr)), 1);
        check("event type", ev.type, SMMU_EVT_F_TRANSLATION);
        sc_core::sc_stop();
    }
};

} // namespace

int sc_main(int, char *[])
{
    initiator cpu("cpu");
    smmuv3::smmu_tlm smmu("smmu");
    memory mem("mem");
    cpu.mem = &mem;
    cpu.regs.bind(smmu.reg_socket);
    cpu.dma.bind(smmu.upstream);
    smmu.downstream.bind(mem.data);
    smmu.walk.bind(mem.walk);
    // What happened, as a Perfetto timeline and as statistics (docs/observability.md,
    // docs/statistics.md)
    std::ostringstream timeline_json, stats_json;
    smmuv3::timeline timeline(timeline_json);
    smmu.set_timeline(&timeline);
    sc_core::sc_start();
    smmu.set_timeline(nullptr);
    timeline.finish();
    smmu.write_stats(stats_json, smmuv3::stats_format::json);
    const auto has = [&](const std::ostringstream &os, const char *what, const char *text) {
        const bool found = os.str().find(text) != std::string::npos;
        std::cout << "  " << what << " has " << text << (found ? "" : "   <-- MISSING") << "\n";
        cpu.errors += !found;
    };
    has(timeline_json, "timeline", "\"F_TRANSLATION\"");
    has(stats_json, "statistics", "\"format\": \"smmuv3-stats\"");
    std::cout << (cpu.errors ? "FAILED" : "consumer SystemC platform: PASS") << "\n";
    return cpu.errors ? 1 : 0;
}
