import Foundation
import RecallCore
import RecallStore

extension ReviewRunner {
    /// In-session commands, for `help` and TAB completion.
    static let sessionCommands = [":undo", ":skip", ":bury", ":suspend", ":forget", ":due", ":edit", ":add", ":info", ":hint",
                                  ":open", ":play", ":quit", ":help"]

    /// Runs an in-session command (`:undo` …). Returns an outcome when the session must end.
    func command(_ text: String, revealed: Bool) -> Outcome? {
        let view = context.view
        switch text.split(separator: " ").first.map(String.init) ?? text {
        case ":quit", ":q": return .quit
        case ":undo", ":u": undo()
        case ":skip":
            session.skip()
            shownCard = nil
        case ":bury": flag(.bury, done: "buried until tomorrow")
        case ":suspend": flag(.suspend, done: "suspended (it stays out of reviews until unsuspended)")
        case ":forget": flag(.forget, done: "forgotten: the card is new again (its history stays in the log)")
        case ":due": setDue(text)
        case ":hint", ":h":
            guard !revealed, let card = session.current else { view.note("the answer is already shown"); break }
            hintLevel += 1
            view.note("hint: " + AnswerHint.text(for: RichText.plain(card.expectedAnswer), level: hintLevel))
        case ":info", ":i":
            if let card = session.current { CardInfoView(context: context).show(card, session: session) }
        case ":edit", ":e":
            if let card = session.current { edit(card) }
        case ":add":
            // The current card's deck unless another is named; the session then goes on.
            let named = text.split(separator: " ").dropFirst().joined(separator: " ")
            CardAdder(context: context).run(deck: named.isEmpty ? session.current?.deck : named)
            shownCard = nil
        case ":open", ":o": context.media?.openAll(output: context.output)
        case ":play", ":p": context.media?.playAll(output: context.output)
        case ":help":
            view.note(ReviewRunner.helpText)
        default:
            view.note("unknown command '\(text)'; try :help")
        }
        return nil
    }

    static let helpText = """
        Enter reveals the answer; or type your answer and press Enter to compare.
          grades: 1 again, 2 hard, 3 good, 4 easy (Enter takes the suggestion)
          :undo take back the last answer   :skip show this card later
          :bury hide until tomorrow         :suspend take out of reviews
          :forget make the card new again   :due N make it due in N days
          :hint show first letters          :info card history and memory state
          :edit open the card in $EDITOR    :add add a card to this deck
          :open open the card's images      :play play the card's sounds
          :quit end the session
        """

    private func undo() {
        guard let entry = session.undoEntry(at: context.now()) else {
            context.view.note("nothing to undo in this session")
            return
        }
        guard context.log(entry) else { return }
        session.apply(entry)
        shownCard = nil
        context.view.note("undone: the card is back")
    }

    /// `:due N`: the current card is due in N study days (0: today) and leaves the session.
    private func setDue(_ text: String) {
        let words = text.split(separator: " ")
        guard words.count == 2, let days = Int(words[1]), (0...36_500).contains(days) else {
            context.view.note("type :due N for the card to be due in N days (0 is today)")
            return
        }
        guard let entry = session.setDueEntry(days: days, at: context.now()) else {
            context.view.note("a new card has no due date to set; it is shown when new cards are")
            return
        }
        guard context.log(entry) else { return }
        session.apply(entry)
        shownCard = nil
        context.view.note(days == 0 ? "due today" : days == 1 ? "due tomorrow" : "due in \(days) days")
    }

    private func flag(_ event: ReviewLogEntry.Event, done: String) {
        guard let entry = session.flagEntry(event, at: context.now()), context.log(entry) else { return }
        session.apply(entry)
        shownCard = nil
        context.view.note(done)
    }

    /// Opens `$VISUAL`/`$EDITOR` (default `vi`) at the card's file and line, waits, then
    /// reloads the decks; the card keeps its place and history (found again by id, or by
    /// file and line when the question itself changed).
    ///
    /// A file reached through a symbolic link out of the collection is not opened: the editor
    /// would write outside it.
    private func edit(_ card: Card) {
        let root = context.data.decksRoot.path
        let file = context.data.decksRoot.appendingPathComponent(card.source.file).path
        do {
            try CollectionBoundary.checkWrite(to: file, inside: root)
        } catch {
            context.error(error.reason)
            return
        }
        guard Editor.open(file, line: card.source.line, context: context) else { return }
        reloadAfterEdit(card)
    }

    private func reloadAfterEdit(_ card: Card) {
        do {
            let diagnostics = try context.data.reloadDecks()
            context.warnDeckErrors(in: diagnostics, all: true)
        } catch {
            context.error("could not reload the decks: \(error)")
            return
        }
        let cards = context.data.cards
        let byID = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bySource = Dictionary(cards.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        session.updateCards { old in byID[old.id] ?? bySource[old.source] }
        session.adoptRecords(from: context.data.records)
        shownCard = nil
        context.view.note("reloaded \(cards.count) cards")
    }
}

/// `:info`: where the card comes from, its state and memory, and its review history.
struct CardInfoView {
    let context: REPLContext

    func show(_ card: Card, session: ReviewSession) {
        let view = context.view
        let now = context.now()
        let data = context.data
        view.note("\(card.source)  id \(card.id)" + (card.tags.isEmpty ? "" : "  " + card.tags.map { "#" + $0 }.joined(separator: " ")))
        guard let record = session.records[card.id] else { view.note("new: never studied"); return }
        let s = record.schedule
        let calendar = data.calendar
        var facts = ["\(s.state)", "due \(calendar.dateString(day: calendar.dayNumber(s.due)))",
                     "reps \(s.reps)", "lapses \(s.lapses)"]
        if let m = s.memory {
            facts.append(String(format: "stability %.1fd", m.stability))
            facts.append(String(format: "difficulty %.1f", m.difficulty))
        }
        if let r = session.replay.scheduler(for: card.id).retrievability(of: s, at: now, calendar: calendar) {
            facts.append("retrievability now \(CardView.percent(r))")
        }
        if record.suspended { facts.append("suspended") }
        view.noteItems(facts)
        for entry in data.history(of: card.id).suffix(10) {
            let day = calendar.dateString(day: calendar.dayNumber(entry.time))
            let what = entry.event == .review ? (entry.rating?.description ?? "review") : entry.event.rawValue
            view.note("  \(day)  \(what)")
        }
    }
}
