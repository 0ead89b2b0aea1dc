#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real programs on a real X server
# (Xvfb through xvfb-run, the xcb platform: the fonts and style a desktop shows,
# not the offscreen platform):
#   station-pass.png      the station window after "Start all idle": eight slots passed
#   station-fail.png      the same line with a fault on one device: one slot red with its cause and action
#   server-packages.png   server mode: the packages page
#   server-export.png     server mode: the export dialog after exporting the eight keys
#   server-yield.png      server mode: the yield page after the eight runs
# Every window at the line PC's 1280x800.
# Each line is brought up by scripts/run-line.sh --no-station in a temporary
# folder; the key presses (the windows' own shortcuts) are xdotool's, the
# grabs tests/app/runline/screengrab's.
# Usage: scripts/take-screenshots.sh [--build-dir DIR] [--out DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build"
out="$root/docs/screenshots"
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "take-screenshots: unknown option $1" >&2; exit 3 ;;
  esac
  shift
done
build_dir=$(cd "$build_dir" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
say() { echo "take-screenshots: $*"; }
die() { echo "take-screenshots: $*" >&2; exit 1; }

# Outside Xvfb: tools, build, then this script again under xvfb-run.
if [ -z "${PROVSTATION_SCREENSHOTS_INNER:-}" ]; then
  if ! command -v xdotool >/dev/null || ! command -v xvfb-run >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    say "installing xdotool and xvfb"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends xdotool xvfb xauth >/dev/null
  fi
  targets=(provstation provstation-server provstation-sim provstation-cli provstation-pack screengrab)
  for dir in "$root"/plugins/*/; do
    [ -f "$dir/CMakeLists.txt" ] && targets+=("meter_$(basename "$dir")")
  done
  cmake --build "$build_dir" --target "${targets[@]}" >/dev/null
  export PROVSTATION_SCREENSHOTS_INNER=1
  exec xvfb-run -a -s "-screen 0 1280x800x24 -dpi 96 -nolisten tcp" "$0" --build-dir "$build_dir" --out "$out"
fi

bin="$build_dir/bin"
work=$(mktemp -d /tmp/provstation-screens.XXXXXX)
line_pid=""; pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$line_pid" ]; then kill -TERM "$line_pid" 2>/dev/null || true; wait "$line_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Brings a line up in $work/NAME (run-line.sh options after NAME) and reads its line.env.
line_up() {
  local name=$1; shift
  "$root/scripts/run-line.sh" --no-station --no-setup --no-build --build-dir "$build_dir" --data-dir "$work/$name" \
    --language en "$@" >"$work/$name.out" 2>&1 &
  line_pid=$!
  for _ in $(seq 1 600); do
    grep -q 'run-line: ready' "$work/$name.out" && break
    kill -0 "$line_pid" 2>/dev/null || die "run-line.sh failed: $(cat "$work/$name.out")"
    sleep 0.2
  done
  grep -q 'run-line: ready' "$work/$name.out" || die "run-line.sh did not come up: $(cat "$work/$name.out")"
  # shellcheck disable=SC1091
  source "$work/$name/line.env"
}
line_down() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
  kill -TERM "$line_pid"; wait "$line_pid" 2>/dev/null || true; line_pid=""
}

# Starts PROGRAM ARGS... and sets $wid to its first visible window, at 0,0.
open_window() {
  "$@" >>"$work/windows.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wid=$(timeout 60 xdotool search --sync --onlyvisible --pid "$pid" | head -n 1) || die "no window from $1"
  xdotool windowmove "$wid" 0 0
}

# Waits until N runs started after the marker file have ended: each run log
# (DATA/station/runlogs, shared with the kV2c pretest's CLI) ends with "result CODE: ...".
wait_runs() {
  local n=$1 done_count=0
  for _ in $(seq 1 300); do
    done_count=$(find "$STATION_DATA_DIR/runlogs" -name '*.log' -newer "$work/started" \
      -exec grep -lE 'result [0-9]+: ' {} + 2>/dev/null | wc -l || true)
    if [ "$done_count" -ge "$n" ]; then
      sleep 1.5 # the window's last repaint
      return 0
    fi
    sleep 1
  done
  die "the station finished $done_count of $n runs in 300 s"
}

# Presses KEYS in WINDOW: the windows' own keyboard shortcuts, no screen
# coordinates (a layout change cannot make the script click the wrong thing).
key() { # WINDOW KEYS...
  local window=$1; shift
  xdotool windowfocus --sync "$window"
  xdotool key "$@"
}

grab() { # NAME [screengrab options]
  local name=$1; shift
  "$bin/screengrab" "$@" "$out/$name"
  say "$out/$name ($(($(stat -c %s "$out/$name") / 1024)) KiB)"
}

station() {
  open_window env PROVSTATION_SECRETS=file XDG_CONFIG_HOME="$STATION_CONFIG_HOME" PROVSTATION_DATA_DIR="$STATION_DATA_DIR" \
    "$bin/provstation" --settings "$STATION_INI" --language en
  xdotool windowsize "$wid" 1280 800
  sleep 3
  # Log in through the dialog, typing as slowly as a person (a fast burst would be
  # taken for a barcode scanner).
  key "$wid" ctrl+l # "Log in"
  local dialog
  dialog=$(timeout 20 xdotool search --sync --onlyvisible --name '^Log in$' | head -n 1) || die "no login dialog"
  sleep 0.5
  xdotool windowfocus --sync "$dialog"
  xdotool key Tab # from the badge field to the user's
  xdotool type --delay 120 operator
  xdotool key Tab
  xdotool type --delay 120 --file "$OPERATOR_PASSWORD_FILE"
  sleep 0.3
  xdotool key Return
  sleep 3 # the configuration list
  touch "$work/started"
  sleep 1 # run logs are named and stamped in seconds
  key "$wid" F9 # "Start all idle"
  xdotool mousemove 1279 799 # the pointer out of the picture
}

# 1. A clean line: eight passes, then server mode.
say "line 1: eight devices"
line_up clean
station
wait_runs 8
grab station-pass.png --window "$wid"
open_window env HOME="$work" "$bin/provstation" --attach "$SERVER_URL" --settings "$STATION_INI" --language en --login admin \
  --password-file "$ADMIN_PASSWORD_FILE"
xdotool windowsize "$wid" 1280 800
sleep 3
grab server-packages.png --window "$wid"
key "$wid" ctrl+e # "Export keys..."
dialog=$(timeout 20 xdotool search --sync --onlyvisible --name "Export device keys" | head -n 1) || die "no export dialog"
sleep 1
key "$dialog" Return # "Export", the dialog's default button
sleep 3
grab server-export.png --crop 1280x800+0+0
[ -f "$work/device_keys.xml" ] || die "the export dialog wrote no device_keys.xml"
say "export: $(grep -c '<device ' "$work/device_keys.xml") devices"
key "$dialog" Escape
sleep 1
key "$wid" ctrl+Tab ctrl+Tab ctrl+Tab # Packages, Stations, History: Yield
sleep 3
grab server-yield.png --window "$wid"
line_down

# 2. The same line with the meter link of the second i210+ down: its slot fails.
say "line 2: a faulted device"
line_up fault --fault 'i210plus#1:meter-link-down'
station
wait_runs 8
grab station-fail.png --window "$wid"
line_down
say "done"
