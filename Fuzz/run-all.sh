#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, one after another: `Fuzz/run-all.sh SECONDS`.
# Exits non-zero if any target found a crash (its input is in .build-fuzz/artifacts/TARGET/).
set -uo pipefail
seconds=${1:?usage: Fuzz/run-all.sh SECONDS}
root="$(cd "$(dirname "$0")/.." && pwd)"
targets=(plain markdown delimited add anki logline snapshot repl)
"$root/Fuzz/build.sh" "${targets[@]}" || exit 1
failed=()
for t in "${targets[@]}"; do
    echo "== fuzz-$t for ${seconds}s" >&2
    if ! FUZZ_SKIP_BUILD=1 "$root/Fuzz/run.sh" "$t" "$seconds" 2> >(tail -n 40 >&2); then failed+=("$t"); fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "fuzzing found crashes in: ${failed[*]}" >&2; exit 1; fi
echo "fuzzing: ${#targets[@]} targets ran ${seconds}s each with no crash" >&2
