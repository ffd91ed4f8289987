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

/// Scratch vectors for one forward pass (allocated once per batch, never per step).
struct GradientWorkspace {
    var dS: [Double]
    var dD: [Double]
    var dR: [Double]
    var next: [Double]

    init() {
        dS = [Double](repeating: 0, count: FSRSGradient.count)
        dD = dS
        dR = dS
        next = dS
    }
}

extension FSRSGradient {
    /// Memory state with its derivatives; `dS`/`dD` live in the workspace.
    struct Memory {
        var s: Double
        var d: Double
    }

    /// S₀ and D₀ for the first review, setting the derivative vectors.
    @inline(__always)
    func start(rating g: Int, _ ws: inout GradientWorkspace) -> Memory {
        for k in 0..<FSRSGradient.count { ws.dS[k] = 0; ws.dD[k] = 0 }
        var s = w[g - 1]
        if s < FSRSGradient.minimumStability || s > FSRSGradient.maximumStability {
            s = min(max(s, FSRSGradient.minimumStability), FSRSGradient.maximumStability)
        } else {
            ws.dS[g - 1] = 1
        }
        let e = exp(w[5] * Double(g - 1))
        var d = w[4] - e + 1
        if d < 1 || d > 10 {
            d = min(max(d, 1), 10)
        } else {
            ws.dD[4] = 1
            ws.dD[5] = -Double(g - 1) * e
        }
        return Memory(s: s, d: d)
    }

    /// Applies one later review: new S (using the old D), then new D.
    @inline(__always)
    func step(_ m: inout Memory, rating g: Int, days t: Double,
              known: (r: Double, dS: Double, dW20: Double)? = nil, _ ws: inout GradientWorkspace) {
        if t == 0 {
            shortTerm(&m, rating: g, &ws)
        } else {
            let (r, rS, rW20) = known ?? retrievabilityWithSlopes(days: t, stability: m.s)
            for k in 0..<FSRSGradient.count { ws.dR[k] = rS * ws.dS[k] }
            ws.dR[20] += rW20
            if g == 1 { failure(&m, r: r, &ws) } else { success(&m, rating: g, r: r, &ws) }
        }
        clampStability(&m, &ws)
        difficulty(&m, rating: g, &ws)
    }

    @inline(__always)
    private func clampStability(_ m: inout Memory, _ ws: inout GradientWorkspace) {
        if m.s < FSRSGradient.minimumStability || m.s > FSRSGradient.maximumStability {
            m.s = min(max(m.s, FSRSGradient.minimumStability), FSRSGradient.maximumStability)
            for k in 0..<FSRSGradient.count { ws.dS[k] = 0 }
        }
    }

    /// S·e^(w17·(G−3+w18))·S^(−w19), floored at S for Hard, Good and Easy.
    @inline(__always)
    private func shortTerm(_ m: inout Memory, rating g: Int, _ ws: inout GradientWorkspace) {
        let offset = Double(g - 3) + w[18]
        let logS = log(m.s)
        let increase = exp(w[17] * offset - w[19] * logS)
        if g >= 2, increase < 1 { return }
        let s2 = m.s * increase
        let slope = (1 - w[19]) * increase
        for k in 0..<FSRSGradient.count { ws.dS[k] *= slope }
        ws.dS[17] += s2 * offset
        ws.dS[18] += s2 * w[17]
        ws.dS[19] -= s2 * logS
        m.s = s2
    }

    /// S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·HP·EB).
    @inline(__always)
    private func success(_ m: inout Memory, rating g: Int, r: Double, _ ws: inout GradientWorkspace) {
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
        for k in 0..<FSRSGradient.count {
            ws.next[k] = bySelf * ws.dS[k] + byD * ws.dD[k] + byR * ws.dR[k]
        }
        ws.next[8] += s * growth
        ws.next[9] -= s * growth * logS
        ws.next[10] += s * c * e * (1 - r)
        if g == 2 { ws.next[15] += s * base * eb * (e - 1) }
        if g == 4 { ws.next[16] += s * base * hp * (e - 1) }
        swap(&ws.dS, &ws.next)
        m.s = s * (1 + growth)
    }

    /// min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S/e^(w17·w18)).
    @inline(__always)
    private func failure(_ m: inout Memory, r: Double, _ ws: inout GradientWorkspace) {
        let s = m.s, d = m.d
        let dPow = pow(d, -w[12])
        let sPow = pow(s + 1, w[13])
        let e = exp(w[14] * (1 - r))
        let long = w[11] * dPow * (sPow - 1) * e
        let divisor = exp(w[17] * w[18])
        let short = s / divisor
        if long < short {
            let byS = w[11] * dPow * w[13] * sPow / (s + 1) * e
            let byD = -w[12] * long / d
            let byR = -w[14] * long
            for k in 0..<FSRSGradient.count {
                ws.next[k] = byS * ws.dS[k] + byD * ws.dD[k] + byR * ws.dR[k]
            }
            ws.next[11] += dPow * (sPow - 1) * e
            ws.next[12] -= long * log(d)
            ws.next[13] += w[11] * dPow * sPow * log(s + 1) * e
            ws.next[14] += (1 - r) * long
            swap(&ws.dS, &ws.next)
            m.s = long
        } else {
            for k in 0..<FSRSGradient.count { ws.dS[k] /= divisor }
            ws.dS[17] -= short * w[18]
            ws.dS[18] -= short * w[17]
            m.s = short
        }
    }

    /// D' = D − w6·(G−3)·(10−D)/9, mean reversion toward D₀(4) with weight w7, clamp [1, 10].
    @inline(__always)
    private func difficulty(_ m: inout Memory, rating g: Int, _ ws: inout GradientWorkspace) {
        let d = m.d
        let delta = -w[6] * Double(g - 3)
        let damped = d + delta * (10 - d) / 9
        let reverted = w[7] * (easyTarget - damped) + damped
        if reverted < 1 || reverted > 10 {
            m.d = min(max(reverted, 1), 10)
            for k in 0..<FSRSGradient.count { ws.dD[k] = 0 }
            return
        }
        let keep = 1 - w[7]
        let byD = keep * (1 - delta / 9)
        for k in 0..<FSRSGradient.count { ws.dD[k] *= byD }
        ws.dD[6] += keep * (-Double(g - 3) * (10 - d) / 9)
        ws.dD[7] += easyTarget - damped
        ws.dD[4] += w[7]
        ws.dD[5] -= 3 * w[7] * expThreeW5
        m.d = reverted
    }
}
