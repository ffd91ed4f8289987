import Foundation

/// Fits the 21 FSRS-6 parameters to a review history by mini-batch Adam on log loss, the way
/// fsrs-rs does: pre-trained initial stabilities, recency-weighted reviews, a pull toward the
/// starting point scaled by each parameter's spread across users, a cosine-annealed learning
/// rate, clamping into ``ParameterBounds`` after every step, and the best epoch kept.
public enum FSRSOptimizer {
    /// Training knobs; the defaults are fsrs-rs's except the number of epochs.
    public struct Configuration: Sendable {
        /// Passes over the data (fsrs-rs defaults to 5, which under-trains; 64 never did worse
        /// than fewer in the benchmarks).
        public var epochs = 64
        /// Scored reviews per step (whole cards are kept together).
        public var batchSize = 512
        public var learningRate = 0.04
        /// Strength of the pull toward the starting parameters.
        public var gamma = 1.0
        public var seed: UInt64 = 2023
        /// Fewer training reviews than this leaves the parameters alone.
        public var minimumTrainingReviews = 64
        /// Fewer held-out reviews than this leaves the parameters alone.
        public var minimumTestReviews = 16
        /// Threads computing each batch's gradient; 2 helps only on an idle machine.
        public var threads = 1

        public init(epochs: Int = 64) { self.epochs = epochs }
    }

    /// What a fit found.
    public struct Outcome: Sendable {
        /// The fitted parameters, or the current ones when there was too little data.
        public var parameters: [Double]
        /// The current parameters on the held-out reviews.
        public var current: PredictionMetrics
        /// The fitted parameters on the held-out reviews.
        public var fitted: PredictionMetrics
        public var trainCount: Int
        public var testCount: Int
        /// False when the history was too small to fit anything.
        public var hasEnoughData: Bool

        public init(parameters: [Double], current: PredictionMetrics, fitted: PredictionMetrics,
                    trainCount: Int, testCount: Int, hasEnoughData: Bool) {
            self.parameters = parameters
            self.current = current
            self.fitted = fitted
            self.trainCount = trainCount
            self.testCount = testCount
            self.hasEnoughData = hasEnoughData
        }

        /// Whether the fit predicts the held-out reviews better than the current parameters.
        public var isImprovement: Bool { hasEnoughData && fitted.logLoss < current.logLoss }
    }

    /// Fits on the training part of `set` and evaluates against `current` on its held-out part.
    public static func run(_ set: TrainingSet, current: [Double], configuration: Configuration = .init(),
                           progress: ((Double) -> Void)? = nil) -> Outcome {
        let currentModel = FSRSGradient(parameters: current)
        let currentMetrics = PredictionMetrics(currentModel.predictions(set, role: .test))
        guard set.trainCount >= configuration.minimumTrainingReviews,
              set.testCount >= configuration.minimumTestReviews else {
            return Outcome(parameters: current, current: currentMetrics, fitted: currentMetrics,
                           trainCount: set.trainCount, testCount: set.testCount, hasEnoughData: false)
        }
        let fitted = fit(set, configuration: configuration, progress: progress)
        let metrics = PredictionMetrics(FSRSGradient(parameters: fitted).predictions(set, role: .test))
        return Outcome(parameters: fitted, current: currentMetrics, fitted: metrics,
                       trainCount: set.trainCount, testCount: set.testCount, hasEnoughData: true)
    }

    /// The fitted parameters for the training reviews of `set` (defaults if it has none).
    public static func fit(_ set: TrainingSet, configuration: Configuration = .init(),
                           progress: ((Double) -> Void)? = nil) -> [Double] {
        let defaults = CollectionSettings.defaultParameters
        var start = defaults
        start.replaceSubrange(0..<4, with: Pretraining.initialStability(set, defaults: defaults))
        start = ParameterBounds.clamp(start)
        let cards = (0..<set.cardCount).filter { set.trainEnds[$0] > set.starts[$0] }
        guard set.trainCount > 0 else { return start }
        var trainer = Trainer(set: set, cards: cards, start: start, configuration: configuration)
        // Like fsrs-rs, a better first rating must not start with a smaller stability.
        return Pretraining.orderedInitialStability(trainer.train(progress: progress), set: set)
    }
}

/// The training loop's state.
struct Trainer {
    let set: TrainingSet
    var cards: [Int]
    let start: [Double]
    let configuration: FSRSOptimizer.Configuration
    let epochs: Int
    let totalSteps: Double
    var rng: SplitMix64

    init(set: TrainingSet, cards: [Int], start: [Double], configuration: FSRSOptimizer.Configuration) {
        self.set = set
        self.cards = cards
        self.start = start
        self.configuration = configuration
        epochs = max(1, configuration.epochs)
        totalSteps = Double((set.trainCount / max(1, configuration.batchSize) + 1) * epochs)
        rng = SplitMix64(seed: configuration.seed)
    }

    mutating func train(progress: ((Double) -> Void)?) -> [Double] {
        var w = start
        var adam = AdamState()
        var workers = BatchWorkers(count: max(1, configuration.threads))
        var best = (w: w, loss: Double.infinity)
        var stepIndex = 0.0
        for epoch in 0..<epochs {
            cards.shuffle(using: &rng)
            var begin = 0
            while begin < cards.count {
                let end = batchEnd(from: begin)
                let model = FSRSGradient(parameters: w)
                var (gradient, count) = workers.gradient(model, set, cards[begin..<end])
                addPenaltyGradient(w, share: Double(count) / Double(set.trainCount), into: &gradient)
                let rate = configuration.learningRate * 0.5 * (1 + cos(Double.pi * stepIndex / totalSteps))
                adam.step(&w, gradient: gradient, rate: rate)
                stepIndex += 1
                begin = end
            }
            // With the learning rate annealed, only the last epochs can be the best ones.
            if epoch + 1 >= epochs - max(1, epochs / 5) {
                let loss = objective(w)
                if loss < best.loss { best = (w, loss) }
            }
            progress?(Double(epoch + 1) / Double(epochs))
        }
        return best.w
    }

    /// The end of the batch that starts at `begin`: whole cards until `batchSize` reviews.
    private func batchEnd(from begin: Int) -> Int {
        var end = begin, reviews = 0
        while end < cards.count, reviews < configuration.batchSize {
            let card = cards[end]
            for i in set.starts[card]..<set.trainEnds[card] where set.roles[i] == TrainingSet.Role.train.rawValue {
                reviews += 1
            }
            end += 1
        }
        return end
    }

    /// γ·share·Σ((w − w_start)/spread)², differentiated.
    private func addPenaltyGradient(_ w: [Double], share: Double, into gradient: inout [Double]) {
        for k in 0..<w.count {
            let spread = ParameterBounds.spread[k]
            gradient[k] += 2 * configuration.gamma * share * (w[k] - start[k]) / (spread * spread)
        }
    }

    /// Weighted training loss plus the full penalty.
    private func objective(_ w: [Double]) -> Double {
        var penalty = 0.0
        for k in 0..<w.count {
            let z = (w[k] - start[k]) / ParameterBounds.spread[k]
            penalty += z * z
        }
        let model = FSRSGradient(parameters: w)
        return model.weightedTrainingLoss(set, cards: cards[...]) + configuration.gamma * penalty
    }
}

/// Computes a batch's gradient on one or two threads, each with its own scratch space.
struct BatchWorkers {
    private let threads: Int
    private var gradients: [[Double]]
    private var counts: [Int]

    init(count: Int) {
        threads = count
        gradients = Array(repeating: [Double](repeating: 0, count: FSRSGradient.count), count: count)
        counts = Array(repeating: 0, count: count)
    }

    /// The summed gradient of the batch's training reviews and how many there were.
    mutating func gradient(_ model: FSRSGradient, _ set: TrainingSet,
                           _ cards: ArraySlice<Int>) -> ([Double], Int) {
        let parts = cards.count >= 64 ? threads : 1
        let size = (cards.count + parts - 1) / parts
        gradients.withUnsafeMutableBufferPointer { grads in
        counts.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let (grads, counts) = (grads, counts)
            let work: @Sendable (Int) -> Void = { part in
                for k in 0..<FSRSGradient.count { grads[part][k] = 0 }
                let lower = cards.startIndex + part * size
                let upper = min(cards.endIndex, lower + size)
                counts[part] = lower < upper
                    ? model.accumulateTraining(set, cards: cards[lower..<upper], gradient: &grads[part]).count
                    : 0
            }
            if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
        }}
        var total = gradients[0]
        for part in 1..<parts { for k in 0..<total.count { total[k] += gradients[part][k] } }
        return (total, counts[0..<parts].reduce(0, +))
    }
}
