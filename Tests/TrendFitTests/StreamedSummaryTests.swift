import Foundation
import Testing
@testable import TrendFit
import TestSupport

/// Summaries formed from replicates read in streamed passes against those formed from every
/// replicate at once: bitwise equal, whatever the chunk size, histogram and gather limit.
@Suite struct StreamedSummaryTests {
    /// Order statistics found over passes in `chunk`-value reads, with histograms of 2^`bits` bins
    /// and at most `gatherLimit` values gathered.
    static func streamed(_ values: [Double], ranks: [Int], bits: Int, gatherLimit: Int, chunk: Int) -> (statistics: [Double], passes: Int) {
        let selection = StreamedOrderStatistics(histogramBits: bits, gatherLimit: gatherLimit)
        var passes = 0
        repeat {
            for start in stride(from: 0, to: values.count, by: chunk) {
                values[start..<min(values.count, start + chunk)].withUnsafeBufferPointer(selection.add)
            }
            selection.endPass(ranks: passes == 0 ? ranks : [], threads: 1)
            passes += 1
        } while selection.needsPass
        return (selection.statistics(at: ranks), passes)
    }

    /// Every shape of `SelectedSummaryTests` (ties, signed zeros, magnitudes from 1e-300 to 1e300),
    /// with ranges narrowed down to single keys (gather limit 1) or gathered at once.
    @Test(arguments: SelectedSummaryTests.Shape.allCases, [(4, 1, 7), (8, 16, 100), (12, 1000, 1), (20, 1 << 20, 4096)])
    func orderStatisticsMatchSelection(shape: SelectedSummaryTests.Shape, setting: (bits: Int, gatherLimit: Int, chunk: Int)) {
        for (seed, count) in [(UInt64(1), 1), (2, 2), (3, 17), (4, 1001), (5, 3000)] {
            let values = SelectedSummaryTests.values(shape, count: count, seed: seed)
            let ranks = Quantile.type7Ranks(count: count, SelectedSummaryTests.probabilities)
            let found = Self.streamed(values, ranks: ranks, bits: setting.bits, gatherLimit: setting.gatherLimit, chunk: setting.chunk)
            let expected = OrderStatistics.select(values, ranks: ranks, threads: 1)
            #expect(SelectedSummaryTests.sameBits(found.statistics, expected), "\(shape) \(count) \(setting)")
        }
    }

    /// Zeros of both signs on one key: the zero at a rank is the one the stable sort puts there,
    /// read in a pass of its own once the range is a single key.
    @Test func zerosOnOneKeyKeepTheirSigns() {
        var random = SplitMix64(state: 9)
        let values = (0..<4000).map { _ in [0.0, -0.0, 0.0, 1.0, -1.0][Int.random(in: 0..<5, using: &random)] }
        let ranks = Array(stride(from: 0, to: values.count, by: 37)) + [values.count - 1]
        let found = Self.streamed(values, ranks: ranks, bits: 16, gatherLimit: 10, chunk: 333)
        let sorted = values.sorted()
        #expect(SelectedSummaryTests.sameBits(found.statistics, ranks.map { sorted[$0] }))
        #expect(found.passes > 4, "64 key bits in 16-bit steps, then the signs")
    }

    /// A one-problem batch: `rows` rows of (x, y) from `seed`; with `tied`, x and y on a coarse
    /// grid (many tied replicates, and excluded resamples with too few distinct rows); `scale` multiplies y.
    static func batch(rows: Int, seed: UInt64, tied: Bool, scale: Double = 1) throws -> ProblemBatch {
        var random = SplitMix64(state: seed)
        var x: [Double] = [], y: [Double] = [], z: [Double] = []
        for _ in 0..<rows {
            let u = tied ? Double(Int.random(in: 0...3, using: &random)) : Double.random(in: 0...10, using: &random)
            let noise = tied ? Double(Int.random(in: -1...1, using: &random)) : Double.random(in: -1...1, using: &random)
            x.append(u)
            z.append(Double.random(in: -1...1, using: &random))
            y.append((2 + 0.5 * u + noise) * scale)
        }
        let table = try DataTable(columns: [(name: "x", values: x), (name: "z", values: z), (name: "y", values: y)])
        let regressors = tied ? [0] : [0, 1]
        return try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<Int32(rows)).map { $0 }, response: 2,
                                                                          regressors: regressors)])
    }

    /// What `trendfit bootstrap` forms from every replicate held at once.
    static func stored(_ backend: any RegressionBackend, _ batch: ProblemBatch, plan: BootstrapPlan, fit: FitResult,
                       method: IntervalMethod, confidences: [Double], jackknife: [[Double]]?) throws -> [[CoefficientSummary]] {
        let replicates = try backend.bootstrap(batch, plan: plan, precision: .double)
        return try fit.coefficients.indices.map { j in
            try confidences.map { level in
                try CoefficientSummary(estimate: fit.coefficients[j], replicates: replicates.values(problem: 0, coefficient: j),
                                       method: method, confidence: level, jackknife: jackknife?[j],
                                       replicateStandardErrors: replicates.standardErrorValues(problem: 0, coefficient: j),
                                       estimateStandardError: fit.standardErrors[j], threads: 2)
            }
        }
    }

    static func bits(_ summary: CoefficientSummary) -> [UInt64] {
        [summary.estimate, summary.median, summary.standardError, summary.lower, summary.upper].map(\.bitPattern)
            + [UInt64(summary.replicateCount), summary.usesExtremeOrderStatistics ? 1 : 0]
    }

    /// Every interval, on continuous and tied replicates, in chunks of 7, 333 and all resamples,
    /// with coarse and fine histograms, against the stored path.
    @Test(arguments: IntervalMethod.allCases, [(7, 12, 40), (333, 8, 50), (2500, 20, 1 << 20)])
    func streamedSummariesMatchStoredOnes(method: IntervalMethod, budget: (perCall: Int, bits: Int, gatherLimit: Int)) throws {
        let backend = CPUBackend(threads: 2)
        for (tied, rows) in [(false, 40), (true, 12)] {
            let batch = try Self.batch(rows: rows, seed: 3, tied: tied)
            let passes = try Self.expectSameSummaries(backend, batch, method: method, resamples: 2500,
                                                      budget: .init(replicatesPerCall: budget.perCall, histogramBits: budget.bits,
                                                                    gatherLimit: budget.gatherLimit))
            if budget.gatherLimit >= 2500 { #expect(passes == 2, "bins over the first chunk's range: one pass to count, one to gather") }
        }
    }

    /// Responses near 1e200: the replicates lie beyond 2^128, so the first pass is run again at
    /// the power-of-two scale it finds, as `CoefficientSummary` scales.
    @Test func hugeReplicatesAreSummarizedAtTheirScale() throws {
        let batch = try Self.batch(rows: 30, seed: 4, tied: false, scale: 1e200)
        for method in [IntervalMethod.percentile, .bca, .studentized] {
            let passes = try Self.expectSameSummaries(CPUBackend(threads: 2), batch, method: method, resamples: 1500,
                                                      budget: .init(replicatesPerCall: 400, histogramBits: 10, gatherLimit: 200))
            #expect(passes >= 3, "a first pass at scale 1, again at the replicates' scale, then at least one more")
        }
    }

    /// The OpenCL backend draws the same chunks, so its streamed summaries equal the CPU's stored ones.
    @Test func openCLChunksGiveTheSameSummaries() throws {
        guard let openCL = TestBackends.openCL() else { return }
        let batch = try Self.batch(rows: 40, seed: 5, tied: false)
        let plan = BootstrapPlan(resamples: 3000, seed: 11)
        let fit = try CPUBackend().fit(batch, precision: .double)[0]
        let expected = try Self.stored(CPUBackend(), batch, plan: plan, fit: fit, method: .percentile, confidences: [0.95], jackknife: nil)
        let streamed = try StreamedBootstrap.summarize(on: openCL, batch: batch, plan: plan, precision: .double,
                                                       estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                                       method: .percentile, confidences: [0.95], jackknife: nil,
                                                       budget: .init(replicatesPerCall: 700, histogramBits: 8, gatherLimit: 100),
                                                       threads: 2, chunk: { _, _ in }, progress: { _, _ in })
        #expect(streamed.summaries.map { $0.map(Self.bits) } == expected.map { $0.map(Self.bits) })
    }

    /// Streams `batch`'s bootstrap under `budget` and expects the stored path's summaries at two
    /// levels, bit for bit, and the same excluded counts; returns the passes drawn.
    @discardableResult
    static func expectSameSummaries(_ backend: any RegressionBackend, _ batch: ProblemBatch, method: IntervalMethod,
                                    resamples: Int, budget: StreamedBootstrap.Budget) throws -> Int {
        let plan = BootstrapPlan(resamples: resamples, seed: 7, replicateStandardErrors: method.needsReplicateStandardErrors)
        let fit = try backend.fit(batch, precision: .double)[0]
        let jackknife = method == .bca
            ? try Jackknife.estimates(of: batch.problems[0], table: batch.table, on: backend, precision: .double, problemsPerBatch: 5)
            : nil
        let confidences = [0.95, 0.8]
        let expected = try stored(backend, batch, plan: plan, fit: fit, method: method, confidences: confidences, jackknife: jackknife)
        var chunks: [Int] = []
        let streamed = try StreamedBootstrap.summarize(on: backend, batch: batch, plan: plan, precision: .double,
                                                       estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                                       method: method, confidences: confidences, jackknife: jackknife,
                                                       budget: budget, threads: 2, chunk: { _, done in chunks.append(done) },
                                                       progress: { _, _ in })
        #expect(streamed.summaries.map { $0.map(bits) } == expected.map { $0.map(bits) }, "\(method)")
        let replicates = try backend.bootstrap(batch, plan: plan, precision: .double)
        #expect(streamed.excluded.values.reduce(0, +) == replicates.excludedCount(problem: 0))
        #expect(chunks == Array(stride(from: 0, to: resamples, by: budget.replicatesPerCall)), "each chunk of the first pass once")
        return streamed.passes
    }

    /// The leave-one-out estimates fitted in batches of 1, 7 and 64 problems equal those of one
    /// batch of all n, on both backends.
    @Test func jackknifeInBatchesEqualsOneBatch() throws {
        let batch = try Self.batch(rows: 150, seed: 6, tied: false)
        let problem = batch.problems[0]
        for backend in TestBackends.all().map(\.backend) {
            let whole = try backend.fit(Jackknife.leaveOneOutBatch(of: problem, table: batch.table, omitting: 0..<150), precision: .double)
            let expected = (0..<problem.coefficientCount).map { j in whole.filter { $0.status == .ok }.map { $0.coefficients[j] } }
            #expect(expected[0].count == 150)
            for perBatch in [1, 7, 64] {
                let estimates = try Jackknife.estimates(of: problem, table: batch.table, on: backend, precision: .double,
                                                        problemsPerBatch: perBatch)
                #expect(estimates.map { $0.map(\.bitPattern) } == expected.map { $0.map(\.bitPattern) }, "\(backend.name) \(perBatch)")
            }
        }
    }

    /// A limit of a few megabytes fits a small bootstrap's replicates, not a billion of them, and
    /// the jackknife's batches shrink as n grows.
    @Test func memoryLimitDecidesStorage() throws {
        let batch = try Self.batch(rows: 40, seed: 3, tied: false)
        let limit = try MemoryLimit(bytes: 4 << 20)
        #expect(StreamedBootstrap.fitsInMemory(batch, plan: BootstrapPlan(resamples: 10_000, seed: 1), within: limit))
        #expect(!StreamedBootstrap.fitsInMemory(batch, plan: BootstrapPlan(resamples: 2_000_000_000, seed: 1), within: limit))
        #expect(throws: TrendFitError.memoryLimit(needed: 2_000_000_000 * 33, limit: 4 << 20, what: "2000000000 resamples of 1 problem")) {
            try BootstrapReplicates.checkFits(batch, plan: BootstrapPlan(resamples: 2_000_000_000, seed: 1), within: limit)
        }
        #expect(Jackknife.problemsPerBatch(rows: 50_000, memoryLimit: limit) == 2)
        #expect(Jackknife.problemsPerBatch(rows: 100, memoryLimit: limit) == 992)
        #expect(try MemoryLimit(parsing: "1.5G").bytes == 3 << 29)
        #expect(try MemoryLimit(parsing: "512MiB").bytes == 512 << 20)
        #expect(throws: TrendFitError.self) { try MemoryLimit(parsing: "12") }
        #expect(throws: TrendFitError.self) { try MemoryLimit(parsing: "lots") }
    }
}
