import RecallCore

/// The content of `state.json`: a cache of replaying the review log, so that opening a big
/// collection does not replay a million entries.
public struct Snapshot: Equatable, Sendable {
    /// The layout version this code writes.
    public static let schema = 2

    /// Every card with a log history, by id.
    public var records: CardRecords
    /// The settings the records were computed with, as canonical `settings.json` bytes.
    var settingsJSON: [UInt8]
    /// The time zone identifier the records' study days were computed in.
    var timeZone: String
    /// How much of `reviews.jsonl` the records include.
    var log: FileCoverage
    /// How much of `renames.jsonl` the records include.
    var renames: FileCoverage
    /// ``CardCatalog/digest`` of the deck cards last reconciled (0 when never).
    var catalog: UInt64
    /// The ``Scheduler/version`` the records were computed with (1 in files written before
    /// the version was recorded).
    var schedulerVersion = Scheduler.version
}

/// How much of an append-only file a snapshot covers, with hashes of that prefix so a
/// replaced or rewritten file is noticed.
///
/// Hashing a large log whole on every start would cost more than the start itself, so the
/// check is the FNV-1a hash (``StableHasher``) of the first 4 KiB and of the last 64 KiB of the prefix:
/// an appended file keeps both; a merged, rewritten or replaced one changes at least one of
/// them in practice (a merge that inserts anything before the end shifts the tail).
struct FileCoverage: Equatable, Sendable {
    var bytes: Int
    var lines: Int
    var head: UInt64
    var tail: UInt64

    static let empty = FileCoverage(bytes: 0, lines: 0, head: StableHasher.hash(UnsafeRawBufferPointer(start: nil, count: 0)),
                                    tail: StableHasher.hash(UnsafeRawBufferPointer(start: nil, count: 0)))

    static let headSize = 4096
    static let tailSize = 65536

    /// The coverage of `file[0..<bytes]` holding `lines` lines.
    init(of file: UnsafeRawBufferPointer, bytes: Int, lines: Int) {
        self.bytes = bytes
        self.lines = lines
        head = StableHasher.hash(UnsafeRawBufferPointer(rebasing: file[0..<min(bytes, Self.headSize)]))
        tail = StableHasher.hash(UnsafeRawBufferPointer(rebasing: file[max(0, bytes - Self.tailSize)..<bytes]))
    }

    init(bytes: Int, lines: Int, head: UInt64, tail: UInt64) {
        self.bytes = bytes
        self.lines = lines
        self.head = head
        self.tail = tail
    }

    /// Whether `file` still starts with the prefix this coverage describes.
    func matches(_ file: UnsafeRawBufferPointer) -> Bool {
        guard file.count >= bytes else { return false }
        return FileCoverage(of: file, bytes: bytes, lines: lines) == self
    }
}

extension StableHasher {
    /// The hash of `bytes` alone.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = StableHasher()
        h.combine(bytes: bytes)
        return h.value
    }
}

/// 16 lower-case hex digits.
func hex16(_ v: UInt64) -> String { CardID(rawValue: v).description }
