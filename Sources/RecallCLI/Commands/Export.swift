import ArgumentParser
import Foundation
import RecallAnki
import RecallCore
import RecallStore

extension Recall {
    /// `recall export --anki FILE.txt [DECK|#TAG]...`: writes notes as a text file Anki imports;
    /// `recall export --apkg FILE.apkg [DECK|#TAG]...`: an Anki package with the scheduling and
    /// the review history (``Export/runPackage()``).
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write decks for Anki: a text file, or a package with the review history.",
            discussion: """
                With --apkg, writes an Anki package (.apkg) that Anki imports as it imports its \
                own: the notes (Basic, Basic (and reversed card), Cloze; Markdown rendered to \
                HTML), decks and sub-decks, tags, the media files the cards show, each card's \
                scheduling and FSRS memory state, and the review history (one Anki review per \
                answer). In Anki: File > Import, with 'Import any learning progress' on.

                With --anki, writes the notes of the collection (or of the given decks, with their subdecks, \
                and #tags) to FILE, tab-separated with HTML fields and the header lines Anki's \
                File > Import reads: note type (Basic, Basic (and reversed card) or Cloze), \
                tags and deck columns. Markdown decks are rendered to the HTML Anki shows \
                (emphasis, code, fenced code blocks as <pre>); text of other decks is escaped. \
                An existing FILE is replaced only with --force. Review history is not exported.

                Examples:
                  recall export --anki all.txt
                  recall export --anki all.txt --force        replace last week's export
                  recall export --anki spanish.txt Languages::Spanish
                  recall export --anki verbs.txt '#verbs'
                  recall export --apkg all.apkg
                  recall export --apkg spanish.apkg Languages::Spanish
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Option(name: .long, help: ArgumentHelp("The text file to write for Anki.", valueName: "file"))
        var anki: String?

        @Option(name: .long, help: ArgumentHelp("The Anki package to write, with scheduling and review history.",
                                                valueName: "file"))
        var apkg: String?

        @Flag(name: .long, help: "Replace FILE if it already exists.")
        var force = false

        @Argument(help: ArgumentHelp("Decks (with their subdecks) or #tags to export; all when none.",
                                     valueName: "deck|#tag"))
        var selection: [String] = []

        func validate() throws {
            switch (anki, apkg) {
            case (nil, nil): throw ValidationError("give --apkg FILE.apkg (an Anki package) or --anki FILE.txt (a text file)")
            case (.some, .some): throw ValidationError("--anki and --apkg cannot be used together: export one at a time")
            default: break
            }
            if let anki, anki.isEmpty || anki.hasSuffix("/") {
                throw ValidationError("--anki needs a file name, such as 'deck.txt'")
            }
            if let apkg, apkg.isEmpty || apkg.hasSuffix("/") {
                throw ValidationError("--apkg needs a file name, such as 'deck.apkg'")
            }
        }

        func run() throws {
            if apkg != nil { return try runPackage() }
            guard let anki else { return }
            let (_, notes) = try selectedNotes(file: anki, option: "--anki")
            do {
                try DeckFile.write(AnkiTextExport.render(notes), to: anki)
            } catch {
                throw CLIError(error.reason, hint: error.notes.first)
            }
            let cards = notes.reduce(0) { $0 + $1.note.cards(file: "").count }
            print("exported \(ankiCount(notes.count, "note")) (\(ankiCount(cards, "card"))) to \(anki)")
        }

        /// The collection folder and the notes to export, after checking that `file` may be
        /// written (it exists only with --force) and that the selection has notes.
        func selectedNotes(file: String, option: String) throws -> (URL, [AnkiTextExport.Item]) {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else {
                throw collection.missingFolder(root)
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                let example = option == "--apkg" ? "all.apkg" : "all.txt"
                throw CLIError("'\(file)' is a folder; nothing was written",
                               hint: "give \(option) a file name, such as '\(file)/\(example)'")
            }
            if !force, FileManager.default.fileExists(atPath: file) {
                throw CLIError("'\(file)' already exists; nothing was written",
                               hint: "use --force to replace it, or give \(option) another file name")
            }
            let notes = Self.notes(root: root).filter { Self.matches($0.note, selection) }
            guard !notes.isEmpty else {
                let what = selection.isEmpty ? "the collection" : selection.map { "'\($0)'" }.joined(separator: ", ")
                throw CLIError("no cards to export in \(what)", hint: "run 'recall decks' to see the decks")
            }
            return (root, notes)
        }

        /// Every note of every deck file, in collection order, marked when it is Markdown.
        static func notes(root: URL) -> [AnkiTextExport.Item] {
            let files = CollectionLoader.load(root: root).files
            return files.flatMap { file in
                let isMarkdown = DeckFormat(fileExtension: (file as NSString).pathExtension) == .markdown
                return DeckFile.load(path: root.path + "/" + file, displayPath: file,
                                     deck: DeckName.forFile(relativePath: file)).notes
                    .map { AnkiTextExport.Item(note: $0, isMarkdown: isMarkdown) }
            }
        }

        /// In one of the decks (or below) or with one of the tags; all when no selection.
        static func matches(_ note: DeckNote, _ selection: [String]) -> Bool {
            guard !selection.isEmpty else { return true }
            let deck = note.deck.lowercased()
            return selection.contains { item in
                let s = item.lowercased()
                if s.hasPrefix("#") { return note.tags.contains { $0.lowercased() == s.dropFirst() } }
                return deck == s || deck.hasPrefix(s + "::")
            }
        }
    }
}
