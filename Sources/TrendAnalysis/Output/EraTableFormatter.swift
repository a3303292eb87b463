import TrendFit

/// Formats a `TrendReport` as text for a person: a header on data and settings, the era table,
/// the domain table when present, and the conventions.
public enum EraTableFormatter {
    /// The report as text, ending with a newline.
    public static func format(_ report: TrendReport) -> String {
        var lines = header(report)
        lines += [""] + table(report.rows, firstTitle: "Period", firstCell: \.period.name, secondTitle: "Subset",
                              secondCell: \.subset.rawValue)
        if !report.settings.bootstrap.additionalConfidences.isEmpty {
            lines += [""] + otherLevels(report)
        }
        if !report.domainRows.isEmpty {
            lines += ["", "By domain (subset all; domains with at least \(report.settings.minimumDomainSystems) systems in the period)", ""]
            lines += table(report.domainRows, firstTitle: "Domain", firstCell: { $0.domain ?? "" }, secondTitle: "Period",
                           secondCell: \.period.name)
        }
        if !report.comparisons.isEmpty { lines += [""] + comparisonTable(report) }
        lines += [""] + footnotes(report)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(_ report: TrendReport) -> [String] {
        let data = report.dataset
        let selection = report.selection
        let settings = report.settings
        let classifier = settings.classifier
        let bootstrap = settings.bootstrap
        let otherLevels = bootstrap.additionalConfidences.map(ResampleSufficiency.percent).joined(separator: ", ")
        let otherLevelsMention = otherLevels.isEmpty ? "" : " (also \(otherLevels), below)"
        var lines = [
            "Trends in \(data.columns.value) — \(data.source)",
            "Data: \(data.recordCount) records, \(data.systems.count) with a date and a positive value "
                + "(skipped: \(data.skippedMissingDate) without a date, \(data.skippedMissingValue) without a value, "
                + "\(data.nonPositiveValues.count) with a value ≤ 0)",
            "Selection: \(selection.systems.count) systems"
                + (settings.window == .unbounded ? "" : " published in \(settings.window)")
                + (selection.filteredOut > 0 ? " passing the filters (\(selection.filteredOut) filtered out)" : ""),
            "Scale: \(selection.count(.outlier)) outliers (z < \(classifier.outlierZ.compactDescription)), "
                + "\(selection.count(.large)) large-scale (z ≥ \(classifier.largeZ.compactDescription) from \(classifier.largeFrom)); "
                + "z of log10(value) among systems within ±\(classifier.windowDays.compactDescription) days",
            "Intervals: bootstrap percentiles [low; median; high] at \((bootstrap.confidence * 100).compactDescription)%"
                + otherLevelsMention + ", "
                + "\(bootstrap.resamples) case resamples, seed \(bootstrap.seed)"
                + (bootstrap.jitterLog10 > 0 ? ", jitter ±\(bootstrap.jitterLog10.compactDescription) log10" : "")
                + (bootstrap.groups.map { ", \($0.description)" } ?? "")
                + ", at least \(bootstrap.minimumDistinctSystems) distinct systems per resample",
            "Backend: \(report.backendName) (\(report.deviceName)), \(report.precision.rawValue) precision",
            "Periods:",
        ]
        let nameWidth = settings.periods.map(\.name.count).max() ?? 0
        for period in settings.periods {
            lines.append("  " + period.name + String(repeating: " ", count: nameWidth - period.name.count + 2) + period.range.description)
        }
        return lines
    }

    private static func table(_ rows: [TrendRow], firstTitle: String, firstCell: (TrendRow) -> String,
                              secondTitle: String, secondCell: (TrendRow) -> String) -> [String] {
        var table = Table(
            titles: [firstTitle, secondTitle, "n", "Slope, OOM/yr", "Doubling, months", "×/yr", "R²",
                     "Fitted, first → last", "Data dates"],
            alignments: [.left, .left, .right, .left, .left, .right, .right, .left, .left])
        var previousFirst = ""
        for row in rows {
            let first = firstCell(row)
            var cells = [first == previousFirst ? "" : first, secondCell(row), String(row.n)]
            previousFirst = first
            if let estimate = row.estimate {
                cells += [
                    estimate.slope.fixed(3) + " " + interval(estimate.slopeInterval, digits: 3),
                    months(estimate.doublingMonths) + " " + interval(estimate.doublingInterval, digits: 1),
                    estimate.growthPerYear.fixed(2) + "×",
                    estimate.rSquared.map { $0.fixed(2) } ?? "—",
                    estimate.scaleStart.scientific(1) + " → " + estimate.scaleEnd.scientific(1),
                ]
            } else {
                cells += [row.note ?? "", "", "", "", ""]
            }
            cells.append("\(row.firstDate) → \(row.lastDate)")
            table.append(cells)
        }
        return table.textLines()
    }

    private static func comparisonTable(_ report: TrendReport) -> [String] {
        var table = Table(
            titles: ["First", "Second", "n", "Shared", "Resampled", "Slope change, OOM/yr", "Doubling ratio", "p"],
            alignments: [.left, .left, .right, .right, .left, .left, .left, .right])
        for comparison in report.comparisons {
            var cells = [comparison.spec.first.label, comparison.spec.second.label,
                         "\(comparison.firstCount) → \(comparison.secondCount)", String(comparison.sharedCount),
                         comparison.isJoint ? "jointly" : "independently"]
            if let estimate = comparison.estimate {
                cells += [
                    signed(estimate.slopeChange) + " " + interval(estimate.slopeChangeInterval, digits: 3),
                    (estimate.doublingRatio.map { $0.fixed(2) + "×" } ?? "—") + " "
                        + (estimate.doublingRatioInterval.map { interval($0, digits: 2) } ?? "[undefined]"),
                    estimate.pValue.map { String(format: "%.3g", $0) } ?? "—",
                ]
            } else {
                cells += [comparison.note ?? "", "", ""]
            }
            table.append(cells)
        }
        let minimumP = 2 / Double(report.settings.bootstrap.resamples + 1)
        return ["Comparisons: slope change = second − first; doubling ratio = first's doubling time / second's "
                + "(= second slope / first slope)"]
            + table.textLines()
            + ["  trends that share systems are fitted to the same resample of the systems of either; disjoint ones independently",
               "  p: two-sided bootstrap test of no slope change, min(1, 2·min(1 + #{Δ* ≤ 0}, 1 + #{Δ* ≥ 0}) / (1 + B)); "
                + "at least \(String(format: "%.3g", minimumP)) with B = \(report.settings.bootstrap.resamples)"]
    }

    private static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + value.fixed(3)
    }

    /// Slope intervals at the levels after the primary one, one column per level.
    private static func otherLevels(_ report: TrendReport) -> [String] {
        let levels = report.settings.bootstrap.additionalConfidences
        var table = Table(titles: ["Period", "Subset"] + levels.map { "Slope at \(ResampleSufficiency.percent($0))" },
                              alignments: [.left, .left] + levels.map { _ in .left })
        var previousPeriod = ""
        for row in report.rows {
            let period = row.period.name == previousPeriod ? "" : row.period.name
            previousPeriod = row.period.name
            let intervals = row.estimate?.levelIntervals.dropFirst().map { interval($0.slope, digits: 3) }
            table.append([period, row.subset.rawValue] + (intervals ?? levels.map { _ in "" }))
        }
        return ["Slope intervals at other levels, OOM/yr [low; median; high]:", ""] + table.textLines()
    }

    private static func footnotes(_ report: TrendReport) -> [String] {
        var lines = ["Conventions:"] + report.settings.conventions.statements.map { "  " + $0 }
        lines.append("  doubling intervals are the slope intervals mapped to months (∞ where the slope interval reaches 0)")
        let excluded = (report.rows + report.domainRows).compactMap(\.estimate).map(\.excludedResamples).reduce(0, +)
        if excluded > 0 {
            lines.append("  \(excluded) resamples were excluded (fewer than \(report.settings.bootstrap.minimumDistinctSystems) distinct systems or a degenerate design)")
        }
        let nonPositive = report.dataset.nonPositiveValues
        if !nonPositive.isEmpty {
            lines.append("Values ≤ 0 (cannot be logged, left out):")
            lines += nonPositive.map { "  line \($0.line): \($0.name) = \($0.value.compactDescription)" }
        }
        return lines
    }

    private static func interval(_ interval: QuantileInterval?, digits: Int) -> String {
        guard let interval else { return "[no valid resamples]" }
        let values = interval.array.map { $0.isFinite ? $0.fixed(digits) : ($0 > 0 ? "∞" : "−∞") }
        return "[" + values.joined(separator: "; ") + "]"
    }

    private static func months(_ value: Double) -> String {
        value.isFinite ? value.fixed(1) : "∞"
    }
}
