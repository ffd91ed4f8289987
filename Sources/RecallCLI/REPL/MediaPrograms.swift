import Foundation

/// The programs that play sounds, speak text and open files for the REPL, found on `PATH`,
/// and starting them without waiting.
enum MediaPrograms {
    /// Sound players in the order they are tried, with the arguments that keep them quiet
    /// and windowless.
    static let players: [[String]] = [
        ["mpv", "--no-video", "--really-quiet"],
        ["ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"],
        ["paplay"],
        ["aplay", "-q"],
    ]

    /// The command that plays `file`: `$RECALL_PLAYER` when it is set (a command line, run
    /// by the shell with the file as its argument), else the first of ``players`` that
    /// `isExecutable` finds; nil when there is none.
    static func playCommand(for file: String, environment: [String: String],
                            find: (String) -> String?) -> [String]? {
        if let player = environment["RECALL_PLAYER"], !player.trimmingCharacters(in: .whitespaces).isEmpty {
            return ["/bin/sh", "-c", player + " \"$1\"", "sh", file]
        }
        for candidate in players {
            if let path = find(candidate[0]) { return [path] + candidate.dropFirst() + [file] }
        }
        return nil
    }

    /// The program `$RECALL_PLAYER` starts, when it can be seen not to exist: the shell runs
    /// it in the background with its output thrown away, so a mistyped name would otherwise
    /// be silence. Command lines that start with a quote, a variable or a shell word are
    /// not judged.
    static func missingPlayer(environment: [String: String], find: (String) -> String?) -> String? {
        guard let player = environment["RECALL_PLAYER"],
              let first = player.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init),
              !first.contains(where: { "'\"$=`\\".contains($0) }), !["exec", "command"].contains(first)
        else { return nil }
        if first.contains("/") { return FileManager.default.isExecutableFile(atPath: first) ? nil : first }
        return find(first) == nil ? first : nil
    }

    /// The command that speaks `text`: `espeak-ng` (with the language's voice, `fr` for
    /// `fr_FR`) or macOS's `say`; nil when neither is there.
    static func speakCommand(_ text: String, language: String?, find: (String) -> String?) -> [String]? {
        if let espeak = find("espeak-ng") {
            let voice = language.map { $0.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map { $0.lowercased() } ?? $0 }
            return [espeak] + (voice.map { ["-v", $0] } ?? []) + ["--", text]
        }
        if let say = find("say") { return [say, "--", text] }
        return nil
    }

    /// The command that opens `file` with the desktop's program for it (`xdg-open`, `open`).
    static func openCommand(for file: String, find: (String) -> String?) -> [String]? {
        for opener in ["xdg-open", "open"] {
            if let path = find(opener) { return [path, file] }
        }
        return nil
    }

    /// The first executable called `name` in the directories of `path` (`$PATH`).
    static func find(_ name: String, path: String?) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts `command` in the background, its input and output away from the terminal;
    /// false when it could not be started.
    @discardableResult
    static func start(_ command: [String]) -> Bool {
        guard let executable = command.first else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            return true
        } catch {
            return false
        }
    }
}
