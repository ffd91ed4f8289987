import Foundation
import RecallCore

/// What a `recall review` session fed through a pipe showed on screen, read back to find the
/// answers it acknowledged.
///
/// The crash suites feed each card an Enter (reveal) and then a rating. Recall prints nothing
/// between the grade choices and reading the rating (no prompts on a pipe), and after a
/// rating it appends and fsyncs the log entry before it prints anything else (a leech
/// warning, the next card, the summary). So an answer is acknowledged, as the user would see
/// it, once any complete line follows its grade choices.
struct ReviewTranscript {
    /// One acknowledged answer: the question on screen and the rating fed for it.
    struct Answer: Equatable, CustomStringConvertible {
        var question: String
        var rating: Rating
        var description: String { "'\(question)' \(rating)" }
    }

    /// The acknowledged answers, in order.
    let acknowledged: [Answer]
    /// How many cards showed their grade choices (acknowledged or not).
    let graded: Int

    /// The standard input that answers one card per rating (Enter, then the rating) and then
    /// ends the session with `:quit`.
    static func input(_ ratings: [Rating]) -> String {
        ratings.map { "\n\($0.rawValue)\n" }.joined() + ":quit\n"
    }

    /// Reads `output` (everything written before the process exited or was killed) for a
    /// session fed ``input(_:)`` with `ratings`. A final line without its newline is ignored.
    init(output: String, ratings: [Rating]) {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast() // "" after a final newline, or an unfinished line
        var question: String?
        var answers: [Answer] = []
        var graded = 0
        for (index, line) in lines.enumerated() {
            if ReviewTranscript.isHeader(line), index + 1 < lines.count {
                question = lines[index + 1].trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("  1 again ") {
                defer { graded += 1 }
                guard index + 1 < lines.count, graded < ratings.count else { continue }
                answers.append(Answer(question: question ?? "?", rating: ratings[graded]))
            }
        }
        acknowledged = answers
        self.graded = graded
    }

    /// How many cards `output` has shown whole: a header followed by a complete question line.
    static func cardsShown(_ output: String) -> Int {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast() // "" after a final newline, or an unfinished line
        return lines.indices.dropLast().filter { isHeader(lines[$0]) }.count
    }

    /// `Deck  12 left: 4 new · 3 learning · 5 due` or `Deck  new  3 left: …`: the line
    /// above a card's question.
    static func isHeader(_ line: Substring) -> Bool {
        guard let first = line.first, first != " " else { return false }
        return line.split(separator: "  ").dropFirst().contains { part in
            let words = part.split(separator: " ", maxSplits: 2)
            return words.count >= 2 && words[0].allSatisfy(\.isNumber) && words[1] == "left:"
        }
    }

    /// Checks what a review session appended to the log (`fresh`: the entries after those the
    /// log held before it) against the acknowledged answers: every one is there, in order,
    /// matched by card id and rating, and at most one more answer follows when the session was
    /// killed (the one being acknowledged when the kill landed), none when it finished.
    /// `ids` maps questions to card ids.
    ///
    /// Returns what is wrong (empty when nothing is) and the log entries of the acknowledged
    /// answers.
    func check(fresh: some Collection<ReviewLogEntry>, ids: [String: CardID],
               killed: Bool) -> (problems: [String], entries: [ReviewLogEntry]) {
        var problems: [String] = []
        let unknown = acknowledged.filter { ids[$0.question] == nil }
        if !unknown.isEmpty { problems.append("questions not in the collection: \(unknown)") }
        let reviews = fresh.filter { $0.event == .review }
        let matched = zip(acknowledged, reviews).prefix { answer, entry in
            ids[answer.question] == entry.card && answer.rating == entry.rating
        }.count
        if matched < acknowledged.count {
            let found = reviews.dropFirst(matched).first.map { "\($0.card) \($0.rating.map(String.init(describing:)) ?? "-")" }
            problems.append("acknowledged answer \(matched + 1) of \(acknowledged.count), \(acknowledged[matched]), "
                            + "is not in the log (found \(found ?? "nothing") in its place)")
        }
        let allowed = acknowledged.count + (killed ? 1 : 0)
        if reviews.count > allowed {
            problems.append("\(reviews.count) answers logged but \(acknowledged.count) acknowledged"
                            + (killed ? " (and one may be in flight)" : ""))
        }
        return (problems, Array(reviews.prefix(matched)))
    }
}
