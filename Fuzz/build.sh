#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/ (or $FUZZ_BUILD): `Fuzz/build.sh [TARGET...]`.
# The library sources are compiled with -sanitize=fuzzer,address; internal (non-public) APIs
# are reached by compiling a target's sources into the same module as its harness.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_BUILD:-$root/.build-fuzz}"
swiftc="${SWIFTC:-swiftc}"
# The core's C header module (the prefetch hint) is found by the core and by every harness.
flags=(-swift-version 6 -sanitize=fuzzer,address -parse-as-library -O -g -suppress-warnings
    -I "$root/Sources/CPrefetch")
h="$root/Fuzz/Harnesses"
mkdir -p "$out"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(plain markdown delimited anki logline snapshot repl)

sources() { find "$root/Sources/$1" -name '*.swift' | sort; }

core_library() {
    # RecallCore as a module and static library, rebuilt when a source is newer.
    local lib="$out/libRecallCore.a"
    if [ -f "$lib" ] && [ -z "$(find "$root/Sources/RecallCore" -name '*.swift' -newer "$lib")" ]; then return; fi
    mkdir -p "$out/core"
    (cd "$out/core" && "$swiftc" "${flags[@]}" -module-name RecallCore -emit-module \
        -emit-module-path "$out/RecallCore.swiftmodule" -emit-library -static -o "$lib" \
        $(sources RecallCore))
}

link() { # NAME MODULE FILES...
    local name=$1 module=$2; shift 2
    local binary="$out/fuzz-$name" newer=""
    if [ -f "$binary" ]; then
        for f in "$out/libRecallCore.a" "$h/FuzzInput.swift" "$@"; do
            [ -f "$f" ] && [ "$f" -nt "$binary" ] && newer=1
        done
        [ -z "$newer" ] && return 0 # up to date
    fi
    "$swiftc" "${flags[@]}" -module-name "$module" -I "$out" -L "$out" -lRecallCore \
        "$h/FuzzInput.swift" "$@" -o "$out/fuzz-$name" 2> >(grep -v 'Cannot export local symbol' >&2)
}

core_library
for t in "${targets[@]}"; do
    echo "building fuzz-$t" >&2
    case "$t" in
        plain | markdown | delimited) link "$t" "Fuzz_$t" "$h/$t.swift" ;;
        repl) link repl RecallCLI "$h/repl.swift" "$root/Sources/RecallCLI/REPL/CommandWords.swift" ;;
        logline | snapshot) link "$t" RecallStore "$h/$t.swift" $(sources RecallStore) ;;
        anki) link anki RecallAnki -I "$root/Sources/CZstd" -lzstd "$h/anki.swift" \
            "$root/Sources/RecallAnki/AnkiMediaMap.swift" "$root/Sources/RecallAnki/Zstd.swift" \
            "$root"/Sources/RecallAnki/AnkiFieldText*.swift ;;
        *) echo "unknown fuzz target '$t'" >&2; exit 64 ;;
    esac
done
