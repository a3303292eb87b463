import Foundation

/// An estimate read back from a table row (a sweep's output), for summaries and plots.
extension TrendEstimate {
    /// The estimate of a row that lists `slope`, its interval, R², the fitted scale and the
    /// resample counts. Doubling times and growth are computed from the slopes as `init(fit:…)`
    /// computes them; the intercept, which rows do not list, comes from `scaleStart` and `firstYear`
    /// (to rounding); the replicate values and the intervals at further levels are not kept.
    init(slope: Double, slopeInterval: QuantileInterval?, rSquared: Double?, scaleStart: Double, scaleEnd: Double,
         validResamples: Int, excludedResamples: Int, firstYear: Double, conventions: TimeConventions) {
        intercept = log10(scaleStart) - slope * firstYear
        self.slope = slope
        self.slopeInterval = slopeInterval
        levelIntervals = []
        doublingMonths = conventions.doublingMonths(slope: slope)
        doublingInterval = slopeInterval.map { Self.doublingInterval(slopeInterval: $0, conventions: conventions) }
        growthPerYear = conventions.growthPerYear(slope: slope)
        self.rSquared = rSquared
        self.scaleStart = scaleStart
        self.scaleEnd = scaleEnd
        self.validResamples = validResamples
        self.excludedResamples = excludedResamples
        replicateIntercepts = []
        replicateSlopes = []
    }
}
