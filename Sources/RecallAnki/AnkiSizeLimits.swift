/// How much an import may unpack: a small package can decompress to far more than its own
/// size, so every file is counted as it is unpacked and the import stops at a limit.
public struct AnkiSizeLimits: Sendable, Equatable {
    /// Bytes one unpacked file (the collection, the media list or a media file) may have.
    public var perFile: Int
    /// Bytes all unpacked files together may have.
    public var total: Int

    public init(perFile: Int = Self.defaultPerFileMiB << 20, total: Int = Self.defaultTotalMiB << 20) {
        self.perFile = perFile
        self.total = total
    }

    public static let defaultPerFileMiB = 512
    public static let defaultTotalMiB = 4096
}

/// The running count of bytes unpacked, checked against ``AnkiSizeLimits``.
struct AnkiUnpackBudget {
    var limits: AnkiSizeLimits
    var used = 0

    /// The error for a file that went past a limit while unpacking.
    func refusal(package: String, what: String, file fileBytes: Int) -> AnkiImportError {
        let perFile = fileBytes > limits.perFile
        let limit = perFile ? limits.perFile : limits.total
        let which = perFile ? "the limit for one file" : "the limit for the whole package"
        let option = perFile ? "--max-file-size" : "--max-total-size"
        return AnkiImportError("'\(package)' is refused: \(what) unpacks to more than \(Self.mib(limit)), \(which)",
                               hint: "nothing was written; if you trust the package, raise the limit with \(option) (in MiB)")
    }

    /// Bytes a file may still grow to.
    var remaining: Int { max(0, min(limits.perFile, limits.total - used)) }

    static func mib(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB" }
}
