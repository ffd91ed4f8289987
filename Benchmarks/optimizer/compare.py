#!/usr/bin/env python3
"""Side-by-side: Recall's optimizer vs fsrs-rs-python on optgen.py logs.

Usage (repository root, inside a venv with fsrs-rs-python):
    python3 Benchmarks/optimizer/compare.py DRIVER LOG.jsonl [LOG.jsonl ...] > results.md
DRIVER is the release binary from Benchmarks/optimizer/build.sh.

Both optimizers see the same training data: the scored reviews (a later UTC day than the
card's previous review) are ordered by time and the latest 20% are held out. fsrs-rs gets one
FSRSItem per training review (with card_ids); Recall gets the whole log and makes the same
split itself. Every parameter set is then scored here, by one float64 FSRS-6 forward pass
(fsrs-rs semantics), on the held-out reviews: log loss, RMSE(bins) (fsrs-rs bins) and AUC.
"""
import json
import os
import math
import subprocess
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.environ.get("OPTGEN_DIR", os.path.join(os.path.dirname(__file__), "../../../shared/fsrs")))
from optgen import auc, r_matrix_index  # noqa: E402  (metric helpers of the reference script)

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


def evaluate(w, hist, test):
    wanted = defaultdict(set)
    for _, cid, n in test:
        wanted[cid].add(n)
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    preds, labels, bins = [], [], defaultdict(lambda: [0.0, 0.0, 0])
    for cid, ns in wanted.items():
        h = hist[cid]
        s = min(max(w[h[0][0] - 1], 0.001), 36500)
        d = min(max(w[4] - math.exp(w[5] * (h[0][0] - 1)) + 1, 1), 10)
        for i in range(1, max(ns)):
            r, t = h[i]
            if i + 1 in ns:
                p = (1 + factor * t / s) ** decay
                y = 1 if r > 1 else 0
                preds.append(p); labels.append(y)
                b = bins[r_matrix_index(h[:i + 1])]
                b[0] += p; b[1] += y; b[2] += 1
            s, d = step(w, s, d, r, t)
    eps = 1e-12
    ll = -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps))
              for p, y in zip(preds, labels)) / len(preds)
    tot = sum(b[2] for b in bins.values())
    rmse = math.sqrt(sum((b[0] / b[2] - b[1] / b[2]) ** 2 * b[2] for b in bins.values()) / tot)
    return ll, rmse, auc(preds, labels)


def fit_rs(hist, train, epochs):
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview, TrainingConfig
    items = [FSRSItem([FSRSReview(r, d) for r, d in hist[cid][:n]]) for _, cid, n in train]
    cids = [cid for _, cid, _ in train]
    kwargs = {} if epochs is None else {"training_config": TrainingConfig(num_epochs=epochs)}
    t0, c0 = time.perf_counter(), time.process_time()
    w = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items, card_ids=cids, enable_short_term=True, **kwargs)
    return [float(x) for x in w], (time.perf_counter() - t0, time.process_time() - c0)


def main():
    driver, logs = sys.argv[1], sys.argv[2:]
    print("| log | reviews (train/test) | parameters | held-out log loss | RMSE(bins) | AUC | fit time wall / CPU (s) |")
    print("|---|---|---|---|---|---|---|")
    for log in logs:
        hist, train, test = load(log)
        out = subprocess.run([driver, log], capture_output=True, text=True, check=True).stdout
        recall = json.loads(out.splitlines()[0])
        rows = [("Recall", recall["parameters"], (recall["fit_seconds"], recall["fit_cpu_seconds"]))]
        for label, epochs in (("fsrs-rs 5 epochs", None), ("fsrs-rs 50 epochs", 50)):
            w, secs = fit_rs(hist, train, epochs)
            rows.append((label, w, secs))
        try:
            with open(log.replace("revlog.jsonl", "truth.json")) as f:
                rows.append(("true", json.load(f)["true_parameters"], None))
        except OSError:
            pass
        rows.append(("default", DEFAULT, None))
        for label, w, secs in rows:
            ll, rmse, a = evaluate(w, hist, test)
            t = "" if secs is None else f"{secs[0]:.3f} / {secs[1]:.3f}"
            print(f"| {log} | {len(train)}/{len(test)} | {label} | {ll:.5f} | {rmse:.5f} | {a:.4f} | {t} |",
                  flush=True)


if __name__ == "__main__":
    main()
