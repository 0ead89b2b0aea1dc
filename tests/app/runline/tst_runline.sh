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
trap 'rm -rf "$work"' EXIT
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
for f in admin.password operator.password station.token; do
  [ -s "$data/credentials/$f" ] || fail "credentials/$f missing"
  [ "$(stat -c %a "$data/credentials/$f")" = 600 ] || fail "credentials/$f is not 0600"
done
[ "$(stat -c %a "$data/credentials")" = 700 ] || fail "credentials/ is not 0700"

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
xsd="${PROVSTATION_SHARED_DIR:-$src/../shared}/contracts/device_keys.xsd"
if [ -f "$xsd" ] && command -v xmllint >/dev/null; then
  xmllint --noout --schema "$xsd" "$xml" || fail "export does not validate against $xsd"
fi

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
for secret in "$data/credentials/admin.password" "$data/credentials/operator.password" "$data/credentials/station.token"; do
  if grep -rqF -- "$(cat "$secret")" "$data/logs"; then fail "a secret of $(basename "$secret") is in the logs"; fi
done

# A second run reuses the accounts and the package, and prints no password.
run "$work/second.out"
[ "$(grep -c ': 0 success' "$work/second.out")" -eq 8 ] || fail "second run: not eight devices passed"
grep -q 'New accounts' "$work/second.out" && fail "second run created accounts again"
grep -q 'imported the demo package' "$work/second.out" && fail "second run imported the package again"
[ "$(grep -c '<device ' "$xml")" -eq 8 ] || fail "second run: export of this run's devices is not eight"
echo "PASS: eight devices provisioned twice, export checked"
