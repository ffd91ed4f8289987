import Foundation
import RecallCore

/// The git merge driver's work (`recall merge-file`): merges two versions of one of the
/// progress files a synced collection keeps in `.recall/`, so that progress is never part of
/// a git conflict.
///
/// The review log and the rename log are sets of facts with a time: the result is the union
/// of both sides, each entry once, in the log's canonical order, as `recall merge` writes it.
/// The settings are merged key by key, a deck preset's keys one by one: the later change
/// wins (see ``mergedSettings``). Planned breaks merge by id against the common base, so
/// breaks planned on two devices are both kept.
public enum ProgressFileMerge {
    /// The kinds of file the driver merges.
    public enum Kind: String, Sendable, CaseIterable {
        case reviewLog = "review log"
        case renames = "rename log"
        case settings = "settings file"

        /// The file's name in the collection folder.
        public var fileName: String {
            switch self {
            case .reviewLog: "reviews.jsonl"
            case .renames: RenameLog.name
            case .settings: SettingsFile.name
            }
        }
    }

    /// Merges `ours` and `theirs` (paths of the two versions) with `base` (the common
    /// ancestor, an empty file when there is none) and returns the merged text.
    ///
    /// `name` is the file's path in the repository (git's `%P`); it decides the kind when its
    /// last component is `reviews.jsonl`, `renames.jsonl` or `settings.json`, and names the
    /// file in messages. Without it the kind is the first that all three versions read as.
    /// Throws, naming the file, when a version is not a file of that kind.
    public static func merge(base: String, ours: String, theirs: String,
                             name: String? = nil) throws(StoreError) -> (kind: Kind, text: [UInt8]) {
        let versions = [base, ours, theirs]
        let texts = try versions.map { path throws(StoreError) -> [UInt8] in
            guard let bytes = try AtomicFile.read(path) else { throw StoreError(path: path, reason: "cannot find '\(path)'") }
            return bytes
        }
        let shown = { (i: Int) -> String in name.map { "\($0) (\(["base", "ours", "theirs"][i]))" } ?? versions[i] }
        let kind: Kind
        switch name.map({ String($0.split(separator: "/").last ?? "") }) {
        case "reviews.jsonl"?: kind = .reviewLog
        case RenameLog.name?: kind = .renames
        case SettingsFile.name?: kind = .settings
        default:
            guard let found = [Kind.reviewLog, .renames, .settings].first(where: { k in
                texts.indices.allSatisfy { (try? read(texts[$0], as: k, shown: shown($0))) != nil }
            }) else {
                let bad = texts.indices.first { i in
                    [Kind.reviewLog, .renames, .settings].allSatisfy { (try? read(texts[i], as: $0, shown: "")) == nil }
                } ?? 1
                throw StoreError(path: versions[bad], reason: "'\(name ?? versions[bad])' is not a Recall review log, rename log or settings file; nothing was merged",
                                 notes: ["the merge driver only merges the progress files in '.recall/'; let git merge the others"])
            }
            kind = found
        }
        let contents = try texts.indices.map { i throws(StoreError) in try read(texts[i], as: kind, shown: shown(i)) }
        switch (contents[0], contents[1], contents[2]) {
        case (.entries, .entries(let o), .entries(let t)):
            var out: [UInt8] = []
            for e in sortedUnique(o + t) { ReviewLogCodec.encode(e, into: &out) }
            return (kind, out)
        case (.renames, .renames(let o), .renames(let t)):
            return (kind, RenameLog.text(o + t))
        case (.settings(let b), .settings(let o), .settings(let t)):
            return (kind, SettingsFile.encode(mergedSettings(base: b, ours: o, theirs: t)))
        default:
            throw StoreError(path: ours, reason: "cannot merge '\(name ?? ours)'")
        }
    }

    /// Reads `bytes` as a file of `kind` exactly as the merge and the store do, and throws the
    /// first problem (`shown` names the file in it): what `recall sync` checks a version from
    /// elsewhere with before taking it in, since a line the store refuses would stop every
    /// later command.
    public static func check(_ bytes: [UInt8], as kind: Kind, shown: String) throws(StoreError) {
        _ = try read(bytes, as: kind, shown: shown)
    }

    private enum Content {
        case entries([ReviewLogEntry])
        case renames([CardRename])
        case settings(CollectionSettings)
    }

    /// One version read as `kind`; `shown` names it in errors. An empty file is an empty log
    /// or the default settings (git passes one for a side that has no such file).
    private static func read(_ bytes: [UInt8], as kind: Kind, shown: String) throws(StoreError) -> Content {
        switch kind {
        case .reviewLog:
            var entries: [ReviewLogEntry] = []
            var failure: StoreError?
            let outcome = bytes.withUnsafeBytes { buffer -> ReviewLogReader.Outcome? in
                do {
                    return try ReviewLogReader.read(buffer, path: shown) { entries.append($0) }
                } catch {
                    failure = error as? StoreError
                    return nil
                }
            }
            guard let outcome else { throw failure ?? StoreError(path: shown, reason: "'\(shown)' is not a review log") }
            // A torn last line is a crash's leftover, not a fact; a settings file reads as one.
            if outcome.tornBytes > 0, entries.isEmpty {
                throw StoreError(path: shown, reason: "'\(shown)' is not a review log")
            }
            return .entries(entries)
        case .renames:
            let (renames, valid) = try RenameLog.parse(bytes, path: shown)
            if valid == 0, !bytes.isEmpty { throw StoreError(path: shown, reason: "'\(shown)' is not a rename log") }
            return .renames(renames)
        case .settings:
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) { return .settings(CollectionSettings()) }
            guard case .success(let root) = JSONValue.parse(bytes) else {
                throw StoreError(path: shown, reason: "'\(shown)' is not a settings file")
            }
            return .settings(try SettingsFile.decode(root, path: shown))
        }
    }

    private static func sortedUnique(_ entries: [ReviewLogEntry]) -> [ReviewLogEntry] {
        var out: [ReviewLogEntry] = []
        for e in entries.sorted(by: ReviewLogEntry.order) where out.last != e { out.append(e) }
        return out
    }

    /// Each setting as the side that changed it last has it.
    ///
    /// A setting with a change time on either side (``CollectionSettings/changed``) takes the
    /// value of the later change; at the same time with different values, the value that
    /// sorts last in `settings.json`'s text, so that merging either way round gives the same.
    /// A setting without any change time (changed by an older Recall, or never) takes the
    /// value of the side that changed it against the common base, ours when both did.
    static func mergedSettings(base: CollectionSettings, ours: CollectionSettings,
                               theirs: CollectionSettings) -> CollectionSettings {
        var merged = ours
        func takeTheirs(_ name: String, oursChanged: Bool, differ: Bool, text: () -> (String, String)) -> Bool {
            let o = ours.changed[name], t = theirs.changed[name]
            if o == nil && t == nil { return !oursChanged }
            if (t ?? .distantPast) != (o ?? .distantPast) { return (t ?? .distantPast) > (o ?? .distantPast) }
            guard differ else { return false }
            let (ourText, theirText) = text()
            return theirText > ourText
        }
        for key in SettingKey.all {
            let take = takeTheirs(key.name, oursChanged: key.get(ours) != key.get(base), differ: key.get(ours) != key.get(theirs)) {
                (SettingsText.show(key.get(ours), kind: key.kind), SettingsText.show(key.get(theirs), kind: key.kind))
            }
            if take {
                key.set(&merged, key.get(theirs))
                merged.changed[key.name] = theirs.changed[key.name]
            }
        }
        // Deck presets key by key too, so that two machines setting different keys of one
        // deck (or different decks) both keep theirs. The card lists are derived from the
        // decks: each side's are taken as they are, then made consistent.
        let decks = Set(base.deckPresets.keys).union(ours.deckPresets.keys).union(theirs.deckPresets.keys)
        for deck in decks {
            for key in SettingKey.perDeck {
                let name = "deck.\(deck).\(key.name)"
                let (b, o, t) = (key.value(ofDeck: deck, in: base), key.value(ofDeck: deck, in: ours),
                                 key.value(ofDeck: deck, in: theirs))
                let take = takeTheirs(name, oursChanged: o != b, differ: o != t) {
                    (o.map { SettingsText.show($0, kind: key.kind) } ?? "", t.map { SettingsText.show($0, kind: key.kind) } ?? "")
                }
                guard take else { continue }
                key.assign(t, toDeck: deck, in: &merged)
                merged.changed[name] = theirs.changed[name]
            }
            let cards = Set(ours.deckPresets[deck]?.cards ?? []).union(theirs.deckPresets[deck]?.cards ?? [])
            if !cards.isEmpty, merged.deckPresets[deck] != nil { merged.deckPresets[deck]?.cards = cards.sorted() }
        }
        merged.settleDeckPresetCards()
        // Breaks by id, like deck limits: one planned on either side is kept, one cancelled on
        // either side is gone.
        for id in Set(base.plannedBreaks.byID.keys).union(ours.plannedBreaks.byID.keys).union(theirs.plannedBreaks.byID.keys)
        where ours.plannedBreaks.byID[id] == base.plannedBreaks.byID[id] {
            merged.plannedBreaks.byID[id] = theirs.plannedBreaks.byID[id]
        }
        return merged
    }
}

extension ProgressFileMerge {
    /// Replaces the file at `path` with `text` atomically (the driver's result replaces OURS).
    public static func write(_ text: [UInt8], to path: String) throws(StoreError) {
        try AtomicFile.write(text, to: path)
    }
}
