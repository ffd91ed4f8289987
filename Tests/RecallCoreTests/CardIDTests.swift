import Testing
import Foundation
@testable import RecallCore

@Suite struct CardIDTests {
    @Test func idIgnoresCaseAndWhitespace() {
        let a = Card.makeID(questionSide: "What is  FSRS?", kind: .basic)
        let b = Card.makeID(questionSide: " what is fsrs?\n", kind: .basic)
        #expect(a == b)
        #expect(a != Card.makeID(questionSide: "What is FSRS?", kind: .reversed))
        #expect(a.description.count == 16)
        #expect(CardID(a.description) == a)
    }

    @Test func fnvIsStable() {
        // FNV-1a 64 of the empty input is its offset basis.
        #expect(StableHasher().value == 0xcbf2_9ce4_8422_2325)
        var h = StableHasher()
        h.combine(bytes: Array("a".utf8))
        #expect(h.value == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func calendarDays() {
        let cal = StudyCalendar.utcMidnight
        #expect(StudyCalendar.days(year: 2026, month: 11, day: 25) == 20782)
        #expect(cal.dateString(day: 20782) == "2026-11-25")
        #expect(StudyCalendar.weekday(day: 20782) == 2) // a Wednesday
    }
}

@Suite struct UTCOffsetTableTests {
    /// The table must agree with the time-zone database at every hour around DST changes.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo", "UTC"])
    func offsetsMatchTimeZone(_ name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let cal = StudyCalendar(timeZone: zone, dayStartHour: 4)
        var t = 1_600_000_000.0
        while t < 1_700_000_000 {
            let d = Date(timeIntervalSince1970: t)
            #expect(cal.secondsFromGMT(for: d) == zone.secondsFromGMT(for: d))
            t += 3_517  // not a divisor of an hour, so transitions are approached from all sides
        }
    }
}
