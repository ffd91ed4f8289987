import Testing
@testable import RecallCore

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.
typealias SeededGenerator = SplitMix64

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
}
