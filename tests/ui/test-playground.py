#!/usr/bin/python3
# test-playground.py
# Drives the playground of the real Inflight through its accessibility interface: opens it from
# the sidebar, sets its two panes to a blocking call and a message queue (the drop-downs by
# keyboard, the spin buttons through their Value interface), runs them, saves the experiment
# through the application's save-experiment action on D-Bus (no file chooser), changes the panes,
# opens the file again and finds the same settings and the same measured runs.
#
#   test-playground.py [--bin BUILD/src/inflight] [--schema-dir BUILD/data]
#
# Needs a display, a D-Bus session bus, python3-pyatspi and xdotool, like test-ui.py; without
# them it reports a TAP skip. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

os.environ.pop('G_DEBUG', None)

# The helpers the code pane's test already has: the accessibility bus, the tree, waiting.
_spec = importlib.util.spec_from_file_location('code_pane_test',
                                               os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                            'test-code-pane.py'))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)
role_name, children, Failure = helpers.role_name, helpers.children, helpers.Failure

# How many times longer than usual the app may take: a build with sanitizers runs several times
# slower, and its setup says so (as for test-ui.py).
PATIENCE = float(os.environ.get('INFLIGHT_UI_PATIENCE', '1'))


def wait_for(what, condition, timeout, *args, **kwargs):
    return helpers.wait_for(what, condition, timeout * PATIENCE, *args, **kwargs)

APP_ID = 'io.github.inflight.Inflight'
APP_PATH = '/io/github/inflight/Inflight'
STRATEGIES = ['blocking', 'blocking on the UI thread', 'callback', 'future', 'message queue', 'event loop',
              'parallel computing']
DURATION = re.compile(r'^[0-9]+(?:\.[0-9]+)? (?:ms|s)$')
PLAN = 7


class Playground(helpers.App):
    def __init__(self, pyatspi, binary, schema_dir, workdir):
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'G_DEBUG', 'LANGUAGE'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory', 'GSETTINGS_SCHEMA_DIR': schema_dir, 'GSK_RENDERER': 'cairo',
            'GDK_BACKEND': 'x11', 'GTK_USE_PORTAL': '0', 'LC_ALL': 'C.UTF-8',
            'XDG_CONFIG_HOME': os.path.join(workdir, 'config'), 'XDG_DATA_HOME': os.path.join(workdir, 'data'),
        })
        self.pyatspi = pyatspi
        self.binary = binary
        self.env = env
        self.stderr = open(os.path.join(workdir, 'stderr.txt'), 'w+')
        self.process = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.frame = wait_for('the app\'s frame on the accessibility bus', self.find_frame, 15)

    def find(self, role, name):
        for node in self.walk_showing(self.frame):
            if role_name(node) == role and node.name == name:
                return node
        return None

    def need(self, role, name, timeout=5):
        return wait_for(f'a {role} {name!r}', lambda: self.find(role, name), timeout)

    def click(self, button):
        action = button.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        action.doAction(names.index('click'))

    def open_playground(self):
        sidebar = self.need('list', 'Lessons', 15)
        items = [node for node in children(sidebar) if role_name(node) == 'list item']
        if not items or items[-1].name != 'Playground':
            raise Failure(f'the sidebar\'s last item is not "Playground": {[item.name for item in items]}')
        sidebar.querySelection().selectChild(len(items) - 1)
        self.need('push button', 'Run All')
        return len(items)

    def strategy(self, pane):
        combo = self.need('combo box', f'Strategy, Pane {pane}')
        names = [node.name for node in self.walk_showing(combo) if role_name(node) == 'label']
        return next((name for name in names if name in STRATEGIES), None)

    def choose_strategy(self, pane, strategy):
        """Opens the drop-down with a click and picks the strategy with the keys, as a learner would.

        The keys are pressed only once the drop-down's list is showing (a slow build can take a
        while to open it), and a pick that did not take is tried again, up to three times."""
        combo = self.need('combo box', f'Strategy, Pane {pane}')
        for attempt in range(3):
            x, y, width, height = combo.queryComponent().getExtents(self.pyatspi.WINDOW_COORDS)
            subprocess.run(['xdotool', 'mousemove', '--window', self.window(), str(x + width // 2),
                            str(y + height // 2), 'click', '1'], check=True)
            try:
                wait_for(f'pane {pane}\'s list of strategies to open', lambda: self.popup_list(combo), 5)
            except Failure:
                continue
            time.sleep(0.2 * PATIENCE)
            subprocess.run(['xdotool', 'key', 'Home'] + ['Down'] * STRATEGIES.index(strategy), check=True)
            time.sleep(0.2 * PATIENCE)
            subprocess.run(['xdotool', 'key', 'Return'], check=True)
            try:
                wait_for(f'pane {pane} to show {strategy!r}',
                         lambda: self.strategy(pane) == strategy and not self.popup_list(combo), 5)
                return
            except Failure:
                if self.popup_list(combo):
                    subprocess.run(['xdotool', 'key', 'Escape'], check=True)
        raise Failure(f'three tries did not set pane {pane} to {strategy!r}: it shows {self.strategy(pane)!r}')

    def popup_list(self, combo):
        """The drop-down's open list, or None while it is closed."""
        for node in self.walk_showing(combo):
            if role_name(node) == 'list':
                return node
        return None

    def window(self):
        windows = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.process.pid)],
                                 capture_output=True, text=True).stdout.split()
        if not windows:
            raise Failure(f'xdotool finds no window of pid {self.process.pid}')
        return windows[-1]

    def set_value(self, name, pane, value):
        self.need('spin button', f'{name}, Pane {pane}').queryValue().currentValue = value

    def value(self, name, pane):
        return self.need('spin button', f'{name}, Pane {pane}').queryValue().currentValue

    def figure(self, name, pane):
        """A figure's value, from the name a screen reader reads: "Measured, Pane 1: 91 ms"."""
        prefix = f'{name}, Pane {pane}: '
        for node in self.walk_showing(self.frame):
            if role_name(node) == 'label' and node.name.startswith(prefix):
                return node.name[len(prefix):]
        return None

    def activate_app_action(self, name, path):
        from gi.repository import Gio, GLib  # noqa: E402 — after G_DEBUG is cleared

        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        bus.call_sync(APP_ID, APP_PATH, 'org.gtk.Actions', 'Activate',
                      GLib.Variant('(sava{sv})', (name, [GLib.Variant('s', path)], {})),
                      None, Gio.DBusCallFlags.NONE, 10000, None)


def measured(app):
    figures = [app.figure('Measured', pane) for pane in (1, 2)]
    return figures if all(figure is not None and DURATION.match(figure) for figure in figures) else None


def run_steps(app, path, tap):
    count = app.open_playground()
    tap(True, f'the playground opens from the sidebar\'s last row, after {count - 1} lessons')

    app.choose_strategy(1, 'callback')
    app.choose_strategy(1, 'blocking')
    app.choose_strategy(2, 'future')
    app.choose_strategy(2, 'message queue')
    for pane in (1, 2):
        app.set_value('Requests', pane, 3)
        app.set_value('Latency', pane, 30)
        app.set_value('Workers', pane, 3)
    tap((app.strategy(1), app.strategy(2)) == ('blocking', 'message queue') and app.value('Latency', 2) == 30,
        'pane 1 is set to a blocking call and pane 2 to a message queue, 3 calls of 30 ms each')

    app.click(app.need('push button', 'Run All'))
    first = wait_for('both panes\' measured totals', lambda: measured(app), 30)
    theory = [app.figure('Theory', pane) for pane in (1, 2)]
    tap(theory == ['90 ms', '30 ms'],
        f'both panes ran: measured {first}, theory {theory}',
        '' if theory == ['90 ms', '30 ms'] else f'expected the theories 90 ms and 30 ms, got {theory}')

    app.activate_app_action('save-experiment', path)
    wait_for(f'{path} to be written', lambda: os.path.exists(path) and os.path.getsize(path) > 0, 10)
    tap(True, f'the experiment was saved, {os.path.getsize(path)} bytes')

    app.choose_strategy(2, 'callback')
    app.set_value('Latency', 1, 99)
    app.activate_app_action('open-experiment', path)
    wait_for('pane 2 to be a message queue again', lambda: app.strategy(2) == 'message queue', 10)
    again = (app.strategy(1), app.strategy(2), app.value('Latency', 1), app.value('Requests', 2))
    tap(again == ('blocking', 'message queue', 30, 3),
        'opened again, the panes have the settings saved', f'found {again}')
    shown = measured(app)
    tap(shown == first, f'the recorded runs are shown at once, without running: {shown}', f'saved {first}')

    # A second launch, from the file's folder, hands its relative name to the running app.
    app.choose_strategy(2, 'event loop')
    launch = subprocess.run([os.path.abspath(app.binary), os.path.basename(path)], cwd=os.path.dirname(path), env=app.env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30 * PATIENCE)
    try:
        wait_for('pane 2 to be a message queue once more', lambda: app.strategy(2) == 'message queue', 10)
        opened = True
    except Failure:
        opened = False
    tap(launch.returncode == 0 and opened,
        '`inflight FILE.inflight`, relative to where it is run, opens the file in the running app\'s playground',
        f'status {launch.returncode}, pane 2 shows {app.strategy(2)!r}; stderr: {launch.stderr.strip()}')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bin', default=os.environ.get('INFLIGHT_BIN'))
    parser.add_argument('--schema-dir', default=os.environ.get('GSETTINGS_SCHEMA_DIR'))
    args = parser.parse_args()

    if not os.environ.get('DISPLAY'):
        helpers.skip_all('no X display')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        helpers.skip_all('no D-Bus session bus')
    if not os.access(helpers.BUS_LAUNCHER, os.X_OK):
        helpers.skip_all(f'{helpers.BUS_LAUNCHER} is missing')
    if shutil.which('xdotool') is None:
        helpers.skip_all('no xdotool to press keys')
    try:
        import gi
        gi.require_version('Atspi', '2.0')
    except (ImportError, ValueError) as error:
        helpers.skip_all(f'no AT-SPI introspection for Python: {error}')
    launcher = helpers.start_accessibility_bus()
    try:
        import pyatspi
    except ImportError as error:
        launcher.terminate()
        helpers.skip_all(f'no pyatspi: {error}')
    pyatspi.setTimeout(5000, 15000)

    failed = 0
    number = 0
    print(f'1..{PLAN}', flush=True)

    def tap(ok, name, diagnostics=''):
        nonlocal failed, number
        number += 1
        failed += not ok
        print(f'{"ok" if ok else "not ok"} {number} - {name}', flush=True)
        for line in (diagnostics if not ok else '').splitlines():
            print(f'# {line}', flush=True)

    workdir = tempfile.mkdtemp(prefix='inflight-playground-')
    app = None
    try:
        app = Playground(pyatspi, args.bin, args.schema_dir, workdir)
        run_steps(app, os.path.join(workdir, 'saved.inflight'), tap)
    except Failure as error:
        while number < PLAN:
            tap(False, f'not run: {error}')
    finally:
        if app is not None:
            app.end()
            app.stderr.seek(0)
            said = app.stderr.read().strip()
            if said:
                print('# the app said on stderr:', flush=True)
                for line in said.splitlines()[:20]:
                    print(f'#   {line}', flush=True)
        launcher.terminate()
        launcher.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
