import ArgumentParser
import Foundation
import RecallAnki
import RecallCore
import RecallStore

extension Recall.Export {
    /// Writes the selected notes as an Anki package with each card's scheduling and the
    /// review history, replayed from the progress store (opened read-only).
    func runPackage() throws {
        guard let apkg else { return }
        let (root, notes) = try selectedNotes(file: apkg, option: "--apkg")
        let interrupts = Recall.Import.removingTemporaryFilesOnInterrupt(
            alsoRemoving: [AnkiPackageWriter.temporaryPath(for: apkg)])
        defer { interrupts.forEach { $0.cancel() } }
        let store = try StoreAccess.open(collection, forWriting: false)
        let now = Clock.now()
        let cards = notes.flatMap { $0.note.cards(file: "") }
        // Edited questions keep their progress here too (in memory, as `recall decks` does).
        _ = try? store.reconcile(with: cards, now: now)
        let log = try StoreAccess.reporting { try store.loadEntries() }
        let contents = AnkiPackageBuilder.build(notes, log: log, replay: store.replay, now: now)
        // A missing folder is made, as for the text export (`DeckFile.write`).
        try Self.makeFolders((apkg as NSString).deletingLastPathComponent)
        let result: AnkiPackageWriter.Result
        do {
            result = try AnkiPackageWriter.write(contents, collectionRoot: root, to: apkg, replace: force)
        } catch {
            throw CLIError(error.message, hint: error.hint)
        }
        for missing in result.missingMedia {
            let name = TerminalText.sanitized(missing, keepingNewlines: false)
            Console.err("\(apkg): warning: the media file '\(name)' is not in the collection; cards show it as missing\n")
        }
        let answers = contents.revlog.filter { $0.ease > 0 }.count
        var line = "exported \(ankiCount(contents.notes.count, "note")) (\(ankiCount(contents.cards.count, "card"))) "
            + "and \(ankiCount(answers, "review")) of history"
        if result.mediaPacked > 0 { line += " with \(ankiCount(result.mediaPacked, "media file"))" }
        print(line + " to \(apkg)")
    }

    /// Makes `path` and the folders above it that are missing; the error gives the system's reason.
    private static func makeFolders(_ path: String) throws {
        var info = stat()
        guard !path.isEmpty, stat(path, &info) != 0 else { return }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path { try makeFolders(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw CLIError("cannot create the folder '\(path)': \(String(cString: strerror(errno)).lowercased())")
        }
    }
}
