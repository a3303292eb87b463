import Testing
import TestSupport
@testable import TrendFit

/// Summaries formed from stored replicates several levels and coefficients at once
/// (`BootstrapReplicates.summaries(problem:…)`, `CoefficientSummary.summaries`): bitwise the
/// summaries `CoefficientSummary.init` forms one level and one coefficient at a time.
@Suite struct StoredSummaryTests {
    static let levels = [0.95, 0.5, 0.9, 0.99]

    /// Every field, to the bit.
    static func sameBits(_ a: CoefficientSummary, _ b: CoefficientSummary) -> Bool {
        [a.estimate, a.median, a.standardError, a.lower, a.upper].map(\.bitPattern)
            == [b.estimate, b.median, b.standardError, b.lower, b.upper].map(\.bitPattern)
            && a.replicateCount == b.replicateCount && a.usesExtremeOrderStatistics == b.usesExtremeOrderStatistics
    }

    /// Replicates of two problems with excluded ones among them, summarized per problem on one
    /// and on two threads, against per-coefficient, per-level summaries of `values(problem:coefficient:)`.
    @Test(arguments: IntervalMethod.allCases, [1, 2])
    func problemSummariesEqualOneLevelAtATime(method: IntervalMethod, threads: Int) throws {
        // Tied regressor values in small problems: some case resamples are degenerate and excluded.
        let batch = try RandomBatches.make(rowCount: 120, regressorCount: 2, problemCount: 3, rowsPerProblem: 6...12,
                                           weighted: true, tiedValues: 4, seed: 23)
        let plan = BootstrapPlan(resamples: 3000, seed: 41, replicateStandardErrors: method.needsReplicateStandardErrors)
        let backend = CPUBackend()
        let fits = try backend.fit(batch, precision: .double)
        let replicates = try backend.bootstrap(batch, plan: plan, precision: .double)
        #expect(replicates.statuses.contains { $0 != 0 } && replicates.statuses.contains(0), "both valid and excluded replicates")
        #expect(fits.filter { $0.status == .ok }.count >= 2, "problems to summarize")
        let jackknife = [[2.9, 3.0, 3.4, 3.1], [0.25, 0.31, 0.3, 0.28], [0.2, 0.35, 0.3, 0.33]]
        for (problem, fit) in fits.enumerated() where fit.status == .ok {
            let summaries = try replicates.summaries(problem: problem, estimates: fit.coefficients,
                                                     estimateStandardErrors: fit.standardErrors, method: method,
                                                     confidences: Self.levels, jackknife: jackknife, threads: threads)
            #expect(summaries.count == fit.coefficients.count)
            for (j, estimate) in fit.coefficients.enumerated() {
                for (level, confidence) in Self.levels.enumerated() {
                    let one = try CoefficientSummary(
                        estimate: estimate, replicates: replicates.values(problem: problem, coefficient: j), method: method,
                        confidence: confidence, jackknife: jackknife[j],
                        replicateStandardErrors: replicates.standardErrorValues(problem: problem, coefficient: j),
                        estimateStandardError: fit.standardErrors[j], threads: 1)
                    #expect(Self.sameBits(summaries[j][level], one), "\(method) problem \(problem) coefficient \(j) level \(confidence)")
                }
            }
        }
    }

    /// Above the bracketing threshold, and with magnitudes beyond 2^±128 (summarized at a scale):
    /// all levels from one selection equal each level formed alone.
    @Test(arguments: [1.0, 1e300, 1e-300])
    func levelsTogetherEqualEachLevelAlone(scale: Double) throws {
        var random = SplitMix64(state: 5)
        let replicates = (0..<150_001).map { _ in Double.random(in: -1...3, using: &random) * scale }
        let errors = replicates.map { _ in Double.random(in: 0.5...2, using: &random) * scale }
        for method in IntervalMethod.allCases {
            let together = try CoefficientSummary.summaries(estimate: 0.9 * scale, replicates: replicates, method: method,
                                                            confidences: Self.levels, jackknife: [0.8, 1, 1.1, 0.95].map { $0 * scale },
                                                            replicateStandardErrors: errors, estimateStandardError: 0.3 * scale,
                                                            threads: 2)
            for (level, confidence) in Self.levels.enumerated() {
                let alone = try CoefficientSummary(estimate: 0.9 * scale, replicates: replicates, method: method, confidence: confidence,
                                                   jackknife: [0.8, 1, 1.1, 0.95].map { $0 * scale }, replicateStandardErrors: errors,
                                                   estimateStandardError: 0.3 * scale, threads: 1)
                #expect(Self.sameBits(together[level], alone), "\(method) scale \(scale) level \(confidence)")
            }
        }
    }

    /// Replicates stored with a coefficient stride of 1 to 3, above the bracketing threshold, with
    /// ties and signed zeros at the median: summarized in place (every replicate valid) and after
    /// gathering (a few excluded), bitwise the summaries of the gathered `values(problem:coefficient:)`.
    @Test(arguments: [1, 2, 3], [false, true])
    func inPlaceSummariesEqualGathered(stride: Int, excluded: Bool) throws {
        let resamples = OrderStatistics.bracketingThreshold + 9_000
        var random = SplitMix64(state: UInt64(stride))
        var replicates = BootstrapReplicates(problemCount: 2, resamples: resamples, coefficientStride: stride, standardErrors: true)
        for index in replicates.coefficients.indices {
            let kind = Int.random(in: 0..<5, using: &random)
            replicates.coefficients[index] = [0.0, -0.0, 0.25, -0.25, Double.random(in: -1...1, using: &random)][kind]
            replicates.standardErrors[index] = Double.random(in: 0.5...2, using: &random)
        }
        if excluded {
            for b in Swift.stride(from: resamples + 3, to: 2 * resamples, by: 1_000) {
                replicates.statuses[b] = ReplicateStatus.rankDeficient.rawValue
            }
        }
        let estimates = Array(repeating: 0.25, count: stride)
        let errors = Array(repeating: 0.3, count: stride)
        let jackknife = Array(repeating: [0.2, 0.25, 0.3, 0.24], count: stride)
        for method in IntervalMethod.allCases {
            for problem in 0..<2 {
                let summaries = try replicates.summaries(problem: problem, estimates: estimates, estimateStandardErrors: errors,
                                                         method: method, confidences: Self.levels, jackknife: jackknife,
                                                         threads: 2)
                for j in 0..<stride {
                    let gathered = try CoefficientSummary.summaries(
                        estimate: 0.25, replicates: replicates.values(problem: problem, coefficient: j), method: method,
                        confidences: Self.levels, jackknife: jackknife[j],
                        replicateStandardErrors: replicates.standardErrorValues(problem: problem, coefficient: j),
                        estimateStandardError: 0.3, threads: 2)
                    #expect(gathered.count == Self.levels.count)
                    for (level, summary) in gathered.enumerated() {
                        #expect(Self.sameBits(summaries[j][level], summary), "\(method) problem \(problem) coefficient \(j) level \(level)")
                    }
                }
            }
        }
    }
}
