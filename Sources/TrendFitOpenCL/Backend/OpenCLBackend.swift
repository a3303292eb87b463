import COpenCL
import Foundation
import TrendFit

/// Fits and bootstraps problem batches on one OpenCL device.
///
/// Kernels are compiled once per `KernelSpecialization` (precision, batch shape, bootstrap
/// scheme and options) and cached for the backend's lifetime. Replicates run in launches sized
/// to stay under `memoryLimitBytes` of output; the stream of a replicate depends only on (seed, problem,
/// replicate), so launch size and work-group size never change results.
public final class OpenCLBackend: RegressionBackend, @unchecked Sendable {
    /// The device the backend runs on.
    public let device: OpenCLDevice
    /// Upper bound on the replicate output held on the device per launch.
    public let memoryLimitBytes: Int
    /// Optional cap on replicates per launch (tests use it to check chunk invariance).
    public let maxReplicatesPerLaunch: Int?
    /// Work-group size of bootstrap launches, or nil for 128 (at most the device's maximum).
    ///
    /// One fixed size matters on PoCL, which compiles a kernel anew for each work-group size:
    /// left to the driver, launch sizes that differ get different group sizes and recompile.
    public let workGroupSize: Int?
    /// Whether kernels write 32×32→64-bit integer products on 64-bit lanes, the form CPU vector
    /// units run fast, rather than with `mul_hi`, native on GPUs. Defaults to whether the device
    /// is a CPU; both forms give the same numbers.
    public let wideLaneProducts: Bool
    /// The shape of the kernels launched; defaults to the form for the device's type
    /// (`KernelForm.forDeviceType`). Either form gives the same replicates.
    public let kernelForm: KernelForm

    let context: OpenCLContext
    private let lock = NSLock()
    /// The programs built so far (tests check that one shape builds one).
    private(set) var programs: [KernelSpecialization: OpenCLProgram] = [:]
    /// The program of the latest launch (tests compare it with what `trendfit kernels` prints).
    private(set) var lastProgram: KernelProgram?

    /// Creates a backend on `device`.
    public init(device: OpenCLDevice, memoryLimitBytes: Int = 256 << 20, maxReplicatesPerLaunch: Int? = nil,
                workGroupSize: Int? = nil, wideLaneProducts: Bool? = nil, kernelForm: KernelForm? = nil) throws {
        self.device = device
        self.memoryLimitBytes = memoryLimitBytes
        self.maxReplicatesPerLaunch = maxReplicatesPerLaunch
        self.workGroupSize = workGroupSize
        self.kernelForm = kernelForm ?? KernelForm.forDeviceType(device.type)
        self.wideLaneProducts = wideLaneProducts ?? KernelProgram.wideLaneProducts(deviceType: device.type)
        context = try OpenCLContext(device: device)
    }

    public var name: String { "opencl" }

    public var deviceName: String { "\(device.name) (\(device.platformName), \(device.type))" }

    public func supports(_ precision: Precision) -> Bool {
        precision == .float || device.supportsDouble
    }

    public func fit(_ batch: ProblemBatch, precision: Precision) throws -> [FitResult] {
        try checkSupport(precision)
        lock.lock()
        defer { lock.unlock() }
        let packed = PackedBatch(batch, precision: precision)
        let fits = switch precision {
        case .double: try fitAll(packed, table: packed.table, precision: precision)
        case .float: try fitAll(packed, table: packed.table.map(Float.init), precision: precision)
        }
        return try packed.scaling.unscale(fits, of: packed)
    }

    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws -> BootstrapReplicates {
        try plan.validate()
        try checkSupport(precision)
        lock.lock()
        defer { lock.unlock() }
        let packed = PackedBatch(batch, precision: precision)
        let scaledPlan = try packed.scaling.scaled(plan, for: packed)
        let groups = plan.grouping == .none ? nil : ResampleGroups(batch: batch, grouping: plan.grouping)
        let replicates = switch precision {
        case .double: try bootstrapAll(packed, table: packed.table, plan: scaledPlan, groups: groups, precision: precision)
        case .float:
            try bootstrapAll(packed, table: packed.table.map(Float.init), plan: scaledPlan, groups: groups, precision: precision)
        }
        return try packed.scaling.unscale(replicates, of: packed)
    }

    private func checkSupport(_ precision: Precision) throws {
        guard supports(precision) else {
            throw TrendFitError.unsupported("\(device.name) has no double precision (cl_khr_fp64): use --precision float")
        }
    }

    /// The kernel of `specialization`, its program built or taken from the cache.
    private func kernel(_ specialization: KernelSpecialization) throws -> OpenCLKernel {
        let program = KernelProgram(specialization)
        lastProgram = program
        if let cached = programs[specialization] { return try OpenCLKernel(cached, name: program.kernel) }
        let built = try OpenCLProgram(context, source: KernelProgram.source, options: program.options)
        programs[specialization] = built
        return try OpenCLKernel(built, name: program.kernel)
    }

    private func fitAll<Real: KernelScalar>(_ packed: PackedBatch, table: [Real], precision: Precision) throws -> [FitResult] {
        guard packed.problemCount > 0 else { return [] }
        let kernel = try kernel(.fit(packed, precision: precision, wideLaneProducts: wideLaneProducts, form: kernelForm))
        let stride = max(packed.coefficientStride, 1)
        let count = packed.problemCount
        let coefficients = try OpenCLBuffer(context, byteCount: count * stride * MemoryLayout<Real>.stride)
        let errors = try OpenCLBuffer(context, byteCount: count * stride * MemoryLayout<Real>.stride)
        let statisticStride = KernelABI.fitStatisticStride
        let countStride = KernelABI.fitCountStride
        let statistics = try OpenCLBuffer(context, byteCount: count * statisticStride * MemoryLayout<Real>.stride)
        let counts = try OpenCLBuffer(context, byteCount: count * countStride * MemoryLayout<Int32>.stride)
        let tableBuffer = try OpenCLBuffer(context, copying: table)
        let rowBuffer = try OpenCLBuffer(context, copying: packed.rowIndices)
        let descriptorBuffer = try OpenCLBuffer(context, copying: packed.descriptors)
        try kernel.setArgument(0, tableBuffer)
        try kernel.setArgument(1, value: Int32(packed.tableRowCount))
        try kernel.setArgument(2, rowBuffer)
        try kernel.setArgument(3, descriptorBuffer)
        try kernel.setArgument(4, value: Int32(count))
        try kernel.setArgument(5, value: Int32(stride))
        try kernel.setArgument(6, coefficients)
        try kernel.setArgument(7, errors)
        try kernel.setArgument(8, statistics)
        try kernel.setArgument(9, counts)
        try kernel.launch(context, count: count, groupSize: workGroupSize)
        var hostCoefficients = Array(repeating: Real(0), count: count * stride)
        var hostErrors = Array(repeating: Real(0), count: count * stride)
        var hostStatistics = Array(repeating: Real(0), count: count * statisticStride)
        var hostCounts = Array(repeating: Int32(0), count: count * countStride)
        try coefficients.read(into: &hostCoefficients, offset: 0, count: count * stride, context: context)
        try errors.read(into: &hostErrors, offset: 0, count: count * stride, context: context)
        try statistics.read(into: &hostStatistics, offset: 0, count: count * statisticStride, context: context)
        try counts.read(into: &hostCounts, offset: 0, count: count * countStride, context: context)
        return (0..<count).map { k in
            func countValue(_ slot: KernelABI.FitCountSlot) -> Int32 { hostCounts[k * countStride + slot.rawValue] }
            func statisticValue(_ slot: KernelABI.FitStatisticSlot) -> Real { hostStatistics[k * statisticStride + slot.rawValue] }
            let status = FitStatus(rawValue: UInt8(countValue(.status))) ?? .rankDeficient
            let p = packed.descriptor(k).coefficientCount
            let ok = status == .ok
            let rSquared = Double(statisticValue(.rSquared))
            return FitResult(status: status, n: Int(countValue(.positiveRows)),
                             coefficients: ok ? hostCoefficients[(k * stride)..<(k * stride + p)].map(Double.init) : [],
                             standardErrors: ok ? hostErrors[(k * stride)..<(k * stride + p)].map(Double.init) : [],
                             residualStandardError: ok ? Double(statisticValue(.residualStandardError)) : 0,
                             rSquared: ok && !rSquared.isNaN ? rSquared : nil)
        }
    }

    /// Reads back per replicate: the coefficients (`stride` scalars), the status byte, the residual
    /// sum of squares and, when asked, the standard errors (`stride` scalars).
    public func deviceToHostBytesPerReplicate(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) -> Int {
        let scalarBytes = precision == .double ? MemoryLayout<Double>.stride : MemoryLayout<Float>.stride
        return Self.bytesPerReplicate(coefficientStride: max(batch.coefficientStride, 1), scalarBytes: scalarBytes,
                                      standardErrors: plan.replicateStandardErrors)
    }

    /// Bytes of the output buffers one replicate fills, all of which `bootstrapAll` reads back.
    private static func bytesPerReplicate(coefficientStride stride: Int, scalarBytes: Int, standardErrors: Bool) -> Int {
        (standardErrors ? 2 : 1) * stride * scalarBytes + MemoryLayout<ReplicateStatus.RawValue>.stride + scalarBytes
    }

    private func bootstrapAll<Real: KernelScalar>(_ packed: PackedBatch, table: [Real], plan: BootstrapPlan,
                                                  groups: ResampleGroups?, precision: Precision) throws -> BootstrapReplicates {
        let total = packed.problemCount * plan.resamples
        guard total > 0 else {
            return BootstrapReplicates(problemCount: packed.problemCount, resamples: plan.resamples,
                                       coefficientStride: packed.coefficientStride,
                                       standardErrors: plan.replicateStandardErrors)
        }
        let inputs = ResamplingInputs(batch: packed, table: table, scheme: plan.scheme)
        let design = CentredDesign(batch: packed, table: table, shifts: inputs.shifts)
        let groupSize = workGroupSize ?? min(128, device.maxWorkGroupSize)
        let specialization = KernelSpecialization.bootstrap(packed, plan: plan, precision: precision,
                                                            wideLaneProducts: wideLaneProducts, form: kernelForm,
                                                            groupSize: groupSize)
        let kernel = try kernel(specialization)
        let stride = max(packed.coefficientStride, 1)
        let bytesPerReplicate = Self.bytesPerReplicate(coefficientStride: stride, scalarBytes: MemoryLayout<Real>.stride,
                                                       standardErrors: plan.replicateStandardErrors)
        var launchSize = min(total, max(1, memoryLimitBytes / bytesPerReplicate), Int(UInt32.max) / 2)
        if let cap = maxReplicatesPerLaunch { launchSize = min(launchSize, max(1, cap)) }
        let coefficientMajor = specialization.problemGroupSize != nil
        let launches = if let problemGroupSize = specialization.problemGroupSize {
            BootstrapLaunch.problemGroups(problems: packed.problemCount, resamples: plan.resamples,
                                          groupSize: problemGroupSize, launchSize: launchSize)
        } else {
            BootstrapLaunch.consecutive(total: total, launchSize: launchSize,
                                        replicatesPerItem: specialization.replicatesPerItem)
        }
        launchSize = launches.map(\.count).max() ?? launchSize

        let designBuffer = try OpenCLBuffer(context, copying: design.values)
        let weightBuffer = try OpenCLBuffer(context, copying: design.weights)
        let descriptorBuffer = try OpenCLBuffer(context, copying: packed.descriptors)
        let shiftBuffer = try OpenCLBuffer(context, copying: inputs.shifts)
        let fittedBuffer = try OpenCLBuffer(context, copying: inputs.fitted)
        let residualBuffer = try OpenCLBuffer(context, copying: inputs.residuals)
        let residualScaleBuffer = try OpenCLBuffer(context, copying: inputs.residualScales)
        let poolSizeBuffer = try OpenCLBuffer(context, copying: inputs.poolSizes)
        let coefficientBuffer = try OpenCLBuffer(context, byteCount: launchSize * stride * MemoryLayout<Real>.stride)
        let statusBuffer = try OpenCLBuffer(context, byteCount: launchSize)
        let residualSumBuffer = try OpenCLBuffer(context, byteCount: launchSize * MemoryLayout<Real>.stride)
        let errorCount = plan.replicateStandardErrors ? launchSize * stride : 1
        let errorBuffer = try OpenCLBuffer(context, byteCount: errorCount * MemoryLayout<Real>.stride)
        try kernel.setArgument(0, designBuffer)
        try kernel.setArgument(1, weightBuffer)
        try kernel.setArgument(2, descriptorBuffer)
        try kernel.setArgument(3, shiftBuffer)
        try kernel.setArgument(4, fittedBuffer)
        try kernel.setArgument(5, residualBuffer)
        try kernel.setArgument(6, residualScaleBuffer)
        try kernel.setArgument(7, poolSizeBuffer)
        try kernel.setArgument(8, value: (UInt32(truncatingIfNeeded: plan.seed), UInt32(truncatingIfNeeded: plan.seed >> 32)))
        try kernel.setArgument(9, value: Real(plan.jitter))
        try kernel.setArgument(10, value: Int32(plan.minimumDistinctRows))
        try kernel.setArgument(11, value: UInt32(plan.resamples))
        try kernel.setArgument(12, value: UInt32(plan.firstProblem))
        try kernel.setArgument(13, value: UInt32(plan.firstReplicate))
        try kernel.setArgument(16, value: Int32(stride))
        try kernel.setArgument(17, coefficientBuffer)
        try kernel.setArgument(18, statusBuffer)
        try kernel.setArgument(19, residualSumBuffer)
        try kernel.setArgument(20, errorBuffer)
        let groupOffsetBuffer = try OpenCLBuffer(context, copying: groups?.offsets ?? [])
        let groupLayoutBuffer = try OpenCLBuffer(context, copying: groups?.layout ?? [])
        if groups != nil {
            try kernel.setArgument(21, groupOffsetBuffer)
            try kernel.setArgument(22, groupLayoutBuffer)
        }

        var coefficients = Array(repeating: Real(0), count: total * stride)
        var residualSums = Array(repeating: Real(0), count: total)
        var statuses = Array(repeating: UInt8(0), count: total)
        var errors = Array(repeating: Real(0), count: plan.replicateStandardErrors ? total * stride : 0)
        // Coefficient-major launches (the GPU form) are read through `transposed`, replicate-major ones directly.
        var transposed = Array(repeating: Real(0), count: coefficientMajor ? launchSize * stride : 0)
        func readCoefficients(_ buffer: OpenCLBuffer, into values: inout [Real], launch: BootstrapLaunch) throws {
            let first = launch.firstReplicate, count = launch.count
            guard coefficientMajor else {
                return try buffer.read(into: &values, offset: first * stride, count: count * stride, context: context)
            }
            try buffer.read(into: &transposed, offset: 0, count: count * stride, context: context)
            for i in 0..<count {
                for j in 0..<stride { values[(first + i) * stride + j] = transposed[j * count + i] }
            }
        }
        for launch in launches {
            try kernel.setArgument(14, value: UInt64(launch.firstIndex))
            try kernel.setArgument(15, value: UInt32(launch.count))
            try kernel.launch(context, count: launch.items, groupSize: groupSize)
            try readCoefficients(coefficientBuffer, into: &coefficients, launch: launch)
            try statusBuffer.read(into: &statuses, offset: launch.firstReplicate, count: launch.count, context: context)
            try residualSumBuffer.read(into: &residualSums, offset: launch.firstReplicate, count: launch.count, context: context)
            if plan.replicateStandardErrors { try readCoefficients(errorBuffer, into: &errors, launch: launch) }
        }
        // The launches read the group buffers: they must outlive the loop.
        withExtendedLifetime((groupOffsetBuffer, groupLayoutBuffer)) {}
        var replicates = BootstrapReplicates(problemCount: packed.problemCount, resamples: plan.resamples,
                                             coefficientStride: stride, coefficients: coefficients,
                                             statuses: statuses, residualSumsOfSquares: residualSums,
                                             standardErrors: errors)
        replicates.excludeAll(problems: inputs.unusableProblems)
        return replicates
    }
}
