import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall add DECK --question Q --answer A`: writes one card into a deck file, in the
    /// file's own format.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a card to a deck file.",
            discussion: """
                Writes the card into DECK's file in that file's own format: a block in a .txt \
                deck, a 'question :: answer' line or a Q:/A: block under the deck's heading in a \
                .md deck, a quoted row in a .tsv or .csv deck. Every other byte of the file is \
                kept. DECK is a deck name as 'recall decks' lists it ('World News::US and \
                Hamas', 'Swift::Closures'; any case) or a deck file's path in the collection.

                Nothing is written to a deck file with errors, and a card already in the \
                collection (the same question, in any deck) is refused with its place. An \
                answer of '-' is read from standard input. The shell's 'add' asks for the card \
                instead.

                Examples:
                  recall add Geography -q 'Capital of Chile?' -a Santiago --tags capitals
                  recall add Swift::Closures -q 'What does [weak self] do?' -a 'weak capture'
                  recall add Swift --cloze 'Swift was announced in {{c1::2014}}.'
                  recall add Swift -q chat -a cat --reversed
                  fortune | recall add Quotes -q 'Who said it?' -a -
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The deck to add to (see 'recall decks'; create one with 'recall new').",
                                     valueName: "deck"))
        var deck: String

        // Unconditional: card text may start with '-' ('-1', '- item'), and is never an option.
        @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("The question side.", valueName: "text"))
        var question: String?

        @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("The answer side; '-' reads it from standard input.",
                                                          valueName: "text"))
        var answer: String?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A cloze card instead: text with {{c1::deletions}}; '-' reads standard input.",
                                                valueName: "text"))
        var cloze: String?

        @Option(name: .long, help: ArgumentHelp("Tags, separated by commas (.md decks, .tsv/.csv decks with a tags column).",
                                                valueName: "t1,t2"))
        var tags: String?

        @Flag(name: .long, help: "Also ask the answer for the question (a two-way card; .md decks).")
        var reversed = false

        @Flag(name: .long, help: "Add a two-way card even though one of its sides is already in the collection.")
        var force = false

        func validate() throws {
            if cloze != nil {
                guard question == nil, answer == nil, !reversed else {
                    throw ValidationError("--cloze makes the whole card: leave out --question, --answer and --reversed")
                }
            } else {
                guard question != nil, answer != nil else {
                    throw ValidationError("give the card as --question TEXT --answer TEXT, or as --cloze TEXT")
                }
            }
        }

        func run() throws {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else { throw collection.missingFolder(root) }
            let printer = DiagnosticPrinter.standardError(noColor: display.noColor)
            let location = StoreLocation(dataDirectory: collection.dataDirectory().path, decksDirectory: root.path)
            let lock: CollectionLock
            do { lock = try CollectionLock.take(location) } catch {
                var diagnostic = error.diagnostic
                if diagnostic.message.contains("in use") { diagnostic.notes.append("in the study shell, 'add' adds a card too; during a review, ':add'") }
                printer.print([diagnostic])
                throw ExitCode(1)
            }
            defer { lock.release() }
            let loaded = CollectionLoader.load(root: root, cache: DeckCache(folder: location.folder))
            do {
                let target = try DeckLocator.find(deck, in: loaded).get()
                let note = try makeNote(deck: target.deck)
                let pending = try DeckFile.prepareAdding(note, to: target, root: root, collection: loaded.cards,
                                                         force: force).get()
                try DeckFile.commit(pending, root: root)
                print(Self.report(pending))
            } catch let refusal as AddRefusal {
                printer.print(refusal.diagnostics)
                throw ExitCode(1)
            } catch let error as StoreError {
                printer.print([error.diagnostic])
                throw ExitCode(1)
            }
        }

        /// The note from the options, standard input read for a `-`.
        private func makeNote(deck: String) throws -> DeckNote {
            let input = answer == "-" || cloze == "-" ? Self.standardInput() : nil
            do {
                return try CardWriter.note(question: question, answer: answer == "-" ? input : answer,
                                           cloze: cloze == "-" ? input : cloze, reversed: reversed,
                                           tags: (tags ?? "").split(separator: ",").map(String.init), deck: deck)
            } catch {
                throw AddRefusal(error.diagnostics)
            }
        }

        private static func standardInput() -> String {
            String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }

        /// `added 1 card to Geography at Geography.tsv:31`.
        static func report(_ pending: PendingCard) -> String {
            let count = pending.addition.note.cardCount - pending.duplicates.count
            return "added \(DeckWords.count(count, "card")) to \(TerminalText.sanitized(pending.target.deck, keepingNewlines: false))"
                + " at \(TerminalText.sanitized(pending.place.description, keepingNewlines: false))"
        }
    }
}
