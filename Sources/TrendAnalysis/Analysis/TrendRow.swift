/// One row of an era or domain table: which systems were fitted and, when possible, the trend.
public struct TrendRow: Sendable {
    /// The era.
    public var period: Period
    /// The subset.
    public var subset: Subset
    /// The domain, for per-domain rows.
    public var domain: String?
    /// Number of systems fitted.
    public var n: Int
    /// Publication date of the earliest system.
    public var firstDate: CalendarDate
    /// Publication date of the latest system.
    public var lastDate: CalendarDate
    /// The trend; nil when it could not be fitted (see `note`).
    public var estimate: TrendEstimate?
    /// Why there is no estimate.
    public var note: String?
}
