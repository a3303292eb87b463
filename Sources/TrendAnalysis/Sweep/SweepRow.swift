/// One row of a sweep's output: a trend of one configuration, period and subset.
public struct SweepRow: Sendable {
    /// The configuration's index in the grid.
    public var configuration: Int
    /// The configuration's swept values, in dimension order.
    public var values: [SweepValue]
    /// Index of the period in the spec's periods.
    public var periodIndex: Int
    /// The trend (its estimate holds no replicate values).
    public var trend: TrendRow
}
