#!/bin/sh
# Builds the optimizer benchmark driver (RecallCore + main.swift, -O) into $1 (default
# /tmp/recall-optbench). Run from the repository root.
set -e
out=${1:-/tmp/recall-optbench}
swiftc -O -wmo -module-name OptBench $(find Sources/RecallCore -name '*.swift') \
    Benchmarks/optimizer/main.swift -o "$out"
echo "$out"
