/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Granule Protection Table for the tools [Arm ARM D9.6-D9.7; IHI 0070 3.25]: GPI names
 * and a lookup that shows, step by step, which GPT entries decide one PA's GPI. It is for
 * display only: whether an access passed is what the core says (smmu-explain prints the
 * core's result); this reads the same memory to show why.
 */
#ifndef SMMU_TOOLS_GPT_H
#define SMMU_TOOLS_GPT_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "smmuv3/smmuv3.h"

namespace smmuv3::tools
{

/* GPI encodings [Arm ARM D9.6.5]: "no access", "Secure", "Non-secure", "Root", "Realm",
 * "any PA space", "reserved" (0100/0101/0110/0111/1101 are reserved in the SMMU, whose
 * ROOT_GPT_BASE_CFG has no enables for them: Arm ARM D9.6-D9.7). */
std::string gpi_name(unsigned gpi);
/* Does the GPI let an access of PA space pas through? (false for reserved encodings) */
bool gpi_permits(unsigned gpi, smmu_pa_space pas);
/* ROOT_GPT_BASE_CFG.L0GPTSZ encoding -> bits of PA a level-0 entry covers (0: reserved). */
unsigned gpt_l0gptsz_bits(unsigned enc);

/* Reads one 8-byte GPT descriptor from Root PA space; false if it is not available. */
using gpt_reader = std::function<bool(uint64_t pa, uint64_t *desc)>;

struct gpt_view {
    std::vector<std::string> lines; /* one per GPT entry read, decoded */
    bool have_gpi = false;          /* the lookup reached a GPI */
    unsigned gpi = 0;
    std::string stop; /* why the lookup stopped without a GPI */
};

/* The lookup of pa with ROOT_GPT_BASE / ROOT_GPT_BASE_CFG as given. */
gpt_view gpt_lookup(uint64_t gpt_base, uint64_t gpt_base_cfg, uint64_t pa, const gpt_reader &read);

} // namespace smmuv3::tools

#endif
