import Foundation
import Testing
@testable import RecallAnki
import RecallCore
import RecallStore
import RecallTestSupport

/// Fixture paths, temp folders and the expected data dumped by make_fixtures.py.
enum AnkiFixtures {
    static let packages = ["small-legacy.apkg", "small-latest.apkg", "small.colpkg"]

    static func path(_ name: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL)
        return base.appendingPathComponent("Fixtures/\(name)").path
    }

    /// A fresh temporary folder for one test.
    static func tempFolder() throws -> URL {
        RecallProcess.temporaryDirectory("recall-anki-test")
    }

    struct ExpectedCard: Decodable {
        var ankiCardID: Int64
        var ord: Int
        var notetype: String
        var firstField: String
        var deck: String
        var tags: [String]
        var queue: Int
        var reviews: Int
        var stability: Double?
        var difficulty: Double?
        /// The day Anki has a review card due (`YYYY-MM-DD` in the fixture's time zone); nil
        /// for a card that is not in review.
        var dueDate: String?
    }

    struct Expected: Decodable {
        var timeZone: String
        var dayStartHour: Int
        var exportedAt: Double
        var cards: [ExpectedCard]
    }

    static func expected() throws -> Expected {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path("small-expected.json")))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    /// A writable progress store in `folder/data`, days counted in the fixture's time zone.
    static func store(in folder: URL, timeZone: String = "UTC") throws -> ProgressStore {
        let location = StoreLocation(dataDirectory: folder.appendingPathComponent("data").path, collection: "test")
        let zone = try #require(TimeZone(identifier: timeZone))
        return try ProgressStore.open(location, device: "d-test00000001", timeZone: zone, forWriting: true)
    }

    /// Plans and applies `package` into `folder/Decks`, with the collection's current cards known.
    @discardableResult
    static func importPackage(_ package: String, into folder: URL, store: ProgressStore) throws -> (AnkiImportPlan, AnkiImportResult) {
        let root = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let known = Set(CollectionLoader.load(root: root).cards.map(\.id))
        let plan = try AnkiImporter.plan(package: try path(package), existingCards: known)
        let result = try AnkiImporter.apply(plan, collectionRoot: root, store: store)
        return (plan, result)
    }
}
