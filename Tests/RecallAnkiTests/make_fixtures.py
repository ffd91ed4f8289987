#!/usr/bin/env python3
"""Builds the small Anki packages in Fixtures/ with the real Anki engine (PyPI `anki`).

How the days are simulated: the engine (Rust, called from Python) reads the system clock, so
the script runs under libfaketime (Debian `faketime`) with FAKETIME_TIMESTAMP_FILE and
FAKETIME_NO_CACHE=1, and moves the clock by rewriting that file. Every review is then made by
Anki's own v3 scheduler with FSRS on (`get_queued_cards` + `answerCard`), at the fake time, so
revlog ids, intervals and each card's `memory_state` are exactly what Anki computes. Nothing in
the database is written by hand.

The fake clock keeps running between the times the script sets, so ids (and, through Anki's
id-seeded fuzz, the intervals) differ from run to run: every run gives an equally valid set of
files, and small-expected.json always matches the packages made with it. Commit them together.

Time zone UTC (TZ=UTC) and Anki's default day start (rollover) 4:00 are used; the Swift tests
pass the same to Recall.

Usage (from this folder):
    python3 -m venv /tmp/ankivenv && /tmp/ankivenv/bin/pip install anki
    apt-get install faketime
    /tmp/ankivenv/bin/python make_fixtures.py
The script re-executes itself under libfaketime when it is not already. `--damaged-only`
only remakes the damaged-*.apkg files (from small-latest.apkg).
"""
import datetime
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Fixtures")
CLOCK = os.path.join(tempfile.gettempdir(), "recall-anki-fixture-clock.txt")
START = 1740823200  # 2025-03-01 10:00:00 UTC
FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
NOW = [START]


def set_time(t):
    """Moves the (fake) clock of this process, and so of Anki's engine, to unix time `t`."""
    NOW[0] = t
    stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    with open(CLOCK, "w") as f:
        f.write("@%s\n" % stamp)


def relaunch_under_faketime():
    if os.environ.get("RECALL_FIXTURE_FAKED") == "1":
        return
    set_time(START)
    env = dict(os.environ, TZ="UTC", LD_PRELOAD=FAKETIME, FAKETIME_TIMESTAMP_FILE=CLOCK,
               FAKETIME_NO_CACHE="1", RECALL_FIXTURE_FAKED="1")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


# A 1x1 PNG and a tiny (not really playable) "mp3".
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5273d"
                    "a30000000049454e44ae426082")
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00recall-fixture"


def build(col):
    col.set_config("fsrs", True)
    col.set_config("rollover", 4)
    geo = col.decks.id("Geography")
    spanish = col.decks.id("Languages::Spanish")
    physics = col.decks.id("Science::Physics")
    flag = col.media.write_data("flag of japan.png", PNG)
    hola = col.media.write_data("hola.mp3", MP3)

    mm = col.models
    vocab = mm.copy(mm.by_name("Basic"), add=False)
    vocab["name"] = "Vocab"
    mm.add_field(vocab, mm.new_field("Example"))
    mm.add(vocab)

    def add(kind, deck, fields, tags):
        note = col.new_note(mm.by_name(kind))
        for i, value in enumerate(fields):
            note.fields[i] = value
        note.tags = tags
        col.add_note(note, deck)

    add("Basic", geo, ["What is the capital of <b>France</b>?", "Paris"], ["geo", "europe"])
    add("Basic", geo, ['Which flag is this?<br><img src="%s">' % flag, "Japan"], ["geo", "flags"])
    add("Basic", geo, ["Longest river in Africa?", "The&nbsp;Nile<div>about 6,650&nbsp;km</div>"], ["geo"])
    add("Basic (and reversed card)", spanish, ["el perro", "the dog"], ["spanish"])
    add("Basic (optional reversed card)", spanish, ["el gato", "the cat", "y"], ["spanish"])
    add("Basic (optional reversed card)", spanish, ["la casa", "the house", ""], ["spanish"])
    add("Vocab", spanish, ["hablar", "to speak", "<i>Hablo</i> español."], ["spanish", "verbs"])
    add("Basic", spanish, ["Listen: [sound:%s]" % hola, "hola"], ["spanish", "audio"])
    add("Cloze", physics, ["{{c1::Newton}} wrote the laws of {{c2::motion::topic}}", "1687"], ["physics"])
    add("Basic", physics, ["Speed of light?", "299&nbsp;792 km/s"], ["physics"])
    add("Basic", physics, ["Unit of force?", "newton (N)"], [])


def study_day(col, rng):
    """Answers every card due today in each top-level deck, moving the clock on while
    learning steps wait."""
    for name in ["Geography", "Languages", "Science"]:
        col.decks.select(col.decks.id(name))
        study_deck(col, rng)


def study_deck(col, rng):
    waited = 0
    while True:
        card = col.sched.getCard()
        if card is None:
            counts = col.sched.counts()
            if counts[1] > 0 and waited < 180:
                set_time(NOW[0] + 300)
                waited += 5
                continue
            return
        card.start_timer()
        set_time(NOW[0] + rng.randint(3, 20))
        ease = rng.choices([1, 2, 3, 4], weights=[15, 15, 60, 10])[0]
        col.sched.answerCard(card, ease)


def cram_once(col):
    """One review in a filtered deck that does not reschedule (a cram entry in the revlog)."""
    did = col.decks.new_filtered("Cram")
    deck = col.decks.get(did)
    deck["terms"] = [["deck:Geography", 100, 0]]
    deck["resched"] = False
    col.decks.save(deck)
    col.sched.rebuild_filtered_deck(did)
    col.decks.select(did)
    card = col.sched.getCard()
    if card is not None:
        card.start_timer()
        set_time(NOW[0] + 7)
        col.sched.answerCard(card, 3)
    col.sched.empty_filtered_deck(did)
    col.decks.remove([did])


def simulate(col):
    rng = random.Random(8)
    cards = sorted(col.find_cards(""))
    for day in range(40):
        set_time(START + day * 86400)
        if day == 10:
            col.sched.set_due_date([cards[0]], "5")
        if day == 12:
            col.sched.schedule_cards_as_new([cards[1]], restore_position=False, reset_counts=False)
        if day == 15:
            cram_once(col)
        study_day(col, rng)
    col.sched.suspend_cards([cards[2]])
    col.sched.bury_cards([cards[3]], manual=True)


def dump(col, path):
    cards = []
    for cid in sorted(col.find_cards("")):
        card = col.get_card(cid)
        note = card.note()
        state = card.memory_state
        computed = col.compute_memory_state(cid)
        cards.append({
            "ankiCardID": cid, "ord": card.ord, "notetype": note.note_type()["name"],
            "firstField": note.fields[0], "deck": col.decks.name(card.did), "tags": note.tags,
            "queue": card.queue, "reviews": col.db.scalar(
                "select count() from revlog where cid=? and ease>0", cid),
            "stability": state.stability if state else None,
            "difficulty": state.difficulty if state else None,
            "computedStability": computed.stability, "computedDifficulty": computed.difficulty,
            # The day a review card is due: `due` counts days from the collection's creation day.
            "dueDate": (datetime.datetime.fromtimestamp(col.crt, datetime.timezone.utc).date()
                        + datetime.timedelta(days=card.due)).isoformat() if card.type == 2 else None,
        })
    info = {"timeZone": "UTC", "dayStartHour": 4, "exportedAt": NOW[0], "cards": cards}
    with open(path, "w") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")


def export(col):
    from anki.import_export_pb2 import ExportAnkiPackageOptions
    for name, legacy in [("small-legacy.apkg", True), ("small-latest.apkg", False)]:
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True,
                                           with_media=True, legacy=legacy)
        col.export_anki_package(out_path=os.path.join(OUT, name), options=options, limit=None)
    col.export_collection_package(os.path.join(OUT, "small.colpkg"), include_media=True, legacy=False)


def make_damaged():
    """Damaged packages for the refusal tests, cut from the latest-format package."""
    import zipfile
    with zipfile.ZipFile(os.path.join(OUT, "small-latest.apkg")) as z:
        packed = z.read("collection.anki21b")
        media = z.read("media")
    cases = {
        "damaged-zstd.apkg": {"collection.anki21b": packed[: len(packed) // 2], "media": media},
        "damaged-sqlite.apkg": {"collection.anki21": b"SQLite format 3\x00" + b"\x17" * 4000},
        "damaged-no-collection.apkg": {"media": b"{}"},
    }
    for name, entries in cases.items():
        with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
            for entry, data in entries.items():
                info = zipfile.ZipInfo(entry, date_time=(2025, 4, 10, 10, 0, 0))
                z.writestr(info, data)
    with open(os.path.join(OUT, "small-latest.apkg"), "rb") as f:
        whole = f.read()
    with open(os.path.join(OUT, "damaged-truncated.apkg"), "wb") as f:
        f.write(whole[: len(whole) * 2 // 3])


def main():
    if sys.argv[1:] == ["--damaged-only"]:
        make_damaged()
        return
    relaunch_under_faketime()
    from anki.collection import Collection
    work = tempfile.mkdtemp()
    col = Collection(os.path.join(work, "collection.anki2"))
    build(col)
    simulate(col)
    set_time(START + 40 * 86400)
    dump(col, os.path.join(OUT, "small-expected.json"))
    export(col)
    make_damaged()
    shutil.rmtree(work)
    print("wrote", ", ".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
