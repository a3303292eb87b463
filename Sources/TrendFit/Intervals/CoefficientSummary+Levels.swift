import Foundation

extension CoefficientSummary {
    /// The summaries of `replicates` at each of `confidences`, in that order, as
    /// `init(estimate:replicates:method:confidence:…)` forms each, bitwise: the scale check, the
    /// sums and the pivots are formed once, and every level's order statistics come from one selection.
    public static func summaries(estimate: Double, replicates: [Double], method: IntervalMethod, confidences: [Double],
                                 jackknife: [Double]? = nil, replicateStandardErrors: [Double]? = nil,
                                 estimateStandardError: Double? = nil,
                                 threads: Int = CPUAllowance.available()) throws(TrendFitError) -> [CoefficientSummary] {
        try ReplicateColumn.reading(replicates) { column in
            Result { () throws(TrendFitError) in
                try summaries(estimate: estimate, column: column, method: method, confidences: confidences,
                              jackknife: jackknife, replicateStandardErrors: replicateStandardErrors,
                              estimateStandardError: estimateStandardError, threads: threads)
            }
        }.get()
    }

    /// `summaries(estimate:replicates:…)` of a column already read.
    static func summaries(estimate: Double, column: ReplicateColumn, method: IntervalMethod, confidences: [Double],
                          jackknife: [Double]?, replicateStandardErrors: [Double]?, estimateStandardError: Double?,
                          threads: Int) throws(TrendFitError) -> [CoefficientSummary] {
        let largest = [column.largestMagnitude, BatchScaling.largestFiniteMagnitude(of: [estimate]),
                       BatchScaling.largestFiniteMagnitude(of: jackknife ?? []),
                       BatchScaling.largestFiniteMagnitude(of: replicateStandardErrors ?? []),
                       BatchScaling.largestFiniteMagnitude(of: estimateStandardError.map { [$0] } ?? [])]
        let exponent = BatchScaling.normalizingExponent(of: largest, safeExponent: 128)
        guard exponent != 0 else {
            return try inRange(estimate: estimate, column: column, method: method, confidences: confidences, jackknife: jackknife,
                               replicateStandardErrors: replicateStandardErrors, estimateStandardError: estimateStandardError,
                               threads: threads)
        }
        func scaled(_ value: Double) -> Double { scalbn(value, exponent) }
        return try ReplicateColumn.reading(column.values.map(scaled)) { scaledColumn in
            Result { () throws(TrendFitError) in
                try inRange(estimate: scaled(estimate), column: scaledColumn, method: method,
                            confidences: confidences, jackknife: jackknife?.map(scaled),
                            replicateStandardErrors: replicateStandardErrors?.map(scaled),
                            estimateStandardError: estimateStandardError.map(scaled), threads: threads)
            }
        }.get().map { $0.scaledBack(from: exponent) }
    }

    /// Summaries of values whose squares and cubes stay within double's range.
    private static func inRange(estimate: Double, column: ReplicateColumn, method: IntervalMethod, confidences: [Double],
                                jackknife: [Double]?, replicateStandardErrors: [Double]?, estimateStandardError: Double?,
                                threads: Int) throws(TrendFitError) -> [CoefficientSummary] {
        let replicates = column.values
        for confidence in confidences {
            try checkReplicates(confidence: confidence, count: replicates.count, firstNaN: column.firstNaN)
        }
        let count = Double(replicates.count)
        let mean = column.sum / count
        let variance = replicates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        let alphas = confidences.map { (1 - $0) / 2 }
        let share = method == .bca
            ? Self.share(below: replicates.count { $0 < estimate }, ties: replicates.count { $0 == estimate }, of: replicates.count)
            : 0
        var ends: [[Double]] = []
        for alpha in alphas {
            ends.append(try endProbabilities(method: method, alpha: alpha, jackknife: jackknife) { share })
        }
        // Every level's median and ends from one selection: [0.5] + ends, level after level.
        let quantiles = Quantile.type7(unsorted: replicates, ends.flatMap { [0.5] + $0 }, threads: threads)
        var pivotCount = 0
        var pivotQuantiles: [Double] = []
        if method == .studentized {
            let pivots = try studentizedPivots(estimate: estimate, replicates: replicates,
                                               replicateStandardErrors: replicateStandardErrors,
                                               estimateStandardError: estimateStandardError)
            pivotCount = pivots.count
            pivotQuantiles = Quantile.type7(unsorted: pivots, alphas.flatMap { [$0, 1 - $0] }, threads: threads)
        }
        var summaries: [CoefficientSummary] = []
        var first = 0
        for (level, alpha) in alphas.enumerated() {
            let levelQuantiles = Array(quantiles[first..<(first + 1 + ends[level].count)])
            first += levelQuantiles.count
            summaries.append(CoefficientSummary(
                estimate: estimate, count: replicates.count, mean: mean, variance: variance, method: method, alpha: alpha,
                ends: ends[level], quantiles: levelQuantiles, pivotCount: pivotCount,
                pivotQuantiles: pivotQuantiles.isEmpty ? [] : Array(pivotQuantiles[(2 * level)..<(2 * level + 2)]),
                estimateStandardError: estimateStandardError))
        }
        return summaries
    }
}
