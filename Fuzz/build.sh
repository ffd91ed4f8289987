#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/ (or $FUZZ_BUILD): `Fuzz/build.sh [TARGET...]`.
# The library sources are compiled with -sanitize=fuzzer,address; internal (non-public) APIs
# are reached by compiling a target's sources into the same module as its harness.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_BUILD:-$root/.build-fuzz}"
swiftc="${SWIFTC:-swiftc}"
flags=(-swift-version 6 -sanitize=fuzzer,address -parse-as-library -O -g -suppress-warnings)
h="$root/Fuzz/Harnesses"
mkdir -p "$out"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(plain markdown delimited add anki logline snapshot repl)

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

store_library() {
    # RecallStore as a module and static library over the core (the anki target imports it).
    local lib="$out/libRecallStore.a"
    if [ -f "$lib" ] && [ -z "$(find "$root/Sources/RecallStore" -name '*.swift' -newer "$lib")" ] \
        && [ "$lib" -nt "$out/libRecallCore.a" ]; then return; fi
    mkdir -p "$out/store"
    (cd "$out/store" && "$swiftc" "${flags[@]}" -module-name RecallStore -I "$out" -emit-module \
        -emit-module-path "$out/RecallStore.swiftmodule" -emit-library -static -o "$lib" \
        $(sources RecallStore))
}

package_libraries() {
    # RecallAnki's packages, GRDB (SQLite), ZIPFoundation and Ink (Markdown, for export),
    # compiled from SwiftPM's checkouts (resolved first) without instrumentation: the fuzzing
    # is aimed at our code.
    if [ -f "$out/libGRDB.a" ] && [ -f "$out/libZIPFoundation.a" ] && [ -f "$out/libInk.a" ]; then return; fi
    (cd "$root" && swift package resolve >&2)
    local co="$root/.build/checkouts" plain=(-parse-as-library -O -g -suppress-warnings)
    mkdir -p "$out/grdb" "$out/zip" "$out/ink"
    (cd "$out/ink" && "$swiftc" -swift-version 5 "${plain[@]}" -module-name Ink -emit-module \
        -emit-module-path "$out/Ink.swiftmodule" -emit-library -static -o "$out/libInk.a" \
        $(find "$co/Ink/Sources/Ink" -name '*.swift' | sort))
    [ -f "$out/libGRDB.a" ] && [ -f "$out/libZIPFoundation.a" ] && return
    (cd "$out/grdb" && "$swiftc" -swift-version 6 "${plain[@]}" -module-name GRDB \
        -I "$co/GRDB.swift/Sources/GRDBSQLite" -D SQLITE_ENABLE_FTS5 -D SQLITE_ENABLE_SNAPSHOT \
        -D SQLITE_DISABLE_SNAPSHOT -emit-module -emit-module-path "$out/GRDB.swiftmodule" \
        -emit-library -static -o "$out/libGRDB.a" $(find "$co/GRDB.swift/GRDB" -name '*.swift' | sort))
    (cd "$out/zip" && "$swiftc" -swift-version 5 "${plain[@]}" -module-name ZIPFoundation \
        -I "$co/ZIPFoundation/Sources/CZLib" -Xcc -D_GNU_SOURCE=1 -emit-module \
        -emit-module-path "$out/ZIPFoundation.swiftmodule" -emit-library -static \
        -o "$out/libZIPFoundation.a" $(find "$co/ZIPFoundation/Sources/ZIPFoundation" -name '*.swift' | sort))
}

link() { # NAME MODULE FILES...
    local name=$1 module=$2; shift 2
    local binary="$out/fuzz-$name" newer=""
    if [ -f "$binary" ]; then
        for f in "$out/libRecallCore.a" "$out/libRecallStore.a" "$h/FuzzInput.swift" "$@"; do
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
        plain | markdown | delimited | add) link "$t" "Fuzz_$t" "$h/$t.swift" ;;
        repl) link repl RecallCLI "$h/repl.swift" "$root/Sources/RecallCLI/REPL/CommandWords.swift" ;;
        logline | snapshot) link "$t" RecallStore "$h/$t.swift" $(sources RecallStore) ;;
        anki)
            store_library
            package_libraries
            co="$root/.build/checkouts"
            link anki RecallAnki -I "$root/Sources/CZstd" -I "$root/Sources/CInflate" -I "$co/GRDB.swift/Sources/GRDBSQLite" \
                -I "$co/ZIPFoundation/Sources/CZLib" -lRecallStore -lRecallCore -lGRDB -lZIPFoundation -lInk -lsqlite3 -lz -lzstd \
                "$h/anki.swift" $(sources RecallAnki) ;;
        *) echo "unknown fuzz target '$t'" >&2; exit 64 ;;
    esac
done
