import Foundation
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore

/// The imported history, replayed by Recall's FSRS, gives each card Anki's own memory state.
@Suite struct AnkiHistoryImportTests {
    @Test(arguments: AnkiFixtures.packages)
    func memoryStatesMatchAnkiWithinOnePercent(package: String) throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try AnkiFixtures.expected()
        let store = try AnkiFixtures.store(in: folder, timeZone: expected.timeZone)
        #expect(store.settings.dayStartHour == expected.dayStartHour)
        let (plan, result) = try AnkiFixtures.importPackage(package, into: folder, store: store)
        #expect(result.newReviews == expected.cards.map(\.reviews).reduce(0, +) - 1)  // less the cram review
        var compared = 0
        for card in expected.cards {
            let id = try #require(plan.cardIDs[card.ankiCardID])
            let record = store.records[id]
            if let s = card.stability, let d = card.difficulty {
                let memory = try #require(record?.schedule.memory, "no memory state for '\(card.firstField)'")
                #expect(abs(memory.stability - s) / s < 0.01, "stability of '\(card.firstField)' ord \(card.ord): \(memory.stability) vs Anki \(s)")
                #expect(abs(memory.difficulty - d) / d < 0.01, "difficulty of '\(card.firstField)' ord \(card.ord): \(memory.difficulty) vs Anki \(d)")
                compared += 1
            }
            #expect((record?.suspended ?? false) == (card.queue == -1))
            #expect((record?.buriedUntilDay != nil) == (card.queue == -2 || card.queue == -3))
        }
        #expect(compared == expected.cards.count)
        try store.close()
    }

    /// Anki's intervals come with the history (`ivl`), so each review card is due on the
    /// day Anki has it due rather than on one Recall's settings would give.
    @Test(arguments: AnkiFixtures.packages)
    func reviewCardsKeepAnkisDueDates(package: String) throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try AnkiFixtures.expected()
        let store = try AnkiFixtures.store(in: folder, timeZone: expected.timeZone)
        let (plan, _) = try AnkiFixtures.importPackage(package, into: folder, store: store)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: expected.timeZone))
        let dueCards = expected.cards.filter { $0.dueDate != nil }
        #expect(dueCards.count == 14)
        for card in dueCards {
            let id = try #require(plan.cardIDs[card.ankiCardID])
            let due = try #require(store.records[id]?.schedule.due)
            let day = calendar.dateComponents([.year, .month, .day], from: due)
            let shown = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
            #expect(shown == card.dueDate, "'\(card.firstField)' ord \(card.ord)")
        }
        try store.close()
    }

    @Test func reimportingAddsNothing() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try AnkiFixtures.store(in: folder)
        let (_, first) = try AnkiFixtures.importPackage("small-latest.apkg", into: folder, store: store)
        let log = try store.loadEntries()
        let (plan, second) = try AnkiFixtures.importPackage("small-legacy.apkg", into: folder, store: store)
        #expect(first.files.count == 3)
        #expect(first.mediaWritten == 2)
        #expect(plan.files.isEmpty)
        #expect(plan.knownCards == 14)
        #expect(second == AnkiImportResult())
        #expect(try store.loadEntries() == log)
        try store.close()
    }

    @Test func deckFilesReadBackToTheSameCards() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try AnkiFixtures.store(in: folder)
        let (plan, _) = try AnkiFixtures.importPackage("small.colpkg", into: folder, store: store)
        try store.close()
        let loaded = CollectionLoader.load(root: folder.appendingPathComponent("Decks"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(Set(loaded.cards.map(\.id)) == Set(plan.cardIDs.values))
        #expect(loaded.cards.count == 14)
        #expect(loaded.decks.map(\.name).sorted() == ["Geography", "Languages::Spanish", "Science::Physics"])
        let capital = try #require(loaded.cards.first { $0.question == "What is the capital of France?" })
        #expect(capital.tags == ["europe", "geo"])
        #expect(capital.deck == "Geography")
        let flag = try #require(loaded.cards.first { $0.question.hasPrefix("Which flag") })
        #expect(flag.question == "Which flag is this?\n[image: media/flag of japan.png]")
        let image = try Data(contentsOf: folder.appendingPathComponent("Decks/media/flag of japan.png"))
        #expect(image.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let sound = try Data(contentsOf: folder.appendingPathComponent("Decks/media/hola.mp3"))
        #expect(sound.prefix(3) == Data("ID3".utf8))
        let cloze = loaded.cards.filter { if case .cloze = $0.kind { return true } else { return false } }
        #expect(cloze.map(\.question).sorted() == [
            "Newton wrote the laws of [topic] 1687", "[...] wrote the laws of motion 1687",
        ])
        let river = try #require(loaded.cards.first { $0.question == "Longest river in Africa?" })
        #expect(river.answer == "The Nile\nabout 6,650 km")
    }
}
