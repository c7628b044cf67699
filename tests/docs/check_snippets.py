#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every code block in docs/*.md is either compiled or marked as not code.

A fenced block whose language is c, c++ or cpp must name the file it quotes, in the info string:
    ```c title="examples/minimal_embed.c"
and its lines must appear in that file verbatim, consecutively (the file may indent them all by
the same amount: a block quoted from inside a function). The examples/ files are built (and
run, where they are programs) by ctest, so such a block compiles as written.
Other blocks must say what they are: text, console, sh, json (output, command lines, formats).
Indented (4-space) code blocks are not allowed: they cannot be marked.
Usage: check_snippets.py REPO_ROOT. Exit 0 when every block passes; else 1, one line per fault.
"""
import pathlib
import re
import sys

CODE = {"c", "c++", "cpp", "cmake"}
# Where quoted files may live: the examples and the out-of-tree consumer project (docs/using.md)
SOURCES = ("examples/", "tests/consumer/")
NOT_CODE = {"text", "console", "sh", "json"}


def quoted(block, text):
    """block (lines) appears in text (lines) consecutively, uniformly indented."""
    n = len(block)
    for i in range(len(text) - n + 1):
        first = text[i]
        if not first.endswith(block[0]) or first[: len(first) - len(block[0])].strip():
            continue
        pad = first[: len(first) - len(block[0])]
        if all((pad + b if b else "") == t.rstrip() or (not b and not t.strip())
               for b, t in zip(block, text[i:i + n])):
            return True
    return False


def check(root):
    faults, count = [], 0
    for doc in sorted((root / "docs").glob("*.md")):
        lines = doc.read_text().split("\n")
        i, prev_blank, in_list = 0, True, False
        while i < len(lines):
            line = lines[i]
            where = f"{doc.relative_to(root)}:{i + 1}"
            m = re.match(r"^```(.*)$", line)
            if m:
                info = m.group(1).strip()
                j = i + 1
                while j < len(lines) and not lines[j].startswith("```"):
                    j += 1
                block = [l.rstrip() for l in lines[i + 1:j]]
                lang = info.split()[0] if info else ""
                count += 1
                if lang in CODE:
                    t = re.search(r'title="([^"]+)"', info)
                    if not t:
                        faults.append(f'{where}: {lang} block without title="examples/FILE"')
                    else:
                        src = root / t.group(1)
                        if not t.group(1).startswith(SOURCES) or not src.is_file():
                            faults.append(f"{where}: {t.group(1)} is not a file under "
                                          f"{' or '.join(SOURCES)}")
                        elif not quoted(block, src.read_text().split("\n")):
                            faults.append(f"{where}: the block is not verbatim in {t.group(1)}")
                elif lang not in NOT_CODE:
                    faults.append(f"{where}: unmarked block ('{info}'): mark it c/c++ with "
                                  f"title=\"examples/FILE\", or {'/'.join(sorted(NOT_CODE))}")
                i, prev_blank = j + 1, False
                continue
            if line.startswith("    ") and line.strip() and prev_blank and not in_list:
                faults.append(f"{where}: indented code block: use a marked fenced block")
            if line.strip():
                in_list = bool(re.match(r"^\s*([-*|]|\d+\.)\s", line)) or (
                    in_list and line.startswith(" "))
            prev_blank = not line.strip()
            i += 1
    return faults, count


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    faults, count = check(root)
    for f in faults:
        print(f)
    print(f"{count} code blocks in docs/, {len(faults)} fault(s)")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
