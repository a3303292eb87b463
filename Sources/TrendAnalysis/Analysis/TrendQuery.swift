/// One trend to fit: an era, a subset and optionally a domain, with the selected systems it covers.
public struct TrendQuery: Sendable, Equatable {
    /// The era.
    public var period: Period
    /// The subset of the era's systems.
    public var subset: Subset
    /// The domain, for per-domain rows; nil for era rows.
    public var domain: String?
    /// Indices into the systems the estimator fits (`Selection.systems`, or several selections stacked).
    public var systems: [Int]
    /// Bootstrap stream of the trend; nil for the trend's position among the fitted ones.
    public var streamIndex: Int?
    /// Position of an era query among the period × subset combinations, periods outermost; nil otherwise.
    public var slot: Int?

    /// Creates a query.
    public init(period: Period, subset: Subset, domain: String? = nil, systems: [Int], streamIndex: Int? = nil,
                slot: Int? = nil) {
        self.period = period
        self.subset = subset
        self.domain = domain
        self.systems = systems
        self.streamIndex = streamIndex
        self.slot = slot
    }

    /// Period × subset queries over `selection` with at least one system, periods outermost.
    ///
    /// With a `domain`, only systems listing it are kept (classification is unchanged). The query of
    /// period `p` and subset `s` has slot `p × subsets.count + s`; see `era` for its stream.
    public static func eras(_ selection: Selection, periods: [Period], subsets: [Subset],
                            domain: String? = nil) -> [TrendQuery] {
        periods.indices.flatMap { periodIndex in
            subsets.enumerated().compactMap { subsetIndex, subset in
                let query = era(selection, periods: periods, periodIndex: periodIndex, subset: subset, domain: domain,
                                slot: periodIndex * subsets.count + subsetIndex)
                return query.systems.isEmpty ? nil : query
            }
        }
    }

    /// The query of period `periods[periodIndex]` and `subset` over `selection` (possibly without
    /// systems). It draws the stream that `SelectionStream` keys by its role (period position and
    /// subset) and its systems, so any analysis that selects the same systems for it draws the
    /// same resamples.
    public static func era(_ selection: Selection, periods: [Period], periodIndex: Int, subset: Subset,
                           domain: String? = nil, slot: Int? = nil) -> TrendQuery {
        let period = periods[periodIndex]
        let members = selection.systems.indices.filter {
            let system = selection.systems[$0]
            return period.range.contains(system.system.date) && subset.contains(system)
                && (domain.map { system.system.domains.contains($0) } ?? true)
        }
        let role = SelectionStream.eraRole(period: periodIndex, subset: subset)
        return TrendQuery(period: period, subset: subset, domain: domain, systems: members,
                          streamIndex: SelectionStream.index(role: role, systems: members.lazy.map { selection.systems[$0] }),
                          slot: slot)
    }
}
