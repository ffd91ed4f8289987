import Testing
@testable import RecallCore

@Suite struct DeckDelimitedParserTests {
    private func tsv(_ text: String) -> ParsedDeck {
        parseDeck(text, DeckFormat(fileExtension: "tsv") ?? .plain, file: "Geo.tsv", deck: "Geo")
    }

    private func csv(_ text: String) -> ParsedDeck {
        parseDeck(text, DeckFormat(fileExtension: "csv") ?? .plain, file: "Geo.csv", deck: "Geo")
    }

    @Test(arguments: [
        ("France\tParis\nJapan\tTokyo\n", ["France | Paris", "Japan | Tokyo"]),
        ("France\tParis\r\nJapan\tTokyo", ["France | Paris", "Japan | Tokyo"]),
        ("\u{FEFF}France\tParis\n\nJapan\tTokyo\n", ["France | Paris", "Japan | Tokyo"]),  // BOM, blank line
        ("#separator:Comma\nFrance,Paris\n", ["France | Paris"]),
        ("#separator:;\nFrance;Paris\n", ["France | Paris"]),
        ("#separator:Pipe\nFrance|Paris\n", ["France | Paris"]),
        ("#separator:Space\nFrance Paris\n", ["France | Paris"]),
        ("\"A \"\"quoted\"\" word\"\t\"two\nlines\"\n", ["A \"quoted\" word | two\nlines"]),
        ("q\ta\textra field\n", ["q | a\nextra field"]),
        ("# a comment line\n#notetype:Basic\nq\ta\n", ["q | a"]),
    ])
    func rows(text: String, expected: [String]) {
        let deck = tsv(text)
        #expect(pairs(deck) == expected)
        #expect(deck.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("France,Paris\n\"Tokyo, Japan\",Japan\n", ["France | Paris", "Tokyo, Japan | Japan"]),
        ("France;Paris\nJapan;Tokyo\n", ["France | Paris", "Japan | Tokyo"]),  // guessed separator
        ("France\tParis, the capital\n", ["France | Paris, the capital"]),
    ])
    func csvGuessesTheSeparator(text: String, expected: [String]) {
        #expect(pairs(csv(text)) == expected)
    }

    @Test func ankiHeaders() {
        let text = """
            #separator:tab
            #html:true
            #tags:geo europe
            #columns:Front\tBack\tTags
            #deck:World::Capitals
            France\tParis<br>on the <b>Seine</b> &amp; more\tcity
            Spain\t<div>Madrid</div><div>since 1561</div>\t

            """
        let deck = tsv(text)
        #expect(deck.diagnostics.isEmpty)
        #expect(pairs(deck) == ["France | Paris\non the Seine & more", "Spain | Madrid\nsince 1561"])
        #expect(deck.cards.map(\.tags) == [["geo", "europe", "city"], ["geo", "europe"]])
        #expect(deck.cards.map(\.deck) == ["World::Capitals", "World::Capitals"])
        #expect(deck.cards.map(\.source.line) == [6, 7])
        #expect(deck.decks == ["Geo", "World::Capitals"])
    }

    @Test func ankiExportColumns() {
        let text = "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
            + "abc\tBasic\tLang::Spanish\tperro\tdog\tanimal noun\n"
        let deck = tsv(text)
        #expect(deck.diagnostics.isEmpty)
        #expect(pairs(deck) == ["perro | dog"])
        #expect(deck.cards.first?.deck == "Lang::Spanish")
        #expect(deck.cards.first?.tags == ["animal", "noun"])
    }

    @Test func clozeRows() {
        let deck = tsv("#notetype:Cloze\nThe {{c1::Rhine}} flows into the {{c2::North Sea}}\t\n")
        #expect(pairs(deck) == [
            "The [...] flows into the North Sea | The Rhine flows into the North Sea",
            "The Rhine flows into the [...] | The Rhine flows into the North Sea",
        ])
    }

    @Test(arguments: [
        ("France\tParis\nJapan\n", [
            "Geo.tsv:2: error: expected 2 columns, found 1\nnote: fields are separated by Tab; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header",
        ]),
        ("#columns:Front\tBack\nFrance\tParis\textra\n", [
            "Geo.tsv:2: error: expected 2 columns, found 3\nnote: fields are separated by Tab; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header",
        ]),
        ("#colour:red\nq\ta\n", [
            "Geo.tsv:1: warning: unknown header '#colour:'\nnote: known headers: #separator:, #html:, #tags:, #columns:, #deck:, #notetype:, #tags column:, #deck column:, #notetype column:, #guid column:, #if matches:",
        ]),
        ("#separator:Dash\nq-a\n", [
            "Geo.tsv:1: error: unknown separator 'Dash'\nnote: use Tab, Comma, Semicolon, Pipe, Colon, Space or a single character",
            "Geo.tsv:2: error: a row needs a question and an answer, found one column\nnote: fields are separated by Tab; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header",
        ]),
        ("#html:maybe\nq\ta\n", ["Geo.tsv:1: error: '#html:' must be true or false, not 'maybe'"]),
        ("#tags column:zero\nq\ta\n", ["Geo.tsv:1: error: '#tags column:' must be a column number from 1, not 'zero'"]),
        ("q\ta\n\"open\tquote\n", [
            "Geo.tsv:2: error: unclosed quote\nnote: end the quoted field with '\"'; write a quote inside a quoted field as '\"\"'",
        ]),
        ("\ta\nq\t\n", [
            "Geo.tsv:1: error: empty question\nnote: write the question in the first column",
            "Geo.tsv:2: error: empty answer\nnote: write the answer to 'q' in the second column",
        ]),
        ("just one column\n", [
            "Geo.tsv:1: error: a row needs a question and an answer, found one column\nnote: fields are separated by Tab; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header",
        ]),
    ])
    func errors(text: String, expected: [String]) {
        #expect(rendered(tsv(text)) == expected)
    }

    @Test func headersOnlyIsAnEmptyDeck() {
        #expect(rendered(tsv("#separator:Tab\n#html:false\n")) == [
            "Geo.tsv:1: warning: no cards in this file\nnote: write one card per row: the question, the separator, then the answer",
        ])
    }

    @Test func lineNumbersAfterQuotedNewlines() {
        let deck = tsv("\"a\nb\nc\"\tx\nq\n")
        #expect(deck.diagnostics.map(\.headline) == ["Geo.tsv:4: error: expected 2 columns, found 1"])
    }

    @Test func htmlRendering() {
        #expect(HTMLText.render("<ul><li>one</li><li>two &lt;3</li></ul>") == "- one\n- two <3")
        #expect(HTMLText.render("a&nbsp;b &#233; &#x1F600; &bogus; <script>x()</script>c") == "a b é 😀 &bogus; c")
        #expect(HTMLText.render("line<br/>  next <i>word</i>") == "line\nnext word")
        #expect(HTMLText.render("no tags at all") == "no tags at all")
    }
}
