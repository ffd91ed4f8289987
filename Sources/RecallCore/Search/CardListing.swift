import Foundation

/// The cards a query selects, with what `recall cards` shows of each, in a chosen order.
public struct CardListing: Sendable {
    /// One selected card and the facts shown about it.
    public struct Row: Sendable {
        public var card: Card
        /// `nil` for a card never studied.
        public var record: CardRecord?
        /// Study days from today to the due day (negative: overdue); `nil` for a new card.
        public var dueInDays: Int?
        /// Retrievability now; `nil` for a new card.
        public var retrievability: Double?

        public var schedule: CardSchedule? { record?.schedule }
        public var isNew: Bool { (record?.schedule.state ?? .new) == .new }
    }

    /// Orders for ``sort(_:by:reverse:)``.
    public enum Order: String, Sendable, CaseIterable {
        case due, r, s, d, lapses, reps, deck
    }

    public var rows: [Row]

    /// The cards of `cards` that `matcher` selects, in collection order.
    public init(cards: [Card], records: CardRecords, matcher: SearchMatcher) {
        let context = matcher.context
        var rows: [Row] = []
        cards.withUnsafeBufferPointer { cards in
            let positions = records.positions(count: cards.count) { cards[$0].id }
            for i in cards.indices {
                let record = records.record(at: positions[i])
                guard matcher.matches(cards[i], record: record) else { continue }
                rows.append(CardListing.row(cards[i], record, context: context))
            }
        }
        self.rows = rows
    }

    static func row(_ card: Card, _ record: CardRecord?, context: SearchContext) -> Row {
        guard let schedule = record?.schedule, schedule.state != .new else {
            return Row(card: card, record: record, dueInDays: nil, retrievability: nil)
        }
        let calendar = context.replay.calendar
        return Row(card: card, record: record, dueInDays: calendar.dayNumber(schedule.due) - context.today,
                   retrievability: context.replay.scheduler(for: card.id).retrievability(of: schedule, at: context.now, calendar: calendar))
    }

    /// Sorts the rows by `order` (new cards, which have no due day, R, S or D, last), then
    /// by deck, file and line; `reverse` turns the whole order round.
    public mutating func sort(by order: Order, reverse: Bool = false) {
        let key: (Row) -> Double? = { row in
            switch order {
            case .due: row.schedule.flatMap { $0.state == .new ? nil : $0.due.timeIntervalSince1970 }
            case .r: row.retrievability
            case .s: row.isNew ? nil : row.schedule?.memory?.stability
            case .d: row.isNew ? nil : row.schedule?.memory?.difficulty
            case .lapses: Double(row.schedule?.lapses ?? 0)
            case .reps: Double(row.schedule?.reps ?? 0)
            case .deck: 0
            }
        }
        let keyed = rows.map { (key($0), $0) }
        let sorted = keyed.sorted { a, b in
            switch (a.0, b.0) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return CardListing.collectionOrder(a.1, b.1)
            }
        }
        rows = sorted.map(\.1)
        if reverse { rows.reverse() }
    }

    static func collectionOrder(_ a: Row, _ b: Row) -> Bool {
        if a.card.deck != b.card.deck { return a.card.deck < b.card.deck }
        if a.card.source.file != b.card.source.file { return a.card.source.file < b.card.source.file }
        if a.card.source.line != b.card.source.line { return a.card.source.line < b.card.source.line }
        return a.card.id < b.card.id
    }
}
