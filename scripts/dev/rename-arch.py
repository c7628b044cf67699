#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Rename the identifiers that moved to <smmuv3/arch.h> (issue 11): IDR0_S2P -> SMMU_IDR0_S2P,
GENMASK -> SMMU_GENMASK, ste_S2VMID -> smmu_ste_S2VMID, CMD_SYNC -> SMMU_CMD_SYNC, ...

The list of old -> new names is scripts/dev/arch-names.txt. Only C/C++ code tokens are renamed,
whole words only: string literals ("CMD_SYNC" in a message), character literals and comments
(which name things as the specification prints them) are left alone. Re-running it is harmless:
a renamed token (SMMU_IDR0_S2P) no longer matches an old whole word.

It also points the #includes of the headers that were folded into arch.h (ste_cd_layout.h,
cmd_evt_layout.h, fields.h, desc_layout.h, arch_compat.h) at "smmuv3/arch.h", drops a second
identical #include line, and outside core/ and tests/core/ does the same for the core's
internal "regs_layout.h" and "bits.h" (nothing outside core/ may include core/src).

Usage: scripts/dev/rename-arch.py [FILE...]
With no FILE: every tracked *.c, *.cpp, *.h, *.hpp of the repository except the arch.h header
itself and this script's list. After merging a branch that still uses old names, run it with
no argument (or on the merged files) and rebuild.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))

# Headers whose contents moved to arch.h: their #includes now name arch.h.
FOLDED = ['ste_cd_layout.h', 'cmd_evt_layout.h', 'fields.h', 'desc_layout.h', 'arch_compat.h']
# Internal core headers that code outside the core must not include.
CORE_ONLY = ['regs_layout.h', 'bits.h']
SKIP = {'core/include/smmuv3/arch.h'}

# Code is split from what must not be renamed: comments, string and character literals.
# (No C++ raw strings or digit separators are used in this repository.)
NOT_CODE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
INCLUDE = re.compile(r'^(\s*#\s*include\s+)"([^"]+)"', re.M)


def load_names():
    names = {}
    with open(os.path.join(HERE, 'arch-names.txt')) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            old, new = line.split()
            names[old] = new
    return names


def rename_code(text, names, word):
    out = []
    pos = 0
    for m in NOT_CODE.finditer(text):
        out.append(word.sub(lambda w: names[w.group(0)], text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(word.sub(lambda w: names[w.group(0)], text[pos:]))
    return ''.join(out)


def fix_includes(text, relpath):
    in_core = relpath.startswith('core/') or relpath.startswith('tests/core/') \
        or relpath.startswith('tests/support/')
    redirect = FOLDED + ([] if in_core else CORE_ONLY)

    def sub(m):
        name = m.group(2)
        if name in redirect:
            return m.group(1) + '"smmuv3/arch.h"'
        return m.group(0)

    text = INCLUDE.sub(sub, text)
    # One #include of arch.h per file: drop later identical lines.
    lines, seen = [], False
    for line in text.split('\n'):
        if re.match(r'\s*#\s*include\s+"smmuv3/arch.h"', line):
            if seen:
                continue
            seen = True
        lines.append(line)
    return '\n'.join(lines)


def main(argv):
    names = load_names()
    word = re.compile(r'\b(?:' + '|'.join(sorted(map(re.escape, names), key=len, reverse=True))
                      + r')\b')
    if argv:
        files = [os.path.relpath(os.path.abspath(f), ROOT) for f in argv]
    else:
        out = subprocess.check_output(['git', 'ls-files', '*.c', '*.cpp', '*.h', '*.hpp'],
                                      cwd=ROOT, text=True)
        files = out.split()
    changed = 0
    for rel in files:
        if rel in SKIP:
            continue
        path = os.path.join(ROOT, rel)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            old = f.read()
        new = fix_includes(rename_code(old, names, word), rel)
        if new != old:
            with open(path, 'w') as f:
                f.write(new)
            changed += 1
    # The transitional headers that only forwarded to arch.h go away (whole-tree runs only:
    # a run on a few files leaves the others' includes alone).
    for h in [] if argv else ['core/src/ste_cd_layout.h', 'core/src/cmd_evt_layout.h', 'core/src/fields.h',
              'core/src/arch_compat.h', 'tools/decode/desc_layout.h']:
        p = os.path.join(ROOT, h)
        if os.path.exists(p):
            os.remove(p)
            print('removed', h)
    print(f'{changed} files changed')


if __name__ == '__main__':
    main(sys.argv[1:])
