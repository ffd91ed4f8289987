/// The operators of a formula answer, which typed answers must get right.
///
/// Matching ignores punctuation and symbols so that `soixante dix` matches `soixante-dix`;
/// in a formula those symbols are the answer: `b² + 4ac` is not `b² - 4ac`.
extension AnswerMatcher {
    /// Characters compared in a formula answer: arithmetic, relations and roots. Brackets
    /// and spacing still do not count, so `cos(x)` matches `cos x`.
    public static let formulaOperators: Set<Character> = [
        "+", "-", "−", "±", "∓", "×", "·", "÷", "/", "*", "=", "≠", "<", ">", "≤", "≥", "≈", "≡",
        "√", "∛", "∜", "∫", "∑", "∏", "→", "⇒", "⟺", "∈", "∉", "⊂", "⊆", "∪", "∩", "!",
        "⁺", "⁻", "⁼", "₊", "₋", "₌",
    ]

    /// Raised and lowered signs read as the signs themselves: `xⁿ⁻¹` has the `-` of `x^(n-1)`.
    private static let plainSign: [Character: Character] = [
        "−": "-", "⁺": "+", "⁻": "-", "⁼": "=", "₊": "+", "₋": "-", "₌": "=",
    ]

    /// Relations a formula answer may start with (`≈ 1.414`): leaving one out is no error.
    private static let leadingRelations: Set<Character> = ["=", "≈", "≤", "≥", "<", ">", "≡"]

    /// The operators of `shown` in order, `−` and raised signs read as `-`, a leading relation
    /// dropped.
    static func formulaOperators(of shown: String) -> String {
        var ops = shown.compactMap { ch -> Character? in
            guard formulaOperators.contains(ch) else { return nil }
            return plainSign[ch] ?? ch
        }
        if let first = ops.first, leadingRelations.contains(first),
           shown.drop(while: \.isWhitespace).first == first {
            ops.removeFirst()
        }
        return String(ops)
    }

    /// `true` when `text` is only formulas (such as `$\frac{1}{3}$`), with nothing else
    /// but spaces and punctuation around them.
    public static func isFormula(_ text: String) -> Bool {
        let blocks = RichText.blocks(text)
        var sawMath = false
        for block in blocks {
            guard case .text(let spans) = block else { return false }
            for span in spans {
                if span.style.contains(.math) { sawMath = true; continue }
                if span.text.contains(where: { $0.isLetter || $0.isNumber }) { return false }
            }
        }
        return sawMath
    }

    /// A typed answer to a formula whose operators differ from the answer's is wrong,
    /// however close its letters and digits are; `answers` are the shown forms tried.
    static func checkingOperators(_ result: AnswerMatch, typed: [String], answer shown: String) -> AnswerMatch {
        guard result != .wrong else { return result }
        let expected = formulaOperators(of: shown)
        return typed.contains { formulaOperators(of: $0) == expected } ? result : .wrong
    }
}
