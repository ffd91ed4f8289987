extension CardWriter {
    /// A `.txt` deck: a new block at the end, after a `-` line unless the file already ends
    /// with one (or has no cards yet).
    static func addPlain(_ note: DeckNote, _ context: Context) throws(CardWriteError) -> CardAddition {
        guard case let .basic(question, answer) = note.content else {
            throw .cannotWrite("a .txt deck holds only question/answer cards",
                               hint: "add cloze and two-way (--reversed) cards to a Markdown (.md) deck")
        }
        guard note.tags.isEmpty else {
            throw .cannotWrite("a .txt deck cannot hold tags",
                               hint: "leave out --tags, or add the card to a Markdown (.md) or .tsv deck")
        }
        guard !question.contains("\n") else {
            throw .cannotWrite("a .txt deck's question is one line",
                               hint: "write the question on one line, or add the card to a Markdown (.md) deck")
        }
        let answerLines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard question != "-", !answerLines.contains(where: { CardText.trim($0) == "-" }) else {
            throw .cannotWrite("a line holding only '-' separates cards in a .txt deck",
                               hint: "write something else on that line, or add the card to a Markdown (.md) deck")
        }
        let text = context.text
        let last = text.lastNonBlank(atOrBefore: text.lines.count - 1)
        let startsBlock = last < 0 || CardText.trim(text.line(last)) == "-"
        let lines = (startsBlock ? [] : ["-"]) + [question] + answerLines
        guard let addition = context.attempt(lines, after: text.lines.count - 1, note: note) else {
            throw unreadable("a .txt deck")
        }
        return addition
    }
}
