import Foundation
import RecallCore
@testable import RecallCLI

/// In-memory ``StudyData`` for in-process REPL tests: a card list, a log kept in an array.
final class MemoryStudyData: StudyData {
    var cards: [Card]
    var settings = CollectionSettings()
    let calendar = StudyCalendar.utcMidnight
    private(set) var records: CardRecords = [:]
    let device = "test-device"
    var decksRoot = URL(fileURLWithPath: "/nonexistent-decks")
    /// Every appended entry, in order.
    private(set) var log: [ReviewLogEntry] = []
    var closed = false
    /// When set, the next append throws (to test that the session does not move on).
    var failNextAppend = false

    struct AppendFailure: Error, CustomStringConvertible { var description: String { "disk full" } }

    init(cards: [Card], log: [ReviewLogEntry] = []) {
        self.cards = cards
        self.log = log
        records = CollectionReplay(settings: settings, calendar: calendar).replay(log).records
    }

    func append(_ entry: ReviewLogEntry, flush: Bool) throws {
        if failNextAppend { failNextAppend = false; throw AppendFailure() }
        log.append(entry)
        records = replay.replay(log).records
        if !flush { unflushed += 1 }
    }

    /// Entries appended and not flushed yet.
    private(set) var unflushed = 0
    /// How many times ``flush()`` found entries to flush.
    private(set) var flushes = 0

    func flush() throws {
        if unflushed > 0 { flushes += 1 }
        unflushed = 0
    }

    func history(of card: CardID) -> [ReviewLogEntry] { log.filter { $0.card == card } }
    func reloadDecks() throws -> [Diagnostic] { [] }
    func retentionToday(now: Date, of cards: Set<CardID>?) -> (passed: Int, total: Int) {
        StoreStudyData.retentionToday(entries: log.filter { cards?.contains($0.card) ?? true }, replay: replay, now: now)
    }
    func close() throws { closed = true }
    func searchContext(for query: SearchQuery, now: Date) -> SearchContext {
        SearchContext(now: now, replay: replay, history: SearchHistory(entries: log, calendar: calendar))
    }
}

/// A clock that moves on by `step` seconds each time it is read.
final class SteppingClock {
    private(set) var current: Date
    let step: TimeInterval
    init(start: Date, step: TimeInterval = 1) { current = start; self.step = step }
    func now() -> Date {
        defer { current = current.addingTimeInterval(step) }
        return current
    }
}

func card(_ question: String, _ answer: String, deck: String = "Geo", tags: [String] = [], line: Int = 1) -> Card {
    let id = Card.makeID(questionSide: question, kind: .basic)
    return Card(id: id, noteID: id, deck: deck, question: question, answer: answer, tags: tags,
                source: SourceLocation(file: "\(deck).txt", line: line), kind: .basic)
}

/// Everything an in-process REPL test needs, wired together.
struct REPLHarness {
    let data: MemoryStudyData
    let reader: ScriptedLineReader
    let buffer = OutputBuffer()
    /// What went to standard error (failed saves).
    let errors = OutputBuffer()
    let context: REPLContext
    /// 2026-03-01 09:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_772_355_600)

    init(cards: [Card], lines: [String], log: [ReviewLogEntry] = [], inputs: [LineInput]? = nil) {
        data = MemoryStudyData(cards: cards, log: log)
        reader = ScriptedLineReader(inputs ?? lines.map(LineInput.line))
        let clock = SteppingClock(start: REPLHarness.start)
        let errors = self.errors
        context = REPLContext(reader: reader, output: .capturing(buffer, width: 80), now: clock.now, data: data,
                              errorSink: { errors.text += $0 })
    }

    var text: String { buffer.text }

    /// Runs the shell; delegated commands are recorded in the returned list.
    @discardableResult
    func runShell() -> [String] {
        var delegated: [String] = []
        REPL(context: context) { name, args in delegated.append(([name] + args).joined(separator: " ")) }.run()
        return delegated
    }
}
