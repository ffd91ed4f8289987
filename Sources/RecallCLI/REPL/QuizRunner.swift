import Foundation
import RecallCore

/// Runs a topic quiz: asks each picked card once in the chosen mode, then shows the score
/// and the missed cards. Logs answers as reviews only with `--record`.
final class QuizRunner {
    let context: REPLContext
    let arguments: QuizArguments
    private(set) var quiz: Quiz
    private var rng: SplitMix64
    private var lastEntryTime: Date?

    /// `nil` (with a message printed) when no card matches the topics.
    init?(context: REPLContext, arguments: QuizArguments) {
        self.context = context
        self.arguments = arguments
        rng = SplitMix64(seed: arguments.seed ?? UInt64.random(in: .min ... .max))
        let data = context.data
        let selection: StudySelection
        do {
            selection = try StudySelection(arguments.topics)
        } catch {
            let query = StudySelection.queryText(arguments.topics)
            context.error(error.rendered(query: query))
            if let hint = error.hint { context.view.note(hint) }
            return nil
        }
        // Cards must match the query (if any) and one of the topics (if any).
        let matcher = selection.matcher(data, now: context.now())
        let cards = matcher.map { m in data.cards.filter { m.matches($0, record: data.records[$0.id]) } } ?? data.cards
        let picked = Quiz.pick(from: cards, topics: selection.plain, count: arguments.count, using: &rng)
        guard !picked.isEmpty else {
            context.error("no cards match \(arguments.topics.map { "'\($0)'" }.joined(separator: ", "))")
            return nil
        }
        quiz = Quiz(mode: arguments.mode, cards: picked)
    }

    /// Asks every question (or until `:quit` / end of input), then prints the score.
    @discardableResult
    func run() -> ReviewRunner.Outcome {
        var outcome = ReviewRunner.Outcome.finished
        while let card = quiz.current {
            context.view.header(deck: card.deck, position: quiz.position, total: quiz.cards.count,
                                note: "quiz")
            context.view.question(card.question, from: card)
            guard let result = ask(card) else { outcome = .endOfInput; break }
            if result == .quit { outcome = .quit; break }
        }
        score()
        return outcome
    }

    private enum Step { case answered, quit }

    /// Asks `card`; `nil` at end of input.
    private func ask(_ card: Card) -> Step? {
        switch arguments.mode {
        case .flip: return askFlip(card)
        case .typed: return askTyped(card)
        case .choice: return askChoice(card)
        }
    }

    /// Reads a line, skipping Ctrl-C; `nil` at end of input.
    private func readLine(_ prompt: String) -> String? {
        while true {
            switch context.read(prompt) {
            case .end: return nil
            case .interrupted: continue
            case .line(let text): return text.trimmingCharacters(in: .whitespaces)
            }
        }
    }

    private func askFlip(_ card: Card) -> Step? {
        guard let first = readLine("answer> ") else { return nil }
        if first == ":quit" { return .quit }
        context.view.answer(card)
        if arguments.record { return readGrade(card, suggestion: nil) }
        return readKnew(card)
    }

    /// Asks whether the user knew the answer (y/n): a flip quiz, or a typed answer the
    /// matcher could not judge. The score and, with `response`, the answer kept are theirs.
    private func readKnew(_ card: Card, response: String? = nil) -> Step? {
        context.view.note("did you know it? y/n")
        while let text = readLine("y/n> ") {
            if text == ":quit" { return .quit }
            if let knew = QuizRunner.yesNo(text) {
                echo(knew ? "knew it" : "did not know it")
                return finish(card, knew ? .good : .again, response ?? text)
            }
            context.view.note("type y or n")
        }
        return nil
    }

    private func askTyped(_ card: Card) -> Step? {
        guard let typed = readLine("answer> ") else { return nil }
        if typed == ":quit" { return .quit }
        let match = AnswerMatcher.match(typed: typed, card: card)
        context.view.answer(card)
        if !typed.isEmpty { context.view.diff(typed: typed, answer: card.expectedAnswer, match: match) }
        guard arguments.record else {
            guard let judged = match.suggestedRating else { return readKnew(card, response: typed) }
            return finish(card, judged, typed)
        }
        // A recorded grade schedules the card: the judgement only suggests it, as in a
        // review, since no matcher knows every way of being right.
        return readGrade(card, suggestion: typed.isEmpty ? nil : match.suggestedRating, response: typed)
    }

    /// Reads the grade to record (`--record`): 1-4, or Enter for `suggestion` when there is one.
    private func readGrade(_ card: Card, suggestion: Rating?, response: String? = nil) -> Step? {
        let enter = suggestion.map { " (Enter: \($0))" } ?? ""
        context.view.note("grade: 1 again, 2 hard, 3 good, 4 easy" + enter)
        while let text = readLine("grade> ") {
            if text == ":quit" { return .quit }
            if let rating = text.isEmpty ? suggestion : Rating(parsing: text) {
                echo("\(rating)")
                return finish(card, rating, response ?? text)
            }
            context.view.note("type 1-4" + (suggestion.map { ", or Enter for \($0)" } ?? ""))
        }
        return nil
    }

    private func askChoice(_ card: Card) -> Step? {
        let (choices, correct) = Quiz.choices(for: card, from: context.data.cards, using: &rng)
        // Shown as on a card: Markdown markers dropped, formulas converted.
        let options = choices.map(RichText.plain)
        for (i, option) in options.enumerated() {
            let lines = TextWrapper.wrap(TextReflow.joinParagraphs(option), width: context.output.width - 6, indent: 0)
            context.output.line("  \(i + 1)) " + TerminalText.sanitized(lines.joined(separator: "\n     ")))
        }
        while let text = readLine("choice> ") {
            if text == ":quit" { return .quit }
            guard let n = Int(text), (1...options.count).contains(n) else {
                context.view.note("type a number from 1 to \(options.count)")
                continue
            }
            let right = n - 1 == correct
            echo("\(n)) " + options[n - 1].replacingOccurrences(of: "\n", with: " / "))
            context.output.line("  " + (right ? context.output.styled("correct", .green, .bold)
                : context.output.styled("wrong", .red, .bold) + " — the answer is \(correct + 1)) \(TerminalText.sanitized(options[correct]))"))
            return finish(card, right ? .good : .again, options[n - 1])
        }
        return nil
    }

    /// In a piped session, where the typed answer is not echoed, says which was taken
    /// (`→ 2) Paris`), so a transcript reads on its own.
    private func echo(_ choice: String) {
        if !context.reader.isInteractive { context.output.line("  → " + TerminalText.sanitized(choice)) }
    }

    private func finish(_ card: Card, _ rating: Rating, _ response: String) -> Step {
        if arguments.record {
            let time = ReviewSession.stamp(context.now(), after: lastEntryTime)
            let data = context.data
            let entry = data.replay.answerEntry(card.id, rating, at: time, device: data.device,
                                                record: data.records[card.id], workload: nil)
            guard context.log(entry) else { return .quit }
            lastEntryTime = time
        }
        quiz.answer(correct: rating.isSuccess, response: response)
        return .answered
    }

    private func score() {
        let out = context.output
        let asked = quiz.results.count
        out.line()
        let pct = asked > 0 ? " (\(CardView.percent(Double(quiz.score) / Double(asked))))" : ""
        out.line(out.styled("Quiz done:", .bold) + " \(quiz.score)/\(asked) correct\(pct)"
                 + (arguments.record ? " · recorded as reviews" : " · schedule unchanged"))
        let missed = quiz.missed
        if !missed.isEmpty {
            out.line("Missed:")
            for card in missed {
                let line = out.styled(TextReflow.oneLine(card.question), .bold) + " → " + TextReflow.oneLine(card.expectedAnswer)
                var rows = TextWrapper.wrap(line, width: out.width - 2, indent: 2)
                // The location stays whole, even when its file name has spaces, so that it
                // can be copied: after the answer when it fits, else on a line of its own.
                let location = "(\(card.source))"
                if let last = rows.last, TextWidth.of(last) + 2 + TextWidth.of(location) <= out.width - 2 {
                    rows[rows.count - 1] = last + "  " + out.styled(location, .dim)
                } else {
                    rows.append("  " + out.styled(location, .dim))
                }
                for row in rows { out.line("  " + row) }
            }
        }
    }

    /// `y`/`yes`/`n`/`no` (any case); `nil` for anything else.
    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "y", "yes": true
        case "n", "no": false
        default: nil
        }
    }
}
