import TrendFit

/// Trends whose replicates exceed the memory limit: the replicates of every problem of the batch are
/// drawn again in chunks of resamples, pass after pass (`StreamedQuantiles`), and each summary is
/// formed as the stored path forms it from all replicates at once, bitwise.
extension TrendEstimator {
    /// What the streamed passes give: per row problem the slope intervals at each level and the
    /// resample counts, and the comparisons with their estimates.
    struct StreamedSummaries {
        var levelIntervals: [[LevelInterval]]
        var validResamples: [Int]
        var excludedResamples: [Int]
        var comparisons: [TrendComparison]
    }

    /// The streamed passes `batch` needs, nil when its replicates fit the memory limit at once; refuses,
    /// before any work, a batch too large to stream, or to hold when `keepsReplicates`.
    func streamingPlan(_ batch: ProblemBatch, rows: Int, paired: ComparisonProblems) throws(TrendFitError) -> StreamedQuantiles? {
        do {
            try BootstrapReplicates.checkFits(batch, plan: bootstrap.plan, within: bootstrap.memoryLimit)
            return nil
        } catch where !keepsReplicates {
            return try StreamedQuantiles(batch: batch, plan: bootstrap.plan, streams: rows + 2 * paired.pairs.count,
                                         memoryLimit: bootstrap.memoryLimit)
        }
    }

    /// The summaries of the batch's first `rows` problems (one slope stream each) and of `paired`'s
    /// comparisons (two streams each), from the replicates streamed under `plan`.
    func streamedSummaries(_ batch: ProblemBatch, plan streaming: StreamedQuantiles, fits: [FitResult], rows: Int,
                           paired: ComparisonProblems) throws -> StreamedSummaries {
        var excluded = Array(repeating: 0, count: rows)
        var pairCounts = Array(repeating: ComparisonProblems.PairCounts(), count: paired.pairs.count)
        let levels = bootstrap.confidences.map(QuantileInterval.probabilities(confidence:))
        let streams = try streaming.run(on: backend, batch: batch, plan: bootstrap.plan, precision: precision) { chunk in
            for problem in 0..<rows { excluded[problem] += chunk.excludedCount(problem: problem) }
            paired.count(chunk, into: &pairCounts)
        } derive: { chunk, values in
            for problem in 0..<rows { values[problem] = chunk.values(problem: problem, coefficient: 1) }
            paired.derive(chunk, firstStream: rows, into: &values)
        } probabilities: { stream, _ in
            stream < rows ? levels.flatMap { $0 }
                : ComparisonProblems.probabilities(stream: stream - rows, counts: pairCounts, confidence: bootstrap.confidence)
        }
        let levelIntervals = streams[..<rows].map { slopes in
            slopes.count == 0 ? [] : bootstrap.confidences.enumerated().map { index, confidence in
                LevelInterval(slope: QuantileInterval(quantiles: Array(slopes.quantiles[(3 * index)..<(3 * index + 3)])),
                              count: slopes.count, confidence: confidence, conventions: conventions)
            }
        }
        return StreamedSummaries(
            levelIntervals: levelIntervals, validResamples: streams[..<rows].map(\.count), excludedResamples: excluded,
            comparisons: paired.estimated(fits: fits, counts: pairCounts, streams: streams[rows...],
                                          resamples: bootstrap.resamples))
    }
}
