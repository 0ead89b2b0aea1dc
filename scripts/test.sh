#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs the test suite (what CI runs):
#   1. installs the Debian packages (scripts/setup-deps.sh),
#   2. starts PostgreSQL for the database tests,
#   3. builds the Debian packages with the tests in the same build, warnings as
#      errors (scripts/package.sh --with-tests, build-deb/cmake), and runs ctest
#      there: the tests exercise the objects that are packaged,
#   4. installs the packages on a clean Debian 12 root and uses them there
#      (scripts/install-test.sh --no-build).
# Options:
#   --quick        a plain build in build/ and its tests only (no packages)
#   --sanitize     then an ASan+UBSan build in build-asan/ and its tests
#   --fuzz         then each libFuzzer target for a bounded time (scripts/fuzz.sh)
#   --full         both (before a release, or a change to parsers or memory handling)
#   --no-install-test
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0; fuzz=0; sanitize=0; install_test=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --no-install-test) install_test=0 ;;
    --sanitize) sanitize=1 ;;
    --fuzz) fuzz=1 ;;
    --full) sanitize=1; fuzz=1 ;;
    --no-fuzz) fuzz=0 ;;
    --no-sanitize) sanitize=0 ;;
    *) echo "unknown option $a" >&2; exit 3 ;;
  esac
done

jobs=${JOBS:-2}
t0=$(date +%s)
# Wall seconds since the start, and the CPU seconds of everything this script
# has run so far (cutime + cstime of /proc/$$/stat, in clock ticks), so a slow
# CI says which stage ate it.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($16 + $17) / hz }' "/proc/$$/stat"; }
stamp() { echo "== $(( $(date +%s) - t0 ))s wall, $(cpu_seconds)s cpu: $*"; }

scripts/setup-deps.sh
eval "$(scripts/start-postgres.sh)"
export PROVSTATION_TEST_PG_URL PGPASSWORD

run_tests() {
  stamp "test $1"
  (cd "$1" && ctest --output-on-failure -j "$jobs" --timeout 600)
}

build_and_test() {
  local dir=$1; shift
  stamp "configure $dir"
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROVSTATION_WERROR=ON "$@" >/dev/null
  stamp "build $dir"
  cmake --build "$dir" -j "$jobs"
  run_tests "$dir"
}

if [ $quick -eq 1 ]; then
  # Line tables only (-g1): backtraces keep file:line, and the build spends a
  # quarter less time writing debug information (measured per translation unit).
  build_and_test build -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
else
  # One build for the packages and the tests (Debian's hardening flags, -O2 -g1).
  stamp "packages with tests (build-deb/cmake)"
  JOBS=$jobs scripts/package.sh --with-tests
  run_tests build-deb/cmake
  if [ $install_test -eq 1 ]; then
    stamp "install test"
    scripts/install-test.sh --no-build
  fi
fi
if [ $sanitize -eq 1 ]; then
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # -O1, as AddressSanitizer's documentation advises: ASan+UBSan at -O2 -g took
  # 1.7-2.4x the compile time of -O1 -g1 per translation unit (measured).
  build_and_test build-asan -DPROVSTATION_SANITIZE=ON -DPROVSTATION_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
  unset ASAN_OPTIONS UBSAN_OPTIONS
fi
if [ $fuzz -eq 1 ]; then
  stamp "fuzz"
  scripts/fuzz.sh
fi
stamp "all tests passed"
