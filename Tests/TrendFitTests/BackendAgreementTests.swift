import Testing
import TrendFit
@testable import TrendFitOpenCL

/// The OpenCL backend against the CPU backend: bitwise equal in double precision.
@Suite struct BackendAgreementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let regressors: Int
        let rows: ClosedRange<Int>
        let resamples: Int
        let scheme: BootstrapScheme
        let jitter: Double
        let weighted: Bool
        let hasIntercept: Bool
        let launchCap: Int?
        var minimumDistinctRows = 0
        /// Regressors take this many values (degenerate case resamples are common); nil: continuous.
        var tiedValues: Int? = nil
        var zeroWeightShare = 0.0
        var wildWeights = WildWeights.rademacher
        var standardErrors = false
        var testDescription: String {
            "q=\(regressors) n=\(rows) B=\(resamples) \(scheme) jitter=\(jitter) weighted=\(weighted) intercept=\(hasIntercept) launch≤\(launchCap.map(String.init) ?? "auto") distinct≥\(minimumDistinctRows) ties=\(tiedValues.map(String.init) ?? "none") zero weights=\(zeroWeightShare) \(wildWeights)\(standardErrors ? " SE" : "")"
        }
    }

    static let cases: [Case] = [
        Case(regressors: 1, rows: 5...40, resamples: 200, scheme: .cases, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil),
        Case(regressors: 1, rows: 30...30, resamples: 333, scheme: .cases, jitter: 0.3, weighted: false, hasIntercept: true, launchCap: 97),
        Case(regressors: 3, rows: 10...200, resamples: 64, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true, launchCap: 1000),
        Case(regressors: 2, rows: 8...60, resamples: 100, scheme: .residuals, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil),
        Case(regressors: 2, rows: 8...300, resamples: 100, scheme: .wild, jitter: 0.1, weighted: false, hasIntercept: false, launchCap: 17),
        Case(regressors: 7, rows: 20...100, resamples: 50, scheme: .cases, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil),
        // q = 1 takes the CPU backend's four-replicate interleaved loop (with a leftover when B % 4 ≠ 0).
        Case(regressors: 1, rows: 5...50, resamples: 101, scheme: .cases, jitter: 0.2, weighted: true, hasIntercept: true, launchCap: nil),
        Case(regressors: 1, rows: 8...60, resamples: 66, scheme: .residuals, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: nil),
        Case(regressors: 1, rows: 8...300, resamples: 64, scheme: .wild, jitter: 0, weighted: false, hasIntercept: false, launchCap: nil),
        // Intercept-only (q = 0) problems take the four-replicate path too.
        Case(regressors: 0, rows: 5...80, resamples: 103, scheme: .cases, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: nil),
        Case(regressors: 0, rows: 5...80, resamples: 40, scheme: .wild, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil),
        // Case resampling of q = 1 with one row count takes the OpenCL four-replicates-per-work-item kernel.
        Case(regressors: 1, rows: 25...25, resamples: 77, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true, launchCap: 50),
        Case(regressors: 1, rows: 3...3, resamples: 90, scheme: .cases, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil),
        Case(regressors: 1, rows: 9...9, resamples: 61, scheme: .cases, jitter: 0.1, weighted: false, hasIntercept: false, launchCap: nil,
             minimumDistinctRows: 4),
        // Degenerate case resamples (regressors with two or three values, zero weights): the exact
        // constant-regressor test and the relative pivot test, on the four-replicate paths and the generic ones.
        Case(regressors: 1, rows: 6...6, resamples: 120, scheme: .cases, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil,
             tiedValues: 2),
        Case(regressors: 1, rows: 7...7, resamples: 120, scheme: .cases, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: nil,
             tiedValues: 3, zeroWeightShare: 0.3),
        Case(regressors: 1, rows: 5...12, resamples: 121, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true, launchCap: nil,
             tiedValues: 2, zeroWeightShare: 0.2),
        Case(regressors: 3, rows: 8...20, resamples: 80, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true, launchCap: nil,
             tiedValues: 3, zeroWeightShare: 0.1),
        // Weighted residual resampling with rows of weight 0 (left out of the pool, scale 0).
        Case(regressors: 1, rows: 8...60, resamples: 66, scheme: .residuals, jitter: 0, weighted: true, hasIntercept: true, launchCap: nil,
             zeroWeightShare: 0.2),
        Case(regressors: 3, rows: 12...80, resamples: 50, scheme: .residuals, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: 33,
             zeroWeightShare: 0.2),
        // Mammen and Webb multipliers: the generic loops and the four-replicate interleaved one.
        Case(regressors: 2, rows: 8...300, resamples: 60, scheme: .wild, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: 17,
             wildWeights: .mammen),
        Case(regressors: 1, rows: 8...100, resamples: 63, scheme: .wild, jitter: 0, weighted: false, hasIntercept: false, launchCap: nil,
             wildWeights: .mammen),
        Case(regressors: 3, rows: 8...300, resamples: 60, scheme: .wild, jitter: 0, weighted: false, hasIntercept: true, launchCap: nil,
             wildWeights: .webb),
        Case(regressors: 1, rows: 8...100, resamples: 65, scheme: .wild, jitter: 0.2, weighted: true, hasIntercept: true, launchCap: nil,
             wildWeights: .webb),
        // Fixed-design schemes beyond q = 1 take the CPU backend's four-replicate loop over the response
        // (FixedDesignRowPass) at strides 4 and 8, with the leftover replicates (B % 4 ≠ 0) on the generic one.
        Case(regressors: 7, rows: 20...90, resamples: 101, scheme: .residuals, jitter: 0.2, weighted: true, hasIntercept: true,
             launchCap: nil, zeroWeightShare: 0.1),
        Case(regressors: 5, rows: 9...120, resamples: 63, scheme: .wild, jitter: 0, weighted: false, hasIntercept: false,
             launchCap: nil, wildWeights: .webb),
        Case(regressors: 4, rows: 10...60, resamples: 42, scheme: .wild, jitter: 0.1, weighted: true, hasIntercept: true,
             launchCap: nil, standardErrors: true),
        // Case resampling with 2 to 7 regressors takes the AVX2 four-replicate row loop (case_rows.c),
        // weighted and jittered, with leftover replicates on the generic loop.
        Case(regressors: 2, rows: 6...70, resamples: 103, scheme: .cases, jitter: 0.2, weighted: true, hasIntercept: true,
             launchCap: nil, tiedValues: 3, zeroWeightShare: 0.1),
        Case(regressors: 5, rows: 12...90, resamples: 61, scheme: .cases, jitter: 0.1, weighted: false, hasIntercept: false,
             launchCap: nil, standardErrors: true),
        // Replicate standard errors (studentized intervals) on every scheme, the generic loops and the
        // trend-line fast paths (case_pairs.c at the widest vectors this CPU runs, and the four-replicate
        // kernel for one row count).
        Case(regressors: 1, rows: 25...25, resamples: 77, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true,
             launchCap: 50, standardErrors: true),
        Case(regressors: 1, rows: 5...40, resamples: 101, scheme: .cases, jitter: 0.1, weighted: false, hasIntercept: true,
             launchCap: nil, standardErrors: true),
        Case(regressors: 3, rows: 10...200, resamples: 64, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true,
             launchCap: 1000, standardErrors: true),
        Case(regressors: 2, rows: 8...60, resamples: 100, scheme: .residuals, jitter: 0, weighted: true, hasIntercept: true,
             launchCap: nil, standardErrors: true),
        Case(regressors: 2, rows: 8...300, resamples: 100, scheme: .wild, jitter: 0.1, weighted: false, hasIntercept: false,
             launchCap: 17, standardErrors: true),
        Case(regressors: 0, rows: 5...80, resamples: 40, scheme: .wild, jitter: 0, weighted: true, hasIntercept: true,
             launchCap: nil, standardErrors: true),
        // Standard errors with degenerate resamples and zero weights, and with Mammen wild weights.
        Case(regressors: 1, rows: 5...12, resamples: 121, scheme: .cases, jitter: 0, weighted: true, hasIntercept: true, launchCap: nil,
             tiedValues: 2, zeroWeightShare: 0.2, standardErrors: true),
        Case(regressors: 3, rows: 12...80, resamples: 50, scheme: .residuals, jitter: 0.1, weighted: true, hasIntercept: true, launchCap: 33,
             zeroWeightShare: 0.2, standardErrors: true),
        Case(regressors: 2, rows: 8...300, resamples: 60, scheme: .wild, jitter: 0, weighted: true, hasIntercept: true, launchCap: nil,
             wildWeights: .mammen, standardErrors: true),
    ]

    /// Every case in both kernel forms (a CPU device runs the GPU form when it is asked for).
    @Test(.requiresOpenCL, arguments: cases, TestBackends.formsOnDevices)
    func replicatesAreBitwiseEqual(_ testCase: Case, on target: TestDeviceForm) throws {
        let openCL = try TestBackends.openCL(target.device, maxReplicatesPerLaunch: testCase.launchCap, kernelForm: target.form)
        let batch = try RandomBatches.make(rowCount: 500, regressorCount: testCase.regressors, problemCount: 40,
                                           rowsPerProblem: testCase.rows, weighted: testCase.weighted,
                                           hasIntercept: testCase.hasIntercept, tiedValues: testCase.tiedValues,
                                           zeroWeightShare: testCase.zeroWeightShare, seed: UInt64(testCase.resamples))
        let plan = BootstrapPlan(scheme: testCase.scheme, resamples: testCase.resamples, seed: 0xFEED_5EED_0000_0001,
                                 jitter: testCase.jitter, minimumDistinctRows: testCase.minimumDistinctRows,
                                 wildWeights: testCase.wildWeights, replicateStandardErrors: testCase.standardErrors)
        let cpu = try CPUBackend(replicatesPerTask: 37).bootstrap(batch, plan: plan, precision: .double)
        let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
        if target.form == .gpu { #expect(openCL.lastProgram?.kernel == "bootstrap_staged_replicates") }
        #expect(cpu.standardErrors.count == (testCase.standardErrors ? cpu.coefficients.count : 0))
        let differingErrors = zip(cpu.standardErrors, device.standardErrors).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(cpu.standardErrors.count == device.standardErrors.count && differingErrors == 0,
                "\(differingErrors) of \(cpu.standardErrors.count) replicate standard errors differ")
        if testCase.standardErrors {
            #expect(cpu.standardErrors.contains { $0 > 0 } && cpu.standardErrors.allSatisfy { $0.isFinite && $0 >= 0 })
            // Asking for standard errors leaves the replicates themselves bitwise unchanged.
            var plain = plan
            plain.replicateStandardErrors = false
            #expect(try CPUBackend().bootstrap(batch, plan: plain, precision: .double).coefficients == cpu.coefficients)
        }
        #expect(cpu.statuses == device.statuses)
        #expect(zip(cpu.residualSumsOfSquares, device.residualSumsOfSquares).allSatisfy { $0.bitPattern == $1.bitPattern })
        let differing = zip(cpu.coefficients, device.coefficients).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(differing) of \(cpu.coefficients.count) replicate coefficients differ")
        let valid = cpu.statuses.filter { $0 == 0 }.count
        if testCase.tiedValues == nil {
            #expect(valid > cpu.statuses.count / 2, "most replicates should be valid")
        } else {
            #expect(valid > 0 && valid < cpu.statuses.count, "some replicates are degenerate, some valid")
        }
    }

    /// The kernels' two forms of the Philox and index products (`WIDE_LANE_PRODUCTS`: 64-bit
    /// lanes on CPU devices, `mul_hi` on GPUs) give the same replicates; PoCL runs both.
    @Test(.requiresOpenCL, arguments: [false, true], TestBackends.devices)
    func bothProductFormsGiveTheCPUReplicates(wideLaneProducts: Bool, on device: TestDevice) throws {
        let openCL = try TestBackends.openCL(device, wideLaneProducts: wideLaneProducts)
        #expect(openCL.wideLaneProducts == wideLaneProducts)
        // The four-replicate kernel (one regressor, one row count), then the generic one; with
        // degenerate case resamples (tied regressors), and weighted residuals with zero weights.
        let workloads: [(regressors: Int, rows: ClosedRange<Int>, scheme: BootstrapScheme, tiedValues: Int?, weighted: Bool)] = [
            (1, 37...37, .cases, nil, false), (2, 10...60, .residuals, nil, false),
            (1, 6...6, .cases, 2, true), (2, 5...15, .cases, 2, true), (2, 10...60, .residuals, nil, true),
        ]
        for workload in workloads {
            let batch = try RandomBatches.make(rowCount: 500, regressorCount: workload.regressors, problemCount: 20,
                                               rowsPerProblem: workload.rows, weighted: workload.weighted,
                                               tiedValues: workload.tiedValues, zeroWeightShare: workload.weighted ? 0.2 : 0,
                                               seed: 11)
            let plan = BootstrapPlan(scheme: workload.scheme, resamples: 203, seed: 0xFEED_5EED_0000_0002, jitter: 0.2)
            let cpu = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
            let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
            #expect(cpu.statuses == device.statuses, "\(workload.scheme)")
            let differing = zip(cpu.coefficients, device.coefficients).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "\(workload.scheme): \(differing) of \(cpu.coefficients.count) replicate coefficients differ")
        }
    }

    /// A fit batch: problems of `regressors` regressors (a second half without intercept when `mixed`).
    struct FitShape: Sendable, CustomTestStringConvertible {
        let regressors: Int
        let weighted: Bool
        let hasIntercept: Bool
        var mixed = false
        var tiedValues: Int? = nil
        var precision = Precision.double
        var testDescription: String {
            "q=\(regressors) weighted=\(weighted) intercept=\(mixed ? "mixed" : "\(hasIntercept)")"
                + " ties=\(tiedValues.map(String.init) ?? "none") \(precision)"
        }

        func batch() throws -> ProblemBatch {
            let batch = try RandomBatches.make(rowCount: 300, regressorCount: regressors, problemCount: 200, rowsPerProblem: 1...40,
                                               weighted: weighted, hasIntercept: hasIntercept, tiedValues: tiedValues,
                                               zeroWeightShare: weighted ? 0.1 : 0, seed: 42 + UInt64(regressors))
            guard mixed else { return batch }
            return try ProblemBatch(table: batch.table, problems: batch.problems.enumerated().map { k, problem in
                RegressionProblem(rows: problem.rows, response: problem.response, regressors: problem.regressors,
                                  hasIntercept: k % 3 != 0, weights: problem.weights)
            })
        }
    }

    static let fitShapes: [FitShape] = [
        FitShape(regressors: 3, weighted: true, hasIntercept: true),
        FitShape(regressors: 0, weighted: true, hasIntercept: true),
        FitShape(regressors: 1, weighted: false, hasIntercept: true),
        FitShape(regressors: 1, weighted: true, hasIntercept: false),
        FitShape(regressors: 2, weighted: false, hasIntercept: true, mixed: true),
        FitShape(regressors: 7, weighted: false, hasIntercept: true),
        FitShape(regressors: 4, weighted: true, hasIntercept: true, mixed: true, precision: .float),
        FitShape(regressors: 1, weighted: false, hasIntercept: true, precision: .float),
        // Regressors of two values: rank-deficient problems among short ones.
        FitShape(regressors: 2, weighted: true, hasIntercept: true, tiedValues: 2),
    ]

    /// Fits in both kernel forms (`fit_problems`, and the `fit_columns_*` launches with several problems of
    /// different row counts per work-group, their state passed between launches) against the CPU backend.
    @Test(.requiresOpenCL, arguments: fitShapes, TestBackends.formsOnDevices)
    func fitsAreBitwiseEqual(_ shape: FitShape, on target: TestDeviceForm) throws {
        let openCL = try TestBackends.openCL(target.device, kernelForm: target.form)
        let batch = try shape.batch()
        let cpu = try CPUBackend().fit(batch, precision: shape.precision)
        let device = try openCL.fit(batch, precision: shape.precision)
        #expect(openCL.lastProgram?.kernels == (target.form == .gpu ? KernelSpecialization.fitColumnsKernels : ["fit_problems"]))
        #expect(cpu == device)
        #expect(cpu.contains { $0.status == .tooFewRows })
        #expect(cpu.contains { $0.status == .ok })
        if shape.tiedValues != nil { #expect(cpu.contains { $0.status == .rankDeficient }) }
    }

    /// Many small pipelined launches (each output slot reused, read back while the next launch
    /// runs) give one launch's replicates and the CPU backend's, bit for bit, in both kernel forms.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func manySmallLaunchesGiveOneLaunchsReplicates(on target: TestDeviceForm) throws {
        let batch = try RandomBatches.make(rowCount: 300, regressorCount: 2, problemCount: 7, rowsPerProblem: 8...60,
                                           weighted: true, seed: 21)
        let plan = BootstrapPlan(scheme: .cases, resamples: 150, seed: 0xFEED_5EED_0000_0003, replicateStandardErrors: true)
        let cpu = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        let single = try TestBackends.openCL(target.device, kernelForm: target.form).bootstrap(batch, plan: plan, precision: .double)
        /// The replicates' bit patterns, NaNs included.
        func bits(_ replicates: BootstrapReplicates) -> [[UInt64]] {
            [replicates.coefficients, replicates.standardErrors, replicates.residualSumsOfSquares].map { $0.map(\.bitPattern) }
                + [replicates.statuses.map { UInt64($0) }]
        }
        #expect(bits(single) == bits(cpu))
        #expect(cpu.statuses.filter { $0 == 0 }.count > cpu.statuses.count / 2, "most replicates should be valid")
        for cap in [3, 13] {
            let openCL = try TestBackends.openCL(target.device, maxReplicatesPerLaunch: cap, workGroupSize: 8, kernelForm: target.form)
            #expect(bits(try openCL.bootstrap(batch, plan: plan, precision: .double)) == bits(single), "\(cap) replicates per launch")
        }
    }

    /// The two output buffers of the pipelined launches stay within `memoryLimitBytes` together,
    /// and the launches that takes give the CPU backend's replicates.
    @Test(.requiresOpenCL, arguments: TestBackends.formsOnDevices)
    func doubleBufferedOutputsStayWithinTheMemoryLimit(on target: TestDeviceForm) throws {
        let batch = try RandomBatches.make(rowCount: 200, regressorCount: 1, problemCount: 5, rowsPerProblem: 10...50, seed: 4)
        let plan = BootstrapPlan(resamples: 300, seed: 31)
        // 25 bytes a replicate (two fp64 coefficients, a status byte, the residual sum of squares):
        // 1500 replicates need 37 500 bytes; 20 000 hold two buffers of 399 and their placeholders.
        let openCL = try OpenCLBackend(device: target.device.device, memoryLimitBytes: 20_000, workGroupSize: 8, kernelForm: target.form)
        let device = try openCL.bootstrap(batch, plan: plan, precision: .double)
        let launches = try #require(openCL.lastLaunches)
        #expect(launches.count >= 4 && launches.outputBytes <= 20_000, "\(launches)")
        #expect(device == (try CPUBackend().bootstrap(batch, plan: plan, precision: .double)))
    }

    @Test(.requiresOpenCL, arguments: TestBackends.devices)
    func resultsDoNotDependOnLaunchOrWorkGroupSize(on device: TestDevice) throws {
        let whole = try TestBackends.openCL(device)
        let chunked = try TestBackends.openCL(device, maxReplicatesPerLaunch: 13, workGroupSize: 8)
        let batch = try RandomBatches.make(rowCount: 100, regressorCount: 1, problemCount: 9, rowsPerProblem: 10...50, seed: 3)
        let plan = BootstrapPlan(resamples: 101, seed: 99)
        #expect(try whole.bootstrap(batch, plan: plan, precision: .double) == chunked.bootstrap(batch, plan: plan, precision: .double))
    }

    @Test func singlePrecisionStaysCloseToDouble() throws {
        for backend in TestBackends.all().map(\.backend) {
            let batch = try RandomBatches.make(rowCount: 200, regressorCount: 1, problemCount: 5, rowsPerProblem: 50...100, seed: 8)
            let plan = BootstrapPlan(resamples: 50, seed: 5)
            let double = try backend.bootstrap(batch, plan: plan, precision: .double)
            let float = try backend.bootstrap(batch, plan: plan, precision: .float)
            for k in 0..<5 {
                let slopes = zip(double.values(problem: k, coefficient: 1), float.values(problem: k, coefficient: 1))
                for (d, f) in slopes { #expect(abs(d - f) <= 1e-3 * abs(d) + 1e-5, "\(backend.name): \(d) vs \(f)") }
            }
        }
    }
}

/// Stream offsets: a bootstrap split into calls draws exactly what one call draws.
@Suite struct StreamOffsetTests {
    @Test(arguments: TestBackends.all())
    func splitCallsEqualOneCall(_ backend: TestBackend) throws {
        let batch = try RandomBatches.make(rowCount: 80, regressorCount: 1, problemCount: 6, rowsPerProblem: 10...40, seed: 11)
        let whole = try backend.backend.bootstrap(batch, plan: BootstrapPlan(resamples: 40, seed: 7, jitter: 0.2), precision: .double)
        let tail = try ProblemBatch(table: batch.table, problems: Array(batch.problems[2...]))
        let split = try backend.backend.bootstrap(tail, plan: BootstrapPlan(resamples: 15, seed: 7, jitter: 0.2,
                                                                            firstProblem: 2, firstReplicate: 25),
                                                  precision: .double)
        for k in 0..<4 {
            for b in 0..<15 {
                for j in 0..<2 {
                    #expect(split.coefficients[(k * 15 + b) * 2 + j] == whole.coefficients[((k + 2) * 40 + 25 + b) * 2 + j])
                }
            }
        }
    }
}

/// Per-problem stream indices: problems sharing rows and a stream index draw the same resamples.
@Suite struct StreamIndexTests {
    @Test(arguments: TestBackends.all())
    func sharedStreamIndexDrawsTheSameResamples(_ backend: TestBackend) throws {
        let base = try RandomBatches.make(rowCount: 60, regressorCount: 1, problemCount: 1, rowsPerProblem: 30...30, seed: 21)
        var hinge = base.table.columnNames.map { name in (name: name, values: Array(base.table.column(base.table.columnIndex(named: name)!))) }
        hinge.append((name: "hinge", values: hinge[0].values.map { max(0, $0 - 2000) }))
        let table = try DataTable(columns: hinge)
        let rows = base.problems[0].rows
        let batch = try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: rows, response: 1, regressors: [0], streamIndex: 5),
            RegressionProblem(rows: rows, response: 1, regressors: [0, 3], streamIndex: 5),
            RegressionProblem(rows: rows, response: 1, regressors: [0]),
        ])
        let plan = BootstrapPlan(resamples: 50, seed: 8, firstProblem: 3)
        let replicates = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
        let alone = try backend.backend.bootstrap(ProblemBatch(table: table, problems: [batch.problems[0]]),
                                                  plan: BootstrapPlan(resamples: 50, seed: 8), precision: .double)
        // Problem 0 (stream 5) ignores the plan's offset; problem 2 (no index) uses firstProblem + 2 = 5 too.
        #expect(replicates.values(problem: 0, coefficient: 1) == alone.values(problem: 0, coefficient: 1))
        #expect(replicates.values(problem: 2, coefficient: 1) == alone.values(problem: 0, coefficient: 1))
        // The hinge model sees the same resample: its RSS is never above the nested line's.
        for b in 0..<50 where replicates.status(problem: 1, replicate: b) == .ok {
            #expect(replicates.residualSumsOfSquares[50 + b] <= replicates.residualSumsOfSquares[b] * (1 + 1e-12))
        }
    }
}
