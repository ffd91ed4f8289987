#!/usr/bin/env python3
"""Builds Fixtures/block-multiple.apkg with the real Anki engine (PyPI `anki`): a package in
the current format whose collection.anki21b decompresses to an exact multiple of 128 KiB
(zstd's block size, where Recall's decompression loop once stopped one call short and
refused genuine packages as "not complete zstd data"; issue 21 item 12).

The SQLite file grows a 4 KiB page at a time, so one size in 32 is such a multiple: the
script adds Basic notes in small batches, exports after each, and stops at the first export
whose collection has that size.

Usage (from this folder):
    python3 -m venv /tmp/ankivenv && /tmp/ankivenv/bin/pip install anki zstandard
    /tmp/ankivenv/bin/python make_block_multiple.py
"""
import os
import shutil
import tempfile
import zipfile

import zstandard
from anki.collection import Collection
from anki.import_export_pb2 import ExportAnkiPackageOptions

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Fixtures", "block-multiple.apkg")
BLOCK = 128 * 1024


def unpacked_size(path):
    with zipfile.ZipFile(path) as z:
        packed = z.read("collection.anki21b")
    return len(zstandard.ZstdDecompressor().decompressobj().decompress(packed))


def main():
    work = tempfile.mkdtemp()
    col = Collection(os.path.join(work, "collection.anki2"))
    deck = col.decks.id("Block")
    basic = col.models.by_name("Basic")
    target = os.path.join(work, "out.apkg")
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False)
    n = 0
    while n < 20000:
        for _ in range(10):
            note = col.new_note(basic)
            note.fields[0] = "Question %d: what is %d times %d?" % (n, n, n + 7)
            note.fields[1] = "Answer %d" % (n * (n + 7))
            col.add_note(note, deck)
            n += 1
        col.export_anki_package(out_path=target, options=options, limit=None)
        size = unpacked_size(target)
        if size % BLOCK == 0:
            shutil.copy(target, OUT)
            print("wrote %s: %d notes, collection %d bytes (%d x 128 KiB)" % (OUT, n, size, size // BLOCK))
            break
    col.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
