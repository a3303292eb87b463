/// The breakpoint search of one subset: every candidate's hinge fit, the best break, and bootstrap
/// intervals for the break date and the slopes on either side.
public struct BreakpointResult: Sendable {
    /// The subset.
    public var subset: Subset
    /// Number of systems.
    public var n: Int
    /// Dates of the first and last system; nil without systems.
    public var dates: (first: CalendarDate, last: CalendarDate)?
    /// The candidates with enough systems on each side, in date order.
    public var candidates: [BreakCandidate]
    /// Candidate dates of the grid left out for too few systems on a side.
    public var skippedCandidates: Int
    /// Index in `candidates` of the break with the smallest residual sum of squares (the earliest on ties).
    public var best: Int?
    /// Residual sum of squares of one line without a break; nil when that fit failed.
    public var lineResidualSumOfSquares: Double?
    /// Percentile interval (primary level) of the resamples' best break dates: type-7 percentiles of their day
    /// counts, rounded to the day.
    public var breakInterval: (low: CalendarDate, median: CalendarDate, high: CalendarDate)?
    /// Percentile interval of the slope before the break, each resample at its own best break.
    public var slopeBeforeInterval: QuantileInterval?
    /// Percentile interval of the slope after the break, each resample at its own best break.
    public var slopeAfterInterval: QuantileInterval?
    /// The intervals at every level of the settings, the primary (the three above) first.
    public var levelIntervals: [BreakpointLevelIntervals]
    /// Resamples with a best break.
    public var validResamples: Int
    /// Resamples in which no candidate could be fitted.
    public var excludedResamples: Int

    /// The best candidate, if any.
    public var bestCandidate: BreakCandidate? { best.map { candidates[$0] } }
}
