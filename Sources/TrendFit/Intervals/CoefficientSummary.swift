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
        let values = [estimate] + replicates + (jackknife ?? []) + (replicateStandardErrors ?? []) + (estimateStandardError.map { [$0] } ?? [])
        let exponent = BatchScaling.normalizingExponent(of: values, safeExponent: 128)
        guard exponent != 0 else {
            try self.init(inRange: estimate, replicates: replicates, method: method, confidence: confidence, jackknife: jackknife,
                          replicateStandardErrors: replicateStandardErrors, estimateStandardError: estimateStandardError,
                          threads: threads)
            return
        }
        func scaled(_ value: Double) -> Double { scalbn(value, exponent) }
        try self.init(inRange: scaled(estimate), replicates: replicates.map(scaled), method: method, confidence: confidence,
                      jackknife: jackknife?.map(scaled), replicateStandardErrors: replicateStandardErrors?.map(scaled),
                      estimateStandardError: estimateStandardError.map(scaled), threads: threads)
        for keyPath in [\Self.estimate, \.median, \.standardError, \.lower, \.upper] {
            self[keyPath: keyPath] = scalbn(self[keyPath: keyPath], -exponent)
        }
    }

    /// Summarizes values whose squares and cubes stay within double's range.
    private init(inRange estimate: Double, replicates: [Double], method: IntervalMethod, confidence: Double,
                 jackknife: [Double]?, replicateStandardErrors: [Double]?, estimateStandardError: Double?,
                 threads: Int) throws(TrendFitError) {
        guard confidence > 0, confidence < 1 else {
            throw .invalidPlan("confidence must be strictly between 0 and 1, got \(confidence)")
        }
        guard replicates.count >= Self.minimumReplicates else {
            throw .invalidPlan("only \(replicates.count) valid replicates: cannot form an interval")
        }
        if let index = replicates.firstIndex(where: \.isNaN) {
            throw .invalidPlan("replicate \(index) is NaN: leave degenerate replicates out before summarizing")
        }
        let count = Double(replicates.count)
        let mean = replicates.reduce(0, +) / count
        let variance = replicates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        let alpha = (1 - confidence) / 2
        // The quantile levels of the interval ends on the replicates themselves.
        let ends: [Double]
        switch method {
        case .percentile, .basic:
            ends = [alpha, 1 - alpha]
        case .bca:
            let levels = try Self.bcaLevels(estimate: estimate, replicates: replicates, alpha: alpha, jackknife: jackknife)
            ends = [levels.lower, levels.upper]
        case .normal, .studentized:
            ends = []
        }
        let quantiles = Quantile.type7(unsorted: replicates, [0.5] + ends, threads: threads)
        self.estimate = estimate
        median = quantiles[0]
        standardError = variance.squareRoot()
        replicateCount = replicates.count
        usesExtremeOrderStatistics = Self.extreme(replicates.count, ends)
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
            let pivots = try Self.studentizedPivots(estimate: estimate, replicates: replicates,
                                                    replicateStandardErrors: replicateStandardErrors,
                                                    estimateStandardError: estimateStandardError)
            let scale = estimateStandardError ?? 0
            let pivotQuantiles = Quantile.type7(unsorted: pivots, [alpha, 1 - alpha], threads: threads)
            lower = estimate - pivotQuantiles[1] * scale
            upper = estimate - pivotQuantiles[0] * scale
            replicateCount = pivots.count
            usesExtremeOrderStatistics = Self.extreme(pivots.count, [alpha, 1 - alpha])
        }
    }

    /// Whether a type-7 quantile of `count` values at any of `probabilities` reads the smallest
    /// or the largest value.
    private static func extreme(_ count: Int, _ probabilities: [Double]) -> Bool {
        probabilities.contains { Quantile.readsExtremeOrderStatistic(count: count, probability: $0) }
    }

    /// The studentized pivots t* = (θ* − θ̂)/SE* of the replicates with a positive, finite SE*.
    private static func studentizedPivots(estimate: Double, replicates: [Double], replicateStandardErrors: [Double]?,
                                          estimateStandardError: Double?) throws(TrendFitError) -> [Double] {
        guard let replicateStandardErrors, replicateStandardErrors.count == replicates.count else {
            throw .invalidPlan("a studentized interval needs each replicate's standard error (plan.replicateStandardErrors)")
        }
        guard let estimateStandardError, estimateStandardError.isFinite, estimateStandardError >= 0 else {
            throw .invalidPlan("a studentized interval needs the estimate's finite standard error")
        }
        var pivots: [Double] = []
        pivots.reserveCapacity(replicates.count)
        for (value, error) in zip(replicates, replicateStandardErrors) where error > 0 && error.isFinite {
            pivots.append((value - estimate) / error)
        }
        guard pivots.count >= Self.minimumReplicates else {
            throw .invalidPlan("only \(pivots.count) replicates have a positive standard error: cannot form a studentized interval")
        }
        return pivots
    }

    /// The BCa-adjusted quantile levels (Efron 1987): bias correction z₀ = Φ⁻¹ of the share of
    /// replicates below θ̂, replicates equal to θ̂ counting one half (as `scipy.stats.bootstrap`
    /// does), and acceleration from the jackknife's skewness.
    private static func bcaLevels(estimate: Double, replicates: [Double], alpha: Double,
                                  jackknife: [Double]?) throws(TrendFitError) -> (lower: Double, upper: Double) {
        guard let jackknife, jackknife.count >= 3 else {
            throw .invalidPlan("BCa needs at least 3 jackknife estimates for the acceleration")
        }
        let below = Double(replicates.count { $0 < estimate })
        let ties = Double(replicates.count { $0 == estimate })
        let share = (below + ties / 2) / Double(replicates.count)
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
