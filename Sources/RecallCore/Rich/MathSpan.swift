import Foundation

/// A formula in card text: LaTeX between Anki's MathJax delimiters `\(…\)` and `\[…\]`, or
/// between `$…$` and `$$…$$`. One rule for every reader of card text (the terminal renderer,
/// the export to Anki), so that what Recall shows as a formula is what Anki shows as one.
public struct MathSpan: Equatable, Sendable {
    /// The LaTeX between the delimiters.
    public var latex: String
    /// Display maths (`$$…$$`, `\[…\]`) rather than inline (`$…$`, `\(…\)`).
    public var display: Bool
    /// Where the span ends in the characters it was read from (just past its closing delimiter).
    public var end: Int

    /// The formula starting at `chars[start]` (a `\` or `$`), if one does. `$…$` is a formula
    /// only when it cannot be money: no space just inside either `$`, no digit just after the
    /// closing one, and no blank line inside (`it costs $5 or $10` is text).
    public static func at(_ start: Int, in chars: [Character]) -> MathSpan? {
        func char(_ at: Int) -> Character? { at < chars.count ? chars[at] : nil }
        func find(_ needle: [Character], from: Int) -> Int? {
            var j = from
            while j + needle.count <= chars.count {
                if chars[j] == needle[0], Array(chars[j..<(j + needle.count)]) == needle { return j }
                j += 1
            }
            return nil
        }
        switch (char(start), char(start + 1)) {
        case ("\\", "("), ("\\", "["):
            let display = char(start + 1) == "["
            guard let end = find(display ? ["\\", "]"] : ["\\", ")"], from: start + 2) else { return nil }
            return MathSpan(latex: String(chars[(start + 2)..<end]), display: display, end: end + 2)
        case ("$", "$"):
            guard let end = find(["$", "$"], from: start + 2), end > start + 2 else { return nil }
            return MathSpan(latex: String(chars[(start + 2)..<end]).trimmingCharacters(in: .whitespacesAndNewlines),
                            display: true, end: end + 2)
        case ("$", let first?) where !first.isWhitespace:
            var j = start + 1
            while j < chars.count {
                if chars[j] == "\\" { j += 2; continue }
                if chars[j] == "\n", char(j + 1) == "\n" { return nil }
                if chars[j] == "$" { break }
                j += 1
            }
            guard j < chars.count, !chars[j - 1].isWhitespace, !(char(j + 1)?.isNumber ?? false) else { return nil }
            return MathSpan(latex: String(chars[(start + 1)..<j]), display: false, end: j + 1)
        default:
            return nil
        }
    }
}
