#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS: `Fuzz/run.sh TARGET SECONDS [libFuzzer flags...]`.
# Builds it first (Fuzz/build.sh), starts from the checked-in seeds in Fuzz/corpus/TARGET and
# grows a working corpus in .build-fuzz/corpus/TARGET (the checked-in seeds are not touched).
# A crash, leak or timeout leaves its input in .build-fuzz/artifacts/TARGET/ and exits non-zero.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: Fuzz/run.sh TARGET SECONDS [libFuzzer flags...]" >&2; exit 64; fi
target=$1 seconds=$2; shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_BUILD:-$root/.build-fuzz}"
[ -d "$root/Fuzz/corpus/$target" ] || { echo "run.sh: no seed corpus for '$target'" >&2; exit 64; }
[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] || "$root/Fuzz/build.sh" "$target"
work="$out/corpus/$target" artifacts="$out/artifacts/$target"
mkdir -p "$work" "$artifacts"
# ASan: leaks are reported (Swift globals are not leaks); a finding aborts with a non-zero exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
exec "$out/fuzz-$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$work" "$root/Fuzz/corpus/$target"
