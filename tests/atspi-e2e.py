#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, over AT-SPI, as a screen reader or a person with a keyboard meets Genu: start the
real app on a fresh database, check that every control has an accessible name, create a patient
through the form, refuse a future date of birth, and find the patient by search.

Needs a session bus (dbus-run-session), a display (Xvfb) and python3-pyatspi; exits 77 (skip)
when one is missing."""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


if not os.environ.get("DISPLAY"):
    skip("no display")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip("no session bus")
try:
    import pyatspi
except ImportError:
    skip("python3-pyatspi is not installed")

APP = os.environ.get("GENU_APP")
if not APP:
    skip("GENU_APP is not set")

CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_CHECK_BOX,
}


def unnamed(node):
    """GTK 4.8 falls back to the class name ("GtkButton") when a widget has no name."""
    name = (node.name or "").strip()
    return not name or name.startswith(("Gtk", "Adw")) or "_" in name


def wait_for(predicate, what, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def showing(node):
    # GTK 4.8 does not keep STATE_SHOWING up to date over AT-SPI; hidden widgets leave the tree.
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def find(app, role, name):
    for node in walk(app):
        if node.getRole() == role and node.name == name and showing(node):
            return node
    return None


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == "genu":
            return app
    return None


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)  # getText(0, -1) returns '' in GTK 4.8


def type_into(app, label, value):
    entry = wait_for(lambda: find(app, pyatspi.ROLE_TEXT, label), f"text field {label!r}")
    entry.queryEditableText().setTextContents(value)
    assert text_of(entry) == value, (label, text_of(entry))


def press(app, name):
    button = wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, name), f"button {name!r}")
    button.queryAction().doAction(0)


def list_names(app):
    patients = find(app, pyatspi.ROLE_LIST, "Patients")
    if patients is None:
        return []
    names = []
    for row in walk(patients):
        if row.getRole() == pyatspi.ROLE_LIST_ITEM and showing(row):
            names.append(row.name)
    return names


def main():
    workdir = tempfile.mkdtemp(prefix="genu-atspi-")
    env = dict(os.environ, GTK_A11Y="atspi", GENU_DATABASE=os.path.join(workdir, "genu.db"))
    proc = subprocess.Popen([APP], env=env)
    try:
        app = wait_for(find_app, "genu on the accessibility bus")
        wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "New Patient"), "the window")

        press(app, "New Patient")
        wait_for(lambda: find(app, pyatspi.ROLE_TEXT, "Family name"), "the patient form")

        # Every control a person can reach has a name a screen reader can speak.
        nameless = [f"{node.getRoleName()} {node.name!r}" for node in walk(app)
                    if node.getRole() in CONTROL_ROLES and showing(node) and unnamed(node)]
        assert not nameless, f"controls without a proper accessible name: {nameless}"

        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        type_into(app, "Family name", "Atspi")
        type_into(app, "Given names", "Alex")
        type_into(app, "Date of birth (YYYY-MM-DD)", tomorrow)
        press(app, "Save")
        message = wait_for(
            lambda: next((n for n in walk(app) if "cannot be in the future" in (n.name or "")
                          and showing(n)), None),
            "the inline error for a future date of birth")
        print(f"inline error: {message.name}")
        assert list_names(app) == [], "a refused patient must not be listed"

        type_into(app, "Date of birth (YYYY-MM-DD)", "1988-05-17")
        press(app, "Save")
        wait_for(lambda: list_names(app) == ["Atspi, Alex"], "the saved patient in the list")

        search = wait_for(lambda: find(app, pyatspi.ROLE_ENTRY, "Search patients"), "search")
        search.queryEditableText().setTextContents("1988-05")
        wait_for(lambda: list_names(app) == ["Atspi, Alex"], "a search by date of birth")
        search.queryEditableText().setTextContents("nobody")
        wait_for(lambda: list_names(app) == [], "a search that finds nobody")
        print("ok")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
