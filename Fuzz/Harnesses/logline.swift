/// libFuzzer target: the review log reader (JSONL lines, torn final lines, blank lines).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    bytes.withUnsafeBytes { raw in
        var count = 0
        _ = try? ReviewLogReader.read(raw, path: "reviews.jsonl") { _ in count += 1 }
        // Round trip: a line the decoder accepts encodes to a line it accepts again.
        var decoder = ReviewLogLineDecoder()
        let end = raw.firstIndex(of: 0x0A) ?? raw.count
        if let entry = try? decoder.decode(raw, 0..<end) {
            let line = ReviewLogCodec.line(entry)
            line.withUnsafeBytes { again in
                var second = ReviewLogLineDecoder()
                let stop = again.firstIndex(of: 0x0A) ?? again.count
                if (try? second.decode(again, 0..<stop)) == nil { fatalFuzz("re-encoded log line does not decode") }
            }
        }
    }
    return 0
}

/// Stops the fuzzer with a finding (an invariant broke, not a crash of the code under test).
func fatalFuzz(_ message: String) -> Never {
    preconditionFailure(message)
}
