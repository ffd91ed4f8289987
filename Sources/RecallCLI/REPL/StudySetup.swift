@preconcurrency import Glibc
import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// Opens everything a study command needs (locale, reader, output, decks, progress) and
/// closes it again; shared by `recall`, `recall review` and `recall quiz`.
enum StudySetup {
    /// Opens the collection (read-only for work that records nothing, which then needs no
    /// lock). Throws ``CLIError`` (exit 1) when the progress cannot be opened.
    static func open(_ collection: CollectionOptions, display: DisplayOptions,
                     forWriting: Bool = true) throws -> REPLContext {
        Terminal.setUpLocale()
        let dataDirectory = collection.dataDirectory()
        let decksRoot = collection.decksDirectory()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: decksRoot.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw collection.missingFolder(decksRoot)
        }
        let data: StoreStudyData
        do {
            data = try StoreStudyData(decksRoot: decksRoot, dataDirectory: dataDirectory,
                                      timeZone: Clock.timeZone, now: Clock.now(), forWriting: forWriting)
        } catch let error as StoreError {
            DiagnosticPrinter.standardError(noColor: display.noColor).print([error.diagnostic])
            throw ExitCode(1)
        }
        // A writer records the edits it carries over, once; read-only work carries them silently.
        DiagnosticPrinter.standardError(noColor: display.noColor)
            .print(data.store.notices + (forWriting ? data.carriedEdits : [])
                   + data.deckDiagnostics.filter { $0.severity == .warning && $0.location == nil })
        let errors = data.deckDiagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            Console.err("note: \(errors) error\(errors == 1 ? "" : "s") in deck files; run '\(TypedCommand.text("check"))' for details\n")
        }
        let history = dataDirectory.appendingPathComponent("history")
        // No history through a link out of the data folder (libedit would write there).
        let escapes = CollectionBoundary.escape(of: history.path, inside: dataDirectory.path) != nil
        let reader = makeReader(historyFile: escapes ? nil : history)
        let output = Output.standard(noColorFlag: display.noColor)
        let context = REPLContext(reader: reader, output: output, now: Clock.now, data: data)
        context.toldDeckErrors = Set(data.deckDiagnostics.filter { $0.severity == .error })
        if forWriting { context.sessionMark = SessionMark.session(in: data.store.location.folder) }
        let environment = ProcessInfo.processInfo.environment
        // Images are drawn only on a terminal: RECALL_IMAGES picks the protocol there, but a
        // pipe or a file (a log, `| tee`) gets the text line, as it gets no colour.
        let graphics = Terminal.stdoutIsTerminal
            ? InlineImage.detect(environment: environment, sixelAvailable: SixelEncoder.isAvailable) : nil
        context.media = CardMedia(decksRoot: decksRoot, graphics: graphics, autoplay: data.settings.autoplay,
                                  environment: environment)
        return context
    }

    /// libedit when stdin and stdout are terminals, else plain line reading.
    static func makeReader(historyFile: URL?) -> LineReader {
        if Terminal.isInteractive, let reader = EditLineReader(historyFile: historyFile) { return reader }
        return PlainLineReader()
    }

    /// Restores the terminal, saves history and the snapshot, and releases the lock.
    /// With `syncing`, a session's end: once the progress is saved, runs `recall sync` if
    /// the `sync_on_exit` setting is on, then starts a refit of the parameters if one is due
    /// (``AutoOptimizeRun``), without waiting for it.
    static func close(_ context: REPLContext, syncing collection: CollectionOptions? = nil) throws {
        context.reader.close()
        defer { KeptUntilExit.keep(context) }
        do {
            try context.data.close()
        } catch let error as StoreError {
            DiagnosticPrinter.standardError().print([error.diagnostic])
            throw ExitCode(1)
        }
        if let collection, context.data.settings.syncOnExit { Recall.Sync.syncOnExit(collection) }
        context.sessionMark?.release()
        if let collection { AutoOptimizeRun.afterSession(collection, data: context.data) }
    }

    /// Runs another subcommand from inside the REPL, passing on `--decks`, `--data` and
    /// `--no-color`.
    /// `config KEY VALUE` writes settings, so the progress is closed (releasing the lock)
    /// around it and reopened after, picking up the new settings.
    static func delegate(_ collection: CollectionOptions, display: DisplayOptions,
                         context: REPLContext) -> (String, [String]) -> Void {
        { [weak context] name, args in
            guard let context else { return }
            var argv = [name] + args
            if let decks = collection.decks { argv += ["--decks", decks] }
            if let data = collection.data { argv += ["--data", data] }
            if display.noColor { argv.append("--no-color") }
            let writes = (name == "config" && args.count >= 2) || (name == "cards" && cardsWrites(args))
                || (["postpone", "advance"].contains(name) && (!args.contains("--dry-run") || args.contains("--undo")))
                || (name == "break" && !args.contains("--dry-run") && !args.contains("--list"))
            if writes { try? context.data.close() }
            defer { if writes { reopen(collection, context: context) } }
            do {
                var command = try Recall.parseAsRoot(argv)
                try command.run()
            } catch let error as CLIError {
                fflush(nil)
                Console.err(error.description + "\n")
            } catch {
                fflush(nil)
                let message = Recall.fullMessage(for: error)
                if !message.isEmpty { Console.err(message + "\n") }
            }
            fflush(nil)
        }
    }

    /// Whether `cards ARGS` changes cards (an action without `--dry-run`), so that the
    /// shell must let go of the collection's lock around it.
    static func cardsWrites(_ args: [String]) -> Bool {
        let actions = ["--suspend", "--unsuspend", "--bury", "--unbury", "--forget", "--set-due", "--reschedule"]
        return !args.contains("--dry-run") && args.contains { word in actions.contains { word == $0 || word.hasPrefix($0 + "=") } }
    }

    private static func reopen(_ collection: CollectionOptions, context: REPLContext) {
        do {
            context.data = try StoreStudyData(decksRoot: collection.decksDirectory(),
                                              dataDirectory: collection.dataDirectory(),
                                              timeZone: Clock.timeZone, now: Clock.now())
        } catch {
            context.error("could not reopen the collection: \(error)")
        }
    }
}
