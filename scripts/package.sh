#!/usr/bin/env bash
# Builds ProvStation's Debian packages into dist/ (Debian 12):
#   provstation          the station window
#   provstation-cli      the command-line station
#   provstation-server   the server and its systemd service
#   provstation-tools    provstation-pack and provstation-sim
#   provstation-common   libprovcore and the meter plugins
# and their -dbgsym packages, then runs lintian on every .deb (an error fails).
#
# It installs what the build needs (apt-get; root or sudo), copies the sources
# (what git tracks, plus new files not ignored) into a staging folder with
# installer/debian as its debian/, and runs dpkg-buildpackage there
# (debhelper, installer/debian/rules). The staging copy and the CMake build
# folder are kept in PROVSTATION_BUILD_DIR (default build-deb/) so a second run
# rebuilds only what changed.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/package.sh [--no-lintian] [--no-setup] [--with-tests]
  --no-lintian   do not run lintian on the packages
  --no-setup     do not install missing build dependencies
  --with-tests   build the tests too, warnings as errors, in the same CMake
                 folder ($PROVSTATION_BUILD_DIR/cmake, ctest runs there)
Environment: PROVSTATION_BUILD_DIR (work folder, default build-deb/ in the
source tree), JOBS (parallel compile jobs, default: the number of cores).
EOF
}

lintian=1; setup=1; tests=OFF
for a in "$@"; do
  case "$a" in
    --no-lintian) lintian=0 ;;
    --no-setup) setup=0 ;;
    --with-tests) tests=ON ;;
    -h|--help) usage; exit 0 ;;
    *) echo "package: unknown option $a (see --help)" >&2; exit 3 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=${PROVSTATION_BUILD_DIR:-$root/build-deb}
jobs=${JOBS:-$(nproc)}
say() { echo "package: $*"; }
die() { echo "package: $*" >&2; exit 1; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_install() {
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
apt_updated=0
apt_update() {
  [ $apt_updated -eq 1 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  apt_updated=1
}

# --- the tools ----------------------------------------------------------------
tools=(dpkg-dev debhelper git)
[ $lintian -eq 0 ] || tools+=(lintian)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ $setup -eq 1 ] || die "missing: ${missing[*]} (drop --no-setup to install them)"
  apt_update
  apt_install "${missing[@]}"
fi

# --- the version ----------------------------------------------------------------
cmake_version=$(sed -n 's/^project(ProvStation VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
deb_version=$(dpkg-parsechangelog -l "$root/installer/debian/changelog" -S Version)
[ "$cmake_version" = "$deb_version" ] ||
  die "installer/debian/changelog is at $deb_version but CMakeLists.txt at $cmake_version: add a changelog entry (dch -c installer/debian/changelog -v $cmake_version)"

# --- the staging copy -------------------------------------------------------------
# Files keep their times, so ninja in the kept build folder recompiles only
# what changed; the paths stay the same from run to run, so ccache hits too.
mkdir -p "$work"
work=$(cd "$work" && pwd)
src="$work/source"
case "$work/" in "$root"/*)
  (cd "$root" && git check-ignore -q "$work") ||
    die "PROVSTATION_BUILD_DIR=$work lies in the sources and git does not ignore it (use build-deb/ or a folder elsewhere)" ;;
esac
if [ -f "$work/cmake/CMakeCache.txt" ] && ! grep -q "^CMAKE_HOME_DIRECTORY:INTERNAL=$src\$" "$work/cmake/CMakeCache.txt"; then
  die "$work/cmake holds a CMake build of other sources: PROVSTATION_BUILD_DIR must be a folder of its own for scripts/package.sh"
fi
say "staging the sources in $src"
rm -rf "$src"
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf -) | tar -C "$src" -xf -
cp -a "$root/installer/debian" "$src/debian"

# --- build dependencies ----------------------------------------------------------------
if ! (cd "$src" && dpkg-checkbuilddeps >/dev/null 2>&1); then
  [ $setup -eq 1 ] || die "missing build dependencies: $(cd "$src" && dpkg-checkbuilddeps 2>&1 || true)"
  apt_update
  say "installing the build dependencies of installer/debian/control"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get build-dep -y -qq --no-install-recommends "$src" >/dev/null
fi

# --- build ------------------------------------------------------------------------------------
# The precompiled Qt headers (PROVSTATION_PCH) need this for ccache to cache at all.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export PROVSTATION_CMAKE_BUILD_DIR="$work/cmake"
export PROVSTATION_DEB_TESTS=$tests
rm -f "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes
say "building the packages (dpkg-buildpackage, $jobs jobs; log $work/build.log)"
start=$(date +%s)
if ! (cd "$src" && dpkg-buildpackage -b -nc -us -uc --jobs="$jobs") >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log" >&2
  die "dpkg-buildpackage failed (whole log: $work/build.log)"
fi
say "built in $(( $(date +%s) - start )) s"

mkdir -p "$root/dist"
rm -f "$root"/dist/provstation*.deb "$root"/dist/provstation*.buildinfo "$root"/dist/provstation*.changes
mv "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$root/dist/"
(cd "$root/dist" && ls -l provstation*.deb)

# --- lintian ----------------------------------------------------------------------------------
if [ $lintian -eq 1 ]; then
  say "lintian (an error fails; warnings are printed)"
  lintian --fail-on error --tag-display-limit 0 "$root"/dist/provstation*.deb
  say "lintian: no error"
fi
