// RecallStore: where progress lives on disk.
//
// A collection's progress folder holds:
//   reviews.jsonl  the append-only review log, the source of truth (ReviewLogCodec)
//   renames.jsonl  card-id renames recorded when a card's question was edited (RenameLog)
//   settings.json  the collection settings edited by `recall config` (SettingsFile)
//   state.json     the snapshot: every card's state, a cache of replaying the log (SnapshotCodec)
//   catalog.jsonl  the cards seen in the decks last time, for recognising edits (CardCatalog)
//   lock           the advisory lock of the writer holding the collection (CollectionLock)
// ProgressStore opens, reconciles and writes all of them.
