#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan) in
# build-fuzz and runs each for FUZZ_SECONDS (default 20), JOBS (default 2) at a
# time: fifteen targets take 150 s on CI's 2 cores; the build from scratch,
# without ccache, is 90 s of CPU, about 50 s: about 3.5 minutes in all. Fails on any crash, leak or sanitizer
# report, timeout (> 5 s for one input) or more than 512 MB of memory. Corpora
# grow in build-fuzz/corpus/<target>, seeded with the protocol vectors below;
# committed seeds in tests/fuzz/corpus/<target> are read too (never written),
# and tests/fuzz/<name>.dict is used as the dictionary of fuzz_<name>.
#   FUZZ_SECONDS=300 scripts/fuzz.sh            # longer
#   scripts/fuzz.sh fuzz_orw                    # one target
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=${JOBS:-2}
targets=(fuzz_none fuzz_orw fuzz_reliable fuzz_psem_packet fuzz_psem_responder fuzz_psem_client
    fuzz_nodehost_request fuzz_nodehost_response fuzz_sim_device fuzz_manifest fuzz_gateway_keys fuzz_domain
    fuzz_http_request fuzz_http_chunked fuzz_multipart)
[ $# -gt 0 ] && targets=("$@")

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_CXX_COMPILER=clang++ \
    -DPROVSTATION_FUZZ=ON -DPROVSTATION_WERROR=ON -DPROVSTATION_BUILD_GUI=ON \
    -DPROVSTATION_BUILD_BENCH=OFF -DPROVSTATION_PCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

seed() { # seed <target> <name> <hex>
    local dir="$build/corpus/$1"
    mkdir -p "$dir"
    [ -e "$dir/$2" ] || printf '%s' "$3" | xxd -r -p > "$dir/$2"
}
# Chunk-size byte first (see FuzzSupport.h), then frames.
seed fuzz_none frame   "007e47030001020323a27e000000cc9c"
seed fuzz_orw frame    "0007004701020354040000" 
seed fuzz_reliable ack "057e02068100007e7c7e01050303000b1baabbcc6cf6"
seed fuzz_psem_packet identify "03ee000000000120131006ee0000000005000001000000c6b515"
seed fuzz_psem_packet partial  "ffee0020000008" 
seed fuzz_psem_responder session "03012001613f00170000000008"
# Flags (valid session first), then length-prefixed responses: Write OK, a tunnel read, an empty one.
seed fuzz_psem_client tunnel "0101000b0000074701813412000ae701000400000000"
# Node/host requests: version 1, opcode, tag (LE), body (node-host-protocol.md).
seed fuzz_nodehost_request identify   "01010201"
seed fuzz_nodehost_request begin      "01100300010100001000007856341201000200030004004500000000000000"
seed fuzz_nodehost_request block      "0111040001000000000011223344556677"
seed fuzz_nodehost_request end        "0112050002"
seed fuzz_nodehost_request writekey   "01200600010123456789abcdef0123456789abcdef"
seed fuzz_nodehost_request verifykey  "012107001000112233445566778899aabbccddeeff"
seed fuzz_nodehost_request lock       "01300800"
# Responses: version, opcode|0x80, tag, status, body.
seed fuzz_nodehost_response node      "018101000000a00100010001000200030004000102450000000000000000"
seed fuzz_nodehost_response host      "0182020000080011223344556677000100010002000300040001450000000000000001"
seed fuzz_nodehost_response meter     "01830300000a38324a58353730313431"
seed fuzz_nodehost_response begin     "0190040000000000000010"
seed fuzz_nodehost_response block     "019105000000100000"
seed fuzz_nodehost_response mismatch  "019106001700080000"
seed fuzz_nodehost_response cmac      "01a107000000112233445566778899aabbccddeeff"
seed fuzz_nodehost_response refused   "01b0080005"
seed fuzz_nodehost_response version   "0281090003"
# The simulated device: flags, then <channel|len hi><len lo><request>: identify, a
# whole 8-byte firmware transfer, a key write and check, host identify, meter link, lock.
seed fuzz_sim_device session "00000401010100001f01100200010100080000009f68aa8802000000000001000000000000000000001101110300010000000000010203040506070005011204000100150120050003000102030405060708090a0b0c0d0e0f0015012106000300000000000000000000000000000000800401020700800401030800800401300900"

# A smaller quarantine than the default 256 MB keeps long runs under -rss_limit_mb.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# One fuzzer per core (JOBS at a time): each is single-threaded, and CI's
# 2 cores would otherwise idle one of them for the whole stage.
run_one() { # target -> prints one line; exit status 0 = no finding
    local t=$1
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
    local log="$build/$t.log"
    local extra=()
    [ -d "$root/tests/fuzz/corpus/$t" ] && extra+=("$root/tests/fuzz/corpus/$t")
    [ -f "$root/tests/fuzz/${t#fuzz_}.dict" ] && extra+=("-dict=$root/tests/fuzz/${t#fuzz_}.dict")
    if "$build/fuzz/$t" "$build/corpus/$t" "${extra[@]}" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=5 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" >"$log" 2>&1; then
        local execs rate cov
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
        rate=$(( execs / (seconds > 0 ? seconds : 1) ))
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
        echo "fuzz: $t ok, $execs runs in ${seconds}s (~$rate/s), $cov"
    else
        echo "fuzz: $t FAILED (log: $log, inputs: $build/artifacts/$t/)" >&2
        tail -40 "$log" >&2
        return 1
    fi
}
status=0
pids=()
names=()
for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
    names+=("$t")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
        names=("${names[@]:1}")
    fi
done
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
exit $status
