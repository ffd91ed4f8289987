import Dispatch
import RecallCore

/// The threads the core's split work runs on (see ``JobRunner``): the core starts none itself.
public enum Threads {
    /// Runs the jobs at once, on as many threads as there are processors.
    public static let concurrently: JobRunner = { count, job in
        DispatchQueue.concurrentPerform(iterations: count, execute: job)
    }
}
