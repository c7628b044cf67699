#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""docs/using.md quotes its code from files the build compiles (ctest docs.using_snippets).

A fenced block with a title="FILE" in its info string (```cmake title="...")
must appear verbatim, as consecutive lines, in FILE, which must be under examples/ or
tests/consumer/ (built and run by ctest package.consumer.*); FILE may indent all the lines by
the same amount. Every c, c++, cpp and cmake block must have a title; sh blocks are commands.
Usage: check_using_snippets.py REPO_ROOT. Exit 0 when every block passes, else 1.
"""
import pathlib
import re
import sys

CODE = {"c", "c++", "cpp", "cmake"}
DIRS = ("examples/", "tests/consumer/")


def quoted(block, text):
    n = len(block)
    for i in range(len(text) - n + 1):
        first = text[i].rstrip()
        if not first.endswith(block[0]) or first[: len(first) - len(block[0])].strip():
            continue
        pad = first[: len(first) - len(block[0])]
        if all((not b and not t.strip()) or (pad + b) == t.rstrip()
               for b, t in zip(block, text[i:i + n])):
            return True
    return False


def main(root):
    doc = root / "docs" / "using.md"
    lines = doc.read_text().split("\n")
    faults, count, i = [], 0, 0
    while i < len(lines):
        m = re.match(r"^```(.*)$", lines[i])
        if not m:
            i += 1
            continue
        info = m.group(1).strip()
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        block = [l.rstrip() for l in lines[i + 1:j]]
        lang = info.split()[0] if info else ""
        t = re.search(r'title="([^"]+)"', info)
        where = f"docs/using.md:{i + 1}"
        if lang in CODE and not t:
            faults.append(f"{where}: {lang} block without title=\"FILE\"")
        elif t:
            count += 1
            src = root / t.group(1)
            if not t.group(1).startswith(DIRS) or not src.is_file():
                faults.append(f"{where}: {t.group(1)} is not a file under {' or '.join(DIRS)}")
            elif not quoted(block, src.read_text().split("\n")):
                faults.append(f"{where}: the block is not verbatim in {t.group(1)}")
        i = j + 1
    for f in faults:
        print(f)
    print(f"{count} quoted blocks, {len(faults)} faults")
    return 1 if faults or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
