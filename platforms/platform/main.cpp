// SPDX-License-Identifier: Apache-2.0
//
// smmu_platform: the runnable SMMUv3 virtual platform (docs/platform.md).
//
//   smmu_platform                       the demo (Non-secure, Secure, nested, faults, Realm + GPC)
//   smmu_platform --scenario fault      one built-in scenario
//   smmu_platform --config my.json      a scenario described in JSON
//   smmu_platform --trace --dump s.json one line per translation/command/event; SMMU state
//   smmu_platform --param top.smmu.tlb_entries=256   an SMMU parameter (--list-params: all)
//   smmu_platform --check --scenario buggy-driver    the bring-up checker (docs/bring-up.md)
//   smmu_platform --stats out.json      statistics as JSON or CSV (docs/statistics.md)
//   smmu_platform --timeline t.json --vcd w.vcd      Perfetto timeline, GTKWave waveforms
//                                                    (docs/observability.md)
//
// Exit status: 0 only if every step gave its expected result; 1 if a step did not; 2 for bad
// input (unknown option, scenario or parameter, a bad value, an unreadable or malformed
// configuration, a buffer the platform cannot map, an unwritable --dump, --stats, --timeline
// or --vcd file, a --stats name that is neither .json nor .csv, a --vcd name without .vcd),
// found before the simulation starts.
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <systemc>

#include "scenario.h"
#include "smmuv3/tlm/params.h"
#include "smmuv3/tlm/timeline.h"
#include "soc.h"

using namespace smmuv3::platform;

namespace {

// SystemC reports: the SMMU's diagnostics are printed as indented "smmu:" lines (they explain
// faults); errors keep their default actions.
void report_handler(const sc_core::sc_report &r, const sc_core::sc_actions &actions)
{
    if (r.get_severity() == sc_core::SC_INFO) {
        if (r.get_verbosity() <= sc_core::sc_report_handler::get_verbosity_level() &&
            std::strncmp(r.get_msg_type(), "smmuv3/", 7) == 0)
            std::cout << "      info: " << r.get_msg() << "\n";
        return;
    }
    if (r.get_severity() == sc_core::SC_WARNING) {
        std::cout << "      smmu: " << r.get_msg() << "\n";
        return;
    }
    sc_core::sc_report_handler::default_handler(r, actions);
}

// Every parameter of the platform's SMMU, with the platform's defaults. docs/configuration.md
// holds a copy of this output (a test compares them).
void list_params(std::ostream &os)
{
    os << "Parameters of the platform's SMMU, set with --param NAME=VALUE or in the scenario's \"smmu\"\n"
          "section (docs/configuration.md). NAME = the platform's default [unit: allowed values]:\n";
    for (const auto &p : smmuv3::smmu_tlm_params(platform_smmu_config())) {
        os << "\n" << k_smmu_instance << "." << p.name << " = " << (p.default_value.empty() ? "\"\"" : p.default_value)
           << "  [" << (p.unit.empty() || p.unit == "time" ? "" : p.unit + ": ") << p.allowed << "]\n"
           << "    " << p.meaning << "\n";
    }
}

// The --dump (--stats, --timeline, --vcd) file can be written: checked before the run rather
// than after it (a file that did not exist is not left behind).
bool writable(const char *option, const std::string &path, std::string *err)
{
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    std::ofstream f(path, std::ios::app);
    if (!f) {
        *err = std::string(option) + " " + path + ": cannot be written (" + std::strerror(errno) + ")";
        return false;
    }
    f.close();
    if (!existed)
        std::filesystem::remove(path, ec);
    return true;
}

// The --stats format, by the file name's extension (any case).
bool stats_format_of(const std::string &path, smmuv3::stats_format *f)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    std::string lower;
    for (const char c : ext)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == ".json")
        *f = smmuv3::stats_format::json;
    else if (lower == ".csv")
        *f = smmuv3::stats_format::csv;
    else
        return false;
    return true;
}

} // namespace

int sc_main(int argc, char *argv[])
{
    CLI::App app{"smmu_platform: an Arm SMMUv3 virtual platform (SystemC/TLM-2.0).\n"
                 "Firmware (the smmu_drv driver library) programs the SMMU's Root control page (the\n"
                 "Granule Protection Table) and its Non-secure, Secure and Realm interfaces, DMA engines\n"
                 "move data through it, and every step's outcome is checked.\n"
                 "Exit status: 0 all steps as expected, 1 a step was not, 2 bad input."};
    std::string scenario_name = "demo", config;
    options opt;
    bool list = false;
    std::string names;
    for (const auto &n : builtin_names())
        names += (names.empty() ? "" : ", ") + n;
    app.add_option("-s,--scenario", scenario_name, "built-in scenario to run: " + names + " (default: demo)");
    app.add_option("-c,--config", config, "run the scenario described in this JSON file (see docs/platform.md)")
        ->check(CLI::ExistingFile);
    app.add_flag("-t,--trace", opt.trace, "print one line per translation, command and event");
    app.add_option("-d,--dump", opt.dump_path, "write the SMMU state (registers + memory) to FILE for smmu-explain")
        ->type_name("FILE");
    app.add_option("--stats", opt.stats_path,
                   "write the SMMU's statistics to FILE at the end: JSON if it ends in .json, CSV if\n"
                   "in .csv (docs/statistics.md); turns on per-TBU and per-stream statistics\n"
                   "(top.smmu.stats.detailed=true)")
        ->type_name("FILE");
    std::string timeline_path, vcd_path;
    app.add_option("--timeline", timeline_path,
                   "write a timeline of the SMMU's work (Trace Event JSON: ui.perfetto.dev, chrome://tracing)")
        ->type_name("FILE");
    app.add_option("--vcd", vcd_path, "write the SMMU's queue pointers, errors, interrupts and walks as a VCD (GTKWave)")
        ->type_name("FILE.vcd");
    app.add_flag("-l,--list", list, "list the built-in scenarios and exit");
    app.add_flag("--check", opt.check,
                 "run the bring-up checker (top.smmu.check=true): report driver bugs, and pass only\n"
                 "with the findings the scenario expects (none, except in buggy-driver)");
    std::vector<std::string> params;
    bool show_params = false;
    app.add_option("-p,--param", params,
                   "set an SMMU parameter before the run, e.g. top.smmu.tlb_entries=256 or\n"
                   "top.smmu.latency.tlb_hit=\"2 ns\" (repeatable; overrides the scenario's \"smmu\" section)")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false);
    uint64_t transactions = 0;
    app.add_option("--transactions", transactions,
                   "generated transactions in all, shared among the scenario's traffic generators in\n"
                   "proportion to their own counts (docs/platform.md \"Traffic\")")
        ->type_name("N");
    app.add_flag("--list-params", show_params, "list every SMMU parameter with its default, unit and meaning, and exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (show_params) {
        list_params(std::cout);
        return 0;
    }
    if (list) {
        for (const auto &n : builtin_names()) {
            scenario s;
            std::string err;
            builtin_scenario(n, &s, &err);
            std::cout << n << ": " << s.description << "\n";
        }
        return 0;
    }

    scenario sc;
    std::string err;
    if (!config.empty()) {
        if (app.count("--scenario")) {
            std::cerr << "error: give either --scenario or --config, not both\n";
            return 2;
        }
        std::ifstream in(config);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) {
            std::cerr << "error: cannot read " << config << "\n";
            return 2;
        }
        if (!parse_scenario(text.str(), config, &sc, &err)) {
            std::cerr << "error: " << err << "\n";
            return 2;
        }
    } else if (!builtin_scenario(scenario_name, &sc, &err)) {
        std::cerr << "error: " << err << "\n";
        return 2;
    }

    if (app.count("--transactions") && !set_traffic_transactions(sc, transactions, &err)) {
        std::cerr << "error: --transactions: " << err << "\n";
        return 2;
    }
    const std::string where = config.empty() ? "scenario " + scenario_name : config;
    if (!check_traffic(sc, &err)) {
        std::cerr << "error: " << where << ": " << err << "\n";
        return 2;
    }

    // The SMMU's parameters: the scenario's "smmu" section, then --param (the command line wins)
    const std::string origin = config.empty() ? "scenario " + scenario_name : config;
    smmuv3::param_map values;
    for (const param_setting &p : sc.smmu)
        values.set(std::string(k_smmu_instance) + "." + p.name, p.value, origin + ": " + p.where);
    for (const std::string &a : params) {
        const size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "error: --param " << a << ": expected NAME=VALUE (e.g. top.smmu.tlb_entries=256)\n";
            return 2;
        }
        values.set(a.substr(0, eq), a.substr(eq + 1), "--param");
    }
    if (opt.check)
        values.set(std::string(k_smmu_instance) + ".check", "true", "--check");
    const std::string prefix = std::string(k_smmu_instance) + ".";
    for (const auto &[name, v] : values.all())
        if (name.compare(0, prefix.size(), prefix) != 0) {
            std::cerr << "error: " << v.origin << ": unknown parameter \"" << name << "\" (the platform's are "
                      << prefix << "*: see --list-params)\n";
            return 2;
        }
    smmuv3::smmu_tlm_config smmu_cfg = platform_smmu_config();
    if (!smmuv3::configure(k_smmu_instance, values, smmu_cfg, &err)) {
        std::cerr << "error: " << err << " (see --list-params)\n";
        return 2;
    }
    opt.check = smmu_cfg.core.check; // --check, or "check": true in the scenario's "smmu" section
    if (!opt.stats_path.empty()) {
        if (!stats_format_of(opt.stats_path, &opt.stats_as)) {
            std::cerr << "error: --stats " << opt.stats_path
                      << ": the file name must end in .json or .csv (the format written)\n";
            return 2;
        }
        smmu_cfg.detailed_stats = true; // per TBU and per stream (docs/statistics.md)
    }
    if (!values.all().empty()) {
        std::cout << "SMMU parameters:";
        for (const auto &[name, v] : values.all()) {
            std::string now;
            smmuv3::smmu_tlm_param_get(smmu_cfg, name.substr(prefix.size()), &now);
            std::cout << " " << name << "=" << now;
        }
        std::cout << "\n";
    }
    // What needs the configuration: buffers, ASIDs and VMIDs, the firmware's needs
    if (!check_scenario(sc, smmu_cfg.core, &err)) {
        std::cerr << "error: " << origin << ": " << err << "\n";
        return 2;
    }
    // SystemC names a VCD file <name>.vcd: the name is the path without its ".vcd"
    if (!vcd_path.empty() && (vcd_path.size() <= 4 || vcd_path.compare(vcd_path.size() - 4, 4, ".vcd") != 0)) {
        std::cerr << "error: --vcd " << vcd_path << ": the file name must end in .vcd\n";
        return 2;
    }
    const std::pair<const char *, const std::string &> outputs[] = {
        {"--dump", opt.dump_path}, {"--stats", opt.stats_path}, {"--timeline", timeline_path},
        {"--vcd", vcd_path}};
    for (const auto &[option, path] : outputs)
        if (!path.empty() && !writable(option, path, &err)) {
            std::cerr << "error: " << err << "\n";
            return 2;
        }

    sc_core::sc_report_handler::set_handler(report_handler);
    // The platform lives until the process exits, like SystemC's own objects (destroying
    // modules while the kernel still references them is not supported by SystemC 2.3).
    soc *top = new soc("top", sc, smmu_cfg, opt, std::cout);
    std::ofstream timeline_file;
    std::unique_ptr<smmuv3::timeline> timeline;
    if (!timeline_path.empty()) {
        timeline_file.open(timeline_path);
        timeline = std::make_unique<smmuv3::timeline>(timeline_file);
        top->smmu.set_timeline(timeline.get());
    }
    sc_core::sc_trace_file *vcd = nullptr;
    if (!vcd_path.empty()) {
        vcd = sc_core::sc_create_vcd_trace_file(vcd_path.substr(0, vcd_path.size() - 4).c_str());
        top->smmu.trace_signals(vcd);
    }
    sc_core::sc_start();
    if (timeline) {
        top->smmu.set_timeline(nullptr);
        timeline->finish();
    }
    if (vcd)
        sc_core::sc_close_vcd_trace_file(vcd);
    std::cout.flush();
    if (!top->finished()) {
        std::cerr << "error: the simulation ended before the firmware finished\n";
        return 1;
    }
    return top->passed() ? 0 : 1;
}
