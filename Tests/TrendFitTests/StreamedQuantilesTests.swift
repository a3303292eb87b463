import Foundation
import Testing
@testable import TrendFit
import TestSupport

/// Quantiles of values derived from every replicate of several problems, streamed in chunks of
/// resamples, against `Quantile.type7` of the same values held at once and sorted.
@Suite struct StreamedQuantilesTests {
    /// Three problems over one table of 30 rows: two continuous (different rows, streams), one on
    /// a coarse grid (tied slopes, excluded resamples).
    static func batch() throws -> ProblemBatch {
        var random = SplitMix64(state: 21)
        var x: [Double] = [], y: [Double] = [], tiedX: [Double] = [], tiedY: [Double] = []
        for _ in 0..<30 {
            let u = Double.random(in: 0...10, using: &random)
            x.append(u)
            y.append(1 + 0.3 * u + Double.random(in: -1...1, using: &random))
            let grid = Double(Int.random(in: 0...3, using: &random))
            tiedX.append(grid)
            tiedY.append(2 + grid + Double(Int.random(in: -1...1, using: &random)))
        }
        let table = try DataTable(columns: [(name: "x", values: x), (name: "y", values: y),
                                            (name: "tied x", values: tiedX), (name: "tied y", values: tiedY)])
        return try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: (0..<30).map { Int32($0) }, response: 1, regressors: [0], streamIndex: 1),
            RegressionProblem(rows: (5..<30).map { Int32($0) }, response: 1, regressors: [0], streamIndex: 2),
            RegressionProblem(rows: (0..<8).map { Int32($0) }, response: 3, regressors: [2], streamIndex: 3),
        ])
    }

    /// The streams: slopes of problem 0, of problem 2 (tied), the slope difference of problems 1
    /// and 0 over resamples where both are valid, and the zero-signed intercept of problem 2 (±0 ties).
    static func derive(_ chunk: BootstrapReplicates, _ values: inout [[Double]]) {
        values[0] = chunk.values(problem: 0, coefficient: 1)
        values[1] = chunk.values(problem: 2, coefficient: 1)
        for b in 0..<chunk.resamples where chunk.status(problem: 0, replicate: b) == .ok && chunk.status(problem: 1, replicate: b) == .ok {
            let slope = { (problem: Int) in chunk.coefficients[(problem * chunk.resamples + b) * chunk.coefficientStride + 1] }
            values[2].append(slope(1) - slope(0))
        }
        values[3] = chunk.values(problem: 2, coefficient: 1).map { $0 < 1 ? -0.0 : $0 > 1 ? 0.0 : $0 }
    }

    static let probabilities = [0.025, 0.5, 0.975, 0, 1, 0.1]

    /// Every stream's quantiles, bit for bit, with the number of values each gave.
    static func expectSame(_ backend: any RegressionBackend, resamples: Int, budget: StreamedBootstrap.Budget) throws {
        let batch = try Self.batch()
        let plan = BootstrapPlan(resamples: resamples, seed: 9, minimumDistinctRows: 6)
        var whole = Array(repeating: [Double](), count: 4)
        derive(try CPUBackend(threads: 2).bootstrap(batch, plan: plan, precision: .double), &whole)
        var firstPassResamples = 0
        let streams = try StreamedQuantiles(streams: 4, budget: budget)
            .run(on: backend, batch: batch, plan: plan, precision: .double, threads: 2) { chunk in
                firstPassResamples += chunk.resamples
            } derive: { chunk, values in
                derive(chunk, &values)
            } probabilities: { stream, count in
                #expect(count == whole[stream].count)
                return stream == 1 ? [0.5] : probabilities
            }
        #expect(firstPassResamples == resamples)
        for (s, values) in whole.enumerated() {
            let sorted = values.sorted()
            let expected = (s == 1 ? [0.5] : Self.probabilities).map { Quantile.type7(sorted, $0).bitPattern }
            #expect(streams[s].count == values.count && streams[s].quantiles.map(\.bitPattern) == expected, "stream \(s) \(budget)")
        }
        #expect(whole[1].count < resamples && Set(whole[1]).count < whole[1].count, "excluded resamples and tied slopes")
    }

    /// Chunks of 7, 333 and every resample; histograms of 2^4 to 2^20 bins; gathering one value at a time or all.
    @Test(arguments: [(7, 4, 1), (333, 8, 40), (2000, 20, 1 << 20)])
    func streamedQuantilesMatchSortedValues(budget: (perCall: Int, bits: Int, gatherLimit: Int)) throws {
        try Self.expectSame(CPUBackend(threads: 2), resamples: 2000,
                            budget: .init(replicatesPerCall: budget.perCall, histogramBits: budget.bits, gatherLimit: budget.gatherLimit))
    }

    /// The OpenCL backend draws the same chunks, so its streamed quantiles equal the CPU's sorted values.
    @Test(.requiresOpenCL, arguments: TestBackends.devices)
    func openCLChunksGiveTheSameQuantiles(on device: TestDevice) throws {
        try Self.expectSame(try TestBackends.openCL(device), resamples: 1500,
                            budget: .init(replicatesPerCall: 250, histogramBits: 8, gatherLimit: 30))
    }

    /// The limit sizes the chunks; a batch of which one resample does not fit a quarter of it is
    /// refused before any work, naming what it would hold.
    @Test func theLimitSizesChunksOrRefuses() throws {
        let batch = try Self.batch()
        let limit = try MemoryLimit(bytes: 1 << 20)
        let plan = BootstrapPlan(resamples: 2_000_000_000, seed: 1)
        let streamed = try StreamedQuantiles(batch: batch, plan: plan, streams: 4, memoryLimit: limit)
        let perResample = 3 * BootstrapReplicates.bytes(problemCount: 3, resamples: 1, coefficientStride: 2, standardErrors: false) + 4 * 8
        #expect(streamed.budget.replicatesPerCall == (1 << 18) / perResample)
        let many = try ProblemBatch(table: batch.table, problems: Array(repeating: batch.problems[0], count: 5000))
        #expect(throws: TrendFitError.memoryLimit(needed: 4 * (3 * 5000 * 25 + 8), limit: 1 << 20,
                                                  what: "one resample of 5000 problems, streamed")) {
            try StreamedQuantiles(batch: many, plan: plan, streams: 1, memoryLimit: limit)
        }
    }
}
