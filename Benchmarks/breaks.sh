#!/usr/bin/env bash
# Break and backlog figures: what `recall break` and `recall postpone` do to the daily load and
# the predicted recall at review, on a generated collection (BENCHMARKS.md, "Breaks").
#
# Usage: Benchmarks/breaks.sh               (run from anywhere)
# Environment: WORK (default /tmp/recall-breaks: the collection; never in git),
#   RECALL_BIN_DIR (a folder with `recall` and `recall-bench`; default: `swift build` them),
#   CARDS (10000), REVIEWS (150000), SEED (1).
# Each case runs on a fresh copy of the collection with --dry-run, then for real, and reads the
# forecast of `recall stats --json` after: the busiest day around the break against the usual
# load (the mean around it before the move) and the moved cards' predicted recall at review.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/recall-breaks}
cards=${CARDS:-10000} reviews=${REVIEWS:-150000} seed=${SEED:-1}
# Wide, so that no report line is wrapped before it is read.
export TZ=UTC NO_COLOR=1 COLUMNS=250 LANG=C.UTF-8 RECALL_DEVICE=d-breaks-bench
if [ -z "${RECALL_BIN_DIR:-}" ]; then
    (cd "$root" && swift build --product recall >&2 && swift build --product recall-bench >&2)
    RECALL_BIN_DIR=$root/.build/debug
fi
recall=$RECALL_BIN_DIR/recall
rm -rf "$work" && mkdir -p "$work"
"$RECALL_BIN_DIR/recall-bench" generate --cards "$cards" --files 10 --reviews "$reviews" --seed "$seed" --out "$work/gen" >/dev/null
start=$(cat "$work/gen/RECALL_NOW")
day() { python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1][:10]); print(d+datetime.timedelta(days=int(sys.argv[2])))" "$start" "$1"; }
fresh() { rm -rf "$work/data" && cp -r "$work/gen/data" "$work/data"; }
r() { RECALL_NOW=$1 "$recall" --decks "$work/gen/Decks" --data "$work/data" "${@:2}"; }
forecast() { r "$1" stats --json | python3 -c "import json,sys; print(' '.join(map(str, json.load(sys.stdin)['forecast'])))"; }

echo "collection: $cards cards, $reviews reviews (seed $seed), now $start"
echo
echo "| case | cards moved | before / after | usual load | margin | fullest day given cards | busiest day around, before → after | days in the break with reviews | spread after it (days) | recall at review of the moved cards |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for spec in "7 7" "3 14" "1 28"; do
    set -- $spec
    lead=$1 length=$2
    first=$(day "$lead") last=$(day $((lead + length - 1)))
    fresh
    out=$(r "$start" break "$first" "$last" --yes)
    after=$(forecast "$start")
    moved=$(sed -n 's/.*): \([0-9]*\) cards\{0,1\} would fall due in it/\1/p' <<<"$out")
    nb=$(sed -n 's/^  moved \([0-9]*\) before it.*/\1/p' <<<"$out"); nb=${nb:-0}
    na=$(sed -n 's/^  moved \([0-9]*\) after it.*/\1/p' <<<"$out"); na=${na:-0}
    busy=$(sed -n 's/^  days given cards: at most \([0-9]*\) reviews\{0,1\} (usual \([0-9]*\) + margin \([0-9]*\)); busiest day around it: \([0-9]*\) (\([0-9]*\) before the move)/\1 \2 \3 \4 \5/p' <<<"$out")
    read -r fullest usual margin busiest busiestBefore <<<"$busy"
    inside=$(python3 -c "import sys; f=list(map(int,sys.argv[1].split())); print(sum(1 for d in f[$lead:$lead+$length] if d))" "$after")
    recall_before=$(sed -n 's/^  moved [0-9]* before it.*review \(.*\)$/\1/p' <<<"$out")
    recall_after=$(sed -n 's/^  moved [0-9]* after it.*review \(.*\)$/\1/p' <<<"$out")
    latest=$(sed -n 's/^  moved [0-9]* after it (\(.* to \)\{0,1\}\([0-9-]*\)).*/\2/p' <<<"$out")
    spread=$(python3 -c "import datetime,sys; a=sys.argv[1]; print((datetime.date.fromisoformat(a)-datetime.date.fromisoformat(sys.argv[2])).days if a else 0)" "$latest" "$last")
    echo "| $length-day break from day +$lead | $moved | $nb / $na | $usual | $margin | $fullest | $busiestBefore → $busiest | $inside | $spread | before: ${recall_before:-none}; after: ${recall_after:-none} |"
done
echo
echo "| case | due | kept today | busiest day of the spread | recall at review of the moved cards |"
echo "|---|---|---|---|---|"
for away in 7 14 30; do
    fresh
    now="$(day "$away")T09:00:00Z"
    out=$(r "$now" postpone --yes)
    line=$(head -1 <<<"$out")
    due=$(sed -n 's/.* of \([0-9]*\) due cards\{0,1\}.*/\1/p' <<<"$line")
    kept=$(sed -n 's/.*; \([0-9]*\) stay today.*/\1/p' <<<"$line")
    busiest=$(sed -n 's/^  busiest day: \([0-9]*\).*/\1/p' <<<"$out")
    cost=$(sed -n 's/^  predicted recall at review of the moved cards: //p' <<<"$out")
    echo "| postpone --days 7 after $away days away | ${due:-0} | ${kept:-0} | ${busiest:-0} | ${cost:-none} |"
done
