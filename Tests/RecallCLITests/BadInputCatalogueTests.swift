/// The cases of ``BadInputTests``, by kind of input (expected output regenerated with
/// `RECALL_BADINPUT_PRINT=1`, then read and kept only where the message is right).
enum BadInputCatalogue {
    /// A deck folder holding one bad deck, checked with `recall check`.
    static func deck(_ name: String, _ file: String, _ text: String, _ stderr: String, status: Int32 = 1) -> BadInput {
        BadInput(name: name, files: ["Decks/" + file: text], arguments: ["check"], stderr: stderr, status: status)
    }

    /// A deck folder holding one deck file with these bytes, checked with `recall check`.
    static func bytes(_ name: String, _ file: String, _ bytes: [UInt8], _ stderr: String) -> BadInput {
        BadInput(name: name, binaryFiles: ["Decks/" + file: bytes], arguments: ["check"], stderr: stderr, status: 1)
    }

    static let decks: [BadInput] = [
        deck("plain: question without answer", "P.txt", "Lonely question\n-\nQ\nA\n", """
                Decks/P.txt:1: error: empty answer
                note: the lines after the question 'Lonely question' are its answer; separate cards with a line holding only '-'

                """),
        deck("markdown: one-liner without answer", "M.md", "capital ::\nok :: fine\n", """
                Decks/M.md:1: error: empty answer
                note: write the answer to 'capital'

                """),
        deck("markdown: answer without question", "M.md", "A: floating\n", """
                Decks/M.md:1: error: 'A:' without a question
                note: start each card with a 'Q:' line, then its 'A:' line

                """),
        deck("markdown: question without answer", "M.md", "Q: no answer\n\nok :: fine\n", """
                Decks/M.md:1: error: missing 'A:' for this question
                note: write the answer on an 'A:' line after the question 'no answer…'

                """),
        deck("markdown: empty question", "M.md", "Q:\nA: answer\n", """
                Decks/M.md:1: error: empty question
                note: write the question before the answer 'answer'

                """),
        deck("markdown: empty answer", "M.md", "Q: question\nA:\n", """
                Decks/M.md:1: error: empty answer
                note: write the answer to 'question'

                """),
        deck("markdown: open front matter", "M.md", "---\ntitle: x\nq :: a\n", """
                Decks/M.md:1: error: front matter is not closed
                note: end it with a line holding only '---'

                """),
        deck("markdown: unclosed cloze", "M.md", "The {{c1::open end\n", """
                Decks/M.md:1:5: error: unclosed cloze '{{c1::'
                note: end the deletion with '}}', as in '{{c1::text}}'

                """),
        deck("markdown: cloze number 0", "M.md", "The {{c0::zero}} cloze\n", """
                Decks/M.md:1:5: error: cloze number 0 must be 1 or more
                note: number deletions from 'c1'

                """),
        deck("markdown: empty cloze", "M.md", "The {{c1::}} cloze\n", """
                Decks/M.md:1:5: error: empty cloze 'c1'
                note: put the hidden text between '::' and '}}', as in '{{c1::text}}'

                """),
        deck("markdown: cloze markup in a Q: question", "M.md", "Q: Made by {{c1::Apple}}\nA: Apple\n", """
                Decks/M.md:1: warning: cloze markup in a question with its own answer is shown as written, braces and all
                note: to ask it as a cloze, write it on a line of its own in a .md deck, as in '- Swift was introduced by {{c1::Apple}}.'

                """, status: 0),
        deck("markdown: duplicate card", "M.md", "same :: card\nsame :: card\n", """
                Decks/M.md:2: warning: duplicate card 'same'
                note: the same card is at Decks/M.md:1; cards whose question sides differ only in case or spacing are the same card, so this one is skipped

                """, status: 0),
        deck("csv: unclosed quote", "T.csv", "a,\"open\nb,c\n", """
                Decks/T.csv:1: error: unclosed quote
                note: end the quoted field with '"'; write a quote inside a quoted field as '""'

                """),
        deck("csv: column count", "T.csv", "#separator:Comma\na,b\nc,d,e\n", """
                Decks/T.csv:3: error: expected 2 columns, found 3
                note: fields are separated by Comma; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header

                """),
        deck("tsv: one column", "T.tsv", "a\tb\nonly\n", """
                Decks/T.tsv:2: error: expected 2 columns, found 1
                note: fields are separated by Tab; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header

                """),
        deck("tsv: empty question", "T.tsv", "a\tb\n\tanswer\n", """
                Decks/T.tsv:2: error: empty question
                note: write the question in the first column

                """),
        deck("tsv: empty answer", "T.tsv", "a\tb\nquestion\t\n", """
                Decks/T.tsv:2: error: empty answer
                note: write the answer to 'question' in the second column

                """),
        deck("csv: unknown separator", "T.csv", "#separator:Slash\na/b\n", """
                Decks/T.csv:1: error: unknown separator 'Slash'
                note: use Tab, Comma, Semicolon, Pipe, Colon, Space or a single character
                Decks/T.csv:2: error: a row needs a question and an answer, found one column
                note: fields are separated by Comma; put a field that holds the separator or a newline in double quotes, or set another with a '#separator:' header

                """),
        deck("csv: bad html header", "T.csv", "#html:maybe\na,b\n", """
                Decks/T.csv:1: error: '#html:' must be true or false, not 'maybe'

                """),
        deck("csv: bad column header", "T.csv", "#tags column:zero\na,b\n", """
                Decks/T.csv:1: error: '#tags column:' must be a column number from 1, not 'zero'

                """),
        bytes("deck: UTF-16 file", "U.txt", [0xFF, 0xFE, 0x51, 0, 0x0A, 0], """
                Decks/U.txt:1: error: the file is UTF-16 text, not UTF-8
                note: save it as UTF-8 (most editors offer this under 'Save As' or 'Encoding')

                """),
        bytes("deck: binary file", "B.txt", [0x51, 0, 1, 2, 3, 0x0A], """
                Decks/B.txt:1: error: binary file, not a deck
                note: deck files are UTF-8 text: plain (.txt), Markdown (.md) or delimited (.tsv, .csv)

                """),
        bytes("deck: invalid UTF-8", "I.txt", [0x51, 0x0A, 0xC3, 0x28, 0x0A], """
                Decks/I.txt:2:1: error: invalid UTF-8 (byte 0xC3)
                note: save the file as UTF-8; it may be in Latin-1 or Windows-1252

                """),
    ]

    static let cards = ["Decks/D.txt": "Q1\nA1\n-\nQ2\nA2\n"]
    static let goodLine = #"{"card":"1000000000000001","device":"d-a","dur":1000,"ev":"review","r":3,"t":1764061200000}"#

    static func with(_ more: [String: String]) -> [String: String] { cards.merging(more) { a, _ in a } }

    /// A collection with one review, then a bad progress file, then `recall stats`.
    static func progress(_ name: String, _ file: String, _ text: String, _ stderr: String,
                         status: Int32 = 1) -> BadInput {
        let path = "data/collections/decks/" + ["log": "reviews.jsonl", "settings": "settings.json"][file, default: "state.json"]
        return BadInput(name: name, files: cards, setup: ["review"], afterSetup: [path: text],
                        arguments: ["stats"], stderr: stderr, status: status)
    }

    static let progress: [BadInput] = [
        progress("log: corrupt line before the end", "log", "garbage\n" + goodLine + "\n", """
                ROOT/data/collections/decks/reviews.jsonl:1: error: expected '{' at the start of the line, found 'g'
                note: each line must be one JSON object such as {"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}; fix or delete the line, recall does not change the log while it is broken

                """),
        progress("log: unknown event", "log", goodLine.replacingOccurrences(of: "review", with: "frobnicate") + "\n" + goodLine + "\n", """
                ROOT/data/collections/decks/reviews.jsonl:1: error: unknown event 'frobnicate' (expected one of review, undo, suspend, unsuspend, bury, unbury, forget, setdue, reschedule)
                note: each line must be one JSON object such as {"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}; fix or delete the line, recall does not change the log while it is broken

                """),
        progress("log: bad card id", "log", goodLine.replacingOccurrences(of: "1000000000000001", with: "xyz") + "\n" + goodLine + "\n", """
                ROOT/data/collections/decks/reviews.jsonl:1: error: 'card' must be 16 hex digits
                note: each line must be one JSON object such as {"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}; fix or delete the line, recall does not change the log while it is broken

                """),
        progress("log: rating out of range", "log", goodLine.replacingOccurrences(of: "\"r\":3", with: "\"r\":7") + "\n" + goodLine + "\n", """
                ROOT/data/collections/decks/reviews.jsonl:1: error: 'r' must be 1 (again), 2 (hard), 3 (good) or 4 (easy), found 7
                note: each line must be one JSON object such as {"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}; fix or delete the line, recall does not change the log while it is broken

                """),
        progress("settings: not JSON", "settings", "{nope", """
                ROOT/data/collections/decks/settings.json:1: error: expected a string, found 'n'
                note: fix the file by hand, or delete it to go back to the default settings

                """),
        progress("settings: wrong type", "settings", #"{"new_per_day":"many"}"#, """
                recall: error: setting 'new_per_day' in 'ROOT/data/collections/decks/settings.json' has a value of the wrong type
                note: fix the value by hand, or delete the line to use the default

                """),
        progress("settings: out of range", "settings", #"{"new_per_day":-5}"#, """
                recall: error: 'ROOT/data/collections/decks/settings.json' holds an invalid setting: new cards per day is -5, expected 0 or more
                note: fix the value by hand, or delete the file to go back to the default settings

                """),
        progress("snapshot: newer schema", "state", #"{"cards":[],"schema":99}"#, """
                recall: error: 'ROOT/data/collections/decks/state.json' was written by a newer version of recall (schema 99; this version reads up to 2)
                note: update recall to use this collection; nothing was changed

                """),
    ]

    static let commandLines: [BadInput] = [
        BadInput(name: "merge: bad line in other log", files: with(["other.jsonl": "{\"card\":1}\n"]), arguments: ["merge", "other.jsonl"],
                 stderr: """
                other.jsonl:1: error: expected a string, found '1'
                note: each line must be one JSON object such as {"card":"0123456789abcdef","device":"d-1","dur":0,"ev":"review","r":3,"t":1764061200123}; fix or delete the line, recall does not change the log while it is broken

                """, status: 1),
        BadInput(name: "merge: missing file", files: cards, arguments: ["merge", "missing.jsonl"],
                 stderr: """
                recall: error: cannot find 'missing.jsonl'
                note: give another data folder, a collection folder or a reviews.jsonl file

                """, status: 1),
        BadInput(name: "unknown subcommand", arguments: ["revue"],
                 stderr: """
                Error: unknown command 'revue'
                Did you mean 'review'?
                Commands: shell, review, quiz, stats, decks, cards, postpone, advance, break, check, add, new, import, export, optimize, simulate, config, reschedule, merge, sync, replay, init
                  See 'recall --help' for more information.

                """, status: 64),
        BadInput(name: "unknown option", files: cards, arguments: ["review", "--colour"],
                 stderr: """
                Error: Unknown option '--colour'
                Usage: recall review [--decks <dir>] [--data <dir>] [<deck|#tag> ...] [--ahead <n>] [--failed] [--new <n>] [--lowest-r <n>] [--no-color]
                  See 'recall review --help' for more information.

                """, status: 64),
        BadInput(name: "config: unknown key", files: cards, arguments: ["config", "new_per_dya", "5"],
                 stderr: """
                Error: unknown setting 'new_per_dya'; run 'recall config' to list the settings
                Usage: recall config [--decks <dir>] [--data <dir>] [--no-color] [<key>] [<value>] [--reschedule] [--rename <new>]
                  See 'recall config --help' for more information.

                """, status: 64),
        BadInput(name: "config: not a number", files: cards, arguments: ["config", "new_per_day", "many"],
                 stderr: """
                Error: new_per_day: expected a whole number, found 'many'
                Usage: recall config [--decks <dir>] [--data <dir>] [--no-color] [<key>] [<value>] [--reschedule] [--rename <new>]
                  See 'recall config --help' for more information.

                """, status: 64),
        BadInput(name: "config: unknown deck", files: cards, arguments: ["config", "deck.DD.new_per_day", "5"],
                 stderr: """
                Error: no deck named 'DD'; did you mean 'D'?
                Usage: recall config [--decks <dir>] [--data <dir>] [--no-color] [<key>] [<value>] [--reschedule] [--rename <new>]
                  See 'recall config --help' for more information.

                """, status: 64),
        BadInput(name: "config: collection-only key for a deck", files: cards, arguments: ["config", "deck.D.enable_fuzz", "off"],
                 stderr: """
                Error: 'enable_fuzz' is set for the whole collection only; a deck can set desired_retention, new_per_day, reviews_per_day, learning_steps, relearning_steps, maximum_interval, parameters
                Usage: recall config [--decks <dir>] [--data <dir>] [--no-color] [<key>] [<value>] [--reschedule] [--rename <new>]
                  See 'recall config --help' for more information.

                """, status: 64),
        BadInput(name: "decks folder missing", arguments: ["check", "NoSuchDecks"],
                 stderr: """
                recall: error: no such file or folder 'NoSuchDecks'

                """, status: 1),
        BadInput(name: "import: missing file", files: cards, arguments: ["import", "missing.txt"],
                 stderr: """
                recall: error: cannot read 'missing.txt': no such file or directory

                """, status: 1),
        BadInput(name: "import: unsupported extension", files: with(["notes.pdf": "x"]), arguments: ["import", "notes.pdf"],
                 stderr: """
                recall: error: cannot read 'notes.pdf' as a deck: '.pdf' is not a deck format
                note: deck files end in .txt, .md, .tsv, .csv

                """, status: 1),
        BadInput(name: "import: --into not Markdown", files: with(["n.txt": "Q\nA\n"]), arguments: ["import", "n.txt", "--into", "n.txt"],
                 stderr: """
                Error: --into must name a Markdown deck file ending in '.md', not 'n.txt'
                Usage: recall import [--decks <dir>] [--data <dir>] [--no-color] <file> [--into <deckfile>] [--force] [--max-file-size <MiB>] [--max-total-size <MiB>]
                  See 'recall import --help' for more information.

                """, status: 64),
        BadInput(name: "import: damaged package", files: with(["d.apkg": "not a zip"]), arguments: ["import", "d.apkg"],
                 stderr: """
                recall: error: 'd.apkg' is not a zip file, as an Anki package (.apkg, .colpkg) is
                note: export it from Anki again; a partly downloaded file cannot be read

                """, status: 1),
        BadInput(name: "RECALL_NOW not a time", files: cards, env: ["RECALL_NOW": "yesterday"], arguments: ["stats"],
                 stderr: """
                recall: error: RECALL_NOW is set to 'yesterday', which is not an ISO-8601 time
                note: use a form like 2026-03-01T09:00:00Z or 2026-03-01T09:00:00+01:00

                """, status: 1),
        BadInput(name: "cards: bad query", files: cards, arguments: ["cards", "deck:Geo", "prop:r<<0.8"],
                 stderr: """
                recall: error: query column 10: 'prop:r<<0.8' needs a comparison after 'r'
                  deck:Geo prop:r<<0.8
                           ^
                note: write prop:NAME OP VALUE with NAME one of ivl, due, s, d, r, lapses, reps and OP one of = != < <= > >=, as in prop:ivl>=10

                """, status: 64),
        BadInput(name: "simulate: backwards range", files: cards, arguments: ["simulate", "--retention", "0.9..0.8"],
                 stderr: """
                Error: --retention: '0.9..0.8' runs backwards; write the lower retention first
                Usage: recall simulate [--decks <dir>] [--data <dir>] [--no-color] [--retention <list>] [--days <days>] [--seed <seed>] [--json]
                  See 'recall simulate --help' for more information.

                """, status: 64),
        BadInput(name: "break: not a date", files: cards, arguments: ["break", "2030-02-30", "2030-03-05"],
                 stderr: """
                Error: '2030-02-30' is not a date; write it as YYYY-MM-DD
                Usage: recall break [--decks <dir>] [--data <dir>] [--no-color] [<from to query> ...] [--list] [--cancel <id|from>] [--margin <percent>] [--dry-run] [--yes]
                  See 'recall break --help' for more information.

                """, status: 64),
        BadInput(name: "break: ends before it starts", files: cards, arguments: ["break", "2030-01-10", "2030-01-05"],
                 stderr: """
                recall: error: the break ends (2030-01-05) before it starts (2030-01-10)

                """, status: 64),
        BadInput(name: "break: cancel an unknown break", files: cards, arguments: ["break", "--cancel", "abcdef"],
                 stderr: """
                recall: error: no planned break 'abcdef'
                note: 'recall break --list' shows the planned breaks

                """, status: 1),
        BadInput(name: "postpone: nothing to undo", files: cards, arguments: ["postpone", "--undo"],
                 stderr: """
                recall: error: nothing to take back: no move of due dates was made on this device
                note: 'recall postpone --undo' takes back the last postpone or advance made here

                """, status: 1),
        BadInput(name: "add: card already there", files: cards, arguments: ["add", "D", "-q", "q1", "-a", "again"],
                 stderr: """
                recall: error: this card is already in the collection: 'Q1'
                note: it is at D.txt:1; cards whose questions differ only in case or spacing are the same card

                """, status: 1),
        BadInput(name: "add: unknown deck", files: cards, arguments: ["add", "Spanish", "-q", "perro", "-a", "dog"],
                 stderr: """
                recall: error: no deck named 'Spanish'
                note: create it with 'recall new Spanish'
                note: decks: D

                """, status: 1),
        BadInput(name: "add: a folder of decks", files: ["Decks/News/US.txt": "Q1\nA1\n"],
                 arguments: ["add", "News", "-q", "Q2", "-a", "A2"],
                 stderr: """
                recall: error: 'News' is a folder of decks, with no deck file of its own
                note: add the card to one of its decks: 'News::US'
                note: or give 'News' a file of its own with 'recall new News'

                """, status: 1),
        BadInput(name: "add: control character", files: cards, arguments: ["add", "D", "-q", "Q\u{1B}[31m3", "-a", "A3"],
                 stderr: """
                recall: error: the question holds the control character U+001B (escape)
                note: type the text again without it

                """, status: 1),
        BadInput(name: "add: tags in a .txt deck", files: cards, arguments: ["add", "D", "-q", "Q3", "-a", "A3", "--tags", "x"],
                 stderr: """
                recall: error: a .txt deck cannot hold tags
                note: leave out --tags, or add the card to a Markdown (.md) or .tsv deck

                """, status: 1),
        BadInput(name: "new: deck exists", files: cards, arguments: ["new", "d", "--format", "tsv"],
                 stderr: """
                recall: error: the deck 'D' already exists in 'D.txt'; nothing was written
                note: add cards to it with 'recall add D ...'

                """, status: 1),
        BadInput(name: "quiz: count 0", files: cards, arguments: ["quiz", "--count", "0"],
                 stderr: """
                Error: --count must be at least 1, not 0
                Usage: recall quiz [--decks <dir>] [--data <dir>] [<topic> ...] [--count <count>] [--mode <mode>] [--record] [--seed <n>] [--no-color]
                  See 'recall quiz --help' for more information.

                """, status: 64),
    ]
}
