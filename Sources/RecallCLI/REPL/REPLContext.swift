import Foundation
import RecallCore
import RecallStore

/// What every part of the REPL works with: where lines come from, where text goes, the
/// clock, and the open collection.
final class REPLContext {
    let reader: LineReader
    let output: Output
    /// The current time (``Clock/now()`` in the product; a fixed or stepping clock in tests).
    let now: () -> Date
    var data: StudyData
    /// Where a failed save is reported (standard error in the product).
    let errorSink: (String) -> Void
    /// True once an answer could not be saved: the session stopped there, and the command
    /// exits 1 so that a script sees it.
    private(set) var saveFailed = false

    init(reader: LineReader, output: Output, now: @escaping () -> Date, data: StudyData,
         errorSink: @escaping (String) -> Void = { Console.err($0) }) {
        self.reader = reader
        self.output = output
        self.now = now
        self.data = data
        self.errorSink = errorSink
    }

    /// Images, sounds, `:open` and `:play`; nil where cards show only their text.
    var media: CardMedia?

    /// Held while the session is open: a background refit adopts only between sessions.
    var sessionMark: SessionMark?

    /// A line the greeting shows once (what the last automatic refit did), if any.
    var announcement: String?

    /// The deck errors the user has been told of: as a count when the session opened, one
    /// by one since. Reading the decks again names only the others, so that a deck broken
    /// while the shell is open is named at the next command, not left to hide its cards.
    var toldDeckErrors: Set<Diagnostic> = []

    /// Warns of the errors among `diagnostics` (of reading the decks again): every one with
    /// `all` (after `:edit` and `add`, which changed a deck file), else those not told yet.
    func warnDeckErrors(in diagnostics: [Diagnostic], all: Bool) {
        let errors = diagnostics.filter { $0.severity == .error }
        for error in errors where all || !toldDeckErrors.contains(error) {
            // Deck text is untrusted; the message may quote it.
            view.warning(TerminalText.sanitized(error.headline, keepingNewlines: false))
        }
        toldDeckErrors = Set(errors)
    }

    var view: CardView { CardView(output: output, media: media) }

    /// Reads a line; prompts are shown only by interactive readers.
    ///
    /// Answers appended without a flush (see ``log(_:)``) are flushed first whenever the
    /// read would wait: Recall never waits for input with an answer not on disk.
    func read(_ prompt: String) -> LineInput {
        if !reader.hasInputWaiting {
            do {
                try data.flush()
            } catch {
                saveFailure(error)
                return .end
            }
        }
        return reader.read(prompt: prompt)
    }

    /// Prints an error line to the output (the REPL keeps going).
    func error(_ message: String) {
        output.line(output.styled("error:", .red, .bold) + " " + message)
    }

    /// Appends `entry` to the log; prints the problem and returns `false` if it could not be
    /// written, so the caller does not move on.
    ///
    /// At a terminal the entry is flushed to disk (fsync) before this returns, so it is safe
    /// before the next card shows. From a pipe it is written at once (a crash of Recall cannot
    /// lose it) and flushed together with the answers after it when the input runs dry, before
    /// Recall waits for more and before it exits (group commit: a script's 1,000 answers
    /// cost one fsync, not 1,000).
    func log(_ entry: ReviewLogEntry) -> Bool {
        do {
            try data.append(entry, flush: reader.isInteractive)
            return true
        } catch {
            saveFailure(error)
            return false
        }
    }

    /// Reports a failed save once, as `recall: error: …` on standard error (a store error
    /// already reads so), and remembers it for the exit status.
    private func saveFailure(_ error: Error) {
        saveFailed = true
        let text = (error as? StoreError)?.description ?? "recall: error: could not save to the review log: \(error)"
        errorSink(text + "\nnote: the session stopped here; the answers before this one are saved\n")
    }
}
