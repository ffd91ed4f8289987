import Foundation

/// How close a typed answer is to the real one.
public enum AnswerMatch: Hashable, Sendable {
    /// Equal after normalisation (case, accents, punctuation and spacing ignored).
    case exact
    /// Within the typo tolerance: `edits` single-character edits away.
    case close(edits: Int)
    /// Only part of the answer: `found` of the answer's `total` items or lines. `missing`
    /// names the items not given when the answer is a list; it is empty for a prose answer
    /// (whose missing part is the rest of the text).
    case partial(found: Int, total: Int, missing: [String])
    /// The typed words begin or end the answer's first phrase: `Everest` for `Mount
    /// Everest`, but also `Mexico` for `New Mexico`. Only the user can tell which.
    case unsure
    /// Too far off.
    case wrong

    /// Counts as knowing the answer.
    public var isCorrect: Bool { self != .wrong && self != .unsure }

    /// The rating Recall proposes: exact → good, close or partial → hard, wrong → again;
    /// none when unsure, so that neither a lapse nor a pass is one keystroke away.
    public var suggestedRating: Rating? {
        switch self {
        case .exact: .good
        case .close, .partial: .hard
        case .unsure: nil
        case .wrong: .again
        }
    }

    /// Orders results from best to worst: exact, close (fewer edits first), partial (more
    /// found first), wrong.
    func isBetter(than other: AnswerMatch) -> Bool {
        rank < other.rank
    }

    private var rank: (Int, Int) {
        switch self {
        case .exact: (0, 0)
        case .close(let e): (1, e)
        case .partial(let found, _, _): (2, -found)
        case .unsure: (3, 0)
        case .wrong: (4, 0)
        }
    }
}

/// Compares typed answers with real ones, tolerating small typos. Pure.
///
/// Case, accents, punctuation and spacing never count: `soixante dix` matches
/// `soixante-dix` and `l'eau` matches `leau`. An answer that is a list (one item per line,
/// or `a, b, c`) accepts its items in any order, and names the ones missing; one line or
/// part of a longer prose answer is a partial answer. See ``AnswerParts``.
public enum AnswerMatcher {
    /// Share of the answer's length (after normalisation) allowed as edits, rounded.
    public static let tolerance = 0.15

    /// Matches `typed` against `answer`; `question` tells the words that name the answer
    /// from those the question already gave (see ``matchKeyWords(typed:answer:question:)``).
    public static func match(typed: String, answer: String, question: String = "") -> AnswerMatch {
        // A number is right or wrong by its value alone.
        if let byValue = matchNumber(typed: typed, answer: answer) { return byValue }
        let result = matchWhole(typed: typed, answer: answer)
        guard result == .wrong else { return result }
        return matchKeyWords(typed: typed, answer: answer, question: question) ?? result
    }

    private static func matchWhole(typed: String, answer: String) -> AnswerMatch {
        let t = matchKey(typed)
        guard !t.isEmpty else { return .wrong }
        var whole = compare(t, matchKey(answer))
        if whole == .exact { return .exact }
        let core = AnswerParts.withoutRemarks(answer)
        if core != answer {
            let coreMatch = compare(t, matchKey(core))
            if coreMatch.isBetter(than: whole) { whole = coreMatch }
            if whole == .exact { return .exact }
        }
        // `Pacific Ocean` for `The Pacific Ocean`: a leading article is no part of the answer.
        let bareTyped = withoutArticle(typed), bareCore = withoutArticle(core)
        if bareTyped != typed || bareCore != core {
            let bareMatch = compare(matchKey(bareTyped), matchKey(bareCore))
            if bareMatch.isBetter(than: whole) { whole = bareMatch }
            if whole == .exact { return .exact }
        }
        var byParts: AnswerMatch
        switch AnswerParts(answer) {
        case .single: return whole
        case .list(let items): byParts = matchItems(typed: typed, items: items, isList: true)
        case .prose(let parts):
            byParts = matchItems(typed: typed, items: parts, isList: false)
            // One line of several, where a line is no clause of the text read as one
            // paragraph: the formula above its explanation (`e^(iπ) + 1 = 0` / `It links…`).
            let lines = answer.split(whereSeparator: \.isNewline).map(String.init)
            if byParts == .wrong, lines.count > 1 {
                byParts = matchItems(typed: typed, items: lines, isList: false)
            }
        }
        return byParts.isBetter(than: whole) ? byParts : whole
    }

    /// Matches `typed` against a cloze card's `deletions`, in order: all of them (in any
    /// punctuation or spacing) is the answer; some of them is a partial answer.
    public static func match(typed: String, deletions: [String]) -> AnswerMatch {
        if deletions.count == 1, let byValue = matchNumber(typed: typed, answer: deletions[0]) { return byValue }
        let t = matchKey(typed)
        guard !t.isEmpty, !deletions.isEmpty else { return .wrong }
        let whole = compare(t, matchKey(deletions.joined(separator: " ")))
        guard whole != .exact, deletions.count > 1 else { return whole }
        let byParts = matchItems(typed: typed, items: deletions, isList: true)
        switch byParts {
        case .exact, .close:
            // Every deletion was given, but not in the order of the text.
            let outOfOrder = AnswerMatch.partial(found: deletions.count, total: deletions.count, missing: [])
            return whole.isBetter(than: outOfOrder) ? whole : outOfOrder
        default:
            return byParts.isBetter(than: whole) ? byParts : whole
        }
    }

    /// Matches `typed` against `card`: a cloze card's deletions, any other card's answer.
    /// Both sides are compared as they are shown (see ``RichText/plain(_:)``): formulas
    /// converted, so `α²` and `\alpha^2` match `$\alpha^2$`, and Markdown markers dropped.
    /// A typed formula without delimiters (`\alpha^2`) is tried converted too, and the
    /// better result counts: `x ^ y` typed for a code answer is still compared as written.
    public static func match(typed: String, card: Card) -> AnswerMatch {
        let asWritten = RichText.plain(typed), converted = RichText.typedAnswer(typed)
        let candidates = asWritten == converted ? [asWritten] : [asWritten, converted]
        let results = candidates.map { typed in
            if let cloze = card.clozeAnswer { return match(typed: typed, deletions: cloze.deletions.map(RichText.plain)) }
            return match(typed: typed, answer: RichText.plain(card.answer), question: RichText.plain(card.question))
        }
        let best = results.dropFirst().reduce(results[0]) { $1.isBetter(than: $0) ? $1 : $0 }
        // A formula's operators are part of the answer (see AnswerMatcher+Formulas.swift).
        let written = card.clozeAnswer.map { $0.deletions.joined(separator: " ") } ?? card.answer
        guard isFormula(written) else { return best }
        return checkingOperators(best, typed: candidates, answer: RichText.plain(written))
    }

    /// Which of `items` the typed text gives. An item counts when a typed part (split at
    /// commas, semicolons and line breaks) matches it within the typo tolerance, when its
    /// words appear in a run inside a typed part, or (for one-word items) when a typed word
    /// matches it; remarks in parentheses may be left out.
    private static func matchItems(typed: String, items: [String], isList: Bool) -> AnswerMatch {
        let typedParts = AnswerParts.split(typed, at: [",", ";", "\n"]).filter { !matchKey($0).isEmpty }
        let partKeys = typedParts.map(matchKey)
        let partWords = typedParts.map(words)
        var usedParts = Set<Int>()
        // Words of the items each typed part gave, to tell `helium neon gold` (an extra
        // word) from `helium neon` when a part holds several items.
        var itemWordsInPart = [Int](repeating: 0, count: typedParts.count)
        var found = 0, edits = 0
        var missing: [String] = []
        for item in items {
            let core = AnswerParts.withoutRemarks(item)
            let fullKey = matchKey(item), key = matchKey(core), itemWords = words(core)
            var hit: (part: Int, edits: Int)?
            for (i, partKey) in partKeys.enumerated() {
                if partKey == key || partKey == fullKey || (!itemWords.isEmpty && contains(partWords[i], itemWords)) { hit = (i, 0); break }
                var e = closeEdits(partKey, key)
                if e == nil, itemWords.count == 1 { e = partWords[i].lazy.compactMap { closeEdits($0, key) }.first }
                if let e, hit.map({ e < $0.edits }) ?? true { hit = (i, e) }
            }
            if let hit {
                found += 1
                edits += hit.edits
                usedParts.insert(hit.part)
                itemWordsInPart[hit.part] += max(1, itemWords.count)
            } else {
                missing.append(item)
            }
        }
        guard found > 0 else { return .wrong }
        let extra = usedParts.count < typedParts.count || usedParts.contains { part in
            partWords[part].filter { !joiningWords.contains($0) }.count > itemWordsInPart[part]
        }
        if found == items.count, isList, !extra { return edits == 0 ? .exact : .close(edits: edits) }
        return .partial(found: found, total: items.count, missing: isList ? missing : [])
    }

    /// `Everest` for `Mount Everest (8,849 m), on the border of Nepal and China`, `DSR` for
    /// `The DSR model: Difficulty, Stability and Retrievability.`: the typed words begin or
    /// end the answer, its first clause or its first line, where an answer names its answer
    /// before it explains (a leading `the` and remarks in parentheses aside; `China` there
    /// does not count), and one of them is a word of three letters or more that the question
    /// did not give (`Sea` for `The Caspian Sea` when the question asks for a sea does not
    /// count). That may be the key word (`Everest`) or another thing (`Mexico` for `New
    /// Mexico`, `guilty` for `Not guilty`): ``AnswerMatch/unsure``, which suggests no grade.
    /// `nil` otherwise, and for a list, whose items are judged one by one.
    static func matchKeyWords(typed: String, answer: String, question: String) -> AnswerMatch? {
        let typedWords = words(withoutArticle(typed))
        let asked = Set(words(question))
        guard typedWords.contains(where: { word in
            word.filter(\.isLetter).count >= 3 && !minorWords.contains(word) && !asked.contains(word)
        }) else { return nil }
        let spans: [String]
        switch AnswerParts(answer) {
        case .single: spans = [answer]
        case .list: return nil
        case .prose(let parts):
            let lines = answer.split(whereSeparator: \.isNewline)
            spans = Array(parts.prefix(1)) + (lines.count > 1 ? [String(lines[0])] : [])
        }
        for span in spans {
            let spanWords = words(withoutArticle(AnswerParts.withoutRemarks(span)))
            guard spanWords.count > typedWords.count else { continue }
            if spanWords.starts(with: typedWords) || spanWords.reversed().starts(with: typedWords.reversed()) {
                return .unsure
            }
        }
        return nil
    }

    /// Words too common to name an answer on their own: `New` is no answer for `New Delhi`,
    /// nor `Mount` for `Mount Everest`; these stay wrong rather than unsure.
    private static let minorWords: Set<String> = [
        "the", "and", "for", "with", "from", "that", "this", "are", "was", "its", "not", "but", "all", "one",
        "new", "old", "great", "north", "south", "east", "west", "saint", "san", "mount", "lake", "river",
        "sea", "ocean", "city", "island", "islands",
    ]

    /// A typed number against an answer that is a number: right at the same value (`3.0` for
    /// `3`, `1/2` for `0.5`, `1000` for `1,000`), wrong at any other, since a digit off is
    /// another number, not a typo (`1988` for `1989`, `14.14` for `1.414`). `nil` unless both
    /// are numbers (see ``NumberValue``).
    static func matchNumber(typed: String, answer: String) -> AnswerMatch? {
        guard let expected = NumberValue(answer), let given = NumberValue(typed) else { return nil }
        return expected == given ? .exact : .wrong
    }

    /// `text` without a leading English `the` (`The Sahara` → `Sahara`); a text that is only
    /// the article stays.
    static func withoutArticle(_ text: String) -> String {
        let trimmed = text.drop(while: \.isWhitespace)
        guard trimmed.prefix(4).lowercased() == "the ", trimmed.count > 4 else { return text }
        let rest = trimmed.dropFirst(4).drop(while: \.isWhitespace)
        return rest.isEmpty ? text : String(rest)
    }

    /// Words that join items in a typed list (`argon and neon`) rather than name one.
    private static let joiningWords: Set<String> = ["and", "or"]

    private static func compare(_ t: String, _ a: String) -> AnswerMatch {
        guard !a.isEmpty else { return .wrong }
        if t == a { return .exact }
        let ta = Array(t), aa = Array(a)
        let allowed = Int((Double(aa.count) * tolerance).rounded())
        guard allowed > 0, abs(ta.count - aa.count) <= allowed else { return .wrong }
        let d = editDistance(ta, aa, limit: allowed)
        return d <= allowed ? .close(edits: d) : .wrong
    }

    private static func closeEdits(_ t: String, _ a: String) -> Int? {
        switch compare(t, a) {
        case .exact: 0
        case .close(let e): e
        default: nil
        }
    }

    /// `true` when `needle` appears as a run of consecutive words in `haystack`.
    private static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        return false
    }

    /// The words of ``normalize(_:)``.
    static func words(_ text: String) -> [String] {
        normalize(text).split(separator: " ").map(String.init)
    }

    /// Folds case and accents, drops punctuation and symbols (each run of them between
    /// words becomes a word break), collapses whitespace.
    public static func normalize(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = ""
        var pendingSpace = false
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            } else {
                pendingSpace = !out.isEmpty
            }
        }
        return out
    }

    /// What two texts are compared by: ``normalize(_:)`` without its spaces, so that
    /// spacing and the punctuation between words never count; or, for text that is all
    /// punctuation (like `?.`), the text itself with case folded and spaces and Markdown
    /// code marks (backticks) removed, so that such answers can still be matched.
    public static func matchKey(_ text: String) -> String {
        let normalized = normalize(text)
        return normalized.isEmpty ? text.lowercased().filter { !$0.isWhitespace && $0 != "`" }
            : normalized.filter { $0 != " " }
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
