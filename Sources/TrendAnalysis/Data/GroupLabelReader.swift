/// Reads a CSV column as group labels (for stratified and cluster resampling): rows with the same
/// text share a label; labels number the distinct texts in order of first appearance.
///
/// Every cell must hold a text: an empty cell is an error naming the file, line and column, so no
/// row joins a group silently.
public enum GroupLabelReader {
    /// The labels of `column` in the CSV file at `path`, one per data record, with the number of groups.
    public static func read(path: String, column: String) throws(DatasetError) -> (labels: [Int32], groupCount: Int) {
        try labels(from: CSVDocument(path: path), column: column)
    }

    /// The labels of `column` in CSV `text`; `source` names it in errors.
    public static func read(csv text: String, source: String, column: String) throws(DatasetError) -> (labels: [Int32], groupCount: Int) {
        try labels(from: CSVDocument(text: text, source: source), column: column)
    }

    private static func labels(from document: CSVDocument, column name: String) throws(DatasetError) -> (labels: [Int32], groupCount: Int) {
        let column = try document.column(named: name, role: "group column")
        var numbers: [String: Int32] = [:]
        var labels: [Int32] = []
        for record in document.records {
            let text = record.field(column)
            guard !text.isEmpty else { throw document.malformedField(record, column: column, expected: "a group (the cell is empty)") }
            if numbers[text] == nil { numbers[text] = Int32(numbers.count) }
            labels.append(numbers[text]!)
        }
        return (labels, numbers.count)
    }
}
