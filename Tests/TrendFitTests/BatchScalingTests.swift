import Foundation
import Testing
import TrendFit
import TestSupport

/// Data near 1e155 or 1e-200 (whose sums of squares overflow or underflow), and float data beyond
/// float's range, give the results of the same problem at ordinary scale, multiplied back exactly.
@Suite struct BatchScalingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var precision: Precision = .double
        var scheme: BootstrapScheme = .cases
        var wildWeights: WildWeights = .rademacher
        var regressors = 1
        var weighted = false
        var jitter = 0.0
        /// Powers of two the response, every regressor and the weights are multiplied by.
        var response = 0
        var regressor = 0
        var weight = 0
        var testDescription: String {
            "\(precision) \(scheme) \(wildWeights) q=\(regressors) weighted=\(weighted) jitter=\(jitter) y·2^\(response) x·2^\(regressor) w·2^\(weight)"
        }
    }

    static let cases: [Case] = [
        Case(response: 515),  // y near 1e155: y² overflows
        Case(response: -664),  // y near 1e-200: y² underflows
        Case(scheme: .residuals, regressors: 2, response: -664, regressor: 400),
        Case(scheme: .wild, regressors: 2, jitter: 0.1, response: 515, regressor: -300),
        Case(scheme: .wild, wildWeights: .mammen, response: -664, regressor: 300),
        Case(scheme: .wild, wildWeights: .webb, weighted: true, response: 515, weight: 200),
        Case(regressors: 3, weighted: true, response: 515, weight: 301),
        Case(weighted: true, jitter: 0.2, response: -664, weight: -700),
        Case(precision: .float, response: 200, regressor: 200),  // beyond float's range (2^128)
        Case(precision: .float, scheme: .residuals, regressors: 2, weighted: true, response: -150, regressor: 130, weight: 90),
    ]

    /// `batch` with the response, regressor and weight columns multiplied by powers of two.
    private static func scaled(_ batch: ProblemBatch, _ testCase: Case) throws -> ProblemBatch {
        let problem = batch.problems[0]
        let table = batch.table
        let columns = table.columnNames.indices.map { column in
            let exponent = column == problem.response ? testCase.response
                : problem.regressors.contains(column) ? testCase.regressor
                : column == problem.weights ? testCase.weight : 0
            return (name: table.columnNames[column], values: table.column(column).map { scalbn($0, exponent) })
        }
        return try ProblemBatch(table: DataTable(columns: columns), problems: batch.problems)
    }

    private static func batch(_ testCase: Case) throws -> ProblemBatch {
        try RandomBatches.make(rowCount: 300, regressorCount: testCase.regressors, problemCount: 12, rowsPerProblem: 8...80,
                               weighted: testCase.weighted, seed: UInt64(100 + testCase.regressors))
    }

    /// Whether `actual` is `expected`: exactly, or within rounding when an odd power of two scales
    /// the weights (their square roots then pick up a rounded √2).
    private static func matches(_ actual: Double, _ expected: Double, _ testCase: Case) -> Bool {
        actual == expected || (testCase.weight % 2 != 0 && abs(actual - expected) <= 1e-11 * abs(expected))
    }

    /// The power of two coefficient `j` of the scaled problem carries.
    private static func coefficientExponent(_ j: Int, _ testCase: Case) -> Int {
        j == 0 ? testCase.response : testCase.response - testCase.regressor
    }

    @Test(arguments: cases, TestBackends.all())
    func fitsOfScaledDataAreTheScaledFits(_ testCase: Case, _ backend: TestBackend) throws {
        guard backend.backend.supports(testCase.precision) else { return }
        let batch = try Self.batch(testCase)
        let reference = try backend.backend.fit(batch, precision: testCase.precision)
        let fits = try backend.backend.fit(Self.scaled(batch, testCase), precision: testCase.precision)
        for (fit, expected) in zip(fits, reference) {
            #expect(fit.status == expected.status)
            guard expected.status == .ok else { continue }
            for j in expected.coefficients.indices {
                #expect(Self.matches(fit.coefficients[j], scalbn(expected.coefficients[j], Self.coefficientExponent(j, testCase)), testCase))
                #expect(Self.matches(fit.standardErrors[j], scalbn(expected.standardErrors[j], Self.coefficientExponent(j, testCase)), testCase))
            }
            let residualSE = scalbn(expected.residualStandardError, testCase.response + testCase.weight / 2)
                * (testCase.weight % 2 == 0 ? 1 : 2.0.squareRoot())
            #expect(Self.matches(fit.residualStandardError, residualSE, testCase))
            #expect(fit.rSquared != nil)
            #expect(Self.matches(fit.rSquared ?? .nan, expected.rSquared ?? .nan, testCase))
        }
    }

    @Test(arguments: cases, TestBackends.all())
    func replicatesOfScaledDataAreTheScaledReplicates(_ testCase: Case, _ backend: TestBackend) throws {
        guard backend.backend.supports(testCase.precision) else { return }
        let batch = try Self.batch(testCase)
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: 40, seed: 77, jitter: testCase.jitter,
                                 wildWeights: testCase.wildWeights, replicateStandardErrors: true)
        var scaledPlan = plan
        scaledPlan.jitter = scalbn(plan.jitter, testCase.response)
        let reference = try backend.backend.bootstrap(batch, plan: plan, precision: testCase.precision)
        let replicates = try backend.backend.bootstrap(Self.scaled(batch, testCase), plan: scaledPlan, precision: testCase.precision)
        #expect(replicates.statuses == reference.statuses)
        #expect(reference.statuses.filter { $0 == 0 }.count > reference.statuses.count / 2)
        let p = testCase.regressors + 1
        var differing = 0
        var mismatches: [String] = []
        for index in 0..<reference.statuses.count {
            for j in 0..<p {
                let expected = scalbn(reference.coefficients[index * reference.coefficientStride + j], Self.coefficientExponent(j, testCase))
                if !Self.matches(replicates.coefficients[index * replicates.coefficientStride + j], expected, testCase) { differing += 1 }
                // Replicate standard errors are compared where the scaled weights keep the reference's
                // scale: they are not invariant under halving every weight (a rare replicate moves ~1%).
                let expectedError = scalbn(reference.standardErrors[index * reference.coefficientStride + j], Self.coefficientExponent(j, testCase))
                if testCase.weight % 2 == 0,
                   !Self.matches(replicates.standardErrors[index * replicates.coefficientStride + j], expectedError, testCase) {
                    differing += 1
                    mismatches.append("SE \(index),\(j): \(replicates.standardErrors[index * replicates.coefficientStride + j]) vs \(expectedError)")
                }
            }
            let expected = scalbn(reference.residualSumsOfSquares[index], 2 * testCase.response + testCase.weight)
            if !Self.matches(replicates.residualSumsOfSquares[index], expected, testCase) {
                differing += 1
            }
        }
        #expect(differing == 0, "\(mismatches.prefix(4))")
    }

    @Test(.requiresOpenCL, arguments: TestBackends.devices)
    func bothBackendsSeeTheSameScaledData(on device: TestDevice) throws {
        let openCL = try TestBackends.openCL(device)
        let testCase = Self.cases[3]
        let batch = try Self.scaled(Self.batch(testCase), testCase)
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: 64, seed: 5, jitter: scalbn(0.1, testCase.response))
        let cpu = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
        #expect(zip(cpu.coefficients, device.coefficients).allSatisfy { $0.bitPattern == $1.bitPattern })
        #expect(try CPUBackend().fit(batch, precision: .double) == openCL.fit(batch, precision: .double))
    }

    @Test func ordinaryDataAreLeftAsTheyAre() throws {
        let batch = try Self.batch(Case(regressors: 2, weighted: true))
        #expect(BatchScaling(batch: batch, precision: .double).isIdentity)
        #expect(BatchScaling(batch: batch, precision: .float).isIdentity)
        #expect(PackedBatch(batch).table == batch.table.values)
    }

    @Test func estimatesBeyondDoubleAreAnError() throws {
        let table = try DataTable(columns: [("x", [1, 2, 3, 4, 5].map { scalbn($0, -700) }),
                                            ("y", [1, 3, 2, 5, 4].map { scalbn($0, 700) })])
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: [0, 1, 2, 3, 4], response: 1, regressors: [0])])
        #expect(throws: TrendFitError.self) { try CPUBackend().fit(batch, precision: .double) }
    }

    @Test func jitterNeedsOneResponseScale() throws {
        let table = try DataTable(columns: [("x", [1, 2, 3, 4, 5]), ("y", [1, 3, 2, 5, 4].map { scalbn($0, 600) }),
                                            ("z", [1, 3, 2, 5, 4])])
        let rows: [Int32] = [0, 1, 2, 3, 4]
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: rows, response: 1, regressors: [0]),
                                                              RegressionProblem(rows: rows, response: 2, regressors: [0])])
        #expect(throws: TrendFitError.self) {
            try CPUBackend().bootstrap(batch, plan: BootstrapPlan(resamples: 10, seed: 1, jitter: 0.1), precision: .double)
        }
        _ = try CPUBackend().bootstrap(batch, plan: BootstrapPlan(resamples: 10, seed: 1), precision: .double)
    }
}

/// Bootstrap summaries of replicates near 1e155 or 1e-200 are the summaries at ordinary scale, scaled back.
@Suite struct CoefficientSummaryScalingTests {
    @Test(arguments: [IntervalMethod.percentile, .basic, .normal, .bca, .studentized], [515, -664, 300])
    func summariesOfScaledReplicatesAreTheScaledSummaries(method: IntervalMethod, exponent: Int) throws {
        var random = SplitMix64(state: 11)
        let replicates = (0..<999).map { _ in 0.5 + Double.random(in: -1...1, using: &random) * Double.random(in: 0...1, using: &random) }
        let jackknife = (0..<40).map { _ in 0.5 + Double.random(in: -0.1...0.1, using: &random) }
        let errors = replicates.map { _ in Double.random(in: 0.2...0.4, using: &random) }
        let reference = try CoefficientSummary(estimate: 0.48, replicates: replicates, method: method, confidence: 0.9, jackknife: jackknife,
                                               replicateStandardErrors: errors, estimateStandardError: 0.3)
        let scaled = try CoefficientSummary(estimate: scalbn(0.48, exponent), replicates: replicates.map { scalbn($0, exponent) },
                                            method: method, confidence: 0.9, jackknife: jackknife.map { scalbn($0, exponent) },
                                            replicateStandardErrors: errors.map { scalbn($0, exponent) },
                                            estimateStandardError: scalbn(0.3, exponent))
        for keyPath in [\CoefficientSummary.estimate, \.median, \.standardError, \.lower, \.upper] {
            #expect(scaled[keyPath: keyPath] == scalbn(reference[keyPath: keyPath], exponent))
        }
        #expect(scaled.standardError > 0 && scaled.standardError.isFinite)
    }
}
