#!/usr/bin/env python3
"""Builds a large Anki package for the import benchmark and times Anki's own import of it.

100,000 Basic notes in 10 decks are added through the Anki engine; 1,000,000 review-log rows
(10 a card: learning steps, then reviews at growing intervals) are then written with SQL,
because answering a million cards through the scheduler would take hours. The package is
exported by Anki (latest format) and imported again into an empty collection by Anki, timed.

Usage: /tmp/ankivenv/bin/python make_bench_package.py OUT_FOLDER
"""
import os
import random
import sys
import time


def main(out):
    from anki.collection import Collection
    from anki.import_export_pb2 import ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "build.anki2")
    if os.path.exists(path):
        os.remove(path)
    col = Collection(path)
    col.set_config("fsrs", True)
    basic = col.models.by_name("Basic")
    decks = [col.decks.id("Bench::Deck %d" % i) for i in range(10)]
    t0 = time.time()
    from anki.collection import AddNoteRequest
    requests = []
    for i in range(100_000):
        note = col.new_note(basic)
        note.fields[0] = "Question number %d <b>bold</b>" % i
        note.fields[1] = "Answer %d<br>second line" % i
        note.tags = ["bench", "t%d" % (i % 50)]
        requests.append(AddNoteRequest(note=note, deck_id=decks[i % 10]))
    col.add_notes(requests)
    print("added notes in %.1fs" % (time.time() - t0))
    card_ids = list(col.find_cards(""))
    col.close()
    # The review rows go in with Python's sqlite3 on the closed file: through Anki's database
    # proxy a million single-row inserts take the better part of an hour.
    import sqlite3
    db = sqlite3.connect(path)
    rng = random.Random(1)
    start = 1700000000000
    rows = []
    used = set()
    for cid in card_ids:
        t = start + rng.randint(0, 86_400_000 * 30)
        ivl = 0
        for k in range(10):
            kind = 0 if k < 2 else 1
            ease = 3 if k < 2 else rng.choice([1, 2, 3, 3, 3, 4])
            while t in used:
                t += 1
            used.add(t)
            rows.append((t, cid, -1, ease, ivl if kind else -600, 0, 2500, rng.randint(1000, 20000), kind))
            ivl = max(1, int(ivl * 2.2) + 1) if kind else 1
            t += ivl * 86_400_000 + rng.randint(0, 3_600_000)
    db.executemany("insert into revlog values (?,?,?,?,?,?,?,?,?)", rows)
    db.commit()
    db.close()
    col = Collection(path)
    apkg = os.path.join(out, "bench.apkg")
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False)
    col.export_anki_package(out_path=apkg, options=options, limit=None)
    col.close()
    print("revlog rows: %d, package %s (%.1f MB)" % (len(rows), apkg, os.path.getsize(apkg) / 1e6))
    target = os.path.join(out, "anki-import.anki2")
    if os.path.exists(target):
        os.remove(target)
    fresh = Collection(target)
    t0 = time.time()
    fresh.import_anki_package(ImportAnkiPackageRequest(
        package_path=apkg, options=ImportAnkiPackageOptions(with_scheduling=True)))
    print("anki import: %.2fs" % (time.time() - t0))
    fresh.close()


if __name__ == "__main__":
    main(sys.argv[1])
