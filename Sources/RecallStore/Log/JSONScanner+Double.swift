#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }
private let powersOfTenInteger: [UInt128] = (0...22).map { (0..<$0).reduce(UInt128(1)) { r, _ in r * 10 } }

extension JSONScanner {
    /// Reads a JSON number as a correctly rounded Double without making a String.
    ///
    /// Plain decimals (no exponent, at most 19 digits, at most 22 after the point) are
    /// computed exactly from their integer mantissa (``exactQuotient(_:powerOfTen:)``).
    /// Others go to the standard library's locale-independent parser.
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
        if simple, digits <= 19, fractionDigits <= 22 {
            let value = JSONScanner.exactQuotient(mantissa, powerOfTen: fractionDigits)
            return negative ? -value : value
        }
        return try slowNumber(from: start, count: count)
    }

    /// `w / 10^k`, correctly rounded (to nearest, ties to even), for `k` ≤ 22.
    ///
    /// When `w` fits in 53 bits both operands are exact doubles and one IEEE division rounds
    /// correctly (Clinger's fast path). Otherwise (16-19 digit mantissas, as in most
    /// shortest-form doubles) the quotient is computed in 128-bit integers with at least
    /// 54 significant bits, and the remainder decides the rounding.
    static func exactQuotient(_ w: UInt64, powerOfTen k: Int) -> Double {
        if w <= 1 << 53 { return Double(w) / powersOfTen[k] }
        if k == 0 { return Double(w) }  // Double(UInt64) rounds correctly
        let divisor = UInt128(powersOfTenInteger[k])
        let shift = 128 - (64 - w.leadingZeroBitCount)  // w << shift just fits in 128 bits
        let (q, r) = (UInt128(w) << shift).quotientAndRemainder(dividingBy: divisor)
        let bits = 128 - q.leadingZeroBitCount  // at least 54, as divisor < 2^74
        let drop = bits - 53
        var m = UInt64(truncatingIfNeeded: q >> drop)
        let roundBit = (q >> (drop - 1)) & 1
        let sticky = (q & ((UInt128(1) << (drop - 1)) - 1)) != 0 || r != 0
        if roundBit == 1 && (sticky || m & 1 == 1) { m += 1 }
        // m ≤ 2^53 is exact; scaling by a power of two is exact for normal results.
        return Double(sign: .plus, exponent: drop - shift, significand: Double(m))
    }

    private func slowNumber(from start: Int, count: Int) throws(JSONScanError) -> Double {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw JSONScanError("'\(text)' is not a number") }
        return value
    }
}
