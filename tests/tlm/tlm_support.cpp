// SPDX-License-Identifier: Apache-2.0
#include "tlm_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

extern "C" {
#include "smmuv3/arch.h"
}

using namespace sc_core;

namespace smmu_test {

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

namespace {
std::vector<std::string> g_reports;
std::vector<report_record> g_records;
std::vector<std::string> g_expected;
bool g_ran = false;

void report_handler(const sc_report &r, const sc_actions &actions)
{
    if (r.get_severity() == SC_INFO) {
        if (r.get_verbosity() <= sc_report_handler::get_verbosity_level() &&
            std::strncmp(r.get_msg_type(), "smmuv3/", 7) == 0)
            std::printf("info: %s: %s\n", r.get_msg_type(), r.get_msg());
        return;
    }
    std::string m = std::string(r.get_msg_type()) + ": " + r.get_msg();
    g_reports.push_back(m);
    g_records.push_back({r.get_severity(), m, r.get_file_name(), r.get_line_number()});
    bool expected = std::any_of(g_expected.begin(), g_expected.end(),
                                [&](const std::string &e) { return m.find(e) != std::string::npos; });
    if (!expected)
        ADD_FAILURE() << "SystemC " << (r.get_severity() == SC_WARNING ? "warning" : "error")
                      << ": " << m;
    // Errors keep their default actions (throw, abort): the test stops there.
    if (r.get_severity() >= SC_ERROR)
        sc_report_handler::default_handler(r, actions & ~(SC_DISPLAY | SC_LOG));
}
} // namespace

void install_report_handler()
{
    sc_report_handler::set_handler(report_handler);
}

void expect_report(const std::string &substring)
{
    g_expected.push_back(substring);
}

const std::vector<std::string> &reports()
{
    return g_reports;
}

const std::vector<report_record> &report_records()
{
    return g_records;
}

unsigned count_reports(const std::string &substring)
{
    return static_cast<unsigned>(std::count_if(g_reports.begin(), g_reports.end(), [&](const std::string &m) {
        return m.find(substring) != std::string::npos;
    }));
}

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

void init_payload(tlm::tlm_generic_payload &t, tlm::tlm_command cmd, uint64_t addr, void *data,
                  unsigned len)
{
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(static_cast<unsigned char *>(data));
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_byte_enable_ptr(nullptr);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// ---------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------

test_memory::test_memory(const sc_module_name &name, fake_mem *mem, uint64_t ram_base,
                         size_t ram_size)
    : sc_module(name), socket("socket"), m_mem(mem), m_ram(ram_size), m_ram_base(ram_base)
{
    socket.register_b_transport(this, &test_memory::b_transport);
    socket.register_transport_dbg(this, &test_memory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &test_memory::get_direct_mem_ptr);
}

bool test_memory::in_ram(uint64_t addr, unsigned len, smmu_pa_space pas) const
{
    return pas == SMMU_PAS_NS && addr >= m_ram_base && addr - m_ram_base <= m_ram.size() &&
           len <= m_ram.size() - (addr - m_ram_base);
}

bool test_memory::access_data(tlm::tlm_generic_payload &t)
{
    const smmuv3::bus_attr_extension *ext = t.get_extension<smmuv3::bus_attr_extension>();
    const smmu_pa_space pas = ext ? ext->pas : SMMU_PAS_NS;
    const uint64_t a = t.get_address();
    const unsigned len = t.get_data_length();
    unsigned char *d = t.get_data_ptr();
    if (t.get_command() == tlm::TLM_IGNORE_COMMAND)
        return true;
    if (in_ram(a, len, pas)) {
        uint8_t *p = m_ram.data() + (a - m_ram_base);
        if (t.is_read())
            std::memcpy(d, p, len);
        else
            std::memcpy(p, d, len);
        return true;
    }
    int rc = t.is_read() ? fake_mem_read(m_mem, a, pas, d, len) : fake_mem_write(m_mem, a, pas, d, len);
    return rc == 0;
}

void test_memory::b_transport(int id, tlm::tlm_generic_payload &t, sc_time &delay)
{
    const smmuv3::bus_attr_extension *ext = t.get_extension<smmuv3::bus_attr_extension>();
    if (record) {
        access a{id,
                 t.get_command(),
                 t.get_address(),
                 t.get_data_length(),
                 ext ? ext->pas : SMMU_PAS_NS,
                 ext && ext->attrs_valid,
                 ext ? ext->mair : uint8_t(0),
                 ext ? ext->sh : uint8_t(0),
                 sc_time_stamp() + delay};
        log.push_back(a);
    }
    delay += latency;
    if (t.get_address() >= wait_lo && t.get_address() <= wait_hi) {
        wait(delay + wait_time);
        delay = SC_ZERO_TIME;
    }
    if (t.get_byte_enable_ptr() || t.get_streaming_width() < t.get_data_length()) {
        t.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    t.set_response_status(access_data(t) ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
    const smmu_pa_space pas = ext ? ext->pas : SMMU_PAS_NS;
    t.set_dmi_allowed(dmi_enabled && in_ram(t.get_address(), t.get_data_length(), pas));
}

unsigned test_memory::transport_dbg(int, tlm::tlm_generic_payload &t)
{
    return access_data(t) ? t.get_data_length() : 0;
}

bool test_memory::get_direct_mem_ptr(int, tlm::tlm_generic_payload &t, tlm::tlm_dmi &dmi)
{
    if (!dmi_enabled || !in_ram(t.get_address(), 1, smmuv3::pa_space_of(t)))
        return false;
    dmi.set_dmi_ptr(m_ram.data());
    dmi.set_start_address(m_ram_base);
    dmi.set_end_address(m_ram_base + m_ram.size() - 1);
    dmi.allow_read_write();
    dmi.set_read_latency(latency);
    dmi.set_write_latency(latency);
    return true;
}

void test_memory::invalidate_all_dmi()
{
    for (unsigned i = 0; i < socket.size(); i++)
        socket[static_cast<int>(i)]->invalidate_direct_mem_ptr(m_ram_base, m_ram_base + m_ram.size() - 1);
}

unsigned test_memory::count(tlm::tlm_command cmd) const
{
    return static_cast<unsigned>(
        std::count_if(log.begin(), log.end(), [&](const access &a) { return a.cmd == cmd; }));
}

// ---------------------------------------------------------------------------------------------
// Masters
// ---------------------------------------------------------------------------------------------

dma_master::dma_master(const sc_module_name &name) : sc_module(name), socket("socket")
{
    socket.register_invalidate_direct_mem_ptr(this, &dma_master::invalidate_direct_mem_ptr);
}

tlm::tlm_response_status dma_master::transport(tlm::tlm_command cmd, uint64_t addr, void *buf,
                                               unsigned len)
{
    tlm::tlm_generic_payload t;
    init_payload(t, cmd, addr, buf, len);
    if (attach_stream)
        t.set_extension(&stream);
    if (attrs)
        t.set_extension(attrs);
    const smmuv3::bus_attr_extension sent = attrs ? *attrs : smmuv3::bus_attr_extension();
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(t, delay);
    if (attach_stream)
        t.clear_extension(&stream);
    EXPECT_EQ(t.get_address(), addr) << "the SMMU restores the address";
    EXPECT_EQ(t.get_extension<smmuv3::bus_attr_extension>(), attrs)
        << "the SMMU leaves no extension of its own on the master's payload";
    if (attrs) {
        t.clear_extension(attrs);
        EXPECT_TRUE(attrs->pas == sent.pas && attrs->attrs_valid == sent.attrs_valid &&
                    attrs->mair == sent.mair && attrs->sh == sent.sh)
            << "the SMMU restores the master's own bus attributes";
    }
    last_delay = delay;
    last_dmi_hint = t.is_dmi_allowed();
    if (sync)
        wait(delay);
    return t.get_response_status();
}

tlm::tlm_response_status dma_master::read(uint64_t addr, void *buf, unsigned len)
{
    return transport(tlm::TLM_READ_COMMAND, addr, buf, len);
}

tlm::tlm_response_status dma_master::write(uint64_t addr, const void *buf, unsigned len)
{
    return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void *>(buf), len);
}

uint32_t dma_master::read32(uint64_t addr, tlm::tlm_response_status *st)
{
    uint32_t v = 0xdeadbeef;
    tlm::tlm_response_status s = read(addr, &v, 4);
    if (st)
        *st = s;
    return v;
}

tlm::tlm_response_status dma_master::write32(uint64_t addr, uint32_t v)
{
    return write(addr, &v, 4);
}

unsigned dma_master::debug_transport(tlm::tlm_command cmd, uint64_t addr, void *buf, unsigned len)
{
    tlm::tlm_generic_payload t;
    init_payload(t, cmd, addr, buf, len);
    t.set_extension(&stream);
    unsigned n = socket->transport_dbg(t);
    t.clear_extension(&stream);
    return n;
}

unsigned dma_master::debug_read(uint64_t addr, void *buf, unsigned len)
{
    return debug_transport(tlm::TLM_READ_COMMAND, addr, buf, len);
}

unsigned dma_master::debug_write(uint64_t addr, const void *buf, unsigned len)
{
    return debug_transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void *>(buf), len);
}

bool dma_master::get_dmi(uint64_t addr, bool write, tlm::tlm_dmi &dmi)
{
    tlm::tlm_generic_payload t;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_extension(&stream);
    dmi.init();
    bool ok = socket->get_direct_mem_ptr(t, dmi);
    t.clear_extension(&stream);
    return ok;
}

void dma_master::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
{
    dmi_invalidations.emplace_back(start, end);
}

reg_master::reg_master(const sc_module_name &name) : sc_module(name), socket("socket") {}

namespace {

// A register access: its payload, the PA space in a bus_attr_extension and the value; a 4-byte
// access goes through a uint32_t, whose bytes are the value's on any host.
class reg_access
{
public:
    reg_access(tlm::tlm_command cmd, uint64_t off, unsigned size, uint64_t v, smmu_pa_space pas)
        : m_ext(pas), m_v(v), m_w(static_cast<uint32_t>(v))
    {
        init_payload(t, cmd, off, size == 4 ? static_cast<void *>(&m_w) : &m_v, size);
        t.set_extension(&m_ext);
    }
    ~reg_access() { t.clear_extension(&m_ext); }
    reg_access(const reg_access &) = delete;
    reg_access &operator=(const reg_access &) = delete;

    uint64_t value() const { return t.get_data_length() == 4 ? m_w : m_v; }

    tlm::tlm_generic_payload t;

private:
    smmuv3::bus_attr_extension m_ext;
    uint64_t m_v;
    uint32_t m_w;
};

} // namespace

uint64_t reg_master::read(uint64_t off, unsigned size, smmu_pa_space pas,
                          tlm::tlm_response_status *st)
{
    reg_access a(tlm::TLM_READ_COMMAND, off, size, 0, pas);
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(a.t, delay);
    wait(delay);
    if (st)
        *st = a.t.get_response_status();
    return a.value();
}

tlm::tlm_response_status reg_master::write(uint64_t off, unsigned size, uint64_t v,
                                           smmu_pa_space pas)
{
    reg_access a(tlm::TLM_WRITE_COMMAND, off, size, v, pas);
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(a.t, delay);
    wait(delay);
    return a.t.get_response_status();
}

unsigned reg_master::debug_read(uint64_t off, unsigned size, uint64_t *v, smmu_pa_space pas)
{
    reg_access a(tlm::TLM_READ_COMMAND, off, size, 0, pas);
    unsigned n = socket->transport_dbg(a.t);
    *v = a.value();
    return n;
}

unsigned reg_master::debug_write(uint64_t off, unsigned size, uint64_t v, smmu_pa_space pas)
{
    reg_access a(tlm::TLM_WRITE_COMMAND, off, size, v, pas);
    return socket->transport_dbg(a.t);
}

// ---------------------------------------------------------------------------------------------
// Platform
// ---------------------------------------------------------------------------------------------

smmuv3::smmu_tlm_config platform::default_config()
{
    smmuv3::smmu_tlm_config cfg;
    cfg.core.sid_bits = 6; // a linear stream table of 64 STEs is enough
    return cfg;
}

// The suite in checker mode (SMMU_TEST_CHECK=1, ctest label "checker"; docs/bring-up.md "The
// checker"): every platform's module runs with the bring-up checker on.
static smmuv3::smmu_tlm_config checker_mode(smmuv3::smmu_tlm_config cfg)
{
    if (fake_mem_check_mode())
        cfg.core.check = true;
    return cfg;
}

platform::platform(unsigned nmasters, const smmuv3::smmu_tlm_config &cfg)
    : mem(fake_mem_create()), memory("memory", mem, k_ram, k_ram_size),
      smmu("smmu", checker_mode(cfg)), cpu("cpu")
{
    // The test CPU's writes (the table builders' and the driver's) reach the checker as an
    // integrator reports them, through observe_write (a no-op without the checker)
    mem->on_cpu_write = [](void *arg, uint64_t pa, smmu_pa_space pas, const void *data,
                           size_t len) {
        static_cast<smmuv3::smmu_tlm *>(arg)->observe_write(pa, pas, data, len);
    };
    mem->on_cpu_write_arg = &smmu;
    if (g_ran)
        ADD_FAILURE() << "one platform per process (run each TEST with --gtest_filter)";
    for (unsigned i = 0; i < nmasters; i++) {
        masters.push_back(std::make_unique<dma_master>(("master" + std::to_string(i)).c_str()));
        masters.back()->socket.bind(smmu.upstream);
    }
    cpu.socket.bind(smmu.reg_socket);
    smmu.downstream.bind(memory.socket);
    if (!cfg.walk_via_downstream)
        smmu.walk.bind(memory.socket);
    for (unsigned bank = 0; bank < 3; bank++) {
        for (unsigned line = 0; line < SMMU_IRQ_LINES_PER_BANK; line++) {
            auto *port = smmu.irq_port(static_cast<smmu_sec_sid>(bank), static_cast<smmu_irq_line>(line));
            irq.push_back(std::make_unique<sc_signal<bool>>(port->basename()));
            port->bind(*irq.back());
        }
    }
    for (smmu_irq_line line : {SMMU_IRQ_GPF_FAR, SMMU_IRQ_GPT_CFG_FAR}) {
        auto *port = smmu.irq_port(SMMU_SEC_NS, line);
        irq.push_back(std::make_unique<sc_signal<bool>>(port->basename()));
        port->bind(*irq.back());
    }
    smmu.reset.bind(reset);
}

platform::~platform()
{
    if (fake_mem_check_mode()) {
        EXPECT_EQ(expected_findings, fake_mem_check_findings(smmu.core_handle()))
            << "bring-up checker findings";
    }
    fake_mem_destroy(mem);
}

sc_signal<bool> &platform::irq_signal(smmu_sec_sid bank, smmu_irq_line line)
{
    if (line == SMMU_IRQ_GPF_FAR || line == SMMU_IRQ_GPT_CFG_FAR)
        return *irq.at(line);
    return *irq.at(static_cast<unsigned>(bank) * SMMU_IRQ_LINES_PER_BANK + line);
}

void platform::spawn(std::function<void()> body, const char *name)
{
    sc_spawn(std::move(body), name);
}

void platform::run(std::function<void()> body, sc_time limit)
{
    bool done = false;
    sc_spawn(
        [&done, body]() {
            body();
            done = true;
            sc_stop();
        },
        "test_body");
    g_ran = true;
    sc_start(limit);
    EXPECT_TRUE(done) << "the test body did not finish within " << limit;
}

void platform::setup(smmu_sec_sid bank)
{
    bool &set_up = m_set_up[bank == SMMU_SEC_SECURE];
    if (set_up)
        return;
    set_up = true;
    smmu_driver &d = drv(bank);
    drv_init(&d, smmu.core_handle(), mem, bank);
    st_init_linear(&st(bank), mem, d.pas, k_strtab, 6);
    drv_setup_cmdq(&d, k_cmdq, 4);
    drv_setup_evtq(&d, k_evtq, 4);
    ASSERT_EQ(drv_enable_queues(&d), 0);
    drv_set_strtab(&d, st_base_reg(&st(bank)), st_base_cfg_reg(&st(bank)));
}

void platform::enable(smmu_sec_sid bank)
{
    uint64_t c[2];
    cmd_cfgi_all(c, bank == SMMU_SEC_SECURE);
    command(bank, c);
    ASSERT_EQ(drv_enable_smmu(&drv(bank)), 0);
}

void platform::command(smmu_sec_sid bank, const uint64_t cmd[2])
{
    ASSERT_EQ(drv_submit(&drv(bank), cmd), 0);
    ASSERT_EQ(drv_sync(&drv(bank)), 0);
}

void platform::add_s1_stream(smmu_sec_sid bank, uint32_t sid, const pgt &pt, uint16_t asid,
                             const ste_s2_params *s2)
{
    const smmu_pa_space pas = drv(bank).pas;
    cd_builder cdb;
    const uint64_t cd_base = k_cds + 64u * sid;
    cd_init(&cdb, mem, pas, cd_base, 0, 0, 0);
    uint64_t cd[8];
    cd_make(cd, pt.root, pt.prm.granule_shift, pt.prm.ia_bits, 48, asid, 0xff);
    cd_write(&cdb, 0, cd);
    uint64_t ste[8];
    ste_make_s1(ste, cd_base, 0, 0);
    if (s2)
        ste_set_s2(ste, s2);
    st_write_ste(&st(bank), sid, ste);
}

void platform::add_s2_stream(smmu_sec_sid bank, uint32_t sid, const ste_s2_params &s2)
{
    uint64_t ste[8];
    ste_make_bypass(ste);
    ste_set_s2(ste, &s2);
    st_write_ste(&st(bank), sid, ste);
}

void platform::edit_cd(smmu_sec_sid bank, uint32_t sid,
                       const std::function<void(uint64_t *cd)> &edit)
{
    const smmu_pa_space pas = drv(bank).pas;
    const uint64_t cd_base = k_cds + 64u * sid;
    uint64_t cd[8];
    for (unsigned i = 0; i < 8; i++)
        cd[i] = fake_mem_rd64(mem, cd_base + 8 * i, pas);
    edit(cd);
    for (unsigned i = 0; i < 8; i++)
        fake_mem_wr64(mem, cd_base + 8 * i, pas, cd[i]);
}

pgt &platform::s1_tables(smmu_sec_sid bank)
{
    std::unique_ptr<pgt> &pt = m_s1_tables[bank == SMMU_SEC_SECURE];
    if (!pt) {
        pt = std::make_unique<pgt>();
        make_s1_tables(*pt, mem, bank == SMMU_SEC_SECURE ? SMMU_PAS_SECURE : SMMU_PAS_NS);
    }
    return *pt;
}

pgt &platform::s2_tables()
{
    if (!m_s2_tables) {
        m_s2_tables = std::make_unique<pgt>();
        make_s2_tables(*m_s2_tables, mem);
    }
    return *m_s2_tables;
}

pgt &platform::s1_stream(smmu_sec_sid bank, uint32_t sid, std::initializer_list<mapping> maps)
{
    setup(bank);
    pgt &pt = s1_tables(bank);
    for (const mapping &m : maps)
        map(pt, m);
    add_s1_stream(bank, sid, pt, 1);
    return pt;
}

void map(pgt &pt, const mapping &m)
{
    ASSERT_EQ(pgt_map(&pt, m.va, m.pa, m.size, m.attrs), 0)
        << "map 0x" << std::hex << m.va << " -> 0x" << m.pa << " (0x" << m.size << " bytes)";
}

void make_s1_tables(pgt &pt, fake_mem *mem, smmu_pa_space pas)
{
    pgt_params prm = pgt_default_params(1, 12, 48);
    prm.pas = pas;
    prm.pool_base = k_s1_pool;
    prm.pool_size = k_pool_size;
    ASSERT_EQ(pgt_init(&pt, mem, &prm), 0);
}

smmuv3::smmu_tlm_config ats_config()
{
    smmuv3::smmu_tlm_config c = platform::default_config();
    c.core.ats = true;
    return c;
}

void ats_stream(platform &p, const mapping &map)
{
    p.s1_stream(SMMU_SEC_NS, 1, {map});
    uint64_t ste[8];
    const uint64_t a = st_ste_addr(&p.st(SMMU_SEC_NS), 1);
    for (unsigned i = 0; i < 8; i++)
        ste[i] = fake_mem_rd64(p.mem, a + 8 * i, SMMU_PAS_NS);
    smmu_ste_set_EATS(ste, 1);
    st_write_ste(&p.st(SMMU_SEC_NS), 1, ste);
    p.enable(SMMU_SEC_NS);
}

void command_and_sync(platform &p, const uint64_t c[2])
{
    uint64_t s[2];
    ASSERT_EQ(drv_submit(&p.ns, c), 0);
    cmd_sync(s, 0, 0, 0, 0, 0);
    ASSERT_EQ(drv_submit(&p.ns, s), 0);
    sc_core::wait(sc_core::sc_time(1, sc_core::SC_US));
    EXPECT_EQ(drv_cmdq_error(&p.ns), 0u);
    EXPECT_EQ(drv_read32(&p.ns, DRV_CMDQ_CONS), p.ns.cmdq_prod) << "the CMD_SYNC completed";
}

void make_s2_tables(pgt &pt, fake_mem *mem)
{
    pgt_params prm = pgt_default_params(2, 12, 48);
    prm.pool_base = k_s2_pool;
    prm.pool_size = k_pool_size;
    ASSERT_EQ(pgt_init(&pt, mem, &prm), 0);
}

ste_s2_params s2_params(const pgt &pt, uint16_t vmid)
{
    ste_s2_params p{};
    p.ttb = pt.root;
    p.granule_shift = pt.prm.granule_shift;
    p.ia_bits = pt.prm.ia_bits;
    p.start_level = pt.start_level;
    p.ps_bits = 48;
    p.vmid = vmid;
    return p;
}

} // namespace smmu_test
