#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RecallCore

/// `decks.bin`: the cards of each deck file as parsed last time, so that opening a collection
/// whose files did not change makes its cards without parsing the deck files again.
///
/// A ``DerivedFile`` keyed by the `recall` executable that wrote it (its size, time and
/// inode), so a new version, whose parser may read a file differently, starts afresh. Each
/// file's entry in the payload names the file's exact content (size and a checksum of its
/// bytes, which are read anyway: no time stamps are trusted), its deck and format. Only files
/// without any problem are kept (a file with a warning is parsed every time, so its
/// diagnostics are always shown).
///
/// Used from many threads at once while a collection loads: lookups and decoding only read
/// the mapped file; results are collected under a lock and written by ``save()``.
public final class DeckCache: @unchecked Sendable {
    static let file = DerivedFile(name: "decks.bin", magic: "RECALLDK", version: 3)
    public static var name: String { file.name }

    private let folder: String
    /// The file's key: the running executable's identity (no cache without one).
    private let key: [UInt8]?
    /// The cache file as read, until ``save()``.
    private var map: MappedFile?
    /// Where each file's entry lies in ``map``, by display path.
    private var entries: [String: Range<Int>] = [:]
    private let lock = NSLock()
    /// What the next cache holds: each file loaded this time, by display path, as a range
    /// of the current cache (unchanged) or new bytes.
    private enum Entry {
        case kept(Range<Int>)
        case new([UInt8])
    }
    private var next: [String: Entry] = [:]
    private var changed = false

    /// The cache in the collection folder `folder` (read now if it is there and sound).
    public init(folder: String) {
        self.folder = folder
        key = Self.executableKey().map { id in
            var key: [UInt8] = []
            putLE(id, &key)
            return key
        }
        map = try? MappedFile(path: folder + "/" + Self.name, populate: true)
        guard let key, let bytes = map?.bytes, let payload = Self.file.payload(in: bytes, key: key)
        else { changed = true; return }
        var reader = ByteReader(bytes, at: payload.lowerBound, end: payload.upperBound)
        guard let count = reader.u64() else { changed = true; return }
        for _ in 0..<count {
            guard let length = reader.u64().map(Int.init), length <= reader.end - reader.at else { break }
            let start = reader.at
            var entry = ByteReader(bytes, at: start, end: start + length)
            if entry.u64() != nil, entry.u64() != nil, let display = entry.string() {
                entries[display] = start..<(start + length)
            }
            reader.at = start + length
        }
    }

    /// What ``lookup(path:display:deck:format:)`` found for a file: its cards in the cache,
    /// still to be decoded, or the file parsed.
    enum Lookup {
        case cached(CachedCards)
        case parsed(ParsedDeck)
    }

    /// The deck file at `path` (shown as `display`): its entry when the file's bytes are
    /// those the entry was made from (the cards are decoded later, by ``decode(_:into:)``,
    /// straight into the collection's array), else the file parsed (and kept for ``save()``).
    func lookup(path: String, display: String, deck: String, format: DeckFormat?) -> Lookup {
        guard let format = format ?? DeckFormat(fileExtension: DeckName.fileExtension(path)) else {
            return .parsed(DeckFile.load(path: path, displayPath: display, deck: deck, format: format))
        }
        // A file the cache knows is checked in small pieces, without holding all its bytes.
        if let range = entries[display], let cache = map?.bytes,
           let source = ContentFingerprint.of(path: path),
           let cards = CachedCards(cache, entry: range, source: source, display: display, deck: deck,
                                   format: format) {
            keep(display, .kept(range), changed: false)
            return .cached(cards)
        }
        guard case .success(let bytes) = DeckFile.read(path: path, displayPath: display) else {
            return .parsed(DeckFile.load(path: path, displayPath: display, deck: deck, format: format))
        }
        let source = bytes.withUnsafeBytes { ContentFingerprint(of: $0) }
        let parsed = DeckParser.parse(bytes: bytes, file: display, deck: deck, format: format, keepingNotes: false)
        if parsed.diagnostics.isEmpty, let entry = Self.encode(parsed, source: source, display: display,
                                                               deck: deck, format: format) {
            keep(display, .new(entry), changed: true)
        } else {
            lock.withLock { changed = true }
        }
        return .parsed(parsed)
    }

    /// Decodes the cards `cards` describes into `buffer` (uninitialized, `cards.count` long),
    /// in file order. Returns how many it initialized: all of them, unless the cache file was
    /// changed in place since it was checked (then the caller drops the entry with
    /// ``discard(_:)`` and reads the file again).
    func decode(_ cards: CachedCards, into buffer: UnsafeMutableBufferPointer<Card>) -> Int {
        guard let bytes = map?.bytes else { return 0 }
        return cards.decode(bytes, into: buffer)
    }

    /// Forgets the entry of `display`, whose cards could not be decoded: the file is parsed
    /// when next looked up, and the cache is rewritten without the entry.
    func discard(_ display: String) {
        lock.withLock {
            entries[display] = nil
            next[display] = nil
            changed = true
        }
    }

    private func keep(_ display: String, _ entry: Entry, changed: Bool) {
        lock.withLock {
            next[display] = entry
            if changed { self.changed = true }
        }
    }

    /// Writes the cache for the files loaded since it was opened, if anything changed
    /// (best-effort: a folder that cannot be written to just means no cache), then lets go of
    /// the old cache file: its pages stop counting towards the
    /// process's memory as soon as its cards are decoded. Later calls do nothing.
    public func save() {
        let (entries, changed, map) = lock.withLock {
            let state = (next, self.changed || next.count != self.entries.count, self.map)
            self.map = nil
            self.entries = [:]
            next = [:]
            self.changed = false
            return state
        }
        guard changed, let key else { return }
        var out: [UInt8] = []
        putLE(UInt64(entries.count), &out)
        for (_, entry) in entries.sorted(by: { $0.key < $1.key }) {
            switch entry {
            case .kept(let range):
                guard let old = map?.bytes else { return }
                putLE(UInt64(range.count), &out)
                out += UnsafeRawBufferPointer(rebasing: old[range])
            case .new(let bytes):
                putLE(UInt64(bytes.count), &out)
                out += bytes
            }
        }
        // The folder is DATA/collections/NAME (no cache goes through a link out of DATA) or,
        // synced, DECKS/.recall (none goes out of the folder holding the decks).
        let data = AtomicFile.parentFolder(of: AtomicFile.parentFolder(of: folder))
        guard CollectionBoundary.escape(of: folder + "/" + Self.name, inside: data) == nil else { return }
        Self.file.save(key: key, payload: out, folder: folder)
    }

    // MARK: Entries

    /// One file: its source (size, checksum), display path, deck, format, declared decks, a
    /// string table (decks and tags), tag lists, then the cards.
    static func encode(_ parsed: ParsedDeck, source: ContentFingerprint, display: String, deck: String,
                       format: DeckFormat) -> [UInt8]? {
        var out: [UInt8] = []
        putLE(source.size, &out)
        putLE(source.checksum, &out)
        putLE(display, &out)
        putLE(deck, &out)
        putLE(formatKey(format), &out)
        putLE(UInt32(parsed.decks.count), &out)
        for name in parsed.decks { putLE(name, &out) }
        var strings: [String: UInt32] = [:], table: [String] = []
        var tagLists: [[String]: UInt32] = [:], lists: [[String]] = []
        func intern(_ s: String) -> UInt32 {
            if let i = strings[s] { return i }
            strings[s] = UInt32(table.count)
            table.append(s)
            return UInt32(table.count - 1)
        }
        var cards: [UInt8] = []
        for card in parsed.cards {
            guard card.source.file == display, let line = UInt32(exactly: card.source.line) else { return nil }
            let tags: UInt32
            if let i = tagLists[card.tags] { tags = i } else {
                tags = UInt32(lists.count)
                tagLists[card.tags] = tags
                lists.append(card.tags)
            }
            putLE(card.id.rawValue, &cards)
            putLE(card.noteID.rawValue, &cards)
            putLE(intern(card.deck), &cards)
            putLE(tags, &cards)
            putLE(line, &cards)
            switch card.kind {
            case .basic: putLE(UInt32(0), &cards)
            case .reversed: putLE(UInt32(1), &cards)
            case .cloze(let n):
                guard let n = UInt32(exactly: n), n < UInt32.max / 4 else { return nil }
                putLE(2 + 4 * n, &cards)
            }
            putLE(card.question, &cards)
            putLE(card.answer, &cards)
        }
        for list in lists { for tag in list { _ = intern(tag) } }
        putLE(UInt32(table.count), &out)
        for s in table { putLE(s, &out) }
        putLE(UInt32(lists.count), &out)
        for list in lists {
            putLE(UInt32(list.count), &out)
            for tag in list { putLE(intern(tag), &out) }
        }
        putLE(UInt32(parsed.cards.count), &out)
        out += cards
        return out
    }

    /// The format, as a name for the cache.
    static func formatKey(_ format: DeckFormat) -> String {
        switch format {
        case .plain: "plain"
        case .markdown: "markdown"
        case .delimited(let separator): "delimited \(separator.map(String.init) ?? "guess")"
        }
    }

    /// The identity of the running executable (Linux), or nil (then no cache is used).
    private static func executableKey() -> UInt64? {
        #if os(Linux)
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        var h = StableHasher()
        for v in [UInt64(st.st_size), UInt64(st.st_ino), UInt64(st.st_dev), UInt64(bitPattern: Int64(st.st_mtim.tv_sec)),
                  UInt64(bitPattern: Int64(st.st_mtim.tv_nsec))] { h.combine(v) }
        return h.value
        #else
        return nil
        #endif
    }
}
