import Testing
import TrendFit
import TrendFitOpenCL

/// The error boundary: what fails inside a backend leaves it as a `TrendFitError` that names the
/// device and what to try, and no engine message names a command-line flag.
@Suite struct BackendFailureTests {
    /// A batch of one straight-line problem, over a table with a column of signed values (2).
    static func lineBatch() throws -> ProblemBatch {
        let x = (0..<20).map(Double.init)
        let table = try DataTable(columns: [("y", x.map { 2 * $0 + 1 + ($0.truncatingRemainder(dividingBy: 3) - 1) / 10 }), ("x", x),
                                            ("signed", x.map { $0 - 10 })])
        return try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<20).map(Int32.init), response: 0, regressors: [1])])
    }

    /// What a backend is asked to do: fit or bootstrap.
    enum Request: String, CaseIterable, Sendable {
        case fit, bootstrap

        /// Runs the request on `backend`.
        func run(on backend: any RegressionBackend, _ batch: ProblemBatch) throws(TrendFitError) {
            switch self {
            case .fit: _ = try backend.fit(batch, precision: .double)
            case .bootstrap: _ = try backend.bootstrap(batch, plan: BootstrapPlan(resamples: 50, seed: 3), precision: .double)
            }
        }
    }

    /// A work-group size beyond any device's maximum makes the kernel launch fail in OpenCL; the
    /// failure comes out as a backend failure naming the device, the task and the largest size allowed.
    @Test(.requiresOpenCL, arguments: Request.allCases, TestBackends.devices)
    func anOpenCLFailureIsABackendFailureNamingTheDevice(_ request: Request, on device: TestDevice) throws {
        let backend = try TestBackends.openCL(device, workGroupSize: 1 << 24)
        let batch = try Self.lineBatch()
        do {
            try request.run(on: backend, batch)
            Issue.record("a launch of work-groups of 2^24 items succeeded on \(backend.deviceName)")
        } catch {
            guard case .backendFailure(let device, let reason) = error else {
                Issue.record("expected a backend failure, got \(error)")
                return
            }
            #expect(device == backend.deviceName)
            #expect(error.description.contains(backend.device.name))
            #expect(reason.hasPrefix(request == .fit ? "fitting 1 problem: " : "bootstrapping 1 problem × 50 resamples: "))
            #expect(reason.contains("work-group size of at most \(backend.device.maxWorkGroupSize)"))
            #expect(!error.description.contains("--"))
        }
        // The failure came from the launch geometry alone: with a work-group size the device allows, the request succeeds.
        let usable = try TestBackends.openCL(device)
        try request.run(on: usable, batch)
    }

    /// Requests the engine refuses, one per kind of message, each with the error it throws.
    static func refusals() throws -> [(request: String, error: TrendFitError?)] {
        func error(_ body: () throws(TrendFitError) -> Void) -> TrendFitError? {
            do { try body() } catch { return error }
            return nil
        }
        let batch = try lineBatch()
        let table = batch.table
        let line = batch.problems[0]
        let cpu = CPUBackend(threads: 1)
        func bootstrap(_ plan: BootstrapPlan) -> TrendFitError? {
            error { () throws(TrendFitError) in _ = try cpu.bootstrap(batch, plan: plan, precision: .double) }
        }
        func problem(_ change: (inout RegressionProblem) -> Void) -> TrendFitError? {
            var problem = line
            change(&problem)
            return error { () throws(TrendFitError) in _ = try ProblemBatch(table: table, problems: [problem]) }
        }
        func summary(_ replicates: [Double], _ method: IntervalMethod = .percentile, confidence: Double = 0.95) -> TrendFitError? {
            error { () throws(TrendFitError) in
                _ = try CoefficientSummary(estimate: 0, replicates: replicates, method: method, confidence: confidence)
            }
        }
        var refusals: [(request: String, error: TrendFitError?)] = [
            ("a column of the wrong length", error { () throws(TrendFitError) in _ = try DataTable(columns: [("a", [1]), ("b", [1, 2])]) }),
            ("a column twice", error { () throws(TrendFitError) in _ = try DataTable(columns: [("a", [1]), ("a", [2])]) }),
            ("a column outside the table", problem { $0.regressors = [5] }),
            ("no coefficients", problem { $0.regressors = []; $0.hasIntercept = false }),
            ("too many coefficients", problem { $0.regressors = Array(repeating: 1, count: ProblemBatch.maxCoefficients) }),
            ("a stream index out of range", problem { $0.streamIndex = -1 }),
            ("group labels of the wrong count", problem { $0.groups = [1] }),
            ("a row outside the table", problem { $0.rows = [0, 99] }),
            ("a negative weight", problem { $0.weights = 2 }),
            ("no resamples", bootstrap(BootstrapPlan(resamples: 0, seed: 1))),
            ("stream offsets beyond 32 bits", bootstrap(BootstrapPlan(resamples: 10, seed: 1, firstReplicate: Int(UInt32.max)))),
            ("a negative jitter", bootstrap(BootstrapPlan(resamples: 10, seed: 1, jitter: -1))),
            ("strata with residual resampling", bootstrap(BootstrapPlan(scheme: .residuals, resamples: 10, seed: 1, grouping: .strata))),
            ("too many distinct rows", bootstrap(BootstrapPlan(resamples: 10, seed: 1, minimumDistinctRows: 1000))),
            ("no confidence level", error { () throws(TrendFitError) in _ = try ConfidenceLevels([]) }),
            ("a confidence level of 1", error { () throws(TrendFitError) in _ = try ConfidenceLevels([1]) }),
            ("a confidence level twice", error { () throws(TrendFitError) in _ = try ConfidenceLevels([0.9, 0.9]) }),
            ("an unreadable confidence level", error { () throws(TrendFitError) in _ = try ConfidenceLevels(parsing: "0.9,x") }),
            ("a confidence of 0", summary([1, 2, 3], confidence: 0)),
            ("one replicate", summary([1])),
            ("a NaN replicate", summary([1, .nan, 3])),
            ("a studentized interval without standard errors", summary([1, 2, 3], .studentized)),
            ("BCa without a jackknife", summary([1, 2, 3], .bca)),
            ("a memory limit of 1 byte", error { () throws(TrendFitError) in _ = try MemoryLimit(bytes: 1) }),
            ("an unreadable memory limit", error { () throws(TrendFitError) in _ = try MemoryLimit(parsing: "lots") }),
            ("replicates beyond the memory limit", error { () throws(TrendFitError) in
                try BootstrapReplicates.checkFits(batch, plan: BootstrapPlan(resamples: 2_000_000_000, seed: 1),
                                                  within: MemoryLimit(bytes: 4 << 20))
            }),
        ]
        // Jitter with responses scaled by different powers of two.
        let scales = try DataTable(columns: [("small", [1e-300, 2e-300, 4e-300]), ("large", [1e300, 3e300, 2e300]), ("x", [1, 2, 3])])
        let mixed = try ProblemBatch(table: scales, problems: [
            RegressionProblem(rows: [0, 1, 2], response: 0, regressors: [2]),
            RegressionProblem(rows: [0, 1, 2], response: 1, regressors: [2]),
        ])
        refusals.append(("jitter on responses of different scales", error { () throws(TrendFitError) in
            _ = try cpu.bootstrap(mixed, plan: BootstrapPlan(resamples: 10, seed: 1, jitter: 0.1), precision: .double)
        }))
        if let device = TestBackends.devices.first {
            let openCL = try TestBackends.openCL(device, workGroupSize: 1 << 24)
            refusals.append(("an OpenCL launch that fails", error { () throws(TrendFitError) in _ = try openCL.fit(batch, precision: .double) }))
        }
        return refusals
    }

    /// Every refusal is a `TrendFitError` whose message speaks of the request, not of the command
    /// line's flags (which a command line adds when it renders the error).
    @Test func noEngineMessageNamesACommandLineFlag() throws {
        for (request, error) in try Self.refusals() {
            let error = try #require(error, "\(request) was not refused")
            #expect(!error.description.contains("--"), "\(request): \(error)")
            #expect(!error.description.isEmpty)
        }
    }
}
