#!/usr/bin/env bash
# Recall against Anki's engine (PyPI `anki`), the same work as whole processes, RUNS runs each.
#
# Usage: Benchmarks/anki-side-by-side.sh [RUNS]        (default 5; run from anywhere)
# Environment: WORK (default /tmp/recall-vs-anki: venv, data, results; never in git),
#   RECALL_BIN_DIR (a folder with release `recall` and `recall-bench`; default: build them
#   with `--static-swift-stdlib`),
#   CARDS (100000), REVIEWS (1000000), ANSWERS (1000), SEED (1).
# Prints a Markdown table: median and min–max of wall time and peak RSS for each side, and the
# ratio Recall/Anki of the medians (below 1 = Recall faster). Needs python3, /usr/bin/time.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/Benchmarks/side-by-side
work=${WORK:-/tmp/recall-vs-anki}
cards=${CARDS:-100000} reviews=${REVIEWS:-1000000} answers=${ANSWERS:-1000} seed=${SEED:-1}
mkdir -p "$work"
export TZ=UTC NO_COLOR=1 COLUMNS=80 LANG=C.UTF-8 RECALL_DEVICE=d-bench-run

# 1. A throwaway virtual environment with Anki's engine.
venv=$work/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import anki' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q anki
fi
py=$venv/bin/python
echo "anki $("$py" -c 'import anki.buildinfo as b; print(b.version)')" >&2

# 2. Release builds of recall and recall-bench, the Swift runtime and Foundation linked in
#    statically as README's install line does (each process starts faster without loading
#    the shared Swift libraries).
if [ -z "${RECALL_BIN_DIR:-}" ]; then
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-bench-release --product recall >&2 \
        && swift build -c release --static-swift-stdlib --scratch-path .build-bench-release --product recall-bench >&2)
    RECALL_BIN_DIR=$root/.build-bench-release/release
fi
recall=$RECALL_BIN_DIR/recall
bench=$RECALL_BIN_DIR/recall-bench

# 3. The same data for both (not timed).
data=$work/data-$cards-$reviews-$seed
mkdir -p "$data"
[ -d "$data/recall" ] || "$bench" generate --cards "$cards" --files 100 --reviews "$reviews" --seed "$seed" \
    --out "$data/recall" >&2
[ -f "$data/cards.tsv" ] || "$bench" generate-tsv --cards "$cards" --seed "$seed" --out "$data/cards.tsv" >&2
[ -f "$data/anki.anki2" ] || "$py" "$here/anki_prepare.py" "$data/cards.tsv" "$data/recall" "$data/anki.anki2" >&2
[ -f "$data/empty.anki2" ] || "$py" -c 'import sys; from anki.collection import Collection; Collection(sys.argv[1]).close()' \
    "$data/empty.anki2"
if [ ! -f "$data/done-2" ]; then
    # Raise Recall's daily limits as anki_prepare.py does Anki's, and turn off the refit after
    # a session (Anki has none; left on, the settling session below would start a fit of the
    # whole history in the background of the timed runs).
    for setting in "reviews_per_day 9999" "new_per_day 9999" "auto_optimize off"; do
        # shellcheck disable=SC2086 # a key and its value
        RECALL_NOW=$(cat "$data/recall/RECALL_NOW") "$recall" config $setting \
            --decks "$data/recall/Decks" --data "$data/recall/data" >&2
    done
    touch "$data/done-2"
fi
# Settle the store (catalog, snapshot, and the start-up caches, which belong to the `recall`
# executable that made them) with one empty review session of THIS binary, as a user's first
# session after an upgrade does, so every timed run starts from the same files.
RECALL_NOW=$(cat "$data/recall/RECALL_NOW") "$recall" review --decks "$data/recall/Decks" \
    --data "$data/recall/data" < /dev/null > /dev/null
export RECALL_NOW
RECALL_NOW=$(cat "$data/recall/RECALL_NOW")
printf '\n3\n%.0s' $(seq "$answers") > "$work/answers.txt"   # reveal, then "good", per card

# measure LABEL SETUP COMMAND...: runs SETUP (not timed), then COMMAND under /usr/bin/time;
# appends "seconds rss_kb" to $work/LABEL.txt. stdin comes from $STDIN (default /dev/null).
measure() {
    local label=$1 setup=$2; shift 2
    eval "$setup"
    # New output files each run: truncating one that holds the last run's output makes ext4
    # flush it when the process closes it (auto_da_alloc), up to 50 ms on the clock of
    # whichever side prints more.
    rm -f "$work/out-$label" "$work/err-$label"
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss" "$@" < "${STDIN:-/dev/null}" > "$work/out-$label" 2> "$work/err-$label" \
        || { echo "failed: $label (see $work/err-$label)" >&2; exit 1; }
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000 )) $(tail -n 1 "$work/rss")" >> "$work/$label.txt"
    # anki_task.py also reports its in-process seconds (after Python start-up and `import anki`).
    sed -n 's/^in-process \([0-9.]*\) s.*/\1/p' "$work/err-$label" | awk '{ printf "%d 0\n", $1 * 1e6 }' \
        >> "$work/$label-inproc.txt"
}

scratch=$work/scratch
fresh_recall_empty='rm -rf "$scratch" && mkdir -p "$scratch/Decks" "$scratch/data"'
fresh_recall_copy='rm -rf "$scratch" && mkdir -p "$scratch" && cp -r "$data/recall/Decks" "$data/recall/data" "$scratch/"'
fresh_anki_empty='rm -rf "$scratch" && mkdir -p "$scratch" && cp "$data/empty.anki2" "$scratch/c.anki2"'
fresh_anki_copy='rm -rf "$scratch" && mkdir -p "$scratch" && cp "$data/anki.anki2" "$scratch/c.anki2"'
tasks="import open answer stats"
for t in $tasks; do rm -f "$work/recall-$t.txt" "$work/anki-$t.txt" "$work/anki-$t-inproc.txt"; done
# One task on one side (`recall-TASK` or `anki-TASK`).
run_task() {
    case "$1" in
    recall-import) measure recall-import "$fresh_recall_empty" "$recall" import "$data/cards.tsv" --decks "$scratch/Decks" --data "$scratch/data" ;;
    anki-import) measure anki-import "$fresh_anki_empty" "$py" "$here/anki_task.py" import "$scratch/c.anki2" "$data/cards.tsv" ;;
    recall-open) measure recall-open "$fresh_recall_copy" "$recall" review --decks "$scratch/Decks" --data "$scratch/data" ;;
    anki-open) measure anki-open "$fresh_anki_copy" "$py" "$here/anki_task.py" open "$scratch/c.anki2" ;;
    recall-answer) STDIN=$work/answers.txt measure recall-answer "$fresh_recall_copy" \
        "$recall" review --decks "$scratch/Decks" --data "$scratch/data" ;;
    anki-answer) measure anki-answer "$fresh_anki_copy" "$py" "$here/anki_task.py" answer "$scratch/c.anki2" "$answers" ;;
    recall-stats) measure recall-stats : "$recall" stats --json --decks "$data/recall/Decks" --data "$data/recall/data" ;;
    anki-stats) measure anki-stats : "$py" "$here/anki_task.py" stats "$data/anki.anki2" ;;
    esac
}
# Each task on both sides, the side going first alternating from run to run: whichever runs
# right after the other side's heavier work (a 150 MB copy, a thousand fsyncs) can find the
# machine still writing it back, and this spreads that over both sides alike.
for ((i = 1; i <= runs; i++)); do
    echo "run $i of $runs" >&2
    for t in $tasks; do
        if ((i % 2)); then run_task "recall-$t"; run_task "anki-$t"; else run_task "anki-$t"; run_task "recall-$t"; fi
    done
done

# median/min/max of column COL (1 = µs, 2 = KB) of FILE, as "median min max".
summary() { sort -n -k"$2","$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; print m, v[1], v[NR]}'; }
declare -A names=([import]="1. import ${cards}-card TSV" [open]="2. open, first due card, today's counts"
       [answer]="3. answer $answers cards in a row" [stats]="4. heatmap/retention over all history")
echo
echo "| task | Recall median (min–max) | Anki median (min–max) | Recall/Anki | Recall peak RSS | Anki peak RSS | Anki in-process median |"
echo "|---|---|---|---|---|---|---|"
for t in $tasks; do
    read -r rm rlo rhi < <(summary "$work/recall-$t.txt" 1)
    read -r am alo ahi < <(summary "$work/anki-$t.txt" 1)
    read -r rr _ _ < <(summary "$work/recall-$t.txt" 2)
    read -r ar _ _ < <(summary "$work/anki-$t.txt" 2)
    read -r ai _ _ < <(summary "$work/anki-$t-inproc.txt" 1)
    awk -v n="${names[$t]}" -v rm="$rm" -v rlo="$rlo" -v rhi="$rhi" -v am="$am" -v alo="$alo" -v ahi="$ahi" \
        -v rr="$rr" -v ar="$ar" -v ai="$ai" 'BEGIN {
        who = rm <= am ? sprintf("Recall %.1fx faster", am/rm) : sprintf("Anki %.1fx faster", rm/am)
        printf "| %s | %.3f s (%.3f–%.3f) | %.3f s (%.3f–%.3f) | %.2f (%s) | %.0f MB | %.0f MB | %.3f s |\n",
            n, rm/1e6, rlo/1e6, rhi/1e6, am/1e6, alo/1e6, ahi/1e6, rm/am, who, rr/1024, ar/1024, ai/1e6 }'
done
echo
echo "raw samples (µs, KB) and each run's output: $work"
