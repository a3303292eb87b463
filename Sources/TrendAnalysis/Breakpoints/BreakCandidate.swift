/// One candidate break date of a series, with the hinge model fitted at it.
public struct BreakCandidate: Sendable {
    /// The break date c.
    public var date: CalendarDate
    /// Residual sum of squares of the hinge fit (log10 units squared); nil when the fit failed.
    public var residualSumOfSquares: Double?
    /// Slope before the break, b (OOM per year).
    public var slopeBefore: Double?
    /// Slope after the break, b + d.
    public var slopeAfter: Double?
    /// Share of the valid resamples whose best break is this candidate.
    public var replicateShare: Double
}
