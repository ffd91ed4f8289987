#!/bin/sh
# Side-by-side benchmark of Recall's optimizer and fsrs-rs-python on optgen.py histories.
# Run from the repository root; writes the Markdown table to stdout. Takes a few minutes.
#   Benchmarks/optimizer/run.sh [WORKDIR]
set -e
work=${1:-/tmp/recall-optbench-data}
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q fsrs-rs-python fsrs
fi
sh Benchmarks/optimizer/build.sh "$work/driver" >/dev/null
logs=""
for seed in 7 8 9; do
    for cards in 1000 5000 20000; do
        # Enough new cards a day that all of them are introduced within the year.
        npd=$((cards / 330 + 1)); [ $npd -lt 10 ] && npd=10
        dir="$work/c$cards-s$seed"
        [ -f "$dir/revlog.jsonl" ] || "$work/venv/bin/python" "${OPTGEN:-Benchmarks/optimizer/optgen.py}" --cards $cards --days 365 \
                --new-per-day $npd --seed $seed --out-dir "$dir" --simulate-only >/dev/null
        logs="$logs $dir/revlog.jsonl"
    done
done
"$work/venv/bin/python" Benchmarks/optimizer/compare.py "$work/driver" $logs
