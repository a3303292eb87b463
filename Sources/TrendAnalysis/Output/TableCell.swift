/// One typed cell of a machine-readable table, written as CSV text or as a JSON value.
public enum TableCell: Sendable, Equatable {
    /// Text.
    case text(String)
    /// A number; a non-finite one is written `inf`, `-inf` or `nan` in text and CSV and null in JSON.
    case number(Double)
    /// A count.
    case integer(Int)
    /// No value.
    case empty

    /// The cell as plain text: a number as Swift prints it (`inf`, `-inf` or `nan` when not finite).
    public var text: String {
        switch self {
        case .text(let text): text
        case .number(let number): number.isFinite || number.isNaN ? "\(number)" : (number > 0 ? "inf" : "-inf")
        case .integer(let count): String(count)
        case .empty: ""
        }
    }

    /// The cell as a CSV field: its text, quoted when it holds a comma, quote or line break (RFC 4180).
    public var csvField: String {
        let text = self.text
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The cell as a JSON value (non-finite numbers and empty cells as null).
    public var jsonValue: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .number(let number): number.isFinite ? .number(number) : .null
        case .integer(let count): .number(Double(count))
        case .empty: .null
        }
    }

    /// A number cell, or an empty one for nil.
    static func optional(_ number: Double?) -> TableCell {
        number.map(TableCell.number) ?? .empty
    }
}
