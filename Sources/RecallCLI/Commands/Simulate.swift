import ArgumentParser
import Foundation
import RecallCore
import RecallStore

extension Recall {
    /// `recall simulate`: the workload and retained knowledge of each desired retention.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Compare desired retentions: daily workload and cards remembered over the next year.",
            discussion: """
                Simulates the coming days of study from your own collection: the cards you \
                have studied (with their memory states and due dates), your new cards at \
                new_per_day, at most reviews_per_day reviews a day, your FSRS parameters, and \
                the time you take and the ratings you give, read from your review log. For \
                each desired retention it prints the reviews and minutes per day and how many \
                cards you would remember at the end, and marks the current retention and the \
                most efficient one (the least study time per remembered card). Rows are \
                averages of 4 runs; the same --seed gives the same numbers.

                --retention takes a retention (0.85), a list (0.8,0.85,0.9), a range of \
                hundredths (0.75..0.97) or a range with a step (0.70..0.95/0.05); the current \
                retention is always included. Set the one you choose with 'recall config \
                desired_retention R'.

                Examples:
                  recall simulate
                  recall simulate --retention 0.80..0.95 --days 180
                  recall simulate --retention 0.85,0.9 --json
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Option(help: ArgumentHelp("Desired retentions to compare (default 0.70..0.95/0.05 and 0.97).",
                                   valueName: "list"))
        var retention: String?

        @Option(help: "Days to simulate (1-3650).")
        var days = 365

        @Option(help: "Seed of the simulation's random numbers.")
        var seed: UInt64 = 1

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            guard (1...3650).contains(days) else { throw ValidationError("--days must be from 1 to 3650, not \(days)") }
            if let retention, case .failure(let error) = RetentionList.parse(retention) {
                throw ValidationError("--retention: \(error.message)")
            }
        }

        func run() throws {
            let root = collection.decksDirectory()
            guard CollectionLoaderAccess.isFolder(root.path) else { throw collection.missingFolder(root) }
            let store = try StoreAccess.open(collection, forWriting: false)
            let settings = store.settings
            guard settings.scheduler == .fsrs else {
                throw CLIError("the simulation follows FSRS, and this collection is scheduled with SM-2",
                               hint: "switch with 'recall config scheduler fsrs'")
            }
            let entries = try StoreAccess.reporting { try store.loadEntries() }
            let cards = CollectionLoader.load(root: root, cache: DeckCache(folder: store.location.folder)).cards
            let calendar = StudyCalendar(timeZone: Clock.timeZone, dayStartHour: settings.dayStartHour)
            let behaviour = ReviewBehaviour(log: entries, calendar: calendar)
            var simulator = WorkloadSimulator(settings: settings, cards: cards, records: store.records,
                                              behaviour: behaviour, calendar: calendar, now: Clock.now())
            simulator.days = days
            simulator.seed = seed
            let asked = retention.flatMap { try? RetentionList.parse($0).get() } ?? RetentionList.standard
            let current = settings.desiredRetention
            let retentions = Set(asked + [current]).sorted()
            let report = SimulateReport(simulator: simulator, behaviour: behaviour, rows: simulator.table(retentions),
                                        current: current)
            print(json ? report.json() : report.text())
        }
    }
}
