import Foundation
import Testing
import RecallTestSupport

/// `recall export --anki FILE` through the built binary: Markdown rendered to the HTML Anki
/// shows, and an existing FILE kept unless --force. `Tests/RecallAnkiTests/check_export_in_anki.py`
/// imports the same deck's export into Anki's own engine and checks the fields there.
@Suite struct ExportCommandTests {
    let root = RecallProcess.temporaryDirectory("recall-export")

    /// The deck the Anki check script exports too (keep the two the same).
    static let frenchDeck = """
        # French

        The past participle of *être* is {{c1::été}}.
        Is 2 < 3 & 4 > 1? :: yes, **always**
        Which Swift call prints? :: `print(a < b)`

        Q: How do you print two values?
        A: Call `print` with both:

        ```swift
        let a = 1 < 2 && true
        print(a, "ok")
        ```

        """

    @Test func rendersMarkdownToAnkiHTML() throws {
        RecallProcess.write(["Decks/French.md": Self.frenchDeck, "Decks/Plain.txt": "5 * 3 * 2?\n30 < 31\n"], under: root)
        let result = runRecall(["export", "--anki", "out.txt", "--decks", "Decks"], cwd: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "exported 5 notes (5 cards) to out.txt\n")
        let text = try String(contentsOf: root.appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == [
            "#separator:tab", "#html:true", "#notetype column:1", "#tags column:4", "#deck column:5",
            "Cloze\tThe past participle of <em>être</em> is {{c1::été}}.\t\t\tFrench",
            "Basic\tIs 2 &lt; 3 &amp; 4 &gt; 1?\tyes, <strong>always</strong>\t\tFrench",
            "Basic\tWhich Swift call prints?\t<code>print(a &lt; b)</code>\t\tFrench",
            "Basic\tHow do you print two values?\t\"<p>Call <code>print</code> with both:</p>"
                + "<pre><code class=\"\"language-swift\"\">let a = 1 &lt; 2 &amp;&amp; true<br>print(a, \"\"ok\"\")</code></pre>\"\t\tFrench",
            // Plain-text decks are not Markdown: their text is only escaped.
            "Basic\t5 * 3 * 2?\t30 &lt; 31\t\tPlain",
            "",
        ])
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        RecallProcess.write(["Decks/Plain.txt": "Q?\nA\n", "out.txt": "keep me\n"], under: root)
        let refused = runRecall(["export", "--anki", "out.txt", "--decks", "Decks"], cwd: root)
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        #expect(refused.stderr == """
            recall: error: 'out.txt' already exists; nothing was written
            note: use --force to replace it, or give --anki another file name

            """)
        #expect(try String(contentsOf: root.appendingPathComponent("out.txt"), encoding: .utf8) == "keep me\n")
        let forced = runRecall(["export", "--anki", "out.txt", "--force", "--decks", "Decks"], cwd: root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("out.txt"), encoding: .utf8).hasPrefix("#separator:tab\n"))
    }
}
