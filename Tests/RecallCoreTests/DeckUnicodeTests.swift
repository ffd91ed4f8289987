import Testing
@testable import RecallCore

/// The parsers read bytes where that gives what reading `Character`s gives, and strings
/// elsewhere. These texts put combining marks (U+0301), a prepended mark (U+0600) and other
/// non-ASCII text next to the spaces, colons and markers the parsers look at; the expected
/// cards and problems are what the `String`-based parsers gave (quirks included: `"\u{600} "`
/// is one `Character`, so its space is not trimmed in Markdown).
@Suite struct DeckUnicodeTests {
    @Test(arguments: [
        ("Q: \u{301}accent\nA: x\n", "u.md", [" \u{301}accent | x"], []),
        ("Q:\u{301}x\nA: y\n", "u.md", ["x | y"], []),
        ("q \u{301}:: a\n", "u.md", ["q \u{301} | a"], []),
        ("q ::\u{301} a\n", "u.md", ["q | \u{301} a"], []),
        ("q\u{600} :: a\n", "u.md", ["q\u{600}  | a"], []),
        ("- \u{301}q :: a\n", "u.md", ["- \u{301}q | a"], []),
        ("\u{600}- q :: a\n", "u.md", ["\u{600}- q | a"], []),
        ("q :: a \u{600} \n", "u.md", ["q | a \u{600} "], []),
        ("{{c1::x}}\u{301} y\n", "u.md", [], ["u.md:1:1: error: unclosed cloze '{{c1::'"]),
        ("x {{c1::\u{301}}} y\n", "u.md", ["x {{c1 | \u{301}}} y"], []),
        ("tags: #a\u{301} #b\nq :: a\n", "u.md", ["q | a"], []),
        ("## T\u{301}\nq :: a\n", "u.md", ["q | a"], []),
        ("Q: q\nA: a \u{600} \n\u{301}more\n\n", "u.md", ["q | a \u{600} \n\u{301}more"], []),
        ("é :: café\n日本 ::: 語\n\u{1F44D}\u{1F3FD} :: thumbs\nQ: \u{BF}qué?\nA: \u{A1}sí!\n", "u.md",
         ["é | café", "日本 | 語", "語 | 日本", "\u{1F44D}\u{1F3FD} | thumbs", "\u{BF}qué? | \u{A1}sí!"], []),
        ("1.\u{301} q :: a\n", "u.md", ["1.\u{301} q | a"], []),
        ("\\\u{301}x :: y\nQ: q\nA: a\n\\\u{301}Q: z\n", "u.md", ["\\\u{301}x | y", "q | a\n\\\u{301}Q: z"], []),
        ("Q \u{301}\nA \u{600} \n-\nq\n \u{301}a\n", "u.txt", ["Q \u{301} | A \u{600}", "q |  \u{301}a"], []),
        ("q\u{301} \ta \u{600} \n\" q\u{301}\"\t\u{600} \n", "u.tsv", ["q\u{301} | a \u{600} ", "q\u{301} | \u{600} "], []),
        ("\"q\r\nx\"\ta\nq\r\tA\nq\u{B}x\ta\nq2\ta\rb\n", "u.tsv", ["q\nx | a", "q | A", "q\u{B}x | a", "q2 | a\nb"], [
            // Bare carriage returns and the vertical tab are control characters (see TerminalText).
            "u.tsv:3:2: warning: control character U+000D (carriage return); it is shown as '\u{240D}'",
            "u.tsv:4:2: warning: control character U+000B (vertical tab); it is shown as '\u{240B}'",
            "u.tsv:5:5: warning: control character U+000D (carriage return); it is shown as '\u{240D}'",
        ]),
    ] as [(String, String, [String], [String])])
    func nonASCIINextToMarkers(text: String, file: String, expected: [String], headlines: [String]) {
        let format = DeckFormat(fileExtension: DeckName.fileExtension(file)) ?? .plain
        let deck = parseDeck(text, format, file: file, deck: "D")
        #expect(pairs(deck) == expected)
        #expect(deck.diagnostics.map(\.headline) == headlines)
    }

    /// Every scalar the byte path treats as inert stays a `Character` of its own next to the
    /// ASCII bytes the parsers look at, in Swift's own grapheme breaking.
    @Test func inertScalarsNeverJoinASCII() {
        var joined: [String] = []
        var checked = 0
        for value in UInt32(0x80)...0x1FFFF where ByteText.isInert(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            checked += 1
            for ascii in [" ", "\t", ":", "#", "-", "a", "1"] {
                let text = String(scalar)
                if (ascii + text).count != 2 || (text + ascii).count != 2 { joined.append(String(value, radix: 16)) }
            }
        }
        #expect(joined.isEmpty)
        #expect(checked > 40_000)
    }

    @Test func combiningMarksAreNotInert() {
        for value: UInt32 in [0x0301, 0x0600, 0x200D, 0xFE0F, 0x1F3FB, 0x093F, 0x0E33, 0x3099] {
            #expect(!ByteText.isInert(value))
        }
    }

    @Test(arguments: [
        ("abc", true), ("a \u{301}b", false), ("\u{301} a", false), ("a\u{600} b", false), ("é :: ü", true),
        ("", true), ("\u{301}\u{301}", true), ("q\u{FE0F}:", false),
    ])
    func charactersAreBytes(text: String, expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { ByteText.charactersAreBytes($0, 0..<$0.count) } == expected)
    }

    /// The writer's byte path: escapes, blocks, `\r`, a cloze with a `\r\n` pair (one
    /// `Character`, kept) and lone breaks (spaces); expected output from the `String` writer.
    @Test func writerEdgeCases() throws {
        let cloze = try #require(ClozeText.parse("a\r\nb {{c1::x}}\nc\rd").cloze)
        let notes = [
            DeckNote(content: .basic(question: "plain", answer: "line"), deck: "D", tags: [], line: 1),
            DeckNote(content: .basic(question: "Q: looks like a marker", answer: "a"), deck: "D", tags: [], line: 2),
            DeckNote(content: .basic(question: "two\nlines", answer: "\\ back\n# head\n  indented\ntags: x\n---\n```\nA: no\n"),
                     deck: "D", tags: ["t"], line: 3),
            DeckNote(content: .twoWay(question: "- item", answer: "b"), deck: "D", tags: ["t"], line: 4),
            DeckNote(content: .twoWay(question: "ok", answer: "fine"), deck: "D::Sub", tags: ["t", "u"], line: 5),
            DeckNote(content: .basic(question: "cr\r", answer: "x"), deck: "D::Sub", tags: [], line: 6),
            DeckNote(content: .basic(question: " \u{301}lead", answer: "\u{600} trail"), deck: "Other", tags: [], line: 7),
            DeckNote(content: .basic(question: "last", answer: "ends\r"), deck: "Other", tags: [], line: 8),
            DeckNote(content: .cloze(cloze), deck: "Other", tags: [], line: 9),
        ]
        #expect(MarkdownDeckWriter.render(notes, deck: "D") == "plain :: line\nQ: Q: looks like a marker\nA: a\n\n\n"
            + "tags: #t\nQ: two\nlines\nA: \\ back\n\\# head\n  indented\n\\tags: x\n\\---\n\\```\n\\A: no\n\n\n"
            + "Q: - item\nA: b\n\n\n## Sub\n\ntags: #t #u\nok ::: fine\ntags:\nQ: cr\r\nA: x\n\n\n## Other\n\n"
            + "Q:\n \u{301}lead\nA: \u{600} trail\n\nQ: last\nA: ends\r\n\n---\na\r\nb {{c1::x}} c d\n")
        #expect(MarkdownDeckWriter.renderBytes(notes, deck: "D") == Array(MarkdownDeckWriter.render(notes, deck: "D").utf8))
    }
}
