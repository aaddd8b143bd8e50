#!/usr/bin/python3
# test-code-pane.py
# Reads the code pane of the real Inflight through its accessibility interface, as a screen
# reader does: in lessons 2 and 7 it runs the experiment, and finds in the pane's text each
# cursor's lane on the line the thread is at (the blocking caller on its waiting loop, the queue's
# workers on g_async_queue_pop), and the same cursors in the text's description, which is what
# is announced when the playhead moves.
#
#   test-code-pane.py [--bin BUILD/src/inflight] [--schema-dir BUILD/data]
#
# Needs a display, a D-Bus session bus and python3-pyatspi, like test-ui.py; without them it
# reports a TAP skip. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import subprocess
import sys
import tempfile
import time

os.environ.pop('G_DEBUG', None)

BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher'
CURSOR = '\u25c0 '


def skip_all(reason):
    print(f'1..0 # SKIP {reason}', flush=True)
    sys.exit(0)


def role_name(node):
    try:
        return node.getRoleName()
    except Exception:  # noqa: BLE001 — a node that went away while we looked
        return '?'


def children(node):
    try:
        return [c for c in (node.getChildAtIndex(i) for i in range(node.childCount)) if c is not None]
    except Exception:  # noqa: BLE001
        return []


def walk(node, depth=0):
    yield node
    if depth < 40:
        for child in children(node):
            yield from walk(child, depth + 1)


def start_accessibility_bus():
    from gi.repository import Gio, GLib  # noqa: E402 — after G_DEBUG is cleared

    launcher = subprocess.Popen([BUS_LAUNCHER, '--launch-immediately'], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + 10
    while True:
        try:
            bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None,
                          GLib.VariantType.new('(s)'), Gio.DBusCallFlags.NONE, 2000, None)
            return launcher
        except GLib.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Failure(Exception):
    pass


def wait_for(what, condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise Failure(f'waited {timeout:g} s for {what}')


class App:
    def __init__(self, pyatspi, binary, schema_dir, workdir, lesson):
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG', 'LANGUAGE'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory', 'GSETTINGS_SCHEMA_DIR': schema_dir, 'GSK_RENDERER': 'cairo',
            'GDK_BACKEND': 'x11', 'GTK_USE_PORTAL': '0', 'LC_ALL': 'C.UTF-8',
            'XDG_CONFIG_HOME': os.path.join(workdir, 'config'), 'XDG_DATA_HOME': os.path.join(workdir, 'data'),
        })
        self.pyatspi = pyatspi
        self.process = subprocess.Popen([binary, '--lesson', str(lesson)], env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.frame = wait_for('the app\'s frame on the accessibility bus', self.find_frame, 15)

    def find_frame(self):
        if self.process.poll() is not None:
            raise Failure(f'inflight exited with status {self.process.returncode}')
        try:
            desktop = self.pyatspi.Registry.getDesktop(0)
            for app in children(desktop):
                if app.get_process_id() == self.process.pid:
                    frames = [n for n in children(app) if role_name(n) == 'frame']
                    return frames[0] if frames else None
        except Exception:  # noqa: BLE001 — the registry is still starting
            return None
        return None

    def code_text(self):
        """The pane's text node: a screen reader finds it by its name."""
        for node in self.walk_showing(self.frame):
            if node.name == 'Code that ran' and role_name(node) in ('text', 'entry', 'document text'):
                return node
        return None

    def showing(self, node):
        """Only the page of the lesson shown is in the tree as visible, with a place in its parent."""
        try:
            return node.getState().contains(self.pyatspi.STATE_VISIBLE) and node.getIndexInParent() >= 0
        except Exception:  # noqa: BLE001
            return False

    def walk_showing(self, node, depth=0):
        yield node
        if depth < 40:
            for child in children(node):
                if self.showing(child):
                    yield from self.walk_showing(child, depth + 1)

    def click_run(self):
        for node in self.walk_showing(self.frame):
            if role_name(node) == 'push button' and node.name == 'Run':
                action = node.queryAction()
                names = [action.getName(i) for i in range(action.nActions)]
                action.doAction(names.index('click'))
                return
        raise Failure('no Run button showing')

    def end(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def read(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def cursor_lines(node):
    return [line for line in read(node).splitlines() if CURSOR in line]


def check_lesson(pyatspi, args, workdir, lesson, code_line, cursor, tap):
    app = App(pyatspi, args.bin, args.schema_dir, workdir, lesson)
    try:
        node = wait_for('the code pane\'s text', app.code_text, 15)
        listing = read(node)
        tap(code_line in listing, f'lesson {lesson}: the pane reads out the code, with {code_line!r}',
            '' if code_line in listing else listing[:400])

        app.click_run()

        def cursor_on_line():
            for line in cursor_lines(node):
                if code_line in line and cursor in line:
                    return line
            return None

        try:
            line = wait_for(f'{cursor!r} on the line with {code_line!r}', cursor_on_line, 30)
            tap(True, f'lesson {lesson}: the cursor of {cursor.split(":")[0]!r} is on its line: {line.strip()}')
        except Failure as error:
            tap(False, f'lesson {lesson}: a cursor {cursor!r} on the line with {code_line!r}',
                f'{error}; cursor lines: {cursor_lines(node)}')

        description = node.description or ''
        lane = cursor.split(':')[0]
        tap(lane in description and 'line ' in description,
            f'lesson {lesson}: the text\'s description names the cursor\'s lane and line',
            f'description: {description!r}')
    finally:
        app.end()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bin', default=os.environ.get('INFLIGHT_BIN'))
    parser.add_argument('--schema-dir', default=os.environ.get('GSETTINGS_SCHEMA_DIR'))
    args = parser.parse_args()

    if not os.environ.get('DISPLAY'):
        skip_all('no X display')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        skip_all('no D-Bus session bus')
    if not os.access(BUS_LAUNCHER, os.X_OK):
        skip_all(f'{BUS_LAUNCHER} is missing')
    try:
        import gi
        gi.require_version('Atspi', '2.0')
    except (ImportError, ValueError) as error:
        skip_all(f'no AT-SPI introspection for Python: {error}')
    launcher = start_accessibility_bus()
    try:
        import pyatspi
    except ImportError as error:
        launcher.terminate()
        skip_all(f'no pyatspi: {error}')
    pyatspi.setTimeout(5000, 15000)

    failed = 0
    number = 0
    print('1..6', flush=True)

    def tap(ok, name, diagnostics=''):
        nonlocal failed, number
        number += 1
        failed += not ok
        print(f'{"ok" if ok else "not ok"} {number} - {name}', flush=True)
        for line in diagnostics.splitlines():
            print(f'# {line}', flush=True)

    workdir = tempfile.mkdtemp(prefix='inflight-code-pane-')
    try:
        # While it waits, the caller is on the loop that does not return until the reply is in.
        check_lesson(pyatspi, args, workdir, 2, 'while (call->result == NULL',
                     'Caller thread: waiting for the reply to #', tap)
        # Workers with nothing left to do sleep in the queue's pop.
        check_lesson(pyatspi, args, workdir, 7, 'job = g_async_queue_pop (state->jobs);',
                     'Worker 1: waiting for a request on the queue', tap)
    except Failure as error:
        while number < 6:
            tap(False, f'not run: {error}')
    finally:
        launcher.terminate()
        launcher.wait()

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
