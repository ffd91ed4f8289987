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
    func read(_ prompt: String) -> LineInput { reader.read(prompt: prompt) }

    /// Prints an error line to the output (the REPL keeps going).
    func error(_ message: String) {
        output.line(output.styled("error:", .red, .bold) + " " + message)
    }

    /// Appends `entry` to the log (fsync'ed); prints the problem and returns `false` if it
    /// could not be written, so the caller does not move on.
    func log(_ entry: ReviewLogEntry) -> Bool {
        do {
            try data.append(entry)
            return true
        } catch {
            self.error("could not save to the review log: \(error)")
            return false
        }
    }
}
