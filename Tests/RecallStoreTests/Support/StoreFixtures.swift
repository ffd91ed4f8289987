import Foundation
import RecallCore
@testable import RecallStore
import RecallTestSupport

/// Helpers shared by the store tests: fixed ids, times and a UTC time zone.
enum Fixture {
    static let utc = TimeZone(identifier: "UTC")!
    static let t0 = Date(timeIntervalSince1970: 1_764_061_200)  // 2025-11-25 09:00 UTC

    static func card(_ n: UInt64) -> CardID { CardID(rawValue: 0x1000_0000_0000_0000 + n) }

    static func review(_ n: UInt64, _ rating: Rating = .good, minutes: Double = 0, device: String = "d-a") -> ReviewLogEntry {
        .review(card(n), rating, at: t0.addingTimeInterval(minutes * 60), durationMs: 1000, device: device)
    }

    static func open(_ folder: TempFolder, writing: Bool = true, device: String = "d-a",
                     collection: String = "decks") throws -> ProgressStore {
        try ProgressStore.open(StoreLocation(dataDirectory: folder.path, collection: collection),
                               device: device, timeZone: utc, forWriting: writing)
    }

    static let logName = "collections/decks/reviews.jsonl"
    static let stateName = "collections/decks/state.json"
}
