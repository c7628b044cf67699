#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (CI runs it). Usage: scripts/fuzz-smoke.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
scripts/install-deps.sh
cmake -S . -B build-fuzz -G Ninja -DSMMU_FUZZ=ON -DSMMU_BUILD_TESTS=OFF -DSMMU_BUILD_BENCH=OFF \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-fuzz --target fuzz_core fuzz_scenario fuzz_state -j "$(nproc)"
# Seeds: the platform's scenario files and past crashes (fuzz/regressions) for fuzz_scenario
mkdir -p build-fuzz/corpus/fuzz_scenario
cp tests/platforms/data/*.json fuzz/regressions/scenario-* build-fuzz/corpus/fuzz_scenario/
for t in build-fuzz/fuzz/fuzz_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  mkdir -p "build-fuzz/corpus/$name"
  echo "fuzzing $name for ${secs}s"
  dict=()
  [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  seeds=()
  [ -d "fuzz/seeds/$name" ] && seeds=("fuzz/seeds/$name") # read-only starting inputs
  "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    "build-fuzz/corpus/$name" "${seeds[@]}" 2>&1 | tail -n 12
done
