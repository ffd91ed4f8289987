import Foundation

/// The one place the executable reads the time.
///
/// `RECALL_NOW` (ISO-8601, e.g. `2026-03-01T09:00:00Z`) sets the start time; the clock then
/// runs on from it as usual, so scripted sessions can move through days.
enum Clock {
    private static let start: (base: Date, monotonic: UInt64) = {
        let mono = DispatchTime.now().uptimeNanoseconds
        if let text = ProcessInfo.processInfo.environment["RECALL_NOW"], !text.isEmpty,
           let date = parseISO8601(text) {
            return (date, mono)
        }
        return (Date(), mono)
    }()

    /// `RECALL_NOW` if set and valid, else `nil`; an invalid value is reported by ``validate()``.
    static func validate() throws {
        if let text = ProcessInfo.processInfo.environment["RECALL_NOW"], !text.isEmpty,
           parseISO8601(text) == nil {
            throw CLIError("RECALL_NOW is set to '\(text)', which is not an ISO-8601 time",
                           hint: "use a form like 2026-03-01T09:00:00Z or 2026-03-01T09:00:00+01:00")
        }
    }

    /// The current time.
    static func now() -> Date {
        // Read the start first: on the very first call it is set up here, after which the
        // uptime read below is never earlier than its own.
        let origin = start
        let elapsed = DispatchTime.now().uptimeNanoseconds - origin.monotonic
        return origin.base.addingTimeInterval(Double(elapsed) / 1e9)
    }

    /// The user's time zone (`TZ` is honoured by the system).
    static var timeZone: TimeZone { TimeZone.current }

    /// Accepts `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`, or a bare date (midnight UTC).
    static func parseISO8601(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let d = full.date(from: text) { return d }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: text) { return d }
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        return dateOnly.date(from: text)
    }
}
