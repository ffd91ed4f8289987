import Foundation

/// How much of a normal day's review load each weekday should carry (`config easy_days`),
/// as Anki's easy days: `sat=50 sun=0` makes Saturdays light and Sundays free of reviews
/// wherever a review card's fuzz range allows.
public struct EasyDays: Sendable, Hashable {
    /// Percent (0-100) for Monday … Sunday, in that order.
    public var percentages: [Int]

    /// Weekday names as the setting writes them, Monday first.
    public static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Every day normal (100 %): the default.
    public static let normal = EasyDays(percentages: Array(repeating: 100, count: 7))

    public init(percentages: [Int]) { self.percentages = percentages }

    /// Whether every weekday carries a normal load.
    public var isNormal: Bool { percentages.allSatisfy { $0 == 100 } }

    /// The share (0…1) of a normal load for `weekday` (0 Monday … 6 Sunday, as
    /// ``StudyCalendar/weekday(day:)`` gives it).
    public func capacity(weekday: Int) -> Double {
        guard percentages.indices.contains(weekday) else { return 1 }
        return Double(min(max(percentages[weekday], 0), 100)) / 100
    }

    /// The share of a normal load for study day `day`.
    public func capacity(day: Int) -> Double { capacity(weekday: StudyCalendar.weekday(day: day)) }
}
