import Foundation

/// How a learner studies, read from their review log: the seconds each kind of review takes
/// and how they rate, for ``WorkloadSimulator`` (as Anki's simulator takes both from the
/// collection instead of assuming them).
public struct ReviewBehaviour: Sendable, Equatable {
    public var costs: WorkloadSimulator.Costs
    public var ratings: WorkloadSimulator.Ratings
    /// The reviews each figure was read from; a figure with fewer than ``minimumSamples``
    /// keeps its default.
    public var samples: (first: Int, recalled: Int, forgotten: Int)

    /// Fewer reviews of a kind than this keep the default for it.
    public static let minimumSamples = 20
    /// Longer answers than this count as this long (the learner walked away).
    public static let longestAnswer = 300.0

    public static func == (a: ReviewBehaviour, b: ReviewBehaviour) -> Bool {
        a.costs == b.costs && a.ratings == b.ratings && a.samples == b.samples
    }

    /// Reads `log` (undone reviews dropped; `forget` makes the next review a first one);
    /// days are study days of `calendar`. A review's time is its answer time (`durationMs`),
    /// a forgotten card's adds its same-day relearning reviews; reviews without a time are
    /// counted for the ratings only. Each cost is a median.
    public init(log: [ReviewLogEntry], calendar: StudyCalendar) {
        let sorted = CollectionReplay.isSorted(log) ? log : log.sorted(by: ReviewLogEntry.order)
        var lastDay: [CardID: Int] = [:]
        var lapseOn: [CardID: (day: Int, index: Int)] = [:]
        var firstTimes: [Double] = [], recalledTimes: [Double] = [], forgottenTimes: [Double] = []
        var first = [0, 0, 0, 0], recalled = [0, 0, 0]
        for entry in CollectionReplay.droppingUndone(sorted).counted {
            if entry.event == .forget { lastDay[entry.card] = nil; lapseOn[entry.card] = nil }
            guard entry.event == .review, let rating = entry.rating else { continue }
            let day = calendar.dayNumber(entry.time)
            let seconds = entry.durationMs > 0 ? min(Double(entry.durationMs) / 1000, Self.longestAnswer) : nil
            defer { lastDay[entry.card] = day }
            guard let previous = lastDay[entry.card] else {
                first[rating.rawValue - 1] += 1
                if let seconds { firstTimes.append(seconds) }
                continue
            }
            if previous == day {
                // A relearning step after a lapse today adds to that lapse's time.
                if let lapse = lapseOn[entry.card], lapse.day == day, let seconds { forgottenTimes[lapse.index] += seconds }
                continue
            }
            if rating == .again {
                if let seconds {
                    lapseOn[entry.card] = (day, forgottenTimes.count)
                    forgottenTimes.append(seconds)
                }
            } else {
                recalled[rating.rawValue - 2] += 1
                if let seconds { recalledTimes.append(seconds) }
            }
        }
        let defaults = WorkloadSimulator.Costs()
        costs = WorkloadSimulator.Costs(firstReview: Self.median(firstTimes) ?? defaults.firstReview,
                                        recalled: Self.median(recalledTimes) ?? defaults.recalled,
                                        forgotten: Self.median(forgottenTimes) ?? defaults.forgotten)
        let standard = WorkloadSimulator.Ratings()
        ratings = WorkloadSimulator.Ratings(first: Self.shares(first) ?? standard.first,
                                            recalled: Self.shares(recalled) ?? standard.recalled)
        samples = (firstTimes.count, recalledTimes.count, forgottenTimes.count)
    }

    private static func median(_ values: [Double]) -> Double? {
        guard values.count >= minimumSamples else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func shares(_ counts: [Int]) -> [Double]? {
        let total = counts.reduce(0, +)
        guard total >= minimumSamples else { return nil }
        return counts.map { Double($0) / Double(total) }
    }
}
