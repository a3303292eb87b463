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
            resample runs in one batch on the chosen backend.
            """)

    @Argument(help: ArgumentHelp("CSV file to analyse (default: the embedded ml-systems.csv).", valueName: "file.csv"))
    var file: String?

    @Option(help: ArgumentHelp("Column holding system names.", valueName: "column"))
    var nameColumn = "Model"
    @Option(help: ArgumentHelp("Column holding publication dates.", valueName: "column"))
    var dateColumn = "Publication date"
    @Option(help: ArgumentHelp("Column holding the values to fit (logged; values ≤ 0 are reported and left out).", valueName: "column"))
    var valueColumn = "Training compute (FLOP)"
    @Option(help: ArgumentHelp("Column holding comma-separated domains (for --domains).", valueName: "column"))
    var domainColumn = "Domain"

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
    @Option(help: "N of the frontier subset: systems in the top N of everything published up to their date.")
    var frontierTop = 10
    @Option(name: .customLong("notability"), help: ArgumentHelp("Keep systems meeting this notability criterion, e.g. 'SOTA improvement' (repeatable: any of them).", valueName: "criterion"))
    var notability: [String] = []
    @Option(name: .customLong("confidence-rating"), help: ArgumentHelp("Keep systems with this confidence rating, e.g. Confident (repeatable).", valueName: "rating"))
    var confidenceRatings: [String] = []
    @Option(name: .customLong("organization-category"), help: ArgumentHelp("Keep systems from this organization category, e.g. Industry (repeatable).", valueName: "category"))
    var organizationCategories: [String] = []

    @Option(help: "Half-width in days of the window of contemporaries for z-scores.")
    var zWindowDays = 364.0
    @Option(help: "Systems with a z-score below this are outliers.")
    var outlierZ = -2.0
    @Option(help: "Systems with a z-score at or above this (from --large-from on) are large-scale.")
    var largeZ = 0.76
    @Option(help: ArgumentHelp("First date on which a system can be large-scale.", valueName: "date"))
    var largeFrom = "2015-09-01"

    @Flag(help: "Add a table of trends per domain (subset all).")
    var domains = false
    @Option(help: "Fewest systems a domain needs in an era to get a row.")
    var minDomainSystems = 10

    @Option(help: "Days per year of the x axis.")
    var daysPerYear = 365.25
    @Option(help: "Days per month of doubling times (default: days per year / 12).")
    var daysPerMonth: Double?

    @Option(help: "Coverage of the bootstrap intervals.")
    var confidence = 0.95
    @Option(help: "Bootstrap resamples per trend.")
    var resamples = 1000
    @Option(help: "Seed of the bootstrap streams.")
    var seed: UInt64 = 2022
    @Option(name: .customLong("jitter-log10"), help: "Half-width of uniform noise added to each resampled log10 value.")
    var jitterLog10 = 0.0
    @Option(help: "Resamples with fewer distinct systems than this are excluded (and counted).")
    var minDistinct = 3

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
    }

    func run() throws {
        let settings = try makeSettings()
        let loader = DatasetLoader(columns: ColumnMapping(name: nameColumn, date: dateColumn, value: valueColumn, domain: domainColumn))
        let dataset = try file.map(loader.load(path:)) ?? loader.loadEmbedded()
        let regressionBackend = try backend.makeBackend()
        Diagnostics.note("trends: \(regressionBackend.name) backend on \(regressionBackend.deviceName), \(backend.precision.rawValue) precision")
        let report = try EraAnalysis(settings: settings).run(on: dataset, backend: regressionBackend, precision: backend.precision)
        switch format {
        case .table: print(EraTableFormatter.format(report), terminator: "")
        case .json: print(try JSONReportFormatter.format(report), terminator: "")
        case .csv: print(CSVReportFormatter.format(report), terminator: "")
        }
        if let plot {
            let svg = TrendPlot(report: report, subsets: plotSubsets.isEmpty ? [.all] : plotSubsets).svg()
            try svg.write(toFile: plot, atomically: true, encoding: .utf8)
            Diagnostics.note("trends: wrote \(plot)")
        }
    }

    /// The analysis settings the options describe.
    private func makeSettings() throws(AnalysisError) -> AnalysisSettings {
        func date(_ text: String, setting: String) throws(AnalysisError) -> CalendarDate {
            guard let date = CalendarDate(parsing: text) else { throw .invalidDate(setting: setting, text: text) }
            return date
        }
        var parsedPeriods: [Period] = []
        for text in periods { parsedPeriods.append(try Period(parsing: text)) }
        let window = DateRange(start: try from.map { text throws(AnalysisError) in try date(text, setting: "--from") },
                               end: try to.map { text throws(AnalysisError) in try date(text, setting: "--to") })
        return try AnalysisSettings(
            window: window,
            filter: SystemFilter(notability: notability, confidence: confidenceRatings, organizationCategories: organizationCategories),
            periods: parsedPeriods.isEmpty ? Period.defaults : parsedPeriods,
            subsets: subsets.isEmpty ? [.all, .regular, .large] : subsets,
            classifier: ScaleClassifier(windowDays: zWindowDays, outlierZ: outlierZ, largeZ: largeZ,
                                        largeFrom: try date(largeFrom, setting: "--large-from")),
            frontierTop: frontierTop,
            conventions: TimeConventions(daysPerYear: daysPerYear, daysPerMonth: daysPerMonth),
            bootstrap: BootstrapSettings(confidence: confidence, resamples: resamples, seed: seed,
                                         jitterLog10: jitterLog10, minimumDistinctSystems: minDistinct),
            includeDomains: domains, minimumDomainSystems: minDomainSystems)
    }
}
