import Foundation
import Testing
import RecallCore
@testable import RecallStore
import RecallTestSupport

/// The git merge driver's work: progress files merge without conflicts, the same either way.
@Suite struct ProgressFileMergeTests {
    static let a1 = #"{"card":"0123456789abcdef","device":"laptop","dur":10,"ev":"review","r":3,"t":1772355600000}"#
    static let a2 = #"{"card":"0123456789abcdef","device":"laptop","dur":10,"ev":"review","r":3,"t":1772442000000}"#
    static let b1 = #"{"card":"0123456789abcdef","device":"desktop","dur":20,"ev":"review","r":1,"t":1772359200000}"#
    static let b2 = #"{"card":"fedcba9876543210","device":"desktop","dur":20,"ev":"review","r":4,"t":1772359300000}"#

    private func merge(_ dir: TempFolder, base: String, ours: String, theirs: String,
                       name: String? = ".recall/reviews.jsonl") throws -> String {
        try dir.write("base", base)
        try dir.write("ours", ours)
        try dir.write("theirs", theirs)
        let merged = try ProgressFileMerge.merge(base: dir.file("base"), ours: dir.file("ours"), theirs: dir.file("theirs"), name: name)
        return String(decoding: merged.text, as: UTF8.self)
    }

    @Test func reviewLogsUniteInCanonicalOrderWhicheverWayRound() throws {
        let dir = TempFolder("file-merge")
        let base = Self.a1 + "\n"
        let ours = [Self.a1, Self.a2].joined(separator: "\n") + "\n"
        let theirs = [Self.a1, Self.b2, Self.b1].joined(separator: "\n") + "\n"
        let expected = [Self.a1, Self.b1, Self.b2, Self.a2].joined(separator: "\n") + "\n"
        #expect(try merge(dir, base: base, ours: ours, theirs: theirs) == expected)
        #expect(try merge(dir, base: base, ours: theirs, theirs: ours) == expected)
        // Without the repository path the content tells the kind; a file added on both
        // sides comes with an empty base.
        #expect(try merge(dir, base: "", ours: ours, theirs: theirs, name: nil) == expected)
    }

    @Test func renameLogsUnite() throws {
        let dir = TempFolder("file-merge")
        let r1 = #"{"device":"laptop","from":"0123456789abcdef","t":1772355600000,"to":"1111111111111111"}"#
        let r2 = #"{"device":"desktop","from":"fedcba9876543210","t":1772355700000,"to":"2222222222222222"}"#
        #expect(try merge(dir, base: "", ours: r2 + "\n", theirs: r1 + "\n" + r2 + "\n", name: ".recall/renames.jsonl")
                == r1 + "\n" + r2 + "\n")
    }

    @Test func settingsTakeTheSideThatChangedEachKey() throws {
        let dir = TempFolder("file-merge")
        let base = CollectionSettings()
        var ours = base, theirs = base
        ours.newPerDay = 30
        ours.desiredRetention = 0.85
        theirs.desiredRetention = 0.95
        theirs.reviewsPerDay = 500
        theirs.deckPresets["Swift"] = DeckPreset(newPerDay: 5)
        let text = { (s: CollectionSettings) in String(decoding: SettingsFile.encode(s), as: UTF8.self) }
        var expected = base
        expected.newPerDay = 30
        expected.desiredRetention = 0.85  // changed on both sides: ours
        expected.reviewsPerDay = 500
        expected.deckPresets["Swift"] = DeckPreset(newPerDay: 5)
        #expect(try merge(dir, base: text(base), ours: text(ours), theirs: text(theirs), name: ".recall/settings.json") == text(expected))
        // A settings file added on one side only (an empty base and ours) is taken as it is.
        #expect(try merge(dir, base: "", ours: "", theirs: text(theirs), name: ".recall/settings.json") == text(theirs))
    }

    @Test func settingsWithChangeTimesTakeTheLatestChangeWhicheverWayRound() throws {
        let dir = TempFolder("file-merge")
        let t = { (day: Double) in Date(timeIntervalSince1970: 1_772_355_600 + day * 86400) }
        var base = CollectionSettings()
        base.desiredRetention = 0.9
        base.changed["desired_retention"] = t(0)
        var ours = base, theirs = base
        ours.desiredRetention = 0.85
        ours.changed["desired_retention"] = t(2)
        theirs.desiredRetention = 0.95
        theirs.changed["desired_retention"] = t(1)
        theirs.easyDays = EasyDays(percentages: [100, 100, 100, 100, 100, 50, 0])
        theirs.changed["easy_days"] = t(1)
        theirs.deckPresets["Swift"] = DeckPreset(newPerDay: 5)
        theirs.changed["deck.Swift.new_per_day"] = t(1)
        ours.deckPresets["Swift"] = DeckPreset(newPerDay: 7)
        ours.changed["deck.Swift.new_per_day"] = t(3)
        let text = { (s: CollectionSettings) in String(decoding: SettingsFile.encode(s), as: UTF8.self) }
        var expected = ours
        expected.easyDays = theirs.easyDays
        expected.changed["easy_days"] = t(1)
        let one = try merge(dir, base: text(base), ours: text(ours), theirs: text(theirs), name: ".recall/settings.json")
        let other = try merge(dir, base: text(base), ours: text(theirs), theirs: text(ours), name: ".recall/settings.json")
        #expect(one == text(expected))
        #expect(other == one)
        #expect(one.contains(#""changed": {"deck.Swift.new_per_day":1772614800000,"desired_retention":1772528400000,"easy_days":1772442000000}"#))
        // The same time with different values: the same winner either way round.
        ours.changed["desired_retention"] = t(1)
        let tieOne = try merge(dir, base: text(base), ours: text(ours), theirs: text(theirs), name: ".recall/settings.json")
        let tieOther = try merge(dir, base: text(base), ours: text(theirs), theirs: text(ours), name: ".recall/settings.json")
        #expect(tieOne == tieOther)
        #expect(try SettingsFile.decode(JSONValue.parse(Array(tieOne.utf8)).get(), path: "s").desiredRetention == 0.95)
    }

    @Test func breaksPlannedOrCancelledOnTwoDevicesMergeByID() throws {
        let dir = TempFolder("file-merge-breaks")
        let time = Date(timeIntervalSince1970: 1_795_000_000)
        let kept = PlannedBreak(firstDay: 20_400, lastDay: 20_406, query: "", planned: time, device: "laptop")
        let cancelled = PlannedBreak(firstDay: 20_500, lastDay: 20_501, query: "deck:Work", planned: time.addingTimeInterval(2), device: "laptop")
        let mine = PlannedBreak(firstDay: 20_450, lastDay: 20_460, query: "", planned: time, device: "desktop")
        let theirsNew = PlannedBreak(firstDay: 20_470, lastDay: 20_471, query: "", planned: time.addingTimeInterval(1), device: "phone")
        var base = CollectionSettings()
        base.plannedBreaks = PlannedBreaks([kept, cancelled])
        var ours = base, theirs = base
        ours.plannedBreaks.byID[mine.id] = mine
        theirs.plannedBreaks.byID[cancelled.id] = nil
        theirs.plannedBreaks.byID[theirsNew.id] = theirsNew
        let text = { (s: CollectionSettings) in String(decoding: SettingsFile.encode(s), as: UTF8.self) }
        var expected = base
        expected.plannedBreaks = PlannedBreaks([kept, mine, theirsNew])
        let name = ".recall/settings.json"
        #expect(try merge(dir, base: text(base), ours: text(ours), theirs: text(theirs), name: name) == text(expected))
        #expect(try merge(dir, base: text(base), ours: text(theirs), theirs: text(ours), name: name) == text(expected))
        // And the file reads back as it was written.
        try dir.write("settings.json", text(expected))
        #expect(try SettingsFile.load(dir.file("settings.json")) == expected)
    }

    @Test func aFileThatIsNoProgressFileIsRefused() throws {
        let dir = TempFolder("file-merge")
        let deck = "What is the capital of France?\nParis\n"
        #expect(throws: StoreError(path: dir.file("base"),
                                   reason: "'Geography.txt' is not a Recall review log, rename log or settings file; nothing was merged",
                                   notes: ["the merge driver only merges the progress files in '.recall/'; let git merge the others"])) {
            try merge(dir, base: deck, ours: deck, theirs: deck, name: "Geography.txt")
        }
        #expect(throws: StoreError.self) {
            try merge(dir, base: "", ours: Self.a1 + "\n", theirs: "not a log\nat all\n")
        }
    }
}
