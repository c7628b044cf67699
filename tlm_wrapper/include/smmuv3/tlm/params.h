// SPDX-License-Identifier: Apache-2.0
//
// Parameters of smmuv3::smmu_tlm by name, set at elaboration (docs/configuration.md).
//
// One table: the module's own fields (latencies, hit copies, routing) are described here; every
// smmu_config field is the core's parameter table's (smmu_param_describe, smmu_config_set,
// smmu_config_check in smmuv3.h), under the same name. Names are relative to the module
// instance ("tlb_entries", "latency.tlb_hit"); the full name puts the instance's hierarchical
// name in front ("top.smmu.tlb_entries").
//
// Values come from a param_source: the platform's JSON and --param options are one
// (param_map); a CCI broker can be another, without this library depending on CCI (the
// mapping is in docs/configuration.md). The module queries its source once, in its
// constructor: every name under "<instance>." must be one of its parameters.
#ifndef SMMUV3_TLM_PARAMS_H
#define SMMUV3_TLM_PARAMS_H

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "smmuv3/tlm/smmu_tlm.h"

namespace smmuv3 {

struct param_desc {
    std::string name;           // relative to the module: "tlb_entries", "latency.tlb_hit"
    std::string type;           // "bool", "uint", "enum", "time", "uint list"
    std::string default_value;  // in the configuration the list was made from
    std::string allowed;        // "0..32", "true or false", "a time: <number> <fs|ps|ns|us|ms|s>, ..."
    std::string unit;           // "bits", "entries", ... ("" when none)
    std::string meaning;        // one line; the register field it decides, if any, in front
};

// Every parameter, the module's own first, then the core's in smmu_config order. Defaults are
// the values in base (the module's defaults unless a platform passes its own).
std::vector<param_desc> smmu_tlm_params(const smmu_tlm_config &base = smmu_tlm_config());

// Set one parameter from text. Returns false, with cfg unchanged and *err naming the parameter,
// the value and the rule ("latency.tlb_hit \"2\": must be a time: <number> <fs|ps|ns|us|ms|s>",
// "oas_bits 50: must be 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS)", "unknown parameter \"x\"").
bool smmu_tlm_param_set(smmu_tlm_config &cfg, const std::string &name, const std::string &value,
                        std::string *err);

// The current value of a parameter as text, as smmu_tlm_param_set accepts it; false for an
// unknown name.
bool smmu_tlm_param_get(const smmu_tlm_config &cfg, const std::string &name, std::string *value);

// Check a whole configuration: the core's rules (smmu_config_check) and the module's. Returns
// false with *err naming the parameter(s) and the rule ("sel2 needs secure_impl").
bool smmu_tlm_config_check(const smmu_tlm_config &cfg, std::string *err);
// The module's own rules only (smmu_tlm_config_check without the core's).
bool smmu_tlm_own_config_check(const smmu_tlm_config &cfg, std::string *err);

// A value given for a parameter, and where it was given (for messages): "--param",
// "scenario.json: smmu.latency.tlb_hit".
struct param_value {
    std::string value;
    std::string origin;
};

// Where elaboration-time values come from. Two queries, the shape of a CCI broker's preset
// values (docs/configuration.md): the values given under a name prefix, so that the module
// can apply its own and refuse the names it does not have.
class param_source
{
public:
    virtual ~param_source() = default;
    // Every (full name, value) this source holds whose name starts with prefix ("top.smmu.").
    virtual std::vector<std::pair<std::string, param_value>> values_under(const std::string &prefix) const = 0;
};

// The simple source: values set by name, the last one given for a name wins.
class param_map : public param_source
{
public:
    void set(const std::string &full_name, const std::string &value, const std::string &origin);
    std::vector<std::pair<std::string, param_value>> values_under(const std::string &prefix) const override;
    const std::map<std::string, param_value> &all() const { return m_values; }

private:
    std::map<std::string, param_value> m_values;
};

// Apply every value src holds under "<instance>." to cfg, then check the whole configuration.
// Returns false with *err naming where the value came from, the full name, the value and the
// rule ("--param: top.smmu.oas_bits 50: must be ...", "top.smmu: sel2 needs secure_impl").
// cfg is changed only on success.
bool configure(const std::string &instance, const param_source &src, smmu_tlm_config &cfg, std::string *err);

} // namespace smmuv3

#endif
