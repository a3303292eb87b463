import TrendFit

/// Runs a sweep's configurations in chunks: every trend of a chunk goes through one `fit` and one
/// `bootstrap` call (one pair per distinct jitter value in the chunk, since jitter is part of the
/// bootstrap plan).
///
/// The trend of period p and subset s draws the bootstrap stream `SelectionStream` keys by that
/// slot and its selected systems, whatever configuration, chunk, shard or device computes it: results
/// do not depend on chunking, sharding or device assignment, and configurations that select the
/// same systems for a trend draw the same resamples, so differences between configurations come
/// from their settings rather than from bootstrap noise. Configurations of a chunk that share a
/// filter and classifier share one `Selection`.
public struct SweepRunner: Sendable {
    /// The sweep.
    public var spec: SweepSpec
    /// The data.
    public var dataset: Dataset
    /// Arithmetic precision of the backends.
    public var precision: Precision

    /// Bytes of bootstrap output a chunk may produce when its size is chosen automatically.
    public static let chunkMemoryBudget = 64 << 20

    /// Creates a runner, checking that the dataset has the columns the spec's filters and domains need.
    public init(spec: SweepSpec, dataset: Dataset, precision: Precision) throws(AnalysisError) {
        var filters = [spec.fixed.filter]
        var needsDomain = spec.fixed.domain != nil
        for dimension in spec.dimensions {
            for value in dimension.values {
                if case .filter(let filter) = value { filters.append(filter) }
                if case .domain(let domain) = value, domain != nil { needsDomain = true }
            }
        }
        for filter in filters { try filter.validate(for: dataset) }
        if needsDomain && !dataset.availableAttributes.contains(.domain) {
            throw .missingColumn(feature: "the domain setting", column: dataset.columns.domain, source: dataset.source)
        }
        self.spec = spec
        self.dataset = dataset
        self.precision = precision
    }

    /// Problems a configuration bootstraps at most: one per trend, and two per comparison, which fits its own.
    private var problemsPerConfiguration: Int { spec.slotsPerConfiguration + 2 * spec.comparisons.count }

    /// Configurations per chunk: as many as keep a chunk's replicates within `chunkMemoryBudget` and
    /// the spec's memory limit, but no more than an equal share of the shard's configurations per worker.
    public func defaultChunkSize(shard: Shard, workers: Int) -> Int {
        // Per replicate: two coefficients held twice (backend and result) as doubles, status and RSS.
        let bytesPerConfiguration = problemsPerConfiguration * spec.bootstrap.resamples * 48
        let budget = min(Self.chunkMemoryBudget, spec.bootstrap.memoryLimit.bytes)
        let share = (shard.configurationCount(of: spec.grid.count) + workers - 1) / max(workers, 1)
        return max(1, min(budget / bytesPerConfiguration, share))
    }

    /// Refuses, before any work, chunks of `chunkSize` configurations whose bootstrap call could hold
    /// more replicates than the spec's memory limit (every trend and comparison of the chunk drawn).
    public func checkMemory(chunkSize: Int) throws(TrendFitError) {
        let (problems, overflow) = problemsPerConfiguration.multipliedReportingOverflow(by: chunkSize)
        let bytes = overflow ? Int.max : BootstrapReplicates.bytes(problemCount: problems, resamples: spec.bootstrap.resamples,
                                                                   coefficientStride: 2, standardErrors: false)
        try spec.bootstrap.memoryLimit.check(bytes, for: "\(spec.bootstrap.resamples) resamples of \(chunkSize) configuration"
                                                 + "\(chunkSize == 1 ? "" : "s") × \(problemsPerConfiguration) trends")
    }

    /// The shard's configurations from `firstConfiguration` on, in chunks of `chunkSize`, in order.
    public func chunks(shard: Shard, chunkSize: Int, from firstConfiguration: Int = 0) -> [[Int]] {
        precondition(chunkSize >= 1, "a chunk holds at least one configuration")
        let configurations = shard.configurations(of: spec.grid.count).filter { $0 >= firstConfiguration }
        return stride(from: 0, to: configurations.count, by: chunkSize).map {
            Array(configurations[$0..<min($0 + chunkSize, configurations.count)])
        }
    }

    /// Runs the shard's configurations from `firstConfiguration` on (a resumed run starts later)
    /// on `backends` at once (one thread per backend), passing each chunk's rows to `deliver` in
    /// configuration order.
    public func run(shard: Shard, backends: [any RegressionBackend], chunkSize: Int? = nil, from firstConfiguration: Int = 0,
                    deliver: (_ rows: [SweepRow], _ configurations: [Int]) throws -> Void) throws {
        let chunks = self.chunks(shard: shard, chunkSize: chunkSize ?? defaultChunkSize(shard: shard, workers: backends.count),
                                 from: firstConfiguration)
        try ChunkScheduler.run(chunkCount: chunks.count, workers: backends,
                               compute: { chunk, backend in try self.rows(of: chunks[chunk], on: backend) },
                               deliver: { chunk, rows in try deliver(rows, chunks[chunk]) })
    }

    /// The rows of `configurations`, in order: periods outermost, then subsets, leaving out
    /// combinations without systems; then the spec's comparisons whose two trends both have systems.
    public func rows(of configurations: [Int], on backend: any RegressionBackend) throws -> [SweepRow] {
        let resolved = configurations.map(spec.configuration)
        var rowsByConfiguration: [Int: [SweepRow]] = [:]
        var jitters: [Double] = []
        for configuration in resolved where !jitters.contains(configuration.settings.jitterLog10) {
            jitters.append(configuration.settings.jitterLog10)
        }
        for jitter in jitters {
            let group = resolved.filter { $0.settings.jitterLog10 == jitter }
            for (index, rows) in try estimate(group, on: backend) { rowsByConfiguration[index] = rows }
        }
        return resolved.flatMap { rowsByConfiguration[$0.index] ?? [] }
    }

    /// Fits every trend and comparison of `configurations` (which share a jitter) in one batch; rows by
    /// configuration index.
    private func estimate(_ configurations: [SweepConfiguration], on backend: any RegressionBackend) throws -> [Int: [SweepRow]] {
        var systems: [ClassifiedSystem] = []
        var selections: [(filter: SystemFilter, classifier: ScaleClassifier, selection: Selection, offset: Int)] = []
        var queries: [TrendQuery] = []
        var owners: [SweepConfiguration] = []
        var comparisons: [ComparisonQuery] = []
        var comparisonOwners: [(configuration: SweepConfiguration, index: Int, firstPeriod: Int)] = []
        for configuration in configurations {
            let settings = configuration.settings
            let classifier = settings.classifier
            let block: (selection: Selection, offset: Int)
            if let shared = selections.first(where: { $0.filter == settings.filter && $0.classifier == classifier }) {
                block = (shared.selection, shared.offset)
            } else {
                let selection = try Selection(dataset: dataset, window: spec.window, filter: settings.filter,
                                              classifier: classifier, frontierTop: spec.frontierTop)
                selections.append((settings.filter, classifier, selection, systems.count))
                block = (selection, systems.count)
                systems += selection.systems
            }
            for var query in TrendQuery.eras(block.selection, periods: configuration.periods, subsets: spec.subsets,
                                             domain: settings.domain) {
                query.systems = query.systems.map { $0 + block.offset }
                queries.append(query)
                owners.append(configuration)
            }
            for (index, comparison) in spec.comparisons.enumerated() {
                let query = try ComparisonQuery(spec: comparison, selection: block.selection, periods: configuration.periods,
                                                domain: settings.domain)
                guard !query.first.systems.isEmpty, !query.second.systems.isEmpty else { continue }
                comparisons.append(query.offset(by: block.offset))
                comparisonOwners.append((configuration, index,
                                         try comparison.periodIndices(in: configuration.periods.map(\.name)).first))
            }
        }
        guard let first = configurations.first else { return [:] }
        let estimator = TrendEstimator(backend: backend, precision: precision, conventions: spec.conventions,
                                       bootstrap: spec.bootstrap(for: first))
        let estimated = try estimator.estimate(queries, comparisons: comparisons, over: systems)
        var rows: [Int: [SweepRow]] = [:]
        for ((query, owner), var trend) in zip(zip(queries, owners), estimated.rows) {
            trend.estimate = trend.estimate?.droppingReplicates()
            rows[owner.index, default: []].append(
                SweepRow(configuration: owner.index, values: owner.values, periodIndex: query.slot! / spec.subsets.count,
                         trend: trend))
        }
        for ((query, owner), result) in zip(zip(comparisons, comparisonOwners), estimated.comparisons) {
            let dates = query.first.systems.map { systems[$0].system.date }
            let first = TrendRow(period: query.first.period, subset: query.first.subset, domain: query.first.domain,
                                 n: query.first.systems.count, firstDate: dates.min()!, lastDate: dates.max()!,
                                 estimate: nil, note: nil)
            rows[owner.configuration.index, default: []].append(
                SweepRow(configuration: owner.configuration.index, values: owner.configuration.values,
                         periodIndex: owner.firstPeriod, trend: first,
                         comparison: SweepComparison(index: owner.index, secondPeriod: query.second.period, result: result)))
        }
        return rows
    }
}
