/// A set of card ids, each with a position: the index of the arrays that a table or a pass
/// over many cards keeps per card (``CardRecords``, the stats replay).
///
/// An id inserted gets the next position (0, 1, 2, … while nothing is removed); a caller that
/// removes ids and compacts its arrays says where an id moved with ``move(_:to:)``.
///
/// Card ids are already 64-bit FNV-1a hashes, so the table (open addressing, linear probing)
/// places them by their own bits, spread by one multiplication, instead of hashing them again.
public struct CardIDSet: Sendable {
    private struct Slot {
        var id: UInt64
        /// The id's position; -1 for an empty slot.
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

    /// The position of `id` (0 for the first id inserted), if it is here.
    public func position(of id: CardID) -> Int? {
        slot(of: id).map { Int(slots[$0].position) }
    }

    /// The positions of `count` ids, -1 for an id not here: one tight loop whose probes do
    /// not depend on each other, so the processor overlaps their cache misses.
    public func positions(count: Int, of id: (Int) -> CardID) -> [Int32] {
        // With no capacity the standard library hands out its one shared empty storage and
        // still writes the count into it: a data race when two threads do so at once.
        guard count > 0 else { return [] }
        return [Int32](unsafeUninitializedCapacity: count) { out, initialized in
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                for i in 0..<count {
                    let key = id(i).rawValue
                    var slot = home(key)
                    var found: Int32 = -1
                    while slots[slot].position >= 0 {
                        if slots[slot].id == key { found = slots[slot].position; break }
                        slot = (slot + 1) & mask
                    }
                    out[i] = found
                }
            }
            initialized = count
        }
    }

    /// Adds `id` unless it is here; returns whether it was added and its position.
    @discardableResult
    public mutating func insert(_ id: CardID) -> (inserted: Bool, position: Int) {
        if (count + 1) * 2 > slots.count { grow(to: Self.size(for: count + 1)) }
        let position = Int32(truncatingIfNeeded: count)
        let start = home(id.rawValue)
        let found = slots.withUnsafeMutableBufferPointer { slots -> Int32? in
            let mask = slots.count - 1
            var slot = start
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

    /// Removes `id`; returns the position it had, or nil when it was not here.
    @discardableResult
    public mutating func remove(_ id: CardID) -> Int? {
        guard let start = slot(of: id) else { return nil }
        let removed = Int(slots[start].position)
        // Deletion without tombstones: later entries of the probe run shift back into the hole.
        let mask = slots.count - 1
        var hole = start
        var next = (hole + 1) & mask
        while slots[next].position >= 0 {
            let home = self.home(slots[next].id)
            // Move `next` back into the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Slot(id: 0, position: -1)
        count -= 1
        return removed
    }

    /// Gives `id`, which is here, the position `position` (for a caller that moved its entry).
    public mutating func move(_ id: CardID, to position: Int) {
        if let slot = slot(of: id) { slots[slot].position = Int32(truncatingIfNeeded: position) }
    }

    /// Makes room for `capacity` ids in all.
    public mutating func reserveCapacity(_ capacity: Int) {
        let size = Self.size(for: capacity)
        if size > slots.count { grow(to: size) }
    }

    private func slot(of id: CardID) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = home(id.rawValue)
            while slots[slot].position >= 0 {
                if slots[slot].id == id.rawValue { return slot }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The table size for `capacity` ids: a power of two at most half full.
    private static func size(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        return size
    }

    /// The slot where the search for an id starts: the top bits of a Fibonacci-hash product.
    @inline(__always) private func home(_ id: UInt64) -> Int {
        Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow(to size: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(id: 0, position: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1
        for entry in old where entry.position >= 0 {
            var slot = home(entry.id)
            while slots[slot].position >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
