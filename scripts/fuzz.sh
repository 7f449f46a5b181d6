#!/usr/bin/env bash
# Fuzz every target in fuzz/ for SECONDS each (default 60) and print a summary.
#
#   scripts/fuzz.sh 60            # every target, a minute each
#   scripts/fuzz.sh 300 dateline  # one target
#
# cargo-fuzz builds with -Zsanitizer=address, which needs a nightly compiler. With a nightly
# toolchain installed (`rustup toolchain list`) it is used as is; with only stable, the stable
# compiler is told to accept nightly flags (RUSTC_BOOTSTRAP=1) and fuzzes without a sanitizer,
# which still finds panics, overflows, hangs and runaway memory in this forbid(unsafe) code.
# Crashing inputs land in fuzz/artifacts/TARGET/; replay one with
#   cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -uo pipefail

seconds=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "installing cargo-fuzz…" >&2
    cargo install cargo-fuzz --locked || exit 1
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
    how="nightly, AddressSanitizer"
    sanitizer=()
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
    how="stable with RUSTC_BOOTSTRAP=1, no sanitizer"
    sanitizer=(--sanitizer none)
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <("${fuzz[@]}" list)
fi

# Seed corpora from the test fixtures (stories, broken and bad files); libFuzzer adds to them.
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    find tests/fixtures -type f -size -64k -exec cp -n {} "$corpus/" \; 2>/dev/null
done

echo "fuzzing ${#targets[@]} target(s) for ${seconds}s each ($how)" >&2
"${fuzz[@]}" build "${sanitizer[@]}" || exit 1

summary=()
status=0
for target in "${targets[@]}"; do
    log="fuzz/$target.log"
    start=$(date +%s)
    "${fuzz[@]}" run "${sanitizer[@]}" "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        >"$log" 2>&1
    code=$?
    took=$(( $(date +%s) - start ))
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
    if [ "$code" -eq 0 ]; then
        result="ok"
    else
        status=1
        artifact=$(grep -Eo 'artifacts/[^ ]+' "$log" | tail -1)
        result="FAILED (exit $code) ${artifact:-see $log}"
    fi
    summary+=("$(printf '%-18s %6ss %10s runs  cov %-6s %s' "$target" "$took" "${runs:-?}" "${cov:-?}" "$result")")
done

total=$(( seconds * ${#targets[@]} ))
echo
echo "fuzzed $((total / 60))m$((total % 60))s in all"
echo "target             time        runs  coverage  result"
printf '%s\n' "${summary[@]}"
exit $status
