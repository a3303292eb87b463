import TrendFit

/// A trend's slope and doubling-time intervals at one confidence level.
public struct LevelInterval: Sendable, Equatable {
    /// The confidence level.
    public var confidence: Double
    /// Percentile interval of the slope replicates.
    public var slope: QuantileInterval
    /// The slope interval mapped to doubling months (see `TrendEstimate.doublingInterval(slopeInterval:conventions:)`).
    public var doubling: QuantileInterval
    /// Whether an end rests on the smallest or largest slope replicate (R's boot.ci warns:
    /// "extreme order statistics used as endpoints").
    public var usesExtremeOrderStatistics: Bool

    /// The intervals of `slopes` at `confidence`; nil when `slopes` is empty.
    init?(slopes: [Double], confidence: Double, conventions: TimeConventions) {
        guard let slope = QuantileInterval(percentilesOf: slopes, confidence: confidence) else { return nil }
        self.init(slope: slope, count: slopes.count, confidence: confidence, conventions: conventions)
    }

    /// The intervals at `confidence` from the percentile interval `slope` of `count` slope replicates.
    init(slope: QuantileInterval, count: Int, confidence: Double, conventions: TimeConventions) {
        self.confidence = confidence
        self.slope = slope
        doubling = TrendEstimate.doublingInterval(slopeInterval: slope, conventions: conventions)
        usesExtremeOrderStatistics = [(1 - confidence) / 2, (1 + confidence) / 2].contains {
            Quantile.readsExtremeOrderStatistic(count: count, probability: $0)
        }
    }
}
