// SPDX-License-Identifier: Apache-2.0
//
// What the platform runs: devices (one stream each, on a DMA engine), their mappings, and a
// list of steps (DMA operations and unmaps) with the outcome each must have. Built-in
// scenarios are JSON documents in the same format as --config files (docs/platform.md).
#ifndef SMMUV3_PLATFORM_SCENARIO_H
#define SMMUV3_PLATFORM_SCENARIO_H

#include <cstdint>
#include <string>
#include <vector>

#include "smmuv3/drv.h"

namespace smmuv3::platform {

enum class translation { s1, s2, nested, bypass, abort };
// pcie: a Non-secure PCIe endpoint with an ATC (pcie_endpoint.h): its STE allows ATS
// (STE.EATS 0b01), its unmaps also invalidate its ATC.
enum class engine_kind { ns, secure, realm, pcie };

struct mapping {
    unsigned stage = 1;         // 1: IOVA -> PA (IPA when nested); 2: IPA -> PA
    uint64_t iova = 0, pa = 0, size = 0;
    unsigned prot = 0;          // SMMU_DRV_PROT_* (PROT_NS: Realm stage 2 output to Non-secure PA)
    std::string where;          // its JSON path, for messages ("devices[0].mappings[1]")
    bool demand = false;        // stage 1 of a stalling device: mapped by the firmware's stall
                                // handler when a DMA first stalls on it (demand paging)
    uint64_t page = 0;          // mapped in pieces of this size (a traffic buffer's "page":
                                // 4 KB pages even where a block would fit); 0: the driver's
                                // largest blocks
};

// A region of the Granule Protection Table (RME): which PA space may access [pa, pa + size).
struct gpt_region {
    uint64_t pa = 0, size = 0;
    unsigned gpi = 0;           // SMMU_DRV_GPI_*
};

// A SubstreamID of a stage-1 device: its own CD, stage-1 tables and ASID [IHI 0070 5.4].
struct substream {
    uint32_t ssid = 0;
    unsigned asid = 0;
    std::vector<mapping> mappings;          // stage 1 only
};

struct device_desc {
    std::string name;
    engine_kind engine = engine_kind::ns;
    uint32_t sid = 0;
    translation mode = translation::s1;
    unsigned granule = 4096;    // stage-1 granule
    unsigned s2_granule = 4096;
    unsigned asid = 1, vmid = 1;
    std::vector<mapping> mappings;          // stage-1 ones: CD 0
    std::vector<substream> substreams;      // CDs 1.. (empty: a CD table of one CD)
    unsigned ssid_bits = 0;                 // STE.S1CDMax (with substreams)
    smmu_drv_s1dss s1dss = SMMU_DRV_S1DSS_SSID0;   // STE.S1DSS (with substreams)
    bool stall = false;                     // CD.S = 1: stage-1 faults stall [IHI 0070 3.12]
    std::string where;                      // "devices[0]"
    int traffic = -1;                       // made for traffic generator #traffic (its streams)
};

// One access pattern of a traffic generator, applied to each of its StreamIDs (the fields of
// traffic_stream, platforms/dma/traffic_gen.h, without the stream identity).
struct traffic_mix {
    std::string pattern = "sequential";     // sequential, strided or random
    uint64_t offset = 0;                    // from the buffer's IOVA
    uint64_t span = 0;                      // bytes covered (0: the buffer from offset on)
    uint64_t stride = 4096;
    unsigned size = 64;                     // bytes per access
    unsigned write_percent = 0;
    unsigned weight = 1;
};

// A traffic generator (docs/platform.md "Traffic"): `streams` StreamIDs from `sid`, each a
// device of its own made by the parser (device_desc::traffic) with its buffer mapped by the
// platform's driver, and a traffic_gen issuing the mix over those buffers (or replaying a CSV
// trace) once the firmware has set everything up.
struct traffic_desc {
    std::string name, where;                // where: "traffic[0]"
    engine_kind engine = engine_kind::ns;   // SEC_SID: ns, secure or realm
    uint32_t sid = 0, streams = 1;
    bool ssv = false;                       // the accesses carry SubstreamID ssid
    uint32_t ssid = 0;
    uint64_t iova = 0, pa = 0, size = 0;    // each stream's buffer; stream i at pa + i * size
    uint64_t page = 0;                      // mapping unit (0: largest blocks)
    std::vector<traffic_mix> mix;
    uint64_t transactions = 1000;
    unsigned outstanding = 1;
    uint64_t seed = 1;
    uint64_t gap_ps = 0;                    // between the accesses of one thread
    int tbu = -1;                           // the TBU its accesses enter by (-1: the socket's)
    std::string trace;                      // a CSV trace to replay instead (a path)
    uint64_t expect_errors = 0;             // error responses the run must give
};

// read, write, copy: DMA. unmap: the driver unmaps. remap, tlbi, ste: driver operations whose
// options can plant the bugs the bring-up checker reports (--check; docs/bring-up.md).
enum class step_kind { read, write, copy, unmap, remap, tlbi, ste };
inline bool is_dma(step_kind k) { return k == step_kind::read || k == step_kind::write || k == step_kind::copy; }

struct step {
    step_kind kind = step_kind::copy;
    std::string device;
    uint64_t src = 0, dst = 0, size = 0;   // unmap: dst unused, src = IOVA
    unsigned stage = 1;                     // unmap
    uint32_t pattern = 0xA5A5A5A5;
    bool privileged = false, instruction = false;
    bool ssv = false;                       // the DMA carries SubstreamID ssid
    uint32_t ssid = 0;
    bool expect_ok = true;                  // false: the DMA must fail (error response)
    bool expect_gpf = false;                // a granule protection fault must be recorded
    std::string expect_event;               // an event of this name must be reported
    std::string note;
    std::string where;                      // "steps[3]"
    // remap (stage-1 IOVA src to the new PA dst): bbm false writes the new descriptor over the
    // valid one (no break-before-make), then TLBI + CMD_SYNC. tlbi: TLBI_NH_VA of each page of
    // [src, src + size); sync false leaves out the CMD_SYNC. ste: rewrite the device's STE as
    // "translation" (bypass); unsafe: the new words over the valid STE, word 0 first, then one
    // CMD_CFGI_STE + CMD_SYNC (instead of the driver library's V=0 sequence).
    bool bbm = true, sync = true, unsafe = false;
};

// A parameter of the platform's SMMU from the scenario's "smmu" section: its name relative to
// the instance ("tlb_entries", "latency.tlb_hit"), its value as text, and its JSON path.
struct param_setting {
    std::string name, value, where;
};

struct scenario {
    std::string name, description;
    std::vector<device_desc> devices;
    std::vector<step> steps;
    std::vector<gpt_region> gpt;            // added to the platform's GPT layout
    std::vector<param_setting> smmu;        // "smmu": parameters of top.smmu, in file order
    uint64_t expect_findings = 0;           // bring-up checker findings a --check run expects
    std::vector<traffic_desc> traffic;      // run after the steps
};

// Share n generated transactions among the scenario's generators in proportion to their own
// counts (the platform's --transactions). False with *err when there is no generator to share
// them, or every generator replays a trace.
bool set_traffic_transactions(scenario &sc, uint64_t n, std::string *err);

// Parse a scenario document. Returns false with *err naming the problem ("steps[2].size:
// expected a number or a \"0x...\" string").
bool parse_scenario(const std::string &text, const std::string &origin, scenario *out,
                    std::string *err);

// The checks that need the SMMU's configuration (after the parameters are applied), made before
// the simulation starts: what the platform's firmware needs of the SMMU (RME, the Realm and
// Secure interfaces, the Root page where it looks), the features each device uses, ASIDs and
// VMIDs within the configured widths, and every buffer inside the addresses the page tables
// cover and clear of the platform's own memory (layout.h). Returns false with *err naming the
// place ("devices[0].mappings[0].pa: ..." or "top.smmu.rme_impl false: ...").
bool check_scenario(const scenario &sc, const smmu_config &cfg, std::string *err);

// Built-in scenarios by name: "ns-s1", "secure", "nested", "fault", "granules", "realm", "pasid",
// "stall", "ats", "pri", "buggy-driver" (three planted driver bugs for --check), "traffic" (a NIC
// and a GPU-like master for architecture exploration), and "demo" (ns-s1, secure, nested, fault
// and realm in one run, the default).
std::vector<std::string> builtin_names();
bool builtin_scenario(const std::string &name, scenario *out, std::string *err);

const char *translation_name(translation t);
const char *step_name(step_kind k);
const char *engine_name(engine_kind e);
const char *gpi_name(unsigned gpi);
const char *s1dss_name(smmu_drv_s1dss k);

} // namespace smmuv3::platform

#endif
