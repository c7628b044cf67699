// SPDX-License-Identifier: Apache-2.0
//
// Waveforms of an smmu_tlm: queue pointers, occupancy, GERROR, interrupt lines and
// outstanding walks, traced with sc_trace (signal_probe.h; docs/observability.md).
#define SC_INCLUDE_DYNAMIC_PROCESSES // sc_spawn: the process that applies the changes
#include "signal_probe.h"

#include "smmuv3/arch.h"

namespace smmuv3 {

using sc_core::sc_time;

namespace {

const char *const k_bank_names[] = {"ns", "s", "realm"};
const char *const k_reg_names[] = {"cmdq_prod", "cmdq_cons", "eventq_prod", "eventq_cons",
                                   "priq_prod", "priq_cons", "gerror",   "gerrorn"};
const char *const k_queue_names[] = {"cmdq_occupancy", "eventq_occupancy", "priq_occupancy"};

} // namespace

signal_probe::signal_probe(sc_core::sc_trace_file *tf, const std::string &prefix, smmu_t *core,
                           const std::vector<std::string> &irq_lines)
    : m_core(core), m_cfg(smmu_get_config(core)), m_irq(new bool[irq_lines.size()]())
{
    // The programming interfaces [IHI 0070 6.2]: Non-secure (pages 0 and 1), Secure (its
    // registers at +0x8000 of page 0, its event queue pointers there too), Realm (RME DA, its
    // own pages 0 and 1). Only the Non-secure one has a PRI queue in this model.
    m_bank[0] = {true, 0, SMMU_PAGE1_OFFSET, SMMU_PAS_NS, m_cfg->pri};
    m_bank[1] = {m_cfg->secure_impl, SMMU_S_BANK_OFFSET, SMMU_S_BANK_OFFSET, SMMU_PAS_SECURE,
                 false};
    const uint64_t realm = SMMU_REALM_BASE(m_cfg->ba_realm);
    m_bank[2] = {m_cfg->realm_impl, realm, realm + SMMU_PAGE1_OFFSET, SMMU_PAS_REALM, false};
    for (unsigned b = 0; b < k_banks; b++) {
        bank_trace &t = m_bank[b];
        if (!t.present)
            continue;
        const std::string p = prefix + "." + k_bank_names[b] + ".";
        for (unsigned r = 0; r < k_regs; r++)
            if (t.priq || (r != PRIQ_PROD && r != PRIQ_CONS))
                sc_core::sc_trace(tf, t.reg[r], p + k_reg_names[r], 32);
        for (unsigned q = 0; q < k_queues; q++)
            if (t.priq || q != PRIQ)
                sc_core::sc_trace(tf, t.occupancy[q], p + k_queue_names[q], 32);
        // GERROR bits differing from GERRORN: the active global errors [7.5]
        sc_core::sc_trace(tf, t.gerror_active, p + "gerror_active", 32);
    }
    for (size_t i = 0; i < irq_lines.size(); i++)
        sc_core::sc_trace(tf, m_irq[i], prefix + "." + irq_lines[i]);
    sc_core::sc_trace(tf, m_walks, prefix + ".outstanding_walks", 32);

    sc_core::sc_spawn_options o;
    o.spawn_method();
    o.set_sensitivity(&m_event);
    o.dont_initialize();
    sc_core::sc_spawn([this] { apply_method(); }, sc_core::sc_gen_unique_name("signal_probe"), &o);
}

// The registers of every bank, into m_latest (side-effect-free reads of valid offsets, also
// from inside a trace record).
void signal_probe::read_all()
{
    for (unsigned b = 0; b < k_banks; b++) {
        const bank_trace &t = m_bank[b];
        if (!t.present)
            continue;
        auto rd = [&](uint64_t off, unsigned size) {
            uint64_t v = 0;
            smmu_reg_read(m_core, off, size, t.pas, &v);
            return v;
        };
        bank_regs &r = m_latest[b];
        r.reg[CMDQ_PROD] = static_cast<uint32_t>(rd(t.page0 + SMMU_CMDQ_PROD, 4));
        r.reg[CMDQ_CONS] = static_cast<uint32_t>(rd(t.page0 + SMMU_CMDQ_CONS, 4));
        r.reg[EVTQ_PROD] = static_cast<uint32_t>(rd(t.page1 + SMMU_EVENTQ_PROD, 4));
        r.reg[EVTQ_CONS] = static_cast<uint32_t>(rd(t.page1 + SMMU_EVENTQ_CONS, 4));
        if (t.priq) {
            r.reg[PRIQ_PROD] = static_cast<uint32_t>(rd(t.page1 + SMMU_PRIQ_PROD, 4));
            r.reg[PRIQ_CONS] = static_cast<uint32_t>(rd(t.page1 + SMMU_PRIQ_CONS, 4));
            r.log2size[PRIQ] = smmu_queue_log2size(rd(t.page0 + SMMU_PRIQ_BASE, 8),
                                                   m_cfg->priq_log2max);
        }
        r.reg[GERROR] = static_cast<uint32_t>(rd(t.page0 + SMMU_GERROR, 4));
        r.reg[GERRORN] = static_cast<uint32_t>(rd(t.page0 + SMMU_GERRORN, 4));
        r.log2size[CMDQ] = smmu_queue_log2size(rd(t.page0 + SMMU_CMDQ_BASE, 8),
                                               m_cfg->cmdq_log2max);
        r.log2size[EVTQ] = smmu_queue_log2size(rd(t.page0 + SMMU_EVENTQ_BASE, 8),
                                               m_cfg->eventq_log2max);
    }
}

void signal_probe::sample(const sc_time &at)
{
    read_all();
    post_latest(at);
}

// The COMMAND record comes before CONS moves past the command: shown moved at the record's
// time (the command is consumed then [4.1.3]).
void signal_probe::command_consumed(unsigned bank, const sc_time &at)
{
    read_all();
    if (bank < k_banks && m_bank[bank].present) {
        uint32_t &cons = m_latest[bank].reg[CMDQ_CONS];
        const unsigned qs = m_latest[bank].log2size[CMDQ];
        cons = (cons & ~smmu_queue_wrap_mask(qs)) | smmu_queue_inc(cons, qs); // ERR kept
    }
    post_latest(at);
}

void signal_probe::post_latest(const sc_time &at)
{
    change c;
    c.at = at;
    c.regs = true;
    c.walks = 0;
    for (unsigned b = 0; b < k_banks; b++)
        c.bank[b] = m_latest[b];
    post(c);
}

void signal_probe::walk(const sc_time &begin, const sc_time &end)
{
    change c;
    c.regs = false;
    c.at = begin;
    c.walks = 1;
    post(c);
    c.at = end;
    c.walks = -1;
    post(c);
}

void signal_probe::post(change &c)
{
    const sc_time now = sc_core::sc_time_stamp();
    if (c.at < now)
        c.at = now;
    c.seq = m_seq++;
    m_pending.push(c);
    m_event.notify(c.at - now);
}

void signal_probe::irq(unsigned idx, bool level)
{
    m_irq[idx] = level;
}

// The only writer of the traced values: each change at its time, in the order reported.
void signal_probe::apply_method()
{
    const sc_time now = sc_core::sc_time_stamp();
    while (!m_pending.empty() && m_pending.top().at <= now) {
        const change &c = m_pending.top();
        if (c.regs) {
            for (unsigned b = 0; b < k_banks; b++)
                if (m_bank[b].present)
                    set_bank(b, c.bank[b]);
        } else {
            m_walks = static_cast<uint32_t>(static_cast<int>(m_walks) + c.walks);
        }
        m_pending.pop();
    }
    if (!m_pending.empty())
        m_event.notify(m_pending.top().at - now);
}

void signal_probe::set_bank(unsigned b, const bank_regs &r)
{
    bank_trace &t = m_bank[b];
    for (unsigned i = 0; i < k_regs; i++)
        t.reg[i] = r.reg[i];
    // Entries between CONS and PROD, the wrap bit included [3.5]
    const unsigned prod[] = {CMDQ_PROD, EVTQ_PROD, PRIQ_PROD};
    const unsigned cons[] = {CMDQ_CONS, EVTQ_CONS, PRIQ_CONS};
    for (unsigned q = 0; q < k_queues; q++) {
        const uint32_t m = smmu_queue_wrap_mask(r.log2size[q]);
        t.occupancy[q] = ((r.reg[prod[q]] & m) - (r.reg[cons[q]] & m)) & m;
    }
    t.gerror_active = r.reg[GERROR] ^ r.reg[GERRORN];
}

} // namespace smmuv3
