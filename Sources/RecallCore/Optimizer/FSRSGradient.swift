import Foundation

/// FSRS-6 as fsrs-rs trains it, with forward-mode derivatives with respect to w0…w20.
///
/// Differences from the scheduler's ``FSRS``: `exp` instead of `pow(M_E, x)`, elapsed time in
/// fractional-free study days, stability clamped to [0.001, 36500] after every step and
/// difficulty to [1, 10], and short-term stability used exactly when `deltaDays == 0`.
/// A clamp that bites passes no gradient, as in an autodiff framework.
public struct FSRSGradient: Sendable {
    /// Number of parameters.
    public static let count = 21
    static let minimumStability = 0.001
    static let maximumStability = 36500.0

    public let w: [Double]
    let decay: Double
    let factor: Double
    /// ∂factor/∂w20.
    let factorSlope: Double
    let expW8: Double
    let easyTarget: Double
    let expThreeW5: Double

    public init(parameters w: [Double]) {
        self.w = w
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        factorSlope = pow(0.9, -1 / w[20]) * log(0.9) / (w[20] * w[20])
        expW8 = exp(w[8])
        expThreeW5 = exp(3 * w[5])
        easyTarget = w[4] - expThreeW5 + 1
    }

    /// R(t, S) = (1 + factor·t/S)^decay.
    @inline(__always) public func retrievability(days t: Double, stability s: Double) -> Double {
        pow(1 + factor * t / s, decay)
    }

    /// R and its partial derivatives with respect to S and w20.
    @inline(__always)
    func retrievabilityWithSlopes(days t: Double, stability s: Double) -> (r: Double, dS: Double, dW20: Double) {
        let u = 1 + factor * t / s
        let logU = log(u)
        let r = exp(decay * logU)
        let dS = r * decay / u * (-factor * t / (s * s))
        let dW20 = r * (-logU + decay / u * (t / s) * factorSlope)
        return (r, dS, dW20)
    }
}

/// Derivatives of one quantity with respect to w0…w20, in three 8-wide vectors (lanes 21-23
/// stay zero), so that each step updates them with a few vector operations.
struct Tangent {
    var low = SIMD8<Double>(repeating: 0)
    var mid = SIMD8<Double>(repeating: 0)
    var high = SIMD8<Double>(repeating: 0)

    @inline(__always) subscript(k: Int) -> Double {
        get { k < 8 ? low[k] : (k < 16 ? mid[k - 8] : high[k - 16]) }
        set {
            if k < 8 { low[k] = newValue } else if k < 16 { mid[k - 8] = newValue } else { high[k - 16] = newValue }
        }
    }

    @inline(__always) static func * (s: Double, t: Tangent) -> Tangent {
        Tangent(low: s * t.low, mid: s * t.mid, high: s * t.high)
    }

    @inline(__always) static func + (a: Tangent, b: Tangent) -> Tangent {
        Tangent(low: a.low + b.low, mid: a.mid + b.mid, high: a.high + b.high)
    }

    /// Adds `s`·self to the 21 values of `gradient`.
    @inline(__always) func add(scaledBy s: Double, to gradient: inout [Double]) {
        for k in 0..<8 { gradient[k] += s * low[k] }
        for k in 0..<8 { gradient[8 + k] += s * mid[k] }
        for k in 0..<5 { gradient[16 + k] += s * high[k] }
    }
}

extension FSRSGradient {
    /// Memory state with its derivatives.
    struct Memory {
        var s: Double
        var d: Double
        var dS = Tangent()
        var dD = Tangent()
    }

    /// S₀ and D₀ for the first review, with their derivatives.
    @inline(__always)
    func start(rating g: Int) -> Memory {
        var m = Memory(s: w[g - 1], d: 0)
        if m.s < FSRSGradient.minimumStability || m.s > FSRSGradient.maximumStability {
            m.s = min(max(m.s, FSRSGradient.minimumStability), FSRSGradient.maximumStability)
        } else {
            m.dS[g - 1] = 1
        }
        let e = exp(w[5] * Double(g - 1))
        m.d = w[4] - e + 1
        if m.d < 1 || m.d > 10 {
            m.d = min(max(m.d, 1), 10)
        } else {
            m.dD[4] = 1
            m.dD[5] = -Double(g - 1) * e
        }
        return m
    }

    /// Applies one later review: new S (using the old D), then new D. `known` is R with its
    /// slopes when the caller already computed them.
    @inline(__always)
    func step(_ m: inout Memory, rating g: Int, days t: Double,
              known: (r: Double, dS: Double, dW20: Double)? = nil) {
        if t == 0 {
            shortTerm(&m, rating: g)
        } else {
            let (r, rS, rW20) = known ?? retrievabilityWithSlopes(days: t, stability: m.s)
            var dR = rS * m.dS
            dR[20] += rW20
            if g == 1 { failure(&m, r: r, dR: dR) } else { success(&m, rating: g, r: r, dR: dR) }
        }
        if m.s < FSRSGradient.minimumStability || m.s > FSRSGradient.maximumStability {
            m.s = min(max(m.s, FSRSGradient.minimumStability), FSRSGradient.maximumStability)
            m.dS = Tangent()
        }
        difficulty(&m, rating: g)
    }

    /// S·e^(w17·(G−3+w18))·S^(−w19), floored at S for Hard, Good and Easy.
    @inline(__always)
    private func shortTerm(_ m: inout Memory, rating g: Int) {
        let offset = Double(g - 3) + w[18]
        let logS = log(m.s)
        let increase = exp(w[17] * offset - w[19] * logS)
        if g >= 2, increase < 1 { return }
        let s2 = m.s * increase
        m.dS = ((1 - w[19]) * increase) * m.dS
        m.dS[17] += s2 * offset
        m.dS[18] += s2 * w[17]
        m.dS[19] -= s2 * logS
        m.s = s2
    }

    /// S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·HP·EB).
    @inline(__always)
    private func success(_ m: inout Memory, rating g: Int, r: Double, dR: Tangent) {
        let s = m.s
        let hp = g == 2 ? w[15] : 1
        let eb = g == 4 ? w[16] : 1
        let e = exp(w[10] * (1 - r))
        let logS = log(s)
        let sPowW9 = exp(-w[9] * logS)
        let base = expW8 * (11 - m.d) * sPowW9
        let c = base * hp * eb
        let growth = c * (e - 1)
        let bySelf = 1 + growth * (1 - w[9])
        let byD = -s * expW8 * sPowW9 * hp * eb * (e - 1)
        let byR = -s * c * e * w[10]
        var next = bySelf * m.dS + byD * m.dD + byR * dR
        next[8] += s * growth
        next[9] -= s * growth * logS
        next[10] += s * c * e * (1 - r)
        if g == 2 { next[15] += s * base * eb * (e - 1) }
        if g == 4 { next[16] += s * base * hp * (e - 1) }
        m.dS = next
        m.s = s * (1 + growth)
    }

    /// min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S/e^(w17·w18)).
    @inline(__always)
    private func failure(_ m: inout Memory, r: Double, dR: Tangent) {
        let s = m.s, d = m.d
        let logD = log(d), logS1 = log(s + 1)
        let dPow = exp(-w[12] * logD)
        let sPow = exp(w[13] * logS1)
        let e = exp(w[14] * (1 - r))
        let long = w[11] * dPow * (sPow - 1) * e
        let divisor = exp(w[17] * w[18])
        let short = s / divisor
        if long < short {
            let byS = w[11] * dPow * w[13] * sPow / (s + 1) * e
            var next = byS * m.dS + (-w[12] * long / d) * m.dD + (-w[14] * long) * dR
            next[11] += dPow * (sPow - 1) * e
            next[12] -= long * logD
            next[13] += w[11] * dPow * sPow * logS1 * e
            next[14] += (1 - r) * long
            m.dS = next
            m.s = long
        } else {
            m.dS = (1 / divisor) * m.dS
            m.dS[17] -= short * w[18]
            m.dS[18] -= short * w[17]
            m.s = short
        }
    }

    /// D' = D − w6·(G−3)·(10−D)/9, mean reversion toward D₀(4) with weight w7, clamp [1, 10].
    @inline(__always)
    private func difficulty(_ m: inout Memory, rating g: Int) {
        let d = m.d
        let delta = -w[6] * Double(g - 3)
        let damped = d + delta * (10 - d) / 9
        let reverted = w[7] * (easyTarget - damped) + damped
        if reverted < 1 || reverted > 10 {
            m.d = min(max(reverted, 1), 10)
            m.dD = Tangent()
            return
        }
        let keep = 1 - w[7]
        m.dD = (keep * (1 - delta / 9)) * m.dD
        m.dD[6] += keep * (-Double(g - 3) * (10 - d) / 9)
        m.dD[7] += easyTarget - damped
        m.dD[4] += w[7]
        m.dD[5] -= 3 * w[7] * expThreeW5
        m.d = reverted
    }
}
