#!/usr/bin/env bash
# The main job: a whole ProvStation line on one PC, for a newcomer on a fresh
# Debian 12 machine.
#
#   1. installs the Debian packages that are missing (scripts/setup-deps.sh),
#   2. builds the executables (RelWithDebInfo, into build/),
#   3. starts server mode (provstation-server, SQLite) in the data folder,
#      creates the first admin and an operator (random
#      passwords, written to owner-only files and printed once),
#   4. imports a demo package made by `provstation-pack demo`,
#   5. starts provstation-sim with a mixed line: 4 x i210plus, 2 x kv2c, 2 x node
#      (the kv2c meters arrive pretested: their PRETEST runs here on the fixture
#      port, as a line's pretest station would have done),
#   6. writes the station's settings (eight slots bound to the simulator's
#      ports, configuration and batch chosen) and opens the station window
#      logged in as the operator: click "Start all idle", then "Server mode" to
#      export the keys.
# Closing the window (or Ctrl-C) stops the simulator and the server.
#
# --headless does all of it but runs provstation-cli on the eight ports instead
# of the window, exports device_keys.xml and exits 0 only when the eight
# devices passed and the export holds eight keys (CI, tests/app/runline).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/run-line.sh [options]
  --data-dir DIR     the line's data folder (default: $PROVSTATION_LINE_DIR, else
                     ${XDG_DATA_HOME:-~/.local/share}/provstation-line); kept between
                     runs: a second run reuses its accounts, token and package
  --build-dir DIR    build folder (default: build/ in the source tree)
  --no-setup         do not run scripts/setup-deps.sh
  --no-build         use the executables already in the build folder
  --headless         no window: provision the eight devices with provstation-cli,
                     export their keys, print the outcome, exit (0 = all passed)
  --no-station       bring the line up (server, simulator, settings), print how to
                     open the station, and wait for Ctrl-C (scripts, screenshots)
  --listen ADDR:PORT server address (default 127.0.0.1:0, a free port)
  --fault RULE       passed to provstation-sim --fault (repeatable; docs/sim.md)
  --seed N           simulator seed: which device IDs (default: new ones each run)
  --language LANG    station window language: en, es, zh_CN (default: the system's)
  --start-all        the window starts all eight slots by itself once logged in
  -h, --help         this text
EOF
}

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$root/build"
data_dir="${PROVSTATION_LINE_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/provstation-line}"
setup=1; build=1; mode=window; listen=127.0.0.1:0; seed=""; language=""; start_all=()
faults=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --no-setup) setup=0 ;;
    --no-build) build=0 ;;
    --headless) mode=headless ;;
    --no-station) mode=nostation ;;
    --listen) listen=$2; shift ;;
    --fault) faults+=(--fault "$2"); shift ;;
    --seed) seed=$2; shift ;;
    --language) language=$2; shift ;;
    --start-all) start_all=(--start-all) ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-line: unknown option $1 (see --help)" >&2; exit 3 ;;
  esac
  shift
done

say() { echo "run-line: $*"; }
die() { echo "run-line: $*" >&2; exit 1; }

if [ $mode = window ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
  die "the station window needs a display and DISPLAY is not set: run it on the desktop or over 'ssh -X',
  or under Xvfb with: xvfb-run -a -s '-screen 0 1400x900x24' scripts/run-line.sh  (nothing visible;
  scripts/take-screenshots.sh shows what it looks like), or without a window: scripts/run-line.sh --headless"
fi

# --- 1. packages, 2. build --------------------------------------------------
if [ $setup -eq 1 ]; then
  "$root/scripts/setup-deps.sh"
fi
if [ $build -eq 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    say "configuring $build_dir (RelWithDebInfo)"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  targets=(provstation-server provstation-sim provstation-cli provstation-pack)
  [ $mode = headless ] || targets+=(provstation)
  for dir in "$root"/plugins/*/; do
    [ -f "$dir/CMakeLists.txt" ] && targets+=("meter_$(basename "$dir")")
  done
  say "building ${targets[*]} (the first build takes a while)"
  cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
fi
bin="$build_dir/bin"
for exe in provstation-server provstation-sim provstation-cli provstation-pack; do
  [ -x "$bin/$exe" ] || die "$bin/$exe is missing: build first (drop --no-build)"
done
if [ $mode = window ] && [ ! -x "$bin/provstation" ]; then
  die "$bin/provstation is missing (configured with PROVSTATION_BUILD_GUI=OFF?); try --headless"
fi

# --- the data folder ----------------------------------------------------------
# DATA/server            provstation-server's data folder (SQLite, master.key)
# DATA/credentials       owner-only: admin.password, operator.password
# DATA/demo              the demo package, its passphrase and throwaway keys
# DATA/station           the station's outbox, file cache and run logs
# DATA/station-config    the station's pairing and secrets (its XDG_CONFIG_HOME)
# DATA/station.ini       the station's settings; DATA/logs, DATA/export
umask 077
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
server_dir="$data_dir/server"; cred_dir="$data_dir/credentials"; demo_dir="$data_dir/demo"
station_dir="$data_dir/station"; station_config="$data_dir/station-config"; log_dir="$data_dir/logs"
export_dir="$data_dir/export"; ini="$data_dir/station.ini"
mkdir -p "$server_dir" "$cred_dir" "$demo_dir" "$station_dir" "$station_config" "$log_dir" "$export_dir"
say "data folder: $data_dir"

server_args=(--data-dir "$server_dir" --master-key-file "$server_dir/master.key")
server() { "$bin/provstation-server" "${server_args[@]}" "$@"; }

pids=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  [ ${#pids[@]} -eq 0 ] || say "stopped the simulator and the server"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until FILE has a line matching PATTERN (the child writes it), or fails.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 what=$4
  for _ in $(seq 1 300); do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited: $(tail -n 5 "$file")"
    sleep 0.1
  done
  die "$what did not start within 30 s: $(tail -n 5 "$file")"
}

# --- 3. accounts and token, 4. the demo package -------------------------------
new_password() { openssl rand -base64 18 | tr -d '\n'; }
printed=()
users=$(server user list)
if ! grep -q $'^admin\t' <<<"$users"; then
  new_password >"$cred_dir/admin.password"
  server user add admin --role admin <"$cred_dir/admin.password" >/dev/null
  printed+=("admin    $(cat "$cred_dir/admin.password")")
fi
if ! grep -q $'^operator\t' <<<"$users"; then
  new_password >"$cred_dir/operator.password"
  server user add operator --role operator <"$cred_dir/operator.password" >/dev/null
  printed+=("operator $(cat "$cred_dir/operator.password")")
fi

alias_name=DEMO-0045
if [ ! -f "$demo_dir/demo-package.tar.gz" ]; then
  say "making a demo package (provstation-pack demo)"
  "$bin/provstation-pack" demo --out-dir "$demo_dir" >"$log_dir/pack.log"
fi
packages=$(server packages)
if ! grep -q "$alias_name" <<<"$packages"; then
  server import --passphrase-file "$demo_dir/passphrase.txt" --comment "run-line.sh demo" \
    "$demo_dir/demo-package.tar.gz" >"$log_dir/import.log"
  say "imported the demo package as $alias_name"
fi

# --- the server ---------------------------------------------------------------
# The binary itself in the background (not the function: a subshell's pid would be
# recorded, and the server would outlive the cleanup's SIGTERM).
"$bin/provstation-server" "${server_args[@]}" --listen "$listen" >"$log_dir/server.log" 2>&1 &
pids+=($!)
wait_for_line "$log_dir/server.log" "listening on" "${pids[-1]}" "provstation-server"
server_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log_dir/server.log" | head -n 1)
# HTTPS with the server's own certificate (DATA/server/tls): the station and the
# CLI trust it by the key pin the server prints before its listening line.
server_pin=$(sed -n 's/^pin: \(sha256\/\/[^ ]*\)$/\1/p' "$log_dir/server.log" | head -n 1)
[ -n "$server_pin" ] || die "provstation-server printed no pin: $(cat "$log_dir/server.log")"
say "server mode: $server_url, key pin $server_pin (log $log_dir/server.log)"

# The station pairs with the server the way a factory's station PC does: a
# one-time code from the server, typed into `provstation-cli pair`. It stores
# the server's address and pin in the station's configuration and the station
# token in its secret store (here the owner-only file: a demo has no keychain).
# The server listens on a new port each run, so the station pairs each run.
station_env=(env PROVSTATION_SECRETS=file XDG_CONFIG_HOME="$station_config" PROVSTATION_DATA_DIR="$station_dir")
pair_code=$(server station pair --name line-1 | tail -n 1)
"${station_env[@]}" "$bin/provstation-cli" pair "$server_url" "$pair_code" >"$log_dir/pair.log" 2>&1 ||
  die "pairing the station failed: $(cat "$log_dir/pair.log")"
say "station paired as line-1 with code $pair_code"

# --- 5. the simulator -----------------------------------------------------------
# Devices start on firmware 0.9 so the station has an update to show.
[ -n "$seed" ] || seed=$(( $(date +%s) % 100000 ))
"$bin/provstation-sim" --devices i210plus:4,kv2c:2,node:2 --gateway-port 0 --seed "$seed" \
  --node-firmware 0.9.0.0 --host-firmware 0.9.0.0 "${faults[@]}" \
  >"$log_dir/sim.jsonl" 2>"$log_dir/sim.log" &
pids+=($!)
wait_for_line "$log_dir/sim.jsonl" '"kind":"ready"' "${pids[-1]}" "provstation-sim"
gateway_port=$(sed -n 's/.*"kind":"gateway".*"port":\([0-9]*\).*/\1/p' "$log_dir/sim.jsonl")
# One JSON line per port (keys in any order): the paths of a model's ports in a role.
ports_of() { grep '"kind":"port"' "$log_dir/sim.jsonl" | grep "\"model\":\"$1\"" | grep "\"role\":\"$2\"" |
  sed -n 's/.*"path":"\([^"]*\)".*/\1/p'; }
mapfile -t i210_ports < <(ports_of i210plus direct)
mapfile -t kv2c_fixture < <(ports_of kv2c fixture)
mapfile -t kv2c_optical < <(ports_of kv2c optical)
mapfile -t node_ports < <(ports_of node direct)
[ ${#i210_ports[@]} -eq 4 ] && [ ${#kv2c_optical[@]} -eq 2 ] && [ ${#node_ports[@]} -eq 2 ] ||
  die "unexpected simulator ports: $(cat "$log_dir/sim.jsonl")"
say "simulator: 8 devices (seed $seed), gateway 127.0.0.1:$gateway_port"

export PROVSTATION_DATA_DIR="$station_dir"
# No server, pin or token option: the pairing holds them.
cli_common=(--data-dir "$station_dir" --config-alias "$alias_name" -B 1000 -g 127.0.0.1 --control_port "$gateway_port" --station line-1)
dev_args() { for p in "$@"; do printf -- '-d\n%s\n' "$p"; done; }

say "pretest of the two kv2c meters on their fixture ports"
mapfile -t args < <(dev_args "${kv2c_fixture[@]}")
if ! "${station_env[@]}" "$bin/provstation-cli" "${cli_common[@]}" "${args[@]}" PRETEST >"$log_dir/pretest.log" 2>&1; then
  # A faulted kv2c fails here already; its slot then shows the failure too.
  say "kv2c pretest: $(grep -c '^error' "$log_dir/pretest.log") failed (see $log_dir/pretest.log)"
fi

# --- 6. the station's settings ---------------------------------------------------
{
  echo "[server]"
  echo "url=$server_url"
  echo "certificatePins=$server_pin"
  echo "[gateway]"
  echo "host=127.0.0.1"
  echo "controlPort=$gateway_port"
  echo "[station]"
  echo "name=line-1"
  echo "[job]"
  echo "configAlias=$alias_name"
  echo "batch=1000"
  echo "operation=PROVISION"
  if [ -n "$language" ]; then
    echo "[ui]"
    echo "language=$language"
  fi
  echo "[slots]"
  n=0
  slot() { # family operation port
    n=$((n + 1))
    echo "$n\\label=$n"
    echo "$n\\bind=port"
    echo "$n\\value=$3"
    echo "$n\\family=$1"
    echo "$n\\operation=$2"
  }
  for p in "${i210_ports[@]}"; do slot i210plus PROVISION "$p"; done
  for p in "${kv2c_optical[@]}"; do slot kv2c POSTTEST "$p"; done
  for p in "${node_ports[@]}"; do slot node PROVISION "$p"; done
  echo "size=$n"
} >"$ini"

# What another script needs to drive the line (take-screenshots.sh).
cat >"$data_dir/line.env" <<EOF
SERVER_URL=$server_url
SERVER_PIN=$server_pin
GATEWAY_PORT=$gateway_port
STATION_INI=$ini
STATION_DATA_DIR=$station_dir
STATION_CONFIG_HOME=$station_config
OPERATOR_PASSWORD_FILE=$cred_dir/operator.password
ADMIN_PASSWORD_FILE=$cred_dir/admin.password
CONFIG_ALIAS=$alias_name
EOF

if [ ${#printed[@]} -gt 0 ]; then
  echo
  echo "  New accounts (shown this once; also in $cred_dir, readable only by you):"
  for line in "${printed[@]}"; do echo "    $line"; done
  echo
else
  say "accounts: admin and operator; their passwords are in $cred_dir"
fi

station_cmd=("${station_env[@]}"
  "$bin/provstation" --settings "$ini" --login operator --password-file "$cred_dir/operator.password" "${start_all[@]}")

case $mode in
headless)
  say "provisioning the eight devices with provstation-cli"
  mapfile -t a < <(dev_args "${i210_ports[@]}")
  "${station_env[@]}" "$bin/provstation-cli" "${cli_common[@]}" "${a[@]}" PROVISION >"$log_dir/i210plus.log" 2>&1 &
  p1=$!
  mapfile -t b < <(dev_args "${kv2c_optical[@]}")
  "${station_env[@]}" "$bin/provstation-cli" "${cli_common[@]}" "${b[@]}" POSTTEST >"$log_dir/kv2c.log" 2>&1 &
  p2=$!
  mapfile -t c < <(dev_args "${node_ports[@]}")
  "${station_env[@]}" "$bin/provstation-cli" "${cli_common[@]}" "${c[@]}" PROVISION >"$log_dir/node.log" 2>&1 &
  p3=$!
  wait $p1 || true; wait $p2 || true; wait $p3 || true
  cat "$log_dir/i210plus.log" "$log_dir/kv2c.log" "$log_dir/node.log" | grep -E ': 0 success|^error' || true
  passed=$(cat "$log_dir/i210plus.log" "$log_dir/kv2c.log" "$log_dir/node.log" | grep -c ': 0 success' || true)
  export_file="$export_dir/device_keys.xml"
  # This run's devices only (a data folder kept from earlier runs holds more).
  node_ids=$(grep '"kind":"port"' "$log_dir/sim.jsonl" | sed -n 's/.*"nodeId":"\(0x[0-9A-Fa-f]*\)".*/\1/p' |
    sort -u | paste -sd, -)
  server export --config-alias "$alias_name" --node-ids "$node_ids" -o "$export_file" >"$log_dir/export.log" 2>&1 ||
    die "export failed: $(cat "$log_dir/export.log")"
  keys=$(grep -c '<device ' "$export_file" || true)
  say "$passed of 8 devices passed; $export_file holds $keys device keys"
  [ "$passed" -eq 8 ] && [ "$keys" -eq 8 ] || exit 1
  ;;
nostation)
  say "line is up; open the station with:"
  echo "  $(printf '%q ' "${station_cmd[@]}")"
  say "ready (Ctrl-C stops the simulator and the server)"
  while true; do sleep 3600 & wait $! || true; done
  ;;
window)
  say "opening the station window: click \"Start all idle\"; then the toolbar's \"Server mode\" (admin, password above) to export the keys"
  "${station_cmd[@]}" >"$log_dir/station.log" 2>&1 &
  pids+=($!)
  wait "${pids[-1]}" || true
  ;;
esac
