#!/usr/bin/env python3
"""Imports `recall export --anki` output into Anki's own engine (PyPI `anki`) and checks
the notes Anki made: note type, deck, tags and every field's HTML.

The deck is the one Tests/RecallCLITests/ExportCommandTests.swift exports (keep the two the
same); that Swift test checks the exported text itself, this script checks that Anki reads
it as meant: Markdown emphasis and code as HTML, fenced code as <pre>, `<` and `&` escaped,
the cloze kept for Anki's Cloze note type.

Usage (from the repository root, after `swift build`):
    python3 -m venv /tmp/ankivenv && /tmp/ankivenv/bin/pip install anki
    /tmp/ankivenv/bin/python Tests/RecallAnkiTests/check_export_in_anki.py [path/to/recall]
Prints `ok: N notes imported and checked` and exits 0, or lists each difference and exits 1.
"""
import os
import subprocess
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest

HERE = os.path.dirname(os.path.abspath(__file__))
RECALL = os.path.join(HERE, "..", "..", ".build", "debug", "recall")

FRENCH = """# French

The past participle of *être* is {{c1::été}}.
Is 2 < 3 & 4 > 1? :: yes, **always**
Which Swift call prints? :: `print(a < b)`

Q: How do you print two values?
A: Call `print` with both:

```swift
let a = 1 < 2 && true
print(a, "ok")
```
"""

# (note type, deck, tags, fields) in file order.
EXPECTED = [
    ("Cloze", "French", [], ["The past participle of <em>être</em> is {{c1::été}}.", ""]),
    ("Basic", "French", [], ["Is 2 &lt; 3 &amp; 4 &gt; 1?", "yes, <strong>always</strong>"]),
    ("Basic", "French", [], ["Which Swift call prints?", "<code>print(a &lt; b)</code>"]),
    ("Basic", "French", [], ["How do you print two values?",
                             "<p>Call <code>print</code> with both:</p><pre><code class=\"language-swift\">"
                             "let a = 1 &lt; 2 &amp;&amp; true<br>print(a, \"ok\")</code></pre>"]),
]


def export(recall, work):
    decks = os.path.join(work, "Decks")
    os.makedirs(decks)
    with open(os.path.join(decks, "French.md"), "w", encoding="utf-8") as f:
        f.write(FRENCH)
    out = os.path.join(work, "export.txt")
    env = dict(os.environ, NO_COLOR="1", RECALL_DATA=os.path.join(work, "data"))
    subprocess.run([recall, "export", "--anki", out, "--decks", decks], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return out


def imported_notes(path, work):
    col = Collection(os.path.join(work, "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(path=path, delimiter=None)
        col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
        notes = []
        for nid in sorted(col.find_notes("")):
            note = col.get_note(nid)
            deck = col.decks.name(col.get_card(note.card_ids()[0]).did)
            notes.append((note.note_type()["name"], deck, sorted(note.tags), list(note.fields)))
        return notes
    finally:
        col.close()


def main():
    recall = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else RECALL)
    with tempfile.TemporaryDirectory() as work:
        notes = imported_notes(export(recall, work), work)
    problems = []
    if len(notes) != len(EXPECTED):
        problems.append(f"expected {len(EXPECTED)} notes, Anki imported {len(notes)}")
    for i, (got, want) in enumerate(zip(notes, EXPECTED), 1):
        if got != want:
            problems.append(f"note {i}:\n  expected {want!r}\n  imported {got!r}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {len(notes)} notes imported and checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
