import ArgumentParser
import Foundation
import TrendFit

/// `trendfit bootstrap`: bootstrap confidence intervals for a linear model's coefficients.
struct BootstrapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bootstrap",
                                                    abstract: "Bootstrap confidence intervals for a linear model fitted to a CSV file.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var backend: BackendOptions

    @Option(help: "Number of resamples (B).")
    var resamples: Int = 1000

    @Option(help: "Seed of the Philox streams; the same seed gives the same replicates on every backend.")
    var seed: UInt64 = 1

    @Option(help: "Resampling scheme: cases, residuals or wild.")
    var scheme: BootstrapScheme = .cases

    @Option(help: "Wild multipliers (with --scheme wild): rademacher, mammen or webb.")
    var wildWeights: WildWeights = .rademacher

    @Option(help: "Half-width a of a uniform jitter U(-a, a) added to each resampled response.")
    var jitter: Double = 0

    @Option(help: "Interval: percentile, basic, normal or bca.")
    var interval: IntervalMethod = .percentile

    @Option(help: "Confidence level.")
    var confidence: Double = 0.95

    @Option(help: "Exclude case resamples with fewer distinct rows than this (0: the number of coefficients).")
    var minDistinct: Int = 0

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        guard resamples >= 2 else { throw ValidationError("--resamples must be at least 2") }
        guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence must be strictly between 0 and 1") }
        guard jitter >= 0 && jitter.isFinite else { throw ValidationError("--jitter must be a non-negative half-width") }
        guard (0...BootstrapPlan.maxMinimumDistinctRows).contains(minDistinct) else {
            throw ValidationError("--min-distinct must be between 0 and \(BootstrapPlan.maxMinimumDistinctRows)")
        }
    }

    /// The JSON shape of a bootstrap (part of the command-line contract).
    struct Report: Encodable {
        struct Coefficient: Encodable {
            let term: String
            let estimate: Double
            let median: Double
            let standardError: Double
            let interval: [Double]
        }
        let n: Int
        let resamples: Int
        let validResamples: Int
        let excluded: [String: Int]
        let seed: UInt64
        let scheme: String
        /// The wild multipliers (wild scheme only).
        let wildWeights: String?
        let jitter: Double
        let intervalMethod: String
        let confidence: Double
        let coefficients: [Coefficient]
        let backend: String
        let device: String
        let precision: String
    }

    func run() throws {
        let engine = try backend.makeBackend()
        let (batch, fit) = try model.loadAndFit(on: engine, precision: backend.precision)
        let plan = BootstrapPlan(scheme: scheme, resamples: resamples, seed: seed, jitter: jitter, minimumDistinctRows: minDistinct,
                                 wildWeights: wildWeights)
        let progress = ProgressBar(label: "bootstrap", total: resamples)
        let replicates = try engine.bootstrap(batch, plan: plan, precision: backend.precision,
                                              replicatesPerCall: max(10_000, resamples / 20)) { progress.update($0) }
        progress.finish()
        let jackknife = interval == .bca
            ? try engine.fit(Jackknife.leaveOneOutBatch(of: batch.problems[0], table: batch.table), precision: backend.precision)
            : nil
        var excluded: [String: Int] = [:]
        for raw in replicates.statuses where raw != 0 {
            excluded[(ReplicateStatus(rawValue: raw) ?? .rankDeficient).description, default: 0] += 1
        }
        let coefficients = try model.terms.enumerated().map { j, term in
            let summary = try CoefficientSummary(estimate: fit.coefficients[j], replicates: replicates.values(problem: 0, coefficient: j),
                                                 method: interval, confidence: confidence,
                                                 jackknife: jackknife.map { Jackknife.estimates($0, coefficient: j) })
            return Report.Coefficient(term: term, estimate: summary.estimate, median: summary.median,
                                      standardError: summary.standardError, interval: [summary.lower, summary.upper])
        }
        let report = Report(n: fit.n, resamples: resamples, validResamples: resamples - replicates.excludedCount(problem: 0),
                            excluded: excluded, seed: seed, scheme: scheme.rawValue,
                            wildWeights: scheme == .wild ? wildWeights.rawValue : nil, jitter: jitter,
                            intervalMethod: interval.rawValue, confidence: confidence, coefficients: coefficients,
                            backend: engine.name, device: engine.deviceName, precision: backend.precision.rawValue)
        print(try render(report))
    }

    private func render(_ report: Report) throws -> String {
        switch format {
        case .json:
            return try JSONText.encode(report)
        case .csv:
            return CSVText.render(header: ["term", "estimate", "median", "standardError", "lower", "upper"],
                                  rows: report.coefficients.map { c in
                                      [c.term, "\(c.estimate)", "\(c.median)", "\(c.standardError)", "\(c.interval[0])", "\(c.interval[1])"]
                                  })
        case .table:
            let level = String(format: "%g%%", confidence * 100)
            let table = PlainTable.render(
                header: ["term", "estimate", "median", "bootstrap SE", "\(level) \(interval.rawValue) interval"],
                rows: report.coefficients.map { c in
                    [c.term, FitCommand.number(c.estimate), FitCommand.number(c.median), FitCommand.number(c.standardError),
                     "[\(FitCommand.number(c.interval[0])); \(FitCommand.number(c.interval[1]))]"]
                })
            let excludedText = report.excluded.isEmpty ? "none"
                : report.excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return table + "\n"
                + "n = \(report.n), \(report.resamples) \(scheme.rawValue)\(scheme == .wild ? " (\(wildWeights.rawValue))" : "") resamples (seed \(seed)\(jitter > 0 ? ", jitter ±\(jitter)" : "")), excluded: \(excludedText)\n"
                + "backend: \(report.backend), \(report.device), \(report.precision) precision"
        }
    }
}
