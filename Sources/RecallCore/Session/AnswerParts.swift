/// How an answer divides into parts when a typed answer is judged against it. Pure.
///
/// A list is judged item by item, in any order; a prose answer's parts only let a typed
/// part of it count as a partial answer.
public enum AnswerParts: Hashable, Sendable {
    /// One short line that is not a list.
    case single
    /// A list: one item per line (list markers such as `- ` or `1. ` dropped), or one line
    /// such as `red, green and blue`. Items are given without remarks in parentheses.
    case list([String])
    /// Prose: its clauses, split at sentence ends, commas and semicolons outside
    /// parentheses, the lines of a hard-wrapped paragraph joined first.
    case prose([String])

    /// Longest line, in words, that still reads as a list item rather than a sentence.
    static let maximumItemWords = 4

    public init(_ answer: String) {
        let lines = answer.split(whereSeparator: \.isNewline)
            .map { CardText.trim($0) }.filter { !$0.isEmpty }
        if lines.count > 1 {
            let marked = lines.map(AnswerParts.droppingListMarker)
            let allMarked = zip(lines, marked).allSatisfy { $0 != $1 }
            if !lines.contains(where: { $0.hasPrefix("```") }),
               allMarked || marked.allSatisfy(AnswerParts.readsAsItem) {
                self = .list(marked.map(AnswerParts.withoutRemarks))
                return
            }
            self = .prose(AnswerParts.clauses(of: lines.joined(separator: " ")))
            return
        }
        let line = lines.first ?? ""
        let parts = AnswerParts.split(line, at: [",", ";"]).filter { !AnswerMatcher.matchKey($0).isEmpty }
        guard parts.count > 1 else {
            let sentences = AnswerParts.clauses(of: line)
            self = sentences.count > 1 ? .prose(sentences) : .single
            return
        }
        var items = parts.map(AnswerParts.withoutRemarks)
        let endsSentence = line.last.map { ".!?".contains($0) } ?? false
        if endsSentence, let last = items.popLast() {
            // `Again, Hard, Good and Easy.`: the sentence's end is no part of the last item.
            items.append(String(last.dropLast()))
        }
        if let last = items.last {
            // `a, b and c`, `a, b, and c`
            let tail = last.hasPrefix("and ") ? [String(last.dropFirst(4))]
                : last.components(separatedBy: " and ").map { CardText.trim($0) }
            items.removeLast()
            items += tail.filter { !$0.isEmpty }
        }
        // A sentence is a list only when it lists single words (`Again, Hard, Good and
        // Easy.`); `Sebastian Leitner, a German science journalist, in the 1970s.` is prose.
        let isList = endsSentence ? items.allSatisfy { AnswerMatcher.words($0).count == 1 }
            : items.allSatisfy(AnswerParts.readsAsItem)
        self = isList ? .list(items) : .prose(AnswerParts.clauses(of: line))
    }

    /// `text` split at `separators` outside parentheses and brackets, each part trimmed,
    /// empty parts dropped. A comma between digits groups thousands (`8,849 m`) and splits
    /// nothing.
    static func split(_ text: String, at separators: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            let groupsDigits = ch == "," && i > 0 && i + 1 < chars.count && chars[i - 1].isNumber && chars[i + 1].isNumber
            if depth == 0, separators.contains(ch), !groupsDigits {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts.map { CardText.trim($0.trimmingNewlines()) }.filter { !$0.isEmpty }
    }

    /// `text` without remarks in parentheses (`Africa (54 countries)` → `Africa`), or
    /// `text` itself when nothing would be left.
    static func withoutRemarks(_ text: String) -> String {
        var out = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")", depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(ch) }
        }
        let trimmed = CardText.trim(out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        return AnswerMatcher.matchKey(trimmed).isEmpty ? text : trimmed
    }

    /// The clauses of prose: its sentences, each split at commas, semicolons and colons
    /// followed by a space (`2: count is the number of elements` is `2` and what follows;
    /// `10:30` stays whole).
    private static func clauses(of text: String) -> [String] {
        sentences(of: text).flatMap { sentence in
            split(sentence.replacingOccurrences(of: ": ", with: String(colonMark)), at: [",", ";", colonMark])
                .map { $0.replacingOccurrences(of: String(colonMark), with: ": ") }
        }.filter { !AnswerMatcher.matchKey($0).isEmpty }
    }

    /// Stands for `: ` while a sentence is split, so that ``split(_:at:)`` (which splits at
    /// single characters, outside parentheses) can split there; a private-use character.
    private static let colonMark: Character = "\u{E000}"

    /// `text` split after each `.`, `!` or `?` that ends a sentence: outside parentheses,
    /// followed by a space and a capital letter, and not after a short abbreviation such as
    /// `Dr.` or `e.g.` (the word before it has at least three letters).
    private static func sentences(of text: String) -> [String] {
        let chars = Array(text)
        var sentences: [String] = []
        var start = 0, depth = 0
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            guard depth == 0, ".!?".contains(ch), i + 2 < chars.count, chars[i + 1] == " ",
                  chars[i + 2].isUppercase else { continue }
            let word = chars[start..<i].reversed().prefix(while: { !$0.isWhitespace })
            guard ch != "." || word.filter(\.isLetter).count >= 3, !word.contains(".") else { continue }
            sentences.append(String(chars[start...i]))
            start = i + 2
        }
        sentences.append(String(chars[start...]))
        return sentences.map { CardText.trim($0) }.filter { !$0.isEmpty }
    }

    private static func readsAsItem(_ text: String) -> Bool {
        guard let last = text.last, !".!?:".contains(last) else { return false }
        return AnswerMatcher.words(withoutRemarks(text)).count <= maximumItemWords
    }

    /// `- x`, `* x`, `+ x`, `1. x`, `1) x` → `x`; other text unchanged.
    private static func droppingListMarker(_ line: String) -> String {
        for marker in ["- ", "* ", "+ ", "• "] where line.hasPrefix(marker) {
            return CardText.trim(line.dropFirst(marker.count))
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        let rest = line.dropFirst(digits.count)
        if !digits.isEmpty, rest.hasPrefix(". ") || rest.hasPrefix(") ") {
            return CardText.trim(rest.dropFirst(2))
        }
        return line
    }
}

extension String {
    fileprivate func trimmingNewlines() -> String {
        String(drop(while: \.isNewline).reversed().drop(while: \.isNewline).reversed())
    }
}
