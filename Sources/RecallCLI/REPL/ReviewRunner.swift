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
    /// In a piped session, the grade just applied (`→ good (3d)`), written with whatever
    /// comes next so that each step stays one piece of output.
    private var appliedEcho: (rating: Rating, interval: String?)?
    /// Answers given in earlier sessions today, for "retention today" in the summary.
    private let earlierToday: (passed: Int, total: Int)
    /// The cards the session was asked for (see ``ReviewQueue/Plan/scope``): what "retention
    /// today" and "due tomorrow" in its summary count, as "left today" does.
    private let scope: Set<CardID>?

    /// The custom session's name in the header (`ahead 3 days`), if it is one.
    let label: String?

    init(context: REPLContext, queue: [Card], label: String? = nil, scope: Set<CardID>? = nil, learnAheadMinutes: Int? = nil) {
        self.context = context
        self.label = label
        let data = context.data
        session = ReviewSession(queue: queue, records: data.records, replay: data.replay,
                                device: data.device, now: context.now(), learnAheadMinutes: learnAheadMinutes)
        self.scope = scope
        earlierToday = data.retentionToday(now: context.now(), of: scope)
    }

    /// Runs the session to its end.
    func run() -> Outcome {
        guard session.nextCard(at: context.now()) != nil else {
            context.output.line("Nothing to review now." + (session.learning.isEmpty ? ""
                : " \(session.learning.count) learning card\(session.learning.count == 1 ? "" : "s") come back later today."))
            return .finished
        }
        let outcome = loop()
        context.output.collecting {
            writeAppliedEcho()
            summary(left: session.left)
        }
        return outcome
    }

    private func loop() -> Outcome {
        while let card = session.nextCard(at: context.now()) {
            if shownCard != card.id {
                context.output.collecting {
                    writeAppliedEcho()
                    show(card)
                }
            }
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
        let kind = session.records[card.id]?.schedule.state ?? .new
        context.view.header(deck: card.deck + (label.map { " · " + $0 } ?? ""), left: session.left,
                            note: kind == .review ? nil : kind.rawValue)
        context.view.question(card.question, from: card)
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
        let now = context.now()
        guard let entry = session.answerEntry(rating, at: now) else { return nil }
        let interval = session.preview(at: now)?.label(rating)
        guard context.log(entry) else { return .quit }
        // A pipe does not echo what was typed: say what was applied, so a transcript reads alone.
        if !context.reader.isInteractive { appliedEcho = (rating, interval) }
        // Whatever comes next is shown in full, even this card again (a last learning card).
        shownCard = nil
        if session.apply(entry) {
            writeAppliedEcho()
            context.view.warning("this card has lapsed \(session.records[entry.card]?.schedule.lapses ?? 0) times: suspended and tagged as a leech")
        }
        return nil
    }

    /// Writes the pending ``appliedEcho``, if any.
    func writeAppliedEcho() {
        guard let echo = appliedEcho else { return }
        appliedEcho = nil
        context.view.applied(echo.rating, interval: echo.interval)
    }

    /// The summary line: cards, again count, time, retention today, what is `left` of
    /// today's cards when the session ends early, due tomorrow.
    private func summary(left: QueueCounts) {
        let c = session.counts
        let out = context.output
        let passed = earlierToday.passed + c.reviewPassed, total = earlierToday.total + c.reviewAnswers
        var parts = ["\(c.answered) card\(c.answered == 1 ? "" : "s")", "\(c.again) again",
                     CardView.duration(ms: c.durationMs)]
        if total > 0 {
            parts.append("retention today \(CardView.percent(Double(passed) / Double(total))) (\(passed)/\(total))")
        }
        if left != QueueCounts() {
            // One item, so that its counts stay together on a line; three, so that a screen
            // too narrow for it can break between them.
            let counts = ["left today \(left.new + left.learning + left.review): \(left.new) new",
                          "\(left.learning) learning", "\(left.review) due"]
            let whole = counts.joined(separator: " · ")
            if TextWidth.of(whole) <= out.width - 2 { parts.append(whole) } else { parts += counts }
        }
        let data = context.data
        let cards = scope.map { ids in data.cards.filter { ids.contains($0.id) } } ?? data.cards
        parts.append("due tomorrow \(ReviewSession.dueTomorrow(cards: cards, records: data.records, calendar: data.calendar, now: context.now()))")
        out.line()
        let lines = CardView.pack(["Session done: " + parts[0]] + parts.dropFirst(), width: out.width - 2)
        for (index, line) in lines.enumerated() {
            out.line(index == 0 ? out.styled("Session done:", .bold) + line.dropFirst("Session done:".count) : "  " + line)
        }
    }
}
