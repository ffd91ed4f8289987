import RecallCore

extension StatsTextView {
    // MARK: - Heatmap

    /// 53 week columns (Monday to Sunday rows) of shaded blocks with month names on top;
    /// on a terminal narrower than 57 columns, only the latest weeks that fit.
    func heatmapSection() -> [String] {
        let h = report.heatmap
        let shown = max(0, HeatmapStats.weeks - max(1, width - 4))..<HeatmapStats.weeks
        let total = h.counts.reduce(0, +)
        let days = h.counts.filter { $0 > 0 }.count
        var lines = [style("Reviews, past 52 weeks", .bold) + glyphs.separator
                     + plural(total, "review") + " on " + plural(days, "day")]
        lines.append("    " + monthLabels(h, weeks: shown))
        for weekday in 0..<7 {
            var row = Self.weekdayNames[weekday] + " "
            for week in shown {
                let day = h.firstDay + week * 7 + weekday
                row += day > h.lastDay ? " " : shade(h.level(h.count(day: day)))
            }
            lines.append(row)
        }
        let legend = (1...4).map { shade($0) }.joined()
        lines.append("    less " + legend + " more" + glyphs.separator + "busiest day "
                     + plural(h.maximum, "review"))
        return lines
    }

    private func shade(_ level: Int) -> String {
        level == 0 ? glyphs.shades[0] : style(glyphs.shades[level], .green)
    }

    /// Month names over the first column whose Monday falls in that month.
    private func monthLabels(_ h: HeatmapStats, weeks: Range<Int>) -> String {
        var line = [Character](repeating: " ", count: weeks.count)
        var freeFrom = 0
        var previousMonth = -1
        for (column, week) in weeks.enumerated() {
            let monday = h.firstDay + week * 7
            let month = StudyCalendar.civil(fromDays: monday).month
            defer { previousMonth = month }
            guard month != previousMonth, column >= freeFrom else { continue }
            let name = Array(Self.monthNames[month - 1])
            guard column + name.count <= line.count else { continue }
            // The first column only gets a name if its month has room before the next one.
            if column == 0, StudyCalendar.civil(fromDays: monday + 21).month != month { continue }
            for (i, ch) in name.enumerated() { line[column + i] = ch }
            freeFrom = column + name.count + 1
        }
        return String(line)
    }

    // MARK: - Forecast

    /// A vertical bar per day for the next 30 days, today on the left.
    func forecastSection() -> [String] {
        let f = report.forecast
        let total = f.reduce(0, +)
        let title = style("Due, next 30 days", .bold) + glyphs.separator
        guard total > 0, let maximum = f.max() else { return [title + "nothing due"] }
        let height = 4
        let gutter = String(maximum).count + 1
        // Two columns per day when 30 of them fit, else one.
        let cell = width >= gutter + 1 + 2 * f.count ? 2 : 1
        var rows = [String](repeating: "", count: height)
        for value in f {
            let tall = Int((Double(value) / Double(maximum) * Double(height * 8)).rounded(.up))
            let column = glyphs.column(eighthsTall: value > 0 ? max(1, tall) : 0, height: height)
            for r in 0..<height { rows[r] += style(column[r], .cyan) + (cell == 2 ? " " : "") }
        }
        var lines = [title + plural(total, "card") + " (\(f[0]) today)"]
        for (r, row) in rows.enumerated() {
            let axis = r == 0 ? String(maximum) : ""
            lines.append(String(repeating: " ", count: gutter - axis.count) + axis + " " + row)
        }
        lines.append(String(repeating: " ", count: gutter + 1) + forecastAxis(cell: cell))
        return lines
    }

    private func forecastAxis(cell: Int) -> String {
        var line = [Character](repeating: " ", count: 30 * cell)
        let marks = cell == 2 ? [(0, "today"), (7, "+7"), (14, "+14"), (21, "+21"), (28, "+28")]
            : [(0, "0"), (7, "+7"), (14, "+14"), (21, "+21")]
        for (day, text) in marks {
            for (i, ch) in text.enumerated() where day * cell + i < line.count { line[day * cell + i] = ch }
        }
        return String(line)
    }

    // MARK: - Cards

    /// Cards by state, average retrievability and the two histograms as sparklines.
    func cardsSection() -> [String] {
        let c = report.collection
        let sep = glyphs.separator
        let states = [count(c.new, "new"), count(c.learning, "learning"), count(c.review, "review"),
                      count(c.relearning, "relearning"), count(c.suspended, "suspended")]
            // Shown only when there are some: most collections have none.
            + (c.buried > 0 ? [count(c.buried, "buried")] : []) + (c.forgotten > 0 ? [count(c.forgotten, "forgotten")] : [])
        var lines = [style("Cards", .bold) + sep + plural(c.total, "card") + ": "
                     + states.joined(separator: sep)]
        lines.append(label("Recall") + Self.percent(c.averageRetrievability)
                     + " average predicted recall now")
        lines += histogram("Difficulty", c.difficulty,
                           labels: (0..<10).map { "\($0 * 10)%" })
        lines += histogram("Stability", c.stability,
                           labels: ["<1d", "1d", "3d", "1w", "2w", "1m", "3m", "6m", "1y", "2y+"])
        return lines
    }

    /// A two-row column chart, one 3-wide column per bin, with the bins' lower bounds below.
    private func histogram(_ name: String, _ counts: [Int], labels: [String]) -> [String] {
        let maximum = counts.max() ?? 0
        var rows = ["", ""]
        for value in counts {
            let tall = maximum == 0 ? 0
                : max(value > 0 ? 1 : 0, Int((Double(value) / Double(maximum) * 16).rounded()))
            let column = glyphs.column(eighthsTall: tall, height: 2)
            for r in 0..<2 {
                rows[r] += style(String(repeating: column[r], count: 3), .cyan) + " "
            }
        }
        let pad = String(repeating: " ", count: 10)
        let axis = labels.map { TextWidth.padded($0, to: 4) }.joined()
        return [label(name) + rows[0] + "max \(maximum)", pad + rows[1], pad + axis]
    }
}
