#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecallCore

/// Collects the parsed files of a collection walk, then removes duplicates and counts decks.
struct CollectionBuilder {
    var cards: [Card] = []
    var diagnostics: [Diagnostic] = []
    var declaredDecks: Set<String> = []
    var files: [String] = []
    private var visited: Set<[UInt64]> = []

    mutating func add(_ parsed: ParsedDeck, file: String) {
        cards.append(contentsOf: parsed.cards)
        diagnostics.append(contentsOf: parsed.diagnostics)
        declaredDecks.formUnion(parsed.decks)
        files.append(file)
    }

    /// Reads every deck file under `folder`, sorted by name, skipping hidden entries.
    /// - Parameters:
    ///   - relative: the folder's path inside the collection, for deck names (`""` at the root).
    ///   - display: the folder as shown in diagnostics (`""` for paths relative to it).
    mutating func walk(folder: String, relative: String, display: String, depth: Int = 0) {
        var st = stat()
        if stat(folder, &st) == 0 {
            let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
            guard !visited.contains(key), depth <= CollectionLoader.maximumDepth else { return }
            visited.insert(key)
        }
        let shown = display.isEmpty ? (relative.isEmpty ? "." : relative) : display
        guard let names = Self.listFolder(folder) else {
            diagnostics.append(DeckFile.systemError("read the folder", shown, errno))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            let childDisplay = display.isEmpty ? childRelative : (display.hasSuffix("/") ? display + name : display + "/" + name)
            var entry = stat()
            guard stat(path, &entry) == 0 else { continue }  // e.g. a dangling symlink
            if entry.st_mode & S_IFMT == S_IFDIR {
                let nextDisplay = display.isEmpty ? "" : childDisplay
                walk(folder: path, relative: childRelative, display: nextDisplay, depth: depth + 1)
            } else if let format = DeckFormat(fileExtension: DeckName.fileExtension(name)) {
                let deck = DeckName.forFile(relativePath: childRelative)
                add(DeckFile.load(path: path, displayPath: childDisplay, deck: deck, format: format),
                    file: childDisplay)
            }
        }
    }

    /// The entry names of a folder sorted by their bytes; `nil` (with `errno`) when unreadable.
    static func listFolder(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Drops duplicate cards (warning at each) and counts cards per deck.
    func finish() -> LoadedCollection {
        let (unique, duplicates) = DuplicateCards.removeDuplicates(cards)
        var counts: [String: Int] = [:]
        for name in declaredDecks { counts[name] = 0 }
        for card in unique { counts[card.deck, default: 0] += 1 }
        let decks = counts.map { DeckSummary(name: $0.key, cardCount: $0.value) }.sorted { $0.name < $1.name }
        return LoadedCollection(cards: unique, diagnostics: diagnostics + duplicates, decks: decks, files: files)
    }
}
