/// A shared table of numeric columns that many regression problems index into.
///
/// Values are stored column-major (`values[column * rowCount + row]`), the layout the
/// kernels read, so a batch uploads the table once however many problems use it.
public struct DataTable: Sendable, Equatable {
    /// Column names, in storage order.
    public let columnNames: [String]
    /// Number of rows in every column.
    public let rowCount: Int
    /// Column-major values.
    public let values: [Double]

    /// Creates a table from equally long named columns.
    public init(columns: [(name: String, values: [Double])]) throws(TrendFitError) {
        let rowCount = columns.first?.values.count ?? 0
        var names: [String] = []
        var values: [Double] = []
        values.reserveCapacity(rowCount * columns.count)
        for column in columns {
            guard column.values.count == rowCount else {
                throw .invalidTable("column '\(column.name)' has \(column.values.count) rows, expected \(rowCount)")
            }
            guard !names.contains(column.name) else {
                throw .invalidTable("column '\(column.name)' appears twice")
            }
            names.append(column.name)
            values.append(contentsOf: column.values)
        }
        self.columnNames = names
        self.rowCount = rowCount
        self.values = values
    }

    /// Number of columns.
    public var columnCount: Int { columnNames.count }

    /// The index of the column called `name`, or nil.
    public func columnIndex(named name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }

    /// The value at `row` of `column`.
    public subscript(row: Int, column: Int) -> Double {
        values[column * rowCount + row]
    }

    /// The values of one column.
    public func column(_ column: Int) -> ArraySlice<Double> {
        values[(column * rowCount)..<((column + 1) * rowCount)]
    }
}
