import Foundation

/// Days off planned with `recall break FROM TO`, kept in the settings so that every
/// device knows them (``CollectionSettings/plannedBreaks``).
public struct PlannedBreak: Sendable, Hashable {
    /// Short and unique: six hex digits from the device and time that planned it.
    public var id: String
    /// First and last study day of the break (inclusive; see ``StudyCalendar/dayNumber(_:)``).
    public var firstDay: Int
    public var lastDay: Int
    /// The search query of the cards moved out of it; empty for every card.
    public var query: String
    /// When it was planned: the time of the `setdue` entries that moved its cards.
    public var planned: Date
    /// The device that planned it (and wrote those entries).
    public var device: String

    public init(id: String, firstDay: Int, lastDay: Int, query: String, planned: Date, device: String) {
        self.id = id
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.query = query
        self.planned = planned
        self.device = device
    }

    /// A break planned at `time` on `device`, with an id made from both.
    public init(firstDay: Int, lastDay: Int, query: String, planned time: Date, device: String) {
        var hash = StableHasher()
        hash.combine(bytes: Array(device.utf8) + [0])
        hash.combine(UInt64(bitPattern: Int64((time.timeIntervalSince1970 * 1000).rounded())))
        self.init(id: String(String(hash.value, radix: 16).suffix(6)).leftPadded(to: 6),
                  firstDay: firstDay, lastDay: lastDay, query: query, planned: time, device: device)
    }

    public var days: ClosedRange<Int> { firstDay...lastDay }

    /// Whether study day `day` is inside this break.
    public func covers(_ day: Int) -> Bool { days.contains(day) }
}

/// The breaks of a collection, from ``CollectionSettings/plannedBreaks``: the one place
/// the scheduler asks whether a study day is a day off.
public struct PlannedBreaks: Sendable, Hashable {
    /// By id.
    public var byID: [String: PlannedBreak]

    public init(_ breaks: [PlannedBreak] = []) {
        byID = Dictionary(breaks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var isEmpty: Bool { byID.isEmpty }

    /// The breaks in order of their first day (then id).
    public var all: [PlannedBreak] {
        byID.values.sorted { ($0.firstDay, $0.id) < ($1.firstDay, $1.id) }
    }

    /// Whether study day `day` is inside a planned break of the whole collection: a day with
    /// no capacity for reviews when the scheduler chooses a due day. Breaks with a query
    /// moved only their own cards and do not count here.
    public func isBreakDay(_ day: Int) -> Bool {
        byID.values.contains { $0.query.isEmpty && $0.covers(day) }
    }

    /// `day` if it is no break day, else the nearest study day outside the break it falls in:
    /// the day before the break when that is `earliest` or later (seen early, recall is
    /// higher), else the day after it. For a due day chosen when a card is answered, with
    /// `earliest` the day after the answer.
    public func dayOutsideBreaks(_ day: Int, earliest: Int) -> Int {
        guard isBreakDay(day) else { return day }
        var before = day, after = day
        while isBreakDay(before) { before -= 1 }
        while isBreakDay(after) { after += 1 }
        return before >= earliest ? before : after
    }

    /// The breaks `handle` names: an id, or a first day (`YYYY-MM-DD` as `day`).
    public func matching(id handle: String, firstDay: Int?) -> [PlannedBreak] {
        if let b = byID[handle] { return [b] }
        guard let firstDay else { return [] }
        return all.filter { $0.firstDay == firstDay }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
