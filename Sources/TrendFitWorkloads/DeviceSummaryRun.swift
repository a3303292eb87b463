import TrendFit

/// One bootstrap whose summaries are formed on the device, as `trendfit bootstrap` forms them on an
/// OpenCL device with fp64: every coefficient's 95% percentile summary, its wall time and the
/// bytes the device copied to the host.
public struct DeviceSummaryRun: Sendable, Equatable {
    /// Wall-clock seconds of the summaries: every pass over the replicates and its summary kernels.
    public let seconds: Double
    /// Bytes read back from the device, all passes together.
    public let deviceToHostBytes: Int
    /// Resamples of the run.
    public let resamples: Int
    /// Passes that drew the replicates.
    public let passes: Int

    /// Bytes read back per resample.
    public var bytesPerResample: Double { Double(deviceToHostBytes) / Double(resamples) }

    /// Runs the summaries of `batch`'s single problem under `plan` on the device within
    /// `memoryLimit`, or returns nil where they are not formed there (several problems, or a
    /// backend that cannot: the CPU, float precision, a device without fp64).
    public static func measure(_ backend: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan,
                               precision: Precision, memoryLimit: MemoryLimit, threads: Int) throws -> DeviceSummaryRun? {
        guard batch.problems.count == 1, StreamedBootstrap.readsOnDevice(backend, precision: precision) else { return nil }
        let fit = try backend.fit(batch, precision: precision)[0]
        let clock = ContinuousClock()
        let start = clock.now
        let result = try StreamedBootstrap.summarize(on: backend, batch: batch, plan: plan, precision: precision,
                                                     estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                                     method: .percentile, confidences: [0.95], memoryLimit: memoryLimit,
                                                     threads: threads, onDevice: true)
        return DeviceSummaryRun(seconds: start.duration(to: clock.now).inSeconds, deviceToHostBytes: result.deviceToHostBytes ?? 0,
                                resamples: plan.resamples, passes: result.passes)
    }
}
