import Foundation
import RecallStore

/// Loads a collection's deck files on another thread, through the start-up cache
/// (`decks.bin` in `cacheFolder`), so that the caller can read the progress store meanwhile:
/// the two are independent, and together they are most of a command's start-up.
final class BackgroundDeckLoad: @unchecked Sendable {
    private var loaded = LoadedCollection(cards: [], diagnostics: [], decks: [], files: [])
    private let done = DispatchSemaphore(value: 0)

    init(root: URL, cacheFolder: String) {
        let path = root.path
        DispatchQueue.global(qos: .userInitiated).async {
            self.loaded = CollectionLoader.load(root: URL(fileURLWithPath: path), cache: DeckCache(folder: cacheFolder))
            self.done.signal()
        }
    }

    /// The loaded collection (waits for the load; may be called more than once).
    func result() -> LoadedCollection {
        done.wait()
        defer { done.signal() }
        return loaded
    }
}
