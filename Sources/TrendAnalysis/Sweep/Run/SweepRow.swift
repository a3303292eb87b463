/// One row of a sweep's output: a trend of one configuration, period and subset, or a comparison
/// of two of its trends.
public struct SweepRow: Sendable {
    /// The configuration's index in the grid.
    public var configuration: Int
    /// The configuration's swept values, in dimension order.
    public var values: [SweepValue]
    /// Index of the period in the spec's periods.
    public var periodIndex: Int
    /// The trend (its estimate holds no replicate values); for a comparison row, the comparison's
    /// first trend: its period, subset, systems and dates, without an estimate.
    public var trend: TrendRow
    /// The comparison, for a comparison row; nil for a trend row.
    public var comparison: SweepComparison?
}
