#!/usr/bin/python3
# test-ui.py
# Drives the real Inflight through its accessibility interface, as a screen-reader user would:
# AT-SPI over a private accessibility bus, with python3-pyatspi. It visits every lesson through
# the sidebar and through "Next lesson", sets the sliders through their Value interface, runs
# each lesson and waits for the measurement, checks lesson 3's reported freeze against the
# latency, switches lessons in the middle of runs (200 times), visits the playground in its random
# walk (its runs' figures stay theirs while a control moves; the lesson left is as it was), closes the window in the middle of
# a run, and checks the app exits with status 0 and says nothing on stderr.
#
#   test-ui.py [--bin BUILD/src/inflight] [--schema-dir BUILD/data]
#              [--language LANG --locale LOCALE --locale-dir BUILD/po]
#
# With --language, one pass in that language instead: the app runs with LANGUAGE and LC_ALL set
# and its catalogues from --locale-dir, and the test looks every name up in the same catalogue
# (Python's gettext on the built .mo file). It checks that the sidebar and every lesson's heading
# and sliders carry the translated names, that every control has a name, that a lesson runs to
# a translated result, and that nothing is printed on stderr.
#
# Without --bin and --schema-dir, INFLIGHT_BIN and GSETTINGS_SCHEMA_DIR are used. Needs a display
# and a D-Bus session bus (meson's test runs under xvfb-run and dbus-run-session through
# build-aux/dev test); starts the accessibility bus itself. Without a display, a session bus,
# pyatspi or the bus launcher it reports a TAP skip, unless INFLIGHT_REQUIRE_UI_TEST=1, when that
# is a failure. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import gettext
import locale
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

# GLib reads G_DEBUG when it is loaded: warnings from the accessibility library in this process
# must not abort the test. The app's own warnings are caught on its stderr instead.
os.environ.pop('G_DEBUG', None)

BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher'

# The course, in order: each lesson's title, and the sliders it shows.
LESSONS = [
    ('Asking for work', ['Latency']),
    ('Synchronous: stop and wait', ['Latency', 'Requests', 'Failure rate']),
    ('Blocking is synchronous', ['Latency', 'Requests']),
    ('The cost of waiting', ['Latency', 'Timeout']),
    ('Asynchronous: fire it off', ['Latency', 'Requests']),
    ('Promises and futures', ['Latency', 'Requests', 'Work before awaiting']),
    ('Message queues', ['Latency', 'Requests', 'Workers']),
    ('Throughput', ['Latency', 'Requests', 'Workers']),
    ('Resilience', ['Latency', 'Requests']),
    ('The price: complexity', ['Latency', 'Jitter', 'Failure rate', 'Chain depth']),
    ('Async is not parallel', ['Latency', 'Requests', 'Workers']),
    ('Choosing', []),
    ('Key takeaways', []),
]
FREEZE_LESSON = 3
SORT_LESSON = 12
SUMMARY_LESSON = 13
RUNNABLE = [n for n in range(1, 14) if n not in (SORT_LESSON, SUMMARY_LESSON)]

# Small, fast values for every slider a lesson may show.
FAST_VALUES = {
    'Latency': 40,
    'Requests': 3,
    'Workers': 2,
    'Jitter': 20,
    'Failure rate': 10,
    'Timeout': 200,
    'Chain depth': 2,
    'Work before awaiting': 20,
}
# Sliders that are not lesson controls: the diagram's own.
OTHER_SLIDERS = {'Playhead'}
# Roles a screen-reader user operates, each of which needs a name of its own.
CONTROL_ROLES = {'push button', 'toggle button', 'slider', 'spin button', 'check box', 'radio button',
                 'list item', 'link', 'entry', 'combo box', 'menu item', 'page tab', 'switch'}
TYPE_NAME = re.compile(r'^(Gtk|Inflight)[A-Z][A-Za-z]*$')

RESULT_PREFIXES = ('Measured', 'The window froze', 'Stopped after')
RESULT_STATES = RESULT_PREFIXES + ('Not run yet', 'Running…')


def _(text):
    """The name the app shows for @text: itself, or its translation in a language pass."""
    return CATALOGUE.gettext(text) if CATALOGUE is not None else text


def english(name):
    """The English name of a slider or button the app shows under its translated @name."""
    return ENGLISH.get(name, name)


def fill(template, *values):
    """A C format string filled in, as the app's g_strdup_printf() does (%s, %u, %d; %N$s too)."""
    position = iter(range(len(values)))
    return re.sub(r'%(?:(\d+)\$)?[sud]',
                  lambda m: str(values[int(m.group(1)) - 1] if m.group(1) else values[next(position)]),
                  template)


def localize(language, locale_dir):
    """Switches the names looked for to @language's, from the catalogue the build made."""
    global CATALOGUE, RESULT_PREFIXES, RESULT_STATES
    CATALOGUE = gettext.translation('inflight', localedir=locale_dir, languages=[language])
    # Each result's fixed start, before its first value.
    RESULT_PREFIXES = tuple(re.split(r'[%<]', _(markup), maxsplit=1)[0].strip()
                            for markup in ('Measured: <b>%s</b>', 'The window froze for <b>%s</b>',
                                           'Stopped after <b>%s</b>'))
    RESULT_STATES = RESULT_PREFIXES + (_('Not run yet'), _('Running…'))
    for name in list(FAST_VALUES) + list(OTHER_SLIDERS) + ['Run', 'Stop', 'Reset']:
        ENGLISH[_(name)] = name


CATALOGUE = None
ENGLISH = {}
REPLIES = re.compile(r'(\d+) of (\d+) repl(?:y|ies) in\.')
SWITCHES = 60
FREEZE_LATENCY_MS = 300
FREEZE_REQUESTS = 2

# Each of these counts as one TAP test; the plan is known before the app starts.
PLAN = (1 + 1 + 13      # the app and its frame; the sidebar; a visit to each lesson through it
        + 12 + 1        # Next from 1 to 13; Next disabled at the end
        + 13            # each lesson run, or sorted, or summed up
        + 1             # lesson 3's freeze
        + 1 + 1         # one switch during a run; 60 of them
        + 1 + 1         # Tab from the list of lessons; the random walk
        + 1 + 1)        # closing during a run; stderr
# A pass in one language: the app; the sidebar; the catalogue in use; each lesson; a run; stderr.
LANGUAGE_PLAN = 1 + 1 + 1 + 13 + 1 + 1
LANGUAGE = None
LOCALE = None
LOCALE_DIR = None


class Failure(Exception):
    """A check that did not hold; the message says what was expected and what was seen."""


class Finished(Exception):
    """The pass has run every step it has."""


class AppGone(Exception):
    """The app is no longer running: nothing further can be checked."""


class Tap:
    def __init__(self, plan):
        self.plan = plan
        self.number = 0
        self.failed = 0
        print(f'1..{plan}', flush=True)

    def result(self, ok, name, diagnostics=''):
        self.number += 1
        if not ok:
            self.failed += 1
        print(f'{"ok" if ok else "not ok"} {self.number} - {name}', flush=True)
        for line in diagnostics.splitlines():
            print(f'# {line}', flush=True)

    def rest_not_run(self, reason):
        while self.number < self.plan:
            self.result(False, f'not run: {reason}')


def skip_all(reason):
    if os.environ.get('INFLIGHT_REQUIRE_UI_TEST') == '1':
        print('1..1')
        print(f'not ok 1 - the UI test cannot run: {reason}')
        sys.exit(1)
    print(f'1..0 # SKIP {reason}', flush=True)
    sys.exit(0)


# ---------------------------------------------------------------------------------------------
# The accessibility tree

def role_name(node):
    try:
        return node.getRoleName()
    except Exception:  # noqa: BLE001 — a node that went away while we looked
        return '?'


def children(node):
    try:
        count = node.childCount
    except Exception:  # noqa: BLE001
        return []
    result = []
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:  # noqa: BLE001
            continue
        if child is not None:
            result.append(child)
    return result


def walk(node, depth=0):
    yield node
    if depth < 40:
        for child in children(node):
            yield from walk(child, depth + 1)


def showing(node):
    """Whether @node is still in the tree: the app hides from screen readers the pages of the
    lessons not shown, as GTK says nothing of what a stack does not show."""
    try:
        return node.getState().contains(STATE_VISIBLE) and node.getIndexInParent() >= 0
    except Exception:  # noqa: BLE001
        return False


def walk_showing(node, depth=0):
    """What is on screen under @node: each lesson keeps a page of its own, and only the page of
    the lesson shown is showing."""
    yield node
    if depth < 40:
        for child in children(node):
            if showing(child):
                yield from walk_showing(child, depth + 1)


def find_showing(root, role, name=None, prefix=None):
    return [node for node in walk_showing(root)
            if role_name(node) == role and (name is None or node.name == name)
            and (prefix is None or node.name.startswith(prefix))]


def find_all(root, role, name=None, prefix=None):
    found = []
    for node in walk(root):
        if role_name(node) != role:
            continue
        if name is not None and node.name != name:
            continue
        if prefix is not None and not any(node.name.startswith(p) for p in prefix):
            continue
        found.append(node)
    return found


def find_one(root, role, name, where):
    nodes = find_all(root, role, name)
    if not nodes:
        raise Failure(f'no {role} named {name!r} in {where}')
    return nodes[0]


def has_state(node, state):
    return node.getState().contains(state)


def click(node):
    """Presses a button through its Action interface, as a screen reader's "activate" does."""
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if 'click' not in names:
        raise Failure(f'{role_name(node)} {node.name!r} has no "click" action, only {names}')
    if not action.doAction(names.index('click')):
        raise Failure(f'{role_name(node)} {node.name!r} refused its "click" action')


def do_named_action(node, name):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if name not in names:
        raise Failure(f'{role_name(node)} {node.name!r} has no action {name!r}, only {names}')
    if not action.doAction(names.index(name)):
        raise Failure(f'{role_name(node)} {node.name!r} refused its action {name!r}')


# ---------------------------------------------------------------------------------------------
# The app

class App:
    def __init__(self, binary, schema_dir, workdir):
        env = dict(os.environ)
        # The real accessibility bridge, not GTK's test backend.
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG', 'G_MESSAGES_DEBUG', 'LANGUAGE'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': schema_dir,
            'GSK_RENDERER': 'cairo',
            'GDK_BACKEND': 'x11',
            'GTK_USE_PORTAL': '0',
            'LC_ALL': LOCALE or 'C.UTF-8',
            'XDG_CONFIG_HOME': os.path.join(workdir, 'config'),
            'XDG_CACHE_HOME': os.path.join(workdir, 'cache'),
            'XDG_DATA_HOME': os.path.join(workdir, 'data'),
        })
        if LANGUAGE:
            env.update({'LANGUAGE': LANGUAGE, 'INFLIGHT_LOCALEDIR': LOCALE_DIR})
        self.stderr_path = os.path.join(workdir, 'inflight.stderr')
        self.restarts = []
        for attempt in range(3):
            self.stderr_file = open(self.stderr_path, 'wb')
            self.process = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=self.stderr_file)
            # A freshly started X server now and then turns away a client that connects just
            # as another leaves; GTK then says "cannot open display" and exits at once. That is
            # the test's X server, not the app: start it again, and say so in the report.
            if not self.refused_by_display(1.5) or attempt == 2:
                break
            self.restarts.append(self.stderr().strip())
            self.stderr_file.close()
            time.sleep(1)
        self.pid = self.process.pid
        self.accessible = None
        self.frame = None
        self.slowest_call = 0.0

    def alive(self):
        return self.process.poll() is None

    def refused_by_display(self, seconds):
        """Whether the app left within @seconds because it could not open the display."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                return 'cannot open display' in self.stderr()
            time.sleep(0.05)
        return False

    def check_alive(self):
        if not self.alive():
            raise AppGone(f'inflight exited with status {self.process.returncode}')

    def stderr(self):
        if not self.stderr_file.closed:
            self.stderr_file.flush()
        with open(self.stderr_path, 'rb') as f:
            return f.read().decode('utf-8', 'replace')

    def end(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr_file.close()


class Ui:
    """What a screen reader finds in the window, and what it does there."""

    def __init__(self, app):
        self.app = app
        self.frame = app.frame
        self._sidebar = None
        self._header = None
        self._result = None
        self._buttons = None
        self._sliders = None
        self.completed = []     # the lessons whose runs were seen to end

    def timed(self, what, call, *args):
        start = time.monotonic()
        try:
            return call(*args)
        finally:
            spent = time.monotonic() - start
            self.app.slowest_call = max(self.app.slowest_call, spent)
            if spent > 2.0 * PATIENCE:
                raise Failure(f'the app took {spent:.1f} s to answer {what}: it is not responsive')

    # The sidebar is found once. Every lesson has a page of its own, with its own header,
    # buttons and result: those are found again whenever the lesson shown changes.
    def forget_page(self):
        self._header = None
        self._result = None
        self._buttons = None
        self._sliders = None

    def sidebar(self):
        if self._sidebar is None:
            self._sidebar = find_one(self.frame, 'list', _('Lessons'), 'the window')
        return self._sidebar

    def sidebar_items(self):
        return [node for node in children(self.sidebar()) if role_name(node) == 'list item']

    def header(self):
        """The panel that holds the shown page's title and its Previous and Next buttons."""
        if self._header is None or not showing(self._header):
            buttons = find_showing(self.frame, 'push button', _('Previous lesson'))
            if not buttons:
                raise Failure(f'no {_("Previous lesson")!r} button is showing')
            self._header = buttons[0].parent
        return self._header

    def page(self):
        return self.header().parent

    def title(self):
        labels = [node.name for node in children(self.header()) if role_name(node) == 'label']
        if not labels:
            raise Failure('the lesson page has no title label beside "Previous lesson"')
        return labels[0]

    def next_button(self):
        return find_one(self.header(), 'push button', _('Next lesson'), 'the lesson page\'s header')

    def sliders(self):
        if self._sliders is None:
            self._sliders = find_showing(self.page(), 'slider')
        return self._sliders

    def slider_values(self):
        return {english(node.name): int(round(node.queryValue().currentValue))
                for node in self.sliders() if english(node.name) not in OTHER_SLIDERS}

    def result_label(self):
        if self._result is None or not showing(self._result) or not self._result.name.startswith(RESULT_STATES):
            labels = find_showing(self.page(), 'label', prefix=RESULT_STATES)
            self._result = labels[0] if labels else None
        return self._result

    def label_text(self, prefix=None, contains=None):
        """The text of the first label showing on the page that starts with @prefix or holds @contains."""
        for node in walk_showing(self.page()):
            if role_name(node) != 'label':
                continue
            if prefix is not None and node.name.startswith(prefix):
                return node.name
            if contains is not None and contains.search(node.name):
                return node.name
        return None

    def card(self):
        """What the result card says now: headline, theory, note, details."""
        card = {'headline': None, 'theory': None, 'note': None, 'detail': None}
        label = self.result_label()
        # The card's lines are the headline's siblings: read there, not over the whole page.
        for node in (children(label.parent) if label is not None else []):
            if role_name(node) != 'label':
                continue
            text = node.name
            if card['headline'] is None and text.startswith(RESULT_STATES):
                card['headline'] = text
            elif card['theory'] is None and text.startswith('Theory:'):
                card['theory'] = text
            elif card['note'] is None and text.startswith('The run shown had'):
                card['note'] = text
            elif card['detail'] is None and REPLIES.search(text):
                card['detail'] = text
        return card

    def result_text(self):
        label = self.result_label()
        return label.name if label is not None else None

    def run_buttons(self):
        """The names of the buttons showing in the row of Run, Stop and Reset."""
        if self._buttons is None or not showing(self._buttons):
            buttons = [node for node in walk_showing(self.page())
                       if role_name(node) == 'push button' and english(node.name) in ('Run', 'Stop', 'Reset')]
            if not buttons:
                return []
            self._buttons = buttons[0].parent
        return [english(node.name) for node in children(self._buttons)
                if role_name(node) == 'push button' and showing(node)]

    def select_lesson(self, number):
        items = self.sidebar_items()
        if len(items) != 14:
            raise Failure(f'the sidebar has {len(items)} items, not the 13 lessons and the playground')
        selection = self.sidebar().querySelection()
        if not self.timed(f'the selection of lesson {number}', selection.selectChild, number - 1):
            raise Failure(f'the sidebar refused to select item {number - 1} ({items[number - 1].name!r})')

    def expected_title(self, number):
        return fill(_('%u · %s'), number, _(LESSONS[number - 1][0]))

    def wait_title(self, number, timeout=5.0):
        expected = self.expected_title(number)

        def shown():
            self.forget_page()
            return self.title() == expected

        return wait_for(f'the page title {expected!r}', shown,
                        timeout, lambda: f'the title reads {self.title()!r}', self.app)

    def go_to(self, number):
        self.select_lesson(number)
        self.wait_title(number)

    def set_slider(self, name, value):
        sliders = [node for node in self.sliders() if node.name == _(name)]
        if not sliders:
            raise Failure(f'no slider named {name!r}; the page shows {[s.name for s in self.sliders()]}')
        control = sliders[0].queryValue()
        if not control.minimumValue <= value <= control.maximumValue:
            raise Failure(f'{name}: {value} is outside its range {control.minimumValue:g}…{control.maximumValue:g}')
        control.currentValue = value
        wait_for(f'the slider {name!r} to read {value}',
                 lambda: abs(sliders[0].queryValue().currentValue - value) < 0.5,
                 2.0, lambda: f'it reads {sliders[0].queryValue().currentValue:g}', self.app)

    def press(self, name):
        if name in ('Run', 'Stop', 'Reset') and name in self.run_buttons():
            buttons = [node for node in children(self._buttons) if node.name == _(name)]
        else:
            buttons = find_showing(self.page(), 'push button', _(name))
        if not buttons:
            raise Failure(f'no push button named {name!r} on the lesson page')
        click(buttons[0])

    def wait_result(self, timeout, settle=0.0):
        """Waits until the run has ended: a result is shown and Run is back in place of Stop."""
        if settle:
            time.sleep(settle)

        def done():
            text = self.result_text()
            buttons = self.run_buttons()
            return text is not None and text.startswith(RESULT_PREFIXES) and 'Run' in buttons and 'Stop' not in buttons

        wait_for('the run to end with a result, and Run to come back', done, timeout,
                 lambda: f'the result reads {self.result_text()!r}; buttons showing: {self.run_buttons()}',
                 self.app)
        return self.result_text()

    def wait_running(self, timeout=3.0):
        wait_for('the run to start (Stop in place of Run)',
                 lambda: 'Stop' in self.run_buttons() and 'Run' not in self.run_buttons(), timeout,
                 lambda: f'buttons showing: {self.run_buttons()}; result {self.result_text()!r}', self.app)


def wait_for(what, predicate, timeout, describe=None, app=None, interval=0.1):
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        if app is not None:
            app.check_alive()
        try:
            if predicate():
                return True
            last_error = None
        except Failure as error:
            last_error = error
        except Exception as error:  # noqa: BLE001 — a D-Bus error while the tree changes
            last_error = error
        if time.monotonic() >= deadline:
            seen = ''
            try:
                seen = describe() if describe is not None else ''
            except Exception as error:  # noqa: BLE001
                seen = f'(could not read the state: {error})'
            message = f'waited {timeout:g} s for {what}'
            if seen:
                message += f'; {seen}'
            if last_error is not None:
                message += f'; last error: {last_error}'
            raise Failure(message)
        time.sleep(interval)


# ---------------------------------------------------------------------------------------------
# The checks

def find_application(pyatspi, app, timeout=10.0):
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        app.check_alive()
        try:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                node = desktop.getChildAtIndex(i)
                if node is None:
                    continue
                try:
                    pid = node.get_process_id()
                except Exception:  # noqa: BLE001
                    continue
                seen.add(f'{node.name or "?"} (pid {pid})')
                if pid == app.pid:
                    return node
        except Exception:  # noqa: BLE001 — the registry is still starting
            pass
        time.sleep(0.2)
    raise Failure(f'no accessible application with pid {app.pid} after {timeout:g} s; '
                  f'the desktop has: {sorted(seen) or "nothing"}')


def check_app_and_frame(pyatspi, app):
    app.accessible = find_application(pyatspi, app)
    frames = []

    def has_frame():
        frames[:] = [node for node in children(app.accessible)
                     if role_name(node) == 'frame' and node.name == _('Inflight')]
        return bool(frames)

    wait_for('a frame named "Inflight"', has_frame, 5.0,
             lambda: f'the application has {[(role_name(n), n.name) for n in children(app.accessible)]}', app)
    app.frame = frames[0]
    restarted = ''.join(f'; started again after: {why}' for why in app.restarts)
    return f'application {app.accessible.name!r}, pid {app.pid}{restarted}'


def check_sidebar(ui):
    items = ui.sidebar_items()
    names = [item.name for item in items]
    expected = [_(title) for title, sliders in LESSONS] + [_('Playground')]
    if names != expected:
        raise Failure(f'the sidebar\'s items are named {names}, expected {expected}')
    try:
        ui.sidebar().querySelection()
    except NotImplementedError:
        raise Failure('the sidebar list has no Selection interface') from None
    return f'{len(items)} items, named by the lesson titles, then the playground'


def unnamed_controls(root):
    """Controls a screen reader could only call by their role, or by GTK's fallback: the type name."""
    bad = []
    for node in walk(root):
        role = role_name(node)
        if role in CONTROL_ROLES and (not node.name.strip() or TYPE_NAME.match(node.name)):
            bad.append(f'{role} {node.name!r} in {role_name(node.parent)} {node.parent.name!r}')
    return bad


def check_sidebar_visit(ui, number):
    ui.go_to(number)
    items = ui.sidebar_items()
    selected = [item.name for item in items if has_state(item, STATE_SELECTED)]
    if selected != [_(LESSONS[number - 1][0])]:
        raise Failure(f'after selecting lesson {number}, the sidebar\'s selected items are {selected}')
    bad = unnamed_controls(ui.frame)
    if bad:
        raise Failure(f'lesson {number} shows controls without a name:\n' + '\n'.join(bad))
    return f'{ui.title()}; every control named'


def check_translated(ui):
    """The catalogue is in use: a language pass where nothing differs from English checks nothing."""
    english_names = [title for title, sliders in LESSONS] + ['Previous lesson', 'Lessons']
    translated = [name for name in english_names if _(name) != name]
    if not translated:
        raise Failure(f'no lesson title or button name differs from English in the {LANGUAGE!r} catalogue')
    shown = [item.name for item in ui.sidebar_items()]
    english_shown = [name for name in shown if name in english_names and _(name) != name]
    if english_shown:
        raise Failure(f'the sidebar shows English titles that have translations: {english_shown}')
    return f'{len(translated)} of {len(english_names)} names differ from English, e.g. {_(translated[0])!r}'


def check_translated_lesson(ui, number):
    """A lesson's heading and sliders carry the catalogue's names, and every control has a name."""
    detail = check_sidebar_visit(ui, number)
    if number in (SORT_LESSON, SUMMARY_LESSON):
        return detail
    shown = sorted(s.name for s in ui.sliders() if english(s.name) not in OTHER_SLIDERS)
    expected = sorted(_(name) for name in LESSONS[number - 1][1])
    if shown != expected:
        raise Failure(f'lesson {number}\'s sliders are named {shown}, expected {expected}')
    return f'{detail}; sliders {shown}'


def check_translated_run(ui, number):
    """A lesson runs to a result in the language, with the locale's numbers."""
    ui.go_to(number)
    for name in LESSONS[number - 1][1]:
        ui.set_slider(name, FAST_VALUES[name])
    ui.press('Run')
    text = ui.wait_result(20.0)
    return text


def check_next(ui, number):
    if number == 2:
        ui.go_to(1)
    click(ui.next_button())
    ui.wait_title(number)
    return ui.title()


def check_next_disabled(ui):
    if ui.title() != ui.expected_title(13):
        ui.go_to(13)
    button = ui.next_button()
    if has_state(button, STATE_SENSITIVE):
        raise Failure('"Next lesson" is still sensitive on the last lesson')
    previous = find_one(ui.header(), 'push button', 'Previous lesson', 'the header')
    if not has_state(previous, STATE_SENSITIVE):
        raise Failure('"Previous lesson" is not sensitive on the last lesson')
    return 'Next lesson is insensitive on lesson 13; Previous lesson is sensitive'


def check_sliders_present(ui, number):
    shown = [s.name for s in ui.sliders() if s.name not in OTHER_SLIDERS]
    expected = LESSONS[number - 1][1]
    unknown = [name for name in shown if name not in FAST_VALUES]
    if unknown:
        raise Failure(f'lesson {number} shows sliders with unexpected names: {unknown} (all: {shown})')
    missing = [name for name in expected if name not in shown]
    if missing:
        raise Failure(f'lesson {number} lacks the sliders {missing}; it shows {shown}')
    extra = [name for name in shown if name not in expected]
    if extra:
        raise Failure(f'lesson {number} shows sliders it should not: {extra}')
    return shown


def check_lesson_run(ui, number):
    ui.go_to(number)
    notes = []
    if number == SORT_LESSON:
        return check_sort(ui)
    if number == SUMMARY_LESSON:
        return check_summary(ui)

    for name in check_sliders_present(ui, number):
        ui.set_slider(name, FAST_VALUES[name])
        notes.append(f'{name}={FAST_VALUES[name]}')
    before = ui.result_text()
    if before != 'Not run yet':
        raise Failure(f'before its run, lesson {number}\'s result reads {before!r}, not "Not run yet"')
    ui.press('Run')
    # Lesson 3's run holds the window's own thread: leave it alone until the freeze is over.
    text = ui.wait_result(20.0, settle=0.6 if number == FREEZE_LESSON else 0.0)
    ui.completed.append(number)
    return f'{", ".join(notes)}: {text}'


def check_sort(ui):
    if find_showing(ui.page(), 'push button', 'Run'):
        raise Failure('lesson 12 shows a Run button')
    buttons = [node for node in walk_showing(ui.page())
               if role_name(node) in ('push button', 'toggle button')
               and node.name.startswith(('Synchronous: ', 'Asynchronous: '))]
    if len(buttons) < 2:
        raise Failure(f'lesson 12 has {len(buttons)} "Synchronous: …"/"Asynchronous: …" buttons')
    button = buttons[0]
    card = button.parent.parent
    click(button)
    verdicts = []

    def verdict():
        verdicts[:] = [node.name for node in find_all(card, 'label', prefix=VERDICTS)]
        return bool(verdicts)

    wait_for(f'a verdict after pressing {button.name!r}', verdict, 5.0, app=ui.app)
    # The choice made stays pressed, so that a sorted card shows it.
    if not (has_state(button, STATE_CHECKED) or has_state(button, STATE_PRESSED)):
        raise Failure(f'{button.name!r} is not shown pressed after it was chosen')
    measured = []

    def checked():
        measured[:] = [node.name for node in find_all(card, 'label', prefix=('Measured:',))]
        return bool(measured)

    wait_for('the card to be checked by running it both ways', checked, 10.0, app=ui.app)
    return f'{button.name!r} → {verdicts[0]!r}; {measured[0]!r}'


VERDICTS = ('Synchronous is right.', 'Asynchronous is right.', 'You chose synchronous', 'You chose asynchronous')


def check_summary(ui):
    if find_showing(ui.page(), 'push button', 'Run'):
        raise Failure('lesson 13 shows a Run button')
    measured = sorted(int(node.name.split(' ')[0]) for node in find_showing(ui.page(), 'label')
                      if re.match(r'^\d+ · .* measured ', node.name))
    # Every lesson whose run was seen to end here, and no other.
    ran = sorted(ui.completed)
    if measured != ran:
        raise Failure(f'the summary shows measurements for lessons {measured}, expected {ran}')
    items = ui.sidebar_items()
    not_completed = [items[n - 1].name for n in ran if items[n - 1].description != 'Completed']
    if not_completed:
        raise Failure(f'sidebar rows not described as "Completed" after their runs: {not_completed}')
    return f'the summary lists the measurements of lessons {ran}, and their rows say "Completed"'


def parse_duration(text):
    match = re.search(r'([0-9]+(?:\.[0-9]+)?) (ms|s)\b', text)
    if not match:
        return None
    value = float(match.group(1))
    return value / 1000 if match.group(2) == 'ms' else value


def check_freeze(ui):
    ui.go_to(FREEZE_LESSON)
    ui.set_slider('Latency', FREEZE_LATENCY_MS)
    ui.set_slider('Requests', FREEZE_REQUESTS)
    warning = [node.name for node in find_showing(ui.page(), 'label', prefix=('Careful:',))]
    if not warning:
        raise Failure('lesson 3 shows no warning before its run')
    ui.press('Run')
    # The click lands a quarter of a second later and then the window's thread is held: no calls
    # into the app until the freeze must be over.
    text = ui.wait_result(10.0, settle=0.25 + FREEZE_LATENCY_MS * FREEZE_REQUESTS / 1000 + 0.4)
    if not text.startswith('The window froze for '):
        raise Failure(f'lesson 3\'s result reads {text!r}')
    seconds = parse_duration(text)
    expected = FREEZE_LATENCY_MS * FREEZE_REQUESTS / 1000
    if seconds is None:
        raise Failure(f'no duration in {text!r}')
    if seconds < 0.5:
        raise Failure(f'{text!r}: {seconds:.3f} s is shorter than {FREEZE_REQUESTS} × {FREEZE_LATENCY_MS} ms '
                      f'= {expected:.1f} s allows')
    # The calls' own share, from the heartbeat, is part of the one figure shown, never more. The
    # calls are close to what was asked; the whole freeze is the window's, and on a busy machine
    # (or under a sanitizer) its next frame can come late, so it is bounded by the calls plus a
    # second and a half, not by the calls alone.
    detail = ui.label_text(contains=re.compile('held the window’s thread for'))
    if detail is None:
        raise Failure(f'{text!r}, but no "The calls held the window’s thread for …" sentence beside it')
    calls = parse_duration(detail.split('held the window’s thread for', 1)[1])
    if calls is None or not 0.5 <= calls <= min(0.9, seconds + 0.0005):
        raise Failure(f'{text!r}, but the details say {detail!r}: the calls\' share is not between 0.5 s and '
                      f'the freeze, or is not close to {expected:.1f} s (allowed 0.5–0.9 s)')
    if seconds > calls + 1.5:
        raise Failure(f'{text!r}: the window froze {seconds - calls:.3f} s longer than its calls took')
    return f'{text!r} for {FREEZE_REQUESTS} × {FREEZE_LATENCY_MS} ms; {detail!r}'


def check_switch_during_run(ui):
    ui.go_to(5)
    left = ui.card()
    ui.go_to(2)
    # Ten seconds of calls: the switch lands during them even on a slow, sanitized build.
    ui.set_slider('Latency', 1000)
    ui.set_slider('Requests', 10)
    ui.press('Run')
    ui.wait_running()
    start = time.monotonic()
    ui.go_to(5)
    spent = time.monotonic() - start
    # Lesson 5 is as it was left; lesson 2's run was stopped, and says so on return.
    if ui.card() != left:
        raise Failure(f'lesson 5 was left showing {left}, and shows {ui.card()} on return')
    buttons = ui.run_buttons()
    if 'Stop' in buttons or 'Run' not in buttons:
        raise Failure(f'after switching away from a run, lesson 5 shows the buttons {buttons}')
    time.sleep(1.0)
    if ui.card() != left:
        raise Failure(f'a second after the switch, lesson 5 shows {ui.card()}, not {left}')
    ui.go_to(2)
    text = ui.result_text()
    if not (text.startswith('Stopped after') and text.endswith('when you left the lesson')):
        raise Failure(f'back on lesson 2, whose run was under way when it was left, the result reads {text!r}')
    return f'lesson 2 running (10 × 1000 ms) → lesson 5 shown in {spent:.2f} s, as it was left; back on 2: {text!r}'


def check_rapid_switches(ui, frame_run):
    """SWITCHES switches, each made while the lesson shown is running.

    A run is started with the window's "win.run" action (what Ctrl+R does): a button's "click"
    action lands a quarter of a second later, by which time the lesson would have changed."""
    rng = random.Random(6)
    current = int(ui.title().split(' ')[0])
    switches = 0
    visits = 0
    started = time.monotonic()
    selection = ui.sidebar().querySelection()

    running = False
    while switches < SWITCHES:
        ui.app.check_alive()
        if current in RUNNABLE and current != FREEZE_LESSON:
            ui.timed('win.run', frame_run)
            running = True
        target = rng.choice([n for n in range(1, 14) if n != current])
        if not ui.timed(f'the selection of lesson {target}', selection.selectChild, target - 1):
            raise Failure(f'the sidebar refused to select lesson {target}')
        visits += 1
        ui.forget_page()
        expected = ui.expected_title(target)
        title = ui.timed('the title label', ui.title)
        if title != expected:
            raise Failure(f'switch {switches + 1}: the title reads {title!r}, expected {expected!r}')
        if target not in (SORT_LESSON, SUMMARY_LESSON):
            # Every lesson's run stops when it is left: none is running on arrival.
            text = ui.timed('the result label', ui.result_text)
            if text == 'Running…' or text not in RESULT_STATES and not text.startswith(RESULT_STATES):
                raise Failure(f'switch {switches + 1} to lesson {target}: the result reads {text!r}')
        if running:
            switches += 1
        running = False
        current = target

    elapsed = time.monotonic() - started
    if current in (SORT_LESSON, SUMMARY_LESSON, FREEZE_LESSON):
        current = 5
        ui.go_to(current)
    time.sleep(1.5)
    ui.app.check_alive()
    text = ui.result_text()
    if text == 'Running…':
        raise Failure(f'after the switches, lesson {current}\'s result still reads {text!r}')
    # And the app still runs a lesson to its end.
    for name in LESSONS[current - 1][1]:
        ui.set_slider(name, FAST_VALUES[name])
    ui.press('Run')
    text = ui.wait_result(20.0)
    return (f'{switches} switches during runs ({visits} visits) in {elapsed:.1f} s; '
            f'slowest answer {ui.app.slowest_call * 1000:.0f} ms; then lesson {current} ran: {text!r}')


# ---------------------------------------------------------------------------------------------
# Invariants, over a seeded random walk

# The run's values, as the note on a run with other values lists them, in its order.
NOTE_ORDER = ['Latency', 'Requests', 'Workers', 'Jitter', 'Failure rate', 'Timeout', 'Chain depth',
              'Work before awaiting']
# The requests of lessons that have no Requests slider.
FIXED_REQUESTS = {1: 1, 4: 3, 10: 5}
# Small values for the walk: each run short.
WALK_VALUES = {
    'Latency': (10, 60),
    'Requests': (1, 4),
    'Workers': (1, 4),
    'Jitter': (0, 40),
    'Failure rate': (0, 40),
    'Timeout': (0, 300),
    'Chain depth': (1, 3),
    'Work before awaiting': (0, 80),
}
WALK_ACTIONS = int(os.environ.get('INFLIGHT_UI_WALK', '300'))
# How many times longer than usual the app may take to answer or to exit: a build with sanitizers
# runs several times slower, and its setup says so.
PATIENCE = float(os.environ.get('INFLIGHT_UI_PATIENCE', '1'))


def describe_value(name, value):
    if name == 'Timeout' and value == 0:
        return 'Timeout never'
    if name in ('Latency', 'Timeout', 'Work before awaiting'):
        return f'{name} {value} ms'
    if name in ('Jitter', 'Failure rate'):
        return f'{name} {value} %'
    return f'{name} {value}'


def expected_note(ran, now):
    differing = [describe_value(name, ran[name]) for name in NOTE_ORDER if name in ran and ran[name] != now.get(name)]
    if not differing:
        return None
    return f'The run shown had {", ".join(differing)}. The sliders have changed since: run again to measure them.'


def expected_replies(number, ran):
    requests = ran.get('Requests', FIXED_REQUESTS.get(number))
    if requests is None:
        return None
    return requests * (ran.get('Chain depth', 1) if number == 10 else 1)


class Walk:
    """A learner's random session, with what must hold after every step.

    Per lesson it remembers the values of the run shown (as the sliders were when Run was
    pressed), the theory read when that run ended, and what the page showed when it was left."""

    def __init__(self, ui, seed, tap_log):
        self.ui = ui
        self.rng = random.Random(seed)
        self.seed = seed
        self.log = tap_log
        self.current = int(ui.title().split(' ')[0])
        self.ran = {}          # lesson → the shown run's slider values
        self.theory = {}       # lesson → the theory beside its finished run
        self.left = {}         # lesson → (card, sliders, running) when left
        self.stderr_seen = 0
        self.checks = 0

    def say(self, step, text):
        self.log(f'walk seed {self.seed} step {step}: {text}')

    def running(self):
        return 'Stop' in self.ui.run_buttons()

    # -- the invariants ----------------------------------------------------------------------

    def check_stderr(self, step, action):
        text = self.ui.app.stderr()
        bad = [line for line in text.splitlines()[self.stderr_seen:] if re.search(r'CRITICAL|WARNING|Gtk-|-\*\*', line)]
        self.stderr_seen = len(text.splitlines())
        if bad:
            raise Failure(f'step {step} ({action}) printed on stderr:\n' + '\n'.join(bad[:20]))

    def check_card(self, step, action):
        """(a): the card's counts, theory and note are those of the run it shows."""
        number = self.current
        if number in (SORT_LESSON, SUMMARY_LESSON) or self.running():
            return
        card = self.ui.card()
        now = self.ui.slider_values()
        ran = self.ran.get(number)
        where = f'step {step} ({action}), lesson {number}'
        if ran is None:
            # A lesson the walk has not run: shown with no run, it has nothing to note.
            if card['headline'] == 'Not run yet' and card['note'] is not None:
                raise Failure(f'{where}: no run shown, yet the note reads {card["note"]!r}')
            return
        if not card['headline'].startswith(RESULT_PREFIXES):
            raise Failure(f'{where}: a run was made, yet the result reads {card["headline"]!r}')
        expected = expected_replies(number, ran)
        counts = REPLIES.findall(card['detail'] or '')
        if not counts:
            raise Failure(f'{where}: no "N of M replies in." beside {card["headline"]!r}: details {card["detail"]!r}')
        for got, total in counts:
            if expected is not None and int(total) != expected:
                raise Failure(f'{where}: the run had {ran}, so {expected} replies were expected, '
                              f'but the card says {got} of {total}: {card["detail"]!r}')
            if int(got) > int(total):
                raise Failure(f'{where}: {got} of {total} replies in')
        note = expected_note(ran, now)
        if card['note'] != note:
            raise Failure(f'{where}: the run had {ran} and the sliders read {now}: '
                          f'the note should read {note!r}, and reads {card["note"]!r}')
        if number in self.theory and card['theory'] != self.theory[number]:
            raise Failure(f'{where}: the theory beside the run read {self.theory[number]!r} when it ended, '
                          f'and reads {card["theory"]!r} now')
        self.checks += 1

    def check_return(self, step, action):
        """(b): a lesson returned to shows what it showed when left."""
        number = self.current
        if number not in self.left or number in (SORT_LESSON, SUMMARY_LESSON):
            return
        card, sliders, was_running = self.left.pop(number)
        where = f'step {step} ({action}), back on lesson {number}'
        if self.ui.slider_values() != sliders:
            raise Failure(f'{where}: the sliders were {sliders} when it was left, and are {self.ui.slider_values()}')
        if was_running:
            wait_for('the run stopped by leaving to say so', lambda: not self.running(), 5.0, app=self.ui.app)
            headline = self.ui.result_text()
            # Stopped by the switch, or, when it ended in the moment the switch took, ended.
            stopped = headline.startswith('Stopped after') and headline.endswith('when you left the lesson')
            if not stopped and not headline.startswith(('Measured', 'The window froze')):
                raise Failure(f'{where}: its run was under way when it was left, and its result reads {headline!r}')
            return
        if self.ui.card() != card:
            raise Failure(f'{where}: it was left showing {card}, and shows {self.ui.card()}')
        self.checks += 1

    # -- the actions -------------------------------------------------------------------------

    def leave(self):
        if self.current in (SORT_LESSON, SUMMARY_LESSON):
            return
        running = self.running()
        if not running:
            self.left[self.current] = (self.ui.card(), self.ui.slider_values(), False)
        else:
            self.left[self.current] = (None, self.ui.slider_values(), True)
            self.theory.pop(self.current, None)

    def open_lesson(self, step):
        how = self.rng.choice(['sidebar', 'sidebar', 'next', 'previous'])
        if how == 'next' and self.current == 13 or how == 'previous' and self.current == 1:
            how = 'sidebar'
        target = (self.current + 1 if how == 'next' else self.current - 1 if how == 'previous'
                  else self.rng.choice([n for n in range(1, 14) if n != self.current]))
        self.say(step, f'open lesson {target} ({how})')
        self.leave()
        if how == 'sidebar':
            self.ui.select_lesson(target)
        else:
            click(find_one(self.ui.header(), 'push button', 'Next lesson' if how == 'next' else 'Previous lesson',
                           'the header'))
        self.ui.wait_title(target)
        self.current = target
        self.check_return(step, f'open lesson {target}')

    def move_slider(self, step):
        sliders = [name for name in self.ui.slider_values()]
        if not sliders:
            return self.open_lesson(step)
        name = self.rng.choice(sliders)
        low, high = WALK_VALUES[name]
        if self.current == FREEZE_LESSON:
            high = min(high, 40 if name == 'Latency' else 2)
        value = self.rng.randint(low, high)
        self.say(step, f'lesson {self.current}: {name} → {value}')
        self.ui.set_slider(name, value)

    def make_small(self, step):
        """Before a run: every slider within the walk's small values, as separate logged steps."""
        for name, value in self.ui.slider_values().items():
            low, high = WALK_VALUES[name]
            if self.current == FREEZE_LESSON:
                high = min(high, 40 if name == 'Latency' else 2)
            if not low <= value <= high:
                small = self.rng.randint(low, high)
                self.say(step, f'lesson {self.current}: {name} → {small} (to keep the run short)')
                self.ui.set_slider(name, small)

    def run(self, step):
        if self.current not in RUNNABLE or self.running():
            return self.open_lesson(step)
        self.make_small(step)
        wait = self.rng.random() < 0.6 or self.current == FREEZE_LESSON
        self.say(step, f'lesson {self.current}: Run{" and wait for its end" if wait else ""}')
        self.ran[self.current] = self.ui.slider_values()
        self.theory.pop(self.current, None)
        # The window's action (Ctrl+R) acts at once; a click's action lands a moment later.
        do_named_action(self.ui.frame, 'win.run')
        if wait:
            self.wait_end(step)

    def run_and_move(self, step):
        """The issue's own steps: Run, then a slider dragged while the run goes on."""
        if self.current not in RUNNABLE or self.current == FREEZE_LESSON or self.running():
            return self.open_lesson(step)
        self.make_small(step)
        values = self.ui.slider_values()
        if 'Latency' in values:
            latency = self.rng.randint(150, 300)
            self.say(step, f'lesson {self.current}: Latency → {latency} (a run long enough to move a slider in)')
            self.ui.set_slider('Latency', latency)
        self.say(step, f'lesson {self.current}: Run, then move a slider during it')
        self.ran[self.current] = self.ui.slider_values()
        self.theory.pop(self.current, None)
        do_named_action(self.ui.frame, 'win.run')
        names = list(values)
        name = 'Requests' if 'Requests' in names and self.rng.random() < 0.6 else self.rng.choice(names)
        low, high = WALK_VALUES[name]
        value = self.rng.choice([v for v in range(low, high + 1) if v != self.ran[self.current][name]])
        self.say(step, f'lesson {self.current}: {name} → {value} during the run')
        self.ui.set_slider(name, value)
        self.wait_end(step)

    def wait_end(self, step):
        settle = 0.5 if self.current == FREEZE_LESSON else 0.0
        self.ui.wait_result(20.0, settle=settle)
        self.theory[self.current] = self.ui.card()['theory']

    def stop(self, step):
        if not self.running():
            return self.run(step)
        self.say(step, f'lesson {self.current}: Stop')
        do_named_action(self.ui.frame, 'win.stop')
        self.wait_end(step)

    def reset(self, step):
        if self.current not in RUNNABLE:
            return self.open_lesson(step)
        self.say(step, f'lesson {self.current}: Reset')
        self.ui.press('Reset')
        # A click's action lands about a quarter of a second later: nothing may overtake it.
        time.sleep(0.5)
        wait_for('Reset to clear the result', lambda: self.ui.result_text() == 'Not run yet', 5.0, app=self.ui.app)
        self.ran.pop(self.current, None)
        self.theory.pop(self.current, None)

    def playground_figures(self, name):
        """Each pane's figure @name, from what a screen reader reads: "Theory, Pane 1: 90 ms"."""
        figures = {}
        for node in find_showing(self.ui.frame, 'label', prefix=f'{name}, Pane '):
            pane, _, value = node.name[len(name) + len(', Pane '):].partition(': ')
            figures[int(pane)] = value
        return figures

    def visit_playground(self, step):
        """The playground between two lessons: its runs, set small, run together; its figures
        stay those of its runs while its controls move; the lesson left is as it was."""
        back = self.current
        self.say(step, f'from lesson {back}: open the playground, run it, move a control')
        self.leave()
        items = self.ui.sidebar_items()
        self.ui.sidebar().querySelection().selectChild(len(items) - 1)
        wait_for('the playground\'s Run All', lambda: find_showing(self.ui.frame, 'push button', 'Run All'), 5.0,
                 app=self.ui.app)
        # Short runs: few calls, and a quick service, which every pane shares.
        spins = {node.name: node for node in find_showing(self.ui.frame, 'spin button')}
        for name, node in spins.items():
            if name.startswith('Requests, '):
                node.queryValue().currentValue = 2
        spins['Latency, Pane 1'].queryValue().currentValue = 20
        if not has_state(find_one(self.ui.frame, 'check box', 'Same service for all', 'the playground'), STATE_CHECKED):
            click(find_one(self.ui.frame, 'check box', 'Same service for all', 'the playground'))
        do_named_action(self.ui.frame, 'win.run')
        duration = re.compile(r'^[0-9.]+ (?:ms|s)$')
        wait_for('every pane\'s measured total',
                 lambda: all(duration.match(v) for v in self.playground_figures('Measured').values()), 20.0,
                 lambda: f'the figures read {self.playground_figures("Measured")}', self.ui.app)
        theory = self.playground_figures('Theory')
        spins['Latency, Pane 1'].queryValue().currentValue = self.rng.randint(300, 900)
        time.sleep(0.3)
        if self.playground_figures('Theory') != theory:
            raise Failure(f'step {step}: the playground\'s theories were {theory} beside its runs, and read '
                          f'{self.playground_figures("Theory")} once a control moved')
        self.checks += 1
        self.ui.select_lesson(back)
        self.ui.wait_title(back)
        self.check_return(step, f'back to lesson {back} from the playground')

    def step(self, number):
        action = self.rng.choices([self.open_lesson, self.move_slider, self.run, self.run_and_move, self.stop,
                                   self.reset, self.visit_playground],
                                  weights=[4, 4, 3, 2, 1, 1, 1])[0]
        if self.running() and action not in (self.stop, self.open_lesson, self.visit_playground) and self.rng.random() < 0.7:
            action = self.wait_running_end
        action(number)
        name = action.__name__
        self.check_stderr(number, name)
        self.check_card(number, name)

    def wait_running_end(self, step):
        self.say(step, f'lesson {self.current}: wait for the run to end')
        self.wait_end(step)


def check_random_walk(ui, seed, log):
    walk = Walk(ui, seed, log)
    started = time.monotonic()
    for number in range(1, WALK_ACTIONS + 1):
        ui.app.check_alive()
        walk.step(number)
    return (f'seed {seed}: {WALK_ACTIONS} actions in {time.monotonic() - started:.1f} s, '
            f'{walk.checks} checks of a result card against its run or of a lesson returned to')


def focused_node(root):
    for node in walk(root):
        try:
            if node.getState().contains(STATE_FOCUSED):
                return node
        except Exception:  # noqa: BLE001
            continue
    return None


def app_window(app):
    windows = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(app.pid)],
                             capture_output=True, text=True).stdout.split()
    if not windows:
        raise Failure(f'xdotool finds no window of pid {app.pid}')
    return windows[-1]


def press_keys(app, keys):
    """Presses @keys through the X server, into the app's window."""
    subprocess.run(['xdotool', 'windowfocus', '--sync', app_window(app), 'key', '--clearmodifiers', keys], check=True)
    time.sleep(0.4)


def check_tab_order(ui, numbers):
    """(d): Tab moves from the list of lessons into the page, never to another lesson."""
    if shutil.which('xdotool') is None:
        raise Failure('xdotool is needed to press Tab (apt-get install xdotool)')
    seen = []
    for number in numbers:
        ui.go_to(number)
        row = [item for item in ui.sidebar_items() if has_state(item, STATE_SELECTED)][0]
        # A click on the lesson's row gives it the focus, as the learner's would.
        x, y, width, height = row.queryComponent().getExtents(WINDOW_COORDS)
        # On a loaded machine a click can come before the window is ready for it: click again
        # (the row is the lesson already shown, so a second click opens nothing new).
        for attempt in range(3):
            subprocess.run(['xdotool', 'mousemove', '--window', app_window(ui.app), str(x + width // 2),
                            str(y + height // 2), 'click', '1'], check=True)
            try:
                wait_for('the selected lesson to have the focus', lambda: has_state(row, STATE_FOCUSED), 3.0,
                         app=ui.app)
                break
            except Failure:
                if attempt == 2:
                    raise
        press_keys(ui.app, 'Tab')
        ui.forget_page()
        if ui.title() != ui.expected_title(number):
            raise Failure(f'Tab in the list of lessons on lesson {number} opened {ui.title()!r}')
        focus = focused_node(ui.page())
        if focus is None:
            where = focused_node(ui.frame)
            raise Failure(f'after Tab from the list on lesson {number}, the focus is not in the page but on '
                          f'{role_name(where) if where else "nothing"} {where.name if where else ""!r}')
        seen.append(f'{number}: {role_name(focus)} {focus.name!r}')
    return 'Tab from the list of lessons lands in the page: ' + '; '.join(seen)


def check_close_during_run(ui):
    ui.go_to(8)
    ui.set_slider('Latency', 1500)
    ui.set_slider('Requests', 16)
    ui.set_slider('Workers', 2)
    ui.press('Run')
    ui.wait_running()
    time.sleep(0.3)
    close = find_one(ui.frame, 'push button', 'Close', 'the window')
    click(close)
    start = time.monotonic()
    try:
        status = ui.app.process.wait(5.0 * PATIENCE + 0.25)
    except subprocess.TimeoutExpired:
        raise Failure(f'the app was still running {5.0 * PATIENCE:.0f} s after its window was closed during a run') from None
    spent = time.monotonic() - start
    if status != 0:
        raise Failure(f'the app exited with status {status} after its window was closed during a run')
    return f'closed during lesson 8\'s runs (16 × 1500 ms, 2 workers): exit status 0 after {spent:.2f} s'


def check_stderr(app):
    text = app.stderr()
    bad = [line for line in text.splitlines()
           if re.search(r'CRITICAL|WARNING|Gtk-|-\*\*', line)]
    if bad:
        raise Failure('the app printed on stderr:\n' + '\n'.join(bad[:40]))
    return 'no warning or critical' + (f'; other output:\n{text.strip()}' if text.strip() else '')


# ---------------------------------------------------------------------------------------------

def start_accessibility_bus():
    """Starts the session's accessibility bus and waits until it gives its address.

    The launcher is asked without D-Bus activation, so the bus is the one started here; should
    the session already have one (the launcher then leaves at once), that one is used."""
    from gi.repository import Gio, GLib  # noqa: E402 — after G_DEBUG is cleared

    launcher = subprocess.Popen([BUS_LAUNCHER, '--launch-immediately'],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + 10
    while True:
        flags = Gio.DBusCallFlags.NO_AUTO_START if launcher.poll() is None else Gio.DBusCallFlags.NONE
        try:
            bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None,
                          GLib.VariantType.new('(s)'), flags, 2000, None)
            return launcher
        except GLib.Error as error:
            if time.monotonic() > deadline:
                if launcher.poll() is None:
                    launcher.kill()
                    launcher.wait()
                raise Failure(f'the accessibility bus did not start: {error.message}') from None
            time.sleep(0.05)


def main():
    global STATE_SELECTED, STATE_SENSITIVE, STATE_VISIBLE, STATE_FOCUSED, STATE_CHECKED, STATE_PRESSED, WINDOW_COORDS

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bin', default=os.environ.get('INFLIGHT_BIN'))
    parser.add_argument('--schema-dir', default=os.environ.get('GSETTINGS_SCHEMA_DIR'))
    parser.add_argument('--language', help='one pass in this language, such as de')
    parser.add_argument('--locale', help='the locale to run it in, such as de_DE.UTF-8')
    parser.add_argument('--locale-dir', help='where the build put LANG/LC_MESSAGES/inflight.mo')
    args = parser.parse_args()
    global LANGUAGE, LOCALE, LOCALE_DIR, PLAN
    if args.language:
        LANGUAGE, LOCALE, LOCALE_DIR = args.language, args.locale, args.locale_dir
        PLAN = LANGUAGE_PLAN
        # A missing locale or catalogue would test English under another name: both fail.
        try:
            locale.setlocale(locale.LC_ALL, LOCALE)
            locale.setlocale(locale.LC_ALL, 'C')
        except (locale.Error, TypeError):
            print('1..1')
            print(f'not ok 1 - the locale {LOCALE} is not installed: `build-aux/dev build` generates it')
            return 1
        try:
            localize(LANGUAGE, LOCALE_DIR)
        except (OSError, TypeError) as error:
            print('1..1')
            print(f'not ok 1 - no {LANGUAGE} catalogue under {LOCALE_DIR!r}: {error}')
            return 1

    if not args.bin or not os.access(args.bin, os.X_OK):
        print('1..1')
        print(f'not ok 1 - no inflight binary to test (--bin or INFLIGHT_BIN): {args.bin!r}')
        return 1
    if not args.schema_dir or not os.path.exists(os.path.join(args.schema_dir, 'gschemas.compiled')):
        print('1..1')
        print(f'not ok 1 - no compiled schemas in {args.schema_dir!r} (--schema-dir or GSETTINGS_SCHEMA_DIR)')
        return 1
    if not os.environ.get('DISPLAY'):
        skip_all('no X display (run under xvfb-run, as build-aux/dev test does)')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        skip_all('no D-Bus session bus (run under dbus-run-session, as build-aux/dev test does)')
    if not os.access(BUS_LAUNCHER, os.X_OK):
        skip_all(f'{BUS_LAUNCHER} is missing: apt-get install at-spi2-core')
    try:
        import gi
        gi.require_version('Atspi', '2.0')
    except (ImportError, ValueError) as error:
        skip_all(f'no AT-SPI introspection for Python: {error} (apt-get install python3-pyatspi)')

    try:
        launcher = start_accessibility_bus()
    except Failure as error:
        print('1..1')
        print(f'not ok 1 - {error}')
        return 1

    try:
        import pyatspi
    except ImportError as error:
        launcher.terminate()
        skip_all(f'no pyatspi: {error} (apt-get install python3-pyatspi)')

    STATE_SELECTED = pyatspi.STATE_SELECTED
    STATE_SENSITIVE = pyatspi.STATE_SENSITIVE
    STATE_VISIBLE = pyatspi.STATE_VISIBLE
    STATE_FOCUSED = pyatspi.STATE_FOCUSED
    STATE_CHECKED = pyatspi.STATE_CHECKED
    STATE_PRESSED = pyatspi.STATE_PRESSED
    WINDOW_COORDS = pyatspi.WINDOW_COORDS
    # Calls that land while lesson 3 holds the window's thread wait for it rather than fail.
    pyatspi.setTimeout(5000, 15000)

    tap = Tap(PLAN)
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix='inflight-ui-')
    app = App(args.bin, args.schema_dir, workdir)
    ui = None

    def step(name, check, *check_args):
        step_start = time.monotonic()
        try:
            detail = check(*check_args)
        except AppGone:
            raise
        except Failure as error:
            tap.result(False, name, str(error))
            app.check_alive()
            return False
        except Exception as error:  # noqa: BLE001 — an AT-SPI error is a failure too
            tap.result(False, name, f'{type(error).__name__}: {error}')
            app.check_alive()
            return False
        detail = detail if isinstance(detail, str) else ''
        tap.result(True, name, f'{detail} ({time.monotonic() - step_start:.1f} s)')
        return True

    try:
        if not step('the app appears on the accessibility bus with a frame named "Inflight"',
                    check_app_and_frame, pyatspi, app):
            raise AppGone('the app could not be found on the accessibility bus')
        ui = Ui(app)

        if LANGUAGE:
            step(f'{LANGUAGE}: the sidebar lists the 13 lessons by their translated titles', check_sidebar, ui)
            step(f'{LANGUAGE}: the app speaks the catalogue\'s language', check_translated, ui)
            for number in range(1, 14):
                step(f'{LANGUAGE}: lesson {number} shows {ui.expected_title(number)!r}, its sliders translated, '
                     f'every control named', check_translated_lesson, ui, number)
            step(f'{LANGUAGE}: lesson 2 runs to a result', check_translated_run, ui, 2)
            if app.alive():
                app.end()
            step(f'{LANGUAGE}: the app printed no warning or critical on stderr', check_stderr, app)
            raise Finished()

        step('the sidebar "Lessons" lists the 13 lessons by title', check_sidebar, ui)
        for number in range(1, 14):
            step(f'sidebar: lesson {number} shows "{ui.expected_title(number)}"',
                 check_sidebar_visit, ui, number)
        for number in range(2, 14):
            step(f'Next lesson: lesson {number} shows "{ui.expected_title(number)}"', check_next, ui, number)
        step('Next lesson is disabled on the last lesson', check_next_disabled, ui)
        for number in range(1, 14):
            what = ('a sort card is checked' if number == SORT_LESSON else
                    'the summary shows the measurements' if number == SUMMARY_LESSON else
                    'sliders set, Run completes with a measurement')
            step(f'lesson {number}: {what}', check_lesson_run, ui, number)
        step(f'lesson 3: the freeze reported is close to {FREEZE_REQUESTS} × {FREEZE_LATENCY_MS} ms',
             check_freeze, ui)
        step('switching lessons during a run stops it and shows the new lesson', check_switch_during_run, ui)
        step('Tab from the list of lessons moves into the page and opens no lesson', check_tab_order, ui, [1, 7, 12])
        seed = int(os.environ.get('INFLIGHT_UI_SEED') or random.randrange(1 << 30))
        step(f'a random walk of {WALK_ACTIONS} actions (seed {seed}): every result is its run\'s, every lesson '
             f'returned to is as it was left, nothing on stderr',
             check_random_walk, ui, seed, lambda text: print(f'# {text}', flush=True))
        step(f'{SWITCHES} rapid lesson switches during runs',
             check_rapid_switches, ui, lambda: do_named_action(app.frame, 'win.run'))
        step('closing the window during a run: the app exits with status 0 within 5 s',
             check_close_during_run, ui)
        if app.alive():
            app.end()
        step('the app printed no warning or critical on stderr', check_stderr, app)
    except Finished:
        pass
    except AppGone as gone:
        text = app.stderr()
        tap.result(False, f'the app is gone: {gone}', 'its stderr:\n' + text if text.strip() else '')
        tap.rest_not_run(str(gone))
    finally:
        app.end()
        if launcher.poll() is None:
            launcher.terminate()
            try:
                launcher.wait(5)
            except subprocess.TimeoutExpired:
                launcher.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    print(f'# {tap.number - tap.failed} of {tap.number} passed in {time.monotonic() - started:.1f} s', flush=True)
    return 1 if tap.failed else 0


STATE_SELECTED = None
STATE_SENSITIVE = None
STATE_VISIBLE = None
STATE_FOCUSED = None
STATE_CHECKED = None
STATE_PRESSED = None
WINDOW_COORDS = None

if __name__ == '__main__':
    sys.exit(main())
