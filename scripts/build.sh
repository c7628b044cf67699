#!/usr/bin/env bash
# Configure and build one tree. Usage: scripts/build.sh BUILD_DIR [extra cmake args]
set -euo pipefail
dir=$1; shift
cd "$(dirname "$0")/.."
cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
