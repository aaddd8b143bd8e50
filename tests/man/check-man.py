#!/usr/bin/python3
# check-man.py MANPAGE INFLIGHT: the manual page formats without a warning, and names every
# option the program's --help-all lists and every exit status the program can return.
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import subprocess
import sys

page, program = sys.argv[1], sys.argv[2]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


formatted = subprocess.run(["groff", "-ww", "-man", "-Tutf8", "-z", page], capture_output=True, text=True)
check("formats without a warning", formatted.returncode == 0 and formatted.stderr.strip() == "",
      formatted.stderr.strip())

source = open(page, encoding="utf-8").read()
listed = subprocess.run([program, "--help-all"], capture_output=True, text=True,
                        env={"LANG": "C.UTF-8", "LANGUAGE": "C", "PATH": "/usr/bin:/bin"})
options = sorted(set(re.findall(r"^\s+(?:-\w, )?--([a-z][a-z-]*)", listed.stdout, re.M)))
check("--help-all lists options", len(options) >= 10, listed.stdout + listed.stderr)
for option in options:
    if option.startswith("gapplication-service"):
        continue
    escaped = "\\-\\-" + option.replace("-", "\\-")
    check(f"names --{option}", escaped in source, f"no {escaped} in {page}")

exits = re.search(r"^\.SH EXIT STATUS$(.*?)^\.SH ", source, re.M | re.S)
check("has an EXIT STATUS section", exits is not None)
for status in ("0", "1", "2"):
    check(f"explains exit status {status}", exits is not None and f".B {status}\n" in exits.group(1))
check("has EXAMPLES", "\n.SH EXAMPLES\n" in source)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} {name}")
    if not ok and detail:
        for line in detail.splitlines():
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
