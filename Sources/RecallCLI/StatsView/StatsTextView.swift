import Foundation
import RecallCore

/// Renders a ``StatsReport`` as text for the terminal: short summary lines, a heatmap, bar
/// charts, sparklines and small tables. Pure: colour, glyphs and width are handed in.
struct StatsTextView {
    let report: StatsReport
    /// What the stats cover, e.g. `all decks`, `deck Lang`, `tag #verbs`.
    let scope: String
    let glyphs: StatsGlyphs
    let color: Bool
    /// Columns available; the view is laid out for 80 and never uses more than this.
    let width: Int

    /// The whole view, ending with a newline.
    func render() -> String {
        var lines = header()
        lines += summary()
        for section in [heatmapSection(), forecastSection(), retentionSection(), cardsSection(),
                        calibrationSection(), mostLapsesSection(), leechSection(), hardestSection()] where !section.isEmpty {
            lines.append("")
            lines += section
        }
        return lines.map(trimTrailing).joined(separator: "\n") + "\n"
    }

    // MARK: - Header and summary

    private func header() -> [String] {
        let (y, m, d) = StudyCalendar.civil(fromDays: report.today)
        let weekday = Self.weekdayNames[StudyCalendar.weekday(day: report.today)]
        let date = String(format: "%@ %04d-%02d-%02d", weekday, y, m, d)
        let title = "Recall stats" + glyphs.separator + scope + glyphs.separator + date
        return [style(title, .bold), String(repeating: glyphs.rule, count: min(width, 80))]
    }

    private func summary() -> [String] {
        let t = report.todayStats
        let s = report.streak
        let sep = glyphs.separator
        let today = [count(t.reviewed, "reviewed"), count(t.new, "new"),
                     style("\(t.again) again", t.again > 0 ? .red : .dim),
                     Self.duration(seconds: t.seconds),
                     style("\(t.due) still due", t.due > 0 ? .yellow : .green)]
        let streak = [style(plural(s.current, "day"), .bold) + " current",
                      "longest " + plural(s.longest, "day"),
                      plural(s.daysStudied, "study day") + " in all"]
        return [label("Today") + today.joined(separator: sep),
                label("Streak") + streak.joined(separator: sep)]
    }

    // MARK: - Helpers shared by the sections

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                             "Oct", "Nov", "Dec"]

    /// A left-column label padded to 10 columns.
    func label(_ text: String) -> String {
        style(text, .bold) + String(repeating: " ", count: max(1, 10 - text.count))
    }

    /// `text` in `styles` when colour is on; blanks stay unstyled so lines can be trimmed.
    func style(_ text: String, _ styles: ANSIStyle...) -> String {
        guard color, text.contains(where: { $0 != " " }) else { return text }
        return ANSIStyle.apply(styles, to: text)
    }

    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" }

    func plural(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// `percent(0.8756)` is `87.6%`; `nil` is a dash.
    static func percent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(decimals)f%%", value * 100)
    }

    /// `27s`, `4m 05s`, `1h 02m`.
    static func duration(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return String(format: "%dm %02ds", seconds / 60, seconds % 60) }
        return String(format: "%dh %02dm", seconds / 3600, seconds % 3600 / 60)
    }

    /// Cuts `text` to `columns` display columns, ending with an ellipsis if cut; newlines and
    /// tabs become spaces.
    func truncated(_ text: String, to columns: Int) -> String {
        let flat = text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        guard TextWidth.of(flat) > columns else { return flat }
        let room = max(0, columns - TextWidth.of(glyphs.ellipsis))
        var out = "", used = 0
        for ch in flat {
            let w = TextWidth.of(ch)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        return out + glyphs.ellipsis
    }

    private func trimTrailing(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
