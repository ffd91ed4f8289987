import Foundation
import RecallCore
import Testing
@testable import RecallCLI
import RecallTestSupport

@Suite struct REPLTests {
    let cards = [
        card("Capital of France?", "Paris", tags: ["europe"], line: 1),
        card("Capital of Japan?", "Tokyo", tags: ["asia"], line: 3),
        card("let or var for constants?", "let", deck: "Swift", line: 1),
    ]

    @Test func greetingShowsCountsPerDeck() {
        let h = REPLHarness(cards: cards, lines: ["quit"])
        h.runShell()
        #expect(h.text.lines.contains("Recall — 2 decks, 3 cards. Today:"))
        #expect(h.text.lines.contains("  Geo       2 new     0 learning     0 due"))
        #expect(h.text.lines.contains("  Swift     1 new     0 learning     0 due"))
        #expect(h.text.contains("\n  Swift     1 new     0 learning     0 due\n  Total     3 new     0 learning     0 due\n"))
        #expect(h.reader.prompts == ["recall> "])
        #expect(h.reader.history == ["quit"])
    }

    @Test func fullReviewOfADeckLogsEveryAnswer() {
        // Reveal + grade for each card; learning cards come back (learn-ahead) until they graduate.
        let h = REPLHarness(cards: cards, lines: ["review Geo", "", "4", "", "4", "quit"])
        h.runShell()
        #expect(h.data.log.map(\.event) == [.review, .review])
        #expect(h.data.log.map(\.rating) == [.easy, .easy])
        #expect(h.text.lines.contains("Geo  new  2 left: 2 new · 0 learning · 0 due"))
        #expect(h.text.lines.contains("  Capital of France?"))
        #expect(h.text.lines.contains("  Paris"))
        #expect(h.text.lines.contains("  1 again <1m  2 hard <6m  3 good <10m  4 easy 7d"))
        #expect(h.text.lines.contains { $0.hasPrefix("Session done: 2 cards · 0 again · ") })
        #expect(h.reader.prompts.filter { $0 == "grade> " }.count == 2)
    }

    @Test func typedAnswerWithTypoShowsDiffAndEnterTakesSuggestion() {
        let h = REPLHarness(cards: [cards[0]], lines: ["review", "Pariss", "", ":quit", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("  you typed: Pariss"))
        #expect(h.text.lines.contains("                  ^"))
        #expect(h.text.lines.contains("  almost (1 typo)"))
        #expect(h.text.lines.contains("  1 again <1m  2 hard <6m  3 good <10m  4 easy 7d  (Enter: hard)"))
        #expect(h.data.log.first?.rating == .hard)
    }

    @Test func undoLogsAnUndoAndShowsTheCardAgain() {
        let h = REPLHarness(cards: Array(cards.prefix(2)), lines: ["review", "", "1", ":undo", "", "3", ":quit", "quit"])
        h.runShell()
        #expect(h.data.log.map(\.event) == [.review, .undo, .review])
        #expect(h.data.log[1].target == h.data.log[0].time)
        #expect(h.data.log[2].card == h.data.log[0].card)
        #expect(h.data.log[2].rating == .good)
        #expect(h.text.lines.contains("  undone: the card is back"))
    }

    @Test func interruptedLineIsDroppedAndEndOfInputEndsCleanly() {
        let inputs: [LineInput] = [.line("review"), .interrupted, .line(""), .interrupted, .line("3"), .end]
        let h = REPLHarness(cards: [cards[0]], lines: [], inputs: inputs)
        h.runShell()
        #expect(h.data.log.count == 1)
        #expect(h.text.lines.contains { $0.hasPrefix("Session done: 1 card · 0 again · ") })
    }

    @Test func failedAppendStopsTheSession() {
        let h = REPLHarness(cards: cards, lines: ["review", "", "3", "review", "", "3", "quit"])
        h.data.failNextAppend = true
        h.runShell()
        #expect(h.data.log.isEmpty)  // the second review never ran: a script stops at a failed save
        #expect(h.errors.text == "recall: error: could not save to the review log: disk full\n"
            + "note: the session stopped here; the answers before this one are saved\n")
        #expect(h.context.saveFailed)
    }

    @Test func hintInfoBuryAndSuspend() {
        let h = REPLHarness(cards: cards, lines: ["review", ":hint", ":hint", ":info", ":bury", ":suspend", ":quit", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("  hint: P____"))
        #expect(h.text.lines.contains("  hint: Pa___"))
        #expect(h.text.lines.contains("  Geo.txt:1  id 78f073861b214b58  #europe"))
        #expect(h.data.log.map(\.event) == [.bury, .suspend])
    }

    @Test func nothingDue() {
        let log = cards.map { ReviewLogEntry.review($0.id, .easy, at: REPLHarness.start.addingTimeInterval(-60), device: "t") }
        let h = REPLHarness(cards: cards, lines: ["review", "quit"], log: log)
        h.runShell()
        #expect(h.text.lines.contains("Nothing to review now."))
        #expect(!h.text.contains("Session done"))
    }

    @Test func unknownDeckAndUnknownCommand() {
        let h = REPLHarness(cards: cards, lines: ["review Nope", "frobnicate", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("error: no deck or tag named 'Nope'"))
        #expect(h.text.lines.contains("error: unknown command 'frobnicate'"))
        #expect(h.data.log.isEmpty)
    }

    /// A session's summary counts its own cards: `review Swift` says nothing of the Geo
    /// cards overdue or answered earlier today.
    @Test func theSummaryCountsTheSessionsCards() {
        let month = REPLHarness.start.addingTimeInterval(-30 * 86_400)
        let log = [ReviewLogEntry.review(cards[0].id, .easy, at: month, device: "t"),
                   ReviewLogEntry.review(cards[1].id, .easy, at: month, device: "t"),
                   ReviewLogEntry.review(cards[0].id, .good, at: REPLHarness.start.addingTimeInterval(-60), device: "t")]
        let swift = REPLHarness(cards: cards, lines: ["review Swift", "", "4", "quit"], log: log)
        swift.runShell()
        #expect(swift.text.contains(" · due tomorrow 0\n"), "\(swift.text)")
        #expect(!swift.text.contains("retention today"), "\(swift.text)")
        let all = REPLHarness(cards: cards, lines: ["review", ":quit", "quit"], log: log)
        all.runShell()
        #expect(all.text.contains("retention today 100% (1/1)"), "\(all.text)")
        #expect(all.text.contains("due tomorrow 1"), "\(all.text)")
    }

    /// A word that names no deck or tag gets the name meant and, when cards have it in
    /// their text, the query that studies them; nothing is studied.
    @Test func anUnknownDeckPointsToWhatWasMeant() {
        let h = REPLHarness(cards: cards + [card("Euler's identity?", "e^(iπ) + 1 = 0", deck: "Maths::Calculus", line: 1)],
                            lines: ["review swfit", "review Tokyo", "review #eurpe", "review Calculs", #"review "Euler's""#, "quit"])
        TypedCommand.$inShell.withValue(true) { h.runShell() }
        #expect(h.text.contains("error: no deck or tag named 'swfit'\n  did you mean 'Swift'?\n  decks: Geo, Maths, Maths::Calculus, Swift; tags: #asia, #europe\n"), "\(h.text)")
        #expect(h.text.contains("error: no deck or tag named 'Tokyo'\n  1 card has 'Tokyo' in its text; to study it: review '\"Tokyo\"'\n"), "\(h.text)")
        #expect(h.text.contains("error: no deck or tag named '#eurpe'\n  did you mean '#europe'?\n"), "\(h.text)")
        #expect(h.text.contains("error: no deck or tag named 'Calculs'\n  did you mean 'Maths::Calculus'?\n"), "\(h.text)")
        // Quoted so that it can be pasted into a POSIX shell or the study shell.
        #expect(h.text.contains("to study it: review '\"Euler'\\''s\"'\n"), "\(h.text)")
        #expect(h.data.log.isEmpty)
    }

    @Test func otherCommandsAreDelegated() {
        let h = REPLHarness(cards: cards, lines: ["stats Geo --json", "decks", "config new_per_day 5", "quit"])
        let delegated = h.runShell()
        #expect(delegated == ["stats Geo --json", "decks", "config new_per_day 5"])
    }

    @Test func helpListsCommands() {
        let h = REPLHarness(cards: cards, lines: ["help", "help review", "quit"])
        h.runShell()
        #expect(h.text.lines.contains("  review [DECK|#TAG|QUERY]... [--ahead N|--failed|--new N|--lowest-r N]"))
        #expect(h.text.lines.contains("  add [DECK]                add a card to a deck: asks for the question and"))
        #expect(h.text.lines.contains("                            answer, shows it, saves it"))
        #expect(h.text.lines.contains("    :undo take back the last answer   :skip show this card later"))
        // Wrapped at word breaks to the 80 columns of the screen, never cut inside a word.
        #expect(h.text.lines.allSatisfy { TextWidth.of($0) <= 80 }, "\(h.text)")
    }

    @Test func completionFollowsTheDecks() {
        let h = REPLHarness(cards: cards, lines: ["quit"])
        h.runShell()
        let completer = h.reader.completer
        #expect(completer.complete("re").candidates == ["review"])
        #expect(completer.complete("review S").candidates == ["Swift"])
        #expect(completer.complete("review #").candidates == ["#asia", "#europe"])
        #expect(completer.complete(":u").candidates == [":undo"])
        #expect(completer.complete("quiz --mode c").candidates == ["choice"])
        #expect(completer.complete("config new_").candidates == ["new_per_day"])
        #expect(Completer.commonPrefix(["stats", "status"]) == "stat")
    }

    @Test func wordsHonourQuotes() {
        #expect(CommandWords.split(#"review "World Geography" #x"#) == ["review", "World Geography", "#x"])
        #expect(CommandWords.split("  a  'b c'd ") == ["a", "b cd"])
    }

    /// The shell's words read quotes and backslashes as a POSIX shell does.
    @Test(arguments: [
        (#"stats Spaced\ Repetition"#, ["stats", "Spaced Repetition"]),
        (#"stats "Spaced Repetition""#, ["stats", "Spaced Repetition"]),
        (#"stats 'it\'s'"#, ["stats", #"it\s"#]),
        (#"stats 'it'\''s'"#, ["stats", "it's"]),
        (#"a "say \"hi\" \n" b\\c"#, ["a", #"say "hi" \n"#, #"b\c"#]),
        (#"a "" b"#, ["a", "", "b"]),
        (#"review "World Geo"#, ["review", "World Geo"]),
    ])
    func wordsHonourBackslashesAndQuotes(line: String, words: [String]) {
        #expect(CommandWords.split(line) == words)
    }

    /// Whatever a name holds, quoting it and reading it back gives the name.
    @Test(arguments: ["Spaced Repetition", "it's", #"say "hi""#, #"back\slash"#, "plain", "a\tb"])
    func quotedNamesReadBack(name: String) {
        #expect(CommandWords.split("stats " + CommandWords.quoted(name)) == ["stats", name])
        #expect(CommandWords.split("stats " + CommandWords.inQuote("'", name, closed: true)) == ["stats", name])
    }

    /// A shared deck's name or tag that holds a control character is never offered: TAB
    /// listed it raw under the line, where `ESC ] 0` set the window title.
    @Test func completionLeavesOutNamesWithControlCharacters() {
        let completer = Completer(commands: ["stats", "cards"], decks: ["G\u{1B}]0;OWNED\u{7}z", "Good", "G\u{202E}x"],
                                  tags: ["t\u{9B}2J", "tag"])
        #expect(completer.complete("stats G").candidates == ["Good"])
        #expect(completer.complete("stats G").replacement == "Good ")
        #expect(completer.complete("stats #t").candidates == ["#tag"])
        #expect(completer.complete("cards deck:G").candidates == ["deck:Good"])
    }

    /// TAB on a name with a space writes it quoted, so the line runs as meant.
    @Test func completionQuotesNamesWithSpaces() {
        let one = Completer(commands: ["stats"], decks: ["Spaced Repetition", "Swift"])
        #expect(one.complete("stats Spa").replacement == #""Spaced Repetition" "#)
        #expect(one.complete("stats Spa").typed == "Spa")
        let completer = Completer(commands: ["stats", "review"], decks: ["Spaced Repetition", "Spaced Rest", "Swift"])
        #expect(completer.complete("stats Spa").replacement == #"Spaced\ Re"#)
        #expect(completer.complete(#"stats "Spaced Rep"#).replacement == #""Spaced Repetition" "#)
        #expect(completer.complete(#"stats Spaced\ Rep"#).candidates == ["Spaced Repetition"])
        #expect(completer.complete(#"stats Spaced\ Rep"#).replacement == #""Spaced Repetition" "#)
        #expect(completer.complete("stats 'Spaced Rep").replacement == "'Spaced Repetition' ")
        #expect(completer.complete("stats Sw").replacement == "Swift ")
        #expect(completer.complete(#"review "Spaced Rest" Sw"#).replacement == "Swift ")
        #expect(completer.complete("stats S").replacement == nil)
        let line = "stats " + (one.complete("stats Spa").replacement ?? "")
        #expect(CommandWords.split(line) == ["stats", "Spaced Repetition"])
    }

    /// TAB on a prefix that several names share (up to a space) writes the prefix with
    /// backslashes, not an open quote, so the line reads as it looks, and lists the names.
    @Test func completingASharedPrefixLeavesNoQuoteOpen() {
        let completer = Completer(commands: ["review"], decks: ["World Capitals", "World History", "Swift"])
        let shared = completer.complete("review Wor")
        #expect(shared.replacement == #"World\ "#)
        #expect(shared.listsCandidates)
        #expect(shared.candidates == ["World Capitals", "World History"])
        let line = "review " + (shared.replacement ?? "")
        #expect(CommandWords.scan(line).last?.openQuote == nil)
        #expect(CommandWords.split(line) == ["review", "World "])
        let next = completer.complete(line + "H")
        #expect(next.candidates == ["World History"])
        #expect(next.replacement == #""World History" "#)
        #expect(!next.listsCandidates)
        // A quote the user opened stays theirs.
        #expect(completer.complete(#"review "Wor"#).replacement == #""World "#)
        #expect(CommandWords.escaped(#"a b"c'd\e"#) == #"a\ b\"c\'d\\e"#)
        #expect(CommandWords.split("x " + CommandWords.escaped(#"a b"c'd\e"#)) == ["x", #"a b"c'd\e"#])
    }

    @Test func quizCompletesAndDocumentsSeed() {
        let h = REPLHarness(cards: cards, lines: ["help quiz", "quit"])
        h.runShell()
        #expect(h.reader.completer.complete("quiz --s").candidates == ["--seed"])
        #expect(h.reader.completer.complete("quiz --seed ").candidates == [])
        #expect(h.text.contains("  quiz [TOPIC|QUERY]... [--count N] [--mode flip|typed|choice] [--record]\n    [--seed N]\n"))
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let h = REPLHarness(cards: cards, lines: ["revue", "frobnicate", "quit"])
        h.runShell()
        #expect(h.text.contains("error: unknown command 'revue'\n  did you mean 'review'?\n"))
        #expect(h.text.contains("error: unknown command 'frobnicate'\n  commands: review, quiz,"))
    }
}

/// A review session prints each step (a card; an answer with its grade choices) as one piece
/// of output, all of it before the next line is read, and the same text as line by line.
@Suite struct ReviewOutputPiecesTests {
    /// Notes, at each read, how many pieces of output had been written.
    final class CountingReader: LineReader {
        var completer = Completer()
        var isInteractive: Bool { false }
        var hasInputWaiting: Bool { !lines.isEmpty }
        private var lines: [String]
        let piecesSoFar: () -> Int
        private(set) var piecesAtRead: [Int] = []

        init(_ lines: [String], piecesSoFar: @escaping () -> Int) {
            self.lines = lines
            self.piecesSoFar = piecesSoFar
        }

        func read(prompt: String) -> LineInput {
            piecesAtRead.append(piecesSoFar())
            return lines.isEmpty ? .end : .line(lines.removeFirst())
        }

        func remember(_ line: String) {}
        func close() {}
    }

    @Test func eachStepIsOnePieceWrittenBeforeTheNextRead() {
        let cards = [card("Capital of France?", "Paris", line: 1), card("Capital of Japan?", "Tokyo", line: 3),
                     card("Capital of Peru?", "Lima", line: 5)]
        let lines = ["", "4", "Tokio", "", "", "4"]
        final class Pieces { var all: [String] = [] }
        let pieces = Pieces()
        let reader = CountingReader(lines) { pieces.all.count }
        let context = REPLContext(reader: reader, output: Output(color: false, width: 80) { pieces.all.append($0) },
                                  now: SteppingClock(start: REPLHarness.start).now,
                                  data: MemoryStudyData(cards: cards))
        _ = ReviewRunner(context: context, queue: cards).run()
        #expect(reader.piecesAtRead == [1, 2, 3, 4, 5, 6, 7])  // the learning card comes back at the end
        #expect(pieces.all[3].hasPrefix("  Tokyo\n  you typed: Tokio"))
        #expect(pieces.all[3].hasSuffix("(Enter: hard)\n"))

        let h = REPLHarness(cards: cards, lines: lines)
        _ = ReviewRunner(context: h.context, queue: cards).run()
        #expect(pieces.all.joined() == h.text)
    }
}

/// Group commit: piped answers are written at once and flushed together when the input runs
/// dry; typed answers are flushed one by one.
@Suite struct LogFlushTests {
    let cards = [card("Capital of France?", "Paris", line: 1), card("Capital of Japan?", "Tokyo", line: 3),
                 card("Capital of Peru?", "Lima", line: 5)]

    @Test func answersFromAPipeAreFlushedTogetherBeforeTheInputRunsDry() {
        let h = REPLHarness(cards: cards, lines: ["", "3", "", "3", "", "3"])
        _ = ReviewRunner(context: h.context, queue: cards).run()
        #expect(h.data.log.count == 3)
        #expect(h.data.unflushed == 0)
        #expect(h.data.flushes == 1)
    }

    /// A reader whose input arrives a line at a time (nothing is ever waiting).
    final class TypingReader: LineReader {
        var completer = Completer()
        var isInteractive: Bool { false }
        var hasInputWaiting: Bool { false }
        private var lines: [String]
        let data: MemoryStudyData
        private(set) var unflushedAtRead: [Int] = []

        init(_ lines: [String], data: MemoryStudyData) {
            self.lines = lines
            self.data = data
        }

        func read(prompt: String) -> LineInput {
            unflushedAtRead.append(data.unflushed)
            return lines.isEmpty ? .end : .line(lines.removeFirst())
        }

        func remember(_ line: String) {}
        func close() {}
    }

    @Test func noReadWaitsWithAnAnswerNotOnDisk() {
        let data = MemoryStudyData(cards: cards)
        let reader = TypingReader(["", "3", "", "3"], data: data)
        let context = REPLContext(reader: reader, output: .capturing(OutputBuffer(), width: 80),
                                  now: SteppingClock(start: REPLHarness.start).now, data: data)
        _ = ReviewRunner(context: context, queue: cards).run()
        #expect(data.log.count == 2)
        #expect(reader.unflushedAtRead.allSatisfy { $0 == 0 })
        #expect(data.flushes == 2)
    }

    /// Input comes through a socket pair whose sending side is shut down rather than closed:
    /// shutdown ends the input at once, even while a process another test is starting still
    /// holds a copy of the descriptor between its fork and its exec.
    @Test func thePlainReaderKnowsWhenALineIsWaiting() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let reader = PlainLineReader(fd: fds[0])
        let write = { (bytes: [UInt8]) in _ = bytes.withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress, $0.count) } }
        #expect(!reader.hasInputWaiting)
        write(Array("3\r\nnext".utf8))
        #expect(reader.hasInputWaiting)
        #expect(reader.read(prompt: "") == .line("3"))
        #expect(!reader.hasInputWaiting)  // "next" has no newline yet
        write(Array(" line\n".utf8) + [0xFF, 0x78])  // then invalid UTF-8
        #expect(reader.read(prompt: "") == .line("next line"))
        shutdown(fds[1], Int32(SHUT_WR))
        #expect(reader.hasInputWaiting)  // the end of input is there
        #expect(reader.read(prompt: "") == .line("\u{FFFD}x"))
        #expect(reader.read(prompt: "") == .end)
    }
}
