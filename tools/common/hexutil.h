/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Strict hex parsing and formatting shared by the tools. Every parser reports what was wrong
 * in *err (naming the offending text) and returns false; none throws.
 */
#ifndef SMMU_TOOLS_HEXUTIL_H
#define SMMU_TOOLS_HEXUTIL_H

#include <cstdint>
#include <string>
#include <vector>

#include "smmuv3/smmuv3.h"

namespace smmuv3::tools {

/* A 64-bit value: "0x1f", "1f" (hex), or with allow_dec "31" / "0b11111" (then plain digits
 * are decimal). Rejects empty text, non-digits and values wider than 64 bits. */
bool parse_u64(const std::string &text, uint64_t *out, std::string *err, bool allow_dec = false);

/* A byte string: hex digit pairs, optional "0x" prefix, whitespace, '_' and ':' ignored.
 * Rejects non-hex characters and an odd number of digits. */
bool parse_bytes(const std::string &text, std::vector<uint8_t> *out, std::string *err);

/* "0x" followed by the value in hex (at least `digits` digits). */
std::string hex(uint64_t v, unsigned digits = 1);
/* Bytes as a plain lower-case hex string, no separators. */
std::string hex_bytes(const std::vector<uint8_t> &b);

/* PA space names "ns", "secure", "realm", "root". */
const char *pas_name(smmu_pa_space pas);
bool parse_pas(const std::string &text, smmu_pa_space *out, std::string *err);

} // namespace smmuv3::tools

#endif
