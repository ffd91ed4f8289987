import Foundation
import RecallCore
import RecallStore

/// The shell's `add [DECK]` and the review session's `:add`: asks for the deck (TAB
/// completes it), the question and the answer, shows the card exactly as it will be written
/// and where (`Geography.tsv:31`), and saves it on `save? [Y/n/e]` (`e` saves, then opens
/// `$EDITOR` at the card). The shell already holds the collection's lock.
struct CardAdder {
    let context: REPLContext

    /// Runs the dialogue; `true` when a card was saved (the decks are then read again).
    @discardableResult
    func run(deck given: String?) -> Bool {
        let root = context.data.decksRoot
        let loaded = CollectionLoader.load(root: root)
        guard let name = given ?? readDeck(), !name.isEmpty else { return cancelled() }
        let target: DeckTarget
        switch DeckLocator.find(name, in: loaded) {
        case .success(let found): target = found
        case .failure(let refusal): return refused(refusal)
        }
        context.view.note("adding to \(TerminalText.sanitized(target.deck, keepingNewlines: false)) "
                          + "(\(TerminalText.sanitized(target.file, keepingNewlines: false))); an empty line ends the answer")
        let note: DeckNote
        switch readNote(deck: target.deck, collection: loaded.cards) {
        case .success(let read?): note = read
        case .success(nil): return cancelled()
        case .failure(let refusal): return refused(refusal)
        }
        let pending: PendingCard
        switch DeckFile.prepareAdding(note, to: target, root: root, collection: loaded.cards, force: false) {
        case .success(let card): pending = card
        case .failure(let refusal): return refused(refusal)
        }
        preview(pending)
        switch confirm() {
        case .no: return cancelled()
        case .yes: return save(pending, editing: false)
        case .edit: return save(pending, editing: true)
        }
    }

    /// `question>`, then `answer>` unless the question is a cloze; `nil` when the user gave up.
    /// A question already in the collection is refused before its answer is typed.
    private func readNote(deck: String, collection: [Card]) -> Result<DeckNote?, AddRefusal> {
        guard let question = readLines("question> ", continuation: nil), !question.isEmpty else { return .success(nil) }
        var answer: String?
        if !ClozeText.looksLikeCloze(question) {
            if let probe = try? CardWriter.note(question: question, answer: "-", cloze: nil, reversed: false,
                                                tags: [], deck: deck),
               let existing = DeckFile.duplicates(of: probe, in: collection).first {
                return .failure(AddRefusal([DeckFile.duplicate(existing, allRepeated: true)]))
            }
            guard let typed = readLines("answer> ", continuation: "      > "), !typed.isEmpty else { return .success(nil) }
            answer = typed
        }
        do {
            return .success(try CardWriter.note(question: answer == nil ? nil : question, answer: answer,
                                                cloze: answer == nil ? question : nil, reversed: false, tags: [], deck: deck))
        } catch {
            return .failure(AddRefusal(error.diagnostics))
        }
    }

    /// `deck>` with TAB completing deck names; words are read as the shell reads them.
    private func readDeck() -> String? {
        let saved = context.reader.completer
        context.reader.completer = Completer(commands: context.data.deckNames)
        defer { context.reader.completer = saved }
        guard case .line(let line) = context.read("deck> ") else { return nil }
        return CommandWords.split(line).joined(separator: " ")
    }

    /// One line after `prompt`; with a `continuation` prompt, lines up to an empty one.
    private func readLines(_ prompt: String, continuation: String?) -> String? {
        var lines: [String] = []
        while true {
            guard case .line(let line) = context.read(lines.isEmpty ? prompt : continuation ?? prompt) else { return nil }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            lines.append(line)
            if continuation == nil { break }
        }
        return lines.joined(separator: "\n")
    }

    /// `Geography.tsv:31` and the lines as they will be written.
    private func preview(_ pending: PendingCard) {
        let out = context.output
        out.line(out.styled(TerminalText.sanitized(pending.place.description, keepingNewlines: false), .cyan))
        for line in pending.addition.lines.drop(while: \.isEmpty) {
            out.line("  " + TerminalText.sanitized(line, keepingNewlines: false))
        }
    }

    private enum Answer { case yes, no, edit }

    private func confirm() -> Answer {
        while true {
            guard case .line(let line) = context.read("save? [Y/n/e] ") else { return .no }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "y", "yes": return .yes
            case "n", "no": return .no
            case "e", "edit": return .edit
            default: context.view.note("type y to save, n to drop the card, e to save and open it in $EDITOR")
            }
        }
    }

    private func save(_ pending: PendingCard, editing: Bool) -> Bool {
        do {
            try DeckFile.commit(pending, root: context.data.decksRoot)
        } catch {
            context.error(error.reason)
            for note in error.notes { context.view.note(note) }
            return false
        }
        context.view.note("added to \(TerminalText.sanitized(pending.place.description, keepingNewlines: false))")
        if editing { _ = Editor.open(pending.path, line: pending.addition.line, context: context) }
        do {
            let diagnostics = try context.data.reloadDecks()
            context.warnDeckErrors(in: diagnostics, all: true)
        } catch {
            context.error("could not reload the decks: \(error)")
        }
        return true
    }

    private func refused(_ refusal: AddRefusal) -> Bool {
        for diagnostic in refusal.diagnostics {
            let message = TerminalText.sanitized(diagnostic.location.map { "\($0): " } ?? "", keepingNewlines: false)
                + TerminalText.sanitized(diagnostic.message, keepingNewlines: false)
            if diagnostic.severity == .error { context.error(message) } else { context.view.note(message) }
            for note in diagnostic.notes { context.view.note(TerminalText.sanitized(note, keepingNewlines: false)) }
        }
        return false
    }

    private func cancelled() -> Bool {
        context.view.note("nothing added")
        return false
    }
}
