import Foundation

/// A bootstrap summary of one coefficient: estimate, replicate median and standard error, interval.
public struct CoefficientSummary: Sendable, Equatable {
    /// The fewest valid replicates (studentized: with a positive standard error) an interval is formed from.
    public static let minimumReplicates = 2

    /// The full-sample estimate θ̂.
    public var estimate: Double
    /// Median of the valid replicates.
    public var median: Double
    /// Standard deviation of the valid replicates (divisor B − 1).
    public var standardError: Double
    /// Lower interval bound.
    public var lower: Double
    /// Upper interval bound.
    public var upper: Double
    /// Number of valid replicates used (studentized: those with a positive standard error).
    public var replicateCount: Int
    /// Whether an interval end rests on the smallest or largest replicate value used (type-7
    /// position below 1 or above count − 2): the end is then as uncertain as the extreme itself,
    /// as R's `boot.ci` warns ("extreme order statistics used as endpoints"). Never for `.normal`.
    public var usesExtremeOrderStatistics: Bool

    /// Summarizes `replicates` of a coefficient with full-sample estimate `estimate`.
    ///
    /// The median and interval ends are type-7 quantiles found by selection in O(B) on up to
    /// `threads` threads (`Quantile.type7(unsorted:_:threads:)`), bitwise equal to reading them from
    /// the sorted replicates; the mean and standard error sum the replicates in the order given.
    /// `summaries(estimate:replicates:method:confidences:jackknife:replicateStandardErrors:estimateStandardError:threads:)`
    /// forms several levels at once.
    ///
    /// - Parameters:
    ///   - jackknife: leave-one-out estimates, required by `.bca` for the acceleration.
    ///   - replicateStandardErrors: each replicate's own standard error, aligned with `replicates`,
    ///     required by `.studentized` (replicates whose error is not positive are left out of it).
    ///   - estimateStandardError: the estimate's standard error, required by `.studentized`.
    /// - Throws: `TrendFitError.invalidPlan` when fewer than two replicates are valid, a replicate
    ///   is NaN, the level is outside (0, 1), BCa is undefined (no jackknife, or every replicate on
    ///   one side of θ̂), or a studentized interval lacks its standard errors.
    ///
    /// Values beyond 2^±128 (whose squares overflow or underflow) are summarized at a scale of an
    /// exact power of two and the results scaled back, as `BatchScaling` does for the fits.
    public init(estimate: Double, replicates: [Double], method: IntervalMethod, confidence: Double,
                jackknife: [Double]? = nil, replicateStandardErrors: [Double]? = nil,
                estimateStandardError: Double? = nil, threads: Int = CPUAllowance.available()) throws(TrendFitError) {
        self = try Self.summaries(estimate: estimate, replicates: replicates, method: method, confidences: [confidence],
                                  jackknife: jackknife, replicateStandardErrors: replicateStandardErrors,
                                  estimateStandardError: estimateStandardError, threads: threads)[0]
    }

    /// Assembles a summary from what its replicates gave, however they were read (all at once
    /// here, in streamed passes by `StreamedBootstrap`).
    ///
    /// - Parameters:
    ///   - count: valid replicates; `mean` and `variance` (divisor count − 1) of their values.
    ///   - ends: the quantile levels of the interval ends (`endProbabilities`).
    ///   - quantiles: the type-7 quantiles at 0.5 and at each of `ends`.
    ///   - pivotCount: studentized only, the pivots formed; `pivotQuantiles` theirs at α and 1 − α.
    init(estimate: Double, count: Int, mean: Double, variance: Double, method: IntervalMethod, alpha: Double,
         ends: [Double], quantiles: [Double], pivotCount: Int, pivotQuantiles: [Double], estimateStandardError: Double?) {
        self.estimate = estimate
        median = quantiles[0]
        standardError = variance.squareRoot()
        replicateCount = count
        usesExtremeOrderStatistics = Self.extreme(count, ends)
        switch method {
        case .percentile, .bca:
            lower = quantiles[1]
            upper = quantiles[2]
        case .basic:
            lower = 2 * estimate - quantiles[2]
            upper = 2 * estimate - quantiles[1]
        case .normal:
            let z = NormalDistribution.quantile(1 - alpha)
            let centre = estimate - (mean - estimate)
            lower = centre - z * standardError
            upper = centre + z * standardError
        case .studentized:
            let scale = estimateStandardError ?? 0
            lower = estimate - pivotQuantiles[1] * scale
            upper = estimate - pivotQuantiles[0] * scale
            replicateCount = pivotCount
            usesExtremeOrderStatistics = Self.extreme(pivotCount, [alpha, 1 - alpha])
        }
    }

    /// The summary of values that were multiplied by 2^`exponent`, in the values' own units.
    func scaledBack(from exponent: Int) -> Self {
        var result = self
        for keyPath in [\Self.estimate, \.median, \.standardError, \.lower, \.upper] {
            result[keyPath: keyPath] = scalbn(self[keyPath: keyPath], -exponent)
        }
        return result
    }

    /// Refuses a level outside (0, 1), fewer than two valid replicates, or a NaN replicate (the
    /// `firstNaN`-th valid one).
    static func checkReplicates(confidence: Double, count: Int, firstNaN: Int?) throws(TrendFitError) {
        guard confidence > 0, confidence < 1 else {
            throw .invalidPlan("confidence must be strictly between 0 and 1, got \(confidence)")
        }
        guard count >= minimumReplicates else {
            throw .invalidPlan("only \(count) valid replicates: cannot form an interval")
        }
        if let firstNaN {
            throw .invalidPlan("replicate \(firstNaN) is NaN: leave degenerate replicates out before summarizing")
        }
    }

    /// The quantile levels of the interval ends on the replicates themselves: α and 1 − α for
    /// percentile and basic, the BCa-adjusted levels (from `share`, the share of replicates below
    /// θ̂, asked for only by BCa), none for normal and studentized.
    static func endProbabilities(method: IntervalMethod, alpha: Double, jackknife: [Double]?,
                                 share: () -> Double) throws(TrendFitError) -> [Double] {
        switch method {
        case .percentile, .basic:
            return [alpha, 1 - alpha]
        case .bca:
            let levels = try bcaLevels(share: share(), alpha: alpha, jackknife: jackknife)
            return [levels.lower, levels.upper]
        case .normal, .studentized:
            return []
        }
    }

    /// Whether a type-7 quantile of `count` values at any of `probabilities` reads the smallest
    /// or the largest value.
    private static func extreme(_ count: Int, _ probabilities: [Double]) -> Bool {
        probabilities.contains { Quantile.readsExtremeOrderStatistic(count: count, probability: $0) }
    }

    /// The studentized pivots t* = (θ* − θ̂)/SE* of the replicates with a positive, finite SE*.
    static func studentizedPivots(estimate: Double, replicates: StridedValues, replicateStandardErrors: [Double]?,
                                          estimateStandardError: Double?) throws(TrendFitError) -> [Double] {
        guard let replicateStandardErrors, replicateStandardErrors.count == replicates.count else {
            throw .invalidPlan("a studentized interval needs each replicate's standard error (plan.replicateStandardErrors)")
        }
        try checkEstimateStandardError(estimateStandardError)
        var pivots: [Double] = []
        pivots.reserveCapacity(replicates.count)
        for (value, error) in zip(replicates, replicateStandardErrors) {
            if let pivot = pivot(value, estimate: estimate, standardError: error) { pivots.append(pivot) }
        }
        try checkPivots(count: pivots.count)
        return pivots
    }

    /// The studentized pivot (θ* − θ̂)/SE* of a replicate, or nil when its SE* is not positive and finite.
    @inline(__always)
    static func pivot(_ value: Double, estimate: Double, standardError: Double) -> Double? {
        standardError > 0 && standardError.isFinite ? (value - estimate) / standardError : nil
    }

    /// Refuses a studentized interval without the estimate's finite standard error.
    static func checkEstimateStandardError(_ estimateStandardError: Double?) throws(TrendFitError) {
        guard let estimateStandardError, estimateStandardError.isFinite, estimateStandardError >= 0 else {
            throw .invalidPlan("a studentized interval needs the estimate's finite standard error")
        }
    }

    /// Refuses a studentized interval from fewer than two pivots.
    static func checkPivots(count: Int) throws(TrendFitError) {
        guard count >= minimumReplicates else {
            throw .invalidPlan("only \(count) replicates have a positive standard error: cannot form a studentized interval")
        }
    }

    /// The share of `count` replicates below θ̂ that BCa's bias correction reads, replicates equal
    /// to θ̂ counting one half (as `scipy.stats.bootstrap` does).
    static func share(below: Int, ties: Int, of count: Int) -> Double {
        (Double(below) + Double(ties) / 2) / Double(count)
    }

    /// The BCa-adjusted quantile levels (Efron 1987): bias correction z₀ = Φ⁻¹(`share`), the
    /// share of replicates below θ̂, and acceleration from the jackknife's skewness.
    private static func bcaLevels(share: Double, alpha: Double,
                                  jackknife: [Double]?) throws(TrendFitError) -> (lower: Double, upper: Double) {
        guard let jackknife, jackknife.count >= 3 else {
            throw .invalidPlan("BCa needs at least 3 jackknife estimates for the acceleration")
        }
        guard share > 0, share < 1 else {
            throw .invalidPlan("BCa is undefined: every replicate lies on one side of the estimate; use another interval")
        }
        let biasCorrection = NormalDistribution.quantile(share)
        let jackknifeMean = jackknife.reduce(0, +) / Double(jackknife.count)
        let deviations = jackknife.map { jackknifeMean - $0 }
        let squares = deviations.reduce(0) { $0 + $1 * $1 }
        let cubes = deviations.reduce(0) { $0 + $1 * $1 * $1 }
        let acceleration = squares > 0 ? cubes / (6 * pow15(squares)) : 0
        func adjusted(_ level: Double) -> Double {
            let z = biasCorrection + NormalDistribution.quantile(level)
            return NormalDistribution.cdf(biasCorrection + z / (1 - acceleration * z))
        }
        return (adjusted(alpha), adjusted(1 - alpha))
    }

    private static func pow15(_ x: Double) -> Double { x * x.squareRoot() }
}
