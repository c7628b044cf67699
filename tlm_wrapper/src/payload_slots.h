// SPDX-License-Identifier: Apache-2.0
//
// A payload's extension slots, read and written inline (internal to the module).
//
// tlm_generic_payload's get_extension(unsigned), set_extension(unsigned, ...) and
// clear_extension(unsigned) are out of line in libsystemc: each is a call through the PLT, a
// bounds assertion and one access to the payload's extension array. On the module's reused-hit
// path (docs/performance.md "Host cost"), which looks up four extensions and sets and clears
// one, they were a fifth of the module's instructions. The functions here do the same access
// inline.
//
// The array is a private member of tlm_generic_payload. Its pointer-to-member is named in an
// explicit instantiation, where access checking does not apply [C++17 temp.explicit p14]: well
// defined, and checked by the compiler against the member's declaration (a SystemC that
// renamed or retyped it would not compile here). The accesses are the library's own, except
// that an ID beyond a payload's array (a payload made before that extension type was
// registered, without resize_extensions()) reads as "no extension" instead of failing the
// library's assertion.
// Plain extensions only: auto extensions (set_auto_extension) are not the module's to use.
#ifndef SMMUV3_TLM_PAYLOAD_SLOTS_H
#define SMMUV3_TLM_PAYLOAD_SLOTS_H

#include <tlm>

namespace smmuv3 {
namespace payload_slots {
namespace { // internal linkage: every translation unit that includes this has its own

using slots_t = tlm::tlm_array<tlm::tlm_extension_base *>;
using member_t = slots_t tlm::tlm_generic_payload::*;

// member(extensions_tag{}) is &tlm_generic_payload::m_extensions, defined by the explicit
// instantiation below (inline: the compiler sees the constant offset).
struct extensions_tag {
    friend member_t member(extensions_tag);
};
template <member_t M> struct define_member {
    friend member_t member(extensions_tag) { return M; }
};
template struct define_member<&tlm::tlm_generic_payload::m_extensions>;

__attribute__((always_inline)) inline slots_t &slots(tlm::tlm_generic_payload &t) { return t.*member(extensions_tag{}); }
__attribute__((always_inline)) inline const slots_t &slots(const tlm::tlm_generic_payload &t)
{
    return t.*member(extensions_tag{});
}

// t.get_extension<T>().
template <typename T> __attribute__((always_inline)) inline T *get(const tlm::tlm_generic_payload &t)
{
    const slots_t &s = slots(t);
    const unsigned id = T::ID;
    return id < s.size() ? static_cast<T *>(s[id]) : nullptr;
}

// t.set_extension(ext): an ID beyond the payload's array goes to the library, which asserts.
template <typename T> __attribute__((always_inline)) inline void set(tlm::tlm_generic_payload &t, T *ext)
{
    slots_t &s = slots(t);
    const unsigned id = T::ID;
    if (__builtin_expect(id < s.size(), 1))
        s[id] = ext;
    else
        t.set_extension(ext);
}

// t.clear_extension<T>() after a set() of T on the same payload (its array holds T::ID then:
// an array never shrinks).
template <typename T> __attribute__((always_inline)) inline void clear_after_set(tlm::tlm_generic_payload &t)
{
    slots(t)[T::ID] = nullptr;
}

} // namespace
} // namespace payload_slots
} // namespace smmuv3

#endif
