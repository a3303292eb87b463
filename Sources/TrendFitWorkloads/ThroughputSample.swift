import TrendFit

/// One timed bootstrap call on a batch of identical problems, and the rates it achieved.
public struct ThroughputSample: Sendable, Equatable {
    /// Problems in the batch.
    public let problems: Int
    /// Resamples per problem (B).
    public let resamples: Int
    /// Wall-clock seconds of the bootstrap call.
    public let seconds: Double
    /// Work of one resample of one problem.
    public let cost: ResampleCost

    /// Creates a sample.
    public init(problems: Int, resamples: Int, seconds: Double, cost: ResampleCost) {
        self.problems = problems
        self.resamples = resamples
        self.seconds = seconds
        self.cost = cost
    }

    /// Resamples drawn in all (problems × B).
    public var totalResamples: Int { problems * resamples }
    /// Resamples per second.
    public var resamplesPerSecond: Double { Double(totalResamples) / seconds }
    /// Rows drawn per second.
    public var rowsPerSecond: Double { resamplesPerSecond * Double(cost.rowsDrawn) }
    /// Philox blocks per second.
    public var philoxBlocksPerSecond: Double { resamplesPerSecond * Double(cost.philoxBlocks) }
    /// Floating-point operations per second.
    public var flopsPerSecond: Double { resamplesPerSecond * Double(cost.flops) }
}
