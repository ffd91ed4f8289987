import Testing
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
