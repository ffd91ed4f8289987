import Foundation

/// FSRS-6, computed exactly as py-fsrs 6.3.2 computes it (the formulas and the
/// choices behind them are in `docs/fsrs.md`).
///
/// One small function per formula; ``next(_:rating:at:calendar:counting:fuzzSeed:)`` (in
/// `FSRS+Scheduling.swift`) applies them with the learning-step state machine. All arithmetic is
/// binary64; e^x is `pow(M_E, x)` as in Python's `math.e ** x`, for bit-identical results.
public struct FSRS: Sendable {
    /// w0…w20.
    public let w: [Double]
    public let desiredRetention: Double
    /// Seconds.
    public let learningSteps: [TimeInterval]
    /// Seconds.
    public let relearningSteps: [TimeInterval]
    public let maximumInterval: Int
    public let enableFuzz: Bool
    /// The forgetting curve's exponent, −w20.
    public let decay: Double
    /// 0.9^(1/decay) − 1, so that R(S, S) = 0.9.
    public let factor: Double
    /// The unclamped initial difficulty for Easy, D₀(4), the target of mean reversion.
    private let meanReversionTarget: Double
    /// r_d^(1/decay) − 1, the interval multiplier (divided by `factor`).
    private let intervalMultiplier: Double

    /// Smallest stability, in days.
    public static let minimumStability = 0.001

    public init(settings: CollectionSettings) {
        let w = settings.parameters.count == 21 ? settings.parameters
            : CollectionSettings.defaultParameters
        self.w = w
        desiredRetention = settings.desiredRetention
        learningSteps = settings.learningSteps
        relearningSteps = settings.relearningSteps
        maximumInterval = settings.boundedMaximumInterval
        enableFuzz = settings.enableFuzz
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        meanReversionTarget = w[4] - FSRS.e(w[5] * Double(Rating.easy.rawValue - 1)) + 1
        intervalMultiplier = pow(settings.desiredRetention, 1 / decay) - 1
    }

    /// e^x as Python's `math.e ** x` computes it.
    @inline(__always) static func e(_ x: Double) -> Double { pow(M_E, x) }

    /// R(t, S) = (1 + FACTOR·t/S)^DECAY: the chance of recall `elapsedDays` after a review that
    /// left stability `stability`. Negative elapsed days count as 0.
    public func forgettingCurve(elapsedDays: Int, stability: Double) -> Double {
        let t = Double(max(0, elapsedDays))
        return pow(1 + factor * t / stability, decay)
    }

    /// S₀(G) = w[G−1], at least 0.001.
    public func initialStability(_ rating: Rating) -> Double {
        max(w[rating.rawValue - 1], FSRS.minimumStability)
    }

    /// D₀(G) = w4 − e^(w5·(G−1)) + 1, clamped to [1, 10].
    public func initialDifficulty(_ rating: Rating) -> Double {
        clampDifficulty(w[4] - FSRS.e(w[5] * Double(rating.rawValue - 1)) + 1)
    }

    /// D' = D + ΔD·(10−D)/9 with ΔD = −w6·(G−3), then mean reversion toward D₀(4) with weight
    /// w7, clamped to [1, 10].
    public func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let delta = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return clampDifficulty(w[7] * meanReversionTarget + (1 - w[7]) * damped)
    }

    /// S'r: stability after a successful review on a later day (Hard, Good or Easy), with
    /// the hard penalty w15 and easy bonus w16.
    public func stabilityAfterSuccess(_ m: MemoryState, retrievability r: Double,
                                      rating: Rating) -> Double {
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        let growth = FSRS.e(w[8]) * (11 - m.difficulty) * pow(m.stability, -w[9])
            * (FSRS.e((1 - r) * w[10]) - 1) * hardPenalty * easyBonus
        return max(m.stability * (1 + growth), FSRS.minimumStability)
    }

    /// S'f: stability after a lapse (Again) on a later day; never more than S/e^(w17·w18).
    public func stabilityAfterFailure(_ m: MemoryState, retrievability r: Double) -> Double {
        let long = w[11] * pow(m.difficulty, -w[12]) * (pow(m.stability + 1, w[13]) - 1)
            * FSRS.e((1 - r) * w[14])
        let short = m.stability / FSRS.e(w[17] * w[18])
        return max(min(long, short), FSRS.minimumStability)
    }

    /// S' for a review less than a day after the last one:
    /// S·e^(w17·(G−3+w18))·S^(−w19), never decreasing for Hard, Good or Easy.
    public func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase = FSRS.e(w[17] * (Double(rating.rawValue - 3) + w[18]))
            * pow(stability, -w[19])
        if rating.isSuccess { increase = max(increase, 1.0) }
        return max(stability * increase, FSRS.minimumStability)
    }

    /// The memory state after a review, `elapsedDays` after the previous one (`nil` for the
    /// first review). Stability is updated with the old difficulty, then difficulty.
    public func nextMemory(_ memory: MemoryState?, rating: Rating, elapsedDays: Int?) -> MemoryState {
        guard let m = memory else {
            return MemoryState(stability: initialStability(rating),
                               difficulty: initialDifficulty(rating))
        }
        let stability: Double
        if let t = elapsedDays, t >= 1 {
            let r = forgettingCurve(elapsedDays: t, stability: m.stability)
            stability = rating == .again ? stabilityAfterFailure(m, retrievability: r)
                : stabilityAfterSuccess(m, retrievability: r, rating: rating)
        } else {
            stability = shortTermStability(m.stability, rating: rating)
        }
        return MemoryState(stability: stability,
                           difficulty: nextDifficulty(m.difficulty, rating: rating))
    }

    /// I = round-half-even((S/FACTOR)·(r_d^(1/DECAY) − 1)), between 1 and the maximum interval.
    public func nextInterval(stability: Double) -> Int {
        let raw = (stability / factor) * intervalMultiplier
        guard raw.isFinite else { return maximumInterval }
        let rounded = raw.rounded(.toNearestOrEven)
        if rounded >= Double(maximumInterval) { return maximumInterval }
        return rounded < 1 ? 1 : Int(rounded)
    }

    @inline(__always) func clampDifficulty(_ d: Double) -> Double { min(max(d, 1), 10) }
}
