import Testing
@testable import RecallCore

/// A deck file left with git's conflict markers (a `recall sync` that stopped on a conflict)
/// says so, in every format, instead of complaining about the marker lines as cards.
@Suite struct DeckConflictMarkerTests {
    static let hint = "note: keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines; "
        + "if 'recall sync' stopped on this file, then run 'recall sync --continue'"

    static func error(_ file: String, _ line: Int) -> String {
        "\(file):\(line): error: an unfinished merge: the lines from here to '>>>>>>>' are two versions of the same lines\n" + hint
    }

    @Test func aDelimitedFile() {
        let text = """
            #columns:Question\tAnswer
            <<<<<<< HEAD
            Capital of Australia?\tCanberra, since 1913
            =======
            Capital of Australia?\tCanberra (not Sydney)
            >>>>>>> 5e63008
            Capital of Japan?\tTokyo

            """
        let deck = parseDeck(text, .delimited(defaultSeparator: UInt8(ascii: "\t")), file: "Geography.tsv")
        #expect(rendered(deck) == [Self.error("Geography.tsv", 2)])
        #expect(deck.cards.map(\.answer) == ["Canberra, since 1913", "Canberra (not Sydney)", "Tokyo"])
    }

    @Test func aPlainFileWithTheBaseVersionAndTwoBlocks() {
        let text = """
            Capital of France?
            <<<<<<< ours
            Paris
            ||||||| base
            paris
            =======
            Paris, on the Seine
            >>>>>>> theirs
            -
            Capital of Japan?
            <<<<<<< ours
            Tokyo
            =======
            Tōkyō
            >>>>>>> theirs

            """
        let deck = parseDeck(text, .plain, file: "Geography.txt")
        #expect(rendered(deck) == [Self.error("Geography.txt", 2), Self.error("Geography.txt", 11)])
    }

    @Test func aMarkdownFileKeepsItsSetextHeadingsOutsideABlock() {
        let text = """
            Capitals
            =======

            <<<<<<< HEAD
            Capital of France? :: Paris
            =======
            Capital of France? :: Paris, on the Seine
            >>>>>>> theirs

            """
        let deck = parseDeck(text, .markdown, file: "Geography.md")
        #expect(rendered(deck).first == Self.error("Geography.md", 4))
        #expect(deck.diagnostics.filter { $0.severity == .error }.count == 1)
    }

    @Test(arguments: ["<<<<<<<< eight", "a <<<<<<< in the middle", "<<<<<<<x"])
    func linesThatAreNotMarkers(_ line: String) {
        let deck = parseDeck("Question?\n\(line)\n", .plain)
        #expect(deck.diagnostics.isEmpty)
    }
}
