#!/usr/bin/env bash
# The README's first command: install what is missing, build, run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DSMMU_BUILD_TESTS=OFF -DSMMU_BUILD_BENCH=OFF
if [ -x build/platforms/smmu_platform ]; then
  exec build/platforms/smmu_platform "$@"
fi
exec build/examples/minimal_embed "$@"
