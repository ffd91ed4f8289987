import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall check [PATH...] [--json]`: validates deck files without writing anything.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate deck files and report every problem.",
            discussion: """
                Reads the collection (or the files and folders given) and prints each problem \
                as 'file:line: error|warning: message' with a hint, then a one-line summary. \
                When checking the whole collection it also lines the decks up with your \
                progress: cards with a review history that are in no deck now (orphans; their \
                history is kept) and possible edits that were not recognised for sure. \
                Exits 1 when there are errors. Nothing is written anywhere.

                Examples:
                  recall check                      check the whole collection
                  recall check Decks/Swift.md       check one deck file
                  recall check --json Decks | jq '.cards | length'
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .long, help: "Print every card and problem as JSON on standard output.")
        var json = false

        @Argument(help: ArgumentHelp("Deck files or folders to check (default: the collection).",
                                     valueName: "path"))
        var paths: [String] = []

        func run() throws {
            let root = collection.decksDirectory()
            var targets = paths
            if targets.isEmpty {
                guard CollectionLoaderAccess.isFolder(root.path) else {
                    throw collection.missingFolder(root, alternatives: "pass deck files to check")
                }
                targets = [root.relativePath]
            }
            var loaded = CollectionLoader.load(paths: targets, collectionRoot: root)
            if paths.isEmpty { loaded.diagnostics += progressDiagnostics(cards: loaded.cards) }
            loaded.diagnostics += MediaFile.diagnostics(for: loaded.cards, decksRoot: root.path)
            if json {
                try printJSON(loaded)
            } else {
                DiagnosticPrinter.standardError(noColor: display.noColor).print(loaded.diagnostics)
                print(Self.summary(loaded))
            }
            KeptUntilExit.keep(loaded)
            if loaded.errorCount > 0 { throw ExitCode(1) }
        }

        /// `checked 4 decks, 112 cards: no problems` or `…: 2 errors, 1 warning`.
        static func summary(_ loaded: LoadedCollection) -> String {
            let head = "checked \(DeckWords.count(loaded.files.count, "deck")), \(DeckWords.count(loaded.cards.count, "card"))"
            var problems: [String] = []
            if loaded.errorCount > 0 { problems.append(DeckWords.count(loaded.errorCount, "error")) }
            if loaded.warningCount > 0 { problems.append(DeckWords.count(loaded.warningCount, "warning")) }
            return head + ": " + (problems.isEmpty ? "no problems" : problems.joined(separator: ", "))
        }

        private func printJSON(_ loaded: LoadedCollection) throws {
            let report = CheckReport(loaded)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(report)
            data.append(0x0A)
            Console.json(data)
        }
    }
}

/// `3 cards`, `1 card`; other commands use it too.
func plural(_ count: Int, _ noun: String) -> String { DeckWords.count(count, noun) }

/// Wording shared by the deck commands.
enum DeckWords {
    /// `3 cards`, `1 card`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

/// Folder test shared by the deck commands.
enum CollectionLoaderAccess {
    static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// The `--json` shape of `recall check`.
struct CheckReport: Encodable {
    struct CardEntry: Encodable {
        var id, deck, question, answer, source: String
        var tags: [String]
    }

    struct Problem: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
        var hint: String?
    }

    var cards: [CardEntry]
    var errors: [Problem]
    var warnings: [Problem]

    init(_ loaded: LoadedCollection) {
        cards = loaded.cards.map {
            CardEntry(id: $0.id.description, deck: $0.deck, question: $0.question, answer: $0.answer,
                      source: $0.source.description, tags: $0.tags)
        }
        func problem(_ d: Diagnostic) -> Problem {
            Problem(file: d.location?.file, line: d.location?.line, column: d.column, message: d.message,
                    hint: d.notes.isEmpty ? nil : d.notes.joined(separator: " "))
        }
        errors = loaded.diagnostics.filter { $0.severity == .error }.map(problem)
        warnings = loaded.diagnostics.filter { $0.severity == .warning }.map(problem)
    }
}
