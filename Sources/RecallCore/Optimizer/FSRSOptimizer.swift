import Foundation

/// Fits the 21 FSRS-6 parameters to a review history, minimising fsrs-rs's training
/// objective: the recency-weighted log loss of the training reviews plus a pull toward the
/// starting point scaled by each parameter's spread across users, within fsrs-rs's bounds.
/// The items, the outlier filter and the pre-trained initial stabilities are fsrs-rs's.
///
/// Where fsrs-rs runs a few dozen epochs of mini-batch Adam, this minimises the same
/// objective with damped Gauss-Newton steps (``LevenbergMarquardt``) on all training reviews
/// at once. That reaches a lower objective than Adam does (its noisy steps stop short of the
/// minimum and can settle in a worse basin), is deterministic, and takes about ten passes.
public enum FSRSOptimizer {
    /// Fitting knobs; the objective's are fsrs-rs's.
    public struct Configuration: Sendable {
        /// Gauss-Newton iterations at most (the fit usually stops after 5-15).
        public var maxIterations = 100
        /// Strength of the pull toward the starting parameters (fsrs-rs's γ).
        public var gamma = 1.0
        /// Fewer reviews on a later day than a card's first (training and held out together)
        /// than this leaves the parameters alone: below it a fit of 21 parameters follows the
        /// noise of a few cards.
        public var minimumReviews = 400
        /// Fewer training reviews than this leaves the parameters alone.
        public var minimumTrainingReviews = 64
        /// Fewer held-out reviews than this leaves the parameters alone.
        public var minimumTestReviews = 16
        /// Threads for each pass over the reviews; 2 helps only on an idle machine.
        public var threads = 1
        /// Runs those threads' slices: one after another unless the caller passes a runner
        /// that starts threads.
        public var runJobs: JobRunner = Jobs.inTurn

        public init() {}
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

        /// Whether the fit predicts the held-out reviews better than the current parameters:
        /// both its log loss and its RMSE(bins) are lower. Log loss alone can fall a little on
        /// noise while the predictions get worse calibrated.
        public var isImprovement: Bool {
            hasEnoughData && fitted.logLoss < current.logLoss && fitted.rmseBins < current.rmseBins
        }

        /// The fitted parameters (0-based, `w0`…`w20`) that ended on a bound of
        /// ``ParameterBounds/ranges``: the history pushed them as far as they may go.
        /// A parameter still at its default is left out even when the default is a bound
        /// (FSRS-6's `w7`): the history did not move it. Empty when nothing was fitted.
        public var parametersOnBounds: [Int] {
            guard hasEnoughData else { return [] }
            let defaults = CollectionSettings.defaultParameters
            return parameters.indices.filter { k in
                k < ParameterBounds.ranges.count && ParameterBounds.isOnBound(parameters[k], k)
                    && (k >= defaults.count || parameters[k] != defaults[k])
            }
        }
    }

    /// Fits on the training part of `set` and evaluates against `current` on its held-out part.
    public static func run(_ set: TrainingSet, current: [Double], configuration: Configuration = .init(),
                           progress: ((Double) -> Void)? = nil) -> Outcome {
        let currentModel = FSRSGradient(parameters: current)
        let currentMetrics = PredictionMetrics(currentModel.predictions(set, role: .test))
        guard set.trainCount + set.testCount >= configuration.minimumReviews,
              set.trainCount >= configuration.minimumTrainingReviews,
              set.testCount >= configuration.minimumTestReviews else {
            return Outcome(parameters: current, current: currentMetrics, fitted: currentMetrics,
                           trainCount: set.trainCount, testCount: set.testCount, hasEnoughData: false)
        }
        let fitted = fit(set, configuration: configuration, progress: progress)
        let metrics = PredictionMetrics(FSRSGradient(parameters: fitted).predictions(set, role: .test))
        return Outcome(parameters: fitted, current: currentMetrics, fitted: metrics,
                       trainCount: set.trainCount, testCount: set.testCount, hasEnoughData: true)
    }

    /// The fitted parameters for the training reviews of `set` (its outliers left out);
    /// the pre-trained starting point if it has no training reviews.
    public static func fit(_ set: TrainingSet, configuration: Configuration = .init(),
                           progress: ((Double) -> Void)? = nil) -> [Double] {
        let set = set.withoutOutliers()
        let defaults = CollectionSettings.defaultParameters
        var start = defaults
        start.replaceSubrange(0..<4, with: Pretraining.initialStability(set, defaults: defaults))
        start = ParameterBounds.clamp(start)
        let cards = (0..<set.cardCount).filter { set.trainEnds[$0] > set.starts[$0] }
        guard set.trainCount > 0 else { return start }
        var solver = LevenbergMarquardt(set: set, cards: cards, centre: start, gamma: configuration.gamma)
        solver.maxIterations = configuration.maxIterations
        solver.threads = configuration.threads
        solver.runJobs = configuration.runJobs
        let fitted = solver.minimise(from: start, progress: progress)
        // Like fsrs-rs, a better first rating must not start with a smaller stability.
        return Pretraining.orderedInitialStability(fitted, set: set)
    }
}
