// SPDX-License-Identifier: Apache-2.0
//
// Test support for the TLM module: SystemC reports as test failures, a guest memory that is a
// real TLM target (over a fake_mem, so the C table builders write into it, plus a flat RAM
// window that grants DMI), DMA masters, a register initiator, and a platform that wires them
// to one smmuv3::smmu_tlm.
//
// One elaboration per process: each TEST builds one platform and calls run() once (ctest runs
// every TEST in its own process).
#ifndef SMMU_TEST_TLM_SUPPORT_H
#define SMMU_TEST_TLM_SUPPORT_H

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>

#include "driver.h"
#include "fake_mem.h"
#include "pgtable.h"
#include "ste_cd.h"
#include "smmuv3/tlm/smmu_tlm.h"

namespace smmu_test {

// ---- SystemC reports: every warning or error fails the running test unless expected ----
void install_report_handler();
// A warning or error whose "msg_type: msg" contains `substring` is expected (not a failure).
void expect_report(const std::string &substring);
// Every warning and error reported so far, as "msg_type: msg".
const std::vector<std::string> &reports();
unsigned count_reports(const std::string &substring);
// The same with severity and location (sc_report's file and line).
struct report_record {
    sc_core::sc_severity severity;
    std::string text; // "msg_type: msg"
    std::string file;
    int line;
};
const std::vector<report_record> &report_records();

// ---- payloads ----
// t: a cmd of len bytes at addr, data at data, no byte enables, no streaming (width = len).
void init_payload(tlm::tlm_generic_payload &t, tlm::tlm_command cmd, uint64_t addr, void *data,
                  unsigned len);

// ---- guest memory ----
class test_memory : public sc_core::sc_module
{
public:
    tlm_utils::multi_passthrough_target_socket<test_memory> socket;

    struct access {
        int socket;              // which initiator binding
        tlm::tlm_command cmd;
        uint64_t addr;
        unsigned len;
        smmu_pa_space pas;
        bool attrs_valid;
        uint8_t mair, sh;
        sc_core::sc_time time;   // sc_time_stamp() + delay at arrival
    };

    // mem: the sparse backing store (not owned). RAM window: [ram_base, ram_base + ram_size)
    // of the Non-secure PA space, a flat array that grants DMI.
    test_memory(const sc_core::sc_module_name &name, fake_mem *mem, uint64_t ram_base,
                size_t ram_size);

    sc_core::sc_time latency = sc_core::SC_ZERO_TIME; // annotated on every access
    // Accesses in [wait_lo, wait_hi] synchronise: wait(delay + wait_time), delay = 0.
    sc_core::sc_time wait_time = sc_core::SC_ZERO_TIME;
    uint64_t wait_lo = 1, wait_hi = 0;
    bool dmi_enabled = true;
    bool record = true;
    std::vector<access> log;

    uint8_t *ram() { return m_ram.data(); }
    uint64_t ram_base() const { return m_ram_base; }
    size_t ram_size() const { return m_ram.size(); }
    // Revoke every DMI pointer this memory granted (on every binding).
    void invalidate_all_dmi();
    unsigned count(tlm::tlm_command cmd) const;

private:
    void b_transport(int id, tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload &t);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload &t, tlm::tlm_dmi &dmi);
    bool in_ram(uint64_t addr, unsigned len, smmu_pa_space pas) const;
    bool access_data(tlm::tlm_generic_payload &t);

    fake_mem *m_mem;
    std::vector<uint8_t> m_ram;
    uint64_t m_ram_base;
};

// ---- a DMA master: one initiator socket, a stream_extension on each access ----
class dma_master : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<dma_master> socket;
    smmuv3::stream_extension stream;
    bool attach_stream = true;
    smmuv3::bus_attr_extension *attrs = nullptr; // attached to each access when set (the
                                                 // incoming PA space and memory attributes)
    bool sync = true;                           // wait(delay) after each access
    sc_core::sc_time last_delay;                // the delay annotated by the last access
    bool last_dmi_hint = false;
    std::vector<std::pair<uint64_t, uint64_t>> dmi_invalidations;

    explicit dma_master(const sc_core::sc_module_name &name);

    tlm::tlm_response_status read(uint64_t addr, void *buf, unsigned len);
    tlm::tlm_response_status write(uint64_t addr, const void *buf, unsigned len);
    uint32_t read32(uint64_t addr, tlm::tlm_response_status *st = nullptr);
    tlm::tlm_response_status write32(uint64_t addr, uint32_t v);
    unsigned debug_read(uint64_t addr, void *buf, unsigned len);
    unsigned debug_write(uint64_t addr, const void *buf, unsigned len);
    bool get_dmi(uint64_t addr, bool write, tlm::tlm_dmi &dmi);

private:
    tlm::tlm_response_status transport(tlm::tlm_command cmd, uint64_t addr, void *buf,
                                       unsigned len);
    unsigned debug_transport(tlm::tlm_command cmd, uint64_t addr, void *buf, unsigned len);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
};

// ---- a CPU issuing register accesses in a PA space ----
class reg_master : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<reg_master> socket;
    explicit reg_master(const sc_core::sc_module_name &name);
    uint64_t read(uint64_t off, unsigned size, smmu_pa_space pas = SMMU_PAS_NS,
                  tlm::tlm_response_status *st = nullptr);
    tlm::tlm_response_status write(uint64_t off, unsigned size, uint64_t v,
                                   smmu_pa_space pas = SMMU_PAS_NS);
    unsigned debug_read(uint64_t off, unsigned size, uint64_t *v, smmu_pa_space pas);
    unsigned debug_write(uint64_t off, unsigned size, uint64_t v, smmu_pa_space pas);
};

// ---- the platform ----
// Memory map, in the Non-secure and (separately) the Secure PA space:
constexpr uint64_t k_strtab = 0x10000; // linear stream table, 64 STEs
constexpr uint64_t k_cmdq = 0x20000;   // 16 commands
constexpr uint64_t k_evtq = 0x30000;   // 16 event records
constexpr uint64_t k_cds = 0x40000;    // one CD per StreamID at k_cds + 64 * sid
constexpr uint64_t k_msi = 0x50000;    // MSI targets
constexpr uint64_t k_s1_pool = 0x100000, k_s2_pool = 0x200000, k_pool_size = 0x100000;
constexpr uint64_t k_ram = 0x10000000; // the flat RAM window (Non-secure), 1 MB
constexpr size_t k_ram_size = 1u << 20;

// One range of a translation table: [va, va + size) -> [pa, pa + size) with leaf attrs.
struct mapping {
    uint64_t va, pa, size;
    uint64_t attrs = PGT_S1_RW;
};
void map(pgt &pt, const mapping &m); // fails the test if the tables refuse it

struct platform {
    fake_mem *mem;
    test_memory memory;
    smmuv3::smmu_tlm smmu;
    reg_master cpu;
    std::vector<std::unique_ptr<dma_master>> masters;
    std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> irq; // by smmu_tlm line index
    sc_core::sc_signal<bool> reset{"reset_signal"};
    smmu_driver ns{}, s{};
    st_builder st_ns{}, st_s{};
    // Checker mode of the suite (SMMU_TEST_CHECK=1): the module runs with the bring-up
    // checker, and the test ends with exactly the findings it plants (checked at destruction).
    uint64_t expected_findings = 0;

    // The SMMU's walk socket is bound to the memory unless cfg.walk_via_downstream.
    explicit platform(unsigned nmasters = 2, const smmuv3::smmu_tlm_config &cfg = default_config());
    ~platform();
    static smmuv3::smmu_tlm_config default_config();

    dma_master &master(unsigned i) { return *masters.at(i); }
    // Master i, issuing as stream `as` from now on.
    dma_master &master(unsigned i, const smmuv3::stream_extension &as)
    {
        master(i).stream = as;
        return master(i);
    }
    sc_core::sc_signal<bool> &irq_signal(smmu_sec_sid bank, smmu_irq_line line);

    // Run body as a SystemC thread until it returns (then sc_stop). Fails the test if the
    // simulation ended with body unfinished.
    void run(std::function<void()> body, sc_core::sc_time limit = sc_core::sc_time(1, sc_core::SC_MS));
    // Spawn another thread (before run()).
    void spawn(std::function<void()> body, const char *name);

    // Inside run(): program a bank as a driver does: queues, a linear stream table, SMMUEN
    // (after streams are written: call enable() last). A bank is set up once: again is a no-op.
    void setup(smmu_sec_sid bank);
    void enable(smmu_sec_sid bank);   // CFGI_ALL + SYNC, then SMMUEN
    void command(smmu_sec_sid bank, const uint64_t cmd[2]); // submit + sync, expecting success
    smmu_driver &drv(smmu_sec_sid bank) { return bank == SMMU_SEC_SECURE ? s : ns; }
    st_builder &st(smmu_sec_sid bank) { return bank == SMMU_SEC_SECURE ? st_s : st_ns; }
    // Stage-1 stream: STE (Config=101) -> one CD at k_cds + 64 * sid -> tables of pt.
    void add_s1_stream(smmu_sec_sid bank, uint32_t sid, const pgt &pt, uint16_t asid,
                       const ste_s2_params *s2 = nullptr);
    // Stage-2-only stream (Config=110).
    void add_s2_stream(smmu_sec_sid bank, uint32_t sid, const ste_s2_params &s2);
    // Rewrite the CD of an add_s1_stream() stream: edit gets its 8 words (before enable(), or
    // invalidate it after).
    void edit_cd(smmu_sec_sid bank, uint32_t sid, const std::function<void(uint64_t *cd)> &edit);

    // Page tables in the pools of the memory map, made on first use: the stage-1 tables of a
    // bank (in its PA space) and the stage-2 tables. They own their pool: a test uses them or
    // make_s1_tables() / make_s2_tables(), not both.
    pgt &s1_tables(smmu_sec_sid bank);
    pgt &s2_tables();
    // Inside run(), the usual stream: StreamID sid of `bank` translated by stage 1 (ASID 1)
    // through s1_tables(bank), which map each of maps; sets the bank up first if it is not.
    // Returns the tables. Then enable(bank).
    pgt &s1_stream(smmu_sec_sid bank, uint32_t sid, std::initializer_list<mapping> maps);

private:
    bool m_set_up[2] = {};                       // by smmu_sec_sid (NS, Secure)
    std::unique_ptr<pgt> m_s1_tables[2], m_s2_tables;
};

// ---- ATS streams (the module's ATS tests and the PCIe endpoint's) [IHI 0070 3.9] ----
// default_config() with IDR0.ATS.
smmuv3::smmu_tlm_config ats_config();
// Inside run(): Non-secure StreamID 1 translated by stage 1 with map, its STE.EATS = 0b01 (full
// ATS), then enable(SMMU_SEC_NS).
void ats_stream(platform &p, const mapping &map);
// Inside run(): submit c and a CMD_SYNC on the Non-secure queue, let the SMMU's thread talk to
// the endpoints for 1 us, and expect the CMD_SYNC completed without a command error.
void command_and_sync(platform &p, const uint64_t c[2]);

// Page tables in the pools of the memory map (pas: NS or Secure).
void make_s1_tables(pgt &pt, fake_mem *mem, smmu_pa_space pas = SMMU_PAS_NS);
void make_s2_tables(pgt &pt, fake_mem *mem);
ste_s2_params s2_params(const pgt &pt, uint16_t vmid);

} // namespace smmu_test

#endif
