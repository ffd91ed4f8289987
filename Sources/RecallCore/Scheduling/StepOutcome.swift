import Foundation

/// What the (re)learning-step state machine decides after a rating: wait a number of
/// seconds in steps, or graduate to review.
enum StepOutcome: Equatable {
    /// Stay in steps at `step`, due after `seconds`.
    case step(Int, seconds: TimeInterval)
    /// Leave the steps for review.
    case graduate

    /// py-fsrs's learning/relearning rules (`docs/fsrs.md`, "Steps and states"), shared by
    /// FSRS and SM-2.
    ///
    /// `step` is the current index into `steps`.
    static func decide(steps: [TimeInterval], step: Int, rating: Rating) -> StepOutcome {
        let n = steps.count
        if n == 0 || (step >= n && rating.isSuccess) { return .graduate }
        switch rating {
        case .again:
            return .step(0, seconds: steps[0])
        case .hard:
            if step == 0 && n == 1 { return .step(step, seconds: steps[0] * 1.5) }
            if step == 0 { return .step(step, seconds: (steps[0] + steps[1]) / 2.0) }
            return .step(step, seconds: steps[min(step, n - 1)])
        case .good:
            if step + 1 >= n { return .graduate }
            return .step(step + 1, seconds: steps[step + 1])
        case .easy:
            return .graduate
        }
    }
}
