import Foundation
import RecallCore
import Testing
@testable import RecallStore
import RecallTestSupport

@Suite struct ReviewLogFileTests {
    func line(_ n: Int) -> String {
        String(decoding: ReviewLogCodec.line(Fixture.review(UInt64(n % 50), minutes: Double(n))), as: UTF8.self)
    }

    @Test func aTornLastLineIsSkippedWithAWarningAndRepairedByTheNextAppend() throws {
        let dir = TempFolder()
        let good = line(1) + line(2)
        try dir.write(Fixture.logName, good + #"{"card":"10000000000"#)
        let store = try Fixture.open(dir)
        #expect(store.notices.map(\.rendered) == [
            "recall: warning: state.json is missing; card states were rebuilt from the review log",
            "\(dir.file(Fixture.logName)):3: warning: the last line is incomplete (recall was interrupted while writing it); skipping it\nnote: it was never confirmed as saved; the next review recorded will remove it",
        ])
        try store.append(Fixture.review(3, minutes: 9))
        #expect(dir.read(Fixture.logName) == good + line(9).replacingOccurrences(of: "1000000000000009", with: "1000000000000003"))
        try store.close()
        let again = try Fixture.open(dir, writing: false)
        #expect(again.notices.isEmpty)
        #expect(try again.loadEntries().count == 3)
    }

    @Test func aCompleteLastLineWithoutNewlineCountsAndGetsOne() throws {
        let dir = TempFolder()
        try dir.write(Fixture.logName, line(1) + line(2).dropLast())
        let store = try Fixture.open(dir)
        #expect(store.notices.map(\.headline) == ["recall: warning: state.json is missing; card states were rebuilt from the review log"])
        #expect(store.records.count == 2)
        try store.append(Fixture.review(3))
        #expect(dir.read(Fixture.logName)?.split(separator: "\n").count == 3)
        try store.close()
        #expect(try Fixture.open(dir, writing: false).loadEntries().count == 3)
    }

    @Test func aMalformedLineStopsEverythingAndTouchesNothing() throws {
        let dir = TempFolder()
        let text = line(1) + "{\"card\":\"nope\"}\n" + line(2)
        try dir.write(Fixture.logName, text)
        #expect {
            _ = try Fixture.open(dir)
        } throws: { error in
            (error as? StoreError)?.description == "\(dir.file(Fixture.logName)):2: error: 'card' must be 16 hex digits\nnote: \(ReviewLogReader.hint)"
        }
        #expect(dir.read(Fixture.logName) == text)
        #expect(dir.read(Fixture.stateName) == nil)
    }

    @Test func errorsInALongLogNameTheRightLine() throws {
        var text = ""
        for n in 0..<20_000 { text += line(n) }
        var bad = Array(text.utf8)
        let cut = bad.count * 3 / 4
        let lineNumber = bad[0..<cut].filter { $0 == 0x0A }.count + 1
        bad[cut] = 0x7E  // '~' somewhere inside line `lineNumber`
        let message = bad.withUnsafeBytes { buf in
            do { _ = try ReviewLogReader.read(buf, path: "x") { _ in }; return "" } catch { return "\(error)" }
        }
        #expect(message.hasPrefix("x:\(lineNumber): error:"))
    }
}

@Suite struct ReviewLogWindowTests {
    @Test func readingInWindowsAgreesWithReadingAllAtOnce() throws {
        let dir = TempFolder()
        var text = ""
        for n in 0..<50_000 {
            text += String(decoding: ReviewLogCodec.line(Fixture.review(UInt64(n % 70), minutes: Double(n))), as: UTF8.self)
        }
        text += #"{"card":"12"#  // torn
        #expect(text.utf8.count > ReviewLogReader.chunkSize)
        try dir.write("reviews.jsonl", text)
        var whole: [ReviewLogEntry] = [], windowed: [ReviewLogEntry] = []
        let a = try Array(text.utf8).withUnsafeBytes { try ReviewLogReader.read($0, path: dir.file("reviews.jsonl")) { whole.append($0) } }
        let b = try ReviewLogReader.readFile(dir.file("reviews.jsonl")) { windowed.append($0) }
        #expect(b == a)
        #expect(windowed == whole)
        #expect(a.tornBytes == 11)
        #expect(a.warning?.location?.line == 50_001)
    }
}
