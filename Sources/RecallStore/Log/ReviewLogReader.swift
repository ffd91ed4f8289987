import RecallCore

/// Reads `reviews.jsonl` (or a part of it) line by line.
///
/// Blank lines are skipped. A final line without a newline that does not parse is a torn
/// append (the writer crashed mid-line): it is skipped with a warning and reported in
/// ``Outcome/tornBytes`` so the next append can cut it off. Any other bad line throws a
/// ``StoreError`` with its 1-based line number.
struct ReviewLogReader {
    /// What reading found, besides the entries.
    struct Outcome: Equatable {
        /// Byte offset just after the last line read (complete lines, plus a final
        /// well-formed line that lacks its newline).
        var validEnd: Int
        /// Lines read so far, counting blank ones; the next line's number is `lines + 1`.
        var lines: Int
        /// True when the last line read is well formed but lacks its newline.
        var missingFinalNewline: Bool
        /// Bytes of a torn final line after ``validEnd`` (0 when none).
        var tornBytes: Int
        /// The warning about a torn final line, if any.
        var warning: Diagnostic?
    }

    static let hint = "each line must be one JSON object such as "
        + #"{"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}"#
        + "; fix or delete the line, recall does not change the log while it is broken"

    /// Calls `body` for each entry in `bytes[start...]`; line numbers start after `firstLine - 1`.
    /// `latestTime`: times after it (unix milliseconds) are errors (see ``ReviewLogLineDecoder/latestTime``).
    static func read(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, linesBefore: Int = 0,
                     path: String, latestTime: Int64 = ReviewLogCodec.latestTime,
                     _ body: (ReviewLogEntry) -> Void) throws(StoreError) -> Outcome {
        return try read(bytes, from: start, to: bytes.count, linesBefore: linesBefore, path: path,
                        latestTime: latestTime, body)
    }

    /// Reads `bytes[start..<end]`; `end` is the end of the file or just after a newline.
    static func read(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, linesBefore: Int,
                     path: String, latestTime: Int64 = ReviewLogCodec.latestTime,
                     _ body: (ReviewLogEntry) -> Void) throws(StoreError) -> Outcome {
        var decoder = ReviewLogLineDecoder()
        decoder.latestTime = latestTime
        var pos = start
        var line = linesBefore
        guard let base = bytes.baseAddress, end > start else {
            return Outcome(validEnd: start, lines: line, missingFinalNewline: false, tornBytes: 0)
        }
        // A snapshot may end after a final line that had no newline; the newline added by the
        // next append belongs to that line.
        if pos > 0, pos < end, bytes[pos - 1] != 0x0A, bytes[pos] == 0x0A { pos += 1 }
        while pos < end {
            let nl = memchr(base + pos, 0x0A, end - pos).map { UnsafeRawPointer($0) - base }
            let lineEnd = nl ?? end
            line += 1
            if !isBlank(bytes, pos..<lineEnd) {
                do throws(JSONScanError) {
                    body(try decoder.decode(bytes, pos..<lineEnd))
                } catch {
                    guard nl == nil else {
                        throw StoreError(path: path, line: line, reason: error.message, notes: [hint])
                    }
                    guard end == bytes.count else {
                        throw StoreError(path: path, line: line, reason: error.message, notes: [hint])
                    }
                    let warning = Diagnostic.warning(
                        "the last line is incomplete (recall was interrupted while writing it); skipping it",
                        at: SourceLocation(file: path, line: line),
                        notes: ["it was never confirmed as saved; the next review recorded will remove it"])
                    return Outcome(validEnd: pos, lines: line - 1, missingFinalNewline: false,
                                   tornBytes: end - pos, warning: warning)
                }
            }
            guard let nl else {
                return Outcome(validEnd: end, lines: line, missingFinalNewline: true, tornBytes: 0)
            }
            pos = nl + 1
        }
        return Outcome(validEnd: end, lines: line, missingFinalNewline: false, tornBytes: 0)
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for i in range {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
        }
        return true
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the machine offers.
enum System {
    static let cores: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
