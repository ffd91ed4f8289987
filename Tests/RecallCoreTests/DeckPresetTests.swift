import Foundation
import Testing
@testable import RecallCore

/// Deck presets: each key inherited on its own, the card lists the replay needs, the
/// schedules they give and the daily limits as Anki's v3 scheduler counts them.
@Suite struct DeckPresetTests {
    static func card(_ question: String, deck: String) -> Card {
        let id = Card.makeID(questionSide: question, kind: .basic)
        return Card(id: id, noteID: id, deck: deck, question: question, answer: "x", tags: [],
                    source: SourceLocation(file: "a.md", line: 1), kind: .basic)
    }

    static let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)
    static let t0 = Date(timeIntervalSince1970: 1_764_061_200)

    @Test func eachKeyComesFromTheNearestDeckThatSetsIt() {
        var s = CollectionSettings()
        s.deckPresets["Lang"] = DeckPreset(desiredRetention: 0.8, newPerDay: 5)
        s.deckPresets["Lang::French"] = DeckPreset(learningSteps: [300], maximumInterval: 30)
        #expect(s.deckSetting(\.desiredRetention, forDeck: "Lang::French::Verbs")?.value == 0.8)
        #expect(s.deckSetting(\.desiredRetention, forDeck: "Lang::French::Verbs")?.deck == "Lang")
        #expect(s.deckSetting(\.learningSteps, forDeck: "Lang::French::Verbs")?.deck == "Lang::French")
        #expect(s.deckSetting(\.learningSteps, forDeck: "Lang::German") == nil)
        let french = s.settings(forDeck: "Lang::French::Verbs")
        #expect(french.desiredRetention == 0.8)
        #expect(french.learningSteps == [300])
        #expect(french.maximumInterval == 30)
        #expect(french.relearningSteps == [600])
        #expect(french.newPerDay == 5)
        #expect(french.deckPresets.isEmpty)
        #expect(s.settings(forDeck: "Languages") == { var c = s; c.deckPresets = [:]; return c }())
    }

    @Test func cardListsBelongToTheInnermostSchedulingPreset() {
        var s = CollectionSettings()
        s.deckPresets["Lang"] = DeckPreset(desiredRetention: 0.8)
        // Limits only: its cards are scheduled with Lang's preset, so Lang lists them.
        s.deckPresets["Lang::German"] = DeckPreset(newPerDay: 3)
        s.deckPresets["Lang::French"] = DeckPreset(maximumInterval: 30)
        let cards = [Self.card("a", deck: "Lang::German"), Self.card("b", deck: "Lang::French::Verbs"),
                     Self.card("c", deck: "Lang"), Self.card("d", deck: "Math")]
        let changed = s.refreshDeckPresetCards(cards)
        #expect(changed)
        #expect(s.deckPresets["Lang"]?.cards == [cards[0].id, cards[2].id].sorted())
        #expect(s.deckPresets["Lang::French"]?.cards == [cards[1].id])
        #expect(s.deckPresets["Lang::German"]?.cards == [])
        let again = s.refreshDeckPresetCards(cards)
        #expect(!again)
        #expect(s.cards(taking: \.desiredRetention, from: "Lang") == cards.prefix(3).map(\.id).sorted())
        #expect(s.cards(taking: \.maximumInterval, from: "Lang::French") == [cards[1].id])
        #expect(s.validate().isEmpty)
    }

    @Test func settlingMergedListsKeepsEachCardOnceWithTheDeeperDeck() {
        let a = Self.card("a", deck: "Lang::French"), b = Self.card("b", deck: "Lang::German")
        var s = CollectionSettings()
        s.deckPresets["Lang"] = DeckPreset(desiredRetention: 0.8, cards: [a.id, b.id])
        s.deckPresets["Lang::French"] = DeckPreset(learningSteps: [300], cards: [a.id])
        // A preset that no longer schedules hands its cards to its nearest ancestor that does.
        s.deckPresets["Lang::German"] = DeckPreset(newPerDay: 2, cards: [b.id])
        #expect(!s.validate().isEmpty)
        s.settleDeckPresetCards()
        #expect(s.validate().isEmpty)
        #expect(s.deckPresets["Lang"]?.cards == [b.id])
        #expect(s.deckPresets["Lang::French"]?.cards == [a.id])
        #expect(s.deckPresets["Lang::German"]?.cards == [])
    }

    @Test func badPresetValuesAreReportedAsTheCollectionsAre() {
        var s = CollectionSettings()
        s.deckPresets["A"] = DeckPreset(desiredRetention: 1.2, reviewsPerDay: -2, learningSteps: [0],
                                        maximumInterval: 0)
        #expect(s.validate() == [
            "desired retention for deck 'A' is 1.2, expected more than 0 and less than 1",
            "learning steps entry 1 for deck 'A' is 0 s, expected at least 1 second",
            "maximum interval for deck 'A' is 0 days, expected 1 to 36500",
            "reviews per day for deck 'A' is -2, expected 0 or more",
        ])
    }

    /// The replay schedules a deck's cards with its preset (retention, steps, maximum
    /// interval) and every other card as before.
    @Test func theReplayUsesEachCardsPreset() {
        let strict = Self.card("a", deck: "Exam::Law"), easy = Self.card("b", deck: "Hobby")
        var s = CollectionSettings()
        s.enableFuzz = false
        s.deckPresets["Exam"] = DeckPreset(desiredRetention: 0.97, learningSteps: [120])
        s.deckPresets["Hobby"] = DeckPreset(desiredRetention: 0.8, maximumInterval: 4)
        s.refreshDeckPresetCards([strict, easy])
        var plain = s
        plain.deckPresets = [:]
        let log = [strict, easy].flatMap { card in
            [0.0, 1, 4].map { day in ReviewLogEntry.review(card.id, .good, at: Self.t0.addingTimeInterval(day * 86400), device: "d") }
        }
        let replay = CollectionReplay(settings: s, calendar: Self.calendar)
        let records = replay.replay(log).records
        let alone = CollectionReplay(settings: plain, calendar: Self.calendar).replay(log).records
        let days = { (r: CardRecords, c: Card) in r[c.id]?.schedule.scheduledDays ?? -1 }
        #expect(days(records, strict) < days(alone, strict))
        #expect(days(records, easy) == 4)
        #expect(days(alone, easy) > 4)
        // A new card's first Again is its deck's first learning step.
        let preview = replay.scheduler(for: strict.id).preview(replay.scheduler.newCard(createdAt: Self.t0), at: Self.t0,
                                                               calendar: Self.calendar)
        #expect(preview.again.due == Self.t0.addingTimeInterval(120))
    }
}

/// Daily limits of deck presets as Anki's v3 scheduler applies them (limits start from the top).
@Suite struct DeckPresetLimitTests {
    let noon = Date(timeIntervalSince1970: 1_764_072_000)
    let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)

    func cards(_ deck: String, _ range: ClosedRange<UInt64>) -> [Card] {
        range.map { n in
            Card(id: CardID(rawValue: n), noteID: CardID(rawValue: n + 1000), deck: deck, question: "q\(n)", answer: "a",
                 tags: [], source: SourceLocation(file: "x.md", line: Int(n)), kind: .basic)
        }
    }

    func newCount(_ cards: [Card], _ s: CollectionSettings, collection: [Card]? = nil,
                  records: CardRecords = [:]) -> Int {
        Queue(cards: cards, records: records, settings: s, calendar: calendar, now: noon, collection: collection)
            .items.filter { $0.kind == .new }.count
    }

    @Test func aParentCapsItsChildrenAndTheCollectionCapsAll() {
        let french = cards("Lang::French", 1...10), german = cards("Lang::German", 11...20), math = cards("Math", 21...30)
        let all = french + german + math
        var s = CollectionSettings()
        s.newPerDay = 12
        s.deckPresets["Lang"] = DeckPreset(newPerDay: 6)
        s.deckPresets["Lang::French"] = DeckPreset(newPerDay: 4)
        // Lang gives 6 (French at most 4 of them); Math fills the collection's 12.
        let queue = Queue(cards: all, records: [:], settings: s, calendar: calendar, now: noon)
        let perDeck = Dictionary(grouping: queue.items, by: \.card.deck).mapValues(\.count)
        #expect(perDeck == ["Lang::French": 4, "Lang::German": 2, "Math": 6])
        // A child's higher limit does not lift its parent's.
        s.deckPresets["Lang::German"] = DeckPreset(newPerDay: 50)
        #expect(newCount(german, s, collection: all) == 6)
        // Studied on its own, a sub-deck still respects what its parent has used today.
        var records = CardRecords()
        for card in french.prefix(4) {
            var schedule = CardSchedule.new(createdAt: noon)
            schedule.state = .learning
            schedule.due = noon.addingTimeInterval(86400 / 3)
            records[card.id] = CardRecord(schedule: schedule, reviewCount: 1, introduced: noon.addingTimeInterval(-600))
        }
        #expect(newCount(german, s, collection: all, records: records) == 2)
        let counts = QueueCounts.perDeck(cards: all, records: records, settings: s, calendar: calendar, now: noon)
        #expect(counts["Lang"]?.new == 2)
        #expect(counts["Lang::French"]?.new == 0)
        #expect(counts["Math"]?.new == 8)
    }
}
