import Foundation
import RecallCore

extension StatsTextView {
    // MARK: - True retention

    /// Pass rates of review cards, young and mature, for today and the last 7, 30, 365 days.
    func retentionSection() -> [String] {
        let table = report.retention
        var lines = [style("True retention", .bold) + glyphs.separator + "desired "
                     + Self.percent(table.desired, decimals: 0)]
        // Counts get as much room as the widest needs (at least "999/999").
        let widest = table.rows.flatMap { [$0.young, $0.mature, $0.total] }
            .map { Self.counts($0).count }.max() ?? 0
        let countWidth = max(7, widest)
        lines.append(String(repeating: " ", count: 12) + ["young <21d", "mature", "all"]
            .map { TextWidth.padded("  " + $0, to: countWidth + 11) }.joined())
        for row in table.rows {
            let name = row.days == 1 ? "today" : "\(row.days) days"
            let cells = [row.young, row.mature, row.total]
                .map { retentionCell($0, countWidth: countWidth) }.joined()
            lines.append("  " + TextWidth.padded(name, to: 10) + cells)
        }
        return lines
    }

    private static func counts(_ pass: PassCount) -> String {
        pass.reviews == 0 ? "" : "\(pass.passed)/\(pass.reviews)"
    }

    /// ` 87.5%       7/8  `: the rate coloured against the desired retention, then the counts.
    private func retentionCell(_ pass: PassCount, countWidth: Int) -> String {
        let rate = Self.percent(pass.rate)
        let padded = String(repeating: " ", count: max(0, 6 - rate.count)) + rate
        let styled: String
        if let r = pass.rate {
            let desired = report.retention.desired
            styled = style(padded, r >= desired ? .green : r >= desired - 0.05 ? .yellow : .red)
        } else {
            styled = style(padded, .dim)
        }
        let counts = Self.counts(pass)
        return styled + String(repeating: " ", count: countWidth + 3 - counts.count) + counts + "  "
    }

    // MARK: - Calibration

    /// The largest RMSE(bins) bins with predicted against actual recall, and the RMSE.
    func calibrationSection() -> [String] {
        let cal = report.calibration
        let title = style("Calibration", .bold) + glyphs.separator
        guard let rmse = cal.rmse else {
            return [title + "no reviews a day or more apart yet"]
        }
        var lines = [title + "RMSE(bins) " + Self.percent(rmse) + " over "
                     + plural(cal.reviews, "review") + " in " + plural(cal.bins.count, "bin")]
        lines.append("  interval  card reviews  card lapses  reviews  predicted  actual")
        let shown = cal.bins.sorted { $0.reviews > $1.reviews }.prefix(8).sorted { $0.key < $1.key }
        for bin in shown {
            let r = CalibrationRanges(bin.key)
            let diff = bin.actual - bin.predicted
            let actual = style(String(format: "%6.1f%%", bin.actual * 100),
                               abs(diff) <= 0.05 ? .green : abs(diff) <= 0.1 ? .yellow : .red)
            lines.append("  " + TextWidth.padded(r.interval, to: 10) + TextWidth.padded(r.cardReviews.text, to: 14)
                         + TextWidth.padded(r.cardLapses.text, to: 11)
                         + String(format: "%9d  %8.1f%%  ", bin.reviews, bin.predicted * 100) + actual)
        }
        if cal.bins.count > shown.count {
            lines.append("  (the \(shown.count) largest of \(cal.bins.count) bins)")
        }
        lines.append("  " + verdict(rmse: rmse, reviews: cal.reviews))
        return lines
    }

    private func verdict(rmse: Double, reviews: Int) -> String {
        if reviews < 100 { return "too few reviews to judge the predictions yet" }
        if rmse <= 0.05 { return style("predictions match your recall well", .green) }
        if rmse <= 0.10 { return style("predictions are roughly right", .yellow) }
        return style("predictions are off; fitting the parameters to your reviews may help", .red)
    }

    // MARK: - Leeches and hardest cards

    /// The cards forgotten most often, whether or not they became leeches.
    func mostLapsesSection() -> [String] {
        guard !report.mostLapses.isEmpty else { return [] }
        return [style("Most lapses", .bold)] + rankedLines(report.mostLapses, lapsesFirst: true)
    }

    /// The leeches: suspended for lapsing too often, until their text is fixed.
    func leechSection() -> [String] {
        guard !report.leeches.isEmpty else { return [] }
        return [style("Leeches", .bold) + glyphs.separator + "suspended for lapsing too often; fix or rewrite them"]
            + rankedLines(report.leeches, lapsesFirst: true)
    }

    func hardestSection() -> [String] {
        guard !report.hardest.isEmpty else { return [] }
        return [style("Hardest cards", .bold) + glyphs.separator + "highest difficulty"]
            + rankedLines(report.hardest, lapsesFirst: false)
    }

    private func rankedLines(_ cards: [RankedCard], lapsesFirst: Bool) -> [String] {
        let lapseWidth = String(cards.map(\.lapses).max() ?? 0).count
        let sourceWidth = min(32, cards.map { TextWidth.of($0.source.description) }.max() ?? 0)
        return cards.map { card in
            let lapses = String(repeating: " ", count: lapseWidth - String(card.lapses).count)
                + "\(card.lapses) " + (card.lapses == 1 ? "lapse " : "lapses")
            let difficulty = card.difficulty.map { String(format: "D %4.1f", $0) } ?? "D    -"
            let numbers = lapsesFirst ? lapses + "  " + difficulty : difficulty + "  " + lapses
            let head = "  " + style(numbers, lapsesFirst ? .red : .yellow) + "  "
                + TextWidth.padded(truncated(TerminalText.sanitized(card.source.description, keepingNewlines: false),
                                             to: sourceWidth), to: sourceWidth)
                + "  "
            let room = max(8, min(width, 80) - TextWidth.of(head))
            return head + truncated(TextReflow.oneLine(card.question), to: room)
        }
    }
}

/// The ranges a calibration bin covers: days since the previous review, the card's reviews
/// a day or more apart (this one included) and its earlier lapses. The text and the JSON
/// show the same ranges under the same names.
struct CalibrationRanges {
    /// Whole numbers from `low` to `high`, both included.
    struct Span: Equatable {
        var low: Int
        var high: Int
        var text: String { low >= high ? "\(low)" : "\(low)-\(high)" }
    }

    let intervalDays: Span
    let cardReviews: Span
    let cardLapses: Span
    var interval: String { intervalDays.text + "d" }

    init(_ key: CalibrationStats.Key) {
        intervalDays = Self.span(bin: key.intervalBin, scale: 248, base: 3.62)
        // The length feature counts long-term reviews (this one included) plus one.
        cardReviews = Self.span(bin: key.lengthBin, scale: 1.99, base: 1.89, shift: -1)
        cardLapses = key.lapseBin == 0 ? Span(low: 0, high: 0) : Self.span(bin: key.lapseBin, scale: 1.65, base: 1.73)
    }

    /// The integers `v` with `⌊log_base v⌋ = k`, for the `k` whose bin value is `bin`
    /// (0…0 for a bin value no `k` gives, which the bins never hold).
    private static func span(bin: Int, scale: Double, base: Double, shift: Int = 0) -> Span {
        guard let k = (0..<64).first(where: { Int((scale * pow(base, Double($0))).rounded()) == bin })
        else { return Span(low: 0, high: 0) }
        let low = Int(pow(base, Double(k)).rounded(.up)) + shift
        let high = Int(pow(base, Double(k + 1)).rounded(.up)) - 1 + shift
        return Span(low: low, high: max(low, high))
    }
}
