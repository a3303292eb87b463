import Testing
import TrendFit

/// Each case replicate's standard errors equal those of a QR fit of the rows its stream draws
/// (an independent solve: Givens QR and its inverse factor, not the replicate's Cholesky).
@Suite struct ReplicateStandardErrorTests {
    @Test(arguments: [(1, false), (1, true), (3, false), (3, true)])
    func caseReplicateErrorsEqualQRFitOfTheDrawnRows(regressors: Int, weighted: Bool) throws {
        let batch = try RandomBatches.make(rowCount: 200, regressorCount: regressors, problemCount: 3, rowsPerProblem: 12...60,
                                           weighted: weighted, seed: UInt64(regressors + 10))
        let plan = BootstrapPlan(resamples: 12, seed: 4321, replicateStandardErrors: true)
        for backend in TestBackends.all() {
            let replicates = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
            var compared = 0
            for (k, problem) in batch.problems.enumerated() {
                for b in 0..<plan.resamples {
                    let stream = ReplicateStream(seed: plan.seed, problem: k, replicate: b)
                    var resample = problem
                    resample.rows = (0..<problem.rows.count).map { t in
                        problem.rows[ReplicateStream.index(ReplicateStream.word(stream.block(t / 4, purpose: .rowIndex), t),
                                                           count: UInt32(problem.rows.count))]
                    }
                    let fit = try CPUBackend().fit(ProblemBatch(table: batch.table, problems: [resample]), precision: .double)[0]
                    guard fit.status == .ok, replicates.status(problem: k, replicate: b) == .ok else { continue }
                    for j in 0..<problem.coefficientCount {
                        let value = replicates.standardErrors[(k * plan.resamples + b) * batch.coefficientStride + j]
                        #expect(abs(value - fit.standardErrors[j]) <= 1e-9 * fit.standardErrors[j],
                                "\(backend.backend.name) problem \(k) replicate \(b) coefficient \(j): \(value) vs QR \(fit.standardErrors[j])")
                    }
                    compared += 1
                }
            }
            #expect(compared > 20)
        }
    }

    @Test func replicatesWithoutResidualDegreesOfFreedomHaveZeroErrors() throws {
        // Row 3 has weight 0: a resample's residual df are its drawn rows of positive weight minus 2.
        let table = try DataTable(columns: [("x", [2000, 2001, 2003, 2004]), ("y", [1, 2, 4.5, 3]), ("w", [1, 1, 1, 0])])
        let problem = RegressionProblem(rows: [0, 1, 2, 3], response: 1, regressors: [0], weights: 2)
        let batch = try ProblemBatch(table: table, problems: [problem])
        let plan = BootstrapPlan(resamples: 400, seed: 5, minimumDistinctRows: 2, replicateStandardErrors: true)
        for backend in TestBackends.all() {
            let replicates = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
            var zeroDegrees = 0, positive = 0
            for b in 0..<plan.resamples where replicates.status(problem: 0, replicate: b) == .ok {
                let stream = ReplicateStream(seed: plan.seed, problem: 0, replicate: b)
                let drawn = (0..<4).map { t in ReplicateStream.index(ReplicateStream.word(stream.block(0, purpose: .rowIndex), t), count: 4) }
                let positiveRows = drawn.filter { $0 != 3 }.count
                let error = replicates.standardErrors[b * 2 + 1]
                #expect(error.isFinite && error >= 0)
                if positiveRows <= 2 {
                    #expect(error == 0, "\(backend.backend.name) replicate \(b): \(positiveRows) rows of positive weight")
                    zeroDegrees += 1
                } else if Set(drawn.filter { $0 != 3 }).count == 3 {
                    #expect(error > 0)
                    positive += 1
                }
            }
            #expect(zeroDegrees > 0 && positive > 0)
        }
    }

    /// `batch` with its weight column (the table's last) multiplied by `factor`.
    static func scalingWeights(_ batch: ProblemBatch, by factor: Double) throws -> ProblemBatch {
        let table = batch.table
        let columns = (0..<table.columnCount).map { j in
            (name: table.columnNames[j], values: table.column(j).map { j == table.columnCount - 1 ? $0 * factor : $0 })
        }
        return try ProblemBatch(table: DataTable(columns: columns), problems: batch.problems)
    }

    struct WeightScaling: Sendable, CustomTestStringConvertible {
        let scheme: BootstrapScheme
        let regressors: Int
        let rows: ClosedRange<Int>
        var testDescription: String { "\(scheme) q=\(regressors) n=\(rows)" }
    }

    /// Weighted least squares is invariant to scaling every weight by c > 0: a replicate's own
    /// standard errors stay the same (σ̂² scales by c, (XᵀWX)⁻¹ by 1/c). Small problems, so that
    /// many case resamples draw only as many distinct rows as coefficients: an exact fit, whose
    /// RSS is the rounding residue of centring and counts as 0 (SE 0) whatever the weights' scale
    /// (without that rule such a replicate's SE is √(residue/df), which changes with c: 0 against
    /// 0.05 for one, 1.5% off for another). Fixed row counts (q = 1) take the four-replicate paths.
    @Test(arguments: [BootstrapScheme.cases, .residuals, .wild].flatMap { scheme in
        [WeightScaling(scheme: scheme, regressors: 1, rows: 3...9), WeightScaling(scheme: scheme, regressors: 1, rows: 6...6),
         WeightScaling(scheme: scheme, regressors: 2, rows: 4...10)]
    })
    func replicateErrorsDoNotDependOnTheWeightsScale(_ setting: WeightScaling) throws {
        let batch = try RandomBatches.make(rowCount: 300, regressorCount: setting.regressors, problemCount: 20,
                                           rowsPerProblem: setting.rows, weighted: true, zeroWeightShare: 0.1,
                                           seed: UInt64(setting.regressors + 31))
        let plan = BootstrapPlan(scheme: setting.scheme, resamples: 1500, seed: 77, replicateStandardErrors: true)
        for backend in TestBackends.all() {
            let reference = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
            var exactFits = 0
            for factor in [0.5, 3] {
                let scaled = try backend.backend.bootstrap(Self.scalingWeights(batch, by: factor), plan: plan, precision: .double)
                #expect(scaled.statuses == reference.statuses, "\(backend.backend.name) weights × \(factor)")
                let differing = zip(scaled.standardErrors, reference.standardErrors).enumerated().filter { _, pair in
                    abs(pair.0 - pair.1) > 1e-7 * pair.1 || (pair.0 == 0) != (pair.1 == 0)
                }
                #expect(differing.isEmpty, "\(backend.backend.name) weights × \(factor): \(differing.count) errors differ, first (index, (scaled, reference)): \(differing.first.map { "\($0)" } ?? "")")
            }
            for k in batch.problems.indices {
                for b in 0..<plan.resamples where reference.status(problem: k, replicate: b) == .ok
                    && reference.residualSumsOfSquares[k * plan.resamples + b] == 0 {
                    exactFits += 1
                }
            }
            if setting.scheme == .cases { #expect(exactFits > 0, "\(backend.backend.name): some resample should be an exact fit") }
        }
    }
}
