#!/usr/bin/python3
# check-cli.py BIN LOCALEDIR LANG LOCALE: the command line in one language, as a user of that
# language meets it: --help speaks it (the catalogue's own translations, looked up here with
# Python's gettext), --render reports its numbers with the locale's decimal separator, and the
# numbers given on the command line are read the same whatever the locale. Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import gettext
import locale
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

binary, localedir, lang, locale_name = sys.argv[1:5]
results = []


def check(name, ok, detail=''):
    results.append((name, ok, detail))
    return ok


def finish():
    print(f'1..{len(results)}')
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {number} - {lang}: {name}')
        if not ok:
            for line in detail.strip().splitlines()[:60]:
                print(f'# {line}')
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


def environment(**values):
    env = {k: v for k, v in os.environ.items() if not k.startswith('LC_') and k not in ('LANG', 'LANGUAGE')}
    env.update(INFLIGHT_LOCALEDIR=localedir, **values)
    return env


# A locale the system lacks would fall back to C and English, and everything below would pass
# for the wrong reason: that is a failure, with the way out.
try:
    locale.setlocale(locale.LC_ALL, locale_name)
    decimal_point = locale.localeconv()['decimal_point']
    locale.setlocale(locale.LC_ALL, 'C')
except locale.Error:
    check(f'the locale {locale_name} is installed', False,
          f'{locale_name} is missing: `build-aux/dev build` generates it (or: locale-gen {locale_name})')
    finish()
check(f'the locale {locale_name} is installed (decimal separator {decimal_point!r})', True)

try:
    catalogue = gettext.translation('inflight', localedir=localedir, languages=[lang])
except OSError as error:
    check(f'the catalogue {localedir}/{lang}/LC_MESSAGES/inflight.mo is built', False, str(error))
    finish()

# --help, exactly as the issue has it: LANGUAGE=de LANG=de_DE.UTF-8 inflight --help
shown = subprocess.run([binary, '--help'], capture_output=True, encoding='utf-8', errors='replace',
                       env=environment(LANGUAGE=lang, LANG=locale_name))
check('inflight --help exits 0', shown.returncode == 0, shown.stderr)
for english in ('See synchronous and asynchronous calls at work.',
                'Show the version and exit',
                'How many calls to make (1 to 100000)'):
    translated = catalogue.gettext(english)
    check(f'--help shows the translation of {english!r}', translated != english and translated in shown.stdout,
          f'the catalogue has {translated!r}; --help printed:\n{shown.stdout}')
check('--help shows no English summary', 'See synchronous and asynchronous calls at work.' not in shown.stdout,
      shown.stdout)

# --render: the numbers of its summary follow the locale; the numbers it is given, and the file
# it writes, do not.
with tempfile.TemporaryDirectory(prefix='inflight-cli-') as tmp:
    output = os.path.join(tmp, 'run.svg')
    rendered = subprocess.run([binary, '--render', 'blocking', '--requests', '2', '--latency', '750',
                               '--output', output], capture_output=True, encoding='utf-8', errors='replace',
                              env=environment(LANGUAGE=lang, LC_ALL=locale_name))
    check('inflight --render exits 0 in the locale, reading --latency 750 as 750 ms', rendered.returncode == 0,
          rendered.stdout + rendered.stderr)
    # Two blocking calls of 750 ms take 1.5 s: "1,50" where the separator is a comma.
    total = re.search(r'\b1(\D)5\d\b', rendered.stdout)
    check(f'the summary writes 1{decimal_point}5… s with the locale\'s separator',
          total is not None and total.group(1) == decimal_point, rendered.stdout)
    try:
        root = ElementTree.parse(output).getroot()
        sizes = [float(root.get(name).rstrip('pt')) for name in ('width', 'height')]
        sizes += [float(v) for v in root.get('viewBox').split()]
        check('the SVG written is well-formed, its sizes plain numbers', all(v >= 0 for v in sizes), str(sizes))
    except (OSError, ElementTree.ParseError, ValueError, AttributeError) as error:
        check('the SVG written is well-formed, its sizes plain numbers', False, f'{type(error).__name__}: {error}')

finish()
