#!/usr/bin/env python3
"""Side-by-side: Recall's optimizer vs fsrs-rs-python on optgen.py logs.

Usage (repository root, inside a venv with fsrs-rs-python):
    python3 Benchmarks/optimizer/compare.py DRIVER LOG.jsonl [LOG.jsonl ...] > results.md
DRIVER is the release binary from Benchmarks/optimizer/build.sh.

Both optimizers see the same training data: the scored reviews (a later UTC day than the
card's previous review) are ordered by time and the latest 20% are held out. fsrs-rs gets one
FSRSItem per training review (with card_ids); Recall gets the whole log and makes the same
split itself. Every parameter set is then scored here, by one float64 FSRS-6 forward pass
(fsrs-rs semantics), on the held-out reviews: log loss, RMSE(bins) (fsrs-rs bins) and AUC;
and on the training reviews by fsrs-rs's training objective (recency-weighted log loss of
the outlier-filtered training reviews plus its penalty around its pre-trained start, per
review), which both optimizers minimise. RS_SEEDS (default 1,2,3,4,5) adds a row with
fsrs-rs's 50-epoch fit under other seeds (mean and range), to show its seed-to-seed spread.
"""
import json
import os
import math
import subprocess
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.environ.get("OPTGEN_DIR", os.path.dirname(os.path.abspath(__file__))))
from optgen import auc, r_matrix_index  # noqa: E402  (metric helpers of the reference script)

# Across-user standard deviations of w0..w20 (the scale of fsrs-rs's pull toward the start).
SPREAD = [6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16,
          0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27]
DEFAULT = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
           1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]


def load(path):
    by_card = defaultdict(list)
    with open(path) as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                by_card[e["card_id"]].append((e["review_time"], e["rating"]))
    hist, keyed = {}, []
    for cid in sorted(by_card):
        revs = sorted(by_card[cid])
        h, last = [], None
        for ts, r in revs:
            day = math.floor(ts / 86400)
            d = 0 if last is None else day - last
            h.append((r, d))
            last = day
            if d > 0:
                keyed.append((ts, cid, len(h)))
        hist[cid] = h
    keyed.sort()
    n_test = int(len(keyed) * 0.2)
    return hist, keyed[:len(keyed) - n_test], keyed[len(keyed) - n_test:]


def step(w, s, d, r, t):
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    if t == 0:
        inc = math.exp(w[17] * (r - 3 + w[18])) * s ** -w[19]
        s2 = s * (max(inc, 1) if r >= 2 else inc)
    else:
        R = (1 + factor * t / s) ** decay
        if r == 1:
            s2 = min(w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * math.exp(w[14] * (1 - R)),
                     s / math.exp(w[17] * w[18]))
        else:
            hp = w[15] if r == 2 else 1
            eb = w[16] if r == 4 else 1
            s2 = s * (1 + math.exp(w[8]) * (11 - d) * s ** -w[9] * (math.exp(w[10] * (1 - R)) - 1) * hp * eb)
    s2 = min(max(s2, 0.001), 36500)
    easy = w[4] - math.exp(3 * w[5]) + 1
    dd = d - w[6] * (r - 3) * (10 - d) / 9
    return s2, min(max(w[7] * (easy - dd) + dd, 1), 10)


def predict(w, hist, keyed):
    """(prediction, label, RMSE bin, (card, n)) for every review in `keyed`."""
    wanted = defaultdict(set)
    for _, cid, n in keyed:
        wanted[cid].add(n)
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    out = []
    for cid, ns in wanted.items():
        h = hist[cid]
        s = min(max(w[h[0][0] - 1], 0.001), 36500)
        d = min(max(w[4] - math.exp(w[5] * (h[0][0] - 1)) + 1, 1), 10)
        for i in range(1, max(ns)):
            r, t = h[i]
            if i + 1 in ns:
                p = (1 + factor * t / s) ** decay
                out.append((p, 1 if r > 1 else 0, r_matrix_index(h[:i + 1]), (cid, i + 1)))
            s, d = step(w, s, d, r, t)
    return out


def evaluate(w, hist, test):
    preds, labels, bins = [], [], defaultdict(lambda: [0.0, 0.0, 0])
    for p, y, key, _ in predict(w, hist, test):
        preds.append(p); labels.append(y)
        b = bins[key]
        b[0] += p; b[1] += y; b[2] += 1
    eps = 1e-12
    ll = -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps))
              for p, y in zip(preds, labels)) / len(preds)
    tot = sum(b[2] for b in bins.values())
    rmse = math.sqrt(sum((b[0] / b[2] - b[1] / b[2]) ** 2 * b[2] for b in bins.values()) / tot)
    return ll, rmse, auc(preds, labels)


def without_outliers(hist, train):
    """fsrs-rs's filter_outlier: drop cards whose (first rating, first interval) group is rare."""
    groups = defaultdict(lambda: defaultdict(list))
    for _, cid, n in train:
        if sum(1 for _, d in hist[cid][:n] if d > 0) == 1:
            groups[hist[cid][0][0]][hist[cid][n - 1][1]].append(cid)
    dropped = set()
    for rating, by_days in groups.items():
        total = sum(len(c) for c in by_days.values())
        removed = 0
        for days, cards in sorted(by_days.items(), key=lambda kv: (len(kv[1]), kv[0])):
            if removed + len(cards) < max(20, total // 20):
                removed += len(cards)
                dropped.update(cards)
            elif len(cards) < 6 or days > (365 if rating == 4 else 100):
                dropped.update(cards)
    return [x for x in train if x[1] not in dropped]


def objective(w, hist, train, start, gamma=1.0):
    """fsrs-rs's training objective per training review: recency-weighted log loss of the
    outlier-filtered training reviews plus gamma * sum(((w - start) / sd)^2)."""
    kept = without_outliers(hist, train)
    rank = {(cid, n): i for i, (_, cid, n) in enumerate(kept)}
    last = max(len(kept) - 1, 1)
    loss = 0.0
    for p, y, _, key in predict(w, hist, kept):
        weight = 0.25 + 0.75 * (rank[key] / last) ** 3
        p = min(max(p, 1e-9), 1 - 1e-9)
        loss -= weight * (math.log(p) if y else math.log(1 - p))
    penalty = gamma * sum(((a - b) / sd) ** 2 for a, b, sd in zip(w, start, SPREAD))
    return (loss + penalty) / len(kept)


def fit_rs(hist, train, epochs, seed=None):
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview, TrainingConfig
    items = [FSRSItem([FSRSReview(r, d) for r, d in hist[cid][:n]]) for _, cid, n in train]
    cids = [cid for _, cid, _ in train]
    config = {} if epochs is None else {"num_epochs": epochs}
    if seed is not None:
        config["seed"] = seed
    kwargs = {"training_config": TrainingConfig(**config)} if config else {}
    t0, c0 = time.perf_counter(), time.process_time()
    w = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items, card_ids=cids, enable_short_term=True, **kwargs)
    return [float(x) for x in w], (time.perf_counter() - t0, time.process_time() - c0)


def main():
    driver, logs = sys.argv[1], sys.argv[2:]
    # Other seeds for fsrs-rs's 50-epoch fit (its default is 2023): one summary row.
    seeds = [int(x) for x in os.environ.get("RS_SEEDS", "1,2,3,4,5").split(",") if x]
    print("| log | reviews (train/test) | parameters | training objective | held-out log loss | RMSE(bins) | AUC | fit time wall / CPU (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for log in logs:
        hist, train, test = load(log)
        out = subprocess.run([driver, log], capture_output=True, text=True, check=True).stdout
        recall = json.loads(out.splitlines()[0])
        rows = [("Recall", recall["parameters"], (recall["fit_seconds"], recall["fit_cpu_seconds"]))]
        for label, epochs in (("fsrs-rs 5 epochs", None), ("fsrs-rs 50 epochs", 50)):
            w, secs = fit_rs(hist, train, epochs)
            rows.append((label, w, secs))
        # fsrs-rs's pre-trained starting point: the centre of its penalty.
        start, _ = fit_rs(hist, train, 0)
        try:
            with open(log.replace("revlog.jsonl", "truth.json")) as f:
                rows.append(("true", json.load(f)["true_parameters"], None))
        except OSError:
            pass
        rows.append(("default", DEFAULT, None))
        for label, w, secs in rows:
            ll, rmse, a = evaluate(w, hist, test)
            obj = objective(w, hist, train, start)
            t = "" if secs is None else f"{secs[0]:.3f} / {secs[1]:.3f}"
            print(f"| {log} | {len(train)}/{len(test)} | {label} | {obj:.6f} | {ll:.5f} | {rmse:.5f} | {a:.4f} | {t} |",
                  flush=True)
        if seeds:
            fits = [fit_rs(hist, train, 50, seed) for seed in seeds]
            scores = [evaluate(w, hist, test) for w, _ in fits]
            lls = [x[0] for x in scores]
            objs = [objective(w, hist, train, start) for w, _ in fits]
            mean = lambda xs: sum(xs) / len(xs)
            label = f"fsrs-rs 50 epochs, seeds {seeds[0]}-{seeds[-1]}: mean (min-max)"
            print(f"| {log} | {len(train)}/{len(test)} | {label} | {mean(objs):.6f} | "
                  f"{mean(lls):.5f} ({min(lls):.5f}-{max(lls):.5f}) | {mean([x[1] for x in scores]):.5f} | "
                  f"{mean([x[2] for x in scores]):.4f} | {mean([s[0] for _, s in fits]):.3f} / "
                  f"{mean([s[1] for _, s in fits]):.3f} |", flush=True)


if __name__ == "__main__":
    main()
