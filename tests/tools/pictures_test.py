# SPDX-License-Identifier: Apache-2.0
"""Tests of the pictures (issue 15 item 4): smmu-report's HTML and smmu-explain's SVG and HTML,
loaded in a real browser (headless Chromium, --dump-dom), the bad-input paths of smmu-report,
and the examples committed under docs/ (regenerated and compared byte for byte).

One case per run, one ctest entry per case (tests/tools/CMakeLists.txt):
    pictures_test.py CASE --source-dir DIR --report PATH --explain PATH [--platform PATH]
Exit status: 0 pass, 1 fail (the reasons on stderr), 77 skipped (ctest SKIP_RETURN_CODE: no
chromium, or no smmu_platform to make a state from), 2 misuse.

    pictures_test.py update-examples ...   rewrites the examples under docs/ (after a change
                                           that is meant to change them)
"""

import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The examples under docs/: what they are made from. The platform's "nested" scenario: a guest
# device (StreamID 0x20) whose stage-1 tables live in guest IPA space under a 16KB stage 2.
EXPLAIN_OK = ["--sid", "0x20", "--addr", "0x10000000"]         # translated, PA 0x90100000
EXPLAIN_FAULT = ["--sid", "0x20", "--addr", "0x30000000", "--write"]  # F_TRANSLATION at level 2
EXAMPLES = {
    "explain_svg": "docs/img/explain-example.svg",
    "explain_fault_svg": "docs/img/explain-fault-example.svg",
    "explain_html": "docs/examples/explain-example.html",
    "report_html": "docs/examples/report-example.html",
}
FIXTURE = "tests/tools/data/stats-sample.json"


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


def run(cmd, expect_rc=0):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=120)
    if expect_rc is not None and p.returncode != expect_rc:
        raise Failed("%s: exit %d, expected %d\n%s%s" % (" ".join(cmd), p.returncode, expect_rc,
                                                          p.stdout[-2000:], p.stderr[-2000:]))
    return p


# ---- the browser ----

def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise Skipped("chromium is not installed (scripts/install-deps.sh installs Debian's "
                  "chromium): the browser tests are skipped")


def load_in_browser(path):
    """The DOM Chromium builds from the file, serialized, and the console messages it logged.
    Each load has its own profile directory: ctest runs cases in parallel."""
    profile = tempfile.mkdtemp(prefix="smmu-chromium-")
    try:
        p = subprocess.run([chromium(), "--headless", "--disable-gpu", "--no-sandbox",
                            "--user-data-dir=" + profile, "--no-first-run",
                            "--enable-logging=stderr", "--v=0", "--dump-dom",
                            "file://" + os.path.abspath(path)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    check(p.returncode == 0, "chromium exit %d: %s" % (p.returncode, p.stderr[-2000:]))
    # Pages without script log nothing to the console, unless the browser found something
    # wrong: a script error ("Uncaught ..."), an invalid SVG attribute value ("Error: <rect>
    # attribute width: ..."), a refused resource.
    console = [l for l in p.stderr.splitlines() if ":CONSOLE" in l or "Uncaught" in l]
    check(not console, "the browser logged console messages:\n" + "\n".join(console))
    check("<parsererror" not in p.stdout, "the browser could not parse %s:\n%s"
          % (path, p.stdout[:2000]))
    check(len(p.stdout) > 200, "empty DOM for %s" % path)
    return p.stdout


class Dom(html.parser.HTMLParser):
    """Elements with an id (tag, class) and the text of each <title>, keyed by the id of the
    element the title belongs to; text of elements with an id."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids = {}       # id -> (tag, class)
        self.titles = {}    # id of the owner -> title text
        self.text = {}      # id -> all text inside
        self.stack = []     # (tag, id or None)
        self.in_title = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for _, i in self.stack:  # cells and text elements are separate words
            if i:
                self.text[i] += " "
        if "id" in a:
            self.ids[a["id"]] = (tag, a.get("class", ""))
            self.text[a["id"]] = ""
        if tag == "title":
            owner = next((i for _, i in reversed(self.stack) if i), "document")
            self.in_title = owner
            self.titles[owner] = ""
        self.stack.append((tag, a.get("id")))

    def handle_startendtag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = (tag, a.get("class", ""))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "title":
            self.in_title = None

    def handle_data(self, data):
        if self.in_title is not None:
            self.titles[self.in_title] += data
        for _, i in self.stack:
            if i:
                self.text[i] += data

    def box(self, box_id, cls=None):
        check(box_id in self.ids, "no element with id \"%s\" in the DOM" % box_id)
        tag, c = self.ids[box_id]
        if cls is not None:
            check(c == cls, "#%s has class \"%s\", expected \"%s\"" % (box_id, c, cls))
        return self.text.get(box_id, "")


# ---- making the pictures ----

def make_state(args, tmp):
    if not args.platform:
        raise Skipped("smmu_platform is not built (SystemC missing): no state to explain")
    state = os.path.join(tmp, "nested.json")
    run([args.platform, "-s", "nested", "--dump", state])
    return state


def make_explain(args, tmp, txn, svg=None, html_out=None):
    state = make_state(args, tmp)
    cmd = [args.explain, state] + txn
    if svg:
        cmd += ["--svg", svg]
    if html_out:
        cmd += ["--html", html_out]
    return run(cmd).stdout


def make_report(args, out):
    run([args.report, os.path.join(args.source_dir, FIXTURE), "-o", out])


# ---- the cases ----

def case_report_in_browser(args, tmp):
    """The report's charts are SVG elements with ids and titles, with the fixture's streams,
    levels, events and commands in them; the tables hold the fixture's totals."""
    page = os.path.join(tmp, "report.html")
    make_report(args, page)
    dom = Dom(load_in_browser(page))
    charts = {"chart-hit-rates": "TLB hit rates per stream, by level",
              "chart-latency": "Translation latency per stream (mean, p50, p99, max)",
              "chart-faults": "Transactions terminated, by event",
              "chart-commands": "Commands consumed, by name"}
    for cid, title in charts.items():
        dom.box(cid)
        check(dom.ids[cid][0] == "svg", "#%s is a <%s>, not an <svg>" % (cid, dom.ids[cid][0]))
        check(dom.titles.get(cid) == title, "#%s title %r" % (cid, dom.titles.get(cid)))
    hit = dom.text["chart-hit-rates"]
    for label in ("SID 0x1 NS", "SID 0x2 SSID 0x3 NS", "SID 0x10 S", "SID 0x20 Realm", "TBU 0",
                  "TBU 1", "all traffic", "micro-TLB (TBU)", "main TLB (TBU)", "TLB (TCU)",
                  "miss"):
        check(label in hit, "hit-rate chart lacks %r" % label)
    lat = dom.text["chart-latency"]
    for label in ("mean", "p50", "p99", "max", "SID 0x20 Realm"):
        check(label in lat, "latency chart lacks %r" % label)
    # totals.faults of the fixture: F_TRANSLATION 7, F_PERMISSION 2, F_ACCESS 1
    faults = dom.text["chart-faults"]
    for label in ("F_TRANSLATION", "F_PERMISSION", "F_ACCESS", " 7", " 2", " 1"):
        check(label in faults, "faults chart lacks %r" % label)
    cmds = dom.text["chart-commands"]
    for label in ("CMD_SYNC", " 18", "CMD_TLBI_NH_VA", " 12", "CMD_TLBI_S12_VMALL"):
        check(label in cmds, "commands chart lacks %r" % label)
    summary = re.sub(r"\s+", " ", dom.text["summary"])
    for cell in ("translations 5888", "bytes 1507328", "TLB hit rate 96.6%", "faults 10",
                 "commands 46", "streams 4", "TBUs 2"):
        check(cell in summary, "summary lacks %r: %s" % (cell, summary))
    units = re.sub(r"\s+", " ", dom.text["units"])
    check("SID 0x20 Realm 256 65536 75.0%" in units, "units table: " + units)


def case_report_of_platform_in_browser(args, tmp):
    """What a user does: the demo platform's --stats file, rendered by smmu-report, opens in
    the browser with its four charts, and its summary shows the file's own totals."""
    if not args.platform:
        raise Skipped("smmu_platform is not built (SystemC missing): no statistics to render")
    stats, page = os.path.join(tmp, "demo.json"), os.path.join(tmp, "demo.html")
    run([args.platform, "--stats", stats])
    with open(stats) as f:
        totals = json.load(f)["totals"]
    check(totals["transactions"] > 0, "the demo translated nothing")
    run([args.report, stats, "-o", page])
    dom = Dom(load_in_browser(page))
    for cid in ("chart-hit-rates", "chart-latency", "chart-faults", "chart-commands"):
        dom.box(cid)
        check(dom.ids[cid][0] == "svg", "#%s is a <%s>, not an <svg>" % (cid, dom.ids[cid][0]))
    summary = re.sub(r"\s+", " ", dom.text["summary"])
    for cell in ("translations %d" % totals["transactions"], "bytes %d" % totals["bytes"],
                 "walks %d" % totals["walks"], "faults %d" % sum(totals["faults"].values())):
        check(cell in summary, "summary lacks %r: %s" % (cell, summary))
    # the demo's faults (F_TRANSLATION among them) are charted by name
    for name in totals["faults"]:
        check(name in dom.text["chart-faults"], "faults chart lacks %r" % name)


def explain_nodes(dom, fault):
    """The boxes of the nested example: STE, CD, each stage-1 level, the stage-2 walk beside
    each stage-1 fetch, and the PA (or the fault after level 2)."""
    check(dom.ids.get("translation-path", ("",))[0] == "svg", "no <svg id=translation-path>")
    for b in ("txn", "l1std", "ste"):
        dom.box(b)
    check("Config = 0b111 (stage 1 and stage 2 translate (nested))" in dom.box("ste"),
          "STE box: " + dom.box("ste"))
    check("S1ContextPtr = 0x70001000" in dom.box("ste"), "STE box lacks S1ContextPtr")
    cd = dom.box("cd", "node structure")
    for f in ("TTB0 = 0x70000000", "T0SZ = 0x10", "TG0 = 0b00 (4KB granule)", "ASID = 0x1"):
        check(f in cd, "CD box lacks %r: %s" % (f, cd))
    levels = [0, 1, 2] if fault else [0, 1, 2, 3]
    for l in levels:
        b = "s1-l%d" % l
        last = fault and l == 2
        dom.box(b, "node structure faulted" if last else "node structure")
        # The 16KB stage 2 of the scenario: level 2 table, level 3 page, for each fetch
        dom.box(b + "-stage2")
        dom.box(b + "-s2-l2", "node stage2")
        dom.box(b + "-s2-l3", "node stage2")
    if fault:
        check("s1-l3" not in dom.ids and "pa" not in dom.ids, "a faulted walk went on")
        f = dom.box("fault", "node fault")
        check(dom.titles.get("fault") == "Fault F_TRANSLATION (0x10)",
              "fault title %r" % dom.titles.get("fault"))
        for line in ("EventType = 0x10 (F_TRANSLATION)", "StreamID = 0x20",
                     "InputAddr = 0x30000000"):
            check(line in f, "fault box lacks %r: %s" % (line, f))
    else:
        check("0x0060000040100fc3" in dom.box("s1-l3"), "leaf value")
        check(dom.titles.get("pa") == "PA 0x90100000 (Non-secure)", "PA title %r"
              % dom.titles.get("pa"))
        dom.box("pa", "node result")
        # The output IPA 0x40100000 through a 32MB stage-2 block at level 2
        dom.box("pa-s2-l2", "node stage2")
        check("stage 2 of the output IPA 0x40100000" in dom.text["pa-stage2"], "pa side head")
        check("fault" not in dom.ids, "a fault box in a translated path")


def case_explain_svg_in_browser(args, tmp):
    for fault, txn in ((False, EXPLAIN_OK), (True, EXPLAIN_FAULT)):
        svg = os.path.join(tmp, "path.svg")
        make_explain(args, tmp, txn, svg=svg)
        explain_nodes(Dom(load_in_browser(svg)), fault)


def case_explain_html_in_browser(args, tmp):
    page = os.path.join(tmp, "path.html")
    text = make_explain(args, tmp, EXPLAIN_OK, html_out=page)
    dom = Dom(load_in_browser(page))
    explain_nodes(dom, False)
    check(dom.ids.get("explanation", ("",))[0] == "pre", "no <pre id=explanation>")
    check(dom.text["explanation"] == text, "the page's text differs from stdout")


def case_report_bad_input(args, tmp):
    """Bad input: a clear message naming the problem, exit 2, no output file."""
    out = os.path.join(tmp, "out.html")
    fixture = open(os.path.join(args.source_dir, FIXTURE), encoding="utf-8").read()

    def bad(name, content, message):
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        p = run([args.report, path, "-o", out], expect_rc=2)
        check(message in p.stderr, "%s: expected %r in:\n%s" % (name, message, p.stderr))
        check(not os.path.exists(out), "%s: an output file was written" % name)

    bad("cut.json", fixture[:300], "is not valid JSON (line ")
    bad("list.json", "[1, 2]", "is not a statistics file: the top level is not a JSON object")
    bad("deep.json", "[" * 100000, "cannot be read as JSON: maximum recursion depth")
    bad("state.json", '{"format": "smmuv3-state", "version": 2}',
        'is not a statistics file: "format" is "smmuv3-state", expected "smmuv3-stats"')
    bad("v2.json", fixture.replace('"version": 1', '"version": 2', 1),
        "unsupported statistics version 2 (this tool reads version 1)")
    bad("vtext.json", fixture.replace('"version": 1', '"version": "1"', 1),
        '"version" is "1", expected a whole number from 1')
    bad("neg.json", fixture.replace('"transactions": 4096', '"transactions": -4', 1),
        "streams[0].transactions: expected a non-negative integer, got -4")
    bad("nolat.json", fixture.replace('"latency_ns"', '"latency"', 1),
        'totals: missing field "latency_ns"')
    p = run([args.report, os.path.join(tmp, "absent.json"), "-o", out], expect_rc=2)
    check("cannot read" in p.stderr and "absent.json" in p.stderr, p.stderr)
    p = run([args.report, os.path.join(args.source_dir, FIXTURE)], expect_rc=2)
    check("-o/--output" in p.stderr, p.stderr)
    # Without matplotlib (python -S: no site packages, where Debian puts it): exit 3, saying
    # which package to install
    no_site = subprocess.run([sys.executable, "-S", "-c", "import matplotlib"],
                             stderr=subprocess.DEVNULL).returncode != 0
    if no_site:
        p = run([sys.executable, "-S", args.report, os.path.join(args.source_dir, FIXTURE),
                 "-o", out], expect_rc=3)
        check("needs matplotlib" in p.stderr and "python3-matplotlib" in p.stderr, p.stderr)
        check(not os.path.exists(out), "an output file was written without matplotlib")
    # A version-1 file with fields this tool does not know is read (fields are only added)
    with open(os.path.join(tmp, "newer.json"), "w", encoding="utf-8") as f:
        f.write(fixture.replace('"version": 1,', '"version": 1, "future_field": [1],', 1))
    run([args.report, os.path.join(tmp, "newer.json"), "-o", out])


def make_examples(args, tmp):
    """The examples under docs/, made into tmp with the same relative paths."""
    made = {k: os.path.join(tmp, v) for k, v in EXAMPLES.items()}
    for p in made.values():
        os.makedirs(os.path.dirname(p), exist_ok=True)
    make_explain(args, tmp, EXPLAIN_OK, svg=made["explain_svg"], html_out=made["explain_html"])
    make_explain(args, tmp, EXPLAIN_FAULT, svg=made["explain_fault_svg"])
    make_report(args, made["report_html"])
    return made


def case_examples_reproducible(args, tmp):
    """Regenerating the committed examples gives the same bytes: the drawing is a function of
    the walk, and smmu-report's SVG has fixed ids (svg.hashsalt) and no date. A difference
    means the tools or the scenario changed: look at the new pictures, then run
    `pictures_test.py update-examples` (the same arguments) and commit them."""
    made = make_examples(args, tmp)
    for key, rel in EXAMPLES.items():
        committed = os.path.join(args.source_dir, rel)
        check(os.path.exists(committed), "%s is missing" % rel)
        with open(committed, "rb") as a, open(made[key], "rb") as b:
            old, new = a.read(), b.read()
        if old != new:
            i = next((i for i in range(min(len(old), len(new))) if old[i] != new[i]),
                     min(len(old), len(new)))
            raise Failed("%s differs from what the tools make now, first at byte %d:\n"
                         "committed: %r\nnow:       %r\n(see this test's docstring)"
                         % (rel, i, old[max(0, i - 60):i + 60], new[max(0, i - 60):i + 60]))


def update_examples(args, tmp):
    made = make_examples(args, tmp)
    for key, rel in EXAMPLES.items():
        dest = os.path.join(args.source_dir, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(made[key], dest)
        print("wrote", rel)


CASES = {
    "report_in_browser": case_report_in_browser,
    "explain_svg_in_browser": case_explain_svg_in_browser,
    "explain_html_in_browser": case_explain_html_in_browser,
    "report_of_platform_in_browser": case_report_of_platform_in_browser,
    "report_bad_input": case_report_bad_input,
    "examples_reproducible": case_examples_reproducible,
    "update-examples": update_examples,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("case", choices=sorted(CASES))
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--report", required=True, help="smmu-report")
    ap.add_argument("--explain", required=True, help="smmu-explain")
    ap.add_argument("--platform", default="", help="smmu_platform (for a state to explain)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="smmu-pictures-")
    try:
        CASES[args.case](args, tmp)
    except Skipped as e:
        print("SKIPPED: %s" % e)
        return SKIP
    except Failed as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("passed: %s" % args.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
