// SPDX-License-Identifier: Apache-2.0
//
// Text the module's JSON writers share (internal): the timeline (timeline.cpp) and the
// statistics (stats.cpp). Host speed matters for the timeline (it writes on every transaction):
// no printf, text appended in runs.
#ifndef SMMUV3_TLM_JSON_TEXT_H
#define SMMUV3_TLM_JSON_TEXT_H

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <systemc>

namespace smmuv3::json_text {

// s as a JSON string literal [RFC 8259 7]: quotes, backslashes and control characters escaped.
inline void append_string(std::string &out, std::string_view s)
{
    out += '"';
    size_t run = 0;
    for (size_t i = 0; i < s.size(); i++) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (__builtin_expect(c != '"' && c != '\\' && c >= 0x20, 1))
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            static const char digits[] = "0123456789abcdef";
            const char esc[] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15]};
            out.append(esc, sizeof(esc));
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

inline void append_dec(std::string &out, uint64_t v)
{
    char b[20];
    char *p = b + sizeof(b);
    do {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    out.append(p, static_cast<size_t>(b + sizeof(b) - p));
}

// The short names the JSON outputs give security states and PA spaces (docs/statistics.md,
// docs/observability.md), by smmu_sec_sid or smmu_pa_space value: "NS", "S", "Realm", "Root".
inline const char *space_name(unsigned v)
{
    static const char *const names[] = {"NS", "S", "Realm", "Root"};
    return v < 4 ? names[v] : "?";
}

constexpr uint64_t k_us_fs = 1000000000; // 1 us in femtoseconds
constexpr uint64_t k_ns_fs = 1000000;    // 1 ns

// The time resolution in femtoseconds (a power of ten, fixed once a time was made: the times
// formatted here exist).
inline uint64_t resolution_fs()
{
    static const uint64_t fs =
        static_cast<uint64_t>(std::llround(sc_core::sc_get_time_resolution().to_seconds() * 1e15));
    return fs;
}

// t as a decimal number of unit_fs femtoseconds (a power of ten), exactly: integer arithmetic on
// sc_time::value(), whole units and the remainder apart (no overflow for any sc_time below the
// unit). Decimals down to digit_fs (a power of ten); trim: without trailing zeros (and without
// the point when nothing is left after it).
inline void append_time(std::string &out, const sc_core::sc_time &t, uint64_t unit_fs,
                        uint64_t digit_fs, bool trim)
{
    const uint64_t res = resolution_fs(), v = t.value();
    uint64_t whole, rem_fs = 0;
    if (res >= unit_fs) {
        whole = v * (res / unit_fs);
    } else {
        const uint64_t per_unit = unit_fs / res;
        whole = v / per_unit;
        rem_fs = v % per_unit * res; // < unit_fs
    }
    append_dec(out, whole);
    if (unit_fs <= digit_fs || (trim && rem_fs == 0))
        return;
    out += '.';
    for (uint64_t d = unit_fs / 10; d >= digit_fs && (!trim || rem_fs % (d * 10)); d /= 10)
        out += static_cast<char>('0' + rem_fs / d % 10);
}

} // namespace smmuv3::json_text

#endif
