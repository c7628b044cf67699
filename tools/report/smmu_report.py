#!@SMMU_REPORT_PYTHON@
# SPDX-License-Identifier: Apache-2.0
"""smmu-report: the statistics of a run (smmu_platform --stats out.json; format in
docs/statistics.md, version 1) as one static HTML page: a summary table, TLB hit rates per
stream (stacked by where the translation was found), translation latency per stream (mean, p50,
p99, max), faults by event name, commands by name, and the tables behind them.

The charts are matplotlib SVG inlined in the page: no script, no network, one file. The output
is reproducible byte for byte for the same input and matplotlib version (svg.hashsalt and no
date in the metadata).

Exit status: 0 written, 2 bad input (not JSON, not a statistics file, an unsupported version, a
field of the wrong type; the message names it), 3 matplotlib missing.
"""

import argparse
import html
import io
import json
import math
import sys

PROG = "smmu-report"
FORMAT = "smmuv3-stats"
VERSION = 1  # the newest version this tool reads

# Where a translation was found (docs/statistics.md, a unit's fields), nearest first.
LEVELS = [("utlb_hits", "micro-TLB (TBU)", "#2e7d32"),
          ("tbu_tlb_hits", "main TLB (TBU)", "#81c784"),
          ("tcu_tlb_hits", "TLB (TCU)", "#1976d2"),
          ("misses", "miss", "#e57373")]
LATENCY = [("mean", "mean", "#90a4ae"), ("p50", "p50", "#42a5f5"),
           ("p99", "p99", "#ffa726"), ("max", "max", "#ef5350")]


class BadInput(Exception):
    pass


# ---- reading: strict about what the report uses, silent about fields it does not know ----

def get(obj, key, kind, where, default=None, required=True):
    """obj[key], checked to be of `kind` ("object", "array", "number", "integer", "string",
    "boolean"); `where` names obj in messages."""
    if not isinstance(obj, dict):
        raise BadInput("%s: expected an object" % where)
    if key not in obj:
        if required:
            raise BadInput("%s: missing field \"%s\"" % (where, key))
        return default
    v = obj[key]
    ok = {"object": lambda x: isinstance(x, dict),
          "array": lambda x: isinstance(x, list),
          "string": lambda x: isinstance(x, str),
          "boolean": lambda x: isinstance(x, bool),
          "integer": lambda x: isinstance(x, int) and not isinstance(x, bool) and x >= 0,
          "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool)
          and math.isfinite(x) and x >= 0}[kind](v)
    if not ok:
        if kind in ("integer", "number"):
            what = "a non-negative " + kind
        else:
            what = ("an " if kind[0] in "aeiou" else "a ") + kind
        raise BadInput("%s.%s: expected %s, got %s" % (where, key, what, json.dumps(v)[:40]))
    return v


def read_unit(u, where):
    """A unit (totals, a TBU, a stream, other_streams) as a dict of checked values."""
    out = {}
    for k in ("transactions", "bytes", "utlb_hits", "tbu_tlb_hits", "tcu_tlb_hits", "misses",
              "cfg_hits", "cfg_misses", "walks", "table_fetches"):
        out[k] = get(u, k, "integer", where)
    out["walks_queued"] = get(u, "walks_queued", "integer", where, 0, required=False)
    faults = get(u, "faults", "object", where)
    out["faults"] = {n: get(faults, n, "integer", where + ".faults") for n in faults}
    lat = get(u, "latency_ns", "object", where)
    out["latency_ns"] = {k: get(lat, k, "number", where + ".latency_ns")
                         for k in ("count", "min", "mean", "p50", "p99", "max")}
    return out


def load(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise BadInput("cannot read '%s': %s" % (path, e.strerror))
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise BadInput("'%s' is not UTF-8 text (byte %d)" % (path, e.start))
    except json.JSONDecodeError as e:
        raise BadInput("'%s' is not valid JSON (line %d, column %d): %s"
                       % (path, e.lineno, e.colno, e.msg))
    except (ValueError, RecursionError) as e:  # a number too long, nesting too deep
        raise BadInput("'%s' cannot be read as JSON: %s" % (path, e))
    if not isinstance(doc, dict):
        raise BadInput("'%s' is not a statistics file: the top level is not a JSON object" % path)
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise BadInput("'%s' is not a statistics file: \"format\" is %s, expected \"%s\" "
                       "(docs/statistics.md)" % (path, json.dumps(fmt), FORMAT))
    ver = doc.get("version")
    if not isinstance(ver, int) or isinstance(ver, bool) or ver < 1:
        raise BadInput("'%s': \"version\" is %s, expected a whole number from 1"
                       % (path, json.dumps(ver)))
    if ver > VERSION:
        raise BadInput("'%s': unsupported statistics version %d (this tool reads version %d)"
                       % (path, ver, VERSION))

    s = {"simulated_time_ns": get(doc, "simulated_time_ns", "number", "top level"),
         "totals": read_unit(get(doc, "totals", "object", "top level"), "totals")}
    s["tbus"] = []
    for i, t in enumerate(get(doc, "tbus", "array", "top level", [], required=False)):
        u = read_unit(t, "tbus[%d]" % i)
        u["tbu"] = get(t, "tbu", "integer", "tbus[%d]" % i)
        s["tbus"].append(u)
    s["streams"] = []
    for i, t in enumerate(get(doc, "streams", "array", "top level", [], required=False)):
        w = "streams[%d]" % i
        u = read_unit(t, w)
        u["sid"] = get(t, "sid", "integer", w)
        u["ssid"] = get(t, "ssid", "integer", w)
        u["ssv"] = get(t, "ssv", "boolean", w)
        u["sec"] = get(t, "sec", "string", w)
        s["streams"].append(u)
    other = get(doc, "other_streams", "object", "top level", None, required=False)
    s["other"] = read_unit(other, "other_streams") if other is not None else None
    for sect in ("commands", "events"):
        d = get(doc, sect, "object", "top level", {}, required=False)
        s[sect] = {n: get(d, n, "integer", sect) for n in d}
    pas = get(doc, "pa_spaces", "object", "top level", {}, required=False)
    s["pa_spaces"] = {}
    for n in pas:
        p = get(pas, n, "object", "pa_spaces")
        s["pa_spaces"][n] = {k: get(p, k, "integer", "pa_spaces." + n, 0, required=False)
                             for k in ("transactions", "bytes")}
    params = get(doc, "parameters", "object", "top level", {}, required=False)
    s["parameters"] = {n: str(v) for n, v in params.items()}
    for sect in ("core", "module"):
        d = get(doc, sect, "object", "top level", {}, required=False)
        s[sect] = {n: get(d, n, "number", sect) for n in d}
    return s


# ---- charts ----

def stream_label(u):
    """"SID 0x2 SSID 0x3 NS", as the CSV's id sid:ssid:sec names it."""
    return "SID %#x%s %s" % (u["sid"], " SSID %#x" % u["ssid"] if u["ssv"] else "", u["sec"])


def svg_of(fig, chart_id, title):
    """The figure as an <svg> element with an id and a <title>, for inlining. Each chart gets
    its own hash salt: matplotlib's clip-path ids come from it, and ids must differ between
    the SVGs of one page."""
    import matplotlib.pyplot as plt
    buf = io.StringIO()
    with plt.rc_context({"svg.hashsalt": chart_id}):
        fig.savefig(buf, format="svg", bbox_inches="tight",
                    metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]  # no XML declaration or DOCTYPE inside HTML
    head_end = text.index(">") + 1
    return ('<svg id="%s" role="img"%s\n<title>%s</title>'
            % (chart_id, text[4:head_end], html.escape(title)) + text[head_end:])


def units_for_rates(s):
    rows = [(stream_label(u), u) for u in s["streams"]]
    if s["other"] is not None and s["other"]["transactions"]:
        rows.append(("other streams", s["other"]))
    rows += [("TBU %d" % u["tbu"], u) for u in s["tbus"]]
    rows.append(("all traffic", s["totals"]))
    return rows


def chart_hit_rates(plt, s):
    rows = units_for_rates(s)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.4))
    labels = [r[0] for r in rows][::-1]
    left = [0.0] * len(rows)
    for key, name, colour in LEVELS:
        vals = [(u[key] / u["transactions"] * 100 if u["transactions"] else 0)
                for _, u in rows][::-1]
        ax.barh(labels, vals, left=left, color=colour, label=name, height=0.6)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of translations")
    ax.set_title("Where translations were found")
    ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25 * 2.4
                                                            / (0.45 * len(rows) + 1.4)),
              frameon=False)
    fig.tight_layout()
    return svg_of(fig, "chart-hit-rates", "TLB hit rates per stream, by level")


def chart_latency(plt, s):
    rows = [(stream_label(u), u) for u in s["streams"] if u["latency_ns"]["count"]]
    rows.append(("all traffic", s["totals"]))
    fig, ax = plt.subplots(figsize=(8, 3.6))
    n = len(LATENCY)
    width = 0.8 / n
    for i, (key, name, colour) in enumerate(LATENCY):
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(rows))]
        ax.bar(xs, [u["latency_ns"][key] for _, u in rows], width, color=colour, label=name)
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([r[0] for r in rows], rotation=15, ha="right")
    # Log scale: p99 and max are often ten to a hundred times the median (a walk against a hit).
    ax.set_yscale("log")
    positive = [u["latency_ns"][k] for _, u in rows for k, _, _ in LATENCY
                if u["latency_ns"][k] > 0]
    ax.set_ylim(bottom=min([1.0] + [v / 2 for v in positive]))  # the smallest bar shows
    ax.set_ylabel("ns of simulated time (log scale)")
    ax.set_title("Translation latency per stream")
    ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.3), frameon=False)
    fig.tight_layout()
    return svg_of(fig, "chart-latency", "Translation latency per stream (mean, p50, p99, max)")


def chart_counts(plt, counts, chart_id, title, colour, empty):
    from matplotlib.ticker import MaxNLocator
    if not counts:
        return '<p id="%s" class="empty">%s</p>' % (chart_id, html.escape(empty))
    names = sorted(counts, key=lambda n: (-counts[n], n))
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(names) + 1.2))
    ax.barh(names[::-1], [counts[n] for n in names][::-1], color=colour, height=0.6)
    for y, n in enumerate(names[::-1]):
        ax.text(counts[n], y, " %d" % counts[n], va="center", fontsize=9)
    ax.set_xlim(0, max(counts.values()) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole ticks
    ax.set_title(title)
    fig.tight_layout()
    return svg_of(fig, chart_id, title)


# ---- the page ----

def pct(a, b):
    return "%.1f%%" % (a * 100.0 / b) if b else "-"


def table(table_id, head, rows, numeric_from=1):
    out = ['<table id="%s">' % table_id, "<tr>" + "".join(
        "<th>%s</th>" % html.escape(h) for h in head) + "</tr>"]
    for r in rows:
        out.append("<tr>" + "".join(
            ('<td class="n">%s</td>' if i >= numeric_from else "<td>%s</td>")
            % html.escape(str(c)) for i, c in enumerate(r)) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def num(v):
    if isinstance(v, float) and not v.is_integer():
        return "%.2f" % v
    return str(int(v))


def unit_row(label, u):
    hits = u["transactions"] - u["misses"]
    lat = u["latency_ns"]
    return [label, u["transactions"], u["bytes"], pct(hits, u["transactions"]),
            pct(u["cfg_hits"], u["cfg_hits"] + u["cfg_misses"]), u["walks"],
            u["table_fetches"], sum(u["faults"].values()), num(lat["mean"]), num(lat["p99"]),
            num(lat["max"])]


def render(s, source):
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans",
                         "font.size": 10, "figure.dpi": 72})

    t = s["totals"]
    faults = t["faults"]
    head = ["unit", "transactions", "bytes", "TLB hit rate", "config cache hit rate", "walks",
            "table fetches", "faults", "mean ns", "p99 ns", "max ns"]
    rows = [unit_row("all traffic", t)] + [unit_row(l, u) for l, u in units_for_rates(s)[:-1]]
    summary = [
        ["simulated time", num(s["simulated_time_ns"]) + " ns"],
        ["translations", t["transactions"]],
        ["bytes", t["bytes"]],
        ["TLB hit rate", pct(t["transactions"] - t["misses"], t["transactions"])],
        ["walks", t["walks"]],
        ["table fetches", t["table_fetches"]],
        ["faults", sum(faults.values())],
        ["commands", sum(s["commands"].values())],
        ["streams", len(s["streams"]) + (1 if s["other"] and s["other"]["transactions"] else 0)],
        ["TBUs", len(s["tbus"])],
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>SMMU statistics: %s</title>" % html.escape(source),
        "<style>",
        "body { font-family: sans-serif; margin: 2em; color: #222; max-width: 70em; }",
        "table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }",
        "th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }",
        "th { background: #f0f0f0; } td.n { text-align: right; }",
        "figure { margin: 0 0 1.5em 0; } svg { max-width: 100%; height: auto; }",
        "</style>",
        "</head>",
        "<body>",
        "<h1>SMMU statistics</h1>",
        "<p>From <code>%s</code> (%s version 1).</p>" % (html.escape(source), FORMAT),
        "<h2>Summary</h2>",
        table("summary", ["", "value"], summary),
        table("units", head, rows),
        "<h2>TLB hit rates</h2>",
        '<figure>%s</figure>' % chart_hit_rates(plt, s),
        "<h2>Latency</h2>",
        "<p>Percentiles per stream (the statistics carry no histogram buckets).</p>",
        '<figure>%s</figure>' % chart_latency(plt, s),
        "<h2>Faults</h2>",
        '<figure>%s</figure>' % chart_counts(plt, faults, "chart-faults",
                                             "Transactions terminated, by event", "#e57373",
                                             "No transaction faulted."),
        "<h2>Commands</h2>",
        '<figure>%s</figure>' % chart_counts(plt, s["commands"], "chart-commands",
                                             "Commands consumed, by name", "#7986cb",
                                             "No commands."),
    ]
    if s["pa_spaces"]:
        parts += ["<h2>PA spaces</h2>", table("pa-spaces", ["PA space", "transactions", "bytes"],
                                              [[n, p["transactions"], p["bytes"]]
                                               for n, p in s["pa_spaces"].items()])]
    for sect, title in (("core", "Core counters"), ("module", "SystemC module counters")):
        if s[sect]:
            parts += ["<h2>%s</h2>" % title,
                      table(sect, ["counter", "value"], [[n, num(v)] for n, v in s[sect].items()])]
    if s["parameters"]:
        parts += ["<h2>Parameters</h2>",
                  table("parameters", ["parameter", "value"], sorted(s["parameters"].items()),
                        numeric_from=2)]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def main(argv):
    ap = argparse.ArgumentParser(
        prog=PROG, description="Render SMMU statistics (JSON, docs/statistics.md) as a static "
        "HTML report with SVG charts. Exit status: 0 written, 2 bad input, 3 matplotlib missing.")
    ap.add_argument("stats", help="statistics file (smmu_platform --stats out.json)")
    ap.add_argument("-o", "--output", required=True, help="HTML file to write")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    try:
        s = load(args.stats)
    except BadInput as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 2
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("%s: needs matplotlib, which %s cannot import (Debian: apt-get install "
              "python3-matplotlib)" % (PROG, sys.executable), file=sys.stderr)
        return 3
    page = render(s, args.stats.rsplit("/", 1)[-1])
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(page)
    except OSError as e:
        print("%s: cannot write '%s': %s" % (PROG, args.output, e.strerror), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
