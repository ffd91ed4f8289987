import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall new DECK [--format txt|md|tsv]`: creates an empty deck file.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Create a new deck file.",
            discussion: """
                Creates DECK's file in the collection: levels joined by '::' become folders \
                ('Languages::Spanish' is Languages/Spanish.md). A Markdown deck starts with a \
                title and a line on how to write cards, a .tsv deck with its header lines, a \
                .txt deck empty. An existing deck is never overwritten.

                Examples:
                  recall new Spanish
                  recall new Languages::Spanish --format tsv
                  recall new 'World News::Elections' --format txt
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case txt, md, tsv
        }

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The new deck's name.", valueName: "deck"))
        var deck: String

        @Option(name: .long, help: ArgumentHelp("The file format: txt, md or tsv.", valueName: "format"))
        var format: Format = .md

        func run() throws {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else { throw collection.missingFolder(root) }
            let relative: String
            do { relative = try NewDeck.relativePath(deck: deck, fileExtension: format.rawValue) } catch {
                throw CLIError(error.message, hint: error.hint)
            }
            let printer = DiagnosticPrinter.standardError(noColor: display.noColor)
            let location = StoreLocation(dataDirectory: collection.dataDirectory().path, decksDirectory: root.path)
            let lock: CollectionLock
            do { lock = try CollectionLock.take(location) } catch {
                printer.print([error.diagnostic])
                throw ExitCode(1)
            }
            defer { lock.release() }
            let loaded = CollectionLoader.load(root: root, cache: DeckCache(folder: location.folder))
            if case .success(let existing) = DeckLocator.find(deck, in: loaded) {
                throw CLIError("the deck '\(existing.deck)' already exists in '\(existing.file)'; nothing was written",
                               hint: "add cards to it with 'recall add \(CommandWords.quoted(existing.deck)) ...'")
            }
            let path = root.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path) {
                throw CLIError("'\(relative)' already exists; nothing was written")
            }
            let deckName = DeckName.forFile(relativePath: relative)
            let format = DeckFormat(fileExtension: self.format.rawValue) ?? .markdown
            do {
                try CollectionBoundary.checkWrite(to: path, inside: root.path)
                try DeckFile.write(NewDeck.text(deck: deckName, format: format), to: path)
            } catch {
                printer.print([error.diagnostic])
                throw ExitCode(1)
            }
            let shown = TerminalText.sanitized(relative, keepingNewlines: false)
            print("created \(shown) for the deck '\(TerminalText.sanitized(deckName, keepingNewlines: false))'")
            print("next: recall add \(CommandWords.quoted(deckName)) --question TEXT --answer TEXT")
        }
    }
}
