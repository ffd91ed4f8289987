/// A set of card ids, each with the position it was first inserted at (0, 1, 2, …): both a
/// set and the index of the arrays a pass over many cards keeps per card.
///
/// Card ids are already 64-bit FNV-1a hashes, so the table (open addressing, linear probing)
/// places them by their own bits, spread by one multiplication, instead of hashing them again.
public struct CardIDSet: Sendable {
    private struct Slot {
        var id: UInt64
        /// The id's insertion position; -1 for an empty slot.
        var position: Int32
    }

    private var slots: [Slot]
    private var shift: UInt64
    public private(set) var count = 0

    /// A set that holds `minimumCapacity` ids without growing.
    public init(minimumCapacity: Int = 0) {
        let size = Self.size(for: minimumCapacity)
        slots = [Slot](repeating: Slot(id: 0, position: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    public var isEmpty: Bool { count == 0 }

    public func contains(_ id: CardID) -> Bool { position(of: id) != nil }

    /// The position at which `id` was inserted (0 for the first id inserted), if it is here.
    public func position(of id: CardID) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = home(id)
            while slots[slot].position >= 0 {
                if slots[slot].id == id.rawValue { return Int(slots[slot].position) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Adds `id` unless it is here; returns whether it was added and its position.
    @discardableResult
    public mutating func insert(_ id: CardID) -> (inserted: Bool, position: Int) {
        if (count + 1) * 2 > slots.count { grow(to: Self.size(for: count + 1)) }
        let position = Int32(truncatingIfNeeded: count)
        let slot = home(id)
        let found = slots.withUnsafeMutableBufferPointer { slots -> Int32? in
            let mask = slots.count - 1
            var slot = slot
            while slots[slot].position >= 0 {
                if slots[slot].id == id.rawValue { return slots[slot].position }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(id: id.rawValue, position: position)
            return nil
        }
        if let found { return (false, Int(found)) }
        count += 1
        return (true, Int(position))
    }

    /// Makes room for `capacity` ids in all.
    public mutating func reserveCapacity(_ capacity: Int) {
        let size = Self.size(for: capacity)
        if size > slots.count { grow(to: size) }
    }

    /// The table size for `capacity` ids: a power of two at most half full.
    private static func size(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        return size
    }

    /// The slot where the search for `id` starts: the top bits of a Fibonacci-hash product.
    @inline(__always) private func home(_ id: CardID) -> Int {
        Int(truncatingIfNeeded: (id.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow(to size: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(id: 0, position: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1
        for entry in old where entry.position >= 0 {
            var slot = home(CardID(rawValue: entry.id))
            while slots[slot].position >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
