#!/usr/bin/env python3
# extract-listing.py — copies the listed regions of a runner's source, unchanged, into a listing
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A region starts after a line "/* listing: begin */" and ends before "/* listing: end */";
# regions follow one another, a blank line between two.

import sys

BEGIN = '/* listing: begin */'
END = '/* listing: end */'


def extract(lines):
    regions, current = [], None
    for number, line in enumerate(lines, 1):
        marker = line.strip()
        if marker == BEGIN:
            if current is not None:
                raise SystemExit(f'line {number}: a listing begins inside another')
            current = []
        elif marker == END:
            if current is None:
                raise SystemExit(f'line {number}: a listing ends that did not begin')
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
    if current is not None:
        raise SystemExit('a listing does not end')
    if not regions:
        raise SystemExit('no listing in this file')
    out = []
    for region in regions:
        if out:
            out.append('\n')
        out.extend(region)
    return out


def main():
    source, output = sys.argv[1], sys.argv[2]
    with open(source, encoding='utf-8') as f:
        lines = f.readlines()
    with open(output, 'w', encoding='utf-8') as f:
        f.writelines(extract(lines))


if __name__ == '__main__':
    main()
