/* SPDX-License-Identifier: Apache-2.0 */
/*
 * smmu-explain: load a state file (a platform's --dump), restore the SMMU it describes and
 * explain one transaction's whole path in plain words: programming interface, stream table,
 * STE, CD, every descriptor of every stage, the result or the fault with its event record and
 * the core's diagnostics. The translation is a debug one (SMMU_TXN_DEBUG): nothing in the
 * restored instance changes. For a fault, the event record is produced by a second, ordinary
 * translation in a throw-away instance restored from the same state. Also prints the event
 * queues of the dump (--events).
 *
 * With RME (a Root control page in the state), Realm streams (--sec realm) use the Realm
 * interface, and when ROOT_CR0.GPCEN is set every table fetch and the output access are shown
 * with their granule protection check: the GPT entries read (tools/decode/gpt.h, for display)
 * and the GPI found. Whether an access passed is the core's answer; for a GPC fault the
 * ROOT_GPF_FAR / ROOT_GPT_CFG_FAR shown is what the core records in a throw-away instance, and
 * the address that was refused comes from a third instance with GPCEN cleared. See
 * docs/tools.md.
 */
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "common/hexutil.h"
#include "decode.h"
#include "explain/path.h"
#include "explain/svg.h"
#include "gpt.h"
#include "smmu_state.h"
#include "state_memory.h"

extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmuv3::tools;

namespace {

/* "Name = value" lines for the fields of a decoded structure worth showing (shown_fields). */
std::string key_fields(const decoded &d, const char *indent)
{
    std::ostringstream o;
    for (const auto &f : shown_fields(d))
        o << indent << f.first << " = " << f.second << "\n";
    return o.str();
}

using step = explain_step;

struct session {
    smmu_state st;
    std::unique_ptr<state_memory> mem;
    smmu_t *smmu = nullptr;
    std::vector<step> steps;
    ~session() { smmu_destroy(smmu); }

    bool open(const smmu_state &s, std::string *err)
    {
        st = s;
        mem = std::make_unique<state_memory>(st.memory);
        smmu = restore_state(st, mem->env(), err);
        if (!smmu)
            return false;
        /* Only what the transaction does from here on. */
        mem->on_log = [this](smmu_log_level l, const char *m) {
            step x;
            x.is_log = true;
            x.level = l;
            x.msg = m;
            steps.push_back(x);
        };
        mem->on_trace = [this](const smmu_trace *t) {
            step x;
            x.kind = t->kind;
            x.bank = t->bank;
            x.stage = t->stage;
            x.level_ = t->level;
            x.addr = t->addr;
            x.pas = t->pas;
            if (t->words)
                x.words.assign(t->words, t->words + t->nwords);
            if (t->result)
                x.result = *t->result;
            steps.push_back(x);
        };
        mem->misses.clear();
        return true;
    }
};

const char *level_name(smmu_log_level l)
{
    switch (l) {
    case SMMU_LOG_ERROR: return "error";
    case SMMU_LOG_WARN: return "warning";
    case SMMU_LOG_INFO: return "info";
    default: return "debug";
    }
}

std::string bank_prefix(smmu_sec_sid sec)
{
    return sec == SMMU_SEC_SECURE ? "SMMU_S_" : sec == SMMU_SEC_REALM ? "SMMU_R_" : "SMMU_";
}

void explain_bank(const smmu_state &st, smmu_sec_sid sec)
{
    std::string pfx = bank_prefix(sec);
    uint64_t cr0 = 0, base = 0, cfg = 0, gbpa = 0;
    state_reg(st, pfx + "CR0", &cr0);
    state_reg(st, pfx + "STRTAB_BASE", &base);
    state_reg(st, pfx + "STRTAB_BASE_CFG", &cfg);
    state_reg(st, pfx + "GBPA", &gbpa);
    std::cout << "Programming interface: " << sec_words(sec) << " (" << pfx << "*)\n";
    if (!(cr0 & SMMU_CR0_SMMUEN)) {
        std::cout << "  SMMUEN = 0: translation disabled; GBPA = " << hex(gbpa) << " ("
                  << ((gbpa & SMMU_GBPA_ABORT) ? "abort all" : "bypass") << ")\n";
        return;
    }
    unsigned fmt = (unsigned)SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_FMT, cfg);
    unsigned l2 = (unsigned)SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_LOG2SIZE, cfg);
    std::cout << "  SMMUEN = 1; stream table at " << hex(base & SMMU_STRTAB_BASE_ADDR) << ", "
              << (fmt == 1 ? "2-level (SPLIT " + std::to_string(SMMU_FIELD_GET(SMMU_STRTAB_BASE_CFG_SPLIT, cfg)) + ")"
                           : std::string("linear"))
              << ", LOG2SIZE " << l2 << " (" << (UINT64_C(1) << std::min(l2, 32u)) << " StreamIDs)\n";
}

/* ---- RME: the Root control page and granule protection checks [IHI 0070 3.25] ---- */

struct gpc_state {
    bool rme = false; /* the state has a Root control page */
    bool on = false;  /* ROOT_CR0.GPCEN and ACCESSEN: every access is checked */
    uint64_t cr0 = 0, base = 0, cfg = 0;
};

gpc_state gpc_of(const smmu_state &st)
{
    gpc_state g;
    g.rme = st.cfg.rme_impl && state_reg(st, "SMMU_ROOT_CR0", &g.cr0);
    state_reg(st, "SMMU_ROOT_GPT_BASE", &g.base);
    state_reg(st, "SMMU_ROOT_GPT_BASE_CFG", &g.cfg);
    g.on = g.rme && (g.cr0 & SMMU_ROOT_CR0_GPCEN) && (g.cr0 & SMMU_ROOT_CR0_ACCESSEN);
    return g;
}

void explain_root(const smmu_state &st, const gpc_state &g)
{
    if (!g.rme)
        return;
    uint64_t w = g.cfg;
    std::cout << "Root control page (RME): ROOT_CR0 = " << hex(g.cr0) << " (ACCESSEN "
              << ((g.cr0 & SMMU_ROOT_CR0_ACCESSEN) ? 1 : 0) << ", GPCEN "
              << ((g.cr0 & SMMU_ROOT_CR0_GPCEN) ? 1 : 0) << "): "
              << (!(g.cr0 & SMMU_ROOT_CR0_ACCESSEN) ? "every access is refused as a GPF (ACCESSEN = 0)"
                  : g.on                       ? "granule protection checks on"
                                               : "no granule protection checks")
              << "\n  ROOT_GPT_BASE = " << hex(g.base) << ", ROOT_GPT_BASE_CFG = " << hex(g.cfg)
              << ": " << decode(structure::gpt_base_cfg, &w).summary << "\n";
    for (structure far_s : {structure::gpf_far, structure::gpt_cfg_far}) {
        uint64_t far = 0;
        const char *name = structure_title(far_s); /* "SMMU_ROOT_GPF_FAR", ... */
        if (state_reg(st, name, &far) && (far & SMMU_ROOT_FAR_FAULT))
            std::cout << "  " << name << " in the dump = " << hex(far, 16) << ": "
                      << decode(far_s, &far).summary << "\n";
    }
}

/* The GPT lookup of an access, for display: every entry read (full) or just the GPI. */
void print_gpc(const state_memory &mem, const gpc_state &g, uint64_t pa, smmu_pa_space pas,
               const std::string &indent, bool full)
{
    gpt_view v = gpt_lookup(g.base, g.cfg, pa, [&](uint64_t a, uint64_t *d) {
        uint8_t b[8];
        if (!mem.read(a, SMMU_PAS_ROOT, b, 8))
            return false;
        *d = 0;
        for (unsigned i = 0; i < 8; i++)
            *d |= (uint64_t)b[i] << (8 * i);
        return true;
    });
    std::string who = std::string("a ") + pas_words(pas) + " access";
    if (full) {
        std::cout << indent << "Granule protection check of " << pas_words(pas) << " PA " << hex(pa)
                  << " (GPT at Root PA " << hex(g.base & SMMU_ROOT_GPT_BASE_ADDR) << "):\n";
        for (const std::string &l : v.lines)
            std::cout << indent << "  " << l << "\n";
        if (v.have_gpi)
            std::cout << indent << "  GPI " << format_field(4, v.gpi) << " (" << gpi_name(v.gpi)
                      << "): " << who
                      << (gpi_permits(v.gpi, pas) ? " may use this granule"
                                                  : " may not use this granule")
                      << "\n";
        else
            std::cout << indent << "  no GPI: " << v.stop << "\n";
        return;
    }
    std::cout << indent << "GPC: " << pas_words(pas) << " " << hex(pa) << ": ";
    if (v.have_gpi)
        std::cout << "GPI " << format_field(4, v.gpi) << " (" << gpi_name(v.gpi) << "), "
                  << (gpi_permits(v.gpi, pas) ? "permitted" : "not permitted") << "\n";
    else
        std::cout << v.stop << "\n";
}

/* The Root FARs of an instance (after a translation): what the core recorded. */
bool read_far(smmu_t *smmu, const smmu_config &cfg, bool cfg_far, uint64_t *far)
{
    *far = 0;
    return smmu_reg_read(
               smmu, cfg.root_page_offset + (cfg_far ? SMMU_ROOT_GPT_CFG_FAR : SMMU_ROOT_GPF_FAR),
               8, SMMU_PAS_ROOT, far) == SMMU_OK &&
           (*far & SMMU_ROOT_FAR_FAULT);
}

smmu_pa_space fpas_space(uint64_t far)
{
    static const smmu_pa_space p[4] = {SMMU_PAS_SECURE, SMMU_PAS_NS, SMMU_PAS_ROOT, SMMU_PAS_REALM};
    return p[SMMU_FIELD_GET(SMMU_ROOT_FAR_FPAS, far)];
}

/* The GPC faults an ordinary translation in `rec` recorded, explained; false if none. */
bool explain_gpc_faults(const session &rec, const smmu_state &st, const gpc_state &g,
                        const smmu_txn &txn, explained *out)
{
    bool any = false;
    for (bool cfg_far : {false, true}) {
        uint64_t far;
        if (!read_far(rec.smmu, st.cfg, cfg_far, &far))
            continue;
        any = true;
        decoded d = decode(cfg_far ? structure::gpt_cfg_far : structure::gpf_far, &far);
        out->fault_records.push_back(d);
        std::cout << "  " << d.title << " (as the SMMU records it) = " << hex(far, 16) << ": "
                  << d.summary << "\n";
        smmu_pa_space pas = fpas_space(far);
        uint64_t pa = far & SMMU_ROOT_FAR_FADDR;
        if (SMMU_FIELD_GET(SMMU_ROOT_FAR_REASON, far) == 3) {
            /* The output access: its exact address, from the same state with GPCEN cleared */
            smmu_state off = st;
            for (reg_value &r : off.regs)
                if (r.pas == SMMU_PAS_ROOT && r.offset == st.cfg.root_page_offset + SMMU_ROOT_CR0)
                    r.value &= ~(uint64_t)SMMU_ROOT_CR0_GPCEN;
            session o;
            std::string err;
            smmu_result r{};
            smmu_txn t = txn;
            t.flags |= SMMU_TXN_DEBUG;
            if (o.open(off, &err) && smmu_translate(o.smmu, &t, &r) == SMMU_OK &&
                (r.outcome == SMMU_XLATE_OK || r.outcome == SMMU_XLATE_BYPASS)) {
                std::cout << "  The translation gives " << pas_words(r.pas) << " PA " << hex(r.pa)
                          << "; the check of that output access fails.\n";
                pa = r.pa;
                pas = r.pas;
            }
        }
        if (!(g.cr0 & SMMU_ROOT_CR0_ACCESSEN))
            std::cout << "  ROOT_CR0.ACCESSEN is 0: every access is refused as a GPF, whatever the "
                         "GPT says "
                         "(IHI 0070 6.3.112).\n";
        else
            print_gpc(*rec.mem, g, pa, pas, "  ", true);
    }
    return any;
}

/* gpc_mem: the dump's memory when granule protection checks are on (each fetch's check is
 * shown), else NULL. The steps are decoded (decode_steps). */
void print_steps(const std::vector<step> &steps, const smmu_txn &txn, const state_memory *gpc_mem,
                 const gpc_state &g)
{
    for (const step &x : steps) {
        if (x.is_log) {
            std::cout << "  [" << level_name(x.level) << "] " << x.msg << "\n";
            continue;
        }
        const decoded &d = x.d;
        switch (x.kind) {
        case SMMU_TRACE_L1STD:
            std::cout << "L1STD at " << hex(x.addr) << " (" << pas_words(x.pas) << ") = "
                      << hex(x.words[0], 16) << ": " << d.summary << "\n";
            break;
        case SMMU_TRACE_STE:
            std::cout << "STE for StreamID " << hex(txn.sid) << " at " << hex(x.addr) << " ("
                      << pas_words(x.pas) << "): " << d.summary << "\n" << key_fields(d, "    ");
            break;
        case SMMU_TRACE_L1CD:
            std::cout << "L1CD at " << hex(x.addr) << " (" << pas_words(x.pas) << ") = "
                      << hex(x.words[0], 16) << ": " << d.summary << "\n";
            break;
        case SMMU_TRACE_CD:
            std::cout << "CD at " << hex(x.addr) << " (" << pas_words(x.pas) << "): " << d.summary
                      << "\n" << key_fields(d, "    ");
            break;
        case SMMU_TRACE_DESC:
            std::cout << "Stage " << x.stage << " level " << x.level_ << ": descriptor at "
                      << hex(x.addr) << " (" << pas_words(x.pas) << ") = " << hex(x.words[0], 16)
                      << "\n    " << d.title << ": " << d.summary << "\n"
                      << key_fields(d, "      ");
            break;
        case SMMU_TRACE_EVENT:
            std::cout << "Event record written at " << hex(x.addr) << ": " << d.title << "\n"
                      << key_fields(d, "    ");
            break;
        default:
            break;
        }
        if (gpc_mem &&
            (x.kind == SMMU_TRACE_L1STD || x.kind == SMMU_TRACE_STE || x.kind == SMMU_TRACE_L1CD ||
             x.kind == SMMU_TRACE_CD || x.kind == SMMU_TRACE_DESC))
            print_gpc(*gpc_mem, g, x.addr, x.pas, "    ", false);
    }
}

/* Explain txn on stdout; *out gets what the drawing needs. */
int explain_txn(const std::string &path, const smmu_state &st, const smmu_txn &txn,
                explained *out)
{
    session s;
    std::string err;
    if (!s.open(st, &err)) {
        std::cerr << "smmu-explain: " << path << ": " << err << "\n";
        return 2;
    }
    std::cout << "Transaction: " << (txn.access == SMMU_ACCESS_WRITE ? "write" : "read") << " of "
              << hex(txn.addr) << " by StreamID " << hex(txn.sid);
    if (txn.ssv)
        std::cout << " SubstreamID " << hex(txn.ssid);
    std::cout << " (" << sec_words(txn.sec) << "), "
              << ((txn.flags & SMMU_TXN_PRIV) ? "privileged" : "unprivileged") << " "
              << ((txn.flags & SMMU_TXN_INSTR) ? "instruction" : "data") << " access\n";

    smmu_result r{};
    smmu_txn t = txn;
    t.flags |= SMMU_TXN_DEBUG;
    smmu_status ts = smmu_translate(s.smmu, &t, &r);
    if (ts != SMMU_OK) {
        std::cerr << "smmu-explain: --sid/--ssid/--addr: the model refuses the transaction: "
                  << smmu_strerror(ts) << "\n";
        return 2;
    }
    /* The interface the core chose (its TXN record) */
    smmu_sec_sid bank = SMMU_SEC_NS;
    for (const step &x : s.steps)
        if (!x.is_log && x.kind == SMMU_TRACE_TXN)
            bank = x.bank;
    if (txn.sec != bank)
        std::cout << "  (" << (txn.sec == SMMU_SEC_SECURE ? "SECURE_IMPL" : "REALM_IMPL")
                  << " = 0: a " << sec_words(txn.sec) << " SEC_SID is treated as Non-secure)\n";
    gpc_state g = gpc_of(st);
    explain_root(st, g);
    explain_bank(st, bank);

    decode_steps(&s.steps, txn);
    out->txn = txn;
    out->steps = s.steps;
    out->result = r;
    print_steps(s.steps, txn, g.on ? s.mem.get() : nullptr, g);
    for (const auto &m : s.mem->misses)
        std::cout << "  note: " << hex(m.second) << " (" << pas_words(m.first)
                  << ") is outside the memory of the dump: read as an external abort\n";

    switch (r.outcome) {
    case SMMU_XLATE_OK:
    case SMMU_XLATE_BYPASS:
        std::cout << "Result: " << (r.outcome == SMMU_XLATE_OK ? "translated" : "bypassed")
                  << " to PA " << hex(r.pa) << " (" << pas_words(r.pas) << " PA space)\n"
                  << "  memory type: MAIR " << hex(r.mair, 2) << " (" << mair_words(r.mair)
                  << "), " << sh_words(r.sh) << "\n"
                  << "  permissions: " << perm_words(r.perm) << "; mapping " << hex(r.map_base)
                  << " + " << hex(r.map_size) << " -> " << hex(r.pa - (txn.addr - r.map_base)) << "\n";
        if (g.on) {
            print_gpc(*s.mem, g, r.pa, r.pas, "  ", true);
            std::cout << "  The granule protection check passed (the mapping is narrowed to one "
                         "granule).\n";
        }
        return 0;
    case SMMU_XLATE_ABORT: {
        session rec;
        smmu_result r2{};
        if (g.rme && rec.open(st, &err) && smmu_translate(rec.smmu, &txn, &r2) == SMMU_OK) {
            uint64_t far;
            if (read_far(rec.smmu, st.cfg, false, &far) || read_far(rec.smmu, st.cfg, true, &far)) {
                std::cout
                    << "Result: external abort by the granule protection check (no event record: "
                       "IHI 0070 3.25.3)\n";
                out->gpc_abort = true;
                explain_gpc_faults(rec, st, g, txn, out);
                return 0;
            }
        }
        std::cout << "Result: aborted without an event (STE.Config 0b0xx, GBPA.ABORT or bypass "
                     "disallowed)\n";
        return 0;
    }
    case SMMU_XLATE_RAZWI:
    case SMMU_XLATE_FAULT:
    case SMMU_XLATE_STALLED:
        break;
    }
    std::cout << "Result: "
              << (r.outcome == SMMU_XLATE_RAZWI ? "RAZ/WI after "
                  : r.outcome == SMMU_XLATE_STALLED ? "stalled (held until CMD_RESUME) by "
                                                    : "fault ")
              << smmu_event_name(r.event) << " (" << hex(r.event, 2) << ")\n";
    /* The record the SMMU would write: an ordinary translation in a throw-away instance. */
    session rec;
    if (!rec.open(st, &err))
        return 0;
    smmu_result r2{};
    smmu_translate(rec.smmu, &txn, &r2);
    bool written = false;
    for (const step &x : rec.steps)
        if (!x.is_log && x.kind == SMMU_TRACE_EVENT) {
            decoded d = decode(structure::evt, x.words.data());
            out->fault_records.push_back(d);
            std::cout << "Event record (as the SMMU would write it to the event queue at "
                      << hex(x.addr) << "):\n" << key_fields(d, "    ");
            written = true;
        }
    if (!written)
        std::cout << "  No event record would be written (event queue disabled, full, or the "
                     "fault is not recorded for this stream).\n";
    if (g.rme)
        explain_gpc_faults(rec, st, g, txn, out);
    return 0;
}

void print_event_queue(const smmu_state &st, smmu_sec_sid sec)
{
    std::string pfx = bank_prefix(sec);
    uint64_t base = 0, prod = 0, cons = 0, cr0 = 0;
    if (!state_reg(st, pfx + "EVENTQ_BASE", &base))
        return;
    state_reg(st, pfx + "EVENTQ_PROD", &prod);
    state_reg(st, pfx + "EVENTQ_CONS", &cons);
    state_reg(st, pfx + "CR0", &cr0);
    unsigned qs = smmu_queue_log2size(base, st.cfg.eventq_log2max);
    uint64_t pa = smmu_queue_base_pa(base, qs, SMMU_EVTQ_ENTRY_BYTES);
    smmu_pa_space pas = sec == SMMU_SEC_SECURE  ? SMMU_PAS_SECURE
                        : sec == SMMU_SEC_REALM ? SMMU_PAS_REALM
                                                : SMMU_PAS_NS;
    uint32_t n = (uint32_t)((prod - cons) & smmu_queue_wrap_mask(qs));
    if (n > (UINT32_C(1) << qs))
        n = UINT32_C(1) << qs;
    std::cout << sec_words(sec) << " event queue at " << hex(pa) << " (" << (UINT64_C(1) << qs)
              << " entries, EVENTQEN " << ((cr0 & SMMU_CR0_EVENTQEN) ? 1 : 0) << "): PROD " << hex(prod)
              << ", CONS " << hex(cons) << ", " << n << " record" << (n == 1 ? "" : "s")
              << " pending" << (((prod ^ cons) & SMMU_Q_PROD_OVFLG) ? ", overflow" : "") << "\n";
    state_memory mem(st.memory);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx = (uint32_t)((cons + i) & smmu_queue_idx_mask(qs));
        uint64_t a = pa + (uint64_t)idx * SMMU_EVTQ_ENTRY_BYTES;
        uint8_t b[SMMU_EVTQ_ENTRY_BYTES];
        if (!mem.read(a, pas, b, sizeof(b))) {
            std::cout << "  [" << idx << "] at " << hex(a) << ": not in the dump\n";
            continue;
        }
        uint64_t w[4] = {};
        for (unsigned j = 0; j < sizeof(b); j++)
            w[j / 8] |= (uint64_t)b[j] << (8 * (j % 8));
        decoded d = decode(structure::evt, w);
        std::cout << "  [" << idx << "] at " << hex(a) << ": " << d.title << "\n"
                  << key_fields(d, "      ");
    }
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{
        "smmu-explain: explain one transaction's path through an SMMU state dump.\n"
        "\n"
        "  smmu-explain dump.json --sid 1 --addr 0x12345010 --read\n"
        "  smmu-explain dump.json --sid 2 --ssid 3 --addr 0x8000 --write --priv\n"
        "  smmu-explain dump.json --sec realm --sid 0x50 --addr 0x10000000\n"
        "  smmu-explain dump.json --events\n"
        "\n"
        "The translation is a debug access (SMMU_TXN_DEBUG): no events, no cache fills, no\n"
        "HTTU updates. Exit status: 0 explained, 2 bad input (an option, or a state file that cannot\n"
        "be read or restored; the message names the option or the place in the file)."};
    app.set_help_flag("-h,--help", "Print this help and exit");
    std::string path, sec = "ns", addr_text;
    uint32_t sid = 0, ssid = 0;
    bool write = false, read = false, priv = false, instr = false, events = false;
    app.add_option("state", path, "State file (JSON, from a platform's --dump)")->required();
    auto *sid_opt = app.add_option("--sid", sid, "StreamID");
    auto *ssid_opt = app.add_option("--ssid", ssid, "SubstreamID (sets SSV)");
    app.add_option("--sec", sec, "SEC_SID: ns, secure or realm")
        ->check(CLI::IsMember({"ns", "secure", "realm"}));
    auto *addr_opt = app.add_option("--addr", addr_text, "Input address (VA or IPA), hex");
    auto *rd = app.add_flag("--read", read, "A read (the default)");
    app.add_flag("--write", write, "A write")->excludes(rd);
    app.add_flag("--priv", priv, "Privileged (PnU = 1)");
    app.add_flag("--instr", instr, "Instruction fetch (InD = 1; reads only)");
    app.add_flag("--events", events, "Print the event queues of the dump, decoded");
    std::string svg_path, html_path;
    app.add_option("--svg", svg_path,
                   "Also draw the translation's path (STE, CD, each level, stage-2 walks, PA or "
                   "fault) as SVG to this file");
    app.add_option("--html", html_path,
                   "Also write a static HTML page with the drawing and the explanation");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        int rc = app.exit(e);
        return rc ? 2 : 0;
    }
    if ((!svg_path.empty() || !html_path.empty()) && (!*sid_opt || !*addr_opt)) {
        std::cerr << "smmu-explain: --svg and --html draw one translation: give --sid and --addr\n";
        return 2;
    }
    if (!events && (!*sid_opt || !*addr_opt)) {
        std::cerr << "smmu-explain: give --sid and --addr (or --events)\n";
        return 2;
    }
    if (instr && write) {
        std::cerr << "smmu-explain: an instruction fetch is a read\n";
        return 2;
    }
    smmu_state st;
    std::string err;
    if (!load_state(path, &st, &err)) {
        std::cerr << "smmu-explain: " << err << "\n";
        return 2;
    }
    if (events) {
        print_event_queue(st, SMMU_SEC_NS);
        if (st.cfg.secure_impl)
            print_event_queue(st, SMMU_SEC_SECURE);
        if (st.cfg.rme_impl && st.cfg.realm_impl)
            print_event_queue(st, SMMU_SEC_REALM);
        if (!*sid_opt)
            return 0;
        std::cout << "\n";
    }
    smmu_txn txn{};
    if (!parse_u64(addr_text, &txn.addr, &err)) {
        std::cerr << "smmu-explain: --addr: " << err << "\n";
        return 2;
    }
    txn.sid = sid;
    txn.ssid = ssid;
    txn.ssv = ssid_opt->count() > 0;
    txn.sec = sec == "secure" ? SMMU_SEC_SECURE : sec == "realm" ? SMMU_SEC_REALM : SMMU_SEC_NS;
    txn.size = 1;
    txn.access = write ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    txn.flags = (priv ? SMMU_TXN_PRIV : 0u) | (instr ? SMMU_TXN_INSTR : 0u);
    if (svg_path.empty() && html_path.empty()) {
        explained ex;
        return explain_txn(path, st, txn, &ex);
    }
    /* The text goes to stdout as always, and into the page: capture it. */
    explained ex;
    std::ostringstream text;
    std::streambuf *old = std::cout.rdbuf(text.rdbuf());
    int rc = explain_txn(path, st, txn, &ex);
    std::cout.rdbuf(old);
    std::cout << text.str();
    if (rc != 0)
        return rc;
    std::string svg = path_svg(ex);
    auto write_file = [](const std::string &file, const std::string &content) {
        std::ofstream f(file, std::ios::binary);
        f << content;
        f.close();
        if (!f) {
            std::cerr << "smmu-explain: cannot write '" << file << "'\n";
            return false;
        }
        return true;
    };
    if (!svg_path.empty() &&
        !write_file(svg_path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg))
        return 2;
    if (!html_path.empty() && !write_file(html_path, path_html(ex, svg, text.str())))
        return 2;
    return 0;
}
