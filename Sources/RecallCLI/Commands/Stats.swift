import ArgumentParser
import Foundation
import RecallCore

extension Recall {
    /// `recall stats [DECK|#TAG] [--json] [--ascii]`: how am I doing, at a glance.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show progress at a glance: today, streak, heatmap, forecast, retention.",
            discussion: """
                Everything is computed from the review log. Days are study days: they start at \
                the collection's day-start hour in your time zone. Colour is used on a terminal \
                unless NO_COLOR is set or --no-color is given.

                Examples:
                  recall stats                     the whole collection
                  recall stats Languages           a deck and its sub-decks
                  recall stats '#verbs'            cards with a tag
                  recall stats --ascii             plain ASCII instead of block characters
                  recall stats --json | jq .today  every number, for scripts
                """
        )

        @OptionGroup var collection: CollectionOptions
        @OptionGroup var display: DisplayOptions

        @Argument(help: ArgumentHelp("Limit the stats to a deck (with its sub-decks) or a #tag.",
                                     valueName: "deck|#tag"))
        var selection: String?

        @Flag(name: .long, help: "Print every number as JSON (sorted keys) on standard output.")
        var json = false

        @Flag(name: .long, help: "Draw with ASCII characters instead of Unicode block characters.")
        var ascii = false

        func run() throws {
            let filter = StatsFilter(argument: selection)
            let input = try StatsLoader.load(collection, now: Clock.now(), timeZone: Clock.timeZone, filter: filter)
            try StatsLoader.check(filter, cards: input.cards)
            let report = StatsReport.compute(input, filter: filter)
            let scope = StatsLoader.scope(filter)
            let text: String
            if json {
                text = try StatsJSON.render(report, scope: scope)
            } else {
                text = StatsTextView(report: report, scope: scope, glyphs: ascii ? .ascii : .unicode,
                                     color: Terminal.useColor(noColorFlag: display.noColor),
                                     width: Terminal.width()).render()
            }
            if json { Console.json(Data(text.utf8)) } else { Console.out(text) }
            KeptUntilExit.keep((input, report))
        }
    }
}
