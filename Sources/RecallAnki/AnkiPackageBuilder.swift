import Foundation
import RecallCore

/// Decides the rows of an exported Anki package (``AnkiPackageContents``) from the notes to
/// export and the review log, without I/O: the log is replayed through the collection's
/// scheduler, each card's final state becomes its Anki scheduling and each counted answer
/// one `revlog` row.
///
/// How states map: new → type 0 (due = the note's position); learning and relearning →
/// types 1 and 3, due at their time (queue 1) or, for a step of a day or more, on their day
/// (queue 3); review → type 2, due on its day. Suspended cards get queue -1, cards buried
/// today queue -3. With FSRS, the memory state goes into the card's `data` as Anki keeps it.
/// An undone answer is not exported; a `forget` becomes Anki's reset row (type 4, ease 0).
public enum AnkiPackageBuilder {
    public static func build(_ items: [AnkiTextExport.Item], log: [ReviewLogEntry], replay: CollectionReplay,
                             now: Date) -> AnkiPackageContents {
        let calendar = replay.calendar
        // A card two notes make (the collection keeps the first, as `recall check` warns) is
        // exported once; a note left without cards is not exported.
        var seen: Set<CardID> = []
        let kept: [(item: AnkiTextExport.Item, cards: [Card])] = items.compactMap { item in
            let cards = item.note.cards(file: "").filter { seen.insert($0.id).inserted }
            return cards.isEmpty ? nil : (item, cards)
        }
        let items = kept.map(\.item)
        let cardsOfNote = kept.map(\.cards)
        let selected = seen
        let entries = log.filter { selected.contains($0.card) }
        let result = replay.replay(entries, annotate: true)

        var out = AnkiPackageContents()
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let firstDay = min(entries.map { calendar.dayNumber($0.time) }.min() ?? Int.max, calendar.dayNumber(now))
        frame(&out, firstDay: firstDay, calendar: calendar, modified: nowMs / 1000)
        settings(replay.scheduler.settings, into: &out)

        out.decks = decks(items.map(\.note.deck), baseMs: nowMs)
        let deckID = Dictionary(out.decks.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        var media = AnkiExportMedia()
        let cardCount = cardsOfNote.reduce(0) { $0 + $1.count }
        var ankiCard: [CardID: Int64] = [:]
        var guids: Set<String> = []
        let today = calendar.dayNumber(now)
        for (index, item) in items.enumerated() {
            let noteID = nowMs - Int64(items.count - index)
            var row = note(item, id: noteID, recallNote: cardsOfNote[index].first?.noteID, media: &media)
            if !guids.insert(row.guid).inserted { row.guid += "-\(noteID)" }
            out.notes.append(row)
            for card in cardsOfNote[index] {
                let id = nowMs - Int64(cardCount - out.cards.count)
                ankiCard[card.id] = id
                var row = AnkiPackageContents.Card(
                    id: id, note: noteID, deck: deckID[item.note.deck] ?? 1, ord: ord(card.kind), type: 0, queue: 0,
                    due: Int64(index + 1), interval: 0, factor: 0, reps: 0, lapses: 0, left: 0, data: "{}")
                if let record = result.records[card.id] {
                    schedule(record, of: &row, scheduler: replay.scheduler(for: card.id), calendar: calendar,
                             firstDay: firstDay, today: today, position: index + 1)
                }
                out.cards.append(row)
            }
        }
        out.media = media.files
        out.revlog = revlog(result.reviews, forgets: entries.filter { $0.event == .forget }, cards: ankiCard)
        return out
    }

    /// The collection's creation at the start of study day `firstDay` (review due days count
    /// from it), its offset in minutes west of UTC and its day start, as Anki keeps them.
    private static func frame(_ out: inout AnkiPackageContents, firstDay: Int, calendar: StudyCalendar, modified: Int64) {
        let created = calendar.startOfDay(firstDay)
        out.crt = Int64(created.timeIntervalSince1970.rounded(.down))
        out.creationOffset = -calendar.secondsFromGMT(for: created) / 60
        out.dayStartHour = calendar.dayStartHour
        out.modified = modified
    }

    private static func settings(_ s: CollectionSettings, into out: inout AnkiPackageContents) {
        out.learningStepsMinutes = s.learningSteps.map { $0 / 60 }
        out.relearningStepsMinutes = s.relearningSteps.map { $0 / 60 }
        out.newPerDay = s.newPerDay
        out.reviewsPerDay = s.reviewsPerDay
        out.maximumInterval = s.maximumInterval
        out.desiredRetention = s.desiredRetention
        out.fsrsParameters = s.scheduler == .fsrs ? s.parameters : []
    }

    /// Every deck the notes use and each of their parents, sorted, with Anki's `Default`.
    static func decks(_ names: [String], baseMs: Int64) -> [AnkiPackageContents.Deck] {
        var all: Set<String> = []
        for name in names {
            var parts = name.components(separatedBy: "::")
            while !parts.isEmpty {
                all.insert(parts.joined(separator: "::"))
                parts.removeLast()
            }
        }
        all.remove("Default")
        let sorted = all.sorted()
        return [.init(id: 1, name: "Default")]
            + sorted.enumerated().map { .init(id: baseMs - Int64(sorted.count - $0.offset), name: $0.element) }
    }

    private static func note(_ item: AnkiTextExport.Item, id: Int64, recallNote: CardID?,
                             media: inout AnkiExportMedia) -> AnkiPackageContents.Note {
        func render(_ text: String) -> String {
            media.rewrite(item.isMarkdown ? AnkiMarkdownHTML.render(text) : AnkiTextExport.html(text))
        }
        let type: AnkiNotetype
        let fields: [String]
        switch item.note.content {
        case let .basic(q, a): (type, fields) = (.basic, [render(q), render(a)])
        case let .twoWay(q, a): (type, fields) = (.basicAndReversed, [render(q), render(a)])
        case let .cloze(text): (type, fields) = (.cloze, [render(text.raw), ""])
        }
        // Anki's tags have no spaces.
        let tags = item.note.tags.map { $0.replacingOccurrences(of: " ", with: "_") }
        return .init(id: id, guid: "recall-" + (recallNote?.description ?? String(id)), notetype: type, tags: tags, fields: fields)
    }

    private static func ord(_ kind: Card.Kind) -> Int {
        switch kind {
        case .basic: 0
        case .reversed: 1
        case .cloze(let n): max(0, n - 1)
        }
    }

    /// Fills `row`'s scheduling from the card's replayed record.
    private static func schedule(_ record: CardRecord, of row: inout AnkiPackageContents.Card, scheduler: Scheduler,
                                 calendar: StudyCalendar, firstDay: Int, today: Int, position: Int) {
        let s = record.schedule
        row.reps = s.reps
        row.lapses = s.lapses
        let dueDay = Int64(calendar.dayNumber(s.due) - firstDay)
        switch s.state {
        case .new:
            break
        case .learning, .relearning:
            let relearning = s.state == .relearning
            let steps = relearning ? scheduler.settings.relearningSteps : scheduler.settings.learningSteps
            row.type = relearning ? 3 : 1
            let wait = s.lastReview.map { s.due.timeIntervalSince($0) } ?? 0
            row.queue = wait >= 86400 ? 3 : 1
            row.due = row.queue == 3 ? dueDay : Int64(s.due.timeIntervalSince1970.rounded(.down))
            row.left = max(1, steps.count - (s.step ?? 0))
            row.interval = relearning ? max(1, s.interval) : 0
            row.factor = relearning ? factor(s) : 0
        case .review:
            row.type = 2
            row.queue = 2
            row.due = dueDay
            row.interval = max(1, s.scheduledDays)
            row.factor = factor(s)
        }
        if record.suspended {
            row.queue = -1
        } else if record.isBuried(onDay: today) {
            row.queue = -3
        }
        row.data = data(s, scheduler: scheduler, position: s.state == .new ? position : nil)
    }

    private static func factor(_ s: CardSchedule) -> Int { Int((s.easeFactor * 1000).rounded()) }

    /// The card's `data` JSON: Anki's names for the FSRS memory state, and the position of
    /// a card that is new again.
    private static func data(_ s: CardSchedule, scheduler: Scheduler, position: Int?) -> String {
        var fields: [String] = []
        if let position { fields.append("\"pos\":\(position)") }
        if let memory = s.memory, memory.stability.isFinite, memory.difficulty.isFinite {
            let settings = scheduler.settings
            fields.append("\"s\":\(rounded(memory.stability, 4))")
            fields.append("\"d\":\(rounded(memory.difficulty, 3))")
            fields.append("\"dr\":\(rounded(settings.desiredRetention, 2))")
            if settings.parameters.count > 20 { fields.append("\"decay\":\(rounded(settings.parameters[20], 4))") }
            if let last = s.lastReview { fields.append("\"lrt\":\(Int64(last.timeIntervalSince1970.rounded(.down)))") }
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func rounded(_ value: Double, _ places: Int) -> String {
        let scale = pow(10, Double(places))
        return String(describing: (value * scale).rounded() / scale)
    }

    /// One row per counted answer and per reset, in time order, with unique ids.
    private static func revlog(_ reviews: [ReviewRecord], forgets: [ReviewLogEntry],
                               cards: [CardID: Int64]) -> [AnkiPackageContents.Revlog] {
        var events: [(time: Date, review: ReviewRecord?, forget: ReviewLogEntry?)] =
            reviews.map { ($0.entry.time, $0, nil) } + forgets.map { ($0.time, nil, $0) }
        events.sort { $0.time < $1.time }
        var rows: [AnkiPackageContents.Revlog] = []
        rows.reserveCapacity(events.count)
        var lastInterval: [CardID: Int] = [:]
        var lastID = Int64.min
        for event in events {
            let entry = event.review?.entry ?? event.forget
            guard let entry, let card = cards[entry.card] else { continue }
            // Anki's revlog id is the answer's time and must be unique: a tie moves by 1 ms.
            var id = Int64((entry.time.timeIntervalSince1970 * 1000).rounded())
            if id <= lastID { id = lastID + 1 }
            lastID = id
            guard let review = event.review, let rating = entry.rating else {
                rows.append(.init(id: id, card: card, ease: 0, interval: 0, lastInterval: 0, factor: 0, durationMs: 0, type: 4))
                lastInterval[entry.card] = 0
                continue
            }
            let after = review.scheduleAfter
            let interval = after.state == .review
                ? max(1, after.scheduledDays)
                : -Int(min(max(after.due.timeIntervalSince(entry.time), 0), Double(Int32.max)).rounded())
            let factor = after.memory.map { Int(($0.difficulty * 100).rounded()) }
                ?? (after.state == .review || after.state == .relearning ? Self.factor(after) : 0)
            let type = switch review.stateBefore.state {
            case .new, .learning: 0
            case .review: 1
            case .relearning: 2
            }
            rows.append(.init(id: id, card: card, ease: rating.rawValue, interval: interval,
                              lastInterval: lastInterval[entry.card] ?? 0, factor: factor,
                              durationMs: min(max(entry.durationMs, 0), Int(Int32.max)), type: type))
            lastInterval[entry.card] = interval
        }
        return rows
    }
}
