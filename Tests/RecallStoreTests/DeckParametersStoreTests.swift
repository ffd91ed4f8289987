import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

/// Per-deck FSRS-6 parameters in `settings.json`, and the card states replayed with them.
@Suite struct DeckParametersStoreTests {
    static let slow: [Double] = {
        var w = CollectionSettings.defaultParameters
        w[0...3] = [0.05, 0.2, 0.5, 2]
        w[8] = 1.0
        return w
    }()

    static func card(_ question: String, deck: String, line: Int) -> Card {
        let id = Card.makeID(questionSide: question, kind: .basic)
        return Card(id: id, noteID: id, deck: deck, question: question, answer: "x", tags: [],
                    source: SourceLocation(file: "a.md", line: line), kind: .basic)
    }

    /// Two cards, one in `Lang` and one in `Math`, each reviewed on days 0, 3 and 10.
    func studied(_ dir: TempFolder) throws -> (ProgressStore, [Card]) {
        let cards = [Self.card("hola?", deck: "Lang", line: 1), Self.card("2 + 2?", deck: "Math", line: 3)]
        let store = try Fixture.open(dir)
        _ = try store.reconcile(with: cards, now: Fixture.t0)
        for day in [0.0, 3, 10] {
            for card in cards {
                try store.append(.review(card.id, .good, at: Fixture.t0.addingTimeInterval(day * 86400), device: "d-a"))
            }
        }
        return (store, cards)
    }

    @Test func settingsRoundTripAndStayAsTheyWereWithoutDeckParameters() throws {
        let plain = String(decoding: SettingsFile.encode(CollectionSettings()), as: UTF8.self)
        #expect(!plain.contains("deck_"))
        var settings = CollectionSettings()
        let ids = [Fixture.card(2), Fixture.card(1)]
        settings.deckPresets["Lang::French"] = DeckPreset(parameters: Self.slow, cards: ids)
        let text = String(decoding: SettingsFile.encode(settings), as: UTF8.self)
        #expect(text.contains("\"deck_presets\": {\"Lang::French\":{\"cards\":[\"\(ids[1])\",\"\(ids[0])\"],\"parameters\":[0.05,0.2,0.5,2,"))
        let dir = TempFolder()
        try dir.write("settings.json", text)
        #expect(try SettingsFile.load(dir.file("settings.json")) == settings)
    }

    @Test func malformedDeckParametersNameTheFile() throws {
        let dir = TempFolder()
        try dir.write("settings.json", "{\"deck_parameters\": {\"Lang\": {\"parameters\": [1]}}}\n")
        let path = dir.file("settings.json")
        do {
            _ = try SettingsFile.load(path)
            Issue.record("malformed deck_parameters were accepted")
        } catch {
            #expect(error.diagnostic.message == "'deck_parameters' in '\(path)' must map deck names to {\"cards\": [card ids], \"parameters\": [21 numbers]}")
        }
    }

    @Test func deckParametersRescheduleThatDecksCardsAndTheSnapshotKeepsThem() throws {
        let dir = TempFolder()
        let (store, cards) = try studied(dir)
        let before = store.records
        var settings = store.settings
        settings.deckPresets["Lang"] = DeckPreset(parameters: Self.slow)
        settings.refreshDeckPresetCards(cards)
        try store.updateSettings(settings)
        #expect(store.records[cards[0].id] != before[cards[0].id])
        #expect(store.records[cards[1].id] == before[cards[1].id])
        let after = store.records
        try store.close()
        // Reopened from the snapshot, keyed by settings that include the deck's parameters.
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.notices.isEmpty)
        #expect(reopened.records == after)
        // Back to the collection's parameters by hand: the snapshot no longer fits.
        let text = try #require(dir.read("collections/decks/settings.json"))
        let plain = text.components(separatedBy: "\n").filter { !$0.contains("deck_presets") }
        try dir.write("collections/decks/settings.json", plain.joined(separator: "\n"))
        let edited = try Fixture.open(dir, writing: false)
        #expect(edited.notices.map(\.message) == ["settings.json changed; card states were recomputed"])
        #expect(edited.records == before)
        // With them again, the same states from the log alone.
        try dir.write("collections/decks/settings.json", text)
        try FileManager.default.removeItem(atPath: dir.file(Fixture.stateName))
        try? FileManager.default.removeItem(atPath: dir.file("collections/decks/state.bin"))
        #expect(try Fixture.open(dir, writing: false).records == after)
    }

    @Test func aCardMovedIntoTheDeckTakesItsParametersAtTheNextReconcile() throws {
        let dir = TempFolder()
        let (store, cards) = try studied(dir)
        var settings = store.settings
        settings.deckPresets["Lang"] = DeckPreset(parameters: Self.slow)
        settings.refreshDeckPresetCards(cards)
        try store.updateSettings(settings)
        let langRecord = store.records[cards[0].id]
        let mathRecord = store.records[cards[1].id]
        var moved = cards
        moved[1].deck = "Lang::Numbers"
        _ = try store.reconcile(with: moved, now: Fixture.t0)
        #expect(store.settings.deckPresets["Lang"]?.cards == cards.map(\.id).sorted())
        #expect(store.records[cards[0].id] == langRecord)
        #expect(store.records[cards[1].id] != mathRecord)
        try store.close()
        let saved = try SettingsFile.load(dir.file("collections/decks/settings.json"))
        #expect(saved.deckPresets["Lang"]?.cards.count == 2)
        // A read-only store keeps the lists it has.
        let reader = try Fixture.open(dir, writing: false)
        _ = try reader.reconcile(with: cards, now: Fixture.t0)
        #expect(reader.settings.deckPresets["Lang"]?.cards.count == 2)
    }
}
