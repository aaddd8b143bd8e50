#!/usr/bin/python3
# check-mime.py MIME-XML: the experiment file type, as built, goes through update-mime-database
# cleanly, and names *.inflight files application/x-inflight-experiment, a kind of text.
# Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile

source = sys.argv[1]
results = []

if shutil.which('update-mime-database') is None:
    print('1..0 # SKIP update-mime-database is missing: apt-get install shared-mime-info')
    sys.exit(0)

with tempfile.TemporaryDirectory(prefix='inflight-mime-') as mime:
    os.makedirs(os.path.join(mime, 'packages'))
    shutil.copy(source, os.path.join(mime, 'packages', os.path.basename(source)))
    out = subprocess.run(['update-mime-database', '-V', mime], capture_output=True, text=True)
    said = (out.stdout + out.stderr).strip()
    complaints = [line for line in said.splitlines() if 'warning' in line.lower() or 'error' in line.lower()]
    results.append(('update-mime-database reads it without a complaint', out.returncode == 0 and not complaints, said))

    globs = open(os.path.join(mime, 'globs2'), encoding='utf-8').read() if os.path.exists(os.path.join(mime, 'globs2')) else ''
    results.append(('*.inflight is application/x-inflight-experiment',
                    ':application/x-inflight-experiment:*.inflight' in globs, globs))
    subclasses = open(os.path.join(mime, 'subclasses'), encoding='utf-8').read() if os.path.exists(os.path.join(mime, 'subclasses')) else ''
    results.append(('an experiment file is a kind of text',
                    'application/x-inflight-experiment text/plain' in subclasses, subclasses))

print(f'1..{len(results)}')
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} {name}")
    if not ok:
        for line in detail.splitlines()[:40]:
            print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
