import Foundation
import Testing
@testable import RecallAnki
import RecallCore

/// The export reads back through Recall's own Anki-text (delimited) parser.
@Suite struct AnkiTextExportTests {
    static func notes() throws -> [DeckNote] {
        let parsed: ClozeText? = ClozeText.parse("{{c1::Newton}} wrote the laws of {{c2::motion}}").cloze
        let cloze = try #require(parsed)
        return [
            DeckNote(content: .basic(question: "2 < 3 & 4 > 1?", answer: "yes\nalways"), deck: "Maths",
                     tags: ["logic", "easy"], line: 1),
            DeckNote(content: .twoWay(question: "el perro", answer: "the dog"), deck: "Languages::Spanish",
                     tags: [], line: 2),
            DeckNote(content: .cloze(cloze), deck: "Science::Physics", tags: ["physics"], line: 3),
            DeckNote(content: .basic(question: "Say \"hi\"\tnow", answer: "ok"), deck: "Maths", tags: [], line: 4),
        ]
    }

    /// A Markdown deck's notes are rendered; a plain deck's are only escaped.
    @Test func rendersMarkdownNotesOnly() throws {
        let note = DeckNote(content: .basic(question: "*être*?", answer: "`a<b`"), deck: "French", tags: [], line: 1)
        let text = AnkiTextExport.render([AnkiTextExport.Item(note: note, isMarkdown: true),
                                          AnkiTextExport.Item(note: note, isMarkdown: false)])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[5] == "Basic\t<em>être</em>?\t<code>a&lt;b</code>\t\tFrench")
        #expect(lines[6] == "Basic\t*être*?\t`a&lt;b`\t\tFrench")
    }

    @Test func writesAnkiHeadersAndEscapedFields() throws {
        let text = AnkiTextExport.render(try Self.notes())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == ["#separator:tab", "#html:true", "#notetype column:1", "#tags column:4", "#deck column:5"])
        #expect(lines[5] == "Basic\t2 &lt; 3 &amp; 4 &gt; 1?\tyes<br>always\tlogic easy\tMaths")
        #expect(lines[6] == "Basic (and reversed card)\tel perro\tthe dog\t\tLanguages::Spanish")
        #expect(lines[7] == "Cloze\t{{c1::Newton}} wrote the laws of {{c2::motion}}\t\tphysics\tScience::Physics")
        #expect(lines[8] == "Basic\t\"Say \"\"hi\"\"\tnow\"\tok\t\tMaths")
    }

    static func untabbed(_ content: DeckNote.Content) -> DeckNote.Content {
        if case let .basic(q, a) = content {
            return .basic(question: q.replacingOccurrences(of: "\t", with: " "), answer: a)
        }
        return content
    }

    @Test func roundTripsThroughTheDelimitedParser() throws {
        let notes = try Self.notes()
        let parsed = DeckParser.parse(text: AnkiTextExport.render(notes), file: "export.txt", deck: "export",
                                      format: .delimited(defaultSeparator: 0x09))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.notes.count == notes.count)
        for (back, original) in zip(parsed.notes, notes) {
            #expect(back.deck == original.deck)
            // HTML collapses a tab to a space, in Anki as in Recall.
            let original = DeckNote(content: Self.untabbed(original.content), deck: original.deck,
                                    tags: original.tags, line: original.line)
            #expect(back.tags.sorted() == original.tags.sorted())
            switch (back.content, original.content) {
            case let (.basic(q, a), .basic(q0, a0)), let (.basic(q, a), .twoWay(q0, a0)):
                #expect(q == q0)
                #expect(a == a0)
            case let (.cloze(x), .cloze(y)):
                #expect(x.raw == y.raw)
            default:
                Issue.record("note kind changed: \(back.content) from \(original.content)")
            }
        }
    }
}

/// The Markdown-to-HTML rules on their own.
@Suite struct AnkiMarkdownHTMLTests {
    @Test(arguments: [
        ("*être*", "<em>être</em>"),
        ("5 * 3 * 2 = 30", "5 * 3 * 2 = 30"),
        ("snake_case_name", "snake_case_name"),
        ("Vec<T> & co", "Vec&lt;T&gt; &amp; co"),
        ("`Vec<T>` and `a_b_c`", "<code>Vec&lt;T&gt;</code> and <code>a_b_c</code>"),
        ("one\ntwo", "one two"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        // Formulas leave as the MathJax delimiters Anki renders, their LaTeX untouched.
        ("$a_{ij} * b_{ij}$ and $x^2$", "\\(a_{ij} * b_{ij}\\) and \\(x^2\\)"),
        ("$$\\frac{1}{2} < 1$$", "\\[\\frac{1}{2} &lt; 1\\]"),
        ("\\(\\alpha\\) and \\[\\beta\\]", "\\(\\alpha\\) and \\[\\beta\\]"),
        ("**$e^{i\\pi}$** is `$x$`", "<strong>\\(e^{i\\pi}\\)</strong> is <code>$x$</code>"),
        ("it costs $5 or $10", "it costs $5 or $10"),
    ])
    func renders(markdown: String, html: String) {
        #expect(AnkiMarkdownHTML.render(markdown) == html)
    }
}
