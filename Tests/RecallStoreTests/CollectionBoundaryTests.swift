import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

/// Symbolic links that lead out of a collection are found, and links inside it are not.
@Suite struct CollectionBoundaryTests {
    @Test func linkOutOfTheRootIsFoundAndRefused() throws {
        let dir = TempFolder("boundary")
        try FileManager.default.createDirectory(atPath: dir.file("D"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("D/media"), withDestinationPath: dir.file("elsewhere"))
        let target = dir.file("D/media/payload.sh")
        let escape = CollectionBoundary.escape(of: target, inside: dir.file("D"))
        #expect(escape?.link == dir.file("D/media"))
        #expect(escape?.target == CollectionBoundary.resolved(dir.file("elsewhere")))
        #expect(throws: StoreError.self) { try CollectionBoundary.checkWrite(to: target, inside: dir.file("D")) }
        do {
            try CollectionBoundary.checkWrite(to: target, inside: dir.file("D"))
        } catch {
            #expect(error.reason == "refusing to write '\(target)': '\(dir.file("D/media"))' is a symbolic link to '"
                + "\(escape?.target ?? "")', outside '\(dir.file("D"))'")
        }
    }

    @Test func linksInsideTheRootAndALinkedRootAreFine() throws {
        let dir = TempFolder("boundary")
        try FileManager.default.createDirectory(atPath: dir.file("real/Sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("D"), withDestinationPath: dir.file("real"))
        try FileManager.default.createSymbolicLink(atPath: dir.file("real/Alias"), withDestinationPath: dir.file("real/Sub"))
        #expect(CollectionBoundary.escape(of: dir.file("D/Alias/x.md"), inside: dir.file("D")) == nil)
        #expect(CollectionBoundary.escape(of: dir.file("D/new/folder/x.md"), inside: dir.file("D/")) == nil)
        try CollectionBoundary.checkWrite(to: dir.file("D/Sub/x.md"), inside: dir.file("D"))
    }

    @Test func danglingLinkOutIsAnEscape() throws {
        let dir = TempFolder("boundary")
        try FileManager.default.createDirectory(atPath: dir.file("D"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("D/log"), withDestinationPath: "/nonexistent/recall-x")
        #expect(CollectionBoundary.escape(of: dir.file("D/log"), inside: dir.file("D"))
            == .init(link: dir.file("D/log"), target: "/nonexistent/recall-x"))
    }

    @Test func danglingLinkInsideIsFine() throws {
        let dir = TempFolder("boundary")
        try FileManager.default.createDirectory(atPath: dir.file("D"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("D/log"), withDestinationPath: "later.txt")
        #expect(CollectionBoundary.escape(of: dir.file("D/log"), inside: dir.file("D")) == nil)
    }

    /// The progress store refuses to open for writing when a file it writes, or its folder,
    /// is a link out of the data folder; the file out there is untouched.
    @Test(arguments: ["reviews.jsonl", "state.json", "settings.json", "lock", "."])
    func storeRefusesLinksOutOfTheDataFolder(name: String) throws {
        let data = TempFolder("boundary-data")
        let elsewhere = TempFolder("boundary-elsewhere")
        try elsewhere.write("victim", "keep me\n")
        let folder = data.file("collections/decks")
        let link = name == "." ? folder : folder + "/" + name
        try FileManager.default.createDirectory(atPath: name == "." ? data.file("collections") : folder,
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link,
                                                   withDestinationPath: name == "." ? elsewhere.path : elsewhere.file("victim"))
        do {
            _ = try Fixture.open(data)
            Issue.record("opened for writing through \(link)")
        } catch let error as StoreError {
            #expect(error.reason.hasPrefix("refusing to write '"), "\(error.reason)")
            #expect(error.reason.contains("'\(link)' is a symbolic link to '"), "\(error.reason)")
        }
        #expect(elsewhere.read("victim") == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["victim"])
        // Read-only: it opens, and writes no cache out there.
        if name == "." {
            let store = try Fixture.open(data, writing: false)
            store.saveStatsCache([], summary: StatsSummary(reviews: [], calendar: store.replay.calendar), latestPrefixTime: nil)
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["victim"])
        }
    }
}
