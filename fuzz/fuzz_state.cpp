// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target: the state-file loader that smmu-explain reads (tools/state), end to end.
//
// The input is the text of a state file. It is parsed (parse_state_text: JSON, then every
// field checked), and a state that loads is restored into a core instance over its own memory
// images (restore_state) and one debug translation is explained from it, as smmu-explain does.
// Whatever the bytes, the loader must return false with a message or give a state the core
// accepts: never crash, hang, throw or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "smmu_state.h"
#include "state_memory.h"

using namespace smmuv3::tools;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string text(reinterpret_cast<const char *>(data), size);
    smmu_state st;
    std::string err;
    if (!parse_state_text(text, "fuzz.json", &st, &err)) {
        if (err.empty())
            __builtin_trap(); // a refusal always says why
        return 0;
    }
    // Small caches: their size changes nothing the loader checks, and allocating the default
    // 4096-entry TLB twice per run (restore_state's trial instance, then the real one) would
    // dominate the run time.
    st.cfg.tlb_entries = 64;
    st.cfg.tlb_ways = 4;
    st.cfg.cfg_entries = 16;
    st.cfg.cfg_ways = 4;
    state_memory mem(st.memory);
    smmu_t *s = restore_state(st, mem.env(), &err);
    if (!s) {
        if (err.empty())
            __builtin_trap();
        return 0;
    }
    // A transaction derived from the input's length, so different inputs try different
    // streams and addresses of the restored tables.
    smmu_txn t{};
    t.sid = static_cast<uint32_t>(size & 0xff);
    t.addr = static_cast<uint64_t>(size) << 12;
    t.size = 1;
    t.access = (size & 1) ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    t.sec = static_cast<smmu_sec_sid>((size >> 1) % 3);
    t.flags = SMMU_TXN_DEBUG;
    smmu_result r{};
    smmu_translate(s, &t, &r);
    smmu_destroy(s);
    return 0;
}
