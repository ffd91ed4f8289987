#!/usr/bin/env python3
"""Builds the hostile Anki packages in Fixtures/hostile/ and copies them to Fuzz/corpus/anki/
as the .apkg fuzz target's seeds (issue 21: shared decks are untrusted).

Each package is a legacy-schema collection (collection.anki2, the schema Anki still reads)
written with Python's sqlite3, so that values Anki's engine would never write (NULLs, reals,
2^62, Int64.max, control characters) can be put where a stranger's package can put them.
Only the standard library and the `zstd` command (Debian `zstd`) are needed.

Usage (from this folder): python3 make_hostile.py
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Fixtures", "hostile")
FUZZ = os.path.join(HERE, "..", "..", "Fuzz", "corpus", "anki")
T = 1740823200  # 2025-03-01 10:00:00 UTC, seconds
MS = T * 1000

MODELS = {"1": {"id": 1, "name": "Basic", "type": 0,
                "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}}


def collection(notes, cards, revlog, decks):
    """The bytes of a schema-11 collection. notes: (id, fields, tags); cards: (id, nid, did,
    ord, queue, mod); revlog: (id, cid, ease, type, factor, ivl, time); decks: {id: name}."""
    work = tempfile.mkdtemp()
    path = os.path.join(work, "c.anki2")
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE col (id integer primary key, models text, decks text, conf text);
        CREATE TABLE notes (id integer, mid integer, flds text, tags text);
        CREATE TABLE cards (id integer, nid integer, did integer, odid integer, ord integer,
                            queue integer, mod integer);
        CREATE TABLE revlog (id integer, cid integer, ease integer, type integer, factor integer,
                             ivl integer, time integer);
    """)
    deck_json = {str(i): {"id": i, "name": n} for i, n in decks.items()}
    db.execute("INSERT INTO col VALUES (1, ?, ?, ?)",
               (json.dumps(MODELS), json.dumps(deck_json), json.dumps({"rollover": 4})))
    for nid, fields, tags in notes:
        db.execute("INSERT INTO notes VALUES (?, 1, ?, ?)", (nid, "\x1f".join(fields) if fields is not None else None, tags))
    for c in cards:
        db.execute("INSERT INTO cards VALUES (?, ?, ?, 0, ?, ?, ?)", c)
    for r in revlog:
        db.execute("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?)", r)
    db.commit()
    db.close()
    with open(path, "rb") as f:
        data = f.read()
    shutil.rmtree(work)
    return data


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-19"], input=data, stdout=subprocess.PIPE, check=True).stdout


def package(name, entries):
    os.makedirs(OUT, exist_ok=True)
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in entries.items():
            z.writestr(zipfile.ZipInfo(entry, date_time=(2025, 4, 10, 10, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)


def unended_deflate():
    """A zip whose one entry is a deflate stream that never finishes (no final block), with
    headers that agree with it: ZIPFoundation reads past the entry's data, to the end of the
    file, and then looped forever."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(b"SQLite format 3\x00" * 64) + packer.flush(zlib.Z_SYNC_FLUSH)
    name = b"collection.anki2"
    crc, packed, size = 0x12345678, len(data), 16 * 64
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, packed, size, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, packed, size, len(name),
                          0, 0, 0, 0, 0, 0) + name
    # After the entry, a stored block that holds the rest of the file (central directory and
    # end record) keeps the stream going, unfinished, to the end of the file.
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + packed + 5, 0)
    rest = len(central) + len(end)
    return local + data + struct.pack("<BHH", 0, rest, rest ^ 0xFFFF) + central + end


def simple(question, answer, deck="Hostile", tags=" t ", review=None, mod=T, queue=0):
    """One Basic note with one card (id 100) and, when given, one revlog row."""
    rows = [review] if review else [(MS, 100, 3, 0, 0, 0, 5000)]
    return collection([(10, [question, answer], tags)], [(100, 10, 2, 0, queue, mod)], rows,
                      {1: "Default", 2: deck})


def main():
    big = 4 << 20  # zeros: a few KiB packed, 4 MiB unpacked
    cases = {
        # item 4: an entity that decodes to NUL, raw controls, an escape sequence
        "nul-field.apkg": {"collection.anki2": simple("Q \x1b]0;T\x07 one?", "hello &#0; world\x01")},
        # item 13: a bare '<'
        "bare-lt.apkg": {"collection.anki2": simple("Is 3 < 5 true?", "yes")},
        # item 6: NUL in deck names
        "nul-deck.apkg": {"collection.anki2": collection(
            [(10, ["q1", "a1"], ""), (11, ["q2", "a2"], "")],
            [(100, 10, 2, 0, 0, T), (101, 11, 3, 0, 0, T)], [], {1: "Default", 2: "nul\x00deck", 3: "Notes\x00::x"})},
        # items 7 and 9: absurd history values
        "revlog-time-huge.apkg": {"collection.anki2": simple("q", "a", review=(MS, 100, 3, 0, 0, 0, 2 ** 62))},
        "revlog-id-max.apkg": {"collection.anki2": simple("q", "a", review=(2 ** 63 - 1, 100, 3, 1, 2500, 3, 5000))},
        "card-mod-huge.apkg": {"collection.anki2": simple("q", "a", mod=2 ** 62, queue=-1)},
        "revlog-null.apkg": {"collection.anki2": collection(
            [(10, ["q", "a"], "")], [(100, 10, 2, 0, 0, T)],
            [(MS, 100, None, 0, 0, 0, 5000), (MS + 1, 100, 3, None, None, None, None),
             (MS + 2, 100, 3, 1, 1e30, 1e30, 1e30), (1e30, 100, 3, 1, 2500, 1, 5000), (None, 100, 3, 1, 0, 0, 0)],
            {1: "Default", 2: "Hostile"})},
        "null-ord-tags.apkg": {"collection.anki2": collection(
            [(10, ["q", "a"], None), (11, ["q2", "a2"], None), (None, ["q3", "a3"], "")],
            [(100, 10, 2, None, 0, T), (101, 11, 2, 0, None, None)], [], {1: "Default", 2: "Hostile"})},
        # item 9: a media-map length varint of 2^63
        "media-varint.apkg": {"collection.anki2": simple("q", "a"),
                              "media": zstd(b"\x0a" + b"\x80" * 9 + b"\x01")},
        # item 15: media that unpack to far more than they pack
        "media-bomb.apkg": {"collection.anki2": simple('<img src="big.bin">', "a"),
                            "media": json.dumps({"0": "big.bin"}).encode(), "0": bytes(big)},
        "media-bomb-zstd.apkg": {"collection.anki2": simple('<img src="big.bin">', "a"),
                                 "media": zstd(b"\x0a\x09\x0a\x07big.bin"), "0": zstd(bytes(big))},
        # item 1: a media name holding a style sequence, quoted by the size refusal
        "media-name-style.apkg": {"collection.anki2": simple('<img src="b\x1b[8mig.bin">', "a"),
                                  "media": json.dumps({"0": "b\x1b[8mig.bin"}).encode(), "0": bytes(2 << 20)},
        # item 2: a media file, for a collection whose media folder is a link
        "media-payload.apkg": {"collection.anki2": simple('see <img src="payload.sh">', "a"),
                               "media": json.dumps({"0": "payload.sh"}).encode(), "0": b"echo pwned\n"},
        # item 5: a deck called Spanish, for a collection whose Spanish.md is not UTF-8
        "spanish.apkg": {"collection.anki2": simple("el perro", "the dog", deck="Spanish")},
    }
    for name, entries in cases.items():
        package(name, entries)
    with open(os.path.join(OUT, "unended-deflate.apkg"), "wb") as f:
        f.write(unended_deflate())
    cases["unended-deflate.apkg"] = None
    os.makedirs(FUZZ, exist_ok=True)
    for name in cases:
        shutil.copy(os.path.join(OUT, name), os.path.join(FUZZ, name))
    print("wrote", ", ".join(sorted(cases)))


if __name__ == "__main__":
    main()
