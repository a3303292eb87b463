/// Rows of cells under column titles, rendered as aligned text for a person or as CSV for a
/// program: the one table renderer of the reports and of every `trendfit` command.
public struct Table: Sendable, Equatable {
    /// How a column's cells are aligned in text.
    public enum Alignment: Sendable, Equatable {
        case left
        case right
    }

    /// Column titles (the CSV header).
    public var titles: [String]
    /// Alignment of each column in text.
    public var alignments: [Alignment]
    /// The cells, one array per row, one cell per column.
    public var rows: [[TableCell]]

    /// A table of typed cells; columns are left-aligned unless `alignments` says otherwise.
    public init(titles: [String], alignments: [Alignment]? = nil, rows: [[TableCell]] = []) {
        self.titles = titles
        self.alignments = alignments ?? titles.map { _ in .left }
        self.rows = rows
    }

    /// A table of text cells, formatted by the caller for a person.
    public init(titles: [String], alignments: [Alignment]? = nil, textRows: [[String]]) {
        self.init(titles: titles, alignments: alignments, rows: textRows.map { $0.map(TableCell.text) })
    }

    /// Appends a row of text cells.
    public mutating func append(_ texts: [String]) {
        rows.append(texts.map(TableCell.text))
    }

    /// The table as aligned text lines: the titles, a rule of `─` under each column when `ruled`,
    /// then the rows; columns padded to their widest cell and separated by two spaces, lines
    /// without trailing spaces.
    public func textLines(ruled: Bool = true) -> [String] {
        let texts = rows.map { $0.map(\.text) }
        let widths = titles.indices.map { column in ([titles[column]] + texts.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var text = cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = ruled ? [widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] : []
        return [line(titles)] + rule + texts.map(line)
    }

    /// The table as CSV lines (RFC 4180 quoting): the header of titles, then the rows.
    public func csvLines() -> [String] {
        [Self.csvLine(titles.map(TableCell.text))] + rows.map(Self.csvLine)
    }

    /// One CSV line of `cells`, for rows written one at a time.
    public static func csvLine(_ cells: [TableCell]) -> String {
        cells.map(\.csvField).joined(separator: ",")
    }
}
