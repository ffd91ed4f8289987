import Testing
@testable import RecallCore
import RecallTestSupport

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.

func makeCard(_ question: String, _ answer: String, deck: String = "Geo", tags: [String] = [],
              line: Int = 1) -> Card {
    let id = Card.makeID(questionSide: question, kind: .basic)
    return Card(id: id, noteID: id, deck: deck, question: question, answer: answer, tags: tags,
                source: SourceLocation(file: "\(deck).txt", line: line), kind: .basic)
}

@Suite struct QuizTests {
    let cards = [
        makeCard("Capital of France?", "Paris", tags: ["europe"]),
        makeCard("Capital of Spain?", "Madrid", tags: ["europe"]),
        makeCard("Capital of Italy?", "Rome", tags: ["europe"]),
        makeCard("Capital of Japan?", "Tokyo", tags: ["asia"]),
        makeCard("Capital of Peru?", "Lima", tags: ["americas"]),
        makeCard("let or var?", "let", deck: "Swift::Basics"),
        makeCard("Optional chaining operator?", "?.", deck: "Swift::Basics"),
    ]

    @Test func topicMatching() {
        #expect(Quiz.matches(cards[0], topic: "#Europe"))
        #expect(!Quiz.matches(cards[3], topic: "#europe"))
        #expect(Quiz.matches(cards[5], topic: "swift"))
        #expect(Quiz.matches(cards[5], topic: "Swift::Basics"))
        #expect(Quiz.matches(cards[3], topic: "japan"))
        #expect(Quiz.matches(cards[4], topic: "americas"))
        #expect(!Quiz.matches(cards[4], topic: "swift"))
    }

    @Test func pickIsSeededAndLimited() {
        var rng1 = SeededGenerator(seed: 7), rng2 = SeededGenerator(seed: 7)
        let a = Quiz.pick(from: cards, topics: ["#europe", "swift"], count: 4, using: &rng1)
        let b = Quiz.pick(from: cards, topics: ["#europe", "swift"], count: 4, using: &rng2)
        #expect(a == b)
        #expect(a.count == 4)
        #expect(a.allSatisfy { $0.tags.contains("europe") || $0.deck.hasPrefix("Swift") })
        var rng3 = SeededGenerator(seed: 1)
        #expect(Quiz.pick(from: cards, topics: [], count: 10, using: &rng3).count == cards.count)
    }

    /// Siblings (one note's cards) come in rounds, one per note, for any seed.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func siblingsComeAfterEveryNote(seed: UInt64) {
        let note = CardID(rawValue: 99)
        let clozes = (1...3).map { n in
            Card(id: CardID(rawValue: UInt64(n)), noteID: note, deck: "Swift", question: "cloze \(n)", answer: "x",
                 tags: [], source: SourceLocation(file: "Swift.md", line: 1), kind: .basic)
        }
        let pool = cards + clozes
        var rng = SeededGenerator(seed: seed)
        let picked = Quiz.pick(from: pool, topics: [], count: pool.count, using: &rng)
        #expect(Set(picked.map(\.id)) == Set(pool.map(\.id)))
        // The first card of the note, then every other note, then its siblings.
        let firstSibling = picked.firstIndex { $0.noteID == note }!
        #expect(picked[(firstSibling + 1)...].prefix(while: { $0.noteID != note }).count + firstSibling == cards.count)
        var rng2 = SeededGenerator(seed: seed)
        #expect(Quiz.pick(from: pool, topics: [], count: 8, using: &rng2).filter { $0.noteID == note }.count == 1)
        // Two notes of three: never one note's cards back to back.
        let other = CardID(rawValue: 98)
        let twoNotes = clozes + (4...6).map { n in
            Card(id: CardID(rawValue: UInt64(n)), noteID: other, deck: "Swift", question: "cloze \(n)", answer: "y",
                 tags: [], source: SourceLocation(file: "Swift.md", line: 2), kind: .basic)
        }
        var rng3 = SeededGenerator(seed: seed)
        let dealt = Quiz.pick(from: twoNotes, topics: [], count: 6, using: &rng3)
        #expect(zip(dealt, dealt.dropFirst()).allSatisfy { $0.noteID != $1.noteID })
    }

    @Test func choicesPreferSimilarCardsAndContainTheAnswer() {
        var rng = SeededGenerator(seed: 3)
        let (options, correct) = Quiz.choices(for: cards[0], from: cards, using: &rng)
        #expect(options.count == 4)
        #expect(options[correct] == "Paris")
        #expect(Set(options).count == 4)
        // Same deck and shared tag beat the Swift deck.
        #expect(Set(options) == ["Paris", "Madrid", "Rome", "Tokyo"] || Set(options) == ["Paris", "Madrid", "Rome", "Lima"])
    }

    @Test func choicesWithFewCards() {
        var rng = SeededGenerator(seed: 3)
        let (options, correct) = Quiz.choices(for: cards[5], from: [cards[5], cards[6]], using: &rng)
        #expect(options.count == 2)
        #expect(options[correct] == "let")
    }

    @Test func scoringAndMissedCards() {
        var quiz = Quiz(mode: .typed, cards: Array(cards.prefix(3)))
        #expect(quiz.current == cards[0])
        quiz.answer(correct: true, response: "Paris")
        quiz.answer(correct: false, response: "Barcelona")
        #expect(quiz.position == 3)
        quiz.answer(correct: true)
        quiz.answer(correct: true)  // ignored: the quiz is over
        #expect(quiz.isFinished)
        #expect(quiz.score == 2)
        #expect(quiz.missed == [cards[1]])
        #expect(quiz.results.count == 3)
    }

    @Test func choicesForAClozeAreOtherClozesHiddenTexts() throws {
        func cloze(_ text: String) -> [Card] {
            let (parsed, _) = ClozeText.parse(text)
            return parsed.map { DeckNote(content: .cloze($0), deck: "French", tags: [], line: 1).cards(file: "French.md") } ?? []
        }
        let pool = cloze("The past participle of *être* is {{c1::été}}.")
            + cloze("The past participle of *avoir* is {{c1::eu}}.")
            + cloze("The past participle of *faire* is {{c1::fait}}.")
            + cloze("The past participle of *prendre* is {{c1::pris}}.")
            + [makeCard("Translate: the summer", "l'été, la saison la plus chaude de l'année", deck: "French")]
        var rng = SeededGenerator(seed: 5)
        let (options, correct) = Quiz.choices(for: pool[0], from: pool, using: &rng)
        #expect(options[correct] == "été")
        #expect(Set(options) == ["été", "eu", "fait", "pris"])
    }

    @Test func distractorsHaveTheSameShape() {
        let pool = [
            makeCard("Which continent has the most countries?", "Africa (54 countries)", tags: ["continents"]),
            makeCard("What is the largest lake by area?", "The Caspian Sea", tags: ["lakes"]),
            makeCard("What is the largest country by area?", "Russia", tags: ["countries"]),
            makeCard("What is the capital of Peru?", "Lima", tags: ["capitals"]),
            makeCard("What is the capital of Kenya?", "Nairobi", tags: ["capitals"]),
            makeCard("Why is the sky blue?", "Sunlight scatters off the molecules of the air, blue light most.", tags: ["physics"]),
            makeCard("When did the Berlin wall fall?", "1989", tags: ["history"]),
        ]
        for seed in UInt64(0)..<20 {
            var rng = SeededGenerator(seed: seed)
            let (options, correct) = Quiz.choices(for: pool[0], from: pool, using: &rng)
            #expect(options[correct] == "Africa (54 countries)")
            // Single words among single words: no sentence, no number, no three-word name.
            #expect(Set(options) == ["Africa (54 countries)", "Russia", "Lima", "Nairobi"])
        }
        var rng = SeededGenerator(seed: 1)
        let (years, _) = Quiz.choices(for: pool[6], from: pool, using: &rng)
        #expect(years == ["1989"])
        let (sentences, _) = Quiz.choices(for: pool[5], from: pool, using: &rng)
        #expect(sentences == [pool[5].answer])
    }

    @Test func choicesNeverShowOneNumberTwice() {
        let pool = [
            makeCard("How many sides has a triangle?", "3"),
            makeCard("What is 1.5 times 2?", "3.0"),
            makeCard("What is six halves?", "3.00"),
            makeCard("What is nine thirds?", "$3$"),
            makeCard("What is half of one?", "0.5"),
            makeCard("What is a half as a fraction?", "1/2"),
            makeCard("What is two quarters?", "$\\frac{1}{2}$"),
            makeCard("How many legs has a spider?", "8"),
        ]
        for seed in UInt64(0)..<30 {
            var rng = SeededGenerator(seed: seed)
            let (options, correct) = Quiz.choices(for: pool[0], from: pool, using: &rng)
            #expect(options[correct] == "3")
            // 3 once, 1/2 once, 8: three options, each a different value.
            #expect(options.count == 3)
            #expect(Set(options.map { NumberValue(RichText.plain($0)) }).count == options.count)
        }
        var rng = SeededGenerator(seed: 1)
        let (halves, correct) = Quiz.choices(for: pool[4], from: pool, using: &rng)
        #expect(halves[correct] == "0.5")
        #expect(halves.count == 3)
    }

    /// Numbers written as formulas are offered among numbers, never among words.
    @Test func formulaNumbersAreOfferedAmongNumbers() {
        let pool = [
            makeCard("What is lim sin x / x at 0?", "$1$", deck: "Maths"),
            makeCard("What is the integral of x^2 from 0 to 1?", "$\\frac{1}{3}$", deck: "Maths"),
            makeCard("What is the square root of 2?", "$\\approx 1.414$", deck: "Maths"),
            makeCard("What is d/dx sin x?", "$\\cos x$", deck: "Maths"),
            makeCard("Which number system is Q?", "the rational numbers", deck: "Maths"),
        ]
        for seed in UInt64(0)..<10 {
            var rng = SeededGenerator(seed: seed)
            let (numbers, _) = Quiz.choices(for: pool[0], from: pool, using: &rng)
            #expect(Set(numbers) == ["$1$", "$\\frac{1}{3}$", "$\\approx 1.414$"])
            let (terms, _) = Quiz.choices(for: pool[4], from: pool, using: &rng)
            #expect(Set(terms) == ["the rational numbers", "$\\cos x$"])
        }
    }

    @Test(arguments: [
        ("3", "3.0", true), ("3", "3.00", true), ("3", "$3$", true), ("0.5", "1/2", true),
        ("0.5", ".5", true), ("1,000", "1000", true), ("1 000", "1000", true), ("-2", "−2", true),
        ("≈ 1.414", "1.414", true), ("2/4", "1/2", true),
        ("3", "30", false), ("3.1", "31", false), ("1.414", "14.14", false), ("1", "-1", false),
    ])
    func numberValues(a: String, b: String, same: Bool) throws {
        let x = try #require(NumberValue(RichText.plain(a))), y = try #require(NumberValue(RichText.plain(b)))
        #expect((x == y) == same)
    }

    @Test(arguments: ["8,849 m", "1,5", "12,34", "1/0", "3 5", "a/2", "", "1.2.3", "x"])
    func notNumbers(text: String) {
        #expect(NumberValue(text) == nil)
    }

    @Test(arguments: [
        ("Paris", AnswerShape.Kind.term),
        ("The Pacific Ocean", .term),
        ("Africa (54 countries)", .term),
        ("`??` (nil-coalescing)", .term),
        ("1989", .number),
        // Formulas as they are shown.
        ("$\\frac{1}{3}$", .number),
        ("$\\approx 1.414$", .number),
        ("$1$", .number),
        ("$\\cos x$", .term),
        ("6,650 km", .term),
        ("Mount Everest (8,849 m), on the border of Nepal and China", .sentence),
        ("Free Spaced Repetition Scheduler.", .sentence),
        ("red\nblue", .lines),
        ("Between triple quotes:\n```swift\nlet s = \"\"\"\n```", .lines),
        ("A study method that reviews material at increasing intervals,\ntimed before you forget.", .sentence),
    ])
    func shapes(text: String, kind: AnswerShape.Kind) {
        #expect(AnswerShape(text).kind == kind)
    }
}
