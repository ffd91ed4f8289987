#!/usr/bin/env python3
"""Round trip of `recall export --apkg` through Anki's own engine (PyPI `anki`).

1. Writes Fixtures/roundtrip/reviews.jsonl: a fixed review history (every card state: new,
   learning, review, relearning, suspended, buried, forgotten and studied again, an undone
   answer) for the decks in Fixtures/roundtrip/Decks.
2. Merges it into a fresh Recall collection and runs `recall export --apkg` at
   RECALL_NOW=2026-12-06T12:00:00Z (TZ=UTC, day start 4:00).
3. Imports the package into an empty Anki collection (with scheduling) and checks every
   card: note type, deck, tags, fields, type, queue, interval, FSRS memory state, due date
   (the same date as Recall's, in UTC), the media file, the deck preset "Recall" (Recall's settings),
   the review history (one revlog row per answer Recall counts), and that Anki's Check
   Database finds nothing to fix.
4. Exports that Anki collection as Fixtures/roundtrip/from-anki.apkg (Anki's current
   format). Tests/RecallCLITests/ApkgExportTests.swift imports it with `recall import` into
   an empty collection and checks that the cards and their states are Recall's own.

The Swift tests check the package's tables and rows directly; this script is what shows
that Anki reads them as meant. Commit the regenerated files together.

Usage (from the repository root, after `swift build`):
    python3 -m venv /tmp/ankivenv && /tmp/ankivenv/bin/pip install anki
    /tmp/ankivenv/bin/python Tests/RecallAnkiTests/check_apkg_in_anki.py [path/to/recall]
Prints `ok: …` and exits 0, or lists each difference and exits 1.
"""
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

from anki.collection import (Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions,
                             ImportAnkiPackageRequest)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "Fixtures", "roundtrip")
RECALL = os.path.join(HERE, "..", "..", ".build", "debug", "recall")
NOW = "2026-12-06T12:00:00Z"
DEVICE = "fixture"


def card_id(*fields):
    """Recall's card id: FNV-1a 64 over each field normalised (lower case, whitespace
    collapsed), its UTF-8 length first as 8 little-endian bytes (docs/deck-formats.md)."""
    h = 0xCBF29CE484222325
    for field in fields:
        data = " ".join(field.lower().split()).encode()
        for byte in len(data).to_bytes(8, "little") + data:
            h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


HOLA = card_id("q", "hola")
COMO = card_id("q", "¿Cómo estás?")
COMO_BACK = card_id("r", "How are you?")
GATO = card_id("q", "el gato")
PERRO = card_id("c", "El {{c1::perro}} come {{c2::carne}}.", "1")
CARNE = card_id("c", "El {{c1::perro}} come {{c2::carne}}.", "2")
FLAG = card_id("q", "Which flag is this? [image: media/flag.png]")
JAPAN = card_id("q", "Capital of Japan?")
FRANCE = card_id("q", "Capital of France?")
NILE = card_id("q", "Longest river in Africa?")
MISC = card_id("q", "Is 2 < 3 & 4 > 1?")


def ms(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


# (time, card, event, rating, duration ms[, undo target])
HISTORY = [
    ("2026-11-20T09:00:00Z", HOLA, "review", 3, 4000),
    ("2026-11-20T09:10:00Z", HOLA, "review", 3, 3000),
    ("2026-11-23T09:00:00Z", HOLA, "review", 3, 2500),
    ("2026-12-01T10:00:00Z", HOLA, "suspend", None, 0),
    ("2026-11-20T09:01:00Z", COMO, "review", 3, 6000),
    ("2026-11-20T09:11:00Z", COMO, "review", 3, 5000),
    ("2026-11-25T09:00:00Z", COMO, "review", 3, 4000),
    ("2026-12-06T09:00:00Z", COMO, "review", 1, 9000),
    ("2026-11-20T09:02:00Z", GATO, "review", 4, 2000),
    ("2026-11-30T08:00:00Z", GATO, "review", 2, 7000),
    ("2026-12-06T11:55:00Z", PERRO, "review", 3, 3000),
    ("2026-12-06T11:56:00Z", CARNE, "bury", None, 0),
    ("2026-11-21T09:00:00Z", FLAG, "review", 3, 3000),
    ("2026-11-21T09:10:00Z", FLAG, "review", 3, 3000),
    ("2026-12-01T09:00:00Z", FLAG, "forget", None, 0),
    ("2026-12-02T09:00:00Z", FLAG, "review", 3, 3000),
    ("2026-12-02T09:10:00Z", FLAG, "review", 4, 3000),
    ("2026-11-22T09:00:00Z", JAPAN, "review", 1, 8000),
    ("2026-11-22T09:01:00Z", JAPAN, "review", 3, 5000),
    ("2026-11-22T09:11:00Z", JAPAN, "review", 3, 4000),
    ("2026-11-24T09:00:00Z", JAPAN, "review", 3, 4000),
    ("2026-12-03T09:00:00Z", FRANCE, "review", 3, 3000),
    ("2026-12-03T09:00:05Z", FRANCE, "undo", None, 0, "2026-12-03T09:00:00Z"),
    ("2026-11-20T09:03:00Z", NILE, "review", 2, 9000),
    ("2026-11-20T09:13:00Z", NILE, "review", 3, 6000),
    ("2026-11-21T09:00:00Z", NILE, "review", 3, 5000),
    ("2026-11-20T09:04:00Z", MISC, "review", 3, 1000),
    ("2026-11-20T09:14:00Z", MISC, "review", 3, 1000),
]

# Answers Recall counts (the undone one is not among them).
ANSWERS = sum(1 for e in HISTORY if e[2] == "review") - sum(1 for e in HISTORY if e[2] == "undo")


def write_log(path):
    lines = []
    for entry in sorted(HISTORY, key=lambda e: ms(e[0])):
        time, card, event, rating, duration = entry[:5]
        line = '{"card":"%s","device":"%s","dur":%d,"ev":"%s"' % (card, DEVICE, duration, event)
        if rating is not None:
            line += ',"r":%d' % rating
        line += ',"t":%d' % ms(time)
        if len(entry) > 5:
            line += ',"target":%d' % ms(entry[5])
        lines.append(line + "}\n")
    with open(path, "w") as f:
        f.writelines(lines)


def recall_export(recall, work):
    decks = os.path.join(work, "Decks")
    shutil.copytree(os.path.join(FIXTURE, "Decks"), decks)
    env = dict(os.environ, NO_COLOR="1", TZ="UTC", RECALL_NOW=NOW, RECALL_DEVICE="export",
               RECALL_DATA=os.path.join(work, "data"))
    run = lambda *args: subprocess.run([recall, *args, "--decks", decks], check=True, env=env,
                                       stdout=subprocess.DEVNULL)
    run("merge", os.path.join(FIXTURE, "reviews.jsonl"))
    out = os.path.join(work, "recall.apkg")
    run("export", "--apkg", out)
    return out


def package_rows(path, work):
    """Our package's cards by Anki card id, and its collection creation time."""
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki21", work)
    db = sqlite3.connect(os.path.join(work, "collection.anki21"))
    crt = db.execute("SELECT crt FROM col").fetchone()[0]
    rows = {r[0]: r for r in db.execute("SELECT id, type, queue, due, ivl, data FROM cards")}
    db.close()
    return crt, rows


def day(unix):
    return datetime.datetime.fromtimestamp(unix, datetime.timezone.utc).date()


# What Anki must hold for each card, by its question (first field, or field and ord):
# (deck, tags, type, queue)
EXPECTED = {
    ("hola", 0): ("Languages::Spanish", ["greetings"], 2, -1),
    ("¿Cómo estás?", 0): ("Languages::Spanish", ["greetings"], 3, 1),
    ("¿Cómo estás?", 1): ("Languages::Spanish", ["greetings"], 0, 0),
    ("el gato", 0): ("Languages::Spanish", ["animals"], 2, 2),
    ("El {{c1::perro}} come {{c2::carne}}.", 0): ("Languages::Spanish", ["animals"], 1, 1),
    ("El {{c1::perro}} come {{c2::carne}}.", 1): ("Languages::Spanish", ["animals"], 0, -3),
    ('Which flag is this? <img src="flag.png">', 0): ("Geography", [], 2, 2),
    ("Capital of Japan?", 0): ("Geography", [], 2, 2),
    ("Capital of France?", 0): ("Geography", [], 0, 0),
    ("Longest river in Africa?", 0): ("Geography::Rivers", [], 2, 2),
    ("Is 2 &lt; 3 &amp; 4 &gt; 1?", 0): ("Misc", [], 2, 2),
}


def check_in_anki(package, work, problems):
    crt, ours = package_rows(package, work)
    col = Collection(os.path.join(work, "anki", "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=package,
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
        today = col.sched.today
        seen = set()
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            key = (note.fields[0], card.ord)
            seen.add(key)
            if key not in EXPECTED:
                problems.append(f"unexpected card {key!r}")
                continue
            deck, tags, ctype, queue = EXPECTED[key]
            got = (col.decks.name(card.did), sorted(note.tags), card.type, card.queue)
            if got != (deck, tags, ctype, queue):
                problems.append(f"card {key!r}: expected {(deck, tags, ctype, queue)!r}, Anki has {got!r}")
            mine = ours.get(cid)
            if mine is None:
                problems.append(f"card {key!r}: id {cid} is not the package's")
                continue
            if card.type == 2 or card.queue == 3:
                # Days since each collection's creation day: compare the calendar dates.
                # Anki's study day starts at 4:00 (its default rollover, as Recall's).
                anki_today = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=4)).date()
                anki_due = anki_today + datetime.timedelta(days=card.due - today)
                our_due = day(crt) + datetime.timedelta(days=mine[3])
                if anki_due != our_due:
                    problems.append(f"card {key!r}: due {anki_due} in Anki, {our_due} in Recall")
                if card.ivl != mine[4]:
                    problems.append(f"card {key!r}: interval {card.ivl} in Anki, {mine[4]} in Recall")
            elif card.type in (1, 3) and card.queue == 1 and card.due != mine[3]:
                problems.append(f"card {key!r}: learning due {card.due} in Anki, {mine[3]} in Recall")
            if card.type != 0:
                data = json.loads(mine[5])
                memory = card.memory_state
                if memory is None:
                    problems.append(f"card {key!r}: no FSRS memory state in Anki")
                elif abs(memory.stability - data["s"]) > 1e-3 * data["s"] or abs(memory.difficulty - data["d"]) > 1e-3:
                    problems.append(f"card {key!r}: memory state {memory} in Anki, {data} in Recall")
        for key in EXPECTED.keys() - seen:
            problems.append(f"card {key!r} is missing in Anki")
        answers = col.db.scalar("SELECT count() FROM revlog WHERE ease > 0")
        if answers != ANSWERS:
            problems.append(f"Anki has {answers} answers in its revlog, Recall counted {ANSWERS}")
        resets = col.db.scalar("SELECT count() FROM revlog WHERE type = 4 AND ease = 0")
        if resets != 1:
            problems.append(f"Anki has {resets} resets in its revlog, expected 1")
        recall = [c for c in col.decks.all_config() if c["name"] == "Recall"]
        if len(recall) != 1 or len(recall[0].get("fsrsParams6", [])) != 21:
            problems.append("Anki has no deck preset 'Recall' with Recall's 21 FSRS parameters")
        elif any(col.decks.config_dict_for_deck_id(d.id)["name"] != "Recall"
                 for d in col.decks.all_names_and_ids() if d.name != "Default"):
            problems.append("not every imported deck uses the preset 'Recall'")
        message, ok = col.fix_integrity()
        if not ok or message.strip() != "Database rebuilt and optimized.":
            problems.append(f"Anki's Check Database found problems: {message!r}")
        if not os.path.exists(os.path.join(col.media.dir(), "flag.png")):
            problems.append("flag.png is not in Anki's media folder")
        out = os.path.join(FIXTURE, "from-anki.apkg")
        col.export_anki_package(out_path=out, options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False), limit=None)
        return len(seen)
    finally:
        col.close()


def main():
    if os.environ.get("TZ") != "UTC":
        # Anki's engine counts days in the process's time zone: the same as Recall's here.
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, TZ="UTC"))
    recall = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else RECALL)
    write_log(os.path.join(FIXTURE, "reviews.jsonl"))
    problems = []
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "anki"))
        cards = check_in_anki(recall_export(recall, work), work, problems)
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {cards} cards and {ANSWERS} answers imported by Anki and checked; wrote from-anki.apkg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
