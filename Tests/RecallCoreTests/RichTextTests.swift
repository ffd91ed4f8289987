import Testing
@testable import RecallCore

/// The rich-text reader: each kind of marker in, styled spans and blocks out.
struct RichTextTests {
    typealias Span = RichText.Span

    @Test(arguments: [
        ("**bold** and *italic*", [Span("bold", .bold), Span(" and "), Span("italic", .italic)]),
        ("__bold__ _italic_", [Span("bold", .bold), Span(" "), Span("italic", .italic)]),
        ("use `let x = 1`", [Span("use "), Span("let x = 1", .code)]),
        ("``a ` b``", [Span("a ` b", .code)]),
        ("see [docs](https://swift.org)", [Span("see docs"), Span(" (https://swift.org)", .dim)]),
        ("[https://a.b](https://a.b)", [Span("https://a.b")]),
        ("snake_case_name stays", [Span("snake_case_name stays")]),
        ("2 * 3 * 4 stays", [Span("2 * 3 * 4 stays")]),
        ("an *unclosed marker", [Span("an *unclosed marker")]),
        ("def f(*args, **kwargs)", [Span("def f(*args, **kwargs)")]),
        ("\\*not italic\\*", [Span("*not italic*")]),
        ("**bold *and italic***", [Span("bold ", .bold), Span("and italic", [.bold, .italic])]),
        ("it costs $5 or $10", [Span("it costs $5 or $10")]),
        ("$x^2$ squared", [Span("x²", .math), Span(" squared")]),
        ("<b>bold</b> <i>it</i> <code>c</code>", [Span("bold", .bold), Span(" "), Span("it", .italic), Span(" "), Span("c", .code)]),
        ("<strong>s</strong><em>e</em>", [Span("s", .bold), Span("e", .italic)]),
        ("a<br>b", [Span("a\nb")]),
        ("a<br>\nb", [Span("a\nb")]),
        ("<ul><li>one</li><li>two</li></ul>", [Span("- one\n- two")]),
        ("<ol><li>one</li><li>two</li></ol>", [Span("1. one\n2. two")]),
        ("<div>a</div><div>b</div>", [Span("a\nb")]),
        ("fish &amp; chips", [Span("fish & chips")]),
        ("Vec<T> and a < b", [Span("Vec<T> and a < b")]),
        ("<a href=\"https://x.org\">site</a>", [Span("site"), Span(" (https://x.org)", .dim)]),
        ("<span style=\"color:red\">red</span>", [Span("red")]),
    ])
    func inlineSpans(_ text: String, _ spans: [Span]) {
        #expect(RichText.blocks(text) == [.text(spans)])
    }

    /// Text without any marker takes a shorter road; it must end where the long one does.
    @Test(arguments: ["plain words", "  spaced out \n\n", "\n\nline one\nline two\n", " ", "",
                      "tabs\tand\r\nCRLF\r\n", "ünïcode – “quotes” 😀", "(parens) 2+2=4 a/b #tag"])
    func plainTextReadsAsTheMarkerReaderWouldReadIt(text: String) {
        #expect(!RichText.mayBeRich(text))
        let taken = RichInline.blocks(text, shortcut: false)
        #expect(RichText.blocks(text) == taken)
        #expect(RichInline.blocks(text, keepingEnds: true) == RichInline.blocks(text, keepingEnds: true, shortcut: false))
        #expect(taken.count <= 1)
    }

    @Test func fencedCodeKeepsItsLinesAndLanguage() {
        let text = "What does this print?\n```swift\nlet a = 1\n    print(a)  // **not bold**\n```\nafter"
        #expect(RichText.blocks(text) == [
            .text([Span("What does this print?")]),
            .code(lines: ["let a = 1", "    print(a)  // **not bold**"], language: "swift"),
            .text([Span("after")]),
        ])
    }

    @Test func unclosedFenceRunsToTheEnd() {
        #expect(RichText.blocks("~~~\na\n\nb") == [.code(lines: ["a", "", "b"], language: nil)])
    }

    @Test func htmlPreIsACodeBlock() {
        let text = "Code:<pre><code>if x &lt; 1 {\n    y()\n}</code></pre>done"
        #expect(RichText.blocks(text) == [
            .text([Span("Code:")]),
            .code(lines: ["if x < 1 {", "    y()", "}"], language: nil),
            .text([Span("done")]),
        ])
    }

    @Test func mediaSplitTheText() {
        let text = "The flag: ![flag of Peru](img/peru.png) and [sound:hola.mp3] ![audio](b.ogg) <img src=\"media/a.jpg\"> [image: media/c.png]"
        #expect(RichText.blocks(text) == [
            .text([Span("The flag:")]),
            .media(.init(.image, path: "img/peru.png")),
            .text([Span("and")]),
            .media(.init(.sound, path: "hola.mp3")),
            .media(.init(.sound, path: "b.ogg")),
            .media(.init(.image, path: "media/a.jpg")),
            .media(.init(.image, path: "media/c.png")),
        ])
        #expect(RichText.media(text).map(\.placeholder) == [
            "[image: peru.png]", "[sound: hola.mp3]", "[sound: b.ogg]", "[image: a.jpg]", "[image: c.png]",
        ])
    }

    @Test func speechShowsItsTextAndAsksToSpeakIt() {
        #expect(RichText.blocks("{{tts fr_FR:bonjour}}") == [
            .text([Span("bonjour")]),
            .media(.init(.speech(language: "fr_FR"), path: "bonjour")),
        ])
    }

    @Test func plainDropsMarkersAndKeepsText() {
        #expect(RichText.plain("**être** is *to be*") == "être is to be")
        #expect(RichText.plain("<b>x</b><br>y") == "x\ny")
        #expect(RichText.plain("no markers here") == "no markers here")
    }

    /// Control characters come through as text, shown visibly (the terminal side sanitizes
    /// card text first, and the reader again), not raw, vanished or splitting anything.
    @Test func controlCharactersStayText() {
        #expect(RichText.blocks("**a\u{1B}[31m**") == [.text([Span("a\u{241B}[31m", .bold)])])
    }

    /// An entity becomes a control character only while the text is read, after the card
    /// text was sanitized: it must come out visible too, never raw (`&#27;[8m` hid the rest
    /// of the line on a colour terminal, `&#x1b;]0;T&#7;` reached it as a title sequence).
    @Test(arguments: [
        ("a &#27;[8mhidden", [Span("a \u{241B}[8mhidden")]),
        ("<b>&#x1b;]0;T&#7;</b>", [Span("\u{241B}]0;T\u{2407}", .bold)]),
        ("rtl &#x202E;gnp.exe &#155;2J", [Span("rtl gnp.exe \u{FFFD}2J")]),
        ("keeps &#9;tab and &#10;line", [Span("keeps \ttab and \nline")]),
    ])
    func entitiesNeverDecodeToControls(_ text: String, _ spans: [Span]) {
        #expect(RichText.blocks(text) == [.text(spans)])
    }

    @Test func entitiesInCodeAndMediaNeverDecodeToControls() {
        #expect(RichText.blocks("<pre>x&#27;[2J</pre>") == [.code(lines: ["x\u{241B}[2J"], language: nil)])
        #expect(RichText.blocks("<img src=\"a&#27;]0;T&#7;.png\">") == [.media(.init(.image, path: "a\u{241B}]0;T\u{2407}.png"))])
    }
}
