import Foundation
import RecallCore

/// `catalog.jsonl`: the deck cards as last seen, so an edited card can be recognised.
///
/// One line per card, `{"file":"…","id":"…","kind":"basic","line":12,"pos":3,"q":"…"}`
/// (`pos` is the card's 0-based position among its file's cards), plus cards that left the
/// decks but have a history (`"gone":true`), so `recall check` can still show their question.
/// `"seen"` is when a writer first found the card in a deck (unix milliseconds; for `added:`
/// searches); catalogs written before it existed lack it, and such cards keep none.
struct CardCatalog: Sendable {
    struct Entry: Hashable, Sendable {
        var id: CardID
        var file: String
        var line: Int
        var pos: Int
        var kind: String
        var question: String
        var gone = false
        /// When the card was first seen in a deck, in unix milliseconds; `nil` when unknown.
        var seen: Int?
    }

    static let name = "catalog.jsonl"
    var entries: [Entry]

    /// The catalog of `cards` in deck order.
    init(cards: [Card]) {
        var perFile: [String: Int] = [:]
        let ordered = cards.sorted { ($0.source.file, $0.source.line, Self.kind($0.kind)) < ($1.source.file, $1.source.line, Self.kind($1.kind)) }
        entries = ordered.map { c in
            let pos = perFile[c.source.file, default: 0]
            perFile[c.source.file] = pos + 1
            return Entry(id: c.id, file: c.source.file, line: c.source.line, pos: pos, kind: Self.kind(c.kind), question: c.question)
        }
    }

    init(entries: [Entry]) { self.entries = entries }

    static func kind(_ k: Card.Kind) -> String {
        switch k {
        case .basic: "basic"
        case .reversed: "reversed"
        case .cloze(let n): "cloze:\(n)"
        }
    }

    /// A digest of ids, files and positions: equal catalogs need no reconciling.
    var digest: UInt64 {
        var h = Digest()
        var file: String?, fileHash: UInt64 = 0
        for e in entries where !e.gone {
            if e.file != file {
                file = e.file
                fileHash = Digest.hash(file: e.file)
            }
            h.add(id: e.id, pos: e.pos, fileHash: fileHash)
        }
        return h.value
    }

    /// ``digest`` of the catalog of `cards`, without building it when the cards already come
    /// in catalog order (file, line, kind), as the collection loader usually gives them.
    static func digest(of cards: [Card]) -> UInt64 {
        var h = Digest()
        var pos = 0
        var fileHash: UInt64 = 0
        // Through a buffer pointer: no copies of the cards (and of their strings' references).
        let inOrder = cards.withUnsafeBufferPointer { cards -> Bool in
            for i in cards.indices {
                if i > 0 {
                    guard precedes(cards[i - 1], cards[i]) else { return false }
                    pos = cards[i - 1].source.file == cards[i].source.file ? pos + 1 : 0
                }
                if pos == 0 { fileHash = Digest.hash(file: cards[i].source.file) }
                h.add(id: cards[i].id, pos: pos, fileHash: fileHash)
            }
            return true
        }
        return inOrder ? h.value : CardCatalog(cards: cards).digest
    }

    /// The catalog digest: a multiply-xorshift chain over each card's id and (file, position),
    /// with each file's name hashed once. Computed on every start for 100,000 cards, so two
    /// word steps per card rather than a byte-wise hash of every card's file name.
    /// `CardCatalogDigestTests` pins the two ways of computing it equal.
    private struct Digest {
        private(set) var value: UInt64 = 0x6361_7461_6c6f_6732  // "catalog2"

        @inline(__always) private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
            let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 32)
        }

        @inline(__always) mutating func add(id: CardID, pos: Int, fileHash: UInt64) {
            value = Self.mix(Self.mix(value, id.rawValue), fileHash &+ UInt64(pos))
        }

        static func hash(file: String) -> UInt64 {
            var h = mix(0x6669_6c65, UInt64(file.utf8.count))
            for byte in file.utf8 { h = mix(h, UInt64(byte)) }
            return h
        }
    }

    /// Whether `a` comes strictly before `b` in catalog order.
    private static func precedes(_ a: borrowing Card, _ b: borrowing Card) -> Bool {
        if a.source.file != b.source.file { return a.source.file < b.source.file }
        if a.source.line != b.source.line { return a.source.line < b.source.line }
        return kindPrecedes(a.kind, b.kind)
    }

    /// `kind(a) < kind(b)` as strings ("basic" < "cloze:N" < "reversed", cloze numbers
    /// compared as text), making strings only for two clozes.
    private static func kindPrecedes(_ a: Card.Kind, _ b: Card.Kind) -> Bool {
        func rank(_ k: Card.Kind) -> Int {
            switch k {
            case .basic: 0
            case .cloze: 1
            case .reversed: 2
            }
        }
        if case .cloze(let m) = a, case .cloze(let n) = b { return String(m) < String(n) }
        return rank(a) < rank(b)
    }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        for e in entries {
            out.append(contentsOf: "{\"file\":".utf8)
            appendJSONString(e.file, to: &out)
            if e.gone { out.append(contentsOf: ",\"gone\":true".utf8) }
            out.append(contentsOf: ",\"id\":\"\(e.id)\",\"kind\":\"\(e.kind)\",\"line\":\(e.line),\"pos\":\(e.pos),\"q\":".utf8)
            appendJSONString(e.question, to: &out)
            if let seen = e.seen { out.append(contentsOf: ",\"seen\":\(seen)".utf8) }
            out.append(contentsOf: "}\n".utf8)
        }
        return out
    }

    /// Reads the file; an unreadable line is skipped (the catalog only helps recognise edits).
    static func load(_ path: String) -> CardCatalog {
        guard let bytes = try? AtomicFile.read(path) else { return CardCatalog(entries: []) }
        var entries: [Entry] = []
        for text in bytes.split(separator: 0x0A) {
            guard case .success(let v) = JSONValue.parse(Array(text)),
                  case .string(let idText)? = v["id"], let id = CardID(idText),
                  case .string(let file)? = v["file"], case .string(let kind)? = v["kind"],
                  case .string(let q)? = v["q"], let line = v["line"]?.integer, let pos = v["pos"]?.integer
            else { continue }
            let gone = v["gone"] == .bool(true)
            entries.append(Entry(id: id, file: file, line: line, pos: pos, kind: kind, question: q, gone: gone,
                                 seen: v["seen"]?.integer))
        }
        return CardCatalog(entries: entries)
    }
}

/// Levenshtein distance over Unicode scalars, divided by the longer length: 0 same, 1 unrelated.
/// Texts are normalised as card ids are (case, whitespace) and cut at 300 scalars.
func textDistance(_ a: String, _ b: String) -> Double {
    let x = Array(CardID.normalize(a).unicodeScalars.prefix(300))
    let y = Array(CardID.normalize(b).unicodeScalars.prefix(300))
    if x.isEmpty || y.isEmpty { return x.count == y.count ? 0 : 1 }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return Double(previous[y.count]) / Double(max(x.count, y.count))
}
