import Foundation

/// What a streamed bootstrap gathers of one coefficient over its passes: in the first pass the
/// count, sum, share below θ̂ and magnitudes of its valid replicates and a histogram of their
/// values (and of the studentized pivots); in later passes the sum of squared deviations and the
/// order statistics its summaries read. Everything is computed, in replicate order, on the values
/// scaled by 2^`exponent` as `CoefficientSummary` scales them, so the summaries are bitwise its own.
final class StreamedCoefficient {
    let coefficient: Int
    /// The power of two the values are multiplied by, as `CoefficientSummary` chooses it.
    let exponent: Int
    let estimate: Double
    let estimateStandardError: Double
    let jackknife: [Double]?
    /// Whether the studentized pivots are summarized too.
    let studentized: Bool

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
    private var squaresDone = false
    private var mean = 0.0
    private let values: StreamedOrderStatistics
    private let pivots: StreamedOrderStatistics?
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
    var needsPass: Bool { !squaresDone || values.needsPass || pivots?.needsPass == true }

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

    /// Ends the first pass: checks what `CoefficientSummary` checks and opens the ranks the
    /// summaries at `confidences` read.
    func endFirstPass(method: IntervalMethod, confidences: [Double], standardErrorsAsked: Bool, threads: Int) throws(TrendFitError) {
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
        values.endPass(ranks: levels.flatMap { Quantile.type7Ranks(count: count, [0.5] + $0.ends) }, threads: threads)
        if let pivots {
            guard standardErrorsAsked else {
                throw .invalidPlan("a studentized interval needs each replicate's standard error (plan.replicateStandardErrors)")
            }
            try CoefficientSummary.checkEstimateStandardError(estimateStandardError)
            try CoefficientSummary.checkPivots(count: pivotCount)
            pivots.endPass(ranks: levels.flatMap { Quantile.type7Ranks(count: pivotCount, [$0.alpha, 1 - $0.alpha]) }, threads: threads)
        }
    }

    /// Ends a later pass.
    func endPass(threads: Int) {
        squaresDone = true
        values.endPass(threads: threads)
        pivots?.endPass(threads: threads)
    }

    /// The summaries at each level, in the coefficient's own units, once no pass is needed.
    func summaries(method: IntervalMethod) -> [CoefficientSummary] {
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
