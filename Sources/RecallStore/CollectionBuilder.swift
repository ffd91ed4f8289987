#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import RecallCore

/// Collects the parsed files of a collection walk, then removes duplicates and counts decks.
///
/// The walk only lists what to read (``Step``); ``finish()`` parses the files on all cores
/// and then adds the results in walk order, so output does not depend on timing.
struct CollectionBuilder {
    /// One thing the walk found, in order: a deck file to parse or a problem to report.
    enum Step: Sendable {
        case file(path: String, display: String, deck: String, format: DeckFormat?)
        case problem(Diagnostic)
    }

    /// The cards of each file read, in walk order (duplicates are removed in ``finish()``).
    var cardsByFile: [[Card]] = []
    var diagnostics: [Diagnostic] = []
    var declaredDecks: Set<String> = []
    var files: [String] = []
    var steps: [Step] = []
    private var visited: Set<[UInt64]> = []
    /// Earlier parses of unchanged files, when the caller keeps them (see ``DeckCache``).
    var cache: DeckCache?

    /// Queues a problem to report at this point of the walk.
    mutating func report(_ diagnostic: Diagnostic) { steps.append(.problem(diagnostic)) }

    /// Queues a deck file to parse.
    mutating func read(path: String, display: String, deck: String, format: DeckFormat? = nil) {
        steps.append(.file(path: path, display: display, deck: deck, format: format))
    }

    /// Parses every queued file (in parallel when there are several) and adds the results
    /// and problems in the order the walk found them.
    private mutating func runSteps() {
        let steps = self.steps
        self.steps = []
        nonisolated(unsafe) let parsed = UnsafeMutableBufferPointer<ParsedDeck?>.allocate(capacity: steps.count)
        parsed.initialize(repeating: nil)
        defer {
            parsed.deinitialize() // release the parsed decks before freeing the buffer
            parsed.deallocate()
        }
        let cache = self.cache
        let parse: @Sendable (Int) -> Void = { i in
            if case .file(let path, let display, let deck, let format) = steps[i] {
                parsed[i] = cache?.load(path: path, display: display, deck: deck, format: format)
                    ?? DeckFile.load(path: path, displayPath: display, deck: deck, format: format, keepingNotes: false)
            }
        }
        if steps.count > 1 {
            DispatchQueue.concurrentPerform(iterations: steps.count, execute: parse)
        } else {
            for i in steps.indices { parse(i) }
        }
        for (i, step) in steps.enumerated() {
            switch step {
            case .problem(let diagnostic): diagnostics.append(diagnostic)
            case .file(_, let display, _, _): if let result = parsed[i].take() { add(result, file: display) }
            }
        }
    }

    mutating func add(_ parsed: consuming ParsedDeck, file: String) {
        diagnostics.append(contentsOf: parsed.diagnostics)
        declaredDecks.formUnion(parsed.decks)
        files.append(file)
        cardsByFile.append(parsed.cards)
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
            report(DeckFile.systemError("read the folder", shown, errno))
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
                read(path: path, display: childDisplay, deck: deck, format: format)
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
    mutating func finish() -> LoadedCollection {
        runSteps()
        var remover = DuplicateCards.Remover(expectedCount: cardsByFile.reduce(0) { $0 + $1.count })
        for i in cardsByFile.indices {
            let cards = cardsByFile[i]
            cardsByFile[i] = []  // so that `cards` is the only reference and its cards can be moved
            remover.add(cards)
        }
        cardsByFile = []
        let unique = remover.cards
        var counts: [String: Int] = [:]
        for name in declaredDecks { counts[name] = 0 }
        // Cards come in runs of one deck: count each run, then add it to its deck once.
        var run: (deck: String, count: Int)?
        for card in unique {
            if let current = run, current.deck == card.deck {
                run = (current.deck, current.count + 1)
            } else {
                if let current = run { counts[current.deck, default: 0] += current.count }
                run = (card.deck, 1)
            }
        }
        if let current = run { counts[current.deck, default: 0] += current.count }
        let decks = counts.map { DeckSummary(name: $0.key, cardCount: $0.value) }.sorted { $0.name < $1.name }
        return LoadedCollection(cards: unique, diagnostics: diagnostics + remover.diagnostics, decks: decks,
                                files: files)
    }
}
