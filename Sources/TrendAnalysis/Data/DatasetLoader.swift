/// Reads a `Dataset` from CSV: maps columns, parses dates and values, and counts what it skips.
///
/// Records without a date or without a value are skipped and counted; a value ≤ 0 is listed in
/// `nonPositiveValues`; an unreadable date or value is an error naming the source, line and column.
/// Blank lines are ignored.
public struct DatasetLoader: Sendable {
    /// The columns to read.
    public var columns: ColumnMapping

    /// Creates a loader for the given column mapping.
    public init(columns: ColumnMapping = ColumnMapping()) {
        self.columns = columns
    }

    /// Reads the CSV file at `path`.
    public func load(path: String) throws(DatasetError) -> Dataset {
        try load(try CSVDocument(path: path))
    }

    /// Reads CSV `text`; `source` names it in errors and reports.
    public func load(csv text: String, source: String) throws(DatasetError) -> Dataset {
        try load(try CSVDocument(text: text, source: source))
    }

    private func load(_ document: CSVDocument) throws(DatasetError) -> Dataset {
        let nameColumn = try document.column(named: columns.name, role: "name column")
        let dateColumn = try document.column(named: columns.date, role: "date column")
        let valueColumn = try document.column(named: columns.value, role: "value column")
        var attributeColumns: [SystemAttribute: Int] = [:]
        for attribute in SystemAttribute.allCases {
            attributeColumns[attribute] = document.header.firstIndex(of: columns.column(for: attribute))
        }

        var dataset = Dataset(source: document.source, columns: columns, availableAttributes: Set(attributeColumns.keys),
                              systems: [], recordCount: document.records.count)
        for record in document.records {
            let dateText = record.field(dateColumn)
            let valueText = record.field(valueColumn)
            let date = CalendarDate(parsing: dateText)
            guard dateText.isEmpty || date != nil else {
                throw document.malformedField(record, column: dateColumn, expected: "a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or YYYY)")
            }
            let value = Double(valueText)
            guard valueText.isEmpty || value?.isFinite == true else {
                throw document.malformedField(record, column: valueColumn, expected: "a number")
            }
            guard let date else {
                dataset.skippedMissingDate += 1
                continue
            }
            guard let value else {
                dataset.skippedMissingValue += 1
                continue
            }
            guard value > 0 else {
                dataset.nonPositiveValues.append(NonPositiveValue(
                    name: record.field(nameColumn), line: document.line(of: record, column: valueColumn), value: value))
                continue
            }
            func list(_ attribute: SystemAttribute) -> [String] {
                guard let column = attributeColumns[attribute] else { return [] }
                return record.field(column).split(separator: ",").map { String($0.trimmingASCIIWhitespace()) }.filter { !$0.isEmpty }
            }
            dataset.systems.append(MLSystem(
                name: record.field(nameColumn), date: date, value: value, domains: list(.domain),
                notabilityCriteria: list(.notability), confidence: attributeColumns[.confidence].map(record.field) ?? "",
                organizationCategories: list(.organizationCategory), line: document.line(of: record, column: 0)))
        }
        return dataset
    }
}
