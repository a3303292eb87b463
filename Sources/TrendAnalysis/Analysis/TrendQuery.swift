/// One trend to fit: an era, a subset and optionally a domain, with the selected systems it covers.
public struct TrendQuery: Sendable, Equatable {
    /// The era.
    public var period: Period
    /// The subset of the era's systems.
    public var subset: Subset
    /// The domain, for per-domain rows; nil for era rows.
    public var domain: String?
    /// Indices into `Selection.systems`.
    public var systems: [Int]

    /// Creates a query.
    public init(period: Period, subset: Subset, domain: String? = nil, systems: [Int]) {
        self.period = period
        self.subset = subset
        self.domain = domain
        self.systems = systems
    }
}
