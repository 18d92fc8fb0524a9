#!/bin/sh
# Fails when a source file with translatable strings is missing from po/POTFILES.in, or when
# POTFILES.in names a file that does not exist.
set -eu
cd "${1:?usage: check-potfiles.sh SOURCE_ROOT}"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rlE '(^|[^a-zA-Z_])(_|N_|C_|NC_|ngettext)\(' src --include='*.c';
          grep -rl 'translatable="yes"' src data --include='*.ui' --include='*.xml*' --include='*.in';
          ls data/*.desktop.in) | sort -u)

status=0
for file in $found; do
  echo "$listed" | grep -qx "$file" || { echo "missing from po/POTFILES.in: $file"; status=1; }
done
for file in $listed; do
  [ -f "$file" ] || { echo "po/POTFILES.in names a file that does not exist: $file"; status=1; }
done
exit $status
