import Foundation

/// Short interval labels as Anki shows them on its answer buttons: `<1m`, `10m`, `1h`,
/// `1.5h`, `3d`, `2.1mo`, `1.3y`.
public enum IntervalLabel {
    /// A label for a wait in seconds: under a minute is `<1m`; a day or more is shown in days.
    public static func seconds(_ seconds: TimeInterval) -> String {
        if !(seconds >= 60) { return "<1m" }
        if seconds < 3600 { return "\(Int((seconds / 60).rounded()))m" }
        if seconds < 86400 { return oneDecimal(seconds / 3600) + "h" }
        return days(Int((seconds / 86400).rounded()))
    }

    /// A label for a whole number of days: `3d` below a month, then months (30 days) and
    /// years (365 days) with one decimal when it is not `.0`.
    public static func days(_ days: Int) -> String {
        if days < 30 { return "\(max(days, 0))d" }
        if days < 365 { return oneDecimal(Double(days) / 30) + "mo" }
        return oneDecimal(Double(days) / 365) + "y"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
