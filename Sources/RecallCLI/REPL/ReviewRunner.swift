import Foundation
import RecallCore

/// Runs one review session: shows each card, reads an answer or Enter, shows the answer
/// (with a diff if one was typed), reads the grade, logs it, and ends with a summary.
final class ReviewRunner {
    /// How a session ended.
    enum Outcome: Equatable {
        /// No cards left.
        case finished
        /// `:quit`, or the log could not be written.
        case quit
        /// End of input (Ctrl-D or the end of piped input).
        case endOfInput
    }

    let context: REPLContext
    var session: ReviewSession
    var hintLevel = 0
    var shownCard: CardID?
    /// Answers given in earlier sessions today, for "retention today" in the summary.
    private let earlierToday: (passed: Int, total: Int)

    init(context: REPLContext, queue: [Card]) {
        self.context = context
        let data = context.data
        session = ReviewSession(queue: queue, records: data.records, replay: data.replay,
                                device: data.device, now: context.now())
        earlierToday = data.retentionToday(now: context.now())
    }

    /// Runs the session to its end.
    func run() -> Outcome {
        guard session.nextCard(at: context.now()) != nil else {
            context.output.line("Nothing to review now." + (session.learning.isEmpty ? ""
                : " \(session.learning.count) learning card\(session.learning.count == 1 ? "" : "s") come back later today."))
            return .finished
        }
        let outcome = loop()
        summary()
        return outcome
    }

    private func loop() -> Outcome {
        while let card = session.nextCard(at: context.now()) {
            if shownCard != card.id { context.output.collecting { show(card) } }
            switch context.read("answer> ") {
            case .end: return .endOfInput
            case .interrupted: continue
            case .line(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix(":") {
                    if let outcome = command(trimmed, revealed: false) { return outcome }
                    continue
                }
                if let outcome = reveal(card, typed: trimmed) { return outcome }
            }
        }
        return .finished
    }

    private func show(_ card: Card) {
        shownCard = card.id
        hintLevel = 0
        let (position, total) = session.progress
        let kind = session.records[card.id]?.schedule.state ?? .new
        context.view.header(deck: card.deck, position: position, total: total,
                            note: kind == .review ? nil : kind.rawValue)
        context.view.question(card.question)
    }

    /// Shows the answer and reads the grade. Returns an outcome to end the session.
    private func reveal(_ card: Card, typed: String) -> Outcome? {
        let view = context.view
        var suggestion: Rating?
        // The answer, any diff and the grade choices go out in one piece.
        let shown = context.output.collecting { () -> Bool in
            view.answer(card)
            if !typed.isEmpty {
                let match = AnswerMatcher.match(typed: typed, card: card)
                view.diff(typed: typed, answer: card.expectedAnswer, match: match)
                suggestion = match.suggestedRating
            }
            guard let preview = session.preview(at: context.now()) else { return false }
            view.gradeChoices(preview, suggestion: suggestion)
            return true
        }
        return shown ? readGrade(suggestion: suggestion) : nil
    }

    private func readGrade(suggestion: Rating?) -> Outcome? {
        while true {
            switch context.read("grade> ") {
            case .end: return .endOfInput
            case .interrupted: continue
            case .line(let text):
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix(":") {
                    if let outcome = command(t, revealed: true) { return outcome }
                    if session.current == nil || shownCard != session.current?.id { return nil }
                    continue
                }
                if t.isEmpty, let suggestion { return grade(suggestion) }
                if let rating = Rating(parsing: t) { return grade(rating) }
                context.view.note("type 1-4 (again, hard, good, easy)\(suggestion.map { ", or Enter for \($0)" } ?? "")")
            }
        }
    }

    private func grade(_ rating: Rating) -> Outcome? {
        guard let entry = session.answerEntry(rating, at: context.now()) else { return nil }
        guard context.log(entry) else { return .quit }
        // Whatever comes next is shown in full, even this card again (a last learning card).
        shownCard = nil
        if session.apply(entry) {
            context.view.warning("this card has lapsed \(session.records[entry.card]?.schedule.lapses ?? 0) times: suspended and tagged as a leech")
        }
        return nil
    }

    /// The summary line: cards, again count, time, retention today, due tomorrow.
    private func summary() {
        let c = session.counts
        let out = context.output
        let passed = earlierToday.passed + c.reviewPassed, total = earlierToday.total + c.reviewAnswers
        var parts = ["\(c.answered) card\(c.answered == 1 ? "" : "s")", "\(c.again) again",
                     CardView.duration(ms: c.durationMs)]
        if total > 0 {
            parts.append("retention today \(CardView.percent(Double(passed) / Double(total))) (\(passed)/\(total))")
        }
        parts.append("due tomorrow \(ReviewSession.dueTomorrow(records: context.data.records, calendar: context.data.calendar, now: context.now()))")
        out.line()
        out.line(out.styled("Session done:", .bold) + " " + parts.joined(separator: " · "))
    }
}
