#!/usr/bin/env python3
"""Check smmu_platform --stats output (docs/statistics.md, format "smmuv3-stats" version 1).

Usage: check_stats.py STATS.json STATS.csv (the same run, the demo scenario). Exits non-zero
with a message on the first difference."""
import csv
import json
import sys

HEADER = ("scope,id,transactions,bytes,utlb_hits,tbu_tlb_hits,tcu_tlb_hits,misses,cfg_hits,"
          "cfg_misses,walks,walks_queued,walk_queue_time_ns,table_fetches,faults,latency_count,"
          "latency_min_ns,latency_mean_ns,latency_p50_ns,latency_p99_ns,latency_max_ns")
UNIT = HEADER.split(",")[2:]


def check(cond, what):
    if not cond:
        sys.exit("check_stats: " + what)


def main(json_path, csv_path):
    with open(json_path) as f:
        d = json.load(f)
    check(d["format"] == "smmuv3-stats" and d["version"] == 1, "format/version")
    check(d["detailed"] is True, "--stats turns the detailed statistics on")
    check(d["parameters"]["stats.detailed"] == "true", "parameter stats.detailed")
    check(d["simulated_time_ns"] > 0, "simulated time")
    # The demo's devices: Non-secure, Secure and Realm streams
    check({s["sec"] for s in d["streams"]} == {"NS", "S", "Realm"}, "stream Security states")
    # The totals are the sum of the streams and the other streams
    units = d["streams"] + [d["other_streams"]]
    for field in ("transactions", "bytes", "tcu_tlb_hits", "misses", "walks", "table_fetches"):
        check(sum(u[field] for u in units) == d["totals"][field], "totals." + field)
    faults = sum(sum(u["faults"].values()) for u in units)
    check(faults == sum(d["totals"]["faults"].values()) == sum(d["events"].values()),
          "faults of the streams, the totals and the events generated")
    check(d["commands"].get("CMD_SYNC", 0) > 0 and "CMD_CFGI_ALL" in d["commands"],
          "commands by name")
    check(sum(p["bytes"] for p in d["pa_spaces"].values()) == d["totals"]["bytes"],
          "bytes by PA space")

    with open(csv_path) as f:
        text = f.read()
    check(text.splitlines()[0] == HEADER, "the CSV header")
    rows = list(csv.DictReader(text.splitlines()))
    check([r["scope"] for r in rows] ==
          ["total"] + ["tbu"] * len(d["tbus"]) + ["stream"] * len(d["streams"]) + ["other"],
          "CSV rows")
    for r, s in zip(rows[1 + len(d["tbus"]):], d["streams"]):
        ssid = str(s["ssid"]) if s["ssv"] else "-"
        check(r["id"] == "%d:%s:%s" % (s["sid"], ssid, s["sec"]), "CSV stream id " + r["id"])
        check(int(r["transactions"]) == s["transactions"], "CSV transactions of " + r["id"])
    check(int(rows[0]["faults"]) == faults, "CSV total faults")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
