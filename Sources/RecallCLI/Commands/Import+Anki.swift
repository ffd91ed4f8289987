import ArgumentParser
import Foundation
import RecallAnki
import RecallCore
import RecallStore

extension Recall.Import {
    /// True for the Anki packages `recall import` hands to ``runAnki()``.
    static func isAnkiPackage(_ file: String) -> Bool {
        ["apkg", "colpkg"].contains(DeckName.fileExtension(file))
    }

    /// Imports an Anki package: its decks become Markdown deck files (levels as folders),
    /// media go under `media/`, and its review history is merged into the progress. The whole
    /// package is read and checked first; a damaged one is refused and nothing is written.
    func runAnki() throws {
        if into != nil {
            throw ValidationError("--into does not apply to Anki packages: each Anki deck becomes its own deck file")
        }
        let root = collection.decksDirectory()
        let interrupts = Self.removingTemporaryFilesOnInterrupt()
        defer { interrupts.forEach { $0.cancel() } }
        let progress = ImportProgress(file: file)
        let known: Set<CardID> = CollectionLoaderAccess.isFolder(root.path)
            ? Set(CollectionLoader.load(root: root).cards.map(\.id)) : []
        let plan: AnkiImportPlan
        do {
            let limits = AnkiSizeLimits(perFile: maxFileSize << 20, total: maxTotalSize << 20)
            plan = try AnkiImporter.plan(package: file, existingCards: known, now: Clock.now(), limits: limits) {
                progress.show($0 * 0.8, $1)
            }
        } catch {
            progress.clear()
            throw CLIError(error.message, hint: error.hint)
        }
        progress.show(0.85, "writing")
        var warnings = plan.warnings
        let store = try StoreAccess.open(collection, forWriting: true)
        if let hour = plan.ankiDayStartHour, hour != store.settings.dayStartHour {
            warnings.append("Anki's days start at \(hour):00 but this collection's at \(store.settings.dayStartHour):00, "
                + "so imported intervals may differ by a day; 'recall config day_start_hour \(hour)' matches Anki")
        }
        let shownRoot = root.relativePath
        let problems = AnkiImporter.check(plan, collectionRoot: root, shownRoot: shownRoot)
        guard problems.isEmpty else {
            progress.clear()
            DiagnosticPrinter.standardError().print(problems)
            throw ExitCode(1)
        }
        let result = try StoreAccess.reporting {
            let result = try AnkiImporter.apply(plan, collectionRoot: root, store: store)
            try store.close()
            return result
        }
        progress.clear()
        warnings += result.mediaConflicts.map { "kept the existing '\($0)', which differs from the one in the package" }
        for warning in warnings {
            Console.err("\(file): warning: \(warning)\n")
        }
        print(Self.ankiReport(file: file, root: root, plan: plan, result: result))
    }

    /// Catches SIGINT, SIGTERM and SIGHUP while an import (or `export --apkg`) runs: the
    /// private temporary folders, and the files at `alsoRemoving`, are removed before the
    /// process exits as the signal would have it (128 + signal).
    static func removingTemporaryFilesOnInterrupt(alsoRemoving files: [String] = []) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                AnkiStaging.removeAll()
                for file in files { unlink(file) }
                Foundation.exit(128 + number)
            }
            source.setCancelHandler { signal(number, SIG_DFL) }
            source.resume()
            return source
        }
    }

    /// The closing lines: cards, files, media and history imported, or why nothing was.
    static func ankiReport(file: String, root: URL, plan: AnkiImportPlan, result: AnkiImportResult) -> String {
        let history = "\(ankiCount(result.newReviews, "review")) of history"
        if plan.newCards == 0 {
            let known = plan.knownCards == 1 ? "the card" : "all \(plan.knownCards) cards"
            if result.newEntries == 0 {
                return "nothing to import: \(known) in '\(file)' and their history are already in the collection"
            }
            return "imported \(history) for cards already in the collection"
        }
        var lines = ["imported \(ankiCount(plan.newCards, "card")) and \(history) from '\(file)'"]
        let shown = root.relativePath.hasSuffix("/") ? root.relativePath : root.relativePath + "/"
        lines += result.files.map { "  \(shown)\($0)" }
        if result.mediaWritten > 0 { lines.append("  \(ankiCount(result.mediaWritten, "media file")) in \(shown)media/") }
        if plan.duplicateCards > 0 { lines.append("\(plan.duplicateCards) duplicate \(plan.duplicateCards == 1 ? "card" : "cards") skipped") }
        if plan.knownCards > 0 { lines.append("\(plan.knownCards) \(plan.knownCards == 1 ? "card was" : "cards were") already in the collection") }
        if let cleaned = cleanedLine(plan) { lines.append(cleaned) }
        return lines.joined(separator: "\n")
    }

    /// How many fields, tags and deck names had control characters removed, if any.
    static func cleanedLine(_ plan: AnkiImportPlan) -> String? {
        var parts: [String] = []
        if plan.cleanedFields > 0 { parts.append(plan.cleanedFields == 1 ? "1 field or tag" : "\(plan.cleanedFields) fields or tags") }
        if plan.cleanedDeckNames > 0 { parts.append(ankiCount(plan.cleanedDeckNames, "deck name")) }
        guard !parts.isEmpty else { return nil }
        return "control characters removed from \(parts.joined(separator: " and "))"
    }
}

/// `1 card`, `2 cards`: a count and its noun (regular plurals only).
func ankiCount(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}
