import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

/// `cards` in the shell, its TAB completion, and `:forget` and `:due N` during a review.
@Suite struct ShellCardsTests {
    let cards = [
        card("Capital of France?", "Paris", tags: ["europe"], line: 1),
        card("Capital of Japan?", "Tokyo", tags: ["asia"], line: 3),
    ]

    /// Both cards answered easy 30 days before the harness's start: due in review.
    var studied: [ReviewLogEntry] {
        cards.map { ReviewLogEntry.review($0.id, .easy, at: REPLHarness.start.addingTimeInterval(-30 * 86_400), device: "t") }
    }

    @Test func forgetAndDueActOnTheCurrentCard() throws {
        let h = REPLHarness(cards: cards, lines: ["review", ":due 3", ":forget", "quit"], log: studied)
        h.runShell()
        #expect(h.data.log.map(\.event) == [.review, .review, .setdue, .forget])
        let calendar = h.data.calendar
        let due = try #require(h.data.log[2].target)
        #expect(calendar.dayNumber(due) == calendar.dayNumber(REPLHarness.start) + 3)
        #expect(h.text.lines.contains("  due in 3 days"))
        #expect(h.text.lines.contains("  forgotten: the card is new again (its history stays in the log)"))
        #expect(h.data.records[cards[1].id]?.schedule.state == .new)
    }

    @Test func dueNeedsAStudiedCardAndANumber() {
        let h = REPLHarness(cards: cards, lines: ["review", ":due", ":due 2", ":quit", "quit"])
        h.runShell()
        #expect(h.data.log.isEmpty)
        #expect(h.text.lines.contains("  type :due N for the card to be due in N days (0 is today)"))
        #expect(h.text.lines.contains("  a new card has no due date to set; it is shown when new cards are"))
    }

    @Test func cardsIsHandedToTheSubcommand() {
        let h = REPLHarness(cards: cards, lines: ["cards 'prop:r<0.8' -is:suspended --suspend", "quit"])
        #expect(h.runShell() == ["cards prop:r<0.8 -is:suspended --suspend"])
        #expect(StudySetup.cardsWrites(["is:due", "--suspend"]))
        #expect(StudySetup.cardsWrites(["--set-due=3"]))
        #expect(!StudySetup.cardsWrites(["is:due", "--suspend", "--dry-run"]))
        #expect(!StudySetup.cardsWrites(["is:due", "--json"]))
    }

    @Test func tabCompletesQueryTermsDecksAndTags() {
        let c = Completer(commands: ["cards", "review"], decks: ["Geography", "World News"], tags: ["capitals"])
        #expect(c.complete("cards de").candidates == ["deck:"])
        #expect(c.complete("cards de").replacement == "deck:")
        #expect(c.complete("cards deck:W").replacement == #""deck:World News" "#)
        #expect(c.complete("cards -is:su").candidates == ["-is:suspended"])
        #expect(c.complete("cards is:").candidates.count == SearchTerm.State.allCases.count)
        #expect(c.complete("cards prop:l").candidates == ["prop:lapses"])
        #expect(c.complete("cards #c").candidates == ["#capitals"])
        #expect(c.complete("cards --sort l").candidates == ["lapses"])
        #expect(c.complete("cards --re").candidates == ["--reschedule", "--reverse"])
        #expect(c.complete("review --a").candidates == ["--ahead"])
        #expect(c.complete("review Geo").candidates == ["Geography"])
    }
}

/// The table's cells: cut to their column with an ellipsis, by bytes or by characters.
@Suite struct CardsTableTests {
    @Test(arguments: [
        ("short", 8, "short", 5),
        ("exactly8", 8, "exactly8", 8),
        ("nine char", 8, "nine ch…", 8),
        ("two\nlines", 20, "two lines", 9),
        ("Café crème brûlée", 8, "Café cr…", 8),
        ("日本の首都は？", 8, "日本の…", 7),
    ])
    func cellsAreCutToTheirColumn(text: String, columns: Int, cut: String, width: Int) {
        let result = CardsTable.cut(text, to: columns)
        #expect(result.text == cut)
        #expect(result.width == width)
        #expect(TextWidth.of(result.text) == width)
    }

    @Test func dueDaysReadAsWords() {
        #expect(CardsTable.due(0) == "today")
        #expect(CardsTable.due(3) == "in 3d")
        #expect(CardsTable.due(-2) == "2d ago")
    }
}
