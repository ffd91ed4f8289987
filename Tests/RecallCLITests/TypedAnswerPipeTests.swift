import Foundation
import Testing
import RecallTestSupport

/// Typed answers judged end to end: a deck written by the test, a piped `recall review` or
/// `recall quiz`, the printed verdict lines and the rating written to the review log.
@Suite struct TypedAnswerPipeTests {
    /// A fixture whose only deck is `name` holding `text`.
    private func fixture(_ name: String, _ text: String) throws -> StudyFixture {
        let f = try StudyFixture()
        try FileManager.default.removeItem(at: f.decks.appendingPathComponent("Geography.txt"))
        try text.write(to: f.decks.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return f
    }

    /// The `"r"` of each review in the log, in order.
    private func ratings(_ f: StudyFixture) throws -> [Int] {
        try f.logLines().compactMap { line in
            guard let r = line.firstRange(of: "\"r\":") else { return nil }
            return line[r.upperBound...].first?.wholeNumberValue
        }
    }

    /// Reviews the one card of `deck` with `typed`, takes the suggested grade (Enter) and
    /// returns the lines shown from the card's header up to the grade choices.
    private func reviewOne(_ name: String, _ deck: String, typed: String) throws -> (shown: [String], ratings: [Int]) {
        let f = try fixture(name, deck)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: "\(typed)\n\n:quit\n")
        #expect(r.code == 0)
        #expect(r.err == "")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = lines.firstIndex { $0.contains(" left: ") } ?? 0
        let end = lines[start...].firstIndex { $0.hasPrefix("  1 again ") } ?? lines.count - 1
        return (Array(lines[start...end]), try ratings(f))
    }

    @Test func clozeIsJudgedAgainstTheHiddenText() throws {
        let (shown, ratings) = try reviewOne("French.md", "The past participle of *être* is {{c1::été}}.\n", typed: "été")
        #expect(shown == [
            "French  new  1 left: 1 new · 0 learning · 0 due",
            "  The past participle of être is [...].",
            "  The past participle of être is [été].",
            "  correct",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 9d  (Enter: good)",
        ])
        #expect(ratings == [3])
    }

    @Test func aClozeHintHintsTheHiddenText() throws {
        let f = try fixture("French.md", "The past participle of *être* is {{c1::été}}.\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: ":hint\n:hint\n\n3\n")
        #expect(r.code == 0)
        #expect(r.out.contains("\n  The past participle of être is [...].\n  hint: é__\n  hint: ét_\n"))
    }

    @Test func clozeWithSeveralDeletionsWantsEachInOrder() throws {
        let deck = "{{c1::Paris}} is the capital of {{c1::France}}.\n"
        let (shown, ratings) = try reviewOne("French.md", deck, typed: "Paris, France")
        #expect(shown[2...3] == ["  [Paris] is the capital of [France].", "  correct"])
        #expect(ratings == [3])
        let (partly, partlyRatings) = try reviewOne("French.md", deck, typed: "Paris")
        #expect(partly[3...4] == ["  partly (1 of 2)", "  missing: France"])
        #expect(partlyRatings == [2])
    }

    @Test func aWrongClozeAnswerIsDiffedAgainstTheHiddenText() throws {
        let (shown, ratings) = try reviewOne("French.md", "The past participle of *avoir* is {{c1::eu}}.\n", typed: "été")
        #expect(shown[2...] == [
            "  The past participle of avoir is [eu].",
            "  you typed: été",
            "              ^^",
            "  answer:    eu",
            "              ^",
            "  not quite",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 9d  (Enter: again)",
        ])
        #expect(ratings == [1])
    }

    @Test(arguments: [
        ("soixante-dix", "soixante dix"),
        ("quatre-vingt-dix-neuf", "quatre vingt dix neuf"),
        ("l'eau", "leau"),
    ])
    func punctuationBetweenWordsIsIgnored(answer: String, typed: String) throws {
        let (shown, ratings) = try reviewOne("French.txt", "A number?\n\(answer)\n", typed: typed)
        #expect(shown[2...] == ["  \(answer)", "  correct",
                                shown.last ?? ""])
        #expect(shown.last?.hasSuffix("(Enter: good)") == true)
        #expect(ratings == [3])
    }

    @Test func aTypoShowsTheTypedTextAsTyped() throws {
        let (shown, ratings) = try reviewOne("French.txt", "A number?\nsoixante-dix\n", typed: "SOIXANTE dis")
        #expect(shown[2...6] == [
            "  soixante-dix",
            "  you typed: SOIXANTE dis",
            "                        ^",
            "  answer:    soixante-dix",
            "                        ^",
        ])
        #expect(shown[7] == "  almost (1 typo)")
        #expect(ratings == [2])
    }

    @Test func oneItemOfAListIsPartial() throws {
        let deck = "Name the noble gases.\nHelium, neon, argon, krypton, xenon, radon\n"
        let (shown, ratings) = try reviewOne("Chemistry.txt", deck, typed: "Argon")
        #expect(shown[3...5] == [
            "  partly (1 of 6)",
            "  missing: Helium, neon, krypton, xenon, radon",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 8d  (Enter: hard)",
        ])
        #expect(ratings == [2])
        let (all, allRatings) = try reviewOne("Chemistry.txt", deck, typed: "radon xenon krypton argon neon helium")
        #expect(all[3] == "  correct")
        #expect(allRatings == [3])
    }

    @Test func oneLineOfProseIsPartial() throws {
        let deck = """
            What is spaced repetition?
            A study method that reviews material at increasing intervals, timed so that each review
            comes shortly before you would otherwise forget it.

            """
        let (shown, ratings) = try reviewOne("Memory.txt", deck,
                                             typed: "A study method that reviews material at increasing intervals")
        // The answer's two lines in the file are one paragraph, reflowed to the width.
        #expect(shown[2...5] == [
            "  A study method that reviews material at increasing intervals, timed so that",
            "  each review comes shortly before you would otherwise forget it.",
            "  partly (part of the answer)",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 6d  (Enter: hard)",
        ])
        #expect(ratings == [2])
    }

    @Test func oneSentenceOfATwoLineAnswerIsPartial() throws {
        let deck = """
            Why does ice float?
            Ice is less dense than liquid water.
            Its crystal lattice holds the molecules further apart.

            """
        let (shown, ratings) = try reviewOne("Ice.txt", deck, typed: "Ice is less dense than liquid water.")
        #expect(shown[2...5] == [
            "  Ice is less dense than liquid water.",
            "  Its crystal lattice holds the molecules further apart.",
            "  partly (part of the answer)",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 11d  (Enter: hard)",
        ])
        #expect(ratings == [2])
    }

    /// Words that begin or end the answer may be its key words or another thing: no grade is
    /// suggested, so Enter alone grades nothing; the grade typed is logged. Unrecorded, the
    /// quiz asks y/n.
    @Test func anUnsureAnswerSuggestsNoGrade() throws {
        let f = try fixture("Geo.txt", "Highest mountain?\nMount Everest (8,849 m), on the border of Nepal and China\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["review"], input: "Everest\n\n3\n:quit\n")
        #expect(r.code == 0)
        #expect(r.out.contains("""
              part of the answer, or another thing? grade it yourself
              1 again <1m  2 hard <6m  3 good <10m  4 easy 10d
              type 1-4 (again, hard, good, easy)
              → good (<10m)
            """), "\(r.out)")
        #expect(try ratings(f) == [3])
        let quiz = try f.run(["quiz", "--mode", "typed"], input: "Everest\nn\n")
        #expect(quiz.out.contains("grade it yourself\n  did you know it? y/n\n  → did not know it\n"), "\(quiz.out)")
        #expect(quiz.out.lines.contains("Quiz done: 0/1 correct (0%) · schedule unchanged"))
    }

    /// A recorded typed quiz suggests the grade, as a review does: Enter takes it.
    @Test func recordedTypedQuizLogsTheSuggestedRating() throws {
        let f = try fixture("French.md", "The past participle of *être* is {{c1::été}}.\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz", "--mode", "typed", "--record"], input: "été\n\n")
        #expect(r.code == 0)
        #expect(r.out.contains("\n  The past participle of être is [été].\n  correct\n  grade: 1 again, 2 hard, 3 good, 4 easy (Enter: good)\n  → good\n"), "\(r.out)")
        #expect(r.out.lines.contains("Quiz done: 1/1 correct (100%) · recorded as reviews"))
        #expect(try ratings(f) == [3])
    }

    /// A typed answer the matcher cannot see is right (a surname for a full name) is
    /// recorded as the grade given, not as the suggested again; the score follows the grade.
    @Test func recordedTypedQuizTakesTheGradeGiven() throws {
        let f = try fixture("People.txt", "Who created the Leitner system?\nSebastian Leitner, a German science journalist, in the 1970s.\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz", "--mode", "typed", "--record"], input: "Leitner\n3\n")
        #expect(r.code == 0)
        #expect(r.out.contains("  not quite\n  grade: 1 again, 2 hard, 3 good, 4 easy (Enter: again)\n  → good\n"), "\(r.out)")
        #expect(r.out.lines.contains("Quiz done: 1/1 correct (100%) · recorded as reviews"))
        #expect(try ratings(f) == [3])
    }

    @Test func aMissedClozeIsListedWithItsHiddenText() throws {
        let f = try fixture("French.md", "The past participle of *avoir* is {{c1::eu}}.\n")
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz", "--mode", "typed"], input: "été\n")
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("""
            Missed:
              The past participle of avoir is [...]. → eu  (French.md:1)

            """))
    }

    @Test func aMissedCardsLocationIsNotBrokenAtASpace() throws {
        let deck = """
            What is the spacing effect?
            Learning is more durable when study sessions are spread out over time than when they are massed together.

            """
        let f = try fixture("Spaced Repetition.txt", deck)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz"], input: "\nn\n")
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("""
            Missed:
              What is the spacing effect? → Learning is more durable when study sessions are
                spread out over time than when they are massed together.
                (Spaced Repetition.txt:1)

            """), "\(r.out)")
    }

    @Test func choiceQuizOnAClozeOffersHiddenTexts() throws {
        let deck = """
            The past participle of *être* is {{c1::été}}.
            The past participle of *avoir* is {{c1::eu}}.
            The past participle of *faire* is {{c1::fait}}.
            The past participle of *prendre* is {{c1::pris}}.

            """
        let f = try fixture("French.md", deck)
        defer { try? FileManager.default.removeItem(at: f.root) }
        let r = try f.run(["quiz", "être", "--mode", "choice", "--seed", "3"], input: "1\n")
        #expect(r.code == 0)
        let options = r.out.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true }
            .map { String($0.dropFirst(5)) }
        #expect(Set(options) == ["été", "eu", "fait", "pris"])
    }
}
