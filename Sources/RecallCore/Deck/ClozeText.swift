/// A text with Anki-style cloze deletions: `{{c1::text}}` or `{{c1::text::hint}}`.
///
/// Each cloze number makes one card whose question hides that number's deletions
/// (shown as `[...]`, or `[hint]` when a hint is given) and shows the others as plain text;
/// the answer is the whole text with every deletion filled in.
public struct ClozeText: Hashable, Sendable {
    /// A run of literal text or one deletion.
    public enum Segment: Hashable, Sendable {
        case text(String)
        case deletion(number: Int, text: String, hint: String?)
    }

    /// The text as written, deletions included (the note's identity).
    public let raw: String
    public let segments: [Segment]

    /// The distinct cloze numbers, ascending.
    public var numbers: [Int] {
        var seen = Set<Int>()
        for case let .deletion(n, _, _) in segments { seen.insert(n) }
        return seen.sorted()
    }

    /// The whole text with every deletion filled in.
    public var answer: String {
        segments.map { segment -> String in
            switch segment {
            case .text(let s): return s
            case .deletion(_, let text, _): return text
            }
        }.joined()
    }

    /// The question side for cloze number `number`.
    public func question(for number: Int) -> String {
        segments.map { segment -> String in
            switch segment {
            case .text(let s): return s
            case let .deletion(n, text, hint):
                guard n == number else { return text }
                return "[\(hint ?? "...")]"
            }
        }.joined()
    }

    /// A problem found while reading cloze syntax; `column` is 1-based within the text.
    public struct Problem: Hashable, Sendable {
        public var message: String
        public var column: Int
        public var note: String
    }

    /// The warning for a question written with its own answer (a `.txt` block, a `Q:`/`A:`
    /// block) that holds cloze markup: such a card asks the question as written, braces and
    /// all, where the writer most likely meant a cloze. `nil` when `question` holds none.
    /// Markup inside backticks is quoted on purpose (`` `{{c1::Paris}}` `` in a card about
    /// Anki) and gets no warning.
    static func literalMarkupWarning(question: String, at location: SourceLocation) -> Diagnostic? {
        guard looksLikeCloze(question) else { return nil }
        // Text outside code spans: every other run between backticks.
        let outside = question.split(separator: "`", omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined(separator: " ")
        guard looksLikeCloze(outside) else { return nil }
        return .warning("cloze markup in a question with its own answer is shown as written, braces and all",
                        at: location, notes: ["to ask it as a cloze, write it on a line of its own in a .md deck, "
                                              + "as in '- Swift was introduced by {{c1::Apple}}.'"])
    }

    /// `true` when `text` holds something that starts a cloze deletion (`{{c` and a digit).
    public static func looksLikeCloze(_ text: some StringProtocol) -> Bool {
        let hasBrace = text.utf8.withContiguousStorageIfAvailable { ByteText.firstIndex(of: 0x7B, in: $0, 0..<$0.count) != nil }
            ?? text.utf8.contains(0x7B)
        guard hasBrace else { return false }
        return openings(in: String(text)).contains { $0.number != nil }
    }

    /// Reads the deletions of `text`; problems (unclosed or empty deletions) come back instead.
    public static func parse(_ text: String) -> (cloze: ClozeText?, problems: [Problem]) {
        var segments: [Segment] = []
        var problems: [Problem] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{c") {
            literal += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let digits = afterOpen.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, afterOpen[digits.endIndex...].hasPrefix("::"),
                  let number = Int(digits) else {
                literal += "{{c"
                rest = afterOpen
                continue
            }
            let column = text.distance(from: text.startIndex, to: open.lowerBound) + 1
            let bodyStart = afterOpen.index(digits.endIndex, offsetBy: 2)
            guard let close = afterOpen[bodyStart...].firstRange(of: "}}") else {
                problems.append(Problem(message: "unclosed cloze '{{c\(digits)::'", column: column,
                                        note: "end the deletion with '}}', as in '{{c1::text}}'"))
                literal += rest[open.lowerBound...]
                rest = rest[rest.endIndex...]
                break
            }
            let body = afterOpen[bodyStart..<close.lowerBound]
            let (hidden, hint) = splitHint(body)
            if number < 1 {
                problems.append(Problem(message: "cloze number \(digits) must be 1 or more", column: column,
                                        note: "number deletions from 'c1'"))
            } else if CardText.trim(hidden).isEmpty {
                problems.append(Problem(message: "empty cloze 'c\(number)'", column: column,
                                        note: "put the hidden text between '::' and '}}', as in '{{c1::text}}'"))
            }
            if !literal.isEmpty { segments.append(.text(literal)); literal = "" }
            segments.append(.deletion(number: number, text: String(hidden), hint: hint))
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.text(literal)) }
        guard problems.isEmpty else { return (nil, problems) }
        return (ClozeText(raw: text, segments: segments), [])
    }

    private static func splitHint(_ body: Substring) -> (Substring, String?) {
        guard let sep = body.firstRange(of: "::") else { return (body, nil) }
        let hint = CardText.trim(body[sep.upperBound...])
        return (body[..<sep.lowerBound], hint.isEmpty ? nil : hint)
    }

    private static func openings(in text: String) -> [(index: String.Index, number: Int?)] {
        var found: [(String.Index, Int?)] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{c") {
            let after = rest[open.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            let valid = !digits.isEmpty && after[digits.endIndex...].hasPrefix("::")
            found.append((open.lowerBound, valid ? Int(digits) : nil))
            rest = after
        }
        return found
    }

    init(raw: String, segments: [Segment]) {
        self.raw = raw
        self.segments = segments
    }
}
