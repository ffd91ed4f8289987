import Foundation

/// Today's study queue: which cards to show and in what order. Pure: the time, time zone
/// and day-start hour come in as parameters.
///
/// Order: learning cards due now (earliest first); then due reviews, lowest retrievability
/// first (most overdue relative to stability), with new cards spread evenly among them.
/// Learning cards due within the learn-ahead window are offered when nothing else is left.
/// Daily limits (overall and per deck) count what was already studied today; a card whose
/// sibling (same note) was studied today or is already queued waits for another day;
/// suspended and buried cards are left out.
public struct Queue: Sendable {
    /// Why a card is in the queue.
    public enum Kind: String, Sendable, Hashable {
        case learning, review, new
    }

    /// One card to study.
    public struct Item: Hashable, Sendable {
        public var card: Card
        public var kind: Kind
        /// When it fell (or falls) due; for a new card, its schedule's creation time.
        public var due: Date
    }

    /// Cards to study now, in order.
    public var items: [Item]
    /// Learning cards due after now but within the learn-ahead window, earliest first; show
    /// them when ``items`` is empty.
    public var learnAhead: [Item]
    /// Learning cards due later today, beyond the learn-ahead window, earliest first.
    public var laterToday: [Item]

    /// The card to show next: the first item, else the first learn-ahead card.
    public var next: Item? { items.first ?? learnAhead.first }

    /// When the next learning card not yet offered falls due today, if any.
    public var nextLearningDue: Date? { laterToday.first?.due }

    /// Builds the queue for `now`. `records` holds the cards' derived progress (missing = new).
    ///
    /// When `cards` is part of the collection (one deck), pass the whole collection as
    /// `collection` so that the overall limits and sibling burying count what was studied
    /// elsewhere today.
    public init(cards: [Card], records: CardRecords, settings: CollectionSettings,
                calendar: StudyCalendar, now: Date, collection: [Card]? = nil) {
        if let collection {
            self.init(cards: cards, records: records,
                      context: Context(collection: collection, records: records, settings: settings,
                                       calendar: calendar, now: now))
        } else {
            // The cards are the whole collection: one pass over them (one lookup per card)
            // finds both what was studied today and what is due.
            var tally: Context.Tally? = Context.Tally(settings: settings, calendar: calendar, now: now)
            let buckets = Buckets(cards: cards, records: records, settings: settings, calendar: calendar, now: now,
                                  tally: &tally)
            self.init(cards: cards, buckets: buckets,
                      context: Context(settings: settings, calendar: calendar, now: now, tally: tally!))
        }
    }

    /// Builds the queue of `cards` (part or all of the collection) within a ``Context``
    /// computed once for the whole collection, so that many decks' queues cost no more than
    /// their own cards.
    public init(cards: [Card], records: CardRecords, context: Context) {
        var none: Context.Tally?
        self.init(cards: cards,
                  buckets: Buckets(cards: cards, records: records, settings: context.settings,
                                   calendar: context.calendar, now: context.now, tally: &none),
                  context: context)
    }

    private init(cards: [Card], buckets: Buckets, context: Context) {
        var studiedNotes = context.studiedNotes
        var limits = context.limits
        // Candidates are sorted and picked as small values (index, key); only the cards
        // that make it into the queue are copied into items.
        let pickedReviews = Queue.pick(buckets.reviews.sorted(by: Queue.reviewOrder), from: cards, kind: .review,
                                       bury: context.settings.buryReviewSiblings,
                                       studiedNotes: &studiedNotes, limits: &limits)
        let pickedNew = Queue.pick(buckets.fresh, from: cards, kind: .new, bury: context.settings.buryNewSiblings,
                                   studiedNotes: &studiedNotes, limits: &limits)
        let byDue: (Item, Item) -> Bool = { ($0.due, $0.card.id) < ($1.due, $1.card.id) }
        items = buckets.learning.sorted(by: byDue) + Queue.interleave(pickedReviews, pickedNew)
        learnAhead = buckets.ahead.sorted(by: byDue)
        laterToday = buckets.later.sorted(by: byDue)
    }

    /// What the whole collection contributes to any queue built today: the notes already
    /// studied today (for sibling burying) and the daily limits less what was studied.
    public struct Context: Sendable {
        public let settings: CollectionSettings
        public let calendar: StudyCalendar
        public let now: Date
        let studiedNotes: Set<CardID>
        let limits: DailyLimits

        public init(collection: [Card], records: CardRecords, settings: CollectionSettings,
                    calendar: StudyCalendar, now: Date) {
            var tally = Tally(settings: settings, calendar: calendar, now: now)
            // One lookup per card, and no copies of the cards (their strings would be
            // retained and released for nothing): this runs over the whole collection.
            collection.withUnsafeBufferPointer { cards in
                let positions = records.positions(count: cards.count) { cards[$0].id }
                for i in cards.indices {
                    guard let record = records.record(at: positions[i]) else { continue }
                    tally.add(noteID: cards[i].noteID, deck: cards[i].deck, record: record)
                }
            }
            self.init(settings: settings, calendar: calendar, now: now, tally: tally)
        }

        init(settings: CollectionSettings, calendar: StudyCalendar, now: Date, tally: Tally) {
            self.settings = settings
            self.calendar = calendar
            self.now = now
            studiedNotes = tally.studied
            limits = tally.limits
        }

        /// What the collection's cards studied today add up to, card by card.
        struct Tally {
            let dayStart: Date, dayEnd: Date
            var studied = Set<CardID>()
            var limits: DailyLimits

            init(settings: CollectionSettings, calendar: StudyCalendar, now: Date) {
                let today = calendar.dayNumber(now)
                dayStart = calendar.startOfDay(today)
                dayEnd = calendar.startOfDay(today + 1)
                limits = DailyLimits(settings: settings)
            }

            @inline(__always) mutating func add(noteID: CardID, deck: String, record: CardRecord) {
                let (dayStart, dayEnd) = (self.dayStart, self.dayEnd)
                let isToday = { (date: Date) in date >= dayStart && date < dayEnd }
                if let last = record.schedule.lastReview, isToday(last) { studied.insert(noteID) }
                let introducedToday = record.introduced.map(isToday) ?? false
                let reviewedToday = record.lastReviewAsReview.map(isToday) ?? false
                if introducedToday || reviewedToday {
                    limits.countStudied(new: introducedToday, review: reviewedToday, deck: deck)
                }
            }
        }
    }

    /// A card that may go into the queue: its index in the cards, when it fell due and
    /// (for reviews) its retrievability now.
    private struct Candidate {
        var index: Int
        var due: Date
        var id: CardID
        var r: Double = 0
    }

    /// The cards sorted by what they are today, before limits and sibling burying.
    private struct Buckets {
        var learning: [Item] = [], ahead: [Item] = [], later: [Item] = []
        var reviews: [Candidate] = [], fresh: [Candidate] = []

        /// With a `tally`, also adds each card with a record to it (see ``Context/Tally``).
        init(cards: [Card], records: CardRecords, settings: CollectionSettings,
             calendar: StudyCalendar, now: Date, tally: inout Context.Tally?) {
            let today = calendar.dayNumber(now)
            let dayEnd = calendar.startOfDay(today + 1)
            let aheadEnd = now.addingTimeInterval(Double(settings.learnAheadMinutes) * 60)
            let scheduler = Scheduler(settings: settings)
            // Cards of decks with a scheduling preset decay on their own curve.
            let decks = settings.hasSchedulingPresets ? CollectionReplay(settings: settings, calendar: calendar) : nil
            cards.withUnsafeBufferPointer { cards in
                // Every card's record position first, in one tight loop whose cache misses overlap.
                let positions = records.positions(count: cards.count) { cards[$0].id }
                for index in cards.indices {
                    let id = cards[index].id
                    let record = records.record(at: positions[index])
                    if let record, tally != nil { tally!.add(noteID: cards[index].noteID, deck: cards[index].deck, record: record) }
                    if let record, record.suspended || record.isBuried(onDay: today) { continue }
                    guard let schedule = record?.schedule, schedule.state != .new else {
                        fresh.append(Candidate(index: index, due: record?.schedule.due ?? now, id: id))
                        continue
                    }
                    if !schedule.isLearning {
                        if schedule.due < dayEnd {
                            let r = decks == nil ? scheduler.retrievability(of: schedule, at: now, calendar: calendar)
                                : decks?.scheduler(for: id).retrievability(of: schedule, at: now, calendar: calendar)
                            reviews.append(Candidate(index: index, due: schedule.due, id: id, r: r ?? 0))
                        }
                        continue
                    }
                    let item = Item(card: cards[index], kind: .learning, due: schedule.due)
                    if schedule.due <= now { learning.append(item) }
                    else if schedule.due <= aheadEnd { ahead.append(item) }
                    else if schedule.due < dayEnd { later.append(item) }
                }
            }
        }
    }

    /// Lowest retrievability first; ties by due time, then card id.
    private static func reviewOrder(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.r != b.r { return a.r < b.r }
        if a.due != b.due { return a.due < b.due }
        return a.id < b.id
    }

    /// Takes candidates in order while limits allow, skipping siblings of studied or queued cards.
    private static func pick(_ candidates: [Candidate], from cards: [Card], kind: Kind, bury: Bool,
                             studiedNotes: inout Set<CardID>, limits: inout DailyLimits) -> [Item] {
        var picked: [Item] = []
        let new = kind == .new
        for candidate in candidates {
            if limits.isSpent(new: new) { break }
            let card = cards[candidate.index]
            if bury && studiedNotes.contains(card.noteID) { continue }
            guard limits.take(new: new, deck: card.deck) else { continue }
            picked.append(Item(card: card, kind: kind, due: candidate.due))
            studiedNotes.insert(card.noteID)
        }
        return picked
    }

    /// Spreads `new` evenly through `reviews`, keeping both orders.
    static func interleave(_ reviews: [Item], _ new: [Item]) -> [Item] {
        guard !new.isEmpty, !reviews.isEmpty else { return reviews + new }
        var out: [Item] = []
        out.reserveCapacity(reviews.count + new.count)
        var r = 0, n = 0
        let total = reviews.count + new.count
        while out.count < total {
            // Place new card n at about (n + 0.5) / newCount of the way through.
            let newDue = (2 * n + 1) * total <= 2 * new.count * (out.count + 1)
            if n < new.count && (r == reviews.count || newDue) {
                out.append(new[n]); n += 1
            } else {
                out.append(reviews[r]); r += 1
            }
        }
        return out
    }
}
