#!/usr/bin/env bash
# Rewrite the generated parameter list in docs/configuration.md from `smmu_platform
# --list-params` (the platform.param.doc test compares them). Usage: scripts/gen-params-doc.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
plat=${1:-build}/platforms/smmu_platform
list=$(SYSC_DISABLE_COPYRIGHT_MESSAGE=1 "$plat" --list-params)
LIST="$list" python3 - docs/configuration.md <<'PY'
import os, sys
path = sys.argv[1]
doc = open(path).read()
begin, end = "<!-- list-params: begin -->\n```text\n", "```\n<!-- list-params: end -->"
b, e = doc.index(begin) + len(begin), doc.index(end)
open(path, "w").write(doc[:b] + os.environ["LIST"] + "\n" + doc[e:])
PY
