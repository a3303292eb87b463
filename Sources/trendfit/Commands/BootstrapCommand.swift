import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit

/// `trendfit bootstrap`: bootstrap confidence intervals for a linear model's coefficients.
struct BootstrapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bootstrap",
                                                    abstract: "Bootstrap confidence intervals for a linear model fitted to a CSV file.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var backend: BackendOptions

    @Option(parsing: .unconditional, help: "Number of resamples (B).")
    var resamples = BootstrapPlan.defaultResamples

    @Option(parsing: .unconditional, help: "Seed of the Philox streams; the same seed gives the same replicates on every backend.")
    var seed = BootstrapPlan.defaultSeed

    @Option(help: "Resampling scheme: cases, residuals or wild.")
    var scheme: BootstrapScheme = .cases

    @Option(help: "Wild multipliers (with --scheme wild): rademacher, mammen or webb.")
    var wildWeights: WildWeights = .rademacher

    @Option(parsing: .unconditional, help: "Half-width a of a uniform jitter U(-a, a) added to each resampled response.")
    var jitter: Double = 0

    @Option(help: "Interval: percentile, basic, normal, bca or studentized.")
    var interval: IntervalMethod = .percentile

    @Option(parsing: .unconditional, help: ConfidenceOption.help, transform: ConfidenceOption.parse)
    var confidence = ConfidenceLevels.standard

    @Option(parsing: .unconditional, help: "Exclude case resamples with fewer distinct rows than this (0: the number of coefficients).")
    var minDistinct = BootstrapPlan.defaultMinimumDistinctRows

    @Option(help: ArgumentHelp("Stratified case resampling: resample the rows of each value of this column within themselves, keeping each stratum's size.",
                               valueName: "column"))
    var strata: String?

    @Option(help: ArgumentHelp("Cluster case resampling: draw the groups of rows sharing a value of this column, whole, as many as there are.",
                               valueName: "column"))
    var clusters: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Also write every replicate, in replicate order, to this file: CSV (with each replicate's status) or NumPy .npy (excluded replicates as NaN rows), by its extension.",
                               valueName: "file.csv|file.npy"))
    var replicates: String?

    @Option(help: MemoryLimitOption.help, transform: MemoryLimitOption.parse)
    var memoryLimit = MemoryLimit.standard

    @Option(help: "Where the summaries are formed: auto (on the OpenCL device when it is a GPU, or when the replicates exceed --memory-limit; on the host otherwise), device (needs fp64 and double precision) or host. The numbers are the same.")
    var summaries: SummaryPlacement = .auto

    func validate() throws {
        guard resamples >= CoefficientSummary.minimumReplicates else {
            throw ValidationError("--resamples must be at least \(CoefficientSummary.minimumReplicates) to form an interval")
        }
        if strata != nil && clusters != nil { throw ValidationError("give either --strata or --clusters, not both") }
        try plan.validateOptions()
        if let replicates, ReplicateFile.Format(path: replicates) == nil {
            throw ValidationError("--replicates \(replicates): name a file ending in .csv or .npy")
        }
        if summaries == .device, let replicates {
            throw ValidationError("--summaries device keeps the replicates on the device; --replicates \(replicates) needs them on the host")
        }
        if clusters != nil && interval == .bca {
            throw ValidationError("--interval bca's jackknife leaves out single rows, not clusters; use percentile, basic or normal with --clusters")
        }
        if clusters != nil && interval == .studentized {
            throw ValidationError("--interval studentized divides by each replicate's ordinary standard errors, which ignore clusters; use percentile, basic or normal with --clusters")
        }
    }

    /// The plan the options describe; no output reads the replicates' residual sums of squares.
    private var plan: BootstrapPlan {
        BootstrapPlan(scheme: scheme, resamples: resamples, seed: seed, jitter: jitter, minimumDistinctRows: minDistinct,
                      wildWeights: wildWeights, replicateStandardErrors: interval.needsReplicateStandardErrors,
                      replicateResidualSums: false, grouping: grouping)
    }

    /// Which case grouping the options ask for.
    private var grouping: CaseGrouping { strata != nil ? .strata : clusters != nil ? .clusters : .none }

    /// The JSON shape of a bootstrap (part of the command-line contract): `confidence` and each
    /// coefficient's `interval` are the primary (first) level's; `confidences` and `intervals` hold
    /// every level, one interval per level; `warnings` repeats what went to stderr.
    struct Report: Encodable {
        struct Interval: Encodable {
            let confidence: Double
            let lower: Double
            let upper: Double
            /// An end rests on the smallest or largest replicate used (R's boot.ci warning).
            let extremeOrderStatistics: Bool
        }
        struct Coefficient: Encodable {
            let term: String
            let estimate: Double
            let median: Double
            let standardError: Double
            let interval: [Double]
            let intervals: [Interval]
        }
        let n: Int
        let resamples: Int
        let validResamples: Int
        let excluded: [String: Int]
        let seed: UInt64
        let scheme: String
        let grouping: String
        let groupColumn: String?
        let groups: Int?
        /// The wild multipliers (wild scheme only).
        let wildWeights: String?
        let jitter: Double
        let intervalMethod: String
        let confidence: Double
        let confidences: [Double]
        let warnings: [String]
        let coefficients: [Coefficient]
        let backend: String
        let device: String
        let precision: String
        /// Where the summaries were formed: "device" or "host".
        let summaries: String
    }

    func run() throws {
        try OutputPathCheck.check(outputs: replicates.map { [$0] } ?? [], inputs: [model.file])
        let engine = try backend.makeBackend(memoryLimit: memoryLimit)
        var (batch, fit) = try model.loadAndFit(on: engine, precision: backend.precision)
        let groupColumn = strata ?? clusters
        var groupCount: Int?
        if let groupColumn {
            let groups = try GroupLabelReader.read(path: model.file, column: groupColumn)
            var problem = batch.problems[0]
            problem.groups = groups.labels
            batch = try ProblemBatch(table: batch.table, problems: [problem])
            groupCount = groups.groupCount
        }
        let jackknife = interval == .bca
            ? try Jackknife.estimates(of: batch.problems[0], table: batch.table, on: engine, precision: backend.precision,
                                      problemsPerBatch: Jackknife.problemsPerBatch(rows: batch.problems[0].rows.count,
                                                                                   memoryLimit: memoryLimit))
            : nil
        let fitsInMemory = StreamedBootstrap.fitsInMemory(batch, plan: plan, within: memoryLimit)
        let onDevice = try summariesOnDevice(engine, fitsInMemory: fitsInMemory)
        let (summaries, excludedByStatus) = try MemoryLimitOption.explainingRefusal {
            !onDevice && fitsInMemory
                ? try storedSummaries(engine, batch: batch, plan: plan, fit: fit, jackknife: jackknife)
                : try streamedSummaries(engine, batch: batch, plan: plan, fit: fit, jackknife: jackknife, onDevice: onDevice)
        }
        let excluded = Dictionary(uniqueKeysWithValues: excludedByStatus.map { ($0.key.description, $0.value) })
        var warnings: [String] = []
        let coefficients = model.terms.enumerated().map { j, term in
            for (level, summary) in zip(confidence.values, summaries[j]) where summary.usesExtremeOrderStatistics {
                warnings.append(IntervalWarning.extremeOrderStatistics(term, confidence: level, interval: "\(interval.rawValue) interval"))
            }
            let primary = summaries[j][0]
            return Report.Coefficient(term: term, estimate: primary.estimate, median: primary.median,
                                      standardError: primary.standardError, interval: [primary.lower, primary.upper],
                                      intervals: zip(confidence.values, summaries[j]).map { level, summary in
                                          Report.Interval(confidence: level, lower: summary.lower, upper: summary.upper,
                                                          extremeOrderStatistics: summary.usesExtremeOrderStatistics)
                                      })
        }
        let valid = resamples - excludedByStatus.values.reduce(0, +)
        warnings = confidence.values.compactMap { IntervalWarning.fewResamples(resamples, confidence: $0) } + warnings
        for warning in warnings { Diagnostics.note(warning) }
        let report = Report(n: fit.n, resamples: resamples, validResamples: valid,
                            excluded: excluded, seed: seed, scheme: scheme.rawValue, grouping: grouping.rawValue,
                            groupColumn: groupColumn, groups: groupCount,
                            wildWeights: scheme == .wild ? wildWeights.rawValue : nil, jitter: jitter,
                            intervalMethod: interval.rawValue, confidence: confidence.primary, confidences: confidence.values,
                            warnings: warnings, coefficients: coefficients,
                            backend: engine.name, device: engine.deviceName, precision: backend.precision.rawValue,
                            summaries: onDevice ? SummaryPlacement.device.rawValue : SummaryPlacement.host.rawValue)
        print(try render(report))
    }

    /// Whether `--summaries` places the summaries on `engine`'s device: `auto` does where the
    /// device keeps its replicates better than the host (`DevicePassReading.prefersPassesOnDevice`)
    /// or the replicates do not fit in memory, and never when they are written out.
    private func summariesOnDevice(_ engine: any RegressionBackend, fitsInMemory: Bool) throws -> Bool {
        let possible = replicates == nil && StreamedBootstrap.readsOnDevice(engine, precision: backend.precision)
        switch summaries {
        case .host:
            return false
        case .device:
            guard possible else {
                throw CommandFailure("--summaries device needs an OpenCL device with fp64 and --precision double; \(engine.deviceName) cannot form them (use --summaries host)")
            }
            return true
        case .auto:
            return possible && (!fitsInMemory || StreamedBootstrap.prefersOnDevice(engine))
        }
    }

    /// Every replicate held at once (they fit within `--memory-limit`): per coefficient the
    /// summary at each level, and the excluded replicates by status.
    private func storedSummaries(_ engine: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan, fit: FitResult,
                                 jackknife: [[Double]]?) throws -> ([[CoefficientSummary]], [ReplicateStatus: Int]) {
        let progress = ProgressBar(label: "bootstrap", total: resamples)
        let replicateValues = try engine.bootstrap(batch, plan: plan, precision: backend.precision,
                                                   replicatesPerCall: max(10_000, resamples / 20)) { progress.update($0) }
        progress.finish()
        if let replicates {
            try ReplicateFile.write(replicateValues, problem: 0, terms: model.terms, toPath: replicates)
        }
        var excluded: [ReplicateStatus: Int] = [:]
        if replicateValues.excludedCount(problem: 0) > 0 {
            for raw in replicateValues.statuses where raw != 0 {
                excluded[ReplicateStatus(rawValue: raw) ?? .rankDeficient, default: 0] += 1
            }
        }
        let summaries = try replicateValues.summaries(problem: 0, estimates: fit.coefficients,
                                                      estimateStandardErrors: fit.standardErrors, method: interval,
                                                      confidences: confidence.values, jackknife: jackknife,
                                                      threads: backend.threading.count)
        return (summaries, excluded)
    }

    /// Replicates beyond `--memory-limit`, or read on the device (`onDevice`): the summaries formed
    /// in passes that draw the replicates again chunk by chunk (`StreamedBootstrap`), the replicate
    /// file written during the first.
    private func streamedSummaries(_ engine: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan, fit: FitResult,
                                   jackknife: [[Double]]?, onDevice: Bool) throws -> ([[CoefficientSummary]], [ReplicateStatus: Int]) {
        let writer = try replicates.map { path in
            try ReplicateFile.Writer(path: path, terms: model.terms, resamples: resamples, standardErrors: plan.replicateStandardErrors)
        }
        var progress = ProgressBar(label: "bootstrap", total: resamples)
        var currentPass = 1
        let result = try StreamedBootstrap.summarize(
            on: engine, batch: batch, plan: plan, precision: backend.precision, estimates: fit.coefficients,
            estimateStandardErrors: fit.standardErrors, method: interval, confidences: confidence.values, jackknife: jackknife,
            memoryLimit: memoryLimit, threads: backend.threading.count, onDevice: onDevice,
            chunk: { replicates, _ in try writer?.append(replicates, problem: 0) },
            progress: { pass, done in
                if pass != currentPass {
                    progress.finish()
                    progress = ProgressBar(label: "summaries, pass \(pass)", total: resamples)
                    currentPass = pass
                }
                progress.update(done)
            })
        progress.finish()
        try writer?.commit()
        return (result.summaries, result.excluded)
    }

    /// How the cases were grouped, for the table's summary line.
    private func groupingText(_ report: Report) -> String {
        guard let column = report.groupColumn, let groups = report.groups else { return "" }
        return grouping == .strata ? ", stratified by '\(column)' (\(groups) strata)" : ", clustered by '\(column)' (\(groups) clusters)"
    }

    private func render(_ report: Report) throws -> String {
        switch format {
        case .json:
            return try JSONText.encode(report)
        case .csv:
            // One level: columns lower, upper; several: lower and upper per level, suffixed with it.
            let suffixes = confidence.values.count == 1 ? [""] : confidence.values.map { "@\($0)" }
            return Table(titles: ["term", "estimate", "median", "standardError"] + suffixes.flatMap { ["lower\($0)", "upper\($0)"] },
                         rows: report.coefficients.map { c in
                             [.text(c.term), .number(c.estimate), .number(c.median), .number(c.standardError)]
                                 + c.intervals.flatMap { [TableCell.number($0.lower), .number($0.upper)] }
                         }).csvLines().joined(separator: "\n")
        case .table:
            let table = Table(
                titles: ["term", "estimate", "median", "bootstrap SE"]
                    + confidence.values.map { "\(ResampleSufficiency.percent($0)) \(interval.rawValue) interval" },
                textRows: report.coefficients.map { c in
                    [c.term, FitCommand.number(c.estimate), FitCommand.number(c.median), FitCommand.number(c.standardError)]
                        + c.intervals.map { "[\(FitCommand.number($0.lower)); \(FitCommand.number($0.upper))]" }
                }).textLines(ruled: false).joined(separator: "\n")
            let excludedText = report.excluded.isEmpty ? "none"
                : report.excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return table + "\n"
                + "n = \(report.n), \(report.resamples) \(scheme.rawValue)\(scheme == .wild ? " (\(wildWeights.rawValue))" : "") resamples\(groupingText(report)) (seed \(seed)\(jitter > 0 ? ", jitter ±\(jitter)" : "")), excluded: \(excludedText)\n"
                + "backend: \(report.backend), \(report.device), \(report.precision) precision"
        }
    }
}
