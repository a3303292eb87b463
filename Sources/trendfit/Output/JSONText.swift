import Foundation

/// Encodes command results as one JSON object, keys in a stable order.
enum JSONText {
    /// The JSON text of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
