#!/usr/bin/env bash
# The README's second command: install what is missing, build, pass every test.
#   scripts/test.sh              the normal build (build/)
#   scripts/test.sh --sanitize   the same suite built with ASan + UBSan (build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  scripts/build.sh build-asan -DSMMU_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DSMMU_BUILD_TESTS=ON
  # SystemC 2.3.4 runs under ASan only without stack-use-after-return detection.
  export ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
else
  scripts/build.sh build -DSMMU_BUILD_TESTS=ON -DSMMU_BUILD_BENCH=ON
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
