/// A fitted line with its pointwise bootstrap band over a grid of decimal years, in log10 units.
///
/// At each grid year the band runs between the percentile quantiles of the replicate lines'
/// values there, so it is narrowest near the middle of the data and widens towards the ends.
struct TrendBand {
    /// Grid years, evenly spaced from the first to the last date of the data.
    var years: [Double]
    /// The fitted line at each grid year.
    var fitted: [Double]
    /// Low quantile of the replicate lines at each grid year.
    var low: [Double]
    /// High quantile of the replicate lines at each grid year.
    var high: [Double]

    /// The band of `estimate` from `firstYear` to `lastYear` at `confidence`, on `points` grid years;
    /// nil when the estimate has no valid replicates.
    init?(estimate: TrendEstimate, firstYear: Double, lastYear: Double, confidence: Double, points: Int = 60) {
        guard !estimate.replicateSlopes.isEmpty else { return nil }
        years = (0..<points).map { firstYear + (lastYear - firstYear) * Double($0) / Double(points - 1) }
        fitted = years.map { estimate.intercept + estimate.slope * $0 }
        low = []
        high = []
        for year in years {
            let values = zip(estimate.replicateIntercepts, estimate.replicateSlopes).map { $0 + $1 * year }
            let interval = QuantileInterval(percentilesOf: values, confidence: confidence)!
            low.append(interval.low)
            high.append(interval.high)
        }
    }
}
