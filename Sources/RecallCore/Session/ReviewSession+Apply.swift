import Foundation

extension ReviewSession {
    /// Applies an entry made by ``answerEntry(_:at:)``, ``undoEntry(at:)`` or
    /// ``flagEntry(_:at:)`` once it is safely in the log (a bury, suspend, forget or set-due
    /// takes the card out of the session). Returns `true` if the answer made
    /// the card a leech (it is then suspended).
    @discardableResult
    public mutating func apply(_ entry: ReviewLogEntry) -> Bool {
        lastEntryTime = max(lastEntryTime ?? entry.time, entry.time)
        switch entry.event {
        case .review: return applyAnswer(entry)
        case .undo: applyUndo(entry)
        case .bury, .suspend, .forget, .setdue: applyFlag(entry)
        case .unsuspend, .unbury, .reschedule:
            var record = records[entry.card] ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: entry.time))
            replay.fold(entry, into: &record)
            records[entry.card] = record
        }
        return false
    }

    private mutating func applyAnswer(_ entry: ReviewLogEntry) -> Bool {
        guard let card = current, card.id == entry.card, let rating = entry.rating else { return false }
        let before = records[card.id]
        var record = before ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: entry.time))
        let wasState = record.schedule.state
        let becameLeech = replay.fold(entry, into: &record)
        records[card.id] = record
        workload?.move(from: before, to: record)
        counts.count(rating, previousState: wasState, durationMs: entry.durationMs)
        let comesBack = !record.suspended && record.schedule.isLearning
            && replay.calendar.dayNumber(record.schedule.due) == replay.calendar.dayNumber(entry.time)
        if comesBack { learning.append((card, record.schedule.due)) }
        answers.append(AnswerRecord(card: card, entry: entry, recordBefore: before,
                                    wasLearningQueued: comesBack))
        current = nil
        shownAt = nil
        return becameLeech
    }

    /// Puts the card of the undone answer back on screen with its earlier state; the card
    /// that was showing goes back to the front of the queue.
    private mutating func applyUndo(_ entry: ReviewLogEntry) {
        guard let last = answers.last, last.card.id == entry.card else { return }
        answers.removeLast()
        if let after = records[last.card.id] {
            workload?.move(from: after, to: last.recordBefore ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: entry.time)))
        }
        if let before = last.recordBefore { records[last.card.id] = before }
        else { records[last.card.id] = nil }
        if last.wasLearningQueued, let i = learning.lastIndex(where: { $0.card.id == last.card.id }) {
            learning.remove(at: i)
        }
        if let rating = last.entry.rating {
            counts.uncount(rating, previousState: last.recordBefore?.schedule.state ?? .new,
                           durationMs: last.entry.durationMs)
        }
        if let showing = current { pending.insert(showing, at: 0) }
        current = last.card
        shownAt = entry.time
    }

    private mutating func applyFlag(_ entry: ReviewLogEntry) {
        var record = records[entry.card] ?? CardRecord(schedule: replay.scheduler.newCard(createdAt: entry.time))
        replay.fold(entry, into: &record)
        records[entry.card] = record
        if current?.id == entry.card { current = nil; shownAt = nil }
        pending.removeAll { $0.id == entry.card }
        learning.removeAll { $0.card.id == entry.card }
        switch entry.event {
        case .bury: counts.buried += 1
        case .suspend: counts.suspended += 1
        default: break
        }
    }

    /// Moves the current card to the end of the queue without answering it.
    public mutating func skip() {
        guard let card = current else { return }
        pending.append(card)
        current = nil
        shownAt = nil
    }

    /// Replaces cards after the deck files were edited: `lookup` returns a card's new
    /// version (or `nil` to keep the old one). The card on screen keeps its place.
    public mutating func updateCards(_ lookup: (Card) -> Card?) {
        if let card = current, let new = lookup(card) { current = new }
        pending = pending.map { lookup($0) ?? $0 }
        learning = learning.map { (lookup($0.card) ?? $0.card, $0.due) }
    }

    /// Takes the states of the session's cards from `all` (the store's records, after it
    /// carried an edited card's history to its new id).
    public mutating func adoptRecords(from all: CardRecords) {
        let ids = [current].compactMap { $0?.id } + pending.map(\.id) + learning.map(\.card.id)
        var own: CardRecords = [:]
        for id in ids { own[id] = all[id] }
        records = own
    }
}
