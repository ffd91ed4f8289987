import Foundation
import Testing
@testable import RecallCore

@Suite struct QueueTests {
    /// Berlin, day starting at 4:00 local (03:00 UTC in winter).
    let berlin = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)
    /// 2024-01-01 12:00 UTC = 13:00 in Berlin.
    let noon = at()

    func card(_ n: UInt64, deck: String = "Main", note: UInt64? = nil) -> Card {
        Card(id: CardID(rawValue: n), noteID: CardID(rawValue: note ?? n + 1000), deck: deck,
             question: "q\(n)", answer: "a\(n)", tags: [],
             source: SourceLocation(file: "\(deck).md", line: Int(n)), kind: .basic)
    }

    func settings(_ configure: (inout CollectionSettings) -> Void = { _ in }) -> CollectionSettings {
        var s = CollectionSettings()
        s.enableFuzz = false
        configure(&s)
        return s
    }

    /// A review card with stability `s` last reviewed `daysAgo` days before `noon`, due `dueIn`
    /// days from today.
    func reviewRecord(stability s: Double, daysAgo: Double, dueIn: Int) -> CardRecord {
        var schedule = CardSchedule.new(createdAt: noon)
        schedule.state = .review
        schedule.step = nil
        schedule.memory = MemoryState(stability: s, difficulty: 5)
        schedule.lastReview = noon.addingTimeInterval(-daysAgo * day)
        schedule.due = berlin.startOfDay(berlin.dayNumber(noon) + dueIn)
        schedule.scheduledDays = Int(daysAgo) + dueIn
        return CardRecord(schedule: schedule, reviewCount: 3)
    }

    func learningRecord(dueIn seconds: Double) -> CardRecord {
        var schedule = CardSchedule.new(createdAt: noon)
        schedule.state = .learning
        schedule.step = 1
        schedule.memory = MemoryState(stability: 2.3, difficulty: 2.1)
        schedule.lastReview = noon.addingTimeInterval(-300)
        schedule.due = noon.addingTimeInterval(seconds)
        return CardRecord(schedule: schedule, reviewCount: 1, introduced: noon.addingTimeInterval(-300))
    }

    @Test func theReviewLimitCapsNewCardsToo() {
        // Three reviews due, eight new cards: with 5 reviews a day in all, two new cards fit.
        let cards = (1...11).map { card($0) }
        var records: CardRecords = [:]
        for i in 0..<3 { records[cards[i].id] = reviewRecord(stability: 5, daysAgo: 6, dueIn: 0) }
        let q = queue(cards, records, settings { $0.newPerDay = 20; $0.reviewsPerDay = 5 })
        #expect(q.items.filter { $0.kind == .review }.count == 3)
        #expect(q.items.filter { $0.kind == .new }.count == 2)
        // A deck's review limit caps its new cards the same way.
        let deck = queue(cards, records, settings { $0.deckPresets["Main"] = DeckPreset(reviewsPerDay: 4) })
        #expect(deck.items.filter { $0.kind == .review }.count == 3)
        #expect(deck.items.filter { $0.kind == .new }.count == 1)
        // With the reviews used up, no new card at all.
        let none = queue(cards, records, settings { $0.reviewsPerDay = 3 })
        #expect(none.items.filter { $0.kind == .new }.isEmpty)
    }

    func queue(_ cards: [Card], _ records: CardRecords, _ s: CollectionSettings? = nil,
               calendar: StudyCalendar? = nil, now: Date? = nil) -> Queue {
        Queue(cards: cards, records: records, settings: s ?? settings(),
              calendar: calendar ?? berlin, now: now ?? noon)
    }

    func ids(_ items: [Queue.Item]) -> [UInt64] { items.map(\.card.id.rawValue) }

    /// The whole collection's queue is built in one pass over the cards; it must equal the
    /// queue built from a separately computed context (as one deck's queue is).
    @Test(arguments: [7, 8, 9])
    func theOnePassQueueEqualsTheQueueFromAContext(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let cards = (1...400).map { card($0, deck: ["A", "B", "A::C"][Int($0 % 3)], note: $0 / 2) }
        var records: CardRecords = [:]
        for c in cards {
            switch rng.next() % 5 {
            case 0: continue  // new
            case 1: records[c.id] = learningRecord(dueIn: Double(rng.next() % 7200) - 3600)
            case 2:
                var r = reviewRecord(stability: Double(rng.next() % 40 + 1), daysAgo: 5, dueIn: Int(rng.next() % 5) - 2)
                r.lastReviewAsReview = rng.next() % 3 == 0 ? noon.addingTimeInterval(-600) : nil
                records[c.id] = r
            case 3:
                var r = reviewRecord(stability: 8, daysAgo: 3, dueIn: -1)
                r.suspended = rng.next() % 2 == 0
                records[c.id] = r
            default: records[c.id] = reviewRecord(stability: 3, daysAgo: 0.1, dueIn: 2)
            }
        }
        let s = settings { $0.newPerDay = 25; $0.reviewsPerDay = 60 }
        let onePass = Queue(cards: cards, records: records, settings: s, calendar: berlin, now: noon)
        let context = Queue.Context(collection: cards, records: records, settings: s, calendar: berlin, now: noon)
        let fromContext = Queue(cards: cards, records: records, context: context)
        #expect(!onePass.items.isEmpty)
        #expect(onePass.items == fromContext.items)
        #expect(onePass.learnAhead == fromContext.learnAhead)
        #expect(onePass.laterToday == fromContext.laterToday)
    }

    @Test func learningFirstThenReviewsByRetrievabilityWithNewSpreadIn() {
        let cards = (1...8).map { card($0) }
        let records: CardRecords = [
            cards[0].id: reviewRecord(stability: 30, daysAgo: 30, dueIn: 0),
            cards[1].id: reviewRecord(stability: 2, daysAgo: 10, dueIn: -5), // most overdue
            cards[2].id: reviewRecord(stability: 10, daysAgo: 12, dueIn: -1),
            cards[3].id: learningRecord(dueIn: -60),
            cards[4].id: reviewRecord(stability: 10, daysAgo: 5, dueIn: 4), // not due
            cards[5].id: reviewRecord(stability: 9, daysAgo: 8, dueIn: 0),
        ]
        let q = queue(cards, records)
        #expect(ids(q.items) == [4, 2, 7, 3, 1, 8, 6])
        #expect(q.items.map(\.kind) == [.learning, .review, .new, .review, .review, .new, .review])
        #expect(QueueCounts(q) == QueueCounts(new: 2, learning: 1, review: 4))
    }

    @Test func dayRollsOverAtTheConfiguredHour() {
        let c = card(1)
        let records: CardRecords = [c.id: reviewRecord(stability: 3, daysAgo: 3, dueIn: 1)]
        let tomorrow = berlin.dayNumber(noon) + 1
        let start = berlin.startOfDay(tomorrow) // 04:00 Berlin = 03:00 UTC
        #expect(start == noon.addingTimeInterval(15 * 3600))
        #expect(queue([c], records, now: start.addingTimeInterval(-1)).items.isEmpty)
        #expect(ids(queue([c], records, now: start).items) == [1])
        // At 00:30 local the new day has begun only if the day starts at midnight.
        var midnight = berlin
        midnight.dayStartHour = 0
        let halfPastMidnight = start.addingTimeInterval(-3.5 * 3600)
        #expect(queue([c], records, now: halfPastMidnight).items.isEmpty)
        #expect(ids(queue([c], records, calendar: midnight, now: halfPastMidnight).items) == [1])
    }

    @Test func newAndReviewLimitsOverallAndPerDeck() {
        let cards = (1...6).map { card($0, deck: $0 <= 3 ? "Spanish::Verbs" : "History") }
        var records: CardRecords = [:]
        let q1 = queue(cards, records, settings { $0.newPerDay = 4 })
        #expect(ids(q1.items) == [1, 2, 3, 4])
        let q2 = queue(cards, records, settings {
            $0.deckPresets["Spanish"] = DeckPreset(newPerDay: 1)
        })
        #expect(ids(q2.items) == [1, 4, 5, 6])
        // A card introduced earlier today counts toward the limit.
        var started = learningRecord(dueIn: 3600)
        started.introduced = noon.addingTimeInterval(-600)
        records[cards[0].id] = started
        let q3 = queue(cards, records, settings { $0.newPerDay = 2 })
        #expect(ids(q3.items) == [2])
        // Reviews: limit 1, and one review was already done today in that deck.
        for i in 3..<6 { records[cards[i].id] = reviewRecord(stability: 5, daysAgo: 6, dueIn: 0) }
        records[cards[5].id]?.lastReviewAsReview = noon.addingTimeInterval(-60)
        records[cards[5].id]?.schedule.lastReview = noon.addingTimeInterval(-60)
        records[cards[5].id]?.schedule.due = noon.addingTimeInterval(3 * day)
        let q4 = queue(cards, records, settings { $0.deckPresets["History"] = DeckPreset(reviewsPerDay: 2) })
        #expect(q4.items.filter { $0.kind == .review }.count == 1)
    }

    @Test func siblingsWaitForAnotherDay() {
        let cards = [card(1, note: 50), card(2, note: 50), card(3, note: 60), card(4, note: 60)]
        var records: CardRecords = [:]
        #expect(ids(queue(cards, records).items) == [1, 3])
        #expect(ids(queue(cards, records, settings { $0.buryNewSiblings = false }).items)
                == [1, 2, 3, 4])
        // Card 3 was reviewed today and is done for the day: card 4 is buried.
        var done = reviewRecord(stability: 5, daysAgo: 0, dueIn: 5)
        done.schedule.lastReview = noon.addingTimeInterval(-60)
        records[cards[2].id] = done
        // Card 2 is a due review: it takes the day's slot of note 50.
        records[cards[1].id] = reviewRecord(stability: 5, daysAgo: 5, dueIn: 0)
        #expect(ids(queue(cards, records).items) == [2])
    }

    @Test func learnAheadSuspendedAndBuried() {
        let cards = (1...5).map { card($0) }
        var records: CardRecords = [
            cards[0].id: learningRecord(dueIn: 600), // within 20 min
            cards[1].id: learningRecord(dueIn: 3600), // later today
            cards[2].id: reviewRecord(stability: 5, daysAgo: 5, dueIn: 0),
        ]
        records[cards[2].id]?.suspended = true
        records[cards[3].id] = CardRecord(schedule: .new(createdAt: noon),
                                          buriedUntilDay: berlin.dayNumber(noon))
        let q = queue(cards, records)
        #expect(ids(q.items) == [5])
        #expect(ids(q.learnAhead) == [1])
        #expect(q.nextLearningDue == noon.addingTimeInterval(3600))
        #expect(q.next?.card.id == cards[4].id)
        let empty = queue(Array(cards[0..<4]), records)
        #expect(empty.items.isEmpty && empty.next?.card.id == cards[0].id)
        // The buried card is back the next day.
        let tomorrow = queue(cards, records, now: noon.addingTimeInterval(day))
        #expect(ids(tomorrow.items).contains(4))
    }

    @Test func timeZoneShiftAndClockGoingBackwards() {
        let cards = (1...3).map { card($0) }
        let scheduler = Scheduler(settings: settings())
        var records: CardRecords = [:]
        let tokyo = StudyCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!, dayStartHour: 4)
        let newYork = StudyCalendar(timeZone: TimeZone(identifier: "America/New_York")!,
                                    dayStartHour: 4)
        for c in cards {
            var s = scheduler.next(.new(createdAt: noon), rating: .good, at: noon, calendar: tokyo)
            s = scheduler.next(s, rating: .good, at: noon.addingTimeInterval(600), calendar: tokyo)
            records[c.id] = CardRecord(schedule: s)
        }
        // Flying to New York: the same instants, another calendar. Nothing due yet right
        // after, everything due three days on; counts never negative.
        #expect(queue(cards, records, calendar: newYork, now: noon.addingTimeInterval(900)).items.isEmpty)
        #expect(queue(cards, records, calendar: newYork, now: noon.addingTimeInterval(3 * day)).items.count == 3)
        // The clock goes back two days: nothing is due, and reviewing anyway gives a
        // positive interval from the (future) last review.
        let past = noon.addingTimeInterval(-2 * day)
        let q = queue(cards, records, calendar: newYork, now: past)
        #expect(q.items.isEmpty)
        let counts = QueueCounts(q)
        #expect(counts.new >= 0 && counts.learning >= 0 && counts.review >= 0)
        let record = records[cards[0].id]?.schedule ?? .new(createdAt: noon)
        for rating in Rating.allCases {
            let after = scheduler.next(record, rating: rating, at: past, calendar: newYork)
            #expect(after.due > past && after.scheduledDays >= 0)
        }
    }

    @Test(arguments: [("A::B::C", "A::B"), ("A::B", "A"), ("A", nil), ("A:::B", "A:"), ("::A", ""), ("Été::Ünï", "Été")])
    func parentDeckIsBeforeTheLastSeparator(name: String, parent: String?) {
        #expect(QueueCounts.parentDeck(of: Substring(name)).map(String.init) == parent)
    }

    @Test func perDeckCountsIncludeSubdecks() {
        let cards = [card(1, deck: "Spanish::Verbs"), card(2, deck: "Spanish::Nouns"),
                     card(3, deck: "History")]
        let records: CardRecords = [cards[0].id: learningRecord(dueIn: -10)]
        let counts = QueueCounts.perDeck(cards: cards, records: records, settings: settings(),
                                         calendar: berlin, now: noon)
        #expect(counts["Spanish"] == QueueCounts(new: 1, learning: 1, review: 0))
        #expect(counts["Spanish::Verbs"] == QueueCounts(new: 0, learning: 1, review: 0))
        #expect(counts["History"] == QueueCounts(new: 1, learning: 0, review: 0))
        #expect(counts.count == 4)
    }

    /// With decks interleaved through the cards and limits to fill, each deck counts what a
    /// queue of its own subtree's cards, in card order, counts.
    @Test func perDeckCountsMatchEachSubtreesQueue() {
        let decks = ["Spanish::Verbs", "Spanish::Nouns", "History", "Spanish", "History::Rome::Late"]
        let cards = (0..<60).map { card(UInt64($0 + 1), deck: decks[($0 * 7 + $0 / 9) % decks.count]) }
        var records = CardRecords()
        for (i, c) in cards.enumerated() where i % 3 == 0 { records[c.id] = learningRecord(dueIn: Double(i % 5) - 2) }
        let s = settings { $0.newPerDay = 7; $0.deckPresets["Spanish::Nouns"] = DeckPreset(newPerDay: 2) }
        let counts = QueueCounts.perDeck(cards: cards, records: records, settings: s, calendar: berlin, now: noon)
        let context = Queue.Context(collection: cards, records: records, settings: s, calendar: berlin, now: noon)
        let names = Set(decks.flatMap { deck in
            deck.split(separator: ":", omittingEmptySubsequences: true).indices.map { n in
                deck.split(separator: ":", omittingEmptySubsequences: true).prefix(n + 1).joined(separator: "::")
            }
        })
        #expect(Set(counts.keys) == names)
        for name in names {
            let subtree = cards.filter { $0.deck == name || $0.deck.hasPrefix(name + "::") }
            #expect(counts[name] == QueueCounts(Queue(cards: subtree, records: records, context: context)), "\(name)")
        }
    }
}
