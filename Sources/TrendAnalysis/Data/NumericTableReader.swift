import TrendFit

/// Reads named numeric columns of a CSV file into a `DataTable` (for `trendfit fit` and `bootstrap`).
///
/// Every cell of a requested column must be a finite number: an empty or non-numeric cell is an
/// error naming the file, line and column, so no row is dropped silently. Blank lines are ignored.
public enum NumericTableReader {
    /// Reads `columns` from the CSV file at `path`.
    public static func read(path: String, columns: [String]) throws(DatasetError) -> DataTable {
        try table(from: CSVDocument(path: path), columns: columns)
    }

    /// Reads `columns` from CSV `text`; `source` names it in errors.
    public static func read(csv text: String, source: String, columns: [String]) throws(DatasetError) -> DataTable {
        try table(from: CSVDocument(text: text, source: source), columns: columns)
    }

    private static func table(from document: CSVDocument, columns: [String]) throws(DatasetError) -> DataTable {
        var indices: [Int] = []
        for name in columns { indices.append(try document.column(named: name, role: "requested column")) }
        var values = Array(repeating: [Double](), count: columns.count)
        for record in document.records {
            for (slot, column) in indices.enumerated() {
                let text = record.field(column)
                guard let value = Double(text), value.isFinite else {
                    throw document.malformedField(record, column: column,
                                                  expected: text.isEmpty ? "a number (the cell is empty)" : "a finite number")
                }
                values[slot].append(value)
            }
        }
        do {
            return try DataTable(columns: zip(columns, values).map { (name: $0, values: $1) })
        } catch {
            throw .malformedCSV(source: document.source, line: nil, reason: error.description)
        }
    }
}
