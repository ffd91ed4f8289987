import Foundation

extension CollectionReplay {
    /// The `reschedule` entries that keep review cards due where `before` has them, once this
    /// replay's settings (new ones) would give them other days (`after`: the log replayed
    /// with these settings).
    ///
    /// Answers recorded since Recall keeps due dates already carry their interval; cards last
    /// answered before that (or imported) would follow a settings change. Written before the
    /// new settings are saved, these entries pin such cards where they are, so a change of
    /// settings moves no card that is already scheduled (``ReviewLogEntry/scheduledDays`` of
    /// a reschedule counts from the card's last review).
    public func entriesKeepingDueDates(before: CardRecords, after: CardRecords, at time: Date,
                                       device: String) -> [ReviewLogEntry] {
        var out: [ReviewLogEntry] = []
        for (id, old) in before {
            guard old.schedule.state == .review, let last = old.schedule.lastReview,
                  let new = after[id], new.schedule.state == .review, new.schedule.due != old.schedule.due
            else { continue }
            let days = calendar.dayNumber(old.schedule.due) - calendar.dayNumber(last)
            guard days >= 1 else { continue }
            out.append(ReviewLogEntry(event: .reschedule, card: id, time: time, device: device, scheduledDays: days))
        }
        return out.sorted { $0.card < $1.card }
    }
}
