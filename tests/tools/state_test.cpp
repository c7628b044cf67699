// The state-dump library: capture, JSON save/load, restore (tools/state/smmu_state.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "scenario.h"
#include "state_memory.h"

#include <nlohmann/json.hpp>

extern "C" {
#include "smmuv3/arch.h"
}

using namespace smmuv3::tools;

namespace {

std::string write_file(const std::string &name, const std::string &text)
{
    std::string p = scn::temp_path(name);
    std::ofstream(p) << text;
    return p;
}

std::string read_file(const std::string &p)
{
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// Replace the first occurrence of `from` in a saved state file.
std::string edited(const std::string &text, const std::string &from, const std::string &to)
{
    std::string s = text;
    size_t i = s.find(from);
    EXPECT_NE(std::string::npos, i) << from;
    if (i != std::string::npos)
        s.replace(i, from.size(), to);
    return s;
}

struct Saved {
    scn::Scenario sc;
    std::string path = scn::temp_path("state.json");
    smmu_state st;
    Saved()
    {
        st = capture_state(sc.smmu, sc.regions());
        std::string err;
        EXPECT_TRUE(save_state(st, path, &err)) << err;
    }
    ~Saved() { std::remove(path.c_str()); }
};

} // namespace

// Capture reads the registers through smmu_reg_read [IHI 0070 6.3.9, 6.3.24]: CR0 holds the
// enables the driver set, STRTAB_BASE the table address.
TEST(State, CaptureReadsProgrammedRegisters)
{
    scn::Scenario sc;
    smmu_state st = capture_state(sc.smmu, sc.regions());
    uint64_t cr0 = 0, base = 0, eq = 0;
    ASSERT_TRUE(state_reg(st, "SMMU_CR0", &cr0));
    ASSERT_TRUE(state_reg(st, "SMMU_STRTAB_BASE", &base));
    ASSERT_TRUE(state_reg(st, "SMMU_EVENTQ_BASE", &eq));
    EXPECT_EQ(SMMU_CR0_SMMUEN | SMMU_CR0_EVENTQEN | SMMU_CR0_CMDQEN, cr0);
    EXPECT_EQ(scn::kStrtab, base & SMMU_STRTAB_BASE_ADDR);
    EXPECT_EQ(scn::kEvtq, eq & SMMU_Q_BASE_ADDR);
    EXPECT_EQ(scn::kQs, SMMU_FIELD_GET(SMMU_Q_BASE_LOG2SIZE, eq));
    // The Secure bank is captured too (default config has SECURE_IMPL).
    uint64_t scr0 = 1;
    EXPECT_TRUE(state_reg(st, "SMMU_S_CR0", &scr0));
    EXPECT_EQ(0u, scr0);
}

// Save then load gives back the same configuration, registers and memory.
TEST(State, SaveLoadRoundTripIsExact)
{
    Saved s;
    smmu_state back;
    std::string err;
    ASSERT_TRUE(load_state(s.path, &back, &err)) << err;
    EXPECT_EQ(0, std::memcmp(&s.st.cfg, &back.cfg, sizeof(smmu_config)));
    ASSERT_EQ(s.st.regs.size(), back.regs.size());
    for (size_t i = 0; i < back.regs.size(); i++) {
        EXPECT_EQ(s.st.regs[i].offset, back.regs[i].offset);
        EXPECT_EQ(s.st.regs[i].size, back.regs[i].size);
        EXPECT_EQ(s.st.regs[i].pas, back.regs[i].pas);
        EXPECT_EQ(s.st.regs[i].value, back.regs[i].value);
    }
    ASSERT_EQ(s.st.memory.size(), back.memory.size());
    for (size_t i = 0; i < back.memory.size(); i++) {
        EXPECT_EQ(s.st.memory[i].base, back.memory[i].base);
        EXPECT_EQ(s.st.memory[i].bytes, back.memory[i].bytes);
    }
}

// A restored instance reads back every register as captured and translates the stage-1 and
// nested streams to the same PAs as the original.
TEST(State, RestoredInstanceTranslatesLikeTheOriginal)
{
    Saved s;
    smmu_state back;
    std::string err;
    ASSERT_TRUE(load_state(s.path, &back, &err)) << err;
    state_memory mem(back.memory);
    smmu_t *r = restore_state(back, mem.env(), &err);
    ASSERT_NE(nullptr, r) << err;
    smmu_state again = capture_state(r, {});
    ASSERT_EQ(s.st.regs.size(), again.regs.size());
    for (size_t i = 0; i < again.regs.size(); i++)
        EXPECT_EQ(s.st.regs[i].value, again.regs[i].value) << "register " << i;
    for (uint32_t sid : {scn::kSidS1, scn::kSidNested}) {
        uint64_t va = sid == scn::kSidS1 ? scn::kVa : scn::kVaN;
        smmu_result a = s.sc.translate(sid, va + 0x10);
        smmu_result b = scn::translate_on(r, sid, va + 0x10, false, 0);
        EXPECT_EQ(SMMU_XLATE_OK, a.outcome);
        EXPECT_EQ(a.outcome, b.outcome);
        EXPECT_EQ(a.pa, b.pa);
        EXPECT_EQ(a.mair, b.mair);
        EXPECT_EQ(a.sh, b.sh);
    }
    EXPECT_EQ(scn::kPa + 0x10, scn::translate_on(r, scn::kSidS1, scn::kVa + 0x10, false, 0).pa);
    EXPECT_EQ(scn::kPaN + 0x10,
              scn::translate_on(r, scn::kSidNested, scn::kVaN + 0x10, false, 0).pa);
    smmu_destroy(r);
}

// Active global errors survive a restore [IHI 0070 7.5]: GERROR is read-only, so the restored
// instance has the same GERROR ^ GERRORN (see smmu_state.cpp).
TEST(State, RestoreKeepsActiveGlobalErrors)
{
    Saved s;
    for (reg_value &v : s.st.regs)
        if (v.offset == SMMU_GERROR)
            v.value = SMMU_GERROR_CMDQ_ERR | SMMU_GERROR_SFM_ERR;
        else if (v.offset == SMMU_GERRORN)
            v.value = SMMU_GERROR_SFM_ERR;
    state_memory mem(s.st.memory);
    std::string err;
    smmu_t *r = restore_state(s.st, mem.env(), &err);
    ASSERT_NE(nullptr, r) << err;
    uint64_t ge = 0, gn = 0;
    smmu_reg_read(r, SMMU_GERROR, 4, SMMU_PAS_NS, &ge);
    smmu_reg_read(r, SMMU_GERRORN, 4, SMMU_PAS_NS, &gn);
    EXPECT_EQ((uint64_t)SMMU_GERROR_CMDQ_ERR, ge ^ gn);
    smmu_destroy(r);
}

// A register value the SMMU would not hold (a RES0 bit) is refused by restore.
TEST(State, RestoreRejectsValueTheSmmuWouldNotHold)
{
    Saved s;
    for (reg_value &v : s.st.regs)
        if (v.offset == SMMU_CR1)
            v.value |= UINT64_C(1) << 20;
    state_memory mem(s.st.memory);
    std::string err;
    EXPECT_EQ(nullptr, restore_state(s.st, mem.env(), &err));
    EXPECT_NE(std::string::npos, err.find("SMMU_CR1")) << err;
}

// Strict loading: each malformed file gives false and a message naming the problem.
TEST(State, LoadRejectsMalformedFiles)
{
    Saved s;
    std::string text = read_file(s.path);
    struct Case {
        std::string text, expect;
    } cases[] = {
        {"{ not json", "not valid JSON"},
        {edited(text, "\"arch_minor\"", "\"arch_minor_x\""), "unknown field 'arch_minor_x'"},
        {edited(text, "\"stage1\": true,", ""), "missing field 'stage1'"},
        {edited(text, "\"SMMU_CR1\"", "\"SMMU_CR9\""), "unknown register"},
        {edited(text, "\"offset\": \"0x28\"", "\"offset\": \"0x2c\""), "do not match"},
        {edited(text, "\"value\": \"0x", "\"value\": \"0xg"), "not a hex number"},
        {edited(text, "\"bytes\": \"", "\"bytes\": \"zz"), "non-hex character 'z'"},
        {edited(text, "\"bytes\": \"", "\"bytes\": \"0"), "odd number of hex digits"},
        {edited(text, "\"bytes\": \"", "\"bytes\": \"00"), "truncated memory image"},
        {edited(text, "\"format\": \"smmuv3-state\"", "\"format\": \"x\""), "not an SMMU state"},
        {edited(text, "\"oas_bits\": 48", "\"oas_bits\": -1"), "config.oas_bits"},
    };
    for (const Case &c : cases) {
        std::string p = write_file("bad.json", c.text);
        smmu_state st;
        std::string err;
        EXPECT_FALSE(load_state(p, &st, &err)) << c.expect;
        EXPECT_NE(std::string::npos, err.find(c.expect)) << "got: " << err;
        std::remove(p.c_str());
    }
    smmu_state st;
    std::string err;
    EXPECT_FALSE(load_state("/nonexistent/dir/state.json", &st, &err));
    EXPECT_NE(std::string::npos, err.find("cannot open")) << err;
}

// Memory outside the dumped regions is an external abort, not a crash: the walk of an
// address whose tables are missing faults.
TEST(State, MemoryOutsideTheDumpAborts)
{
    state_memory mem({{SMMU_PAS_NS, 0x1000, std::vector<uint8_t>(16, 0xab)}});
    uint64_t v = 0;
    EXPECT_TRUE(mem.read(0x1008, SMMU_PAS_NS, &v, 8));
    EXPECT_EQ(0xababababababababull, v);
    EXPECT_FALSE(mem.read(0x100c, SMMU_PAS_NS, &v, 8));   // crosses the end
    EXPECT_FALSE(mem.read(0x1000, SMMU_PAS_SECURE, &v, 8)); // other PA space
    EXPECT_FALSE(mem.read(0xff8, SMMU_PAS_NS, &v, 8));
}

// Format version 2 added the RME fields; a version-1 file (written before RME, without them)
// still loads, with RME absent (smmu_config_init's defaults), and restores. A version-1 file
// with an RME field, or a version this library does not know, is refused with a message.
TEST(State, ReadsVersionOneFilesAndRefusesUnknownVersions)
{
    Saved s;
    nlohmann::json j = nlohmann::json::parse(read_file(s.path));
    ASSERT_EQ(2u, j["version"].get<unsigned>());
    nlohmann::json v1 = j;
    v1["version"] = 1;
    for (const char *k : {"rme_impl", "realm_impl", "root_page_offset", "ba_realm", "rgptm",
                          "bgptm", "l0gptsz_bits"}) {
        ASSERT_TRUE(v1["config"].contains(k)) << k;
        v1["config"].erase(k);
    }
    std::string p = write_file("v1.json", v1.dump());
    smmu_state st;
    std::string err;
    ASSERT_TRUE(load_state(p, &st, &err)) << err;
    EXPECT_FALSE(st.cfg.rme_impl);
    EXPECT_FALSE(st.cfg.realm_impl);
    EXPECT_EQ(s.st.regs.size(), st.regs.size());
    state_memory mem(st.memory);
    smmu_t *r = restore_state(st, mem.env(), &err);
    EXPECT_NE(nullptr, r) << err;
    smmu_destroy(r);

    nlohmann::json bad = v1;
    bad["config"]["rme_impl"] = false;
    p = write_file("v1.json", bad.dump());
    EXPECT_FALSE(load_state(p, &st, &err));
    EXPECT_NE(std::string::npos, err.find("unknown field 'rme_impl'")) << err;

    nlohmann::json v3 = j;
    v3["version"] = 3;
    p = write_file("v1.json", v3.dump());
    EXPECT_FALSE(load_state(p, &st, &err));
    EXPECT_NE(std::string::npos,
              err.find("unsupported state file version 3 (this tool reads versions 1 to 2)"))
        << err;
    std::remove(p.c_str());
}

// A file cut short names the byte where the JSON stops.
TEST(State, TruncatedFileNamesWhereItStops)
{
    Saved s;
    std::string text = read_file(s.path);
    std::string p = write_file("cut.json", text.substr(0, 100));
    smmu_state st;
    std::string err;
    EXPECT_FALSE(load_state(p, &st, &err));
    EXPECT_NE(std::string::npos, err.find("is not valid JSON (truncated or corrupt at byte 101)"))
        << err;
    std::remove(p.c_str());
}
