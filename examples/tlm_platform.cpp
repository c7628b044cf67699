// SPDX-License-Identifier: Apache-2.0
//
// The binding of docs/integration.md, compiled and run by ctest: a CPU, two DMA masters (one
// behind an attribute adapter), the SMMU module and a memory whose two target sockets take
// `downstream` and `walk` (a simple_target_socket takes exactly one binding: binding both
// SMMU sockets to one of them is SystemC error E109).
//
// The CPU puts the SMMU in global bypass (GBPA) and enables its command queue; a CMD_SYNC is
// fetched through `walk`; each master's read goes through `downstream` to the memory. Exits 0
// when every result is the expected one.
#include <cstring>
#include <functional>
#include <iostream>
#include <sstream>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/tlm/smmu_tlm.h"

using namespace sc_core;

// ---- a memory with two target sockets over one array ----
struct memory : sc_module {
    tlm_utils::simple_target_socket<memory> data_socket{"data_socket"};
    tlm_utils::simple_target_socket<memory> walk_socket{"walk_socket"};
    unsigned char bytes[0x10000] = {};
    unsigned walk_accesses = 0, data_accesses = 0;

    explicit memory(const sc_module_name &n) : sc_module(n)
    {
        data_socket.register_b_transport(this, &memory::data_b_transport);
        walk_socket.register_b_transport(this, &memory::walk_b_transport);
    }
    void access(tlm::tlm_generic_payload &t)
    {
        const uint64_t a = t.get_address();
        if (a >= sizeof(bytes) || t.get_data_length() > sizeof(bytes) - a) {
            t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (t.is_read())
            std::memcpy(t.get_data_ptr(), bytes + a, t.get_data_length());
        else
            std::memcpy(bytes + a, t.get_data_ptr(), t.get_data_length());
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }
    void data_b_transport(tlm::tlm_generic_payload &t, sc_time &) { data_accesses++, access(t); }
    void walk_b_transport(tlm::tlm_generic_payload &t, sc_time &) { walk_accesses++, access(t); }
};

// ---- an initiator with one socket ----
struct master : sc_module {
    tlm_utils::simple_initiator_socket<master> socket{"socket"};
    explicit master(const sc_module_name &n) : sc_module(n) {}
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, void *data, unsigned len)
    {
        tlm::tlm_generic_payload t;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(static_cast<unsigned char *>(data));
        t.set_data_length(len);
        t.set_streaming_width(len);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_time d = SC_ZERO_TIME;
        socket->b_transport(t, d);
        return t.get_response_status();
    }
};

// ---- the attribute adapter of docs/integration.md §3 ----
struct my_bus_ext : tlm::tlm_extension<my_bus_ext> { // the platform's own attributes
    unsigned master_id = 0;
    bool secure = false, privileged = false;
    tlm::tlm_extension_base *clone() const override { return new my_bus_ext(*this); }
    void copy_from(const tlm::tlm_extension_base &e) override
    {
        *this = static_cast<const my_bus_ext &>(e);
    }
};

uint32_t stream_id_of(unsigned master_id) { return 0x40 + master_id; } // the SoC's assignment

struct adapter : sc_module {
    tlm_utils::simple_target_socket<adapter> in_socket{"in_socket"};
    tlm_utils::simple_initiator_socket<adapter> out_socket{"out_socket"};
    explicit adapter(const sc_module_name &n) : sc_module(n)
    {
        in_socket.register_b_transport(this, &adapter::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &d);
};

void adapter::b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &d)
{
    smmuv3::stream_extension s;
    const my_bus_ext *e = t.get_extension<my_bus_ext>();
    s.sid = e ? stream_id_of(e->master_id) : 0;       // your SoC's StreamID assignment
    s.sec = e && e->secure ? SMMU_SEC_SECURE : SMMU_SEC_NS;
    s.privileged = e && e->privileged;
    t.set_extension(&s);
    out_socket->b_transport(t, d);
    t.clear_extension(&s);                             // stack-owned: detach before return
}

int sc_main(int, char **)
{
    master cpu("cpu"), gpu("gpu"), dma("dma");
    adapter dma_attrs("dma_attrs");
    memory mem("mem");
    sc_signal<bool> eventq_irq("eventq_irq"), gerror_irq("gerror_irq"), soc_reset("soc_reset");
    std::ostringstream trace;

    smmuv3::smmu_tlm_config cfg;              // core config = smmu_config_init() defaults
    cfg.core.oas_bits = 44;                   // what your SoC has (docs/configuration.md)
    smmuv3::smmu_tlm smmu("smmu", cfg);

    cpu.socket.bind(smmu.reg_socket);         // via your router, at the SMMU base
    gpu.socket.bind(smmu.upstream);           // upstream socket index 0
    dma.socket.bind(dma_attrs.in_socket);     // your bus attributes -> stream_extension (§3)
    dma_attrs.out_socket.bind(smmu.upstream); // index 1
    // A simple_target_socket takes one binding: give downstream and walk a socket each (or
    // bind only downstream and set cfg.walk_via_downstream = true).
    smmu.downstream.bind(mem.data_socket);
    smmu.walk.bind(mem.walk_socket);
    smmu.ns_eventq_irq.bind(eventq_irq);      // sc_signal<bool>; leave unused lines unbound
    smmu.ns_gerror_irq.bind(gerror_irq);
    smmu.reset.bind(soc_reset);

    smmu.set_trace([&trace](const smmu_trace &t) { // your context: captured, no cast
        if (t.kind == SMMU_TRACE_COMMAND)
            trace << "command 0x" << std::hex << (t.words[0] & 0xff) << "\n";
    });
    sc_core::sc_report_handler::set_actions(smmu.msg_type(), sc_core::SC_WARNING, sc_core::SC_DISPLAY);

    int errors = 0;
    auto expect = [&errors](bool ok, const char *what) {
        std::cout << (ok ? "  ok    " : "  WRONG ") << what << "\n";
        errors += !ok;
    };
    struct cpu_thread : sc_module {
        std::function<void()> body;
        cpu_thread(const sc_module_name &n, std::function<void()> b)
            : sc_module(n), body(std::move(b))
        {
            SC_HAS_PROCESS(cpu_thread);
            SC_THREAD(run);
        }
        void run() { body(); }
    } program("program", [&] {
        auto reg = [&](uint64_t off, uint32_t v) {
            cpu.access(tlm::TLM_WRITE_COMMAND, off, &v, 4);
        };
        auto rd = [&](uint64_t off) {
            uint32_t v = 0;
            cpu.access(tlm::TLM_READ_COMMAND, off, &v, 4);
            return v;
        };
        // Global bypass: GBPA.ABORT = 0 with Update [IHI 0070 6.3.14]
        reg(0x44, 1u << 31);
        expect(rd(0x44) == 0, "GBPA: bypass, Update done");
        // A command queue of 2 entries at 0x1000 holding CMD_SYNC; CMDQEN; PROD = 1
        const uint64_t sync[2] = {0x46, 0};
        std::memcpy(mem.bytes + 0x1000, sync, sizeof(sync));
        uint64_t base = 0x1000 | 1;
        cpu.access(tlm::TLM_WRITE_COMMAND, 0x90, &base, 8);
        reg(0x20, 1u << 3);
        reg(0x98, 1);
        expect(rd(0x9C) == 1, "CMDQ_CONS: the CMD_SYNC was consumed");
        expect(mem.walk_accesses >= 1, "the command was fetched through walk");
        // Device reads in bypass reach the memory through downstream
        mem.bytes[0x2000] = 0x5a;
        uint8_t b = 0;
        const bool gpu_ok = gpu.access(tlm::TLM_READ_COMMAND, 0x2000, &b, 1) == tlm::TLM_OK_RESPONSE;
        expect(gpu_ok && b == 0x5a, "gpu read through downstream");
        tlm::tlm_generic_payload t;
        my_bus_ext attrs;
        attrs.master_id = 2;
        t.set_extension(&attrs);
        t.set_command(tlm::TLM_READ_COMMAND);
        t.set_address(0x2000);
        t.set_data_ptr(&b);
        t.set_data_length(1);
        t.set_streaming_width(1);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_time d = SC_ZERO_TIME;
        dma.socket->b_transport(t, d);
        t.clear_extension(&attrs);
        expect(t.is_response_ok() && b == 0x5a, "dma read through the adapter");
        expect(trace.str() == "command 0x46\n", "trace observer saw the CMD_SYNC");
        smmuv3::smmu_tlm_stats s = smmu.stats();
        std::cout << "TLB hits " << s.core.tlb_hits << ", F_TRANSLATION events "
                  << s.core.events_by_type[SMMU_EVT_F_TRANSLATION] << ", CMD_SYNCs "
                  << s.core.commands_by_opcode[0x46] << ", DMI grants " << s.dmi_granted << "\n";
        std::cout << s;                   // or smmu.print_stats(std::cout): one counter per line
        smmu.clear_stats();
        expect(s.core.commands_by_opcode[0x46] == 1 && s.upstream_transactions == 2,
               "statistics: one CMD_SYNC, two device reads");
        sc_stop();
    });
    sc_start();
    std::cout << (errors ? "FAILED" : "binding works") << "\n";
    return errors ? 1 : 0;
}
