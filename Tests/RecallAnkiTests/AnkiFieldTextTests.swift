import Foundation
import Testing
@testable import RecallAnki

@Suite struct AnkiFieldTextTests {
    static let cases: [(String, String)] = [
        ("What is the capital of <b>France</b>?", "What is the capital of France?"),
        ("The&nbsp;Nile<div>about 6,650&nbsp;km</div>", "The Nile\nabout 6,650 km"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("x &lt; y &amp;&amp; y &gt; z &#233;&#xE9; &bogus;", "x < y && y > z éé &bogus;"),
        ("<style>.c{}</style>text<script>alert(1)</script>", "text"),
        ("  many    spaces\n here  ", "many spaces here"),
        ("Which flag?<br><img src=\"flag of japan.png\">", "Which flag?\n[image: media/flag of japan.png]"),
        ("<img class=x src='a&amp;b.jpg' />", "[image: media/a&b.jpg]"),
        ("Listen: [sound:hola.mp3]", "Listen: [sound: media/hola.mp3]"),
        ("[sound:../../etc/passwd]", "[sound: media/_._.._etc_passwd]"),
        ("[not a sound]", "[not a sound]"),
    ]

    @Test(arguments: cases)
    func rendersFieldsAsTerminalText(html: String, text: String) {
        var renderer = AnkiFieldText()
        #expect(renderer.render(html) == text)
    }

    @Test func collectsMediaNames() {
        var renderer = AnkiFieldText()
        _ = renderer.render("<img src=\"a.png\"> [sound:b.mp3] <img src=c.gif>")
        #expect(renderer.media == ["a.png", "b.mp3", "c.gif"])
    }

    @Test func safeNamesNeverLeaveTheMediaFolder() {
        #expect(AnkiFieldText.safeName("../x.png") == "_._x.png")
        #expect(AnkiFieldText.safeName(".hidden") == "_hidden")
        #expect(AnkiFieldText.safeName("") == "_")
        #expect(AnkiFieldText.safeName("ok name.jpg") == "ok name.jpg")
        #expect(AnkiFieldText.safeName("a\u{0}b\u{1B}c\u{85}.png") == "a_b_c_.png")
        #expect(AnkiFieldText.safeName(String(repeating: "é", count: 200) + ".jpeg")
                == String(repeating: "é", count: 97) + ".jpeg")
    }
}
