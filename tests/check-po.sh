#!/bin/sh
# Fails when a translation listed in po/LINGUAS does not compile (msgfmt --check) or is not
# complete (an untranslated or fuzzy message): the German and Spanish UIs must be whole.
set -eu
cd "${1:?usage: check-po.sh SOURCE_ROOT}"

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
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po is not complete: $stats"; status=1 ;;
    *) echo "$po: $stats" ;;
  esac
done
exit $status
