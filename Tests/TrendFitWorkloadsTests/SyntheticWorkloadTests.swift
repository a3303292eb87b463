import Testing
import TrendFit
import TrendFitWorkloads

/// The seeded workload generator and the per-resample operation counts.
@Suite struct SyntheticWorkloadTests {
    @Test func sameSeedGivesTheSameBatch() throws {
        let workload = SyntheticWorkload(rowsPerProblem: 30, coefficientCount: 4, problemCount: 3, seed: 42)
        let first = try workload.makeBatch()
        let second = try workload.makeBatch()
        #expect(first.table == second.table)
        #expect(first.problems == second.problems)
        var other = workload
        other.seed = 43
        #expect(try other.makeBatch().table != first.table)
    }

    @Test func shapeMatchesTheRequest() throws {
        let batch = try SyntheticWorkload(rowsPerProblem: 50, coefficientCount: 3, problemCount: 4).makeBatch()
        #expect(batch.table.rowCount == 200)
        #expect(batch.table.columnNames == ["x0", "x1", "y"])
        #expect(batch.problems.count == 4)
        #expect(batch.problems[2].rows == (100..<150).map { Int32($0) })
        #expect(batch.problems.allSatisfy { $0.coefficientCount == 3 && $0.hasIntercept && $0.weights == nil })
        let dates = batch.table.column(0)
        #expect(dates.allSatisfy { (1985..<2045).contains($0) })
    }

    @Test func fitRecoversTheGeneratingSlope() throws {
        let batch = try SyntheticWorkload(rowsPerProblem: 1000, coefficientCount: 2).makeBatch()
        let fit = try CPUBackend().fit(batch, precision: .double)[0]
        #expect(abs(fit.coefficients[1] - 0.3) < 5 * fit.standardErrors[1])
    }

    @Test func invalidShapesAreRejected() {
        #expect(throws: WorkloadError.coefficientCount(1)) { try SyntheticWorkload(rowsPerProblem: 10, coefficientCount: 1).validate() }
        #expect(throws: WorkloadError.tooFewRows(rows: 4, coefficients: 4)) {
            try SyntheticWorkload(rowsPerProblem: 4, coefficientCount: 4).validate()
        }
        #expect(throws: WorkloadError.problemCount(0, rows: 10)) {
            try SyntheticWorkload(rowsPerProblem: 10, coefficientCount: 2, problemCount: 0).validate()
        }
    }

    @Test func operationCountsOfATinyCase() {
        // n = 5, q = 1 (w = 2), cases, no jitter: ⌈5/4⌉ = 2 blocks, 5 gathered rows,
        // per row w² + 2w + 2 = 10 flops; solve: equilibration 2, scaling 4, Cholesky 2,
        // back-substitution 1, unscaling 1, means 2, centring 6, intercept 4 = 22.
        let cases = ResampleCost(rows: 5, regressors: 1, hasIntercept: true, weighted: false, scheme: .cases, jitter: false)
        #expect([cases.philoxBlocks, cases.rowsDrawn, cases.gatheredReads, cases.flops] == [2, 5, 5, 5 * 10 + 22])
        // Wild with jitter: one sign block plus 2 jitter blocks, no gathers, 1 + 4 more flops per row.
        let wild = ResampleCost(rows: 5, regressors: 1, hasIntercept: true, weighted: false, scheme: .wild, jitter: true)
        #expect([wild.philoxBlocks, wild.rowsDrawn, wild.gatheredReads, wild.flops] == [3, 5, 0, 5 * 15 + 22])
        // q = 2 without intercept, weighted residuals: per row 9 + 6 + 2 + 3 + 1 = 21; solve: 4 + 10 + (1·3 + 3·2) + 4 + 2 = 29.
        let weighted = ResampleCost(rows: 8, regressors: 2, hasIntercept: false, weighted: true, scheme: .residuals, jitter: false)
        #expect(weighted.flops == 8 * 21 + 29)
    }
}
