import Foundation
import Testing
@testable import RecallCore

@Suite struct LoadBalancerTests {
    @Test func staysWithinTheRangeAndIsSeeded() {
        for seed in UInt64(0)..<500 {
            let counts = (0..<9).map { Int((seed &* 31 &+ UInt64($0) &* 17) % 50) }
            let chosen = LoadBalancer.interval(in: 10...18, dueCounts: counts, capacities: [], seed: seed)
            #expect((10...18).contains(chosen))
            #expect(chosen == LoadBalancer.interval(in: 10...18, dueCounts: counts, capacities: [], seed: seed))
        }
        #expect(LoadBalancer.interval(in: 7...7, dueCounts: [100], capacities: [0], seed: 1) == 7)
    }

    @Test func prefersTheLightDay() {
        // Day 11 has 10 reviews, the others 100: it takes almost every card.
        var picks = [Int: Int]()
        for seed in UInt64(0)..<1000 {
            picks[LoadBalancer.interval(in: 10...12, dueCounts: [100, 10, 100], capacities: [], seed: seed), default: 0] += 1
        }
        #expect(picks[11, default: 0] > 950)
        // Equal loads: every day is used, the shorter interval slightly more.
        picks = [:]
        for seed in UInt64(0)..<3000 {
            picks[LoadBalancer.interval(in: 10...12, dueCounts: [50, 50, 50], capacities: [], seed: seed), default: 0] += 1
        }
        #expect(picks.keys.sorted() == [10, 11, 12])
        #expect(picks[10, default: 0] > picks[12, default: 0])
    }

    @Test func neverPicksADayWithoutCapacity() {
        for seed in UInt64(0)..<500 {
            let chosen = LoadBalancer.interval(in: 5...9, dueCounts: [0, 0, 0, 0, 0], capacities: [0, 1, 0, 0.5, 0], seed: seed)
            #expect(chosen == 6 || chosen == 8)
        }
        // Every day at 0: capacities are ignored rather than leaving the range.
        let all = LoadBalancer.interval(in: 5...9, dueCounts: [9, 9, 0, 9, 9], capacities: [0, 0, 0, 0, 0], seed: 3)
        #expect((5...9).contains(all))
    }

    @Test func halfCapacityDaysTakeAboutHalfTheLoad() {
        // Filling an empty week one card at a time: a 50 % day ends with about half as many.
        var counts = [Int](repeating: 0, count: 7)
        let capacities: [Double] = [1, 1, 1, 1, 1, 0.5, 0]
        for seed in UInt64(0)..<1300 {
            let day = LoadBalancer.interval(in: 20...26, dueCounts: counts, capacities: capacities, seed: seed) - 20
            counts[day] += 1
        }
        #expect(counts[6] == 0)
        let normal = Double(counts[0..<5].reduce(0, +)) / 5
        #expect(abs(Double(counts[5]) / normal - 0.5) < 0.1)
    }
}
