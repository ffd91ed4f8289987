import RecallCore

extension DeckCache {
    /// One file's entry in `decks.bin`, checked against the file: its declared decks and
    /// how many cards it holds, with the cards still to be decoded.
    ///
    /// Checking reads every card record (lengths and indexes, not the text), so that a
    /// damaged entry is refused here, before any card is made, and decoding then fills
    /// exactly ``count`` cards into place.
    struct CachedCards: Sendable {
        /// The decks the file declares, in order.
        let decks: [String]
        /// How many cards the file holds.
        let count: Int
        /// The file as shown in diagnostics; every card's source file.
        let display: String
        /// The entry's string table (deck names and tags) and tag lists, which cards point into.
        private let table: [String]
        private let lists: [[String]]
        /// Where the card records lie in the cache file.
        private let records: Range<Int>

        /// The entry at `entry` in `cache` when it describes this very file and is sound.
        init?(_ cache: UnsafeRawBufferPointer, entry: Range<Int>, source: ContentFingerprint, display: String,
              deck: String, format: DeckFormat) {
            var r = ByteReader(cache, at: entry.lowerBound, end: entry.upperBound)
            guard r.u64() == source.size, r.u64() == source.checksum, r.string() == display, r.string() == deck,
                  r.string() == DeckCache.formatKey(format), let deckCount = r.count(4) else { return nil }
            var decks: [String] = []
            for _ in 0..<deckCount {
                guard let name = r.string() else { return nil }
                decks.append(name)
            }
            guard let stringCount = r.count(4) else { return nil }
            var table: [String] = []
            table.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                guard let s = r.string() else { return nil }
                table.append(s)
            }
            guard let listCount = r.count(4) else { return nil }
            var lists: [[String]] = []
            for _ in 0..<listCount {
                guard let n = r.count(4) else { return nil }
                var list: [String] = []
                for _ in 0..<n {
                    guard let i = r.u32(), Int(i) < table.count else { return nil }
                    list.append(table[Int(i)])
                }
                lists.append(list)
            }
            guard let cardCount = r.count(36) else { return nil }
            let start = r.at
            for _ in 0..<cardCount {
                guard Self.record(&r, strings: table.count, lists: lists.count) != nil else { return nil }
            }
            guard r.at == r.end else { return nil }
            (self.decks, count, self.display, self.table, self.lists) = (decks, cardCount, display, table, lists)
            records = start..<r.end
        }

        /// Makes the cards into `buffer` (``count`` long) from `cache`, the bytes checked
        /// by `init`; returns how many it made (fewer only if those bytes changed since).
        func decode(_ cache: UnsafeRawBufferPointer, into buffer: UnsafeMutableBufferPointer<Card>) -> Int {
            guard records.upperBound <= cache.count, buffer.count == count,
                  let base = buffer.baseAddress else { return 0 }
            var r = ByteReader(cache, at: records.lowerBound, end: records.upperBound)
            for i in 0..<count {
                guard let c = Self.record(&r, strings: table.count, lists: lists.count) else { return i }
                let question = String(decoding: UnsafeRawBufferPointer(rebasing: cache[c.question]), as: UTF8.self)
                let answer = String(decoding: UnsafeRawBufferPointer(rebasing: cache[c.answer]), as: UTF8.self)
                (base + i).initialize(to: Card(id: c.id, noteID: c.noteID, deck: table[c.deck], question: question,
                                               answer: answer, tags: lists[c.tags],
                                               source: SourceLocation(file: display, line: c.line), kind: c.kind))
            }
            return count
        }

        /// One card record, its text still as byte ranges of the cache file.
        private struct Record {
            var id: CardID, noteID: CardID
            /// Indexes into the string table and the tag lists.
            var deck: Int, tags: Int
            var line: Int
            var kind: Card.Kind
            var question: Range<Int>, answer: Range<Int>
        }

        /// Reads the card record at `r`: ids, deck and tag list indexes (checked against the
        /// table's `strings` and `lists` counts), line, kind, then question and answer.
        private static func record(_ r: inout ByteReader, strings: Int, lists: Int) -> Record? {
            guard let id = r.u64(), let note = r.u64(), let deck = r.u32(), Int(deck) < strings,
                  let tags = r.u32(), Int(tags) < lists, let line = r.u32(), let kindCode = r.u32(),
                  let question = r.skipString(), let answer = r.skipString() else { return nil }
            let kind: Card.Kind
            switch kindCode {
            case 0: kind = .basic
            case 1: kind = .reversed
            case let c where c >= 2 && (c - 2) % 4 == 0: kind = .cloze(Int((c - 2) / 4))
            default: return nil
            }
            return Record(id: CardID(rawValue: id), noteID: CardID(rawValue: note), deck: Int(deck), tags: Int(tags),
                          line: Int(line), kind: kind, question: question, answer: answer)
        }
    }
}
