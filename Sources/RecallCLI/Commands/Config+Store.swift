import ArgumentParser
import Foundation
import RecallCore
import RecallStore

/// Opening the progress store for the store's own commands (`config`, `merge`).
enum StoreAccess {
    /// Where the collection named by `--decks`/`--data` keeps its progress.
    static func location(_ options: CollectionOptions) -> StoreLocation {
        StoreLocation(dataDirectory: options.dataDirectory().path, decksDirectory: options.decksDirectory().path)
    }

    /// Opens the store, printing its notices; a ``StoreError`` is printed and becomes exit 1.
    /// `quietRebuild` leaves out the notice that a missing `state.json` was rebuilt (expected
    /// in a synced collection, whose caches git does not carry).
    static func open(_ options: CollectionOptions, forWriting: Bool, quietRebuild: Bool = false) throws -> ProgressStore {
        let location = location(options)
        let store = try reporting {
            let device = forWriting
                ? try ProgressStore.deviceID(dataDirectory: location.dataDirectory,
                                             environment: ProcessInfo.processInfo.environment)
                : ""
            return try ProgressStore.open(location, device: device, timeZone: Clock.timeZone, forWriting: forWriting)
        }
        DiagnosticPrinter.standardError().print(store.notices.filter {
            !(quietRebuild && $0.message.hasPrefix("state.json is missing"))
        })
        return store
    }

    /// Runs `body`, turning a ``StoreError`` into its printed diagnostic and exit code 1.
    @discardableResult
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            DiagnosticPrinter.standardError().print([error.diagnostic])
            throw ExitCode(1)
        }
    }
}
