#!/usr/bin/env python3
# check-sizes.py — every source file in src/ stays small enough to be read as one room: no
# more than 1,000 lines. A file that grows past that is split by what its parts do.
# SPDX-License-Identifier: GPL-3.0-or-later
import pathlib
import sys

LIMIT = 1000


def main():
    src = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2] / 'src'
    files = sorted(p for p in src.rglob('*') if p.suffix in ('.c', '.h'))
    if not files:
        print('Bail out! no source files under %s' % src)
        return 1
    print('1..%d' % len(files))
    failed = 0
    for n, path in enumerate(files, 1):
        with open(path, encoding='utf-8') as f:
            lines = sum(1 for _ in f)
        ok = lines <= LIMIT
        failed += not ok
        print('%s %d - %s: %d lines%s' % ('ok' if ok else 'not ok', n, path.relative_to(src.parent), lines,
                                          '' if ok else ', more than %d' % LIMIT))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
