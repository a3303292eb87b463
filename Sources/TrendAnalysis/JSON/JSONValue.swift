import Foundation

/// A JSON document as a tree (read by `JSONParser`), booleans and numbers distinct.
public enum JSONValue: Sendable, Equatable, Encodable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number (JSON numbers are read as doubles).
    case number(Double)
    /// A string.
    case string(String)
    /// A list.
    case array([JSONValue])
    /// An object; key order is not kept.
    case object([String: JSONValue])

    /// Parses JSON text; an error names the line and column.
    public init(parsing data: Data) throws(JSONSyntaxError) {
        self = try JSONParser.parse(Array(data))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as compact JSON with sorted keys: the same tree always gives the same text.
    public var canonicalText: String {
        // A tree of strings, numbers and the like always encodes (non-finite numbers as null).
        (try? JSONText.encode(self)) ?? "null"
    }

    /// What kind of value this is, for error messages: `null`, `a boolean`, `a number`, ….
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
