import Dispatch
import Foundation

/// The reference backend: the kernels' arithmetic in Swift, spread over `threads` threads.
///
/// Its replicates are the ones OpenCL results are compared against: the same operations in the
/// same order as `Kernels/*.cl`, with no fused multiply-adds.
public final class CPUBackend: RegressionBackend {
    /// Replicates computed by one task of the parallel loop; any value gives the same results.
    public let replicatesPerTask: Int

    /// Threads that share the work; any number gives the same results.
    public let threads: Int

    /// Replicates per vector of the case-resampling C code with 1 to 7 regressors (8: AVX-512,
    /// 4: AVX2); nil: the widest this CPU runs. Any value gives the same results.
    let caseRowSlots: Int?

    /// Creates a CPU backend running on `threads` threads (default: the CPUs this process may use).
    public convenience init(replicatesPerTask: Int = 2048, threads: Int = CPUAllowance.available()) {
        self.init(replicatesPerTask: replicatesPerTask, threads: threads, caseRowSlots: nil)
    }

    /// Creates a CPU backend whose replicate C code (`ReplicateSolver.caseRowSlots`) runs `caseRowSlots` replicates per
    /// vector (4 or 8; nil: the widest this CPU runs).
    init(replicatesPerTask: Int, threads: Int, caseRowSlots: Int?) {
        self.replicatesPerTask = max(1, replicatesPerTask)
        self.threads = max(1, threads)
        self.caseRowSlots = caseRowSlots
    }

    public var name: String { "cpu" }

    public var deviceName: String { "CPU, \(threads) thread\(threads == 1 ? "" : "s")" }

    public func supports(_ precision: Precision) -> Bool { true }

    public func fit(_ batch: ProblemBatch, precision: Precision) throws(TrendFitError) -> [FitResult] {
        switch precision {
        case .double: try fitAll(PreparedBatch<Double>(batch))
        case .float: try fitAll(PreparedBatch<Float>(batch))
        }
    }

    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws(TrendFitError) -> BootstrapReplicates {
        try bootstrap(batch, plan: plan, precision: precision, replicatesPerCall: .max) { _ in }
    }

    /// Draws every replicate in one parallel run straight into the returned storage, calling
    /// `progress` (one call at a time, from whichever thread finished the work) each time about
    /// `replicatesPerCall` more resamples of every problem are done, and once at the end.
    ///
    /// Equal, bitwise, to `bootstrap` and to the replicates `bootstrapChunks` hands over.
    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                          progress: (_ completedResamples: Int) -> Void) throws(TrendFitError) -> BootstrapReplicates {
        let result = switch precision {
        case .double: try bootstrapAll(PreparedBootstrap<Double>(batch, plan: plan), replicatesPerReport: replicatesPerCall,
                                       progress: progress)
        case .float: try bootstrapAll(PreparedBootstrap<Float>(batch, plan: plan), replicatesPerReport: replicatesPerCall,
                                      progress: progress)
        }
        progress(plan.resamples)
        return result
    }

    private func fitAll<Real: KernelScalar>(_ prepared: PreparedBatch<Real>) throws(TrendFitError) -> [FitResult] {
        let memory = PinnedMemory()
        let packed = prepared.packed
        let table = memory.copy(prepared.table)
        let rowIndices = memory.copy(packed.rowIndices)
        let fits = withExtendedLifetime(memory) {
            ParallelLoop.map(count: packed.problemCount, threads: threads) { k in
                FitResult(StreamingQRFit.fit(ProblemRows(table: table, tableRowCount: packed.tableRowCount,
                                                         rowIndices: rowIndices, descriptor: packed.descriptor(k))))
            }
        }
        return try prepared.results(fits)
    }

    /// Computes every replicate of `prepared` into storage that each task zero-fills for its own
    /// replicates first (so the pages are first touched by the threads that write them), reporting
    /// progress every `replicatesPerReport` resamples of every problem.
    private func bootstrapAll<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>, replicatesPerReport: Int,
                                                  progress: (Int) -> Void) throws(TrendFitError) -> BootstrapReplicates {
        let memory = PinnedMemory()
        var configured = ReplicateSolver(prepared, memory: memory)
        if let caseRowSlots { configured.caseRowSlots = caseRowSlots }
        let solver = configured
        let grouped = GroupedCaseSolver(prepared, solver: solver, memory: memory)
        var output = prepared.makeOutput(zeroed: false)
        let counter = ReplicateProgress(problemCount: prepared.batch.problemCount, resamplesPerReport: replicatesPerReport)
        withExtendedLifetime(memory) {
            output.withPointers { pointers in
                run(solver, grouped: grouped, replicates: prepared.replicateCount, resamples: prepared.plan.resamples,
                    stride: prepared.coefficientStride, maxRows: prepared.maxDrawnRows, into: pointers) { finished in
                    counter.add(finished, report: progress)
                }
            }
        }
        return try prepared.replicates(output)
    }

    /// Computes `replicates` replicates (`resamples` per problem) in tasks of `replicatesPerTask`,
    /// with `grouped` when given, else with `solver` (four interleaved replicates at a time where it can);
    /// each task zero-fills its replicates' storage before computing them and calls `finished` with
    /// their number afterwards.
    @inline(__always)
    private func run<Real: KernelScalar>(_ solver: ReplicateSolver<Real>, grouped: GroupedCaseSolver<Real>?, replicates total: Int,
                                         resamples: Int, stride: Int, maxRows: Int, into output: ReplicatePointers<Real>,
                                         finished: (Int) -> Void) {
        let taskSize = replicatesPerTask
        let taskCount = (total + taskSize - 1) / taskSize
        ParallelLoop.run(iterations: taskCount, threads: threads) { task in
            guard let coefficients = output.coefficients, let statuses = output.statuses else { return }
            let (residualSums, errors) = (output.residualSums, output.standardErrors)
            let scratch = ReplicateSolver<Real>.Scratch(maxRows: maxRows)
            defer { scratch.deallocate() }
            let end = min(total, (task + 1) * taskSize)
            output.zero(replicates: (task * taskSize)..<end, stride: stride)
            defer { finished(end - task * taskSize) }
            if let grouped {
                let positions = GroupedCaseSolver<Real>.Positions(maxDrawnRows: maxRows)
                defer { positions.deallocate() }
                for index in (task * taskSize)..<end {
                    let status = grouped.run(problem: index / resamples, replicate: index % resamples,
                                             output: coefficients + index * stride, residualSum: residualSums.map { $0 + index },
                                             errors: errors.map { $0 + index * stride }, scratch: scratch,
                                             positions: positions)
                    statuses[index] = status.rawValue
                }
                return
            }
            let wide = solver.interleavedSlots, narrow = ReplicateSolver<Real>.interleavedReplicates
            var index = task * taskSize
            while index < end {
                let problem = index / resamples
                let replicate = index % resamples
                let left = min(end - index, resamples - replicate)
                let group = left >= wide ? wide : narrow
                if solver.interleaves && left >= group {
                    solver.runInterleaved(problem: problem, replicate: replicate, slots: group,
                                          output: coefficients + index * stride, outputStride: stride,
                                          residualSum: residualSums.map { $0 + index }, status: statuses + index,
                                          errors: errors.map { $0 + index * stride }, scratch: scratch)
                    index += group
                } else {
                    let status = solver.run(problem: problem, replicate: replicate,
                                            output: coefficients + index * stride, residualSum: residualSums.map { $0 + index },
                                            errors: errors.map { $0 + index * stride }, scratch: scratch)
                    statuses[index] = status.rawValue
                    index += 1
                }
            }
        }
    }
}

extension FitResult {
    /// Converts a streaming-QR output to the public result type.
    init<Real: KernelScalar>(_ output: StreamingQRFit<Real>.Output) {
        self.init(status: output.status, n: output.n, coefficients: output.coefficients,
                  standardErrors: output.standardErrors, residualStandardError: output.residualStandardError,
                  rSquared: output.rSquared)
    }
}
