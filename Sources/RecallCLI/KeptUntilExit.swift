/// Values a command keeps alive until the process exits.
///
/// A command that loaded a whole collection would spend a noticeable part of its run freeing
/// it just before the process ends, which frees everything at once anyway. Commands hand such
/// values here as their last step instead.
/// Kept because removing it costs more than 10% on the side-by-side "open" row (BENCHMARKS.md).
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        values.append(value)
    }
}
