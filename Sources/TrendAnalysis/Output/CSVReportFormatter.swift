import Foundation

/// Formats a `TrendReport` as CSV: one line per era row, then per domain row, with the conventions
/// (days per year and month, confidence) repeated on every line so the file describes itself.
public enum CSVReportFormatter {
    /// Column names, in order.
    public static let header = [
        "table", "period", "periodStart", "periodEnd", "subset", "domain", "n", "firstDate", "lastDate",
        "slope", "slopeLow", "slopeMedian", "slopeHigh", "doublingMonths", "doublingLow", "doublingMedian",
        "doublingHigh", "growthPerYear", "rSquared", "scaleStart", "scaleEnd", "validResamples",
        "excludedResamples", "daysPerYear", "daysPerMonth", "confidence", "note",
    ]

    /// The report as CSV text with a header line, ending with a newline.
    public static func format(_ report: TrendReport) -> String {
        let lines = [header] + report.rows.map { fields($0, table: "era", report) }
            + report.domainRows.map { fields($0, table: "domain", report) }
        return lines.map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func fields(_ row: TrendRow, table: String, _ report: TrendReport) -> [String] {
        let estimate = row.estimate
        func number(_ value: Double?) -> String {
            value.map { $0.isFinite ? "\($0)" : ($0 > 0 ? "inf" : "-inf") } ?? ""
        }
        return [
            table, row.period.name, row.period.range.start?.description ?? "", row.period.range.end?.description ?? "",
            row.subset.rawValue, row.domain ?? "", String(row.n), row.firstDate.description, row.lastDate.description,
            number(estimate?.slope), number(estimate?.slopeInterval?.low), number(estimate?.slopeInterval?.median),
            number(estimate?.slopeInterval?.high), number(estimate?.doublingMonths),
            number(estimate?.doublingInterval?.low), number(estimate?.doublingInterval?.median),
            number(estimate?.doublingInterval?.high), number(estimate?.growthPerYear), number(estimate?.rSquared ?? nil),
            number(estimate?.scaleStart), number(estimate?.scaleEnd),
            estimate.map { String($0.validResamples) } ?? "", estimate.map { String($0.excludedResamples) } ?? "",
            number(report.settings.conventions.daysPerYear), number(report.settings.conventions.daysPerMonth),
            number(report.settings.bootstrap.confidence), row.note ?? "",
        ]
    }

    /// The field quoted when it holds a comma, quote or line break (RFC 4180).
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
