import Testing
import TrendFit

/// Each case replicate equals a QR fit of the rows its stream draws (an independent solve).
@Suite struct ReplicateSolverTests {
    @Test(arguments: [1, 3])
    func caseReplicateEqualsQRFitOfTheDrawnRows(regressors: Int) throws {
        let batch = try RandomBatches.make(rowCount: 200, regressorCount: regressors, problemCount: 3, rowsPerProblem: 20...60,
                                           seed: UInt64(regressors))
        let plan = BootstrapPlan(resamples: 12, seed: 1234)
        let replicates = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        for (k, problem) in batch.problems.enumerated() {
            for b in 0..<plan.resamples {
                let stream = ReplicateStream(seed: plan.seed, problem: k, replicate: b)
                let drawn = (0..<problem.rows.count).map { t in
                    problem.rows[ReplicateStream.index(ReplicateStream.word(stream.block(t / 4, purpose: .rowIndex), t),
                                                       count: UInt32(problem.rows.count))]
                }
                var resample = problem
                resample.rows = drawn
                let fit = try CPUBackend().fit(ProblemBatch(table: batch.table, problems: [resample]), precision: .double)[0]
                guard fit.status == .ok else { continue }
                #expect(replicates.status(problem: k, replicate: b) == .ok)
                let rss = fit.residualStandardError * fit.residualStandardError * Double(fit.n - problem.coefficientCount)
                let replicateRSS = replicates.residualSumsOfSquares[k * plan.resamples + b]
                #expect(abs(replicateRSS - rss) <= 1e-9 * rss, "problem \(k) replicate \(b): RSS \(replicateRSS) vs QR \(rss)")
                for j in 0..<problem.coefficientCount {
                    let value = replicates.coefficients[(k * plan.resamples + b) * batch.coefficientStride + j]
                    #expect(abs(value - fit.coefficients[j]) <= 1e-9 * max(1, abs(fit.coefficients[j])),
                            "problem \(k) replicate \(b) coefficient \(j): \(value) vs QR \(fit.coefficients[j])")
                }
            }
        }
    }

    @Test func degenerateResamplesAreExcludedNotNaN() throws {
        // Three rows with two equal x values: many resamples draw a single distinct x.
        let table = try DataTable(columns: [("x", [2000, 2000, 2001]), ("y", [1, 2, 3])])
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: [0, 1, 2], response: 1, regressors: [0])])
        let replicates = try CPUBackend().bootstrap(batch, plan: BootstrapPlan(resamples: 500, seed: 3), precision: .double)
        #expect(replicates.coefficients.allSatisfy { $0.isFinite })
        let statuses = (0..<500).map { replicates.status(problem: 0, replicate: $0) }
        #expect(statuses.contains(.rankDeficient))
        #expect(statuses.contains(.tooFewDistinctRows))
        #expect(statuses.contains(.ok))
        #expect(replicates.excludedCount(problem: 0) == statuses.filter { $0 != .ok }.count)
    }

    @Test func residualAndWildSchemesCentreOnTheEstimate() throws {
        let batch = try RandomBatches.make(rowCount: 300, regressorCount: 1, problemCount: 1, rowsPerProblem: 200...200, seed: 5)
        let fit = try CPUBackend().fit(batch, precision: .double)[0]
        for scheme in [BootstrapScheme.residuals, .wild] {
            let replicates = try CPUBackend().bootstrap(batch, plan: BootstrapPlan(scheme: scheme, resamples: 4000, seed: 9),
                                                        precision: .double)
            let slopes = replicates.values(problem: 0, coefficient: 1)
            let mean = slopes.reduce(0, +) / Double(slopes.count)
            let spread = (slopes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slopes.count - 1)).squareRoot()
            // Fixed-design schemes are unbiased for OLS: the replicate mean is within 4 Monte Carlo SEs of θ̂,
            // and the replicate spread matches the classical standard error within 10%.
            #expect(abs(mean - fit.coefficients[1]) < 4 * spread / Double(slopes.count).squareRoot(), "\(scheme)")
            #expect(abs(spread / fit.standardErrors[1] - 1) < 0.1, "\(scheme): spread \(spread) vs SE \(fit.standardErrors[1])")
        }
    }
}
