#!/usr/bin/env python3
"""Builds the Anki side of the side-by-side benchmarks (not timed).

Usage: anki_prepare.py TSV RECALL_DIR OUT.anki2

Imports TSV (the same notes as Recall's generated decks) into a new collection with FSRS on,
then gives it Recall's generated history: every review of RECALL_DIR's reviews.jsonl becomes a
revlog row (inserted with SQL; ease = rating, time = duration, type learn/review/relearn and
ivl derived from the card's previous reviews), and every card gets Recall's final state from
state.json (queue, due, interval, reps, lapses and its FSRS memory state). Times are shifted by
whole days so that RECALL_NOW's day is today for Anki, whose clock cannot be set. Daily limits
are raised to 9999 on both sides' defaults so that 1,000 answers in a row are possible.
"""
import datetime as dt
import json
import os
import struct
import sys
import time

from anki.collection import Collection, ImportCsvRequest
from anki.import_export_pb2 import CsvMetadata

FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1
DAY = 86_400


def card_id(question):
    """Recall's card id of a basic card (FNV-1a 64, length-prefixed normalised fields)."""
    value = FNV_OFFSET
    for field in ("q", " ".join(question.lower().split())):
        data = field.encode()
        for b in struct.pack("<Q", len(data)) + data:
            value = ((value ^ b) * FNV_PRIME) & MASK
    return "%016x" % value


def import_tsv(col, tsv):
    meta = col.get_csv_metadata(tsv, delimiter=None)
    meta.deck_id = 1
    meta.dupe_resolution = CsvMetadata.DupeResolution.DUPLICATE
    return col.import_csv(ImportCsvRequest(path=tsv, metadata=meta))


def main():
    tsv, recall_dir, out = sys.argv[1:4]
    now_text = open(os.path.join(recall_dir, "RECALL_NOW")).read().strip()
    recall_now = dt.datetime.fromisoformat(now_text.replace("Z", "+00:00"))
    shift_days = (dt.datetime.now(dt.timezone.utc).date() - recall_now.date()).days
    shift_ms = shift_days * DAY * 1000
    folder = os.path.join(recall_dir, "data", "collections", "decks")

    if os.path.exists(out):
        os.remove(out)
    col = Collection(out)
    col.set_config("fsrs", True)
    col.set_config("rollover", 4)
    conf = col.decks.config_dict_for_deck_id(1)
    conf["new"]["perDay"] = 9999
    conf["rev"]["perDay"] = 9999
    col.decks.update_config(conf)
    import_tsv(col, tsv)

    anki_of = {}
    for cid, flds in col.db.all("select c.id, n.flds from cards c join notes n on c.nid = n.id"):
        anki_of[card_id(flds.split("\x1f")[0])] = cid
    # Anki's day 0 starts at the rollover hour of the day Recall's history starts on (shifted).
    crt = int(dt.datetime(2025, 1, 1, 4, tzinfo=dt.timezone.utc).timestamp()) + shift_days * DAY - DAY
    col.db.execute("update col set crt = ?", crt)

    insert_revlog(col, folder, anki_of, shift_ms)
    update_cards(col, folder, anki_of, shift_ms, crt)
    col.close()
    print("anki collection:", out, "cards:", len(anki_of), "shift days:", shift_days)


def insert_revlog(col, folder, anki_of, shift_ms):
    last = {}  # card -> (time ms, type of that review, rating)
    rows = []
    used = set()
    with open(os.path.join(folder, "reviews.jsonl")) as fh:
        for line in fh:
            e = json.loads(line)
            if e["ev"] != "review" or e["card"] not in anki_of:
                continue
            t = e["t"] + shift_ms
            while t in used:
                t += 1
            used.add(t)
            prev = last.get(e["card"])
            if prev is None:
                kind, last_ivl = 0, 0
            else:
                gap_days = (t - prev[0]) // (DAY * 1000)
                if prev[1] == 0 and (gap_days == 0 or prev[2] == 1):
                    kind = 0
                elif gap_days == 0 and prev[2] == 1 or prev[1] == 2 and gap_days == 0:
                    kind = 2
                else:
                    kind = 1
                last_ivl = max(1, gap_days) if gap_days else -((t - prev[0]) // 1000)
            ivl = 1 if e["r"] > 1 and kind == 1 else -600
            rows.append((t, anki_of[e["card"]], -1, e["r"], ivl, last_ivl, 0 if kind == 0 else 2500,
                         min(e.get("dur", 0), 60_000), kind))
            last[e["card"]] = (t, kind, e["r"])
    col.db.executemany("insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                       " values (?,?,?,?,?,?,?,?,?)", rows)


def update_cards(col, folder, anki_of, shift_ms, crt):
    state = json.load(open(os.path.join(folder, "state.json")))
    cols = {name: i for i, name in enumerate(state["columns"])}
    updates = []
    for row in state["cards"]:
        cid = anki_of.get(row[cols["card"]])
        if cid is None or row[cols["state"]] == "new":
            continue
        s, d = row[cols["stability"]], row[cols["difficulty"]]
        due_ms = row[cols["due"]] + shift_ms
        kind = {"learning": 1, "review": 2, "relearning": 3}[row[cols["state"]]]
        if kind == 2:
            queue, due = 2, (due_ms // 1000 - crt) // DAY
        else:
            queue, due = 1, due_ms // 1000
        data = json.dumps({"s": round(s, 4), "d": round(d, 4), "dr": 0.9}) if s is not None else ""
        updates.append((kind, queue, due, max(row[cols["interval"]], 0), 2500, row[cols["reps"]],
                        row[cols["lapses"]], data, cid))
    col.db.executemany("update cards set type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?,"
                       " data=?, mod=0 where id=?", updates)


if __name__ == "__main__":
    main()
