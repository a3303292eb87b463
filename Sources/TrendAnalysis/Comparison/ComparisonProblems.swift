import TrendFit

/// The regression problems that estimate comparisons, two per comparison whose trends both have
/// enough systems, and the table columns they need.
///
/// A comparison whose trends share no system fits each on its own systems with its own stream (the
/// stream of the same trend as an era query, so its replicates are the row's own). When they share
/// systems, the union of their systems is resampled once per replicate for both: each trend becomes
/// a weighted problem over the union (weight 1 for its systems, 0 for the others), the two with the
/// same rows in the same order and the same stream, keyed by `ComparisonQuery.jointRole` and the
/// union; their rows are appended to the table, once per trend. Each replicate fit is then the
/// trend's fit to the systems of the shared resample that belong to it. The distinct-systems rule
/// applies to the resample of the union.
struct ComparisonProblems {
    /// The problems, the two of a comparison next to each other.
    private(set) var problems: [RegressionProblem] = []
    /// The table's x column: the systems' decimal years, then those of the rows of joint pairs.
    private(set) var years: [Double]
    /// The table's response column: log10 values, in the order of `years`.
    private(set) var logs: [Double]
    /// The table's weight column: 1 for the systems, 1 or 0 for the rows of joint pairs.
    private(set) var weights: [Double]
    /// The comparisons, without estimates until `estimated` fills them in.
    private(set) var results: [TrendComparison]
    /// Batch index of each fitted comparison's first problem, by comparison.
    private var firstProblems: [Int: Int] = [:]

    /// The problems of `comparisons` over `systems`; they will sit at `firstProblem` onwards in the batch.
    init(_ comparisons: [ComparisonQuery], estimator: TrendEstimator, systems: [ClassifiedSystem], firstProblem: Int) {
        years = systems.map { estimator.conventions.year(of: $0.system.date) }
        logs = systems.map(\.log10Value)
        weights = Array(repeating: 1, count: systems.count)
        results = comparisons.map { comparison in
            TrendComparison(spec: comparison.spec, firstCount: comparison.first.systems.count,
                            secondCount: comparison.second.systems.count,
                            sharedCount: Set(comparison.first.systems).intersection(comparison.second.systems).count,
                            estimate: nil, note: "a trend has fewer than \(TrendEstimator.minimumSystems) systems")
        }
        for (c, comparison) in comparisons.enumerated()
        where min(comparison.first.systems.count, comparison.second.systems.count) >= TrendEstimator.minimumSystems {
            firstProblems[c] = firstProblem + problems.count
            guard results[c].isJoint else {
                for side in [comparison.first, comparison.second] {
                    problems.append(RegressionProblem(rows: side.systems.map { Int32($0) }, response: 1, regressors: [0],
                                                      streamIndex: side.streamIndex,
                                                      groups: estimator.groups(of: side.systems, in: systems)))
                }
                continue
            }
            let union = Set(comparison.first.systems).union(comparison.second.systems).sorted()
            let stream = SelectionStream.index(role: comparison.jointRole, systems: union.lazy.map { systems[$0] })
            let groups = estimator.groups(of: union, in: systems)
            for side in [Set(comparison.first.systems), Set(comparison.second.systems)] {
                let rows = (years.count..<(years.count + union.count)).map { Int32($0) }
                years += union.map { years[$0] }
                logs += union.map { logs[$0] }
                weights += union.map { side.contains($0) ? 1 : 0 }
                problems.append(RegressionProblem(rows: rows, response: 1, regressors: [0], weights: 2, streamIndex: stream,
                                                  groups: groups))
            }
        }
    }

    /// The comparisons with their estimates from the batch's `fits` and `replicates`.
    func estimated(fits: [FitResult], replicates: BootstrapReplicates, confidence: Double) -> [TrendComparison] {
        estimated(fits: fits) { _, first in
            func slopes(_ problem: Int) -> [Double?] {
                (0..<replicates.resamples).map { b in
                    replicates.status(problem: problem, replicate: b) == .ok
                        ? replicates.coefficients[(problem * replicates.resamples + b) * replicates.coefficientStride + 1] : nil
                }
            }
            return TrendComparison.estimate(
                firstSlope: fits[first].coefficients[1], secondSlope: fits[first + 1].coefficients[1],
                firstReplicates: slopes(first), secondReplicates: slopes(first + 1), confidence: confidence)
        }
    }

    /// The comparisons with the estimate `estimate` gives for each fitted pair (its index in
    /// `pairs` and first problem) whose two fits succeeded, and a note for the others.
    func estimated(fits: [FitResult], estimate: (_ index: Int, _ firstProblem: Int) -> TrendComparison.Estimate) -> [TrendComparison] {
        var results = self.results
        for (index, (c, first)) in pairs.enumerated() {
            let second = first + 1
            guard fits[first].status == .ok, fits[second].status == .ok else {
                results[c].note = "fit failed: \(fits[fits[first].status == .ok ? second : first].status)"
                continue
            }
            results[c].estimate = estimate(index, first)
            results[c].note = nil
        }
        return results
    }

    /// The fitted comparisons, in order, with the batch index of their first problem.
    var pairs: [(comparison: Int, firstProblem: Int)] {
        firstProblems.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
