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

    /// Creates a CPU backend running on `threads` threads (default: the CPUs this process may use).
    public init(replicatesPerTask: Int = 2048, threads: Int = CPUAllowance.available()) {
        self.replicatesPerTask = max(1, replicatesPerTask)
        self.threads = max(1, threads)
    }

    public var name: String { "cpu" }

    public var deviceName: String { "CPU, \(threads) thread\(threads == 1 ? "" : "s")" }

    public func supports(_ precision: Precision) -> Bool { true }

    public func fit(_ batch: ProblemBatch, precision: Precision) throws -> [FitResult] {
        let packed = PackedBatch(batch, precision: precision)
        let fits = switch precision {
        case .double: fitAll(packed, table: packed.table)
        case .float: fitAll(packed, table: packed.table.map(Float.init))
        }
        return try packed.scaling.unscale(fits, of: packed)
    }

    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws -> BootstrapReplicates {
        try plan.validate()
        let packed = PackedBatch(batch, precision: precision)
        let scaledPlan = try packed.scaling.scaled(plan, for: packed)
        let groups = plan.grouping == .none ? nil : ResampleGroups(batch: batch, grouping: plan.grouping)
        let replicates = switch precision {
        case .double: bootstrapAll(packed, table: packed.table, plan: scaledPlan, groups: groups)
        case .float: bootstrapAll(packed, table: packed.table.map(Float.init), plan: scaledPlan, groups: groups)
        }
        return try packed.scaling.unscale(replicates, of: packed)
    }

    private func fitAll<Real: KernelScalar>(_ packed: PackedBatch, table: [Real]) -> [FitResult] {
        var results = Array(repeating: FitResult(status: .tooFewRows, n: 0, coefficients: [], standardErrors: [],
                                                 residualStandardError: 0, rSquared: nil),
                            count: packed.problemCount)
        table.withUnsafeBufferPointer { tablePointer in
            packed.rowIndices.withUnsafeBufferPointer { rowPointer in
                results.withUnsafeMutableBufferPointer { resultBuffer in
                    let output = ParallelOutput(resultBuffer)
                    let tableInput = ParallelInput(tablePointer)
                    let rowInput = ParallelInput(rowPointer)
                    ParallelLoop.run(iterations: packed.problemCount, threads: threads) { k in
                        let rows = ProblemRows(table: tableInput.base, tableRowCount: packed.tableRowCount,
                                               rowIndices: rowInput.base, descriptor: packed.descriptor(k))
                        output.base[k] = FitResult(StreamingQRFit.fit(rows))
                    }
                }
            }
        }
        return results
    }

    private func bootstrapAll<Real: KernelScalar>(_ packed: PackedBatch, table: [Real], plan: BootstrapPlan,
                                                  groups: ResampleGroups?) -> BootstrapReplicates {
        let inputs = ResamplingInputs(batch: packed, table: table, scheme: plan.scheme)
        let design = CentredDesign(batch: packed, table: table, shifts: inputs.shifts)
        let total = packed.problemCount * plan.resamples
        let stride = packed.coefficientStride
        let maxRows = max((0..<packed.problemCount).map { packed.descriptor($0).rowCount }.max() ?? 0,
                          groups?.maxDrawnRows ?? 0)
        let groupOffsets = groups?.offsets ?? []
        let groupLayout = groups?.layout ?? []
        var coefficients = Array(repeating: Real(0), count: total * stride)
        var residualSums = Array(repeating: Real(0), count: total)
        var statuses = Array(repeating: UInt8(0), count: total)
        var errors = Array(repeating: Real(0), count: plan.replicateStandardErrors ? total * stride : 0)
        let taskSize = replicatesPerTask
        let taskCount = (total + taskSize - 1) / taskSize
        design.values.withUnsafeBufferPointer { designPointer in
        design.weights.withUnsafeBufferPointer { weightPointer in
        packed.descriptors.withUnsafeBufferPointer { descriptorPointer in
        inputs.shifts.withUnsafeBufferPointer { shiftPointer in
        inputs.fitted.withUnsafeBufferPointer { fittedPointer in
        inputs.residuals.withUnsafeBufferPointer { residualPointer in
        inputs.residualScales.withUnsafeBufferPointer { scalePointer in
        inputs.poolSizes.withUnsafeBufferPointer { poolPointer in
        coefficients.withUnsafeMutableBufferPointer { coefficientBuffer in
        residualSums.withUnsafeMutableBufferPointer { residualBuffer in
        statuses.withUnsafeMutableBufferPointer { statusBuffer in
        errors.withUnsafeMutableBufferPointer { errorBuffer in
        groupOffsets.withUnsafeBufferPointer { groupOffsetPointer in
        groupLayout.withUnsafeBufferPointer { groupLayoutPointer in
            let solver = ReplicateSolver(
                design: designPointer.baseAddress ?? shiftPointer.baseAddress!, designStride: design.stride,
                weights: design.weights.isEmpty ? nil : weightPointer.baseAddress, descriptors: descriptorPointer.baseAddress!,
                shifts: shiftPointer.baseAddress!,
                fitted: fittedPointer.baseAddress ?? shiftPointer.baseAddress!,
                residuals: residualPointer.baseAddress ?? shiftPointer.baseAddress!,
                residualScales: inputs.residualScales.isEmpty ? nil : scalePointer.baseAddress,
                poolSizes: poolPointer.baseAddress ?? descriptorPointer.baseAddress!,
                scheme: plan.scheme, wildWeights: plan.wildWeights, wildValues: Self.lanes(WildWeights.values(plan.wildWeights)),
                seed: plan.seed, jitter: Real(plan.jitter),
                minimumDistinctRows: plan.minimumDistinctRows, firstProblem: plan.firstProblem,
                firstReplicate: plan.firstReplicate)
            let grouped = groups.map { _ in
                GroupedCaseSolver(solver: solver, grouping: plan.grouping, offsets: groupOffsetPointer.baseAddress!,
                                  layout: groupLayoutPointer.baseAddress!)
            }
            let coefficientOutput = ParallelOutput(coefficientBuffer)
            let statusOutput = ParallelOutput(statusBuffer)
            let residualOutput = ParallelOutput(residualBuffer)
            let errorOutput = plan.replicateStandardErrors ? ParallelOutput(errorBuffer) : nil
            ParallelLoop.run(iterations: taskCount, threads: threads) { task in
                let scratch = ReplicateSolver<Real>.Scratch(maxRows: maxRows)
                defer { scratch.deallocate() }
                let end = min(total, (task + 1) * taskSize)
                if let grouped {
                    let positions = GroupedCaseSolver<Real>.Positions(maxDrawnRows: maxRows)
                    defer { positions.deallocate() }
                    for index in (task * taskSize)..<end {
                        let status = grouped.run(problem: index / plan.resamples, replicate: index % plan.resamples,
                                                 output: coefficientOutput.base + index * stride,
                                                 residualSum: residualOutput.base + index,
                                                 errors: errorOutput.map { $0.base + index * stride }, scratch: scratch,
                                                 positions: positions)
                        statusOutput.base[index] = status.rawValue
                    }
                    return
                }
                let group = ReplicateSolver<Real>.interleavedReplicates
                var index = task * taskSize
                while index < end {
                    let problem = index / plan.resamples
                    let replicate = index % plan.resamples
                    if solver.interleaves && index + group <= end && replicate + group <= plan.resamples {
                        solver.runInterleaved(problem: problem, replicate: replicate,
                                              output: coefficientOutput.base + index * stride, outputStride: stride,
                                              residualSum: residualOutput.base + index,
                                              status: statusOutput.base + index,
                                              errors: errorOutput.map { $0.base + index * stride }, scratch: scratch)
                        index += group
                    } else {
                        let status = solver.run(problem: problem, replicate: replicate,
                                                output: coefficientOutput.base + index * stride,
                                                residualSum: residualOutput.base + index,
                                                errors: errorOutput.map { $0.base + index * stride }, scratch: scratch)
                        statusOutput.base[index] = status.rawValue
                        index += 1
                    }
                }
            }
        }}}}}}}}}}}}}}
        var replicates = BootstrapReplicates(problemCount: packed.problemCount, resamples: plan.resamples,
                                             coefficientStride: stride, coefficients: coefficients,
                                             statuses: statuses, residualSumsOfSquares: residualSums,
                                             standardErrors: errors)
        replicates.excludeAll(problems: inputs.unusableProblems)
        return replicates
    }
}

extension CPUBackend {
    /// The first (up to) eight values in the lanes of a vector, zeros after them.
    static func lanes<Real: KernelScalar>(_ values: [Real]) -> SIMD8<Real> {
        var vector = SIMD8<Real>()
        for (lane, value) in values.prefix(8).enumerated() { vector[lane] = value }
        return vector
    }
}

extension FitResult {
    /// Converts a streaming-QR output to the public result type.
    init<Real: KernelScalar>(_ output: StreamingQRFit<Real>.Output) {
        let ok = output.status == .ok
        self.init(status: output.status, n: output.n,
                  coefficients: ok ? output.coefficients.map(Double.init) : [],
                  standardErrors: ok ? output.standardErrors.map(Double.init) : [],
                  residualStandardError: ok ? Double(output.residualStandardError) : 0,
                  rSquared: ok && !output.rSquared.isNaN ? Double(output.rSquared) : nil)
    }
}
