import TrendFit

/// Fits many trends at once: every query becomes one problem of a single `ProblemBatch`, which the
/// backend fits in one call and bootstraps in one call.
public struct TrendEstimator: Sendable {
    /// Fewest systems a trend needs to be fitted (two coefficients plus one degree of freedom).
    public static let minimumSystems = 3

    /// Where the fits and resamples run.
    public var backend: any RegressionBackend
    /// Arithmetic precision of the backend.
    public var precision: Precision
    /// Date and rate conventions.
    public var conventions: TimeConventions
    /// Bootstrap settings.
    public var bootstrap: BootstrapSettings

    /// Creates an estimator.
    public init(backend: any RegressionBackend, precision: Precision, conventions: TimeConventions,
                bootstrap: BootstrapSettings) {
        self.backend = backend
        self.precision = precision
        self.conventions = conventions
        self.bootstrap = bootstrap
    }

    /// Fits log10(value) against the decimal year for every query over `systems` (each query's
    /// `systems` index this array), returning one row per query in order. Queries with fewer than
    /// `minimumSystems` systems are not sent to the backend and get a note instead. Every query
    /// must cover at least one system. A query's replicates depend only on the seed, its stream
    /// index and its systems, so the same query gives the same row in any batch.
    public func estimate(_ queries: [TrendQuery], over systems: [ClassifiedSystem]) throws -> [TrendRow] {
        try estimate(queries, comparisons: [], over: systems).rows
    }

    /// Fits the trends of `queries` and of `comparisons` in one `fit` and one `bootstrap` call.
    ///
    /// The rows are those of `estimate(_:over:)`. A comparison whose trends share no system fits
    /// each on its own systems with its own stream (the streams of the same trends as queries, so
    /// their replicates are the rows' own). When they share systems, the union of their systems is
    /// resampled once per replicate for both: each trend becomes a weighted problem over the union
    /// (weight 1 for its systems, 0 for the others), both with the same rows in the same order and
    /// the same stream, keyed by `ComparisonQuery.jointRole` and the union. Each replicate fit is then the trend's
    /// fit to the systems of the shared resample that belong to it. The distinct-systems rule then
    /// applies to the resample of the union. With strata or clusters of systems (`BootstrapSettings.groups`),
    /// every problem's groups are those of its own systems (of the union, for a joint pair).
    public func estimate(_ queries: [TrendQuery], comparisons: [ComparisonQuery],
                         over systems: [ClassifiedSystem]) throws -> (rows: [TrendRow], comparisons: [TrendComparison]) {
        precondition(queries.allSatisfy { !$0.systems.isEmpty }, "every query needs at least one system")
        var years = systems.map { conventions.year(of: $0.system.date) }
        var logs = systems.map(\.log10Value)
        var weights = Array(repeating: 1.0, count: systems.count)
        let fitted = queries.indices.filter { queries[$0].systems.count >= Self.minimumSystems }
        /// Group labels of a problem's systems when the settings resample groups of systems.
        func groups(_ rows: [Int]) -> [Int32]? { bootstrap.groups?.labels(of: rows.lazy.map { systems[$0] }) }
        var problems = fitted.map { k in
            RegressionProblem(rows: queries[k].systems.map { Int32($0) }, response: 1, regressors: [0],
                              streamIndex: queries[k].streamIndex, groups: groups(queries[k].systems))
        }
        var rows = queries.map { query in
            let dates = query.systems.map { systems[$0].system.date }
            return TrendRow(period: query.period, subset: query.subset, domain: query.domain, n: query.systems.count,
                            firstDate: dates.min()!, lastDate: dates.max()!,
                            estimate: nil, note: "fewer than \(Self.minimumSystems) systems")
        }
        var results = comparisons.map { comparison in
            TrendComparison(spec: comparison.spec, firstCount: comparison.first.systems.count,
                            secondCount: comparison.second.systems.count,
                            sharedCount: Set(comparison.first.systems).intersection(comparison.second.systems).count,
                            estimate: nil, note: "a trend has fewer than \(Self.minimumSystems) systems")
        }
        // Problem index of each compared trend's first problem (the second follows it).
        var comparisonProblems: [Int: Int] = [:]
        for (c, comparison) in comparisons.enumerated()
        where min(comparison.first.systems.count, comparison.second.systems.count) >= Self.minimumSystems {
            comparisonProblems[c] = problems.count
            guard results[c].isJoint else {
                for side in [comparison.first, comparison.second] {
                    problems.append(RegressionProblem(rows: side.systems.map { Int32($0) }, response: 1, regressors: [0],
                                                      streamIndex: side.streamIndex, groups: groups(side.systems)))
                }
                continue
            }
            let union = Set(comparison.first.systems).union(comparison.second.systems).sorted()
            let stream = SelectionStream.index(role: comparison.jointRole, systems: union.lazy.map { systems[$0] })
            for side in [Set(comparison.first.systems), Set(comparison.second.systems)] {
                let rows = (years.count..<(years.count + union.count)).map { Int32($0) }
                years += union.map { years[$0] }
                logs += union.map { logs[$0] }
                weights += union.map { side.contains($0) ? 1 : 0 }
                problems.append(RegressionProblem(rows: rows, response: 1, regressors: [0], weights: 2, streamIndex: stream,
                                                  groups: groups(union)))
            }
        }
        guard !problems.isEmpty else { return (rows, results) }

        let table = try DataTable(columns: [(name: "year", values: years), (name: "log10 value", values: logs),
                                            (name: "weight", values: weights)])
        let batch = try ProblemBatch(table: table, problems: problems)
        let fits = try backend.fit(batch, precision: precision)
        let replicates = try backend.bootstrap(batch, plan: bootstrap.plan, precision: precision)
        for (problem, k) in fitted.enumerated() {
            guard fits[problem].status == .ok else {
                rows[k].note = "fit failed: \(fits[problem].status)"
                continue
            }
            rows[k].estimate = TrendEstimate(
                fit: fits[problem],
                replicateIntercepts: replicates.values(problem: problem, coefficient: 0),
                replicateSlopes: replicates.values(problem: problem, coefficient: 1),
                excludedResamples: replicates.excludedCount(problem: problem),
                firstYear: conventions.year(of: rows[k].firstDate), lastYear: conventions.year(of: rows[k].lastDate),
                conventions: conventions, confidence: bootstrap.confidence)
            rows[k].note = nil
        }
        for (c, first) in comparisonProblems {
            let second = first + 1
            guard fits[first].status == .ok, fits[second].status == .ok else {
                results[c].note = "fit failed: \(fits[fits[first].status == .ok ? second : first].status)"
                continue
            }
            func slopes(_ problem: Int) -> [Double?] {
                (0..<replicates.resamples).map { b in
                    replicates.status(problem: problem, replicate: b) == .ok
                        ? replicates.coefficients[(problem * replicates.resamples + b) * replicates.coefficientStride + 1] : nil
                }
            }
            results[c].estimate = TrendComparison.estimate(
                firstSlope: fits[first].coefficients[1], secondSlope: fits[second].coefficients[1],
                firstReplicates: slopes(first), secondReplicates: slopes(second), confidence: bootstrap.confidence)
            results[c].note = nil
        }
        return (rows, results)
    }
}
