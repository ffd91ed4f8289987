#!/usr/bin/env python3
"""One timed task on Anki's engine, run as a whole process by anki-side-by-side.sh.

Usage: anki_task.py import COLLECTION TSV | open COLLECTION | answer COLLECTION N | stats COLLECTION

Prints the in-process seconds (after Python and anki have been imported) on stderr, so the
report can show both whole-process and in-process figures.
"""
import sys
import time

start_import = time.perf_counter()
from anki.collection import Collection, ImportCsvRequest  # noqa: E402  (before anki.cards)
from anki.cards import Card  # noqa: E402
from anki.import_export_pb2 import CsvMetadata  # noqa: E402
from anki.scheduler_pb2 import CardAnswer  # noqa: E402


def task_import(path, tsv):
    """The cheapest honest import: metadata read from the file's own headers, one deck,
    duplicates imported as new notes instead of updating matches (Recall checks for duplicates, so this favours
    Anki slightly)."""
    col = Collection(path)
    meta = col.get_csv_metadata(tsv, delimiter=None)
    meta.deck_id = 1
    meta.dupe_resolution = CsvMetadata.DupeResolution.DUPLICATE
    log = col.import_csv(ImportCsvRequest(path=tsv, metadata=meta))
    col.close()
    return len(log.log.new)


def task_open(path):
    col = Collection(path)
    queued = col.sched.get_queued_cards(fetch_limit=1)
    first = queued.cards[0].card.id if queued.cards else None
    counts = col.sched.counts()
    col.close()
    return first, counts


def task_answer(path, n):
    col = Collection(path)
    done = 0
    for _ in range(n):
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        top = queued.cards[0]
        card = Card(col, backend_card=top.card)
        card.start_timer()
        answer = col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD)
        col.sched.answer_card(answer)
        done += 1
    col.close()
    return done


def task_stats(path):
    col = Collection(path)
    graphs = col._backend.graphs(search="", days=36500)  # all history (the stats screen's "all")
    col.close()
    return graphs.ByteSize()


def main():
    task, path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    if task == "import":
        result = task_import(path, sys.argv[3])
    elif task == "open":
        result = task_open(path)
    elif task == "answer":
        result = task_answer(path, int(sys.argv[3]))
    elif task == "stats":
        result = task_stats(path)
    else:
        sys.exit("unknown task " + task)
    t1 = time.perf_counter()
    print(result)
    print("in-process %.4f s (import of anki %.4f s)" % (t1 - t0, t0 - start_import), file=sys.stderr)


if __name__ == "__main__":
    main()
