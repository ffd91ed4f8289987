import Foundation
import RecallCore

/// Everything an Anki import will write, worked out before anything is written.
public struct AnkiImportPlan: Sendable {
    /// A deck file to create, or to extend when it already exists.
    public struct DeckFileText: Sendable, Equatable {
        /// Relative to the collection, `/`-separated, e.g. `Languages/Spanish.md`.
        public var relativePath: String
        public var text: String
        public var cardCount: Int
    }

    /// A media file to put under the collection's `media/` folder.
    public struct MediaFile: Sendable, Equatable {
        /// Relative to the collection, e.g. `media/flag.png`.
        public var relativePath: String
        /// The unpacked file, in ``AnkiImportPlan/staging``.
        public var stagedPath: String
    }

    public var files: [DeckFileText] = []
    public var media: [MediaFile] = []
    /// The review-log entries made from Anki's history, in log order.
    public var entries: [ReviewLogEntry] = []
    /// Each imported Anki card id and the Recall card it became.
    public var cardIDs: [Int64: CardID] = [:]
    /// Cards written to new or extended deck files.
    public var newCards = 0
    /// Cards the collection already had (their history still counts).
    public var knownCards = 0
    /// Cards left out because another note in the package makes the same card.
    public var duplicateCards = 0
    /// The hour Anki's days start at in this package ("next day starts at"), when recorded.
    public var ankiDayStartHour: Int?
    /// Things the user should know (note types read loosely, notes left out, missing media).
    public var warnings: [String] = []
    /// Fields and tags that had control characters removed, and deck names that did.
    public var cleanedFields = 0
    public var cleanedDeckNames = 0
    /// The private temporary folder holding the unpacked media; removed with the plan.
    public var staging: AnkiStaging?
}

/// The deck-file side of planning: renders each deck's notes, reads them back with Recall's
/// own parser so that every card id is exactly what the deck loader will compute, and keeps
/// only the notes the collection does not have yet.
struct AnkiDeckPlanner {
    var known: Set<CardID>
    var seen: Set<CardID> = []
    var ids: [AnkiNoteConverter.Slot: CardID] = [:]
    var unreadable = 0

    /// The relative path of the deck file for Anki deck `name`: levels become folders.
    static func relativePath(forDeck name: String) -> String {
        safeDeckName(name).components(separatedBy: "::").joined(separator: "/") + ".md"
    }

    /// Anki deck `name` with each level made a safe file name: no control characters (a NUL
    /// would cut the path short), no `/` or backslash, no leading dot, no surrounding spaces, not
    /// empty, and short enough for any file system (at most ``longestLevel`` bytes of UTF-8).
    static func safeDeckName(_ name: String) -> String {
        AnkiCleanText.name(name).text.components(separatedBy: "::").map { part -> String in
            var p = part.trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-")
            if p.hasPrefix(".") { p = "_" + p.dropFirst() }
            while p.utf8.count > longestLevel { p.removeLast() }
            p = p.trimmingCharacters(in: .whitespaces)
            return p.isEmpty ? "_" : p
        }.joined(separator: "::")
    }

    /// Bytes one level of a deck name may have as a file name (most file systems allow 255,
    /// and the `.md` and a temporary suffix need room).
    static let longestLevel = 200

    /// Plans one deck; returns the file text for its new notes (nil when none).
    mutating func plan(deck: String, notes input: [DeckNote], plan: inout AnkiImportPlan) -> AnkiImportPlan.DeckFileText? {
        let path = Self.relativePath(forDeck: deck)
        let deckName = DeckName.forFile(relativePath: path)
        let notes = input.map { n -> DeckNote in var n = n; n.deck = deckName; return n }
        let cards = readBack(notes, path: path, deck: deckName)
        var fresh: [DeckNote] = []
        var freshCards = 0
        for (index, noteCards) in cards.enumerated() {
            guard let noteCards else { continue }
            let noteIDs = noteCards.map(\.id)
            if noteIDs.contains(where: { seen.contains($0) }) {
                plan.duplicateCards += noteIDs.count
                continue
            }
            seen.formUnion(noteIDs)
            for (side, id) in Self.sides(noteCards) {
                ids[AnkiNoteConverter.Slot(deck: deck, note: index, side: side)] = id
            }
            if noteIDs.allSatisfy({ known.contains($0) }) {
                plan.knownCards += noteIDs.count
            } else {
                fresh.append(notes[index])
                freshCards += noteIDs.count
            }
        }
        guard !fresh.isEmpty else { return nil }
        plan.newCards += freshCards
        var text = MarkdownDeckWriter.render(fresh, deck: deckName)
        if !text.hasSuffix("\n") { text += "\n" }
        return .init(relativePath: path, text: text, cardCount: freshCards)
    }

    /// The cards of each note as the deck loader will read them (nil for a note that does not
    /// read back as written).
    private mutating func readBack(_ notes: [DeckNote], path: String, deck: String) -> [[Card]?] {
        let whole = DeckParser.parse(text: MarkdownDeckWriter.render(notes, deck: deck), file: path, deck: deck,
                                     format: .markdown)
        if !whole.hasErrors, whole.notes.count == notes.count, zip(whole.notes, notes).allSatisfy({ same($0, $1) }) {
            return whole.notes.map { $0.cards(file: path) }
        }
        return notes.map { note in
            let one = DeckParser.parse(text: MarkdownDeckWriter.render([note], deck: deck), file: path, deck: deck,
                                       format: .markdown)
            guard !one.hasErrors, one.notes.count == 1, same(one.notes[0], note) else { unreadable += 1; return nil }
            return one.notes[0].cards(file: path)
        }
    }

    /// Same kind of note with the same number of cards (the texts may be normalised).
    private func same(_ a: DeckNote, _ b: DeckNote) -> Bool {
        switch (a.content, b.content) {
        case (.basic, .basic), (.twoWay, .twoWay): return true
        case let (.cloze(x), .cloze(y)): return x.numbers == y.numbers
        default: return false
        }
    }

    private static func sides(_ cards: [Card]) -> [(AnkiNoteConverter.Side, CardID)] {
        cards.map { card in
            switch card.kind {
            case .basic: return (.front, card.id)
            case .reversed: return (.back, card.id)
            case .cloze(let n): return (.cloze(n), card.id)
            }
        }
    }
}
