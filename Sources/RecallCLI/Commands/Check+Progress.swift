import Foundation
import RecallCore
import RecallStore

extension Recall.Check {
    /// At most this many orphans are named one by one; the rest are counted.
    static let orphansListed = 10

    /// Warnings from lining the collection up with its progress (read-only): uncertain
    /// edits and orphans. A progress store that cannot be read is an error.
    func progressDiagnostics(cards: [Card]) -> [Diagnostic] {
        let location = StoreAccess.location(collection)
        guard CollectionLoaderAccess.isFolder(location.folder) else { return [] }
        let store: ProgressStore
        do {
            store = try ProgressStore.open(location, device: "", timeZone: Clock.timeZone, forWriting: false)
        } catch {
            return [error.diagnostic]
        }
        // The store knows cards by paths relative to the collection folder; `check` shows
        // them as the user named the folder ("Decks/a.txt").
        let prefix = collection.decksDirectory().relativePath + "/"
        let rooted = cards.map { card in
            var card = card
            if card.source.file.hasPrefix(prefix) { card.source.file.removeFirst(prefix.count) }
            return card
        }
        guard let result = try? store.reconcile(with: rooted, now: Clock.now()) else { return [] }
        let unsure = result.unsureMessages.map { diagnostic in
            var diagnostic = diagnostic
            if let place = diagnostic.location {
                diagnostic.location = SourceLocation(file: prefix + place.file, line: place.line)
            }
            return diagnostic
        }
        return unsure + Self.orphanDiagnostics(result.orphans)
    }

    /// One warning naming up to ``orphansListed`` orphans by their last known question.
    static func orphanDiagnostics(_ orphans: [(id: CardID, question: String?)]) -> [Diagnostic] {
        guard !orphans.isEmpty else { return [] }
        var notes = orphans.prefix(orphansListed).map { orphan in
            "card \(orphan.id)" + (orphan.question.map { ": '\($0)'" } ?? "")
        }
        if orphans.count > orphansListed { notes.append("and \(orphans.count - orphansListed) more") }
        notes.append("their review history is kept and comes back if the cards return to a deck")
        let what = orphans.count == 1 ? "1 card with a review history is" : "\(orphans.count) cards with a review history are"
        return [.warning("\(what) in no deck now", at: nil, notes: notes)]
    }
}
