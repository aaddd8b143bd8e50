#!/usr/bin/env python3
# check-boundaries.py
# Each library of src/ compiles only what its folder may include: a probe file that reaches
# against the flow (the engine including GTK, the renderer an app header) must fail to compile
# with that library's own flags, taken from the build's compile_commands.json, and a probe
# that includes what the folder may include must compile with the very same flags.
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shlex
import subprocess
import sys
import tempfile

GTK = '<gtk/gtk.h>'
CAIRO = '<cairo.h>'
PANGO = '<pango/pangocairo.h>'
JSON = '<json-glib/json-glib.h>'
ENGINE = '"inflight-runner.h"'
ENUMS = '"inflight-enums.h"'
DIAGRAM = '"inflight-diagram.h"'
LESSONS = '"inflight-lesson.h"'
APP = '"inflight-window.h"'

# library: (what it may include, what it must not)
RULES = {
    'inflight-engine': ([ENGINE, ENUMS], [GTK, CAIRO, PANGO, JSON, DIAGRAM, LESSONS, APP]),
    'inflight-diagram': ([ENGINE, ENUMS, CAIRO, PANGO, DIAGRAM], [GTK, JSON, LESSONS, APP]),
    'inflight-lessons': ([ENGINE, ENUMS, LESSONS], [GTK, CAIRO, PANGO, JSON, DIAGRAM, APP]),
    'inflight': ([ENGINE, DIAGRAM, LESSONS, APP, GTK, JSON], []),
}

# Arguments that name the object being built, with how many values follow each.
DROP = {'-o': 1, '-c': 1, '-MQ': 1, '-MF': 1, '-MD': 0, '-MMD': 0}


def library_command(commands, library):
    marker = '/lib%s.a.p/' % library
    for entry in commands:
        if marker in entry['command'] or marker in ' '.join(entry.get('arguments', [])):
            args = entry.get('arguments') or shlex.split(entry['command'])
            flags = []
            skip = 0
            for arg in args[1:]:
                if skip:
                    skip -= 1
                    continue
                if arg in DROP:
                    skip = DROP[arg]
                    continue
                if arg == entry['file'] or arg.endswith('.c'):
                    continue
                flags.append(arg)
            return args[0], flags, entry['directory']
    return None


def compiles(compiler, flags, directory, include, scratch):
    probe = os.path.join(scratch, 'probe.c')
    with open(probe, 'w') as f:
        f.write('#include "config.h"\n#include %s\nint boundary_probe (void);\n' % include)
    result = subprocess.run([compiler] + flags + ['-fsyntax-only', probe],
                            cwd=directory, capture_output=True, text=True)
    return result.returncode == 0, result.stderr


def main():
    build_root = sys.argv[1]
    with open(os.path.join(build_root, 'compile_commands.json')) as f:
        commands = json.load(f)

    checks = []
    for library, (allowed, forbidden) in RULES.items():
        found = library_command(commands, library)
        for include in allowed:
            checks.append((library, found, include, True))
        for include in forbidden:
            checks.append((library, found, include, False))

    print('1..%d' % len(checks))
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for n, (library, found, include, expected) in enumerate(checks, 1):
            verb = 'may include' if expected else 'may not include'
            name = '%s %s %s' % (library, verb, include)
            if found is None:
                print('not ok %d - %s # no compile command for lib%s.a' % (n, name, library))
                failed += 1
                continue
            ok, stderr = compiles(*found, include, scratch)
            if ok == expected:
                print('ok %d - %s' % (n, name))
            else:
                failed += 1
                print('not ok %d - %s' % (n, name))
                for line in (stderr or 'it compiled').splitlines()[:5]:
                    print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
