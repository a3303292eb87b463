import Testing
import TrendFit

/// The progress-reporting bootstrap: on the CPU one parallel run writing straight into the result,
/// elsewhere calls of `replicatesPerCall` resamples copied into place; bitwise one `bootstrap`
/// call's replicates and the chunks' either way, with progress reported on the way.
@Suite struct ProgressBootstrapTests {
    /// A backend that bootstraps on the CPU but reports progress through the protocol's chunked
    /// default, so that the default is checked where there is no OpenCL device.
    struct ChunkedCPU: RegressionBackend {
        let cpu = CPUBackend(replicatesPerTask: 64, threads: 2)
        var name: String { "chunked cpu" }
        var deviceName: String { cpu.deviceName }
        func supports(_ precision: Precision) -> Bool { true }
        func fit(_ batch: ProblemBatch, precision: Precision) throws(TrendFitError) -> [FitResult] {
            try cpu.fit(batch, precision: precision)
        }
        func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws(TrendFitError) -> BootstrapReplicates {
            try cpu.bootstrap(batch, plan: plan, precision: precision)
        }
    }

    /// The CPU backend in small tasks on three threads (many progress reports), the chunked
    /// default, and every hardware OpenCL device.
    static func backends() -> [TestBackend] {
        [TestBackend(backend: CPUBackend(replicatesPerTask: 64, threads: 3)), TestBackend(backend: ChunkedCPU())]
            + TestBackends.all().filter { $0.backend.name != "cpu" }
    }

    /// The replicates' bit patterns, NaNs and signed zeros included.
    static func bits(_ replicates: BootstrapReplicates) -> [[UInt64]] {
        [replicates.coefficients, replicates.standardErrors, replicates.residualSumsOfSquares].map { $0.map(\.bitPattern) }
            + [replicates.statuses.map { UInt64($0) }]
    }

    @Test(arguments: backends(), [false, true])
    func progressBootstrapEqualsOneCallAndItsChunks(_ backend: TestBackend, standardErrors: Bool) throws {
        // Tied regressor values: some case resamples are degenerate, so excluded statuses occur.
        let batch = try RandomBatches.make(rowCount: 120, regressorCount: 2, problemCount: 5, rowsPerProblem: 6...40,
                                           weighted: true, tiedValues: 4, seed: 17)
        let plan = BootstrapPlan(scheme: .cases, resamples: 1000, seed: 0x5EED_0008, replicateStandardErrors: standardErrors)
        let whole = try backend.backend.bootstrap(batch, plan: plan, precision: .double)
        var reports: [Int] = []
        let reported = try backend.backend.bootstrap(batch, plan: plan, precision: .double, replicatesPerCall: 170) {
            reports.append($0)
        }
        #expect(Self.bits(reported) == Self.bits(whole))
        #expect(whole.statuses.contains { $0 != 0 } && whole.statuses.contains(0), "both valid and excluded replicates")
        var chunks = BootstrapReplicates(problemCount: 5, resamples: 1000, coefficientStride: whole.coefficientStride,
                                         standardErrors: standardErrors)
        try backend.backend.bootstrapChunks(batch, plan: plan, precision: .double, replicatesPerCall: 170) { chunk, done in
            for k in 0..<5 {
                for b in 0..<chunk.resamples {
                    let (target, source) = (k * 1000 + done + b, k * chunk.resamples + b)
                    chunks.statuses[target] = chunk.statuses[source]
                    chunks.residualSumsOfSquares[target] = chunk.residualSumsOfSquares[source]
                    for j in 0..<whole.coefficientStride {
                        chunks.coefficients[target * whole.coefficientStride + j] = chunk.coefficients[source * whole.coefficientStride + j]
                        if standardErrors {
                            chunks.standardErrors[target * whole.coefficientStride + j]
                                = chunk.standardErrors[source * whole.coefficientStride + j]
                        }
                    }
                }
            }
        }
        #expect(Self.bits(chunks) == Self.bits(whole))
        #expect(reports.count >= 3 && reports == reports.sorted() && reports.last == 1000, "\(reports)")
        #expect(reports.allSatisfy { (1...1000).contains($0) }, "\(reports)")
    }
}
