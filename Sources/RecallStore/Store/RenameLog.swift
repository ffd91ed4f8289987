import Foundation
import RecallCore

/// One recorded card-id change: the card `from` was edited into `to` at `time` on `device`.
public struct CardRename: Hashable, Sendable {
    public var from: CardID
    public var to: CardID
    public var time: Date
    public var device: String

    public init(from: CardID, to: CardID, time: Date, device: String) {
        self.from = from
        self.to = to
        self.time = time
        self.device = device
    }

    /// Time, then device, from and to: a total order, so merged files are the same either way.
    static func order(_ a: CardRename, _ b: CardRename) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.device != b.device { return a.device < b.device }
        if a.from != b.from { return a.from < b.from }
        return a.to < b.to
    }
}

/// `renames.jsonl`: one line per rename, `{"device":"d-…","from":"…","t":1764061200123,"to":"…"}`.
///
/// Renames are facts with a time, like reviews, so two devices' files merge by union. A log
/// entry for card X at time t belongs to the card X became through the first rename of X
/// after t, and so on along the chain; an edit that is later undone (A→B, then B→A) ends
/// back at A.
enum RenameLog {
    static let name = "renames.jsonl"

    static func encode(_ r: CardRename, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"device\":".utf8)
        appendJSONString(r.device, to: &out)
        out.append(contentsOf: ",\"from\":\"\(r.from)\",\"t\":\(ReviewLogCodec.milliseconds(r.time)),\"to\":\"\(r.to)\"}\n".utf8)
    }

    /// Reads the file's renames (none when it does not exist), and its coverage.
    static func load(_ path: String) throws(StoreError) -> (renames: [CardRename], coverage: FileCoverage) {
        guard let map = try MappedFile(path: path) else { return ([], .empty) }
        let (renames, valid) = try parse(Array(map.bytes), path: path)
        return (renames, FileCoverage(of: map.bytes, bytes: valid, lines: renames.count))
    }

    /// The renames in a file's text and how many of its bytes they cover; a torn last line
    /// is left out, any other bad line throws naming `path`.
    static func parse(_ bytes: [UInt8], path: String) throws(StoreError) -> (renames: [CardRename], valid: Int) {
        var renames: [CardRename] = []
        var line = 0
        var valid = 0
        for text in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if text.allSatisfy({ $0 == 0x20 }) { valid += text.count + 1; continue }
            guard let r = parse(Array(text)) else {
                // A torn last line is ignored like the review log's.
                if valid + text.count == bytes.count { break }
                throw StoreError(path: path, line: line, reason: "expected a rename such as {\"device\":\"d-1\",\"from\":\"…\",\"t\":…,\"to\":\"…\"}",
                                 notes: ["fix or delete the line; renames only carry progress over edited cards"])
            }
            renames.append(r)
            valid += text.count + 1
        }
        return (renames, min(valid, bytes.count))
    }

    private static func parse(_ bytes: [UInt8]) -> CardRename? {
        guard case .success(let v) = JSONValue.parse(bytes),
              case .string(let from)? = v["from"], let f = CardID(from),
              case .string(let to)? = v["to"], let t = CardID(to),
              case .string(let device)? = v["device"], let ms = v["t"]?.integer else { return nil }
        return CardRename(from: f, to: t, time: ReviewLogCodec.date(milliseconds: Int64(ms)), device: device)
    }

    /// The sorted, duplicate-free file text for `renames`.
    static func text(_ renames: [CardRename]) -> [UInt8] {
        var out: [UInt8] = []
        var last: CardRename?
        for r in renames.sorted(by: CardRename.order) where r != last {
            encode(r, into: &out)
            last = r
        }
        return out
    }
}

/// Resolves old card ids in log entries to the ids their cards have now.
struct RenameTable: Sendable {
    private var byFrom: [CardID: [CardRename]] = [:]

    init(_ renames: [CardRename]) {
        for r in renames.sorted(by: CardRename.order) { byFrom[r.from, default: []].append(r) }
    }

    var isEmpty: Bool { byFrom.isEmpty }

    /// The id that an entry about `id` at `time` belongs to now.
    func resolve(_ id: CardID, at time: Date) -> CardID {
        var current = id
        var t = time
        var hops = 0
        while hops < 64, let list = byFrom[current], let next = list.first(where: { $0.time > t }) {
            current = next.to
            t = next.time
            hops += 1
        }
        return current
    }

    /// `entries` with their card ids resolved.
    func resolve(_ entries: [ReviewLogEntry]) -> [ReviewLogEntry] {
        guard !isEmpty else { return entries }
        return entries.map { e in
            var e = e
            e.card = resolve(e.card, at: e.time)
            return e
        }
    }
}
