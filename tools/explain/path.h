/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What smmu-explain learned about one translation, kept so that the text explanation and the
 * drawing (svg.h) are two views of the same walk: the core's trace records and diagnostics of
 * the debug translation (env.trace / env.log, in order), each structure decoded once with the
 * granule and DS of its stage, the result, and the fault as the SMMU reports it (the event
 * record of an ordinary translation in a throw-away instance, or a GPC FAR).
 */
#ifndef SMMU_TOOLS_EXPLAIN_PATH_H
#define SMMU_TOOLS_EXPLAIN_PATH_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "decode.h"

extern "C" {
#include "smmuv3/smmuv3.h"
}

namespace smmuv3::tools {

/* One step of the SMMU's work, in order: a trace record (copied) or a diagnostic. */
struct explain_step {
    bool is_log = false;
    smmu_log_level level{};
    std::string msg;
    smmu_trace_kind kind{};
    smmu_sec_sid bank{};
    unsigned stage = 0;
    int level_ = 0;
    uint64_t addr = 0;
    smmu_pa_space pas{};
    std::vector<uint64_t> words;
    smmu_result result{};
    /* The structure it read, decoded (L1STD, STE, L1CD, CD, DESC, EVENT; else has_decoded
     * false). A descriptor is decoded with the granule and DS of the last STE (stage 2) or CD
     * (stage 1) before it. */
    bool has_decoded = false;
    decoded d;
    desc_ctx ctx; /* DESC: the level, granule and DS it was decoded with */
};

/* Decode each structure record of `steps` in place (see explain_step.d). */
void decode_steps(std::vector<explain_step> *steps, const smmu_txn &txn);

/* The fields of a decoded structure worth showing: the first always, then the non-zero ones,
 * as (name, "value (meaning)"). Address fields show the address they hold. */
std::vector<std::pair<std::string, std::string>> shown_fields(const decoded &d);

const char *pas_words(smmu_pa_space p);
const char *sec_words(smmu_sec_sid s);
/* A MAIR Attr encoding, a shareability and SMMU_PERM_* bits in words ("rw-"). */
std::string mair_words(uint8_t m);
std::string sh_words(uint8_t sh);
std::string perm_words(uint8_t p);

/* How the translation ended, for the drawing. */
struct explained {
    smmu_txn txn{};
    std::vector<explain_step> steps; /* the debug translation */
    smmu_result result{};
    bool gpc_abort = false; /* external abort by the granule protection check */
    /* The event record the SMMU would write (fault, RAZ/WI, stall), decoded; or the GPC FARs
     * recorded for a GPC abort. Empty: none would be written. */
    std::vector<decoded> fault_records;
};

} // namespace smmuv3::tools

#endif
