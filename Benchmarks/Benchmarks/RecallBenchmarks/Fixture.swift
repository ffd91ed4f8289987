import Foundation
import RecallCore
import RecallStore

/// The generated collection, read once per benchmark process.
final class Fixture: @unchecked Sendable {
    struct DeckFile {
        var name: String
        var deck: String
        var format: DeckFormat
        var bytes: [UInt8]
    }

    static let shared = Fixture()

    let root: String
    let decksURL: URL
    let location: StoreLocation
    let now: Date
    let utc = TimeZone(identifier: "UTC") ?? .current
    let cards: [Card]
    let log: [ReviewLogEntry]
    let replay: CollectionReplay
    let records: CardRecords

    private init() {
        root = ProcessInfo.processInfo.environment["RECALL_BENCH_DIR"] ?? "/tmp/recall-bench/100k"
        decksURL = URL(fileURLWithPath: "\(root)/Decks")
        location = StoreLocation(dataDirectory: "\(root)/data", decksDirectory: decksURL.path)
        let nowText = (try? String(contentsOfFile: "\(root)/RECALL_NOW", encoding: .utf8)) ?? ""
        let formatter = ISO8601DateFormatter()
        now = formatter.date(from: nowText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? Date(timeIntervalSince1970: 0)
        cards = CollectionLoader.load(root: decksURL).cards
        do {
            let store = try ProgressStore.open(location, device: "d-bench", timeZone: utc, forWriting: false)
            log = try store.loadEntries()
            replay = store.replay
            records = store.records
        } catch {
            print("cannot read the collection at \(root): \(error); run recall-bench generate first")
            exit(1)
        }
    }

    /// The deck files with extension `ext`, read into memory.
    func deckFiles(_ ext: String) -> [DeckFile] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: decksURL.path)) ?? [])
            .filter { $0.hasSuffix(".\(ext)") }.sorted()
        return names.compactMap { name in
            guard let format = DeckFormat(fileExtension: ext),
                  let data = FileManager.default.contents(atPath: "\(decksURL.path)/\(name)") else { return nil }
            return DeckFile(name: name, deck: String(name.dropLast(ext.count + 1)), format: format, bytes: [UInt8](data))
        }
    }

    /// A copy of the collection's progress folder under this process's temp folder (removed
    /// when the process exits), for benchmarks that write.
    func scratchCopy(_ label: String) -> StoreLocation {
        let scratch = "\(Fixture.scratchFolder)/\(label)"
        let copy = StoreLocation(dataDirectory: scratch, collection: location.collection)
        do {
            try FileManager.default.createDirectory(atPath: "\(scratch)/collections", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: location.folder, toPath: copy.folder)
        } catch {
            print("cannot copy the collection to \(scratch): \(error)")
            exit(1)
        }
        return copy
    }

    private static let scratchFolder: String = {
        atexit { try? FileManager.default.removeItem(atPath: "\(NSTemporaryDirectory())/recall-bench-\(getpid())") }
        return "\(NSTemporaryDirectory())/recall-bench-\(getpid())"
    }()

    /// Reads the whole review log through the store (read-only).
    func readLog() throws -> [ReviewLogEntry] {
        try ProgressStore.open(location, device: "d-bench", timeZone: utc, forWriting: false).loadEntries()
    }
}

/// A writable copy of the collection's progress and a review session over all its cards, for
/// answering one card at a time as `recall review` does.
final class Answering: @unchecked Sendable {
    static let shared = Answering()

    let store: ProgressStore
    var session: ReviewSession
    var now: Date

    private init() {
        let f = Fixture.shared
        do {
            store = try ProgressStore.open(f.scratchCopy("answer"), device: "d-bench-answer", timeZone: f.utc, forWriting: true)
        } catch {
            print("cannot open the copy of the collection for answering: \(error)")
            exit(1)
        }
        now = f.now
        session = ReviewSession(queue: f.cards, records: store.records, replay: store.replay,
                                device: store.device, now: now)
    }

    /// Shows the next card, answers it `good` one second later, appends the entry durably
    /// and folds it into the session.
    func answerOne() throws -> CardID? {
        now += 1
        guard let card = session.nextCard(at: now) else { return nil }
        now += 1
        guard let entry = session.answerEntry(.good, at: now) else { return nil }
        let stored = try store.append(entry).entry
        _ = session.apply(stored)
        return card.id
    }
}
