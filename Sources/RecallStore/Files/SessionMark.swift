#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock on `session.lock` in the collection folder: shared while a study session is
/// open, exclusive while a background refit adopts its fit.
///
/// The study shell lets go of the collection's lock around a `config` it runs; the refit
/// waits for this mark as well, so it never takes the collection in that gap. The kernel
/// drops the lock when its process ends.
public final class SessionMark {
    private var fd: Int32

    private init?(folder: String, operation: Int32) {
        fd = open("\(folder)/session.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, operation | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
    }

    /// Marks a study session open in `folder`; nil when it cannot (a refit is adopting this
    /// very moment, or the folder is not writable), which the session may ignore.
    public static func session(in folder: String) -> SessionMark? {
        SessionMark(folder: folder, operation: LOCK_SH)
    }

    /// Waits until no study session is open in `folder`, trying every two seconds for up to
    /// `timeout` seconds, and keeps new ones from marking themselves until released; nil if
    /// sessions stayed open.
    public static func noSession(in folder: String, timeout: Double) -> SessionMark? {
        var waited = 0.0
        while true {
            if let mark = SessionMark(folder: folder, operation: LOCK_EX) { return mark }
            guard waited < timeout else { return nil }
            sleep(2)
            waited += 2
        }
    }

    /// Lets go of the mark (also done by the kernel when the process ends).
    public func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
