import Foundation
import RecallCore
import RecallStore
import RecallTestSupport
import Testing

@Suite struct AutoOptimizeFileTests {
    let folder = RecallProcess.temporaryDirectory("recall-auto-optimize")
    var path: String { folder.appendingPathComponent(AutoOptimizeFile.name).path }

    @Test func roundTripsARecord() throws {
        let record = AutoOptimize.Record(
            fittedAt: Date(timeIntervalSince1970: 1_717_236_000.5), reviews: 4210, result: .adopted,
            current: PredictionMetrics(logLoss: 0.31, rmseBins: 0.05, auc: .nan, count: 800),
            fitted: PredictionMetrics(logLoss: 0.29, rmseBins: 0.03, auc: 0.64, count: 800), scoredReviews: 3102)
        try AutoOptimizeFile.save(record, to: path)
        let loaded = try #require(AutoOptimizeFile.load(path))
        #expect(loaded.fittedAt == record.fittedAt && loaded.reviews == 4210 && loaded.result == .adopted)
        #expect(loaded.fitted == record.fitted && loaded.scoredReviews == 3102 && !loaded.announced)
        #expect(loaded.current.auc.isNaN && loaded.current.logLoss == 0.31)
    }

    @Test(arguments: ["", "{", "[]", "{\"schema\":1}", "{\"schema\":2,\"fitted_at\":1,\"reviews\":1,\"result\":\"kept\",\"current\":{},\"fitted\":{}}",
                      "{\"schema\":1,\"fitted_at\":1,\"reviews\":1,\"result\":\"maybe\",\"current\":{},\"fitted\":{}}"])
    func unreadableFileMeansNoFit(text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(AutoOptimizeFile.load(path) == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)  // left as it is
    }

    @Test func missingFileMeansNoFit() {
        #expect(AutoOptimizeFile.load(path) == nil)
    }

    @Test func onlyOneProcessFitsACollectionAtATime() throws {
        let first = try #require(AutoOptimizeFile.claimFitting(in: folder.path))
        #expect(AutoOptimizeFile.claimFitting(in: folder.path) == nil)
        first.release()
        #expect(AutoOptimizeFile.claimFitting(in: folder.path) != nil)
    }

    @Test func aRefitAdoptsOnlyWhenNoSessionIsOpen() throws {
        let first = try #require(SessionMark.session(in: folder.path))
        let second = try #require(SessionMark.session(in: folder.path))  // sessions share it
        #expect(SessionMark.noSession(in: folder.path, timeout: 0) == nil)
        first.release()
        #expect(SessionMark.noSession(in: folder.path, timeout: 0) == nil)
        second.release()
        let adopting = try #require(SessionMark.noSession(in: folder.path, timeout: 0))
        // A session starting meanwhile goes without the mark (the collection's lock still guards it).
        #expect(SessionMark.session(in: folder.path) == nil)
        adopting.release()
        #expect(SessionMark.session(in: folder.path) != nil)
    }
}
