#!/usr/bin/env bash
# The README's main-job command, headless: scripts/run-line.sh brings up server
# mode (SQLite), imports the demo package, starts the simulator's mixed line
# (4 x i210plus, 2 x kv2c, 2 x node) and provisions the eight devices with
# provstation-cli. This test does not trust the script's own verdict: it checks
# the export itself (eight devices, exactly the simulator's node IDs, valid
# against device_keys.xsd, every node root key and eMCM app key decrypting with
# the demo's private keys as the contract's openssl command does), the
# owner-only credentials, and that a second run on the same data folder reuses
# the accounts and the package.
# Usage: tst_runline.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1; build=$2
work=$(mktemp -d)
line=""; sm=""
cleanup() {
  # A failed check must not leave a line (server, simulator, window) running.
  for pid in $line $sm; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
data="$work/line"

run() {
  local out=$1
  if ! "$src/scripts/run-line.sh" --headless --no-setup --no-build --build-dir "$build" --data-dir "$data" >"$out" 2>&1; then
    cat "$out" >&2
    for f in "$data"/logs/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done
    fail "run-line.sh --headless exited non-zero"
  fi
  # The server and the simulator it started are gone (their command lines name the data folder).
  sleep 0.5
  if pgrep -f -- "$data/" >/dev/null; then
    ps -o pid,args -p "$(pgrep -d, -f -- "$data/")" >&2
    fail "processes of the line outlived run-line.sh"
  fi
}

run "$work/first.out"
cat "$work/first.out"
[ "$(grep -c ': 0 success' "$work/first.out")" -eq 8 ] || fail "not eight devices passed"
grep -q '^error' "$work/first.out" && fail "an error line in a clean run"

# Credentials: printed once, stored owner-only.
grep -Eq '^ +admin +[A-Za-z0-9+/=]{20,}$' "$work/first.out" || fail "the admin password was not printed"
for f in admin.password operator.password; do
  [ -s "$data/credentials/$f" ] || fail "credentials/$f missing"
  [ "$(stat -c %a "$data/credentials/$f")" = 600 ] || fail "credentials/$f is not 0600"
done
[ "$(stat -c %a "$data/credentials")" = 700 ] || fail "credentials/ is not 0700"

# The station was paired by a one-time code: the server's address and pin in its
# configuration, the token in its owner-only secret file (no keychain here).
pairing="$data/station-config/provstation/station-server.json"
token_file="$data/station-config/ProvStation/provstation/secrets/station-token"
grep -q '"pin" *: *"sha256//' "$pairing" || fail "the station's pairing holds no server pin: $(cat "$pairing" 2>&1)"
[ -s "$token_file" ] || fail "the paired station has no token file"
[ "$(stat -c %a "$token_file")" = 600 ] || fail "the station's token file is not 0600"

# The station settings bind the eight slots to the simulator's ports.
[ "$(grep -c '\\bind=port' "$data/station.ini")" -eq 8 ] || fail "station.ini does not bind eight slots"
grep -q '^configAlias=DEMO-0045$' "$data/station.ini" || fail "configuration not preselected"

# The export: eight devices, the simulator's node IDs.
xml="$data/export/device_keys.xml"
[ "$(grep -c '<device ' "$xml")" -eq 8 ] || fail "export does not hold eight devices"
grep -q 'count="8"' "$xml" || fail "export count is not 8"
sim_ids=$(grep '"kind":"port"' "$data/logs/sim.jsonl" | sed -n 's/.*"nodeId":"\(0x[0-9A-Fa-f]*\)".*/\1/p' | tr a-f A-F | sed 's/^0X/0x/' | sort -u)
xml_ids=$(sed -n 's/.*<device nodeId="\(0x[0-9A-Fa-f]*\)".*/\1/p' "$xml" | tr a-f A-F | sed 's/^0X/0x/' | sort -u)
[ "$sim_ids" = "$xml_ids" ] || fail "exported node IDs differ from the simulator's: $xml_ids vs $sim_ids"
xsd="$src/schemas/device_keys.xsd"
xmllint --noout --schema "$xsd" "$xml" || fail "export does not validate against $xsd"

# Every key decrypts with the contract's command and the demo's private keys.
decrypt() { # KEY.pem < ciphertext
  openssl pkeyutl -decrypt -inkey "$1" -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 \
    -pkeyopt rsa_mgf1_md:sha256 | wc -c
}
roots=0
while read -r b64; do
  n=$(echo "$b64" | base64 -d | decrypt "$data/demo/kms.pem") || fail "a node root key does not decrypt"
  [ "$n" -eq 16 ] || fail "a node root key is $n bytes, not 16"
  roots=$((roots + 1))
done < <(sed -n 's/.*<nodeRootKey[^>]*>\([^<]*\)<.*/\1/p' "$xml")
[ $roots -eq 8 ] || fail "$roots node root keys, not 8"
apps=0
while read -r hex; do
  n=$(printf '%s' "$hex" | perl -ne 'print pack("H*", $_)' | decrypt "$data/demo/hes.pem") ||
    fail "an app key does not decrypt"
  [ "$n" -gt 0 ] || fail "an empty app key"
  apps=$((apps + 1))
done < <(grep -o '<app [^>]*key="[0-9A-F]*"' "$xml" | sed 's/.*key="\([0-9A-F]*\)"/\1/')
# i210plus and kv2c carry an eMCM (6 devices); bare nodes have no app.
[ $apps -eq 6 ] || fail "$apps app keys, not 6"

# Nothing secret in the logs the script keeps.
for secret in "$data/credentials/admin.password" "$data/credentials/operator.password" "$token_file"; do
  if grep -rqF -- "$(cat "$secret")" "$data/logs"; then fail "a secret of $(basename "$secret") is in the logs"; fi
done

# A second run reuses the accounts and the package, and prints no password.
run "$work/second.out"
[ "$(grep -c ': 0 success' "$work/second.out")" -eq 8 ] || fail "second run: not eight devices passed"
grep -q 'New accounts' "$work/second.out" && fail "second run created accounts again"
grep -q 'imported the demo package' "$work/second.out" && fail "second run imported the package again"
[ "$(grep -c '<device ' "$xml")" -eq 8 ] || fail "second run: export of this run's devices is not eight"

# 3. The station window itself (the provstation binary, offscreen platform): it
# logs in as the operator, starts the eight slots by itself (--start-all), they
# pass and their keys reach the server; SIGTERM ends the line and its window.
if [ -x "$build/bin/provstation" ]; then
  win_out="$work/window.out"
  QT_QPA_PLATFORM=offscreen "$src/scripts/run-line.sh" --no-setup --no-build --build-dir "$build" --data-dir "$data" \
    --start-all >"$win_out" 2>&1 &
  line=$!
  for _ in $(seq 1 300); do
    grep -q 'opening the station window' "$win_out" && break
    kill -0 $line 2>/dev/null || { cat "$win_out" >&2; fail "run-line.sh (window) exited before the window"; }
    sleep 0.2
  done
  touch "$work/window-started"
  runlogs="$data/station/runlogs"
  ended=0
  for _ in $(seq 1 180); do
    ended=$(find "$runlogs" -name '*.log' -newer "$work/window-started" -exec grep -lE 'result [0-9]+: ' {} + 2>/dev/null |
      wc -l || true)
    [ "$ended" -ge 8 ] && break
    kill -0 $line 2>/dev/null || { cat "$win_out" "$data/logs/station.log" >&2; fail "the station window exited"; }
    sleep 1
  done
  [ "$ended" -ge 8 ] || { cat "$data/logs/station.log" >&2; fail "the window finished $ended of 8 runs in 180 s"; }
  passed=$(find "$runlogs" -name '*.log' -newer "$work/window-started" -exec grep -l 'result 0: ' {} + | wc -l)
  if [ "$passed" -ne 8 ]; then
    find "$runlogs" -name '*.log' -newer "$work/window-started" -exec grep -L 'result 0: ' {} + | xargs cat >&2
    fail "the window passed $passed of 8 devices"
  fi
  # The eight new devices' keys are on the server (the last line of each run log names the node).
  ids=$(find "$runlogs" -name '*.log' -newer "$work/window-started" -exec grep -ohE 'node 0x[0-9A-Fa-f]{8}' {} + |
    sed 's/node //' | sort -u | paste -sd, -)
  "$build/bin/provstation-server" --data-dir "$data/server" --master-key-file "$data/server/master.key" export \
    --config-alias DEMO-0045 --node-ids "$ids" -o "$work/window_keys.xml" >"$work/window-export.log" 2>&1 ||
    fail "export of the window's devices failed: $(cat "$work/window-export.log")"
  [ "$(grep -c '<device ' "$work/window_keys.xml")" -eq 8 ] || fail "the server does not hold the window's eight keys"
  kill -TERM $line
  wait $line || true
  line=""
  sleep 0.5
  if pgrep -f -- "$data/" >/dev/null; then fail "processes of the line outlived SIGTERM"; fi
  grep -q 'QFATAL\|Segmentation\|ASSERT' "$data/logs/station.log" && fail "the window did not end cleanly"

  # Server mode: `provstation --server` runs its own provstation-server, and a
  # SIGTERM to the window stops that server too (no orphan holding the database).
  port=0
  for _ in $(seq 1 50); do # a free port (bash's /dev/tcp: nothing to install)
    candidate=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ $port -ne 0 ] || fail "no free port"
  QT_QPA_PLATFORM=offscreen HOME="$work" "$build/bin/provstation" --server --data-dir "$work/servermode" \
    --listen "127.0.0.1:$port" >"$work/servermode.out" 2>&1 &
  sm=$!
  up=0
  # HTTPS by default, with the certificate the server made in its data folder.
  for _ in $(seq 1 100); do
    if [ -f "$work/servermode/tls/server.crt" ] &&
      curl -sf --cacert "$work/servermode/tls/server.crt" "https://localhost:$port/api/v1/health" >/dev/null 2>&1
    then up=1; break; fi
    sleep 0.2
  done
  [ $up -eq 1 ] || { cat "$work/servermode.out" >&2; fail "provstation --server did not serve /api/v1/health over HTTPS"; }
  kill -TERM $sm
  code=0; wait $sm || code=$?
  sm=""
  [ $code -eq 0 ] || fail "provstation --server exited $code on SIGTERM"
  if pgrep -f -- "$work/servermode" >/dev/null; then fail "provstation-server outlived server mode's window"; fi
fi
echo "PASS: eight devices provisioned twice, export checked; the window provisioned eight more"
