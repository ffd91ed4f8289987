/// Values a command keeps alive until the process exits.
///
/// A command that loaded a whole collection (100,000 cards, a million reviews) would spend
/// tens of milliseconds freeing it just before the process ends, which frees everything at
/// once anyway. Commands hand such values here as their last step instead.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        values.append(value)
    }
}
