/// A cloze card's answer split back into the text its question shows and the deletions it
/// hides (`The past participle of être is ` + `été` + `.`). Pure.
///
/// A cloze card keeps only its question (deletions of its number shown as `[...]` or
/// `[hint]`) and its answer (every deletion filled in), so the deletions are found by lining
/// the two up: the question is the answer with each of its deletions replaced by a bracket.
public struct ClozeAnswer: Hashable, Sendable {
    /// A run of the answer: shown in the question too, or hidden by it.
    public enum Part: Hashable, Sendable {
        case shown(String)
        case hidden(String)
    }

    /// The whole answer, in order.
    public let parts: [Part]

    /// The hidden texts, in the order of the text.
    public var deletions: [String] {
        parts.compactMap { if case .hidden(let text) = $0 { text } else { nil } }
    }

    /// Longest answer lined up; longer ones are judged as a whole.
    static let maximumLength = 2_000
    /// Bound on the search (brackets × answer length², its worst case), so that text made
    /// of many brackets is judged as a whole instead of taking long to line up.
    static let maximumWork = 20_000_000

    /// Lines `question` up with `answer`; `nil` when `question` is not `answer` with one or
    /// more runs replaced by bracketed text.
    public init?(question: String, answer: String) {
        let q = Array(question), a = Array(answer)
        guard a.count <= ClozeAnswer.maximumLength, q.count <= ClozeAnswer.maximumLength else { return nil }
        let pieces = Aligner.pieces(of: q)
        let brackets = pieces.filter { if case .bracket = $0 { true } else { false } }.count
        guard brackets * a.count * a.count <= ClozeAnswer.maximumWork else { return nil }
        var aligner = Aligner(pieces: pieces, answer: a)
        guard let parts = aligner.solve(piece: 0, at: 0, hidden: false) else { return nil }
        self.parts = ClozeAnswer.merged(parts)
    }

    private static func merged(_ parts: [Part]) -> [Part] {
        var out: [Part] = []
        for part in parts {
            if case .shown(let text) = part, case .shown(let before)? = out.last {
                out[out.count - 1] = .shown(before + text)
            } else {
                out.append(part)
            }
        }
        return out
    }

    /// A depth-first search over the question's pieces: literal text must appear as is in
    /// the answer; a bracket is either literal text too (tried first) or a deletion (the
    /// shortest run of the answer that lets the rest line up).
    private struct Aligner {
        enum Piece { case literal([Character]), bracket([Character]) }

        let pieces: [Piece]
        let answer: [Character]
        /// States known to lead nowhere: piece, answer position, whether a deletion was used.
        var dead = Set<Int>()

        static func pieces(of question: [Character]) -> [Piece] {
            var pieces: [Piece] = []
            var literal: [Character] = []
            var i = 0
            while i < question.count {
                if question[i] == "[", let close = question[(i + 1)...].firstIndex(of: "]") {
                    if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
                    pieces.append(.bracket(Array(question[i...close])))
                    i = close + 1
                } else {
                    literal.append(question[i])
                    i += 1
                }
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            return pieces
        }

        mutating func solve(piece p: Int, at position: Int, hidden: Bool) -> [Part]? {
            if p == pieces.count { return position == answer.count && hidden ? [] : nil }
            let state = (p * (answer.count + 1) + position) * 2 + (hidden ? 1 : 0)
            if dead.contains(state) { return nil }
            switch pieces[p] {
            case .literal(let text):
                if matches(text, at: position),
                   let rest = solve(piece: p + 1, at: position + text.count, hidden: hidden) {
                    return [.shown(String(text))] + rest
                }
            case .bracket(let text):
                if matches(text, at: position),
                   let rest = solve(piece: p + 1, at: position + text.count, hidden: hidden) {
                    return [.shown(String(text))] + rest
                }
                // Literal text after the deletion must start where the deletion ends.
                var next: Character?
                if p + 1 < pieces.count, case .literal(let following) = pieces[p + 1] { next = following.first }
                var end = position + 1
                while end <= answer.count {
                    if let next, end == answer.count || answer[end] != next { end += 1; continue }
                    if let rest = solve(piece: p + 1, at: end, hidden: true) {
                        return [.hidden(String(answer[position..<end]))] + rest
                    }
                    end += 1
                }
            }
            dead.insert(state)
            return nil
        }

        private func matches(_ text: [Character], at position: Int) -> Bool {
            position + text.count <= answer.count
                && answer[position..<(position + text.count)].elementsEqual(text)
        }
    }
}

extension Card {
    /// For a cloze card, its answer split into shown text and deletions; `nil` for other
    /// cards (and for a cloze card whose question does not line up with its answer).
    public var clozeAnswer: ClozeAnswer? {
        guard case .cloze = kind else { return nil }
        return ClozeAnswer(question: question, answer: answer)
    }

    /// What a typed answer is judged against and multiple choice offers: for a cloze card
    /// its deletions (several joined by `, `), for any other card its answer.
    public var expectedAnswer: String {
        clozeAnswer.map { $0.deletions.joined(separator: ", ") } ?? answer
    }
}
