// Benchmark driver: fits optgen JSONL logs with Recall's optimizer (release build).
// Built by run.sh together with Sources/RecallCore as one module; prints one JSON line per log
// with the same keys as `recall optimize --log FILE --json`.
import Foundation

/// CPU seconds used by this process so far (fair under a loaded machine).
func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("{\"error\": \"cannot read \(path)\"}")
        continue
    }
    let started = Date()
    guard case .success(let reviews) = OptimizerLogReader.reviews([UInt8](data)) else {
        print("{\"error\": \"malformed \(path)\"}")
        continue
    }
    let fitStarted = Date()
    let cpuStarted = cpuSeconds()
    let set = TrainingSet(reviews: reviews)
    var configuration = FSRSOptimizer.Configuration()
    if let iterations = ProcessInfo.processInfo.environment["RECALL_OPT_ITERATIONS"].flatMap(Int.init) {
        configuration.maxIterations = iterations
    }
    if let threads = ProcessInfo.processInfo.environment["RECALL_OPT_THREADS"].flatMap(Int.init) {
        configuration.threads = threads
        configuration.runJobs = { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
    }
    if let gamma = ProcessInfo.processInfo.environment["RECALL_OPT_GAMMA"].flatMap(Double.init) {
        configuration.gamma = gamma
    }
    let outcome = FSRSOptimizer.run(set, current: CollectionSettings.defaultParameters,
                                    configuration: configuration)
    let seconds = Date().timeIntervalSince(started)
    // Fit time without reading the file: what fsrs-rs's compute_parameters is timed on
    // (it also includes scoring current and fitted parameters on the held-out reviews).
    let fitSeconds = Date().timeIntervalSince(fitStarted)
    let fitCPU = cpuSeconds() - cpuStarted
    func metrics(_ m: PredictionMetrics) -> [String: Double] {
        ["log_loss": m.logLoss, "rmse_bins": m.rmseBins, "auc": m.auc.isFinite ? m.auc : -1]
    }
    let object: [String: Any] = [
        "log": path, "parameters": outcome.parameters, "seconds": seconds, "fit_seconds": fitSeconds, "fit_cpu_seconds": fitCPU,
        "fitted": metrics(outcome.fitted), "default": metrics(outcome.current),
        "train_reviews": outcome.trainCount, "test_reviews": outcome.testCount,
    ]
    let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}
