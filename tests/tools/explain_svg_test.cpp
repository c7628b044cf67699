// smmu-explain --svg / --html, run as an executable on a state saved by the test: the drawing
// holds a box per structure the walk read, with the fields that decided it, the stage-2 walks
// of a nested translation beside the stage-1 fetches, and the fault in a red box. (That a
// browser renders the pages without errors is tests/tools/browser_test.py.)
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "scenario.h"

using namespace smmuv3::tools;

namespace {

std::string slurp(const std::string &p)
{
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

bool has(const std::string &out, const std::string &needle)
{
    return out.find(needle) != std::string::npos;
}

// The <g> element of box `id`, up to its closing tag ("" if absent).
std::string box(const std::string &svg, const std::string &id)
{
    size_t a = svg.find("<g id=\"" + id + "\"");
    if (a == std::string::npos)
        return "";
    size_t b = svg.find("</g>", a);
    return svg.substr(a, b - a);
}

class ExplainSvg : public ::testing::Test {
public:
    scn::Scenario sc;
    std::string path = scn::temp_path("explain_svg.json");
    std::string svg_path = scn::temp_path("path.svg");
    std::string html_path = scn::temp_path("path.html");
    void SetUp() override
    {
        std::string err;
        ASSERT_TRUE(save_state(capture_state(sc.smmu, sc.regions()), path, &err)) << err;
    }
    void TearDown() override
    {
        std::remove(path.c_str());
        std::remove(svg_path.c_str());
        std::remove(html_path.c_str());
    }
    int explain(const std::string &args, std::string *out)
    {
        return scn::run(std::string(SMMU_EXPLAIN_PATH) + " " + path + " " + args, out);
    }
    // The drawing of one transaction; the text on stdout must be what it is without --svg.
    std::string draw(const std::string &args)
    {
        std::string plain, out;
        EXPECT_EQ(0, explain(args, &plain)) << plain;
        EXPECT_EQ(0, explain(args + " --svg " + svg_path, &out)) << out;
        EXPECT_EQ(plain, out);
        return slurp(svg_path);
    }
};

} // namespace

// Stage 1 only (STE.Config 0b101): STE -> CD -> levels 0..3 of a 4KB, 48-bit walk
// [Arm ARM D8.2.8] -> PA, one column, no stage-2 boxes.
TEST_F(ExplainSvg, Stage1PathDrawsSteCdFourLevelsAndPa)
{
    std::string svg = draw("--sid 1 --addr 0x12345010");
    ASSERT_EQ(0u, svg.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
                           "xmlns=\"http://www.w3.org/2000/svg\" id=\"translation-path\""))
        << svg.substr(0, 200);
    EXPECT_TRUE(has(svg, "<title>Read of 0x12345010 by StreamID 0x1: PA 0x40000010</title>"));
    std::string ste = box(svg, "ste");
    EXPECT_TRUE(has(ste, "class=\"node structure\"")) << ste;
    EXPECT_TRUE(has(ste, "at PA 0x100040 (Non-secure)")) << ste;
    EXPECT_TRUE(has(ste, "Config = 0b101 (stage 1 translate, stage 2 bypass)")) << ste;
    EXPECT_TRUE(has(ste, "S1ContextPtr = 0x200000")) << ste;
    std::string cd = box(svg, "cd");
    EXPECT_TRUE(has(cd, "TTB0 = 0x400000")) << cd;
    EXPECT_TRUE(has(cd, "T0SZ = 0x10 (48-bit VA range)")) << cd;
    EXPECT_TRUE(has(cd, "TG0 = 0b00 (4KB granule)")) << cd; // shown although zero
    EXPECT_TRUE(has(cd, "ASID = 0x5")) << cd;
    for (int l = 0; l <= 2; l++)
        EXPECT_TRUE(has(box(svg, "s1-l" + std::to_string(l)), "table descriptor")) << l;
    std::string leaf = box(svg, "s1-l3");
    EXPECT_TRUE(has(leaf, "at PA 0x403a28 (Non-secure)")) << leaf;
    EXPECT_TRUE(has(leaf, "= 0x0000000040000743")) << leaf;
    EXPECT_TRUE(has(leaf, "4KB at output address 0x40000000")) << leaf;
    EXPECT_TRUE(has(leaf, "AP = 0b01 (read/write at any level)")) << leaf;
    std::string pa = box(svg, "pa");
    EXPECT_TRUE(has(pa, "class=\"node result\"")) << pa;
    EXPECT_TRUE(has(pa, "<title>PA 0x40000010 (Non-secure)</title>")) << pa;
    EXPECT_TRUE(has(pa, "mapping 0x12345000 + 0x1000 -&gt; 0x40000000")) << pa;
    EXPECT_FALSE(has(svg, "-s2-l")) << "no stage 2";
    EXPECT_FALSE(has(svg, "id=\"fault\""));
    EXPECT_FALSE(has(svg, "faulted"));
    // The column's order is the walk's
    EXPECT_LT(svg.find("id=\"ste\""), svg.find("id=\"cd\""));
    EXPECT_LT(svg.find("id=\"cd\""), svg.find("id=\"s1-l0\""));
    EXPECT_LT(svg.find("id=\"s1-l3\""), svg.find("id=\"pa\""));
}

// Nested (STE.Config 0b111): the CD fetch and each stage-1 table fetch are IPAs that stage 2
// translates first [IHI 0070 3.3.2]; each walk is drawn beside the fetch it served, and the
// walk of the output IPA beside the PA. The scenario's stage 2 is a 4KB walk from level 0 that
// maps the table pools with 2MB identity blocks (level 2) and the output IPA with a 4KB page.
TEST_F(ExplainSvg, NestedDrawsStage2WalkBesideEachStage1Fetch)
{
    std::string svg = draw("--sid 2 --addr 0x7654008 --write --priv");
    EXPECT_TRUE(has(box(svg, "ste"), "Config = 0b111 (stage 1 and stage 2 translate (nested))"));
    for (const char *fetch : {"cd", "s1-l0", "s1-l1", "s1-l2", "s1-l3", "pa"}) {
        std::string f = fetch;
        EXPECT_TRUE(has(svg, "<g class=\"side\" id=\"" + f + "-stage2\">")) << f;
        int leaf = f == "pa" ? 3 : 2;
        for (int l = 0; l <= leaf; l++) {
            std::string b = box(svg, f + "-s2-l" + std::to_string(l));
            EXPECT_TRUE(has(b, "class=\"node stage2\"")) << f << " level " << l;
            EXPECT_TRUE(has(b, "<title>Stage-2 level " + std::to_string(l) + " (4KB granule) " +
                                   (l < leaf ? "table" : f == "pa" ? "page" : "block") +
                                   " descriptor</title>"))
                << b;
        }
        EXPECT_EQ("", box(svg, f + "-s2-l" + std::to_string(leaf + 1))) << f;
    }
    EXPECT_TRUE(has(svg, "stage 2 of the table at IPA " + std::string("0x201000")));
    // The stage-1 leaf maps the VA to IPA 0x80000000; stage 2 maps that to 0x60000000.
    EXPECT_TRUE(has(box(svg, "s1-l3"), "4KB at output address 0x80000000"));
    EXPECT_TRUE(has(svg, "stage 2 of the output IPA 0x80000008"));
    EXPECT_TRUE(has(box(svg, "pa-s2-l3"), "4KB at output address 0x60000000"));
    EXPECT_TRUE(has(box(svg, "pa"), "<title>PA 0x60000008 (Non-secure)</title>"));
    // Stage 2 is never in the main column of a nested walk
    EXPECT_FALSE(has(svg, "id=\"s2-l"));
}

// An unmapped VA: the walk stops at the first invalid descriptor (level 2 here) with
// F_TRANSLATION [Arm ARM D8.3]: that box is outlined red, and the red fault box after it has
// the event record the SMMU writes.
TEST_F(ExplainSvg, FaultDrawsRedBoxAfterTheFetchThatFaulted)
{
    std::string svg = draw("--sid 1 --addr 0x22345000");
    std::string l2 = box(svg, "s1-l2");
    EXPECT_TRUE(has(l2, "class=\"node structure faulted\"")) << l2;
    EXPECT_TRUE(has(l2, "= 0x0000000000000000")) << l2;
    EXPECT_TRUE(has(l2, "stroke=\"#c62828\"")) << l2;
    EXPECT_FALSE(has(svg, "id=\"s1-l3\""));
    std::string f = box(svg, "fault");
    EXPECT_TRUE(has(f, "class=\"node fault\"")) << f;
    EXPECT_TRUE(has(f, "<title>Fault F_TRANSLATION (0x10)</title>")) << f;
    EXPECT_TRUE(has(f, "fill=\"#fde7e7\" stroke=\"#c62828\"")) << f;
    EXPECT_TRUE(has(f, "EventType = 0x10 (F_TRANSLATION)")) << f;
    EXPECT_TRUE(has(f, "StreamID = 0x1")) << f;
    EXPECT_TRUE(has(f, "InputAddr = 0x22345000")) << f;
    EXPECT_FALSE(has(svg, "id=\"pa\""));
    EXPECT_TRUE(has(svg, "<title>Read of 0x22345000 by StreamID 0x1: F_TRANSLATION</title>"));
}

// An STE with V = 0 gives C_BAD_STE [IHI 0070 7.3.5]: the STE is where it stopped.
TEST_F(ExplainSvg, InvalidSteIsMarkedAndFollowedByCBadSte)
{
    std::string svg = draw("--sid 3 --addr 0x1000");
    EXPECT_TRUE(has(box(svg, "ste"), "class=\"node structure faulted\""));
    EXPECT_TRUE(has(box(svg, "fault"), "<title>Fault C_BAD_STE (0x04)</title>"));
    EXPECT_TRUE(has(box(svg, "fault"), "StreamID = 0x3"));
    EXPECT_FALSE(has(svg, "id=\"cd\""));
}

// A table descriptor pointing outside the dump's memory: the next fetch is an external abort,
// F_WALK_EABT [IHI 0070 7.3.12]. The level-2 table descriptor it read is fine (not outlined);
// the fault box says the fetch after it was aborted.
TEST_F(ExplainSvg, WalkAbortIsTheFetchAfterTheLastBox)
{
    // Level-2 descriptor of VA 0x22345000 (invalid in the scenario; see the fault test):
    // a table at 0x7000000, which no region of the dump holds.
    fake_mem_wr64(sc.mem, 0x402888, SMMU_PAS_NS, 0x7000003);
    std::string err;
    ASSERT_TRUE(save_state(capture_state(sc.smmu, sc.regions()), path, &err)) << err;
    std::string svg = draw("--sid 1 --addr 0x22345000");
    std::string l2 = box(svg, "s1-l2");
    EXPECT_TRUE(has(l2, "class=\"node structure\"")) << l2;
    EXPECT_TRUE(has(l2, "next-level table at 0x7000000")) << l2;
    std::string f = box(svg, "fault");
    EXPECT_TRUE(has(f, "<title>Fault F_WALK_EABT (0x0b)</title>")) << f;
    EXPECT_TRUE(has(f, "the fetch after the last box was aborted")) << f;
    EXPECT_FALSE(has(svg, "faulted"));
}

// --html: one static page with the same drawing inline (no XML declaration inside HTML) and
// the text explanation, escaped; nothing loaded from elsewhere.
TEST_F(ExplainSvg, HtmlEmbedsTheDrawingAndTheText)
{
    std::string out;
    ASSERT_EQ(0, explain("--sid 1 --addr 0x12345010 --svg " + svg_path + " --html " + html_path,
                         &out))
        << out;
    std::string page = slurp(html_path), svg = slurp(svg_path);
    EXPECT_EQ(0u, page.find("<!DOCTYPE html>\n<html lang=\"en\">"));
    size_t at = svg.find("<svg ");
    ASSERT_NE(std::string::npos, at);
    EXPECT_TRUE(has(page, svg.substr(at))) << "the page holds the same drawing";
    EXPECT_FALSE(has(page, "<?xml"));
    EXPECT_TRUE(has(page, "<pre id=\"explanation\">Transaction: read of 0x12345010 by StreamID "
                          "0x1 (Non-secure)"));
    EXPECT_TRUE(has(page, "Result: translated to PA 0x40000010 (Non-secure PA space)"));
    EXPECT_TRUE(has(page, "mapping 0x12345000 + 0x1000 -&gt; 0x40000000\n"));
    for (const char *remote : {"<script", "<link", "src=", "<img", "@import"})
        EXPECT_FALSE(has(page, remote)) << remote;
}

// The drawing is a function of the walk: the same state and transaction give the same bytes.
TEST_F(ExplainSvg, SameInputSameBytes)
{
    std::string a = draw("--sid 2 --addr 0x7654008");
    std::string b = draw("--sid 2 --addr 0x7654008");
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b);
}

// Bad input: --svg / --html without one transaction, or an output file that cannot be
// written, exit 2 with the reason; nothing half-written is left behind as success.
TEST_F(ExplainSvg, BadInputFailsCleanly)
{
    std::string out;
    EXPECT_EQ(2, explain("--svg " + svg_path, &out));
    EXPECT_TRUE(has(out, "smmu-explain: --svg and --html draw one translation: give --sid and "
                         "--addr"))
        << out;
    EXPECT_EQ(2, explain("--events --html " + html_path, &out));
    EXPECT_TRUE(has(out, "give --sid and --addr")) << out;
    EXPECT_EQ(2, explain("--sid 1 --addr 0x12345010 --svg /nonexistent-dir/x.svg", &out));
    EXPECT_TRUE(has(out, "smmu-explain: cannot write '/nonexistent-dir/x.svg'")) << out;
    EXPECT_EQ(2, explain("--sid 1 --addr 0x12345010 --html /nonexistent-dir/x.html", &out));
    EXPECT_TRUE(has(out, "smmu-explain: cannot write '/nonexistent-dir/x.html'")) << out;
    EXPECT_EQ(2, explain("--sid 1 --addr 0xzz --svg " + svg_path, &out));
    EXPECT_TRUE(has(out, "not a hex number")) << out;
}
