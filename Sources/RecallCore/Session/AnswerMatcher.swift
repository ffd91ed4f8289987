import Foundation

/// How close a typed answer is to the real one.
public enum AnswerMatch: Hashable, Sendable {
    /// Equal after normalisation (case, accents, punctuation and spacing ignored).
    case exact
    /// Within the typo tolerance: `edits` single-character edits away.
    case close(edits: Int)
    /// Too far off.
    case wrong

    /// Counts as knowing the answer.
    public var isCorrect: Bool { self != .wrong }

    /// The rating Recall proposes: exact → good, close → hard, wrong → again.
    public var suggestedRating: Rating {
        switch self {
        case .exact: .good
        case .close: .hard
        case .wrong: .again
        }
    }
}

/// Compares typed answers with real ones, tolerating small typos. Pure.
public enum AnswerMatcher {
    /// Share of the answer's length (after normalisation) allowed as edits, rounded.
    public static let tolerance = 0.15

    /// Matches `typed` against `answer`. A multi-line answer also accepts any one of its
    /// lines, and an answer like `a, b` or `a; b` also accepts each part; the best match wins.
    public static func match(typed: String, answer: String) -> AnswerMatch {
        let t = matchKey(typed)
        guard !t.isEmpty else { return .wrong }
        var best = AnswerMatch.wrong
        for candidate in acceptedForms(of: answer) {
            let result = compare(t, matchKey(candidate))
            if result == .exact { return .exact }
            if case .close(let e) = result {
                if case .close(let b) = best, b <= e { continue }
                best = result
            }
        }
        return best
    }

    private static func compare(_ t: String, _ a: String) -> AnswerMatch {
        guard !a.isEmpty else { return .wrong }
        if t == a { return .exact }
        let ta = Array(t), aa = Array(a)
        let allowed = Int((Double(aa.count) * tolerance).rounded())
        guard allowed > 0, abs(ta.count - aa.count) <= allowed else { return .wrong }
        let d = editDistance(ta, aa, limit: allowed)
        return d <= allowed ? .close(edits: d) : .wrong
    }

    /// The whole answer, then its lines, then its comma- or semicolon-separated parts.
    static func acceptedForms(of answer: String) -> [String] {
        var forms = [answer]
        let lines = answer.split(whereSeparator: \.isNewline).map(String.init)
        if lines.count > 1 { forms += lines }
        for line in lines {
            let parts = line.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
            if parts.count > 1 { forms += parts }
        }
        return forms
    }

    /// Folds case and accents, drops punctuation and symbols, collapses whitespace.
    public static func normalize(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = ""
        var pendingSpace = false
        for ch in folded {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
            } else if ch.isLetter || ch.isNumber {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }

    /// ``normalize(_:)``, or for text that is all punctuation (like `?.`), the text itself
    /// with case folded and spaces removed, so that such answers can still be matched.
    public static func matchKey(_ text: String) -> String {
        let normalized = normalize(text)
        return normalized.isEmpty ? text.lowercased().filter { !$0.isWhitespace } : normalized
    }

    /// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions,
    /// deletions, substitutions and swaps of two neighbours each cost 1. Returns a value
    /// above `limit` as soon as the result is known to exceed it.
    public static func editDistance(_ a: [Character], _ b: [Character], limit: Int = .max) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit == .max ? rowMinimum : limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[m]
    }
}
