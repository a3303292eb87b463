import TrendFit

/// A bootstrap percentile interval: the low quantile, the median and the high quantile.
public struct QuantileInterval: Sendable, Equatable {
    /// Quantile (1 − confidence) / 2.
    public var low: Double
    /// Quantile 1/2.
    public var median: Double
    /// Quantile (1 + confidence) / 2.
    public var high: Double

    /// Creates an interval.
    public init(low: Double, median: Double, high: Double) {
        self.low = low
        self.median = median
        self.high = high
    }

    /// The percentile interval of `values` at `confidence`, using type-7 quantiles
    /// (linear interpolation between order statistics, as R's default); nil when `values` is empty.
    public init?(percentilesOf values: [Double], confidence: Double) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(quantiles: Self.probabilities(confidence: confidence).map { Quantile.type7(sorted, $0) })
    }

    /// The probabilities of the percentile interval at `confidence`: low end, median, high end.
    public static func probabilities(confidence: Double) -> [Double] {
        [(1 - confidence) / 2, 0.5, (1 + confidence) / 2]
    }

    /// The interval of the quantiles at `probabilities(confidence:)`, in their order.
    init(quantiles: [Double]) {
        self.init(low: quantiles[0], median: quantiles[1], high: quantiles[2])
    }

    /// The interval as `[low, median, high]`.
    public var array: [Double] { [low, median, high] }
}
