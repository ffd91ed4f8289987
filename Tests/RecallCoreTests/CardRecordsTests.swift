import Foundation
import Testing
@testable import RecallCore

@Suite struct CardRecordsTests {
    func record(_ n: Int) -> CardRecord {
        CardRecord(schedule: CardSchedule(state: .review, step: nil, memory: nil,
                                          due: Date(timeIntervalSince1970: Double(n)), lastReview: nil, reps: n,
                                          lapses: 0, scheduledDays: 1, easeFactor: 2.5, interval: 1),
                   reviewCount: n)
    }

    /// Seeded random inserts, updates, removals and lookups give what a dictionary gives,
    /// including ids that share a probe run (small keys all land near each other).
    @Test(arguments: [1, 2, 3, 4])
    func behavesLikeADictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = CardRecords()
        var dictionary: [CardID: CardRecord] = [:]
        let universe = seed % 2 == 0 ? 64 : 5_000
        for step in 0..<40_000 {
            let id = CardID(rawValue: rng.next() % UInt64(universe) + (seed == 3 ? 0 : 1 << 40))
            switch rng.next() % 4 {
            case 0, 1:
                table[id] = record(step)
                dictionary[id] = record(step)
            case 2:
                let removed = table.removeValue(forKey: id)
                let expected = dictionary.removeValue(forKey: id)
                #expect(removed == expected)
            default:
                table[id, default: record(-1)].reviewCount += 1
                dictionary[id, default: record(-1)].reviewCount += 1
            }
            #expect(table[id] == dictionary[id])
        }
        #expect(table.count == dictionary.count)
        #expect(Set(table.keys) == Set(dictionary.keys))
        for (id, value) in table { #expect(dictionary[id] == value) }
        for (id, value) in dictionary { #expect(table[id] == value) }
        #expect(table == CardRecords(dictionary))
    }

    @Test func keepsTheOrderAddedAndComparesWithoutIt() {
        var a: CardRecords = [CardID(rawValue: 3): record(3), CardID(rawValue: 1): record(1)]
        a[CardID(rawValue: 2)] = record(2)
        #expect(a.keys.map(\.rawValue) == [3, 1, 2])
        #expect(a.values.map(\.reviewCount) == [3, 1, 2])
        let b = CardRecords([CardID(rawValue: 1): record(1), CardID(rawValue: 2): record(2), CardID(rawValue: 3): record(3)])
        #expect(b.keys.map(\.rawValue) == [1, 2, 3])
        #expect(a == b)
        a[CardID(rawValue: 3)] = nil
        // The last record takes the removed one's place.
        #expect(a.keys.map(\.rawValue) == [2, 1])
        #expect(a != b)
        let first = a.insertNew(CardID(rawValue: 9), record(9))
        let second = a.insertNew(CardID(rawValue: 9), record(10))
        #expect(first && !second)
        #expect(a[CardID(rawValue: 9)]?.reviewCount == 9)
        #expect(a.filter { $0.value.reviewCount > 1 }.keys.map(\.rawValue) == [2, 9])
    }
}

@Suite struct CardRecordsAscendingTests {
    @Test func takesOnlyStrictlyAscendingIDs() throws {
        let r = CardRecord(schedule: CardSchedule(state: .new, step: nil, memory: nil, due: Date(timeIntervalSince1970: 0),
                                                  lastReview: nil, reps: 0, lapses: 0, scheduledDays: 0, easeFactor: 2.5,
                                                  interval: 0))
        let ids = (1...1000).map { CardID(rawValue: UInt64($0) &* 0x9E37_79B9) }
        let table = try #require(CardRecords(ascendingCount: ids.count) { (ids[$0], r) })
        #expect(table.count == 1000)
        #expect(ids.allSatisfy { table[$0] == r })
        #expect(table[CardID(rawValue: 5)] == nil)
        let reversed = Array(ids.reversed())
        #expect(CardRecords(ascendingCount: reversed.count) { (reversed[$0], r) } == nil)
        let repeated = ids + [ids[999]]
        #expect(CardRecords(ascendingCount: repeated.count) { (repeated[$0], r) } == nil)
        #expect(CardRecords(ascendingCount: 2) { $0 == 0 ? (ids[0], r) : nil } == nil)  // a row that cannot be read
    }
}

@Suite struct EmptyTablesOnManyThreadsTests {
    /// Empty stores are loaded side by side (tests, merges): making an empty table or empty
    /// positions must not write to memory the threads share. The ThreadSanitizer run of the
    /// suite reports it if they do (the standard library's one empty array storage).
    @Test func emptyTablesAreMadeOnManyThreadsAtOnce() {
        nonisolated(unsafe) let made = UnsafeMutableBufferPointer<Int>.allocate(capacity: 64)
        made.initialize(repeating: -1)
        defer { made.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let table = CardRecords(ascendingCount: 0) { _ in nil }
            let positions = table?.positions(count: 0) { _ in CardID(rawValue: 1) }
            made[i] = (table?.count ?? -1) + (positions?.count ?? -1)  // each thread its own slot
        }
        #expect(Array(made) == Array(repeating: 0, count: 64))
    }
}

@Suite struct CardRecordsPositionsTests {
    @Test func positionsFindWhatLookupsFind() {
        var rng = SplitMix64(seed: 11)
        var table = CardRecords()
        let r = CardRecord(schedule: .new(createdAt: Date(timeIntervalSince1970: 0)))
        for i in 0..<3000 { table[CardID(rawValue: rng.next())] = { var x = r; x.reviewCount = i; return x }() }
        let present = table.keys
        let probes = present.prefix(500) + (0..<500).map { _ in CardID(rawValue: rng.next()) }
        let positions = probes.withUnsafeBufferPointer { p in table.positions(count: p.count) { p[$0] } }
        #expect(positions.count == 1000)
        #expect(zip(probes, positions).allSatisfy { table.record(at: $1) == table[$0] })
        #expect(positions.prefix(500).allSatisfy { $0 >= 0 })
        #expect(positions.suffix(500).allSatisfy { $0 == -1 })
    }
}

@Suite struct CompactRecordTests {
    @Test func aRecordStaysSmall() {
        // One per card, touched at every opening.
        #expect(MemoryLayout<CardSchedule>.stride <= 64)
        #expect(MemoryLayout<CardRecord>.stride <= 96)
    }

    @Test func optionalsAndCountsReadBackAsSetAndCompareByValue() {
        var s = CardSchedule.new(createdAt: Date(timeIntervalSince1970: 100))
        #expect(s.step == 0 && s.memory == nil && s.lastReview == nil)
        s.step = nil
        s.memory = MemoryState(stability: 3.5, difficulty: 7)
        s.lastReview = Date(timeIntervalSince1970: 0)  // a real date that happens to be 1970
        s.reps = Int.max  // clamped, never trapping
        #expect(s.step == nil && s.memory == MemoryState(stability: 3.5, difficulty: 7))
        #expect(s.lastReview == Date(timeIntervalSince1970: 0))
        #expect(s.reps == Int(Int32.max))
        var t = s
        t.memory = nil
        t.memory = MemoryState(stability: 3.5, difficulty: 7)
        #expect(t == s && t.hashValue == s.hashValue)
        t.memory = nil
        #expect(t != s)
        var r = CardRecord(schedule: s, buriedUntilDay: -3, reviewCount: 4)
        #expect(r.buriedUntilDay == -3 && r.introduced == nil && r.lastReviewAsReview == nil)
        r.buriedUntilDay = nil
        r.introduced = Date(timeIntervalSinceReferenceDate: 0)
        #expect(r.buriedUntilDay == nil && r.introduced == Date(timeIntervalSinceReferenceDate: 0))
        #expect(r != CardRecord(schedule: s, reviewCount: 4))
    }
}
