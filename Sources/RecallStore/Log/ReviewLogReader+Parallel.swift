import Dispatch
import RecallCore

extension ReviewLogReader {
    /// Logs at least this big are parsed on all cores.
    static let parallelThreshold = 4 << 20

    /// Splits `bytes[start...]` at line ends into one chunk per core, parses the chunks at
    /// the same time, then hands the entries to `body` in file order. Errors report the same
    /// line numbers as a sequential read (the first bad line wins).
    static func readInParallel(_ bytes: UnsafeRawBufferPointer, from start: Int, linesBefore: Int, path: String,
                               _ body: (ReviewLogEntry) -> Void) throws(StoreError) -> Outcome {
        let bounds = chunkBounds(bytes, from: start, parts: min(8, max(1, System.cores)))
        let chunks = bounds.count - 1
        nonisolated(unsafe) let buffer = bytes
        nonisolated(unsafe) var results = [Result<([ReviewLogEntry], Outcome), StoreError>?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                var entries: [ReviewLogEntry] = []
                entries.reserveCapacity((bounds[i + 1] - bounds[i]) / 96)
                out[i] = Result { () throws(StoreError) in
                    let o = try read(buffer, from: bounds[i], to: bounds[i + 1], linesBefore: 0, path: path) { entries.append($0) }
                    return (entries, o)
                }
            }
        }
        var lines = linesBefore
        var last = Outcome(validEnd: start, lines: linesBefore, missingFinalNewline: false, tornBytes: 0)
        for slot in results {
            switch slot {
            case .success(let (entries, outcome))?:
                entries.forEach(body)
                last = outcome
                last.lines += lines
                if var w = outcome.warning, let loc = w.location {
                    w.location = SourceLocation(file: loc.file, line: loc.line + lines)
                    last.warning = w
                }
                lines = last.lines
            case .failure(var error)?:
                error.line = error.line.map { $0 + lines }
                throw error
            case nil:
                break
            }
        }
        return last
    }

    /// `parts + 1` offsets from `start` to the end, each chunk ending just after a newline.
    private static func chunkBounds(_ bytes: UnsafeRawBufferPointer, from start: Int, parts: Int) -> [Int] {
        var bounds = [start]
        let size = (bytes.count - start) / parts
        for p in 1..<parts {
            var cut = max(start + p * size, bounds[bounds.count - 1])
            while cut < bytes.count, bytes[cut - 1] != 0x0A { cut += 1 }
            if cut < bytes.count, cut > bounds[bounds.count - 1] { bounds.append(cut) }
        }
        bounds.append(bytes.count)
        return bounds
    }
}

/// What the machine offers.
enum System {
    static let cores: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
