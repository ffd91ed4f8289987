import Foundation
import RecallCore
import Testing
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
