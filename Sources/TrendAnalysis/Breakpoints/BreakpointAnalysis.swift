import TrendFit

/// Finds where a log-linear trend bends, by grid search over candidate break dates, with a bootstrap
/// interval for the break date itself.
///
/// The model at a candidate c is the continuous two-line ("hinge") trend
/// `log10(value) = a + b·x + d·(x − c)₊`, x the decimal year: slope b before c, b + d after, the two
/// lines meeting at c. Every candidate with at least `minimumEachSide` systems strictly before and
/// strictly after it is fitted; the best break has the smallest residual sum of squares (RSS), the
/// earliest on ties. For the interval, all candidate problems of a subset share its row list and its
/// bootstrap stream (the subset's position in the settings), so in each replicate every candidate
/// sees the same resampled systems; the replicate's break is its candidate with the smallest RSS
/// (candidates whose resampled design is rank-deficient do not compete), and the interval holds the
/// percentiles of those breaks. The slope intervals use each replicate's fit at its own break.
///
/// Candidates go to the backend in chunks, each one `fit` and one `bootstrap` call over every subset,
/// sized to bound memory; since a problem's stream does not depend on its chunk, neither do results.
/// Beyond the memory limit, the replicates are streamed (`BreakpointAnalysis+Streamed.swift`).
public struct BreakpointAnalysis: Sendable {
    /// The settings.
    public var settings: BreakpointSettings
    /// Candidate dates per chunk; nil to size chunks by `SweepRunner.chunkMemoryBudget`. A search
    /// whose replicates exceed the memory limit streams all candidates together instead.
    public var candidatesPerChunk: Int?

    /// Creates an analysis.
    public init(settings: BreakpointSettings, candidatesPerChunk: Int? = nil) {
        self.settings = settings
        self.candidatesPerChunk = candidatesPerChunk
    }

    /// The systems of one subset and the candidates it can use.
    struct Series {
        var members: [Int32]
        var valid: [Int]
    }

    /// The best break of every replicate of one subset so far.
    private struct ReplicateBest {
        var rss: [Double]
        var candidate: [Int]
        var slopeBefore: [Double]
        var slopeAfter: [Double]

        init(resamples: Int) {
            rss = Array(repeating: .infinity, count: resamples)
            candidate = Array(repeating: -1, count: resamples)
            slopeBefore = Array(repeating: 0, count: resamples)
            slopeAfter = Array(repeating: 0, count: resamples)
        }
    }

    /// What the replicates give one subset: how many chose each candidate, how many chose any,
    /// and the intervals at each level.
    struct ReplicateSummary {
        var shares: [Int: Int]
        var chosen: Int
        var levels: [BreakpointLevelIntervals]
    }

    /// Runs the search on `dataset`, calling `progress` with the number of candidate dates done after each chunk.
    public func run(on dataset: Dataset, backend: any RegressionBackend, precision: Precision,
                    progress: (_ completedCandidates: Int) -> Void = { _ in }) throws -> BreakpointReport {
        let selection = try Selection(dataset: dataset, window: settings.window, filter: settings.filter,
                                      classifier: settings.classifier, frontierTop: settings.frontierTop)
        guard !selection.systems.isEmpty else {
            throw AnalysisError.noSystems(reason: "none of the \(dataset.systems.count) systems of \(dataset.source) is in the window \(settings.window) and passes the filters")
        }
        let conventions = settings.conventions
        let years = selection.systems.map { conventions.year(of: $0.system.date) }
        let logs = selection.systems.map(\.log10Value)
        let candidateYears = settings.candidates.map(conventions.year(of:))
        let series = settings.subsets.map { makeSeries($0, in: selection) }

        // Per replicate of a candidate problem: three coefficients, status and RSS, about 40 bytes.
        let chunkSize = candidatesPerChunk
            ?? max(1, SweepRunner.chunkMemoryBudget / max(1, series.count * settings.bootstrap.resamples * 40))
        let search: Search
        if let streaming = try streamingPlan(series, chunkSize: chunkSize, years: years, logs: logs, candidateYears: candidateYears) {
            search = try streamedSearch(series, streaming, backend: backend, precision: precision)
            progress(settings.candidates.count)
        } else {
            search = try storedSearch(series, chunkSize: chunkSize, years: years, logs: logs, candidateYears: candidateYears,
                                      backend: backend, precision: precision, progress: progress)
        }

        let lines = try lineResidualSumsOfSquares(series, years: years, logs: logs, backend: backend, precision: precision)
        let results = settings.subsets.indices.map { s in
            result(settings.subsets[s], series[s], fits: search.fits[s], replicates: search.summaries[s], line: lines[s],
                   selection: selection)
        }
        return BreakpointReport(dataset: dataset, selection: selection, settings: settings, backendName: backend.name,
                                deviceName: backend.deviceName, precision: precision, results: results)
    }

    /// Every candidate fit and every subset's replicate summary.
    struct Search {
        /// Per subset, the fit at each candidate (nil where the subset cannot use it).
        var fits: [[FitResult?]]
        var summaries: [ReplicateSummary]
    }

    /// The problems of the candidates in `candidates` of every subset, in a batch with their hinge
    /// columns, and which subset and candidate each is; nil when no subset can use these candidates.
    func candidateBatch(_ series: [Series], candidates: Range<Int>, years: [Double], logs: [Double],
                        candidateYears: [Double]) throws -> (batch: ProblemBatch, owners: [(series: Int, candidate: Int)])? {
        let hinges = candidates.map { j in
            (name: "hinge \(j)", values: years.map { max(0, $0 - candidateYears[j]) })
        }
        var owners: [(series: Int, candidate: Int)] = []
        var problems: [RegressionProblem] = []
        for (s, subset) in series.enumerated() {
            for j in subset.valid where candidates.contains(j) {
                problems.append(RegressionProblem(rows: subset.members, response: 1, regressors: [0, 2 + j - candidates.lowerBound],
                                                  streamIndex: s))
                owners.append((s, j))
            }
        }
        guard !problems.isEmpty else { return nil }
        let table = try DataTable(columns: [(name: "year", values: years), (name: "log10 value", values: logs)] + hinges)
        return (try ProblemBatch(table: table, problems: problems), owners)
    }

    /// The search with every replicate of a chunk of candidates held at once, and the best break of
    /// every replicate of every subset.
    private func storedSearch(_ series: [Series], chunkSize: Int, years: [Double], logs: [Double], candidateYears: [Double],
                              backend: any RegressionBackend, precision: Precision,
                              progress: (_ completedCandidates: Int) -> Void) throws -> Search {
        let resamples = settings.bootstrap.resamples
        var fits: [[FitResult?]] = series.map { _ in Array(repeating: nil, count: settings.candidates.count) }
        // A subset without candidates has no best breaks to hold.
        var bests = series.map { ReplicateBest(resamples: $0.valid.isEmpty ? 0 : resamples) }
        for low in stride(from: 0, to: settings.candidates.count, by: chunkSize) {
            let chunk = low..<min(low + chunkSize, settings.candidates.count)
            defer { progress(chunk.upperBound) }
            guard let (batch, owners) = try candidateBatch(series, candidates: chunk, years: years, logs: logs,
                                                           candidateYears: candidateYears) else { continue }
            let chunkFits = try backend.fit(batch, precision: precision)
            let replicates = try backend.bootstrap(batch, plan: settings.bootstrap.planWithResidualSums, precision: precision)
            for (k, owner) in owners.enumerated() {
                fits[owner.series][owner.candidate] = chunkFits[k]
                for b in 0..<resamples where replicates.status(problem: k, replicate: b) == .ok {
                    let rss = replicates.residualSumsOfSquares[k * resamples + b]
                    guard Self.improves(rss: rss, candidate: owner.candidate, best: bests[owner.series].rss[b],
                                        bestCandidate: bests[owner.series].candidate[b]) else { continue }
                    let slopes = Self.slopes(replicates, problem: k, replicate: b)
                    bests[owner.series].rss[b] = rss
                    bests[owner.series].candidate[b] = owner.candidate
                    bests[owner.series].slopeBefore[b] = slopes.before
                    bests[owner.series].slopeAfter[b] = slopes.after
                }
            }
        }
        return Search(fits: fits, summaries: bests.map(summary))
    }

    /// The systems of `subset` and the candidates with at least `minimumEachSide` of them strictly before and after.
    private func makeSeries(_ subset: Subset, in selection: Selection) -> Series {
        let members = selection.systems.indices.filter { subset.contains(selection.systems[$0]) }
        let valid = settings.candidates.indices.filter { j in
            let date = settings.candidates[j]
            return members.count { selection.systems[$0].system.date < date } >= settings.minimumEachSide
                && members.count { selection.systems[$0].system.date > date } >= settings.minimumEachSide
        }
        return Series(members: members.map { Int32($0) }, valid: valid)
    }

    /// RSS of one straight line per subset (nil for subsets of fewer than three systems or a failed fit), in one fit call.
    private func lineResidualSumsOfSquares(_ series: [Series], years: [Double], logs: [Double],
                                           backend: any RegressionBackend, precision: Precision) throws -> [Double?] {
        let fitted = series.indices.filter { series[$0].members.count >= TrendEstimator.minimumSystems }
        guard !fitted.isEmpty else { return series.map { _ in nil } }
        let table = try DataTable(columns: [(name: "year", values: years), (name: "log10 value", values: logs)])
        let batch = try ProblemBatch(table: table, problems: fitted.map {
            RegressionProblem(rows: series[$0].members, response: 1, regressors: [0])
        })
        let fits = try backend.fit(batch, precision: precision)
        var result: [Double?] = series.map { _ in nil }
        for (k, s) in fitted.enumerated() { result[s] = Self.residualSumOfSquares(fits[k]) }
        return result
    }

    /// The RSS of a fit, from its residual standard error: RSE² × (n − p); nil when the fit failed.
    private static func residualSumOfSquares(_ fit: FitResult?) -> Double? {
        guard let fit, fit.status == .ok else { return nil }
        return fit.residualStandardError * fit.residualStandardError * Double(fit.n - fit.coefficients.count)
    }

    /// Whether a replicate's fit at `candidate`, of residual sum of squares `rss`, is a better break
    /// than its best so far: a smaller RSS, or the same at an earlier candidate.
    static func improves(rss: Double, candidate: Int, best: Double, bestCandidate: Int) -> Bool {
        rss < best || (rss == best && candidate < bestCandidate)
    }

    /// The slopes before and after the break of replicate `replicate` of problem `problem`.
    static func slopes(_ replicates: BootstrapReplicates, problem: Int, replicate: Int) -> (before: Double, after: Double) {
        let base = (problem * replicates.resamples + replicate) * replicates.coefficientStride
        return (replicates.coefficients[base + 1], replicates.coefficients[base + 1] + replicates.coefficients[base + 2])
    }

    /// The replicate summary of one subset from the best break of each of its replicates.
    private func summary(_ replicates: ReplicateBest) -> ReplicateSummary {
        let chosen = replicates.candidate.indices.filter { replicates.candidate[$0] >= 0 }
        var shares: [Int: Int] = [:]
        for b in chosen { shares[replicates.candidate[b], default: 0] += 1 }
        let breakDays = chosen.map { settings.candidates[replicates.candidate[$0]].daysSinceEpoch }
        let slopesBefore = chosen.map { replicates.slopeBefore[$0] }
        let slopesAfter = chosen.map { replicates.slopeAfter[$0] }
        let levels = settings.bootstrap.confidences.map {
            BreakpointLevelIntervals(confidence: $0, breakDays: breakDays, slopesBefore: slopesBefore, slopesAfter: slopesAfter)
        }
        return ReplicateSummary(shares: shares, chosen: chosen.count, levels: levels)
    }

    /// Assembles one subset's result.
    private func result(_ subset: Subset, _ series: Series, fits: [FitResult?], replicates: ReplicateSummary, line: Double?,
                        selection: Selection) -> BreakpointResult {
        let (shares, chosen, levels) = (replicates.shares, replicates.chosen, replicates.levels)
        let candidates = series.valid.map { j in
            let fit = fits[j]
            let ok = fit?.status == .ok
            return BreakCandidate(date: settings.candidates[j], residualSumOfSquares: Self.residualSumOfSquares(fit),
                                  slopeBefore: ok ? fit!.coefficients[1] : nil,
                                  slopeAfter: ok ? fit!.coefficients[1] + fit!.coefficients[2] : nil,
                                  replicateShare: chosen == 0 ? 0 : Double(shares[j] ?? 0) / Double(chosen))
        }
        let best = candidates.indices.filter { candidates[$0].residualSumOfSquares != nil }
            .min { candidates[$0].residualSumOfSquares! < candidates[$1].residualSumOfSquares! }
        let dates = series.members.map { selection.systems[Int($0)].system.date }
        return BreakpointResult(
            subset: subset, n: series.members.count, dates: dates.isEmpty ? nil : (dates.min()!, dates.max()!),
            candidates: candidates, skippedCandidates: settings.candidates.count - candidates.count, best: best,
            lineResidualSumOfSquares: line, breakInterval: levels[0].breakDate, slopeBeforeInterval: levels[0].slopeBefore,
            slopeAfterInterval: levels[0].slopeAfter, levelIntervals: levels,
            validResamples: chosen, excludedResamples: series.valid.isEmpty ? 0 : settings.bootstrap.resamples - chosen)
    }
}
