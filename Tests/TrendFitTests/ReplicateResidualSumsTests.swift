import Foundation
import Testing
import TrendFit

/// Residual sums of squares kept only when the plan asks (`BootstrapPlan.replicateResidualSums`):
/// without them a backend's coefficients, standard errors and statuses are bitwise those with
/// them, on every path (one call, progress, chunks), and `residualSumsOfSquares` is empty; with
/// them every path gives the same, and in double precision the OpenCL backends give the CPU backend's.
@Suite struct ReplicateResidualSumsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let regressors: Int
        var scheme: BootstrapScheme = .cases
        var grouping: CaseGrouping = .none
        var standardErrors = false
        /// Binary exponent added to the responses (beyond 0: `BatchScaling` unscales the replicates).
        var responseExponent = 0
        var precision: Precision = .double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "cases, one regressor (pair path), standard errors", regressors: 1, standardErrors: true),
        Case(name: "cases, three regressors (row path)", regressors: 3),
        Case(name: "residuals, two regressors, standard errors", regressors: 2, scheme: .residuals, standardErrors: true),
        Case(name: "residuals, one regressor (fixed-design pair path)", regressors: 1, scheme: .residuals),
        Case(name: "wild, one regressor (fixed-design pair path)", regressors: 1, scheme: .wild),
        Case(name: "strata, two regressors", regressors: 2, grouping: .strata),
        Case(name: "cases, responses scaled by 2^900", regressors: 1, responseExponent: 900),
        Case(name: "cases, two regressors, float", regressors: 2, standardErrors: true, precision: .float),
    ]

    /// A batch of problems of `testCase`'s shape with tied regressor values, and one more of a single
    /// row repeated (no usable fit, so every replicate of it is excluded), its responses scaled by
    /// `responseExponent`.
    static func batch(_ testCase: Case) throws -> ProblemBatch {
        let base = try RandomBatches.make(rowCount: 200, regressorCount: testCase.regressors, problemCount: 6,
                                          rowsPerProblem: 5...60, weighted: true, tiedValues: 5, seed: 41)
        let table = base.table
        let response = base.problems[0].response
        let columns = table.columnNames.indices.map { column in
            (name: table.columnNames[column],
             values: table.column(column).map { column == response ? scalbn($0, testCase.responseExponent) : $0 })
        }
        var repeated = base.problems[0]
        repeated.rows = Array(repeating: repeated.rows[0], count: 8)
        let scaled = try ProblemBatch(table: DataTable(columns: columns), problems: base.problems + [repeated])
        return testCase.grouping == .none ? scaled : try GroupedResamplingTests.grouped(scaled, testCase.grouping, seed: 9)
    }

    static func plan(_ testCase: Case, residualSums: Bool) -> BootstrapPlan {
        BootstrapPlan(scheme: testCase.scheme, resamples: 301, seed: 0x5EED_0055, jitter: 0.05,
                      replicateStandardErrors: testCase.standardErrors, replicateResidualSums: residualSums,
                      grouping: testCase.grouping)
    }

    /// Coefficients, standard errors and statuses as bit patterns (NaNs and signed zeros included).
    static func bits(_ replicates: BootstrapReplicates) -> [[UInt64]] {
        [replicates.coefficients, replicates.standardErrors].map { $0.map(\.bitPattern) } + [replicates.statuses.map { UInt64($0) }]
    }

    /// The whole plan's replicates, chunk by chunk through `bootstrapChunks`, placed in order.
    static func chunked(_ backend: any RegressionBackend, _ batch: ProblemBatch, plan: BootstrapPlan,
                        precision: Precision) throws -> BootstrapReplicates {
        var parts: [(BootstrapReplicates, Int)] = []
        try backend.bootstrapChunks(batch, plan: plan, precision: precision, replicatesPerCall: 70) { parts.append(($0, $1)) }
        let problems = batch.problems.count, stride = batch.coefficientStride
        var whole = BootstrapReplicates(problemCount: problems, resamples: plan.resamples, coefficientStride: stride,
                                        standardErrors: plan.replicateStandardErrors, residualSums: plan.replicateResidualSums)
        for (chunk, done) in parts {
            #expect(chunk.residualSumsOfSquares.count == (plan.replicateResidualSums ? problems * chunk.resamples : 0))
            for k in 0..<problems {
                for b in 0..<chunk.resamples {
                    let (target, source) = (k * plan.resamples + done + b, k * chunk.resamples + b)
                    whole.statuses[target] = chunk.statuses[source]
                    if plan.replicateResidualSums { whole.residualSumsOfSquares[target] = chunk.residualSumsOfSquares[source] }
                    for j in 0..<stride {
                        whole.coefficients[target * stride + j] = chunk.coefficients[source * stride + j]
                        if plan.replicateStandardErrors { whole.standardErrors[target * stride + j] = chunk.standardErrors[source * stride + j] }
                    }
                }
            }
        }
        return whole
    }

    /// The CPU backend (small tasks on three threads), then every hardware OpenCL device in each
    /// kernel form, in launches of at most 100 replicates.
    static func backends() -> [TestBackend] {
        [TestBackend(backend: CPUBackend(replicatesPerTask: 37, threads: 3))] + TestBackends.formsOnDevices.compactMap { target in
            do {
                return TestBackend(backend: try TestBackends.openCL(target.device, maxReplicatesPerLaunch: 100,
                                                                    kernelForm: target.form))
            } catch {
                Issue.record("OpenCL device \(target.testDescription) failed to open: \(error)")
                return nil
            }
        }
    }

    @Test(arguments: cases, backends())
    func replicatesWithoutResidualSumsAreTheSame(_ testCase: Case, on backend: TestBackend) throws {
        let batch = try Self.batch(testCase)
        let engine = backend.backend, precision = testCase.precision
        guard engine.supports(precision) else { return }
        let reference = try engine.bootstrap(batch, plan: Self.plan(testCase, residualSums: true), precision: precision)
        #expect(reference.statuses.contains(0) && reference.statuses.contains { $0 != 0 }, "both valid and excluded replicates")
        #expect(reference.residualSumsOfSquares.count == reference.statuses.count)
        #expect(reference.residualSumsOfSquares.contains { $0 > 0 })
        if precision == .double {
            // In double precision every backend's replicates, residual sums included, are the CPU backend's.
            let cpu = try CPUBackend().bootstrap(batch, plan: Self.plan(testCase, residualSums: true), precision: precision)
            #expect(Self.bits(reference) == Self.bits(cpu))
            #expect(reference.residualSumsOfSquares.map(\.bitPattern) == cpu.residualSumsOfSquares.map(\.bitPattern))
        }
        for residualSums in [true, false] {
            let plan = Self.plan(testCase, residualSums: residualSums)
            let whole = try engine.bootstrap(batch, plan: plan, precision: precision)
            let reported = try engine.bootstrap(batch, plan: plan, precision: precision, replicatesPerCall: 90) { _ in }
            let chunks = try Self.chunked(engine, batch, plan: plan, precision: precision)
            for replicates in [whole, reported, chunks] {
                #expect(Self.bits(replicates) == Self.bits(reference))
                // Asked for, they are bitwise the one call's; not asked for, there are none.
                #expect(replicates.residualSumsOfSquares.map(\.bitPattern)
                        == (residualSums ? reference.residualSumsOfSquares.map(\.bitPattern) : []))
            }
        }
    }

    @Test func anUnaskedResultHasNoResidualSums() {
        let replicates = BootstrapReplicates(problemCount: 2, resamples: 5, coefficientStride: 3, residualSums: false)
        #expect(replicates.residualSumsOfSquares.isEmpty)
        #expect(replicates.statuses.count == 10 && replicates.coefficients.count == 30)
        #expect(BootstrapReplicates(problemCount: 2, resamples: 5, coefficientStride: 3).residualSumsOfSquares == Array(repeating: 0, count: 10))
        #expect(BootstrapPlan(resamples: 10, seed: 1).replicateResidualSums, "kept unless a caller says otherwise")
    }
}
