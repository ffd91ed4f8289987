/// The example decks `recall init` writes: one short deck per format, each showing its
/// format's rules on a few cards about using Recall. Pure data.
public enum StarterDecks {
    /// A file `recall init` writes: its name in the new folder, what it shows, its text.
    public struct File: Sendable {
        public var name: String
        public var summary: String
        public var text: String
    }

    /// The plain format, the Markdown format and a tab-separated table, in that order.
    public static let files: [File] = [
        File(name: "Recall basics.txt",
             summary: "plain text: a question line, its answer, '-' between cards",
             text: """
                -
                How do you grade a card once its answer is shown?
                1 again, 2 hard, 3 good, 4 easy; Enter takes the suggested grade.
                -
                Which command lists the problems in your deck files?
                recall check
                -
                How do you take back the last answer during a review?
                Type :undo at the next prompt.

                """),
        File(name: "Markdown example.md",
             summary: "Markdown: 'question :: answer' lines, Q:/A: blocks, {{c1::clozes}}",
             text: """
                # Markdown example

                One card per line: a question, two colons, its answer. Lines like this one are notes.

                What separates a question from its answer on one line? :: two colons
                A deck file's `##` headings make {{c1::sub-decks}}.

                ## Longer answers
                tags: #markdown

                Q: What can an answer in a Q:/A: block hold?
                A: Several lines, *emphasis* and `code`:

                ```
                recall review "Markdown example"
                ```

                """),
        File(name: "Capitals.tsv",
             summary: "a table: question, answer and tags split by tabs, as Anki exports",
             text: """
                #separator:Tab
                #html:false
                #columns:Question\tAnswer\tTags
                What is the capital of France?\tParis\teurope
                What is the capital of Japan?\tTokyo\tasia
                What is the capital of Kenya?\tNairobi\tafrica

                """),
    ]
}
