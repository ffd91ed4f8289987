import Foundation

/// Runs `count` independent jobs, `job(0)` to `job(count - 1)`, in any order, and returns when
/// all of them have finished.
///
/// The core starts no threads of its own: work that can be split (replaying a long log for
/// stats, a pass of the optimizer) goes through one of these, and a caller that wants the jobs
/// run at once passes one that does (RecallStore's `Threads.concurrently`).
public typealias JobRunner = @Sendable (_ count: Int, _ job: @Sendable (Int) -> Void) -> Void

public enum Jobs {
    /// Runs the jobs one after another, on the calling thread.
    public static let inTurn: JobRunner = { count, job in
        for i in 0..<count { job(i) }
    }

    /// The results of `count` jobs run through `run`, in job order.
    static func map<T>(_ count: Int, run: JobRunner, _ job: @Sendable (Int) -> T) -> [T] {
        let results = Results<T>(count: count)
        withoutActuallyEscaping(job) { job in
            run(count) { i in results.store(job(i), at: i) }
        }
        return results.all()
    }

    /// Where jobs leave their results (under a lock); read after all have finished.
    private final class Results<T>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ value: T, at index: Int) { lock.withLock { slots[index] = value } }
        func all() -> [T] { lock.withLock { slots.compactMap { $0 } } }
    }
}
