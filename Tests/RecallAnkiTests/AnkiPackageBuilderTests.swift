import Foundation
import Testing
@testable import RecallAnki
import RecallCore

/// The package's rows for collections unlike the round-trip fixture's: another time zone,
/// SM-2, Markdown images.
@Suite struct AnkiPackageBuilderTests {
    static let note = DeckNote(content: .basic(question: "Capital of Peru?", answer: "Lima"), deck: "Geo", tags: [], line: 1)
    static var card: CardID { note.cardIDs[0] }

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func log() throws -> [ReviewLogEntry] {
        [
            .review(card, .good, at: try date("2026-03-10T13:00:00Z"), durationMs: 3000, device: "d"),
            .review(card, .good, at: try date("2026-03-10T13:10:00Z"), durationMs: 2000, device: "d"),
        ]
    }

    /// Review due days count from the first review's study day as Anki counts them: the
    /// creation time at that day's start and its offset (minutes west of UTC).
    @Test func dueDaysCountFromTheFirstStudyDayInTheUsersTimeZone() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let calendar = StudyCalendar(timeZone: zone, dayStartHour: 4)
        let replay = CollectionReplay(settings: CollectionSettings(), calendar: calendar)
        let now = try Self.date("2026-03-12T13:00:00Z")
        let contents = AnkiPackageBuilder.build([.init(note: Self.note, isMarkdown: false)], log: try Self.log(),
                                                replay: replay, now: now)
        #expect(contents.crt == Int64(try Self.date("2026-03-10T08:00:00Z").timeIntervalSince1970))  // 4:00 EDT
        #expect(contents.creationOffset == 240)
        let schedule = try #require(replay.replay(try Self.log()).records[Self.card]?.schedule)
        let card = try #require(contents.cards.first)
        #expect(card.type == 2)
        #expect(card.interval == schedule.scheduledDays)
        #expect(card.due == Int64(schedule.scheduledDays))  // studied on the creation day
    }

    @Test func sm2CardsHaveTheirEaseAndNoMemoryState() throws {
        var settings = CollectionSettings()
        settings.scheduler = .sm2
        let replay = CollectionReplay(settings: settings, calendar: .utcMidnight)
        let contents = AnkiPackageBuilder.build([.init(note: Self.note, isMarkdown: false)], log: try Self.log(),
                                                replay: replay, now: try Self.date("2026-03-12T13:00:00Z"))
        let card = try #require(contents.cards.first)
        #expect(card.data == "{}")
        #expect(card.factor == 2500)
        #expect(contents.fsrsParameters == [])
        #expect(contents.revlog.map(\.factor) == [0, 2500])  // learning, then graduated
        #expect(contents.revlog.map(\.interval) == [-600, 1])
    }

    @Test func markdownImagesAndMediaReferencesPointAtPackedFiles() throws {
        let note = DeckNote(content: .twoWay(question: "Which flag? ![flag](media/flags/jp.png)",
                                             answer: "Japan [sound: media/jp.mp3] [image: media/jp.png] [image: /etc/passwd]"),
                            deck: "Geo", tags: ["flags"], line: 1)
        let contents = AnkiPackageBuilder.build([.init(note: note, isMarkdown: true)], log: [],
                                                replay: CollectionReplay(settings: CollectionSettings(), calendar: .utcMidnight),
                                                now: try Self.date("2026-03-12T13:00:00Z"))
        #expect(contents.notes.first?.fields == [
            #"Which flag? <img src="jp.png" alt="flag"/>"#,
            #"Japan [sound:jp.mp3] <img src="jp-2.png"> [image: /etc/passwd]"#,
        ])
        #expect(contents.media == [
            .init(name: "jp.png", relativePath: "media/flags/jp.png"),
            .init(name: "jp-2.png", relativePath: "media/jp.png"),
            .init(name: "jp.mp3", relativePath: "media/jp.mp3"),
        ])
    }

    /// A media name that is a link to a file outside the collection is not followed there.
    @Test func aLinkOutOfTheCollectionIsNotPacked() throws {
        let folder = try AnkiFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("media"), withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: folder.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("media/a.png").path,
                                                   withDestinationPath: folder.appendingPathComponent("secret.txt").path)
        try Data("png".utf8).write(to: root.appendingPathComponent("media/b.png"))
        let note = DeckNote(content: .basic(question: "Q [image: media/a.png] [image: media/b.png]", answer: "A"),
                            deck: "D", tags: [], line: 1)
        let contents = AnkiPackageBuilder.build([.init(note: note, isMarkdown: false)], log: [],
                                                replay: CollectionReplay(settings: CollectionSettings(), calendar: .utcMidnight),
                                                now: try Self.date("2026-03-12T13:00:00Z"))
        let path = folder.appendingPathComponent("out.apkg").path
        let result = try AnkiPackageWriter.write(contents, collectionRoot: root, to: path, replace: false)
        #expect(result == .init(mediaPacked: 1, missingMedia: ["media/a.png"]))
        var budget = AnkiUnpackBudget(limits: AnkiSizeLimits())
        #expect(try AnkiPackage.open(path: path, budget: &budget).media.entries == ["b.png": "0"])
    }

    /// A card two notes make is exported once, as the collection keeps it once.
    @Test func aDuplicateCardIsExportedOnce() throws {
        let twoWay = DeckNote(content: .twoWay(question: "capital of peru?", answer: "Lima, the city"), deck: "Other", tags: [], line: 4)
        let contents = AnkiPackageBuilder.build([.init(note: Self.note, isMarkdown: false), .init(note: Self.note, isMarkdown: false),
                                                 .init(note: twoWay, isMarkdown: false)],
                                                log: try Self.log(),
                                                replay: CollectionReplay(settings: CollectionSettings(), calendar: .utcMidnight),
                                                now: try Self.date("2026-03-12T13:00:00Z"))
        #expect(contents.notes.count == 2)
        #expect(contents.cards.map(\.ord) == [0, 1])  // the two-way note keeps only its reverse
        #expect(Set(contents.notes.map(\.guid)).count == 2)
        #expect(contents.revlog.count == 2)
    }
}
