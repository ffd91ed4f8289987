import Foundation

/// Reads the simple JSONL review log of `Benchmarks/optimizer/optgen.py`: one object per line with
/// `card_id` (integer), `review_time` (unix seconds) and `rating` (1…4); other keys are ignored.
/// Days are UTC calendar days (`floor(review_time / 86400)`).
public enum OptimizerLogReader {
    /// A line that is not a review: 1-based line number and what is wrong.
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// The reviews of `data`, or the first malformed line. Blank lines are skipped.
    public static func reviews(_ data: [UInt8]) -> Result<[OptimizerReview], Problem> {
        var result: [OptimizerReview] = []
        result.reserveCapacity(data.count / 80)
        var lineNumber = 0
        var start = 0
        while start < data.count {
            var end = start
            while end < data.count, data[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = data[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let card = number(after: "card_id", in: line),
                  let time = number(after: "review_time", in: line),
                  let value = number(after: "rating", in: line) else {
                return .failure(Problem(line: lineNumber,
                                        message: "expected \"card_id\", \"review_time\" and \"rating\" numbers"))
            }
            guard value == value.rounded(), let rating = Rating(rawValue: Int(value)) else {
                let shown = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                return .failure(Problem(line: lineNumber, message: "rating \(shown) is not 1, 2, 3 or 4"))
            }
            result.append(OptimizerReview(sequence: Int(card), time: time,
                                          day: Int((time / 86400).rounded(.down)), rating: rating))
        }
        return .success(result)
    }

    /// The number after `"key":` in `line` (digits with an optional sign, fraction and exponent).
    private static func number(after key: String, in line: ArraySlice<UInt8>) -> Double? {
        let pattern = Array("\"\(key)\"".utf8)
        guard let keyEnd = find(pattern, in: line) else { return nil }
        var i = keyEnd
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x3A { i += 1 }
        var j = i
        var integer = 0.0, plain = true
        if j < line.endIndex, line[j] == 0x2D { plain = false; j += 1 }
        while j < line.endIndex, (0x30...0x39).contains(line[j]) {
            integer = integer * 10 + Double(line[j] - 0x30)
            j += 1
        }
        if plain, j > i, j == line.endIndex || line[j] == 0x2C || line[j] == 0x7D || line[j] == 0x20 {
            return integer
        }
        while j < line.endIndex, (0x30...0x39).contains(line[j]) || line[j] == 0x2D || line[j] == 0x2E
            || line[j] == 0x65 || line[j] == 0x45 || line[j] == 0x2B { j += 1 }
        guard j > i, let text = String(bytes: line[i..<j], encoding: .ascii) else { return nil }
        return Double(text)
    }

    private static func find(_ pattern: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        guard line.count >= pattern.count else { return nil }
        return line.withUnsafeBufferPointer { bytes in
            pattern.withUnsafeBufferPointer { p in
                var i = 0
                outer: while i + p.count <= bytes.count {
                    if bytes[i] == p[0] {
                        for k in 1..<p.count where bytes[i + k] != p[k] { i += 1; continue outer }
                        return line.startIndex + i + p.count
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
