import Foundation

/// Formats a `TrendReport` as CSV: one line per era row, then per domain row, with the conventions
/// (days per year and month, confidence) repeated on every line so the file describes itself.
public enum CSVReportFormatter {
    /// Column names, in order.
    public static let header = ["table"] + TrendRowCells.columns + ["daysPerYear", "daysPerMonth", "confidence", "note"]

    /// The report as CSV text with a header line, ending with a newline.
    public static func format(_ report: TrendReport) -> String {
        let table = Table(titles: header, rows: report.rows.map { cells($0, table: "era", report) }
                              + report.domainRows.map { cells($0, table: "domain", report) })
        return table.csvLines().joined(separator: "\n") + "\n"
    }

    private static func cells(_ row: TrendRow, table: String, _ report: TrendReport) -> [TableCell] {
        [.text(table)] + TrendRowCells.cells(row) + [
            .number(report.settings.conventions.daysPerYear), .number(report.settings.conventions.daysPerMonth),
            .number(report.settings.bootstrap.confidence), .text(row.note ?? ""),
        ]
    }
}
