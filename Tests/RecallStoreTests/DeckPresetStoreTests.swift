import Foundation
import Testing
import RecallCore
@testable import RecallStore
import RecallTestSupport

/// Deck presets in `settings.json`: one key, files from before presets read as before, and
/// merged key by key.
@Suite struct DeckPresetStoreTests {
    static let id1 = CardID(rawValue: 0x1111), id2 = CardID(rawValue: 0x2222)

    @Test func presetsRoundTripUnderOneKey() throws {
        var settings = CollectionSettings()
        settings.deckPresets["Lang"] = DeckPreset(desiredRetention: 0.85, newPerDay: 5, learningSteps: [60, 3600],
                                                  cards: [Self.id2, Self.id1])
        settings.deckPresets["Lang::French"] = DeckPreset(reviewsPerDay: 50)
        let text = String(decoding: SettingsFile.encode(settings), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("\"deck_presets\"") }.map(String.init)
        #expect(line == #""deck_presets": {"Lang":{"cards":["0000000000001111","0000000000002222"],"# +
            #""desired_retention":0.85,"learning_steps":[60,3600],"new_per_day":5},"Lang::French":{"reviews_per_day":50}},"#)
        #expect(!text.contains("deck_limits"))
        let dir = TempFolder()
        try dir.write("settings.json", text)
        #expect(try SettingsFile.load(dir.file("settings.json")) == settings)
    }

    /// A file written before presets (`deck_limits` and `deck_parameters`) reads as presets.
    @Test func filesFromBeforePresetsReadAsTheSamePresets() throws {
        var old = String(decoding: SettingsFile.encode(CollectionSettings()), as: UTF8.self)
        let w = CollectionSettings.defaultParameters.map(SettingsText.number).joined(separator: ",")
        old = old.replacingOccurrences(of: "\"desired_retention\"", with: """
            "deck_limits": {"Lang":{"new_per_day":30},"Math":{"reviews_per_day":9}},
            "deck_parameters": {"Lang":{"cards":["\(Self.id1)"],"parameters":[\(w)]}},
            "desired_retention"
            """)
        let dir = TempFolder()
        try dir.write("settings.json", old)
        let read = try SettingsFile.load(dir.file("settings.json"))
        #expect(read.deckPresets == [
            "Lang": DeckPreset(newPerDay: 30, parameters: CollectionSettings.defaultParameters, cards: [Self.id1]),
            "Math": DeckPreset(reviewsPerDay: 9),
        ])
    }

    @Test(arguments: [
        (#"{"deck_presets": {"Lang": {"enable_fuzz": false}}}"#, "unknown setting 'enable_fuzz' for deck 'Lang' in 'PATH'"),
        (#"{"deck_presets": {"Lang": {"new_per_day": "many"}}}"#, "setting 'new_per_day' for deck 'Lang' in 'PATH' has a value of the wrong type"),
        (#"{"deck_presets": {"Lang": {"desired_retention": 3}}}"#, "'PATH' holds an invalid setting: desired retention for deck 'Lang' is 3, expected more than 0 and less than 1"),
        (#"{"deck_presets": {"Lang": 4}}"#, "the preset of deck 'Lang' in 'PATH' must be an object"),
    ])
    func badPresetsNameTheFile(text: String, message: String) throws {
        let dir = TempFolder()
        try dir.write("settings.json", text + "\n")
        let path = dir.file("settings.json")
        #expect(throws: (any Error).self) { try SettingsFile.load(path) }
        do { _ = try SettingsFile.load(path) } catch {
            #expect(error.diagnostic.message == message.replacingOccurrences(of: "PATH", with: path))
        }
    }

    /// Two machines that set different keys of one deck, or keys of different decks, both keep
    /// theirs; a key changed on both takes ours.
    @Test func presetsMergeKeyByKey() throws {
        var base = CollectionSettings()
        base.deckPresets["Lang"] = DeckPreset(newPerDay: 10, cards: [])
        var ours = base, theirs = base
        ours.deckPresets["Lang"]?.desiredRetention = 0.85
        ours.deckPresets["Lang"]?.newPerDay = 12
        ours.deckPresets["Lang"]?.cards = [Self.id1, Self.id2]
        theirs.deckPresets["Lang"]?.newPerDay = 15
        theirs.deckPresets["Lang"]?.maximumInterval = 90
        theirs.deckPresets["Lang"]?.cards = [Self.id1, Self.id2]
        theirs.deckPresets["Lang::French"] = DeckPreset(learningSteps: [300], cards: [Self.id2])
        theirs.deckPresets["Lang"]?.cards = [Self.id1]
        let merged = ProgressFileMerge.mergedSettings(base: base, ours: ours, theirs: theirs)
        #expect(merged.deckPresets == [
            "Lang": DeckPreset(desiredRetention: 0.85, newPerDay: 12, maximumInterval: 90, cards: [Self.id1]),
            "Lang::French": DeckPreset(learningSteps: [300], cards: [Self.id2]),
        ])
        #expect(merged.validate().isEmpty)
        // Removed on one side, untouched on the other: removed.
        var removed = base
        removed.deckPresets = [:]
        #expect(ProgressFileMerge.mergedSettings(base: base, ours: base, theirs: removed).deckPresets.isEmpty)
    }

    /// A snapshot written before presets embeds `"deck_limits": {}`: the same settings
    /// written another way, so it still fits and nothing is recomputed.
    @Test func aSnapshotFromBeforePresetsStillFits() throws {
        let dir = TempFolder()
        let store = try Fixture.open(dir)
        try store.append(Fixture.review(1))
        try store.close()
        let state = try #require(dir.read(Fixture.stateName))
        #expect(!state.contains("deck_limits"))
        let old = state.replacingOccurrences(of: "\"desired_retention\"", with: "\"deck_limits\": {},\n\"desired_retention\"")
        #expect(old != state)
        try dir.write(Fixture.stateName, old)
        try? FileManager.default.removeItem(atPath: dir.file("collections/decks/state.bin"))
        let reopened = try Fixture.open(dir, writing: false)
        #expect(reopened.notices.map(\.message) == [])
        #expect(reopened.records[Fixture.card(1)] != nil)
        // Settings that differ are still noticed.
        try dir.write(Fixture.stateName, state.replacingOccurrences(of: "\"new_per_day\": 20", with: "\"new_per_day\": 21"))
        #expect(try Fixture.open(dir, writing: false).notices.map(\.message) == ["settings.json changed; card states were recomputed"])
    }
}
