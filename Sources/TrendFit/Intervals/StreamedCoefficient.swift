import Foundation

/// What a streamed bootstrap gathers of one coefficient over its passes: in the first pass the
/// count, sum, share below θ̂ and magnitudes of its valid replicates and a histogram of their
/// values (and of the studentized pivots); in later passes the sum of squared deviations and the
/// order statistics its summaries read. Everything is computed, in replicate order, on the values
/// scaled by 2^`exponent` as `CoefficientSummary` scales them, so the summaries are bitwise its own.
///
/// A pass is read on the host (`read`) or on a device, which does what `read` does and hands over
/// its totals (`absorb`) and its order statistics' results (`endFirstPass`, `endPass`).
package final class StreamedCoefficient {
    package let coefficient: Int
    /// The power of two the values are multiplied by, as `CoefficientSummary` chooses it.
    package let exponent: Int
    /// The estimate θ̂, scaled by 2^`exponent`.
    package let estimate: Double
    let estimateStandardError: Double
    let jackknife: [Double]?
    /// Whether the studentized pivots are summarized too.
    package let studentized: Bool

    private(set) var count = 0
    private var sum = 0.0
    private var firstNaN: Int?
    private var below = 0
    private var ties = 0
    /// Largest finite magnitudes of the unscaled estimate, its standard error and the jackknife, and
    /// of the unscaled replicate values and their standard errors.
    private let largestGiven: Double
    private var largest = 0.0
    private var largestError = 0.0
    private var pivotCount = 0
    private var squares = 0.0
    /// Whether the sum of squared deviations from `mean` is complete (after the second pass).
    package private(set) var squaresDone = false
    /// The mean of the scaled valid values, once the first pass has ended.
    package private(set) var mean = 0.0
    /// The order statistics of the scaled valid values, and of the pivots when studentized.
    package let values: StreamedOrderStatistics
    package let pivots: StreamedOrderStatistics?
    /// Per level: α, the end levels and the ranks the value and pivot quantiles read.
    private var levels: [(alpha: Double, ends: [Double])] = []
    /// Chunk scratch: the scaled valid values and pivots of one chunk.
    private var chunkValues: [Double] = []
    private var chunkPivots: [Double] = []

    init(coefficient: Int, exponent: Int, estimate: Double, estimateStandardError: Double, jackknife: [Double]?,
         studentized: Bool, histogramBits: Int, gatherLimit: Int) {
        self.coefficient = coefficient
        self.exponent = exponent
        largestGiven = ([estimate, estimateStandardError] + (jackknife ?? [])).reduce(0.0) { $1.isFinite ? max($0, abs($1)) : $0 }
        self.estimate = scalbn(estimate, exponent)
        self.estimateStandardError = scalbn(estimateStandardError, exponent)
        self.jackknife = jackknife?.map { scalbn($0, exponent) }
        self.studentized = studentized
        values = StreamedOrderStatistics(histogramBits: histogramBits, gatherLimit: gatherLimit)
        pivots = studentized ? StreamedOrderStatistics(histogramBits: histogramBits, gatherLimit: gatherLimit) : nil
    }

    /// The exponent `CoefficientSummary` picks for these values (after the first pass): the one
    /// used, or another when the replicates reach beyond 2^±128.
    var observedExponent: Int {
        BatchScaling.normalizingExponent(of: [largestGiven, largest, largestError], safeExponent: 128)
    }

    /// Whether another pass over the replicates is needed.
    package var needsPass: Bool { !squaresDone || values.needsPass || pivots?.needsPass == true }

    /// Reads one chunk of problem 0's replicates, in replicate order.
    func read(_ chunk: BootstrapReplicates, firstPass: Bool) {
        chunkValues.removeAll(keepingCapacity: true)
        chunkPivots.removeAll(keepingCapacity: true)
        let stride = chunk.coefficientStride
        for b in 0..<chunk.resamples where chunk.statuses[b] == ReplicateStatus.ok.rawValue {
            let raw = chunk.coefficients[b * stride + coefficient]
            let value = exponent == 0 ? raw : scalbn(raw, exponent)
            chunkValues.append(value)
            if firstPass {
                if value.isNaN && firstNaN == nil { firstNaN = count + chunkValues.count - 1 }
                if raw.isFinite { largest = max(largest, abs(raw)) }
            }
            guard !chunk.standardErrors.isEmpty else { continue }
            let rawError = chunk.standardErrors[b * stride + coefficient]
            if firstPass && rawError.isFinite { largestError = max(largestError, abs(rawError)) }
            if studentized, let pivot = CoefficientSummary.pivot(value, estimate: estimate,
                                                                 standardError: exponent == 0 ? rawError : scalbn(rawError, exponent)) {
                chunkPivots.append(pivot)
            }
        }
        if firstPass {
            count += chunkValues.count
            pivotCount += chunkPivots.count
            for value in chunkValues {
                sum += value
                if value < estimate { below += 1 } else if value == estimate { ties += 1 }
            }
        } else if !squaresDone {
            for value in chunkValues { squares += (value - mean) * (value - mean) }
        }
        // A NaN has no place in a histogram; the first pass's checks refuse it before any selection.
        guard firstNaN == nil else { return }
        if values.needsPass { chunkValues.withUnsafeBufferPointer(values.add) }
        if let pivots, pivots.needsPass { chunkPivots.withUnsafeBufferPointer(pivots.add) }
    }

    /// What a first pass read elsewhere than `read` (on a device) found of the coefficient, each
    /// as `read` forms it.
    package struct FirstPassTotals: Equatable, Sendable {
        /// Valid values, their sum in replicate order, and the position of the first NaN among them.
        package var count = 0
        package var sum = 0.0
        package var firstNaN: Int?
        /// Values below and equal to the scaled estimate.
        package var below = 0
        package var ties = 0
        /// Largest finite magnitudes of the unscaled values and of their standard errors.
        package var largest = 0.0
        package var largestError = 0.0
        /// Pivots formed (studentized).
        package var pivotCount = 0

        package init() {}
    }

    /// Takes the totals of a first pass read elsewhere, in place of `read`'s.
    package func absorb(_ totals: FirstPassTotals) {
        (count, sum, firstNaN, below, ties) = (totals.count, totals.sum, totals.firstNaN, totals.below, totals.ties)
        (largest, largestError, pivotCount) = (totals.largest, totals.largestError, totals.pivotCount)
    }

    /// Takes the sum of squared deviations from `mean` of a later pass read elsewhere, in replicate order.
    package func absorb(squares: Double) {
        self.squares = squares
    }

    /// Ends the first pass: checks what `CoefficientSummary` checks and opens the ranks the
    /// summaries at `confidences` read. `valueResults` and `pivotResults`: what a pass read
    /// elsewhere collected of the order statistics (nil: `read` collected it).
    package func endFirstPass(method: IntervalMethod, confidences: [Double], standardErrorsAsked: Bool, threads: Int,
                              valueResults: (any OrderStatisticsPassResults)? = nil,
                              pivotResults: (any OrderStatisticsPassResults)? = nil) throws(TrendFitError) {
        for confidence in confidences {
            try CoefficientSummary.checkReplicates(confidence: confidence, count: count, firstNaN: firstNaN)
        }
        mean = sum / Double(count)
        let (below, ties, count) = (below, ties, count)
        levels = try confidences.map { confidence throws(TrendFitError) in
            let alpha = (1 - confidence) / 2
            let ends = try CoefficientSummary.endProbabilities(method: method, alpha: alpha, jackknife: jackknife) {
                CoefficientSummary.share(below: below, ties: ties, of: count)
            }
            return (alpha, ends)
        }
        try Self.endPass(values, ranks: levels.flatMap { Quantile.type7Ranks(count: count, [0.5] + $0.ends) },
                         threads: threads, results: valueResults)
        if let pivots {
            guard standardErrorsAsked else {
                throw .invalidPlan("a studentized interval needs each replicate's standard error (plan.replicateStandardErrors)")
            }
            try CoefficientSummary.checkEstimateStandardError(estimateStandardError)
            try CoefficientSummary.checkPivots(count: pivotCount)
            try Self.endPass(pivots, ranks: levels.flatMap { Quantile.type7Ranks(count: pivotCount, [$0.alpha, 1 - $0.alpha]) },
                             threads: threads, results: pivotResults)
        }
    }

    /// Ends a later pass (`valueResults`, `pivotResults` as for `endFirstPass`).
    package func endPass(threads: Int, valueResults: (any OrderStatisticsPassResults)? = nil,
                         pivotResults: (any OrderStatisticsPassResults)? = nil) throws(TrendFitError) {
        squaresDone = true
        try Self.endPass(values, threads: threads, results: valueResults)
        if let pivots { try Self.endPass(pivots, threads: threads, results: pivotResults) }
    }

    /// Ends `statistics`' pass, with the results read elsewhere when given; a statistics needing no pass is left as it is.
    private static func endPass(_ statistics: StreamedOrderStatistics, ranks: [Int] = [], threads: Int,
                                results: (any OrderStatisticsPassResults)?) throws(TrendFitError) {
        guard statistics.needsPass else { return }
        if let results {
            try statistics.endPass(ranks: ranks, threads: threads, results: results)
        } else {
            statistics.endPass(ranks: ranks, threads: threads)
        }
    }

    /// The summaries at each level, in the coefficient's own units, once no pass is needed.
    package func summaries(method: IntervalMethod) -> [CoefficientSummary] {
        let variance = squares / (Double(count) - 1)
        return levels.map { alpha, ends in
            let probabilities = [0.5] + ends
            let quantiles = Quantile.type7(count: count, probabilities,
                                           orderStatistics: values.statistics(at: Quantile.type7Ranks(count: count, probabilities)))
            let pivotQuantiles = pivots.map { pivots in
                Quantile.type7(count: pivotCount, [alpha, 1 - alpha],
                               orderStatistics: pivots.statistics(at: Quantile.type7Ranks(count: pivotCount, [alpha, 1 - alpha])))
            } ?? []
            let summary = CoefficientSummary(estimate: estimate, count: count, mean: mean, variance: variance, method: method,
                                             alpha: alpha, ends: ends, quantiles: quantiles, pivotCount: pivotCount,
                                             pivotQuantiles: pivotQuantiles, estimateStandardError: estimateStandardError)
            return exponent == 0 ? summary : summary.scaledBack(from: exponent)
        }
    }
}
