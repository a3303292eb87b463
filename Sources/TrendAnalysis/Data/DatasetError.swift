/// Errors reading a dataset, each naming the source and, where known, the line and column.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The text is not valid CSV.
    case malformedCSV(source: String, line: Int?, reason: String)
    /// The source has no header row.
    case empty(source: String)
    /// Two or more columns of the header share a name (columns numbered from 1).
    case duplicateColumn(source: String, column: String, columnNumbers: [Int])
    /// A required column is missing; `role` says what it was for (e.g. "value column").
    case missingColumn(source: String, column: String, role: String, available: [String])
    /// A field cannot be read as the expected kind of value.
    case malformedField(source: String, line: Int, columnNumber: Int, column: String, text: String, expected: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .malformedCSV(let source, let line, let reason):
            "\(source)\(line.map { ":\($0)" } ?? ""): malformed CSV: \(reason)"
        case .empty(let source):
            "\(source): no header row"
        case .duplicateColumn(let source, let column, let columnNumbers):
            "\(source):1: the column name '\(column)' appears \(columnNumbers.count) times (columns \(columnNumbers.map(String.init).joined(separator: ", "))); every column needs its own name"
        case .missingColumn(let source, let column, let role, let available):
            "\(source): no column '\(column)' (the \(role)); the columns are: \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case .malformedField(let source, let line, let columnNumber, let column, let text, let expected):
            "\(source):\(line): column \(columnNumber) '\(column)': cannot read '\(text)' as \(expected)"
        }
    }
}
