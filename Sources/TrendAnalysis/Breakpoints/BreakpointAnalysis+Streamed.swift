import TrendFit

/// A breakpoint search whose replicates exceed the memory limit: every candidate problem of every
/// subset goes into one batch, whose replicates are drawn again in chunks of resamples, pass after
/// pass (`StreamedQuantiles`). Each chunk gives every replicate's best break with all its
/// candidates at hand, so the break dates, slopes and candidate shares are those of the stored
/// search, bitwise.
extension BreakpointAnalysis {
    /// A streamed search's batch of every candidate problem, which subset and candidate each is,
    /// and its passes.
    struct StreamingPlan {
        var batch: ProblemBatch
        var owners: [(series: Int, candidate: Int)]
        var passes: StreamedQuantiles
    }

    /// Coefficients of a candidate problem: intercept, slope and hinge.
    static let candidateCoefficients = 3

    /// The streamed search the memory limit calls for, nil when the stored one fits it: the best
    /// break per replicate of every subset with candidates (four 8-byte values) and the replicates
    /// of its largest chunk of candidates. A search too large to stream is refused before any work.
    func streamingPlan(_ series: [Series], chunkSize: Int, years: [Double], logs: [Double],
                       candidateYears: [Double]) throws -> StreamingPlan? {
        let bootstrap = settings.bootstrap
        let largestChunk = stride(from: 0, to: settings.candidates.count, by: chunkSize).map { low in
            let chunk = low..<min(low + chunkSize, settings.candidates.count)
            return series.reduce(0) { total, subset in total + subset.valid.count { chunk.contains($0) } }
        }.max() ?? 0
        let replicates = BootstrapReplicates.bytes(problemCount: largestChunk, resamples: bootstrap.resamples,
                                                   coefficientStride: Self.candidateCoefficients,
                                                   standardErrors: bootstrap.plan.replicateStandardErrors)
        let (bests, bestsOverflow) = (series.count { !$0.valid.isEmpty } * 4 * MemoryLayout<Double>.stride).multipliedReportingOverflow(by: bootstrap.resamples)
        let (needed, overflow) = replicates.addingReportingOverflow(bests)
        guard overflow || bestsOverflow || needed > bootstrap.memoryLimit.bytes,
              let (batch, owners) = try candidateBatch(series, candidates: 0..<settings.candidates.count, years: years,
                                                       logs: logs, candidateYears: candidateYears) else { return nil }
        return StreamingPlan(batch: batch, owners: owners,
                             passes: try StreamedQuantiles(batch: batch, plan: bootstrap.plan, streams: 3 * series.count,
                                                           memoryLimit: bootstrap.memoryLimit))
    }

    /// The search with the replicates streamed under `streaming`: per subset three streams, the
    /// best break's day, the slope before it and the slope after it, of every replicate with a break.
    func streamedSearch(_ series: [Series], _ streaming: StreamingPlan, backend: any RegressionBackend,
                        precision: Precision) throws -> Search {
        let batchFits = try backend.fit(streaming.batch, precision: precision)
        var fits: [[FitResult?]] = series.map { _ in Array(repeating: nil, count: settings.candidates.count) }
        var problems: [[(problem: Int, candidate: Int)]] = series.map { _ in [] }
        for (k, owner) in streaming.owners.enumerated() {
            fits[owner.series][owner.candidate] = batchFits[k]
            problems[owner.series].append((k, owner.candidate))
        }
        var shares: [[Int: Int]] = series.map { _ in [:] }
        let confidences = settings.bootstrap.confidences
        let probabilities = confidences.flatMap(QuantileInterval.probabilities(confidence:))
        let streams = try streaming.passes.run(on: backend, batch: streaming.batch,
                                               plan: settings.bootstrap.planWithResidualSums, precision: precision) { chunk in
            for s in series.indices {
                Self.forEachBest(in: chunk, problems: problems[s]) { candidate, _ in shares[s][candidate, default: 0] += 1 }
            }
        } derive: { chunk, values in
            for s in series.indices {
                Self.forEachBest(in: chunk, problems: problems[s]) { candidate, slopes in
                    values[3 * s].append(settings.candidates[candidate].daysSinceEpoch)
                    values[3 * s + 1].append(slopes.before)
                    values[3 * s + 2].append(slopes.after)
                }
            }
        } probabilities: { _, _ in probabilities }
        let summaries = series.indices.map { s in
            let count = streams[3 * s].count
            let levels = confidences.indices.map { level in
                func interval(_ stream: Int) -> QuantileInterval? {
                    count == 0 ? nil : QuantileInterval(quantiles: Array(streams[stream].quantiles[(3 * level)..<(3 * level + 3)]))
                }
                return BreakpointLevelIntervals(confidence: confidences[level], count: count, breakDays: interval(3 * s),
                                                slopeBefore: interval(3 * s + 1), slopeAfter: interval(3 * s + 2))
            }
            return ReplicateSummary(shares: shares[s], chosen: count, levels: levels)
        }
        return Search(fits: fits, summaries: summaries)
    }

    /// Calls `body` with the best break (candidate and slopes) of each replicate of `chunk` that has
    /// one, in replicate order, among `problems` (one subset's, by ascending candidate).
    static func forEachBest(in chunk: BootstrapReplicates, problems: [(problem: Int, candidate: Int)],
                            _ body: (_ candidate: Int, _ slopes: (before: Double, after: Double)) -> Void) {
        for b in 0..<chunk.resamples {
            var (best, bestCandidate, bestProblem) = (Double.infinity, -1, -1)
            for (k, candidate) in problems where chunk.status(problem: k, replicate: b) == .ok {
                let rss = chunk.residualSumsOfSquares[k * chunk.resamples + b]
                guard improves(rss: rss, candidate: candidate, best: best, bestCandidate: bestCandidate) else { continue }
                (best, bestCandidate, bestProblem) = (rss, candidate, k)
            }
            if bestCandidate >= 0 { body(bestCandidate, slopes(chunk, problem: bestProblem, replicate: b)) }
        }
    }
}
