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

    enum Failure: Error, Equatable { case corrupt(String), truncated, tooLarge, sinkFailed }

    /// Decompresses every frame of `data` into memory, refusing more than `limit` bytes of
    /// output; throws for corrupt or truncated input.
    static func decompress(_ data: Data, limit: Int = Int.max) throws(Failure) -> Data {
        var out = Data()
        let stream = try Stream(limit: limit)
        try stream.feed(data) { out.append(contentsOf: $0); return true }
        try stream.finish(sawInput: !data.isEmpty)
        return out
    }

    /// A decompression fed in chunks (as a zip entry is read), handing its output to a sink
    /// chunk by chunk, so that nothing is held whole in memory.
    final class Stream {
        private let stream: OpaquePointer
        private let limit: Int
        private var buffer: [UInt8]
        /// Output so far, in bytes.
        private(set) var produced = 0
        /// True between frames: the last call finished a frame and flushed all of it.
        private var atFrameEnd = true

        init(limit: Int) throws(Failure) {
            guard let stream = ZSTD_createDStream() else { throw .corrupt("out of memory") }
            ZSTD_initDStream(stream)
            self.stream = stream
            self.limit = limit
            buffer = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        }

        deinit { ZSTD_freeDStream(stream) }

        /// Decompresses `chunk`; `sink` gets each piece of output and returns false to stop
        /// (the write failed).
        func feed(_ chunk: Data, sink: (UnsafeBufferPointer<UInt8>) -> Bool) throws(Failure) {
            guard !chunk.isEmpty else { return }
            let outSize = buffer.count
            let failure: Failure? = chunk.withUnsafeBytes { raw -> Failure? in
                var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
                // A frame ends where the library says so (a result of 0), not where the
                // output happens to fill the buffer: an output of exactly a multiple of the
                // buffer's size is a complete frame too.
                while true {
                    let before = input.pos
                    let (result, count) = buffer.withUnsafeMutableBytes { b -> (Int, Int) in
                        var output = ZSTD_outBuffer(dst: b.baseAddress, size: outSize, pos: 0)
                        let r = ZSTD_decompressStream(stream, &output, &input)
                        return (ZSTD_isError(r) != 0 ? -1 : r, output.pos)
                    }
                    if result < 0 { return .corrupt("not valid zstd data") }
                    if count > limit - produced { return .tooLarge }
                    produced += count
                    if count > 0, !buffer.withUnsafeBufferPointer({ sink(UnsafeBufferPointer(rebasing: $0[0..<count])) }) {
                        return .sinkFailed
                    }
                    // A call that neither read nor wrote (the input is used up right after a
                    // frame's end) says nothing about the frame.
                    if result == 0 { atFrameEnd = true } else if count > 0 || input.pos > before { atFrameEnd = false }
                    if input.pos == input.size, count < outSize { return nil }
                }
            }
            if let failure { throw failure }
        }

        /// Checks that the input ended at the end of a frame.
        func finish(sawInput: Bool) throws(Failure) {
            if !atFrameEnd || !sawInput { throw .truncated }
        }
    }
}
