import Foundation

/// A bootstrap summary of one coefficient: estimate, replicate median and standard error, interval.
public struct CoefficientSummary: Sendable, Equatable {
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
    /// Number of valid replicates used.
    public var replicateCount: Int

    /// Summarizes `replicates` of a coefficient with full-sample estimate `estimate`.
    ///
    /// - Parameters:
    ///   - jackknife: leave-one-out estimates, required by `.bca` for the acceleration.
    /// - Throws: `TrendFitError.invalidPlan` when fewer than two replicates are valid, the level is
    ///   outside (0, 1), or BCa is undefined (no jackknife, or every replicate on one side of θ̂).
    ///
    /// Values beyond 2^±128 (whose squares overflow or underflow) are summarized at a scale of an
    /// exact power of two and the results scaled back, as `BatchScaling` does for the fits.
    public init(estimate: Double, replicates: [Double], method: IntervalMethod, confidence: Double,
                jackknife: [Double]? = nil) throws(TrendFitError) {
        let exponent = BatchScaling.normalizingExponent(of: [estimate] + replicates + (jackknife ?? []), safeExponent: 128)
        guard exponent != 0 else {
            try self.init(inRange: estimate, replicates: replicates, method: method, confidence: confidence, jackknife: jackknife)
            return
        }
        try self.init(inRange: scalbn(estimate, exponent), replicates: replicates.map { scalbn($0, exponent) }, method: method,
                      confidence: confidence, jackknife: jackknife?.map { scalbn($0, exponent) })
        for keyPath in [\Self.estimate, \.median, \.standardError, \.lower, \.upper] {
            self[keyPath: keyPath] = scalbn(self[keyPath: keyPath], -exponent)
        }
    }

    /// Summarizes values whose squares and cubes stay within double's range.
    private init(inRange estimate: Double, replicates: [Double], method: IntervalMethod, confidence: Double,
                 jackknife: [Double]?) throws(TrendFitError) {
        guard confidence > 0, confidence < 1 else {
            throw .invalidPlan("confidence must be strictly between 0 and 1, got \(confidence)")
        }
        guard replicates.count >= 2 else {
            throw .invalidPlan("only \(replicates.count) valid replicates: cannot form an interval")
        }
        let sorted = replicates.sorted()
        let count = Double(sorted.count)
        let mean = sorted.reduce(0, +) / count
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        let alpha = (1 - confidence) / 2
        self.estimate = estimate
        median = Quantile.type7(sorted, 0.5)
        standardError = variance.squareRoot()
        replicateCount = sorted.count
        switch method {
        case .percentile:
            lower = Quantile.type7(sorted, alpha)
            upper = Quantile.type7(sorted, 1 - alpha)
        case .basic:
            lower = 2 * estimate - Quantile.type7(sorted, 1 - alpha)
            upper = 2 * estimate - Quantile.type7(sorted, alpha)
        case .normal:
            let z = NormalDistribution.quantile(1 - alpha)
            let centre = estimate - (mean - estimate)
            lower = centre - z * standardError
            upper = centre + z * standardError
        case .bca:
            let levels = try Self.bcaLevels(estimate: estimate, sorted: sorted, alpha: alpha, jackknife: jackknife)
            lower = Quantile.type7(sorted, levels.lower)
            upper = Quantile.type7(sorted, levels.upper)
        }
    }

    /// The BCa-adjusted quantile levels (Efron 1987): bias correction z₀ from the share of
    /// replicates below θ̂, acceleration from the jackknife's skewness.
    private static func bcaLevels(estimate: Double, sorted: [Double], alpha: Double,
                                  jackknife: [Double]?) throws(TrendFitError) -> (lower: Double, upper: Double) {
        guard let jackknife, jackknife.count >= 3 else {
            throw .invalidPlan("BCa needs at least 3 jackknife estimates for the acceleration")
        }
        let below = Double(sorted.filter { $0 < estimate }.count)
        let share = below / Double(sorted.count)
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
