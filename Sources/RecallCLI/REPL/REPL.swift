import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// The study shell: a greeting with today's counts, then commands until `quit` or Ctrl-D.
///
/// `review` and `quiz` run here; `stats`, `decks`, `check` and `config` are handed to the
/// real subcommands through ``delegate``, so they behave exactly as on the command line.
final class REPL {
    /// Shell commands, in the order `help` lists them, with a one-line summary each.
    static let commands: [(name: String, usage: String, summary: String)] = [
        ("review", "review [DECK|#TAG|QUERY]... [--ahead N|--failed|--new N|--lowest-r N]",
         "study what is due today (all decks when none given), or a custom session"),
        ("quiz", "quiz [TOPIC|QUERY]... [--count N] [--mode flip|typed|choice] [--record] [--seed N]", "quiz yourself on a topic"),
        ("stats", "stats [DECK|#TAG] [--json] [--ascii]", "how you are doing"),
        ("decks", "decks", "decks with today's new / learning / due counts"),
        ("add", "add [DECK]", "add a card to a deck: asks for the question and answer, shows it, saves it"),
        ("cards", "cards [QUERY]... [--sort KEY] [--limit N] [--json|--ids] [--suspend|--forget|--set-due DAYS|...]",
         "find cards with a search query; list, suspend, bury, forget or reschedule them"),
        ("postpone", "postpone [QUERY]... [--days N] [--dry-run|--undo]", "spread the reviews due today over the next days"),
        ("advance", "advance [QUERY]... [--count N] [--dry-run|--undo]", "make some cards that are not due yet due today"),
        ("break", "break FROM TO [QUERY]... | --list | --cancel ID|FROM", "plan days off: move their reviews before or after"),
        ("check", "check [PATH]...", "validate deck files"),
        ("config", "config [KEY [VALUE]]", "show or change a setting"),
        ("help", "help [COMMAND]", "this list, or help on one command"),
        ("quit", "quit", "leave (Ctrl-D works too); everything is already saved"),
    ]

    let context: REPLContext
    /// Runs a delegated subcommand (`stats`, `decks`, `check`, `config`) with its words.
    let delegate: (_ command: String, _ arguments: [String]) -> Void

    init(context: REPLContext, delegate: @escaping (String, [String]) -> Void) {
        self.context = context
        self.delegate = delegate
    }

    /// Greets, then reads and runs commands until `quit` or end of input.
    func run() {
        updateCompletion()
        greet()
        while true {
            switch context.read("recall> ") {
            case .end: return
            case .interrupted: continue
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                context.reader.remember(trimmed)
                if !execute(trimmed) || stopsAfterFailedSave { return }
            }
        }
    }

    /// Runs one command line; `false` when the shell should end.
    @discardableResult
    func execute(_ line: String) -> Bool {
        let words = CommandWords.split(line)
        guard let name = words.first else { return true }
        let args = Array(words.dropFirst())
        switch name {
        case "quit", "exit", ":quit", ":q": return false
        case "review":
            refreshDecks()
            review(args)
        case "quiz":
            refreshDecks()
            quiz(args)
        case "add":
            refreshDecks()
            if CardAdder(context: context).run(deck: args.isEmpty ? nil : args.joined(separator: " ")) {
                updateCompletion()
            }
        case "help", "?": help(args.first)
        case "stats", "decks", "check", "config", "cards", "postpone", "advance", "break":
            delegate(name, args)
            if name == "config" || name == "check" { updateCompletion() }
        default:
            context.error("unknown command '\(name)'")
            if let close = REPL.closestCommand(to: name) {
                context.view.note("did you mean '\(close)'?")
            } else {
                context.view.note("commands: " + REPL.commands.map(\.name).joined(separator: ", ") + "; try 'help'")
            }
        }
        return true
    }

    /// Reads the deck files again before a command that works on the cards, so that a deck
    /// edited while the shell is open (a card reworded, fixed, deleted or moved) is what it
    /// sees, as the delegated commands (`decks`, `stats`, `cards`) do: an edited question
    /// keeps its progress (noted as at the start) and a deleted card is shown no more.
    func refreshDecks() {
        do {
            let diagnostics = try context.data.reloadDecks()
            for d in diagnostics where d.severity == .note { context.view.note(TerminalText.sanitized(d.headline, keepingNewlines: false)) }
            context.warnDeckErrors(in: diagnostics, all: false)
        } catch {
            context.error("could not reload the decks: \(error)")
        }
        updateCompletion()
    }

    /// The shell command closest to a mistyped `word` (at most two edits away), as the
    /// command line suggests for `recall revue`.
    static func closestCommand(to word: String) -> String? {
        let names = commands.map(\.name)
        guard let close = names.min(by: { RecallCLI.distance($0, word) < RecallCLI.distance($1, word) }),
              RecallCLI.distance(close, word) <= 2 else { return nil }
        return close
    }

    /// Points TAB completion at the current decks and tags, shell commands first.
    func updateCompletion() {
        context.reader.completer = Completer(
            commands: REPL.commands.map(\.name), decks: context.data.deckNames,
            tags: context.data.tagNames, configKeys: REPL.configKeys,
            sessionCommands: ReviewRunner.sessionCommands)
    }

    /// Setting names offered after `config`.
    static let configKeys = SettingKey.all.map(\.name)

    private func review(_ args: [String]) {
        let parsed: ReviewArguments
        do { parsed = try ReviewArguments.parse(args) } catch {
            context.error(ReviewArguments.message(for: error))
            return
        }
        let plan: ReviewQueue.Plan
        do {
            guard let built = try ReviewQueue.build(context: context, arguments: parsed) else { return }
            plan = built
        } catch {
            context.error(error.rendered(query: error.query))
            if let hint = error.error.hint { context.view.note(hint) }
            return
        }
        _ = ReviewRunner(context: context, queue: plan.cards, label: plan.label, scope: plan.scope,
                         learnAheadMinutes: plan.learnAheadMinutes).run()
    }

    /// Whether to stop reading commands: a script whose answer could not be saved must not
    /// carry on as if it had been.
    var stopsAfterFailedSave: Bool { context.saveFailed && !context.reader.isInteractive }

    private func quiz(_ args: [String]) {
        let parsed: QuizArguments
        do { parsed = try QuizArguments.parse(args) } catch {
            context.error(QuizArguments.message(for: error))
            return
        }
        QuizRunner(context: context, arguments: parsed)?.run()
    }

    private func help(_ command: String?) {
        let out = context.output
        if let command {
            guard let entry = REPL.commands.first(where: { $0.name == command }) else {
                context.error("no command '\(command)'")
                return
            }
            for line in TextWrapper.wrap("  " + out.styled(entry.usage, .bold), width: out.width, indent: 4) { out.line(line) }
            out.wrapped("  " + entry.summary, indent: 2)
            if command == "review" { out.line(ReviewRunner.helpText.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")) }
            return
        }
        // Usage in a column, summary beside it (or under a long usage), both wrapped at
        // word breaks with hanging indents, so that the list reads at 80 columns.
        let column = 24, indent = String(repeating: " ", count: column + 4)
        for entry in REPL.commands {
            let usage = out.styled(entry.usage, .bold)
            var summary = TextWrapper.wrap(entry.summary, width: max(20, out.width - indent.count))
            if TextWidth.of(entry.usage) > column {
                for line in TextWrapper.wrap("  " + usage, width: out.width, indent: 4) { out.line(line) }
            } else {
                out.line("  " + usage + String(repeating: " ", count: column + 2 - TextWidth.of(entry.usage)) + summary.removeFirst())
            }
            for line in summary { out.line(indent + line) }
        }
    }

    /// `Recall: 3 decks, 64 cards.` then one line per deck with today's counts.
    func greet() {
        let out = context.output
        let data = context.data
        let allDecks = data.deckNames
        out.line(out.styled("Recall", .bold) + " — \(allDecks.count) deck\(allDecks.count == 1 ? "" : "s"), \(data.cards.count) cards. Today:")
        // In a large collection, greet with the top-level decks only ('decks' lists the rest).
        let decks = Array((data.cards.count > REPL.greetAllLevelsUpTo ? allDecks.filter { !$0.contains("::") } : allDecks)
            .prefix(REPL.greetedDecks))
        let counts = REPL.counts(for: decks, data: data, now: context.now())
        // With several decks, a total of what today's limits serve (decks' counts overlap
        // when a collection-wide limit is shared, so they are not summed).
        let total = decks.count > 1 ? QueueCounts(Queue(cards: data.cards, records: data.records, settings: data.settings,
                                                        calendar: data.calendar, now: context.now())) : nil
        let nameWidth = min(32, (decks.map { TextWidth.of(REPL.indentedName($0)) } + (total == nil ? [] : [5])).max() ?? 0)
        let row = { (name: String, c: QueueCounts) in
            out.line("  " + TextWidth.padded(name, to: nameWidth) + "  "
                     + out.styled(String(format: "%4d new", c.new), .blue) + "  "
                     + out.styled(String(format: "%4d learning", c.learning), .red) + "  "
                     + out.styled(String(format: "%4d due", c.review), .green))
        }
        for deck in decks { row(REPL.indentedName(deck), counts[deck] ?? QueueCounts()) }
        if let total { row("Total", total) }
        if decks.isEmpty { out.line("  no decks yet: put .txt, .md or .tsv files in \(data.decksRoot.path)") }
        for warning in UnmatchedPresetWarning.diagnostics(data.settings, decks: allDecks) {
            for line in warning.rendered.split(separator: "\n") { out.wrapped(String(line)) }
        }
        if let announcement = context.announcement { out.line(announcement) }
        if let backlog = BacklogNote.text(data, now: context.now()) { out.wrapped(backlog) }
        out.line(out.styled("Type 'review' to start, 'help' for commands.", .dim))
    }

    /// The greeting lists at most this many decks.
    static let greetedDecks = 30

    /// Above this many cards the greeting shows only top-level decks.
    static let greetAllLevelsUpTo = 20_000

    /// Today's counts for each of `decks` (a deck's include its sub-decks and respect its limits).
    static func counts(for decks: [String], data: StudyData, now: Date) -> [String: QueueCounts] {
        QueueCounts.perDeck(cards: data.cards, records: data.records, settings: data.settings,
                            calendar: data.calendar, now: now, decks: decks)
    }

    /// `History::Gaza` → `  Gaza` (two spaces per level).
    static func indentedName(_ deck: String) -> String {
        let parts = deck.components(separatedBy: "::")
        return String(repeating: "  ", count: parts.count - 1) + TerminalText.sanitized(parts.last ?? deck, keepingNewlines: false)
    }
}
