import Testing
@testable import RecallCore

/// The one sanitizer for untrusted text on its way to a terminal.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain text, tab\tand\nnewline", "plain text, tab\tand\nnewline"),
        ("Q \u{1B}]0;T\u{07}?", "Q \u{241B}]0;T\u{2407}?"),
        ("cr\rdel\u{7F}nul\u{0}", "cr\u{240D}del\u{2421}nul\u{2400}"),
        ("csi\u{9B}2J nel\u{85}", "csi\u{FFFD}2J nel\u{FFFD}"),
        ("a\u{202E}b\u{2066}c\u{2069}d\u{202A}", "abcd"),
        ("é ü 日本 \u{200F}", "é ü 日本 \u{200F}"),
    ])
    func sanitizes(_ input: String, _ expected: String) {
        #expect(TerminalText.sanitized(input) == expected)
        #expect(TerminalText.needsSanitizing(input) == (input != expected))
    }

    @Test func oneLineValuesShowNewlines() {
        #expect(TerminalText.sanitized("deck\nname", keepingNewlines: false) == "deck\u{240A}name")
        #expect(TerminalText.sanitized("deck\tname", keepingNewlines: false) == "deck\tname")
    }

    @Test func everyControlIsCaught() {
        for value in Array(0x00...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069) {
            guard let scalar = Unicode.Scalar(UInt32(value)), value != 0x09, value != 0x0A,
                  value < 0x20 || value >= 0x7F else { continue }
            let clean = TerminalText.sanitized("x\(scalar)y")
            #expect(!clean.unicodeScalars.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func deckWarnsAtEachLineWithAControl() {
        let parsed = DeckParser.parse(text: "a \u{1B}[2J :: b\nc :: d\u{202E}\ne\r :: f\r\n", file: "x.md", deck: "x",
                                      format: .markdown)
        #expect(parsed.diagnostics.map(\.headline) == [
            "x.md:1:3: warning: control character U+001B (escape); it is shown as '\u{241B}'",
            "x.md:2:7: warning: bidirectional control character U+202E (right-to-left override); it is left out when shown",
            "x.md:3:2: warning: control character U+000D (carriage return); it is shown as '\u{240D}'",
        ])
    }

    @Test func windowsLineEndsAreNoControls() {
        let parsed = DeckParser.parse(bytes: Array("a :: b\r\nc :: d\r\n".utf8), file: "x.md", deck: "x", format: .markdown)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.cards.count == 2)
    }
}

/// Deck lines over the stated limit are refused with their line, before any parsing.
@Suite struct LongLineTests {
    @Test(arguments: [DeckFormat.markdown, .plain, .delimited(defaultSeparator: 0x09)])
    func lineOverTheLimitIsAnError(format: DeckFormat) {
        var bytes = Array("Q :: A\n".utf8)
        bytes += [UInt8](repeating: 0x61, count: DeckSource.maximumLineLength + 1)
        bytes += Array("\nQ2 :: A2\n".utf8)
        let parsed = DeckParser.parse(bytes: bytes, file: "big.md", deck: "big", format: format)
        #expect(parsed.diagnostics.map(\.headline)
            == ["big.md:2: error: line is too long: 1048577 bytes; deck lines are limited to 1 MiB (1048576 bytes)"])
        #expect(parsed.cards.isEmpty)
    }

    @Test func lineAtTheLimitIsRead() {
        let bytes = Array("Q :: ".utf8) + [UInt8](repeating: 0x61, count: DeckSource.maximumLineLength - 5) + [0x0A]
        let parsed = DeckParser.parse(bytes: bytes, file: "big.md", deck: "big", format: .markdown)
        #expect(parsed.cards.count == 1)
        #expect(!parsed.hasErrors)
    }
}
