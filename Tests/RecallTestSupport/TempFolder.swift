import Foundation

/// A fresh folder under the system temp dir, removed when the value is released.
public final class TempFolder {
    public let path: String

    public init(_ label: String = "store") {
        path = RecallProcess.temporaryDirectory("recall-\(label)").path
    }

    /// The folder as a file URL.
    public var url: URL { URL(fileURLWithPath: path) }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { "\(path)/\(name)" }

    public func write(_ name: String, _ text: String) throws {
        let p = file(name)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
    }

    public func read(_ name: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: file(name)))).map { String(decoding: $0, as: UTF8.self) }
    }

    public func bytes(_ name: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: file(name))) }
}
