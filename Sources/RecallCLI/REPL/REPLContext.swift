import Foundation
import RecallCore

/// What every part of the REPL works with: where lines come from, where text goes, the
/// clock, and the open collection.
final class REPLContext {
    let reader: LineReader
    let output: Output
    /// The current time (``Clock/now()`` in the product; a fixed or stepping clock in tests).
    let now: () -> Date
    var data: StudyData

    init(reader: LineReader, output: Output, now: @escaping () -> Date, data: StudyData) {
        self.reader = reader
        self.output = output
        self.now = now
        self.data = data
    }

    var view: CardView { CardView(output: output) }

    /// Reads a line; prompts are shown only by interactive readers.
    ///
    /// Answers appended without a flush (see ``log(_:)``) are flushed first whenever the
    /// read would wait: Recall never waits for input with an answer not on disk.
    func read(_ prompt: String) -> LineInput {
        if !reader.hasInputWaiting {
            do {
                try data.flush()
            } catch {
                self.error("could not save to the review log: \(error)")
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
            self.error("could not save to the review log: \(error)")
            return false
        }
    }
}
