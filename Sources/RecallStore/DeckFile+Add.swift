import Foundation
import RecallCore

/// A card ready to be written into a deck file: what the file will hold and where the card
/// lands. Made by ``DeckFile/prepareAdding(_:to:root:collection:force:)``, written by
/// ``DeckFile/commit(_:)``.
public struct PendingCard: Sendable {
    public let target: DeckTarget
    /// The deck file's full path.
    public let path: String
    /// The file's bytes when the card was prepared; the write is refused if they changed.
    let original: [UInt8]
    public let addition: CardAddition
    /// Cards of the collection that the new note repeats (only with `force`).
    public let duplicates: [Card]

    /// `Geography.tsv:31`: where the card will be.
    public var place: SourceLocation { SourceLocation(file: target.file, line: addition.line) }
}

extension DeckFile {
    /// Reads the target deck file and works out the new card's place and bytes, writing
    /// nothing. Refused (each reason a diagnostic): an unreadable file or one with errors (its
    /// own diagnostics), a card the format cannot hold, and a card already in `collection`
    /// (unless `force` and the note still makes some card of its own).
    public static func prepareAdding(_ note: DeckNote, to target: DeckTarget, root: URL, collection: [Card],
                                     force: Bool) -> Result<PendingCard, AddRefusal> {
        guard let format = target.format else { return .failure(AddRefusal([unsupported(target.file)])) }
        let path = root.appendingPathComponent(target.file).path
        let bytes: [UInt8]
        switch read(path: path, displayPath: target.file) {
        case .failure(let diagnostic): return .failure(AddRefusal([diagnostic]))
        case .success(let read): bytes = read
        }
        var note = note
        note.deck = target.deck
        let existing = duplicates(of: note, in: collection)
        let allRepeated = existing.count == note.cardCount
        if let first = existing.first, !force || allRepeated {
            return .failure(AddRefusal([duplicate(first, allRepeated: allRepeated)]))
        }
        do {
            let addition = try CardWriter.add(note, to: bytes, file: target.file, fileDeck: target.fileDeck, format: format)
            return .success(PendingCard(target: target, path: path, original: bytes, addition: addition,
                                        duplicates: existing))
        } catch {
            switch error {
            case .fileHasErrors(let diagnostics):
                return .failure(AddRefusal(diagnostics + [.note(
                    "nothing was written: fix '\(target.file)' first, then add the card again", at: nil)]))
            case .cannotWrite:
                return .failure(AddRefusal(error.diagnostics))
            }
        }
    }

    /// Writes a prepared card: atomically, and only when the file still holds the bytes it
    /// was prepared from (an edit made meanwhile is never overwritten) and is not reached
    /// through a link out of the collection.
    public static func commit(_ pending: PendingCard, root: URL) throws(StoreError) {
        try CollectionBoundary.checkWrite(to: pending.path, inside: root.path)
        guard case .success(let now) = read(path: pending.path, displayPath: pending.target.file),
              now == pending.original else {
            throw StoreError(path: pending.path, reason: "'\(pending.target.file)' changed while the card was being added; nothing was written",
                             notes: ["add the card again"])
        }
        // A link to another deck file in the collection is written through, not replaced.
        try AtomicFile.write(pending.addition.bytes, to: URL(fileURLWithPath: pending.path).resolvingSymlinksInPath().path)
    }

    /// The cards of `collection` that `note` would make again.
    public static func duplicates(of note: DeckNote, in collection: [Card]) -> [Card] {
        let ids = note.cardIDs
        return collection.filter { ids.contains($0.id) }
    }

    /// The refusal of a card already in the collection, naming where it is.
    public static func duplicate(_ card: Card, allRepeated: Bool) -> Diagnostic {
        .error("this card is already in the collection: '\(card.question.split(separator: "\n").first.map { String($0.prefix(60)) } ?? "")'", at: nil, notes: [
            "it is at \(card.source); cards whose questions differ only in case or spacing are the same card"
                + (allRepeated ? "" : "; --force adds the note anyway, without that card"),
        ])
    }
}

extension CollectionLock {
    /// Takes the lock of the collection at `location` (creating its folder), as a writer of
    /// its progress does; for writers of deck files such as `recall add`.
    public static func take(_ location: StoreLocation) throws(StoreError) -> CollectionLock {
        try CollectionBoundary.checkWrite(to: location.folder, inside: location.dataDirectory)
        try AtomicFile.makeFolders(location.folder)
        return try CollectionLock(path: "\(location.folder)/lock")
    }
}

/// Why a card was not added: diagnostics to show, nothing written.
public struct AddRefusal: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
