import TrendFit

/// How one bootstrap call and the host summaries formed from its replicates share their time.
///
/// The summaries are those `trendfit bootstrap` forms by default: for every problem, each
/// coefficient's 95% percentile `CoefficientSummary` (median, standard error, interval ends) from
/// `BootstrapReplicates.summaries(problem:…)`.
public struct HostShare: Sendable, Equatable {
    /// Wall-clock seconds of the `bootstrap` call.
    public let bootstrapSeconds: Double
    /// Wall-clock seconds of the summaries over every problem and coefficient.
    public let summarySeconds: Double

    /// Creates a share from its two timings.
    public init(bootstrapSeconds: Double, summarySeconds: Double) {
        self.bootstrapSeconds = bootstrapSeconds
        self.summarySeconds = summarySeconds
    }

    /// Fraction of the total spent on the host summaries.
    public var fraction: Double { summarySeconds / (bootstrapSeconds + summarySeconds) }

    /// Times one `bootstrap` call of `plan` on `batch`, then the summaries of its replicates on `threads` threads.
    public static func measure(_ backend: any RegressionBackend, workload: SyntheticWorkload, batch: ProblemBatch,
                               plan: BootstrapPlan, precision: Precision, threads: Int) throws -> HostShare {
        let fits = try backend.fit(batch, precision: precision)
        let (replicates, sample) = try ThroughputMeasurement.timedBootstrap(backend, workload: workload, batch: batch,
                                                                            plan: plan, precision: precision)
        let clock = ContinuousClock()
        let start = clock.now
        for (problem, fit) in fits.enumerated() {
            _ = try replicates.summaries(problem: problem, estimates: fit.coefficients, estimateStandardErrors: fit.standardErrors,
                                         method: .percentile, confidences: [0.95], jackknife: nil, threads: threads)
        }
        return HostShare(bootstrapSeconds: sample.seconds, summarySeconds: start.duration(to: clock.now).inSeconds)
    }
}
