import RecallCore
import Testing
@testable import RecallCLI

@Suite struct TerminalTests {
    /// A progress bar redraws itself with `\r` and `ESC [ K`; they went through the same
    /// filter as card text and showed as `␍fitting [###…] 35%␍fitting …␍␛[K` on one line.
    @Test(arguments: [
        ("\rfitting [###...] 35%", "\rfitting [###...] 35%"),
        ("\r[##..]  50% Decks/a.md\u{1B}[K", "\r[##..]  50% Decks/a.md\u{1B}[K"),
        ("\r\u{1B}[K", "\r\u{1B}[K"),
        ("\r[#] 1% a\u{1B}]0;T\u{7}b\u{202E}c\u{1B}[K", "\r[#] 1% a\u{241B}]0;T\u{2407}bc\u{1B}[K"),
        ("\r\u{1B}[2J\u{1B}[1mx\u{1B}[0m", "\r\u{241B}[2J\u{1B}[1mx\u{1B}[0m"),
    ])
    func progressKeepsItsRedrawAndFiltersTheRest(text: String, shown: String) {
        #expect(Console.progressFiltered(text) == shown)
    }

    @Test(arguments: [
        ("abc", 3), ("日本語", 6), ("e\u{301}te\u{301}", 3), ("👍", 2), ("🇫🇷", 2),
        ("👩‍💻", 2), ("\u{1B}[1;31mred\u{1B}[0m", 3), ("a\tb", 2), ("ｈｉ", 4), ("✔", 1),
        ("❤️", 2),
    ])
    func displayWidth(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected)
    }

    @Test func wrapsAtSpaces() {
        let lines = TextWrapper.wrap("the quick brown fox jumps over the lazy dog", width: 15)
        #expect(lines == ["the quick brown", "fox jumps over", "the lazy dog"])
    }

    @Test func wrapsCJKBetweenCharacters() {
        let lines = TextWrapper.wrap("日本語の文章を折り返す", width: 10)
        #expect(lines == ["日本語の文", "章を折り返", "す"])
        #expect(lines.allSatisfy { TextWidth.of($0) <= 10 })
    }

    @Test func wrapKeepsLineBreaksAndIndentsContinuations() {
        let lines = TextWrapper.wrap("one two three\n\nfour", width: 8, indent: 2)
        #expect(lines == ["one two", "  three", "", "four"])
    }

    @Test func reflowJoinsHardWrappedParagraphsOnly() {
        let wrapped = """
            A study method that reviews material at increasing intervals, timed so that each review
            comes shortly before you would otherwise forget it.

            - a list item that is long enough to have been wrapped by its writer's editor
            and its lazy continuation line
            - short item
            ```
            let a = "a line of code that is long enough to look like wrapped prose"
            let b = 2
            ```
            Argon
            Neon
            """
        #expect(TextReflow.joinParagraphs(wrapped) == """
            A study method that reviews material at increasing intervals, timed so that each review \
            comes shortly before you would otherwise forget it.

            - a list item that is long enough to have been wrapped by its writer's editor \
            and its lazy continuation line
            - short item
            ```
            let a = "a line of code that is long enough to look like wrapped prose"
            let b = 2
            ```
            Argon
            Neon
            """)
        #expect(TextReflow.joinParagraphs("Paris") == "Paris")
    }

    @Test func wrapCutsOverlongWords() {
        let lines = TextWrapper.wrap("abcdefghij", width: 4)
        #expect(lines == ["abcd", "efgh", "ij"])
    }

    /// The byte-wise tokenizer for printable ASCII gives exactly what the character-wise one
    /// gives (runs of spaces, leading and trailing spaces), and declines any other text, so
    /// wrapping is the same either way.
    @Test func asciiTokenizerAgreesWithTheCharacterTokenizer() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("ab  .-~") + ["Z", " "]
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? " " })
            #expect(TextWrapper.tokenizePrintableASCII(text) == TextWrapper.tokenizeCharacters(text), "\(text)")
        }
        for other in ["a\tb", "caf\u{E9}", "\u{1B}[1mx", "a\r\nb", "\u{7F}", "日本"] {
            #expect(TextWrapper.tokenizePrintableASCII(other) == nil)
        }
    }

    @Test func wrapIgnoresEscapesAndCountsAccents() {
        let red = "\u{1B}[31mcafe\u{301}\u{1B}[0m"
        let lines = TextWrapper.wrap("\(red) au lait", width: 7)
        #expect(lines.map(ANSIStyle.strip) == ["café au", "lait"])
    }

    @Test func stripRemovesEscapesAndBells() {
        #expect(ANSIStyle.strip("he\u{07}\r\u{1B}[9Glp \u{1B}[1;32mok\u{1B}[0m") == "he\rlp ok")
    }

    @Test func colourPolicy() {
        #expect(Terminal.useColor(isTerminal: true, noColorFlag: false, environment: [:]))
        #expect(!Terminal.useColor(isTerminal: false, noColorFlag: false, environment: [:]))
        #expect(!Terminal.useColor(isTerminal: true, noColorFlag: true, environment: [:]))
        #expect(!Terminal.useColor(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": "1"]))
        #expect(Terminal.useColor(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": ""]))
        #expect(!Terminal.useColor(isTerminal: true, noColorFlag: false, environment: ["TERM": "dumb"]))
    }

    @Test func widthFromColumnsVariable() {
        #expect(Terminal.width(columnsVariable: "120") == 120)
        #expect(Terminal.width(columnsVariable: "abc") == 80)
        #expect(Terminal.width(columnsVariable: nil) == 80)
        #expect(Terminal.width(columnsVariable: "5") == 20)
    }

    @Test func outputStylesOnlyWithColour() {
        let buffer = OutputBuffer()
        let plain = Output.capturing(buffer)
        plain.line(plain.styled("x", .bold))
        let coloured = Output.capturing(buffer, color: true)
        coloured.write(coloured.styled("y", .bold, .red))
        #expect(buffer.text == "x\n\u{1B}[1;31my\u{1B}[0m")
    }

    /// What is printed inside `collecting` reaches the sink as one piece when it ends (also
    /// nested, and when it throws); outside it every call is a piece of its own.
    @Test func collectingWritesOnePiece() {
        var pieces: [String] = []
        let output = Output(color: false, width: 80) { pieces.append($0) }
        output.line("a")
        let value = output.collecting { () -> Int in
            output.line("b")
            output.collecting { output.write("c") }
            output.wrapped("d e", indent: 2)
            #expect(pieces == ["a\n"])
            return 7
        }
        #expect(value == 7)
        #expect(pieces == ["a\n", "b\ncd e\n"])
        struct Stop: Error {}
        #expect(throws: Stop.self) { try output.collecting { output.write("f"); throw Stop() } }
        output.collecting {}
        output.line("g")
        #expect(pieces == ["a\n", "b\ncd e\n", "f", "g\n"])
    }
}
