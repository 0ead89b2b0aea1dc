#!/usr/bin/env bash
# Every program answers --help and --version with exit 0 and its text, with no
# display at all (no QT_QPA_PLATFORM, DISPLAY or WAYLAND_DISPLAY): an admin on a
# server PC or a script over SSH must be able to ask.
# Usage: tst_programs_help.sh BIN_DIR VERSION [PROGRAM...]
set -uo pipefail
bin=$1; version=$2; shift 2
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
for program in "$@"; do
  for option in --help --version; do
    out=$(env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$bin/$program" "$option" 2>&1)
    code=$?
    [ $code -eq 0 ] || { fail "$program $option exited $code: $out"; continue; }
    case $option in
    --help) grep -qi 'usage' <<<"$out" || fail "$program --help printed no usage: $out" ;;
    --version) grep -q "^$program $version\$" <<<"$out" || fail "$program --version printed: $out" ;;
    esac
  done
done
[ $failed -eq 0 ] && echo "PASS: $* answer --help and --version without a display"
exit $failed
