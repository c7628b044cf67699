// Tests of the parameter table (core/src/params.c): every smmu_config field has a parameter,
// values are set and printed by name, and each rule gives its exact message.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "smmuv3/smmuv3.h"

namespace {

smmu_config defaults()
{
    smmu_config c;
    EXPECT_EQ(smmu_config_init(&c), SMMU_OK);
    return c;
}

// The message of a failed smmu_config_set (empty on success).
std::string set_error(smmu_config &c, const char *name, const char *value)
{
    char err[200] = "";
    const smmu_status st = smmu_config_set(&c, name, value, err, sizeof(err));
    EXPECT_EQ(st == SMMU_OK, err[0] == '\0') << name << "=" << value << ": " << err;
    return err;
}

std::string check_error(const smmu_config &c, smmu_status expect = SMMU_E_INVAL)
{
    char err[200] = "";
    EXPECT_EQ(smmu_config_check(&c, err, sizeof(err)), expect);
    return err;
}

std::string get(const smmu_config &c, const char *name)
{
    char buf[32];
    EXPECT_EQ(smmu_config_get(&c, name, buf, sizeof(buf)), SMMU_OK) << name;
    return buf;
}

} // namespace

// A field added to smmu_config without a parameter fails here: the parameters' storage, with
// struct_size, must tile the struct, leaving only the padding the C ABI puts before a field
// to align it and at the end. Fields are appended at the end (smmuv3.h), so a new one grows
// sizeof: the pinned size below then fails too, even when the field fits in tail padding.
TEST(Params, EverySmmuConfigFieldHasAParameter)
{
    struct span {
        size_t offset, size;
        const char *name;
    };
    std::vector<span> spans{{offsetof(smmu_config, struct_size), sizeof(size_t), "struct_size"}};
    for (size_t i = 0; i < smmu_param_count(); i++) {
        smmu_param_info p;
        ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
        spans.push_back({p.offset, p.size, p.name});
    }
    std::sort(spans.begin(), spans.end(), [](const span &a, const span &b) { return a.offset < b.offset; });
    size_t end = 0;
    for (const span &s : spans) {
        SCOPED_TRACE(s.name);
        // Natural alignment of scalar fields (bool, uint8/16/32/64, enum, size_t)
        const size_t aligned = (end + s.size - 1) / s.size * s.size;
        EXPECT_EQ(s.offset, aligned) << "a field between offsets " << end << " and " << s.offset
                                     << " has no parameter";
        end = s.offset + s.size;
    }
    EXPECT_EQ((end + alignof(smmu_config) - 1) / alignof(smmu_config) * alignof(smmu_config), sizeof(smmu_config))
        << "a field after the last parameter has none";
    // Pinned: a new field changes these. Add its parameter to core/src/params.c, then update.
    EXPECT_EQ(smmu_param_count(), 84u);
    EXPECT_EQ(sizeof(smmu_config), 240u); // pmcg_per_tbu (1.2) took tail padding
}

TEST(Params, NamesAreUniqueFindableAndInStructOrder)
{
    size_t prev_offset = 0;
    std::vector<std::string> names;
    for (size_t i = 0; i < smmu_param_count(); i++) {
        smmu_param_info p;
        ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
        size_t found = 999;
        EXPECT_EQ(smmu_param_find(p.name, &found), SMMU_OK);
        EXPECT_EQ(found, i);
        EXPECT_GT(p.offset, prev_offset) << p.name;
        prev_offset = p.offset;
        EXPECT_STRNE(p.meaning, "") << p.name;
        names.push_back(p.name);
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
    size_t idx;
    smmu_param_info p;
    EXPECT_EQ(smmu_param_find("struct_size", &idx), SMMU_E_INVAL);
    EXPECT_EQ(smmu_param_find(nullptr, &idx), SMMU_E_INVAL);
    EXPECT_EQ(smmu_param_describe(smmu_param_count(), &p), SMMU_E_INVAL);
    EXPECT_EQ(smmu_param_describe(0, nullptr), SMMU_E_INVAL);
}

// Each default as printed sets the same value back; describe's default is smmu_config_init's.
TEST(Params, DefaultsRoundTripThroughText)
{
    const smmu_config d = defaults();
    smmu_config c = defaults();
    for (size_t i = 0; i < smmu_param_count(); i++) {
        smmu_param_info p;
        ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
        SCOPED_TRACE(p.name);
        EXPECT_EQ(get(d, p.name), p.default_value);
        EXPECT_EQ(set_error(c, p.name, p.default_value), "");
    }
    EXPECT_EQ(std::memcmp(&c, &d, sizeof(c)), 0);
    EXPECT_EQ(check_error(d, SMMU_OK), "");
}

TEST(Params, DescribeGivesTypeRangeUnitRegisterAndDefault)
{
    size_t i;
    smmu_param_info p;
    ASSERT_EQ(smmu_param_find("oas_bits", &i), SMMU_OK);
    ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
    EXPECT_EQ(p.type, SMMU_PARAM_UINT);
    EXPECT_EQ(p.min, 32u);
    EXPECT_EQ(p.max, 52u);
    EXPECT_STREQ(p.allowed, "32, 36, 40, 42, 44, 48 or 52");
    EXPECT_STREQ(p.unit, "bits");
    EXPECT_STREQ(p.reg, "IDR5.OAS");
    EXPECT_STREQ(p.default_value, "48");
    EXPECT_EQ(p.offset, offsetof(smmu_config, oas_bits));
    EXPECT_EQ(p.size, sizeof(unsigned));

    ASSERT_EQ(smmu_param_find("stall_model", &i), SMMU_OK);
    ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
    EXPECT_EQ(p.type, SMMU_PARAM_ENUM);
    EXPECT_STREQ(p.allowed, "stall_and_terminate (0), terminate_only (1) or stall_forced (2)");
    EXPECT_STREQ(p.default_value, "terminate_only");

    ASSERT_EQ(smmu_param_find("root_page_offset", &i), SMMU_OK);
    ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
    EXPECT_STREQ(p.allowed, "0x20000..0xffffffff0000, a multiple of 0x10000");
    EXPECT_STREQ(p.default_value, "0x20000");

    ASSERT_EQ(smmu_param_find("secure_impl", &i), SMMU_OK);
    ASSERT_EQ(smmu_param_describe(i, &p), SMMU_OK);
    EXPECT_EQ(p.type, SMMU_PARAM_BOOL);
    EXPECT_STREQ(p.allowed, "true or false");
    EXPECT_STREQ(p.default_value, "true");
}

TEST(Params, SetParsesBooleansNumbersAndEnumNames)
{
    smmu_config c = defaults();
    EXPECT_EQ(set_error(c, "tlb_entries", "256"), "");
    EXPECT_EQ(c.tlb_entries, 256u);
    EXPECT_EQ(set_error(c, "sid_bits", "0x10"), "");
    EXPECT_EQ(c.sid_bits, 16u);
    EXPECT_EQ(set_error(c, "iidr_product_id", "0xABC"), "");
    EXPECT_EQ(c.iidr_product_id, 0xABC);
    EXPECT_EQ(get(c, "iidr_product_id"), "0xabc");
    EXPECT_EQ(set_error(c, "secure_impl", "false"), "");
    EXPECT_FALSE(c.secure_impl);
    EXPECT_EQ(set_error(c, "secure_impl", "1"), "");
    EXPECT_TRUE(c.secure_impl);
    EXPECT_EQ(set_error(c, "stall_model", "stall_forced"), "");
    EXPECT_EQ(c.stall_model, SMMU_STALL_FORCED);
    EXPECT_EQ(set_error(c, "stall_model", "0"), "");
    EXPECT_EQ(c.stall_model, SMMU_STALL_AND_TERMINATE);
    EXPECT_EQ(set_error(c, "ttendian", "big"), "");
    EXPECT_EQ(c.ttendian, 3u);
    EXPECT_EQ(get(c, "ttendian"), "big");
    EXPECT_EQ(set_error(c, "root_page_offset", "0x80000"), "");
    EXPECT_EQ(c.root_page_offset, 0x80000u);
    EXPECT_EQ(set_error(c, "iidr_variant", "15"), "");
    EXPECT_EQ(c.iidr_variant, 15);
    EXPECT_EQ(set_error(c, "stall_max", "65535"), "");
    EXPECT_EQ(c.stall_max, 65535);
}

// The message names the parameter, the value as given and the rule, with the register field.
TEST(Params, BadNamesAndValuesGiveExactMessagesAndChangeNothing)
{
    smmu_config c = defaults();
    const smmu_config before = c;
    EXPECT_EQ(set_error(c, "tlb_entrys", "256"), "unknown parameter \"tlb_entrys\"");
    EXPECT_EQ(set_error(c, "struct_size", "8"), "unknown parameter \"struct_size\"");
    EXPECT_EQ(set_error(c, "oas_bits", "50"), "oas_bits 50: must be 32, 36, 40, 42, 44, 48 or 52 (IDR5.OAS)");
    EXPECT_EQ(set_error(c, "sid_bits", "33"), "sid_bits 33: must be 0..32 (IDR1.SIDSIZE)");
    EXPECT_EQ(set_error(c, "sid_bits", "-1"), "sid_bits \"-1\": must be 0..32 (IDR1.SIDSIZE)");
    EXPECT_EQ(set_error(c, "sid_bits", ""), "sid_bits \"\": must be 0..32 (IDR1.SIDSIZE)");
    EXPECT_EQ(set_error(c, "sid_bits", "0x"), "sid_bits \"0x\": must be 0..32 (IDR1.SIDSIZE)");
    EXPECT_EQ(set_error(c, "sid_bits", "16 "), "sid_bits \"16 \": must be 0..32 (IDR1.SIDSIZE)");
    EXPECT_EQ(set_error(c, "tlb_entries", "99999999999999999999"),
              "tlb_entries \"99999999999999999999\": must be 0..16777216");
    EXPECT_EQ(set_error(c, "stage1", "maybe"), "stage1 \"maybe\": must be true or false (IDR0.S1P)");
    EXPECT_EQ(set_error(c, "stage1", "2"), "stage1 \"2\": must be true or false (IDR0.S1P)");
    EXPECT_EQ(set_error(c, "stall_model", "stall"),
              "stall_model \"stall\": must be stall_and_terminate (0), terminate_only (1) or stall_forced (2) "
              "(IDR0.STALL_MODEL)");
    EXPECT_EQ(set_error(c, "ttendian", "1"), "ttendian 1: must be mixed (0), little (2) or big (3) (IDR0.TTENDIAN)");
    EXPECT_EQ(set_error(c, "ba_realm", "3"), "ba_realm 3: must be 0..1022, a multiple of 2 (ROOT_IDR0.BA_REALM)");
    EXPECT_EQ(set_error(c, "root_page_offset", "0x28000"),
              "root_page_offset 0x28000: must be 0x20000..0xffffffff0000, a multiple of 0x10000");
    EXPECT_EQ(set_error(c, "iidr_variant", "16"), "iidr_variant 16: must be 0..15 (IIDR.Variant)");
    EXPECT_EQ(set_error(c, "l0gptsz_bits", "32"), "l0gptsz_bits 32: must be 30, 34, 36 or 39 (ROOT_GPT_BASE_CFG.L0GPTSZ)");
    EXPECT_EQ(std::memcmp(&c, &before, sizeof(c)), 0);

    char err[200] = "x";
    EXPECT_EQ(smmu_config_set(nullptr, "sid_bits", "1", err, sizeof(err)), SMMU_E_INVAL);
    EXPECT_EQ(smmu_config_set(&c, "sid_bits", nullptr, nullptr, 0), SMMU_E_INVAL);
    // A short buffer gets a truncated, terminated message
    char small[8];
    EXPECT_EQ(smmu_config_set(&c, "oas_bits", "50", small, sizeof(small)), SMMU_E_INVAL);
    EXPECT_STREQ(small, "oas_bit");
    char buf[4];
    EXPECT_EQ(smmu_config_get(&c, "tlb_entries", buf, sizeof(buf)), SMMU_E_SIZE);
    EXPECT_EQ(smmu_config_get(&c, "nope", buf, sizeof(buf)), SMMU_E_INVAL);
}

// smmu_config_check applies each field's range (for fields set directly in C) and the rules
// between fields; smmu_create logs the same text.
TEST(Params, CheckNamesTheParameterAndTheRule)
{
    smmu_config c = defaults();
    c.secure_impl = false;
    EXPECT_EQ(check_error(c), "sel2 needs secure_impl");
    c = defaults();
    c.tlb_entries = 256;
    c.tlb_ways = 3;
    EXPECT_EQ(check_error(c), "tlb_ways 3 must divide tlb_entries 256");
    c = defaults();
    c.sid_bits = 33;
    EXPECT_EQ(check_error(c), "sid_bits 33: must be 0..32 (IDR1.SIDSIZE)");
    c = defaults();
    c.ttendian = 1; // IDR0.TTENDIAN 0b01 is reserved [IHI 0070 6.3.1]
    EXPECT_EQ(check_error(c), "ttendian 1: must be mixed (0), little (2) or big (3) (IDR0.TTENDIAN)");
    c = defaults();
    c.stall_model = static_cast<smmu_stall_model>(3);
    EXPECT_EQ(check_error(c),
              "stall_model 3: must be stall_and_terminate (0), terminate_only (1) or stall_forced (2) (IDR0.STALL_MODEL)");
    c = defaults();
    c.sid_bits = 7;
    c.st_2level = false;
    EXPECT_EQ(check_error(c), "sid_bits 7 > 6 needs 2-level stream tables (st_2level)");
    c = defaults();
    c.realm_impl = true;
    EXPECT_EQ(check_error(c), "realm_impl needs rme_impl");
    c.rme_impl = true;
    c.stt = false;
    EXPECT_EQ(check_error(c), "realm_impl requires stt (IDR3.STT) = 1 (IHI 0070 2.7.1)");
    c.stt = true;
    c.root_page_offset = 0x50000; // Realm pages at 0x40000 and 0x50000 (ba_realm 2)
    EXPECT_EQ(check_error(c), "root_page_offset 0x50000 overlaps the Realm pages at 0x40000 (ba_realm 2)");
    c.root_page_offset = 0x20000;
    c.ats = c.pri = true; // IDR0.PRI is RES0 without ATS [6.3.1]
    EXPECT_EQ(check_error(c, SMMU_E_UNSUPPORTED), "realm_impl with pri: the Realm PRI queue is not modelled");
    c.ats = c.pri = false;
    c.realm_impl = c.rme_impl = false;
    c.ril = false; // the ID register rules (idr_rules_test.cpp) are checked too
    EXPECT_EQ(check_error(c), "ril must be set in SMMUv3.3: IDR3.RIL is 1 in SMMUv3.2 or later "
                              "[6.3.4]");
    EXPECT_EQ(smmu_config_check(nullptr, nullptr, 0), SMMU_E_INVAL);
}

// Setting a field by name is the same as setting it in C: the values only the check refuses
// (rules between fields) are accepted by smmu_config_set.
TEST(Params, SetAcceptsWhatOnlyTheCrossFieldRulesRefuse)
{
    smmu_config c = defaults();
    EXPECT_EQ(set_error(c, "secure_impl", "false"), "");
    EXPECT_EQ(check_error(c), "sel2 needs secure_impl");
    EXPECT_EQ(set_error(c, "sel2", "false"), "");
    EXPECT_EQ(check_error(c, SMMU_OK), "");
}
