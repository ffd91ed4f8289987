import Testing
@testable import RecallCore

private func card(answer: String) -> Card {
    Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "Maths", question: "q", answer: answer,
         tags: [], source: SourceLocation(file: "m.md", line: 1), kind: .basic)
}

/// Typed answers to formulas: the operators count, though punctuation and spacing do not.
@Suite struct FormulaAnswerTests {
    static let roots = "$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$"

    @Test(arguments: [
        (roots, "x = (-b ± √(b² - 4ac))/2a", AnswerMatch.exact),
        (roots, "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}", .exact),
        (roots, "x=(-b±√(b²-4ac))/(2a)", .exact),
        (roots, "x = (-b ± √(b² + 4ac))/2a", .wrong),
        (roots, "x = (b ± √(b² - 4ac))/2a", .wrong),
        (roots, "x = (-b ± √(b² - 4ac))*2a", .wrong),
        ("$a^2 + 2ab + b^2$", "a² + 2ab + b²", .exact),
        ("$a^2 + 2ab + b^2$", "a² - 2ab + b²", .wrong),
        ("$\\approx 1.414$", "1.414", .exact),
        ("$\\approx 1.414$", "≈ 1.414", .exact),
        ("$\\cos x$", "cos(x)", .exact),
        ("$\\cos x$", "-cos x", .wrong),
        ("$\\frac{1}{1 - r}$", "1/(1 − r)", .exact),
        ("$\\frac{1}{1 - r}$", "1/(1 + r)", .wrong),
        ("$n x^{n-1}$", "nx^(n-1)", .exact),
        ("$n x^{n-1}$", "n x^{n-1}", .exact),
        ("$n x^{n-1}$", "nxⁿ⁻¹", .exact),
        ("$n x^{n-1}$", "nx^(n+1)", .wrong),
        ("$e^{i\\pi}$", "e^(iπ)", .exact),
        ("$a_{n+1}$", "a_(n+1)", .exact),
        // Prose around a formula is matched as prose, symbols ignored.
        ("the parabola $y = x^2$", "the parabola y x²", .exact),
    ])
    func operatorsCount(_ answer: String, _ typed: String, _ expected: AnswerMatch) {
        #expect(AnswerMatcher.match(typed: typed, card: card(answer: answer)) == expected)
    }

    @Test func clozeFormulasCheckTheirOperators() throws {
        let (cloze, problems) = ClozeText.parse("Pythagoras: {{c1::$a^2 + b^2 = c^2$}}.")
        #expect(problems.isEmpty)
        let parsed = try #require(cloze)
        let cloze1 = try #require(DeckNote(content: .cloze(parsed), deck: "Maths", tags: [], line: 1)
            .cards(file: "Maths.md").first)
        #expect(AnswerMatcher.match(typed: "a² + b² = c²", card: cloze1) == .exact)
        #expect(AnswerMatcher.match(typed: "a^2 + b^2 = c^2", card: cloze1) == .exact)
        #expect(AnswerMatcher.match(typed: "a² - b² = c²", card: cloze1) == .wrong)
    }
}
