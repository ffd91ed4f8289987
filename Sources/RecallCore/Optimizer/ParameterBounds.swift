import Foundation

/// The ranges fsrs-rs clamps FSRS-6 parameters to while training.
public enum ParameterBounds {
    /// Lower and upper bound of w0…w20 (w19 is at least 0.01 during training, as in fsrs-rs).
    public static let ranges: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4,
        0.001...0.75, 0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9,
        0...4, 0...1, 1...6, 0...2, 0...2, 0.01...0.8, 0.1...0.8,
    ]

    /// Across-user standard deviation of each parameter (srs-benchmark), the scale of the
    /// pull toward the starting parameters.
    public static let spread: [Double] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16,
        0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
    ]

    /// `w` with every value moved into its range.
    public static func clamp(_ w: [Double]) -> [Double] {
        zip(w, ranges).map { min(max($0, $1.lowerBound), $1.upperBound) }
    }

    /// Whether parameter `k` at `value` sits on (or, rounding aside, at) its lower or upper bound.
    public static func isOnBound(_ value: Double, _ k: Int) -> Bool {
        let range = ranges[k]
        let tolerance = 1e-6 * max(1, range.upperBound - range.lowerBound)
        return value <= range.lowerBound + tolerance || value >= range.upperBound - tolerance
    }

    /// Whether parameter `k` at `value` sits on a bound that a descent step along
    /// −`gradient` would cross.
    static func isHeld(_ value: Double, _ k: Int, gradient: Double) -> Bool {
        (value <= ranges[k].lowerBound && gradient > 0) || (value >= ranges[k].upperBound && gradient < 0)
    }
}
