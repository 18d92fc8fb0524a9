#!/bin/sh
# Fails when a translation listed in po/LINGUAS does not compile (msgfmt --check), is not
# complete (an untranslated or fuzzy message), or lacks a message the sources have now (a string
# added or changed since the last `meson compile genu-pot genu-update-po`): the German and
# Spanish UIs must be whole.
set -eu
cd "${1:?usage: check-po.sh SOURCE_ROOT}"

# The messages of the sources as they are, extracted as meson's i18n module does (preset glib).
pot=$(mktemp "${TMPDIR:-/tmp}/genu-check-po.XXXXXX")
trap 'rm -f "$pot"' EXIT
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --output="$pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS names $lang, but $po does not exist"
    status=1
    continue
  fi
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$po does not compile:"
    echo "$stats"
    status=1
    continue
  fi
  if ! missing=$(LC_ALL=C msgcmp "$po" "$pot" 2>&1); then
    echo "$po lacks messages of the sources; run meson compile genu-pot genu-update-po and translate them:"
    echo "$missing" | head -20
    status=1
    continue
  fi
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po is not complete: $stats"; status=1 ;;
    *) echo "$po: $stats" ;;
  esac
done
exit $status
