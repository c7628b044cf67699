#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of tools/smmu-sweep (docs/exploration.md "Parameter sweeps"), one ctest entry per case:

  collect  the CSV of hand-made statistics (tests/tools/data/sweep, docs/statistics.md): every
           column's exact value, the PMCG columns, a future field ignored
  grid     a real 2x2 sweep of the traffic scenario: the header, 4 rows, every transaction
           counted, the rates between 0 and 1, and an SVG that parses as XML
  bad      bad input: an unknown parameter, a malformed grid (exit 2, named)

Usage: sweep_test.py CASE --sweep TOOL --platform SMMU_PLATFORM --data DIR --tmp DIR
Exit 77 (ctest SKIP_RETURN_CODE) when matplotlib is missing for the SVG check.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HEADER_TAIL = ["transactions", "bytes", "utlb_hit_rate", "tbu_tlb_hit_rate", "tcu_tlb_hit_rate",
               "tlb_hit_rate", "walks", "walks_per_ktxn", "table_fetches", "fetches_per_walk",
               "latency_mean_ns", "latency_p99_ns", "traffic_time_ns", "bandwidth_gbps"]


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        return header, [dict(zip(header, row)) for row in r]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return p.returncode, p.stdout + p.stderr


def case_collect(a):
    out = os.path.join(a.tmp, "collect")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(a.data, out)
    rc, text = run([a.sweep, "--collect", "-o", out])
    expect(rc == 0, f"--collect exit {rc}:\n{text}")
    header, rows = read_csv(os.path.join(out, "sweep.csv"))
    # The parameters, the columns, then the PMCG counters one point has (group 0, 2 counters)
    expect(header == ["utlb_entries", "wc_s1_l2_entries"] + HEADER_TAIL +
           ["pmcg0_c0_ev0x1", "pmcg0_c1_ev0x2"], f"header {header}")
    expect(len(rows) == 4, f"{len(rows)} rows")
    # Hand-computed from the fixture: 1000 transactions of 64 bytes each point;
    # hit rates = hits / transactions; walks per 1000 transactions; fetches / walks;
    # bandwidth = 64000 bytes / the traffic's time from the log (not simulated_time_ns)
    want = [
        ("16", "0", "0.500000", "0.200000", "0.100000", "0.800000", "200", "200.000", "800", "4.000",
         "12.500", "40.000", "32000.000", "2.000000"),
        ("16", "64", "0.500000", "0.200000", "0.100000", "0.800000", "200", "200.000", "400", "2.000",
         "10.000", "30.000", "16000.000", "4.000000"),
        ("32", "0", "0.750000", "0.100000", "0.050000", "0.900000", "100", "100.000", "400", "4.000",
         "8.000", "25.000", "64000.000", "1.000000"),
        ("32", "64", "0.750000", "0.100000", "0.050000", "0.900000", "100", "100.000", "200", "2.000",
         "6.000", "20.000", "128000.000", "0.500000"),
    ]
    cols = ["utlb_entries", "wc_s1_l2_entries", "utlb_hit_rate", "tbu_tlb_hit_rate",
            "tcu_tlb_hit_rate", "tlb_hit_rate", "walks", "walks_per_ktxn", "table_fetches",
            "fetches_per_walk", "latency_mean_ns", "latency_p99_ns", "traffic_time_ns",
            "bandwidth_gbps"]
    for row, w in zip(rows, want):
        got = tuple(row[c] for c in cols)
        expect(got == w, f"row {got} != {w}")
        expect(row["transactions"] == "1000" and row["bytes"] == "64000", f"counts {row}")
    expect(rows[3]["pmcg0_c0_ev0x1"] == "1000" and rows[3]["pmcg0_c1_ev0x2"] == "250",
           f"PMCG {rows[3]}")
    expect(rows[0]["pmcg0_c0_ev0x1"] == "", "a point without PMCG has empty PMCG cells")
    # A point whose statistics are missing is named, the others still collected (exit 1)
    os.remove(os.path.join(out, "points", "p002.json"))
    rc, text = run([a.sweep, "--collect", "-o", out])
    expect(rc == 1 and "FAILED point 2 (utlb_entries=32 wc_s1_l2_entries=0)" in text,
           f"missing point: exit {rc}:\n{text}")
    expect(len(read_csv(os.path.join(out, "sweep.csv"))[1]) == 3, "3 rows left")


def have_matplotlib(sweep):
    # the interpreter the tool runs with (its #! line)
    with open(sweep, encoding="utf-8") as f:
        interp = f.readline()[2:].strip().split()
    return run(interp + ["-c", "import matplotlib"])[0] == 0


def case_grid(a):
    out = os.path.join(a.tmp, "grid 'quoted'")  # a path that needs quoting, taken as it is
    shutil.rmtree(out, ignore_errors=True)
    n = 2000
    rc, text = run([a.sweep, "--platform", a.platform, "--scenario", "traffic", "-o", out, "-j", "2",
                    "--transactions", str(n), "--runner", "xargs",
                    "top.smmu.utlb_entries=8,64", "wc_s1_l2_entries=0,256"])
    expect(rc == 0, f"sweep exit {rc}:\n{text}")
    header, rows = read_csv(os.path.join(out, "sweep.csv"))
    expect(header[:len(HEADER_TAIL) + 2] == ["utlb_entries", "wc_s1_l2_entries"] + HEADER_TAIL,
           f"header {header}")
    expect(len(rows) == 4, f"{len(rows)} rows")
    points = [(r["utlb_entries"], r["wc_s1_l2_entries"]) for r in rows]
    expect(points == [("8", "0"), ("8", "256"), ("64", "0"), ("64", "256")], f"points {points}")
    for r in rows:
        # --transactions N: N accesses in all, none split (each within one 4 KB page)
        expect(r["transactions"] == str(n), f"transactions {r['transactions']} != {n}")
        for c in ("utlb_hit_rate", "tbu_tlb_hit_rate", "tcu_tlb_hit_rate", "tlb_hit_rate"):
            expect(0.0 <= float(r[c]) <= 1.0, f"{c} {r[c]}")
        expect(float(r["bandwidth_gbps"]) > 0 and float(r["traffic_time_ns"]) > 0, f"time {r}")
    # The architectural effect each axis must have: a larger micro-TLB serves more transactions;
    # the level-2 walk cache takes fetches off the walks (same TLB behaviour, fewer fetches)
    by = {(r["utlb_entries"], r["wc_s1_l2_entries"]): r for r in rows}
    expect(float(by[("64", "0")]["utlb_hit_rate"]) > float(by[("8", "0")]["utlb_hit_rate"]),
           "utlb 64 hits more than utlb 8")
    expect(float(by[("8", "256")]["fetches_per_walk"]) < float(by[("8", "0")]["fetches_per_walk"]),
           "the level-2 walk cache saves fetches")
    if not have_matplotlib(a.sweep):
        print("SKIP: matplotlib not installed: no SVG to check")
        sys.exit(77)
    svg = os.path.join(out, "sweep.svg")
    root = ET.parse(svg).getroot()
    expect(root.tag == "{http://www.w3.org/2000/svg}svg", f"root element {root.tag}")


def case_bad(a):
    out = os.path.join(a.tmp, "bad")
    rc, text = run([a.sweep, "--platform", a.platform, "-o", out, "utlb_entrys=1,2"])
    expect(rc == 2 and 'unknown parameter "top.smmu.utlb_entrys"' in text and
           "did you mean" in text, f"unknown name: exit {rc}:\n{text}")
    rc, text = run([a.sweep, "--platform", a.platform, "-o", out, "utlb_entries"])
    expect(rc == 2 and "utlb_entries: expected NAME=V1,V2" in text, f"no values: exit {rc}:\n{text}")
    rc, text = run([a.sweep, "--platform", a.platform, "-o", out, "utlb_entries=1,,2"])
    expect(rc == 2 and "an empty value" in text, f"empty value: exit {rc}:\n{text}")
    rc, text = run([a.sweep, "--platform", a.platform, "-o", out])
    expect(rc == 2 and "nothing to sweep" in text, f"no grid: exit {rc}:\n{text}")
    # A grid file that is not what --prepare wrote; an output directory that cannot be made
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sweep.json"), "w", encoding="utf-8") as f:
        f.write("{cut")
    rc, text = run([a.sweep, "--collect", "-o", out])
    expect(rc == 2 and "sweep.json: Expecting property name" in text, f"bad sweep.json: exit {rc}:\n{text}")
    rc, text = run([a.sweep, "--platform", a.platform, "-o", "/proc/no/such", "utlb_entries=1"])
    expect(rc == 2 and "smmu-sweep: error:" in text and "Traceback" not in text,
           f"unwritable -o: exit {rc}:\n{text}")
    # A value the platform refuses: the point fails, named with the platform's message
    rc, text = run([a.sweep, "--platform", a.platform, "-o", out, "--runner", "xargs", "-j", "1",
                    "--transactions", "10", "utlb_entries=3", "utlb_ways=2"])
    expect(rc == 1 and "FAILED point 0" in text and "utlb_ways 2 must divide utlb_entries 3" in text,
           f"bad value: exit {rc}:\n{text}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("case", choices=["collect", "grid", "bad"])
    p.add_argument("--sweep", required=True)
    p.add_argument("--platform")
    p.add_argument("--data")
    p.add_argument("--tmp", required=True)
    a = p.parse_args()
    os.makedirs(a.tmp, exist_ok=True)
    {"collect": case_collect, "grid": case_grid, "bad": case_bad}[a.case](a)
    print("PASS")


if __name__ == "__main__":
    main()
