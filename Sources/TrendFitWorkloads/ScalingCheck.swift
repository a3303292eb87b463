import TrendFit

/// Whether bootstrap time grows linearly: the time of doubled B and of doubled problem counts.
public struct ScalingCheck: Sendable, Equatable {
    /// The base run.
    public let base: ThroughputSample
    /// The same problems with twice the resamples.
    public let doubledResamples: ThroughputSample
    /// Twice the problems with the same resamples.
    public let doubledProblems: ThroughputSample

    /// Time of doubled B over the base time (2 is linear).
    public var resampleRatio: Double { doubledResamples.seconds / base.seconds }
    /// Time of doubled problems over the base time (2 is linear).
    public var problemRatio: Double { doubledProblems.seconds / base.seconds }

    /// Whether both ratios are within `tolerance` (relative) of 2.
    public func isLinear(tolerance: Double = 0.15) -> Bool {
        abs(resampleRatio / 2 - 1) <= tolerance && abs(problemRatio / 2 - 1) <= tolerance
    }

    /// Runs the check: B is sized to `budget` seconds for the base (at most `maximumResamples`, so
    /// that the doubled runs hold at most twice that), each run is the fastest of `repeats`.
    public static func run(_ backend: any RegressionBackend, cell: BenchmarkCell, budget: Double,
                           repeats: Int = 3, maximumResamples: Int = Int(UInt32.max) / 2) throws -> ScalingCheck {
        let batch = try cell.workload.makeBatch()
        let sized = try ThroughputMeasurement.sized(backend, workload: cell.workload, batch: batch, plan: cell.plan,
                                                    precision: cell.precision, budget: budget,
                                                    maximumResamples: maximumResamples)
        var plan = cell.plan
        plan.resamples = sized.resamples
        var doubledPlan = plan
        doubledPlan.resamples = 2 * plan.resamples
        var doubledWorkload = cell.workload
        doubledWorkload.problemCount *= 2
        let doubledBatch = try doubledWorkload.makeBatch()
        func fastest(_ workload: SyntheticWorkload, _ batch: ProblemBatch, _ plan: BootstrapPlan) throws -> ThroughputSample {
            try (0..<max(1, repeats)).map { _ in
                try ThroughputMeasurement.time(backend, workload: workload, batch: batch, plan: plan, precision: cell.precision)
            }.min { $0.seconds < $1.seconds }!
        }
        return ScalingCheck(base: try fastest(cell.workload, batch, plan),
                            doubledResamples: try fastest(cell.workload, batch, doubledPlan),
                            doubledProblems: try fastest(doubledWorkload, doubledBatch, plan))
    }
}
