import Testing
@testable import RecallCore

@Suite struct CardIDSetTests {
    /// Against `Set`: membership, insertion positions and growing from the smallest table.
    @Test func matchesASet() {
        var generator = SplitMix64(seed: 7)
        var set = CardIDSet()
        var reference: [UInt64: Int] = [:]
        var values: [UInt64] = []
        for step in 0..<20_000 {
            // Some repeats, some zero ids, mostly new ones.
            let value = step % 7 == 3 && !values.isEmpty ? values[Int(generator.next() % UInt64(values.count))]
                : step % 1000 == 0 ? 0 : generator.next()
            let (inserted, position) = set.insert(CardID(rawValue: value))
            #expect(inserted == (reference[value] == nil))
            #expect(position == reference[value] ?? reference.count)
            if reference[value] == nil {
                reference[value] = reference.count
                values.append(value)
            }
        }
        #expect(set.count == reference.count)
        for (value, position) in reference {
            #expect(set.position(of: CardID(rawValue: value)) == position)
        }
        for _ in 0..<1000 {
            let value = generator.next()
            #expect(set.contains(CardID(rawValue: value)) == (reference[value] != nil))
        }
    }

    @Test func reservingKeepsTheContents() {
        var set = CardIDSet()
        for value: UInt64 in 1...40 { set.insert(CardID(rawValue: value * 0x1_0000_0000)) }
        set.reserveCapacity(10_000)
        #expect(set.count == 40)
        #expect((1...40).allSatisfy { set.position(of: CardID(rawValue: UInt64($0) * 0x1_0000_0000)) == $0 - 1 })
        #expect(!set.contains(CardID(rawValue: 41 * 0x1_0000_0000)))
    }
}
