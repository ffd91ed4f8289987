import Foundation
import RecallCore

/// How the progress store and the current decks line up (see ``ProgressStore/reconcile(with:now:)``).
public struct Reconciliation: Equatable, Sendable {
    /// A card whose question was edited, with the history carried from the old id to the new.
    public struct Match: Equatable, Sendable {
        public var from: CardID
        public var to: CardID
        public var oldQuestion: String
        public var newQuestion: String
        /// Where the card is now.
        public var location: SourceLocation
        /// 0 (unrelated) to 1 (the same text after normalising).
        public var similarity: Double
    }

    /// Edits recognised with confidence; their history now belongs to the new id.
    public var carried: [Match] = []
    /// Possible edits not acted on: the old card's history stays with its old id.
    public var unsure: [Match] = []
    /// Cards with a history that are in no deck now, with their last known question (if any).
    /// Their history is kept; it comes back if the card does.
    public var orphans: [(id: CardID, question: String?)] = []

    public static func == (a: Reconciliation, b: Reconciliation) -> Bool {
        a.carried == b.carried && a.unsure == b.unsure
            && a.orphans.map(\.id) == b.orphans.map(\.id) && a.orphans.map(\.question) == b.orphans.map(\.question)
    }

    /// One note per carried edit, for the user: nothing is wrong, the progress followed the card.
    public var carriedMessages: [Diagnostic] {
        carried.map { m in
            .note("the question changed from '\(m.oldQuestion)' to '\(m.newQuestion)'; its progress was kept", at: m.location)
        }
    }

    /// One diagnostic per uncertain match, for `recall check`.
    public var unsureMessages: [Diagnostic] {
        unsure.map { m in
            .warning("'\(m.newQuestion)' may be an edit of '\(m.oldQuestion)' (\(Int((m.similarity * 100).rounded()))% alike); its progress was not carried over",
                     at: m.location, notes: ["if it is the same card, make the texts closer; otherwise nothing needs doing"])
        }
    }
}

extension ProgressStore {
    /// Lines the store up with the deck cards: finds edited cards (a card id gone and a new
    /// one in the same file at the same position, or with very similar question text) and
    /// carries their history over, and lists orphans and uncertain matches.
    ///
    /// A writable store records carried edits in `renames.jsonl` (so they merge like reviews)
    /// and the cards in `catalog.jsonl`, and updates the card lists of the deck presets
    /// (``refreshDeckPresetCards(_:)``); a read-only one carries the edits over in memory
    /// only (writing nothing), so that every command sees the same collection before the next
    /// writer records them. Cheap when the decks have not changed since the last call.
    public func reconcile(with cards: [Card], now: Date) throws(StoreError) -> Reconciliation {
        var result = Reconciliation()
        if CardCatalog.digest(of: cards) != catalogDigest {
            let catalog = CardCatalog(cards: cards)
            let old = CardCatalog.load(path(CardCatalog.name))
            (result.carried, result.unsure) = RenameMatcher(old: old, new: catalog, records: records,
                                                            current: Set(cards.map(\.id))).matches()
            if isWritable, lock != nil {
                try record(result.carried, catalog: catalog, old: old, now: now)
            } else {
                carryInMemory(result.carried, now: now)
            }
        }
        // Cards added to, moved between or edited in decks with a preset.
        try refreshDeckPresetCards(cards)
        let carriedFrom = Set(result.carried.map(\.from))
        // Orphans are the records no card finds: mark the record each card finds (one
        // batched lookup pass), and list the unmarked ones only when some are left.
        let positions = cards.withUnsafeBufferPointer { cards in records.positions(count: cards.count) { cards[$0].id } }
        var found = [Bool](repeating: false, count: records.count)
        var foundCount = 0
        for p in positions where p >= 0 && !found[Int(p)] {
            found[Int(p)] = true
            foundCount += 1
        }
        let ids = records.keys
        let orphanIDs = foundCount == records.count ? []
            : ids.indices.filter { !found[$0] && !carriedFrom.contains(ids[$0]) }.map { ids[$0] }.sorted()
        // The catalog (one line per card) is read only to name orphans, when there are any.
        guard !orphanIDs.isEmpty else { return result }
        let known = Dictionary(CardCatalog.load(path(CardCatalog.name)).entries.map { ($0.id, $0.question) },
                               uniquingKeysWith: { a, _ in a })
        result.orphans = orphanIDs.map { ($0, known[$0]) }
        return result
    }

    /// The time of renames made `now`: `now`, but always after the log's last entry and the
    /// last rename. A rename carries the entries older than it (``RenameTable``), and here it
    /// must carry all of them, also when the clock is fixed (`RECALL_NOW`) or set back:
    /// reviews given after a fixed start time would otherwise stay with the old id.
    func renameTime(now: Date) -> Date {
        var ms = ReviewLogCodec.milliseconds(now)
        if let last = lastEntryTime() { ms = max(ms, ReviewLogCodec.milliseconds(last) + 1) }
        if let last = renames.map(\.time).max() { ms = max(ms, ReviewLogCodec.milliseconds(last) + 1) }
        return ReviewLogCodec.date(milliseconds: ms)
    }

    /// A read-only store's side of an edit: the history moves to the new id in ``records``
    /// and in the rename table that resolves log entries, and nothing is written.
    private func carryInMemory(_ carried: [Reconciliation.Match], now: Date) {
        guard !carried.isEmpty else { return }
        let time = renameTime(now: now)
        let new = carried.map { CardRename(from: $0.from, to: $0.to, time: time, device: device) }
        for r in new {
            records[r.to] = records[r.from]
            records[r.from] = nil
        }
        renames += new
        renameTable = RenameTable(renames)
        // The snapshot's records and the stats cache know these cards by their old ids:
        // stats replay the log through the rename table instead.
        snapshotBase = nil
    }

    /// When each card of `cards` was first seen in a deck, from the catalog; a card the
    /// catalog does not have yet (added since the last writer) was first seen `now`. Cards
    /// listed by a catalog from before these times were kept have none.
    public func firstSeen(_ cards: [Card], now: Date) -> [CardID: Date] {
        let catalog = CardCatalog.load(path(CardCatalog.name))
        let known = Dictionary(catalog.entries.map { ($0.id, $0.seen) }, uniquingKeysWith: { a, _ in a })
        var out: [CardID: Date] = [:]
        for card in cards {
            switch known[card.id] {
            case .some(.some(let ms)): out[card.id] = ReviewLogCodec.date(milliseconds: Int64(ms))
            case .some(.none): continue
            case .none: out[card.id] = now
            }
        }
        return out
    }

    private func record(_ carried: [Reconciliation.Match], catalog: CardCatalog, old: CardCatalog, now: Date) throws(StoreError) {
        if !carried.isEmpty {
            var bytes: [UInt8] = []
            let time = renameTime(now: now)
            let new = carried.map { CardRename(from: $0.from, to: $0.to, time: time, device: device) }
            for r in new { RenameLog.encode(r, into: &bytes) }
            try AtomicFile.append(bytes, to: path(RenameLog.name))
            for r in new {
                records[r.to] = records[r.from]
                records[r.from] = nil
            }
            (renames, renameCoverage) = try RenameLog.load(path(RenameLog.name))
            renameTable = RenameTable(renames)
        }
        var entries = catalog.entries
        // Each card keeps the time it was first seen (an edited card its old self's); a card
        // the old catalog did not have was first seen now. A catalog written before these
        // times existed (its cards without one) adds none for the cards it had.
        let seenBefore = Dictionary(old.entries.map { ($0.id, $0.seen) }, uniquingKeysWith: { a, _ in a })
        let carriedFrom = Dictionary(carried.map { ($0.to, $0.from) }, uniquingKeysWith: { a, _ in a })
        let nowMs = Int(ReviewLogCodec.milliseconds(now))
        for i in entries.indices {
            let id = entries[i].id
            let oldID = seenBefore[id] != nil ? id : carriedFrom[id]
            if let oldID, let known = seenBefore[oldID] {
                entries[i].seen = known
            } else {
                entries[i].seen = nowMs
            }
        }
        let present = Set(entries.map(\.id))
        let moved = Set(carried.map(\.from))
        entries += old.entries.filter { !present.contains($0.id) && !moved.contains($0.id) && records[$0.id] != nil }
            .map { var e = $0; e.gone = true; return e }
        try AtomicFile.write(CardCatalog(entries: entries).encoded(), to: path(CardCatalog.name))
        catalogDigest = catalog.digest
        snapshotStale = true
    }
}

/// Pairs cards that left the decks with cards that appeared, by position and text.
struct RenameMatcher {
    let old: CardCatalog
    let new: CardCatalog
    let records: CardRecords
    let current: Set<CardID>

    /// Edits that are this sure are carried over.
    static let sameSpotSimilarity = 0.5
    static let anywhereSimilarity = 0.85
    /// Below these an edit is not even suggested.
    static let unsureSimilarity = 0.6

    func matches() -> (carried: [Reconciliation.Match], unsure: [Reconciliation.Match]) {
        let oldIDs = Set(old.entries.map(\.id))
        let gone = old.entries.filter { !$0.gone && !current.contains($0.id) && records[$0.id] != nil }
        var fresh = new.entries.filter { !oldIDs.contains($0.id) && records[$0.id] == nil }
        guard !gone.isEmpty, !fresh.isEmpty else { return ([], []) }
        let compareAcrossFiles = gone.count * fresh.count <= 20_000
        var carried: [Reconciliation.Match] = [], unsure: [Reconciliation.Match] = []
        for g in gone {
            var scored: [(index: Int, similarity: Double, sameSpot: Bool)] = []
            for (i, f) in fresh.enumerated() where f.kind == g.kind && (f.file == g.file || compareAcrossFiles) {
                let similarity = 1 - textDistance(g.question, f.question)
                scored.append((i, similarity, f.file == g.file && f.pos == g.pos))
            }
            scored.sort { ($0.sameSpot ? 1 : 0, $0.similarity) > ($1.sameSpot ? 1 : 0, $1.similarity) }
            guard let best = scored.first else { continue }
            let runnerUp = scored.dropFirst().first(where: { !$0.sameSpot })?.similarity ?? 0
            let f = fresh[best.index]
            let match = Reconciliation.Match(from: g.id, to: f.id, oldQuestion: g.question, newQuestion: f.question,
                                             location: SourceLocation(file: f.file, line: f.line), similarity: best.similarity)
            let sure = (best.sameSpot && best.similarity >= Self.sameSpotSimilarity)
                || (best.similarity >= Self.anywhereSimilarity && best.similarity - runnerUp >= 0.1)
            if sure {
                carried.append(match)
                fresh.remove(at: best.index)
            } else if best.similarity >= Self.unsureSimilarity || best.sameSpot {
                unsure.append(match)
            }
        }
        return (carried, unsure)
    }
}
