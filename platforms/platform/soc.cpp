// SPDX-License-Identifier: Apache-2.0
#include "soc.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>

#ifdef SMMU_PLATFORM_HAVE_STATE
#include "smmu_state.h"
#include "smmuv3/arch.h"
#endif

using namespace sc_core;

namespace smmuv3::platform {

namespace {

std::string hex(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof(b), "0x%" PRIx64, v);
    return b;
}

std::string bytes_str(uint64_t n)
{
    char b[32];
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        std::snprintf(b, sizeof(b), "%" PRIu64 " MB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        std::snprintf(b, sizeof(b), "%" PRIu64 " KB", n >> 10);
    else
        std::snprintf(b, sizeof(b), "%" PRIu64 " bytes", n);
    return b;
}

std::string perms_str(unsigned p)
{
    std::string s;
    s += (p & SMMU_DRV_PROT_READ) ? 'r' : '-';
    s += (p & SMMU_DRV_PROT_WRITE) ? 'w' : '-';
    s += (p & SMMU_DRV_PROT_EXEC) ? 'x' : '-';
    if (p & SMMU_DRV_PROT_PRIV)
        s += " priv";
    if (p & SMMU_DRV_PROT_DEVICE)
        s += " device";
    if (p & SMMU_DRV_PROT_NS)
        s += " NS";
    return s;
}

const char *sec_short(smmu_sec_sid sec)
{
    return sec == SMMU_SEC_SECURE ? "S" : sec == SMMU_SEC_REALM ? "R" : "NS";
}

const char *resp_name(tlm::tlm_response_status r)
{
    switch (r) {
    case tlm::TLM_OK_RESPONSE: return "OK";
    case tlm::TLM_INCOMPLETE_RESPONSE: return "INCOMPLETE";
    case tlm::TLM_GENERIC_ERROR_RESPONSE: return "GENERIC_ERROR";
    case tlm::TLM_ADDRESS_ERROR_RESPONSE: return "ADDRESS_ERROR";
    case tlm::TLM_COMMAND_ERROR_RESPONSE: return "COMMAND_ERROR";
    case tlm::TLM_BURST_ERROR_RESPONSE: return "BURST_ERROR";
    case tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE: return "BYTE_ENABLE_ERROR";
    }
    return "?";
}

// The byte at offset i of a test buffer (distinct per step and offset).
uint8_t pattern_byte(uint32_t seed, uint64_t i)
{
    uint32_t x = seed * 2654435761u ^ static_cast<uint32_t>(i * 40503u + (i >> 8));
    return static_cast<uint8_t>(x ^ (x >> 13));
}

uint32_t fnv1a(const std::vector<uint8_t> &v)
{
    uint32_t h = 2166136261u;
    for (uint8_t b : v)
        h = (h ^ b) * 16777619u;
    return h;
}

// ---- the driver library's callbacks (ctx: the soc) ----
int mmio_rd32(void *ctx, uint64_t off, smmu_pa_space pas, uint32_t *v)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_READ_COMMAND, k_smmu_base + off, pas, v, 4) ? 0 : -1;
}
int mmio_wr32(void *ctx, uint64_t off, smmu_pa_space pas, uint32_t v)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_WRITE_COMMAND, k_smmu_base + off, pas, &v, 4) ? 0 : -1;
}
int mmio_rd64(void *ctx, uint64_t off, smmu_pa_space pas, uint64_t *v)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_READ_COMMAND, k_smmu_base + off, pas, v, 8) ? 0 : -1;
}
int mmio_wr64(void *ctx, uint64_t off, smmu_pa_space pas, uint64_t v)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_WRITE_COMMAND, k_smmu_base + off, pas, &v, 8) ? 0 : -1;
}
int mem_alloc(void *ctx, size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
{
    return static_cast<soc *>(ctx)->alloc(size, align, pas, addr) ? 0 : -1;
}
int mem_rd(void *ctx, uint64_t addr, smmu_pa_space pas, void *buf, size_t len)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_READ_COMMAND, addr, pas, buf, len) ? 0 : -1;
}
int mem_wr(void *ctx, uint64_t addr, smmu_pa_space pas, const void *buf, size_t len)
{
    return static_cast<soc *>(ctx)->bus_access(tlm::TLM_WRITE_COMMAND, addr, pas, const_cast<void *>(buf), len) ? 0 : -1;
}

// Map m with the driver: in one call (the largest blocks alignment allows), or with m.page in
// pieces of that size, each then a page or block of exactly that size.
smmu_drv_err map_mapping(smmu_drv *drv, smmu_drv_pgtable *pt, const mapping &m)
{
    if (!m.page || m.page >= m.size)
        return smmu_drv_map(drv, pt, m.iova, m.pa, m.size, m.prot);
    for (uint64_t off = 0; off < m.size; off += m.page)
        if (smmu_drv_err e = smmu_drv_map(drv, pt, m.iova + off, m.pa + off, m.page, m.prot); e != SMMU_DRV_OK)
            return e;
    return SMMU_DRV_OK;
}

} // namespace

// A guest's memory, as its own driver sees it: IPAs in [ipa, ipa + size) backed by
// Non-secure PAs [pa, ...) (the hypervisor's stage-2 mapping of the guest's table RAM).
struct soc::guest_mem {
    soc *owner = nullptr;
    uint64_t ipa = 0, pa = 0, size = 0, next = 0;

    static guest_mem *of(void *ctx) { return static_cast<guest_mem *>(ctx); }
    static int alloc(void *ctx, size_t size, size_t align, smmu_pa_space, uint64_t *addr)
    {
        guest_mem *g = of(ctx);
        uint64_t a = (g->next + align - 1) & ~uint64_t(align - 1);
        if (a < g->next || a + size > g->ipa + g->size)
            return -1;
        g->next = a + size;
        *addr = a;
        return 0;
    }
    static int access(void *ctx, tlm::tlm_command cmd, uint64_t addr, void *buf, size_t len)
    {
        guest_mem *g = of(ctx);
        if (addr < g->ipa || addr - g->ipa >= g->size || len > g->size - (addr - g->ipa))
            return -1; // the guest driver stays in its own RAM
        return g->owner->bus_access(cmd, g->pa + (addr - g->ipa), SMMU_PAS_NS, buf, len) ? 0 : -1;
    }
    static int read(void *ctx, uint64_t addr, smmu_pa_space, void *buf, size_t len)
    {
        return access(ctx, tlm::TLM_READ_COMMAND, addr, buf, len);
    }
    static int write(void *ctx, uint64_t addr, smmu_pa_space, const void *buf, size_t len)
    {
        return access(ctx, tlm::TLM_WRITE_COMMAND, addr, const_cast<void *>(buf), len);
    }
    smmu_drv_mem ops() { return smmu_drv_mem{this, &alloc, &read, &write}; }
};

struct soc::device_rt {
    const device_desc *desc = nullptr;
    smmu_drv *drv = nullptr;
    dma_device *engine = nullptr;
    pcie_endpoint *ep = nullptr;           // engine "pcie": the endpoint instead of an engine
    uint64_t engine_base = 0;
    smmu_pa_space out_pas = SMMU_PAS_NS;   // PA space of its translated traffic (a Realm
                                           // stage-2 mapping with PROT_NS: Non-secure)
    bool has_s1 = false, has_s2 = false;
    smmu_drv_pgtable s1{}, s2{};
    smmu_drv_cdtab cdt{};
    guest_mem guest;
    smmu_drv_mem guest_ops{};
    std::vector<mapping> live;             // current mappings (unmaps remove them)
    std::vector<mapping> demand;           // demand mappings not made yet (handle_stall,
                                           // handle_page_requests)
    bool bypassed = false;                 // an "ste" step switched its STE to bypass
    struct sub_rt {                        // a substream: its CD's stage-1 tables
        const substream *desc = nullptr;
        smmu_drv_pgtable s1{};
        std::vector<mapping> live;
    };
    std::vector<sub_rt> subs;
    // The substream of SubstreamID ssid (not 0: that is CD 0), or null
    const sub_rt *sub(uint32_t ssid) const
    {
        for (const sub_rt &r : subs)
            if (r.desc->ssid == ssid)
                return &r;
        return nullptr;
    }
    sub_rt *sub(uint32_t ssid) { return const_cast<sub_rt *>(std::as_const(*this).sub(ssid)); }
    unsigned dma_ok = 0, dma_faulted = 0, unmaps = 0;
    uint64_t bytes = 0;
    std::vector<std::string> events;
};

// ---------------------------------------------------------------------------------------------

bool traffic_setup(const traffic_desc &t, traffic_config *cfg, std::vector<traffic_access> *trace, std::string *err)
{
    cfg->transactions = t.transactions;
    cfg->outstanding = t.outstanding;
    cfg->seed = t.seed;
    cfg->gap = sc_time(static_cast<double>(t.gap_ps), SC_PS);
    const smmu_sec_sid sec = t.engine == engine_kind::secure ? SMMU_SEC_SECURE
                             : t.engine == engine_kind::realm ? SMMU_SEC_REALM : SMMU_SEC_NS;
    if (!t.trace.empty()) {
        std::ifstream in(t.trace);
        if (!in) {
            *err = t.where + ".trace: " + t.trace + ": cannot be read (" + std::strerror(errno) + ")";
            return false;
        }
        *trace = parse_trace_csv(in, err);
        if (trace->empty()) {
            *err = t.where + ".trace: " + t.trace + ": " + *err;
            return false;
        }
        // Only the generator's streams are set up: another StreamID would be C_BAD_STREAMID
        for (size_t i = 0; i < trace->size(); i++) {
            traffic_access &a = (*trace)[i];
            if (a.sid < t.sid || a.sid - t.sid >= t.streams || a.sec != sec) {
                *err = t.where + ".trace: " + t.trace + ": line " + std::to_string(i + 2) + ": StreamID " +
                       hex(a.sid) + " (" + sec_short(a.sec) + ") is not one of the generator's (" + hex(t.sid) +
                       ".." + hex(t.sid + t.streams - 1) + ", " + sec_short(sec) + ")";
                return false;
            }
            a.tbu = t.tbu;
        }
        return true;
    }
    for (uint32_t i = 0; i < t.streams; i++)
        for (size_t k = 0; k < t.mix.size(); k++) {
            const traffic_mix &m = t.mix[k];
            const std::string at = t.where + (t.mix.size() > 1 ? ".mix[" + std::to_string(k) + "]" : "");
            traffic_stream ts;
            ts.sid = t.sid + i;
            ts.ssid = t.ssid;
            ts.ssv = t.ssv;
            ts.sec = sec;
            ts.tbu = t.tbu;
            if (!pattern_of(m.pattern, &ts.kind)) {
                *err = at + ".pattern: \"" + m.pattern + "\" (use sequential, strided or random)";
                return false;
            }
            ts.base = t.iova + m.offset;
            ts.span = m.span;
            ts.stride = m.stride;
            ts.size = m.size;
            ts.write_percent = m.write_percent;
            ts.weight = m.weight;
            // The generator's own rules (size a power of two, span, stride), named by path
            traffic_stream probe = ts;
            probe.weight = 1; // a weight of 0 is allowed (the entry is off), its fields still checked
            const std::string why = traffic_pattern::check({probe});
            if (!why.empty()) {
                *err = at + ": " + why.substr(why.find(": ") + 2);
                return false;
            }
            cfg->streams.push_back(ts);
        }
    if (!traffic_pattern::check(cfg->streams).empty()) {
        *err = t.where + ".mix: no entry with a weight: nothing to generate";
        return false;
    }
    return true;
}

bool check_traffic(const scenario &sc, std::string *err)
{
    for (const traffic_desc &t : sc.traffic) {
        traffic_config cfg;
        std::vector<traffic_access> trace;
        if (!traffic_setup(t, &cfg, &trace, err))
            return false;
    }
    return true;
}

smmu_tlm_config platform_smmu_config()
{
    smmu_tlm_config c;
    c.core = platform_core_config();
    return c;
}

soc::soc(const sc_module_name &name, const scenario &sc, const smmu_tlm_config &smmu_cfg, const options &opt,
         std::ostream &out)
    : sc_module(name), memory("memory"), bus("bus"), smmu("smmu", smmu_cfg),
      dma_ns("dma_ns"), dma_s("dma_s"), dma_realm("dma_realm"), cpu("cpu"), m_sc(sc), m_opt(opt),
      m_out(out)
{
    cpu.bind(bus.target);
    bus.add("dma_ns", k_dma_ns_base, k_dma_size, true).bind(dma_ns.reg_socket);
    bus.add("dma_s", k_dma_s_base, k_dma_size, true).bind(dma_s.reg_socket);
    bus.add("dma_realm", k_dma_realm_base, k_dma_size, true).bind(dma_realm.reg_socket);
    bus.add("smmu", k_smmu_base, k_smmu_size, true).bind(smmu.reg_socket);
    if (const unsigned groups = smmu_cfg.core.pmcg_groups)
        bus.add("pmcg", k_pmcg_base, groups * k_pmcg_frame, true).bind(smmu.pmcg_socket);
    bus.add("memory", 0, uint64_t(1) << 48, false).bind(memory.socket);
    dma_ns.socket.bind(smmu.upstream);
    dma_s.socket.bind(smmu.upstream);
    dma_realm.socket.bind(smmu.upstream);
    dma_ns.irq.bind(irq_ns);
    dma_s.irq.bind(irq_s);
    dma_realm.irq.bind(irq_realm);
    smmu.downstream.bind(memory.socket);
    smmu.walk.bind(memory.socket);
    for (const device_desc &dd : m_sc.devices) {
        if (dd.engine != engine_kind::pcie)
            continue;
        if (!ep_router) {
            ep_router = std::make_unique<endpoint_router>("ep_router");
            smmu.endpoint_out.bind(ep_router->in);
        }
        endpoints.push_back(std::make_unique<pcie_endpoint>(("pcie_" + dd.name).c_str(), dd.sid));
        pcie_endpoint &ep = *endpoints.back();
        ep.socket.bind(smmu.upstream);
        ep_router->add(ep);
        ep.on_note = [this](const std::string &line) { m_out << "      ats: " << line << "\n"; };
    }
    for (const traffic_desc &t : m_sc.traffic) {
        traffic_config cfg;
        std::vector<traffic_access> trace;
        std::string err;
        if (!traffic_setup(t, &cfg, &trace, &err)) // checked before (check_traffic): not expected
            SC_REPORT_FATAL("smmuv3/platform", err.c_str());
        cfg.wait_for_start = true; // the firmware sets the SMMU up first
        generators.push_back(std::make_unique<traffic_gen>(("traffic_" + t.name).c_str(), cfg));
        if (!t.trace.empty())
            generators.back()->replay(std::move(trace));
        generators.back()->socket.bind(smmu.upstream);
    }
    if (m_opt.trace) {
        smmu.set_trace([this](const smmu_trace &t) { trace_line(&t); });
        // Each device access as the engine saw it (the core adds per-translation records
        // where it emits SMMU_TRACE_RESULT)
        for (dma_device *e : {&dma_ns, &dma_s, &dma_realm})
            e->on_access = [this](const dma_device::access_record &a) {
                char b[160];
                std::snprintf(b, sizeof(b), "trace: dma   %s sid=0x%x %s 0x%" PRIx64 "+%u -> %s",
                              sec_short(a.stream->sec), a.stream->sid,
                              a.write ? "W" : "R", a.addr, a.len, resp_name(a.resp));
                m_out << "    " << trace_stamp(sc_core::sc_time_stamp()) << b << "\n";
            };
    }

    m_mmio = smmu_drv_mmio{this, &mmio_rd32, &mmio_wr32, &mmio_rd64, &mmio_wr64};
    m_mem = smmu_drv_mem{this, &mem_alloc, &mem_rd, &mem_wr};
    // SMMU structures (queues, stream tables, CDs, page tables): 32 MB of Non-secure DRAM,
    // 16 MB of Secure SRAM, 16 MB of Realm memory; the GPT: 4 MB of Root memory (layout.h).
    for (const reserved_region &r : k_reserved)
        m_pools.push_back(pool{r.pas, r.base, r.base + r.size});

    SC_HAS_PROCESS(soc);
    SC_THREAD(firmware);
    set_stack_size(1 << 20); // the driver, the SMMU core and report formatting run on it
}

soc::~soc() = default;

bool soc::bus_access(tlm::tlm_command cmd, uint64_t addr, smmu_pa_space pas, void *buf, size_t len)
{
    tlm::tlm_generic_payload t;
    bus_attr_extension ext(pas);
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(static_cast<unsigned char *>(buf));
    t.set_data_length(static_cast<unsigned>(len));
    t.set_streaming_width(static_cast<unsigned>(len));
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    t.set_extension(&ext);
    sc_time delay = SC_ZERO_TIME;
    cpu->b_transport(t, delay);
    t.clear_extension(&ext);
    wait(delay);
    const bool ok = t.get_response_status() == tlm::TLM_OK_RESPONSE;
    // The bring-up checker sees the firmware's stores (the CPU is the only software here; the
    // SMMU's and the DMA engines' writes do not pass this port). A store to a register window
    // never matches a structure the SMMU fetched, so it needs no filtering.
    if (ok && cmd == tlm::TLM_WRITE_COMMAND)
        smmu.observe_write(addr, pas, buf, len);
    return ok;
}

bool soc::alloc(size_t size, size_t align, smmu_pa_space pas, uint64_t *addr)
{
    for (auto &p : m_pools) {
        if (p.pas != pas)
            continue;
        uint64_t a = (p.next + align - 1) & ~uint64_t(align - 1);
        if (a < p.next || a > p.end || size > p.end - a)
            return false;
        p.next = a + size;
        *addr = a;
        return true;
    }
    return false;
}

bool soc::check(smmu_drv_err e, const std::string &what)
{
    if (e == SMMU_DRV_OK)
        return true;
    m_out << "  ERROR: " << what << ": " << smmu_drv_strerror(e);
    if (e == SMMU_DRV_E_CMDQ_ERR)
        m_out << " (CERROR NS " << m_drv_ns.last_cerror << ", S " << m_drv_s.last_cerror << ", R "
              << m_drv_r.last_cerror << ")";
    m_out << "\n";
    m_failures++;
    return false;
}

// ---- trace ----

void soc::trace_line(const smmu_trace *t)
{
    const char *bank = sec_short(t->bank < 3 ? static_cast<smmu_sec_sid>(t->bank) : SMMU_SEC_NS);
    char buf[512];
    switch (t->kind) {
    case SMMU_TRACE_RESULT: {
        const smmu_txn *x = t->txn;
        const smmu_result *r = t->result;
        if (!x || !r)
            return;
        int n = std::snprintf(buf, sizeof(buf), "trace: xlate %s sid=0x%x%s %s 0x%" PRIx64 "+%u -> ",
                              sec_short(x->sec), x->sid, x->ssv ? " ssv" : "",
                              x->access == SMMU_ACCESS_WRITE ? "W" : "R", x->addr, x->size);
        if (n < 0)
            return;
        size_t len = static_cast<size_t>(n);
        if (r->outcome == SMMU_XLATE_OK || r->outcome == SMMU_XLATE_BYPASS)
            std::snprintf(buf + len, sizeof(buf) - len, "%s 0x%" PRIx64 " (%s)%s%s",
                          r->outcome == SMMU_XLATE_OK ? "PA" : "bypass PA", r->pa,
                          pa_space_name(r->pas), r->tlb_hit ? " tlb-hit" : "",
                          r->tlb_hit ? "" : (" fetches=" + std::to_string(r->fetches)).c_str());
        else if (r->outcome == SMMU_XLATE_FAULT)
            std::snprintf(buf + len, sizeof(buf) - len, "FAULT %s%s", smmu_event_name(r->event),
                          r->event_recorded ? " (recorded)" : "");
        else
            std::snprintf(buf + len, sizeof(buf) - len, "%s",
                          r->outcome == SMMU_XLATE_ABORT ? "ABORT" : "RAZ/WI");
        break;
    }
    case SMMU_TRACE_COMMAND: {
        // A command that raised a command error is not consumed: say which [4.1.3]
        static const char *const cerror[] = {"", " -> CERROR_ILL", " -> CERROR_ABT",
                                             " -> CERROR_ATC_INV_SYNC"};
        const char *outcome = t->outcome < 4 ? cerror[t->outcome] : " -> CERROR";
        if (t->nwords < 2)
            std::snprintf(buf, sizeof(buf), "trace: cmd   %s read of 0x%" PRIx64 " aborted%s",
                          bank, t->addr, outcome);
        else
            std::snprintf(buf, sizeof(buf), "trace: cmd   %s %-20s 0x%016" PRIx64 " 0x%016" PRIx64 "%s",
                          bank, smmu_command_name_of(t->words), t->words[0], t->words[1], outcome);
        break;
    }
    case SMMU_TRACE_EVENT: {
        if (!t->words || t->nwords < 4)
            return;
        smmu_drv_event ev;
        smmu_drv_event_decode(t->words, &ev);
        char e[320];
        smmu_drv_event_format(&ev, e, sizeof(e));
        std::snprintf(buf, sizeof(buf), "trace: event %s %s", bank, e);
        break;
    }
    default:
        return;
    }
    m_out << "    " << trace_stamp(smmu.trace_time()) << buf << "\n";
}

// "[   1.234 us] ": the simulated time of a trace line, fixed width so that lines align
std::string soc::trace_stamp(const sc_core::sc_time &t)
{
    char b[32];
    std::snprintf(b, sizeof(b), "[%10.3f us] ", t.to_seconds() * 1e6);
    return b;
}

// ---- firmware ----

// Root firmware (TF-A's job on Arm systems): probe the Root control page, build the GPT in
// Root memory with the platform's layout (soc.h) and the scenario's regions, point the SMMU at
// it and turn the granule protection check on: GPCEN, then ACCESSEN. Until ACCESSEN is set the
// SMMU refuses every access, its own included [IHI 0070 6.3.112].
bool soc::root_firmware()
{
    if (!check(smmu_drv_root_init(&m_root, &m_mmio, &m_mem, k_smmu_root_page), "probe the Root control page"))
        return false;
    m_out << "  Root page at +" << hex(k_smmu_root_page) << ": ROOT_IDR0 " << hex(m_root.idr0) << " (Realm interface "
          << (m_root.realm_impl ? "at +" + hex(m_root.realm_page0) : std::string("absent")) << ", "
          << (m_root.rgptm ? "ROOT_TLBI" : "broadcast TLBI only") << ", level-0 GPT entries cover "
          << (1u << (m_root.l0gptsz - 30)) << " GB)\n";
    const struct { uint64_t pa, size; unsigned gpi; } layout[] = {
        {0x04000000, 0x04000000, SMMU_DRV_GPI_SECURE},
        {0x0C000000, 0x02000000, SMMU_DRV_GPI_REALM},
        {0x0E000000, 0x00400000, SMMU_DRV_GPI_ROOT},
    };
    if (!check(smmu_drv_root_gpt_init(&m_root, 40, 4096, SMMU_DRV_GPI_NS), "GPT"))
        return false;
    std::vector<gpt_region> regions;
    for (const auto &l : layout)
        regions.push_back(gpt_region{l.pa, l.size, l.gpi});
    regions.insert(regions.end(), m_sc.gpt.begin(), m_sc.gpt.end());
    for (const auto &g : regions) {
        if (!check(smmu_drv_root_gpt_set(&m_root, g.pa, g.size, g.gpi), "GPT region " + hex(g.pa)))
            return false;
        m_out << "  GPT: " << hex(g.pa) << "-" << hex(g.pa + g.size - 1) << " " << gpi_name(g.gpi) << "\n";
    }
    m_out << "  GPT at Root PA " << hex(m_root.gpt_base) << ": PPS 40 bits, 4K granules, " << m_root.l0_entries
          << " level-0 entries, " << m_root.l1_tables << " level-1 table(s); everything else Non-secure\n";
    return true;
}

bool soc::bring_up()
{
    char desc[1024];
    // Root firmware first (nothing reaches memory through the SMMU before ACCESSEN), then the
    // Secure firmware, as on a real boot (TF-A programs the Secure interface, which includes
    // S_INIT.INV_ALL, before the Non-secure OS enables its own), the Realm Management Monitor
    // the Realm interface, and the OS the Non-secure one.
    m_out << "Boot: Root firmware programs the GPT, Secure firmware the Secure interface, the RMM the Realm\n"
             "interface, then the OS the Non-secure one\n";
    if (!root_firmware())
        return false;
    if (!check(smmu_drv_init(&m_drv_s, &m_mmio, &m_mem, SMMU_SEC_SECURE), "probe Secure interface"))
        return false;
    // Without a Realm interface (ROOT_IDR0.REALM_IMPL = 0: no Realm devices) the RMM has none to
    // program
    const bool realm = m_root.realm_impl;
    if (realm && !check(smmu_drv_init_at(&m_drv_r, &m_mmio, &m_mem, SMMU_SEC_REALM, k_smmu_root_page),
                        "probe Realm interface"))
        return false;
    if (!check(smmu_drv_init(&m_drv_ns, &m_mmio, &m_mem, SMMU_SEC_NS), "probe Non-secure interface"))
        return false;
    smmu_drv_describe(&m_drv_s, desc, sizeof(desc));
    m_out << "  probe: " << desc;
    smmu_drv_setup_opts o{};
    o.irqs = true;
    // S_INIT.INV_ALL while ROOT_CR0.ACCESSEN and GPCEN are still 0 [IHI 0070 6.3.62]
    if (!check(smmu_drv_secure_inv_all(&m_drv_s), "SMMU_S_INIT.INV_ALL"))
        return false;
    m_out << "  Secure: SMMU_S_INIT.INV_ALL (before the Root firmware lets the SMMU access memory)\n";
    // Root firmware: the GPC on (GPT_BASE, GPT_BASE_CFG, ROOT_TLBI ALL, GPCEN, then ACCESSEN)
    if (!check(smmu_drv_root_enable(&m_root), "enable granule protection checks"))
        return false;
    m_out << "  Root: ROOT_GPT_BASE " << hex(m_root.gpt_base) << ", ROOT_GPT_BASE_CFG, ROOT_TLBI ALL, then "
             "ROOT_CR0.GPCEN and ACCESSEN: granule protection checks on\n";
    if (!check(smmu_drv_setup(&m_drv_s, &o), "set up Secure interface") ||
        (realm && !check(smmu_drv_setup(&m_drv_r, &o), "set up Realm interface")) ||
        !check(smmu_drv_setup(&m_drv_ns, &o), "set up Non-secure interface"))
        return false;
    for (smmu_drv *d : {&m_drv_s, &m_drv_r, &m_drv_ns}) {
        if (d == &m_drv_r && !realm)
            continue;
        const char *name = d == &m_drv_s ? "Secure    " : d == &m_drv_r ? "Realm     " : "Non-secure";
        m_out << "  " << name << " interface: cmdq " << (1u << d->cmdq_log2)
              << " x 16 B at " << hex(d->cmdq_base) << ", eventq " << (1u << d->evtq_log2)
              << " x 32 B at " << hex(d->evtq_base) << ", "
              << (d->strtab_split ? "2-level" : "linear") << " stream table at " << hex(d->strtab_base)
              << " (" << d->strtab_log2 << " SID bits";
        if (d->strtab_split)
            m_out << ", SPLIT " << d->strtab_split;
        m_out << ") in " << pa_space_name(d->pas) << " PA; SMMUEN=1\n";
    }
    return true;
}

bool soc::setup_device(device_rt &d)
{
    const device_desc &dd = *d.desc;
    const bool secure = dd.engine == engine_kind::secure, realm = dd.engine == engine_kind::realm;
    d.drv = secure ? &m_drv_s : realm ? &m_drv_r : &m_drv_ns;
    d.engine = secure ? &dma_s : realm ? &dma_realm : &dma_ns;
    d.engine_base = secure ? k_dma_s_base : realm ? k_dma_realm_base : k_dma_ns_base;
    for (auto &ep : endpoints)
        if (dd.engine == engine_kind::pcie && ep->sid() == dd.sid)
            d.ep = ep.get();
    d.out_pas = d.drv->pas;
    d.has_s1 = dd.mode == translation::s1 || dd.mode == translation::nested;
    d.has_s2 = dd.mode == translation::s2 || dd.mode == translation::nested;
    const std::string who = "device \"" + dd.name + "\"";
    m_out << "\n" << who << ": " << engine_name(dd.engine) << (d.ep ? " endpoint" : " DMA engine") << ", StreamID "
          << hex(dd.sid) << ", " << translation_name(dd.mode);
    if (d.has_s1)
        m_out << ", stage 1 " << dd.granule / 1024 << "K granule ASID " << dd.asid;
    if (d.has_s2)
        m_out << ", stage 2 " << dd.s2_granule / 1024 << "K granule VMID " << dd.vmid;
    m_out << "\n";

    if (d.has_s2) {
        smmu_drv_pgtable_cfg c{};
        c.stage = 2;
        c.granule = dd.s2_granule;
        c.vmid = static_cast<uint16_t>(dd.vmid);
        if (!check(smmu_drv_pgtable_init(d.drv, &d.s2, &c), who + ": stage-2 tables"))
            return false;
        m_out << "  stage-2 tables: root " << hex(d.s2.root) << " (level " << d.s2.start_level << ", "
              << d.s2.root_tables << " table" << (d.s2.root_tables > 1 ? "s concatenated" : "")
              << "), " << d.s2.cfg.ia_bits << "-bit IPA\n";
    }
    if (dd.mode == translation::nested) {
        // The guest's table RAM: 4 MB at IPA 0x70000000, given by the hypervisor at a PA of
        // its choice and mapped at stage 2 like the rest of the guest's memory.
        d.guest.owner = this;
        d.guest.ipa = 0x70000000;
        d.guest.size = 4 << 20;
        d.guest.next = d.guest.ipa;
        if (!alloc(d.guest.size, 1 << 16, SMMU_PAS_NS, &d.guest.pa)) {
            check(SMMU_DRV_E_NOMEM, who + ": guest table RAM");
            return false;
        }
        if (!check(smmu_drv_map(d.drv, &d.s2, d.guest.ipa, d.guest.pa, d.guest.size,
                                SMMU_DRV_PROT_READ | SMMU_DRV_PROT_WRITE),
                   who + ": stage-2 mapping of the guest's table RAM"))
            return false;
        d.guest_ops = d.guest.ops();
        m_out << "  map S2 IPA " << hex(d.guest.ipa) << " -> PA " << hex(d.guest.pa) << " ("
              << bytes_str(d.guest.size) << ", rw-)  guest table RAM (added by the platform)\n";
    }
    for (const mapping &m : dd.mappings) {
        if (m.stage != 2)
            continue;
        if (!check(map_mapping(d.drv, &d.s2, m),
                   who + ": map S2 IPA " + hex(m.iova)))
            return false;
        d.live.push_back(m);
        m_out << "  map S2 IPA " << hex(m.iova) << " -> PA " << hex(m.pa) << " (" << bytes_str(m.size)
              << ", " << perms_str(m.prot) << ")\n";
    }
    if (d.has_s1) {
        const smmu_drv_mem *gm = dd.mode == translation::nested ? &d.guest_ops : nullptr;
        smmu_drv_pgtable_cfg c{};
        c.stage = 1;
        c.granule = dd.granule;
        c.asid = static_cast<uint16_t>(dd.asid);
        c.vmid = dd.mode == translation::nested ? static_cast<uint16_t>(dd.vmid) : 0;
        c.mem = gm;
        c.pas = SMMU_PAS_NS; // the guest's memory (ignored without gm: the driver's)
        c.stall = dd.stall;  // CD.S [IHI 0070 3.12]
        if (!check(smmu_drv_pgtable_init(d.drv, &d.s1, &c), who + ": stage-1 tables"))
            return false;
        // STE.S1CDMax must not exceed IDR1.SSIDSIZE [IHI 0070 5.2]: the SMMU's limit, known
        // only now (the scenario parser checked the rest)
        if (dd.ssid_bits > d.drv->feat.ssid_bits) {
            m_out << "  ERROR: " << who << ": substreams need " << dd.ssid_bits
                  << " SubstreamID bits (S1CDMax), beyond the SMMU's SSIDSIZE " << d.drv->feat.ssid_bits << "\n";
            return false;
        }
        if (!check(smmu_drv_cdtab_init(d.drv, &d.cdt, dd.ssid_bits, gm, SMMU_PAS_NS), who + ": CD table"))
            return false;
        for (const mapping &m : dd.mappings) {
            if (m.stage != 1)
                continue;
            if (m.demand) {
                d.demand.push_back(m);
                m_out << "  demand S1 IOVA " << hex(m.iova) << " -> PA " << hex(m.pa) << " (" << bytes_str(m.size)
                      << ", " << perms_str(m.prot) << "): mapped by the " << (d.ep ? "PRI" : "stall") << " handler\n";
                continue;
            }
            if (!check(map_mapping(d.drv, &d.s1, m),
                       who + ": map IOVA " + hex(m.iova)))
                return false;
            d.live.push_back(m);
            m_out << "  map S1 IOVA " << hex(m.iova) << " -> " << (d.has_s2 ? "IPA " : "PA ") << hex(m.pa)
                  << " (" << bytes_str(m.size) << ", " << perms_str(m.prot) << ")\n";
        }
        if (!check(smmu_drv_cd_write(d.drv, &d.cdt, dd.sid, 0, &d.s1), who + ": CD"))
            return false;
        m_out << "  CD 0 at " << (gm ? "IPA " : "PA ") << hex(d.cdt.base) << ": TTB0 " << hex(d.s1.root)
              << " (level " << d.s1.start_level << " start, " << d.s1.cfg.ia_bits << "-bit VA)"
              << (dd.stall ? ", S=1 (faults stall)" : "") << ", then CMD_CFGI_CD + CMD_SYNC\n";
        if (!setup_substreams(d, gm))
            return false;
    }
    smmu_drv_ste ste{};
    switch (dd.mode) {
    case translation::s1: ste.mode = SMMU_DRV_STE_S1; break;
    case translation::s2: ste.mode = SMMU_DRV_STE_S2; break;
    case translation::nested: ste.mode = SMMU_DRV_STE_NESTED; break;
    case translation::bypass: ste.mode = SMMU_DRV_STE_BYPASS; break;
    case translation::abort: ste.mode = SMMU_DRV_STE_ABORT; break;
    }
    ste.cdtab = d.has_s1 ? &d.cdt : nullptr;
    ste.s2 = d.has_s2 ? &d.s2 : nullptr;
    ste.s1dss = dd.s1dss;
    ste.eats = d.ep ? 1 : 0; // full ATS [IHI 0070 5.2 EATS]
    if (!check(smmu_drv_ste_write(d.drv, dd.sid, &ste), who + ": STE"))
        return false;
    uint64_t addr = 0;
    smmu_drv_ste_addr(d.drv, dd.sid, &addr);
    m_out << "  STE " << hex(dd.sid) << " at " << sec_short(d.drv->bank) << ":" << hex(addr) << " Config="
          << (ste.mode == SMMU_DRV_STE_S1 ? "0b101" : ste.mode == SMMU_DRV_STE_S2 ? "0b110"
              : ste.mode == SMMU_DRV_STE_NESTED ? "0b111" : ste.mode == SMMU_DRV_STE_BYPASS ? "0b100" : "0b000")
          << (dd.substreams.empty() ? "" : std::string(", S1DSS ") + s1dss_name(dd.s1dss))
          << (d.ep ? ", EATS=0b01" : "") << ", then CMD_CFGI_STE + CMD_SYNC\n";
    if (d.ep) {
        // ATS is enabled at the endpoint once the STE allows it [IHI 0070 3.9.2]
        d.ep->set_ats(true);
        m_out << "  ATS enabled at the endpoint (STU 4K, " << d.ep->atc_capacity() << "-entry ATC)\n";
        // PRI too when the SMMU has a PRI queue (IDR0.PRI) [IHI 0070 8]
        if (d.drv->feat.pri && d.drv->priq_ready) {
            d.ep->set_pri(true);
            m_out << "  PRI enabled at the endpoint\n";
        }
    }
    return true;
}

// The CDs of a device's substreams (CD 0 is written by setup_device): one set of stage-1
// tables and one ASID each. gm: the guest's memory for a nested device, else null.
bool soc::setup_substreams(device_rt &d, const smmu_drv_mem *gm)
{
    const device_desc &dd = *d.desc;
    if (dd.substreams.empty())
        return true;
    const std::string who = "device \"" + dd.name + "\"";
    m_out << "  CD table: " << (1u << dd.ssid_bits) << " CDs (S1CDMax " << dd.ssid_bits << "), "
          << (d.cdt.s1fmt ? "2-level with " + std::to_string(1u << d.cdt.leaf_bits) + "-CD leaf tables"
                          : std::string("linear"))
          << "; transactions without a SubstreamID: " << s1dss_name(dd.s1dss) << "\n";
    d.subs.resize(dd.substreams.size());
    for (size_t i = 0; i < dd.substreams.size(); i++) {
        const substream &sub = dd.substreams[i];
        device_rt::sub_rt &r = d.subs[i];
        r.desc = &sub;
        const std::string what = who + " SSID " + std::to_string(sub.ssid);
        smmu_drv_pgtable_cfg c = d.s1.cfg;   // CD 0's granule, VMID and PA space
        c.asid = static_cast<uint16_t>(sub.asid);
        c.mem = gm;                          // (the driver keeps its own copy, cfg.mem is NULL)
        if (!check(smmu_drv_pgtable_init(d.drv, &r.s1, &c), what + ": stage-1 tables"))
            return false;
        for (const mapping &m : sub.mappings) {
            if (!check(map_mapping(d.drv, &r.s1, m), what + ": map IOVA " + hex(m.iova)))
                return false;
            r.live.push_back(m);
            m_out << "  SSID " << sub.ssid << ": map S1 IOVA " << hex(m.iova) << " -> " << (d.has_s2 ? "IPA " : "PA ")
                  << hex(m.pa) << " (" << bytes_str(m.size) << ", " << perms_str(m.prot) << ")\n";
        }
        if (!check(smmu_drv_cd_write(d.drv, &d.cdt, dd.sid, sub.ssid, &r.s1), what + ": CD"))
            return false;
        uint64_t addr = 0;
        smmu_drv_cd_addr(&d.cdt, sub.ssid, &addr);
        m_out << "  CD " << sub.ssid << " at " << (gm ? "IPA " : "PA ") << hex(addr) << ": ASID " << sub.asid
              << ", TTB0 " << hex(r.s1.root) << ", then CMD_CFGI_CD + CMD_SYNC\n";
    }
    return true;
}

bool soc::resolve(const device_rt &d, const step &s, uint64_t iova, uint64_t *pa, smmu_pa_space *pas) const
{
    const device_desc &dd = *d.desc;
    if (pas)
        *pas = d.out_pas;
    if (dd.mode == translation::bypass || d.bypassed) {
        *pa = iova;
        return true;
    }
    if (dd.mode == translation::abort)
        return false;
    // The CD that stage 1 uses [IHI 0070 5.2 S1CDMax, S1DSS]: none is "skip stage 1" (S1DSS
    // bypass); a refused transaction (terminate, SSID beyond the table or of no substream,
    // SSID 0 with S1DSS ssid0) reaches nothing.
    const std::vector<mapping> *s1 = &d.live;
    bool skip_s1 = !d.has_s1;
    if (!dd.substreams.empty()) {
        if (!s.ssv) {
            if (dd.s1dss == SMMU_DRV_S1DSS_TERMINATE)
                return false;
            skip_s1 = dd.s1dss == SMMU_DRV_S1DSS_BYPASS;
        } else if (s.ssid == 0) {
            if (dd.s1dss == SMMU_DRV_S1DSS_SSID0)
                return false;
        } else {
            const device_rt::sub_rt *r = d.sub(s.ssid);
            if (!r)
                return false;
            s1 = &r->live;
        }
    }
    auto through = [&](const std::vector<mapping> &live, unsigned stage, uint64_t in, uint64_t *out) {
        for (const mapping &m : live)
            if (m.stage == stage && in >= m.iova && in - m.iova < m.size) {
                *out = m.pa + (in - m.iova);
                if (pas && (m.prot & SMMU_DRV_PROT_NS))
                    *pas = SMMU_PAS_NS; // Realm stage 2, descriptor NS = 1
                return true;
            }
        return false;
    };
    uint64_t a = iova;
    // A demand mapping is where the data will be once the stall handler maps it
    if (!skip_s1 && !through(*s1, 1, a, &a) && !through(d.demand, 1, a, &a))
        return false;
    if (d.has_s2 && !through(d.live, 2, a, &a))
        return false;
    *pa = a;
    return true;
}

void soc::fill_pattern(uint64_t pa, smmu_pa_space pas, uint64_t size, uint32_t seed)
{
    std::vector<uint8_t> chunk(256);
    for (uint64_t off = 0; off < size; off += chunk.size()) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(chunk.size(), size - off));
        for (size_t i = 0; i < n; i++)
            chunk[i] = pattern_byte(seed, off + i);
        bus_access(tlm::TLM_WRITE_COMMAND, pa + off, pas, chunk.data(), n);
    }
}

// Read and clear ROOT_GPF_FAR and ROOT_GPT_CFG_FAR (one fault each is recorded until cleared).
void soc::report_gpc_faults(std::vector<std::string> *out)
{
    for (bool cfg : {false, true}) {
        smmu_drv_gpc_fault f;
        if (!check(smmu_drv_root_far_pop(&m_root, cfg, &f), cfg ? "GPT_CFG_FAR" : "GPF_FAR") || !f.fault)
            continue;
        char b[200];
        smmu_drv_gpc_fault_format(&f, b, sizeof(b));
        out->push_back(b);
        m_gpfs++;
    }
}

void soc::drain_events(smmu_drv &drv, std::vector<smmu_drv_event> *out)
{
    for (;;) {
        smmu_drv_event ev;
        bool ovf = false;
        int r = smmu_drv_event_pop(&drv, &ev, &ovf);
        if (ovf)
            m_out << "      event queue overflowed (acknowledged)\n";
        if (r <= 0) {
            if (r < 0)
                check(static_cast<smmu_drv_err>(r), "event queue");
            return;
        }
        out->push_back(ev);
    }
}

// The firmware's stall handler [IHI 0070 3.12.2, 4.7.1]: a stall record (Stall = 1) whose
// InputAddr is in a demand mapping not made yet gets the mapping and CMD_RESUME(Retry), as a
// demand-paging driver does; any other stall CMD_RESUME(Abort). Returns true for a retry.
bool soc::handle_stall(device_rt &d, const smmu_drv_event &ev)
{
    const std::string who = "device \"" + d.desc->name + "\"";
    m_out << "      stall handler: " << ev.name << " StreamID " << hex(ev.sid) << " STAG " << hex(ev.stag)
          << " at IOVA " << hex(ev.input_addr) << ": ";
    for (auto it = d.demand.begin(); it != d.demand.end(); ++it) {
        if (ev.input_addr < it->iova || ev.input_addr - it->iova >= it->size)
            continue;
        const mapping m = *it;
        m_out << "map S1 IOVA " << hex(m.iova) << " -> PA " << hex(m.pa) << " (" << bytes_str(m.size) << ", "
              << perms_str(m.prot) << "), CMD_RESUME(Retry) + CMD_SYNC\n";
        d.demand.erase(it);
        if (!check(smmu_drv_map(d.drv, &d.s1, m.iova, m.pa, m.size, m.prot), who + ": map IOVA " + hex(m.iova)))
            return false;
        d.live.push_back(m);
        return check(smmu_drv_resume(d.drv, ev.sid, ev.stag, SMMU_DRV_RESUME_RETRY), who + ": CMD_RESUME");
    }
    m_out << "no demand mapping there, CMD_RESUME(Abort) + CMD_SYNC\n";
    check(smmu_drv_resume(d.drv, ev.sid, ev.stag, SMMU_DRV_RESUME_ABORT), who + ": CMD_RESUME");
    return false;
}

// The firmware's PRI handler [IHI 0070 8, 4.5.2]: each Page Request on the PRI queue whose
// page is in a demand mapping not made yet gets the mapping and a Success PRG response; any
// other page an Invalid Request response (the page cannot be made present).
void soc::handle_page_requests(device_rt &d)
{
    const std::string who = "device \"" + d.desc->name + "\"";
    smmu_drv_pri_request req;
    int r;
    while ((r = smmu_drv_pri_pop(d.drv, &req, nullptr)) == 1) {
        char b[160];
        smmu_drv_pri_format(&req, b, sizeof(b));
        m_out << "      PRI handler: " << b << ": ";
        if (req.stop || !req.last) {
            m_out << "no response (not the last request of its group)\n";
            continue;
        }
        auto it = d.demand.begin();
        while (it != d.demand.end() && (req.addr < it->iova || req.addr - it->iova >= it->size))
            ++it;
        if (it == d.demand.end()) {
            m_out << "no demand mapping there, CMD_PRI_RESP(InvalidRequest) + CMD_SYNC\n";
            check(smmu_drv_pri_respond(d.drv, &req, SMMU_DRV_PRI_INVALID), who + ": CMD_PRI_RESP");
            continue;
        }
        const mapping m = *it;
        m_out << "map S1 IOVA " << hex(m.iova) << " -> PA " << hex(m.pa) << " (" << bytes_str(m.size) << ", "
              << perms_str(m.prot) << "), CMD_PRI_RESP(Success) + CMD_SYNC\n";
        d.demand.erase(it);
        if (!check(smmu_drv_map(d.drv, &d.s1, m.iova, m.pa, m.size, m.prot), who + ": map IOVA " + hex(m.iova)))
            return;
        d.live.push_back(m);
        check(smmu_drv_pri_respond(d.drv, &req, SMMU_DRV_PRI_SUCCESS), who + ": CMD_PRI_RESP");
    }
    if (r < 0)
        check(static_cast<smmu_drv_err>(r), "PRI queue");
}

// What one DMA step did, as the engine's registers report it: STATUS, the bytes done, the
// checksum of the bytes read (FNV-1a) and the device address of a failing access.
struct soc::xfer {
    uint32_t status = 0;
    uint64_t done = 0, fault_addr = 0;
    uint32_t checksum = 0;
    std::vector<smmu_drv_event> evs; // events already read (stall records answered meanwhile)
    unsigned retried = 0;            // stalls resumed with Retry
};

// A step on a DMA engine: program its registers, start it, wait for its interrupt.
void soc::run_engine(const step &s, device_rt &d, xfer *x)
{
    const device_desc &dd = *d.desc;
    auto reg = [&](uint64_t off, uint64_t v, unsigned size) {
        bus_access(tlm::TLM_WRITE_COMMAND, d.engine_base + off, d.out_pas, &v, size);
    };
    // SEC_SID of the engine's traffic: set by a register write from its own world
    const uint32_t attr = (static_cast<uint32_t>(d.drv->bank) << dma_device::ATTR_SEC_SHIFT) |
                          (s.ssv ? dma_device::ATTR_SSV : 0) | (s.privileged ? dma_device::ATTR_PRIV : 0) |
                          (s.instruction ? dma_device::ATTR_INSTR : 0);
    reg(dma_device::SRC, s.src, 8);
    reg(dma_device::DST, s.dst, 8);
    reg(dma_device::SIZE, s.size, 4);
    reg(dma_device::SID, dd.sid, 4);
    reg(dma_device::SSID, s.ssid, 4);
    reg(dma_device::ATTR, attr, 4);
    reg(dma_device::OP, s.kind == step_kind::read ? dma_device::OP_READ
                        : s.kind == step_kind::write ? dma_device::OP_WRITE : dma_device::OP_COPY, 4);
    reg(dma_device::PATTERN, s.pattern, 4);
    reg(dma_device::CTRL, dma_device::CTRL_START | dma_device::CTRL_IRQ_EN, 4);
    sc_signal<bool> &irq = d.engine == &dma_s ? irq_s : d.engine == &dma_realm ? irq_realm : irq_ns;
    // A stalling device's stall records are answered while it waits
    std::vector<smmu_drv_event> &evs = x->evs;
    if (!dd.stall) {
        if (!irq.read())
            wait(sc_time(10, SC_MS), irq.posedge_event());
    } else {
        const sc_time deadline = sc_time_stamp() + sc_time(10, SC_MS);
        while (!irq.read() && sc_time_stamp() < deadline) {
            wait(sc_time(1, SC_US), irq.posedge_event());
            const size_t first = evs.size();
            drain_events(*d.drv, &evs);
            for (size_t i = first; i < evs.size(); i++)
                if (evs[i].stall && evs[i].sid == dd.sid && handle_stall(d, evs[i]))
                    x->retried++;
        }
    }
    auto rd = [&](uint64_t off, unsigned size) {
        uint64_t v = 0;
        bus_access(tlm::TLM_READ_COMMAND, d.engine_base + off, d.out_pas, &v, size);
        return v;
    };
    x->status = static_cast<uint32_t>(rd(dma_device::STATUS, 4));
    x->done = rd(dma_device::BYTES_DONE, 4);
    x->checksum = static_cast<uint32_t>(rd(dma_device::CHECKSUM, 4));
    x->fault_addr = rd(dma_device::FAULT_ADDR, 8);
    reg(dma_device::STATUS, dma_device::STATUS_DONE, 4);
}

// A step on a PCIe endpoint: the same transfer through its ATC (reads, then writes for a
// copy), reported as the engine's registers would.
void soc::run_endpoint(const step &s, device_rt &d, xfer *x)
{
    std::vector<uint8_t> buf(s.size);
    unsigned done = 0;
    tlm::tlm_response_status r = tlm::TLM_OK_RESPONSE;
    x->checksum = 2166136261u;
    // With PRI the endpoint waits for PRG responses: it runs in its own process while the
    // firmware services the PRI queue, as an interrupt handler would
    auto ep_dma = [&](tlm::tlm_command cmd, uint64_t addr) {
        if (!d.ep->pri_enabled())
            return d.ep->dma(cmd, addr, buf.data(), static_cast<unsigned>(s.size), s.ssv, s.ssid, s.privileged,
                             &done);
        tlm::tlm_response_status res = tlm::TLM_INCOMPLETE_RESPONSE;
        sc_event finished;
        sc_spawn([&] {
            res = d.ep->dma(cmd, addr, buf.data(), static_cast<unsigned>(s.size), s.ssv, s.ssid, s.privileged,
                            &done);
            finished.notify(SC_ZERO_TIME);
        });
        const sc_time deadline = sc_time_stamp() + sc_time(10, SC_MS);
        while (res == tlm::TLM_INCOMPLETE_RESPONSE && sc_time_stamp() < deadline) {
            wait(sc_time(1, SC_US), finished);
            handle_page_requests(d);
        }
        return res;
    };
    if (s.kind != step_kind::write) {
        r = ep_dma(tlm::TLM_READ_COMMAND, s.src);
        for (unsigned i = 0; i < done; i++)
            x->checksum = (x->checksum ^ buf[i]) * 16777619u;
        if (r != tlm::TLM_OK_RESPONSE)
            x->fault_addr = s.src + done;
    } else {
        for (uint64_t i = 0; i < s.size; i++)
            buf[i] = static_cast<uint8_t>(s.pattern >> (8 * ((s.dst + i) & 3)));
    }
    if (r == tlm::TLM_OK_RESPONSE && s.kind != step_kind::read) {
        r = ep_dma(tlm::TLM_WRITE_COMMAND, s.dst);
        if (r != tlm::TLM_OK_RESPONSE)
            x->fault_addr = s.dst + done;
    }
    x->done = done;
    x->status = dma_device::STATUS_DONE |
                static_cast<uint32_t>(static_cast<uint8_t>(static_cast<int8_t>(r))) << dma_device::STATUS_RESP_SHIFT |
                (r != tlm::TLM_OK_RESPONSE ? dma_device::STATUS_ERROR : 0);
}

bool soc::run_dma(size_t index, const step &s, device_rt &d)
{
    const device_desc &dd = *d.desc;
    const uint32_t seed = static_cast<uint32_t>(index + 1);
    // Source data: written by the CPU where the device will read it
    uint64_t src_pa = 0, dst_pa = 0;
    smmu_pa_space src_pas = d.out_pas, dst_pas = d.out_pas;
    const bool src_known = s.kind != step_kind::write && resolve(d, s, s.src, &src_pa, &src_pas) &&
                           resolve(d, s, s.src + s.size - 1, &dst_pa);
    if (src_known)
        fill_pattern(src_pa, src_pas, s.size, seed);

    m_out << "  [" << index + 1 << "] " << dd.name << (s.ssv ? " SSID " + std::to_string(s.ssid) : "") << ": "
          << step_name(s.kind) << " " << bytes_str(s.size);
    if (s.kind != step_kind::write)
        m_out << " from IOVA " << hex(s.src);
    if (s.kind != step_kind::read)
        m_out << " to IOVA " << hex(s.dst);
    if (!s.note.empty())
        m_out << "  (" << s.note << ")";
    m_out << "\n";

    xfer x;
    if (d.ep)
        run_endpoint(s, d, &x);
    else
        run_engine(s, d, &x);
    const uint32_t status = x.status, checksum = x.checksum;
    const uint64_t done = x.done, fault_addr = x.fault_addr;
    // Events of this step
    std::vector<smmu_drv_event> evs = std::move(x.evs);
    const unsigned retried = x.retried;

    bool pass = true;
    std::string why;
    if (!(status & dma_device::STATUS_DONE)) {
        m_out << "      the engine did not complete within 10 ms\n";
        m_failures++;
        return false;
    }
    const bool ok = !(status & dma_device::STATUS_ERROR);
    if (ok) {
        d.dma_ok++;
        d.bytes += done;
        m_out << "      done: " << done << " bytes, response OK";
    } else {
        d.dma_faulted++;
        m_out << "      failed after " << done << " bytes: TLM_" << resp_name(dma_device::status_resp(status))
              << "_RESPONSE at IOVA " << hex(fault_addr);
    }
    drain_events(m_drv_s, &evs);
    if (m_root.realm_impl)
        drain_events(m_drv_r, &evs);
    drain_events(m_drv_ns, &evs);
    // Granule protection faults of this step (client output: an abort, no event [3.25.3])
    std::vector<std::string> gpfs;
    report_gpc_faults(&gpfs);
    bool seen = false;
    for (const auto &ev : evs) {
        char b[320];
        smmu_drv_event_format(&ev, b, sizeof(b));
        d.events.push_back(b);
        if (ev.sid == dd.sid && s.expect_event == ev.name)
            seen = true;
    }
    if (ok != s.expect_ok) {
        pass = false;
        why = s.expect_ok ? "expected success" : "expected a fault";
    } else if (!s.expect_event.empty() && !seen) {
        pass = false;
        why = "expected event " + s.expect_event + " was not reported";
    } else if (s.expect_ok && evs.size() > retried) { // a stall resumed with Retry is expected
        pass = false;
        why = "unexpected event";
    } else if (s.expect_gpf != !gpfs.empty()) {
        pass = false;
        why = s.expect_gpf ? "expected a granule protection fault (GPF_FAR)" : "unexpected granule protection fault";
    }
    // Data check
    if (ok && pass) {
        std::vector<uint8_t> got(s.size), want(s.size);
        for (uint64_t i = 0; i < s.size; i++)
            want[i] = s.kind == step_kind::write ? static_cast<uint8_t>(s.pattern >> (8 * ((s.dst + i) & 3)))
                                                 : pattern_byte(seed, i);
        if (s.kind == step_kind::read) {
            if (src_known && fnv1a(want) != checksum) {
                pass = false;
                why = "checksum of the data read differs";
            } else {
                m_out << "; checksum matches";
            }
        } else if (resolve(d, s, s.dst, &dst_pa, &dst_pas)) {
            for (uint64_t off = 0; off < s.size; off += 256) {
                uint64_t pa;
                smmu_pa_space pas;
                resolve(d, s, s.dst + off, &pa, &pas);
                const size_t n = static_cast<size_t>(std::min<uint64_t>(256, s.size - off));
                bus_access(tlm::TLM_READ_COMMAND, pa, pas, got.data() + off, n);
            }
            if (got != want) {
                pass = false;
                why = "destination data differs from what was expected";
            } else {
                m_out << "; data verified at " << pa_space_name(dst_pas) << " PA " << hex(dst_pa);
            }
        }
    }
    m_out << "\n";
    for (const auto &ev : evs) {
        char b[320];
        smmu_drv_event_format(&ev, b, sizeof(b));
        m_out << "      event: " << b << "\n";
    }
    for (const auto &g : gpfs) {
        m_out << "      GPC: " << g << "\n";
        d.events.push_back(g);
    }
    m_out << "      " << (pass ? "PASS" : "FAIL: " + why) << (pass && !s.expect_ok ? " (fault expected)" : "")
          << "\n";
    return pass;
}

bool soc::run_step(size_t index, const step &s)
{
    device_rt *d = nullptr;
    for (auto &dev : m_devices)
        if (dev->desc->name == s.device)
            d = dev.get();
    if (!d)
        return false;
    if (is_dma(s.kind))
        return run_dma(index, s, *d);
    if (s.kind != step_kind::unmap)
        return run_driver_op(index, s, *d);
    m_out << "  [" << index + 1 << "] " << d->desc->name << (s.ssv ? " SSID " + std::to_string(s.ssid) : "")
          << ": unmap S" << s.stage << " " << bytes_str(s.size)
          << " at " << (s.stage == 2 ? "IPA " : "IOVA ") << hex(s.src);
    if (!s.note.empty())
        m_out << "  (" << s.note << ")";
    m_out << "\n";
    if ((s.stage == 1 && !d->has_s1) || (s.stage == 2 && !d->has_s2)) {
        m_out << "      FAIL: the device has no stage " << s.stage << "\n";
        return false;
    }
    // The tables it changes: stage 2, CD 0's stage 1, or a substream's
    smmu_drv_pgtable *pt = s.stage == 1 ? &d->s1 : &d->s2;
    std::vector<mapping> *live = &d->live;
    if (s.ssv && s.ssid != 0) {
        device_rt::sub_rt *r = d->sub(s.ssid);
        if (!r) {
            m_out << "      FAIL: the device has no substream " << s.ssid << "\n";
            return false;
        }
        pt = &r->s1;
        live = &r->live;
    }
    const uint64_t before = d->drv->commands_issued;
    // An ATS stream: the SMMU's TLB, then the endpoint's ATC, each completed by a CMD_SYNC
    // [IHI 0070 4.5.1]
    smmu_drv_err e = d->ep ? smmu_drv_unmap_ats(d->drv, pt, s.src, s.size, d->desc->sid, s.ssv, s.ssid)
                           : smmu_drv_unmap(d->drv, pt, s.src, s.size);
    const bool ok = e == SMMU_DRV_OK;
    if (ok) {
        d->unmaps++;
        // Forget the unmapped part (for the platform's own IOVA -> PA bookkeeping)
        std::vector<mapping> keep;
        for (const mapping &m : *live) {
            if (m.stage != s.stage || m.iova + m.size <= s.src || m.iova >= s.src + s.size) {
                keep.push_back(m);
                continue;
            }
            if (m.iova < s.src)
                keep.push_back(mapping{m.stage, m.iova, m.pa, s.src - m.iova, m.prot, m.where});
            if (m.iova + m.size > s.src + s.size) {
                const uint64_t cut = s.src + s.size - m.iova;
                keep.push_back(mapping{m.stage, m.iova + cut, m.pa + cut, m.size - cut, m.prot, m.where});
            }
        }
        *live = keep;
    }
    m_out << "      " << (ok ? "done" : smmu_drv_strerror(e)) << ": " << d->drv->commands_issued - before
          << (d->ep ? " commands (TLB invalidation, CMD_SYNC, ATC invalidation, CMD_SYNC)\n"
                    : " commands (TLB invalidation and CMD_SYNC)\n");
    const bool pass = ok == s.expect_ok;
    m_out << "      " << (pass ? "PASS" : "FAIL") << "\n";
    return pass;
}

void soc::summary()
{
    m_out << "\n== Summary ==\n";
    for (const auto &dp : m_devices) {
        const device_rt &d = *dp;
        m_out << "  " << d.desc->name << " (" << engine_name(d.desc->engine) << " SID " << hex(d.desc->sid) << ", " << translation_name(d.desc->mode) << "): " << d.dma_ok
              << " DMA ok (" << bytes_str(d.bytes) << "), " << d.dma_faulted << " faulted, " << d.unmaps
              << " unmap(s), " << d.events.size() << " event(s)/GPF(s)";
        if (d.has_s1)
            m_out << "; S1 " << bytes_str(d.s1.mapped_bytes) << " mapped in " << d.s1.tables << " table(s)";
        for (const auto &r : d.subs)
            m_out << "; SSID " << r.desc->ssid << " S1 " << bytes_str(r.s1.mapped_bytes) << " in "
                  << r.s1.tables << " table(s)";
        if (d.has_s2)
            m_out << "; S2 " << bytes_str(d.s2.mapped_bytes) << " mapped in " << d.s2.tables << " table(s)";
        m_out << "\n";
        if (d.ep) {
            const pcie_endpoint::counters &e = d.ep->stats();
            m_out << "    ATC: " << e.requests << " translation request(s), " << e.atc_hits << " hit(s), "
                  << e.atc_misses << " miss(es), " << e.translated << " translated access(es), "
                  << e.invalidations << " invalidation(s) dropping " << e.entries_invalidated << " entr"
                  << (e.entries_invalidated == 1 ? "y" : "ies") << "\n";
        }
    }
    const smmu_tlm_stats st = smmu.stats();
    const smmu_stats &c = st.core;
    m_out << "  SMMU: " << c.translations << " translations (TLB " << c.tlb_hits << " hits / " << c.tlb_misses
          << " misses; config cache " << c.cfg_hits << " / " << c.cfg_misses << "), " << c.walks << " walks, "
          << c.table_fetches << " table fetches\n";
    m_out << "  SMMU commands: " << c.commands << " (";
    const char *sep = "";
    for (const auto &[name, n] : st.commands_by_name()) {
        m_out << sep << name << " " << n;
        sep = ", ";
    }
    m_out << ")";
    m_out << "\n  SMMU events: " << c.events_recorded << " recorded, " << c.events_dropped << " dropped";
    for (const auto &[name, n] : st.events_by_name())
        m_out << ", " << name << " " << n;
    m_out << "\n  GPC: " << m_gpfs << " granule protection fault(s) recorded in ROOT_GPF_FAR / ROOT_GPT_CFG_FAR"
          << "; GPT " << m_root.l1_tables << " level-1 table(s) at Root PA " << hex(m_root.gpt_base);
    m_out << "\n  Bus: " << st.upstream_transactions << " device transactions (" << st.error_responses
          << " error responses), " << st.register_accesses << " SMMU register accesses; memory "
          << memory.reads << " reads / " << memory.writes << " writes; simulated time "
          << sc_time_stamp().to_string() << "\n";
    pmcg_summary();
    if (m_opt.check) {
        smmu_bringup_stats b{};
        b.struct_size = sizeof(b);
        smmu_get_bringup_stats(smmu.core_handle(), &b);
        uint64_t n = 0;
        std::string per;
        for (unsigned r = 0; r < SMMU_CHECK_RULES; r++) {
            n += b.findings[r];
            per += std::string(r ? ", " : "") + smmu_check_rule_name(static_cast<smmu_check_rule>(r)) + " " +
                   std::to_string(b.findings[r]);
        }
        const bool as_expected = n == m_sc.expect_findings;
        m_out << "  Checker: " << n << " finding(s) (" << per << "); expected " << m_sc.expect_findings << ": "
              << (as_expected ? "PASS" : "FAIL") << "\n";
        if (!as_expected)
            m_failures++;
    }
}

// ---- performance monitors (docs/pmcg.md) ----

namespace {
// What the firmware counts in each PMCG, counter c counting k_pmcg_events[c] [IHI 0070 10.3]
constexpr unsigned k_pmcg_events[] = {1, 2, 3, 4};
const char *const k_pmcg_event_names[] = {"transactions", "TLB misses", "config-cache misses",
                                          "walk accesses"};
constexpr uint32_t k_pmcg_filter_span = 1u << 29; // PMCG_EVTYPERn.FILTER_SID_SPAN [10.5.2.3]

// Where group g's register at offset off is on the CPU's bus (docs/platform.md)
uint64_t pmcg_reg(unsigned g, uint64_t off)
{
    return k_pmcg_base + g * k_pmcg_frame + off;
}
} // namespace

// The events of k_pmcg_events group g counts (its CEID0 [10.5.2.16]), as a mask of their
// counter numbers.
uint64_t soc::pmcg_counted(unsigned g)
{
    uint64_t ceid0 = 0, mask = 0;
    bus_access(tlm::TLM_READ_COMMAND, pmcg_reg(g, SMMU_PMCG_CEID0), SMMU_PAS_NS, &ceid0, 8);
    const unsigned n = std::min<unsigned>(smmu.config().core.pmcg_counters, std::size(k_pmcg_events));
    for (unsigned i = 0; i < n; i++)
        if ((ceid0 >> k_pmcg_events[i]) & 1)
            mask |= uint64_t(1) << i;
    return mask;
}

// Each PMCG counts events 1-4 (those it implements) of every Non-secure StreamID, programmed
// as Linux's arm_smmuv3_pmu does for `perf stat` (EVTYPER with FILTER_SID_SPAN and SMR all
// ones, CNTENSET0, then CR.E; no PMCG_SCR.SO, so no Secure stream [10.4]).
void soc::start_pmcg()
{
    const smmu_config &c = smmu.config().core;
    for (unsigned g = 0; g < c.pmcg_groups; g++) {
        uint64_t enable = pmcg_counted(g);
        for (unsigned i = 0; i < std::size(k_pmcg_events); i++) {
            if (!((enable >> i) & 1))
                continue;
            uint32_t evtyper = k_pmcg_filter_span | k_pmcg_events[i], smr = 0xFFFFFFFF;
            bus_access(tlm::TLM_WRITE_COMMAND, pmcg_reg(g, SMMU_PMCG_EVTYPER + 4 * i), SMMU_PAS_NS, &evtyper, 4);
            bus_access(tlm::TLM_WRITE_COMMAND, pmcg_reg(g, SMMU_PMCG_SMR + 4 * i), SMMU_PAS_NS, &smr, 4);
        }
        uint32_t cr = 1;
        bus_access(tlm::TLM_WRITE_COMMAND, pmcg_reg(g, SMMU_PMCG_CNTENSET0), SMMU_PAS_NS, &enable, 8);
        bus_access(tlm::TLM_WRITE_COMMAND, pmcg_reg(g, SMMU_PMCG_CR), SMMU_PAS_NS, &cr, 4);
    }
    if (c.pmcg_groups)
        m_out << "PMCG: " << c.pmcg_groups << " group(s)" << (c.pmcg_per_tbu ? " (one per TBU, then the TCU's)" : "")
              << " count events 1-4 of every Non-secure StreamID, those each implements\n";
}

// The counters, read as perf reads them.
void soc::pmcg_summary()
{
    const smmu_config &c = smmu.config().core;
    const unsigned stride = c.pmcg_counter_bits > 32 ? 8 : 4;
    for (unsigned g = 0; g < c.pmcg_groups; g++) {
        m_out << "  PMCG " << g;
        if (c.pmcg_per_tbu)
            m_out << (g == c.tbus ? " (TCU)" : " (TBU " + std::to_string(g) + ")");
        m_out << ":";
        const char *sep = " ";
        const uint64_t counted = pmcg_counted(g);
        for (unsigned i = 0; i < std::size(k_pmcg_events); i++) {
            if (!((counted >> i) & 1))
                continue;
            uint64_t v = 0;
            bus_access(tlm::TLM_READ_COMMAND, pmcg_reg(g, SMMU_PMCG_PAGE1_OFFSET + SMMU_PMCG_EVCNTR + stride * i),
                       SMMU_PAS_NS, &v, stride);
            m_out << sep << k_pmcg_event_names[i] << " " << v;
            sep = ", ";
        }
        m_out << "\n";
    }
}

// The level-3 descriptor of a stage-1 IOVA in 4 KB tables (a software walk of the driver's
// tables through the CPU's bus). False if a level is not a table.
bool soc::leaf_addr(const device_rt &d, uint64_t iova, uint64_t *addr)
{
    uint64_t table = d.s1.root;
    for (int level = d.s1.start_level; level <= 3; level++) {
        const uint64_t a = table + ((iova >> (12 + 9 * (3 - level))) & 511) * 8;
        if (level == 3) {
            *addr = a;
            return true;
        }
        uint64_t desc = 0;
        if (!bus_access(tlm::TLM_READ_COMMAND, a, SMMU_PAS_NS, &desc, 8) ||
            (desc & 3) != 3)
            return false;
        table = desc & 0x0000FFFFFFFFF000ull;
    }
    return false;
}

// The driver operations of the bring-up checker's scenarios: remap, tlbi and ste, each done
// right or with its planted bug (scenario.h).
bool soc::run_driver_op(size_t index, const step &s, device_rt &d)
{
    smmu_drv *drv = d.drv;
    const uint16_t vmid = d.s1.cfg.vmid, asid = d.s1.cfg.asid;
    m_out << "  [" << index + 1 << "] " << d.desc->name << ": " << step_name(s.kind);
    if (s.kind == step_kind::ste)
        m_out << " -> bypass (" << (s.unsafe ? "unsafe order" : "safe: V=0 first") << ")";
    else
        m_out << " " << bytes_str(s.size) << " at IOVA " << hex(s.src);
    if (s.kind == step_kind::remap)
        m_out << " -> PA " << hex(s.dst) << (s.bbm ? " (break-before-make)" : " (in place)");
    if (s.kind == step_kind::tlbi && !s.sync)
        m_out << " (no CMD_SYNC)";
    if (!s.note.empty())
        m_out << "  (" << s.note << ")";
    m_out << "\n";
    const uint64_t before = drv->commands_issued;
    smmu_drv_err e = SMMU_DRV_OK;
    uint64_t c[2];
    if (s.kind == step_kind::tlbi) {
        for (uint64_t a = s.src; e == SMMU_DRV_OK && a < s.src + s.size; a += 0x1000) {
            smmu_drv_cmd_tlbi_nh_va(c, vmid, asid, a, true);
            e = smmu_drv_cmd_submit(drv, c);
        }
        if (e == SMMU_DRV_OK && s.sync)
            e = smmu_drv_cmd_sync(drv);
    } else if (s.kind == step_kind::remap) {
        unsigned prot = 0;
        for (const mapping &m : d.live)
            if (m.stage == 1 && s.src >= m.iova && s.src + s.size <= m.iova + m.size)
                prot = m.prot;
        if (s.bbm) {
            e = smmu_drv_unmap(drv, &d.s1, s.src, s.size); // invalid, TLBI, CMD_SYNC
            if (e == SMMU_DRV_OK)
                e = smmu_drv_map(drv, &d.s1, s.src, s.dst, s.size, prot);
        } else {
            // The bug: each valid leaf gets its new output address in place [3.21.1.1]
            for (uint64_t off = 0; e == SMMU_DRV_OK && off < s.size; off += 0x1000) {
                uint64_t a = 0, desc = 0;
                if (!leaf_addr(d, s.src + off, &a) ||
                    !bus_access(tlm::TLM_READ_COMMAND, a, SMMU_PAS_NS, &desc, 8) || !(desc & 1)) {
                    e = SMMU_DRV_E_NOT_MAPPED;
                    break;
                }
                desc = (desc & ~0x0000FFFFFFFFF000ull) | (s.dst + off);
                if (!bus_access(tlm::TLM_WRITE_COMMAND, a, SMMU_PAS_NS, &desc, 8))
                    e = SMMU_DRV_E_IO;
                smmu_drv_cmd_tlbi_nh_va(c, vmid, asid, s.src + off, true);
                if (e == SMMU_DRV_OK)
                    e = smmu_drv_cmd_submit(drv, c);
            }
            if (e == SMMU_DRV_OK)
                e = smmu_drv_cmd_sync(drv);
        }
        if (e == SMMU_DRV_OK) { // the platform's own IOVA -> PA bookkeeping
            std::vector<mapping> keep;
            for (const mapping &m : d.live) {
                if (m.stage != 1 || m.iova + m.size <= s.src || m.iova >= s.src + s.size) {
                    keep.push_back(m);
                    continue;
                }
                if (m.iova < s.src)
                    keep.push_back(mapping{1, m.iova, m.pa, s.src - m.iova, m.prot, m.where});
                if (m.iova + m.size > s.src + s.size) {
                    const uint64_t cut = s.src + s.size - m.iova;
                    keep.push_back(mapping{1, m.iova + cut, m.pa + cut, m.size - cut, m.prot, m.where});
                }
            }
            keep.push_back(mapping{1, s.src, s.dst, s.size, prot, s.where});
            d.live = keep;
        }
    } else { // ste: to bypass
        smmu_drv_ste cfg{};
        cfg.mode = SMMU_DRV_STE_BYPASS;
        if (!s.unsafe) {
            e = smmu_drv_ste_write(drv, d.desc->sid, &cfg);
        } else {
            // The bug: the words of the new STE over the valid one, word 0 first, then one
            // CMD_CFGI_STE + CMD_SYNC: the SMMU may read a mix of old and new words [3.21.3]
            uint64_t w[8], a = 0;
            e = smmu_drv_ste_encode(drv, &cfg, w);
            if (e == SMMU_DRV_OK)
                e = smmu_drv_ste_addr(drv, d.desc->sid, &a);
            for (unsigned i = 0; e == SMMU_DRV_OK && i < 8; i++)
                if (!bus_access(tlm::TLM_WRITE_COMMAND, a + 8 * i, SMMU_PAS_NS, &w[i], 8))
                    e = SMMU_DRV_E_IO;
            if (e == SMMU_DRV_OK) {
                smmu_drv_cmd_cfgi_ste(drv, c, d.desc->sid, true);
                e = smmu_drv_cmd_submit(drv, c);
            }
            if (e == SMMU_DRV_OK)
                e = smmu_drv_cmd_sync(drv);
        }
        if (e == SMMU_DRV_OK)
            d.bypassed = true;
    }
    m_out << "      " << (e == SMMU_DRV_OK ? "done" : smmu_drv_strerror(e)) << ": "
          << drv->commands_issued - before << " command(s)\n";
    const bool pass = (e == SMMU_DRV_OK) == s.expect_ok;
    m_out << "      " << (pass ? "PASS" : "FAIL") << "\n";
    return pass;
}

bool soc::dump()
{
#ifndef SMMU_PLATFORM_HAVE_STATE
    m_out << "ERROR: --dump: this build has no state library (tools/state)\n";
    return false;
#else
    std::vector<tools::mem_region> regions;
    for (auto &r : memory.regions())
        regions.push_back(tools::mem_region{r.pas, r.base, std::move(r.bytes)});
    tools::smmu_state st = tools::capture_state(smmu.core_handle(), std::move(regions));
    std::string err;
    if (!tools::save_state(st, m_opt.dump_path, &err)) {
        m_out << "ERROR: --dump " << m_opt.dump_path << ": " << err << "\n";
        return false;
    }
    m_out << "SMMU state written to " << m_opt.dump_path << " (" << st.regs.size() << " registers, "
          << st.memory.size() << " memory regions): explain a transaction with smmu-explain\n";
    return true;
#endif
}

// Start every generator at once, wait for all, and report each one's counts; a generator
// whose error responses are not its expect_errors fails the run.
bool soc::run_traffic()
{
    m_out << "\n== Traffic ==\n";
    const sc_time t0 = sc_time_stamp();
    for (auto &g : generators)
        g->start();
    for (auto &g : generators)
        while (!g->finished())
            wait(g->done());
    bool ok = true;
    uint64_t n = 0, bytes = 0, errors = 0;
    sc_time end = t0;
    for (size_t i = 0; i < generators.size(); i++) {
        const traffic_desc &t = m_sc.traffic[i];
        const traffic_gen::counters &c = generators[i]->stats();
        const bool as_expected = c.errors == t.expect_errors;
        ok = ok && as_expected;
        char b[400];
        std::snprintf(b, sizeof(b),
                      "  %s: %" PRIu64 " transactions (%" PRIu64 " reads, %" PRIu64 " writes), %" PRIu64
                      " bytes, %" PRIu64 " error responses (expected %" PRIu64 "); latency mean %.3f ns, max %.3f ns;"
                      " done at %.3f us: %s\n",
                      t.name.c_str(), c.transactions, c.reads, c.writes, c.bytes, c.errors, t.expect_errors,
                      c.transactions ? c.latency_sum.to_seconds() * 1e9 / static_cast<double>(c.transactions) : 0.0,
                      c.latency_max.to_seconds() * 1e9, c.finished.to_seconds() * 1e6, as_expected ? "PASS" : "FAIL");
        m_out << b;
        n += c.transactions;
        bytes += c.bytes;
        errors += c.errors;
        end = std::max(end, c.finished);
    }
    // The traffic's own time, without the boot: what the sweep tool divides the bytes by
    const double ns = (end - t0).to_seconds() * 1e9;
    char b[300];
    std::snprintf(b, sizeof(b),
                  "  traffic total: %" PRIu64 " transactions, %" PRIu64 " bytes, %" PRIu64
                  " error responses in %.3f ns of simulated time (%.3f GB/s)\n",
                  n, bytes, errors, ns, ns > 0 ? static_cast<double>(bytes) / ns : 0.0);
    m_out << b;
    return ok;
}

// The statistics (--stats), as JSON or CSV (docs/statistics.md); the file's writability was
// checked before the run.
bool soc::write_stats()
{
    std::ofstream f(m_opt.stats_path, std::ios::trunc);
    smmu.write_stats(f, m_opt.stats_as);
    f.close();
    if (!f) {
        m_out << "ERROR: --stats " << m_opt.stats_path << ": cannot be written\n";
        return false;
    }
    m_out << "Statistics written to " << m_opt.stats_path << "\n";
    return true;
}

void soc::firmware()
{
    m_out << "== smmu_platform: scenario \"" << m_sc.name << "\" ==\n";
    if (!m_sc.description.empty())
        m_out << m_sc.description << "\n";
    m_out << "Memory map: DMA engines NS " << hex(k_dma_ns_base) << " / Secure " << hex(k_dma_s_base) << " / Realm "
          << hex(k_dma_realm_base) << ", SMMU " << hex(k_smmu_base)
          << " (Secure bank +0x8000, page 1 +0x10000, Root page +0x20000, Realm pages +0x40000),\n"
          << "memory elsewhere (each PA space is a separate memory; the GPT says which may reach each granule)\n\n";
    bool ok = bring_up();
    if (ok)
        start_pmcg();
    for (const auto &dd : m_sc.devices) {
        if (!ok)
            break;
        auto d = std::make_unique<device_rt>();
        d->desc = &dd;
        m_devices.push_back(std::move(d));
        ok = setup_device(*m_devices.back());
    }
    if (ok) {
        m_out << "\n== Steps ==\n";
        for (size_t i = 0; i < m_sc.steps.size(); i++) {
            if (run_step(i, m_sc.steps[i]))
                m_steps_passed++;
            else
                m_failures++;
        }
        if (!generators.empty() && !run_traffic())
            m_failures++;
        summary();
    } else {
        m_failures++; // the platform could not be set up: the run fails (exit status 1)
    }
    if (!m_opt.dump_path.empty() && !dump())
        m_failures++;
    if (!m_opt.stats_path.empty() && !write_stats())
        m_failures++;
    m_out << "\nRESULT: " << (ok && m_failures == 0 ? "PASS" : "FAIL") << " (" << m_steps_passed << " of "
          << m_sc.steps.size() << " steps as expected)\n";
    m_finished = true;
    sc_stop();
}

} // namespace smmuv3::platform
