import TrendFit

/// The device memory a bootstrap's launch sequence allocates, which `OpenCLBackend.memoryLimitBytes`
/// bounds: the kernel's inputs (the centred design, resampling inputs, descriptors and groups,
/// once) and the outputs of two launches (`BootstrapLaunchOutputs`, double-buffered).
struct BootstrapDeviceMemory {
    /// Bytes of the input buffers.
    let inputBytes: Int
    /// Output bytes per replicate: its coefficients, status byte, residual sum of squares and, when
    /// asked, standard errors.
    let bytesPerReplicate: Int
    /// Bytes of one slot's one-scalar standard-error placeholder (0 when they are asked for).
    let placeholderBytes: Int
    /// The fewest replicates a launch can hold: one, or in the GPU form a work-group's worth of one problem.
    let minimumLaunch: Int

    /// The footprint of `prepared`'s launches, of work-groups of `problemGroupSize` mapped to
    /// problems in the GPU form (nil in the CPU form).
    init<Real: KernelScalar>(_ prepared: PreparedBootstrap<Real>, problemGroupSize: Int?) {
        let scalarBytes = MemoryLayout<Real>.stride
        func bytes<Element>(_ array: [Element]) -> Int { max(1, array.count) * MemoryLayout<Element>.stride }
        let design = prepared.design, inputs = prepared.inputs
        inputBytes = bytes(design.values) + bytes(design.weights) + bytes(prepared.batch.packed.descriptors) + bytes(inputs.shifts)
            + bytes(inputs.fitted) + bytes(inputs.residuals) + bytes(inputs.residualScales) + bytes(inputs.poolSizes)
            + (prepared.groups.map { bytes($0.offsets) + bytes($0.layout) } ?? 0)
        let standardErrors = prepared.plan.replicateStandardErrors
        bytesPerReplicate = OpenCLBackend.bytesPerReplicate(coefficientStride: max(prepared.coefficientStride, 1),
                                                            scalarBytes: scalarBytes, standardErrors: standardErrors)
        placeholderBytes = standardErrors ? 0 : scalarBytes
        minimumLaunch = problemGroupSize.map { min($0, prepared.plan.resamples) } ?? 1
    }

    /// Bytes of the smallest sequence: the inputs and two launches of `minimumLaunch` replicates.
    var minimumBytes: Int { inputBytes + 2 * (minimumLaunch * bytesPerReplicate + placeholderBytes) }

    /// The most replicates a launch may hold for the sequence to stay within `limit` bytes, or nil
    /// where not even `minimumLaunch` do.
    func launchSize(within limit: Int) -> Int? {
        let size = ((limit - inputBytes) / 2 - placeholderBytes) / bytesPerReplicate
        return size >= minimumLaunch ? size : nil
    }
}
