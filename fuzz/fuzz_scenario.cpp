// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target: the platform's JSON scenario loader (platforms/platform/scenario.cpp) and
// the checks smmu_platform makes before a run, on arbitrary text. When the text parses, each
// parameter of its "smmu" section that is an smmu_config field goes through the core's
// parameter table (smmu_config_set; the SystemC module's own parameters need SystemC, not
// built here), then smmu_config_check, then check_scenario against the result.
// Any failure must come with a message; nothing may crash, leak or hit undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "layout.h"
#include "scenario.h"

using namespace smmuv3::platform;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    scenario sc;
    std::string err;
    if (!parse_scenario(text, "fuzz.json", &sc, &err)) {
        if (err.empty())
            __builtin_trap();
        return 0;
    }
    smmu_config cfg = platform_core_config();
    for (const param_setting &p : sc.smmu) {
        size_t index;
        if (p.where.empty())
            __builtin_trap();
        if (smmu_param_find(p.name.c_str(), &index) != SMMU_OK)
            continue;
        char why[200] = "";
        if (smmu_config_set(&cfg, p.name.c_str(), p.value.c_str(), why, sizeof(why)) != SMMU_OK && !why[0])
            __builtin_trap();
        char value[32];
        if (smmu_config_get(&cfg, p.name.c_str(), value, sizeof(value)) != SMMU_OK)
            __builtin_trap();
    }
    char why[256] = "";
    if (smmu_config_check(&cfg, why, sizeof(why)) != SMMU_OK) {
        if (!why[0])
            __builtin_trap();
        return 0;
    }
    if (!check_scenario(sc, cfg, &err) && err.empty())
        __builtin_trap();
    return 0;
}
