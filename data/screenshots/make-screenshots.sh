#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Remakes the screenshots that the AppStream metainfo shows (data/screenshots/*.png).
#
# It builds nothing: build Genu first (meson setup build && meson compile -C build), then run
#   data/screenshots/make-screenshots.sh [build/tests/test-window]
# from anywhere. The UI tests save their screenshots when GENU_SCREENSHOT_DIR is set; this
# script runs them under Xvfb, with the same deterministic settings as the test suite (cairo
# renderer, no GL, memory settings, English), and copies the chosen ones here. Needs xvfb-run
# (packages xvfb and xauth).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# A relative path is taken from the current folder; the default, from the top of the tree.
test_window=${1:-$root/build/tests/test-window}
if [ ! -x "$test_window" ]; then
  echo "make-screenshots.sh: $test_window is not a built test program; build Genu first" >&2
  exit 1
fi
tests_dir=$(cd "$(dirname "$test_window")" && pwd)
build_dir=$(dirname "$tests_dir")
test_window=$tests_dir/$(basename "$test_window")
cd "$root"

shots=$(mktemp -d "${TMPDIR:-/tmp}/genu-screenshots.XXXXXX")
trap 'rm -rf "$shots"' EXIT
trap 'exit 1' INT TERM

run_test () {
  echo "Running $1"
  env GENU_SCREENSHOT_DIR="$shots" \
      GTK_A11Y=test GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable NO_AT_BRIDGE=1 \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build_dir/data" \
      LC_ALL=C.UTF-8 LANGUAGE= \
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$1" >"$shots/log" 2>&1 || {
      cat "$shots/log" >&2
      echo "make-screenshots.sh: $1 failed" >&2
      exit 1
    }
}

run_test "$test_window"
run_test "$tests_dir/test-session-page"
run_test "$tests_dir/test-visit-page"

# source (as the test names it) -> screenshot in data/screenshots, as the metainfo names it
for pair in \
    visit-likely-causes.png:assessment.png \
    patient-progress.png:progress.png \
    session-page-graston.png:session.png \
    visit-page-red-flag.png:red-flag.png
do
  from=${pair%%:*}
  to=${pair#*:}
  if [ ! -f "$shots/$from" ]; then
    echo "make-screenshots.sh: no $from was saved; did a test rename it?" >&2
    exit 1
  fi
  cp "$shots/$from" "$here/$to"
  echo "data/screenshots/$to"
done
