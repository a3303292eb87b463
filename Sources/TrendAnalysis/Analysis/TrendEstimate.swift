import Foundation
import TrendFit

/// A fitted log-linear trend with its bootstrap intervals, in the units of `TimeConventions`.
public struct TrendEstimate: Sendable {
    /// Intercept of log10(value) at x = 0 (year 0 of the decimal-year scale).
    public var intercept: Double
    /// Slope in log10 units (orders of magnitude) per year.
    public var slope: Double
    /// Percentile interval of the slope replicates at the primary level; nil when every resample was excluded.
    public var slopeInterval: QuantileInterval?
    /// The slope and doubling intervals at every level, the primary first; empty when every
    /// resample was excluded, and for an estimate read back from a table row.
    public var levelIntervals: [LevelInterval]
    /// Doubling time in months (negative for a decline).
    public var doublingMonths: Double
    /// The slope interval mapped to doubling months; its high end is infinite when the slope
    /// interval reaches zero or below.
    public var doublingInterval: QuantileInterval?
    /// Growth factor per year, 10^slope.
    public var growthPerYear: Double
    /// Coefficient of determination; nil when log10(value) has no variation.
    public var rSquared: Double?
    /// Fitted value (data units) at the first date of the data.
    public var scaleStart: Double
    /// Fitted value (data units) at the last date of the data.
    public var scaleEnd: Double
    /// Resamples that gave a fit.
    public var validResamples: Int
    /// Resamples excluded (too few distinct systems, or rank-deficient).
    public var excludedResamples: Int
    /// Intercepts of the valid replicates, aligned with `replicateSlopes`.
    var replicateIntercepts: [Double]
    /// Slopes of the valid replicates.
    var replicateSlopes: [Double]

    /// Summarises a successful fit and its replicates; `firstYear` and `lastYear` bound the data.
    init(fit: FitResult, replicateIntercepts: [Double], replicateSlopes: [Double], excludedResamples: Int,
         firstYear: Double, lastYear: Double, conventions: TimeConventions, confidences: [Double]) {
        self.init(fit: fit, levelIntervals: confidences.compactMap {
                      LevelInterval(slopes: replicateSlopes, confidence: $0, conventions: conventions)
                  },
                  validResamples: replicateSlopes.count, excludedResamples: excludedResamples,
                  firstYear: firstYear, lastYear: lastYear, conventions: conventions)
        self.replicateIntercepts = replicateIntercepts
        self.replicateSlopes = replicateSlopes
    }

    /// Summarises a successful fit from its intervals at each level and its resample counts,
    /// without the replicate values (formed from replicates streamed in passes).
    init(fit: FitResult, levelIntervals: [LevelInterval], validResamples: Int, excludedResamples: Int,
         firstYear: Double, lastYear: Double, conventions: TimeConventions) {
        intercept = fit.coefficients[0]
        slope = fit.coefficients[1]
        self.levelIntervals = levelIntervals
        slopeInterval = levelIntervals.first?.slope
        doublingMonths = conventions.doublingMonths(slope: slope)
        doublingInterval = levelIntervals.first?.doubling
        growthPerYear = conventions.growthPerYear(slope: slope)
        rSquared = fit.rSquared
        scaleStart = pow(10, intercept + slope * firstYear)
        scaleEnd = pow(10, intercept + slope * lastYear)
        self.validResamples = validResamples
        self.excludedResamples = excludedResamples
        replicateIntercepts = []
        replicateSlopes = []
    }

    /// The estimate without its replicate values, to hold many estimates in little memory.
    func droppingReplicates() -> TrendEstimate {
        var estimate = self
        estimate.replicateIntercepts = []
        estimate.replicateSlopes = []
        return estimate
    }

    /// Doubling months of the slope interval's ends: a faster slope is a shorter doubling, so the
    /// ends swap. When the interval holds zero, the long end is unbounded (+∞).
    static func doublingInterval(slopeInterval: QuantileInterval, conventions: TimeConventions) -> QuantileInterval {
        let months = conventions.doublingMonths
        if slopeInterval.low > 0 || slopeInterval.high < 0 {
            return QuantileInterval(low: months(slopeInterval.high), median: months(slopeInterval.median),
                                    high: months(slopeInterval.low))
        }
        return QuantileInterval(low: slopeInterval.high > 0 ? months(slopeInterval.high) : -.infinity,
                                median: slopeInterval.median > 0 ? months(slopeInterval.median) : .infinity,
                                high: .infinity)
    }
}
