import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct ReconcileTests {
    func card(_ q: String, file: String = "a.md", line: Int) -> Card {
        Card(id: Card.makeID(questionSide: q, kind: .basic), noteID: Card.makeID(questionSide: q, kind: .basic),
             deck: "A", question: q, answer: "x", tags: [], source: SourceLocation(file: file, line: line), kind: .basic)
    }

    @Test func anEditedQuestionKeepsItsProgress() throws {
        let dir = TempFolder()
        let before = [card("What is the capital of France?", line: 1), card("2 + 2?", line: 3)]
        let store = try Fixture.open(dir)
        #expect(try store.reconcile(with: before, now: Fixture.t0) == Reconciliation())
        try store.append(.review(before[0].id, .good, at: Fixture.t0, device: "d-a"))
        let history = store.records[before[0].id]
        let edited = [card("What is the capital city of France?", line: 1), card("2 + 2?", line: 3)]
        let result = try store.reconcile(with: edited, now: Fixture.t0.addingTimeInterval(60))
        #expect(result.carried.map(\.to) == [edited[0].id])
        #expect(result.carriedMessages.map(\.rendered) == ["a.md:1: note: the question changed from 'What is the capital of France?' to 'What is the capital city of France?'; its progress was kept"])
        #expect(store.records[edited[0].id] == history)
        #expect(store.records[before[0].id] == nil)
        try store.close()
        // The rename is on disk: a rebuild from the log agrees, and merge keeps it.
        try FileManager.default.removeItem(atPath: dir.file(Fixture.stateName))
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.records[edited[0].id] == history)
        #expect(try reopened.reconcile(with: edited, now: Fixture.t0).orphans.isEmpty)
    }

    /// With the clock fixed (`RECALL_NOW`), each command starts at the same time: the review
    /// of one session is later than the start of the next, which records the edit. The
    /// rename must still carry the review when the states are rebuilt from the log.
    @Test func anEditAtTheSameFixedStartTimeKeepsTheProgressOnRebuild() throws {
        let dir = TempFolder()
        let before = [card("What is the capital of France?", line: 1), card("2 + 2?", line: 3)]
        let store = try Fixture.open(dir)
        _ = try store.reconcile(with: before, now: Fixture.t0)
        try store.append(.review(before[0].id, .good, at: Fixture.t0.addingTimeInterval(0.088), device: "d-a"))
        let history = store.records[before[0].id]
        try store.close()
        /// Records an edit at the fixed start time, then rebuilds the states from the log.
        func edit(to cards: [Card], from old: [Card]) throws -> ProgressStore {
            let writer = try Fixture.open(dir)
            #expect(try writer.reconcile(with: cards, now: Fixture.t0).carried.map(\.to) == [cards[0].id])
            try writer.close()
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("collections/decks"))
            where name.hasPrefix("state.") || name.hasSuffix(".bin") {
                try FileManager.default.removeItem(atPath: dir.file("collections/decks/" + name))
            }
            let rebuilt = try Fixture.open(dir, writing: false)
            #expect(rebuilt.records[cards[0].id] == history)
            #expect(rebuilt.records[old[0].id] == nil)
            #expect(try rebuilt.loadEntries().map(\.card) == [cards[0].id])
            return rebuilt
        }
        let edited = [card("What is the capital city of France?", line: 1), card("2 + 2?", line: 3)]
        _ = try edit(to: edited, from: before)
        // Edited back, still at the same start time: the history follows both renames.
        _ = try edit(to: before, from: edited)
    }

    @Test func aReadOnlyStoreCarriesAnEditInMemoryOnly() throws {
        let dir = TempFolder()
        let before = [card("What is the capital of France?", line: 1), card("2 + 2?", line: 3)]
        let store = try Fixture.open(dir)
        _ = try store.reconcile(with: before, now: Fixture.t0)
        try store.append(.review(before[0].id, .good, at: Fixture.t0, device: "d-a"))
        let history = store.records[before[0].id]
        try store.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("collections/decks")).sorted()
        let edited = [card("What is the capital city of France?", line: 1), card("2 + 2?", line: 3)]
        let reader = try Fixture.open(dir, writing: false)
        let result = try reader.reconcile(with: edited, now: Fixture.t0.addingTimeInterval(60))
        #expect(result.carried.map(\.to) == [edited[0].id])
        #expect(reader.records[edited[0].id] == history)
        #expect(reader.records[before[0].id] == nil)
        #expect(reader.statsBase() == nil)
        #expect(try reader.loadEntries().map(\.card) == [edited[0].id])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("collections/decks")).sorted() == files)
        #expect(!FileManager.default.fileExists(atPath: dir.file("collections/decks/renames.jsonl")))
    }

    @Test func orphansKeepTheirHistoryAndComeBack() throws {
        let dir = TempFolder()
        let cards = [card("Alpha?", line: 1), card("Beta?", line: 2)]
        let store = try Fixture.open(dir)
        _ = try store.reconcile(with: cards, now: Fixture.t0)
        try store.append(.review(cards[1].id, .easy, at: Fixture.t0, device: "d-a"))
        let removed = try store.reconcile(with: [cards[0]], now: Fixture.t0)
        #expect(removed.orphans.map(\.id) == [cards[1].id])
        #expect(removed.orphans.map(\.question) == ["Beta?"])
        let back = try store.reconcile(with: cards, now: Fixture.t0)
        #expect(back.orphans.isEmpty)
        #expect(store.records[cards[1].id]?.schedule.reps == 1)
    }

    @Test func aDoubtfulMatchIsListedNotCarried() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        let old = [card("Name the largest planet in the solar system", line: 1), card("Filler", line: 2)]
        _ = try store.reconcile(with: old, now: Fixture.t0)
        try store.append(.review(old[0].id, .good, at: Fixture.t0, device: "d-a"))
        // Moved to another position and reworded a fair amount.
        let new = [card("Filler", line: 1), card("Name the largest planet of our solar system today", line: 5)]
        let result = try store.reconcile(with: new, now: Fixture.t0)
        #expect(result.carried.isEmpty)
        #expect(result.unsure.map(\.to) == [new[1].id])
        #expect(result.orphans.map(\.id) == [old[0].id])
    }

    @Test func distanceIsNormalised() {
        #expect(textDistance("Hello  World", "hello world") == 0)
        #expect(textDistance("abcd", "abce") == 0.25)
        #expect(textDistance("", "x") == 1)
    }
}
