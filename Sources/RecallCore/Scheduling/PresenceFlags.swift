import Foundation

/// Which optional fields of a compactly stored value are present, one bit each (see
/// ``CardSchedule`` and ``CardRecord``: an optional there is a bit here plus a value that is
/// zero when absent, so that synthesized equality and hashing still compare values).
struct PresenceFlags: Hashable, Sendable {
    private var bits: UInt8 = 0

    func has(_ bit: UInt8) -> Bool { bits & bit != 0 }

    mutating func set(_ bit: UInt8, _ present: Bool) {
        bits = present ? bits | bit : bits & ~bit
    }

    /// What an absent date is stored as.
    static let noDate = Date(timeIntervalSinceReferenceDate: 0)
}
