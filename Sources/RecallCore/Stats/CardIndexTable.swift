/// Maps card ids to dense indices (0, 1, 2, … in order of first sight) with open addressing.
///
/// Card ids are already well-mixed 64-bit hashes, so a multiplicative hash and linear probing
/// beat `Dictionary` (which runs SipHash per lookup) by several times on a million reviews.
struct CardIndexTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The index of `id`, adding it with the next free index if it is new.
    mutating func index(of id: CardID) -> (index: Int, isNew: Bool) {
        if count * 2 >= keys.count { grow() }
        var slot = Int(truncatingIfNeeded: (id.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while values[slot] >= 0 {
            if keys[slot] == id.rawValue { return (Int(values[slot]), false) }
            slot = (slot + 1) & mask
        }
        keys[slot] = id.rawValue
        values[slot] = Int32(truncatingIfNeeded: count)
        count += 1
        return (count - 1, true)
    }

    /// The index of `id`, or `nil` if it was never added.
    func existingIndex(of id: CardID) -> Int? {
        var slot = Int(truncatingIfNeeded: (id.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while values[slot] >= 0 {
            if keys[slot] == id.rawValue { return Int(values[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        var bigger = CardIndexTable(capacity: keys.count)
        for (slot, value) in values.enumerated() where value >= 0 {
            bigger.insert(keys[slot], value)
        }
        bigger.count = count
        self = bigger
    }

    private mutating func insert(_ key: UInt64, _ value: Int32) {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }
}
