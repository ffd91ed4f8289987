import Foundation
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct StoreLocationTests {
    @Test(arguments: [
        ("/home/ann/notes/Decks", "decks"),
        ("/home/ann/notes/Decks/", "decks"),
        ("/srv/My Flash Cards!", "my-flash-cards"),
        ("/x/Ünïcode deck", "n-code-deck"),
        ("/x/.hidden", "hidden"),
        ("/", "default"),
        ("/a/b/../Spanish.v2", "spanish.v2"),
    ])
    func collectionNamesComeFromTheDecksFolderName(path: String, name: String) {
        #expect(StoreLocation.collectionName(forDecks: path) == name)
    }

    @Test func theFolderIsInsideCollections() {
        #expect(StoreLocation(dataDirectory: "/d", decksDirectory: "/n/Decks").folder == "/d/collections/decks")
    }

    @Test func theDeviceIdIsMadeOncePerHostAndCanBeOverridden() throws {
        let dir = TempFolder()
        let a = try DeviceIdentity.load(dataFolder: dir.path, hostName: "laptop")
        #expect(a.hasPrefix("d-") && a.count == 14)
        #expect(try DeviceIdentity.load(dataFolder: dir.path, hostName: "laptop") == a)
        #expect(try DeviceIdentity.load(dataFolder: dir.path, hostName: "desktop") != a)
        #expect(dir.read("device-id.laptop") == a + "\n")
        #expect(try DeviceIdentity.load(dataFolder: dir.path, hostName: "laptop", override: "e2e") == "e2e")
    }
}

@Suite struct SyncedStoreLocationTests {
    @Test func aDecksFolderWithADotRecallFolderKeepsItsProgressThere() throws {
        let dir = TempFolder("synced-location")
        let decks = dir.file("Decks")
        try FileManager.default.createDirectory(atPath: decks, withIntermediateDirectories: true)
        let unsynced = StoreLocation(dataDirectory: dir.file("data"), decksDirectory: decks)
        #expect(unsynced.folder == dir.file("data") + "/collections/decks")
        #expect(!unsynced.isSynced)
        try FileManager.default.createDirectory(atPath: decks + "/.recall", withIntermediateDirectories: true)
        let synced = StoreLocation(dataDirectory: dir.file("data"), decksDirectory: decks + "/")
        #expect(synced.folder == decks + "/.recall")
        #expect(synced.boundary == decks)
        #expect(synced.isSynced)
        #expect(StoreLocation.unsynced(dataDirectory: dir.file("data"), decksDirectory: decks) == unsynced)
    }
}
