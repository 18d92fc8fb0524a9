#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks flatpak/org.genu.Genu.json without flatpak-builder or a runtime.

The manifest must be valid JSON, name the same app id as the desktop file and the metainfo
(whose screenshots must be files kept in data/screenshots), build this tree with meson and
run the core tests, target the GNOME runtime 50 or later, and ask for exactly the permissions
Genu needs: a display, IPC for X11 and the GPU. Files go through the file chooser portal and
nothing goes over the network, so any --filesystem, --share=network or other extra
permission fails the check.

Usage: check-flatpak.py SOURCE_ROOT [MANIFEST]
"""

import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

ALLOWED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
}
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
MIN_RUNTIME_VERSION = 50

problems = []


def fail(message):
    problems.append(message)


def check_finish_args(manifest):
    finish_args = manifest.get("finish-args")
    if not isinstance(finish_args, list):
        fail("finish-args is missing or not a list")
        return
    for arg in finish_args:
        if not isinstance(arg, str):
            fail(f"finish-args holds a non-string: {arg!r}")
        elif arg.startswith("--filesystem"):
            fail(f"{arg}: no file system access; files go through the file chooser portal")
        elif arg == "--share=network":
            fail(f"{arg}: Genu sends nothing over the network")
        elif arg not in ALLOWED_FINISH_ARGS:
            fail(f"finish-args: {arg} is not one of the allowed permissions")
    if len(finish_args) != len(set(map(str, finish_args))):
        fail("finish-args lists a permission twice")
    given = set(map(str, finish_args))
    for arg in sorted(ALLOWED_FINISH_ARGS - given):
        fail(f"finish-args: {arg} is missing")


def check_runtime(manifest):
    if manifest.get("runtime") != RUNTIME:
        fail(f"runtime is {manifest.get('runtime')!r}, expected {RUNTIME!r}")
    if manifest.get("sdk") != SDK:
        fail(f"sdk is {manifest.get('sdk')!r}, expected {SDK!r}")
    version = manifest.get("runtime-version")
    if not isinstance(version, str) or not version.isdigit():
        fail(f"runtime-version is {version!r}, expected a stable GNOME version such as \"50\"")
    elif int(version) < MIN_RUNTIME_VERSION:
        fail(f"runtime-version {version} is older than {MIN_RUNTIME_VERSION}")


def iter_modules(modules):
    for module in modules or []:
        if isinstance(module, dict):
            yield module
            yield from iter_modules(module.get("modules"))


def check_app_module(manifest, manifest_dir, source_root):
    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        fail("the manifest has no modules")
        return
    app_modules = [
        m for m in iter_modules(modules)
        if m.get("buildsystem") == "meson"
        and any(isinstance(s, dict) and s.get("type") == "dir" for s in m.get("sources", []))
    ]
    if not app_modules:
        fail("no module builds a \"dir\" source with \"buildsystem\": \"meson\"")
        return
    module = app_modules[-1]
    for source in module["sources"]:
        if isinstance(source, dict) and source.get("type") == "dir":
            path = os.path.realpath(os.path.join(manifest_dir, source.get("path", "")))
            if path != os.path.realpath(source_root):
                fail(f"the dir source {source.get('path')!r} is not the source tree")
    if module.get("run-tests") is not True:
        fail(f"module {module.get('name')!r} does not run its tests (\"run-tests\": true)")
    commands = module.get("test-commands") or []
    if not any("meson test" in c and "--suite core" in c for c in commands):
        fail(f"module {module.get('name')!r}: no test-commands entry runs "
             "`meson test --suite core`")
    if module.get("test-rule", "test") != "":
        fail(f"module {module.get('name')!r}: \"test-rule\" must be \"\" so that `ninja test` "
             "does not run the UI tests, which need a display")


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1])
        return 2
    source_root = argv[1]
    manifest_path = argv[2] if len(argv) == 3 else os.path.join(source_root, "flatpak",
                                                                   "org.genu.Genu.json")
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{manifest_path}: {e}")
        return 1
    if not isinstance(manifest, dict):
        print(f"{manifest_path}: not a JSON object")
        return 1

    app_id = manifest.get("id", manifest.get("app-id"))
    manifest_name = os.path.basename(manifest_path)
    if manifest_name != f"{app_id}.json":
        fail(f"the manifest is called {manifest_name}, but its id is {app_id!r}")

    desktop_files = glob.glob(os.path.join(source_root, "data", "*.desktop.in"))
    if len(desktop_files) != 1:
        fail(f"expected one data/*.desktop.in, found {len(desktop_files)}")
    else:
        desktop_id = os.path.basename(desktop_files[0])[:-len(".desktop.in")]
        if desktop_id != app_id:
            fail(f"the desktop file is {desktop_id}.desktop, the manifest id is {app_id!r}")

    metainfo_files = glob.glob(os.path.join(source_root, "data", "*.metainfo.xml.in"))
    if len(metainfo_files) != 1:
        fail(f"expected one data/*.metainfo.xml.in, found {len(metainfo_files)}")
    else:
        root = ET.parse(metainfo_files[0]).getroot()
        metainfo_id = (root.findtext("id") or "").strip()
        if metainfo_id != app_id:
            fail(f"the metainfo <id> is {metainfo_id!r}, the manifest id is {app_id!r}")
        launchable = (root.findtext("launchable") or "").strip()
        if launchable != f"{app_id}.desktop":
            fail(f"the metainfo <launchable> is {launchable!r}, expected {app_id}.desktop")
        # The store shows the screenshots from their URLs; each must be a file kept in the tree
        # (data/screenshots/make-screenshots.sh remakes them).
        images = [(i.text or "").strip() for i in root.iter("image")]
        if len(images) < 3:
            fail(f"the metainfo has {len(images)} screenshots, expected at least 3")
        for url in images:
            name = url.rsplit("/data/screenshots/", 1)
            if len(name) != 2 or not os.path.isfile(
                    os.path.join(source_root, "data", "screenshots", name[1])):
                fail(f"the metainfo screenshot {url} is not a file in data/screenshots")

    if manifest.get("command") != "genu":
        fail(f"command is {manifest.get('command')!r}, expected 'genu'")

    check_runtime(manifest)
    check_finish_args(manifest)
    check_app_module(manifest, os.path.dirname(os.path.abspath(manifest_path)), source_root)

    for problem in problems:
        print(f"{manifest_path}: {problem}")
    if not problems:
        print(f"{manifest_path}: OK ({app_id}, {manifest['runtime']}//"
              f"{manifest['runtime-version']})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
