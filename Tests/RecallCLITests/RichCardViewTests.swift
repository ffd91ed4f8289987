import Foundation
import RecallCore
import Testing
import RecallTestSupport
@testable import RecallCLI

/// How a rich card side looks on screen, with and without colour (exact bytes).
struct RichCardViewTests {
    func shown(_ text: String, color: Bool, width: Int = 40, answer: Bool = false) -> String {
        let buffer = OutputBuffer()
        let view = CardView(output: .capturing(buffer, color: color, width: width))
        if answer { view.answer(text) } else { view.question(text) }
        return buffer.text
    }

    @Test func markersAreRemovedWithoutColour() {
        #expect(shown("**Bold**, *italic*, `code` and [a link](https://x.org)", color: false)
                == "  Bold, italic, code and a link\n  (https://x.org)\n")
    }

    @Test func eachStyleHasItsOwnEscapeInColour() {
        let esc = "\u{1B}["
        #expect(shown("**B** *I* `C` [L](u)", color: true)
                == "  \(esc)1mB \(esc)0;1;3mI\(esc)0;1m \(esc)0;1;33mC\(esc)0;1m L\(esc)0;1;2m (u)\(esc)0m\n")
        #expect(shown("plain answer", color: true, answer: true) == "  \(esc)32mplain answer\(esc)0m\n")
    }

    @Test func stylesSurviveWrapping() {
        let esc = "\u{1B}["
        #expect(shown("one two **three four five six seven eight** nine", color: true, width: 22, answer: true)
                == "  \(esc)32mone two \(esc)0;32;1mthree four\(esc)0m\n  \(esc)32;1mfive six seven eight\(esc)0m\n  \(esc)32mnine\(esc)0m\n")
    }

    @Test func codeBlocksKeepTheirLinesAndCutLongOnes() {
        let text = "Output?\n```\nif a {\n\treturn \"a very long line indeed\"\n}\n```"
        #expect(shown(text, color: false, width: 30) == """
              Output?
                if a {
                    return "a very long l…
                }

            """)
        let esc = "\u{1B}["
        #expect(shown("```\nx\n```", color: true, width: 30) == "    \(esc)1;33mx\(esc)0m\n")
    }

    @Test func htmlFieldsLookLikeMarkdown() {
        #expect(shown("<b>être</b><br><ul><li>suis</li><li>es</li></ul>", color: false)
                == "  être\n  - suis\n  - es\n")
    }

    @Test func mediaShowAsPlaceholdersWithoutAViewer() {
        #expect(shown("Which flag? ![Peru](peru.png) [sound:hola.mp3]", color: false)
                == "  Which flag?\n  [image: peru.png]\n  [sound: hola.mp3]\n")
    }

    /// Card text cannot smuggle an escape in around the styles Recall adds: every control
    /// character in it is shown as a picture, inside and outside styled spans and code.
    @Test func cardTextCannotInjectEscapes() {
        let hostile = "**a\u{1B}[31m** `\u{1B}]0;t\u{07}`\n```\n\u{9B}2J\u{1B}[2J\n```"
        let out = shown(hostile, color: true)
        let escapes = out.components(separatedBy: "\u{1B}").count - 1
        let ours = out.components(separatedBy: "\u{1B}[").count - 1
        #expect(escapes == ours)
        #expect(!out.contains("\u{07}") && !out.contains("\u{9B}"))
        #expect(ANSIStyle.strip(out) == "  a␛[31m ␛]0;t␇\n    �2J␛[2J\n")
    }
}

/// Hints and typed answers work on the answer as shown.
struct RichAnswerPipeTests {
    @Test func hintsAndVerdictsIgnoreMarkersAndReadFormulas() throws {
        let root = RecallProcess.temporaryDirectory("recall-rich-pipe")
        defer { try? FileManager.default.removeItem(at: root) }
        RecallProcess.write(["Maths.md": """
            Which keyword declares a constant? :: `let`
            What is $\\frac{d}{dx} x^2$? :: $2x$
            Which letter is $\\alpha$? :: alpha

            """], under: root.appendingPathComponent("Decks"))
        let r = runRecall(["review", "--decks", root.appendingPathComponent("Decks").path,
                           "--data", root.appendingPathComponent("data").path],
                          env: ["RECALL_NOW": "2026-03-01T09:00:00Z", "NO_COLOR": "1", "COLUMNS": "80", "TZ": "UTC"],
                          stdin: ":hint\nlet\n3\n2x\n3\n:quit\n")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(16)) == [
            "",
            "Maths  new  3 left: 3 new · 0 learning · 0 due",
            "  Which keyword declares a constant?",
            "  hint: l__",
            "  let",
            "  correct",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 9d  (Enter: good)",
            "  → good (<10m)",
            "",
            "Maths  new  3 left: 2 new · 1 learning · 0 due",
            "  What is d/dx x²?",
            "  2x",
            "  correct",
            "  1 again <1m  2 hard <6m  3 good <10m  4 easy 8d  (Enter: good)",
            "  → good (<10m)",
            "",
        ])
    }
}

/// Output that is not a terminal gets text, whatever terminal the environment names.
struct ImagesInAPipeTests {
    @Test(arguments: ["iterm2", "kitty", "sixel"])
    func aPipeGetsThePlaceholderEvenWhenAProtocolIsForced(_ protocolName: String) throws {
        let root = RecallProcess.temporaryDirectory("recall-images-pipe")
        defer { try? FileManager.default.removeItem(at: root) }
        let decks = root.appendingPathComponent("Decks")
        RecallProcess.write(["Flags.md": "Q: Which flag?\n![a flag](flag.png)\nA: Chile\n"], under: decks)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
                            0, 0, 0, 4, 0, 0, 0, 2]
        try Data(png).write(to: decks.appendingPathComponent("flag.png"))
        let r = runRecall(["review", "--decks", decks.path, "--data", root.appendingPathComponent("data").path],
                          env: ["RECALL_NOW": "2026-03-01T09:00:00Z", "RECALL_IMAGES": protocolName,
                                "TERM": "xterm-kitty", "TZ": "UTC"],
                          stdin: "\n3\n")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(5)) == [
            "", "Flags  new  1 left: 1 new · 0 learning · 0 due", "  Which flag?", "  [image: flag.png]", "  Chile",
        ])
        #expect(!r.stdout.contains("\u{1B}"))
    }
}

/// The diff under a typed formula marks the operators it gets wrong.
struct FormulaDiffTests {
    @Test func aWrongSignIsMarked() {
        let buffer = OutputBuffer()
        let view = CardView(output: .capturing(buffer, color: false, width: 80))
        view.diff(typed: "a² - 2ab + b²", answer: "$a^2 + 2ab + b^2$", match: .wrong)
        #expect(buffer.text == """
              you typed: a² - 2ab + b²
                            ^
              answer:    a² + 2ab + b²
                            ^
              not quite

            """)
    }
}

/// A cloze deletion inside a formula: the formula is converted on both sides.
struct ClozeInFormulaViewTests {
    func answerShown(_ text: String, color: Bool) throws -> String {
        let (cloze, problems) = ClozeText.parse(text)
        #expect(problems.isEmpty)
        let parsed = try #require(cloze)
        let card = try #require(DeckNote(content: .cloze(parsed), deck: "M", tags: [], line: 1).cards(file: "M.md").first)
        let buffer = OutputBuffer()
        CardView(output: .capturing(buffer, color: color, width: 80)).answer(card)
        return buffer.text
    }

    @Test func theFormulaAroundADeletionIsConverted() throws {
        #expect(try answerShown("Euler: $e^{i\\pi} + {{c1::1}} = 0$", color: false) == "  Euler: e^(iπ) + [1] = 0\n")
        #expect(try answerShown("Area: {{c1::$\\pi r^2$}}, $x$ {{c1::$\\alpha$}}", color: false) == "  Area: [π r²], x [α]\n")
        #expect(try answerShown("No formula: {{c1::**bold**}} here", color: false) == "  No formula: [bold] here\n")
        let colored = try answerShown("$a + {{c1::b}}$", color: true)
        #expect(colored.contains("\u{1B}[1;4") || colored.contains(";1;4m"))
        #expect(!colored.contains("$"))
    }
}
