import Foundation
import Testing

/// `:edit`: `$EDITOR` as a path with a space or as a command with arguments, an editor that
/// fails, and a deck file that is a link out of the collection.
@Suite struct EditorTests {
    /// A stand-in editor at `path`: records its arguments in `editor-args` next to the decks.
    func makeEditor(at path: URL, root: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
            #!/bin/sh
            echo "$@" > "\(root.path)/editor-args"
            """.write(to: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
    }

    @Test func editorPathWithASpaceAndEditorWithArguments() throws {
        let f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let editor = f.root.appendingPathComponent("My Editors/ed it")
        try makeEditor(at: editor, root: f.root)
        var fixture = f
        for (value, expected) in [(editor.path, "+1 \(f.decks.path)/Geography.txt\n"),
                                  ("\(f.root.path)/My\\ Editors/ed\\ it -w", "-w +1 \(f.decks.path)/Geography.txt\n")] {
            try? FileManager.default.removeItem(at: f.root.appendingPathComponent("editor-args"))
            fixture.extraEnvironment = ["EDITOR": value]
            let r = try fixture.run(["review"], input: ":edit\n:quit\n")
            #expect(r.code == 0, "\(r.err)")
            #expect(!r.out.contains("error:"), "\(r.out)")
            #expect(try String(contentsOf: f.root.appendingPathComponent("editor-args"), encoding: .utf8) == expected)
        }
    }

    @Test func missingEditorGivesAClearMessage() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        f.extraEnvironment = ["EDITOR": "/nonexistent/editor"]
        let r = try f.run(["review"], input: ":edit\n:quit\n")
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("error: could not run the editor '/nonexistent/editor' (from $VISUAL or $EDITOR)"))
        #expect(lines.contains("  set $VISUAL or $EDITOR to an editor command, such as 'nano' or 'code -w'"))
    }

    @Test func deckLinkedOutOfTheCollectionIsNotEdited() throws {
        var f = try StudyFixture()
        defer { try? FileManager.default.removeItem(at: f.root) }
        let outside = f.root.appendingPathComponent("outside.txt")
        try FileManager.default.moveItem(at: f.decks.appendingPathComponent("Geography.txt"), to: outside)
        try FileManager.default.createSymbolicLink(atPath: f.decks.appendingPathComponent("Geography.txt").path,
                                                   withDestinationPath: outside.path)
        try makeEditor(at: f.root.appendingPathComponent("editor"), root: f.root)
        f.extraEnvironment = ["EDITOR": f.root.appendingPathComponent("editor").path]
        let r = try f.run(["review"], input: ":edit\n:quit\n")
        #expect(!FileManager.default.fileExists(atPath: f.root.appendingPathComponent("editor-args").path))
        let link = f.decks.appendingPathComponent("Geography.txt").path
        let resolved = outside.resolvingSymlinksInPath().path
        #expect(r.out.split(separator: "\n").contains {
            $0 == "error: refusing to write '\(link)': '\(link)' is a symbolic link to '\(resolved)', outside '\(f.decks.path)'"
        }, "\(r.out)")
    }
}
