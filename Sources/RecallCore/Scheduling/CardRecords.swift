/// Every card's ``CardRecord`` by ``CardID``: what a `[CardID: CardRecord]` dictionary would
/// hold, laid out for a collection of 100,000 cards.
///
/// The records sit in one array in the order they were added, with their ids in a parallel
/// array, and a ``CardIDSet`` gives an id's position. Loading is a sequential fill instead
/// of scattered writes, and iteration is in a stable order (the order added).
///
/// Removing a record moves the last one into its place, so the order after a removal is
/// "added order, except that the last record took the removed one's place".
public struct CardRecords: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Element = (key: CardID, value: CardRecord)

    private var ids: [CardID] = []
    private var rows: [CardRecord] = []
    /// The position of each id in `ids`/`rows`.
    private var index: CardIDSet

    /// An empty table that holds `minimumCapacity` records without growing.
    public init(minimumCapacity: Int = 0) {
        index = CardIDSet(minimumCapacity: minimumCapacity)
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
    /// file sorted by id holds them); nil when `row` gives nil or the ids are not strictly
    /// ascending.
    public init?(ascendingCount count: Int, _ row: (Int) -> (CardID, CardRecord)?) {
        self.init(minimumCapacity: count)
        for i in 0..<count {
            guard let (id, record) = row(i), ids.last.map({ $0 < id }) ?? true else { return nil }
            insertNew(id, record)
        }
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
        index.reserveCapacity(capacity)
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
    /// one (see ``CardIDSet/positions(count:of:)``).
    public func positions(count: Int, of id: (Int) -> CardID) -> [Int32] {
        index.positions(count: count, of: id)
    }

    /// The record at `position`, as given by ``positions(count:of:)`` (nil for -1).
    @inline(__always) public func record(at position: Int32) -> CardRecord? {
        position < 0 ? nil : rows[Int(position)]
    }

    /// Removes `id`'s record and returns it.
    @discardableResult
    public mutating func removeValue(forKey id: CardID) -> CardRecord? {
        guard let p = index.remove(id) else { return nil }
        let removed = rows[p]
        let last = ids.count - 1
        if p != last {
            // The last record moves into the hole.
            let moved = ids[last]
            index.move(moved, to: p)
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
        guard index.insert(id).inserted else { return false }
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

    /// The position of `id` in `ids`/`rows`.
    @inline(__always) private func position(of id: CardID) -> Int? {
        index.position(of: id)
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
