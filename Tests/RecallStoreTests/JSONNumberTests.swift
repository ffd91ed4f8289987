import Foundation
import RecallCore
import Testing
@testable import RecallStore

/// ``JSONScanner/fastNumber()`` reads every plain decimal exactly as the standard library's
/// correctly rounded parser does, including the 16-19 digit mantissas that take the
/// 128-bit path.
@Suite struct JSONNumberTests {
    private func scan(_ text: String) throws -> Double {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buf in
            var scanner = JSONScanner(buf)
            return try scanner.fastNumber()
        }
    }

    @Test func shortestFormsOfRandomDoublesRoundTrip() throws {
        var rng = SplitMix64(seed: 20261130)
        var mismatches: [String] = []
        for i in 0..<200_000 {
            // Magnitudes a snapshot holds (stabilities, difficulties, factors) and beyond.
            let exponent = Double(Int.random(in: -12...15, using: &rng))
            let value = Double.random(in: 1..<10, using: &rng) * pow(10, exponent) * (i % 7 == 0 ? -1 : 1)
            let text = "\(value)"
            guard !text.contains("e") else { continue }
            let read = try scan(text)
            if read.bitPattern != value.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    @Test func longDecimalsRoundLikeTheStandardLibrary() throws {
        var rng = SplitMix64(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            // Random 16-19 digit mantissas with 0-22 digits after the point: not shortest
            // forms, so rounding (including near-ties) is really exercised.
            let digits = Int.random(in: 16...19, using: &rng)
            var mantissa = String(Int.random(in: 1...9, using: &rng))
            for _ in 1..<digits { mantissa += String(Int.random(in: 0...9, using: &rng)) }
            let point = Int.random(in: 0...min(22, digits - 1), using: &rng)
            let text = point == 0 ? mantissa
                : String(mantissa.dropLast(point)) + "." + String(mantissa.suffix(point))
            let read = try scan(text)
            if read.bitPattern != Double(text)?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    @Test func exactTiesRoundToEven() throws {
        // 2^53 + 1 and 2^53 + 3 are halfway between doubles: they round to the even neighbour.
        #expect(try scan("9007199254740993") == 9007199254740992)
        #expect(try scan("9007199254740995") == 9007199254740996)
        #expect(try scan("900719925474099.3") == Double("900719925474099.3"))
        #expect(try scan("0.30000000000000004") == 0.30000000000000004)
        #expect(try scan("-0.0").sign == .minus)
        #expect(try scan("18446744073709551615") == 18446744073709551615.0)
    }
}
