import Foundation

/// Decides which cards a ``SearchQuery`` selects.
///
/// Holds what it has worked out about deck names, tags and files, so that a collection's
/// many cards of one deck cost one match of the deck's name.
public final class SearchMatcher {
    public let query: SearchQuery
    public let context: SearchContext
    private var memo: [SearchPattern: [String: Bool]] = [:]
    /// The last answer of ``remembered(_:_:_:)``: cards come deck by deck, so it is usually
    /// the next one's too, without hashing the pattern and the name.
    private var last: (pattern: SearchPattern, name: String, result: Bool)?

    public init(_ query: SearchQuery, context: SearchContext) {
        self.query = query
        self.context = context
    }

    /// Whether `query` selects `card`, whose progress is `record` (`nil`: never studied).
    public func matches(_ card: Card, record: CardRecord?) -> Bool {
        matches(query, card, record)
    }

    private func matches(_ q: SearchQuery, _ card: Card, _ record: CardRecord?) -> Bool {
        switch q {
        case .all: return true
        case .term(let t): return matches(t, card, record)
        case .not(let inner): return !matches(inner, card, record)
        case .and(let qs): return qs.allSatisfy { matches($0, card, record) }
        case .or(let qs): return qs.contains { matches($0, card, record) }
        }
    }

    private func matches(_ t: SearchTerm, _ card: Card, _ record: CardRecord?) -> Bool {
        switch t {
        case .text(let p, let side):
            return (side != .back && p.occurs(in: SearchPattern.fold(card.question)))
                || (side != .front && p.occurs(in: SearchPattern.fold(card.answer)))
        case .deck(let p):
            return p.matchesEverything || remembered(p, card.deck) { SearchMatcher.deck(p, $0) }
        case .tag(let p):
            return card.tags.contains { tag in remembered(p, tag) { SearchMatcher.tag(p, $0) } }
        case .file(let p):
            return remembered(p, card.source.file) { SearchMatcher.file(p, $0) }
        case .cardID(let id):
            return card.id == id
        case .state(let s):
            return state(s, record)
        case .property(let property, let comparison, let value):
            guard let actual = self.value(property, card, record) else { return false }
            return comparison.holds(actual, value)
        case .rated(let days, let rating):
            return context.history?.answered(card.id, since: context.firstDay(days), rating: rating) ?? false
        case .introduced(let days):
            guard let first = record?.introduced else { return false }
            return context.replay.calendar.dayNumber(first) >= context.firstDay(days)
        case .added(let days):
            return context.firstSeen[card.id].map { $0 >= context.firstDay(days) } ?? false
        }
    }

    private func remembered(_ p: SearchPattern, _ name: String, _ decide: (String) -> Bool) -> Bool {
        if let last, last.name == name, last.pattern == p { return last.result }
        let result: Bool
        if let known = memo[p]?[name] {
            result = known
        } else {
            result = decide(name)
            memo[p, default: [:]][name] = result
        }
        last = (p, name, result)
        return result
    }

    /// `deck:P` matches the deck named P and the decks below it (`A` matches `A::B`).
    static func deck(_ p: SearchPattern, _ deck: String) -> Bool {
        let folded = SearchPattern.fold(deck)
        if p.matchesWhole(folded) { return true }
        var parts = folded.components(separatedBy: "::")
        while parts.count > 1 {
            parts.removeLast()
            if p.matchesWhole(parts.joined(separator: "::")) { return true }
        }
        return false
    }

    /// `tag:P` matches the tag P and its child tags (`lang` matches `lang::swift`).
    static func tag(_ p: SearchPattern, _ tag: String) -> Bool { deck(p, tag) }

    /// `file:P` matches the file (relative to the collection) or a folder above it.
    static func file(_ p: SearchPattern, _ file: String) -> Bool {
        let folded = SearchPattern.fold(file)
        if p.matchesWhole(folded) { return true }
        var parts = folded.components(separatedBy: "/")
        while parts.count > 1 {
            parts.removeLast()
            if p.matchesWhole(parts.joined(separator: "/")) { return true }
        }
        return false
    }

    private func state(_ s: SearchTerm.State, _ record: CardRecord?) -> Bool {
        let schedule = record?.schedule
        let studied = schedule.map { $0.state != .new } ?? false
        switch s {
        case .new: return !studied
        case .learn: return schedule?.isLearning ?? false
        case .review: return schedule.map { $0.state == .review || $0.state == .relearning } ?? false
        case .due: return studied && (schedule.map { $0.due < context.dayEnd } ?? false)
        case .overdue:
            return studied && (schedule.map { context.replay.calendar.dayNumber($0.due) < context.today } ?? false)
        case .suspended: return record?.suspended ?? false
        case .buried: return record?.isBuried(onDay: context.today) ?? false
        case .leech: return record?.isLeech ?? false
        }
    }

    /// The card's value of `property`, or `nil` when it has none (a new card has no due
    /// day, stability, difficulty or retrievability).
    func value(_ property: SearchTerm.Property, _ card: Card, _ record: CardRecord?) -> Double? {
        let schedule = record?.schedule
        let studied = schedule.map { $0.state != .new } ?? false
        switch property {
        case .ivl: return Double(schedule?.scheduledDays ?? 0)
        case .lapses: return Double(schedule?.lapses ?? 0)
        case .reps: return Double(schedule?.reps ?? 0)
        case .due:
            guard studied, let schedule else { return nil }
            return Double(context.replay.calendar.dayNumber(schedule.due) - context.today)
        case .s: return studied ? schedule?.memory?.stability : nil
        case .d: return studied ? schedule?.memory?.difficulty : nil
        case .r:
            guard studied, let schedule else { return nil }
            return context.replay.scheduler(for: card.id).retrievability(of: schedule, at: context.now,
                                                                        calendar: context.replay.calendar)
        }
    }
}
