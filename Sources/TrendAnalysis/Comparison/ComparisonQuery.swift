/// One comparison to estimate: the two trends' queries over the estimator's systems.
public struct ComparisonQuery: Sendable {
    /// What is compared, as the user wrote it.
    public var spec: TrendComparisonSpec
    /// The first trend (its `systems` index the estimator's systems).
    public var first: TrendQuery
    /// The second trend.
    public var second: TrendQuery

    /// Creates a query.
    public init(spec: TrendComparisonSpec, first: TrendQuery, second: TrendQuery) {
        self.spec = spec
        self.first = first
        self.second = second
    }

    /// The comparison of `spec` over `selection`, its periods resolved among `periods`; with a
    /// `domain`, only systems listing it (as `TrendQuery.eras`).
    public init(spec: TrendComparisonSpec, selection: Selection, periods: [Period], domain: String? = nil) throws(AnalysisError) {
        let indices = try spec.periodIndices(in: periods.map(\.name))
        self.init(spec: spec,
                  first: .era(selection, periods: periods, periodIndex: indices.first, subset: spec.first.subset, domain: domain),
                  second: .era(selection, periods: periods, periodIndex: indices.second, subset: spec.second.subset,
                               domain: domain))
    }

    /// The role that keys the stream of the joint resample (with the union of the two trends' systems):
    /// both trends' labels and periods, in order.
    public var jointRole: String {
        "joint \(spec.first.label) \(first.period.range) \(spec.second.label) \(second.period.range)"
    }

    /// The query with every system index moved by `offset` (selections stacked in one system list).
    func offset(by offset: Int) -> ComparisonQuery {
        var query = self
        query.first.systems = first.systems.map { $0 + offset }
        query.second.systems = second.systems.map { $0 + offset }
        return query
    }
}
