/* SPDX-License-Identifier: Apache-2.0 */
#include "common/hexutil.h"

#include <cctype>
#include <cstdio>

namespace smmuv3::tools {

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parse_u64(const std::string &text, uint64_t *out, std::string *err, bool allow_dec)
{
    std::string s;
    for (char c : text)
        if (c != '_')
            s += c;
    unsigned base = allow_dec ? 10 : 16;
    size_t i = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, i = 2;
    else if (allow_dec && s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        base = 2, i = 2;
    if (i == s.size()) {
        *err = "empty number '" + text + "'";
        return false;
    }
    uint64_t v = 0;
    for (; i < s.size(); i++) {
        int d = hex_digit(s[i]);
        if (d < 0 || (unsigned)d >= base) {
            *err = "'" + text + "' is not a " +
                   (base == 16 ? "hex" : base == 2 ? "binary" : "decimal") + " number";
            return false;
        }
        if (v > (UINT64_MAX - (unsigned)d) / base) {
            *err = "'" + text + "' does not fit in 64 bits";
            return false;
        }
        v = v * base + (unsigned)d;
    }
    *out = v;
    return true;
}

bool parse_bytes(const std::string &text, std::vector<uint8_t> *out, std::string *err)
{
    std::string digits;
    size_t i = 0;
    while (i < text.size() && std::isspace((unsigned char)text[i]))
        i++;
    if (text.compare(i, 2, "0x") == 0 || text.compare(i, 2, "0X") == 0)
        i += 2;
    for (; i < text.size(); i++) {
        char c = text[i];
        if (std::isspace((unsigned char)c) || c == '_' || c == ':')
            continue;
        if (hex_digit(c) < 0) {
            *err = std::string("non-hex character '") + c + "' at position " +
                   std::to_string(i) + " of the byte string";
            return false;
        }
        digits += c;
    }
    if (digits.size() % 2) {
        *err = "byte string has an odd number of hex digits (" + std::to_string(digits.size()) +
               "): truncated?";
        return false;
    }
    out->clear();
    out->reserve(digits.size() / 2);
    for (size_t j = 0; j < digits.size(); j += 2)
        out->push_back((uint8_t)(hex_digit(digits[j]) << 4 | hex_digit(digits[j + 1])));
    return true;
}

std::string hex(uint64_t v, unsigned digits)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "0x%0*llx", (int)digits, (unsigned long long)v);
    return buf;
}

std::string hex_bytes(const std::vector<uint8_t> &b)
{
    static const char d[] = "0123456789abcdef";
    std::string s(b.size() * 2, '0');
    for (size_t i = 0; i < b.size(); i++) {
        s[2 * i] = d[b[i] >> 4];
        s[2 * i + 1] = d[b[i] & 15];
    }
    return s;
}

const char *pas_name(smmu_pa_space pas)
{
    switch (pas) {
    case SMMU_PAS_NS: return "ns";
    case SMMU_PAS_SECURE: return "secure";
    case SMMU_PAS_REALM: return "realm";
    case SMMU_PAS_ROOT: return "root";
    }
    return "?";
}

bool parse_pas(const std::string &text, smmu_pa_space *out, std::string *err)
{
    static const smmu_pa_space all[] = {SMMU_PAS_NS, SMMU_PAS_SECURE, SMMU_PAS_REALM,
                                        SMMU_PAS_ROOT};
    for (smmu_pa_space p : all)
        if (text == pas_name(p)) {
            *out = p;
            return true;
        }
    *err = "unknown PA space '" + text + "' (ns, secure, realm or root)";
    return false;
}

} // namespace smmuv3::tools
