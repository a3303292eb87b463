/// A place that fits and bootstraps problem batches: the CPU or an OpenCL device.
///
/// Every backend gives the same answers for the same batch: on fp64 devices the replicate
/// coefficients are bitwise equal to the CPU backend's (see `ResultAgreement`). Whatever fails,
/// a backend throws a `TrendFitError`, the failures of its device runtime included.
public protocol RegressionBackend: Sendable {
    /// Short backend name: `cpu` or `opencl`.
    var name: String { get }
    /// Human-readable device description.
    var deviceName: String { get }
    /// Whether `precision` is supported (OpenCL double needs `cl_khr_fp64`).
    func supports(_ precision: Precision) -> Bool
    /// Fits every problem of the batch.
    func fit(_ batch: ProblemBatch, precision: Precision) throws(TrendFitError) -> [FitResult]
    /// Draws `plan.resamples` bootstrap replicates of every problem of the batch.
    func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) throws(TrendFitError) -> BootstrapReplicates
    /// Draws the plan's replicates in chunks of at most `replicatesPerCall` resamples and hands
    /// each chunk to `body`, in replicate order, with the resamples drawn before it; the chunks hold
    /// exactly what one `bootstrap` call would (the default: one `bootstrap` call per chunk).
    func bootstrapChunks(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                         _ body: (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void) throws
    /// Draws the same replicates as `bootstrap`, calling `progress` with the resamples of every
    /// problem done so far after about every `replicatesPerCall` of them and at the end.
    func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                   progress: (_ completedResamples: Int) -> Void) throws -> BootstrapReplicates
    /// Bytes that `bootstrap` copies from the device to the host per replicate of a problem of `batch`.
    func deviceToHostBytesPerReplicate(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) -> Int
}

extension RegressionBackend {
    /// Replicates computed in host memory never cross from a device: none.
    public func deviceToHostBytesPerReplicate(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision) -> Int { 0 }
}
