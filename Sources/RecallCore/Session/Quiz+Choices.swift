extension Quiz {
    /// Cards looked at for distractors, best first by deck, tags and kind; the rest of a
    /// large collection is not examined.
    static let distractorCandidates = 2_000

    /// Multiple-choice options for `card`: its ``Card/expectedAnswer`` (a cloze card's
    /// hidden text) and up to three distractors, shuffled. Distractors are other cards'
    /// expected answers of the same kind (a number among numbers, a term among terms, never
    /// a sentence among single words, see ``AnswerShape``), from the most similar cards
    /// first: same kind, same deck and tags, other clozes for a cloze card, then similar
    /// length and form. They never repeat an answer, nor show one as another does (`3.0` for
    /// `3`, `1/2` for `0.5`, `$3$` for `3`), see ``choiceKey(_:)``.
    public static func choices(for card: Card, from pool: [Card],
                               using rng: inout some RandomNumberGenerator) -> (options: [String], correct: Int) {
        let answer = card.expectedAnswer
        let shape = AnswerShape(answer)
        var seen: Set<ChoiceKey> = [choiceKey(answer)]
        let ranked = pool.shuffled(using: &rng)
            .filter { $0.id != card.id && (card.isCloze || $0.noteID != card.noteID) }
            .map { ($0, closeness($0, to: card)) }
            .sorted { $0.1 > $1.1 }
        var candidates: [(text: String, score: Int, order: Int)] = []
        for (order, (other, score)) in ranked.prefix(distractorCandidates).enumerated() {
            let text = other.expectedAnswer
            let otherShape = AnswerShape(text)
            guard otherShape.kind.mixes(with: shape.kind), seen.insert(choiceKey(text)).inserted else { continue }
            let sameKind = otherShape.kind == shape.kind ? 10 : 0
            candidates.append((text, score + sameKind + shape.likeness(to: otherShape), order))
        }
        candidates.sort { ($0.score, -$0.order) > ($1.score, -$1.order) }
        var options = candidates.prefix(3).map(\.text) + [answer]
        options.shuffle(using: &rng)
        return (options, options.firstIndex(of: answer) ?? 0)
    }

    /// What makes two options the same to the reader: their value when they show a number,
    /// else the text shown, compared as typed answers are (case, accents and punctuation
    /// between words ignored).
    enum ChoiceKey: Hashable {
        case number(NumberValue)
        case text(String)
    }

    static func choiceKey(_ answer: String) -> ChoiceKey {
        let shown = RichText.plain(answer)
        if let value = NumberValue(shown) { return .number(value) }
        return .text(AnswerMatcher.matchKey(shown))
    }

    /// How alike two cards are by where they come from: same deck, same top-level deck,
    /// shared tags, both clozes.
    private static func closeness(_ other: Card, to card: Card) -> Int {
        var score = 0
        if other.deck == card.deck { score += 4 }
        else if other.deck.split(separator: ":").first == card.deck.split(separator: ":").first { score += 2 }
        score += 2 * Set(other.tags).intersection(card.tags).count
        if card.isCloze, other.isCloze { score += 3 }
        return score
    }
}

extension Card {
    var isCloze: Bool {
        if case .cloze = kind { true } else { false }
    }
}

/// What kind of text an answer is, so that multiple-choice options look alike. Pure.
struct AnswerShape: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// Digits and punctuation only: `1987`, `8,849 m` is not one (it has letters).
        case number
        /// One short line that does not end a sentence: a word, a name, a term, a symbol.
        case term
        /// One line that reads as a sentence or a long phrase.
        case sentence
        /// Several lines: a list, code.
        case lines

        /// Whether answers of the two kinds may be offered together: the same kind, or
        /// sentences and several lines when there are too few of one (never a term or a
        /// number among sentences).
        func mixes(with other: Kind) -> Bool {
            self == other || (self == .sentence && other == .lines) || (self == .lines && other == .sentence)
        }
    }

    let kind: Kind
    /// Words, without remarks in parentheses.
    let words: Int
    /// Characters, without remarks in parentheses.
    let length: Int
    let startsUppercase: Bool

    init(_ text: String) {
        let core = AnswerParts.withoutRemarks(text)
        // Formulas as they are shown: `$\frac{1}{3}$` is a number (1/3), not a word.
        let shown = AnswerParts.withoutRemarks(RichText.plain(text))
        words = AnswerMatcher.words(shown).count
        length = shown.count
        startsUppercase = shown.first { $0.isLetter }?.isUppercase ?? false
        if core.contains(where: \.isNewline) {
            // A hard-wrapped paragraph reads as one sentence; lists and code keep their lines.
            if case .prose = AnswerParts(core), !core.contains("```") { kind = .sentence } else { kind = .lines }
        } else if !shown.contains(where: \.isLetter), shown.contains(where: \.isNumber) {
            kind = .number
        } else if words <= AnswerParts.maximumItemWords,
                  !shown.contains(where: \.isLetter) || !(shown.last.map { ".!?".contains($0) } ?? false) {
            kind = .term
        } else {
            kind = .sentence
        }
    }

    /// Up to 5 points for the same number of words, a similar length and the same case of
    /// the first letter.
    func likeness(to other: AnswerShape) -> Int {
        var score = words == other.words ? 2 : 0
        let ratio = Double(max(length, other.length)) / Double(max(1, min(length, other.length)))
        score += ratio <= 1.5 ? 2 : ratio <= 2 ? 1 : 0
        if startsUppercase == other.startsUppercase { score += 1 }
        return score
    }
}
