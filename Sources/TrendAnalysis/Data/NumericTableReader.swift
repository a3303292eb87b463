import Foundation
import SwiftCSV
import TrendFit

/// Reads named numeric columns of a CSV file into a `DataTable` (for `trendfit fit` and `bootstrap`).
///
/// Every cell of a requested column must be a finite number: an empty or non-numeric cell is an
/// error naming the file, line and column, so no row is dropped silently.
public enum NumericTableReader {
    /// Reads `columns` from the CSV file at `path`.
    public static func read(path: String, columns: [String]) throws(DatasetError) -> DataTable {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        return try read(csv: text, source: path, columns: columns)
    }

    /// Reads `columns` from CSV `text`; `source` names it in errors.
    public static func read(csv text: String, source: String, columns: [String]) throws(DatasetError) -> DataTable {
        let lineMap = try CSVLineMap(text: text, source: source)
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw .malformedCSV(source: source, line: nil, reason: "\(error)")
        }
        let header = csv.header.map { String($0.trimmingASCIIWhitespace()) }
        guard header.contains(where: { !$0.isEmpty }) else { throw .empty(source: source) }
        var indices: [Int] = []
        for name in columns {
            guard let index = header.firstIndex(of: name) else {
                throw .missingColumn(source: source, column: name, role: "requested column", available: header)
            }
            indices.append(index)
        }
        var values = Array(repeating: [Double](), count: columns.count)
        for (rowIndex, fields) in csv.rows.enumerated() where fields.contains(where: { !$0.isEmpty }) {
            for (slot, index) in indices.enumerated() {
                let text = index < fields.count ? String(fields[index].trimmingASCIIWhitespace()) : ""
                guard let value = Double(text), value.isFinite else {
                    throw .malformedField(source: source, line: lineMap.line(record: rowIndex + 1, field: index),
                                          columnNumber: index + 1, column: columns[slot],
                                          text: text, expected: text.isEmpty ? "a number (the cell is empty)" : "a finite number")
                }
                values[slot].append(value)
            }
        }
        do {
            return try DataTable(columns: zip(columns, values).map { (name: $0, values: $1) })
        } catch {
            throw .malformedCSV(source: source, line: nil, reason: error.description)
        }
    }
}
