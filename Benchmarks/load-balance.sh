#!/usr/bin/env bash
# The load balancer on a simulated year: daily reviews' standard deviation over the next
# FORECAST days with load_balance off and on, and the predicted retention at review.
#
# Usage: Benchmarks/load-balance.sh                     (run from anywhere)
# Environment: CARDS (10000), NEW (20 new cards a day), DAYS (365 simulated days before the
#   figures), FORECAST (90), SEED (1), CONFIG (release; 'debug' builds faster).
# Prints one line per setting and the two figures the issue asks for: the standard deviation
# on/off (at most 70%) and the retention difference (within 0.5 percentage points).
# The simulation answers through Recall's own scheduler (recall-bench balance).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-release}
cd "$root"
swift build -c "$config" --product recall-bench >&2
"$(swift build -c "$config" --show-bin-path)/recall-bench" balance \
    --cards "${CARDS:-10000}" --new-per-day "${NEW:-20}" --days "${DAYS:-365}" \
    --forecast "${FORECAST:-90}" --seed "${SEED:-1}"
