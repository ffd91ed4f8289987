import Foundation
import Testing
@testable import RecallCore

/// FSRS-6 parameters of single decks: which cards take them, and the replay using them.
@Suite struct DeckParametersTests {
    /// A valid parameter vector that schedules very differently from the defaults.
    static let slow: [Double] = {
        var w = CollectionSettings.defaultParameters
        w[0...3] = [0.05, 0.2, 0.5, 2]
        w[8] = 1.0
        return w
    }()
    static let fast: [Double] = {
        var w = CollectionSettings.defaultParameters
        w[2] = 10
        return w
    }()

    static func card(_ question: String, deck: String) -> Card {
        let id = Card.makeID(questionSide: question, kind: .basic)
        return Card(id: id, noteID: id, deck: deck, question: question, answer: "x", tags: [],
                    source: SourceLocation(file: "a.md", line: 1), kind: .basic)
    }

    @Test func aDeckTakesItsOwnItsNearestAncestorsOrTheCollectionsParameters() {
        var settings = CollectionSettings()
        settings.deckPresets["Lang"] = DeckPreset(parameters: Self.slow)
        settings.deckPresets["Lang::French"] = DeckPreset(parameters: Self.fast)
        #expect(settings.parameters(forDeck: "Lang") == Self.slow)
        #expect(settings.parameters(forDeck: "Lang::German::Verbs") == Self.slow)
        #expect(settings.parameters(forDeck: "Lang::French::Verbs") == Self.fast)
        #expect(settings.parameters(forDeck: "Language") == CollectionSettings.defaultParameters)
        #expect(settings.deckWithParameters(containing: "Lang::French") == "Lang::French")
        #expect(settings.deckWithParameters(containing: "Math") == nil)
    }

    @Test func cardListsFollowTheInnermostDeckWithParameters() {
        var settings = CollectionSettings()
        let untouched = settings.refreshDeckPresetCards([Self.card("q", deck: "Lang")])
        #expect(!untouched)
        settings.deckPresets["Lang"] = DeckPreset(parameters: Self.slow)
        settings.deckPresets["Lang::French"] = DeckPreset(parameters: Self.fast)
        let cards = [Self.card("a", deck: "Lang"), Self.card("b", deck: "Lang::German"),
                     Self.card("c", deck: "Lang::French::Verbs"), Self.card("d", deck: "Math")]
        let changed = settings.refreshDeckPresetCards(cards)
        #expect(changed)
        #expect(settings.deckPresets["Lang"]?.cards == [cards[0].id, cards[1].id].sorted())
        #expect(settings.deckPresets["Lang::French"]?.cards == [cards[2].id])
        let again = settings.refreshDeckPresetCards(cards)
        #expect(!again)
        #expect(settings.validate().isEmpty)
    }

    @Test func badDeckParametersAreReported() {
        var settings = CollectionSettings()
        let id = Self.card("a", deck: "A").id
        var high = Self.slow
        high[20] = 0.9
        settings.deckPresets["A"] = DeckPreset(parameters: [1, 2], cards: [id])
        settings.deckPresets["B"] = DeckPreset(parameters: high, cards: [id])
        #expect(settings.validate() == [
            "parameters for deck 'A' has 2 values, expected 21 (FSRS-6)",
            "parameter w20 for deck 'B' is 0.9, expected 0.1 to 0.8",
            "card \(id) is listed for both deck 'A' and deck 'B'",
        ])
    }

    @Test func theReplayUsesADecksParametersForItsCardsOnly() {
        let inDeck = Self.card("a", deck: "Lang"), outside = Self.card("b", deck: "Math")
        var settings = CollectionSettings()
        settings.enableFuzz = false
        settings.deckPresets["Lang"] = DeckPreset(parameters: Self.slow)
        settings.refreshDeckPresetCards([inDeck, outside])
        var slowSettings = settings
        slowSettings.parameters = Self.slow
        slowSettings.deckPresets = [:]
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
        let t0 = Date(timeIntervalSince1970: 1_764_061_200)
        var log: [ReviewLogEntry] = []
        for card in [inDeck, outside] {
            for (day, rating) in [(0, Rating.good), (0, .good), (3, .good), (12, .hard)] {
                log.append(.review(card.id, rating, at: t0.addingTimeInterval(Double(day) * 86400 + 600 * Double(log.count)),
                                   device: "d"))
            }
        }
        let mixed = CollectionReplay(settings: settings, calendar: calendar).replay(log).records
        let allSlow = CollectionReplay(settings: slowSettings, calendar: calendar).replay(log).records
        var plain = settings
        plain.deckPresets = [:]
        let allDefault = CollectionReplay(settings: plain, calendar: calendar).replay(log).records
        #expect(mixed[inDeck.id] == allSlow[inDeck.id])
        #expect(mixed[outside.id] == allDefault[outside.id])
        #expect(mixed[inDeck.id]?.schedule.due != allDefault[inDeck.id]?.schedule.due)
        let replay = CollectionReplay(settings: settings, calendar: calendar)
        if case .fsrs(let fsrs) = replay.scheduler(for: inDeck.id).algorithm { #expect(fsrs.w == Self.slow) }
        if case .fsrs(let fsrs) = replay.scheduler(for: outside.id).algorithm {
            #expect(fsrs.w == CollectionSettings.defaultParameters)
        }
    }

    /// The stats predict each review and each card's recall with the card's own parameters
    /// (a deck's forgetting curve differs when its w20 does).
    @Test func statsUseEachCardsParameters() {
        var steep = Self.slow
        steep[20] = 0.6
        let inDeck = Self.card("a", deck: "Lang"), outside = Self.card("b", deck: "Math")
        var settings = CollectionSettings()
        settings.deckPresets["Lang"] = DeckPreset(parameters: steep)
        settings.refreshDeckPresetCards([inDeck, outside])
        var steepEverywhere = settings
        steepEverywhere.parameters = steep
        steepEverywhere.deckPresets = [:]
        var plain = settings
        plain.deckPresets = [:]
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
        let t0 = Date(timeIntervalSince1970: 1_764_061_200)
        var log: [ReviewLogEntry] = []
        for (i, card) in [inDeck, outside].enumerated() {
            for day in [0.0, 2, 9, 30] {
                log.append(.review(card.id, .good, at: t0.addingTimeInterval(day * 86400 + Double(i) * 60), device: "d"))
            }
        }
        let now = t0.addingTimeInterval(45 * 86400)
        func stats(_ s: CollectionSettings) -> StatsInput {
            StatsInput(cards: [inDeck, outside], log: log, replay: CollectionReplay(settings: s, calendar: calendar), now: now)
        }
        let mixed = stats(settings), allSteep = stats(steepEverywhere), allPlain = stats(plain)
        func predictions(_ input: StatsInput, _ card: Card) -> [Double?] {
            input.reviews.filter { $0.card == card.id }.map(\.retrievabilityBefore)
        }
        #expect(predictions(mixed, inDeck) == predictions(allSteep, inDeck))
        #expect(predictions(mixed, outside) == predictions(allPlain, outside))
        #expect(predictions(mixed, inDeck) != predictions(allPlain, inDeck))
        #expect(mixed.cards.map(\.retrievability) == [allSteep.cards[0].retrievability, allPlain.cards[1].retrievability])
    }

    /// Due reviews come lowest retrievability first, each on its own deck's forgetting curve.
    @Test func theQueueRanksDueReviewsOnEachCardsCurve() {
        var flat = CollectionSettings.defaultParameters
        flat[20] = 0.1
        let inDeck = Self.card("a", deck: "Lang"), outside = Self.card("b", deck: "Math")
        let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
        let now = Date(timeIntervalSince1970: 1_764_061_200)
        func due(stability: Double) -> CardRecord {
            var schedule = CardSchedule.new(createdAt: now.addingTimeInterval(-40 * 86400))
            schedule.state = .review
            schedule.memory = MemoryState(stability: stability, difficulty: 5)
            schedule.lastReview = now.addingTimeInterval(-20 * 86400)
            schedule.due = now.addingTimeInterval(-3600)
            return CardRecord(schedule: schedule, reviewCount: 3, introduced: schedule.lastReview)
        }
        // 20 days after the review, R is 0.8459 at S = 10 and 0.8501 at S = 10.5 on the default
        // curve, but 0.8560 at S = 10 on Lang's flatter one (w20 = 0.1).
        let records: CardRecords = [inDeck.id: due(stability: 10), outside.id: due(stability: 10.5)]
        var settings = CollectionSettings()
        let plain = Queue(cards: [inDeck, outside], records: records, settings: settings, calendar: calendar, now: now)
        #expect(plain.items.map(\.card.id) == [inDeck.id, outside.id])
        settings.deckPresets["Lang"] = DeckPreset(parameters: flat)
        settings.refreshDeckPresetCards([inDeck, outside])
        let mixed = Queue(cards: [inDeck, outside], records: records, settings: settings, calendar: calendar, now: now)
        #expect(mixed.items.map(\.card.id) == [outside.id, inDeck.id])
    }
}
