/// Hints for `:hint`: the first letters of each word of the answer, one more letter each
/// time, the rest shown as `_`. Spaces, punctuation and line breaks are kept. Pure.
public enum AnswerHint {
    /// The hint at `level` (1 = first letter of each word). Words no longer than `level`
    /// letters are shown whole.
    public static func text(for answer: String, level: Int) -> String {
        var out = ""
        var positionInWord = 0
        for ch in answer {
            if ch.isLetter || ch.isNumber {
                out.append(positionInWord < level ? ch : "_")
                positionInWord += 1
            } else {
                out.append(ch)
                positionInWord = 0
            }
        }
        return out
    }

    /// True once `level` reveals the whole answer, so a further `:hint` adds nothing.
    public static func isComplete(_ answer: String, level: Int) -> Bool {
        !text(for: answer, level: level).contains("_") || level > answer.count
    }
}
