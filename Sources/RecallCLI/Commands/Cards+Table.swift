import RecallCore

/// The table `recall cards` prints: deck, question (cut to fit the width), state, due,
/// interval, retrievability now and lapses, then a count line.
struct CardsTable {
    var width: Int
    /// Today's study day number, for the due column.
    var today: Int

    private static let titles = ["Deck", "Question", "State", "Due", "Ivl", "R", "Lapses"]
    /// Widths of the columns after the question.
    private static let fixed = [10, 7, 5, 4, 6]

    func render(_ listing: CardListing, total: Int) -> String {
        let rows = listing.rows.map(cells)
        let deckWidth = min(max(4, rows.map { TextWidth.of($0[0]) }.max() ?? 4), max(8, width / 5))
        let rest = Self.fixed.reduce(0, +) + 2 * Self.fixed.count
        let questionWidth = max(10, width - deckWidth - 2 - rest)
        var out = rows.isEmpty ? "" : line(Self.titles, deckWidth: deckWidth, questionWidth: questionWidth)
        for row in rows { out += line(row, deckWidth: deckWidth, questionWidth: questionWidth) }
        let shown = listing.rows.count
        out += shown == total ? "\(DeckWords.count(total, "card"))\n" : "\(shown) of \(DeckWords.count(total, "card")) shown\n"
        return out
    }

    private func line(_ cells: [String], deckWidth: Int, questionWidth: Int) -> String {
        var parts = [TextWidth.padded(Self.cut(cells[0], to: deckWidth), to: deckWidth),
                     TextWidth.padded(Self.cut(cells[1], to: questionWidth), to: questionWidth)]
        for (i, w) in Self.fixed.enumerated() {
            let text = cells[i + 2]
            // Numbers line up on the right; words on the left.
            parts.append(i >= 2 ? String(repeating: " ", count: max(0, w - TextWidth.of(text))) + text
                         : TextWidth.padded(text, to: w))
        }
        var text = parts.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    private func cells(_ row: CardListing.Row) -> [String] {
        let clean = { (s: String) in TerminalText.sanitized(s, keepingNewlines: false) }
        let r = row.retrievability.map { CardView.percent($0) } ?? "-"
        return [clean(row.card.deck), clean(row.card.question), Self.state(row, today: today),
                row.dueInDays.map(Self.due) ?? "-",
                (row.schedule?.scheduledDays ?? 0) == 0 ? "-" : IntervalLabel.days(row.schedule?.scheduledDays ?? 0),
                r, "\(row.schedule?.lapses ?? 0)"]
    }

    /// `suspended` or `buried` when the card is, else its state (`new`, `learning`, `review`,
    /// `relearning`).
    static func state(_ row: CardListing.Row, today: Int) -> String {
        if row.record?.suspended == true { return "suspended" }
        if row.record?.isBuried(onDay: today) == true { return "buried" }
        return (row.schedule?.state ?? .new).rawValue
    }

    /// `today`, `in 3d`, `2d ago`.
    static func due(_ days: Int) -> String {
        if days == 0 { return "today" }
        return days > 0 ? "in \(days)d" : "\(-days)d ago"
    }

    /// `text` on one line, cut to `columns` with an ellipsis.
    static func cut(_ text: String, to columns: Int) -> String {
        let flat = text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        guard TextWidth.of(flat) > columns else { return flat }
        var out = "", used = 0
        for ch in flat {
            let w = TextWidth.of(ch)
            if used + w > columns - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }
}
