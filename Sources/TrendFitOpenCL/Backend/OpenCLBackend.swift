import COpenCL
import Foundation
import TrendFit

/// Fits and bootstraps problem batches on one OpenCL device.
///
/// Kernels are compiled once per `KernelSpecialization` (precision, batch shape, bootstrap
/// scheme and options) and cached for the backend's lifetime. Replicates run in pipelined launches
/// (`BootstrapLaunchSequence`: double-buffered outputs, each launch read back while the next one
/// runs) sized so that the inputs and both output buffers stay under `memoryLimitBytes`
/// (`BootstrapDeviceMemory`; a bootstrap that cannot is refused before any work on the device as
/// `TrendFitError.memoryLimit`); the stream of a replicate depends only on (seed, problem,
/// replicate), so launch size and work-group size never change results. Fits run in consecutive
/// launches of problems within `memoryLimitBytes` too (`FitDeviceMemory`), bitwise one launch's.
/// OpenCL failures leave the backend as `TrendFitError.backendFailure`, naming the device and what to try.
public final class OpenCLBackend: RegressionBackend, @unchecked Sendable {
    /// The device the backend runs on.
    public let device: OpenCLDevice
    /// Upper bound on the device memory of a bootstrap's launch sequence (its inputs and both
    /// output buffers of the pipelined launches: `BootstrapDeviceMemory`) and of a fit's launch (the
    /// table and the launch's problems: `FitDeviceMemory`).
    public let memoryLimitBytes: Int
    /// `memoryLimitBytes` unless one is given: 256 MiB.
    public static let defaultMemoryLimitBytes = 256 << 20
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
    /// Held while a launch sequence runs (recursive: a body of `bootstrapChunks` may use the backend).
    private let lock = NSRecursiveLock()
    /// The programs built so far (tests check that one shape builds one).
    private(set) var programs: [KernelSpecialization: OpenCLProgram] = [:]
    /// The program of the latest launch (tests compare it with what `trendfit kernels` prints).
    private(set) var lastProgram: KernelProgram?
    /// The summary kernels' program (`Kernels/summary.cl`), once built.
    var summaryProgram: OpenCLProgram?
    /// The launches and the bytes of output buffers of the latest bootstrap (tests check them against `memoryLimitBytes`).
    private(set) var lastLaunches: (count: Int, outputBytes: Int)?
    /// The launches of the latest fit (tests check them against `memoryLimitBytes`).
    private(set) var lastFitLaunches: [FitDeviceMemory.Launch] = []

    /// Creates a backend on `device`.
    public init(device: OpenCLDevice, memoryLimitBytes: Int = defaultMemoryLimitBytes, maxReplicatesPerLaunch: Int? = nil,
                workGroupSize: Int? = nil, wideLaneProducts: Bool? = nil, kernelForm: KernelForm? = nil) throws(TrendFitError) {
        self.device = device
        self.memoryLimitBytes = memoryLimitBytes
        self.maxReplicatesPerLaunch = maxReplicatesPerLaunch
        self.workGroupSize = workGroupSize
        self.kernelForm = kernelForm ?? KernelForm.forDeviceType(device.type)
        self.wideLaneProducts = wideLaneProducts ?? KernelProgram.wideLaneProducts(deviceType: device.type)
        do {
            context = try OpenCLContext(device: device)
        } catch {
            throw error.backendFailure(on: device, while: "opening the device")
        }
    }

    public var name: String { "opencl" }

    public var deviceName: String { device.summary }

    public func supports(_ precision: Precision) -> Bool {
        precision == .float || device.supportsDouble
    }

    public func fit(_ batch: ProblemBatch, precision: Precision) throws(TrendFitError) -> [FitResult] {
        try checkSupport(precision)
        switch precision {
        case .double: return try fitAll(PreparedBatch<Double>(batch))
        case .float: return try fitAll(PreparedBatch<Float>(batch))
        }
    }

    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws(TrendFitError) -> BootstrapReplicates {
        try checkSupport(precision)
        switch precision {
        case .double: return try bootstrapAll(PreparedBootstrap<Double>(batch, plan: plan))
        case .float: return try bootstrapAll(PreparedBootstrap<Float>(batch, plan: plan))
        }
    }

    func checkSupport(_ precision: Precision) throws(TrendFitError) {
        guard supports(precision) else {
            throw .unsupported("\(device.name) has no double precision (cl_khr_fp64): compute in float precision, or on another device")
        }
    }

    /// Runs `body` holding the backend's lock (one launch sequence at a time); an OpenCL failure
    /// leaves as the backend failure of `task` on this device.
    func onDevice<Result>(_ task: @autoclosure () -> String,
                          _ body: () throws(OpenCLError) -> Result) throws(TrendFitError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try body()
        } catch {
            throw error.backendFailure(on: device, while: task())
        }
    }

    /// "1 problem", "2 problems", … for the messages of failures.
    private static func problems(_ count: Int) -> String {
        "\(count) problem\(count == 1 ? "" : "s")"
    }

    /// The kernel of `specialization`, its program built or taken from the cache.
    private func kernel(_ specialization: KernelSpecialization) throws(OpenCLError) -> OpenCLKernel {
        try kernels(specialization)[0]
    }

    /// The kernels of `specialization` in launch order, its program built or taken from the cache.
    private func kernels(_ specialization: KernelSpecialization) throws(OpenCLError) -> [OpenCLKernel] {
        let program = KernelProgram(specialization)
        lastProgram = program
        let built: OpenCLProgram
        if let cached = programs[specialization] {
            built = cached
        } else {
            built = try OpenCLProgram(context, source: KernelProgram.source, options: program.options)
            programs[specialization] = built
        }
        var kernels: [OpenCLKernel] = []
        for name in program.kernels { kernels.append(try OpenCLKernel(built, name: name)) }
        return kernels
    }

    private func fitAll<Real: KernelScalar>(_ prepared: PreparedBatch<Real>) throws(TrendFitError) -> [FitResult] {
        guard prepared.problemCount > 0 else { return [] }
        let specialization = KernelSpecialization.fit(prepared.packed, precision: Real.precision, wideLaneProducts: wideLaneProducts,
                                                      form: kernelForm)
        let launches = try fitLaunches(prepared, specialization: specialization)
        let fits = try onDevice("fitting \(Self.problems(prepared.problemCount))") { () throws(OpenCLError) in
            try fitOnDevice(prepared, specialization: specialization, launches: launches)
        }
        return try prepared.results(fits)
    }

    /// The launches of `prepared`'s fit within `memoryLimitBytes` (`FitDeviceMemory`), refused before
    /// any work on the device where the table and one problem's buffers (one work-group's in the GPU
    /// form) exceed it.
    private func fitLaunches<Real: KernelScalar>(_ prepared: PreparedBatch<Real>, specialization: KernelSpecialization)
        throws(TrendFitError) -> [FitDeviceMemory.Launch] {
        let memory = FitDeviceMemory(prepared, specialization: specialization)
        if let launches = memory.launches(within: memoryLimitBytes) { return launches }
        let unit = memory.problemsPerUnit == 1 ? "one problem's" : "one work-group's"
        throw .memoryLimit(needed: memory.minimumBytes, limit: memoryLimitBytes,
                           what: "the buffers on \(device.name) for fitting \(Self.problems(prepared.problemCount)) (the table, and \(unit) rows, descriptors and results)")
    }

    /// Fits `prepared`'s problems in `launches`, each over its problems' rows, descriptors and output
    /// buffers, its results read back at its problems' place.
    private func fitOnDevice<Real: KernelScalar>(_ prepared: PreparedBatch<Real>, specialization: KernelSpecialization,
                                                 launches: [FitDeviceMemory.Launch]) throws(OpenCLError) -> [FitResult] {
        let packed = prepared.packed
        let kernels = try kernels(specialization)
        let stride = max(packed.coefficientStride, 1)
        let count = packed.problemCount
        let statisticStride = KernelABI.fitStatisticStride
        let countStride = KernelABI.fitCountStride
        let tableBuffer = try OpenCLBuffer(context, copying: prepared.table)
        for kernel in kernels {
            try kernel.setArgument(0, tableBuffer)
            try kernel.setArgument(1, value: Int32(packed.tableRowCount))
            try kernel.setArgument(5, value: Int32(stride))
        }
        var hostCoefficients = Array(repeating: Real(0), count: count * stride)
        var hostErrors = Array(repeating: Real(0), count: count * stride)
        var hostStatistics = Array(repeating: Real(0), count: count * statisticStride)
        var hostCounts = Array(repeating: Int32(0), count: count * countStride)
        for launch in launches {
            let first = launch.problems.lowerBound, problems = launch.problems.count
            let coefficients = try OpenCLBuffer(context, byteCount: problems * stride * MemoryLayout<Real>.stride)
            let errors = try OpenCLBuffer(context, byteCount: problems * stride * MemoryLayout<Real>.stride)
            let statistics = try OpenCLBuffer(context, byteCount: problems * statisticStride * MemoryLayout<Real>.stride)
            let counts = try OpenCLBuffer(context, byteCount: problems * countStride * MemoryLayout<Int32>.stride)
            let rowBuffer = try OpenCLBuffer(context, copying: launch.rowIndices(of: packed))
            let descriptorBuffer = try OpenCLBuffer(context, copying: launch.descriptors(of: packed))
            for kernel in kernels {
                try kernel.setArgument(2, rowBuffer)
                try kernel.setArgument(3, descriptorBuffer)
                try kernel.setArgument(4, value: Int32(problems))
                try kernel.setArgument(6, coefficients)
                try kernel.setArgument(7, errors)
                try kernel.setArgument(8, statistics)
                try kernel.setArgument(9, counts)
            }
            if let groupSize = specialization.problemGroupSize {
                try launchFitColumns(kernels, specialization: specialization, problemCount: problems, groupSize: groupSize,
                                     scalarBytes: MemoryLayout<Real>.stride)
            } else {
                try kernels[0].launch(context, count: problems, groupSize: workGroupSize)
            }
            try coefficients.read(into: &hostCoefficients, offset: first * stride, count: problems * stride, context: context)
            try errors.read(into: &hostErrors, offset: first * stride, count: problems * stride, context: context)
            try statistics.read(into: &hostStatistics, offset: first * statisticStride, count: problems * statisticStride,
                                context: context)
            try counts.read(into: &hostCounts, offset: first * countStride, count: problems * countStride, context: context)
            withExtendedLifetime((rowBuffer, descriptorBuffer)) {}
        }
        withExtendedLifetime(tableBuffer) {}
        lastFitLaunches = launches
        return (0..<count).map { k in
            func countValue(_ slot: KernelABI.FitCountSlot) -> Int32 { hostCounts[k * countStride + slot.rawValue] }
            func statisticValue(_ slot: KernelABI.FitStatisticSlot) -> Real { hostStatistics[k * statisticStride + slot.rawValue] }
            let p = packed.descriptor(k).coefficientCount
            return FitResult(status: FitStatus(rawValue: UInt8(countValue(.status))) ?? .rankDeficient,
                             n: Int(countValue(.positiveRows)),
                             coefficients: hostCoefficients[(k * stride)..<(k * stride + p)],
                             standardErrors: hostErrors[(k * stride)..<(k * stride + p)],
                             residualStandardError: statisticValue(.residualStandardError),
                             rSquared: statisticValue(.rSquared))
        }
    }

    /// Runs the GPU-form fit's kernels (`KernelSpecialization.fitColumnsKernels`, their first ten
    /// arguments set) in order over `problemCount` problems, their state in a device buffer of
    /// `fitStateStride` reals per problem; `fit_columns_gram` runs one work-item per entry of the normal
    /// matrix (`fitGramEntriesPerColumn` per column), the last once per standard error target.
    private func launchFitColumns(_ kernels: [OpenCLKernel], specialization: KernelSpecialization, problemCount: Int,
                                  groupSize: Int, scalarBytes: Int) throws(OpenCLError) {
        let states = try OpenCLBuffer(context, byteCount: problemCount * specialization.fitStateStride * scalarBytes)
        let groups = (problemCount + specialization.fitProblemsPerGroup - 1) / specialization.fitProblemsPerGroup
        for kernel in kernels { try kernel.setArgument(10, states) }
        for (kernel, name) in zip(kernels.dropLast(), KernelSpecialization.fitColumnsKernels) {
            let itemsPerColumn = name == KernelSpecialization.fitGramKernel ? specialization.fitGramEntriesPerColumn : 1
            try kernel.launch(context, count: groups * groupSize * itemsPerColumn, groupSize: groupSize)
        }
        for target in 0...specialization.kernelRegressors {
            try kernels[kernels.count - 1].setArgument(11, value: Int32(target))
            try kernels[kernels.count - 1].launch(context, count: groups * groupSize, groupSize: groupSize)
        }
    }

    /// Reads back per replicate: the coefficients (`stride` scalars), the status byte and, when
    /// asked, the residual sum of squares and the standard errors (`stride` scalars).
    public func deviceToHostBytesPerReplicate(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) -> Int {
        let scalarBytes = precision == .double ? MemoryLayout<Double>.stride : MemoryLayout<Float>.stride
        let written = Self.bytesPerReplicate(coefficientStride: max(batch.coefficientStride, 1), scalarBytes: scalarBytes,
                                             standardErrors: plan.replicateStandardErrors)
        // The kernels write every residual sum of squares; those not asked for stay on the device.
        return written - (plan.replicateResidualSums ? 0 : scalarBytes)
    }

    /// Bytes of the output buffers one replicate fills on the device (its coefficients, status byte,
    /// residual sum of squares and, when asked, standard errors).
    static func bytesPerReplicate(coefficientStride stride: Int, scalarBytes: Int, standardErrors: Bool) -> Int {
        (standardErrors ? 2 : 1) * stride * scalarBytes + MemoryLayout<ReplicateStatus.RawValue>.stride + scalarBytes
    }

    private func bootstrapAll<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>) throws(TrendFitError) -> BootstrapReplicates {
        let task = "bootstrapping \(Self.problems(prepared.batch.problemCount)) × \(prepared.plan.resamples) resamples"
        try checkDeviceMemory(prepared)
        let output = try onDevice(task) { () throws(OpenCLError) in try bootstrapOnDevice(prepared) }
        return try prepared.replicates(output)
    }

    private func bootstrapOnDevice<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>) throws(OpenCLError) -> ReplicateArrays<Real> {
        var output = prepared.makeOutput()
        let stride = max(prepared.coefficientStride, 1)
        let failure = output.withPointers { pointers -> OpenCLError? in
            do throws(OpenCLError) {
                try launchBootstrap(prepared) { shape in
                    ReplicateReadback(into: pointers, context: context, stride: stride, coefficientMajor: shape.coefficientMajor,
                                      replicatesPerLaunch: shape.replicatesPerLaunch, slots: shape.slots)
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return output
    }

    /// The kernel specialization of `prepared`'s bootstrap launches, and their work-group size.
    private func bootstrapSpecialization<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>)
        -> (specialization: KernelSpecialization, groupSize: Int) {
        let groupSize = workGroupSize ?? min(128, device.maxWorkGroupSize)
        return (KernelSpecialization.bootstrap(prepared.batch.packed, plan: prepared.plan, precision: Real.precision,
                                               wideLaneProducts: wideLaneProducts, form: kernelForm, groupSize: groupSize),
                groupSize)
    }

    /// Refuses, before any work on the device, a bootstrap of `prepared` whose inputs and two
    /// smallest launches (`BootstrapDeviceMemory`) exceed `memoryLimitBytes`.
    func checkDeviceMemory<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>) throws(TrendFitError) {
        guard prepared.replicateCount > 0 else { return }
        let memory = BootstrapDeviceMemory(prepared, problemGroupSize: bootstrapSpecialization(prepared).specialization.problemGroupSize)
        guard memory.launchSize(within: memoryLimitBytes) == nil else { return }
        throw .memoryLimit(needed: memory.minimumBytes, limit: memoryLimitBytes,
                           what: "the buffers on \(device.name) for bootstrapping \(Self.problems(prepared.batch.problemCount)) (the data, and the replicates of two launches)")
    }

    /// How the launches of a bootstrap lay out their outputs, for the consumer of each launch.
    struct LaunchShape {
        /// Whether coefficients and standard errors are coefficient-major (the GPU form).
        let coefficientMajor: Bool
        /// Most replicates one launch writes.
        let replicatesPerLaunch: Int
        /// Output slots the launches take turns writing.
        let slots: Int
        /// Launches of each chunk of resamples, in order (one chunk unless chunks were asked for).
        let launchesPerChunk: [Int]
    }

    /// Runs the bootstrap kernel over every replicate of `prepared`, in replicate order, in
    /// launches of at most `maxLaunchSize` replicates (and what the memory limit allows), handing
    /// each launch's outputs to the consumer `makeConsumer` makes for the launches' shape.
    ///
    /// With `resamplesPerChunk`, the plan's resamples are drawn in chunks of that many (the last
    /// one shorter), one after another in the same sequence, each chunk's replicates numbered as one
    /// `bootstrap` call of its resamples numbers them (`PreparedBootstrap.chunk`), its launches
    /// within it.
    func launchBootstrap<Real: KernelScalar, Consumer: BootstrapLaunchConsumer>(
        _ prepared: PreparedBootstrap<Real>, maxLaunchSize: Int? = nil, resamplesPerChunk: Int? = nil,
        _ makeConsumer: (LaunchShape) -> Consumer
    ) throws(OpenCLError) {
        let packed = prepared.batch.packed, plan = prepared.plan
        let inputs = prepared.inputs, design = prepared.design, groups = prepared.groups
        guard prepared.replicateCount > 0 else { return }
        let (specialization, groupSize) = bootstrapSpecialization(prepared)
        let kernel = try kernel(specialization)
        let stride = max(packed.coefficientStride, 1)
        // The inputs and two launches' outputs stay within memoryLimitBytes together (the smallest
        // launches where they cannot: `checkDeviceMemory` refuses that before the bootstrap calls).
        let memory = BootstrapDeviceMemory(prepared, problemGroupSize: specialization.problemGroupSize)
        let chunkResamples = min(plan.resamples, max(1, resamplesPerChunk ?? plan.resamples))
        var launchSize = min(packed.problemCount * chunkResamples, memory.launchSize(within: memoryLimitBytes) ?? memory.minimumLaunch,
                             Int(UInt32.max) / 2)
        if let cap = maxReplicatesPerLaunch { launchSize = min(launchSize, max(1, cap)) }
        if let maxLaunchSize { launchSize = min(launchSize, max(1, maxLaunchSize)) }
        let coefficientMajor = specialization.problemGroupSize != nil
        let chunks = Swift.stride(from: 0, to: plan.resamples, by: chunkResamples).map { done in
            let resamples = min(chunkResamples, plan.resamples - done)
            let launches = if let problemGroupSize = specialization.problemGroupSize {
                BootstrapLaunch.problemGroups(problems: packed.problemCount, resamples: resamples,
                                              groupSize: problemGroupSize, launchSize: launchSize)
            } else {
                BootstrapLaunch.consecutive(total: packed.problemCount * resamples, launchSize: launchSize,
                                            replicatesPerItem: specialization.replicatesPerItem)
            }
            return BootstrapLaunchSequence.Chunk(resamples: resamples, firstReplicate: plan.firstReplicate + done, launches: launches)
        }
        let launchCount = chunks.reduce(0) { $0 + $1.launches.count }
        launchSize = chunks.flatMap { $0.launches.map(\.count) }.max() ?? launchSize

        let inputBuffers = [
            try OpenCLBuffer(context, copying: design.values), try OpenCLBuffer(context, copying: design.weights),
            try OpenCLBuffer(context, copying: packed.descriptors), try OpenCLBuffer(context, copying: inputs.shifts),
            try OpenCLBuffer(context, copying: inputs.fitted), try OpenCLBuffer(context, copying: inputs.residuals),
            try OpenCLBuffer(context, copying: inputs.residualScales), try OpenCLBuffer(context, copying: inputs.poolSizes),
        ]
        for (index, buffer) in inputBuffers.enumerated() { try kernel.setArgument(index, buffer) }
        try kernel.setArgument(8, value: (UInt32(truncatingIfNeeded: plan.seed), UInt32(truncatingIfNeeded: plan.seed >> 32)))
        try kernel.setArgument(9, value: Real(plan.jitter))
        try kernel.setArgument(10, value: Int32(plan.minimumDistinctRows))
        try kernel.setArgument(12, value: UInt32(plan.firstProblem))
        try kernel.setArgument(16, value: Int32(stride))
        var groupBuffers: [OpenCLBuffer] = []
        if let groups {
            groupBuffers = [try OpenCLBuffer(context, copying: groups.offsets), try OpenCLBuffer(context, copying: groups.layout)]
            try kernel.setArgument(21, groupBuffers[0])
            try kernel.setArgument(22, groupBuffers[1])
        }
        let sequence = try BootstrapLaunchSequence(kernel: kernel, context: context, inputs: inputBuffers + groupBuffers,
                                                   chunks: chunks, groupSize: groupSize, replicatesPerLaunch: launchSize,
                                                   stride: stride, scalarBytes: MemoryLayout<Real>.stride,
                                                   standardErrors: plan.replicateStandardErrors)
        lastLaunches = (launchCount, sequence.outputs.reduce(0) { $0 + $1.byteCount })
        try sequence.run(makeConsumer(LaunchShape(coefficientMajor: coefficientMajor, replicatesPerLaunch: launchSize,
                                                  slots: sequence.outputs.count, launchesPerChunk: chunks.map(\.launches.count))))
    }
}
