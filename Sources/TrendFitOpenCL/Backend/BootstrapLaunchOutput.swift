/// The output buffers of one bootstrap launch: its `launch.count` replicates in slots `0 ..< count`.
struct BootstrapLaunchOutput {
    let launch: BootstrapLaunch
    /// Coefficients, `coefficientStride` per replicate.
    let coefficients: OpenCLBuffer
    /// Raw `ReplicateStatus` bytes.
    let statuses: OpenCLBuffer
    /// Residual sums of squares.
    let residualSums: OpenCLBuffer
    /// Standard errors laid out as the coefficients (when the plan asks for them).
    let standardErrors: OpenCLBuffer
    /// Whether coefficients and standard errors are coefficient-major (`j · count + i`, the GPU
    /// form) rather than replicate-major (`i · stride + j`).
    let coefficientMajor: Bool
}
