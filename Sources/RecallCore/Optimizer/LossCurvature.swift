import Foundation

/// The weighted log loss of some training reviews with its gradient and Gauss-Newton matrix
/// with respect to w0…w20, summed over the reviews.
///
/// For a review predicted with probability p (derivative J = ∂p/∂w) and weight c, the
/// Gauss-Newton matrix adds c·J·Jᵀ/(p(1−p)): the expected Hessian of its log loss (the Fisher
/// information), which is positive semi-definite, unlike the Hessian itself.
public struct LossCurvature: Sendable {
    public var loss = 0.0
    /// Number of reviews scored.
    public var count = 0
    /// ∂loss/∂w (21 values).
    public var gradient = [Double](repeating: 0, count: FSRSGradient.count)
    /// Row k of the matrix is lanes 0…23 of `rows[3k ..< 3k + 3]` (lanes 21-23 stay zero).
    var rows = [SIMD8<Double>](repeating: .zero, count: 3 * FSRSGradient.count)

    public init() {}

    /// Entry (`row`, `column`) of the Gauss-Newton matrix.
    public subscript(row: Int, column: Int) -> Double {
        rows[3 * row + column / 8][column % 8]
    }

    /// Adds one scored review: `slope` = c·∂loss/∂p, `curvature` = c/(p(1−p)), `j` = ∂p/∂w.
    @inline(__always)
    mutating func add(_ j: Tangent, slope: Double, curvature: Double) {
        j.add(scaledBy: slope, to: &gradient)
        rows.withUnsafeMutableBufferPointer { rows in
            for k in 0..<FSRSGradient.count {
                let a = curvature * j[k]
                guard a != 0 else { continue }
                rows[3 * k] += a * j.low
                rows[3 * k + 1] += a * j.mid
                rows[3 * k + 2] += a * j.high
            }
        }
    }

    /// Adds another part's sums.
    mutating func merge(_ other: LossCurvature) {
        loss += other.loss
        count += other.count
        for k in 0..<gradient.count { gradient[k] += other.gradient[k] }
        for k in 0..<rows.count { rows[k] += other.rows[k] }
    }

    /// Adds γ·Σ((w − centre)/spread)², the fsrs-rs pull toward `centre`.
    mutating func addPenalty(_ w: [Double], centre: [Double], gamma: Double) {
        loss += LossCurvature.penalty(w, centre: centre, gamma: gamma)
        for k in 0..<w.count {
            let scale = 2 * gamma / (ParameterBounds.spread[k] * ParameterBounds.spread[k])
            gradient[k] += scale * (w[k] - centre[k])
            rows[3 * k + k / 8][k % 8] += scale
        }
    }

    /// γ·Σ((w − centre)/spread)², each parameter scaled by its spread across users.
    static func penalty(_ w: [Double], centre: [Double], gamma: Double) -> Double {
        var sum = 0.0
        for k in 0..<w.count {
            let z = (w[k] - centre[k]) / ParameterBounds.spread[k]
            sum += z * z
        }
        return gamma * sum
    }
}
