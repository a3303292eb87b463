import Testing
import TrendFit
@testable import TrendFitOpenCL

/// The GPU kernel form (`bootstrap_staged_replicates`, work-groups mapped to problems), forced on the
/// first OpenCL device, against the CPU backend and the CPU form: batches whose shapes only the GPU
/// form's launch geometry and staging distinguish.
@Suite struct GPUKernelFormTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Regressor lists of the problems, cycled over the batch (their intercepts alternate).
        let regressorSets: [[Int]]
        let rows: ClosedRange<Int>
        let scheme: BootstrapScheme
        let jitter: Double
        let weighted: Bool
        let resamples: Int
        let workGroupSize: Int?
        let launchCap: Int?
        /// Whether every problem's rows fit the work-group's local memory (`STAGED_ROWS` > 0).
        let staged: Bool
        var standardErrors = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "mixed q and intercepts, cases, groups of 8, launches of 50", regressorSets: [[0], [0, 1, 2], [], [1, 2]],
             rows: 5...60, scheme: .cases, jitter: 0.1, weighted: true, resamples: 37, workGroupSize: 8, launchCap: 50,
             staged: true),
        Case(name: "mixed q, residuals, standard errors", regressorSets: [[0, 1], [2], [0, 1, 2]], rows: 8...90,
             scheme: .residuals, jitter: 0, weighted: true, resamples: 70, workGroupSize: nil, launchCap: nil, staged: true,
             standardErrors: true),
        Case(name: "mixed q, wild, groups of 32", regressorSets: [[0, 1, 2], [1]], rows: 10...120, scheme: .wild, jitter: 0.2,
             weighted: false, resamples: 65, workGroupSize: 32, launchCap: 100, staged: true),
        Case(name: "rows beyond local memory, cases", regressorSets: [[0, 1, 2, 3, 4, 5, 6]], rows: 150...400,
             scheme: .cases, jitter: 0.1, weighted: true, resamples: 20, workGroupSize: 16, launchCap: nil, staged: false,
             standardErrors: true),
        Case(name: "rows beyond local memory, wild, mixed q", regressorSets: [[0], [0, 1, 2, 3, 4, 5, 6]], rows: 130...400,
             scheme: .wild, jitter: 0, weighted: false, resamples: 30, workGroupSize: nil, launchCap: 45, staged: false),
        Case(name: "one replicate per problem", regressorSets: [[0]], rows: 3...30, scheme: .cases, jitter: 0,
             weighted: false, resamples: 1, workGroupSize: 8, launchCap: 3, staged: true),
    ]

    /// A batch of `problemCount` problems over a 7-regressor random table, the regressor sets of `testCase` cycled
    /// (every third problem without an intercept, unless it has no regressors).
    static func batch(_ testCase: Case, problemCount: Int = 24) throws -> ProblemBatch {
        let base = try RandomBatches.make(rowCount: 500, regressorCount: 7, problemCount: problemCount,
                                          rowsPerProblem: testCase.rows, weighted: testCase.weighted, seed: 5)
        let problems = base.problems.enumerated().map { k, problem in
            let regressors = testCase.regressorSets[k % testCase.regressorSets.count]
            return RegressionProblem(rows: problem.rows, response: problem.response, regressors: regressors,
                                     hasIntercept: regressors.isEmpty || k % 3 != 2, weights: problem.weights)
        }
        return try ProblemBatch(table: base.table, problems: problems)
    }

    @Test(.requiresOpenCL, arguments: cases, TestBackends.devices)
    func replicatesAreBitwiseEqual(_ testCase: Case, on device: TestDevice) throws {
        let openCL = try TestBackends.openCL(device, maxReplicatesPerLaunch: testCase.launchCap,
                                             workGroupSize: testCase.workGroupSize, kernelForm: .gpu)
        let batch = try Self.batch(testCase)
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: testCase.resamples, seed: 0xFEED_5EED_0000_0012,
                                 jitter: testCase.jitter, replicateStandardErrors: testCase.standardErrors)
        let cpu = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
        let program = try #require(openCL.lastProgram)
        #expect(program.kernel == "bootstrap_staged_replicates" && program.replicatesPerItem == 1)
        #expect(program.problemGroupSize == testCase.workGroupSize ?? 128)
        #expect(program.options.contains("-D STAGED_ROWS=0 ") != testCase.staged, "\(program.options)")
        #expect(cpu.statuses == device.statuses)
        #expect(cpu.statuses.filter { $0 == ReplicateStatus.ok.rawValue }.count > cpu.statuses.count / 2)
        #expect(zip(cpu.residualSumsOfSquares, device.residualSumsOfSquares).allSatisfy { $0.bitPattern == $1.bitPattern })
        let differing = zip(cpu.coefficients, device.coefficients).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(cpu.coefficients.count == device.coefficients.count && differing == 0,
                "\(differing) of \(cpu.coefficients.count) replicate coefficients differ")
        #expect(cpu.standardErrors.count == (testCase.standardErrors ? cpu.coefficients.count : 0))
        #expect(cpu.standardErrors.count == device.standardErrors.count
                && zip(cpu.standardErrors, device.standardErrors).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    /// In single precision the two forms run the same operations on the same device: bitwise equal.
    @Test(.requiresOpenCL, arguments: [BootstrapScheme.cases, .residuals, .wild], TestBackends.devices)
    func singlePrecisionFormsAreBitwiseEqual(_ scheme: BootstrapScheme, on device: TestDevice) throws {
        let gpu = try TestBackends.openCL(device, workGroupSize: 16, kernelForm: .gpu)
        let cpu = try TestBackends.openCL(device, kernelForm: .cpu)
        for testCase in [Self.cases[0], Self.cases[3]] {
            let batch = try Self.batch(testCase, problemCount: 10)
            let plan = BootstrapPlan(scheme: scheme, resamples: 41, seed: 77, jitter: 0.1, replicateStandardErrors: true)
            let expected = try cpu.bootstrap(batch, plan: plan, precision: .float)
            let replicates = try gpu.bootstrap(batch, plan: plan, precision: .float)
            #expect(gpu.lastProgram?.kernel == "bootstrap_staged_replicates")
            #expect(expected.statuses == replicates.statuses)
            #expect(zip(expected.coefficients, replicates.coefficients).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(zip(expected.standardErrors, replicates.standardErrors).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
    }

    /// Launches of whole work-groups cover every replicate once, in order, each starting on a work-group
    /// boundary of a problem's padded replicates.
    @Test(arguments: [(3, 10, 4, 5), (5, 128, 128, 1000), (2, 1, 8, 1), (4, 33, 16, 40)])
    func problemGroupLaunchesCoverEveryReplicateOnce(problems: Int, resamples: Int, groupSize: Int, launchSize: Int) {
        let launches = BootstrapLaunch.problemGroups(problems: problems, resamples: resamples, groupSize: groupSize,
                                                     launchSize: launchSize)
        let padded = (resamples + groupSize - 1) / groupSize * groupSize
        var next = 0
        for launch in launches {
            #expect(launch.firstReplicate == next && launch.count > 0)
            #expect(launch.firstIndex % groupSize == 0 && launch.items % groupSize == 0)
            #expect(launch.items <= max(launchSize / groupSize, 1) * groupSize && launch.count <= launch.items)
            // The first work-item computes the launch's first replicate.
            #expect(launch.firstIndex / padded * resamples + launch.firstIndex % padded == launch.firstReplicate)
            next += launch.count
        }
        #expect(next == problems * resamples)
        #expect(launches.last.map { $0.firstIndex + $0.items } == problems * padded)
    }
}
