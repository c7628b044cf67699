// SPDX-License-Identifier: Apache-2.0
//
// The TLM shim: payloads to core calls, environment callbacks to TLM traffic, time.
// No architectural decision is made here (see smmu_tlm.h).
#include "smmuv3/tlm/smmu_tlm.h"
#include "smmuv3/arch.h"
#include "smmuv3/tlm/params.h"
#include "payload_slots.h"
#include "signal_probe.h"
#include "timeline_probe.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ostream>

namespace smmuv3 {

using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;

namespace {

// The smallest translation granule: a piece never crosses it, and a hit copy covers one.
constexpr unsigned k_min_page_shift = 12;
constexpr uint64_t k_min_page = uint64_t{1} << k_min_page_shift;
constexpr uint64_t k_page_offset = k_min_page - 1;

bool translated(const smmu_result &r)
{
    return r.outcome == SMMU_XLATE_OK || r.outcome == SMMU_XLATE_BYPASS;
}

// Bytes from addr to the end of the mapping r describes (at least 1).
uint64_t left_in_mapping(const smmu_result &r, uint64_t addr)
{
    if (r.map_size == 0 || addr < r.map_base || addr - r.map_base >= r.map_size)
        return k_min_page - (addr & k_page_offset);
    return r.map_size - (addr - r.map_base);
}

// Saves the output address and bus attributes of a forward, and gives the payload its own back
// on destruction (also when the downstream call unwinds: the SMMU's extension must never be
// left on a master's payload). Inline both ways: it is on every forward.
class output_guard
{
public:
    // theirs: the payload's own bus_attr_extension, or nullptr. mine: the extension to give a
    // payload without one, the caller's (a member's address, given to the payload, would keep
    // all of the guard's fields in memory: 10 instructions a forward). slot: the payload's
    // bus_attr_extension slot where it is known to exist (the reused path tested its ID).
    __attribute__((always_inline)) output_guard(tlm::tlm_generic_payload &t,
                                                bus_attr_extension *theirs,
                                                bus_attr_extension &mine,
                                                tlm::tlm_extension_base **slot = nullptr)
        : m_t(t), m_addr(t.get_address()), m_theirs(theirs)
    {
        if (m_theirs) {
            m_saved_pas = m_theirs->pas;
            m_saved_valid = m_theirs->attrs_valid;
            m_saved_mair = m_theirs->mair;
            m_saved_sh = m_theirs->sh;
            m_ext = m_theirs;
        } else {
            if (slot)
                *slot = &mine;
            else
                payload_slots::set(m_t, &mine);
            m_ext = &mine;
        }
    }
    __attribute__((always_inline)) ~output_guard()
    {
        m_t.set_address(m_addr);
        if (m_theirs) {
            m_theirs->pas = m_saved_pas;
            m_theirs->attrs_valid = m_saved_valid;
            m_theirs->mair = m_saved_mair;
            m_theirs->sh = m_saved_sh;
        } else {
            // stack-owned: never left for the payload to delete
            payload_slots::clear_after_set<bus_attr_extension>(m_t);
        }
    }
    output_guard(const output_guard &) = delete;
    output_guard &operator=(const output_guard &) = delete;

    // Point the payload at an output address and its attributes.
    void set_output(uint64_t pa, smmu_pa_space pas, uint8_t mair, uint8_t sh)
    {
        m_t.set_address(pa);
        m_ext->pas = pas;
        m_ext->attrs_valid = true;
        m_ext->mair = mair;
        m_ext->sh = sh;
    }
    void set_output(const smmu_result &r) { set_output(r.pa, r.pas, r.mair, r.sh); }

protected:
    tlm::tlm_generic_payload &m_t;

private:
    uint64_t m_addr;
    bus_attr_extension *m_theirs;
    bus_attr_extension *m_ext;
    // Saved when theirs: not initialised otherwise, as this is on every forward.
    smmu_pa_space m_saved_pas;
    bool m_saved_valid;
    uint8_t m_saved_mair, m_saved_sh;
};

// output_guard for the general forward, which may also cut the payload into pieces: the data
// pointer, length, streaming width and byte enables are saved by the first split() and given
// back on destruction, so that an unsplit forward saves and restores no more than it changes.
class payload_guard : public output_guard
{
public:
    using output_guard::output_guard;
    ~payload_guard()
    {
        if (m_split) {
            m_t.set_data_ptr(m_data);
            m_t.set_data_length(m_len);
            m_t.set_streaming_width(m_sw);
            m_t.set_byte_enable_ptr(m_be);
            m_t.set_byte_enable_length(m_be_len);
        }
    }

    // The payload is about to be cut into pieces: save the fields the pieces rewrite.
    void split()
    {
        if (m_split)
            return;
        m_split = true;
        m_data = m_t.get_data_ptr();
        m_len = m_t.get_data_length();
        m_sw = m_t.get_streaming_width();
        m_be = m_t.get_byte_enable_ptr();
        m_be_len = m_t.get_byte_enable_length();
    }
    // The payload's own fields (after split()).
    unsigned char *data() const { return m_data; }
    unsigned char *byte_enables() const { return m_be; }
    unsigned byte_enable_length() const { return m_be_len; }

private:
    bool m_split = false;
    unsigned char *m_data; // saved on split() only
    unsigned m_len, m_sw;
    unsigned char *m_be;
    unsigned m_be_len;
};

} // namespace

// A call into the core in flight, so that the environment callbacks it makes (which carry no
// per-call context) find the delay of the TLM transaction they belong to. While one process is
// blocked in a walk, another may enter the core (re-entrancy), so calls are keyed by process.
//
// Registration is lazy, to keep the TLB-hit path free of it: entering a call only parks its
// delay in m_entering. The call's first callback runs before anything can wait(), so no other
// process can have replaced m_entering: that callback registers {process, delay}. Any wait()
// happens inside a callback, after registration, when m_entering is empty again.
struct smmu_tlm::call_ctx {
    const void *proc;
    sc_time *delay;
};

struct smmu_tlm::call_scope {
    smmu_tlm &m;
    sc_time *delay;
    call_scope(smmu_tlm &owner, sc_time &d) : m(owner), delay(&d) { m.m_entering = delay; }
    ~call_scope()
    {
        if (m.m_entering == delay) {
            m.m_entering = nullptr; // no callback: nothing was registered
        } else {
            for (auto it = m.m_calls.end(); it != m.m_calls.begin();) {
                --it;
                if (it->delay == delay) {
                    m.m_calls.erase(it);
                    break;
                }
            }
        }
        if (!m.m_log_queue.empty())
            m.flush_log();
    }
    call_scope(const call_scope &) = delete;
    call_scope &operator=(const call_scope &) = delete;
};

// ---------------------------------------------------------------------------------------------
// The upstream socket
// ---------------------------------------------------------------------------------------------

// One initiator's binding: b_transport goes straight to the module; the other interface
// methods take the tlm_utils socket's callbacks (registered as usual, set at end of
// elaboration). A hierarchically bound upstream uses the outer socket's own bindings, which
// call the registered b_transport callback: the same function, one functor call slower.
class smmu_tlm::upstream_socket::binding
    : public tlm_utils::callback_binder_fw<tlm::tlm_base_protocol_types>
{
public:
    binding(upstream_socket &socket, int id)
        : callback_binder_fw(&socket, id), m_owner(socket.m_owner), m_id(id)
    {
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_time &delay) override
    {
        m_owner.up_transport(m_id, t, delay);
    }

private:
    smmu_tlm &m_owner;
    const int m_id;
};

// The first binding exists before anything binds, as the tlm_utils socket makes it when a
// callback is registered (check_export_binding, which then finds it).
smmu_tlm::upstream_socket::upstream_socket(const char *name, smmu_tlm &owner)
    : multi_passthrough_target_socket(name), m_owner(owner)
{
    m_binders.push_back(new binding(*this, 0));
    m_export_callback_created = true;
    sc_core::sc_export<tlm::tlm_fw_transport_if<>>::bind(*m_binders[0]);
}

// As tlm_utils::multi_passthrough_target_socket::get_base_interface, with our bindings.
tlm::tlm_fw_transport_if<> &smmu_tlm::upstream_socket::get_base_interface()
{
    if (m_hierarch_bind)
        display_error("Socket already bound hierarchically.");
    if (m_export_callback_created)
        m_export_callback_created = false;
    else
        m_binders.push_back(new binding(*this, static_cast<int>(m_binders.size())));
    return *m_binders.back();
}

smmu_tlm::smmu_tlm(const sc_core::sc_module_name &name, const smmu_tlm_config &config,
                   const char *file, int line)
    : smmu_tlm(name, config, nullptr, file, line)
{
}

smmu_tlm::smmu_tlm(const sc_core::sc_module_name &name, const param_source &params,
                   const smmu_tlm_config &base, const char *file, int line)
    : smmu_tlm(name, base, &params, file, line)
{
}

smmu_tlm::smmu_tlm(const sc_core::sc_module_name &name, const smmu_tlm_config &config,
                   const param_source *params, const char *file, int line)
    : sc_module(name), reg_socket("reg_socket"), upstream("upstream", *this),
      downstream("downstream"), walk("walk"), endpoint_out("endpoint_out"),
      dvm_socket("dvm_socket"), pmcg_socket("pmcg_socket"), ns_eventq_irq("ns_eventq_irq"),
      ns_priq_irq("ns_priq_irq"), ns_cmd_sync_irq("ns_cmd_sync_irq"), ns_gerror_irq("ns_gerror_irq"),
      s_eventq_irq("s_eventq_irq"), s_priq_irq("s_priq_irq"), s_cmd_sync_irq("s_cmd_sync_irq"),
      s_gerror_irq("s_gerror_irq"), r_eventq_irq("r_eventq_irq"), r_priq_irq("r_priq_irq"),
      r_cmd_sync_irq("r_cmd_sync_irq"), r_gerror_irq("r_gerror_irq"),
      gpf_far_irq("gpf_far_irq"), gpt_cfg_far_irq("gpt_cfg_far_irq"), reset("reset"),
      m_cfg(config), m_msg_type(std::string("smmuv3/") + this->name()), m_file(file ? file : ""),
      m_line(line)
{
    std::string why;
    if (params && !configure(this->name(), *params, m_cfg, &why)) {
        report(sc_core::SC_ERROR, why);
        return;
    }
    if (m_cfg.hit_copies & (m_cfg.hit_copies - 1))
        report(sc_core::SC_ERROR, "config: hit_copies " + std::to_string(m_cfg.hit_copies) +
                                      " must be a power of two (or 0)");
    else if (m_cfg.hit_copies > 1) // one copy would be m_copy_mask 0: off
        m_hit_copies.resize(m_cfg.hit_copies), m_copy_mask = m_cfg.hit_copies - 1;
    // The module's other rules (configure() checked them with params; the core's are
    // smmu_create's, reported below). After the error the module runs without a TBU map.
    const bool copies_ok = !(m_cfg.hit_copies & (m_cfg.hit_copies - 1));
    if (copies_ok && !params && !smmu_tlm_own_config_check(m_cfg, &why)) {
        report(sc_core::SC_ERROR, "config: " + why);
        m_cfg.tbu_map.clear();
    }
    m_slot_free.assign(m_cfg.walk_slots, SC_ZERO_TIME);
    m_multi_tbu = m_cfg.core.tbus > 1 || !m_cfg.tbu_map.empty();
    m_tbu_stats.resize(m_cfg.core.tbus ? m_cfg.core.tbus : 1);
    m_other_streams.latency.resolution =
        m_cfg.clock_period != SC_ZERO_TIME ? m_cfg.clock_period : sc_time(1, sc_core::SC_NS);
    for (auto &u : m_tbu_stats)
        u.latency.resolution = m_other_streams.latency.resolution;
    reg_socket.register_b_transport(this, &smmu_tlm::reg_b_transport);
    reg_socket.register_transport_dbg(this, &smmu_tlm::reg_transport_dbg);
    dvm_socket.register_b_transport(this, &smmu_tlm::dvm_b_transport);
    upstream.register_b_transport(this, &smmu_tlm::up_b_transport);
    upstream.register_nb_transport_fw(this, &smmu_tlm::up_nb_transport_fw);
    upstream.register_transport_dbg(this, &smmu_tlm::up_transport_dbg);
    upstream.register_get_direct_mem_ptr(this, &smmu_tlm::up_get_dmi);
    downstream.register_invalidate_direct_mem_ptr(this, &smmu_tlm::down_invalidate_dmi);
    walk.register_invalidate_direct_mem_ptr(this, &smmu_tlm::walk_invalidate_dmi);

    pmcg_socket.register_b_transport(this, &smmu_tlm::pmcg_b_transport);

    // Interrupt lines: the 14 of the programming interfaces, then one per PMCG
    m_irq_ports = {
        &ns_eventq_irq, &ns_priq_irq, &ns_cmd_sync_irq, &ns_gerror_irq,
        &s_eventq_irq,  &s_priq_irq,  &s_cmd_sync_irq,  &s_gerror_irq,
        &r_eventq_irq,  &r_priq_irq,  &r_cmd_sync_irq,  &r_gerror_irq,
        &gpf_far_irq,   &gpt_cfg_far_irq,
    };
    for (unsigned g = 0; g < m_cfg.core.pmcg_groups; g++) {
        m_pmcg_irq.push_back(std::make_unique<irq_out>(("pmcg_irq_" + std::to_string(g)).c_str()));
        m_irq_ports.push_back(m_pmcg_irq.back().get());
    }
    m_irq_pending.assign(m_irq_ports.size(), false);
    m_irq_level.assign(m_irq_ports.size(), false);
    m_irq_deadline.assign(m_irq_ports.size(), SC_ZERO_TIME);

    smmu_env env{};
    env.ctx = this;
    env.mem_read = &smmu_tlm::env_mem_read;
    env.mem_write = &smmu_tlm::env_mem_write;
    env.mem_cas64 = &smmu_tlm::env_mem_cas64;
    env.msi_write = &smmu_tlm::env_msi_write;
    env.irq = &smmu_tlm::env_irq;
    env.log = &smmu_tlm::env_log;
    env.invalidated = &smmu_tlm::env_invalidated;
    smmu_t *core = nullptr;
    smmu_status st = smmu_create(&m_cfg.core, &env, &core);
    if (st != SMMU_OK) {
        // The reason is the error, not a warning before it: the field and the rule, as
        // smmu_config_check names them ("sel2 needs secure_impl").
        char reason[256] = "";
        smmu_config_check(&m_cfg.core, reason, sizeof(reason));
        m_log_queue.clear();
        report(sc_core::SC_ERROR, std::string("config: ") + (reason[0] ? reason : "refused") +
                                      " (smmu_create: " + smmu_strerror(st) + ")");
        return;
    }
    flush_log();
    m_core.reset(core);
    m_reuse_words = smmu_reuse_words(core);
    m_ext_ids = {page_request_extension::ID, ats_extension::ID, stream_extension::ID,
                 bus_attr_extension::ID, 0};
    m_ext_ids.max = std::max({m_ext_ids.page_request, m_ext_ids.ats, m_ext_ids.stream,
                              m_ext_ids.bus_attr}); // now the reused path may run
    update_observers();
    set_bringup_callbacks(false);
    smmu_pmcg_callbacks pcb{};
    pcb.struct_size = sizeof(pcb);
    pcb.irq = &smmu_tlm::env_pmcg_irq;
    smmu_set_pmcg_callbacks(core, &pcb);

    SC_HAS_PROCESS(smmu_tlm);
    SC_METHOD(irq_method);
    sensitive << m_irq_event;
    dont_initialize();
    SC_THREAD(prg_response_thread);
    SC_METHOD(at_resp_method);
    sensitive << m_resp_event;
    dont_initialize();
}

smmu_tlm::~smmu_tlm() = default;

// Stall resolutions wake the waiting b_transport; PRG responses and (with endpoints bound)
// ATC invalidations go out on endpoint_out.
void smmu_tlm::set_bringup_callbacks(bool atc_to_endpoints)
{
    smmu_bringup_callbacks bcb{};
    bcb.struct_size = sizeof(bcb);
    bcb.stall_resolved = &smmu_tlm::env_stall_resolved;
    bcb.pri_response = &smmu_tlm::env_pri_response;
    if (atc_to_endpoints)
        bcb.atc_inval = &smmu_tlm::env_atc_inval;
    smmu_set_bringup_callbacks(m_core.get(), &bcb);
}

void smmu_tlm::end_of_elaboration()
{
    m_ports.resize(upstream.size());
    m_socket_tbu.assign(upstream.size(), 0);
    for (size_t i = 0; i < m_socket_tbu.size() && i < m_cfg.tbu_map.size(); i++)
        m_socket_tbu[i] = static_cast<uint16_t>(m_cfg.tbu_map[i]);
    m_down_fw = downstream.operator->();
    m_down_b = m_down_fw;
    if (m_cfg.walk_via_downstream)
        m_walk_fw = m_down_fw;
    else if (walk.size() > 0)
        m_walk_fw = walk.operator->();
    else
        report(sc_core::SC_ERROR, "the walk socket is unbound and walk_via_downstream is false:"
                                  " the SMMU cannot read its tables");
    // ATC invalidations go to the endpoints when endpoint_out is bound; else they complete at
    // once in the core (no callback).
    if (endpoint_out.size() > 0 && m_core) {
        set_bringup_callbacks(true);
        sc_core::sc_spawn([this] { atc_thread(); }, "atc_thread");
    }
    // The reset process exists only when reset is bound (a process without sensitivity would
    // be orphaned).
    if (reset.size() > 0) {
        sc_core::sc_spawn_options o;
        o.spawn_method();
        o.set_sensitivity(&reset->value_changed_event());
        o.dont_initialize();
        sc_core::sc_spawn([this] { reset_method(); }, "reset_method", &o);
    }
}

// ---------------------------------------------------------------------------------------------
// Registers
// ---------------------------------------------------------------------------------------------

// A register access of a payload: 4 or 8 bytes in host byte order [IEEE 1666 14.18.6], in
// the PA space of its bus_attr_extension (absent: Non-secure), through rd(offset, size, pas,
// &value) or wr(offset, size, pas, value), which return the core's status.
template <typename Read, typename Write>
void smmu_tlm::register_access(tlm::tlm_generic_payload &t, sc_time &delay, Read rd, Write wr)
{
    m_stats.register_accesses++;
    delay += m_cfg.reg_latency;
    const unsigned len = t.get_data_length();
    if (t.get_byte_enable_ptr()) {
        t.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (t.get_streaming_width() < len) {
        t.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    const smmu_pa_space pas = pa_space_of(t);
    const uint64_t offset = t.get_address();
    unsigned char *data = t.get_data_ptr();
    smmu_status st = SMMU_OK;
    {
        call_scope scope(*this, delay); // a CMDQ_PROD write consumes commands: table accesses
        if (t.is_read()) {
            uint64_t v = 0;
            st = rd(offset, len, pas, &v);
            std::memset(data, 0, len);
            if (len == 4) {
                uint32_t w = static_cast<uint32_t>(v);
                std::memcpy(data, &w, 4);
            } else if (len == 8) {
                std::memcpy(data, &v, 8);
            }
        } else if (t.is_write()) {
            uint64_t v = 0;
            if (len == 4) {
                uint32_t w;
                std::memcpy(&w, data, 4);
                v = w;
            } else if (len == 8) {
                std::memcpy(&v, data, 8);
            }
            st = wr(offset, len, pas, v);
        }
    }
    if (m_sig)
        m_sig->sample(sc_core::sc_time_stamp() + delay);
    // E_SIZE / E_ALIGN: the core answered RAZ/WI (its CONSTRAINED UNPREDICTABLE choice) and
    // logged it; the bus access itself completed.
    t.set_response_status(st == SMMU_E_INVAL ? tlm::TLM_GENERIC_ERROR_RESPONSE
                                             : tlm::TLM_OK_RESPONSE);
}

void smmu_tlm::reg_b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
{
    smmu_t *c = m_core.get();
    // A write that changes translation (SMMUEN, GBPA, GPC, invalidation commands) reaches DMI
    // through the core's `invalidated` callback.
    register_access(
        t, delay,
        [c](uint64_t off, unsigned len, smmu_pa_space pas, uint64_t *v) {
            return smmu_reg_read(c, off, len, pas, v);
        },
        [c](uint64_t off, unsigned len, smmu_pa_space pas, uint64_t v) {
            return smmu_reg_write(c, off, len, pas, v);
        });
}

// ---------------------------------------------------------------------------------------------
// Performance Monitor Counter Groups [IHI 0070 ch. 10; docs/pmcg.md]
// ---------------------------------------------------------------------------------------------

// Group g's frame at g * k_pmcg_frame; the clock cycles up to the access first (event 0).
void smmu_tlm::pmcg_b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
{
    pmcg_cycles(sc_core::sc_time_stamp() + delay);
    smmu_t *c = m_core.get();
    const unsigned g = static_cast<unsigned>(t.get_address() / k_pmcg_frame);
    const uint64_t base = uint64_t{g} * k_pmcg_frame;
    register_access(
        t, delay,
        [c, g, base](uint64_t off, unsigned len, smmu_pa_space pas, uint64_t *v) {
            return smmu_pmcg_reg_read(c, g, off - base, len, pas, v);
        },
        [c, g, base](uint64_t off, unsigned len, smmu_pa_space pas, uint64_t v) {
            return smmu_pmcg_reg_write(c, g, off - base, len, pas, v);
        });
}

// Event 0 counts clock_period cycles; without a clock period nothing counts.
void smmu_tlm::pmcg_cycles(const sc_time &now)
{
    if (m_cfg.clock_period == SC_ZERO_TIME || now <= m_pmcg_time)
        return;
    const auto n = static_cast<uint64_t>((now - m_pmcg_time) / m_cfg.clock_period);
    m_pmcg_time += m_cfg.clock_period * static_cast<double>(n);
    if (n)
        smmu_pmcg_cycles(m_core.get(), n);
}

void smmu_tlm::env_pmcg_irq(void *ctx, unsigned group)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    self->raise_line(k_irq_lines + group);
}

smmu_tlm::irq_out *smmu_tlm::pmcg_irq_port(unsigned group)
{
    return group < m_pmcg_irq.size() ? m_pmcg_irq[group].get() : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Broadcast TLB maintenance (DVM messages) [IHI 0070 3.17]
// ---------------------------------------------------------------------------------------------

smmu_status smmu_tlm::broadcast_tlbi(const smmu_tlbi &op)
{
    sc_time untimed = SC_ZERO_TIME;
    call_scope scope(*this, untimed); // its invalidation notices revoke DMI
    return smmu_tlbi_broadcast(m_core.get(), &op);
}

smmu_status smmu_tlm::dvm_sync()
{
    sc_time untimed = SC_ZERO_TIME;
    call_scope scope(*this, untimed);
    return smmu_dvm_sync(m_core.get());
}

void smmu_tlm::dvm_b_transport(tlm::tlm_generic_payload &t, sc_time &)
{
    m_stats.dvm_messages++;
    dvm_extension *ext = t.get_extension<dvm_extension>();
    if (!ext) {
        report(sc_core::SC_WARNING, "dvm_socket: a payload without a dvm_extension is not a "
                                    "DVM message: answered TLM_GENERIC_ERROR_RESPONSE");
        t.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    ext->status = ext->kind == dvm_extension::sync ? dvm_sync() : broadcast_tlbi(ext->op);
    t.set_response_status(ext->status == SMMU_OK            ? tlm::TLM_OK_RESPONSE
                          : ext->status == SMMU_E_UNSUPPORTED ? tlm::TLM_COMMAND_ERROR_RESPONSE
                                                              : tlm::TLM_GENERIC_ERROR_RESPONSE);
}

// Debug reads of registers have no side effect; debug writes could (CMDQ_PROD consumes
// commands), so they are refused (0 bytes).
unsigned smmu_tlm::reg_transport_dbg(tlm::tlm_generic_payload &t)
{
    const unsigned len = t.get_data_length();
    if (!t.is_read() || (len != 4 && len != 8))
        return 0;
    uint64_t v = 0;
    smmu_status st = smmu_reg_read(m_core.get(), t.get_address(), len, pa_space_of(t), &v);
    flush_log();
    if (st != SMMU_OK)
        return 0;
    if (len == 4) {
        uint32_t w = static_cast<uint32_t>(v);
        std::memcpy(t.get_data_ptr(), &w, 4);
    } else {
        std::memcpy(t.get_data_ptr(), &v, 8);
    }
    return len;
}

// ---------------------------------------------------------------------------------------------
// Device traffic
// ---------------------------------------------------------------------------------------------

// Inline (forced: it is on every upstream transaction; inlined, the compiler keeps only the
// fields a caller reads, in registers). b and a: the payload's bus_attr_extension and
// ats_extension, or nullptr. A payload without a stream_extension (a configuration mistake,
// warned about once) takes the out-of-line default_stream().
__attribute__((always_inline)) inline smmu_txn
smmu_tlm::make_txn(int id, const tlm::tlm_generic_payload &t, const bus_attr_extension *b,
                   const ats_extension *a, bool debug)
{
    const stream_extension *e = t.get_extension<stream_extension>();
    smmu_txn x = e ? stream_txn(*e, b, t.is_write()) : default_stream(id, b, t.is_write());
    // AT = Translated (ats_extension with request false) [3.9.1.3]
    if (e && a && !a->request && a->translated)
        x.flags |= SMMU_TXN_TRANSLATED;
    if (__builtin_expect(m_multi_tbu, 0)) {
        x.tbu = tbu_of(id, e);
        x.flags |= SMMU_TXN_TBU;
    }
    if (debug)
        x.flags |= SMMU_TXN_DEBUG;
    return x;
}

// The transaction a stream_extension describes (TBU 0; make_txn sets the rest). The incoming
// NS attribute: the payload's own PA space when the master gives one (b), else that of its
// security state. Its memory type and shareability, when it gives them, are the incoming
// memory attributes [IHI 0070 13.1]; else the core takes the 13.1.3 defaults.
__attribute__((always_inline)) inline smmu_txn
smmu_tlm::stream_txn(const stream_extension &e, const bus_attr_extension *b, bool write)
{
    smmu_txn x;
    x.sid = e.sid;
    x.ssid = e.ssid;
    x.ssv = e.ssv;
    x.sec = e.sec;
    x.flags = (e.privileged ? SMMU_TXN_PRIV : 0u) | (e.instruction ? SMMU_TXN_INSTR : 0u);
    x.tbu = 0;
    with_bus_attrs(x, b);
    x.access = write ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    x.addr = 0;
    x.size = 0;
    return x;
}

__attribute__((always_inline)) inline void smmu_tlm::with_bus_attrs(smmu_txn &x,
                                                                    const bus_attr_extension *b)
{
    if (b ? b->pas == SMMU_PAS_NS : x.sec == SMMU_SEC_NS)
        x.flags |= SMMU_TXN_NS;
    x.mair = 0;
    x.sh = 0;
    if (b && b->attrs_valid) {
        x.flags |= SMMU_TXN_MEMATTR;
        x.mair = b->mair;
        x.sh = b->sh;
    }
}

// The TBU a transaction enters by (a model choice: docs/exploration.md): its stream_extension's
// tbu, else its socket's (config.tbu_map). A tbu beyond core.tbus is warned about once per
// socket and the transaction takes its socket's TBU.
__attribute__((always_inline)) inline uint16_t smmu_tlm::tbu_of(int id, const stream_extension *e)
{
    if (e && e->tbu >= 0) {
        if (__builtin_expect(static_cast<unsigned>(e->tbu) < m_cfg.core.tbus, 1))
            return static_cast<uint16_t>(e->tbu);
        warn_bad_tbu(id, e->tbu);
    }
    return m_socket_tbu[static_cast<size_t>(id)]; // id: one of upstream's bindings
}

void smmu_tlm::warn_bad_tbu(int id, int tbu)
{
    const auto idx = static_cast<size_t>(id);
    if (idx >= m_warned_tbu.size())
        m_warned_tbu.resize(idx + 1, false);
    if (!m_warned_tbu[idx])
        report(sc_core::SC_WARNING,
               "upstream socket " + std::to_string(id) + ": stream_extension tbu " +
                   std::to_string(tbu) + " is not one of the " + std::to_string(m_cfg.core.tbus) +
                   " TBUs (tbus): the socket's TBU is used (reported once)");
    m_warned_tbu[idx] = true;
}

smmu_txn smmu_tlm::default_stream(int id, const bus_attr_extension *b, bool write)
{
    warn_no_stream_ext(id);
    const auto idx = static_cast<size_t>(id);
    smmu_txn x{};
    x.sid = idx < m_cfg.default_sid.size() ? m_cfg.default_sid[idx] : 0;
    x.sec = SMMU_SEC_NS; // never Secure: a stream without attributes cannot elevate itself
    with_bus_attrs(x, b);
    x.access = write ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    return x;
}

// The key of a hit_copy: everything in a transaction that a TLB hit's result depends on,
// exactly (make_txn's fields, each whole, so that no two transactions share a key: not even
// those of a master that sends an SEC_SID or SubstreamID no bus can carry, which the core
// refuses), in three words:
//   page:   the input address's 4 KB page, with the transaction's flags above its 52 bits
//           (privileged, instruction, incoming NS and whether it has memory attributes: the
//           result of a stage-2-only hit combines with them [13.1.5]), SSV and the access;
//           bit 55 is never set, so an empty copy's ~0 is no key;
//   stream: StreamID and SubstreamID;
//   attrs:  the incoming memory type and shareability (0 without them) and SEC_SID.
// Not the TBU: a copy's reuse word is its TBU's alone (smmu_reuse_words).
struct smmu_tlm::copy_key {
    uint64_t page, stream, attrs;
};

__attribute__((always_inline)) inline smmu_tlm::copy_key smmu_tlm::key_of(uint64_t addr,
                                                                          const smmu_txn &x)
{
    constexpr unsigned kept = SMMU_TXN_PRIV | SMMU_TXN_INSTR | SMMU_TXN_NS | SMMU_TXN_MEMATTR;
    static_assert(kept < 1u << 5 && !(kept & 1u << 3), "flags fit bits 52..56, bit 55 clear");
    const uint64_t flags = (x.flags & kept) | static_cast<uint64_t>(x.ssv) << 5 |
                           static_cast<uint64_t>(x.access) << 6;
    return {addr >> k_min_page_shift | flags << 52, uint64_t{x.sid} << 32 | x.ssid,
            x.mair | uint64_t{x.sh} << 8 | uint64_t{static_cast<uint32_t>(x.sec)} << 32};
}

// The slot of a key in the direct-mapped copies (not empty).
__attribute__((always_inline)) inline smmu_tlm::hit_copy &smmu_tlm::copy_slot(const copy_key &k)
{
    return m_hit_copies[((k.page ^ k.stream) * UINT64_C(0x9E3779B97F4A7C15)) >> 40 & m_copy_mask];
}

// The core's translation. A TLB hit is also kept as a copy for forward_reused, if nothing
// changed in the core meanwhile (a walk target may wait(): another master may invalidate).
// Debug transactions leave no copy (they make no cache fill either).
void smmu_tlm::translate(const smmu_txn &txn, smmu_result &res)
{
    const bool keep = m_copy_mask && !(txn.flags & SMMU_TXN_DEBUG);
    const uint64_t before = keep ? m_reuse_words[txn.tbu] : 0;
    if (const smmu_status st = smmu_translate(m_core.get(), &txn, &res); st != SMMU_OK) {
        res.outcome = SMMU_XLATE_ABORT;
        warn_refused(txn, st);
        return;
    }
    if (!keep || !res.tlb_hit)
        return;
    // Reusable (smmu_reuse_words): a result that read no memory (without a configuration cache
    // a hit reads the STE and CD on every access), if nothing changed during its translation;
    // on the TBU path, where the translation's own use of the TBU's caches may change the word
    // (nothing else can have happened meanwhile), as the micro-TLB hit of its repeat.
    const uint64_t after = m_reuse_words[txn.tbu];
    const bool tbu_path = smmu_reuse_epoch(m_core.get()) == 0;
    if (!after || res.fetches != 0 || (!tbu_path && after != before))
        return;
    smmu_result repeat = res;
    if (tbu_path)
        repeat.hit = SMMU_HIT_UTLB;
    const copy_key k = key_of(txn.addr, txn);
    hit_copy &c = copy_slot(k);
    m_retired_reuses.add(c); // the replaced copy's reuses
    c.uses = 0;
    c.epoch = after;
    c.page = k.page;
    c.stream = k.stream;
    c.attrs = k.attrs;
    c.pa_page = res.pa - (txn.addr & k_page_offset);
    c.pas = res.pas;
    c.mair = res.mair;
    c.sh = res.sh;
    c.cfg_lookups = res.cfg_lookups;
    c.level = static_cast<uint8_t>(hit_level(repeat));
    c.latency = SC_ZERO_TIME;
    charge(repeat, c.latency);
    if (smmu_get_reuse_mark(m_core.get(), txn.tbu, &c.mark) != SMMU_OK)
        c.mark = {}; // off the TBU path, among others: renew() then never calls the core
}

// A copy whose reuse word went stale, found for a transaction of TBU tbu: the repeat's result
// still if it is a copy of that TBU and nothing but LRU orders changed (smmu_reuse_renew, which
// records the repeat's use of its micro-TLB entry, and refuses another TBU's mark).
bool smmu_tlm::renew(hit_copy &c, unsigned tbu)
{
    if (!c.mark.contents)
        return false;
    // Refused, the copy stays stale (its epoch is never 0) and keeps its mark: the refusal may
    // be another TBU's, and its own may still renew it
    const uint64_t word = smmu_reuse_renew(m_core.get(), tbu, &c.mark);
    if (word)
        c.epoch = word;
    return word != 0;
}

// Where a translation was found (smmu_hit_where). A core that reports a TLB hit without its
// level has no TBU caches: every hit is then the TCU TLB's (SMMU_HIT_TCU_TLB's meaning).
inline unsigned smmu_tlm::hit_level(const smmu_result &res)
{
    if (res.hit)
        return res.hit;
    return res.tlb_hit ? unsigned{SMMU_HIT_TCU_TLB} : unsigned{SMMU_HIT_NONE};
}

// The latencies of the lookups the result reports (smmu_tlm_config, "Timing"). Table fetches
// were timed as they happened (mem_access).
void smmu_tlm::charge(const smmu_result &res, sc_time &delay) const
{
    switch (hit_level(res)) {
    case SMMU_HIT_UTLB: delay += m_cfg.utlb_hit_latency; return;
    case SMMU_HIT_TBU_TLB: delay += m_cfg.tbu_tlb_hit_latency; return;
    case SMMU_HIT_TCU_TLB: delay += m_cfg.dti_latency + m_cfg.tlb_hit_latency; break;
    default:
        delay += m_cfg.dti_latency;
        if (res.wc_hits)
            delay += m_cfg.wc_hit_latency * static_cast<double>(res.wc_hits);
        break;
    }
    if (res.cfg_hit)
        delay += m_cfg.cfg_hit_latency;
}

// A walk takes the walk slot that frees first, from `start` (absolute) for `dur`; returns how
// long it waited for it. In call order: under temporal decoupling a master whose local time
// is behind another's still queues behind the walks already taken.
sc_time smmu_tlm::take_walk_slot(const sc_time &start, const sc_time &dur)
{
    auto slot = std::min_element(m_slot_free.begin(), m_slot_free.end());
    const sc_time begin = std::max(start, *slot);
    *slot = begin + dur;
    const sc_time queue = begin - start;
    if (queue != SC_ZERO_TIME) {
        m_stats.walks_queued++;
        m_stats.walk_queue_time += queue;
    }
    return queue;
}

// translate() with its time: the lookups (charge), the fetches (timed by mem_access as they
// happen, so they are measured here as the growth of the transaction's absolute time) and,
// for a walk, the wait for a walk slot. A walk is a translation that no TLB served and that
// accessed memory; it holds its slot for the whole of its TCU time (lookups and fetches).
void smmu_tlm::timed_translate(const smmu_txn &x, smmu_result &r, sc_time *delay)
{
    if (!delay) {
        translate(x, r);
        return;
    }
    // Absolute times: a walk target may wait() and zero the delay meanwhile
    const sc_time t0 = sc_core::sc_time_stamp() + *delay;
    translate(x, r);
    charge(r, *delay);
    const unsigned level = hit_level(r);
    if (level != SMMU_HIT_NONE || r.fetches == 0) {
        if (__builtin_expect(m_observe, 0))
            observe(x, r, level, t0, false, SC_ZERO_TIME, SC_ZERO_TIME,
                    sc_core::sc_time_stamp() + *delay - t0);
        return;
    }
    const sc_time busy = sc_core::sc_time_stamp() + *delay - t0;
    m_stats.walk_busy_time += busy;
    const sc_time queue = m_slot_free.empty() ? SC_ZERO_TIME : take_walk_slot(t0, busy);
    *delay += queue;
    if (__builtin_expect(m_observe, 0))
        observe(x, r, level, t0, true, queue, busy, busy + queue);
}

// Translate and forward one upstream payload. It is cut into pieces where it leaves a
// mapping (the core translates accesses within one mapping), each forwarded with its own
// output address; a streaming burst (streaming width < length) must fit one mapping.
// Returns the bytes transferred (debug) and sets the response (b_transport).
//
// Host speed matters here (this is every DMA access of a virtual platform): a payload that
// one translation covers (the common case: a TLB hit, then one forward) costs one core call,
// two extension look-ups and the rewrite of the address and bus attributes. Byte enables,
// pieces and their bookkeeping are only touched on a split.
unsigned smmu_tlm::forward(int id, tlm::tlm_generic_payload &t, sc_time *delay)
{
    const bool debug = delay == nullptr;
    bus_attr_extension *const theirs = t.get_extension<bus_attr_extension>();
    smmu_txn x = make_txn(id, t, theirs, t.get_extension<ats_extension>(), debug);
    const uint64_t addr0 = t.get_address();
    const unsigned len0 = t.get_data_length();
    const unsigned sw0 = debug ? len0 : t.get_streaming_width();
    const bool streaming = sw0 != 0 && sw0 < len0;
    const uint64_t span = streaming ? sw0 : len0;

    tlm::tlm_response_status status = tlm::TLM_OK_RESPONSE;
    bool dmi_hint = true;
    unsigned pieces = 0;
    bool razwi = false;      // a piece was answered as RAZ/WI
    unsigned done_bytes = 0; // debug: bytes transferred
    uint64_t done = 0;
    bus_attr_extension mine;
    payload_guard guard(t, theirs, mine);
    unsigned char *data0 = nullptr;      // the payload's own fields, read on the first split
    unsigned char *be0 = nullptr;
    unsigned be_len0 = 0;
    std::vector<unsigned char> be_piece; // only for a split payload with a short byte-enable pattern

    while (done < span) {
        const uint64_t a = addr0 + done;
        x.addr = a;
        x.size = static_cast<uint32_t>(std::min<uint64_t>(span - done, k_min_page - (a & k_page_offset)));
        smmu_result r;
        timed_translate(x, r, delay);
        if (r.outcome == SMMU_XLATE_STALLED) {
            // Held until resolved; a retry is a new transaction [4.7.1]. Debug accesses never
            // stall, so delay is set.
            const smmu_stall_action act = hold_stalled(x, r, *delay);
            if (act == SMMU_STALL_RETRY)
                continue;
            r.outcome = act == SMMU_STALL_RAZWI ? SMMU_XLATE_RAZWI : SMMU_XLATE_ABORT;
        }
        if (r.outcome == SMMU_XLATE_RAZWI) {
            // CD.A=0 stage-1 fault [IHI 0070 5.4]: reads as zero, writes ignored.
            const uint64_t n = x.size;
            if (t.is_read()) {
                guard.split();
                data0 = guard.data();
                std::memset(streaming ? data0 : data0 + done, 0, streaming ? len0 : n);
            }
            // Counted once per payload; a streaming burst's window may take two pieces, its
            // beats (len0 bytes) are recorded with the first
            m_stats.razwi += !razwi;
            razwi = true;
            if (m_cfg.detailed_stats && !debug && !(streaming && done))
                record_piece(x, -1, streaming ? len0 : n);
            dmi_hint = false;
            done += n;
            done_bytes += static_cast<unsigned>(n);
            continue;
        }
        if (!translated(r)) {
            status = tlm::TLM_ADDRESS_ERROR_RESPONSE;
            break;
        }
        const uint64_t n = std::min(span - done, left_in_mapping(r, a));
        if (streaming && n < span) {
            status = tlm::TLM_BURST_ERROR_RESPONSE;
            break;
        }
        guard.set_output(r);
        pieces++;
        if (m_cfg.detailed_stats && !debug)
            record_piece(x, r.pas, streaming ? len0 : n);
        if (!(done == 0 && n == span)) {
            guard.split();
            data0 = guard.data();
            be0 = debug ? nullptr : guard.byte_enables();
            be_len0 = be0 ? guard.byte_enable_length() : 0;
            t.set_data_ptr(data0 + done);
            t.set_data_length(static_cast<unsigned>(n));
            t.set_streaming_width(static_cast<unsigned>(n));
            if (be0 && be_len0 >= done + n) {
                t.set_byte_enable_ptr(be0 + done);
                t.set_byte_enable_length(static_cast<unsigned>(n));
            } else if (be0) {
                be_piece.resize(n);
                for (uint64_t i = 0; i < n; i++)
                    be_piece[i] = be0[(done + i) % be_len0];
                t.set_byte_enable_ptr(be_piece.data());
                t.set_byte_enable_length(static_cast<unsigned>(n));
            }
        }
        if (debug) {
            unsigned got = m_down_fw->transport_dbg(t);
            done_bytes += got;
            if (got < n)
                break;
        } else {
            t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            t.set_dmi_allowed(false);
            m_down_fw->b_transport(t, *delay);
            status = t.get_response_status();
            dmi_hint = dmi_hint && t.is_dmi_allowed();
            if (status != tlm::TLM_OK_RESPONSE)
                break;
        }
        done += n;
    }
    if (pieces > 1)
        m_stats.split_transactions++;
    if (!debug) {
        if (status != tlm::TLM_OK_RESPONSE)
            m_stats.error_responses++;
        t.set_response_status(status);
        t.set_dmi_allowed(dmi_hint && status == tlm::TLM_OK_RESPONSE);
    }
    return done_bytes;
}

// The common case of device traffic, without a core call: a payload within one 4 KB page
// whose translation is a copy of a TLB hit of the same page and stream, kept by translate()
// while its TBU's reuse word is unchanged (smmu_reuse_words: then the copy is exactly what
// the core would return, and it costs the same simulated time). Returns false to take the
// general path (forward), which also warns about a payload without a stream_extension.
// The payload has no ats_extension or page_request_extension (up_b_transport looked).
//
// Host speed: this is every DMA access of a virtual platform (docs/performance.md). The
// transaction's fields stay in registers (make_txn and the keys inline), the output is the
// inline output_guard, and nothing is called but the payload's extension look-ups, the epoch
// and the downstream target.
__attribute__((always_inline)) inline bool
smmu_tlm::forward_reused(int id, tlm::tlm_generic_payload &t,
                         tlm::tlm_array<tlm::tlm_extension_base *> &s, sc_time &delay)
{
    const uint64_t addr = t.get_address();
    const unsigned len = t.get_data_length();
    // 1 .. the rest of the page, not a streaming burst
    if (uint64_t{len} - 1 >= k_min_page - (addr & k_page_offset) || t.get_streaming_width() < len)
        return false;
    const auto *e = static_cast<const stream_extension *>(s[m_ext_ids.stream]);
    if (!e)
        return false;
    auto *const theirs = static_cast<bus_attr_extension *>(s[m_ext_ids.bus_attr]);
    smmu_txn x = stream_txn(*e, theirs, t.is_write());
    if (m_multi_tbu)
        x.tbu = tbu_of(id, e);
    const uint64_t epoch = m_reuse_words[x.tbu];
    const copy_key k = key_of(addr, x);
    hit_copy &c = copy_slot(k); // hit copies off: the one empty slot
    // An empty copy's page is no key, a stored copy's epoch is not 0: no test of epoch itself
    if (c.page != k.page || c.stream != k.stream || c.attrs != k.attrs ||
        (c.epoch != epoch && !renew(c, x.tbu)))
        return false;
    c.uses++; // the statistics count it (stats())
    delay += c.latency;
    if (__builtin_expect(m_cfg.detailed_stats, 0))
        record_reused(make_txn(id, t, theirs, nullptr, false), t, c); // x stays in registers
    {
        bus_attr_extension mine;
        output_guard guard(t, theirs, mine, &s[m_ext_ids.bus_attr]);
        guard.set_output(c.pa_page | (addr & k_page_offset), c.pas, c.mair, c.sh);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE); // as forward() does
        t.set_dmi_allowed(false);
        m_down_b->b_transport(t, delay);
    }
    if (!t.is_response_ok())
        m_stats.error_responses++;
    return true; // the response and the DMI hint are the downstream target's
}

// A b_transport held by a stall: the key the core's resolution names, and what it said.
struct smmu_tlm::stall_wait {
    smmu_sec_sid sec;
    uint32_t sid;
    uint16_t stag;
    smmu_stall_action action;
    sc_core::sc_event resolved;
};

// Wait (in the calling thread process) until the stalled transaction {txn.sec, txn.sid,
// res.stag} is resolved, letting every other process run meanwhile. The initiator's local
// time is synchronised first (the wait is for another process's work). A caller that cannot
// wait (an SC_METHOD, or no process) gets an SC_ERROR and the transaction aborts, although
// the core keeps the stall until software resolves it.
smmu_stall_action smmu_tlm::hold_stalled(const smmu_txn &txn, const smmu_result &res,
                                         sc_time &delay)
{
    const sc_core::sc_process_handle p = sc_core::sc_get_current_process_handle();
    if (!p.valid() || (p.proc_kind() != sc_core::SC_THREAD_PROC_ &&
                       p.proc_kind() != sc_core::SC_CTHREAD_PROC_)) {
        char what[96];
        std::snprintf(what, sizeof(what), "StreamID 0x%x address 0x%llx STAG 0x%x",
                      static_cast<unsigned>(txn.sid), static_cast<unsigned long long>(txn.addr),
                      static_cast<unsigned>(res.stag));
        report(sc_core::SC_ERROR,
               std::string(what) + ": the translation stalled in a b_transport called from a "
                                   "context that cannot wait (not an SC_THREAD): answered with "
                                   "an address error; the stall stays in the SMMU until "
                                   "software resumes or terminates it");
        return SMMU_STALL_ABORT;
    }
    stall_wait w{txn.sec, txn.sid, res.stag, SMMU_STALL_HELD, {}};
    for (auto it = m_stall_early.begin(); it != m_stall_early.end(); ++it)
        if (it->sec == w.sec && it->sid == w.sid && it->stag == w.stag) {
            w.action = it->action;
            m_stall_early.erase(it);
            break;
        }
    if (w.action == SMMU_STALL_HELD) {
        m_stall_waits.push_back(&w);
        // Nothing of this call is in flight in the core: let other callers register their
        // own delay (call_scope), and take ours back for the retry.
        sc_time *const entering = m_entering;
        if (m_entering == &delay)
            m_entering = nullptr;
        sc_core::wait(delay);
        delay = SC_ZERO_TIME;
        while (w.action == SMMU_STALL_HELD)
            sc_core::wait(w.resolved);
        m_stall_waits.erase(std::find(m_stall_waits.begin(), m_stall_waits.end(), &w));
        if (entering == &delay && !m_entering)
            m_entering = &delay;
    }
    return w.action;
}

void smmu_tlm::env_stall_resolved(void *ctx, const smmu_stall_resolution *r)
{
    smmu_tlm *m = static_cast<smmu_tlm *>(ctx);
    for (stall_wait *w : m->m_stall_waits)
        if (w->sec == r->sec && w->sid == r->sid && w->stag == r->stag &&
            w->action == SMMU_STALL_HELD) {
            w->action = r->action;
            w->resolved.notify(SC_ZERO_TIME);
            return;
        }
    m->m_stall_early.push_back(*r); // resolved while its record was still being written
}

// Device traffic: a reused hit (forward_reused) inline, everything else out of line. The
// payload's extension array is tested once for the four look-ups (m_ext_ids).
__attribute__((always_inline)) inline void
smmu_tlm::up_transport(int id, tlm::tlm_generic_payload &t, sc_time &delay)
{
    payload_slots::slots_t &s = payload_slots::slots(t);
    if (__builtin_expect(m_ext_ids.max < s.size(), 1) &&
        !(reinterpret_cast<uintptr_t>(s[m_ext_ids.page_request]) |
          reinterpret_cast<uintptr_t>(s[m_ext_ids.ats])) &&
        forward_reused(id, t, s, delay))
        return;
    up_b_transport_general(id, t, delay);
}

void smmu_tlm::up_b_transport(int id, tlm::tlm_generic_payload &t, sc_time &delay)
{
    up_transport(id, t, delay);
}

__attribute__((noinline)) void smmu_tlm::up_b_transport_general(int id,
                                                                tlm::tlm_generic_payload &t,
                                                                sc_time &delay)
{
    m_stats.upstream_transactions++; // and the reused hits (stats())
    if (auto *pr = t.get_extension<page_request_extension>()) {
        pri_page_request(t, *pr, delay);
        return;
    }
    // ATS: a Translation Request is answered here (Translated traffic never reuses a copy of
    // an untranslated result: up_b_transport looked)
    if (ats_extension *a = t.get_extension<ats_extension>()) {
        if (a->request) {
            ats_request(id, t, *a, delay);
            return;
        }
    }
    call_scope scope(*this, delay);
    if (__builtin_expect(m_tl != nullptr, 0)) {
        forward_observed(id, t, delay);
        return;
    }
    forward(id, t, &delay);
}

// forward() as the timeline's slice: from arrival to response. Out of line, so that the
// common path keeps its size (docs/observability.md "Cost").
__attribute__((noinline, cold)) void smmu_tlm::forward_observed(int id,
                                                                tlm::tlm_generic_payload &t,
                                                                sc_time &delay)
{
    m_tl->txn_begin(id, sc_core::sc_time_stamp() + delay);
    forward(id, t, &delay);
    if (m_tl) // the timeline may have been unset (or replaced) while a target waited
        m_tl->txn_end(t, sc_core::sc_time_stamp() + delay);
}

// ---- The approximately-timed protocol [IEEE 1666-2011 15.2] ----

struct smmu_tlm::at_worker {
    sc_core::sc_event wake;
    tlm::tlm_generic_payload *trans = nullptr; // the request it serves (nullptr: idle)
    int id = 0;                                // its upstream socket index
    sc_time start;                             // the time of its BEGIN_REQ
};

smmu_tlm::at_port &smmu_tlm::port(int id)
{
    const auto idx = static_cast<size_t>(id);
    if (idx >= m_ports.size())
        m_ports.resize(idx + 1);
    return m_ports[idx];
}

// BEGIN_REQ: the request phase ends at once (TLM_UPDATED, END_REQ), so one request per socket
// is in the request phase at a time by construction; the request is served by an idle worker
// from the time of BEGIN_REQ (sc_time_stamp() + t). The module holds the payload until the
// hop ends, so it takes a reference if it has a memory manager [IEEE 1666-2011 14.5,
// 15.2.3 p)]. END_RESP: the socket's response phase is over, the next response may go.
// An extended phase is ignorable under the base protocol: ignored, TLM_ACCEPTED [15.2.5 b)].
// END_REQ and BEGIN_RESP are protocol errors of the initiator [15.2.3 c)].
tlm::tlm_sync_enum smmu_tlm::up_nb_transport_fw(int id, tlm::tlm_generic_payload &t,
                                                tlm::tlm_phase &phase, sc_time &delay)
{
    if (phase == tlm::BEGIN_REQ) {
        m_stats.at_transactions++;
        if (t.has_mm())
            t.acquire();
        at_worker *w;
        bool fresh = m_idle_workers.empty();
        if (fresh) {
            m_workers.push_back(std::make_unique<at_worker>());
            w = m_workers.back().get();
        } else {
            w = m_idle_workers.back();
            m_idle_workers.pop_back();
        }
        w->trans = &t;
        w->id = id;
        w->start = sc_core::sc_time_stamp() + delay;
        if (fresh)
            sc_core::sc_spawn([this, w] { at_worker_thread(w); },
                              sc_core::sc_gen_unique_name("at_worker"));
        else
            w->wake.notify(delay);
        phase = tlm::END_REQ;
        return tlm::TLM_UPDATED;
    }
    if (phase == tlm::END_RESP) {
        at_port &p = port(id);
        if (p.in_resp != &t) {
            report(sc_core::SC_ERROR, "upstream socket " + std::to_string(id) +
                                          ": END_RESP for a transaction that is not in the "
                                          "response phase (base protocol, IEEE 1666 15.2)");
            return tlm::TLM_COMPLETED;
        }
        p.in_resp = nullptr;
        p.next_free = sc_core::sc_time_stamp() + delay;
        m_resp_event.notify(delay);
        if (t.has_mm())
            t.release(); // the hop is over: the reference taken at BEGIN_REQ
        return tlm::TLM_COMPLETED;
    }
    if (static_cast<unsigned>(phase) > static_cast<unsigned>(tlm::END_RESP))
        return tlm::TLM_ACCEPTED; // an ignorable phase this module does not know
    report(sc_core::SC_ERROR, "upstream socket " + std::to_string(id) + ": nb_transport_fw with phase " +
                                  phase.get_name() +
                                  ": an initiator sends BEGIN_REQ and END_RESP only (base "
                                  "protocol, IEEE 1666 15.2); answered TLM_COMPLETED");
    return tlm::TLM_COMPLETED;
}

// A worker: the b_transport path (translation, stall, downstream b_transport) in its own
// thread, then the response once the annotated time has passed.
void smmu_tlm::at_worker_thread(at_worker *w)
{
    for (;;) {
        while (!w->trans)
            sc_core::wait(w->wake);
        const sc_time now = sc_core::sc_time_stamp();
        if (w->start > now)
            sc_core::wait(w->start - now);
        tlm::tlm_generic_payload &t = *w->trans;
        const int id = w->id;
        sc_time delay = SC_ZERO_TIME;
        up_b_transport(id, t, delay);
        if (delay != SC_ZERO_TIME)
            sc_core::wait(delay);
        w->trans = nullptr;
        m_idle_workers.push_back(w);
        at_respond(id, t);
    }
}

// Send BEGIN_RESP now if the socket's response phase is free, else queue it for
// at_resp_method (the response exclusion rule: one response in the response phase per socket).
void smmu_tlm::at_respond(int id, tlm::tlm_generic_payload &t)
{
    at_port &p = port(id);
    p.ready.push_back(&t);
    at_send(id);
}

// Send the socket's queued responses while its response phase is free.
void smmu_tlm::at_send(int id)
{
    at_port &p = port(id);
    while (!p.in_resp && !p.ready.empty() && p.next_free <= sc_core::sc_time_stamp()) {
        tlm::tlm_generic_payload *t = p.ready.front();
        p.ready.pop_front();
        p.in_resp = t;
        tlm::tlm_phase phase = tlm::BEGIN_RESP;
        sc_time d = SC_ZERO_TIME;
        const tlm::tlm_sync_enum r = upstream[id]->nb_transport_bw(*t, phase, d);
        if (r == tlm::TLM_ACCEPTED || (r == tlm::TLM_UPDATED && phase == tlm::BEGIN_RESP))
            continue; // END_RESP comes on the forward path (maybe it already came)
        // TLM_UPDATED with END_RESP, or TLM_COMPLETED: the response phase (and the hop) ends
        // after d; unless END_RESP already came on the forward path within the call
        if (p.in_resp == t) {
            p.in_resp = nullptr;
            if (t->has_mm())
                t->release(); // the reference taken at BEGIN_REQ; t is not used after this
        }
        p.next_free = sc_core::sc_time_stamp() + d;
    }
    if (!p.in_resp && !p.ready.empty())
        m_resp_event.notify(p.next_free - sc_core::sc_time_stamp());
}

void smmu_tlm::at_resp_method()
{
    for (size_t i = 0; i < m_ports.size(); i++)
        at_send(static_cast<int>(i));
}

// A Translation Request [IHI 0070 3.9.1.2]: the core answers it; nothing is forwarded.
void smmu_tlm::ats_request(int id, tlm::tlm_generic_payload &t, ats_extension &a, sc_time &delay)
{
    call_scope scope(*this, delay);
    smmu_txn x = make_txn(id, t, t.get_extension<bus_attr_extension>(), &a, false);
    x.addr = t.get_address();
    x.size = t.get_data_length();
    if (smmu_ats_translate(m_core.get(), &x, &a.completion) != SMMU_OK)
        a.completion.status = SMMU_ATS_UR;
    flush_log();
    t.set_response_status(tlm::TLM_OK_RESPONSE);
}

void smmu_tlm::env_atc_inval(void *ctx, const smmu_atc_inval *inv)
{
    // Called inside a register write (command consumption): queue it for atc_thread
    auto *m = static_cast<smmu_tlm *>(ctx);
    m->m_atc_queue.push_back(*inv);
    m->m_atc_event.notify(SC_ZERO_TIME);
}

// Send the ATC invalidations, one at a time, in order; the endpoint's return is its
// acknowledgement [IHI 0070 4.5.1, 4.7.3]. A stale acknowledgement (sent before a reset) is
// refused by the core and ignored here.
void smmu_tlm::atc_thread()
{
    for (;;) {
        while (m_atc_queue.empty())
            sc_core::wait(m_atc_event);
        const smmu_atc_inval inv = m_atc_queue.front();
        m_atc_queue.pop_front();
        endpoint_msg_extension ext;
        ext.kind = endpoint_msg_extension::atc_inval;
        ext.inval = inv;
        tlm::tlm_generic_payload gp;
        unsigned char none = 0;
        gp.set_command(tlm::TLM_IGNORE_COMMAND); // a message: no data is transferred
        gp.set_address(inv.addr);
        gp.set_data_ptr(&none);
        gp.set_data_length(0);
        gp.set_streaming_width(0);
        gp.set_byte_enable_ptr(nullptr);
        gp.set_dmi_allowed(false);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        gp.set_extension(&ext);
        sc_time delay = SC_ZERO_TIME;
        endpoint_out->b_transport(gp, delay);
        gp.clear_extension(&ext);
        sc_core::wait(delay);
        // The CMD_SYNC that waited may complete now: queue reads and its MSI are timed here
        call_scope scope(*this, delay);
        smmu_atc_inval_complete(m_core.get(), inv.id, gp.is_response_ok());
        flush_log();
        if (m_sig)
            m_sig->sample(sc_core::sc_time_stamp() + delay);
    }
}

// Debug: translated with SMMU_TXN_DEBUG (no event, no cache fill, no access flag or dirty
// state update), then transport_dbg downstream. Table reads still go through b_transport on
// the walk socket (the core has one read path); they are timed into a discarded delay.
unsigned smmu_tlm::up_transport_dbg(int id, tlm::tlm_generic_payload &t)
{
    m_stats.debug_transactions++;
    sc_time discarded = SC_ZERO_TIME;
    call_scope scope(*this, discarded);
    return forward(id, t, nullptr);
}

// DMI through the translation: only the window that maps linearly (the intersection of the
// mapping with the downstream DMI range), with only the access the mapping allows.
bool smmu_tlm::up_get_dmi(int id, tlm::tlm_generic_payload &t, tlm::tlm_dmi &dmi)
{
    const uint64_t addr = t.get_address();
    const bool want_write = t.is_write();
    auto deny = [&]() {
        dmi.allow_none();
        dmi.set_start_address(addr); // the denial is only known to hold for this address
        dmi.set_end_address(addr);
        m_stats.dmi_denied++;
        return false;
    };
    // ATS traffic gets no DMI: a request is not a memory access, and Translated traffic is
    // checked per access (its ATC, not the SMMU, decides what it may reach)
    if (t.get_extension<ats_extension>())
        return deny();
    sc_time discarded = SC_ZERO_TIME;
    call_scope scope(*this, discarded);
    // A probe without side effects first, so that asking for DMI never records an event.
    bus_attr_extension *const theirs = t.get_extension<bus_attr_extension>();
    smmu_txn x = make_txn(id, t, theirs, t.get_extension<ats_extension>(), true);
    x.addr = addr;
    x.size = 1;
    smmu_result r;
    translate(x, r);
    if (!translated(r))
        return deny();
    // Then the access the DMI window stands for: it sets the access flag (and dirty state for
    // a write grant) and fills the TLB, as the first access through the pointer would.
    x.flags &= ~SMMU_TXN_DEBUG;
    translate(x, r);
    if (!translated(r) || r.map_size == 0)
        return deny();
    const bool perm_r = (r.perm & SMMU_PERM_R) != 0;
    const bool perm_w = (r.perm & SMMU_PERM_W) != 0;
    if (want_write ? !perm_w : !perm_r)
        return deny();

    bool ok;
    {
        bus_attr_extension mine;
        payload_guard guard(t, theirs, mine);
        guard.set_output(r);
        ok = m_down_fw->get_direct_mem_ptr(t, dmi);
    }
    if (!ok)
        return deny();
    const uint64_t pa_base = r.pa - (addr - r.map_base);
    const uint64_t pa_last = pa_base + (r.map_size - 1);
    const uint64_t lo = std::max<uint64_t>(dmi.get_start_address(), pa_base);
    const uint64_t hi = std::min<uint64_t>(dmi.get_end_address(), pa_last);
    if (lo > hi || r.pa < lo || r.pa > hi)
        return deny();
    // Read is granted when the mapping allows it; write only when asked for, so that the
    // dirty state was set by the translation above [IHI 0070 3.13.6].
    const bool rd = dmi.is_read_allowed() && perm_r;
    const bool wr = dmi.is_write_allowed() && want_write && perm_w;
    if (!rd && !wr)
        return deny();
    dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (lo - dmi.get_start_address()));
    dmi.set_start_address(r.map_base + (lo - pa_base));
    dmi.set_end_address(r.map_base + (hi - pa_base));
    dmi.set_granted_access(rd && wr ? tlm::tlm_dmi::DMI_ACCESS_READ_WRITE
                           : rd     ? tlm::tlm_dmi::DMI_ACCESS_READ
                                    : tlm::tlm_dmi::DMI_ACCESS_WRITE);
    // Every access through the pointer stands for a translation that hits the TLB nearest to
    // the master (the micro-TLB, else the TBU's TLB, else the TCU's with the configuration
    // cache): it costs what b_transport charges for such a hit (charge()), on top of the
    // target's own latency.
    smmu_result h = r;
    h.tlb_hit = true;
    h.cfg_hit = true;
    h.hit = m_cfg.core.utlb_entries      ? SMMU_HIT_UTLB
            : m_cfg.core.tbu_tlb_entries ? SMMU_HIT_TBU_TLB
                                         : SMMU_HIT_TCU_TLB;
    sc_time hit = SC_ZERO_TIME;
    charge(h, hit);
    dmi.set_read_latency(dmi.get_read_latency() + hit);
    dmi.set_write_latency(dmi.get_write_latency() + hit);
    dmi_record({id, dmi.get_start_address(), dmi.get_end_address(), lo, hi, x.sid});
    m_stats.dmi_granted++;
    if (m_tl)
        m_tl->dmi_grant(id, x.sid, dmi.get_start_address(), dmi.get_end_address(), lo, rd, wr,
                        sc_core::sc_time_stamp());
    return true;
}

void smmu_tlm::down_invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end)
{
    dmi_revoke_if([&](const dmi_region &r) { return r.pa_lo <= end && start <= r.pa_hi; });
}

void smmu_tlm::walk_invalidate_dmi(sc_dt::uint64, sc_dt::uint64)
{
    // The walk path never uses DMI.
}

// ---------------------------------------------------------------------------------------------
// DMI bookkeeping
// ---------------------------------------------------------------------------------------------

void smmu_tlm::dmi_record(const dmi_region &r)
{
    for (const dmi_region &o : m_dmi)
        if (o.socket == r.socket && o.in_lo == r.in_lo && o.in_hi == r.in_hi && o.sid == r.sid)
            return;
    // Bounded: a master asking again and again for new windows costs a revocation, not memory.
    if (m_dmi.size() >= k_max_dmi_regions)
        dmi_revoke_all();
    m_dmi.push_back(r);
}

template <typename Pred> void smmu_tlm::dmi_revoke_if(Pred pred)
{
    // Removed before the masters are told: a master may ask for DMI again from its callback.
    std::vector<dmi_region> gone;
    auto it = std::stable_partition(m_dmi.begin(), m_dmi.end(),
                                    [&](const dmi_region &r) { return !pred(r); });
    gone.assign(it, m_dmi.end());
    m_dmi.erase(it, m_dmi.end());
    for (const dmi_region &r : gone) {
        m_stats.dmi_revoked++;
        if (m_tl)
            m_tl->dmi_revoke(r.socket, r.sid, r.in_lo, r.in_hi, trace_time());
        upstream[r.socket]->invalidate_direct_mem_ptr(r.in_lo, r.in_hi);
    }
}

void smmu_tlm::dmi_revoke_all()
{
    dmi_revoke_if([](const dmi_region &) { return true; });
}

// ---------------------------------------------------------------------------------------------
// Environment callbacks
// ---------------------------------------------------------------------------------------------

sc_time smmu_tlm::trace_time()
{
    const sc_time *d = current_delay();
    return sc_core::sc_time_stamp() + (d ? *d : SC_ZERO_TIME);
}

sc_time *smmu_tlm::current_delay()
{
    const void *proc = sc_core::sc_get_current_process_b();
    if (m_entering) {
        m_calls.push_back({proc, m_entering});
        m_entering = nullptr;
    }
    for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it)
        if (it->proc == proc)
            return it->delay;
    return nullptr;
}

// One SMMU-originated access on the walk path, with its PA space and memory type. The
// payload and its extension live on this stack frame: the target may wait() meanwhile.
int smmu_tlm::mem_access(tlm::tlm_command cmd, uint64_t pa, smmu_pa_space pas, void *buf,
                         size_t len, const smmu_mem_attrs *attrs)
{
    if (!m_walk_fw)
        return 1;
    tlm::tlm_generic_payload gp;
    bus_attr_extension ext(pas);
    if (attrs) {
        ext.attrs_valid = true;
        ext.mair = attrs->mair;
        ext.sh = attrs->sh;
    }
    gp.set_command(cmd);
    gp.set_address(pa);
    gp.set_data_ptr(static_cast<unsigned char *>(buf));
    gp.set_data_length(static_cast<unsigned>(len));
    gp.set_streaming_width(static_cast<unsigned>(len));
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    gp.set_extension(&ext);
    sc_time local = SC_ZERO_TIME;
    sc_time *d = current_delay();
    sc_time &delay = d ? *d : local; // no caller (not from a socket call): untimed
    const sc_time start = m_tl ? sc_core::sc_time_stamp() + delay : SC_ZERO_TIME;
    delay += m_cfg.fetch_latency;
    m_walk_fw->b_transport(gp, delay);
    gp.clear_extension(&ext);
    if (m_tl)
        m_tl->access(pa, len, start, sc_core::sc_time_stamp() + delay);
    return gp.is_response_ok() ? 0 : 1;
}

int smmu_tlm::env_mem_read(void *ctx, uint64_t pa, smmu_pa_space pas, void *buf, size_t len,
                           const smmu_mem_attrs *attrs)
{
    return static_cast<smmu_tlm *>(ctx)->mem_access(tlm::TLM_READ_COMMAND, pa, pas, buf, len,
                                                    attrs);
}

int smmu_tlm::env_mem_write(void *ctx, uint64_t pa, smmu_pa_space pas, const void *buf,
                            size_t len, const smmu_mem_attrs *attrs)
{
    return static_cast<smmu_tlm *>(ctx)->mem_access(tlm::TLM_WRITE_COMMAND, pa, pas,
                                                    const_cast<void *>(buf), len, attrs);
}

// HTTU descriptor update. TLM has no atomic: the compare and the write are done through the
// debug interface, where no wait() can let another walk interleave, and timed as two fetches.
// A walk target without debug support gets a timed read and write (atomic only if it does not
// wait in between).
int smmu_tlm::env_mem_cas64(void *ctx, uint64_t pa, smmu_pa_space pas, uint64_t expected,
                            uint64_t desired, uint64_t *old)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    if (!self->m_walk_fw)
        return 1;
    unsigned char b[8];
    auto load = [&]() {
        uint64_t v = 0;
        for (int i = 7; i >= 0; i--)
            v = v << 8 | b[i];
        return v;
    };
    auto store = [&](uint64_t v) {
        for (int i = 0; i < 8; i++)
            b[i] = static_cast<unsigned char>(v >> (8 * i));
    };
    tlm::tlm_generic_payload gp;
    bus_attr_extension ext(pas);
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(pa);
    gp.set_data_ptr(b);
    gp.set_data_length(8);
    gp.set_streaming_width(8);
    gp.set_extension(&ext);
    unsigned got = self->m_walk_fw->transport_dbg(gp);
    bool atomic = got == 8;
    if (atomic) {
        *old = load();
        if (*old == expected) {
            store(desired);
            gp.set_command(tlm::TLM_WRITE_COMMAND);
            atomic = self->m_walk_fw->transport_dbg(gp) == 8;
        }
    }
    gp.clear_extension(&ext);
    if (atomic) {
        if (sc_time *d = self->current_delay())
            *d += self->m_cfg.fetch_latency * 2;
        return 0;
    }
    smmu_mem_attrs wb = {0xff, 3};
    if (self->mem_access(tlm::TLM_READ_COMMAND, pa, pas, b, 8, &wb))
        return 1;
    *old = load();
    if (*old != expected)
        return 0;
    store(desired);
    return self->mem_access(tlm::TLM_WRITE_COMMAND, pa, pas, b, 8, &wb);
}

int smmu_tlm::env_msi_write(void *ctx, uint64_t pa, smmu_pa_space pas, uint32_t data,
                            const smmu_mem_attrs *attrs)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    self->m_stats.msis++;
    if (self->m_tl)
        self->m_tl->msi(pa, pas, data, self->trace_time());
    unsigned char b[4];
    for (int i = 0; i < 4; i++)
        b[i] = static_cast<unsigned char>(data >> (8 * i)); // MSI data is little-endian
    return self->mem_access(tlm::TLM_WRITE_COMMAND, pa, pas, b, 4, attrs);
}

void smmu_tlm::env_irq(void *ctx, smmu_sec_sid bank, smmu_irq_line line)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    unsigned idx = line >= SMMU_IRQ_GPF_FAR ? static_cast<unsigned>(line)
                                            : static_cast<unsigned>(bank) * SMMU_IRQ_LINES_PER_BANK +
                                                  static_cast<unsigned>(line);
    if (idx >= k_irq_lines || line == SMMU_IRQ_LINES_PER_BANK)
        return;
    self->raise_line(idx);
}

// A pulse on interrupt line idx (m_irq_ports), at the local time of the access that caused
// it (temporal decoupling).
void smmu_tlm::raise_line(unsigned idx)
{
    m_stats.irq_pulses++;
    m_irq_pending[idx] = true;
    sc_time *d = current_delay();
    m_irq_event.notify(d ? *d : SC_ZERO_TIME);
    if (m_tl)
        m_tl->irq(m_irq_ports[idx]->basename(), sc_core::sc_time_stamp() + (d ? *d : SC_ZERO_TIME));
}

// Messages are queued and reported once the core call returns: an sc_report action that
// throws must not unwind through the C core.
void smmu_tlm::env_log(void *ctx, smmu_log_level level, const char *msg)
{
    static_cast<smmu_tlm *>(ctx)->m_log_queue.emplace_back(level, msg);
}

void smmu_tlm::report(sc_core::sc_severity severity, const std::string &msg,
                      int verbosity) const
{
    if (severity == sc_core::SC_INFO)
        sc_core::sc_report_handler::report(severity, msg_type(), msg.c_str(), verbosity, m_file,
                                           m_line);
    else
        sc_core::sc_report_handler::report(severity, msg_type(), msg.c_str(), m_file, m_line);
}

void smmu_tlm::set_trace(trace_fn fn)
{
    m_trace = std::move(fn);
    update_observers();
}

void smmu_tlm::observe_write(uint64_t pa, smmu_pa_space pas, const void *data, size_t len)
{
    smmu_observe_write(m_core.get(), pa, pas, data, len);
    flush_log();
}

void smmu_tlm::env_trace(void *ctx, const smmu_trace *t)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    if (self->m_tl || self->m_sig)
        self->observe_record(*t);
    if (self->m_trace)
        self->m_trace(*t);
}

// ---- Observers: timeline and waveforms (docs/observability.md) ----

// The core's trace records feed the trace observer, the timeline and the waveforms; the
// translation path reports to them and to the detailed statistics behind one flag.
void smmu_tlm::update_observers()
{
    m_observe = m_cfg.detailed_stats || m_tl || m_sig;
    if (m_core)
        smmu_set_trace(m_core.get(), m_trace || m_tl || m_sig ? &smmu_tlm::env_trace : nullptr);
}

void smmu_tlm::set_timeline(timeline *tl)
{
    m_tl.reset(tl ? new timeline_probe(*tl, name()) : nullptr);
    update_observers();
}

void smmu_tlm::trace_signals(sc_core::sc_trace_file *tf)
{
    if (!tf || !m_core || m_sig) {
        report(sc_core::SC_ERROR, m_sig ? "trace_signals: called twice"
                                        : "trace_signals: no trace file (or no SMMU core)");
        return;
    }
    std::vector<std::string> lines;
    for (irq_out *p : m_irq_ports)
        lines.push_back(p->basename());
    m_sig = std::make_unique<signal_probe>(tf, name(), m_core.get(), lines);
    update_observers();
}

// A timed translation ended (timed_translate): t0 its start, latency what the SMMU added.
void smmu_tlm::observe(const smmu_txn &x, const smmu_result &r, unsigned level, const sc_time &t0,
                       bool walked, const sc_time &queue, const sc_time &busy,
                       const sc_time &latency)
{
    if (m_cfg.detailed_stats)
        record(x, r, level, walked, queue, busy, latency);
    if (m_tl)
        m_tl->translated(x, r, level, t0, latency, walked, queue, busy);
    if (m_sig) {
        if (walked)
            m_sig->walk(t0 + queue, t0 + queue + busy);
        // A walk or a fault may have moved a queue or raised a global error
        if (walked || !translated(r))
            m_sig->sample(t0 + latency);
    }
}

void smmu_tlm::observe_record(const smmu_trace &t)
{
    const sc_time now = trace_time();
    if (m_tl)
        m_tl->record(t, now);
    if (m_sig) {
        if (t.kind == SMMU_TRACE_COMMAND && t.outcome == SMMU_CERROR_NONE)
            m_sig->command_consumed(static_cast<unsigned>(t.bank), now);
        else if (t.kind == SMMU_TRACE_EVENT) // PROD moved before the record
            m_sig->sample(now);
    }
}

void smmu_tlm::flush_log()
{
    while (!m_log_queue.empty()) {
        std::vector<std::pair<smmu_log_level, std::string>> q;
        q.swap(m_log_queue);
        for (const auto &[level, msg] : q) {
            // A guest programming error is answered architecturally by the SMMU: for the
            // simulation it is a warning, not an error.
            switch (level) {
            case SMMU_LOG_ERROR:
            case SMMU_LOG_WARN: report(sc_core::SC_WARNING, msg); break;
            case SMMU_LOG_INFO: report(sc_core::SC_INFO, msg, sc_core::SC_MEDIUM); break;
            default: report(sc_core::SC_INFO, msg, sc_core::SC_DEBUG); break;
            }
        }
    }
}

void smmu_tlm::env_invalidated(void *ctx, const smmu_inval_notice *n)
{
    // Conservative: the security state is not compared (over-revoking a DMI window only costs
    // the master a new request).
    auto *self = static_cast<smmu_tlm *>(ctx);
    const smmu_inval_notice notice = *n;
    if (notice.all || (!notice.by_stream && !notice.by_address)) {
        self->dmi_revoke_all();
        return;
    }
    const uint64_t last = notice.size ? notice.addr + (notice.size - 1) : notice.addr;
    const uint64_t hi = last < notice.addr ? UINT64_MAX : last;
    self->dmi_revoke_if([&](const dmi_region &r) {
        return (notice.by_stream && r.sid >= notice.sid_first && r.sid <= notice.sid_last) ||
               (notice.by_address && r.in_lo <= hi && notice.addr <= r.in_hi);
    });
}

// ---------------------------------------------------------------------------------------------
// Interrupts and reset
// ---------------------------------------------------------------------------------------------

smmu_tlm::irq_out *smmu_tlm::irq_port(smmu_sec_sid bank, smmu_irq_line line)
{
    if (line == SMMU_IRQ_GPF_FAR || line == SMMU_IRQ_GPT_CFG_FAR)
        return m_irq_ports[line];
    if (static_cast<unsigned>(line) >= SMMU_IRQ_LINES_PER_BANK ||
        static_cast<unsigned>(bank) > SMMU_SEC_REALM)
        return nullptr;
    return m_irq_ports[static_cast<unsigned>(bank) * SMMU_IRQ_LINES_PER_BANK +
                       static_cast<unsigned>(line)];
}

// The only process that writes the interrupt ports (a signal has one writer). Each core
// assertion becomes a pulse of config.irq_pulse; assertions while a line is high extend it
// (the lines are edge-triggered [IHI 0070 3.18.1], so merged pulses are one interrupt).
void smmu_tlm::irq_method()
{
    const sc_time now = sc_core::sc_time_stamp();
    bool any = false;
    sc_time next;
    for (unsigned i = 0; i < m_irq_ports.size(); i++) {
        bool level = m_irq_level[i];
        if (m_irq_clear) {
            m_irq_pending[i] = false;
            level = false;
        } else if (m_irq_pending[i]) {
            m_irq_pending[i] = false;
            level = true;
            m_irq_deadline[i] = now + m_cfg.irq_pulse;
        } else if (level && m_irq_deadline[i] <= now) {
            level = false;
        }
        if (level != m_irq_level[i]) {
            m_irq_level[i] = level;
            if (m_irq_ports[i]->size() > 0)
                (*m_irq_ports[i])->write(level);
            if (m_sig)
                m_sig->irq(i, level);
        }
        if (level && (!any || m_irq_deadline[i] < next)) {
            next = m_irq_deadline[i];
            any = true;
        }
    }
    m_irq_clear = false;
    if (any)
        m_irq_event.notify(next > now ? next - now : SC_ZERO_TIME);
}

void smmu_tlm::reset_method()
{
    if (reset->read())
        reset_smmu();
}

void smmu_tlm::reset_smmu()
{
    smmu_reset(m_core.get());
    flush_log();
    dmi_revoke_all();
    m_irq_clear = true;
    m_irq_event.notify(SC_ZERO_TIME);
    if (m_sig)
        m_sig->sample(sc_core::sc_time_stamp());
}

// The core refused a transaction as an API error: a stream_extension no bus can carry (a
// SEC_SID that is no Security state). Answered with an address error; reported once.
void smmu_tlm::warn_refused(const smmu_txn &txn, smmu_status st)
{
    if (m_warned_refused)
        return;
    m_warned_refused = true;
    char what[160];
    std::snprintf(what, sizeof(what),
                  "StreamID 0x%x SEC_SID %u: the core refused the transaction (%s): answered with "
                  "an address error (reported once)",
                  static_cast<unsigned>(txn.sid), static_cast<unsigned>(txn.sec),
                  smmu_strerror(st));
    report(sc_core::SC_WARNING, what);
}

void smmu_tlm::warn_no_stream_ext(int id)
{
    const auto idx = static_cast<size_t>(id);
    if (idx >= m_warned_no_ext.size())
        m_warned_no_ext.resize(idx + 1, false);
    if (m_warned_no_ext[idx])
        return;
    m_warned_no_ext[idx] = true;
    const uint32_t sid = idx < m_cfg.default_sid.size() ? m_cfg.default_sid[idx] : 0;
    char sid_hex[16];
    std::snprintf(sid_hex, sizeof(sid_hex), "0x%x", static_cast<unsigned>(sid));
    report(sc_core::SC_WARNING, "upstream socket " + std::to_string(id) +
                                    ": transaction without a stream_extension; using StreamID " +
                                    sid_hex + ", Non-secure (reported once)");
}

// ---- PRI [IHI 0070 ch. 8, 4.5.2] ----

// A payload with a page_request_extension is a Page Request message: the core takes it (PRI
// queue entry or automatic response); nothing is forwarded.
void smmu_tlm::pri_page_request(tlm::tlm_generic_payload &t, page_request_extension &pr,
                                sc_time &delay)
{
    smmu_status st;
    {
        call_scope scope(*this, delay);
        st = smmu_pri_page_request(m_core.get(), &pr.request);
    }
    if (m_sig)
        m_sig->sample(sc_core::sc_time_stamp() + delay);
    t.set_response_status(st == SMMU_OK ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
}

// A PRG response (CMD_PRI_RESP, or automatic): queued for prg_response_thread, at the local
// time of the call that produced it (the core may be inside a CPU's register write).
void smmu_tlm::env_pri_response(void *ctx, const smmu_pri_response *r)
{
    auto *self = static_cast<smmu_tlm *>(ctx);
    self->m_prg_responses.push_back(*r);
    sc_time *d = self->current_delay();
    self->m_prg_event.notify(d ? *d : SC_ZERO_TIME);
}

void smmu_tlm::prg_response_thread()
{
    for (;;) {
        if (m_prg_responses.empty())
            sc_core::wait(m_prg_event);
        while (!m_prg_responses.empty()) {
            const smmu_pri_response r = m_prg_responses.front();
            m_prg_responses.pop_front();
            if (endpoint_out.size() == 0) {
                if (!m_warned_no_endpoint)
                    report(sc_core::SC_WARNING, "a PRG response is sent but endpoint_out is "
                                                "unbound: PRG responses are dropped");
                m_warned_no_endpoint = true;
                continue;
            }
            endpoint_msg_extension ext;
            ext.kind = endpoint_msg_extension::prg_response;
            ext.response = r;
            unsigned char code[4] = {static_cast<unsigned char>(r.code), 0, 0, 0};
            tlm::tlm_generic_payload gp;
            gp.set_command(tlm::TLM_WRITE_COMMAND);
            gp.set_address(r.sid);
            gp.set_data_ptr(code);
            gp.set_data_length(sizeof(code));
            gp.set_streaming_width(sizeof(code));
            gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            gp.set_extension(&ext);
            sc_time d = SC_ZERO_TIME;
            endpoint_out->b_transport(gp, d);
            gp.clear_extension(&ext);
            if (gp.is_response_error()) {
                char sid_hex[16];
                std::snprintf(sid_hex, sizeof(sid_hex), "0x%x", static_cast<unsigned>(r.sid));
                report(sc_core::SC_WARNING, std::string("the PRG response to StreamID ") +
                                                sid_hex + " got " + gp.get_response_string());
            }
            if (d != SC_ZERO_TIME)
                sc_core::wait(d);
        }
    }
}

} // namespace smmuv3
