// A small programmed SMMU for the tools tests: the Non-secure interface with queues and a
// linear stream table, stream 1 translating with stage 1 and stream 2 nested (stage 1 tables
// and CD reached through stage 2). Memory kept small so that state files stay small.
#ifndef SMMU_TOOLS_TEST_SCENARIO_H
#define SMMU_TOOLS_TEST_SCENARIO_H

#include <cstdint>
#include <string>
#include <vector>

#include "smmu_state.h"

extern "C" {
#include "fake_mem.h"
}

namespace scn {

constexpr uint64_t kEvtq = 0x80000, kCmdq = 0x90000, kStrtab = 0x100000;
constexpr uint64_t kCd1 = 0x200000, kCd2 = 0x201000;
constexpr uint64_t kS1Pool = 0x400000, kS1Pool2 = 0x480000, kS2Pool = 0x500000;
constexpr uint64_t kPoolSize = 0x10000;
constexpr unsigned kQs = 4;
constexpr uint32_t kSidS1 = 1, kSidNested = 2, kSidBad = 3;
constexpr uint64_t kVa = 0x12345000, kPa = 0x40000000;      // stage 1 page
constexpr uint64_t kVaN = 0x7654000, kIpaN = 0x80000000, kPaN = 0x60000000; // nested

struct Scenario {
    fake_mem *mem = nullptr;
    smmu_t *smmu = nullptr;
    Scenario();
    ~Scenario();
    Scenario(const Scenario &) = delete;
    Scenario &operator=(const Scenario &) = delete;
    // The memory a dump needs (queues, stream table, CDs, table pools).
    std::vector<smmuv3::tools::mem_region> regions() const;
    smmu_result translate(uint32_t sid, uint64_t addr, bool write = false, uint32_t flags = 0);
};

smmu_result translate_on(smmu_t *s, uint32_t sid, uint64_t addr, bool write, uint32_t flags);

// Run a command line; output (stdout and stderr) in *out; returns the exit status.
int run(const std::string &cmd, std::string *out);
std::string temp_path(const std::string &name);

} // namespace scn

#endif
