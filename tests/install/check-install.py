#!/usr/bin/python3
# check-install.py BUILDDIR: installs the build into a staging directory, as a packager would,
# and checks that every file a user of the app needs is there: the program, its desktop file,
# metainfo, schema and icons, the manual page, the user guide and the translations.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import json
import tempfile

builddir = sys.argv[1]
options = json.loads(subprocess.run(["meson", "introspect", builddir, "--buildoptions"],
                                    capture_output=True, text=True, check=True).stdout)
profile = next((o["value"] for o in options if o["name"] == "profile"), "default")
# A development build is an application of its own; the settings schema is the release's.
schema_id = "io.github.inflight.Inflight"
app_id = schema_id + (".Devel" if profile == "development" else "")
results = []

with tempfile.TemporaryDirectory(prefix="inflight-stage-") as stage:
    install = subprocess.run(["meson", "install", "-C", builddir, "--no-rebuild", "--quiet",
                              "--destdir", stage], capture_output=True, text=True)
    results.append(("meson install succeeds", install.returncode == 0, install.stdout + install.stderr))
    found = set()
    for root, _, files in os.walk(stage):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), stage)
            found.add("/" + path.split("/share/", 1)[1] if "/share/" in path else path)

    def has(suffix):
        return any(path.endswith(suffix) for path in found)

    expected = [
        "bin/inflight",
        f"/applications/{app_id}.desktop",
        f"/metainfo/{app_id}.metainfo.xml",
        f"/mime/packages/{app_id}.xml",
        f"/glib-2.0/schemas/{schema_id}.gschema.xml",
        f"/icons/hicolor/scalable/apps/{app_id}.svg",
        f"/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
        "/man/man1/inflight.1",
    ]
    expected += [f"/help/C/inflight/{page}" for page in sorted(os.listdir(os.path.join(os.path.dirname(__file__), "..", "..", "help", "C")))
                 if page.endswith(".page")]
    linguas = os.path.join(os.path.dirname(__file__), "..", "..", "po", "LINGUAS")
    for line in open(linguas, encoding="utf-8") if os.path.exists(linguas) else []:
        for lang in line.split("#", 1)[0].split():
            expected.append(f"/locale/{lang}/LC_MESSAGES/inflight.mo")
            if os.path.isdir(os.path.join(os.path.dirname(__file__), "..", "..", "help", lang)):
                expected.append(f"/help/{lang}/inflight/index.page")

    # The installed desktop file and metainfo name the application they belong to.
    for name, needle in ((f"applications/{app_id}.desktop", f"Icon={app_id}\n"),
                         (f"metainfo/{app_id}.metainfo.xml", f"<id>{app_id}</id>")):
        path = next((os.path.join(root, n) for root, _, files in os.walk(stage) for n in files
                     if os.path.join(root, n).endswith(name)), None)
        results.append((f"{name} names {app_id}", path is not None and needle in open(path, encoding="utf-8").read(), needle))

    for path in expected:
        results.append((f"installs {path}", has(path), "installed:\n" + "\n".join(sorted(found))))

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} {name}")
    if not ok:
        for line in detail.splitlines()[:60]:
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
