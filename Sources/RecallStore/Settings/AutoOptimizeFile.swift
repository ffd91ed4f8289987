import Foundation
import RecallCore

/// `auto-optimize.json` in the collection folder: the last fit of the collection's
/// parameters (automatic or by `recall optimize`), which decides when the next automatic
/// one is due and what the next greeting says about it.
///
/// `{"announced": false, "current": {"log_loss": …, "rmse_bins": …}, "fitted": {…},
/// "fitted_at": 1767225600.0, "result": "adopted", "reviews": 4210, "schema": 1,
/// "scored_reviews": 3102}`. Each machine keeps its own (sync leaves it out). Not truth: a
/// missing or unreadable file only means the next fit is decided as if none had been made.
public enum AutoOptimizeFile {
    public static let name = "auto-optimize.json"
    static let schema = 1

    /// The record in `path`, or nil when there is none or it cannot be read.
    public static func load(_ path: String) -> AutoOptimize.Record? {
        guard let bytes = try? AtomicFile.read(path),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              (object["schema"] as? Int).map({ $0 <= schema }) ?? false,
              let time = object["fitted_at"] as? Double, time.isFinite,
              let reviews = object["reviews"] as? Int,
              let result = (object["result"] as? String).flatMap(AutoOptimize.Record.Result.init(rawValue:)),
              let current = metrics(object["current"]), let fitted = metrics(object["fitted"]) else { return nil }
        return AutoOptimize.Record(fittedAt: Date(timeIntervalSince1970: time), reviews: reviews, result: result,
                                   current: current, fitted: fitted,
                                   scoredReviews: object["scored_reviews"] as? Int ?? 0,
                                   announced: object["announced"] as? Bool ?? true)
    }

    /// Writes `record` to `path` atomically.
    public static func save(_ record: AutoOptimize.Record, to path: String) throws(StoreError) {
        let object: [String: Any] = [
            "schema": schema, "fitted_at": record.fittedAt.timeIntervalSince1970, "reviews": record.reviews,
            "result": record.result.rawValue, "current": json(record.current), "fitted": json(record.fitted),
            "scored_reviews": record.scoredReviews, "announced": record.announced,
        ]
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            throw StoreError(path: path, reason: "could not encode the last fit's record")
        }
        data.append(0x0A)
        try AtomicFile.write([UInt8](data), to: path)
    }

    /// Claims the right to fit the collection in `folder` (`auto-optimize.lock`, a lock of
    /// its own so that fitting never holds the collection's): nil while another process
    /// fits it. Fitting stops being claimed when the lock is released or the process ends.
    public static func claimFitting(in folder: String) -> CollectionLock? {
        try? CollectionLock(path: "\(folder)/auto-optimize.lock")
    }

    private static func json(_ m: PredictionMetrics) -> [String: Any] {
        // NaN has no JSON form; a metric that could not be computed is left out.
        var out: [String: Any] = ["count": m.count]
        if m.logLoss.isFinite { out["log_loss"] = m.logLoss }
        if m.rmseBins.isFinite { out["rmse_bins"] = m.rmseBins }
        if m.auc.isFinite { out["auc"] = m.auc }
        return out
    }

    private static func metrics(_ value: Any?) -> PredictionMetrics? {
        guard let object = value as? [String: Any] else { return nil }
        return PredictionMetrics(logLoss: object["log_loss"] as? Double ?? .nan,
                                 rmseBins: object["rmse_bins"] as? Double ?? .nan,
                                 auc: object["auc"] as? Double ?? .nan, count: object["count"] as? Int ?? 0)
    }
}
