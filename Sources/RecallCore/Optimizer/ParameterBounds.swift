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
}

/// Adam (β1 0.9, β2 0.999, ε 1e-8) over 21 parameters, with bias correction.
struct AdamState {
    private var first = [Double](repeating: 0, count: FSRSGradient.count)
    private var second = [Double](repeating: 0, count: FSRSGradient.count)
    private var steps = 0

    /// Moves `w` against `gradient` by `rate`, then clamps it into ``ParameterBounds``.
    mutating func step(_ w: inout [Double], gradient: [Double], rate: Double) {
        steps += 1
        let c1 = 1 - pow(0.9, Double(steps)), c2 = 1 - pow(0.999, Double(steps))
        for k in 0..<w.count {
            let g = gradient[k].isFinite ? gradient[k] : 0
            first[k] = 0.9 * first[k] + 0.1 * g
            second[k] = 0.999 * second[k] + 0.001 * g * g
            w[k] -= rate * (first[k] / c1) / ((second[k] / c2).squareRoot() + 1e-8)
            let range = ParameterBounds.ranges[k]
            w[k] = min(max(w[k], range.lowerBound), range.upperBound)
        }
    }
}
