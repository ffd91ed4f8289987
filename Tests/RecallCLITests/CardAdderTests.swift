import Foundation
import Testing
@testable import RecallCLI
import RecallTestSupport

/// The shell's `add` dialogue in process, with a scripted reader and a real deck folder.
@Suite struct CardAdderTests {
    private func harness(_ inputs: [LineInput]) -> (REPLHarness, TempFolder) {
        let folder = TempFolder("add")
        try? folder.write("Geo.txt", "Q1\nA1\n")
        let h = REPLHarness(cards: [card("Q1", "A1")], lines: [], inputs: inputs)
        h.data.decksRoot = folder.url
        return (h, folder)
    }

    @Test func promptsInOrderAndSavesOnEnter() {
        let (h, folder) = harness(["add", "geo", "Q2?", "line one", "line two", "", ""].map(LineInput.line))
        h.runShell()
        #expect(h.reader.prompts == ["recall> ", "deck> ", "question> ", "answer> ", "      > ", "      > ",
                                     "save? [Y/n/e] ", "recall> "])
        #expect(folder.read("Geo.txt") == "Q1\nA1\n-\nQ2?\nline one\nline two\n")
        #expect(h.text.contains("Geo.txt:4\n  -\n  Q2?\n  line one\n  line two\n  added to Geo.txt:4\n"), "\(h.text)")
    }

    @Test func controlCOrAnUnknownAnswerDropsTheCard() {
        let (h, folder) = harness([.line("add Geo"), .line("Q2?"), .interrupted,
                                   .line("add Geo"), .line("Q3?"), .line("A3"), .line(""), .line("maybe"), .line("n")])
        h.runShell()
        #expect(folder.read("Geo.txt") == "Q1\nA1\n")
        let lines = h.text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "  nothing added" }.count == 2)
        #expect(lines.contains("  type y to save, n to drop the card, e to save and open it in $EDITOR"))
    }

    @Test func aClozeQuestionNeedsNoAnswer() throws {
        let (h, folder) = harness(["add Notes", "Paris is in {{c1::France}}", "y",
                                   "add Geo", "Paris is in {{c1::France}}."].map(LineInput.line))
        try folder.write("Notes.md", "a :: b\n")
        h.runShell()
        #expect(h.reader.prompts == ["recall> ", "question> ", "save? [Y/n/e] ", "recall> ", "question> ", "recall> "])
        #expect(folder.read("Notes.md") == "a :: b\nParis is in {{c1::France}}\n")
        // A .txt deck holds only question/answer cards.
        #expect(h.text.split(separator: "\n").contains("error: a .txt deck holds only question/answer cards"), "\(h.text)")
        #expect(folder.read("Geo.txt") == "Q1\nA1\n")
    }
}
