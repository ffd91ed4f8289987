#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The id written in every review-log entry made on this machine, so that merged logs
/// from two devices stay apart.
///
/// Kept in the data folder as `device-id.<host name>`: a data folder synced between two
/// machines then holds one file per machine, and neither takes the other's id. The id is
/// `d-` plus 12 random hex digits, made the first time a machine writes. `RECALL_DEVICE`
/// overrides it (for tests, or two machines with the same host name).
enum DeviceIdentity {
    /// The id for this machine, creating and saving one if needed.
    static func load(dataFolder: String, hostName: String = currentHostName(),
                     override: String? = nil) throws(StoreError) -> String {
        if let override, isValid(override) { return override }
        let path = "\(dataFolder)/device-id.\(sanitizedHostName(hostName))"
        if let bytes = try AtomicFile.read(path) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
            if isValid(text) { return text }
        }
        var rng = SystemRandomNumberGenerator()
        let hex = String(UInt64.random(in: 0...(1 << 48 - 1), using: &rng), radix: 16)
        let id = "d-" + String(repeating: "0", count: 12 - hex.count) + hex
        try AtomicFile.makeFolders(dataFolder)
        try CollectionBoundary.checkWrite(to: path, inside: dataFolder)
        try AtomicFile.write(Array((id + "\n").utf8), to: path)
        return id
    }

    /// Letters, digits, `-`, `_` and `.`, 1 to 64 characters.
    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy(isNameByte)
    }

    static func currentHostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "host" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func sanitizedHostName(_ name: String) -> String {
        let cleaned = String(decoding: name.utf8.map { isNameByte($0) ? $0 : 0x2D }, as: UTF8.self)
        return cleaned.isEmpty ? "host" : String(cleaned.prefix(64))
    }
}

/// Letters, digits, `-`, `_`, `.`.
func isNameByte(_ b: UInt8) -> Bool {
    (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        || b == 0x2D || b == 0x5F || b == 0x2E
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

extension ProgressStore {
    /// This machine's device id for `dataDirectory`: `RECALL_DEVICE` if set (letters,
    /// digits, `-`, `_`, `.`), else the id saved in `DATA/device-id.<host name>`, made on
    /// first use.
    public static func deviceID(dataDirectory: String, environment: [String: String]) throws(StoreError) -> String {
        try DeviceIdentity.load(dataFolder: dataDirectory, override: environment["RECALL_DEVICE"])
    }
}
