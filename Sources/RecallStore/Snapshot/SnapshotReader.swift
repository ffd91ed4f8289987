import Foundation
import RecallCore

/// Reads `state.json` (see ``SnapshotWriter``), row by row with ``JSONScanner``.
enum SnapshotReader {
    /// Why a snapshot could not be used as it is.
    enum Problem: Error, Equatable {
        /// Written by a newer Recall: refuse, touch nothing.
        case newerSchema(Int)
        /// An older layout: migrate (the parsed document is there to salvage settings from).
        case olderSchema(Int, JSONValue)
        /// Not readable: rebuild from the log.
        case corrupt(String)
    }

    static func decode(_ bytes: [UInt8]) -> Result<Snapshot, Problem> {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// Reads a snapshot straight from (mapped) memory.
    static func decode(_ buf: UnsafeRawBufferPointer) -> Result<Snapshot, Problem> {
        var s = JSONScanner(buf)
        let fast = Result { () throws(JSONScanError) in try document(&s) }
        switch fast {
        case .success(let (snapshot, schema)):
            if schema == Snapshot.schema { return .success(snapshot) }
            return .failure(schema > Snapshot.schema ? .newerSchema(schema) : .corrupt("schema \(schema) in the current layout"))
        case .failure(let error):
            // Not the current layout: find out whether it is another version of the file.
            if case .success(let root) = JSONValue.parse(Array(buf)), let v = root["schema"]?.integer {
                if v > Snapshot.schema { return .failure(.newerSchema(v)) }
                if v < Snapshot.schema { return .failure(.olderSchema(v, root)) }
            }
            return .failure(.corrupt(error.message))
        }
    }

    private static func document(_ s: inout JSONScanner) throws(JSONScanError) -> (Snapshot, Int) {
        // A file without "scheduler_version" was written before it was recorded: version 1.
        var snap = Snapshot(records: [:], settingsJSON: [], timeZone: "", log: .empty, renames: .empty, catalog: 0,
                            schedulerVersion: 1)
        var schema: Int?
        try s.expect(0x7B, "'{'")
        repeat {
            let key = try s.string()
            try s.expect(0x3A, "':'")
            switch key {
            case "cards": snap.records = try cards(&s)
            case "catalog": snap.catalog = try hexNumber(&s)
            case "log": snap.log = try coverage(&s)
            case "renames": snap.renames = try coverage(&s)
            case "schema": schema = Int(try s.integer())
            case "scheduler_version": snap.schedulerVersion = Int(try s.integer())
            case "settings":
                s.skipWhitespace()
                let start = s.pos
                try s.skipValue()
                snap.settingsJSON = Array(UnsafeRawBufferPointer(rebasing: s.bytes[start..<s.pos]))
            case "time_zone": snap.timeZone = try s.string()
            case "columns":
                s.skipWhitespace()
                let start = s.pos
                try s.skipValue()
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[start..<s.pos]), as: UTF8.self)
                let expected = "[" + SnapshotWriter.columns.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                guard text == expected else { throw JSONScanError("unexpected columns") }
            default: try s.skipValue()
            }
        } while s.nextIs(0x2C)
        try s.expect(0x7D, "'}'")
        s.skipWhitespace()
        guard s.atEnd else { throw s.unexpected(expected: "the end of the file") }
        guard let schema else { throw JSONScanError("no schema version") }
        return (snap, schema)
    }

    private static func cards(_ s: inout JSONScanner) throws(JSONScanError) -> CardRecords {
        var records: CardRecords = [:]
        try s.expect(0x5B, "'['")
        if s.nextIs(0x5D) { return records }
        if let parallel = try SnapshotRows.readInParallel(&s) { return parallel }
        records.reserveCapacity(s.bytes.count / 140)
        repeat {
            let (id, record) = try row(&s)
            records[id] = record
        } while s.nextIs(0x2C)
        try s.expect(0x5D, "']'")
        return records
    }

    static func row(_ s: inout JSONScanner) throws(JSONScanError) -> (CardID, CardRecord) {
        try s.expect(0x5B, "'['")
        let id = CardID(rawValue: try hexNumber(&s))
        try s.expect(0x2C, "','")
        let state = try cardState(&s)
        let step = try optionalInt(&s)
        let stability = try optionalDouble(&s)
        let difficulty = try optionalDouble(&s)
        let due = try int(&s)
        let lastReview = try optionalInt(&s)
        let reps = try int(&s), lapses = try int(&s), scheduled = try int(&s)
        let ease = try optionalDouble(&s) ?? 2.5
        let interval = try int(&s), suspended = try int(&s), leech = try int(&s)
        let buried = try optionalInt(&s)
        let reviewCount = try int(&s)
        let introduced = try optionalInt(&s), lastAsReview = try optionalInt(&s)
        try s.expect(0x5D, "']'")
        let memory = stability.flatMap { st in difficulty.map { MemoryState(stability: st, difficulty: $0) } }
        let schedule = CardSchedule(state: state, step: step.map(Int.init), memory: memory,
                                    due: ReviewLogCodec.date(milliseconds: due),
                                    lastReview: lastReview.map(ReviewLogCodec.date(milliseconds:)),
                                    reps: Int(reps), lapses: Int(lapses), scheduledDays: Int(scheduled),
                                    easeFactor: ease, interval: Int(interval))
        let record = CardRecord(schedule: schedule, suspended: suspended != 0, buriedUntilDay: buried.map(Int.init),
                                isLeech: leech != 0, reviewCount: Int(reviewCount),
                                introduced: introduced.map(ReviewLogCodec.date(milliseconds:)),
                                lastReviewAsReview: lastAsReview.map(ReviewLogCodec.date(milliseconds:)))
        return (id, record)
    }

    @inline(__always) private static func int(_ s: inout JSONScanner) throws(JSONScanError) -> Int64 {
        try s.expect(0x2C, "','")
        return try s.integer()
    }

    @inline(__always) private static func optionalInt(_ s: inout JSONScanner) throws(JSONScanError) -> Int64? {
        try s.expect(0x2C, "','")
        return s.null() ? nil : try s.integer()
    }

    @inline(__always) private static func optionalDouble(_ s: inout JSONScanner) throws(JSONScanError) -> Double? {
        try s.expect(0x2C, "','")
        return s.null() ? nil : try s.fastNumber()
    }

    private static func cardState(_ s: inout JSONScanner) throws(JSONScanError) -> CardState {
        guard let r = try s.plainStringBytes() else { throw JSONScanError("unknown card state") }
        let raw = UnsafeRawBufferPointer(rebasing: s.bytes[r])
        if bytesEqual(raw, "review") { return .review }
        if bytesEqual(raw, "new") { return .new }
        if bytesEqual(raw, "learning") { return .learning }
        if bytesEqual(raw, "relearning") { return .relearning }
        throw JSONScanError("unknown card state")
    }

    private static func hexNumber(_ s: inout JSONScanner) throws(JSONScanError) -> UInt64 {
        guard let r = try s.plainStringBytes(), r.count == 16, let v = parseHex16(s.bytes, at: r.lowerBound) else {
            throw JSONScanError("expected 16 hex digits")
        }
        return v
    }

    private static func coverage(_ s: inout JSONScanner) throws(JSONScanError) -> FileCoverage {
        var c = FileCoverage.empty
        try s.expect(0x7B, "'{'")
        repeat {
            let key = try s.string()
            try s.expect(0x3A, "':'")
            switch key {
            case "bytes": c.bytes = Int(try s.integer())
            case "lines": c.lines = Int(try s.integer())
            case "head": c.head = try hexNumber(&s)
            case "tail": c.tail = try hexNumber(&s)
            default: try s.skipValue()
            }
        } while s.nextIs(0x2C)
        try s.expect(0x7D, "'}'")
        return c
    }
}
