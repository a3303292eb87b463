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
        self.init(low: Quantile.type7(sorted, (1 - confidence) / 2),
                  median: Quantile.type7(sorted, 0.5),
                  high: Quantile.type7(sorted, (1 + confidence) / 2))
    }

    /// The interval as `[low, median, high]`.
    public var array: [Double] { [low, median, high] }
}
