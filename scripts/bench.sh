#!/usr/bin/env bash
# Run the benchmarks and print their figures (nothing is asserted: targets are in the issue
# tracker and docs/performance.md). Instruction counts come from callgrind, which counts the
# same on a busy or an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DSMMU_BUILD_TESTS=ON -DSMMU_BUILD_BENCH=ON
bench=build/bench/core_bench

# Instructions executed inside bench_*_region (callgrind toggles collection on entering and
# leaving the named functions). With exclude_callbacks, the memory callbacks toggle it too:
# inside the region that excludes them; outside it, it counts them, which the difference of
# two runs below cancels.
instr() { # region exclude_callbacks(0|1) args...
  local region=$1 excl=$2; shift 2
  local out; out=$(mktemp)
  local toggles=(--toggle-collect="$region")
  if [ "$excl" = 1 ]; then
    toggles+=(--toggle-collect=bench_mem_read --toggle-collect=bench_mem_write
              --toggle-collect=bench_mem_cas)
  fi
  valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no "${toggles[@]}" \
    "$bench" "$@" >/dev/null 2>&1
  awk '/^(summary|totals):/ {print $2; exit}' "$out"
  rm -f "$out"
}

per_op() { # region n args... -> instructions per operation beside the memory callbacks
  local region=$1 n=$2; shift 2
  local a b
  a=$(instr "$region" 1 "$@" "$n")
  b=$(instr "$region" 1 "$@" $((2 * n)))
  echo $(( (b - a) / n ))
}

echo "== core benchmarks (targets from the issue in brackets)"
"$bench" throughput | sed 's/$/   [>= 10 million\/s]/'
echo "TLB hit:                 $(per_op bench_hit_region 20000 hit) instructions per translation   [<= 200]"
echo "4-level stage-1 miss:    $(per_op bench_miss_region 2000 miss_s1) instructions beside the memory callbacks   [<= 2000]"
echo "nested 4+4-level miss:   $(per_op bench_miss_region 1000 miss_nested) instructions beside the memory callbacks   [<= 10000]"
echo "with 4 TBUs, 32-entry micro-TLBs, walk caches and IPA cache (docs/exploration.md):"
echo "  micro-TLB hit:         $(per_op bench_hit_topo_region 20000 hit_topo) instructions per translation"
echo "  4-level stage-1 miss:  $(per_op bench_miss_topo_region 2000 miss_s1_topo) instructions beside the memory callbacks"
echo "  nested miss:           $(per_op bench_miss_topo_region 1000 miss_nested_topo) instructions beside the memory callbacks"
# one command consumed (its 16-byte read included in both)
full=$(instr bench_tlbi_region 0 tlbi_full 65536)
empty=$(instr bench_tlbi_region 0 tlbi_empty 65536)
echo "TLBI_NH_VA:              $full instructions with 64k unrelated entries cached, $empty with an empty TLB: ratio $(awk -v a="$full" -v b="$empty" 'BEGIN {printf "%.2f", a / b}')   [<= 2]"

if [ -x build/bench/tlm/tlm_dma_bench ]; then
  echo "== TLM benchmark"
  build/bench/tlm/tlm_dma_bench
  # The same comparison in instructions (stable on a busy machine): one pass of 1 MB in bursts
  # through each path, after warm-up; host throughput ratio = direct / through the SMMU.
  tlm=build/bench/tlm/tlm_dma_bench
  host_ratios() { # bursts... (SMMU_BENCH_TOPOLOGY from the environment)
    for burst in "$@"; do
      n=$((1048576 / burst))
      d=$(bench=$tlm instr bench_direct_pass 0 --pass "$burst")
      s=$(bench=$tlm instr bench_smmu_pass 0 --pass "$burst")
      printf '  %4u B: direct %5u, through the SMMU %5u instructions: host ratio %.1f%%   [>= 50%%]\n' \
        "$burst" $((d / n)) $((s / n)) "$(awk -v a="$d" -v b="$s" 'BEGIN {print 100 * a / b}')"
    done
  }
  echo "Host cost per transaction, callgrind (TLB hits, b_transport):"
  host_ratios 64 256 4096
  # The same with the topology on (docs/exploration.md): the reads hit the micro-TLBs
  for repl in lru round_robin; do
    echo "  with 4 TBUs, 64-entry $repl micro-TLBs, walk caches and IPA cache (a master per TBU):"
    SMMU_BENCH_TOPOLOGY=$repl host_ratios 64 4096
  done
  # The approximately-timed path (nb_transport_fw .. BEGIN_RESP, one request outstanding):
  # whole-process instructions of 2 passes minus 1 pass, per transaction (SystemC's thread
  # switches keep callgrind from attributing it to a function).
  echo "Host cost per transaction, callgrind (TLB hits, approximately timed, nb_transport):"
  for burst in 64 4096; do
    n=$((1048576 / burst))
    one=$(mktemp); two=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$one" "$tlm" --at-pass "$burst" 1 >/dev/null 2>&1
    valgrind --tool=callgrind --callgrind-out-file="$two" "$tlm" --at-pass "$burst" 2 >/dev/null 2>&1
    a=$(awk '/^(summary|totals):/ {print $2; exit}' "$one")
    b=$(awk '/^(summary|totals):/ {print $2; exit}' "$two")
    rm -f "$one" "$two"
    printf '  %4u B: through the SMMU %5u instructions (b_transport figure above for comparison)\n' \
      "$burst" $(( (b - a) / n ))
  done
fi
