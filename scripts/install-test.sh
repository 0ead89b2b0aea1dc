#!/usr/bin/env bash
# Installs the Debian packages on a clean Debian 12 root and uses them the way a
# factory does, with installed programs only:
#   1. builds the packages and runs lintian (scripts/package.sh; --no-build
#      takes dist/ as it is),
#   2. makes a minimal Debian 12 root (debootstrap --variant=minbase, cached as a
#      tarball), mounts /dev, /dev/pts and /proc into it,
#   3. apt-get installs the packages (Depends only, no Recommends),
#   4. checks --version and --help of every program (no display), the systemd
#      unit (systemd-analyze verify, security exposure <= 4.0), that no file
#      lies under /usr/local or /home, and the installed sizes,
#   5. starts the server as its unit does (User=, ExecStart=, plus --listen on a
#      free port): its own TLS certificate and a "pin: sha256//..." line,
#   6. pairs a station user with a code from "provstation-server station pair",
#   7. imports a demo package and provisions one simulated device with
#      provstation-cli, given no server, pin or token option.
# Each step prints PASS, FAIL or SKIP (when a step it needs failed); the summary
# names the failed ones; exit code 1 when one failed. Needs root (debootstrap,
# chroot, mount): run as another user, it builds the packages and then re-runs
# itself with sudo.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/install-test.sh [--no-build] [--keep-root]
  --no-build    test the packages in dist/ as they are
  --keep-root   leave the Debian root in place for a look (its path is printed)
Environment: PROVSTATION_BUILD_DIR (scripts/package.sh's work folder),
PROVSTATION_ROOT_CACHE (folder of the cached Debian root tarball, default
/var/cache/provstation-install-test), DEBIAN_MIRROR (default
http://deb.debian.org/debian).
EOF
}

build=1; keep_root=0
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --keep-root) keep_root=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-test: unknown option $a (see --help)" >&2; exit 3 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "install-test: $*"; }
die() { echo "install-test: $*" >&2; exit 1; }

if [ $build -eq 1 ]; then
  "$repo/scripts/package.sh"
fi
if [ "$(id -u)" -ne 0 ]; then
  again=(--no-build)
  [ $keep_root -eq 0 ] || again+=(--keep-root)
  exec sudo --preserve-env=PROVSTATION_BUILD_DIR,PROVSTATION_ROOT_CACHE,DEBIAN_MIRROR "$0" "${again[@]}"
fi

mapfile -t debs < <(find "$repo/dist" -maxdepth 1 -name 'provstation*.deb' ! -name '*-dbgsym_*' | sort)
[ ${#debs[@]} -gt 0 ] || die "no packages in $repo/dist: run scripts/package.sh"

host_tools=()
command -v debootstrap >/dev/null || host_tools+=(debootstrap)
command -v systemd-analyze >/dev/null || host_tools+=(systemd)
if [ ${#host_tools[@]} -gt 0 ]; then
  say "installing ${host_tools[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${host_tools[@]}" >/dev/null
fi

# --- the Debian 12 root -------------------------------------------------------
# debootstrap takes a minute or two: its result is kept as a tarball and
# unpacked for every run (made again when older than a week).
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${PROVSTATION_ROOT_CACHE:-/var/cache/provstation-install-test}
tarball="$cache/bookworm-minbase.tar.gz"
mkdir -p "$cache"
if [ ! -s "$tarball" ] || [ -n "$(find "$tarball" -mtime +7)" ]; then
  say "debootstrap --variant=minbase bookworm (cached in $tarball afterwards)"
  fresh=$(mktemp -d /var/tmp/provstation-debootstrap.XXXXXX)
  if ! debootstrap --variant=minbase bookworm "$fresh" "$mirror" >"$cache/debootstrap.log" 2>&1; then
    tail -n 20 "$cache/debootstrap.log" >&2
    rm -rf --one-file-system "$fresh"
    die "debootstrap failed (log: $cache/debootstrap.log)"
  fi
  rm -f "$fresh"/var/cache/apt/archives/*.deb
  tar -C "$fresh" -czf "$tarball.part" . && mv "$tarball.part" "$tarball"
  rm -rf --one-file-system "$fresh"
fi

root=$(mktemp -d /var/tmp/provstation-root.XXXXXX)
mounts=()
# The programs started in the root (server, simulator), found by their root folder.
in_root_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
  done
  return 0
}
cleanup() {
  local code=$? pid
  trap - EXIT INT TERM
  for pid in $(in_root_pids); do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in $(in_root_pids); do kill -KILL "$pid" 2>/dev/null || true; done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true
  done
  if grep -q " $root/" /proc/mounts; then
    echo "install-test: something is still mounted below $root; not removing it" >&2
  elif [ $keep_root -eq 1 ]; then
    echo "install-test: the root stays in $root"
  else
    rm -rf --one-file-system "$root"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tar -C "$root" -xzf "$tarball"
chmod 755 "$root"   # mktemp's 0700 would keep every user but root out of /
mount_in() { mount "$@"; mounts+=("${!#}"); }
mount_in --bind /dev "$root/dev"
mount_in --bind /dev/pts "$root/dev/pts"
mount_in -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# apt in the root goes through the host's proxy, if it has one.
proxy_env=()
for v in http_proxy https_proxy no_proxy; do
  [ -z "${!v:-}" ] || proxy_env+=("$v=${!v}")
done
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "${proxy_env[@]}" "$@"; }
# A command as USER with that user's home, as a login on a station PC would run it.
as_user() {
  local user=$1; shift
  local home; home=$(in_root getent passwd "$user" | cut -d: -f6)
  chroot --userspec="$user:$user" "$root" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$home" USER="$user" "$@"
}

# --- steps ----------------------------------------------------------------------
declare -A result
order=()
# Logs of the programs, and what one step hands the next (state/NAME).
log_dir="$root/tmp/install-test"
state="$log_dir/state"
mkdir -p "$state"
# step NAME NEEDS FUNCTION: runs FUNCTION in a subshell with errexit, unless a
# step named in NEEDS did not pass; its output goes to the console indented.
step() {
  local name=$1 needs=$2 fn=$3 n rc
  order+=("$name")
  for n in $needs; do
    if [ "${result[$n]:-}" != PASS ]; then
      result[$name]=SKIP
      say "SKIP $name (needs $n)"
      return 0
    fi
  done
  say "---- $name"
  set +e
  (set -e; "$fn") 2>&1 | sed -u 's/^/    /'
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -eq 0 ]; then result[$name]=PASS; else result[$name]=FAIL; fi
  say "${result[$name]} $name"
}
fail() { echo "$*" >&2; return 1; }

install_packages() {
  mkdir -p "$root/tmp/debs"
  cp "${debs[@]}" "$root/tmp/debs/"
  in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ./tmp/debs/*.deb' \
    >"$log_dir/apt.log" 2>&1 || { tail -n 30 "$log_dir/apt.log"; return 1; }
  in_root dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB\n' 'provstation*'
  in_root useradd --create-home --shell /bin/bash station
}

programs=(provstation provstation-cli provstation-server provstation-pack provstation-sim)
# --version prints "NAME VERSION", --help mentions NAME; both exit 0 with no display.
program_help() {
  local p out bad=0
  for p in "${programs[@]}"; do
    if ! out=$(as_user station "$p" --version 2>&1); then
      echo "$p --version failed: $out"; bad=1; continue
    fi
    [[ "$(head -n 1 <<<"$out")" =~ ^$p\ [0-9] ]] || { echo "$p --version printed: $out"; bad=1; }
    if ! out=$(as_user station "$p" --help 2>&1); then
      echo "$p --help failed: $(tail -n 3 <<<"$out")"; bad=1; continue
    fi
    grep -q -- "$p" <<<"$out" || { echo "$p --help does not name $p"; bad=1; }
    echo "$p: $(head -n 1 <<<"$(as_user station "$p" --version)") (--help: $(wc -l <<<"$out") lines)"
  done
  return $bad
}

unit=/lib/systemd/system/provstation-server.service
unit_verify() {
  [ -f "$root$unit" ] || fail "$unit is not installed"
  # The targets the unit names come with systemd, which a minbase root lacks
  # and a server has: installed after the packages, which must not need it.
  in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd' \
    >"$log_dir/apt-systemd.log" 2>&1 || { tail -n 20 "$log_dir/apt-systemd.log"; return 1; }
  # --man=no: the man page is in the root, where the host's man does not look (checked below).
  systemd-analyze verify --man=no --root="$root" "$unit"
  [ -f "$root/usr/share/man/man1/provstation-server.1.gz" ] || fail "the unit's Documentation= man page is missing"
}
unit_security() {
  local out score
  out=$(systemd-analyze security --offline=true --root="$root" "$unit" 2>&1) || true
  score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$out")
  [ -n "$score" ] || fail "no exposure level in: $out"
  echo "exposure level $score (at most 4.0)"
  grep '✗' <<<"$out" || true
  awk -v s="$score" 'BEGIN { exit !(s <= 4.0) }'
}

no_stray_files() {
  local pkg bad=0
  for pkg in $(in_root dpkg-query -W -f='${Package}\n' 'provstation*'); do
    if in_root dpkg -L "$pkg" | grep -E '^/(usr/local|home)(/|$)'; then
      echo "$pkg installs the files above"; bad=1
    fi
  done
  return $bad
}

# The server as the unit starts it: User= and ExecStart= read from the unit.
unit_value() { sed -n "s/^$1=//p" "$root$unit" | tail -n 1; }
server_start() {
  local service_user exec_start port
  service_user=$(unit_value User)
  read -r -a exec_start <<<"$(unit_value ExecStart)"
  [ -n "$service_user" ] && [ ${#exec_start[@]} -gt 0 ] || fail "no User= or ExecStart= in $unit"
  in_root getent passwd "$service_user" >/dev/null || fail "the unit's user $service_user does not exist"
  port=$(perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1")->sockport')
  echo "$service_user" >"$state/service-user"
  printf '%s\n' "${exec_start[@]}" >"$state/exec-start"
  echo "$port" >"$state/port"
  echo "as $service_user: ${exec_start[*]} --listen 127.0.0.1:$port"
  # MemoryDenyWriteExecute= of the unit, as the kernel's PR_SET_MDWE where
  # there is one (Linux >= 6.3): Qt must run with it.
  local mdwe=()
  if command -v python3 >/dev/null &&
    python3 -c 'import ctypes, sys; sys.exit(ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0)' 2>/dev/null; then
    mdwe=(python3 -c 'import ctypes, os, sys; ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) == 0 or sys.exit("prctl"); os.execvp(sys.argv[1], sys.argv[1:])')
    echo "with write-or-execute memory (PR_SET_MDWE), as MemoryDenyWriteExecute=yes"
  fi
  (umask 077; exec "${mdwe[@]}" setpriv --no-new-privs \
     chroot --userspec="$service_user:$service_user" "$root" \
     env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/var/lib/provstation \
     "${exec_start[@]}" --listen "127.0.0.1:$port") >"$log_dir/server.log" 2>&1 &
  local pid=$! i
  for i in $(seq 1 300); do
    grep -q '^pin: sha256//' "$log_dir/server.log" && break
    kill -0 $pid 2>/dev/null || { cat "$log_dir/server.log"; fail "the server exited"; }
    sleep 0.1
  done
  cat "$log_dir/server.log"
  grep -q '^pin: sha256//' "$log_dir/server.log" || fail "no 'pin: sha256//...' line within 30 s"
}
# provstation-server's subcommands with the unit's options (--config ...), as its user.
server_cmd() {
  local exec_start
  mapfile -t exec_start <"$state/exec-start"
  as_user "$(cat "$state/service-user")" "${exec_start[@]}" "$@"
}

station_pair() {
  local out code
  out=$(server_cmd station pair --name st1) || { echo "$out"; fail "provstation-server station pair failed"; }
  code=$(tail -n 1 <<<"$out")
  [ -n "$code" ] || fail "station pair printed no code"
  as_user station provstation-cli pair "https://127.0.0.1:$(cat "$state/port")" "$code"
}

demo_import() {
  as_user station provstation-pack demo --out-dir /tmp/demo >"$log_dir/pack.log" 2>&1 ||
    { cat "$log_dir/pack.log"; return 1; }
  chmod -R a+rX "$root/tmp/demo"
  server_cmd import --passphrase-file /tmp/demo/passphrase.txt --comment "install test" /tmp/demo/demo-package.tar.gz
}

provision() {
  local sim_log="$log_dir/sim.jsonl" i pty gateway
  as_user station provstation-sim --devices node:1 --gateway-port 0 --join-delay 0.2 \
    >"$sim_log" 2>"$log_dir/sim.log" &
  local pid=$!
  for i in $(seq 1 300); do
    grep -q '"kind":"ready"' "$sim_log" && break
    kill -0 $pid 2>/dev/null || { cat "$log_dir/sim.log"; fail "provstation-sim exited"; }
    sleep 0.1
  done
  pty=$(grep '"kind":"port"' "$sim_log" | sed -n 's/.*"path":"\([^"]*\)".*/\1/p' | head -n 1)
  gateway=$(sed -n 's/.*"kind":"gateway".*"port":\([0-9]*\).*/\1/p' "$sim_log")
  [ -n "$pty" ] && [ -n "$gateway" ] || fail "no port or gateway from provstation-sim: $(cat "$sim_log")"
  echo "simulated node on $pty, gateway 127.0.0.1:$gateway"
  as_user station provstation-cli --meter node -d "$pty" --config-alias DEMO-0045 -B 1000 \
    -g 127.0.0.1 --control_port "$gateway" PROVISION
}

step install "" install_packages
step program-help "install" program_help
step unit-verify "install" unit_verify
step unit-security "install" unit_security
step no-stray-files "install" no_stray_files
step server-start "install" server_start
step station-pair "server-start" station_pair
step demo-import "server-start" demo_import
step provision "station-pair demo-import" provision

echo
say "summary"
failed=()
for name in "${order[@]}"; do
  printf '  %-16s %s\n' "$name" "${result[$name]}"
  [ "${result[$name]}" != FAIL ] || failed+=("$name")
done
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]} (logs of the programs: $log_dir, kept with --keep-root)"
say "all steps passed"
