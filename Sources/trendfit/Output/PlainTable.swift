import Foundation

/// Left-aligned text columns for a person, and CSV for a spreadsheet.
enum PlainTable {
    /// Renders `rows` under `header`, columns padded to their widest cell.
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

/// Comma-separated values with minimal quoting.
enum CSVText {
    /// Renders `rows` under `header`.
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n")
    }

    private static func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
