#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import RecallCore

/// Collects the parsed files of a collection walk, then removes duplicates and counts decks.
///
/// The walk only lists what to read (``Step``); ``finish()`` reads the files on all cores
/// and then adds the results in walk order, so output does not depend on timing.
struct CollectionBuilder {
    /// One thing the walk found, in order: a deck file to parse or a problem to report.
    enum Step: Sendable {
        case file(path: String, display: String, deck: String, format: DeckFormat?)
        case problem(Diagnostic)
    }

    var diagnostics: [Diagnostic] = []
    var declaredDecks: Set<String> = []
    var files: [String] = []
    var steps: [Step] = []
    private var visited: Set<[UInt64]> = []
    /// The walk's first folder with links resolved: a link to somewhere outside it is
    /// reported (see ``CollectionBoundary``).
    private var resolvedRoot: String?
    /// Earlier parses of unchanged files, when the caller keeps them (see ``DeckCache``).
    var cache: DeckCache?

    /// Queues a problem to report at this point of the walk.
    mutating func report(_ diagnostic: Diagnostic) { steps.append(.problem(diagnostic)) }

    /// Queues a deck file to parse.
    mutating func read(path: String, display: String, deck: String, format: DeckFormat? = nil) {
        steps.append(.file(path: path, display: display, deck: deck, format: format))
    }

    /// Reads every queued file, in parallel when there are several, and adds the problems
    /// and each file's results in the order the walk found them. The cards of all files go
    /// into one array, each file's straight into its place (a cached file's cards are decoded
    /// there). Nil when a cached entry turned out unusable after all: it is dropped from the
    /// cache, and the caller starts again from where it was.
    private mutating func readSteps() -> [Card]? {
        let steps = self.steps
        self.steps = []
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<DeckCache.Lookup?>.allocate(capacity: steps.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()  // release what is left before freeing the buffer
            results.deallocate()
        }
        let cache = self.cache
        Self.forEach(steps.count) { i in
            if case .file(let path, let display, let deck, let format) = steps[i] {
                results[i] = cache?.lookup(path: path, display: display, deck: deck, format: format)
                    ?? .parsed(DeckFile.load(path: path, displayPath: display, deck: deck, format: format,
                                             keepingNotes: false))
            }
        }
        var offsets = [Int](repeating: 0, count: steps.count + 1)  // where each step's cards go
        for i in steps.indices { offsets[i + 1] = offsets[i] + add(results[i], of: steps[i]) }
        let starts = offsets
        // No cards: nothing to fill, and no zero-capacity array (its shared empty storage is
        // written to, a data race when two collections are built at once).
        guard starts[steps.count] > 0 else { return [] }
        nonisolated(unsafe) let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: steps.count)
        failed.initialize(repeating: false)
        defer { failed.deallocate() }
        let cards = [Card](unsafeUninitializedCapacity: starts[steps.count]) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            Self.forEach(steps.count) { i in
                let slots = UnsafeMutableBufferPointer(rebasing: buffer[starts[i]..<starts[i + 1]])
                failed[i] = !Self.fill(slots, with: results[i].take(), cache: cache)
            }
            initialized = starts[steps.count]
        }
        guard failed.contains(true) else { return cards }
        for (i, step) in steps.enumerated() where failed[i] {
            if case .file(_, let display, _, _) = step { cache?.discard(display) }
        }
        return nil
    }

    /// Adds a step's problem, or the diagnostics, declared decks and name of the file it
    /// read; returns how many cards the file holds.
    private mutating func add(_ result: DeckCache.Lookup?, of step: Step) -> Int {
        switch (step, result) {
        case (.problem(let diagnostic), _):
            diagnostics.append(diagnostic)
        case (.file(_, let display, _, _), .cached(let cards)?):
            declaredDecks.formUnion(cards.decks)
            files.append(display)
            return cards.count
        case (.file(_, let display, _, _), .parsed(let parsed)?):
            diagnostics.append(contentsOf: parsed.diagnostics)
            declaredDecks.formUnion(parsed.decks)
            files.append(display)
            return parsed.cards.count
        case (.file, nil):
            break
        }
        return 0
    }

    /// Initializes `slots` with the cards of one file, moved out of its parse or decoded from
    /// the cache; false (and `slots` filled with empty cards) when the cache could not give them.
    private static func fill(_ slots: UnsafeMutableBufferPointer<Card>, with result: consuming DeckCache.Lookup?,
                             cache: DeckCache?) -> Bool {
        guard let base = slots.baseAddress else { return true }
        switch result {
        case .parsed(var parsed)?:
            // Moved out from the end: no copy, and the parse's array frees nothing but itself.
            while let card = parsed.cards.popLast() { (base + parsed.cards.count).initialize(to: card) }
            return true
        case .cached(let cards)?:
            let made = cache?.decode(cards, into: slots) ?? 0
            if made == slots.count { return true }
            let empty = Card(id: CardID(rawValue: 0), noteID: CardID(rawValue: 0), deck: "", question: "", answer: "",
                             tags: [], source: SourceLocation(file: "", line: 0), kind: .basic)
            (base + made).initialize(repeating: empty, count: slots.count - made)
            return false
        case nil:
            return true
        }
    }

    /// Runs `body` for each of `count` indexes, on all cores when there are several.
    private static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }

    /// Reads every deck file under `folder`, sorted by name, skipping hidden entries.
    /// - Parameters:
    ///   - relative: the folder's path inside the collection, for deck names (`""` at the root).
    ///   - display: the folder as shown in diagnostics (`""` for paths relative to it).
    ///   - outside: the folder is already known to be reached through a link out of the
    ///     collection (reported once, at the link).
    mutating func walk(folder: String, relative: String, display: String, depth: Int = 0, outside: Bool = false) {
        if depth == 0 { resolvedRoot = CollectionBoundary.resolved(folder) }
        let shown = display.isEmpty ? (relative.isEmpty ? "." : relative) : display
        var st = stat()
        if stat(folder, &st) == 0 {
            let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
            guard !visited.contains(key) else { return }  // a link back to a folder already read
            guard depth <= CollectionLoader.maximumDepth else {
                report(.warning("'\(shown)' is nested more than \(CollectionLoader.maximumDepth) folders deep; "
                                    + "its decks are not read", at: nil,
                                notes: ["move its files into a shallower folder"]))
                return
            }
            visited.insert(key)
        }
        guard let listing = Self.listFolder(folder) else {
            report(DeckFile.systemError("read the folder", shown, errno))
            return
        }
        for bad in listing.undecodable where !bad.starts(with: [0x2E]) {
            let name = Self.escaped(bad)
            let place = display.isEmpty ? (relative.isEmpty ? name : relative + "/" + name) : display + "/" + name
            report(.warning("the name '\(place)' is not valid UTF-8; it is skipped", at: nil,
                            notes: ["rename it: deck and folder names must be UTF-8"]))
        }
        for name in listing.names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            let childDisplay = display.isEmpty ? childRelative : (display.hasSuffix("/") ? display + name : display + "/" + name)
            var entry = stat()
            guard stat(path, &entry) == 0 else { continue }  // e.g. a dangling symlink
            let kind = entry.st_mode & S_IFMT
            let format = DeckFormat(fileExtension: DeckName.fileExtension(name))
            guard kind == S_IFDIR || format != nil else { continue }
            var leaves = outside
            if !outside, let escape = linkOut(path) {
                report(CollectionBoundary.readWarning(escape, shown: childDisplay))
                leaves = true
            }
            if kind == S_IFDIR {
                let nextDisplay = display.isEmpty ? "" : childDisplay
                walk(folder: path, relative: childRelative, display: nextDisplay, depth: depth + 1, outside: leaves)
            } else if kind != S_IFREG {
                report(.warning("'\(childDisplay)' is \(RegularFile.kind(entry.st_mode)), not a regular file; "
                                    + "it is not read", at: nil,
                                notes: ["only regular files are read as decks"]))
            } else if let format {
                let deck = DeckName.forFile(relativePath: childRelative)
                read(path: path, display: childDisplay, deck: deck, format: format)
            }
        }
    }

    /// The link `path` itself, when it is a symbolic link that leads outside the walk's root.
    private func linkOut(_ path: String) -> CollectionBoundary.Escape? {
        guard let root = resolvedRoot else { return nil }
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK,
              let target = CollectionBoundary.resolved(path) else { return nil }
        let inside = target == root || target.hasPrefix(root == "/" ? "/" : root + "/")
        return inside ? nil : CollectionBoundary.Escape(link: path, target: target)
    }

    /// The entry names of a folder sorted by their bytes, and the names that are not valid
    /// UTF-8 (as bytes); `nil` (with `errno`) when unreadable.
    static func listFolder(_ path: String) -> (names: [String], undecodable: [[UInt8]])? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        var undecodable: [[UInt8]] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                undecodable.append(bytes)
                continue
            }
            if name != ".", name != ".." { names.append(name) }
        }
        undecodable.sort { $0.lexicographicallyPrecedes($1) }
        return (names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, undecodable)
    }

    /// A file name that is not valid UTF-8, readable: its valid parts as they are, every
    /// other byte as `\xE9`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            var end = min(bytes.count, i + 4)
            while end > i, String(validating: bytes[i..<end], as: UTF8.self) == nil { end -= 1 }
            if end > i, let piece = String(validating: bytes[i..<end], as: UTF8.self) {
                out += piece
                i = end
            } else {
                let hex = String(bytes[i], radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                i += 1
            }
        }
        return out
    }

    /// Reads the queued files, saves the cache (letting go of its file), drops duplicate
    /// cards (warning at each) and counts cards per deck.
    mutating func finish() -> LoadedCollection {
        let start = self
        var cards: [Card]
        while true {
            if let read = readSteps() {
                cards = read
                break
            }
            self = start  // the failed cache entries are gone: their files are parsed this time
        }
        cache?.save()
        let duplicates = DuplicateCards.removeDuplicates(from: &cards)
        var counts: [String: Int] = [:]
        for name in declaredDecks { counts[name] = 0 }
        // Cards come in runs of one deck: count each run, then add it to its deck once.
        var run: (deck: String, count: Int)?
        for card in cards {
            if let current = run, current.deck == card.deck {
                run = (current.deck, current.count + 1)
            } else {
                if let current = run { counts[current.deck, default: 0] += current.count }
                run = (card.deck, 1)
            }
        }
        if let current = run { counts[current.deck, default: 0] += current.count }
        let decks = counts.map { DeckSummary(name: $0.key, cardCount: $0.value) }.sorted { $0.name < $1.name }
        return LoadedCollection(cards: cards, diagnostics: diagnostics + duplicates, decks: decks, files: files)
    }
}
