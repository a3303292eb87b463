import Foundation
import SwiftCSV

/// A CSV text parsed into a trimmed header and its non-blank data records, each field knowing the
/// physical line it starts on, so that errors can name the source, line and column.
struct CSVDocument {
    /// One non-blank data record.
    struct Record {
        /// Record number in the text (the header is record 0).
        let index: Int
        /// Raw fields, as SwiftCSV read them.
        let fields: [String]

        /// The field in `column` without surrounding whitespace; empty when the record is short.
        func field(_ column: Int) -> String {
            column < fields.count ? String(fields[column].trimmingASCIIWhitespace()) : ""
        }
    }

    /// Where the text came from, for messages.
    let source: String
    /// Column names, trimmed.
    let header: [String]
    /// Data records that have at least one non-empty field.
    let records: [Record]
    private let lineMap: CSVLineMap

    /// Reads and parses the file at `path`.
    init(path: String) throws(DatasetError) {
        let text: String
        do {
            text = try TextFile.text(path: path)
        } catch {
            throw .unreadableFile(path: path, reason: "\(error)")
        }
        try self.init(text: text, source: path)
    }

    /// Parses `text`; `source` names it in errors.
    init(text: String, source: String) throws(DatasetError) {
        let lineMap = try CSVLineMap(text: text, source: source)
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch let error as CSVParseError {
            switch error {
            case .generic(let message), .quotation(let message):
                throw .malformedCSV(source: source, line: nil, reason: message)
            }
        } catch {
            throw .malformedCSV(source: source, line: nil, reason: "\(error)")
        }
        let header = csv.header.map { String($0.trimmingASCIIWhitespace()) }
        guard header.contains(where: { !$0.isEmpty }) else { throw .empty(source: source) }
        if let repeated = header.indices.first(where: { i in !header[i].isEmpty && header[..<i].contains(header[i]) }) {
            let name = header[repeated]
            throw .duplicateColumn(source: source, column: name, columnNumbers: header.indices.filter { header[$0] == name }.map { $0 + 1 })
        }
        self.source = source
        self.header = header
        self.lineMap = lineMap
        self.records = csv.rows.enumerated().compactMap { offset, fields in
            fields.contains { !$0.isEmpty } ? Record(index: offset + 1, fields: fields) : nil
        }
    }

    /// The index of the column called `name`; `role` says what it is for in the error.
    func column(named name: String, role: String) throws(DatasetError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .missingColumn(source: source, column: name, role: role, available: header)
        }
        return index
    }

    /// Line on which `record`'s field in `column` starts.
    func line(of record: Record, column: Int) -> Int {
        lineMap.line(record: record.index, field: column)
    }

    /// The error for a field of `record` that cannot be read as `expected`.
    func malformedField(_ record: Record, column: Int, expected: String) -> DatasetError {
        .malformedField(source: source, line: line(of: record, column: column), columnNumber: column + 1,
                        column: header[column], text: record.field(column), expected: expected)
    }
}
