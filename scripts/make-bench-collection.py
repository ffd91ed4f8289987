#!/usr/bin/env python3
"""Makes a benchmark collection for the progress store: deck files and a review log.

Usage: scripts/make-bench-collection.py OUT [CARDS] [REVIEWS]
  (defaults: 100000 cards, 1000000 reviews)

Writes OUT/Decks/bench-NNN.txt (1,000 cards per file, "question / answer / -" notes) and
OUT/data/collections/decks/reviews.jsonl with REVIEWS reviews spread evenly over the cards,
in time order from 2025-01-01, one round of all cards every 30 days (90 % good, 10 % again),
device "d-bench0001". Card ids are computed as Recall does (FNV-1a 64 over the
length-prefixed, normalised fields "q" and the question), so the log matches the decks.
Run recall with RECALL_NOW after the last review, e.g. RECALL_NOW=2026-01-01T09:00:00Z.
"""
import os
import random
import struct
import sys

FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv(value, data):
    for b in data:
        value = ((value ^ b) * FNV_PRIME) & MASK
    return value


def card_id(question):
    value = FNV_OFFSET
    for field in ("q", " ".join(question.lower().split())):
        data = field.encode()
        value = fnv(value, struct.pack("<Q", len(data)))
        value = fnv(value, data)
    return "%016x" % value


def main():
    out = sys.argv[1]
    cards = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    reviews = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    decks = os.path.join(out, "Decks")
    log_dir = os.path.join(out, "data", "collections", "decks")
    os.makedirs(decks, exist_ok=True)
    os.makedirs(log_dir, exist_ok=True)
    questions = ["What is benchmark fact number %d?" % i for i in range(cards)]
    for f in range(0, cards, 1000):
        with open(os.path.join(decks, "bench-%03d.txt" % (f // 1000)), "w") as fh:
            for i in range(f, min(f + 1000, cards)):
                fh.write("%s\nAnswer %d\n-\n" % (questions[i], i))
    ids = [card_id(q) for q in questions]
    rng = random.Random(7)
    start = 1_735_689_600_000  # 2025-01-01T00:00:00Z
    with open(os.path.join(log_dir, "reviews.jsonl"), "w") as fh:
        for n in range(reviews):
            i = n % cards
            t = start + (n // cards) * 30 * 86_400_000 + i * 20
            r = 1 if rng.random() < 0.1 else 3
            fh.write('{"card":"%s","device":"d-bench0001","dur":4000,"ev":"review","r":%d,"t":%d}\n'
                     % (ids[i], r, t))


if __name__ == "__main__":
    main()
