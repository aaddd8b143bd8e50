#!/usr/bin/python3
# check-merged.py DESKTOP METAINFO LANG: the desktop file and the metainfo, as built, carry the
# language's translations: an app store or a menu shows them in it. Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import sys
import xml.etree.ElementTree as ElementTree

desktop, metainfo, lang = sys.argv[1:4]
results = []

entry = open(desktop, encoding='utf-8').read()
for key in ('Name', 'GenericName', 'Comment', 'Keywords'):
    found = re.search(rf'^{key}\[{re.escape(lang)}\]=(.+)$', entry, re.M)
    results.append((f'the desktop file has {key}[{lang}]', found is not None, found.group(1) if found else entry))

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
root = ElementTree.parse(metainfo).getroot()
for path in ('name', 'summary', 'description/p', 'description/ul/li', 'screenshots/screenshot/caption'):
    english = [e for e in root.findall(path) if e.get(XML_LANG) is None]
    translated = [e for e in root.findall(path) if e.get(XML_LANG) == lang]
    results.append((f'the metainfo translates every {path} ({len(translated)} of {len(english)})',
                    len(english) > 0 and len(translated) == len(english), ''))

print(f'1..{len(results)}')
for number, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {lang}: {name}')
    if not ok:
        for line in detail.splitlines()[:20]:
            print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
