/// A card's stable identity: a 64-bit FNV-1a hash over a length-prefixed encoding of the
/// card's normalised identifying fields (question side, cloze number, direction).
///
/// Reordering cards, moving a file or editing an answer keeps the id. Rendered as 16
/// lower-case hex digits.
public struct CardID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Parses the 16-hex-digit form; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else { return nil }
        rawValue = value
    }

    /// Hashes the given fields after normalising each one (see ``CardID/normalize(_:)``).
    /// ASCII fields take a byte-level path that gives the same value without allocating.
    public init(fields: [String]) {
        var hasher = StableHasher()
        for field in fields { CardIDFastPath.combineNormalized(field, into: &hasher) }
        rawValue = hasher.value
    }

    /// The general path alone, for checking the fast path against it.
    init(generalPathFields fields: [String]) {
        var hasher = StableHasher()
        for field in fields { CardID.combineNormalized(general: field, into: &hasher) }
        rawValue = hasher.value
    }

    /// The Unicode path: ``normalize(_:)``, then its UTF-8 bytes, length first.
    static func combineNormalized(general field: String, into hasher: inout StableHasher) {
        let normalized = normalize(field)
        hasher.combine(UInt64(normalized.utf8.count))
        hasher.combine(bytes: normalized.utf8)
    }

    public var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func < (lhs: CardID, rhs: CardID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Folds case and collapses every run of whitespace to one space, trimming both ends.
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for ch in text.lowercased() {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }
}

/// 64-bit FNV-1a. Unlike `Hasher`, it gives the same value in every process.
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    init(value: UInt64) { self.value = value }

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= StableHasher.prime
        }
    }

    /// Mixes in a fixed-width little-endian integer.
    public mutating func combine(_ number: UInt64) {
        value = StableHasher.mixWord(value, number)
    }

    /// One FNV-1a step: `byte` (below 256) mixed into `value`.
    @inline(__always) static func mixByte(_ value: UInt64, _ byte: UInt64) -> UInt64 {
        (value ^ byte) &* prime
    }

    /// `number`'s eight little-endian bytes mixed into `value`.
    @inline(__always) static func mixWord(_ value: UInt64, _ number: UInt64) -> UInt64 {
        var v = value
        var n = number
        for _ in 0..<8 {
            v = (v ^ (n & 0xff)) &* prime
            n >>= 8
        }
        return v
    }
}
