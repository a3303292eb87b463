import Foundation

/// Formats a `TrendReport` as JSON: `conventions`, `bootstrap`, `selection`, `data`, `backend`,
/// `rows`, `domainRows`, `warnings` (`TrendReport.intervalWarnings`) and, when comparisons were
/// asked for, `comparisons`, keys sorted so that output is reproducible. Each row's `slopeInterval`
/// and `doublingInterval` are at the primary level; its `intervals` hold one entry per level of
/// `bootstrap.confidences`. Non-finite numbers (an
/// unbounded doubling time) are written as null.
public enum JSONReportFormatter {
    /// The report as pretty-printed JSON, ending with a newline.
    public static func format(_ report: TrendReport) throws -> String {
        try JSONText.encode(Document(report), pretty: true) + "\n"
    }

    private struct Document: Encodable {
        var conventions: Conventions
        var bootstrap: Bootstrap
        var selection: SelectionSettings
        var data: DataSummary
        var backend: Backend
        var rows: [Row]
        var domainRows: [Row]
        var warnings: [String]
        var comparisons: [Comparison]?

        init(_ report: TrendReport) {
            let settings = report.settings
            conventions = Conventions(settings.conventions)
            bootstrap = Bootstrap(settings.bootstrap)
            selection = SelectionSettings(settings)
            data = DataSummary(report)
            backend = Backend(name: report.backendName, device: report.deviceName, precision: report.precision.rawValue)
            rows = report.rows.map { Row($0, settings.conventions) }
            domainRows = report.domainRows.map { Row($0, settings.conventions) }
            warnings = report.intervalWarnings
            comparisons = report.comparisons.isEmpty ? nil : report.comparisons.map(Comparison.init)
        }
    }

    private struct ComparedTrend: Encodable {
        var period: String
        var subset: String
        var n: Int
    }

    private struct Comparison: Encodable {
        var first: ComparedTrend
        var second: ComparedTrend
        var sharedSystems: Int
        var resampling: String
        var slopeChange: Double?
        var slopeChangeInterval: [Double]?
        var doublingRatio: Double?
        var doublingRatioInterval: [Double]?
        var pValue: Double?
        var validResamples: Int?
        var excludedResamples: Int?
        var resamplesWithoutRatio: Int?
        var note: String?

        init(_ comparison: TrendComparison) {
            let spec = comparison.spec
            first = ComparedTrend(period: spec.first.periodName, subset: spec.first.subset.rawValue, n: comparison.firstCount)
            second = ComparedTrend(period: spec.second.periodName, subset: spec.second.subset.rawValue, n: comparison.secondCount)
            sharedSystems = comparison.sharedCount
            resampling = comparison.isJoint ? "joint" : "independent"
            note = comparison.note
            guard let estimate = comparison.estimate else { return }
            slopeChange = estimate.slopeChange
            slopeChangeInterval = estimate.slopeChangeInterval?.array
            doublingRatio = estimate.doublingRatio
            doublingRatioInterval = estimate.doublingRatioInterval?.array
            pValue = estimate.pValue
            validResamples = estimate.validResamples
            excludedResamples = estimate.excludedResamples
            resamplesWithoutRatio = estimate.pairsWithoutRatio
        }
    }

    private struct Conventions: Encodable {
        var x = "1970 + (days since 1970-01-01) / daysPerYear"
        var daysPerYear: Double
        var daysPerMonth: Double
        var slope = "log10(value) per year (orders of magnitude per year)"
        var doublingMonths = "log10(2) / slope * daysPerYear / daysPerMonth"
        var growthPerYear = "10^slope"
        var dateRanges = "start inclusive, end exclusive"
        var intervals = "bootstrap percentile quantiles [low, median, high]; doublingInterval maps slopeInterval"

        init(_ conventions: TimeConventions) {
            daysPerYear = conventions.daysPerYear
            daysPerMonth = conventions.daysPerMonth
        }
    }

    private struct Bootstrap: Encodable {
        var scheme = "cases"
        var confidence: Double
        var confidences: [Double]
        var resamples: Int
        var seed: UInt64
        var jitterLog10: Double
        var minimumDistinctSystems: Int
        var grouping: String
        var groupBy: String?

        init(_ settings: BootstrapSettings) {
            grouping = (settings.groups?.grouping ?? .none).rawValue
            groupBy = settings.groups?.key.rawValue
            confidence = settings.confidence
            confidences = settings.confidences
            resamples = settings.resamples
            seed = settings.seed
            jitterLog10 = settings.jitterLog10
            minimumDistinctSystems = settings.minimumDistinctSystems
        }
    }

    private struct SelectionSettings: Encodable {
        var from: String?
        var to: String?
        var notability: [String]
        var confidenceRatings: [String]
        var organizationCategories: [String]
        var zWindowDays: Double
        var outlierZ: Double
        var largeZ: Double
        var largeFrom: String
        var frontierTop: Int
        var periods: [PeriodBounds]

        init(_ settings: AnalysisSettings) {
            from = settings.window.start?.description
            to = settings.window.end?.description
            notability = settings.filter.notability
            confidenceRatings = settings.filter.confidence
            organizationCategories = settings.filter.organizationCategories
            zWindowDays = settings.classifier.windowDays
            outlierZ = settings.classifier.outlierZ
            largeZ = settings.classifier.largeZ
            largeFrom = settings.classifier.largeFrom.description
            frontierTop = settings.frontierTop
            periods = settings.periods.map(PeriodBounds.init)
        }
    }

    private struct PeriodBounds: Encodable {
        var name: String
        var start: String?
        var end: String?

        init(_ period: Period) {
            name = period.name
            start = period.range.start?.description
            end = period.range.end?.description
        }
    }

    private struct DataSummary: Encodable {
        var source: String
        var valueColumn: String
        var records: Int
        var systems: Int
        var skippedMissingDate: Int
        var skippedMissingValue: Int
        var nonPositiveValues: [NonPositive]
        var outsideWindow: Int
        var filteredOut: Int
        var selected: Int
        var outliers: Int
        var largeScale: Int

        init(_ report: TrendReport) {
            let dataset = report.dataset
            source = dataset.source
            valueColumn = dataset.columns.value
            records = dataset.recordCount
            systems = dataset.systems.count
            skippedMissingDate = dataset.skippedMissingDate
            skippedMissingValue = dataset.skippedMissingValue
            nonPositiveValues = dataset.nonPositiveValues.map { NonPositive(name: $0.name, line: $0.line, value: $0.value) }
            outsideWindow = report.selection.outsideWindow
            filteredOut = report.selection.filteredOut
            selected = report.selection.systems.count
            outliers = report.selection.count(.outlier)
            largeScale = report.selection.count(.large)
        }
    }

    private struct NonPositive: Encodable {
        var name: String
        var line: Int
        var value: Double
    }

    private struct Backend: Encodable {
        var name: String
        var device: String
        var precision: String
    }

    private struct Row: Encodable {
        var period: String
        var subset: String
        var domain: String?
        var n: Int
        var firstDate: String
        var lastDate: String
        var slope: Double?
        var slopeInterval: [Double?]?
        var doublingMonths: Double?
        var doublingInterval: [Double?]?
        var growthPerYear: Double?
        var rSquared: Double?
        var scaleStart: Double?
        var scaleEnd: Double?
        var validResamples: Int?
        var excludedResamples: Int?
        var intervals: [Interval]?
        var note: String?

        init(_ row: TrendRow, _ conventions: TimeConventions) {
            period = row.period.name
            subset = row.subset.rawValue
            domain = row.domain
            n = row.n
            firstDate = row.firstDate.description
            lastDate = row.lastDate.description
            note = row.note
            guard let estimate = row.estimate else { return }
            slope = estimate.slope
            slopeInterval = estimate.slopeInterval?.array.map(finite)
            doublingMonths = finite(estimate.doublingMonths)
            doublingInterval = estimate.doublingInterval?.array.map(finite)
            growthPerYear = estimate.growthPerYear
            rSquared = estimate.rSquared
            scaleStart = finite(estimate.scaleStart)
            scaleEnd = finite(estimate.scaleEnd)
            validResamples = estimate.validResamples
            excludedResamples = estimate.excludedResamples
            intervals = estimate.levelIntervals.map(Interval.init)
        }
    }

    /// A row's intervals at one level.
    private struct Interval: Encodable {
        var confidence: Double
        var slope: [Double?]
        var doublingMonths: [Double?]
        var extremeOrderStatistics: Bool

        init(_ level: LevelInterval) {
            confidence = level.confidence
            slope = level.slope.array.map(finite)
            doublingMonths = level.doubling.array.map(finite)
            extremeOrderStatistics = level.usesExtremeOrderStatistics
        }
    }

    private static func finite(_ value: Double) -> Double? {
        value.isFinite ? value : nil
    }
}
