// Structure decoding and encoding (tools/decode) and the smmu-decode executable.
#include <gtest/gtest.h>

#include "decode.h"
#include "scenario.h"
#include "common/hexutil.h"

extern "C" {
#include "smmuv3/arch.h"
#include "driver.h"
#include "pgtable.h"
#include "ste_cd.h"
}

using namespace smmuv3::tools;

namespace {

const field_value *field(const decoded &d, const std::string &name)
{
    for (const field_value &f : d.fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

uint64_t value_of(const decoded &d, const std::string &name)
{
    const field_value *f = field(d, name);
    EXPECT_NE(nullptr, f) << name;
    return f ? (f->is_address ? f->address : f->value) : ~UINT64_C(0);
}

// encode(a) -> decode -> every decoded field as NAME=VALUE -> encode: the same words.
void round_trip(structure s, const std::vector<std::string> &a, const desc_ctx &ctx = {})
{
    std::vector<uint64_t> w1, w2;
    std::string err;
    ASSERT_TRUE(encode(s, a, ctx, &w1, &err)) << err;
    decoded d = decode(s, w1.data(), ctx);
    std::vector<std::string> back;
    for (const field_value &f : d.fields)
        back.push_back(f.name + "=" + hex(f.is_address ? f.address : f.value));
    ASSERT_TRUE(encode(s, back, ctx, &w2, &err)) << err;
    EXPECT_EQ(w1, w2) << structure_name(s);
    // and every given value decodes back
    for (const std::string &x : a) {
        std::string n = x.substr(0, x.find('='));
        if (n == "Address" || n == "Opcode" || n == "EventType")
            continue;
        uint64_t v;
        ASSERT_TRUE(parse_u64(x.substr(x.find('=') + 1), &v, &err, true)) << err;
        EXPECT_EQ(v, value_of(d, n)) << structure_name(s) << " " << x;
    }
}

} // namespace

// An STE built with the core's field setters decodes to exactly those values [IHI 0070 5.2].
TEST(Decode, SteFromCoreSettersHasExactFields)
{
    uint64_t ste[8];
    ste_make_s1(ste, 0x300000, 1, 7);
    smmu_ste_set_S1DSS(ste, 2);
    decoded d = decode(structure::ste, ste);
    EXPECT_EQ(1u, value_of(d, "V"));
    EXPECT_EQ(5u, value_of(d, "Config"));
    EXPECT_EQ("stage 1 translate, stage 2 bypass", field(d, "Config")->meaning);
    EXPECT_EQ(0x300000u, value_of(d, "S1ContextPtr"));
    EXPECT_EQ(1u, value_of(d, "S1Fmt"));
    EXPECT_EQ(7u, value_of(d, "S1CDMax"));
    EXPECT_EQ(2u, value_of(d, "S1DSS"));
    EXPECT_EQ("no-SSID traffic uses CD 0", field(d, "S1DSS")->meaning);
    EXPECT_EQ(smmu_ste_field_count, d.fields.size());
}

// A CD from the test builder [IHI 0070 5.4]: T0SZ 16 for a 48-bit VA, TG0 0 = 4KB, TTB0.
TEST(Decode, CdFromBuilderHasExactFields)
{
    uint64_t cd[8];
    cd_make(cd, 0x401000, 12, 48, 44, 9, 0x44ff);
    decoded d = decode(structure::cd, cd);
    EXPECT_EQ(16u, value_of(d, "T0SZ"));
    EXPECT_EQ("48-bit VA range", field(d, "T0SZ")->meaning);
    EXPECT_EQ(0u, value_of(d, "TG0"));
    EXPECT_EQ(0x401000u, value_of(d, "TTB0"));
    EXPECT_EQ(9u, value_of(d, "ASID"));
    EXPECT_EQ(4u, value_of(d, "IPS")); // 44 bits [IHI 0070 5.4 IPS]
    EXPECT_EQ(1u, value_of(d, "EPD1"));
    EXPECT_EQ(0x44ffu, value_of(d, "MAIR0"));
}

// Commands carry the fields of their opcode only [IHI 0070 4.4.2]; the opcode has its name.
TEST(Decode, CommandShowsOpcodeNameAndItsFields)
{
    uint64_t c[2];
    cmd_tlbi_nh_va(c, 3, 4, 0x7000, true);
    decoded d = decode(structure::cmd, c);
    EXPECT_EQ("CMD_TLBI_NH_VA", d.title);
    EXPECT_EQ(3u, value_of(d, "VMID"));
    EXPECT_EQ(4u, value_of(d, "ASID"));
    EXPECT_EQ(0x7000u, value_of(d, "Addr"));
    EXPECT_EQ(1u, value_of(d, "Leaf"));
    EXPECT_EQ(nullptr, field(d, "StreamID")); // not a field of TLBI_NH_VA
    cmd_cfgi_all(c, false);
    EXPECT_EQ("CMD_CFGI_STE_RANGE (CMD_CFGI_ALL)", decode(structure::cmd, c).title);
}

// Event records: the type's name and its fields [IHI 0070 7.3.12].
TEST(Decode, EventRecordShowsTypeNameAndFields)
{
    uint64_t e[4] = {};
    smmu_evt_set_EventType(e, SMMU_EVT_F_TRANSLATION);
    smmu_evt_set_StreamID(e, 5);
    smmu_evt_set_S2(e, 1);
    smmu_evt_set_CLASS(e, 1);
    smmu_evt_set_InputAddr(e, 0xdead000);
    smmu_evt_set_IPA(e, 0x1234);
    decoded d = decode(structure::evt, e);
    EXPECT_EQ("F_TRANSLATION", d.title);
    EXPECT_EQ(5u, value_of(d, "StreamID"));
    EXPECT_EQ("stage-1 translation table fetch", field(d, "CLASS")->meaning);
    EXPECT_EQ(0xdead000u, value_of(d, "InputAddr"));
    EXPECT_EQ(0x1234000u, value_of(d, "IPA"));
}

// Descriptors built with the test page-table bits [Arm ARM D8.3]: a stage-1 page, a stage-2
// 2MB block, a table; with DS the address bits [49:48] and [51:50] move [D8.3.3].
TEST(Decode, DescriptorsDecodeByLevelAndStage)
{
    desc_ctx c;
    c.level = 3;
    uint64_t page = 0x40000000 | PGT_S1_RW | 3 | PGT_NG;
    decoded d = decode(structure::s1desc, &page, c);
    EXPECT_EQ("stage-1 level 3 (4KB granule) page descriptor", d.title);
    EXPECT_EQ(0x40000000u, desc_address(structure::s1desc, &page, c));
    EXPECT_EQ(1u, value_of(d, "AP"));
    EXPECT_EQ(3u, value_of(d, "SH"));
    EXPECT_EQ(1u, value_of(d, "nG"));
    c.level = 2;
    uint64_t blk = 0x80200000 | PGT_S2_RW | 1;
    d = decode(structure::s2desc, &blk, c);
    EXPECT_EQ("stage-2 level 2 (4KB granule) block descriptor", d.title);
    EXPECT_EQ("2MB at output address 0x80200000", d.summary);
    EXPECT_EQ(3u, value_of(d, "S2AP"));
    EXPECT_EQ(0xfu, value_of(d, "MemAttr"));
    uint64_t tbl = 0x123000 | 3;
    c.level = 0;
    d = decode(structure::s1desc, &tbl, c);
    EXPECT_EQ("next-level table at 0x123000", d.summary);
    c.ds = true;
    c.level = 3;
    uint64_t big = (UINT64_C(3) << 48) | (UINT64_C(2) << 8) | 0x5000 | 3;
    EXPECT_EQ((UINT64_C(0xb) << 48) | 0x5000, desc_address(structure::s1desc, &big, c));
    EXPECT_EQ(nullptr, field(decode(structure::s1desc, &big, c), "SH")); // OA[51:50] with DS
}

// encode -> decode -> encode gives the same words, for every structure type.
TEST(Decode, EncodeDecodeRoundTripEveryStructure)
{
    round_trip(structure::ste, {"V=1", "Config=7", "S1ContextPtr=0x4000", "S1CDMax=3",
                                "S2VMID=9", "S2T0SZ=24", "S2TTB=0x8000000", "S2TG=2", "S2PS=5",
                                "SHCFG=1", "S_S2TTB=0x10000"});
    round_trip(structure::l1std, {"Span=9", "L2Ptr=0x20000"});
    round_trip(structure::cd, {"V=1", "T0SZ=16", "TG0=2", "TTB0=0x1234560", "ASID=0xbeef",
                               "EPD1=1", "AA64=1", "MAIR0=0xff04", "MAIR1=1", "IPS=5"});
    round_trip(structure::l1cd, {"V=1", "L2Ptr=0x7000"});
    round_trip(structure::cmd, {"Opcode=CMD_SYNC", "CS=1", "MSH=3", "MSIAttr=0xf",
                                "MSIData=0x1234", "MSIAddr=0xfee00004"});
    round_trip(structure::cmd, {"Opcode=0x12", "VMID=1", "ASID=2", "Addr=0xffff000", "TG=1",
                                "NUM=3", "SCALE=2", "TTL=3", "Leaf=1"});
    round_trip(structure::cmd, {"Opcode=CMD_CFGI_CD", "StreamID=0x77", "SubstreamID=5", "Leaf=1"});
    round_trip(structure::evt, {"EventType=F_PERMISSION", "StreamID=3", "SSV=1",
                                "SubstreamID=0x44", "RnW=1", "S2=1", "CLASS=1", "TTRnW=1",
                                "InputAddr=0xffff800012345678", "IPA=0x4567000"});
    round_trip(structure::evt, {"EventType=F_STE_FETCH", "StreamID=3", "FetchAddr=0x100048"});
    desc_ctx c;
    c.level = 3;
    round_trip(structure::s1desc, {"Valid=1", "Type=1", "Address=0x40000000", "AF=1", "AP=3",
                                   "AttrIndx=2", "UXN=1"}, c);
    c.level = 1;
    round_trip(structure::s1desc, {"Valid=1", "Type=1", "Address=0x7000", "APTable=2",
                                   "NSTable=1"}, c);
    round_trip(structure::s2desc, {"Valid=1", "Type=0", "Address=0xc0000000", "S2AP=3",
                                   "MemAttr=0xf", "XN=2"}, c);
    c.granule_shift = 16;
    c.level = 3;
    round_trip(structure::s2desc, {"Valid=1", "Type=1", "Address=0xa000000010000", "AF=1"}, c);
}

// Bad encodings name the problem.
TEST(Decode, EncodeRejectsBadAssignments)
{
    std::vector<uint64_t> w;
    std::string err;
    struct {
        structure s;
        std::vector<std::string> a;
        const char *expect;
    } cases[] = {
        {structure::ste, {"Config=8"}, "too wide for its 3-bit field [3:1]"},
        {structure::ste, {"Bogus=1"}, "unknown field 'Bogus'"},
        {structure::ste, {"S1ContextPtr=0x4010"}, "is not 64-byte aligned"},
        {structure::cd, {"V"}, "is not FIELD=VALUE"},
        {structure::cd, {"ASID=0x1g"}, "not a hex number"},
        {structure::cmd, {"Opcode=CMD_SYNC", "StreamID=1"}, "unknown field 'StreamID' of CMD_SYNC"},
        {structure::s1desc, {"Valid=1", "Type=1", "Address=0x1001"}, "not aligned"},
    };
    for (auto &c : cases) {
        EXPECT_FALSE(encode(c.s, c.a, {}, &w, &err)) << c.expect;
        EXPECT_NE(std::string::npos, err.find(c.expect)) << err;
    }
}

// GPT descriptors [Arm ARM D9.6] and the Root GPC registers [IHI 0070 6.3.115-117]: every kind
// encodes to the architected bits and round-trips (level-0 Block/Table, level-1
// Granules/Contiguous).
TEST(Decode, GptDescriptorsEncodeExactlyAndRoundTripEveryKind)
{
    struct {
        structure s;
        std::vector<std::string> a;
        uint64_t word;
        const char *title;
    } cases[] = {
        // Block: Type [3:0] = 0b0001, GPI [7:4]
        {structure::gpt_l0, {"Type=0b0001", "GPI=0b1011"}, 0xb1, "level-0 GPT descriptor (Block)"},
        // Table: Type 0b0011, level-1 table address [51:12]
        {structure::gpt_l0,
         {"Type=0b0011", "Addr=0xe020000"},
         0xe020003,
         "level-0 GPT descriptor (Table)"},
        // Granules: granule i's GPI at [4i+3:4i]
        {structure::gpt_l1,
         {"GPI0=0b1011", "GPI1=0b1001", "GPI15=0b1111"},
         0xf00000000000009b,
         "level-1 GPT descriptor (Granules)"},
        // Contiguous: [3:0] = 0b0001, GPI [7:4], Contig [9:8]
        {structure::gpt_l1,
         {"Type=1", "GPI=0b1000", "Contig=0b11"},
         0x381,
         "level-1 GPT descriptor (Contiguous)"},
        // ROOT_GPT_BASE_CFG: PPS [2:0], IRGN [9:8], ORGN [11:10], SH [13:12], PGS [15:14]
        {structure::gpt_base_cfg,
         {"PPS=2", "IRGN=1", "ORGN=1", "SH=3", "PGS=2"},
         0xb502,
         "SMMU_ROOT_GPT_BASE_CFG"},
        // GPF_FAR: FAULT 0, REASON [3:1], FAULTCODE [11:4], FADDR [55:12], FPAS [63:62]
        {structure::gpf_far,
         {"FAULT=1", "REASON=1", "FAULTCODE=0x0b", "FADDR=0xc007000", "FPAS=3"},
         0xc00000000c0070b3,
         "SMMU_ROOT_GPF_FAR"},
        // GPT_CFG_FAR adds CFG_ERR [59:56]
        {structure::gpt_cfg_far,
         {"FAULT=1", "REASON=3", "FADDR=0xd000000", "CFG_ERR=3", "FPAS=3"},
         0xc30000000d000007,
         "SMMU_ROOT_GPT_CFG_FAR"},
    };
    for (const auto &c : cases) {
        std::vector<uint64_t> w;
        std::string err;
        ASSERT_TRUE(encode(c.s, c.a, {}, &w, &err)) << err;
        ASSERT_EQ(1u, w.size());
        EXPECT_EQ(c.word, w[0]) << structure_name(c.s) << " " << c.a[0];
        EXPECT_EQ(c.title, decode(c.s, w.data()).title);
        round_trip(c.s, c.a);
    }
    uint64_t l1 = 0xbbbbbbbb99999999;
    EXPECT_EQ("granules 0-7 Non-secure, granules 8-15 Realm",
              decode(structure::gpt_l1, &l1).summary);
    uint64_t contig = 0x2b1;
    EXPECT_EQ("GPI 0b1011 (Realm) for a naturally aligned 32MB region",
              decode(structure::gpt_l1, &contig).summary);
    uint64_t bad = 0x5;
    EXPECT_EQ("invalid (Type 0b0101; 0b0001 Block, 0b0011 Table): GPT lookup error (CFG_ERR 0x3)",
              decode(structure::gpt_l0, &bad).summary);
}

// The executable: decoding, encoding, and bad input with exit 2 and a message naming it.
TEST(DecodeTool, DecodesAndEncodes)
{
    std::string out, tool = SMMU_DECODE_PATH;
    ASSERT_EQ(0, scn::run(tool + " --encode ste V=1 Config=5 S1ContextPtr=0x4000", &out)) << out;
    EXPECT_EQ(0u, out.find("0x000000000000400b 0x0000000000000000")) << out;
    ASSERT_EQ(0, scn::run(tool + " ste " + out, &out)) << out;
    EXPECT_NE(std::string::npos, out.find("Config[3:1]")) << out;
    EXPECT_NE(std::string::npos, out.find("= 0b101 (stage 1 translate, stage 2 bypass)")) << out;
    EXPECT_NE(std::string::npos, out.find("= 0x4000 (address)")) << out;
    ASSERT_EQ(0, scn::run(tool + " cmd --bytes 0x46100000070000000410000000000000", &out)) << out;
    EXPECT_NE(std::string::npos, out.find("CMD_SYNC")) << out;
    EXPECT_NE(std::string::npos, out.find("MSIAddr[119:66] = 0x1004 (address)")) << out;
    ASSERT_EQ(0, scn::run(tool + " evt 0x0000000500000010 0 0x1000 0", &out)) << out;
    EXPECT_EQ(0u, out.find("F_TRANSLATION")) << out;
    // GPT descriptors and Root registers, through the executable both ways
    ASSERT_EQ(0, scn::run(tool + " --encode gpt_l0 Type=0b0011 Addr=0xe020000", &out)) << out;
    EXPECT_EQ("0x000000000e020003\n", out);
    ASSERT_EQ(0, scn::run(tool + " gpt_l0 " + out, &out)) << out;
    EXPECT_EQ(0u, out.find("level-0 GPT descriptor (Table): level-1 table at 0xe020000")) << out;
    ASSERT_EQ(0, scn::run(tool + " gpt_l1 --bytes 8102000000000000", &out)) << out;
    EXPECT_EQ(
        0u,
        out.find("level-1 GPT descriptor (Contiguous): GPI 0b1000 (Secure) for a naturally aligned "
                 "32MB region"))
        << out;
    ASSERT_EQ(0, scn::run(tool + " gpf_far 0x400000000d000007", &out)) << out;
    EXPECT_NE(std::string::npos,
              out.find("granule protection fault of a Non-secure access to 0xd000000 "
                       "(client transaction output)"))
        << out;
    ASSERT_EQ(0, scn::run(tool + " gpt_base_cfg 0x3502", &out)) << out;
    EXPECT_NE(std::string::npos,
              out.find("protected PA size 40 bits, 4KB granules, level-0 entries of 1GB"))
        << out;
}

TEST(DecodeTool, BadInputExitsTwoWithMessageNamingIt)
{
    std::string out, tool = SMMU_DECODE_PATH;
    struct {
        std::string args, expect;
    } cases[] = {
        {"ste 1 2 3", "needs 8 64-bit words (least significant first); 3 given"},
        {"cd --bytes 0011", "is 64 bytes; the byte string has 2"},
        {"cmd --bytes 0x46x", "non-hex character 'x'"},
        {"cmd --bytes 461", "odd number of hex digits"},
        {"l1std 0x12345678901234567", "does not fit in 64 bits"},
        {"l1cd 0xfoo", "not a hex number"},
        {"widget 1", "unknown structure 'widget'"},
        {"--encode cd NoSuch=1", "unknown field 'NoSuch'"},
        {"--encode l1std Span=0x20", "too wide for its 5-bit field"},
        {"s1desc --level 3 --granule 8k 1", "--granule: unknown granule '8k'"},
        // A descriptor's kind and address bits depend on its level and granule [Arm ARM
        // D8.3]: neither is assumed.
        {"s1desc 0x3", "s1desc: give --level (0..3, or -1 with --ds) and --granule (4k, 16k or "
                       "64k): a descriptor's fields depend on its level and granule"},
        {"s2desc --level 3 0x3", "s2desc: give --granule (4k, 16k or 64k)"},
        {"s1desc --granule 4k 0x3", "s1desc: give --level (0..3, or -1 with --ds):"},
        {"--encode s1desc Valid=1", "s1desc: give --level"},
        {"ste --level 3 0 0 0 0 0 0 0 0", "--level applies to descriptors (s1desc, s2desc) only"},
        // A misspelt opcode name is named as such, with the nearest name [IHI 0070 4].
        {"--encode cmd Opcode=CMD_SYNCC", "Opcode=CMD_SYNCC: unknown command opcode name; did "
                                          "you mean CMD_SYNC? Known names: CMD_PREFETCH_CONFIG"},
        {"--encode evt EventType=F_TRANSLATON", "did you mean F_TRANSLATION?"},
        {"gpt_l1 0x11111111111111111", "does not fit in 64 bits"},
        {"gpt_l0 --bytes 031002000000000000", "is 8 bytes; the byte string has 9"},
        {"--encode gpt_l0 Type=0x13", "is wider than its 4-bit field"},
        {"--encode gpt_l0 Type=3 Addr=0xe020800", "is not 4096-byte aligned"},
        {"--encode gpt_l1 Type=3 GPI0=1",
         "unknown field 'Type' of level-1 GPT descriptor (Granules)"},
    };
    for (auto &c : cases) {
        EXPECT_EQ(2, scn::run(tool + " " + c.args, &out)) << c.args;
        EXPECT_NE(std::string::npos, out.find(c.expect)) << c.args << ": " << out;
    }
    EXPECT_EQ(2, scn::run(tool + " --nosuchoption ste", &out));
    EXPECT_EQ(0, scn::run(tool + " --help", &out));
    EXPECT_NE(std::string::npos, out.find("--encode")) << out;
}
