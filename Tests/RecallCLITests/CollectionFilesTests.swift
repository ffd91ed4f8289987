@preconcurrency import Glibc
import Foundation
import Testing
import RecallTestSupport

/// Files in a collection that are not plain deck files: a named pipe, a name that is not
/// UTF-8, folders nested too deep, links out of the collection. Each is reported, by name,
/// by `check` and by the everyday commands; none hangs or is skipped silently.
@Suite struct CollectionFilesTests {
    struct Fixture {
        let root = RecallProcess.temporaryDirectory("recall-files")
        var decks: URL { root.appendingPathComponent("D") }
        var data: URL { root.appendingPathComponent("data") }
        var collection: [String] { ["--decks", decks.path, "--data", data.path] }

        init() {
            RecallProcess.write(["D/a.md": "Q :: A\n"], under: root)
        }

        func run(_ args: [String], stdin: String? = nil) -> (stdout: String, stderr: String, status: Int32) {
            runRecall(args, env: ["RECALL_NOW": "2026-03-01T09:00:00Z", "TZ": "UTC"], stdin: stdin, cwd: root)
        }

        func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }
    }

    /// A FIFO called `deck.txt` made every command wait for a writer forever.
    @Test func namedPipeIsReportedNotRead() throws {
        let f = Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        #expect(mkfifo(f.decks.appendingPathComponent("deck.txt").path, 0o644) == 0)
        let warning = [
            "recall: warning: 'D/deck.txt' is a named pipe (FIFO), not a regular file; it is not read",
            "note: only regular files are read as decks",
        ]
        let check = f.run(["check", "D"])
        #expect(check.status == 0)
        #expect(f.lines(check.stderr) == warning)
        #expect(check.stdout == "checked 1 deck, 1 card: 1 warning\n")
        let decks = f.run(["decks"] + f.collection)
        #expect(decks.status == 0)
        #expect(f.lines(decks.stderr) == ["recall: warning: 'deck.txt' is a named pipe (FIFO), not a regular file; it is not read", warning[1]])
        let review = f.run(["review"] + f.collection, stdin: "\n3\n")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Session done: 1 card"))
        // The review log as a FIFO: an error, not a hang.
        let log = f.data.appendingPathComponent("collections/d/reviews.jsonl")
        try FileManager.default.removeItem(at: log)
        #expect(mkfifo(log.path, 0o644) == 0)
        let blocked = f.run(["review"] + f.collection, stdin: "\n3\n")
        #expect(blocked.status == 1)
        #expect(f.lines(blocked.stderr).last
            == "recall: error: cannot read '\(log.path)': it is a named pipe (FIFO), not a regular file")
    }

    /// A name that is not UTF-8 and folders past the depth limit were skipped without a word.
    @Test func undecodableNamesAndDeepFoldersAreReported() throws {
        let f = Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let name: [UInt8] = Array(f.decks.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        _ = "x :: y\n".withCString { write(fd, $0, 7) }
        close(fd)
        let deep = (1...33).map { "d\($0)" }.joined(separator: "/")
        RecallProcess.write(["D/\(deep)/deep.md": "Q3 :: A3\n"], under: f.root)
        let check = f.run(["check", "D"])
        #expect(check.status == 0)
        #expect(f.lines(check.stderr) == [
            "recall: warning: the name 'D/caf\\xE9.md' is not valid UTF-8; it is skipped",
            "note: rename it: deck and folder names must be UTF-8",
            "recall: warning: 'D/\(deep)' is nested more than 32 folders deep; its decks are not read",
            "note: move its files into a shallower folder",
        ])
        let decks = f.run(["decks"] + f.collection)
        #expect(f.lines(decks.stderr).first == "recall: warning: the name 'caf\\xE9.md' is not valid UTF-8; it is skipped")
    }

    /// A deck folder or file that is a link out of the collection is read, with a warning.
    @Test func linksOutOfTheCollectionAreReported() throws {
        let f = Fixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        RecallProcess.write(["elsewhere/x.md": "Q4 :: A4\n", "other.md": "Q5 :: A5\n"], under: f.root)
        let elsewhere = try #require(realpath(f.root.appendingPathComponent("elsewhere").path, nil))
        defer { free(elsewhere) }
        let target = String(cString: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: f.decks.appendingPathComponent("linked").path,
                                                   withDestinationPath: target)
        try FileManager.default.createSymbolicLink(atPath: f.decks.appendingPathComponent("inside.md").path,
                                                   withDestinationPath: "a.md")
        let check = f.run(["check", "D"])
        #expect(f.lines(check.stderr).prefix(2) == [
            "recall: warning: 'D/linked' is a symbolic link to '\(target)', outside the collection; its decks are read all the same",
            "note: a shared deck should not point elsewhere on your disk; remove the link if you did not make it",
        ])
        #expect(!check.stderr.contains("inside.md' is a symbolic link"))
        let decks = f.run(["decks"] + f.collection)
        #expect(f.lines(decks.stderr).first
            == "recall: warning: 'linked' is a symbolic link to '\(target)', outside the collection; its decks are read all the same")
        #expect(f.lines(decks.stdout).contains { $0.hasPrefix("  x ") })
    }
}
