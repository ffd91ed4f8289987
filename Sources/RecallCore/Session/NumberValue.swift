import Foundation

/// The value of an answer that is a plain number, as a reduced fraction, so that `3`, `3.0`
/// and `$3$`, or `0.5` and `1/2`, are known to be the same answer. Pure.
///
/// Read: an optional sign (`-`, `−`, `+`), then an integer or decimal (`1,000` and `1 000`
/// with groups of three digits are thousands), or a fraction `a/b` of two integers; a leading
/// relation (`≈ 1.414`, `= 3`) is dropped. Anything else (letters, units, several numbers)
/// is no number.
struct NumberValue: Hashable, Sendable {
    /// The fraction in lowest terms; `denominator` is positive.
    let numerator: Int
    let denominator: Int

    /// Digits kept after the point; longer decimals are left as text.
    private static let maximumDigits = 15

    init?(_ text: String) {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if let first = s.first, "=≈".contains(first) { s = s.dropFirst().drop(while: \.isWhitespace) }
        var negative = false
        if let first = s.first, "-−+".contains(first) {
            negative = first != "+"
            s = s.dropFirst()
        }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        let value: (Int, Int)
        switch parts.count {
        case 1:
            guard let decimal = NumberValue.decimal(parts[0]) else { return nil }
            value = decimal
        case 2:
            guard let n = NumberValue.integer(parts[0]), let d = NumberValue.integer(parts[1]), d != 0 else { return nil }
            value = (n, d)
        default:
            return nil
        }
        let divisor = NumberValue.gcd(value.0, value.1)
        numerator = (negative ? -1 : 1) * value.0 / divisor
        denominator = value.1 / divisor
    }

    /// `12`, `1,000`, `1 000`: digits, in groups of three after a separator.
    private static func integer(_ text: Substring) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let groups = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == " " || $0 == "\u{A0}" }
        guard let first = groups.first, !first.isEmpty,
              groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              groups.count == 1 || (first.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { return nil }
        return Int(groups.joined())
    }

    /// `3`, `3.0`, `.5`, `1,000.25`: an integer part and digits after a point.
    private static func decimal(_ text: Substring) -> (Int, Int)? {
        let halves = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = halves[0].isEmpty && halves.count == 2 ? 0 : integer(halves[0])
        guard let whole else { return nil }
        guard halves.count == 2 else { return (whole, 1) }
        let digits = halves[1]
        guard !digits.isEmpty, digits.count <= maximumDigits,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), let fraction = Int(digits) else { return nil }
        var scale = 1
        for _ in 0..<digits.count { scale *= 10 }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        let (sum, overflow2) = scaled.addingReportingOverflow(fraction)
        return overflow2 ? nil : (sum, scale)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
