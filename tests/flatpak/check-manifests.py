#!/usr/bin/python3
# check-manifests.py SOURCEDIR: the release manifest builds from a git source pinned to a tag and
# its commit (and, in a checkout that has the tag, the tag is that commit); the .Devel manifest
# builds the working tree as a development build with its own ID; the two agree on the rest.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import re
import subprocess
import sys

top = sys.argv[1]
base = "io.github.inflight.Inflight"
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def load(name):
    with open(os.path.join(top, "flatpak", name), encoding="utf-8") as f:
        return json.load(f)


release = load(base + ".json")
devel = load(base + ".Devel.json")
release_module = next(m for m in release["modules"] if m["name"] == "inflight")
devel_module = next(m for m in devel["modules"] if m["name"] == "inflight")

check("release ID", release["id"] == base, release["id"])
check("development ID", devel["id"] == base + ".Devel", devel["id"])
for key in ("runtime", "runtime-version", "sdk", "command", "finish-args"):
    check(f"both manifests agree on {key}", release.get(key) == devel.get(key))

sources = release_module["sources"]
git = sources[0] if len(sources) == 1 and sources[0].get("type") == "git" else {}
check("release builds from one git source", git, json.dumps(sources))
check("release source is pinned to a tag", git.get("tag"), json.dumps(git))
check("release source is pinned to a full commit", re.fullmatch(r"[0-9a-f]{40}", git.get("commit", "")), json.dumps(git))
check("release builds the default profile", "-Dprofile=development" not in release_module.get("config-opts", []))

project = open(os.path.join(top, "meson.build"), encoding="utf-8").read()
metainfo = open(os.path.join(top, "data", base + ".metainfo.xml.in"), encoding="utf-8").read()
released = re.findall(r'<release version="([^"]+)"', metainfo)
check("the tag is a release the metainfo lists", git.get("tag") in released, f"{git.get('tag')} not in {released}")

tagged = subprocess.run(["git", "-C", top, "rev-parse", "--verify", "--quiet", f"refs/tags/{git.get('tag')}^{{commit}}"],
                        capture_output=True, text=True)
if tagged.returncode == 0:
    check("the tag is the pinned commit", tagged.stdout.strip() == git.get("commit"), tagged.stdout.strip())
else:
    print(f"# the tag {git.get('tag')} is not in this checkout: its commit is not compared")

dev_sources = devel_module["sources"]
check("development builds the working tree", dev_sources == [{"type": "dir", "path": ".."}], json.dumps(dev_sources))
check("development builds the development profile", "-Dprofile=development" in devel_module.get("config-opts", []))
check("meson has the profile option",
      "'development'" in open(os.path.join(top, "meson_options.txt"), encoding="utf-8").read() and "profile" in project)

print(f"1..{len(results)}")
for number, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} {name}")
    if not ok and detail:
        print(f"# {detail}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
