import Foundation
import Testing
@testable import RecallCLI
import RecallTestSupport

/// `RECALL_NOW` parsing: what `ISO8601DateFormatter` accepted (internet date-time, with or
/// without fractional seconds, or a bare date) and nothing else.
@Suite struct ClockTests {
    func formatter(_ options: ISO8601DateFormatter.Options) -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = options
        return f
    }

    @Test(arguments: [
        "2026-03-01T09:00:00Z", "2026-03-01T09:00:00+01:00", "2026-03-01T09:00:00-05:30",
        "2026-03-01T09:00:00.250Z", "2026-12-31T23:59:59.999+14:00",
        "2024-02-29T12:00:00Z", "1999-01-01T00:00:00Z", "2026-03-01T09:00:00+0130", "1900-03-01T00:00:00Z",
        "2000-02-29T00:00:00Z", "2026-01-12T09:00:00.1Z",
    ])
    func acceptsWhatTheFormatterAccepted(text: String) throws {
        let expected = formatter([.withInternetDateTime]).date(from: text)
            ?? formatter([.withInternetDateTime, .withFractionalSeconds]).date(from: text)
            ?? formatter([.withFullDate]).date(from: text)
        let parsed = try #require(Clock.parseISO8601(text))
        #expect(abs(parsed.timeIntervalSince1970 - (expected?.timeIntervalSince1970 ?? .nan)) < 0.001)
    }

    /// A bare date is noon of that date where the user is, so that it falls in that date's
    /// study day (midnight is before the 4:00 day start, in the day before).
    @Test(arguments: ["UTC", "Europe/Paris", "America/Los_Angeles", "Pacific/Kiritimati"])
    func bareDateIsNoonLocal(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let parsed = try #require(Clock.parseISO8601("2026-03-23", timeZone: timeZone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: parsed)
        #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute] == [2026, 3, 23, 12, 0])
    }

    @Test(arguments: ["", "tomorrow", "2026-13-01T09:00:00Z", "2026-03-01 09:00", "09:00:00Z", "2026-03-01T25:00:00Z",
                      "2026-02-29", "2026-03-01T09:00Z", "2026-03-01T09:00:00", "2026-03-01T09:00:00Zx", "2026-3-1"])
    func rejectsTheRest(text: String) {
        #expect(Clock.parseISO8601(text) == nil)
    }
}

/// `RECALL_NOW` as the command line sees it.
@Suite struct RecallNowTests {
    /// `RECALL_NOW=2026-03-23` is that date's study day, not the day before (day start 4:00).
    @Test(arguments: ["UTC", "Asia/Tokyo", "America/New_York"])
    func bareDateIsThatStudyDay(zone: String) throws {
        let root = RecallProcess.temporaryDirectory()
        RecallProcess.write(["Decks/Capitals.txt": "Q: Capital of France?\nA: Paris\n"], under: root)
        let result = runRecall(["stats", "--json", "--decks", "Decks"],
                               env: ["RECALL_NOW": "2026-03-23", "TZ": zone], cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("\"date\" : \"2026-03-23\","))
    }
}
