import TrendFit

/// The era analysis: selects and classifies systems, then fits every period × subset trend (and,
/// on request, every domain × period trend) through one batch on a regression backend.
public struct EraAnalysis: Sendable {
    /// The analysis settings.
    public var settings: AnalysisSettings

    /// Creates an analysis.
    public init(settings: AnalysisSettings) {
        self.settings = settings
    }

    /// Runs the analysis on `dataset`: one `fit` and one `bootstrap` call on `backend` in all, for the
    /// era rows, the domain rows and the comparisons (streamed passes beyond the memory limit, see
    /// `TrendEstimator`). `keepingReplicates` keeps every estimate's replicate values, for a plot's bands.
    public func run(on dataset: Dataset, backend: any RegressionBackend, precision: Precision,
                    keepingReplicates: Bool = false) throws -> TrendReport {
        if settings.includeDomains && !dataset.availableAttributes.contains(.domain) {
            throw AnalysisError.missingColumn(feature: "the domain table", column: dataset.columns.domain, source: dataset.source)
        }
        let selection = try Selection(dataset: dataset, window: settings.window, filter: settings.filter,
                                      classifier: settings.classifier, frontierTop: settings.frontierTop)
        guard !selection.systems.isEmpty else {
            throw AnalysisError.noSystems(reason: "none of the \(dataset.systems.count) systems of \(dataset.source) is in the window \(settings.window) and passes the filters")
        }
        let eraQueries = TrendQuery.eras(selection, periods: settings.periods, subsets: settings.subsets)
        let domainQueries = settings.includeDomains ? self.domainQueries(selection) : []
        let estimator = TrendEstimator(backend: backend, precision: precision, conventions: settings.conventions,
                                       bootstrap: settings.bootstrap, keepsReplicates: keepingReplicates)
        var comparisonQueries: [ComparisonQuery] = []
        for spec in settings.comparisons {
            comparisonQueries.append(try ComparisonQuery(spec: spec, selection: selection, periods: settings.periods))
        }
        let estimated = try estimator.estimate(eraQueries + domainQueries, comparisons: comparisonQueries,
                                               over: selection.systems)
        let rows = estimated.rows
        return TrendReport(dataset: dataset, selection: selection, settings: settings, backendName: backend.name,
                           deviceName: backend.deviceName, precision: precision,
                           rows: Array(rows[..<eraQueries.count]), domainRows: Array(rows[eraQueries.count...]),
                           comparisons: estimated.comparisons)
    }

    /// Domain × period queries over the non-outliers, for domains with at least
    /// `minimumDomainSystems` systems in the period; domains ordered by their number of systems.
    /// Each draws the stream `SelectionStream` keys by its domain, period and systems.
    private func domainQueries(_ selection: Selection) -> [TrendQuery] {
        var counts: [String: Int] = [:]
        for system in selection.systems where Subset.all.contains(system) {
            for domain in system.system.domains { counts[domain, default: 0] += 1 }
        }
        let domains = counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
        return domains.flatMap { domain in
            settings.periods.enumerated().compactMap { periodIndex, period in
                let members = selection.systems.indices.filter {
                    let system = selection.systems[$0]
                    return Subset.all.contains(system) && period.range.contains(system.system.date)
                        && system.system.domains.contains(domain)
                }
                let stream = SelectionStream.index(role: SelectionStream.domainRole(domain: domain, period: periodIndex),
                                                   systems: members.lazy.map { selection.systems[$0] })
                return members.count >= settings.minimumDomainSystems
                    ? TrendQuery(period: period, subset: .all, domain: domain, systems: members, streamIndex: stream) : nil
            }
        }
    }
}
