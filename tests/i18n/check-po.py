#!/usr/bin/python3
# check-po.py SRCDIR LANG: one language's catalogue against the sources as they are now: every
# message translated and none fuzzy, every format string with the same conversions as the
# original (msgfmt --check), plural forms declared; and the same for the user guide's
# catalogue, when the language has one. Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import tempfile

# xgettext's arguments for GLib's gettext macros, as meson's 'glib' preset gives them.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '-k_', '--keyword=N_', '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3', '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format', '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

srcdir, lang = sys.argv[1], sys.argv[2]
results = []
# The gettext tools' messages in English, and their own conversions in UTF-8.
env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')


def run(*argv):
    return subprocess.run(argv, capture_output=True, text=True, env=env)


def check(name, ok, detail=''):
    results.append((name, ok, detail))
    return ok


def msgids(po, *selection):
    """The messages msgattrib selects from @po, each as its msgid, one a line."""
    out = run('msgattrib', *selection, '--no-obsolete', '--no-wrap', '--no-location', po)
    if out.returncode != 0:
        return [f'msgattrib failed: {out.stderr.strip()}']
    ids = re.findall(r'^msgid "(.*)"$', out.stdout, re.M)
    return [i for i in ids if i != '']


def check_catalogue(what, po, template, tmp):
    """@po against @template, made fresh from the sources."""
    if not check(f'{what}: {os.path.relpath(po, srcdir)} exists', os.path.exists(po)):
        return
    own = run('msgfmt', '--check', '--statistics', '-o', os.devnull, po)
    check(f'{what}: msgfmt --check accepts {os.path.basename(po)} as it is', own.returncode == 0,
          own.stderr)
    # The catalogue as it will be once updated to the sources: the format flags come from the
    # sources, so a conversion a translation changed is caught even if the file lacks the flag.
    merged = os.path.join(tmp, f'{lang}-{what}.po')
    merge = run('msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, template)
    if not check(f'{what}: msgmerge with the sources\' template', merge.returncode == 0, merge.stderr):
        return
    checked = run('msgfmt', '--check', '--statistics', '-o', os.devnull, merged)
    check(f'{what}: every format string keeps the original\'s conversions, the header is complete '
          f'({checked.stderr.strip().splitlines()[-1] if checked.stderr.strip() else "no statistics"})',
          checked.returncode == 0, checked.stderr)
    header = run('msgattrib', '--no-wrap', merged).stdout
    check(f'{what}: the header declares the plural forms', 'Plural-Forms: nplurals=' in header)
    untranslated = msgids(merged, '--untranslated')
    check(f'{what}: no message left untranslated ({len(untranslated)})', not untranslated,
          '\n'.join(untranslated))
    fuzzy = msgids(merged, '--only-fuzzy')
    check(f'{what}: no fuzzy message ({len(fuzzy)})', not fuzzy, '\n'.join(fuzzy))


with tempfile.TemporaryDirectory(prefix='inflight-po-') as tmp:
    template = os.path.join(tmp, 'inflight.pot')
    pot = run('xgettext', '--package-name=inflight', '-D', srcdir,
              '-f', os.path.join(srcdir, 'po', 'POTFILES.in'), '-o', template, *XGETTEXT_ARGS)
    if check('the program\'s messages extracted from the sources', pot.returncode == 0, pot.stderr):
        check_catalogue('program', os.path.join(srcdir, 'po', f'{lang}.po'), template, tmp)

    helpdir = os.path.join(srcdir, 'help')
    help_linguas = open(os.path.join(helpdir, 'LINGUAS'), encoding='utf-8').read()
    if lang in re.sub(r'#.*', '', help_linguas).split():
        pages = sorted(os.path.join(helpdir, 'C', p) for p in os.listdir(os.path.join(helpdir, 'C'))
                       if p.endswith('.page'))
        help_template = os.path.join(tmp, 'help.pot')
        pot = run('itstool', '-o', help_template, *pages)
        if check('the guide\'s messages extracted from its pages', pot.returncode == 0, pot.stderr):
            check_catalogue('guide', os.path.join(helpdir, lang, f'{lang}.po'), help_template, tmp)

print(f'1..{len(results)}')
for number, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {lang}: {name}')
    if not ok:
        for line in detail.strip().splitlines()[:80]:
            print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
