// SPDX-License-Identifier: Apache-2.0
//
// smmu_platform: the runnable SMMUv3 virtual platform (docs/platform.md).
//
//   smmu_platform                       the demo (Non-secure, Secure, nested, faults, Realm + GPC)
//   smmu_platform --scenario fault      one built-in scenario
//   smmu_platform --config my.json      a scenario described in JSON
//   smmu_platform --trace --dump s.json one line per translation/command/event; SMMU state
//
// Exit status: 0 only if every step gave its expected result; 1 if a step did not; 2 for bad
// input (unknown option or scenario, unreadable or malformed configuration).
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <systemc>

#include "scenario.h"
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
    app.add_flag("-l,--list", list, "list the built-in scenarios and exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
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

    sc_core::sc_report_handler::set_handler(report_handler);
    // The platform lives until the process exits, like SystemC's own objects (destroying
    // modules while the kernel still references them is not supported by SystemC 2.3).
    soc *top = new soc("soc", sc, opt, std::cout);
    sc_core::sc_start();
    std::cout.flush();
    if (!top->finished()) {
        std::cerr << "error: the simulation ended before the firmware finished\n";
        return 1;
    }
    return top->passed() ? 0 : 1;
}
