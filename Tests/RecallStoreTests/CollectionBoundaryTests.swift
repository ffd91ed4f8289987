import Foundation
import Testing
@testable import RecallStore

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
}
