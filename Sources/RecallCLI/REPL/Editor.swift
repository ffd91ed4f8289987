import Foundation

/// Opens `$VISUAL`/`$EDITOR` (default `vi`) as `EDITOR +LINE FILE` and waits for it: `:edit`
/// on a card, `e` after the shell's `add`.
enum Editor {
    /// Whether the editor ran (`false` after an error message when it could not be started
    /// at all; an editor that ran and failed is reported, and counts as run).
    static func open(_ path: String, line: Int, context: REPLContext) -> Bool {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command(editor) + " \"$@\"", "sh", "+\(line)", path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            context.error("could not start the editor '\(editor)': \(error.localizedDescription)")
            return false
        }
        guard process.terminationReason == .exit, process.terminationStatus != 0 else { return true }
        let status = process.terminationStatus
        let notFound = status == 127 || status == 126
        context.error(notFound
            ? "could not run the editor '\(editor)' (from $VISUAL or $EDITOR)"
            : "the editor '\(editor)' failed (exit status \(status))")
        context.view.note(notFound
            ? "set $VISUAL or $EDITOR to an editor command, such as 'nano' or 'code -w'"
            : "the decks are read again as they are now")
        return !notFound
    }

    /// `$EDITOR` as a shell command: an existing program's path as one word (it may hold
    /// spaces), anything else as the words it is made of (`code -w`).
    static func command(_ editor: String) -> String {
        guard editor.contains(" "), FileManager.default.isExecutableFile(atPath: editor) else { return editor }
        return "'" + editor.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
