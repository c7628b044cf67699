/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The state of an SMMU instance as a file: its configuration, its programmable registers and
 * the memory images it works on (stream tables, CD tables, page tables, queues).
 *
 *   smmu_state st = capture_state(smmu, {region, ...});   // platform --dump
 *   save_state(st, "dump.json", &err);
 *   load_state("dump.json", &st, &err);                    // smmu-explain
 *   state_memory mem(st.memory);                           // an env over the images
 *   smmu_t *s = restore_state(st, mem.env(), &err);
 *
 * The file is JSON (docs/tools.md), format version 2: config fields by name, registers by name
 * and offset, values and addresses as "0x..." strings, memory regions (each with its PA space)
 * as hex strings. Version 1 files (before RME) are read too.
 */
#ifndef SMMU_TOOLS_SMMU_STATE_H
#define SMMU_TOOLS_SMMU_STATE_H

#include <cstdint>
#include <string>
#include <vector>

#include "smmuv3/smmuv3.h"

namespace smmuv3::tools {

struct reg_value {
    uint64_t offset;    /* from the SMMU base, as smmu_reg_read takes it */
    unsigned size;      /* 4 or 8 */
    smmu_pa_space pas;  /* PA space of the access (Secure for the Secure bank) */
    uint64_t value;
};

struct mem_region {
    smmu_pa_space pas;
    uint64_t base;
    std::vector<uint8_t> bytes;
};

struct smmu_state {
    smmu_config cfg;
    std::vector<reg_value> regs;
    std::vector<mem_region> memory;
};

/* Read every programmable register of every present programming interface (Non-secure,
 * Secure, Realm; the Root control page with RME) through smmu_reg_read, each from its own PA
 * space (plus the read-only GERROR, needed to restore the active global errors, and the Root
 * FARs, kept for display); cfg from smmu_get_config. The regions (of any PA space) are stored
 * as given. */
smmu_state capture_state(smmu_t *smmu, std::vector<mem_region> memory);

/* Write the state as JSON. Returns false with *err (naming the problem) on failure. */
bool save_state(const smmu_state &st, const std::string &path, std::string *err);

/* Read a state file. Strict: not JSON (a truncated file: the byte where it stops), an
 * unsupported version, an unknown or missing field, a register whose name and offset
 * disagree, bad hex, a malformed or truncated memory region (size field not matching its
 * bytes) or overlapping regions -> false with *err naming the problem. */
bool load_state(const std::string &path, smmu_state *out, std::string *err);
/* The same from the file's text; `source` names it in the messages (a path). */
bool parse_state_text(const std::string &text, const std::string &source, smmu_state *out,
                      std::string *err);

/* Create an instance with st.cfg and env, and write the registers in an order that respects
 * the guarded fields: CR1/CR2, table and queue bases, then PROD/CONS, MSI configuration
 * before IRQ_CTRL, GBPA with Update=1, GERRORN so that the same global errors are active,
 * CR0 last (the enables). Every register is read back and compared. Returns NULL with *err on
 * failure. Memory is env's: give it a state_memory over st.memory to reproduce the dump. */
smmu_t *restore_state(const smmu_state &st, const smmu_env &env, std::string *err);

/* ---- helpers the tools share ---- */

/* A register the state captures. */
struct reg_info {
    std::string name;   /* "SMMU_CR0", "SMMU_S_STRTAB_BASE", ... */
    uint64_t offset;
    unsigned size;
    smmu_pa_space pas;
};
/* The registers capture_state reads for this configuration, in capture order. */
std::vector<reg_info> state_registers(const smmu_config &cfg);
/* The captured value of a register by name; false if the state does not hold it. */
bool state_reg(const smmu_state &st, const std::string &name, uint64_t *value);

} // namespace smmuv3::tools

#endif
