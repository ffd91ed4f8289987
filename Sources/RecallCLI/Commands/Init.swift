import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall init [DIR]`: a new deck folder with one example deck per format.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a deck folder with an example deck in each format.",
            discussion: """
                Creates DIR (default: the collection folder Recall would use, see --decks) \
                with three short example decks: plain text (.txt), Markdown (.md) and a \
                tab-separated table (.tsv), then says what to do next. Edit them or add your \
                own files next to them. DIR must be new or empty; nothing is ever overwritten.

                Examples:
                  recall init                  the default collection folder
                  recall init ~/flashcards     then: recall --decks ~/flashcards
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir"))
        var folder: String?

        func run() throws {
            let target = folder.map { URL(fileURLWithPath: $0) } ?? collection.decksDirectory()
            let shown = folder ?? target.relativePath
            if let existing = try? FileManager.default.contentsOfDirectory(atPath: target.path) {
                guard existing.filter({ !$0.hasPrefix(".") }).isEmpty else {
                    throw CLIError("'\(shown)' already holds files; nothing was written",
                                   hint: "give 'recall init' a new or empty folder")
                }
            } else if FileManager.default.fileExists(atPath: target.path) {
                throw CLIError("'\(shown)' exists and is not a folder")
            }
            for file in StarterDecks.files {
                do {
                    try DeckFile.write(file.text, to: target.appendingPathComponent(file.name).path)
                } catch {
                    throw CLIError(error.reason, hint: error.notes.first)
                }
            }
            print(Self.report(folder: shown, option: usesDefault(target) ? nil : shown))
        }

        /// Whether plain `recall` (without `--decks`) finds `target`.
        private func usesDefault(_ target: URL) -> Bool {
            var defaults = collection
            defaults.decks = nil
            return defaults.decksDirectory().standardizedFileURL.path == target.standardizedFileURL.path
        }

        /// What was made and what to do next; `option` is the `--decks` value the next
        /// commands need (nil when Recall finds the folder by itself).
        static func report(folder: String, option: String?) -> String {
            let names = StarterDecks.files.map { "\(folder)/\($0.name)" }
            let width = names.map { TextWidth.of($0) }.max() ?? 0
            var lines = ["created \(folder) with \(StarterDecks.files.count) example decks:"]
            for (name, file) in zip(names, StarterDecks.files) {
                lines.append("  " + TextWidth.padded(name, to: width) + "  " + file.summary)
            }
            let decks = option.map { " --decks " + CommandWords.quoted($0) } ?? ""
            let steps = [("recall\(decks)", "open the study shell, then type 'review'"),
                         ("recall check\(decks)", "check the decks after you edit them")]
            let stepWidth = steps.map { TextWidth.of($0.0) }.max() ?? 0
            lines.append("next:")
            for (command, what) in steps {
                lines.append("  " + TextWidth.padded(command, to: stepWidth) + "  " + what)
            }
            if option != nil {
                lines.append("  (or set RECALL_DECKS=\(CommandWords.quoted(folder)) to leave out --decks)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
