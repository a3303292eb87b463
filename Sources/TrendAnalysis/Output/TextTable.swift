/// A plain-text table with aligned columns, for terminal output.
struct TextTable {
    /// How a column's cells are aligned.
    enum Alignment {
        case left
        case right
    }

    /// Column titles.
    var titles: [String]
    /// Alignment of each column.
    var alignments: [Alignment]
    /// Cell texts, one array per row.
    var rows: [[String]] = []

    /// The table as lines: titles, a rule, then the rows; columns separated by two spaces.
    func lines() -> [String] {
        let widths = titles.indices.map { column in
            ([titles[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [line(titles), rule] + rows.map(line)
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
