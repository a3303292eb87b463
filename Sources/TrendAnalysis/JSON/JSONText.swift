import Foundation

/// Encodes results as JSON text, keys sorted so that output is reproducible, every non-finite
/// number (an unbounded doubling time, an estimate beyond double's range) written as `null`: encoding
/// never fails on a number.
public enum JSONText {
    /// Stands for a non-finite number while encoding; a control character no encoder leaves unescaped.
    private static let nonFiniteMarker = "\u{1}non-finite"

    /// The JSON text of `value`: compact on one line, or pretty-printed.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFiniteMarker, negativeInfinity: nonFiniteMarker, nan: nonFiniteMarker)
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return text.replacingOccurrences(of: "\"\\u0001non-finite\"", with: "null")
    }
}
