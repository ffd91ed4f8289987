/// A set of card ids, each with the position it was first inserted at.
///
/// Card ids are already 64-bit FNV-1a hashes, so the table (open addressing, linear probing)
/// places them by their own bits, spread by one multiplication, instead of hashing them again
/// with `Hasher` (SipHash) as `Set<CardID>` does.
public struct CardIDSet: Sendable {
    private var keys: [UInt64]
    /// The insertion position of each slot's id; -1 for an empty slot.
    private var positions: [Int32]
    private var shift: UInt64
    public private(set) var count = 0

    /// A set that holds `minimumCapacity` ids without growing.
    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        positions = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    public var isEmpty: Bool { count == 0 }

    public func contains(_ id: CardID) -> Bool { position(of: id) != nil }

    /// The position at which `id` was inserted (0 for the first id inserted), if it is here.
    public func position(of id: CardID) -> Int? {
        let mask = keys.count - 1
        var slot = home(id)
        while positions[slot] >= 0 {
            if keys[slot] == id.rawValue { return Int(positions[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `id` unless it is here; returns `true` when it was added.
    @discardableResult
    public mutating func insert(_ id: CardID) -> Bool {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = home(id)
        while positions[slot] >= 0 {
            if keys[slot] == id.rawValue { return false }
            slot = (slot + 1) & mask
        }
        keys[slot] = id.rawValue
        positions[slot] = Int32(truncatingIfNeeded: count)
        count += 1
        return true
    }

    /// The slot where the search for `id` starts: the top bits of a Fibonacci-hash product.
    @inline(__always) private func home(_ id: CardID) -> Int {
        Int(truncatingIfNeeded: (id.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldPositions = positions
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        positions = [Int32](repeating: -1, count: size)
        shift -= 1
        let mask = size - 1
        for i in oldKeys.indices where oldPositions[i] >= 0 {
            var slot = home(CardID(rawValue: oldKeys[i]))
            while positions[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            positions[slot] = oldPositions[i]
        }
    }
}
