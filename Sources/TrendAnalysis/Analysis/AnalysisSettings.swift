/// Everything that defines an era analysis besides the data and the backend.
public struct AnalysisSettings: Sendable {
    /// Data window applied before anything else.
    public var window: DateRange
    /// Filters applied with the window.
    public var filter: SystemFilter
    /// Eras, each fitted separately.
    public var periods: [Period]
    /// Subsets fitted in every era, in table order.
    public var subsets: [Subset]
    /// Outlier and large-scale classification.
    public var classifier: ScaleClassifier
    /// N of the top-N frontier subset.
    public var frontierTop: Int
    /// Date and rate conventions.
    public var conventions: TimeConventions
    /// Bootstrap interval settings.
    public var bootstrap: BootstrapSettings
    /// Whether to add the per-domain table.
    public var includeDomains: Bool
    /// Fewest systems a domain needs in an era to get a row.
    public var minimumDomainSystems: Int
    /// Pairs of trends whose slopes are compared (see `TrendComparison`).
    public var comparisons: [TrendComparisonSpec]

    /// Creates settings; every argument defaults to the analysis of Sevilla et al. (2022).
    public init(window: DateRange = .unbounded, filter: SystemFilter = SystemFilter(),
                periods: [Period] = Period.defaults, subsets: [Subset] = [.all, .regular, .large],
                classifier: ScaleClassifier = .standard, frontierTop: Int = 10,
                conventions: TimeConventions = .standard, bootstrap: BootstrapSettings = .standard,
                includeDomains: Bool = false, minimumDomainSystems: Int = 10,
                comparisons: [TrendComparisonSpec] = []) throws(AnalysisError) {
        guard !window.isEmpty else {
            throw .invalidSetting(name: "data window", reason: "\(window) holds no date")
        }
        guard !periods.isEmpty else { throw .invalidSetting(name: "periods", reason: "at least one is needed") }
        if let repeated = periods.indices.first(where: { i in periods[..<i].contains { $0.name == periods[i].name } }) {
            throw .invalidSetting(name: "periods", reason: "the name '\(periods[repeated].name)' is used twice; every period needs its own")
        }
        guard !subsets.isEmpty else { throw .invalidSetting(name: "subsets", reason: "at least one is needed") }
        guard frontierTop >= 1 else {
            throw .invalidSetting(name: "frontier size", reason: "must be at least 1, got \(frontierTop)")
        }
        guard minimumDomainSystems >= 3 else {
            throw .invalidSetting(name: "minimum domain systems", reason: "must be at least 3, got \(minimumDomainSystems)")
        }
        for comparison in comparisons { _ = try comparison.periodIndices(in: periods.map(\.name)) }
        self.window = window
        self.filter = filter
        self.periods = periods
        self.subsets = subsets
        self.classifier = classifier
        self.frontierTop = frontierTop
        self.conventions = conventions
        self.bootstrap = bootstrap
        self.includeDomains = includeDomains
        self.minimumDomainSystems = minimumDomainSystems
        self.comparisons = comparisons
    }
}
