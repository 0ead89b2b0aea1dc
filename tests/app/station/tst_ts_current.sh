#!/usr/bin/env bash
# The committed .ts files hold every translatable text of the sources: lupdate,
# run on the sources exactly as the provstationgui_lupdate target runs it, but
# on a copy, finds no new text and drops none. (tst_translations checks that
# each text is translated; a text missing from the .ts would show in English.)
# Usage: tst_ts_current.sh CMAKE GENERATOR_SCRIPT PROJECT_IN LUPDATE TS_DIR
set -euo pipefail
cmake=$1; generator=$2; project_in=$3; lupdate=$4; ts_dir=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cmake" -DIN_FILE="$project_in" -DOUT_FILE="$work/project.json" -P "$generator"
status=0
for ts in "$ts_dir"/provstation_*.ts; do
  copy="$work/$(basename "$ts")"
  cp "$ts" "$copy"
  out=$("$lupdate" -project "$work/project.json" -no-obsolete -locations none -ts "$copy" 2>&1)
  before=$(grep -c '<message' "$ts")
  after=$(grep -c '<message' "$copy")
  if ! grep -q '(0 new and' <<<"$out" || [ "$before" -ne "$after" ]; then
    echo "FAIL: $(basename "$ts") is not current ($before messages committed, $after after lupdate):" >&2
    grep -E 'Found|obsolete|Removed' <<<"$out" >&2 || true
    diff <(grep -o '<source>.*</source>' "$ts" | sort) <(grep -o '<source>.*</source>' "$copy" | sort) >&2 || true
    status=1
  fi
done
[ $status -eq 0 ] || {
  echo "Run: cmake --build BUILD --target provstationgui_lupdate && translations/fill_translations.py" >&2
  exit 1
}
echo "PASS: the .ts files hold every source text"
