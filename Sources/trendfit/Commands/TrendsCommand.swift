import ArgumentParser
import Foundation
import TrendAnalysis
import TrendFit

/// `trendfit trends`: the era table of log-linear trends with bootstrap intervals, as text, JSON or CSV,
/// and optionally an SVG plot.
struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Fit log-linear trends of a value (by default training compute) against publication date, per era.",
        discussion: """
            Without a file, analyses the embedded copy of Epoch AI's ml-systems.csv ("Data on AI Models", CC BY 4.0).

            x is the decimal year 1970 + (days since 1970-01-01) / --days-per-year and the response is \
            log10(value), so slopes are in orders of magnitude per year and the doubling time is \
            log10(2) / slope years (× days-per-year / days-per-month in months).

            Dates are YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or a year YYYY (January 1). Every date range \
            (--from/--to, periods) includes its start and excludes its end.

            Each system gets a z-score of log10(value) among the systems published within \
            ±--z-window-days of it, itself included (population standard deviation; z = 0 when that \
            window has no spread). z < --outlier-z makes an outlier, left out of every subset; \
            z ≥ --large-z on or after --large-from makes a large-scale system.

            Intervals are bootstrap percentiles [low; median; high] of case resamples; every fit and \
            resample runs in one batch on the chosen backend. --clusters date resamples the \
            publication dates of a trend (the systems of one date move together); --strata domain \
            resamples each domain list's systems within themselves, keeping its count.

            --compare FIRST,SECOND (repeatable) compares two trends, each a period name optionally \
            followed by /SUBSET (default all), e.g. "Pre Deep Learning Era,Deep Learning Era" or \
            "Deep Learning Era/large,Deep Learning Era/regular": the slope change (second − first) and \
            the doubling-time ratio (first / second) with percentile intervals, and the two-sided \
            bootstrap p-value of no change. Trends that share systems are fitted to the same resamples \
            of the systems of either; disjoint ones are resampled independently. In the table and JSON \
            formats.
            """)

    @Argument(help: ArgumentHelp("CSV file to analyse (default: the embedded ml-systems.csv).", valueName: "file.csv"))
    var file: String?

    @OptionGroup var columns: DatasetOptions

    @Option(help: ArgumentHelp("Keep systems published on or after this date (data window, applied first).", valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("Keep systems published before this date (exclusive).", valueName: "date"))
    var to: String?
    @Option(name: .customLong("period"),
            help: ArgumentHelp("An era to fit (repeatable; END may be 'end'). Default: Pre Deep Learning Era=1950..2010-01-01, Deep Learning Era=2010-01-01..end, Large-Scale Era=2015-09-01..end.",
                               valueName: "name=start..end"))
    var periods: [String] = []
    @Option(name: .customLong("subset"), help: "Subset fitted in every era (repeatable; default: all, regular, large).")
    var subsets: [Subset] = []
    @OptionGroup var selection: SelectionOptions

    @Flag(help: "Add a table of trends per domain (subset all).")
    var domains = false
    @Option(parsing: .unconditional, help: "Fewest systems a domain needs in an era to get a row.")
    var minDomainSystems = 10

    @Option(name: .customLong("compare"),
            help: ArgumentHelp("Compare the slopes of two trends (repeatable), e.g. 'Pre Deep Learning Era,Deep Learning Era' or 'Deep Learning Era/large,Deep Learning Era/regular'.",
                               valueName: "first,second"))
    var comparisons: [String] = []

    @Option(help: ArgumentHelp("Stratified resampling: resample the systems of each publication date or domain list within themselves (date or domain).",
                               valueName: "key"))
    var strata: SystemGroups.Key?
    @Option(help: ArgumentHelp("Cluster resampling: draw the systems sharing a publication date or domain list together (date or domain).",
                               valueName: "key"))
    var clusters: SystemGroups.Key?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var backend: BackendOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Also write an SVG chart of the systems and trends to this file.", valueName: "file.svg"))
    var plot: String?
    @Option(name: .customLong("plot-subset"), help: "Subset whose era lines the chart draws (repeatable; default all).")
    var plotSubsets: [Subset] = []

    func validate() throws {
        do {
            _ = try makeSettings()
        } catch {
            throw ValidationError(error.description)
        }
        if strata != nil && clusters != nil { throw ValidationError("give either --strata or --clusters, not both") }
        if format == .csv && !comparisons.isEmpty {
            throw ValidationError("--compare results are written in the table and json formats, not in csv")
        }
    }

    func run() throws {
        let settings = try makeSettings()
        try OutputPathCheck.check(outputs: plot.map { [$0] } ?? [], inputs: file.map { [$0] } ?? [])
        let dataset = try columns.load(file)
        let regressionBackend = try backend.makeBackend(memoryLimit: bootstrap.memoryLimit)
        Diagnostics.note("trends: \(regressionBackend.name) backend on \(regressionBackend.deviceName), \(backend.precision.rawValue) precision")
        let report = try MemoryLimitOption.explainingRefusal {
            try EraAnalysis(settings: settings).run(on: dataset, backend: regressionBackend, precision: backend.precision,
                                                    keepingReplicates: plot != nil)
        }
        for warning in report.intervalWarnings { Diagnostics.note(warning) }
        switch format {
        case .table: print(EraTableFormatter.format(report), terminator: "")
        case .json: print(try JSONReportFormatter.format(report), terminator: "")
        case .csv: print(CSVReportFormatter.format(report), terminator: "")
        }
        if let plot {
            let svg = TrendPlot(report: report, subsets: plotSubsets.isEmpty ? [.all] : plotSubsets).svg()
            try OutputFile.write(svg, toPath: plot)
            Diagnostics.note("trends: wrote \(plot)")
        }
    }

    /// The bootstrap settings, with the strata or clusters of systems the options ask for.
    private func bootstrapSettings() throws(AnalysisError) -> BootstrapSettings {
        var settings = try bootstrap.settings()
        if let strata { settings.groups = SystemGroups(grouping: .strata, key: strata) }
        if let clusters { settings.groups = SystemGroups(grouping: .clusters, key: clusters) }
        return settings
    }

    /// The analysis settings the options describe.
    private func makeSettings() throws(AnalysisError) -> AnalysisSettings {
        var parsedPeriods: [Period] = []
        for text in periods { parsedPeriods.append(try Period(parsing: text)) }
        var parsedComparisons: [TrendComparisonSpec] = []
        for text in comparisons { parsedComparisons.append(try TrendComparisonSpec(parsing: text)) }
        let window = DateRange(start: try from.map { text throws(AnalysisError) in try DateArgument.parse(text, option: "--from") },
                               end: try to.map { text throws(AnalysisError) in try DateArgument.parse(text, option: "--to") })
        return try AnalysisSettings(
            window: window, filter: selection.filter,
            periods: parsedPeriods.isEmpty ? Period.defaults : parsedPeriods,
            subsets: subsets.isEmpty ? [.all, .regular, .large] : subsets,
            classifier: selection.classifier(), frontierTop: selection.frontierTop,
            conventions: bootstrap.conventions(), bootstrap: bootstrapSettings(),
            includeDomains: domains, minimumDomainSystems: minDomainSystems, comparisons: parsedComparisons)
    }
}
