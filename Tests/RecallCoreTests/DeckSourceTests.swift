import Testing
@testable import RecallCore

@Suite struct DeckSourceTests {
    @Test func binaryFileIsOneError() {
        var bytes = Array("Q\nA\n".utf8)
        bytes += [0, 1, 2, 0xFF, 0]
        let deck = DeckParser.parse(bytes: bytes, file: "x.txt", deck: "X", format: .plain)
        #expect(deck.cards.isEmpty)
        #expect(rendered(deck) == [
            """
            x.txt:1: error: binary file, not a deck
            note: deck files are UTF-8 text: plain (.txt), Markdown (.md) or delimited (.tsv, .csv)
            """,
        ])
    }

    @Test func aFileGitLeftInConflictIsOneErrorAtItsFirstMarker() {
        for format in [DeckFormat.plain, .markdown, .delimited(defaultSeparator: nil)] {
            let text = "q1 :: a1\r\n<<<<<<< HEAD\r\nq2 :: mine\r\n=======\r\nq2 :: theirs\r\n>>>>>>> 1a2b3c\r\n"
            let deck = DeckParser.parse(bytes: Array(text.utf8), file: "x", deck: "X", format: format)
            #expect(deck.cards.isEmpty)
            #expect(rendered(deck) == [
                """
                x:2: error: unresolved merge conflict: git's '<<<<<<<' marker
                note: keep the lines you want and delete the '<<<<<<<', '=======' and '>>>>>>>' lines \
                (then 'recall sync --continue' if a sync stopped here); until then this file's cards are \
                left out, their progress kept
                """,
            ])
        }
    }

    @Test(arguments: [
        "Title\n=======\n\nq :: a\n",                        // a Markdown heading underline
        "q :: a\n<<<<<<< only an opening marker\n",          // no closing marker after it
        "q :: <<<<<<< a\nx :: >>>>>>> b\n",                   // not at the start of a line
        "q :: a\n<<<<<<<<< nine\n>>>>>>>>> nine\n",          // longer runs are text
        ">>>>>>> x\nq :: a\n<<<<<<< y\n",                    // closing before opening
    ])
    func textThatOnlyLooksLikeAConflictIsParsed(text: String) {
        let deck = DeckParser.parse(bytes: Array(text.utf8), file: "x.md", deck: "X", format: .markdown)
        #expect(!deck.diagnostics.contains { $0.message.contains("merge conflict") })
    }

    @Test func utf16IsExplained() {
        let deck = DeckParser.parse(bytes: [0xFF, 0xFE, 0x51, 0, 0x0A, 0], file: "x.txt", deck: "X", format: .plain)
        #expect(rendered(deck) == [
            """
            x.txt:1: error: the file is UTF-16 text, not UTF-8
            note: save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')
            """,
        ])
    }

    @Test(arguments: [
        ([0x51, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A], "x.txt:2:4: error: invalid UTF-8 (byte 0xE9)"),  // Latin-1 é
        ([0xC0, 0x80], "x.txt:1:1: error: invalid UTF-8 (byte 0xC0)"),                              // overlong
        ([0x41, 0xED, 0xA0, 0x80], "x.txt:1:2: error: invalid UTF-8 (byte 0xED)"),                  // surrogate
        ([0x0A, 0x0A, 0x41, 0xE2, 0x82], "x.txt:3:2: error: invalid UTF-8 (byte 0xE2)"),             // truncated
        (Array("0123456789abcdefghij".utf8) + [0xFF, 0x41], "x.txt:1:21: error: invalid UTF-8 (byte 0xFF)"),  // after a long ASCII run
    ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], headline: String) {
        let deck = DeckParser.parse(bytes: bytes, file: "x.txt", deck: "X", format: .plain)
        #expect(deck.diagnostics.map(\.headline) == [headline])
        #expect(deck.diagnostics.first?.notes == ["save the file as UTF-8; it may be in Latin-1 or Windows-1252"])
    }

    /// A NUL byte makes a binary file wherever it is, even after invalid UTF-8 or a BOM; the
    /// checks run in one pass, eight bytes at a time, so the cases straddle word boundaries.
    @Test(arguments: [
        ([0xFF, 0x41, 0x00] as [UInt8], "x.txt:1: error: binary file, not a deck"),
        (Array("0123456789abcdef\u{E9}".utf8) + [0xC0, 0x80] + Array("0123456789".utf8) + [0],
         "x.txt:1: error: binary file, not a deck"),
        ([0xEF, 0xBB, 0xBF] + Array("abcdefg".utf8) + [0], "x.txt:1: error: binary file, not a deck"),
        ([0xEF, 0xBB, 0xBF] + Array("abc\ndefgh".utf8) + [0xE2, 0x82], "x.txt:2:6: error: invalid UTF-8 (byte 0xE2)"),
        (Array("ab\r\ncdefghijklmnopq\nrs".utf8) + [0xF5], "x.txt:3:3: error: invalid UTF-8 (byte 0xF5)"),
    ] as [([UInt8], String)])
    func binaryBeforeInvalidUTF8(bytes: [UInt8], headline: String) {
        for format in [DeckFormat.plain, .markdown, .delimited(defaultSeparator: 0x09)] {
            let deck = DeckParser.parse(bytes: bytes, file: "x.txt", deck: "X", format: format)
            #expect(deck.diagnostics.map(\.headline) == [headline])
        }
    }

    @Test func linesFromTheSinglePass() {
        let text = "a\r\n\nbc\r\r\nlong line of text\u{E9} here\nlast"
        let source = DeckSource(file: "x", text: text)
        let lines = source.lines.map { source.string($0) }
        #expect(lines == ["a", "", "bc\r", "long line of text\u{E9} here", "last"])
        #expect(DeckSource(file: "x", text: "a\u{0}b\nc\n").lines.count == 2)  // a NUL is text here
    }

    @Test func validMultibyteText() {
        let deck = parseDeck("Ça va ? 🇫🇷\nOui — très bien\n", .plain)
        #expect(pairs(deck) == ["Ça va ? 🇫🇷 | Oui — très bien"])
    }

    @Test func deckNamesFromPaths() {
        #expect(DeckName.forFile(relativePath: "History/Gaza.txt") == "History::Gaza")
        #expect(DeckName.forFile(relativePath: "Swift.md") == "Swift")
        #expect(DeckName.forFile(relativePath: "a/b/c.d.tsv") == "a::b::c.d")
        #expect(DeckName.forFile(relativePath: ".hidden") == ".hidden")
        #expect(DeckName.fileExtension("X.CSV") == "csv")
        #expect(DeckFormat(fileExtension: "pdf") == nil)
    }
}
