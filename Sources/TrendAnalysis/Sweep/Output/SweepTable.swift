/// The layout of a sweep's output: a metadata line, a header line (CSV), then one line per row with
/// the configuration index, the swept values (one column per swept setting, the domain in the
/// `domain` column) and the trend's statistics; when the spec compares trends, the comparison
/// columns follow (empty in trend rows; in a comparison row the trend columns name its first trend).
public struct SweepTable: Sendable {
    /// The format.
    public let format: SweepOutputFormat
    /// Column names (also the keys of JSON Lines objects).
    public let columns: [String]
    /// Dimensions that get a column of their own (every one but the domain).
    private let valueDimensions: [Int]
    /// Whether the comparison columns are present.
    private let hasComparisons: Bool

    /// The table of `spec`'s rows in `format`.
    public init(spec: SweepSpec, format: SweepOutputFormat) {
        self.format = format
        valueDimensions = spec.dimensions.indices.filter { spec.dimensions[$0].setting != .domain }
        hasComparisons = !spec.comparisons.isEmpty
        columns = ["configuration"] + valueDimensions.map { spec.dimensions[$0].name } + TrendRowCells.columns
            + (hasComparisons ? ComparisonCells.columns : []) + ["note"]
    }

    /// The lines that open the output: metadata, then (CSV) the header.
    public func openingLines(_ metadata: SweepMetadata) -> [String] {
        [metadata.line(format)] + (format == .csv ? [columns.joined(separator: ",")] : [])
    }

    /// The line of one row, without a line break.
    public func line(_ row: SweepRow) -> String {
        let cells: [TableCell] = [.integer(row.configuration)] + valueDimensions.map { row.values[$0].cell }
            + TrendRowCells.cells(row.trend) + (hasComparisons ? ComparisonCells.cells(row.comparison) : [])
            + [(row.comparison?.result.note ?? row.trend.note).map(TableCell.text) ?? .empty]
        switch format {
        case .csv:
            return cells.map(\.csvField).joined(separator: ",")
        case .jsonl:
            return JSONValue.object(Dictionary(uniqueKeysWithValues: zip(columns, cells.map(\.jsonValue)))).canonicalText
        }
    }
}
