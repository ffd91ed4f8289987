import Foundation
import RecallCore

extension VectorHistories {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+00:00)` quickly; other ISO-8601 forms go
    /// through the slower general parser.
    static func parseTime(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<from + count {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58,
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return Clock.parseISO8601(text) }
        var i = 19
        var fraction = 0.0
        if b[i] == 46 {
            var scale = 0.1
            i += 1
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        let rest = String(decoding: b[i...], as: UTF8.self)
        guard rest == "Z" || rest == "+00:00" else { return Clock.parseISO8601(text) }
        let days = StudyCalendar.days(year: y, month: mo, day: d)
        let whole = days * 86400 + h * 3600 + mi * 60 + s
        return Date(timeIntervalSince1970: Double(whole) + fraction)
    }

    /// `2024-01-01T12:00:00Z`, with `.ffffff` microseconds when not a whole second (as
    /// Python's `isoformat`).
    static func formatTime(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var seconds = Int(t.rounded(.down))
        var micros = Int(((t - Double(seconds)) * 1e6).rounded())
        if micros == 1_000_000 { seconds += 1; micros = 0 }
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let (y, m, d) = StudyCalendar.civil(fromDays: days)
        let rem = seconds - days * 86400
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, rem / 3600,
                          rem / 60 % 60, rem % 60)
        return micros == 0 ? base + "Z" : base + String(format: ".%06d", micros) + "Z"
    }
}
