import TrendFit

/// The comparisons' estimates from replicates streamed in passes (`StreamedQuantiles`), when the
/// batch's replicates exceed the memory limit: each comparison has two streams, the replicate
/// slope changes and the doubling-time ratios, in replicate order as `estimated` pairs them.
extension ComparisonProblems {
    /// What the first pass counts of one comparison's replicate pairs.
    struct PairCounts {
        /// Pairs with both fits valid.
        var pairs = 0
        /// Valid pairs with a doubling-time ratio.
        var ratios = 0
        /// Slope changes ≤ 0 and ≥ 0.
        var atMostZero = 0
        var atLeastZero = 0
    }

    /// Calls `body` with the slope change and ratio of each valid replicate pair of the problems
    /// `first` and `first + 1` of `chunk`, in replicate order.
    static func forEachPair(in chunk: BootstrapReplicates, first: Int, _ body: (_ change: Double, _ ratio: Double?) -> Void) {
        let stride = chunk.coefficientStride
        for b in 0..<chunk.resamples
        where chunk.status(problem: first, replicate: b) == .ok && chunk.status(problem: first + 1, replicate: b) == .ok {
            let pair = TrendComparison.replicatePair(
                first: chunk.coefficients[(first * chunk.resamples + b) * stride + 1],
                second: chunk.coefficients[((first + 1) * chunk.resamples + b) * stride + 1])
            body(pair.change, pair.ratio)
        }
    }

    /// Counts the pairs of one chunk into `counts` (one per element of `pairs`).
    func count(_ chunk: BootstrapReplicates, into counts: inout [PairCounts]) {
        for (index, pair) in pairs.enumerated() {
            Self.forEachPair(in: chunk, first: pair.firstProblem) { change, ratio in
                counts[index].pairs += 1
                counts[index].ratios += ratio == nil ? 0 : 1
                counts[index].atMostZero += change <= 0 ? 1 : 0
                counts[index].atLeastZero += change >= 0 ? 1 : 0
            }
        }
    }

    /// Appends each comparison's changes and ratios of one chunk to `values` from `firstStream` on (two streams each).
    func derive(_ chunk: BootstrapReplicates, firstStream: Int, into values: inout [[Double]]) {
        for (index, pair) in pairs.enumerated() {
            Self.forEachPair(in: chunk, first: pair.firstProblem) { change, ratio in
                values[firstStream + 2 * index].append(change)
                if let ratio { values[firstStream + 2 * index + 1].append(ratio) }
            }
        }
    }

    /// The probabilities stream `stream` (counted from the comparisons' first) is summarized at:
    /// the percentile interval of the changes, and of the ratios when their interval is defined.
    static func probabilities(stream: Int, counts: [PairCounts], confidence: Double) -> [Double] {
        let counts = counts[stream / 2]
        guard stream % 2 == 0 || TrendComparison.ratioIntervalDefined(ratios: counts.ratios, pairs: counts.pairs,
                                                                       confidence: confidence) else { return [] }
        return QuantileInterval.probabilities(confidence: confidence)
    }

    /// The comparisons with their estimates from the batch's `fits`, the first pass's `counts` and
    /// the quantiles of their streams (two per comparison, in the order of `pairs`) of `resamples` resamples.
    func estimated(fits: [FitResult], counts: [PairCounts], streams: ArraySlice<StreamedQuantiles.Stream>,
                   resamples: Int) -> [TrendComparison] {
        estimated(fits: fits) { index, first in
            let changes = streams[streams.startIndex + 2 * index], ratios = streams[streams.startIndex + 2 * index + 1]
            let count = counts[index]
            return TrendComparison.estimate(
                firstSlope: fits[first].coefficients[1], secondSlope: fits[first + 1].coefficients[1],
                slopeChangeInterval: changes.quantiles.isEmpty ? nil : QuantileInterval(quantiles: changes.quantiles),
                doublingRatioInterval: ratios.quantiles.isEmpty ? nil : QuantileInterval(quantiles: ratios.quantiles),
                pValue: TrendComparison.pValue(atMostZero: count.atMostZero, atLeastZero: count.atLeastZero, count: count.pairs),
                pairs: count.pairs, ratios: count.ratios, resamples: resamples)
        }
    }
}
