/// A comparison of two trends within one sweep configuration (a row of its own in the output).
public struct SweepComparison: Sendable {
    /// Position of the comparison in the spec's `compare` list.
    public var index: Int
    /// The second trend's period, its swept bounds resolved.
    public var secondPeriod: Period
    /// The comparison's statistics.
    public var result: TrendComparison
}
