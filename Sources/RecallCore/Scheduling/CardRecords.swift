/// Every card's ``CardRecord`` by ``CardID``: what a `[CardID: CardRecord]` dictionary would
/// hold, laid out for a large collection.
///
/// The records sit in one array in the order they were added, with their ids in a parallel
/// array, and a small open-addressing index (linear probing, 4-byte positions) finds an id's
/// position. Compared with a dictionary that is under half the memory (no buckets for large
/// values left empty by the load factor), loading is a sequential fill instead of scattered
/// writes, and iteration is in a stable order (the order added).
/// Its own index, not a ``CardIDSet``: that costs more than 10% on the side-by-side "open"
/// and "stats" rows (BENCHMARKS.md).
///
/// Removing a record moves the last one into its place, so the order after a removal is
/// "added order, except that the last record took the removed one's place".
public struct CardRecords: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Element = (key: CardID, value: CardRecord)

    private var ids: [CardID] = []
    private var rows: [CardRecord] = []
    /// Positions into `ids`/`rows`; -1 marks an empty slot. A power of two, at most half full.
    private var slots: [Int32]
    private var shift: UInt64

    /// An empty table that holds `minimumCapacity` records without growing.
    public init(minimumCapacity: Int = 0) {
        let size = Self.tableSize(for: minimumCapacity)
        slots = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        ids.reserveCapacity(minimumCapacity)
        rows.reserveCapacity(minimumCapacity)
    }

    public init(dictionaryLiteral elements: (CardID, CardRecord)...) {
        self.init(minimumCapacity: elements.count)
        for (id, record) in elements { self[id] = record }
    }

    /// The records of `dictionary`, in ascending id order.
    public init(_ dictionary: [CardID: CardRecord]) {
        self.init(minimumCapacity: dictionary.count)
        for id in dictionary.keys.sorted() { self[id] = dictionary[id] }
    }

    /// The `count` records that `row` gives for 0, 1, … in strictly ascending id order (as a
    /// file sorted by id holds them), indexed in one pass at the end; nil when `row` gives nil
    /// or the ids are not strictly ascending.
    public init?(ascendingCount count: Int, _ row: (Int) -> (CardID, CardRecord)?) {
        self.init(minimumCapacity: 0)
        var ids: [CardID] = [], rows: [CardRecord] = []
        ids.reserveCapacity(count)
        rows.reserveCapacity(count)
        for i in 0..<count {
            guard let (id, record) = row(i), ids.last.map({ $0 < id }) ?? true else { return nil }
            ids.append(id)
            rows.append(record)
        }
        self.ids = ids
        self.rows = rows
        rebuildIndex(size: Self.tableSize(for: count))
    }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }

    /// The ids, in table order.
    public var keys: [CardID] { ids }
    /// The records, in table order (the same order as ``keys``).
    public var values: [CardRecord] { rows }

    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
        let size = Self.tableSize(for: capacity)
        if size > slots.count { rebuildIndex(size: size) }
    }

    /// The record of `id`; setting nil removes it.
    public subscript(id: CardID) -> CardRecord? {
        get { position(of: id).map { rows[$0] } }
        set {
            if let newValue {
                if !insertNew(id, newValue) { rows[position(of: id)!] = newValue }
            } else {
                removeValue(forKey: id)
            }
        }
    }

    /// The record of `id`, or `defaultValue` (added when the record is modified).
    public subscript(id: CardID, default defaultValue: @autoclosure () -> CardRecord) -> CardRecord {
        get { position(of: id).map { rows[$0] } ?? defaultValue() }
        _modify {
            let p = position(of: id) ?? {
                insertNew(id, defaultValue())
                return rows.count - 1
            }()
            yield &rows[p]
        }
    }

    /// The positions (see ``record(at:)``) of the records of `count` ids, -1 for an id without
    /// one. Much faster than `count` subscript lookups on a large table: one tight loop whose
    /// probes do not depend on each other, so the processor overlaps their cache misses.
    public func positions(count: Int, of id: (Int) -> CardID) -> [Int32] {
        // With no capacity the standard library hands out its one shared empty storage and
        // still writes the count into it: a data race when two stores do so at once.
        guard count > 0 else { return [] }
        return [Int32](unsafeUninitializedCapacity: count) { out, initialized in
            slots.withUnsafeBufferPointer { slots in
                ids.withUnsafeBufferPointer { ids in
                    let mask = slots.count - 1
                    for i in 0..<count {
                        let key = id(i)
                        var slot = home(key)
                        var found: Int32 = -1
                        while true {
                            let p = slots[slot]
                            if p < 0 { break }
                            if ids[Int(p)] == key { found = p; break }
                            slot = (slot + 1) & mask
                        }
                        out[i] = found
                    }
                }
            }
            initialized = count
        }
    }

    /// The record at `position`, as given by ``positions(count:of:)`` (nil for -1).
    @inline(__always) public func record(at position: Int32) -> CardRecord? {
        position < 0 ? nil : rows[Int(position)]
    }

    /// Removes `id`'s record and returns it.
    @discardableResult
    public mutating func removeValue(forKey id: CardID) -> CardRecord? {
        guard let slot = slot(of: id) else { return nil }
        let p = Int(slots[slot])
        deleteSlot(slot)
        let removed = rows[p]
        let last = ids.count - 1
        if p != last {
            // The last record moves into the hole; its slot is repointed.
            let moved = ids[last]
            if let movedSlot = self.slot(of: moved) { slots[movedSlot] = Int32(p) }
            ids[p] = moved
            rows[p] = rows[last]
        }
        ids.removeLast()
        rows.removeLast()
        return removed
    }

    /// Adds a record for an id that is not in the table yet (as loaders of a file of unique
    /// ids do); returns false, changing nothing, when the id is already here.
    @discardableResult
    public mutating func insertNew(_ id: CardID, _ record: CardRecord) -> Bool {
        if (ids.count + 1) * 2 > slots.count { rebuildIndex(size: Self.tableSize(for: ids.count + 1)) }
        // One probe: the id's slot if it is here, else the empty slot that ends its run.
        let p = Int32(truncatingIfNeeded: ids.count)
        let mask = slots.count - 1
        var slot = home(id)
        let added = ids.withUnsafeBufferPointer { ids in
            slots.withUnsafeMutableBufferPointer { slots in
                while true {
                    let q = slots[slot]
                    if q < 0 {
                        slots[slot] = p
                        return true
                    }
                    if ids[Int(q)] == id { return false }
                    slot = (slot + 1) & mask
                }
            }
        }
        guard added else { return false }
        ids.append(id)
        rows.append(record)
        return true
    }

    public func makeIterator() -> Iterator { Iterator(ids: ids, rows: rows) }

    public struct Iterator: IteratorProtocol {
        let ids: [CardID]
        let rows: [CardRecord]
        var index = 0

        public mutating func next() -> Element? {
            guard index < ids.count else { return nil }
            defer { index += 1 }
            return (ids[index], rows[index])
        }
    }

    public var underestimatedCount: Int { ids.count }

    /// Entries whose record satisfies `isIncluded`, in table order (as `Dictionary.filter`).
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> CardRecords {
        var out = CardRecords(minimumCapacity: 0)
        for element in self where try isIncluded(element) { out.insertNew(element.key, element.value) }
        return out
    }

    public var description: String {
        "[" + ids.sorted().map { "\($0): \(self[$0]!)" }.joined(separator: ", ") + "]"
    }

    // MARK: Index

    /// The position of `id` in `ids`/`rows`.
    @inline(__always) private func position(of id: CardID) -> Int? {
        slot(of: id).map { Int(slots[$0]) }
    }

    private func slot(of id: CardID) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            ids.withUnsafeBufferPointer { ids in
                let mask = slots.count - 1
                var slot = home(id)
                while true {
                    let p = slots[slot]
                    if p < 0 { return nil }
                    if ids[Int(p)] == id { return slot }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Empties `slot` and shifts later entries of its probe run back (deletion without
    /// tombstones for linear probing).
    private mutating func deleteSlot(_ start: Int) {
        let mask = slots.count - 1
        var hole = start
        var next = (hole + 1) & mask
        while slots[next] >= 0 {
            let home = self.home(ids[Int(slots[next])])
            // Move `next` back into the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = -1
    }

    private mutating func rebuildIndex(size: Int) {
        slots = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1, shift = self.shift, ids = self.ids
        slots.withUnsafeMutableBufferPointer { slots in
            for (p, id) in ids.enumerated() {
                var slot = Self.home(id, shift: shift)
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(p)
            }
        }
    }

    /// The table size for `capacity` records: a power of two at most half full.
    private static func tableSize(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        return size
    }

    /// Where the search for `id` starts: the top bits of a Fibonacci-hash product (ids are
    /// already well-mixed 64-bit hashes).
    @inline(__always) private func home(_ id: CardID) -> Int { Self.home(id, shift: shift) }

    @inline(__always) private static func home(_ id: CardID, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (id.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

extension CardRecords: Equatable {
    /// The same ids with equal records, whatever the order.
    public static func == (a: CardRecords, b: CardRecords) -> Bool {
        guard a.count == b.count else { return false }
        for (id, record) in a where b[id] != record { return false }
        return true
    }
}
