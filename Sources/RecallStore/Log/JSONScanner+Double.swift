#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

extension JSONScanner {
    /// Reads a JSON number as a correctly rounded Double without making a String.
    ///
    /// Short numbers (at most 15 significant digits) take the exact fast path: an integer
    /// mantissa divided or multiplied by an exact power of ten. Others go to
    /// the standard library's locale-independent parser.
    mutating func fastNumber() throws(JSONScanError) -> Double {
        skipWhitespace()
        let start = pos
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenDot = false
        var simple = true
        if pos < end, bytes[pos] == 0x2D { pos += 1 }
        while pos < end {
            let b = bytes[pos]
            if b >= 0x30 && b <= 0x39 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b - 0x30) }
                digits += 1
                if seenDot { fractionDigits += 1 }
            } else if b == 0x2E, !seenDot {
                seenDot = true
            } else if b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D {
                simple = false
            } else {
                break
            }
            pos += 1
        }
        let count = pos - start
        guard count > 0, digits > 0 else { pos = start; throw unexpected(expected: "a number") }
        let negative = bytes[start] == 0x2D
        if simple, digits <= 15, fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return try slowNumber(from: start, count: count)
    }

    private func slowNumber(from start: Int, count: Int) throws(JSONScanError) -> Double {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw JSONScanError("'\(text)' is not a number") }
        return value
    }
}
