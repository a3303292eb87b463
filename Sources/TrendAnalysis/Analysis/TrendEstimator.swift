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
    /// Whether every estimate must carry its replicate values (a plot's bands): a batch whose
    /// replicates exceed the memory limit is then refused before any work instead of streamed.
    public var keepsReplicates: Bool

    /// Creates an estimator.
    public init(backend: any RegressionBackend, precision: Precision, conventions: TimeConventions,
                bootstrap: BootstrapSettings, keepsReplicates: Bool = false) {
        self.backend = backend
        self.precision = precision
        self.conventions = conventions
        self.bootstrap = bootstrap
        self.keepsReplicates = keepsReplicates
    }

    /// Fits log10(value) against the decimal year for every query over `systems` (each query's
    /// `systems` index this array), returning one row per query in order. Queries with fewer than
    /// `minimumSystems` systems are not sent to the backend and get a note instead. Every query
    /// must cover at least one system. A query's replicates depend only on the seed, its stream
    /// index and its systems, so the same query gives the same row in any batch.
    public func estimate(_ queries: [TrendQuery], over systems: [ClassifiedSystem]) throws -> [TrendRow] {
        try estimate(queries, comparisons: [], over: systems).rows
    }

    /// Fits the trends of `queries` and of `comparisons` in one `fit` and one `bootstrap` call, or,
    /// when the batch's replicates exceed the memory limit, in streamed passes that draw them again
    /// chunk by chunk (`TrendEstimator+Streamed.swift`) with the same results.
    ///
    /// The rows are those of `estimate(_:over:)`; the comparisons' problems follow the rows'
    /// problems in the batch (see `ComparisonProblems`). With strata or clusters of systems
    /// (`BootstrapSettings.groups`), every problem's groups are those of its own systems.
    public func estimate(_ queries: [TrendQuery], comparisons: [ComparisonQuery],
                         over systems: [ClassifiedSystem]) throws -> (rows: [TrendRow], comparisons: [TrendComparison]) {
        precondition(queries.allSatisfy { !$0.systems.isEmpty }, "every query needs at least one system")
        let fitted = queries.indices.filter { queries[$0].systems.count >= Self.minimumSystems }
        var problems = fitted.map { k in
            RegressionProblem(rows: queries[k].systems.map { Int32($0) }, response: 1, regressors: [0],
                              streamIndex: queries[k].streamIndex, groups: groups(of: queries[k].systems, in: systems))
        }
        var rows = queries.map { query in
            let dates = query.systems.map { systems[$0].system.date }
            return TrendRow(period: query.period, subset: query.subset, domain: query.domain, n: query.systems.count,
                            firstDate: dates.min()!, lastDate: dates.max()!,
                            estimate: nil, note: "fewer than \(Self.minimumSystems) systems")
        }
        let paired = ComparisonProblems(comparisons, estimator: self, systems: systems, firstProblem: problems.count)
        problems += paired.problems
        guard !problems.isEmpty else { return (rows, paired.results) }

        let table = try DataTable(columns: [(name: "year", values: paired.years), (name: "log10 value", values: paired.logs),
                                            (name: "weight", values: paired.weights)])
        let batch = try ProblemBatch(table: table, problems: problems)
        let streaming = try streamingPlan(batch, rows: fitted.count, paired: paired)
        let fits = try backend.fit(batch, precision: precision)
        let estimate: (_ problem: Int, _ firstYear: Double, _ lastYear: Double) -> TrendEstimate
        let comparisons: [TrendComparison]
        if let streaming {
            let streamed = try streamedSummaries(batch, plan: streaming, fits: fits, rows: fitted.count, paired: paired)
            comparisons = streamed.comparisons
            estimate = { problem, firstYear, lastYear in
                TrendEstimate(fit: fits[problem], levelIntervals: streamed.levelIntervals[problem],
                              validResamples: streamed.validResamples[problem], excludedResamples: streamed.excludedResamples[problem],
                              firstYear: firstYear, lastYear: lastYear, conventions: conventions)
            }
        } else {
            let replicates = try backend.bootstrap(batch, plan: bootstrap.plan, precision: precision)
            comparisons = paired.estimated(fits: fits, replicates: replicates, confidence: bootstrap.confidence)
            estimate = { problem, firstYear, lastYear in
                TrendEstimate(fit: fits[problem], replicateIntercepts: replicates.values(problem: problem, coefficient: 0),
                              replicateSlopes: replicates.values(problem: problem, coefficient: 1),
                              excludedResamples: replicates.excludedCount(problem: problem),
                              firstYear: firstYear, lastYear: lastYear, conventions: conventions, confidences: bootstrap.confidences)
            }
        }
        for (problem, k) in fitted.enumerated() {
            guard fits[problem].status == .ok else {
                rows[k].note = "fit failed: \(fits[problem].status)"
                continue
            }
            rows[k].estimate = estimate(problem, conventions.year(of: rows[k].firstDate), conventions.year(of: rows[k].lastDate))
            rows[k].note = nil
        }
        return (rows, comparisons)
    }

    /// Group labels of the systems at `rows` of `systems` when the settings resample groups of systems.
    func groups(of rows: [Int], in systems: [ClassifiedSystem]) -> [Int32]? {
        bootstrap.groups?.labels(of: rows.lazy.map { systems[$0] })
    }
}
