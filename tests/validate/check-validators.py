#!/usr/bin/python3
# check-validators.py DESKTOP METAINFO LINGUAS: the desktop file and the metainfo, as built (with
# the translations merged), through the three validators a packager or an app store runs, each in
# its strictest mode, and clean: no error, no warning, no hint.
#
# Two exceptions, each for a reason outside these files, and each checked to be the only thing said:
# - appstreamcli --pedantic hints that the component ID has capitals. The ID is the application's
#   (D-Bus name, desktop file, settings schema and Flatpak ID alike), and a store requires the
#   component ID to equal the Flatpak ID, so the hint stays.
# - appstream-util validate-strict requires translations of the name, summary and description;
#   while po/LINGUAS lists no language there are none, and that is all it may say.
# Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shutil
import subprocess
import sys

desktop, metainfo, linguas = sys.argv[1:4]
languages = re.sub(r'#.*', '', open(linguas, encoding='utf-8').read()).split()
env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
results = []


def run(*argv):
    out = subprocess.run(argv, capture_output=True, text=True, encoding='utf-8', errors='replace', env=env)
    return out.returncode, (out.stdout + out.stderr).strip()


def check(name, ok, detail):
    results.append((name, ok, detail))


def missing(tool, package):
    check(f'{tool} is installed', False, f'{tool} is missing: apt-get install {package}')


if shutil.which('desktop-file-validate'):
    status, said = run('desktop-file-validate', desktop)
    check('desktop-file-validate: no error, warning or hint', status == 0 and said == '', said)
else:
    missing('desktop-file-validate', 'desktop-file-utils')

if shutil.which('appstreamcli'):
    status, said = run('appstreamcli', 'validate', '--pedantic', '--no-net', '--explain', metainfo)
    issues = re.findall(r'^([EWIP]): \S+?(?::\d+)?: (\S+)', said, re.M)
    others = [f'{severity}: {tag}' for severity, tag in issues if (severity, tag) != ('P', 'cid-contains-uppercase-letter')]
    check('appstreamcli validate --pedantic: no issue but the capitals of the application ID',
          status == 0 and not others and 'Validation was successful' in said, said)
else:
    missing('appstreamcli', 'appstream')

if shutil.which('appstream-util'):
    status, said = run('appstream-util', 'validate-strict', '--nonet', metainfo)
    problems = re.findall(r'^• (\S+)\s*: (.*)$', said, re.M)
    if languages:
        check(f'appstream-util validate-strict: OK with the translations of {" ".join(languages)}',
              status == 0 and not problems, said)
    else:
        untranslated = all(tag == 'translations-required' for tag, _ in problems)
        check('appstream-util validate-strict: nothing but the missing translations (po/LINGUAS is empty)',
              status == 0 or (problems and untranslated), said)
else:
    missing('appstream-util', 'appstream-util')

print(f'1..{len(results)}')
for number, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {name}')
    for line in detail.splitlines()[:40]:
        print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
