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
        let deckWidth = min(max(4, rows.map { Self.width($0[0]) }.max() ?? 4), max(8, width / 5))
        let rest = Self.fixed.reduce(0, +) + 2 * Self.fixed.count
        let questionWidth = max(10, width - deckWidth - 2 - rest)
        var out = rows.isEmpty ? "" : line(Self.titles, deckWidth: deckWidth, questionWidth: questionWidth)
        for row in rows { out += line(row, deckWidth: deckWidth, questionWidth: questionWidth) }
        let shown = listing.rows.count
        out += shown == total ? "\(DeckWords.count(total, "card"))\n" : "\(shown) of \(DeckWords.count(total, "card")) shown\n"
        return out
    }

    private func line(_ cells: [String], deckWidth: Int, questionWidth: Int) -> String {
        let deck = Self.cut(cells[0], to: deckWidth), question = Self.cut(cells[1], to: questionWidth)
        var parts = [deck.text + String(repeating: " ", count: max(0, deckWidth - deck.width)),
                     question.text + String(repeating: " ", count: max(0, questionWidth - question.width))]
        for (i, w) in Self.fixed.enumerated() {
            let text = cells[i + 2]
            // Numbers line up on the right; words on the left.
            parts.append(i >= 2 ? String(repeating: " ", count: max(0, w - Self.width(text))) + text
                         : Self.padded(text, to: w))
        }
        var text = parts.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    private func cells(_ row: CardListing.Row) -> [String] {
        let clean = { (s: String) in TerminalText.sanitized(s, keepingNewlines: false) }
        let r = row.retrievability.map { CardView.percent($0) } ?? "-"
        // Only what can show is cleaned and measured: a question longer than the line is cut anyway.
        return [clean(String(row.card.deck.prefix(width))), clean(String(row.card.question.prefix(width))),
                Self.state(row, today: today),
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

    /// ``TextWidth/of(_:)-(StringProtocol)``, counted by bytes for printable ASCII (most
    /// cells), which a table of thousands of rows measures many times.
    static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? text.utf8.count : TextWidth.of(text)
    }

    static func padded(_ text: String, to columns: Int) -> String {
        let w = width(text)
        return w >= columns ? text : text + String(repeating: " ", count: columns - w)
    }

    /// `text` on one line, cut to `columns` with an ellipsis, and its width. One pass that
    /// stops at the edge of the column (most questions are longer than it), by bytes while
    /// the text is printable ASCII.
    static func cut(_ text: String, to columns: Int) -> (text: String, width: Int) {
        var n = 0
        for b in text.utf8 {
            guard b >= 0x20, b < 0x7F else { return cutCharacters(text, to: columns) }
            n += 1
            if n > columns { break }
        }
        if n <= columns { return (text, n) }
        return (String(decoding: text.utf8.prefix(max(0, columns - 1)), as: UTF8.self) + "…", columns)
    }

    private static func cutCharacters(_ text: String, to columns: Int) -> (text: String, width: Int) {
        var full = "", kept = ""
        var used = 0, keptWidth = 0, keeping = true
        for ch in text {
            let c: Character = ch.isNewline || ch == "\t" ? " " : ch
            let w = c.isASCII ? 1 : TextWidth.of(c)
            if used + w > columns { return (kept + "…", keptWidth + 1) }
            used += w
            full.append(c)
            if keeping, used <= columns - 1 {
                kept.append(c)
                keptWidth = used
            } else {
                keeping = false
            }
        }
        return (full, used)
    }
}
