import TrendAnalysis

/// The shape of a JSON document: the keys of every object and the type of every value, as the
/// command-line contract promises them.
indirect enum JSONShape: Sendable {
    case string
    case number
    /// A number with no fractional part.
    case integer
    case bool
    /// A value of this shape, or null (a non-finite number, a missing result).
    case nullable(JSONShape)
    /// An array whose elements all have this shape.
    case array(JSONShape)
    /// An object with exactly these keys (an `optional` one may be absent).
    case object([String: JSONShape])
    /// An object with any keys, each value of this shape.
    case dictionary(JSONShape)
    /// A key that may be absent (only inside `object`).
    case optional(JSONShape)

    /// Where `value` departs from the shape, each with its path from `path`; empty when it fits.
    func mismatches(_ value: JSONValue, at path: String = "$") -> [String] {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.bool, .bool), (.nullable, .null):
            return []
        case (.nullable(let shape), _):
            return shape.mismatches(value, at: path)
        case (.integer, .number(let number)):
            return number.rounded() == number ? [] : ["\(path): \(number) is not an integer"]
        case (.optional(let shape), _):
            return shape.mismatches(value, at: path)
        case (.array(let element), .array(let values)):
            return values.enumerated().flatMap { element.mismatches($1, at: "\(path)[\($0)]") }
        case (.dictionary(let element), .object(let members)):
            return members.sorted { $0.key < $1.key }.flatMap { element.mismatches($1, at: "\(path).\($0)") }
        case (.object(let keys), .object(let members)):
            let missing = keys.filter { key, shape in
                if case .optional = shape { return false }
                return members[key] == nil
            }.keys.sorted().map { "\(path).\($0) is missing" }
            let extra = members.keys.filter { keys[$0] == nil }.sorted().map { "\(path).\($0) is not in the contract" }
            let values = members.sorted { $0.key < $1.key }.flatMap { key, member in
                keys[key].map { $0.mismatches(member, at: "\(path).\(key)") } ?? []
            }
            return missing + extra + values
        default:
            return ["\(path): \(value.canonicalText.prefix(60)) is not \(self)"]
        }
    }
}
