import Foundation

/// Drawing an image in the terminal: which protocol the terminal speaks, and the escape
/// sequence that draws a file's bytes in it.
///
/// The sequences carry only base64 text and numbers Recall computes, so they are written to
/// the terminal as they are (past ``Console/filtered(_:keepingStyles:)``, which would show them as text).
enum InlineImage {
    enum GraphicsProtocol: String, Equatable, Sendable {
        /// The kitty graphics protocol (kitty, Ghostty): PNG only, sent in chunks.
        case kitty
        /// iTerm2's inline images (iTerm2, WezTerm): any format the terminal reads.
        case iterm2
        /// DEC sixel (foot, mlterm, Windows Terminal, Konsole; xterm when asked for), encoded
        /// by libsixel when it is installed (``SixelEncoder``).
        case sixel
    }

    /// The protocol the terminal described by `environment` draws images with, if any.
    /// `RECALL_IMAGES` (`kitty`, `iterm2` or `none`) overrides what is detected; inside tmux
    /// or screen, which do not pass the sequences on, nothing is detected.
    /// Sixel is chosen only when `sixelAvailable` (libsixel is installed). Terminals are not
    /// queried: an answer would arrive as input, and typing ahead would be lost to it.
    static func detect(environment: [String: String], sixelAvailable: Bool = false) -> GraphicsProtocol? {
        if let forced = environment["RECALL_IMAGES"]?.lowercased(), !forced.isEmpty {
            let chosen = GraphicsProtocol(rawValue: forced)
            return chosen == .sixel && !sixelAvailable ? nil : chosen
        }
        let term = environment["TERM"] ?? "", program = environment["TERM_PROGRAM"] ?? ""
        if environment["TMUX"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux") { return nil }
        if term == "xterm-kitty" || environment["KITTY_WINDOW_ID"] != nil { return .kitty }
        if term == "xterm-ghostty" || program.lowercased() == "ghostty" { return .kitty }
        if program == "iTerm.app" || program == "WezTerm" || environment["ITERM_SESSION_ID"] != nil { return .iterm2 }
        guard sixelAvailable else { return nil }
        if term.hasPrefix("foot") || term.hasPrefix("mlterm") || term.hasPrefix("contour") { return .sixel }
        if environment["WT_SESSION"] != nil || environment["KONSOLE_VERSION"] != nil { return .sixel }
        return nil
    }

    /// Base64 characters in one kitty chunk (the protocol's limit).
    static let kittyChunk = 4096

    /// The kitty sequence that draws `png` over `rows` text rows at the cursor, then moves
    /// the cursor below it: `a=T` (send and show), `f=100` (PNG), `q=2` (no reply, which
    /// would arrive as typed input), chunks marked `m=1` but the last.
    static func kitty(png: Data, rows: Int) -> String {
        let payload = Array(png.base64EncodedString().utf8)
        var out = ""
        var start = 0
        repeat {
            let end = min(start + kittyChunk, payload.count)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0 ? "a=T,f=100,q=2,r=\(rows),m=\(more)" : "m=\(more)"
            out += "\u{1B}_G" + keys + ";" + String(decoding: payload[start..<end], as: UTF8.self) + "\u{1B}\\"
            start = end
        } while start < payload.count
        return out
    }

    /// The iTerm2 sequence (OSC 1337) that draws `data` over `rows` text rows, keeping its
    /// proportions.
    static func iterm2(data: Data, name: String, rows: Int) -> String {
        let encodedName = Data(name.utf8).base64EncodedString()
        return "\u{1B}]1337;File=name=\(encodedName);size=\(data.count);height=\(rows);preserveAspectRatio=1;inline=1:"
            + data.base64EncodedString() + "\u{07}"
    }

    /// The pixel width and height of a PNG, from its header; nil for anything else.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }  // "IHDR"
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// Text rows an image takes: its own height in rows (`cellHeight` pixels each) when
    /// known, at most a third of the window's `windowRows`, at least one.
    static func rows(imageHeight: Int?, cellHeight: Int, windowRows: Int) -> Int {
        let limit = max(1, windowRows / 3)
        guard let imageHeight, cellHeight > 0 else { return limit }
        return max(1, min(limit, (imageHeight + cellHeight - 1) / cellHeight))
    }

    /// The sequence that draws the image file at `path` (its bytes `data`) with `graphics`,
    /// or nil when that protocol cannot show it (kitty is sent PNG only; sixel needs libsixel).
    static func sequence(_ graphics: GraphicsProtocol, data: Data, path: String,
                         cellHeight: Int, windowRows: Int) -> String? {
        let size = pngSize(data)
        let rows = rows(imageHeight: size?.height, cellHeight: cellHeight, windowRows: windowRows)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch graphics {
        case .kitty: return size == nil ? nil : kitty(png: data, rows: rows)
        case .iterm2: return iterm2(data: data, name: name, rows: rows)
        case .sixel:
            // Never taller than the rows it is given, nor enlarged past its own height.
            let height = min(rows * cellHeight, size?.height ?? rows * cellHeight)
            return SixelEncoder.encode(path: path, heightPixels: height)
        }
    }
}
