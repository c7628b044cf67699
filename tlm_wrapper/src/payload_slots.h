// SPDX-License-Identifier: Apache-2.0
//
// A payload's extension slots, read and written inline (internal to the module).
//
// tlm_generic_payload's get_extension(unsigned), set_extension(unsigned, ...) and
// clear_extension(unsigned) are out of line in libsystemc: each is a call through the PLT, a
// bounds assertion and one access to the payload's extension array. On the module's reused-hit
// path (docs/performance.md, session 7), which looks up four extensions and sets and clears
// one, they were a fifth of the module's instructions. These give the same accesses inline.
//
// The array is a private member of tlm_generic_payload. Its pointer-to-member is named in an
// explicit instantiation, where access checking does not apply [C++17 temp.explicit p14]: well
// defined, and checked by the compiler against the member's declaration (a SystemC that
// renamed or retyped it would not compile here). A reader of slots() tests the array's size
// itself (an ID beyond it: a payload made before that extension type was registered, without
// resize_extensions()); the module tests it once for the IDs it reads, and otherwise takes the
// library's functions. Plain extensions only: auto extensions (set_auto_extension) are not the
// module's to use.
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

__attribute__((always_inline)) inline slots_t &slots(tlm::tlm_generic_payload &t)
{
    return t.*member(extensions_tag{});
}
__attribute__((always_inline)) inline const slots_t &slots(const tlm::tlm_generic_payload &t)
{
    return t.*member(extensions_tag{});
}

// t.set_extension(ext): an ID beyond the payload's array goes to the library, which asserts.
template <typename T>
__attribute__((always_inline)) inline void set(tlm::tlm_generic_payload &t, T *ext)
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
template <typename T>
__attribute__((always_inline)) inline void clear_after_set(tlm::tlm_generic_payload &t)
{
    slots(t)[T::ID] = nullptr;
}

} // namespace
} // namespace payload_slots
} // namespace smmuv3

#endif
