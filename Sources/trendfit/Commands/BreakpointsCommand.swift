import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit

/// `trendfit breakpoints`: where does the trend bend? A grid search for the break date of a continuous
/// two-line trend, with a bootstrap interval for the break.
struct BreakpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breakpoints",
        abstract: "Find the break date of a two-line (hinge) trend by grid search, with a bootstrap interval for it.",
        discussion: """
            At each candidate date c from --from to --to every --step (1m, 30d, 1y…), fits \
            log10(value) = a + b·x + d·(x − c)₊ (x the decimal year): slope b before c, b + d after, \
            the lines meeting at c. Only candidates with at least --min-each-side systems strictly \
            before and strictly after them are fitted. The best break has the smallest residual sum \
            of squares (the earliest on ties).

            Interval: in every bootstrap resample, all candidates see the same resampled systems and \
            the resample picks its own best break; the interval holds the percentiles of those breaks \
            (and of the slopes at them). Without a file, analyses the embedded ml-systems.csv.
            """)

    @Argument(help: ArgumentHelp("CSV file to analyse (default: the embedded ml-systems.csv).", valueName: "file.csv"))
    var file: String?
    @OptionGroup var columns: DatasetOptions

    @Option(help: ArgumentHelp("First candidate break date.", valueName: "date"))
    var from: String
    @Option(help: ArgumentHelp("Last candidate break date (included when on the grid).", valueName: "date"))
    var to: String
    @Option(help: ArgumentHelp("Spacing of the candidates: a count and d, m or y, e.g. 1m, 30d, 1y.", valueName: "step"))
    var step = "1m"
    @Option(parsing: .unconditional, help: "Fewest systems a candidate needs strictly before and strictly after it.")
    var minEachSide = BreakpointSettings.defaultMinimumEachSide

    @Option(help: ArgumentHelp("Keep systems published on or after this date (data window, applied first).", valueName: "date"))
    var dataFrom: String?
    @Option(help: ArgumentHelp("Keep systems published before this date (exclusive).", valueName: "date"))
    var dataTo: String?
    @Option(name: .customLong("subset"), help: "Subset searched (repeatable; default: all).")
    var subsets: [Subset] = []
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var bootstrap: BootstrapOptions
    @OptionGroup var backend: BackendOptions

    @Option(help: "Output format: table, json or csv (one line per subset and candidate).")
    var format: OutputFormat = .table
    @Option(parsing: .unconditional, help: "Refuse searches with more candidate dates than this.")
    var maxCandidates = BreakpointSettings.defaultMaxCandidates
    @Option(parsing: .unconditional, help: "Candidate dates per backend call (default: as many as fit in 64 MiB of replicates; beyond --memory-limit all candidates stream together).")
    var chunkCandidates: Int?

    func validate() throws {
        if let chunkCandidates, chunkCandidates < 1 { throw ValidationError("--chunk-candidates must be at least 1") }
        do {
            _ = try makeSettings()
        } catch let error as AnalysisError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let settings = try makeSettings()
        try OutputPathCheck.check(outputs: [], inputs: file.map { [$0] } ?? [])
        let dataset = try columns.load(file)
        let regressionBackend = try backend.makeBackend(memoryLimit: bootstrap.memoryLimit)
        Diagnostics.note("breakpoints: \(settings.candidates.count) candidates × \(settings.subsets.count) subsets on "
                         + "\(regressionBackend.name) (\(regressionBackend.deviceName)), \(backend.precision.rawValue) precision")
        let progress = ProgressBar(label: "breakpoints", total: settings.candidates.count)
        let report = try MemoryLimitOption.explainingRefusal {
            try BreakpointAnalysis(settings: settings, candidatesPerChunk: chunkCandidates)
                .run(on: dataset, backend: regressionBackend, precision: backend.precision) { progress.update($0) }
        }
        progress.finish()
        for warning in report.intervalWarnings { Diagnostics.note(warning) }
        switch format {
        case .table: print(BreakpointFormatter.text(report), terminator: "")
        case .json: print(try BreakpointFormatter.json(report), terminator: "")
        case .csv: print(BreakpointFormatter.csv(report), terminator: "")
        }
    }

    /// The settings the options describe.
    private func makeSettings() throws -> BreakpointSettings {
        guard let dateStep = DateStep(parsing: step) else {
            throw ValidationError("--step '\(step)' is not a step like 1m, 30d or 1y (a positive count of months, days or years)")
        }
        let window = DateRange(start: try dataFrom.map { text throws(AnalysisError) in try DateArgument.parse(text, option: "--data-from") },
                               end: try dataTo.map { text throws(AnalysisError) in try DateArgument.parse(text, option: "--data-to") })
        return try BreakpointSettings(
            window: window, filter: selection.filter, classifier: selection.classifier(), frontierTop: selection.frontierTop,
            subsets: subsets.isEmpty ? [.all] : subsets, from: DateArgument.parse(from, option: "--from"),
            to: DateArgument.parse(to, option: "--to"), step: dateStep, minimumEachSide: minEachSide, maxCandidates: maxCandidates,
            conventions: bootstrap.conventions(), bootstrap: bootstrap.settings())
    }
}
