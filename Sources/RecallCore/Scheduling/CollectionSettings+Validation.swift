import Foundation

extension CollectionSettings {
    /// One message per out-of-range setting, in a stable order; empty when all is well.
    ///
    /// Messages follow the house style: the setting's name, what was found and what is allowed.
    public func validate() -> [String] {
        var problems: [String] = []
        if parameters.count != 21 {
            problems.append("parameters has \(parameters.count) values, expected 21 (FSRS-6)")
        } else {
            for (i, (value, range)) in zip(parameters, Self.parameterRanges).enumerated()
            where !(range.contains(value)) {
                problems.append("parameter w\(i) is \(Self.format(value)), expected "
                    + "\(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))")
            }
        }
        if !(desiredRetention > 0 && desiredRetention < 1) {
            problems.append("desired retention is \(Self.format(desiredRetention)), "
                + "expected more than 0 and less than 1")
        }
        problems += checkSteps(learningSteps, name: "learning steps")
        problems += checkSteps(relearningSteps, name: "relearning steps")
        problems += checkIntegers()
        problems += checkSM2()
        problems += checkDeckParameters()
        if easyDays.percentages.count != 7 || easyDays.percentages.contains(where: { !(0...100).contains($0) }) {
            problems.append("easy days are \(easyDays.percentages.map(String.init).joined(separator: " ")), expected a percentage from 0 to 100 for each of the 7 weekdays")
        } else if easyDays.percentages.allSatisfy({ $0 == 0 }) {
            problems.append("easy days give every weekday 0%, expected at least one day with reviews")
        }
        for (deck, limits) in deckLimits.sorted(by: { $0.key < $1.key }) {
            if let n = limits.newPerDay, n < 0 {
                problems.append("new cards per day for deck '\(deck)' is \(n), expected 0 or more")
            }
            if let n = limits.reviewsPerDay, n < 0 {
                problems.append("reviews per day for deck '\(deck)' is \(n), expected 0 or more")
            }
        }
        return problems
    }

    private func checkSteps(_ steps: [TimeInterval], name: String) -> [String] {
        steps.enumerated().compactMap { i, s in
            s >= 1 && s < 86400 * 365 && s.isFinite ? nil
                : "\(name) entry \(i + 1) is \(Self.format(s)) s, expected at least 1 second"
        }
    }

    private func checkIntegers() -> [String] {
        var problems: [String] = []
        if maximumInterval < 1 || maximumInterval > 36500 {
            problems.append("maximum interval is \(maximumInterval) days, expected 1 to 36500")
        }
        if newPerDay < 0 { problems.append("new cards per day is \(newPerDay), expected 0 or more") }
        if reviewsPerDay < 0 {
            problems.append("reviews per day is \(reviewsPerDay), expected 0 or more")
        }
        if !(0...23).contains(dayStartHour) {
            problems.append("day start hour is \(dayStartHour), expected 0 to 23")
        }
        if learnAheadMinutes < 0 || learnAheadMinutes > 1440 {
            problems.append("learn-ahead is \(learnAheadMinutes) minutes, expected 0 to 1440")
        }
        if leechThreshold < 0 {
            problems.append("leech threshold is \(leechThreshold), expected 0 (off) or more")
        }
        return problems
    }

    private func checkSM2() -> [String] {
        var problems: [String] = []
        if !(startingEase >= 1.3 && startingEase <= 10) {
            problems.append("starting ease is \(Self.format(startingEase)), expected 1.3 to 10")
        }
        if !(easyBonus >= 1 && easyBonus <= 5) {
            problems.append("easy bonus is \(Self.format(easyBonus)), expected 1 to 5")
        }
        if !(hardMultiplier >= 0.5 && hardMultiplier <= 3) {
            problems.append("hard multiplier is \(Self.format(hardMultiplier)), expected 0.5 to 3")
        }
        if !(lapseNewInterval >= 0 && lapseNewInterval <= 1) {
            problems.append("lapse new interval is \(Self.format(lapseNewInterval)), expected 0 to 1")
        }
        if graduatingInterval < 1 || easyInterval < graduatingInterval {
            problems.append("graduating interval is \(graduatingInterval) and easy interval "
                + "\(easyInterval), expected 1 <= graduating <= easy")
        }
        return problems
    }

    /// Shortest decimal form (`0.9`, `36500`).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
