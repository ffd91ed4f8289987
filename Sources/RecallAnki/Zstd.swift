import CZstd
import Foundation

/// zstd decompression through Debian's libzstd (Anki compresses `collection.anki21b`, the
/// media map and each media file of its current package format).
enum Zstd {
    /// The four bytes every zstd frame starts with.
    static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 4 && data.prefix(4).elementsEqual(magic)
    }

    enum Failure: Error { case corrupt(String), truncated }

    /// Decompresses every frame of `data`; throws for corrupt or truncated input.
    static func decompress(_ data: Data) throws(Failure) -> Data {
        guard let stream = ZSTD_createDStream() else { throw .corrupt("out of memory") }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        let chunk = ZSTD_DStreamOutSize()
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: chunk)
        var pending: Int = 0
        let failure: Failure? = data.withUnsafeBytes { raw -> Failure? in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            while true {
                let (status, produced) = buffer.withUnsafeMutableBytes { b -> (Int, Int) in
                    var output = ZSTD_outBuffer(dst: b.baseAddress, size: chunk, pos: 0)
                    let r = ZSTD_decompressStream(stream, &output, &input)
                    return (ZSTD_isError(r) != 0 ? -1 : r, output.pos)
                }
                if status < 0 { return .corrupt("not valid zstd data") }
                out.append(contentsOf: buffer[0..<produced])
                pending = status
                if input.pos == input.size, produced < chunk { break }
            }
            return nil
        }
        if let failure { throw failure }
        if pending != 0 || data.isEmpty { throw .truncated }
        return out
    }
}
