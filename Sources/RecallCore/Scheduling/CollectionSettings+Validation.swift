import Foundation

extension CollectionSettings {
    /// One message per out-of-range setting, in a stable order; empty when all is well.
    ///
    /// Messages follow the house style: the setting's name, what was found and what is allowed.
    public func validate() -> [String] {
        var problems = Self.checkParameters(parameters, deck: "")
        problems += Self.checkRetention(desiredRetention, deck: "")
        problems += Self.checkSteps(learningSteps, name: "learning steps", deck: "")
        problems += Self.checkSteps(relearningSteps, name: "relearning steps", deck: "")
        problems += checkIntegers()
        problems += checkSM2()
        if easyDays.percentages.count != 7 || easyDays.percentages.contains(where: { !(0...100).contains($0) }) {
            problems.append("easy days are \(easyDays.percentages.map(String.init).joined(separator: " ")), expected a percentage from 0 to 100 for each of the 7 weekdays")
        } else if easyDays.percentages.allSatisfy({ $0 == 0 }) {
            problems.append("easy days give every weekday 0%, expected at least one day with reviews")
        }
        problems += checkDeckPresets()
        return problems
    }

    /// Problems with the deck presets: their values as the collection's are checked, then
    /// cards listed for two decks.
    private func checkDeckPresets() -> [String] {
        var problems: [String] = []
        var owner: [CardID: String] = [:]
        for (deck, preset) in deckPresets.sorted(by: { $0.key < $1.key }) {
            let name = " for deck '\(deck)'"
            if let w = preset.parameters { problems += Self.checkParameters(w, deck: name) }
            if let r = preset.desiredRetention { problems += Self.checkRetention(r, deck: name) }
            if let steps = preset.learningSteps { problems += Self.checkSteps(steps, name: "learning steps", deck: name) }
            if let steps = preset.relearningSteps { problems += Self.checkSteps(steps, name: "relearning steps", deck: name) }
            if let days = preset.maximumInterval { problems += Self.checkMaximumInterval(days, deck: name) }
            if let n = preset.newPerDay, n < 0 { problems.append("new cards per day\(name) is \(n), expected 0 or more") }
            if let n = preset.reviewsPerDay, n < 0 { problems.append("reviews per day\(name) is \(n), expected 0 or more") }
            if let card = preset.cards.first(where: { owner[$0] != nil }), let other = owner[card] {
                problems.append("card \(card) is listed for both deck '\(other)' and deck '\(deck)'")
            }
            for card in preset.cards { owner[card] = deck }
        }
        return problems
    }

    /// `deck` is empty for the collection's value, else ` for deck 'NAME'`.
    private static func checkParameters(_ w: [Double], deck: String) -> [String] {
        guard w.count == 21 else { return ["parameters\(deck) has \(w.count) values, expected 21 (FSRS-6)"] }
        return zip(w, parameterRanges).enumerated().compactMap { i, pair in
            pair.1.contains(pair.0) ? nil : "parameter w\(i)\(deck) is \(format(pair.0)), expected "
                + "\(format(pair.1.lowerBound)) to \(format(pair.1.upperBound))"
        }
    }

    private static func checkRetention(_ r: Double, deck: String) -> [String] {
        r > 0 && r < 1 ? [] : ["desired retention\(deck) is \(format(r)), expected more than 0 and less than 1"]
    }

    private static func checkSteps(_ steps: [TimeInterval], name: String, deck: String) -> [String] {
        steps.enumerated().compactMap { i, s in
            s >= 1 && s < 86400 * 365 && s.isFinite ? nil
                : "\(name) entry \(i + 1)\(deck) is \(format(s)) s, expected at least 1 second"
        }
    }

    private static func checkMaximumInterval(_ days: Int, deck: String) -> [String] {
        days >= 1 && days <= 36500 ? [] : ["maximum interval\(deck) is \(days) days, expected 1 to 36500"]
    }

    private func checkIntegers() -> [String] {
        var problems: [String] = []
        problems += Self.checkMaximumInterval(maximumInterval, deck: "")
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
