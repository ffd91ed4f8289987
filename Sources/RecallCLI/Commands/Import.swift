import ArgumentParser
import Foundation
import RecallAnki
import RecallCore
import RecallStore

extension Recall {
    /// `recall import FILE [--into DECKFILE] [--force]`: converts a deck into a Markdown deck file
    /// in the collection, skipping cards the collection already has.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a deck file or an Anki package (.apkg, .colpkg) into the collection.",
            discussion: """
                Reads FILE (plain .txt, Markdown .md, or .tsv/.csv as Anki exports them) and \
                writes its cards as a Markdown deck in the collection, leaving out cards the \
                collection already has. An existing deck file is only replaced with --force.

                An Anki package (.apkg, .colpkg) brings its decks as Markdown files (A::B \
                becomes A/B.md), its media under media/, and its review history, so every card \
                keeps its memory state. Importing the same package again adds nothing.

                Examples:
                  recall import ~/Downloads/spanish.tsv
                  recall import ~/Downloads/Spanish.apkg
                  recall import notes.txt --into Languages/Spanish.md
                  recall import spanish.csv --into Spanish.md --force
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("The file to import (.txt, .md, .tsv, .csv, or an Anki .apkg/.colpkg package).",
                                     valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp(
            "The deck file to write, relative to the collection (default: FILE's name with .md).",
            valueName: "deckfile"))
        var into: String?

        @Flag(name: .long, help: "Replace the deck file if it already exists.")
        var force = false

        @Option(name: .long, help: ArgumentHelp(
            "Anki packages: the most one unpacked file (collection or media file) may have, in MiB.",
            valueName: "MiB"))
        var maxFileSize = AnkiSizeLimits.defaultPerFileMiB

        @Option(name: .long, help: ArgumentHelp(
            "Anki packages: the most all unpacked files together may have, in MiB.", valueName: "MiB"))
        var maxTotalSize = AnkiSizeLimits.defaultTotalMiB

        func validate() throws {
            for (name, value) in [("--max-file-size", maxFileSize), ("--max-total-size", maxTotalSize)] {
                guard (1...(1 << 30)).contains(value) else {
                    throw ValidationError("\(name) must be a number of MiB from 1 to \(1 << 30), not \(value)")
                }
            }
            if let into {
                guard DeckName.fileExtension(into) == "md" else {
                    throw ValidationError("--into must name a Markdown deck file ending in '.md', not '\(into)'")
                }
                guard !into.hasPrefix("/"), !into.split(separator: "/").contains("..") else {
                    throw ValidationError("--into must be a path inside the collection, such as 'Languages/Spanish.md'")
                }
            }
        }

        /// The target file relative to the collection.
        var targetRelativePath: String {
            if let into { return into.split(separator: "/").joined(separator: "/") }
            let name = String(file.split(separator: "/").last ?? Substring(file))
            return DeckName.dropExtension(name) + ".md"
        }

        func run() throws {
            if Self.isAnkiPackage(file) { return try runAnki() }  // Import+Anki.swift
            let root = collection.decksDirectory()
            let relative = targetRelativePath
            let target = root.appendingPathComponent(relative)
            let shownTarget = root.relativePath.hasSuffix("/") ? root.relativePath + relative : root.relativePath + "/" + relative
            if !force, FileManager.default.fileExists(atPath: target.path) {
                throw CLIError("'\(shownTarget)' already exists",
                               hint: "use --force to replace it, or --into to write another deck file")
            }
            let progress = ImportProgress(file: file)
            progress.show(0.1, "reading")
            let deck = DeckName.forFile(relativePath: relative)
            let parsed = Self.read(file, deck: deck)
            let printer = DiagnosticPrinter.standardError(noColor: display.noColor)
            guard !parsed.hasErrors else {
                progress.clear()
                printer.print(parsed.diagnostics)
                throw ExitCode(1)
            }
            progress.show(0.5, "checking duplicates")
            let known = knownIDs(root: root, replacing: force ? relative : nil)
            let (notes, added, skipped) = parsed.newNotes(known: known)
            progress.show(0.8, "writing")
            if added > 0 {
                do {
                    try DeckFile.write(bytes: MarkdownDeckWriter.renderBytes(notes, deck: deck), to: target.path)
                } catch {
                    progress.clear()
                    throw CLIError(error.reason, hint: error.notes.first)
                }
            }
            progress.clear()
            printer.print(parsed.diagnostics)
            print(Self.report(file: file, target: shownTarget, added: added, skipped: skipped))
            KeptUntilExit.keep((parsed, notes))  // the process exit frees them at once
        }

        /// The closing line: what was imported, or why nothing was.
        static func report(file: String, target: String, added: Int, skipped: Int) -> String {
            switch (added, skipped) {
            case (0, 0): return "nothing to import: '\(file)' has no cards"
            case (0, 1): return "nothing to import: the card in '\(file)' is already in the collection"
            case (0, _): return "nothing to import: all \(skipped) cards in '\(file)' are already in the collection"
            case (_, 0): return "imported \(DeckWords.count(added, "card")) into \(target)"
            default:
                return "imported \(DeckWords.count(added, "card")) into \(target) (\(skipped) skipped as duplicate\(skipped == 1 ? "" : "s"))"
            }
        }

        /// Reads the file to import, chosen by its extension. New importers (such as Anki's
        /// `.apkg`) add a case here that returns their notes as a ``ParsedDeck``.
        static func read(_ file: String, deck: String) -> ParsedDeck {
            switch DeckName.fileExtension(file) {
            default:
                // .txt, .md, .tsv, .csv; anything else gets the "not a deck format" error.
                return DeckFile.load(path: file, displayPath: file, deck: deck, makingCards: false)
            }
        }

        /// The ids of the cards already in the collection, leaving out the file to be replaced.
        private func knownIDs(root: URL, replacing relative: String?) -> CardIDSet {
            guard CollectionLoaderAccess.isFolder(root.path) else { return CardIDSet() }
            let loaded = CollectionLoader.load(root: root)
            var ids = CardIDSet(minimumCapacity: loaded.cards.count)
            for card in loaded.cards where card.source.file != relative { ids.insert(card.id) }
            return ids
        }
    }
}
