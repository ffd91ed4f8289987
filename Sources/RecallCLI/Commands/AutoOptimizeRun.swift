#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RecallCore
import RecallStore

/// `auto_optimize`: refitting the collection's parameters after a study session, out of
/// the user's way, and saying so at the next greeting.
///
/// The session's exit checks the rule (``AutoOptimize/isDue(last:reviews:firstReview:now:policy:)``,
/// no log read) and, when a fit is due, starts `recall optimize --auto --background` as a
/// process of its own session with no terminal, and exits without waiting. That process
/// fits without the collection's lock, then, once no study session is open
/// (``SessionMark``), takes the lock only to adopt: it adopts only
/// if the settings the fit was compared against are still in force, and writes the
/// settings and the record atomically, so killing it at any point loses nothing.
/// `RECALL_AUTO_OPTIMIZE=foreground` runs the same step in the exiting process instead,
/// for tests and CI, where nothing may run in the background.
enum AutoOptimizeRun {
    /// What one step did.
    enum Step: Equatable {
        /// No fit is due (or auto_optimize is off, or the scheduler is SM-2).
        case notDue
        /// Another process is fitting this collection.
        case alreadyFitting
        /// The collection stayed locked by a session for longer than the step waits.
        case locked
        /// The settings changed while fitting (other parameters saved, …): nothing adopted,
        /// nothing recorded, so the next session's end tries again.
        case settingsChanged
        /// The fit was made and recorded (and adopted if it was better).
        case recorded(AutoOptimize.Record)
    }

    /// How long a background step waits for a study session to release the collection.
    static let lockWait: TimeInterval = 30 * 60

    /// After a study session has closed the collection: starts a refit when one is due.
    static func afterSession(_ collection: CollectionOptions, data: StudyData) {
        guard let data = data as? StoreStudyData, data.settings.autoOptimize, data.settings.scheduler == .fsrs else { return }
        let history = AutoOptimize.history(data.records)
        let last = AutoOptimizeFile.load(data.store.path(AutoOptimizeFile.name))
        guard AutoOptimize.isDue(last: last, reviews: history.reviews, firstReview: history.firstReview,
                                 now: Clock.now()) else { return }
        if ProcessInfo.processInfo.environment["RECALL_AUTO_OPTIMIZE"] == "foreground" {
            _ = try? step(collection, background: false)
        } else {
            launch(collection)
        }
    }

    /// Checks the rule, fits when due and adopts a better fit under the collection's lock.
    /// With `background`, runs at low priority and waits for a session holding the lock.
    static func step(_ collection: CollectionOptions, background: Bool) throws -> Step {
        if background { lowerPriority() }
        let now = Clock.now()
        let location = StoreAccess.location(collection)
        guard FileManager.default.fileExists(atPath: location.folder) else { return .notDue }
        guard let fitting = AutoOptimizeFile.claimFitting(in: location.folder) else { return .alreadyFitting }
        defer { fitting.release() }
        let reader = try StoreAccess.reporting {
            try ProgressStore.open(location, device: "", timeZone: Clock.timeZone, forWriting: false)
        }
        let settings = reader.settings
        let recordPath = reader.path(AutoOptimizeFile.name)
        let history = AutoOptimize.history(reader.records)
        guard settings.autoOptimize, settings.scheduler == .fsrs,
              AutoOptimize.isDue(last: AutoOptimizeFile.load(recordPath), reviews: history.reviews,
                                 firstReview: history.firstReview, now: now) else { return .notDue }
        let entries = try StoreAccess.reporting { try reader.loadEntries() }
        let calendar = StudyCalendar(timeZone: Clock.timeZone, dayStartHour: settings.dayStartHour)
        let reviews = TrainingSet.reviews(from: entries, calendar: calendar,
                                          including: OptimizeRun.collectionCards(settings))
        let outcome = FSRSOptimizer.run(TrainingSet(reviews: reviews), current: settings.parameters)
        let record = AutoOptimize.Record(outcome, at: now, reviews: history.reviews)
        // Between sessions only: not in the gap a shell leaves around a `config` it runs.
        guard let between = SessionMark.noSession(in: location.folder, timeout: background ? lockWait : 0) else { return .locked }
        defer { between.release() }
        guard let writer = openForWriting(collection, waiting: background ? lockWait : 0) else { return .locked }
        guard AutoOptimize.canAdopt(fittedWith: settings, into: writer.settings) else {
            try StoreAccess.reporting { try writer.close() }
            return .settingsChanged
        }
        try StoreAccess.reporting {
            if record.result == .adopted {
                var adopted = writer.settings
                adopted.parameters = outcome.parameters
                try writer.updateSettings(adopted, keepingDueDatesAt: now)
            }
            try AutoOptimizeFile.save(record, to: recordPath)
            try writer.close()
        }
        return .recorded(record)
    }

    /// The collection opened for writing, trying again every two seconds for `waiting`
    /// seconds while another process holds it; nil if it stays held.
    private static func openForWriting(_ collection: CollectionOptions, waiting: TimeInterval) -> ProgressStore? {
        let location = StoreAccess.location(collection)
        let deadline = Date().addingTimeInterval(waiting)
        while true {
            if let device = try? ProgressStore.deviceID(dataDirectory: location.dataDirectory,
                                                        environment: ProcessInfo.processInfo.environment),
               let store = try? ProgressStore.open(location, device: device, timeZone: Clock.timeZone, forWriting: true) {
                return store
            }
            guard Date() < deadline else { return nil }
            sleep(2)
        }
    }

    /// Starts `recall optimize --auto --background` for `collection` in a new session, with
    /// no terminal and its output discarded, and does not wait for it.
    static func launch(_ collection: CollectionOptions) {
        guard let executable = Bundle.main.executablePath else { return }
        let arguments = [executable, "optimize", "--auto", "--background",
                         "--decks", collection.decksDirectory().standardizedFileURL.path,
                         "--data", collection.dataDirectory().standardizedFileURL.path]
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        // Its own session: closing the terminal (SIGHUP) or Ctrl-C in the shell that ran
        // `recall` does not reach it.
        posix_spawnattr_setflags(&attributes, Self.spawnNewSession)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        _ = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    }

    #if os(Linux)
    /// glibc's `POSIX_SPAWN_SETSID`, a macro Swift's Glibc module does not import.
    private static let spawnNewSession: Int16 = 0x80
    #else
    private static let spawnNewSession = Int16(POSIX_SPAWN_SETSID)
    #endif

    /// Yields the processor to anything interactive (nice 10).
    private static func lowerPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #else
        _ = setpriority(PRIO_PROCESS, 0, 10)
        #endif
    }

    /// The line the next greeting shows about the last automatic fit, once: nil when it has
    /// been shown (the record is marked so) or there is none.
    static func takeAnnouncement(_ data: StudyData) -> String? {
        guard let data = data as? StoreStudyData, data.store.isWritable else { return nil }
        let path = data.store.path(AutoOptimizeFile.name)
        guard var record = AutoOptimizeFile.load(path), !record.announced else { return nil }
        record.announced = true
        // Shown even if it cannot be marked: a line too many beats a fit never mentioned.
        try? AutoOptimizeFile.save(record, to: path)
        return OptimizeReport.announcement(record)
    }
}
